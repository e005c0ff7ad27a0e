//! The direct JSON writer (`analysis::json`) against serde_json on real analyses: the bytes
//! must be identical. The bundled example article always; with `../shared` present, every
//! record of the dev sets and the seed set (the scrapinghub pages as HTML, which fills the
//! optional fields a plain text leaves empty: title, url, author). Each document is analysed
//! twice, plainly and with `explain` (the extension only `--explain` fills).

use detente_core::analysis::json::{to_vec, write_analysis};
use detente_core::read::Format;
use detente_core::{Analysis, Analyzer, Options};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

mod support;
use support::{repo, shared};

/// What the analyses compared so far exercised, so that a test that compared only empty
/// lists or only `null`s cannot pass unnoticed.
#[derive(Default, Debug)]
struct Seen {
    docs: usize,
    bytes: usize,
    estimated: usize,
    underestimated: usize,
    mentions: usize,
    quotes: usize,
    quotes_without_speaker: usize,
    quotes_without_cue: usize,
    events: usize,
    events_without_plover: usize,
    plover_with_mode: usize,
    events_without_date: usize,
    negated: usize,
    hypothetical: usize,
    explained: usize,
    titles: usize,
    urls: usize,
    authors: usize,
    cited_sources: usize,
    escaped: usize,
}

fn check(analyzer: &Analyzer, what: &str, bytes: &[u8], opts: &Options, seen: &mut Seen) {
    for explain in [false, true] {
        let opts = Options {
            explain,
            ..opts.clone()
        };
        let a: Analysis = match analyzer.analyze(bytes, &opts) {
            Ok(a) => a,
            Err(_) => return, // a record the reader rejects has no analysis to write
        };
        let want = serde_json::to_vec(&a).expect("serde_json");
        let got = to_vec(&a);
        if got != want {
            let at = got
                .iter()
                .zip(&want)
                .position(|(x, y)| x != y)
                .unwrap_or(got.len().min(want.len()));
            let show = |b: &[u8]| {
                String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 80).min(b.len())])
                    .into_owned()
            };
            panic!(
                "{what} (explain {explain}): the writer differs from serde_json at byte {at}\n  writer: {}\n  serde:  {}",
                show(&got),
                show(&want)
            );
        }
        // appending to a buffer that already holds something writes the same bytes after it
        let mut appended = b"prefix".to_vec();
        write_analysis(&a, &mut appended);
        assert_eq!(&appended[6..], &want[..], "{what}: write_analysis appends");

        seen.docs += 1;
        seen.bytes += got.len();
        let est = detente_core::analysis::json::estimated_len(&a);
        seen.estimated += est;
        seen.underestimated += usize::from(est < got.len());
        seen.mentions += a.mentions.len();
        seen.quotes += a.quotes.len();
        seen.quotes_without_speaker += a.quotes.iter().filter(|q| q.speaker.is_none()).count();
        seen.quotes_without_cue += a.quotes.iter().filter(|q| q.cue.is_none()).count();
        seen.events += a.events.len();
        seen.events_without_plover += a.events.iter().filter(|e| e.plover.is_none()).count();
        seen.plover_with_mode += a
            .events
            .iter()
            .filter(|e| e.plover.as_ref().is_some_and(|p| p.mode.is_some()))
            .count();
        seen.events_without_date += a.events.iter().filter(|e| e.date.is_none()).count();
        seen.negated += a.events.iter().filter(|e| e.negated).count();
        seen.hypothetical += a.events.iter().filter(|e| e.hypothetical).count();
        seen.explained += usize::from(!a.explain.is_empty());
        seen.titles += usize::from(a.document.title.is_some());
        seen.urls += usize::from(a.document.url.is_some());
        seen.authors += usize::from(a.document.author.is_some());
        seen.cited_sources += usize::from(!a.document.cited_sources.is_empty());
        seen.escaped += usize::from(a.document.text.contains(['\n', '"']));
    }
}

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("examples/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_example_article_is_written_as_serde_json_writes_it() {
    let analyzer = Analyzer::new().expect("analyzer");
    let mut seen = Seen::default();
    let files = example_files();
    assert!(!files.is_empty(), "no examples/*.txt");
    for path in &files {
        let bytes = std::fs::read(path).expect("read example");
        let opts = Options {
            id: path.file_stem().unwrap().to_string_lossy().into_owned(),
            format: Format::Auto,
            hints: detente_core::read::Hints {
                published: detente_core::date::Date::parse("2022-01-14"),
                ..Default::default()
            },
            explain: false,
            fields: Default::default(),
        };
        check(
            &analyzer,
            &path.display().to_string(),
            &bytes,
            &opts,
            &mut seen,
        );
    }
    eprintln!("{seen:?}");
    assert!(
        seen.mentions > 0 && seen.quotes > 0 && seen.events > 0,
        "{seen:?}"
    );
    assert!(
        seen.explained > 0,
        "--explain notes were compared: {seen:?}"
    );
    estimate_fits(&seen);
}

