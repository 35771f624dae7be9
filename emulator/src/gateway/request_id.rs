//! `X-Bkapi-Request-Id` (UUID with dashes) and `X-Request-Id` (32 hex digits) on every response, as the
//! gateway adds them: static files, preflights and errors included.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use uuid::Uuid;

pub async fn request_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let ids = [
        ("x-bkapi-request-id", Uuid::new_v4().hyphenated().to_string()),
        ("x-request-id", Uuid::new_v4().simple().to_string()),
    ];
    for (name, id) in ids {
        if let Ok(value) = HeaderValue::from_str(&id) {
            headers.insert(name, value);
        }
    }
    response
}
