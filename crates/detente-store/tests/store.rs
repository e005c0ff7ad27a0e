//! The store's behaviour, asserted the same way on SQLite and on PostgreSQL: ingest,
//! idempotence, story and event deduplication across outlets (five wordings of one story
//! count once in the dyad series), queries with hostile parameters, and exports that give
//! back exactly the analyses that went in.
//!
//! PostgreSQL: built with `--features postgres`, the test connects to
//! $DETENTE_TEST_POSTGRES (scripts/test starts a server and sets it); without it the test
//! skips and says so, except under CI=true, where that is a failure.

use detente_core::date::Date;
use detente_core::read::{Format, Hints};
use detente_core::{Analysis, Analyzer, Options};
use detente_store::dyad::{self, Period};
use detente_store::{EventFilter, QuoteFilter, Store, record_hash};
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new().expect("built-in data loads"))
}

/// (id, outlet, published, text)
const FIVE: &[(&str, &str, &str, &str)] = &[
    (
        "o1",
        "Outlet One",
        "2022-01-12",
        "Russia expelled eight NATO diplomats on Wednesday, escalating a row with the alliance. The foreign ministry in Moscow said the move was a response to an earlier decision by Brussels.",
    ),
    (
        "o2",
        "Outlet Two",
        "2022-01-12",
        "On Wednesday Russia expelled eight diplomats of NATO, officials said. The decision deepens the worst crisis in relations since the Cold War, analysts noted.",
    ),
    (
        "o3",
        "Outlet Three",
        "2022-01-13",
        "The Kremlin retaliated against the alliance on Wednesday. Russia expelled eight NATO diplomats, according to the Russian foreign ministry, which accused the bloc of hostile steps.",
    ),
    (
        "o4",
        "Outlet Four",
        "2022-01-12",
        "Eight NATO diplomats were expelled by Russia on Wednesday. The alliance said it regretted the decision and called it unjustified.",
    ),
    (
        "o5",
        "Outlet Five",
        "2022-01-12",
        "In a sharp escalation, Russia on Wednesday expelled eight diplomats working for NATO. Western officials condemned the step.",
    ),
];

const OTHERS: &[(&str, &str, &str, &str)] = &[
    (
        "q1",
        "Wire",
        "2022-01-10",
        "“We will not compromise on our core principles,” NATO Secretary-General Jens Stoltenberg said on Monday. He added that the alliance was ready to talk to Moscow about arms control. Russian Deputy Foreign Minister Sergei Ryabkov said the talks with the United States in Geneva were difficult.",
    ),
    (
        "w1",
        "Wire",
        "2022-01-10",
        "The United States and Russia held talks in Geneva on Monday about security guarantees. The talks ended without a breakthrough, officials said, and a missile deployment in Europe remained the main point of dispute.",
    ),
    // the same wire story again, lightly edited by a second outlet: one story, two articles
    (
        "w2",
        "Second Outlet",
        "2022-01-10",
        "The United States and Russia held talks in Geneva on Monday about security guarantees. The talks ended without a breakthrough, officials said, and a missile deployment in Europe remained the main dispute.",
    ),
];

fn analyse(id: &str, outlet: &str, published: &str, text: &str) -> (String, Analysis) {
    let hints = Hints {
        published: Date::parse(published),
        outlet: Some(outlet.to_string()),
        ..Hints::default()
    };
    let opts = Options {
        id: id.to_string(),
        format: Format::Text,
        hints,
        explain: false,
        fields: Default::default(),
    };
    let a = analyzer()
        .analyze(text.as_bytes(), &opts)
        .expect("analysis succeeds");
    let hash = record_hash(id, text.as_bytes(), None, Some(outlet), Some(published));
    (hash, a)
}

fn day(s: &str) -> i64 {
    Date::parse(s).and_then(|d| d.days()).expect("a date")
}

