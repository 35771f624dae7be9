//! The view of a parsed JSON value that the core reads answers through. In the browser it is a `JsValue` from
//! `JSON.parse` (no JSON parser in the wasm); in native tests it is a `serde_json::Value`.

#[allow(unused_imports)]
use crate::prelude::*;

pub trait Json: Sized {
    /// The member `key` of an object; `None` when absent or when this is not an object.
    fn field(&self, key: &str) -> Option<Self>;
    fn as_string(&self) -> Option<String>;
    fn as_number(&self) -> Option<f64>;
    fn as_bool(&self) -> Option<bool>;
    fn is_null(&self) -> bool;
    /// A JSON object (not an array, not null).
    fn is_object(&self) -> bool;
    /// The same value with `f` applied to its JSON text (to redact secrets anywhere inside it).
    fn map_text(&self, f: &dyn Fn(&str) -> String) -> Self;
}

#[cfg(test)]
impl Json for serde_json::Value {
    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }
    fn as_string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn as_number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn as_bool(&self) -> Option<bool> {
        serde_json::Value::as_bool(self)
    }
    fn is_null(&self) -> bool {
        serde_json::Value::is_null(self)
    }
    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }
    fn map_text(&self, f: &dyn Fn(&str) -> String) -> Self {
        serde_json::from_str(&f(&self.to_string())).unwrap_or(serde_json::Value::Null)
    }
}
