//! Sentence boundaries over tokens: after `.`, `!`, `?` or `…` (and any closing quotes or
//! brackets) when the next token can start a sentence and the period does not end an
//! abbreviation or an initial; always at line breaks. Bullet markers stay outside sentences.

use super::{Kind, Sentence, Token};
use crate::lexicon::Lexicon;
use crate::span::Span;

const BULLETS: &[&str] = &["•", "●", "▪", "◦", "‣", "–", "—", "*", "-", "·"];

/// Splits the token stream into sentences.
pub fn sentences(text: &str, tokens: &[Token], lex: &Lexicon) -> Vec<Sentence> {
    let stops: Vec<usize> = (0..tokens.len()).filter(|&i| is_stop(&tokens[i])).collect();
    sentences_at(text, tokens, &stops, lex)
}

/// A token the splitter looks at: one after a newline, or a full stop, '!', '?' or '…'. Every
/// other token is passed over.
pub(super) fn is_stop(t: &Token) -> bool {
    t.after_newline || t.kind == Kind::Punct && matches!(t.lower.as_str(), "." | "!" | "?" | "…")
}

/// [`sentences`] given the indexes of the tokens that are stops ([`is_stop`]), in order (the
/// tokenizer lists them).
pub(super) fn sentences_at(
    text: &str,
    tokens: &[Token],
    stops: &[usize],
    lex: &Lexicon,
) -> Vec<Sentence> {
    // a news sentence is some 25 tokens: room for one every 16, reserved once, not grown
    let mut out = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut first = 0;
    let mut paragraph = 0;
    let mut i = 0;
    let push = |first: usize, last: usize, paragraph: usize, out: &mut Vec<Sentence>| {
        // leave bullet markers and list numbers outside the sentence
        let mut f = first;
        let mut bullet = false;
        while f < last
            && (tokens[f].kind == Kind::Punct && BULLETS.contains(&tokens[f].lower.as_str()))
        {
            f += 1;
            bullet = true;
        }
        if f + 1 < last
            && tokens[f].kind == Kind::Number
            && tokens[f].lower.len() <= 2
            && matches!(tokens[f + 1].lower.as_str(), "." | ")")
            && tokens[f].after_newline
        {
            f += 2;
            bullet = true;
        }
        if f < last {
            out.push(Sentence {
                span: Span::new(tokens[f].span.start, tokens[last - 1].span.end),
                first: f,
                last,
                paragraph,
                bullet,
            });
        }
    };
    let mut next_stop = stops.iter().copied();
    while i < tokens.len() {
        // most tokens neither follow a newline nor end a sentence: nothing to do for them
        match next_stop.find(|&k| k >= i) {
            Some(k) => i = k,
            None => break,
        }
        let t = &tokens[i];
        if i > 0 && t.after_newline && (i > first || !out.is_empty()) {
            if i > first {
                push(first, i, paragraph, &mut out);
            }
            if text[tokens[i - 1].span.end..t.span.start]
                .matches('\n')
                .count()
                >= 2
            {
                paragraph += 1;
            }
            first = i;
            if i == first {
                // fall through to the terminator check below for this token
            }
        }
        if t.kind == Kind::Punct && matches!(t.lower.as_str(), "." | "!" | "?" | "…") {
            // swallow repeated terminators and closing quotes/brackets
            let mut j = i + 1;
            while j < tokens.len()
                && !tokens[j].after_newline
                && (matches!(tokens[j].lower.as_str(), "." | "!" | "?" | ")" | "]")
                    || closes_quote(text, tokens, j))
            {
                j += 1;
            }
            let boundary = match tokens.get(j) {
                None => true,
                Some(next) if next.after_newline => true,
                Some(next) => can_start(text, next) && !abbreviation_before(text, tokens, i, lex),
            };
            if boundary {
                push(first, j, paragraph, &mut out);
                first = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if first < tokens.len() {
        push(first, tokens.len(), paragraph, &mut out);
    }
    out
}

/// Whether the quote token at `j` closes a quotation (glued to what precedes it).
fn closes_quote(text: &str, tokens: &[Token], j: usize) -> bool {
    let t = &tokens[j];
    if t.kind != Kind::Quote || !t.glued {
        return false;
    }
    let s = t.span.slice(text);
    // an opening mark glued to a full stop is rare; a straight quote after "." closes
    !matches!(s, "“" | "«" | "„" | "‘" | "‹" | "``") || s == "\"" || s == "'"
}

fn can_start(text: &str, t: &Token) -> bool {
    let s = t.span.slice(text);
    let c = s.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || t.kind == Kind::Quote
        || matches!(c, '(' | '[' | '•' | '-' | '—' | '–')
}

/// The period at `i` ends a title ("Mr."), an abbreviation ("e.g."), or an initial ("J.").
fn abbreviation_before(text: &str, tokens: &[Token], i: usize, lex: &Lexicon) -> bool {
    if i == 0 || tokens[i].lower != "." {
        return false;
    }
    let prev = &tokens[i - 1];
    if !prev.is_word() || !tokens[i].glued {
        return false;
    }
    let w = prev.span.slice(text);
    let lower = prev.lower.trim_end_matches('.');
    if lex.titles.contains(lower) {
        return true;
    }
    // a single capital letter is an initial, unless it is the pronoun "I"
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) && w != "I" {
        return true;
    }
    lex.abbreviations.contains(lower)
        && lower.len() <= 4
        && !matches!(
            lower,
            "no" | "est" | "co" | "art" | "sun" | "mar" | "sat" | "mon" | "wed"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokenize;

    fn split(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin().unwrap();
        let toks = tokenize(text);
        sentences(text, &toks, &lex)
            .iter()
            .map(|s| s.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_quotes() {
        assert_eq!(
            split(
                "Mr. Smith met Gen. J. Doe in the U.S. on Monday. “It went well,” he said. Then he left!"
            ),
            [
                "Mr. Smith met Gen. J. Doe in the U.S. on Monday.",
                "“It went well,” he said.",
                "Then he left!"
            ]
        );
        assert_eq!(
            split("“We are ready.” Stoltenberg said so."),
            ["“We are ready.”", "Stoltenberg said so."]
        );
    }

    #[test]
    fn bullets_and_paragraphs() {
        let lex = Lexicon::builtin().unwrap();
        let text = "He named three problems:\n• Guarantees of non-expansion;\n• Commitments not to deploy.\n\nNext paragraph here.";
        let toks = tokenize(text);
        let s = sentences(text, &toks, &lex);
        let got: Vec<&str> = s.iter().map(|x| x.span.slice(text)).collect();
        assert_eq!(
            got,
            [
                "He named three problems:",
                "Guarantees of non-expansion;",
                "Commitments not to deploy.",
                "Next paragraph here."
            ]
        );
        assert_eq!(
            s.iter()
                .map(|x| (x.paragraph, x.bullet))
                .collect::<Vec<_>>(),
            [(0, false), (0, true), (0, true), (1, false)]
        );
    }
}