/// Everything the store must do, on whichever database it runs.
fn exercise(store: &mut Store) {
    let five: Vec<(String, Analysis)> = FIVE
        .iter()
        .map(|(i, o, p, t)| analyse(i, o, p, t))
        .collect();
    let others: Vec<(String, Analysis)> = OTHERS
        .iter()
        .map(|(i, o, p, t)| analyse(i, o, p, t))
        .collect();
    // every wording codes the expulsion
    for (_, a) in &five {
        assert!(
            a.events.iter().any(|e| e.cameo == "161"
                && e.source.principal.as_deref() == Some("RUS")
                && e.target.principal.as_deref() == Some("NATO")),
            "{}: {:?}",
            a.document.id,
            a.events
                .iter()
                .map(|e| (&e.source.code, &e.target.code, &e.cameo))
                .collect::<Vec<_>>()
        );
    }
    let added = store.add(&five).expect("add five");
    assert_eq!(added.documents, 5);
    let added = store.add(&others).expect("add others");
    assert_eq!(added.documents, 3);
    assert_eq!(
        added.joined_story, 1,
        "the edited wire copy joins its story"
    );

    // idempotent: the same records again change nothing
    let before = store.counts().unwrap();
    let again = store.add(&five).unwrap();
    assert_eq!((again.documents, again.known), (0, 5));
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(before.documents, 8);
    assert_eq!(before.stories, 7);

    // five outlets, one event: counted once in the dyad series, with its five articles
    let expulsions = store
        .events(&EventFilter {
            actor: Some("RUS".into()),
            other: Some("NATO".into()),
            code: Some("161".into()),
            limit: 10,
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(expulsions.len(), 1, "{expulsions:?}");
    let e = &expulsions[0];
    assert_eq!(e.date, "2022-01-12");
    assert_eq!(e.num_articles, 5);
    assert_eq!(e.num_stories, 5);
    assert!(e.evidence.contains("expelled"), "{}", e.evidence);
    assert_eq!(e.rule, "expel.diplomat");
    let cells = store
        .dyad_cells("RUS", "NATO", day("2022-01-01"), day("2022-01-31"))
        .unwrap();
    let s = dyad::series(
        "RUS",
        "NATO",
        Period::Month,
        &cells,
        day("2022-01-01"),
        day("2022-01-31"),
        &[],
        day("2021-01-01"),
    );
    let material_conflict: i64 = s.buckets.iter().map(|b| b.quad[3]).sum();
    assert_eq!(material_conflict, 1, "{s:?}");
    assert!(s.buckets.iter().map(|b| b.articles).sum::<i64>() >= 5);

    // the same wire story twice: its talks are one event reported by two articles of one story
    let talks = store
        .events(&EventFilter {
            actor: Some("USA".into()),
            other: Some("RUS".into()),
            code: Some("04".into()),
            limit: 10,
            ..EventFilter::default()
        })
        .unwrap();
    assert!(!talks.is_empty());
    assert!(
        talks
            .iter()
            .any(|t| t.num_articles == 2 && t.num_stories == 1),
        "{talks:?}"
    );

    // quotes by speaker, resolved to the organisation he speaks for
    let q = store
        .quotes(&QuoteFilter {
            speaker: Some("stoltenberg".into()),
            limit: 10,
            ..QuoteFilter::default()
        })
        .unwrap();
    // the direct quote and the reported "the alliance was ready to talk"
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(
        q.iter()
            .all(|q| q.speaker_principal.as_deref() == Some("NATO"))
    );
    assert!(q[0].text.contains("core principles"), "{q:?}");
    let by_code = store
        .quotes(&QuoteFilter {
            speaker: Some("IGOWSTNAT".into()),
            limit: 10,
            ..QuoteFilter::default()
        })
        .unwrap();
    assert!(!by_code.is_empty());

    // text search, best first, with a snippet
    let hits = store.search("missile", 10, 0).unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits[0].snippet.to_lowercase().contains("missile"));
    assert!(store.search("expelled diplomats", 10, 0).unwrap().len() >= 3);

    // hostile parameters are data, never SQL
    for evil in [
        "RUS' OR '1'='1",
        "RUS\"; DROP TABLE events; --",
        "%",
        "_",
        "' UNION SELECT hash FROM documents --",
    ] {
        let f = EventFilter {
            actor: Some(evil.into()),
            code: Some(evil.into()),
            text: Some(evil.into()),
            limit: 10,
            ..EventFilter::default()
        };
        assert!(store.events(&f).unwrap().is_empty(), "{evil}");
        let qf = QuoteFilter {
            speaker: Some(evil.into()),
            text: Some(evil.into()),
            limit: 10,
            ..QuoteFilter::default()
        };
        assert!(store.quotes(&qf).unwrap().is_empty(), "{evil}");
        store
            .search(evil, 10, 0)
            .expect("a search never fails on user text");
        store.dyad_cells(evil, evil, 0, 100_000).unwrap();
    }
    assert_eq!(store.counts().unwrap(), before);

    // exports: JSONL gives back exactly the analyses that went in, in order
    let mut out = Vec::new();
    let n = detente_store::export::documents_jsonl(store, &mut out).unwrap();
    assert_eq!(n, 8);
    let text = String::from_utf8(out).unwrap();
    let originals: Vec<&Analysis> = five.iter().chain(&others).map(|(_, a)| a).collect();
    for (line, original) in text.lines().zip(originals) {
        let got: serde_json::Value = serde_json::from_str(line).unwrap();
        let want = serde_json::to_value(original).unwrap();
        assert_eq!(got, want, "round trip of {}", original.document.id);
    }
    let mut csv = Vec::new();
    let rows = detente_store::export::events_csv(store, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), rows + 1);
    assert_eq!(rows as i64, store.counts().unwrap().events);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("GlobalEventID,Day,Actor1Code")
    );
    let expulsion = csv
        .lines()
        .find(|l| l.contains(",161,161,16,4,-4.0,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        expulsion.contains(",20220112,RUS,Russia,RUS,IGOWSTNAT,"),
        "{expulsion}"
    );
    assert!(
        expulsion.contains(",5,5,5,"),
        "five mentions in five articles: {expulsion}"
    );
}

