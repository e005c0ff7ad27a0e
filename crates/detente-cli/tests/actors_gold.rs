//! Actor resolution on the PLOVER gold-standard records (../shared/refdata): each gold actor
//! span (actorText with its CAMEO code) must be covered by a mention of the same principal.
//! The floor sits just under today's accuracy (see README); `scripts/actor-eval` lists misses.

mod common;
use common::*;
use serde_json::Value;

#[test]
fn plover_gold_actor_spans_resolve() {
    let Some(shared) = shared() else { return };
    let recs: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(shared.join("refdata/events/plover/PLOVER_GSR_CAMEO.txt"))
            .unwrap(),
    )
    .unwrap();
    let recs: Vec<&Value> = recs.iter().filter(|r| r["text"].is_string()).collect();
    let input: String = recs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            serde_json::json!({"id": i.to_string(), "text": r["text"]}).to_string() + "\n"
        })
        .collect();
    let out = run(&["analyze", "-", "--jsonl"], Some(input.as_bytes()));
    let preds: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(preds.len(), recs.len());
    let (mut total, mut right) = (0usize, 0usize);
    for (r, p) in recs.iter().zip(&preds) {
        let text: Vec<char> = p["document"]["text"]
            .as_str()
            .unwrap_or("")
            .chars()
            .collect();
        let text_s: String = text.iter().collect();
        for role in ["source", "target"] {
            let actors = match &r[role] {
                Value::Array(a) => a.clone(),
                Value::Object(_) => vec![r[role].clone()],
                _ => continue,
            };
            for a in actors {
                let (Some(at), Some(code)) = (a["actorText"].as_str(), a["code"].as_str()) else {
                    continue;
                };
                let Some(byte) = text_s.find(at) else {
                    continue;
                };
                let start = text_s[..byte].chars().count();
                let end = start + at.chars().count();
                total += 1;
                let gold = if &code[..3.min(code.len())] == "JAP" {
                    "JPN"
                } else {
                    &code[..3.min(code.len())]
                };
                let ok = p["mentions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|m| {
                        m["start"].as_u64().unwrap() < end as u64
                            && start < m["end"].as_u64().unwrap() as usize
                    })
                    .any(|m| {
                        let pr = m["actor"]["principal"].as_str().unwrap_or("");
                        let c = m["actor"]["code"].as_str().unwrap_or("");
                        if gold == "IGO" || gold == "NGO" {
                            !pr.is_empty()
                                && (c.starts_with("IGO") || c.starts_with("NGO") || pr.len() != 3)
                        } else {
                            pr == gold
                        }
                    });
                right += usize::from(ok);
            }
        }
    }
    let acc = right as f64 / total as f64;
    eprintln!("PLOVER gold actor spans: {right}/{total} = {acc:.3}");
    assert!(
        total > 600,
        "expected the 600+ gold actor spans, found {total}"
    );
    assert!(acc >= 0.94, "principal accuracy {acc:.3} fell below 0.94");
}
