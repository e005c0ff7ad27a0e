//! Role phrases: a role noun with its modifiers and affiliation gives an actor code from
//! context, and a name next to it becomes a person of that role.
//!
//! "the Russian Deputy Defence Minister Alexander Fomin" -> person Alexander Fomin, RUSGOVMIL;
//! "NATO Secretary-General Jens Stoltenberg" -> IGOWSTNAT; "eight Russian diplomats" ->
//! RUSGOV (a group); "Israel's UN ambassador" -> ISRGOV; "the veteran official" -> a
//! description left for coreference.

use super::classes::{Classes, class};
use super::cover::Cover;
use super::dictionary::{Dictionary, RoleWord};
use super::{Actor, Entity, Mention, MentionKind, Name};
use crate::segment::{Segmentation, Token};
use crate::span::Span;

/// Whether `w` opens a role phrase or counts its members ("the", "its", "two", "senior"):
/// a `match`, which tells most words apart by their length and first bytes, where a scan of
/// a list compared each in turn.
fn is_determiner(w: &str) -> bool {
    is_article(w)
        || matches!(
            w,
            "both"
                | "all"
                | "some"
                | "several"
                | "many"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "other"
                | "senior"
                | "top"
        )
}

/// The determiners that open a noun phrase: an article, a possessive or a demonstrative (a
/// role phrase starts after it).
fn is_article(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
    )
}

/// Whether token `e` joins the capitalised words of a name around it: a particle ("Ibn Saud")
/// or a glued hyphen ("Jean-Yves") before a capitalised word.
pub(super) fn joins_name(toks: &[Token], classes: &Classes, e: usize) -> bool {
    let t = &toks[e];
    classes.is(e + 1, class::CAPITALIZED)
        && (NAME_PARTICLES.contains(&t.lower.as_str())
            || t.lower == "-" && t.glued && toks.get(e + 1).is_some_and(|n| n.glued))
}

pub(super) const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "da", "dos", "du",
    "del", "di", "ben", "abu", "bint",
];

/// A matched role head.
struct Head<'d> {
    first: usize,
    last: usize,
    word: &'d RoleWord,
}

/// Runs the role pass over `mentions` (in text order, as they stay).
pub fn find(
    text: &str,
    seg: &Segmentation,
    dict: &Dictionary,
    classes: &Classes,
    mentions: &mut Vec<Mention>,
    entities: &mut Vec<Entity>,
) {
    // entities for the officials found by the gazetteer that it left without one (misspelt
    // names, user dictionaries)
    for m in mentions
        .iter_mut()
        .filter(|m| m.kind == MentionKind::Person && m.entity.is_none())
    {
        m.entity = Some(entity_for(
            entities,
            &m.actor.name,
            || m.actor.clone(),
            None,
        ));
    }
    // the index is kept for the sentence at hand: every question about a sentence's phrases
    // is about a token in it or in the three after it ("minister of the alliance")
    let mut cover = Cover::new(seg.tokens.len(), &[]);
    let mut edits = Edits {
        longest: mentions.iter().map(|m| m.last - m.first).max().unwrap_or(0),
        stale_from: usize::MAX,
    };
    let mut codes: Vec<&str> = Vec::new();
    for s in &seg.sentences {
        let window = (s.first, s.last + 3);
        cover.refresh(mentions, window.0, window.1, edits.longest);
        let mut i = s.first;
        while i < s.last {
            let Some(head) = head_at(seg, dict, i, s.last, &cover) else {
                i += 1;
                continue;
            };
            i = head.last;
            let at = Sentence {
                first: s.first,
                last: s.last,
            };
            edits.stale_from = usize::MAX;
            if apply(
                text, seg, dict, classes, at, head, mentions, &cover, entities, &mut codes,
                &mut edits,
            ) {
                // only the tokens from the first changed mention on can be covered otherwise
                // (or by a mention at another place in the list): the window's part before the
                // phrase stays as it is
                let lo = window.0.max(edits.stale_from);
                cover.refresh(mentions, lo, window.1, edits.longest);
            }
        }
        ethnic_groups(
            text,
            seg,
            dict,
            classes,
            (s.first, s.last),
            mentions,
            (&mut cover, window),
            &mut edits,
        );
    }
}

