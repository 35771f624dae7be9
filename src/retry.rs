//! When to try again. A POST is not idempotent: an upload is retried only when the server provably did not process
//! it, unless the caller accepts the risk of ambiguous failures (`retryAmbiguous`).

#[allow(unused_imports)]
use crate::prelude::*;

pub use crate::failure::Safety;

#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// Delay before retry n (1-based) is `delays[min(n, len) - 1]`, ±25% jitter.
    pub delays: Vec<u32>,
    /// A `Retry-After` longer than this ends the retries.
    pub max_retry_after_ms: u32,
    /// Also retry ambiguous failures.
    pub retry_ambiguous: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 2,
            delays: vec![1000, 3000],
            max_retry_after_ms: 60_000,
            retry_ambiguous: false,
        }
    }
}

impl RetryPolicy {
    /// The delay before the next attempt after attempt `attempt` (1-based) failed, or `None` to stop.
    /// `random` is uniform in [0, 1): the jitter spreads clients that failed together.
    pub fn next_delay(&self, attempt: u32, safety: Safety, retry_after_ms: Option<u32>, random: f64) -> Option<u32> {
        let allowed = match safety {
            Safety::NotProcessed => true,
            Safety::Ambiguous => self.retry_ambiguous,
            Safety::Final => false,
        };
        if !allowed || attempt > self.retries {
            return None;
        }
        let base = *self.delays.get((attempt as usize).min(self.delays.len()).saturating_sub(1))?;
        let jittered = (base as f64 * (0.75 + 0.5 * random.clamp(0.0, 1.0))) as u32;
        match retry_after_ms {
            Some(ms) if ms > self.max_retry_after_ms => None,
            Some(ms) => Some(ms.max(jittered)),
            None => Some(jittered),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_only_what_was_not_processed() {
        let p = RetryPolicy::default();
        assert!(p.next_delay(1, Safety::NotProcessed, None, 0.5).is_some());
        assert_eq!(p.next_delay(1, Safety::Ambiguous, None, 0.5), None);
        assert_eq!(p.next_delay(1, Safety::Final, None, 0.5), None);
        let brave = RetryPolicy {
            retry_ambiguous: true,
            ..p.clone()
        };
        assert!(brave.next_delay(1, Safety::Ambiguous, None, 0.5).is_some());
        assert_eq!(brave.next_delay(1, Safety::Final, None, 0.5), None);
    }

    #[test]
    fn stops_after_the_last_retry() {
        let p = RetryPolicy::default();
        assert!(p.next_delay(2, Safety::NotProcessed, None, 0.0).is_some());
        assert_eq!(p.next_delay(3, Safety::NotProcessed, None, 0.0), None);
        let none = RetryPolicy { retries: 0, ..p };
        assert_eq!(none.next_delay(1, Safety::NotProcessed, None, 0.0), None);
    }

    #[test]
    fn delays_jitter_within_a_quarter_and_the_last_repeats() {
        let p = RetryPolicy {
            retries: 5,
            ..RetryPolicy::default()
        };
        assert_eq!(p.next_delay(1, Safety::NotProcessed, None, 0.0), Some(750));
        assert_eq!(p.next_delay(1, Safety::NotProcessed, None, 0.999_999), Some(1249));
        assert_eq!(p.next_delay(2, Safety::NotProcessed, None, 0.5), Some(3000));
        assert_eq!(p.next_delay(5, Safety::NotProcessed, None, 0.5), Some(3000));
    }

    #[test]
    fn honours_retry_after() {
        let p = RetryPolicy::default();
        assert_eq!(p.next_delay(1, Safety::NotProcessed, Some(5000), 0.5), Some(5000));
        assert_eq!(p.next_delay(1, Safety::NotProcessed, Some(10), 0.5), Some(1000));
        assert_eq!(p.next_delay(1, Safety::NotProcessed, Some(61_000), 0.5), None);
    }
}
