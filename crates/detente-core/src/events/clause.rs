//! Clause analysis without a parser: where a clause starts and ends around a trigger, which
//! mentions stand before and after it, passive voice, and the words that negate a trigger or
//! make it hypothetical.

use super::patterns::{Doc, class};
use crate::segment::Kind;

/// Words that open a new clause: to the left of a trigger they bound the subject search.
pub(super) const OPENERS: &[&str] = &[
    ";", ":", "that", "which", "who", "whom", "whose", "while", "whereas", "because", "after",
    "before", "when", "although", "though", "since", "if", "unless", "until", "where", "but", "as",
    "whether",
];
pub(super) const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "get", "got", "gets",
];
pub(super) const NEGATORS: &[&str] = &[
    "not", "n't", "never", "no", "neither", "nor", "without", "non", "refused", "refuses",
    "refuse", "declined", "declines", "failed", "fails", "denied", "denies",
];
pub(super) const INTENT: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "want",
    "wants",
    "wanted",
    "seek",
    "seeks",
    "sought",
    "aim",
    "aims",
    "aimed",
    "hope",
    "hopes",
    "hoped",
    "try",
    "tries",
    "tried",
    "attempt",
    "attempts",
    "expect",
    "expects",
    "expected",
    "going",
    "ready",
    "prepared",
    "willing",
    "order",
    "able",
    "likely",
    "set",
    "threaten",
    "threatens",
    "threatened",
    "vow",
    "vows",
    "vowed",
    "pledge",
    "pledged",
    "promise",
    "promised",
    "offer",
    "offered",
    "propose",
    "proposed",
    "ask",
    "asked",
    "urge",
    "urged",
    "call",
    "called",
    "demand",
    "demanded",
];
pub(super) const CONDITIONAL: &[&str] = &["if", "unless", "whether", "lest"];

/// Words that end the clause of a trigger to its right.
pub(super) const CLAUSE_ENDS: &[&str] = &[
    ";", "because", "while", "whereas", "although", "unless", "if", "after", "before", "when",
];
/// Adverbs between a form of "be" and a participle (besides the words in -ly).
pub(super) const PASSIVE_ADVERBS: &[&str] = &[
    "not",
    "n't",
    "also",
    "already",
    "reportedly",
    "allegedly",
    "then",
    "never",
];

/// The first token of the clause holding token `i`, not before `floor`.
///
/// (A quote mark is no word: a token counted as one ([`class::COUNTED`]) is not read for its
/// kind.)
pub fn clause_start(d: &Doc, i: usize, floor: usize) -> usize {
    let mut j = i;
    while j > floor {
        let c = d.classes[j - 1];
        if c & class::OPENER != 0 || c & class::COUNTED == 0 && d.toks[j - 1].kind == Kind::Quote {
            return j;
        }
        j -= 1;
    }
    floor
}

/// One past the last token of the clause holding token `i`.
pub fn clause_end(d: &Doc, i: usize, ceil: usize) -> usize {
    let mut j = i + 1;
    while let Some(at) = d.next_of(j, ceil, class::CLAUSE_END | class::IN | class::AS) {
        j = at;
        let c = d.classes[j];
        if c & class::CLAUSE_END != 0 {
            return j;
        }
        // a purpose clause: "in order to appease Russia"
        if c & class::IN != 0 && d.classes.get(j + 1).is_some_and(|n| n & class::ORDER != 0) {
            return j;
        }
        // a clause of time or reason after a comma: "Serbia eased emergency measures in
        // Montenegro, as authorities in Croatia cracked down on ..."
        if c & class::AS != 0 && d.is(j - 1, class::COMMA) {
            return j - 1;
        }
        j += 1;
    }
    ceil
}

/// A verb trigger in the passive: a form of "be" (with adverbs between) before a participle.
pub fn is_passive(d: &Doc, i: usize, floor: usize) -> bool {
    let w = d.toks[i].lower.as_str();
    let participle = w.ends_with("ed")
        || w.ends_with("en")
        || w.ends_with('t')
        || !w.ends_with('s') && !w.ends_with("ing");
    if !participle {
        return false;
    }
    let mut j = i;
    let mut adverbs = 0;
    while j > floor && adverbs <= 2 {
        // "'s" is "is" only before a regular participle: "Li Keqiang's visit to Germany" is a
        // possessive, "the embassy's been attacked" a passive
        if j == i
            && matches!(d.toks[j - 1].lower.as_str(), "'s" | "’s")
            && !(w.ends_with("ed") || w.ends_with("en"))
        {
            return false;
        }
        if d.is(j - 1, class::BE) {
            return true;
        }
        if d.is(j - 1, class::ADVERB) || d.toks[j - 1].lower.ends_with("ly") {
            adverbs += 1;
            j -= 1;
            continue;
        }
        return false;
    }
    false
}

/// Negation in the few words before the trigger (after the clause start). A negator does not
/// reach past an "and" to a finite verb of its own: "Zakharova said Moscow had not been
/// consulted and warned Washington", "Iran denied the report and accused Israel" assert the
/// warning and the accusation; a bare verb shares the negation ("refused to recognise and
/// establish relations", "did not sign and ratify"). "Not only ... but" is no negation.
pub fn negated(d: &Doc, i: usize, start: usize) -> bool {
    let from = i.saturating_sub(4).max(start);
    let w = d.toks[i].lower.as_str();
    let finite = w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss");
    (from..i).any(|k| {
        d.is(k, class::NEGATOR)
            && !(d.toks[k].lower == "not" && d.toks.get(k + 1).is_some_and(|t| t.lower == "only"))
            && !(finite && (k + 1..i).any(|j| d.is(j, class::AND)))
    })
}

