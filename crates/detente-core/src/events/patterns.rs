//! Event patterns (`data/events/patterns.toml`, and user files in the same format): a
//! trigger (verb, noun or predicate adjective, inflected automatically) followed in order by
//! the words of `then`, each within a few words of the previous one.

use super::ontology::Ontology;
use crate::error::{Error, Result};
use crate::inflect::{self, Irregulars};
use crate::lexicon::{parse_builtin, parse_toml};
use crate::segment::{Kind, Token};
use serde::Deserialize;

const PATTERNS: crate::lexicon::Packed = crate::builtin_data!("events/patterns");

/// How many words may stand between two matched elements.
pub const GAP: usize = 5;

/// One pattern as written in a data file (see `data/events/patterns.toml`).
#[derive(Deserialize, Clone, Debug, Default)]
pub(crate) struct PatternEntry {
    pub(crate) id: String,
    pub(crate) code: String,
    #[serde(default)]
    pub(crate) verb: Option<String>,
    #[serde(default)]
    noun: Option<String>,
    #[serde(default)]
    adj: Option<String>,
    #[serde(default)]
    pub(crate) then: Vec<String>,
    #[serde(default)]
    prep: Option<String>,
    #[serde(default)]
    symmetric: bool,
    #[serde(default)]
    at_start: bool,
    #[serde(default)]
    place_target: bool,
    #[serde(default)]
    subject: Option<String>,
}

impl PatternEntry {
    /// A verb pattern with `then` elements and nothing else.
    pub(crate) fn verb(id: String, code: String, verb: String, then: Vec<String>) -> Self {
        PatternEntry {
            id,
            code,
            verb: Some(verb),
            then,
            ..PatternEntry::default()
        }
    }
}

#[derive(Deserialize)]
struct PatternFile {
    pattern: Vec<PatternEntry>,
}

/// What part of speech triggers a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    Verb,
    Noun,
    Adj,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub id: String,
    pub code: String,
    pub trigger: Trigger,
    /// Remaining words of a multi-word trigger, matched right after the first.
    pub trigger_rest: Vec<String>,
    /// Elements of `then`, in order (shared between the patterns that write the same
    /// element: the troop and official lists recur in hundreds of patterns).
    pub then: Vec<std::sync::Arc<Element>>,
    pub prep: Option<String>,
    pub symmetric: bool,
    pub at_start: bool,
    /// The target may be a place ("arrived in Amman" visits Jordan).
    pub place_target: bool,
    /// An agent code the source must carry ("MIL": "struck" is an attack when armed forces
    /// or their weapons strike).
    pub subject: Option<String>,
    /// A user's pattern (a PETRARCH verb dictionary, a user file): when it matches, it wins
    /// over the built-in ones, whatever their specificity.
    pub user: bool,
}

/// One `then` element: alternatives, each a sequence of words given as all their forms,
/// indexed by the forms of their first word so that a token is checked with one lookup.
/// Words are ids of the patterns' vocabulary (see [`Patterns::token_ids`]).
#[derive(Clone, Debug, Default)]
pub struct Element {
    alts: Vec<Vec<Forms>>,
    /// (a form of an alternative's first word, the alternative), sorted: each word's
    /// alternatives in their order (a sorted list, built at start-up for some 600 elements
    /// with thousands of forms, costs less than a map of lists).
    by_first: Vec<(u32, u32)>,
    /// The words of `by_first`: most tokens are none, and are told so without the lookup.
    firsts: IdFilter,
}

/// A set of vocabulary ids as a Bloom filter of 256 bits.
#[derive(Clone, Debug, Default)]
struct IdFilter([u64; 4]);

impl IdFilter {
    #[inline]
    fn slot(id: u32) -> (usize, u64) {
        let h = id.wrapping_mul(0x9E37_79B9) >> 24;
        ((h >> 6) as usize, 1u64 << (h & 63))
    }
    fn insert(&mut self, id: u32) {
        let (i, bit) = Self::slot(id);
        self.0[i] |= bit;
    }
    /// False when `id` was never inserted.
    #[inline]
    fn may_contain(&self, id: u32) -> bool {
        let (i, bit) = Self::slot(id);
        self.0[i] & bit != 0
    }
}

impl Element {
    fn new(alts: Vec<Vec<Forms>>) -> Self {
        let mut by_first: Vec<(u32, u32)> = Vec::new();
        for (i, alt) in alts.iter().enumerate() {
            for &f in alt.first().into_iter().flat_map(|f| f.iter()) {
                by_first.push((f, i as u32));
            }
        }
        // (a word's forms are distinct: no pair twice)
        by_first.sort_unstable();
        let mut firsts = IdFilter::default();
        for &(f, _) in &by_first {
            firsts.insert(f);
        }
        Self {
            alts,
            by_first,
            firsts,
        }
    }

    /// The distinct forms of the alternatives' first words.
    fn first_words(&self) -> impl Iterator<Item = u32> + '_ {
        let b = &self.by_first;
        (0..b.len())
            .filter(move |&k| k == 0 || b[k - 1].0 != b[k].0)
            .map(move |k| b[k].0)
    }
}

/// The patterns of one trigger form: those that can match whatever follows (no `then`, or a
/// multi-word trigger), and the others by the forms of their first `then` element's first word,
/// so that only patterns whose next word occurs after the trigger are tried.
#[derive(Default)]
struct Group {
    always: Vec<usize>,
    /// (next word, pattern), in the order the patterns were added.
    by_next: Vec<(u32, u32)>,
    /// The next words of `by_next`.
    nexts: IdFilter,
}

/// All inflected forms of one word of a `then` alternative (as vocabulary ids), shared between
/// the patterns that use the word.
type Forms = std::sync::Arc<[u32]>;

/// The id of a token whose form no pattern uses.
pub(crate) const UNKNOWN: u32 = u32::MAX;

/// Word classes of a token, as bits ([`Patterns::token_words`]): the function words that the
/// matcher and the clause analysis look for, found with the same lookup as the patterns' words
/// instead of string comparisons at every step.
pub(crate) mod class {
    /// `; : . ( )`: a pattern's words do not reach across it.
    pub const STOP: u32 = 1 << 0;
    pub const OPEN: u32 = 1 << 1;
    pub const CLOSE: u32 = 1 << 2;
    /// `STOP` and the words that open a condition or a reason: `if unless because`.
    pub const THEN_STOP: u32 = 1 << 3;
    pub const HYPHEN: u32 = 1 << 4;
    /// Where a passive subject's search stops: `; : . , ( ) that which who`.
    pub const PASSIVE_STOP: u32 = 1 << 5;
    pub const OPENER: u32 = 1 << 6;
    pub const CLAUSE_END: u32 = 1 << 7;
    pub const BE: u32 = 1 << 8;
    /// Adverbs between an auxiliary and a participle (besides the words in -ly).
    pub const ADVERB: u32 = 1 << 9;
    pub const NEGATOR: u32 = 1 << 10;
    pub const CONDITIONAL: u32 = 1 << 11;
    pub const POSSIBLE: u32 = 1 << 12;
    pub const FUTURE: u32 = 1 << 13;
    pub const PURPOSE: u32 = 1 << 14;
    pub const ATTEMPT: u32 = 1 << 15;
    pub const INTENT: u32 = 1 << 16;
    pub const TO: u32 = 1 << 17;
    pub const IN: u32 = 1 << 18;
    pub const ORDER: u32 = 1 << 19;
    pub const AS: u32 = 1 << 20;
    pub const COMMA: u32 = 1 << 21;
    /// Determiners and the possessive "'s": a verb form after one is a noun ("the wounded",
    /// "last week's arrest", "Li Keqiang's visit").
    pub const DETERMINER: u32 = 1 << 22;
    pub const AND: u32 = 1 << 23;
    pub const BUT: u32 = 1 << 24;
    pub const BETWEEN: u32 = 1 << 25;
    /// `.` and `;`: where a demand's or a rejection's complement stops.
    pub const PERIOD: u32 = 1 << 26;
    pub const THAT: u32 = 1 << 27;
    pub const SAID: u32 = 1 << 28;
    /// Prepositions: a mention after one is not a subject.
    pub const PREPOSITION: u32 = 1 << 29;
    /// Words of quantity before "of" ("thousands of"), which does not govern what follows.
    pub const QUANTITY: u32 = 1 << 30;
    /// Not a word: set per document ([`super::mark_counted`]), a word or number that counts
    /// in a gap between a pattern's elements.
    pub const COUNTED: u32 = 1 << 31;

