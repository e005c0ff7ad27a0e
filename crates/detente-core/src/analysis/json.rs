//! A direct JSON writer for [`Analysis`]: the compact JSON of the output contract, written
//! straight into a byte buffer (data in, bytes out; no I/O).
//!
//! It exists because a batch's output is several times its input, and `serde_json` spends
//! most of its time on that output escaping every struct key byte by byte and growing the
//! output buffer. Here keys are static byte strings, integers go through `itoa`, floats
//! through `zmij` (the formatter `serde_json` itself uses; non-finite floats are `null`, as
//! `serde_json` writes them), strings are escaped a run of plain bytes at a time, and
//! [`to_vec`] reserves the whole output once.
//!
//! **The bytes must stay identical to `serde_json::to_vec(&analysis)`**: the serde derives
//! of the output types remain the definition of the format (the server and the store use
//! them). Adding, renaming or reordering a field of [`Analysis`] or of a type it holds, or
//! changing a serde attribute, needs the same change here; `tests/json_writer.rs` analyses
//! the bundled example and the dev sets of `../shared` and fails on any difference, and the
//! unit tests below compare escaping, floats, dates and enum names with `serde_json`.
//!
//! A projection ([`Analysis::fields`] other than [`Fields::ALL`]) is that same object with
//! the members not asked for left out (`tests/json_writer.rs` checks this too).

use super::{
    Analysis, Document, EventOut, Explanation, Fields, MentionOut, Offsets, Plover, QuoteOut, Role,
};
use crate::actors::{Actor, MentionKind};
use crate::date::Date;
use crate::quotes::QuoteKind;

/// The analysis as one line of compact JSON (no newline), in a buffer reserved once.
pub fn to_vec(a: &Analysis) -> Vec<u8> {
    let mut out = Vec::with_capacity(estimated_len(a));
    write_analysis(a, &mut out);
    out
}

/// Appends the analysis as compact JSON to `out`, byte for byte what
/// `serde_json::to_vec(a)` gives.
pub fn write_analysis(a: &Analysis, out: &mut Vec<u8>) {
    let f = a.fields;
    out.extend_from_slice(b"{\"schema\":");
    write_str(out, a.schema);
    out.extend_from_slice(b",\"document\":");
    write_document(out, &a.document, f);
    if f.has(Fields::SENTENCES) {
        out.extend_from_slice(b",\"sentences\":");
        write_list(out, &a.sentences, write_offsets);
    }
    if f.has(Fields::MENTIONS) {
        out.extend_from_slice(b",\"mentions\":");
        write_list(out, &a.mentions, write_mention);
    }
    if f.has(Fields::QUOTES) {
        out.extend_from_slice(b",\"quotes\":");
        write_list(out, &a.quotes, write_quote);
    }
    if f.has(Fields::EVENTS) {
        out.extend_from_slice(b",\"events\":");
        write_list_buffered(out, &a.events, |s, e| write_event(s, e), write_event);
    }
    // #[serde(skip_serializing_if = "Vec::is_empty")]
    if !a.explain.is_empty() {
        out.extend_from_slice(b",\"explain\":");
        write_list(out, &a.explain, write_explanation);
    }
    out.push(b'}');
}

/// An estimate of the output's length, a little above it for typical documents: the strings'
/// lengths plus, per item, its keys, punctuation and numbers.
pub fn estimated_len(a: &Analysis) -> usize {
    let opt = |s: &Option<String>| s.as_ref().map_or(4, String::len);
    let actor =
        |x: &Actor| x.name.len() + x.code.len() + x.principal.as_ref().map_or(4, |p| p.len()) + 40;
    let d = &a.document;
    // text: escapes (a newline is two bytes) are allowed for with 1/16 more
    let mut n = 200
        + d.id.len()
        + opt(&d.title)
        + opt(&d.outlet)
        + opt(&d.url)
        + opt(&d.author)
        + if a.fields.has(Fields::TEXT) {
            d.text.len() + d.text.len() / 16
        } else {
            0
        };
    n += d.cited_sources.iter().map(|s| s.len() + 3).sum::<usize>();
    n += a.sentences.len() * 32;
    n += a
        .mentions
        .iter()
        .map(|m| 50 + actor(&m.actor))
        .sum::<usize>();
    n += a
        .quotes
        .iter()
        .map(|q| {
            100 + q.text.len()
                + q.text.len() / 16
                + opt(&q.cue)
                + q.speaker.as_ref().map_or(4, actor)
        })
        .sum::<usize>();
    n += a
        .events
        .iter()
        .map(|e| {
            400 + actor_len(&e.source)
                + actor_len(&e.target)
                + e.cameo_name.len()
                + e.rule.len()
                + e.plover
                    .as_ref()
                    .map_or(0, |p| p.kind.len() + p.mode.as_ref().map_or(4, |m| m.len()))
        })
        .sum::<usize>();
    n += a
        .explain
        .iter()
        .map(|x| 30 + x.notes.iter().map(|s| s.len() + 8).sum::<usize>())
        .sum::<usize>();
    n
}

