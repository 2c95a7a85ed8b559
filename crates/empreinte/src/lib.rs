//! # Empreinte
//!
//! The carbon footprint of computation, by the Green Algorithms method (Lannelongue,
//! Grealey & Inouye, *Advanced Science* 2021) with exact parity on every data version
//! (v1.0–v3.0, CC BY 4.0), as a pure library: values in, values out, no I/O.
//!
//! ```
//! use empreinte::{estimate, Job, Lang};
//!
//! let job = Job::from_json(r#"{
//!     "runtime_h": 12, "cpu": {"model": "Xeon E5-2683 v4", "cores": 12},
//!     "memory_gb": 64, "platform": "local_server", "location": "FR"
//! }"#)?;
//! let result = estimate(&job)?;
//! assert!((result.figures.energy_kwh - 2.1310848).abs() < 1e-9);   // kWh, PUE 1.56 (v3.0 default)
//! assert!((result.figures.co2e_g - 109.282028544).abs() < 1e-6);   // gCO2e at 51.28 g/kWh
//! println!("{}", result.citation(Lang::En));
//! # Ok::<(), empreinte::Error>(())
//! ```
//!
//! # Units
//! Every number at the boundary carries its unit in its name: `runtime_h`, `memory_gb`,
//! `power_w`, `energy_kwh`, `co2e_g`, `ci_g_per_kwh`.
//!
//! # Errors
//! One enum, [`Error`]: each variant names the field and the value; nothing panics on any
//! input.
#![warn(missing_docs)]

mod beyond;
mod duration;
mod error;
mod figures;
mod flags;
pub mod format;
mod ga;
pub mod hpc;
pub mod intensity;
pub mod json;
mod platform;
pub mod report;
pub mod tables;
pub mod units;
pub mod words;

// The paths of the modules users know from earlier releases.
pub use beyond::{factors, montecarlo};
pub use ga::{ai, batch};

pub use duration::{parse_lifespan_h, parse_runtime_h, LIFESPAN_HOURS_PER_YEAR};
pub use error::{bounded, Error, MAX_MESSAGE_CHARS};
pub use figures::{Breakdown, Figures};
pub use format::Lang;
pub use ga::citation::TOOL;
pub use ga::equivalence::{route_g, Equivalences, Flight};
pub use ga::estimate::{estimate, estimate_green_algorithms};
pub use ga::grid::{CiAlternative, CiUsed};
pub use ga::job::{CiSeriesSpec, CpuSpec, GpuSpec, Job};
pub use ga::result::{
    CpuUsed, Defaults, Estimate, GpuUsed, LocationSource, ModelTable, PowerOrigin, Pue, PueSource,
};
pub use platform::Platform;
pub use tables::lookup::{check_name, nearest, normalize, Table, MAX_NAME_CHARS};
pub use tables::{
    CpuModel, DataFile, DataVersion, Datacenter, Dataset, GpuModel, HardwareSource, HardwareTable,
    Location, Provider, PueDefault, ReferenceValue, Route, EMPREINTE_HW,
};

// Beyond Green Algorithms (methodology part B, and the AI view of A.8).
pub use beyond::embodied::{
    embodied, totals, Device, DieAreaSource, DieAreaUsed, Embodied, EmbodiedDefaults,
    EmbodiedModel, EmbodiedOptions, Hardware, Processor, TeParts, TeSource, Totals,
};
pub use beyond::sci::{sci, FunctionalUnit, Sci};
pub use beyond::uncertainty::{
    uncertainty, BoundOrigin, BoundOverrides, Bounds, Driver, Drivers, Factor, FactorRange, Method,
    PueEvidence, Range, Uncertainty, UncertaintyInput, UncertaintyOptions, DEFAULT_SAMPLES,
    MAX_SAMPLES,
};
pub use beyond::water::{water, Water, WaterFactorSource, WaterOptions};
pub use ga::parts::{embodied_for, uncertainty_for, water_for};
pub use ga::phases::{
    phases, training_factor, Continuous, PeriodLength, Phase, PhaseInput, PhaseResult, Phases,
    HOURS_PER_MONTH, HOURS_PER_YEAR,
};
