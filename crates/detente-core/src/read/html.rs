//! The HTML reader: metadata from the head (Open Graph, JSON-LD, meta tags, `<time>`), the
//! main content from the block elements of the densest container, page chrome (navigation,
//! asides, footers, forms, captions) left out, and the same furniture rules as plain text.
//! What never holds text (scripts, styles, comments, SVG, images, navigation, asides) is cut
//! before the page is parsed, and the page is parsed once: the metadata is read from the tree
//! before readability (dom_smoothie) takes it apart. Credit, source and sign-off lines kept
//! in headers, footers and captions still give their agencies, outlet and date.

use super::furniture::{self, Furniture};
use super::{Article, Hints, MAX_TEXT_BYTES, Reader, text};
use crate::date::Date;
use crate::error::{Error, Result};
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
        let input = &*strip_inert(input);
        // a page with megabytes of text fails the article limit after reading anyway: say so
        // before building a tree of it
        if input.len() > 8 * MAX_TEXT_BYTES {
            let text = text_bytes(input);
            if text > 8 * MAX_TEXT_BYTES {
                return Err(Error::TooLarge {
                    size: text,
                    limit: MAX_TEXT_BYTES,
                });
            }
        }
        // one parse: the metadata first, then readability (dom_smoothie), which changes the tree
        let doc = dom_query::Document::from(input);
        let head = Head::of(&doc);
        let mut blocks = readability_blocks(doc);
        if blocks.iter().map(String::len).sum::<usize>() < 200 {
            // readability found nothing: our block scorer on a fresh tree
            blocks = main_blocks(&Html::parse_document(input));
        }
        let lines: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let (body, mut furniture) = Furniture::sort(&lines, lex);
        let body = furniture::page_story(body, head.title.as_deref());
        // credit, source and sign-off lines the page keeps out of the story (in its header,
        // footer or captions) still tell the agencies, the outlet and the date
        let chrome: Vec<&str> = head
            .chrome_lines
            .iter()
            .flat_map(|l| [Some(l.as_str()), Furniture::trailing_credit(l, lex)])
            .flatten()
            .collect();
        furniture.merge(Furniture::sort(&chrome, lex).1);
        let mut paragraphs = Vec::with_capacity(body.len() * 2);
        for b in body {
            paragraphs.push(b);
            paragraphs.push("");
        }
        let mut title = hints.title.clone().or(head.title);
        let mut story: &[&str] = &paragraphs;
        if title.is_none() {
            // a page without a title element or heading: a headline-like first paragraph
            (title, story) = text::split_title(&paragraphs, hints);
        }
        let mut article = text::article_from(title, text::join_paragraphs(story), furniture);
        if let Some(d) = head.published {
            article.published = Some(d);
        }
        if let Some(site) = head.outlet {
            article.outlet = Some(site);
        }
        article.author = head.author;
        article.url = head.url.or_else(|| hints.url.clone());
        Ok(article)
    }
}

/// What a page says about itself in its markup.
struct Head {
    title: Option<String>,
    published: Option<Date>,
    outlet: Option<String>,
    author: Option<String>,
    url: Option<String>,
    /// The lines of the page's headers, footers and captions (for their furniture).
    chrome_lines: Vec<String>,
}

impl Head {
    fn of(doc: &dom_query::Document) -> Head {
        let meta = meta_map(doc);
        let pick = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| meta.get(*k).filter(|v| !v.trim().is_empty()).cloned())
        };
        let published = pick(&[
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
        .or_else(|| json_ld_date(doc))
        .or_else(|| time_element(doc));
        Head {
            title: title(doc, &meta),
            published,
            outlet: pick(&["og:site_name", "application-name"]).map(|s| s.trim().to_string()),
            author: pick(&["author", "article:author", "parsely-author"]),
            url: pick(&["og:url"]),
            chrome_lines: chrome_lines(doc),
        }
    }
}

