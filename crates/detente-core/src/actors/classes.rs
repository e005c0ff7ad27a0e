//! Word classes of a document's tokens, worked out once for the whole actor stage: the passes
//! look at every token for a few words ("the", "this", the pronouns, "ethnic") and for
//! capitalised words, and each of them used to read the token's lowercase form and compare it
//! with its words. One pass over the tokens now gives each a few class bits (the event stage's
//! patterns do the same with theirs), and the passes test bits.
//!
//! A word is told from the listed words by one number: its lowercase form's length and bytes
//! packed into a `u64` (every listed word but "countries" has seven bytes at most), compared
//! with the listed words' numbers, with no string comparison.

use crate::segment::Token;

/// The class bits of a token.
pub(crate) mod class {
    /// A capitalised word ([`super::super::capitalized`]).
    pub const CAPITALIZED: u16 = 1;
    /// "the".
    pub const THE: u16 = 1 << 1;
    /// "this".
    pub const THIS: u16 = 1 << 2;
    /// "both".
    pub const BOTH: u16 = 1 << 3;
    /// The second word of a "the two sides" phrase: "two", "sides", "parties", "countries",
    /// "leaders".
    pub const PAIR_SECOND: u16 = 1 << 4;
    /// "he", "him", "his".
    pub const MASCULINE: u16 = 1 << 5;
    /// "she", "her", "hers".
    pub const FEMININE: u16 = 1 << 6;
    /// "they".
    pub const THEY: u16 = 1 << 7;
    /// "it".
    pub const IT: u16 = 1 << 8;
    /// "its".
    pub const ITS: u16 = 1 << 9;
    /// "ethnic".
    pub const ETHNIC: u16 = 1 << 10;
    /// A pronoun that [`crate::actors::coref`] resolves.
    pub const PRONOUN: u16 = MASCULINE | FEMININE | THEY | IT | ITS;
}

