//! Dyad query latency over a store: the series (daily cells from the database, grouped into
//! weeks with the baseline) for the 20 most frequent dyads, over the whole span of the data
//! and over five years, many times each; prints p50 and p99.
//!
//!     cargo run --release -p detente-store --example dyad_latency -- STORE.db [RUNS]

use detente_store::Store;
use detente_store::dyad::{self, Period};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let db = args.get(1).ok_or("usage: dyad_latency STORE.db [RUNS]")?;
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(50);
    let mut store = Store::open(db)?;
    let pairs = store.backend().query(
        "SELECT source_principal, target_principal, COUNT(*) AS n FROM events \
         WHERE source_principal < target_principal \
         GROUP BY source_principal, target_principal ORDER BY n DESC LIMIT 20",
        &[],
    )?;
    let span = store.backend().query(
        "SELECT MIN(published_day), MAX(published_day) FROM documents",
        &[],
    )?;
    let (first, last) = (span[0][0].int().unwrap_or(0), span[0][1].int().unwrap_or(0));
    let from = last - 5 * 365;
    let mut times = Vec::new();
    let mut events = 0i64;
    for _ in 0..runs {
        for p in &pairs {
            let (a, b) = (
                p[0].text().unwrap_or_default(),
                p[1].text().unwrap_or_default(),
            );
            let t = Instant::now();
            let cells = store.dyad_cells(&a, &b, from.max(first), last)?;
            let before = store.dyad_cells(&a, &b, from - 365, from - 1)?;
            let s = dyad::series(
                &a,
                &b,
                Period::Week,
                &cells,
                from.max(first),
                last,
                &before,
                from - 365,
            );
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            events = events.max(s.events);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| times[((times.len() as f64 - 1.0) * p) as usize];
    let top = pairs
        .first()
        .map(|p| {
            format!(
                "{}-{} ({} events)",
                p[0].text().unwrap_or_default(),
                p[1].text().unwrap_or_default(),
                p[2].int().unwrap_or(0)
            )
        })
        .unwrap_or_default();
    println!(
        "dyad series by week over 5 years ({} queries, 20 busiest dyads, busiest {top}; largest series {events} events): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        q(0.5),
        q(0.99),
        times.last().copied().unwrap_or(0.0)
    );
    Ok(())
}
