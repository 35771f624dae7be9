//! The browser edge: reads the options, builds the `FormData`, sends it, arms the timer, and feeds what happens
//! back to the pure session (`crate::session`). It decides nothing the core can decide.

mod convert;
mod exec;
mod exports;
mod js;
mod read;

#[cfg(test)]
mod tests;
