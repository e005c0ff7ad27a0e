//! Page furniture: credit lines, source lines, sign-offs with outlet and date, comment forms
//! and related-link tails. [`Furniture::sort`] splits a document's lines into body and
//! furniture and keeps what the furniture tells.

use crate::date::{self, Date};
use crate::lexicon::Lexicon;

/// What the furniture of one document told.
#[derive(Debug, Default)]
pub struct Furniture {
    /// Agencies named in credit and source lines, in order.
    pub cited: Vec<String>,
    pub outlet: Option<String>,
    pub published: Option<Date>,
}

/// The longest line [`Furniture::classify_short`] reads whole: furniture words are short (the
/// longest label is a few dozen bytes), so a longer line is only checked for a furniture
/// prefix, and only its start is lowercased.
const SHORT: usize = 160;

/// How one line is classified.
#[derive(Debug, PartialEq)]
enum Line {
    Body,
    Drop,
    Tail,
    /// A "read also" label inside the story: it and the linked headline after it go.
    Aside,
}

impl Furniture {
    /// Keeps the body lines of `lines` (in order) and records what the others say.
    pub fn sort<'a>(lines: &[&'a str], lex: &Lexicon) -> (Vec<&'a str>, Furniture) {
        let mut f = Furniture::default();
        let mut body = Vec::with_capacity(lines.len());
        let mut after_aside = false;
        let quick = Quick::new(lex);
        // one buffer for the lowercase copies of all the lines
        let mut buf = String::new();
        for line in lines {
            let class = f.classify(trim(line), lex, &quick, &mut buf);
            if std::mem::take(&mut after_aside) && class == Line::Body && is_headline_like(line) {
                continue;
            }
            match class {
                Line::Body => body.push(*line),
                Line::Drop => {}
                Line::Aside => after_aside = true,
                Line::Tail => break,
            }
        }
        (body, f)
    }

    /// A credit ("Credit: Reuters", "Photo: AP") at the end of a caption line that starts
    /// with the caption itself ("Delegates in Geneva. Credit: Reuters").
    pub fn trailing_credit<'a>(line: &'a str, lex: &Lexicon) -> Option<&'a str> {
        if !line.contains(':') {
            return None;
        }
        let lower = line.to_lowercase();
        if lower.len() != line.len() {
            return None; // byte offsets of the lowercase text would not fit the line
        }
        lex.furniture
            .credit
            .iter()
            .filter_map(|label| {
                let at = lower.rfind(&format!("{label}:"))?;
                let boundary = at > 0 && !lower[..at].ends_with(char::is_alphanumeric)
                    || line[..at].ends_with(char::is_lowercase)
                        && line[at..].starts_with(char::is_uppercase);
                boundary.then_some(at)
            })
            .max()
            .filter(|&at| at > 0)
            .map(|at| &line[at..])
    }

    /// Adds what `other` told and this did not: agencies after this one's, the outlet and
    /// date where this has none.
    pub fn merge(&mut self, other: Furniture) {
        for name in other.cited {
            if !self.cited.contains(&name) {
                self.cited.push(name);
            }
        }
        if self.outlet.is_none() {
            self.outlet = other.outlet;
        }
        if self.published.is_none() {
            self.published = other.published;
        }
    }

    fn classify(&mut self, line: &str, lex: &Lexicon, quick: &Quick, buf: &mut String) -> Line {
        if line.is_empty() {
            return Line::Body;
        }
        // a furniture line is short: a long paragraph that opens with "Sign up for" or
        // "This article was originally published" is a story's text, not a prompt; a line
        // longer than that is none of the lines below and needs no lowercase copy, nor does
        // a plain line of prose
        if line.len() <= 250
            && !plain_prose(line, SHORT, lex, quick)
            && let Some(class) = Self::classify_short(line, lex, quick, buf)
        {
            return class;
        }
        if let Some((label, value)) = split_label(line) {
            let label = label.to_lowercase();
            if lex.furniture.credit.contains(&label) {
                self.add_agencies(value, lex, false);
                return Line::Drop;
            }
            if lex.furniture.source.contains(&label) {
                self.add_agencies(value, lex, true);
                return Line::Drop;
            }
        }
        if let Some((outlet, d)) = sign_off(line) {
            self.outlet.get_or_insert(outlet.to_string());
            self.published.get_or_insert(d);
            return Line::Drop;
        }
        if is_timestamp_in(line, buf) || is_byline(line) {
            return Line::Drop;
        }
        Line::Body
    }

    /// The classes only a line of at most 250 bytes can have: tail and aside labels, dropped
    /// prompts and chrome, share bars and gallery counters.
    fn classify_short(line: &str, lex: &Lexicon, quick: &Quick, buf: &mut String) -> Option<Line> {
        let short = line.len() <= SHORT;
        let mut cut = line.len().min(SHORT);
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        lowercase_into(&line[..cut], buf);
        let lower = buf.as_str();
        let dropped = || {
            let first = lower.as_bytes().first().copied();
            // each prefix's first byte is compared inline before a call to `memcmp`
            quick.drop_first.has(first)
                && lex.furniture.drop.iter().any(|d| {
                    d.as_bytes().first().is_none_or(|&b| Some(b) == first)
                        && lower.starts_with(d.as_str())
                })
        };
        if short {
            let bare = lower.trim_end_matches([':', '.', '*', ' ', '»', '›', '>']);
            // a line longer than every label is none of them
            let whole = bare.len() <= quick.whole_max;
            if whole && lex.furniture.tail.iter().any(|t| bare == t) {
                return Some(Line::Tail);
            }
            if whole && lex.furniture.aside.iter().any(|t| bare == t) {
                return Some(Line::Aside);
            }
            if dropped()
                || whole && lex.furniture.chrome.iter().any(|c| bare == c)
                || is_share_bar(lower, lex, quick)
                || matches!(lower.as_bytes()[0], b'i' | b'p' | b's' | b'g' | b'v')
                    && is_numbered_image(lower)
            {
                return Some(Line::Drop);
            }
        } else if dropped() {
            return Some(Line::Drop);
        }
        None
    }

    fn add_agencies(&mut self, value: &str, lex: &Lexicon, any_name: bool) {
        for part in value
            .split([',', ';', '/', '|'])
            .flat_map(|p| p.split(" and "))
        {
            let part = part.trim().trim_end_matches('.');
            if part.is_empty() {
                continue;
            }
            let name = match lex.agency(part) {
                Some(n) => n.to_string(),
                // a source line names sources even when we do not know them; a credit line
                // usually names a photographer, so only known agencies count there
                None if any_name
                    && part.len() <= 60
                    && part.chars().next().is_some_and(char::is_uppercase) =>
                {
                    part.to_string()
                }
                None => continue,
            };
            if !self.cited.contains(&name) {
                self.cited.push(name);
            }
        }
    }
}

