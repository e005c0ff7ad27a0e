//! Word lists that are not actors or event patterns: news agencies, page furniture,
//! abbreviations, the words of reported speech and of evaluative comment. All are project
//! data files under `data/lexicon/`, compiled into the binary.

use crate::error::{Error, Result};
use crate::inflect::{self, Irregulars};
use crate::swar::{LANES, TOPS, eight_at};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

pub(crate) mod pack;
pub(crate) mod packed;
pub(crate) use packed::{Packed, Text};

const AGENCIES: Packed = crate::builtin_data!("lexicon/agencies");
const FURNITURE: Packed = crate::builtin_data!("lexicon/furniture");
const ABBREVIATIONS: Packed = crate::builtin_data!("lexicon/abbreviations");
const SPEECH: Packed = crate::builtin_data!("lexicon/speech");
const IRREGULAR: Packed = crate::builtin_data!("lexicon/irregular_verbs");
const NAMES: Packed = crate::builtin_data!("lexicon/names");

/// A built-in data file as `build.rs` compiled it ([`Packed`]), e.g.
/// `builtin_data!("actors/countries")` for `data/actors/countries.toml`.
#[macro_export]
#[doc(hidden)]
macro_rules! builtin_data {
    ($f:literal) => {
        $crate::lexicon::Packed {
            text: include_str!(concat!(env!("OUT_DIR"), "/", $f, ".str")),
            tree: include_bytes!(concat!(env!("OUT_DIR"), "/", $f, ".bin")),
        }
    };
}

/// Reads a built-in data file as `build.rs` compiled it (checked TOML, stored packed); `T`
/// may borrow its strings from the binary.
pub(crate) fn parse_builtin<T: Deserialize<'static>>(name: &str, data: Packed) -> Result<T> {
    packed::read(data.text, data.tree).map_err(|e| Error::Data {
        file: name.to_string(),
        message: e.to_string(),
    })
}

pub fn parse_toml<'de, T: Deserialize<'de>>(name: &str, src: &'de str) -> Result<T> {
    toml::from_str(src).map_err(|e| Error::Data {
        file: name.to_string(),
        message: e.to_string(),
    })
}

#[derive(Deserialize)]
struct AgencyFile {
    agency: Vec<AgencyEntry>,
}
#[derive(Deserialize)]
struct AgencyEntry {
    names: Vec<String>,
}

/// Furniture word lists (see `data/lexicon/furniture.toml`).
#[derive(Deserialize, Debug)]
pub struct FurnitureWords {
    pub credit: Vec<String>,
    pub source: Vec<String>,
    pub tail: Vec<String>,
    pub drop: Vec<String>,
    pub aside: Vec<String>,
    pub chrome: Vec<String>,
    pub share: Vec<String>,
}

#[derive(Deserialize)]
struct AbbrevFile {
    titles: Vec<String>,
    others: Vec<String>,
}

#[derive(Deserialize)]
struct NamesFile {
    not_names: Vec<String>,
    body_heads: Vec<String>,
}

#[derive(Deserialize)]
struct SpeechFile {
    verbs: Vec<String>,
    multi: Vec<String>,
    after_quote: Vec<String>,
    pessimistic: Vec<String>,
    optimistic: Vec<String>,
    warning: Vec<String>,
}

#[derive(Deserialize)]
struct IrregularFile {
    verbs: HashMap<String, Vec<String>>,
}

/// The words of reported speech and comment.
#[derive(Debug)]
pub struct Speech {
    /// Inflected form -> lemma.
    pub verb_forms: HashMap<String, String>,
    /// Multi-word cues, split into words.
    pub multi: Vec<Vec<String>>,
    /// Every word a cue starts with: the verb forms and the multi-word cues' first words.
    pub cue_starts: HashSet<String>,
    /// What each word a cue may start with starts ([`Speech::cue_starts`] and
    /// `after_quote` in data/lexicon/speech.toml): one lookup tells a token's cues.
    pub cue_index: HashMap<String, CueStart>,
    /// The keys of [`Speech::cue_index`], as a filter that rules out most words without
    /// hashing them.
    pub cue_filter: WordFilter,
    pub pessimistic: Vec<String>,
    pub optimistic: Vec<String>,
    pub warning: Vec<String>,
}

