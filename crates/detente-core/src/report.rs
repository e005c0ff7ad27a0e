//! The human-readable report of an analysis: where the document came from, who said what
//! (grouped by speaker), and who did what to whom and when, each event with its evidence.

use crate::analysis::{Analysis, QuoteOut};
use std::fmt::Write;

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Renders the report as plain text.
pub fn render(a: &Analysis) -> String {
    let d = &a.document;
    let mut out = String::new();
    let _ = writeln!(out, "{}", d.title.as_deref().unwrap_or("(untitled)"));
    let _ = writeln!(
        out,
        "{} | {} | language {} | {} sentences",
        d.outlet.as_deref().unwrap_or("outlet unknown"),
        d.published
            .map(|p| p.to_string())
            .unwrap_or_else(|| "date unknown".into()),
        d.language,
        a.sentences.len()
    );
    if !d.cited_sources.is_empty() {
        let _ = writeln!(out, "cites: {}", d.cited_sources.join(", "));
    }
    let all: Vec<&QuoteOut> = a.quotes.iter().collect();
    out.push('\n');
    out.push_str(&quotes_by_speaker(&all));
    let _ = writeln!(out, "\nWHO DID WHAT TO WHOM ({} events)", a.events.len());
    for e in &a.events {
        let flags = match (e.negated, e.hypothetical) {
            (true, _) => " [negated]",
            (_, true) => " [hypothetical]",
            _ => "",
        };
        let _ = writeln!(
            out,
            "  {} {} -> {} {}  CAMEO {} {} (quad {}, Goldstein {:+.1}){}",
            e.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "----------".into()),
            e.source.principal.as_deref().unwrap_or("?"),
            e.target.principal.as_deref().unwrap_or("?"),
            e.plover
                .as_ref()
                .map(|p| format!("[{}]", p.kind))
                .unwrap_or_default(),
            e.cameo,
            e.cameo_name,
            e.quad_class,
            e.goldstein,
            flags
        );
        let _ = writeln!(
            out,
            "      \"{}\"  (rule {})",
            slice(&d.text, e.evidence.start, e.evidence.end),
            e.rule
        );
    }
    if !a.explain.is_empty() {
        let _ = writeln!(out, "\nWHY (the event coder, sentence by sentence)");
        for e in &a.explain {
            if let Some(s) = a.sentences.get(e.sentence) {
                let _ = writeln!(out, "  [{}] {}", e.sentence, slice(&d.text, s.start, s.end));
            }
            for n in &e.notes {
                let _ = writeln!(out, "      {n}");
            }
        }
    }
    out
}

/// The "who said what" section: the quotes, grouped by speaker in order of first quote.
pub fn quotes_by_speaker(quotes: &[&QuoteOut]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "WHO SAID WHAT ({} quotes)", quotes.len());
    let who_of = |q: &QuoteOut| {
        q.speaker
            .as_ref()
            .map(|s| {
                format!(
                    "{} [{}] {}",
                    s.name,
                    s.principal.as_deref().unwrap_or("?"),
                    s.code
                )
            })
            .unwrap_or_else(|| "unattributed".into())
    };
    let mut speakers: Vec<String> = Vec::new();
    for q in quotes {
        let who = who_of(q);
        if !speakers.contains(&who) {
            speakers.push(who);
        }
    }
    for who in &speakers {
        let _ = writeln!(out, "  {who}");
        for q in quotes.iter().filter(|q| who_of(q) == *who) {
            let _ = writeln!(
                out,
                "    - ({}{}) {}",
                q.kind_str(),
                q.cue
                    .as_ref()
                    .map(|c| format!(", \"{c}\""))
                    .unwrap_or_default(),
                q.text
            );
        }
    }
    out
}

impl QuoteOut {
    fn kind_str(&self) -> &'static str {
        match self.kind {
            crate::quotes::QuoteKind::Direct => "direct",
            crate::quotes::QuoteKind::Partial => "partial",
            crate::quotes::QuoteKind::Indirect => "indirect",
        }
    }
}
