//! A cluster's carbon intensity over time: the `[ci_series]` table of the cluster file, and
//! the intensity each job gets from it.
//!
//! ```toml
//! location = "FR"                 # optional: the zone's name, and the data version's place
//! [ci_series]
//! csv_file = "fr-2024.csv"        # or csv = """…""", or points = [["2024-01-01T00:00:00Z", 52.0], …]
//! interval_s = 3600               # optional: the median spacing by default
//! column = "lifecycle"            # Electricity Maps exports: lifecycle (default) or direct
//! ```
//!
//! A job's run is [Start, Start + Elapsed]; its CO2e is its energy × the series'
//! time-weighted mean over the run (the integration a single job gets with `ci_series` and
//! `start`). Without a Start the run is placed at the job's Submit time; with neither, or
//! when the run is not inside the series, the job gets the series' time-weighted mean over
//! its whole span. Each fallback is counted in the report's
//! [`Diagnostics`](super::Diagnostics) and named in the job's `ci_timing`.
//!
//! sacct writes times without an offset, in the time zone it runs in: they are read as
//! UTC, as the series' are (run `TZ=UTC sacct …`).
//!
//! The core reads no file: a `csv_file` is handed over as text by the loader given to
//! [`Cluster::from_toml_with`](super::Cluster::from_toml_with).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::ga::grid::series_from;
use crate::ga::job::CiSeriesSpec;
use crate::intensity::{format_timestamp, parse_timestamp, CiSeries};

/// The `[ci_series]` table as written in the cluster file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SeriesTable {
    csv: Option<String>,
    csv_file: Option<String>,
    points: Option<Vec<(String, f64)>>,
    interval_s: Option<i64>,
    column: Option<String>,
}

/// The carbon-intensity time series of a cluster, and what it is (serialised into the
/// report without its points).
///
/// # Units
/// Timestamps RFC 3339 UTC, intervals in seconds, intensities in gCO2e/kWh.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterSeries {
    /// Where the points come from: `csv_file`, `csv` (CSV text in the cluster file) or
    /// `points`.
    pub origin: &'static str,
    /// The `csv_file` as written in the cluster file.
    pub file: Option<String>,
    /// Number of points.
    pub points: usize,
    /// First point's timestamp.
    pub first: String,
    /// Last point's timestamp.
    pub last: String,
    /// End of the last point's interval: the end of the series.
    pub end: String,
    /// The interval each point holds, s (the one given, or the median spacing).
    pub interval_s: i64,
    /// The zone: the `Zone Id` of an Electricity Maps export, else the cluster's location.
    pub zone: Option<String>,
    /// Header of the intensity column read, where the CSV has one.
    pub column: Option<String>,
    /// Time-weighted mean over the whole series, gCO2e/kWh: what a job without a time, or
    /// outside the series, gets.
    pub mean_g_per_kwh: f64,
    /// Lowest point, gCO2e/kWh.
    pub min_g_per_kwh: f64,
    /// Highest point, gCO2e/kWh.
    pub max_g_per_kwh: f64,
    /// The series itself.
    #[serde(skip)]
    pub series: CiSeries,
}

/// How a job's carbon intensity was found (the per-job `ci_timing` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiTiming {
    /// One intensity for every job (`ci_g_per_kwh`, or a location's).
    #[default]
    Flat,
    /// The series' time-weighted mean over [Start, Start + Elapsed].
    Start,
    /// No Start: the series' time-weighted mean over [Submit, Submit + Elapsed].
    Submit,
    /// Neither Start nor Submit: the series' mean over its whole span.
    NoTime,
    /// The run is not inside the series: the series' mean over its whole span.
    OutsideSeries,
}

impl CiTiming {
    /// The name written in the per-job outputs: `flat`, `start`, `submit`, `no_time`,
    /// `outside_series`.
    pub fn as_str(self) -> &'static str {
        match self {
            CiTiming::Flat => "flat",
            CiTiming::Start => "start",
            CiTiming::Submit => "submit",
            CiTiming::NoTime => "no_time",
            CiTiming::OutsideSeries => "outside_series",
        }
    }
}

/// The intensity a job gets from a series, and how.
#[derive(Debug)]
pub(crate) struct JobCi {
    /// gCO2e/kWh.
    pub ci: f64,
    /// How it was found.
    pub timing: CiTiming,
    /// Whether the run was placed at the Submit time (no Start).
    pub at_submit: bool,
    /// Why the run is not inside the series, when it is not.
    pub outside: Option<Error>,
}

impl ClusterSeries {
    /// The intensity of a job that ran for `elapsed_ms` from `start` (else from `submit`,
    /// as sacct wrote it), both seconds since the epoch.
    pub(crate) fn job_ci(
        &self,
        start: Option<i64>,
        submit: Option<&str>,
        elapsed_ms: u64,
    ) -> JobCi {
        let (t0, column, timing) = match start {
            Some(t) => (t, "Start", CiTiming::Start),
            None => match submit.and_then(|s| parse_timestamp("Submit", s).ok()) {
                Some(t) => (t, "Submit", CiTiming::Submit),
                None => {
                    return JobCi {
                        ci: self.mean_g_per_kwh,
                        timing: CiTiming::NoTime,
                        at_submit: false,
                        outside: None,
                    }
                }
            },
        };
        let end = t0 as f64 + elapsed_ms as f64 / 1000.0;
        let at_submit = timing == CiTiming::Submit;
        match self.series.check_inside(column, t0, end) {
            Ok(()) => JobCi {
                ci: self.series.mean_over(t0, end).0,
                timing,
                at_submit,
                outside: None,
            },
            Err(e) => JobCi {
                ci: self.mean_g_per_kwh,
                timing: CiTiming::OutsideSeries,
                at_submit,
                outside: Some(e),
            },
        }
    }
}

