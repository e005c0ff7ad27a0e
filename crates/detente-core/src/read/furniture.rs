//! Page furniture: credit lines, source lines, sign-offs with outlet and date, comment forms
//! and related-link tails. [`Furniture::sort`] splits a document's lines into body and
//! furniture and keeps what the furniture tells.

use crate::date::{self, Date};
use crate::lexicon::Lexicon;

/// What the furniture of one document told.
#[derive(Debug, Default)]
pub struct Furniture {
    /// Agencies named in credit and source lines, in order.
    pub cited: Vec<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
}

/// How one line is classified.
#[derive(Debug, PartialEq)]
enum Line {
    Body,
    Drop,
    Tail,
}

impl Furniture {
    /// Keeps the body lines of `lines` (in order) and records what the others say.
    pub fn sort<'a>(lines: &[&'a str], lex: &Lexicon) -> (Vec<&'a str>, Furniture) {
        let mut f = Furniture::default();
        let mut body = Vec::new();
        for line in lines {
            match f.classify(line.trim(), lex) {
                Line::Body => body.push(*line),
                Line::Drop => {}
                Line::Tail => break,
            }
        }
        (body, f)
    }

    /// Adds what `other` told and this did not: agencies after this one's, the outlet and
    /// date where this has none.
    pub fn merge(&mut self, other: Furniture) {
        for name in other.cited {
            if !self.cited.contains(&name) {
                self.cited.push(name);
            }
        }
        if self.outlet.is_none() {
            self.outlet = other.outlet;
        }
        if self.published.is_none() {
            self.published = other.published;
        }
    }

    fn classify(&mut self, line: &str, lex: &Lexicon) -> Line {
        if line.is_empty() {
            return Line::Body;
        }
        let lower = line.to_lowercase();
        let bare = lower.trim_end_matches([':', '.', '*', ' ', '»', '›', '>']);
        if lex.furniture.tail.iter().any(|t| bare == t) {
            return Line::Tail;
        }
        if lex
            .furniture
            .drop
            .iter()
            .any(|d| lower.starts_with(d.as_str()))
        {
            return Line::Drop;
        }
        if let Some((label, value)) = split_label(line) {
            let label = label.to_lowercase();
            if lex.furniture.credit.iter().any(|c| *c == label) {
                self.add_agencies(value, lex, false);
                return Line::Drop;
            }
            if lex.furniture.source.iter().any(|c| *c == label) {
                self.add_agencies(value, lex, true);
                return Line::Drop;
            }
        }
        if let Some((outlet, d)) = sign_off(line) {
            self.outlet.get_or_insert(outlet.to_string());
            self.published.get_or_insert(d);
            return Line::Drop;
        }
        Line::Body
    }

    fn add_agencies(&mut self, value: &str, lex: &Lexicon, any_name: bool) {
        for part in value
            .split([',', ';', '/', '|'])
            .flat_map(|p| p.split(" and "))
        {
            let part = part.trim().trim_end_matches('.');
            if part.is_empty() {
                continue;
            }
            let name = match lex.agency(part) {
                Some(n) => n.to_string(),
                // a source line names sources even when we do not know them; a credit line
                // usually names a photographer, so only known agencies count there
                None if any_name
                    && part.len() <= 60
                    && part.chars().next().is_some_and(char::is_uppercase) =>
                {
                    part.to_string()
                }
                None => continue,
            };
            if !self.cited.contains(&name) {
                self.cited.push(name);
            }
        }
    }
}

/// "Label: value" with a short label.
fn split_label(line: &str) -> Option<(&str, &str)> {
    let (label, value) = line.split_once([':', '：'])?;
    let label = label.trim();
    (label.chars().count() <= 24 && !value.trim().is_empty()).then_some((label, value.trim()))
}

