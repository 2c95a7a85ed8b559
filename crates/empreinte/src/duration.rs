//! Reading runtimes written by people: `12h30m`, `90m`, `1.5h`, `2d 3h`, `45s`, Slurm's
//! `1-02:00:00`, `02:00:00`, `1-02`, `1-02:30`, or a bare number of hours; lifespans in
//! years (`4y`).

use crate::error::Error;

/// Hours in a year of hardware lifespan: 365 × 24 (4 years = 35 040 h, as in methodology
/// B's worked example; AI phases use the Julian year of 8 766 h instead).
pub const LIFESPAN_HOURS_PER_YEAR: f64 = 8760.0;

/// Parses a lifespan or a reserved time into hours: years (`4y`, `4 years`, `1.5y`, each
/// year 8 760 h) or anything [`parse_runtime_h`] reads (`35040h`, `1460d`).
///
/// # Errors
/// As [`parse_runtime_h`]; [`Error::NegativeValue`] for negative years.
///
/// # Examples
/// ```
/// use empreinte::parse_lifespan_h;
/// assert_eq!(parse_lifespan_h("4y", "lifespan").unwrap(), 35_040.0);
/// assert_eq!(parse_lifespan_h("1460d", "lifespan").unwrap(), 35_040.0);
/// ```
pub fn parse_lifespan_h(text: &str, field: &str) -> Result<f64, Error> {
    let t = text.trim();
    let years = t
        .strip_suffix("years")
        .or_else(|| t.strip_suffix("year"))
        .or_else(|| t.strip_suffix('y'))
        .map(str::trim)
        // plain decimals only: not "inf", "nan" or "1e3" spelled with letters
        .filter(|y| !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit() || b"+-.".contains(&b)));
    if let Some(y) = years {
        let y: f64 = y.parse().map_err(|_| Error::InvalidDuration {
            field: field.to_owned(),
            value: text.to_owned(),
        })?;
        crate::error::check_non_negative(field, y)?;
        return Ok(y * LIFESPAN_HOURS_PER_YEAR);
    }
    parse_runtime_h(t, field)
}

/// Parses a runtime into hours.
///
/// Accepted forms: a bare number (hours, as the Green Algorithms form asks); number–unit
/// pairs with units `d`, `h`, `m`/`min`, `s`/`sec` (spaces allowed, e.g. `12h30m`,
/// `1 h 30 min`, `1.5h`); Slurm's `[D-]HH:MM:SS`, `D-HH` and `D-HH:MM`. A two-part
/// `A:B` without days is refused as ambiguous (Slurm reads it as minutes:seconds, people
/// often mean hours:minutes).
///
/// # Errors
/// [`Error::InvalidDuration`] naming `field`; [`Error::NegativeValue`] for a negative
/// number.
///
/// # Examples
/// ```
/// use empreinte::parse_runtime_h;
/// assert_eq!(parse_runtime_h("12h30m", "runtime").unwrap(), 12.5);
/// assert_eq!(parse_runtime_h("1-02:00:00", "runtime").unwrap(), 26.0);
/// ```
pub fn parse_runtime_h(text: &str, field: &str) -> Result<f64, Error> {
    let invalid = || Error::InvalidDuration {
        field: field.to_owned(),
        value: text.to_owned(),
    };
    let t = text.trim();
    if t.is_empty() {
        return Err(invalid());
    }
    let hours = if let Ok(v) = t.parse::<f64>() {
        if t.contains(|c: char| c.is_ascii_alphabetic()) {
            // "inf", "nan", "1e3" spelled with letters: only plain decimals are hours
            if !t
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
            {
                return Err(invalid());
            }
        }
        v
    } else if t.contains(':') || t.contains('-') {
        parse_clock(t).ok_or_else(invalid)?
    } else {
        parse_units(t).ok_or_else(invalid)?
    };
    crate::error::check_non_negative(field, hours)
}

fn parse_uint(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_seconds(s: &str) -> Option<f64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    s.parse().ok()
}

