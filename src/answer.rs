//! What one attempt's answer means: a stored package, or a failure classified by its body (the gateway's envelope,
//! the apiserver's error, anything else), with every echoed secret removed.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::failure::{Code, Failure, Kind, Safety};
use crate::json::Json;
use crate::package::{self, SourcePackage};
use crate::redact::redact;
use crate::text::excerpt;

/// An HTTP answer as the browser gave it. Header values are those the server exposes to scripts (CORS).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<J> {
    pub status: u16,
    pub status_text: String,
    pub body: String,
    /// The body parsed as JSON, when it is JSON.
    pub json: Option<J>,
    pub request_id: Option<String>,
    pub retry_after: Option<String>,
}

/// Longest body excerpt an error carries.
const EXCERPT: usize = 200;

/// A 2xx answer is a package or a `response` failure; any other status a classified failure.
pub fn judge<J: Json>(answer: Answer<J>, secrets: &[String]) -> Result<SourcePackage, Failure<J>> {
    let clean = |s: &str| redact(s, secrets);
    let mut f = if (200..300).contains(&answer.status) {
        let why = match &answer.json {
            Some(json) => match package::parse(json) {
                Ok(p) => return Ok(p),
                Err(why) => why,
            },
            None => "notJson",
        };
        // The server said success: whatever the body, it may have stored the package (a truncated body included).
        let mut f = Failure::new(Kind::Response, why, Safety::Ambiguous);
        f.body_excerpt = Some(excerpt(&clean(&answer.body), EXCERPT));
        f
    } else {
        let safety = match answer.status {
            429 | 503 => Safety::NotProcessed,
            502 | 504 => Safety::Ambiguous,
            _ => Safety::Final,
        };
        let text = |v: &J, key: &str| v.field(key).and_then(|f| f.as_string()).map(|s| clean(&s));
        match answer.json.filter(|v| v.is_object()) {
            // Gateway: {"code": 1640001, "code_name": "INVALID_ARGS", "message": ..., "result": false, "data": null}
            Some(v)
                if v.field("code").and_then(|c| c.as_number()).is_some()
                    && (v.field("code_name").is_some() || v.field("result").is_some()) =>
            {
                let code = v.field("code").and_then(|c| c.as_number()).unwrap_or(0.0);
                // Auth backend failures (1650001) and rate limits happen before the backend is called.
                let safety = if (1642901.0..=1642904.0).contains(&code) || code == 1650001.0 {
                    Safety::NotProcessed
                } else {
                    safety
                };
                let mut f = Failure::new(Kind::Gateway, "gateway", safety);
                f.code = Some(Code::Number(code));
                f.code_name = text(&v, "code_name");
                f.detail = Some(text(&v, "message").unwrap_or_default());
                f
            }
            // apiserver: {"code": "VALIDATION_ERROR", "detail": ..., "fields_detail": {...}}, or 403 {"code": "ERROR", "message": ...}
            Some(v) if v.field("code").and_then(|c| c.as_string()).is_some() || v.field("detail").and_then(|d| d.as_string()).is_some() => {
                let mut f = Failure::new(Kind::Api, "api", safety);
                f.code = Some(Code::Slug(text(&v, "code").unwrap_or_else(|| String::from("ERROR"))));
                f.detail = Some(text(&v, "detail").or_else(|| text(&v, "message")).unwrap_or_default());
                f.fields_detail = v.field("fields_detail").filter(|d| !d.is_null()).map(|d| d.map_text(&clean));
                f
            }
            _ => {
                let mut f = Failure::new(Kind::Http, if answer.status == 413 { "tooLarge" } else { "http" }, safety);
                f.body_excerpt = Some(excerpt(&clean(&answer.body), EXCERPT));
                f
            }
        }
    };
    f.status = Some(answer.status);
    f.status_text = Some(clean(answer.status_text.trim())).filter(|s| !s.is_empty());
    f.request_id = answer.request_id.map(|id| clean(&id));
    Err(f)
}