/// The cues of speech one word may start ([`Speech::cue_index`]).
#[derive(Clone, Debug, Default)]
pub struct CueStart {
    /// A form of a speech verb (a key of [`Speech::verb_forms`]).
    pub verb: bool,
    /// One of `after_quote` in data/lexicon/speech.toml.
    pub after_quote: bool,
    /// The multi-word cues ([`Speech::multi`]) whose first word it is, by index, in order.
    pub multi: Vec<usize>,
}

/// A set of words as a Bloom filter of 4,096 bits, keyed by a word's length, its first two
/// bytes and its last: [`WordFilter::may_contain`] is `false` for a word never inserted, and
/// rules out most other words with a few instructions (no hashing of the whole word, no
/// comparison), before the exact lookup.
#[derive(Clone, Debug)]
pub struct WordFilter(Box<[u64; 64]>);

impl WordFilter {
    #[inline]
    fn slot(w: &[u8]) -> (usize, u64) {
        let byte = |k: usize| u64::from(w.get(k).copied().unwrap_or(0));
        let key = (w.len() as u64) << 32
            | byte(0) << 24
            | byte(1) << 16
            | byte(w.len().saturating_sub(1));
        let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52; // 12 bits
        ((h >> 6) as usize, 1u64 << (h & 63))
    }

    pub fn insert(&mut self, w: &str) {
        let (i, bit) = Self::slot(w.as_bytes());
        self.0[i] |= bit;
    }

    /// False when `w` was never inserted.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let (i, bit) = Self::slot(w.as_bytes());
        self.0[i] & bit != 0
    }
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter(Box::new([0; 64]))
    }
}

impl<'a> FromIterator<&'a str> for WordFilter {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Self {
        let mut f = WordFilter::default();
        for w in words {
            f.insert(w);
        }
        f
    }
}

/// The agency names in a text ([`Lexicon::agency_names_in`]).
pub struct AgencyNames<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    /// Where to go on looking.
    p: usize,
    /// The eight bytes of the text at `base` last read for capitals, and the lanes of them
    /// that hold one not passed yet (the text is read eight bytes at a time, each once).
    base: usize,
    lanes: u64,
    /// The next position where a name that starts with no capital may start
    /// ([`FirstBytes::next_other`]).
    other: usize,
}

impl Iterator for AgencyNames<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let b = self.text.as_bytes();
        let starts = &self.lex.agency_starts;
        let mut p = self.p;
        // (in locals while looking, stored back at a return)
        let (mut base, mut lanes) = (self.base, self.lanes);
        loop {
            // most bytes start no name: the next capital is found eight bytes at a time,
            // the next start of another name with memmem; then a table tells, then the byte
            // after it
            if p >= base + 8 {
                base = p;
                lanes = capitals_at(b, p);
            } else if p > base {
                lanes &= !0u64 << ((p - base) * 8);
            }
            if lanes == 0 && base + 8 < b.len() {
                (base, lanes) = next_capitals(b, base + 8);
            }
            if self.other < p {
                self.other = starts.first_bytes.next_other(b, p);
            }
            let capital = if lanes == 0 {
                usize::MAX
            } else {
                base + (lanes.trailing_zeros() / 8) as usize
            };
            let here = capital.min(self.other);
            if here >= b.len() {
                self.p = b.len();
                (self.base, self.lanes) = (base, lanes);
                return None;
            }
            p = here + 1;
            // (a pair is set only for a first byte: the pair says both)
            if !starts.may_follow(b[here], b.get(p).copied()) {
                continue;
            }
            if let Some(end) = self.lex.agency_heads.longest_at(b, here) {
                self.p = end.max(p);
                (self.base, self.lanes) = (base, lanes);
                return Some((here, end));
            }
        }
    }
}

/// Names grouped by their first two bytes, the longest first within a group: the longest
/// name that starts at a position of a text is the first of its group that the text there
/// starts with (what an anchored leftmost-longest automaton finds, with a few comparisons
/// of short byte strings instead).
#[derive(Clone, Debug, Default)]
struct NameHeads {
    /// The first two bytes of a name -> its group, a range of `names`.
    groups: HashMap<u16, (u32, u32)>,
    /// The names of two bytes or more, by group, longest first.
    names: Vec<Box<[u8]>>,
    /// The first eight bytes of each of `names` (fewer for a shorter name) and the mask of
    /// the lanes they fill: a name the text does not start with is ruled out by one compare
    /// of eight bytes ("The Guardian" at "The talks").
    heads: Vec<(u64, u64)>,
    /// The names of one byte.
    single: Box<[bool]>,
    /// Whether the empty name is one of them (it matches anywhere).
    empty: bool,
}

