//! One call from checked input to outcome, as data: the browser edge feeds it events (progress, answers, timers,
//! abort) with the time, and it answers with the next step. Attempts, stall/response/total deadlines, retries with
//! `Retry-After` and jitter, the caller's veto, ambiguity and abort are all decided here, and tested natively.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::answer::{self, retry_after_seconds, Answer};
use crate::failure::{Failure, Kind, Safety};
use crate::options::Timeouts;
use crate::package::SourcePackage;
use crate::retry::RetryPolicy;

/// What the session needs to know of the call, from the checked options.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub url: String,
    /// XMLHttpRequest (byte progress: stall and response timeouts apply) or fetch.
    pub xhr: bool,
    /// Read the file's first bytes to check its archive kind before sending.
    pub sniff: bool,
    pub timeouts: Timeouts,
    pub policy: RetryPolicy,
    /// Every form of every secret sent, to redact from answers.
    pub secrets: Vec<String>,
    /// Seeds the retry jitter.
    pub seed: u32,
}

/// What happened, as the browser edge saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a, J> {
    /// The call begins.
    Start,
    /// The file's first bytes (`None`: the file could not be read).
    Head(Option<&'a [u8]>),
    /// Bytes of the body went out (XHR upload progress).
    Progress { loaded: f64, total: f64 },
    /// The last byte of the body went out.
    Sent,
    /// Bytes of the answer arrived (headers or body).
    Receiving,
    /// The whole answer; `retry_at` is `Retry-After` read as an HTTP-date (ms since the epoch), if it is one.
    Answer(Answer<J>, Option<f64>),
    /// The attempt failed without an answer (network error, CORS, refused connection).
    Failed,
    /// The server redirected to `url` (when the browser tells it); `followed`: the browser re-sent the request there.
    Redirected { url: Option<String>, followed: bool },
    /// The timer the session asked for (see `wake_at`) fired.
    Timer,
    /// The caller's signal aborted.
    Abort,
    /// The caller's `onShouldRetry` refused the retry the session offered.
    Veto,
}

/// What the edge does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step<J> {
    /// Nothing now (keep waiting for events).
    Idle,
    /// Read the file's first bytes (`bkpaas_rules::archive::SNIFF_LEN`) and feed them back as `Event::Head`.
    ReadHead,
    /// Start an attempt: send the request (cancelling none: the last one has ended).
    Send,
    /// The last byte is out: report the `processing` phase.
    Processing,
    /// The attempt failed and will be retried after a wait (see `wake_at`): ask the caller's veto with this failure.
    Retry(Failure<J>),
    /// Resolve: the package is stored. The request in flight, if any, is over.
    Done(SourcePackage),
    /// Reject: cancel the request in flight, if any.
    Fail(Failure<J>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    New,
    Reading,
    /// An attempt is sending its body; `moved` is when its last byte moved (none yet: it may be queued behind the
    /// browser's connection limit, which is no stall).
    Sending {
        moved: Option<f64>,
    },
    /// The whole body went out at `since`; no byte of the answer yet.
    Awaiting {
        since: f64,
    },
    /// The answer is coming; its last byte arrived at `at`.
    Receiving {
        at: f64,
    },
    /// Between attempts, until `until`.
    Waiting {
        until: f64,
    },
    Over,
}

pub struct Session<J> {
    config: Config,
    state: State,
    deadline: Option<f64>,
    attempt: u32,
    /// An earlier attempt failed ambiguously: the package may already be stored.
    after_ambiguous: bool,
    /// The failure a pending retry follows: the outcome if the caller vetoes it.
    last: Option<Failure<J>>,
    random: u32,
}

/// A timer may fire up to this early (clock granularity).
const SLACK_MS: f64 = 1.0;

impl<J: crate::json::Json + Clone> Session<J> {
    pub fn new(config: Config) -> Self {
        // Spread small seeds over the whole range (xorshift stays near 0 for a while from a small state).
        let random = config.seed.wrapping_mul(0x9E37_79B9) | 1;
        Session {
            config,
            state: State::New,
            deadline: None,
            attempt: 1,
            after_ambiguous: false,
            last: None,
            random,
        }
    }

