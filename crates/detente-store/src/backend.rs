//! The two databases behind one small interface: run a statement, run a query, run a
//! script. Everything above this module (ingest, queries, exports) is written once, in SQL
//! both SQLite and PostgreSQL accept: `$1, $2, ...` placeholders (first used in ascending
//! order), `ON CONFLICT ... DO UPDATE`, BIGINT and DOUBLE columns, ids assigned by the
//! store rather than by the database.

use crate::Result;

/// A value bound to or read from a statement. Nulls carry their type: PostgreSQL checks
/// every parameter's type.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

impl Value {
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(v) => *v,
            Value::Real(v) => v.map(|x| x as i64),
            Value::Text(Some(s)) => s.parse().ok(),
            _ => None,
        }
    }
    pub fn real(&self) -> Option<f64> {
        match self {
            Value::Real(v) => *v,
            Value::Int(v) => v.map(|x| x as f64),
            Value::Text(Some(s)) => s.parse().ok(),
            _ => None,
        }
    }
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(v) => v.clone(),
            Value::Int(Some(v)) => Some(v.to_string()),
            Value::Real(Some(v)) => Some(v.to_string()),
            _ => None,
        }
    }
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(Some(b)) => Some(b),
            _ => None,
        }
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}
impl From<usize> for Value {
    fn from(v: usize) -> Self {
        Value::Int(Some(v as i64))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(Some(i64::from(v)))
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(Some(v))
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_string))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Bytes(Some(v))
    }
}

/// One result row.
pub type Row = Vec<Value>;

/// Which SQL dialect a backend speaks, for the few statements that differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A database connection the store drives.
pub trait Backend: Send {
    fn dialect(&self) -> Dialect;
    /// Runs one statement; returns the rows it changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64>;
    /// Runs one query and returns all its rows.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>>;
    /// Runs a script of statements without parameters (migrations, BEGIN, COMMIT).
    fn script(&mut self, sql: &str) -> Result<()>;
}
