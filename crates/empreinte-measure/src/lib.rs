//! # empreinte-measure
//!
//! Measures a run — wall time, CPU time, peak memory, and where the machine lets us read
//! them, the CPU packages' energy (RAPL, `/sys/class/powercap`) and the NVIDIA GPUs' energy
//! (NVML, loaded from the driver library with `dlopen`) — and turns the measurement into
//! an [`empreinte`] job: the runtime, the CPU usage factor and the memory are measured, and
//! a measured energy replaces the estimate of its component. No network, no subprocess:
//! a reading is a few system calls and file reads.
//!
//! Shared by the Python package (`empreinte.track`) and `empreinte run -- CMD`.
//!
//! ```
//! use empreinte_measure::{Meter, Scope};
//!
//! let meter = Meter::shared();
//! let start = meter.start(Scope::SelfProcess);
//! let m = meter.stop(&start);
//! let job = serde_json::json!({"cpu": {"model": "Any", "cores": 1}, "location": "FR"});
//! let result = empreinte_measure::estimate_measured(job, &m)?;
//! assert_eq!(result.measurement.components.cpu.status, "estimated");
//! # Ok::<(), empreinte::Error>(())
//! ```
#![warn(missing_docs)]

mod nvml;
mod rapl;
mod rusage;
mod sampler;

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use empreinte::{estimate, Error, Estimate, Job};
use serde::Serialize;
use serde_json::{Map, Value};

pub use rusage::Scope;

/// NVML counters are read on a background thread at this period during a measurement.
pub const NVML_PERIOD: Duration = Duration::from_millis(100);

/// The energy counters of the machine, found once.
#[derive(Debug)]
pub struct Meter {
    rapl: Vec<rapl::Zone>,
    /// The GPUs' names and the sampler of their energy counters.
    nvml: Option<(Vec<String>, sampler::Sampler)>,
}

/// A reading taken by [`Meter::start`] (dropping it ends the measurement).
#[derive(Debug)]
pub struct Start {
    scope: Scope,
    at: Instant,
    usage: rusage::Usage,
    rapl: Vec<Option<u64>>,
    nvml: Option<sampler::Slot>,
}

/// What was measured between [`Meter::start`] and [`Meter::stop`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measurement {
    /// Wall-clock time, s.
    pub wall_s: f64,
    /// CPU time (user + system) of the process or of the command, s.
    pub cpu_time_s: f64,
    /// Peak resident memory of the process (over its whole life) or of the command, GB.
    pub peak_rss_gb: f64,
    /// Logical CPUs available to the process.
    pub logical_cpus: u32,
    /// CPU packages' energy, J (RAPL; whole packages, every process on them).
    pub cpu_energy_j: Option<f64>,
    /// The RAPL zones read (e.g. `package-0`).
    pub cpu_energy_zones: Vec<String>,
    /// GPUs' energy, J (NVML; whole boards, every process on them).
    pub gpu_energy_j: Option<f64>,
    /// The GPUs read by NVML.
    pub gpus: Vec<String>,
}

impl Meter {
    /// Finds the readable RAPL package zones under `powercap` and loads NVML from
    /// `nvml_library`.
    pub fn probe_with(powercap: &Path, nvml_library: &std::ffi::CStr) -> Meter {
        Meter {
            rapl: rapl::zones(powercap),
            nvml: nvml::Nvml::load(nvml_library).map(|n| {
                let n = Arc::new(n);
                let names = n.names.clone();
                let read = Box::new(move || n.read());
                (names, sampler::Sampler::new(read, NVML_PERIOD))
            }),
        }
    }

