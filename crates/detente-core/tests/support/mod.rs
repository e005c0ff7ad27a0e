//! Finding the repository and `../shared` beside it, for the integration tests of this crate
//! and of the CLI (which includes this file by path): absent in a user's clone, a caller
//! skips and says so, except under CI=true, where its absence is a failure.

#![allow(dead_code)]

use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// `../shared` beside the repository (or `DETENTE_SHARED`), `None` when absent outside CI.
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
