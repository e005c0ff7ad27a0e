//! The founding article, end to end: the accuracy floors of issue 2 on
//! ../shared/eval/seed.gold.jsonl, and the contract's invariants on the output.

mod common;
use common::*;

#[test]
fn seed_scores_stay_above_the_floors() {
    let Some(shared) = shared() else { return };
    let s = score(&shared, "eval/seed.gold.jsonl");
    let ev = s["events"]["f1"].as_f64().unwrap();
    let qr = s["quotes"]["recall"].as_f64().unwrap();
    let sp = s["quotes"]["speaker_accuracy"].as_f64().unwrap();
    eprintln!(
        "seed: events F1 {ev}, quotes recall {qr}, speaker {sp}, metadata {}",
        s["metadata"]
    );
    assert!(ev >= 0.8, "events F1 {ev} < 0.8: {}", s["per_document"]);
    assert!(qr >= 0.8, "quote recall {qr} < 0.8");
    assert!(sp >= 0.9, "speaker accuracy {sp} < 0.9");
    for key in ["title", "published", "outlet", "cited", "boiler"] {
        assert_eq!(
            s["metadata"][key].as_f64(),
            Some(1.0),
            "metadata {key}: {}",
            s["metadata"]
        );
    }
}

/// Every offset indexes `document.text` in code points, and each quote's text is its span.
#[test]
fn output_follows_the_contract() {
    let example = repo().join("examples/ru-main-2022-01-14-russia-nato.txt");
    let o = run(&["analyze", example.to_str().unwrap(), "--json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["schema"], "detente.analysis/1");
    let text: Vec<char> = a["document"]["text"].as_str().unwrap().chars().collect();
    let slice = |v: &serde_json::Value| -> String {
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert!(s <= e && e <= text.len(), "offsets {s}..{e} out of range");
        text[s..e].iter().collect()
    };
    assert_eq!(a["document"]["language"], "en");
    assert_eq!(a["document"]["published"], "2022-01-14");
    assert!(!a["sentences"].as_array().unwrap().is_empty());
    for m in a["mentions"].as_array().unwrap() {
        assert!(!slice(m).is_empty());
    }
    for q in a["quotes"].as_array().unwrap() {
        assert_eq!(slice(q), q["text"].as_str().unwrap());
        assert!(matches!(
            q["kind"].as_str().unwrap(),
            "direct" | "partial" | "indirect"
        ));
    }
    let events = a["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        assert!(!slice(&e["evidence"]).is_empty());
        assert!(!slice(&e["source"]).is_empty() && !slice(&e["target"]).is_empty());
        assert!(e["source"]["principal"].is_string() && e["target"]["principal"].is_string());
        let root = e["root"].as_str().unwrap();
        assert!(e["cameo"].as_str().unwrap().starts_with(root));
        let r: u8 = root.parse().unwrap();
        let quad = match r {
            1..=5 => 1,
            6..=9 => 2,
            10..=14 => 3,
            _ => 4,
        };
        assert_eq!(e["quad_class"].as_u64(), Some(quad));
        assert!(!e["rule"].as_str().unwrap().is_empty());
        let sent = &a["sentences"][e["sentence"].as_u64().unwrap() as usize];
        // the evidence starts in the event's sentence (a quotation may run on past it)
        assert!(
            sent["start"].as_u64() <= e["evidence"]["start"].as_u64()
                && e["evidence"]["start"].as_u64() < sent["end"].as_u64()
        );
    }
    // the human report names the speakers and the founding dyad
    let r = run(&["analyze", example.to_str().unwrap()], None);
    let report = String::from_utf8(r.stdout).unwrap();
    assert!(
        report.contains("Alexander Fomin [RUS]") && report.contains("Jens Stoltenberg [NATO]"),
        "{report}"
    );
    assert!(report.contains("RUS -> NATO"), "{report}");
}

#[test]
fn stdin_and_published_option() {
    let o = run(&["analyze", "-", "--json", "--published", "2022-01-14"], Some("Earlier, in October, Russia announced it would suspend all direct bilateral ties with NATO.".as_bytes()));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["document"]["id"], "stdin");
    assert_eq!(a["document"]["published"], "2022-01-14");
}

/// Every reference the founding article makes resolves to the right principal.
#[test]
fn seed_references_resolve() {
    let example = repo().join("examples/ru-main-2022-01-14-russia-nato.txt");
    let o = run(&["analyze", example.to_str().unwrap(), "--json"], None);
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text: Vec<char> = a["document"]["text"].as_str().unwrap().chars().collect();
    let mut seen: std::collections::HashMap<String, Vec<String>> = Default::default();
    for m in a["mentions"].as_array().unwrap() {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let surface: String = text[s..e].iter().collect();
        let p = m["actor"]["principal"]
            .as_str()
            .unwrap_or("null")
            .to_string();
        seen.entry(surface.trim_start_matches("the ").to_lowercase())
            .or_default()
            .push(p);
    }
    let expect = [
        ("alexander fomin", "RUS"),
        ("fomin", "RUS"),
        ("jens stoltenberg", "NATO"),
        ("stoltenberg", "NATO"),
        ("sergei ryabkov", "RUS"),
        ("wendy sherman", "USA"),
        ("nato", "NATO"),
        ("russia", "RUS"),
        ("us", "USA"),
        ("ukraine", "UKR"),
        ("alliance", "NATO"),
        ("bloc", "NATO"),
        ("organization", "NATO"),
        ("russian side", "RUS"),
        ("moscow", "RUS"),
        ("washington", "USA"),
        ("veteran official", "NATO"),
        ("deputy minister", "RUS"),
        ("russian diplomats", "RUS"),
        ("american representative", "USA"),
    ];
    for (surface, principal) in expect {
        let got = seen.get(surface).unwrap_or_else(|| {
            panic!(
                "no mention of {surface:?}; mentions: {:?}",
                seen.keys().collect::<Vec<_>>()
            )
        });
        assert!(
            got.iter().all(|p| p == principal),
            "{surface:?} resolved to {got:?}, want {principal}"
        );
    }
    // "he" after Fomin's quote is Fomin; "He also said" after Stoltenberg is Stoltenberg
    assert_eq!(seen["he"], ["RUS", "NATO"]);
    // the Fomin mention carries the code from context
    let fomin = a["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["actor"]["name"] == "Alexander Fomin")
        .unwrap();
    assert_eq!(fomin["actor"]["code"], "RUSGOVMIL");
}
