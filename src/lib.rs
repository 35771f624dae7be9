//! bkpaas-upload: upload source packages to BlueKing PaaS v3 (the bkpaas3 API gateway) from the browser.
//!
//! The pure core (this crate's top-level modules) checks options, builds the URL and the auth header, reads answers
//! and decides retries; it knows nothing of the browser and is unit-tested natively. The browser edge (`web`, wasm32
//! only) reads options from JS, builds `FormData`, drives XMLHttpRequest or fetch, and hands results back.

// No std in the shipped wasm: its panic and formatting machinery alone would outweigh the package.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]

extern crate alloc;

/// What std's prelude would give, for the no_std wasm build.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::string::String;
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

pub mod archive;
pub mod auth;
pub mod endpoint;
pub mod failure;
pub mod json;
pub mod options;
pub mod package;
pub mod retry;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
// A small allocator: the package allocates little (strings of a request), and dlmalloc costs 3 KB more.
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(all(target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // The package never panics by design; if it did, a trap is all that is needed (and costs no formatting code).
    core::arch::wasm32::unreachable()
}
