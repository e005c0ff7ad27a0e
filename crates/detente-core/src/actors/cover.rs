//! Which mention covers each token. The actor passes ask this for nearly every token they look
//! at ("is this word already part of a mention, and of which?"); answered by a scan of the
//! document's mentions, that question made the role pass quadratic in the document's length.

use super::Mention;

const NONE: u32 = u32::MAX;

/// For each token, the first mention of a list (in the list's order) that covers it: what
/// `mentions.iter().position(|m| m.first <= t && t < m.last)` finds, in one array read. Built
/// from the list in one pass; the owner rebuilds it after changing the list.
#[derive(Debug, Default)]
pub(crate) struct Cover {
    slots: Vec<u32>,
}

impl Cover {
    /// The index of `mentions` over a document of `tokens` tokens.
    pub fn new(tokens: usize, mentions: &[Mention]) -> Cover {
        let mut c = Cover {
            slots: vec![NONE; tokens],
        };
        c.rebuild(mentions);
        c
    }

    /// Indexes `mentions` again (after mentions were added, removed or moved).
    pub fn rebuild(&mut self, mentions: &[Mention]) {
        self.slots.fill(NONE);
        // from the last mention to the first, so that where mentions overlap the first wins
        for (i, m) in mentions.iter().enumerate().rev() {
            let last = m.last.min(self.slots.len());
            let first = m.first.min(last);
            self.slots[first..last].fill(i as u32);
        }
    }

    /// Indexes tokens `[lo, hi)` again (the others are left as they are), from `mentions` in
    /// text order, none of them longer than `longest` tokens: only the mentions that can reach
    /// into the window are read. A pass that asks only about a window (a sentence) after
    /// changing the list pays for the window, not the document.
    pub fn refresh(&mut self, mentions: &[Mention], lo: usize, hi: usize, longest: usize) {
        let hi = hi.min(self.slots.len());
        let lo = lo.min(hi);
        self.slots[lo..hi].fill(NONE);
        // those that start before the window's end, and not so far before its start that
        // they end before it
        let end = mentions.partition_point(|m| m.first < hi);
        let start = mentions[..end].partition_point(|m| m.first + longest <= lo);
        for (i, m) in mentions[start..end].iter().enumerate().rev() {
            let (a, b) = (m.first.max(lo), m.last.min(hi));
            if a < b {
                self.slots[a..b].fill((start + i) as u32);
            }
        }
    }

    /// The first mention that covers token `t`.
    #[inline]
    pub fn at(&self, t: usize) -> Option<usize> {
        match self.slots.get(t) {
            Some(&i) if i != NONE => Some(i as usize),
            _ => None,
        }
    }

    /// Whether a mention covers token `t`.
    #[inline]
    pub fn covered(&self, t: usize) -> bool {
        self.at(t).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::actors::mention_over as m;

    fn scan(ms: &[Mention], t: usize) -> Option<usize> {
        ms.iter().position(|m| m.first <= t && t < m.last)
    }

    #[test]
    fn answers_as_a_scan_of_the_list_does() {
        // in order, out of order, overlapping (the first in the list wins), empty spans
        let lists = [
            vec![],
            vec![m(0, 2), m(3, 4), m(6, 9)],
            vec![m(6, 9), m(0, 2), m(3, 4)],
            vec![m(2, 6), m(3, 4), m(0, 3)],
            vec![m(3, 4), m(2, 6), m(5, 5), m(9, 10)],
        ];
        for ms in &lists {
            let c = Cover::new(10, ms);
            for t in 0..12 {
                assert_eq!(c.at(t), scan(ms, t), "{t} in {ms:?}");
                assert_eq!(c.covered(t), scan(ms, t).is_some());
            }
        }
    }

    #[test]
    fn a_window_refreshed_answers_as_a_scan_does() {
        // in text order, overlapping, one long mention reaching into the windows
        let ms = vec![m(0, 7), m(1, 2), m(2, 4), m(4, 5), m(6, 9), m(9, 10)];
        let longest = ms.iter().map(|m| m.last - m.first).max().unwrap_or(0);
        for lo in 0..11 {
            for hi in lo..12 {
                let mut c = Cover::new(10, &[]);
                c.refresh(&ms, lo, hi, longest);
                for t in 0..12 {
                    let want = if (lo..hi).contains(&t) {
                        scan(&ms, t)
                    } else {
                        None
                    };
                    assert_eq!(c.at(t), want, "{t} in [{lo}, {hi})");
                }
            }
        }
        // a bound too small for the long mention misses it (the caller's promise matters)
        let mut c = Cover::new(10, &[]);
        c.refresh(&ms, 5, 6, 3);
        assert_eq!(c.at(5), None);
    }

    #[test]
    fn a_rebuild_follows_the_list() {
        let mut ms = vec![m(0, 2), m(4, 6)];
        let mut c = Cover::new(8, &ms);
        assert_eq!(c.at(4), Some(1));
        ms.remove(0);
        ms.push(m(6, 8));
        c.rebuild(&ms);
        for t in 0..8 {
            assert_eq!(c.at(t), scan(&ms, t), "{t}");
        }
        assert_eq!(c.at(1), None);
        assert_eq!(c.at(7), Some(1));
    }
}