/// `[D-]HH:MM:SS[.fff]`, `D-HH`, `D-HH:MM`.
fn parse_clock(t: &str) -> Option<f64> {
    let (days, rest) = match t.split_once('-') {
        Some((d, r)) => (Some(parse_uint(d)?), r),
        None => (None, t),
    };
    let parts: Vec<&str> = rest.split(':').collect();
    let (h, m, s) = match (days.is_some(), parts.as_slice()) {
        (_, [h, m, s]) => (parse_uint(h)?, parse_uint(m)?, parse_seconds(s)?),
        (true, [h, m]) => (parse_uint(h)?, parse_uint(m)?, 0.0),
        (true, [h]) => (parse_uint(h)?, 0, 0.0),
        _ => return None,
    };
    if m >= 60 || s >= 60.0 {
        return None;
    }
    let d = days.unwrap_or(0) as f64;
    Some(d * 24.0 + h as f64 + m as f64 / 60.0 + s / 3600.0)
}

/// Number–unit pairs: `2d 3h 30min 10s`, `1.5h`.
fn parse_units(t: &str) -> Option<f64> {
    let s = t.to_ascii_lowercase();
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut total = 0.0;
    let mut any = false;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        let value: f64 = s[start..i].parse().ok()?;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let ustart = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let per_hour = match &s[ustart..i] {
            "d" | "day" | "days" | "j" => 24.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 1.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0 / 60.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0 / 3600.0,
            _ => return None,
        };
        total += value * per_hour;
        any = true;
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(t: &str) -> f64 {
        parse_runtime_h(t, "runtime").unwrap_or(f64::NAN)
    }

    #[test]
    fn every_form_reads_as_hours() {
        assert_eq!(h("12"), 12.0);
        assert_eq!(h("1.5"), 1.5);
        assert_eq!(h("12h30m"), 12.5);
        assert_eq!(h("12h 30min"), 12.5);
        assert_eq!(h("90m"), 1.5);
        assert_eq!(h("1.5h"), 1.5);
        assert_eq!(h("2d"), 48.0);
        assert_eq!(h("1d 2h"), 26.0);
        assert_eq!(h("36s"), 0.01);
        assert_eq!(h("1-02:00:00"), 26.0);
        assert_eq!(h("02:30:00"), 2.5);
        assert_eq!(h("00:00:36.0"), 0.01);
        assert_eq!(h("1-02"), 26.0);
        assert_eq!(h("1-02:30"), 26.5);
        assert_eq!(h("0"), 0.0);
    }

    #[test]
    fn bad_forms_are_typed_errors() {
        for bad in [
            "", "abc", "12x", "1:30", "h", "12h30", "1-2-3", "01:61:00", "inf", "nan", "--1",
        ] {
            assert!(
                matches!(
                    parse_runtime_h(bad, "runtime"),
                    Err(Error::InvalidDuration { .. })
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            parse_runtime_h("-3", "runtime"),
            Err(Error::NegativeValue { .. })
        ));
    }

    #[test]
    fn lifespans_read_years_or_durations() {
        let l = |t: &str| parse_lifespan_h(t, "lifespan");
        assert_eq!(l("4y").ok(), Some(35_040.0));
        assert_eq!(l(" 4 years ").ok(), Some(35_040.0));
        assert_eq!(l("1 year").ok(), Some(8_760.0));
        assert_eq!(l("1.5y").ok(), Some(13_140.0));
        assert_eq!(l("35040h").ok(), Some(35_040.0));
        assert_eq!(l("1460d").ok(), Some(35_040.0));
        assert_eq!(l("1000").ok(), Some(1000.0));
        assert!(matches!(l("-1y"), Err(Error::NegativeValue { .. })));
        for bad in ["y", "infy", "nan years", "1e3y", "four years", "1.2.3y"] {
            let e = l(bad).expect_err(bad);
            assert_eq!(e.field(), Some("lifespan"), "{bad}");
        }
    }
}