/// The bytes of a word of seven bytes at most packed into one number, the first byte lowest,
/// and its length in the highest byte: two such words are the same word exactly when their
/// numbers are equal.
const fn packed(w: &[u8]) -> u64 {
    let mut k = (w.len() as u64) << 56;
    let mut i = 0;
    while i < w.len() && i < 7 {
        k |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// The words [`word_class`] gives a class.
const WORDS: &[&[u8]] = &[
    b"the",
    b"this",
    b"both",
    b"two",
    b"sides",
    b"parties",
    b"countries",
    b"leaders",
    b"he",
    b"him",
    b"his",
    b"she",
    b"her",
    b"hers",
    b"they",
    b"it",
    b"its",
    b"ethnic",
];

/// For each byte, a bit for each length (15 and more share the last) of the [`WORDS`] that
/// begin with it, in either case.
const SHAPES: [u16; 256] = {
    let mut shapes = [0u16; 256];
    let mut i = 0;
    while i < WORDS.len() {
        let w = WORDS[i];
        let bit = 1 << if w.len() < 15 { w.len() } else { 15 };
        shapes[w[0] as usize] |= bit;
        shapes[w[0].to_ascii_uppercase() as usize] |= bit;
        i += 1;
    }
    shapes
};

/// The class bits of the word `w`, a token's span of the text (no [`class::CAPITALIZED`]).
///
/// Its bytes are lowercased by setting each one's `0x20` bit: that maps the ASCII letters of
/// either case to the lowercase ones and every other byte to a byte that is no letter, so a
/// span is one of the listed words (all of ASCII letters) exactly when its bytes, so
/// lowercased, are the word's. And a span is one of them exactly when the token's lowercase
/// form is: no character but the ASCII letters lowercases to an ASCII letter other than "k"
/// (the test `only_ascii_letters_lowercase_to_ascii_letters_but_k` checks every character),
/// and none of the words has a "k".
fn word_class(w: &[u8]) -> u16 {
    const THE: u64 = key(b"the");
    const THIS: u64 = key(b"this");
    const BOTH: u64 = key(b"both");
    const TWO: u64 = key(b"two");
    const SIDES: u64 = key(b"sides");
    const PARTIES: u64 = key(b"parties");
    const LEADERS: u64 = key(b"leaders");
    const HE: u64 = key(b"he");
    const HIM: u64 = key(b"him");
    const HIS: u64 = key(b"his");
    const SHE: u64 = key(b"she");
    const HER: u64 = key(b"her");
    const HERS: u64 = key(b"hers");
    const THEY: u64 = key(b"they");
    const IT: u64 = key(b"it");
    const ITS: u64 = key(b"its");
    const ETHNIC: u64 = key(b"ethnic");
    match w.len() {
        2..=7 => match key(w) {
            THE => class::THE,
            THIS => class::THIS,
            BOTH => class::BOTH,
            TWO | SIDES | PARTIES | LEADERS => class::PAIR_SECOND,
            HE | HIM | HIS => class::MASCULINE,
            SHE | HER | HERS => class::FEMININE,
            THEY => class::THEY,
            IT => class::IT,
            ITS => class::ITS,
            ETHNIC => class::ETHNIC,
            _ => 0,
        },
        9 if w.eq_ignore_ascii_case(b"countries") => class::PAIR_SECOND,
        _ => 0,
    }
}

/// A word of seven bytes at most [`packed`], with the `0x20` bit of each of the seven bytes
/// set: an ASCII capital becomes its lowercase letter (and a byte past the word's end, zero,
/// a space in every word's key alike).
const fn key(w: &[u8]) -> u64 {
    packed(w) | 0x0020_2020_2020_2020
}

/// The class bits of each token of a document.
#[derive(Debug, Default)]
pub(crate) struct Classes {
    bits: Vec<u16>,
}

impl Classes {
    /// Classifies the tokens of `text`.
    pub fn new(text: &str, toks: &[Token]) -> Classes {
        let bytes = text.as_bytes();
        let bits = toks
            .iter()
            .map(|t| {
                let (start, end) = (t.span.start, t.span.end);
                // (an empty span or one past the text is no word: the slow path says so)
                let Some(w) = bytes.get(start..end).filter(|w| !w.is_empty()) else {
                    return if super::capitalized(text, t) {
                        class::CAPITALIZED
                    } else {
                        0
                    };
                };
                let first = w[0];
                // an ASCII first byte answers `capitalized` (the rest is its slow path)
                let cap = if t.kind != crate::segment::Kind::Word {
                    false
                } else if first.is_ascii() {
                    first.is_ascii_uppercase()
                } else {
                    t.is_capitalized(text)
                };
                // (most words are told apart from every listed word by their first byte and
                // length alone)
                let listed = if SHAPES[usize::from(first)] >> w.len().min(15) & 1 != 0 {
                    word_class(w)
                } else {
                    0
                };
                (u16::from(cap) * class::CAPITALIZED) | listed
            })
            .collect();
        Classes { bits }
    }

    /// The class bits of token `t` (none past the last token).
    #[inline]
    pub fn of(&self, t: usize) -> u16 {
        self.bits.get(t).copied().unwrap_or(0)
    }

    /// The tokens of `[first, last)` that have one of the classes `mask`, in order: a scan of
    /// the bits alone, for the passes that look only at a few words ("the", "ethnic").
    #[inline]
    pub fn tokens_in(&self, first: usize, last: usize, mask: u16) -> impl Iterator<Item = usize> {
        let last = last.min(self.bits.len());
        let mut from = first.min(last);
        std::iter::from_fn(move || {
            let t = self.next_in(from, last, mask)?;
            from = t + 1;
            Some(t)
        })
    }

    /// The first token of `[from, last)` (`last` at most the number of tokens) that has one
    /// of the classes `mask`.
    fn next_in(&self, from: usize, last: usize, mask: u16) -> Option<usize> {
        let bits = &self.bits[from..last];
        // four tokens' bits at a time (most tokens have none of the few classes asked for)
        let wide = u64::from(mask) * 0x0001_0001_0001_0001;
        let mut quads = bits.chunks_exact(4);
        let mut at = from;
        for q in &mut quads {
            let four = u64::from(q[0])
                | u64::from(q[1]) << 16
                | u64::from(q[2]) << 32
                | u64::from(q[3]) << 48;
            if four & wide != 0 {
                let k = q.iter().position(|&b| b & mask != 0).unwrap_or(0);
                return Some(at + k);
            }
            at += 4;
        }
        let k = quads.remainder().iter().position(|&b| b & mask != 0)?;
        Some(at + k)
    }

    /// Whether token `t` has one of the classes `mask`.
    #[inline]
    pub fn is(&self, t: usize, mask: u16) -> bool {
        self.of(t) & mask != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_get_their_classes_and_no_other_word_does() {
        for (w, c) in [
            ("the", class::THE),
            ("this", class::THIS),
            ("both", class::BOTH),
            ("two", class::PAIR_SECOND),
            ("sides", class::PAIR_SECOND),
            ("parties", class::PAIR_SECOND),
            ("countries", class::PAIR_SECOND),
            ("leaders", class::PAIR_SECOND),
            ("he", class::MASCULINE),
            ("him", class::MASCULINE),
            ("his", class::MASCULINE),
            ("she", class::FEMININE),
            ("her", class::FEMININE),
            ("hers", class::FEMININE),
            ("they", class::THEY),
            ("it", class::IT),
            ("its", class::ITS),
            ("ethnic", class::ETHNIC),
        ] {
            assert_eq!(word_class(w.as_bytes()), c, "{w}");
            assert!(WORDS.contains(&w.as_bytes()), "{w}");
            let upper = w.to_uppercase();
            assert_eq!(word_class(upper.as_bytes()), c, "{upper}");
        }
        for w in [
            "",
            "t",
            "th",
            "thee",
            "then",
            "there",
            "i",
            "its'",
            "h",
            "hi",
            "sh",
            "countrie",
            "countriess",
            "country",
            "ethnics",
            "leader",
            "the\0",
            "\0the",
            "bothe",
            "sidess",
        ] {
            assert_eq!(word_class(w.as_bytes()), 0, "{w:?}");
        }
    }

    #[test]
    fn only_ascii_letters_lowercase_to_ascii_letters_but_k() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next())
                && l.is_ascii_lowercase()
                && l != 'k'
            {
                assert!(c.is_ascii(), "{c:?} lowercases to {l:?}");
            }
        }
        // (which [`word_class`] needs of its words)
        assert!(WORDS.iter().all(|w| !w.contains(&b'k')));
    }

    #[test]
    fn every_word_has_a_class_and_its_shape() {
        for w in WORDS {
            assert_ne!(word_class(w), 0, "{w:?}");
            assert_ne!(SHAPES[usize::from(w[0])] >> w.len().min(15) & 1, 0, "{w:?}");
        }
    }

    #[test]
    fn tokens_in_finds_what_a_scan_finds() {
        let mut seed = 3usize;
        for n in 0..40 {
            let bits: Vec<u16> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    1 << (seed >> 61)
                })
                .collect();
            let c = Classes { bits: bits.clone() };
            for mask in [1u16, 2, 4, 6, 0x80, 0] {
                for first in 0..=n + 1 {
                    for last in 0..=n + 2 {
                        let want: Vec<usize> = (first..last.min(n))
                            .filter(|&t| bits[t] & mask != 0)
                            .collect();
                        let got: Vec<usize> = c.tokens_in(first, last, mask).collect();
                        assert_eq!(got, want, "{n} {mask} {first} {last}");
                    }
                }
            }
        }
    }

    #[test]
    fn capitalised_words_are_marked() {
        let lex = crate::lexicon::Lexicon::builtin().unwrap();
        let text = "The talks: Ethnic groups met ÉLise and his aides.";
        let seg = crate::segment::segment(text, &lex);
        let c = Classes::new(text, &seg.tokens);
        for (k, t) in seg.tokens.iter().enumerate() {
            assert_eq!(
                c.is(k, class::CAPITALIZED),
                super::super::capitalized(text, t),
                "{k}"
            );
        }
        assert!(c.is(0, class::THE) && c.is(0, class::CAPITALIZED));
        assert_eq!(c.of(seg.tokens.len()), 0);
    }
}
