//! Uncertainty ranges of a result (methodology B.2): `{low, central, high}` per quantity.
//!
//! Six factors carry a bound each (`data/beyond/uncertainty-bounds.csv`, one source per
//! row; every bound can be overridden): the CPU and GPU power (multipliers of the
//! TDP-based power, ±40 %), the memory power (0.08–0.3725 W/GB), the PUE (a default PUE
//! 1.10–2.00; a declared one −3 %…+10 %; none for a personal computer), the carbon
//! intensity (France 21.7–98 g/kWh; elsewhere ×0.65…×1.60) and the embodied emissions
//! (Boavizta's 461–2 089 kg around 900 kg, as multipliers). Bounds taken from the table
//! are widened to include the central value.
//!
//! The model is monotone in every factor, so the interval method (the default) takes
//! all factors low for `low` and all high for `high`; `central` is the parity value
//! itself, untouched. The Monte Carlo method samples each factor from a triangular
//! distribution (see [`crate::beyond::montecarlo`]) and reports two percentiles (5th and 95th
//! by default) as `low` and `high`, widened to include `central`. Drivers are the
//! one-at-a-time swings of the total (operational + embodied) CO2e, as shares summing
//! to 1, largest first.
//!
//! For factor values `f` (CPU, GPU multipliers; memory W/GB `m'`; PUE `u'`; CI `c'`;
//! embodied multiplier `g`), with the parity values `E`, `PUE`, memory power `m`, power
//! per component `P_cpu`, `P_gpu`, `P_mem` (PUE included) and embodied `M`:
//!
//! ```text
//! k = E / (PUE × (P_cpu + P_gpu + P_mem))          (once; 0 when the sum is 0)
//! energy = k × u' × (P_cpu × f_cpu + P_gpu × f_gpu + (P_mem / m × m'))
//! co2e = energy × c'      embodied = M × g      total = co2e + embodied
//! ```
//!
//! evaluated in exactly this order, so that every surface gets the same bits.

use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::beyond::factors::BoundRow;
use crate::beyond::generated as data;
use crate::beyond::montecarlo;
use crate::error::Error;
use crate::figures::Breakdown;

/// Largest Monte Carlo sample count accepted.
pub const MAX_SAMPLES: u32 = 1_000_000;

/// A factor of the footprint that carries an uncertainty bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    /// CPU power, as a multiple of the TDP-based estimate.
    CpuPower,
    /// GPU power, as a multiple of the TDP-based estimate.
    GpuPower,
    /// Memory power, W/GB.
    MemoryPower,
    /// Power usage effectiveness.
    Pue,
    /// Carbon intensity of electricity, gCO2e/kWh.
    Ci,
    /// Embodied emissions, as a multiple of the model's value.
    Embodied,
}

impl Factor {
    /// Every factor, in the fixed order used by the sampler.
    pub const ALL: [Factor; 6] = [
        Factor::CpuPower,
        Factor::GpuPower,
        Factor::MemoryPower,
        Factor::Pue,
        Factor::Ci,
        Factor::Embodied,
    ];

    /// `"cpu_power"`, `"gpu_power"`, `"memory_power"`, `"pue"`, `"ci"`, `"embodied"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Factor::CpuPower => "cpu_power",
            Factor::GpuPower => "gpu_power",
            Factor::MemoryPower => "memory_power",
            Factor::Pue => "pue",
            Factor::Ci => "ci",
            Factor::Embodied => "embodied",
        }
    }

    fn override_field(self) -> &'static str {
        match self {
            Factor::CpuPower => "uncertainty.bounds.cpu_power",
            Factor::GpuPower => "uncertainty.bounds.gpu_power",
            Factor::MemoryPower => "uncertainty.bounds.memory_power_w_per_gb",
            Factor::Pue => "uncertainty.bounds.pue",
            Factor::Ci => "uncertainty.bounds.ci_g_per_kwh",
            Factor::Embodied => "uncertainty.bounds.embodied",
        }
    }
}

/// Low and high ends of a factor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Low end.
    pub low: f64,
    /// High end.
    pub high: f64,
}

