//! Embodied (manufacturing) emissions of the hardware a job reserves (methodology B.1).
//!
//! `M = TE × (time counted / lifespan) × resource share`, after the SCI specification
//! (ISO/IEC 21031:2024), with two models for `TE`:
//!
//! - **`ga-v3.1`**: the die-area constants of GA-data v3.1 `hardware-impacts.csv`
//!   (Gröger et al. 2021, UBA; Loubet et al. 2023; ADEME Base Empreinte); lifespans
//!   local server 5 y, cloud server 3 y, laptop 5 y, desktop 6 y, of 8 766 h (365.25
//!   days, the year of GA-data v3.1).
//! - **`ccf-teads`**: Cloud Carbon Footprint's constants after Teads (Apache-2.0); 4 years
//!   (35 040 h). CCF adds its 100 kg per additional CPU *socket* (`(sockets - 1) × 100`),
//!   not per vCPU.
//!
//! Per device, in g (`A` die areas in cm², `GB` memory per device):
//!
//! ```text
//! ga-v3.1 server   n_cpu × (A_cpu × 1970 + 9140) + n_gpu × (A_gpu × 1970 + 26970)
//!                  + GB / 32 × (32 / 1.8762 × 2200 + 5220)
//!                  + 24300 + 66100 + 150000 + 6680    (PSU, motherboard, rack casing, assembly)
//! ga-v3.1 laptop   the same with one CPU, and 125000 instead of the server parts
//! ga-v3.1 desktop  the same with one CPU, and 225682.0271 instead of the server parts
//! ccf-teads        1000000 + max(n_cpu − 1, 0) × 100000 + max(GB − 16, 0) × 533000 / 384
//!                  + n_gpu × 150000
//! ```
//!
//! Memory is counted in 32 GB strips, fractionally (as GA-data v3.1 does for laptops).
//!
//! The server is described once for both models: `cpus_per_server` CPUs (default 2, GA
//! v3.1), `gpus_per_server` GPUs when the job has GPUs (default 2 on a local server, 4 in
//! the cloud, GA v3.1), and memory in proportion to the job's. A job with GPUs holds
//! `gpus / gpus_per_server` of a server; a CPU job `cores / (cpus × cores_per_cpu)`; a
//! job larger than one server spans `ceil(...)` servers. Every default is flagged.

use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::beyond::factors::{die_area, ChipKind};
use crate::beyond::generated as data;
use crate::error::{check_non_negative, Error};
use crate::platform::Platform;
use crate::tables::DataVersion;

/// Largest number of CPUs, GPUs or cores per server accepted.
const MAX_PER_SERVER: i64 = 1_000_000;

/// An embodied-emission model, named in every result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum EmbodiedModel {
    /// Die-area model of GA-data v3.1 `hardware-impacts.csv` (the default).
    #[default]
    #[serde(rename = "ga-v3.1")]
    GaV31,
    /// Cloud Carbon Footprint / Teads server constants (Apache-2.0).
    #[serde(rename = "ccf-teads")]
    CcfTeads,
}

impl EmbodiedModel {
    /// Every model.
    pub const ALL: [EmbodiedModel; 2] = [EmbodiedModel::GaV31, EmbodiedModel::CcfTeads];

    /// `"ga-v3.1"` or `"ccf-teads"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EmbodiedModel::GaV31 => "ga-v3.1",
            EmbodiedModel::CcfTeads => "ccf-teads",
        }
    }

    /// Reads a model id, case-insensitively (`ga-v3.1`, `ga`, `ccf-teads`, `ccf`, `teads`).
    ///
    /// # Errors
    /// [`Error::UnknownEmbodiedModel`] listing the known ids.
    pub fn parse(text: &str) -> Result<EmbodiedModel, Error> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "ga-v3.1" | "ga-3.1" | "ga" | "green-algorithms" => Ok(EmbodiedModel::GaV31),
            "ccf-teads" | "ccf" | "teads" => Ok(EmbodiedModel::CcfTeads),
            _ => Err(Error::UnknownEmbodiedModel {
                model: text.to_owned(),
                known: EmbodiedModel::ALL.iter().map(|m| m.as_str()).collect(),
            }),
        }
    }
}

/// The kind of device whose manufacturing is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Device {
    /// A rack server (local or cloud).
    Server,
    /// A laptop (the default for a personal computer).
    Laptop,
    /// A desktop computer with its screen.
    Desktop,
}