/// Whether [`Furniture::classify_short`] finds no class for `line` (`short` being its limit of a
/// short line), told without the lowercase copy it makes, which costs more than the tests for
/// a paragraph of news. What lowercasing does is known well enough: it maps each character
/// on its own (an ASCII one as `u8::to_ascii_lowercase` does), makes no separator or
/// punctuation of a letter nor the other way round, and shrinks a character three times at
/// most (a 3-byte sign to an ASCII letter). So the line is plain when it starts with no dropped
/// prefix (its ASCII start compared ignoring ASCII case) and, when short, its lowercase copy
/// is surely longer than every whole-line label and than a share bar, or its first word is
/// no share word, and it is not four words that start like a gallery counter's. `false` says
/// nothing: the line is then classified the long way.
fn plain_prose(line: &str, short: usize, lex: &Lexicon, quick: &Quick) -> bool {
    let b = line.as_bytes();
    let cut = b.len().min(short);
    // the lowercase copy's first byte and its ASCII start (the same bytes as the line's,
    // lowercased), within the part that `classify_short` lowercases
    let Some(c0) = line.chars().next() else {
        return false;
    };
    let Some(first) = c0
        .to_lowercase()
        .next()
        .map(|c| c.encode_utf8(&mut [0; 4]).as_bytes()[0])
    else {
        return false;
    };
    let head = &b[..cut.min(quick.drop_max)];
    let ascii = if is_ascii(head) {
        head.len()
    } else {
        head.iter().take_while(|c| c.is_ascii()).count()
    };
    // (a line whose first two bytes are ASCII is compared only when a prefix starts with
    // them in either case: most lines are told by one bit)
    let dropped = quick.drop_first.has(Some(first))
        && (ascii < 2 || quick.drop_pair(first, b[1]))
        && lex.furniture.drop.iter().any(|d| {
            let d = d.as_bytes();
            if d.first().is_some_and(|&c| c != first) {
                false
            } else if d.len() <= ascii {
                b[..d.len()].eq_ignore_ascii_case(d)
            } else {
                // longer than the known start: it may match only where the copy goes on
                ascii < cut && b[..ascii].eq_ignore_ascii_case(&d[..ascii])
            }
        });
    if dropped {
        return false;
    }
    if b.len() > short {
        return true;
    }
    // the least length the lowercase copy of a part of the line may have
    let all_ascii = is_ascii(b);
    let least = |part: &str| {
        if all_ascii {
            part.len()
        } else {
            part.len() / 3
        }
    };
    if least(line.trim_end_matches([':', '.', '*', ' ', '»', '›', '>'])) <= quick.whole_max {
        return false;
    }
    // a share bar's first word (words are split at whitespace, '|', '·', '•', ',' and '/')
    if least(line) <= 120 {
        let separator = |c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | '/');
        let rest = line.trim_start_matches(separator);
        let word = &rest[..rest.find(separator).unwrap_or(rest.len())];
        let share = |w: &String| {
            w.len() == word.len() && w.as_bytes().eq_ignore_ascii_case(word.as_bytes())
        };
        if !word.is_empty()
            && (!word.is_ascii()
                || quick
                    .share_first
                    .has(Some(word.as_bytes()[0].to_ascii_lowercase()))
                    && lex.furniture.share.iter().any(share))
        {
            return false;
        }
    }
    // a gallery counter is four words
    !(matches!(first, b'i' | b'p' | b's' | b'g' | b'v')
        && line.split_whitespace().take(5).count() == 4)
}

