//! The `detente` command line. All I/O lives here: reading files, stdin and JSONL batches,
//! printing reports and JSON, and turning library errors into one-line messages with
//! conventional exit codes.
//!
//! Exit codes: 0 success; 1 a batch finished but some records failed (each has an error
//! line); 2 bad usage; 65 the input is not a usable document (empty, binary, bad encoding,
//! too large); 66 the input cannot be opened (missing, a directory, unreadable).

mod batch;
mod corpus;
mod ingest;
mod plot;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use detente_core::read::{Format, Hints, MAX_BYTES};
use detente_core::{Analyzer, Options};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// mimalloc rather than the system allocator: the analysis makes many small short-lived
// allocations (tokens, mentions, events) per document
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "detente",
    version,
    about = "Reads international news and measures the relations between the actors in it."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse one document, or a batch (JSONL with --jsonl; a WARC file or an RSS/Atom feed
    /// is recognised by its contents and printed as JSONL): who said what, who did what to
    /// whom and when.
    Analyze(AnalyzeArgs),
    /// Analyse files, folders, globs, WARC files, feeds, JSONL batches or stdin into the store
    /// (SQLite by default; --db postgres://... for PostgreSQL). Re-ingesting is a no-op.
    Ingest(IngestArgs),
    /// Relations between two actors over time: events by period and quad class, Goldstein
    /// mean and sum, and a relations level against a baseline.
    Dyad(DyadArgs),
    /// Events in the store (each counted once, with the articles that report it).
    Events(EventsArgs),
    /// Quotes: of one document (PATH), grouped by speaker; or from the store (--speaker ...).
    Quotes(QuotesArgs),
    /// Full-text search over the stored articles.
    Search(SearchArgs),
    /// Export the store: events as CSV (GDELT-like columns) or documents as JSONL (the contract).
    Export(ExportArgs),
    /// Serve the HTTP API and the dashboard over a store (read-only unless --token is given).
    Serve(ServeArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Token that allows writes (POST /api/ingest with `Authorization: Bearer TOKEN`);
    /// without it the server is read-only.
    #[arg(long, env = "DETENTE_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 2 * 1024 * 1024)]
    max_body: usize,
    /// Requests per second allowed per client address (burst: twice as many).
    #[arg(long, default_value_t = 1000.0)]
    rate: f64,
}

/// A date range (inclusive).
#[derive(clap::Args)]
struct RangeArgs {
    /// From this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    from: Option<detente_core::date::Date>,
    /// To this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    to: Option<detente_core::date::Date>,
}

/// The store: an SQLite file (created by `ingest`) or a postgres:// URL.
#[derive(clap::Args)]
struct DbArg {
    /// The store: an SQLite file, or postgres://user:pass@host/db (default: $DETENTE_DB or detente.db).
    #[arg(long, env = "DETENTE_DB", default_value = "detente.db")]
    db: String,
}

#[derive(clap::Args)]
struct IngestArgs {
    /// Files, folders, glob patterns ("news/*.html"), WARC files, feeds, JSONL batches, or -.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 512)]
    batch: usize,
    /// Input format of single documents (default: sniffed).
    #[arg(long, value_enum, default_value = "auto")]
    format: FormatArg,
    /// Publication date for documents that do not say (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    published: Option<detente_core::date::Date>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// For large loads into SQLite: build the full-text index once at the end instead of
    /// document by document (faster); an interrupted run's index is rebuilt when the next
    /// ingest ends. Search is incomplete until then.
    #[arg(long)]
    defer_index: bool,
}

#[derive(clap::Args)]
struct DyadArgs {
    /// First actor: a principal (RUS, USA, NATO, EU, ...).
    a: String,
    /// Second actor.
    b: String,
    #[command(flatten)]
    range: RangeArgs,
    /// Period: day, week, month, quarter, year.
    #[arg(long, default_value = "week", value_parser = parse_period)]
    by: detente_store::dyad::Period,
    /// Start of the baseline window (default: a year before --from).
    #[arg(long, value_parser = parse_date)]
    baseline_from: Option<detente_core::date::Date>,
    /// Write a chart (SVG).
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DbArg,
}

#[derive(clap::Args)]
struct EventsArgs {
    /// An actor, as source or target: a principal (RUS, NATO) or a code prefix (RUSGOV).
    #[arg(long)]
    actor: Option<String>,
    /// A second actor: only events between the two.
    #[arg(long = "with")]
    other: Option<String>,
    /// A CAMEO code prefix (16 = reduce relations, 036, ...).
    #[arg(long)]
    code: Option<String>,
    #[command(flatten)]
    range: RangeArgs,
    /// Words the reporting articles contain.
    #[arg(long)]
    text: Option<String>,
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DbArg,
}

#[derive(clap::Args)]
struct QuotesArgs {
    /// A document to analyse (its quotes, grouped by speaker); without it, the store is asked.
    path: Option<PathBuf>,
    /// Part of the speaker's name, or the speaker's actor code or principal.
    #[arg(long)]
    speaker: Option<String>,
    #[command(flatten)]
    range: RangeArgs,
    /// Words in the quote.
    #[arg(long)]
    text: Option<String>,
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[arg(long)]
    json: bool,
    /// Publication date when the document does not say (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    published: Option<detente_core::date::Date>,
    #[command(flatten)]
    db: DbArg,
}

#[derive(clap::Args)]
struct SearchArgs {
    /// Words to find (all of them).
    query: String,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DbArg,
}

#[derive(clap::Args)]
struct ExportArgs {
    /// csv (events, GDELT-like columns), jsonl (documents in the analysis contract) or
    /// parquet (events; needs the `parquet` build feature and -o FILE).
    #[arg(long, default_value = "csv")]
    format: String,
    /// Output file (default: standard output).
    #[arg(long, short)]
    out: Option<PathBuf>,
    #[command(flatten)]
    db: DbArg,
}

fn parse_period(s: &str) -> std::result::Result<detente_store::dyad::Period, String> {
    detente_store::dyad::Period::parse(s)
        .ok_or_else(|| format!("{s:?} is not a period: use day, week, month, quarter or year"))
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Auto,
    Text,
    Html,
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// A file, or - for standard input.
    path: PathBuf,
    /// Print one JSON object (the output contract) instead of the report.
    #[arg(long, conflicts_with = "jsonl")]
    json: bool,
    /// The input is a JSONL batch: one document per line; print one JSON object per line.
    #[arg(long)]
    jsonl: bool,
    /// Publication date when the document does not say (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    published: Option<detente_core::date::Date>,
    /// Input format (default: sniffed from the bytes).
    #[arg(long, value_enum, default_value = "auto")]
    format: FormatArg,
    /// Document id for --json output (default: the file name).
    #[arg(long)]
    id: Option<String>,
    /// Worker threads for --jsonl (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Show, per sentence, what the event coder matched and why it coded an event or not.
    #[arg(long)]
    explain: bool,
    /// The members of the JSON output to print, comma-separated, from document (metadata),
    /// text, sentences, mentions, quotes, events; default all. `schema` and `document.id`
    /// are always printed. `--fields events` prints only the events (the run is cheaper too:
    /// the text and the mentions make most of the output).
    #[arg(long, value_parser = detente_core::analysis::Fields::parse, value_name = "LIST")]
    fields: Option<detente_core::analysis::Fields>,
    /// An extra actor dictionary: FILE.toml in detente's own format (`[[person]]` with dated
    /// `[[person.role]]`, `[[organization]]`, `[[group]]`, as in data/actors/), any other file in
    /// PETRARCH/TABARI format (e.g. Phoenix.Countries.actors.txt);
    /// repeatable.
    #[arg(long = "actors", value_name = "FILE")]
    actors: Vec<PathBuf>,
    /// An extra verb dictionary in PETRARCH-2 format (e.g. CAMEO.2.0.txt), read as event
    /// patterns; repeatable.
    #[arg(long = "verbs", value_name = "FILE")]
    verbs: Vec<PathBuf>,
}

fn parse_date(s: &str) -> std::result::Result<detente_core::date::Date, String> {
    detente_core::date::Date::parse(s)
        .filter(|d| d.day.is_some())
        .ok_or_else(|| format!("{s:?} is not a date: use YYYY-MM-DD"))
}

/// An error with the exit code it maps to.
#[derive(Debug)]
struct Exit(u8);
impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}
impl std::error::Error for Exit {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze(args),
        Command::Ingest(args) => ingest_cmd(args),
        Command::Dyad(a) => corpus::open_existing(&a.db.db).and_then(|mut store| {
            corpus::dyad(
                &mut store,
                &corpus::DyadArgs {
                    a: &a.a,
                    b: &a.b,
                    from: a.range.from,
                    to: a.range.to,
                    by: a.by,
                    baseline_from: a.baseline_from,
                    json: a.json,
                    plot: a.plot.as_deref(),
                },
            )
        }),
        Command::Events(a) => corpus::open_existing(&a.db.db).and_then(|mut store| {
            let f = detente_store::EventFilter {
                actor: a.actor,
                other: a.other,
                code: a.code,
                from: a.range.from.as_ref().map(corpus::day_of),
                to: a.range.to.as_ref().map(corpus::day_of),
                text: a.text,
                limit: a.limit,
                offset: a.offset,
            };
            corpus::events(&mut store, &f, a.json)
        }),
        Command::Quotes(a) => quotes_cmd(a),
        Command::Serve(a) => serve_cmd(a),
        Command::Search(a) => corpus::open_existing(&a.db.db)
            .and_then(|mut store| corpus::search(&mut store, &a.query, a.limit, a.json)),
        Command::Export(a) => corpus::open_existing(&a.db.db)
            .and_then(|mut store| corpus::export(&mut store, &a.format, a.out.as_deref())),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let code = e
                .downcast_ref::<Exit>()
                .map(|x| x.0)
                .unwrap_or_else(|| exit_code_for(&e));
            // the chain, innermost cause last, on one line
            let msg: Vec<String> = e
                .chain()
                .filter(|c| c.downcast_ref::<Exit>().is_none())
                .map(|c| c.to_string())
                .collect();
            eprintln!("detente: {}", msg.join(": "));
            ExitCode::from(code)
        }
    }
}

