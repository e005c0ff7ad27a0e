//! Real-world bad input for the reader, end to end: 50 MB pages, legacy Russian encodings
//! without a declared charset, an Atom feed with broken dates, WARC records whose
//! Content-Length lies or whose HTTP header names the charset. (A truncated gzip WARC and an
//! RSS feed with a bad date are in containers.rs.)

mod common;
use common::*;
use std::time::{Duration, Instant};

const STORY: &str = "<p>Russia and the United States held talks in Geneva on Monday, the foreign ministry said in a statement.</p><p>NATO expelled eight Russian diplomats from its Brussels headquarters in October, officials recalled.</p>";

/// Debug builds are slow; this still catches work that grows faster than the input.
const REASONABLE: Duration = Duration::from_secs(120);

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn analyze_json(path: &std::path::Path) -> (std::process::Output, Duration) {
    let t = Instant::now();
    let o = run(&["analyze", path.to_str().unwrap(), "--json"], None);
    (o, t.elapsed())
}

/// 50 MB of what real heavy pages carry (inline scripts, styles, a data-URI image, comments)
/// around a short story: the story comes out, quickly.
#[test]
fn a_50_mb_page_of_inline_data_gives_its_story() {
    let d = tempdir();
    let f = d.join("heavy.html");
    let mb = 1024 * 1024;
    let mut page = String::with_capacity(51 * mb);
    page.push_str("<!DOCTYPE html><html><head><title>Talks in Geneva</title><style>");
    while page.len() < 10 * mb {
        page.push_str(".a > .b { color: #123456; } /* </p><p> */\n");
    }
    page.push_str("</style><script>var state = [");
    while page.len() < 30 * mb {
        page.push_str("\"<p>not text</p>\", 1 < 2, ");
    }
    page.push_str("0];</script></head><body><!-- ");
    while page.len() < 35 * mb {
        page.push_str("<div>commented out</div> ");
    }
    page.push_str("--><img alt=\"map\" src=\"data:image/png;base64,");
    while page.len() < 50 * mb {
        page.push_str("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk");
    }
    page.push_str("\"><article>");
    page.push_str(STORY);
    page.push_str("</article></body></html>");
    std::fs::write(&f, &page).unwrap();
    let (o, took) = analyze_json(&f);
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = a["document"]["text"].as_str().unwrap();
    assert!(text.starts_with("Russia and the United States"), "{text}");
    assert!(!text.contains("not text") && !text.contains("commented out"));
    assert_eq!(a["document"]["title"], "Talks in Geneva");
    assert!(took < REASONABLE, "{took:?}");
}

/// 50 MB of paragraphs is no article: a clear error (exit 65, naming the limit), quickly.
#[test]
fn a_50_mb_page_of_text_is_a_clear_error() {
    let d = tempdir();
    let f = d.join("dump.html");
    let mut page = String::from("<html><body><article>");
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(STORY);
    }
    page.push_str("</article></body></html>");
    std::fs::write(&f, &page).unwrap();
    let (o, took) = analyze_json(&f);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(65), "{err}");
    assert!(
        err.contains("dump.html") && err.contains("split it"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(took < REASONABLE, "{took:?}");
}

const RUSSIAN: &str = "Отношения между Россией и НАТО находятся на критически низком уровне, заявил заместитель министра обороны Александр Фомин после встречи в Брюсселе.";

/// windows-1251: А..я are 0xC0..0xFF, Ё 0xA8, ё 0xB8.
fn cp1251(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            c if c.is_ascii() => c as u8,
            c => panic!("{c:?} not in the test's cp1251 table"),
        })
        .collect()
}

/// KOI8-R: lower case at 0xC0..0xDF and capitals at 0xE0..0xFF, in this order.
fn koi8r(s: &str) -> Vec<u8> {
    const ORDER: &str = "юабцдефгхийклмнопярстужвьызшэщчъ";
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                return c as u8;
            }
            let lower = c.to_lowercase().next().unwrap();
            let i = ORDER
                .chars()
                .position(|o| o == lower)
                .unwrap_or_else(|| panic!("{c:?} not in the test's KOI8-R table"));
            (if c.is_uppercase() { 0xE0 } else { 0xC0 }) + i as u8
        })
        .collect()
}

fn russian_page(encode: fn(&str) -> Vec<u8>, head: &str) -> Vec<u8> {
    encode(&format!(
        "<html><head>{head}<title>Россия и НАТО</title></head><body><article><p>{RUSSIAN}</p><p>{RUSSIAN}</p></article></body></html>"
    ))
}

