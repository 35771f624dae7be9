//! Pre-flight inspection of a BlueKing PaaS source package. The walkers are pure Rust (no web-sys) and tested
//! natively; the wasm exports at the bottom let JS feed the file in chunks (`js/inspect/index.js`).

pub mod appdesc;
pub mod error;
pub mod gzip;
pub mod inspector;
pub mod kind;
pub mod path;
pub mod tar;
pub mod zip;

#[cfg(target_arch = "wasm32")]
mod wasm;