impl NameHeads {
    fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut single = vec![false; 256].into_boxed_slice();
        let mut empty = false;
        let mut long: Vec<(u16, &[u8])> = Vec::new();
        for w in words {
            match *w.as_bytes() {
                [] => empty = true,
                [a] => single[usize::from(a)] = true,
                [a, b, ..] => long.push((u16::from(a) << 8 | u16::from(b), w.as_bytes())),
            }
        }
        long.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.len().cmp(&x.1.len())));
        let mut groups: HashMap<u16, (u32, u32)> = HashMap::default();
        for (i, (k, _)) in long.iter().enumerate() {
            let g = groups.entry(*k).or_insert((i as u32, i as u32));
            g.1 = i as u32 + 1;
        }
        let heads = long
            .iter()
            .map(|(_, w)| {
                let n = w.len().min(8);
                let mask = if n == 8 { !0 } else { !(!0u64 << (n * 8)) };
                (eight_at(w, 0) & mask, mask)
            })
            .collect();
        Self {
            groups,
            heads,
            names: long.into_iter().map(|(_, w)| w.into()).collect(),
            single,
            empty,
        }
    }

    /// The end of the longest name that starts at byte `p` of `text`.
    #[inline]
    fn longest_at(&self, text: &[u8], p: usize) -> Option<usize> {
        let rest = text.get(p..)?;
        if let [a, b, ..] = *rest
            && let Some(&(s, e)) = self.groups.get(&(u16::from(a) << 8 | u16::from(b)))
            && let Some((name, _)) = {
                let x = eight_at(rest, 0);
                let range = s as usize..e as usize;
                self.names[range.clone()]
                    .iter()
                    .zip(&self.heads[range])
                    .find(|&(n, &(head, mask))| x & mask == head && rest.starts_with(n))
            }
        {
            return Some(p + name.len());
        }
        if rest.first().is_some_and(|&a| self.single[usize::from(a)]) {
            return Some(p + 1);
        }
        self.empty.then_some(p)
    }
}

/// The pairs of bytes a set of words starts with, as a table of 65,536 bits (a one-byte word
/// stands for every pair that starts with its byte).
#[derive(Clone, Debug)]
struct PairFilter {
    /// The first bytes.
    first: [bool; 256],
    /// The pairs, one bit each.
    pairs: Box<[u64; 1024]>,
    /// Where a word may start.
    first_bytes: FirstBytes,
}

/// Where the words of a set may start, found faster than byte by byte: a word that starts
/// with an ASCII capital (nearly all names) where [`capitals_at`] finds one, a word that
/// starts otherwise ("dpa") where its group's common prefix is, found with memmem. Running
/// text is mostly lowercase letters and spaces: eight bytes are ruled out at once.
#[derive(Clone, Debug, Default)]
struct FirstBytes {
    /// The common prefix of the words of each first byte that is no ASCII capital.
    others: Vec<memchr::memmem::Finder<'static>>,
}

impl FirstBytes {
    fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut prefixes: Vec<&[u8]> = Vec::new();
        for w in words {
            let w = w.as_bytes();
            let Some(&a) = w.first() else { continue };
            if a.is_ascii_uppercase() {
                continue;
            }
            match prefixes.iter_mut().find(|p| p[0] == a) {
                Some(p) => {
                    let common = p.iter().zip(w).take_while(|(x, y)| x == y).count();
                    *p = &p[..common];
                }
                None => prefixes.push(w),
            }
        }
        Self {
            others: prefixes
                .into_iter()
                .map(|p| memchr::memmem::Finder::new(p).into_owned())
                .collect(),
        }
    }

    /// The first position at or after `p` where a word that starts with no capital may
    /// start, `usize::MAX` if none.
    fn next_other(&self, b: &[u8], p: usize) -> usize {
        let rest = b.get(p..).unwrap_or_default();
        self.others
            .iter()
            .filter_map(|f| f.find(rest))
            .min()
            .map_or(usize::MAX, |k| p + k)
    }
}

/// The ASCII capitals among the eight bytes of `b` from `p` (fewer at the end): the top bit
/// of each lane that holds one, the byte at `p` in the low lane.
#[inline]
fn capitals_at(b: &[u8], p: usize) -> u64 {
    capitals(eight_at(b, p))
}

