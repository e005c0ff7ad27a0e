//! SQLite, the default store: one file, created on first use, WAL journal (readers never
//! block the writer), FTS5 for text search.

use crate::backend::{Backend, Dialect, Row, Value};
use crate::{Error, Result};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};
use std::path::Path;

pub struct Sqlite {
    conn: Connection,
}

impl Sqlite {
    /// Opens (or creates) the database file.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path).map_err(|e| Error::Open {
            what: path.display().to_string(),
            message: e.to_string(),
        })?;
        Self::setup(conn, &path.display().to_string())
    }

    /// A private in-memory database (tests).
    pub fn memory() -> Result<Self> {
        let conn = Connection::open_in_memory().map_err(|e| Error::Open {
            what: ":memory:".into(),
            message: e.to_string(),
        })?;
        Self::setup(conn, ":memory:")
    }

    fn setup(conn: Connection, what: &str) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .and_then(|_| {
                conn.execute_batch(
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;
                     PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;",
                )
            })
            .map_err(|e| Error::Open {
                what: what.to_string(),
                message: format!("{e} (is it an SQLite database?)"),
            })?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Sqlite { conn })
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Int(Some(v)) => ToSqlOutput::from(*v),
            Value::Real(Some(v)) => ToSqlOutput::from(*v),
            Value::Text(Some(v)) => ToSqlOutput::from(v.as_str()),
            Value::Bytes(Some(v)) => ToSqlOutput::from(v.as_slice()),
            _ => ToSqlOutput::from(rusqlite::types::Null),
        })
    }
}

fn sql_error(sql: &str, e: rusqlite::Error) -> Error {
    Error::Sql {
        statement: sql.split_whitespace().take(8).collect::<Vec<_>>().join(" "),
        message: e.to_string(),
    }
}

impl Backend for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        debug_assert!(
            placeholders_in_order(sql),
            "placeholders out of order in {sql}"
        );
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(|e| sql_error(sql, e))?;
        stmt.execute(rusqlite::params_from_iter(params.iter()))
            .map(|n| n as u64)
            .map_err(|e| sql_error(sql, e))
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        debug_assert!(
            placeholders_in_order(sql),
            "placeholders out of order in {sql}"
        );
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(|e| sql_error(sql, e))?;
        let n = stmt.column_count();
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params.iter()))
            .map_err(|e| sql_error(sql, e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| sql_error(sql, e))? {
            let mut r = Vec::with_capacity(n);
            for i in 0..n {
                r.push(match row.get_ref(i).map_err(|e| sql_error(sql, e))? {
                    ValueRef::Null => Value::Text(None),
                    ValueRef::Integer(v) => Value::Int(Some(v)),
                    ValueRef::Real(v) => Value::Real(Some(v)),
                    ValueRef::Text(t) => Value::Text(Some(String::from_utf8_lossy(t).into_owned())),
                    ValueRef::Blob(b) => Value::Bytes(Some(b.to_vec())),
                });
            }
            out.push(r);
        }
        Ok(out)
    }

    fn script(&mut self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql).map_err(|e| sql_error(sql, e))
    }
}

/// SQLite numbers `$1`, `$2`, ... by first appearance, not by their digits: a statement that
/// uses `$2` before `$1` would bind the parameters swapped. Checked in debug builds.
fn placeholders_in_order(sql: &str) -> bool {
    let mut next = 1;
    let b = sql.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            let digits: String = sql[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse::<usize>() {
                if n > next {
                    return false;
                }
                if n == next {
                    next += 1;
                }
            }
            i += 1 + digits.len();
        } else {
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod placeholder_tests {
    #[test]
    fn placeholders_must_first_appear_in_ascending_order() {
        assert!(super::placeholders_in_order("SELECT $1, $2, $1, $3"));
        assert!(!super::placeholders_in_order("SELECT $2, $1"));
        assert!(super::placeholders_in_order("SELECT 1"));
    }
}
