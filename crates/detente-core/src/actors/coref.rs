//! Coreference within a document: definite descriptions of organisations ("the alliance",
//! "the bloc", "the organization"), surnames after a first mention ("Fomin"), pronouns
//! ("he", "its"), person descriptions ("the veteran official", "the Deputy Minister") and
//! "the two sides" (the document's two main parties). Each resolves to the most recent
//! compatible antecedent. "Kyiv's allies" and "the allies of Ukraine" are a group that is
//! not Ukraine: a mention with no principal, so that neither it nor the state it is named
//! after becomes an event's source or target.

use super::classes::{Classes, class};
use super::cover::Cover;
use super::dictionary::Dictionary;
use super::{Actor, Entity, Mention, MentionKind, Name};
use crate::segment::Segmentation;
use crate::span::Span;

fn new_mention(
    seg: &Segmentation,
    first: usize,
    last: usize,
    actor: Actor,
    kind: MentionKind,
) -> Mention {
    Mention::new(
        Span::new(seg.tokens[first].span.start, seg.tokens[last - 1].span.end),
        first,
        last,
        actor,
        kind,
    )
}

/// Nouns for the friends of an actor: "Kyiv's allies" are not Kyiv.
const ALLY_NOUNS: &[&str] = &[
    "allies", "partners", "backers", "friends", "sponsors", "patrons",
];

/// Words that may stand between the possessive and the noun ("Kyiv's Western allies").
const ALLY_MODIFIERS: &[&str] = &[
    "western",
    "european",
    "closest",
    "close",
    "key",
    "main",
    "traditional",
    "international",
    "foreign",
    "regional",
    "arab",
    "gulf",
    "nato",
    "new",
    "old",
    "remaining",
    "few",
];

/// "Kyiv's (Western) allies", "the allies of Ukraine", "Moscow's backers": the actor's
/// mention becomes one group mention, "allies of Ukraine", with no code and no principal
/// (the contract's unresolved actor), which the event coder never takes as a party.
pub fn allies_of(seg: &Segmentation, mentions: &mut [Mention]) {
    let toks = &seg.tokens;
    let word = |k: usize| toks.get(k).map(|t| t.lower.as_str());
    let ally_at = |k: usize| word(k).is_some_and(|w| ALLY_NOUNS.contains(&w));
    let mut i = 0;
    while i < mentions.len() {
        let m = &mentions[i];
        if m.actor.principal.is_none() {
            i += 1;
            continue;
        }
        // "X's [modifiers] allies"
        let after = if matches!(word(m.last), Some("'s" | "’s" | "'")) {
            let mut k = m.last + 1;
            while word(k).is_some_and(|w| ALLY_MODIFIERS.contains(&w)) && k < m.last + 3 {
                k += 1;
            }
            ally_at(k).then_some((m.first, k + 1))
        } else {
            None
        };
        // "the allies of X", "allies of X"
        let before = (m.first >= 2 && word(m.first - 1) == Some("of") && ally_at(m.first - 2))
            .then(|| {
                let start = m.first - 2;
                let start = if start > 0 && word(start - 1) == Some("the") {
                    start - 1
                } else {
                    start
                };
                (start, m.last)
            });
        let Some((first, last)) = after.or(before) else {
            i += 1;
            continue;
        };
        // another mention inside the new span ("the US's and Britain's allies") stays
        if mentions
            .iter()
            .enumerate()
            .any(|(j, o)| j != i && o.first < last && first < o.last)
        {
            i += 1;
            continue;
        }
        let name = format!("allies of {}", m.actor.name);
        let mut group = new_mention(
            seg,
            first,
            last,
            Actor {
                name: name.into(),
                code: Default::default(),
                principal: None,
            },
            MentionKind::Description,
        );
        group.plural = true;
        mentions[i] = group;
        i += 1;
    }
}