fn read_russian(name: &str, bytes: &[u8]) {
    let d = tempdir();
    let f = d.join(name);
    std::fs::write(&f, bytes).unwrap();
    assert!(
        std::str::from_utf8(bytes).is_err(),
        "the test page is not UTF-8"
    );
    let (o, _) = analyze_json(&f);
    assert!(o.status.success(), "{name}: {}", stderr(&o));
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["document"]["title"], "Россия и НАТО", "{name}");
    assert!(
        a["document"]["text"].as_str().unwrap().starts_with(RUSSIAN),
        "{name}: {}",
        a["document"]["text"]
    );
    assert_eq!(a["document"]["language"], "ru", "{name}");
}

#[test]
fn a_windows_1251_page_without_a_charset() {
    read_russian("cp1251.html", &russian_page(cp1251, ""));
}

#[test]
fn a_koi8_r_page_with_and_without_a_charset() {
    read_russian("koi8r.html", &russian_page(koi8r, ""));
    read_russian(
        "koi8r-declared.html",
        &russian_page(
            koi8r,
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\">",
        ),
    );
}

#[test]
fn an_atom_feed_with_invalid_dates() {
    let d = tempdir();
    let f = d.join("feed.atom");
    std::fs::write(
        &f,
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire</title><id>urn:w</id><updated>yesterday</updated>
        <entry><title>One</title><id>urn:1</id><updated>2022-13-45T99:00:00Z</updated><published>soon</published><link href="https://e.example/1"/><content type="html">&lt;p&gt;Russia and the United States held talks in Geneva on Monday.&lt;/p&gt;</content></entry>
        <entry><title>Two</title><id>urn:2</id><updated>2022-01-14T10:00:00Z</updated><link href="https://e.example/2"/><summary>NATO expelled eight Russian diplomats.</summary></entry>
        </feed>"#,
    )
    .unwrap();
    let o = run(&["analyze", f.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["document"]["title"], "One");
    assert!(lines[0]["document"]["published"].is_null());
    assert_eq!(lines[1]["document"]["published"], "2022-01-14");
    assert_eq!(lines[1]["document"]["outlet"], "Example Wire");
}

fn warc_record(uri: &str, ctype: &str, body: &[u8], claimed: Option<usize>) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n").into_bytes();
    http.extend(body);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-01-14T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        claimed.unwrap_or(http.len())
    )
    .into_bytes();
    out.extend(http);
    out.extend(b"\r\n\r\n");
    out
}

fn warc_lines(data: &[u8]) -> (Vec<serde_json::Value>, String, Option<i32>) {
    let d = tempdir();
    let f = d.join("crawl.warc");
    std::fs::write(&f, data).unwrap();
    let o = run(&["analyze", f.to_str().unwrap()], None);
    let lines = String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines, stderr(&o), o.status.code())
}

/// A Content-Length that claims too little or too much costs that record only (too much at
/// the end of the file: the record is reported as truncated).
#[test]
fn a_lying_content_length_in_a_warc() {
    let page = format!("<html><body><article>{STORY}</article></body></html>");
    let mut data = warc_record(
        "https://e.example/short",
        "text/html",
        page.as_bytes(),
        Some(40),
    );
    data.extend(warc_record(
        "https://e.example/ok",
        "text/html",
        page.as_bytes(),
        None,
    ));
    data.extend(warc_record(
        "https://e.example/long",
        "text/html",
        page.as_bytes(),
        Some(page.len() * 10),
    ));
    let (lines, err, _) = warc_lines(&data);
    assert!(!err.contains("panicked"), "{err}");
    let urls: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["document"]["url"].as_str())
        .collect();
    assert!(urls.contains(&"https://e.example/ok"), "{urls:?} {err}");
    let ok = lines
        .iter()
        .find(|l| l["document"]["url"] == "https://e.example/ok")
        .unwrap();
    assert!(
        ok["document"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Russia and the United States")
    );
    assert!(err.contains("truncated"), "{err}");
}

/// The charset in a record's HTTP Content-Type decodes a page that does not declare one.
#[test]
fn a_warc_record_with_an_http_charset() {
    let body = koi8r(&format!("<html><body><p>{RUSSIAN}</p></body></html>"));
    let data = warc_record(
        "https://e.example/ru",
        "text/html; charset=koi8-r",
        &body,
        None,
    );
    let (lines, err, code) = warc_lines(&data);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(lines.len(), 1, "{err}");
    assert_eq!(lines[0]["document"]["text"], RUSSIAN);
}
