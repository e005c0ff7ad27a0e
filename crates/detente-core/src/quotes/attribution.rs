//! Attribution: which quoted stretches are quotations, what kind, and who said them; and
//! indirect speech from speech verbs with a reported clause.
//!
//! Rules, in order of trust:
//! - a cue right after the closing mark: `,” Fomin said`, `,” he said`, `,” said Fomin`;
//! - a cue before the opening mark in the same sentence: `Fomin said: “...”`, `Stoltenberg
//!   insisted that “...”`, `as stated by X`;
//! - partial quotes inside reported speech take the reporting verb's subject;
//! - a direct quote with no cue that follows another quote continues its speaker.
//! A news agency is never a speaker ("RBC reports" only cites a source).

use super::marks::Quoted;
use super::{Quote, QuoteKind};
use crate::actors::{Actors, MentionKind};
use crate::lexicon::Lexicon;
use crate::segment::{Kind, Segmentation};
use crate::span::Span;

/// A speech cue: token range and the index of the mention naming the speaker.
#[derive(Clone, Copy, Debug)]
struct Cue {
    first: usize,
    last: usize,
    speaker: Option<usize>,
}

fn sentence_of(seg: &Segmentation, t: usize) -> usize {
    seg.sentences
        .partition_point(|s| s.last <= t)
        .min(seg.sentences.len().saturating_sub(1))
}

/// A speech verb at token `i`: a form of a speech verb, or a multi-word cue. Returns its end.
/// A verb whose subject is a news agency ("RBC reports") only cites a source: no cue.
fn cue_at(text: &str, seg: &Segmentation, lex: &Lexicon, i: usize) -> Option<usize> {
    let toks = &seg.tokens;
    if i > 0 && lex.is_agency(seg.tokens[i - 1].span.slice(text)) {
        return None;
    }
    for words in &lex.speech.multi {
        if toks.len() >= i + words.len()
            && toks[i..i + words.len()]
                .iter()
                .zip(words)
                .all(|(t, w)| t.lower == *w)
        {
            return Some(i + words.len());
        }
    }
    let w = toks[i].lower.as_str();
    if lex.speech.verb_forms.contains_key(w) && toks[i].is_word() {
        // "point" only in "pointed out"; "call" only with "for"/"on"; nouns like "report" need a subject
        if matches!(
            w,
            "point" | "points" | "pointed" | "call" | "calls" | "called" | "post" | "posts"
        ) {
            return None;
        }
        // "continued" attributes only right after a quotation: `,” he continued.`
        let near_quote = (i.saturating_sub(3)..i).any(|k| toks[k].kind == Kind::Quote);
        if matches!(w, "continue" | "continues" | "continued") && !near_quote {
            return None;
        }
        let mut end = i + 1;
        // "told reporters", "told journalists", "told RBC"
        if matches!(w, "told" | "tells" | "tell") && toks.get(end).is_some_and(|t| t.is_word()) {
            end += 1;
        }
        return Some(end);
    }
    None
}

fn is_speaker_mention(actors: &Actors, t: usize) -> Option<usize> {
    let mi = actors.by_token.get(t).copied().flatten()?;
    let m = &actors.mentions[mi];
    matches!(
        m.kind,
        MentionKind::Person
            | MentionKind::Pronoun
            | MentionKind::Role
            | MentionKind::Name
            | MentionKind::Metonym
            | MentionKind::Description
    )
    .then_some(mi)
}

/// The subject of a speech verb at `v`: the nearest mention to its left in the clause,
/// skipping adverbs, auxiliaries and a parenthetical between commas.
fn subject_before(seg: &Segmentation, actors: &Actors, v: usize, floor: usize) -> Option<usize> {
    let toks = &seg.tokens;
    let mut j = v;
    let mut commas = 0;
    while j > floor {
        j -= 1;
        if let Some(mi) = is_speaker_mention(actors, j) {
            let m = &actors.mentions[mi];
            // the head of "the military bloc's Secretary-General, Jens Stoltenberg,": the person
            return Some(mi)
                .filter(|_| m.kind != MentionKind::Name || m.last == v || commas % 2 == 0 || true);
        }
        let w = toks[j].lower.as_str();
        if w == "," {
            commas += 1;
            continue;
        }
        if matches!(toks[j].kind, Kind::Quote) || matches!(w, "." | ";" | ":" | "that" | "”") {
            return None;
        }
        if v - j > 12 {
            return None;
        }
    }
    None
}

/// A speaker after a speech verb: `said Fomin`, `said the minister`.
fn subject_after(actors: &Actors, end: usize, limit: usize) -> Option<usize> {
    (end..limit.min(end + 8)).find_map(|t| is_speaker_mention(actors, t))
}

