//! `POST .../source_package/link/`: the server downloads `package_url` itself (fields `package_url`,
//! `version`, `allow_overwrite`).

use crate::apiserver::responses::{self as r};
use crate::apiserver::upload::{with_seen, Upload};
use crate::apiserver::{validation, version, ResourcePath};
use crate::config::Flavor;
use crate::state::Shared;
use crate::storage::download::download;
use axum::extract::{Path, Request, State};
use axum::response::Response;

pub async fn link_upload(State(state): State<Shared>, Path((_stage, app, module)): ResourcePath, request: Request) -> Response {
    let upload = match Upload::receive(state, (app, module), request, false, |_| None).await {
        Ok(upload) => upload,
        Err(answer) => return answer,
    };
    let seen = upload.seen();
    with_seen(store(upload).await, seen)
}

async fn store(upload: Upload) -> Response {
    let lang = upload.lang;
    let config = &upload.state.config;
    let Some(raw_url) = upload.form.get("package_url") else {
        return r::field_error("package_url", lang.pick("This field is required.", "该字段是必填项。"));
    };
    let raw_url = raw_url.trim();
    let url = match validation::package_url(raw_url, config, lang) {
        Ok(url) => url,
        Err(message) => return r::field_error("package_url", message),
    };
    let allow_overwrite = match upload.allow_overwrite() {
        Ok(v) => v,
        Err(response) => return response,
    };
    let sent_version = upload.form.get("version").map(str::trim).unwrap_or("").to_string();
    let open_source = config.flavor == Flavor::OpenSource;
    if sent_version.is_empty() && open_source {
        return r::html_500(); // the released view reads the version unchecked
    }
    let written = match download(&upload.state.http, &url, config.link_timeout, &upload.state.store).await {
        Ok(written) => written,
        Err(_) if open_source => return r::html_500(),
        Err(reason) => {
            let message = match lang {
                r::Lang::En => format!("Failed to download the source package: {reason}"),
                r::Lang::Zh => format!("源码包下载失败: {reason}"),
            };
            return r::bare_validation_error(&message);
        }
    };
    let declared = match upload.check_archive(&written).await {
        Ok(v) => v,
        Err(response) => return response,
    };
    let version = Some(sent_version)
        .filter(|v| !v.is_empty())
        .or(declared)
        .unwrap_or_else(|| version::from_file_name(version::last_segment(&url)));
    // The name comes from the URL as sent (trimmed), as the view reads `package_url` from the serializer.
    let package_name = version::link_package_name(raw_url, &version);
    upload.save(written, version, package_name, allow_overwrite).await
}
