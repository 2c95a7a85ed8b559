//! The numbers of one estimate (methodology A.1): power, energy and CO2e with their
//! split between CPU, GPU and memory, the PUE and the carbon intensity used. One type for
//! a single estimate ([`crate::Estimate::figures`]), a row of a batch and a column of a
//! frame.

use serde::Serialize;

/// A value split into the three components of the Green Algorithms pie.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Breakdown {
    /// CPU cores' share.
    pub cpu: f64,
    /// GPUs' share.
    pub gpu: f64,
    /// Memory's share.
    pub memory: f64,
}

/// The numbers of one estimate: what a row of a result table holds.
///
/// # Units
/// kWh, gCO2e, W, gCO2e/kWh, as the names say.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Figures {
    /// Energy drawn, PUE and multiplicative factor included, kWh.
    pub energy_kwh: f64,
    /// Carbon footprint, gCO2e.
    pub co2e_g: f64,
    /// Power drawn, PUE included, W.
    pub power_w: f64,
    /// Energy split, kWh.
    pub energy_breakdown_kwh: Breakdown,
    /// Carbon footprint split, gCO2e.
    pub co2e_breakdown_g: Breakdown,
    /// Power split (PUE included), W.
    pub power_breakdown_w: Breakdown,
    /// PUE used.
    pub pue: f64,
    /// Carbon intensity used, gCO2e/kWh.
    pub ci_g_per_kwh: f64,
}
