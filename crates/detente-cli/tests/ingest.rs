//! `detente ingest` and the store commands, end to end through the binary: idempotent
//! re-ingest, a crash test (kill -9 at several points, then resume: the store ends exactly
//! as after an uninterrupted run), the five-outlet story counted once, folders and globs
//! with a bad file in them.

mod common;

use common::{bin, corpus, run, tempdir};
use detente_store::{Store, Value};
use std::path::Path;
use std::time::Instant;

/// Everything that defines a store's content, ids included.
fn dump(db: &Path) -> Vec<String> {
    let mut s = Store::open(&db.display().to_string()).expect("open store");
    let mut out = Vec::new();
    for (name, sql) in [
        (
            "doc",
            "SELECT id, hash, ext_id, story_id FROM documents ORDER BY id",
        ),
        (
            "event",
            "SELECT id, key, num_reports, num_articles, num_stories, first_doc FROM events ORDER BY id",
        ),
        (
            "report",
            "SELECT doc_id, idx, event_id, cameo, rule FROM event_reports ORDER BY doc_id, idx",
        ),
        (
            "quote",
            "SELECT doc_id, idx, speaker_code, text FROM quotes ORDER BY doc_id, idx",
        ),
        ("band", "SELECT COUNT(*), SUM(band % 1000) FROM doc_bands"),
    ] {
        for row in s.backend().query(sql, &[]).expect("dump query") {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Int(x) => format!("{x:?}"),
                    Value::Real(x) => format!("{x:?}"),
                    Value::Text(x) => format!("{x:?}"),
                    Value::Bytes(x) => format!("{:?}", x.as_ref().map(Vec::len)),
                })
                .collect();
            out.push(format!("{name} {}", cells.join("|")));
        }
    }
    // the full-text index agrees with its documents
    s.backend()
        .execute(
            "INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')",
            &[],
        )
        .expect("FTS index intact");
    out
}

fn documents_in(db: &Path) -> i64 {
    if !db.exists() {
        return 0;
    }
    Store::open(&db.display().to_string())
        .and_then(|mut s| s.counts())
        .map(|c| c.documents)
        .unwrap_or(0)
}

fn ingest(db: &Path, input: &Path) -> std::process::Output {
    run(
        &[
            "ingest",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--batch",
            "64",
            "--quiet",
        ],
        None,
    )
}

#[test]
fn kill_9_at_several_points_then_resume_equals_an_uninterrupted_run() {
    let dir = tempdir();
    let input = dir.join("corpus.jsonl");
    let n = 6000;
    std::fs::write(&input, corpus(n, 7)).unwrap();

    let clean = dir.join("clean.db");
    let started = Instant::now();
    let out = ingest(&clean, &input);
    let full = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(documents_in(&clean), n as i64);

    let crashed = dir.join("crashed.db");
    let mut midway = Vec::new();
    for fraction in [0.15, 0.35, 0.6, 0.85] {
        let mut child = bin()
            .args([
                "ingest",
                input.to_str().unwrap(),
                "--db",
                crashed.to_str().unwrap(),
            ])
            // every other run defers the text index: the resumed run must rebuild it
            .args(["--batch", "64", "--quiet"])
            .args(if fraction < 0.5 {
                &["--defer-index"][..]
            } else {
                &[][..]
            })
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn ingest");
        std::thread::sleep(full.mul_f64(fraction));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();
        midway.push(documents_in(&crashed));
    }
    assert!(
        midway.iter().any(|&d| d > 0 && d < n as i64),
        "no kill landed midway (documents after each kill: {midway:?}); the test is void"
    );
    let out = ingest(&crashed, &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (a, b) = (dump(&clean), dump(&crashed));
    assert_eq!(a.len(), b.len(), "after kills at {midway:?} documents");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "after kills at {midway:?} documents");
    }
    eprintln!(
        "kill -9 after {midway:?} of {n} documents; resumed store identical to the clean one"
    );
}