/// A sentence's token range.
#[derive(Clone, Copy)]
struct Sentence {
    first: usize,
    last: usize,
}

/// What the role pass knows of the changes to its list of mentions: the length of the
/// longest mention, and the first token of the first mention added or removed since
/// `stale_from` was last reset. The list is in text order, so a change at a mention moves only
/// the mentions that start where it does or later: the [`Cover`] of the tokens before it is
/// still right.
struct Edits {
    longest: usize,
    stale_from: usize,
}

impl Edits {
    /// Notes that a mention starting at token `first` was added or removed.
    fn changed(&mut self, first: usize) {
        self.stale_from = self.stale_from.min(first);
    }
}

/// Adds `m` after the mentions that start before it or where it does (where a stable sort
/// of the list with `m` pushed at its end puts it): the list stays in text order. `edits`
/// is kept up to date.
fn insert_sorted(mentions: &mut Vec<Mention>, m: Mention, edits: &mut Edits) {
    edits.longest = edits.longest.max(m.last - m.first);
    edits.changed(m.first);
    let at = mentions.partition_point(|x| x.first <= m.first);
    mentions.insert(at, m);
}

/// Removes mention `absorbed` (if any) and adds `m` in text order, as a removal and then
/// [`insert_sorted`] do; when `m` takes the removed mention's place (a phrase that opens with
/// its affiliation: "Russian diplomats"), in place, with no mention moved.
fn replace_sorted(
    mentions: &mut Vec<Mention>,
    absorbed: Option<usize>,
    m: Mention,
    edits: &mut Edits,
) {
    let Some(r) = absorbed else {
        insert_sorted(mentions, m, edits);
        return;
    };
    edits.changed(mentions[r].first);
    // where `m` goes once mention `r` is gone
    let at = mentions.partition_point(|x| x.first <= m.first)
        - usize::from(mentions[r].first <= m.first);
    if at == r {
        edits.longest = edits.longest.max(m.last - m.first);
        edits.changed(m.first);
        mentions[r] = m;
    } else {
        mentions.remove(r);
        insert_sorted(mentions, m, edits);
    }
}

/// The mentions of a list in text order that start in `[first, last)`.
fn starting_in(mentions: &[Mention], first: usize, last: usize) -> &[Mention] {
    let lo = mentions.partition_point(|m| m.first < first);
    let hi = lo + mentions[lo..].partition_point(|m| m.first < last);
    &mentions[lo..hi]
}

/// "ethnic Albanians demonstrated in Serbia", "Ethnic Albanians have sworn to fight ... near
/// Macedonia's border": an ethnic group belongs to the state where it lives (where the
/// sentence places it, else the one country the sentence names), not to the state its name
/// comes from. The gazetteer leaves the demonym after "ethnic" unmatched for this.
#[allow(clippy::too_many_arguments)]
fn ethnic_groups(
    text: &str,
    seg: &Segmentation,
    dict: &Dictionary,
    classes: &Classes,
    (first, last): (usize, usize),
    mentions: &mut Vec<Mention>,
    (cover, window): (&mut Cover, (usize, usize)),
    edits: &mut Edits,
) {
    let toks = &seg.tokens;
    for t in classes.tokens_in(first, last.saturating_sub(1), class::ETHNIC) {
        if !classes.is(t + 1, class::CAPITALIZED) || cover.covered(t + 1) {
            continue;
        }
        let home = located(dict, mentions, first, last).or_else(|| {
            sole_country(seg, dict, mentions, first, last)
                .and_then(|i| mentions[i].actor.principal.clone())
        });
        let Some(c) = home else {
            continue;
        };
        let span = Span::new(toks[t].span.start, toks[t + 1].span.end);
        let actor = Actor {
            name: span.slice(text).into(),
            code: super::concat(&c, "CVL"),
            principal: Some(c),
        };
        let mut m = role_mention(text, span, t, t + 2, actor, true, false);
        m.plural = toks[t + 1].lower.ends_with('s');
        edits.stale_from = usize::MAX;
        insert_sorted(mentions, m, edits);
        let lo = window.0.max(edits.stale_from);
        cover.refresh(mentions, lo, window.1, edits.longest);
    }
}