/// Bounds given by the user, each replacing the table's. Power and embodied bounds are
/// multipliers of the central value (it must lie between them, e.g. 0.8–1.2); memory
/// power, PUE and CI bounds are in their units and must contain the central value.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundOverrides {
    /// Multiplier of the CPU power.
    pub cpu_power: Option<Bounds>,
    /// Multiplier of the GPU power.
    pub gpu_power: Option<Bounds>,
    /// Memory power, W/GB.
    pub memory_power_w_per_gb: Option<Bounds>,
    /// PUE (≥ 1).
    pub pue: Option<Bounds>,
    /// Carbon intensity, gCO2e/kWh.
    pub ci_g_per_kwh: Option<Bounds>,
    /// Multiplier of the embodied emissions.
    pub embodied: Option<Bounds>,
}

impl BoundOverrides {
    fn get(&self, f: Factor) -> Option<Bounds> {
        match f {
            Factor::CpuPower => self.cpu_power,
            Factor::GpuPower => self.gpu_power,
            Factor::MemoryPower => self.memory_power_w_per_gb,
            Factor::Pue => self.pue,
            Factor::Ci => self.ci_g_per_kwh,
            Factor::Embodied => self.embodied,
        }
    }
}

/// How ranges are propagated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// All factors low / all high (the model is monotone): deterministic, the default.
    #[default]
    Interval,
    /// `samples` draws from a generator seeded with `seed`; bit-identical everywhere.
    MonteCarlo {
        /// Number of samples (1 … [`MAX_SAMPLES`]).
        samples: u32,
        /// Seed of the xoshiro256** generator.
        seed: u64,
    },
}

/// Default Monte Carlo sample count when a document names the method without a count.
pub const DEFAULT_SAMPLES: u32 = 10_000;

/// Choices for [`uncertainty`].
///
/// In JSON: `{"method": "interval"}` or `{"method": "monte_carlo", "samples": 10000,
/// "seed": 42}` (the seed is required, the count defaults to 10 000), with optional
/// `bounds`, `low_percentile`, `high_percentile`.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "OptionsDoc", into = "OptionsDoc")]
pub struct UncertaintyOptions {
    /// Propagation method (interval by default).
    pub method: Method,
    /// Bounds replacing the table's.
    pub bounds: BoundOverrides,
    /// Monte Carlo percentile reported as `low`, in [0, 1] (default 0.05).
    pub low_percentile: Option<f64>,
    /// Monte Carlo percentile reported as `high`, in [0, 1] (default 0.95).
    pub high_percentile: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum MethodName {
    Interval,
    #[serde(alias = "montecarlo", alias = "monte-carlo")]
    MonteCarlo,
}

/// The JSON shape of [`UncertaintyOptions`].
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionsDoc {
    method: Option<MethodName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    samples: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    #[serde(default)]
    bounds: BoundOverrides,
    low_percentile: Option<f64>,
    high_percentile: Option<f64>,
}

impl UncertaintyOptions {
    /// The options as a command line or a form gives them: a method name (`interval`,
    /// `monte_carlo`, also spelt `montecarlo` or `monte-carlo`), a sample count and a
    /// seed. `None` when none is given; a seed or a count without a method means Monte
    /// Carlo (which needs the seed).
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] (field `uncertainty`) for an unknown method, a count or
    /// seed with `interval`, or Monte Carlo without a seed.
    ///
    /// # Examples
    /// ```
    /// use empreinte::{Method, UncertaintyOptions};
    /// let o = UncertaintyOptions::from_choices(None, None, Some(7))?.unwrap();
    /// assert_eq!(o.method, Method::MonteCarlo { samples: 10_000, seed: 7 });
    /// assert!(UncertaintyOptions::from_choices(None, None, None)?.is_none());
    /// # Ok::<(), empreinte::Error>(())
    /// ```
    pub fn from_choices(
        method: Option<&str>,
        samples: Option<u32>,
        seed: Option<u64>,
    ) -> Result<Option<UncertaintyOptions>, Error> {
        let invalid = |message: String| Error::InvalidDocument {
            field: "uncertainty".to_owned(),
            message,
        };
        if method.is_none() && samples.is_none() && seed.is_none() {
            return Ok(None);
        }
        let method = match method.map(|m| m.trim().to_ascii_lowercase()) {
            None if samples.is_some() || seed.is_some() => MethodName::MonteCarlo,
            None => MethodName::Interval,
            Some(m) if m == "interval" => MethodName::Interval,
            Some(m) if ["monte_carlo", "montecarlo", "monte-carlo"].contains(&m.as_str()) => {
                MethodName::MonteCarlo
            }
            Some(m) => {
                return Err(invalid(format!(
                    "unknown method {m:?}: interval or monte_carlo"
                )))
            }
        };
        let doc = OptionsDoc {
            method: Some(method),
            samples,
            seed,
            ..OptionsDoc::default()
        };
        UncertaintyOptions::try_from(doc).map(Some).map_err(invalid)
    }
}

