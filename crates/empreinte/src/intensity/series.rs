//! Carbon-intensity time series: CSV parsing, validation and integration of a job's
//! energy over the series' intervals.

use serde::Serialize;

use super::time::{format_time_f64, format_timestamp, parse_utc};
use crate::error::{check_non_negative, Error, SERIES_KEY};

/// Which intensity column of an Electricity Maps export to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiColumn {
    /// `Carbon Intensity gCO₂eq/kWh (LCA)` (also spelt `(Life cycle)`): lifecycle emissions.
    Lifecycle,
    /// `Carbon Intensity gCO₂eq/kWh (direct)`: combustion only.
    Direct,
}

/// How to read a series.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SeriesOptions {
    /// The intensity column of an Electricity Maps export: `None` reads the lifecycle
    /// column; `Some` requires that column. Other layouts have one intensity column.
    pub column: Option<CiColumn>,
    /// The interval each point holds, seconds. `None`: each point holds until the next
    /// one, the last for the median spacing.
    pub interval_s: Option<i64>,
}

/// A validated carbon-intensity time series (gCO2e/kWh over UTC time).
///
/// Points are sorted, with no duplicate timestamp. Each point holds from its timestamp
/// to the next one; the last holds for [`CiSeries::interval_s`] (the median spacing, or the
/// interval given). A spacing more than 1.5 × the median (or more than the interval
/// given) is a gap: a typed error, not something to interpolate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CiSeries {
    points: Vec<(i64, f64)>,
    interval_s: i64,
    zone: Option<String>,
    column: String,
}

/// The result of integrating a job over a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesResult {
    /// CO2e of the job, g.
    pub co2e_g: f64,
    /// Time-weighted mean intensity over the run, gCO2e/kWh (= co2e_g / energy_kwh).
    pub mean_ci_g_per_kwh: f64,
    /// The number of series intervals the run overlaps.
    pub intervals_used: usize,
    /// Start of the run, seconds since the epoch.
    pub start_unix_s: i64,
    /// End of the run, seconds since the epoch (may be fractional).
    pub end_unix_s: f64,
}

/// First and last second representable as `YYYY-MM-DDTHH:MM:SSZ` with a 4-digit year.
const MIN_T: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
const MAX_T: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

fn invalid(line: usize, message: String) -> Error {
    Error::InvalidSeries {
        field: SERIES_KEY.to_owned(),
        line,
        message,
    }
}

impl CiSeries {
    /// Parses CSV text (see [`CiSeries::parse_csv_with`]) with the default options.
    ///
    /// # Errors
    /// As [`CiSeries::parse_csv_with`].
    pub fn parse_csv(text: &str) -> Result<CiSeries, Error> {
        CiSeries::parse_csv_with(text, &SeriesOptions::default())
    }