/// [`capitals_at`] of the eight bytes `x`.
#[inline]
fn capitals(x: u64) -> u64 {
    // the top bit of each lane of x & 0x7f plus 0x3f is set from 'A' up, plus 0x25 from '['
    // up; no sum carries from one lane into the next
    let low = x & !TOPS;
    let from_a = low + (0x80 - u64::from(b'A')) * LANES;
    let from_after_z = low + (0x80 - u64::from(b'Z') - 1) * LANES;
    from_a & !from_after_z & !x & TOPS
}

/// The first eight bytes of `b` from `from` on (`from` and every eighth byte after it) that
/// hold a capital, and [`capitals_at`] there; the last, shorter, part when none does.
#[inline]
fn next_capitals(b: &[u8], from: usize) -> (usize, u64) {
    let rest = b.get(from..).unwrap_or_default();
    let (eights, _) = rest.as_chunks::<8>();
    for (k, eight) in eights.iter().enumerate() {
        let lanes = capitals(u64::from_le_bytes(*eight));
        if lanes != 0 {
            return (from + 8 * k, lanes);
        }
    }
    let last = from + 8 * eights.len();
    (last, capitals_at(b, last))
}

impl PairFilter {
    #[inline]
    fn slot(a: u8, b: u8) -> (usize, u64) {
        let k = usize::from(a) << 8 | usize::from(b);
        (k >> 6, 1u64 << (k & 63))
    }

    /// Whether a word may start with byte `a` followed by `b` (`None`: the text's end).
    #[cfg(test)]
    fn may_start(&self, a: u8, b: Option<u8>) -> bool {
        self.first[usize::from(a)] && self.may_follow(a, b)
    }

    /// Whether a word that starts with byte `a` ([`PairFilter::first`]) may go on with `b`.
    #[inline]
    fn may_follow(&self, a: u8, b: Option<u8>) -> bool {
        // a one-byte word sets the pair (a, 0) too: (a, end) is looked up as (a, 0)
        let (i, bit) = Self::slot(a, b.unwrap_or(0));
        self.pairs[i] & bit != 0
    }
}

impl<'a> FromIterator<&'a str> for PairFilter {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Self {
        let mut t = PairFilter {
            first: [false; 256],
            pairs: Box::new([0; 1024]),
            first_bytes: FirstBytes::default(),
        };
        let words: Vec<&str> = words.into_iter().collect();
        t.first_bytes = FirstBytes::new(words.iter().copied());
        for w in words {
            let (a, b) = match *w.as_bytes() {
                [] => continue,
                [a] => (a, None),
                [a, b, ..] => (a, Some(b)),
            };
            t.first[usize::from(a)] = true;
            for b in b.map_or(0..=255, |b| b..=b) {
                let (i, bit) = Self::slot(a, b);
                t.pairs[i] |= bit;
            }
        }
        t
    }
}