impl TryFrom<OptionsDoc> for UncertaintyOptions {
    type Error = String;

    fn try_from(d: OptionsDoc) -> Result<Self, String> {
        let method = match d.method.unwrap_or(MethodName::Interval) {
            MethodName::Interval => {
                if d.samples.is_some() || d.seed.is_some() {
                    return Err("samples and seed only apply when method is monte_carlo".into());
                }
                Method::Interval
            }
            MethodName::MonteCarlo => Method::MonteCarlo {
                samples: d.samples.unwrap_or(DEFAULT_SAMPLES),
                seed: d.seed.ok_or("method monte_carlo needs a seed")?,
            },
        };
        Ok(UncertaintyOptions {
            method,
            bounds: d.bounds,
            low_percentile: d.low_percentile,
            high_percentile: d.high_percentile,
        })
    }
}

impl From<UncertaintyOptions> for OptionsDoc {
    fn from(o: UncertaintyOptions) -> OptionsDoc {
        let (method, samples, seed) = match o.method {
            Method::Interval => (MethodName::Interval, None, None),
            Method::MonteCarlo { samples, seed } => {
                (MethodName::MonteCarlo, Some(samples), Some(seed))
            }
        };
        OptionsDoc {
            method: Some(method),
            samples,
            seed,
            bounds: o.bounds,
            low_percentile: o.low_percentile,
            high_percentile: o.high_percentile,
        }
    }
}

/// What the PUE rests on, which decides its bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PueEvidence {
    /// Stated, or published by the data centre or provider.
    Declared,
    /// A platform default (the data version's `Unknown` PUE).
    Default,
    /// No facility (personal computer, PUE 1): no uncertainty.
    NoFacility,
}

/// The inputs of the uncertainty analysis, in plain numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UncertaintyInput<'a> {
    /// Central energy, kWh (the parity value).
    pub energy_kwh: f64,
    /// Central operational CO2e, g (the parity value).
    pub co2e_g: f64,
    /// Power drawn per component, PUE included, W.
    pub power_breakdown_w: Breakdown,
    /// PUE used (≥ 1).
    pub pue: f64,
    /// What the PUE rests on.
    pub pue_evidence: PueEvidence,
    /// Memory power used, W/GB.
    pub memory_power_w_per_gb: f64,
    /// Carbon intensity used, gCO2e/kWh.
    pub ci_g_per_kwh: f64,
    /// Location code (selects the CI bound: `FR` has its own).
    pub location: &'a str,
    /// Central embodied CO2e, g (0 when not counted).
    pub embodied_co2e_g: f64,
}

/// A quantity as `{low, central, high}`; `central` is the parity value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    /// Low end.
    pub low: f64,
    /// The parity (point) value.
    pub central: f64,
    /// High end.
    pub high: f64,
}

impl Range {
    fn new(low: f64, central: f64, high: f64) -> Range {
        Range {
            low: low.min(central),
            central,
            high: high.max(central),
        }
    }
}

/// Where a factor's bounds came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundOrigin {
    /// `data/beyond/uncertainty-bounds.csv`.
    Table,
    /// Given by the user.
    Stated,
    /// The factor is exact here (e.g. PUE 1 of a personal computer).
    Exact,
}

/// A factor's bounds as used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FactorRange {
    /// The factor.
    pub factor: Factor,
    /// Low end, in `unit`.
    pub low: f64,
    /// Central value, in `unit` (1 for multipliers).
    pub central: f64,
    /// High end, in `unit`.
    pub high: f64,
    /// `"×"` for multipliers, else the unit.
    pub unit: &'static str,
    /// Where the bounds came from.
    pub origin: BoundOrigin,
    /// The source of the table row (empty when stated or exact).
    pub source: &'static str,
}

