//! The one error of the package, `UploadError`, as data: its kind, its words, and whether a retry may help.
//! Classification of answers lives here too: gateway envelope, apiserver error, anything else.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::json::Json;
use crate::retry::Safety;
use crate::text::{concat, excerpt, push_u64};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad options, found before any request.
    Validation,
    /// No response at all.
    Network,
    /// A stall, response or total deadline passed.
    Timeout,
    /// The caller's `signal` aborted.
    Aborted,
    /// The API gateway's JSON envelope.
    Gateway,
    /// The apiserver's JSON error.
    Api,
    /// Any other failed status.
    Http,
    /// A 2xx body that is not a source package.
    Response,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Validation => "validation",
            Kind::Network => "network",
            Kind::Timeout => "timeout",
            Kind::Aborted => "aborted",
            Kind::Gateway => "gateway",
            Kind::Api => "api",
            Kind::Http => "http",
            Kind::Response => "response",
        }
    }
}

/// A gateway code is a number, an apiserver code a slug.
#[derive(Debug, Clone, PartialEq)]
pub enum Code {
    Number(f64),
    Slug(String),
}

/// Everything an `UploadError` carries. `J` is the JSON value type, for `fieldsDetail` passed through as it came.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure<J> {
    pub kind: Kind,
    pub message: String,
    pub status: Option<u16>,
    pub request_id: Option<String>,
    pub option: Option<&'static str>,
    pub code: Option<Code>,
    pub code_name: Option<String>,
    pub detail: Option<String>,
    pub fields_detail: Option<J>,
    pub body_excerpt: Option<String>,
    pub attempts: u32,
    pub after_ambiguous_retry: bool,
    /// Whether the server may have processed the request; decides retries.
    pub safety: Safety,
}

/// How an attempt ended without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// The connection failed; `body_sent` tells whether the last byte had gone out (`None`: the transport can't tell).
    Network { body_sent: Option<bool> },
    /// No byte went out for `stallTimeout`.
    Stalled,
    /// No answer within `responseTimeout` after the last byte.
    NoAnswer,
    /// The total `timeout` passed; `body_sent` as above.
    Deadline { body_sent: Option<bool> },
    /// The caller aborted.
    Aborted,
}

impl<J> Failure<J> {
    fn new(kind: Kind, message: String, safety: Safety) -> Self {
        Failure {
            kind,
            message,
            status: None,
            request_id: None,
            option: None,
            code: None,
            code_name: None,
            detail: None,
            fields_detail: None,
            body_excerpt: None,
            attempts: 1,
            after_ambiguous_retry: false,
            safety,
        }
    }

    /// An option is wrong; nothing was sent.
    pub fn validation(option: &'static str, why: &str) -> Self {
        let mut f = Self::new(Kind::Validation, concat(&["Invalid option `", option, "`: ", why]), Safety::Final);
        f.option = Some(option);
        f
    }

    /// Whether trying the same call again later can succeed.
    pub fn retryable(&self) -> bool {
        match self.kind {
            Kind::Network | Kind::Timeout => true,
            Kind::Gateway | Kind::Api | Kind::Http => {
                matches!(self.status, Some(408 | 429 | 500 | 502 | 503 | 504)) && self.code != Some(Code::Slug("PACKAGE_ALREADY_EXISTS".into()))
            }
            _ => false,
        }
    }

