//! Role heads as a trie over words. From one token the role pass needs every head that starts
//! there ("deputy", "deputy secretary", "deputy secretary of state"): it follows the tokens'
//! word ids down the trie (one small integer lookup a word) instead of joining candidate
//! strings and hashing each.

use rustc_hash::FxHashMap;

/// The word id of a token that is no word of any key.
pub const NO_WORD: u32 = u32::MAX;

/// Keys (sequences of words) with a value each. Node 0 is the root (the empty key).
#[derive(Debug)]
pub struct WordTrie<T> {
    words: FxHashMap<String, u32>,
    /// For each first byte, a bit for each length (63 and more share the last) that some
    /// word with that first byte has: most tokens are told apart from every word without
    /// hashing them.
    shapes: Vec<u64>,
    /// The same for the words that begin a key, by first byte and by last byte: a word is
    /// looked up at the root only when both say it may begin one (most words of a text do not).
    first_shapes: Vec<u64>,
    last_shapes: Vec<u64>,
    /// (node << 32 | word id) -> child node.
    edges: FxHashMap<u64, u32>,
    /// The root's child on each word id (0: none; the root is no node's child), the same as
    /// `edges` says: the first step of a lookup, asked for nearly every token of a document,
    /// is an array read instead of a hash probe.
    roots: Vec<u32>,
    parent: Vec<u32>,
    values: Vec<Option<T>>,
}

impl<T> Default for WordTrie<T> {
    fn default() -> Self {
        WordTrie {
            words: FxHashMap::default(),
            shapes: vec![0; 256],
            first_shapes: vec![0; 256],
            last_shapes: vec![0; 256],
            edges: FxHashMap::default(),
            roots: Vec::new(),
            parent: vec![0],
            values: vec![None],
        }
    }
}