/// The first mention of the list that covers token `t`, by a scan (for a list the [`Cover`]
/// does not index yet).
fn covering(mentions: &[Mention], t: usize) -> Option<usize> {
    mentions.iter().position(|m| m.first <= t && t < m.last)
}

/// Role heads that belong to the territory they are "in": "the authorities in Vietnam".
const TERRITORIAL: &[&str] = &[
    "authorities",
    "government",
    "administration",
    "regime",
    "junta",
    "leadership",
    "police",
    "court",
    "courts",
    "judiciary",
    "parliament",
];

/// The longest role head starting at token `i`; a word that is also a modifier ("deputy")
/// is a head only when no modifier or head follows it.
fn head_at<'d>(
    seg: &Segmentation,
    dict: &'d Dictionary,
    i: usize,
    end: usize,
    cover: &Cover,
) -> Option<Head<'d>> {
    let toks = &seg.tokens;
    let trie = &dict.head_trie;
    if !toks[i].is_word() || cover.covered(i) {
        return None;
    }
    let w = toks[i].lower.as_str();
    if !trie.may_begin(w) {
        return None;
    }
    // (the first word's id, looked up once: the walk below starts with it)
    let first = trie.word(w);
    trie.child(0, first)?;
    let longest = dict.max_head_len.min(end - i);
    let rest = toks[i + 1..i + longest].iter().map(|t| trie.word(&t.lower));
    for (k, h) in trie.prefixes(std::iter::once(first).chain(rest)) {
        if (i..i + k).any(|t| cover.covered(t)) {
            continue;
        }
        // one token is a head key of itself (the empty string is no key)
        let next = toks.get(i + k).map(|t| t.lower.as_str()).unwrap_or("");
        // (the maps are asked only when the answer matters: most heads are no modifier, and
        // a word that is a head continues the phrase anyway)
        if h.modifier
            && i + k < end
            && (dict.modifiers.contains_key(next) || dict.heads.contains_key(next))
        {
            return None;
        }
        if i + k < end
            && k == 1
            && next != "-"
            && toks[i].lower != "official"
            && dict.heads.contains_key(next)
        {
            // "deputy minister": the later word is the head
            return None;
        }
        return Some(Head {
            first: i,
            last: i + k,
            word: &h.word,
        });
    }
    None
}

