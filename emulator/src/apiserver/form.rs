//! Reads the request's fields the way the apiserver's parsers do: `multipart/form-data` (the `package` file
//! streamed to disk) or `application/json`; `application/x-www-form-urlencoded` and other types are 415.

use crate::apiserver::responses::{drf_error, Lang};
use crate::storage::store::Store;
use crate::storage::writer::{PackageWriter, Written};
use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use futures_util::StreamExt;

/// The field that carries the package file.
pub const PACKAGE_FIELD: &str = "package";
/// Largest text field kept; the rest of a longer one is read and dropped.
const TEXT_FIELD_MAX: usize = 64 * 1024;

/// A received package file part.
pub struct PackageFile {
    pub file_name: String,
    pub written: Written,
}

#[derive(Default)]
pub struct Form {
    /// Text fields in arrival order.
    pub fields: Vec<(String, String)>,
    pub package: Option<PackageFile>,
}

impl Form {
    /// The last value of a text field, as Django's `QueryDict` gives it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// What the request log shows: text values, and a summary of the file.
    pub fn summary(&self) -> Vec<(String, String)> {
        let mut seen = self.fields.clone();
        if let Some(p) = &self.package {
            seen.push((PACKAGE_FIELD.into(), format!("<file {}, {} bytes>", p.file_name, p.written.size)));
        }
        seen
    }
}

/// Reads the whole body into a [`Form`]; `want_file` says whether a `package` file part is stored. The error is the
/// answer to send (415, a malformed body; a body the gateway cut short reads as malformed here).
pub async fn read(headers: &HeaderMap, body: Body, store: &Store, want_file: bool, lang: Lang) -> Result<Form, Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match media.as_str() {
        "multipart/form-data" => read_multipart(&content_type, body, store, want_file, lang).await,
        "application/json" => read_json(body, lang).await,
        "" => Ok(read_json(body, lang).await.unwrap_or_default()),
        _ => {
            let detail = match lang {
                Lang::En => format!("Unsupported media type \"{content_type}\" in request."),
                Lang::Zh => format!("不支持请求中的媒体类型 “{content_type}”。"),
            };
            Err(drf_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, &detail))
        }
    }
}

fn parse_error(lang: Lang, what: &str) -> Response {
    let detail = match lang {
        Lang::En => format!("{what} parse error"),
        Lang::Zh => format!("{what} 解析错误"),
    };
    drf_error(StatusCode::BAD_REQUEST, &detail)
}

async fn read_multipart(content_type: &str, body: Body, store: &Store, want_file: bool, lang: Lang) -> Result<Form, Response> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| parse_error(lang, "Multipart form"))?;
    let mut multipart = multer::Multipart::new(body.into_data_stream(), boundary);
    let mut form = Form::default();
    let malformed = || parse_error(lang, "Multipart form");
    while let Some(mut field) = multipart.next_field().await.map_err(|_| malformed())? {
        let name = field.name().unwrap_or("").to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) if want_file && name == PACKAGE_FIELD && form.package.is_none() => {
                let mut writer = PackageWriter::create(store.temp_file()).await.map_err(|_| malformed())?;
                while let Some(chunk) = field.chunk().await.map_err(|_| malformed())? {
                    writer.write(&chunk).await.map_err(|_| malformed())?;
                }
                let written = writer.finish().await.map_err(|_| malformed())?;
                form.package = Some(PackageFile { file_name, written });
            }
            Some(file_name) => {
                // Another file part: read past it, keep only a trace for the log.
                let mut size = 0;
                while let Some(chunk) = field.chunk().await.map_err(|_| malformed())? {
                    size += chunk.len();
                }
                form.fields.push((name, format!("<file {file_name}, {size} bytes>")));
            }
            None => {
                let mut value = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| malformed())? {
                    let room = TEXT_FIELD_MAX.saturating_sub(value.len());
                    value.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
                form.fields.push((name, String::from_utf8_lossy(&value).into_owned()));
            }
        }
    }
    Ok(form)
}

async fn read_json(body: Body, lang: Lang) -> Result<Form, Response> {
    let mut bytes = Vec::new();
    let mut body = body.into_data_stream();
    while let Some(chunk) = body.next().await {
        bytes.extend_from_slice(&chunk.map_err(|_| parse_error(lang, "JSON"))?);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Form::default());
    }
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| parse_error(lang, "JSON"))?;
    let object = value.as_object().ok_or_else(|| parse_error(lang, "JSON"))?;
    let fields = object
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
        .collect();
    Ok(Form { fields, package: None })
}
