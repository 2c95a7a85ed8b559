//! Carbon-aware what-ifs: the best start time in a window, and the same energy in other
//! places.

use serde::Serialize;

use super::lookup::intensity;
use super::series::CiSeries;
use super::time::{format_time_f64, format_timestamp};
use crate::error::{check_non_negative, Error};
use crate::tables::Dataset;

/// The nine reference countries of the Green Algorithms location comparison.
pub const REFERENCE_COUNTRIES: [&str; 9] = ["CH", "SE", "FR", "CA", "GB", "US", "CN", "IN", "AU"];

/// The most candidate start times [`best_start`] evaluates.
pub const MAX_CANDIDATES: usize = 1_000_000;

/// The best start time of a job in a window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// The start that minimises CO2e (the earliest of equal ones), seconds since the epoch.
    pub best_start_unix_s: i64,
    /// CO2e when starting then, g.
    pub best_co2e_g: f64,
    /// Mean intensity over the run when starting then, gCO2e/kWh.
    pub best_mean_ci_g_per_kwh: f64,
    /// CO2e when starting at the window's start, g.
    pub window_start_co2e_g: f64,
    /// Mean intensity over the run when starting at the window's start, gCO2e/kWh.
    pub window_start_mean_ci_g_per_kwh: f64,
    /// `window_start_co2e_g − best_co2e_g` (≥ 0), g.
    pub saving_g: f64,
    /// `saving_g / window_start_co2e_g` (0 when that is 0).
    pub saving_share: f64,
    /// The number of start times evaluated.
    pub candidates: usize,
}

/// The start time in `[window_start_unix_s, window_end_unix_s]` that minimises the CO2e
/// of a job of `runtime_h` hours drawing `energy_kwh`, scanning starts from the window's
/// start every `step_s` seconds (default: the series interval) such that the whole run
/// fits in the window and in the series. Never worse than starting at the window's start,
/// which is always a candidate.
///
/// # Errors
/// [`Error::NegativeValue`] / [`Error::NonFiniteValue`] for `runtime_h`, `energy_kwh`;
/// [`Error::CountOutOfRange`] for a `step_s` ≤ 0; [`Error::ConflictingInput`] when the
/// window ends before it starts, is shorter than the job, or would need more than
/// [`MAX_CANDIDATES`] starts; [`Error::OutsideSeries`] (field `window_start`) when a run
/// from the window's start is not inside the series.
pub fn best_start(
    series: &CiSeries,
    window_start_unix_s: i64,
    window_end_unix_s: i64,
    runtime_h: f64,
    energy_kwh: f64,
    step_s: Option<i64>,
) -> Result<WhatIf, Error> {
    check_non_negative("runtime_h", runtime_h)?;
    check_non_negative("energy_kwh", energy_kwh)?;
    let step = step_s.unwrap_or(series.interval_s());
    if step <= 0 {
        return Err(Error::CountOutOfRange {
            field: "step_s".to_owned(),
            value: step,
            max: i64::MAX,
        });
    }
    let (ws, we) = (window_start_unix_s, window_end_unix_s);
    if we < ws {
        return Err(Error::ConflictingInput {
            field: "window_end".to_owned(),
            value: format_timestamp(we),
            other: format!(
                "window_start {}: the window ends before it starts",
                format_timestamp(ws)
            ),
        });
    }
    let dur = runtime_h * 3600.0;
    if ws as f64 + dur > we as f64 {
        return Err(Error::ConflictingInput {
            field: "runtime_h".to_owned(),
            value: runtime_h.to_string(),
            other: format!(
                "the window from {} to {}: the job does not fit in it",
                format_timestamp(ws),
                format_timestamp(we)
            ),
        });
    }
    series.check_inside("window_start", ws, ws as f64 + dur)?;
    // The last start such that the run ends in both the window and the series.
    let limit = (we.min(series.end_unix_s()) as f64 - dur).floor();
    let span = limit - ws as f64; // ≥ 0: checked above
    let count = (span / step as f64).floor() + 1.0;
    if count > MAX_CANDIDATES as f64 {
        return Err(Error::ConflictingInput {
            field: "step_s".to_owned(),
            value: step.to_string(),
            other: format!(
                "the window from {} to {}: more than {MAX_CANDIDATES} start times to try, use a larger step",
                format_timestamp(ws),
                format_time_f64(we as f64)
            ),
        });
    }
    let count = count as usize;
    let (ws_mean, _) = series.mean_over(ws, ws as f64 + dur);
    let window_start_co2e_g = energy_kwh * ws_mean;
    let (mut best_t, mut best_mean, mut best_co2e_g) = (ws, ws_mean, window_start_co2e_g);
    for k in 1..count {
        let t = ws + k as i64 * step;
        let (mean, _) = series.mean_over(t, t as f64 + dur);
        let co2e = energy_kwh * mean;
        if co2e < best_co2e_g {
            (best_t, best_mean, best_co2e_g) = (t, mean, co2e);
        }
    }
    if !window_start_co2e_g.is_finite() {
        return Err(Error::Overflow {
            field: "co2e_g".to_owned(),
        });
    }
    let saving_g = window_start_co2e_g - best_co2e_g;
    Ok(WhatIf {
        best_start_unix_s: best_t,
        best_co2e_g,
        best_mean_ci_g_per_kwh: best_mean,
        window_start_co2e_g,
        window_start_mean_ci_g_per_kwh: ws_mean,
        saving_g,
        saving_share: if window_start_co2e_g > 0.0 {
            saving_g / window_start_co2e_g
        } else {
            0.0
        },
        candidates: count,
    })
}

/// One place of a location comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The location code as given.
    pub location: String,
    /// Its name in the source.
    pub name: &'static str,
    /// The source's zone for it.
    pub zone: &'static str,
    /// Carbon intensity, gCO2e/kWh.
    pub ci_g_per_kwh: f64,
    /// The data year of the intensity, where known.
    pub year: Option<u16>,
    /// CO2e of the energy there, g.
    pub co2e_g: f64,
}

/// The source [`compare`] uses for a job's source `source_id`: the source itself, or `ga`
/// for a stated value (`custom`), which has no value elsewhere.
pub fn compare_source(source_id: &str) -> &str {
    if source_id.trim().eq_ignore_ascii_case("custom") {
        "ga"
    } else {
        source_id
    }
}

/// The same energy in each of `codes` (e.g. [`REFERENCE_COUNTRIES`]), under source
/// `source_id`, in the order given. A job's own stated value (source `custom`) has no
/// value elsewhere: it compares under the data version's own table (`ga`).
///
/// # Errors
/// [`Error::NegativeValue`] / [`Error::NonFiniteValue`] for `energy_kwh`; the first error
/// of [`intensity`] (an unknown source or location, or a location the source has no
/// value for).
pub fn compare(
    energy_kwh: f64,
    codes: &[&str],
    source_id: &str,
    ds: &'static Dataset,
) -> Result<Vec<Comparison>, Error> {
    check_non_negative("energy_kwh", energy_kwh)?;
    let source_id = compare_source(source_id);
    codes
        .iter()
        .map(|code| {
            let ci = intensity(source_id, code, ds)?;
            Ok(Comparison {
                location: code.trim().to_owned(),
                name: ci.zone_name,
                zone: ci.zone,
                ci_g_per_kwh: ci.g_per_kwh,
                year: ci.year,
                co2e_g: energy_kwh * ci.g_per_kwh,
            })
        })
        .collect()
}