    use super::super::{clause, coder};
    /// Each class's words.
    pub(super) const WORDS: &[(u32, &[&str])] = &[
        (STOP, &[";", ":", ".", "(", ")"]),
        (OPEN, &["("]),
        (CLOSE, &[")"]),
        (
            THEN_STOP,
            &[";", ":", ".", "(", ")", "if", "unless", "because"],
        ),
        (HYPHEN, &["-"]),
        (
            PASSIVE_STOP,
            &[";", ":", ".", ",", "(", ")", "that", "which", "who"],
        ),
        (OPENER, clause::OPENERS),
        (CLAUSE_END, clause::CLAUSE_ENDS),
        (BE, clause::BE),
        (ADVERB, clause::PASSIVE_ADVERBS),
        (NEGATOR, clause::NEGATORS),
        (CONDITIONAL, clause::CONDITIONAL),
        (POSSIBLE, clause::POSSIBLE),
        (FUTURE, clause::FUTURE),
        (PURPOSE, clause::PURPOSE),
        (ATTEMPT, clause::ATTEMPT),
        (INTENT, clause::INTENT),
        (TO, &["to"]),
        (IN, &["in"]),
        (ORDER, &["order"]),
        (AS, &["as"]),
        (COMMA, &[","]),
        (
            DETERMINER,
            &[
                "the", "a", "an", "its", "their", "his", "her", "this", "these", "'s", "’s",
            ],
        ),
        (AND, &["and"]),
        (BUT, &["but"]),
        (BETWEEN, &["between"]),
        (PERIOD, &[".", ";"]),
        (THAT, &["that"]),
        (SAID, &["saying", "said"]),
        (PREPOSITION, coder::PREPOSITIONS),
        (QUANTITY, coder::QUANTITIES),
    ];
}

/// What the coder asks of a pattern's code and trigger, as bits ([`Patterns::kind`]): read
/// for every pair of matches in a sentence, from one small array instead of the patterns'
/// strings.
pub(crate) mod kind {
    /// CAMEO 010, a statement.
    pub const STATEMENT: u8 = 1 << 0;
    pub const VERB: u8 = 1 << 1;
    pub const NOUN: u8 = 1 << 2;
    /// CAMEO 14x.
    pub const PROTEST: u8 = 1 << 3;
    /// CAMEO 12x.
    pub const REJECTION: u8 = 1 << 4;
    /// CAMEO 02x, 10x, 13x: an appeal, a demand, a threat.
    pub const REQUEST: u8 = 1 << 5;
    /// CAMEO 030, an intent: it takes the code of the act it governs.
    pub const INTENT: u8 = 1 << 6;

    /// The bits of a pattern.
    pub(super) fn of(p: &super::Pattern) -> u8 {
        let mut k = 0;
        if p.code == "010" {
            k |= STATEMENT;
        }
        match p.trigger {
            super::Trigger::Verb => k |= VERB,
            super::Trigger::Noun => k |= NOUN,
            super::Trigger::Adj => {}
        }
        if p.code.starts_with("14") {
            k |= PROTEST;
        }
        if p.code.starts_with("12") {
            k |= REJECTION;
        }
        if matches!(p.code.get(..2), Some("02" | "10" | "13")) {
            k |= REQUEST;
        }
        if p.code == "030" {
            k |= INTENT;
        }
        k
    }
}

/// A pattern matched at a token.
#[derive(Clone, Copy, Debug)]
pub struct Match {
    pub pattern: usize,
    pub first: usize,
    /// One past the last token matched (trigger and `then` words).
    pub last: usize,
    /// One past the trigger's own tokens.
    pub trigger_last: usize,
}

/// All patterns, indexed by the inflected forms of the trigger's first word.
pub struct Patterns {
    pub list: Vec<Pattern>,
    /// Every word form the patterns use (triggers' first words, `then` words) -> its id: a
    /// document's tokens are looked up once, and matching compares ids.
    vocab: rustc_hash::FxHashMap<String, u32>,
    /// Vocabulary id -> its word classes ([`class`]).
    classes: Vec<u32>,
    /// The vocabulary's words of up to seven bytes, [`pack`]ed -> their id and classes: most
    /// tokens are short, and a packed word is hashed and compared as one integer.
    short: WordTable<u64>,
    /// The same for the words of eight to fifteen bytes ([`pack_long`]), as two integers.
    long: WordTable<(u64, u64)>,
    /// Trigger form id -> groups (all forms of one trigger word share a group).
    index: Vec<Vec<usize>>,
    groups: Vec<Group>,
    /// (trigger kind, first word) -> group, while building.
    group_of: rustc_hash::FxHashMap<(u8, String), usize>,
    /// What the matcher reads, in flat arrays ([`Flat::new`], rebuilt after each file).
    flat: Flat,
}

impl Patterns {
    pub fn builtin(ontology: &Ontology, irregular: &Irregulars) -> Result<Self> {
        let mut p = Patterns {
            list: Vec::new(),
            vocab: Default::default(),
            classes: Vec::new(),
            short: Default::default(),
            long: Default::default(),
            index: Vec::new(),
            groups: Vec::new(),
            group_of: Default::default(),
            flat: Flat::default(),
        };
        let name = "data/events/patterns.toml";
        p.extend_file(
            name,
            parse_builtin(name, PATTERNS)?,
            ontology,
            irregular,
            false,
        )?;
        Ok(p)
    }

    /// Adds the class words to the vocabulary (after the patterns' words: the ids they add are
    /// in no index, no pattern uses them), and indexes the short words by their bytes.
    fn index_words(&mut self) {
        self.classes.clear();
        for &(bit, words) in class::WORDS {
            for w in words {
                let id = intern(&mut self.vocab, w) as usize;
                if self.classes.len() <= id {
                    self.classes.resize(id + 1, 0);
                }
                self.classes[id] |= bit;
            }
        }
        let value = |id: u32| (id, self.classes.get(id as usize).copied().unwrap_or(0));
        let short: Vec<(u64, (u32, u32))> = self
            .vocab
            .iter()
            .filter_map(|(w, &id)| Some((pack(w.as_bytes())?, value(id))))
            .collect();
        let long: Vec<((u64, u64), (u32, u32))> = self
            .vocab
            .iter()
            .filter_map(|(w, &id)| Some((pack_long(w.as_bytes())?, value(id))))
            .collect();
        self.short = WordTable::new(&short);
        self.long = WordTable::new(&long);
    }

