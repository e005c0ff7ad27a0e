//! Batches: JSONL (one document per input line: `id`, `text` or `html`, optional `published`,
//! `url`, `outlet`, `title`), WARC files, RSS/Atom feeds and single documents, analysed in
//! parallel within bounded chunks (on one thread, each as soon as it is made, so that a
//! chunk's results are never all held at once) and handed, in input order, to a
//! [`Consumer`]: the JSONL printer of `detente analyze`, or the store writer of `detente
//! ingest`. A bad record becomes a failed outcome in its place and the batch goes on.

use anyhow::{Context, Result};
use detente_core::analysis::Fields;
use detente_core::date::Date;
use detente_core::read::{Format, Hints, Item};
use detente_core::{Analysis, Analyzer, Options};
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Records analysed together (bounded memory, parallel within a chunk).
pub const CHUNK: usize = 512;

/// A record ready to analyse, or the reason it cannot be.
pub enum Job {
    Doc {
        label: String,
        id: String,
        bytes: Vec<u8>,
        format: Format,
        hints: Hints,
    },
    Failed {
        id: String,
        message: String,
    },
}

impl Job {
    pub fn id(&self) -> &str {
        match self {
            Job::Doc { id, .. } | Job::Failed { id, .. } => id,
        }
    }
    /// How messages name the record.
    fn label(&self) -> &str {
        match self {
            Job::Doc { label, .. } => label,
            Job::Failed { id, .. } => id,
        }
    }
}

/// What became of one record.
pub enum Outcome<T> {
    Done(T),
    /// The consumer already has it (`Consumer::known`): not analysed again.
    Known,
    Failed(String),
}

/// Where analysed records go, in input order.
pub trait Consumer {
    /// What a worker thread turns an analysis into (serialised JSON, or the analysis itself).
    type Item: Send;
    fn prepare(analysis: Analysis) -> std::result::Result<Self::Item, String>;
    /// Which of these jobs need no analysis.
    fn known(&mut self, jobs: &[Job]) -> Result<Vec<bool>> {
        Ok(vec![false; jobs.len()])
    }
    fn take(&mut self, job: &Job, outcome: Outcome<Self::Item>) -> Result<()>;
    /// Takes a record's analysis as soon as it is made, when a chunk is analysed on one
    /// thread, in input order: by default [`Consumer::prepare`] then [`Consumer::take`].
    fn take_analysis(&mut self, job: &Job, outcome: Outcome<Analysis>) -> Result<()> {
        let outcome = match outcome {
            Outcome::Done(a) => match Self::prepare(a) {
                Ok(item) => Outcome::Done(item),
                Err(e) => Outcome::Failed(format!("{}: {e}", job.label())),
            },
            Outcome::Known => Outcome::Known,
            Outcome::Failed(m) => Outcome::Failed(m),
        };
        self.take(job, outcome)
    }
    /// Called after each chunk (the store commits here).
    fn chunk_done(&mut self) -> Result<()> {
        Ok(())
    }
}

/// Prints one contract object per record, or `{"document":{"id":ID},"error":"..."}`.
pub struct Printer {
    out: std::io::StdoutLock<'static>,
    /// Lines not yet written: analyses on one thread are written straight into it, so no
    /// document's JSON gets a buffer of its own.
    buf: Vec<u8>,
}

/// How much output [`Printer`] gathers before it writes.
const PRINT_BUFFER: usize = 1 << 16;

impl Printer {
    pub fn new() -> Self {
        Printer {
            out: std::io::stdout().lock(),
            buf: Vec::with_capacity(2 * PRINT_BUFFER),
        }
    }

    /// Writes the gathered lines once there are enough of them.
    fn spill(&mut self) -> Result<()> {
        if self.buf.len() >= PRINT_BUFFER {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn error_line(&mut self, job: &Job, msg: &str) {
        let line = json!({"document": {"id": job.id()}, "error": msg}).to_string();
        self.buf.extend_from_slice(line.as_bytes());
        self.buf.push(b'\n');
    }
}

impl Consumer for Printer {
    type Item = Vec<u8>;
    /// The contract's JSON by the direct writer (byte for byte serde_json's output, without
    /// its per-key escaping and buffer growth), in a buffer reserved once.
    fn prepare(a: Analysis) -> std::result::Result<Vec<u8>, String> {
        Ok(detente_core::analysis::json::to_vec(&a))
    }
    fn take(&mut self, job: &Job, outcome: Outcome<Vec<u8>>) -> Result<()> {
        match outcome {
            Outcome::Done(json) => {
                self.buf.extend_from_slice(&json);
                self.buf.push(b'\n');
            }
            Outcome::Known => return Ok(()),
            Outcome::Failed(msg) => self.error_line(job, &msg),
        }
        self.spill()
    }
    fn take_analysis(&mut self, job: &Job, outcome: Outcome<Analysis>) -> Result<()> {
        match outcome {
            Outcome::Done(a) => {
                self.buf
                    .reserve(detente_core::analysis::json::estimated_len(&a) + 1);
                detente_core::analysis::json::write_analysis(&a, &mut self.buf);
                self.buf.push(b'\n');
            }
            Outcome::Known => return Ok(()),
            Outcome::Failed(msg) => self.error_line(job, &msg),
        }
        self.spill()
    }
    fn chunk_done(&mut self) -> Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()?;
        Ok(())
    }
}

/// Collects jobs into chunks, analyses each chunk in parallel, hands results on in order.
pub struct Sink<'a, C: Consumer> {
    analyzer: &'a Analyzer,
    threads: usize,
    pub consumer: C,
    pub failed: usize,
    pub total: usize,
    pub known: usize,
    pending: Vec<Job>,
    chunk: usize,
    /// The members of the analyses to build (all but for a projected `--jsonl` print).
    fields: Fields,
}

