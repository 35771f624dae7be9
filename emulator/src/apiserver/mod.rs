//! The apiserver behind the gateway, one file per endpoint ([`file_upload`], [`link_upload`]); what they share:
//! reading the request ([`upload`]), checking and storing the package ([`package`]), the serializers' field rules
//! ([`validation`]), versions ([`version`]), the form parser ([`form`]) and the answer shapes ([`responses`]).

pub mod file_upload;
pub mod form;
pub mod link_upload;
pub mod package;
pub mod responses;
pub mod upload;
pub mod validation;
pub mod version;

/// `.../source_package/`'s path parameters.
pub type ResourcePath = axum::extract::Path<(String, String, String)>;
