//! The tokenizer: words (with "n't" and possessive "'s" split off, "U.S." kept whole),
//! numbers ("1,000", "3.5"), quotation marks, and single punctuation characters.

use super::{Kind, Token, is_alphanumeric};
use crate::span::Span;

/// Every character that can open or close a quotation.
pub const QUOTE_CHARS: &[char] = &[
    '"', '“', '”', '„', '‟', '«', '»', '‹', '›', '‘', '’', '\'', '`', '‚',
];

/// [`ASCII_CLASS`]: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`ASCII_CLASS`]: an ASCII capital letter.
const UPPER: u8 = 2;
/// [`ASCII_CLASS`]: an ASCII letter.
const LETTER: u8 = 4;
/// [`ASCII_CLASS`]: an ASCII character that is a punctuation token by itself: no letter or
/// digit, no space (`char::is_whitespace`), no apostrophe or quotation mark ([`QUOTE_CHARS`]).
const PUNCT: u8 = 8;
/// [`ASCII_CLASS`]: a byte after a run of ASCII letters and digits that may not end the token
/// ([`plain_ascii_word`]): an apostrophe, '.', ',' or a byte of a non-ASCII character.
const GLUE: u8 = 16;

/// The class of each byte as a table ([`ALNUM`], [`UPPER`], [`LETTER`]):
/// `u8::is_ascii_alphanumeric`, `is_ascii_uppercase` and `is_ascii_alphabetic` in one load
/// instead of several range tests, for every byte of every word. The scan of a word gathers
/// its bytes' classes, so that whether it has a capital (whether its lowercase form is a copy)
/// and whether it is a number are known without reading it again.
const ASCII_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = ALNUM;
        }
        if (b as u8).is_ascii_uppercase() {
            t[b] |= UPPER;
        }
        if (b as u8).is_ascii_alphabetic() {
            t[b] |= LETTER;
        }
        if b < 0x80
            && !(b as u8).is_ascii_alphanumeric()
            && !matches!(
                b as u8,
                b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'\'' | b'`' | b'"'
            )
        {
            t[b] |= PUNCT;
        }
        if b >= 0x80 || matches!(b as u8, b'\'' | b'.' | b',') {
            t[b] |= GLUE;
        }
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
    tokenize_with_stops(text).0
}

