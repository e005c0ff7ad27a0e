//! The store's read side on the command line: `detente dyad`, `events`, `quotes --speaker`,
//! `search` and `export`. Each prints a table for people or, with `--json`, JSON for
//! programs.

use anyhow::{Context, Result, bail};
use detente_core::date::Date;
use detente_store::dyad::{self, Period};
use detente_store::{EventFilter, QuoteFilter, Store};
use std::io::Write;
use std::path::Path;

/// Opens an existing store for reading; an SQLite path that does not exist is an error
/// (reading must not create an empty store).
pub fn open_existing(db: &str) -> Result<Store> {
    let is_pg = db.starts_with("postgres://") || db.starts_with("postgresql://");
    if !is_pg && !Path::new(db).exists() {
        return Err(anyhow::Error::new(std::io::Error::from(
            std::io::ErrorKind::NotFound,
        )))
        .context(format!(
            "no store at {db}: run `detente ingest PATH --db {db}` first, or pass --db"
        ));
    }
    Ok(Store::open(db)?)
}

pub fn day_of(d: &Date) -> i64 {
    d.days().unwrap_or(0)
}

fn fmt_opt(x: Option<f64>, prec: usize) -> String {
    x.map(|v| format!("{v:+.prec$}"))
        .unwrap_or_else(|| "-".into())
}

pub struct DyadArgs<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub by: Period,
    pub baseline_from: Option<Date>,
    pub json: bool,
    pub plot: Option<&'a Path>,
}

pub fn dyad(store: &mut Store, args: &DyadArgs) -> Result<u8> {
    let from = args.from.map(|d| day_of(&d));
    let to = args.to.map(|d| day_of(&d));
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        bail!("--to is before --from");
    }
    let Some(series) = store.dyad_series(
        args.a,
        args.b,
        from,
        to,
        args.by,
        args.baseline_from.map(|d| day_of(&d)),
    )?
    else {
        bail!(
            "no events between {} and {} in the store: check the actor codes (principals such as RUS, USA, NATO, EU) or ingest more news",
            args.a,
            args.b
        );
    };
    if let Some(path) = args.plot {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "svg" => std::fs::write(path, crate::plot::svg(&series))
                .with_context(|| format!("{}: cannot write the plot", path.display()))?,
            "png" => crate::plot::png(&series, path)?,
            _ => bail!(
                "{}: the plot is written as SVG or PNG: name the file .svg or .png",
                path.display()
            ),
        }
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &series)?;
        writeln!(out)?;
        return Ok(0);
    }
    writeln!(
        out,
        "{}–{} by {:?}, {} to {} (each event counted once, however many articles report it)",
        series.a, series.b, series.period, series.from, series.to
    )?;
    writeln!(
        out,
        "{:<11} {:>6} {:>7} {:>7} {:>7} {:>7} {:>6} {:>8} {:>6}  relations",
        "period", "events", "v-coop", "m-coop", "v-conf", "m-conf", "level", "sum", "z"
    )?;
    for b in &series.buckets {
        writeln!(
            out,
            "{:<11} {:>6} {:>7} {:>7} {:>7} {:>7} {:>6} {:>8} {:>6}  {}",
            b.start,
            b.events,
            b.quad[0],
            b.quad[1],
            b.quad[2],
            b.quad[3],
            fmt_opt(b.level, 2),
            if b.events > 0 {
                format!("{:+.1}", b.goldstein_sum)
            } else {
                "-".into()
            },
            fmt_opt(b.z, 1),
            b.label
                .unwrap_or(if b.events > 0 { "(too few events)" } else { "" })
        )?;
    }
    let bl = &series.baseline;
    writeln!(
        out,
        "\nwhole range: {} events, level (mean Goldstein) {}",
        series.events,
        fmt_opt(series.level, 2)
    )?;
    writeln!(
        out,
        "baseline ({}, {} to {}): {} periods with >= {} events, mean level {}, sd {}",
        bl.kind,
        bl.from,
        bl.to,
        bl.periods,
        dyad::MIN_EVENTS,
        fmt_opt(bl.mean, 2),
        bl.sd
            .map(|x| format!("{x:.2}"))
            .unwrap_or_else(|| "-".into())
    )?;
    match (series.z, series.label) {
        (Some(z), Some(label)) => writeln!(
            out,
            "relations: {label} (z = {z:+.2}: the range's level against the baseline, in baseline standard deviations)"
        )?,
        _ => writeln!(
            out,
            "relations: too few events to compare with the baseline"
        )?,
    }
    Ok(0)
}

