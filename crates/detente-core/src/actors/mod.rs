//! Stage 3, actors: who the text is about. Finds every mention of a state, organisation or
//! person and resolves it to an [`Actor`] (name, CAMEO-style code, principal):
//!
//! 1. `gazetteer`: dictionary names, adjectives, capitals, seats of power, organisations and
//!    known officials (with the role in force on the date of the sentence's events, which
//!    the analysis works out first: "In 2010, Jens Stoltenberg ..." is Norway's prime
//!    minister in any year's article; a former state official is that state's elite, ELI);
//! 2. `roles`: role phrases give codes from context ("the Russian Deputy Defence Minister
//!    Alexander Fomin" is RUSGOVMIL with no entry for Fomin) and introduce persons;
//! 3. `coref`: surnames, pronouns and definite descriptions ("the alliance", "the veteran
//!    official", "the two sides") point back to what they mean.

mod classes;
mod coref;
mod cover;
pub mod dictionary;
mod gazetteer;
pub mod headtrie;
mod names;
pub mod petrarch;
mod roles;
pub mod trie;

pub use dictionary::Dictionary;

use crate::date::Date;
use crate::segment::Segmentation;
use crate::span::Span;
use serde::Serialize;

/// An actor's name, code or principal: a string that clones in O(1) (up to 23 bytes held
/// inline, longer ones shared), since actors are copied from dictionary entries to mentions,
/// entities, coreferent mentions and events; it serialises as a plain string.
pub type Name = smol_str::SmolStr;

/// An actor: what a mention refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Default)]
pub struct Actor {
    pub name: Name,
    pub code: Name,
    /// The country (ISO alpha-3) or organisation the actor belongs to or acts for; `None` when
    /// unresolved (such an actor is never an event's source or target).
    pub principal: Option<Name>,
}

impl Actor {
    /// A named actor not (yet) resolved to a country or organisation.
    pub fn unresolved(name: &str) -> Self {
        Actor {
            name: name.into(),
            code: Name::default(),
            principal: None,
        }
    }
}

/// `a` followed by `b`, with no allocation when the result fits inline.
pub(crate) fn concat(a: &str, b: &str) -> Name {
    let mut s = smol_str::SmolStrBuilder::new();
    s.push_str(a);
    s.push_str(b);
    s.finish()
}

/// How a mention names its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A country's or organisation's name ("Russia", "NATO").
    Name,
    /// A nationality adjective ("Russian initiatives").
    Adjective,
    /// A capital or seat of power standing for the government ("Moscow", "the Kremlin").
    Metonym,
    /// A person's name ("Alexander Fomin", "Fomin").
    Person,
    /// A role phrase without a name ("Russian diplomats", "the Russian side").
    Role,
    /// A pronoun ("he", "its").
    Pronoun,
    /// A definite description ("the alliance", "the veteran official").
    Description,
    /// "the two sides": both main parties of the document.
    Pair,
    /// A region or city ("Darfur"): locates actors, is not one ("Darfur rebels" is).
    Place,
}

/// One mention of an actor in the text.
#[derive(Clone, Debug, Serialize)]
pub struct Mention {
    pub span: Span,
    /// Token range `[first, last)`.
    pub first: usize,
    pub last: usize,
    pub actor: Actor,
    pub kind: MentionKind,
    /// The person entity, for persons and the pronouns and descriptions that refer to them.
    pub entity: Option<usize>,
    /// A place rather than an actor ("in Brussels", "its Brussels headquarters").
    pub locative: bool,
    /// The second party of a [`MentionKind::Pair`]. (Boxed: pairs are rare, and a mention
    /// without the room for a second actor is a third smaller to move, where the stages
    /// insert, sort and copy mentions.)
    pub pair: Option<Box<Actor>>,
    /// A plural group ("diplomats", "the two sides").
    pub plural: bool,
    /// A role head word was part of the phrase that gave the actor its code.
    pub role_person: bool,
}

