//! bkpaas-upload: upload source packages to BlueKing PaaS v3 (the bkpaas3 API gateway) from the browser.
//!
//! The pure core (this crate's top-level modules) checks options, builds the URL and the auth header, reads answers
//! and decides retries; it knows nothing of the browser and is unit-tested natively. The browser edge (`web`, wasm32
//! only) reads options from JS, builds `FormData`, drives XMLHttpRequest or fetch, and hands results back.

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
