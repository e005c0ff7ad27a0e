//! Adding analysed documents: one transaction per batch, so a crash loses at most the batch
//! in flight and never leaves half a document. Ids are assigned here (the next after the
//! largest), in input order, so an interrupted and resumed ingest assigns the same ids,
//! stories and event counts as an uninterrupted one.

use crate::backend::Value;
use crate::stories::{self, Signature};
use crate::{Result, Store};
use detente_core::Analysis;
use detente_core::analysis::EventOut;
use detente_core::date::Date;
use std::collections::{BTreeMap, HashSet};

/// What one call to [`Store::add`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Added {
    pub documents: usize,
    /// Documents skipped because the store already had their hash.
    pub known: usize,
    /// Documents that joined an existing story (near-duplicates of an earlier article).
    pub joined_story: usize,
    pub new_events: usize,
    /// Reports of events the store already had (another article, or the same one again).
    pub repeated_events: usize,
}

/// A document ready to store: its record hash, its analysis and the MinHash signature of its
/// text (computed with the analysis, off the writer's thread).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub hash: String,
    pub analysis: Analysis,
    pub signature: Option<Signature>,
    /// The sentence and mention layers as stored (JSON), serialised off the writer thread.
    pub layers: String,
}

impl Prepared {
    pub fn new(hash: String, analysis: Analysis) -> Self {
        let signature = stories::signature(&analysis.document.text);
        let layers =
            serde_json::json!({"sentences": analysis.sentences, "mentions": analysis.mentions})
                .to_string();
        Prepared {
            hash,
            analysis,
            signature,
            layers,
        }
    }
}

/// The content hash of one input record: its bytes and what the caller said about it
/// (id, url, outlet, publication date). Hex of xxh3-128.
pub fn record_hash(
    id: &str,
    bytes: &[u8],
    url: Option<&str>,
    outlet: Option<&str>,
    published: Option<&str>,
) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [
        id.as_bytes(),
        url.unwrap_or("").as_bytes(),
        outlet.unwrap_or("").as_bytes(),
        published.unwrap_or("").as_bytes(),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.update(bytes);
    format!("{:032x}", h.digest128())
}

/// Days since 1970-01-01 of a date's first day.
pub(crate) fn first_day(d: &Date) -> Option<i64> {
    Date {
        year: d.year,
        month: Some(d.month.unwrap_or(1)),
        day: Some(d.day.unwrap_or(1)),
    }
    .days()
}

/// The identity of an asserted event across reports: the day it happened, who, to whom,
/// and what. `None` for events that did not happen (negated, hypothetical) or that lack a
/// date or a resolved party.
pub(crate) fn event_key(e: &EventOut, published: Option<Date>) -> Option<(String, Date)> {
    if e.negated || e.hypothetical {
        return None;
    }
    e.source.principal.as_ref()?;
    e.target.principal.as_ref()?;
    let date = e.date.or(published)?;
    Some((
        format!("{date}|{}|{}|{}", e.source.code, e.target.code, e.cameo),
        date,
    ))
}

