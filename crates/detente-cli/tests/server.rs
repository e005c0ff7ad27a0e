//! `detente serve`, end to end: the API over a store holding the seed, 50 more articles and
//! an article made of script payloads; hostile values on every parameter; body size, rate
//! and token limits with JSON errors; and the dashboard in headless Chromium
//! (crates/detente-server/tests/browser/dashboard.mjs, screenshots in target/screenshots).
//! The browser part needs node and /usr/bin/chromium (scripts/test installs both); without
//! them it skips and says so, except under CI=true, where that is a failure.

mod common;

use common::{bin, corpus, repo, run, tempdir};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &Path, extra: &[&str]) -> Server {
    let mut child = bin()
        .args([
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn detente serve");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).expect("read server output") == 0 {
            panic!("the server stopped before listening");
        }
        if let Some(rest) = line.trim().strip_prefix("detente: serving http://") {
            let addr = rest.split('/').next().unwrap().to_string();
            // keep draining the server's stderr so it never blocks on a full pipe
            std::thread::spawn(move || {
                let mut sink = String::new();
                let _ = lines.read_to_string(&mut sink);
            });
            return Server { child, addr };
        }
    }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }
}

/// A minimal HTTP/1.1 client: one request per connection.
fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        headers: head.to_lowercase(),
        body: body.to_string(),
    }
}

