//! Any bytes through the streamed WARC reader, each document found through the document
//! reader as the CLI does: items and errors, never a panic.
#![no_main]

use detente_core::read::{is_warc, read, read_warc};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::lexicon;

fuzz_target!(|data: &[u8]| {
    let lex = lexicon();
    let _ = is_warc(data);
    let mut items = Vec::new();
    let _stats = read_warc(data, |i| items.push(i), |_e| {});
    for item in items {
        let _ = read(&item.bytes, item.format, &item.hints, lex);
    }
});