/// A processor of the job: model name as in the tables, and how many (cores or GPUs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Processor<'a> {
    /// Model name (the data version's spelling, or a label).
    pub model: &'a str,
    /// Cores (CPU) or boards (GPU) used.
    pub count: u32,
}

/// What the embodied models need to know of a job.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hardware<'a> {
    /// Where it runs (decides the device and lifespan defaults).
    pub platform: Platform,
    /// CPU cores used.
    pub cpu: Option<Processor<'a>>,
    /// GPUs used.
    pub gpu: Option<Processor<'a>>,
    /// Memory allocated, GB.
    pub memory_gb: f64,
    /// Runtime of one run, h.
    pub runtime_h: f64,
    /// Number of identical runs.
    pub multiplicative_factor: f64,
    /// Data version whose CPU table gives cores per chip.
    pub data_version: DataVersion,
}

/// Choices for [`embodied`]; every field is optional and has a documented default.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbodiedOptions {
    /// Model (default `ga-v3.1`).
    pub model: Option<EmbodiedModel>,
    /// Device (default: laptop for a personal computer, else server).
    pub device: Option<Device>,
    /// Expected lifespan, h (default: the model's, see the module docs).
    pub lifespan_h: Option<f64>,
    /// Share of the device(s) reserved, in [0, 1] (default: the job's share of servers).
    pub resource_share: Option<f64>,
    /// Time the hardware was reserved, h (default: runtime × multiplicative factor).
    pub reserved_h: Option<f64>,
    /// Whether idle reserved time counts (default true, as SCI counts reserved hardware);
    /// when false only the busy time (runtime × multiplicative factor) counts.
    pub count_idle: Option<bool>,
    /// Manufacturing emissions of the device(s), g: replaces the model's TE.
    pub te_g: Option<f64>,
    /// CPU die area per chip, cm² (ga-v3.1; default: table, else 11 cm²).
    pub cpu_die_area_cm2: Option<f64>,
    /// GPU die area per board, cm² (ga-v3.1; default: table, else 6.162 cm²).
    pub gpu_die_area_cm2: Option<f64>,
    /// CPUs (sockets) per server (default 2).
    pub cpus_per_server: Option<i64>,
    /// GPUs per server (default for a GPU job 2 on a local server, 4 in the cloud; 0 for
    /// a CPU job).
    pub gpus_per_server: Option<i64>,
    /// Cores per CPU (default: the CPU table, else the job's cores, i.e. one full chip).
    pub cores_per_cpu: Option<i64>,
    /// Memory per server, GB (default: the job's memory in proportion to its share).
    pub server_memory_gb: Option<f64>,
}

/// Where the TE came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TeSource {
    /// Computed by the model.
    Model,
    /// Given by the user (`te_g`).
    Stated,
}

/// Where a die area came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DieAreaSource {
    /// `data/beyond/die-areas.csv`.
    Table,
    /// Given by the user.
    Stated,
    /// The model's default.
    Default,
}

/// A die area used by `ga-v3.1`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DieAreaUsed {
    /// Die area, cm².
    pub cm2: f64,
    /// Where it came from.
    pub source: DieAreaSource,
}

/// TE split by part, g (all devices counted).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct TeParts {
    /// CPU chips (ccf-teads: sockets beyond the first).
    pub cpu: f64,
    /// GPU boards.
    pub gpu: f64,
    /// Memory (ccf-teads: beyond 16 GB).
    pub memory: f64,
    /// The rest: server parts or device base (ccf-teads: the base server).
    pub other: f64,
}

/// Fields of [`EmbodiedOptions`] that took their default. Serialised as their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EmbodiedDefaults(u16);

impl EmbodiedDefaults {
    const NAMES: [&'static str; 12] = [
        "embodied.model",
        "embodied.device",
        "embodied.lifespan_h",
        "embodied.resource_share",
        "embodied.reserved_h",
        "embodied.count_idle",
        "embodied.cpu_die_area_cm2",
        "embodied.gpu_die_area_cm2",
        "embodied.cpus_per_server",
        "embodied.gpus_per_server",
        "embodied.cores_per_cpu",
        "embodied.server_memory_gb",
    ];

