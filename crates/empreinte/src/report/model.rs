//! The report document (schema 1.0): the types, serialised by serde in the field order
//! below. Computed quantities are [`Fixed`](super::fixed::Fixed) decimal strings; factors
//! and inputs are the JSON numbers of the data and the manifest.

use serde::{Deserialize, Serialize};

use super::fixed::{EquivFixed, GramsFixed, KwhFixed, LitresFixed, ShareFixed};
use super::manifest::{EvidenceKind, Manifest};
use crate::format::Lang;
use crate::ga::phases::Phase;

/// The schema version this tool writes and reads.
pub const SCHEMA_VERSION: &str = "1.0";
/// The schema's identifier (its `$id`).
pub const SCHEMA_ID: &str =
    "https://github.com/empreinte/empreinte/blob/main/schemas/empreinte-report-1.0.schema.json";
/// The JSON Schema (2020-12) of the report, as published in `schemas/`.
pub const SCHEMA_JSON: &str = include_str!("empreinte-report-1.0.schema.json");

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// French (authoritative).
    pub fr: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    pub(crate) fn new(fr: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual {
            fr: fr.into(),
            en: en.into(),
        }
    }
}

/// Which schema the report follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaRef {
    /// The schema's `$id`.
    pub id: String,
    /// `"1.0"`.
    pub version: String,
}

/// The tool that made the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// `"Empreinte"`.
    pub name: String,
    /// Its version, e.g. `"0.1.0"`.
    pub version: String,
    /// The build that ran: `rust`, `python` or `wasm` (outside the digest: every build
    /// writes the same payload).
    pub target: String,
}

/// A dataset the factors come from, pinned by version and digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetRef {
    /// Identifier used by [`ReportedFactor::dataset`], e.g. `"green-algorithms@v3.0"`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Version.
    pub version: String,
    /// SPDX licence identifier.
    pub licence: String,
    /// Attribution required by the licence.
    pub attribution: String,
    /// SHA-256 over the `name:sha256\n` lines of the files, hex.
    pub digest: String,
    /// The upstream files and their SHA-256.
    pub files: Vec<FileRef>,
}

/// One upstream file of a dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    /// File name.
    pub name: String,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
}

/// What a factor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    /// Carbon intensity of electricity, gCO2e/kWh.
    CarbonIntensity,
    /// Power per CPU core, W.
    CpuPower,
    /// Power per GPU, W.
    GpuPower,
    /// Memory power, W/GB.
    MemoryPower,
    /// Power usage effectiveness.
    Pue,
    /// Water usage effectiveness, L/kWh.
    Wue,
    /// Water intensity of electricity (off site), L/kWh.
    Ewif,
    /// Manufacturing emissions of the devices, gCO2e.
    Embodied,
    /// Constant of an equivalence.
    Equivalence,
}

/// Where a factor's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorOrigin {
    /// A row of a pinned dataset.
    Dataset,
    /// Declared by the supplier (with its evidence).
    Declared,
    /// Measured by the supplier (with its evidence).
    Measured,
    /// A rule of the tool (e.g. PUE 1 for a personal computer).
    Rule,
}

/// Qualifiers of a carbon intensity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiMeta {
    /// `"average"` or `"marginal"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `"location-based"` (never market-based here).
    pub approach: String,
    /// `"lifecycle"`, `"direct"`, or `null` where the source does not say.
    pub scope: Option<String>,
    /// `"production"`, `"consumption"`, or `null` where the source does not say.
    pub basis: Option<String>,
    /// Granularity of the location: `World`, `Country`, `Region`.
    pub granularity: String,
    /// The location code.
    pub location: String,
}

/// One factor used, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedFactor {
    /// Identifier, e.g. `"ci/FR"`, `"cpu_power/Xeon Gold 6248"`, `"pue/training"`.
    pub id: String,
    /// What it is.
    pub kind: FactorKind,
    /// Readable label (a model, a location, a variable).
    pub label: String,
    /// The value, in `unit`.
    pub value: f64,
    /// Unit, e.g. `"gCO2e/kWh"`.
    pub unit: String,
    /// Where the value comes from.
    pub origin: FactorOrigin,
    /// Source, as the dataset or the evidence gives it.
    pub source: String,
    /// Year the value refers to, where the source states it.
    pub year: Option<u16>,
    /// Licence of the value (SPDX), or `"declaration"` for the supplier's own.
    pub licence: String,
    /// The [`DatasetRef::id`] it comes from, if any.
    pub dataset: Option<String>,
    /// For a carbon intensity, its type, approach, scope and basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci: Option<CiMeta>,
    /// Components that use it.
    pub used_by: Vec<String>,
}

/// A section that is either computed or not, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Section<T> {
    /// Computed.
    Computed {
        /// The figures.
        value: T,
    },
    /// Not computed.
    NotComputed {
        /// Why, in both languages.
        reason: Bilingual,
        /// The id of the entry of `limitations` that says so.
        limitation: String,
    },
}

