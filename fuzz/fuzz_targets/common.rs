//! What the fuzz targets share: the built-in lexicon, loaded once per process.

use detente_core::lexicon::Lexicon;
use std::sync::OnceLock;

pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::builtin().expect("built-in lexicon"))
}
