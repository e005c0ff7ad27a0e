//! Dyad series: how relations between two actors move. Events (deduplicated: an event
//! reported by five outlets counts once) are grouped by period; each period gets its counts
//! by quad class, the mean and summed Goldstein, and a relations level compared with a
//! baseline, so that "critically low" is a number:
//!
//! - level: the mean Goldstein value of the period's events (-10 hostile .. +10 cooperative);
//! - baseline: the mean and standard deviation of the period levels over a reference window
//!   (by default the year before the series starts; the series itself when that year has
//!   too few periods with events);
//! - z = (level - baseline mean) / max(baseline sd, 0.5), labelled critically low (z <= -2),
//!   low (<= -1), normal, high (>= 1) or very high (>= 2). Periods with fewer than
//!   [`MIN_EVENTS`] events get no label.

use crate::query::DyadCell;
use detente_core::date::Date;
use serde::Serialize;

/// Events a period needs before its level is compared with the baseline.
pub const MIN_EVENTS: i64 = 3;
/// Periods with events a baseline needs.
pub const MIN_BASELINE_PERIODS: usize = 4;
/// Floor of the baseline's spread, so a flat baseline does not make every wobble extreme.
const MIN_SD: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        Some(match s.to_ascii_lowercase().as_str() {
            "day" | "daily" => Period::Day,
            "week" | "weekly" => Period::Week,
            "month" | "monthly" => Period::Month,
            "quarter" | "quarterly" => Period::Quarter,
            "year" | "yearly" | "annual" => Period::Year,
            _ => return None,
        })
    }

    /// The first day of the period that contains `day`.
    pub fn start(self, day: i64) -> i64 {
        let d = Date::from_days(day);
        let first = |y: i32, m: u8| Date::ymd(y, m, 1).and_then(|x| x.days()).unwrap_or(day);
        match self {
            Period::Day => day,
            Period::Week => day - i64::from(d.weekday().unwrap_or(0)),
            Period::Month => first(d.year, d.month.unwrap_or(1)),
            Period::Quarter => first(d.year, (d.month.unwrap_or(1) - 1) / 3 * 3 + 1),
            Period::Year => first(d.year, 1),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: i64) -> i64 {
        let d = Date::from_days(start);
        let (y, m) = (d.year, d.month.unwrap_or(1));
        let add_months = |k: u8| {
            let total = i32::from(m) - 1 + i32::from(k);
            Date::ymd(y + total / 12, (total % 12 + 1) as u8, 1)
                .and_then(|x| x.days())
                .unwrap_or(start + 1)
        };
        match self {
            Period::Day => start + 1,
            Period::Week => start + 7,
            Period::Month => add_months(1),
            Period::Quarter => add_months(3),
            Period::Year => add_months(12),
        }
    }
}

/// One period of a dyad series.
#[derive(Clone, Debug, Serialize)]
pub struct Bucket {
    pub start: String,
    pub end: String,
    pub events: i64,
    /// Events by quad class 1..4 (verbal coop, material coop, verbal conflict, material conflict).
    pub quad: [i64; 4],
    /// Events with the first actor as source / as target.
    pub forward: i64,
    pub backward: i64,
    pub goldstein_sum: f64,
    /// The relations level: mean Goldstein; None without events.
    pub level: Option<f64>,
    /// Standard scores against the baseline; None with fewer than MIN_EVENTS events.
    pub z: Option<f64>,
    pub label: Option<&'static str>,
    /// Articles reporting the period's events (reports, as GDELT counts them).
    pub articles: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Baseline {
    pub from: String,
    pub to: String,
    /// Periods with events in the window.
    pub periods: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// "previous year", "series itself" or "given".
    pub kind: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub a: String,
    pub b: String,
    pub period: Period,
    pub from: String,
    pub to: String,
    pub buckets: Vec<Bucket>,
    pub baseline: Baseline,
    /// The whole range: events, level, z and label.
    pub events: i64,
    pub level: Option<f64>,
    pub z: Option<f64>,
    pub label: Option<&'static str>,
}

/// The label of a standard score.
pub fn label(z: f64) -> &'static str {
    if z <= -2.0 {
        "critically low"
    } else if z <= -1.0 {
        "low"
    } else if z < 1.0 {
        "normal"
    } else if z < 2.0 {
        "high"
    } else {
        "very high"
    }
}