    /// Adds the patterns of a TOML file in the project's format.
    pub fn extend_toml(
        &mut self,
        name: &str,
        src: &str,
        ontology: &Ontology,
        irregular: &Irregulars,
    ) -> Result<usize> {
        self.extend_file(name, parse_toml(name, src)?, ontology, irregular, true)
    }

    /// Adds the patterns of a PETRARCH-2 verb dictionary (e.g. CAMEO.2.0.txt); what cannot be
    /// used is counted in the returned report, not an error.
    pub fn extend_petrarch(
        &mut self,
        name: &str,
        src: &str,
        ontology: &Ontology,
        irregular: &Irregulars,
    ) -> Result<super::petrarch::VerbImport> {
        let mut import = super::petrarch::parse(name, src, |c| ontology.get(c).is_some())?;
        let patterns = std::mem::take(&mut import.patterns);
        import.loaded = patterns.len();
        let file = PatternFile { pattern: patterns };
        self.extend_file(name, file, ontology, irregular, true)?;
        Ok(import)
    }

    fn extend_file(
        &mut self,
        name: &str,
        f: PatternFile,
        ontology: &Ontology,
        irregular: &Irregulars,
        user: bool,
    ) -> Result<usize> {
        let n = f.pattern.len();
        // the forms of a `then` word, by its place in its alternative (none, first, last):
        // words recur across thousands of patterns, each is inflected once
        let mut memo_cache: [rustc_hash::FxHashMap<String, Forms>; 3] = Default::default();
        // the forms of a trigger's first word, by its part of speech: hundreds of patterns
        // share a trigger verb
        let mut trigger_memo: [rustc_hash::FxHashMap<String, std::rc::Rc<[String]>>; 2] =
            Default::default();
        // `then` elements by their text, built once
        let mut elements: rustc_hash::FxHashMap<String, std::sync::Arc<Element>> =
            Default::default();
        let mut vocab = std::mem::take(&mut self.vocab);
        for mut e in f.pattern {
            let err = |m: String| Error::Data {
                file: name.to_string(),
                message: format!("pattern {}: {m}", e.id),
            };
            if ontology.get(&e.code).is_none() {
                return Err(err(format!("unknown CAMEO code {:?}", e.code)));
            }
            let (trigger, lemma) = match (&e.verb, &e.noun, &e.adj) {
                (Some(v), None, None) => (Trigger::Verb, v.clone()),
                (None, Some(n), None) => (Trigger::Noun, n.clone()),
                (None, None, Some(a)) => (Trigger::Adj, a.clone()),
                _ => return Err(err("needs exactly one of verb, noun, adj".into())),
            };
            // (forms of the first word, the later words): one variant, or for a hyphenated
            // trigger ("re-impose", "sit-in") one per inflected form, split at its hyphens as
            // the tokenizer splits it ("re - imposed"; the matcher passes over the hyphens)
            let variants: Vec<(std::rc::Rc<[String]>, Vec<String>)> = if lemma.contains('-') {
                let forms = match trigger {
                    Trigger::Verb => inflect::verb_forms(&lemma, irregular),
                    Trigger::Noun => inflect::noun_forms(&lemma),
                    Trigger::Adj => vec![lemma.to_lowercase()],
                };
                forms
                    .iter()
                    .filter_map(|f| {
                        let mut pieces = phrase_words(f).map(str::to_string);
                        let first = pieces.next()?;
                        Some((std::rc::Rc::from([first]), pieces.collect()))
                    })
                    .collect()
            } else {
                let words: Vec<&str> = lemma.split_whitespace().collect();
                let Some(first) = words.first() else {
                    return Err(err("empty trigger".into()));
                };
                let mut inflected = |pos: usize, forms: &dyn Fn(&str) -> Vec<String>| {
                    let memo = &mut trigger_memo[pos];
                    match memo.get(*first) {
                        Some(f) => std::rc::Rc::clone(f),
                        None => {
                            let f: std::rc::Rc<[String]> = forms(first).into();
                            memo.insert(first.to_string(), std::rc::Rc::clone(&f));
                            f
                        }
                    }
                };
                let first_forms = match trigger {
                    Trigger::Verb => inflected(0, &|w| inflect::verb_forms(w, irregular)),
                    Trigger::Noun if words.len() == 1 => inflected(1, &inflect::noun_forms),
                    _ => std::rc::Rc::from([first.to_lowercase()]),
                };
                let mut rest: Vec<String> = words[1..].iter().map(|w| w.to_lowercase()).collect();
                if trigger == Trigger::Noun && words.len() > 1 {
                    // "peace talks": the last word inflects
                    let last = rest.pop().unwrap_or_default();
                    rest.push(inflect::noun_forms(&last).pop().unwrap_or(last));
                }
                vec![(first_forms, rest)]
            };
            if variants.is_empty() {
                return Err(err("empty trigger".into()));
            }
            let mut memo = std::mem::take(&mut memo_cache);
            let mut then: Vec<std::sync::Arc<Element>> = e
                .then
                .iter()
                .map(|el| {
                    if let Some(shared) = elements.get(el.as_str()) {
                        return std::sync::Arc::clone(shared);
                    }
                    let built = std::sync::Arc::new(Element::new(
                        el.split('|')
                            .map(|alt| {
                                // a hyphenated word is several tokens ("cease - fire"), the
                                // hyphens passed over by `alt_len`
                                let ws: Vec<&str> = phrase_words(alt).collect();
                                ws.iter()
                                    .enumerate()
                                    .map(|(k, w)| {
                                        // the last word inflects as a noun or a verb, the
                                        // first of several as a verb ("lay down"); the forms
                                        // depend on no more than that
                                        let last = k + 1 == ws.len();
                                        let place = if last { 2 } else { usize::from(k == 0) };
                                        let memo = &mut memo[place];
                                        if let Some(forms) = memo.get(*w) {
                                            return Forms::clone(forms);
                                        }
                                        let mut forms = vec![w.to_lowercase()];
                                        if last && w.len() >= 3 {
                                            forms.extend(inflect::noun_forms(w));
                                            forms.extend(inflect::verb_forms(w, irregular));
                                        } else if k == 0 && w.len() >= 3 {
                                            forms.extend(inflect::verb_forms(w, irregular));
                                        }
                                        forms.sort();
                                        forms.dedup();
                                        let forms: Forms = forms
                                            .into_iter()
                                            .map(|f| intern(&mut vocab, &f))
                                            .collect();
                                        memo.insert(w.to_string(), Forms::clone(&forms));
                                        forms
                                    })
                                    .collect()
                            })
                            .collect(),
                    ));
                    elements.insert(el.clone(), std::sync::Arc::clone(&built));
                    built
                })
                .collect();
            memo_cache = memo;
            let count = variants.len();
            for (k, (first_forms, rest)) in variants.into_iter().enumerate() {
                // the last variant (most patterns have one) takes the entry's strings, the
                // others copy them
                let last = k + 1 == count;
                let idx = self.list.len();
                self.list.push(Pattern {
                    id: if last {
                        std::mem::take(&mut e.id)
                    } else {
                        e.id.clone()
                    },
                    code: if last {
                        std::mem::take(&mut e.code)
                    } else {
                        e.code.clone()
                    },
                    trigger,
                    trigger_rest: rest,
                    then: if last {
                        std::mem::take(&mut then)
                    } else {
                        then.clone()
                    },
                    prep: if last { e.prep.take() } else { e.prep.clone() },
                    symmetric: e.symmetric,
                    at_start: e.at_start,
                    place_target: e.place_target,
                    subject: if last {
                        e.subject.take()
                    } else {
                        e.subject.clone()
                    },
                    user,
                });
                let p = &self.list[idx];
                let key = (trigger as u8, first_forms[0].clone());
                let gi = match self.group_of.get(&key) {
                    Some(&gi) => gi,
                    None => {
                        self.groups.push(Group::default());
                        self.group_of.insert(key, self.groups.len() - 1);
                        self.groups.len() - 1
                    }
                };
                for f in first_forms.iter() {
                    let id = intern(&mut vocab, f) as usize;
                    if self.index.len() <= id {
                        self.index.resize_with(id + 1, Vec::new);
                    }
                    let gs = &mut self.index[id];
                    if !gs.contains(&gi) {
                        gs.push(gi);
                    }
                }
                let g = &mut self.groups[gi];
                match p.then.first() {
                    Some(el) if p.trigger_rest.is_empty() => {
                        for w in el.first_words() {
                            g.by_next.push((w, idx as u32));
                            g.nexts.insert(w);
                        }
                    }
                    _ => g.always.push(idx),
                }
            }
        }
        self.vocab = vocab;
        self.index_words();
        self.flat = Flat::new(&self.list, &self.index, &self.groups);
        Ok(n)
    }