impl<T> Section<T> {
    /// The value when computed.
    pub fn computed(&self) -> Option<&T> {
        match self {
            Section::Computed { value } => Some(value),
            Section::NotComputed { .. } => None,
        }
    }
}

/// Energy split, kWh: IT energy of CPU, GPU and memory, the facility's overhead (PUE),
/// and their exact sum.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnergySplit {
    /// CPU cores.
    pub cpu: KwhFixed,
    /// GPUs.
    pub gpu: KwhFixed,
    /// Memory.
    pub memory: KwhFixed,
    /// Facility overhead: total × (1 − 1/PUE).
    pub facility_overhead: KwhFixed,
    /// Sum of the four.
    pub total: KwhFixed,
}

/// Operational CO2e split, g, as [`EnergySplit`].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Co2eSplit {
    /// CPU cores.
    pub cpu: GramsFixed,
    /// GPUs.
    pub gpu: GramsFixed,
    /// Memory.
    pub memory: GramsFixed,
    /// Facility overhead.
    pub facility_overhead: GramsFixed,
    /// Sum of the four.
    pub total: GramsFixed,
}

/// Embodied (manufacturing) emissions: M = TE × (time counted ÷ lifespan) × resource
/// share. A phase or the total gives the sum and the share only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedEmbodied {
    /// Model used (`ga-v3.1`, `ccf-teads`; several joined with ` + `).
    pub model: String,
    /// M, g.
    pub co2e_g: GramsFixed,
    /// M ÷ (operational + M), from the rounded figures.
    pub share_of_total: ShareFixed,
    /// TE: the manufacturing emissions of the devices counted, g (components only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub te_g: Option<GramsFixed>,
    /// Expected lifespan, h (components only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifespan_h: Option<f64>,
    /// Share of the devices reserved (components only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_share: Option<f64>,
    /// Whether idle reserved time is counted (components only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_idle: Option<bool>,
}

/// A total CO2e and what it includes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalCo2e {
    /// gCO2e.
    pub co2e_g: GramsFixed,
    /// Parts included: `operational`, `embodied`.
    pub includes: Vec<String>,
}

/// Low, central and high values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedRange<T> {
    /// Low.
    pub low: T,
    /// Central (the value of the calculation).
    pub central: T,
    /// High.
    pub high: T,
}

/// Uncertainty ranges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranges {
    /// Method (`"interval"`, `"monte_carlo"` with its seed).
    pub method: String,
    /// Energy, kWh.
    pub energy_kwh: ReportedRange<KwhFixed>,
    /// Operational CO2e, g.
    pub co2e_g: ReportedRange<GramsFixed>,
    /// Embodied CO2e, g.
    pub embodied_co2e_g: ReportedRange<GramsFixed>,
    /// Total CO2e, g.
    pub total_co2e_g: ReportedRange<GramsFixed>,
}

/// Water, L.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedWater {
    /// On site (cooling): IT energy × WUE.
    pub onsite: LitresFixed,
    /// Off site (electricity generation): energy × EWIF.
    pub offsite: LitresFixed,
    /// Sum.
    pub total: LitresFixed,
}

/// The result under an alternative carbon-intensity source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedCiAlternative {
    /// Source, zone and year.
    pub source: String,
    /// Its carbon intensity, gCO2e/kWh (`null` for a sum over different intensities).
    pub ci_g_per_kwh: Option<f64>,
    /// Operational CO2e with it, g.
    pub co2e_g: GramsFixed,
}

/// A factor's share of the uncertainty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedDriver {
    /// The factor.
    pub factor: String,
    /// Its share of the variance (or of the interval), 0–1.
    pub share: ShareFixed,
}

/// The SCI score (ISO/IEC 21031:2024): (E × I + M) per R.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedSci {
    /// gCO2e per functional unit.
    pub value: GramsFixed,
    /// `"gCO2e per <functional unit>"`.
    pub unit: String,
}

/// The figures of a component, a phase or the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedFigures {
    /// Energy, kWh.
    pub energy_kwh: EnergySplit,
    /// Operational CO2e (E × I), g.
    pub operational_co2e_g: Co2eSplit,
    /// Embodied CO2e (M).
    pub embodied: Section<ReportedEmbodied>,
    /// Operational + embodied.
    pub total_co2e_g: Section<TotalCo2e>,
    /// Uncertainty ranges.
    pub ranges: Section<Ranges>,
    /// Water.
    pub water_l: Section<ReportedWater>,
    /// Result under an alternative CI source.
    pub ci_alternative: Section<ReportedCiAlternative>,
    /// Top drivers of the uncertainty.
    pub drivers: Section<Vec<ReportedDriver>>,
}

