//! `detente analyze --fields`: the JSON output cut to the members asked for, with the same
//! content as the whole output; a misspelt member or a report with `--fields` is a usage
//! error.

mod common;
use common::*;
use serde_json::Value;

/// The JSON lines printed; a run that failed altogether (not merely on some records,
/// exit code 1) fails the test.
fn lines(o: &std::process::Output) -> Vec<Value> {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{err}");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn a_batch_printed_as_events_only_has_the_whole_runs_events() {
    let article =
        std::fs::read_to_string(repo().join("examples/ru-main-2022-01-14-russia-nato.txt"))
            .expect("the bundled example");
    let mut batch = String::new();
    for (i, text) in [
        article.as_str(),
        "Russia expelled eight NATO diplomats on Monday.",
    ]
    .iter()
    .enumerate()
    {
        let rec =
            serde_json::json!({"id": format!("d{i}"), "text": text, "published": "2022-01-14"});
        batch.push_str(&rec.to_string());
        batch.push('\n');
    }
    batch.push_str("{not json\n");
    let full = lines(&run(
        &["analyze", "-", "--jsonl", "--threads", "1"],
        Some(batch.as_bytes()),
    ));
    let only = lines(&run(
        &[
            "analyze",
            "-",
            "--jsonl",
            "--threads",
            "2",
            "--fields",
            "events",
        ],
        Some(batch.as_bytes()),
    ));
    assert_eq!(full.len(), 3);
    assert_eq!(only.len(), 3, "one line per record, the bad one included");
    let mut events = 0;
    for (f, o) in full.iter().zip(&only).take(2) {
        let mut keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["document", "events", "schema"], "{o}");
        assert_eq!(
            o["document"],
            serde_json::json!({"id": f["document"]["id"]})
        );
        assert_eq!(o["events"], f["events"]);
        events += o["events"].as_array().unwrap().len();
    }
    assert!(
        events >= 5,
        "the example and the expulsion give events: {events}"
    );
    assert!(
        only[2]["error"].is_string(),
        "the bad line keeps its error line: {}",
        only[2]
    );
    let o = run(
        &["analyze", "-", "--jsonl", "--fields", "events"],
        Some(batch.as_bytes()),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "a batch with a bad record exits 1"
    );
}

#[test]
fn an_unknown_member_or_a_report_is_a_usage_error() {
    let example = repo().join("examples/ru-main-2022-01-14-russia-nato.txt");
    let example = example.to_str().unwrap();
    let o = run(
        &["analyze", example, "--json", "--fields", "events,evnts"],
        None,
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("\"evnts\"") && err.contains("quotes"), "{err}");
    let o = run(&["analyze", example, "--fields", "events"], None);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("add --json"), "{err}");
    assert!(o.stdout.is_empty());
    let doc = run(
        &["analyze", example, "--json", "--fields", "document"],
        None,
    );
    let v = &lines(&doc)[0];
    assert_eq!(
        v["document"]["cited_sources"].as_array().map(Vec::len),
        Some(4),
        "{v}"
    );
    assert!(
        v["document"].get("text").is_none() && v.get("events").is_none(),
        "{v}"
    );
}
