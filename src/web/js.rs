//! The few JS functions the edge calls directly, and small helpers around `Reflect`.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(callback: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    pub fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(js_name = fetch)]
    pub fn fetch(url: &str, init: &Object) -> Promise;
    type Bindable;
    #[wasm_bindgen(method, js_name = bind)]
    fn bind(this: &Bindable, context: &JsValue, id: u32, tag: u32) -> Function;
    type Thenable;
    #[wasm_bindgen(method, js_name = then)]
    fn then(this: &Thenable, ok: &Function, err: &Function);
}

// The error model's JS half: builds an `UploadError` (with its message in the caller's language) from the fields.
#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// `values` in the order of `FIELDS`; `cause` what a throwing option threw, or undefined.
    #[wasm_bindgen(js_name = uploadError)]
    pub fn upload_error(values: &js_sys::Array, cause: &JsValue) -> JsValue;
}

/// `promise.then(ok, err)` with plain functions.
pub fn then_both(promise: &Promise, ok: &Function, err: &Function) {
    promise.unchecked_ref::<Thenable>().then(ok, err)
}

/// `f.bind(null, id, tag)`: the one callback, told which call and which source an event is for.
pub fn bound(f: &Function, id: u32, tag: u32) -> Function {
    f.unchecked_ref::<Bindable>().bind(&JsValue::NULL, id, tag)
}

pub fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
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
    fn map_text(&self, f: &dyn Fn(&str) -> String) -> Self {
        let text = js_sys::JSON::stringify(self).ok().and_then(|s| s.as_string()).unwrap_or_default();
        js_sys::JSON::parse(&f(&text)).unwrap_or(JsValue::NULL)
    }
}
