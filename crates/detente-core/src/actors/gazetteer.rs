//! Dictionary matching: every surface form of the dictionaries, aligned to token boundaries,
//! longest match first; ambiguous names ("Jordan", "Georgia") only when they stand alone;
//! capitals and countries after a locative preposition marked as places.

use super::classes::{Classes, class};
use super::dictionary::{Dictionary, Entry};
use super::{Mention, MentionKind};
use crate::date::Date;
use crate::segment::Segmentation;
use crate::span::Span;
use rustc_hash::FxHashMap as HashMap;

/// Prepositions after which a place name is a location, not an actor.
pub const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "throughout",
    "from",
    "within",
    "into",
    "via",
    "toward",
    "towards",
];

/// `date_at(token)` is the date a known official's role is looked up on: the date of the
/// sentence holding the token.
pub fn find<'d>(
    text: &str,
    seg: &Segmentation,
    dict: &'d Dictionary,
    classes: &Classes,
    date_at: &dyn Fn(usize) -> Option<Date>,
    entities: &mut Vec<super::Entity>,
) -> Vec<Mention> {
    let toks = &seg.tokens;
    // tokens are in text order: a match aligns with them when its ends are token ends
    let start_of = |b: usize| toks.binary_search_by_key(&b, |t| t.span.start).ok();
    let end_of = |b: usize| toks.binary_search_by_key(&b, |t| t.span.end).ok();
    // best (longest) match per starting token
    let mut best: Vec<Option<(usize, &Entry)>> = vec![None; toks.len()];
    // the tokens that start a match (each once), so that the mentions are made from those
    // rather than from every token (at most one a token: reserved, no regrowth)
    let mut matched: Vec<usize> = Vec::with_capacity(toks.len());
    // a match of tokens `[ft, last)`
    let mut consider = |ft: usize, last: usize, entry: &'d Entry| {
        // a person's alias only when the dictionary has no other meaning at this length; a
        // surname two people share is the one in office on the sentence's date, else the one
        // most recently out of office
        match &best[ft] {
            Some((l, old)) if *l > last || (*l == last && !matches!(old, Entry::Person(_))) => {}
            Some((l, Entry::Person(old)))
                if *l == last
                    && matches!(entry, Entry::Person(new)
                        if dict.persons[*new].standing_on(date_at(ft))
                            < dict.persons[*old].standing_on(date_at(ft))) => {}
            _ => {
                if best[ft].is_none() {
                    matched.push(ft);
                }
                best[ft] = Some((last, entry));
            }
        }
    };
    // the built-in forms, walked from each token start (as `Dictionary::find_all` does); a
    // match ends at the end of the token it ends in, or is no match
    let bytes = text.as_bytes();
    // the walks' starts are found for every token first, in a loop of reads (cache misses,
    // mostly: a document's words are rare ones) independent of one another that the core
    // overlaps, before any walk; walking one token after another waited for each
    let mut starts: Vec<(usize, crate::actors::trie::Start)> = Vec::with_capacity(toks.len());
    starts.extend(
        toks.iter()
            .enumerate()
            .filter_map(|(ft, tok)| Some((ft, dict.form_start(bytes, tok.span.start)?))),
    );
    for (ft, start) in starts {
        dict.forms_from(bytes, start, |e, entry| {
            let mut lt = ft;
            while lt < toks.len() && toks[lt].span.end < e {
                lt += 1;
            }
            if toks.get(lt).is_some_and(|t| t.span.end == e) {
                consider(ft, lt + 1, entry);
            }
        });
    }
    for (s, e, entry) in dict.user_forms_in(text) {
        let (Some(ft), Some(lt)) = (start_of(s), end_of(e)) else {
            continue;
        };
        consider(ft, lt + 1, entry);
    }
    // (in text order: the walks go from token to token; a user's forms may come after)
    matched.sort_unstable();
    // room for the mentions the later passes add to this list (roles, names, coreference:
    // about as many again), so that it is not moved to a larger block on the way
    let mut out: Vec<Mention> = Vec::with_capacity(2 * matched.len() + 16);
    let mut covered_to = 0;
    for &ft in &matched {
        let Some((last, entry)) = best[ft] else {
            continue;
        };
        if ft < covered_to {
            continue;
        }
        let surface = &text[toks[ft].span.start..toks[last - 1].span.end];
        if dict.is_ambiguous(surface) && glued_to_name(text, seg, ft, last) {
            continue;
        }
        // one word of a person's name followed by a capitalised word the dictionaries do not
        // start a match with is part of someone else's name: "Chadli Klibi" is not Chadli
        // Bendjedid, "Trump Tower" is not Donald Trump
        if matches!(entry, Entry::Person(_))
            && last == ft + 1
            && toks.get(last).is_some_and(|t| {
                t.is_word()
                    && super::capitalized(text, t)
                    && !t.after_newline
                    && !NOT_A_NAME.contains(&t.lower.as_str())
                    && !crate::date::is_calendar_word(&t.lower)
                    && best.get(last).is_none_or(|b| b.is_none())
            })
        {
            continue;
        }
        // "the South China Sea", "the Indian Ocean", "the Sea of Japan": a state's name or
        // adjective in the name of a sea or an ocean names the water, not the state
        if matches!(entry, Entry::Country(_) | Entry::Adjective(_))
            && (toks.get(last).is_some_and(|t| {
                matches!(t.lower.as_str(), "sea" | "ocean") && super::capitalized(text, t)
            }) || ft >= 2
                && toks[ft - 1].lower == "of"
                && toks[ft - 2].lower == "sea"
                && super::capitalized(text, &toks[ft - 2]))
        {
            continue;
        }
        // "Shan-e-Mustafa", "Fazl-ur-Rehman": a word joined by a short lowercase particle
        // between hyphens is part of a compound name
        if toks.get(last).is_some_and(|t| t.lower == "-")
            && toks
                .get(last + 1)
                .is_some_and(|t| t.is_word() && t.lower.len() <= 3 && !super::capitalized(text, t))
            && toks.get(last + 2).is_some_and(|t| t.lower == "-")
        {
            continue;
        }
        // "Montenegro Municipality Association (AKK)": capitals in parentheses after a name
        // are that name's acronym, not a person known by the same letters
        if matches!(entry, Entry::Person(_))
            && last == ft + 1
            && ft > 0
            && toks[ft - 1].lower == "("
            && toks.get(last).is_some_and(|t| t.lower == ")")
            && surface.chars().all(|c| c.is_uppercase())
        {
            continue;
        }
        let prev = ft.checked_sub(1).map(|p| toks[p].lower.as_str());
        // "in the West Bank": the preposition before the article decides
        let prev = match prev {
            Some("the") if ft >= 2 => Some(toks[ft - 2].lower.as_str()),
            p => p,
        };
        // "ethnic Albanians in Serbia": an ethnic group, not the state of that name
        if prev == Some("ethnic") && matches!(entry, Entry::Adjective(_) | Entry::Country(_)) {
            continue;
        }
        let next_lower = toks.get(last).map(|t| {
            (
                t.lower.as_str(),
                t.is_word() && !super::capitalized(text, t),
            )
        });
        let mut locative = false;
        let kind = match entry {
            Entry::Country(_) | Entry::Org(_) | Entry::Body(..) => {
                locative = prev.is_some_and(|p| LOCATIVE.contains(&p))
                    && matches!(entry, Entry::Country(_));
                MentionKind::Name
            }
            Entry::Adjective(_) => MentionKind::Adjective,
            Entry::Capital(_) => {
                // "in Brussels", "its Brussels headquarters", "Moscow time"
                locative = prev.is_some_and(|p| {
                    LOCATIVE.contains(&p) || p == "'s" || p == "its" || p == "their"
                }) || next_lower.is_some_and(|(w, _)| ATTRIBUTIVE.contains(&w));
                MentionKind::Metonym
            }
            Entry::Seat(_) => {
                // "initialled a peace agreement at the White House": where it happened
                locative = prev.is_some_and(|p| LOCATIVE.contains(&p));
                MentionKind::Metonym
            }
            Entry::Person(_) => MentionKind::Person,
            Entry::User(i)
                if dict.users[*i]
                    .roles
                    .iter()
                    .any(|r| r.from.is_some() || r.to.is_some()) =>
            {
                MentionKind::Person
            }
            Entry::User(_) => MentionKind::Name,
            Entry::Place(_) => {
                locative = true;
                MentionKind::Place
            }
        };
        // (only a person's actor depends on the date: the others do not look it up)
        let date = match entry {
            Entry::Person(_) | Entry::User(_) => date_at(ft),
            _ => None,
        };
        // (a capital stands for its government: made so at once, not made and replaced)
        let actor = match entry {
            Entry::Capital(i) => dict.countries[*i].actor("GOV"),
            _ => dict.actor(entry, date),
        };
        // a known person is an entity of the document, with the gender the dictionary gives
        // ("Merkel met Putin. She said ..."; pronouns agree with it)
        let entity = match entry {
            Entry::Person(i) => Some(super::roles::entity_for(
                entities,
                &actor.name,
                || actor.clone(),
                dict.persons[*i].female,
            )),
            _ => None,
        };
        out.push(Mention {
            span: Span::new(toks[ft].span.start, toks[last - 1].span.end),
            first: ft,
            last,
            actor,
            kind,
            entity,
            locative,
            pair: None,
            plural: false,
            role_person: false,
        });
        covered_to = last;
    }
    let mut capitals = uncovered_capitals(classes, toks.len(), &out);
    misspelt_countries(text, seg, dict, &mut capitals, &mut out);
    misspelt_persons(text, seg, dict, date_at, &capitals, &mut out);
    // places coordinated with a place: "in Moscow and Brussels"
    for i in 1..out.len() {
        if out[i - 1].locative
            && out[i].first == out[i - 1].last + 1
            && matches!(toks[out[i - 1].last].lower.as_str(), "and" | "or" | ",")
            && out[i].kind == out[i - 1].kind
        {
            out[i].locative = true;
        }
    }
    resolve_seats(text, dict, &mut out);
    out
}

