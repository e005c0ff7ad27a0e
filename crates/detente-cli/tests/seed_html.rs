//! The founding article as a web page, built at test time from ../shared/examples (nothing of
//! it is committed), in two layouts: (a) the furniture in `<header>`/`<footer>` and a
//! `<figcaption>`, the story in `<article>`; (b) everything flat in `<body>` as `<p>`s. Read
//! with `--format html`, both must keep the seed's metadata (title, date, outlet, cited
//! agencies) and leave every furniture line out of `document.text`.

mod common;
use common::*;
use std::path::Path;

/// The seed's paragraphs (blank-line separated, hard wraps joined, bullets kept apart).
fn paragraphs(text: &str) -> Vec<Vec<String>> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn is_bullet(l: &str) -> bool {
    l.starts_with('•')
}

/// A paragraph as HTML: a list for bullet lines, a `<p>` for the rest.
fn block(lines: &[String]) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for l in lines {
        if is_bullet(l) {
            if !in_list {
                out.push_str("<ul>");
                in_list = true;
            }
            out.push_str(&format!(
                "<li>{}</li>",
                esc(l.trim_start_matches('•').trim())
            ));
        } else {
            if in_list {
                out.push_str("</ul>");
                in_list = false;
            }
            out.push_str(&format!("<p>{}</p>\n", esc(l)));
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    out
}

/// What the seed's gold record says (title, furniture lines) and the two pages.
struct Seed {
    gold: serde_json::Value,
    structured: String,
    flat: String,
}

fn seed(shared: &Path) -> Seed {
    let gold_line = std::fs::read_to_string(shared.join("eval/seed.gold.jsonl"))
        .expect("seed gold")
        .lines()
        .find(|l| !l.trim().is_empty())
        .expect("a gold line")
        .to_string();
    let gold: serde_json::Value = serde_json::from_str(&gold_line).expect("gold JSON");
    let text = std::fs::read_to_string(shared.join(gold["file"].as_str().expect("file")))
        .expect("seed text");
    let furniture: Vec<String> = gold["not_in_body"]
        .as_array()
        .expect("not_in_body")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect();
    let is_furniture = |l: &str| furniture.iter().any(|f| l.starts_with(f.as_str()));
    let paras = paragraphs(&text);
    let (title, rest) = paras.split_first().expect("a title line");
    let title = title.join(" ");
    assert_eq!(
        gold["title"],
        title.as_str(),
        "the seed's first line is its title"
    );

    // (a) header, article with a captioned picture, footer with the sign-off and the tail
    let mut article = String::new();
    let mut footer = String::new();
    let mut tail = false;
    for p in rest {
        let furn = p.iter().all(|l| is_furniture(l));
        tail |= furn && !p[0].starts_with("Picture:");
        if tail {
            footer.push_str(&block(p));
        } else if furn {
            article.push_str(&format!(
                "<figure><img src=\"nato.jpg\" alt=\"\"><figcaption>{}</figcaption></figure>\n",
                esc(&p.join(" "))
            ));
        } else {
            article.push_str(&block(p));
        }
    }
    let structured = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t} | Ru-Main</title></head>\n<body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><h1>{t}</h1></header>\n<main><article>\n{article}</article></main>\n<footer>{footer}</footer></body></html>",
        t = esc(&title)
    );
    // (b) every line a <p> of the body, in the text's order
    let mut flat = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n<p>{}</p>\n",
        esc(&title)
    );
    for p in rest {
        flat.push_str(&block(p));
    }
    flat.push_str("</body></html>");
    Seed {
        gold,
        structured,
        flat,
    }
}

fn analyze_html(page: &str) -> serde_json::Value {
    let d = tempdir();
    let f = d.join("seed.html");
    std::fs::write(&f, page).unwrap();
    let o = run(
        &["analyze", f.to_str().unwrap(), "--format", "html", "--json"],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("analysis JSON")
}

fn check(layout: &str, page: &str, gold: &serde_json::Value) {
    let a = analyze_html(page);
    let doc = &a["document"];
    assert_eq!(doc["title"], gold["title"], "{layout}: title");
    assert_eq!(doc["published"], gold["published"], "{layout}: published");
    assert_eq!(doc["outlet"], gold["outlet"], "{layout}: outlet");
    let cited: Vec<&str> = doc["cited_sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for s in gold["cited_sources"].as_array().unwrap() {
        assert!(
            cited.contains(&s.as_str().unwrap()),
            "{layout}: {s} not cited in {cited:?}"
        );
    }
    let text = doc["text"].as_str().unwrap();
    for f in gold["not_in_body"].as_array().unwrap() {
        let f = f.as_str().unwrap();
        assert!(
            !text.to_lowercase().contains(&f.to_lowercase()),
            "{layout}: furniture {f:?} in the text:\n{text}"
        );
    }
    for part in [
        "Relations between Russia and NATO are",
        "Limiting military activity in Europe",
        "from its Brussels headquarters.",
    ] {
        assert!(text.contains(part), "{layout}: {part:?} missing:\n{text}");
    }
    assert!(
        !text.starts_with(gold["title"].as_str().unwrap()),
        "{layout}: the title is not body text:\n{text}"
    );
}

/// The same pages through the project scorer: 1.00 on every metadata measure.
fn score_pages(shared: &Path, s: &Seed) {
    let d = tempdir();
    let gold = d.join("gold.jsonl");
    let pred = d.join("pred.jsonl");
    let mut gold_lines = String::new();
    let mut pred_lines = String::new();
    for (id, page) in [("seed-structured", &s.structured), ("seed-flat", &s.flat)] {
        let mut g = s.gold.clone();
        g["id"] = id.into();
        gold_lines.push_str(&format!("{g}\n"));
        let mut a = analyze_html(page);
        a["document"]["id"] = id.into();
        pred_lines.push_str(&format!("{a}\n"));
    }
    std::fs::write(&gold, gold_lines).unwrap();
    std::fs::write(&pred, pred_lines).unwrap();
    let o = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(&gold)
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("python3 score.py");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let scored: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in ["title", "published", "outlet", "cited", "boiler"] {
        assert_eq!(
            scored["metadata"][key].as_f64(),
            Some(1.0),
            "metadata {key}: {}",
            scored["metadata"]
        );
    }
}

#[test]
fn the_seed_as_a_structured_page() {
    let Some(shared) = shared() else { return };
    let s = seed(&shared);
    check("structured", &s.structured, &s.gold);
}

#[test]
fn the_seed_as_a_flat_page() {
    let Some(shared) = shared() else { return };
    let s = seed(&shared);
    check("flat", &s.flat, &s.gold);
}

#[test]
fn the_seed_pages_score_one_on_metadata() {
    let Some(shared) = shared() else { return };
    score_pages(&shared, &seed(&shared));
}