/// [`tokenize`], and the indexes of the tokens that [`super::sentences`] stops at: those after
/// a newline and the full stops, '!', '?' and '…' ([`super::sentences::is_stop`]), in order.
/// The tokenizer knows them as it pushes them; the sentence splitter then need not read every
/// token again to find them.
pub(super) fn tokenize_with_stops(text: &str) -> (Vec<Token>, Vec<usize>) {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut out: Vec<Token> = Vec::with_capacity(len / 5);
    let mut stops: Vec<usize> = Vec::with_capacity(len / 64 + 4);
    // the text with its ASCII capitals lowercased, in one pass: an ASCII word's lowercase
    // form is then its span of this copy, not lowercased and checked as UTF-8 word by word
    let lowered = text.to_ascii_lowercase();
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
        let class = ASCII_CLASS[usize::from(b)];
        // an ASCII word or number that the byte after its letters and digits ends (nearly every
        // token of news text): taken at once, without the general scan below
        if class & ALNUM != 0
            && let Some((end, letter)) = plain_ascii_word(bytes, p)
        {
            let kind = if letter { Kind::Word } else { Kind::Number };
            if newline {
                stops.push(out.len());
            }
            push_ascii(&mut out, &lowered, p, end, kind, glued, newline);
            newline = false;
            // most words are followed by one space: passed over here, not by another turn
            if bytes.get(end) == Some(&b' ') {
                p = end + 1;
                glued = false;
            } else {
                p = end;
                glued = true;
            }
            continue;
        }
        // an ASCII punctuation character (a comma, a full stop): a token by itself, as the
        // general scan below would make it, and the space after it passed over likewise
        if class & PUNCT != 0 {
            if newline || matches!(b, b'.' | b'!' | b'?') {
                stops.push(out.len());
            }
            push_ascii(&mut out, &lowered, p, p + 1, Kind::Punct, glued, newline);
            newline = false;
            if bytes.get(p + 1) == Some(&b' ') {
                p += 2;
                glued = false;
            } else {
                p += 1;
                glued = true;
            }
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
        // (every turn from here on pushes a token, the first one with `newline`; '…' is one
        // by itself, a punctuation token)
        if newline || c == '…' {
            stops.push(out.len());
        }
        let start = p;
        if is_alphanumeric(c) {
            // a run of letters/digits with internal apostrophes, and dotted abbreviations
            let mut ascii = true;
            // the classes of the ASCII letters and digits of the word ([`UPPER`]: a capital)
            let mut class = 0;
            let mut j = p;
            while j < len {
                // the ASCII letters and digits of the run, a table look-up each
                let (end, c) = alnum_run(bytes, j);
                j = end;
                class |= c;
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
                        &lowered,
                        start,
                        j - 1,
                        Kind::Word,
                        glued,
                        newline,
                        Case::of_word(ascii, class),
                    );
                    glued = true;
                    newline = false;
                }
                push(
                    &mut out,
                    text,
                    &lowered,
                    j - 1,
                    end,
                    Kind::Word,
                    glued,
                    newline,
                    Case::of(&text[j - 1..end]),
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
                    class |= ASCII_CLASS[usize::from(bytes[k + 1])];
                    k += 1 + letter.len_utf8();
                }
                if bytes.get(k) == Some(&b'.') {
                    k += 1;
                }
                j = k;
            }
            // all digits, '.' and ',': ASCII without a letter (a word's other characters, its
            // apostrophes and non-ASCII letters, come with a letter or make it non-ASCII)
            let kind = if ascii && class & LETTER == 0 {
                Kind::Number
            } else {
                Kind::Word
            };
            push(
                &mut out,
                text,
                &lowered,
                start,
                j,
                kind,
                glued,
                newline,
                Case::of_word(ascii, class),
            );
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
                &lowered,
                p,
                p + cl + 1,
                Kind::Word,
                glued,
                newline,
                Case::of(&text[p..p + cl + 1]),
            );
            p += cl + 1;
        } else if (c == '`' || c == '\'') && bytes.get(p + 1) == Some(&b) {
            push(
                &mut out,
                text,
                &lowered,
                p,
                p + 2,
                Kind::Quote,
                glued,
                newline,
                Case::Lower,
            );
            p += 2;
        } else {
            let k = if QUOTE_CHARS.contains(&c) {
                Kind::Quote
            } else {
                Kind::Punct
            };
            // not a letter or digit: no capital
            if cl == 1 {
                push_ascii(&mut out, &lowered, p, p + 1, k, glued, newline);
            } else {
                push(
                    &mut out,
                    text,
                    &lowered,
                    p,
                    p + cl,
                    k,
                    glued,
                    newline,
                    Case::Unicode,
                );
            }
            p += cl;
        }
        glued = true;
        newline = false;
    }
    debug_assert!(stops.iter().all(|&i| super::sentences::is_stop(&out[i])));
    (out, stops)
}

/// The end of the token at `p` and whether it holds a letter, when it is a run of ASCII
/// letters and digits that the general scan of [`tokenize`] would end at the first byte after
/// the run: that byte is the text's end or ASCII, and neither an apostrophe (a clitic,
/// "O'Brien"), nor a '.' or ',' between two digits ("3.5", "1,000"), nor the '.' after a
/// single letter (which may open initials: "U.S."). `None` for any other token, which the
/// general scan reads.
#[inline]
fn plain_ascii_word(bytes: &[u8], p: usize) -> Option<(usize, bool)> {
    let (j, letter) = alnum_run_by_eight(bytes, p);
    if j == p {
        return None;
    }
    let ends = match bytes.get(j) {
        None => true,
        // (nearly every word: a space or a punctuation character after it, one look-up)
        Some(&x) if ASCII_CLASS[usize::from(x)] & GLUE == 0 => true,
        Some(&x) if x >= 0x80 => false,
        Some(b'\'') => false,
        Some(b'.') if j == p + 1 => false,
        Some(b'.' | b',') => {
            !(bytes[j - 1].is_ascii_digit() && bytes.get(j + 1).is_some_and(u8::is_ascii_digit))
        }
        Some(_) => true,
    };
    ends.then_some((j, letter))
}