/// Reads the role phrase around `head`; returns whether `mentions` changed (it stays in text
/// order). `cover` indexes `mentions` as they are on entry; `codes` is scratch space.
#[allow(clippy::too_many_arguments)]
fn apply<'d>(
    text: &str,
    seg: &Segmentation,
    dict: &'d Dictionary,
    classes: &Classes,
    sentence: Sentence,
    head: Head<'d>,
    mentions: &mut Vec<Mention>,
    cover: &Cover,
    entities: &mut Vec<Entity>,
    codes: &mut Vec<&'d str>,
    edits: &mut Edits,
) -> bool {
    let (s_first, s_last) = (sentence.first, sentence.last);
    let toks = &seg.tokens;
    codes.clear();
    codes.push(&head.word.code);
    let mut affiliation: Option<usize> = None; // mention index
    let mut start = head.first;
    let mut determiner: Option<&str> = None;
    // left: modifiers, affiliation, possessives, determiners
    let mut j = head.first;
    while j > s_first {
        let t = &toks[j - 1];
        if let Some(mi) = cover.at(j - 1) {
            let m = &mentions[mi];
            // "Russian", "NATO's", "the bloc's", "Darfur", "the Bush" (administration)
            let usable = (matches!(
                m.kind,
                MentionKind::Adjective
                    | MentionKind::Name
                    | MentionKind::Metonym
                    | MentionKind::Description
                    | MentionKind::Place
                    | MentionKind::Person
            )
                // a person's role after a body's phrase: "Iran's foreign ministry
                // spokesman", "the Russian embassy spokeswoman"
                || m.kind == MentionKind::Role && head.word.person && !m.role_person)
                && m.actor.principal.is_some();
            if !usable || affiliation.is_some() {
                break;
            }
            affiliation = Some(mi);
            j = m.first;
            start = j;
            continue;
        }
        let w = t.lower.as_str();
        if let Some(m) = dict.modifiers.get(w) {
            codes.push(&m.code);
            j -= 1;
            start = j;
            continue;
        }
        if w == "'s" || w == "-" || w == "’s" {
            j -= 1;
            continue;
        }
        if t.kind == crate::segment::Kind::Number || is_determiner(w) {
            determiner.get_or_insert(if w == "the" { "the" } else { "other" });
            j -= 1;
            if is_article(w) {
                break;
            }
            continue;
        }
        break;
    }
    let mut end = head.last;
    // right: "of Russia", "of the alliance"
    // and "officials from Russia", "rebels in Darfur" (a place, not a country: troops *in* a
    // country are often foreign)
    let prep = toks.get(end).map(|t| t.lower.as_str()).unwrap_or("");
    if affiliation.is_none() && matches!(prep, "of" | "from" | "in" | "throughout" | "across") {
        let mut k = end + 1;
        if toks.get(k).is_some_and(|t| t.lower == "the") {
            k += 1;
        }
        if let Some(mi) = cover.at(k).filter(|&mi| {
            mentions[mi].first == k
                && mentions[mi].actor.principal.is_some()
                && mentions[mi].kind != MentionKind::Person
                && (matches!(prep, "of" | "from")
                    || mentions[mi].kind == MentionKind::Place
                    || prep != "in" && !head.word.person
                    // a state's own institutions: "the authorities in Vietnam", "the
                    // government in Kabul" (troops, embassies and delegations in a country
                    // may be foreign; its authorities, police and courts are not)
                    || prep == "in" && TERRITORIAL.contains(&toks[head.last - 1].lower.as_str()))
        }) {
            affiliation = Some(mi);
            end = mentions[mi].last;
        }
    }
    // the one mention the phrase takes in (its affiliation), removed when the phrase
    // becomes a mention
    let absorbed = affiliation;
    // a name after the role: "Minister Alexander Fomin", "Secretary-General, Jens Stoltenberg,"
    let mut name: Option<(usize, usize)> = None;
    if head.word.person {
        let mut k = end;
        if toks.get(k).is_some_and(|t| t.lower == ",") {
            k += 1;
        }
        name = name_run(toks, classes, k, s_last, mentions, cover);
        if name.is_none() {
            // apposition before: "Jens Stoltenberg, NATO's Secretary-General"
            // the phrase may open with a determiner: "Alexander Fomin, the Russian minister,"
            let opening = if determiner.is_some() && j < start {
                j
            } else {
                start
            };
            // only a closed apposition: ", the chairman," or ", the chairman said"
            let closed = toks.get(end).is_none_or(|t| {
                matches!(t.lower.as_str(), "," | "." | ";" | ")")
                    || t.kind == crate::segment::Kind::Quote
            });
            let before = opening
                .checked_sub(1)
                .filter(|&b| toks[b].lower == "," && closed);
            if let Some(b) = before {
                name = name_run_ending(classes, b, s_first, mentions, cover);
            }
        }
    }
    // the actor the phrase belongs to
    let place: Actor;
    let mut affiliation_actor: Option<&Actor> = affiliation.map(|mi| &mentions[mi].actor);
    // a named official with no nationality ("President Omar El Bashir shortened the curfew
    // imposed in Sudan", "Judge Alejandro Rivera opened investigations against 28 Chilean
    // officials"): the one country the sentence names, if it names exactly one
    if affiliation_actor.is_none() && name.is_some() {
        affiliation_actor =
            sole_country(seg, dict, mentions, s_first, s_last).map(|i| &mentions[i].actor);
    }
    // "soldiers ... an army camp in western Kabul": a local group without a nationality belongs
    // to the one country where the sentence places the event, else to the one it names
    // ("500,000 workers of the Serbian Workers' Union stopped work")
    if affiliation_actor.is_none()
        && name.is_none()
        && !head.word.code.starts_with("GOV")
        && !head.word.weapon
    {
        affiliation_actor = match located(dict, mentions, s_first, s_last) {
            Some(c) => {
                place = Actor {
                    name: c.clone(),
                    code: c.clone(),
                    principal: Some(c),
                };
                Some(&place)
            }
            None => (determiner != Some("the"))
                .then(|| sole_country(seg, dict, mentions, s_first, s_last))
                .flatten()
                .map(|i| &mentions[i].actor),
        };
    }
    // (the phrase's own name is set where it becomes a mention)
    // a body's spokesman or chief speaks for the body, with its code ("Iran's foreign
    // ministry spokesman" is IRNGOV, "the company's chief executive" its company's)
    let body_role = affiliation.is_some_and(|mi| mentions[mi].kind == MentionKind::Role);
    let mut actor = affiliation_actor.map(|a| {
        if body_role {
            Actor {
                name: Default::default(),
                ..a.clone()
            }
        } else {
            compose(dict, a, codes)
        }
    });
    // "former President Ahmed Ben Bella", "the ex-minister": out of office, one of the state's
    // elite (CAMEO ELI), as a known official is after his term
    let former = (start.saturating_sub(2).max(s_first)..head.first)
        .any(|k| matches!(toks[k].lower.as_str(), "former" | "ex"));
    if former
        && head.word.person
        && let Some(a) = &mut actor
        && let Some(p) = a.principal.as_deref().filter(|p| dict.is_country(p))
    {
        a.code = super::concat(p, "ELI");
    }
    match (name, actor) {
        (Some((nf, nl)), actor) => {
            let known = cover
                .at(nf)
                .filter(|&mi| mentions[mi].kind == MentionKind::Person);
            let full = text[toks[nf].span.start..toks[nl - 1].span.end].to_string();
            let (mut person_actor, known_entity) = match known {
                Some(mi) => (mentions[mi].actor.clone(), mentions[mi].entity),
                None => (
                    Actor {
                        name: full.as_str().into(),
                        code: Default::default(),
                        principal: None,
                    },
                    None,
                ),
            };
            // the title the text gives a known official wins over the dictionary's record for
            // the date ("NATO Secretary General Jens Stoltenberg" in an undated text, "US
            // President Joe Biden" after his term): the text says what he was when it was
            // written; a former title ("former NATO chief") leaves the dictionary's answer
            // (only a title that names its state or body: a bare "President" takes its
            // country from the sentence, a guess)
            let text_says_otherwise = !former
                && absorbed.is_some()
                && actor.as_ref().is_some_and(|a| {
                    a.principal.is_some()
                        && (a.principal != person_actor.principal
                            || person_actor.code.ends_with("ELI") && !a.code.ends_with("ELI"))
                });
            if (person_actor.principal.is_none() || text_says_otherwise)
                && let Some(a) = actor
            {
                person_actor = Actor {
                    name: person_actor.name,
                    code: a.code,
                    principal: a.principal,
                };
            }
            let ent = match known_entity {
                Some(e) => {
                    entities[e].actor = person_actor.clone();
                    e
                }
                None => entity_for(entities, &full, || person_actor.clone(), None),
            };
            // the role phrase names the same person ("Quatar's emir, Sheikh Hamad", "U.S.
            // negotiator Paul Nitze"): a mention of its own, of the same entity
            if person_actor.principal.is_some() && (end <= nf || nl <= start) {
                let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
                let mut m = role_mention(text, span, start, end, person_actor.clone(), false, true);
                m.actor.name = person_actor.name.clone();
                m.entity = Some(ent);
                replace_sorted(mentions, absorbed, m, edits);
            } else if let Some(mi) = absorbed {
                edits.changed(mentions[mi].first);
                mentions.remove(mi);
            }
            // (the list has changed: a scan)
            match covering(mentions, nf).filter(|&mi| mentions[mi].kind == MentionKind::Person) {
                Some(mi) => {
                    mentions[mi].actor = person_actor;
                    mentions[mi].entity = Some(ent);
                    mentions[mi].role_person = true;
                }
                None => insert_sorted(
                    mentions,
                    Mention {
                        span: Span::new(toks[nf].span.start, toks[nl - 1].span.end),
                        first: nf,
                        last: nl,
                        actor: person_actor,
                        kind: MentionKind::Person,
                        entity: Some(ent),
                        locative: false,
                        pair: None,
                        plural: false,
                        role_person: true,
                    },
                    edits,
                ),
            }
            true
        }
        (None, Some(actor)) => {
            let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
            let plural = !head.word.person || toks[head.last - 1].lower.ends_with('s');
            replace_sorted(
                mentions,
                absorbed,
                role_mention(text, span, start, end, actor, plural, head.word.person),
                edits,
            );
            true
        }
        (None, None) if determiner == Some("the") => {
            // "the veteran official", "the Deputy Minister", "the government": resolved by coref
            let span = Span::new(toks[start].span.start, toks[end - 1].span.end);
            insert_sorted(
                mentions,
                Mention {
                    span,
                    first: start,
                    last: end,
                    actor: Actor {
                        name: span.slice(text).into(),
                        code: codes.iter().copied().collect(),
                        principal: None,
                    },
                    kind: MentionKind::Description,
                    entity: None,
                    locative: false,
                    pair: None,
                    plural: !head.word.person,
                    role_person: head.word.person,
                },
                edits,
            );
            true
        }
        _ => false,
    }
}