pub fn threads_or_all(threads: Option<usize>) -> usize {
    threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        })
        .max(1)
}

impl<'a, C: Consumer> Sink<'a, C> {
    pub fn new(analyzer: &'a Analyzer, threads: Option<usize>, consumer: C) -> Self {
        Sink {
            analyzer,
            threads: threads_or_all(threads),
            consumer,
            failed: 0,
            total: 0,
            known: 0,
            pending: Vec::with_capacity(CHUNK),
            chunk: CHUNK,
            fields: Fields::ALL,
        }
    }

    /// Builds only these members of each analysis (the store needs them all).
    pub fn with_fields(mut self, fields: Fields) -> Self {
        self.fields = fields;
        self
    }

    pub fn with_chunk(mut self, chunk: usize) -> Self {
        self.chunk = chunk.max(1);
        self
    }

    pub fn push(&mut self, job: Job) -> Result<()> {
        self.pending.push(job);
        if self.pending.len() >= self.chunk {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let jobs = std::mem::take(&mut self.pending);
        let known = self.consumer.known(&jobs)?;
        if self.threads == 1 || jobs.len() == 1 {
            // one thread: each analysis goes to the consumer as soon as it is made, so a
            // chunk's results are never all held at once (nor is a thread started)
            for (i, job) in jobs.iter().enumerate() {
                let outcome = analyze_job(self.analyzer, self.fields, job, known.get(i).copied());
                self.count(&outcome);
                self.consumer.take_analysis(job, outcome)?;
            }
        } else {
            let outcomes =
                analyze_all::<C>(self.analyzer, self.fields, &jobs, &known, self.threads);
            for (job, outcome) in jobs.iter().zip(outcomes) {
                self.count(&outcome);
                self.consumer.take(job, outcome)?;
            }
        }
        // the emptied vector keeps its room for the next chunk
        self.pending = jobs;
        self.pending.clear();
        self.consumer.chunk_done()
    }

    fn count<T>(&mut self, outcome: &Outcome<T>) {
        self.total += 1;
        match outcome {
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Known => self.known += 1,
            Outcome::Done(_) => {}
        }
    }

    /// Flushes; returns the exit code: 1 when some records failed.
    pub fn finish(&mut self, what: &str) -> Result<u8> {
        self.flush()?;
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

fn analyze_all<C: Consumer>(
    analyzer: &Analyzer,
    fields: Fields,
    jobs: &[Job],
    known: &[bool],
    threads: usize,
) -> Vec<Outcome<C::Item>> {
    let next = AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Outcome<C::Item>>>> = (0..jobs.len())
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
                    let outcome =
                        match analyze_job(analyzer, fields, &jobs[i], known.get(i).copied()) {
                            Outcome::Done(a) => match C::prepare(a) {
                                Ok(item) => Outcome::Done(item),
                                Err(e) => Outcome::Failed(format!("{}: {e}", jobs[i].label())),
                            },
                            Outcome::Known => Outcome::Known,
                            Outcome::Failed(m) => Outcome::Failed(m),
                        };
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(outcome);
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
                .unwrap_or_else(|| Outcome::Failed("internal error: no result".into()))
        })
        .collect()
}

/// Analyses one job (unless the consumer already has it); a failure (even a panic) becomes a
/// message naming the record.
fn analyze_job(
    analyzer: &Analyzer,
    fields: Fields,
    job: &Job,
    known: Option<bool>,
) -> Outcome<Analysis> {
    if known.unwrap_or(false) {
        return Outcome::Known;
    }
    match job {
        Job::Failed { message, .. } => Outcome::Failed(message.clone()),
        Job::Doc {
            label,
            id,
            bytes,
            format,
            hints,
        } => analyze_one(analyzer, fields, label, id, bytes, *format, hints),
    }
}

/// Analyses one record; a failure (even a panic) becomes a message naming the record.
fn analyze_one(
    analyzer: &Analyzer,
    fields: Fields,
    label: &str,
    id: &str,
    bytes: &[u8],
    format: Format,
    hints: &Hints,
) -> Outcome<Analysis> {
    let opts = Options {
        id: id.to_string(),
        format,
        hints: hints.clone(),
        explain: false,
        fields,
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyzer.analyze(bytes, &opts)
    })) {
        Ok(Ok(a)) => Outcome::Done(a),
        Ok(Err(e)) => Outcome::Failed(format!("{label}: {e}")),
        Err(_) => Outcome::Failed(format!(
            "{label}: internal error while analysing (a bug: please report it with this record)"
        )),
    }
}

