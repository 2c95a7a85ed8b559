//! The AI view: results per phase and in total (methodology A.8).
//!
//! Each phase starts from the energy and CO2e of one measured or estimated run (and,
//! optionally, its embodied emissions) and applies two optional scalings:
//!
//! - **training**: `× (1 + RD + n_retrain × r_retrain)`, with `RD` the R&D compute as a
//!   multiple of the main run (default 0), `n_retrain` the number of retrainings (default
//!   0) and `r_retrain` each one's size relative to the main run (default 1);
//! - **continuous operation** (inference): the figures of a stated time span `span_h` are
//!   scaled to the reporting period, `× period_h / span_h`, with a month of 730.5 h and a
//!   year of 8 766 h (the Julian year of 365.25 days, and a twelfth of it).
//!
//! Totals add the phases; all continuous phases must use the same period.

use serde::{Deserialize, Serialize};

use crate::error::{check_non_negative, Error};

/// Hours in a reporting year: 365.25 × 24.
pub const HOURS_PER_YEAR: f64 = 8766.0;
/// Hours in a reporting month: a twelfth of [`HOURS_PER_YEAR`].
pub const HOURS_PER_MONTH: f64 = 730.5;

/// A reporting period for continuous operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodLength {
    /// 730.5 h.
    Month,
    /// 8 766 h.
    Year,
}

impl PeriodLength {
    /// Length in hours.
    pub fn hours(self) -> f64 {
        match self {
            PeriodLength::Month => HOURS_PER_MONTH,
            PeriodLength::Year => HOURS_PER_YEAR,
        }
    }
}

/// A life-cycle phase of the computation: the one vocabulary of the phases' arithmetic,
/// the AI view and the report manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Data collection, cleaning, preprocessing.
    DataPreparation,
    /// Training (including R&D runs and retrainings).
    Training,
    /// Fine-tuning.
    FineTuning,
    /// Evaluation, tests, benchmarks.
    Evaluation,
    /// Inference, serving.
    Inference,
    /// Anything else (simulation, post-processing…).
    Other,
}

impl Phase {
    /// Every phase, in report order.
    pub const ALL: [Phase; 6] = [
        Phase::DataPreparation,
        Phase::Training,
        Phase::FineTuning,
        Phase::Evaluation,
        Phase::Inference,
        Phase::Other,
    ];

    /// `"data_preparation"`, `"training"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::DataPreparation => "data_preparation",
            Phase::Training => "training",
            Phase::FineTuning => "fine_tuning",
            Phase::Evaluation => "evaluation",
            Phase::Inference => "inference",
            Phase::Other => "other",
        }
    }
}

/// Continuous operation: figures for `span_h` scaled to `period`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Continuous {
    /// The time span the phase's figures cover, h (> 0).
    pub span_h: f64,
    /// The reporting period.
    pub period: PeriodLength,
}

/// One phase: the figures of one run and how to scale them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseInput {
    /// Which phase.
    pub phase: Phase,
    /// Energy of one run (or of the span), kWh.
    pub energy_kwh: f64,
    /// Operational CO2e of one run (or of the span), g.
    pub co2e_g: f64,
    /// Embodied CO2e of one run (or of the span), g (default 0).
    #[serde(default)]
    pub embodied_co2e_g: f64,
    /// R&D compute as a multiple of the main run (default 0).
    pub rd_multiple: Option<f64>,
    /// Number of retrainings (default 0).
    pub retrainings: Option<f64>,
    /// Size of each retraining relative to the main run (default 1).
    pub retrain_ratio: Option<f64>,
    /// Continuous operation, scaled to a reporting period.
    pub continuous: Option<Continuous>,
}

impl PhaseInput {
    /// A phase of one run with no scaling.
    pub fn new(phase: Phase, energy_kwh: f64, co2e_g: f64) -> PhaseInput {
        PhaseInput {
            phase,
            energy_kwh,
            co2e_g,
            embodied_co2e_g: 0.0,
            rd_multiple: None,
            retrainings: None,
            retrain_ratio: None,
            continuous: None,
        }
    }
}

/// One phase's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseResult {
    /// Which phase.
    pub phase: Phase,
    /// Training factor `1 + RD + n_retrain × r_retrain`.
    pub training_factor: f64,
    /// Continuous factor `period_h / span_h` (1 when not continuous).
    pub period_factor: f64,
    /// Energy, kWh.
    pub energy_kwh: f64,
    /// Operational CO2e, g.
    pub co2e_g: f64,
    /// Embodied CO2e, g.
    pub embodied_co2e_g: f64,
    /// Operational + embodied, g.
    pub total_co2e_g: f64,
    /// Inputs that took their default (`rd_multiple`, `retrainings`, `retrain_ratio`).
    pub defaults: Vec<&'static str>,
}

/// Results per phase and in total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phases {
    /// Per phase, in input order.
    pub phases: Vec<PhaseResult>,
    /// The reporting period of the continuous phases, if any.
    pub period: Option<PeriodLength>,
    /// Its length, h.
    pub period_h: Option<f64>,
    /// Total energy, kWh.
    pub energy_kwh: f64,
    /// Total operational CO2e, g.
    pub co2e_g: f64,
    /// Total embodied CO2e, g.
    pub embodied_co2e_g: f64,
    /// Total operational + embodied, g.
    pub total_co2e_g: f64,
}