/// A capital that stands for an organisation seated there ("Brussels" for NATO or the EU) when
/// the document is about that organisation.
fn resolve_seats(text: &str, dict: &Dictionary, out: &mut [Mention]) {
    // (most documents name no seat: nothing to count then)
    if !out.iter().any(|m| {
        m.kind == MentionKind::Metonym && !m.locative && dict.seats.contains_key(m.span.slice(text))
    }) {
        return;
    }
    let mut counts: HashMap<super::Name, usize> = HashMap::default();
    for m in out.iter() {
        if let Some(p) = &m.actor.principal {
            *counts.entry(p.clone()).or_default() += 1;
        }
    }
    for m in out
        .iter_mut()
        .filter(|m| m.kind == MentionKind::Metonym && !m.locative)
    {
        let Some(orgs) = dict.seats.get(m.span.slice(text)) else {
            continue;
        };
        let count = |o: usize| counts.get(&dict.orgs[o].principal).copied().unwrap_or(0);
        if let Some(&o) = orgs
            .iter()
            .filter(|&&o| count(o) > 0)
            .max_by_key(|&&o| count(o))
        {
            m.actor = dict.orgs[o].actor("");
        }
    }
}

/// Part of a longer capitalised name ("Michael Jordan", "Jordan River").
fn glued_to_name(text: &str, seg: &Segmentation, first: usize, last: usize) -> bool {
    let toks = &seg.tokens;
    let cap = |i: usize| {
        toks.get(i)
            .is_some_and(|t| super::capitalized(text, t) && !t.after_newline)
    };
    (first > 0
        && cap(first - 1)
        && !toks[first].after_newline
        && !is_sentence_start(seg, first - 1))
        || cap(last)
}

