//! Streaming SHA-256 for the browser: JS feeds a Blob's chunks to `update`, `digest` gives the lowercase hex digest.
//! Built with wasm SIMD (scripts/entries/sha256.mjs), where sha2 picks its simd128 backend. In wasm the crate is
//! `no_std` with a panic handler that traps: no panic-message formatting is linked.
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

use alloc::{string::String, vec::Vec};

use sha2::{Digest, Sha256};

/// Lowercase hex of a digest, by hand (no `format!` machinery in the wasm).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[(b >> 4) as usize]);
        out.push(DIGITS[(b & 15) as usize]);
    }
    // SAFETY: every byte pushed is an ASCII hex digit.
    unsafe { String::from_utf8_unchecked(out) }
}

/// A running hash.
#[derive(Default)]
pub struct Hasher(Sha256);

impl Hasher {
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The hex digest; the hasher starts over.
    pub fn finish(&mut self) -> String {
        hex(&core::mem::take(&mut self.0).finalize())
    }
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    //! One hash at a time per thread (js/sha256/index.js queues calls); plain functions over a global: less glue.
    use super::Hasher;
    use alloc::string::String;
    use core::cell::RefCell;
    use wasm_bindgen::prelude::*;

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        core::arch::wasm32::unreachable()
    }

    #[global_allocator]
    static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
        unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

    struct Global(RefCell<Option<Hasher>>);
    // wasm32 without threads: one thread.
    unsafe impl Sync for Global {}
    static CURRENT: Global = Global(RefCell::new(None));

    #[wasm_bindgen]
    pub fn update(data: &[u8]) {
        CURRENT.0.borrow_mut().get_or_insert_with(Hasher::default).update(data);
    }

    // Not `finish`: the build's glue exports its own `finish` (the instantiation step, scripts/wasm-names.mjs).
    #[wasm_bindgen]
    pub fn digest() -> String {
        CURRENT.0.borrow_mut().take().unwrap_or_default().finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(parts: &[&[u8]]) -> String {
        let mut h = Hasher::default();
        for p in parts {
            h.update(p);
        }
        h.finish()
    }

    #[test]
    fn known_vectors() {
        assert_eq!(digest(&[]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(
            digest(&[b"abc"]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            digest(&[b"abcdbcdecdefdefgefghfghighij", b"hijkijkljklmklmnlmnomnopnopq"]),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        let a = vec![b'a'; 1_000_000];
        let chunks: Vec<&[u8]> = a.chunks(4093).collect();
        assert_eq!(digest(&chunks), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    #[test]
    fn finish_starts_over() {
        let mut h = Hasher::default();
        h.update(b"abc");
        h.finish();
        assert_eq!(h.finish(), digest(&[]));
    }
}