/// "the alliance", "the military bloc", "the organization", "the country": the most recent
/// organisation (or country) the noun can describe.
pub fn org_descriptions(
    seg: &Segmentation,
    dict: &Dictionary,
    classes: &Classes,
    mentions: &mut Vec<Mention>,
) {
    let toks = &seg.tokens;
    let mut added = Vec::new();
    // (the descriptions found are added after the loop: `mentions` stay as they are until then)
    let cover = Cover::new(toks.len(), mentions);
    // a two-word noun's key, built here
    let mut pair = String::new();
    for i in classes.tokens_in(0, toks.len(), class::THE | class::THIS) {
        if cover.covered(i) {
            continue;
        }
        // up to two lowercase modifiers, then a one- or two-word noun
        let mut found: Option<(usize, usize)> = None; // the noun's first token and length
        for k in i + 1..(i + 4).min(toks.len()) {
            if !toks[k].is_word() || cover.covered(k) {
                break;
            }
            // (a one- or two-word noun begins with this word: most words begin none)
            let nouns_from_here = if dict.may_begin_org_noun(&toks[k].lower) {
                &[2usize, 1][..]
            } else {
                &[]
            };
            for &len in nouns_from_here {
                if k + len > toks.len() {
                    continue;
                }
                let key = noun_key(toks, k, len, &mut pair);
                if !dict.org_nouns.contains_key(key) && !matches!(key, "country" | "nation") {
                    continue;
                }
                // the noun must end the phrase ("the alliance members" is not the alliance);
                // (asked second: the words after "the" are seldom a noun of the list)
                let next_is_noun = toks.get(k + len).is_some_and(|t| {
                    t.is_word()
                        && !classes.is(k + len, class::CAPITALIZED)
                        && dict.org_nouns.contains_key(t.lower.as_str())
                });
                if !next_is_noun {
                    found = Some((k, len));
                    break;
                }
            }
            if found.is_some() || classes.is(k, class::CAPITALIZED) {
                break;
            }
        }
        let Some((k, len)) = found else { continue };
        let (last, key) = (k + len, noun_key(toks, k, len, &mut pair));
        let nouns = dict.org_nouns.get(key);
        // (the mentions are in text order: those that start at `i` or later do not end
        // before it)
        let before = &mentions[..mentions.partition_point(|m| m.first < i)];
        let antecedent = before
            .iter()
            .rev()
            .filter(|m| m.last <= i && m.actor.principal.is_some())
            .find(|m| match nouns {
                Some(_) => dict.noun_org_prefix(key, &m.actor.code),
                None => m.kind == MentionKind::Name && !dict.has_org_prefix(&m.actor.code, 0),
            });
        if let Some(a) = antecedent {
            // "NATO Secretary-General Jens Stoltenberg ... the alliance": the organisation,
            // not its official
            let org = nouns.and_then(|orgs| {
                orgs.iter()
                    .map(|&o| &dict.orgs[o])
                    .find(|u| a.actor.code.starts_with(u.code.as_str()))
            });
            let actor = match org {
                Some(u) if a.kind == MentionKind::Person || a.entity.is_some() || a.role_person => {
                    Actor {
                        name: u.name.clone(),
                        code: u.code.clone(),
                        principal: Some(u.principal.clone()),
                    }
                }
                _ => Actor {
                    name: a.actor.name.clone(),
                    code: a.actor.code.clone(),
                    principal: a.actor.principal.clone(),
                },
            };
            added.push(new_mention(seg, i, last, actor, MentionKind::Description));
        }
    }
    mentions.extend(added);
    super::sort_by_first(mentions);
}

/// The lowercase words `toks[k..k + len]` (one or two) joined by a space, as the keys of
/// [`Dictionary::org_nouns`] are; two words are joined in `buf`.
fn noun_key<'a>(
    toks: &'a [crate::segment::Token],
    k: usize,
    len: usize,
    buf: &'a mut String,
) -> &'a str {
    if len == 1 {
        return &toks[k].lower;
    }
    buf.clear();
    for (n, t) in toks[k..k + len].iter().enumerate() {
        if n > 0 {
            buf.push(' ');
        }
        buf.push_str(&t.lower);
    }
    buf
}

/// (Every phrase's second word is "two", "sides", "parties", "countries" or "leaders":
/// [`resolve`] asks that first.)
const PAIR_PHRASES: &[&[&str]] = &[
    &["the", "two", "sides"],
    &["both", "sides"],
    &["the", "two", "parties"],
    &["both", "parties"],
    &["the", "two", "countries"],
    &["both", "countries"],
    &["the", "two", "nations"],
    &["the", "two", "governments"],
    &["the", "two", "leaders"],
    &["both", "leaders"],
    &["the", "two", "presidents"],
    &["the", "two", "ministers"],
    &["the", "two", "foreign", "ministers"],
    &["the", "two", "delegations"],
    &["the", "sides"],
    &["the", "parties"],
];

