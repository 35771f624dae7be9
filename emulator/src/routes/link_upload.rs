//! `POST .../source_package/link/`: the server downloads `package_url` itself (fields `package_url`,
//! `version`, `allow_overwrite`).

use super::upload::Upload;
use crate::cli::Flavor;
use crate::download::download;
use crate::responses::{self as r};
use crate::{validation, version};
use axum::response::Response;

pub async fn run(upload: Upload) -> Response {
    let lang = upload.lang;
    let config = &upload.state.config;
    let Some(raw_url) = upload.form.get("package_url") else {
        return r::field_error("package_url", lang.pick("This field is required.", "该字段是必填项。"));
    };
    let url = match validation::package_url(raw_url.trim(), config, lang) {
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
    let declared = match upload.inspect(&written).await {
        Ok(v) => v,
        Err(response) => return response,
    };
    let last_segment = url.path().rsplit('/').next().unwrap_or("").to_string();
    let version = Some(sent_version).filter(|v| !v.is_empty()).or(declared).unwrap_or_else(|| version::from_file_name(&last_segment));
    let package_name = version::link_package_name(&url, &version);
    upload.save(written, version, package_name, allow_overwrite).await
}
