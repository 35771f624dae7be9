//! What the apiserver keeps: packages on disk ([`store`]), written and hashed in one pass ([`writer`]), checked by
//! content as the server checks them ([`archive`]), and fetched for link uploads ([`download`]).

pub mod archive;
pub mod download;
pub mod store;
pub mod writer;