#[test]
fn reingest_is_a_no_op_and_the_store_answers() {
    let dir = tempdir();
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, corpus(300, 11)).unwrap();
    let db = dir.join("s.db");
    let out = ingest(&db, &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = dump(&db);
    let out = ingest(&db, &input);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert!(err.contains("0 stored, 300 already in the store"), "{err}");
    assert_eq!(dump(&db), before);

    let dbs = db.to_str().unwrap();
    let dy = run(
        &[
            "dyad", "RUS", "NATO", "--by", "month", "--json", "--db", dbs,
        ],
        None,
    );
    assert!(
        dy.status.success(),
        "{}",
        String::from_utf8_lossy(&dy.stderr)
    );
    let series: serde_json::Value = serde_json::from_slice(&dy.stdout).unwrap();
    assert!(series["events"].as_i64().unwrap() > 0, "{series}");
    assert_eq!(series["period"], "month");
    let svg = dir.join("chart.svg");
    let dy = run(
        &[
            "dyad",
            "RUS",
            "NATO",
            "--plot",
            svg.to_str().unwrap(),
            "--db",
            dbs,
        ],
        None,
    );
    assert!(dy.status.success());
    let text = String::from_utf8_lossy(&dy.stdout);
    assert!(text.contains("relations:"), "{text}");
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(
        chart.starts_with("<svg") && chart.contains("<polyline"),
        "{chart}"
    );
    let png = dir.join("chart.png");
    let out = run(
        &[
            "dyad",
            "RUS",
            "NATO",
            "--plot",
            png.to_str().unwrap(),
            "--db",
            dbs,
        ],
        None,
    );
    if cfg!(feature = "png") {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        // the header's width and height: the chart's 960 x 520
        assert_eq!(&bytes[16..24], &[0, 0, 3, 192, 0, 0, 2, 8]);
    } else {
        assert!(String::from_utf8_lossy(&out.stderr).contains("--features png"));
    }

    let ev = run(
        &[
            "events", "--actor", "RUS", "--code", "16", "--json", "--db", dbs,
        ],
        None,
    );
    assert!(ev.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&ev.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    for e in &lines {
        assert!(e["cameo"].as_str().unwrap().starts_with("16"));
        assert!(
            e["source_principal"] == "RUS" || e["target_principal"] == "RUS",
            "{e}"
        );
        assert!(!e["evidence"].as_str().unwrap().is_empty());
    }
    let s = run(&["search", "humanitarian aid", "--json", "--db", dbs], None);
    assert!(s.status.success());
    assert!(String::from_utf8_lossy(&s.stdout).contains("[humanitarian]"));
    let csv = run(&["export", "--format", "csv", "--db", dbs], None);
    assert!(csv.status.success());
    let events = Store::open(dbs).unwrap().counts().unwrap().events as usize;
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout).lines().count(),
        events + 1
    );
    let jsonl = run(&["export", "--format", "jsonl", "--db", dbs], None);
    assert_eq!(String::from_utf8_lossy(&jsonl.stdout).lines().count(), 300);

    // Parquet: the events, in a file that starts and ends with Parquet's magic bytes
    let pq = dir.join("events.parquet");
    let out = run(
        &[
            "export",
            "--format",
            "parquet",
            "-o",
            pq.to_str().unwrap(),
            "--db",
            dbs,
        ],
        None,
    );
    if cfg!(feature = "parquet") {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&pq).unwrap();
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    } else {
        assert!(String::from_utf8_lossy(&out.stderr).contains("--features parquet"));
    }

    // reading never creates a store
    let missing = dir.join("missing.db");
    let out = run(
        &["dyad", "RUS", "NATO", "--db", missing.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("detente ingest"));
    assert!(!missing.exists());
}

#[test]
fn five_outlets_one_story_counts_once_in_the_dyad_series() {
    let dir = tempdir();
    let wordings = [
        (
            "o1",
            "2022-01-12",
            "Russia expelled eight NATO diplomats on Wednesday, escalating a row with the alliance.",
        ),
        (
            "o2",
            "2022-01-12",
            "On Wednesday Russia expelled eight diplomats of NATO, officials said.",
        ),
        (
            "o3",
            "2022-01-13",
            "The Kremlin retaliated on Wednesday. Russia expelled eight NATO diplomats, according to the foreign ministry.",
        ),
        (
            "o4",
            "2022-01-12",
            "Eight NATO diplomats were expelled by Russia on Wednesday. The alliance called it unjustified.",
        ),
        (
            "o5",
            "2022-01-12",
            "In a sharp escalation, Russia on Wednesday expelled eight diplomats working for NATO.",
        ),
    ];
    let mut jsonl = String::new();
    for (i, (id, date, text)) in wordings.iter().enumerate() {
        jsonl.push_str(
            &serde_json::json!({"id": id, "published": date, "outlet": format!("Outlet {i}"), "text": text})
                .to_string(),
        );
        jsonl.push('\n');
    }
    let input = dir.join("five.jsonl");
    std::fs::write(&input, jsonl).unwrap();
    let db = dir.join("five.db");
    assert!(ingest(&db, &input).status.success());
    let dbs = db.to_str().unwrap();
    let out = run(
        &[
            "dyad",
            "RUS",
            "NATO",
            "--from",
            "2022-01-01",
            "--to",
            "2022-01-31",
            "--by",
            "month",
            "--json",
            "--db",
            dbs,
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let material_conflict: i64 = s["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["quad"][3].as_i64().unwrap())
        .sum();
    assert_eq!(material_conflict, 1, "the expulsion is one event: {s}");
    let articles: i64 = s["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["articles"].as_i64().unwrap())
        .sum();
    assert!(articles >= 5, "reported by five articles: {s}");
}

#[test]
fn folders_and_globs_with_a_bad_file_go_on() {
    let dir = tempdir();
    let news = dir.join("news");
    std::fs::create_dir_all(news.join("sub")).unwrap();
    std::fs::write(
        news.join("a.txt"),
        "Russia expelled four NATO diplomats on Monday.",
    )
    .unwrap();
    std::fs::write(news.join("sub/b.html"), "<html><head><title>Talks</title></head><body><article><p>The United States held talks with China in Geneva on Tuesday, officials said.</p></article></body></html>").unwrap();
    std::fs::write(
        news.join("c.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    )
    .unwrap();
    std::fs::write(news.join(".hidden.txt"), "Iran attacked Israel.").unwrap();
    let db = dir.join("s.db");
    let out = run(
        &[
            "ingest",
            news.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "-q",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed file makes exit code 1: {err}"
    );
    assert!(err.contains("c.png"), "the bad file is named: {err}");
    assert_eq!(documents_in(&db), 2, "{err}");
    // a glob that matches only the text file: already stored
    let pattern = format!("{}/*.txt", news.display());
    let out = run(
        &["ingest", &pattern, "--db", db.to_str().unwrap(), "-q"],
        None,
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 already in the store"));
    let out = run(
        &[
            "ingest",
            &format!("{}/*.nothing", news.display()),
            "--db",
            db.to_str().unwrap(),
        ],
        None,
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no file matches"));
}