fn exit_code_for(e: &anyhow::Error) -> u8 {
    for cause in e.chain() {
        if let Some(server) = cause.downcast_ref::<detente_server::Error>() {
            return match server {
                detente_server::Error::Bind { .. } => 69,
                detente_server::Error::Store(_) => 69,
                detente_server::Error::Serve(_) => 74,
            };
        }
        if let Some(store) = cause.downcast_ref::<detente_store::Error>() {
            return match store {
                detente_store::Error::Open { .. } | detente_store::Error::NoPostgres(_) => 69,
                detente_store::Error::NewerSchema { .. } => 65,
                detente_store::Error::Invalid(_) => 2,
                detente_store::Error::Sql { .. } => 74,
            };
        }
        if let Some(core) = cause.downcast_ref::<detente_core::Error>() {
            return match core {
                detente_core::Error::Data { .. } => 70,
                _ => 65,
            };
        }
        if cause.downcast_ref::<std::io::Error>().is_some() {
            return 66;
        }
    }
    1
}

/// Loads the built-in data, the actor dictionaries and the event patterns on two threads
/// (they are the two large parts of the start-up time).
fn load_analyzer() -> Result<Analyzer> {
    use detente_core::{actors::Dictionary, events::Ontology, events::Patterns, lexicon::Lexicon};
    let (dict, rest) = std::thread::scope(|s| {
        let dict = s.spawn(Dictionary::builtin);
        let rest = (|| -> detente_core::Result<(Lexicon, Ontology, Patterns)> {
            let lex = Lexicon::builtin()?;
            let onto = Ontology::builtin()?;
            let pats = Patterns::builtin(&onto, &lex.irregular)?;
            Ok((lex, onto, pats))
        })();
        (dict.join(), rest)
    });
    let dict = dict.map_err(|_| anyhow::anyhow!("the dictionary loader crashed (a bug)"))??;
    let (lex, onto, pats) = rest?;
    Ok(Analyzer::from_parts(lex, dict, onto, pats))
}

