//! Stage 1, read: raw bytes of one document (plain text or HTML) in, a clean [`Article`] out:
//! the body text every later offset indexes, plus what the page says about itself (title,
//! publication date, outlet, URL, language, the agencies it cites).
//!
//! Each format has its own file implementing [`Reader`]; [`read`] sniffs the format and
//! checks the bytes first (empty, binary, too large, bad encoding) so that bad input gives a
//! clear error instead of garbage.

mod feed;
mod furniture;
mod html;
mod text;
mod warc;

pub use feed::{is_feed, read_feed};
pub use furniture::{Furniture, cited_in_body};
pub use html::HtmlReader;
pub use text::TextReader;
pub use warc::{Item, WarcError, WarcStats, is_warc, read_warc};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;

/// The largest document accepted, in bytes. News articles are far smaller; a larger input is
/// almost certainly a dump that must be split first.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// The longest article text accepted after reading, in bytes. The longest news features run
/// to about 100 KB of text; a page with megabytes of main text is a dump or an archive page,
/// and the later stages are not meant for it.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// What the caller says about the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Sniff from the bytes.
    #[default]
    Auto,
    Text,
    Html,
}

/// Metadata the caller knows (batch line fields, command-line options).
#[derive(Clone, Debug, Default)]
pub struct Hints {
    pub published: Option<Date>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
}

/// A clean article: the immutable body text and its metadata.
#[derive(Clone, Debug, Default)]
pub struct Article {
    pub title: Option<String>,
    pub published: Option<Date>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: String,
    pub cited_sources: Vec<String>,
    pub text: String,
}

/// One input format.
pub trait Reader {
    /// Turns decoded text of this format into an article.
    fn read(&self, input: &str, hints: &Hints, lex: &Lexicon) -> Result<Article>;
}

/// Checks and decodes `bytes`, picks the reader, and fills what the hints know.
pub fn read(bytes: &[u8], format: Format, hints: &Hints, lex: &Lexicon) -> Result<Article> {
    read_for(bytes, format, hints, lex, true)
}

/// [`read`], where `metadata: false` leaves out what only the document's metadata shows (the
/// agencies the body cites, the language): the text and its publication date, which the
/// analysis reads, are the same either way. (`detente analyze --fields events` prints no
/// metadata; the two scans of the whole body were some 2 % of its run.)
pub fn read_for(
    bytes: &[u8],
    format: Format,
    hints: &Hints,
    lex: &Lexicon,
    metadata: bool,
) -> Result<Article> {
    if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: MAX_BYTES,
        });
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Binary(kind.to_string()));
    }
    let format = match format {
        Format::Auto => sniff(bytes),
        f => f,
    };
    let decoded = decode(bytes, format)?;
    let mut article = match format {
        Format::Html => HtmlReader.read(&decoded, hints, lex)?,
        _ => TextReader.read(&decoded, hints, lex)?,
    };
    if article.text.trim().is_empty() {
        return Err(Error::NoText(match format {
            Format::Html => "only markup and page furniture".into(),
            _ => "only furniture or whitespace".into(),
        }));
    }
    if article.text.len() > MAX_TEXT_BYTES {
        return Err(Error::TooLarge {
            size: article.text.len(),
            limit: MAX_TEXT_BYTES,
        });
    }
    if article.published.is_none() {
        article.published = hints.published;
    }
    if article.url.is_none() {
        article.url = hints.url.clone();
    }
    if let Some(o) = &hints.outlet {
        article.outlet = Some(o.clone());
    }
    if article.title.is_none() {
        article.title = hints.title.clone();
    }
    if metadata {
        for name in cited_in_body(&article.text, lex) {
            if !article.cited_sources.contains(&name) {
                article.cited_sources.push(name);
            }
        }
        article.language = crate::lang::detect(&article.text).to_string();
    }
    Ok(article)
}

/// Recognises binary files by their magic numbers or by NUL bytes near the start.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF-", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
        (b"\x7fELF", "an executable"),
        (b"BZh", "bzip2-compressed data (decompress it first)"),
        (
            b"\x28\xb5\x2f\xfd",
            "zstd-compressed data (decompress it first)",
        ),
        (b"RIFF", "a RIFF media file"),
        (b"SQLite format 3\0", "an SQLite database"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(8192)];
    // UTF-16 text has many NULs too, but only with a BOM; treat the rest as binary
    if memchr::memchr(0, head).is_some()
        && !(head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff"))
    {
        return Some("bytes with NUL characters");
    }
    None
}

fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(4096)];
    // every marker below starts with '<' (which the lossy decoding keeps as it is): a head
    // without one is text, found without copying and searching it eight times
    if memchr::memchr(b'<', head).is_none() {
        return Format::Text;
    }
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    let markers = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<article",
        "<p>",
        "<div",
        "<meta",
    ];
    if t.starts_with('<') && markers.iter().any(|m| t.contains(m))
        || markers[..4].iter().any(|m| t.contains(m))
    {
        Format::Html
    } else {
        Format::Text
    }
}

/// UTF-8 (with or without BOM) or UTF-16 with BOM; HTML may declare another charset, and an
/// HTML page that is neither valid UTF-8 nor declared is decoded with the single-byte
/// encoding whose reading looks most like text ([`detect_single_byte`]), or rejected when
/// none does.
fn decode(bytes: &[u8], format: Format) -> Result<std::borrow::Cow<'_, str>> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = enc.decode(&bytes[bom..]);
        return Ok(text.into_owned().into());
    }
    // UTF-8 input (nearly all) is read in place, not copied
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.into()),
        Err(e) => {
            // a page may declare its charset, and legacy pages often omit it; plain text
            // must be UTF-8
            if format == Format::Html
                && let Some(enc) =
                    html::declared_charset(bytes).or_else(|| detect_single_byte(bytes))
            {
                let (text, _) = enc.decode_without_bom_handling(bytes);
                return Ok(text.into_owned().into());
            }
            Err(Error::Encoding {
                offset: e.valid_up_to(),
            })
        }
    }
}

/// The single-byte encodings tried, in order of preference on a tie.
const CANDIDATES: [&encoding_rs::Encoding; 3] = [
    encoding_rs::WINDOWS_1251,
    encoding_rs::KOI8_R,
    encoding_rs::WINDOWS_1252,
];

/// Guesses the encoding of bytes that are not UTF-8 and declare none: each candidate's reading
/// of the first 64 KB is scored by how much it looks like text (`plausibility`); the best
/// wins if it is plausible at all. `None` for bytes no candidate reads as text.
pub fn detect_single_byte(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let mut best: Option<(&'static encoding_rs::Encoding, f64)> = None;
    for enc in CANDIDATES {
        let (text, _) = enc.decode_without_bom_handling(head);
        let (good, bad) = plausibility(&text);
        // most of what is not ASCII must read as letters of words
        if good <= 0.0 || bad > good * 0.2 {
            continue;
        }
        let score = good - 4.0 * bad;
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((enc, score));
        }
    }
    best.map(|(enc, _)| enc)
}

/// How much a decoded text looks like natural-language text: `(good, bad)` evidence from its
/// non-ASCII characters. Letters in words of one script, cased like words, count for it
/// (Russian letters by their frequency); control characters, stray symbols, a capital inside
/// a lowercase word ("пРИВЕТ"), words mixing ASCII and Cyrillic letters and Latin words made
/// mostly of accented letters ("Ïðèâåò") count against it.
fn plausibility(text: &str) -> (f64, f64) {
    let (mut good, mut bad) = (0.0f64, 0.0f64);
    let mut word: Vec<char> = Vec::new();
    let judge = |word: &[char], good: &mut f64, bad: &mut f64| {
        let non_ascii = word.iter().filter(|c| !c.is_ascii()).count();
        if non_ascii == 0 {
            return;
        }
        let ascii = word.len() - non_ascii;
        let cyrillic = word
            .iter()
            .filter(|c| ('\u{400}'..='\u{4ff}').contains(*c))
            .count();
        let miscased = word
            .windows(2)
            .filter(|w| w[0].is_lowercase() && w[1].is_uppercase())
            .count();
        *bad += 2.0 * miscased as f64;
        if cyrillic > 0 && (ascii > 0 || cyrillic < non_ascii) {
            *bad += non_ascii as f64;
        } else if cyrillic > 0 {
            for c in word {
                *good += russian_weight(*c);
            }
        } else if word.len() >= 4 && non_ascii * 2 > word.len() {
            *bad += non_ascii as f64;
        } else {
            *good += non_ascii as f64;
        }
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
            continue;
        }
        judge(&word, &mut good, &mut bad);
        word.clear();
        if c.is_ascii() {
            if c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
                bad += 1.0;
            }
        } else if c.is_control() || c == '\u{fffd}' {
            bad += 2.0;
        } else if matches!(
            c,
            '«' | '»'
                | '—'
                | '–'
                | '“'
                | '”'
                | '„'
                | '‘'
                | '’'
                | '…'
                | '№'
                | '°'
                | '€'
                | '·'
                | '•'
                | '©'
                | '\u{a0}'
        ) {
            good += 0.5;
        } else {
            bad += 1.0;
        }
    }
    judge(&word, &mut good, &mut bad);
    (good, bad)
}

