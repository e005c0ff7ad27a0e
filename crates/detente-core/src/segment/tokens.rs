//! The tokenizer: words (with "n't" and possessive "'s" split off, "U.S." kept whole),
//! numbers ("1,000", "3.5"), quotation marks, and single punctuation characters.

use super::{Kind, Token, is_alphanumeric};
use crate::span::Span;

/// Every character that can open or close a quotation.
pub const QUOTE_CHARS: &[char] = &[
    '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '‘', '’', '\'', '`', '‚',
];

/// The ASCII letters and digits (`u8::is_ascii_alphanumeric` as a table: one load instead of
/// three range tests, for every byte of every word).
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The character at byte `p` of `text` (a character boundary), `None` at the end; ASCII
/// (nearly every byte of news text) without decoding.
#[inline]
fn char_at(text: &str, p: usize) -> Option<char> {
    let b = *text.as_bytes().get(p)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        text[p..].chars().next()
    }
}

/// Tokenizes the whole text.
///
/// Walks the text by byte offsets (a character's successor is `len_utf8` bytes on), so that
/// no table of characters is built and ASCII runs are read a byte at a time. The character
/// before a position is needed only as 'n' or an ASCII digit, which its last byte tells.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut out: Vec<Token> = Vec::with_capacity(len / 5);
    let at = |p: usize| char_at(text, p);
    let mut p = 0;
    let mut glued = false;
    let mut newline = false;
    while p < len {
        let b = bytes[p];
        // ASCII spaces and newlines first: every token but one follows them
        if b == b' ' {
            glued = false;
            p += 1;
            continue;
        }
        let Some(c) = at(p) else { break };
        let cl = c.len_utf8();
        if c.is_whitespace() {
            glued = false;
            newline |= c == '\n';
            p += cl;
            continue;
        }
        let start = p;
        if is_alphanumeric(c) {
            // a run of letters/digits with internal apostrophes, and dotted abbreviations
            let mut ascii = true;
            let mut j = p;
            while j < len {
                // the ASCII letters and digits of the run, a table look-up each
                j += bytes[j..]
                    .iter()
                    .position(|&x| !ASCII_ALNUM[usize::from(x)])
                    .unwrap_or(len - j);
                let Some(&bj) = bytes.get(j) else { break };
                let Some(ch) = at(j) else { break };
                let jn = j + ch.len_utf8();
                if bj >= 0x80 && (is_alphanumeric(ch) || ch == '\u{ad}') {
                    ascii = false;
                    j = jn;
                } else if is_apostrophe(ch) && j > start && at(jn).is_some_and(char::is_alphabetic)
                {
                    // possessive 's and n't are split off below; O'Brien, Côte d'Ivoire stay whole
                    // (the two characters after the apostrophe, read in place)
                    let c1 = at(jn);
                    let clitic_end =
                        !at(jn + c1.map_or(0, char::len_utf8)).is_some_and(is_alphanumeric);
                    let s_poss = c1 == Some('s') && clitic_end;
                    let nt = bytes[j - 1] == b'n' && c1 == Some('t') && clitic_end;
                    if s_poss || nt {
                        break;
                    }
                    ascii &= bj < 0x80;
                    j = jn;
                } else if matches!(ch, '.' | ',')
                    && bytes[j - 1].is_ascii_digit()
                    && bytes.get(jn).is_some_and(u8::is_ascii_digit)
                {
                    j = jn; // 1,000 and 3.5
                } else {
                    break;
                }
            }
            // "n't": the n belongs to the clitic (an 'n' and a 't' are one byte each)
            if let Some(cj) = at(j)
                && is_apostrophe(cj)
                && j - 1 > start
                && bytes[j - 1] == b'n'
                && at(j + cj.len_utf8()) == Some('t')
            {
                let end = j + cj.len_utf8() + 1;
                if j - 1 > start {
                    push(
                        &mut out,
                        text,
                        start,
                        j - 1,
                        Kind::Word,
                        glued,
                        newline,
                        ascii,
                    );
                    glued = true;
                    newline = false;
                }
                push(
                    &mut out,
                    text,
                    j - 1,
                    end,
                    Kind::Word,
                    glued,
                    newline,
                    cj == '\'',
                );
                glued = true;
                p = end;
                continue;
            }
            // U.S. / U.K. / e.g.: single letters separated by periods
            if j == start + cl
                && bytes.get(j) == Some(&b'.')
                && let Some(c2) = at(j + 1).filter(|x| x.is_alphabetic())
                && bytes.get(j + 1 + c2.len_utf8()) == Some(&b'.')
            {
                let mut k = j;
                while bytes.get(k) == Some(&b'.')
                    && let Some(letter) = at(k + 1).filter(|x| x.is_alphabetic())
                    && !at(k + 1 + letter.len_utf8()).is_some_and(is_alphanumeric)
                {
                    ascii &= letter.is_ascii();
                    k += 1 + letter.len_utf8();
                }
                if bytes.get(k) == Some(&b'.') {
                    k += 1;
                }
                j = k;
            }
            let kind = if bytes[start..j]
                .iter()
                .all(|&x| x.is_ascii_digit() || matches!(x, b'.' | b','))
            {
                Kind::Number
            } else {
                Kind::Word
            };
            push(&mut out, text, start, j, kind, glued, newline, ascii);
            p = j;
        } else if is_apostrophe(c)
            && matches!(bytes.get(p + cl), Some(b's' | b'S'))
            && !at(p + cl + 1).is_some_and(is_alphanumeric)
            // glued to its word, or split off already by a tokenized source ("Iran 's
            // Foreign Ministry", Penn Treebank style): then a word before, a space after
            && (glued
                || out.last().is_some_and(|t| t.kind == Kind::Word)
                    && at(p + cl + 1).is_some_and(char::is_whitespace))
        {
            push(
                &mut out,
                text,
                p,
                p + cl + 1,
                Kind::Word,
                glued,
                newline,
                cl == 1,
            );
            p += cl + 1;
        } else if (c == '`' || c == '\'') && bytes.get(p + 1) == Some(&b) {
            push(&mut out, text, p, p + 2, Kind::Quote, glued, newline, true);
            p += 2;
        } else {
            let k = if QUOTE_CHARS.contains(&c) {
                Kind::Quote
            } else {
                Kind::Punct
            };
            push(&mut out, text, p, p + cl, k, glued, newline, cl == 1);
            p += cl;
        }
        glued = true;
        newline = false;
    }
    out
}

