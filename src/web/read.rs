//! Reading the options object with `Reflect` (smaller than typed getters or serde), each value type-checked.

#[allow(unused_imports)]
use crate::prelude::*;

use super::js::get;
use crate::failure::Failure;
use js_sys::{Array, Function, Object};
use wasm_bindgen::{JsCast, JsValue};

pub type Fail = Failure<JsValue>;

/// The options object of one call.
pub struct Options(pub JsValue);

impl Options {
    pub fn new(value: JsValue) -> Result<Options, Fail> {
        if !value.is_object() || value.is_function() {
            return Err(Failure::validation("options", "must be an object"));
        }
        Ok(Options(value))
    }

    fn value(&self, key: &str) -> Option<JsValue> {
        let v = get(&self.0, key);
        (!v.is_undefined() && !v.is_null()).then_some(v)
    }

    pub fn raw(&self, key: &str) -> Option<JsValue> {
        self.value(key)
    }

    pub fn string(&self, key: &'static str) -> Result<Option<String>, Fail> {
        self.value(key)
            .map(|v| v.as_string().ok_or_else(|| Failure::validation(key, "must be a string")))
            .transpose()
    }

    pub fn boolean(&self, key: &'static str) -> Result<bool, Fail> {
        self.value(key)
            .map(|v| v.as_bool().ok_or_else(|| Failure::validation(key, "must be true or false")))
            .transpose()
            .map(|b| b.unwrap_or(false))
    }

    pub fn number(&self, key: &'static str) -> Result<Option<f64>, Fail> {
        self.value(key)
            .map(|v| v.as_f64().ok_or_else(|| Failure::validation(key, "must be a number")))
            .transpose()
    }

    pub fn numbers(&self, key: &'static str) -> Result<Option<Vec<f64>>, Fail> {
        let Some(v) = self.value(key) else { return Ok(None) };
        if !Array::is_array(&v) {
            return Err(Failure::validation(key, "must be an array of numbers"));
        }
        Array::from(&v)
            .iter()
            .map(|n| n.as_f64().ok_or_else(|| Failure::validation(key, "must be an array of numbers")))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    pub fn function(&self, key: &'static str) -> Result<Option<Function>, Fail> {
        self.value(key)
            .map(|v| v.dyn_into::<Function>().map_err(|_| Failure::validation(key, "must be a function")))
            .transpose()
    }

    /// A `Record<string, string>`, as ordered pairs.
    pub fn string_map(&self, key: &'static str) -> Result<Vec<(String, String)>, Fail> {
        let Some(v) = self.value(key) else { return Ok(Vec::new()) };
        if !v.is_object() {
            return Err(Failure::validation(key, "must be an object of header names to string values"));
        }
        Object::entries(v.unchecked_ref())
            .iter()
            .map(|pair| {
                let pair = Array::from(&pair);
                match (pair.get(0).as_string(), pair.get(1).as_string()) {
                    (Some(k), Some(v)) => Ok((k, v)),
                    _ => Err(Failure::validation(key, "must map header names to string values")),
                }
            })
            .collect()
    }
}