/// Surnames, pronouns, person descriptions and "the two sides", in text order.
pub fn resolve(
    text: &str,
    seg: &Segmentation,
    speech: &crate::lexicon::Speech,
    classes: &Classes,
    mentions: &mut Vec<Mention>,
    entities: &mut [Entity],
) {
    let toks = &seg.tokens;
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len() * 2);
    let mut existing: Vec<Mention> = std::mem::take(mentions);
    super::sort_by_first(&mut existing);
    // the existing mentions move to `out` in order (one that starts inside an earlier one is
    // never reached, nor are those after it)
    let mut existing = existing.into_iter();
    // the next mention's first token, compared at every token (read where the mention lies:
    // a mention is moved only to `out`)
    let first_of = |rest: &[Mention]| rest.first().map_or(usize::MAX, |m| m.first);
    let mut next_first = first_of(existing.as_slice());
    // the surnames of the persons met before (those whose name is more than a surname), each
    // with its entity and its key: a capitalised word's key is compared with these first
    let surnames: Vec<(u64, &str, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.name != e.surname)
        .map(|(k, e)| (word_key(&e.surname), e.surname.as_str(), k))
        .collect();
    // the words this loop reads: any other token that starts no mention is passed over
    const READ: u16 = class::THE | class::BOTH | class::CAPITALIZED | class::PRONOUN;
    let mut i = 0;
    while i < toks.len() {
        if next_first != i {
            // (found by a scan of the class bits up to the next mention)
            let stop = if next_first > i {
                next_first.min(toks.len())
            } else {
                toks.len()
            };
            match classes.tokens_in(i, stop, READ).next() {
                Some(t) => i = t,
                None => {
                    i = stop;
                    continue;
                }
            }
        }
        if next_first == i {
            let Some(mut m) = existing.next() else { break };
            next_first = first_of(existing.as_slice());
            if m.kind == MentionKind::Description && m.actor.principal.is_none() {
                resolve_description(&mut m, &out, entities);
            }
            i = m.last;
            out.push(m);
            continue;
        }
        let t = &toks[i];
        let c = classes.of(i);
        // the two sides (every phrase opens with "the" or "both", and its second word is one
        // of five: most "the"s are told apart by that word alone)
        if c & (class::THE | class::BOTH) != 0
            && classes.is(i + 1, class::PAIR_SECOND)
            && let Some(len) = PAIR_PHRASES
                .iter()
                .find(|p| {
                    toks.len() >= i + p.len()
                        && toks[i..i + p.len()]
                            .iter()
                            .zip(p.iter())
                            .all(|(t, w)| t.lower == *w)
                })
                .map(|p| p.len())
        {
            let mut top = principal_counts(&out);
            top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            if top.len() >= 2 {
                let a = representative(&out, top[0].0);
                let b = representative(&out, top[1].0);
                let mut m = new_mention(seg, i, i + len, a, MentionKind::Pair);
                m.pair = Some(Box::new(b));
                m.plural = true;
                out.push(m);
                i += len;
                continue;
            }
        }
        // a surname of a person met before
        if c & class::CAPITALIZED != 0
            && let word = t.span.slice(text)
            && let key = word_key(word)
            && let Some(&(_, _, e)) = surnames
                .iter()
                .find(|&&(k, surname, _)| k == key && surname == word)
        {
            let mut m = new_mention(
                seg,
                i,
                i + 1,
                entities[e].actor.clone(),
                MentionKind::Person,
            );
            m.actor.name = entities[e].name.clone();
            m.entity = Some(e);
            out.push(m);
            i += 1;
            continue;
        }
        if c & class::PRONOUN == 0 {
            // (most words are none of the pronouns)
        } else if c & (class::MASCULINE | class::FEMININE) != 0 {
            let female = c & class::FEMININE != 0;
            if let Some(a) = out.iter().rev().find(|m| {
                m.entity
                    .is_some_and(|e| entities[e].female.is_none_or(|f| f == female))
            }) {
                let mut m = new_mention(seg, i, i + 1, a.actor.clone(), MentionKind::Pronoun);
                m.entity = a.entity;
                out.push(m);
            }
        } else if c & class::THEY != 0 {
            if let Some(a) = reporting_subject(toks, speech, &out, i) {
                let mut m = new_mention(seg, i, i + 1, a.actor.clone(), MentionKind::Pronoun);
                m.plural = true;
                out.push(m);
            }
        } else {
            // "it" or "its"
            let expletive = c & class::IT != 0 && expletive_it(toks, i);
            if !expletive
                && let Some(a) = out.iter().rev().find(|m| {
                    m.entity.is_none()
                    // a collective role noun is one body: "the government ... it"
                    && (!m.plural
                        || m.kind == MentionKind::Role
                            && !toks[m.last - 1].lower.ends_with('s'))
                    // "Pakistan, a key U.S. ally in the war, has urged its citizens":
                    // a name inside an apposition is not what "its" goes back to
                    && !in_apposition(toks, m.first, m.last, i)
                    && m.actor.principal.is_some()
                    && !m.locative
                    && m.kind != MentionKind::Adjective
                    && m.kind != MentionKind::Pair
                })
            {
                out.push(new_mention(
                    seg,
                    i,
                    i + 1,
                    a.actor.clone(),
                    MentionKind::Pronoun,
                ));
            }
        }
        i += 1;
    }
    *mentions = out;
}

