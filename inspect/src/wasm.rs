//! The JS-facing exports: one inspection at a time (js/inspect/index.js queues calls), driven by JS reads.
//! Plain functions over one global rather than an exported class: less glue.

use crate::inspector::{Inspector, Problem};
use alloc::vec::Vec;
use core::cell::RefCell;
use wasm_bindgen::prelude::*;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[global_allocator]
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

struct Global(RefCell<Option<Inspector>>);
// wasm32 without threads: one thread.
unsafe impl Sync for Global {}
static CURRENT: Global = Global(RefCell::new(None));

fn with<T>(f: impl FnOnce(&mut Inspector) -> T) -> T {
    f(CURRENT.0.borrow_mut().as_mut().expect("begin() first"))
}

/// Starts inspecting a file of `size` bytes.
#[wasm_bindgen]
pub fn begin(size: f64) {
    *CURRENT.0.borrow_mut() = Some(Inspector::new(size as u64));
}

/// The offset to read next, or -1 when done; then `want_len()` bytes.
#[wasm_bindgen]
pub fn want_at() -> f64 {
    with(|i| i.want().map_or(-1.0, |(at, _)| at as f64))
}

#[wasm_bindgen]
pub fn want_len() -> f64 {
    with(|i| i.want().map_or(0.0, |(_, len)| len as f64))
}

#[wasm_bindgen]
pub fn give(data: &[u8]) {
    with(|i| i.give(data))
}

/// 0 none, else the `Kind` number (1 tar, 2 tar.gz, 3 tar.bz2, 4 tar.xz, 5 zip).
#[wasm_bindgen]
pub fn kind() -> u8 {
    with(|i| i.report.kind.map_or(0, |k| k as u8))
}

/// app_desc.yaml's member path (bytes; JS decodes), if found.
#[wasm_bindgen]
pub fn path() -> Option<Vec<u8>> {
    with(|i| i.report.path.clone())
}

/// The spec version, or -1.
#[wasm_bindgen]
pub fn spec() -> i32 {
    with(|i| i.report.desc.as_ref().and_then(|d| d.spec).map_or(-1, |s| s as i32))
}

#[wasm_bindgen]
pub fn version() -> Option<Vec<u8>> {
    with(|i| i.report.desc.as_ref().and_then(|d| d.version.clone()))
}

/// Module names joined by newlines.
#[wasm_bindgen]
pub fn modules() -> Vec<u8> {
    with(|i| i.report.desc.as_ref().map(|d| d.modules.join(&b'\n')).unwrap_or_default())
}

/// 0 none, 1 not an archive, 2 corrupt, 3 not inspected; `detail()` says why.
#[wasm_bindgen]
pub fn problem() -> u8 {
    with(|i| match i.report.problem {
        None => 0,
        Some(Problem::NotArchive) => 1,
        Some(Problem::Corrupt(_)) => 2,
        Some(Problem::NotInspected(_)) => 3,
    })
}

#[wasm_bindgen]
pub fn detail() -> Vec<u8> {
    with(|i| match i.report.problem {
        Some(Problem::Corrupt(m) | Problem::NotInspected(m)) => m.as_bytes().to_vec(),
        _ => Vec::new(),
    })
}

/// The kind the archive extension `name` ends with (case-insensitive, the rules crate's one list) promises (the numbering of `kind()`), 0 for none.
#[wasm_bindgen]
pub fn extension_kind(name: &str) -> u8 {
    bkpaas_rules::archive::extension(name).map_or(0, |(_, kind)| kind as u8)
}
