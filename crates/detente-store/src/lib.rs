//! The corpus store: analyses of many documents kept in SQLite (default, one file) or
//! PostgreSQL (cargo feature `postgres`), with near-duplicate articles grouped into stories,
//! events deduplicated across the outlets that report them, and the queries the command
//! line and the server answer from (dyad series, events, quotes, text search, exports).
//!
//! Writes are transactional per batch of documents, and each input record carries a
//! content hash: an interrupted ingest, run again, ends exactly where an uninterrupted one
//! would, and re-ingesting the same input changes nothing.

pub mod backend;
pub mod dyad;
pub mod export;
mod ingest;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod query;
pub mod sqlite;
pub mod stories;

pub use backend::{Backend, Dialect, Row, Value};
pub use ingest::{Added, Prepared, record_hash};
pub use query::{EventFilter, EventRow, QuoteFilter, QuoteRow, SearchHit};

use std::path::Path;

/// What went wrong, with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot open the store {what}: {message}")]
    Open { what: String, message: String },
    #[error("database error in `{statement} ...`: {message}")]
    Sql { statement: String, message: String },
    #[error(
        "{0}: PostgreSQL support is not in this build; rebuild with `cargo build --release --features postgres`"
    )]
    NoPostgres(String),
    #[error(
        "the store has schema version {found}, newer than this detente knows ({known}); upgrade detente"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// The migrations, in order; each runs once, in a transaction, and is recorded in
/// `schema_version`.
const SQLITE_MIGRATIONS: &[&str] = &[
    include_str!("../migrations/sqlite/001_init.sql"),
    include_str!("../migrations/sqlite/002_meta.sql"),
];
#[cfg(feature = "postgres")]
const POSTGRES_MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/001_init.sql"),
    include_str!("../migrations/postgres/002_meta.sql"),
];

/// An open store.
pub struct Store {
    db: Box<dyn Backend>,
    /// SQLite: leave the full-text index to one rebuild at the end (bulk ingest).
    defer_index: bool,
}

/// Sizes of what a store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub documents: i64,
    pub stories: i64,
    pub events: i64,
    pub event_reports: i64,
    pub quotes: i64,
}

