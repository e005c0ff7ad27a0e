//! The HTML reader: metadata from the head (Open Graph, JSON-LD, meta tags, `<time>`), the
//! main content from the block elements of the densest container, page chrome (navigation,
//! asides, footers, forms, captions) left out, and the same furniture rules as plain text.

use super::{Article, Hints, Reader, furniture::Furniture, text};
use crate::date::Date;
use crate::error::Result;
use crate::lexicon::Lexicon;
use scraper::{ElementRef, Html, Selector};
use std::collections::HashMap;

/// Reads HTML pages.
pub struct HtmlReader;

/// Elements whose content is never article text.
const CHROME: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "script",
    "style",
    "noscript",
    "figure",
    "figcaption",
    "button",
    "select",
    "iframe",
    "svg",
    "template",
];
/// Class or id fragments that mark chrome.
const CHROME_HINTS: &[&str] = &[
    "comment",
    "related",
    "share",
    "social",
    "footer",
    "sidebar",
    "menu",
    "nav",
    "promo",
    "newsletter",
    "subscribe",
    "advert",
    "cookie",
    "breadcrumb",
    "caption",
    "byline",
    "tags",
    "recommend",
    "popular",
    "widget",
];
/// Elements that make paragraphs of `document.text`.
const BLOCKS: &str = "p, h2, h3, h4, h5, li, blockquote, pre";

impl Reader for HtmlReader {
    fn read(&self, input: &str, hints: &Hints, lex: &Lexicon) -> Result<Article> {
        let doc = Html::parse_document(input);
        // readability's candidate scoring first (dom_smoothie); our block scorer when it finds nothing
        let mut blocks = readability_blocks(input);
        if blocks.iter().map(String::len).sum::<usize>() < 200 {
            blocks = main_blocks(&doc);
        }
        let lines: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let (body, furniture) = Furniture::sort(&lines, lex);
        let mut paragraphs = Vec::with_capacity(body.len() * 2);
        for b in body {
            paragraphs.push(b);
            paragraphs.push("");
        }
        let title = hints.title.clone().or_else(|| title(&doc));
        let mut article =
            text::article_from(title, text::join_paragraphs(&paragraphs), furniture, lex);
        let meta = meta_map(&doc);
        let pick = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| meta.get(*k).filter(|v| !v.trim().is_empty()).cloned())
        };
        if let Some(d) = pick(&[
            "article:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "og:published_time",
            "sailthru.date",
            "parsely-pub-date",
        ])
        .and_then(|v| Date::parse(&v))
        .or_else(|| json_ld_date(&doc))
        .or_else(|| time_element(&doc))
        {
            article.published = Some(d);
        }
        if let Some(site) = pick(&["og:site_name", "application-name"]) {
            article.outlet = Some(site.trim().to_string());
        }
        article.author = pick(&["author", "article:author", "parsely-author"]);
        article.url = pick(&["og:url"]).or_else(|| hints.url.clone());
        Ok(article)
    }
}

/// `<meta>` values by lowercased `property`, `name` or `itemprop`.
fn meta_map(doc: &Html) -> HashMap<String, String> {
    let mut m = HashMap::new();
    let sel = Selector::parse("meta").expect("static selector");
    for el in doc.select(&sel) {
        let v = el.value();
        let Some(content) = v.attr("content") else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = v.attr(key) {
                m.entry(k.to_ascii_lowercase())
                    .or_insert_with(|| content.to_string());
            }
        }
    }
    m
}

fn title(doc: &Html) -> Option<String> {
    let meta = meta_map(doc);
    if let Some(t) = meta.get("og:title").or_else(|| meta.get("twitter:title")) {
        return Some(clean(t));
    }
    let h1 = Selector::parse("h1").expect("static selector");
    if let Some(h) = doc.select(&h1).next() {
        let t = clean(&h.text().collect::<String>());
        if !t.is_empty() {
            return Some(t);
        }
    }
    let ts = Selector::parse("title").expect("static selector");
    let t = clean(&doc.select(&ts).next()?.text().collect::<String>());
    // "Headline | Site" / "Headline - Site": keep the longest part
    let best = split_many(&t, &[" | ", " - ", " — ", " – ", " :: "])
        .into_iter()
        .fold("", |a, b| if b.len() > a.len() { b } else { a });
    (!best.is_empty()).then(|| best.trim().to_string())
}

/// Splits at any of several separators.
fn split_many<'a>(s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let mut parts = vec![s];
    for sep in seps {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
}

fn json_ld_date(doc: &Html) -> Option<Date> {
    let sel = Selector::parse("script[type=\"application/ld+json\"]").expect("static selector");
    for s in doc.select(&sel) {
        let raw: String = s.text().collect();
        if let Some(i) = raw.find("\"datePublished\"") {
            let rest = &raw[i + 15..];
            let v = rest.split('"').nth(1)?;
            if let Some(d) = Date::parse(v) {
                return Some(d);
            }
        }
    }
    None
}

