//! Stage 4, quotes: who said what. Direct quotations (before, after or around their
//! attribution, over several paragraphs), partial quotations inside reported speech, and
//! indirect speech ("Fomin stressed that ..."), each with its cue and its speaker resolved
//! through the actor layer. Scare quotes are not quotations; unbalanced marks are dropped
//! without losing the rest of the text.

mod attribution;
#[cfg(test)]
mod forms;
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

#[cfg(test)]
mod tests {
    use super::QuoteKind;
    use crate::{Analyzer, Options};

    fn quotes(text: &str) -> Vec<(QuoteKind, String, Option<String>)> {
        let a = Analyzer::new().unwrap();
        let r = a.analyze(text.as_bytes(), &Options::default()).unwrap();
        r.quotes
            .iter()
            .map(|q| {
                (
                    q.kind,
                    q.text.clone(),
                    q.speaker.as_ref().map(|s| s.name.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn direct_quotes_before_after_and_around_the_attribution() {
        let q = quotes(
            "Jens Stoltenberg, the NATO Secretary-General, spoke on Monday. “We are ready to talk,” he said. “But we will not compromise.”\n\nRussian Foreign Minister Sergei Lavrov said: “The answer is no.”",
        );
        assert_eq!(q.len(), 3, "{q:?}");
        assert!(
            q.iter()
                .take(2)
                .all(|x| x.0 == QuoteKind::Direct && x.2.as_deref() == Some("Jens Stoltenberg")),
            "{q:?}"
        );
        assert!(
            q[2].2.as_deref().is_some_and(|n| n.ends_with("Lavrov")),
            "{q:?}"
        );
    }

    #[test]
    fn partial_quotes_in_reported_speech_and_indirect_speech() {
        let q = quotes(
            "Alexander Fomin, the Russian Deputy Defence Minister, said relations were “at a critically low level” after the talks. Fomin stressed that Russia is counting on a constructive discussion.",
        );
        assert!(
            q.iter().any(|x| x.0 == QuoteKind::Partial
                && x.1.starts_with("at a critically")
                && x.2.as_deref() == Some("Alexander Fomin")),
            "{q:?}"
        );
        assert!(
            q.iter().any(|x| x.0 == QuoteKind::Indirect
                && x.1.starts_with("Russia is counting")
                && x.2.as_deref() == Some("Alexander Fomin")),
            "{q:?}"
        );
    }

    #[test]
    fn a_three_paragraph_quotation_has_one_speaker() {
        let q = quotes(
            "Kevin Mayer said the launch went well.\n\n“The first part of the statement.\n\n“The second part goes on.\n\n“The third part ends it,” Mayer said.",
        );
        let direct: Vec<_> = q.iter().filter(|x| x.0 == QuoteKind::Direct).collect();
        assert_eq!(direct.len(), 1, "{q:?}");
        assert!(
            direct[0].1.contains("second part") && direct[0].2.as_deref() == Some("Kevin Mayer"),
            "{q:?}"
        );
    }

    #[test]
    fn scare_quotes_unbalanced_marks_and_agencies() {
        // scare quotes are not quotations; an unbalanced mark loses nothing after it
        let q = quotes(
            "The bloc opposed the buildup of so-called “forward-based contingents”. He said “we are ready.\n\nThen the talks began. “Russia is ready to talk,” Sergei Ryabkov told reporters, RBC reports.",
        );
        assert!(!q.iter().any(|x| x.1.contains("forward-based")), "{q:?}");
        let last = q.last().unwrap();
        assert_eq!(last.1, "Russia is ready to talk,");
        assert_eq!(
            last.2.as_deref(),
            Some("Sergei Ryabkov"),
            "the agency is not the speaker: {q:?}"
        );
    }

    #[test]
    fn an_anonymous_source_is_named_by_its_description() {
        let q = quotes(
            "“The prince is not entitled to immunity,” said one legal expert, as reported by the newspaper.",
        );
        assert_eq!(q[0].2.as_deref(), Some("one legal expert"), "{q:?}");
    }
}
