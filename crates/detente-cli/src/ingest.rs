//! `detente ingest PATH...`: files, folders (walked recursively, in name order), globs,
//! WARC files, feeds, JSONL batches and standard input, analysed in parallel and written to
//! the store one transaction per chunk. Each record's content hash is checked before it is
//! analysed, so re-ingesting is a no-op and an ingest killed at any point, run again, ends
//! with exactly the documents and events of an uninterrupted run.

use crate::batch::{self, Consumer, Job, Outcome, Sink};
use anyhow::{Context, Result};
use detente_core::read::Format;
use detente_core::{Analysis, Analyzer};
use detente_store::{Added, Prepared, Store, record_hash};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Jsonl,
    Warc,
    Feed,
    Doc,
}

/// Tells a file's kind from its name and first bytes.
pub fn classify(path: &Path, head: &[u8]) -> Kind {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if detente_core::read::is_warc(head) {
        return Kind::Warc;
    }
    if ext == "jsonl" || ext == "ndjson" {
        return Kind::Jsonl;
    }
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        let line = head.split(|b| *b == b'\n').next().unwrap_or(head);
        if serde_json::from_slice::<serde_json::Value>(line).is_ok_and(|v| v.get("id").is_some()) {
            return Kind::Jsonl;
        }
    }
    if detente_core::read::is_feed(head) {
        return Kind::Feed;
    }
    Kind::Doc
}

fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Expands folders (recursively, sorted, hidden entries skipped) and globs into files.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let s = p.to_string_lossy();
        if p.as_os_str() == "-" {
            out.push(p.clone());
        } else if !p.exists() && has_glob(&s) {
            let mut found: Vec<PathBuf> = glob::glob(&s)
                .with_context(|| format!("{s}: not a valid glob pattern"))?
                .filter_map(std::result::Result::ok)
                .collect();
            if found.is_empty() {
                anyhow::bail!("{s}: no file matches this pattern");
            }
            found.sort();
            for f in found {
                walk(&f, &mut out)?;
            }
        } else if p.exists() {
            walk(p, &mut out)?;
        } else {
            return Err(anyhow::Error::new(std::io::Error::from(
                std::io::ErrorKind::NotFound,
            )))
            .context(format!("{}: cannot open it (check the path)", p.display()));
        }
    }
    Ok(out)
}

