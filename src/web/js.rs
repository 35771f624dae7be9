//! Globals found through the global scope (window, dedicated worker or service worker alike), and small helpers.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(callback: &Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(js_name = fetch)]
    pub fn fetch(url: &str, init: &Object) -> Promise;
    type Thenable;
    #[wasm_bindgen(method, js_name = then)]
    fn then(this: &Thenable, ok: &Function, err: &Function);
}

/// `promise.then(ok, err)` with plain functions (the callbacks are owned elsewhere).
pub fn then_both(promise: &Promise, ok: &Function, err: &Function) {
    promise.unchecked_ref::<Thenable>().then(ok, err)
}

pub fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

pub fn set_opt_str(target: &Object, key: &str, value: Option<&str>) {
    set(target, key, &value.map_or(JsValue::NULL, JsValue::from_str));
}

/// Whether the global scope has `name` (e.g. `XMLHttpRequest`, absent in extension service workers).
pub fn has_global(name: &str) -> bool {
    Reflect::has(&js_sys::global(), &JsValue::from_str(name)).unwrap_or(false)
}

impl crate::json::Json for JsValue {
    fn field(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let v = get(self, key);
        (!v.is_undefined()).then_some(v)
    }
    fn as_string(&self) -> Option<String> {
        JsValue::as_string(self)
    }
    fn as_number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn as_bool(&self) -> Option<bool> {
        JsValue::as_bool(self)
    }
    fn is_null(&self) -> bool {
        JsValue::is_null(self)
    }
    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }
}