/// One factor's share of the swing of the total CO2e.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Driver {
    /// The factor.
    pub factor: Factor,
    /// Its swing over the sum of all swings (shares sum to 1).
    pub share: f64,
}

/// The drivers with a non-zero share, largest first (ties in [`Factor::ALL`] order).
/// Serialised as a list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drivers {
    items: [Driver; 6],
    len: usize,
}

impl Drivers {
    /// The drivers, largest share first.
    pub fn as_slice(&self) -> &[Driver] {
        &self.items[..self.len]
    }
}

impl Serialize for Drivers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.as_slice())
    }
}

/// The ranges of a result and what drives them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Uncertainty {
    /// `"interval"` or `"monte_carlo"`.
    pub method: &'static str,
    /// Monte Carlo sample count.
    pub samples: Option<u32>,
    /// Monte Carlo seed.
    pub seed: Option<u64>,
    /// Monte Carlo percentiles reported as low and high.
    pub percentiles: Option<[f64; 2]>,
    /// Energy, kWh.
    pub energy_kwh_range: Range,
    /// Operational CO2e, g.
    pub co2e_g_range: Range,
    /// Embodied CO2e, g.
    pub embodied_co2e_g_range: Range,
    /// Operational + embodied CO2e, g.
    pub total_co2e_g_range: Range,
    /// Top drivers of the total.
    pub drivers: Drivers,
    /// The bounds used.
    pub factors: [FactorRange; 6],
}

/// The monotone model: outputs (energy, co2e, embodied, total) of factor values.
///
/// `energy = E × (PUE' / PUE) × (P_cpu × f_cpu + P_gpu × f_gpu + P_mem × m' / m) / ΣP`,
/// with the divisions by constants folded once into `k` and `mem_per_w`, so that an
/// evaluation is a few multiplications and additions.
struct Model {
    /// `E / (PUE × ΣP)`.
    k: f64,
    /// `P_cpu`, `P_gpu` (W, PUE included).
    p: [f64; 2],
    /// `P_mem / m` (W per W/GB); 0 when `m` is 0.
    mem_per_w: f64,
    /// `P_mem` when `m` is 0 (memory then has no factor to scale), else 0.
    mem_fixed: f64,
    /// Embodied CO2e, g.
    m0: f64,
}

impl Model {
    fn new(e0: f64, p: [f64; 3], pue0: f64, mem0: f64, m0: f64) -> Model {
        let p_sum = p[0] + p[1] + p[2];
        let k = if p_sum > 0.0 {
            e0 / (pue0 * p_sum)
        } else {
            0.0
        };
        let (mem_per_w, mem_fixed) = if mem0 > 0.0 {
            (p[2] / mem0, 0.0)
        } else {
            (0.0, p[2])
        };
        Model {
            k,
            p: [p[0], p[1]],
            mem_per_w,
            mem_fixed,
            m0,
        }
    }

    fn eval(&self, x: &[f64; 6]) -> [f64; 4] {
        let it = self.p[0] * x[0] + self.p[1] * x[1] + (self.mem_per_w * x[2] + self.mem_fixed);
        let energy = self.k * x[3] * it;
        let co2e = energy * x[4];
        let embodied = self.m0 * x[5];
        [energy, co2e, embodied, co2e + embodied]
    }
}

fn check_input(field: &str, v: f64) -> Result<f64, Error> {
    crate::error::check_non_negative(field, v)
}

fn table_bounds(
    f: Factor,
    c: f64,
    input: &UncertaintyInput,
) -> (f64, f64, &'static str, BoundOrigin) {
    let row = |r: &'static BoundRow| {
        let (lo, hi) = r.around(c);
        (lo, hi, r.source, BoundOrigin::Table)
    };
    match f {
        Factor::CpuPower | Factor::GpuPower => row(&data::BOUND_PROCESSOR_POWER_ANY),
        Factor::MemoryPower => row(&data::BOUND_MEMORY_POWER_ANY),
        Factor::Pue => match input.pue_evidence {
            PueEvidence::NoFacility => (c, c, "", BoundOrigin::Exact),
            PueEvidence::Default => row(&data::BOUND_PUE_DEFAULT_ANY),
            PueEvidence::Declared => {
                let (lo, hi, s, o) = row(&data::BOUND_PUE_DECLARED_ANY);
                (lo.max(1.0), hi, s, o)
            }
        },
        Factor::Ci => {
            let code = input.location.trim();
            let country = code.split('-').next().unwrap_or(code);
            if country.eq_ignore_ascii_case(data::BOUND_CI_FR.scope) {
                row(&data::BOUND_CI_FR)
            } else {
                row(&data::BOUND_CI_ANY)
            }
        }
        Factor::Embodied => row(&data::BOUND_EMBODIED_ANY),
    }
}

