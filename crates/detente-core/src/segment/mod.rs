//! Stage 2, segment: tokens and sentences over the clean text. Tokens keep their byte spans;
//! sentences are token ranges. Robust to abbreviations ("U.S.", "Mr."), initials ("J. Smith"),
//! quotes after the full stop, bullets, and paragraph breaks.

mod sentences;
mod tokens;

pub use sentences::sentences;
pub use tokens::tokenize;

use crate::span::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    /// A quotation mark of any style.
    Quote,
    Punct,
}

/// `char::is_alphanumeric`, answered without the Unicode tables for the characters news text
/// is mostly made of: ASCII, the general punctuation block (curly quotes, dashes: no letters)
/// and the CJK ideographs and Hangul syllables (all letters). The tables' binary search costs
/// a few hundred instructions, for every curly apostrophe of an English text.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{2000}'..='\u{206f}' => false,
        '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// One token: a span of the text, its kind, and its lowercase form.
#[derive(Clone, Debug)]
pub struct Token {
    pub span: Span,
    pub kind: Kind,
    pub lower: smol_str::SmolStr,
    /// No whitespace between this token and the previous one.
    pub glued: bool,
    /// A newline lies between this token and the previous one.
    pub after_newline: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    /// Starts with an uppercase letter.
    #[inline]
    pub fn is_capitalized(&self, text: &str) -> bool {
        if self.kind != Kind::Word {
            return false;
        }
        let s = self.span.slice(text);
        // an ASCII first byte is the first character: no decoding, no Unicode table
        match s.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => s.chars().next().is_some_and(char::is_uppercase),
        }
    }
}

/// A sentence: its trimmed span and its token range `[first, last)` into the document tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub first: usize,
    pub last: usize,
    /// Index of the paragraph (block separated by a blank line) it belongs to.
    pub paragraph: usize,
    /// The sentence is an item of a bulleted or numbered list.
    pub bullet: bool,
}

/// Tokens and sentences of one text.
#[derive(Debug, Default)]
pub struct Segmentation {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Segments `text`.
pub fn segment(text: &str, lex: &crate::lexicon::Lexicon) -> Segmentation {
    let (tokens, stops) = tokens::tokenize_with_stops(text);
    let sentences = sentences::sentences_at(text, &tokens, &stops, lex);
    Segmentation { tokens, sentences }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fast_alphanumeric_agrees_with_unicode() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
