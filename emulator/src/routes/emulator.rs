//! Emulator-only endpoints (never under `/api/`): stored packages, the request log, reset.

use crate::responses::drf_error;
use crate::state::Shared;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use tower::ServiceExt;

/// `GET /_emulator/packages`: every stored version.
pub async fn list_packages(State(state): State<Shared>) -> Response {
    Json(state.store.list()).into_response()
}

/// `GET /_emulator/packages/{app_code}/{module}/{version}`: the stored bytes.
pub async fn get_package(State(state): State<Shared>, Path((app, module, version)): Path<(String, String, String)>, request: Request) -> Response {
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
