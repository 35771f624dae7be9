//! The wasm's exports, `uploadFile` and `uploadLink`. The JS entry (js/index.js) calls them once the module is
//! loaded, with what only it knows: the `Client`'s options, whether XMLHttpRequest exists, the browser's language
//! and the page's URL. Both resolve to a `SourcePackage` object or reject with an `UploadError`.

#[allow(unused_imports)]
use crate::prelude::*;

use super::convert;
use super::exec::{self, Parts};
use super::read::{read, Fail};
use crate::plan::{plan, Locale};
use crate::session::Session;
use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, FormData};

/// The JS side of a call: the caller's promise (made in JS: a Rust closure for it would cost more than this),
/// `onStart`, called when the first attempt starts, after every check (the JS entry starts `verify`'s hashing then),
/// and `dispatch`, the `event` export.
#[wasm_bindgen]
extern "C" {
    pub type Settle;
    #[wasm_bindgen(method, getter)]
    fn resolve(this: &Settle) -> Function;
    #[wasm_bindgen(method, getter)]
    fn reject(this: &Settle) -> Function;
    #[wasm_bindgen(method, getter, js_name = onStart)]
    fn on_start(this: &Settle) -> Option<Function>;
    /// fetch's `redirect` mode: `manual` in browsers (a redirect is seen and reported); `error` in Node, whose fetch
    /// keeps a copy of the whole body for any other mode.
    #[wasm_bindgen(method, getter)]
    fn redirect(this: &Settle) -> Option<String>;
    /// The `event` export, as JS sees it: what every browser event of the call is sent to.
    #[wasm_bindgen(method, getter)]
    fn dispatch(this: &Settle) -> Function;
}

/// Uploads an archive the user picked; settles `settle` with the package or an `UploadError`.
#[wasm_bindgen(js_name = uploadFile)]
pub fn upload_file(options: JsValue, base: JsValue, xhr: bool, locale: &str, page: Option<String>, settle: &Settle) {
    upload(false, options, base, xhr, locale, page, settle)
}

/// Asks the platform to download an archive from a URL; settles `settle` like `uploadFile`.
#[wasm_bindgen(js_name = uploadLink)]
pub fn upload_link(options: JsValue, base: JsValue, xhr: bool, locale: &str, page: Option<String>, settle: &Settle) {
    upload(true, options, base, xhr, locale, page, settle)
}

fn upload(link: bool, options: JsValue, base: JsValue, xhr: bool, locale: &str, page: Option<String>, settle: &Settle) {
    let (resolve, reject) = (settle.resolve(), settle.reject());
    let fallback = Locale::parse(locale).unwrap_or_default();
    match prepare(link, &options, &base, xhr, locale, page, resolve, reject.clone()) {
        Ok((mut parts, session)) => {
            parts.on_start = settle.on_start();
            parts.redirect = settle.redirect().unwrap_or_else(|| String::from("manual"));
            exec::start(parts, session, settle.dispatch())
        }
        Err((f, locale)) => drop(reject.call1(&JsValue::NULL, &convert::error(&f, locale.unwrap_or(fallback)))),
    }
}

/// Every check, and the `FormData`: bad input is refused before anything is sent.
#[allow(clippy::too_many_arguments)]
fn prepare(
    link: bool,
    options: &JsValue,
    base: &JsValue,
    xhr: bool,
    locale: &str,
    page: Option<String>,
    resolve: Function,
    reject: Function,
) -> Result<(Parts, Session<JsValue>), (Fail, Option<Locale>)> {
    let seed = (js_sys::Math::random() * 4_294_967_296.0) as u32;
    let r = read(link, options, base, xhr, locale, seed).map_err(|f| (f, None))?;
    let locale = r.input.locale;
    let p = plan(r.input).map_err(|f| (f, Some(locale)))?;
    let invalid = |option, reason| (crate::failure::Failure::validation((option, reason)), Some(locale));
    let form = FormData::new().map_err(|_| invalid("options", "noFormData"))?;
    let file: Option<Blob> = r.file.map(JsCast::unchecked_into);
    if let (Some(file), Some(name)) = (&file, &p.file_name) {
        // As a handle: the browser streams the file from disk, its bytes never enter wasm memory. FormData's own
        // brand check refuses what is not a Blob (of any realm).
        form.append_with_blob_and_filename("package", file, name)
            .map_err(|_| invalid("file", "notBlob"))?;
    }
    for (name, value) in &p.fields {
        let _ = form.append_with_str(name, value);
    }
    // XHR follows redirects by itself; the URL it must end at tells whether it did.
    let expected_url = match &page {
        Some(page) => web_sys::Url::new_with_base(&p.url, page),
        None => web_sys::Url::new(&p.url),
    }
    .ok()
    .map(|u| u.href());
    let parts = Parts {
        url: p.url,
        expected_url,
        headers: p.headers,
        form,
        file: if p.session.sniff { file } else { None },
        signal: r.signal,
        on_progress: r.on_progress,
        on_should_retry: r.on_should_retry,
        credentials: r.credentials,
        xhr,
        locale,
        on_start: None,
        redirect: String::new(),
        resolve,
        reject,
    };
    Ok((parts, Session::new(p.session)))
}
