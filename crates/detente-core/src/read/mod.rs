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
    article.language = crate::lang::detect(&article.text).to_string();
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
    let nul = head.iter().filter(|&&b| b == 0).count();
    // UTF-16 text has many NULs too, but only with a BOM; treat the rest as binary
    if nul > 0 && !(head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff")) {
        return Some("bytes with NUL characters");
    }
    None
}

fn sniff(bytes: &[u8]) -> Format {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
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

/// UTF-8 (with or without BOM) or UTF-16 with BOM; HTML may declare another charset.
fn decode(bytes: &[u8], format: Format) -> Result<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = enc.decode(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            if format == Format::Html {
                if let Some(enc) = html::declared_charset(bytes) {
                    let (text, _, _) = enc.decode(bytes);
                    return Ok(text.into_owned());
                }
            }
            Err(Error::Encoding {
                offset: e.valid_up_to(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn html_with_declared_charset_decodes() {
        let lex = Lexicon::builtin().unwrap();
        let page = b"<html><head><meta charset=\"windows-1251\"><title>T</title></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2 world, this is a long enough paragraph of text.</p></body></html>";
        let a = read(page, Format::Auto, &Hints::default(), &lex).unwrap();
        assert!(a.text.contains("Привет"), "{}", a.text);
    }
}
