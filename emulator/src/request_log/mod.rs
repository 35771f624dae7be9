//! The last 100 API requests, for tests to check what a client really sent — never a credential value
//! (see [`redact`]).

pub mod redact;

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

const KEPT: usize = 100;

#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub content_length: Option<u64>,
    /// Form fields that arrived: text values, and `<file NAME, N bytes>` for a file part.
    pub fields: Vec<(String, String)>,
    pub fault: Option<String>,
}

/// Form fields seen by a handler, passed to the log through the response's extensions.
#[derive(Clone, Debug, Default)]
pub struct SeenFields(pub Vec<(String, String)>);

#[derive(Default)]
pub struct RequestLog(Mutex<VecDeque<Entry>>);

impl RequestLog {
    pub fn push(&self, entry: Entry) {
        let mut log = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if log.len() == KEPT {
            log.pop_front();
        }
        log.push_back(entry);
    }

    pub fn entries(&self) -> Vec<Entry> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect()
    }

    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Header list for the log, credentials replaced.
pub fn loggable_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_string(),
                redact::value(name.as_str(), &String::from_utf8_lossy(value.as_bytes())),
            )
        })
        .collect()
}

/// Form fields for the log, credentials replaced.
fn loggable_fields(fields: Vec<(String, String)>) -> Vec<(String, String)> {
    fields
        .into_iter()
        .map(|(name, value)| {
            let shown = redact::value(&name, &value);
            (name, shown)
        })
        .collect()
}

/// Middleware: logs each `/api/` request (a one-line trace goes to stderr too). A request whose connection was
/// aborted (a fault, a client gone) is logged with status 0 when its handler is dropped.
pub async fn record(State(log): State<Arc<RequestLog>>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let headers = request.headers();
    let entry = Entry {
        method: request.method().to_string(),
        path: request.uri().path().to_string(),
        status: 0,
        headers: loggable_headers(headers),
        content_length: headers.get("content-length").and_then(|v| v.to_str().ok()?.parse().ok()),
        fields: Vec::new(),
        fault: headers.get(crate::faults::HEADER).and_then(|v| v.to_str().ok()).map(str::to_string),
    };
    let mut guard = LogOnDrop { log, entry: Some(entry) };
    let response = next.run(request).await;
    if let Some(entry) = guard.entry.as_mut() {
        entry.status = response.status().as_u16();
        entry.fields = loggable_fields(response.extensions().get::<SeenFields>().cloned().unwrap_or_default().0);
    }
    response
}

struct LogOnDrop {
    log: Arc<RequestLog>,
    entry: Option<Entry>,
}

impl Drop for LogOnDrop {
    fn drop(&mut self) {
        if let Some(entry) = self.entry.take() {
            eprintln!(
                "{} {} -> {}",
                entry.method,
                entry.path,
                if entry.status == 0 {
                    "aborted".to_string()
                } else {
                    entry.status.to_string()
                }
            );
            self.log.push(entry);
        }
    }
}
