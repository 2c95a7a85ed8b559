//! From a manifest to a report: defaults applied and flagged, each component estimated,
//! figures rounded to their fixed scales and summed exactly per phase and in total.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::beyond;
use super::fixed::{Equiv, Fixed, Grams, Kwh};
use super::jcs;
use super::manifest::{
    manifest_error, Component, EvidenceKind, FactorEvidence, Manifest, Phase, Timestamp,
};
use super::model::*;
use super::text;
use crate::error::Error;
use crate::estimate::{estimate, Estimate, PowerOrigin, PueSource};
use crate::format::Lang;
use crate::tables::{DataVersion, Dataset, GA_ATTRIBUTION, GA_LICENCE};
use crate::{Equivalences, Route};

/// The tool's name in reports.
pub const TOOL_NAME: &str = "Empreinte";
/// The tool's version in reports.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// JSON Pointers of the members the digest leaves out: the digest itself, the report's
/// identity and time, and the build target (every build writes the same payload).
pub const EXCLUDED: [&str; 4] = ["/integrity", "/report_id", "/generated_at", "/tool/target"];

/// The uncertainty method `choices.uncertainty_method` can name (Monte Carlo needs its
/// seed: give it in a job's `uncertainty` options).
pub const UNCERTAINTY_METHODS: [&str; 1] = ["interval"];

/// What the caller supplies: the report's identity, its time and the build target. The
/// core never reads a clock or a random source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// UUID, lowercase, `8-4-4-4-12` hex digits.
    pub report_id: String,
    /// RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub generated_at: String,
    /// `rust`, `python` or `wasm`.
    pub target: String,
}

/// Whether `s` is a lowercase hyphenated UUID.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

impl Envelope {
    pub(crate) fn check(&self) -> Result<(), Error> {
        let bad = |field: &str, message: String| Error::InvalidReport {
            field: field.to_owned(),
            message,
        };
        if !is_uuid(&self.report_id) {
            return Err(bad(
                "report_id",
                format!("{:?} is not a lowercase UUID", self.report_id),
            ));
        }
        if Timestamp::parse(&self.generated_at).is_none() {
            return Err(bad(
                "generated_at",
                format!(
                    "{:?} is not a UTC time such as 2025-01-01T00:00:00Z",
                    self.generated_at
                ),
            ));
        }
        let ok = !self.target.is_empty()
            && self.target.len() <= 32
            && self
                .target
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(bad(
                "tool.target",
                format!("{:?} is not a target name", self.target),
            ));
        }
        Ok(())
    }
}

/// A manifest with its defaults applied and each component estimated.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The normalised manifest.
    pub manifest: Manifest,
    /// The data version of every component.
    pub data_version: DataVersion,
    /// One estimate per component.
    pub estimates: Vec<Estimate>,
}

/// Applies the stated choices to every component whose job does not make its own.
fn apply_choices(m: &mut Manifest) -> Result<(), Error> {
    let embodied = match m.choices.embodied_model.as_deref() {
        Some(v) => Some(
            serde_json::from_value::<crate::EmbodiedModel>(serde_json::Value::from(v)).map_err(
                |_| {
                    manifest_error(
                        "choices.embodied_model",
                        None,
                        &format!("{v:?} is not an embodied model: ga-v3.1 or ccf-teads"),
                    )
                },
            )?,
        ),
        None => None,
    };
    if let Some(v) = m.choices.uncertainty_method.as_deref() {
        if !UNCERTAINTY_METHODS.contains(&v) {
            return Err(manifest_error(
                "choices.uncertainty_method",
                None,
                &format!(
                    "{v:?}: choices name {}; for monte_carlo give a component's job.uncertainty with its seed",
                    UNCERTAINTY_METHODS.join(", ")
                ),
            ));
        }
    }
    for c in &mut m.components {
        let job = &mut c.job;
        if let Some(source) = &m.choices.ci_source {
            if job.ci_source.is_none() && job.ci_g_per_kwh.is_none() && job.ci_series.is_none() {
                job.ci_source = Some(source.clone());
            }
        }
        if let Some(model) = embodied {
            let o = job.embodied.get_or_insert_with(Default::default);
            if o.model.is_none() {
                o.model = Some(model);
            }
        }
        if m.choices.uncertainty_method.is_some() && job.uncertainty.is_none() {
            job.uncertainty = Some(Default::default());
        }
    }
    Ok(())
}

