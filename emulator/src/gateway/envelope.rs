//! The gateway's own answers (spec §5.1): the JSON envelope plus `X-Bkapi-Error-Code` / `X-Bkapi-Error-Message`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A gateway-made error.
pub fn gateway_error(status: u16, code: u32, code_name: &str, message: &str) -> Response {
    let body = json!({"code": code, "data": null, "code_name": code_name, "message": message, "result": false});
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert("x-bkapi-error-code", HeaderValue::from(code));
    // Header values must be visible ASCII: the real gateway sends the message as is; ours are ASCII already.
    if let Ok(value) = HeaderValue::from_str(message) {
        headers.insert("x-bkapi-error-message", value);
    }
    response
}

/// 400 `INVALID_ARGS` for a failed authentication.
pub fn invalid_args(reason: &str) -> Response {
    gateway_error(400, 1640001, "INVALID_ARGS", &format!("Parameters error [reason=\"{reason}\"]"))
}

/// 404 `API_NOT_FOUND`: an unknown path, stage or method.
pub fn api_not_found(method: &str, path: &str) -> Response {
    gateway_error(
        404,
        1640401,
        "API_NOT_FOUND",
        &format!("API not found [method=\"{method}\" path=\"{path}\"]"),
    )
}

pub fn body_too_large() -> Response {
    gateway_error(413, 1641301, "BODY_SIZE_LIMIT_EXCEED", "Request body size too large.")
}

/// The envelope the spec's table gives for `status` (the `status=N` fault), else the emulator's own plain answer.
pub fn for_status(status: u16) -> Response {
    let (code, name, message) = match status {
        400 => (1640001, "INVALID_ARGS", "Parameters error"),
        403 => (1640301, "APP_NO_PERMISSION", "App has no permission to the resource"),
        404 => (1640401, "API_NOT_FOUND", "API not found"),
        413 => (1641301, "BODY_SIZE_LIMIT_EXCEED", "Request body size too large."),
        429 => (1642902, "RATE_LIMIT_RESTRICTION", "API rate limit exceeded by stage strategy"),
        500 => (1650001, "INTERNAL_SERVER_ERROR", "Internal Server Error"),
        502 => (1650200, "BAD_GATEWAY", "Bad Gateway"),
        504 => (
            1650401,
            "REQUEST_BACKEND_TIMEOUT",
            "Request backend service timeout [upstream_error=\"cannot read header from upstream\"]",
        ),
        _ => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = json!({"code": "ERROR", "detail": "emulated fault"}).to_string();
            return (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
        }
    };
    gateway_error(status, code, name, message)
}
