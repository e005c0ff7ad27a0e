//! Any bytes through the document reader as HTML, and as sniffed: an article or an error,
//! never a panic.
#![no_main]

use detente_core::lexicon::Lexicon;
use detente_core::read::{Format, Hints, read};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::builtin().expect("built-in lexicon"))
}

fuzz_target!(|data: &[u8]| {
    let lex = lexicon();
    let _ = read(data, Format::Html, &Hints::default(), lex);
    let _ = read(data, Format::Auto, &Hints::default(), lex);
});