/// `Retry-After` in delta-seconds form, as milliseconds. (The HTTP-date form needs a clock: see `Session`.)
pub fn retry_after_seconds(value: &str) -> Option<u32> {
    let v = value.trim();
    if v.is_empty() || v.len() > 9 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse::<u32>().ok().map(|s| s.saturating_mul(1000))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn answer(status: u16, body: Value) -> Answer<Value> {
        Answer {
            status,
            status_text: String::new(),
            body: body.to_string(),
            json: Some(body),
            request_id: Some("req-1".into()),
            retry_after: None,
        }
    }

    fn fail(status: u16, body: Value) -> Failure<Value> {
        judge(answer(status, body), &[]).unwrap_err()
    }

    #[test]
    fn gateway_envelope() {
        let f = fail(
            400,
            json!({"code": 1640001, "data": null, "code_name": "INVALID_ARGS", "message": "Parameters error", "result": false}),
        );
        assert_eq!(f.kind, Kind::Gateway);
        assert_eq!(f.code, Some(Code::Number(1640001.0)));
        assert_eq!(f.code_name.as_deref(), Some("INVALID_ARGS"));
        assert_eq!(f.detail.as_deref(), Some("Parameters error"));
        assert_eq!(f.request_id.as_deref(), Some("req-1"));
        assert_eq!((f.retryable(), f.safety), (false, Safety::Final));
    }

    #[test]
    fn gateway_rate_limit_and_backend_timeout() {
        let rate = fail(
            429,
            json!({"code": 1642901, "code_name": "RATE_LIMIT_RESTRICTION", "message": "x", "result": false, "data": null}),
        );
        assert_eq!((rate.retryable(), rate.safety), (true, Safety::NotProcessed));
        let timeout = fail(
            504,
            json!({"code": 1650401, "code_name": "REQUEST_BACKEND_TIMEOUT", "message": "x", "result": false, "data": null}),
        );
        assert_eq!((timeout.retryable(), timeout.safety), (true, Safety::Ambiguous));
    }

    #[test]
    fn apiserver_errors() {
        let f = fail(
            400,
            json!({"code": "VALIDATION_ERROR", "detail": "package_url: 不是合法的 URL", "fields_detail": {"package_url": ["不是合法的 URL"]}}),
        );
        assert_eq!(f.kind, Kind::Api);
        assert_eq!(f.fields_detail, Some(json!({"package_url": ["不是合法的 URL"]})));
        let exists = fail(400, json!({"code": "PACKAGE_ALREADY_EXISTS", "detail": "源码包已存在"}));
        assert_eq!((exists.kind, exists.retryable()), (Kind::Api, false));
        let forbidden = fail(
            403,
            json!({"message": "You are not allowed to do this operation.", "code": "ERROR", "apply_url_for_dev": null}),
        );
        assert_eq!(forbidden.detail.as_deref(), Some("You are not allowed to do this operation."));
        let method = fail(405, json!({"detail": "Method \"POST\" not allowed."}));
        assert_eq!((method.kind, method.code), (Kind::Api, Some(Code::Slug("ERROR".into()))));
    }

    #[test]
    fn html_and_other_bodies_are_http() {
        let html = "<!doctype html><html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>";
        let a: Answer<Value> = Answer {
            status: 500,
            status_text: "Internal Server Error".into(),
            body: html.into(),
            json: None,
            request_id: None,
            retry_after: None,
        };
        let f = judge(a, &[]).unwrap_err();
        assert_eq!((f.kind, f.reason), (Kind::Http, Some("http")));
        assert_eq!(f.body_excerpt.as_deref(), Some("Server Error (500) Server Error (500)"));
        assert_eq!(f.status_text.as_deref(), Some("Internal Server Error"));
        assert!(f.retryable());
        assert_eq!(fail(502, json!([1, 2])).kind, Kind::Http);
        assert_eq!(fail(413, json!("too big")).reason, Some("tooLarge"));
    }

    #[test]
    fn a_2xx_that_is_not_a_package_may_still_be_stored() {
        let truncated: Answer<Value> = Answer {
            status: 200,
            status_text: "OK".into(),
            body: "{\"version\": \"1".into(),
            json: None,
            request_id: None,
            retry_after: None,
        };
        let f = judge(truncated, &[]).unwrap_err();
        assert_eq!((f.kind, f.reason, f.may_be_stored), (Kind::Response, Some("notJson"), true));
        let f = judge(answer(200, json!({"result": true})), &[]).unwrap_err();
        assert_eq!(f.kind, Kind::Response);
    }

    #[test]
    fn echoed_secrets_are_removed_everywhere() {
        let secrets = crate::redact::forms("tok-en-123");
        let body = json!({"code": "VALIDATION_ERROR", "detail": "bad header {\"access_token\":\"tok-en-123\"}", "fields_detail": {"h": ["tok-en-123"]}});
        let f = judge(
            Answer {
                request_id: Some("tok-en-123".into()),
                ..answer(400, body)
            },
            &secrets,
        )
        .unwrap_err();
        let all = format!("{:?}", f);
        assert!(!all.contains("tok-en-123"), "{all}");
        let html: Answer<Value> = Answer {
            status: 500,
            status_text: String::new(),
            body: "<pre>X-Bkapi-Authorization: {\"access_token\":\"tok-en-123\"}</pre>".into(),
            json: None,
            request_id: None,
            retry_after: None,
        };
        let f = judge(html, &secrets).unwrap_err();
        assert!(!f.body_excerpt.unwrap().contains("tok-en"));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(retry_after_seconds(" 2 "), Some(2000));
        assert_eq!(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(retry_after_seconds("-1"), None);
        assert_eq!(retry_after_seconds("99999999999"), None);
    }
}
