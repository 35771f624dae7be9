//! Test inputs for every crate of the workspace (dev-dependency only). `no_std` with `alloc`, so wasm tests can
//! use it too.
#![no_std]

extern crate alloc;

pub mod tar;