/// The PUE a component used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PueUsed {
    /// Value.
    pub value: f64,
    /// `stated`, `datacenter`, `provider_default` or `platform_default`.
    pub source: String,
    /// Evidence kind.
    pub evidence: EvidenceKind,
}

/// The carbon intensity a component used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedCi {
    /// gCO2e/kWh.
    pub g_per_kwh: f64,
    /// Location code.
    pub location: String,
    /// Location name.
    pub location_name: String,
    /// `stated` or `datacenter`.
    pub location_source: String,
    /// The [`ReportedFactor::id`].
    pub factor: String,
}

/// The factor a component's figures were scaled by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalingUsed {
    /// `1 + rd_multiple + retrainings × retrain_ratio`.
    pub training_factor: f64,
    /// Reporting period ÷ span (1 without continuous operation).
    pub period_factor: f64,
    /// Their product: every figure of the component is the job's times this.
    pub factor: f64,
}

/// One component's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentResult {
    /// The component's id.
    pub id: String,
    /// Its phase.
    pub phase: Phase,
    /// Power drawn, facility included, W.
    pub power_w: super::fixed::Fixed<3>,
    /// PUE used.
    pub pue: PueUsed,
    /// Carbon intensity used.
    pub ci: ReportedCi,
    /// The scaling applied, when the manifest gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<ScalingUsed>,
    /// The figures.
    #[serde(flatten)]
    pub figures: ReportedFigures,
    /// The Green Algorithms "how to report" paragraph for this component.
    pub citation: Bilingual,
}

/// One phase's results: the sums of its components.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportedPhase {
    /// The phase.
    pub phase: Phase,
    /// Its components' ids.
    pub components: Vec<String>,
    /// The figures.
    #[serde(flatten)]
    pub figures: ReportedFigures,
}

/// The project's total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TotalResult {
    /// The figures.
    #[serde(flatten)]
    pub figures: ReportedFigures,
    /// SCI per functional unit.
    pub sci: Section<ReportedSci>,
}

/// Results per component, per phase and in total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Per component, in manifest order.
    pub components: Vec<ComponentResult>,
    /// Per phase, in phase order, phases with components only.
    pub phases: Vec<ReportedPhase>,
    /// Total.
    pub total: TotalResult,
}

/// How one input is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// Component id.
    pub component: String,
    /// Input path in the component, e.g. `"job.gpu.usage"`.
    pub input: String,
    /// Measured, declared or default.
    pub quality: EvidenceKind,
    /// What it rests on (dataset row, evidence, method).
    pub basis: String,
}

/// A limitation of the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limitation {
    /// Identifier, e.g. `"power_model"`.
    pub id: String,
    /// French.
    pub fr: String,
    /// English.
    pub en: String,
}

/// Fixed statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statements {
    /// No offsets, RECs, guarantees of origin or PPAs deducted.
    pub no_offsets: Bilingual,
    /// Location-based carbon intensity.
    pub location_based: Bilingual,
    /// Equivalences are context, never instead of the figures.
    pub equivalences: Bilingual,
}

/// An equivalence of the total, with its constant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equivalence {
    /// `tree_months`, `car_km` or `flight`.
    pub metric: String,
    /// The value.
    pub value: EquivFixed,
    /// Its unit (`tree-months`, `km`, `flights`).
    pub unit: String,
    /// The CO2e it is computed from, g.
    pub basis_co2e_g: GramsFixed,
    /// The [`ReportedFactor::id`] of its constant.
    pub factor: String,
    /// For a flight, the route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
}

/// The digest of the payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Integrity {
    /// `"SHA-256"`.
    pub algorithm: String,
    /// `"RFC 8785"`.
    pub canonicalization: String,
    /// JSON Pointers of what the digest leaves out.
    pub excluded: Vec<String>,
    /// SHA-256 of the canonical payload, lowercase hex.
    pub payload_sha256: String,
}

/// An audit-grade footprint report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Schema id and version.
    pub schema: SchemaRef,
    /// UUID of this report (outside the digest).
    pub report_id: String,
    /// When it was generated, RFC 3339 UTC (outside the digest).
    pub generated_at: String,
    /// The tool.
    pub tool: Tool,
    /// Languages of its texts: `["fr", "en"]`, French authoritative.
    pub languages: Vec<Lang>,
    /// The manifest, normalised: every default written out and listed in `defaults`.
    pub manifest: Manifest,
    /// Datasets the factors come from.
    pub datasets: Vec<DatasetRef>,
    /// Factors used.
    pub factors: Vec<ReportedFactor>,
    /// Results.
    pub results: Results,
    /// How each input is known.
    pub data_quality: Vec<Quality>,
    /// Limitations.
    pub limitations: Vec<Limitation>,
    /// Statements.
    pub statements: Statements,
    /// Equivalences of the total.
    pub equivalences: Vec<Equivalence>,
    /// Citable paragraph.
    pub citation: Bilingual,
    /// Digest.
    pub integrity: Integrity,
}