/// `to_vec` reserves `estimated_len` once: it should rarely fall short (the buffer would
/// grow by copying) nor reserve far more than is written.
fn estimate_fits(seen: &Seen) {
    assert!(
        seen.underestimated * 100 <= seen.docs,
        "estimated_len fell short for {} of {} analyses: update it for the new fields",
        seen.underestimated,
        seen.docs
    );
    assert!(
        seen.estimated <= seen.bytes * 3 / 2,
        "estimated_len reserves {} bytes for {} written",
        seen.estimated,
        seen.bytes
    );
}

/// One gold record as a batch record: its `text`, else the file it names (HTML, gzipped
/// or not, or text) read from `../shared`; its `published`, `url`, `outlet`, `title`.
fn record_of(shared: &Path, line: &str) -> Option<(String, Vec<u8>, Options)> {
    let v: Value = serde_json::from_str(line).expect("gold line is JSON");
    let mut rec = serde_json::Map::new();
    for k in ["id", "text", "published", "url", "outlet", "title"] {
        if let Some(x) = v.get(k) {
            rec.insert(k.into(), x.clone());
        }
    }
    if v.get("text").is_none() {
        let file = v.get("file")?.as_str()?;
        let path = [shared.join(file), shared.join("..").join(file)]
            .into_iter()
            .find(|p| p.is_file())?;
        let raw = std::fs::read(&path).ok()?;
        let body = if file.ends_with(".gz") {
            let mut s = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut s)
                .ok()?;
            s
        } else {
            raw
        };
        let body = String::from_utf8_lossy(&body).into_owned();
        let key = if file.contains(".htm") {
            "html"
        } else {
            "text"
        };
        rec.insert(key.into(), Value::String(body));
    }
    let r =
        detente_core::record::from_value("gold", &Value::Object(rec), Format::Auto, None).ok()?;
    let opts = Options {
        id: r.id.clone(),
        format: r.format,
        hints: r.hints,
        explain: false,
        fields: Default::default(),
    };
    Some((r.id, r.bytes, opts))
}

#[test]
fn the_dev_and_seed_sets_are_written_as_serde_json_writes_them() {
    let Some(shared) = shared() else { return };
    let analyzer = Analyzer::new().expect("analyzer");
    let mut seen = Seen::default();
    let mut sets = 0;
    for gold in [
        "eval/seed.gold.jsonl",
        "eval/dev/plover-gsr.gold.jsonl",
        "eval/dev/conflibert-train.gold.jsonl",
        "eval/dev/scrapinghub.gold.jsonl",
    ] {
        let Ok(src) = std::fs::read_to_string(shared.join(gold)) else {
            continue;
        };
        sets += 1;
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            if let Some((id, bytes, opts)) = record_of(&shared, line) {
                check(&analyzer, &format!("{gold} {id}"), &bytes, &opts, &mut seen);
            }
        }
    }
    eprintln!("{seen:?}");
    assert!(sets > 0, "no gold sets under {}", shared.display());
    estimate_fits(&seen);
    // the comparison covered every kind of field, both ways for the optional ones
    for (n, what) in [
        (seen.docs, "documents"),
        (seen.mentions, "mentions"),
        (seen.quotes, "quotes"),
        (seen.quotes_without_speaker, "quotes without a speaker"),
        (seen.quotes_without_cue, "quotes without a cue"),
        (seen.events, "events"),
        (seen.events_without_plover, "events without PLOVER"),
        (seen.plover_with_mode, "PLOVER modes"),
        (seen.events_without_date, "events without a date"),
        (seen.negated, "negated events"),
        (seen.hypothetical, "hypothetical events"),
        (seen.explained, "analyses with --explain notes"),
        (seen.titles, "titles"),
        (seen.urls, "urls"),
        (seen.authors, "authors"),
        (seen.cited_sources, "cited sources"),
        (seen.escaped, "texts with escapes"),
    ] {
        assert!(n > 0, "no {what} among the analyses compared: {seen:?}");
    }
}

