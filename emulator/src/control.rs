//! The emulator's own endpoints (never under `/api/`, no gateway in front): stored packages, the request log,
//! reset, fixtures.

use crate::apiserver::responses::drf_error;
use crate::state::Shared;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use tower::ServiceExt;

/// `GET /_emulator/packages`: every stored version.
pub async fn list_packages(State(state): State<Shared>) -> Response {
    Json(state.store.list()).into_response()
}

/// `GET /_emulator/packages/{app_code}/{module}/{version}`: the stored bytes.
pub async fn get_package(
    State(state): State<Shared>,
    Path((app, module, version)): Path<(String, String, String)>,
    request: Request,
) -> Response {
    let Some(record) = state.store.get(&app, &module, &version) else {
        return drf_error(StatusCode::NOT_FOUND, "no such package");
    };
    let file = tower_http::services::ServeFile::new(state.store.package_path(&record));
    match file.oneshot(request).await {
        Ok(response) => response.map(axum::body::Body::new),
        Err(_) => drf_error(StatusCode::NOT_FOUND, "no such package"),
    }
}

/// `GET /_emulator/requests`: the last 100 API requests, oldest first.
pub async fn requests(State(state): State<Shared>) -> Response {
    Json(state.log.entries()).into_response()
}

/// `POST /_emulator/reset`: forget packages, the request log and fault counters.
pub async fn reset(State(state): State<Shared>) -> Response {
    state.store.reset();
    state.log.clear();
    state.faults.clear();
    Json(json!({"reset": true})).into_response()
}

/// Where `--fixtures DIR` is served.
pub const FIXTURES: &str = "/_emulator/fixtures/";

/// `GET /_emulator/fixtures/{path}`: a file of `--fixtures DIR` (a link-upload source on the emulator's own host).
pub async fn fixture(State(state): State<Shared>, request: Request) -> Response {
    let Some(dir) = &state.config.fixtures else {
        return drf_error(StatusCode::NOT_FOUND, "no --fixtures folder");
    };
    // ServeDir sees the path inside the folder; its redirects (folder → folder/) get the prefix back.
    let (mut parts, body) = request.into_parts();
    let inner = parts
        .uri
        .path()
        .strip_prefix(FIXTURES.trim_end_matches('/'))
        .unwrap_or("/")
        .to_string();
    let inner = parts.uri.query().map_or(inner.clone(), |q| format!("{inner}?{q}"));
    parts.uri = inner.parse().unwrap_or_default();
    let Ok(mut response) = tower_http::services::ServeDir::new(dir)
        .oneshot(Request::from_parts(parts, body))
        .await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.starts_with('/'));
    if let Some(value) = location.and_then(|l| HeaderValue::from_str(&format!("{}{l}", FIXTURES.trim_end_matches('/'))).ok()) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response.map(axum::body::Body::new)
}
