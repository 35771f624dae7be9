//! A received package from check to answer: the archive check by content, storing under its version, the success
//! body (keys in the apiserver's order).

use crate::apiserver::responses::{self as r};
use crate::apiserver::upload::Upload;
use crate::apiserver::version;
use crate::config::Flavor;
use crate::storage::archive;
use crate::storage::store::{NewPackage, Record, SaveError};
use crate::storage::writer::{self, Written};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The version column's size: a longer version fails in the database, an unhandled 500.
const VERSION_MAX: usize = 128;

impl Upload {
    /// Checks the archive by content; the version its `app_desc.yaml` declares, if any.
    pub async fn check_archive(&self, written: &Written) -> Result<Option<String>, Response> {
        let path = written.file.path().to_path_buf();
        match tokio::task::spawn_blocking(move || archive::check(&path)).await {
            Ok(Ok(app_desc)) => Ok(app_desc.as_deref().and_then(version::from_app_desc)),
            _ => Err(r::bare_validation_error(self.lang.pick(
                "The source package file format is wrong, the file may be damaged",
                "源码包文件格式错误，文件可能已经损坏",
            ))),
        }
    }

    /// Stores the checked package under `version` and answers as the apiserver does.
    pub async fn save(self, mut written: Written, version: String, package_name: String, allow_overwrite: bool) -> Response {
        if version.chars().count() > VERSION_MAX {
            return r::html_500();
        }
        if self.faults.corrupt {
            let path = written.file.path().to_path_buf();
            match tokio::task::spawn_blocking(move || writer::corrupt(&path)).await {
                Ok(Ok(sha256)) => written.sha256 = sha256,
                _ => return r::html_500(),
            }
        }
        let config = &self.state.config;
        let new = NewPackage {
            app_code: self.app_code,
            module: self.module,
            version,
            package_name,
            size: written.size,
            sha256: written.sha256,
            now: config.time_zone.now(),
            operator: config.operator.clone(),
        };
        match self.state.store.save(written.file, new, allow_overwrite) {
            Ok(record) => success(&record),
            Err(SaveError::AlreadyExists) if config.flavor == Flavor::Documented => r::package_already_exists(self.lang),
            Err(SaveError::AlreadyExists) => r::html_500(),
            Err(SaveError::Io(e)) => {
                eprintln!("bkpaas-emulator: cannot store a package: {e}");
                r::html_500()
            }
        }
    }
}

/// The success body, keys in the apiserver's order.
#[derive(Serialize)]
struct Success<'a> {
    id: u64,
    version: &'a str,
    package_name: &'a str,
    package_size: String,
    sha256_signature: &'a str,
    is_deleted: bool,
    updated: &'a str,
    created: &'a str,
    operator: &'a str,
}

fn success(record: &Record) -> Response {
    let body = Success {
        id: record.id,
        version: &record.version,
        package_name: &record.package_name,
        package_size: record.size.to_string(),
        sha256_signature: &record.sha256,
        is_deleted: false,
        updated: &record.updated,
        created: &record.created,
        operator: &record.operator,
    };
    let json = serde_json::to_string(&body).unwrap_or_default();
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}
