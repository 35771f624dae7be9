//! bkpaas-upload: upload source packages to BlueKing PaaS v3 (the bkpaas3 API gateway) from the browser.
//!
//! The pure core decides: `plan` checks the options and builds the request, `session` runs a call from its first
//! event to its outcome (attempts, deadlines, retries, abort), `answer` classifies what came back. It knows nothing
//! of the browser and is tested natively. The browser edge (`web`, wasm32 only) only executes: it reads the options,
//! builds the `FormData`, sends with XMLHttpRequest or fetch, arms the one timer, and feeds events back.

// No std in the shipped wasm: its panic and formatting machinery alone would outweigh the package.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]
// Natively the core is built only for its tests (the browser edge that uses it is wasm32 only): dead code is
// reported by the wasm32 build (`cargo clippy --target wasm32-unknown-unknown`).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
// A `Failure` is returned by value: boxing it was measured to make the shipped wasm larger, not smaller.
#![allow(clippy::result_large_err)]

extern crate alloc;

/// What std's prelude would give, for the no_std wasm build.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::string::String;
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

mod answer;
mod auth;
mod endpoint;
mod failure;
mod json;
mod options;
mod package;
mod plan;
mod redact;
mod retry;
mod session;
mod text;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;

/// An option at fault and why: `(option, reason)`, the reason a key of the texts table. Never a credential's value.
pub type Invalid = (&'static str, &'static str);

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
