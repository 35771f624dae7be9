//! Everything no route claims: the `--www` folder, or the gateway's 404 envelope. API paths never fall
//! through to files.

use crate::gateway::envelope::api_not_found;
use crate::state::Shared;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use tower::ServiceExt;

pub async fn fallback(State(state): State<Shared>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let not_found = || api_not_found(request.method().as_str(), &path);
    let Some(www) = state
        .config
        .www
        .as_ref()
        .filter(|_| !path.starts_with("/api/") && !path.starts_with("/_emulator/"))
    else {
        return not_found();
    };
    let Ok(mut response) = tower_http::services::ServeDir::new(www).oneshot(request).await;
    let mime = match path.rsplit('.').next() {
        Some("js" | "mjs") => Some("text/javascript; charset=utf-8"),
        Some("wasm") => Some("application/wasm"),
        _ => None,
    };
    let ok = response.status().is_success();
    let headers = response.headers_mut();
    if let (Some(mime), true) = (mime, ok) {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response.map(axum::body::Body::new)
}
