//! `empreinte whatif` (the start time that minimises CO2e over a carbon-intensity series)
//! and `empreinte compare` (the same energy in several locations). The job is read as by
//! `empreinte estimate`; the core does the searching and the arithmetic.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use empreinte::intensity::{
    best_start, compare, compare_source, format_timestamp, parse_timestamp, CiSeries,
    REFERENCE_COUNTRIES,
};
use empreinte::{estimate, Error, Job, Platform};
use serde::Serialize;

use crate::estimate_cmd::{estimate_from, estimate_with, EstimateArgs};
use crate::{Format, Style};

/// Options of `empreinte whatif`.
#[derive(Debug, Args)]
pub struct WhatifArgs {
    /// Carbon-intensity series (CSV: timestamp,gCO2e/kWh, or an Electricity Maps export).
    #[arg(long, value_name = "FILE")]
    series: PathBuf,
    /// Earliest start, RFC 3339 [default: the series' start].
    #[arg(long, value_name = "TIME")]
    from: Option<String>,
    /// Latest end of the run, RFC 3339 [default: the series' end].
    #[arg(long, value_name = "TIME")]
    to: Option<String>,
    /// Step between candidate starts, e.g. 15m, 1h [default: the series' interval].
    #[arg(long, value_name = "DURATION")]
    step: Option<String>,
    /// The job.
    #[command(flatten)]
    job: EstimateArgs,
}

/// Options of `empreinte compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Locations, comma-separated [default: CH,SE,FR,CA,GB,US,CN,IN,AU, Green Algorithms'
    /// reference countries].
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    locations: Vec<String>,
    /// The job. Its location is optional: only its energy is compared.
    #[command(flatten)]
    job: EstimateArgs,
}

fn to_json<T: Serialize>(value: &T) -> anyhow::Result<String> {
    let mut out = serde_json::to_string_pretty(value).context("cannot serialise the result")?;
    out.push('\n');
    Ok(out)
}

/// Runs `empreinte whatif`.
///
/// # Errors
/// An unreadable series, a bad time or step, any error of the core.
pub fn whatif(args: &WhatifArgs, style: Style) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(&args.series)
        .with_context(|| format!("cannot read the series file {}", args.series.display()))?;
    let series = CiSeries::parse_csv(&text)?;
    let e = estimate_from(&args.job)?;
    let from = match &args.from {
        Some(t) => parse_timestamp("from", t)?,
        None => series.start_unix_s(),
    };
    let to = match &args.to {
        Some(t) => parse_timestamp("to", t)?,
        None => series.end_unix_s(),
    };
    let step_s = args
        .step
        .as_deref()
        .map(|s| empreinte::parse_runtime_h(s, "step").map(|h| (h * 3600.0).round() as i64))
        .transpose()?;
    let w = best_start(&series, from, to, e.runtime_h, e.figures.energy_kwh, step_s)?;
    if style.format == Format::Json {
        #[derive(Serialize)]
        struct Out<'a> {
            runtime_h: f64,
            energy_kwh: f64,
            window_start: String,
            window_end: String,
            best_start: String,
            #[serde(flatten)]
            whatif: &'a empreinte::intensity::WhatIf,
        }
        return to_json(&Out {
            runtime_h: e.runtime_h,
            energy_kwh: e.figures.energy_kwh,
            window_start: format_timestamp(from),
            window_end: format_timestamp(to),
            best_start: format_timestamp(w.best_start_unix_s),
            whatif: &w,
        });
    }
    Ok(empreinte::words::scenarios::whatif_text(
        e.runtime_h,
        e.figures.energy_kwh,
        from,
        to,
        &w,
        style.lang,
    ))
}

/// Runs `empreinte compare`.
///
/// # Errors
/// Any error of the core (an unknown location, a source without a value there).
pub fn compare_cmd(args: &CompareArgs, style: Style) -> anyhow::Result<String> {
    let codes: Vec<&str> = if args.locations.is_empty() {
        REFERENCE_COUNTRIES.to_vec()
    } else {
        args.locations.iter().map(|s| s.trim()).collect()
    };
    let (e, placed_at) = estimate_with(&args.job, |job| estimate_anywhere(job, &codes))?;
    let source = compare_source(e.ci.value.source.id);
    let rows = compare(
        e.figures.energy_kwh,
        &codes,
        source,
        e.data_version.dataset(),
    )?;
    if style.format == Format::Json {
        return to_json(&rows);
    }
    Ok(empreinte::words::scenarios::compare_text(
        &e,
        source,
        &rows,
        placed_at.is_some(),
        style.lang,
    ))
}

/// The estimate of `job`, and where it was placed when it gives neither a location nor a
/// data centre: then at the first of `codes`, of the reference countries or `WORLD` that
/// its data version and intensity source know. Only the energy is compared, and it does
/// not depend on the place (the PUE comes from the platform, provider or data centre).
///
/// # Errors
/// The estimate's; [`Error::MissingLocation`] when no place will do.
fn estimate_anywhere(
    job: &Job,
    codes: &[&str],
) -> Result<(empreinte::Estimate, Option<String>), Error> {
    let given = |f: &Option<String>| f.as_deref().is_some_and(|s| !s.trim().is_empty());
    if given(&job.location) || given(&job.datacenter) {
        return estimate(job).map(|e| (e, None));
    }
    let mut placed = job.clone();
    let places = codes.iter().chain(&REFERENCE_COUNTRIES).chain(&["WORLD"]);
    for place in places.map(|p| p.trim()).filter(|p| !p.is_empty()) {
        placed.location = Some(place.to_owned());
        match estimate(&placed) {
            Ok(e) => return Ok((e, Some(place.to_owned()))),
            // not a place of the data version, or none of the source's: the next one
            Err(Error::UnknownLocation { .. } | Error::NoIntensity { .. }) => {}
            Err(other) => return Err(other),
        }
    }
    Err(Error::MissingLocation {
        cloud: job.platform == Some(Platform::Cloud),
    })
}
