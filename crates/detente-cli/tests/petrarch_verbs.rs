//! `--verbs FILE` reads PETRARCH-2 verb dictionaries as event patterns: a user's pattern
//! codes what the built-in ones would code otherwise, the load report counts what was
//! skipped and why, and PETRARCH's own CAMEO.2.0.txt (in ../shared/refdata) loads.

mod common;
use common::*;

fn events(o: &std::process::Output) -> Vec<(String, String, String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON out");
    v["events"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["source"]["code"].as_str().unwrap_or("").to_string(),
                e["target"]["code"].as_str().unwrap_or("").to_string(),
                e["cameo"].as_str().unwrap_or("").to_string(),
                e["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_verb_dictionary_codes_its_patterns_and_reports_what_it_skipped() {
    let dir = tempdir();
    let verbs = dir.join("verbs.txt");
    std::fs::write(
        &verbs,
        "&AIDSET\n+GRAIN\n+WHEAT\n\n--- SHIP [---] ---\nSHIP\n- * &AIDSET [0233]\n- OFFICIALS * ARMS [072]\n- * BANANAS [---]\n",
    )
    .unwrap();
    let text = "Russia shipped wheat to Syria on Monday.";
    let plain = run(&["analyze", "-", "--json"], Some(text.as_bytes()));
    assert!(
        !events(&plain).iter().any(|e| e.2 == "0233"),
        "{:?}",
        events(&plain)
    );
    let o = run(
        &["analyze", "-", "--json", "--verbs", verbs.to_str().unwrap()],
        Some(text.as_bytes()),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let evs = events(&o);
    assert!(
        evs.iter().any(|e| e.0 == "RUS"
            && e.1.starts_with("SYR")
            && e.2 == "0233"
            && e.3.starts_with("petrarch.ship")),
        "{evs:?}"
    );
    assert!(
        err.contains("1 verbs, 1 patterns loaded; 2 pattern lines skipped"),
        "{err}"
    );
    assert!(
        err.contains("words before the verb") && err.contains("[---]"),
        "{err}"
    );
    // not a verb dictionary: a clear error naming the file, exit 1
    let bad = dir.join("actors.txt");
    std::fs::write(&bad, "JENS_STOLTENBERG_ [NOR]\n").unwrap();
    let o = run(
        &["analyze", "-", "--json", "--verbs", bad.to_str().unwrap()],
        Some(text.as_bytes()),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success()
            && err.contains("actors.txt")
            && err.contains("not a PETRARCH verb dictionary"),
        "{err}"
    );
}

#[test]
fn petrarchs_cameo_dictionary_loads() {
    let Some(shared) = shared() else { return };
    let f = shared.join("refdata/events/petrarch2/dictionaries/CAMEO.2.0.txt");
    let o = run(
        &["analyze", "-", "--json", "--verbs", f.to_str().unwrap()],
        Some("Moscow froze the bank accounts of Ukrainian officials.".as_bytes()),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("CAMEO.2.0.txt"))
        .unwrap_or("");
    let num = |label: &str| -> usize {
        line.split(", ")
            .flat_map(|p| p.split("; "))
            .find_map(|p| {
                p.trim()
                    .strip_suffix(label)?
                    .trim()
                    .rsplit(' ')
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or(0)
    };
    eprintln!("{line}");
    assert!(num(" verbs") > 1500, "{line}");
    assert!(num(" patterns loaded") > 10_000, "{line}");
    // FREEZE * {BANK ACCOUNT} [163] in CAMEO.2.0.txt
    assert!(
        events(&o)
            .iter()
            .any(|e| e.2 == "163" && e.3.starts_with("petrarch.freeze")),
        "{:?}",
        events(&o)
    );
}
