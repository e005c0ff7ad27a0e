//! Where a document's time goes: each pipeline stage timed on its own over a JSONL batch
//! (the bench corpus `target/bench/corpus-sentences.jsonl` that `scripts/bench --set
//! sentences` writes, or any file whose lines have `text`), one core, best of N passes.
//! `cargo run --release -p detente-core --example stage_times -- [FILE.jsonl] [--repeat N]`
//! Each stage runs on the previous stages' results computed before its clock starts, so the
//! figures add up to roughly the whole analysis (also timed, with the whole JSON and with the
//! events only: plain text to events JSON, as `detente analyze --fields events` prints it).

use detente_core::analysis::{Analyzer, Options};
use detente_core::read::{self, Format, Hints};
use detente_core::{actors, events, quotes, segment};
use std::time::Instant;

mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repeat = common::repeat(&args, 3)?;
    let file = common::files(&args).into_iter().next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../target/bench/corpus-sentences.jsonl"
        )
        .to_string()
    });
    let src = std::fs::read_to_string(&file)
        .map_err(|e| format!("{file}: {e} (run scripts/bench --set sentences first)"))?;
    let texts: Vec<String> = src
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let an = Analyzer::new()?;
    let published = detente_core::date::Date::parse("2022-01-14");
    let hints = Hints {
        published,
        ..Hints::default()
    };
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
    let mut rows: Vec<(&str, f64, usize)> = Vec::new();
    let (t, _) = best(&mut || {
        texts
            .iter()
            .map(|t| {
                read::read(t.as_bytes(), Format::Text, &hints, &an.lexicon)
                    .map(|a| a.text.len())
                    .unwrap_or(0)
            })
            .sum()
    });
    rows.push(("read", t, 0));
    let articles: Vec<_> = texts
        .iter()
        .filter_map(|t| read::read(t.as_bytes(), Format::Text, &hints, &an.lexicon).ok())
        .collect();
    let (t, n) = best(&mut || {
        articles
            .iter()
            .map(|a| segment::segment(&a.text, &an.lexicon).sentences.len())
            .sum()
    });
    rows.push(("segment", t, n));
    let sentences = n;
    let segs: Vec<_> = articles
        .iter()
        .map(|a| segment::segment(&a.text, &an.lexicon))
        .collect();
    let (t, n) = best(&mut || {
        articles
            .iter()
            .zip(&segs)
            .map(|(a, s)| events::sentence_dates(&a.text, s, a.published).len())
            .sum()
    });
    rows.push(("sentence dates", t, n));
    let dates: Vec<_> = articles
        .iter()
        .zip(&segs)
        .map(|(a, s)| events::sentence_dates(&a.text, s, a.published))
        .collect();
    let find_actors = |i: usize| {
        actors::find_dated(
            &articles[i].text,
            &segs[i],
            &an.dictionary,
            &an.lexicon,
            &dates[i],
        )
    };
    let (t, n) = best(&mut || {
        (0..articles.len())
            .map(|i| find_actors(i).mentions.len())
            .sum()
    });
    rows.push(("actors", t, n));
    let layers: Vec<_> = (0..articles.len()).map(find_actors).collect();
    let (t, n) = best(&mut || {
        (0..articles.len())
            .map(|i| quotes::find(&articles[i].text, &segs[i], &layers[i], &an.lexicon).len())
            .sum()
    });
    rows.push(("quotes", t, n));
    let quote_lists: Vec<_> = (0..articles.len())
        .map(|i| quotes::find(&articles[i].text, &segs[i], &layers[i], &an.lexicon))
        .collect();
    let (t, n) = best(&mut || {
        (0..articles.len())
            .map(|i| {
                let input = events::Input {
                    text: &articles[i].text,
                    seg: &segs[i],
                    actors: &layers[i],
                    quotes: &quote_lists[i],
                    published: articles[i].published,
                    dates: Some(&dates[i]),
                };
                events::find(&input, &an.patterns, &an.lexicon).len()
            })
            .sum()
    });
    rows.push(("events", t, n));
    let opts = Options {
        id: "d".into(),
        format: Format::Text,
        hints: hints.clone(),
        explain: false,
        fields: Default::default(),
    };
    let (t, n) = best(&mut || {
        texts
            .iter()
            .filter_map(|t| an.analyze(t.as_bytes(), &opts).ok())
            .map(|a| a.events.len())
            .sum()
    });
    rows.push(("whole analysis", t, n));
    // the contract's JSON as the binary writes it (analysis::json), into one reused buffer;
    // then plain text to events JSON (`detente analyze --fields events`): the event coder's
    // measure, here without the process start and the JSONL record parsing
    let events_only = Options {
        fields: detente_core::analysis::Fields::parse("events")?,
        ..opts.clone()
    };
    let mut buf = Vec::new();
    for (name, o) in [("analysis + JSON", &opts), ("events JSON", &events_only)] {
        let (t, n) = best(&mut || {
            texts
                .iter()
                .filter_map(|t| an.analyze(t.as_bytes(), o).ok())
                .map(|a| {
                    buf.clear();
                    detente_core::analysis::json::write_analysis(&a, &mut buf);
                    buf.len()
                })
                .sum()
        });
        rows.push((name, t, n));
    }
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{} documents, {mb:.1} MB, {sentences} sentences; best of {repeat}",
        texts.len()
    );
    for (name, t, n) in rows {
        println!(
            "{name:>16}: {:>8.1} ms  {:>9.0} sentences/s  ({n} items)",
            t * 1e3,
            sentences as f64 / t
        );
    }
    Ok(())
}
