//! WARC 1.0 and 1.1 (as in Common Crawl CC-NEWS), plain or gzip-compressed per record or as a
//! whole: `response` records with an HTTP message become documents; other records and non-HTML
//! responses are counted and skipped. A record with a lying Content-Length or a truncated
//! stream does not lose the records around it: the reader finds the next `WARC/` header.

use super::{Format, Hints};
use crate::date::Date;
use std::io::{BufRead, BufReader, Read};

/// One document found in a container (a WARC response, a feed item).
#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub bytes: Vec<u8>,
    pub format: Format,
    pub hints: Hints,
}

/// What a WARC pass saw besides its documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WarcStats {
    pub records: usize,
    pub responses: usize,
    /// Responses that are not HTML (images, PDFs, JSON, ...).
    pub skipped_not_html: usize,
    /// Records of other types (request, metadata, warcinfo, ...).
    pub skipped_other: usize,
    /// Bytes skipped to find the next record after a malformed one.
    pub resynced_bytes: usize,
}

/// A WARC problem that cost one record, or the rest of a truncated stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarcError {
    /// The record (its 1-based position in the file) where it happened.
    pub record: usize,
    pub message: String,
}

/// Whether bytes start a WARC file (plain, or gzip holding one).
pub fn is_warc(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"WARC/") {
        return true;
    }
    if bytes.starts_with(b"\x1f\x8b") {
        let mut head = [0u8; 5];
        let mut d = flate2::read::MultiGzDecoder::new(bytes);
        return d.read_exact(&mut head).is_ok() && &head == b"WARC/";
    }
    false
}

/// Streams the documents of a WARC file. `on_item` gets each document, `on_error` each
/// malformed record; the stats come back at the end.
pub fn read_warc<R: Read>(
    input: R,
    mut on_item: impl FnMut(Item),
    mut on_error: impl FnMut(WarcError),
) -> WarcStats {
    let mut raw = BufReader::with_capacity(1 << 16, input);
    let gz = raw
        .fill_buf()
        .map(|b| b.starts_with(b"\x1f\x8b"))
        .unwrap_or(false);
    let reader: Box<dyn BufRead + '_> = if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(raw),
        ))
    } else {
        Box::new(raw)
    };
    let mut w = WarcReader {
        r: reader,
        stats: WarcStats::default(),
        line: Vec::new(),
    };
    loop {
        match w.next_record() {
            Ok(None) => break,
            Ok(Some(rec)) => {
                if let Some(item) = w.to_item(rec) {
                    on_item(item);
                }
            }
            Err((fatal, message)) => {
                on_error(WarcError {
                    record: w.stats.records,
                    message,
                });
                if fatal {
                    break;
                }
            }
        }
    }
    w.stats
}

struct Record {
    kind: String,
    uri: Option<String>,
    date: Option<String>,
    id: Option<String>,
    content_type: String,
    block: Vec<u8>,
}

struct WarcReader<'a> {
    r: Box<dyn BufRead + 'a>,
    stats: WarcStats,
    line: Vec<u8>,
}

