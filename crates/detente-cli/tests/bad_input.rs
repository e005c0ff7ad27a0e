//! Bad input never panics: each case gives a one-line error naming the input and a
//! conventional exit code; a batch goes on past a broken line.

mod common;
use common::*;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_clean_error(o: &std::process::Output, code: i32, mentions: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "exit code; stderr: {err}");
    assert!(
        err.starts_with("detente: "),
        "one-line error expected: {err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(mentions),
        "error should name {mentions:?}: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn missing_path() {
    let o = run(&["analyze", "/nonexistent/article.txt"], None);
    assert_clean_error(&o, 66, "/nonexistent/article.txt");
}

#[test]
fn a_directory() {
    let d = tempdir();
    let o = run(&["analyze", d.to_str().unwrap()], None);
    assert_clean_error(&o, 66, "is a directory");
}

#[test]
fn empty_file_and_empty_stdin() {
    let d = tempdir();
    let f = d.join("empty.txt");
    std::fs::write(&f, b"").unwrap();
    assert_clean_error(
        &run(&["analyze", f.to_str().unwrap()], None),
        65,
        "empty.txt",
    );
    assert_clean_error(&run(&["analyze", "-"], Some(b"")), 65, "stdin");
}

#[test]
fn a_png_image() {
    let d = tempdir();
    let f = d.join("picture.png");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 200));
    std::fs::write(&f, png).unwrap();
    assert_clean_error(&run(&["analyze", f.to_str().unwrap()], None), 65, "PNG");
}

#[test]
fn invalid_utf8() {
    let d = tempdir();
    let f = d.join("latin1.txt");
    std::fs::write(&f, b"NATO and Russia met in Br\xfcssel on Monday.").unwrap();
    let o = run(&["analyze", f.to_str().unwrap()], None);
    assert_clean_error(&o, 65, "UTF-8");
    assert!(stderr(&o).contains("latin1.txt"));
}

#[test]
fn a_200_mb_file() {
    let d = tempdir();
    let f = d.join("huge.txt");
    let file = std::fs::File::create(&f).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap(); // sparse: no 200 MB written
    let o = run(&["analyze", f.to_str().unwrap()], None);
    assert_clean_error(&o, 65, "huge.txt");
    assert!(stderr(&o).contains("split it"), "{}", stderr(&o));
    std::fs::remove_file(&f).unwrap();
}

#[test]
fn bad_published_option_is_a_usage_error() {
    let o = run(
        &["analyze", "-", "--published", "14.01.2022"],
        Some(b"Russia and NATO held talks."),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("YYYY-MM-DD"));
}

#[test]
fn batch_goes_on_past_broken_lines() {
    let d = tempdir();
    let f = d.join("batch.jsonl");
    let mut data = Vec::new();
    data.extend_from_slice(br#"{"id": "a", "text": "Russia and the United States held talks in Geneva on Monday.", "published": "2022-01-14"}"#);
    data.extend_from_slice(b"\n{\"id\": \"b\", \"text\": \"unterminated\n");
    data.extend_from_slice(b"{\"id\": \"c\", \"text\": \"caf\xe9\"}\n");
    data.extend_from_slice(b"{\"id\": \"d\"}\n");
    data.extend_from_slice(b"{\"id\": \"e\", \"text\": \"\"}\n");
    data.extend_from_slice(b"{\"id\": \"f\", \"text\": \"NATO expelled eight Russian diplomats.\", \"published\": \"not a date\"}\n\n");
    data.extend_from_slice(br#"{"id": "g", "html": "<html><body><p>NATO and Russia met in Brussels and held talks about security.</p></body></html>"}"#);
    data.push(b'\n');
    std::fs::write(&f, data).unwrap();
    let o = run(&["analyze", f.to_str().unwrap(), "--jsonl"], None);
    assert_eq!(
        o.status.code(),
        Some(1),
        "some records failed: {}",
        stderr(&o)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["document"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "line 2", "line 3", "d", "e", "f", "g"]);
    let errors: Vec<bool> = lines.iter().map(|l| l.get("error").is_some()).collect();
    assert_eq!(errors, [false, true, true, true, true, true, false]);
    for l in lines.iter().filter(|l| l.get("error").is_some()) {
        assert!(l["error"].as_str().unwrap().starts_with("line "), "{l}");
    }
    assert_eq!(lines[0]["schema"], "detente.analysis/1");
    assert!(
        !lines[6]["events"].as_array().unwrap().is_empty()
            || !lines[6]["mentions"].as_array().unwrap().is_empty()
    );
}
