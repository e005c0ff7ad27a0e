//! Word lists that are not actors or event patterns: news agencies, page furniture,
//! abbreviations, the words of reported speech and of evaluative comment. All are project
//! data files under `data/lexicon/`, compiled into the binary.

use crate::error::{Error, Result};
use crate::inflect::{self, Irregulars};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

const AGENCIES: &str = crate::builtin_data!("lexicon/agencies");
const FURNITURE: &str = crate::builtin_data!("lexicon/furniture");
const ABBREVIATIONS: &str = crate::builtin_data!("lexicon/abbreviations");
const SPEECH: &str = crate::builtin_data!("lexicon/speech");
const IRREGULAR: &str = crate::builtin_data!("lexicon/irregular_verbs");

/// Parses one TOML data file, naming it in the error.
/// The JSON that `build.rs` compiled from a built-in data file, e.g.
/// `builtin_data!("actors/countries")` for `data/actors/countries.toml`.
#[macro_export]
#[doc(hidden)]
macro_rules! builtin_data {
    ($f:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $f, ".json"))
    };
}

/// Reads a built-in data file as `build.rs` compiled it (checked TOML, stored as JSON).
pub fn parse_builtin<T: for<'de> Deserialize<'de>>(name: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Data {
        file: name.to_string(),
        message: e.to_string(),
    })
}

pub fn parse_toml<T: for<'de> Deserialize<'de>>(name: &str, src: &str) -> Result<T> {
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
struct SpeechFile {
    verbs: Vec<String>,
    multi: Vec<String>,
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
    pub pessimistic: Vec<String>,
    pub optimistic: Vec<String>,
    pub warning: Vec<String>,
}

/// All word lists, loaded once.
pub struct Lexicon {
    agencies: Vec<String>,
    agency_index: HashMap<String, usize>,
    /// Finds every agency name (case-sensitive, longest first).
    pub agency_matcher: AhoCorasick,
    pub furniture: FurnitureWords,
    pub titles: HashSet<String>,
    pub abbreviations: HashSet<String>,
    pub speech: Speech,
    pub irregular: Irregulars,
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
        let agency_matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::Data {
                file: "data/lexicon/agencies.toml".into(),
                message: e.to_string(),
            })?;
        let ab: AbbrevFile = parse_builtin("data/lexicon/abbreviations.toml", ABBREVIATIONS)?;
        let sp: SpeechFile = parse_builtin("data/lexicon/speech.toml", SPEECH)?;
        let irr: IrregularFile = parse_builtin("data/lexicon/irregular_verbs.toml", IRREGULAR)?;
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
        let cue_starts = verb_forms
            .keys()
            .cloned()
            .chain(multi.iter().filter_map(|m| m.first().cloned()))
            .collect();
        Ok(Self {
            agencies,
            agency_index,
            agency_matcher,
            furniture: parse_builtin("data/lexicon/furniture.toml", FURNITURE)?,
            titles: ab.titles.into_iter().collect(),
            abbreviations: ab.others.into_iter().collect(),
            speech: Speech {
                verb_forms,
                multi,
                cue_starts,
                pessimistic: sp.pessimistic,
                optimistic: sp.optimistic,
                warning: sp.warning,
            },
            irregular,
        })
    }

    /// The display name of a known agency.
    pub fn agency(&self, name: &str) -> Option<&str> {
        self.agency_index
            .get(name.trim())
            .map(|&i| self.agencies[i].as_str())
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
