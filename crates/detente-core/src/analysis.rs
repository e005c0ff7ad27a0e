//! The pipeline and its output: [`Analyzer`] runs read -> segment -> actors -> quotes ->
//! events over one document and returns an [`Analysis`], the JSON object of the output
//! contract (`detente.analysis/1`), with every offset converted to code points.

use crate::actors::{self, Actor, Dictionary};
use crate::date::Date;
use crate::error::Result;
use crate::events::{self, Ontology, Patterns};
use crate::lexicon::Lexicon;
use crate::quotes::{self, QuoteKind};
use crate::read::{self, Format, Hints};
use crate::segment;
use crate::span::CharIndex;
use serde::Serialize;

pub mod json;

/// The contract's schema name.
pub const SCHEMA: &str = "detente.analysis/1";

/// What the caller says about one document.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub id: String,
    pub format: Format,
    pub hints: Hints,
    /// Record, per sentence, what the event coder matched and why it coded or did not.
    pub explain: bool,
    /// The members of the output to build (default: all of them).
    pub fields: Fields,
}

/// Which members of the contract object an analysis holds: all of them by default, or a
/// projection the caller asks for (`detente analyze --fields events`) when it needs less than
/// the whole object. Every stage still runs (events need the actors and the quotes); what a
/// projection saves is building and printing the members nobody reads, e.g. the document's
/// text and its mentions, which make most of a batch's output.
///
/// `schema` and `document.id` are always there. `document` is the rest of the document's
/// metadata, `text` its `document.text`; `sentences`, `mentions`, `quotes` and `events` are
/// the contract's lists. A member left out is absent from the JSON, not an empty list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fields(u8);

impl Fields {
    pub const DOCUMENT: Fields = Fields(1);
    pub const TEXT: Fields = Fields(2);
    pub const SENTENCES: Fields = Fields(4);
    pub const MENTIONS: Fields = Fields(8);
    pub const QUOTES: Fields = Fields(16);
    pub const EVENTS: Fields = Fields(32);
    pub const ALL: Fields = Fields(63);
    /// The names `parse` accepts, in the order of the contract.
    pub const NAMES: [(&'static str, Fields); 6] = [
        ("document", Fields::DOCUMENT),
        ("text", Fields::TEXT),
        ("sentences", Fields::SENTENCES),
        ("mentions", Fields::MENTIONS),
        ("quotes", Fields::QUOTES),
        ("events", Fields::EVENTS),
    ];

    /// A comma-separated list of member names ("document,events"), or "all".
    pub fn parse(list: &str) -> std::result::Result<Fields, String> {
        let mut f = Fields(0);
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name == "all" {
                f = Fields::ALL;
                continue;
            }
            match Fields::NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, x)) => f.0 |= x.0,
                None => {
                    let known: Vec<&str> = Fields::NAMES.iter().map(|(n, _)| *n).collect();
                    return Err(format!(
                        "unknown member {name:?}: choose among {} (comma-separated), or all",
                        known.join(", ")
                    ));
                }
            }
        }
        Ok(f)
    }

    /// Holds every member of `other`.
    pub fn has(self, other: Fields) -> bool {
        self.0 & other.0 == other.0
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::ALL
    }
}

/// The built-in data, loaded once; analysing is then pure and thread-safe (`&self`).
pub struct Analyzer {
    pub lexicon: Lexicon,
    pub dictionary: Dictionary,
    pub ontology: Ontology,
    pub patterns: Patterns,
}

/// `document` of the contract.
#[derive(Serialize, Debug, Clone)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub language: String,
    pub cited_sources: Vec<String>,
    /// Extension: the byline, when the page names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub text: String,
}

/// A span in code points.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offsets {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Debug, Clone)]
pub struct MentionOut {
    pub start: usize,
    pub end: usize,
    pub actor: Actor,
    /// Extension: how the mention names the actor (name, adjective, pronoun, ...).
    pub kind: actors::MentionKind,
}

#[derive(Serialize, Debug, Clone)]
pub struct QuoteOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub cue: Option<String>,
    pub speaker: Option<Actor>,
    /// Extension: the sentence where the quote starts.
    pub sentence: usize,
}

#[derive(Serialize, Debug, Clone)]
pub struct Role {
    pub name: smol_str::SmolStr,
    pub code: smol_str::SmolStr,
    pub principal: Option<smol_str::SmolStr>,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Debug, Clone)]
pub struct Plover {
    #[serde(rename = "type")]
    pub kind: smol_str::SmolStr,
    pub mode: Option<smol_str::SmolStr>,
}