    /// The vocabulary id of every token (`u32::MAX` for a form no pattern uses), for
    /// [`Patterns::match_at`].
    pub fn token_ids(&self, toks: &[Token]) -> Vec<u32> {
        toks.iter()
            .map(|t| self.vocab.get(t.lower.as_str()).copied().unwrap_or(UNKNOWN))
            .collect()
    }

    /// The vocabulary id of a lowercase word ([`UNKNOWN`] when no pattern uses it) and its
    /// word classes ([`class`]): a word of up to fifteen bytes is looked up as integers
    /// ([`pack`], [`pack_long`]), a longer one in the vocabulary's map.
    #[inline]
    fn word(&self, w: &str) -> (u32, u32) {
        let b = w.as_bytes();
        if let Some(key) = pack(b) {
            return self.short.get(key).unwrap_or((UNKNOWN, 0));
        }
        if let Some(key) = pack_long(b) {
            return self.long.get(key).unwrap_or((UNKNOWN, 0));
        }
        match self.vocab.get(w) {
            Some(&id) => (id, self.classes.get(id as usize).copied().unwrap_or(0)),
            None => (UNKNOWN, 0),
        }
    }

    /// The vocabulary id (as [`Patterns::token_ids`]) and the word classes ([`class`]) of
    /// every token, with one lookup each.
    pub(crate) fn token_words(&self, toks: &[Token]) -> (Vec<u32>, Vec<u32>) {
        let mut ids = vec![UNKNOWN; toks.len()];
        let mut classes = vec![0; toks.len()];
        for ((t, id), class) in toks.iter().zip(&mut ids).zip(&mut classes) {
            (*id, *class) = self.word(&t.lower);
        }
        (ids, classes)
    }

    /// The most specific pattern matching at token `i` (within `[i, end)`); `ids` are the
    /// tokens' [`Patterns::token_ids`].
    ///
    /// `gaps[t]` numbers the actor mention holding token `t` (`u32::MAX`: none); a mention
    /// counts as one word of the gap between elements ("jailed 52 members of the banned
    /// Movement for the Actualization of the Sovereign State of Biafra on charges"). An empty
    /// slice counts every word.
    pub fn match_at(
        &self,
        toks: &[Token],
        ids: &[u32],
        gaps: &[u32],
        i: usize,
        end: usize,
        sentence_first: usize,
    ) -> Option<Match> {
        let (_, mut classes) = self.token_words(toks);
        mark_counted(toks, gaps, &mut classes);
        let doc = Doc {
            toks,
            ids,
            classes: &classes,
        };
        self.match_in(&doc, i, end, sentence_first, &mut Vec::new())
    }

    /// Whether some pattern's trigger starts with the word of vocabulary id `id` (the coder
    /// lists these tokens once per document and tries only them).
    #[inline]
    pub(crate) fn starts_trigger(&self, id: u32) -> bool {
        self.flat.starts.get(id as usize).copied().unwrap_or(false)
    }

    /// [`Patterns::match_at`] over a document's [`Doc`], with a buffer for the candidates.
    #[inline]
    pub(crate) fn match_in(
        &self,
        d: &Doc,
        i: usize,
        end: usize,
        sentence_first: usize,
        cands: &mut Vec<u64>,
    ) -> Option<Match> {
        // most tokens start no pattern: told here, inlined in the caller's loop
        let groups = self.flat.groups_of(d.ids[i]);
        if groups.is_empty() {
            return None;
        }
        self.match_groups(d, groups, i, end, sentence_first, cands)
    }

    #[inline(never)]
    fn match_groups(
        &self,
        d: &Doc,
        groups: &[u32],
        i: usize,
        end: usize,
        sentence_first: usize,
        cands: &mut Vec<u64>,
    ) -> Option<Match> {
        let f = &self.flat;
        cands.clear();
        // (cut at `end`: the scan indexes them without bounds checks)
        let classes = &d.classes[..end];
        let ids = &d.ids[..end];
        for &gi in groups {
            cands.extend(f.always(gi).iter().map(|&p| u64::from(p)));
            if !f.has_next[gi as usize] {
                continue;
            }
            let filter = &f.next_filter[gi as usize];
            // the words within reach of the first `then` element
            let mut words = 0;
            let mut j = i + 1;
            while j < classes.len() && words <= GAP {
                let c = classes[j];
                if c & class::STOP != 0 {
                    if let Some(after) = short_parenthesis(d, j, end) {
                        j = after;
                        continue;
                    }
                    break;
                }
                let id = ids[j];
                if filter.may_contain(id) {
                    cands.extend(f.next.get(gi, id).iter().map(|&p| u64::from(p)));
                }
                words += usize::from(c & class::COUNTED != 0);
                j += 1;
            }
        }
        // a passive trigger's object is its subject: "eight NATO diplomats were expelled"
        let passive_from = super::clause::is_passive(d, i, sentence_first)
            .then(|| passive_subject_start(d, i, sentence_first));
        if let Some(lo) = passive_from {
            for &gi in groups {
                let filter = &f.next_filter[gi as usize];
                for &id in &d.ids[lo..i] {
                    if filter.may_contain(id) {
                        cands.extend(f.next.get(gi, id).iter().map(|&p| u64::from(p)));
                    }
                }
            }
        }
        let toks = d.toks;
        // a word both a verb and a noun pattern start is the noun after a determiner or a
        // possessive ("Li Keqiang's visit to Germany"), else the verb
        let after_determiner = i > sentence_first && d.is(i - 1, class::DETERMINER);
        // the most specific pattern wins, the first of them in the list on a tie: the
        // candidates are tried in that order, most specific first, and the first that matches
        // is the one (the others' `then`s are not scanned)
        // (key: the specificity's complement, then the pattern)
        for c in cands.iter_mut() {
            let h = &f.pats[*c as usize];
            let spec = u64::from(h.specificity) << 1 | u64::from(after_determiner && h.noun);
            *c |= (!spec & 0xFFFF_FFFF) << 32;
        }
        cands.sort_unstable();
        cands.dedup();
        for &key in cands.iter() {
            let pi = key as u32;
            let h = &f.pats[pi as usize];
            if h.at_start && i != sentence_first {
                continue;
            }
            let mut k = i + 1;
            if h.has_rest
                && !self.list[pi as usize].trigger_rest.iter().all(|w| {
                    // the pieces of a hyphenated trigger ("re - imposed") are tokens of their own
                    while k < end && d.is(k, class::HYPHEN) {
                        k += 1;
                    }
                    let ok = toks.get(k).is_some_and(|t| t.lower == *w) && k < end;
                    k += 1;
                    ok
                })
            {
                continue;
            }
            let trigger_last = k;
            let then = f.then_of(h);
            let last = match f.match_then(d, k, end, then) {
                Some(last) => last,
                None => match passive_from {
                    Some(lo) if !then.is_empty() && f.match_then(d, lo, i, then).is_some() => {
                        trigger_last
                    }
                    _ => continue,
                },
            };
            return Some(Match {
                pattern: pi as usize,
                first: i,
                last,
                trigger_last,
            });
        }
        None
    }

