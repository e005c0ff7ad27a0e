//! English inflection, generated rather than listed: the forms of a verb lemma
//! (-s, -ed, -ing, irregular past forms) and the plural of a noun.

use rustc_hash::FxHashMap as HashMap;

/// Irregular past forms by lemma (from `data/lexicon/irregular_verbs.toml`).
pub type Irregulars = HashMap<String, Vec<String>>;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether the final consonant doubles before -ed/-ing ("ban" -> "banned", "expel" -> "expelled"),
/// for short stressed final syllables; longer words only when they end in a stressed "-el"/"-it"
/// pattern listed here.
fn doubles(w: &[u8]) -> bool {
    let n = w.len();
    if n < 3 {
        return false;
    }
    let (a, b, c) = (w[n - 3], w[n - 2], w[n - 1]);
    if !(!is_vowel(a) && is_vowel(b) && !is_vowel(c)) || matches!(c, b'w' | b'x' | b'y') {
        return false;
    }
    let vowels = w.iter().filter(|&&x| is_vowel(x)).count();
    if vowels == 1 {
        return true;
    }
    // two-syllable verbs stressed on the last syllable
    let s = std::str::from_utf8(w).unwrap_or("");
    [
        "expel", "compel", "propel", "repel", "dispel", "admit", "commit", "submit", "permit",
        "omit", "transmit", "emit", "remit", "acquit", "regret", "occur", "recur", "incur",
        "deter", "prefer", "refer", "confer", "infer", "transfer", "control", "patrol", "abet",
        "begin", "forget", "upset", "equip", "kidnap", "outstrip",
    ]
    .contains(&s)
}

/// All forms of a verb: lemma, 3rd person, past, participles (regular and irregular).
pub fn verb_forms(lemma: &str, irregular: &Irregulars) -> Vec<String> {
    let l = lemma.to_lowercase();
    let b = l.as_bytes();
    let n = b.len();
    let mut out = vec![l.clone()];
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    // -s
    if l.ends_with("s")
        || l.ends_with("x")
        || l.ends_with("z")
        || l.ends_with("ch")
        || l.ends_with("sh")
        || l.ends_with('o')
    {
        out.push([&l, "es"].concat());
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        out.push([&l[..n - 1], "ies"].concat());
    } else {
        out.push([&l, "s"].concat());
    }
    // -ed / -ing
    let stem_ing;
    if l.ends_with("ee") || l.ends_with("ye") || l.ends_with("oe") {
        // agree -> agreed, agreeing; dye -> dyed, dyeing
        out.push([&l, "d"].concat());
        stem_ing = l.clone();
    } else if last == b'e' {
        out.push([&l, "d"].concat());
        stem_ing = l[..n - 1].to_string();
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        out.push([&l[..n - 1], "ied"].concat());
        stem_ing = l.clone();
    } else if doubles(b) {
        let mut doubled = l.clone();
        doubled.push(last as char);
        out.push([&doubled, "ed"].concat());
        stem_ing = doubled;
    } else {
        out.push([&l, "ed"].concat());
        stem_ing = l.clone();
    }
    if l.ends_with("ie") {
        out.push([&l[..n - 2], "ying"].concat());
    } else {
        out.push([&stem_ing, "ing"].concat());
    }
    if let Some(irr) = irregular.get(&l) {
        out.extend(irr.iter().cloned());
        // an irregular verb has no regular past ("holded")
        let regular_past = out.remove(2);
        debug_assert!(regular_past.ends_with('d'));
    }
    // British/American -ise/-ize is the data's business; drop duplicates
    out.dedup();
    out
}

/// Singular and plural of a noun (a multi-word noun inflects its last word).
pub fn noun_forms(lemma: &str) -> Vec<String> {
    let l = lemma.to_lowercase();
    let (head, last) = match l.rsplit_once(' ') {
        Some((h, t)) => ([h, " "].concat(), t.to_string()),
        None => (String::new(), l.clone()),
    };
    let b = last.as_bytes();
    let n = b.len();
    let plural = if [
        "talks",
        "news",
        "series",
        "species",
        "means",
        "headquarters",
        "arms",
        "forces",
        "troops",
        "police",
        "people",
        "staff",
        "personnel",
        "media",
    ]
    .contains(&last.as_str())
    {
        last.clone()
    } else if last.ends_with("man") {
        [&last[..n - 3], "men"].concat()
    } else if last.ends_with('s')
        || last.ends_with('x')
        || last.ends_with('z')
        || last.ends_with("ch")
        || last.ends_with("sh")
    {
        [&last, "es"].concat()
    } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        [&last[..n - 1], "ies"].concat()
    } else if last == "person" {
        "people".into()
    } else {
        [&last, "s"].concat()
    };
    let mut out = vec![l.clone(), [head, plural].concat()];
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_irregular_verbs() {
        let mut irr = Irregulars::default();
        irr.insert("hold".into(), vec!["held".into()]);
        assert_eq!(
            verb_forms("expel", &irr),
            ["expel", "expels", "expelled", "expelling"]
        );
        assert_eq!(
            verb_forms("stress", &irr),
            ["stress", "stresses", "stressed", "stressing"]
        );
        assert_eq!(
            verb_forms("hold", &irr),
            ["hold", "holds", "holding", "held"]
        );
        assert_eq!(
            verb_forms("deny", &irr),
            ["deny", "denies", "denied", "denying"]
        );
        assert_eq!(
            verb_forms("shutter", &irr),
            ["shutter", "shutters", "shuttered", "shuttering"]
        );
        assert_eq!(
            verb_forms("ban", &irr),
            ["ban", "bans", "banned", "banning"]
        );
        assert_eq!(
            verb_forms("propose", &irr),
            ["propose", "proposes", "proposed", "proposing"]
        );
    }

    #[test]
    fn nouns_pluralize_their_last_word() {
        assert_eq!(noun_forms("diplomat"), ["diplomat", "diplomats"]);
        assert_eq!(noun_forms("embassy"), ["embassy", "embassies"]);
        assert_eq!(noun_forms("peace talks"), ["peace talks"]);
        assert_eq!(noun_forms("spokesman"), ["spokesman", "spokesmen"]);
    }
}