    const MODEL: usize = 0;
    const DEVICE: usize = 1;
    const LIFESPAN: usize = 2;
    const SHARE: usize = 3;
    const RESERVED: usize = 4;
    const COUNT_IDLE: usize = 5;
    const CPUS: usize = 8;
    const GPUS: usize = 9;
    const CORES: usize = 10;
    const MEMORY: usize = 11;

    fn set(&mut self, i: usize) {
        self.0 |= 1 << i;
    }

    /// Flags a die area by its option name.
    fn set_named(&mut self, name: &str) {
        self.0 |= crate::flags::bit(&Self::NAMES, name).unwrap_or(0);
    }

    /// Whether `name` (e.g. `"embodied.lifespan_h"`) took its default.
    pub fn contains(&self, name: &str) -> bool {
        crate::flags::contains(self.0, &Self::NAMES, name)
    }

    /// Names of the defaulted fields.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        crate::flags::names(self.0, &Self::NAMES)
    }
}

impl Serialize for EmbodiedDefaults {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// Embodied emissions of a job (see the module docs for the formulas).
///
/// # Units
/// g of CO2e, hours, cm², GB; `resource_share` is a fraction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Embodied {
    /// Model used.
    pub model: EmbodiedModel,
    /// Device whose manufacturing is shared.
    pub device: Device,
    /// Embodied emissions of the job, gCO2e: `te_g × (counted_h / lifespan_h) × resource_share`.
    pub co2e_g: f64,
    /// Manufacturing emissions of all devices counted, gCO2e.
    pub te_g: f64,
    /// Whether `te_g` is the model's or stated.
    pub te_source: TeSource,
    /// `te_g` by part (zeros when stated).
    pub te_parts_g: TeParts,
    /// Devices counted (servers spanned by the job; 1 for a personal computer).
    pub devices: u32,
    /// CPUs per device.
    pub cpus_per_device: u32,
    /// GPUs per device.
    pub gpus_per_device: u32,
    /// Memory per device, GB.
    pub memory_per_device_gb: f64,
    /// CPU die area (ga-v3.1 only).
    pub cpu_die_area: Option<DieAreaUsed>,
    /// GPU die area (ga-v3.1, devices with GPUs only).
    pub gpu_die_area: Option<DieAreaUsed>,
    /// Expected lifespan, h.
    pub lifespan_h: f64,
    /// Share of the devices reserved.
    pub resource_share: f64,
    /// Time reserved, h.
    pub reserved_h: f64,
    /// Busy time: runtime × multiplicative factor, h.
    pub busy_h: f64,
    /// Time counted in M, h: `reserved_h` when idle time counts, else `busy_h`.
    pub counted_h: f64,
    /// Whether idle reserved time counts.
    pub count_idle: bool,
    /// Options that took their default.
    pub defaults: EmbodiedDefaults,
}

/// Operational plus embodied emissions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Totals {
    /// Operational + embodied, gCO2e.
    pub total_co2e_g: f64,
    /// Embodied share of the total (0 when the total is 0).
    pub embodied_share: f64,
}

/// `total_co2e_g = operational + embodied` and the embodied share of it.
pub fn totals(operational_co2e_g: f64, embodied_co2e_g: f64) -> Totals {
    let total = operational_co2e_g + embodied_co2e_g;
    Totals {
        total_co2e_g: total,
        embodied_share: if total > 0.0 {
            embodied_co2e_g / total
        } else {
            0.0
        },
    }
}

fn check_per_server(field: &str, value: i64) -> Result<u32, Error> {
    if (1..=MAX_PER_SERVER).contains(&value) {
        Ok(value as u32)
    } else {
        Err(Error::CountOutOfRange {
            field: field.to_owned(),
            value,
            max: MAX_PER_SERVER,
        })
    }
}

fn check_positive(field: &str, value: f64) -> Result<f64, Error> {
    let v = check_non_negative(field, value)?;
    if v > 0.0 {
        Ok(v)
    } else {
        Err(Error::NotPositive {
            field: field.to_owned(),
            value,
        })
    }
}

/// Cores per chip of a CPU model in the data version's table (exact name first).
fn table_cores(version: DataVersion, model: &str) -> Option<u32> {
    let cpus = version.dataset().cpus;
    cpus.iter()
        .find(|c| c.name == model)
        .or_else(|| cpus.iter().find(|c| c.name.eq_ignore_ascii_case(model)))
        .and_then(|c| c.cores)
        .filter(|&n| n > 0)
}

