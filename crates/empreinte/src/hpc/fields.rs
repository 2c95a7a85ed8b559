//! The field formats of `sacct -P` output, read from bytes without allocating: durations,
//! memory sizes (ReqMem, MaxRSS), GPU counts in AllocTRES, job states and job IDs.
//!
//! Every parser returns `None` (or an error reason) on text it cannot read; none panics.

/// Milliseconds in one hour.
pub const MS_PER_HOUR: f64 = 3_600_000.0;

/// What a duration field held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    /// An empty field: unknown.
    Unknown,
    /// A duration in whole milliseconds (fractions of a millisecond rounded half up).
    Ms(u64),
}

/// Reads a Slurm duration: `[D-]HH:MM:SS[.fff]`, `MM:SS[.fff]` or `SS[.fff]`, the
/// fraction being a decimal fraction of a second (`.5` is 500 ms; GA4HPC reads the digits
/// as milliseconds, so `.5` as 5 ms). Empty text is [`Duration::Unknown`]; text that is
/// not a duration is `None`. As upstream, `D-A:B` reads as days, minutes and seconds.
pub fn parse_duration(field: &[u8]) -> Option<Duration> {
    if field.is_empty() {
        return Some(Duration::Unknown);
    }
    if let Some(ms) = clock_fast(field) {
        return Some(Duration::Ms(ms));
    }
    // one pass: numbers separated by at most one '-' (first) and two ':', then '.fff'
    let mut days: Option<u64> = None;
    let mut parts = [0u64; 3];
    let mut n_parts = 0;
    let mut cur = 0u64;
    let mut digits = 0u32;
    let mut frac_ms = 0u64;
    let mut i = 0;
    while i < field.len() {
        let b = field[i];
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 18 {
                    return None;
                }
                cur = cur * 10 + u64::from(b - b'0');
            }
            b'-' if days.is_none() && n_parts == 0 && digits > 0 => {
                days = Some(cur);
                cur = 0;
                digits = 0;
            }
            b':' if digits > 0 && n_parts < 2 => {
                parts[n_parts] = cur;
                n_parts += 1;
                cur = 0;
                digits = 0;
            }
            b'.' if digits > 0 => {
                frac_ms = fraction_ms(&field[i + 1..])?;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    let (h, m, s) = match n_parts {
        0 => (0, 0, cur),
        1 => (0, parts[0], cur),
        _ => (parts[0], parts[1], cur),
    };
    let seconds = days
        .unwrap_or(0)
        .checked_mul(86_400)?
        .checked_add(h.checked_mul(3_600)?)?
        .checked_add(m.checked_mul(60)?)?
        .checked_add(s)?;
    seconds
        .checked_mul(1_000)?
        .checked_add(frac_ms)
        .map(Duration::Ms)
}

/// Two ASCII digits as a number, `None` unless both are digits.
#[inline]
fn two_digits(a: u8, b: u8) -> Option<u64> {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    (a < 10 && b < 10).then(|| u64::from(a) * 10 + u64::from(b))
}

/// The forms sacct writes most, `HH:MM:SS` and `D-HH:MM:SS` (days of at most 9 digits),
/// read without the general loop; `None` sends anything else to it.
#[inline]
fn clock_fast(f: &[u8]) -> Option<u64> {
    let n = f.len();
    if n < 8 || f[n - 3] != b':' || f[n - 6] != b':' {
        return None;
    }
    let h = two_digits(f[n - 8], f[n - 7])?;
    let m = two_digits(f[n - 5], f[n - 4])?;
    let s = two_digits(f[n - 2], f[n - 1])?;
    let days = match n {
        8 => 0,
        _ if f[n - 9] == b'-' && (10..=18).contains(&n) => parse_u64(&f[..n - 9])?,
        _ => return None,
    };
    Some((((days * 24 + h) * 60 + m) * 60 + s) * 1000)
}

/// Whether a duration's fraction has other than three digits (`.5`, `.05`, `.1234`): the
/// durations that GA4HPC, which takes the digits as milliseconds, reads differently.
pub fn fraction_is_not_ms(field: &[u8]) -> bool {
    match field.iter().rposition(|&b| b == b'.') {
        Some(i) => field.len() - i - 1 != 3,
        None => false,
    }
}

/// A decimal fraction of a second, in milliseconds rounded half up (`5` → 500, `0005` → 1).
fn fraction_ms(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut ms = 0u64;
    for i in 0..3 {
        ms = ms * 10 + digits.get(i).map_or(0, |d| u64::from(d - b'0'));
    }
    if digits.get(3).is_some_and(|&d| d >= b'5') {
        ms += 1;
    }
    Some(ms)
}

/// An unsigned decimal integer of at most 19 digits; `None` for anything else.
pub fn parse_u64(text: &[u8]) -> Option<u64> {
    if text.is_empty() || text.len() > 19 {
        return None;
    }
    let mut v = 0u64;
    for &b in text {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(b - b'0');
    }
    Some(v)
}

/// An unsigned count (NNodes, NCPUS, a GPU count) that fits in a `u32`.
pub fn parse_count(text: &[u8]) -> Option<u32> {
    parse_u64(text).and_then(|v| u32::try_from(v).ok())
}

/// A non-negative decimal number (`4`, `6760`, `1.5`, `.5`) as Python's `float()` reads it.
pub fn parse_decimal(text: &[u8]) -> Option<f64> {
    if text.is_empty() {
        return None;
    }
    let mut mantissa = 0u64;
    let mut digits = 0u32;
    let mut scale = 0i32;
    let mut seen_point = false;
    for &b in text {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 18 {
                    return slow_decimal(text);
                }
                mantissa = mantissa * 10 + u64::from(b - b'0');
                if seen_point {
                    scale += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    // an integer below 2^53 divided by an exact power of ten is correctly rounded, as
    // float() is
    const POW10: [f64; 19] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18,
    ];
    if mantissa < (1 << 53) {
        Some(mantissa as f64 / POW10[scale as usize])
    } else {
        slow_decimal(text)
    }
}

fn slow_decimal(text: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(text).ok()?;
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Multiplier of a memory unit letter to GB, decimal as GA4HPC (K = 10³ bytes).
fn unit_to_gb(unit: u8) -> Option<f64> {
    match unit.to_ascii_uppercase() {
        b'K' => Some(1e-6),
        b'M' => Some(1e-3),
        b'G' => Some(1.0),
        b'T' => Some(1e3),
        b'P' => Some(1e6),
        _ => None,
    }
}

/// Converts `value` in `unit` to GB in GA4HPC's order of operations (K divides by 1e6,
/// M by 1e3; T and P, which GA4HPC refuses, multiply).
/// Sizes above this (a billion GB, an exabyte) are not memory sizes: refused, so that
/// every energy stays a finite number.
pub const MAX_MEMORY_GB: f64 = 1e9;

fn to_gb(value: f64, unit: u8) -> Option<f64> {
    let gb = match unit.to_ascii_uppercase() {
        b'K' => value / 1e6,
        b'M' => value / 1e3,
        other => value * unit_to_gb(other)?,
    };
    (gb <= MAX_MEMORY_GB).then_some(gb)
}

/// What a ReqMem field asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReqMem {
    /// An empty field: unknown.
    Unknown,
    /// A memory size in GB for the whole job (per-node and per-CPU sizes already
    /// multiplied out).
    Gb(f64),
    /// `0n` / `0c` (or a bare `0`): the whole memory of every node.
    WholeNodes,
}

/// Reads ReqMem: `4Gn` (per node, × NNodes), `6760Mc` (per CPU, × NCPUS), `32G` (the job's
/// total, as Slurm ≥ 21.08 writes it); units K, M, G, T, P (decimal); a number without a
/// unit is in megabytes (Slurm's default unit). `None` for text that is none of these.
pub fn parse_req_mem(field: &[u8], nnodes: u32, ncpus: u32) -> Option<ReqMem> {
    let Some(&last) = field.last() else {
        return Some(ReqMem::Unknown);
    };
    let (body, per) = match last {
        b'n' | b'c' => (&field[..field.len() - 1], Some(last)),
        _ => (field, None),
    };
    let (number, unit) = match body.last() {
        Some(&u) if u.is_ascii_alphabetic() => (&body[..body.len() - 1], u),
        Some(_) => (body, b'M'),
        None => return None,
    };
    unit_to_gb(unit)?;
    let value = parse_decimal(number)?;
    if value == 0.0 {
        return Some(ReqMem::WholeNodes);
    }
    let times = match per {
        Some(b'n') => f64::from(nnodes),
        Some(_) => f64::from(ncpus),
        None => 1.0,
    };
    to_gb(value * times, unit).map(ReqMem::Gb)
}

/// Reads MaxRSS in GB: `2614547K`, `1.5G`, `0`; a bare number is in `default_unit`.
/// `Some(None)` for an empty field (unknown), `None` for text that is not a size.
pub fn parse_max_rss(field: &[u8], default_unit: u8) -> Option<Option<f64>> {
    let Some(&last) = field.last() else {
        return Some(None);
    };
    let (number, unit) = if last.is_ascii_alphabetic() {
        (&field[..field.len() - 1], last)
    } else {
        (field, default_unit)
    };
    let value = parse_decimal(number)?;
    to_gb(value, unit).map(Some)
}

/// The GPU count of an AllocTRES field (`billing=4,cpu=4,gres/gpu=2,mem=8G,node=1`): the
/// untyped `gres/gpu=N` when present, else the sum of the typed `gres/gpu:a100=N`. `None`
/// when a GPU entry's count is not a number.
pub fn parse_gpus(field: &[u8]) -> Option<u32> {
    const KEY: &[u8] = b"gres/gpu";
    if super::split::find_byte(field, b'/').is_none() {
        return Some(0);
    }
    let mut untyped: Option<u32> = None;
    let mut typed: u32 = 0;
    for entry in field.split(|&b| b == b',') {
        let Some(rest) = entry.strip_prefix(KEY) else {
            continue;
        };
        let (is_typed, rest) = match rest.first() {
            Some(b'=') => (false, &rest[1..]),
            Some(b':') => match rest.iter().position(|&b| b == b'=') {
                Some(i) => (true, &rest[i + 1..]),
                None => continue,
            },
            _ => continue,
        };
        let n = parse_count(rest)?;
        if is_typed {
            typed = typed.saturating_add(n);
        } else {
            untyped = Some(n);
        }
    }
    Some(untyped.unwrap_or(typed))
}

/// A Slurm job state (the first word of the State field: `CANCELLED by 123` is
/// `Cancelled`), long or short form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum State {
    /// COMPLETED / CD.
    Completed,
    /// FAILED / F.
    Failed,
    /// TIMEOUT / TO.
    Timeout,
    /// CANCELLED / CA.
    Cancelled,
    /// OUT_OF_MEMORY / OOM.
    OutOfMemory,
    /// NODE_FAIL / NF.
    NodeFail,
    /// PREEMPTED / PR.
    Preempted,
    /// BOOT_FAIL / BF.
    BootFail,
    /// DEADLINE / DL.
    Deadline,
    /// SPECIAL_EXIT / SE.
    SpecialExit,
    /// REVOKED / RV.
    Revoked,
    /// SUSPENDED / S.
    Suspended,
    /// PENDING / PD (still queued: the job is left out).
    Pending,
    /// RUNNING / R (not finished: the job is left out).
    Running,
    /// REQUEUED / RQ (the job is left out).
    Requeued,
    /// RESIZING / RS (the job is left out).
    Resizing,
    /// Empty or a state this version does not know (counted as failed).
    Other,
}

impl State {
    /// Every named state, for lists and suggestions.
    pub const ALL: [State; 16] = [
        State::Completed,
        State::Failed,
        State::Timeout,
        State::Cancelled,
        State::OutOfMemory,
        State::NodeFail,
        State::Preempted,
        State::BootFail,
        State::Deadline,
        State::SpecialExit,
        State::Revoked,
        State::Suspended,
        State::Pending,
        State::Running,
        State::Requeued,
        State::Resizing,
    ];

    /// Reads a State field (its first word, long or short name, any case).
    pub fn parse(field: &[u8]) -> State {
        let word = match field.iter().position(|&b| b == b' ') {
            Some(i) => &field[..i],
            None => field,
        };
        let mut upper = [0u8; 16];
        if word.len() > upper.len() {
            return State::Other;
        }
        for (u, b) in upper.iter_mut().zip(word) {
            *u = b.to_ascii_uppercase();
        }
        match &upper[..word.len()] {
            b"COMPLETED" | b"CD" => State::Completed,
            b"FAILED" | b"F" => State::Failed,
            b"TIMEOUT" | b"TO" => State::Timeout,
            b"CANCELLED" | b"CA" => State::Cancelled,
            b"OUT_OF_MEMORY" | b"OOM" => State::OutOfMemory,
            b"NODE_FAIL" | b"NF" => State::NodeFail,
            b"PREEMPTED" | b"PR" => State::Preempted,
            b"BOOT_FAIL" | b"BF" => State::BootFail,
            b"DEADLINE" | b"DL" => State::Deadline,
            b"SPECIAL_EXIT" | b"SE" => State::SpecialExit,
            b"REVOKED" | b"RV" => State::Revoked,
            b"SUSPENDED" | b"S" => State::Suspended,
            b"PENDING" | b"PD" => State::Pending,
            b"RUNNING" | b"R" => State::Running,
            b"REQUEUED" | b"RQ" => State::Requeued,
            b"RESIZING" | b"RS" => State::Resizing,
            _ => State::Other,
        }
    }

    /// The long upper-case name, e.g. `"OUT_OF_MEMORY"` (`"OTHER"` for unknown states).
    pub fn as_str(self) -> &'static str {
        match self {
            State::Completed => "COMPLETED",
            State::Failed => "FAILED",
            State::Timeout => "TIMEOUT",
            State::Cancelled => "CANCELLED",
            State::OutOfMemory => "OUT_OF_MEMORY",
            State::NodeFail => "NODE_FAIL",
            State::Preempted => "PREEMPTED",
            State::BootFail => "BOOT_FAIL",
            State::Deadline => "DEADLINE",
            State::SpecialExit => "SPECIAL_EXIT",
            State::Revoked => "REVOKED",
            State::Suspended => "SUSPENDED",
            State::Pending => "PENDING",
            State::Running => "RUNNING",
            State::Requeued => "REQUEUED",
            State::Resizing => "RESIZING",
            State::Other => "OTHER",
        }
    }

    /// A bit for sets of states.
    pub(crate) fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// Whether a job with this state is not finished and is left out (GA4HPC drops
    /// PENDING, RUNNING and REQUEUED; RESIZING too).
    pub fn is_unfinished(self) -> bool {
        matches!(
            self,
            State::Pending | State::Running | State::Requeued | State::Resizing
        )
    }
}

