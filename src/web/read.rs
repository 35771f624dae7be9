//! Reading the options: each value through `Reflect.get` (getters and prototypes work, a throwing getter is a
//! problem named by its option), type-checked, and bounded in length before any text is copied into wasm memory.
//! Per-call options win over the `Client`'s, read the same way.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::failure::Failure;
use crate::options::MAX_TEXT_LEN;
use crate::plan::{FileInput, Input, Locale};
use js_sys::{Array, Function, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

pub type Fail = Failure<JsValue>;

/// The options, and what the edge needs besides the plan's input.
pub struct Read {
    pub input: Input,
    pub file: Option<JsValue>,
    /// An `AbortSignal`, possibly of another realm (checked by shape, not `instanceof`).
    pub signal: Option<web_sys::AbortSignal>,
    pub on_progress: Option<Function>,
    pub on_should_retry: Option<Function>,
    pub credentials: bool,
}

struct Options<'a> {
    sources: [&'a JsValue; 2],
}

/// A problem while reading, kept small: every `?` moves it (a whole `Failure` there would cost kilobytes of wasm).
enum Problem {
    Invalid(&'static str, &'static str),
    Threw(&'static str, JsValue),
    TooLong(&'static str, u32),
}

impl Problem {
    fn into_failure(self) -> Fail {
        match self {
            Problem::Invalid(option, reason) => Failure::validation((option, reason)),
            Problem::Threw(option, thrown) => {
                let mut f = Failure::validation((option, "threw"));
                f.cause = Some(thrown);
                f
            }
            Problem::TooLong(option, len) => {
                let mut f = Failure::validation((option, "textTooLong"));
                f.size = Some(len as f64);
                f.limit = Some(MAX_TEXT_LEN as f64);
                f
            }
        }
    }
}

fn invalid(option: &'static str, reason: &'static str) -> Problem {
    Problem::Invalid(option, reason)
}

impl Options<'_> {
    /// The value of `key` from the call's options, else the client's; `None` when absent or `null`.
    fn value(&self, key: &'static str) -> Result<Option<JsValue>, Problem> {
        for source in self.sources {
            if !source.is_object() && !source.is_function() {
                continue;
            }
            match Reflect::get(source, &JsValue::from_str(key)) {
                Ok(v) if v.is_undefined() || v.is_null() => {}
                Ok(v) => return Ok(Some(v)),
                Err(thrown) => return Err(Problem::Threw(key, thrown)),
            }
        }
        Ok(None)
    }

    fn string(&self, key: &'static str) -> Result<Option<String>, Problem> {
        let Some(v) = self.value(key)? else { return Ok(None) };
        let Some(s) = v.dyn_ref::<JsString>() else {
            return Err(invalid(key, "notString"));
        };
        if s.length() > MAX_TEXT_LEN {
            return Err(Problem::TooLong(key, s.length()));
        }
        Ok(v.as_string())
    }

    fn boolean(&self, key: &'static str) -> Result<Option<bool>, Problem> {
        match self.value(key)? {
            None => Ok(None),
            Some(v) => v.as_bool().map(Some).ok_or(invalid(key, "notBoolean")),
        }
    }

    fn number(&self, key: &'static str) -> Result<Option<f64>, Problem> {
        match self.value(key)? {
            None => Ok(None),
            Some(v) => v.as_f64().map(Some).ok_or_else(|| invalid(key, "notNumber")),
        }
    }

    fn numbers(&self, key: &'static str) -> Result<Option<Vec<f64>>, Problem> {
        let Some(v) = self.value(key)? else { return Ok(None) };
        if !Array::is_array(&v) {
            return Err(invalid(key, "notNumbers"));
        }
        let list = Array::from(&v);
        if list.length() > 100 {
            return Err(invalid(key, "notNumbers"));
        }
        // Plain loops here and below: `collect` into `Option`/`Result` brings kilobytes of iterator adapters.
        let mut out = Vec::new();
        for n in list.iter() {
            out.push(n.as_f64().ok_or(invalid(key, "notNumbers"))?);
        }
        Ok(Some(out))
    }

    fn function(&self, key: &'static str) -> Result<Option<Function>, Problem> {
        match self.value(key)? {
            None => Ok(None),
            Some(v) => v.dyn_into::<Function>().map(Some).map_err(|_| invalid(key, "notFunction")),
        }
    }

    /// `Record<string, string>`, a `Headers` or a `Map`, as ordered pairs.
    fn headers(&self) -> Result<Vec<(String, String)>, Problem> {
        let Some(v) = self.value("headers")? else { return Ok(Vec::new()) };
        let bad = || invalid("headers", "notHeaders");
        if !v.is_object() {
            return Err(bad());
        }
        // `Array.from` lists the entries of anything iterable (Headers, Map); a plain object gives none.
        let mut pairs = Array::from(&v);
        if pairs.length() == 0 {
            pairs = Object::entries(v.unchecked_ref());
        }
        let text = |v: JsValue| match v.dyn_ref::<JsString>() {
            Some(s) if s.length() <= MAX_TEXT_LEN => v.as_string(),
            _ => None,
        };
        let mut out = Vec::new();
        for pair in pairs.iter() {
            let pair: Array = pair.dyn_into().map_err(|_| bad())?;
            out.push((text(pair.get(0)).ok_or_else(bad)?, text(pair.get(1)).ok_or_else(bad)?));
        }
        Ok(out)
    }
}

/// Reads every option of a call (`options`, then the client's `base`). `xhr` and `default_locale` come from the JS
/// entry, which knows the global scope: whether XMLHttpRequest exists, and the browser's language.
pub fn read(link: bool, options: &JsValue, base: &JsValue, xhr: bool, default_locale: &str, seed: u32) -> Result<Read, Fail> {
    let mut r = Read {
        input: Input {
            link,
            xhr,
            seed,
            ..Input::default()
        },
        file: None,
        signal: None,
        on_progress: None,
        on_should_retry: None,
        credentials: false,
    };
    fill(&mut r, options, base, default_locale).map_err(Problem::into_failure)?;
    Ok(r)
}

/// One option after the other into `r`: at each `?` only `r` is alive, so an early return drops one value.
#[inline(never)]
fn fill(r: &mut Read, options: &JsValue, base: &JsValue, default_locale: &str) -> Result<(), Problem> {
    if !options.is_object() {
        return Err(invalid("options", "notObject"));
    }
    let o = Options { sources: [options, base] };
    let flag = |key| o.boolean(key).map(|b| b.unwrap_or(false));
    let i = &mut r.input;
    i.auth.access_token = o.string("accessToken")?;
    i.auth.bk_app_code = o.string("bkAppCode")?;
    i.auth.bk_app_secret = o.string("bkAppSecret")?;
    i.auth.bk_token = o.string("bkToken")?;
    i.auth.bk_ticket = o.string("bkTicket")?;
    i.auth.bk_username = o.string("bkUsername")?;
    i.locale = match o.string("locale")? {
        Some(l) => Locale::parse(&l).ok_or(invalid("locale", "locale"))?,
        None => Locale::parse(default_locale).unwrap_or_default(),
    };
    i.base_url = o.string("baseUrl")?;
    i.stage = o.string("stage")?;
    i.app_code = o.string("appCode")?;
    i.module = o.string("module")?;
    i.allow_insecure_http = flag("allowInsecureHttp")?;
    i.headers = o.headers()?;
    i.stall_timeout = o.number("stallTimeout")?;
    i.response_timeout = o.number("responseTimeout")?;
    i.timeout = o.number("timeout")?;
    i.retries = o.number("retries")?;
    i.retry_delays = o.numbers("retryDelays")?;
    i.max_retry_after = o.number("maxRetryAfter")?;
    i.retry_ambiguous = flag("retryAmbiguous")?;
    i.allow_overwrite = flag("allowOverwrite")?;
    r.credentials = flag("credentials")?;
    if i.link {
        i.package_url = o.string("packageUrl")?;
        i.version = o.string("version")?;
    } else {
        i.filename = o.string("filename")?;
        i.max_size = o.number("maxSize")?;
        i.check_archive = o.boolean("checkArchive")?;
        // Read by the JS entry (which hashes); type-checked here with every other option.
        o.boolean("verify")?;
        i.verify_native_max = o.number("verifyNativeMax")?;
        if let Some(f) = o.value("file")? {
            // A Blob by shape (another realm's too); FormData's own brand check decides when it is appended.
            let size = super::js::get(&f, "size").as_f64().ok_or(invalid("file", "notBlob"))?;
            let name = super::js::get(&f, "name");
            let name = match name.dyn_ref::<JsString>() {
                Some(s) if s.length() <= MAX_TEXT_LEN => name.as_string(),
                _ => None,
            };
            i.file = Some(FileInput { name, size });
            r.file = Some(f);
        }
    }
    r.signal = match o.value("signal")? {
        None => None,
        // By shape, so that a signal of another realm (an iframe's) works.
        Some(s) if super::js::get(&s, "aborted").as_bool().is_some() => Some(s.unchecked_into()),
        Some(_) => return Err(invalid("signal", "notSignal")),
    };
    r.on_progress = o.function("onProgress")?;
    r.on_should_retry = o.function("onShouldRetry")?;
    Ok(())
}