fn actor_len(r: &Role) -> usize {
    r.name.len() + r.code.len() + r.principal.as_ref().map_or(4, |p| p.len())
}

/// Where the writer puts its bytes: the output vector, or a [`Scratch`] buffer. Each writer
/// below is generic over it, so that the events, the bulk of a batch's output, are written
/// into a buffer on the stack with a plain index (a bounds check per store) instead of the
/// vector's length and capacity, which are read and written back around each store.
pub trait Out {
    fn push(&mut self, b: u8);
    fn extend_from_slice(&mut self, b: &[u8]);
    /// Appends the first `len` bytes of `word` (`len <= N`): a store of a known length.
    fn put_word<const N: usize>(&mut self, word: [u8; N], len: usize);
    /// Room for `n` more bytes, where it helps.
    fn reserve(&mut self, _n: usize) {}
}

impl Out for Vec<u8> {
    #[inline(always)]
    fn push(&mut self, b: u8) {
        Vec::push(self, b);
    }
    #[inline(always)]
    fn extend_from_slice(&mut self, b: &[u8]) {
        Vec::extend_from_slice(self, b);
    }
    #[inline(always)]
    fn put_word<const N: usize>(&mut self, word: [u8; N], len: usize) {
        let at = self.len();
        Vec::extend_from_slice(self, &word);
        self.truncate(at + len);
    }
    fn reserve(&mut self, n: usize) {
        Vec::reserve(self, n);
    }
}

/// A buffer of fixed size that one item is written into before it is appended to the output
/// at once. A store that does not fit (an item too long for it) is dropped and marks the
/// buffer `full`: the item is then written again straight into the output.
pub struct Scratch<'a> {
    buf: &'a mut [u8],
    at: usize,
    full: bool,
}

impl Out for Scratch<'_> {
    #[inline(always)]
    fn push(&mut self, b: u8) {
        self.put_word([b], 1);
    }
    #[inline(always)]
    fn extend_from_slice(&mut self, b: &[u8]) {
        match self.buf.get_mut(self.at..self.at + b.len()) {
            Some(to) => {
                to.copy_from_slice(b);
                self.at += b.len();
            }
            None => self.full = true,
        }
    }
    #[inline(always)]
    fn put_word<const N: usize>(&mut self, word: [u8; N], len: usize) {
        match self
            .buf
            .get_mut(self.at..)
            .and_then(<[u8]>::first_chunk_mut::<N>)
        {
            Some(to) => {
                *to = word;
                self.at += len;
            }
            None => self.full = true,
        }
    }
}

/// A list of items each written into a [`Scratch`] buffer and appended whole (or, when one
/// does not fit, written again straight into the output).
fn write_list_buffered<T>(
    out: &mut Vec<u8>,
    items: &[T],
    buffered: fn(&mut Scratch, &T),
    direct: fn(&mut Vec<u8>, &T),
) {
    let mut buf = [0u8; 2048];
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let mut s = Scratch {
            buf: &mut buf,
            at: 0,
            full: false,
        };
        buffered(&mut s, item);
        let (at, full) = (s.at, s.full);
        match buf.get(..at) {
            Some(bytes) if !full => out.extend_from_slice(bytes),
            _ => direct(out, item),
        }
    }
    out.push(b']');
}

