//! `detente dyad --plot FILE.svg`: the relations level over time (a line against the
//! baseline's mean and one-standard-deviation band) above the events per period by quad
//! class (stacked bars). Plain SVG, no dependencies; every label is escaped.

use detente_store::dyad::Series;
use std::fmt::Write;

const W: f64 = 960.0;
const H: f64 = 520.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 48.0;
/// Height of the level panel and of the bar panel.
const LEVEL_H: f64 = 220.0;
const BARS_H: f64 = 160.0;
const GAP: f64 = 36.0;
const QUAD_COLOURS: [&str; 4] = ["#4c9f70", "#1f6f43", "#f0a04b", "#c0392b"];
const QUAD_NAMES: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart as an SVG document.
pub fn svg(s: &Series) -> String {
    let mut o = String::new();
    let n = s.buckets.len().max(1) as f64;
    let plot_w = W - LEFT - RIGHT;
    let step = plot_w / n;
    let x = |i: usize| LEFT + step * (i as f64 + 0.5);
    let level_y = |g: f64| TOP + LEVEL_H * (1.0 - (g.clamp(-10.0, 10.0) + 10.0) / 20.0);
    let bars_top = TOP + LEVEL_H + GAP;
    let max_events = s.buckets.iter().map(|b| b.events).max().unwrap_or(0).max(1) as f64;
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(o, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let title = format!(
        "{}–{} relations by {}, {} to {}: {} events{}",
        s.a,
        s.b,
        format!("{:?}", s.period).to_lowercase(),
        s.from,
        s.to,
        s.events,
        match (s.level, s.label) {
            (Some(l), Some(lab)) => format!(", level {l:+.2} ({lab})"),
            (Some(l), None) => format!(", level {l:+.2}"),
            _ => String::new(),
        }
    );
    let _ = writeln!(
        o,
        r#"<text x="{LEFT}" y="24" font-size="15" font-weight="bold">{}</text>"#,
        esc(&title)
    );
    // level panel: axis, zero line, baseline band
    for g in [-10.0, -5.0, 0.0, 5.0, 10.0] {
        let y = level_y(g);
        let _ = writeln!(
            o,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            W - RIGHT,
            if g == 0.0 { "#888" } else { "#eee" },
            LEFT - 6.0,
            y + 4.0,
            if g == 0.0 {
                "0".to_string()
            } else {
                format!("{g:+}")
            }
        );
    }
    if let Some(m) = s.baseline.mean {
        let sd = s.baseline.sd.unwrap_or(0.0).max(0.5);
        let (y1, y2) = (level_y(m + sd), level_y(m - sd));
        let _ = writeln!(
            o,
            r##"<rect x="{LEFT}" y="{y1:.1}" width="{plot_w:.1}" height="{:.1}" fill="#3b6ea5" opacity="0.12"/><line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#3b6ea5" stroke-dasharray="4 3"/>"##,
            (y2 - y1).max(1.0),
            level_y(m),
            W - RIGHT,
            level_y(m)
        );
        let _ = writeln!(
            o,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#3b6ea5">baseline ({}) {m:+.2} ± {sd:.2}</text>"##,
            W - RIGHT,
            y1 - 4.0,
            esc(s.baseline.kind)
        );
    }
    let points: Vec<String> = s
        .buckets
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.level.map(|l| format!("{:.1},{:.1}", x(i), level_y(l))))
        .collect();
    if points.len() > 1 {
        let _ = writeln!(
            o,
            r##"<polyline points="{}" fill="none" stroke="#222" stroke-width="2"/>"##,
            points.join(" ")
        );
    }
    for (i, b) in s.buckets.iter().enumerate() {
        if let Some(l) = b.level {
            let colour = match b.label {
                Some("critically low") => "#c0392b",
                Some("low") => "#e67e22",
                Some("high") | Some("very high") => "#1f6f43",
                _ => "#222",
            };
            let _ = writeln!(
                o,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"><title>{}: level {l:+.2}, {} events{}</title></circle>"#,
                x(i),
                level_y(l),
                esc(&b.start),
                b.events,
                b.label.map(|x| format!(", {x}")).unwrap_or_default()
            );
        }
    }
    let _ = writeln!(
        o,
        r##"<text x="{LEFT}" y="{:.1}" fill="#555">relations level: mean Goldstein of the period's events</text>"##,
        TOP - 6.0
    );
    // bars panel
    let bw = (step * 0.8).max(1.0);
    for (i, b) in s.buckets.iter().enumerate() {
        let mut y = bars_top + BARS_H;
        for (q, count) in b.quad.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let h = BARS_H * *count as f64 / max_events;
            y -= h;
            let _ = writeln!(
                o,
                r#"<rect x="{:.1}" y="{y:.1}" width="{bw:.1}" height="{h:.1}" fill="{}"><title>{}: {count} {}</title></rect>"#,
                x(i) - bw / 2.0,
                QUAD_COLOURS[q],
                esc(&b.start),
                QUAD_NAMES[q]
            );
        }
    }
    let _ = writeln!(
        o,
        r##"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#888"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><text x="{:.1}" y="{:.1}" text-anchor="end">0</text>"##,
        bars_top + BARS_H,
        W - RIGHT,
        bars_top + BARS_H,
        LEFT - 6.0,
        bars_top + 8.0,
        max_events,
        LEFT - 6.0,
        bars_top + BARS_H
    );
    // period labels: at most ~12
    let every = (s.buckets.len() / 12).max(1);
    for (i, b) in s.buckets.iter().enumerate().step_by(every) {
        let _ = writeln!(
            o,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
            x(i),
            bars_top + BARS_H + 16.0,
            esc(&b.start)
        );
    }
    // legend
    let mut lx = LEFT;
    let ly = H - 14.0;
    for q in 0..4 {
        let _ = writeln!(
            o,
            r#"<rect x="{lx:.1}" y="{:.1}" width="10" height="10" fill="{}"/><text x="{:.1}" y="{ly:.1}">{}</text>"#,
            ly - 9.0,
            QUAD_COLOURS[q],
            lx + 14.0,
            QUAD_NAMES[q]
        );
        lx += 170.0;
    }
    o.push_str("</svg>\n");
    o
}

