//! Reading PETRARCH/TABARI actor dictionaries (e.g. Phoenix.Countries.actors.txt), so that
//! users keep their investment: entries `NAME_ [CODE]`, `+SYNONYM_` lines, and dated roles
//! `[CODE YYMMDD-YYMMDD]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`, `[CODE]` (the default role).

use super::dictionary::Role;
use crate::date::Date;
use crate::error::{Error, Result};

/// One dictionary entry.
#[derive(Debug, Clone, Default)]
pub struct PetrarchEntry {
    pub name: String,
    pub synonyms: Vec<String>,
    pub roles: Vec<Role>,
}

/// "JENS_STOLTENBERG_" -> "Jens Stoltenberg" (display) / "jens stoltenberg" (matching).
fn words(raw: &str) -> String {
    raw.trim()
        .trim_end_matches('_')
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if w.len() > 3 || !w.chars().all(|x| x.is_ascii_uppercase()) => {
                    f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase()
                }
                Some(_) => w.to_string(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// YYMMDD with the TABARI pivot (years below 30 are 20YY), or YYYYMMDD.
fn yymmdd(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    // TABARI uses day 00 or month 00 for "unknown": take the first
    let m: u8 = rest[..2].parse().ok()?;
    let d: u8 = rest[2..4].parse().ok()?;
    Date::ymd(y, m.max(1), d.max(1))
}

/// Parses one bracketed code: "[NORGOV 000317-011019]".
fn role(body: &str, file: &str, line: usize) -> Result<Role> {
    let err = |m: &str| Error::Data {
        file: file.to_string(),
        message: format!("line {line}: {m}: [{body}]"),
    };
    let mut parts = body.split_whitespace();
    let code = parts.next().ok_or_else(|| err("empty code"))?.to_string();
    let (from, to) = match parts.next() {
        None => (None, None),
        Some(d) if d.starts_with('>') => {
            (Some(yymmdd(&d[1..]).ok_or_else(|| err("bad date"))?), None)
        }
        Some(d) if d.starts_with('<') => {
            (None, Some(yymmdd(&d[1..]).ok_or_else(|| err("bad date"))?))
        }
        Some(d) => {
            let (a, b) = d.split_once('-').ok_or_else(|| err("bad date range"))?;
            (
                Some(yymmdd(a).ok_or_else(|| err("bad date"))?),
                Some(yymmdd(b).ok_or_else(|| err("bad date"))?),
            )
        }
    };
    Ok(Role::new(
        String::new(),
        code.into(),
        Default::default(),
        from,
        to,
    ))
}

/// Parses a whole dictionary. A role with a malformed date is skipped and reported in the
/// returned warnings (real dictionaries have typos such as `9008223`), never silently.
pub fn parse(file: &str, src: &str) -> Result<(Vec<PetrarchEntry>, Vec<String>)> {
    let mut out: Vec<PetrarchEntry> = Vec::new();
    let mut warnings = Vec::new();
    for (n, raw) in src.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("");
        if line.trim().is_empty() || line.trim_start().starts_with("<!") {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let t = line.trim();
        if let Some(syn) = t.strip_prefix('+') {
            let (name, _) = syn.split_once('[').unwrap_or((syn, ""));
            if let Some(e) = out.last_mut() {
                e.synonyms.push(words(name));
            }
            continue;
        }
        if indented || t.starts_with('[') {
            if let Some(e) = out.last_mut() {
                for body in t.split('[').skip(1) {
                    let body = body.split(']').next().unwrap_or("");
                    match role(body, file, n + 1) {
                        Ok(r) => e.roles.push(r),
                        Err(err) => warnings.push(err.to_string()),
                    }
                }
            }
            continue;
        }
        let (name, rest) = t
            .split_once('[')
            .map(|(a, b)| (a, Some(b)))
            .unwrap_or((t, None));
        let mut e = PetrarchEntry {
            name: title_case(&words(name)),
            ..Default::default()
        };
        e.synonyms.push(words(name));
        if let Some(rest) = rest {
            let body = rest.split(']').next().unwrap_or("");
            match role(body, file, n + 1) {
                Ok(r) => e.roles.push(r),
                Err(err) => warnings.push(err.to_string()),
            }
        }
        out.push(e);
    }
    Ok((out, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_synonyms_and_dated_roles() {
        let src = "AFGHANISTAN_  [AFG]\n+AFGHAN_\nJENS_STOLTENBERG_  # CountryInfo.txt\n\t[NORELI 770101-000317]\n\t[NORGOV >051017]\n\t[NORELI]\n";
        let (e, warnings) = parse("t", src).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].name, "Afghanistan");
        assert_eq!(e[0].synonyms, ["AFGHANISTAN", "AFGHAN"]);
        assert_eq!(e[1].roles.len(), 3);
        assert_eq!(
            e[1].roles[0].from.map(|d| d.to_string()),
            Some("1977-01-01".into())
        );
        assert_eq!(
            e[1].roles[0].to.map(|d| d.to_string()),
            Some("2000-03-17".into())
        );
        assert_eq!(
            e[1].roles[1].from.map(|d| d.to_string()),
            Some("2005-10-17".into())
        );
    }

    #[test]
    fn a_bad_date_is_skipped_and_reported_with_its_line() {
        let (e, warnings) = parse(
            "f.txt",
            "X_ [ABC 99-1]\n\t[ABCGOV 9008223-911221]\n\t[ABCMIL]\n",
        )
        .unwrap();
        assert_eq!(e[0].roles.len(), 1);
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings[1].contains("f.txt") && warnings[1].contains("line 2"),
            "{warnings:?}"
        );
    }
}
