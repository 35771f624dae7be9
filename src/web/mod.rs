//! The browser edge: reads options from JS, builds `FormData`, sends it, and hands results back as JS values.
//! Nothing here decides anything the pure core can decide.

mod exports;
mod js;
mod read;
mod transport;

#[cfg(test)]
mod tests;
