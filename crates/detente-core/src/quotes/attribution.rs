//! Attribution: which quoted stretches are quotations, what kind, and who said them; and
//! indirect speech from speech verbs with a reported clause.
//!
//! Rules, in order of trust:
//! - a cue right after the closing mark: `,” Fomin said`, `,” he said`, `,” said Fomin`,
//!   `,” the 14th-ranked Schwartzman said`, `,” Dylan Nelson, a fellow at ..., said`; when the
//!   quotation ends its sentence, a cue that opens the next one and closes the attribution:
//!   `!” Trump tweeted before Election Day.`; a speaker phrase and an apposition between commas
//!   before the cue: `,” Stafford, a member of the Apollo 10 crew, responded`, `,” Sweden’s
//!   deputy director of public prosecutions, Eva-Marie Persson, said` (the person, in the
//!   role's code); one-word names closed by punctuation (`,” said Sowers, who ...`), adverbs
//!   (`?” Brooke tearfully asked`) and titles (`Dr. Luz Contreras Arroyo`); a quotation of one
//!   or two words counts when a named speaker's cue follows it at once (`“Amazing,” Davis
//!   said.`);
//! - a cue before the opening mark in the same sentence: `Fomin said: “...”`, `Stoltenberg
//!   insisted that “...”`, `as stated by X`;
//! - partial quotes inside reported speech take the reporting verb's subject;
//! - a direct quote with no cue that follows another quote continues its speaker.
//!
//! A news agency is never a speaker ("RBC reports", "Bloomberg News reported that" only cite a
//! source). A pronoun speaker refers to the last person named as a subject, not as an object
//! ("Cook told Benioff ... “...,” he said": Cook). A share of a group ("70 percent of Americans
//! say") and a name the actor layer holds only in part ("The National Institute on Drug Abuse")
//! are named as written, with no code.

use super::marks::Quoted;
use super::{Quote, QuoteKind};
use crate::actors::{Actor, Actors, Mention, MentionKind};
use crate::lexicon::Lexicon;
use crate::segment::{Kind, Segmentation, Token};
use crate::span::Span;

/// Who a cue names: a mention of the actor layer, or words the actor layer does not hold
/// ("Kurinji Selvaraj, a research analyst, said").
#[derive(Clone, Debug)]
enum Speaker {
    Mention(usize),
    Named(Actor),
}

/// A speech cue: token range and the speaker it names.
#[derive(Clone, Debug)]
struct Cue {
    first: usize,
    last: usize,
    speaker: Option<Speaker>,
}

fn sentence_of(seg: &Segmentation, t: usize) -> usize {
    seg.sentences
        .partition_point(|s| s.last <= t)
        .min(seg.sentences.len().saturating_sub(1))
}

/// A capitalised run ending just before token `i` that holds a news agency's name: "RBC",
/// "RIA Novosti", "Bloomberg News".
fn agency_before(text: &str, toks: &[Token], lex: &Lexicon, i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 4 && toks[k - 1].is_capitalized(text) {
        k -= 1;
        if lex.is_agency(toks[k].span.slice(text))
            || lex.is_agency(&text[toks[k].span.start..toks[i - 1].span.end])
        {
            return true;
        }
    }
    false
}

/// A speech verb at token `i`: a form of a speech verb, or a multi-word cue. Returns its end.
/// A verb whose subject is a news agency ("RBC reports") only cites a source: no cue.
///
/// It is asked of nearly every token: the filter that rules out most words is inlined in the
/// callers' loops, the rest is a call.
#[inline]
fn cue_at(text: &str, seg: &Segmentation, lex: &Lexicon, i: usize) -> Option<usize> {
    let t = seg.tokens.get(i)?;
    if !lex.speech.cue_filter.may_contain(&t.lower) {
        return None;
    }
    cue_at_word(text, seg, lex, i)
}

/// [`cue_at`] for a token `i < toks.len()` that passed the filter.
#[inline(never)]
fn cue_at_word(text: &str, seg: &Segmentation, lex: &Lexicon, i: usize) -> Option<usize> {
    // the agency test reads the words before: only for a word that is a cue
    let end = cue_end(seg, lex, i)?;
    (!agency_before(text, &seg.tokens, lex, i)).then_some(end)
}

