//! Helpers shared by the integration tests: running the binary, finding ../shared.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

#[path = "../../../detente-core/tests/support/mod.rs"]
mod support;
#[allow(unused_imports)]
pub use support::{repo, shared};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_detente"))
}

pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = bin();
    c.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn detente");
    if let Some(data) = stdin {
        use std::io::Write;
        let mut s = child.stdin.take().expect("stdin");
        let _ = s.write_all(data); // the program may exit before reading (usage errors)
    }
    child.wait_with_output().expect("wait detente")
}

/// Scores a batch with ../shared/eval/score.py; returns the scorer's JSON.
pub fn score(shared: &std::path::Path, gold: &str) -> serde_json::Value {
    let dir = tempdir();
    let gold = shared.join(gold);
    let inputs = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg("--inputs")
        .arg(&gold)
        .output()
        .expect("python3 score.py --inputs");
    assert!(
        inputs.status.success(),
        "score.py --inputs failed: {}",
        String::from_utf8_lossy(&inputs.stderr)
    );
    let in_path = dir.join("in.jsonl");
    std::fs::write(&in_path, &inputs.stdout).expect("write inputs");
    let out = bin()
        .arg("analyze")
        .arg(&in_path)
        .arg("--jsonl")
        .output()
        .expect("run detente");
    let out_path = dir.join("out.jsonl");
    std::fs::write(&out_path, &out.stdout).expect("write outputs");
    let scored = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(&gold)
        .arg(&out_path)
        .arg("--json")
        .output()
        .expect("score.py");
    assert!(
        scored.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&scored.stderr)
    );
    serde_json::from_slice(&scored.stdout).expect("scorer JSON")
}

/// A fresh temporary directory, removed when the test is done with it.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn tempdir() -> TempDir {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "detente-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tempdir");
    TempDir(d)
}

/// xorshift64*: deterministic, so every run ingests the same corpus.
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

const ACTORS: &[&str] = &[
    "Russia",
    "NATO",
    "the United States",
    "China",
    "Ukraine",
    "the European Union",
    "Iran",
    "Israel",
    "Turkey",
    "France",
    "Germany",
    "Japan",
];
const ACTS: &[&str] = &[
    "{a} expelled four diplomats of {b} on {day}.",
    "{a} held talks with {b} in Geneva on {day}.",
    "{a} imposed new sanctions on {b} on {day}, officials said.",
    "{a} accused {b} of violating the ceasefire on {day}.",
    "{a} signed a trade agreement with {b} on {day}.",
    "{a} threatened {b} with military action on {day}.",
    "{a} sent humanitarian aid to {b} on {day}.",
    "Troops of {a} attacked positions of {b} on {day}, the ministry said.",
    "“We are ready for dialogue,” the foreign minister of {a} said on {day}, referring to {b}.",
    "{a} praised {b} for its cooperation on {day}.",
];
const FILLER: &[&str] = &[
    "Analysts said the move reflected growing tension in the region.",
    "The statement gave no further details.",
    "Markets reacted calmly to the news.",
    "Diplomats expect further meetings in the coming weeks.",
    "The situation remains fluid, observers noted.",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// A JSONL corpus of `n` short articles with varied actors, acts, dates and outlets.
pub fn corpus(n: usize, seed: u64) -> String {
    let mut r = Rng(seed);
    let mut out = String::new();
    for i in 0..n {
        let mut text = String::new();
        for _ in 0..(2 + r.next() % 3) {
            let (a, mut b) = (r.pick(ACTORS), r.pick(ACTORS));
            while b == a {
                b = r.pick(ACTORS);
            }
            let s = r
                .pick(ACTS)
                .replace("{a}", a)
                .replace("{b}", b)
                .replace("{day}", r.pick(DAYS));
            let mut s = s;
            if let Some(c) = s.get(0..1) {
                s = c.to_uppercase() + &s[1..];
            }
            text.push_str(&s);
            text.push(' ');
            text.push_str(r.pick(FILLER));
            text.push(' ');
        }
        let month = 1 + r.next() % 12;
        let day = 1 + r.next() % 28;
        let line = serde_json::json!({
            "id": format!("doc-{i}"),
            "text": text.trim(),
            "published": format!("2021-{month:02}-{day:02}"),
            "outlet": format!("Outlet {}", r.next() % 7),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}