/// The rank of a line's state in merging a job's lines, lowest wins (GA4HPC's codes):
/// unfinished −2, counted as success by the cluster's list −1, failed 0, COMPLETED 1.
pub(crate) fn state_rank(state: State, success_states: u32) -> i8 {
    if state.is_unfinished() {
        -2
    } else if state == State::Completed {
        1
    } else if state.bit() & success_states != 0 {
        -1
    } else {
        0
    }
}

/// A job ID split into the job (`123`, `123_4`) and its step (`batch`, `extern`, `0`).
pub fn split_job_id(field: &[u8]) -> (&[u8], Option<&[u8]>) {
    match field.iter().position(|&b| b == b'.') {
        Some(i) => (&field[..i], Some(&field[i + 1..])),
        None => (field, None),
    }
}

/// The array job of an array task's ID (`123_4` → `123`), `None` for other jobs.
pub fn array_parent(job: &str) -> Option<&str> {
    job.split_once('_').map(|(parent, _)| parent)
}

/// The date of a Submit timestamp (`2024-01-13T08:14:09`) as `yyyymmdd`, `None` when the
/// field does not start with a plausible `YYYY-MM-DD`.
pub fn submit_day(field: &[u8]) -> Option<u32> {
    if field.len() < 10 || field[4] != b'-' || field[7] != b'-' {
        return None;
    }
    let y = parse_u64(&field[0..4])?;
    let m = parse_u64(&field[5..7])?;
    let d = parse_u64(&field[8..10])?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    u32::try_from(y * 10_000 + m * 100 + d).ok()
}

