//! One transport abstraction over the browser's two ways to POST a `FormData`:
//! XMLHttpRequest (byte progress, stall detection) where it exists, fetch where it does not (extension service
//! workers). The upload logic (`exports.rs`) never knows which one it talks to.

#[allow(unused_imports)]
use crate::prelude::*;

use super::js::{clear_timeout, fetch, has_global, set, set_timeout};
use crate::failure::Lost;
use js_sys::{Function, Object, Promise};
use core::cell::RefCell;
use alloc::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Event, FormData, ProgressEvent, XmlHttpRequest};

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

    pub async fn send(self, req: &Outgoing<'_>) -> Result<Answer, Lost> {
        if req.signal.is_some_and(|s| s.aborted()) {
            return Err(Lost::Aborted);
        }
        let watch = Watch::new(self);
        let result = match self {
            Transport::Xhr => xhr(req, &watch).await,
            Transport::Fetch => via_fetch(req, &watch).await,
        };
        watch.stop();
        result
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

/// The shared state of one attempt: which end came first (answer, loss, timer, abort) wins; the rest is ignored.
struct WatchState {
    lost: Option<Lost>,
    body_sent: bool,
    /// Only XMLHttpRequest tells when the last byte went out.
    tracks_body: bool,
    /// Resolves the attempt's promise.
    wake: Option<Function>,
    stall_timer: Option<JsValue>,
    response_timer: Option<JsValue>,
    deadline_timer: Option<JsValue>,
    /// Called once when a timer or the signal ends the attempt (aborts the XHR or the fetch).
    cancel: Option<Function>,
}

#[derive(Clone)]
struct Watch {
    state: Rc<RefCell<WatchState>>,
    /// Kept alive for the timers and the signal listener; dropped when the attempt ends.
    on_stall: Rc<Closure<dyn FnMut()>>,
    on_no_answer: Rc<Closure<dyn FnMut()>>,
    on_deadline: Rc<Closure<dyn FnMut()>>,
    on_abort: Rc<Closure<dyn FnMut()>>,
}

impl Watch {
    fn new(transport: Transport) -> Watch {
        let state = Rc::new(RefCell::new(WatchState {
            lost: None,
            body_sent: false,
            tracks_body: transport == Transport::Xhr,
            wake: None,
            stall_timer: None,
            response_timer: None,
            deadline_timer: None,
            cancel: None,
        }));
        let ender = |how: fn(Option<bool>) -> Lost| {
            let state = state.clone();
            Rc::new(Closure::new(move || end(&state, how)) as Closure<dyn FnMut()>)
        };
        Watch {
            on_stall: ender(|_| Lost::Stalled),
            on_no_answer: ender(|_| Lost::NoAnswer),
            on_deadline: ender(|sent| Lost::Deadline { body_sent: sent }),
            on_abort: ender(|_| Lost::Aborted),
            state,
        }
    }

    /// A promise that resolves when the attempt ends by any way, and the `cancel` to run when it ends early.
    fn start(&self, req: &Outgoing, cancel: Function) -> Promise {
        self.state.borrow_mut().cancel = Some(cancel);
        if let Some(signal) = req.signal {
            let _ = signal.add_event_listener_with_callback("abort", self.on_abort.as_ref().as_ref().unchecked_ref());
        }
        if req.deadline_ms > 0 {
            let id = set_timeout(self.on_deadline.as_ref().as_ref().unchecked_ref(), req.deadline_ms as i32);
            self.state.borrow_mut().deadline_timer = Some(id);
        }
        let state = self.state.clone();
        Promise::new(&mut |resolve, _| state.borrow_mut().wake = Some(resolve))
    }

    /// Restarts the stall timer (bytes went out).
    fn bytes_sent(&self, stall_ms: u32) {
        if stall_ms == 0 {
            return;
        }
        let id = set_timeout(self.on_stall.as_ref().as_ref().unchecked_ref(), stall_ms as i32);
        if let Some(old) = self.state.borrow_mut().stall_timer.replace(id) {
            clear_timeout(&old);
        }
    }

    /// The last byte went out: stall detection ends, the response deadline starts.
    fn body_done(&self, response_ms: u32) {
        let mut s = self.state.borrow_mut();
        s.body_sent = true;
        if let Some(old) = s.stall_timer.take() {
            clear_timeout(&old);
        }
        if response_ms > 0 {
            s.response_timer = Some(set_timeout(self.on_no_answer.as_ref().as_ref().unchecked_ref(), response_ms as i32));
        }
    }

    /// The transport finished by itself (answer or network error): wake the waiting attempt.
    fn finish(&self) {
        let wake = self.state.borrow_mut().wake.take();
        if let Some(wake) = wake {
            let _ = wake.call0(&JsValue::UNDEFINED);
        }
    }

    fn lost(&self) -> Option<Lost> {
        self.state.borrow().lost
    }

    fn body_sent(&self) -> bool {
        self.state.borrow().body_sent
    }

    /// Clears timers and the signal listener.
    fn stop(&self) {
        let mut s = self.state.borrow_mut();
        for id in [s.stall_timer.take(), s.response_timer.take(), s.deadline_timer.take()].into_iter().flatten() {
            clear_timeout(&id);
        }
        s.cancel = None;
        s.wake = None;
    }

    /// The signal outlives the attempt: its listener must go before the closure is dropped.
    fn detach(&self, signal: Option<&AbortSignal>) {
        if let Some(signal) = signal {
            let _ = signal.remove_event_listener_with_callback("abort", self.on_abort.as_ref().as_ref().unchecked_ref());
        }
    }
}

/// Ends the attempt early: records why, then (with no borrow held, since abort() fires events synchronously)
/// cancels the request and wakes the waiting attempt.
fn end(state: &Rc<RefCell<WatchState>>, how: fn(Option<bool>) -> Lost) {
    let (cancel, wake) = {
        let mut s = state.borrow_mut();
        if s.lost.is_some() || s.wake.is_none() {
            return;
        }
        s.lost = Some(how(s.tracks_body.then_some(s.body_sent)));
        (s.cancel.take(), s.wake.take())
    };
    if let Some(cancel) = cancel {
        let _ = cancel.call0(&JsValue::UNDEFINED);
    }
    if let Some(wake) = wake {
        let _ = wake.call0(&JsValue::UNDEFINED);
    }
}

async fn xhr(req: &Outgoing<'_>, watch: &Watch) -> Result<Answer, Lost> {
    let x = XmlHttpRequest::new().map_err(|_| Lost::Network { body_sent: Some(false) })?;
    x.open_with_async("POST", req.url, true).map_err(|_| Lost::Network { body_sent: Some(false) })?;
    x.set_with_credentials(req.credentials);
    for (name, value) in req.headers {
        x.set_request_header(name, value).map_err(|_| Lost::Network { body_sent: Some(false) })?;
    }
    let upload = x.upload().map_err(|_| Lost::Network { body_sent: Some(false) })?;
    let total = Rc::new(RefCell::new(0f64));

    let on_upload = {
        let watch = watch.clone();
        let total = total.clone();
        let (stall_ms, response_ms) = (req.stall_ms, req.response_ms);
        let on_progress = req.on_progress.cloned();
        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            let Some(p) = e.dyn_ref::<ProgressEvent>() else { return };
            if watch.lost().is_some() {
                return;
            }
            if e.type_() == "load" {
                let t = *total.borrow();
                watch.body_done(response_ms);
                progress(on_progress.as_ref(), Transport::Xhr, "processing", t, t, true);
            } else {
                *total.borrow_mut() = p.total();
                watch.bytes_sent(stall_ms);
                progress(on_progress.as_ref(), Transport::Xhr, "sending", p.loaded(), p.total(), p.length_computable());
            }
        })
    };
    let on_end = {
        let watch = watch.clone();
        Closure::<dyn FnMut(Event)>::new(move |_e: Event| watch.finish())
    };
    for kind in ["progress", "load"] {
        let _ = upload.add_event_listener_with_callback(kind, on_upload.as_ref().unchecked_ref());
    }
    for kind in ["load", "error", "timeout"] {
        let _ = x.add_event_listener_with_callback(kind, on_end.as_ref().unchecked_ref());
    }

    let cancel: Function = {
        let x = x.clone();
        Closure::once_into_js(move || x.abort()).unchecked_into()
    };
    let done = watch.start(req, cancel);
    watch.bytes_sent(req.stall_ms);
    if x.send_with_opt_form_data(Some(req.body)).is_err() {
        watch.detach(req.signal);
        return Err(Lost::Network { body_sent: Some(false) });
    }
    progress(req.on_progress, Transport::Xhr, "sending", 0.0, 0.0, false);
    let _ = JsFuture::from(done).await;
    watch.detach(req.signal);
    // Detach our listeners before the closures drop: an aborted XHR may still fire events.
    for kind in ["progress", "load"] {
        let _ = upload.remove_event_listener_with_callback(kind, on_upload.as_ref().unchecked_ref());
    }
    for kind in ["load", "error", "timeout"] {
        let _ = x.remove_event_listener_with_callback(kind, on_end.as_ref().unchecked_ref());
    }
    if let Some(lost) = watch.lost() {
        return Err(lost);
    }
    let status = x.status().unwrap_or(0);
    if status == 0 {
        return Err(Lost::Network { body_sent: Some(watch.body_sent()) });
    }
    Ok(Answer {
        status,
        body: x.response_text().ok().flatten().unwrap_or_default(),
        request_id: x.get_response_header("X-Bkapi-Request-Id").ok().flatten(),
        retry_after: x.get_response_header("Retry-After").ok().flatten(),
    })
}

