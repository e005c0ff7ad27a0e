//! Batches: JSONL (one document per input line: `id`, `text` or `html`, optional `published`,
//! `url`, `outlet`, `title`), WARC files and RSS/Atom feeds. One analysis per output line, in
//! input order. A bad record yields `{"document":{"id":ID},"error":"..."}` in its place and
//! the batch goes on. Records are analysed in parallel within bounded chunks.

use anyhow::{Context, Result};
use detente_core::date::Date;
use detente_core::read::{Format, Hints, Item};
use detente_core::{Analyzer, Options};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Records analysed together (bounded memory, parallel within a chunk).
const CHUNK: usize = 512;

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

/// A record ready to analyse, or the error line that takes its place.
enum Job {
    Doc {
        label: String,
        id: String,
        bytes: Vec<u8>,
        format: Format,
        hints: Hints,
    },
    Failed(Line),
}

/// Writes analyses in order and counts failures.
struct Sink<'a> {
    analyzer: &'a Analyzer,
    threads: usize,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    failed: usize,
    total: usize,
    pending: Vec<Job>,
}

impl<'a> Sink<'a> {
    fn new(analyzer: &'a Analyzer, threads: Option<usize>) -> Self {
        let threads = threads
            .unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(1)
            })
            .max(1);
        Sink {
            analyzer,
            threads,
            out: std::io::BufWriter::new(std::io::stdout().lock()),
            failed: 0,
            total: 0,
            pending: Vec::with_capacity(CHUNK),
        }
    }

    fn push(&mut self, job: Job) -> Result<()> {
        self.pending.push(job);
        if self.pending.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let jobs = std::mem::take(&mut self.pending);
        for line in analyze_all(self.analyzer, jobs, self.threads) {
            self.total += 1;
            self.failed += usize::from(line.failed);
            self.out.write_all(line.json.as_bytes())?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Flushes and returns the exit code: 1 when some records failed.
    fn finish(mut self, what: &str) -> Result<u8> {
        self.flush()?;
        self.out.flush()?;
        if self.failed > 0 {
            eprintln!(
                "detente: {} of {} {what} failed (see their \"error\" lines); the others were analysed",
                self.failed, self.total
            );
            return Ok(1);
        }
        Ok(0)
    }
}

fn analyze_all(analyzer: &Analyzer, jobs: Vec<Job>, threads: usize) -> Vec<Line> {
    let next = AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Line>>> = (0..jobs.len())
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    std::thread::scope(|s| {
        for _ in 0..threads.min(jobs.len()).max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() {
                        break;
                    }
                    let line = match &jobs[i] {
                        Job::Failed(l) => l.clone(),
                        Job::Doc {
                            label,
                            id,
                            bytes,
                            format,
                            hints,
                        } => analyze_one(analyzer, label, id, bytes, *format, hints),
                    };
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(line);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|s| {
            s.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| error_line("unknown", "internal error: no result"))
        })
        .collect()
}

/// Analyses one record; a failure (even a panic) becomes an error line naming the record.
fn analyze_one(
    analyzer: &Analyzer,
    label: &str,
    id: &str,
    bytes: &[u8],
    format: Format,
    hints: &Hints,
) -> Line {
    let opts = Options {
        id: id.to_string(),
        format,
        hints: hints.clone(),
        explain: false,
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyzer.analyze(bytes, &opts)
    })) {
        Ok(Ok(a)) => serde_json::to_string(&a)
            .map(|json| Line {
                json,
                failed: false,
            })
            .unwrap_or_else(|e| error_line(id, &format!("{label}: cannot serialise: {e}"))),
        Ok(Err(e)) => error_line(id, &format!("{label}: {e}")),
        Err(_) => error_line(
            id,
            &format!(
                "{label}: internal error while analysing (a bug: please report it with this record)"
            ),
        ),
    }
}

fn open(path: &Path, what: &str) -> Result<Box<dyn Read>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let meta = std::fs::metadata(path)
        .with_context(|| format!("{}: cannot open it (check the path)", path.display()))?;
    if meta.is_dir() {
        anyhow::bail!("{} is a directory: pass a {what} file", path.display());
    }
    Ok(Box::new(std::fs::File::open(path).with_context(|| {
        format!("{}: cannot open it", path.display())
    })?))
}

