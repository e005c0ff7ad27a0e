//! detente-core: the analysis library. One news document's bytes in, the analysis of the
//! output contract (`../shared/contract/analysis.md`) out: who said what, who did what to
//! whom and when, from which outlet, citing which agencies.
//!
//! The pipeline is a chain of stages, one folder each, that only add layers of spans over
//! one immutable text (see `ARCHITECTURE.md`):
//!
//! read -> segment -> actors -> quotes -> events
//!
//! [`Analyzer`] loads the built-in data once and runs the chain; it does no I/O.

pub mod actors;
pub mod analysis;
pub mod date;
pub mod error;
pub mod events;
pub mod inflect;
pub mod lang;
pub mod lexicon;
pub mod quotes;
pub mod read;
pub mod record;
pub mod report;
pub mod segment;
pub mod span;
mod swar;

pub use analysis::{Analysis, Analyzer, Options};
pub use error::{Error, Result};

/// A xorshift generator for the tests' random inputs: the same sequence for the same seed, no
/// dependency.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> usize {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    }
}