impl Store {
    /// Which of these hashes the store already holds.
    pub fn known_hashes(&mut self, hashes: &[String]) -> Result<HashSet<String>> {
        let mut known = HashSet::new();
        for chunk in hashes.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT hash FROM documents WHERE hash IN ({})",
                marks.join(",")
            );
            let params: Vec<Value> = chunk.iter().map(|h| Value::from(h.as_str())).collect();
            for row in self.db.query(&sql, &params)? {
                if let Some(h) = row.first().and_then(Value::text) {
                    known.insert(h);
                }
            }
        }
        Ok(known)
    }

    /// Adds analysed documents (each with its record hash) in one transaction.
    pub fn add(&mut self, docs: &[(String, Analysis)]) -> Result<Added> {
        let prepared: Vec<Prepared> = docs
            .iter()
            .map(|(h, a)| Prepared::new(h.clone(), a.clone()))
            .collect();
        self.add_prepared(&prepared)
    }

    /// Adds documents prepared elsewhere (on worker threads) in one transaction.
    pub fn add_prepared(&mut self, docs: &[Prepared]) -> Result<Added> {
        self.db.script("BEGIN")?;
        match self.add_in_transaction(docs) {
            Ok(added) => {
                self.db.script("COMMIT")?;
                Ok(added)
            }
            Err(e) => {
                let _ = self.db.script("ROLLBACK");
                Err(e)
            }
        }
    }

    fn next_id(&mut self, table: &str) -> Result<i64> {
        let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
        Ok(self
            .db
            .query(&sql, &[])?
            .first()
            .and_then(|r| r.first())
            .and_then(Value::int)
            .unwrap_or(0)
            + 1)
    }

    fn add_in_transaction(&mut self, docs: &[Prepared]) -> Result<Added> {
        let mut added = Added::default();
        let hashes: Vec<String> = docs.iter().map(|p| p.hash.clone()).collect();
        let mut known = self.known_hashes(&hashes)?;
        let mut doc_id = self.next_id("documents")?;
        if self.index_deferred() {
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES ('fts_stale', '1') \
                 ON CONFLICT (key) DO NOTHING",
                &[],
            )?;
        }
        let mut event_id = self.next_id("events")?;
        for p in docs {
            let (hash, a) = (&p.hash, &p.analysis);
            if !known.insert(hash.clone()) {
                added.known += 1;
                continue;
            }
            let d = &a.document;
            let published_day = d.published.as_ref().and_then(first_day);
            let sig = p.signature.clone();
            let story = match &sig {
                Some(s) => self.find_story(s, published_day)?,
                None => None,
            };
            if story.is_some() {
                added.joined_story += 1;
            }
            let story_id = story.unwrap_or(doc_id);
            self.db.execute(
                "INSERT INTO documents (id, hash, ext_id, title, published, published_day, outlet, url, \
                 language, author, cited_sources, text, layers, story_id, signature) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                &[
                    doc_id.into(),
                    hash.as_str().into(),
                    d.id.as_str().into(),
                    d.title.clone().into(),
                    d.published.map(|p| p.to_string()).into(),
                    published_day.into(),
                    d.outlet.clone().into(),
                    d.url.clone().into(),
                    d.language.as_str().into(),
                    d.author.clone().into(),
                    serde_json::to_string(&d.cited_sources).unwrap_or_else(|_| "[]".into()).into(),
                    d.text.as_str().into(),
                    p.layers.as_str().into(),
                    story_id.into(),
                    sig.as_ref().map(Signature::to_bytes).unwrap_or_default().into(),
                ],
            )?;
            if self.db.dialect() == crate::Dialect::Sqlite && !self.index_deferred() {
                self.db.execute(
                    "INSERT INTO documents_fts (rowid, title, text) VALUES ($1, $2, $3)",
                    &[
                        doc_id.into(),
                        d.title.clone().into(),
                        d.text.as_str().into(),
                    ],
                )?;
            }
            if let Some(s) = &sig {
                for band in s.bands() {
                    self.db.execute(
                        "INSERT INTO doc_bands (band, doc_id) VALUES ($1, $2)",
                        &[band.into(), doc_id.into()],
                    )?;
                }
            }
            for (i, q) in a.quotes.iter().enumerate() {
                let sp = q.speaker.as_ref();
                self.db.execute(
                    "INSERT INTO quotes (doc_id, idx, start_char, end_char, text, kind, cue, \
                     speaker_name, speaker_code, speaker_principal, sentence) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    &[
                        doc_id.into(),
                        i.into(),
                        q.start.into(),
                        q.end.into(),
                        q.text.as_str().into(),
                        serde_json::to_value(q.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default()
                            .into(),
                        q.cue.clone().into(),
                        sp.map(|s| s.name.to_string()).into(),
                        sp.map(|s| s.code.to_string()).into(),
                        sp.and_then(|s| s.principal.as_ref().map(|p| p.to_string()))
                            .into(),
                        q.sentence.into(),
                    ],
                )?;
            }
            // distinct asserted events of this document, with how often it reports each
            let mut keyed: BTreeMap<String, (usize, Date, &EventOut)> = BTreeMap::new();
            let mut report_keys = Vec::with_capacity(a.events.len());
            for e in &a.events {
                let k = event_key(e, d.published);
                if let Some((key, date)) = &k {
                    keyed.entry(key.clone()).or_insert((0, *date, e)).0 += 1;
                }
                report_keys.push(k.map(|(key, _)| key));
            }
            let mut ids: BTreeMap<String, i64> = BTreeMap::new();
            for (key, (n, date, e)) in keyed {
                let existing = self
                    .db
                    .query(
                        "SELECT id FROM events WHERE key = $1",
                        &[key.as_str().into()],
                    )?
                    .first()
                    .and_then(|r| r.first())
                    .and_then(Value::int);
                let id = match existing {
                    Some(id) => {
                        // from the story's few documents to their reports: an event reported
                        // thousands of times is not scanned for each new report
                        // a document that starts its own story brings a new story; else look
                        let new_story = story.is_none()
                            || self
                            .db
                            .query(
                                // CROSS JOIN: SQLite keeps the written order; PostgreSQL
                                // plans it as any inner join (and takes no ON with it); the
                                // unary + keeps SQLite off the event index (thousands of
                                // reports for a busy event) and on the document key
                                "SELECT 1 FROM documents d CROSS JOIN event_reports r \
                                 WHERE r.doc_id = d.id AND +r.event_id = $1 AND d.story_id = $2 LIMIT 1",
                                &[id.into(), story_id.into()],
                            )?
                            .is_empty();
                        self.db.execute(
                            "UPDATE events SET num_reports = num_reports + $1, \
                             num_articles = num_articles + 1, num_stories = num_stories + $2 \
                             WHERE id = $3",
                            &[n.into(), i64::from(new_story).into(), id.into()],
                        )?;
                        added.repeated_events += n;
                        id
                    }
                    None => {
                        let id = event_id;
                        event_id += 1;
                        self.db.execute(
                            "INSERT INTO events (id, key, date, day, source_name, source_code, \
                             source_principal, target_name, target_code, target_principal, cameo, \
                             root, quad_class, goldstein, plover, num_reports, num_articles, \
                             num_stories, first_doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                             $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
                            &[
                                id.into(),
                                key.as_str().into(),
                                date.to_string().into(),
                                first_day(&date).unwrap_or(0).into(),
                                e.source.name.as_str().into(),
                                e.source.code.as_str().into(),
                                e.source.principal.as_deref().into(),
                                e.target.name.as_str().into(),
                                e.target.code.as_str().into(),
                                e.target.principal.as_deref().into(),
                                e.cameo.as_str().into(),
                                e.root.as_str().into(),
                                i64::from(e.quad_class).into(),
                                e.goldstein.into(),
                                e.plover.as_ref().map(|p| p.kind.as_str()).into(),
                                n.into(),
                                1i64.into(),
                                1i64.into(),
                                doc_id.into(),
                            ],
                        )?;
                        added.new_events += 1;
                        added.repeated_events += n - 1;
                        id
                    }
                };
                ids.insert(key, id);
            }
            for (i, (e, key)) in a.events.iter().zip(report_keys).enumerate() {
                let eid: Option<i64> = key.and_then(|k| ids.get(&k).copied());
                self.db.execute(
                    "INSERT INTO event_reports (doc_id, idx, event_id, source_name, source_code, \
                     source_principal, source_start, source_end, target_name, target_code, \
                     target_principal, target_start, target_end, cameo, root, cameo_name, \
                     quad_class, goldstein, plover_type, plover_mode, date, negated, hypothetical, \
                     sentence, evidence_start, evidence_end, trigger_start, trigger_end, rule, \
                     confidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                     $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, \
                     $29, $30)",
                    &[
                        doc_id.into(),
                        i.into(),
                        eid.into(),
                        e.source.name.as_str().into(),
                        e.source.code.as_str().into(),
                        e.source.principal.as_deref().into(),
                        e.source.start.into(),
                        e.source.end.into(),
                        e.target.name.as_str().into(),
                        e.target.code.as_str().into(),
                        e.target.principal.as_deref().into(),
                        e.target.start.into(),
                        e.target.end.into(),
                        e.cameo.as_str().into(),
                        e.root.as_str().into(),
                        e.cameo_name.as_str().into(),
                        i64::from(e.quad_class).into(),
                        e.goldstein.into(),
                        e.plover.as_ref().map(|p| p.kind.as_str()).into(),
                        e.plover.as_ref().and_then(|p| p.mode.as_deref()).into(),
                        e.date.map(|x| x.to_string()).into(),
                        e.negated.into(),
                        e.hypothetical.into(),
                        e.sentence.into(),
                        e.evidence.start.into(),
                        e.evidence.end.into(),
                        e.trigger.start.into(),
                        e.trigger.end.into(),
                        e.rule.as_str().into(),
                        e.confidence.into(),
                    ],
                )?;
            }
            added.documents += 1;
            doc_id += 1;
        }
        Ok(added)
    }

    /// The story of the most similar earlier article, if one is similar enough and close in
    /// time.
    fn find_story(&mut self, sig: &Signature, day: Option<i64>) -> Result<Option<i64>> {
        let bands = sig.bands();
        let marks: Vec<String> = (1..=bands.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT d.id, d.story_id, d.signature, d.published_day FROM documents d \
             WHERE d.id IN (SELECT doc_id FROM doc_bands WHERE band IN ({})) \
             ORDER BY d.id DESC LIMIT 200",
            marks.join(",")
        );
        let params: Vec<Value> = bands.into_iter().map(Value::from).collect();
        let mut best: Option<(f64, i64)> = None;
        for row in self.db.query(&sql, &params)? {
            let (Some(story), Some(other)) = (
                row.get(1).and_then(Value::int),
                row.get(2)
                    .and_then(Value::bytes)
                    .and_then(Signature::from_bytes),
            ) else {
                continue;
            };
            if let (Some(a), Some(b)) = (day, row.get(3).and_then(Value::int))
                && (a - b).abs() > stories::STORY_DAYS
            {
                continue;
            }
            let s = sig.similarity(&other);
            if s >= stories::SAME_STORY && best.is_none_or(|(bs, _)| s > bs) {
                best = Some((s, story));
            }
        }
        Ok(best.map(|(_, story)| story))
    }
}
