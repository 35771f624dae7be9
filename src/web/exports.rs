//! The functions JS calls. `js/index.js` wraps them: it loads the wasm on first use and turns rejections into
//! `UploadError` instances.

#[allow(unused_imports)]
use crate::prelude::*;

use super::js::{get, set, set_opt_str, sleep};
use super::read::{Fail, Options};
use super::transport::{Answer, Outgoing, Transport};
use crate::auth::AuthInput;
use crate::failure::{Code, Failure, Lost};
use crate::options::{self, ConnectionInput, Timeouts, DEFAULT_MAX_SIZE};
use crate::package::{self, SourcePackage};
use crate::retry::{retry_after_seconds, Safety};
use js_sys::{Date, Object, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob, FormData};

/// Uploads a file (`link == false`) or a link. Resolves to a `SourcePackage` object, rejects with error fields.
#[wasm_bindgen]
pub async fn upload(link: bool, options: JsValue) -> Result<JsValue, JsValue> {
    match run(link, options).await {
        Ok(p) => Ok(package_to_js(&p).into()),
        Err(f) => Err(failure_to_js(&f).into()),
    }
}

/// `"xhr"` where XMLHttpRequest exists (byte progress), else `"fetch"`.
#[wasm_bindgen]
pub fn transport() -> String {
    Transport::detect().name().into()
}

fn invalid((option, why): (&'static str, &str)) -> Fail {
    Failure::validation(option, why)
}

/// Everything a call needs, checked. Built synchronously so the async state machine below stays small.
struct Prepared {
    url: String,
    headers: Vec<(String, String)>,
    form: FormData,
    /// The file whose first bytes are still to be checked.
    sniff: Option<Blob>,
    timeouts: Timeouts,
    policy: crate::retry::RetryPolicy,
    signal: Option<AbortSignal>,
    on_progress: Option<js_sys::Function>,
    on_should_retry: Option<js_sys::Function>,
    credentials: bool,
}

async fn run(link: bool, options: JsValue) -> Result<SourcePackage, Fail> {
    let p = prepare(link, options)?;
    if let Some(file) = &p.sniff {
        let head = read_head(file).await;
        options::check_archive(&head).map_err(|why| Failure::validation("file", why))?;
    }
    send(&p).await
}

/// Every check but the archive's first bytes: bad input is refused before anything is sent.
fn prepare(link: bool, options: JsValue) -> Result<Prepared, Fail> {
    let mut size_problem = None;
    let prepared = checked(link, options, &mut size_problem).map_err(invalid)?;
    match size_problem {
        Some(why) => Err(Failure::validation("file", &why)),
        None => Ok(prepared),
    }
}

/// The checks. Options are read first (a wrong type is recorded, not returned), then checked as a whole.
#[inline(never)]
fn checked(link: bool, options: JsValue, size_problem: &mut Option<String>) -> Result<Prepared, crate::auth::Invalid> {
    let o = Options::new(options);
    let connection = ConnectionInput {
        base_url: o.string("baseUrl"),
        stage: o.string("stage"),
        app_code: o.string("appCode"),
        module: o.string("module"),
        auth: AuthInput {
            access_token: o.string("accessToken"),
            bk_app_code: o.string("bkAppCode"),
            bk_app_secret: o.string("bkAppSecret"),
            bk_token: o.string("bkToken"),
            bk_ticket: o.string("bkTicket"),
            bk_username: o.string("bkUsername"),
        },
        allow_insecure_http: o.boolean("allowInsecureHttp"),
        headers: o.string_map("headers"),
    };
    let defaults = Timeouts::default();
    let ms = |key: &'static str, default: u32| match o.number(key).map(options::check_ms) {
        None => default,
        Some(Ok(v)) => v,
        Some(Err(why)) => {
            o.fail((key, why));
            default
        }
    };
    let timeouts = Timeouts {
        stall_ms: ms("stallTimeout", defaults.stall_ms),
        response_ms: ms("responseTimeout", defaults.response_ms),
        total_ms: ms("timeout", defaults.total_ms),
    };
    let retries = (o.number("retries"), o.numbers("retryDelays"), o.number("maxRetryAfter"), o.boolean("retryAmbiguous"));
    let signal = o.typed_signal();
    let on_progress = o.function("onProgress");
    let on_should_retry = o.function("onShouldRetry");
    let credentials = o.boolean("credentials");
    let allow_overwrite = o.boolean("allowOverwrite");
    let (package_url, version, filename, max_size) = if link {
        (o.string("packageUrl"), o.string("version"), None, None)
    } else {
        (None, None, o.string("filename"), o.number("maxSize"))
    };
    if let Some(problem) = o.problem() {
        return Err(problem);
    }

    let connection = connection.check()?;
    let policy = options::check_retries(retries.0, retries.1, retries.2, retries.3)?;
    let form = FormData::new().map_err(|_| ("options", "FormData is not available here"))?;
    let mut sniff = None;
    if link {
        let url = options::check_package_url(package_url.as_deref().unwrap_or("")).map_err(|why| ("packageUrl", why))?;
        let version = options::check_version(version).map_err(|why| ("version", why))?;
        let _ = form.append_with_str("package_url", &url);
        if let Some(v) = version {
            let _ = form.append_with_str("version", &v);
        }
    } else {
        let file = o
            .raw("file")
            .ok_or(("file", "is required: a File (from an <input type=file> or a drop) or a Blob with `filename`"))?
            .dyn_into::<Blob>()
            .map_err(|_| ("file", "must be a File or a Blob"))?;
        let name = filename.unwrap_or_else(|| get(&file, "name").as_string().unwrap_or_default());
        options::check_filename(&name).map_err(|why| ("filename", why))?;
        let max = match max_size {
            Some(m) if m > 0.0 => m as u64,
            Some(_) => return Err(("maxSize", "must be a positive number of bytes")),
            None => DEFAULT_MAX_SIZE,
        };
        // Reported after every other check, as the only message with numbers in it.
        *size_problem = options::check_size(file.size() as u64, max).err();
        // The file goes in as a handle: the browser streams it from disk, its bytes never enter wasm memory.
        let _ = form.append_with_blob_and_filename("package", &file, &name);
        if o.raw("checkArchive").and_then(|v| v.as_bool()) != Some(false) {
            sniff = Some(file);
        }
    }
    let _ = form.append_with_str("allow_overwrite", if allow_overwrite { "true" } else { "false" });

    let mut headers = vec![
        (String::from("X-Bkapi-Authorization"), connection.auth.header_value()),
        (String::from("Accept"), String::from("application/json")),
    ];
    headers.extend(connection.headers.iter().cloned());
    Ok(Prepared { url: connection.url(link), headers, form, sniff, timeouts, policy, signal, on_progress, on_should_retry, credentials })
}

