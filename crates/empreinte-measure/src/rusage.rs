//! Process resource usage through `getrusage(2)`: CPU time and peak resident memory.

/// Whose resources to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The calling process (every thread).
    SelfProcess,
    /// The children the process has waited for (a command run by `empreinte run`).
    Children,
}

/// CPU time (user + system), s, and peak resident set size, bytes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Usage {
    /// User plus system CPU time, s.
    pub cpu_time_s: f64,
    /// Peak resident set size, bytes (the largest child's for [`Scope::Children`]).
    pub peak_rss_bytes: u64,
}

/// Reads the resource usage of `scope`; zeros when the call fails (it does not on Linux).
#[allow(unsafe_code)]
pub fn usage(scope: Scope) -> Usage {
    let who = match scope {
        Scope::SelfProcess => libc::RUSAGE_SELF,
        Scope::Children => libc::RUSAGE_CHILDREN,
    };
    // SAFETY: `rusage` is plain old data, valid when zeroed, and getrusage only writes
    // into the struct we pass it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid `who` and a valid pointer to a live, writable `rusage`.
    if unsafe { libc::getrusage(who, &mut ru) } != 0 {
        return Usage::default();
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    Usage {
        cpu_time_s: secs(ru.ru_utime) + secs(ru.ru_stime),
        // Linux gives kilobytes
        peak_rss_bytes: u64::try_from(ru.ru_maxrss).unwrap_or(0) * 1024,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_usage_grows_with_work() {
        // work until 10 ms of CPU time are counted (on a loaded machine 30 ms of wall time
        // may hold less CPU time than that); a usage that never grows fails at the bound
        let a = usage(Scope::SelfProcess);
        let mut x = 0u64;
        let t = std::time::Instant::now();
        let mut b = a;
        while b.cpu_time_s < a.cpu_time_s + 0.01 && t.elapsed().as_secs() < 20 {
            for _ in 0..100_000 {
                x = x.wrapping_add(std::hint::black_box(1));
            }
            b = usage(Scope::SelfProcess);
        }
        assert!(x > 0);
        assert!(b.cpu_time_s >= a.cpu_time_s + 0.01, "{a:?} {b:?}");
        assert!(b.peak_rss_bytes > 1 << 20);
    }
}