impl Mention {
    /// A mention with no entity, place, pair or plural flags set.
    pub fn new(span: Span, first: usize, last: usize, actor: Actor, kind: MentionKind) -> Self {
        Mention {
            span,
            first,
            last,
            actor,
            kind,
            entity: None,
            locative: false,
            pair: None,
            plural: false,
            role_person: false,
        }
    }

    /// A person mention of entity `entity`.
    pub fn person(span: Span, first: usize, last: usize, actor: Actor, entity: usize) -> Self {
        Mention {
            entity: Some(entity),
            ..Mention::new(span, first, last, actor, MentionKind::Person)
        }
    }

    /// Whether this mention can fill an event role.
    pub fn is_actor(&self) -> bool {
        self.actor.principal.is_some()
            && self.kind != MentionKind::Place
            && !(self.locative && self.kind == MentionKind::Metonym)
    }
}

/// [`crate::segment::Token::is_capitalized`], answered from the text's first byte when it is
/// ASCII: the passes ask it several times of nearly every token.
#[inline]
pub(crate) fn capitalized(text: &str, t: &crate::segment::Token) -> bool {
    if t.kind != crate::segment::Kind::Word {
        return false;
    }
    match text.as_bytes().get(t.span.start) {
        Some(b) if b.is_ascii() && t.span.start < t.span.end => b.is_ascii_uppercase(),
        _ => t.is_capitalized(text),
    }
}

/// Sorts mentions into text order (stably). The stages re-sort after each change, mostly of
/// lists that are still in order or have a few mentions pushed at the end: those are moved
/// into place (after the mentions with the same start, as a stable sort puts them), which
/// spares the sort's scratch allocation.
pub(crate) fn sort_by_first(mentions: &mut [Mention]) {
    let mut sorted = 1;
    while sorted < mentions.len() && mentions[sorted - 1].first <= mentions[sorted].first {
        sorted += 1;
    }
    if mentions.len().saturating_sub(sorted) > 8 {
        mentions.sort_by_key(|m| m.first);
        return;
    }
    for k in sorted..mentions.len() {
        let key = mentions[k].first;
        let at = mentions[..k].partition_point(|m| m.first <= key);
        mentions[at..=k].rotate_right(1);
    }
}

/// A person introduced in the document.
#[derive(Clone, Debug, Serialize)]
pub struct Entity {
    pub name: Name,
    pub surname: Name,
    pub actor: Actor,
    pub female: Option<bool>,
}

/// The actor layer of a document.
#[derive(Debug, Default)]
pub struct Actors {
    /// Mentions in text order, non-overlapping.
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    /// For each token, the mention that covers it.
    pub by_token: Vec<Option<usize>>,
}

impl Actors {
    /// The mention covering token `t`.
    pub fn at(&self, t: usize) -> Option<&Mention> {
        self.by_token
            .get(t)
            .copied()
            .flatten()
            .map(|i| &self.mentions[i])
    }
}

/// Runs the actor stage, known officials taking the role they hold on `date`.
pub fn find(
    text: &str,
    seg: &Segmentation,
    dict: &Dictionary,
    lex: &crate::lexicon::Lexicon,
    date: Option<Date>,
) -> Actors {
    find_with(text, seg, dict, lex, &|_| date)
}

/// Runs the actor stage with each sentence's own date (see
/// [`crate::events::sentence_dates`]): a known official takes the role in force when the
/// sentence's events happened ("In 2010, Prime Minister Jens Stoltenberg ..." is Norway's
/// even in a 2022 article).
pub fn find_dated(
    text: &str,
    seg: &Segmentation,
    dict: &Dictionary,
    lex: &crate::lexicon::Lexicon,
    dates: &[Option<Date>],
) -> Actors {
    let sentences = &seg.sentences;
    find_with(text, seg, dict, lex, &|t| {
        let si = sentences.partition_point(|s| s.last <= t);
        dates.get(si).copied().flatten()
    })
}