fn format_of(f: FormatArg) -> Format {
    match f {
        FormatArg::Auto => Format::Auto,
        FormatArg::Text => Format::Text,
        FormatArg::Html => Format::Html,
    }
}

fn ingest_cmd(args: IngestArgs) -> Result<u8> {
    let analyzer = load_analyzer().context("loading the built-in data")?;
    let code = ingest::run(
        &analyzer,
        &args.paths,
        &ingest::IngestOptions {
            db: args.db.db,
            threads: args.threads,
            chunk: args.batch,
            format: format_of(args.format),
            published: args.published,
            quiet: args.quiet,
            defer_index: args.defer_index,
        },
    )?;
    std::mem::forget(analyzer);
    Ok(code)
}

fn serve_cmd(a: ServeArgs) -> Result<u8> {
    let analyzer = std::sync::Arc::new(load_analyzer().context("loading the built-in data")?);
    let config = detente_server::Config {
        db: a.db.db,
        addr: a.addr,
        token: a.token.filter(|t| !t.is_empty()),
        max_body: a.max_body,
        rate: a.rate,
        burst: a.rate * 2.0,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(detente_server::serve(config, analyzer))?;
    Ok(0)
}

/// `detente quotes PATH`: one document's quotes grouped by speaker; without PATH, the store.
fn quotes_cmd(a: QuotesArgs) -> Result<u8> {
    let Some(path) = a.path else {
        let mut store = corpus::open_existing(&a.db.db)?;
        let f = detente_store::QuoteFilter {
            speaker: a.speaker,
            from: a.range.from.as_ref().map(corpus::day_of),
            to: a.range.to.as_ref().map(corpus::day_of),
            text: a.text,
            limit: a.limit,
            offset: 0,
        };
        return corpus::quotes(&mut store, &f, a.json);
    };
    let analyzer = load_analyzer().context("loading the built-in data")?;
    let bytes = read_input(&path)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".into());
    let opts = Options {
        id,
        format: Format::Auto,
        hints: Hints {
            published: a.published,
            ..Hints::default()
        },
        explain: false,
        fields: Default::default(),
    };
    let analysis = analyzer
        .analyze(&bytes, &opts)
        .with_context(|| path.display().to_string())?;
    let mut out = std::io::stdout().lock();
    let speaker_matches = |q: &detente_core::analysis::QuoteOut| match &a.speaker {
        None => true,
        Some(s) => q.speaker.as_ref().is_some_and(|sp| {
            sp.name.to_lowercase().contains(&s.to_lowercase())
                || sp.code.eq_ignore_ascii_case(s)
                || sp
                    .principal
                    .as_deref()
                    .is_some_and(|p| p.eq_ignore_ascii_case(s))
        }),
    };
    let quotes: Vec<_> = analysis
        .quotes
        .iter()
        .filter(|q| speaker_matches(q))
        .collect();
    if a.json {
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"schema": detente_core::analysis::SCHEMA,
                "document": {"id": analysis.document.id, "title": analysis.document.title,
                             "published": analysis.document.published,
                             "outlet": analysis.document.outlet},
                "quotes": quotes}),
        )?;
        writeln!(out)?;
    } else {
        write!(out, "{}", detente_core::report::quotes_by_speaker(&quotes))?;
    }
    std::mem::forget(analyzer);
    Ok(0)
}