/// Applies the defaults, flags them, and estimates each component.
///
/// Fields listed in a `defaults` array are read as absent first (a default is always
/// re-derived), except `choices.data_version`, which stays pinned once written.
///
/// # Errors
/// [`Error::InvalidManifest`] for choices and evidence that do not hold together;
/// [`Error::InComponent`] for a job the calculation rejects.
pub fn prepare(input: &Manifest) -> Result<Prepared, Error> {
    input.check()?;
    let mut m = input.clone();
    let mut top_defaults = Vec::new();
    // manifest-level defaults: strip, then re-apply
    for (i, name) in input.defaults.iter().enumerate() {
        match name.as_str() {
            "choices.data_version" => {}
            "choices.ci_source" => m.choices.ci_source = None,
            "choices.embodied_model" => m.choices.embodied_model = None,
            "choices.uncertainty_method" => m.choices.uncertainty_method = None,
            _ => {
                return Err(manifest_error(
                    &format!("defaults[{i}]"),
                    None,
                    &format!("{name:?} is not a field with a default"),
                ))
            }
        }
    }
    let version = match m.choices.data_version.as_deref() {
        Some(v) => {
            if input.defaults.iter().any(|d| d == "choices.data_version") {
                top_defaults.push("choices.data_version".to_owned());
            }
            DataVersion::parse(v)
                .map_err(|e| manifest_error("choices.data_version", None, &e.to_string()))?
        }
        None => {
            top_defaults.push("choices.data_version".to_owned());
            DataVersion::DEFAULT
        }
    };
    m.choices.data_version = Some(version.as_str().to_owned());
    apply_choices(&mut m)?;
    let mut estimates = Vec::with_capacity(m.components.len());
    for (i, c) in m.components.iter_mut().enumerate() {
        let own_ci = c.job.ci_source.is_some();
        let e = prepare_component(c, i, version).map_err(|e| match e {
            // the source came from choices: say so
            Error::InComponent { ref field, .. }
                if !own_ci && field.ends_with(".job.ci_source") =>
            {
                manifest_error("choices.ci_source", None, &e.to_string())
            }
            e => e,
        })?;
        estimates.push(e);
    }
    // choices left to their defaults: written out from what the calculation used
    let first = estimates.first();
    let used = [
        (
            "choices.ci_source",
            first.map(|e| e.ci.value.source.id.to_owned()),
        ),
        (
            "choices.embodied_model",
            first.map(|e| {
                e.embodied
                    .as_ref()
                    .map_or_else(|| "none".to_owned(), |x| beyond::name(&x.model))
            }),
        ),
        (
            "choices.uncertainty_method",
            first.map(|e| {
                e.uncertainty
                    .as_ref()
                    .map_or_else(|| "none".to_owned(), |u| u.method.to_owned())
            }),
        ),
    ];
    for (field, value) in used {
        let slot = match field {
            "choices.ci_source" => &mut m.choices.ci_source,
            "choices.embodied_model" => &mut m.choices.embodied_model,
            _ => &mut m.choices.uncertainty_method,
        };
        if slot.is_none() {
            *slot = value;
            top_defaults.push(field.to_owned());
        }
    }
    m.defaults = top_defaults;
    Ok(Prepared {
        manifest: m,
        data_version: version,
        estimates,
    })
}

fn prepare_component(c: &mut Component, i: usize, version: DataVersion) -> Result<Estimate, Error> {
    let base = format!("components[{i}]");
    for (j, name) in c.defaults.clone().iter().enumerate() {
        let job = &mut c.job;
        match name.as_str() {
            "job.platform" => job.platform = None,
            "job.multiplicative_factor" => job.multiplicative_factor = None,
            "job.pue" => job.pue = None,
            "job.cpu.usage" => {
                if let Some(cpu) = job.cpu.as_mut() {
                    cpu.usage = None;
                }
            }
            "job.gpu.usage" => {
                if let Some(gpu) = job.gpu.as_mut() {
                    gpu.usage = None;
                }
            }
            "evidence.pue" => c.evidence.pue = None,
            _ => {
                return Err(manifest_error(
                    &format!("{base}.defaults[{j}]"),
                    None,
                    &format!("{name:?} is not a field with a default"),
                ))
            }
        }
    }
    // evidence that says nothing the tool would not derive is re-derived (and flagged)
    if let Some(ev) = &c.evidence.pue {
        let bare = ev.year.is_none() && ev.method.is_none() && ev.source.is_none();
        let derived = match ev.kind {
            EvidenceKind::Default => c.job.pue.is_none(),
            EvidenceKind::Declared => bare && c.job.pue.is_some(),
            EvidenceKind::Measured => false,
        };
        if derived {
            c.evidence.pue = None;
        }
    }
    let mut defaults = Vec::new();
    if let Some(v) = c.job.data_version.as_deref() {
        let own = DataVersion::parse(v).map_err(|e| in_component(i, e))?;
        if own != version {
            return Err(manifest_error(
                &format!("{base}.job.data_version"),
                None,
                &format!(
                    "{v:?} differs from choices.data_version {:?}: one data version per report",
                    version.as_str()
                ),
            ));
        }
    }
    c.job.data_version = Some(version.as_str().to_owned());
    let e = estimate(&c.job).map_err(|e| in_component(i, e))?;
    // evidence for the PUE must agree with where the PUE came from
    let stated = e.pue.source == PueSource::Stated;
    match (&c.evidence.pue, stated) {
        (Some(ev), true) if ev.kind == EvidenceKind::Default => {
            return Err(manifest_error(
                &format!("{base}.evidence.pue.kind"),
                None,
                "the job states its pue: its evidence is measured or declared, not default",
            ))
        }
        (Some(ev), false) if ev.kind != EvidenceKind::Default => {
            return Err(manifest_error(
                &format!("{base}.evidence.pue.kind"),
                None,
                &format!(
                    "evidence is {} but the job gives no pue: give job.pue",
                    ev.kind.as_str()
                ),
            ))
        }
        (None, true) => {
            c.evidence.pue = Some(FactorEvidence {
                kind: EvidenceKind::Declared,
                year: None,
                method: None,
                source: None,
            });
            defaults.push("evidence.pue".to_owned());
        }
        (None, false) => {
            c.evidence.pue = Some(FactorEvidence {
                kind: EvidenceKind::Default,
                year: year_in(e.pue.reference),
                method: Some(pue_rule(e.pue.source).to_owned()),
                source: Some(e.pue.reference.to_owned()).filter(|s| !s.is_empty()),
            });
            defaults.push("evidence.pue".to_owned());
        }
        _ => {}
    }
    // write every default of the job out
    for name in e.defaults.names() {
        match name {
            "platform" => c.job.platform = Some(e.platform),
            "multiplicative_factor" => c.job.multiplicative_factor = Some(e.multiplicative_factor),
            "pue" => c.job.pue = Some(e.pue.value),
            "cpu.usage" => {
                if let (Some(cpu), Some(used)) = (c.job.cpu.as_mut(), e.cpu.as_ref()) {
                    cpu.usage = Some(used.usage);
                }
            }
            "gpu.usage" => {
                if let (Some(gpu), Some(used)) = (c.job.gpu.as_mut(), e.gpu.as_ref()) {
                    gpu.usage = Some(used.usage);
                }
            }
            _ => continue, // data_version: pinned by choices
        }
        defaults.push(format!("job.{name}"));
    }
    defaults.sort();
    c.defaults = defaults;
    Ok(e)
}

