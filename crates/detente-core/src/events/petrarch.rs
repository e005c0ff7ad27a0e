//! Reading PETRARCH-2 verb dictionaries (e.g. CAMEO.2.0.txt) as extra event patterns, so
//! that users keep their investment.
//!
//! What is read: synonym sets (`&NAME` then `+WORD` lines), verb blocks (`--- NAME [code] ---`
//! then verb lines `VERB {IRREGULAR FORMS}` and pattern lines `- ... * ... [code]`). A block's
//! code (when not `[---]`) codes its verbs alone; a pattern codes its verb followed by the
//! words after `*`, in order: `{A B}` and `(A B)` groups are phrases, `&SET` is any word of
//! the set, the actor markers `$` (source) and `+` (target) and the skip marks `^`, `%` are
//! left to the engine (which finds source and target around the trigger itself).
//!
//! What is not: a pattern with words before the verb (`- PROSECUTOR * ...`: the engine has no
//! subject-side words), `[---]` patterns (PETRARCH's "do not code"), codes missing from the
//! CAMEO table. They are counted as skipped, with the first reasons, never an error.

use super::patterns::PatternEntry;
use crate::error::{Error, Result};
use std::collections::HashMap;

/// What a verb dictionary gave.
#[derive(Debug, Default)]
pub struct VerbImport {
    pub(crate) patterns: Vec<PatternEntry>,
    /// Verb lines read (each a trigger).
    pub verbs: usize,
    /// Patterns added to the engine.
    pub loaded: usize,
    /// Pattern lines that could not be used, and a few of the reasons (with line numbers).
    pub skipped: usize,
    pub reasons: Vec<String>,
    /// How many were skipped for each kind of reason.
    pub by_reason: std::collections::BTreeMap<&'static str, usize>,
}

/// "STIR_UP" -> "stir up", "CASH_" -> "cash".
fn word(raw: &str) -> String {
    raw.trim_matches('_').replace('_', " ").to_lowercase()
}

/// The code of `[070]`, `[042:043]` (the first), or None for `[---]` and malformed ones.
fn code_of(bracket: &str) -> Option<String> {
    let inner = bracket.trim().strip_prefix('[')?.strip_suffix(']')?;
    let first = inner.split(':').next()?.trim();
    (!first.is_empty() && first.bytes().all(|b| b.is_ascii_digit())).then(|| first.to_string())
}

