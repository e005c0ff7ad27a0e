//! WARC files and feeds are batches: `detente analyze FILE` recognises them by their
//! contents and prints one JSON line per document; damaged records cost only themselves.

mod common;
use common::*;
use std::io::Write;

fn record(uri: &str, ctype: &str, body: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n{body}");
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-01-14T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend(http.as_bytes());
    out.extend(b"\r\n\r\n");
    out
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const PAGE: &str = "<html><head><title>Talks</title></head><body><article><p>Russia and the United States held talks in Geneva on Monday, the ministry said.</p><p>NATO expelled eight Russian diplomats from its Brussels headquarters in October.</p></article></body></html>";

#[test]
fn a_gzip_warc_is_a_batch_and_survives_truncation() {
    let d = tempdir();
    let f = d.join("news.warc.gz");
    let mut data = gz(&record(
        "https://e.example/1",
        "text/html; charset=utf-8",
        PAGE,
    ));
    data.extend(gz(&record(
        "https://e.example/pic.jpg",
        "image/jpeg",
        "\u{ff}\u{d8}",
    )));
    data.extend(gz(&record("https://e.example/2", "text/html", PAGE)));
    let third = gz(&record("https://e.example/3", "text/html", PAGE));
    data.extend(&third[..third.len() - 20]); // truncated at the end
    std::fs::write(&f, data).unwrap();
    let o = run(&["analyze", f.to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines.len() >= 2,
        "documents before the damage are kept: {err}"
    );
    assert_eq!(lines[0]["document"]["url"], "https://e.example/1");
    assert!(
        lines[0]["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["source"]["principal"] == "RUS" && e["target"]["principal"] == "USA")
    );
    assert!(err.contains("skipped as not HTML"), "{err}");
}

#[test]
fn a_feed_with_an_invalid_date_is_a_batch() {
    let d = tempdir();
    let f = d.join("feed.xml");
    std::fs::write(
        &f,
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
        <item><title>One</title><link>https://e.example/1</link><pubDate>31 Februar 2022 99:99</pubDate><description>Russia and the United States held talks in Geneva on Monday.</description></item>
        <item><title>Two</title><link>https://e.example/2</link><pubDate>Fri, 14 Jan 2022 10:00:00 GMT</pubDate><description>NATO expelled eight Russian diplomats.</description></item>
        </channel></rss>"#,
    )
    .unwrap();
    let o = run(&["analyze", f.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["document"]["title"], "One");
    assert_eq!(lines[1]["document"]["published"], "2022-01-14");
    assert_eq!(lines[1]["document"]["outlet"], "Example News");
}
