//! UTC timestamps: RFC 3339 / ISO 8601 (extended format) text ⇄ seconds since the Unix
//! epoch, by hand (proleptic Gregorian calendar, no leap seconds).

use crate::error::Error;

/// Parses an RFC 3339 / ISO 8601 timestamp into seconds since 1970-01-01T00:00:00Z.
///
/// Accepted: `2024-03-01`, `2024-03-01T12:00`, `2024-03-01T12:00:00`, with `T`, `t` or a
/// space between date and time, an optional fraction of a second (dropped: the result is
/// the whole second it falls in), and an optional offset `Z`, `+01:00`, `-0500`, `+01`
/// (a trailing ` UTC` is read as `Z`). Without an offset the time is read as UTC (as in
/// the `Datetime (UTC)` column of Electricity Maps exports).
///
/// # Errors
/// [`Error::InvalidTimestamp`] naming `field` and the text.
pub fn parse_timestamp(field: &str, text: &str) -> Result<i64, Error> {
    parse_utc(text).ok_or_else(|| Error::InvalidTimestamp {
        field: field.to_owned(),
        value: text.to_owned(),
    })
}

/// Formats seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_timestamp(unix_s: i64) -> String {
    let days = unix_s.div_euclid(86_400);
    let secs = unix_s.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Formats a possibly fractional or out-of-range time (seconds since the epoch): as a
/// timestamp when it is a representable number of seconds, else as a number of seconds.
pub(crate) fn format_time_f64(unix_s: f64) -> String {
    if unix_s.is_finite() && unix_s.abs() < 1e15 {
        format_timestamp(unix_s.floor() as i64)
    } else {
        format!("{unix_s} s since 1970-01-01")
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a number of days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A cursor over ASCII bytes.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, n: usize) -> Option<u32> {
        let s = self.b.get(self.i..self.i + n)?;
        let mut v = 0u32;
        for &c in s {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        self.i += n;
        Some(v)
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i == self.b.len()
    }
}

pub(crate) fn parse_utc(text: &str) -> Option<i64> {
    let mut t = text.trim();
    for suffix in [" UTC", " utc", " GMT"] {
        if let Some(stripped) = t.strip_suffix(suffix) {
            t = stripped.trim_end();
            if !(t.ends_with('Z') || t.ends_with('z') || has_offset(t)) {
                return parse_core(t, true);
            }
        }
    }
    parse_core(t, false)
}

/// Whether the text ends with a numeric offset after a time (`…T12:00+01:00`).
fn has_offset(t: &str) -> bool {
    t.rfind(['+', '-']).is_some_and(|p| t[..p].contains(':'))
}

fn parse_core(t: &str, utc_suffix: bool) -> Option<i64> {
    let mut c = Cursor {
        b: t.as_bytes(),
        i: 0,
    };
    let y = i64::from(c.digits(4)?);
    if !c.eat(b'-') {
        return None;
    }
    let m = c.digits(2)?;
    if !c.eat(b'-') {
        return None;
    }
    let d = c.digits(2)?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    if c.done() {
        return Some(secs);
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return None;
    }
    let hh = c.digits(2)?;
    if !c.eat(b':') {
        return None;
    }
    let mm = c.digits(2)?;
    let mut ss = 0;
    if c.eat(b':') {
        ss = c.digits(2)?;
        if c.eat(b'.') || c.eat(b',') {
            let start = c.i;
            while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                c.i += 1;
            }
            if c.i == start {
                return None;
            }
        }
    }
    if hh > 23 || mm > 59 || ss > 59 {
        return None;
    }
    secs += i64::from(hh * 3600 + mm * 60 + ss);
    if c.done() {
        return Some(secs);
    }
    if utc_suffix {
        return None;
    }
    match c.peek()? {
        b'Z' | b'z' => {
            c.i += 1;
        }
        sign @ (b'+' | b'-') => {
            c.i += 1;
            let oh = c.digits(2)?;
            let om = if c.done() {
                0
            } else {
                c.eat(b':');
                c.digits(2)?
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let off = i64::from(oh * 3600 + om * 60);
            // Local time = UTC + offset, so UTC = local − offset.
            secs += if sign == b'+' { -off } else { off };
        }
        _ => return None,
    }
    c.done().then_some(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<i64> {
        parse_utc(s)
    }

    #[test]
    fn parses_the_usual_forms() {
        assert_eq!(p("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(p("2024-03-01T12:00:00Z"), Some(1_709_294_400));
        assert_eq!(p("2024-03-01 12:00:00"), Some(1_709_294_400));
        assert_eq!(p("2024-03-01T12:00Z"), Some(1_709_294_400));
        assert_eq!(p("2024-03-01T13:00:00+01:00"), Some(1_709_294_400));
        assert_eq!(p("2024-03-01T07:00:00-0500"), Some(1_709_294_400));
        assert_eq!(p("2024-03-01T14:00:00+02"), Some(1_709_294_400));
        assert_eq!(p("2024-03-01T12:00:00.999Z"), Some(1_709_294_400));
        assert_eq!(p("2024-03-01 12:00:00 UTC"), Some(1_709_294_400));
        assert_eq!(p("2024-03-01"), Some(1_709_251_200));
        assert_eq!(p("1969-12-31T23:59:59Z"), Some(-1));
        assert_eq!(p("2000-02-29T00:00:00Z"), Some(951_782_400));
    }

    #[test]
    fn rejects_invalid_dates_and_junk() {
        for bad in [
            "",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "2024-03-01T24:00:00Z",
            "2024-03-01T12:60Z",
            "2024-03-01T12:00:60Z",
            "2024-03-01T12",
            "2024-3-1",
            "24-03-01",
            "2024-03-01T12:00:00+25:00",
            "2024-03-01T12:00:00Q",
            "2024-03-01T12:00:00Z junk",
            "2024-03-01T12:00:00.Z",
            "1900-02-29",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
        assert_eq!(p("2000-02-29"), Some(951_782_400));
    }

    #[test]
    fn formats_and_round_trips() {
        assert_eq!(format_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_timestamp(1_709_294_400), "2024-03-01T12:00:00Z");
        assert_eq!(format_timestamp(-1), "1969-12-31T23:59:59Z");
        for s in [
            -86_400 * 700_000,
            -1,
            0,
            951_782_399,
            4_102_444_800,
            253_402_300_799,
        ] {
            assert_eq!(p(&format_timestamp(s)), Some(s), "{s}");
        }
        // Extreme values format without panicking.
        let _ = format_timestamp(i64::MIN);
        let _ = format_timestamp(i64::MAX);
        assert!(format_time_f64(f64::INFINITY).contains("s since"));
    }
}