    /// The machine's meter, probed on first use (`/sys/class/powercap`,
    /// `libnvidia-ml.so.1`).
    pub fn shared() -> &'static Meter {
        static METER: OnceLock<Meter> = OnceLock::new();
        METER.get_or_init(|| Meter::probe_with(Path::new(rapl::POWERCAP), c"libnvidia-ml.so.1"))
    }

    /// Whether CPU package energy can be read here.
    pub fn has_rapl(&self) -> bool {
        !self.rapl.is_empty()
    }

    /// The GPUs whose energy can be read here.
    pub fn gpus(&self) -> &[String] {
        self.nvml.as_ref().map_or(&[], |n| &n.0)
    }

    /// Takes the first reading.
    pub fn start(&self, scope: Scope) -> Start {
        let rapl = rapl::read(&self.rapl);
        let nvml = self.nvml.as_ref().map(|(_, s)| s.begin());
        Start {
            scope,
            usage: rusage::usage(scope),
            rapl,
            nvml,
            at: Instant::now(),
        }
    }

    /// Takes the second reading and gives the differences.
    pub fn stop(&self, start: &Start) -> Measurement {
        let wall_s = start.at.elapsed().as_secs_f64();
        let usage = rusage::usage(start.scope);
        let rapl_now = rapl::read(&self.rapl);
        let nvml = start.nvml.as_ref().and_then(sampler::Slot::end);
        let cpu_energy_j = if self.rapl.is_empty() {
            None
        } else {
            rapl::energy_j(&self.rapl, &start.rapl, &rapl_now)
        };
        let gpu_energy_j = nvml.and_then(|(first, now)| nvml::energy_j(&first.values, &now));
        Measurement {
            wall_s,
            cpu_time_s: (usage.cpu_time_s - start.usage.cpu_time_s).max(0.0),
            peak_rss_gb: usage.peak_rss_bytes as f64 / 1e9,
            logical_cpus: std::thread::available_parallelism()
                .map_or(1, |n| u32::try_from(n.get()).unwrap_or(u32::MAX)),
            cpu_energy_j,
            cpu_energy_zones: self.rapl.iter().map(|z| z.name.clone()).collect(),
            gpu_energy_j,
            gpus: self.gpus().to_vec(),
        }
    }
}

/// How one component's figure was obtained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    /// `measured`, `estimated` or `absent`.
    pub status: &'static str,
    /// How, in a few words.
    pub method: String,
}

impl Label {
    fn new(status: &'static str, method: impl Into<String>) -> Label {
        Label {
            status,
            method: method.into(),
        }
    }
}

/// The label of each component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Components {
    /// CPU cores.
    pub cpu: Label,
    /// GPUs.
    pub gpu: Label,
    /// Memory.
    pub memory: Label,
}

/// A measurement as applied to a job: the raw figures, the usage factor derived from
/// them, and how each component was obtained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    /// The raw measurement.
    #[serde(flatten)]
    pub raw: Measurement,
    /// Measured CPU usage factor: CPU time ÷ (wall time × cores), before clamping to
    /// [0, 1] (absent without a CPU).
    pub usage_cpu: Option<f64>,
    /// Cores the usage factor is relative to.
    pub cores: Option<i64>,
    /// How each component's energy was obtained.
    pub components: Components,
    /// What the reader should know (e.g. that RAPL counts every process on the package).
    pub notes: Vec<String>,
}

/// An estimate made from a measured run. Serialised as the result JSON with a
/// `measurement` block.
#[derive(Debug, Clone, Serialize)]
pub struct Measured {
    /// The estimate, with the measured inputs.
    #[serde(flatten)]
    pub estimate: Estimate,
    /// What was measured and how each component was obtained.
    pub measurement: Applied,
}

fn object<'a>(v: Option<&'a mut Value>, field: &str) -> Result<&'a mut Map<String, Value>, Error> {
    v.and_then(Value::as_object_mut)
        .ok_or_else(|| Error::InvalidDocument {
            field: field.to_owned(),
            message: "expected an object".to_owned(),
        })
}

fn is_given(map: &Map<String, Value>, key: &str) -> bool {
    map.get(key).is_some_and(|v| !v.is_null())
}

