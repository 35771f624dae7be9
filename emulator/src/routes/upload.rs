//! What both upload endpoints share: the gateway in front (faults, auth, body limit), reading the form, and
//! storing a checked package. One request flows top to bottom through [`handle`].

use super::{file_upload, link_upload};
use crate::body::{drain, LimitedBody, Stop};
use crate::cli::Flavor;
use crate::faults::{self, ConnectionAbort, Faults};
use crate::form::{self, Form, FormError};
use crate::package_writer::Written;
use crate::request_log::SeenFields;
use crate::responses::{self as r, Lang};
use crate::state::Shared;
use crate::store::{NewPackage, Record, SaveError};
use crate::{archive, gateway, validation, version};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Clone, Copy, PartialEq)]
pub enum Endpoint {
    File,
    Link,
}

/// One upload request once the gateway has let it through and its form is read.
pub struct Upload {
    pub state: Shared,
    pub app_code: String,
    pub module: String,
    pub lang: Lang,
    pub faults: Faults,
    pub form: Form,
}

/// The version column's size: a longer version fails in the database, an unhandled 500.
const VERSION_MAX: usize = 128;

pub async fn handle(state: Shared, endpoint: Endpoint, app_code: String, module: String, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if parts.method != Method::POST {
        return r::api_not_found(parts.method.as_str(), parts.uri.path());
    }
    let fault_header = parts.headers.get(faults::HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let faults = state.faults.apply(Faults::parse(fault_header));
    let config = &state.config;

    // Gateway: a status fault first, then auth, then the body limit, before reading anything.
    if let Some(status) = faults.status {
        drain(body).await;
        let mut response = r::gateway_error_for_status(status).unwrap_or_else(|| r::emulated_fault(status));
        if let Some(value) = faults.retry_after.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    if let Err(reason) = gateway::authenticate(&parts.headers, config) {
        drain(body).await;
        return r::invalid_args(reason);
    }
    let content_length = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if content_length.is_some_and(|n| n > config.body_limit) {
        drain(body).await; // bounded: a client still sending then reads the 413 instead of a reset
        return r::body_too_large();
    }
    let lang = Lang::of(&parts.headers);
    if faults.html_500 || faults.bad_json {
        drain(body).await;
        return if faults.html_500 { r::html_500() } else { r::bad_json() };
    }
    if endpoint == Endpoint::File && config.flavor == Flavor::OpenSource {
        drain(body).await;
        return r::method_not_allowed(lang, "POST");
    }

    // apiserver: read the form (the package streams to disk), then the endpoint's own rules.
    let abort = parts.extensions.get::<ConnectionAbort>().cloned().unwrap_or_default();
    if let Some(stall) = faults.stall {
        tokio::time::sleep(stall).await;
    }
    let (limited, stop) = LimitedBody::new(body, config.body_limit, faults.reset_after_bytes);
    let form = match form::read(&parts.headers, limited, &stop, &state.store, endpoint == Endpoint::File, lang).await {
        Ok(form) => form,
        Err(FormError::Stopped(Stop::Reset)) => abort.abort().await,
        Err(FormError::Stopped(Stop::TooLarge)) => return r::body_too_large(),
        Err(FormError::Stopped(Stop::Client)) => return r::drf_error(StatusCode::BAD_REQUEST, "incomplete request body"),
        Err(FormError::Answer(response)) => return response,
    };
    if faults.reset_after_bytes.is_some() {
        abort.abort().await; // the whole body was shorter than N: reset now
    }
    let seen = SeenFields(form.summary());
    let upload = Upload { state: state.clone(), app_code, module, lang, faults: faults.clone(), form };
    let mut response = match endpoint {
        Endpoint::File => file_upload::run(upload).await,
        Endpoint::Link => link_upload::run(upload).await,
    };
    if let Some(delay) = faults.delay {
        tokio::time::sleep(delay).await;
    }
    response.extensions_mut().insert(seen);
    if faults.drop_response {
        return broken_answer(response);
    }
    response
}

/// The answer's headers and the first bytes of its body, then the connection breaks, so a browser reports a network
/// error after the package was stored. (With no byte of answer at all, Chromium silently re-sends the request once
/// when the connection was a reused keep-alive one, which would hide the ambiguous failure this fault stands for.)
fn broken_answer(response: Response) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    // The pause lets hyper flush what it has before the error makes it drop the connection.
    let chunks = futures_util::stream::unfold(0u8, |step| async move {
        match step {
            0 => Some((Ok(bytes::Bytes::from_static(b"{\"id\":")), 1)),
            1 => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                Some((Err(std::io::Error::other("emulated drop-response")), 2))
            }
            _ => None,
        }
    });
    Response::from_parts(parts, axum::body::Body::from_stream(chunks))
}