fn write_list<O: Out, T>(out: &mut O, items: &[T], write: fn(&mut O, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// The document: its id always, its metadata with [`Fields::DOCUMENT`], its text with
/// [`Fields::TEXT`].
fn write_document<O: Out>(out: &mut O, d: &Document, f: Fields) {
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &d.id);
    if f.has(Fields::DOCUMENT) {
        out.extend_from_slice(b",\"title\":");
        write_opt_str(out, d.title.as_deref());
        out.extend_from_slice(b",\"published\":");
        write_opt_date(out, d.published.as_ref());
        out.extend_from_slice(b",\"outlet\":");
        write_opt_str(out, d.outlet.as_deref());
        out.extend_from_slice(b",\"url\":");
        write_opt_str(out, d.url.as_deref());
        out.extend_from_slice(b",\"language\":");
        write_str(out, &d.language);
        out.extend_from_slice(b",\"cited_sources\":");
        write_list(out, &d.cited_sources, |out, s| write_str(out, s));
        // #[serde(skip_serializing_if = "Option::is_none")]
        if let Some(author) = &d.author {
            out.extend_from_slice(b",\"author\":");
            write_str(out, author);
        }
    }
    if f.has(Fields::TEXT) {
        out.extend_from_slice(b",\"text\":");
        write_str(out, &d.text);
    }
    out.push(b'}');
}

#[inline(always)]
fn write_offsets<O: Out>(out: &mut O, o: &Offsets) {
    write_span(out, o.start, o.end);
    out.push(b'}');
}

/// The opening fields of an item with offsets, `{"start":..,"end":..` (unclosed).
#[inline(always)]
fn write_span<O: Out>(out: &mut O, start: usize, end: usize) {
    out.extend_from_slice(b"{\"start\":");
    write_usize(out, start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, end);
}

fn write_actor<O: Out>(out: &mut O, a: &Actor) {
    write_who(out, &a.name, &a.code, a.principal.as_deref());
    out.push(b'}');
}

/// An actor's or role's opening fields, `{"name":..,"code":..,"principal":..` (unclosed).
#[inline(always)]
fn write_who<O: Out>(out: &mut O, name: &str, code: &str, principal: Option<&str>) {
    out.extend_from_slice(b"{\"name\":");
    write_str(out, name);
    out.extend_from_slice(b",\"code\":");
    write_str(out, code);
    out.extend_from_slice(b",\"principal\":");
    write_opt_str(out, principal);
}

/// `#[serde(rename_all = "snake_case")]`
fn mention_kind(k: MentionKind) -> &'static [u8] {
    match k {
        MentionKind::Name => b"\"name\"",
        MentionKind::Adjective => b"\"adjective\"",
        MentionKind::Metonym => b"\"metonym\"",
        MentionKind::Person => b"\"person\"",
        MentionKind::Role => b"\"role\"",
        MentionKind::Pronoun => b"\"pronoun\"",
        MentionKind::Description => b"\"description\"",
        MentionKind::Pair => b"\"pair\"",
        MentionKind::Place => b"\"place\"",
    }
}

/// `#[serde(rename_all = "lowercase")]`
fn quote_kind(k: QuoteKind) -> &'static [u8] {
    match k {
        QuoteKind::Direct => b"\"direct\"",
        QuoteKind::Partial => b"\"partial\"",
        QuoteKind::Indirect => b"\"indirect\"",
    }
}

fn write_mention<O: Out>(out: &mut O, m: &MentionOut) {
    write_span(out, m.start, m.end);
    out.extend_from_slice(b",\"actor\":");
    write_actor(out, &m.actor);
    out.extend_from_slice(b",\"kind\":");
    out.extend_from_slice(mention_kind(m.kind));
    out.push(b'}');
}

fn write_quote<O: Out>(out: &mut O, q: &QuoteOut) {
    write_span(out, q.start, q.end);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &q.text);
    out.extend_from_slice(b",\"kind\":");
    out.extend_from_slice(quote_kind(q.kind));
    out.extend_from_slice(b",\"cue\":");
    write_opt_str(out, q.cue.as_deref());
    out.extend_from_slice(b",\"speaker\":");
    match &q.speaker {
        Some(a) => write_actor(out, a),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"sentence\":");
    write_usize(out, q.sentence);
    out.push(b'}');
}

#[inline(always)]
fn write_role<O: Out>(out: &mut O, r: &Role) {
    write_who(out, &r.name, &r.code, r.principal.as_deref());
    out.extend_from_slice(b",\"start\":");
    write_usize(out, r.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, r.end);
    out.push(b'}');
}

fn write_plover<O: Out>(out: &mut O, p: &Plover) {
    // #[serde(rename = "type")] kind
    out.extend_from_slice(b"{\"type\":");
    write_str(out, &p.kind);
    out.extend_from_slice(b",\"mode\":");
    write_opt_str(out, p.mode.as_deref());
    out.push(b'}');
}

