//! Spans of byte offsets into the one immutable document text, and the conversion of
//! byte offsets to the Unicode code-point offsets the output contract uses.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the document text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Maps byte offsets of a text to code-point offsets (Python's `text[start:end]`).
pub struct CharIndex {
    /// Code-point offset of every byte that starts a character, plus the end.
    ascii: bool,
    table: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                ascii: true,
                table: Vec::new(),
            };
        }
        let mut table = vec![0u32; text.len() + 1];
        // byte by byte, without decoding: `n` counts the characters started so far, and a
        // continuation byte (0b10xx_xxxx) belongs to the character before it
        let mut n = 0u32;
        for (slot, &b) in table.iter_mut().zip(text.as_bytes()) {
            n += u32::from(b & 0xC0 != 0x80);
            *slot = n - 1;
        }
        table[text.len()] = n;
        Self {
            ascii: false,
            table,
        }
    }
    /// Code-point offset of byte offset `b` (which must lie on a char boundary or at the end).
    pub fn chars(&self, b: usize) -> usize {
        if self.ascii {
            b
        } else {
            self.table.get(b).copied().unwrap_or(0) as usize
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "a “b” c";
        let idx = CharIndex::new(text);
        let b = text.find('c').unwrap();
        assert_eq!(idx.chars(b), 6);
        assert_eq!(idx.chars(text.len()), 7);
    }
}
