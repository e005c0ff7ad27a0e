//! Stage 4, quotes: who said what. Direct quotations (before, after or around their
//! attribution, over several paragraphs), partial quotations inside reported speech, and
//! indirect speech ("Fomin stressed that ..."), each with its cue and its speaker resolved
//! through the actor layer. Scare quotes are not quotations; unbalanced marks are dropped
//! without losing the rest of the text.

mod attribution;
mod marks;

use crate::actors::{Actor, Actors};
use crate::lexicon::Lexicon;
use crate::segment::Segmentation;
use crate::span::Span;
use serde::Serialize;

/// The kind of a quotation, as in the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
}

/// One quotation.
#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    /// The quoted words (inside the marks, or the reported clause).
    pub span: Span,
    pub kind: QuoteKind,
    /// The speech verb or phrase that attributes it ("said", "told reporters").
    pub cue: Option<Span>,
    pub speaker: Option<Actor>,
    /// The mention (index into the actor layer) that names the speaker here.
    pub speaker_mention: Option<usize>,
    /// Index of the sentence where the quote starts.
    pub sentence: usize,
}

/// Runs the quote stage.
pub fn find(text: &str, seg: &Segmentation, actors: &Actors, lex: &Lexicon) -> Vec<Quote> {
    let spans = marks::quoted_spans(text, seg);
    let mut quotes = attribution::attribute(text, seg, actors, lex, &spans);
    quotes.sort_by_key(|q| q.span.start);
    quotes
}