/// Reads the `[ci_series]` table; `loader` hands over the text of a `csv_file`; `zone` is
/// the cluster's location code, if any.
///
/// # Errors
/// Naming the key: [`Error::InvalidDocument`] (`ci_series` without points, a bad
/// `ci_series.column`), [`Error::ConflictingInput`] (two of `csv_file`, `csv` and
/// `points`), [`Error::InvalidTimestamp`] (`ci_series.points[3]`),
/// [`Error::InvalidSeries`] and [`Error::SeriesGap`] (`ci_series.points[3]`,
/// `ci_series.csv`, `ci_series.csv_file`), [`Error::CountOutOfRange`]
/// (`ci_series.interval_s`), and what the loader returns.
pub(crate) fn resolve(
    table: SeriesTable,
    zone: Option<&str>,
    loader: &mut dyn FnMut(&str) -> Result<String, Error>,
) -> Result<ClusterSeries, Error> {
    let given: Vec<&str> = [
        ("csv_file", table.csv_file.is_some()),
        ("csv", table.csv.is_some()),
        ("points", table.points.is_some()),
    ]
    .into_iter()
    .filter_map(|(k, on)| on.then_some(k))
    .collect();
    match given.as_slice() {
        [] => {
            return Err(Error::InvalidDocument {
                field: "ci_series".into(),
                message: "give the series: csv_file (a CSV file beside the cluster file), csv (CSV text) or points ([[timestamp, gCO2e/kWh], …])".into(),
            })
        }
        [_] => {}
        [first, second, ..] => {
            let value = match *second {
                "csv" => "(CSV text)".to_owned(),
                _ => format!("({} points)", table.points.as_ref().map_or(0, Vec::len)),
            };
            return Err(Error::ConflictingInput {
                field: format!("ci_series.{second}"),
                value,
                other: format!("ci_series.{first}: give one of csv_file, csv and points"),
            });
        }
    }
    let (origin, csv) = match (&table.csv_file, table.csv) {
        (Some(path), _) => ("csv_file", Some(loader(path)?)),
        (None, Some(text)) => ("csv", Some(text)),
        (None, None) => ("points", None),
    };
    let spec = CiSeriesSpec {
        csv,
        points: table.points,
        interval_s: table.interval_s,
        column: table.column,
    };
    let key = format!("ci_series.{origin}");
    let series = series_from(&spec).map_err(|e| name_key(e, &key, spec.points.as_deref()))?;
    let pts = series.points();
    let (start, end) = (series.start_unix_s(), series.end_unix_s());
    let (mean_g_per_kwh, _) = series.mean_over(start, end as f64);
    let (min, max) = pts.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
    Ok(ClusterSeries {
        origin,
        file: table.csv_file,
        points: pts.len(),
        first: format_timestamp(start),
        last: format_timestamp(pts[pts.len() - 1].0),
        end: format_timestamp(end),
        interval_s: series.interval_s(),
        zone: series.zone().or(zone).map(str::to_owned),
        column: Some(series.column().to_owned()).filter(|c| !c.is_empty()),
        mean_g_per_kwh,
        min_g_per_kwh: min,
        max_g_per_kwh: max,
        series,
    })
}

/// Gives a series error the key it is about in the cluster file: the point
/// (`ci_series.points[3]`, from 0 as TOML paths are), or the CSV (`ci_series.csv_file`,
/// with its line).
fn name_key(e: Error, key: &str, points: Option<&[(String, f64)]>) -> Error {
    match e {
        Error::InvalidSeries { line, message, .. } => match points {
            Some(_) if line > 0 => Error::InvalidSeries {
                field: format!("{key}[{}]", line - 1),
                line: 0,
                message,
            },
            _ => Error::InvalidSeries {
                field: key.to_owned(),
                line,
                message,
            },
        },
        Error::SeriesGap {
            after,
            next,
            interval_s,
            ..
        } => {
            // the point after the gap, by its time (points may come in any order)
            let index = points.and_then(|p| {
                let t = parse_timestamp(key, &next).ok()?;
                p.iter()
                    .position(|(s, _)| parse_timestamp(key, s).ok() == Some(t))
            });
            Error::SeriesGap {
                field: index.map_or_else(|| key.to_owned(), |i| format!("{key}[{i}]")),
                after,
                next,
                interval_s,
            }
        }
        Error::CountOutOfRange { field, value, max } if field == "interval_s" => {
            Error::CountOutOfRange {
                field: "ci_series.interval_s".into(),
                value,
                max,
            }
        }
        other => other,
    }
}