async fn via_fetch(req: &Outgoing<'_>, watch: &Watch) -> Result<Answer, Lost> {
    let controller = AbortController::new().map_err(|_| Lost::Network { body_sent: Some(false) })?;
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
    let cancel: Function = {
        let controller = controller.clone();
        Closure::once_into_js(move || controller.abort()).unchecked_into()
    };
    let done = watch.start(req, cancel);
    // fetch cannot report upload progress: one event says so.
    progress(req.on_progress, Transport::Fetch, "sending", 0.0, 0.0, false);

    let exchange = async {
        let response = JsFuture::from(fetch(req.url, &init)).await.map_err(|_| ())?;
        let response: web_sys::Response = response.unchecked_into();
        let text = JsFuture::from(response.text().map_err(|_| ())?).await.map_err(|_| ())?;
        let headers = response.headers();
        Ok::<Answer, ()>(Answer {
            status: response.status(),
            body: text.as_string().unwrap_or_default(),
            request_id: headers.get("X-Bkapi-Request-Id").ok().flatten(),
            retry_after: headers.get("Retry-After").ok().flatten(),
        })
    };
    // Whichever ends first: the exchange, or a timer/abort that wakes `done` (and aborts the fetch).
    let raced = race(exchange, JsFuture::from(done)).await;
    watch.detach(req.signal);
    if let Some(lost) = watch.lost() {
        return Err(lost);
    }
    raced.ok_or(Lost::Network { body_sent: None })
}

/// Polls `a` to completion unless `b` completes first; `None` when `b` won or `a` failed.
async fn race<A, B>(a: A, b: B) -> Option<Answer>
where
    A: core::future::Future<Output = Result<Answer, ()>>,
    B: core::future::Future,
{
    use core::pin::pin;
    use core::task::Poll;
    let mut a = pin!(a);
    let mut b = pin!(b);
    core::future::poll_fn(move |cx| {
        if let Poll::Ready(r) = a.as_mut().poll(cx) {
            return Poll::Ready(r.ok());
        }
        if b.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}
