//! The row types of the factor tables beyond Green Algorithms: what one row of
//! `data/beyond/*.csv` holds once compiled in (`generated.rs`), with its unit and source.

use serde::Serialize;

/// One named constant of an embodied-emission model, with its unit and source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constant {
    /// Our name for it, e.g. `"cpu_die_impact"`.
    pub name: &'static str,
    /// The value, in `unit`.
    pub value: f64,
    /// Unit, e.g. `"gCO2e/cm2"`.
    pub unit: &'static str,
    /// Where the value comes from.
    pub source: &'static str,
}

/// A processor kind of the die-area table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChipKind {
    /// A CPU (die area per chip).
    Cpu,
    /// A GPU or accelerator (die area per board).
    Gpu,
}

/// The silicon die area of a processor model, for the die-area embodied model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DieArea {
    /// CPU or GPU.
    pub kind: ChipKind,
    /// Model name, spelled as in the Green Algorithms tables.
    pub model: &'static str,
    /// Die area, cm² (all dies of one chip or board).
    pub die_area_cm2: f64,
    /// Where the value comes from.
    pub source: &'static str,
    /// A remark (empty when none).
    pub note: &'static str,
}

/// Whether a bound is a multiple of the central value or a value in the factor's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundKind {
    /// `low / central` and `high / central` multiply the central value.
    Relative,
    /// `low` and `high` are values in the factor's unit.
    Absolute,
}

/// One row of the uncertainty-bounds table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoundRow {
    /// Factor name: `processor_power`, `memory_power`, `pue_default`, `pue_declared`,
    /// `ci`, `embodied`.
    pub factor: &'static str,
    /// Where it applies: `any`, or a location code such as `FR`.
    pub scope: &'static str,
    /// Relative or absolute.
    pub kind: BoundKind,
    /// Low end.
    pub low: f64,
    /// The reference central value of a relative bound (`None` for absolute bounds).
    pub central: Option<f64>,
    /// High end.
    pub high: f64,
    /// Unit of `low`, `central`, `high`.
    pub unit: &'static str,
    /// Year of the figures.
    pub year: Option<u16>,
    /// Where the bounds come from.
    pub source: &'static str,
}

impl BoundRow {
    /// The bounds around `central`: `(central × low/ref, central × high/ref)` for a
    /// relative row, `(low, high)` for an absolute one.
    pub fn around(&self, central: f64) -> (f64, f64) {
        match (self.kind, self.central) {
            (BoundKind::Relative, Some(r)) if r > 0.0 => {
                (central * (self.low / r), central * (self.high / r))
            }
            _ => (self.low, self.high),
        }
    }
}

/// The water consumed per kWh of electricity drawn from a grid (EWIF).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaterIntensity {
    /// Location code (a country; its regions use it too).
    pub location: &'static str,
    /// Litres of water consumed per kWh.
    pub ewif_l_per_kwh: f64,
    /// Year of the data.
    pub year: Option<u16>,
    /// What is counted, e.g. `"consumption, grid average"`.
    pub kind: &'static str,
    /// Where the value comes from.
    pub source: &'static str,
}

/// The default on-site water usage effectiveness of a platform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WueDefault {
    /// `local_server`, `cloud` or `personal_computer`.
    pub platform: &'static str,
    /// Litres of water per kWh of IT energy.
    pub wue_l_per_kwh: f64,
    /// Year of the data.
    pub year: Option<u16>,
    /// Where the value comes from.
    pub source: &'static str,
}