#[derive(Serialize, Debug, Clone)]
pub struct EventOut {
    pub source: Role,
    pub target: Role,
    pub cameo: smol_str::SmolStr,
    pub root: smol_str::SmolStr,
    /// Extension: the CAMEO code's name.
    pub cameo_name: smol_str::SmolStr,
    pub quad_class: u8,
    pub goldstein: f64,
    pub plover: Option<Plover>,
    pub date: Option<Date>,
    pub negated: bool,
    pub hypothetical: bool,
    pub sentence: usize,
    pub evidence: Offsets,
    /// Extension: the trigger words.
    pub trigger: Offsets,
    pub rule: smol_str::SmolStr,
    pub confidence: f64,
}

/// Extension: the event coder's reasons for one sentence (`--explain`).
#[derive(Serialize, Debug, Clone)]
pub struct Explanation {
    pub sentence: usize,
    pub notes: Vec<String>,
}

/// The analysis of one document, as the contract defines it.
#[derive(Serialize, Debug, Clone)]
pub struct Analysis {
    pub schema: &'static str,
    pub document: Document,
    pub sentences: Vec<Offsets>,
    pub mentions: Vec<MentionOut>,
    pub quotes: Vec<QuoteOut>,
    pub events: Vec<EventOut>,
    /// Extension, only with `Options::explain`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<Explanation>,
    /// The members built ([`Options::fields`]); the others are empty and
    /// [`json::write_analysis`] leaves them out. Serde's derive ignores it: the server and the
    /// store always build the whole object.
    #[serde(skip)]
    pub fields: Fields,
}

impl Analyzer {
    /// Loads the built-in dictionaries, lexicons, ontology and patterns.
    pub fn new() -> Result<Self> {
        let lexicon = Lexicon::builtin()?;
        let dictionary = Dictionary::builtin()?;
        let ontology = Ontology::builtin()?;
        let patterns = Patterns::builtin(&ontology, &lexicon.irregular)?;
        Ok(Self {
            lexicon,
            dictionary,
            ontology,
            patterns,
        })
    }

    /// Assembles an analyzer from data loaded by the caller (e.g. in parallel threads).
    pub fn from_parts(
        lexicon: Lexicon,
        dictionary: Dictionary,
        ontology: Ontology,
        patterns: Patterns,
    ) -> Self {
        Self {
            lexicon,
            dictionary,
            ontology,
            patterns,
        }
    }

