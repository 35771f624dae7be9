//! One call in the browser, executing the session's steps. Every browser event reaches one JS function, the
//! `event` export bound to the call's id and a tag that names the source: no Rust closure (their machinery costs
//! more wasm than everything they would do). An event that arrives while another is handled (XHR fires some
//! synchronously, a caller may abort inside `onShouldRetry`) waits in a queue, so handling never re-enters.

#[allow(unused_imports)]
use crate::prelude::*;

use super::convert;
use super::js::{bound, clear_timeout, fetch, get, set, set_timeout, then_both};
use super::read::Fail;
use crate::answer::Answer;
use crate::plan::Locale;
use crate::session::{Event, Session, Step};
use alloc::rc::Rc;
use core::cell::RefCell;
use js_sys::{Date, Function, Object, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, AbortSignal, Blob, FormData, ProgressEvent, Response, XmlHttpRequest};

// Event sources. A tag is `serial << 4 | source`; events of an attempt that has ended carry an old serial.
const START: u32 = 0;
const HEAD: u32 = 1;
const HEAD_FAILED: u32 = 2;
const UP_PROGRESS: u32 = 3;
const UP_LOAD: u32 = 4;
const STATE: u32 = 5;
const LOAD: u32 = 6;
const ERROR: u32 = 7;
const RESPONSE: u32 = 8;
const TEXT: u32 = 9;
const FETCH_FAILED: u32 = 10;
const TIMER: u32 = 11;
const ABORT: u32 = 12;

/// One call as the edge runs it: the checked request and the caller's hooks, the session, and what is in flight.
pub struct Call {
    p: Parts,
    session: Session<JsValue>,
    /// The `event` export (bound per source by `on`), and this call's id.
    dispatch: Function,
    id: u32,
    serial: u32,
    timer: Option<JsValue>,
    request: Option<XmlHttpRequest>,
    controller: Option<AbortController>,
    /// fetch: the answer's status line and headers, while its body is read.
    head: Option<Answer<JsValue>>,
    /// The body's size, from the last progress event.
    total: f64,
    /// The listener on the caller's signal: removed when the call settles (`bind` makes a new function each time).
    on_abort: Option<Function>,
}

struct Mailbox {
    call: RefCell<Option<Call>>,
    queue: RefCell<Vec<(u32, JsValue)>>,
}

impl Mailbox {
    fn deliver(&self, tag: u32, value: JsValue) {
        self.queue.borrow_mut().push((tag, value));
        // Already handling an event further up the stack: that delivery takes this one from the queue.
        let Ok(mut call) = self.call.try_borrow_mut() else { return };
        loop {
            let next = {
                let mut queue = self.queue.borrow_mut();
                if queue.is_empty() {
                    break;
                }
                queue.remove(0)
            };
            let finished = match call.as_mut() {
                Some(c) => c.handle(next.0, next.1),
                None => false,
            };
            if finished {
                *call = None;
            }
        }
    }
}

/// The calls in flight, by id. Single-threaded wasm: the `Sync` is never exercised.
struct Calls(RefCell<Vec<(u32, Rc<Mailbox>)>>, core::cell::Cell<u32>);
unsafe impl Sync for Calls {}
static CALLS: Calls = Calls(RefCell::new(Vec::new()), core::cell::Cell::new(0));

/// An event of call `id` from source `tag` (see `Call::on`); events of a settled call are ignored.
#[wasm_bindgen]
pub fn event(id: u32, tag: u32, value: JsValue) {
    let found = CALLS.0.borrow().iter().find(|(i, _)| *i == id).map(|(_, m)| m.clone());
    let Some(mailbox) = found else { return };
    mailbox.deliver(tag, value);
    if mailbox.call.try_borrow().is_ok_and(|c| c.is_none()) {
        CALLS.0.borrow_mut().retain(|(i, _)| *i != id);
    }
}

