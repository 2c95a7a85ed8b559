//! `empreinte estimate`: a job from the options or from a JSON document, through the core's
//! [`empreinte::estimate`], printed as a summary or as the result JSON.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use clap::Args;
use empreinte::{
    estimate, parse_lifespan_h, parse_runtime_h, CiSeriesSpec, CpuSpec, EmbodiedModel,
    EmbodiedOptions, Error, FunctionalUnit, GpuSpec, HardwareSource, Job, Platform,
    UncertaintyOptions, WaterOptions,
};

use crate::{Format, Style};

/// Options of `empreinte estimate`.
#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// Read the job JSON from FILE ("-" for standard input) instead of the options below.
    #[arg(long, short, value_name = "FILE")]
    input: Option<PathBuf>,
    /// Runtime: 12h30m, 90m, 1.5h, 2d 3h, 1-02:00:00 (Slurm), or a number of hours.
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "DURATION",
        allow_negative_numbers = true
    )]
    runtime: Option<String>,
    /// CPU model, as in `empreinte data cpus` ("Any", or "other" with --cpu-tdp).
    #[arg(long, conflicts_with = "input", value_name = "MODEL")]
    cpu: Option<String>,
    /// Number of CPU cores used.
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "N",
        allow_negative_numbers = true
    )]
    cores: Option<i64>,
    /// Power per CPU core, W (replaces the table's value).
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "W",
        allow_negative_numbers = true
    )]
    cpu_tdp: Option<f64>,
    /// CPU usage factor, 0 to 1 [default: 1].
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "U",
        allow_negative_numbers = true
    )]
    usage_cpu: Option<f64>,
    /// GPU model, as in `empreinte data gpus` ("Any", or "other" with --gpu-tdp).
    #[arg(long, conflicts_with = "input", value_name = "MODEL")]
    gpu: Option<String>,
    /// Number of GPUs used.
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "N",
        allow_negative_numbers = true
    )]
    gpus: Option<i64>,
    /// Power per GPU, W (replaces the table's value).
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "W",
        allow_negative_numbers = true
    )]
    gpu_tdp: Option<f64>,
    /// GPU usage factor, 0 to 1 [default: 1].
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "U",
        allow_negative_numbers = true
    )]
    usage_gpu: Option<f64>,
    /// Memory allocated to the job, GB.
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "GB",
        allow_negative_numbers = true
    )]
    memory: Option<f64>,
    /// Where the job runs: local-server, personal-computer or cloud [default: local-server].
    #[arg(long, conflicts_with = "input", value_name = "PLATFORM")]
    platform: Option<String>,
    /// Cloud provider code (gcp, aws, azure, …, or other), with --platform cloud.
    #[arg(long, conflicts_with = "input", value_name = "CODE")]
    provider: Option<String>,
    /// Cloud data centre, e.g. us-west1, with --platform cloud.
    #[arg(long, conflicts_with = "input", value_name = "NAME")]
    datacenter: Option<String>,
    /// Location code or name: FR, US-CA, WORLD, France; for a country also its ISO alpha-3
    /// code or common English name, GBR or UK for GB (see `empreinte data locations`).
    #[arg(long, conflicts_with = "input", value_name = "CODE")]
    location: Option<String>,
    /// Power usage effectiveness of the facility (≥ 1); always wins over the defaults.
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "PUE",
        allow_negative_numbers = true
    )]
    pue: Option<f64>,
    /// Multiplicative factor: number of identical runs (≥ 1) [default: 1].
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "N",
        visible_alias = "multiplicative-factor",
        allow_negative_numbers = true
    )]
    mf: Option<f64>,
    /// Green Algorithms data version: v1.0 … v3.0 [default: v3.0].
    #[arg(long, conflicts_with = "input", value_name = "VERSION")]
    data_version: Option<String>,
    /// Hardware tables searched for the models, in order, comma-separated
    /// [default: green-algorithms,empreinte-hw].
    #[arg(long, conflicts_with = "input", value_name = "TABLES")]
    hw_tables: Option<String>,
    /// Grid carbon-intensity source (see `empreinte data ci-sources`) [default: ga, the data
    /// version's table].
    #[arg(long, conflicts_with = "input", value_name = "SOURCE")]
    ci_source: Option<String>,
    /// A carbon intensity you state, gCO2e/kWh (source "custom").
    #[arg(
        long = "ci",
        conflicts_with = "input",
        value_name = "G_PER_KWH",
        allow_negative_numbers = true
    )]
    ci: Option<f64>,
    /// Source of the alternative intensity shown beside the result [default: ember, else the
    /// latest Electricity Maps year].
    #[arg(long, conflicts_with = "input", value_name = "SOURCE")]
    ci_alternative: Option<String>,
    /// A carbon-intensity time series (CSV: timestamp,gCO2e/kWh, or an Electricity Maps
    /// export) to integrate the run over; needs --start.
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "FILE",
        requires = "start"
    )]
    ci_series: Option<PathBuf>,
    /// For an Electricity Maps export: the lifecycle (default) or direct column.
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "COLUMN",
        requires = "ci_series"
    )]
    ci_column: Option<String>,
    /// Start of the run, RFC 3339 (e.g. 2024-03-01T08:00:00Z).
    #[arg(long, conflicts_with = "input", value_name = "TIME")]
    start: Option<String>,
    /// Embodied-emissions model: ga-v3.1 (default) or ccf-teads.
    #[arg(long, conflicts_with = "input", value_name = "MODEL")]
    embodied: Option<String>,
    /// Expected lifespan of the hardware: a duration (35040h, 1460d) or years (4y = 4 × 8 760 h)
    /// [default: the model's].
    #[arg(long, conflicts_with = "input", value_name = "DURATION")]
    lifespan: Option<String>,
    /// Share of the hardware reserved, 0 to 1 [default: the job's share of the servers].
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "F",
        allow_negative_numbers = true
    )]
    share: Option<f64>,
    /// Time the hardware was reserved, as a duration [default: runtime × runs].
    #[arg(long, conflicts_with = "input", value_name = "DURATION")]
    reserved: Option<String>,
    /// Count only busy time in the embodied share, not idle reserved time.
    #[arg(long, conflicts_with = "input")]
    busy_only: bool,
    /// Functional unit R of the SCI score, e.g. "training run" (with --unit-count).
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "NAME",
        requires = "unit_count"
    )]
    unit: Option<String>,
    /// How many functional units the job delivers.
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "N",
        requires = "unit",
        allow_negative_numbers = true
    )]
    unit_count: Option<f64>,
    /// Uncertainty method: interval (default) or montecarlo (with --seed).
    #[arg(long, conflicts_with = "input", value_name = "METHOD")]
    uncertainty: Option<String>,
    /// Monte Carlo samples [default: 10000].
    #[arg(long, conflicts_with = "input", value_name = "N")]
    samples: Option<u32>,
    /// Monte Carlo seed.
    #[arg(long, conflicts_with = "input", value_name = "SEED")]
    seed: Option<u64>,
    /// On-site water usage effectiveness, L/kWh of IT energy [default: per platform].
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "L_PER_KWH",
        allow_negative_numbers = true
    )]
    wue: Option<f64>,
    /// Water intensity of the grid's electricity, L/kWh [default: the table, where known].
    #[arg(
        long,
        conflicts_with = "input",
        value_name = "L_PER_KWH",
        allow_negative_numbers = true
    )]
    ewif: Option<f64>,
    /// Require the water footprint (an error where the grid's water intensity is unknown).
    #[arg(long, conflicts_with = "input")]
    water: bool,
}