pub fn open(path: &Path, what: &str) -> Result<Box<dyn Read>> {
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

/// Feeds a JSONL batch into the sink.
pub fn jsonl<C: Consumer>(
    sink: &mut Sink<C>,
    path: &Path,
    input: impl Read,
    format: Format,
    published: Option<Date>,
) -> Result<()> {
    let mut input = BufReader::with_capacity(1 << 20, input);
    let mut line_no = 0usize;
    // one buffer for every line: a line's job copies what it keeps
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = read_line(&mut input, &mut buf)
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
    Ok(())
}

/// `BufRead::read_until(b'\n')` with memchr's search for the newline (the standard library's
/// generic one costs several times more for a batch's long lines): appends the line and its
/// newline to `buf`, returns how many bytes it read (0 at the end of the input).
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut read = 0;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (done, used) = match memchr::memchr(b'\n', available) {
            Some(i) => (true, i + 1),
            None => (available.is_empty(), available.len()),
        };
        buf.extend_from_slice(&available[..used]);
        input.consume(used);
        read += used;
        if done {
            return Ok(read);
        }
    }
}

/// Feeds a WARC stream (plain or gzip) into the sink: every HTML response is a document.
pub fn warc<C: Consumer>(sink: &mut Sink<C>, path: &Path, input: impl Read) -> Result<()> {
    let mut io_error: Option<anyhow::Error> = None;
    let stats = detente_core::read::read_warc(
        input,
        |item: Item| {
            if io_error.is_none()
                && let Err(e) = sink.push(Job::Doc {
                    label: format!("record {}", item.id),
                    id: item.id,
                    bytes: item.bytes,
                    format: item.format,
                    hints: item.hints,
                })
            {
                io_error = Some(e);
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
    Ok(())
}

/// Feeds an RSS or Atom feed into the sink: every item is a document.
pub fn feed<C: Consumer>(sink: &mut Sink<C>, path: &Path, bytes: &[u8]) -> Result<()> {
    let items = detente_core::read::read_feed(bytes).with_context(|| path.display().to_string())?;
    for (n, item) in items.into_iter().enumerate() {
        sink.push(Job::Doc {
            label: format!("{} item {}", path.display(), n + 1),
            id: item.id,
            bytes: item.bytes,
            format: item.format,
            hints: item.hints,
        })?;
    }
    Ok(())
}

/// `detente analyze --jsonl`.
/// How `detente analyze` prints a batch: on how many threads, which members.
#[derive(Clone, Copy)]
pub struct Batch {
    pub threads: Option<usize>,
    pub fields: Fields,
}

impl Batch {
    fn printer<'a>(&self, analyzer: &'a Analyzer) -> Sink<'a, Printer> {
        Sink::new(analyzer, self.threads, Printer::new()).with_fields(self.fields)
    }
}

pub fn run(
    analyzer: &Analyzer,
    path: &Path,
    format: Format,
    published: Option<Date>,
    batch: Batch,
) -> Result<u8> {
    let mut sink = batch.printer(analyzer);
    jsonl(&mut sink, path, open(path, "JSONL")?, format, published)?;
    sink.finish("the batch's records")
}

/// `detente analyze` on a WARC stream.
pub fn run_warc_from(
    analyzer: &Analyzer,
    path: &Path,
    input: impl Read,
    batch: Batch,
) -> Result<u8> {
    let mut sink = batch.printer(analyzer);
    warc(&mut sink, path, input)?;
    sink.finish("the WARC's documents")
}

/// `detente analyze` on a WARC file.
pub fn run_warc(analyzer: &Analyzer, path: &Path, batch: Batch) -> Result<u8> {
    run_warc_from(analyzer, path, open(path, "WARC")?, batch)
}

/// `detente analyze` on a feed.
pub fn run_feed(analyzer: &Analyzer, path: &Path, bytes: &[u8], batch: Batch) -> Result<u8> {
    let mut sink = batch.printer(analyzer);
    feed(&mut sink, path, bytes)?;
    sink.finish("the feed's items")
}

/// Turns one JSONL line into a job, or into the failure that replaces it.
fn jsonl_job(line: usize, bytes: &[u8], format: Format, published: Option<Date>) -> Job {
    let where_ = format!("line {line}");
    match detente_core::record::parse_line(&where_, bytes, format, published) {
        Ok(r) => Job::Doc {
            label: where_,
            id: r.id,
            bytes: r.bytes,
            format: r.format,
            hints: r.hints,
        },
        Err(e) => Job::Failed {
            id: e.id.unwrap_or(where_),
            message: e.message,
        },
    }
}
