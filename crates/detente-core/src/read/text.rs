//! The plain-text reader: headline on the first line, paragraphs separated by blank lines,
//! bullets kept as their own lines, furniture moved out of the body into the metadata.

use super::{Article, Hints, Reader, furniture::Furniture};
use crate::error::Result;
use crate::lexicon::Lexicon;

/// Reads plain text.
pub struct TextReader;

impl Reader for TextReader {
    fn read(&self, input: &str, hints: &Hints, lex: &Lexicon) -> Result<Article> {
        // most texts have no carriage return: they are read in place, not copied twice
        let normalized = if memchr::memchr(b'\r', input.as_bytes()).is_some() {
            std::borrow::Cow::Owned(input.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            std::borrow::Cow::Borrowed(input)
        };
        // sized exactly (counting newlines is a fast memchr pass), not grown line by line, and
        // cut at the newlines memchr finds (what `split('\n')` gives, with a faster search)
        let bytes = normalized.as_bytes();
        let mut lines: Vec<&str> =
            Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', bytes) {
            lines.push(&normalized[start..nl]);
            start = nl + 1;
        }
        lines.push(&normalized[start..]);
        let (title, rest) = split_title(&lines, hints);
        let (body, furniture) = Furniture::sort(rest, lex);
        let text = join_paragraphs(&body);
        Ok(article_from(title, text, furniture))
    }
}

/// Builds the article from a title, a body and the furniture (the agencies the body cites are
/// added by [`super::read`], only when the caller wants the document's metadata).
pub(super) fn article_from(title: Option<String>, text: String, furniture: Furniture) -> Article {
    let published = furniture.published.or_else(|| wire_dateline(&text));
    Article {
        title,
        published,
        outlet: furniture.outlet,
        cited_sources: furniture.cited,
        text,
        ..Article::default()
    }
}

/// The date of a wire story's dateline, at the start of its body: "ANKARA, March 3, 2025
/// (Reuters) - ...", "BEIJING/TAIPEI, Aug. 19, 2023 - ...". The place is in capitals (as wire
/// copy writes it), the date is complete, and a parenthesis or a dash follows it.
fn wire_dateline(text: &str) -> Option<crate::date::Date> {
    // (the first 120 bytes or fewer, cut at a character boundary)
    let head = &text[..text.floor_char_boundary(120)];
    let comma = head.find(", ")?;
    let place = &head[..comma];
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3
        || !place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '/' | '.' | '-' | '\''))
    {
        return None;
    }
    let rest = &text[comma + 2..];
    let d = crate::date::date_at_start(rest, None)?;
    let after = rest.get(d.span.end..)?.trim_start();
    after
        .starts_with(['(', '-', '\u{2013}', '\u{2014}'])
        .then_some(d.date)
}

/// A headline is a short first line followed by a blank line, not ending like a sentence
/// that runs on, with more text after it.
pub(super) fn split_title<'a, 'b>(
    lines: &'b [&'a str],
    hints: &Hints,
) -> (Option<String>, &'b [&'a str]) {
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return (None, lines);
    };
    let line = lines[first].trim();
    let blank_after = || lines.get(first + 1).is_none_or(|l| l.trim().is_empty());
    let more = || lines[first + 1..].iter().any(|l| !l.trim().is_empty());
    let short = || line.chars().count() <= 200 && line.split_whitespace().count() <= 30;
    // a headline does not end like a sentence (initials such as "U.S." end no sentence:
    // "China holds drills around Taiwan after Lai's transit through U.S.")
    let sentence_end = |t: &str| {
        t.ends_with('.') && !t.ends_with("..") && !dotted_initials(t)
            || t.ends_with(".”")
            || t.ends_with(".\"")
    };
    // ... nor holds two sentences (two words at a time, without collecting them)
    let two_sentences = || {
        let mut prev: Option<&str> = None;
        line.split_whitespace().any(|w| {
            let two = prev.is_some_and(|p| {
                sentence_end(p)
                    && w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"')
            });
            prev = Some(w);
            two
        })
    };
    let ends_run_on = || line.ends_with([',', ';']) || sentence_end(line);
    // the cheap tests first (how the line ends before counting its characters and words); a
    // dateline ("MOSCOW, January 10, 2022") is furniture, not a title
    if hints.title.is_none()
        && blank_after()
        && more()
        && !ends_run_on()
        && short()
        && !two_sentences()
        && !is_bullet(line)
        && super::furniture::sign_off(line).is_none()
    {
        return (Some(line.to_string()), &lines[first + 1..]);
    }
    (None, lines)
}

/// Whether the word ends in initials with their periods: "U.S.", "U.N.", "(U.K.".
fn dotted_initials(word: &str) -> bool {
    let last = word
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
        .next()
        .unwrap_or(word);
    let b = last.as_bytes();
    b.len() >= 4
        && b.len() % 2 == 0
        && b.chunks(2)
            .all(|p| p[0].is_ascii_alphabetic() && p[1] == b'.')
}

