//! One transport abstraction over the browser's two ways to POST a `FormData`:
//! XMLHttpRequest (byte progress, stall detection) where it exists, fetch where it does not (extension service
//! workers). The upload logic (`exports.rs`) never knows which one it talks to.
//!
//! Event-driven, without an async runtime: an attempt ends exactly once, by an answer, a lost connection, a timer or
//! the caller's signal, and then calls its `done` callback. (An async runtime costs about 9 KB of wasm.)

#[allow(unused_imports)]
use crate::prelude::*;

use super::js::{clear_timeout, fetch, has_global, set, set_timeout, then_both};
use crate::failure::Lost;
use alloc::boxed::Box;
use alloc::rc::Rc;
use core::cell::RefCell;
use js_sys::{Function, Object, Promise};
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, AbortSignal, FormData, ProgressEvent, Response, XmlHttpRequest};

/// One request to send.
pub struct Outgoing<'a> {
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a FormData,
    pub credentials: bool,
    pub signal: Option<&'a AbortSignal>,
    pub on_progress: Option<&'a Function>,
    /// Milliseconds; 0 = none.
    pub stall_ms: u32,
    pub response_ms: u32,
    pub deadline_ms: u32,
}

/// What came back. Header values are those the server exposes to scripts (CORS).
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub request_id: Option<String>,
    pub retry_after: Option<String>,
}

pub type Outcome = Result<Answer, Lost>;
type Done = Box<dyn FnOnce(Outcome)>;
type Listener = Closure<dyn FnMut(JsValue)>;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Xhr,
    Fetch,
}

impl Transport {
    pub fn detect() -> Transport {
        if has_global("XMLHttpRequest") {
            Transport::Xhr
        } else {
            Transport::Fetch
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Transport::Xhr => "xhr",
            Transport::Fetch => "fetch",
        }
    }

    /// Starts one attempt; `done` is called once with its outcome.
    pub fn send(self, req: &Outgoing, done: impl FnOnce(Outcome) + 'static) {
        let attempt = Attempt::new(self, req, Box::new(done));
        if req.signal.is_some_and(|s| s.aborted()) {
            return attempt.finish(Err(Lost::Aborted));
        }
        match self {
            Transport::Xhr => xhr(req, &attempt),
            Transport::Fetch => via_fetch(req, &attempt),
        }
    }
}

fn progress(callback: Option<&Function>, transport: Transport, phase: &str, loaded: f64, total: f64, computable: bool) {
    let Some(callback) = callback else { return };
    let event = Object::new();
    set(&event, "phase", &JsValue::from_str(phase));
    set(&event, "loaded", &JsValue::from_f64(loaded));
    set(&event, "total", &JsValue::from_f64(total));
    set(&event, "lengthComputable", &JsValue::from_bool(computable));
    set(&event, "transport", &JsValue::from_str(transport.name()));
    // A throwing progress callback is the caller's bug; it must not break the upload.
    let _ = callback.call1(&JsValue::UNDEFINED, &event);
}

/// The state of one attempt. Whichever end comes first (answer, loss, timer, abort) wins; the rest is ignored.
struct State {
    done: Option<Done>,
    transport: Transport,
    body_sent: bool,
    /// Ends the request early (aborts the XHR or the fetch).
    cancel: Option<Function>,
    signal: Option<AbortSignal>,
    on_progress: Option<Function>,
    stall_ms: u32,
    response_ms: u32,
    /// The one timer running: stall (while sending) or response (after the last byte), and its callback, made once
    /// (progress events restart the timer thousands of times in a large upload).
    timer: Option<JsValue>,
    on_timer: Option<Function>,
    on_abort: Option<Function>,
    deadline: Option<JsValue>,
    /// Callbacks the browser holds while the attempt runs; dropped when it ends (which breaks the Rc cycle).
    held: Vec<Listener>,
    /// fetch: the answer's status and headers, waiting for its body.
    head: Option<(u16, Option<String>, Option<String>)>,
}

#[derive(Clone)]
struct Attempt(Rc<RefCell<State>>);

