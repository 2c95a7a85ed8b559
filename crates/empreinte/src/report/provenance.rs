//! The factors a report lists: each with its value, unit, origin, source, year, licence
//! and dataset; and the equivalences with the constants they use.

use std::collections::BTreeMap;

use super::beyond_figures as beyond;
use super::fixed::{EquivFixed, GramsFixed};
use super::manifest::{Component, EvidenceKind, FactorEvidence};
use super::model::*;
use super::tool::TOOL_VERSION;
use crate::error::Error;
use crate::ga::equivalence::Equivalences;
use crate::ga::result::{Estimate, PowerOrigin, PueSource};
use crate::tables::Route;
use crate::tables::{DataVersion, Dataset, GA_LICENCE};

/// The year a dataset's source text states: a leading `YYYY ` or `data from YYYY`.
pub(super) fn year_in(source: &str) -> Option<u16> {
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
pub(super) fn dataset_id(v: DataVersion) -> String {
    format!("green-algorithms@{}", v.as_str())
}

/// The dataset a hardware model came from: the data version's tables, or empreinte-hw.
pub(super) fn model_dataset_id(
    table: Option<crate::ga::result::ModelTable>,
    v: DataVersion,
) -> String {
    match table {
        Some(t) if t.name == crate::tables::HardwareSource::EmpreinteHw => {
            format!("empreinte-hw@{}", t.version)
        }
        _ => dataset_id(v),
    }
}

/// The file of that dataset holding CPU (`gpu` false) or GPU rows.
pub(super) fn model_file(table: Option<crate::ga::result::ModelTable>, gpu: bool) -> &'static str {
    match (table.map(|t| t.name), gpu) {
        (Some(crate::tables::HardwareSource::EmpreinteHw), false) => "cpus.csv",
        (Some(crate::tables::HardwareSource::EmpreinteHw), true) => "gpus.csv",
        (_, false) => "TDP_cpu.csv",
        (_, true) => "TDP_gpu.csv",
    }
}

pub(super) struct Factors {
    pub(super) map: BTreeMap<String, ReportedFactor>,
}

impl Factors {
    fn add(&mut self, f: ReportedFactor, component: &str) {
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
) -> ReportedFactor {
    ReportedFactor {
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

impl ReportedFactor {
    /// The same factor, attributed to dataset `id`.
    fn in_dataset(mut self, id: String) -> ReportedFactor {
        self.dataset = Some(id);
        self
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
) -> ReportedFactor {
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
    ReportedFactor {
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

pub(super) fn is_measured(c: &Component, field: &str) -> bool {
    c.measured
        .as_ref()
        .is_some_and(|m| m.fields.iter().any(|f| f == field))
}

/// The CPU and the GPU part of a result, seen alike.
pub(super) struct ProcessorPart<'a> {
    /// `"cpu"` or `"gpu"`.
    pub(super) name: &'static str,
    pub(super) kind: FactorKind,
    pub(super) model: &'a str,
    /// W per core (CPU) or per GPU.
    pub(super) power: f64,
    pub(super) unit: &'static str,
    pub(super) source: &'a str,
    pub(super) origin: PowerOrigin,
    pub(super) table: Option<crate::ga::result::ModelTable>,
    /// Job fields of the count, the power and the usage.
    pub(super) count_field: &'static str,
    pub(super) power_field: &'static str,
    pub(super) usage_field: &'static str,
    /// File of the hardware table the row comes from.
    pub(super) file: &'static str,
}

/// The CPU part, then the GPU part, of those the result has.
pub(super) fn processor_parts(e: &Estimate) -> Vec<ProcessorPart<'_>> {
    let cpu = e.cpu.as_ref().map(|c| ProcessorPart {
        name: "cpu",
        kind: FactorKind::CpuPower,
        model: &c.model,
        power: c.tdp_per_core_w,
        unit: "W/core",
        source: &c.source,
        origin: c.origin,
        table: c.table,
        count_field: "cpu.cores",
        power_field: "cpu.tdp_per_core_w",
        usage_field: "cpu.usage",
        file: model_file(c.table, false),
    });
    let gpu = e.gpu.as_ref().map(|g| ProcessorPart {
        name: "gpu",
        kind: FactorKind::GpuPower,
        model: &g.model,
        power: g.tdp_w,
        unit: "W/GPU",
        source: &g.source,
        origin: g.origin,
        table: g.table,
        count_field: "gpu.count",
        power_field: "gpu.tdp_w",
        usage_field: "gpu.usage",
        file: model_file(g.table, true),
    });
    cpu.into_iter().chain(gpu).collect()
}

/// Factors used by one component.
pub(super) fn component_factors(f: &mut Factors, c: &Component, e: &Estimate, v: DataVersion) {
    for p in processor_parts(e) {
        let factor = match p.origin {
            PowerOrigin::Table => dataset_factor(
                format!("{}_power/{}", p.name, p.model),
                p.kind,
                p.model,
                p.power,
                p.unit,
                p.source,
                v,
            )
            .in_dataset(model_dataset_id(p.table, v)),
            PowerOrigin::Stated | PowerOrigin::Measured => {
                let measured = p.origin == PowerOrigin::Measured;
                let factor = declared_factor(
                    format!("{}_power/{}/{}", p.name, c.id, p.model),
                    p.kind,
                    p.model,
                    p.power,
                    p.unit,
                    None,
                    measured || is_measured(c, p.power_field),
                );
                if measured {
                    // the job's own measured_by names the instrument
                    ReportedFactor {
                        source: p.source.to_owned(),
                        ..factor
                    }
                } else {
                    factor
                }
            }
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
                    crate::platform::Platform::PersonalComputer => "personal_computer".to_owned(),
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
            if e.platform == crate::platform::Platform::PersonalComputer {
                factor.origin = FactorOrigin::Rule;
                factor.dataset = None;
                factor.licence = "n/a".to_owned();
            }
            factor
        }
    };
    f.add(pue, &c.id);
    if let Some(w) = &e.water {
        let wue = if w.wue_source == crate::beyond::water::WaterFactorSource::Stated {
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
        let ewif = if w.ewif_source == crate::beyond::water::WaterFactorSource::Stated {
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
        let te_g = GramsFixed::from_f64(m.te_g, "embodied.te_g").map_or(m.te_g, GramsFixed::to_f64);
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
        ReportedFactor {
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
) -> ReportedFactor {
    ReportedFactor {
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
pub(super) fn ci_dataset(e: &Estimate) -> Option<DatasetRef> {
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

pub(super) fn equivalences(
    ds: &'static Dataset,
    basis: GramsFixed,
    factors: &mut Factors,
) -> Result<Vec<Equivalence>, Error> {
    let eq = Equivalences::compute(ds, crate::units::GramsCo2e(basis.to_f64()));
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
            value: EquivFixed::from_f64(value, "equivalences")?,
            unit: unit.to_owned(),
            basis_co2e_g: basis,
            factor: id,
            route: route.map(|r| r.as_str().to_owned()),
        });
    }
    Ok(out)
}
