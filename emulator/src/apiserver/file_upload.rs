//! `POST .../source_package/`: upload a file (field `package`, optional `allow_overwrite`).

use crate::apiserver::form::PACKAGE_FIELD;
use crate::apiserver::responses::{self as r, Lang};
use crate::apiserver::upload::{with_seen, Upload};
use crate::apiserver::{validation, version, ResourcePath};
use crate::config::Flavor;
use crate::state::Shared;
use axum::extract::{Path, Request, State};
use axum::response::Response;

pub async fn file_upload(State(state): State<Shared>, Path((_stage, app, module)): ResourcePath, request: Request) -> Response {
    let open_source = state.config.flavor == Flavor::OpenSource;
    // The released apiserver routes no file upload: its view allows no POST there.
    let refuse = |lang| open_source.then(|| r::method_not_allowed(lang, "POST"));
    let upload = match Upload::receive(state, (app, module), request, true, refuse).await {
        Ok(upload) => upload,
        Err(answer) => return answer,
    };
    let seen = upload.seen();
    with_seen(store(upload).await, seen)
}

async fn store(mut upload: Upload) -> Response {
    let lang = upload.lang;
    let allow_overwrite = match upload.allow_overwrite() {
        Ok(v) => v,
        Err(response) => return response,
    };
    let Some(package) = upload.form.package.take() else {
        let message = if upload.form.get(PACKAGE_FIELD).is_some() {
            lang.pick(
                "The submitted data was not a file. Check the encoding type on the form.",
                "提交的数据不是一个文件。请检查表单的编码类型。",
            )
        } else {
            lang.pick("No file was submitted.", "没有提交任何文件。")
        };
        return r::field_error(PACKAGE_FIELD, message);
    };
    if let Err(message) = validation::file_name(&package.file_name, lang) {
        return r::field_error(PACKAGE_FIELD, message);
    }
    if package.written.size == 0 {
        return r::field_error(PACKAGE_FIELD, Lang::pick(lang, "The submitted file is empty.", "提交的是空文件。"));
    }
    let declared = match upload.check_archive(&package.written).await {
        Ok(v) => v,
        Err(response) => return response,
    };
    let version = declared.unwrap_or_else(|| version::from_file_name(&package.file_name));
    upload.save(package.written, version, package.file_name, allow_overwrite).await
}