impl Upload {
    /// `allow_overwrite`, parsed as DRF does; the error is the answer to send.
    #[allow(clippy::result_large_err)] // built once on the error path and returned as is
    pub fn allow_overwrite(&self) -> Result<bool, Response> {
        let raw = self.form.get("allow_overwrite").unwrap_or("");
        validation::boolean(raw).ok_or_else(|| r::field_error("allow_overwrite", validation::boolean_error(self.lang)))
    }

    /// Checks the archive by content; the version its `app_desc.yaml` declares, if any.
    pub async fn inspect(&self, written: &Written) -> Result<Option<String>, Response> {
        let path = written.file.path().to_path_buf();
        match tokio::task::spawn_blocking(move || archive::inspect(&path)).await {
            Ok(Ok(app_desc)) => Ok(app_desc.as_deref().and_then(version::from_app_desc)),
            _ => Err(r::bare_validation_error(
                self.lang.pick("The source package file format is wrong, the file may be damaged", "源码包文件格式错误，文件可能已经损坏"),
            )),
        }
    }

    /// Stores the checked package under `version` and answers as the apiserver does.
    pub async fn save(self, mut written: Written, version: String, package_name: String, allow_overwrite: bool) -> Response {
        if version.chars().count() > VERSION_MAX {
            return r::html_500();
        }
        if self.faults.corrupt {
            let path = written.file.path().to_path_buf();
            match tokio::task::spawn_blocking(move || crate::package_writer::corrupt(&path)).await {
                Ok(Ok(sha256)) => written.sha256 = sha256,
                _ => return r::html_500(),
            }
        }
        let config = &self.state.config;
        let new = NewPackage {
            app_code: self.app_code,
            module: self.module,
            version,
            package_name,
            size: written.size,
            sha256: written.sha256,
            now: config.time_zone.now(),
            operator: config.operator.clone(),
        };
        match self.state.store.save(written.file, new, allow_overwrite) {
            Ok(record) => success(&record),
            Err(SaveError::AlreadyExists) if config.flavor == Flavor::Documented => r::package_already_exists(self.lang),
            Err(SaveError::AlreadyExists) => r::html_500(),
            Err(SaveError::Io(e)) => {
                eprintln!("bkpaas-emulator: cannot store a package: {e}");
                r::html_500()
            }
        }
    }
}

/// The success body, keys in the apiserver's order.
#[derive(Serialize)]
struct Success<'a> {
    id: u64,
    version: &'a str,
    package_name: &'a str,
    package_size: String,
    sha256_signature: &'a str,
    is_deleted: bool,
    updated: &'a str,
    created: &'a str,
    operator: &'a str,
}

fn success(record: &Record) -> Response {
    let body = Success {
        id: record.id,
        version: &record.version,
        package_name: &record.package_name,
        package_size: record.size.to_string(),
        sha256_signature: &record.sha256,
        is_deleted: false,
        updated: &record.updated,
        created: &record.created,
        operator: &record.operator,
    };
    let json = serde_json::to_string(&body).unwrap_or_default();
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}
