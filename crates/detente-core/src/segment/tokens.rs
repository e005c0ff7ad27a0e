//! The tokenizer: words (with "n't" and possessive "'s" split off, "U.S." kept whole),
//! numbers ("1,000", "3.5"), quotation marks, and single punctuation characters.

use super::{Kind, Token, is_alphanumeric};
use crate::span::Span;

/// Every character that can open or close a quotation.
pub const QUOTE_CHARS: &[char] = &[
    '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '‘', '’', '\'', '`', '‚',
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenizes the whole text.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    // sized exactly (counting is a fast pass over the bytes): one allocation, where collecting
    // from `char_indices` (which promises only len / 4) grows the vector several times
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.chars().count());
    chars.extend(text.char_indices());
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|x| x.1);
    let pos = |i: usize| chars.get(i).map_or(text.len(), |x| x.0);
    let mut i = 0;
    let mut glued = false;
    let mut newline = false;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            glued = false;
            newline |= c == '\n';
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if is_alphanumeric(c) {
            // a run of letters/digits with internal apostrophes, and dotted abbreviations
            let mut j = i;
            while j < n {
                let ch = chars[j].1;
                if is_alphanumeric(ch) || ch == '\u{ad}' {
                    j += 1;
                } else if is_apostrophe(ch) && at(j + 1).is_some_and(char::is_alphabetic) && j > i {
                    // possessive 's and n't are split off below; O'Brien, Côte d'Ivoire stay whole
                    // (the two characters after the apostrophe, read in place)
                    let clitic_end = !at(j + 2).is_some_and(is_alphanumeric);
                    let s_poss = at(j + 1) == Some('s') && clitic_end;
                    let nt = chars[j - 1].1 == 'n' && at(j + 1) == Some('t') && clitic_end;
                    if s_poss || nt {
                        break;
                    }
                    j += 1;
                } else if matches!(ch, '.' | ',')
                    && chars[j - 1].1.is_ascii_digit()
                    && at(j + 1).is_some_and(|x| x.is_ascii_digit())
                {
                    j += 1; // 1,000 and 3.5
                } else {
                    break;
                }
            }
            // "n't": the n belongs to the clitic
            if j < n
                && is_apostrophe(chars[j].1)
                && j > i + 1
                && chars[j - 1].1 == 'n'
                && at(j + 1) == Some('t')
            {
                if j - 1 > i {
                    push(
                        &mut out,
                        text,
                        pos(i),
                        pos(j - 1),
                        Kind::Word,
                        glued,
                        newline,
                    );
                    glued = true;
                    newline = false;
                }
                push(
                    &mut out,
                    text,
                    pos(j - 1),
                    pos(j + 2),
                    Kind::Word,
                    glued,
                    newline,
                );
                glued = true;
                i = j + 2;
                continue;
            }
            // U.S. / U.K. / e.g.: single letters separated by periods
            if j == i + 1
                && at(j) == Some('.')
                && at(j + 1).is_some_and(char::is_alphabetic)
                && at(j + 2) == Some('.')
            {
                let mut k = j;
                while at(k) == Some('.')
                    && at(k + 1).is_some_and(char::is_alphabetic)
                    && !at(k + 2).is_some_and(is_alphanumeric)
                {
                    k += 2;
                }
                if at(k) == Some('.') {
                    k += 1;
                }
                j = k;
            }
            kind = if chars[start..j]
                .iter()
                .all(|x| x.1.is_ascii_digit() || matches!(x.1, '.' | ','))
            {
                Kind::Number
            } else {
                Kind::Word
            };
            push(&mut out, text, pos(start), pos(j), kind, glued, newline);
            i = j;
        } else if is_apostrophe(c)
            && at(i + 1).is_some_and(|x| x == 's' || x == 'S')
            && !at(i + 2).is_some_and(is_alphanumeric)
            && glued
        {
            push(
                &mut out,
                text,
                pos(i),
                pos(i + 2),
                Kind::Word,
                glued,
                newline,
            );
            i += 2;
        } else if c == '`' && at(i + 1) == Some('`') || c == '\'' && at(i + 1) == Some('\'') {
            push(
                &mut out,
                text,
                pos(i),
                pos(i + 2),
                Kind::Quote,
                glued,
                newline,
            );
            i += 2;
        } else {
            let k = if QUOTE_CHARS.contains(&c) {
                Kind::Quote
            } else {
                Kind::Punct
            };
            push(&mut out, text, pos(i), pos(i + 1), k, glued, newline);
            i += 1;
        }
        glued = true;
        newline = false;
    }
    out
}

fn push(
    out: &mut Vec<Token>,
    text: &str,
    s: usize,
    e: usize,
    kind: Kind,
    glued: bool,
    newline: bool,
) {
    let raw = &text[s..e];
    // one allocation per token: most tokens are ASCII, and few hold a curly apostrophe
    let lower = if raw.is_ascii() {
        raw.to_ascii_lowercase()
    } else {
        let l = raw.to_lowercase();
        if l.contains('’') {
            l.replace('’', "'")
        } else {
            l
        }
    };
    out.push(Token {
        span: Span::new(s, e),
        kind,
        lower,
        glued,
        after_newline: newline,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn splits_possessives_and_keeps_abbreviations() {
        assert_eq!(words("NATO’s refusal"), ["NATO", "’s", "refusal"]);
        assert_eq!(
            words("the U.S. and the E.U."),
            ["the", "U.S.", "and", "the", "E.U."]
        );
        assert_eq!(
            words("would not; don't"),
            ["would", "not", ";", "do", "n't"]
        );
        assert_eq!(
            words("Russia-NATO relations"),
            ["Russia", "-", "NATO", "relations"]
        );
        assert_eq!(
            words("“at a low level,”"),
            ["“", "at", "a", "low", "level", ",", "”"]
        );
        assert_eq!(
            words("1,000 troops and 3.5 billion"),
            ["1,000", "troops", "and", "3.5", "billion"]
        );
        assert_eq!(words("Côte d'Ivoire"), ["Côte", "d'Ivoire"]);
    }
}
