//! The retry budget: a token bucket a client and its clones share, so that when many calls
//! fail at once (an outage) they stop retrying instead of multiplying the load. The numbers
//! are those of AWS's SDKs in their standard retry mode.

use std::sync::atomic::{AtomicU32, Ordering};

/// How many retries a client may spend, shared by all its calls (and its clones' calls).
///
/// The bucket starts full. A retry takes [`retry_cost`](Self::retry_cost) tokens, or
/// [`timeout_retry_cost`](Self::timeout_retry_cost) after a timeout or a lost response; a
/// call that succeeds at once puts back [`success_refund`](Self::success_refund) token, and
/// one that succeeds on a retry puts back what that retry took. When a retry would take more
/// than is left, it is not made: the call fails at once with its last error, and
/// [`Error::retry_withheld`](crate::Error::retry_withheld) says why.
///
/// The default is AWS's: 500 tokens, 5 per retry, 10 per retry after a timeout, 1 back per
/// success at the first attempt. A client in good health never notices it; one whose every
/// call fails makes at most 100 retries before it fails fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryBudget {
    capacity: u32,
    retry_cost: u32,
    timeout_retry_cost: u32,
    success_refund: u32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget {
            capacity: 500,
            retry_cost: 5,
            timeout_retry_cost: 10,
            success_refund: 1,
        }
    }
}

impl RetryBudget {
    /// How many tokens the bucket holds when full (default 500).
    pub fn capacity(mut self, tokens: u32) -> Self {
        self.capacity = tokens;
        self
    }

    /// What a retry takes (default 5).
    pub fn retry_cost(mut self, tokens: u32) -> Self {
        self.retry_cost = tokens;
        self
    }

    /// What a retry after a timeout or a lost response takes (default 10).
    pub fn timeout_retry_cost(mut self, tokens: u32) -> Self {
        self.timeout_retry_cost = tokens;
        self
    }

    /// What a call that succeeds at its first attempt puts back (default 1).
    pub fn success_refund(mut self, tokens: u32) -> Self {
        self.success_refund = tokens;
        self
    }
}

/// The shared state of a client's [`RetryBudget`].
#[derive(Debug)]
pub(crate) struct TokenBucket {
    budget: RetryBudget,
    tokens: AtomicU32,
}

impl TokenBucket {
    /// A full bucket.
    pub(crate) fn new(budget: RetryBudget) -> Self {
        TokenBucket {
            budget,
            tokens: AtomicU32::new(budget.capacity),
        }
    }

    /// Takes the cost of one retry (a retry after a timeout or lost response costs more);
    /// `None` when the bucket does not hold that much, else what was taken.
    pub(crate) fn take(&self, after_timeout: bool) -> Option<u32> {
        let cost = if after_timeout {
            self.budget.timeout_retry_cost
        } else {
            self.budget.retry_cost
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                left.checked_sub(cost)
            })
            .ok()
            .map(|_| cost)
    }

    /// A call succeeded: it puts back what its successful retry took (`taken`), or the
    /// success refund when it succeeded at once.
    pub(crate) fn succeeded(&self, taken: Option<u32>) {
        let back = taken.unwrap_or(self.budget.success_refund);
        let capacity = self.budget.capacity;
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                Some(left.saturating_add(back).min(capacity))
            });
    }

    /// Puts back what a retry took when the retry was not made after all.
    pub(crate) fn refund(&self, taken: u32) {
        self.succeeded(Some(taken));
    }

    /// Tokens left.
    #[cfg(test)]
    pub(crate) fn left(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_default_bucket_pays_for_100_retries_then_refuses() {
        let bucket = TokenBucket::new(RetryBudget::default());
        for n in 0..100 {
            assert_eq!(bucket.take(false), Some(5), "retry {n}");
        }
        assert_eq!(bucket.take(false), None);
        assert_eq!(bucket.left(), 0);
    }

    #[test]
    fn a_retry_after_a_timeout_costs_twice_as_much() {
        let bucket = TokenBucket::new(RetryBudget::default());
        assert_eq!(bucket.take(true), Some(10));
        assert_eq!(bucket.left(), 490);
    }

    #[test]
    fn a_refused_retry_takes_nothing() {
        let bucket = TokenBucket::new(RetryBudget::default().capacity(7));
        assert_eq!(bucket.take(false), Some(5));
        assert_eq!(bucket.take(false), None);
        assert_eq!(bucket.left(), 2);
    }

    #[test]
    fn a_first_attempt_success_refunds_one_and_a_retried_success_what_it_took() {
        let bucket = TokenBucket::new(RetryBudget::default());
        let taken = bucket.take(true);
        bucket.take(false);
        bucket.succeeded(taken);
        assert_eq!(bucket.left(), 495);
        bucket.succeeded(None);
        assert_eq!(bucket.left(), 496);
    }

    #[test]
    fn refunds_never_overfill() {
        let bucket = TokenBucket::new(RetryBudget::default());
        bucket.succeeded(None);
        bucket.succeeded(Some(10));
        assert_eq!(bucket.left(), 500);
    }
}