fn write_event<O: Out>(out: &mut O, e: &EventOut) {
    out.extend_from_slice(b"{\"source\":");
    write_role(out, &e.source);
    out.extend_from_slice(b",\"target\":");
    write_role(out, &e.target);
    out.extend_from_slice(b",\"cameo\":");
    write_str(out, &e.cameo);
    out.extend_from_slice(b",\"root\":");
    write_str(out, &e.root);
    out.extend_from_slice(b",\"cameo_name\":");
    write_str(out, &e.cameo_name);
    out.extend_from_slice(b",\"quad_class\":");
    write_u8(out, e.quad_class);
    out.extend_from_slice(b",\"goldstein\":");
    write_f64(out, e.goldstein);
    out.extend_from_slice(b",\"plover\":");
    match &e.plover {
        Some(p) => write_plover(out, p),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"date\":");
    write_opt_date(out, e.date.as_ref());
    out.extend_from_slice(b",\"negated\":");
    write_bool(out, e.negated);
    out.extend_from_slice(b",\"hypothetical\":");
    write_bool(out, e.hypothetical);
    out.extend_from_slice(b",\"sentence\":");
    write_usize(out, e.sentence);
    out.extend_from_slice(b",\"evidence\":");
    write_offsets(out, &e.evidence);
    out.extend_from_slice(b",\"trigger\":");
    write_offsets(out, &e.trigger);
    out.extend_from_slice(b",\"rule\":");
    write_str(out, &e.rule);
    out.extend_from_slice(b",\"confidence\":");
    write_f64(out, e.confidence);
    out.push(b'}');
}

fn write_explanation<O: Out>(out: &mut O, x: &Explanation) {
    out.extend_from_slice(b"{\"sentence\":");
    write_usize(out, x.sentence);
    out.extend_from_slice(b",\"notes\":");
    write_list(out, &x.notes, |out, s| write_str(out, s));
    out.push(b'}');
}

