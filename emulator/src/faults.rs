//! Fault injection: `X-Emulator-Fault: item;item;...`, chosen per request, understood only by the emulator.
//!
//! Items: `status=N`, `retry-after=S`, `html-500`, `bad-json`, `stall-ms=N`, `delay-ms=N`,
//! `reset-after-bytes=N`, `drop-response`, `corrupt`, and `times=K;key=NAME` (only the first K requests carrying
//! that key get the fault, so a retrying client can succeed). Unknown items are ignored.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

pub const HEADER: &str = "x-emulator-fault";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Faults {
    pub status: Option<u16>,
    pub retry_after: Option<String>,
    pub html_500: bool,
    pub bad_json: bool,
    pub stall: Option<Duration>,
    pub delay: Option<Duration>,
    pub reset_after_bytes: Option<u64>,
    pub drop_response: bool,
    pub corrupt: bool,
    times: Option<u64>,
    key: String,
}

impl Faults {
    pub fn parse(header: &str) -> Faults {
        let mut f = Faults::default();
        for item in header.split([';', ',']).map(str::trim).filter(|i| !i.is_empty()) {
            let (name, value) = item.split_once('=').map_or((item, ""), |(n, v)| (n.trim(), v.trim()));
            let number = value.parse::<u64>().ok();
            let ms = number.map(Duration::from_millis);
            match name.to_ascii_lowercase().as_str() {
                "status" => f.status = value.parse().ok().filter(|s| (100..1000).contains(s)),
                "retry-after" => {
                    f.retry_after =
                        Some(value.to_string()).filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_graphic() || b == b' '))
                }
                "html-500" => f.html_500 = true,
                "bad-json" => f.bad_json = true,
                "stall-ms" => f.stall = ms,
                "delay-ms" => f.delay = ms,
                "reset-after-bytes" => f.reset_after_bytes = number,
                "drop-response" => f.drop_response = true,
                "corrupt" => f.corrupt = true,
                "times" => f.times = number,
                "key" => f.key = value.to_string(),
                _ => {}
            }
        }
        f
    }
}

/// How many requests each `key` has seen, for `times=K`.
#[derive(Default)]
pub struct FaultCounters(Mutex<HashMap<String, u64>>);

impl FaultCounters {
    /// The faults this request really gets: none once its key has been used `times` times.
    pub fn apply(&self, faults: Faults) -> Faults {
        let Some(times) = faults.times else { return faults };
        let mut seen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let count = seen.entry(faults.key.clone()).or_insert(0);
        *count += 1;
        if *count > times {
            Faults::default()
        } else {
            faults
        }
    }

    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Put in each request's extensions by the server: lets a handler drop its connection without any response.
#[derive(Clone, Default)]
pub struct ConnectionAbort(pub Arc<Notify>);

impl ConnectionAbort {
    /// Closes the connection; never returns (the server drops this handler with the connection).
    pub async fn abort(&self) -> ! {
        self.0.notify_one();
        std::future::pending().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_items_and_counts_times() {
        let f = Faults::parse("status=503; retry-after=2;times=1;key=a");
        assert_eq!(f.status, Some(503));
        assert_eq!(f.retry_after.as_deref(), Some("2"));
        let counters = FaultCounters::default();
        assert_eq!(counters.apply(f.clone()).status, Some(503));
        assert_eq!(counters.apply(f).status, None);
        assert!(Faults::parse("corrupt;drop-response").corrupt);
    }
}