/// Groups daily cells into periods from `from` to `to` (inclusive days).
pub fn buckets(cells: &[DyadCell], period: Period, from: i64, to: i64) -> Vec<Bucket> {
    let mut out = Vec::new();
    let mut start = period.start(from);
    let mut i = 0;
    while start <= to {
        let next = period.next(start);
        let mut b = Bucket {
            start: Date::from_days(start).to_string(),
            end: Date::from_days(next - 1).to_string(),
            events: 0,
            quad: [0; 4],
            forward: 0,
            backward: 0,
            goldstein_sum: 0.0,
            level: None,
            z: None,
            label: None,
            articles: 0,
        };
        while i < cells.len() && cells[i].day < next {
            let c = &cells[i];
            if c.day >= start && c.day >= from && c.day <= to {
                b.events += c.events;
                if (1..=4).contains(&c.quad_class) {
                    b.quad[usize::from(c.quad_class - 1)] += c.events;
                }
                if c.forward {
                    b.forward += c.events;
                } else {
                    b.backward += c.events;
                }
                b.goldstein_sum += c.goldstein_sum;
                b.articles += c.articles;
            }
            i += 1;
        }
        if b.events > 0 {
            b.level = Some(b.goldstein_sum / b.events as f64);
        }
        out.push(b);
        start = next;
    }
    out
}

