//! The client-wide pause while the API says it is overloaded (`429`, `502`, `503`, `504`).
//!
//! Without it, every call of a client discovers an outage alone and retries on its own
//! schedule: 64 calls in a 3-second outage make 192 attempts. With it, an overload answer
//! pauses the client (and its clones) for the server's `Retry-After` or the backoff; when
//! the pause ends, one waiting retry goes first (the probe) and the others wait for its
//! answer. An answer that is not overloaded ends the pause and the others follow, each at
//! its own jittered time; an overloaded one pauses again and counts, for every retry that
//! waited behind it, as a retry made. New calls wait out a pause but never wait for a probe.

use std::pin::pin;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;

use super::PauseFor;
use tokio::time::Instant;

/// The pause shared by a client and its clones.
#[derive(Debug, Default)]
pub(crate) struct Pause {
    state: Mutex<State>,
    changed: Notify,
}

#[derive(Debug, Default)]
struct State {
    /// Until when the client is paused; `None` once an answer says the API is back.
    until: Option<Instant>,
    /// The window after the pause over which the calls it held go.
    spread: Duration,
    /// Whether a retry is out probing whether the API is back.
    probing: bool,
    /// How many probes the API refused so far.
    refused: u64,
}

/// What a retry waiting on the pause may do.
pub(crate) enum Turn<'a> {
    /// Send now; as the probe when it holds one (report its answer with [`Probe::finish`]).
    Go(Option<Probe<'a>>),
    /// The API refused this many probes while the retry waited: count them as retries made.
    Refused(u64),
}

/// The retry that goes first after a pause. Dropped without [`finish`](Self::finish) (its
/// call was cancelled), it lets the next waiting retry probe instead.
pub(crate) struct Probe<'a> {
    pause: &'a Pause,
    finished: bool,
}

impl Pause {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is a few plain values, valid whatever a panicking holder left.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// An attempt that was not the probe got an overloaded answer: pause (or stay paused,
    /// if the client is already paused longer).
    pub(crate) fn pause(&self, pause: PauseFor) {
        let mut state = self.state();
        let until = Instant::now() + pause.wait;
        if state.until.is_none_or(|current| current < until) {
            state.until = Some(until);
            state.spread = pause.spread;
        }
    }

    /// An attempt that started at `started` got an answer that is not overloaded: if the
    /// pause had ended before it started and no probe is out, the API is back.
    pub(crate) fn answered(&self, started: Instant) {
        let mut state = self.state();
        if !state.probing && state.until.is_some_and(|until| until <= started) {
            state.until = None;
            drop(state);
            self.changed.notify_waiters();
        }
    }

    /// Waits out the pause before a call's first attempt, plus a random part of the window
    /// after it, so that the calls it held do not all start at once.
    pub(crate) async fn first_attempt(&self) {
        let share = fastrand::f64();
        loop {
            let target = {
                let state = self.state();
                match state.until {
                    Some(until) if until > Instant::now() => until + state.spread.mul_f64(share),
                    _ => return,
                }
            };
            tokio::time::sleep_until(target).await;
        }
    }

    /// Waits until a retry planned for `due` may go: not before `due`, not during a pause
    /// (nor before a random point of the window after it), not while a probe is out.
    pub(crate) async fn retry(&self, due: Instant) -> Turn<'_> {
        let share = fastrand::f64();
        let refused_before = self.state().refused;
        // The end of the last pause seen, plus this retry's share of it: the waiting retries
        // go one by one once the API is back, not all at once.
        let mut not_before = due;
        loop {
            let mut changed = pin!(self.changed.notified());
            changed.as_mut().enable();
            let sleep_until = {
                let mut state = self.state();
                if state.refused > refused_before {
                    return Turn::Refused(state.refused - refused_before);
                }
                let now = Instant::now();
                if let Some(until) = state.until {
                    not_before = not_before.max(until + state.spread.mul_f64(share));
                }
                if now < not_before {
                    Some(not_before)
                } else if state.until.is_none() {
                    return Turn::Go(None);
                } else if state.probing {
                    None
                } else {
                    state.probing = true;
                    return Turn::Go(Some(Probe {
                        pause: self,
                        finished: false,
                    }));
                }
            };
            match sleep_until {
                Some(at) => {
                    let sleep = pin!(tokio::time::sleep_until(at));
                    futures_util::future::select(sleep, changed).await;
                }
                None => changed.await,
            }
        }
    }
}

impl Probe<'_> {
    /// The probe's answer: overloaded (pause again) or not (`None`: the API is back, or at
    /// least answering).
    pub(crate) fn finish(mut self, overloaded: Option<PauseFor>) {
        self.finished = true;
        let mut state = self.pause.state();
        state.probing = false;
        match overloaded {
            Some(pause) => {
                state.until = Some(Instant::now() + pause.wait);
                state.spread = pause.spread;
                state.refused += 1;
            }
            None => state.until = None,
        }
        drop(state);
        self.pause.changed.notify_waiters();
    }
}

impl Drop for Probe<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.pause.state().probing = false;
            self.pause.changed.notify_waiters();
        }
    }
}

#[cfg(test)]
mod tests;
