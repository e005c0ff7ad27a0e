//! Errors of the analysis library. The binary turns them into one-line messages.

use thiserror::Error;

/// Everything that can go wrong while analysing one document or loading data.
#[derive(Debug, Error)]
pub enum Error {
    /// The input has no bytes at all.
    #[error("the document is empty: give it some text or HTML")]
    Empty,
    /// The input has no readable text after cleaning (only markup, furniture or whitespace).
    #[error("the document has no article text after cleaning ({0})")]
    NoText(String),
    /// The bytes look like a binary file (image, archive, executable).
    #[error("the input is binary data ({0}), not text or HTML: pass a news article")]
    Binary(String),
    /// The bytes are not valid UTF-8 and no other encoding was declared.
    #[error(
        "the input is not valid UTF-8 at byte {offset}: convert it to UTF-8 or declare a charset in the HTML"
    )]
    Encoding { offset: usize },
    /// The input is larger than the analyzer accepts.
    #[error(
        "the document is {size} bytes, over the limit of {limit} bytes: split it into articles"
    )]
    TooLarge { size: usize, limit: usize },
    /// A date given by the caller is malformed.
    #[error("bad date {0:?}: use YYYY-MM-DD")]
    BadDate(String),
    /// A data file (dictionary, pattern table) is malformed.
    #[error("data file {file}: {message}")]
    Data { file: String, message: String },
}

/// Short alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;