    /// Parses CSV text in one of these layouts:
    ///
    /// - `timestamp,g_co2e_per_kwh`: an ISO 8601 timestamp and a value per line, header
    ///   optional (any header names), `,` `;` or tab as separator (with `;` or tab a
    ///   decimal comma is accepted too);
    /// - an Electricity Maps export: `Datetime (UTC)`, `Zone Id`, `Carbon Intensity
    ///   gCO₂eq/kWh (LCA)` or `(Life cycle)`, `Carbon Intensity gCO₂eq/kWh (direct)` …
    ///   (lifecycle by default, see [`SeriesOptions::column`]); one zone per file;
    /// - an éCO2mix export from ODRE: `Date - Heure` (with its UTC offset) and `Taux de CO2
    ///   (g/kWh)` (direct emissions of French production).
    ///
    /// In the export layouts a row whose intensity cell is empty is skipped (exports leave
    /// it empty between measurements); elsewhere it is an error. Blank lines and lines
    /// starting with `#` are ignored. Rows may come in any order; they are sorted.
    ///
    /// # Errors
    /// [`Error::InvalidSeries`] naming the line (a bad timestamp, a negative or non-finite
    /// value, a duplicate timestamp, a missing column, mixed zones, no data);
    /// [`Error::SeriesGap`] naming the timestamp after which an interval is missing.
    pub fn parse_csv_with(text: &str, options: &SeriesOptions) -> Result<CiSeries, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        let Some((first_no, first)) = lines.next() else {
            return Err(invalid(0, "the series has no data points".to_owned()));
        };
        let sep = if first.contains(';') {
            ';'
        } else if first.contains('\t') {
            '\t'
        } else {
            ','
        };
        let head = split(first, sep);
        let has_header = head.first().is_none_or(|f| parse_utc(f).is_none());
        let layout = if has_header {
            Layout::from_header(&head, first_no, options)?
        } else {
            Layout::simple(String::new())
        };
        let mut points: Vec<(i64, f64, usize)> = Vec::new();
        let mut zone: Option<String> = None;
        let rows = (!has_header)
            .then_some((first_no, first))
            .into_iter()
            .chain(lines);
        for (no, line) in rows {
            let fields = split(line, sep);
            let need = layout.time.max(layout.value) + 1;
            if fields.len() < need {
                return Err(invalid(
                    no,
                    format!("expected at least {need} fields, got {}", fields.len()),
                ));
            }
            let ts = fields[layout.time].trim();
            let t = parse_utc(ts).ok_or_else(|| {
                invalid(
                    no,
                    format!("{ts:?} is not a timestamp: use e.g. 2024-03-01T12:00:00Z"),
                )
            })?;
            if !(MIN_T..=MAX_T).contains(&t) {
                return Err(invalid(no, format!("timestamp {ts:?} is out of range")));
            }
            let cell = fields[layout.value].trim();
            if cell.is_empty() {
                if layout.export {
                    continue;
                }
                return Err(invalid(no, "the intensity is empty".to_owned()));
            }
            let v = parse_number(cell, sep)
                .ok_or_else(|| invalid(no, format!("the intensity {cell:?} is not a number")))?;
            check_value(no, v)?;
            if let Some(zc) = layout.zone {
                let z = fields.get(zc).map_or("", |z| z.trim());
                match &zone {
                    None => zone = Some(z.to_owned()),
                    Some(prev) if prev != z => {
                        return Err(invalid(
                            no,
                            format!(
                                "the series mixes zones {prev:?} and {z:?}: give one zone per file"
                            ),
                        ))
                    }
                    Some(_) => {}
                }
            }
            points.push((t, v, no));
        }
        let mut series = build(points, options.interval_s)?;
        series.zone = zone.filter(|z| !z.is_empty());
        series.column = layout.column;
        Ok(series)
    }

    /// A series from (seconds since the epoch, gCO2e/kWh) points, in any order.
    ///
    /// # Errors
    /// [`Error::InvalidSeries`] naming the point (1-based) for a negative or non-finite
    /// value, a timestamp outside years 0000–9999, a duplicate, or no point;
    /// [`Error::SeriesGap`]; [`Error::CountOutOfRange`] for an interval ≤ 0.
    pub fn from_points(
        points: Vec<(i64, f64)>,
        interval_s: Option<i64>,
    ) -> Result<CiSeries, Error> {
        let mut with_no = Vec::with_capacity(points.len());
        for (i, (t, v)) in points.into_iter().enumerate() {
            if !(MIN_T..=MAX_T).contains(&t) {
                return Err(invalid(i + 1, format!("timestamp {t} is out of range")));
            }
            check_value(i + 1, v)?;
            with_no.push((t, v, i + 1));
        }
        build(with_no, interval_s)
    }

    /// The points: (seconds since the epoch, gCO2e/kWh), sorted.
    pub fn points(&self) -> &[(i64, f64)] {
        &self.points
    }

    /// The nominal interval, seconds: the one given, or the median spacing.
    pub fn interval_s(&self) -> i64 {
        self.interval_s
    }

    /// The zone named in the file (`Zone Id` of an Electricity Maps export), if any.
    pub fn zone(&self) -> Option<&str> {
        self.zone.as_deref()
    }

    /// The header of the intensity column read (empty without a header).
    pub fn column(&self) -> &str {
        &self.column
    }

    /// Start of the series, seconds since the epoch.
    pub fn start_unix_s(&self) -> i64 {
        self.points[0].0
    }

    /// End of the series (the end of the last point's interval), seconds since the epoch.
    pub fn end_unix_s(&self) -> i64 {
        self.segment_end(self.points.len() - 1)
    }

    fn segment_end(&self, i: usize) -> i64 {
        self.points
            .get(i + 1)
            .map_or(self.points[i].0 + self.interval_s, |p| p.0)
    }

    /// The CO2e of a job that draws `energy_kwh` spread evenly over `runtime_h` hours from
    /// `start_unix_s`: each interval of the series counts for its overlap with the run.
    /// A run of zero hours takes the intensity at its start.
    ///
    /// # Errors
    /// [`Error::NegativeValue`] / [`Error::NonFiniteValue`] for `runtime_h` or
    /// `energy_kwh`; [`Error::OutsideSeries`] (field `start`) when the run starts before
    /// the series or ends after it; [`Error::Overflow`] when the CO2e is not finite.
    pub fn integrate(
        &self,
        start_unix_s: i64,
        runtime_h: f64,
        energy_kwh: f64,
    ) -> Result<SeriesResult, Error> {
        check_non_negative("runtime_h", runtime_h)?;
        check_non_negative("energy_kwh", energy_kwh)?;
        let end = start_unix_s as f64 + runtime_h * 3600.0;
        self.check_inside("start", start_unix_s, end)?;
        let (mean, used) = self.mean_over(start_unix_s, end);
        let co2e_g = energy_kwh * mean;
        if !co2e_g.is_finite() {
            return Err(Error::Overflow {
                field: "co2e_g".to_owned(),
            });
        }
        Ok(SeriesResult {
            co2e_g,
            mean_ci_g_per_kwh: mean,
            intervals_used: used,
            start_unix_s,
            end_unix_s: end,
        })
    }

    /// Checks that [start, end] lies within the series.
    pub(crate) fn check_inside(&self, field: &str, start: i64, end: f64) -> Result<(), Error> {
        let (s0, e0) = (self.start_unix_s(), self.end_unix_s());
        let inside = start >= s0 && start < e0 && end.is_finite() && end <= e0 as f64;
        if inside {
            Ok(())
        } else {
            Err(Error::OutsideSeries {
                field: field.to_owned(),
                start: format_timestamp(start),
                end: format_time_f64(end),
                series_start: format_timestamp(s0),
                series_end: format_timestamp(e0),
            })
        }
    }

    /// Time-weighted mean intensity over [start, end] (inside the series), and the
    /// number of intervals it overlaps. Where every interval overlapped has the same
    /// intensity, that intensity exactly (`v × t ÷ t` may be one bit off `v`).
    pub(crate) fn mean_over(&self, start: i64, end: f64) -> (f64, usize) {
        let first = self
            .points
            .partition_point(|p| p.0 <= start)
            .saturating_sub(1);
        let start_f = start as f64;
        if end <= start_f {
            return (self.points[first].1, 1);
        }
        let (mut sum, mut total) = (Neumaier::default(), Neumaier::default());
        let mut used = 0;
        let mut same = true;
        let v0 = self.points[first].1;
        for i in first..self.points.len() {
            let a = (self.points[i].0 as f64).max(start_f);
            if a >= end {
                break;
            }
            let b = (self.segment_end(i) as f64).min(end);
            if b > a {
                let v = self.points[i].1;
                same &= v == v0;
                sum.add(v * (b - a));
                total.add(b - a);
                used += 1;
            }
        }
        if same {
            return (v0, used);
        }
        (sum.value() / total.value(), used)
    }
}