/// `line.trim()`, told at once for a line that starts and ends with an ASCII character that
/// is no space (nearly every line).
fn trim(line: &str) -> &str {
    let solid = |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii() && !char::from(c).is_whitespace());
    let b = line.as_bytes();
    if solid(b.first()) && solid(b.last()) {
        line
    } else {
        line.trim()
    }
}

/// `s.to_lowercase()` into `buf` (cleared first): no allocation once `buf` has grown, and
/// characters one by one as the library does (its only rule that looks at neighbours is
/// the final sigma: a text with 'Σ' is left to it).
fn lowercase_into(s: &str, buf: &mut String) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else if s.contains('Σ') {
        buf.push_str(&s.to_lowercase());
    } else {
        for c in s.chars() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
}

/// What [`Furniture::sort`] knows of the word lists before it reads a document's lines (found
/// once per document): the longest whole-line label, and the bytes that the dropped prefixes
/// and the share words start with. Most lines are then ruled out without being compared with
/// every entry of every list.
struct Quick {
    /// The longest `tail`, `aside` or `chrome` entry, in bytes.
    whole_max: usize,
    /// The longest `drop` prefix, in bytes.
    drop_max: usize,
    /// First bytes of the `drop` prefixes (`None` stands for the empty prefix).
    drop_first: ByteSet,
    /// The first two bytes of the `drop` prefixes, when both are ASCII (the second lowercased),
    /// one bit for each pair; the first bytes of the others go to `drop_any`.
    drop_pairs: [u64; 256],
    /// The first bytes of the `drop` prefixes shorter than two bytes or whose second byte is
    /// not ASCII (`None`: the empty prefix): a line that starts with one goes on to the
    /// comparisons whatever its second byte.
    drop_any: ByteSet,
    /// First bytes of the `share` words.
    share_first: ByteSet,
}

impl Quick {
    fn new(lex: &Lexicon) -> Self {
        let w = &lex.furniture;
        let whole_max = [&w.tail, &w.aside, &w.chrome]
            .iter()
            .flat_map(|l| l.iter())
            .map(String::len)
            .max()
            .unwrap_or(0);
        let first_bytes = |list: &[String]| {
            let mut set = ByteSet::default();
            for e in list {
                set.add(e.as_bytes().first().copied());
            }
            set
        };
        let mut drop_pairs = [0u64; 256];
        let mut drop_any = ByteSet::default();
        for d in &w.drop {
            match *d.as_bytes() {
                [a, b, ..] if a.is_ascii() && b.is_ascii() => {
                    let k = usize::from(a) << 7 | usize::from(b.to_ascii_lowercase());
                    drop_pairs[k >> 6] |= 1 << (k & 63);
                }
                [a, ..] => drop_any.add(Some(a)),
                [] => drop_any.add(None),
            }
        }
        Self {
            whole_max,
            drop_max: w.drop.iter().map(String::len).max().unwrap_or(0),
            drop_first: first_bytes(&w.drop),
            drop_pairs,
            drop_any,
            share_first: first_bytes(&w.share),
        }
    }
}