/// Sends until success, a final failure, or the retries run out.
async fn send(p: &Prepared) -> Result<SourcePackage, Fail> {
    let transport = Transport::detect();
    let started = Date::now();
    let mut after_ambiguous = false;
    let mut attempt = 1;
    loop {
        let t = p.timeouts;
        let remaining = if t.total_ms == 0 { 0 } else { (t.total_ms as f64 - (Date::now() - started)).max(1.0) as u32 };
        let xhr = transport == Transport::Xhr;
        let req = Outgoing {
            url: &p.url,
            headers: &p.headers,
            body: &p.form,
            credentials: p.credentials,
            signal: p.signal.as_ref(),
            on_progress: p.on_progress.as_ref(),
            stall_ms: if xhr { t.stall_ms } else { 0 },
            response_ms: if xhr { t.response_ms } else { 0 },
            deadline_ms: remaining,
        };
        let outcome = transport.send(&req).await;
        let (mut failure, retry_after) = match judge(outcome, &p.url, transport, t) {
            Ok(package) => return Ok(package),
            Err(f) => f,
        };
        failure.attempts = attempt;
        if after_ambiguous {
            failure.mark_after_ambiguous_retry();
        }
        let out_of_time = t.total_ms > 0 && Date::now() - started >= t.total_ms as f64;
        let delay = if out_of_time { None } else { p.policy.next_delay(attempt, failure.safety, retry_after, js_sys::Math::random()) };
        let Some(delay) = delay else { return Err(failure) };
        if let Some(veto) = &p.on_should_retry {
            let ok = veto.call2(&JsValue::UNDEFINED, &failure_to_js(&failure), &JsValue::from_f64(attempt as f64));
            if ok.map(|v| v.is_falsy()).unwrap_or(true) {
                return Err(failure);
            }
        }
        sleep(delay, p.signal.as_ref()).await;
        if p.signal.as_ref().is_some_and(|s| s.aborted()) {
            let mut aborted = Failure::lost(Lost::Aborted, &p.url, transport.name(), (0, 0, 0));
            aborted.attempts = attempt;
            return Err(aborted);
        }
        after_ambiguous |= failure.safety == Safety::Ambiguous;
        attempt += 1;
    }
}

