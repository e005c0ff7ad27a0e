//! Stage 5, events: who did what to whom, and when. Patterns find triggers; a light clause
//! analysis (no parser) finds source and target around them (subjects, objects, passives,
//! possessives, "between X and Y", coordination); negation, modality and conditionals flag
//! events that did not happen or may not; statements that evaluate another actor become
//! comment events. Every event names its rule and its evidence.

mod clause;
mod coder;
mod comments;
pub mod ontology;
pub mod patterns;
pub mod petrarch;

pub use coder::Notes;
pub use ontology::Ontology;
pub use patterns::Patterns;

use crate::actors::{Actor, Actors};
use crate::date::Date;
use crate::lexicon::Lexicon;
use crate::quotes::Quote;
use crate::segment::Segmentation;
use crate::span::Span;

/// An actor in an event role, with the offsets of the mention that fills it.
#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    pub actor: Actor,
    pub span: Span,
}

/// One coded event.
#[derive(Clone, Debug)]
pub struct Event {
    pub source: Participant,
    pub target: Participant,
    /// The CAMEO code, and the rule that coded it (a pattern's id, a comment rule): short
    /// strings held inline, not allocated per event.
    pub code: smol_str::SmolStr,
    pub rule: smol_str::SmolStr,
    pub negated: bool,
    pub hypothetical: bool,
    pub sentence: usize,
    pub evidence: Span,
    pub trigger: Span,
    pub date: Option<Date>,
    pub confidence: f64,
}

/// Everything the event stage reads.
pub struct Input<'a> {
    pub text: &'a str,
    pub seg: &'a Segmentation,
    pub actors: &'a Actors,
    pub quotes: &'a [Quote],
    pub published: Option<Date>,
    /// The date of each sentence ([`sentence_dates`]), when the caller has them already.
    pub dates: Option<&'a [Option<Date>]>,
}

pub use coder::sentence_dates;

/// Runs the event stage.
pub fn find(input: &Input, patterns: &Patterns, lex: &Lexicon) -> Vec<Event> {
    find_explained(input, patterns, lex, &mut Notes::default())
}

/// Runs the event stage and records, per sentence, what matched and why an event was or was
/// not coded.
pub fn find_explained(
    input: &Input,
    patterns: &Patterns,
    lex: &Lexicon,
    notes: &mut Notes,
) -> Vec<Event> {
    let dates: std::borrow::Cow<[Option<Date>]> = match input.dates {
        Some(d) => d.into(),
        None => coder::sentence_dates(input.text, input.seg, input.published).into(),
    };
    let mut events = coder::code(input, patterns, &dates, notes);
    events.extend(comments::code(input, lex, &dates));
    // one event per (source, target, code, sentence): an event is dropped when an earlier one
    // of its sentence has the same key (events are compared within their sentence only, in
    // their order)
    let same = |a: &Event, b: &Event| {
        a.negated == b.negated
            && a.hypothetical == b.hypothetical
            && a.code == b.code
            && a.source.actor.code == b.source.actor.code
            && a.target.actor.code == b.target.actor.code
            && a.source.actor.principal == b.source.actor.principal
            && a.target.actor.principal == b.target.actor.principal
    };
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| events[i].sentence); // stable: in order within a sentence
    let mut keep = vec![true; events.len()];
    for group in order.chunk_by(|&a, &b| events[a].sentence == events[b].sentence) {
        for (k, &i) in group.iter().enumerate() {
            if group[..k].iter().any(|&j| same(&events[j], &events[i])) {
                keep[i] = false;
            }
        }
    }
    let mut keep = keep.into_iter();
    events.retain(|_| keep.next().unwrap_or(true));
    events.sort_by_key(|e| (e.evidence.start, e.trigger.start));
    events
}