/// A JSONL batch.
pub fn run(
    analyzer: &Analyzer,
    path: &Path,
    format: Format,
    published: Option<Date>,
    threads: Option<usize>,
) -> Result<u8> {
    let mut input = BufReader::with_capacity(1 << 20, open(path, "JSONL")?);
    let mut sink = Sink::new(analyzer, threads);
    let mut line_no = 0usize;
    loop {
        let mut buf = Vec::new();
        let n = input
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{}: read error after line {line_no}", path.display()))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        sink.push(jsonl_job(line_no, &buf, format, published))?;
    }
    sink.finish("the batch's records")
}

/// A WARC file (plain or gzip): every HTML response is a document.
pub fn run_warc(analyzer: &Analyzer, path: &Path, threads: Option<usize>) -> Result<u8> {
    run_warc_from(analyzer, path, open(path, "WARC")?, threads)
}

/// A WARC stream already opened (standard input that was read to sniff it).
pub fn run_warc_from(
    analyzer: &Analyzer,
    path: &Path,
    input: impl Read,
    threads: Option<usize>,
) -> Result<u8> {
    let mut sink = Sink::new(analyzer, threads);
    let mut io_error: Option<anyhow::Error> = None;
    let stats = detente_core::read::read_warc(
        input,
        |item: Item| {
            if io_error.is_none() {
                let label = format!("record {}", item.id);
                if let Err(e) = sink.push(Job::Doc {
                    label,
                    id: item.id,
                    bytes: item.bytes,
                    format: item.format,
                    hints: item.hints,
                }) {
                    io_error = Some(e);
                }
            }
        },
        |e| {
            eprintln!(
                "detente: {}: record {}: {} (the batch goes on)",
                path.display(),
                e.record,
                e.message
            );
        },
    );
    if let Some(e) = io_error {
        return Err(e);
    }
    eprintln!(
        "detente: {}: {} records, {} responses, {} skipped as not HTML, {} other records skipped, {} bytes skipped to resynchronise",
        path.display(),
        stats.records,
        stats.responses,
        stats.skipped_not_html,
        stats.skipped_other,
        stats.resynced_bytes
    );
    sink.finish("the WARC's documents")
}

/// An RSS or Atom feed: every item is a document.
pub fn run_feed(
    analyzer: &Analyzer,
    path: &Path,
    bytes: &[u8],
    threads: Option<usize>,
) -> Result<u8> {
    let items = detente_core::read::read_feed(bytes).with_context(|| path.display().to_string())?;
    let mut sink = Sink::new(analyzer, threads);
    for (n, item) in items.into_iter().enumerate() {
        sink.push(Job::Doc {
            label: format!("item {}", n + 1),
            id: item.id,
            bytes: item.bytes,
            format: item.format,
            hints: item.hints,
        })?;
    }
    sink.finish("the feed's items")
}

/// Turns one JSONL line into a job, or into the error line that replaces it.
fn jsonl_job(line: usize, bytes: &[u8], format: Format, published: Option<Date>) -> Job {
    let fallback_id = format!("line {line}");
    let fail = |id: &str, msg: String| Job::Failed(error_line(id, &msg));
    let v: Value = match std::str::from_utf8(bytes)
        .map_err(|e| format!("line {line}: not valid UTF-8 at byte {}", e.valid_up_to()))
        .and_then(|s| {
            serde_json::from_str(s).map_err(|e| {
                format!("line {line}: not a JSON object ({e}); fix or remove the line")
            })
        }) {
        Ok(v) => v,
        Err(msg) => return fail(&fallback_id, msg),
    };
    let id = match v.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            return fail(
                &fallback_id,
                format!("line {line}: no \"id\" string; every line needs one"),
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
            return fail(
                &id,
                format!("line {line}: needs a \"text\" or \"html\" string"),
            );
        }
    };
    let published = match v.get("published").and_then(Value::as_str) {
        Some(p) => match Date::parse(p) {
            Some(d) => Some(d),
            None => {
                return fail(
                    &id,
                    format!("line {line}: \"published\" {p:?} is not a date (use YYYY-MM-DD)"),
                );
            }
        },
        None => published,
    };
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    Job::Doc {
        label: format!("line {line}"),
        id,
        bytes: body.as_bytes().to_vec(),
        format: fmt,
        hints: Hints {
            published,
            url: s("url"),
            outlet: s("outlet"),
            title: s("title"),
        },
    }
}
