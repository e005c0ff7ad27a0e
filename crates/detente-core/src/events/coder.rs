//! The pattern coder: triggers from the pattern table, then source and target from the
//! clause around each trigger.
//!
//! - active verbs and predicate adjectives: source = the subject (nearest actor to the left in
//!   the clause, not inside a prepositional phrase), target = the first actor after the
//!   trigger (after the pattern's preposition when it names one);
//! - passives: target = the subject, source = "by X" or "on the part of X";
//! - nouns: source = the possessor ("NATO's expulsion of"), a nationality adjective
//!   ("Russian proposals"), "by X", or the clause subject; target = the first actor after;
//! - symmetric actions: "talks between X and Y", "X and Y held talks", "the two sides had a
//!   discussion" give both directions;
//! - a verb coordinated with an earlier trigger ("suspend ties ... and shutter its offices")
//!   shares its subject; an infinitive governed by a trigger ("refusal to support") is part
//!   of that trigger's event; bullet items take the subject of the sentence that introduces
//!   the list.

use super::clause;
use super::patterns::{Doc, Match, Patterns, Trigger, class, kind};
use super::{Event, Input, Participant};
use crate::actors::{Actor, Mention, MentionKind, Name};
use crate::date::{self, Date};
use crate::span::Span;
use std::borrow::Cow;

/// Words that govern the mention after them: it is not a subject ([`class::PREPOSITION`]).
pub(super) const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "at",
    "on",
    "with",
    "for",
    "from",
    "to",
    "by",
    "about",
    "against",
    "between",
    "among",
    "near",
    "under",
    "over",
    "into",
    "toward",
    "towards",
    "than",
    "like",
    "including",
];

/// Words before a participle that show it is a verb, not a noun's modifier.
const NOT_NOUNS: &[&str] = &[
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "and", "or", "not",
    "also", "then", "it", "they", "he", "she", "who", "which", "that", "we", "i", "you", "to",
    "never", "just", "since",
];
/// Words after a participle that leave it without an object ("seized last year from").
const AFTER_PARTICIPLE: &[&str] = &[
    "by",
    "from",
    "in",
    "last",
    "during",
    "at",
    "on",
    ",",
    ".",
    "since",
    "after",
    "before",
    "when",
    "while",
    "over",
    "under",
    "earlier",
    "this",
    "yesterday",
    // "individuals accused of obstructing", "men suspected of": the verb's object would
    // come before "of"
    "of",
];

/// Participles that open a clause of consequence or comment after a comma (", prompting
/// ...", ", calling it ..."); the victims of ", killing ..." stay within the act's reach.
const CONSEQUENCE_PARTICIPLES: &[&str] = &[
    "prompting",
    "sparking",
    "triggering",
    "raising",
    "calling",
    "saying",
    "adding",
    "citing",
    "leading",
    "drawing",
    "angering",
    "signalling",
    "signaling",
    "marking",
    "underscoring",
    "highlighting",
];

/// Verbs of phase between an intent and its act: "prepared to resume shelling".
const ASPECT: &[&str] = &["resume", "begin", "start", "continue", "keep"];

/// Words before "of" that make a quantity of the following group ("thousands of")
/// ([`class::QUANTITY`]).
pub(super) const QUANTITIES: &[&str] = &[
    "thousands",
    "hundreds",
    "dozens",
    "millions",
    "tens",
    "scores",
    "hundred",
    "thousand",
    "million",
    "group",
    "groups",
    "members",
    "member",
    "some",
    "many",
    "most",
    "all",
    "number",
    "crowd",
    "crowds",
    "one",
    "two",
    "three",
    "several",
    "majority",
    "delegation",
    "team",
    "band",
    "contingent",
    "unit",
];

/// The date each sentence's events happened: a date in the sentence, else the last date
/// mentioned earlier in the same paragraph, else the publication date.
pub fn sentence_dates(
    text: &str,
    seg: &crate::segment::Segmentation,
    published: Option<Date>,
) -> Vec<Option<Date>> {
    let mut out = Vec::with_capacity(seg.sentences.len());
    let mut narrative: Option<(usize, Date)> = None;
    for s in &seg.sentences {
        // only the first date counts: the sentence is read no further
        if let Some(d) = date::first_date(s.span.slice(text), s.span.start, published) {
            narrative = Some((s.paragraph, d.date));
            out.push(Some(d.date));
        } else {
            match narrative {
                Some((p, d)) if p == s.paragraph => out.push(Some(d)),
                _ => out.push(published),
            }
        }
    }
    out
}

/// An actor in an event role while the coder looks for the roles: mostly a mention's actor,
/// borrowed (cloned only when an event is emitted), or one made up for the role.
#[derive(Clone)]
struct Party<'a> {
    actor: Cow<'a, Actor>,
    span: Span,
}

impl Party<'_> {
    fn participant(&self) -> Participant {
        Participant {
            actor: self.actor.clone().into_owned(),
            span: self.span,
        }
    }
}

/// Adds the actors a mention stands for ("the two sides" stands for two).
fn add_parties<'a>(v: &mut Vec<Party<'a>>, m: &'a Mention) {
    v.push(Party {
        actor: Cow::Borrowed(&m.actor),
        span: m.span,
    });
    if let (MentionKind::Pair, Some(b)) = (m.kind, &m.pair) {
        v.push(Party {
            actor: Cow::Borrowed(b),
            span: m.span,
        });
    }
}

/// Frequent irregular participles, for telling "has met" (auxiliary) from "has talks".
fn lexicon_participle(w: &str) -> bool {
    matches!(
        w,
        "been"
            | "met"
            | "made"
            | "held"
            | "said"
            | "told"
            | "sent"
            | "left"
            | "led"
            | "set"
            | "put"
            | "cut"
            | "struck"
            | "fought"
            | "sought"
            | "brought"
            | "taken"
            | "given"
            | "shot"
            | "won"
            | "lost"
            | "begun"
            | "agreed"
            | "already"
            | "not"
            | "also"
            | "never"
            | "repeatedly"
            | "reportedly"
    )
}

/// Why the coder did what it did, sentence by sentence (for `--explain`); empty when disabled.
#[derive(Debug, Default)]
pub struct Notes {
    pub enabled: bool,
    pub items: Vec<(usize, String)>,
}

impl Notes {
    pub fn add(&mut self, sentence: usize, msg: impl FnOnce() -> String) {
        if self.enabled {
            self.items.push((sentence, msg()));
        }
    }
}

