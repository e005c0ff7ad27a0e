//! PostgreSQL, for shared deployments (`--db postgres://...`, cargo feature `postgres`).
//! Statements are prepared once per connection and cached; text search uses a generated
//! `tsvector` column with a GIN index.

use crate::backend::{Backend, Dialect, Row, Value};
use crate::{Error, Result};
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};
use std::collections::HashMap;

pub struct Postgres {
    client: Client,
    statements: HashMap<String, Statement>,
}

impl Postgres {
    pub fn connect(url: &str) -> Result<Self> {
        let client = Client::connect(url, NoTls).map_err(|e| Error::Open {
            what: redact(url),
            message: format!("{e} (is the server running, and the URL right?)"),
        })?;
        Ok(Postgres {
            client,
            statements: HashMap::new(),
        })
    }

    fn prepare(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql).map_err(|e| pg_error(sql, e))?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(a), Some(b)) if b > a => {
            let creds = &url[a + 3..b];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..a + 3], &url[b..])
        }
        _ => url.to_string(),
    }
}

fn pg_error(sql: &str, e: postgres::Error) -> Error {
    let message = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    };
    Error::Sql {
        statement: sql.split_whitespace().take(8).collect::<Vec<_>>().join(" "),
        message,
    }
}

fn params(values: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    values
        .iter()
        .map(|v| match v {
            Value::Int(x) => x as &(dyn ToSql + Sync),
            Value::Real(x) => x as &(dyn ToSql + Sync),
            Value::Text(x) => x as &(dyn ToSql + Sync),
            Value::Bytes(x) => x as &(dyn ToSql + Sync),
        })
        .collect()
}

impl Backend for Postgres {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&mut self, sql: &str, values: &[Value]) -> Result<u64> {
        let stmt = self.prepare(sql)?;
        self.client
            .execute(&stmt, &params(values))
            .map_err(|e| pg_error(sql, e))
    }

    fn query(&mut self, sql: &str, values: &[Value]) -> Result<Vec<Row>> {
        let stmt = self.prepare(sql)?;
        let rows = self
            .client
            .query(&stmt, &params(values))
            .map_err(|e| pg_error(sql, e))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut r = Vec::with_capacity(row.len());
            for (i, col) in row.columns().iter().enumerate() {
                let get_err = |e: postgres::Error| pg_error(sql, e);
                let v = match *col.type_() {
                    Type::INT8 => Value::Int(row.try_get::<_, Option<i64>>(i).map_err(get_err)?),
                    Type::INT4 => Value::Int(
                        row.try_get::<_, Option<i32>>(i)
                            .map_err(get_err)?
                            .map(i64::from),
                    ),
                    Type::INT2 => Value::Int(
                        row.try_get::<_, Option<i16>>(i)
                            .map_err(get_err)?
                            .map(i64::from),
                    ),
                    Type::FLOAT8 => Value::Real(row.try_get(i).map_err(get_err)?),
                    Type::FLOAT4 => Value::Real(
                        row.try_get::<_, Option<f32>>(i)
                            .map_err(get_err)?
                            .map(f64::from),
                    ),
                    Type::BYTEA => Value::Bytes(row.try_get(i).map_err(get_err)?),
                    Type::BOOL => Value::Int(
                        row.try_get::<_, Option<bool>>(i)
                            .map_err(get_err)?
                            .map(i64::from),
                    ),
                    _ => Value::Text(row.try_get(i).map_err(get_err)?),
                };
                r.push(v);
            }
            out.push(r);
        }
        Ok(out)
    }

    fn script(&mut self, sql: &str) -> Result<()> {
        self.client.batch_execute(sql).map_err(|e| pg_error(sql, e))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            super::redact("postgres://me:secret@localhost:5432/db"),
            "postgres://me:***@localhost:5432/db"
        );
        assert_eq!(
            super::redact("postgres://localhost/db"),
            "postgres://localhost/db"
        );
    }
}
