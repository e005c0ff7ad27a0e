//! The built-in dictionaries' forms as a byte trie, walked from token starts.
//!
//! Every actor mention starts at a token start and ends at a token end, so the matcher does
//! not need an Aho-Corasick automaton's failure links: from each token start it follows the
//! text's bytes down the trie and reports every form that ends on the way. The trie is laid
//! out flat (children of a node are contiguous, sorted by byte; the root has a 256-entry
//! table) and is built in one pass over the sorted forms, a few milliseconds for the ~15,000
//! built-in forms, where building an automaton took most of the dictionary's load time.

/// Forms (case-sensitive byte strings) in a flat trie.
#[derive(Debug, Default)]
pub struct FormTrie {
    nodes: Vec<Node>,
    edge_byte: Vec<u8>,
    edge_node: Vec<u32>,
    outputs: Vec<u32>,
    /// The root's child for each first byte (0: none; the root is node 0 and never a child).
    root: Vec<u32>,
    /// The node after every two-byte prefix of a form (0: none), so a walk starts at depth
    /// two: most token starts ("the", "said") begin no form, and this table (256 KB, in the
    /// core's cache) says so before the trie is touched; the others skip a node and a search.
    pairs: Vec<u32>,
    /// The first bytes that are one-byte forms of their own, a bit each.
    single: [u64; 4],
}

/// One node: its children (contiguous in `edge_byte`/`edge_node`, sorted by byte) and the
/// forms that end at it (contiguous in `outputs`).
#[derive(Debug, Default, Clone, Copy)]
struct Node {
    child_start: u32,
    out_start: u32,
    child_len: u16,
    out_len: u16,
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
            ..FormTrie::default()
        };
        for (f, _) in &order {
            if let [a] = f {
                t.single[*a as usize / 64] |= 1 << (*a as usize % 64);
            }
        }
        // depth first over ranges of the sorted forms that share a prefix of length `depth`
        // (a walk down the trie then touches nodes allocated close together); each node's
        // children are allocated together, so they are contiguous
        let mut stack = vec![(0usize, order.len(), 0usize, 0u32)];
        let mut children = Vec::new();
        // a form adds at most one node per byte: reserving that bound once saves the copies
        // of growing the arrays (they are a few MB; only what is used is ever touched)
        let bound = order.iter().map(|(f, _)| f.len()).sum::<usize>() + 1;
        t.nodes.reserve(bound);
        t.edge_byte.reserve(bound);
        t.edge_node.reserve(bound);
        t.outputs.reserve(order.len());
        t.push_node();
        while let Some((mut lo, hi, depth, node)) = stack.pop() {
            // forms that end here sort first in the range
            let out_at = t.outputs.len() as u32;
            while lo < hi && key(lo).len() == depth {
                t.outputs.push(order[lo].1);
                lo += 1;
            }
            let n = &mut t.nodes[node as usize];
            n.out_start = out_at;
            n.out_len = (t.outputs.len() as u32 - out_at).min(u16::MAX as u32) as u16;
            let child_at = t.edge_byte.len() as u32;
            let mut i = lo;
            while i < hi {
                let b = key(i)[depth];
                let mut j = i + 1;
                while j < hi && key(j)[depth] == b {
                    j += 1;
                }
                let child = t.push_node();
                t.edge_byte.push(b);
                t.edge_node.push(child);
                if node == 0 {
                    t.root[b as usize] = child;
                }
                children.push((i, j, depth + 1, child));
                i = j;
            }
            // the first child is walked first
            stack.extend(children.drain(..).rev());
            let n = &mut t.nodes[node as usize];
            n.child_start = child_at;
            n.child_len = (t.edge_byte.len() as u32 - child_at) as u16;
        }
        // the depth-two nodes by their two bytes
        for a in 0..256usize {
            let first = t.root[a];
            if first == 0 {
                continue;
            }
            let n = t.nodes[first as usize];
            let s = n.child_start as usize;
            for k in s..s + n.child_len as usize {
                t.pairs[a << 8 | t.edge_byte[k] as usize] = t.edge_node[k];
            }
        }
        t
    }

    fn push_node(&mut self) -> u32 {
        self.nodes.push(Node::default());
        (self.nodes.len() - 1) as u32
    }

    #[inline]
    fn child(&self, node: &Node, b: u8) -> Option<u32> {
        let s = node.child_start as usize;
        let bytes = &self.edge_byte[s..s + node.child_len as usize];
        let k = if bytes.len() <= 8 {
            bytes.iter().position(|&x| x == b)?
        } else {
            bytes.binary_search(&b).ok()?
        };
        Some(self.edge_node[s + k])
    }

    /// Calls `found(end, form)` for every form that `text[start..]` begins with, shortest
    /// first.
    #[inline]
    pub fn prefixes_at(&self, text: &[u8], start: usize, mut found: impl FnMut(usize, u32)) {
        let Some(&first) = text.get(start) else {
            return;
        };
        let at1 = self.root.get(first as usize).copied().unwrap_or(0);
        if at1 == 0 {
            return;
        }
        // one-byte forms first (shortest first), from the node at depth one
        if self.single[first as usize / 64] & (1 << (first as usize % 64)) != 0 {
            let node = &self.nodes[at1 as usize];
            let s = node.out_start as usize;
            for &f in &self.outputs[s..s + node.out_len as usize] {
                found(start + 1, f);
            }
        }
        let Some(&second) = text.get(start + 1) else {
            return;
        };
        let mut at = self.pairs[(first as usize) << 8 | second as usize];
        let mut i = start + 2;
        while at != 0 {
            let node = &self.nodes[at as usize];
            let s = node.out_start as usize;
            for &f in &self.outputs[s..s + node.out_len as usize] {
                found(i, f);
            }
            let Some(&b) = text.get(i) else {
                return;
            };
            match self.child(node, b) {
                Some(next) => at = next,
                None => return,
            }
            i += 1;
        }
    }

    /// The number of nodes (for memory reports).
    pub fn nodes(&self) -> usize {
        self.nodes.len()
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
}