fn who(p: &[Party]) -> String {
    p.iter()
        .map(|x| {
            format!(
                "{} [{}]",
                x.actor.name,
                x.actor.principal.as_deref().unwrap_or("?")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn code(
    input: &Input,
    patterns: &Patterns,
    dates: &[Option<Date>],
    notes: &mut Notes,
) -> Vec<Event> {
    let toks = &input.seg.tokens;
    let actors = input.actors;
    // about one event a sentence in event-dense news: reserved at once rather than grown (and
    // its events, a few hundred bytes each, copied) a doubling at a time
    let mut out = Vec::with_capacity(input.seg.sentences.len());
    // the last non-bullet sentence: a bullet item takes its subject (worked out only then)
    let mut intro: Option<crate::segment::Sentence> = None;
    let (mut ids, mut classes) = patterns.token_words(toks);
    // a state's name holds no `then` word: then-words also match their verb forms, and
    // "United" (Arab Emirates) is not "unit" nor "States" "state"
    // (and the mention each token is part of: a mention is one word of a pattern's gaps)
    let mut gaps = vec![u32::MAX; toks.len()];
    for (k, m) in actors.mentions.iter().enumerate() {
        if m.kind == MentionKind::Name
            && m.actor.principal.as_ref().is_some_and(|p| {
                p.len() == m.actor.code.len() && p.as_bytes() == m.actor.code.as_bytes()
            })
        {
            for id in &mut ids[m.first..m.last] {
                *id = super::patterns::UNKNOWN;
            }
        }
        for g in &mut gaps[m.first..m.last] {
            *g = k as u32;
        }
    }
    // the tokens where a trigger may start (a pattern's first word, in no actor's name): most
    // tokens are neither, and the sentences' scans visit only these
    // (`gaps` is `actors.by_token` in four bytes a token: both are written from the mentions in
    // their order)
    let mut starts: Vec<u32> = Vec::with_capacity(toks.len() / 4);
    patterns.mark_counted_and_starts(toks, &gaps, &ids, &mut classes, &mut starts);
    let mut next_start = 0;
    let doc = Doc {
        toks,
        ids: &ids,
        classes: &classes,
    };
    let mut cands = Vec::new();
    let mut matches: Vec<Match> = Vec::new();
    // the roles of one trigger, the sources of the trigger before it and the candidate
    // targets: buffers for the whole document, not allocated per trigger
    let mut sources: Vec<Party> = Vec::new();
    let mut targets: Vec<Party> = Vec::new();
    let mut parties: Vec<Party> = Vec::new();
    let mut prev_source: Vec<Party> = Vec::new();
    let mut target_cands: Vec<usize> = Vec::new();
    let mut coordinated: Vec<usize> = Vec::new();
    // an open intent ("prepared to", "ready to", "agreed to": 030) takes the code of the
    // intent to do the act it governs: (index of the intent match, governed pattern)
    let mut governs: Vec<(usize, usize, usize)> = Vec::new(); // (+ the act's first token)
    for (si, s) in input.seg.sentences.iter().enumerate() {
        // triggers
        matches.clear();
        governs.clear();
        // a trigger never starts inside an actor's name ("the Iraqi air force carried out")
        while starts
            .get(next_start)
            .is_some_and(|&t| (t as usize) < s.first)
        {
            next_start += 1;
        }
        // `i`: where the next trigger may start (past the one matched before)
        let mut i = s.first;
        while let Some(&t) = starts.get(next_start)
            && (t as usize) < s.last
        {
            next_start += 1;
            if (t as usize) < i {
                continue;
            }
            i = t as usize;
            if let Some(m) = patterns.match_in(&doc, i, s.last, s.first, &mut cands) {
                let pk = patterns.kind(m.pattern);
                let verb = pk & kind::VERB != 0;
                // the act a trigger governs ("agreed to release", "prepared to resume shelling")
                // is part of it; what a statement says ("issued a declaration demanding") is not
                let governed = matches.last().is_some_and(|q| {
                    patterns.kind(q.pattern) & kind::STATEMENT == 0
                        && (q.last == i
                            || (i > 0 && toks[i - 1].lower == "to" && q.last + 1 >= i)
                            || (i > 1
                                && toks[i - 1].lower == "to"
                                && matches!(toks[i - 2].lower.as_str(), "not" | "never")
                                && q.last + 2 >= i)
                            || (i > 1
                                && q.last + 1 == i
                                && ASPECT.contains(&toks[i - 1].lower.as_str())))
                });
                // "the wounded", "the besieged town": a verb form after a determiner is not a verb
                // "has threatened": "have" before a participle is an auxiliary, not a trigger
                let auxiliary = matches!(toks[i].lower.as_str(), "have" | "has" | "had" | "having")
                    && toks.get(i + 1).is_some_and(|n| {
                        n.lower.ends_with("ed")
                            || n.lower.ends_with("en")
                            || lexicon_participle(&n.lower)
                    });
                // "weapons seized last year from ...", "people killed in ...": a participle after a
                // noun, with no object after it, describes the noun; its agent is not the subject
                // (cheapest tests first)
                let reduced_relative = verb
                    && i > s.first
                    && m.last == i + 1
                    && toks[i].lower.ends_with("ed")
                    && toks[i - 1].is_word()
                    && actors.at(i - 1).is_none()
                    && toks
                        .get(i + 1)
                        .is_some_and(|n| AFTER_PARTICIPLE.contains(&n.lower.as_str()))
                    && !toks[i - 1].lower.ends_with("ly")
                    && !NOT_NOUNS.contains(&toks[i - 1].lower.as_str())
                    && !toks[i - 1].is_capitalized(input.text);
                // "an air raid", "a fresh offer": an indefinite article one word before a bare
                // verb form makes it a noun
                let after_article = verb
                    && i > s.first + 1
                    && matches!(toks[i - 2].lower.as_str(), "a" | "an")
                    && toks[i - 1].is_word()
                    && actors.at(i - 1).is_none()
                    && !toks[i].lower.ends_with("ed")
                    && !toks[i].lower.ends_with("ing");
                // "accused of obstructing", "the threat of attacking": a gerund after "of" is a
                // noun's complement, what is charged or feared, not an act of the subject
                let gerund_of = verb
                    && i > s.first
                    && toks[i - 1].lower == "of"
                    && toks[i].lower.ends_with("ing");
                let nominal_use = auxiliary
                    || reduced_relative
                    || gerund_of
                    || after_article
                    // "the wounded", "last week's arrest of activists"
                    || verb
                        && i > s.first
                        && doc.is(i - 1, class::DETERMINER);
                // a noun trigger after the sentence's main verb is part of that verb's object or
                // complement ("rejected a US offer to host a summit"), not an event of its own
                let in_object = pk & kind::NOUN != 0
                    && matches
                        .iter()
                        .any(|q| patterns.kind(q.pattern) & (kind::NOUN | kind::STATEMENT) == 0);
                let skipped = if governed {
                    Some("part of the trigger before it")
                } else if nominal_use {
                    Some("a verb form used as a noun or adjective")
                } else if in_object {
                    Some("a noun inside the main verb's object")
                } else {
                    None
                };
                if governed && !nominal_use {
                    let k = matches.len() - 1;
                    if patterns.kind(matches[k].pattern) & kind::INTENT != 0
                        && !governs.iter().any(|g| g.0 == k)
                    {
                        governs.push((k, m.pattern, i));
                    }
                }
                let Some(why) = skipped else {
                    matches.push(m);
                    i = m.last.max(i + 1);
                    continue;
                };
                notes.add(si, || {
                    let p = &patterns.list[m.pattern];
                    let word = &input.text[toks[i].span.start..toks[m.last - 1].span.end];
                    format!("\"{word}\" ({} {}): skipped, {why}", p.id, p.code)
                });
                // a skipped trigger does not hide the words after it ("has threatened to ...")
                i += 1;
                continue;
            }
            i += 1;
        }
        // the sources of the trigger before, when it had some
        let mut has_prev_source = false;
        for (mi, m) in matches.iter().enumerate() {
            let p = &patterns.list[m.pattern];
            // "prepared to impose martial law": the threat of martial law (137), not a bare intent
            // "vowed not to return the Golan Heights": the refusal to do it (124)
            let governed = governs.iter().find(|g| g.0 == mi).and_then(|g| {
                let q = &patterns.list[g.1];
                let refused = toks[m.first..g.2]
                    .iter()
                    .any(|t| matches!(t.lower.as_str(), "not" | "never" | "n't"));
                let c = if refused {
                    clause::refusal_code(&q.code)
                } else {
                    clause::intent_code(&q.code)
                };
                match c {
                    Some("") | None => None,
                    Some(c) => Some((c, q)),
                }
            });
            // "vowed not to ...", "agreed never to ...": an intent not to act is a refusal (120)
            let vowed_not = p.code == "030"
                && toks
                    .get(m.last)
                    .is_some_and(|t| matches!(t.lower.as_str(), "not" | "never"))
                && toks.get(m.last + 1).is_some_and(|t| t.lower == "to")
                // (not to expel, not to attack: forgoing a hostile act is no refusal)
                && governs
                    .iter()
                    .find(|g| g.0 == mi)
                    .is_none_or(|g| patterns.list[g.1].code.as_str() < "10");
            let (code, rule): (&str, std::borrow::Cow<str>) = match governed {
                Some((c, q)) => (c, format!("{}+{}", p.id, q.id).into()),
                None if vowed_not => ("120", format!("{}+refusal", p.id).into()),
                None => (p.code.as_str(), p.id.as_str().into()),
            };
            // "said", "told": CAMEO 010 is a residual category; what was said is coded instead
            // (the reported event, or a comment event from the quote stage)
            // (for the notes only)
            let trig = || &input.text[toks[m.first].span.start..toks[m.last - 1].span.end];
            if p.code == "010" {
                notes.add(si, || {
                    format!(
                        "\"{}\" ({}): a statement; what was said is coded instead",
                        trig(),
                        p.id
                    )
                });
                // "Peskov said the talks had begun ..., but warned that": a verb coordinated
                // with the statement shares its subject
                let cs = clause::clause_start(&doc, m.first, s.first);
                if let Some(x) = subject(input, &doc, cs, m.first) {
                    prev_source.clear();
                    add_parties(&mut prev_source, &input.actors.mentions[x]);
                    has_prev_source = true;
                }
                continue;
            }
            // "staged demonstrations to demand reforms", "began a hunger strike to protest ...":
            // the demand is the purpose of the protest, which is the event (CAMEO 141x-144x)
            let purpose_of_protest = (code.starts_with("10") || code == "114")
                && matches.iter().any(|q| {
                    q.last <= m.first
                        && patterns.kind(q.pattern) & kind::PROTEST != 0
                        && m.first - q.last <= 12
                        && !(q.last..m.first).any(|k| doc.is(k, class::PERIOD | class::BUT))
                });
            if purpose_of_protest {
                notes.add(si, || {
                    format!(
                        "\"{}\" ({rule} {code}): the purpose of the protest before it",
                        trig()
                    )
                });
                continue;
            }
            let cs = clause::clause_start(&doc, m.first, s.first);
            let mut ce = clause::clause_end(&doc, m.last.saturating_sub(1).max(m.first), s.last);
            // ", the military said." / ", western diplomats in Pakistan said": the attribution
            // at the end of a sentence is not part of the reported act
            if let Some(att) = matches.iter().find(|q| {
                q.first > m.last && q.first < ce && patterns.kind(q.pattern) & kind::STATEMENT != 0
            }) && let Some(comma) = (m.last..att.first).rev().find(|&k| doc.is(k, class::COMMA))
                && att.first - comma <= 8
            {
                ce = comma;
            }
            // a threat names its target in the condition: "threatened to stop talks if the US ..."
            if code.starts_with("13")
                && ce < s.last
                && matches!(toks[ce].lower.as_str(), "if" | "unless")
            {
                ce = clause::clause_end(&doc, ce, s.last);
            }
            // "met Sunday and decided to ...": a coordinated verb starts another clause
            if let Some(next) = matches.iter().find(|q| {
                q.first > m.last
                    && q.first < ce
                    && q.first > 0
                    && doc.is(q.first - 1, class::AND | class::BUT)
                    && patterns.kind(q.pattern) & kind::VERB != 0
            }) {
                ce = next.first - 1;
            }
            if let Some(k) = find_class(&doc, m.last, ce, class::AND | class::BUT, |k| {
                toks.get(k + 1)
                    .is_some_and(|t| t.lower.ends_with("ed") && gaps[k + 1] == u32::MAX)
            }) {
                ce = k;
            }
            // "offered to mediate, and the UN Secretary-General welcomed the deal": "and" before
            // a new subject (only actors' names between; not "the Iraqi and Turkish demands",
            // "the Farah and the Ghazni attacks") and its verb starts another clause
            if let Some(k) = find_class(&doc, m.last, ce, class::AND | class::BUT, |k| {
                matches.iter().any(|q| {
                    q.first > k + 1
                        && q.first < ce
                        && patterns.kind(q.pattern) & kind::VERB != 0
                        && actors.at(q.first - 1).is_some_and(|x| {
                            x.is_actor()
                                && !x.locative
                                && !matches!(x.kind, MentionKind::Adjective | MentionKind::Place)
                        })
                        && (k + 1..q.first)
                            .all(|t| actors.at(t).is_some() || toks[t].lower == "the")
                })
            }) {
                ce = k;
            }
            // ", prompting the U.S. Navy to dispatch destroyers": what the act caused or what
            // was said of it is another clause, whose actors are not the act's target
            if let Some(k) = find_class(&doc, m.last, ce, class::COMMA, |k| {
                toks.get(k + 1)
                    .is_some_and(|t| CONSEQUENCE_PARTICIPLES.contains(&t.lower.as_str()))
            }) {
                ce = k;
            }
            let passive = p.trigger == Trigger::Verb && clause::is_passive(&doc, m.first, cs);
            let mentions_in = |a: usize, b: usize| {
                (a..b)
                    .filter_map(|t| actors.by_token[t])
                    .fold(Vec::<usize>::new(), |mut v, x| {
                        if v.last() != Some(&x) {
                            v.push(x);
                        }
                        v
                    })
            };
            let mut confidence: f64 = 0.8;
            sources.clear();
            targets.clear();
            // "between X and Y"
            let between = doc.next_of(m.trigger_last, (m.last + 3).min(ce), class::BETWEEN);
            if let Some(b) = between {
                let ms: Vec<usize> = mentions_in(b + 1, ce)
                    .into_iter()
                    .filter(|&x| actors.mentions[x].is_actor())
                    .take(2)
                    .collect();
                if ms.len() == 2 && p.symmetric {
                    add_parties(&mut sources, &actors.mentions[ms[0]]);
                    add_parties(&mut targets, &actors.mentions[ms[1]]);
                }
            }
            if sources.is_empty() {
                if passive {
                    // source: "by X" after, or "on the part of X" anywhere in the sentence
                    let by = (m.trigger_last..ce)
                        .find(|&t| toks[t].lower == "by")
                        .and_then(|t| {
                            actors
                                .at(t + 1)
                                .filter(|x| x.is_actor())
                                .or_else(|| actors.at(t + 2).filter(|x| x.is_actor()))
                        });
                    let part_of = (s.first..s.last.saturating_sub(2))
                        .find(|&t| toks[t].lower == "part" && toks[t + 1].lower == "of")
                        .and_then(|t| {
                            (t + 2..(t + 4).min(s.last))
                                .find_map(|k| actors.at(k).filter(|x| x.is_actor()))
                        });
                    // "two inspectors have been expelled from North Korea": who is expelled
                    // from a country is expelled by it
                    let expelled_from = || {
                        let w = toks[m.first].lower.as_str();
                        if !(w.starts_with("expel") || w.starts_with("deport")) {
                            return None;
                        }
                        (m.trigger_last..ce.min(m.trigger_last + 4))
                            .find(|&t| toks[t].lower == "from")
                            .and_then(|t| actors.at(t + 1).filter(|x| x.is_actor()))
                    };
                    if let Some(x) = by.or(part_of).or_else(expelled_from) {
                        add_parties(&mut sources, x);
                    }
                    // "a camp for Congolese refugees was attacked": the party inside the
                    // subject when no actor heads it
                    let inside = || {
                        (cs..m.first).find_map(|t| {
                            actors.by_token[t].filter(|&x| actors.mentions[x].is_actor())
                        })
                    };
                    if let Some(x) = subject(input, &doc, cs, m.first).or_else(inside) {
                        add_parties(&mut targets, &actors.mentions[x]);
                    }
                } else {
                    // a verb that shares the subject of the verb before it ("has refused to
                    // deploy peacekeepers in Iraq and has urged ...", "rioted at the jail,
                    // setting fire to their mattresses") looks for no subject of its own: the
                    // nearest actor before it is an object of the first verb
                    let shares = p.trigger == Trigger::Verb
                        && has_prev_source
                        && (coordinated_verb(input.text, toks, m.first, s.first)
                            || m.first > s.first
                                && toks[m.first - 1].lower == ","
                                && toks[m.first].lower.ends_with("ing"));
                    let src = match p.trigger {
                        _ if shares => None,
                        Trigger::Noun => possessor(input, m.first, cs)
                            .or_else(|| subject(input, &doc, cs, m.first)),
                        _ => subject(input, &doc, cs, m.first),
                    };
                    // a relative clause's subject is its antecedent: "NATO, which expelled eight
                    // Russian diplomats" (not "that", which also opens complement clauses)
                    let src = src.or_else(|| {
                        let rel = cs.checked_sub(1)?;
                        if !matches!(toks[rel].lower.as_str(), "which" | "who") {
                            return None;
                        }
                        let before = rel.checked_sub(1)?;
                        let before = if toks[before].lower == "," {
                            before.checked_sub(1)?
                        } else {
                            before
                        };
                        actors.by_token[before].filter(|&x| actors.mentions[x].is_actor())
                    });
                    // a nominal or gerund in an adverbial phrase has the main clause's subject:
                    // "Ryabkov spoke to reporters after seven hours of talks with Wendy
                    // Sherman" (the actor that opens the sentence)
                    // ("after meeting with": a gerund too; the phrase names no actor of its
                    // own before the trigger)
                    // (meetings and talks only: "after bloody tribal clashes there" are
                    // others' acts, the background of the main clause's)
                    let src = src.or_else(|| {
                        if !(code.starts_with("04") || code.starts_with("05")) {
                            return None;
                        }
                        let opener = (cs.saturating_sub(1).max(s.first)..m.first).find(|&k| {
                            matches!(
                                toks[k].lower.as_str(),
                                "after" | "before" | "during" | "following" | "amid"
                            )
                        })?;
                        if (opener..m.first).any(|k| actors.by_token[k].is_some())
                            || m.first - opener > 6
                        {
                            return None;
                        }
                        let first = if toks[s.first].lower == "the" {
                            s.first + 1
                        } else {
                            s.first
                        };
                        actors.by_token[first].filter(|&x| {
                            let x = &actors.mentions[x];
                            x.is_actor() && x.last <= opener
                        })
                    });
                    if let Some(x) = src {
                        // coordinated subjects: "Russia and the US held talks", "Mordor,
                        // Rohan, Fornost and Bree welcomed ..."
                        coordinated_before(input, &doc, x, &mut coordinated);
                        for &x in &coordinated {
                            add_parties(&mut sources, &actors.mentions[x]);
                        }
                    } else if shares {
                        sources.extend(prev_source.iter().cloned());
                    } else if s.bullet
                        && let Some(x) = intro.and_then(|n| subject(input, &doc, n.first, n.last))
                    {
                        add_parties(&mut sources, &actors.mentions[x]);
                        confidence = 0.6;
                    }
                    // target: after the pattern's preposition, or the first actor after the trigger
                    let from = match &p.prep {
                        Some(prep) => (m.trigger_last..ce)
                            .find(|&t| toks[t].lower == *prep)
                            .map(|t| t + 1),
                        None => Some(m.trigger_last),
                    };
                    // "Russia and the US held talks": the coordinated subjects are the parties,
                    // unless another party follows ("France and Germany met Ukraine's
                    // president"); a place is not one
                    let parties_only = p.symmetric && p.prep.is_none() && sources.len() >= 2;
                    if let Some(from) = from {
                        // a visit's target is the place visited ("arrived in Amman"); so is an
                        // attack's ("exploded bombs in the capital Kabul")
                        let place_ok = p.place_target || code >= "18";
                        let cands = &mut target_cands;
                        cands.clear();
                        let mut prev = None;
                        // reporters spoken to are no party to consultations ("spoke to
                        // reporters", "met journalists")
                        let press = |x: &Mention| {
                            code.starts_with("04")
                                && matches!(x.kind, MentionKind::Role | MentionKind::Description)
                                && x.actor.code.ends_with("MED")
                        };
                        // between coordinated states cooperating, the agent of a participle is
                        // no third party: "Saudi Arabia and Iran restored relations in a deal
                        // brokered by China" (elsewhere it often owns the object: "hit bases
                        // used by Hezbollah", "expelled workers employed by the UNHCR")
                        let cooperating = code < "10" && several_states(&sources);
                        let agent = |x: &Mention| {
                            let mut k = x.first;
                            if k > 0 && toks[k - 1].lower == "the" {
                                k -= 1;
                            }
                            // (a participle after the trigger: "killed by X" names the
                            // trigger's own agent)
                            cooperating
                                && p.prep.as_deref() != Some("by")
                                && k >= from + 2
                                && toks[k - 1].lower == "by"
                                && toks[k - 2].lower.ends_with("ed")
                        };
                        let mentions = gaps.get(from..ce).unwrap_or_default();
                        for x in mentions
                            .iter()
                            .filter(|&&g| g != u32::MAX)
                            .map(|&g| g as usize)
                        {
                            if prev != Some(x)
                                && !press(&actors.mentions[x])
                                && !agent(&actors.mentions[x])
                            {
                                prev = Some(x);
                                if actors.mentions[x].is_actor()
                                    || (place_ok || toward(toks, actors.mentions[x].first, code))
                                        && actors.mentions[x].actor.principal.is_some()
                                {
                                    cands.push(x);
                                }
                            }
                        }
                        // another party first, a place ("in Germany") only when nothing else
                        let other = |x: &&usize| {
                            let p = actors.mentions[**x].actor.principal.as_deref();
                            !sources.iter().any(|s| s.actor.principal.as_deref() == p)
                        };
                        let placed = |x: &&usize| actors.mentions[**x].locative && !place_ok;
                        // the source itself again ("reneged on his commitment to the Zambian
                        // people") is passed over for the next actor
                        let itself = |x: &&usize| {
                            let a = &actors.mentions[**x].actor;
                            sources
                                .iter()
                                .any(|s| s.actor.code == a.code && s.actor.principal == a.principal)
                        };
                        // a complaint or an accusation is against whom it is about, not to whom
                        // it is made: "complained to the UN over two Israeli air raids"
                        let about = |x: &&usize| {
                            let f = actors.mentions[**x].first;
                            (f.saturating_sub(4).max(from)..f).any(|k| {
                                matches!(toks[k].lower.as_str(), "over" | "about" | "against")
                            })
                        };
                        let grievance = code
                            .starts_with("11")
                            .then(|| cands.iter().find(|x| about(x) && other(x) && !itself(x)))
                            .flatten();
                        let party = cands.iter().find(|x| other(x) && !placed(x));
                        let pick = if parties_only {
                            party
                        } else {
                            grievance
                                .or(party)
                                .or_else(|| cands.iter().find(|x| !placed(x) && !itself(x)))
                                // a meeting needs a partner, not a place
                                .or_else(|| {
                                    if p.symmetric {
                                        None
                                    } else {
                                        cands.iter().find(|x| other(x))
                                    }
                                })
                        };
                        if let Some(&x) = pick {
                            add_parties(&mut targets, &actors.mentions[x]);
                            // coordinated objects: "aid for Romania and Poland", "spoke with
                            // Indian Prime Minister Narendra Modi and Pakistani Prime Minister
                            // Shehbaz Sharif": a party ends after the mentions of the same
                            // principal right after its first (a role, then the name)
                            let party_end = |x: usize| {
                                let mut last = actors.mentions[x].last;
                                while let Some(y) = actors.by_token.get(last).copied().flatten() {
                                    let y = &actors.mentions[y];
                                    if y.first != last
                                        || y.actor.principal.is_none()
                                        || y.actor.principal != actors.mentions[x].actor.principal
                                    {
                                        break;
                                    }
                                    last = y.last;
                                }
                                last
                            };
                            let mut last = party_end(x);
                            while last + 1 < ce && matches!(toks[last].lower.as_str(), "and" | ",")
                            {
                                let Some(y) = actors.by_token[last + 1].filter(|&y| {
                                    actors.mentions[y].is_actor()
                                        && actors.mentions[y].first == last + 1
                                }) else {
                                    break;
                                };
                                add_parties(&mut targets, &actors.mentions[y]);
                                last = party_end(y);
                            }
                        }
                    }
                }
            }
            // an attack nobody is named for ("a roadside bombing near Samarra killed one U.S.
            // soldier"): unidentified attackers of the country where it happened (CAMEO UAF)
            // Only in the sentence's main clause, and only where no actor could be the agent: a
            // passive, or nothing named before the trigger (a background clause such as "where
            // 28 people have been killed" is not this sentence's event)
            let unattributed = sources.is_empty()
                && ("18".."21").contains(&code)
                && !toks[s.first..m.first].iter().any(|t| {
                    matches!(
                        t.lower.as_str(),
                        "where"
                            | "when"
                            | "after"
                            | "that"
                            | "which"
                            | "who"
                            | "until"
                            | "because"
                            | "while"
                            | "as"
                            | "since"
                            | "before"
                            | "if"
                    )
                })
                && (passive
                    || (s.first..m.first).all(|t| {
                        actors.by_token[t].is_none_or(|x| !actors.mentions[x].is_actor())
                    }));
            if unattributed && let Some(c) = attack_place(input, s.first, s.last) {
                sources.push(Party {
                    actor: Cow::Owned(Actor {
                        name: Name::from_iter(["unidentified attackers in ", &c]),
                        code: Name::from_iter([c.as_str(), "UAF"]),
                        principal: Some(c),
                    }),
                    span: Span::new(toks[m.first].span.start, toks[m.last - 1].span.end),
                });
                confidence = 0.5;
            }
            // a state that yields or coerces with no foreign target acts on its own people
            // ("Saudi Arabia eased restrictions on foreign workers", "Ethiopia let free 74
            // political leaders"): the target is the country's population
            // a target that is the source itself ("its labour policy") is no target; nor is
            // the source's own side of a pair ("ties between the two countries": the other)
            let pair_spans: Vec<Span> = targets
                .windows(2)
                .filter(|w| w[0].span == w[1].span)
                .map(|w| w[0].span)
                .collect();
            targets.retain(|t| {
                !sources.iter().any(|x| {
                    x.actor.principal == t.actor.principal
                        && (x.actor.code == t.actor.code || pair_spans.contains(&t.span))
                })
            });
            // domestic defaults (CAMEO coding conventions): a state that yields, coerces,
            // threatens a curfew or martial law (132x), intends, aids or refuses (03, 07, 12)
            // with no foreign target acts on its own population ("Saudi Arabia eased
            // restrictions on foreign workers"); a protest with no named target is against the
            // protesters' own government. No mention names that
            // target: the trigger's words stand for it.
            let trigger_span = Span::new(toks[m.first].span.start, toks[m.last - 1].span.end);
            // two or more states coordinated as the subject of cooperation with no one else
            // named act toward each other ("Turkey and Greece agreed to resume talks"): the
            // mutual pairs below, not a domestic default
            // a mediation is between others, neither the mediators nor their people: "Saudi
            // Arabia and Iran offered to mediate" names no party
            let mediation = matches!(code, "039" | "045");
            // statements and appeals are made to the world, not to each other: "South Korea
            // and the Philippines expressed concern" (01, 02)
            let cooperation = ("03".."10").contains(&code) && !mediation;
            let joint = cooperation && sources.len() <= 5 && several_states(&sources);
            let default = if !targets.is_empty() || joint || mediation {
                None
            } else if (code.starts_with("08")
                || code.starts_with("035")
                || code.starts_with("17")
                || code.starts_with("132")
                || code == "137")
                && !p.symmetric
            {
                Some(("population", "CVL"))
            } else if code.starts_with("14") {
                Some(("government", "GOV"))
            } else if (code.starts_with("03") || code.starts_with("07") || code.starts_with("12"))
                && !p.symmetric
            {
                // an intent, aid or a refusal with no foreign party named is domestic: "The
                // German government has agreed to set up a transport company", "The Red Cross
                // provided assistance to 550 households", "the Iraqi parliament rejected the
                // Kirkuk council decision"
                Some(("population", "CVL"))
            } else if code.starts_with("15") && !p.symmetric && p.trigger == Trigger::Verb {
                // "Israel mobilized the army", "Indian troops remained on alert": a show of
                // force with no named adversary is the state's own forces made ready (a verb:
                // "the deployment of another arms race" is no act)
                Some(("forces", "MIL"))
            } else {
                None
            };
            if let Some((what, agent)) = default {
                targets.extend(own_country(&sources, what, agent, trigger_span));
                if !targets.is_empty() {
                    confidence = 0.5;
                }
            }
            // the complement of a demand, appeal or threat: "demanded that X ...", "urged X to ..."
            let requested = matches.iter().any(|q| {
                q.last <= m.first
                    && patterns.kind(q.pattern) & kind::REQUEST != 0
                    && !(q.last..m.first).any(|k| doc.is(k, class::PERIOD))
                    && (q.last..m.first).any(|k| doc.is(k, class::THAT | class::TO))
                    && m.first - q.last <= 8
            }) || matches.iter().any(|q| {
                // what is rejected has not happened: "rejected a fresh offer for direct talks",
                // "dismissed an appeal to lay down their arms" (a finite verb after it is an
                // act of its own: "rejected the plan and withdrew")
                q.last <= m.first
                    && patterns.kind(q.pattern) & kind::REJECTION != 0
                    && m.first - q.last <= 10
                    && !(p.trigger == Trigger::Verb && toks[m.first].lower.ends_with("ed"))
                    && !(q.last..m.first)
                        .any(|k| doc.is(k, class::PERIOD | class::SAID | class::BUT))
            });
            // "struck" is an attack only when armed forces (or their weapons) strike
            if let Some(agent) = &p.subject
                && !sources.is_empty()
                && !sources.iter().any(|x| has_agent(&x.actor.code, agent))
            {
                notes.add(si, || {
                    format!(
                        "\"{}\" ({rule} {code}): no event, its subject is not a {agent} actor",
                        trig()
                    )
                });
                continue;
            }
            notes.add(si, || {
                let clause = &input.text[toks[cs].span.start..toks[ce.max(cs + 1) - 1].span.end];
                let miss = match (sources.is_empty(), targets.is_empty()) {
                    (true, true) => " -> no event: no source and no target in the clause",
                    (true, false) => {
                        " -> no event: no source (no actor before the trigger in its clause)"
                    }
                    (false, true) if !(p.symmetric && sources.len() == 2) => {
                        " -> no event: no target after the trigger"
                    }
                    _ => "",
                };
                format!(
                    "\"{}\" ({} {}{}) in \"{clause}\": source {} / target {}{miss}",
                    trig(),
                    rule,
                    code,
                    if passive { ", passive" } else { "" },
                    if sources.is_empty() {
                        "-".into()
                    } else {
                        who(&sources)
                    },
                    if targets.is_empty() {
                        "-".into()
                    } else {
                        who(&targets)
                    },
                )
            });
            // symmetric with one "pair" or coordinated side and no target: both directions; so is
            // cooperation agreed by two coordinated subjects ("Jordan and Britain agreed to hold
            // joint exercises")
            let mutual = p.symmetric || cooperation;
            if mutual && targets.is_empty() && (2..=5).contains(&sources.len()) {
                // every ordered pair of the parties: (a,b),(b,a) for two
                parties.clear();
                parties.append(&mut sources);
                for (i, a) in parties.iter().enumerate() {
                    for (j, b) in parties.iter().enumerate() {
                        if i != j {
                            sources.push(a.clone());
                            targets.push(b.clone());
                        }
                    }
                }
                emit_pairs(
                    input, &doc, m, code, &rule, si, cs, requested, dates, confidence, &sources,
                    &targets, true, &mut out,
                );
                std::mem::swap(&mut prev_source, &mut parties);
                has_prev_source = true;
                continue;
            }
            emit_pairs(
                input, &doc, m, code, &rule, si, cs, requested, dates, confidence, &sources,
                &targets, false, &mut out,
            );
            // a future meeting is the intent of the one who announces it ("rebel leaders said
            // they would meet the UN mediator"), not of the other side
            if p.symmetric
                && clause::modality(input.text, &doc, m.first, cs, s.first)
                    != clause::Modality::Future
            {
                emit_pairs(
                    input, &doc, m, code, &rule, si, cs, requested, dates, confidence, &targets,
                    &sources, false, &mut out,
                );
            }
            if !sources.is_empty() {
                std::mem::swap(&mut prev_source, &mut sources);
                has_prev_source = true;
            }
        }
        if !s.bullet {
            intro = Some(*s);
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn emit_pairs(
    input: &Input,
    d: &Doc,
    m: &Match,
    code: &str,
    rule: &str,
    si: usize,
    cs: usize,
    requested: bool,
    dates: &[Option<Date>],
    confidence: f64,
    sources: &[Party],
    targets: &[Party],
    zipped: bool,
    out: &mut Vec<super::Event>,
) {
    if sources.is_empty() || targets.is_empty() {
        return;
    }
    let toks = &input.seg.tokens;
    let s = input.seg.sentences[si];
    let mut negated = clause::negated(d, m.first, cs)
        || (m.first >= 2 && toks[m.first - 1].lower == "-" && toks[m.first - 2].lower == "non");
    let pattern_code = code;
    let mut modality = clause::modality(input.text, d, m.first, cs, s.first);
    // "will withdraw its force from Chad unless ...", "may halt mediation efforts if ...": a
    // future sanction or force on a condition is a threat, even when announced
    let conditioned =
        || (m.trigger_last..s.last).any(|k| matches!(toks[k].lower.as_str(), "unless" | "if"));
    let future_word = || {
        (m.first.saturating_sub(5).max(cs)..m.first).any(|k| {
            matches!(
                toks[k].lower.as_str(),
                "will" | "would" | "'ll" | "may" | "might" | "could"
            )
        })
    };
    if code.get(..2).is_some_and(|r| r >= "14") && future_word() && conditioned() {
        modality = clause::Modality::Future;
    }
    let (code, hypothetical) = match modality {
        // "will not lift the ban", "would not compromise": refusing to cooperate is a rejection
        clause::Modality::Future if negated && clause::refusal_code(code).is_some() => {
            negated = false;
            (clause::refusal_code(code).unwrap_or(code), false)
        }
        clause::Modality::Asserted => (code, false),
        clause::Modality::Hypothetical => (code, true),
        clause::Modality::Future => match clause::intent_code(code) {
            Some("") => (code, false),
            Some(intent) => (intent, false),
            None => (code, true),
        },
    };
    // what a demand, appeal or threat asks for has not happened ("demanded that Turkey provide")
    let hypothetical = hypothetical || requested;
    // an intent, threat or refusal recoded from a future act names both in its rule
    let rule: Cow<str> = if code == pattern_code {
        rule.into()
    } else if code.starts_with("12") {
        format!("{rule}+refusal:{pattern_code}").into()
    } else {
        format!("{rule}+intent:{pattern_code}").into()
    };
    let rule = &*rule;
    let trigger = Span::new(toks[m.first].span.start, toks[m.last - 1].span.end);
    let mut emit = |a: &Party, b: &Party| {
        // a domestic event needs two distinct agents ("police" vs "protesters")
        if a.actor.principal == b.actor.principal
            && (a.actor.code == b.actor.code || a.span == b.span)
        {
            return;
        }
        let evidence = trigger.cover(a.span).cover(b.span);
        let evidence = Span::new(
            evidence.start.max(s.span.start),
            evidence
                .end
                .min(s.span.end)
                .max(evidence.start.max(s.span.start)),
        );
        out.push(Event {
            source: a.participant(),
            target: b.participant(),
            code: code.into(),
            rule: rule.into(),
            negated,
            hypothetical,
            sentence: si,
            evidence,
            trigger,
            date: dates.get(si).copied().flatten(),
            confidence,
        });
    };
    if zipped {
        for (a, b) in sources.iter().zip(targets) {
            emit(a, b);
        }
    } else {
        for a in sources {
            for b in targets {
                emit(a, b);
            }
        }
    }
}

/// The first token in `[from, to)` of a class in `mask` ([`class`]) for which `f` holds: the
/// clause's classes are read as one slice, and `f` is asked only at the tokens of the class.
#[inline]
fn find_class(
    d: &Doc,
    from: usize,
    to: usize,
    mask: u32,
    mut f: impl FnMut(usize) -> bool,
) -> Option<usize> {
    let mut k = from;
    while let Some(at) = d.next_of(k, to, mask) {
        if f(at) {
            return Some(at);
        }
        k = at + 1;
    }
    None
}

/// The country where a sentence places its events: the one country principal of its place
/// mentions ("near the town of Samarra", "in eastern Beirut"), if they agree.
fn attack_place(input: &Input, first: usize, last: usize) -> Option<crate::actors::Name> {
    let mut found: Option<&crate::actors::Name> = None;
    for m in input.actors.mentions.iter().filter(|m| {
        m.first >= first && m.last <= last && (m.locative || m.kind == MentionKind::Place)
    }) {
        let p = m.actor.principal.as_ref()?;
        if p.len() != 3 || !m.actor.code.starts_with(p.as_str()) {
            continue;
        }
        match found {
            Some(f) if f != p => return None,
            _ => found = Some(p),
        }
    }
    found.cloned()
}

/// The own country of the first state-level source, as a stand-in target: "SAU population"
/// (SAUCVL), "IDN government" (IDNGOV). A government source does not protest itself.
fn own_country<'a>(sources: &[Party], what: &str, agent: &str, span: Span) -> Option<Party<'a>> {
    sources
        .iter()
        .filter(|x| !(agent == "GOV" && x.actor.code.ends_with("GOV")))
        .filter_map(|x| {
            let pr = x.actor.principal.as_deref()?;
            (pr.len() == 3 && x.actor.code.starts_with(pr)).then(|| Party {
                actor: Cow::Owned(Actor {
                    name: Name::from_iter([pr, " ", what]),
                    code: Name::from_iter([pr, agent]),
                    principal: Some(pr.into()),
                }),
                span,
            })
        })
        .next()
}

/// The subject before token `i` in the clause starting at `cs`: the nearest actor mention not
/// governed by a preposition (falling back to any actor mention).
///
/// The words it looks for are told by their classes in `d` ([`class`]), not compared.
fn subject(input: &Input, d: &Doc, cs: usize, i: usize) -> Option<usize> {
    let toks = &input.seg.tokens;
    let actors = input.actors;
    // "Pakistan, a key U.S. ally in the war against terrorism, has refused": an apposition
    // between the subject and its verb is passed over
    if let Some(c2) = (cs..i).rev().take(4).find(|&k| d.is(k, class::COMMA))
        && (c2 + 1..i).all(|k| actors.by_token[k].is_none())
    {
        // (a relative clause's own clause starts after its "which": look from its comma)
        if let Some(c1) = (cs.saturating_sub(2)..c2)
            .rev()
            .take(16)
            .find(|&k| d.is(k, class::COMMA))
        {
            // an apposition or a relative clause: ", a key U.S. ally ...,", ", which ...,"
            let det = matches!(
                toks[c1 + 1].lower.as_str(),
                "a" | "an" | "the" | "which" | "who"
            );
            if det
                && c1 > 0
                && let Some(mi) = actors.by_token[c1 - 1]
                && actors.mentions[mi].is_actor()
            {
                return Some(mi);
            }
        }
    }
    let mut fallback = None;
    let mut of_fallback = None;
    let mut t = i;
    while t > cs {
        t -= 1;
        let Some(mi) = actors.by_token[t] else {
            continue;
        };
        let m = &actors.mentions[mi];
        t = m.first;
        if !m.is_actor() {
            continue;
        }
        // an adjective right before a noun is a modifier, not a subject ("Russian initiatives")
        // "thousands of Iraqi Kurds": "of" after a quantity does not govern the subject
        let quantity_of =
            m.first > 1 && d.is(m.first - 2, class::QUANTITY) && toks[m.first - 1].lower == "of";
        // "supporters of former President Ahmed Ben Bella": a name right after its role phrase
        // is governed by what governs the phrase
        let mut head = m.first;
        while head > cs
            && let Some(pi) = actors.by_token[head - 1]
            && actors.mentions[pi].kind == MentionKind::Role
            && actors.mentions[pi].last == head
        {
            head = actors.mentions[pi].first;
        }
        let governed = head > 0 && d.is(head - 1, class::PREPOSITION) && !quantity_of;
        let possessive = toks.get(m.last).is_some_and(|n| n.lower == "'s");
        if !governed && !possessive && m.kind != MentionKind::Adjective {
            return Some(mi);
        }
        if fallback.is_none() && !governed {
            fallback = Some(mi);
        }
        // "The military government of President Prosper Avril declared": when the subject is
        // a role or body no country heads, the one it is "of" stands for it (not after any
        // noun: "the first deployment of NATO troops")
        if of_fallback.is_none()
            && governed
            && toks[head - 1].lower == "of"
            && head > 1
            && actors.by_token[head - 2].is_some()
        {
            of_fallback = Some(mi);
        }
    }
    fallback.or(of_fallback)
}

/// The possessor of a noun trigger ("NATO's expulsion", "Russian proposals", "its refusal").
fn possessor(input: &Input, i: usize, cs: usize) -> Option<usize> {
    let toks = &input.seg.tokens;
    let actors = input.actors;
    let mut t = i;
    let mut words = 0;
    while t > cs && words < 3 {
        t -= 1;
        if toks[t].lower == "'s" {
            return actors.by_token[t.checked_sub(1)?].filter(|&x| actors.mentions[x].is_actor());
        }
        if let Some(mi) = actors.by_token[t] {
            let m = &actors.mentions[mi];
            return (m.is_actor()
                && matches!(
                    m.kind,
                    MentionKind::Adjective
                        | MentionKind::Pronoun
                        | MentionKind::Role
                        | MentionKind::Name
                ))
            .then_some(mi);
        }
        if toks[t].is_word() {
            if matches!(toks[t].lower.as_str(), "the" | "a" | "an" | "this" | "that") {
                return None;
            }
            words += 1;
        }
    }
    None
}

/// Whether an actor code carries an agent code after its country or organisation code
/// ("RUSMIL", "USAGOVMIL", "NATOMIL" carry "MIL"; "MLI" is a country).
fn has_agent(code: &str, agent: &str) -> bool {
    code.get(3..).is_some_and(|rest| rest.contains(agent))
}

/// Whether the trigger at `i` is a verb coordinated with the one before it, sharing its
/// subject: "and expelled", "or imposed", "but was still refusing", "and has also agreed".
fn coordinated_verb(text: &str, toks: &[crate::segment::Token], i: usize, first: usize) -> bool {
    let mut k = i;
    while k > first {
        match toks[k - 1].lower.as_str() {
            "and" | "or" | "but" => return true,
            "is" | "was" | "are" | "were" | "has" | "have" | "had" | "will" | "would" | "still"
            | "also" | "then" | "later" | "now" | "again" | "already" | "been" => k -= 1,
            // an adverb: "and recently expelled" (not a name: "and Italy expelled")
            w if w.len() > 4 && w.ends_with("ly") && !toks[k - 1].is_capitalized(text) => k -= 1,
            _ => return false,
        }
    }
    false
}

/// Whether the parties are of more than one state (and so at least two): coordinated subjects
/// that can act toward each other.
fn several_states(parties: &[Party]) -> bool {
    parties
        .iter()
        .any(|x| x.actor.principal != parties[0].actor.principal)
}

/// The actor mention `x` with the mentions coordinated before it, in text order: "Russia and
/// the US", "Russia, China and Iran", "Russia, China, and Iran". Written into `xs` (a buffer
/// the caller keeps for the document: most subjects are one mention, not worth an allocation).
fn coordinated_before(input: &Input, d: &Doc, x: usize, xs: &mut Vec<usize>) {
    let toks = &input.seg.tokens;
    let actors = input.actors;
    // where a mention's noun phrase starts: before "the", and before the role phrase and
    // possessive that introduce a name ("Lavrov and his U.S. counterpart Antony Blinken")
    let start = |m: usize| {
        let mut f = actors.mentions[m].first;
        if let Some(r) = f.checked_sub(1).and_then(|k| actors.by_token[k])
            && actors.mentions[r].kind == MentionKind::Role
            && actors.mentions[r].last == f
        {
            f = actors.mentions[r].first;
            if f >= 1 && matches!(toks[f - 1].lower.as_str(), "his" | "her" | "its" | "their") {
                f -= 1;
            }
        }
        if f >= 1 && toks[f - 1].lower == "the" {
            f - 1
        } else {
            f
        }
    };
    let actor_at =
        |t: usize| actors.by_token[t].filter(|&y| actors.mentions[y].is_actor() && y != x);
    xs.clear();
    xs.push(x);
    let before = start(x);
    // "and Y" or ", and Y"; after a comma, "and" may join clauses instead: "in a deal
    // brokered by China, and Saudi Foreign Minister ... is expected" (a mention governed by a
    // preposition is no subject)
    let y = if before >= 2 && toks[before - 1].lower == "and" {
        if toks[before - 2].lower == "," && before >= 3 {
            actor_at(before - 3).filter(|&y| {
                let s = start(y);
                s == 0 || !d.is(s - 1, class::PREPOSITION)
            })
        } else {
            actor_at(before - 2)
        }
    } else {
        None
    };
    let Some(mut y) = y else {
        return;
    };
    xs.insert(0, y);
    // ", Z" before it, as long as the list goes on
    while xs.len() < 12 {
        let b = start(y);
        let Some(z) = (b >= 2 && toks[b - 1].lower == ",")
            .then(|| actor_at(b - 2))
            .flatten()
            .filter(|z| !xs.contains(z))
        else {
            break;
        };
        xs.insert(0, z);
        y = z;
    }
}

/// A place the action is directed at rather than where it happens: "sanctions on Abkhazia",
/// "aid to Borno State", "a blockade against Gaza"; for a withdrawal (0874, 166x) the
/// place left ("troops withdrew from Crimea"), for aid and its reduction (07, 16) the place
/// where it goes ("suspended aid deliveries in Baghdad"). The mention starts at `first`,
/// after an optional "the". Otherwise "in", "at" and "from" only locate.
fn toward(toks: &[crate::segment::Token], first: usize, code: &str) -> bool {
    let mut k = first;
    if k > 0 && toks[k - 1].lower == "the" {
        k -= 1;
    }
    k > 0
        && match toks[k - 1].lower.as_str() {
            "to" | "on" | "against" | "toward" | "towards" | "into" | "for" => true,
            "from" => code == "0874" || code.starts_with("166"),
            // aid given, cut or suspended in a place is that place's: "suspended aid
            // deliveries in Baghdad"
            "in" => code.starts_with("07") || code.starts_with("16"),
            _ => false,
        }
}
