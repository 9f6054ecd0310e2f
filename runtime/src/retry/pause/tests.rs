//! The client-wide pause on tokio's paused clock: exact times, no real waiting.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use super::{Pause, PauseFor, Turn};

const SECOND: Duration = Duration::from_secs(1);
const QUARTER: Duration = Duration::from_millis(250);

/// A pause of a second, whose calls go within `spread` after it.
fn second(spread: Duration) -> PauseFor {
    PauseFor {
        wait: SECOND,
        spread,
    }
}

/// Spawns a retry due now and reports what it was told and when.
fn waiting_retry(pause: &Arc<Pause>) -> tokio::task::JoinHandle<(Option<u64>, Instant)> {
    let pause = pause.clone();
    tokio::spawn(async move {
        let refused = match pause.retry(Instant::now()).await {
            Turn::Go(_) => None,
            Turn::Refused(n) => Some(n),
        };
        (refused, Instant::now())
    })
}

#[tokio::test(start_paused = true)]
async fn a_first_attempt_waits_out_the_pause_and_at_most_its_spread() {
    let pause = Pause::default();
    pause.pause(second(QUARTER));
    let start = Instant::now();
    pause.first_attempt().await;
    let waited = start.elapsed();
    assert!(waited >= SECOND && waited <= SECOND + QUARTER, "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn without_a_pause_a_retry_goes_when_it_is_due() {
    let pause = Pause::default();
    let due = Instant::now() + Duration::from_millis(200);
    assert!(matches!(pause.retry(due).await, Turn::Go(None)));
    assert!(Instant::now() >= due);
}

#[tokio::test(start_paused = true)]
async fn after_a_pause_one_retry_probes_and_the_others_wait_for_its_answer() {
    let pause = Arc::new(Pause::default());
    let start = Instant::now();
    pause.pause(second(Duration::ZERO));
    let Turn::Go(Some(probe)) = pause.retry(start).await else {
        panic!("the first retry after a pause probes");
    };
    assert_eq!(start.elapsed(), SECOND);
    let waiter = waiting_retry(&pause);
    tokio::time::sleep(5 * SECOND).await;
    assert!(
        !waiter.is_finished(),
        "no second retry while the probe is out"
    );
    probe.finish(None);
    let (refused, at) = waiter.await.unwrap();
    assert_eq!(refused, None);
    assert_eq!(
        at - start,
        6 * SECOND,
        "it goes as soon as the probe is answered"
    );
}

#[tokio::test(start_paused = true)]
async fn a_refused_probe_counts_as_a_retry_made_for_every_waiting_retry() {
    let pause = Arc::new(Pause::default());
    pause.pause(second(Duration::ZERO));
    let Turn::Go(Some(probe)) = pause.retry(Instant::now()).await else {
        panic!("the first retry after a pause probes");
    };
    let waiters = [waiting_retry(&pause), waiting_retry(&pause)];
    tokio::task::yield_now().await;
    probe.finish(Some(second(Duration::ZERO)));
    for waiter in waiters {
        assert_eq!(waiter.await.unwrap().0, Some(1));
    }
}

#[tokio::test(start_paused = true)]
async fn a_probe_dropped_unanswered_lets_the_next_retry_probe() {
    let pause = Arc::new(Pause::default());
    pause.pause(second(Duration::ZERO));
    let Turn::Go(Some(probe)) = pause.retry(Instant::now()).await else {
        panic!("the first retry after a pause probes");
    };
    let next = {
        let pause = pause.clone();
        tokio::spawn(async move { matches!(pause.retry(Instant::now()).await, Turn::Go(Some(_))) })
    };
    tokio::task::yield_now().await;
    drop(probe);
    assert!(next.await.unwrap(), "the next retry becomes the probe");
}

#[tokio::test(start_paused = true)]
async fn retries_released_by_a_pause_spread_over_its_window_and_none_goes_early() {
    let pause = Arc::new(Pause::default());
    let start = Instant::now();
    pause.pause(second(QUARTER));
    let retries: Vec<_> = (0..20)
        .map(|_| {
            let pause = pause.clone();
            tokio::spawn(async move {
                if let Turn::Go(Some(probe)) = pause.retry(Instant::now()).await {
                    probe.finish(None);
                }
                Instant::now() - start
            })
        })
        .collect();
    let mut times = Vec::new();
    for retry in retries {
        times.push(retry.await.unwrap());
    }
    let (first, last) = (times.iter().min().unwrap(), times.iter().max().unwrap());
    assert!(*first >= SECOND, "none before the pause ends: {first:?}");
    assert!(*last <= SECOND + QUARTER, "{last:?}");
    assert!(*last - *first >= Duration::from_millis(100), "{times:?}");
}

#[tokio::test(start_paused = true)]
async fn an_answer_to_an_attempt_started_after_the_pause_ends_it() {
    let pause = Pause::default();
    pause.pause(second(Duration::ZERO));
    tokio::time::sleep(2 * SECOND).await;
    pause.answered(Instant::now());
    let before = Instant::now();
    assert!(matches!(pause.retry(before).await, Turn::Go(None)));
    assert_eq!(Instant::now(), before, "no probe needed: the API answered");
}