/// The training factor `1 + rd_multiple + retrainings × retrain_ratio`.
pub fn training_factor(rd_multiple: f64, retrainings: f64, retrain_ratio: f64) -> f64 {
    1.0 + rd_multiple + retrainings * retrain_ratio
}

fn opt(
    field: &'static str,
    v: Option<f64>,
    default: f64,
    d: &mut Vec<&'static str>,
) -> Result<f64, Error> {
    match v {
        Some(x) => check_non_negative(field, x),
        None => {
            d.push(field);
            Ok(default)
        }
    }
}

/// Scales each phase and adds them up.
///
/// # Errors
/// A typed [`Error`] naming the field (`phases[i].span_h`, …) for a negative or
/// non-finite input, a span of 0, two different periods, or a result that overflows.
///
/// # Examples
/// ```
/// use empreinte::{phases, Continuous, PhaseInput, Phase, PeriodLength};
/// let mut train = PhaseInput::new(Phase::Training, 100.0, 5000.0);
/// train.rd_multiple = Some(0.5);
/// train.retrainings = Some(2.0);
/// train.retrain_ratio = Some(0.25);
/// let mut infer = PhaseInput::new(Phase::Inference, 2.0, 100.0);
/// infer.continuous = Some(Continuous { span_h: 24.0, period: PeriodLength::Month });
/// let p = phases(&[train, infer])?;
/// assert_eq!(p.phases[0].energy_kwh, 200.0);                    // × (1 + 0.5 + 2 × 0.25)
/// assert_eq!(p.phases[1].energy_kwh, 2.0 * (730.5 / 24.0));     // a day scaled to a month
/// assert_eq!(p.energy_kwh, 200.0 + 2.0 * (730.5 / 24.0));
/// # Ok::<(), empreinte::Error>(())
/// ```
pub fn phases(inputs: &[PhaseInput]) -> Result<Phases, Error> {
    let mut out = Vec::with_capacity(inputs.len());
    let mut period: Option<PeriodLength> = None;
    let (mut energy, mut co2e, mut embodied) = (0.0, 0.0, 0.0);
    for (i, p) in inputs.iter().enumerate() {
        let f = |name: &str| format!("phases[{i}].{name}");
        let e = check_non_negative(&f("energy_kwh"), p.energy_kwh)?;
        let c = check_non_negative(&f("co2e_g"), p.co2e_g)?;
        let m = check_non_negative(&f("embodied_co2e_g"), p.embodied_co2e_g)?;
        let mut defaults = Vec::new();
        let rd = opt("rd_multiple", p.rd_multiple, 0.0, &mut defaults)
            .map_err(|_| bad(&f("rd_multiple"), p.rd_multiple))?;
        let n = opt("retrainings", p.retrainings, 0.0, &mut defaults)
            .map_err(|_| bad(&f("retrainings"), p.retrainings))?;
        let r = opt("retrain_ratio", p.retrain_ratio, 1.0, &mut defaults)
            .map_err(|_| bad(&f("retrain_ratio"), p.retrain_ratio))?;
        let tf = training_factor(rd, n, r);
        let pf = match p.continuous {
            None => 1.0,
            Some(c) => {
                let span = check_non_negative(&f("continuous.span_h"), c.span_h)?;
                if span <= 0.0 {
                    return Err(Error::NotPositive {
                        field: f("continuous.span_h"),
                        value: c.span_h,
                    });
                }
                match period {
                    Some(q) if q != c.period => {
                        return Err(Error::ConflictingInput {
                            field: f("continuous.period"),
                            value: period_name(c.period).to_owned(),
                            other: format!("the period {} of an earlier phase", period_name(q)),
                        })
                    }
                    _ => period = Some(c.period),
                }
                c.period.hours() / span
            }
        };
        let factor = tf * pf;
        let result = PhaseResult {
            phase: p.phase,
            training_factor: tf,
            period_factor: pf,
            energy_kwh: e * factor,
            co2e_g: c * factor,
            embodied_co2e_g: m * factor,
            total_co2e_g: c * factor + m * factor,
            defaults,
        };
        if !result.total_co2e_g.is_finite() || !result.energy_kwh.is_finite() {
            return Err(Error::Overflow {
                field: f("total_co2e_g"),
            });
        }
        energy += result.energy_kwh;
        co2e += result.co2e_g;
        embodied += result.embodied_co2e_g;
        out.push(result);
    }
    let total = co2e + embodied;
    if !total.is_finite() || !energy.is_finite() {
        return Err(Error::Overflow {
            field: "phases.total_co2e_g".to_owned(),
        });
    }
    Ok(Phases {
        phases: out,
        period,
        period_h: period.map(PeriodLength::hours),
        energy_kwh: energy,
        co2e_g: co2e,
        embodied_co2e_g: embodied,
        total_co2e_g: total,
    })
}

fn bad(field: &str, value: Option<f64>) -> Error {
    let v = value.unwrap_or(f64::NAN);
    if v.is_finite() {
        Error::NegativeValue {
            field: field.to_owned(),
            value: v,
        }
    } else {
        Error::NonFiniteValue {
            field: field.to_owned(),
            value: v,
        }
    }
}

fn period_name(p: PeriodLength) -> &'static str {
    match p {
        PeriodLength::Month => "month",
        PeriodLength::Year => "year",
    }
}