/// All word lists, loaded once.
pub struct Lexicon {
    agencies: Vec<String>,
    agency_index: HashMap<String, usize>,
    /// Finds the agency name (case-sensitive, the longest) that starts at a position.
    agency_heads: NameHeads,
    /// The pairs of bytes an agency name starts with ([`Lexicon::agency_names_in`]).
    agency_starts: PairFilter,
    pub furniture: FurnitureWords,
    pub titles: HashSet<String>,
    pub abbreviations: HashSet<String>,
    pub speech: Speech,
    pub irregular: Irregulars,
    /// Capitalised words that start an attribution but are no name ("They said"), lowercase
    /// (`data/lexicon/names.toml`).
    pub not_names: HashSet<String>,
    /// Last words that make a capitalised run a body's name, not a person's ("Human Rights
    /// Watch said"), lowercase (`data/lexicon/names.toml`).
    pub body_heads: HashSet<String>,
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Result<Self> {
        let ag: AgencyFile = parse_builtin("data/lexicon/agencies.toml", AGENCIES)?;
        let mut agencies = Vec::new();
        let mut agency_index = HashMap::default();
        let mut patterns = Vec::new();
        for (i, a) in ag.agency.iter().enumerate() {
            let display = a.names.first().cloned().ok_or_else(|| Error::Data {
                file: "data/lexicon/agencies.toml".into(),
                message: format!("agency #{} has no names", i + 1),
            })?;
            agencies.push(display);
            for n in &a.names {
                agency_index.insert(n.clone(), i);
                patterns.push(n.clone());
            }
        }
        let agency_starts = patterns.iter().map(String::as_str).collect();
        let agency_heads = NameHeads::new(patterns.iter().map(String::as_str));
        let ab: AbbrevFile = parse_builtin("data/lexicon/abbreviations.toml", ABBREVIATIONS)?;
        let sp: SpeechFile = parse_builtin("data/lexicon/speech.toml", SPEECH)?;
        let irr: IrregularFile = parse_builtin("data/lexicon/irregular_verbs.toml", IRREGULAR)?;
        let names: NamesFile = parse_builtin("data/lexicon/names.toml", NAMES)?;
        let irregular: Irregulars = irr
            .verbs
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect();
        let mut verb_forms = HashMap::default();
        for v in &sp.verbs {
            for f in inflect::verb_forms(v, &irregular) {
                verb_forms.entry(f).or_insert_with(|| v.clone());
            }
        }
        let multi: Vec<Vec<String>> = sp
            .multi
            .iter()
            .map(|m| m.split_whitespace().map(str::to_string).collect())
            .collect();
        let cue_starts: HashSet<String> = verb_forms
            .keys()
            .cloned()
            .chain(multi.iter().filter_map(|m| m.first().cloned()))
            .collect();
        let mut cue_index: HashMap<String, CueStart> = HashMap::default();
        for f in verb_forms.keys() {
            cue_index.entry(f.clone()).or_default().verb = true;
        }
        for (k, m) in multi.iter().enumerate() {
            if let Some(first) = m.first() {
                cue_index.entry(first.clone()).or_default().multi.push(k);
            }
        }
        for w in &sp.after_quote {
            cue_index.entry(w.clone()).or_default().after_quote = true;
        }
        let cue_filter = cue_index.keys().map(String::as_str).collect();
        Ok(Self {
            agencies,
            agency_index,
            agency_heads,
            agency_starts,
            furniture: parse_builtin("data/lexicon/furniture.toml", FURNITURE)?,
            titles: ab.titles.into_iter().collect(),
            abbreviations: ab.others.into_iter().collect(),
            speech: Speech {
                verb_forms,
                multi,
                cue_starts,
                cue_index,
                cue_filter,
                pessimistic: sp.pessimistic,
                optimistic: sp.optimistic,
                warning: sp.warning,
            },
            irregular,
            not_names: names.not_names.into_iter().collect(),
            body_heads: names.body_heads.into_iter().collect(),
        })
    }

    /// The display name of a known agency.
    pub fn agency(&self, name: &str) -> Option<&str> {
        self.agency_index
            .get(name.trim())
            .map(|&i| self.agencies[i].as_str())
    }

    /// The byte spans of the agency names in `text`, left to right, the longest where several
    /// start at one position, not overlapping (as a leftmost-longest search finds them).
    ///
    /// A name is looked for only where the text holds two bytes a name starts with (a capital
    /// letter and the next, for nearly all): most positions are passed over with one look-up,
    /// instead of running the automaton over every byte.
    pub fn agency_names_in<'a>(&'a self, text: &'a str) -> AgencyNames<'a> {
        AgencyNames {
            lex: self,
            text,
            p: 0,
            base: 0,
            lanes: capitals_at(text.as_bytes(), 0),
            other: self
                .agency_starts
                .first_bytes
                .next_other(text.as_bytes(), 0),
        }
    }

    /// Whether a word (any case) is a known agency name.
    pub fn is_agency(&self, name: &str) -> bool {
        self.agency_index.contains_key(name)
    }
}

