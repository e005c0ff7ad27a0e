//! What the command line and the server ask the store: events (deduplicated), quotes,
//! documents by text, and the daily aggregates the dyad series are built from. Every value
//! from the user is a bound parameter, never part of the SQL text.

use crate::backend::{Dialect, Row, Value};
use crate::{Result, Store};
use serde::Serialize;

/// Filters for [`Store::events`]. Days are days since 1970-01-01, inclusive.
#[derive(Debug, Default, Clone)]
pub struct EventFilter {
    /// An actor: a principal (`RUS`, `NATO`) or an actor-code prefix (`RUSGOV`), as source or
    /// target.
    pub actor: Option<String>,
    /// A second actor: only events between the two (either direction).
    pub other: Option<String>,
    /// A CAMEO code prefix (`16`, `036`).
    pub code: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Words that the reporting articles contain (full-text search).
    pub text: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// One deduplicated event, with the first report that evidences it.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub date: String,
    pub source_name: String,
    pub source_code: String,
    pub source_principal: String,
    pub target_name: String,
    pub target_code: String,
    pub target_principal: String,
    pub cameo: String,
    pub root: String,
    pub quad_class: i64,
    pub goldstein: f64,
    pub plover: Option<String>,
    pub num_reports: i64,
    pub num_articles: i64,
    pub num_stories: i64,
    /// The first reporting document (store id) and what it says.
    pub doc_id: i64,
    pub doc_title: Option<String>,
    pub doc_outlet: Option<String>,
    pub doc_url: Option<String>,
    pub evidence: String,
    pub rule: String,
}

#[derive(Debug, Default, Clone)]
pub struct QuoteFilter {
    /// Part of the speaker's name (any case), or the speaker's actor code or principal.
    pub speaker: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Words in the quote.
    pub text: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    pub doc_id: i64,
    pub idx: i64,
    pub text: String,
    pub kind: String,
    pub cue: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_code: Option<String>,
    pub speaker_principal: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub start: i64,
    pub end: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub doc_id: i64,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub snippet: String,
}

/// One day's events of one direction of a dyad and one quad class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DyadCell {
    pub day: i64,
    /// true when the first actor of the pair is the source.
    pub forward: bool,
    pub quad_class: u8,
    pub events: i64,
    pub goldstein_sum: f64,
    pub articles: i64,
}

/// Builds a WHERE clause with numbered parameters in ascending order.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    /// Adds a clause; `{}` in it stands for the next parameter's mark.
    fn add(&mut self, clause: &str, value: Value) {
        self.params.push(value);
        let mark = format!("${}", self.params.len());
        self.clauses.push(clause.replace("{}", &mark));
    }
    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
    fn mark(&mut self, value: Value) -> String {
        self.params.push(value);
        format!("${}", self.params.len())
    }
}

fn text(row: &Row, i: usize) -> Option<String> {
    row.get(i).and_then(Value::text)
}
fn int(row: &Row, i: usize) -> i64 {
    row.get(i).and_then(Value::int).unwrap_or(0)
}
fn real(row: &Row, i: usize) -> f64 {
    row.get(i).and_then(Value::real).unwrap_or(0.0)
}