/// How a trigger's clause presents the act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modality {
    /// It happened (or happens).
    Asserted,
    /// Possible, conditional or a purpose: "could lead to", "if", "in order to".
    Hypothetical,
    /// Future or intended: "will support", "plans to impose", "is prepared to meet". CAMEO codes
    /// the expressed intent (03x) or threat (13x) as the event.
    Future,
}

pub(super) const POSSIBLE: &[&str] = &["could", "might", "may", "can", "should", "must", "ca"];
pub(super) const FUTURE: &[&str] = &["will", "would", "shall", "'ll", "'d", "wo"];
pub(super) const PURPOSE: &[&str] = &["order", "so"];
/// Nouns of attempt and verbs of persuasion before "to": what follows is not (yet) done.
pub(super) const ATTEMPT: &[&str] = &[
    "effort",
    "efforts",
    "attempt",
    "attempts",
    "bid",
    "drive",
    "campaign",
    "push",
    "convince",
    "persuade",
    "pressure",
    "pressuring",
    "pressured",
];

/// The modality of the trigger at `i`, from the words before it in its clause. A future act,
/// announced or not ("Russia announced it would suspend ties"), is an intent or a threat.
pub fn modality(text: &str, d: &Doc, i: usize, start: usize, sentence_first: usize) -> Modality {
    let toks = d.toks;
    let from = i.saturating_sub(5).max(start);
    // the classes of the words in reach, or-ed in one pass: most triggers have no modal and no
    // condition before them, which is told without a search for each
    let classes_in = |a: usize| (a..i).fold(0, |all, k| all | d.classes[k]);
    let near = classes_in(from);
    // a modal is a lowercase word, or the first of a question: "Theresa May has met Merkel",
    // "Will Smith" are names
    let modal = |class: u32| {
        near & class != 0
            && (from..i)
                .any(|k| d.is(k, class) && (k == sentence_first || !toks[k].is_capitalized(text)))
    };
    if classes_in(i.saturating_sub(12).max(sentence_first)) & class::CONDITIONAL != 0 {
        return Modality::Hypothetical;
    }
    if modal(class::POSSIBLE) {
        return Modality::Hypothetical;
    }
    // "a meeting aimed at establishing close relations": a purpose, not an act
    if i >= from + 2
        && toks[i - 1].lower == "at"
        && matches!(
            toks[i - 2].lower.as_str(),
            "aimed" | "aim" | "aims" | "aiming"
        )
    {
        return Modality::Hypothetical;
    }
    // "to" must be inside the clause (a sentence may start right after a line break)
    if i > from && d.is(i - 1, class::TO) {
        let gov = (from..i - 1)
            .rev()
            .find(|&k| toks[k].is_word())
            .map_or(0, |k| d.classes[k]);
        if gov & class::PURPOSE != 0 {
            return Modality::Hypothetical; // "in order to appease"
        }
        // "Western efforts to end the fighting", "a drive to convince parliament to amend":
        // an attempt or a persuasion names an act that has not happened
        if gov & class::ATTEMPT != 0 {
            return Modality::Hypothetical;
        }
        if gov & class::INTENT != 0 {
            return Modality::Future;
        }
    }
    if modal(class::FUTURE) {
        // announced or not, a future act is an intent or a threat ("announced that he will
        // extend the curfew", "confirmed it would tighten the blockade"): CAMEO's 03x and 13x
        return Modality::Future;
    }
    Modality::Asserted
}

/// The code of the intent to do `code` (roots 04-09 -> 03x) or of the threat to do it
/// (roots 14-20 -> 13x); `None` keeps the code and flags the event hypothetical.
pub fn intent_code(code: &str) -> Option<&'static str> {
    match code.get(..2)? {
        "03" | "10" | "11" | "12" | "13" => Some(""), // already an intent, demand or verbal act
        "04" => Some("036"),
        "05" => Some("032"),
        "06" => Some("031"),
        "07" => Some("033"),
        "08" => Some("035"),
        "09" => Some("030"),
        "14" => Some("133"),
        "15" | "18" | "19" | "20" => Some("138"),
        "16" => Some("131"),
        "17" => Some("137"),
        _ => None,
    }
}

/// The rejection that a refused future act of cooperation amounts to (CAMEO 12x): "will not
/// meet" (125), "will not provide aid" (121), "will not release, lift, withdraw" (124).
pub fn refusal_code(code: &str) -> Option<&'static str> {
    match code.get(..2)? {
        "03" | "05" => Some("120"),
        "04" => Some("125"),
        "06" | "07" => Some("121"),
        // the yield refused, where CAMEO names it: "will not lift the embargo" (1244), "will
        // not release the soldiers" (1243)
        "08" => Some(match code.get(..3)? {
            "081" => "1241",
            "082" => "1242",
            "084" => "1243",
            "085" => "1244",
            "086" => "1245",
            "087" => "1246",
            _ => "124",
        }),
        _ => None,
    }
}