/// Adds the token `text[s..e]`; `ascii` says that it is all ASCII (the tokenizer knows).
#[allow(clippy::too_many_arguments)]
#[inline]
fn push(
    out: &mut Vec<Token>,
    text: &str,
    s: usize,
    e: usize,
    kind: Kind,
    glued: bool,
    newline: bool,
    ascii: bool,
) {
    let raw = &text[s..e];
    // no allocation for the usual token: a lowercase ASCII word is copied as it is, another
    // ASCII word of up to 23 bytes lowercased on the stack (both stored inline); longer or
    // non-ASCII ones (curly apostrophes made straight) go through a String
    let lower = if ascii && !raw.bytes().any(|b| b.is_ascii_uppercase()) {
        smol_str::SmolStr::new(raw)
    } else if ascii && raw.len() <= 23 {
        let mut buf = [0u8; 23];
        let b = &mut buf[..raw.len()];
        b.copy_from_slice(raw.as_bytes());
        b.make_ascii_lowercase();
        smol_str::SmolStr::new(std::str::from_utf8(b).unwrap_or(raw))
    } else if ascii {
        smol_str::SmolStr::from(raw.to_ascii_lowercase())
    } else {
        let l = raw.to_lowercase();
        smol_str::SmolStr::from(if l.contains('’') {
            l.replace('’', "'")
        } else {
            l
        })
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
    fn every_token_s_lowercase_form_is_its_text_lowercased() {
        // each way a lowercase form is made: a lowercase ASCII word as it is, a short one with
        // capitals on the stack, a long one (over 23 bytes), a non-ASCII one, a curly apostrophe
        let text = "said NATO Ntsikelelo-Abdurrahmanovichskiy ANTIDISESTABLISHMENTARIANISMS \
                    Côte d’Ivoire’s ÉLYSÉE";
        for t in tokenize(text) {
            let want = t.span.slice(text).to_lowercase().replace('’', "'");
            assert_eq!(t.lower.as_str(), want, "{:?}", t.span.slice(text));
        }
        let lowers: Vec<String> = tokenize("ANTIDISESTABLISHMENTARIANISMS")
            .iter()
            .map(|t| t.lower.to_string())
            .collect();
        assert_eq!(lowers, ["antidisestablishmentarianisms"]);
    }

    #[test]
    fn the_alphanumeric_table_is_ascii_alphanumeric() {
        for b in 0..=255u8 {
            assert_eq!(
                ASCII_ALNUM[usize::from(b)],
                b.is_ascii_alphanumeric(),
                "{b}"
            );
        }
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
