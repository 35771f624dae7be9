//! The apiserver's answer shapes (spec §5.2, §5.3): DRF JSON errors, registered errors, Django's HTML 500 page,
//! and the `bad-json` fault's broken body (the gateway's envelope is `gateway::envelope`'s). Messages are English
//! when `Accept-Language` starts with `en`, else Chinese, as the apiserver's default zh-cn.

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
        if value.trim_start().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        if self == Lang::En {
            en
        } else {
            zh
        }
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
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
    headers.insert(
        "bkapi-error-code",
        HeaderValue::from_str(code).unwrap_or(HeaderValue::from_static("ERROR")),
    );
    headers.insert("bkapi-error-code-num", HeaderValue::from(code_num));
    response
}

pub fn package_already_exists(lang: Lang) -> Response {
    registered_error(
        StatusCode::BAD_REQUEST,
        "PACKAGE_ALREADY_EXISTS",
        4312009,
        lang.pick("Source package already exists", "源码包已存在"),
    )
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
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// 200 with a JSON content type and a body that is not JSON (a truncated success body).
pub fn bad_json() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        "{\"id\": 1, \"version\": \"v1\", \"package_na",
    )
        .into_response()
}
