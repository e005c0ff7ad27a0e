//! The actor stage's speed and footprint: load time of the built-in dictionaries, dictionary
//! matching in MB/s on one core, the whole actor stage (matching, roles from context, names,
//! coreference) in MB/s, and peak resident memory.
//! `cargo run --release -p detente-core --example actor_match -- [TEXTS.jsonl ...] [--repeat N]`
//! Each JSONL line needs `text` or `body` (the dev gold files of ../shared/eval/dev work; by
//! default those three are read). Texts are segmented before the clock starts; the best of N
//! passes counts.

use detente_core::actors::{self, Dictionary};
use detente_core::lexicon::Lexicon;
use detente_core::segment;
use std::time::Instant;

mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repeat = common::repeat(&args, 5)?;
    let mut files = common::files(&args);
    if files.is_empty() {
        let shared = std::env::var("DETENTE_SHARED").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").to_string()
        });
        for f in ["scrapinghub", "plover-gsr", "conflibert-train"] {
            files.push(format!("{shared}/eval/dev/{f}.gold.jsonl"));
        }
    }
    let t = Instant::now();
    let dict = Dictionary::builtin()?;
    let load = t.elapsed();
    let lex = Lexicon::builtin()?;
    let mut texts = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"))?;
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let Some(t) = v["body"].as_str().or(v["text"].as_str()) {
                texts.push(t.to_string());
            }
        }
    }
    let segs: Vec<_> = texts.iter().map(|t| segment::segment(t, &lex)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let best = |f: &mut dyn FnMut() -> usize| {
        let mut best = f64::INFINITY;
        let mut n = 0;
        for _ in 0..repeat {
            let t = Instant::now();
            n = f();
            best = best.min(t.elapsed().as_secs_f64());
        }
        (best, n)
    };
    let (t_match, forms) = best(&mut || {
        texts
            .iter()
            .zip(&segs)
            .map(|(t, s)| {
                dict.find_all(t, s.tokens.iter().map(|k| k.span.start))
                    .len()
            })
            .sum()
    });
    let (t_stage, mentions) = best(&mut || {
        texts
            .iter()
            .zip(&segs)
            .map(|(t, s)| actors::find(t, s, &dict, &lex, None).mentions.len())
            .sum()
    });
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    println!(
        "{} texts, {mb:.1} MB; dictionary load {:.1} ms ({} forms)",
        texts.len(),
        load.as_secs_f64() * 1e3,
        dict.len()
    );
    println!(
        "dictionary matching: {:.1} MB/s ({forms} form matches at token starts); whole actor stage: {:.1} MB/s ({mentions} mentions); peak RSS {rss}",
        mb / t_match,
        mb / t_stage
    );
    Ok(())
}
