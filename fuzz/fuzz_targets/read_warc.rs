//! Any bytes through the streamed WARC reader, each document found through the document
//! reader as the CLI does: items and errors, never a panic.
#![no_main]

use detente_core::lexicon::Lexicon;
use detente_core::read::{is_warc, read, read_warc};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::builtin().expect("built-in lexicon"))
}

fuzz_target!(|data: &[u8]| {
    let lex = lexicon();
    let _ = is_warc(data);
    let mut items = Vec::new();
    let _stats = read_warc(data, |i| items.push(i), |_e| {});
    for item in items {
        let _ = read(&item.bytes, item.format, &item.hints, lex);
    }
});
