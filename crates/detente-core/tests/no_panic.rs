//! Bad input never panics: thousands of random documents built from the characters and words
//! that stress each stage (quotation marks of every style, bullets, abbreviations, actor names,
//! triggers, dates, multi-byte text, stray markup) go through the whole pipeline, which must
//! return a result or an error, never panic. A seeded generator keeps failures reproducible.

use detente_core::{Analyzer, Options};

/// xorshift64*: a small deterministic generator, so no dependency is needed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "Russia",
    "NATO",
    "the alliance",
    "Fomin",
    "Stoltenberg",
    "he",
    "it",
    "its",
    "the two sides",
    "U.S.",
    "Mr.",
    "said",
    "stressed that",
    "told reporters",
    "according to",
    "RBC reports",
    "expelled",
    "talks between",
    "and",
    "would not",
    "could",
    "if",
    "will",
    "refused to",
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "``",
    "''",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "…",
    "\n",
    "\n\n",
    "  • ",
    "- ",
    "1. ",
    "(",
    ")",
    "-",
    "'s",
    "’s",
    "on January 10",
    "in October",
    "14.01.2022",
    "Picture: RIA Novosti",
    "Source: Interfax",
    "Related Posts",
    "<p>",
    "</p>",
    "<b>",
    "&amp;",
    "Ümit",
    "Кремль",
    "北京",
    "🙂",
    "\u{200b}",
    "\u{feff}",
    "\t",
    "0",
    "1,000",
    "Deputy Defence Minister",
    "Secretary-General",
    "the veteran official",
    "Moscow",
    "Brussels",
    "in Brussels",
    "Ukraine",
    "the bloc",
];

#[test]
fn random_documents_never_panic() {
    let analyzer = Analyzer::new().expect("built-in data loads");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..3000 {
        let n = 1 + (rng.next() % 60) as usize;
        let mut doc = String::new();
        for _ in 0..n {
            doc.push_str(rng.pick(PIECES));
            if rng.next().is_multiple_of(3) {
                doc.push(' ');
            }
        }
        let opts = Options {
            id: format!("case-{case}"),
            ..Options::default()
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyzer.analyze(doc.as_bytes(), &opts)
        }));
        assert!(result.is_ok(), "case {case} panicked on {doc:?}");
    }
}

#[test]
fn random_bytes_never_panic() {
    let analyzer = Analyzer::new().expect("built-in data loads");
    let mut rng = Rng(42);
    for case in 0..500 {
        let n = (rng.next() % 400) as usize;
        let bytes: Vec<u8> = (0..n).map(|_| (rng.next() % 256) as u8).collect();
        let opts = Options::default();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyzer.analyze(&bytes, &opts)
        }));
        assert!(result.is_ok(), "case {case} panicked on {bytes:?}");
    }
}