impl Attempt {
    fn new(transport: Transport, req: &Outgoing, done: Done) -> Attempt {
        Attempt(Rc::new(RefCell::new(State {
            done: Some(done),
            transport,
            body_sent: false,
            cancel: None,
            signal: req.signal.cloned(),
            on_progress: req.on_progress.cloned(),
            stall_ms: req.stall_ms,
            response_ms: req.response_ms,
            timer: None,
            on_timer: None,
            on_abort: None,
            deadline: None,
            held: Vec::new(),
            head: None,
        })))
    }

    /// A browser callback that runs `f` on this attempt, kept alive until the attempt ends.
    fn listener(&self, f: impl Fn(&Attempt, JsValue) + 'static) -> Function {
        let me = self.clone();
        let closure = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| f(&me, v));
        let function: Function = closure.as_ref().clone().unchecked_into();
        self.0.borrow_mut().held.push(closure);
        function
    }

    /// Arms the caller's signal and the total deadline; `cancel` stops the request when either fires.
    fn arm(&self, cancel: Function, deadline_ms: u32) {
        let on_abort = self.listener(|a, _| a.end(Lost::Aborted));
        let signal = {
            let mut s = self.0.borrow_mut();
            s.cancel = Some(cancel);
            s.on_abort = Some(on_abort.clone());
            s.signal.clone()
        };
        if let Some(signal) = signal {
            let _ = signal.add_event_listener_with_callback("abort", &on_abort);
        }
        if deadline_ms > 0 {
            let on_deadline = self.listener(|a, _| {
                let body_sent = {
                    let s = a.0.borrow();
                    (s.transport == Transport::Xhr).then_some(s.body_sent)
                };
                a.end(Lost::Deadline { body_sent })
            });
            self.0.borrow_mut().deadline = Some(set_timeout(&on_deadline, deadline_ms as i32));
        }
    }

    /// (Re)starts the single timer: `Lost::Stalled` while sending, `Lost::NoAnswer` after the last byte.
    fn restart_timer(&self) {
        let (ms, old, fire) = {
            let mut s = self.0.borrow_mut();
            (if s.body_sent { s.response_ms } else { s.stall_ms }, s.timer.take(), s.on_timer.clone())
        };
        if let Some(old) = old {
            clear_timeout(&old);
        }
        if ms == 0 {
            return;
        }
        let fire = fire.unwrap_or_else(|| {
            let f = self.listener(|a, _| {
                let sent = a.0.borrow().body_sent;
                a.end(if sent { Lost::NoAnswer } else { Lost::Stalled })
            });
            self.0.borrow_mut().on_timer = Some(f.clone());
            f
        });
        self.0.borrow_mut().timer = Some(set_timeout(&fire, ms as i32));
    }

    /// Ends early (timer or abort): cancels the request, then reports. No borrow is held while cancelling, since an
    /// XHR's abort() fires its events synchronously.
    fn end(&self, lost: Lost) {
        let cancel = self.0.borrow_mut().cancel.take();
        if self.0.borrow().done.is_none() {
            return;
        }
        if let Some(cancel) = cancel {
            let _ = cancel.call0(&JsValue::UNDEFINED);
        }
        self.finish(Err(lost));
    }

    /// Reports the outcome once, then releases timers, the signal listener and the held callbacks.
    fn finish(&self, outcome: Outcome) {
        let (done, timers, signal, on_abort, held) = {
            let mut s = self.0.borrow_mut();
            let Some(done) = s.done.take() else { return };
            s.cancel = None;
            s.on_timer = None;
            (done, [s.timer.take(), s.deadline.take()], s.signal.take(), s.on_abort.take(), core::mem::take(&mut s.held))
        };
        for id in timers.into_iter().flatten() {
            clear_timeout(&id);
        }
        if let (Some(signal), Some(on_abort)) = (signal, on_abort) {
            // The signal outlives the attempt: its listener goes before the callback is dropped.
            let _ = signal.remove_event_listener_with_callback("abort", &on_abort);
        }
        done(outcome);
        // Dropped on a later task, not now: an aborted fetch still rejects into its callbacks (a microtask), and a
        // callback dropped before it runs would throw.
        let release = Closure::once_into_js(move || drop(held));
        set_timeout(release.unchecked_ref(), 0);
    }

    fn emit(&self, phase: &str, loaded: f64, total: f64, computable: bool) {
        let (callback, transport) = {
            let s = self.0.borrow();
            (s.on_progress.clone(), s.transport)
        };
        progress(callback.as_ref(), transport, phase, loaded, total, computable);
    }
}