/// Determiners that open an anonymous source's description.
const SOURCE_OPENERS: &[&str] = &[
    "a",
    "an",
    "one",
    "the",
    "two",
    "three",
    "several",
    "some",
    "another",
    "senior",
    "officials",
    "sources",
    "experts",
    "analysts",
    "witnesses",
    "diplomats",
];

/// The description of an unnamed speaker next to a cue: "one legal expert" in `said one legal
/// expert`, "a senior official" in `a senior official said`.
fn anonymous_source(
    text: &str,
    toks: &[crate::segment::Token],
    c: Cue,
    close: usize,
    end: usize,
) -> Option<crate::actors::Actor> {
    let describe = |a: usize, b: usize| -> Option<crate::actors::Actor> {
        let ws = &toks[a..b];
        let ok = !ws.is_empty()
            && ws.len() <= 5
            && SOURCE_OPENERS.contains(&ws[0].lower.as_str())
            && ws
                .iter()
                .all(|t| t.is_word() && !t.is_capitalized(text) || t.lower == "-");
        ok.then(|| crate::actors::Actor {
            name: text[toks[a].span.start..toks[b - 1].span.end].to_string(),
            code: String::new(),
            principal: None,
        })
    };
    // before the cue, after the closing mark: `,” the expert warned`
    let before = (close + 1..c.first)
        .find(|&k| toks[k].is_word())
        .and_then(|a| describe(a, c.first));
    // after the cue: `,” said one legal expert, as reported`
    let after = || {
        let b = (c.last..end.min(c.last + 6))
            .find(|&k| !toks[k].is_word() && toks[k].lower != "-")
            .unwrap_or(end.min(c.last + 6));
        describe(c.last, b)
    };
    before.or_else(after)
}