fn resolve(
    f: Factor,
    central: f64,
    input: &UncertaintyInput,
    o: &BoundOverrides,
) -> Result<FactorRange, Error> {
    let unit = match f {
        Factor::CpuPower | Factor::GpuPower | Factor::Embodied => "×",
        Factor::MemoryPower => "W/GB",
        Factor::Pue => "PUE",
        Factor::Ci => "gCO2e/kWh",
    };
    let (low, high, source, origin) = match o.get(f) {
        Some(b) => {
            let field = f.override_field();
            for v in [b.low, b.high] {
                check_input(field, v)?;
            }
            if f == Factor::Pue && b.low < 1.0 {
                return Err(Error::PueBelowOne {
                    field: format!("{field}.low"),
                    value: b.low,
                });
            }
            if !(b.low <= central && central <= b.high) {
                return Err(Error::InvalidBounds {
                    field: field.to_owned(),
                    low: b.low,
                    central,
                    high: b.high,
                });
            }
            (b.low, b.high, "", BoundOrigin::Stated)
        }
        None => {
            let (lo, hi, s, origin) = table_bounds(f, central, input);
            (lo.min(central), hi.max(central), s, origin)
        }
    };
    Ok(FactorRange {
        factor: f,
        low,
        central,
        high,
        unit,
        origin,
        source,
    })
}

fn check_percentile(field: &str, v: Option<f64>, default: f64) -> Result<f64, Error> {
    match v {
        None => Ok(default),
        Some(p) if !p.is_finite() => Err(Error::NonFiniteValue {
            field: field.to_owned(),
            value: p,
        }),
        Some(p) if !(0.0..=1.0).contains(&p) => Err(Error::FractionOutOfRange {
            field: field.to_owned(),
            value: p,
        }),
        Some(p) => Ok(p),
    }
}