#[test]
fn sqlite_store() {
    let mut store = Store::memory().expect("in-memory SQLite");
    exercise(&mut store);
    #[cfg(feature = "parquet")]
    parquet_has_every_event(&mut store);
}

/// The Parquet export holds the CSV's rows, typed, readable by a Parquet reader.
#[cfg(feature = "parquet")]
fn parquet_has_every_event(store: &mut Store) {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let path = std::env::temp_dir().join(format!("detente-events-{}.parquet", std::process::id()));
    let n = detente_store::export::events_parquet(store, std::fs::File::create(&path).unwrap())
        .expect("write parquet");
    assert_eq!(n as i64, store.counts().unwrap().events);
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut rows = 0;
    let mut found = false;
    for batch in reader {
        let batch = batch.unwrap();
        rows += batch.num_rows();
        let codes = batch
            .column_by_name("EventCode")
            .unwrap()
            .as_any()
            .downcast_ref::<arrow_array::StringArray>()
            .unwrap()
            .clone();
        let articles = batch
            .column_by_name("NumArticles")
            .unwrap()
            .as_any()
            .downcast_ref::<arrow_array::Int64Array>()
            .unwrap()
            .clone();
        for i in 0..batch.num_rows() {
            if codes.value(i) == "161" && articles.value(i) == 5 {
                found = true;
            }
        }
    }
    let _ = std::fs::remove_file(&path);
    assert_eq!(rows, n);
    assert!(found, "the five-outlet expulsion is in the Parquet file");
}

#[test]
fn sqlite_file_is_created_reopened_and_migrated_once() {
    let dir = std::env::temp_dir().join(format!("detente-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.db");
    let spec = path.display().to_string();
    {
        let mut s = Store::open(&spec).unwrap();
        let (h, a) = analyse("x", "Wire", "2022-01-12", FIVE[0].3);
        s.add(&[(h, a)]).unwrap();
    }
    let mut s = Store::open(&spec).unwrap();
    assert_eq!(s.counts().unwrap().documents, 1);
    drop(s);
    assert!(
        Store::open(&dir.display().to_string()).is_err(),
        "a directory is not a store"
    );
    std::fs::write(dir.join("junk.db"), b"not a database at all, just text").unwrap();
    let err = Store::open(&dir.join("junk.db").display().to_string())
        .err()
        .expect("a text file is not a store");
    assert!(err.to_string().contains("junk.db"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_store() {
    let Ok(url) = std::env::var("DETENTE_TEST_POSTGRES") else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "CI=true but DETENTE_TEST_POSTGRES is not set: scripts/test must start PostgreSQL"
            );
        }
        eprintln!("skipped: set DETENTE_TEST_POSTGRES=postgres://... to test the PostgreSQL store");
        return;
    };
    // a fresh schema per run: drop everything an earlier run left, then migrate again
    postgres::Client::connect(&url, postgres::NoTls)
        .expect("connect to PostgreSQL")
        .batch_execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        .expect("clean");
    let mut store = Store::open(&url).expect("PostgreSQL store");
    exercise(&mut store);
}