/// The one country a sentence names (by name, adjective or place), if it names exactly one,
/// as the index of its first mention; a country named as the object of a preposition of
/// direction ("sanctions against Nigeria", "a message to Iran") is someone's counterpart,
/// not where the actor is from. `mentions` are in text order.
fn sole_country(
    seg: &Segmentation,
    dict: &Dictionary,
    mentions: &[Mention],
    first: usize,
    last: usize,
) -> Option<usize> {
    let toks = &seg.tokens;
    let offset = mentions.partition_point(|m| m.first < first);
    let mut countries = starting_in(mentions, first, last)
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.last <= last
                && !(m.first > first
                    && matches!(
                        toks[m.first - 1].lower.as_str(),
                        "against" | "to" | "toward" | "towards" | "with" | "on" | "at" | "into"
                    ))
                && matches!(
                    m.kind,
                    MentionKind::Name | MentionKind::Adjective | MentionKind::Place
                )
                && m.actor
                    .principal
                    .as_deref()
                    .is_some_and(|p| dict.is_country(p))
                && !quoted(toks, m.last, last)
        });
    let (i, first) = countries.next()?;
    countries
        .all(|(_, m)| m.actor.principal == first.actor.principal)
        .then_some(offset + i)
}

/// Whether the tokens before `from` are inside a quotation: the next quotation mark before
/// `last` closes one (it is glued to the word before it: `law,"`). A country the speaker
/// names ("“Iran's harassment is illegal,” Fifth Fleet spokesman Tim Hawkins said") is not
/// the speaker's.
fn quoted(toks: &[crate::segment::Token], from: usize, last: usize) -> bool {
    toks[from..last]
        .iter()
        .find(|t| t.kind == crate::segment::Kind::Quote && !is_bare_apostrophe(t))
        .is_some_and(|t| t.glued)
}