fn get(addr: &str, path: &str) -> Reply {
    http(addr, "GET", path, &[], b"")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

const XSS_TEXT: &str = "<img src=x onerror=\"window.__xss=1;alert(1)\"> Russia expelled eight NATO diplomats on Wednesday. \
<script>window.__xss=1;alert('xss')</script> The alliance said the move was <b onmouseover=alert(1)>unjustified</b>.";

/// A store with the seed, 50 generated articles and the payload article; returns its path
/// and the payload article's store id.
fn build_store(dir: &Path) -> (std::path::PathBuf, i64) {
    let mut jsonl = corpus(50, 3);
    jsonl.push_str(
        &serde_json::json!({"id": "xss", "published": "2022-01-12", "outlet": "<script>alert('outlet')</script>",
            "title": "<img src=x onerror=alert('title')> title", "text": XSS_TEXT})
        .to_string(),
    );
    jsonl.push('\n');
    let input = dir.join("more.jsonl");
    std::fs::write(&input, jsonl).unwrap();
    let db = dir.join("serve.db");
    let seed = repo().join("examples/ru-main-2022-01-14-russia-nato.txt");
    for path in [seed.as_path(), input.as_path()] {
        let out = run(
            &[
                "ingest",
                path.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
                "-q",
            ],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut store = detente_store::Store::open(db.to_str().unwrap()).unwrap();
    let id = store
        .backend()
        .query(
            "SELECT id FROM documents WHERE ext_id = $1",
            &["xss".into()],
        )
        .unwrap()[0][0]
        .int()
        .unwrap();
    (db, id)
}

#[test]
fn the_api_answers_and_refuses_hostile_input() {
    let dir = tempdir();
    let (db, xss_id) = build_store(&dir);
    let server = start(&db, &["--max-body", "100000"]);
    let a = server.addr.as_str();

    let doc = get(a, "/api/openapi.json").json();
    for p in [
        "/api/analyze",
        "/api/ingest",
        "/api/articles",
        "/api/articles/{id}",
        "/api/events",
        "/api/quotes",
        "/api/actors",
        "/api/actors/{principal}",
        "/api/dyad",
        "/api/search",
    ] {
        assert!(doc["paths"].get(p).is_some(), "openapi lacks {p}");
    }
    let home = get(a, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("content-security-policy: default-src 'none'; script-src 'self'")
    );
    assert!(home.headers.contains("x-content-type-options: nosniff"));

    let dyad = get(a, "/api/dyad?a=RUS&b=NATO&by=week").json();
    assert!(dyad["events"].as_i64().unwrap() > 0, "{dyad}");
    let fomin = get(a, "/api/quotes?speaker=fomin").json();
    assert!(
        fomin["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["speaker_code"] == "RUSGOVMIL")
    );
    let art = get(a, &format!("/api/articles/{xss_id}")).json();
    assert!(
        art["document"]["text"]
            .as_str()
            .unwrap()
            .contains("<script>"),
        "the payload is kept as text"
    );

    // hostile values on every parameter: never a server error, never more than asked for
    let counts_before = detente_store::Store::open(db.to_str().unwrap())
        .unwrap()
        .counts()
        .unwrap();
    let payloads = [
        "' OR '1'='1",
        "1; DROP TABLE events; --",
        "\" OR 1=1 --",
        "%",
        "_",
        "' UNION SELECT hash, hash FROM documents --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "NATO\0",
    ];
    let endpoints: &[(&str, &[&str])] = &[
        (
            "/api/events",
            &[
                "actor", "with", "code", "from", "to", "text", "limit", "offset",
            ],
        ),
        (
            "/api/quotes",
            &["speaker", "from", "to", "text", "limit", "offset"],
        ),
        ("/api/articles", &["from", "to", "story", "limit", "offset"]),
        ("/api/actors", &["q", "limit"]),
        (
            "/api/dyad",
            &["a", "b", "from", "to", "by", "baseline_from"],
        ),
        ("/api/search", &["q", "limit", "offset"]),
    ];
    let mut checked = 0;
    for (path, params) in endpoints {
        for param in *params {
            for p in payloads {
                let mut query = format!("{param}={}", enc(p));
                if *path == "/api/dyad" && *param != "a" && *param != "b" {
                    query.push_str("&a=RUS&b=NATO");
                }
                let r = get(a, &format!("{path}?{query}"));
                assert!(
                    matches!(r.status, 200 | 400 | 404),
                    "{path}?{query}: {} {}",
                    r.status,
                    r.body
                );
                let v = r.json();
                if r.status == 200 && matches!(*param, "actor" | "with" | "speaker" | "code") {
                    assert_eq!(
                        v["items"].as_array().map(Vec::len),
                        Some(0),
                        "{path}?{query}: {v}"
                    );
                }
                if r.status != 200 {
                    assert!(v["error"].is_string());
                }
                checked += 1;
            }
        }
    }
    for p in payloads {
        let r = get(a, &format!("/api/articles/{}", enc(p)));
        assert!(matches!(r.status, 400 | 404), "{p}: {}", r.status);
        let r = get(a, &format!("/api/actors/{}", enc(p)));
        assert!(matches!(r.status, 200 | 400), "{p}: {}", r.status);
        if r.status == 200 {
            assert_eq!(r.json()["partners"].as_array().map(Vec::len), Some(0));
        }
    }
    let counts_after = detente_store::Store::open(db.to_str().unwrap())
        .unwrap()
        .counts()
        .unwrap();
    assert_eq!(
        counts_before, counts_after,
        "the store changed under {checked} hostile requests"
    );

    // bodies over the limit, and writes without a token
    let big = vec![b'a'; 200_000];
    let r = http(
        a,
        "POST",
        "/api/analyze",
        &[("Content-Type", "text/plain")],
        &big,
    );
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.json()["error"].as_str().unwrap().contains("body"));
    let r = http(
        a,
        "POST",
        "/api/analyze?published=2022-01-14",
        &[("Content-Type", "text/plain")],
        "Russia expelled eight NATO diplomats on Wednesday.".as_bytes(),
    );
    assert_eq!(r.status, 200);
    assert!(
        r.headers.contains("content-type: application/json"),
        "{}",
        r.headers
    );
    assert_eq!(r.json()["events"][0]["cameo"], "161");
    // only the events, with the coder's notes; a misspelt member is refused
    let r = http(
        a,
        "POST",
        "/api/analyze?published=2022-01-14&fields=events&explain=true",
        &[("Content-Type", "text/plain")],
        "Russia expelled eight NATO diplomats on Wednesday.".as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["events"][0]["cameo"], "161", "{v}");
    assert!(
        v.get("mentions").is_none() && v["document"].get("text").is_none(),
        "{v}"
    );
    assert!(
        !v["explain"][0]["notes"].as_array().unwrap().is_empty(),
        "{v}"
    );
    let r = http(
        a,
        "POST",
        "/api/analyze?fields=evnts",
        &[("Content-Type", "text/plain")],
        b"Russia expelled eight NATO diplomats.",
    );
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"].as_str().unwrap().contains("evnts"),
        "{}",
        r.body
    );
    let r = http(
        a,
        "POST",
        "/api/analyze",
        &[("Content-Type", "application/json")],
        b"{\"id\": 1}",
    );
    assert_eq!(r.status, 400);
    let r = http(
        a,
        "POST",
        "/api/ingest",
        &[("Content-Type", "application/json")],
        br#"{"id":"n","text":"x"}"#,
    );
    assert_eq!(r.status, 403, "read-only by default: {}", r.body);
    drop(server);

    let server = start(&db, &["--token", "s3cret"]);
    let a = server.addr.as_str();
    let rec = br#"{"id":"new-1","published":"2022-02-01","text":"Turkey held talks with Iran in Ankara on Monday."}"#;
    let dyad_path = "/api/dyad?a=TUR&b=IRN&from=2022-01-01&to=2022-03-01&by=month";
    let before = get(a, dyad_path).json()["events"].as_i64().unwrap();
    let r = http(
        a,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer wrong")],
        rec,
    );
    assert_eq!(r.status, 401);
    let r = http(
        a,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer s3cret")],
        rec,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["stored"], 1);
    // the cached series is dropped when the store changes
    let after = get(a, dyad_path).json()["events"].as_i64().unwrap();
    assert!(
        after > before,
        "dyad TUR-IRN: {before} events before the ingest, {after} after"
    );
    let r = http(
        a,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer s3cret")],
        rec,
    );
    assert_eq!(r.json()["known"], 1, "re-ingest is a no-op");
    drop(server);

    let server = start(&db, &["--rate", "5"]);
    let limited: Vec<Reply> = (0..40).map(|_| get(&server.addr, "/api/actors")).collect();
    let refused = limited.iter().filter(|r| r.status == 429).count();
    assert!(refused > 0, "no request was limited");
    let r = limited.iter().find(|r| r.status == 429).unwrap();
    assert!(r.headers.contains("retry-after: 1"));
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("too many requests")
    );
}

#[test]
fn the_dashboard_works_in_headless_chromium() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let browser_dir = repo().join("crates/detente-server/tests/browser");
    let ready = Path::new("/usr/bin/chromium").exists()
        && browser_dir.join("node_modules/playwright-core").is_dir()
        && std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_ok();
    if !ready {
        assert!(
            !ci,
            "CI=true but chromium, node or playwright-core is missing: scripts/test installs them"
        );
        eprintln!(
            "SKIPPED: needs /usr/bin/chromium, node and {}/node_modules (scripts/test installs them)",
            browser_dir.display()
        );
        return;
    }
    let dir = tempdir();
    let (db, xss_id) = build_store(&dir);
    let server = start(&db, &[]);
    let shots = repo().join("target/screenshots/dashboard");
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).unwrap();
    let seed = repo().join("examples/ru-main-2022-01-14-russia-nato.txt");
    let out = std::process::Command::new("node")
        .arg(browser_dir.join("dashboard.mjs"))
        .arg(format!("http://{}", server.addr))
        .arg(&shots)
        .arg(xss_id.to_string())
        .arg(&seed)
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    let pngs = std::fs::read_dir(&shots).unwrap().count();
    assert!(pngs >= 5, "screenshots: {pngs}");
    eprintln!("{text}");
}
