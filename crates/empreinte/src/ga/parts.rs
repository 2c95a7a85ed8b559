//! The parts beyond Green Algorithms (methodology B) of an estimate: the adaptors that
//! read an [`Estimate`] into the plain inputs of the embodied, uncertainty and water
//! methods (which know nothing of an estimate), and [`fill`], which the estimate calls.

use crate::beyond::embodied::{embodied, totals, Embodied, EmbodiedOptions, Hardware, Processor};
use crate::beyond::sci::sci;
use crate::beyond::uncertainty::{
    uncertainty, PueEvidence, Uncertainty, UncertaintyInput, UncertaintyOptions,
};
use crate::beyond::water::{water, Water, WaterOptions};
use crate::error::Error;
use crate::ga::job::Job;
use crate::ga::result::{Estimate, PueSource};
use crate::platform::Platform;

impl<'a> Hardware<'a> {
    /// The hardware of an estimate.
    pub fn from_estimate(e: &'a Estimate) -> Hardware<'a> {
        Hardware {
            platform: e.platform,
            cpu: e.cpu.as_ref().map(|c| Processor {
                model: &c.model,
                count: c.cores,
            }),
            gpu: e.gpu.as_ref().map(|g| Processor {
                model: &g.model,
                count: g.count,
            }),
            memory_gb: e.memory_gb,
            runtime_h: e.runtime_h,
            multiplicative_factor: e.multiplicative_factor,
            data_version: e.data_version,
        }
    }
}

impl<'a> UncertaintyInput<'a> {
    /// The inputs of an estimate and, if counted, its embodied emissions.
    pub fn from_estimate(e: &'a Estimate, embodied: Option<&Embodied>) -> UncertaintyInput<'a> {
        let pue_evidence = match e.pue.source {
            PueSource::Stated | PueSource::Datacenter | PueSource::ProviderDefault => {
                PueEvidence::Declared
            }
            PueSource::PlatformDefault if e.platform == Platform::PersonalComputer => {
                PueEvidence::NoFacility
            }
            PueSource::PlatformDefault => PueEvidence::Default,
        };
        UncertaintyInput {
            energy_kwh: e.figures.energy_kwh,
            co2e_g: e.figures.co2e_g,
            power_breakdown_w: e.figures.power_breakdown_w,
            pue: e.pue.value,
            pue_evidence,
            memory_power_w_per_gb: e.memory_power_w_per_gb,
            ci_g_per_kwh: e.figures.ci_g_per_kwh,
            location: e.location.code,
            embodied_co2e_g: embodied.map_or(0.0, |m| m.co2e_g),
        }
    }
}

/// [`embodied`](crate::beyond::embodied::embodied) for the hardware of an estimate.
///
/// # Errors
/// As [`embodied`](crate::beyond::embodied::embodied).
pub fn embodied_for(e: &Estimate, o: &EmbodiedOptions) -> Result<Embodied, Error> {
    embodied(&Hardware::from_estimate(e), o)
}

/// [`uncertainty`](crate::beyond::uncertainty::uncertainty) of an estimate and, if counted, its embodied emissions.
///
/// # Errors
/// As [`uncertainty`](crate::beyond::uncertainty::uncertainty).
pub fn uncertainty_for(
    e: &Estimate,
    embodied: Option<&Embodied>,
    o: &UncertaintyOptions,
) -> Result<Uncertainty, Error> {
    uncertainty(&UncertaintyInput::from_estimate(e, embodied), o)
}

/// [`water`](crate::beyond::water::water) for an estimate: its energy, PUE, platform and location.
///
/// # Errors
/// As [`water`](crate::beyond::water::water).
pub fn water_for(e: &Estimate, o: &WaterOptions) -> Result<Water, Error> {
    water(
        e.figures.energy_kwh,
        e.pue.value,
        e.platform,
        e.location.code,
        o,
    )
}

/// Fills what goes beyond Green Algorithms (methodology B): embodied emissions and totals,
/// the SCI score, uncertainty ranges, water. An option the job states makes its errors
/// fatal; a part computed only by default is left out (`None`) when it cannot apply, e.g.
/// water where the grid's water intensity is unknown.
pub(crate) fn fill(e: &mut Estimate, job: &Job) -> Result<(), Error> {
    let embodied = match &job.embodied {
        Some(o) => Some(embodied_for(e, o)?),
        None => {
            e.defaults.set("embodied");
            embodied_for(e, &EmbodiedOptions::default()).ok()
        }
    };
    let m = embodied.as_ref().map_or(0.0, |m| m.co2e_g);
    e.totals = totals(e.figures.co2e_g, m);
    if let Some(r) = &job.functional_unit {
        e.sci = Some(sci(e.figures.co2e_g, m, r)?);
    }
    e.uncertainty = match &job.uncertainty {
        Some(o) => Some(uncertainty_for(e, embodied.as_ref(), o)?),
        None => {
            e.defaults.set("uncertainty");
            uncertainty_for(e, embodied.as_ref(), &UncertaintyOptions::default()).ok()
        }
    };
    e.embodied = embodied;
    e.water = match &job.water {
        Some(o) => Some(water_for(e, o)?),
        None => {
            e.defaults.set("water");
            water_for(e, &WaterOptions::default()).ok()
        }
    };
    Ok(())
}