fn in_component(i: usize, e: Error) -> Error {
    let inner = e.field().unwrap_or(".");
    let field = if inner == "." {
        format!("components[{i}].job")
    } else {
        format!("components[{i}].job.{inner}")
    };
    Error::InComponent {
        field,
        index: i,
        source: Box::new(e),
    }
}

fn pue_rule(source: PueSource) -> &'static str {
    match source {
        PueSource::Stated => "stated",
        PueSource::Datacenter => "data centre's published PUE (dataset)",
        PueSource::ProviderDefault => "cloud provider's default PUE (dataset)",
        PueSource::PlatformDefault => "platform default PUE (dataset or rule)",
    }
}

fn pue_source_name(source: PueSource) -> &'static str {
    match source {
        PueSource::Stated => "stated",
        PueSource::Datacenter => "datacenter",
        PueSource::ProviderDefault => "provider_default",
        PueSource::PlatformDefault => "platform_default",
    }
}

/// The year a dataset's source text states: a leading `YYYY ` or `data from YYYY`.
fn year_in(source: &str) -> Option<u16> {
    let year = |s: &str| -> Option<u16> {
        let y = s.get(..4)?;
        if y.bytes().all(|b| b.is_ascii_digit())
            && !s[4..].starts_with(|c: char| c.is_ascii_digit())
        {
            y.parse().ok().filter(|y| (1990..=2100).contains(y))
        } else {
            None
        }
    };
    if let Some(i) = source.find("data from ") {
        if let Some(y) = year(&source[i + 10..]) {
            return Some(y);
        }
    }
    year(source).filter(|_| source.as_bytes().get(4) == Some(&b' '))
}

/// The dataset id of a data version.
fn dataset_id(v: DataVersion) -> String {
    format!("green-algorithms@{}", v.as_str())
}

struct Factors {
    map: BTreeMap<String, Factor>,
}

impl Factors {
    fn add(&mut self, f: Factor, component: &str) {
        let entry = self.map.entry(f.id.clone()).or_insert(f);
        if !entry.used_by.iter().any(|c| c == component) {
            entry.used_by.push(component.to_owned());
        }
    }
}

fn dataset_factor(
    id: String,
    kind: FactorKind,
    label: &str,
    value: f64,
    unit: &str,
    source: &str,
    v: DataVersion,
) -> Factor {
    Factor {
        id,
        kind,
        label: label.to_owned(),
        value,
        unit: unit.to_owned(),
        origin: FactorOrigin::Dataset,
        source: source.to_owned(),
        year: year_in(source),
        licence: GA_LICENCE.to_owned(),
        dataset: Some(dataset_id(v)),
        ci: None,
        used_by: Vec::new(),
    }
}

