//! Any bytes through the document reader as HTML, and as sniffed: an article or an error,
//! never a panic.
#![no_main]

use detente_core::read::{Format, Hints, read};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::lexicon;

fuzz_target!(|data: &[u8]| {
    let lex = lexicon();
    let _ = read(data, Format::Html, &Hints::default(), lex);
    let _ = read(data, Format::Auto, &Hints::default(), lex);
});