/// The capitalised words that no mention of `out` (in text order) covers, in text order: the
/// only tokens the spelling passes read, found in one pass over the gaps between mentions.
fn uncovered_capitals(classes: &Classes, tokens: usize, out: &[Mention]) -> Vec<usize> {
    let mut capitals = Vec::new();
    let mut from = 0;
    let ends = out.iter().map(|m| (m.first, m.last));
    for (gap_end, next) in ends.chain(std::iter::once((tokens, tokens))) {
        // (the class bits say it: no token is read)
        capitals.extend(classes.tokens_in(from, gap_end, class::CAPITALIZED));
        from = from.max(next);
    }
    capitals
}

/// Country names misspelt by a letter ("Ethopia", "Afganistan") where no dictionary form
/// matched: a capitalised word standing alone (not part of a longer name). `capitals` are
/// the uncovered capitalised words ([`uncovered_capitals`]); those that become mentions leave
/// it.
fn misspelt_countries(
    text: &str,
    seg: &Segmentation,
    dict: &Dictionary,
    capitals: &mut Vec<usize>,
    out: &mut Vec<Mention>,
) {
    let toks = &seg.tokens;
    let mut added = Vec::new();
    for &t in capitals.iter() {
        let tok = &toks[t];
        // (a word of SPELLING_MIN bytes or fewer has no more characters: never a slip)
        if tok.span.len() <= super::dictionary::SPELLING_MIN || glued_to_name(text, seg, t, t + 1) {
            continue;
        }
        let Some(i) = dict.misspelt_country(&text[tok.span.start..tok.span.end]) else {
            continue;
        };
        let prev = t.checked_sub(1).map(|p| toks[p].lower.as_str());
        out.push(Mention {
            span: tok.span,
            first: t,
            last: t + 1,
            actor: dict.countries[i].actor(""),
            kind: MentionKind::Name,
            entity: None,
            locative: prev.is_some_and(|p| LOCATIVE.contains(&p)),
            pair: None,
            plural: false,
            role_person: false,
        });
        added.push(t);
    }
    if !added.is_empty() {
        capitals.retain(|t| !added.contains(t));
        super::sort_by_first(out);
    }
}