/// [`alnum_run`] for the fast path, which needs to know only whether the run holds a letter:
/// eight bytes at a time while eight remain, each lane tested by arithmetic on one `u64`
/// (some 25 instructions for a usual word, against 9 a byte), then a byte at a time.
#[inline]
fn alnum_run_by_eight(bytes: &[u8], mut j: usize) -> (usize, bool) {
    use crate::swar::{TOPS, digit_lanes, letter_lanes};
    let mut letter = 0;
    // (the eight bytes loaded here, not by `swar::eight_at`: its padding of the text's last
    // bytes, never needed in this loop, cost some 5 M instructions on 1,500 documents)
    while let Some(eight) = bytes.get(j..j + 8) {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(eight).unwrap_or_default());
        let letters = letter_lanes(x);
        let others = !(letters | digit_lanes(x)) & TOPS;
        if others != 0 {
            // the lanes before the first byte that is no letter or digit
            let n = others.trailing_zeros() / 8;
            letter |= letters & ((1u64 << (8 * n)) - 1);
            return (j + n as usize, letter != 0);
        }
        letter |= letters;
        j += 8;
    }
    let (end, class) = alnum_run(bytes, j);
    (end, letter != 0 || class & LETTER != 0)
}

/// The end of the run of ASCII letters and digits from `j` on and their classes
/// ([`ASCII_CLASS`], or-ed), a table look-up each; `(j, 0)` when there is none.
#[inline]
fn alnum_run(bytes: &[u8], mut j: usize) -> (usize, u8) {
    let mut class = 0;
    while let Some(&x) = bytes.get(j) {
        let c = ASCII_CLASS[usize::from(x)];
        if c & ALNUM == 0 {
            break;
        }
        class |= c;
        j += 1;
    }
    (j, class)
}

/// How a token's lowercase form is made, as the tokenizer knows from its scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// ASCII without a capital: the token's own text.
    Lower,
    /// ASCII with a capital: its span of the text lowercased once for all tokens.
    Ascii,
    /// Not all ASCII: Unicode lowercase, curly apostrophes made straight.
    Unicode,
}

impl Case {
    /// The case of a word whose scan found its ASCII letters' and digits' classes `class`
    /// ([`ASCII_CLASS`], or-ed together) and whether it is all ASCII.
    fn of_word(ascii: bool, class: u8) -> Case {
        if !ascii {
            Case::Unicode
        } else if class & UPPER != 0 {
            Case::Ascii
        } else {
            Case::Lower
        }
    }

    /// The case of a short token read as it is (a clitic, a possessive "'s").
    fn of(raw: &str) -> Case {
        if !raw.is_ascii() {
            Case::Unicode
        } else if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            Case::Ascii
        } else {
            Case::Lower
        }
    }
}

/// Adds the token `text[s..e]`, whose case the tokenizer knows; `lowered` is the text with its
/// ASCII capitals lowercased (the same byte offsets).
#[allow(clippy::too_many_arguments)]
#[inline]
fn push(
    out: &mut Vec<Token>,
    text: &str,
    lowered: &str,
    s: usize,
    e: usize,
    kind: Kind,
    glued: bool,
    newline: bool,
    case: Case,
) {
    let raw = &text[s..e];
    // no allocation for the usual token: a lowercase ASCII word is copied as it is, another
    // ASCII word as its span of the lowered text (both stored inline up to 23 bytes); non-ASCII
    // ones (curly apostrophes made straight) go through a String
    let lower = match case {
        Case::Lower => inline_by_length(raw),
        Case::Ascii => inline_by_length(&lowered[s..e]),
        Case::Unicode => lower_without_letters_beyond_ascii(raw).unwrap_or_else(|| {
            let l = raw.to_lowercase();
            smol_str::SmolStr::from(if l.contains('’') {
                l.replace('’', "'")
            } else {
                l
            })
        }),
    };
    out.push(Token {
        span: Span::new(s, e),
        kind,
        lower,
        glued,
        after_newline: newline,
    });
}