/// The text lines of `<header>`, `<footer>` and `<figcaption>` elements (outermost only).
fn chrome_lines(doc: &dom_query::Document) -> Vec<String> {
    let mut out = Vec::new();
    for el in doc.select("header, footer, figcaption").nodes() {
        let nested = el.ancestors_it(None).any(|a| {
            a.node_name()
                .is_some_and(|n| matches!(&*n, "header" | "footer" | "figcaption"))
        });
        if nested {
            continue;
        }
        out.extend(
            el.formatted_text()
                .lines()
                .map(clean)
                .filter(|l| !l.is_empty()),
        );
    }
    out
}

/// `<meta>` values by lowercased `property`, `name` or `itemprop`.
fn meta_map(doc: &dom_query::Document) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for el in doc.select("meta").nodes() {
        let Some(content) = el.attr("content") else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = el.attr(key) {
                m.entry(k.to_ascii_lowercase())
                    .or_insert_with(|| content.to_string());
            }
        }
    }
    m
}

fn title(doc: &dom_query::Document, meta: &HashMap<String, String>) -> Option<String> {
    if let Some(t) = meta.get("og:title").or_else(|| meta.get("twitter:title")) {
        return Some(clean(t));
    }
    if let Some(h) = doc.select("h1").nodes().first() {
        let t = clean(&h.text());
        if !t.is_empty() {
            return Some(t);
        }
    }
    let t = clean(&doc.select("title").nodes().first()?.text());
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

fn json_ld_date(doc: &dom_query::Document) -> Option<Date> {
    for s in doc.select("script[type=\"application/ld+json\"]").nodes() {
        let raw = s.text();
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

fn time_element(doc: &dom_query::Document) -> Option<Date> {
    doc.select("time[datetime]")
        .nodes()
        .iter()
        .find_map(|t| Date::parse(&t.attr("datetime")?))
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
        if (el.value().name() == "p" || el.value().name() == "blockquote")
            && let Some(p) = el.parent()
        {
            *score.entry(p.id()).or_default() += text.len();
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

/// Takes out of the tree what is page chrome by its element or its class (figures and
/// captions, bylines, timestamps, related links, newsletter boxes), so that readability does
/// not keep it with the story; an element holding a third of the page's text or more stays
/// (a class may name the whole story: "article-with-related").
fn prune_chrome(doc: &dom_query::Document) {
    static HINTS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "caption",
                "related",
                "newsletter",
                "byline",
                "timestamp",
                // hover cards and tooltips: a person's card inside a sentence
                "rollover",
                "tooltip",
                "popover",
                "hovercard",
            ])
            .expect("static patterns")
    });
    let hinted = |class: &[u8]| HINTS.is_match(class);
    let mut found = Vec::new();
    for el in doc.select("figure, figcaption, [class]").nodes() {
        let chrome = match el.node_name().as_deref() {
            Some("figure" | "figcaption") => true,
            Some("html" | "body" | "main" | "article") | None => false,
            Some(_) => el.attr("class").is_some_and(|c| hinted(c.as_bytes())),
        };
        if chrome {
            found.push(*el);
        }
    }
    if found.is_empty() {
        return;
    }
    let page = doc.select("body").text().len();
    for el in found {
        if el.text().len() * 3 < page {
            el.remove_from_parent();
        }
    }
}

/// The main content by readability's algorithm (dom_smoothie), as paragraphs.
fn readability_blocks(doc: dom_query::Document) -> Vec<String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        // the metadata comes from our own reading of the page
        disable_json_ld: true,
        ..Default::default()
    };
    prune_chrome(&doc);
    let Ok(mut r) = dom_smoothie::Readability::with_document(doc, None, Some(cfg)) else {
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

/// The page without what never holds article text: scripts (JSON-LD data stays: it holds
/// the publication date), styles, comments, `<link>`s, inline SVG, images and closed `<nav>`,
/// `<aside>` and `<select>` elements. A
/// linear pass over the tags, so the parser that follows builds a tree from a third of the
/// bytes of a typical news page; text in attribute values and in raw-text elements
/// (`<title>`, `<textarea>`, `<noscript>`, ...) is copied as it is.
fn strip_inert(input: &str) -> std::borrow::Cow<'_, str> {
    const RAW: &[&str] = &[
        "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript",
    ];
    let b = input.as_bytes();
    let mut out = String::new();
    let mut copied = 0; // input before this is in `out` (or dropped)
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            // a comment: `<!-->` and `<!--->` are empty ones
            let body = lt + 4;
            let end = if b[body..].starts_with(b">") {
                Some(body + 1)
            } else if b[body..].starts_with(b"->") {
                Some(body + 2)
            } else {
                find(b, body, b"-->").map(|e| e + 3)
            };
            let Some(end) = end else { break };
            out.push_str(&input[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
            // an end tag, a doctype, a processing instruction or a stray `<`: kept
            i = lt + 1;
            continue;
        }
        // the tag name runs to a space, `/` or `>` (as the HTML tokenizer reads it)
        let name_len = rest
            .iter()
            .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>'))
            .count();
        let mut lower = [0u8; 10];
        let name = match rest.get(..name_len) {
            Some(n) if n.len() <= lower.len() => {
                lower[..n.len()].copy_from_slice(n);
                lower[..n.len()].make_ascii_lowercase();
                std::str::from_utf8(&lower[..n.len()]).unwrap_or("")
            }
            _ => "", // longer names are none of those handled here
        };
        let Some(tag_end) = tag_end(b, lt + 1 + name_len) else {
            break;
        };
        let attrs = &input[lt + 1 + name_len..tag_end];
        let self_closing = attrs.trim_end().ends_with('/');
        match name {
            "script" if !attrs.to_ascii_lowercase().contains("ld+json") => {
                let end = close_tag(b, tag_end + 1, b"script");
                out.push_str(&input[copied..lt]);
                copied = end;
                i = end;
            }
            "style" => {
                let end = close_tag(b, tag_end + 1, b"style");
                out.push_str(&input[copied..lt]);
                copied = end;
                i = end;
            }
            "svg" | "nav" | "aside" | "select" if !self_closing => {
                // elements that hold no article text, when they are closed
                match close_tag_start(b, tag_end + 1, name.as_bytes()) {
                    Some(_) => {
                        let end = close_tag(b, tag_end + 1, name.as_bytes());
                        out.push_str(&input[copied..lt]);
                        copied = end;
                        i = end;
                    }
                    None => i = tag_end + 1,
                }
            }
            "svg" | "img" | "source" | "link" => {
                // void or self-closing: the tag alone
                out.push_str(&input[copied..lt]);
                copied = tag_end + 1;
                i = tag_end + 1;
            }
            "plaintext" => break,
            n if n == "script" || RAW.contains(&n) => {
                // raw text up to the end tag, kept
                let end_name = n.as_bytes().to_vec();
                i = close_tag_start(b, tag_end + 1, &end_name).unwrap_or(b.len());
            }
            _ => i = tag_end + 1,
        }
        if i >= b.len() {
            break;
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(input);
    }
    out.push_str(&input[copied.min(input.len())..]);
    std::borrow::Cow::Owned(out)
}

/// The bytes of markup outside tags (an upper bound of the text a parser finds, within the
/// length of entity references).
fn text_bytes(html: &str) -> usize {
    let (mut count, mut start, mut outside) = (0, 0, true);
    for pos in memchr::memchr2_iter(b'<', b'>', html.as_bytes()) {
        match (outside, html.as_bytes()[pos]) {
            (true, b'<') => {
                count += pos - start;
                outside = false;
            }
            (false, b'>') => {
                outside = true;
                start = pos + 1;
            }
            _ => {}
        }
    }
    if outside {
        count += html.len() - start;
    }
    count
}

/// The position of `needle` in `b` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|p| from + p)
}