impl Quick {
    /// Whether a `drop` prefix may start with `first` (a lowercase ASCII byte) and then `second`
    /// (an ASCII byte, in either case).
    fn drop_pair(&self, first: u8, second: u8) -> bool {
        let k = usize::from(first & 0x7f) << 7 | usize::from(second.to_ascii_lowercase() & 0x7f);
        self.drop_any.has(Some(first)) || self.drop_pairs[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// A set of bytes. An empty word (no first byte) is a prefix of every text: its presence makes
/// the set hold every byte.
#[derive(Default)]
struct ByteSet {
    bits: [u64; 4],
    all: bool,
}

impl ByteSet {
    fn add(&mut self, b: Option<u8>) {
        match b {
            Some(b) => self.bits[usize::from(b >> 6)] |= 1 << (b & 63),
            None => self.all = true,
        }
    }
    /// Whether a text starting with `b` (`None`: an empty text) may start with a member.
    fn has(&self, b: Option<u8>) -> bool {
        self.all || b.is_some_and(|b| self.bits[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

/// A share bar: two or more share words ("Whatsapp Facebook Pint Baixar") and nothing else.
fn is_share_bar(lower: &str, lex: &Lexicon, quick: &Quick) -> bool {
    if lower.len() > 120 {
        return false;
    }
    // counted on the way, not collected: most lines fail at their first word
    let mut words = 0;
    for w in lower
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | '/'))
        .filter(|w| !w.is_empty())
    {
        if !quick.share_first.has(w.as_bytes().first().copied())
            || !lex.furniture.share.iter().any(|s| s == w)
        {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// A gallery counter: "Image 1 of 5", "Photo 3 of 12", "Slide 2 / 9".
fn is_numbered_image(lower: &str) -> bool {
    // four words exactly: a fifth is enough to say no
    let mut ws = lower.split_whitespace();
    let words = [ws.next(), ws.next(), ws.next(), ws.next(), ws.next()];
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    matches!(
        words,
        [Some(kind), Some(a), Some("of" | "/"), Some(b), None]
            if matches!(kind, "image" | "photo" | "picture" | "slide" | "gallery" | "video")
                && number(a)
                && number(b)
    )
}

/// The story lines of an HTML page without the chrome that readability keeps with it:
/// breadcrumb trails ("News > Nation"), the headline repeated as the first lines, and a
/// closing run of three or more teasers of other stories (headline-like lines, half of them
/// marked as teasers are: an ellipsis, a "[VIDEO]" tag, an all-capitals kicker). A closing
/// list of short items (tour dates, qualified teams) has no such marks and stays. Plain-text
/// documents do not go through this: a flat text has no markup to have left chrome in it.
pub fn page_story<'a>(lines: Vec<&'a str>, title: Option<&str>) -> Vec<&'a str> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['.', '…'])
            .to_lowercase()
    };
    let title = title.map(norm);
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for l in lines {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        let headline_again = out.len() < 3 && title.as_deref() == Some(norm(t).as_str());
        if headline_again || is_breadcrumb(t) {
            continue;
        }
        out.push(l);
    }
    let run: Vec<&str> = out
        .iter()
        .rev()
        .take_while(|l| is_headline_like(l))
        .copied()
        .collect();
    let marked = run.iter().filter(|l| is_teaser_marked(l)).count();
    if run.len() >= 3 && run.len() < out.len() && marked * 2 >= run.len() {
        out.truncate(out.len() - run.len());
    }
    out
}

/// A teaser's marks: a closing ellipsis, a bracketed tag ("[VIDEO]"), or an all-capitals
/// kicker ("TIME TRAVELLER").
fn is_teaser_marked(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['|', ' ']);
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    t.ends_with('…')
        || t.ends_with("...")
        || t.ends_with(']') && t.contains('[')
        || letters >= 4
            && t.split_whitespace().count() <= 6
            && t.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
}

/// A breadcrumb trail: short parts joined by `>`, `»`, `›` or `/`, no sentence.
fn is_breadcrumb(line: &str) -> bool {
    if line.len() > 120 || line.ends_with(['.', '!', '?']) {
        return false;
    }
    let pieces: Vec<&str> = line.split(['>', '»', '›']).map(str::trim).collect();
    pieces.len() >= 2
        && pieces
            .iter()
            .all(|p| !p.is_empty() && p.split_whitespace().count() <= 6)
}

/// A line that reads as a headline or a teaser, not as a sentence of a story: short, no
/// sentence-final stop (an ellipsis or a tag such as "[VIDEO]" ends teasers).
fn is_headline_like(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['|', ' ']);
    let end = t.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', ')']);
    t.len() <= 140
        && !end.is_empty()
        && !end.ends_with(['.', '!', '?', ':', ';', ',', '。', '！', '？', '、'])
}

/// Words that date a stamp: months, weekdays, relative days.
const DATE_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "ago",
    "today",
    "yesterday",
];
/// Other words of a stamp: clock, zone and duration words.
const TIME_WORDS: &[&str] = &[
    "am", "pm", "a.m", "p.m", "at", "on", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
    "et", "pt", "gmt", "utc", "bst", "cet", "cest", "msk", "ist", "aest", "min", "mins", "minute",
    "minutes", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "a", "an", "one",
];
/// Labels of a time stamp line ("Published:", "Last updated").
const STAMP_LABELS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "last updated",
    "first published",
    "last modified",
    "dated",
];

/// A line that is only a date or time stamp, maybe labelled: "Updated 5:27 am CST, Wednesday,
/// November 20, 2019", "PUBLISHED: 10:48, Tue, Nov 19, 2019", "Published 1 day ago",
/// "11/18/19 11:04 PM EST". A bare time ("10 p.m.") or number is not one: it has no date.
fn is_timestamp(line: &str) -> bool {
    is_timestamp_in(line, &mut String::new())
}

