//! RSS and Atom feeds: each item (title, date, link, content or summary) is a document.
//! Dates the feed gets wrong are left out, never fatal; a feed that cannot be parsed is one
//! clear error.

use super::warc::Item;
use super::{Format, Hints};
use crate::date::Date;
use crate::error::{Error, Result};

/// Whether bytes look like an RSS or Atom feed.
pub fn is_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    (t.starts_with("<?xml")
        || t.starts_with("<rss")
        || t.starts_with("<feed")
        || t.starts_with("<rdf"))
        && (head.contains("<rss")
            || head.contains("<feed")
            || head.contains("<rdf:rdf")
            || head.contains("<channel"))
}

/// The items of a feed as documents.
pub fn read_feed(bytes: &[u8]) -> Result<Vec<Item>> {
    let feed = feed_rs::parser::parse(bytes)
        .map_err(|e| Error::NoText(format!("not a readable RSS/Atom feed: {e}")))?;
    let site = feed.title.as_ref().map(|t| t.content.trim().to_string());
    let mut out = Vec::new();
    for (n, e) in feed.entries.into_iter().enumerate() {
        let body = e
            .content
            .and_then(|c| c.body)
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let title = e.title.map(|t| t.content.trim().to_string());
        if body.trim().is_empty() && title.is_none() {
            continue;
        }
        let url = e.links.first().map(|l| l.href.clone());
        let published = e
            .published
            .or(e.updated)
            .and_then(|d| Date::parse(&d.format("%Y-%m-%d").to_string()));
        // a body without markup is text; wrap it so both go through the HTML reader
        let html = if body.contains('<') {
            body
        } else {
            format!("<p>{}</p>", body.replace('&', "&amp;").replace('<', "&lt;"))
        };
        let id = if e.id.is_empty() {
            url.clone().unwrap_or_else(|| format!("item {}", n + 1))
        } else {
            e.id
        };
        out.push(Item {
            id,
            bytes: html.into_bytes(),
            format: Format::Html,
            hints: Hints {
                published,
                url,
                outlet: site.clone(),
                title,
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_a_bad_date() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
            <item><title>Talks end</title><link>https://e.example/1</link><pubDate>Fri, 14 Jan 2022 10:00:00 GMT</pubDate>
            <description>Russia and NATO held talks in Brussels on Monday.</description></item>
            <item><title>Second</title><link>https://e.example/2</link><pubDate>not a date at all</pubDate>
            <description>&lt;p&gt;The alliance expelled eight Russian diplomats.&lt;/p&gt;</description></item>
            </channel></rss>"#;
        assert!(is_feed(rss));
        let items = read_feed(rss).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].hints.published.map(|d| d.to_string()),
            Some("2022-01-14".into())
        );
        assert_eq!(items[0].hints.outlet.as_deref(), Some("Example News"));
        assert_eq!(items[1].hints.published, None);
    }

    #[test]
    fn atom_entries() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2022-01-14T00:00:00Z</updated>
            <entry><title>One</title><id>urn:1</id><updated>2022-01-13T00:00:00Z</updated><link href="https://e.example/a"/><content type="html">&lt;p&gt;Ukraine and Poland signed an agreement.&lt;/p&gt;</content></entry></feed>"#;
        let items = read_feed(atom).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].id, "urn:1");
    }
}