/// The `>` that ends a start tag whose attributes begin at `from` (quoted values may hold `>`).
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        // the next `>` or quote; a quote opens a value only after `=` (and optional spaces)
        let k = i + memchr::memchr3(b'>', b'"', b'\'', b.get(i..)?)?;
        if b[k] == b'>' {
            return Some(k);
        }
        let after_eq = b[from..k]
            .iter()
            .rev()
            .find(|c| !c.is_ascii_whitespace())
            .is_some_and(|&c| c == b'=');
        i = if after_eq {
            k + 1 + memchr::memchr(b[k], b.get(k + 1..)?)? + 1
        } else {
            k + 1
        };
    }
}

/// Where the end tag `</name` (any case, then space, `/` or `>`) starts, at or after `from`.
fn close_tag_start(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(at) = find(b, i, b"</") {
        let n = &b[at + 2..];
        if n.len() >= name.len()
            && n[..name.len()].eq_ignore_ascii_case(name)
            && n.get(name.len())
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// The position after the end tag `</name ...>` at or after `from`, or the end of the input.
fn close_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    match close_tag_start(b, from, name) {
        Some(at) => b[at..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(b.len(), |p| at + p + 1),
        None => b.len(),
    }
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
        // (the body's agencies are added by `read`, around the reader)
        let a = crate::read::read(
            page.as_bytes(),
            crate::read::Format::Html,
            &Hints::default(),
            &lex,
        )
        .unwrap();
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

    #[test]
    fn inert_markup_is_stripped_and_text_kept() {
        let page = r#"<html><head><title>A <script> in a title</title>
            <script>var s = "</p><p>not text";</script><script type="application/ld+json">{"datePublished":"2022-01-14"}</script>
            <style>p { color: red }</style><!-- a comment <p>hidden</p> -->
            <link rel="stylesheet" href="a.css"></head>
            <body><nav><a href="/">Home</a></nav><nav-bar>Kept custom element</nav-bar><aside>Most read</aside>
            <select><option>Edition</option></select>
            <p title="a > b" data-x='<script>'>One <img src="x.jpg" alt="pic"> two.</p>
            <svg><text>icon</text></svg><SCRIPT>x()</SCRIPT ><textarea><script>kept</textarea>
            <p>End.</p></body></html>"#;
        let s = strip_inert(page);
        for gone in [
            "var s",
            "color: red",
            "a comment",
            "Home",
            "icon",
            "x()",
            "<img",
        ] {
            assert!(!s.contains(gone), "{gone:?} left in {s}");
        }
        for kept in [
            "A <script> in a title",
            "datePublished",
            "Kept custom element",
            r#"title="a > b" data-x='<script>'>One  two.</p>"#,
            "<textarea><script>kept</textarea>",
            "<p>End.</p>",
        ] {
            assert!(s.contains(kept), "{kept:?} lost from {s}");
        }
        // an element left open is not stripped (the parser would keep what follows in it)
        let open = "<body><nav><a href=\"/\">Home</a><p>Article text.</p></body>";
        assert_eq!(strip_inert(open), open);
        // an unterminated script runs to the end, as the parser reads it
        assert_eq!(strip_inert("<p>a</p><script>x"), "<p>a</p>");
        assert!(matches!(
            strip_inert("<p>plain</p>"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn captions_bylines_and_stamps_stay_out_of_the_story() {
        let lex = Lexicon::builtin().unwrap();
        let story = "Russia and the United States held talks in Geneva on Monday, the foreign ministry said in a statement issued after the meeting.";
        let page = format!(
            r#"<html><head><title>Talks</title></head><body><div class="story">
            <div class="article-byline">By Jane Doe</div><p>Updated 5:27 am CST, Wednesday, November 20, 2019</p>
            <p>{story}</p><figure><img src="a.jpg"><figcaption>Delegates in Geneva. Credit: Reuters</figcaption></figure>
            <div class="image-caption">The Geneva hall before the talks began on Monday.</div>
            <p>{story}</p><p>{story}</p>
            <ul class="related-links"><li>Another story about talks in Geneva</li></ul></div></body></html>"#
        );
        let a = HtmlReader.read(&page, &Hints::default(), &lex).unwrap();
        assert_eq!(a.text, [story, story, story].join("\n\n"));
        // the caption's credit line still names its agency
        assert_eq!(a.cited_sources, ["Reuters"]);
        // a class that names the whole story does not take it away
        let whole = format!(
            r#"<html><body><div class="story-with-related-links"><p>{story}</p><p>{story}</p></div></body></html>"#
        );
        let a = HtmlReader.read(&whole, &Hints::default(), &lex).unwrap();
        assert_eq!(a.text, [story, story].join("\n\n"));
    }
}
