//! The `detente` command line. All I/O lives here: reading files, stdin and JSONL batches,
//! printing reports and JSON, and turning library errors into one-line messages with
//! conventional exit codes.
//!
//! Exit codes: 0 success; 1 a batch finished but some records failed (each has an error
//! line); 2 bad usage; 65 the input is not a usable document (empty, binary, bad encoding,
//! too large); 66 the input cannot be opened (missing, a directory, unreadable).

mod batch;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use detente_core::read::{Format, Hints, MAX_BYTES};
use detente_core::{Analyzer, Options};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// An extra actor dictionary in PETRARCH/TABARI format (e.g. Phoenix.Countries.actors.txt);
    /// repeatable.
    #[arg(long = "actors", value_name = "FILE")]
    actors: Vec<PathBuf>,
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

/// The first 64 KB of a file, to tell its kind without reading it all.
fn sniff_file(path: &Path) -> Option<Vec<u8>> {
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
    let mut analyzer = load_analyzer().context("loading the built-in data")?;
    for path in &args.actors {
        let bytes = read_input(path)?;
        let src = String::from_utf8_lossy(&bytes);
        let (entries, names, skipped) = analyzer
            .dictionary
            .extend_petrarch(&path.display().to_string(), &src)
            .with_context(|| format!("{}: not a PETRARCH actor dictionary", path.display()))?;
        eprintln!(
            "detente: {}: {entries} actors, {names} names loaded",
            path.display()
        );
        if let Some(first) = skipped.first() {
            eprintln!(
                "detente: {}: {} roles skipped for malformed dates (first: {first})",
                path.display(),
                skipped.len()
            );
        }
    }
    let format = match args.format {
        FormatArg::Auto => Format::Auto,
        FormatArg::Text => Format::Text,
        FormatArg::Html => Format::Html,
    };
    if args.jsonl {
        return batch::run(&analyzer, &args.path, format, args.published, args.threads);
    }
    // a WARC file is streamed: it may be far larger than one document
    if args.path.as_os_str() != "-"
        && sniff_file(&args.path).is_some_and(|head| detente_core::read::is_warc(&head))
    {
        return batch::run_warc(&analyzer, &args.path, args.threads);
    }
    let bytes = read_input(&args.path)?;
    // a file was sniffed above; standard input is sniffed here
    if args.path.as_os_str() == "-"
        && detente_core::read::is_warc(&bytes[..bytes.len().min(1 << 16)])
    {
        return batch::run_warc_from(&analyzer, &args.path, bytes.as_slice(), args.threads);
    }
    if detente_core::read::is_feed(&bytes) {
        return batch::run_feed(&analyzer, &args.path, &bytes, args.threads);
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
    };
    let analysis = analyzer
        .analyze(&bytes, &opts)
        .with_context(|| name.clone())?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &analysis)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", detente_core::report::render(&analysis))?;
    }
    if analysis.document.text.is_empty() {
        bail!("{name}: no text");
    }
    // the process ends here: freeing the dictionaries one by one would only cost time
    std::mem::forget(analyzer);
    Ok(0)
}
