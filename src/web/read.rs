//! Reading the options object with `Reflect` (smaller than typed getters or serde), each value type-checked.

#[allow(unused_imports)]
use crate::prelude::*;

use super::js::get;
use crate::auth::Invalid;
use js_sys::{Array, Function, Object};
use wasm_bindgen::{JsCast, JsValue};

pub type Fail = crate::failure::Failure<JsValue>;

/// The options object of one call. Readers never return early: the first problem is kept in `problem` and the
/// reader gives a neutral value, so the caller checks once at the end (early returns after each read would make the
/// compiler emit a drop ladder for every one of them, which costs kilobytes of wasm).
pub struct Options {
    value: JsValue,
    problem: core::cell::Cell<Option<Invalid>>,
}

impl Options {
    pub fn new(value: JsValue) -> Options {
        let o = Options { problem: core::cell::Cell::new(None), value };
        if !o.value.is_object() || o.value.is_function() {
            o.fail(("options", "must be an object"));
        }
        o
    }

    /// Records a problem; the first one wins.
    pub fn fail(&self, problem: Invalid) {
        if self.problem.get().is_none() {
            self.problem.set(Some(problem));
        }
    }

    /// The first problem met, if any.
    pub fn problem(&self) -> Option<Invalid> {
        self.problem.get()
    }

    /// Present and not `null`.
    pub fn raw(&self, key: &str) -> Option<JsValue> {
        let v = get(&self.value, key);
        (!v.is_undefined() && !v.is_null()).then_some(v)
    }

    #[inline(never)]
    fn typed<T>(&self, key: &'static str, why: &'static str, cast: impl FnOnce(JsValue) -> Option<T>) -> Option<T> {
        let v = self.raw(key)?;
        let t = cast(v);
        if t.is_none() {
            self.fail((key, why));
        }
        t
    }

    pub fn string(&self, key: &'static str) -> Option<String> {
        self.typed(key, "must be a string", |v| v.as_string())
    }

    pub fn boolean(&self, key: &'static str) -> bool {
        self.typed(key, "must be true or false", |v| v.as_bool()).unwrap_or(false)
    }

    pub fn number(&self, key: &'static str) -> Option<f64> {
        self.typed(key, "must be a number", |v| v.as_f64())
    }

    pub fn numbers(&self, key: &'static str) -> Option<Vec<f64>> {
        self.typed(key, "must be an array of numbers", |v| {
            if !Array::is_array(&v) {
                return None;
            }
            Array::from(&v).iter().map(|n| n.as_f64()).collect()
        })
    }

    pub fn typed_signal(&self) -> Option<web_sys::AbortSignal> {
        self.typed("signal", "must be an AbortSignal", |v| v.dyn_into::<web_sys::AbortSignal>().ok())
    }

    pub fn function(&self, key: &'static str) -> Option<Function> {
        self.typed(key, "must be a function", |v| v.dyn_into::<Function>().ok())
    }

    /// A `Record<string, string>`, as ordered pairs.
    pub fn string_map(&self, key: &'static str) -> Vec<(String, String)> {
        self.typed(key, "must map header names to string values", |v| {
            if !v.is_object() {
                return None;
            }
            Object::entries(v.unchecked_ref())
                .iter()
                .map(|pair| {
                    let pair = Array::from(&pair);
                    Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
                })
                .collect()
        })
        .unwrap_or_default()
    }
}
