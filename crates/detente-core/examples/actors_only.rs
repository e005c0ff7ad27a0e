//! The actor stage alone, for profilers: reads, segments and dates a JSONL batch (lines with
//! `text`), then runs only `actors::find_dated` over it N times and prints the mention count.
//! `cargo run --release -p detente-core --example actors_only -- FILE.jsonl [--repeat N]`
//! Under callgrind, `--toggle-collect='detente_core::actors::find_dated'` counts the actor
//! stage's instructions (and, with `--cache-sim=yes`, its cache misses) and nothing else.

use detente_core::actors;
use detente_core::analysis::Analyzer;
use detente_core::read::{self, Format, Hints};
use detente_core::{events, segment};
use std::time::Instant;

mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repeat = common::repeat(&args, 1)?;
    let file = common::files(&args)
        .into_iter()
        .next()
        .ok_or("usage: actors_only FILE.jsonl [--repeat N]")?;
    let src = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
    let an = Analyzer::new()?;
    let hints = Hints {
        published: detente_core::date::Date::parse("2022-01-14"),
        ..Hints::default()
    };
    let articles: Vec<_> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .filter_map(|t| read::read(t.as_bytes(), Format::Text, &hints, &an.lexicon).ok())
        .collect();
    let segs: Vec<_> = articles
        .iter()
        .map(|a| segment::segment(&a.text, &an.lexicon))
        .collect();
    let dates: Vec<_> = articles
        .iter()
        .zip(&segs)
        .map(|(a, s)| events::sentence_dates(&a.text, s, a.published))
        .collect();
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..repeat {
        let t = Instant::now();
        mentions = (0..articles.len())
            .map(|i| {
                let layer = actors::find_dated(
                    &articles[i].text,
                    &segs[i],
                    &an.dictionary,
                    &an.lexicon,
                    &dates[i],
                );
                layer.mentions.len()
            })
            .sum::<usize>();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} documents, {mentions} mentions; actors best of {repeat}: {:.1} ms",
        articles.len(),
        best * 1e3
    );
    Ok(())
}