impl WarcReader<'_> {
    /// Reads one line (without its end); `Ok(false)` at the end of the stream.
    fn read_line(&mut self) -> Result<bool, String> {
        self.line.clear();
        match self.r.read_until(b'\n', &mut self.line) {
            Ok(0) => Ok(false),
            Ok(_) => {
                while self.line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                    self.line.pop();
                }
                Ok(true)
            }
            Err(e) => Err(format!(
                "the stream is damaged ({e}); records after this point are lost"
            )),
        }
    }

    /// The next record; `Err((fatal, message))` for a malformed one.
    fn next_record(&mut self) -> Result<Option<Record>, (bool, String)> {
        // find the version line, skipping blank lines and (after a bad record) garbage
        let mut skipped = 0usize;
        loop {
            if !self.read_line().map_err(|m| (true, m))? {
                self.stats.resynced_bytes += skipped;
                return Ok(None);
            }
            if self.line.starts_with(b"WARC/1.") {
                break;
            }
            if !self.line.is_empty() {
                skipped += self.line.len() + 1;
            }
        }
        self.stats.resynced_bytes += skipped;
        self.stats.records += 1;
        let mut len: Option<usize> = None;
        let (mut kind, mut uri, mut date, mut id, mut ctype) =
            (String::new(), None, None, None, String::new());
        loop {
            if !self.read_line().map_err(|m| (true, m))? {
                return Err((
                    true,
                    "the file ends inside a record header (truncated)".into(),
                ));
            }
            if self.line.is_empty() {
                break;
            }
            let l = String::from_utf8_lossy(&self.line).into_owned();
            let Some((k, v)) = l.split_once(':') else {
                continue;
            };
            let v = v.trim().to_string();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-length" => len = v.parse().ok(),
                "warc-type" => kind = v.to_ascii_lowercase(),
                "warc-target-uri" => uri = Some(v.trim_matches(['<', '>']).to_string()),
                "warc-date" => date = Some(v),
                "warc-record-id" => id = Some(v.trim_matches(['<', '>']).to_string()),
                "content-type" => ctype = v.to_ascii_lowercase(),
                _ => {}
            }
        }
        let Some(len) = len else {
            return Err((
                false,
                "record without a Content-Length; skipped to the next record".into(),
            ));
        };
        let mut block = Vec::with_capacity(len.min(64 << 20));
        let got = (&mut self.r)
            .take(len as u64)
            .read_to_end(&mut block)
            .map_err(|e| (true, format!("the stream is damaged inside a record ({e})")))?;
        if got < len {
            return Err((
                true,
                format!("the file ends inside a record: {got} of {len} bytes (truncated)"),
            ));
        }
        Ok(Some(Record {
            kind,
            uri,
            date,
            id,
            content_type: ctype,
            block,
        }))
    }

    fn to_item(&mut self, rec: Record) -> Option<Item> {
        if rec.kind != "response" && rec.kind != "resource" {
            self.stats.skipped_other += 1;
            return None;
        }
        self.stats.responses += 1;
        let (body, http_type) = if rec.content_type.starts_with("application/http") {
            split_http(&rec.block)?
        } else {
            (rec.block.as_slice(), rec.content_type.clone())
        };
        let html = http_type.contains("html")
            || http_type.is_empty() && body.iter().take(512).any(|&b| b == b'<');
        if !html {
            self.stats.skipped_not_html += 1;
            return None;
        }
        let published = rec.date.as_deref().and_then(Date::parse);
        let bytes = transcode(body, &http_type);
        Some(Item {
            id: rec
                .id
                .or_else(|| rec.uri.clone())
                .unwrap_or_else(|| format!("record {}", self.stats.records)),
            bytes,
            format: Format::Html,
            hints: Hints {
                published,
                url: rec.uri,
                ..Hints::default()
            },
        })
    }
}

/// The body as UTF-8 when the HTTP Content-Type names another charset and the body is not
/// already UTF-8 (the header outranks the page's own `<meta charset>`); otherwise as it is,
/// for the document reader to decode.
fn transcode(body: &[u8], content_type: &str) -> Vec<u8> {
    let label = content_type.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim() == "charset").then(|| v.trim().trim_matches(['"', '\'']))
    });
    let enc = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    match enc {
        Some(enc)
            if enc != encoding_rs::UTF_8
                && encoding_rs::Encoding::for_bom(body).is_none()
                && std::str::from_utf8(body).is_err() =>
        {
            enc.decode_without_bom_handling(body)
                .0
                .into_owned()
                .into_bytes()
        }
        _ => body.to_vec(),
    }
}