/// A quotation-mark token that is an apostrophe ("the rebels' positions").
fn is_bare_apostrophe(t: &crate::segment::Token) -> bool {
    t.lower == "'" || t.lower == "’"
}

/// The one country where a sentence places its events: the principal of its place mentions
/// ("in Kabul", "in Darfur", "in Nigeria"), when they agree. `mentions` are in text order.
fn located(dict: &Dictionary, mentions: &[Mention], first: usize, last: usize) -> Option<Name> {
    let mut found: Option<&Name> = None;
    for m in starting_in(mentions, first, last)
        .iter()
        .filter(|m| m.last <= last && m.locative)
    {
        let p = m.actor.principal.as_ref()?;
        if !dict.is_country(p) {
            continue;
        }
        match found {
            Some(f) if f != p => return None,
            _ => found = Some(p),
        }
    }
    found.cloned()
}

/// A role phrase as a mention, named by its own words ("Russian diplomats").
fn role_mention(
    text: &str,
    span: Span,
    first: usize,
    last: usize,
    actor: Actor,
    plural: bool,
    role_person: bool,
) -> Mention {
    Mention {
        plural,
        role_person,
        ..Mention::new(
            span,
            first,
            last,
            Actor {
                name: span.slice(text).into(),
                ..actor
            },
            MentionKind::Role,
        )
    }
}