fn declared_factor(
    id: String,
    kind: FactorKind,
    label: &str,
    value: f64,
    unit: &str,
    evidence: Option<&FactorEvidence>,
    measured: bool,
) -> Factor {
    let origin = match (evidence.map(|e| e.kind), measured) {
        (Some(EvidenceKind::Measured), _) | (_, true) => FactorOrigin::Measured,
        _ => FactorOrigin::Declared,
    };
    let source = evidence
        .map(|e| {
            [e.method.as_deref(), e.source.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ")
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "declared by the supplier".to_owned());
    Factor {
        id,
        kind,
        label: label.to_owned(),
        value,
        unit: unit.to_owned(),
        origin,
        source,
        year: evidence.and_then(|e| e.year),
        licence: "declaration".to_owned(),
        dataset: None,
        ci: None,
        used_by: Vec::new(),
    }
}

fn is_measured(c: &Component, field: &str) -> bool {
    c.measured
        .as_ref()
        .is_some_and(|m| m.fields.iter().any(|f| f == field))
}

/// Factors used by one component.
fn component_factors(f: &mut Factors, c: &Component, e: &Estimate, v: DataVersion) {
    if let Some(cpu) = &e.cpu {
        let factor = match cpu.origin {
            PowerOrigin::Table => dataset_factor(
                format!("cpu_power/{}", cpu.model),
                FactorKind::CpuPower,
                &cpu.model,
                cpu.tdp_per_core_w,
                "W/core",
                cpu.source,
                v,
            ),
            PowerOrigin::Stated => declared_factor(
                format!("cpu_power/{}/{}", c.id, cpu.model),
                FactorKind::CpuPower,
                &cpu.model,
                cpu.tdp_per_core_w,
                "W/core",
                None,
                is_measured(c, "cpu.tdp_per_core_w"),
            ),
        };
        f.add(factor, &c.id);
    }
    if let Some(gpu) = &e.gpu {
        let factor = match gpu.origin {
            PowerOrigin::Table => dataset_factor(
                format!("gpu_power/{}", gpu.model),
                FactorKind::GpuPower,
                &gpu.model,
                gpu.tdp_w,
                "W/GPU",
                gpu.source,
                v,
            ),
            PowerOrigin::Stated => declared_factor(
                format!("gpu_power/{}/{}", c.id, gpu.model),
                FactorKind::GpuPower,
                &gpu.model,
                gpu.tdp_w,
                "W/GPU",
                None,
                is_measured(c, "gpu.tdp_w"),
            ),
        };
        f.add(factor, &c.id);
    }
    let ds = v.dataset();
    let mem_source = ds
        .reference_values
        .iter()
        .find(|r| r.variable == "memoryPower")
        .map_or("", |r| r.source);
    f.add(
        dataset_factor(
            "memory_power".to_owned(),
            FactorKind::MemoryPower,
            "memoryPower",
            e.memory_power_w_per_gb,
            "W/GB",
            mem_source,
            v,
        ),
        &c.id,
    );
    let pue = match e.pue.source {
        PueSource::Stated => declared_factor(
            format!("pue/{}", c.id),
            FactorKind::Pue,
            &c.id,
            e.pue.value,
            "1",
            c.evidence.pue.as_ref(),
            false,
        ),
        source => {
            let label = match (source, e.datacenter, e.provider) {
                (PueSource::Datacenter, Some(dc), _) => format!("{}/{}", dc.provider, dc.name),
                (PueSource::ProviderDefault, _, Some(p)) => p.to_owned(),
                _ => match e.platform {
                    crate::Platform::PersonalComputer => "personal_computer".to_owned(),
                    _ => "Unknown".to_owned(),
                },
            };
            let mut factor = dataset_factor(
                format!("pue/{label}"),
                FactorKind::Pue,
                &label,
                e.pue.value,
                "1",
                e.pue.reference,
                v,
            );
            if e.platform == crate::Platform::PersonalComputer {
                factor.origin = FactorOrigin::Rule;
                factor.dataset = None;
                factor.licence = "n/a".to_owned();
            }
            factor
        }
    };
    f.add(pue, &c.id);
    if let Some(w) = &e.water {
        let wue = if w.wue_source == crate::WaterFactorSource::Stated {
            declared_factor(
                format!("wue/{}", c.id),
                FactorKind::Wue,
                &c.id,
                w.wue_l_per_kwh,
                "L/kWh",
                c.evidence.wue.as_ref(),
                false,
            )
        } else {
            beyond_factor(
                format!("wue/{}", beyond::name(&e.platform)),
                FactorKind::Wue,
                &beyond::name(&e.platform),
                w.wue_l_per_kwh,
                "L/kWh",
                w.wue_reference,
            )
        };
        f.add(wue, &c.id);
        let ewif = if w.ewif_source == crate::WaterFactorSource::Stated {
            declared_factor(
                format!("ewif/{}", c.id),
                FactorKind::Ewif,
                &c.id,
                w.ewif_l_per_kwh,
                "L/kWh",
                None,
                false,
            )
        } else {
            beyond_factor(
                format!("ewif/{}", e.location.code),
                FactorKind::Ewif,
                &e.location.display_name(),
                w.ewif_l_per_kwh,
                "L/kWh",
                w.ewif_reference,
            )
        };
        f.add(ewif, &c.id);
    }
    if let Some(m) = &e.embodied {
        let model = beyond::name(&m.model);
        // a computed figure: at the scale of grams, no spurious precision
        let te_g = Grams::from_f64(m.te_g, "embodied.te_g").map_or(m.te_g, Grams::to_f64);
        let mut te = if beyond::name(&m.te_source) == "stated" {
            declared_factor(
                format!("embodied_te/{}", c.id),
                FactorKind::Embodied,
                &c.id,
                te_g,
                "gCO2e",
                None,
                false,
            )
        } else {
            let (source, licence) = match model.as_str() {
                "ccf-teads" => (
                    "Cloud Carbon Footprint / Teads server constants",
                    "Apache-2.0",
                ),
                _ => (
                    "Green Algorithms data v3.1 hardware-impacts.csv (die-area model)",
                    "CC-BY-4.0",
                ),
            };
            let mut f = beyond_factor(
                format!("embodied_te/{}", c.id),
                FactorKind::Embodied,
                &format!("{model}: {} × {}", m.devices, beyond::name(&m.device)),
                te_g,
                "gCO2e",
                source,
            );
            f.licence = licence.to_owned();
            f
        };
        te.label = format!("{} ({})", te.label, c.id);
        f.add(te, &c.id);
    }
    let cv = &e.ci.value;
    let src = cv.source;
    let custom = cv.zone.is_empty() || cv.dataset_sha256.is_empty();
    let mut ci = if custom {
        declared_factor(
            format!("ci/custom/{}", c.id),
            FactorKind::CarbonIntensity,
            &c.id,
            e.ci.g_per_kwh,
            "gCO2e/kWh",
            None,
            false,
        )
    } else if src.id == "ga" {
        let loc = e.location;
        let mut f = dataset_factor(
            ci_factor_id(src.id, cv.zone),
            FactorKind::CarbonIntensity,
            &loc.display_name(),
            e.ci.g_per_kwh,
            "gCO2e/kWh",
            loc.source,
            v,
        );
        f.year = cv
            .year
            .or_else(|| year_in(loc.source))
            .or_else(|| year_in(loc.comments));
        f
    } else {
        Factor {
            id: ci_factor_id(src.id, cv.zone),
            kind: FactorKind::CarbonIntensity,
            label: if cv.zone_name.is_empty() {
                cv.zone.to_owned()
            } else {
                cv.zone_name.to_owned()
            },
            value: e.ci.g_per_kwh,
            unit: "gCO2e/kWh".to_owned(),
            origin: FactorOrigin::Dataset,
            source: format!("{}, {}", src.name, src.url),
            year: cv.year,
            licence: src.licence.to_owned(),
            dataset: Some(format!("{}@{}", src.id, cv.dataset_version)),
            ci: None,
            used_by: Vec::new(),
        }
    };
    if e.ci.series.is_some() {
        ci.id = format!("ci/series/{}", c.id);
        ci.source = format!("{} (time series, time-weighted mean)", ci.source);
    }
    ci.ci = Some(CiMeta {
        kind: beyond::name(&src.kind),
        approach: "location-based".to_owned(),
        scope: Some(beyond::name(&src.scope)).filter(|s| !s.is_empty()),
        basis: Some(beyond::name(&src.basis)).filter(|s| !s.is_empty()),
        granularity: if src.id == "ga" {
            e.location.kind.to_owned()
        } else {
            "zone".to_owned()
        },
        location: if custom {
            e.location.code.to_owned()
        } else {
            cv.zone.to_owned()
        },
    });
    f.add(ci, &c.id);
}

/// A factor from Empreinte's own tables beyond Green Algorithms (`data/beyond/`), each
/// row with its source.
fn beyond_factor(
    id: String,
    kind: FactorKind,
    label: &str,
    value: f64,
    unit: &str,
    source: &str,
) -> Factor {
    Factor {
        id,
        kind,
        label: label.to_owned(),
        value,
        unit: unit.to_owned(),
        origin: FactorOrigin::Dataset,
        source: source.to_owned(),
        year: year_in(source),
        // data/beyond/README.md: the compilation is MIT OR Apache-2.0, each row names its source
        licence: "MIT OR Apache-2.0".to_owned(),
        dataset: Some(format!("empreinte-beyond@{TOOL_VERSION}")),
        ci: None,
        used_by: Vec::new(),
    }
}

/// The dataset a non-Green-Algorithms CI factor comes from.
fn ci_dataset(e: &Estimate) -> Option<DatasetRef> {
    let cv = &e.ci.value;
    let src = cv.source;
    if src.id == "ga" || cv.zone.is_empty() || cv.dataset_sha256.is_empty() {
        return None;
    }
    Some(DatasetRef {
        id: format!("{}@{}", src.id, cv.dataset_version),
        name: src.name.to_owned(),
        version: cv.dataset_version.to_owned(),
        licence: src.licence.to_owned(),
        attribution: src.attribution.to_owned(),
        digest: cv.dataset_sha256.to_owned(),
        files: vec![FileRef {
            name: src.file.to_owned(),
            sha256: cv.dataset_sha256.to_owned(),
        }],
    })
}

fn ci_factor_id(source: &str, zone: &str) -> String {
    format!("ci/{source}/{zone}")
}

fn component_splits(e: &Estimate, id: &str) -> Result<(EnergySplit, Co2eSplit), Error> {
    let pue = e.pue.value;
    let ci = e.ci_g_per_kwh;
    let b = &e.energy_breakdown_kwh;
    // fixed evaluation order: IT part = the core's PUE-inclusive part ÷ PUE;
    // overhead = E − E ÷ PUE; CO2e part = energy part × CI
    let parts = [
        b.cpu / pue,
        b.gpu / pue,
        b.memory / pue,
        e.energy_kwh - e.energy_kwh / pue,
    ];
    let field = |what: &str| format!("results.components[{id}].{what}");
    let mut ek = [Kwh::ZERO; 4];
    let mut cg = [Grams::ZERO; 4];
    for (k, part) in parts.iter().enumerate() {
        ek[k] = Fixed::from_f64(*part, &field("energy_kwh"))?;
        cg[k] = Fixed::from_f64(part * ci, &field("operational_co2e_g"))?;
    }
    let energy_total = ek
        .iter()
        .try_fold(Kwh::ZERO, |acc, x| acc.checked_add(*x, "energy_kwh"))?;
    let co2e_total = cg
        .iter()
        .try_fold(Grams::ZERO, |acc, x| acc.checked_add(*x, "co2e_g"))?;
    Ok((
        EnergySplit {
            cpu: ek[0],
            gpu: ek[1],
            memory: ek[2],
            facility_overhead: ek[3],
            total: energy_total,
        },
        Co2eSplit {
            cpu: cg[0],
            gpu: cg[1],
            memory: cg[2],
            facility_overhead: cg[3],
            total: co2e_total,
        },
    ))
}

fn add_splits(
    a: (EnergySplit, Co2eSplit),
    b: (&EnergySplit, &Co2eSplit),
) -> Result<(EnergySplit, Co2eSplit), Error> {
    let (ea, ca) = a;
    let (eb, cb) = b;
    let k = "energy_kwh";
    let g = "co2e_g";
    Ok((
        EnergySplit {
            cpu: ea.cpu.checked_add(eb.cpu, k)?,
            gpu: ea.gpu.checked_add(eb.gpu, k)?,
            memory: ea.memory.checked_add(eb.memory, k)?,
            facility_overhead: ea.facility_overhead.checked_add(eb.facility_overhead, k)?,
            total: ea.total.checked_add(eb.total, k)?,
        },
        Co2eSplit {
            cpu: ca.cpu.checked_add(cb.cpu, g)?,
            gpu: ca.gpu.checked_add(cb.gpu, g)?,
            memory: ca.memory.checked_add(cb.memory, g)?,
            facility_overhead: ca.facility_overhead.checked_add(cb.facility_overhead, g)?,
            total: ca.total.checked_add(cb.total, g)?,
        },
    ))
}

fn data_quality(c: &Component, e: &Estimate, v: DataVersion) -> Vec<Quality> {
    let mut out = Vec::new();
    let measured_basis = c.measured.as_ref().map(|m| {
        let mut s = format!("{}; {}", m.method, m.tool);
        if let Some(dt) = m.sampling_interval_s {
            s.push_str(&format!(
                "; sampled every {} s",
                jcs::number_to_string(dt).unwrap_or_default()
            ));
        }
        s
    });
    let defaulted = |name: &str| c.defaults.iter().any(|d| d == name);
    let mut push = |input: &str, quality: EvidenceKind, basis: String| {
        out.push(Quality {
            component: c.id.clone(),
            input: input.to_owned(),
            quality,
            basis,
        })
    };
    let stated = |field: &str| -> (EvidenceKind, String) {
        if is_measured(c, field) {
            (
                EvidenceKind::Measured,
                measured_basis.clone().unwrap_or_default(),
            )
        } else {
            (EvidenceKind::Declared, "manifest".to_owned())
        }
    };
    let (q, b) = stated("runtime_h");
    push("job.runtime_h", q, b);
    if let Some(cpu) = &e.cpu {
        push(
            "job.cpu.cores",
            EvidenceKind::Declared,
            "manifest".to_owned(),
        );
        match cpu.origin {
            PowerOrigin::Table => push(
                "job.cpu.tdp_per_core_w",
                EvidenceKind::Default,
                format!("{} TDP_cpu.csv: {}", dataset_id(v), cpu.model),
            ),
            PowerOrigin::Stated => {
                let (q, b) = stated("cpu.tdp_per_core_w");
                push("job.cpu.tdp_per_core_w", q, b);
            }
        }
        if defaulted("job.cpu.usage") {
            push(
                "job.cpu.usage",
                EvidenceKind::Default,
                "full load assumed (1)".to_owned(),
            );
        } else {
            let (q, b) = stated("cpu.usage");
            push("job.cpu.usage", q, b);
        }
    }
    if let Some(gpu) = &e.gpu {
        push(
            "job.gpu.count",
            EvidenceKind::Declared,
            "manifest".to_owned(),
        );
        match gpu.origin {
            PowerOrigin::Table => push(
                "job.gpu.tdp_w",
                EvidenceKind::Default,
                format!("{} TDP_gpu.csv: {}", dataset_id(v), gpu.model),
            ),
            PowerOrigin::Stated => {
                let (q, b) = stated("gpu.tdp_w");
                push("job.gpu.tdp_w", q, b);
            }
        }
        if defaulted("job.gpu.usage") {
            push(
                "job.gpu.usage",
                EvidenceKind::Default,
                "full load assumed (1)".to_owned(),
            );
        } else {
            let (q, b) = stated("gpu.usage");
            push("job.gpu.usage", q, b);
        }
    }
    let (q, b) = stated("memory_gb");
    push("job.memory_gb", q, b);
    if defaulted("job.platform") {
        push(
            "job.platform",
            EvidenceKind::Default,
            "local server assumed".to_owned(),
        );
    } else {
        push(
            "job.platform",
            EvidenceKind::Declared,
            "manifest".to_owned(),
        );
    }
    if defaulted("job.multiplicative_factor") {
        push(
            "job.multiplicative_factor",
            EvidenceKind::Default,
            "one run assumed (1)".to_owned(),
        );
    } else {
        let (q, b) = stated("multiplicative_factor");
        push("job.multiplicative_factor", q, b);
    }
    let ev = c.evidence.pue.as_ref();
    let pue_basis = ev
        .map(|ev| {
            [
                ev.method.clone(),
                ev.source.clone(),
                ev.year.map(|y| y.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; ")
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "no evidence given".to_owned());
    push(
        "job.pue",
        ev.map_or(EvidenceKind::Declared, |ev| ev.kind),
        pue_basis,
    );
    let cv = &e.ci.value;
    let custom = cv.zone.is_empty() || cv.dataset_sha256.is_empty();
    let year = cv.year.map(|y| format!(", {y}")).unwrap_or_default();
    push(
        "ci_g_per_kwh",
        if custom {
            EvidenceKind::Declared
        } else {
            EvidenceKind::Default
        },
        if custom {
            "stated by the supplier".to_owned()
        } else {
            format!(
                "{} {}: {}{year} ({}, location-based{})",
                cv.source.name,
                cv.dataset_version,
                cv.zone,
                beyond::name(&cv.source.kind),
                if e.ci.series.is_some() {
                    ", time series"
                } else {
                    ""
                }
            )
        },
    );
    let chosen = |name: &str| {
        if e.defaults.contains(name) {
            EvidenceKind::Default
        } else {
            EvidenceKind::Declared
        }
    };
    if let Some(m) = &e.embodied {
        push(
            "job.embodied",
            chosen("embodied"),
            format!(
                "{}: lifespan {} h, resource share {}",
                beyond::name(&m.model),
                jcs::number_to_string(m.lifespan_h).unwrap_or_default(),
                jcs::number_to_string(m.resource_share).unwrap_or_default()
            ),
        );
    }
    if let Some(u) = &e.uncertainty {
        push(
            "job.uncertainty",
            chosen("uncertainty"),
            u.method.to_owned(),
        );
    }
    if let Some(w) = &e.water {
        if w.wue_source == crate::WaterFactorSource::Stated {
            let ev = c.evidence.wue.as_ref();
            let basis = ev
                .map(|ev| {
                    [
                        ev.method.clone(),
                        ev.source.clone(),
                        ev.year.map(|y| y.to_string()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; ")
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "no evidence given".to_owned());
            push(
                "job.water.wue_l_per_kwh",
                ev.map_or(EvidenceKind::Declared, |ev| ev.kind),
                basis,
            );
        } else {
            push(
                "job.water.wue_l_per_kwh",
                EvidenceKind::Default,
                w.wue_reference.to_owned(),
            );
        }
    }
    out
}

fn limitations(prepared: &Prepared, results: &[ComponentResult]) -> Vec<Limitation> {
    let m = &prepared.manifest;
    let mut ids: Vec<&str> = Vec::new();
    let missing = |f: fn(&Figures) -> bool| results.iter().any(|c| !f(&c.figures));
    if missing(|f| f.embodied.computed().is_some()) {
        ids.push("embodied_unavailable");
    } else {
        ids.push("embodied_model");
    }
    if missing(|f| f.ranges.computed().is_some()) {
        ids.push("uncertainty_unavailable");
    } else {
        ids.push("uncertainty_method");
        if results.len() > 1 {
            ids.push("ranges_summed");
        }
    }
    if missing(|f| f.water_l.computed().is_some()) {
        ids.push("water_unavailable");
    }
    if missing(|f| f.ci_alternative.computed().is_some()) {
        ids.push("ci_alternative_unavailable");
    }
    ids.extend([
        "power_model",
        "memory_allocated",
        "ci_annual_average",
        "idle_capacity",
    ]);
    let any = |name: &str| {
        m.components
            .iter()
            .any(|c| c.defaults.iter().any(|d| d == name))
    };
    if m.components.iter().any(|c| {
        c.evidence
            .pue
            .as_ref()
            .is_some_and(|e| e.kind == EvidenceKind::Default)
    }) {
        ids.push("pue_default");
    }
    if m.components.iter().any(|c| {
        c.evidence.pue.as_ref().is_some_and(|e| {
            e.kind != EvidenceKind::Default
                && e.year.is_none()
                && e.method.is_none()
                && e.source.is_none()
        })
    }) {
        ids.push("pue_without_evidence");
    }
    if any("job.cpu.usage") || any("job.gpu.usage") {
        ids.push("usage_default");
    }
    if prepared.estimates.iter().any(|e| {
        e.water
            .as_ref()
            .is_some_and(|w| w.wue_source != crate::WaterFactorSource::Stated)
    }) {
        ids.push("wue_default");
    }
    ids.into_iter()
        .map(|id| {
            let (fr, en) = text::limitation(id);
            Limitation {
                id: id.to_owned(),
                fr,
                en,
            }
        })
        .collect()
}

fn equivalences(
    ds: &'static Dataset,
    basis: Grams,
    factors: &mut Factors,
) -> Result<Vec<Equivalence>, Error> {
    let eq = Equivalences::compute(ds, basis.to_f64());
    let v = ds.version;
    let reference = |name: &str| {
        ds.reference_values
            .iter()
            .find(|r| r.variable == name)
            .map(|r| (r.value, r.source))
    };
    let route = eq.flight.route;
    let rows: [(&str, f64, &str, &str, Option<Route>); 3] = [
        (
            "tree_months",
            eq.tree_months,
            "tree-months",
            "treeYear",
            None,
        ),
        ("car_km", eq.car_km, "km", "passengerCar_EU_perkm", None),
        (
            "flight",
            eq.flight.fraction,
            "flights",
            route.variable(),
            Some(route),
        ),
    ];
    let mut out = Vec::new();
    for (metric, value, unit, variable, route) in rows {
        let Some((constant, source)) = reference(variable) else {
            continue;
        };
        let id = format!("equivalence/{variable}");
        let unit_of = match variable {
            "treeYear" => "gCO2e/tree/year",
            "passengerCar_EU_perkm" => "gCO2e/km",
            _ => "gCO2e/passenger",
        };
        let mut f = dataset_factor(
            id.clone(),
            FactorKind::Equivalence,
            variable,
            constant,
            unit_of,
            source,
            v,
        );
        f.used_by = Vec::new();
        factors.map.entry(id.clone()).or_insert(f);
        out.push(Equivalence {
            metric: metric.to_owned(),
            value: Equiv::from_f64(value, "equivalences")?,
            unit: unit.to_owned(),
            basis_co2e_g: basis,
            factor: id,
            route: route.map(|r| r.as_str().to_owned()),
        });
    }
    Ok(out)
}

/// Builds the report of `manifest` with the caller's envelope.
///
/// # Errors
/// As [`prepare`]; [`Error::InvalidReport`] for a malformed envelope; [`Error::Overflow`]
/// for figures too large for their fixed scale.
pub fn build(manifest: &Manifest, envelope: &Envelope) -> Result<Report, Error> {
    build_as(manifest, envelope, TOOL_VERSION)
}

/// As [`build`], stating `tool_version` as the tool's version (in `tool.version` and the
/// citations): how `verify` recomputes a report made by another version of the tool.
pub(crate) fn build_as(
    manifest: &Manifest,
    envelope: &Envelope,
    tool_version: &str,
) -> Result<Report, Error> {
    envelope.check()?;
    let cite = |text: String| {
        if tool_version == TOOL_VERSION {
            text
        } else {
            text.replace(
                &format!("{TOOL_NAME} {TOOL_VERSION}"),
                &format!("{TOOL_NAME} {tool_version}"),
            )
        }
    };
    let prepared = prepare(manifest)?;
    let v = prepared.data_version;
    let ds = v.dataset();
    let mut factors = Factors {
        map: BTreeMap::new(),
    };
    let mut components = Vec::new();
    let mut quality: Vec<Quality> = [
        "data_version",
        "ci_source",
        "embodied_model",
        "uncertainty_method",
    ]
    .iter()
    .map(|choice| {
        let field = format!("choices.{choice}");
        let default = prepared.manifest.defaults.contains(&field);
        Quality {
            component: "manifest".to_owned(),
            input: field,
            quality: if default {
                EvidenceKind::Default
            } else {
                EvidenceKind::Declared
            },
            basis: if default {
                format!("default of {TOOL_NAME} {tool_version}")
            } else {
                "manifest".to_owned()
            },
        }
    })
    .collect();
    let mut total = (EnergySplit::default(), Co2eSplit::default());
    let mut by_phase: BTreeMap<Phase, (Vec<String>, EnergySplit, Co2eSplit, Vec<usize>)> =
        BTreeMap::new();
    let mut datasets = vec![DatasetRef {
        id: dataset_id(v),
        name: "Green Algorithms".to_owned(),
        version: v.as_str().to_owned(),
        licence: GA_LICENCE.to_owned(),
        attribution: GA_ATTRIBUTION.to_owned(),
        digest: ds.digest.to_owned(),
        files: ds
            .files
            .iter()
            .map(|f| FileRef {
                name: f.name.to_owned(),
                sha256: f.sha256.to_owned(),
            })
            .collect(),
    }];
    for (i, (c, e)) in prepared
        .manifest
        .components
        .iter()
        .zip(&prepared.estimates)
        .enumerate()
    {
        component_factors(&mut factors, c, e, v);
        if let Some(d) = ci_dataset(e) {
            if !datasets.iter().any(|x| x.id == d.id) {
                datasets.push(d);
            }
        }
        quality.extend(data_quality(c, e, v));
        let (energy, co2e) = component_splits(e, &c.id)?;
        total = add_splits(total, (&energy, &co2e))?;
        let slot = by_phase.entry(c.phase).or_insert_with(|| {
            (
                Vec::new(),
                EnergySplit::default(),
                Co2eSplit::default(),
                Vec::new(),
            )
        });
        slot.0.push(c.id.clone());
        slot.3.push(i);
        let (pe, pc) = add_splits((slot.1, slot.2), (&energy, &co2e))?;
        slot.1 = pe;
        slot.2 = pc;
        components.push(ComponentResult {
            id: c.id.clone(),
            phase: c.phase,
            power_w: Fixed::from_f64(e.power_w, "power_w")?,
            pue: PueUsed {
                value: e.pue.value,
                source: pue_source_name(e.pue.source).to_owned(),
                evidence: c
                    .evidence
                    .pue
                    .as_ref()
                    .map_or(EvidenceKind::Declared, |ev| ev.kind),
            },
            ci: CiUsed {
                g_per_kwh: e.ci_g_per_kwh,
                location: e.location.code.to_owned(),
                location_name: e.location.display_name(),
                location_source: match e.location_source {
                    crate::LocationSource::Stated => "stated",
                    crate::LocationSource::Datacenter => "datacenter",
                }
                .to_owned(),
                factor: factors
                    .map
                    .values()
                    .find(|f| f.kind == FactorKind::CarbonIntensity && f.used_by.contains(&c.id))
                    .map_or_else(String::new, |f| f.id.clone()),
            },
            figures: beyond::component(e, energy, co2e)?,
            citation: Bilingual::new(cite(e.citation(Lang::Fr)), cite(e.citation(Lang::En))),
        });
    }
    let phases = by_phase
        .into_iter()
        .map(|(phase, (ids, energy, co2e, index))| {
            let parts: Vec<&Figures> = index.iter().map(|i| &components[*i].figures).collect();
            Ok(PhaseResult {
                phase,
                components: ids,
                figures: beyond::aggregate(&parts, energy, co2e)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let all: Vec<&Figures> = components.iter().map(|c| &c.figures).collect();
    let total_figures = beyond::aggregate(&all, total.0, total.1)?;
    let fu = &prepared.manifest.functional_unit;
    let sci = beyond::sci(&total_figures, fu.name.get(Lang::En), fu.quantity)?;
    let equivalences = equivalences(ds, total.1.total, &mut factors)?;
    let limitations = limitations(&prepared, &components);
    let m = &prepared.manifest;
    let citation = text::report_citation(m, v, &total.0, &total.1, tool_version);
    let mut report = Report {
        schema: SchemaRef {
            id: SCHEMA_ID.to_owned(),
            version: SCHEMA_VERSION.to_owned(),
        },
        report_id: envelope.report_id.clone(),
        generated_at: envelope.generated_at.clone(),
        tool: Tool {
            name: TOOL_NAME.to_owned(),
            version: tool_version.to_owned(),
            target: envelope.target.clone(),
        },
        languages: vec![Lang::Fr, Lang::En],
        datasets,
        factors: factors.map.into_values().collect(),
        results: Results {
            components,
            phases,
            total: TotalResult {
                figures: total_figures,
                sci,
            },
        },
        data_quality: quality,
        limitations,
        statements: text::statements(),
        equivalences,
        citation,
        manifest: prepared.manifest,
        integrity: Integrity {
            algorithm: "SHA-256".to_owned(),
            canonicalization: "RFC 8785".to_owned(),
            excluded: EXCLUDED.iter().map(|s| (*s).to_owned()).collect(),
            payload_sha256: String::new(),
        },
    };
    report.integrity.payload_sha256 = payload_sha256(&to_value(&report)?)?;
    Ok(report)
}

/// The report as a JSON value.
///
/// # Errors
/// [`Error::InvalidReport`] if serialisation fails (it does not for built reports).
pub fn to_value(report: &Report) -> Result<serde_json::Value, Error> {
    serde_json::to_value(report).map_err(|e| Error::InvalidReport {
        field: ".".to_owned(),
        message: e.to_string(),
    })
}

/// The canonical payload bytes of a report value: RFC 8785 over everything but
/// [`EXCLUDED`].
///
/// # Errors
/// [`Error::InvalidReport`] for a value that is not an object or holds a non-finite number.
pub fn payload_bytes(report: &serde_json::Value) -> Result<Vec<u8>, Error> {
    let mut v = report.clone();
    let obj = v.as_object_mut().ok_or_else(|| Error::InvalidReport {
        field: ".".to_owned(),
        message: "a report is a JSON object".to_owned(),
    })?;
    obj.remove("integrity");
    obj.remove("report_id");
    obj.remove("generated_at");
    if let Some(tool) = obj.get_mut("tool").and_then(|t| t.as_object_mut()) {
        tool.remove("target");
    }
    jcs::canonical_bytes(&v)
}

/// SHA-256 of [`payload_bytes`], lowercase hex.
///
/// # Errors
/// As [`payload_bytes`].
pub fn payload_sha256(report: &serde_json::Value) -> Result<String, Error> {
    let bytes = payload_bytes(report)?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_only_where_stated() {
        assert_eq!(
            year_in("2024 https://datacenter.uptimeinstitute.com/x.pdf"),
            Some(2024)
        );
        assert_eq!(
            year_in("carbonfootprint (March 2022) and AIB 2021 (data from 2020)"),
            Some(2020)
        );
        assert_eq!(year_in("https://www.iea.org/reports/2019"), None);
        assert_eq!(year_in("20245 x"), None);
        assert_eq!(year_in(""), None);
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("123e4567-e89b-42d3-a456-426614174000"));
        assert!(!is_uuid("123E4567-E89B-42D3-A456-426614174000"));
        assert!(!is_uuid("123e4567e89b42d3a456426614174000"));
    }
}