/// A sign-off or dateline line: "Ru-Main, 14.01.2022", "Reuters, 2022-01-14",
/// "By Jane Doe, January 14, 2022" is not (a byline has no outlet).
fn sign_off(line: &str) -> Option<(&str, Date)> {
    let (name, rest) = line.split_once(',')?;
    let name = name.trim();
    let rest = rest.trim().trim_end_matches('.');
    if name.is_empty() || name.len() > 40 || name.to_lowercase().starts_with("by ") {
        return None;
    }
    if !name.chars().next().is_some_and(char::is_uppercase) || name.split_whitespace().count() > 4 {
        return None;
    }
    let d = date::parse_numeric(rest).or_else(|| {
        let found = date::find_dates(rest, 0, None);
        found
            .first()
            .filter(|m| {
                m.span.start == 0
                    && m.span.end >= rest.len().saturating_sub(1)
                    && m.date.day.is_some()
            })
            .map(|m| m.date)
    })?;
    Some((name, d))
}

/// Agencies the body cites in attribution contexts ("RBC reports", "RT reminded",
/// "according to Reuters", "told TASS", "Interfax news agency"), in order of appearance.
pub fn cited_in_body(text: &str, lex: &Lexicon) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in lex.agency_matcher.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        if !crate::lexicon::at_word_boundary(text, s, e) {
            continue;
        }
        let before = text[..s].trim_end();
        let after = text[e..].trim_start_matches([' ', ',']);
        let word_before = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let lower_before = before.to_lowercase();
        let next_word: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let cue_after = matches!(
            next_word.as_str(),
            "reports"
                | "reported"
                | "reminded"
                | "recalled"
                | "writes"
                | "wrote"
                | "said"
                | "says"
                | "notes"
                | "noted"
                | "cited"
                | "quoted"
                | "learned"
                | "learnt"
                | "informs"
                | "reporting"
                | "news"
                | "agency"
                | "newspaper"
                | "correspondent"
                | "journalist"
                | "reporter"
                | "reporters"
                | "added"
                | "adds"
                | "claims"
                | "understands"
        );
        let cue_before = lower_before.ends_with("according to")
            || matches!(
                word_before.as_str(),
                "told" | "citing" | "cited" | "via" | "tells" | "telling" | "to"
            ) && (lower_before.ends_with("told")
                || lower_before.ends_with("tells")
                || lower_before.ends_with("citing")
                || lower_before.ends_with("via")
                || lower_before.ends_with("interview to")
                || lower_before.ends_with("cited by")
                || lower_before.ends_with("quoted by"))
            || lower_before.ends_with("by")
                && (lower_before.ends_with("quoted by")
                    || lower_before.ends_with("cited by")
                    || lower_before.ends_with("reported by"));
        if cue_after || cue_before {
            let name = lex.agency(&text[s..e]).unwrap_or(&text[s..e]).to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_leaves_the_body_and_tells_its_facts() {
        let lex = Lexicon::builtin().unwrap();
        let lines = [
            "First paragraph.",
            "Picture: RIA Novosti",
            "Second paragraph.",
            "Ru-Main, 14.01.2022",
            "Source: Interfax ",
            "Related Posts",
            "A related headline",
            "Leave a Reply",
        ];
        let (body, f) = Furniture::sort(&lines, &lex);
        assert_eq!(body, ["First paragraph.", "Second paragraph."]);
        assert_eq!(f.cited, ["RIA Novosti", "Interfax"]);
        assert_eq!(f.outlet.as_deref(), Some("Ru-Main"));
        assert_eq!(
            f.published.map(|d| d.to_string()),
            Some("2022-01-14".into())
        );
    }

    #[test]
    fn agencies_in_attribution_contexts_only() {
        let lex = Lexicon::builtin().unwrap();
        let text = "NATO is ready, RBC reports. Russia acted, RT reminded. He spoke on RT about it. According to Reuters, talks ended.";
        assert_eq!(cited_in_body(text, &lex), ["RBC", "RT", "Reuters"]);
    }
}