fn walk(p: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if !p.is_dir() {
        out.push(p.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
        .with_context(|| format!("{}: cannot list it", p.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|e| {
            !e.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for e in entries {
        walk(&e, out)?;
    }
    Ok(())
}

/// Records in a file, when cheap to know (JSONL lines, one document); None for WARC and feeds.
fn count_records(path: &Path, kind: Kind) -> Option<u64> {
    match kind {
        Kind::Doc => Some(1),
        Kind::Jsonl => {
            let mut f = std::fs::File::open(path).ok()?;
            let mut buf = vec![0u8; 1 << 20];
            let (mut n, mut last) = (0u64, b'\n');
            loop {
                let k = f.read(&mut buf).ok()?;
                if k == 0 {
                    break;
                }
                n += buf[..k].iter().filter(|b| **b == b'\n').count() as u64;
                last = buf[k - 1];
            }
            Some(n + u64::from(last != b'\n'))
        }
        Kind::Warc | Kind::Feed => None,
    }
}

/// Writes analyses to the store, one transaction per chunk, on a thread of its own so that
/// writing one chunk overlaps with analysing the next; shows progress.
pub struct StoreWriter {
    /// A second connection, for the hash checks made before analysing.
    reader: Store,
    pending: Vec<Prepared>,
    tx: Option<std::sync::mpsc::SyncSender<Vec<Prepared>>>,
    writer: Option<std::thread::JoinHandle<Result<Added>>>,
    bar: ProgressBar,
}

impl StoreWriter {
    fn new(db: &str, bar: ProgressBar, defer_index: bool) -> Result<Self> {
        let mut store = Store::open(db)?;
        store.tune_for_bulk()?;
        store.defer_index(defer_index);
        let reader = Store::open(db)?;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(1);
        let progress = bar.clone();
        let writer = std::thread::spawn(move || -> Result<Added> {
            let mut total = Added::default();
            while let Ok(mut docs) = rx.recv() {
                // what is already waiting goes into the same transaction
                while docs.len() < 4096 {
                    match rx.try_recv() {
                        Ok(more) => docs.extend(more),
                        Err(_) => break,
                    }
                }
                let a = store.add_prepared(&docs).context("writing to the store")?;
                total.documents += a.documents;
                total.known += a.known;
                total.joined_story += a.joined_story;
                total.new_events += a.new_events;
                total.repeated_events += a.repeated_events;
                progress.set_message(format!(
                    "{} stored, {} events",
                    total.documents, total.new_events
                ));
            }
            // a deferred index (this run's, or one an interrupted run left) is built now
            progress.set_message("building the text index");
            store
                .rebuild_index_if_stale()
                .context("rebuilding the text index")?;
            Ok(total)
        });
        Ok(StoreWriter {
            reader,
            pending: Vec::new(),
            tx: Some(tx),
            writer: Some(writer),
            bar,
        })
    }

    /// Waits for the writer to commit everything sent; returns what it added.
    fn finish(&mut self) -> Result<Added> {
        drop(self.tx.take());
        match self.writer.take() {
            Some(h) => h
                .join()
                .map_err(|_| anyhow::anyhow!("the store writer crashed (a bug)"))?,
            None => Ok(Added::default()),
        }
    }
}

fn job_hash(job: &Job) -> Option<String> {
    match job {
        Job::Doc {
            id, bytes, hints, ..
        } => Some(record_hash(
            id,
            bytes,
            hints.url.as_deref(),
            hints.outlet.as_deref(),
            hints.published.map(|d| d.to_string()).as_deref(),
        )),
        Job::Failed { .. } => None,
    }
}

impl Consumer for StoreWriter {
    type Item = Prepared;
    fn prepare(a: Analysis) -> std::result::Result<Prepared, String> {
        // the hash is filled in by `take`, which knows the record
        Ok(Prepared::new(String::new(), a))
    }
    fn known(&mut self, jobs: &[Job]) -> Result<Vec<bool>> {
        let hashes: Vec<Option<String>> = jobs.iter().map(job_hash).collect();
        let all: Vec<String> = hashes.iter().flatten().cloned().collect();
        let known = self.reader.known_hashes(&all)?;
        Ok(hashes
            .iter()
            .map(|h| h.as_ref().is_some_and(|h| known.contains(h)))
            .collect())
    }
    fn take(&mut self, job: &Job, outcome: Outcome<Prepared>) -> Result<()> {
        self.bar.inc(1);
        match outcome {
            Outcome::Done(mut p) => {
                if let Some(h) = job_hash(job) {
                    p.hash = h;
                    self.pending.push(p);
                }
            }
            Outcome::Known => {}
            Outcome::Failed(msg) => self.bar.suspend(|| {
                eprintln!(
                    "detente: {}: {msg} (not stored; the ingest goes on)",
                    job.id()
                )
            }),
        }
        Ok(())
    }
    fn chunk_done(&mut self) -> Result<()> {
        let docs = std::mem::take(&mut self.pending);
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(docs).is_ok());
        if !sent {
            // the writer stopped: its error says why
            self.finish()?;
            anyhow::bail!("the store writer stopped");
        }
        Ok(())
    }
}

pub struct IngestOptions {
    pub db: String,
    pub threads: Option<usize>,
    pub chunk: usize,
    pub format: Format,
    pub published: Option<detente_core::date::Date>,
    pub quiet: bool,
    pub defer_index: bool,
}

pub fn run(analyzer: &Analyzer, paths: &[PathBuf], o: &IngestOptions) -> Result<u8> {
    let files = expand(paths)?;
    let mut kinds = Vec::with_capacity(files.len());
    let mut total: Option<u64> = Some(0);
    for f in &files {
        let kind = if f.as_os_str() == "-" {
            None
        } else {
            crate::sniff_file(f).map(|head| classify(f, &head))
        };
        total = match (total, kind.and_then(|k| count_records(f, k))) {
            (Some(t), Some(n)) => Some(t + n),
            _ => None,
        };
        kinds.push(kind);
    }
    let bar = if o.quiet {
        ProgressBar::hidden()
    } else {
        match total {
            Some(n) => ProgressBar::new(n),
            None => ProgressBar::new_spinner(),
        }
    };
    let template = if total.is_some() {
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} records, {per_sec}, ETA {eta} | {msg}"
    } else {
        "{spinner} [{elapsed_precise}] {pos} records, {per_sec} | {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let started = Instant::now();
    let writer = StoreWriter::new(&o.db, bar.clone(), o.defer_index)?;
    let mut sink = Sink::new(analyzer, o.threads, writer).with_chunk(o.chunk);
    for (f, kind) in files.iter().zip(kinds) {
        let fail = |sink: &mut Sink<StoreWriter>, e: anyhow::Error| {
            sink.push(Job::Failed {
                id: f.display().to_string(),
                message: format!("{e:#}"),
            })
        };
        if f.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            let head = &bytes[..bytes.len().min(1 << 16)];
            match classify(f, head) {
                Kind::Warc => batch::warc(&mut sink, f, bytes.as_slice())?,
                Kind::Jsonl => batch::jsonl(&mut sink, f, bytes.as_slice(), o.format, o.published)?,
                Kind::Feed => batch::feed(&mut sink, f, &bytes)?,
                Kind::Doc => sink.push(doc_job(f, "stdin".into(), bytes, o))?,
            }
            continue;
        }
        match kind {
            Some(Kind::Warc) => match batch::open(f, "WARC") {
                Ok(input) => batch::warc(&mut sink, f, input)?,
                Err(e) => fail(&mut sink, e)?,
            },
            Some(Kind::Jsonl) => match batch::open(f, "JSONL") {
                Ok(input) => batch::jsonl(&mut sink, f, input, o.format, o.published)?,
                Err(e) => fail(&mut sink, e)?,
            },
            Some(Kind::Feed) => match crate::read_input(f) {
                Ok(bytes) => {
                    if let Err(e) = batch::feed(&mut sink, f, &bytes) {
                        fail(&mut sink, e)?;
                    }
                }
                Err(e) => fail(&mut sink, e)?,
            },
            Some(Kind::Doc) => match crate::read_input(f) {
                Ok(bytes) => {
                    let id = std::fs::canonicalize(f)
                        .unwrap_or_else(|_| f.clone())
                        .display()
                        .to_string();
                    sink.push(doc_job(f, id, bytes, o))?
                }
                Err(e) => fail(&mut sink, e)?,
            },
            None => fail(
                &mut sink,
                anyhow::anyhow!("cannot read it (check the permissions)"),
            )?,
        }
    }
    sink.flush()?;
    let a = sink.consumer.finish()?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let counts = sink.consumer.reader.counts()?;
    eprintln!(
        "detente: {} records in {secs:.1} s ({:.0}/s): {} stored, {} already in the store, {} failed; \
         {} joined an earlier story; {} new events, {} repeated reports",
        sink.total,
        sink.total as f64 / secs.max(1e-9),
        a.documents,
        sink.known + a.known,
        sink.failed,
        a.joined_story,
        a.new_events,
        a.repeated_events
    );
    eprintln!(
        "detente: the store {} holds {} documents in {} stories, {} events ({} reports), {} quotes",
        o.db, counts.documents, counts.stories, counts.events, counts.event_reports, counts.quotes
    );
    Ok(if sink.failed > 0 { 1 } else { 0 })
}

fn doc_job(path: &Path, id: String, bytes: Vec<u8>, o: &IngestOptions) -> Job {
    Job::Doc {
        label: path.display().to_string(),
        id,
        bytes,
        format: o.format,
        hints: detente_core::read::Hints {
            published: o.published,
            ..Default::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_names_and_contents() {
        assert_eq!(classify(Path::new("a.jsonl"), b""), Kind::Jsonl);
        assert_eq!(
            classify(Path::new("a.txt"), b"{\"id\":\"1\",\"text\":\"x\"}\n"),
            Kind::Jsonl
        );
        assert_eq!(
            classify(Path::new("a.bin"), b"WARC/1.1\r\nWARC-Type: response\r\n"),
            Kind::Warc
        );
        assert_eq!(
            classify(
                Path::new("a.xml"),
                b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
            ),
            Kind::Feed
        );
        assert_eq!(classify(Path::new("a.txt"), b"Russia and NATO"), Kind::Doc);
        assert_eq!(classify(Path::new("a.txt"), b"{not json"), Kind::Doc);
    }
}
