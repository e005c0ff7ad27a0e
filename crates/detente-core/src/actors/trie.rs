//! The built-in dictionaries' forms as a byte trie, walked from token starts.
//!
//! Every actor mention starts at a token start and ends at a token end, so the matcher does
//! not need an Aho-Corasick automaton's failure links: from each token start it follows the
//! text's bytes down the trie and reports every form that ends on the way. The trie is laid
//! out flat (one array of records, a node with its children's bytes and places, runs of
//! nodes with one child merged into one record; the first two bytes looked up in tables) and
//! is built in one pass over the sorted forms, a few milliseconds for the ~15,000 built-in
//! forms, where building an automaton took most of the dictionary's load time.

/// Forms (case-sensitive byte strings) in a flat trie.
#[derive(Debug, Default)]
pub struct FormTrie {
    /// The nodes as records of `u32`s, each at its offset (the root at 0): the start of its
    /// forms in `outputs` (its form itself when it has one); their number and its children's (16 bits each); the number of
    /// bytes it skips; those bytes and its children's bytes (sorted), four to a word each;
    /// the offsets of its children. A run of nodes with one child and no form ("ladimir
    /// Putin" after "Vl") is one record that skips the run's bytes, ending at the run's last
    /// node (a node at depth one or two starts a record: `root` and `pairs` point at them). One record holds all a step down the trie reads, where a node, its children's
    /// bytes and their nodes in three arrays were three cache misses for a node not read
    /// lately (most nodes: a document's names are mostly rare words), and a form's tail is
    /// one record instead of a node a byte: the trie is a fifth of its size and mostly stays
    /// in the core's second-level cache.
    data: Vec<u32>,
    outputs: Vec<u32>,
    /// The root's child for each first byte (0: none; the root is at 0 and never a child).
    root: Vec<u32>,
    /// The node after every two-byte prefix of a form (0: none), so a walk starts at depth
    /// two: most token starts ("the", "said") begin no form, and this table (256 KB, in the
    /// core's cache) says so before the trie is touched; the others skip a node and a search.
    pairs: Vec<u32>,
    /// The first bytes that are one-byte forms of their own, a bit each.
    single: [u64; 4],
    /// The number of nodes (bytes of the forms' prefixes).
    len: usize,
}

/// Where walks down a [`FormTrie`] from one position of a text begin: the position, the
/// records after its first byte and after its first two (0: none), and the second word of
/// the latter (0 when there is none).
#[derive(Clone, Copy, Debug)]
pub struct Start {
    start: usize,
    one: u32,
    two: u32,
    head: u32,
}

/// The words of a record's children's bytes when it has more than eight children: a bit for
/// each byte (eight words) and the number of bits before each of those words (two words).
const BITS_WORDS: usize = 10;

/// The words of a record before its skipped bytes.
const HEAD: usize = 3;

/// Appends `bytes` to `data`, four to a word (the last word padded with zeros).
fn pack(data: &mut Vec<u32>, bytes: &[u8]) {
    for four in bytes.chunks(4) {
        let mut w = [0u8; 4];
        w[..four.len()].copy_from_slice(four);
        data.push(u32::from_le_bytes(w));
    }
}