/// The first 64 KB of a file, to tell its kind without reading it all.
pub fn sniff_file(path: &Path) -> Option<Vec<u8>> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(1 << 16)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// Reads a whole input (file or stdin) with the size limit checked before reading.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_BYTES as u64 + 1)
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        if buf.len() > MAX_BYTES {
            return Err(detente_core::Error::TooLarge {
                size: buf.len(),
                limit: MAX_BYTES,
            })
            .context("standard input");
        }
        return Ok(buf);
    }
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .with_context(|| format!("{shown}: cannot open it (check the path)"))?;
    if meta.is_dir() {
        return Err(anyhow::Error::new(Exit(66))).context(format!(
            "{shown} is a directory: pass a file (or use `detente ingest` for folders)"
        ));
    }
    if meta.len() > MAX_BYTES as u64 {
        return Err(detente_core::Error::TooLarge {
            size: meta.len() as usize,
            limit: MAX_BYTES,
        })
        .context(shown.to_string());
    }
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut buf))
        .with_context(|| format!("{shown}: cannot read it"))?;
    Ok(buf)
}

fn analyze(args: AnalyzeArgs) -> Result<u8> {
    // never dropped: the process ends with this command, and freeing the dictionaries' and
    // patterns' hundred thousand small allocations one by one would cost ~10 ms of every run
    let mut analyzer =
        std::mem::ManuallyDrop::new(load_analyzer().context("loading the built-in data")?);
    for path in &args.actors {
        let bytes = read_input(path)?;
        let src = String::from_utf8_lossy(&bytes);
        let shown = path.display().to_string();
        if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
        {
            let (persons, orgs, names) = analyzer
                .dictionary
                .extend_toml(&shown, &src)
                .with_context(|| {
                    format!(
                        "{shown}: not a detente actor dictionary (the format of data/actors/*.toml; \
                         a PETRARCH/TABARI file must not end in .toml)"
                    )
                })?;
            eprintln!(
                "detente: {shown}: {persons} persons, {orgs} organisations, {names} names loaded"
            );
            continue;
        }
        let (entries, names, skipped) = analyzer
            .dictionary
            .extend_petrarch(&shown, &src)
            .with_context(|| format!("{shown}: not a PETRARCH actor dictionary"))?;
        eprintln!("detente: {shown}: {entries} actors, {names} names loaded");
        if let Some(first) = skipped.first() {
            eprintln!(
                "detente: {shown}: {} roles skipped for malformed dates (first: {first})",
                skipped.len()
            );
        }
    }
    for path in &args.verbs {
        let bytes = read_input(path)?;
        let src = String::from_utf8_lossy(&bytes);
        let a: &mut detente_core::analysis::Analyzer = &mut analyzer;
        let import = a
            .patterns
            .extend_petrarch(
                &path.display().to_string(),
                &src,
                &a.ontology,
                &a.lexicon.irregular,
            )
            .with_context(|| format!("{}: not a PETRARCH verb dictionary", path.display()))?;
        eprintln!(
            "detente: {}: {} verbs, {} patterns loaded; {} pattern lines skipped{}",
            path.display(),
            import.verbs,
            import.loaded,
            import.skipped,
            if import.by_reason.is_empty() {
                String::new()
            } else {
                let kinds: Vec<String> = import
                    .by_reason
                    .iter()
                    .map(|(k, n)| format!("{n} {k}"))
                    .collect();
                format!(
                    " ({}; first: {})",
                    kinds.join(", "),
                    import.reasons.join("; ")
                )
            }
        );
    }
    let format = format_of(args.format);
    let fields = args.fields.unwrap_or_default();
    let batch = batch::Batch {
        threads: args.threads,
        fields,
    };
    if args.jsonl {
        return batch::run(&analyzer, &args.path, format, args.published, batch);
    }
    // a WARC file is streamed: it may be far larger than one document
    if args.path.as_os_str() != "-"
        && sniff_file(&args.path).is_some_and(|head| detente_core::read::is_warc(&head))
    {
        return batch::run_warc(&analyzer, &args.path, batch);
    }
    let bytes = read_input(&args.path)?;
    // a file was sniffed above; standard input is sniffed here
    if args.path.as_os_str() == "-"
        && detente_core::read::is_warc(&bytes[..bytes.len().min(1 << 16)])
    {
        return batch::run_warc_from(&analyzer, &args.path, bytes.as_slice(), batch);
    }
    if detente_core::read::is_feed(&bytes) {
        return batch::run_feed(&analyzer, &args.path, &bytes, batch);
    }
    if args.fields.is_some() && !args.json {
        // a usage error, as clap's own (exit code 2)
        eprintln!(
            "detente: --fields chooses members of the JSON output: add --json (the report \
             always shows the whole analysis)"
        );
        return Ok(2);
    }
    let name = if args.path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        args.path.display().to_string()
    };
    let id = args.id.clone().unwrap_or_else(|| {
        if args.path.as_os_str() == "-" {
            "stdin".into()
        } else {
            args.path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "stdin".into())
        }
    });
    let opts = Options {
        id,
        format,
        hints: Hints {
            published: args.published,
            ..Hints::default()
        },
        explain: args.explain,
        fields,
    };
    let analysis = analyzer
        .analyze(&bytes, &opts)
        .with_context(|| name.clone())?;
    let mut out = std::io::stdout().lock();
    if args.json {
        // one write of the whole line (stdout is line-buffered: serde_json's many small
        // writes went to it one by one)
        let mut line = detente_core::analysis::json::to_vec(&analysis);
        line.push(b'\n');
        out.write_all(&line)?;
    } else {
        write!(out, "{}", detente_core::report::render(&analysis))?;
    }
    if analysis.document.text.is_empty() {
        bail!("{name}: no text");
    }
    Ok(0)
}