impl Store {
    /// Opens a store: `postgres://...` (or `postgresql://...`) for a PostgreSQL server,
    /// anything else is an SQLite file path (created on first use). Migrates the schema.
    pub fn open(spec: &str) -> Result<Store> {
        if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
            #[cfg(feature = "postgres")]
            {
                let db = postgres::Postgres::connect(spec)?;
                return Store::with(Box::new(db));
            }
            #[cfg(not(feature = "postgres"))]
            return Err(Error::NoPostgres(
                spec.split('@').next_back().unwrap_or(spec).to_string(),
            ));
        }
        let path = Path::new(spec);
        if path.is_dir() {
            return Err(Error::Open {
                what: spec.to_string(),
                message: "it is a directory: name a database file, e.g. detente.db".into(),
            });
        }
        Store::with(Box::new(sqlite::Sqlite::open(path)?))
    }

    /// A fresh in-memory SQLite store (tests, one-off analyses).
    pub fn memory() -> Result<Store> {
        Store::with(Box::new(sqlite::Sqlite::memory()?))
    }

    /// Wraps a connection and brings its schema up to date.
    pub fn with(db: Box<dyn Backend>) -> Result<Store> {
        let mut store = Store {
            db,
            defer_index: false,
        };
        store.migrate()?;
        Ok(store)
    }

    pub fn dialect(&self) -> Dialect {
        self.db.dialect()
    }

    fn migrations(&self) -> &'static [&'static str] {
        match self.db.dialect() {
            Dialect::Sqlite => SQLITE_MIGRATIONS,
            #[cfg(feature = "postgres")]
            Dialect::Postgres => POSTGRES_MIGRATIONS,
            #[cfg(not(feature = "postgres"))]
            Dialect::Postgres => &[],
        }
    }

    fn migrate(&mut self) -> Result<()> {
        self.db
            .script("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")?;
        let found = self
            .db
            .query("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])?
            .first()
            .and_then(|r| r.first())
            .and_then(Value::int)
            .unwrap_or(0);
        let all = self.migrations();
        let known = all.len() as i64;
        if found > known {
            return Err(Error::NewerSchema { found, known });
        }
        for (i, sql) in all.iter().enumerate().skip(found as usize) {
            self.db.script("BEGIN")?;
            let applied = self.db.script(sql).and_then(|_| {
                self.db.execute(
                    "INSERT INTO schema_version (version) VALUES ($1)",
                    &[Value::from(i as i64 + 1)],
                )
            });
            match applied {
                Ok(_) => self.db.script("COMMIT")?,
                Err(e) => {
                    let _ = self.db.script("ROLLBACK");
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    pub fn counts(&mut self) -> Result<Counts> {
        let one = |db: &mut Box<dyn Backend>, sql: &str| -> Result<i64> {
            Ok(db
                .query(sql, &[])?
                .first()
                .and_then(|r| r.first())
                .and_then(Value::int)
                .unwrap_or(0))
        };
        Ok(Counts {
            documents: one(&mut self.db, "SELECT COUNT(*) FROM documents")?,
            stories: one(
                &mut self.db,
                "SELECT COUNT(DISTINCT story_id) FROM documents",
            )?,
            events: one(&mut self.db, "SELECT COUNT(*) FROM events")?,
            event_reports: one(&mut self.db, "SELECT COUNT(*) FROM event_reports")?,
            quotes: one(&mut self.db, "SELECT COUNT(*) FROM quotes")?,
        })
    }

    /// A fingerprint of the store's content that changes with every added document: the
    /// largest document and event ids (cheap: both are primary keys). Caches of query
    /// results compare it to know they are still right.
    pub fn fingerprint(&mut self) -> Result<(i64, i64)> {
        let rows = self.db.query(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM documents), (SELECT COALESCE(MAX(id), 0) FROM events)",
            &[],
        )?;
        let r = rows.first();
        Ok((
            r.and_then(|r| r.first()).and_then(Value::int).unwrap_or(0),
            r.and_then(|r| r.get(1)).and_then(Value::int).unwrap_or(0),
        ))
    }

    /// Settings for a long bulk ingest on this connection: SQLite checkpoints its log every
    /// 64 MB instead of every 4 MB (fewer fsyncs and page rewrites) and keeps 256 MB of pages
    /// in memory (the unique indexes on hashes, event keys and MinHash bands are written in
    /// random order); durability per commit is unchanged. PostgreSQL needs nothing.
    pub fn tune_for_bulk(&mut self) -> Result<()> {
        if self.db.dialect() == Dialect::Sqlite {
            self.db
                .script("PRAGMA wal_autocheckpoint=16384; PRAGMA cache_size=-262144")?;
        }
        Ok(())
    }

    /// Bulk mode for SQLite: documents added from now on skip the full-text index, which is
    /// marked stale (in the same transaction) and rebuilt in one pass by
    /// [`Store::rebuild_index_if_stale`]. An interrupted bulk ingest leaves the mark, so the
    /// next ingest's end rebuilds it.
    pub fn defer_index(&mut self, on: bool) {
        self.defer_index = on && self.db.dialect() == Dialect::Sqlite;
    }

    pub(crate) fn index_deferred(&self) -> bool {
        self.defer_index
    }

    /// Rebuilds the full-text index when a deferred ingest marked it stale; returns whether it did.
    pub fn rebuild_index_if_stale(&mut self) -> Result<bool> {
        if self.db.dialect() != Dialect::Sqlite {
            return Ok(false);
        }
        let stale = !self
            .db
            .query("SELECT 1 FROM meta WHERE key = 'fts_stale'", &[])?
            .is_empty();
        if !stale {
            return Ok(false);
        }
        self.db.script("BEGIN")?;
        let done = self
            .db
            .script("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
            .and_then(|_| {
                self.db
                    .execute("DELETE FROM meta WHERE key = 'fts_stale'", &[])
            });
        match done {
            Ok(_) => self.db.script("COMMIT")?,
            Err(e) => {
                let _ = self.db.script("ROLLBACK");
                return Err(e);
            }
        }
        Ok(true)
    }

    /// Direct access for the outer crates' own queries.
    pub fn backend(&mut self) -> &mut dyn Backend {
        self.db.as_mut()
    }
}