/// Starts a call: its id, its abort listener, and the session's first step. `dispatch` is the `event` export.
pub fn start(p: Parts, session: Session<JsValue>, dispatch: Function) {
    let id = CALLS.1.get().wrapping_add(1);
    CALLS.1.set(id);
    let mailbox = Rc::new(Mailbox {
        call: RefCell::new(None),
        queue: RefCell::new(Vec::new()),
    });
    let mut call = Call {
        p,
        session,
        dispatch,
        id,
        serial: 0,
        timer: None,
        request: None,
        controller: None,
        head: None,
        total: 0.0,
        on_abort: None,
    };
    let aborted = match call.p.signal.clone() {
        Some(s) => {
            let listener = call.on(ABORT);
            let _ = s.add_event_listener_with_callback("abort", &listener);
            call.on_abort = Some(listener);
            s.aborted()
        }
        None => false,
    };
    *mailbox.call.borrow_mut() = Some(call);
    CALLS.0.borrow_mut().push((id, mailbox));
    event(id, if aborted { ABORT } else { START }, JsValue::UNDEFINED);
}

impl Call {
    /// The callback for events from `source`.
    fn on(&self, source: u32) -> Function {
        bound(&self.dispatch, self.id, self.serial << 4 | source)
    }

    /// Handles one event; true when the call is settled.
    fn handle(&mut self, tag: u32, value: JsValue) -> bool {
        let source = tag & 15;
        if source != TIMER && source != ABORT && source != START && tag >> 4 != self.serial {
            return false;
        }
        let now = Date::now();
        let head;
        let event = match source {
            START => Event::Start,
            HEAD => {
                head = Uint8Array::new(&value).to_vec();
                Event::Head(Some(&head))
            }
            HEAD_FAILED => Event::Head(None),
            UP_PROGRESS => {
                let p: ProgressEvent = value.unchecked_into();
                let total = if p.length_computable() { p.total() } else { 0.0 };
                self.total = total;
                self.progress("sending", p.loaded(), total, p.length_computable());
                Event::Progress { loaded: p.loaded(), total }
            }
            UP_LOAD => Event::Sent,
            STATE => match &self.request {
                Some(x) if (2..4).contains(&x.ready_state()) => Event::Receiving,
                _ => return false,
            },
            LOAD => match self.request.clone() {
                Some(x) => self.xhr_answer(&x),
                None => return false,
            },
            // Node's fetch in `redirect: 'error'` mode rejects with this cause.
            FETCH_FAILED if get(&get(&value, "cause"), "message").as_string().as_deref() == Some("unexpected redirect") => {
                Event::Redirected {
                    url: None,
                    followed: false,
                }
            }
            ERROR | FETCH_FAILED => Event::Failed,
            RESPONSE => return self.fetch_response(value.unchecked_into()),
            TEXT => match self.head.take() {
                Some(mut a) => {
                    a.body = value.as_string().unwrap_or_default();
                    a.json = JSON::parse(&a.body).ok();
                    let retry_at = retry_at(&a.retry_after);
                    Event::Answer(a, retry_at)
                }
                None => return false,
            },
            TIMER => {
                self.timer = None;
                Event::Timer
            }
            _ => Event::Abort,
        };
        let step = self.session.on(event, now);
        self.execute(step, now)
    }