pub fn attribute(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    spans: &[Quoted],
) -> Vec<Quote> {
    let toks = &seg.tokens;
    let mut out: Vec<Quote> = Vec::new();
    for q in spans {
        let si = sentence_of(seg, q.open);
        let s = seg.sentences[si];
        let words = toks[q.open + 1..q.close]
            .iter()
            .filter(|t| t.is_word())
            .count();
        let at_start =
            q.open == s.first || toks[q.open - 1].lower == ":" || toks[q.open].after_newline;
        // a cue after the closing mark, within the same sentence (or the sentence it closes)
        let mut cue: Option<Cue> = None;
        let after_end = seg.sentences[sentence_of(seg, q.close)].last;
        let mut k = q.close + 1;
        // `,” Mayer, Disney's chairman of ..., said`: a speaker with an apposition before the cue
        let appositive = toks.get(q.close + 1).is_some_and(|t| t.lower == ",")
            && is_speaker_mention(actors, q.close + 2).is_some()
            || is_speaker_mention(actors, q.close + 1).is_some();
        let reach = if appositive { 18 } else { 6 };
        while k < after_end && k < q.close + reach {
            if let Some(e) = cue_at(text, seg, lex, k) {
                let sp = subject_before(seg, actors, k, q.close + 1)
                    .or_else(|| subject_after(actors, e, after_end));
                cue = Some(Cue {
                    first: k,
                    last: e,
                    speaker: sp,
                });
                break;
            }
            k += 1;
        }
        // a cue before the opening mark in the sentence
        if cue.is_none() {
            let mut k = q.open;
            while k > s.first {
                k -= 1;
                if toks[k].kind == Kind::Quote {
                    break;
                }
                if let Some(e) = cue_at(text, seg, lex, k) {
                    let sp = subject_before(seg, actors, k, s.first)
                        .or_else(|| subject_after(actors, e, q.open));
                    cue = Some(Cue {
                        first: k,
                        last: e,
                        speaker: sp,
                    });
                    break;
                }
            }
        }
        let direct = at_start && words >= 3;
        let partial_ok = cue.is_some()
            && (words >= 3
                || q.open > 0
                    && cue.is_some_and(|c| c.last == q.open || toks[q.open - 1].lower == "that"));
        if !direct && !partial_ok {
            continue; // scare quotes, titles, names
        }
        let mut speaker = cue.and_then(|c| c.speaker);
        if speaker.is_none() && direct && cue.is_none() {
            // a quotation that continues the previous speaker's
            speaker = out
                .iter()
                .rev()
                .find(|p| {
                    p.kind == QuoteKind::Direct
                        && seg.sentences[p.sentence].paragraph + 1 >= s.paragraph
                })
                .and_then(|p| p.speaker_mention);
        }
        let kind = if direct {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
        // "said one legal expert", "a senior official said": an anonymous source is named by its
        // description, with no code or principal
        let anonymous = match (speaker, cue) {
            (None, Some(c)) => anonymous_source(
                text,
                toks,
                c,
                q.close,
                seg.sentences[sentence_of(seg, q.close)].last,
            ),
            _ => None,
        };
        out.push(Quote {
            span: q.inner,
            kind,
            cue: cue.map(|c| Span::new(toks[c.first].span.start, toks[c.last - 1].span.end)),
            speaker: speaker
                .map(|mi| actors.mentions[mi].actor.clone())
                .or(anonymous),
            speaker_mention: speaker,
            sentence: si,
        });
    }
    // indirect speech: speech verb + subject + reported clause
    for (si, s) in seg.sentences.iter().enumerate() {
        let mut k = s.first;
        let mut prev_subj: Option<usize> = None;
        while k < s.last {
            let Some(e) = cue_at(text, seg, lex, k) else {
                k += 1;
                continue;
            };
            let inside_quote = spans.iter().any(|q| q.open < k && k < q.close);
            // "told reporters that ... and disclosed that ...": the second verb shares the subject
            let coordinated = k > s.first && toks[k - 1].lower == "and" && prev_subj.is_some();
            let subj = if coordinated {
                prev_subj
            } else {
                subject_before(seg, actors, k, s.first)
            };
            prev_subj = subj.or(prev_subj);
            let mut c = e;
            // "made it clear, however, that", "told reporters that"
            while c < s.last
                && c < e + 6
                && toks[c].lower != "that"
                && (toks[c].lower == ","
                    || matches!(
                        toks[c].lower.as_str(),
                        "however"
                            | "also"
                            | "again"
                            | "repeatedly"
                            | "on"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                            | "here"
                            | "today"
                            | "yesterday"
                            | "tonight"
                            | "later"
                            | "earlier"
                            | "last"
                            | "week"
                            | "month"
                            | "in"
                            | "a"
                            | "the"
                            | "statement"
                            | "interview"
                            | "briefing"
                            | "at"
                            | "further"
                            | "publicly"
                            | "recently"
                            | "separately"
                            | "reportedly"
                    ))
            {
                c += 1;
            }
            let has_that = toks.get(c).is_some_and(|t| t.lower == "that");
            if inside_quote
                || subj.is_none()
                || !has_that && !matches!(toks[k].lower.as_str(), "according")
            {
                k = e;
                continue;
            }
            let start = c + 1;
            // the clause ends at the sentence end, or before a trailing ", RBC reports"
            let mut end = s.last;
            while end > start && matches!(toks[end - 1].kind, Kind::Punct | Kind::Quote) {
                end -= 1;
            }
            if let Some(tail) = (start..end).rev().find(|&t| {
                toks[t].lower == ","
                    && toks
                        .get(t + 1)
                        .is_some_and(|n| lex.is_agency(n.span.slice(text)))
            }) {
                end = tail;
            }
            // and at the next reported clause: "... and disclosed that ..."
            if let Some(next) = (start..end).find(|&t| {
                toks[t].lower == "and"
                    && cue_at(text, seg, lex, t + 1).is_some()
                    && toks
                        .get(cue_at(text, seg, lex, t + 1).unwrap_or(0))
                        .is_some_and(|x| x.lower == "that")
            }) {
                end = next;
            }
            if end <= start {
                k = e;
                continue;
            }
            let clause = Span::new(toks[start].span.start, toks[end - 1].span.end);
            let speaker_actor = subj.map(|mi| actors.mentions[mi].actor.clone());
            // partial quotes inside the clause take this speaker; the clause is not repeated
            let mut has_partial = false;
            for q in out.iter_mut().filter(|q| {
                clause.contains(q.span) || clause.overlaps(q.span) && q.span.start >= clause.start
            }) {
                if q.kind == QuoteKind::Partial || q.kind == QuoteKind::Direct && q.sentence == si {
                    has_partial = true;
                    let named_inside = q
                        .speaker_mention
                        .is_some_and(|mi| clause.contains(actors.mentions[mi].span));
                    if q.speaker.is_none()
                        || named_inside
                        || q.cue
                            .is_some_and(|c| c.start >= clause.end || c.start < toks[k].span.start)
                    {
                        q.speaker = speaker_actor.clone();
                        q.speaker_mention = subj;
                        q.cue = Some(Span::new(toks[k].span.start, toks[e - 1].span.end));
                    }
                }
            }
            if !has_partial && end - start >= 3 {
                out.push(Quote {
                    span: clause,
                    kind: QuoteKind::Indirect,
                    cue: Some(Span::new(toks[k].span.start, toks[e - 1].span.end)),
                    speaker: speaker_actor,
                    speaker_mention: subj,
                    sentence: si,
                });
            }
            k = end;
        }
    }
    out
}
