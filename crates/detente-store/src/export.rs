//! Exports: deduplicated events as CSV with GDELT-like columns, and documents as JSONL in
//! the analysis contract (`detente.analysis/1`), rebuilt from the store. Both stream in
//! pages, so a store of millions of rows exports in bounded memory.

use crate::backend::{Row, Value};
use crate::query::char_slice;
use crate::{Error, Result, Store};
use serde_json::{Value as Json, json};
use std::io::Write;

const PAGE: i64 = 5_000;

/// The CSV header: GDELT's names where the meaning is the same, then detente's own.
pub const CSV_COLUMNS: &[&str] = &[
    "GlobalEventID",
    "Day",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "PloverType",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "SourceURL",
    "Date",
    "Evidence",
    "Rule",
];

fn io(e: std::io::Error) -> Error {
    Error::Invalid(format!("cannot write the export: {e}"))
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn t(r: &Row, i: usize) -> String {
    r.get(i).and_then(Value::text).unwrap_or_default()
}
fn n(r: &Row, i: usize) -> i64 {
    r.get(i).and_then(Value::int).unwrap_or(0)
}

/// Calls `f` with the fields of every event (the CSV's columns, as text), in id order,
/// reading the store page by page.
pub fn for_each_event(
    store: &mut Store,
    mut f: impl FnMut(&[String]) -> Result<()>,
) -> Result<usize> {
    let mut after = 0i64;
    let mut count = 0;
    loop {
        let rows = store.backend().query(
            "SELECT e.id, e.date, e.source_code, e.source_name, e.source_principal, e.target_code, \
             e.target_name, e.target_principal, e.cameo, e.root, e.quad_class, e.goldstein, \
             e.plover, e.num_reports, e.num_stories, e.num_articles, d.url, r.evidence_start, \
             r.evidence_end, r.rule, d.text FROM events e \
             JOIN event_reports r ON r.event_id = e.id \
               AND r.doc_id = e.first_doc \
               AND r.idx = (SELECT MIN(idx) FROM event_reports x WHERE x.event_id = e.id AND x.doc_id = e.first_doc) \
             JOIN documents d ON d.id = e.first_doc \
             WHERE e.id > $1 ORDER BY e.id LIMIT $2",
            &[after.into(), PAGE.into()],
        )?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            after = n(r, 0);
            let date = t(r, 1);
            let cameo = t(r, 8);
            let fields = [
                n(r, 0).to_string(),
                date.replace('-', ""),
                t(r, 2),
                t(r, 3),
                t(r, 4),
                t(r, 5),
                t(r, 6),
                t(r, 7),
                cameo.clone(),
                cameo.chars().take(3).collect(),
                t(r, 9),
                n(r, 10).to_string(),
                format!("{:.1}", r.get(11).and_then(Value::real).unwrap_or(0.0)),
                t(r, 12),
                n(r, 13).to_string(),
                n(r, 14).to_string(),
                n(r, 15).to_string(),
                t(r, 16),
                date,
                char_slice(&t(r, 20), n(r, 17) as usize, n(r, 18) as usize),
                t(r, 19),
            ];
            f(&fields)?;
            count += 1;
        }
    }
    Ok(count)
}

/// Writes every event as CSV; returns the number of rows.
pub fn events_csv(store: &mut Store, out: &mut dyn Write) -> Result<usize> {
    writeln!(out, "{}", CSV_COLUMNS.join(",")).map_err(io)?;
    for_each_event(store, |fields| {
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(",")).map_err(io)
    })
}

fn actor(name: String, code: String, principal: Option<String>) -> Json {
    json!({"name": name, "code": code, "principal": principal})
}

/// Writes every document as one contract JSON object per line; returns the count.
pub fn documents_jsonl(store: &mut Store, out: &mut dyn Write) -> Result<usize> {
    let mut after = 0i64;
    let mut count = 0;
    loop {
        let docs = store.backend().query(
            "SELECT id, ext_id, title, published, outlet, url, language, cited_sources, author, \
             text, layers FROM documents WHERE id > $1 ORDER BY id LIMIT $2",
            &[after.into(), 500i64.into()],
        )?;
        if docs.is_empty() {
            break;
        }
        for d in &docs {
            after = n(d, 0);
            let obj = document_json(store, d)?;
            serde_json::to_writer(&mut *out, &obj)
                .map_err(|e| Error::Invalid(format!("cannot write the export: {e}")))?;
            writeln!(out).map_err(io)?;
            count += 1;
        }
    }
    Ok(count)
}