/// Splits an HTTP response into its body and Content-Type.
fn split_http(block: &[u8]) -> Option<(&[u8], String)> {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|p| p + 2))?;
    let head = String::from_utf8_lossy(&block[..end]).to_ascii_lowercase();
    let ctype = head
        .lines()
        .find_map(|l| l.strip_prefix("content-type:"))
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    Some((&block[end..], ctype))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, ctype: &str, body: &[u8], lie: Option<usize>) -> Vec<u8> {
        let http = [
            format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n").into_bytes(),
            body.to_vec(),
        ]
        .concat();
        let len = lie.unwrap_or(http.len());
        let mut out = format!("WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-01-14T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {len}\r\n\r\n").into_bytes();
        out.extend(http);
        out.extend(b"\r\n\r\n");
        out
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn run(bytes: &[u8]) -> (Vec<Item>, Vec<WarcError>, WarcStats) {
        let mut items = Vec::new();
        let mut errors = Vec::new();
        let stats = read_warc(bytes, |i| items.push(i), |e| errors.push(e));
        (items, errors, stats)
    }

    #[test]
    fn responses_become_documents_per_record_gzip() {
        let page = b"<html><body><p>NATO and Russia held talks in Brussels.</p></body></html>";
        let mut file = gz(&record(
            "response",
            "https://a.example/1",
            "text/html; charset=utf-8",
            page,
            None,
        ));
        file.extend(gz(&record(
            "request",
            "https://a.example/1",
            "text/html",
            b"",
            None,
        )));
        file.extend(gz(&record(
            "response",
            "https://a.example/logo.png",
            "image/png",
            b"\x89PNG....",
            None,
        )));
        file.extend(gz(&record(
            "response",
            "https://a.example/2",
            "text/html",
            page,
            None,
        )));
        assert!(is_warc(&file));
        let (items, errors, stats) = run(&file);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].hints.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(
            stats,
            WarcStats {
                records: 4,
                responses: 3,
                skipped_not_html: 1,
                skipped_other: 1,
                resynced_bytes: 0
            }
        );
    }

    #[test]
    fn a_lying_content_length_costs_one_record_only() {
        let page = b"<html><body><p>Text of the page goes here.</p></body></html>";
        let mut file = record(
            "response",
            "https://a.example/1",
            "text/html",
            page,
            Some(20),
        );
        file.extend(record(
            "response",
            "https://a.example/2",
            "text/html",
            page,
            None,
        ));
        let (items, _errors, stats) = run(&file);
        assert_eq!(
            items.last().and_then(|i| i.hints.url.as_deref()),
            Some("https://a.example/2")
        );
        assert!(stats.resynced_bytes > 0);
    }

    #[test]
    fn the_http_charset_decodes_the_body() {
        let (body, _, _) =
            encoding_rs::KOI8_R.encode("<html><body><p>Переговоры в Женеве</p></body></html>");
        let file = record(
            "response",
            "https://a.example/ru",
            "text/html; charset=\"KOI8-R\"",
            &body,
            None,
        );
        let (items, errors, _) = run(&file);
        assert!(errors.is_empty(), "{errors:?}");
        let page = String::from_utf8(items[0].bytes.clone()).unwrap();
        assert!(page.contains("Переговоры в Женеве"), "{page}");
        // UTF-8 bodies stay as they are whatever the header says
        assert_eq!(
            transcode(
                "<p>Привет</p>".as_bytes(),
                "text/html; charset=windows-1251"
            ),
            "<p>Привет</p>".as_bytes()
        );
    }

    #[test]
    fn truncated_gzip_keeps_the_records_before_it() {
        let page = b"<html><body><p>Text of the page goes here.</p></body></html>";
        let mut file = gz(&record(
            "response",
            "https://a.example/1",
            "text/html",
            page,
            None,
        ));
        let second = gz(&record(
            "response",
            "https://a.example/2",
            "text/html",
            page,
            None,
        ));
        file.extend(&second[..second.len() / 2]);
        let (items, errors, _) = run(&file);
        assert_eq!(items.len(), 1);
        assert_eq!(errors.len(), 1, "{errors:?}");
    }
}