/// [`is_timestamp`], lowercasing into `buf`.
fn is_timestamp_in(line: &str, buf: &mut String) -> bool {
    if line.len() > 120
        || !may_be_stamp(line)
        || is_ascii(line.as_bytes()) && !first_word_may_stamp(line, buf)
    {
        return false;
    }
    lowercase_into(line, buf);
    let lower = buf.as_str();
    let mut rest = lower
        .trim_start_matches(['|', '·', '•', '-', '—', '–', ' '])
        .trim();
    let mut labelled = false;
    if let Some(label) = STAMP_LABELS
        .iter()
        .filter(|l| rest.starts_with(*l))
        .max_by_key(|l| l.len())
    {
        rest = rest[label.len()..].trim_start_matches([':', ' ']);
        labelled = true;
    }
    let stamp_word = |w: &&str| stamp_word(w);
    // a stamp is at most twelve words, each a date, time or number word: each word is
    // tested as it is split off, and most lines fail at their first word
    let mut buf = [""; 12];
    let mut n = 0;
    for w in rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '/' | '-' | '—' | '–'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ':' | '(' | ')')))
        .filter(|w| !w.is_empty())
    {
        if n == 12 || !stamp_word(&w) {
            return false;
        }
        buf[n] = w;
        n += 1;
    }
    let words = &buf[..n];
    let numeric_date = || {
        rest.split_whitespace().any(|t| {
            let t = t.trim_matches([',', '.', '|']);
            let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
            parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
                && parts[1].len() <= 2
                && (parts[0].len() <= 2 && matches!(parts[2].len(), 2 | 4)
                    || parts[0].len() == 4 && parts[2].len() <= 2)
        })
    };
    !words.is_empty()
        && words.iter().any(|w| {
            w.chars().any(|c| c.is_ascii_digit())
                || *w == "ago"
                || *w == "today"
                || *w == "yesterday"
        })
        && (labelled || numeric_date() || words.iter().any(|w| DATE_WORDS.contains(w)))
}

/// A word a stamp may hold (lowercase): a date or time word, a number, or a number with a
/// suffix ("5th", "10am", "3h").
///
/// The two lists are one hash set (one probe, where comparing with each of their 89 words cost
/// a thousand instructions for a word of prose); a word that starts with a letter is no number
/// with or without a suffix (what is left of it starts with that letter, or is empty).
fn stamp_word(w: &str) -> bool {
    static LISTED: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| DATE_WORDS.iter().chain(TIME_WORDS).copied().collect());
    let number = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    };
    LISTED.contains(w)
        || !w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && (number(w)
                || ["st", "nd", "rd", "th", "am", "pm", "h", "m", "d"]
                    .iter()
                    .any(|s| w.strip_suffix(s).is_some_and(number)))
}

/// Whether the first word of an ASCII `line` read as [`is_timestamp_in`] reads it (after the
/// leading bars and dashes and the longest label) is a stamp word, or the line has none:
/// `false` rules the line out without its lowercase copy (an ASCII line's is its bytes
/// lowercased one by one, so its trims, label and words are found in the line itself,
/// comparing ignoring ASCII case, and only the first word is lowercased).
fn first_word_may_stamp(line: &str, buf: &mut String) -> bool {
    let mut rest = line
        .trim_start_matches(['|', '·', '•', '-', '—', '–', ' '])
        .trim();
    let starts = |r: &str, l: &str| {
        r.as_bytes()
            .get(..l.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(l.as_bytes()))
    };
    if let Some(label) = STAMP_LABELS
        .iter()
        .filter(|l| starts(rest, l))
        .max_by_key(|l| l.len())
    {
        rest = rest[label.len()..].trim_start_matches([':', ' ']);
    }
    let Some(first) = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '/' | '-' | '—' | '–'))
        .map(|w| w.trim_matches(|c: char| matches!(c, '.' | ':' | '(' | ')')))
        .find(|w| !w.is_empty())
    else {
        return true;
    };
    lowercase_into(first, buf);
    stamp_word(buf)
}

/// Whether `b` is all ASCII, eight bytes at a time (faster than `<[u8]>::is_ascii` on the short
/// lines read here).
fn is_ascii(b: &[u8]) -> bool {
    let (eights, rest) = b.as_chunks::<8>();
    eights.iter().fold(0, |m, e| m | u64::from_ne_bytes(*e)) & 0x8080_8080_8080_8080 == 0
        && rest.iter().all(u8::is_ascii)
}

