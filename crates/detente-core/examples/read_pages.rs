//! Times the reader alone (stage 1: bytes to article, no analysis) over a JSONL batch, in
//! process, one thread; the batch is parsed before the clock starts, and with `--repeat N`
//! the best of N passes counts.
//! `cargo run --release -p detente-core --example read_pages -- BATCH.jsonl [--repeat N] [--out PRED.jsonl]`
//! Each line needs `id` and `html` or `text` (as `score.py --inputs` writes them); `--out`
//! writes `{"document": {"id", "text", "title", ...}}` lines for the scorer.

use detente_core::lexicon::Lexicon;
use detente_core::read::{Format, Hints, read};
use std::io::Write;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: read_pages BATCH.jsonl [--repeat N] [--out PRED.jsonl]")?;
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let repeat: usize = opt("--repeat").map(|s| s.parse()).transpose()?.unwrap_or(1);
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let (body, format) = match (v["html"].as_str(), v["text"].as_str()) {
            (Some(h), _) => (h.to_string(), Format::Html),
            (None, Some(t)) => (t.to_string(), Format::Auto),
            _ => continue,
        };
        let hints = Hints {
            url: v["url"].as_str().map(str::to_string),
            ..Hints::default()
        };
        docs.push((id, body.into_bytes(), format, hints));
    }
    let lex = Lexicon::builtin()?;
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let mut results = Vec::with_capacity(docs.len());
    let mut rounds = Vec::with_capacity(repeat);
    for round in 0..repeat {
        let t = Instant::now();
        for (_, b, f, h) in &docs {
            let r = read(b, *f, h, &lex);
            if round == 0 {
                results.push(r);
            }
        }
        rounds.push(t.elapsed().as_secs_f64());
    }
    let best = rounds.iter().copied().fold(f64::INFINITY, f64::min);
    let mean = rounds.iter().sum::<f64>() / rounds.len().max(1) as f64;
    let failed = results.iter().filter(|r| r.is_err()).count();
    println!(
        "read {} pages ({:.1} MB) {repeat} time(s): best {best:.3} s = {:.1} pages/s, {:.2} MB/s; mean {mean:.3} s; {failed} errors",
        docs.len(),
        bytes as f64 / 1e6,
        docs.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
    if let Some(out) = opt("--out") {
        let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
        for ((id, ..), r) in docs.iter().zip(&results) {
            let line = match r {
                Ok(a) => serde_json::json!({"document": {
                    "id": id, "text": a.text, "title": a.title, "url": a.url,
                    "published": a.published.map(|d| d.to_string()), "outlet": a.outlet,
                    "cited_sources": a.cited_sources}}),
                Err(e) => serde_json::json!({"document": {"id": id}, "error": e.to_string()}),
            };
            writeln!(w, "{line}")?;
        }
    }
    Ok(())
}