fn xhr(req: &Outgoing, attempt: &Attempt) {
    let lost = || Err(Lost::Network { body_sent: Some(false) });
    let Ok(x) = XmlHttpRequest::new() else { return attempt.finish(lost()) };
    if x.open_with_async("POST", req.url, true).is_err() {
        return attempt.finish(lost());
    }
    x.set_with_credentials(req.credentials);
    for (name, value) in req.headers {
        if x.set_request_header(name, value).is_err() {
            return attempt.finish(lost());
        }
    }
    let Ok(upload) = x.upload() else { return attempt.finish(lost()) };

    let on_upload = attempt.listener(|a, e| {
        let Some(p) = e.dyn_ref::<ProgressEvent>() else { return };
        if a.0.borrow().done.is_none() {
            return;
        }
        if p.type_() == "load" {
            // The last byte is out: the server works now.
            a.0.borrow_mut().body_sent = true;
            a.restart_timer();
            a.emit("processing", p.total(), p.total(), true);
        } else {
            a.restart_timer();
            a.emit("sending", p.loaded(), p.total(), p.length_computable());
        }
    });
    let answered = {
        let x = x.clone();
        attempt.listener(move |a, _| {
            let status = x.status().unwrap_or(0);
            let outcome = if status == 0 {
                Err(Lost::Network { body_sent: Some(a.0.borrow().body_sent) })
            } else {
                Ok(Answer {
                    status,
                    body: x.response_text().ok().flatten().unwrap_or_default(),
                    request_id: x.get_response_header("X-Bkapi-Request-Id").ok().flatten(),
                    retry_after: x.get_response_header("Retry-After").ok().flatten(),
                })
            };
            a.finish(outcome)
        })
    };
    for kind in ["progress", "load"] {
        let _ = upload.add_event_listener_with_callback(kind, &on_upload);
    }
    for kind in ["load", "error", "timeout"] {
        let _ = x.add_event_listener_with_callback(kind, &answered);
    }
    let cancel = {
        let x = x.clone();
        attempt.listener(move |_, _| {
            let _ = x.abort();
        })
    };
    attempt.arm(cancel, req.deadline_ms);
    attempt.restart_timer();
    if x.send_with_opt_form_data(Some(req.body)).is_err() {
        return attempt.finish(lost());
    }
    attempt.emit("sending", 0.0, 0.0, false);
}

fn via_fetch(req: &Outgoing, attempt: &Attempt) {
    let Ok(controller) = AbortController::new() else {
        return attempt.finish(Err(Lost::Network { body_sent: Some(false) }));
    };
    let headers = Object::new();
    for (name, value) in req.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    let init = Object::new();
    set(&init, "method", &JsValue::from_str("POST"));
    set(&init, "headers", &headers);
    set(&init, "body", req.body);
    set(&init, "credentials", &JsValue::from_str(if req.credentials { "include" } else { "same-origin" }));
    set(&init, "signal", &controller.signal());

    // fetch cannot tell how much of the body went out: a failure is ambiguous.
    let failed = attempt.listener(|a, _| a.finish(Err(Lost::Network { body_sent: None })));
    let on_text = attempt.listener(|a, text| {
        let head = a.0.borrow_mut().head.take();
        if let Some((status, request_id, retry_after)) = head {
            a.finish(Ok(Answer { status, body: text.as_string().unwrap_or_default(), request_id, retry_after }));
        }
    });
    let on_response = {
        let (on_text, failed) = (on_text.clone(), failed.clone());
        attempt.listener(move |a, response| {
            let response: Response = response.unchecked_into();
            let h = response.headers();
            a.0.borrow_mut().head = Some((
                response.status(),
                h.get("X-Bkapi-Request-Id").ok().flatten(),
                h.get("Retry-After").ok().flatten(),
            ));
            match response.text() {
                Ok(text) => then_both(&text, &on_text, &failed),
                Err(_) => a.finish(Err(Lost::Network { body_sent: None })),
            }
        })
    };
    let cancel = attempt.listener(move |_, _| controller.abort());
    attempt.arm(cancel, req.deadline_ms);
    // One event says that byte progress is not available here.
    attempt.emit("sending", 0.0, 0.0, false);
    let started: Promise = fetch(req.url, &init);
    then_both(&started, &on_response, &failed);
}