/// One attempt's outcome: the package, or the failure and the server's `Retry-After`.
#[inline(never)]
fn judge(outcome: Result<Answer, Lost>, url: &str, transport: Transport, t: Timeouts) -> Result<SourcePackage, (Fail, Option<u32>)> {
    match outcome {
        Ok(answer) if (200..300).contains(&answer.status) => {
            let why = match JSON::parse(&answer.body) {
                Ok(json) => match package::parse(&json) {
                    Ok(p) => return Ok(p),
                    Err(why) => why,
                },
                Err(_) => "the body is not JSON",
            };
            Err((Failure::bad_success(answer.status, url, &answer.body, why, answer.request_id), None))
        }
        Ok(answer) => {
            let json = JSON::parse(&answer.body).ok().filter(|v| v.is_object());
            let retry_after = answer.retry_after.as_deref().and_then(parse_retry_after);
            Err((Failure::from_answer(answer.status, url, &answer.body, json, answer.request_id), retry_after))
        }
        Err(lost) => Err((Failure::lost(lost, url, transport.name(), (t.stall_ms, t.response_ms, t.total_ms)), None)),
    }
}

/// `Retry-After` as delta-seconds or an HTTP-date, in milliseconds from now.
fn parse_retry_after(value: &str) -> Option<u32> {
    retry_after_seconds(value).or_else(|| {
        let at = Date::parse(value);
        at.is_finite().then(|| (at - Date::now()).max(0.0) as u32)
    })
}

/// The first bytes of the file, enough to tell its archive kind (a small slice: the file itself stays in the browser).
async fn read_head(file: &Blob) -> Vec<u8> {
    let Ok(slice) = file.slice_with_i32_and_i32(0, crate::archive::SNIFF_LEN as i32) else { return Vec::new() };
    match JsFuture::from(slice.array_buffer()).await {
        Ok(buf) => Uint8Array::new(&buf).to_vec(),
        Err(_) => Vec::new(),
    }
}

fn package_to_js(p: &SourcePackage) -> Object {
    let o = Object::new();
    set(&o, "id", &p.id.map_or(JsValue::NULL, JsValue::from_f64));
    set(&o, "version", &JsValue::from_str(&p.version));
    set(&o, "packageName", &JsValue::from_str(&p.package_name));
    set(&o, "packageSize", &JsValue::from_f64(p.package_size));
    set_opt_str(&o, "sha256Signature", p.sha256_signature.as_deref());
    set(&o, "isDeleted", &JsValue::from_bool(p.is_deleted));
    set(&o, "created", &JsValue::from_str(&p.created));
    set(&o, "updated", &JsValue::from_str(&p.updated));
    set_opt_str(&o, "operator", p.operator.as_deref());
    o
}

fn failure_to_js(f: &Fail) -> Object {
    let o = Object::new();
    set(&o, "kind", &JsValue::from_str(f.kind.name()));
    set(&o, "message", &JsValue::from_str(&f.message));
    set(&o, "status", &f.status.map_or(JsValue::NULL, |s| JsValue::from_f64(s as f64)));
    set_opt_str(&o, "requestId", f.request_id.as_deref());
    set(&o, "retryable", &JsValue::from_bool(f.retryable()));
    set_opt_str(&o, "option", f.option);
    let code = match &f.code {
        Some(Code::Number(n)) => JsValue::from_f64(*n),
        Some(Code::Slug(s)) => JsValue::from_str(s),
        None => JsValue::NULL,
    };
    set(&o, "code", &code);
    set_opt_str(&o, "codeName", f.code_name.as_deref());
    set_opt_str(&o, "detail", f.detail.as_deref());
    set(&o, "fieldsDetail", f.fields_detail.as_ref().unwrap_or(&JsValue::NULL));
    set_opt_str(&o, "bodyExcerpt", f.body_excerpt.as_deref());
    set(&o, "attempts", &JsValue::from_f64(f.attempts as f64));
    set(&o, "afterAmbiguousRetry", &JsValue::from_bool(f.after_ambiguous_retry));
    o
}
