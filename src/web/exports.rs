//! The functions JS calls. `js/index.js` wraps them: it loads the wasm on first use and turns rejections into
//! `UploadError` instances.

#[allow(unused_imports)]
use crate::prelude::*;

use super::js::{clear_timeout, get, set, set_opt_str, set_timeout, then_both};
use super::read::{Fail, Options};
use super::transport::{Outcome, Outgoing, Transport};
use crate::auth::AuthInput;
use crate::failure::{Code, Failure, Lost};
use crate::options::{self, ConnectionInput, Timeouts, DEFAULT_MAX_SIZE};
use crate::package::{self, SourcePackage};
use crate::retry::{retry_after_seconds, RetryPolicy, Safety};
use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use js_sys::{Date, Function, Object, Promise, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, Blob, FormData};

/// Uploads a file (`link == false`) or a link. Resolves to a `SourcePackage` object, rejects with error fields.
#[wasm_bindgen]
pub fn upload(link: bool, options: JsValue) -> Promise {
    let mut settle = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    if let Some((resolve, reject)) = settle {
        match prepare(link, options) {
            Ok(p) => Rc::new(Call::new(p, resolve, reject)).start(),
            Err(f) => drop(reject.call1(&JsValue::UNDEFINED, &failure_to_js(&f))),
        }
    }
    promise
}

fn invalid((option, why): (&'static str, &str)) -> Fail {
    Failure::validation(option, why)
}

/// Everything a call needs, checked before anything is sent.
struct Prepared {
    url: String,
    headers: Vec<(String, String)>,
    form: FormData,
    /// The file whose first bytes are still to be checked.
    sniff: Option<Blob>,
    timeouts: Timeouts,
    policy: RetryPolicy,
    signal: Option<AbortSignal>,
    on_progress: Option<Function>,
    on_should_retry: Option<Function>,
    credentials: bool,
}

/// A browser callback of the step under way.
type Step = Closure<dyn FnMut(JsValue)>;

/// One call in flight: its checked request, its attempts, and the caller's promise to settle. Event-driven: each
/// step (reading the file's first bytes, an attempt, the wait before a retry) ends by calling the next.
struct Call {
    p: Prepared,
    transport: Transport,
    resolve: Function,
    reject: Function,
    started: f64,
    attempt: Cell<u32>,
    after_ambiguous: Cell<bool>,
    /// The callback of the step the browser is running for us (head read, retry wait), and its timer.
    pending: RefCell<Option<Step>>,
    timer: RefCell<Option<JsValue>>,
}

impl Call {
    fn new(p: Prepared, resolve: Function, reject: Function) -> Call {
        Call {
            p,
            transport: Transport::detect(),
            resolve,
            reject,
            started: Date::now(),
            attempt: Cell::new(1),
            after_ambiguous: Cell::new(false),
            pending: RefCell::new(None),
            timer: RefCell::new(None),
        }
    }

    fn succeed(&self, p: &SourcePackage) {
        let _ = self.resolve.call1(&JsValue::UNDEFINED, &package_to_js(p));
    }

    fn fail(&self, f: &Fail) {
        let _ = self.reject.call1(&JsValue::UNDEFINED, &failure_to_js(f));
    }

    /// Runs `then` with what the browser passes to the pending step, once.
    fn pending(self: &Rc<Self>, then: fn(&Rc<Call>, JsValue)) -> Function {
        let me = self.clone();
        let closure = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            // Taking the callback out ends the Call ↔ callback cycle; a second firing finds nothing.
            let Some(this) = me.pending.borrow_mut().take() else { return };
            if let Some(id) = me.timer.borrow_mut().take() {
                clear_timeout(&id);
            }
            if let Some(signal) = &me.p.signal {
                // The signal outlives the wait: a dropped callback left on it would throw when it aborts later.
                let _ = signal.remove_event_listener_with_callback("abort", this.as_ref().unchecked_ref());
            }
            then(&me, v)
        });
        let f: Function = closure.as_ref().clone().unchecked_into();
        *self.pending.borrow_mut() = Some(closure);
        f
    }

    fn start(self: Rc<Self>) {
        let Some(file) = &self.p.sniff else { return self.send() };
        // The first bytes of the file, enough to tell its archive kind (a small slice: the file stays in the browser).
        let next = self.pending(|call, buffer| {
            let head = if buffer.is_instance_of::<js_sys::ArrayBuffer>() { Uint8Array::new(&buffer).to_vec() } else { Vec::new() };
            match options::check_archive(&head) {
                Ok(_) => call.send(),
                Err(why) => call.fail(&Failure::validation("file", why)),
            }
        });
        match file.slice_with_i32_and_i32(0, crate::archive::SNIFF_LEN as i32) {
            Ok(slice) => then_both(&slice.array_buffer(), &next, &next),
            Err(_) => drop(next.call1(&JsValue::UNDEFINED, &JsValue::UNDEFINED)),
        }
    }

    /// One attempt.
    fn send(self: &Rc<Self>) {
        let (p, t) = (&self.p, self.p.timeouts);
        let remaining = if t.total_ms == 0 { 0 } else { (t.total_ms as f64 - (Date::now() - self.started)).max(1.0) as u32 };
        let xhr = self.transport == Transport::Xhr;
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
        let me = self.clone();
        self.transport.send(&req, move |outcome| me.judged(outcome));
    }

    /// An attempt ended: settle, or wait and try again.
    fn judged(self: &Rc<Self>, outcome: Outcome) {
        let t = self.p.timeouts;
        let (mut failure, retry_after) = match judge(outcome, &self.p.url, self.transport, t) {
            Ok(package) => return self.succeed(&package),
            Err(f) => f,
        };
        let attempt = self.attempt.get();
        failure.attempts = attempt;
        if self.after_ambiguous.get() {
            failure.mark_after_ambiguous_retry();
        }
        let out_of_time = t.total_ms > 0 && Date::now() - self.started >= t.total_ms as f64;
        let delay = if out_of_time { None } else { self.p.policy.next_delay(attempt, failure.safety, retry_after, js_sys::Math::random()) };
        let vetoed = |veto: &Function| {
            let ok = veto.call2(&JsValue::UNDEFINED, &failure_to_js(&failure), &JsValue::from_f64(attempt as f64));
            ok.map(|v| v.as_bool() == Some(false)).unwrap_or(true)
        };
        let Some(delay) = delay.filter(|_| !self.p.on_should_retry.as_ref().is_some_and(vetoed)) else {
            return self.fail(&failure);
        };
        self.after_ambiguous.set(self.after_ambiguous.get() || failure.safety == Safety::Ambiguous);
        // Wait, unless the caller aborts first.
        let next = self.pending(|call, _| {
            if call.p.signal.as_ref().is_some_and(|s| s.aborted()) {
                let mut aborted = Failure::lost(Lost::Aborted, &call.p.url, call.transport.name(), (0, 0, 0));
                aborted.attempts = call.attempt.get();
                return call.fail(&aborted);
            }
            call.attempt.set(call.attempt.get() + 1);
            call.send()
        });
        if let Some(signal) = &self.p.signal {
            let _ = signal.add_event_listener_with_callback("abort", &next);
        }
        *self.timer.borrow_mut() = Some(set_timeout(&next, delay.min(i32::MAX as u32) as i32));
    }
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

/// One attempt's outcome: the package, or the failure and the server's `Retry-After`.
#[inline(never)]
fn judge(outcome: Outcome, url: &str, transport: Transport, t: Timeouts) -> Result<SourcePackage, (Fail, Option<u32>)> {
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
