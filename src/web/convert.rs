//! Results into JS values: the `SourcePackage` object, and the `UploadError` built by js/errors.js from the
//! failure's field values, in the order of `crate::failure::FIELDS` (the one definition).

#[allow(unused_imports)]
use crate::prelude::*;

use super::js::{set, upload_error};
use crate::failure::Value;
use crate::package::SourcePackage;
use crate::plan::Locale;
use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

pub fn error(f: &super::read::Fail, locale: Locale) -> JsValue {
    // The values in `FIELDS` order: js/errors.js names them with its copy of the list (checked against this one).
    let values = Array::new();
    for value in f.values(locale.name()) {
        values.push(&match value {
            Value::Null => JsValue::NULL,
            Value::Bool(b) => JsValue::from_bool(b),
            Value::Num(n) => JsValue::from_f64(n),
            Value::Str(s) => JsValue::from_str(s),
            Value::Json(j) => j.clone(),
        });
    }
    upload_error(&values, f.cause.as_ref().unwrap_or(&JsValue::UNDEFINED))
}

pub fn package(p: &SourcePackage) -> JsValue {
    let o = Object::new();
    let text = |v: &Option<String>| v.as_deref().map_or(JsValue::NULL, JsValue::from_str);
    set(&o, "id", &p.id.map_or(JsValue::NULL, JsValue::from_f64));
    set(&o, "version", &JsValue::from_str(&p.version));
    set(&o, "packageName", &JsValue::from_str(&p.package_name));
    set(&o, "packageSize", &JsValue::from_f64(p.package_size));
    set(&o, "sha256Signature", &text(&p.sha256_signature));
    set(&o, "isDeleted", &JsValue::from_bool(p.is_deleted));
    set(&o, "created", &JsValue::from_str(&p.created));
    set(&o, "updated", &JsValue::from_str(&p.updated));
    set(&o, "operator", &text(&p.operator));
    o.into()
}