fn die(
    kind: ChipKind,
    model: Option<&str>,
    stated: Option<f64>,
    field: &str,
    default: f64,
    d: &mut EmbodiedDefaults,
) -> Result<DieAreaUsed, Error> {
    if let Some(a) = stated {
        return Ok(DieAreaUsed {
            cm2: check_non_negative(field, a)?,
            source: DieAreaSource::Stated,
        });
    }
    if let Some(row) = model.and_then(|m| {
        die_area(kind, m).or_else(|| {
            crate::beyond::factors::DIE_AREAS
                .iter()
                .find(|r| r.kind == kind && r.model.eq_ignore_ascii_case(m.trim()))
        })
    }) {
        return Ok(DieAreaUsed {
            cm2: row.die_area_cm2,
            source: DieAreaSource::Table,
        });
    }
    d.set_named(field);
    Ok(DieAreaUsed {
        cm2: default,
        source: DieAreaSource::Default,
    })
}

/// The shape of the device(s) a job holds, and its default share of them.
struct Shape {
    devices: u32,
    cpus: u32,
    gpus: u32,
    memory_gb: f64,
    share: f64,
}

fn shape(
    hw: &Hardware,
    device: Device,
    o: &EmbodiedOptions,
    d: &mut EmbodiedDefaults,
) -> Result<Shape, Error> {
    if device != Device::Server {
        let gpus = hw.gpu.map_or(0, |g| g.count);
        let gpus = match o.gpus_per_server {
            Some(n) => check_per_server("embodied.gpus_per_server", n)?,
            None => gpus,
        };
        let memory_gb = match o.server_memory_gb {
            Some(m) => check_non_negative("embodied.server_memory_gb", m)?,
            None => hw.memory_gb,
        };
        let cpus = match o.cpus_per_server {
            Some(n) => check_per_server("embodied.cpus_per_server", n)?,
            None => 1,
        };
        return Ok(Shape {
            devices: 1,
            cpus,
            gpus,
            memory_gb,
            share: 1.0,
        });
    }
    let cpus = match o.cpus_per_server {
        Some(n) => check_per_server("embodied.cpus_per_server", n)?,
        None => {
            d.set(EmbodiedDefaults::CPUS);
            data::GA_CPUS_PER_SERVER as u32
        }
    };
    // (units the job holds, units per server, GPUs per server)
    let (units, per_server, gpus) = if let Some(g) = hw.gpu {
        let gpus = match o.gpus_per_server {
            Some(n) => check_per_server("embodied.gpus_per_server", n)?,
            None => {
                d.set(EmbodiedDefaults::GPUS);
                if hw.platform == Platform::Cloud {
                    data::GA_GPUS_PER_CLOUD_SERVER as u32
                } else {
                    data::GA_GPUS_PER_LOCAL_SERVER as u32
                }
            }
        };
        (u64::from(g.count), u64::from(gpus), gpus)
    } else if let Some(c) = hw.cpu {
        let cores = match o.cores_per_cpu {
            Some(n) => check_per_server("embodied.cores_per_cpu", n)?,
            None => match table_cores(hw.data_version, c.model) {
                Some(n) => n,
                None => {
                    d.set(EmbodiedDefaults::CORES);
                    c.count.max(1)
                }
            },
        };
        let gpus = match o.gpus_per_server {
            Some(n) => check_per_server("embodied.gpus_per_server", n)?,
            None => 0,
        };
        (u64::from(c.count), u64::from(cpus) * u64::from(cores), gpus)
    } else {
        return Err(Error::NoProcessor);
    };
    let units = units.max(1);
    let devices = units.div_ceil(per_server);
    let held = units as f64 / per_server as f64; // servers' worth the job holds
    let memory_gb = match o.server_memory_gb {
        Some(m) => check_non_negative("embodied.server_memory_gb", m)?,
        None => {
            d.set(EmbodiedDefaults::MEMORY);
            hw.memory_gb / held
        }
    };
    Ok(Shape {
        devices: u32::try_from(devices).unwrap_or(u32::MAX),
        cpus,
        gpus,
        memory_gb,
        share: held / devices as f64,
    })
}