fn time_element(doc: &Html) -> Option<Date> {
    let sel = Selector::parse("time[datetime]").expect("static selector");
    doc.select(&sel)
        .find_map(|t| Date::parse(t.value().attr("datetime")?))
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_chrome(el: &ElementRef) -> bool {
    let v = el.value();
    if CHROME.contains(&v.name()) {
        return true;
    }
    // page-level containers carry page-level classes ("has-sidebar"): never chrome by hint
    if matches!(v.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    let attrs = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    CHROME_HINTS.iter().any(|h| {
        attrs
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == *h || w.starts_with(h))
    }) || v
        .attr("role")
        .is_some_and(|r| matches!(r, "navigation" | "complementary" | "contentinfo" | "banner"))
        || v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
}

/// The text blocks of the main content: every block element outside chrome, scored by
/// container; the container with the most non-link text wins, plus its headings and lists.
fn main_blocks(doc: &Html) -> Vec<String> {
    let sel = Selector::parse(BLOCKS).expect("static selector");
    let links = Selector::parse("a").expect("static selector");
    let mut candidates: Vec<(ElementRef, String)> = Vec::new();
    for el in doc.select(&sel) {
        if el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| is_chrome(&a))
            || is_chrome(&el)
        {
            continue;
        }
        // nested blocks (a <p> inside a <li> or <blockquote>) are taken with the outer block
        if el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| matches!(a.value().name(), "p" | "li" | "blockquote" | "pre"))
        {
            continue;
        }
        let text = clean(&el.text().collect::<String>());
        if text.is_empty() {
            continue;
        }
        let link_chars: usize = el
            .select(&links)
            .map(|a| a.text().map(str::len).sum::<usize>())
            .sum();
        if link_chars * 2 > text.len() && text.len() < 200 {
            continue;
        }
        candidates.push((el, text));
    }
    // score containers: the parent of each block gets the block's text length
    let mut score: HashMap<ego_tree::NodeId, usize> = HashMap::new();
    for (el, text) in &candidates {
        if el.value().name() == "p" || el.value().name() == "blockquote" {
            if let Some(p) = el.parent() {
                *score.entry(p.id()).or_default() += text.len();
            }
        }
    }
    let best = score.iter().max_by_key(|(_, s)| **s).map(|(id, _)| *id);
    let Some(best) = best else {
        if candidates.is_empty() {
            return loose_text(doc);
        }
        return candidates.into_iter().map(|(_, t)| t).collect();
    };
    // the container and, when it is shallow (a paragraph-wrapper div), its parent
    let best_node = doc.tree.get(best);
    let scope: Vec<ego_tree::NodeId> = best_node
        .into_iter()
        .flat_map(|n| std::iter::once(n.id()).chain(n.parent().map(|p| p.id())))
        .collect();
    let total: usize = candidates.iter().map(|(_, t)| t.len()).sum();
    let in_scope: Vec<String> = candidates
        .iter()
        .filter(|(el, _)| el.ancestors().any(|a| scope.contains(&a.id())))
        .map(|(_, t)| t.clone())
        .collect();
    let covered: usize = in_scope.iter().map(String::len).sum();
    // text spread over sibling containers: fall back to all blocks
    if covered * 3 < total {
        candidates.into_iter().map(|(_, t)| t).collect()
    } else {
        in_scope
    }
}

/// The main content by readability's algorithm (dom_smoothie), as paragraphs.
fn readability_blocks(input: &str) -> Vec<String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let Ok(mut r) = dom_smoothie::Readability::new(input, None, Some(cfg)) else {
        return Vec::new();
    };
    let Ok(article) = r.parse() else {
        return Vec::new();
    };
    article
        .text_content
        .split('\n')
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Pages without paragraph markup (text in `<div>`s and `<br>`s): the text of the body
/// outside chrome, one block per block-level parent.
fn loose_text(doc: &Html) -> Vec<String> {
    const BLOCK: &[&str] = &[
        "div", "section", "article", "main", "td", "th", "body", "center", "dd", "dt", "span",
    ];
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<ego_tree::NodeId> = None;
    let body_sel = Selector::parse("body").expect("static selector");
    let Some(body) = doc.select(&body_sel).next() else {
        return out;
    };
    for node in body.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let ancestors: Vec<ElementRef> = node.ancestors().filter_map(ElementRef::wrap).collect();
        if ancestors.iter().any(is_chrome) {
            continue;
        }
        let block = ancestors
            .iter()
            .find(|a| BLOCK.contains(&a.value().name()))
            .map(|a| a.id());
        let piece = clean(t);
        if piece.is_empty() {
            continue;
        }
        // a <br> between text nodes also breaks the block
        let after_br = node
            .prev_sibling()
            .and_then(ElementRef::wrap)
            .is_some_and(|e| e.value().name() == "br");
        match out.last_mut() {
            Some(last) if block == current && !after_br => {
                last.push(' ');
                last.push_str(&piece);
            }
            _ => out.push(piece),
        }
        current = block;
    }
    out
}

/// The charset a page declares in `<meta charset>` or `http-equiv` (first 4 KB).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let i = head.find("charset=")?;
    let rest = head[i + 8..].trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_and_main_text() {
        let lex = Lexicon::builtin().unwrap();
        let page = r#"<html><head><title>Talks end | Example News</title>
            <meta property="og:site_name" content="Example News">
            <meta property="article:published_time" content="2022-01-14T10:00:00Z"></head>
            <body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
            <article><h1>Talks end</h1><p>Russia and NATO held talks in Brussels, RBC reports.</p>
            <figure><figcaption>Picture: the hall</figcaption></figure>
            <p>The alliance said it was ready for more meetings with Moscow.</p></article>
            <footer>Copyright 2022 Example</footer></body></html>"#;
        let a = HtmlReader.read(page, &Hints::default(), &lex).unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks end"));
        assert_eq!(a.outlet.as_deref(), Some("Example News"));
        assert_eq!(
            a.published.map(|d| d.to_string()),
            Some("2022-01-14".into())
        );
        assert_eq!(
            a.text,
            "Russia and NATO held talks in Brussels, RBC reports.\n\nThe alliance said it was ready for more meetings with Moscow."
        );
        assert_eq!(a.cited_sources, ["RBC"]);
    }
}
