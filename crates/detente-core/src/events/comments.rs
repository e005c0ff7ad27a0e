//! Statement events: a quotation that evaluates another actor is a CAMEO comment from the
//! speaker to that actor: 012 pessimistic, 013 optimistic, 130 a warning of consequences.
//! Neutral statements are not coded (CAMEO 010 is a residual category that adds noise).

use super::{Event, Input, Participant};
use crate::date::Date;
use crate::lexicon::Lexicon;
use crate::span::Span;

fn has_prefix_word(lower: &str, prefix: &str) -> bool {
    lower.match_indices(prefix).any(|(i, _)| {
        i == 0
            || !lower[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}

/// The three-byte sequences of a lowercased text, as two Bloom filters: all of them, and those
/// starting a word. A word list's entry is searched for only in a text that may hold it (every
/// three bytes of it in the text; its first three at a word start): a quote is checked against
/// the whole comment lexicon, and most entries are absent.
struct Grams {
    all: [u64; 32],
    starts: [u64; 32],
}

impl Grams {
    fn slot(g: &[u8]) -> (usize, u64) {
        let h = (u32::from(g[0]) | u32::from(g[1]) << 8 | u32::from(g[2]) << 16)
            .wrapping_mul(0x9E37_79B1)
            >> 21;
        ((h >> 6) as usize, 1u64 << (h & 63))
    }

    fn new(lower: &str) -> Self {
        let b = lower.as_bytes();
        let mut g = Grams {
            all: [0; 32],
            starts: [0; 32],
        };
        for w in b.windows(3) {
            let (i, bit) = Self::slot(w);
            g.all[i] |= bit;
        }
        // a word starts where the character before is not alphanumeric (as in
        // `has_prefix_word`); only entries starting with an ASCII letter or digit are filtered
        // (read a byte at a time: an ASCII byte is its character, and only the other
        // characters, rare in English news, are decoded)
        let mut prev_alnum = false;
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            if c.is_ascii() {
                let alnum = c.is_ascii_alphanumeric();
                if !prev_alnum && alnum && i + 3 <= b.len() {
                    let (k, bit) = Self::slot(&b[i..i + 3]);
                    g.starts[k] |= bit;
                }
                prev_alnum = alnum;
                i += 1;
            } else {
                // `i` is a character boundary: it follows a whole character
                let Some(ch) = lower.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                prev_alnum = ch.is_alphanumeric();
                i += ch.len_utf8();
            }
        }
        g
    }

    /// Whether `lower.contains(w)` may be true.
    fn may_contain(&self, w: &str) -> bool {
        w.as_bytes().windows(3).all(|x| {
            let (i, bit) = Self::slot(x);
            self.all[i] & bit != 0
        })
    }

    /// Whether `has_prefix_word(lower, w)` may be true.
    fn may_start(&self, w: &str) -> bool {
        let b = w.as_bytes();
        if b.len() < 3 || !b[0].is_ascii_alphanumeric() {
            return true;
        }
        let (i, bit) = Self::slot(&b[..3]);
        self.starts[i] & bit != 0
    }
}

/// The comment code of a statement's words, if it evaluates.
pub fn classify(words: &str, lex: &Lexicon) -> Option<(&'static str, &'static str)> {
    let lower = words.to_lowercase();
    let grams = Grams::new(&lower);
    if lex
        .speech
        .warning
        .iter()
        .any(|w| grams.may_contain(w) && lower.contains(w.as_str()))
    {
        return Some(("130", "comment.warning"));
    }
    let pess = lex
        .speech
        .pessimistic
        .iter()
        .filter(|w| grams.may_start(w) && has_prefix_word(&lower, w))
        .count();
    let opt = lex
        .speech
        .optimistic
        .iter()
        .filter(|w| grams.may_start(w) && has_prefix_word(&lower, w))
        .count();
    match pess.cmp(&opt) {
        std::cmp::Ordering::Greater => Some(("012", "comment.pessimistic")),
        std::cmp::Ordering::Less => Some(("013", "comment.optimistic")),
        _ => None,
    }
}

pub fn code(input: &Input, lex: &Lexicon, dates: &[Option<Date>]) -> Vec<Event> {
    let actors = input.actors;
    let toks = &input.seg.tokens;
    let mut out = Vec::new();
    for q in input.quotes {
        let (Some(speaker), Some(sm)) = (&q.speaker, q.speaker_mention) else {
            continue;
        };
        let Some(sp) = &speaker.principal else {
            continue;
        };
        if let Some(e) = reported_request(input, q, speaker, sm, dates) {
            out.push(e);
        }
        let Some((code, rule)) = classify(q.span.slice(input.text), lex) else {
            continue;
        };
        let s = input.seg.sentences[q.sentence];
        let other = |m: &&crate::actors::Mention| {
            m.is_actor() && !m.locative && m.actor.principal.as_ref() != Some(sp)
        };
        // the evaluated actor: named in the quote, or the other party of "relations" in the sentence
        let inside = actors
            .mentions
            .iter()
            .filter(|m| q.span.contains(m.span))
            .find(other);
        let relations = (s.first..s.last).any(|t| {
            matches!(
                toks[t].lower.as_str(),
                "relations" | "ties" | "relationship"
            )
        });
        let target = inside.or_else(|| {
            if relations {
                actors
                    .mentions
                    .iter()
                    .filter(|m| s.span.contains(m.span) && !q.span.contains(m.span))
                    .find(other)
            } else {
                None
            }
        });
        let Some(t) = target else { continue };
        let src = &actors.mentions[sm];
        let evidence = if s.span.contains(src.span) {
            q.span.cover(src.span)
        } else {
            q.span
        };
        out.push(Event {
            source: Participant {
                actor: speaker.clone(),
                span: src.span,
            },
            target: Participant {
                actor: t.actor.clone(),
                span: t.span,
            },
            code: code.into(),
            rule: rule.into(),
            negated: false,
            hypothetical: false,
            sentence: q.sentence,
            evidence: Span::new(evidence.start, evidence.end),
            trigger: q.cue.unwrap_or(q.span),
            date: dates.get(q.sentence).copied().flatten(),
            confidence: 0.6,
        });
    }
    out
}

/// "X said (that) Y must/should ...": the speaker demands (must, has to: CAMEO 100) or asks
/// (should, ought to, needs to: 020) something of the reported clause's subject.
fn reported_request(
    input: &Input,
    q: &crate::quotes::Quote,
    speaker: &crate::actors::Actor,
    sm: usize,
    dates: &[Option<Date>],
) -> Option<Event> {
    let toks = &input.seg.tokens;
    let actors = input.actors;
    let first = toks.partition_point(|t| t.span.start < q.span.start);
    let last = toks.partition_point(|t| t.span.start < q.span.end);
    // the clause's subject: an actor among its first words
    let subj = (first..last.min(first + 4)).find_map(|t| {
        actors.by_token[t]
            .filter(|&m| actors.mentions[m].is_actor() && !actors.mentions[m].locative)
    })?;
    let m = &actors.mentions[subj];
    if m.actor.principal == speaker.principal && m.actor.code == speaker.code {
        return None;
    }
    let w = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    // "the Sudanese government and the rebels in Darfur must ...": past the coordinated subjects
    let mut k = m.last;
    while w(k) == "and" || w(k) == "," {
        match (k + 1..(k + 4).min(last)).find_map(|t| actors.by_token[t]) {
            Some(next) => k = actors.mentions[next].last,
            None => break,
        }
    }
    let (code, rule) = match (w(k), w(k + 1)) {
        ("must", _) | ("has" | "have", "to") => ("100", "reported.must"),
        ("should", _) | ("ought", "to") | ("needs" | "need", "to") => ("020", "reported.should"),
        _ => return None,
    };
    let src = &actors.mentions[sm];
    Some(Event {
        source: Participant {
            actor: speaker.clone(),
            span: src.span,
        },
        target: Participant {
            actor: m.actor.clone(),
            span: m.span,
        },
        code: code.into(),
        rule: rule.into(),
        negated: toks
            .get(k + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "not" | "n't")),
        hypothetical: false,
        sentence: q.sentence,
        evidence: q.span.cover(src.span),
        trigger: Span::new(toks[k].span.start, toks[k].span.end),
        date: dates.get(q.sentence).copied().flatten(),
        confidence: 0.6,
    })
}

#[cfg(test)]
mod tests {
    use super::{Grams, has_prefix_word};

    /// The word starts of `Grams::new` as the characters say them, decoding every one (the
    /// former way): the byte-at-a-time reading must find the same.
    fn starts_by_chars(lower: &str) -> [u64; 32] {
        let b = lower.as_bytes();
        let mut starts = [0; 32];
        let mut prev_alnum = false;
        for (i, c) in lower.char_indices() {
            if !prev_alnum && c.is_ascii_alphanumeric() && i + 3 <= b.len() {
                let (k, bit) = Grams::slot(&b[i..i + 3]);
                starts[k] |= bit;
            }
            prev_alnum = c.is_alphanumeric();
        }
        starts
    }

    #[test]
    fn word_starts_read_by_bytes_are_those_read_by_chars() {
        const PIECES: [&str; 12] = [
            "a", "b7", " ", "-", "é", "ü2", "中", "'", "😀", "x", "\u{300}", "ab",
        ];
        let mut next = crate::xorshift(0x5DEE_CE66_D1CE_4E5B);
        for _ in 0..5000 {
            let len = next() % 24;
            let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
            assert_eq!(Grams::new(&text).starts, starts_by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn gram_filters_never_hide_a_match() {
        let texts = [
            "the crisis could lead to a dead end, officials warned",
            "progress-oriented talks; an improvement (hopeful) — Überraschung 'warm' welcome",
            "a a b b ab b b  tension?worrying",
        ];
        let words = [
            "crisis",
            "could lead to",
            "dead end",
            "progress",
            "improv",
            "hopeful",
            "warm",
            "welcome",
            "b b",
            "ab",
            "tension",
            "worr",
            "ing",
            "über",
            "'warm",
        ];
        for t in texts {
            let lower = t.to_lowercase();
            let g = Grams::new(&lower);
            for w in words {
                if lower.contains(w) {
                    assert!(g.may_contain(w), "{t:?} {w:?}");
                }
                if has_prefix_word(&lower, w) {
                    assert!(g.may_start(w), "{t:?} {w:?}");
                }
            }
        }
    }
}