/// Manufacturing emissions of one device by the model, g, split by part.
fn te_per_device(
    model: EmbodiedModel,
    device: Device,
    s: &Shape,
    cpu_die: Option<DieAreaUsed>,
    gpu_die: Option<DieAreaUsed>,
) -> TeParts {
    let (cpus, gpus) = (f64::from(s.cpus), f64::from(s.gpus));
    match model {
        EmbodiedModel::GaV31 => {
            let a_cpu = cpu_die.map_or(data::GA_DEFAULT_CPU_DIE_AREA, |a| a.cm2);
            let a_gpu = gpu_die.map_or(data::GA_DEFAULT_GPU_DIE_AREA, |a| a.cm2);
            let strip_g = data::GA_RAM_STRIP_SIZE / data::GA_RAM_DENSITY * data::GA_RAM_DIE_IMPACT
                + data::GA_RAM_BASE_IMPACT;
            let other = match device {
                Device::Server => {
                    data::GA_PSU_IMPACT
                        + data::GA_MOTHERBOARD_IMPACT
                        + data::GA_RACK_CASING_IMPACT
                        + data::GA_ASSEMBLY_IMPACT
                }
                Device::Laptop => data::GA_LAPTOP_BASE_IMPACT,
                Device::Desktop => data::GA_DESKTOP_BASE_IMPACT,
            };
            TeParts {
                cpu: cpus * (a_cpu * data::GA_CPU_DIE_IMPACT + data::GA_CPU_BASE_IMPACT),
                gpu: gpus * (a_gpu * data::GA_GPU_DIE_IMPACT + data::GA_GPU_BASE_IMPACT),
                memory: s.memory_gb / data::GA_RAM_STRIP_SIZE * strip_g,
                other,
            }
        }
        EmbodiedModel::CcfTeads => TeParts {
            cpu: (cpus - data::CCF_BASELINE_CPUS).max(0.0) * data::CCF_ADDITIONAL_CPU,
            gpu: gpus * data::CCF_ADDITIONAL_GPU,
            memory: (s.memory_gb - data::CCF_BASELINE_MEMORY).max(0.0)
                * data::CCF_MEMORY_REFERENCE_IMPACT
                / data::CCF_MEMORY_REFERENCE_GB,
            other: data::CCF_BASE_SERVER,
        },
    }
}

fn default_lifespan_h(model: EmbodiedModel, device: Device, platform: Platform) -> f64 {
    match model {
        EmbodiedModel::CcfTeads => data::CCF_LIFESPAN,
        EmbodiedModel::GaV31 => {
            let years = match device {
                Device::Laptop => data::GA_LIFESPAN_LAPTOP,
                Device::Desktop => data::GA_LIFESPAN_DESKTOP,
                Device::Server if platform == Platform::Cloud => data::GA_LIFESPAN_CLOUD_SERVER,
                Device::Server => data::GA_LIFESPAN_LOCAL_SERVER,
            };
            years * data::GA_HOURS_PER_YEAR
        }
    }
}