/// The lowercase form (curly apostrophes made straight) of a token whose characters are ASCII
/// or of the general punctuation block (U+2000 to U+206F: curly quotation marks and
/// apostrophes, dashes, none with a lowercase form other than itself), made on the stack:
/// "’s", "n’t" and curly quotation marks are most of the tokens that are not all ASCII, and
/// `to_lowercase` and `replace` each allocate a `String` for them. `None` for another token.
fn lower_without_letters_beyond_ascii(raw: &str) -> Option<smol_str::SmolStr> {
    let mut buf = [0u8; 23];
    let mut n = 0;
    for c in raw.chars() {
        let c = match c {
            '’' => '\'',
            '\0'..='\x7f' => c.to_ascii_lowercase(),
            '\u{2000}'..='\u{206f}' => c,
            _ => return None,
        };
        let out = buf.get_mut(n..n + c.len_utf8())?;
        c.encode_utf8(out);
        n += c.len_utf8();
    }
    std::str::from_utf8(&buf[..n])
        .ok()
        .map(smol_str::SmolStr::new)
}

/// [`push`] for an all-ASCII token, inlined in the tokenizer's loop: its lowercase form is its
/// span of `lowered` (the text with its ASCII capitals lowercased, the same byte offsets).
#[inline(always)]
fn push_ascii(
    out: &mut Vec<Token>,
    lowered: &str,
    s: usize,
    e: usize,
    kind: Kind,
    glued: bool,
    newline: bool,
) {
    // (the other tokens pushed by a call of their own: a push shared by both ways would take
    // the form from memory, and the token would be moved through the stack)
    let lower = lowered.as_bytes().get(s..s + 16).filter(|_| e - s <= 16);
    let Some(lower) = lower.and_then(|sixteen| inline_from_sixteen(sixteen, e - s)) else {
        return push_ascii_long(out, lowered, s, e, kind, glued, newline);
    };
    out.push(Token {
        span: Span::new(s, e),
        kind,
        lower,
        glued,
        after_newline: newline,
    });
}

/// [`push_ascii`] for a token longer than 16 bytes or one of the text's last 16 bytes (or one
/// that is not ASCII, which the tokenizer does not give it).
#[cold]
#[inline(never)]
fn push_ascii_long(
    out: &mut Vec<Token>,
    lowered: &str,
    s: usize,
    e: usize,
    kind: Kind,
    glued: bool,
    newline: bool,
) {
    out.push(Token {
        span: Span::new(s, e),
        kind,
        lower: inline_by_length(&lowered[s..e]),
        glued,
        after_newline: newline,
    });
}

/// The layout of an inline `SmolStr` that [`inline_from_sixteen`] writes, checked when the
/// crate is compiled: 24 bytes, the length in the first, the string's bytes from the second
/// on, zeros after them.
const _: () = {
    assert!(std::mem::size_of::<smol_str::SmolStr>() == 24);
    let mut n = 0;
    while n <= 16 {
        let text = "abcdefghijklmnop".split_at(n).0;
        // SAFETY: an inline SmolStr's 24 bytes are all initialised (its length and its buffer,
        // no padding); reading them as bytes is what this check is for
        let bytes: [u8; 24] = unsafe { std::mem::transmute(smol_str::SmolStr::new_inline(text)) };
        assert!(bytes[0] as usize == n);
        let mut i = 1;
        while i < 24 {
            assert!(bytes[i] == if i <= n { text.as_bytes()[i - 1] } else { 0 });
            i += 1;
        }
        n += 1;
    }
};