/// Runs `empreinte estimate`; returns what to print.
///
/// # Errors
/// A one-line message for an unreadable or malformed job document, a bad option value, or
/// any error of the core.
pub fn run(args: &EstimateArgs, style: Style) -> anyhow::Result<String> {
    let result = estimate_from(args)?;
    Ok(match style.format {
        Format::Json => {
            let mut out =
                serde_json::to_string_pretty(&result).context("cannot serialise the result")?;
            out.push('\n');
            out
        }
        Format::Text => empreinte::words::estimate_summary::render(&result, style.lang),
    })
}

/// The estimate of the job the options (or the `--input` document) describe.
///
/// # Errors
/// As [`run`].
pub fn estimate_from(args: &EstimateArgs) -> anyhow::Result<empreinte::Estimate> {
    estimate_with(args, estimate)
}

/// As [`estimate_from`], the job estimated by `run` (which may complete it first).
///
/// # Errors
/// As [`run`], the errors of `run` included.
pub fn estimate_with<T>(
    args: &EstimateArgs,
    run: impl FnOnce(&Job) -> Result<T, Error>,
) -> anyhow::Result<T> {
    Ok(match &args.input {
        Some(path) => {
            let (name, text) = read_input(path)?;
            let from_doc = |e: Error| anyhow!("{name}: {e}");
            let job = Job::from_json(&text).map_err(from_doc)?;
            run(&job).map_err(from_doc)?
        }
        None => {
            let series_csv = args
                .ci_series
                .as_deref()
                .map(|p| {
                    std::fs::read_to_string(p)
                        .with_context(|| format!("cannot read the ci series file {}", p.display()))
                })
                .transpose()?;
            let job = job_from_flags(args, series_csv).map_err(flag_error)?;
            run(&job).map_err(flag_error)?
        }
    })
}

