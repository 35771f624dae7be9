//! Every answer shape a client can meet (spec §4, §5): gateway envelope, apiserver JSON errors, Django's HTML
//! 500 page, and the emulator's own broken JSON. Messages are English when `Accept-Language` starts with `en`,
//! else Chinese, as the apiserver's default zh-cn.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// The request's language for apiserver messages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn of(headers: &HeaderMap) -> Lang {
        let value = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if value.trim_start().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Zh }
    }

    pub fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        if self == Lang::En { en } else { zh }
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

/// A gateway-made error: envelope plus `X-Bkapi-Error-Code` / `X-Bkapi-Error-Message`.
pub fn gateway_error(status: u16, code: u32, code_name: &str, message: &str) -> Response {
    let body = json!({"code": code, "data": null, "code_name": code_name, "message": message, "result": false});
    let mut response = json_response(StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST), &body);
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

pub fn api_not_found(method: &str, path: &str) -> Response {
    gateway_error(404, 1640401, "API_NOT_FOUND", &format!("API not found [method=\"{method}\" path=\"{path}\"]"))
}

pub fn body_too_large() -> Response {
    gateway_error(413, 1641301, "BODY_SIZE_LIMIT_EXCEED", "Request body size too large.")
}

/// The gateway envelope the spec's table gives for `status`, if it has one.
pub fn gateway_error_for_status(status: u16) -> Option<Response> {
    let (code, name, message) = match status {
        400 => (1640001, "INVALID_ARGS", "Parameters error"),
        403 => (1640301, "APP_NO_PERMISSION", "App has no permission to the resource"),
        404 => (1640401, "API_NOT_FOUND", "API not found"),
        413 => (1641301, "BODY_SIZE_LIMIT_EXCEED", "Request body size too large."),
        429 => (1642902, "RATE_LIMIT_RESTRICTION", "API rate limit exceeded by stage strategy"),
        500 => (1650001, "INTERNAL_SERVER_ERROR", "Internal Server Error"),
        502 => (1650200, "BAD_GATEWAY", "Bad Gateway"),
        504 => (1650401, "REQUEST_BACKEND_TIMEOUT", "Request backend service timeout [upstream_error=\"cannot read header from upstream\"]"),
        _ => return None,
    };
    Some(gateway_error(status, code, name, message))
}

/// 400 `VALIDATION_ERROR` from a serializer: `detail` is `"field: message"`, `fields_detail` a map.
pub fn field_error(field: &str, message: &str) -> Response {
    let body = json!({"code": "VALIDATION_ERROR", "detail": format!("{field}: {message}"), "fields_detail": {field: [message]}});
    json_response(StatusCode::BAD_REQUEST, &body)
}

/// 400 `VALIDATION_ERROR` raised outside a serializer: bare `detail`, `fields_detail` a list.
pub fn bare_validation_error(message: &str) -> Response {
    let body = json!({"code": "VALIDATION_ERROR", "detail": message, "fields_detail": [message]});
    json_response(StatusCode::BAD_REQUEST, &body)
}

/// A registered apiserver error: JSON plus `bkapi-error-code` / `bkapi-error-code-num`.
pub fn registered_error(status: StatusCode, code: &str, code_num: u32, detail: &str) -> Response {
    let mut response = json_response(status, &json!({"code": code, "detail": detail}));
    let headers = response.headers_mut();
    headers.insert("bkapi-error-code", HeaderValue::from_str(code).unwrap_or(HeaderValue::from_static("ERROR")));
    headers.insert("bkapi-error-code-num", HeaderValue::from(code_num));
    response
}

pub fn package_already_exists(lang: Lang) -> Response {
    registered_error(StatusCode::BAD_REQUEST, "PACKAGE_ALREADY_EXISTS", 4312009, lang.pick("Source package already exists", "源码包已存在"))
}

/// DRF's own errors (404, 405, 415): `{"detail": ..., "code": "ERROR"}`.
pub fn drf_error(status: StatusCode, detail: &str) -> Response {
    json_response(status, &json!({"detail": detail, "code": "ERROR"}))
}

pub fn method_not_allowed(lang: Lang, method: &str) -> Response {
    let detail = match lang {
        Lang::En => format!("Method \"{method}\" not allowed."),
        Lang::Zh => format!("方法 “{method}” 不被允许。"),
    };
    drf_error(StatusCode::METHOD_NOT_ALLOWED, &detail)
}

/// Django's page for an unhandled exception (DEBUG off).
pub fn html_500() -> Response {
    let page = "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";
    (StatusCode::INTERNAL_SERVER_ERROR, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// The emulator's own non-status fault answer.
pub fn emulated_fault(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json_response(status, &json!({"code": "ERROR", "detail": "emulated fault"}))
}

/// 200 with a JSON content type and a body that is not JSON (a truncated success body).
pub fn bad_json() -> Response {
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], "{\"id\": 1, \"version\": \"v1\", \"package_na").into_response()
}