/// Embodied emissions of the hardware `hw` reserves.
///
/// # Errors
/// A typed [`Error`] naming the option for a negative, non-finite or out-of-range value
/// (`embodied.resource_share` outside [0, 1], a lifespan of 0, a count of 0), for
/// `ccf-teads` on a laptop or desktop, and [`Error::Overflow`] when the result is not
/// finite.
///
/// # Examples
/// The worked example of methodology B: a 900 kg server + 150 kg GPU over 4 years, held
/// whole for 10 h.
/// ```
/// use empreinte::{embodied, EmbodiedModel, EmbodiedOptions, Hardware, Platform, Processor};
/// let hw = Hardware { platform: Platform::LocalServer, cpu: None,
///     gpu: Some(Processor { model: "NVIDIA A100 80GB PCIe", count: 1 }), memory_gb: 0.0,
///     runtime_h: 10.0, multiplicative_factor: 1.0, data_version: Default::default() };
/// let opts = EmbodiedOptions { model: Some(EmbodiedModel::CcfTeads),
///     te_g: Some(1_050_000.0), resource_share: Some(1.0), ..Default::default() };
/// let m = embodied(&hw, &opts)?;
/// assert!((m.co2e_g - 299.657534).abs() < 1e-6);
/// # Ok::<(), empreinte::Error>(())
/// ```
pub fn embodied(hw: &Hardware, o: &EmbodiedOptions) -> Result<Embodied, Error> {
    let mut d = EmbodiedDefaults::default();
    let model = o.model.unwrap_or_else(|| {
        d.set(EmbodiedDefaults::MODEL);
        EmbodiedModel::default()
    });
    let device = o.device.unwrap_or_else(|| {
        d.set(EmbodiedDefaults::DEVICE);
        if hw.platform == Platform::PersonalComputer {
            Device::Laptop
        } else {
            Device::Server
        }
    });
    if model == EmbodiedModel::CcfTeads && device != Device::Server {
        return Err(Error::NotApplicable {
            field: "embodied.model".to_owned(),
            value: model.as_str().to_owned(),
            condition: "the device is a server".to_owned(),
        });
    }
    let runtime_h = check_non_negative("runtime_h", hw.runtime_h)?;
    let mf = check_non_negative("multiplicative_factor", hw.multiplicative_factor)?;
    check_non_negative("memory_gb", hw.memory_gb)?;
    let busy_h = runtime_h * mf;
    let reserved_h = match o.reserved_h {
        Some(r) => check_non_negative("embodied.reserved_h", r)?,
        None => {
            d.set(EmbodiedDefaults::RESERVED);
            busy_h
        }
    };
    let count_idle = o.count_idle.unwrap_or_else(|| {
        d.set(EmbodiedDefaults::COUNT_IDLE);
        true
    });
    let counted_h = if count_idle { reserved_h } else { busy_h };
    let lifespan_h = match o.lifespan_h {
        Some(l) => check_positive("embodied.lifespan_h", l)?,
        None => {
            d.set(EmbodiedDefaults::LIFESPAN);
            default_lifespan_h(model, device, hw.platform)
        }
    };
    let s = shape(hw, device, o, &mut d)?;
    let (cpu_die_area, gpu_die_area) = if model == EmbodiedModel::GaV31 && o.te_g.is_none() {
        let cpu = die(
            ChipKind::Cpu,
            hw.cpu.map(|c| c.model),
            o.cpu_die_area_cm2,
            "embodied.cpu_die_area_cm2",
            data::GA_DEFAULT_CPU_DIE_AREA,
            &mut d,
        )?;
        let gpu = if s.gpus > 0 {
            Some(die(
                ChipKind::Gpu,
                hw.gpu.map(|g| g.model),
                o.gpu_die_area_cm2,
                "embodied.gpu_die_area_cm2",
                data::GA_DEFAULT_GPU_DIE_AREA,
                &mut d,
            )?)
        } else {
            None
        };
        (Some(cpu), gpu)
    } else {
        (None, None)
    };
    let resource_share = match o.resource_share {
        Some(r) if !r.is_finite() => {
            return Err(Error::NonFiniteValue {
                field: "embodied.resource_share".to_owned(),
                value: r,
            })
        }
        Some(r) if !(0.0..=1.0).contains(&r) => {
            return Err(Error::FractionOutOfRange {
                field: "embodied.resource_share".to_owned(),
                value: r,
            })
        }
        Some(r) => r,
        None => {
            d.set(EmbodiedDefaults::SHARE);
            s.share
        }
    };
    let (te_g, te_source, te_parts_g) = match o.te_g {
        Some(t) => (
            check_non_negative("embodied.te_g", t)?,
            TeSource::Stated,
            TeParts::default(),
        ),
        None => {
            let p = te_per_device(model, device, &s, cpu_die_area, gpu_die_area);
            let n = f64::from(s.devices);
            let parts = TeParts {
                cpu: p.cpu * n,
                gpu: p.gpu * n,
                memory: p.memory * n,
                other: p.other * n,
            };
            let te = parts.cpu + parts.gpu + parts.memory + parts.other;
            (te, TeSource::Model, parts)
        }
    };
    let co2e_g = te_g * (counted_h / lifespan_h) * resource_share;
    if !co2e_g.is_finite() || !te_g.is_finite() {
        return Err(Error::Overflow {
            field: "embodied.co2e_g".to_owned(),
        });
    }
    Ok(Embodied {
        model,
        device,
        co2e_g,
        te_g,
        te_source,
        te_parts_g,
        devices: s.devices,
        cpus_per_device: s.cpus,
        gpus_per_device: s.gpus,
        memory_per_device_gb: s.memory_gb,
        cpu_die_area,
        gpu_die_area,
        lifespan_h,
        resource_share,
        reserved_h,
        busy_h,
        counted_h,
        count_idle,
        defaults: d,
    })
}
