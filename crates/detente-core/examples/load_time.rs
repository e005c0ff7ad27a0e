//! Prints how long each built-in data set takes to load (for the load-time budget).
//! `cargo run --release -p detente-core --example load_time`

use std::time::Instant;

fn main() -> Result<(), detente_core::Error> {
    let t = Instant::now();
    let lex = detente_core::lexicon::Lexicon::builtin()?;
    let t_lex = t.elapsed();
    let t = Instant::now();
    let dict = detente_core::actors::Dictionary::builtin()?;
    let t_dict = t.elapsed();
    let t = Instant::now();
    let onto = detente_core::events::Ontology::builtin()?;
    let t_onto = t.elapsed();
    let t = Instant::now();
    let pats = detente_core::events::Patterns::builtin(&onto, &lex.irregular)?;
    let t_pats = t.elapsed();
    println!(
        "lexicon {t_lex:?}, actor dictionary {t_dict:?} ({} forms, {} persons), ontology {t_onto:?} ({} codes), patterns {t_pats:?} ({} patterns)",
        dict.len(),
        dict.persons.len(),
        onto.len(),
        pats.len()
    );
    Ok(())
}