/// Appends role codes to an affiliation: country + GOV + MIL; an organisation keeps its code.
/// The actor has no name: the phrase or the person it becomes names it.
fn compose(dict: &Dictionary, a: &Actor, codes: &[&str]) -> Actor {
    let is_org = dict.has_org_prefix(&a.code, 4);
    let base: &str = if is_org {
        &a.code
    } else {
        // the first three characters
        let n = a
            .code
            .char_indices()
            .nth(3)
            .map_or(a.code.len(), |(b, _)| b);
        &a.code[..n]
    };
    // an organisation's own agent codes are not added again ("Hezbollah guerrillas" is LBNREB)
    let own = |chunk: &[u8]| base.as_bytes().chunks(3).skip(1).any(|o| o == chunk);
    // the codes' chunks of three bytes, each once, in order: a few, on the stack (where a
    // list was an allocation for each phrase), any more after them in `more`
    let mut few = [""; 8];
    let mut n = 0;
    let mut more: Vec<&str> = Vec::new();
    // the affiliation's own agent ("Kremlin" is GOV already)
    let existing = &a.code[base.len()..];
    for c in std::iter::once(existing).chain(codes.iter().copied()) {
        for k in (0..c.len()).step_by(3) {
            let e = (k + 3).min(c.len());
            // a chunk cut inside a character is read as the replacement character(s) (a
            // slice of `c` at character boundaries is the chunk itself, unchecked)
            let chunk = match c.get(k..e) {
                Some(chunk) => chunk,
                None if String::from_utf8_lossy(&c.as_bytes()[k..e]) == "\u{FFFD}" => "\u{FFFD}",
                None => continue,
            };
            if chunk.len() == 3
                && !few[..n].contains(&chunk)
                && !more.contains(&chunk)
                && !(is_org && chunk == "GOV")
                && !own(chunk.as_bytes())
            {
                match few.get_mut(n) {
                    Some(slot) => {
                        *slot = chunk;
                        n += 1;
                    }
                    None => more.push(chunk),
                }
            }
        }
    }
    // GOV before MIL, as in CAMEO codes (each chunk is there once: GOV, then the others in
    // order)
    let seen = || few[..n].iter().chain(&more);
    // (built inline: a code is short, where a `String` was an allocation to copy and free)
    let mut code = smol_str::SmolStrBuilder::new();
    code.push_str(base);
    for c in seen()
        .filter(|c| **c == "GOV")
        .chain(seen().filter(|c| **c != "GOV"))
    {
        code.push_str(c);
    }
    Actor {
        name: Default::default(),
        code: code.finish(),
        principal: a.principal.clone(),
    }
}