/// One stored document as the contract's object (`documents` row as selected above).
pub fn document_json(store: &mut Store, d: &Row) -> Result<Json> {
    let id = n(d, 0);
    let layers: Json = serde_json::from_str(&t(d, 10)).unwrap_or(Json::Null);
    let cited: Json = serde_json::from_str(&t(d, 7)).unwrap_or_else(|_| json!([]));
    let opt = |i: usize| d.get(i).and_then(Value::text);
    let mut document = json!({
        "id": t(d, 1), "title": opt(2), "published": opt(3), "outlet": opt(4), "url": opt(5),
        "language": t(d, 6), "cited_sources": cited, "text": t(d, 9),
    });
    if let Some(a) = opt(8) {
        document["author"] = json!(a);
    }
    let quotes: Vec<Json> = store
        .backend()
        .query(
            "SELECT start_char, end_char, text, kind, cue, speaker_name, speaker_code, \
             speaker_principal, sentence FROM quotes WHERE doc_id = $1 ORDER BY idx",
            &[id.into()],
        )?
        .iter()
        .map(|q| {
            let speaker = q
                .get(5)
                .and_then(Value::text)
                .map(|name| actor(name, t(q, 6), q.get(7).and_then(Value::text)));
            json!({"start": n(q, 0), "end": n(q, 1), "text": t(q, 2), "kind": t(q, 3),
                   "cue": q.get(4).and_then(Value::text), "speaker": speaker, "sentence": n(q, 8)})
        })
        .collect();
    let events: Vec<Json> = store
        .backend()
        .query(
            "SELECT source_name, source_code, source_principal, source_start, source_end, \
             target_name, target_code, target_principal, target_start, target_end, cameo, root, \
             cameo_name, quad_class, goldstein, plover_type, plover_mode, date, negated, \
             hypothetical, sentence, evidence_start, evidence_end, trigger_start, trigger_end, \
             rule, confidence FROM event_reports WHERE doc_id = $1 ORDER BY idx",
            &[id.into()],
        )?
        .iter()
        .map(|e| {
            let role = |o: usize| {
                json!({"name": t(e, o), "code": t(e, o + 1), "principal": e.get(o + 2).and_then(Value::text),
                       "start": n(e, o + 3), "end": n(e, o + 4)})
            };
            let plover = e
                .get(15)
                .and_then(Value::text)
                .map(|ty| json!({"type": ty, "mode": e.get(16).and_then(Value::text)}));
            json!({
                "source": role(0), "target": role(5), "cameo": t(e, 10), "root": t(e, 11),
                "cameo_name": t(e, 12), "quad_class": n(e, 13),
                "goldstein": e.get(14).and_then(Value::real).unwrap_or(0.0),
                "plover": plover, "date": e.get(17).and_then(Value::text),
                "negated": n(e, 18) != 0, "hypothetical": n(e, 19) != 0, "sentence": n(e, 20),
                "evidence": {"start": n(e, 21), "end": n(e, 22)},
                "trigger": {"start": n(e, 23), "end": n(e, 24)},
                "rule": t(e, 25), "confidence": e.get(26).and_then(Value::real).unwrap_or(0.0),
            })
        })
        .collect();
    Ok(json!({
        "schema": detente_core::analysis::SCHEMA,
        "document": document,
        "sentences": layers.get("sentences").cloned().unwrap_or_else(|| json!([])),
        "mentions": layers.get("mentions").cloned().unwrap_or_else(|| json!([])),
        "quotes": quotes,
        "events": events,
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(super::csv_field("plain"), "plain");
        assert_eq!(super::csv_field("a, b"), "\"a, b\"");
        assert_eq!(super::csv_field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}

/// Writes every event as Parquet (the CSV's columns, typed; snappy-compressed row groups of
/// 5,000); returns the number of rows. Read by Spark, DuckDB, pandas and DataFusion.
#[cfg(feature = "parquet")]
pub fn events_parquet(store: &mut Store, out: std::fs::File) -> Result<usize> {
    use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;
    let pq =
        |e: parquet::errors::ParquetError| Error::Invalid(format!("cannot write Parquet: {e}"));
    let ar =
        |e: arrow_schema::ArrowError| Error::Invalid(format!("cannot build the Parquet rows: {e}"));
    let kinds: Vec<DataType> = CSV_COLUMNS
        .iter()
        .map(|c| match *c {
            "GlobalEventID" | "Day" | "QuadClass" | "NumMentions" | "NumSources"
            | "NumArticles" => DataType::Int64,
            "GoldsteinScale" => DataType::Float64,
            _ => DataType::Utf8,
        })
        .collect();
    let schema = Arc::new(Schema::new(
        CSV_COLUMNS
            .iter()
            .zip(&kinds)
            .map(|(c, k)| Field::new(*c, k.clone(), true))
            .collect::<Vec<_>>(),
    ));
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut writer =
        parquet::arrow::ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(pq)?;
    let mut page: Vec<Vec<String>> = Vec::with_capacity(PAGE as usize);
    let flush = |page: &mut Vec<Vec<String>>,
                 writer: &mut parquet::arrow::ArrowWriter<std::fs::File>|
     -> Result<()> {
        let columns: Vec<ArrayRef> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| -> ArrayRef {
                let cell = |r: &Vec<String>| r.get(i).cloned().unwrap_or_default();
                match k {
                    DataType::Int64 => Arc::new(Int64Array::from(
                        page.iter()
                            .map(|r| cell(r).parse::<i64>().ok())
                            .collect::<Vec<_>>(),
                    )),
                    DataType::Float64 => Arc::new(Float64Array::from(
                        page.iter()
                            .map(|r| cell(r).parse::<f64>().ok())
                            .collect::<Vec<_>>(),
                    )),
                    _ => Arc::new(StringArray::from(
                        page.iter()
                            .map(|r| Some(cell(r)).filter(|s| !s.is_empty()))
                            .collect::<Vec<_>>(),
                    )),
                }
            })
            .collect();
        let batch = RecordBatch::try_new(schema.clone(), columns).map_err(ar)?;
        writer.write(&batch).map_err(pq)?;
        page.clear();
        Ok(())
    };
    let count = for_each_event(store, |fields| {
        page.push(fields.to_vec());
        if page.len() >= PAGE as usize {
            flush(&mut page, &mut writer)?;
        }
        Ok(())
    })?;
    if !page.is_empty() {
        flush(&mut page, &mut writer)?;
    }
    writer.close().map_err(pq)?;
    Ok(count)
}
