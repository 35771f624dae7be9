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

/// What only the JS entry knows, and the JS side of a call: whether XMLHttpRequest exists, the browser's language,
/// the page's URL, fetch's `redirect` mode, the caller's promise (made in JS: a Rust closure for it would cost more
/// than this), `onStart` and `dispatch`.
#[wasm_bindgen]
extern "C" {
    pub type Env;
    #[wasm_bindgen(method, getter)]
    fn xhr(this: &Env) -> bool;
    /// The browser's language, the default of `locale`.
    #[wasm_bindgen(method, getter)]
    fn locale(this: &Env) -> String;
    /// The page's URL, against which a relative `baseUrl` resolves.
    #[wasm_bindgen(method, getter)]
    fn page(this: &Env) -> Option<String>;
    /// fetch's `redirect` mode: `manual` in browsers (a redirect is seen and reported); `error` in Node, whose fetch
    /// keeps a copy of the whole body for any other mode.
    #[wasm_bindgen(method, getter)]
    fn redirect(this: &Env) -> String;
    #[wasm_bindgen(method, getter)]
    fn resolve(this: &Env) -> Function;
    #[wasm_bindgen(method, getter)]
    fn reject(this: &Env) -> Function;
    /// Called when the first attempt starts, after every check (the JS entry starts `verify`'s hashing then).
    #[wasm_bindgen(method, getter, js_name = onStart)]
    fn on_start(this: &Env) -> Option<Function>;
    /// The `event` export, as JS sees it: what every browser event of the call is sent to.
    #[wasm_bindgen(method, getter)]
    fn dispatch(this: &Env) -> Function;
}

/// Uploads an archive the user picked; settles `env`'s promise with the package or an `UploadError`.
#[wasm_bindgen(js_name = uploadFile)]
pub fn upload_file(options: JsValue, base: JsValue, env: &Env) {
    upload(false, &options, &base, env)
}

/// Asks the platform to download an archive from a URL; settles like `uploadFile`.
#[wasm_bindgen(js_name = uploadLink)]
pub fn upload_link(options: JsValue, base: JsValue, env: &Env) {
    upload(true, &options, &base, env)
}

fn upload(link: bool, options: &JsValue, base: &JsValue, env: &Env) {
    match prepare(link, options, base, env) {
        Ok((parts, session)) => exec::start(parts, session, env.dispatch()),
        Err((f, locale)) => {
            let locale = locale.unwrap_or(Locale::parse(&env.locale()).unwrap_or_default());
            drop(env.reject().call1(&JsValue::NULL, &convert::error(&f, locale)))
        }
    }
}

/// Every check, and the `FormData`: bad input is refused before anything is sent.
fn prepare(link: bool, options: &JsValue, base: &JsValue, env: &Env) -> Result<(Parts, Session<JsValue>), (Fail, Option<Locale>)> {
    let seed = (js_sys::Math::random() * 4_294_967_296.0) as u32;
    let xhr = env.xhr();
    let r = read(link, options, base, xhr, &env.locale(), seed).map_err(|f| (f, None))?;
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
    let expected_url = match env.page() {
        Some(page) => web_sys::Url::new_with_base(&p.url, &page),
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
        on_start: env.on_start(),
        redirect: env.redirect(),
        resolve: env.resolve(),
        reject: env.reject(),
    };
    Ok((parts, Session::new(p.session)))
}