/// Reads the job document at `path` (`-`: standard input); returns its display name and text.
fn read_input(path: &Path) -> anyhow::Result<(String, String)> {
    let mut text = String::new();
    let name = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .context("cannot read the job from standard input")?;
        "standard input".to_owned()
    } else {
        text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the job file {}", path.display()))?;
        path.display().to_string()
    };
    // a byte-order mark is not JSON, but editors write one
    if let Some(rest) = text.strip_prefix('\u{FEFF}') {
        text = rest.to_owned();
    }
    Ok((name, text))
}

/// The job the options describe. The CPU part exists when any CPU option is given, the GPU
/// part likewise (the core's rule, `CpuSpec::from_flat`); the core checks everything else.
fn job_from_flags(a: &EstimateArgs, series_csv: Option<String>) -> Result<Job, Error> {
    let runtime_h = a
        .runtime
        .as_deref()
        .map(|t| parse_runtime_h(t, "runtime"))
        .transpose()?;
    let platform = a.platform.as_deref().map(Platform::parse).transpose()?;
    Ok(Job {
        data_version: a.data_version.clone(),
        runtime_h,
        cpu: CpuSpec::from_flat(a.cpu.clone(), a.cores, a.usage_cpu, a.cpu_tdp),
        gpu: GpuSpec::from_flat(a.gpu.clone(), a.gpus, a.usage_gpu, a.gpu_tdp),
        memory_gb: a.memory,
        platform,
        provider: a.provider.clone(),
        datacenter: a.datacenter.clone(),
        location: a.location.clone(),
        pue: a.pue,
        multiplicative_factor: a.mf,
        hardware_tables: a
            .hw_tables
            .as_deref()
            .map(|t| t.split(',').map(HardwareSource::parse).collect())
            .transpose()?,
        ci_source: a.ci_source.clone(),
        ci_g_per_kwh: a.ci,
        ci_alternative: a.ci_alternative.clone(),
        ci_series: series_csv.map(|csv| CiSeriesSpec {
            csv: Some(csv),
            column: a.ci_column.clone(),
            ..CiSeriesSpec::default()
        }),
        start: a.start.clone(),
        embodied: {
            let o = EmbodiedOptions {
                model: a
                    .embodied
                    .as_deref()
                    .map(EmbodiedModel::parse)
                    .transpose()?,
                lifespan_h: a
                    .lifespan
                    .as_deref()
                    .map(|t| parse_lifespan_h(t, "embodied.lifespan_h"))
                    .transpose()?,
                resource_share: a.share,
                reserved_h: a
                    .reserved
                    .as_deref()
                    .map(|t| parse_lifespan_h(t, "embodied.reserved_h"))
                    .transpose()?,
                count_idle: a.busy_only.then_some(false),
                ..EmbodiedOptions::default()
            };
            (o != EmbodiedOptions::default()).then_some(o)
        },
        functional_unit: match (&a.unit, a.unit_count) {
            (Some(name), Some(quantity)) => Some(FunctionalUnit {
                name: name.clone(),
                quantity,
            }),
            _ => None,
        },
        uncertainty: UncertaintyOptions::from_choices(a.uncertainty.as_deref(), a.samples, a.seed)?,
        water: (a.water || a.wue.is_some() || a.ewif.is_some()).then_some(WaterOptions {
            wue_l_per_kwh: a.wue,
            ewif_l_per_kwh: a.ewif,
        }),
    })
}

