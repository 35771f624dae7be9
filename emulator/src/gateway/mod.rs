//! The API gateway in front of the apiserver, as bkpaas3's: request ids and CORS on every answer (middleware over
//! the whole router), and for the two resources [`front`]: stage and method, the `status` fault, authentication,
//! the body limit, then the request passes to the apiserver with its body counted; after the answer, the faults
//! of the network (`delay-ms`, `drop-response`, `reset-after-bytes`).

pub mod auth;
pub mod body;
pub mod cors;
pub mod envelope;
pub mod request_id;

use crate::faults::{self, ConnectionAbort, Faults};
use crate::state::Shared;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use body::{drain, LimitedBody, Stop};

/// Middleware of the resource routes: everything the gateway decides before and after the apiserver answers.
pub async fn front(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let config = &state.config;
    let (mut parts, body) = request.into_parts();
    // `/api/bkpaas3/{stage}/...`: a stage the gateway does not have is an unknown API, as a wrong method is.
    let stage = parts.uri.path().split('/').nth(3).unwrap_or("");
    if parts.method != Method::POST || !config.stages.iter().any(|s| s == stage) {
        return envelope::api_not_found(parts.method.as_str(), parts.uri.path());
    }
    let fault_header = parts.headers.get(faults::HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    let faults = state.faults.apply(Faults::parse(fault_header));

    // A status fault first, then auth, then the declared body size, before reading anything.
    if let Some(status) = faults.status {
        drain(body).await;
        let mut response = envelope::for_status(status);
        if let Some(value) = faults.retry_after.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    if let Err(reason) = auth::authenticate(&parts.headers, config) {
        drain(body).await;
        return envelope::invalid_args(reason);
    }
    let content_length = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if content_length.is_some_and(|n| n > config.body_limit) {
        drain(body).await; // bounded: a client still sending then reads the 413 instead of a reset
        return envelope::body_too_large();
    }
    if let Some(stall) = faults.stall {
        tokio::time::sleep(stall).await;
    }

    let abort = parts.extensions.get::<ConnectionAbort>().cloned().unwrap_or_default();
    let (limited, stop, rest) = LimitedBody::wrap(body, config.body_limit, faults.reset_after_bytes);
    parts.extensions.insert(faults.clone());
    let response = next.run(Request::from_parts(parts, limited)).await;
    match stop.get() {
        Some(Stop::Reset) => abort.abort().await,
        Some(Stop::TooLarge) => return envelope::body_too_large(),
        Some(Stop::Client) | None => rest.drain().await,
    }
    if let Some(delay) = faults.delay {
        tokio::time::sleep(delay).await;
    }
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