pub(super) fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    let b = t.as_bytes();
    // a list number ("1.", "12)") is at most two digits before its '.' or ')': only the first
    // three bytes are read, not the whole line (where the first '.' of a sentence lies)
    let numbered = || {
        for (k, &c) in b.iter().take(3).enumerate() {
            match c {
                b'.' | b')' => return b.get(k + 1) == Some(&b' '),
                b'0'..=b'9' => {}
                _ => return false,
            }
        }
        false
    };
    // the bullet characters are '*', '-' or start with byte 0xC2 ('·') or 0xE2 (the others)
    matches!(b.first(), Some(b'*' | b'-' | 0xc2 | 0xe2))
        && t.starts_with(['•', '●', '▪', '◦', '‣', '–', '—', '*', '-', '·'])
        && t.chars().nth(1).is_some_and(char::is_whitespace)
        || numbered()
}

/// Paragraphs are separated by one blank line; lines of a bullet list stay one per line;
/// other hard-wrapped lines of a paragraph are joined with a space.
pub(super) fn join_paragraphs(lines: &[&str]) -> String {
    // at most the lines and two bytes between each two: allocated once
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut String| {
        if para.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let mut prev_bullet = false;
        for (i, l) in para.iter().enumerate() {
            let bullet = is_bullet(l);
            if i > 0 {
                out.push(if bullet || prev_bullet { '\n' } else { ' ' });
            }
            out.push_str(l);
            prev_bullet = bullet;
        }
        para.clear();
    };
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(t);
        }
    }
    flush(&mut para, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_body_bullets_and_furniture() {
        let lex = Lexicon::builtin().unwrap();
        let input = "Big News Today\n\nFirst para line one\nline two.\n\nIntro:\n  • one;\n  • two.\n\nPicture: RIA Novosti\n\nRu-Main, 14.01.2022\nSource: Interfax\n\nRelated Posts\n\nLeave a Reply";
        let a = TextReader.read(input, &Hints::default(), &lex).unwrap();
        assert_eq!(a.title.as_deref(), Some("Big News Today"));
        assert_eq!(
            a.text,
            "First para line one line two.\n\nIntro:\n• one;\n• two."
        );
        assert_eq!(a.cited_sources, ["RIA Novosti", "Interfax"]);
        assert_eq!(a.outlet.as_deref(), Some("Ru-Main"));
    }

    #[test]
    fn a_headline_may_end_in_initials() {
        let t = "China holds drills around Taiwan after Lai's transit through U.S.\n\nBEIJING (Reuters) - China's military launched drills on Saturday.\n";
        let lex = Lexicon::builtin().unwrap();
        let a = TextReader.read(t, &Hints::default(), &lex).unwrap();
        assert_eq!(
            a.title.as_deref(),
            Some("China holds drills around Taiwan after Lai's transit through U.S.")
        );
        assert!(super::dotted_initials("U.S.") && super::dotted_initials("(U.K."));
        assert!(!super::dotted_initials("talks.") && !super::dotted_initials("A."));
    }

    #[test]
    fn a_wire_dateline_dates_the_story() {
        let lex = Lexicon::builtin().unwrap();
        for (t, want) in [
            (
                "Talks resume\n\nANKARA, March 3, 2025 (Reuters) - Turkey and Greece agreed.\n",
                Some("2025-03-03"),
            ),
            (
                "Drills\n\nBEIJING/TAIPEI, Aug. 19, 2023 - China launched drills.\n",
                Some("2023-08-19"),
            ),
            // not a dateline: a place in mixed case, a date with no year, no dash after it
            ("Talks\n\nIn Moscow, March 3, 2025 was cold - very.\n", None),
            (
                "Talks\n\nANKARA, March 3 (Reuters) - Turkey agreed.\n",
                None,
            ),
            (
                "Talks\n\nNATO, March 3, 2025 marked a turn for the alliance.\n",
                None,
            ),
            // a character across byte 120 is no place to cut
            (&format!("Talks\n\n{}’s view.\n", "a".repeat(119)), None),
            (
                &format!("Talks\n\n{}.\n", "Характеристики ".repeat(12)),
                None,
            ),
        ] {
            let a = TextReader.read(t, &Hints::default(), &lex).unwrap();
            assert_eq!(a.published.map(|d| d.to_string()).as_deref(), want, "{t}");
        }
    }

    #[test]
    fn a_single_paragraph_has_no_title() {
        let lex = Lexicon::builtin().unwrap();
        let a = TextReader
            .read(
                "Russia and NATO held talks in Brussels on Monday.",
                &Hints::default(),
                &lex,
            )
            .unwrap();
        assert_eq!(a.title, None);
        assert!(a.text.starts_with("Russia"));
    }
}