/// The core's message, with the option to change when it is not obvious from the field.
fn flag_error(e: Error) -> anyhow::Error {
    if matches!(e, Error::NoProcessor) {
        return anyhow!("{e} (options --cpu and --cores, or --gpu and --gpus)");
    }
    match e.field().and_then(flag_for) {
        Some(flag) => anyhow!("{e} (option {flag})"),
        None => anyhow!("{e}"),
    }
}

/// The option that sets a job field.
fn flag_for(field: &str) -> Option<&'static str> {
    Some(match field {
        "runtime" | "runtime_h" => "--runtime",
        "cpu.model" => "--cpu",
        "cpu.cores" => "--cores",
        "cpu.usage" => "--usage-cpu",
        "cpu.tdp_per_core_w" => "--cpu-tdp",
        "gpu.model" => "--gpu",
        "gpu.count" => "--gpus",
        "gpu.usage" => "--usage-gpu",
        "gpu.tdp_w" => "--gpu-tdp",
        "memory_gb" => "--memory",
        "platform" => "--platform",
        "provider" => "--provider",
        "datacenter" => "--datacenter",
        "location" => "--location",
        "pue" => "--pue",
        "multiplicative_factor" => "--mf",
        "data_version" => "--data-version",
        "hardware_tables" => "--hw-tables",
        "ci_source" => "--ci-source",
        "ci_g_per_kwh" => "--ci",
        "ci_alternative" => "--ci-alternative",
        "ci_series" => "--ci-series",
        "ci_series.column" => "--ci-column",
        "start" => "--start",
        "embodied" | "embodied.model" => "--embodied",
        "embodied.lifespan_h" => "--lifespan",
        "embodied.resource_share" => "--share",
        "embodied.reserved_h" => "--reserved",
        "functional_unit.name" => "--unit",
        "functional_unit.quantity" => "--unit-count",
        "uncertainty" => "--uncertainty",
        "wue_l_per_kwh" | "water.wue_l_per_kwh" => "--wue",
        "ewif_l_per_kwh" | "water.ewif_l_per_kwh" => "--ewif",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_field_has_its_option() {
        for field in [
            "runtime_h",
            "cpu.model",
            "cpu.cores",
            "cpu.usage",
            "cpu.tdp_per_core_w",
            "gpu.model",
            "gpu.count",
            "gpu.usage",
            "gpu.tdp_w",
            "memory_gb",
            "platform",
            "provider",
            "datacenter",
            "location",
            "pue",
            "multiplicative_factor",
            "data_version",
        ] {
            assert!(flag_for(field).is_some(), "{field}");
        }
    }
}