/// A word's length and first seven bytes in one number: two words with different keys are
/// different words, so that a word is compared with a list of others by their keys first.
fn word_key(w: &str) -> u64 {
    let b = w.as_bytes();
    b.iter()
        .take(7)
        .enumerate()
        .fold(b.len().min(255) as u64, |k, (i, &c)| {
            k | u64::from(c) << (8 * (i + 1))
        })
}

/// How many of the mentions so far name each principal: the document's own mentions and the
/// surnames, not the pronouns and pairs that point back to them. (Counted only where "the
/// two sides" needs it.)
fn principal_counts(out: &[Mention]) -> Vec<(&Name, usize)> {
    let mut counts: Vec<(&Name, usize)> = Vec::new();
    for m in out
        .iter()
        .filter(|m| !matches!(m.kind, MentionKind::Pronoun | MentionKind::Pair))
    {
        let Some(p) = &m.actor.principal else {
            continue;
        };
        match counts.iter_mut().find(|(k, _)| *k == p) {
            Some((_, n)) => *n += 1,
            None => counts.push((p, 1)),
        }
    }
    counts
}

/// The actor for a principal, as most recently named by a unit (not a person) mention.
fn representative(out: &[Mention], principal: &str) -> Actor {
    out.iter()
        .rev()
        .find(|m| {
            m.actor.principal.as_deref() == Some(principal)
                && m.entity.is_none()
                && matches!(
                    m.kind,
                    MentionKind::Name | MentionKind::Description | MentionKind::Metonym
                )
        })
        .or_else(|| {
            out.iter()
                .rev()
                .find(|m| m.actor.principal.as_deref() == Some(principal))
        })
        .map(|m| {
            let mut a = m.actor.clone();
            if m.entity.is_some() || m.kind == MentionKind::Role || m.kind == MentionKind::Adjective
            {
                // a person or group stands for its principal
                a.code = a
                    .code
                    .chars()
                    .take(if a.code.starts_with("IGO") || a.code.starts_with("NGO") {
                        a.code.len()
                    } else {
                        3
                    })
                    .collect();
                a.name = principal.into();
            }
            a
        })
        .unwrap_or(Actor {
            name: principal.into(),
            code: principal.into(),
            principal: Some(principal.into()),
        })
}

/// "the veteran official" -> the most recent person; "the government" -> the country most
/// recently named by its name or by its capital standing for it ("to punish Bamako. The junta"),
/// not by a place that only locates ("arrived in Bamako").
fn resolve_description(m: &mut Mention, before: &[Mention], entities: &[Entity]) {
    if m.role_person {
        if let Some(a) = before.iter().rev().find(|x| {
            x.entity
                .is_some_and(|e| entities[e].actor.principal.is_some())
        }) {
            let e = a.entity.unwrap_or(0);
            m.actor = entities[e].actor.clone();
            m.entity = a.entity;
        }
    } else if m.actor.code.starts_with("GOV")
        && let Some(a) = before.iter().rev().find(|x| {
            matches!(x.kind, MentionKind::Name | MentionKind::Metonym)
                && x.actor
                    .principal
                    .as_ref()
                    .is_some_and(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_uppercase()))
                && !x.locative
        })
    {
        let country: String = a.actor.code.chars().take(3).collect();
        m.actor = Actor {
            name: a.actor.name.clone(),
            code: super::concat(&country, &m.actor.code),
            principal: a.actor.principal.clone(),
        };
    }
}