    fn execute(&mut self, step: Step<JsValue>, now: f64) -> bool {
        match step {
            Step::Idle => {}
            Step::ReadHead => {
                let slice = self
                    .p
                    .file
                    .as_ref()
                    .and_then(|f| f.slice_with_i32_and_i32(0, bkpaas_rules::archive::SNIFF_LEN as i32).ok());
                match slice {
                    Some(s) => then_both(&s.array_buffer(), &self.on(HEAD), &self.on(HEAD_FAILED)),
                    None => return self.handle(self.serial << 4 | HEAD_FAILED, JsValue::UNDEFINED),
                }
            }
            Step::Send => {
                self.serial += 1;
                self.total = 0.0;
                if let Err(f) = if self.p.xhr { self.send_xhr() } else { self.send_fetch() } {
                    return self.settle(Err(f));
                }
                if let Some(started) = self.p.on_start.take() {
                    let _ = started.call0(&JsValue::NULL);
                }
                // One event at the start: with fetch, the only one (no byte progress there).
                self.progress("sending", 0.0, 0.0, false);
            }
            Step::Processing => self.progress("processing", self.total, self.total, true),
            Step::Retry(f) => {
                self.cancel();
                let vetoed = self.p.on_should_retry.as_ref().is_some_and(|veto| {
                    let said = veto.call2(&JsValue::NULL, &convert::error(&f, self.p.locale), &JsValue::from(f.attempts));
                    // Only `false` (or a throw) refuses: a callback that returns nothing lets the retry happen.
                    said.map_or(true, |v| v.as_bool() == Some(false))
                });
                if vetoed {
                    let step = self.session.on(Event::Veto, now);
                    return self.execute(step, now);
                }
            }
            Step::Done(p) => return self.settle(Ok(convert::package(&p))),
            Step::Fail(f) => return self.settle(Err(f)),
        }
        self.arm(now);
        false
    }

    /// The one timer, at the session's next wake-up.
    fn arm(&mut self, now: f64) {
        if let Some(id) = self.timer.take() {
            clear_timeout(&id);
        }
        if let Some(at) = self.session.wake_at() {
            self.timer = Some(set_timeout(&self.on(TIMER), (at - now).max(0.0)));
        }
    }

    /// Stops the request in flight; its late events carry an old serial.
    fn cancel(&mut self) {
        self.serial += 1;
        if let Some(x) = self.request.take() {
            let _ = x.abort();
        }
        if let Some(c) = self.controller.take() {
            c.abort();
        }
    }

    fn settle(&mut self, outcome: Result<JsValue, Fail>) -> bool {
        self.cancel();
        if let Some(id) = self.timer.take() {
            clear_timeout(&id);
        }
        if let (Some(signal), Some(listener)) = (&self.p.signal, self.on_abort.take()) {
            // The signal outlives the call: a listener left on it would keep the call's callback alive.
            let _ = signal.remove_event_listener_with_callback("abort", &listener);
        }
        let _ = match outcome {
            Ok(package) => self.p.resolve.call1(&JsValue::NULL, &package),
            Err(f) => self.p.reject.call1(&JsValue::NULL, &convert::error(&f, self.p.locale)),
        };
        true
    }

    fn progress(&self, phase: &str, loaded: f64, total: f64, computable: bool) {
        let Some(callback) = &self.p.on_progress else { return };
        let event = Object::new();
        set(&event, "phase", &JsValue::from_str(phase));
        set(&event, "loaded", &JsValue::from_f64(loaded));
        set(&event, "total", &JsValue::from_f64(total));
        set(&event, "lengthComputable", &JsValue::from_bool(computable));
        set(&event, "transport", &JsValue::from_str(if self.p.xhr { "xhr" } else { "fetch" }));
        // A throwing progress callback is the caller's bug; it must not break the upload.
        let _ = callback.call1(&JsValue::NULL, &event);
    }

    fn send_xhr(&mut self) -> Result<(), Fail> {
        let refused = |option| crate::failure::Failure::validation((option, "refused"));
        let x = XmlHttpRequest::new().map_err(|_| refused("options"))?;
        x.open_with_async("POST", &self.p.url, true).map_err(|_| refused("baseUrl"))?;
        x.set_with_credentials(self.p.credentials);
        for (name, value) in &self.p.headers {
            x.set_request_header(name, value).map_err(|_| refused("headers"))?;
        }
        let upload = x.upload().map_err(|_| refused("options"))?;
        let _ = upload.add_event_listener_with_callback("progress", &self.on(UP_PROGRESS));
        let _ = upload.add_event_listener_with_callback("load", &self.on(UP_LOAD));
        let _ = x.add_event_listener_with_callback("readystatechange", &self.on(STATE));
        let _ = x.add_event_listener_with_callback("load", &self.on(LOAD));
        let _ = x.add_event_listener_with_callback("error", &self.on(ERROR));
        // Kept before send: an event fired inside send() must find the request.
        self.request = Some(x.clone());
        x.send_with_opt_form_data(Some(&self.p.form)).map_err(|_| refused("file"))
    }