/// Mean and standard deviation of the levels of periods with enough events.
fn spread(buckets: &[Bucket]) -> (usize, Option<f64>, Option<f64>) {
    let levels: Vec<f64> = buckets
        .iter()
        .filter(|b| b.events >= MIN_EVENTS)
        .filter_map(|b| b.level)
        .collect();
    if levels.is_empty() {
        return (0, None, None);
    }
    let n = levels.len() as f64;
    let mean = levels.iter().sum::<f64>() / n;
    let sd = (levels.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    (levels.len(), Some(mean), Some(sd))
}

/// The series over [from, to] with its baseline: `before` holds the cells of the baseline
/// window [base_from, from - 1] (empty when there is none).
#[allow(clippy::too_many_arguments)]
pub fn series(
    a: &str,
    b: &str,
    period: Period,
    cells: &[DyadCell],
    from: i64,
    to: i64,
    before: &[DyadCell],
    base_from: i64,
) -> Series {
    let mut bs = buckets(cells, period, from, to);
    let prior = buckets(before, period, base_from, from - 1);
    let (n, mean, sd) = spread(&prior);
    let baseline = if n >= MIN_BASELINE_PERIODS {
        Baseline {
            from: Date::from_days(base_from).to_string(),
            to: Date::from_days(from - 1).to_string(),
            periods: n,
            mean,
            sd,
            kind: "previous year",
        }
    } else {
        let (n, mean, sd) = spread(&bs);
        Baseline {
            from: Date::from_days(from).to_string(),
            to: Date::from_days(to).to_string(),
            periods: n,
            mean,
            sd,
            kind: "series itself",
        }
    };
    let z_of = |level: f64| {
        baseline
            .mean
            .map(|m| (level - m) / baseline.sd.unwrap_or(0.0).max(MIN_SD))
    };
    for bucket in &mut bs {
        if bucket.events >= MIN_EVENTS
            && let Some(l) = bucket.level
        {
            bucket.z = z_of(l);
            bucket.label = bucket.z.map(label);
        }
    }
    let events: i64 = bs.iter().map(|x| x.events).sum();
    let level =
        (events > 0).then(|| bs.iter().map(|x| x.goldstein_sum).sum::<f64>() / events as f64);
    let z = level.filter(|_| events >= MIN_EVENTS).and_then(z_of);
    Series {
        a: a.to_uppercase(),
        b: b.to_uppercase(),
        period,
        from: Date::from_days(from).to_string(),
        to: Date::from_days(to).to_string(),
        buckets: bs,
        baseline,
        events,
        level,
        z,
        label: z.map(label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        Date::parse(s).and_then(|d| d.days()).unwrap()
    }
    fn cell(d: &str, quad: u8, events: i64, g: f64) -> DyadCell {
        DyadCell {
            day: day(d),
            forward: true,
            quad_class: quad,
            events,
            goldstein_sum: g * events as f64,
            articles: events,
        }
    }

    #[test]
    fn periods_start_on_monday_and_the_first_of_the_month() {
        // 2022-01-14 was a Friday
        assert_eq!(Period::Week.start(day("2022-01-14")), day("2022-01-10"));
        assert_eq!(Period::Month.start(day("2022-01-14")), day("2022-01-01"));
        assert_eq!(Period::Quarter.start(day("2022-05-14")), day("2022-04-01"));
        assert_eq!(Period::Month.next(day("2021-12-01")), day("2022-01-01"));
        assert_eq!(Period::Year.next(day("2021-01-01")), day("2022-01-01"));
    }

    #[test]
    fn a_hostile_month_after_a_calm_year_is_critically_low() {
        let mut before = Vec::new();
        for (m, g) in [(1, 1.0), (2, 2.0), (3, 1.5), (4, 0.5), (5, 1.0), (6, 2.5)] {
            before.push(cell(&format!("2021-{m:02}-10"), 1, 5, g));
        }
        let now = vec![
            cell("2022-01-12", 3, 4, -4.0),
            cell("2022-01-20", 4, 2, -9.0),
        ];
        let s = series(
            "rus",
            "nato",
            Period::Month,
            &now,
            day("2022-01-01"),
            day("2022-01-31"),
            &before,
            day("2021-01-01"),
        );
        assert_eq!(s.baseline.kind, "previous year");
        assert_eq!(s.baseline.periods, 6);
        assert_eq!(s.buckets.len(), 1);
        let b = &s.buckets[0];
        assert_eq!(b.events, 6);
        assert_eq!(b.quad, [0, 0, 4, 2]);
        let level = b.level.unwrap();
        assert!((level - (-34.0 / 6.0)).abs() < 1e-9);
        assert_eq!(b.label, Some("critically low"));
        assert_eq!(s.label, Some("critically low"));
        assert!(s.z.unwrap() < -2.0);
    }

    #[test]
    fn without_a_prior_year_the_series_is_its_own_baseline() {
        let cells: Vec<DyadCell> = (1..=8)
            .map(|w| {
                cell(
                    &format!("2022-02-{:02}", w * 3),
                    1,
                    3,
                    if w == 8 { -6.0 } else { 2.0 },
                )
            })
            .collect();
        let s = series(
            "A",
            "B",
            Period::Week,
            &cells,
            day("2022-02-01"),
            day("2022-02-28"),
            &[],
            day("2021-02-01"),
        );
        assert_eq!(s.baseline.kind, "series itself");
        let last = s.buckets.iter().rev().find(|b| b.events > 0).unwrap();
        assert!(last.z.unwrap() < 0.0, "{last:?}");
        // a period with fewer than MIN_EVENTS events is not labelled
        let sparse = series(
            "A",
            "B",
            Period::Day,
            &cells[..1],
            day("2022-02-03"),
            day("2022-02-03"),
            &[],
            day("2021-02-03"),
        );
        assert_eq!(sparse.buckets[0].events, 3);
        let one = vec![cell("2022-02-03", 4, 1, -10.0)];
        let s1 = series(
            "A",
            "B",
            Period::Day,
            &one,
            day("2022-02-03"),
            day("2022-02-03"),
            &[],
            day("2021-02-03"),
        );
        assert_eq!(s1.buckets[0].label, None);
        assert_eq!(sparse.buckets[0].level, Some(2.0));
    }
}