/// The end of the cue at token `i < toks.len()` (that passed the filter), whoever its subject.
fn cue_end(seg: &Segmentation, lex: &Lexicon, i: usize) -> Option<usize> {
    let toks = &seg.tokens;
    // one lookup tells the word's cues
    let w = toks[i].lower.as_str();
    let cue = lex.speech.cue_index.get(w)?;
    // (only the multi-word cues that start with the word can match, in their order)
    for &k in &cue.multi {
        let words = &lex.speech.multi[k];
        if toks.len() >= i + words.len()
            && toks[i..i + words.len()]
                .iter()
                .zip(words)
                .all(|(t, w)| t.lower == *w)
        {
            return Some(i + words.len());
        }
    }
    let near_quote = (i.saturating_sub(3)..i).any(|k| toks[k].kind == Kind::Quote);
    if cue.after_quote && near_quote {
        return Some(i + 1);
    }
    if cue.verb && toks[i].is_word() {
        // "point" only in "pointed out"; "call" only with "for"/"on"; nouns like "report" need a subject
        if matches!(
            w,
            "point" | "points" | "pointed" | "call" | "calls" | "called" | "post" | "posts"
        ) {
            return None;
        }
        // "continued" attributes only right after a quotation: `,” he continued.`
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
fn subject_before(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    v: usize,
    floor: usize,
) -> Option<usize> {
    let toks = &seg.tokens;
    // "Wang Wenbin accused the United States of ... and said": a cue coordinated with an
    // earlier verb has that verb's subject, the sentence's first mention that no preposition
    // governs (not the object nearest the cue)
    if v > floor + 1 && toks[v - 1].lower == "and" {
        let first = seg.sentences[sentence_of(seg, v)].first.max(floor);
        let mut j = first;
        while j < v - 1 {
            if let Some(mi) = is_speaker_mention(actors, j) {
                let m = &actors.mentions[mi];
                let governed = m.first > first
                    && matches!(
                        toks[m.first - 1].lower.as_str(),
                        "in" | "at"
                            | "of"
                            | "to"
                            | "with"
                            | "by"
                            | "for"
                            | "on"
                            | "from"
                            | "against"
                            | "about"
                            | "after"
                            | "before"
                            | "during"
                    );
                if !governed && !m.locative && !relative_of(toks, m) {
                    return Some(mi);
                }
                j = m.last;
                continue;
            }
            j += 1;
        }
    }
    // a place passed over, the subject if no other is found
    let mut place = None;
    let mut j = v;
    while j > floor {
        j -= 1;
        if let Some(mi) = is_speaker_mention(actors, j) {
            let m = &actors.mentions[mi];
            // "Richardson, via USA Today, said": the channel, not the speaker; "The Chinese
            // embassy in London called", "The Red Cross operating in Iraq said": the place that
            // locates the speaker before it ("Many in Hong Kong fear": the place, when no
            // speaker is named before it)
            let located = m.locative
                && m.first >= 1
                && matches!(
                    toks[m.first - 1].lower.as_str(),
                    "in" | "at" | "near" | "from"
                );
            if located {
                place = place.or(Some(mi));
            }
            let via = m.first > 0 && toks[m.first - 1].lower == "via" || located;
            if !relative_of(toks, m) && !via {
                return Some(mi);
            }
            // "his players", "the victim's mother": the subject is further left, or unnamed
            j = m.first;
            continue;
        }
        let w = toks[j].lower.as_str();
        if w == "," {
            continue;
        }
        // `In the US, Volkswagen estimates that`: a name the actor layer does not know stands
        // between the verb and any mention further left; it is the subject
        // (not a name joined to one before it: `Volker and Morrison said`, `Wee of the Times
        // reports`)
        if j + 1 == v
            && toks[j].is_capitalized(text)
            && j > seg.sentences[sentence_of(seg, j)].first
            && !crate::date::is_calendar_word(&toks[j].lower)
        {
            let mut a = j;
            while a > floor
                && toks[a - 1].is_capitalized(text)
                && is_speaker_mention(actors, a - 1).is_none()
            {
                a -= 1;
            }
            let joined =
                a > floor && matches!(toks[a - 1].lower.as_str(), "and" | "&" | "of" | "the");
            if !joined {
                return None;
            }
        }
        // `..., with forecasters warning that`: the subject is the words after "with"
        if matches!(toks[j].kind, Kind::Quote)
            || matches!(w, "." | ";" | ":" | "that" | "”" | "with")
        {
            return place;
        }
        if v - j > 12 {
            return place;
        }
    }
    place
}

/// Nouns after a possessor that speak for it: "Putin's spokesman", "the ministry's statement".
const VOICE_NOUNS: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "spokesmen",
    "office",
    "press",
    "secretary",
    "representative",
    "representatives",
    "envoy",
    "ambassador",
    "embassy",
    "government",
    "administration",
    "ministry",
    "minister",
    "campaign",
    "team",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "counsel",
    "statement",
    "aide",
    "aides",
    "officials",
    "official",
    "diplomats",
    "leader",
    "leadership",
    "president",
    "chief",
    "head",
    "claim",
    "claims",
    "remarks",
    "comments",
    "words",
    "view",
    "views",
    "assertion",
    "denial",
    "argument",
    "account",
    "testimony",
    "message",
    "letter",
    "tweet",
    "post",
    "interview",
    "speech",
    "answer",
    "response",
    "reply",
];

/// A person named as the possessor of another speaker ("the victim's mother", "his wife"): the
/// speaker is the other, unless the noun speaks for the possessor ("his spokesman").
fn relative_of(toks: &[Token], m: &Mention) -> bool {
    let person =
        m.entity.is_some() || matches!(m.kind, MentionKind::Pronoun | MentionKind::Description);
    let pronoun = matches!(toks[m.first].lower.as_str(), "his" | "her" | "their");
    let clitic = toks
        .get(m.last)
        .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"));
    if !person || !pronoun && !clitic {
        return false;
    }
    let from = if clitic { m.last + 1 } else { m.last };
    !toks[from.min(toks.len())..]
        .iter()
        .take(4)
        .take_while(|t| t.is_word())
        .any(|t| VOICE_NOUNS.contains(&t.lower.as_str()))
}

/// A speaker after a speech verb: `said Fomin`, `said the minister`, `said he`; not a
/// possessive or object pronoun (`describing her daughter`).
fn subject_after(seg: &Segmentation, actors: &Actors, end: usize, limit: usize) -> Option<usize> {
    let toks = &seg.tokens;
    let mi = (end..limit.min(end + 8)).find_map(|t| is_speaker_mention(actors, t))?;
    let m = &actors.mentions[mi];
    let subject_pronoun = matches!(toks[m.first].lower.as_str(), "he" | "she" | "they");
    (m.kind != MentionKind::Pronoun || subject_pronoun).then_some(mi)
}

/// Words that open a phrase but never a person's name.
const NOT_NAME_START: &[&str] = &[
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "by",
    "for",
    "from",
    "to",
    "of",
    "with",
    "last",
    "next",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "as",
    "after",
    "before",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "still",
    "yet",
    "so",
    "then",
    "when",
    "while",
    "if",
    "since",
    "during",
    "under",
    "over",
    "also",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "there",
    "here",
    "some",
    "many",
    "one",
    "officials",
    "police",
    "sources",
    "experts",
    "analysts",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Particles inside a proper name ("Institute on Drug Abuse", "Council of Europe").
const NAME_JOINERS: &[&str] = &[
    "of", "on", "for", "and", "the", "de", "del", "da", "von", "van",
];

/// A capitalised run of two to four words at `k` that no mention covers, followed by a comma or
/// a cue: a person the actor layer does not know, in the slot after a closing mark
/// (`,” Kurinji Selvaraj, a research analyst at ..., told CBS News`). Returns its end.
fn unknown_name(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    k: usize,
    end: usize,
) -> Option<usize> {
    let toks = &seg.tokens;
    let name_word = |t: &Token, i: usize| {
        t.is_capitalized(text)
            && t.span.len() > 1
            && actors.by_token.get(i).copied().flatten().is_none()
            && !NOT_NAME_START.contains(&t.lower.as_str())
    };
    // "Dr. Luz Contreras Arroyo": a title and its period open the name, which may then be one
    // word ("Dr. Ford")
    let titled = toks.get(k + 1).is_some_and(|t| t.lower == ".")
        && lex.titles.contains(toks[k].lower.as_str())
        && k + 2 < end;
    let first = if titled { k + 2 } else { k };
    let mut e = first;
    while e < end && e - first < 4 && name_word(&toks[e], e) {
        e += 1;
    }
    let followed = e < end && (toks[e].lower == "," || cue_at(text, seg, lex, e).is_some());
    let long_enough = if titled { e > first } else { e >= k + 2 };
    (long_enough && followed && !agency_before(text, toks, lex, e)).then_some(e)
}

/// Speech verbs of thought, which do not close an apposition (`a ... think tank told CBS`).
const COGNITION: &[&str] = &[
    "think", "thinks", "thought", "believe", "believes", "believed", "hope", "hopes", "hoped",
    "fear", "fears", "feared",
];

/// A capitalised name that no mention covers, right before a cue in the slot after a closing
/// mark: "Schwartzman" in `,” the 14th-ranked Schwartzman said`.
fn name_before(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    from: usize,
    k: usize,
) -> Option<Actor> {
    let toks = &seg.tokens;
    // `,” Brooke tearfully asked`: an adverb between the name and the cue
    let mut k = k;
    while k > from + 1 && toks[k - 1].is_word() && toks[k - 1].lower.ends_with("ly") {
        k -= 1;
        if toks[k].is_capitalized(text) {
            return None;
        }
    }
    let mut a = k;
    while a > from
        && k - a < 4
        && toks[a - 1].is_capitalized(text)
        && toks[a - 1].span.len() > 1
        && actors.by_token.get(a - 1).copied().flatten().is_none()
    {
        a -= 1;
    }
    let ok = a < k
        && !NOT_NAME_START.contains(&toks[a].lower.as_str())
        && !agency_before(text, toks, lex, k);
    ok.then(|| Actor::unresolved(&text[toks[a].span.start..toks[k - 1].span.end]))
}

/// A person met before, named by a word the actor layer left bare at the start of the clause
/// (`Boudreau gave his players a pep talk, telling them to “...”`).
fn known_person_at(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    first: usize,
    k: usize,
) -> Option<Speaker> {
    let toks = &seg.tokens;
    let t = toks.get(first).filter(|_| first < k)?;
    if !t.is_capitalized(text) || actors.by_token.get(first).copied().flatten().is_some() {
        return None;
    }
    let w = t.span.slice(text);
    let e = actors
        .entities
        .iter()
        .find(|e| e.surname == w || e.name == w)?;
    let mut a = e.actor.clone();
    a.name = e.name.clone();
    Some(Speaker::Named(a))
}

/// A capitalised name that no mention covers after a cue and its lowercase modifiers: "Rosaly
/// Lopes" in `,” said planetary geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory`.
/// Returns where it starts and the name.
fn name_after(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    e: usize,
    end: usize,
) -> Option<(usize, Actor)> {
    let toks = &seg.tokens;
    // lowercase modifiers, and compounds with numbers: `wrote 43-year-old Martin Taylor`
    let modifier = |t: &Token| {
        t.is_word() && !t.is_capitalized(text) || t.kind == Kind::Number || t.lower == "-"
    };
    let a = (e..end.min(e + 6)).find(|&t| !modifier(&toks[t]))?;
    if a > e && DESCRIPTION_ENDS.contains(&toks[a - 1].lower.as_str()) {
        return None;
    }
    let b = unknown_name(text, seg, actors, lex, a, end).or_else(|| {
        // a run ended by "of", "at", a full stop: `Rosaly Lopes of NASA`
        let mut b = a;
        while b < end && b - a < 4 && toks[b].is_capitalized(text) && toks[b].span.len() > 1 {
            b += 1;
        }
        // a title before a known name ("the Russian Deputy Defence Minister Alexander Fomin")
        // leaves the name to its mention
        let free = (a..=b).all(|t| actors.by_token.get(t).copied().flatten().is_none());
        // one word is a name when punctuation closes it: `said Sowers, who is also ...`
        let closed = b == end || matches!(toks[b].lower.as_str(), "," | "." | "!" | ";");
        let title = lex.titles.contains(toks[a].lower.as_str());
        let ok = (b >= a + 2 || b == a + 1 && closed && !title)
            && free
            && !NOT_NAME_START.contains(&toks[a].lower.as_str())
            && !crate::date::is_calendar_word(&toks[a].lower)
            && !outlet(text, toks, a, b)
            && !agency_before(text, toks, lex, b);
        ok.then_some(b)
    })?;
    Some((
        a,
        Actor::unresolved(&text[toks[a].span.start..toks[b - 1].span.end]),
    ))
}

/// Words that may follow a cue that closes an attribution sentence (`Trump tweeted before
/// Election Day.`, `officers announced on their radios.`), as against a new report (`Jones said
/// the talks ...`).
const ATTRIBUTION_TAIL: &[&str] = &[
    "on",
    "in",
    "at",
    "before",
    "after",
    "during",
    "via",
    "from",
    "while",
    "when",
    "as",
    "later",
    "earlier",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "this",
    "late",
    "early",
    "again",
];

/// A cue after a closing mark, in the tokens `[from, end)`. `closing`: the quotation ended the
/// sentence before, so the cue must open this sentence and close the attribution.
fn cue_after(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    from: usize,
    end: usize,
    closing: bool,
) -> Option<Cue> {
    let toks = &seg.tokens;
    if from >= end {
        return None;
    }
    // the speaker named first, then an apposition: `Mayer, Disney's chairman of ..., said`
    let lead =
        match is_speaker_mention(actors, from).filter(|&mi| actors.mentions[mi].first == from) {
            Some(mi) => Some((actors.mentions[mi].last, Speaker::Mention(mi))),
            None => unknown_name(text, seg, actors, lex, from, end).map(|e| {
                let name = &text[toks[from].span.start..toks[e - 1].span.end];
                (e, Speaker::Named(Actor::unresolved(name)))
            }),
        };
    if let Some((e, sp)) = lead {
        if e < end && toks[e].lower == "," && !closing {
            let found = (e + 1..end.min(e + 32)).find_map(|k| {
                // "think tank", "believe" inside an apposition are not its cue
                if COGNITION.contains(&toks[k].lower.as_str()) {
                    return None;
                }
                let c = cue_at(text, seg, lex, k)?;
                // the apposition ends before the cue; a cue inside a quotation is not ours
                (toks[k - 1].kind != Kind::Quote).then_some((k, c))
            });
            if let Some((k, c)) = found {
                return Some(Cue {
                    first: k,
                    last: c,
                    speaker: Some(sp),
                });
            }
        }
        if let Speaker::Named(a) = sp
            && e < end
            && let Some(c) = cue_at(text, seg, lex, e)
        {
            return Some(Cue {
                first: e,
                last: c,
                speaker: Some(Speaker::Named(a)),
            });
        }
    }
    // a cue in the next few tokens, or further through a noun phrase: `,” JPL scientist and
    // study co-author Michael Malaska said`
    let mut noun_phrase = true;
    let mut k = from;
    while k < end {
        // "before describing", "after saying": a participle of another clause's subject
        let participle = toks[k].lower.ends_with("ing") && k > from && toks[k - 1].is_word();
        if let Some(e) = cue_at(text, seg, lex, k).filter(|_| !participle) {
            let after = subject_after(seg, actors, e, end);
            let named_after = if k == from {
                name_after(text, seg, actors, lex, e, end)
            } else {
                None
            };
            let after = after.filter(|&mi| {
                named_after
                    .as_ref()
                    .is_none_or(|(at, _)| actors.mentions[mi].first < *at)
            });
            let speaker = subject_before(text, seg, actors, k, from).or(after);
            if closing {
                // the cue (and a speaker after it) must end the attribution
                let mut t = e;
                if let Some(mi) = after.filter(|&mi| actors.mentions[mi].first == e) {
                    t = actors.mentions[mi].last;
                }
                let closes = t >= end
                    || matches!(toks[t].lower.as_str(), "." | "!" | ";")
                    || toks[t].lower == ","
                        && toks.get(t + 1).is_some_and(|n| {
                            matches!(n.lower.as_str(), "adding" | "saying" | "noting" | "writing")
                        })
                    || ATTRIBUTION_TAIL.contains(&toks[t].lower.as_str());
                if !closes || k - from > 6 {
                    return None;
                }
            }
            let speaker = speaker
                .map(Speaker::Mention)
                .or_else(|| named_after.map(|(_, a)| Speaker::Named(a)))
                .or_else(|| name_before(text, seg, actors, lex, from, k).map(Speaker::Named));
            return Some(Cue {
                first: k,
                last: e,
                speaker,
            });
        }
        let t = &toks[k];
        noun_phrase &= t.is_word() || t.kind == Kind::Number || t.lower == "-";
        if k - from >= 4 && !noun_phrase || k - from >= 11 || t.kind == Kind::Quote {
            return None;
        }
        k += 1;
    }
    None
}

/// A speaker phrase, an apposition between commas, then the cue, in the slot after a closing
/// mark: `,” Stafford, a member of the Apollo 10 crew, responded`, `,” Interior Minister
/// Wolfgang Peschorn, who serves in a provisional government, said`, `,” Sweden’s deputy
/// director of public prosecutions, Eva-Marie Persson, said`. The phrase before the first
/// comma names the speaker: its person, else the mention that opens it, else its capitalised
/// words. When the phrase is a role and the apposition is a name, the speaker is that person
/// acting in the role (name from the apposition, code and principal from the role).
fn apposition_cue(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    from: usize,
    end: usize,
) -> Option<Cue> {
    let toks = &seg.tokens;
    let plain = |k: usize| {
        let t = &toks[k];
        t.is_word()
            || t.kind == Kind::Number
            || matches!(t.lower.as_str(), "-" | "'s" | "’s")
            || t.lower == "." && k > from && lex.titles.contains(toks[k - 1].lower.as_str())
    };
    // the phrase: plain words up to the first comma, none of them a cue
    let comma = (from..end.min(from + 10)).find(|&k| !plain(k))?;
    if comma == from
        || toks[comma].lower != ","
        || (from..comma).any(|k| cue_at(text, seg, lex, k).is_some())
    {
        return None;
    }
    // the apposition: up to the next comma that a cue follows, with no quotation or clause end
    let mut close = None;
    for k in comma + 1..end.min(comma + 32) {
        let t = &toks[k];
        if t.kind == Kind::Quote || matches!(t.lower.as_str(), "." | ";" | ":" | "!" | "?") {
            return None;
        }
        if t.lower == ","
            && k + 1 < end
            && !COGNITION.contains(&toks[k + 1].lower.as_str())
            && let Some(c) = cue_at(text, seg, lex, k + 1)
        {
            close = Some((k, c));
            break;
        }
    }
    let (close, cue_end) = close?;
    if close == comma + 1 {
        return None;
    }
    let mentions_in = |a: usize, b: usize| {
        let mut v: Vec<usize> = (a..b)
            .filter_map(|t| is_speaker_mention(actors, t))
            .collect();
        v.dedup();
        v
    };
    let head = mentions_in(from, comma);
    let person = |ms: &[usize]| {
        ms.iter()
            .rev()
            .copied()
            .find(|&mi| actors.mentions[mi].kind == MentionKind::Person)
    };
    let opener = if matches!(toks[from].lower.as_str(), "the" | "a" | "an") {
        from + 1
    } else {
        from
    };
    let speaker = if let Some(mi) = person(&head) {
        Speaker::Mention(mi)
    } else if let Some(&mi) = head.first().filter(|&&mi| {
        let m = &actors.mentions[mi];
        m.first == opener && m.kind != MentionKind::Pronoun
    }) {
        // a role named by a person in the apposition: that person, in the role
        let m = &actors.mentions[mi];
        let role = matches!(m.kind, MentionKind::Role | MentionKind::Description);
        let app = mentions_in(comma + 1, close);
        let named = match person(&app) {
            Some(p)
                if actors.mentions[p].first == comma + 1 && actors.mentions[p].last == close =>
            {
                Some(actors.mentions[p].actor.name.clone())
            }
            _ => {
                let run = (comma + 1..close).all(|t| {
                    toks[t].is_capitalized(text)
                        && actors.by_token.get(t).copied().flatten().is_none()
                        || toks[t].lower == "-"
                });
                (run && close - comma - 1 <= 5
                    && !NOT_NAME_START.contains(&toks[comma + 1].lower.as_str()))
                .then(|| text[toks[comma + 1].span.start..toks[close - 1].span.end].into())
            }
        };
        match named {
            Some(name) if role && m.actor.principal.is_some() => Speaker::Named(Actor {
                name,
                code: m.actor.code.clone(),
                principal: m.actor.principal.clone(),
            }),
            Some(name) if role => Speaker::Named(Actor::unresolved(&name)),
            _ => Speaker::Mention(mi),
        }
    } else {
        // a name the actor layer does not hold, one to four capitalised words
        let n = comma - from;
        let name = (from..comma).all(|t| {
            toks[t].is_capitalized(text) && actors.by_token.get(t).copied().flatten().is_none()
        });
        let ok = name
            && n <= 4
            && !NOT_NAME_START.contains(&toks[from].lower.as_str())
            && !crate::date::is_calendar_word(&toks[from].lower)
            && !outlet(text, toks, from, comma)
            && !agency_before(text, toks, lex, comma);
        if !ok {
            return None;
        }
        Speaker::Named(Actor::unresolved(
            &text[toks[from].span.start..toks[comma - 1].span.end],
        ))
    };
    Some(Cue {
        first: close + 1,
        last: cue_end,
        speaker: Some(speaker),
    })
}

/// Quantities that make "X of <group>" a share of the group: "70 percent of Americans".
const SHARE_WORDS: &[&str] = &[
    "percent",
    "%",
    "cent",
    "majority",
    "minority",
    "most",
    "half",
    "third",
    "thirds",
    "quarter",
    "share",
    "plurality",
    "many",
    "none",
    "number",
    "proportion",
];

/// Words before a share that belong to its phrase: "an overwhelming 70 percent".
const SHARE_LEAD: &[&str] = &[
    "a",
    "an",
    "the",
    "overwhelming",
    "large",
    "small",
    "slim",
    "narrow",
    "clear",
    "vast",
    "about",
    "nearly",
    "almost",
    "roughly",
    "some",
    "over",
    "just",
    "only",
    "per",
];

/// "70 percent of Americans", "a majority of voters": a share of a group, named as written.
fn share_of(text: &str, toks: &[Token], m: &Mention) -> Option<Actor> {
    if m.first < 2 || toks[m.first - 1].lower != "of" {
        return None;
    }
    let q = m.first - 2;
    if !SHARE_WORDS.contains(&toks[q].lower.as_str()) {
        return None;
    }
    let mut a = q;
    while a > 0
        && q - a < 3
        && (toks[a - 1].kind == Kind::Number || SHARE_LEAD.contains(&toks[a - 1].lower.as_str()))
    {
        a -= 1;
    }
    Some(Actor::unresolved(
        &text[toks[a].span.start..m.span.end.max(toks[m.last - 1].span.end)],
    ))
}

/// A one-word description that is only the start of a longer proper name ("National" of "The
/// National Institute on Drug Abuse"): the whole name, with no code.
fn longer_name(text: &str, toks: &[Token], actors: &Actors, m: &Mention) -> Option<Actor> {
    if !matches!(m.kind, MentionKind::Description | MentionKind::Role)
        || m.last != m.first + 1
        || !toks[m.first].is_capitalized(text)
    {
        return None;
    }
    let free_cap = |i: usize| {
        toks.get(i).is_some_and(|t| t.is_capitalized(text))
            && actors.by_token.get(i).copied().flatten().is_none()
    };
    let mut e = m.last;
    let mut end = m.last;
    while e < toks.len() && e - m.first < 8 {
        if free_cap(e) {
            e += 1;
            end = e;
        } else if NAME_JOINERS.contains(&toks[e].lower.as_str()) && free_cap(e + 1) {
            e += 1;
        } else {
            break;
        }
    }
    (end > m.last)
        .then(|| Actor::unresolved(&text[toks[m.first].span.start..toks[end - 1].span.end]))
}

/// Words after which a name is not an object: it is a subject ("and Cook said").
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "or", "while", "as", "when", "because", "although", "though", "that", "then",
    "so", "after", "before", "since", "if", "where", "whereas", "also", "later", "earlier",
];

/// A mention in an object position: after a verb or a preposition ("told Benioff", "with
/// Benioff"), or a possessor ("Mayer's mettle"), rather than a subject.
fn object_position(text: &str, toks: &[Token], lex: &Lexicon, m: &Mention) -> bool {
    if toks
        .get(m.last)
        .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"))
    {
        return true;
    }
    let Some(prev) = m.first.checked_sub(1).map(|i| &toks[i]) else {
        return false;
    };
    if !prev.is_word() || prev.is_capitalized(text) || CLAUSE_OPENERS.contains(&prev.lower.as_str())
    {
        return false;
    }
    // `,” said Smith`: an inverted subject
    let inverted = lex.speech.verb_forms.contains_key(prev.lower.as_str())
        && m.first >= 2
        && matches!(toks[m.first - 2].kind, Kind::Quote | Kind::Punct);
    !inverted
}

/// The person a speaking "he" or "she" refers to: the last person of that gender named as a
/// subject in this sentence or the three before it.
fn subject_antecedent(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    mi: usize,
) -> Option<Actor> {
    let toks = &seg.tokens;
    let p = &actors.mentions[mi];
    let female = match toks[p.first].lower.as_str() {
        "he" => false,
        "she" => true,
        "it" | "they" => return body_antecedent(text, seg, actors, lex, mi),
        _ => return None,
    };
    last_subject(text, seg, actors, lex, mi, 3, |m| {
        m.entity.is_some_and(|e| {
            actors
                .entities
                .get(e)
                .is_some_and(|x| x.female.is_none_or(|f| f == female))
        })
    })
}

/// The actor of the last mention before mention `mi`, in its sentence or the `back` before
/// it, that `fits` and is not in an object position.
fn last_subject(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    mi: usize,
    back: usize,
    fits: impl Fn(&Mention) -> bool,
) -> Option<Actor> {
    let toks = &seg.tokens;
    let first = actors.mentions[mi].first;
    let floor = seg.sentences[sentence_of(seg, first).saturating_sub(back)].first;
    actors.mentions[..mi]
        .iter()
        .rev()
        .take_while(|m| m.first >= floor)
        .filter(|m| fits(m))
        .find(|m| !object_position(text, toks, lex, m))
        .map(|m| m.actor.clone())
}

/// The body a speaking "it" or "they" refers to: the last state, organisation or role named as
/// a subject (not a person, a place, a possessor or an object, and not inside a quotation) in
/// this sentence or the two before it (`The Russian Foreign Ministry summoned the British
/// ambassador. “London's actions are unacceptable,” it said`: the ministry). "It" wants a
/// body not named by a plural noun.
fn body_antecedent(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    mi: usize,
) -> Option<Actor> {
    let toks = &seg.tokens;
    let p = &actors.mentions[mi];
    let singular = toks[p.first].lower == "it";
    last_subject(text, seg, actors, lex, mi, 2, |m| {
        matches!(
                m.kind,
                MentionKind::Name
                    | MentionKind::Metonym
                    | MentionKind::Role
                    | MentionKind::Description
            ) && m.entity.is_none()
                && !m.locative
                && m.actor.principal.is_some()
                // (a collective body, "the ministry", is marked plural: "it" takes it; a plural
                // noun, "the rebels", it does not)
                && !(singular && m.plural && toks[m.last - 1].lower.ends_with('s'))
                && !m
                    .first
                    .checked_sub(1)
                    .is_some_and(|k| toks[k].kind == Kind::Quote)
    })
}

/// The actor a speaker stands for, and the mention to record for it; `None` when the mention
/// names a news agency (a cited source, never a speaker).
fn resolve(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    sp: Speaker,
) -> Option<(Actor, Option<usize>)> {
    let toks = &seg.tokens;
    let mi = match sp {
        Speaker::Named(a) => return Some((a, None)),
        Speaker::Mention(mi) => mi,
    };
    let m = &actors.mentions[mi];
    if lex.is_agency(m.span.slice(text))
        || lex.is_agency(toks[m.first].span.slice(text))
        || outlet(text, toks, m.first, m.last)
    {
        return None;
    }
    if let Some(a) = share_of(text, toks, m).or_else(|| longer_name(text, toks, actors, m)) {
        return Some((a, None));
    }
    if m.kind == MentionKind::Pronoun
        && let Some(a) = subject_antecedent(text, seg, actors, lex, mi)
    {
        return Some((a, Some(mi)));
    }
    Some((m.actor.clone(), Some(mi)))
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
    "officers",
    "police",
];

/// An unnamed speaker's description in tokens `[a, b)`, at most `max` words: "one legal expert",
/// "officers", "the victim's mother", "a WeWork spokesperson" (its head is a common noun).
fn describe(text: &str, toks: &[Token], a: usize, b: usize, max: usize) -> Option<Actor> {
    let ws = toks.get(a..b)?;
    let ok = !ws.is_empty()
        && ws.len() <= max
        && SOURCE_OPENERS.contains(&ws[0].lower.as_str())
        && ws.iter().all(|t| t.is_word() || t.lower == "-")
        && ws
            .last()
            .is_some_and(|t| !t.is_capitalized(text) && !matches!(t.lower.as_str(), "'s" | "’s"));
    ok.then(|| Actor::unresolved(&text[toks[a].span.start..toks[b - 1].span.end]))
}

/// Words after which a description after its cue has ended (`said a WeWork spokesperson when
/// contacted by Reuters`).
const DESCRIPTION_ENDS: &[&str] = &[
    "when", "as", "who", "which", "that", "in", "at", "on", "after", "before", "while", "during",
    "to", "by", "for", "with", "from", "of",
];

/// The description of an unnamed speaker next to a cue: "one legal expert" in `said one legal
/// expert`, "the expert" in `,” the expert warned`, "the victim's mother" in `The victim's
/// mother testified, describing her daughter as “...”`.
fn anonymous_source(
    text: &str,
    seg: &Segmentation,
    lex: &Lexicon,
    c: &Cue,
    q: &Quoted,
    end: usize,
) -> Option<Actor> {
    let toks = &seg.tokens;
    if c.first > q.close {
        // before the cue, after the closing mark: `,” the expert warned`
        let before = (q.close + 1..c.first)
            .find(|&k| toks[k].is_word())
            .and_then(|a| describe(text, toks, a, c.first, 5));
        // after the cue: `,” said one legal expert, as reported`
        let after = || {
            let b = (c.last + 1..end.min(c.last + 6))
                .find(|&k| {
                    !toks[k].is_word() && toks[k].lower != "-"
                        || DESCRIPTION_ENDS.contains(&toks[k].lower.as_str())
                })
                .unwrap_or(end.min(c.last + 6));
            describe(text, toks, c.last, b, 5)
        };
        return before.or_else(after);
    }
    // a cue before the opening mark: the subject that opens the sentence, before its first cue
    let s = seg.sentences[sentence_of(seg, q.open)];
    let v = (s.first..c.first + 1).find(|&k| cue_at(text, seg, lex, k).is_some())?;
    describe(text, toks, s.first, v, 5)
}

/// Sources that are documents rather than speakers ("according to data from MarketAxess").
const DOCUMENT_NOUNS: &[&str] = &[
    "data",
    "figures",
    "estimate",
    "estimates",
    "statistics",
    "records",
    "documents",
    "research",
    "study",
    "studies",
    "survey",
    "surveys",
    "poll",
    "polls",
    "website",
    "site",
    "map",
    "maps",
    "analysis",
    "calculations",
    "numbers",
    "census",
    "index",
    "reports",
    "report",
    "filing",
    "filings",
    "court",
    "tally",
    "count",
    "forecast",
    "forecasts",
    "model",
    "models",
];

/// The last word of a news outlet's name: "Fox News", "The Washington Post".
const OUTLET_HEADS: &[&str] = &[
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Tribune",
    "Gazette",
    "News",
    "Daily",
    "Telegraph",
    "Guardian",
    "Chronicle",
    "Observer",
    "Inquirer",
    "Dispatch",
    "Courier",
    "Magazine",
    "Newsweek",
    "Politico",
    "Axios",
    "CNN",
    "BBC",
    "CNBC",
    "NPR",
];

/// Tokens `[a, b)` name a news outlet: a capitalised run ending in an outlet's head word.
fn outlet(text: &str, toks: &[Token], a: usize, b: usize) -> bool {
    let Some(last) = (a..b).rev().find(|&k| toks[k].is_word()) else {
        return false;
    };
    toks[last].is_capitalized(text) && OUTLET_HEADS.contains(&toks[last].span.slice(text))
}

/// A speaker and its reported clause `[start, end)`, and where to go on.
/// Verbs of saying whose reported clause may go without "that" (`She said Washington would`).
const BARE_CLAUSE_VERBS: &[&str] = &[
    "say",
    "tell",
    "add",
    "insist",
    "claim",
    "argue",
    "stress",
    "note",
    "warn",
    "explain",
    "believe",
    "think",
    "assert",
    "reiterate",
    "maintain",
    "acknowledge",
    "admit",
];

/// Auxiliaries and modals that mark the finite verb of a reported clause with no "that".
const FINITE: &[&str] = &[
    "would", "will", "could", "can", "may", "might", "must", "should", "shall", "had", "has",
    "have", "was", "were", "is", "are", "did", "does", "do", "won't", "wouldn't", "cannot",
    "can't", "didn't", "doesn't", "isn't", "wasn't",
];

type Reported = (Option<(Actor, Option<usize>)>, usize, usize, usize);

/// `X said (in a statement, on Monday,) that CLAUSE`: the clause after "that", to the sentence
/// end or a trailing `, RBC reports` or the next `and disclosed that`.
fn that_clause(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    s: crate::segment::Sentence,
    subj: Option<usize>,
    e: usize,
) -> Option<Reported> {
    let toks = &seg.tokens;
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
                    | "news"
                    | "press"
                    | "conference"
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
    // `She said Washington would not allow`: a clause with no "that", right after the verb,
    // opened by a subject (a mention, a pronoun) whose finite verb follows within a few words
    // (verbs of saying only: "announced it would suspend ties" reports an act, not words)
    let saying = e > 0
        && lex
            .speech
            .verb_forms
            .get(toks[e - 1].lower.as_str())
            .or_else(|| {
                lex.speech
                    .verb_forms
                    .get(toks[e.saturating_sub(2)].lower.as_str())
            })
            .is_some_and(|v| BARE_CLAUSE_VERBS.contains(&v.as_str()));
    let bare = !has_that
        && saying
        && c == e
        && c < s.last
        && (actors.by_token.get(c).copied().flatten().is_some()
            || matches!(
                toks[c].lower.as_str(),
                "he" | "she" | "it" | "they" | "we" | "i"
            ))
        && (c + 1..s.last.min(c + 7))
            .take_while(|&k| toks[k].is_word() || toks[k].lower == "'s" || toks[k].lower == "’s")
            .any(|k| FINITE.contains(&toks[k].lower.as_str()));
    // an agency's report ("Bloomberg News reported that") is a cited source, not speech
    let resolved = subj.and_then(|mi| resolve(text, seg, actors, lex, Speaker::Mention(mi)));
    if resolved.is_none() || !has_that && !bare {
        return None;
    }
    let start = if has_that { c + 1 } else { c };
    // the clause ends at the sentence end, or before a trailing ", RBC reports"
    let mut end = s.last;
    while end > start && matches!(toks[end - 1].kind, Kind::Punct | Kind::Quote) {
        end -= 1;
    }
    if let Some(tail) = (start..end).rev().find(|&t| {
        toks[t].lower == ","
            && toks
                .get(t + 1)
                .is_some_and(|n| lex.is_agency(n.span.slice(text)) || n.lower == "according")
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
        return None;
    }
    Some((resolved, start, end, end))
}

/// `CLAUSE, according to X` or `According to X, CLAUSE`: X is the speaker (a news agency only
/// cites a source: no quotation), the clause is the rest of the sentence.
fn according_to(
    text: &str,
    seg: &Segmentation,
    actors: &Actors,
    lex: &Lexicon,
    s: crate::segment::Sentence,
    k: usize,
    e: usize,
) -> Option<Reported> {
    let toks = &seg.tokens;
    // the source: up to the next comma or the sentence end
    let mut src_end = e;
    while src_end < s.last && toks[src_end].kind != Kind::Punct && src_end - e < 12 {
        src_end += 1;
    }
    if src_end == e || agency_before(text, toks, lex, src_end) {
        return None;
    }
    let phrase = &text[toks[e].span.start..toks[src_end - 1].span.end];
    if lex.is_agency(phrase) || outlet(text, toks, e, src_end) {
        return None;
    }
    // "according to data from", "according to one estimate": a document, not a speaker
    if toks[e..src_end.min(e + 3)]
        .iter()
        .any(|t| DOCUMENT_NOUNS.contains(&t.lower.as_str()))
    {
        return None;
    }
    // "Defence Minister Sergei Shoigu": the mention that has a code, else the first
    let named = (e..src_end)
        .filter_map(|t| is_speaker_mention(actors, t))
        .find(|&mi| actors.mentions[mi].actor.principal.is_some());
    let speaker = match named.or_else(|| subject_after(seg, actors, e, src_end)) {
        Some(mi) => resolve(text, seg, actors, lex, Speaker::Mention(mi))?,
        None => (
            describe(text, toks, e, src_end, 8)
                .or_else(|| name_before(text, seg, actors, lex, e, src_end))?,
            None,
        ),
    };
    let trim = |mut a: usize, mut b: usize| {
        while b > a && matches!(toks[b - 1].kind, Kind::Punct | Kind::Quote) {
            b -= 1;
        }
        while a < b && matches!(toks[a].kind, Kind::Punct | Kind::Quote) {
            a += 1;
        }
        (a, b)
    };
    let (start, end) = if k > s.first + 2 {
        trim(s.first, k)
    } else {
        trim(src_end, s.last)
    };
    (end > start).then_some((Some(speaker), start, end, s.last.max(e)))
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
        // a cue after the closing mark, within the sentence it closes
        let sc = sentence_of(seg, q.close);
        let after_end = seg.sentences[sc].last;
        let mut cue = cue_after(text, seg, actors, lex, q.close + 1, after_end, false);
        if cue.as_ref().is_none_or(|c| c.speaker.is_none()) {
            cue = apposition_cue(text, seg, actors, lex, q.close + 1, after_end).or(cue);
        }
        // the quotation ends its sentence: the attribution may be the next one
        let ends_sentence = (q.close + 1..after_end).all(|k| toks[k].kind == Kind::Punct);
        if cue.is_none()
            && ends_sentence
            && let Some(n) = seg.sentences.get(sc + 1)
            && n.paragraph == seg.sentences[sc].paragraph
        {
            cue = cue_after(text, seg, actors, lex, n.first, n.last, true);
        }
        let cue_end = cue
            .as_ref()
            .map_or(after_end, |c| seg.sentences[sentence_of(seg, c.first)].last);
        // a cue before the opening mark in the sentence
        if cue.is_none() {
            let mut k = q.open;
            while k > s.first {
                k -= 1;
                if toks[k].kind == Kind::Quote {
                    break;
                }
                if let Some(e) = cue_at(text, seg, lex, k) {
                    let sp = subject_before(text, seg, actors, k, s.first)
                        .or_else(|| subject_after(seg, actors, e, q.open))
                        .map(Speaker::Mention)
                        .or_else(|| known_person_at(text, seg, actors, s.first, k));
                    cue = Some(Cue {
                        first: k,
                        last: e,
                        speaker: sp,
                    });
                    break;
                }
            }
        }
        // `“Amazing,” Davis said.`: a short quotation counts when its cue and speaker follow
        // the closing mark at once (the next quotation may continue that speaker)
        let attributed_at_once = cue.as_ref().is_some_and(|c| {
            let named = match &c.speaker {
                Some(Speaker::Named(_)) => true,
                Some(Speaker::Mention(mi)) => actors.mentions[*mi].kind != MentionKind::Pronoun,
                None => false,
            };
            named && c.first <= q.close + 3
        });
        let direct = at_start && (words >= 3 || words >= 1 && attributed_at_once);
        let partial_ok = cue.is_some()
            && (words >= 3
                || q.open > 0
                    && cue
                        .as_ref()
                        .is_some_and(|c| c.last == q.open || toks[q.open - 1].lower == "that"));
        if !direct && !partial_ok {
            continue; // scare quotes, titles, names
        }
        let mut speaker = cue
            .as_ref()
            .and_then(|c| c.speaker.clone())
            .and_then(|sp| resolve(text, seg, actors, lex, sp));
        // a heading that quotes (`“… prevent the evacuation of the civilians”` alone on its line)
        // ends without punctuation inside its marks
        let punctuated = toks[q.close - 1].kind == Kind::Punct;
        if speaker.is_none() && direct && cue.is_none() && punctuated {
            // a quotation that continues the previous speaker's
            speaker = out
                .iter()
                .rev()
                .find(|p| {
                    p.kind == QuoteKind::Direct
                        && seg.sentences[p.sentence].paragraph + 1 >= s.paragraph
                })
                .and_then(|p| p.speaker.clone().map(|a| (a, p.speaker_mention)));
        }
        let kind = if direct {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
        // "said one legal expert", "a senior official said": an anonymous source is named by its
        // description, with no code or principal
        if speaker.is_none()
            && let Some(c) = &cue
        {
            speaker = anonymous_source(text, seg, lex, c, q, cue_end).map(|a| (a, None));
        }
        let (speaker, speaker_mention) = match speaker {
            Some((a, m)) => (Some(a), m),
            None => (None, None),
        };
        out.push(Quote {
            span: q.inner,
            kind,
            cue: cue
                .as_ref()
                .map(|c| Span::new(toks[c.first].span.start, toks[c.last - 1].span.end)),
            speaker,
            speaker_mention,
            sentence: si,
        });
    }
    // indirect speech: speech verb + subject + reported clause
    for (si, s) in seg.sentences.iter().enumerate() {
        let mut k = s.first;
        let mut prev_subj: Option<usize> = None;
        while k < s.last {
            // (a word of an actor's name is no verb: "the United States of"); that, and a token
            // that is no word (no cue is: see the test), is told before the cue filter is asked
            if !toks[k].is_word() || actors.by_token.get(k).copied().flatten().is_some() {
                k += 1;
                continue;
            }
            let Some(e) = cue_at(text, seg, lex, k).filter(|_| actors.by_token[k].is_none()) else {
                k += 1;
                continue;
            };
            let inside_quote = spans.iter().any(|q| q.open < k && k < q.close);
            // "told reporters that ... and disclosed that ...": the second verb shares the subject
            let coordinated = k > s.first && toks[k - 1].lower == "and" && prev_subj.is_some();
            // (the sentence's subject first: a noun read as a cue, "sending wrong signals
            // ... and said", must not lend the object before it)
            let subj = if coordinated {
                subject_before(text, seg, actors, k, s.first).or(prev_subj)
            } else {
                subject_before(text, seg, actors, k, s.first)
            };
            prev_subj = subj.or(prev_subj);
            let found = if toks[k].lower == "according" {
                according_to(text, seg, actors, lex, *s, k, e)
            } else {
                that_clause(text, seg, actors, lex, *s, subj, e)
            };
            let Some((resolved, start, end, next)) = found.filter(|_| !inside_quote) else {
                k = e;
                continue;
            };
            let clause = Span::new(toks[start].span.start, toks[end - 1].span.end);
            let (speaker_actor, speaker_mention) = match resolved {
                Some((a, m)) => (Some(a), m),
                None => (None, None),
            };
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
                        q.speaker_mention = speaker_mention;
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
                    speaker_mention,
                    sentence: si,
                });
            }
            k = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// The indirect-speech scan asks for cues only at word tokens: every word a cue starts
    /// with holds a letter, which no number, punctuation or quotation mark token does.
    #[test]
    fn every_cue_starts_with_a_word() {
        let lex = crate::lexicon::Lexicon::builtin().unwrap();
        assert!(!lex.speech.cue_index.is_empty());
        for w in lex.speech.cue_index.keys() {
            assert!(w.chars().any(char::is_alphabetic), "{w:?}");
        }
    }
}