    /// Analyses one document.
    pub fn analyze(&self, bytes: &[u8], opts: &Options) -> Result<Analysis> {
        let fields = opts.fields;
        let article = read::read_for(
            bytes,
            opts.format,
            &opts.hints,
            &self.lexicon,
            fields.has(Fields::DOCUMENT),
        )?;
        let text = article.text.as_str();
        let seg = segment::segment(text, &self.lexicon);
        // each sentence's date first: an official's code is the one in force on the date of
        // the events the sentence tells
        let dates = events::sentence_dates(text, &seg, article.published);
        let actor_layer = actors::find_dated(text, &seg, &self.dictionary, &self.lexicon, &dates);
        let quote_list = quotes::find(text, &seg, &actor_layer, &self.lexicon);
        let input = events::Input {
            text,
            seg: &seg,
            actors: &actor_layer,
            quotes: &quote_list,
            published: article.published,
            dates: Some(&dates),
        };
        let mut notes = events::Notes {
            enabled: opts.explain,
            items: Vec::new(),
        };
        let event_list = events::find_explained(&input, &self.patterns, &self.lexicon, &mut notes);
        let mut explain: Vec<Explanation> = Vec::new();
        for (si, note) in notes.items {
            match explain.last_mut() {
                Some(e) if e.sentence == si => e.notes.push(note),
                _ => explain.push(Explanation {
                    sentence: si,
                    notes: vec![note],
                }),
            }
        }

        let idx = CharIndex::new(text);
        let off = |s: crate::span::Span| Offsets {
            start: idx.chars(s.start),
            end: idx.chars(s.end),
        };
        let sentences = if fields.has(Fields::SENTENCES) {
            seg.sentences.iter().map(|s| off(s.span)).collect()
        } else {
            Vec::new()
        };
        // the stages' results are moved into the output, not cloned: their actors' strings
        // are a good part of a document's allocations
        let mentions = actor_layer
            .mentions
            .into_iter()
            .take(if fields.has(Fields::MENTIONS) {
                usize::MAX
            } else {
                0
            })
            .map(|m| {
                let o = off(m.span);
                MentionOut {
                    start: o.start,
                    end: o.end,
                    actor: m.actor,
                    kind: m.kind,
                }
            })
            .collect();
        let quotes = quote_list
            .into_iter()
            .take(if fields.has(Fields::QUOTES) {
                usize::MAX
            } else {
                0
            })
            .map(|q| {
                let o = off(q.span);
                QuoteOut {
                    start: o.start,
                    end: o.end,
                    text: q.span.slice(text).to_string(),
                    kind: q.kind,
                    cue: q.cue.map(|c| c.slice(text).to_string()),
                    speaker: q.speaker,
                    sentence: q.sentence,
                }
            })
            .collect();
        let role = |p: events::Participant| {
            let o = off(p.span);
            Role {
                name: p.actor.name,
                code: p.actor.code,
                principal: p.actor.principal,
                start: o.start,
                end: o.end,
            }
        };
        // sized once (a filtered iterator's collect grows the vector by doubling: each step a
        // copy of events of some 300 bytes)
        let mut events = Vec::new();
        if fields.has(Fields::EVENTS) {
            events.reserve_exact(event_list.len());
            events.extend(event_list.into_iter().filter_map(|e| {
                let names = self.ontology.get_with_plover(&e.code)?;
                let (c, plover) = (names.code, names.plover);
                Some(EventOut {
                    root: names.root.clone(),
                    cameo_name: c.name.clone(),
                    quad_class: c.quad,
                    goldstein: c.goldstein,
                    plover: plover.map(|(t, m)| Plover {
                        kind: t.clone(),
                        mode: m.clone(),
                    }),
                    cameo: e.code,
                    source: role(e.source),
                    target: role(e.target),
                    date: e.date,
                    negated: e.negated,
                    hypothetical: e.hypothetical,
                    sentence: e.sentence,
                    evidence: off(e.evidence),
                    trigger: off(e.trigger),
                    rule: e.rule,
                    confidence: e.confidence,
                })
            }));
        }
        Ok(Analysis {
            schema: SCHEMA,
            document: Document {
                id: opts.id.clone(),
                title: article.title,
                published: article.published,
                // "Moscow, January 10, 2022" is a dateline: a place, not an outlet
                outlet: article.outlet.filter(|o| {
                    fields.has(Fields::DOCUMENT) && !names_a_place(&self.dictionary, o)
                }),
                url: article.url,
                language: article.language,
                cited_sources: article.cited_sources,
                author: article.author,
                text: article.text,
            },
            sentences,
            mentions,
            quotes,
            events,
            explain,
            fields,
        })
    }
}

/// `name` (as written, or in title case: "MOSCOW") is exactly a country, capital or place of
/// the built-in dictionaries.
fn names_a_place(dict: &Dictionary, name: &str) -> bool {
    use crate::actors::dictionary::Entry;
    let title: String = name
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| {
                    f.to_uppercase()
                        .chain(c.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ");
    [name, title.as_str()].iter().any(|n| {
        let mut place = false;
        dict.forms_at(n.as_bytes(), 0, |e, entry| {
            place |= e == n.len()
                && matches!(
                    entry,
                    Entry::Country(_) | Entry::Capital(_) | Entry::Place(_)
                );
        });
        place
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_place_is_not_the_outlet() {
        let an = Analyzer::new().expect("built-in data loads");
        let text = "Russia rejects US proposals\n\nMoscow, January 10, 2022\n\nRussia and the US held talks in Geneva on Monday.\n\nRu-Main, 10.01.2022";
        let a = an.analyze(text.as_bytes(), &Options::default()).unwrap();
        assert_eq!(a.document.outlet, None, "{:?}", a.document.outlet);
        assert_eq!(a.document.published, Date::parse("2022-01-10"));
        // a sign-off names the outlet
        let text = "Russia rejects US proposals\n\nRussia and the US held talks in Geneva on Monday.\n\nRu-Main, 10.01.2022";
        let a = an.analyze(text.as_bytes(), &Options::default()).unwrap();
        assert_eq!(a.document.outlet.as_deref(), Some("Ru-Main"));
        // a dateline on the first line is no title either
        let text = "MOSCOW, January 10, 2022\n\nRussia and the US held talks in Geneva on Monday.";
        let a = an.analyze(text.as_bytes(), &Options::default()).unwrap();
        assert_eq!(a.document.title, None);
        assert_eq!(a.document.outlet, None);
        assert_eq!(a.document.published, Date::parse("2022-01-10"));
        assert!(a.document.text.starts_with("Russia and the US"));
        assert!(names_a_place(&an.dictionary, "MOSCOW") && names_a_place(&an.dictionary, "Geneva"));
        assert!(
            !names_a_place(&an.dictionary, "Ru-Main")
                && !names_a_place(&an.dictionary, "Moscow Times")
        );
    }
}
