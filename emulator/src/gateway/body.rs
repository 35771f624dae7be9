//! The request body as the gateway passes it on: bytes counted against the body limit, and cut where the
//! `reset-after-bytes` fault says. Why it stopped is kept aside ([`StopCell`]) so the gateway answers accordingly,
//! whatever the backend made of the cut body; what the backend left unread the gateway reads away ([`Rest`]).

use axum::body::{Body, BodyDataStream};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

/// Why reading the body stopped early.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stop {
    /// More bytes than the gateway's body limit: answer 413.
    TooLarge,
    /// The `reset-after-bytes` fault: abort the connection.
    Reset,
    /// The client went away or sent a broken body.
    Client,
}

#[derive(Clone, Default)]
pub struct StopCell(Arc<Mutex<Option<Stop>>>);

impl StopCell {
    pub fn get(&self) -> Option<Stop> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, stop: Stop) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(stop);
    }
}

/// The client's body stream, shared between the backend's view of it and the gateway.
type Slot = Arc<Mutex<Option<BodyDataStream>>>;

/// What is left of the body once the backend answered: the gateway can read it away.
pub struct Rest(Slot);

impl Rest {
    pub async fn drain(self) {
        let stream = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(stream) = stream {
            drain_stream(stream).await;
        }
    }
}

pub struct LimitedBody {
    inner: Slot,
    read: u64,
    limit: u64,
    reset_after: Option<u64>,
    stop: StopCell,
}

impl LimitedBody {
    /// The body to hand to the backend, why it stopped, and a handle on what it leaves unread.
    pub fn wrap(body: Body, limit: u64, reset_after: Option<u64>) -> (Body, StopCell, Rest) {
        let stop = StopCell::default();
        let slot: Slot = Arc::new(Mutex::new(Some(body.into_data_stream())));
        let limited = LimitedBody {
            inner: slot.clone(),
            read: 0,
            limit,
            reset_after,
            stop: stop.clone(),
        };
        (Body::from_stream(limited), stop, Rest(slot))
    }

    fn fail(&self, stop: Stop) -> Poll<Option<Result<Bytes, std::io::Error>>> {
        self.stop.set(stop);
        Poll::Ready(Some(Err(std::io::Error::other(format!("{stop:?}")))))
    }
}

impl Stream for LimitedBody {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.stop.get().is_some() {
            return Poll::Ready(None);
        }
        if self.reset_after.is_some_and(|n| self.read >= n) {
            return self.fail(Stop::Reset);
        }
        let polled = match self.inner.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            Some(inner) => inner.poll_next_unpin(cx),
            None => Poll::Ready(None),
        };
        match polled {
            Poll::Ready(Some(Ok(mut chunk))) => {
                if let Some(n) = self.reset_after {
                    // Deliver exactly N bytes, then stop on the next poll.
                    chunk.truncate((n - self.read).min(chunk.len() as u64) as usize);
                }
                self.read += chunk.len() as u64;
                if self.read > self.limit {
                    return self.fail(Stop::TooLarge);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(_))) => self.fail(Stop::Client),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Reads and discards a body before an early answer, as a gateway's lingering close does: a client still
/// sending would otherwise see a reset instead of the answer. Bounded in size and time.
pub async fn drain(body: Body) {
    drain_stream(body.into_data_stream()).await
}

async fn drain_stream(mut stream: BodyDataStream) {
    const CAP: u64 = 64 << 20;
    let _ = tokio::time::timeout(Duration::from_secs(10), async {
        let mut read = 0u64;
        while let Some(Ok(chunk)) = stream.next().await {
            read += chunk.len() as u64;
            if read > CAP {
                break;
            }
        }
    })
    .await;
}