    /// The [`kind`] bits of pattern `pi`.
    #[inline]
    pub(crate) fn kind(&self, pi: usize) -> u8 {
        self.flat.kinds[pi]
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// A document's tokens as the matcher sees them: their vocabulary ids and word classes
/// ([`Patterns::token_words`]), and which count as words of a gap (see [`Patterns::match_at`]).
pub(crate) struct Doc<'a> {
    pub toks: &'a [Token],
    pub ids: &'a [u32],
    /// With [`class::COUNTED`] set from the actor mentions ([`mark_counted`]).
    pub classes: &'a [u32],
}

impl Doc<'_> {
    /// Whether token `k` is of a word class ([`class`]).
    #[inline]
    pub fn is(&self, k: usize, class: u32) -> bool {
        self.classes[k] & class != 0
    }

    /// The first token in `[from, to)` of a class in `mask`. Eight tokens are told apart at
    /// once (their classes or-ed): the clause scans look for "and", commas and the like over
    /// the rest of a sentence, and most stretches of eight hold none.
    #[inline]
    pub fn next_of(&self, from: usize, to: usize, mask: u32) -> Option<usize> {
        let cs = self.classes.get(from..to)?;
        let mut chunks = cs.chunks_exact(8);
        let mut base = from;
        for ch in &mut chunks {
            if ch.iter().fold(0, |a, &c| a | c) & mask != 0 {
                return ch.iter().position(|&c| c & mask != 0).map(|p| base + p);
            }
            base += 8;
        }
        chunks
            .remainder()
            .iter()
            .position(|&c| c & mask != 0)
            .map(|p| base + p)
    }
}

/// Where the subject of a passive trigger at `i` may start: back over the auxiliary and up to
/// six words, not past the sentence start or a clause boundary.
fn passive_subject_start(d: &Doc, i: usize, floor: usize) -> usize {
    let mut j = i;
    let mut words = 0;
    while j > floor && words < 8 {
        if d.is(j - 1, class::PASSIVE_STOP) {
            break;
        }
        let t = &d.toks[j - 1];
        if t.kind == Kind::Word || t.kind == Kind::Number {
            words += 1;
        }
        j -= 1;
    }
    j
}

/// The words of a pattern's phrase as the tokenizer splits them: at spaces and at hyphens
/// ("cease-fire" is "cease - fire"; the matcher passes over the hyphen tokens).
fn phrase_words(phrase: &str) -> impl Iterator<Item = &str> {
    phrase
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
}

/// Marks the tokens that count as words of a gap ([`class::COUNTED`]).
pub(crate) fn mark_counted(toks: &[Token], gaps: &[u32], classes: &mut [u32]) {
    for j in 0..classes.len().min(toks.len()) {
        if counts(toks, gaps, classes, j) {
            classes[j] |= class::COUNTED;
        }
    }
}

impl Patterns {
    /// [`mark_counted`], and in the same pass the tokens where a trigger may start: a
    /// pattern's first word ([`Patterns::starts_trigger`]) in no actor mention (`gaps`).
    pub(crate) fn mark_counted_and_starts(
        &self,
        toks: &[Token],
        gaps: &[u32],
        ids: &[u32],
        classes: &mut [u32],
        starts: &mut Vec<u32>,
    ) {
        let n = classes.len().min(toks.len()).min(gaps.len()).min(ids.len());
        for j in 0..n {
            if counts(toks, gaps, classes, j) {
                classes[j] |= class::COUNTED;
            }
            if gaps[j] == u32::MAX && self.starts_trigger(ids[j]) {
                starts.push(j as u32);
            }
        }
    }
}

/// Whether token `j` counts as a word of a gap: a word or number, the later words of one
/// actor mention not counted again, nor the later parts of a hyphenated compound
/// ("a three-month-old state of emergency" has a gap of two words).
///
/// (Cheapest tests first: the kind, then the hyphen's class ([`class::HYPHEN`] is "-" alone)
/// instead of its string.)
#[inline]
fn counts(toks: &[Token], gaps: &[u32], classes: &[u32], j: usize) -> bool {
    let t = &toks[j];
    if !(t.kind == Kind::Word || t.kind == Kind::Number) {
        return false;
    }
    let compound_part = j >= 2
        && t.glued
        && classes[j - 1] & class::HYPHEN != 0
        && toks[j - 1].glued
        && matches!(toks[j - 2].kind, Kind::Word | Kind::Number);
    if compound_part {
        return false;
    }
    // a later word of the mention before it
    let same_mention = j > 0
        && gaps
            .get(j)
            .is_some_and(|&g| g != u32::MAX && gaps.get(j - 1) == Some(&g));
    !same_mention
}

/// A short parenthesis opening at `j` ("(LAF)", "(the UN agency)"): one past its closing
/// bracket, when it closes within four tokens. It is passed over like an apposition: "provided
/// the Lebanese Armed Forces (LAF) with aircraft".
fn short_parenthesis(d: &Doc, j: usize, end: usize) -> Option<usize> {
    if !d.is(j, class::OPEN) {
        return None;
    }
    (j + 1..(j + 6).min(end))
        .find(|&k| d.is(k, class::CLOSE))
        .filter(|&k| k > j + 1)
        .map(|k| k + 1)
}

/// A word's bytes packed into integers ([`pack`], [`pack_long`]): the key of a [`WordTable`],
/// hashed and compared as integers.
trait PackedKey: Copy + Eq {
    /// No packed word: its length byte would be 255.
    const EMPTY: Self;
    /// The key in 64 bits, for the table's hash.
    fn mix(self) -> u64;
}

impl PackedKey for u64 {
    const EMPTY: u64 = u64::MAX;
    #[inline]
    fn mix(self) -> u64 {
        self
    }
}

impl PackedKey for (u64, u64) {
    const EMPTY: (u64, u64) = (0, u64::MAX);
    #[inline]
    fn mix(self) -> u64 {
        self.0 ^ self.1.rotate_left(29)
    }
}

/// The vocabulary's words of one range of lengths, packed -> their id and classes: an
/// open-addressing table at most half full, probed linearly. Each slot holds its key with its
/// value, so that a word found costs one cache line, not one for the key and one for the value
/// (the tables outgrow the first-level cache, and every token is looked up).
#[derive(Debug)]
struct WordTable<K> {
    slots: Vec<Slot<K>>,
    shift: u32,
}

/// One slot of a [`WordTable`]: a packed word ([`PackedKey::EMPTY`] when free), its vocabulary
/// id and its word classes.
#[derive(Clone, Copy, Debug)]
struct Slot<K> {
    key: K,
    value: (u32, u32),
}

impl<K> Default for WordTable<K> {
    fn default() -> Self {
        WordTable {
            slots: Vec::new(),
            shift: 0,
        }
    }
}

