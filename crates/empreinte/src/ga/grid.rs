//! The carbon intensity a result uses: its source (the data version's table by default, an
//! alternative source, a stated value or a time series) and the alternative shown beside it.

use serde::Serialize;

use crate::error::Error;
use crate::ga::job::{CiSeriesSpec, Job};
use crate::intensity::{
    self, parse_timestamp, CiColumn, CiSeries, CiValue, SeriesOptions, SeriesResult,
};
use crate::tables::{Dataset, Location};
use crate::units::{GPerKwh, Hours, Kwh};

/// The carbon intensity used, with its source and, for a time series, the integration.
#[derive(Debug, Clone, PartialEq)]
pub struct CiUsed {
    /// The value from the chosen source (for a series: the source is `custom` and the value
    /// the run's mean).
    pub value: CiValue,
    /// The intensity the CO2e was computed with, gCO2e/kWh (a series' time-weighted mean).
    pub g_per_kwh: f64,
    /// The integration over a time series, when one was given.
    pub series: Option<SeriesResult>,
}

/// The same job under one other carbon-intensity source (sensitivity).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CiAlternative {
    /// Source id, e.g. `"ember"`.
    pub source: &'static str,
    /// Source name.
    pub source_name: &'static str,
    /// The zone of that source.
    pub zone: &'static str,
    /// The data year, where known.
    pub year: Option<u16>,
    /// Its intensity, gCO2e/kWh.
    pub ci_g_per_kwh: f64,
    /// The job's CO2e under it, g.
    pub co2e_g: f64,
}

pub(crate) fn series_from(spec: &CiSeriesSpec) -> Result<CiSeries, Error> {
    let column = match spec.column.as_deref().map(str::trim) {
        None => None,
        Some(c) if c.eq_ignore_ascii_case("lifecycle") || c.eq_ignore_ascii_case("lca") => {
            Some(CiColumn::Lifecycle)
        }
        Some(c) if c.eq_ignore_ascii_case("direct") => Some(CiColumn::Direct),
        Some(c) => {
            return Err(Error::InvalidDocument {
                field: "ci_series.column".to_owned(),
                message: format!("expected lifecycle or direct, got {c:?}"),
            })
        }
    };
    match (&spec.csv, &spec.points) {
        (Some(csv), None) => CiSeries::parse_csv_with(
            csv,
            &SeriesOptions {
                column,
                interval_s: spec.interval_s,
            },
        ),
        (None, Some(points)) => {
            let mut parsed = Vec::with_capacity(points.len());
            for (i, (t, v)) in points.iter().enumerate() {
                parsed.push((parse_timestamp(&format!("ci_series.points[{i}]"), t)?, *v));
            }
            CiSeries::from_points(parsed, spec.interval_s)
        }
        _ => Err(Error::InvalidDocument {
            field: "ci_series".to_owned(),
            message: "give either csv or points".to_owned(),
        }),
    }
}

/// Resolves the intensity of `job` at `location` for a run of `runtime_h` drawing
/// `energy_kwh`; returns it and whether the source is the default.
pub(crate) fn resolve(
    ds: &'static Dataset,
    job: &Job,
    location: &'static Location,
    energy: Kwh,
    runtime: Hours,
) -> Result<(CiUsed, bool), Error> {
    let stated_source = job.ci_source.as_deref().filter(|s| !s.trim().is_empty());
    if let (Some(v), Some(_)) = (job.ci_g_per_kwh, &job.ci_series) {
        return Err(Error::ConflictingInput {
            field: "ci_g_per_kwh".to_owned(),
            value: v.to_string(),
            other: "ci_series".to_owned(),
        });
    }
    if let Some(s) = stated_source.filter(|s| !s.eq_ignore_ascii_case("custom")) {
        if job.ci_g_per_kwh.is_some() || job.ci_series.is_some() {
            return Err(Error::ConflictingInput {
                field: "ci_source".to_owned(),
                value: s.to_owned(),
                other: "a stated ci_g_per_kwh or ci_series (source custom)".to_owned(),
            });
        }
    }
    if let Some(spec) = &job.ci_series {
        let series = series_from(spec)?;
        let start_text = job.start.as_deref().ok_or_else(|| Error::MissingField {
            field: "start".to_owned(),
        })?;
        let start = parse_timestamp("start", start_text)?;
        let result = series.integrate(start, runtime.0, energy.0)?;
        let value = CiValue::custom(result.mean_ci_g_per_kwh)?;
        return Ok((
            CiUsed {
                g_per_kwh: result.mean_ci_g_per_kwh,
                value,
                series: Some(result),
            },
            false,
        ));
    }
    if let Some(v) = job.ci_g_per_kwh {
        let value = CiValue::custom(v)?;
        return Ok((
            CiUsed {
                g_per_kwh: value.g_per_kwh,
                value,
                series: None,
            },
            false,
        ));
    }
    if let Some(s) = stated_source.filter(|s| s.eq_ignore_ascii_case("custom")) {
        return Err(Error::MissingField {
            field: format!("ci_g_per_kwh (ci_source {s})"),
        });
    }
    let id = stated_source.unwrap_or(intensity::DEFAULT_SOURCE);
    let value = intensity::intensity_at(id, location, ds)?;
    Ok((
        CiUsed {
            g_per_kwh: value.g_per_kwh,
            value,
            series: None,
        },
        stated_source.is_none(),
    ))
}

/// The alternative intensity: the source `job.ci_alternative` names (an error if it has no
/// value there), else [`intensity::alternative`] (none when no other source has one).
pub(crate) fn alternative(
    ds: &'static Dataset,
    job: &Job,
    location: &'static Location,
    primary: &CiUsed,
    energy: Kwh,
) -> Result<Option<CiAlternative>, Error> {
    let value = match job
        .ci_alternative
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        Some(id) => Some(intensity::intensity_at(id, location, ds)?),
        None => intensity::alternative_at(location, primary.value.source.id, ds),
    };
    Ok(value.map(|v| CiAlternative {
        source: v.source.id,
        source_name: v.source.name,
        zone: v.zone,
        year: v.year,
        ci_g_per_kwh: v.g_per_kwh,
        co2e_g: (energy * GPerKwh(v.g_per_kwh)).0,
    }))
}