/// A Cyrillic letter's weight as evidence of Russian text: common letters count fully, rare
/// ones a little, the rarest (ъ, ё) against.
fn russian_weight(c: char) -> f64 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    if "оеаинтсрвлкмдпуяыьгзб".contains(lower) {
        1.0
    } else if "чйхжшюцщэф".contains(lower) {
        0.4
    } else if "ъё".contains(lower) {
        -0.5
    } else {
        // other Cyrillic letters (Ukrainian, Serbian, ...)
        0.3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_metadata_the_text_and_date_are_the_same_and_nothing_else_is_scanned() {
        // the text the analysis reads and its date must not depend on the metadata wanted:
        // `--fields events` reads with `metadata: false`
        let lex = Lexicon::builtin().unwrap();
        let text = "Talks end\n\nMOSCOW, January 10, 2022 (Reuters) - Russia and NATO held talks in Brussels, RBC reports.\n\nThe alliance said it was ready for more meetings.";
        let full = read(text.as_bytes(), Format::Text, &Hints::default(), &lex).unwrap();
        let lean = read_for(
            text.as_bytes(),
            Format::Text,
            &Hints::default(),
            &lex,
            false,
        )
        .unwrap();
        assert_eq!(full.text, lean.text);
        assert_eq!(full.published, lean.published);
        assert_eq!(
            full.published.map(|d| d.to_string()).as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(full.title, lean.title);
        assert_eq!(full.language, "en");
        assert!(
            full.cited_sources.iter().any(|s| s == "RBC"),
            "{:?}",
            full.cited_sources
        );
        assert_eq!(lean.language, "");
        assert!(
            !lean.cited_sources.iter().any(|s| s == "RBC"),
            "{:?}",
            lean.cited_sources
        );
    }

    #[test]
    fn rejects_empty_binary_and_bad_utf8() {
        let lex = Lexicon::builtin().unwrap();
        let h = Hints::default();
        assert!(matches!(
            read(b"", Format::Auto, &h, &lex),
            Err(Error::Empty)
        ));
        assert!(matches!(
            read(b"  \n ", Format::Auto, &h, &lex),
            Err(Error::Empty)
        ));
        assert!(matches!(
            read(b"\x89PNG\r\n\x1a\nxxxx", Format::Auto, &h, &lex),
            Err(Error::Binary(_))
        ));
        assert!(matches!(
            read(b"Caf\xe9 au lait.", Format::Auto, &h, &lex),
            Err(Error::Encoding { offset: 3 })
        ));
        // a page of high bytes that no single-byte encoding reads as words
        assert!(matches!(
            read(
                b"<p>ab\x81\x8d\x8f\x90\x9d\x01\x02\x03\x98\x98 x</p>",
                Format::Auto,
                &h,
                &lex
            ),
            Err(Error::Encoding { offset: 5 })
        ));
    }

    const RUSSIAN: &str = "Отношения между Россией и НАТО находятся на критически низком уровне, заявил заместитель министра обороны Александр Фомин после встречи в Брюсселе. Россия рассчитывает на конструктивное обсуждение предложенных гарантий.";

    fn encode(enc: &'static encoding_rs::Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(s);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn undeclared_single_byte_encodings_are_detected() {
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
            let bytes = encode(enc, RUSSIAN);
            assert_eq!(detect_single_byte(&bytes), Some(enc), "{}", enc.name());
            assert_eq!(decode(&bytes, Format::Html).unwrap(), RUSSIAN);
            // plain text must be UTF-8
            assert!(decode(&bytes, Format::Text).is_err());
            // a short headline in capitals only
            let caps = encode(enc, "СРОЧНО: ПЕРЕГОВОРЫ В ЖЕНЕВЕ ЗАВЕРШЕНЫ");
            assert_eq!(detect_single_byte(&caps), Some(enc), "caps {}", enc.name());
        }
        for latin in [
            "Café au lait, s'il vous plaît: déjà très élevé.",
            "Die Gespräche in Genf wurden für Montag ausgesetzt, hieß es.",
        ] {
            let bytes = encode(encoding_rs::WINDOWS_1252, latin);
            assert_eq!(detect_single_byte(&bytes), Some(encoding_rs::WINDOWS_1252));
            assert_eq!(decode(&bytes, Format::Html).unwrap(), latin);
        }
    }

    #[test]
    fn html_without_a_charset_in_windows_1251_and_koi8_r() {
        let lex = Lexicon::builtin().unwrap();
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
            let page = format!(
                "<html><head><title>Россия и НАТО</title></head><body><article><p>{RUSSIAN}</p><p>{RUSSIAN}</p></article></body></html>"
            );
            let a = read(&encode(enc, &page), Format::Auto, &Hints::default(), &lex).unwrap();
            assert!(
                a.text.starts_with("Отношения между Россией и НАТО"),
                "{}: {}",
                enc.name(),
                a.text
            );
            assert_eq!(a.title.as_deref(), Some("Россия и НАТО"));
            assert_eq!(a.language, "ru");
        }
    }

    #[test]
    fn html_declaring_koi8_r_decodes() {
        let lex = Lexicon::builtin().unwrap();
        let page = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body><p>{RUSSIAN}</p></body></html>"
        );
        let a = read(
            &encode(encoding_rs::KOI8_R, &page),
            Format::Auto,
            &Hints::default(),
            &lex,
        )
        .unwrap();
        assert_eq!(a.text, RUSSIAN);
    }

    #[test]
    fn an_article_text_over_the_limit_is_a_clear_error() {
        let lex = Lexicon::builtin().unwrap();
        let para = "Russia and NATO held talks in Brussels on Monday, the ministry said.\n\n";
        let text = para.repeat(MAX_TEXT_BYTES / para.len() + 10);
        match read(text.as_bytes(), Format::Auto, &Hints::default(), &lex) {
            Err(Error::TooLarge { size, limit }) => {
                assert!(size > limit && limit == MAX_TEXT_BYTES)
            }
            other => panic!("want TooLarge, got {:?}", other.map(|a| a.text.len())),
        }
    }

    #[test]
    fn html_with_declared_charset_decodes() {
        let lex = Lexicon::builtin().unwrap();
        let page = b"<html><head><meta charset=\"windows-1251\"><title>T</title></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2 world, this is a long enough paragraph of text.</p></body></html>";
        let a = read(page, Format::Auto, &Hints::default(), &lex).unwrap();
        assert!(a.text.contains("Привет"), "{}", a.text);
    }

    /// The fuzzing corpus (`fuzz/corpus/<target>`, kept small and minimised) replayed as the
    /// fuzz targets read it: an article or an error for every input, never a panic.
    #[test]
    fn the_fuzzing_corpus_reads_without_panics() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
        let Ok(targets) = std::fs::read_dir(&root) else {
            eprintln!("SKIPPED: no fuzzing corpus at {}", root.display());
            return;
        };
        let lex = Lexicon::builtin().unwrap();
        let h = Hints::default();
        let mut n = 0;
        for target in targets.flatten() {
            let name = target.file_name().to_string_lossy().into_owned();
            for f in std::fs::read_dir(target.path()).unwrap().flatten() {
                let data = std::fs::read(f.path()).unwrap();
                n += 1;
                let mut items = Vec::new();
                match name.as_str() {
                    "read_html" => {
                        let _ = read(&data, Format::Html, &h, &lex);
                        let _ = read(&data, Format::Auto, &h, &lex);
                    }
                    "read_warc" => {
                        read_warc(data.as_slice(), |i| items.push(i), |_| {});
                    }
                    "read_feed" => items = read_feed(&data).unwrap_or_default(),
                    _ => {}
                }
                for item in items {
                    let _ = read(&item.bytes, item.format, &item.hints, &lex);
                }
            }
        }
        assert!(n > 0, "an empty corpus at {}", root.display());
    }
}