impl<K: PackedKey> WordTable<K> {
    fn new(words: &[(K, (u32, u32))]) -> Self {
        let bits = (2 * words.len())
            .max(2)
            .next_power_of_two()
            .trailing_zeros();
        let free = Slot {
            key: K::EMPTY,
            value: (UNKNOWN, 0),
        };
        let mut t = WordTable {
            slots: vec![free; 1 << bits],
            shift: 64 - bits,
        };
        let mask = t.slots.len() - 1;
        for &(key, value) in words {
            let mut h = t.slot(key);
            while t.slots[h].key != K::EMPTY {
                h = (h + 1) & mask;
            }
            t.slots[h] = Slot { key, value };
        }
        t
    }

    #[inline]
    fn slot(&self, key: K) -> usize {
        (key.mix().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: K) -> Option<(u32, u32)> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut h = self.slot(key);
        loop {
            let s = &self.slots[h];
            if s.key == key {
                return Some(s.value);
            }
            if s.key == K::EMPTY {
                return None;
            }
            h = (h + 1) & mask;
        }
    }
}

/// A word of up to seven bytes as one integer: its bytes, and its length in the top byte.
#[inline]
fn pack(b: &[u8]) -> Option<u64> {
    let n = b.len();
    let v = match n {
        0 => 0,
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=7 => {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        }
        _ => return None,
    };
    Some(v | (n as u64) << 56)
}

/// A word of eight to fifteen bytes as two integers: its first eight bytes, and the bytes
/// after them with its length in the top byte. Looked up as integers like a [`pack`]ed word,
/// without the string hash and `memcmp` of the vocabulary's map ("government",
/// "negotiations").
#[inline]
fn pack_long(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    if !(8..=15).contains(&n) {
        return None;
    }
    let eight = |at: usize| {
        let mut x = [0u8; 8];
        x.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(x)
    };
    // the last eight bytes, shifted down to those after the first eight (none for eight)
    let rest = eight(n - 8).checked_shr(8 * (16 - n as u32)).unwrap_or(0);
    Some((eight(0), rest | (n as u64) << 56))
}

/// The id of `word` in `vocab`, added if new.
fn intern(vocab: &mut rustc_hash::FxHashMap<String, u32>, word: &str) -> u32 {
    if let Some(&id) = vocab.get(word) {
        return id;
    }
    let next = vocab.len() as u32;
    vocab.insert(word.to_string(), next);
    next
}

/// A pattern's data that the matcher reads for every candidate.
#[derive(Clone, Copy, Debug, Default)]
struct Hot {
    /// Its `then` elements: `Flat::then[then..then_end]`.
    then: u32,
    then_end: u32,
    /// How specific it is: a user's pattern first, then more `then` elements, a longer
    /// trigger, a preposition.
    specificity: u32,
    at_start: bool,
    noun: bool,
    has_rest: bool,
}

/// The patterns as the matcher reads them: flat arrays of numbers instead of the build's maps,
/// vectors and shared elements (each a heap allocation of its own), so that matching a trigger
/// touches a few compact arrays.
#[derive(Default, Debug)]
struct Flat {
    pats: Vec<Hot>,
    /// Pattern -> its [`kind`] bits.
    kinds: Vec<u8>,
    /// The element numbers of all patterns' `then`s.
    then: Vec<u32>,
    /// Element -> the first words of its alternatives, as a filter.
    el_filter: Vec<IdFilter>,
    /// (element, first word) -> its alternatives starting with that word, each with
    /// [`ONE_WORD`] set when it is that word alone.
    el_alts: PairIndex,
    /// Alternative `a`'s words are `alt_words[a]..alt_words[a + 1]`.
    alt_words: Vec<u32>,
    /// Word `w`'s forms are `forms[word_forms[w]..word_forms[w + 1]]`.
    word_forms: Vec<u32>,
    forms: Vec<u32>,
    /// Trigger form id -> its groups: `index_groups[index[id]..index[id + 1]]`.
    index: Vec<u32>,
    /// Vocabulary id -> whether it has groups (a trigger's first word).
    starts: Vec<bool>,
    index_groups: Vec<u32>,
    /// Group `g`'s patterns that match whatever follows: `always[always_at[g]..always_at[g + 1]]`.
    always_at: Vec<u32>,
    always: Vec<u32>,
    /// Whether a group has patterns indexed by their next word.
    has_next: Vec<bool>,
    next_filter: Vec<IdFilter>,
    /// (group, word) -> the group's patterns whose first `then` element starts with the word.
    next: PairIndex,
}

impl Flat {
    fn new(list: &[Pattern], index: &[Vec<usize>], groups: &[Group]) -> Self {
        let mut f = Flat::default();
        // elements, numbered in the order patterns first use them
        let mut number: rustc_hash::FxHashMap<*const Element, u32> = Default::default();
        let mut elements: Vec<&Element> = Vec::new();
        for p in list {
            let then_start = f.then.len() as u32;
            for el in &p.then {
                let n = *number.entry(std::sync::Arc::as_ptr(el)).or_insert_with(|| {
                    elements.push(el);
                    elements.len() as u32 - 1
                });
                f.then.push(n);
            }
            f.pats.push(Hot {
                then: then_start,
                then_end: f.then.len() as u32,
                specificity: u32::from(p.user) * 1000
                    + p.then.len() as u32 * 10
                    + p.trigger_rest.len() as u32
                    + u32::from(p.prep.is_some()),
                at_start: p.at_start,
                noun: p.trigger == Trigger::Noun,
                has_rest: !p.trigger_rest.is_empty(),
            });
            f.kinds.push(kind::of(p));
        }
        let mut pairs = Vec::new();
        f.alt_words.push(0);
        f.word_forms.push(0);
        for (n, el) in elements.iter().enumerate() {
            f.el_filter.push(el.firsts.clone());
            let first_alt = f.alt_words.len() as u32 - 1;
            for alt in &el.alts {
                for forms in alt {
                    f.forms.extend_from_slice(forms);
                    f.word_forms.push(f.forms.len() as u32);
                }
                f.alt_words.push(f.word_forms.len() as u32 - 1);
            }
            for &(id, a) in &el.by_first {
                let one_word = if el.alts[a as usize].len() == 1 {
                    ONE_WORD
                } else {
                    0
                };
                pairs.push((id, n as u32, (first_alt + a) | one_word));
            }
        }
        f.el_alts = PairIndex::new(pairs);
        f.index.push(0);
        for gs in index {
            f.index_groups.extend(gs.iter().map(|&g| g as u32));
            f.index.push(f.index_groups.len() as u32);
        }
        let mut pairs = Vec::new();
        f.always_at.push(0);
        for (g, group) in groups.iter().enumerate() {
            f.always.extend(group.always.iter().map(|&p| p as u32));
            f.always_at.push(f.always.len() as u32);
            f.has_next.push(!group.by_next.is_empty());
            f.next_filter.push(group.nexts.clone());
            pairs.extend(group.by_next.iter().map(|&(id, p)| (id, g as u32, p)));
        }
        f.next = PairIndex::new(pairs);
        f.starts = index.iter().map(|gs| !gs.is_empty()).collect();
        f
    }

    /// The groups of the patterns whose trigger starts with word `id`.
    #[inline]
    fn groups_of(&self, id: u32) -> &[u32] {
        let id = id as usize;
        match (self.index.get(id), self.index.get(id + 1)) {
            (Some(&a), Some(&b)) => &self.index_groups[a as usize..b as usize],
            _ => &[],
        }
    }