/// Puts the measured values into `job` (a job JSON object): `runtime_h` always; for the
/// CPU, the cores (the logical CPUs when not given) and, without RAPL, the measured usage
/// factor unless one is given, with RAPL the measured power; for the GPUs the measured
/// power from NVML (adding a `gpu` part when the job has none); the memory, when not
/// given, from the peak resident memory.
///
/// # Errors
/// [`Error::InvalidDocument`] when `job` (or its `cpu`/`gpu`) is not an object.
pub fn apply(job: &mut Value, m: &Measurement) -> Result<Applied, Error> {
    let obj = object(Some(job), ".")?;
    obj.insert("runtime_h".into(), Value::from(m.wall_s / 3600.0));
    let mut notes = Vec::new();
    let (mut usage_cpu, mut cores_used) = (None, None);
    let cpu_label = if is_given(obj, "cpu") {
        let cpu = object(obj.get_mut("cpu"), "cpu")?;
        if !is_given(cpu, "cores") {
            cpu.insert("cores".into(), Value::from(m.logical_cpus));
            notes.push(format!(
                "cpu.cores not given: the {} logical CPUs of the machine",
                m.logical_cpus
            ));
        }
        let cores = cpu.get("cores").and_then(Value::as_i64).unwrap_or(1).max(1);
        cores_used = Some(cores);
        let usage = m.cpu_time_s / (m.wall_s * cores as f64);
        usage_cpu = Some(if usage.is_finite() { usage } else { 0.0 });
        match m.cpu_energy_j.filter(|_| m.wall_s > 0.0) {
            Some(j) => {
                let how = format!("RAPL energy of {}", m.cpu_energy_zones.join(", "));
                cpu.insert(
                    "tdp_per_core_w".into(),
                    Value::from(j / m.wall_s / cores as f64),
                );
                cpu.insert("measured_by".into(), Value::from(how.clone()));
                cpu.insert("usage".into(), Value::from(1.0));
                notes.push(
                    "cpu energy from RAPL counts the whole CPU packages, every process on them"
                        .to_owned(),
                );
                Label::new("measured", how)
            }
            None if is_given(cpu, "usage") => Label::new("estimated", "table power × stated usage"),
            None => {
                let u = usage_cpu.unwrap_or(0.0).clamp(0.0, 1.0);
                cpu.insert("usage".into(), Value::from(u));
                Label::new(
                    "estimated",
                    "table power × measured usage (CPU time ÷ (wall time × cores))",
                )
            }
        }
    } else {
        Label::new("absent", "no cpu in the job")
    };
    let gpu_energy = m
        .gpu_energy_j
        .filter(|_| m.wall_s > 0.0 && !m.gpus.is_empty());
    let gpu_label = match gpu_energy {
        Some(j) => {
            if !is_given(obj, "gpu") {
                let model = match m.gpus.first() {
                    Some(first) if m.gpus.iter().all(|g| g == first) => first.clone(),
                    _ => "other".to_owned(),
                };
                obj.insert(
                    "gpu".into(),
                    serde_json::json!({"model": model, "count": m.gpus.len()}),
                );
            }
            let gpu = object(obj.get_mut("gpu"), "gpu")?;
            if !is_given(gpu, "count") {
                gpu.insert("count".into(), Value::from(m.gpus.len()));
            }
            let count = gpu.get("count").and_then(Value::as_i64).unwrap_or(1).max(1);
            let how = format!(
                "NVML energy of {} (read every {} ms, extrapolated to the stop)",
                m.gpus.join(", "),
                NVML_PERIOD.as_millis()
            );
            gpu.insert("tdp_w".into(), Value::from(j / m.wall_s / count as f64));
            gpu.insert("measured_by".into(), Value::from(how.clone()));
            gpu.insert("usage".into(), Value::from(1.0));
            notes.push(format!(
                "gpu energy from NVML counts the whole boards of {} GPU(s), every process on them",
                m.gpus.len()
            ));
            Label::new("measured", how)
        }
        None if is_given(obj, "gpu") => Label::new("estimated", "table power × usage"),
        None => Label::new("absent", "no gpu in the job, none measured"),
    };
    if !m.gpus.is_empty() && gpu_energy.is_none() {
        notes.push(format!(
            "the run was too short for two NVML readings ({} ms apart): gpu energy not measured",
            NVML_PERIOD.as_millis()
        ));
    }
    let memory_label = if is_given(obj, "memory_gb") {
        Label::new("estimated", "memory power × stated memory")
    } else {
        obj.insert("memory_gb".into(), Value::from(m.peak_rss_gb));
        Label::new("estimated", "memory power × measured peak resident memory")
    };
    Ok(Applied {
        raw: m.clone(),
        usage_cpu,
        cores: cores_used,
        components: Components {
            cpu: cpu_label,
            gpu: gpu_label,
            memory: memory_label,
        },
        notes,
    })
}

/// Applies `m` to `job` (a job JSON object) and estimates it.
///
/// # Errors
/// The core's [`Error`] for an invalid job.
pub fn estimate_measured(mut job: Value, m: &Measurement) -> Result<Measured, Error> {
    let measurement = apply(&mut job, m)?;
    let estimate = estimate(&Job::from_value(job)?)?;
    Ok(Measured {
        estimate,
        measurement,
    })
}

