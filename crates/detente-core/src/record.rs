//! One record of a batch, as the contract defines its input lines: an object with `id`
//! (string or number), `text` or `html`, and optionally `published` (YYYY-MM-DD), `url`,
//! `outlet`, `title`. Shared by the JSONL reader of the command line and the server's
//! ingest endpoint.

use crate::date::Date;
use crate::read::{Format, Hints};
use serde::Deserialize;
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
    if let Some(r) = parse_plain(s, format, published) {
        return Ok(r);
    }
    let v: Value = serde_json::from_str(s).map_err(|e| {
        reject(
            None,
            format!("{where_}: not a JSON object ({e}); fix or remove the line"),
        )
    })?;
    from_value(where_, &v, format, published)
}

/// The fields of a record read straight into their places, for [`parse_plain`].
#[derive(Deserialize)]
struct Fields {
    #[serde(default, deserialize_with = "id_field")]
    id: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// An `id` as [`from_value`] takes it: a string, or an integer written as it is (anything
/// else is an error, and the line goes to [`from_value`]).
fn id_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Id;
    impl serde::de::Visitor<'_> for Id {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string or an integer")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
    }
    d.deserialize_any(Id)
}

/// The usual line (an object whose fields have the types they should, each once) read without
/// building a [`Value`] and copying its text out of it; `None` for any other line, which
/// [`from_value`] then reads (and explains when it rejects it).
fn parse_plain(s: &str, format: Format, published: Option<Date>) -> Option<Record> {
    // a struct can be read from an array too: only an object is taken here
    let first = s
        .bytes()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    if first != Some(b'{') {
        return None;
    }
    let f: Fields = match simple_fields(s) {
        Some(f) => f,
        None => serde_json::from_str(s).ok()?,
    };
    let id = f.id?;
    let (body, fmt) = body_and_format(f.text, f.html, format)?;
    let published = match f.published {
        Some(p) => Some(Date::parse(&p)?),
        None => published,
    };
    Some(Record {
        id,
        bytes: body.into_bytes(),
        format: fmt,
        hints: Hints {
            published,
            url: f.url,
            outlet: f.outlet,
            title: f.title,
        },
    })
}

/// The usual line read by hand, faster than serde_json reads it (its text is found with
/// memchr between escapes): an object of string fields among [`Fields`]' own, each once, no
/// control character in the line and no `\u` escape. `None` for anything else, which
/// serde_json then reads (and reads the same where this one reads).
fn simple_fields(s: &str) -> Option<Fields> {
    // (the line's newline, and any JSON whitespace before it, ends it as the end of the text
    // does)
    let s = s.trim_end_matches([' ', '\t', '\n', '\r']);
    let b = s.as_bytes();
    // (one pass that does not stop early, which the compiler turns into a few instructions
    // per sixteen bytes: tabs and carriage returns between the tokens are left to serde_json
    // too)
    if b.iter().fold(false, |c, &x| c | (x < 0x20)) {
        return None;
    }
    let skip_spaces = |i: &mut usize| {
        while b.get(*i) == Some(&b' ') {
            *i += 1;
        }
    };
    let mut f = Fields {
        id: None,
        text: None,
        html: None,
        published: None,
        url: None,
        outlet: None,
        title: None,
    };
    let mut i = 0;
    skip_spaces(&mut i);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        skip_spaces(&mut i);
        let key = json_string(s, &mut i)?;
        skip_spaces(&mut i);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        skip_spaces(&mut i);
        let slot = match &*key {
            "id" => &mut f.id,
            "text" => &mut f.text,
            "html" => &mut f.html,
            "published" => &mut f.published,
            "url" => &mut f.url,
            "outlet" => &mut f.outlet,
            "title" => &mut f.title,
            _ => return None,
        };
        // a field twice is an error of serde_json's
        if slot.is_some() {
            return None;
        }
        *slot = Some(json_string(s, &mut i)?.into_owned());
        skip_spaces(&mut i);
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b'}') => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    skip_spaces(&mut i);
    (i == b.len()).then_some(f)
}

/// The JSON string at byte `*i` of `s` (which moves past it), decoded; `None` when there is
/// none or it has a `\u` escape (or an invalid one).
fn json_string<'a>(s: &'a str, i: &mut usize) -> Option<std::borrow::Cow<'a, str>> {
    let b = s.as_bytes();
    if b.get(*i) != Some(&b'"') {
        return None;
    }
    let start = *i + 1;
    let mut from = start;
    let mut out: Option<String> = None;
    loop {
        // (the quote and the backslash are ASCII: every cut below is at a character boundary)
        let at = from + memchr::memchr2(b'"', b'\\', b.get(from..)?)?;
        if b[at] == b'"' {
            *i = at + 1;
            return Some(match out {
                None => std::borrow::Cow::Borrowed(&s[start..at]),
                Some(mut o) => {
                    o.push_str(&s[from..at]);
                    std::borrow::Cow::Owned(o)
                }
            });
        }
        let o = out.get_or_insert_with(|| String::with_capacity(s.len() - start));
        o.push_str(&s[from..at]);
        o.push(match b.get(at + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            _ => return None,
        });
        from = at + 2;
    }
}

