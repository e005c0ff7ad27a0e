//! Any bytes through the RSS/Atom reader, each item through the document reader as the CLI
//! does: items or one error, never a panic.
#![no_main]

use detente_core::read::{is_feed, read, read_feed};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::lexicon;

fuzz_target!(|data: &[u8]| {
    let lex = lexicon();
    let _ = is_feed(data);
    if let Ok(items) = read_feed(data) {
        for item in items {
            let _ = read(&item.bytes, item.format, &item.hints, lex);
        }
    }
});