/// What every stamp holds (one of its words has a digit, or is "ago", "today" or
/// "yesterday"): an ASCII digit, or "ago" or "day" in any ASCII case (no other character
/// lowercases to an ASCII digit or to these letters). A cheap test that rules out most lines.
///
/// The digits are looked for in one pass that does not stop at the first (which the compiler
/// turns into a few instructions per sixteen bytes); "ago" and "day" by their rarer letters,
/// 'g' and 'y' in either case, found with memchr.
fn may_be_stamp(line: &str) -> bool {
    let b = line.as_bytes();
    let word_at = |i: usize, w: &[u8]| b.get(i..i + 3).is_some_and(|x| x.eq_ignore_ascii_case(w));
    b.iter().fold(false, |digit, c| digit | c.is_ascii_digit())
        || memchr::memchr3_iter(b'g', b'G', b'y', b)
            .chain(memchr::memchr_iter(b'Y', b))
            .any(|i| match b[i] | 0x20 {
                b'g' => i >= 1 && word_at(i - 1, b"ago"),
                _ => i >= 2 && word_at(i - 2, b"day"),
            })
}

/// A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "By Justine Coleman - 11/18/19
/// 11:04 PM EST" (names in capitals, maybe a stamp after a dash or bar).
fn is_byline(line: &str) -> bool {
    if line.len() > 160 {
        return false;
    }
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))
    else {
        return false;
    };
    // the names end where a stamp begins (after a dash, bar or dot)
    let cut = rest
        .match_indices(['-', '|', '·', '—', '–'])
        .map(|(i, _)| i)
        .find(|&i| is_timestamp(&rest[i..]));
    let names = cut.map_or(rest, |i| &rest[..i]);
    let words: Vec<&str> = names
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 8
        && !names.trim_end().ends_with(['.', '!', '?'])
        && words.iter().all(|w| {
            matches!(
                *w,
                "and" | "&" | "de" | "van" | "von" | "der" | "da" | "del" | "la" | "in"
            ) || w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// "Label: value" with a short label.
fn split_label(line: &str) -> Option<(&str, &str)> {
    // the first ':' or '：' (bytes EF BC 9A), found with memchr rather than char by char
    let b = line.as_bytes();
    let (label, value) = memchr::memchr2_iter(b':', 0xef, b).find_map(|at| {
        if b[at] == b':' {
            Some((&line[..at], &line[at + 1..]))
        } else {
            (b.get(at..at + 3) == Some("：".as_bytes())).then(|| (&line[..at], &line[at + 3..]))
        }
    })?;
    let label = label.trim();
    (label.chars().count() <= 24 && !value.trim().is_empty()).then_some((label, value.trim()))
}

/// A sign-off or dateline line: "Ru-Main, 14.01.2022", "Reuters, 2022-01-14",
/// "By Jane Doe, January 14, 2022" is not (a byline has no outlet).
pub(super) fn sign_off(line: &str) -> Option<(&str, Date)> {
    // (the first ',' found with memchr, not a char searcher; a line whose first 41 bytes
    // hold none and whose first and 41st bytes are ASCII but no space has more than 40 bytes
    // before its first comma even once they are trimmed: no sign-off, whatever the rest of
    // the line is)
    let b = line.as_bytes();
    let solid = |c: u8| c.is_ascii() && !char::from(c).is_whitespace();
    let comma = match memchr::memchr(b',', &b[..b.len().min(41)]) {
        Some(at) => at,
        None if b.len() > 41 && solid(b[0]) && solid(b[40]) => return None,
        None => memchr::memchr(b',', b)?,
    };
    let (name, rest) = (&line[..comma], &line[comma + 1..]);
    let name = name.trim();
    let rest = rest.trim().trim_end_matches('.');
    // (only 'B', 'b', 'Y', 'y' and ' ' lowercase to "by ")
    if name.is_empty()
        || name.len() > 40
        || name
            .as_bytes()
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"by "))
    {
        return None;
    }
    if !name.chars().next().is_some_and(char::is_uppercase) || name.split_whitespace().count() > 4 {
        return None;
    }
    let d = date::parse_numeric(rest).or_else(|| {
        date::date_filling(rest, None)
            .filter(|m| m.date.day.is_some())
            .map(|m| m.date)
    })?;
    Some((name, d))
}