    #[inline]
    fn always(&self, g: u32) -> &[u32] {
        let g = g as usize;
        &self.always[self.always_at[g] as usize..self.always_at[g + 1] as usize]
    }

    #[inline]
    fn then_of(&self, h: &Hot) -> &[u32] {
        &self.then[h.then as usize..h.then_end as usize]
    }

    /// Matches the `then` elements in order from token `k`; returns one past the last matched
    /// token.
    ///
    /// The scan reads each token's class once, and its id only when it is not a stop; both
    /// slices are cut at `end` so that the loop indexes them without bounds checks.
    fn match_then(&self, d: &Doc, mut k: usize, end: usize, then: &[u32]) -> Option<usize> {
        let classes = &d.classes[..end];
        let ids = &d.ids[..end];
        let mut last = k;
        for &el in then {
            let filter = &self.el_filter[el as usize];
            let mut words = 0;
            let mut found = None;
            let mut j = k;
            while j < classes.len() && words <= GAP {
                let c = classes[j];
                // a condition or a reason is another clause: "halt mediation efforts if
                // cooperation founders" does not halt cooperation
                if c & class::THEN_STOP != 0 {
                    if let Some(after) = short_parenthesis(d, j, end) {
                        j = after;
                        continue;
                    }
                    break;
                }
                if filter.may_contain(ids[j])
                    && let Some(len) = self.longest_alt(el, ids[j], d, j, end)
                {
                    found = Some(j + len);
                    break;
                }
                // a modal opens the predicate of another clause: in "announced it would cut
                // aid" the aid is the cut's object, not the announcement's
                if c & (class::FUTURE | class::POSSIBLE) != 0 {
                    break;
                }
                // "and" before a past form opens another predicate: in "denied the report and
                // accused Israel of sabotage" the "of" is the accusation's, not the denial's
                if c & class::AND != 0
                    && d.toks.get(j + 1).is_some_and(|t| t.lower.ends_with("ed"))
                    && j + 1 < end
                {
                    break;
                }
                words += usize::from(c & class::COUNTED != 0);
                j += 1;
            }
            let f = found?;
            k = f;
            last = f;
        }
        Some(last)
    }

    /// The length of the longest alternative of element `el` matching at token `j` (the
    /// matcher tests the filter itself, then asks [`Flat::longest_alt`]).
    #[cfg(test)]
    fn element_at(&self, el: u32, d: &Doc, j: usize, end: usize) -> Option<usize> {
        let id = d.ids[j];
        if !self.el_filter[el as usize].may_contain(id) {
            return None;
        }
        self.longest_alt(el, id, d, j, end)
    }

    /// [`Flat::element_at`] past its filter: `id` is token `j`'s.
    ///
    /// An alternative found by its first word matches that word already: one of a single word
    /// is one token long without reading its words (most are; each read was a cache miss).
    #[inline]
    fn longest_alt(&self, el: u32, id: u32, d: &Doc, j: usize, end: usize) -> Option<usize> {
        let mut longest = None;
        for &a in self.el_alts.get(el, id) {
            let len = if a & ONE_WORD != 0 {
                Some(1)
            } else {
                self.alt_len(a, d, j, end)
            };
            longest = longest.max(len);
        }
        longest
    }

    /// The length of alternative `a` at token `j`, whose first word token `j` is.
    fn alt_len(&self, a: u32, d: &Doc, j: usize, end: usize) -> Option<usize> {
        let a = (a & !ONE_WORD) as usize;
        let mut k = j + 1;
        for w in self.alt_words[a] as usize + 1..self.alt_words[a + 1] as usize {
            // hyphens inside an alternative's word are their own tokens
            while k < end && d.is(k, class::HYPHEN) {
                k += 1;
            }
            let forms = &self.forms[self.word_forms[w] as usize..self.word_forms[w + 1] as usize];
            if k >= end || !forms.contains(&d.ids[k]) {
                return None;
            }
            k += 1;
        }
        Some(k - j)
    }
}

/// The bit of an [`Flat::el_alts`] value that says its alternative is one word.
const ONE_WORD: u32 = 1 << 31;

/// (owner, vocabulary id) -> a list of numbers, in flat arrays: each id's owners sorted, found
/// by binary search (instead of a hash map per owner).
#[derive(Default, Debug)]
struct PairIndex {
    /// (owner, id) packed into one integer -> its numbers' range in `values`: found with one
    /// probe of a [`WordTable`] (the matcher asks for every word that passes a filter; a
    /// binary search among the owners of a frequent word took some ten steps).
    table: WordTable<u64>,
    /// Id -> where its owners start in `owners` (one entry more than ids).
    by_id: Vec<u32>,
    owners: Vec<u32>,
    /// Parallel to `owners`, one entry more: where each pair's numbers start in `values`.
    starts: Vec<u32>,
    values: Vec<u32>,
}

impl PairIndex {
    /// From (id, owner, value) triples; a pair's values keep their order.
    fn new(mut pairs: Vec<(u32, u32, u32)>) -> Self {
        // by owner (as the callers give them: no sort), then by id with a counting sort, which
        // keeps the owners' order: built at start-up from some 100,000 pairs
        if !pairs.is_sorted_by_key(|p| p.1) {
            pairs.sort_by_key(|p| p.1);
        }
        let ids = pairs.iter().map(|p| p.0 as usize + 1).max().unwrap_or(0);
        let mut at = vec![0u32; ids + 1];
        for p in &pairs {
            at[p.0 as usize + 1] += 1;
        }
        for i in 1..at.len() {
            at[i] += at[i - 1];
        }
        let mut sorted = vec![(0, 0, 0); pairs.len()];
        for p in pairs {
            let slot = &mut at[p.0 as usize];
            sorted[*slot as usize] = p;
            *slot += 1;
        }
        let mut t = PairIndex {
            table: WordTable::default(),
            by_id: vec![0; ids + 1],
            owners: Vec::with_capacity(sorted.len()),
            starts: Vec::with_capacity(sorted.len() + 1),
            values: Vec::with_capacity(sorted.len()),
        };
        for (k, &(id, owner, value)) in sorted.iter().enumerate() {
            if k == 0 || (sorted[k - 1].0, sorted[k - 1].1) != (id, owner) {
                t.owners.push(owner);
                t.starts.push(t.values.len() as u32);
                t.by_id[id as usize + 1] += 1;
            }
            t.values.push(value);
        }
        t.starts.push(t.values.len() as u32);
        for i in 1..t.by_id.len() {
            t.by_id[i] += t.by_id[i - 1];
        }
        let mut keys = Vec::with_capacity(t.owners.len());
        for id in 0..t.by_id.len().saturating_sub(1) {
            for k in t.by_id[id] as usize..t.by_id[id + 1] as usize {
                let key = u64::from(t.owners[k]) << 32 | id as u64;
                keys.push((key, (t.starts[k], t.starts[k + 1])));
            }
        }
        t.table = WordTable::new(&keys);
        t
    }