/// Rows as JSON lines on standard output.
fn print_jsonl<T: serde::Serialize>(rows: &[T]) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    for r in rows {
        serde_json::to_writer(&mut out, r)?;
        writeln!(out)?;
    }
    Ok(0)
}

pub fn events(store: &mut Store, f: &EventFilter, json: bool) -> Result<u8> {
    let rows = store.events(f)?;
    if json {
        return print_jsonl(&rows);
    }
    let mut out = std::io::stdout().lock();
    for r in &rows {
        writeln!(
            out,
            "{}  {} ({}) -> {} ({})  {} {:+.1} q{}  [{} article{}, {} report{}]",
            r.date,
            r.source_name,
            r.source_code,
            r.target_name,
            r.target_code,
            r.cameo,
            r.goldstein,
            r.quad_class,
            r.num_articles,
            if r.num_articles == 1 { "" } else { "s" },
            r.num_reports,
            if r.num_reports == 1 { "" } else { "s" },
        )?;
        writeln!(
            out,
            "    \"{}\"\n    {} | {} | rule {}",
            r.evidence.trim(),
            r.doc_outlet.as_deref().unwrap_or("-"),
            r.doc_title.as_deref().unwrap_or("-"),
            r.rule
        )?;
    }
    if rows.is_empty() {
        eprintln!("detente: no events match");
    }
    Ok(0)
}

pub fn quotes(store: &mut Store, f: &QuoteFilter, json: bool) -> Result<u8> {
    let rows = store.quotes(f)?;
    if json {
        return print_jsonl(&rows);
    }
    let mut out = std::io::stdout().lock();
    for r in &rows {
        writeln!(
            out,
            "{} {} ({}): “{}”\n    {} | {} | {}",
            r.published.as_deref().unwrap_or("-"),
            r.speaker_name.as_deref().unwrap_or("(unknown speaker)"),
            r.speaker_code.as_deref().unwrap_or("-"),
            r.text.trim(),
            r.kind,
            r.outlet.as_deref().unwrap_or("-"),
            r.title.as_deref().unwrap_or("-"),
        )?;
    }
    if rows.is_empty() {
        eprintln!("detente: no quotes match");
    }
    Ok(0)
}

pub fn search(store: &mut Store, q: &str, limit: usize, json: bool) -> Result<u8> {
    let hits = store.search(q, limit, 0)?;
    let mut out = std::io::stdout().lock();
    for h in &hits {
        if json {
            serde_json::to_writer(&mut out, h)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "[{}] {} | {} | {}\n    {}",
                h.doc_id,
                h.published.as_deref().unwrap_or("-"),
                h.outlet.as_deref().unwrap_or("-"),
                h.title.as_deref().unwrap_or("-"),
                h.snippet.replace('\n', " ")
            )?;
        }
    }
    if hits.is_empty() {
        eprintln!("detente: no document matches {q:?}");
    }
    Ok(0)
}

pub fn export(store: &mut Store, format: &str, out_path: Option<&Path>) -> Result<u8> {
    if format == "parquet" {
        let Some(p) = out_path else {
            bail!("Parquet goes to a file: pass -o events.parquet");
        };
        #[cfg(feature = "parquet")]
        {
            let file = std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create it", p.display()))?;
            let n = detente_store::export::events_parquet(store, file)?;
            eprintln!("detente: exported {n} events to {}", p.display());
            return Ok(0);
        }
        #[cfg(not(feature = "parquet"))]
        bail!(
            "{}: Parquet export is not in this build; rebuild with `cargo build --release --features parquet`",
            p.display()
        );
    }
    let mut out: Box<dyn Write> = match out_path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create it", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let n = match format {
        "csv" => detente_store::export::events_csv(store, &mut out)?,
        "jsonl" => detente_store::export::documents_jsonl(store, &mut out)?,
        _ => bail!(
            "unknown export format {format:?}: use csv (events), jsonl (documents, the contract) or parquet (events)"
        ),
    };
    out.flush()?;
    eprintln!(
        "detente: exported {n} {}",
        if format == "csv" {
            "events"
        } else {
            "documents"
        }
    );
    Ok(0)
}