/// Agencies the body cites in attribution contexts ("RBC reports", "RT reminded",
/// "according to Reuters", "told TASS", "Interfax news agency"), in order of appearance.
pub fn cited_in_body(text: &str, lex: &Lexicon) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (s, e) in lex.agency_names_in(text) {
        if !crate::lexicon::at_word_boundary(text, s, e) {
            continue;
        }
        let before = text[..s].trim_end();
        let after = text[e..].trim_start_matches([' ', ',']);
        let word_before = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        // only its end is looked at (the longest cue is twelve characters): the last sixteen
        // characters are lowercased, not the whole text before the name
        let tail_at = before.char_indices().nth_back(15).map_or(0, |(i, _)| i);
        let lower_before = before[tail_at..].to_lowercase();
        let next_word: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let cue_after = matches!(
            next_word.as_str(),
            "reports"
                | "reported"
                | "reminded"
                | "recalled"
                | "writes"
                | "wrote"
                | "said"
                | "says"
                | "notes"
                | "noted"
                | "cited"
                | "quoted"
                | "learned"
                | "learnt"
                | "informs"
                | "reporting"
                | "news"
                | "agency"
                | "newspaper"
                | "correspondent"
                | "journalist"
                | "reporter"
                | "reporters"
                | "added"
                | "adds"
                | "claims"
                | "understands"
        );
        let cue_before = lower_before.ends_with("according to")
            || matches!(
                word_before.as_str(),
                "told" | "citing" | "cited" | "via" | "tells" | "telling" | "to"
            ) && (lower_before.ends_with("told")
                || lower_before.ends_with("tells")
                || lower_before.ends_with("citing")
                || lower_before.ends_with("via")
                || lower_before.ends_with("interview to")
                || lower_before.ends_with("cited by")
                || lower_before.ends_with("quoted by"))
            || lower_before.ends_with("by")
                && (lower_before.ends_with("quoted by")
                    || lower_before.ends_with("cited by")
                    || lower_before.ends_with("reported by"));
        if cue_after || cue_before {
            let name = lex.agency(&text[s..e]).unwrap_or(&text[s..e]).to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`stamp_word`] is the lists and the number forms as first written.
    #[test]
    fn stamp_word_is_the_lists_and_the_number_forms() {
        let simple = |w: &str| {
            let number = |w: &str| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
            };
            DATE_WORDS.contains(&w)
                || TIME_WORDS.contains(&w)
                || number(w)
                || ["st", "nd", "rd", "th", "am", "pm", "h", "m", "d"]
                    .iter()
                    .any(|s| w.strip_suffix(s).is_some_and(number))
        };
        let mut words: Vec<String> = DATE_WORDS
            .iter()
            .chain(TIME_WORDS)
            .map(|w| w.to_string())
            .collect();
        let alphabet = [
            'a', 'm', 'p', 'h', 's', 't', 'd', 'n', '1', '0', ':', '.', 'é', 'y',
        ];
        let mut next = crate::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..50_000 {
            words.push(
                (0..next() % 7)
                    .map(|_| alphabet[next() % alphabet.len()])
                    .collect(),
            );
        }
        for w in &words {
            assert_eq!(stamp_word(w), simple(w), "{w:?}");
        }
    }

    #[test]
    fn furniture_leaves_the_body_and_tells_its_facts() {
        let lex = Lexicon::builtin().unwrap();
        let lines = [
            "First paragraph.",
            "Picture: RIA Novosti",
            "Second paragraph.",
            "Ru-Main, 14.01.2022",
            "Source: Interfax ",
            "Related Posts",
            "A related headline",
            "Leave a Reply",
        ];
        let (body, f) = Furniture::sort(&lines, &lex);
        assert_eq!(body, ["First paragraph.", "Second paragraph."]);
        assert_eq!(f.cited, ["RIA Novosti", "Interfax"]);
        assert_eq!(f.outlet.as_deref(), Some("Ru-Main"));
        assert_eq!(
            f.published.map(|d| d.to_string()),
            Some("2022-01-14".into())
        );
    }

    /// A line said plain is one `classify_short` finds no class for: tried on the word lists'
    /// own entries in several cases and dressings, and on news lines.
    #[test]
    fn a_plain_line_is_one_classify_short_leaves_alone() {
        let lex = Lexicon::builtin().unwrap();
        let quick = Quick::new(&lex);
        let w = &lex.furniture;
        let mut lines: Vec<String> = Vec::new();
        for e in [&w.drop, &w.tail, &w.aside, &w.chrome, &w.share, &w.credit]
            .into_iter()
            .flatten()
        {
            let upper = e.to_uppercase();
            let mut cs = e.chars();
            let title: String = cs
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(cs)
                .collect();
            for v in [e.clone(), upper, title] {
                lines.push(v.clone());
                lines.push(format!("{v}:"));
                lines.push(format!("{v} Facebook"));
                lines.push(format!(
                    "{v} and the talks went on in Geneva for a long while, officials said."
                ));
                lines.push(format!("“{v}” {}", "went on. ".repeat(18)));
                lines.push(format!("| {v} • Twitter"));
            }
        }
        for l in [
            "Image 1 of 5",
            "PHOTO 3 / 12",
            "Slide two of three",
            "Syria has again offered its troops to Lebanon's new President.",
            "İmage 1 of 5",
            "\u{212a}eep reading this",
            "Σhare Facebook",
            "ΚΑΛΗΜΕΡΑ ΣΑΣ",
            "Share",
        ] {
            lines.push(l.to_string());
        }
        let mut buf = String::new();
        for l in &lines {
            let l = l.trim();
            if plain_prose(l, SHORT, &lex, &quick) {
                assert_eq!(
                    Furniture::classify_short(l, &lex, &quick, &mut buf),
                    None,
                    "{l:?}"
                );
            }
        }
    }

    #[test]
    fn agencies_in_attribution_contexts_only() {
        let lex = Lexicon::builtin().unwrap();
        let text = "NATO is ready, RBC reports. Russia acted, RT reminded. He spoke on RT about it. According to Reuters, talks ended.";
        assert_eq!(cited_in_body(text, &lex), ["RBC", "RT", "Reuters"]);
    }

    #[test]
    fn stamps_and_bylines_are_furniture() {
        for stamp in [
            "Updated 5:27 am CST, Wednesday, November 20, 2019",
            "PUBLISHED: 10:48, Tue, Nov 19, 2019",
            "| UPDATED: 11:05, Tue, Nov 19, 2019",
            "Published 1 day ago",
            "Nov. 20, 2019, 9:28 AM UTC",
            "Posted: Fri 6:45 PM, Feb 16, 2018 |",
            "11/18/19 11:04 PM EST",
        ] {
            assert!(is_timestamp(stamp), "{stamp}");
        }
        for not in [
            "10 p.m.",
            "9.30 A.M. / 7.00 P.M.",
            "02-751-1500",
            "3.409",
            "Talks resumed on January 10, 2022 in Geneva.",
            "Russia and NATO met on Monday.",
        ] {
            assert!(!is_timestamp(not), "{not}");
        }
        for by in [
            "By Reuters",
            "By Jane Doe and John Roe",
            "By Justine Coleman - 11/18/19 11:04 PM EST",
        ] {
            assert!(is_byline(by), "{by}");
        }
        for not in [
            "By contrast, the alliance said little.",
            "By Monday, Russia had withdrawn its troops.",
            "By the way",
        ] {
            assert!(!is_byline(not), "{not}");
        }
        let lex = Lexicon::builtin().unwrap();
        let lines = [
            "By Jane Doe",
            "Updated at 1:23 p.m.",
            "The talks ended.",
            "10 p.m.",
        ];
        let (body, _) = Furniture::sort(&lines, &lex);
        assert_eq!(body, ["The talks ended.", "10 p.m."]);
    }

    #[test]
    fn page_chrome_lines_leave_the_story() {
        let lex = Lexicon::builtin().unwrap();
        let lines = [
            "Advertisement",
            "Whatsapp Facebook Pint Baixar",
            "Image 2 of 5",
            "Continue Reading Below",
            "Related: Other talks in Geneva",
            "The ministers met in Geneva on Monday.",
            "Share this on Facebook is not a bar.",
        ];
        let (body, _) = Furniture::sort(&lines, &lex);
        assert_eq!(
            body,
            [
                "The ministers met in Geneva on Monday.",
                "Share this on Facebook is not a bar."
            ]
        );
        // a "read also" aside inside the story: it and its linked headline go, the story stays
        let lines = [
            "The ministers met in Geneva on Monday.",
            "Leggi anche",
            "I ministri si incontrano a Ginevra",
            "The talks went on for seven hours.",
        ];
        let (body, _) = Furniture::sort(&lines, &lex);
        assert_eq!(
            body,
            [
                "The ministers met in Geneva on Monday.",
                "The talks went on for seven hours."
            ]
        );
        // a long paragraph that opens like a prompt is text
        let long = format!("Sign up for nothing: {}", "the talks went on. ".repeat(20));
        let (body, _) = Furniture::sort(&[long.as_str()], &lex);
        assert_eq!(body.len(), 1);
        let story = "Russia and NATO held talks in Brussels on Wednesday.";
        let page = vec![
            "News > World > Europe",
            "Talks in Brussels",
            story,
            "The alliance said it was ready to talk again, officials said.",
            "It was the first meeting of the council in two years.",
            "TIME TRAVELLER",
            "Koala rescued from a bushfire",
            "Ten places to visit in winter [VIDEO]",
            "Why the markets fell …",
        ];
        assert_eq!(
            page_story(page, Some("Talks in Brussels")),
            [
                story,
                "The alliance said it was ready to talk again, officials said.",
                "It was the first meeting of the council in two years."
            ]
        );
        // a story of headline-like lines only keeps them; two closing subheads stay
        let subheads = vec!["First part", "Second part", "Third part"];
        assert_eq!(page_story(subheads.clone(), None), subheads);
        let two = vec![story, "Background", "What comes next"];
        assert_eq!(page_story(two.clone(), None), two);
        // a closing list of short items is the story's
        let dates = vec![
            story,
            "Tour dates",
            "June 9 -- Tampa, FL",
            "June 10 -- Nashville, TN",
        ];
        assert_eq!(page_story(dates.clone(), None), dates);
        for crumb in [
            "Home » Politics",
            "News > Nation",
            "Mensagens » Autoestima » Só quem se Ama…",
        ] {
            assert!(is_breadcrumb(crumb), "{crumb}");
        }
        for not in [
            "If x > 3, the alliance wins.",
            "Russia > NATO in troops, analysts said.",
        ] {
            assert!(!is_breadcrumb(not), "{not}");
        }
    }
}