    /// The values of (owner, id), in the order given.
    #[inline]
    fn get(&self, owner: u32, id: u32) -> &[u32] {
        // (no key is `u64::MAX`, the table's free slot: ids are below `UNKNOWN`)
        if id == UNKNOWN {
            return &[];
        }
        match self.table.get(u64::from(owner) << 32 | u64::from(id)) {
            Some((a, b)) => &self.values[a as usize..b as usize],
            None => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_index_holds_what_a_map_holds() {
        let mut map: rustc_hash::FxHashMap<(u32, u32), Vec<u32>> = Default::default();
        let mut pairs = Vec::new();
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for v in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let (id, owner) = ((x % 300) as u32, ((x >> 32) % 40) as u32);
            pairs.push((id, owner, v));
            map.entry((owner, id)).or_default().push(v);
        }
        let t = PairIndex::new(pairs);
        for id in 0..310 {
            for owner in 0..45 {
                let want = map.get(&(owner, id)).map_or(&[][..], |v| &v[..]);
                assert_eq!(t.get(owner, id), want, "owner {owner}, id {id}");
            }
        }
        assert!(t.get(0, UNKNOWN).is_empty());
        assert!(PairIndex::new(Vec::new()).get(0, 0).is_empty());
    }

    /// Random words over a small alphabet (so that words share prefixes, suffixes and periods:
    /// "aaaaaaaa" and "aaaaaaaaa"), with a two-byte character and a NUL byte among its letters,
    /// from empty to longer than a packed word.
    fn random_word(next: &mut impl FnMut() -> usize) -> String {
        const LETTERS: [&str; 6] = ["a", "b", "-", "é", "\0", "'"];
        let len = next() % 20;
        (0..len).map(|_| LETTERS[next() % LETTERS.len()]).collect()
    }

    #[test]
    fn packed_word_tables_find_what_a_map_finds() {
        let mut next = crate::xorshift(0x9E37_79B9_7F4A_7C15);
        let mut map: rustc_hash::FxHashMap<String, (u32, u32)> = Default::default();
        for k in 0..3000u32 {
            map.entry(random_word(&mut next)).or_insert((k, k ^ 0x55));
        }
        let short: Vec<_> = map
            .iter()
            .filter_map(|(w, &v)| Some((pack(w.as_bytes())?, v)))
            .collect();
        let long: Vec<_> = map
            .iter()
            .filter_map(|(w, &v)| Some((pack_long(w.as_bytes())?, v)))
            .collect();
        let (short, long) = (WordTable::new(&short), WordTable::new(&long));
        let known: Vec<&String> = map.keys().collect();
        let mut found = [0; 2];
        for k in 0..20_000 {
            // half the words are in the map, half random (mostly not)
            let w = match k % 2 {
                0 => known[next() % known.len()].clone(),
                _ => random_word(&mut next),
            };
            let b = w.as_bytes();
            let got = match (pack(b), pack_long(b)) {
                (Some(key), None) => short.get(key),
                (None, Some(key)) => long.get(key),
                (None, None) => {
                    assert!(b.len() > 15, "{w:?}");
                    continue;
                }
                (Some(_), Some(_)) => panic!("{w:?} packed twice"),
            };
            assert_eq!(got, map.get(&w).copied(), "{w:?}");
            found[usize::from(b.len() >= 8)] += usize::from(got.is_some());
        }
        assert!(found[0] > 100 && found[1] > 100, "{found:?}");
        assert_eq!(WordTable::<u64>::default().get(0), None);
    }

    /// The longest alternative of `el` at token `j`, read from the element as built (the
    /// matcher's former way): the flat arrays must say the same.
    fn built_element_at(el: &Element, d: &Doc, j: usize, end: usize) -> Option<usize> {
        let alt_len = |alt: &[Forms]| {
            let mut k = j;
            for forms in alt {
                while k < end && d.is(k, class::HYPHEN) {
                    k += 1;
                }
                if k >= end || !forms.contains(&d.ids[k]) {
                    return None;
                }
                k += 1;
            }
            Some(k - j)
        };
        el.by_first
            .iter()
            .filter(|p| p.0 == d.ids[j])
            .filter_map(|&(_, a)| alt_len(&el.alts[a as usize]))
            .max()
    }

    #[test]
    fn classes_and_kinds_say_what_the_words_and_codes_say() {
        let an = crate::analysis::Analyzer::new().expect("built-in data loads");
        let p = &an.patterns;
        for (pi, pat) in p.list.iter().enumerate() {
            let k = p.kind(pi);
            assert_eq!(k & kind::STATEMENT != 0, pat.code == "010");
            assert_eq!(k & kind::VERB != 0, pat.trigger == Trigger::Verb);
            assert_eq!(k & kind::NOUN != 0, pat.trigger == Trigger::Noun);
            assert_eq!(k & kind::PROTEST != 0, pat.code.starts_with("14"));
            assert_eq!(k & kind::REJECTION != 0, pat.code.starts_with("12"));
            let root = pat.code.get(..2).unwrap_or("");
            assert_eq!(k & kind::REQUEST != 0, ["02", "10", "13"].contains(&root));
        }
        let text = "They said that talks between Iran and Iraq, but not Syria; ended. Saying so \
            AND THAT BETWEEN: and-but";
        let seg = crate::segment::segment(text, &an.lexicon);
        let (_, classes) = p.token_words(&seg.tokens);
        for (t, c) in seg.tokens.iter().zip(classes) {
            for &(bit, words) in class::WORDS {
                assert_eq!(
                    c & bit != 0,
                    words.contains(&t.lower.as_str()),
                    "{:?}",
                    t.lower
                );
            }
        }
    }

    #[test]
    fn flat_patterns_match_as_built() {
        let an = crate::analysis::Analyzer::new().expect("built-in data loads");
        let p = &an.patterns;
        let text = "Russia and China held talks with the United Nations on Monday. Troops \
            were deployed to the border, and armed forces re-imposed a cease-fire (the UN \
            said). NATO expelled eight Russian diplomats; the government agreed to provide \
            humanitarian aid and military assistance to Ukraine, police arrested 52 members \
            of the banned movement on charges of treason. Israel threatened to impose \
            sanctions on Iran if talks fail, and the two sides signed a peace agreement.";
        let seg = crate::segment::segment(text, &an.lexicon);
        let toks = &seg.tokens;
        let (ids, mut classes) = p.token_words(toks);
        mark_counted(toks, &[], &mut classes);
        let d = Doc {
            toks,
            ids: &ids,
            classes: &classes,
        };
        // every element at every token
        let mut by_number: Vec<&Element> = Vec::new();
        let mut seen: rustc_hash::FxHashSet<*const Element> = Default::default();
        for pat in &p.list {
            for el in &pat.then {
                if seen.insert(std::sync::Arc::as_ptr(el)) {
                    by_number.push(el);
                }
            }
        }
        assert_eq!(by_number.len(), p.flat.el_filter.len());
        let mut found = 0;
        for (n, el) in by_number.iter().enumerate() {
            for j in 0..toks.len() {
                let want = built_element_at(el, &d, j, toks.len());
                assert_eq!(p.flat.element_at(n as u32, &d, j, toks.len()), want);
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 0);
        // every trigger's groups and their patterns, as built
        let mut triggers = 0;
        for j in 0..toks.len() {
            let built = p.index.get(ids[j] as usize).map_or(&[][..], |v| &v[..]);
            triggers += usize::from(!built.is_empty());
            let flat: Vec<usize> = p
                .flat
                .groups_of(ids[j])
                .iter()
                .map(|&g| g as usize)
                .collect();
            assert_eq!(flat, built);
            for &g in built {
                let group = &p.groups[g];
                let always: Vec<usize> = p
                    .flat
                    .always(g as u32)
                    .iter()
                    .map(|&x| x as usize)
                    .collect();
                assert_eq!(always, group.always);
                for &id in &ids {
                    let want: Vec<u32> = group
                        .by_next
                        .iter()
                        .filter(|n| n.0 == id)
                        .map(|n| n.1)
                        .collect();
                    assert_eq!(p.flat.next.get(g as u32, id), want);
                }
            }
        }
        assert!(triggers > 5);
    }
}