/// A Start (or End) timestamp, `2024-01-13T08:14:09` as sacct writes it (any form that
/// [`crate::intensity::parse_timestamp`] reads; without an offset, UTC), in seconds since
/// the epoch. Empty text, and sacct's `Unknown` and `None` (a job that never started), are
/// `Some(None)`; text that is not a timestamp is `None`.
pub fn parse_time(field: &[u8]) -> Option<Option<i64>> {
    match field.trim_ascii() {
        b"" | b"Unknown" | b"None" => Some(None),
        t => std::str::from_utf8(t)
            .ok()
            .and_then(|s| crate::intensity::parse_timestamp("Start", s).ok())
            .map(Some),
    }
}

/// `yyyymmdd` as `YYYY-MM-DD`.
pub fn day_string(day: u32) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day / 10_000,
        day / 100 % 100,
        day % 100
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(t: &str) -> Option<u64> {
        match parse_duration(t.as_bytes()) {
            Some(Duration::Ms(v)) => Some(v),
            _ => None,
        }
    }

    #[test]
    fn durations_in_every_form() {
        assert_eq!(ms("17:50:26"), Some((17 * 3600 + 50 * 60 + 26) * 1000));
        assert_eq!(ms("123:50:26"), Some((123 * 3600 + 50 * 60 + 26) * 1000));
        assert_eq!(
            ms("999999999-00:00:01"),
            Some((999_999_999 * 86_400 + 1) * 1000)
        );
        assert_eq!(ms("1x:50:26"), None);
        assert_eq!(ms("-17:50:26"), None);
        assert_eq!(
            ms("1-23:19:53"),
            Some(((24 + 23) * 3600 + 19 * 60 + 53) * 1000)
        );
        assert_eq!(ms("00:00.001"), Some(1));
        assert_eq!(ms("00:00.5"), Some(500));
        assert_eq!(ms("01:02.05"), Some(62_050));
        assert_eq!(ms("00:00.0005"), Some(1));
        assert_eq!(ms("00:00.0004"), Some(0));
        assert_eq!(ms("42"), Some(42_000));
        assert_eq!(ms("3:07"), Some(187_000));
        assert_eq!(ms("1-00:10"), Some(86_400_000 + 10_000));
        assert_eq!(parse_duration(b""), Some(Duration::Unknown));
        for bad in [
            "x", "1:2:3:4", "-1", "1-", "12:", ":12", "1.", "1.x", "1--2:00", "INVALID",
        ] {
            assert_eq!(ms(bad), None, "{bad}");
        }
        // centuries of core time fit
        assert_eq!(ms("36500000-00:00:00"), Some(36_500_000 * 86_400_000));
        assert_eq!(ms("999999999999999999-00:00:00"), None);
        assert!(fraction_is_not_ms(b"00:00.5"));
        assert!(!fraction_is_not_ms(b"00:00.500"));
        assert!(!fraction_is_not_ms(b"00:00"));
    }

    #[test]
    fn memory_sizes() {
        assert_eq!(parse_req_mem(b"4Gn", 2, 8), Some(ReqMem::Gb(8.0)));
        assert_eq!(parse_req_mem(b"6760Mc", 1, 4), Some(ReqMem::Gb(27.04)));
        assert_eq!(parse_req_mem(b"32G", 2, 4), Some(ReqMem::Gb(32.0)));
        assert_eq!(parse_req_mem(b"1Tn", 1, 1), Some(ReqMem::Gb(1000.0)));
        assert_eq!(parse_req_mem(b"4000", 1, 1), Some(ReqMem::Gb(4.0)));
        assert_eq!(parse_req_mem(b"0n", 1, 1), Some(ReqMem::WholeNodes));
        assert_eq!(parse_req_mem(b"0c", 1, 1), Some(ReqMem::WholeNodes));
        assert_eq!(parse_req_mem(b"", 1, 1), Some(ReqMem::Unknown));
        for bad in ["n", "Gn", "4Xn", "4.4.4G", "-4G", "G"] {
            assert_eq!(parse_req_mem(bad.as_bytes(), 1, 1), None, "{bad}");
        }
        assert_eq!(parse_max_rss(b"2614547K", b'K'), Some(Some(2.614547)));
        assert_eq!(parse_max_rss(b"2614547", b'K'), Some(Some(2.614547)));
        assert_eq!(parse_max_rss(b"0", b'K'), Some(Some(0.0)));
        assert_eq!(parse_max_rss(b"", b'K'), Some(None));
        assert_eq!(parse_max_rss(b"12Q", b'K'), None);
        assert_eq!(parse_max_rss(b"2000P", b'K'), None);
        assert_eq!(parse_req_mem(b"999999999999999999999999Gn", 1, 1), None);
        assert_eq!(parse_decimal(b"6760").map(|v| v / 1e3), Some(6.76));
        assert_eq!(parse_decimal(b".5"), Some(0.5));
        assert_eq!(parse_decimal(b"."), None);
        assert_eq!(
            parse_decimal(b"12345678901234567890123"),
            Some(1.2345678901234568e22)
        );
    }

    #[test]
    fn gpus_typed_and_untyped() {
        assert_eq!(
            parse_gpus(b"billing=1,cpu=1,gres/gpu=1,mem=8G,node=1"),
            Some(1)
        );
        assert_eq!(parse_gpus(b"cpu=8,gres/gpu:a100=2,node=1"), Some(2));
        assert_eq!(
            parse_gpus(b"gres/gpu:a100=2,gres/gpu:v100=1,gres/gpumem=3"),
            Some(3)
        );
        assert_eq!(parse_gpus(b"gres/gpu=4,gres/gpu:a100=4"), Some(4));
        assert_eq!(parse_gpus(b"cpu=1,mem=4G"), Some(0));
        assert_eq!(parse_gpus(b""), Some(0));
        assert_eq!(parse_gpus(b"gres/gpu=x"), None);
    }

    #[test]
    fn states_and_ids() {
        assert_eq!(State::parse(b"CANCELLED by 123"), State::Cancelled);
        assert_eq!(State::parse(b"CD"), State::Completed);
        assert_eq!(State::parse(b"out_of_memory"), State::OutOfMemory);
        assert_eq!(State::parse(b""), State::Other);
        assert_eq!(State::parse(b"A_VERY_LONG_UNKNOWN_STATE"), State::Other);
        let timeout = State::Timeout.bit();
        assert_eq!(state_rank(State::Timeout, timeout), -1);
        assert_eq!(state_rank(State::Timeout, 0), 0);
        assert_eq!(state_rank(State::Pending, timeout), -2);
        assert_eq!(
            split_job_id(b"1000001_27.batch"),
            (&b"1000001_27"[..], Some(&b"batch"[..]))
        );
        assert_eq!(array_parent("1000001_27"), Some("1000001"));
        assert_eq!(array_parent("1000002"), None);
        assert_eq!(submit_day(b"2024-01-13T08:14:09"), Some(20240113));
        assert_eq!(submit_day(b"Unknown"), None);
        assert_eq!(
            parse_time(b"2024-01-13T08:14:09"),
            Some(Some(1_705_133_649))
        );
        assert_eq!(parse_time(b"Unknown"), Some(None));
        assert_eq!(parse_time(b"None"), Some(None));
        assert_eq!(parse_time(b""), Some(None));
        assert_eq!(parse_time(b"2024-13-01T00:00:00"), None);
        assert_eq!(parse_time(b"\xff"), None);
        assert_eq!(day_string(20240113), "2024-01-13");
    }
}
