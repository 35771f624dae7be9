//! Pre-flight inspection of a BlueKing PaaS source package. The platform's rules (archive kinds, tar checksums,
//! where app_desc.yaml sits, which key holds the version) come from `bkpaas-rules`. The walkers are pure Rust (no web-sys) and tested
//! natively; the wasm exports (`wasm.rs`) let JS feed the file in chunks (`js/inspect/index.js`).
//! In wasm the crate is `no_std` with a panic handler that traps: no panic-message formatting is linked.
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

pub mod appdesc;
pub mod error;
pub mod gzip;
pub mod inspector;
pub mod tar;
pub mod zip;

#[cfg(target_arch = "wasm32")]
mod wasm;