/// `SmolStr::new_inline` of the first `len` (at most 16) bytes of `sixteen` (`None` unless
/// they are ASCII), without a
/// branch on the length: the bytes are masked to the length and the string's 24 bytes written
/// as three words. A branch (or a jump table) on the length of each word is mispredicted for
/// most tokens, and a copy of a length known only at run time goes through the stack in
/// pieces that the move of the token into the vector reads back whole (a stall of the store
/// buffer).
#[inline(always)]
fn inline_from_sixteen(sixteen: &[u8], len: usize) -> Option<smol_str::SmolStr> {
    // the lanes of the first `n` bytes of sixteen, as two words: one load, no shift by `n`
    const MASKS: [[u64; 2]; 17] = {
        let mut t = [[0u64; 2]; 17];
        let mut n = 1;
        while n <= 16 {
            let m = u128::MAX >> (128 - 8 * n);
            t[n] = [m as u64, (m >> 64) as u64];
            n += 1;
        }
        t
    };
    let len = len.min(16);
    let [lo_mask, hi_mask] = MASKS[len];
    let eight = |k: usize| {
        let b = sixteen.get(k..k + 8).unwrap_or_default();
        u64::from_le_bytes(<[u8; 8]>::try_from(b).unwrap_or_default())
    };
    let (lo, hi) = (eight(0) & lo_mask, eight(8) & hi_mask);
    // ASCII (hence UTF-8), as the callers give it: anything else is left to them
    if (lo | hi) & crate::swar::TOPS != 0 {
        return None;
    }
    let words = [
        (len as u64 | lo << 8).to_le(),
        (lo >> 56 | hi << 8).to_le(),
        (hi >> 56).to_le(),
    ];
    // SAFETY: these are the bytes `SmolStr::new_inline(&sixteen[..len])` writes, in the layout
    // checked above when the crate is compiled: the length (at most 16, below the inline
    // capacity of 23), then the string's bytes (ASCII, tested above: UTF-8), then zeros
    Some(unsafe { std::mem::transmute::<[u64; 3], smol_str::SmolStr>(words) })
}