    fn xhr_answer(&self, x: &XmlHttpRequest) -> Event<'static, JsValue> {
        let status = x.status().unwrap_or(0);
        if status == 0 {
            return Event::Failed;
        }
        let final_url = x.response_url();
        if self
            .p
            .expected_url
            .as_ref()
            .is_some_and(|want| !final_url.is_empty() && final_url != *want)
        {
            // XHR follows redirects by itself: the request (and its credential header) went there.
            return Event::Redirected {
                url: Some(final_url),
                followed: true,
            };
        }
        let body = x.response_text().ok().flatten().unwrap_or_default();
        let header = |name| x.get_response_header(name).ok().flatten();
        let retry_after = header("Retry-After");
        let retry_at = retry_at(&retry_after);
        Event::Answer(
            Answer {
                status,
                status_text: x.status_text().unwrap_or_default(),
                json: JSON::parse(&body).ok(),
                body,
                request_id: header("X-Bkapi-Request-Id"),
                retry_after,
            },
            retry_at,
        )
    }

    fn send_fetch(&mut self) -> Result<(), Fail> {
        let controller = AbortController::new().map_err(|_| crate::failure::Failure::validation(("options", "refused")))?;
        let headers = Object::new();
        for (name, value) in &self.p.headers {
            set(&headers, name, &JsValue::from_str(value));
        }
        let init = Object::new();
        set(&init, "method", &JsValue::from_str("POST"));
        set(&init, "headers", &headers);
        set(&init, "body", &self.p.form);
        set(
            &init,
            "credentials",
            &JsValue::from_str(if self.p.credentials { "include" } else { "same-origin" }),
        );
        set(&init, "signal", &controller.signal());
        // The API never redirects: follow nothing (a redirect would carry the credential header elsewhere).
        set(&init, "redirect", &JsValue::from_str(&self.p.redirect));
        then_both(&fetch(&self.p.url, &init), &self.on(RESPONSE), &self.on(FETCH_FAILED));
        self.controller = Some(controller);
        Ok(())
    }

    fn fetch_response(&mut self, r: Response) -> bool {
        let status = r.status();
        let h = r.headers();
        let header = |name| h.get(name).ok().flatten();
        let now = Date::now();
        if get(&r, "type").as_string().as_deref() == Some("opaqueredirect") || (300..400).contains(&status) {
            let step = self.session.on(
                Event::Redirected {
                    url: header("Location"),
                    followed: false,
                },
                now,
            );
            return self.execute(step, now);
        }
        let retry_after = header("Retry-After");
        self.head = Some(Answer {
            status,
            status_text: r.status_text(),
            body: String::new(),
            json: None,
            request_id: header("X-Bkapi-Request-Id"),
            retry_after,
        });
        match r.text() {
            Ok(text) => then_both(&text, &self.on(TEXT), &self.on(FETCH_FAILED)),
            Err(_) => return self.handle(self.serial << 4 | FETCH_FAILED, JsValue::UNDEFINED),
        }
        false
    }
}

/// `Retry-After` as an HTTP-date, in ms since the epoch (the browser's date parser; the seconds form is the core's).
fn retry_at(value: &Option<String>) -> Option<f64> {
    value.as_deref().map(Date::parse).filter(|t| t.is_finite())
}

/// The checked request, and the caller's hooks.
pub struct Parts {
    pub url: String,
    pub expected_url: Option<String>,
    pub headers: Vec<(String, String)>,
    pub form: FormData,
    pub file: Option<Blob>,
    pub signal: Option<AbortSignal>,
    pub on_progress: Option<Function>,
    pub on_should_retry: Option<Function>,
    pub credentials: bool,
    pub xhr: bool,
    pub locale: Locale,
    /// Called once, when the first attempt starts.
    pub on_start: Option<Function>,
    /// fetch's `redirect` mode (see `exports::Settle`).
    pub redirect: String,
    pub resolve: Function,
    pub reject: Function,
}