/// Known persons whose surname is misspelt by a letter ("Francois Mitterand"): a given name
/// and a surname, both capitalised and matched by nothing else (two neighbours among
/// `capitals`, the uncovered capitalised words).
fn misspelt_persons(
    text: &str,
    seg: &Segmentation,
    dict: &Dictionary,
    date_at: &dyn Fn(usize) -> Option<Date>,
    capitals: &[usize],
    out: &mut Vec<Mention>,
) {
    let toks = &seg.tokens;
    let mut added = false;
    for pair in capitals.windows(2) {
        let (t, u) = (pair[0], pair[1]);
        let (g, s) = (&toks[t], &toks[u]);
        // (a surname of fewer than six bytes has fewer than six characters: never a slip)
        if u != t + 1
            || s.span.len() < 6
            || s.after_newline
            || toks.get(t + 2).is_some_and(|n| super::capitalized(text, n))
        {
            continue;
        }
        let Some(i) = dict.misspelt_person(g.span.slice(text), s.span.slice(text)) else {
            continue;
        };
        out.push(Mention {
            span: Span::new(g.span.start, s.span.end),
            first: t,
            last: t + 2,
            actor: dict.actor(&Entry::Person(i), date_at(t)),
            kind: MentionKind::Person,
            entity: None,
            locative: false,
            pair: None,
            plural: false,
            role_person: false,
        });
        added = true;
    }
    if added {
        super::sort_by_first(out);
    }
}

/// Capitalised words that follow a name without being part of it (besides weekdays and
/// months).
const NOT_A_NAME: &[&str] = &["administration", "government", "cabinet", "i", "jr", "sr"];

fn is_sentence_start(seg: &Segmentation, t: usize) -> bool {
    // sentences are in text order
    let at = seg.sentences.partition_point(|s| s.first < t);
    seg.sentences.get(at).is_some_and(|s| s.first == t)
}

/// Nouns after a capital that make it a place name modifier ("its Brussels headquarters",
/// "the Geneva talks", "Moscow time") rather than the government.
const ATTRIBUTIVE: &[&str] = &[
    "headquarters",
    "office",
    "offices",
    "summit",
    "meeting",
    "talks",
    "conference",
    "embassy",
    "bureau",
    "correspondent",
    "time",
    "airport",
    "area",
    "region",
    "suburb",
    "suburbs",
    "district",
    "street",
    "streets",
    "residents",
    "stock",
    "exchange",
    "mayor",
    "city",
    "hotel",
    "university",
    "marathon",
    "metro",
    "club",
    "convention",
    "accord",
    "accords",
    "agreement",
    "process",
    "format",
    "protocol",
    "consensus",
    "outskirts",
];