    /// An attempt that got no answer.
    pub fn lost(how: Lost, url: &str, transport: &str, timeouts: (u32, u32, u32)) -> Self {
        let head = concat(&["POST ", url, ": "]);
        let ms = |n: u32| {
            let mut s = String::new();
            push_u64(&mut s, n as u64);
            s.push_str(" ms");
            s
        };
        let (kind, text, safety) = match how {
            Lost::Network { body_sent } => (
                Kind::Network,
                concat(&[
                    "no response (network error",
                    if body_sent == Some(true) { ", after the whole package was sent" } else { "" },
                    "). The usual causes: the gateway does not allow this page's origin (CORS: the browser console then shows a CORS error for this URL; ask the gateway's operators to enable its CORS plugin for your origin, or call it through a same-origin proxy); the browser is offline or the host is unreachable; or a proxy dropped a large body (the console shows the request failed mid-upload; check the proxy's body size limit). Scripts are given no further detail.",
                ]),
                if body_sent == Some(false) { Safety::NotProcessed } else { Safety::Ambiguous },
            ),
            Lost::Stalled => (
                Kind::Timeout,
                concat(&["no bytes could be sent for ", &ms(timeouts.0), " (stallTimeout): the connection or a proxy is stuck"]),
                Safety::NotProcessed,
            ),
            Lost::NoAnswer => (
                Kind::Timeout,
                concat(&["the whole package was sent, but no answer came within ", &ms(timeouts.1), " (responseTimeout); the server may still store it"]),
                Safety::Ambiguous,
            ),
            Lost::Deadline { body_sent } => (
                Kind::Timeout,
                concat(&["not finished within ", &ms(timeouts.2), " (timeout)"]),
                if body_sent == Some(false) { Safety::NotProcessed } else { Safety::Ambiguous },
            ),
            Lost::Aborted => (Kind::Aborted, String::from("aborted by the caller's signal"), Safety::Final),
        };
        let mut message = head;
        message.push_str(&text);
        if how != Lost::Aborted {
            message.push_str(" [transport: ");
            message.push_str(transport);
            message.push(']');
        }
        Self::new(kind, message, safety)
    }
}

impl<J: Json> Failure<J> {
    /// A failed HTTP answer, classified by its body: the gateway's envelope, the apiserver's error, or anything else.
    pub fn from_answer(status: u16, url: &str, body: &str, json: Option<J>, request_id: Option<String>) -> Self {
        let text = |v: &J, key: &str| v.field(key).and_then(|f| f.as_string());
        let safety = match status {
            429 | 503 => Safety::NotProcessed,
            502 | 504 => Safety::Ambiguous,
            _ => Safety::Final,
        };
        let mut head = concat(&["POST ", url, ": "]);
        push_u64(&mut head, status as u64);
        head.push(' ');
        head.push_str(reason(status));
        let mut f = match json {
            // Gateway: {"code": 1640001, "code_name": "INVALID_ARGS", "message": ..., "result": false, "data": null}
            Some(v) if v.field("code").and_then(|c| c.as_number()).is_some() && (v.field("code_name").is_some() || v.field("result").is_some()) => {
                let code = v.field("code").and_then(|c| c.as_number()).unwrap_or(0.0);
                let code_name = text(&v, "code_name");
                let message = text(&v, "message").unwrap_or_default();
                let mut code_text = String::new();
                push_u64(&mut code_text, code as u64);
                let msg = concat(&[&head, " from the API gateway: ", code_name.as_deref().unwrap_or("error"), " (", &code_text, "): ", &message]);
                // Auth backend failures (1650001) and rate limits happen before the backend is called.
                let safety = if (1642901.0..=1642904.0).contains(&code) || code == 1650001.0 { Safety::NotProcessed } else { safety };
                let mut f = Self::new(Kind::Gateway, msg, safety);
                f.code = Some(Code::Number(code));
                f.code_name = code_name;
                f.detail = Some(message);
                f
            }
            // apiserver: {"code": "VALIDATION_ERROR", "detail": ..., "fields_detail": {...}}, or 403 {"code": "ERROR", "message": ...}
            Some(v) if v.field("code").and_then(|c| c.as_string()).is_some() || (v.is_object() && v.field("detail").and_then(|d| d.as_string()).is_some()) => {
                let code = text(&v, "code").unwrap_or_else(|| String::from("ERROR"));
                let detail = text(&v, "detail").or_else(|| text(&v, "message")).unwrap_or_default();
                let msg = concat(&[&head, ": ", &code, ": ", &detail]);
                let mut f = Self::new(Kind::Api, msg, safety);
                f.fields_detail = v.field("fields_detail").filter(|d| !d.is_null());
                f.code = Some(Code::Slug(code));
                f.detail = Some(detail);
                f
            }
            _ => {
                let cut = excerpt(body, 200);
                let mut msg = head.clone();
                if !cut.is_empty() {
                    msg.push_str(": ");
                    msg.push_str(&cut);
                }
                if status == 413 {
                    msg.push_str(" (the body is larger than a proxy or the gateway allows; upload by link instead)");
                }
                let mut f = Self::new(Kind::Http, msg, safety);
                f.body_excerpt = Some(cut);
                f
            }
        };
        f.status = Some(status);
        f.request_id = request_id;
        if let Some(id) = &f.request_id {
            f.message.push_str(" (request id ");
            f.message.push_str(id);
            f.message.push(')');
        }
        f
    }

