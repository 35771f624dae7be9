//! Every rule the platform defines about a source package, written once for the core, inspect and the emulator.
//! `no_std`, no allocation, no `core::fmt`, no panicking index paths: the core links it into its wasm, where size
//! matters. Each module is one concept; each function says which server behaviour it mirrors.
#![no_std]

pub mod app_desc;
pub mod archive;
pub mod limits;
pub mod link;
pub mod name;
pub mod tar;

#[cfg(test)]
extern crate std;