/// True when `text[s..e]` is not glued to letters or digits on either side.
pub fn at_word_boundary(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_words_are_lowercase_single_words_listed_once() {
        // matched against a token's lowercase form: a capital, a space or a repeat in
        // data/lexicon/names.toml would be a word that never matches or a slip of review
        let src = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/lexicon/names.toml"
        ))
        .expect("data/lexicon/names.toml");
        let file: toml::Value = toml::from_str(&src).expect("valid TOML");
        let lex = Lexicon::builtin().unwrap();
        for (key, set) in [
            ("not_names", &lex.not_names),
            ("body_heads", &lex.body_heads),
        ] {
            let words = file[key].as_array().expect("a list");
            assert!(words.len() > 20, "{key}: {}", words.len());
            assert_eq!(words.len(), set.len(), "{key}: a word listed twice");
            for w in words {
                let w = w.as_str().expect("a string");
                assert!(
                    !w.is_empty() && w.chars().all(|c| c.is_lowercase()),
                    "{key}: {w:?}"
                );
                assert!(set.contains(w), "{key}: {w:?}");
            }
        }
        for w in ["they", "officials", "reports"] {
            assert!(lex.not_names.contains(w), "{w}");
        }
        for w in ["command", "watch", "ministry"] {
            assert!(lex.body_heads.contains(w), "{w}");
        }
    }
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

    #[test]
    fn word_filter_keeps_every_word_and_rules_out_most_others() {
        let words = ["said", "says", "told", "according", "a", "", "déclaré"];
        let f: WordFilter = words.iter().copied().collect();
        for w in words {
            assert!(f.may_contain(w), "{w}");
        }
        let others = [
            "the", "of", "and", "to", "in", "sad", "sand", "tolled", "b", "saids",
        ];
        let passed = others.iter().filter(|w| f.may_contain(w)).count();
        assert!(passed <= 1, "{passed} of {others:?} passed");
        let lex = Lexicon::builtin().unwrap();
        for w in lex
            .speech
            .cue_starts
            .iter()
            .map(String::as_str)
            .chain(["quipped", "joked", "ordered"])
        {
            assert!(lex.speech.cue_filter.may_contain(w), "{w}");
            assert!(lex.speech.cue_index.contains_key(w), "{w}");
        }
        // every key is a cue start or a word that attributes only after a quotation
        assert!(
            lex.speech
                .cue_index
                .iter()
                .all(|(w, c)| lex.speech.cue_starts.contains(w) || c.after_quote)
        );
        let said = &lex.speech.cue_index["said"];
        assert!(said.verb && !said.after_quote && said.multi.is_empty());
        let told = &lex.speech.cue_index["told"];
        assert!(told.verb && told.multi.len() >= 3);
        for &k in &told.multi {
            assert_eq!(lex.speech.multi[k][0], "told");
        }
        assert!(lex.speech.cue_index["quipped"].after_quote);
    }

    #[test]
    fn the_longest_name_at_a_position_is_the_anchored_automaton_s() {
        for words in [
            vec!["X", "XY", "XYZ", "AB", "ABCD", "ABC", "Bé", "é"],
            vec!["", "AB", "A"],
            vec!["AB", "AB", "ABAB"],
        ] {
            let heads = NameHeads::new(words.iter().copied());
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(&words)
                .unwrap();
            for t in ["XYZ ABCDABC AB A X", "XYABCBéé", "", "ABABABA", "é X"] {
                for p in 0..=t.len() {
                    let want = ac
                        .find(Input::new(t).range(p..).anchored(Anchored::Yes))
                        .map(|m| m.end());
                    assert_eq!(
                        heads.longest_at(t.as_bytes(), p),
                        want,
                        "{words:?} {t:?} {p}"
                    );
                }
            }
        }
    }

    #[test]
    fn agency_names_are_found_as_a_leftmost_longest_search_finds_them() {
        let lex = Lexicon::builtin().unwrap();
        let texts = [
            "RIA Novosti reported, citing Interfax-Ukraine and RT, that Reuters and Russia Today had",
            "XRT TASS,Reuters.Interfax",
            "Interfax",
            "R",
            "",
            "«ТАСС» — Côte d'Ivoire RBC RBK",
            "according to Reuters, dpa and the AP attributed it to RT",
            "RTRT RIARIA Novosti",
        ];
        let all = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(lex.agency_index.keys())
            .unwrap();
        let same = |t: &str| {
            let want: Vec<(usize, usize)> =
                all.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(lex.agency_names_in(t).collect::<Vec<_>>(), want, "{t}");
        };
        for t in texts {
            same(t);
        }
        // texts made of names, their beginnings and ends, and other words, glued or not
        let names: Vec<&str> = lex.agency_index.keys().map(String::as_str).collect();
        let mut next = crate::xorshift(0x2545_f491_4f6c_dd1du64);
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..next() % 8 {
                let n = names[next() % names.len()];
                let cut = |k: usize| n.char_indices().nth(k).map_or(n.len(), |(i, _)| i);
                match next() % 5 {
                    0 => t.push_str(&n[..cut(next() % 4)]),
                    1 => t.push_str(&n[cut(1)..]),
                    2 => t.push_str(["The ", "and ", "a", " ", ", ", "é"][next() % 6]),
                    _ => t.push_str(n),
                }
            }
            same(&t);
        }
        assert_eq!(lex.agency_names_in(texts[0]).count(), 5);
        let f: PairFilter = ["RT", "X"].into_iter().collect();
        assert!(
            f.may_start(b'R', Some(b'T'))
                && f.may_start(b'X', None)
                && f.may_start(b'X', Some(b'a'))
        );
        assert!(!f.may_start(b'R', Some(b'B')) && !f.may_start(b'T', None));
    }
}