/// Compensated (Neumaier) summation, so that a constant series integrates to the constant
/// to the last bits.
#[derive(Default)]
struct Neumaier {
    sum: f64,
    c: f64,
}

impl Neumaier {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.c += (self.sum - t) + x;
        } else {
            self.c += (x - t) + self.sum;
        }
        self.sum = t;
    }

    fn value(&self) -> f64 {
        self.sum + self.c
    }
}

fn check_value(no: usize, v: f64) -> Result<(), Error> {
    if !v.is_finite() {
        Err(invalid(
            no,
            format!("the intensity {v} is not a finite number"),
        ))
    } else if v < 0.0 {
        Err(invalid(
            no,
            format!("the intensity must not be negative, got {v}"),
        ))
    } else {
        Ok(())
    }
}

/// Sorts, rejects duplicates, finds the interval and rejects gaps.
fn build(mut pts: Vec<(i64, f64, usize)>, interval: Option<i64>) -> Result<CiSeries, Error> {
    if pts.is_empty() {
        return Err(invalid(0, "the series has no data points".to_owned()));
    }
    if let Some(i) = interval {
        if i <= 0 {
            return Err(Error::CountOutOfRange {
                field: "interval_s".to_owned(),
                value: i,
                max: i64::MAX,
            });
        }
    }
    pts.sort_by_key(|p| p.0);
    for w in pts.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(invalid(
                w[1].2,
                format!(
                    "duplicate timestamp {} (also on line {})",
                    format_timestamp(w[1].0),
                    w[0].2
                ),
            ));
        }
    }
    let interval_s = match interval {
        Some(i) => i,
        None if pts.len() < 2 => {
            return Err(invalid(
                pts[0].2,
                "a series of one point needs an explicit interval".to_owned(),
            ))
        }
        None => {
            let mut spacings: Vec<i64> = pts.windows(2).map(|w| w[1].0 - w[0].0).collect();
            spacings.sort_unstable();
            spacings[(spacings.len() - 1) / 2]
        }
    };
    for w in pts.windows(2) {
        let spacing = w[1].0 - w[0].0;
        let gap = match interval {
            Some(i) => spacing > i,
            // More than 1.5 × the median: at least one interval is missing.
            None => i128::from(spacing) * 2 > i128::from(interval_s) * 3,
        };
        if gap {
            return Err(Error::SeriesGap {
                field: SERIES_KEY.to_owned(),
                after: format_timestamp(w[0].0),
                next: format_timestamp(w[1].0),
                interval_s,
            });
        }
        if interval.is_some_and(|i| spacing < i) {
            return Err(invalid(
                w[1].2,
                format!(
                    "{} is {spacing} s after the previous point, less than the interval ({interval_s} s)",
                    format_timestamp(w[1].0)
                ),
            ));
        }
    }
    if pts[pts.len() - 1].0 + interval_s > MAX_T {
        return Err(invalid(
            pts[pts.len() - 1].2,
            "the last timestamp is out of range".to_owned(),
        ));
    }
    Ok(CiSeries {
        points: pts.into_iter().map(|(t, v, _)| (t, v)).collect(),
        interval_s,
        zone: None,
        column: String::new(),
    })
}