impl FormTrie {
    /// A trie of `forms`; a match reports the form's index in this slice.
    pub fn new<S: AsRef<[u8]>>(forms: &[S]) -> FormTrie {
        // sorted by the first eight bytes as one big-endian number (the bytes' order), the
        // rest compared only on a tie: a third of the load time went to byte-string compares
        let mut order: Vec<(u64, &[u8], u32)> = forms
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let f = f.as_ref();
                let mut head = [0u8; 8];
                let n = f.len().min(8);
                head[..n].copy_from_slice(&f[..n]);
                (u64::from_be_bytes(head), f, i as u32)
            })
            .collect();
        order.sort_unstable();
        let order: Vec<(&[u8], u32)> = order.into_iter().map(|(_, f, i)| (f, i)).collect();
        let key = |i: usize| order[i].0;
        let mut t = FormTrie {
            root: vec![0; 256],
            pairs: vec![0; 65536],
            len: 1,
            ..FormTrie::default()
        };
        for (f, _) in &order {
            if let [a] = f {
                t.single[*a as usize / 64] |= 1 << (*a as usize % 64);
            }
        }
        t.outputs.reserve(order.len());
        // depth first over ranges of the sorted forms that share a prefix of length `depth`
        // (the node a record starts at): the record runs to the range's longest common
        // prefix (that of its first and last form), where a form ends or the forms part;
        // a record's children are written after it, into the slots it leaves for them
        const NO_SLOT: usize = usize::MAX;
        let mut stack = vec![(0usize, order.len(), 0usize, NO_SLOT)];
        let mut child_bytes = Vec::new();
        let mut children = Vec::new();
        while let Some((mut lo, hi, depth, slot)) = stack.pop() {
            let at = t.data.len();
            if slot != NO_SLOT {
                t.data[slot] = at as u32;
            }
            // (the root's range is empty when there are no forms)
            let first = order.get(lo).map_or(&[][..], |o| o.0);
            match depth {
                1 => t.root[first[0] as usize] = at as u32,
                2 => t.pairs[(first[0] as usize) << 8 | first[1] as usize] = at as u32,
                _ => {}
            }
            // (a node at depth one is where `single` finds the one-byte forms: its record
            // skips nothing)
            let end = if depth <= 1 {
                depth
            } else {
                let last = key(hi - 1);
                first.iter().zip(last).take_while(|(a, b)| a == b).count()
            };
            t.len += end - depth + usize::from(depth > 0);
            // forms that end here sort first in the range
            let out_at = t.outputs.len() as u32;
            while lo < hi && key(lo).len() == end {
                t.outputs.push(order[lo].1);
                lo += 1;
            }
            let out_len = (t.outputs.len() as u32 - out_at).min(u16::MAX as u32);
            child_bytes.clear();
            let mut i = lo;
            while i < hi {
                let c = key(i)[end];
                let mut j = i + 1;
                while j < hi && key(j)[end] == c {
                    j += 1;
                }
                child_bytes.push(c);
                children.push((i, j));
                i = j;
            }
            let n = child_bytes.len();
            // (one form, the most common case, is held in the record: no read of `outputs`)
            if out_len == 1 {
                t.data.push(t.outputs[out_at as usize]);
                t.outputs.truncate(out_at as usize);
            } else {
                t.data.push(out_at);
            }
            t.data.push(out_len | (n as u32) << 16);
            t.data.push((end - depth) as u32);
            pack(&mut t.data, &first[depth..end]);
            if n <= 8 {
                pack(&mut t.data, &child_bytes);
            } else {
                // many children: a bit for each byte, and the number of children before
                // each word of bits (at most 224: a byte each), so that a child's place is a
                // count of bits ([`FormTrie::child`])
                let mut bits = [0u32; 8];
                for &c in &child_bytes {
                    bits[c as usize / 32] |= 1 << (c % 32);
                }
                let mut before = [0u8; 8];
                for k in 1..8 {
                    before[k] = before[k - 1] + bits[k - 1].count_ones() as u8;
                }
                t.data.extend_from_slice(&bits);
                pack(&mut t.data, &before);
            }
            let slots = t.data.len();
            t.data.resize(slots + n, 0);
            // the first child is written first
            stack.extend(
                children
                    .drain(..)
                    .enumerate()
                    .rev()
                    .map(|(k, (i, j))| (i, j, end + 1, slots + k)),
            );
        }
        t
    }

    /// The child on byte `b` of a record with `n` children whose children's bytes start at
    /// `bytes` (for more than eight children, a bit for each byte and the counts of bits
    /// before each word of them: [`BITS_WORDS`] words).
    // (always inlined into the walk: as a call, its cost was a tenth of the gazetteer's)
    #[inline(always)]
    fn child(&self, bytes: usize, n: usize, b: u8) -> Option<u32> {
        if n <= 8 {
            let ids = bytes + n.div_ceil(4);
            // the eight bytes at once (two words, whether or not the second holds any: no
            // loop on their number): the lowest byte that is `b` is the lowest zero byte of
            // the words xor `b` in every byte, none (64 trailing zeros) giving k = 8; a match
            // in the padding after the last byte (0) or in what follows the bytes is past `n`
            let word = |w: usize| u64::from(self.data.get(bytes + w).copied().unwrap_or(0));
            let x = (word(0) | word(1) << 32) ^ u64::from(b) * 0x0101_0101_0101_0101;
            let zero = x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080;
            let k = (zero.trailing_zeros() / 8) as usize;
            return (k < n).then(|| self.data[ids + k]);
        }
        // many children: the child's place is the number of children on smaller bytes (a
        // count of bits, where a binary search over the bytes took a step for each halving)
        let (w, bit) = (usize::from(b) / 32, u32::from(b) % 32);
        let word = self.data[bytes + w];
        if word >> bit & 1 == 0 {
            return None;
        }
        let before = (self.data[bytes + 8 + w / 4] >> (8 * (w % 4))) & 0xff;
        let k = before + (word & ((1u32 << bit) - 1)).count_ones();
        Some(self.data[bytes + BITS_WORDS + k as usize])
    }

    /// The forms that end at the record at `node` (whose second word is `head`), its number
    /// of children and the number of bytes it skips.
    #[inline]
    fn at(&self, node: usize, head: u32) -> (&[u32], usize, usize) {
        let (out, n) = ((head & 0xffff) as usize, (head >> 16) as usize);
        let outs = if out == 0 {
            &[][..]
        } else if out == 1 {
            std::slice::from_ref(&self.data[node])
        } else {
            let s = self.data[node] as usize;
            &self.outputs[s..s + out]
        };
        (outs, n, self.data[node + 2] as usize)
    }

    /// Calls `found(end, form)` for every form that `text[start..]` begins with, shortest
    /// first.
    #[inline]
    pub fn prefixes_at(&self, text: &[u8], start: usize, found: impl FnMut(usize, u32)) {
        if let Some(s) = self.start(text, start) {
            self.prefixes_from(text, s, found);
        }
    }

    /// The first steps of the walk from `text[start..]` ([`FormTrie::prefixes_at`] is
    /// `start` then [`FormTrie::prefixes_from`]); `None` when no form begins with its first
    /// byte or its first two. The record after the first two bytes is read here: a caller that finds the
    /// starts of many positions before walking from any has the core wait for those reads
    /// (cache misses, mostly: a document's words are rare ones) together, not one by one.
    #[inline]
    pub fn start(&self, text: &[u8], start: usize) -> Option<Start> {
        let &first = text.get(start)?;
        // (the pair first, and no test of `one`: no form begins with `first` when it is 0,
        // and then `two` is 0 and `single` has no bit for it; the test of `one` went either
        // way at random from token to token)
        let two = text.get(start + 1).map_or(0, |&second| {
            self.pairs[(first as usize) << 8 | second as usize]
        });
        if two == 0 && self.single[first as usize / 64] & (1 << (first as usize % 64)) == 0 {
            return None;
        }
        let one = self.root.get(first as usize).copied().unwrap_or(0);
        Some(Start {
            start,
            one,
            two,
            head: self.data.get(two as usize + 1).copied().unwrap_or(0),
        })
    }

    /// Calls `found(end, form)` for every form that the text goes on with from `s` (found by
    /// [`FormTrie::start`] in the same `text`), shortest first.
    #[inline]
    pub fn prefixes_from(&self, text: &[u8], s: Start, mut found: impl FnMut(usize, u32)) {
        let Start {
            start,
            one,
            two: mut at,
            mut head,
        } = s;
        // one-byte forms first (shortest first), from the node at depth one
        if let Some(&first) = text.get(start)
            && self.single[first as usize / 64] & (1 << (first as usize % 64)) != 0
        {
            // (a record at depth one skips nothing)
            let one = one as usize;
            for &f in self.at(one, self.data[one + 1]).0 {
                found(start + 1, f);
            }
        }
        let mut i = start + 2;
        while at != 0 {
            let (n, skip) = ((head >> 16) as usize, self.data[at as usize + 2] as usize);
            let mut bytes = at as usize + HEAD;
            if skip > 0 {
                // the text's next bytes must be the skipped ones (no form ends among them)
                let Some(run) = text.get(i..i + skip) else {
                    return;
                };
                // four bytes to a word, the last one padded with zeros (assembled a byte at a
                // time: a copy of a few bytes into a buffer was a call to `memcpy`)
                let whole = run.chunks_exact(4);
                let tail = whole.remainder();
                let words = whole
                    .map(|four| u32::from_le_bytes([four[0], four[1], four[2], four[3]]))
                    .chain(
                        (!tail.is_empty())
                            .then(|| tail.iter().rev().fold(0, |w, &b| w << 8 | u32::from(b))),
                    );
                for (w, word) in words.enumerate() {
                    if word != self.data[bytes + w] {
                        return;
                    }
                }
                bytes += skip.div_ceil(4);
                i += skip;
            }
            // (the forms that end here are looked for only once the skipped bytes matched,
            // and by one test of their number)
            if head & 0xffff != 0 {
                for &f in self.at(at as usize, head).0 {
                    found(i, f);
                }
            }
            let Some(&b) = text.get(i) else {
                return;
            };
            match self.child(bytes, n, b) {
                Some(next) => at = next,
                None => return,
            }
            head = self.data[at as usize + 1];
            i += 1;
        }
    }

    /// The number of nodes (for memory reports).
    pub fn nodes(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_starting_at_a_position_is_found() {
        let forms = [
            "NATO",
            "NAT",
            "Russia",
            "Russian",
            "Russian Federation",
            "US",
            "U.S.",
        ];
        let t = FormTrie::new(&forms);
        let text = b"the Russian Federation and NATO, the U.S. and US";
        let mut got = Vec::new();
        for start in 0..text.len() {
            t.prefixes_at(text, start, |end, f| {
                got.push((&text[start..end], forms[f as usize]))
            });
        }
        let got: Vec<(String, &str)> = got
            .into_iter()
            .map(|(s, f)| (String::from_utf8_lossy(s).into_owned(), f))
            .collect();
        for want in ["Russian", "Russian Federation", "NAT", "NATO", "U.S.", "US"] {
            assert!(
                got.iter().any(|(s, f)| s == want && *f == want),
                "{want} in {got:?}"
            );
        }
        // "Russia" is a prefix of "Russian": both found, shortest first
        let at = 4;
        let mut seq = Vec::new();
        t.prefixes_at(text, at, |end, _| seq.push(end - at));
        assert_eq!(seq, [6, 7, 18]);
        // nothing where no form starts, and an empty trie finds nothing
        let mut none = 0;
        t.prefixes_at(b"the", 0, |_, _| none += 1);
        FormTrie::new::<&str>(&[]).prefixes_at(text, 0, |_, _| none += 1);
        assert_eq!(none, 0);
    }

    #[test]
    fn walks_find_what_comparing_every_form_finds() {
        // forms that share prefixes, end inside one another, repeat, run long with no
        // branch, hold 0, 255 and multi-byte characters, and children of every count
        let mut seed = 11u64;
        let mut rand = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let alphabet: &[u8] = b"ab \0\xffAB.-";
        let mut forms: Vec<Vec<u8>> = vec![
            b"Vladimir Putin".to_vec(),
            b"Vladimir".to_vec(),
            b"Vladimir Putin".to_vec(),
            "Côte d'Ivoire".as_bytes().to_vec(),
            b"x".to_vec(),
        ];
        // every byte after "Z" and after "Zq": nodes with 256 children at depth one and two
        for c in 0..=255u8 {
            forms.push(vec![b'Z', c]);
            forms.push(vec![b'Z', b'q', c, b'!']);
        }
        for _ in 0..400 {
            let len = 1 + rand(12) as usize;
            forms.push(
                (0..len)
                    .map(|_| alphabet[rand(alphabet.len() as u64) as usize])
                    .collect(),
            );
        }
        let t = FormTrie::new(&forms);
        let mut texts: Vec<Vec<u8>> = vec![
            b"Vladimir Putin and Vladimir Putinism".to_vec(),
            "la Côte d'Ivoire, x".as_bytes().to_vec(),
        ];
        for _ in 0..300 {
            let mut text = Vec::new();
            while text.len() < 40 {
                if rand(3) == 0 {
                    let f = &forms[rand(forms.len() as u64) as usize];
                    text.extend_from_slice(&f[..f.len() - rand(2) as usize * (f.len() / 2)]);
                } else {
                    text.push(alphabet[rand(alphabet.len() as u64) as usize]);
                }
            }
            texts.push(text);
        }
        for text in &texts {
            for start in 0..=text.len() {
                let mut got = Vec::new();
                t.prefixes_at(text, start, |end, f| got.push((end, f)));
                // every form the text goes on with, shortest first, then in the forms' order
                let mut want: Vec<(usize, u32)> = forms
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| !f.is_empty() && text[start..].starts_with(f))
                    .map(|(i, f)| (start + f.len(), i as u32))
                    .collect();
                want.sort();
                assert_eq!(
                    got,
                    want,
                    "at {start} of {:?}",
                    String::from_utf8_lossy(text)
                );
            }
        }
    }
}