impl<T> WordTrie<T> {
    /// Sets the value of the key made of `words` (replacing an earlier one).
    pub fn insert<'a>(&mut self, words: impl IntoIterator<Item = &'a str>, value: T) {
        let mut node = 0u32;
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                self.shapes[b as usize] |= 1 << w.len().min(63);
            }
            let next = self.words.len() as u32;
            let id = *self.words.entry(w.to_string()).or_insert(next);
            let key = (node as u64) << 32 | id as u64;
            let parent = node;
            node = match self.edges.get(&key) {
                Some(&c) => c,
                None => {
                    let c = self.values.len() as u32;
                    self.values.push(None);
                    self.parent.push(node);
                    self.edges.insert(key, c);
                    c
                }
            };
            if parent == 0 {
                if let (Some(&a), Some(&z)) = (w.as_bytes().first(), w.as_bytes().last()) {
                    self.first_shapes[a as usize] |= 1 << w.len().min(63);
                    self.last_shapes[z as usize] |= 1 << w.len().min(63);
                }
                let id = id as usize;
                if self.roots.len() <= id {
                    self.roots.resize(id + 1, 0);
                }
                self.roots[id] = node;
            }
        }
        self.values[node as usize] = Some(value);
    }

    /// The id of a word ([`NO_WORD`] when no key has it).
    #[inline]
    pub fn word(&self, w: &str) -> u32 {
        if let Some(&b) = w.as_bytes().first()
            && self.shapes[b as usize] >> w.len().min(63) & 1 == 0
        {
            return NO_WORD;
        }
        self.words.get(w).copied().unwrap_or(NO_WORD)
    }

    /// Whether some key may begin with the word `w`: `false` means none does, told by the
    /// word's length and its first and last bytes, with no hashing.
    #[inline]
    pub fn may_begin(&self, w: &str) -> bool {
        let (Some(&a), Some(&z)) = (w.as_bytes().first(), w.as_bytes().last()) else {
            return false;
        };
        let bit = 1 << w.len().min(63);
        self.first_shapes[a as usize] & bit != 0 && self.last_shapes[z as usize] & bit != 0
    }

    /// The node after `node` on the word `id`.
    #[inline]
    pub fn child(&self, node: u32, id: u32) -> Option<u32> {
        if id == NO_WORD {
            return None;
        }
        if node == 0 {
            return self.roots.get(id as usize).copied().filter(|&c| c != 0);
        }
        self.edges.get(&((node as u64) << 32 | id as u64)).copied()
    }

    /// The node one word up (the root's is the root).
    #[inline]
    pub fn parent(&self, node: u32) -> u32 {
        self.parent[node as usize]
    }

    /// The value of the key that ends at `node`.
    #[inline]
    pub fn value(&self, node: u32) -> Option<&T> {
        self.values.get(node as usize)?.as_ref()
    }

    /// The keys that the words `ids` start with, longest first, with their lengths in words
    /// (`ids` is read only as far as some key goes).
    pub fn prefixes<'a>(
        &'a self,
        ids: impl IntoIterator<Item = u32>,
    ) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        let mut node = 0;
        let mut depth = 0;
        for id in ids {
            match self.child(node, id) {
                Some(c) => {
                    node = c;
                    depth += 1;
                }
                None => break,
            }
        }
        std::iter::from_fn(move || {
            while depth > 0 {
                let (n, d) = (node, depth);
                node = self.parent(node);
                depth -= 1;
                if let Some(v) = self.value(n) {
                    return Some((d, v));
                }
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_found_longest_first() {
        let mut t = WordTrie::default();
        for (k, v) in [
            ("deputy", 1),
            ("deputy secretary", 2),
            ("deputy secretary of state", 3),
            ("secretary - general", 4),
            ("secretary", 5),
        ] {
            t.insert(k.split(' '), v);
        }
        fn found(t: &WordTrie<i32>, s: &str) -> Vec<(usize, i32)> {
            let ids: Vec<u32> = s.split(' ').map(|w| t.word(w)).collect();
            t.prefixes(ids).map(|(d, v)| (d, *v)).collect()
        }
        assert_eq!(
            found(&t, "deputy secretary of state said"),
            [(4, 3), (2, 2), (1, 1)]
        );
        // "deputy secretary of" is a path but no key
        assert_eq!(found(&t, "deputy secretary of"), [(2, 2), (1, 1)]);
        assert_eq!(found(&t, "secretary - general"), [(3, 4), (1, 5)]);
        assert_eq!(found(&t, "secretary -"), [(1, 5)]);
        assert!(found(&t, "general secretary").is_empty());
        assert!(found(&t, "unknown words").is_empty());
        assert!(t.prefixes([]).next().is_none());
        assert_eq!(t.word("nothing"), NO_WORD);
        // the same first letter and length as a word, and not it
        assert_eq!(t.word("dupity"), NO_WORD);
        assert_ne!(t.word("deputy"), NO_WORD);
        assert_ne!(t.word("-"), NO_WORD);
        assert_eq!(t.word(""), NO_WORD);
        // a key begins with "deputy" and "secretary", none with "of", "state" or "-"
        for (w, may) in [
            ("deputy", true),
            ("secretary", true),
            ("of", false),
            ("state", false),
        ] {
            assert_eq!(t.may_begin(w), may, "{w}");
        }
        assert!(!t.may_begin("-") && !t.may_begin(""));
        assert_eq!(t.child(0, NO_WORD), None);
        // a key set again takes the new value
        t.insert(["deputy"], 9);
        assert_eq!(found(&t, "deputy"), [(1, 9)]);
    }

    #[test]
    fn the_root_s_children_are_those_of_the_edge_map() {
        // random keys over a small vocabulary: every word's child of the root, read from
        // the array, is the one the edge map holds
        let mut rand = crate::xorshift(9);
        let vocabulary = ["a", "b", "c", "d", "e", "f", "g", "h", "-", "of"];
        let mut t = WordTrie::default();
        for v in 0..200 {
            let key: Vec<&str> = (0..1 + rand() % 4)
                .map(|_| vocabulary[rand() % vocabulary.len()])
                .collect();
            t.insert(key, v);
        }
        for id in 0..t.words.len() as u32 + 3 {
            assert_eq!(t.child(0, id), t.edges.get(&u64::from(id)).copied(), "{id}");
        }
        assert_eq!(t.child(0, NO_WORD), None);
    }
}
