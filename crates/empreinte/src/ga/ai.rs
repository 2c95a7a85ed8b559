//! The AI view from jobs (methodology A.8): each phase is a job, estimated as usual, then
//! scaled by its training factor or to the reporting period by [`crate::phases()`].

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::ga::estimate::estimate;
use crate::ga::job::{document_error, Job};
use crate::ga::phases::{phases, Continuous, Phase, PhaseInput, Phases};
use crate::ga::result::Estimate;

/// One phase described by its job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseJob {
    /// Which phase.
    pub phase: Phase,
    /// The job of one run (or of the `continuous.span_h` it covers).
    pub job: Job,
    /// R&D compute as a multiple of the main run (training; default 0).
    pub rd_multiple: Option<f64>,
    /// Number of retrainings (default 0).
    pub retrainings: Option<f64>,
    /// Size of each retraining relative to the main run (default 1).
    pub retrain_ratio: Option<f64>,
    /// Continuous operation (inference): the job covers `span_h`, scaled to `period`.
    pub continuous: Option<Continuous>,
}

/// A project's phases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhasesJob {
    /// The phases, in order.
    pub phases: Vec<PhaseJob>,
}

impl PhasesJob {
    /// Reads the phases document from JSON.
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] with the path of the offending key
    /// (`phases[1].job.cpu.cores`).
    pub fn from_json(text: &str) -> Result<PhasesJob, Error> {
        crate::json::check(text).map_err(|r| {
            let (field, message) = r.field_and_message();
            Error::InvalidDocument { field, message }
        })?;
        let de = &mut serde_json::Deserializer::from_str(crate::json::without_bom(text));
        serde_path_to_error::deserialize(de).map_err(document_error)
    }
}

/// Every phase's estimate (one run) and the scaled totals.
#[derive(Debug, Clone, Serialize)]
pub struct PhasesResult {
    /// Per phase, the estimate of its job as given (one run or the span).
    pub estimates: Vec<Estimate>,
    /// Per phase scaled, and the totals.
    pub phases: Phases,
}

/// Estimates each phase's job, then scales it (training factor, reporting period).
///
/// # Errors
/// Any error of [`estimate`] or [`phases`], with the field path prefixed by
/// `phases[i].job.` where the error names one.
pub fn estimate_phases(doc: &PhasesJob) -> Result<PhasesResult, Error> {
    let mut estimates = Vec::with_capacity(doc.phases.len());
    let mut inputs = Vec::with_capacity(doc.phases.len());
    for (i, p) in doc.phases.iter().enumerate() {
        let e = estimate(&p.job).map_err(|e| Error::InvalidDocument {
            field: format!("phases[{i}].job.{}", e.field().unwrap_or("")),
            message: e.to_string(),
        })?;
        inputs.push(PhaseInput {
            phase: p.phase,
            energy_kwh: e.figures.energy_kwh,
            co2e_g: e.figures.co2e_g,
            embodied_co2e_g: e.embodied.as_ref().map_or(0.0, |m| m.co2e_g),
            rd_multiple: p.rd_multiple,
            retrainings: p.retrainings,
            retrain_ratio: p.retrain_ratio,
            continuous: p.continuous,
        });
        estimates.push(e);
    }
    Ok(PhasesResult {
        estimates,
        phases: phases(&inputs)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_and_inference_by_hand() {
        // training: 10 h × 100 W at PUE 1 = 1 kWh, × (1 + 0.5 + 2 × 0.25) = 2 kWh
        // inference: 1 h × 100 W = 0.1 kWh per hour of service, × 730.5 h a month
        let doc = PhasesJob::from_json(
            r#"{"phases": [
              {"phase": "training", "rd_multiple": 0.5, "retrainings": 2, "retrain_ratio": 0.25,
               "job": {"runtime_h": 10, "cpu": {"model": "other", "cores": 10, "tdp_per_core_w": 10},
                       "memory_gb": 0, "platform": "personal_computer", "location": "FR"}},
              {"phase": "inference", "continuous": {"span_h": 1, "period": "month"},
               "job": {"runtime_h": 1, "cpu": {"model": "other", "cores": 10, "tdp_per_core_w": 10},
                       "memory_gb": 0, "platform": "personal_computer", "location": "FR"}}
            ]}"#,
        )
        .unwrap();
        let r = estimate_phases(&doc).unwrap();
        let p = &r.phases;
        assert!((p.phases[0].energy_kwh - 2.0).abs() < 1e-12);
        assert!((p.phases[1].energy_kwh - 73.05).abs() < 1e-9);
        assert!((p.energy_kwh - 75.05).abs() < 1e-9);
        assert!((p.co2e_g - 75.05 * 51.28).abs() < 1e-6);
        let bad = PhasesJob::from_json(r#"{"phases": [{"phase": "training", "job": {"runtime_h": 1, "memory_gb": 0, "location": "FR", "cpu": {"model": "Any", "cores": 0}}}]}"#).unwrap();
        let e = estimate_phases(&bad).unwrap_err();
        assert_eq!(e.field(), Some("phases[0].job.cpu.cores"));
    }
}