/// A record's body and how to read it: its `text` (as HTML only when the batch says so),
/// else its `html`.
fn body_and_format<T>(text: Option<T>, html: Option<T>, format: Format) -> Option<(T, Format)> {
    match (text, html) {
        (Some(t), _) if matches!(format, Format::Html) => Some((t, Format::Html)),
        (Some(t), _) => Some((t, Format::Text)),
        (None, Some(h)) => Some((h, Format::Html)),
        (None, None) => None,
    }
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
    let (body, fmt) = match body_and_format(
        v.get("text").and_then(Value::as_str),
        v.get("html").and_then(Value::as_str),
        format,
    ) {
        Some(b) => b,
        None => {
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

    /// Every line the direct reading takes gives the record that reading it as a `Value`
    /// gives; the others are left to that reading.
    #[test]
    fn the_direct_reading_agrees_with_the_value_reading() {
        let lines = [
            r#"{"id": "d0", "text": "A \"quoted\" line.\n\nAnother, \u00e9."}"#,
            r#"  {"id": 7, "html": "<p>x</p>", "published": "2022-01-14", "outlet": "RT"}"#,
            r#"{"id": -3, "text": "x", "html": "<p>y</p>", "url": "https://e.org", "title": "T"}"#,
            r#"{"id": 1.5, "text": "x"}"#,
            r#"{"id": null, "text": "x"}"#,
            r#"{"text": "x"}"#,
            r#"{"id": "a", "text": 5, "html": "<b>h</b>"}"#,
            r#"{"id": "a", "text": null, "html": null}"#,
            r#"{"id": "a", "text": "x", "published": 2022}"#,
            r#"{"id": "a", "text": "x", "published": null, "url": null, "title": 3}"#,
            r#"{"id": "a", "text": "x", "published": "14/01/2022"}"#,
            r#"{"id": "a", "text": "x", "text": "y"}"#,
            r#"{"id": "a", "text": "x", "extra": {"deep": [1, 2]}}"#,
            r#"["a", "x"]"#,
            r#"{"id": "a", "text": "x"} trailing"#,
            r#"{"id": true, "text": "x"}"#,
            r#"{"id": 18446744073709551615, "text": "x"}"#,
        ];
        let date = Date::parse("2020-02-02");
        for line in lines {
            for format in [Format::Auto, Format::Text, Format::Html] {
                let Some(direct) = parse_plain(line, format, date) else {
                    continue;
                };
                let v: Value = serde_json::from_str(line).unwrap();
                let by_value = from_value("line", &v, format, date).unwrap();
                assert_eq!(format!("{direct:?}"), format!("{by_value:?}"), "{line}");
            }
        }
        // what the hand reading reads, serde_json reads the same
        for line in lines.iter().copied().chain([
            r#"{"id":"a","text":"tab\there \/ \\ \" \b\f\r end"}"#,
            r#" { "id" : "a" , "text" : "x" } "#,
            r#"{"id": "a", "text": "x",}"#,
            r#"{"id": "a", "text": "x"  "#,
            r#"{"id": "a", "text": "x\q"}"#,
            r#"{"id": "a", "text": "x\"#,
            r#"{}"#,
            "{\"id\": \"a\", \"text\": \"x\"}\r\n",
            "{\"id\": \"a\", \"text\": \"x\"}\n\n ",
            "{\"id\": \"a\", \"text\": \"x\ty\"}",
        ]) {
            let fields = |f: &Fields| {
                format!(
                    "{:?}",
                    (
                        &f.id,
                        &f.text,
                        &f.html,
                        &f.published,
                        &f.url,
                        &f.outlet,
                        &f.title
                    )
                )
            };
            if let Some(f) = simple_fields(line) {
                let by_serde: Fields = serde_json::from_str(line).unwrap();
                assert_eq!(fields(&f), fields(&by_serde), "{line}");
            }
        }
        assert!(simple_fields(lines[0]).is_none()); // a \u escape
        assert!(simple_fields(r#"{"id": "a", "text": "x\n\ny"}"#).is_some());
        assert!(simple_fields("{\"id\": \"a\", \"text\": \"x\"}\n").is_some());
        // the usual lines are read directly
        assert!(parse_plain(lines[0], Format::Auto, None).is_some());
        assert!(parse_plain(lines[1], Format::Auto, None).is_some());
        assert!(parse_plain(lines[2], Format::Auto, None).is_some());
        assert!(parse_plain(lines[11], Format::Auto, None).is_none());
        assert!(parse_plain(lines[13], Format::Auto, None).is_none());
    }

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
