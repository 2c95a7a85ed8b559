//! A background thread that reads a slow energy counter (NVML takes milliseconds per read)
//! while runs are measured, so that starting and stopping a measurement never waits for it.
//!
//! The thread runs only while a measurement is open. A measurement's start value is the
//! first reading after it began (the thread is woken at once); its stop value is the last
//! reading extrapolated to the stop time at the rate of the last two readings.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Counter values of every device at one time.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// When the reading ended.
    pub at: Instant,
    /// One counter per device (`None` where it did not answer).
    pub values: Vec<Option<u64>>,
}

type Read = Box<dyn Fn() -> Vec<Option<u64>> + Send + Sync>;

struct State {
    active: usize,
    running: bool,
    last: Option<Sample>,
    prev: Option<Sample>,
    waiting: Vec<Arc<Mutex<Option<Sample>>>>,
}

struct Shared {
    read: Read,
    period: Duration,
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Reads a counter every `period` on its own thread while measurements are open.
pub struct Sampler {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Sampler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sampler")
            .field("period", &self.shared.period)
            .finish()
    }
}

/// An open measurement (closing it is dropping it).
#[derive(Debug)]
pub struct Slot {
    shared: Arc<Shared>,
    start: Arc<Mutex<Option<Sample>>>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Shared")
    }
}

fn run(shared: &Shared) {
    loop {
        let values = (shared.read)();
        let sample = Sample {
            at: Instant::now(),
            values,
        };
        let mut st = shared.lock();
        for w in st.waiting.drain(..) {
            *w.lock().unwrap_or_else(|e| e.into_inner()) = Some(sample.clone());
        }
        st.prev = st.last.replace(sample);
        if st.active == 0 {
            st.running = false;
            st.last = None;
            st.prev = None;
            return;
        }
        let _unused = shared
            .wake
            .wait_timeout(st, shared.period)
            .unwrap_or_else(|e| e.into_inner());
    }
}

impl Sampler {
    /// A sampler of `read`, every `period` while a measurement is open.
    pub fn new(read: Read, period: Duration) -> Sampler {
        Sampler {
            shared: Arc::new(Shared {
                read,
                period,
                state: Mutex::new(State {
                    active: 0,
                    running: false,
                    last: None,
                    prev: None,
                    waiting: Vec::new(),
                }),
                wake: Condvar::new(),
            }),
        }
    }

    /// Opens a measurement: the next reading is its start.
    pub fn begin(&self) -> Slot {
        let start = Arc::new(Mutex::new(None));
        let mut st = self.shared.lock();
        st.active += 1;
        st.waiting.push(Arc::clone(&start));
        if !st.running {
            st.running = true;
            let shared = Arc::clone(&self.shared);
            if std::thread::Builder::new()
                .name("empreinte-nvml".into())
                .spawn(move || run(&shared))
                .is_err()
            {
                st.running = false;
            }
        } else {
            self.shared.wake.notify_all();
        }
        drop(st);
        Slot {
            shared: Arc::clone(&self.shared),
            start,
        }
    }
}

impl Slot {
    /// The start reading and the values extrapolated to now; `None` when the measurement
    /// was too short for two readings (then nothing was measured).
    pub fn end(&self) -> Option<(Sample, Vec<Option<f64>>)> {
        let start = self
            .start
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()?;
        let st = self.shared.lock();
        let last = st.last.clone()?;
        let prev = st.prev.clone();
        drop(st);
        if last.at <= start.at {
            return None;
        }
        let now = Instant::now();
        let ahead = now.saturating_duration_since(last.at).as_secs_f64();
        let values = last
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let v = (*v)? as f64;
                let rate = prev.as_ref().and_then(|p| {
                    let dt = last.at.saturating_duration_since(p.at).as_secs_f64();
                    let pv = (*p.values.get(i)?)? as f64;
                    (dt > 0.0 && v >= pv).then(|| (v - pv) / dt)
                });
                Some(v + rate.unwrap_or(0.0) * ahead)
            })
            .collect();
        Some((start, values))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut st = self.shared.lock();
        st.active = st.active.saturating_sub(1);
        st.waiting.retain(|w| !Arc::ptr_eq(w, &self.start));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn a_counter_is_read_while_measuring_and_extrapolated() {
        // a counter that grows 1000 per ms and takes 2 ms to read
        let t0 = Instant::now();
        let reads = Arc::new(AtomicU64::new(0));
        let r = Arc::clone(&reads);
        let sampler = Sampler::new(
            Box::new(move || {
                std::thread::sleep(Duration::from_millis(2));
                r.fetch_add(1, Ordering::Relaxed);
                vec![Some(t0.elapsed().as_micros() as u64), None]
            }),
            Duration::from_millis(20),
        );
        let slot = sampler.begin();
        let begun = Instant::now();
        std::thread::sleep(Duration::from_millis(150));
        let (start, stop) = slot.end().expect("measured");
        let elapsed_us = begun.elapsed().as_micros() as f64;
        let measured = stop[0].expect("value") - start.values[0].expect("value") as f64;
        // within a few readings of the true duration (a loaded machine delays the thread)
        assert!(
            (measured - elapsed_us).abs() < 60_000.0,
            "{measured} vs {elapsed_us}"
        );
        assert_eq!(stop[1], None);
        drop(slot);
        std::thread::sleep(Duration::from_millis(60));
        let n = reads.load(Ordering::Relaxed);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(
            reads.load(Ordering::Relaxed),
            n,
            "the thread stops when idle"
        );
        // too short for two readings: nothing measured
        let slot = sampler.begin();
        assert!(slot.end().is_none());
    }
}
