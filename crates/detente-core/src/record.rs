//! One record of a batch, as the contract defines its input lines: an object with `id`
//! (string or number), `text` or `html`, and optionally `published` (YYYY-MM-DD), `url`,
//! `outlet`, `title`. Shared by the JSONL reader of the command line and the server's
//! ingest endpoint.

use crate::date::Date;
use crate::read::{Format, Hints};
use serde_json::Value;

/// A record ready to analyse.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: String,
    pub bytes: Vec<u8>,
    pub format: Format,
    pub hints: Hints,
}

/// A record that cannot be analysed: the id to report it under (the record's own, when it
/// has one) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub id: Option<String>,
    pub message: String,
}

fn reject(id: Option<&str>, message: String) -> Rejected {
    Rejected {
        id: id.map(str::to_string),
        message,
    }
}

/// Parses one input line (`where_` names it in messages, e.g. "line 12").
pub fn parse_line(
    where_: &str,
    bytes: &[u8],
    format: Format,
    published: Option<Date>,
) -> Result<Record, Rejected> {
    let s = std::str::from_utf8(bytes).map_err(|e| {
        reject(
            None,
            format!("{where_}: not valid UTF-8 at byte {}", e.valid_up_to()),
        )
    })?;
    let v: Value = serde_json::from_str(s).map_err(|e| {
        reject(
            None,
            format!("{where_}: not a JSON object ({e}); fix or remove the line"),
        )
    })?;
    from_value(where_, &v, format, published)
}

/// Builds a record from a parsed JSON object.
pub fn from_value(
    where_: &str,
    v: &Value,
    format: Format,
    published: Option<Date>,
) -> Result<Record, Rejected> {
    let id = match v.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            return Err(reject(
                None,
                format!("{where_}: no \"id\" string; every record needs one"),
            ));
        }
    };
    let (body, fmt) = match (
        v.get("text").and_then(Value::as_str),
        v.get("html").and_then(Value::as_str),
    ) {
        (Some(t), _) => (
            t,
            if matches!(format, Format::Html) {
                Format::Html
            } else {
                Format::Text
            },
        ),
        (None, Some(h)) => (h, Format::Html),
        _ => {
            return Err(reject(
                Some(&id),
                format!("{where_}: needs a \"text\" or \"html\" string"),
            ));
        }
    };
    let published = match v.get("published").and_then(Value::as_str) {
        Some(p) => match Date::parse(p) {
            Some(d) => Some(d),
            None => {
                return Err(reject(
                    Some(&id),
                    format!("{where_}: \"published\" {p:?} is not a date (use YYYY-MM-DD)"),
                ));
            }
        },
        None => published,
    };
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    Ok(Record {
        id,
        bytes: body.as_bytes().to_vec(),
        format: fmt,
        hints: Hints {
            published,
            url: s("url"),
            outlet: s("outlet"),
            title: s("title"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_bad_lines() {
        let r = parse_line(
            "line 1",
            br#"{"id": 7, "html": "<p>x</p>", "published": "2022-01-14", "outlet": "RT"}"#,
            Format::Auto,
            None,
        )
        .unwrap();
        assert_eq!(r.id, "7");
        assert_eq!(r.format, Format::Html);
        assert_eq!(r.hints.outlet.as_deref(), Some("RT"));
        assert_eq!(r.hints.published, Date::parse("2022-01-14"));
        let e = parse_line("line 2", b"{not json", Format::Auto, None).unwrap_err();
        assert_eq!(e.id, None);
        assert!(e.message.starts_with("line 2: not a JSON object"));
        let e = parse_line("line 3", br#"{"id": "a"}"#, Format::Auto, None).unwrap_err();
        assert_eq!(e.id.as_deref(), Some("a"));
        let e = parse_line(
            "line 4",
            br#"{"id": "b", "text": "x", "published": "14/01/2022"}"#,
            Format::Auto,
            None,
        )
        .unwrap_err();
        assert!(e.message.contains("is not a date"));
        assert!(parse_line("line 5", b"\xff\xfe", Format::Auto, None).is_err());
    }
}