/// `SmolStr::new` of a token, with its length a constant in each arm up to 16 bytes: the
/// copy into the inline buffer is then a few moves, where a length known only at run time
/// makes it a call to `memcpy` (some 30 instructions for the usual word, once a token).
fn inline_by_length(l: &str) -> smol_str::SmolStr {
    macro_rules! by_length {
        ($($n:literal)*) => {
            match l.len() {
                $($n => smol_str::SmolStr::new_inline(&l[..$n]),)*
                _ => smol_str::SmolStr::new(l),
            }
        };
    }
    by_length!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
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
    fn the_form_from_sixteen_bytes_is_smol_str_new() {
        let mut next = crate::xorshift(0x5851_f42d_4c95_7f2d);
        for _ in 0..20_000 {
            let sixteen: Vec<u8> = (0..16).map(|_| (next() % 0x7f) as u8).collect();
            for len in 1..=16 {
                let want = std::str::from_utf8(&sixteen[..len]).unwrap();
                let got = inline_from_sixteen(&sixteen, len).unwrap();
                assert_eq!(got.as_str(), want);
                assert_eq!(got, smol_str::SmolStr::new(want));
                assert!(!got.is_heap_allocated());
            }
        }
    }

    /// The general punctuation block has no lowercase form but itself, and the form made on the
    /// stack is the library's lowercase form with curly apostrophes made straight.
    #[test]
    fn the_form_of_punctuation_and_ascii_is_the_lowercase_form() {
        for c in '\u{2000}'..='\u{206f}' {
            assert_eq!(c.to_lowercase().to_string(), c.to_string(), "{c:?}");
        }
        let alphabet = [
            'a', 'Z', '0', '.', '’', '“', '”', '—', '\u{2000}', '\u{206f}', 'é', 'Σ', '\'',
        ];
        let mut next = crate::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let raw: String = (0..next() % 12)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            let want = raw.to_lowercase().replace('’', "'");
            if let Some(l) = lower_without_letters_beyond_ascii(&raw) {
                assert_eq!(l.as_str(), want, "{raw:?}");
            } else {
                assert!(
                    want.len() > 23
                        || raw
                            .chars()
                            .any(|c| !c.is_ascii() && !('\u{2000}'..='\u{206f}').contains(&c)),
                    "{raw:?}"
                );
            }
        }
    }

    #[test]
    fn the_run_by_eight_is_the_run_a_byte_at_a_time() {
        let alphabet = b"aZz0 9A@[`{/:.\xc3\xa9\x80\xff\n-";
        let mut next = crate::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let bytes: Vec<u8> = (0..next() % 40)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            for j in 0..=bytes.len() {
                let (end, class) = alnum_run(&bytes, j);
                assert_eq!(
                    alnum_run_by_eight(&bytes, j),
                    (end, class & LETTER != 0),
                    "{bytes:?} at {j}"
                );
            }
        }
    }

    #[test]
    fn the_class_table_is_the_ascii_tests() {
        for b in 0..=255u8 {
            let c = ASCII_CLASS[usize::from(b)];
            assert_eq!(c & ALNUM != 0, b.is_ascii_alphanumeric(), "{b}");
            assert_eq!(c & UPPER != 0, b.is_ascii_uppercase(), "{b}");
            assert_eq!(c & LETTER != 0, b.is_ascii_alphabetic(), "{b}");
            let punct = b.is_ascii()
                && !b.is_ascii_alphanumeric()
                && !char::from(b).is_whitespace()
                && !QUOTE_CHARS.contains(&char::from(b));
            assert_eq!(c & PUNCT != 0, punct, "{b}");
            assert_eq!(
                c & GLUE != 0,
                !b.is_ascii() || matches!(b, b'\'' | b'.' | b','),
                "{b}"
            );
        }
    }

    /// The case and kind the scan gathers, against the simple way (lowercasing each token's
    /// text; a number is all digits, '.' and ',') on random texts of the characters that
    /// make the tokenizer branch.
    #[test]
    fn lowercase_forms_and_numbers_agree_with_the_simple_way_on_random_texts() {
        let alphabet = [
            'a', 'n', 't', 's', 'S', 'N', 'T', 'Z', 'x', '0', '7', '.', ',', '\'', '’', ' ', '\n',
            '-', '"', '“', '`', 'É', 'é', 'ß', 'İ', '\u{ad}', '北', '٣', '!',
        ];
        let mut next = crate::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let len = next() % 24;
            let text: String = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            let tokens = tokenize(&text);
            for (i, t) in tokens.iter().enumerate() {
                let raw = t.span.slice(&text);
                let want = raw.to_lowercase().replace('’', "'");
                assert_eq!(t.lower.as_str(), want, "{raw:?} in {text:?}");
                // a run of letters and digits is a number when it is all digits, '.' and ','
                // (the part before a clitic "n't" is always a word)
                let number = raw
                    .bytes()
                    .all(|x| x.is_ascii_digit() || matches!(x, b'.' | b','));
                let before_clitic = tokens
                    .get(i + 1)
                    .is_some_and(|n| n.glued && n.lower == "n't");
                if raw.chars().next().is_some_and(is_alphanumeric) && !before_clitic {
                    assert_eq!(t.kind == Kind::Number, number, "{raw:?} in {text:?}");
                }
            }
        }
    }

    /// The stops the tokenizer lists are the tokens [`super::super::sentences::is_stop`] takes.
    #[test]
    fn the_listed_stops_are_the_stop_tokens() {
        let alphabet = [
            'a', 'n', 't', 's', 'S', 'T', '0', '7', '.', ',', '!', '?', '…', '\'', '’', ' ', '\n',
            '\n', '-', '"', '“', '`', 'É', '北', ':', '\t', '\r',
        ];
        let mut next = crate::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let text: String = (0..next() % 30)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            let (tokens, stops) = tokenize_with_stops(&text);
            let want: Vec<usize> = (0..tokens.len())
                .filter(|&i| super::super::sentences::is_stop(&tokens[i]))
                .collect();
            assert_eq!(stops, want, "{text:?}");
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
