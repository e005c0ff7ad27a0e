//! Helpers shared by the integration tests: running the binary, finding ../shared.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_detente"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// `../shared` beside the repository. Absent in a user's clone: the caller skips (and says
/// so), except under CI=true, where its absence is a failure.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("DETENTE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if p.join("eval").is_dir() {
        return Some(p);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("../shared is missing at {}: CI needs it", p.display());
    }
    eprintln!(
        "SKIPPED: ../shared not found at {} (set DETENTE_SHARED to run this test)",
        p.display()
    );
    None
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
