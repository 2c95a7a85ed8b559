//! `empreinte run [options] -- CMD ARGS...`: runs a command as `time` does, measures it
//! with `empreinte-measure` (wall and CPU time, peak memory, RAPL and NVML energy where
//! readable), prints its footprint on standard error and exits with the command's status.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use anyhow::{anyhow, Context};
use clap::Args;
use empreinte::Error;
use empreinte_measure::{estimate_measured, Measured, Meter, Scope};
use serde_json::{Map, Value};

use crate::{Format, Style};

/// Options of `empreinte run`: the job as for `empreinte estimate`, without the runtime
/// (measured), then `--` and the command.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Read the job JSON from FILE (its runtime is replaced by the measured one); the
    /// options below complete or override it.
    #[arg(long, short, value_name = "FILE")]
    input: Option<PathBuf>,
    /// CPU model, as in `empreinte data cpus` ("Any", or "other" with --cpu-tdp).
    #[arg(long, value_name = "MODEL")]
    cpu: Option<String>,
    /// Number of CPU cores the usage factor is relative to [default: the logical CPUs].
    #[arg(long, value_name = "N")]
    cores: Option<i64>,
    /// Power per CPU core, W (replaces the table's value).
    #[arg(long, value_name = "W")]
    cpu_tdp: Option<f64>,
    /// GPU model, as in `empreinte data gpus` [default: the GPUs NVML measures, if any].
    #[arg(long, value_name = "MODEL")]
    gpu: Option<String>,
    /// Number of GPUs used.
    #[arg(long, value_name = "N")]
    gpus: Option<i64>,
    /// GPU usage factor, 0 to 1 [default: 1].
    #[arg(long, value_name = "U")]
    usage_gpu: Option<f64>,
    /// Power per GPU, W (replaces the table's value).
    #[arg(long, value_name = "W")]
    gpu_tdp: Option<f64>,
    /// Memory, GB [default: the command's measured peak resident memory].
    #[arg(long, value_name = "GB")]
    memory: Option<f64>,
    /// Platform: local-server (default), personal-computer or cloud.
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// Cloud provider code (gcp, aws, azure, …).
    #[arg(long, value_name = "CODE")]
    provider: Option<String>,
    /// Cloud data centre, e.g. us-west1.
    #[arg(long, value_name = "NAME")]
    datacenter: Option<String>,
    /// Location code or name: FR, US-CA, WORLD, France.
    #[arg(long, value_name = "CODE")]
    location: Option<String>,
    /// Power usage effectiveness (always wins).
    #[arg(long, value_name = "PUE")]
    pue: Option<f64>,
    /// Green Algorithms data version [default: v3.0].
    #[arg(long, value_name = "VERSION")]
    data_version: Option<String>,
    /// The command to run and its arguments (after `--`).
    #[arg(last = true, required = true, value_name = "CMD")]
    command: Vec<String>,
}

/// Exit status when the command cannot be started (as shells do).
const EXIT_NOT_RUN: u8 = 127;

/// The job of the options (and of `--input`), as a job JSON object: the options are flat
/// fields laid over the file's job by the core's rule (`job_from_flat`: a CPU option makes
/// the CPU part).
fn job(a: &RunArgs) -> anyhow::Result<Value> {
    let base = match &a.input {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the job file {}", path.display()))?;
            empreinte::json::check(&text).map_err(|r| {
                let (field, message) = r.field_and_message();
                Error::InvalidDocument { field, message }
            })?;
            Some(serde_json::from_str(empreinte::json::without_bom(&text))?)
        }
        None => None,
    };
    let mut flat = Map::new();
    let mut set = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            flat.insert(key.to_owned(), v);
        }
    };
    set("cpu", a.cpu.clone().map(Value::from));
    set("cores", a.cores.map(Value::from));
    set("tdp_per_core_w", a.cpu_tdp.map(Value::from));
    set("gpu", a.gpu.clone().map(Value::from));
    set("gpus", a.gpus.map(Value::from));
    set("usage_gpu", a.usage_gpu.map(Value::from));
    set("tdp_w", a.gpu_tdp.map(Value::from));
    set("memory_gb", a.memory.map(Value::from));
    set(
        "platform",
        a.platform.as_ref().map(|p| p.replace('-', "_").into()),
    );
    set("provider", a.provider.clone().map(Value::from));
    set("datacenter", a.datacenter.clone().map(Value::from));
    set("location", a.location.clone().map(Value::from));
    set("pue", a.pue.map(Value::from));
    set("data_version", a.data_version.clone().map(Value::from));
    Ok(empreinte::batch::job_from_flat(base, &flat)?)
}

/// The footprint as the chosen format.
fn render(m: &Measured, style: Style) -> anyhow::Result<String> {
    Ok(match style.format {
        Format::Json => {
            serde_json::to_string_pretty(m).context("cannot serialise the result")? + "\n"
        }
        Format::Text => {
            let r = &m.measurement;
            let fr = matches!(style.lang, empreinte::Lang::Fr);
            let mut out = empreinte::words::estimate_summary::render(&m.estimate, style.lang);
            out.push_str(if fr { "\nMesuré\n" } else { "\nMeasured\n" });
            out.push_str(&format!(
                "  wall {:.3} s, CPU {:.3} s, usage {}, peak memory {:.3} GB\n",
                r.raw.wall_s,
                r.raw.cpu_time_s,
                r.usage_cpu.map_or("-".to_owned(), |u| format!("{u:.3}")),
                r.raw.peak_rss_gb
            ));
            for (name, label) in [
                ("cpu", &r.components.cpu),
                ("gpu", &r.components.gpu),
                ("memory", &r.components.memory),
            ] {
                out.push_str(&format!("  {name:6} {}: {}\n", label.status, label.method));
            }
            for note in &r.notes {
                out.push_str(&format!("  note: {note}\n"));
            }
            out
        }
    })
}

/// Runs the command, prints its footprint on standard error, returns its exit status
/// (128 + the signal for a command killed by one; 127 when it cannot be started; 2 for
/// a bad job, checked before the command runs).
pub fn run(args: &RunArgs, style: Style) -> ExitCode {
    let job = match job(args).and_then(|j| {
        empreinte_measure::check(&j).map_err(|e| anyhow!("{e}"))?;
        Ok(j)
    }) {
        Ok(j) => j,
        Err(e) => {
            crate::report(&format!("{e:#}"));
            return ExitCode::from(crate::EXIT_INPUT);
        }
    };
    let (program, rest) = match args.command.split_first() {
        Some(p) => p,
        None => return ExitCode::from(crate::EXIT_INPUT),
    };
    let meter = Meter::shared();
    let start = meter.start(Scope::Children);
    let status = Command::new(program).args(rest).status();
    let measurement = meter.stop(&start);
    let code = match status {
        Ok(s) => match s.code() {
            Some(c) => u8::try_from(c & 0xff).unwrap_or(1),
            None => {
                use std::os::unix::process::ExitStatusExt;
                s.signal()
                    .map_or(1, |sig| u8::try_from(128 + sig).unwrap_or(1))
            }
        },
        Err(e) => {
            crate::report(&format!("cannot run {program}: {e}"));
            return ExitCode::from(EXIT_NOT_RUN);
        }
    };
    match estimate_measured(job, &measurement)
        .map_err(|e| anyhow!("{e}"))
        .and_then(|m| render(&m, style))
    {
        Ok(text) => eprint!("{text}"),
        Err(e) => crate::report(&format!("{e:#}")),
    }
    ExitCode::from(code)
}
