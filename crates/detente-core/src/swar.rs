//! Eight bytes at a time: the lane constants, the load and the lane test that the 8-byte scans
//! share (sentence dates, the tokenizer's letter runs, language detection, agency names).
//! A `u64` holds eight bytes, the first in its low byte; a test leaves the high bit of each
//! lane that passes.

/// A byte repeated in the eight lanes (bytes) of a `u64`.
pub(crate) const LANES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each lane.
pub(crate) const TOPS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `b` from `p` as a number, the first in the low byte (zeros past the end).
#[inline]
pub(crate) fn eight_at(b: &[u8], p: usize) -> u64 {
    let rest = b.get(p..).unwrap_or_default();
    match rest.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut eight = [0u8; 8];
            eight[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(eight)
        }
    }
}

/// The high bit of each lane of `x` that holds an ASCII byte strictly between `lo` and `hi`
/// (`hi <= 128`), and no other bit: no lane borrows from or carries into another.
#[inline]
pub(crate) const fn lanes_between(x: u64, lo: u8, hi: u8) -> u64 {
    let low7 = x & (LANES * 0x7F);
    (LANES * (0x7F + hi as u64) - low7) & !x & (low7 + LANES * (0x7F - lo as u64)) & (LANES * 0x80)
}

/// The high bit of each lane of `x` that holds an ASCII letter, in either case (its lowercase
/// form, the 0x20 bit set, is 'a'..='z').
#[inline]
pub(crate) const fn letter_lanes(x: u64) -> u64 {
    lanes_between(x | (LANES * 0x20), b'a' - 1, b'z' + 1)
}

/// The high bit of each lane of `x` that holds an ASCII digit.
#[inline]
pub(crate) const fn digit_lanes(x: u64) -> u64 {
    lanes_between(x, b'0' - 1, b'9' + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_and_digit_lanes_are_the_ascii_classes_of_each_byte() {
        for b in 0..=255u8 {
            let x = u64::from(b) << 24 | u64::from(b'-');
            let lane = |m: u64| m == 0x80 << 24;
            assert_eq!(lane(letter_lanes(x)), b.is_ascii_alphabetic(), "{b}");
            assert_eq!(lane(digit_lanes(x)), b.is_ascii_digit(), "{b}");
        }
    }

    #[test]
    fn eight_at_pads_with_zeros_and_lanes_between_marks_each_byte_alone() {
        assert_eq!(eight_at(b"abc", 1), u64::from_le_bytes(*b"bc\0\0\0\0\0\0"));
        assert_eq!(eight_at(b"abc", 9), 0);
        for b in 0..=255u8 {
            let x = u64::from(b) << 16;
            let want = b.is_ascii_digit();
            assert_eq!(
                lanes_between(x, b'0' - 1, b'9' + 1) == 0x80 << 16,
                want,
                "{b}"
            );
        }
    }
}
