//! `POST .../source_package/`: upload a file (field `package`, optional `allow_overwrite`).

use super::upload::Upload;
use crate::form::PACKAGE_FIELD;
use crate::responses::{self as r, Lang};
use crate::{validation, version};
use axum::response::Response;

pub async fn run(mut upload: Upload) -> Response {
    let lang = upload.lang;
    let allow_overwrite = match upload.allow_overwrite() {
        Ok(v) => v,
        Err(response) => return response,
    };
    let Some(package) = upload.form.package.take() else {
        let message = if upload.form.get(PACKAGE_FIELD).is_some() {
            lang.pick("The submitted data was not a file. Check the encoding type on the form.", "提交的数据不是一个文件。请检查表单的编码类型。")
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
    let declared = match upload.inspect(&package.written).await {
        Ok(v) => v,
        Err(response) => return response,
    };
    let version = declared.unwrap_or_else(|| version::from_file_name(&package.file_name));
    upload.save(package.written, version, package.file_name, allow_overwrite).await
}