fn find_with(
    text: &str,
    seg: &Segmentation,
    dict: &Dictionary,
    lex: &crate::lexicon::Lexicon,
    date_at: &dyn Fn(usize) -> Option<Date>,
) -> Actors {
    let mut entities = Vec::new();
    // the word classes the passes test at every token, worked out once
    let classes = classes::Classes::new(text, &seg.tokens);
    let mut mentions = gazetteer::find(text, seg, dict, &classes, date_at, &mut entities);
    coref::org_descriptions(seg, dict, &classes, &mut mentions);
    roles::find(text, seg, dict, &classes, &mut mentions, &mut entities);
    names::find(text, seg, lex, dict, &classes, &mut mentions, &mut entities);
    coref::allies_of(seg, &mut mentions);
    coref::resolve(
        text,
        seg,
        &lex.speech,
        &classes,
        &mut mentions,
        &mut entities,
    );
    sort_by_first(&mut mentions);
    let by_token = by_token(seg.tokens.len(), &mentions);
    Actors {
        mentions,
        entities,
        by_token,
    }
}

/// For each of `n` tokens, the last of `mentions` (in text order) that covers it. Written in
/// one pass from the front, where a zeroed vector filled in afterwards cost the allocator's
/// zeroing of the whole document first (a tenth of the stage's allocation time).
fn by_token(n: usize, mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut by_token: Vec<Option<usize>> = Vec::with_capacity(n);
    for (i, m) in mentions.iter().enumerate() {
        let (first, last) = (m.first.min(n), m.last.min(n));
        if by_token.len() < first {
            by_token.resize(first, None);
        }
        // (mentions do not overlap; where one did, the later one would win, as it does here)
        let overlap = last.min(by_token.len());
        for slot in &mut by_token[first.min(overlap)..overlap] {
            *slot = Some(i);
        }
        if by_token.len() < last {
            by_token.resize(last, Some(i));
        }
    }
    by_token.resize(n, None);
    by_token
}

/// A mention of no one over tokens `[first, last)`, for the tests of the passes that index
/// mentions by token.
#[cfg(test)]
pub(crate) fn mention_over(first: usize, last: usize) -> Mention {
    Mention::new(
        Span::new(first, last),
        first,
        last,
        Actor::default(),
        MentionKind::Name,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_token_is_the_last_mention_over_each_token() {
        let m = mention_over;
        let ms = [m(1, 3), m(3, 4), m(6, 9), m(7, 8), m(8, 12)];
        let mut want = vec![None; 10];
        for (i, m) in ms.iter().enumerate() {
            for slot in &mut want[m.first..m.last.min(10)] {
                *slot = Some(i);
            }
        }
        assert_eq!(by_token(10, &ms), want);
        assert_eq!(by_token(0, &[]), Vec::<Option<usize>>::new());
        assert_eq!(by_token(3, &[]), vec![None; 3]);
    }

    #[test]
    fn sort_by_first_is_a_stable_sort() {
        // lists with a sorted prefix and tails of every length, keys with many ties
        let mut seed = 7u64;
        for n in 0..40 {
            for sorted in 0..=n {
                let mut firsts: Vec<usize> = (0..n)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                        (seed >> 60) as usize
                    })
                    .collect();
                firsts[..sorted].sort();
                // the span's start tells the mentions apart
                let mut ms: Vec<Mention> = firsts
                    .iter()
                    .enumerate()
                    .map(|(i, &f)| {
                        let span = Span::new(i, i + 1);
                        Mention::new(span, f, f + 1, Actor::default(), MentionKind::Name)
                    })
                    .collect();
                let mut expected: Vec<(usize, usize)> =
                    ms.iter().map(|m| (m.first, m.span.start)).collect();
                expected.sort_by_key(|x| x.0);
                sort_by_first(&mut ms);
                let got: Vec<(usize, usize)> = ms.iter().map(|m| (m.first, m.span.start)).collect();
                assert_eq!(got, expected);
            }
        }
    }
}
