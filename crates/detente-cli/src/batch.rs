//! JSONL batches: one document per input line (`id`, `text` or `html`, optional `published`,
//! `url`, `outlet`, `title`), one analysis per output line in the same order. A bad line
//! yields `{"document":{"id":ID},"error":"..."}` in its place and the batch goes on.

use anyhow::{Context, Result};
use detente_core::read::{Format, Hints};
use detente_core::{Analyzer, Options};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Lines analysed together (bounded memory, parallel within a chunk).
const CHUNK: usize = 512;

pub fn run(
    analyzer: &Analyzer,
    path: &Path,
    format: Format,
    published: Option<detente_core::date::Date>,
    threads: Option<usize>,
) -> Result<u8> {
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("{}: cannot open it (check the path)", path.display()))?;
        if meta.is_dir() {
            anyhow::bail!("{} is a directory: pass a JSONL file", path.display());
        }
        Box::new(
            std::fs::File::open(path)
                .with_context(|| format!("{}: cannot open it", path.display()))?,
        )
    };
    let threads = threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1);
    let mut input = BufReader::with_capacity(1 << 20, reader);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    let mut line_no = 0usize;
    let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(CHUNK);
    let mut eof = false;
    while !eof {
        chunk.clear();
        while chunk.len() < CHUNK {
            let mut buf = Vec::new();
            let n = input
                .read_until(b'\n', &mut buf)
                .with_context(|| format!("{}: read error after line {line_no}", path.display()))?;
            if n == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            chunk.push((line_no, buf));
        }
        let results = analyze_chunk(analyzer, &chunk, format, published, threads);
        for r in results {
            failed += usize::from(r.failed);
            out.write_all(r.json.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!(
            "detente: {failed} of the batch's records failed (see their \"error\" lines); the others were analysed"
        );
        return Ok(1);
    }
    Ok(0)
}

fn analyze_chunk(
    analyzer: &Analyzer,
    chunk: &[(usize, Vec<u8>)],
    format: Format,
    published: Option<detente_core::date::Date>,
    threads: usize,
) -> Vec<Line> {
    let mut results: Vec<Option<Line>> = vec![None; chunk.len()];
    let next = AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Line>>> = (0..chunk.len())
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    std::thread::scope(|s| {
        for _ in 0..threads.min(chunk.len()).max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= chunk.len() {
                        break;
                    }
                    let (line, bytes) = &chunk[i];
                    let v = one(analyzer, *line, bytes, format, published);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(v);
                    }
                }
            });
        }
    });
    for (i, slot) in slots.into_iter().enumerate() {
        results[i] = slot.into_inner().ok().flatten();
    }
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            r.unwrap_or_else(|| {
                error_line(&format!("line {}", chunk[i].0), "internal error: no result")
            })
        })
        .collect()
}

/// One output line, serialised, and whether it reports a failure.
#[derive(Clone)]
struct Line {
    json: String,
    failed: bool,
}

fn error_line(id: &str, msg: &str) -> Line {
    Line {
        json: json!({"document": {"id": id}, "error": msg}).to_string(),
        failed: true,
    }
}

/// Analyses one batch line; every failure becomes an error line naming the line number.
fn one(
    analyzer: &Analyzer,
    line: usize,
    bytes: &[u8],
    format: Format,
    published: Option<detente_core::date::Date>,
) -> Line {
    let fallback_id = format!("line {line}");
    let v: Value = match std::str::from_utf8(bytes)
        .map_err(|e| format!("line {line}: not valid UTF-8 at byte {}", e.valid_up_to()))
        .and_then(|s| {
            serde_json::from_str(s).map_err(|e| {
                format!("line {line}: not a JSON object ({e}); fix or remove the line")
            })
        }) {
        Ok(v) => v,
        Err(msg) => return error_line(&fallback_id, &msg),
    };
    let id = match v.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            return error_line(
                &fallback_id,
                &format!("line {line}: no \"id\" string; every line needs one"),
            );
        }
    };
    let (body, fmt) = match (
        v.get("text").and_then(Value::as_str),
        v.get("html").and_then(Value::as_str),
    ) {
        (Some(t), _) => (
            t,
            if matches!(format, Format::Html) {
                Format::Html
            } else {
                Format::Text
            },
        ),
        (None, Some(h)) => (h, Format::Html),
        _ => {
            return error_line(
                &id,
                &format!("line {line}: needs a \"text\" or \"html\" string"),
            );
        }
    };
    let published = match v.get("published").and_then(Value::as_str) {
        Some(p) => match detente_core::date::Date::parse(p) {
            Some(d) => Some(d),
            None => {
                return error_line(
                    &id,
                    &format!("line {line}: \"published\" {p:?} is not a date (use YYYY-MM-DD)"),
                );
            }
        },
        None => published,
    };
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let opts = Options {
        id: id.clone(),
        format: fmt,
        hints: Hints {
            published,
            url: s("url"),
            outlet: s("outlet"),
            title: s("title"),
        },
        explain: false,
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyzer.analyze(body.as_bytes(), &opts)
    })) {
        Ok(Ok(a)) => serde_json::to_string(&a)
            .map(|json| Line {
                json,
                failed: false,
            })
            .unwrap_or_else(|e| error_line(&id, &format!("line {line}: cannot serialise: {e}"))),
        Ok(Err(e)) => error_line(&id, &format!("line {line}: {e}")),
        Err(_) => error_line(
            &id,
            &format!(
                "line {line}: internal error while analysing (a bug: please report it with this record)"
            ),
        ),
    }
}
