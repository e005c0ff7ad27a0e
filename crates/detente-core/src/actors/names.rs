//! Person names that no dictionary knows and no role phrase introduces, recognised by how
//! news attributes speech: "Kevin Mayer said", "said Jane Doe", "according to John Smith",
//! "Mr. Smith". Such a person has a name but no principal until context gives one; later
//! bare surnames ("Mayer said") refer back to them through coreference. The words that are no
//! names ("They said") and the heads of bodies' names ("Human Rights Watch said") are in
//! `data/lexicon/names.toml`.

use super::classes::{Classes, class};
use super::cover::Cover;
use super::roles::{entity_for, joins_name};
use super::{Actor, Entity, Mention, MentionKind};
use crate::lexicon::Lexicon;
use crate::segment::{Segmentation, Token};
use crate::span::Span;

/// A capitalised run of 2-4 words starting at `k` (particles allowed inside), not covered.
fn run_at(toks: &[Token], classes: &Classes, k: usize, end: usize, cover: &Cover) -> Option<usize> {
    let mut e = k;
    while e < end && e - k < 4 {
        let t = &toks[e];
        let cap = classes.is(e, class::CAPITALIZED) && !cover.covered(e) && t.span.len() > 1;
        // (asked only of a word that is not one: the words are read last)
        let joins = || e > k && joins_name(toks, classes, e);
        if cap || joins() {
            e += 1;
        } else {
            break;
        }
    }
    (e >= k + 2).then_some(e)
}

/// Adds a person mention (and entity) for every name in an attribution position.
pub fn find(
    text: &str,
    seg: &Segmentation,
    lex: &Lexicon,
    dict: &super::Dictionary,
    classes: &Classes,
    mentions: &mut Vec<Mention>,
    entities: &mut Vec<Entity>,
) {
    let toks = &seg.tokens;
    let speech = |t: &Token| lex.speech.verb_forms.contains_key(t.lower.as_str());
    let quote = |k: usize| toks[k].kind == crate::segment::Kind::Quote;
    let mut added: Vec<Mention> = Vec::new();
    // (the names found are added after the loop: `mentions` stay as they are until then)
    let cover = Cover::new(toks.len(), mentions);
    for s in &seg.sentences {
        let mut k = s.first;
        while k < s.last {
            // both a single name and a run start with a capitalised word (the next one found
            // by a scan of the class bits)
            match classes.tokens_in(k, s.last, class::CAPITALIZED).next() {
                Some(c) => k = c,
                None => break,
            }
            // `,” Bosma said`: one capitalised word between a closing quote and a speech verb
            let after_quote =
                k >= 1 && quote(k - 1) || k >= 2 && quote(k - 2) && toks[k - 1].lower == ",";
            let single = after_quote
                && !cover.covered(k)
                && toks.get(k + 1).is_some_and(speech)
                && toks[k].span.len() > 2
                && !lex.is_agency(toks[k].span.slice(text))
                && !lex.not_names.contains(toks[k].lower.as_str())
                && !dict.head_starts.contains(toks[k].lower.as_str())
                && !dict.modifiers.contains_key(toks[k].lower.as_str());
            if single {
                let name = toks[k].span.slice(text).to_string();
                let ent = match entities.iter().position(|e| e.surname == name) {
                    Some(e) => e,
                    None => entity_for(entities, &name, || Actor::unresolved(&name), None),
                };
                added.push(Mention::person(
                    toks[k].span,
                    k,
                    k + 1,
                    Actor {
                        name: entities[ent].name.clone(),
                        ..entities[ent].actor.clone()
                    },
                    ent,
                ));
                k += 1;
                continue;
            }
            let Some(e) = run_at(toks, classes, k, s.last, &cover) else {
                k += 1;
                continue;
            };
            // "Kevin Mayer said", "Kevin Mayer, the chairman, said", "said Kevin Mayer",
            // "according to Kevin Mayer", "Mr. Kevin Mayer"
            let after =
                toks.get(e).is_some_and(speech) || toks.get(e).is_some_and(|t| t.lower == ",");
            let before = k > s.first
                && (speech(&toks[k - 1])
                    || toks[k - 1].lower == "to" && k >= 2 && toks[k - 2].lower == "according"
                    || lex.titles.contains(toks[k - 1].lower.trim_end_matches('.'))
                    || k >= 2
                        && toks[k - 1].lower == "."
                        && lex.titles.contains(toks[k - 2].lower.as_str()));
            let first_is_common = k == s.first && !toks.get(e).is_some_and(speech);
            if (after || before) && !first_is_common && (toks.get(e).is_some_and(speech) || before)
            {
                let name = text[toks[k].span.start..toks[e - 1].span.end].to_string();
                let span = Span::new(toks[k].span.start, toks[e - 1].span.end);
                // "The Eastern Theatre Command said", "the Climate Action Network said": a
                // body that speaks, named but not a person (no entity, so no "he", "the
                // president" or surname goes back to it). A run without such a head stays a
                // person: "according to The Wrap" is rare enough.
                let body = lex.body_heads.contains(toks[e - 1].lower.as_str());
                if body {
                    added.push(Mention::new(
                        span,
                        k,
                        e,
                        Actor::unresolved(&name),
                        MentionKind::Name,
                    ));
                } else {
                    let ent = entity_for(entities, &name, || Actor::unresolved(&name), None);
                    added.push(Mention::person(
                        span,
                        k,
                        e,
                        entities[ent].actor.clone(),
                        ent,
                    ));
                }
            }
            k = e;
        }
    }
    mentions.extend(added);
    super::sort_by_first(mentions);
}

#[cfg(test)]
mod tests {
    use crate::actors::{self, Dictionary, MentionKind};
    use crate::lexicon::Lexicon;

    fn persons(text: &str) -> Vec<(String, Option<String>)> {
        let lex = Lexicon::builtin().unwrap();
        let dict = Dictionary::builtin().unwrap();
        let seg = crate::segment::segment(text, &lex);
        let a = actors::find(text, &seg, &dict, &lex, None);
        a.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Person)
            .map(|m| {
                (
                    m.actor.name.to_string(),
                    m.actor.principal.as_deref().map(str::to_string),
                )
            })
            .collect()
    }

    #[test]
    fn names_in_attribution_positions() {
        let got = persons(
            "Kevin Mayer said demand was high. Later, Mayer said it again, according to Jane Roe.",
        );
        assert_eq!(
            got,
            [
                ("Kevin Mayer".to_string(), None),
                ("Kevin Mayer".to_string(), None),
                ("Jane Roe".to_string(), None)
            ]
        );
    }

    #[test]
    fn capitalised_words_elsewhere_are_not_people() {
        assert!(
            persons("The Supreme Court ruled on Monday. Star Wars opened in Paris.").is_empty()
        );
        // a body's name in a speaker's place
        let text = "On Saturday, the Eastern Theatre Command said the drills went well, and Climate Action Network said so too.";
        let got = persons(text);
        assert!(got.is_empty(), "{got:?}");
        // (still named, as bodies that speak)
        let lex = Lexicon::builtin().unwrap();
        let dict = Dictionary::builtin().unwrap();
        let seg = crate::segment::segment(text, &lex);
        let a = actors::find(text, &seg, &dict, &lex, None);
        let names: Vec<&str> = a
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name)
            .map(|m| m.actor.name.as_str())
            .collect();
        assert_eq!(names, ["Eastern Theatre Command", "Climate Action Network"]);
    }
}