    /// A 2xx answer whose body is not a source package.
    pub fn bad_success(status: u16, url: &str, body: &str, why: &str, request_id: Option<String>) -> Self {
        let mut msg = concat(&["POST ", url, ": the answer ("]);
        push_u64(&mut msg, status as u64);
        msg.push_str(") is not a source package: ");
        msg.push_str(why);
        let mut f = Self::new(Kind::Response, msg, Safety::Final);
        f.status = Some(status);
        f.body_excerpt = Some(excerpt(body, 200));
        f.request_id = request_id;
        f
    }

    /// This failure came from a retry after an ambiguous one: a duplicate now most likely means the earlier attempt
    /// stored the package (documented servers say PACKAGE_ALREADY_EXISTS, the open-source one its HTML 500).
    pub fn mark_after_ambiguous_retry(&mut self) {
        let duplicate = self.code == Some(Code::Slug("PACKAGE_ALREADY_EXISTS".into())) || (self.kind == Kind::Http && self.status == Some(500));
        if duplicate {
            self.after_ambiguous_retry = true;
            self.message.push_str(". An earlier attempt lost its connection after the whole package was sent: the server most likely stored the package then");
        }
    }
}

/// Reason phrases of the statuses this API produces (fetch in HTTP/2 gives none).
fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const URL: &str = "https://h/api/bkpaas3/prod/bkapps/applications/a/modules/default/source_package/";

    fn classify(status: u16, body: Value) -> Failure<Value> {
        Failure::from_answer(status, URL, &body.to_string(), Some(body), Some("req-1".into()))
    }

    #[test]
    fn gateway_envelope() {
        let f = classify(400, json!({"code": 1640001, "data": null, "code_name": "INVALID_ARGS", "message": "Parameters error [reason=\"app code cannot be empty\"]", "result": false}));
        assert_eq!(f.kind, Kind::Gateway);
        assert_eq!(f.code, Some(Code::Number(1640001.0)));
        assert_eq!(f.code_name.as_deref(), Some("INVALID_ARGS"));
        assert!(f.message.starts_with("POST https://h/api/bkpaas3/prod/bkapps/applications/a/modules/default/source_package/: 400 Bad Request from the API gateway: INVALID_ARGS (1640001): Parameters error"), "{}", f.message);
        assert!(f.message.ends_with("(request id req-1)"));
        assert!(!f.retryable());
        assert_eq!(f.safety, Safety::Final);
    }

    #[test]
    fn gateway_rate_limit_and_backend_timeout() {
        let rate = classify(429, json!({"code": 1642901, "code_name": "RATE_LIMIT_RESTRICTION", "message": "x", "result": false, "data": null}));
        assert_eq!((rate.retryable(), rate.safety), (true, Safety::NotProcessed));
        let timeout = classify(504, json!({"code": 1650401, "code_name": "REQUEST_BACKEND_TIMEOUT", "message": "x", "result": false, "data": null}));
        assert_eq!((timeout.retryable(), timeout.safety), (true, Safety::Ambiguous));
    }

    #[test]
    fn apiserver_validation_error_keeps_fields_detail() {
        let f = classify(400, json!({"code": "VALIDATION_ERROR", "detail": "package_url: 不是合法的 URL", "fields_detail": {"package_url": ["不是合法的 URL"]}}));
        assert_eq!(f.kind, Kind::Api);
        assert_eq!(f.code, Some(Code::Slug("VALIDATION_ERROR".into())));
        assert_eq!(f.fields_detail, Some(json!({"package_url": ["不是合法的 URL"]})));
        assert_eq!(f.detail.as_deref(), Some("package_url: 不是合法的 URL"));
    }

    #[test]
    fn apiserver_other_shapes() {
        let exists = classify(400, json!({"code": "PACKAGE_ALREADY_EXISTS", "detail": "源码包已存在"}));
        assert_eq!((exists.kind, exists.retryable()), (Kind::Api, false));
        let forbidden = classify(403, json!({"message": "You are not allowed to do this operation.", "code": "ERROR", "apply_url_for_dev": null}));
        assert_eq!(forbidden.detail.as_deref(), Some("You are not allowed to do this operation."));
        let method = classify(405, json!({"detail": "Method \"POST\" not allowed.", "code": "ERROR"}));
        assert_eq!((method.kind, method.status), (Kind::Api, Some(405)));
    }

    #[test]
    fn html_and_other_bodies_are_http() {
        let html = "<!doctype html><html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>";
        let f: Failure<Value> = Failure::from_answer(500, URL, html, None, None);
        assert_eq!(f.kind, Kind::Http);
        assert_eq!(f.body_excerpt.as_deref(), Some("Server Error (500) Server Error (500)"));
        assert!(f.retryable());
        assert_eq!(f.safety, Safety::Final);
        let json_array = classify(502, json!([1, 2]));
        assert_eq!(json_array.kind, Kind::Http);
        let big: Failure<Value> = Failure::from_answer(413, URL, "<html>too big</html>", None, None);
        assert!(big.message.contains("upload by link"));
    }

    #[test]
    fn lost_connections() {
        let before: Failure<Value> = Failure::lost(Lost::Network { body_sent: Some(false) }, URL, "xhr", (30000, 120000, 0));
        assert_eq!((before.kind, before.safety), (Kind::Network, Safety::NotProcessed));
        assert!(before.message.contains("CORS") && before.message.contains("offline") && before.message.contains("proxy"));
        let after: Failure<Value> = Failure::lost(Lost::Network { body_sent: Some(true) }, URL, "xhr", (30000, 120000, 0));
        assert_eq!(after.safety, Safety::Ambiguous);
        let unknown: Failure<Value> = Failure::lost(Lost::Network { body_sent: None }, URL, "fetch", (30000, 120000, 0));
        assert_eq!(unknown.safety, Safety::Ambiguous);
        let stalled: Failure<Value> = Failure::lost(Lost::Stalled, URL, "xhr", (30000, 120000, 0));
        assert!(stalled.message.contains("30000 ms"));
        assert_eq!((stalled.kind, stalled.safety), (Kind::Timeout, Safety::NotProcessed));
        let aborted: Failure<Value> = Failure::lost(Lost::Aborted, URL, "xhr", (30000, 120000, 0));
        assert_eq!((aborted.kind, aborted.retryable()), (Kind::Aborted, false));
    }

    #[test]
    fn duplicate_after_ambiguous_retry_is_explained() {
        let mut f = classify(400, json!({"code": "PACKAGE_ALREADY_EXISTS", "detail": "源码包已存在"}));
        f.mark_after_ambiguous_retry();
        assert!(f.after_ambiguous_retry);
        assert!(f.message.contains("most likely stored"));
        let mut other = classify(400, json!({"code": "VALIDATION_ERROR", "detail": "x"}));
        other.mark_after_ambiguous_retry();
        assert!(!other.after_ambiguous_retry);
    }

    #[test]
    fn validation_names_the_option() {
        let f: Failure<Value> = Failure::validation("appCode", "is required");
        assert_eq!(f.message, "Invalid option `appCode`: is required");
        assert_eq!((f.kind, f.option, f.retryable()), (Kind::Validation, Some("appCode"), false));
    }
}