/// Reads `src` (named `file` in messages); `known` says whether a CAMEO code exists.
pub fn parse(file: &str, src: &str, known: impl Fn(&str) -> bool) -> Result<VerbImport> {
    let mut out = VerbImport::default();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    let mut current_set: Option<String> = None;
    // the current block: its code and its verbs (lemma and listed forms)
    let mut block_code: Option<String> = None;
    let mut block_verbs: Vec<Vec<String>> = Vec::new();
    let mut blocks = 0usize;
    // `kind` groups the count; `why` is the message kept for the first few
    let skip = |out: &mut VerbImport, line: usize, kind: &'static str, why: &str| {
        out.skipped += 1;
        *out.by_reason.entry(kind).or_default() += 1;
        if out.reasons.len() < 5 {
            out.reasons.push(format!("line {line}: {why}"));
        }
    };
    for (n, raw) in src.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('&')
            && !name.contains(' ')
        {
            current_set = Some(name.trim().to_string());
            sets.entry(name.trim().to_string()).or_default();
            continue;
        }
        if let (Some(set), Some(w)) = (&current_set, line.strip_prefix('+')) {
            sets.entry(set.clone()).or_default().push(word(w));
            continue;
        }
        if line.starts_with("---") {
            // "---  GRANT   [070]  ---"
            current_set = None;
            blocks += 1;
            block_verbs.clear();
            block_code = line
                .find('[')
                .and_then(|i| line[i..].find(']').map(|j| &line[i..=i + j]))
                .and_then(code_of)
                .filter(|c| known(c));
            continue;
        }
        if blocks == 0 {
            continue; // preamble (synonym sets only)
        }
        if let Some(pat) = line.strip_prefix('-') {
            let Some(open) = pat.rfind('[') else {
                skip(&mut out, line_no, "other", "a pattern without a [code]");
                continue;
            };
            let Some(code) = code_of(&pat[open..]) else {
                skip(
                    &mut out,
                    line_no,
                    "[---] (do not code)",
                    "a [---] pattern (do not code)",
                );
                continue;
            };
            if !known(&code) {
                skip(
                    &mut out,
                    line_no,
                    "code not in the CAMEO table",
                    &format!("code {code} is not in the CAMEO table"),
                );
                continue;
            }
            let body = &pat[..open];
            let Some(star) = body.find('*') else {
                skip(
                    &mut out,
                    line_no,
                    "other",
                    "a pattern without the verb mark *",
                );
                continue;
            };
            let before_words = body[..star]
                .split_whitespace()
                .any(|t| !matches!(t, "$" | "+" | "^" | "%"));
            if before_words {
                skip(
                    &mut out,
                    line_no,
                    "words before the verb",
                    "words before the verb",
                );
                continue;
            }
            let Some(then) = elements(&body[star + 1..], &sets) else {
                skip(
                    &mut out,
                    line_no,
                    "unknown synonym set",
                    "an unknown synonym set",
                );
                continue;
            };
            if then.is_empty() && block_code.as_deref() == Some(code.as_str()) {
                continue; // the block's own code already codes the verb alone
            }
            for forms in &block_verbs {
                for (k, v) in forms.iter().enumerate() {
                    out.patterns.push(PatternEntry::verb(
                        format!("petrarch.{}.{line_no}.{k}", v.replace(' ', "-")),
                        code.clone(),
                        v.clone(),
                        then.clone(),
                    ));
                }
            }
            continue;
        }
        // a verb line: "FREEZE {FREEZES FREEZING FROZE FROZEN}", "+STIR_UP {...}", maybe with
        // a code of its own: "ABC_AARDVARK_ADVOCATE [003]"
        let (line, own_code) = match line.find('[') {
            Some(i) => (
                line[..i].trim(),
                code_of(line[i..].trim()).filter(|c| known(c)),
            ),
            None => (line, None),
        };
        let (head, listed) = match line.find('{') {
            Some(i) => (&line[..i], line[i + 1..].trim_end_matches('}')),
            None => (line, ""),
        };
        let Some(lemma) = head
            .split_whitespace()
            .next()
            .map(|w| word(&w.replace('+', "")))
        else {
            continue;
        };
        if lemma.is_empty()
            || !lemma
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        {
            skip(&mut out, line_no, "other", "not a verb line");
            continue;
        }
        // irregular forms are triggers of their own (the engine inflects regular ones)
        let mut forms = vec![lemma.clone()];
        for f in listed.split_whitespace() {
            let f = word(f.trim_start_matches('+'));
            if !f.is_empty() && !f.contains(' ') && !lemma.contains(' ') && !regular(&lemma, &f) {
                forms.push(f);
            }
        }
        out.verbs += 1;
        if let Some(code) = own_code.as_ref().or(block_code.as_ref()) {
            for (k, v) in forms.iter().enumerate() {
                out.patterns.push(PatternEntry::verb(
                    format!("petrarch.{}.{line_no}.{k}", v.replace(' ', "-")),
                    code.clone(),
                    v.clone(),
                    Vec::new(),
                ));
            }
        }
        block_verbs.push(forms);
    }
    if blocks == 0 {
        return Err(Error::Data {
            file: file.to_string(),
            message:
                "no verb block (\"--- NAME [code] ---\") found: not a PETRARCH verb dictionary"
                    .into(),
        });
    }
    Ok(out)
}

/// Whether `form` is one the engine makes from `lemma` itself (-s, -es, -ed, -ing).
fn regular(lemma: &str, form: &str) -> bool {
    let stem = lemma.trim_end_matches('e');
    [
        format!("{lemma}s"),
        format!("{lemma}es"),
        format!("{lemma}d"),
        format!("{lemma}ed"),
        format!("{stem}ing"),
        format!("{stem}ed"),
    ]
    .iter()
    .any(|r| r == form)
}