/// Ranges of energy, operational, embodied and total CO2e, with the factors' bounds and
/// the top drivers. The interval method allocates nothing.
///
/// # Errors
/// A typed [`Error`] for a negative or non-finite input, a PUE below 1, user bounds that
/// are not ordered around the central value ([`Error::InvalidBounds`]), a sample count
/// of 0 or above [`MAX_SAMPLES`], or percentiles outside [0, 1] or not increasing.
///
/// # Examples
/// ```
/// use empreinte::{estimate, uncertainty, Job, UncertaintyInput, UncertaintyOptions};
/// let job = Job::from_json(r#"{"runtime_h": 10, "gpu": {"model": "NVIDIA A100 80GB PCIe",
///     "count": 1}, "memory_gb": 0, "location": "FR"}"#)?;
/// let e = estimate(&job)?;
/// let u = uncertainty(&UncertaintyInput::from_estimate(&e, None), &UncertaintyOptions::default())?;
/// assert_eq!(u.co2e_g_range.central, e.figures.co2e_g);
/// assert!(u.co2e_g_range.low < e.figures.co2e_g && e.figures.co2e_g < u.co2e_g_range.high);
/// assert_eq!(u.drivers.as_slice()[0].factor, empreinte::Factor::Ci);
/// # Ok::<(), empreinte::Error>(())
/// ```
pub fn uncertainty(input: &UncertaintyInput, o: &UncertaintyOptions) -> Result<Uncertainty, Error> {
    let energy = check_input("energy_kwh", input.energy_kwh)?;
    let co2e = check_input("co2e_g", input.co2e_g)?;
    let p = [
        check_input("power_breakdown_w.cpu", input.power_breakdown_w.cpu)?,
        check_input("power_breakdown_w.gpu", input.power_breakdown_w.gpu)?,
        check_input("power_breakdown_w.memory", input.power_breakdown_w.memory)?,
    ];
    let pue = check_input("pue", input.pue)?;
    if pue < 1.0 {
        return Err(Error::PueBelowOne {
            field: "pue".to_owned(),
            value: pue,
        });
    }
    let mem0 = check_input("memory_power_w_per_gb", input.memory_power_w_per_gb)?;
    let ci = check_input("ci_g_per_kwh", input.ci_g_per_kwh)?;
    let m0 = check_input("embodied_co2e_g", input.embodied_co2e_g)?;
    let centrals = [1.0, 1.0, mem0, pue, ci, 1.0];
    let mut factors = [FactorRange {
        factor: Factor::CpuPower,
        low: 1.0,
        central: 1.0,
        high: 1.0,
        unit: "×",
        origin: BoundOrigin::Exact,
        source: "",
    }; 6];
    for (i, f) in Factor::ALL.into_iter().enumerate() {
        factors[i] = resolve(f, centrals[i], input, &o.bounds)?;
    }
    let model = Model::new(energy, p, pue, mem0, m0);
    let central_out = [energy, co2e, m0, co2e + m0];
    let lows: [f64; 6] = std::array::from_fn(|i| factors[i].low);
    let highs: [f64; 6] = std::array::from_fn(|i| factors[i].high);

    // one-at-a-time swings of the total
    let mut swings = [0.0; 6];
    for (i, s) in swings.iter_mut().enumerate() {
        let (mut lo, mut hi) = (centrals, centrals);
        lo[i] = lows[i];
        hi[i] = highs[i];
        *s = (model.eval(&hi)[3] - model.eval(&lo)[3]).max(0.0);
    }
    let drivers = drivers(&swings);

    let (method, samples, seed, percentiles, bounds) = match o.method {
        Method::Interval => {
            let lo = model.eval(&lows);
            let hi = model.eval(&highs);
            (
                "interval",
                None,
                None,
                None,
                std::array::from_fn(|k| (lo[k], hi[k])),
            )
        }
        Method::MonteCarlo { samples, seed } => {
            if samples == 0 || samples > MAX_SAMPLES {
                return Err(Error::CountOutOfRange {
                    field: "uncertainty.samples".to_owned(),
                    value: i64::from(samples),
                    max: i64::from(MAX_SAMPLES),
                });
            }
            let pl = check_percentile("uncertainty.low_percentile", o.low_percentile, 0.05)?;
            let ph = check_percentile("uncertainty.high_percentile", o.high_percentile, 0.95)?;
            if pl >= ph {
                return Err(Error::ConflictingInput {
                    field: "uncertainty.low_percentile".to_owned(),
                    value: pl.to_string(),
                    other: format!("uncertainty.high_percentile {ph} (low must be below high)"),
                });
            }
            let tri: [(f64, f64, f64); 6] =
                std::array::from_fn(|i| (factors[i].low, factors[i].central, factors[i].high));
            let r = montecarlo::simulate(&tri, samples as usize, seed, pl, ph, |x| model.eval(x));
            ("monte_carlo", Some(samples), Some(seed), Some([pl, ph]), r)
        }
    };
    let range = |k: usize| Range::new(bounds[k].0, central_out[k], bounds[k].1);
    let total_hi = range(3).high;
    if !total_hi.is_finite() || !range(0).high.is_finite() {
        return Err(Error::Overflow {
            field: "total_co2e_g_range.high".to_owned(),
        });
    }
    Ok(Uncertainty {
        method,
        samples,
        seed,
        percentiles,
        energy_kwh_range: range(0),
        co2e_g_range: range(1),
        embodied_co2e_g_range: range(2),
        total_co2e_g_range: range(3),
        drivers,
        factors,
    })
}

fn drivers(swings: &[f64; 6]) -> Drivers {
    let sum: f64 = swings.iter().sum();
    let mut items = [Driver {
        factor: Factor::CpuPower,
        share: 0.0,
    }; 6];
    let mut len = 0;
    if sum > 0.0 && sum.is_finite() {
        for (f, &s) in Factor::ALL.into_iter().zip(swings.iter()) {
            if s > 0.0 {
                items[len] = Driver {
                    factor: f,
                    share: s / sum,
                };
                len += 1;
            }
        }
        // insertion sort, largest first; stable, so ties keep the factor order
        for i in 1..len {
            let mut j = i;
            while j > 0 && items[j - 1].share < items[j].share {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    Drivers { items, len }
}