/// Whether "it" at `i` is the expletive subject ("it is clear that", "it was reported",
/// "it seems", "it has been said") rather than a pronoun for an actor: a state or body is
/// "prepared to", "ready to", "committed to" something ("it is prepared to impose martial
/// law"), and "it has decided" is something it did ("it had a program" is left alone: the
/// possessor is too often an actor no mention holds, "the North").
fn expletive_it(toks: &[crate::segment::Token], i: usize) -> bool {
    let word = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    let next = word(i + 1);
    // the word after the verb, past an adverb or a negation
    let mut k = i + 2;
    while matches!(
        word(k),
        "not" | "still" | "also" | "now" | "already" | "fully" | "n't"
    ) {
        k += 1;
    }
    let after = word(k);
    match next {
        "is" | "was" | "'s" => !matches!(
            after,
            "prepared"
                | "ready"
                | "willing"
                | "unwilling"
                | "determined"
                | "committed"
                | "planning"
                | "considering"
                | "seeking"
                | "trying"
                | "preparing"
                | "able"
                | "unable"
                | "eager"
                | "reluctant"
                | "opposed"
        ),
        // "it has decided", "it had warned": a regular participle is something it did
        "has" | "had" => !after.ends_with("ed"),
        "seems" | "seemed" | "appears" | "appeared" | "remains" | "takes" | "took" | "becomes"
        | "became" => true,
        _ => false,
    }
}

/// Whether tokens `[first, last)` lie inside an apposition closed before token `before`:
/// ", a key U.S. ally in the war against terrorism,".
fn in_apposition(toks: &[crate::segment::Token], first: usize, last: usize, before: usize) -> bool {
    let opens = (first.saturating_sub(5)..first)
        .rev()
        .find(|&k| toks[k].lower == ",")
        .is_some_and(|c| matches!(toks[c + 1].lower.as_str(), "a" | "an" | "the"));
    opens && (last..before.min(last + 10)).any(|k| toks[k].lower == ",")
}

/// "Sri Lankan Tamil rebels have said that they will release two homeguards", "The FARC said
/// Saturday they will lay down arms": "they" as the subject of what a group said is the group.
/// Only then: the speaker is the actor named right before the speech verb (with "have",
/// "also" or a day between), a group or a plural, never a place or a nationality adjective.
fn reporting_subject<'a>(
    toks: &[crate::segment::Token],
    speech: &crate::lexicon::Speech,
    out: &'a [Mention],
    i: usize,
) -> Option<&'a Mention> {
    let mut j = i;
    if j > 0 && toks[j - 1].lower == "that" {
        j -= 1;
    }
    // "said Saturday", "said on Monday", "said today"
    let mut skipped = 0;
    while j > 0
        && skipped < 3
        && (crate::date::is_calendar_word(&toks[j - 1].lower)
            || matches!(
                toks[j - 1].lower.as_str(),
                "on" | "today" | "yesterday" | "tonight" | "last" | "night" | "also"
            ))
    {
        j -= 1;
        skipped += 1;
    }
    let verb = j.checked_sub(1)?;
    if !speech.verb_forms.contains_key(toks[verb].lower.as_str()) {
        return None;
    }
    let mut k = verb;
    while k > 0 && matches!(toks[k - 1].lower.as_str(), "have" | "has" | "had" | "also") {
        k -= 1;
    }
    out.iter().rev().find(|m| m.last == k).filter(|m| {
        // "U.S. and Russian authorities announced they will ...": they are both, which the
        // event coder's coordination reads from the subject itself
        !(m.first > 0 && matches!(toks[m.first - 1].lower.as_str(), "and" | "," | "or"))
            && m.actor.principal.is_some()
            && !m.locative
            && m.kind != MentionKind::Adjective
            && m.kind != MentionKind::Person
            && (m.plural || m.kind == MentionKind::Name)
    })
}

#[cfg(test)]
mod tests {
    use super::PAIR_PHRASES;

    #[test]
    fn every_pair_phrase_passes_the_second_word_check() {
        for p in PAIR_PHRASES {
            assert!(matches!(p[0], "the" | "both"), "{p:?}");
            assert!(
                matches!(p[1], "two" | "sides" | "parties" | "countries" | "leaders"),
                "{p:?}"
            );
        }
    }
}