/// The chart as PNG: the SVG rasterised by resvg (cargo feature `png`), with the system's
/// fonts for its labels.
#[cfg(feature = "png")]
pub fn png(s: &Series, path: &std::path::Path) -> anyhow::Result<()> {
    use anyhow::Context;
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    // "sans-serif" means Arial to the renderer; use a sans face this system has
    let families: Vec<String> = db
        .faces()
        .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
        .collect();
    let sans = [
        "Liberation Sans",
        "DejaVu Sans",
        "Arial",
        "Noto Sans",
        "FreeSans",
    ]
    .iter()
    .find(|want| families.iter().any(|f| f == *want))
    .map(|s| s.to_string())
    .or_else(|| families.first().cloned());
    if let Some(family) = sans {
        db.set_sans_serif_family(family);
    }
    let tree = usvg::Tree::from_str(&svg(s), &opt).context("rendering the chart (a bug)")?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .context("allocating the chart's image")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let bytes = pixmap.encode_png().context("encoding the PNG")?;
    std::fs::write(path, bytes)
        .with_context(|| format!("{}: cannot write the plot", path.display()))
}

/// Without the `png` feature, the SVG is the chart.
#[cfg(not(feature = "png"))]
pub fn png(_s: &Series, path: &std::path::Path) -> anyhow::Result<()> {
    anyhow::bail!(
        "{}: PNG output is not in this build (rebuild with `cargo build --release --features png`); or write SVG: --plot {}",
        path.display(),
        path.with_extension("svg").display()
    )
}