/// Not a check: the time to write the dev sets' analyses by serde_json and by the writer
/// (`cargo test --release -p detente-core --test json_writer -- --ignored --nocapture`).
#[test]
#[ignore]
fn time_against_serde_json() {
    let Some(shared) = shared() else { return };
    let analyzer = Analyzer::new().expect("analyzer");
    let mut analyses = Vec::new();
    for gold in [
        "eval/dev/plover-gsr.gold.jsonl",
        "eval/dev/conflibert-train.gold.jsonl",
        "eval/dev/scrapinghub.gold.jsonl",
    ] {
        let src = std::fs::read_to_string(shared.join(gold)).unwrap_or_default();
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            if let Some((_, bytes, opts)) = record_of(&shared, line)
                && let Ok(a) = analyzer.analyze(&bytes, &opts)
            {
                analyses.push(a);
            }
        }
    }
    let time = |f: &dyn Fn(&Analysis) -> Vec<u8>| {
        (0..7)
            .map(|_| {
                let t = std::time::Instant::now();
                let n: usize = analyses.iter().map(|a| f(a).len()).sum();
                (t.elapsed(), n)
            })
            .min()
            .unwrap()
    };
    let (serde, n) = time(&|a| serde_json::to_vec(a).unwrap());
    let (writer, m) = time(&|a| to_vec(a));
    assert_eq!(n, m);
    eprintln!(
        "{} analyses, {} bytes: serde_json {:?}, writer {:?} ({:.1}x)",
        analyses.len(),
        n,
        serde,
        writer,
        serde.as_secs_f64() / writer.as_secs_f64()
    );
}

/// The full object less the members a projection leaves out: `document` keeps its `id`,
/// keeps its metadata with `document` and its `text` with `text`.
fn projected(full: &Value, fields: detente_core::analysis::Fields) -> Value {
    use detente_core::analysis::Fields;
    let mut v = full.clone();
    let obj = v.as_object_mut().expect("an object");
    for (name, f) in Fields::NAMES {
        if fields.has(f) || matches!(name, "document" | "text") {
            continue;
        }
        obj.remove(name);
    }
    let doc = obj["document"].as_object_mut().expect("document");
    doc.retain(|k, _| {
        k == "id"
            || k == "text" && fields.has(Fields::TEXT)
            || k != "text" && fields.has(Fields::DOCUMENT)
    });
    v
}

/// `--fields`: a projection is the whole object with the members not asked for left out,
/// and what it keeps is what the whole analysis says (the founding article and, with
/// `../shared`, the PLOVER dev sentences).
#[test]
fn a_projection_is_the_whole_object_less_the_members_left_out() {
    use detente_core::analysis::Fields;
    let analyzer = Analyzer::new().expect("analyzer");
    let mut docs: Vec<(String, Vec<u8>, Options)> = Vec::new();
    for path in example_files() {
        let opts = Options {
            id: path.file_stem().unwrap().to_string_lossy().into_owned(),
            ..Options::default()
        };
        docs.push((
            opts.id.clone(),
            std::fs::read(&path).expect("example"),
            opts,
        ));
    }
    if let Some(shared) = shared() {
        let src = std::fs::read_to_string(shared.join("eval/dev/plover-gsr.gold.jsonl"))
            .expect("plover dev set");
        docs.extend(src.lines().filter_map(|l| record_of(&shared, l)));
    }
    let sets = [
        "events",
        "document,events",
        "text,mentions,quotes",
        "sentences",
        "",
        "all",
    ];
    let mut events = 0;
    for (id, bytes, opts) in &docs {
        let full = analyzer.analyze(bytes, opts).expect("analysis");
        let full_json: Value = serde_json::from_slice(&to_vec(&full)).expect("JSON");
        for list in sets {
            let fields = Fields::parse(list).expect("known members");
            let opts = Options {
                fields,
                ..opts.clone()
            };
            let a = analyzer.analyze(bytes, &opts).expect("analysis");
            let got: Value = serde_json::from_slice(&to_vec(&a)).expect("projection is JSON");
            assert_eq!(got, projected(&full_json, fields), "{id} --fields {list:?}");
            if fields.has(Fields::EVENTS) {
                events += a.events.len();
            }
        }
    }
    assert!(events > 0, "no events compared");
}

#[test]
fn fields_parse_names_the_unknown_member() {
    use detente_core::analysis::Fields;
    assert_eq!(Fields::parse("all"), Ok(Fields::ALL));
    assert_eq!(Fields::parse("events"), Ok(Fields::EVENTS));
    let f = Fields::parse("document, events").expect("two members");
    assert!(f.has(Fields::DOCUMENT) && f.has(Fields::EVENTS) && !f.has(Fields::TEXT));
    let err = Fields::parse("events,evnts").expect_err("a typo");
    assert!(
        err.contains("\"evnts\"") && err.contains("mentions"),
        "{err}"
    );
}
