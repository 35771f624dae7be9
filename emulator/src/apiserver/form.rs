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

#[cfg(test)]
mod properties {
    //! The parser over any body: never a panic, a 400 for what is not a form, and a well-formed form read back
    //! exactly, however its bytes are split into chunks.
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn runtime() -> &'static tokio::runtime::Runtime {
        static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
        RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap())
    }

    fn store() -> &'static Store {
        static STORE: OnceLock<Store> = OnceLock::new();
        STORE.get_or_init(|| Store::open(&std::env::temp_dir().join("bkpaas-emulator-form-properties")).unwrap())
    }

    /// `body` sent in pieces cut at `cuts` (as a network delivers it).
    fn chunked(body: Vec<u8>, cuts: &[usize]) -> Body {
        let mut at: Vec<usize> = cuts.iter().map(|c| c % (body.len() + 1)).collect();
        at.sort_unstable();
        let mut pieces = Vec::new();
        let mut from = 0;
        for to in at.into_iter().chain([body.len()]) {
            pieces.push(Ok::<_, std::io::Error>(bytes::Bytes::copy_from_slice(&body[from..to.max(from)])));
            from = to.max(from);
        }
        Body::from_stream(futures_util::stream::iter(pieces))
    }

    /// The form, or the status of the answer refusing it.
    fn parse(content_type: &str, body: Body, want_file: bool) -> Result<Form, StatusCode> {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, content_type.parse().unwrap());
        runtime()
            .block_on(read(&headers, body, store(), want_file, Lang::En))
            .map_err(|answer| answer.status())
    }

    fn multipart(boundary: &str, fields: &[(String, String)], file: Option<&[u8]>) -> Vec<u8> {
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        if let Some(data) = file {
            let head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"p-1.tar\"\r\n");
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(b"Content-Type: application/octet-stream\r\n\r\n");
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        body
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn any_body_is_a_form_or_a_400(body in proptest::collection::vec(any::<u8>(), 0..600), cuts in proptest::collection::vec(any::<usize>(), 0..4), json in any::<bool>()) {
            let content_type = if json { "application/json" } else { "multipart/form-data; boundary=XyZ" };
            if let Err(status) = parse(content_type, chunked(body, &cuts), true) {
                prop_assert_eq!(status, StatusCode::BAD_REQUEST);
            }
        }

        #[test]
        fn mangled_forms_are_a_form_or_a_400(
            fields in proptest::collection::vec(("[a-z_]{1,12}", "[^\r]{0,40}"), 0..4),
            at in any::<usize>(), byte in any::<u8>(), cut in any::<usize>(),
        ) {
            let mut body = multipart("b0undary", &fields, Some(b"data"));
            let i = at % body.len();
            body[i] = byte;
            body.truncate(body.len() - cut % (body.len() / 2));
            if let Err(status) = parse("multipart/form-data; boundary=b0undary", Body::from(body), true) {
                prop_assert_eq!(status, StatusCode::BAD_REQUEST);
            }
        }

        #[test]
        fn well_formed_forms_read_back_exactly(
            boundary in "[A-Za-z0-9'()+_,-]{1,60}",
            fields in proptest::collection::vec(("[a-z_]{1,12}", "[^\r\n]{0,40}( ?\r\n[^\r\n]{0,10})?"), 0..5),
            file in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..3000)),
            cuts in proptest::collection::vec(any::<usize>(), 0..6),
        ) {
            let body = multipart(&boundary, &fields, file.as_deref());
            prop_assume!(fields.iter().all(|(_, v)| !v.contains(&format!("--{boundary}"))));
            prop_assume!(file.as_ref().is_none_or(|f| !f.windows(boundary.len() + 2).any(|w| w == format!("--{boundary}").as_bytes())));
            let form = parse(&format!("multipart/form-data; boundary=\"{boundary}\""), chunked(body, &cuts), true);
            let Ok(form) = form else { return Err(TestCaseError::fail("a well-formed form was refused")) };
            prop_assert_eq!(&form.fields, &fields);
            match (&form.package, &file) {
                (Some(p), Some(data)) => {
                    prop_assert_eq!(p.file_name.as_str(), "p-1.tar");
                    prop_assert_eq!(p.written.size, data.len() as u64);
                    prop_assert_eq!(std::fs::read(p.written.file.path()).unwrap(), data.clone());
                    prop_assert_eq!(&p.written.sha256, &crate::storage::writer::hex(&<sha2::Sha256 as sha2::Digest>::digest(data)));
                }
                (None, None) => {}
                _ => return Err(TestCaseError::fail("the file part was lost or invented")),
            }
        }

        #[test]
        fn json_objects_read_back(fields in proptest::collection::btree_map("[a-z_]{1,12}", ".{0,30}", 0..5)) {
            let body = serde_json::to_vec(&fields).unwrap();
            let form = parse("application/json", Body::from(body), false).map_err(|_| TestCaseError::fail("refused"))?;
            let expected: Vec<(String, String)> = fields.into_iter().collect();
            prop_assert_eq!(form.fields, expected);
        }
    }
}
