//! Quotation marks: pairs “ ” ‘ ’ « » „ “ ‹ › " " ' ' and the PTB `` '', including quotes that
//! run over paragraphs (an opening mark at the start of the next paragraph continues the
//! quotation). A mark without its partner is ignored.

use crate::segment::{Kind, Segmentation};
use crate::span::Span;

/// A quoted stretch: token indices of the opening and closing marks (the closing one may be
/// absent at a paragraph end when the next paragraph reopens).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    pub open: usize,
    pub close: usize,
    /// Byte span of the words between the marks.
    pub inner: Span,
}

fn closer_for(open: &str) -> &'static [&'static str] {
    match open {
        // `''` and `’’`: a closing double mark typed as two single ones
        "“" => &["”", "“", "''"],
        "„" => &["“", "”"],
        "«" => &["»"],
        "»" => &["«"],
        "‹" => &["›"],
        "‘" => &["’"],
        "‚" => &["‘", "’"],
        "``" => &["''", "\""],
        "\"" => &["\""],
        "'" => &["'"],
        _ => &[],
    }
}

fn is_opener(seg: &Segmentation, text: &str, i: usize) -> bool {
    let t = &seg.tokens[i];
    let s = t.span.slice(text);
    match s {
        "“" | "„" | "«" | "‹" | "‘" | "``" | "‚" => true,
        // a straight mark opens when not glued to a word on its left
        "\"" | "'" => {
            !t.glued
                || i == 0
                || seg.tokens[i - 1].kind == Kind::Punct
                    && !matches!(seg.tokens[i - 1].lower.as_str(), "." | "," | "!" | "?")
        }
        "»" => false,
        _ => false,
    }
}

/// Finds quoted stretches in document order; nested marks of another style stay inside.
pub fn quoted_spans(text: &str, seg: &Segmentation) -> Vec<Quoted> {
    let toks = &seg.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // most tokens are no quotation mark: passed over at once
        match toks[i..].iter().position(|t| t.kind == Kind::Quote) {
            Some(k) => i += k,
            None => break,
        }
        if !is_opener(seg, text, i) {
            i += 1;
            continue;
        }
        let open_s = toks[i].span.slice(text);
        let closers = closer_for(open_s);
        let mut j = i + 1;
        let mut found = None;
        while j < toks.len() {
            let t = &toks[j];
            if t.after_newline
                && text[toks[j - 1].span.end..t.span.start]
                    .matches('\n')
                    .count()
                    >= 2
            {
                // a new paragraph: the quotation goes on only if it reopens with the same mark
                if t.kind == Kind::Quote && t.span.slice(text) == open_s {
                    j += 1;
                    continue;
                }
                break;
            }
            // `“...,’’ Will Moy told the BBC`: two single marks close a double one
            let doubled = open_s == "“"
                && t.span.slice(text) == "’"
                && toks
                    .get(j + 1)
                    .is_some_and(|n| n.glued && n.span.slice(text) == "’");
            if doubled {
                found = Some((j, j + 1));
                break;
            }
            if t.kind == Kind::Quote
                && closers.contains(&t.span.slice(text))
                && (t.glued || j == i + 1 || !is_opener(seg, text, j))
            {
                // an apostrophe inside a word is not a closing single quote
                let glued_right = toks.get(j + 1).is_some_and(|n| n.glued && n.is_word());
                if !(open_s == "‘" && glued_right) {
                    found = Some((j, j));
                    break;
                }
            }
            j += 1;
        }
        match found {
            Some((first, c)) if first > i + 1 => {
                out.push(Quoted {
                    open: i,
                    close: c,
                    inner: Span::new(toks[i + 1].span.start, toks[first - 1].span.end),
                });
                i = c + 1;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn inner(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin().unwrap();
        let seg = crate::segment::segment(text, &lex);
        quoted_spans(text, &seg)
            .iter()
            .map(|q| q.inner.slice(text).to_string())
            .collect()
    }

    #[test]
    fn pairs_of_every_style() {
        assert_eq!(
            inner("He said “we are ready,” and left."),
            ["we are ready,"]
        );
        assert_eq!(
            inner("He said «nous sommes prêts» hier."),
            ["nous sommes prêts"]
        );
        assert_eq!(
            inner("Er sagte „wir sind bereit“ gestern."),
            ["wir sind bereit"]
        );
        assert_eq!(
            inner("He said \"we are ready\" and left."),
            ["we are ready"]
        );
        assert_eq!(
            inner("He said ``we are ready'' and left."),
            ["we are ready"]
        );
        assert_eq!(inner("NATO’s ‘open door’ stays."), ["open door"]);
        // a closing double mark typed as two single ones
        assert_eq!(
            inner("“It was an attempt to mislead voters,’’ Will Moy told the BBC."),
            ["It was an attempt to mislead voters,"]
        );
        assert_eq!(inner("“It was wrong,'' he said."), ["It was wrong,"]);
    }

    #[test]
    fn unbalanced_mark_loses_nothing_after_it() {
        let text = "He said “we are ready.\n\nNext paragraph “with a quote” here.";
        assert_eq!(inner(text), ["with a quote"]);
    }

    #[test]
    fn quotation_over_three_paragraphs() {
        let text = "“First part of it.\n\n“Second part.\n\n“Third part,” he said.";
        assert_eq!(inner(text).len(), 1);
        assert!(inner(text)[0].starts_with("First") && inner(text)[0].ends_with("Third part,"));
    }
}