/// A substring by code-point offsets (the contract's offsets), clamped.
pub fn char_slice(s: &str, start: usize, end: usize) -> String {
    s.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// A user string as a LIKE pattern's literal part: `%`, `_` and `\` lose their meaning
/// (used with `ESCAPE '\'`).
fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Turns user words into an FTS5 query: every word quoted, all required.
fn fts5_query(q: &str) -> String {
    q.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    /// The ids of documents that contain the words (best first), for search and filters.
    fn matching_docs_sql(&self, w: &mut Where, q: &str) -> String {
        match self.dialect() {
            Dialect::Sqlite => {
                let m = w.mark(Value::from(fts5_query(q)));
                format!("SELECT rowid FROM documents_fts WHERE documents_fts MATCH {m}")
            }
            Dialect::Postgres => {
                let m = w.mark(Value::from(q));
                format!("SELECT id FROM documents WHERE tsv @@ plainto_tsquery('english', {m})")
            }
        }
    }

    fn actor_clause(w: &mut Where, actor: &str, side: &str) -> String {
        let m = w.mark(Value::from(actor.to_uppercase()));
        let p = w.mark(Value::from(format!(
            "{}%",
            like_escape(&actor.to_uppercase())
        )));
        format!("({side}_principal = {m} OR {side}_code LIKE {p} ESCAPE '\\')")
    }

    /// Deduplicated events, newest first.
    pub fn events(&mut self, f: &EventFilter) -> Result<Vec<EventRow>> {
        let mut w = Where::default();
        match (&f.actor, &f.other) {
            (Some(a), Some(b)) => {
                let (sa, tb) = (
                    Self::actor_clause(&mut w, a, "source"),
                    Self::actor_clause(&mut w, b, "target"),
                );
                let (sb, ta) = (
                    Self::actor_clause(&mut w, b, "source"),
                    Self::actor_clause(&mut w, a, "target"),
                );
                w.clauses
                    .push(format!("(({sa} AND {tb}) OR ({sb} AND {ta}))"));
            }
            (Some(a), None) | (None, Some(a)) => {
                let s = Self::actor_clause(&mut w, a, "source");
                let t = Self::actor_clause(&mut w, a, "target");
                w.clauses.push(format!("({s} OR {t})"));
            }
            (None, None) => {}
        }
        if let Some(c) = &f.code {
            w.add(
                "cameo LIKE {} ESCAPE '\\'",
                Value::from(format!("{}%", like_escape(c))),
            );
        }
        if let Some(d) = f.from {
            w.add("day >= {}", d.into());
        }
        if let Some(d) = f.to {
            w.add("day <= {}", d.into());
        }
        if let Some(q) = &f.text {
            if fts5_query(q).is_empty() {
                return Ok(Vec::new());
            }
            let docs = self.matching_docs_sql(&mut w, q);
            w.clauses.push(format!(
                "id IN (SELECT event_id FROM event_reports WHERE doc_id IN ({docs}))"
            ));
        }
        let lim = w.mark(Value::from(f.limit.max(1)));
        let off = w.mark(Value::from(f.offset));
        let sql = format!(
            "SELECT id, date, source_name, source_code, source_principal, target_name, target_code, \
             target_principal, cameo, root, quad_class, goldstein, plover, num_reports, \
             num_articles, num_stories FROM events{} ORDER BY day DESC, id DESC LIMIT {lim} OFFSET {off}",
            w.sql()
        );
        let rows = self.db.query(&sql, &w.params)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id = int(&r, 0);
            let first = self.db.query(
                "SELECT r.doc_id, r.evidence_start, r.evidence_end, r.rule, d.text, d.title, \
                 d.outlet, d.url FROM event_reports r JOIN documents d ON d.id = r.doc_id \
                 WHERE r.event_id = $1 ORDER BY r.doc_id, r.idx LIMIT 1",
                &[id.into()],
            )?;
            let first = first.first();
            let evidence = first
                .map(|f| {
                    char_slice(
                        &text(f, 4).unwrap_or_default(),
                        int(f, 1) as usize,
                        int(f, 2) as usize,
                    )
                })
                .unwrap_or_default();
            out.push(EventRow {
                id,
                date: text(&r, 1).unwrap_or_default(),
                source_name: text(&r, 2).unwrap_or_default(),
                source_code: text(&r, 3).unwrap_or_default(),
                source_principal: text(&r, 4).unwrap_or_default(),
                target_name: text(&r, 5).unwrap_or_default(),
                target_code: text(&r, 6).unwrap_or_default(),
                target_principal: text(&r, 7).unwrap_or_default(),
                cameo: text(&r, 8).unwrap_or_default(),
                root: text(&r, 9).unwrap_or_default(),
                quad_class: int(&r, 10),
                goldstein: real(&r, 11),
                plover: text(&r, 12),
                num_reports: int(&r, 13),
                num_articles: int(&r, 14),
                num_stories: int(&r, 15),
                doc_id: first.map(|f| int(f, 0)).unwrap_or(0),
                doc_title: first.and_then(|f| text(f, 5)),
                doc_outlet: first.and_then(|f| text(f, 6)),
                doc_url: first.and_then(|f| text(f, 7)),
                evidence,
                rule: first.and_then(|f| text(f, 3)).unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// Quotes with their speakers and articles, newest first.
    pub fn quotes(&mut self, f: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let mut w = Where::default();
        if let Some(s) = &f.speaker {
            let like = w.mark(Value::from(format!("%{}%", like_escape(&s.to_lowercase()))));
            let exact = w.mark(Value::from(s.to_uppercase()));
            w.clauses.push(format!(
                "(LOWER(q.speaker_name) LIKE {like} ESCAPE '\\' OR q.speaker_code = {exact} OR q.speaker_principal = {exact})"
            ));
        }
        if let Some(d) = f.from {
            w.add("d.published_day >= {}", d.into());
        }
        if let Some(d) = f.to {
            w.add("d.published_day <= {}", d.into());
        }
        if let Some(t) = &f.text {
            w.add(
                "LOWER(q.text) LIKE {} ESCAPE '\\'",
                Value::from(format!("%{}%", like_escape(&t.to_lowercase()))),
            );
        }
        let lim = w.mark(Value::from(f.limit.max(1)));
        let off = w.mark(Value::from(f.offset));
        let sql = format!(
            "SELECT q.doc_id, q.idx, q.text, q.kind, q.cue, q.speaker_name, q.speaker_code, \
             q.speaker_principal, d.published, d.title, d.outlet, q.start_char, q.end_char \
             FROM quotes q JOIN documents d ON d.id = q.doc_id{} \
             ORDER BY d.published_day DESC, q.doc_id DESC, q.idx LIMIT {lim} OFFSET {off}",
            w.sql()
        );
        Ok(self
            .db
            .query(&sql, &w.params)?
            .iter()
            .map(|r| QuoteRow {
                doc_id: int(r, 0),
                idx: int(r, 1),
                text: text(r, 2).unwrap_or_default(),
                kind: text(r, 3).unwrap_or_default(),
                cue: text(r, 4),
                speaker_name: text(r, 5),
                speaker_code: text(r, 6),
                speaker_principal: text(r, 7),
                published: text(r, 8),
                title: text(r, 9),
                outlet: text(r, 10),
                start: int(r, 11),
                end: int(r, 12),
            })
            .collect())
    }

    /// Documents that contain the words, best match first, with a snippet around them.
    pub fn search(&mut self, q: &str, limit: usize, offset: usize) -> Result<Vec<SearchHit>> {
        if fts5_query(q).is_empty() {
            return Ok(Vec::new());
        }
        let mut w = Where::default();
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                let m = w.mark(Value::from(fts5_query(q)));
                let lim = w.mark(Value::from(limit.max(1)));
                let off = w.mark(Value::from(offset));
                format!(
                    "SELECT d.id, d.title, d.outlet, d.published, d.url, \
                     snippet(documents_fts, 1, '[', ']', '…', 16) FROM documents_fts \
                     JOIN documents d ON d.id = documents_fts.rowid \
                     WHERE documents_fts MATCH {m} ORDER BY rank LIMIT {lim} OFFSET {off}"
                )
            }
            Dialect::Postgres => {
                let m = w.mark(Value::from(q));
                let lim = w.mark(Value::from(limit.max(1)));
                let off = w.mark(Value::from(offset));
                format!(
                    "SELECT d.id, d.title, d.outlet, d.published, d.url, \
                     ts_headline('english', d.text, plainto_tsquery('english', {m}), \
                     'StartSel=[, StopSel=], MaxWords=16, MinWords=8') FROM documents d \
                     WHERE d.tsv @@ plainto_tsquery('english', {m}) \
                     ORDER BY ts_rank(d.tsv, plainto_tsquery('english', {m})) DESC, d.id \
                     LIMIT {lim} OFFSET {off}"
                )
            }
        };
        Ok(self
            .db
            .query(&sql, &w.params)?
            .iter()
            .map(|r| SearchHit {
                doc_id: int(r, 0),
                title: text(r, 1),
                outlet: text(r, 2),
                published: text(r, 3),
                url: text(r, 4),
                snippet: text(r, 5).unwrap_or_default(),
            })
            .collect())
    }

    /// Daily event counts and Goldstein sums between two principals, both directions.
    pub fn dyad_cells(&mut self, a: &str, b: &str, from: i64, to: i64) -> Result<Vec<DyadCell>> {
        let (a, b) = (a.to_uppercase(), b.to_uppercase());
        let rows = self.db.query(
            "SELECT day, source_principal, quad_class, COUNT(*), SUM(goldstein), \
             CAST(SUM(num_articles) AS BIGINT) FROM events \
             WHERE ((source_principal = $1 AND target_principal = $2) \
                 OR (source_principal = $2 AND target_principal = $1)) \
               AND day >= $3 AND day <= $4 \
             GROUP BY day, source_principal, quad_class ORDER BY day",
            &[a.as_str().into(), b.as_str().into(), from.into(), to.into()],
        )?;
        Ok(rows
            .iter()
            .map(|r| DyadCell {
                day: int(r, 0),
                forward: text(r, 1).as_deref() == Some(a.as_str()),
                quad_class: int(r, 2).clamp(0, 4) as u8,
                events: int(r, 3),
                goldstein_sum: real(r, 4),
                articles: int(r, 5),
            })
            .collect())
    }

    /// The first and last event day between two principals (for a default range), within
    /// the years the articles were published: a text's reference to 1990 or to 2030 does not
    /// stretch the series over decades.
    pub fn dyad_span(&mut self, a: &str, b: &str) -> Result<Option<(i64, i64)>> {
        let (a, b) = (a.to_uppercase(), b.to_uppercase());
        let rows = self.db.query(
            "SELECT MIN(day), MAX(day) FROM events \
             WHERE ((source_principal = $1 AND target_principal = $2) \
                OR (source_principal = $2 AND target_principal = $1)) \
               AND day >= (SELECT COALESCE(MIN(published_day), 0) - 366 FROM documents) \
               AND day <= (SELECT COALESCE(MAX(published_day), 100000) + 1 FROM documents)",
            &[a.as_str().into(), b.as_str().into()],
        )?;
        Ok(rows.first().and_then(|r| {
            Some((
                r.first().and_then(Value::int)?,
                r.get(1).and_then(Value::int)?,
            ))
        }))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fts_queries_are_quoted_words() {
        assert_eq!(super::fts5_query("missile"), "\"missile\"");
        assert_eq!(
            super::fts5_query("NATO\" OR 1=1; --"),
            "\"NATO\" \"OR\" \"1\" \"1\""
        );
        assert_eq!(super::char_slice("Россия и НАТО", 9, 13), "НАТО");
        assert_eq!(super::like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}

/// One stored article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    pub id: i64,
    pub ext_id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub story_id: i64,
}

/// An actor (a principal) with how much the store has on it.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRow {
    pub principal: String,
    /// The name most often given to it.
    pub name: String,
    pub events: i64,
}

/// A counterpart of an actor: who it interacts with, how often, how well.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerRow {
    pub principal: String,
    pub events: i64,
    pub mean_goldstein: f64,
    /// Events by quad class 1..4.
    pub quad: [i64; 4],
}

impl Store {
    /// Articles, newest first; `story` limits to one story.
    pub fn articles(
        &mut self,
        from: Option<i64>,
        to: Option<i64>,
        story: Option<i64>,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<ArticleRow>> {
        let mut w = Where::default();
        if let Some(d) = from {
            w.add("published_day >= {}", d.into());
        }
        if let Some(d) = to {
            w.add("published_day <= {}", d.into());
        }
        if let Some(s) = story {
            w.add("story_id = {}", s.into());
        }
        let lim = w.mark(Value::from(limit.max(1)));
        let off = w.mark(Value::from(offset));
        let sql = format!(
            "SELECT id, ext_id, title, outlet, published, url, story_id FROM documents{} \
             ORDER BY published_day DESC, id DESC LIMIT {lim} OFFSET {off}",
            w.sql()
        );
        Ok(self
            .db
            .query(&sql, &w.params)?
            .iter()
            .map(|r| ArticleRow {
                id: int(r, 0),
                ext_id: text(r, 1).unwrap_or_default(),
                title: text(r, 2),
                outlet: text(r, 3),
                published: text(r, 4),
                url: text(r, 5),
                story_id: int(r, 6),
            })
            .collect())
    }

    /// One stored article as the contract's object, or None.
    pub fn article(&mut self, id: i64) -> Result<Option<serde_json::Value>> {
        let rows = self.db.query(
            "SELECT id, ext_id, title, published, outlet, url, language, cited_sources, author, \
             text, layers FROM documents WHERE id = $1",
            &[id.into()],
        )?;
        match rows.first() {
            Some(r) => Ok(Some(crate::export::document_json(self, r)?)),
            None => Ok(None),
        }
    }

    /// Actors that take part in events, busiest first; `q` filters by principal or name.
    pub fn actors(&mut self, q: Option<&str>, limit: usize) -> Result<Vec<ActorRow>> {
        let mut w = Where::default();
        let filter = match q {
            Some(q) if !q.trim().is_empty() => {
                let p = w.mark(Value::from(q.trim().to_uppercase()));
                let like = w.mark(Value::from(format!(
                    "%{}%",
                    like_escape(&q.trim().to_lowercase())
                )));
                format!(" WHERE principal = {p} OR LOWER(name) LIKE {like} ESCAPE '\\'")
            }
            _ => String::new(),
        };
        let lim = w.mark(Value::from(limit.max(1)));
        let sql = format!(
            "SELECT principal, MIN(name), COUNT(*) FROM ( \
               SELECT source_principal AS principal, source_name AS name FROM events \
               UNION ALL SELECT target_principal, target_name FROM events) a{filter} \
             GROUP BY principal ORDER BY COUNT(*) DESC, principal LIMIT {lim}"
        );
        let mut rows: Vec<ActorRow> = self
            .db
            .query(&sql, &w.params)?
            .iter()
            .map(|r| ActorRow {
                principal: text(r, 0).unwrap_or_default(),
                name: text(r, 1).unwrap_or_default(),
                events: int(r, 2),
            })
            .collect();
        // the name most often used, rather than the first in sort order
        for a in &mut rows {
            let best = self.db.query(
                "SELECT source_name, COUNT(*) FROM events WHERE source_principal = $1 \
                 AND source_code = source_principal GROUP BY source_name ORDER BY COUNT(*) DESC LIMIT 1",
                &[a.principal.as_str().into()],
            )?;
            if let Some(n) = best.first().and_then(|r| text(r, 0)) {
                a.name = n;
            }
        }
        Ok(rows)
    }

    /// Who a principal interacts with most, both directions.
    pub fn partners(&mut self, principal: &str, limit: usize) -> Result<Vec<PartnerRow>> {
        let p = principal.to_uppercase();
        let rows = self.db.query(
            "SELECT other, quad_class, COUNT(*), SUM(goldstein) FROM ( \
               SELECT target_principal AS other, quad_class, goldstein FROM events \
                 WHERE source_principal = $1 AND target_principal <> $1 \
               UNION ALL SELECT source_principal, quad_class, goldstein FROM events \
                 WHERE target_principal = $1 AND source_principal <> $1) x \
             GROUP BY other, quad_class",
            &[p.as_str().into()],
        )?;
        let mut by: std::collections::BTreeMap<String, PartnerRow> = Default::default();
        for r in &rows {
            let other = text(r, 0).unwrap_or_default();
            let e = by.entry(other.clone()).or_insert(PartnerRow {
                principal: other,
                events: 0,
                mean_goldstein: 0.0,
                quad: [0; 4],
            });
            let (q, n, g) = (int(r, 1), int(r, 2), real(r, 3));
            e.events += n;
            e.mean_goldstein += g;
            if (1..=4).contains(&q) {
                e.quad[(q - 1) as usize] += n;
            }
        }
        let mut out: Vec<PartnerRow> = by
            .into_values()
            .map(|mut p| {
                p.mean_goldstein /= p.events.max(1) as f64;
                p
            })
            .collect();
        out.sort_by(|a, b| b.events.cmp(&a.events).then(a.principal.cmp(&b.principal)));
        out.truncate(limit.max(1));
        Ok(out)
    }

    /// The dyad series with the defaults people expect: the range of the dyad's events when
    /// `from`/`to` are not given, the year before `from` as baseline unless `baseline_from`
    /// says otherwise. None when the two never interact in the store and no range is given.
    pub fn dyad_series(
        &mut self,
        a: &str,
        b: &str,
        from: Option<i64>,
        to: Option<i64>,
        by: crate::dyad::Period,
        baseline_from: Option<i64>,
    ) -> Result<Option<crate::dyad::Series>> {
        let span = self.dyad_span(a, b)?;
        let Some((first, last)) = span.or_else(|| from.zip(to)) else {
            return Ok(None);
        };
        let from = from.unwrap_or(first);
        let to = to.unwrap_or(last).max(from);
        let base_from = baseline_from.unwrap_or(from - 365).min(from - 1);
        let cells = self.dyad_cells(a, b, from, to)?;
        let before = self.dyad_cells(a, b, base_from, from - 1)?;
        let mut s = crate::dyad::series(a, b, by, &cells, from, to, &before, base_from);
        if baseline_from.is_some() && s.baseline.kind == "previous year" {
            s.baseline.kind = "given";
        }
        Ok(Some(s))
    }
}