/// Parses a number; with a `;` or tab separator a decimal comma is accepted.
fn parse_number(cell: &str, sep: char) -> Option<f64> {
    let owned;
    let text = if sep != ',' && cell.contains(',') && !cell.contains('.') {
        owned = cell.replacen(',', ".", 1);
        owned.as_str()
    } else {
        cell
    };
    // Rust accepts "inf" and "nan": they are reported as non-finite by check_value.
    text.parse::<f64>().ok()
}

/// Splits a CSV line on `sep`, honouring double quotes (`""` inside quotes is a quote).
fn split(line: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cur.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == '"' {
            quoted = true;
        } else if c == sep {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

/// Where the columns are.
struct Layout {
    time: usize,
    value: usize,
    zone: Option<usize>,
    /// An export (Electricity Maps, éCO2mix): empty intensity cells are skipped.
    export: bool,
    column: String,
}

/// Lowercase, `₂` as `2`, spaces collapsed.
fn norm(h: &str) -> String {
    h.trim()
        .replace('₂', "2")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Layout {
    fn simple(column: String) -> Layout {
        Layout {
            time: 0,
            value: 1,
            zone: None,
            export: false,
            column,
        }
    }

    fn from_header(head: &[String], line: usize, options: &SeriesOptions) -> Result<Layout, Error> {
        let names: Vec<String> = head.iter().map(|h| norm(h)).collect();
        let find = |pred: &dyn Fn(&str) -> bool| names.iter().position(|n| pred(n));
        let lca = find(&|n| {
            n.contains("carbon intensity") && (n.contains("(lca)") || n.contains("life cycle"))
        });
        let direct = find(&|n| n.contains("carbon intensity") && n.contains("(direct)"));
        let odre = find(&|n| n.starts_with("taux de co2"));
        let time = find(&|n| {
            n.starts_with("datetime")
                || n.starts_with("timestamp")
                || matches!(
                    n,
                    "time" | "date - heure" | "date_heure" | "start" | "time (utc)"
                )
        });
        if time.is_none() && names.iter().any(|n| n == "heures") {
            return Err(invalid(
                line,
                "éco2mix 'Date' and 'Heures' columns are french local time: use the odre export with its 'Date - Heure' column (which has the utc offset), or convert to utc".to_owned(),
            ));
        }
        let header_of = |i: usize| head[i].trim().to_owned();
        if lca.is_some() || direct.is_some() {
            let (value, wanted) = match options.column {
                Some(CiColumn::Direct) => (direct, "Carbon Intensity gCO₂eq/kWh (direct)"),
                _ => (lca, "Carbon Intensity gCO₂eq/kWh (LCA) or (Life cycle)"),
            };
            let value = value
                .ok_or_else(|| invalid(line, format!("no column {wanted:?} in the header")))?;
            let time = time.ok_or_else(|| {
                invalid(
                    line,
                    "no column \"Datetime (UTC)\" in the header".to_owned(),
                )
            })?;
            return Ok(Layout {
                time,
                value,
                zone: find(&|n| n == "zone id"),
                export: true,
                column: header_of(value),
            });
        }
        if options.column.is_some() {
            return Err(invalid(
                line,
                "a lifecycle or direct column was asked for, but this is not an electricity maps export".to_owned(),
            ));
        }
        if let Some(value) = odre {
            let time = time.ok_or_else(|| {
                invalid(line, "no column \"Date - Heure\" in the header".to_owned())
            })?;
            return Ok(Layout {
                time,
                value,
                zone: None,
                export: true,
                column: header_of(value),
            });
        }
        if head.len() == 2 {
            let time = time.unwrap_or(0);
            let value = 1 - time;
            return Ok(Layout {
                time,
                value,
                zone: None,
                export: false,
                column: header_of(value),
            });
        }
        let value = find(&|n| {
            n.contains("gco2")
                || n.contains("g_co2")
                || n.contains("per_kwh")
                || n.contains("/kwh")
                || n.contains("intensity")
                || n == "value"
        });
        match (time, value) {
            (Some(time), Some(value)) if time != value => Ok(Layout {
                time,
                value,
                zone: None,
                export: false,
                column: header_of(value),
            }),
            _ => Err(invalid(
                line,
                format!(
                    "unknown columns {:?}: expected timestamp,g_co2e_per_kwh or an electricity maps or éco2mix export",
                    head.iter().map(|h| h.trim()).collect::<Vec<_>>()
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_honours_quotes() {
        assert_eq!(split("a,\"b,c\",d", ','), ["a", "b,c", "d"]);
        assert_eq!(split("\"x\"\"y\";2", ';'), ["x\"y", "2"]);
        assert_eq!(split("", ','), [""]);
    }

    #[test]
    fn decimal_comma_only_with_semicolons() {
        assert_eq!(parse_number("12,5", ';'), Some(12.5));
        assert_eq!(parse_number("12,5", ','), None);
        assert_eq!(parse_number("12.5", ';'), Some(12.5));
    }

    #[test]
    fn neumaier_is_exact_on_a_classic_case() {
        let mut s = Neumaier::default();
        for x in [1.0, 1e100, 1.0, -1e100] {
            s.add(x);
        }
        assert_eq!(s.value(), 2.0);
    }
}
