//! The result of an estimate: the figures, the inputs as resolved (hardware rows, PUE and
//! its origin, location and CI source), what goes beyond Green Algorithms, the defaults
//! applied; and its JSON form (units in the field names).

use std::borrow::Cow;

use serde::ser::Serializer;
use serde::Serialize;

use crate::beyond::embodied::{Embodied, Totals};
use crate::beyond::sci::Sci;
use crate::beyond::uncertainty::Uncertainty;
use crate::beyond::water::Water;
use crate::figures::Figures;
use crate::ga::equivalence::Equivalences;
use crate::ga::grid::{CiAlternative, CiUsed};
use crate::platform::Platform;
use crate::tables::{DataVersion, Datacenter, HardwareSource, Location};

/// Where the PUE used came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PueSource {
    /// Given by the user (always wins).
    Stated,
    /// The cloud data centre's own published PUE.
    Datacenter,
    /// The cloud provider's default PUE.
    ProviderDefault,
    /// The platform's default: 1 for a personal computer, the data version's `Unknown`
    /// PUE for a local server or an unlisted cloud provider.
    PlatformDefault,
}

/// The PUE used, with its origin and reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pue {
    /// Power usage effectiveness (≥ 1).
    pub value: f64,
    /// Where it came from.
    pub source: PueSource,
    /// The reference given by the data for it (empty when stated).
    pub reference: &'static str,
}

/// Where a hardware power figure came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PowerOrigin {
    /// A hardware table (the data version's, including its `Any` row, or empreinte-hw).
    Table,
    /// Given by the user (`tdp_per_core_w` / `tdp_w`).
    Stated,
    /// Given by the user as measured (`measured_by` names the instrument).
    Measured,
}

/// The table a model was found in, with its version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ModelTable {
    /// `green-algorithms` or `empreinte-hw`.
    pub name: HardwareSource,
    /// The table's version: the data version (`v3.0`) or the hardware table's (`hw-2026.11`).
    pub version: &'static str,
}

/// The CPU part as computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CpuUsed {
    /// Model name (the table's spelling, or the user's label for a stated power).
    pub model: Cow<'static, str>,
    /// Cores used.
    pub cores: u32,
    /// Usage factor.
    pub usage: f64,
    /// Power per core, W.
    pub tdp_per_core_w: f64,
    /// Where the power came from.
    pub origin: PowerOrigin,
    /// The table the model came from (none when the power is stated or measured).
    pub table: Option<ModelTable>,
    /// The table row's source; for a measured power, how it was measured (empty when
    /// stated).
    pub source: Cow<'static, str>,
}

/// The GPU part as computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GpuUsed {
    /// Model name (the table's spelling, or the user's label for a stated power).
    pub model: Cow<'static, str>,
    /// GPUs used.
    pub count: u32,
    /// Usage factor.
    pub usage: f64,
    /// Power per GPU, W.
    pub tdp_w: f64,
    /// Where the power came from.
    pub origin: PowerOrigin,
    /// The table the model came from (none when the power is stated or measured).
    pub table: Option<ModelTable>,
    /// The table row's source; for a measured power, how it was measured (empty when
    /// stated).
    pub source: Cow<'static, str>,
}

/// Where the location (hence the carbon intensity) came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationSource {
    /// Given by the user.
    Stated,
    /// The cloud data centre's location.
    Datacenter,
}

/// Fields whose value is a default, not an input. Serialised as the list of their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Defaults(u16);

impl Defaults {
    const NAMES: [&'static str; 11] = [
        "data_version",
        "platform",
        "cpu.usage",
        "gpu.usage",
        "multiplicative_factor",
        "pue",
        "hardware_tables",
        "ci_source",
        "embodied",
        "uncertainty",
        "water",
    ];

    pub(crate) fn set(&mut self, name: &str) {
        self.0 |= crate::flags::bit(&Self::NAMES, name).unwrap_or(0);
    }

    /// Whether `name` (e.g. `"cpu.usage"`) took its default value.
    pub fn contains(&self, name: &str) -> bool {
        crate::flags::contains(self.0, &Self::NAMES, name)
    }

    /// The names of the defaulted fields.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        crate::flags::names(self.0, &Self::NAMES)
    }
}

impl Serialize for Defaults {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// The result of [`estimate`](crate::estimate()). Serialised (serde) as the result JSON of
/// the job format.
///
/// # Units
/// Field names carry the units: kWh, g of CO2e, W, gCO2e/kWh, hours, GB.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Data version used.
    pub data_version: DataVersion,
    /// Runtime, h.
    pub runtime_h: f64,
    /// The figures: energy, CO2e, power, their split, the PUE and the carbon intensity
    /// used (the type a row of a batch holds).
    pub figures: Figures,
    /// PUE used, with where it came from.
    pub pue: Pue,
    /// The intensity's source and, for a time series, the integration.
    pub ci: CiUsed,
    /// The same job under one other intensity source, when one has the location.
    pub ci_alternative: Option<CiAlternative>,
    /// Embodied (manufacturing) emissions of the hardware's share; `None` only when the
    /// default model cannot apply and no option asked for it.
    pub embodied: Option<Embodied>,
    /// Operational + embodied CO2e and the embodied share.
    pub totals: Totals,
    /// The SCI score, when a functional unit is given.
    pub sci: Option<Sci>,
    /// Low/central/high ranges and their drivers.
    pub uncertainty: Option<Uncertainty>,
    /// Water consumed on and off site; `None` when the grid's water intensity is unknown
    /// for the location and none was stated.
    pub water: Option<Water>,
    /// The location row whose carbon intensity was used.
    pub location: &'static Location,
    /// Whether the location was stated or came from the data centre.
    pub location_source: LocationSource,
    /// Platform.
    pub platform: Platform,
    /// Cloud provider code, when given.
    pub provider: Option<&'static str>,
    /// Cloud data centre, when given.
    pub datacenter: Option<&'static Datacenter>,
    /// CPU part, when present.
    pub cpu: Option<CpuUsed>,
    /// GPU part, when present.
    pub gpu: Option<GpuUsed>,
    /// Memory allocated, GB.
    pub memory_gb: f64,
    /// Memory power, W/GB.
    pub memory_power_w_per_gb: f64,
    /// Number of identical runs.
    pub multiplicative_factor: f64,
    /// Context metrics.
    pub equivalences: Equivalences,
    /// Fields that took their default value.
    pub defaults: Defaults,
}

impl Estimate {
    /// Tree-months needed to absorb the CO2e.
    pub fn tree_months(&self) -> f64 {
        self.equivalences.tree_months
    }
}

impl From<&Estimate> for Figures {
    fn from(e: &Estimate) -> Figures {
        e.figures
    }
}