/// The words after `*` as `then` elements: a group (`{...}`, `(...)`) is one phrase of up
/// to three words (longer ones are split), a bare word is an element, `&SET` is its words as
/// alternatives; actor and skip marks are dropped. None when a set is unknown.
fn elements(s: &str, sets: &HashMap<String, Vec<String>>) -> Option<Vec<String>> {
    let spaced = s
        .replace(['{', '(', '['], " ( ")
        .replace(['}', ')', ']'], " ) ");
    let mut out = Vec::new();
    let mut group: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let flush = |group: &mut Vec<String>, out: &mut Vec<String>| {
        for chunk in group.chunks(3) {
            out.push(chunk.join(" "));
        }
        group.clear();
    };
    for t in spaced.split_whitespace() {
        match t {
            "(" => {
                flush(&mut group, &mut out);
                depth += 1;
            }
            ")" => {
                flush(&mut group, &mut out);
                depth = depth.saturating_sub(1);
            }
            "$" | "+" | "^" | "%" | "=" => flush(&mut group, &mut out),
            t if t.starts_with('&') => {
                flush(&mut group, &mut out);
                let words = sets.get(t.trim_start_matches('&'))?;
                let alts: Vec<&str> = words
                    .iter()
                    .map(String::as_str)
                    .filter(|w| w.split_whitespace().count() <= 3)
                    .collect();
                if alts.is_empty() {
                    return None;
                }
                out.push(alts.join("|"));
            }
            t => {
                let w = word(t.trim_start_matches(['+', '$']));
                if w.is_empty() {
                    continue;
                }
                group.push(w);
                if depth == 0 {
                    flush(&mut group, &mut out);
                }
            }
        }
    }
    flush(&mut group, &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "\
&CURRENCY
+DOLLAR
+EURO

---  FREEZE   [---]  ---
FREEZE {FREEZES FREEZING FROZE FROZEN}   # a comment
- * RELATIONS                                         [160:160]     # FREEZE
- * {BANK ACCOUNT}                                    [163]         # FREEZE
- PROSECUTOR * ASSET                                  [163]
- * PLOT                                              [---]
- * &CURRENCY                                         [999]

---  EXPEL   [174]  ---
EXPEL
- * (FROM +) &CURRENCY                                [1246]
";

    #[test]
    fn blocks_patterns_sets_and_what_is_skipped() {
        let known = |c: &str| matches!(c, "160" | "163" | "174" | "1246");
        let got = parse("t.txt", DICT, known).unwrap();
        assert_eq!(got.verbs, 2);
        let show: Vec<(String, String, Vec<String>)> = got
            .patterns
            .iter()
            .map(|p| {
                (
                    p.verb.clone().unwrap_or_default(),
                    p.code.clone(),
                    p.then.clone(),
                )
            })
            .collect();
        let has = |v: &str, c: &str, then: &[&str]| {
            show.iter().any(|(a, b, t)| {
                a == v && b == c && t.iter().map(String::as_str).eq(then.iter().copied())
            })
        };
        // irregular forms become triggers; regular ones are the engine's
        assert!(has("freeze", "160", &["relations"]), "{show:?}");
        assert!(has("froze", "160", &["relations"]), "{show:?}");
        assert!(has("frozen", "163", &["bank account"]), "{show:?}");
        assert!(!show.iter().any(|(v, ..)| v == "freezing" || v == "freezes"));
        // a block's code codes the verb alone; sets are alternatives; markers dropped
        assert!(has("expel", "174", &[]), "{show:?}");
        assert!(has("expel", "1246", &["from", "dollar|euro"]), "{show:?}");
        // words before the verb, [---] and unknown codes are skipped and counted
        assert_eq!(got.skipped, 3, "{:?}", got.reasons);
        assert!(
            got.reasons
                .iter()
                .any(|r| r.starts_with("line 9:") && r.contains("before"))
        );
        assert!(parse("x.txt", "NAME_ [USA]\n", known).is_err());
    }
}