#[inline(always)]
fn write_bool<O: Out>(out: &mut O, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// Offsets, nearly all below 10,000, are written as four digits in one store of a known
/// length with the leading zeros shifted out, the vector shortened to the digits (no division
/// by ten per digit, no copy of a variable-length slice); longer numbers by `itoa`.
#[inline(always)]
fn write_usize<O: Out>(out: &mut O, n: usize) {
    if n < 10_000 {
        let (hi, lo) = (2 * (n / 100), 2 * (n % 100));
        let four = u32::from_le_bytes([DIGITS2[hi], DIGITS2[hi + 1], DIGITS2[lo], DIGITS2[lo + 1]]);
        let zeros = usize::from(n < 10) + usize::from(n < 100) + usize::from(n < 1000);
        out.put_word((four >> (8 * zeros)).to_le_bytes(), 4 - zeros);
    } else {
        write_usize_long(out, n);
    }
}

#[inline(never)]
fn write_usize_long<O: Out>(out: &mut O, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// "00" to "99": the two digits of each number below 100.
static DIGITS2: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

fn write_u8<O: Out>(out: &mut O, n: u8) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// As `serde_json`: the shortest representation that reads back as the same `f64` (`zmij`,
/// e.g. `-10.0`, `0.8`, `1e-7`), and `null` for NaN and the infinities.
#[inline]
pub fn write_f64<O: Out>(out: &mut O, x: f64) {
    if !write_cents(out, x) {
        write_f64_long(out, x);
    }
}

#[inline(never)]
fn write_f64_long<O: Out>(out: &mut O, x: f64) {
    if x.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(x).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// The fast path of [`write_f64`] for the floats of the output (Goldstein scores, tenths of
/// confidence): a float that is exactly the `f64` nearest to `k / 100` for an integer `k`
/// with `0.001 <= |x| < 10^6` (or zero) is written as that decimal, `5.2`, `-10.0`, `0.35`.
/// It is what the shortest round-trip writes: the `f64` nearest to a decimal of so few
/// digits reads back as it, and no decimal with fewer digits lies within half an ulp of it;
/// `zmij` writes such magnitudes without an exponent, and an integer with `.0`. Returns false
/// (nothing written) for any other float.
#[inline]
fn write_cents<O: Out>(out: &mut O, x: f64) -> bool {
    let a = x.abs();
    if !(a == 0.0 || (0.001..1e6).contains(&a)) {
        return false;
    }
    // k is the nearest integer to 100a when a is a hundredth (`round` is a call to libm; i32
    // converts to and from f64 in one instruction, and 100a + 0.5 < 2^31 here)
    let k = (a * 100.0 + 0.5) as i32;
    // the division is correctly rounded: equal only when x is the f64 nearest to k / 100
    if f64::from(k) / 100.0 != a {
        return false;
    }
    let k = k.unsigned_abs() as usize;
    if x.is_sign_negative() {
        out.push(b'-');
    }
    // tenths below 100 (every Goldstein score, every confidence so far): "d.d" or "dd.d" in
    // one store
    if k < 10_000 && k.is_multiple_of(10) {
        let (i, t) = (2 * (k / 100), b'0' + (k / 10 % 10) as u8);
        if k < 1000 {
            out.put_word([DIGITS2[i + 1], b'.', t], 3);
        } else {
            out.put_word([DIGITS2[i], DIGITS2[i + 1], b'.', t], 4);
        }
        return true;
    }
    write_usize(out, k / 100);
    let cents = k % 100;
    if cents.is_multiple_of(10) {
        out.extend_from_slice(&[b'.', b'0' + (cents / 10) as u8]);
    } else {
        out.extend_from_slice(&[b'.', DIGITS2[2 * cents], DIGITS2[2 * cents + 1]]);
    }
    true
}

#[inline(always)]
fn write_opt_str<O: Out>(out: &mut O, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn write_opt_date<O: Out>(out: &mut O, d: Option<&Date>) {
    match d {
        Some(d) => write_date(out, d),
        None => out.extend_from_slice(b"null"),
    }
}

/// A date is serialised with `collect_str` of its `Display` (`{:04}-{:02}-{:02}`), which
/// writes only digits and `-`: nothing to escape.
pub fn write_date<O: Out>(out: &mut O, d: &Date) {
    // a full date (nearly every event's): its 12 bytes, quotes included, in one store
    if let (0..=9999, Some(m @ 0..=99), Some(day @ 0..=99)) = (d.year, d.month, d.day) {
        let (y, m, day) = (d.year as usize, usize::from(m), usize::from(day));
        let (c, yy) = (2 * (y / 100), 2 * (y % 100));
        out.extend_from_slice(&[
            b'"',
            DIGITS2[c],
            DIGITS2[c + 1],
            DIGITS2[yy],
            DIGITS2[yy + 1],
            b'-',
            DIGITS2[2 * m],
            DIGITS2[2 * m + 1],
            b'-',
            DIGITS2[2 * day],
            DIGITS2[2 * day + 1],
            b'"',
        ]);
        return;
    }
    out.push(b'"');
    if (0..=9999).contains(&d.year) {
        let y = d.year as u32;
        out.extend_from_slice(&[
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
        ]);
        if let Some(m) = d.month {
            out.push(b'-');
            write_pad2(out, m);
            if let Some(day) = d.day {
                out.push(b'-');
                write_pad2(out, day);
            }
        }
    } else {
        // a year of five digits or a negative one: as Display pads it (`{:04}` counts the sign)
        out.extend_from_slice(d.to_string().as_bytes());
    }
    out.push(b'"');
}

/// `{:02}` of a `u8`: at least two digits.
fn write_pad2<O: Out>(out: &mut O, n: u8) {
    if n < 10 {
        out.extend_from_slice(&[b'0', b'0' + n]);
    } else {
        write_u8(out, n);
    }
}

/// What `serde_json` writes in place of each byte: 0 for the byte itself, else the letter
/// after the backslash (`u` for `\u00XX`).
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Whether any of the 8 bytes of `w` is a control character, `"` or `\` (exact: no false
/// positives or negatives for the word as a whole; bytes >= 0x80 never match).
#[inline]
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    (control | has_zero(w ^ (ONES * b'"' as u64)) | has_zero(w ^ (ONES * b'\\' as u64))) != 0
}

/// A JSON string escaped as `serde_json` escapes it: `"` and `\` with a backslash, control
/// characters as `\b \t \n \f \r` or `\u00xx` (lower-case hex), everything else (0x7f,
/// non-ASCII UTF-8) as it is. Strings of up to 16 bytes (codes, roots, most names) with
/// nothing to escape take [`write_short`]; in longer ones runs of bytes that need no escape
/// ([`plain_run`]) are copied in one go.
#[inline(always)]
pub fn write_str<O: Out>(out: &mut O, s: &str) {
    let bytes = s.as_bytes();
    if bytes.len() > 16 || !write_short(out, bytes) {
        write_escaped(out, bytes);
    }
}

/// A string of up to 16 bytes with nothing to escape, quotes included, written with stores of
/// a known length (no call to copy a slice of variable length, no loop over its bytes): the
/// string is read as one word, or as two overlapping ones, tested for escapes in one go and
/// stored with its quotes into a small array; the array is appended whole and the vector cut
/// back to the string's end. Returns false, writing nothing, when a byte needs an escape.
#[inline(always)]
fn write_short<O: Out>(out: &mut O, b: &[u8]) -> bool {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let n = b.len();
    if n < 8 {
        let w = short_word(b);
        // the bytes past the string's end (zeros) are tested as spaces, which need no escape
        if needs_escape(w | (SPACES << (8 * n))) {
            return false;
        }
        // the string between its quotes, in one 16-byte word
        let q = u128::from(b'"') | u128::from(w) << 8 | u128::from(b'"') << (8 * (n + 1));
        out.put_word(q.to_le_bytes(), n + 2);
    } else if let (Some(first), Some(last)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        if needs_escape(u64::from_le_bytes(*first)) || needs_escape(u64::from_le_bytes(*last)) {
            return false;
        }
        // the opening quote and the first word, then from the string's last 8 bytes on (the
        // words overlap by 16 - n bytes) the last word and the closing quote
        let mut q = [b'"'; 9];
        q[1..].copy_from_slice(first);
        out.put_word(q, n - 7);
        let mut q = [b'"'; 9];
        q[..8].copy_from_slice(last);
        out.put_word(q, 9);
    } else {
        return false;
    }
    true
}

/// The bytes of a string shorter than 8 as a little-endian word, zeros after its end: read
/// as two overlapping halves (4 + 4, 2 + 2 bytes or one byte), the second shifted into place.
#[inline]
fn short_word(b: &[u8]) -> u64 {
    let n = b.len();
    if let (Some(lo), Some(hi)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4))
    } else if let (Some(lo), Some(hi)) = (b.first_chunk::<2>(), b.last_chunk::<2>()) {
        u64::from(u16::from_le_bytes(*lo)) | u64::from(u16::from_le_bytes(*hi)) << (8 * (n - 2))
    } else {
        b.first().map_or(0, |&c| u64::from(c))
    }
}

/// [`write_str`] for any string: the plain runs copied whole, each byte that needs it escaped.
#[inline(never)]
fn write_escaped<O: Out>(out: &mut O, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut i = plain_run(bytes, 0);
    while let Some(&b) = bytes.get(i) {
        out.extend_from_slice(&bytes[start..i]);
        match ESCAPE[usize::from(b)] {
            b'u' => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
            e => out.extend_from_slice(&[b'\\', e]),
        }
        start = i + 1;
        i = plain_run(bytes, start);
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The end of the run of bytes from `i` on that need no escape: the index of the next byte
/// that does, or `bytes.len()`. Skips 8 bytes at a time while none of them needs one; the
/// last bytes of a string of 8 or more are tested as the (overlapping) last word, in one go
/// instead of one by one, so that only strings shorter than a word and the word holding an
/// escape are read a byte at a time.
#[inline]
fn plain_run(bytes: &[u8], mut i: usize) -> usize {
    while let Some(word) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        if needs_escape(u64::from_le_bytes(*word)) {
            break;
        }
        i += 8;
    }
    let n = bytes.len();
    // fewer than 8 bytes left: the last word of the string covers them
    if n - i < 8
        && let Some(last) = bytes.last_chunk::<8>()
        && !needs_escape(u64::from_le_bytes(*last))
    {
        return n;
    }
    // an escape among the next 8 bytes, or a string shorter than a word
    while i < n && ESCAPE[usize::from(bytes[i])] == 0 {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_str(s: &str) {
        let mut out = Vec::new();
        write_str(&mut out, s);
        let want = serde_json::to_string(s).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            want,
            "string {s:?} is written as serde_json writes it"
        );
    }

    fn same_f64(x: f64) {
        let mut out = Vec::new();
        write_f64(&mut out, x);
        let want = serde_json::to_string(&x).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), want, "float {x:?}");
    }

    #[test]
    fn escapes_like_serde_json() {
        for s in [
            "",
            "plain",
            "\"",
            "\\",
            "\"quoted\" and \\back\\slashed\\",
            "a\u{7f}b",
            "\u{7f}",
            "Zelenskyy’s “end”, Šefčovič, 北京, 🙂",
            "é\n\"",
            "line\r\nbreak\ttab\u{8}\u{c}",
            "/ slash is not escaped",
            "ends with a control\u{1}",
            "\u{1f}starts with one",
        ] {
            same_str(s);
        }
        // every control character, alone and between text
        for c in 0u8..0x20 {
            let c = char::from(c);
            same_str(&c.to_string());
            same_str(&format!("ab{c}cd{c}{c}"));
        }
        // every ASCII byte in one string
        let all: String = (0u8..0x80).map(char::from).collect();
        same_str(&all);
    }

    /// The word-at-a-time scan: an escape at every position of strings up to 3 words long,
    /// and many pseudo-random strings mixing plain ASCII, escapes, 0x7f and multi-byte
    /// characters (bytes >= 0x80 must never be taken for an escape).
    #[test]
    fn escapes_at_every_position_like_serde_json() {
        for len in 0..26 {
            for pos in 0..len {
                for special in ['"', '\\', '\n', '\u{0}', '\u{1f}', '\u{7f}', 'é', '€', '🙂'] {
                    let s: String = (0..len)
                        .map(|i| if i == pos { special } else { 'a' })
                        .collect();
                    same_str(&s);
                }
            }
        }
        let alphabet = [
            'a', 'Z', ' ', '0', '"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{8}', '\u{b}',
            '\u{c}', '\u{1f}', '\u{7f}', '\u{80}', 'é', '—', '’', '€', '北', '🙂', '!', '~',
            '\u{a0}', 'ÿ',
        ];
        let mut next = crate::xorshift(0x9e37_79b9_7f4a_7c15u64);
        for _ in 0..3000 {
            let len = next() % 40;
            let plain = next() % 4; // often long plain runs, as in article text
            let s: String = (0..len)
                .map(|_| {
                    if next() % 8 < plain * 2 {
                        'x'
                    } else {
                        alphabet[next() % alphabet.len()]
                    }
                })
                .collect();
            same_str(&s);
        }
    }

    #[test]
    fn floats_like_serde_json() {
        for x in [
            0.0,
            -0.0,
            5.2,
            -10.0,
            10.0,
            0.8,
            0.6,
            0.1 + 0.2,
            1e-7,
            1.5e-7,
            1e15,
            1e16,
            1e17,
            1e21,
            1e22,
            -4.0,
            2.8,
            -7.2,
            0.35,
            123456.789,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same_f64(x);
        }
        // the confidences the coder computes: products and sums of tenths
        let mut c = 0.8f64;
        for _ in 0..40 {
            same_f64(c);
            same_f64(-c);
            c *= 0.9;
            same_f64(c + 0.05);
        }
    }

    /// The fast path for hundredths ([`write_cents`]) and its edges: every k / 100 up to 2,000
    /// and a stride of them up to 10^6 and past it, each with its neighbouring floats (not
    /// hundredths: the slow path) and its negative.
    #[test]
    fn hundredths_like_serde_json() {
        let every = 0..200_000u64;
        let stride = (200_000..100_100_000u64).step_by(997);
        for k in every.chain(stride) {
            let x = k as f64 / 100.0;
            for y in [
                x,
                f64::from_bits(x.to_bits() + 1),
                f64::from_bits(x.to_bits().max(1) - 1),
            ] {
                same_f64(y);
                same_f64(-y);
            }
        }
        for x in [
            0.001,
            0.005,
            0.009,
            0.01,
            999_999.99,
            1e6,
            1e6 + 0.01,
            0.7200000000000001,
        ] {
            same_f64(x);
            same_f64(-x);
        }
    }

    /// Strings without escapes of every length around the short path's words (0 to 40 bytes),
    /// with a multi-byte character at each end or not.
    #[test]
    fn plain_strings_of_every_length_like_serde_json() {
        for len in 0..40 {
            let plain: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            same_str(&plain);
            same_str(&format!("é{plain}"));
            same_str(&format!("{plain}€"));
        }
    }

    #[test]
    fn integers_and_booleans_like_serde_json() {
        let every = 0..=1_100_000usize;
        let large = [
            9_999_999,
            10_000_000,
            123_456_789,
            u32::MAX as usize,
            usize::MAX,
        ];
        for n in every.chain(large) {
            let mut out = Vec::new();
            write_usize(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
        for n in [0u8, 4, 255] {
            let mut out = Vec::new();
            write_u8(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
        for b in [true, false] {
            let mut out = Vec::new();
            write_bool(&mut out, b);
            assert_eq!(out, serde_json::to_vec(&b).unwrap());
        }
    }

    #[test]
    fn dates_like_serde_json() {
        let d = |year, month, day| Date { year, month, day };
        for date in [
            d(2022, Some(1), Some(14)),
            d(2021, Some(10), None),
            d(2021, None, None),
            d(5, Some(3), Some(9)),
            d(0, None, None),
            d(9999, Some(12), Some(31)),
            d(10000, Some(1), Some(1)),
            d(123456, None, None),
            d(-3, Some(2), None),
            d(-12345, None, None),
            d(i32::MIN, None, None),
            d(2020, Some(123), Some(255)),
            // a day without a month is not written (Display ignores it)
            d(2020, None, Some(5)),
        ] {
            let mut out = Vec::new();
            write_date(&mut out, &date);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&date).unwrap(),
                "{date:?}"
            );
        }
    }

    #[test]
    fn enum_names_like_serde_json() {
        for k in [
            MentionKind::Name,
            MentionKind::Adjective,
            MentionKind::Metonym,
            MentionKind::Person,
            MentionKind::Role,
            MentionKind::Pronoun,
            MentionKind::Description,
            MentionKind::Pair,
            MentionKind::Place,
        ] {
            assert_eq!(mention_kind(k), serde_json::to_vec(&k).unwrap(), "{k:?}");
        }
        for k in [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect] {
            assert_eq!(quote_kind(k), serde_json::to_vec(&k).unwrap(), "{k:?}");
        }
    }

    /// Every optional field both ways, the skipped ones included, and strings that need
    /// escapes in every place a string goes.
    #[test]
    fn a_built_analysis_like_serde_json() {
        let actor = |p: Option<&str>| Actor {
            name: "the \"Kremlin\"\n".into(),
            code: "RUS\\GOV".into(),
            principal: p.map(Into::into),
        };
        let role = |p: Option<&str>| Role {
            name: "Zelenskyy\t".into(),
            code: "UKRGOV".into(),
            principal: p.map(Into::into),
            start: 3,
            end: 12,
        };
        let event = |full: bool| EventOut {
            source: role(Some("UKR")),
            target: role(if full { Some("RUS") } else { None }),
            cameo: "0311".into(),
            root: "03".into(),
            cameo_name: "Express intent to cooperate \"economically\"".into(),
            quad_class: 1,
            goldstein: if full { 5.2 } else { -10.0 },
            plover: full.then(|| Plover {
                kind: "AGREE".into(),
                mode: None,
            }),
            date: full.then_some(Date {
                year: 2022,
                month: Some(1),
                day: None,
            }),
            negated: full,
            hypothetical: !full,
            sentence: 7,
            evidence: Offsets { start: 0, end: 99 },
            trigger: Offsets { start: 10, end: 14 },
            rule: "pattern:agree\u{1}".into(),
            confidence: if full { 0.8 } else { f64::NAN },
        };
        for full in [false, true] {
            let a = Analysis {
                schema: crate::analysis::SCHEMA,
                document: Document {
                    id: "doc \"1\"".into(),
                    title: full.then(|| "Title\u{0}".into()),
                    published: full.then_some(Date {
                        year: 2022,
                        month: Some(1),
                        day: Some(14),
                    }),
                    outlet: full.then(|| "RBC".into()),
                    url: full.then(|| "https://example.org/a?b=\"c\"".into()),
                    language: "en".into(),
                    cited_sources: if full {
                        vec!["Interfax".into(), "TASS\r".into()]
                    } else {
                        Vec::new()
                    },
                    author: full.then(|| "Jane \\ Doe".into()),
                    text: "Russia said \"no\".\n\nNATO\u{7f} — ok".into(),
                },
                sentences: vec![Offsets { start: 0, end: 17 }; if full { 3 } else { 0 }],
                mentions: if full {
                    vec![MentionOut {
                        start: 0,
                        end: 6,
                        actor: actor(None),
                        kind: MentionKind::Name,
                    }]
                } else {
                    Vec::new()
                },
                quotes: vec![QuoteOut {
                    start: 12,
                    end: 16,
                    text: "\"no\"".into(),
                    kind: QuoteKind::Partial,
                    cue: full.then(|| "said".into()),
                    speaker: full.then(|| actor(Some("RUS"))),
                    sentence: 0,
                }],
                events: vec![event(full), event(!full)],
                explain: if full {
                    vec![Explanation {
                        sentence: 1,
                        notes: vec!["matched \"agree\"".into(), String::new()],
                    }]
                } else {
                    Vec::new()
                },
                fields: Fields::ALL,
            };
            let mut out = Vec::new();
            write_analysis(&a, &mut out);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&a).unwrap()
            );
            assert_eq!(to_vec(&a), serde_json::to_vec(&a).unwrap());
        }
    }
}
