//! Sizes the platform sets.

/// The default largest package: 40 MiB, the API gateway's request body limit (a bigger body gets 413).
pub const DEFAULT_MAX_SIZE: u64 = 40 << 20;