/// Checks that `job` will give an estimate once measured (names, location, a CPU or a
/// GPU…), so that a tracker fails before the run rather than after it.
///
/// # Errors
/// The core's [`Error`] for an invalid job.
pub fn check(job: &Value) -> Result<(), Error> {
    let m = Measurement {
        wall_s: 1.0,
        cpu_time_s: 0.0,
        peak_rss_gb: 0.0,
        logical_cpus: 1,
        cpu_energy_j: None,
        cpu_energy_zones: Vec::new(),
        gpu_energy_j: None,
        gpus: Vec::new(),
    };
    estimate_measured(job.clone(), &m).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn m(wall_s: f64, cpu_time_s: f64) -> Measurement {
        Measurement {
            wall_s,
            cpu_time_s,
            peak_rss_gb: 2.0,
            logical_cpus: 8,
            cpu_energy_j: None,
            cpu_energy_zones: Vec::new(),
            gpu_energy_j: None,
            gpus: Vec::new(),
        }
    }

    #[test]
    fn usage_runtime_and_memory_are_measured() {
        let job = json!({"cpu": {"model": "Xeon E5-2683 v4", "cores": 4}, "location": "FR"});
        let r = estimate_measured(job, &m(3600.0, 7200.0)).expect("estimate");
        assert_eq!(r.estimate.runtime_h, 1.0);
        assert_eq!(r.estimate.cpu.as_ref().map(|c| c.usage), Some(0.5));
        assert_eq!(r.estimate.memory_gb, 2.0);
        assert_eq!(r.measurement.usage_cpu, Some(0.5));
        assert_eq!(r.measurement.components.cpu.status, "estimated");
        assert_eq!(r.measurement.components.gpu.status, "absent");
        let text = serde_json::to_string(&r).expect("json");
        assert!(
            text.starts_with(r#"{"data_version":"v3.0","runtime_h":1.0,"#),
            "{text}"
        );
        assert!(text.contains(r#""measurement":{"wall_s":3600.0"#), "{text}");
    }

    #[test]
    fn measured_energy_replaces_the_estimate() {
        let job = json!({"cpu": {"model": "Any", "cores": 2}, "memory_gb": 0, "location": "FR",
                         "pue": 1.0});
        let mut meas = m(3600.0, 0.0);
        meas.cpu_energy_j = Some(3.6e6); // 1 kWh
        meas.cpu_energy_zones = vec!["package-0".into()];
        meas.gpu_energy_j = Some(7.2e6); // 2 kWh
        meas.gpus = vec!["NVIDIA H100".into(), "NVIDIA H100".into()];
        let r = estimate_measured(job, &meas).expect("estimate");
        assert!((r.estimate.figures.energy_breakdown_kwh.cpu - 1.0).abs() < 1e-12);
        assert!((r.estimate.figures.energy_breakdown_kwh.gpu - 2.0).abs() < 1e-12);
        assert_eq!(r.estimate.gpu.as_ref().map(|g| g.count), Some(2));
        assert_eq!(r.measurement.components.cpu.status, "measured");
        assert_eq!(r.measurement.components.gpu.status, "measured");
        // the estimate itself says the power was measured, and how
        let cpu = r.estimate.cpu.as_ref().expect("cpu");
        assert_eq!(cpu.origin, empreinte::PowerOrigin::Measured);
        assert_eq!(cpu.source, "RAPL energy of package-0");
        let gpu = r.estimate.gpu.as_ref().expect("gpu");
        assert_eq!(gpu.origin, empreinte::PowerOrigin::Measured);
        assert!(gpu
            .source
            .starts_with("NVML energy of NVIDIA H100, NVIDIA H100"));
        let text = serde_json::to_string(&r.estimate).expect("json");
        assert!(text.contains(r#""origin":"measured""#), "{text}");
    }

    #[test]
    fn missing_cores_are_the_logical_cpus_and_bad_jobs_fail_early() {
        let job = json!({"cpu": {"model": "Any"}, "location": "FR"});
        let r = estimate_measured(job.clone(), &m(10.0, 80.0)).expect("estimate");
        assert_eq!(r.measurement.cores, Some(8));
        assert_eq!(r.estimate.cpu.as_ref().map(|c| c.usage), Some(1.0));
        assert!(check(&job).is_ok());
        let e = check(&json!({"cpu": {"model": "Xeon E5-2638 v4"}, "location": "FR"}));
        assert_eq!(e.map_err(|e| e.code()), Err("unknown_cpu"));
        assert!(check(&json!({"location": "FR"})).is_err());
        assert!(check(&json!([1])).is_err());
    }

    #[test]
    fn a_reading_pair_gives_a_measurement() {
        // (their cost is measured by bindings/python/bench/bench_track.py, not by a test)
        let meter = Meter::shared();
        let s = meter.start(Scope::SelfProcess);
        // 20 ms of work between the readings
        let t = Instant::now();
        let mut x = 0u64;
        while t.elapsed() < Duration::from_millis(20) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        let m = meter.stop(&s);
        assert!(m.wall_s >= 0.02 && m.cpu_time_s > 0.0, "{m:?}");
        assert!(m.logical_cpus >= 1);
    }
}