    /// When the edge must feed `Event::Timer` (ms since the epoch), if at all. Asked after every step.
    pub fn wake_at(&self) -> Option<f64> {
        let t = self.config.timeouts;
        let after = |from: f64, ms: u32| (ms > 0).then_some(from + ms as f64);
        let own = match self.state {
            State::Sending { moved: Some(at) } | State::Receiving { at } => after(at, t.stall_ms),
            State::Awaiting { since } => after(since, t.response_ms),
            State::Waiting { until } => Some(until),
            State::New | State::Over => return None,
            State::Reading | State::Sending { moved: None } => None,
        };
        match (own, self.deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn on(&mut self, event: Event<J>, now: f64) -> Step<J> {
        match (self.state, event) {
            (State::Over, _) => Step::Idle,
            (State::New, Event::Start) => {
                let total = self.config.timeouts.total_ms;
                self.deadline = (total > 0).then_some(now + total as f64);
                if self.config.sniff {
                    self.state = State::Reading;
                    Step::ReadHead
                } else {
                    self.send()
                }
            }
            (state, Event::Abort) => {
                let mut f = self.failure(Failure::new(Kind::Aborted, Self::phase_reason(state), Safety::Final));
                // After the last byte (or with fetch, which cannot tell) the server may be storing it right now.
                f.may_be_stored |= matches!(state, State::Awaiting { .. } | State::Receiving { .. })
                    || (matches!(state, State::Sending { .. }) && !self.config.xhr);
                self.end(f)
            }
            (State::New, _) => Step::Idle,
            (State::Reading, Event::Head(head)) => match head {
                None => self.end(Failure::validation(("file", "unreadable"))),
                Some(head) if bkpaas_rules::archive::sniff(head).is_none() => self.end(Failure::validation(("file", "notArchive"))),
                Some(_) => self.send(),
            },
            (State::Sending { .. }, Event::Progress { loaded, total }) => {
                self.state = State::Sending { moved: Some(now) };
                if total > 0.0 && loaded >= total {
                    // Some engines (Firefox) report the last byte as progress and fire the upload's load late.
                    return self.on(Event::Sent, now);
                }
                Step::Idle
            }
            (State::Sending { .. }, Event::Sent) => {
                self.state = State::Awaiting { since: now };
                Step::Processing
            }
            (State::Sending { .. } | State::Awaiting { .. } | State::Receiving { .. }, Event::Receiving) => {
                self.state = State::Receiving { at: now };
                Step::Idle
            }
            (State::Sending { .. } | State::Awaiting { .. } | State::Receiving { .. }, Event::Answer(a, retry_at)) => {
                let retry_after = a
                    .retry_after
                    .as_deref()
                    .and_then(|v| retry_after_seconds(v).or_else(|| retry_at.map(|at| (at - now).clamp(0.0, u32::MAX as f64) as u32)));
                match answer::judge(a, &self.config.secrets) {
                    Ok(package) => {
                        self.state = State::Over;
                        Step::Done(package)
                    }
                    Err(f) => self.failed(f, retry_after, now),
                }
            }
            (state @ (State::Sending { .. } | State::Awaiting { .. } | State::Receiving { .. }), Event::Failed) => {
                let (reason, safety) = match state {
                    _ if !self.config.xhr => ("unknown", Safety::Ambiguous),
                    State::Sending { .. } => ("beforeSent", Safety::NotProcessed),
                    _ => ("afterSent", Safety::Ambiguous),
                };
                self.failed(Failure::new(Kind::Network, reason, safety), None, now)
            }
            (State::Sending { .. } | State::Awaiting { .. } | State::Receiving { .. }, Event::Redirected { url, followed }) => {
                let mut f = Failure::new(Kind::Redirect, if followed { "followed" } else { "refused" }, Safety::Final);
                f.redirect_url = url.map(|u| crate::redact::redact(&u, &self.config.secrets));
                f.credential_sent = followed;
                self.end(f)
            }
            (State::Waiting { until }, Event::Timer) if now + SLACK_MS >= until => {
                self.attempt += 1;
                self.send()
            }
            (state, Event::Timer) => self.timer(state, now),
            (State::Waiting { .. }, Event::Veto) => match self.last.take() {
                Some(f) => self.end(f),
                None => Step::Idle,
            },
            _ => Step::Idle,
        }
    }

    /// What an abort interrupted.
    fn phase_reason(state: State) -> &'static str {
        match state {
            State::Awaiting { .. } | State::Receiving { .. } => "processing",
            State::Waiting { .. } => "waiting",
            _ => "aborted",
        }
    }

    fn timer(&mut self, state: State, now: f64) -> Step<J> {
        let t = self.config.timeouts;
        if self.deadline.is_some_and(|d| now + SLACK_MS >= d) {
            let safety = match state {
                State::Reading => Safety::Final,
                State::Sending { .. } if self.config.xhr => Safety::NotProcessed,
                _ => Safety::Ambiguous,
            };
            let mut f = Failure::new(Kind::Timeout, "total", safety);
            f.limit = Some(t.total_ms as f64);
            // The whole call's time is up: no retry, whatever the safety.
            let f = self.failure(f);
            return self.end(f);
        }
        let (reason, limit, safety) = match state {
            State::Sending { moved: Some(at) } if t.stall_ms > 0 && now + SLACK_MS >= at + t.stall_ms as f64 => {
                ("stall", t.stall_ms, Safety::NotProcessed)
            }
            State::Awaiting { since } if t.response_ms > 0 && now + SLACK_MS >= since + t.response_ms as f64 => {
                ("noAnswer", t.response_ms, Safety::Ambiguous)
            }
            State::Receiving { at } if t.stall_ms > 0 && now + SLACK_MS >= at + t.stall_ms as f64 => {
                ("stallAnswer", t.stall_ms, Safety::Ambiguous)
            }
            _ => return Step::Idle,
        };
        let mut f = Failure::new(Kind::Timeout, reason, safety);
        f.limit = Some(limit as f64);
        self.failed(f, None, now)
    }

    fn send(&mut self) -> Step<J> {
        self.state = State::Sending { moved: None };
        Step::Send
    }

    /// Fills in what every failure of this call carries.
    fn failure(&self, mut f: Failure<J>) -> Failure<J> {
        f.attempts = self.attempt;
        f.url = Some(self.config.url.clone());
        f.transport = Some(if self.config.xhr { "xhr" } else { "fetch" });
        if self.after_ambiguous {
            f.mark_after_ambiguous_retry();
            f.may_be_stored = true;
        }
        f
    }

    fn end(&mut self, f: Failure<J>) -> Step<J> {
        self.state = State::Over;
        Step::Fail(f)
    }

    /// An attempt failed: retry after a wait, or give up.
    fn failed(&mut self, f: Failure<J>, retry_after_ms: Option<u32>, now: f64) -> Step<J> {
        let f = self.failure(f);
        self.random ^= self.random << 13;
        self.random ^= self.random >> 17;
        self.random ^= self.random << 5;
        let random = self.random as f64 / (u32::MAX as f64 + 1.0);
        let delay = self.config.policy.next_delay(self.attempt, f.safety, retry_after_ms, random);
        // No attempt may start after the deadline: then the failure as it is, now, rather than a wait for nothing.
        let Some(until) = delay
            .map(|d| now + d as f64)
            .filter(|until| self.deadline.is_none_or(|d| *until < d))
        else {
            return self.end(f);
        };
        self.after_ambiguous |= f.safety == Safety::Ambiguous;
        self.state = State::Waiting { until };
        self.last = Some(f.clone());
        Step::Retry(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::failure::Code;
    use serde_json::{json, Value};

    const URL: &str = "https://h/api/bkpaas3/prod/bkapps/applications/a/modules/default/source_package/";

    fn config() -> Config {
        Config {
            url: URL.into(),
            xhr: true,
            sniff: false,
            timeouts: Timeouts::default(),
            policy: RetryPolicy {
                delays: vec![1000, 3000],
                ..RetryPolicy::default()
            },
            secrets: crate::redact::forms("the-token"),
            seed: 7,
        }
    }

    fn session(config: Config) -> Session<Value> {
        Session::new(config)
    }

    fn answer(status: u16, body: Value) -> Event<'static, Value> {
        Event::Answer(
            Answer {
                status,
                status_text: String::new(),
                body: body.to_string(),
                json: Some(body),
                request_id: None,
                retry_after: None,
            },
            None,
        )
    }

    fn with_retry_after(status: u16, value: &str) -> Event<'static, Value> {
        let body = json!({"code": "ERROR", "detail": "busy"});
        Event::Answer(
            Answer {
                status,
                status_text: String::new(),
                body: body.to_string(),
                json: Some(body),
                request_id: None,
                retry_after: Some(value.into()),
            },
            None,
        )
    }

    fn package() -> Value {
        json!({"version": "1.0", "package_name": "a.tgz", "package_size": "10", "sha256_signature": null})
    }

    fn fail(step: Step<Value>) -> Failure<Value> {
        match step {
            Step::Fail(f) => f,
            other => panic!("expected Fail, got {other:?}"),
        }
    }

    fn retry(step: Step<Value>) -> Failure<Value> {
        match step {
            Step::Retry(f) => f,
            other => panic!("expected Retry, got {other:?}"),
        }
    }

    #[test]
    fn a_plain_upload() {
        let mut s = session(config());
        assert_eq!(s.on(Event::Start, 0.0), Step::Send);
        assert_eq!(s.wake_at(), None, "no stall clock before the first byte moves");
        assert_eq!(
            s.on(
                Event::Progress {
                    loaded: 10.0,
                    total: 100.0
                },
                5.0
            ),
            Step::Idle
        );
        assert_eq!(s.wake_at(), Some(30_005.0));
        assert_eq!(s.on(Event::Sent, 6.0), Step::Processing);
        assert_eq!(s.wake_at(), Some(120_006.0));
        assert!(matches!(s.on(answer(201, package()), 7.0), Step::Done(p) if p.version == "1.0"));
        assert_eq!(s.wake_at(), None);
        assert_eq!(s.on(Event::Timer, 8.0), Step::Idle, "nothing after the end");
    }

    #[test]
    fn the_archive_check_comes_first() {
        let mut s = session(Config { sniff: true, ..config() });
        assert_eq!(s.on(Event::Start, 0.0), Step::ReadHead);
        assert_eq!(s.on(Event::Head(Some(&[0x1f, 0x8b, 8])), 1.0), Step::Send);
        let mut s = session(Config { sniff: true, ..config() });
        s.on(Event::Start, 0.0);
        let f = fail(s.on(Event::Head(Some(b"hello")), 1.0));
        assert_eq!((f.kind, f.option, f.reason), (Kind::Validation, Some("file"), Some("notArchive")));
        let mut s = session(Config { sniff: true, ..config() });
        s.on(Event::Start, 0.0);
        assert_eq!(fail(s.on(Event::Head(None), 1.0)).reason, Some("unreadable"));
    }

    #[test]
    fn abort_settles_at_once_in_every_phase() {
        // While the first bytes are read (a read that never ends).
        let mut s = session(Config { sniff: true, ..config() });
        s.on(Event::Start, 0.0);
        let f = fail(s.on(Event::Abort, 1.0));
        assert_eq!((f.kind, f.may_be_stored), (Kind::Aborted, false));
        assert_eq!(s.on(Event::Head(Some(&[0x1f, 0x8b])), 2.0), Step::Idle, "a late read is ignored");
        // While the server processes: the package may be stored.
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        s.on(Event::Sent, 1.0);
        let f = fail(s.on(Event::Abort, 2.0));
        assert_eq!((f.kind, f.reason, f.may_be_stored), (Kind::Aborted, Some("processing"), true));
        // During a retry wait (as from inside onShouldRetry): no wait for the Retry-After.
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        retry(s.on(with_retry_after(503, "5"), 1.0));
        let f = fail(s.on(Event::Abort, 2.0));
        assert_eq!((f.kind, f.reason), (Kind::Aborted, Some("waiting")));
        assert_eq!(s.wake_at(), None);
    }

    #[test]
    fn stall_and_response_timeouts() {
        let mut s = session(Config {
            policy: RetryPolicy {
                retries: 0,
                ..RetryPolicy::default()
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        s.on(Event::Progress { loaded: 1.0, total: 100.0 }, 10.0);
        assert_eq!(s.on(Event::Timer, 20.0), Step::Idle, "an early timer is ignored");
        let f = fail(s.on(Event::Timer, 30_010.0));
        assert_eq!(
            (f.kind, f.reason, f.limit, f.may_be_stored),
            (Kind::Timeout, Some("stall"), Some(30_000.0), false)
        );

        let mut s = session(Config {
            timeouts: Timeouts {
                response_ms: 300,
                ..Timeouts::default()
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        s.on(Event::Sent, 10.0);
        let f = fail(s.on(Event::Timer, 310.0));
        assert_eq!(
            (f.reason, f.may_be_stored),
            (Some("noAnswer"), true),
            "ambiguous: not retried by default"
        );
    }

    #[test]
    fn the_last_byte_as_progress_counts_as_sent() {
        let mut s = session(Config {
            timeouts: Timeouts {
                response_ms: 300,
                ..Timeouts::default()
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        assert_eq!(
            s.on(
                Event::Progress {
                    loaded: 100.0,
                    total: 100.0
                },
                10.0
            ),
            Step::Processing
        );
        assert_eq!(s.wake_at(), Some(310.0));
        assert_eq!(s.on(Event::Sent, 12.0), Step::Idle, "the late load changes nothing");
    }

    #[test]
    fn a_trickling_answer_is_a_stall_of_the_answer_not_no_answer() {
        let mut s = session(Config {
            timeouts: Timeouts {
                stall_ms: 1000,
                response_ms: 300,
                total_ms: 0,
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        s.on(Event::Sent, 1.0);
        s.on(Event::Receiving, 200.0);
        assert_eq!(s.wake_at(), Some(1200.0), "the response clock stops once the answer starts");
        s.on(Event::Receiving, 1100.0);
        assert_eq!(s.on(Event::Timer, 1200.0), Step::Idle);
        let f = fail(s.on(Event::Timer, 2100.0));
        assert_eq!((f.reason, f.may_be_stored), (Some("stallAnswer"), true));
    }

    #[test]
    fn queued_requests_do_not_stall() {
        let mut s = session(Config {
            timeouts: Timeouts {
                stall_ms: 100,
                ..Timeouts::default()
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        assert_eq!(s.wake_at(), None);
        assert_eq!(s.on(Event::Timer, 5000.0), Step::Idle);
    }

    #[test]
    fn retries_what_was_not_processed_with_jitter_and_retry_after() {
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        let f = retry(s.on(answer(503, json!({"code": "ERROR", "detail": "busy"})), 100.0));
        assert_eq!((f.status, f.attempts), (Some(503), 1));
        let wake = s.wake_at().unwrap();
        assert!((850.0..=1350.0).contains(&wake), "1000 ms ±25% after 100: {wake}");
        assert_eq!(s.on(Event::Timer, wake), Step::Send);
        let f = retry(s.on(with_retry_after(429, "5"), 2000.0));
        assert_eq!(f.attempts, 2);
        assert_eq!(s.wake_at(), Some(7000.0), "Retry-After beats the 3000 ms delay");
        assert_eq!(s.on(Event::Timer, 7000.0), Step::Send);
        let f = fail(s.on(answer(503, json!({"code": "ERROR", "detail": "busy"})), 8000.0));
        assert_eq!(f.attempts, 3, "two retries, then the failure");
    }

    #[test]
    fn retry_after_as_an_http_date() {
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        let body = json!({"code": "ERROR", "detail": "busy"});
        let a = Answer {
            status: 503,
            status_text: String::new(),
            body: body.to_string(),
            json: Some(body),
            request_id: None,
            retry_after: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
        };
        retry(s.on(Event::Answer(a, Some(10_000.0)), 1000.0));
        assert_eq!(s.wake_at(), Some(10_000.0));
    }

    #[test]
    fn a_long_retry_after_ends_the_retries() {
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        let f = fail(s.on(with_retry_after(503, "120"), 1.0));
        assert_eq!(f.status, Some(503));
    }

    #[test]
    fn never_retries_what_may_be_stored_or_was_refused() {
        for event in [
            answer(400, json!({"code": "VALIDATION_ERROR", "detail": "x"})),
            answer(502, json!("bad gateway")),
        ] {
            let mut s = session(config());
            s.on(Event::Start, 0.0);
            fail(s.on(event, 1.0));
        }
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        s.on(Event::Sent, 1.0);
        let f = fail(s.on(Event::Failed, 2.0));
        assert_eq!((f.kind, f.reason, f.may_be_stored), (Kind::Network, Some("afterSent"), true));
        let mut fetch = session(Config { xhr: false, ..config() });
        fetch.on(Event::Start, 0.0);
        let f = fail(fetch.on(Event::Failed, 2.0));
        assert_eq!((f.reason, f.transport), (Some("unknown"), Some("fetch")));
    }

    #[test]
    fn a_connection_lost_mid_body_is_retried() {
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        s.on(Event::Progress { loaded: 5.0, total: 100.0 }, 1.0);
        let f = retry(s.on(Event::Failed, 2.0));
        assert_eq!((f.reason, f.may_be_stored), (Some("beforeSent"), false));
    }

    #[test]
    fn ambiguous_retries_when_asked_and_a_duplicate_then_is_explained() {
        let mut s = session(Config {
            policy: RetryPolicy {
                retry_ambiguous: true,
                ..RetryPolicy::default()
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        s.on(Event::Sent, 1.0);
        retry(s.on(Event::Failed, 2.0));
        let wake = s.wake_at().unwrap();
        assert_eq!(s.on(Event::Timer, wake), Step::Send);
        let f = fail(s.on(
            answer(400, json!({"code": "PACKAGE_ALREADY_EXISTS", "detail": "exists"})),
            wake + 5.0,
        ));
        assert!(f.after_ambiguous_retry && f.may_be_stored);
        assert_eq!((f.code, f.attempts), (Some(Code::Slug("PACKAGE_ALREADY_EXISTS".into())), 2));
    }

    #[test]
    fn a_veto_ends_with_the_failure_it_was_shown() {
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        let offered = retry(s.on(answer(503, json!({"code": "ERROR", "detail": "busy"})), 1.0));
        assert_eq!(fail(s.on(Event::Veto, 2.0)), offered);
        assert_eq!(s.on(Event::Timer, 5000.0), Step::Idle);
    }

    #[test]
    fn the_total_deadline_holds_across_retry_waits() {
        // 503 + Retry-After: 5 against timeout: 2000: no wait for nothing, no attempt after the deadline.
        let mut s = session(Config {
            timeouts: Timeouts {
                total_ms: 2000,
                ..Timeouts::default()
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        let f = fail(s.on(with_retry_after(503, "5"), 50.0));
        assert_eq!((f.status, f.attempts), (Some(503), 1));
        // A short wait that fits is taken; the deadline then ends the next attempt.
        let mut s = session(Config {
            timeouts: Timeouts {
                total_ms: 2000,
                ..Timeouts::default()
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        retry(s.on(answer(503, json!({"code": "ERROR", "detail": "busy"})), 50.0));
        let wake = s.wake_at().unwrap();
        assert!(wake < 2000.0);
        assert_eq!(s.on(Event::Timer, wake), Step::Send);
        assert_eq!(s.wake_at(), Some(2000.0));
        let f = fail(s.on(Event::Timer, 2000.0));
        assert_eq!(
            (f.kind, f.reason, f.limit, f.attempts),
            (Kind::Timeout, Some("total"), Some(2000.0), 2)
        );
    }

    #[test]
    fn the_deadline_bounds_the_stall_clock_and_the_head_read() {
        let mut s = session(Config {
            sniff: true,
            timeouts: Timeouts {
                total_ms: 500,
                ..Timeouts::default()
            },
            ..config()
        });
        s.on(Event::Start, 100.0);
        assert_eq!(s.wake_at(), Some(600.0));
        assert_eq!(fail(s.on(Event::Timer, 600.0)).reason, Some("total"));
        let mut s = session(Config {
            timeouts: Timeouts {
                total_ms: 500,
                stall_ms: 10_000,
                response_ms: 0,
            },
            ..config()
        });
        s.on(Event::Start, 0.0);
        s.on(Event::Progress { loaded: 1.0, total: 9.0 }, 10.0);
        assert_eq!(s.wake_at(), Some(500.0));
    }

    #[test]
    fn redirects_are_failures_that_say_where_and_whether_the_credential_went() {
        let mut s = session(config());
        s.on(Event::Start, 0.0);
        let f = fail(s.on(
            Event::Redirected {
                url: Some("https://evil.example/x?t=the-token".into()),
                followed: true,
            },
            1.0,
        ));
        assert_eq!((f.kind, f.reason, f.credential_sent), (Kind::Redirect, Some("followed"), true));
        assert_eq!(f.redirect_url.as_deref(), Some("https://evil.example/x?t=[redacted]"));
        assert!(!f.retryable());
    }

    #[test]
    fn jitter_comes_from_the_seed() {
        let wake = |seed| {
            let mut s = session(Config { seed, ..config() });
            s.on(Event::Start, 0.0);
            retry(s.on(answer(503, json!({"code": "ERROR", "detail": "x"})), 0.0));
            s.wake_at().unwrap()
        };
        assert_eq!(wake(1), wake(1));
        assert_ne!(wake(1), wake(2));
    }
}