/// A run of capitalised words starting at `k` that is a name (not a role word or a place).
fn name_run(
    toks: &[Token],
    classes: &Classes,
    k: usize,
    end: usize,
    mentions: &[Mention],
    cover: &Cover,
) -> Option<(usize, usize)> {
    if let Some(mi) = cover.at(k) {
        let m = &mentions[mi];
        return (m.kind == MentionKind::Person && m.first == k).then_some((m.first, m.last));
    }
    let mut e = k;
    while e < end && e - k < 5 {
        let t = &toks[e];
        let word =
            classes.is(e, class::CAPITALIZED) && !cover.covered(e) && !is_month_or_day(&t.lower);
        // (asked only of a word that is not one: the words are read last)
        let joins = || e > k && joins_name(toks, classes, e);
        if word || joins() {
            e += 1;
        } else {
            break;
        }
    }
    // a name has two parts at least ("Alexander Fomin"), or is one part followed by a verb-like word
    (e > k + 1
        || (e == k + 1
            && toks
                .get(e)
                .is_some_and(|t| t.lower == "," || t.lower == "said")))
    .then_some((k, e))
    .filter(|&(a, b)| b - a >= 2 || toks[a].span.len() > 2)
}

/// A name that ends right before token `b` (a comma): "Jens Stoltenberg, NATO's chief".
fn name_run_ending(
    classes: &Classes,
    b: usize,
    start: usize,
    mentions: &[Mention],
    cover: &Cover,
) -> Option<(usize, usize)> {
    if let Some(mi) = b.checked_sub(1).and_then(|p| cover.at(p)) {
        let m = &mentions[mi];
        return (m.kind == MentionKind::Person && m.last == b).then_some((m.first, m.last));
    }
    let mut f = b;
    while f > start && classes.is(f - 1, class::CAPITALIZED) && !cover.covered(f - 1) && b - f < 4 {
        f -= 1;
    }
    (b - f >= 2).then_some((f, b))
}

fn is_month_or_day(w: &str) -> bool {
    crate::date::month_number(w).is_some()
        || matches!(
            w,
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        )
}

/// States whose people news names family name first ("Xi Jinping", "Wang Yi", "Kim Jong Un",
/// "Yoon Suk Yeol", "Hun Manet"), so that a bare "Wang said" goes back to Wang Yi. (Japanese
/// names are written given name first in English news; Vietnamese officials are called by
/// their last name, "Trong"; Burmese names have no family name.)
const FAMILY_NAME_FIRST: &[&str] = &["CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "KHM"];

/// The word a person's later mentions use: the family name, which is the last word of the
/// name, or the first for a person of a [`FAMILY_NAME_FIRST`] state.
fn surname_of<'n>(name: &'n str, principal: Option<&str>) -> &'n str {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or(name);
    let last = words.next_back();
    match last {
        Some(_) if principal.is_some_and(|p| FAMILY_NAME_FIRST.contains(&p)) => first,
        Some(last) => last,
        None => first,
    }
}

/// The entity with this name, or a new one (of the actor `actor()` makes: made only then,
/// where a name seen before made and dropped it).
// (a call, as it was before it took a closure: inlined, it made `apply` too big to be
// inlined into `find`, which cost more than the call)
#[inline(never)]
pub fn entity_for(
    entities: &mut Vec<Entity>,
    name: &str,
    actor: impl FnOnce() -> Actor,
    female: Option<bool>,
) -> usize {
    if let Some(i) = entities.iter().position(|e| e.name == name) {
        return i;
    }
    let actor = actor();
    // (the surname straight into its `Name`, not through a `String` allocated and freed)
    let surname = Name::new(surname_of(name, actor.principal.as_deref()));
    entities.push(Entity {
        name: name.into(),
        surname,
        actor,
        female,
    });
    entities.len() - 1
}
