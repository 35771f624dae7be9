//! The one error type of the walkers: why inspection stopped early. Messages are static (no formatting in wasm).

/// Why a walker gave up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not a well-formed archive: truncated, bad checksum, bad deflate data, impossible offsets.
    Corrupt(&'static str),
    /// Well-formed as far as read, but a safety cap was reached (decompression bomb, oversized app_desc.yaml).
    Limit(&'static str),
}

impl Error {
    pub fn message(self) -> &'static str {
        match self {
            Error::Corrupt(m) | Error::Limit(m) => m,
        }
    }
}

pub type Result<T> = core::result::Result<T, Error>;
