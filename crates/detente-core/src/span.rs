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
///
/// It keeps, for every eight bytes of a text that is not all ASCII, how many characters start
/// before them; an offset is then that count plus the characters started in the part of its
/// eight bytes before it, counted at once in a word. A document's few hundred offsets cost
/// less that way than a table of every byte (four bytes a byte, allocated and filled).
pub struct CharIndex<'a> {
    bytes: &'a [u8],
    /// Characters started before each 8-byte word of the text, and before its end (empty
    /// for an ASCII text, where offsets are the same).
    before: Vec<u32>,
}

/// The high bit of every byte of `w` that continues a character (`0b10xx_xxxx`).
#[inline]
fn continuations(w: u64) -> u64 {
    w & !(w << 1) & 0x8080_8080_8080_8080
}

/// How many bytes of `w` continue a character: the high bits moved to the low bit of each
/// byte and summed by a multiplication (a portable build has no `popcnt` instruction).
#[inline]
fn count_continuations(w: u64) -> u32 {
    ((continuations(w) >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
}

/// The word of eight bytes at `at` (a multiple of 8), with zeros past the end.
#[inline]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    if let Some(b) = bytes.get(at..at + 8) {
        return u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    }
    let mut w = [0u8; 8];
    if let Some(b) = bytes.get(at..) {
        let n = b.len().min(8);
        w[..n].copy_from_slice(&b[..n]);
    }
    u64::from_le_bytes(w)
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return Self {
                bytes,
                before: Vec::new(),
            };
        }
        let mut before = Vec::with_capacity(bytes.len() / 8 + 2);
        let mut n = 0u32;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            before.push(n);
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            n += 8 - count_continuations(w);
        }
        let tail = chunks.remainder();
        before.push(n);
        if !tail.is_empty() {
            n += tail.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32;
            before.push(n);
        }
        Self { bytes, before }
    }

    /// Code-point offset of byte offset `b` (which must lie on a char boundary or at the end;
    /// inside a character it is that character's offset; past the end, itself for an ASCII
    /// text and 0 for another).
    pub fn chars(&self, b: usize) -> usize {
        if self.before.is_empty() {
            return b;
        }
        if b > self.bytes.len() {
            return 0;
        }
        let (k, r) = (b / 8, b % 8);
        let mut n = self.before[k];
        if r > 0 {
            let before_b = word_at(self.bytes, k * 8) & ((1u64 << (8 * r)) - 1);
            n += r as u32 - count_continuations(before_b);
        }
        // inside a character: the one it belongs to
        if self.bytes.get(b).is_some_and(|&x| x & 0xC0 == 0x80) {
            n = n.saturating_sub(1);
        }
        n as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of every byte that the index replaced.
    fn table(text: &str) -> Vec<u32> {
        let mut table = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (slot, &b) in table.iter_mut().zip(text.as_bytes()) {
            n += u32::from(b & 0xC0 != 0x80);
            *slot = n.wrapping_sub(1);
        }
        table[text.len()] = n;
        table
    }

    #[test]
    fn every_offset_is_the_byte_table_s() {
        let pieces = ["a", "é", "“", "北", "🙂", " ", "\n", "Zelenskyy’s"];
        let mut next = crate::xorshift(0x9e37_79b9_7f4a_7c15u64);
        let mut texts: Vec<String> = vec![String::new(), "plain ascii text".into()];
        for _ in 0..500 {
            let len = next() % 40;
            texts.push((0..len).map(|_| pieces[next() % pieces.len()]).collect());
        }
        for text in &texts {
            let idx = CharIndex::new(text);
            let want = table(text);
            for (b, &w) in want.iter().enumerate() {
                assert_eq!(idx.chars(b), w as usize, "{text:?} byte {b}");
            }
            let past = if text.is_ascii() { text.len() + 1 } else { 0 };
            assert_eq!(idx.chars(text.len() + 1), past, "{text:?} past the end");
        }
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "a “b” c";
        let idx = CharIndex::new(text);
        let b = text.find('c').unwrap();
        assert_eq!(idx.chars(b), 6);
        assert_eq!(idx.chars(text.len()), 7);
    }
}
