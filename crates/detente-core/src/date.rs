//! Calendar dates as precise as a text allows (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), and the
//! date expressions news text uses ("on January 10", "in October", "in December 2021",
//! "on Monday", "last week", "14.01.2022"), resolved against the publication date.

use crate::span::Span;
use crate::swar::{TOPS, digit_lanes, lanes_between, letter_lanes};
use serde::{Serialize, Serializer};
use std::fmt;

/// A date with optional month and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self {
            year,
            month: Some(month),
            day: Some(day),
        })
    }
    pub fn ym(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` or a space is ignored).
    pub fn parse(s: &str) -> Option<Self> {
        // the form data files and batch records nearly always use, read by position: the
        // general parse below splits and parses each part (some 700 instructions a date,
        // thousands of dates at start-up)
        if let Some(&[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]) = s.as_bytes().first_chunk()
            && s.len() == 10
        {
            let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
            if digits.iter().all(u8::is_ascii_digit) {
                let n = |d: &[u8]| d.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
                let (y, m, d) = (n(&digits[..4]), n(&digits[4..6]), n(&digits[6..]));
                if !(1000..=9999).contains(&y) {
                    return None;
                }
                // two digits each: below 100, a u8
                return Self::ymd(y as i32, m as u8, d as u8);
            }
        }
        Self::parse_general(s)
    }

    /// [`Date::parse`] of any input, part by part.
    fn parse_general(s: &str) -> Option<Self> {
        let s = s.trim();
        let s = s.split(['T', ' ']).next().unwrap_or(s);
        let mut parts = s.split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        if !(1000..=9999).contains(&y) {
            return None;
        }
        let Some(m) = parts.next() else {
            return Some(Self {
                year: y,
                month: None,
                day: None,
            });
        };
        let m: u8 = m.parse().ok()?;
        let Some(d) = parts.next() else {
            return Self::ym(y, m);
        };
        let d: u8 = d.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Self::ymd(y, m, d)
    }
    /// Days since 1970-01-01 (only for full dates).
    pub fn days(&self) -> Option<i64> {
        Some(days_from_civil(self.year, self.month?, self.day?))
    }
    pub fn from_days(z: i64) -> Self {
        let (y, m, d) = civil_from_days(z);
        Self {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }
    /// 0 = Monday .. 6 = Sunday.
    pub fn weekday(&self) -> Option<u8> {
        Some(((self.days()? + 3).rem_euclid(7)) as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

const MONTHS: [&str; 12] = [
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
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a lowercase word is an English weekday or month name ("monday", "march").
pub fn is_calendar_word(lower: &str) -> bool {
    WEEKDAYS.contains(&lower) || MONTHS.contains(&lower)
}

/// The month number of an English month name or its usual abbreviation.
pub fn month_number(word: &str) -> Option<u8> {
    // this runs on many words: most are ruled out by their length and first letter
    let w = word.trim_end_matches('.').as_bytes();
    if w.len() < 3
        || w.len() > 9
        || !matches!(
            w[0].to_ascii_lowercase(),
            b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
        )
    {
        return None;
    }
    // lowercased on the stack (a byte that is not ASCII stays as it is and matches no name),
    // then one `match`: the full names, their three-letter abbreviations and "sept"
    let mut buf = [0u8; 9];
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w);
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sep" | b"sept" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    })
}

/// A date expression found in text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    pub span: Span,
    pub date: Date,
}

/// Finds date expressions in `text` (a sentence) whose bytes start at `base` in the document,
/// resolving partial and relative ones against `anchor` (the publication date).
pub fn find_dates(text: &str, base: usize, anchor: Option<Date>) -> Vec<DateMention> {
    // most sentences hold no date: those are told by one cheap pass over their bytes
    if !may_hold_date(text) {
        return Vec::new();
    }
    let words: Vec<(usize, &str)> = word_spans(text, usize::MAX);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let start = words[i].0;
        if let Some((n, date)) = date_at(&Window::of(&words, i), anchor) {
            let last = words[i + n - 1];
            out.push(DateMention {
                span: Span::new(base + start, base + last.0 + last.1.len()),
                date,
            });
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

/// The first date expression of `text` (a sentence), as [`find_dates`] would list it first.
///
/// Only the words around those that may start a date ([`date_candidate`]) are read, and no
/// list of them is built: a date expression starts at such a word or at the word before it
/// ("10 January"), and reads one word before its first and two after it, which a window of
/// four words holds. Past a candidate's word, the words up to the one before the next
/// candidate are passed over.
pub fn first_date(text: &str, base: usize, anchor: Option<Date>) -> Option<DateMention> {
    let mut q = date_candidate(text)?;
    loop {
        // the words are read from two words before the candidate's: the date may start at
        // the word before it, and reads the word before its first
        let from = words_back(text, q, 2);
        let mut words = Words { text, i: from };
        let first = words.next()?;
        let (prev, cur) = if from == 0 {
            (None, first)
        } else {
            (Some(first), words.next()?)
        };
        let mut win = Window {
            prev,
            cur,
            next: [words.next(), None],
        };
        win.next[1] = words.next();
        loop {
            if may_start_date(win.cur.1)
                && let Some((n, date)) = date_at(&win, anchor)
            {
                let last = match n {
                    1 => win.cur,
                    2 => win.next[0].unwrap_or(win.cur),
                    _ => win.next[1].unwrap_or(win.cur),
                };
                return Some(DateMention {
                    span: Span::new(base + win.cur.0, base + last.0 + last.1.len()),
                    date,
                });
            }
            if win.cur.0 + win.cur.1.len() > q {
                // the candidate's word: no date starts before the word before the next one
                break;
            }
            let next = win.next[0]?;
            win = Window {
                prev: Some(win.cur),
                cur: next,
                next: [win.next[1], words.next()],
            };
        }
        // the text after the candidate's word starts with no letter or digit (a word does
        // not end before one), so its candidates are the whole text's after that word
        let end = win.cur.0 + win.cur.1.len();
        q = end + date_candidate(&text[end..])?;
    }
}

/// Where the `k`-th word ([`Words`]) before the one holding byte `q` (a character boundary
/// inside a word) starts; 0 when the text has fewer words before it. Reading words from
/// there finds the same words as reading from the start of the text.
fn words_back(text: &str, q: usize, k: usize) -> usize {
    let words = Words::new(text);
    let b = text.as_bytes();
    // the character before byte `p > 0`: whether it belongs to a word, and where it starts
    // (an ASCII byte but '.', '/' and '-' is told without decoding)
    let before = |p: usize| {
        let c = b[p - 1];
        if c.is_ascii_alphanumeric() {
            return (true, p - 1);
        }
        if c < 0x80 && !matches!(c, b'.' | b'/' | b'-') {
            return (false, p - 1);
        }
        let mut s = p - 1;
        while s > 0 && b[s] & 0xC0 == 0x80 {
            s -= 1;
        }
        (words.kept(s).0, s)
    };
    // moves `p` back over the characters that are (`kept`) or are not part of a word
    let back_over = |mut p: usize, kept: bool| {
        while p > 0 {
            let (keep, s) = before(p);
            if keep != kept {
                break;
            }
            p = s;
        }
        p
    };
    // back to the start of the word holding `q`
    let mut p = back_over(q, true);
    for _ in 0..k {
        // the bytes between the two words, then the word before them
        p = back_over(p, false);
        if p == 0 {
            return 0;
        }
        p = back_over(p, true);
    }
    p
}

/// Whether a word may start a date expression: [`date_at`]'s first test, inlined where the
/// words are read (a word in lowercase is ruled out but for "today" and "yesterday").
#[inline]
fn may_start_date(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii_lowercase() => {
            (w.len() == 5 || w.len() == 9)
                && (w.eq_ignore_ascii_case("today") || w.eq_ignore_ascii_case("yesterday"))
        }
        Some(b) if b.is_ascii_uppercase() => (3..=9).contains(&w.len()),
        _ => true,
    }
}

/// A word and its neighbours, as [`date_at`] reads them: the word before, and two after.
struct Window<'a> {
    prev: Option<(usize, &'a str)>,
    cur: (usize, &'a str),
    next: [Option<(usize, &'a str)>; 2],
}

impl<'a> Window<'a> {
    /// Word `i` of `words` (which must exist) and its neighbours.
    fn of(words: &[(usize, &'a str)], i: usize) -> Self {
        Window {
            prev: i.checked_sub(1).map(|p| words[p]),
            cur: words[i],
            next: [words.get(i + 1).copied(), words.get(i + 2).copied()],
        }
    }
}

/// Whether `text` may hold a date expression, told by one pass over its bytes; `false` only
/// when no word can start one (then [`find_dates`] finds none). A date starts with a word
/// that [`date_at`] takes:
/// - a word of ASCII letters: a month or weekday name (capitalised), "today" or "yesterday"
///   (any case). Runs of ASCII letters stand for the words here (a run may be part of a
///   longer word: then the full search decides);
/// - a word of digits: "14.01.2022" or "2022-01-14" (digits on both sides of '.', '/' or
///   '-'), a year of 1900-2099 after "in", "since", "until" or "by", or a day before a
///   month name (which the month name tells).
fn may_hold_date(text: &str) -> bool {
    date_candidate(text).is_some()
}

/// Where the first word that may start a date expression or be the month after a day's number
/// starts ([`may_hold_date`]): no date starts before the word before it.
///
/// Such a word is a run of digits, or a run of ASCII letters that [`calendar_run`] takes: a
/// month name, which starts with a capital, or "today", "yesterday" or a weekday name, which
/// end with "day". The bytes are read eight at a time for the few that can start or end one
/// ([`next_hint`]), so that most bytes of most sentences cost a few instructions per eight;
/// a run of letters is read whole where its first two letters may start a month name or its
/// last three are "day".
fn date_candidate(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while let Some(p) = next_hint(b, i) {
        let c = b[p];
        i = p + 1;
        let alpha = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphabetic);
        if c.is_ascii_digit() {
            // the first digit of its run: the runs before `p` were read whole
            while i < n && b[i].is_ascii_digit() {
                i += 1;
            }
            let run = &b[p..i];
            let digits = &run[run.iter().take_while(|&&d| d == b'0').count()..];
            if digits.len() == 4 && matches!(&digits[..2], b"19" | b"20")
                || i + 1 < n && matches!(b[i], b'.' | b'/' | b'-') && b[i + 1].is_ascii_digit()
            {
                return Some(p);
            }
        } else if c.is_ascii_uppercase()
            && (p == 0 || !alpha(p - 1))
            && b.get(p + 1).is_some_and(|&d| month_prefix(c, d))
        {
            // a run that may be a month name: read whole
            while alpha(i) {
                i += 1;
            }
            if calendar_run(&text[p..i]) {
                return Some(p);
            }
        } else if c.eq_ignore_ascii_case(&b'y')
            && p >= 2
            && b[p - 2..p].eq_ignore_ascii_case(b"da")
            && !alpha(p + 1)
        {
            // a run that ends with "day": read back to its start
            let mut start = p - 2;
            while start > 0 && alpha(start - 1) {
                start -= 1;
            }
            if calendar_run(&text[start..i]) {
                return Some(start);
            }
        }
        // any other byte that `next_hint` gives ends no run that may start a date
    }
    None
}

/// Whether a word starting with `first`, `second` may be a month name or its abbreviation
/// (capitalised; [`month_number`]): `second` is taken in any case.
///
/// One bit of a table of second letters by first letter, without a branch: a `match` on the
/// first letter is a jump table, whose target is mispredicted for most capitals of a text.
#[inline]
fn month_prefix(first: u8, second: u8) -> bool {
    // by capital 'A'..='Z': the bits of the lowercase letters ('a' = bit 0) that may follow it
    const SECOND: [u32; 26] = {
        let pairs: [(u8, &[u8]); 8] = [
            (b'J', b"au"),
            (b'F', b"e"),
            (b'M', b"a"),
            (b'A', b"pu"),
            (b'S', b"e"),
            (b'O', b"c"),
            (b'N', b"o"),
            (b'D', b"e"),
        ];
        let mut t = [0u32; 26];
        let mut i = 0;
        while i < pairs.len() {
            let (f, seconds) = pairs[i];
            let mut j = 0;
            while j < seconds.len() {
                t[(f - b'A') as usize] |= 1 << (seconds[j] - b'a');
                j += 1;
            }
            i += 1;
        }
        t
    };
    // (an ASCII letter in either case is the only byte that `| 0x20` makes 'a'..='z')
    let f = usize::from(first.wrapping_sub(b'A'));
    let s = u32::from((second | 0x20).wrapping_sub(b'a'));
    s < 26 && SECOND.get(f).is_some_and(|&m| m >> s & 1 != 0)
}

/// Whether a whole run of ASCII letters may start a date: "today" or "yesterday" (in any
/// case), or a capitalised month name, abbreviation ([`month_number`]) or weekday name.
#[inline]
fn calendar_run(w: &str) -> bool {
    let b = w.as_bytes();
    if !(3..=9).contains(&b.len()) {
        return false;
    }
    // of those words, exactly "today", "yesterday" and the weekday names end with "day"
    if b[b.len() - 3..].eq_ignore_ascii_case(b"day") {
        w.eq_ignore_ascii_case("today")
            || w.eq_ignore_ascii_case("yesterday")
            || b[0].is_ascii_uppercase() && WEEKDAYS.iter().any(|d| w.eq_ignore_ascii_case(d))
    } else {
        // the first two letters of a month name rule out most words
        month_prefix(b[0], b[1]) && month_number(w).is_some()
    }
}

/// The first byte from `from` on that may belong to a word starting a date
/// ([`date_candidate`]): an ASCII digit, capital or 'y', or one of the few bytes between
/// the digits and the capitals (":;<=>?@"), which [`date_candidate`] passes over.
fn next_hint(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for eight in &mut chunks {
        let mask = hint_lanes(u64::from_le_bytes(
            <[u8; 8]>::try_from(eight).unwrap_or_default(),
        ));
        if mask != 0 {
            return Some(at + (mask.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    if chunks.remainder().is_empty() {
        return None;
    }
    match b.len().checked_sub(8) {
        // the last eight bytes, without the lanes before `at` (read already)
        Some(last) => {
            let eight = <[u8; 8]>::try_from(&b[last..]).unwrap_or_default();
            let mask = hint_lanes(u64::from_le_bytes(eight)) & (!0u64 << (8 * (at - last)));
            (mask != 0).then(|| last + (mask.trailing_zeros() / 8) as usize)
        }
        // a text of fewer than eight bytes
        None => {
            let mut eight = [0u8; 8];
            eight[..b.len()].copy_from_slice(b);
            let mask = hint_lanes(u64::from_le_bytes(eight)) & (!0u64 << (8 * at));
            (mask != 0).then(|| (mask.trailing_zeros() / 8) as usize)
        }
    }
}

/// The lanes (bytes) of `x` that [`next_hint`] looks for, by their high bit.
#[inline]
fn hint_lanes(x: u64) -> u64 {
    lanes_between(x, b'0' - 1, b'Z' + 1) | lanes_between(x, b'y' - 1, b'y' + 1)
}

/// The date expression that `text` starts with, if its first word is one (what
/// [`find_dates`] finds first when that starts at byte 0); only the first words are read.
pub fn date_at_start(text: &str, anchor: Option<Date>) -> Option<DateMention> {
    // a date expression is at most three words, and reads no word before its first
    let words = word_spans(text, 3);
    if words.first()?.0 != 0 {
        return None;
    }
    let (n, date) = date_at(&Window::of(&words, 0), anchor)?;
    let last = words[n - 1];
    Some(DateMention {
        span: Span::new(0, last.0 + last.1.len()),
        date,
    })
}

/// [`date_at_start`] for a text that is to be one date expression, up to its last byte at most
/// (a sign-off's "January 14, 2022."): `None`, without a word parsed, for a text of four words
/// or more, whose date expression (three words at most, a gap of a byte at least before the
/// fourth) ends before its last two bytes. Most texts a sign-off test reads are clauses of
/// prose ("On Tuesday, the minister said ..."), whose first bytes show four words: four
/// spaces before an ASCII letter or digit, each the start of a word ([`Words`]).
pub fn date_filling(text: &str, anchor: Option<Date>) -> Option<DateMention> {
    let word_starts = text
        .as_bytes()
        .windows(2)
        .filter(|w| w[0] == b' ' && w[1].is_ascii_alphanumeric())
        .take(4)
        .count();
    if word_starts == 4 {
        return None;
    }
    date_at_start(text, anchor).filter(|m| m.span.end >= text.len().saturating_sub(1))
}

/// The date expression starting at word `i`: how many words it takes, and its date.
fn date_at(win: &Window, anchor: Option<Date>) -> Option<(usize, Date)> {
    let w = win.cur.1;
    // a word of letters can only be a month or weekday name (capitalised, three to nine
    // letters), "yesterday" or "today": most words are ruled out here, before the tests below
    let b0 = w.as_bytes().first().copied().unwrap_or(0);
    if b0.is_ascii_lowercase()
        && !w.eq_ignore_ascii_case("yesterday")
        && !w.eq_ignore_ascii_case("today")
        || b0.is_ascii_uppercase() && !(3..=9).contains(&w.len())
    {
        return None;
    }
    // the previous word is one of `list`, ignoring ASCII case
    let prev_in = |list: &[&str]| {
        win.prev
            .is_some_and(|p| list.iter().any(|x| p.1.eq_ignore_ascii_case(x)))
    };
    let next = |k: usize| win.next[k - 1].map(|x| x.1);
    let mut found: Option<(usize, Date)> = None; // (words used, date)
    if let Some(m) = month_number(w).filter(|_| w.chars().next().is_some_and(char::is_uppercase)) {
        // "January 10", "January 10, 2022", "January 2022", "January"
        let day = next(1).and_then(|d| {
            d.trim_end_matches(['s', 't', 'h', 'n', 'd', 'r'])
                .parse::<u8>()
                .ok()
        });
        let year_after = |k: usize| {
            next(k)
                .and_then(|y| y.parse::<i32>().ok())
                .filter(|y| (1900..2100).contains(y))
        };
        if let Some(d) = day.filter(|d| (1..=31).contains(d)) {
            if let Some(y) = year_after(2) {
                found = Date::ymd(y, m, d).map(|x| (3, x));
            } else if let Some(a) = anchor {
                found = Date::ymd(resolve_year(a, m), m, d).map(|x| (2, x));
            }
        } else if let Some(y) = year_after(1) {
            found = Date::ym(y, m).map(|x| (2, x));
        } else if !w.eq_ignore_ascii_case("may") && !w.eq_ignore_ascii_case("march") {
            // a bare month name needs a preposition before it: "in October"
            let after_preposition = prev_in(&[
                "in", "on", "since", "until", "by", "last", "early", "late", "mid", "this", "next",
            ]);
            if let Some(a) = anchor.filter(|_| after_preposition) {
                found = Date::ym(resolve_year(a, m), m).map(|x| (1, x));
            }
        } else if win.prev.is_some_and(|p| p.1.eq_ignore_ascii_case("in"))
            && let Some(a) = anchor
        {
            found = Date::ym(resolve_year(a, m), m).map(|x| (1, x));
        }
    } else if let Some(d) = w.parse::<u8>().ok().filter(|d| (1..=31).contains(d)) {
        // "10 January 2022", "10 January"
        if let Some(m) = next(1)
            .and_then(month_number)
            .filter(|_| next(1).is_some_and(|x| x.chars().next().is_some_and(char::is_uppercase)))
        {
            if let Some(y) = next(2)
                .and_then(|y| y.parse::<i32>().ok())
                .filter(|y| (1900..2100).contains(y))
            {
                found = Date::ymd(y, m, d).map(|x| (3, x));
            } else if let Some(a) = anchor {
                found = Date::ymd(resolve_year(a, m), m, d).map(|x| (2, x));
            }
        }
    } else if let Some(wd) = WEEKDAYS
        .iter()
        .position(|x| w.eq_ignore_ascii_case(x))
        .filter(|_| w.chars().next().is_some_and(char::is_uppercase))
    {
        if let Some(a) = anchor.filter(|a| a.day.is_some()) {
            // the most recent such weekday on or before the publication date
            let ad = a.days().unwrap_or(0);
            let back = (a.weekday().unwrap_or(0) as i64 - wd as i64).rem_euclid(7);
            found = Some((1, Date::from_days(ad - back)));
        }
    } else if let Some(d) = parse_numeric(w) {
        found = Some((1, d));
    } else if w.eq_ignore_ascii_case("yesterday") || w.eq_ignore_ascii_case("today") {
        if let Some(a) = anchor.filter(|a| a.day.is_some()) {
            let back = if w.eq_ignore_ascii_case("yesterday") {
                1
            } else {
                0
            };
            found = Some((1, Date::from_days(a.days().unwrap_or(0) - back)));
        }
    } else if let Ok(y) = w.parse::<i32>()
        && (1900..2100).contains(&y)
        && prev_in(&["in", "since", "until", "by"])
    {
        found = Some((
            1,
            Date {
                year: y,
                month: None,
                day: None,
            },
        ));
    }
    found
}

/// "14.01.2022", "2022-01-14", "14/01/2022" (day first, as outside the US).
pub fn parse_numeric(w: &str) -> Option<Date> {
    // both forms below are at most ten bytes ("2022-01-14", "14.01.2022"): a longer word (a
    // whole line, as sign-offs try) is none, and is not split into a vector to find out
    if w.len() > 10 {
        return None;
    }
    // both forms below start with a digit (or a sign): a word starting with a letter is none
    if w.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    if let Some(d) = Date::parse(w).filter(|d| d.day.is_some() && w.len() == 10) {
        return Some(d);
    }
    // exactly three parts, read without collecting them (most words are a year or a number:
    // one part, and no vector allocated to find that out)
    let mut parts = w.split(['.', '/']);
    let (Some(day), Some(month), Some(year), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if year.len() == 4 && day.len() <= 2 && month.len() <= 2 {
        let d = day.parse().ok()?;
        let m = month.parse().ok()?;
        let y = year.parse().ok()?;
        return Date::ymd(y, m, d);
    }
    None
}

/// A month mentioned without a year is the latest such month not after the anchor.
fn resolve_year(anchor: Date, month: u8) -> i32 {
    match anchor.month {
        Some(am) if month > am => anchor.year - 1,
        _ => anchor.year,
    }
}

/// The first `max` words of a short text with their byte offsets ([`Words`]).
fn word_spans(text: &str, max: usize) -> Vec<(usize, &str)> {
    // sized for news prose (a word and its space are about six bytes) so that the list of a
    // sentence is allocated once instead of growing through five or six reallocations
    let mut out = Vec::with_capacity(max.min(text.len() / 4 + 1));
    out.extend(Words::new(text).take(max));
    out
}

/// The words of a text with their byte offsets, one at a time: runs of alphanumerics, '.',
/// '/' and '-' between digits, so that "14.01.2022" stays one word.
struct Words<'a> {
    text: &'a str,
    /// Where to go on reading.
    i: usize,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        Words { text, i: 0 }
    }

    /// Whether the character at byte `i` belongs to a word, and its length: ASCII bytes are
    /// read as they are, other characters decoded where they start.
    #[inline]
    fn kept(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes();
        let c = b[i];
        if c < 0x80 {
            let keep = c.is_ascii_alphanumeric()
                || matches!(c, b'.' | b'/' | b'-')
                    && i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit);
            (keep, 1)
        } else {
            let ch = self.text[i..].chars().next().unwrap_or_default();
            (crate::segment::is_alphanumeric(ch), ch.len_utf8())
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let b = self.text.as_bytes();
        let n = b.len();
        let mut i = self.i;
        // the bytes between words: spaces and punctuation need no decoding
        while i < n {
            let c = b[i];
            if c.is_ascii_alphanumeric() {
                break;
            }
            // an ASCII byte but '.', '/' and '-' (kept between digits) is no word's
            if c < 0x80 && !matches!(c, b'.' | b'/' | b'-') {
                i += 1;
                continue;
            }
            let (keep, len) = self.kept(i);
            if keep {
                break;
            }
            i += len;
        }
        if i >= n {
            self.i = n;
            return None;
        }
        let start = i;
        i += if b[i] < 0x80 { 1 } else { self.kept(i).1 };
        while i < n {
            // the letters and digits of a word, eight bytes at a time while eight remain (a
            // usual word in one turn), then a byte at a time
            if let Some(eight) = b.get(i..i + 8) {
                let x = u64::from_le_bytes(<[u8; 8]>::try_from(eight).unwrap_or_default());
                let others = !(letter_lanes(x) | digit_lanes(x)) & TOPS;
                if others == 0 {
                    i += 8;
                    continue;
                }
                i += (others.trailing_zeros() / 8) as usize;
            } else if b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            if b[i] < 0x80 && !matches!(b[i], b'.' | b'/' | b'-') {
                break;
            }
            let (keep, len) = self.kept(i);
            if !keep {
                break;
            }
            i += len;
        }
        self.i = i;
        Some((start, &self.text[start..i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes a date can start with ([`date_candidate_bytewise`]): ASCII digits, and the initials of
    /// the month and weekday names, "today" and "yesterday".
    const DATE_START: [bool; 256] = {
        let mut t = [false; 256];
        let initials = b"0123456789JFMASONDTWYty";
        let mut k = 0;
        while k < initials.len() {
            t[initials[k] as usize] = true;
            k += 1;
        }
        t
    };

    /// [`date_candidate`] as it was first written, a byte at a time (the reference of the tests).
    fn date_candidate_bytewise(text: &str) -> Option<usize> {
        let b = text.as_bytes();
        let n = b.len();
        let mut i = 0;
        while i < n {
            let c = b[i];
            // most bytes are neither a digit nor such an initial: one table look-up each
            if !DATE_START[usize::from(c)] {
                i += 1;
                continue;
            }
            if c.is_ascii_digit() {
                let start = i;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                let run = &b[start..i];
                let digits = &run[run.iter().take_while(|&&d| d == b'0').count()..];
                if digits.len() == 4 && matches!(&digits[..2], b"19" | b"20")
                    || i + 1 < n && matches!(b[i], b'.' | b'/' | b'-') && b[i + 1].is_ascii_digit()
                {
                    return Some(start);
                }
                continue;
            }
            // a letter inside a run of letters starts no word
            let start = i;
            i += 1;
            if start > 0 && b[start - 1].is_ascii_alphabetic() {
                continue;
            }
            while i < n && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            if !(3..=9).contains(&(i - start)) {
                continue;
            }
            let w = &text[start..i];
            if w.eq_ignore_ascii_case("today")
                || w.eq_ignore_ascii_case("yesterday")
                || c.is_ascii_uppercase()
                    && (month_number(w).is_some()
                        || WEEKDAYS.iter().any(|d| w.eq_ignore_ascii_case(d)))
            {
                return Some(start);
            }
        }
        None
    }

    /// The table of [`month_prefix`] is the list of month names' first two letters.
    #[test]
    fn month_prefix_is_the_match_on_the_first_two_letters() {
        for first in 0..=255u8 {
            for second in 0..=255u8 {
                let want = matches!(
                    [first, second.to_ascii_lowercase()],
                    [b'J', b'a' | b'u']
                        | [b'F', b'e']
                        | [b'M', b'a']
                        | [b'A', b'p' | b'u']
                        | [b'S', b'e']
                        | [b'O', b'c']
                        | [b'N', b'o']
                        | [b'D', b'e']
                );
                assert_eq!(month_prefix(first, second), want, "{first} {second}");
            }
        }
    }

    /// The positional reading of `YYYY-MM-DD` gives what the part-by-part parse gives, on
    /// random strings of that shape and near it (other digits, signs, spaces, lengths).
    #[test]
    fn the_fast_date_parse_agrees_with_the_general_one() {
        let mut next = crate::xorshift(0x5851_f42d_4c95_7f2d);
        let alphabet = b"0123456789-- T+x";
        for _ in 0..50_000 {
            let mut b: Vec<u8> = b"2022-01-14".to_vec();
            for _ in 0..next() % 4 {
                let k = next() % b.len();
                b[k] = alphabet[next() % alphabet.len()];
            }
            if next() % 8 == 0 {
                b.truncate(next() % 11);
            }
            if next() % 8 == 0 {
                b.push(alphabet[next() % alphabet.len()]);
            }
            let s = String::from_utf8(b).unwrap();
            assert_eq!(Date::parse(&s), Date::parse_general(&s), "{s:?}");
        }
        for s in [
            "0999-01-01",
            "1000-01-01",
            "9999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2022-00-10",
            "2022-13-01",
            "2022-01-00",
            "2022-01-32",
        ] {
            assert_eq!(Date::parse(s), Date::parse_general(s), "{s:?}");
        }
    }

    fn pub_date() -> Option<Date> {
        Date::parse("2022-01-14")
    }

    fn first(text: &str) -> String {
        find_dates(text, 0, pub_date())
            .first()
            .map(|d| d.date.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn resolves_news_date_expressions() {
        assert_eq!(
            first("talks took place in Geneva on January 10."),
            "2022-01-10"
        );
        assert_eq!(first("Earlier, in October, Russia announced"), "2021-10");
        assert_eq!(
            first("Moscow sent in December 2021 to Washington"),
            "2021-12"
        );
        assert_eq!(first("on 3 March 2020 they met"), "2020-03-03");
        assert_eq!(first("Ru-Main, 14.01.2022"), "2022-01-14");
        // 2022-01-14 was a Friday; "on Monday" is 2022-01-10
        assert_eq!(first("The ministers met on Monday"), "2022-01-10");
        assert_eq!(first("in 2019 the bloc"), "2019");
    }

    #[test]
    fn first_date_is_the_first_found() {
        let texts = [
            "talks took place in Geneva on January 10.",
            "Earlier, in October, Russia announced",
            "Moscow sent in December 2021 to Washington",
            "on 3 March 2020 they met, and on 4 March 2020 again",
            "Ru-Main, 14.01.2022",
            "The ministers met on Monday",
            "in 2019 the bloc",
            "NATO may respond",
            "In May the troops left; in March they came back",
            "yesterday",
            "Today, 10 January",
            "10 January",
            "January",
            "A Côte d'Ivoire envoy said on Friday, 12/01/2022, that in 1999 the",
            "Talks resume in October 2022 after the 2021-12-03 meeting",
            "",
            "12 13 14 1999",
            "in  1999",
            "They met 10 January and again on 12 January",
            "on Friday 10 January 2022",
            "x 2019 then in 2019",
            "In the 1990s, until 1999, in March",
            "The talks, held in  Geneva since\tMarch 3, ended",
            "Côte d'Ivoire’s envoy — on 3 March",
            "2020 was hard; by 2021 it eased",
        ];
        for t in texts {
            for anchor in [pub_date(), None, Date::parse("2021")] {
                assert_eq!(
                    first_date(t, 7, anchor),
                    find_dates(t, 7, anchor).into_iter().next(),
                    "{t:?} {anchor:?}"
                );
            }
        }
        assert_eq!(
            first_date("they met in Geneva on January 10.", 0, pub_date())
                .map(|d| (d.span, d.date.to_string())),
            Some((Span::new(22, 32), "2022-01-10".into()))
        );
    }

    #[test]
    fn words_back_finds_word_starts() {
        let t = "Ru-Main, 14.01.2022 - Côte d'Ivoire on 10 January";
        let starts: Vec<usize> = Words::new(t).map(|w| w.0).collect();
        for (k, &s) in starts.iter().enumerate() {
            for back in 0..4 {
                let want = if back > k { 0 } else { starts[k - back] };
                assert_eq!(words_back(t, s, back), want, "{k} {back}");
                // from inside the word too
                assert_eq!(words_back(t, s + 1, back), want, "{k} {back} +1");
            }
        }
        assert_eq!(words_back("  ab", 2, 1), 0);
    }

    #[test]
    fn words_keep_numeric_dates_whole() {
        let w: Vec<&str> = Words::new("Ru-Main, 14.01.2022 - x/y 1/2 Côte")
            .map(|w| w.1)
            .collect();
        assert_eq!(w, ["Ru", "Main", "14.01.2022", "x", "y", "1/2", "Côte"]);
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert_eq!(first("NATO may respond"), "");
    }

    /// Every date form the tests know, and texts made of date words, digits, their pieces and
    /// other words in any case, and random bytes near them.
    fn date_like_texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "talks took place in Geneva on January 10.",
            "Earlier, in October, Russia announced",
            "on 3 March 2020 they met",
            "Ru-Main, 14.01.2022",
            "The ministers met on Monday",
            "in 2019 the bloc",
            "NATO may respond",
            "yesterday",
            "TODAY, 10 Jan",
            "A Côte d'Ivoire envoy said on Friday, 12/01/2022, that in 1999 the",
            "Talks resume in Sept 2022 after the 2021-12-03 meeting",
            "éMarch xToday Mayday Sundays holiday birthday todays Todayx",
            "",
            "y",
            "Y",
            "day",
            "0",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let pieces = [
            "today",
            "TODAY",
            "toDay",
            "yesterday",
            "YESTERDAY",
            "Monday",
            "MONDAY",
            "monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "January",
            "Jan",
            "jan",
            "JAN",
            "February",
            "Feb",
            "March",
            "Mar",
            "April",
            "Apr",
            "May",
            "may",
            "June",
            "Jun",
            "July",
            "Jul",
            "August",
            "Aug",
            "September",
            "Sept",
            "Sep",
            "October",
            "Oct",
            "November",
            "Nov",
            "December",
            "Dec",
            "Decembers",
            "day",
            "Day",
            "DAY",
            "da",
            "y",
            "Y",
            "holiday",
            "Maday",
            "Sa",
            "Ja",
            "2022",
            "1999",
            "0020",
            "21",
            "3",
            "14.01",
            "2022-01",
            "12/",
            "-",
            ".",
            "/",
            " ",
            " ",
            ", ",
            "é",
            "’",
            ":",
            "@",
            "[",
            "`",
            "Geneva",
            "NATO",
            "the",
            "xy",
            "McDay",
        ];
        let mut next = crate::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..next() % 12 {
                if next() % 8 == 0 {
                    // a random ASCII or two-byte character
                    let c = (next() % 0x100) as u8;
                    t.push(if c < 0x80 { c as char } else { 'é' });
                } else {
                    t.push_str(pieces[next() % pieces.len()]);
                }
            }
            texts.push(t);
        }
        texts
    }

    /// The eight-bytes-at-a-time [`date_candidate`] finds what the byte-at-a-time reference
    /// finds.
    #[test]
    fn date_candidate_agrees_with_the_bytewise_scan() {
        let texts = date_like_texts();
        let mut found = 0;
        for t in &texts {
            assert_eq!(date_candidate(t), date_candidate_bytewise(t), "{t:?}");
            found += usize::from(date_candidate(t).is_some());
        }
        // both outcomes are well represented
        assert!(
            found > texts.len() / 10 && found < texts.len() * 9 / 10,
            "{found}"
        );
    }

    /// [`first_date`], which reads only the words around candidates, finds what
    /// [`find_dates`] lists first.
    #[test]
    fn first_date_agrees_with_find_dates_on_date_like_texts() {
        let mut dated = 0;
        for t in date_like_texts() {
            for anchor in [pub_date(), None, Date::parse("2021")] {
                let first = first_date(&t, 3, anchor);
                assert_eq!(
                    first,
                    find_dates(&t, 3, anchor).into_iter().next(),
                    "{t:?} {anchor:?}"
                );
                dated += usize::from(first.is_some());
            }
        }
        assert!(dated > 1_000, "{dated}");
    }

    /// [`date_filling`] is [`date_at_start`] kept when it reaches the text's last byte or the
    /// one before.
    #[test]
    fn date_filling_is_the_date_at_start_that_fills_the_text() {
        let mut texts = date_like_texts();
        texts.extend(
            [
                "January 14, 2022.",
                "14 Jan 2022",
                "Monday, Jan. 3",
                "Jan 14 , 2022 ,",
            ]
            .map(String::from),
        );
        let mut filled = 0;
        for t in &texts {
            for anchor in [pub_date(), None] {
                let want =
                    date_at_start(t, anchor).filter(|m| m.span.end >= t.len().saturating_sub(1));
                assert_eq!(date_filling(t, anchor), want, "{t:?}");
                filled += usize::from(want.is_some());
            }
        }
        assert!(filled > 100, "{filled}");
    }

    /// [`Words`] reads the letters and digits of a word eight bytes at a time: the same words
    /// as a byte at a time.
    #[test]
    fn words_by_eight_are_the_words_a_byte_at_a_time() {
        fn bytewise(text: &str) -> Vec<(usize, &str)> {
            let w = Words::new(text);
            let b = text.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                let (keep, len) = w.kept(i);
                if !keep {
                    i += len;
                    continue;
                }
                let start = i;
                while i < b.len() {
                    let (keep, len) = w.kept(i);
                    if !keep {
                        break;
                    }
                    i += len;
                }
                out.push((start, &text[start..i]));
            }
            out
        }
        let alphabet = [
            'a', 'Z', 'y', '0', '9', '.', '/', '-', ' ', ',', '@', '[', '`', '{', 'é', '’', '北',
        ];
        let mut next = crate::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let text: String = (0..next() % 40)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            assert_eq!(
                Words::new(&text).collect::<Vec<_>>(),
                bytewise(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn calendar_round_trips() {
        for z in [-1000i64, 0, 18_000, 19_000, 20_000] {
            let d = Date::from_days(z);
            assert_eq!(d.days(), Some(z));
        }
        assert_eq!(Date::parse("2022-02-30"), None);
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
    }
}
