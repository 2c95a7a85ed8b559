//! From a manifest to a report: defaults applied and flagged, each component estimated,
//! figures rounded to their fixed scales and summed exactly per phase and in total.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::beyond_figures as beyond;
use super::fixed::{Fixed, GramsFixed, KwhFixed};
use super::jcs;
use super::manifest::{EvidenceKind, Manifest, Timestamp};
use super::model::*;
use super::prepare::{prepare, pue_source_name, scaling};
use super::provenance::{ci_dataset, component_factors, dataset_id, equivalences, Factors};
use super::quality::{data_quality, limitations};
use super::text;
use super::tool::{TOOL_NAME, TOOL_VERSION};
use crate::error::Error;
use crate::format::Lang;
use crate::ga::phases::Phase;
use crate::ga::result::Estimate;
use crate::tables::{GA_ATTRIBUTION, GA_LICENCE};

/// JSON Pointers of the members the digest leaves out: the digest itself, the report's
/// identity and time, and the build target (every build writes the same payload).
pub const EXCLUDED: [&str; 4] = ["/integrity", "/report_id", "/generated_at", "/tool/target"];

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

fn component_splits(e: &Estimate, id: &str, scale: f64) -> Result<(EnergySplit, Co2eSplit), Error> {
    let pue = e.pue.value;
    let ci = e.figures.ci_g_per_kwh;
    let b = &e.figures.energy_breakdown_kwh;
    // fixed evaluation order: IT part = the core's PUE-inclusive part ÷ PUE;
    // overhead = E − E ÷ PUE; each × the scaling factor; CO2e part = energy part × CI
    let parts = [
        b.cpu / pue * scale,
        b.gpu / pue * scale,
        b.memory / pue * scale,
        (e.figures.energy_kwh - e.figures.energy_kwh / pue) * scale,
    ];
    let field = |what: &str| format!("results.components[{id}].{what}");
    let mut ek = [KwhFixed::ZERO; 4];
    let mut cg = [GramsFixed::ZERO; 4];
    for (k, part) in parts.iter().enumerate() {
        ek[k] = Fixed::from_f64(*part, &field("energy_kwh"))?;
        cg[k] = Fixed::from_f64(part * ci, &field("operational_co2e_g"))?;
    }
    let energy_total = ek
        .iter()
        .try_fold(KwhFixed::ZERO, |acc, x| acc.checked_add(*x, "energy_kwh"))?;
    let co2e_total = cg
        .iter()
        .try_fold(GramsFixed::ZERO, |acc, x| acc.checked_add(*x, "co2e_g"))?;
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
        for d in ci_dataset(e).into_iter().chain(hardware_dataset(e)) {
            if !datasets.iter().any(|x| x.id == d.id) {
                datasets.push(d);
            }
        }
        quality.extend(data_quality(c, e, v));
        let scaling = scaling(c, i)?;
        let scale = scaling.as_ref().map_or(1.0, |s| s.factor);
        let (energy, co2e) = component_splits(e, &c.id, scale)?;
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
            power_w: Fixed::from_f64(e.figures.power_w, "power_w")?,
            pue: PueUsed {
                value: e.pue.value,
                source: pue_source_name(e.pue.source).to_owned(),
                evidence: c
                    .evidence
                    .pue
                    .as_ref()
                    .map_or(EvidenceKind::Declared, |ev| ev.kind),
            },
            ci: ReportedCi {
                g_per_kwh: e.figures.ci_g_per_kwh,
                location: e.location.code.to_owned(),
                location_name: e.location.display_name(),
                location_source: match e.location_source {
                    crate::ga::result::LocationSource::Stated => "stated",
                    crate::ga::result::LocationSource::Datacenter => "datacenter",
                }
                .to_owned(),
                factor: factors
                    .map
                    .values()
                    .find(|f| f.kind == FactorKind::CarbonIntensity && f.used_by.contains(&c.id))
                    .map_or_else(String::new, |f| f.id.clone()),
            },
            scaling,
            figures: beyond::component(e, energy, co2e, scale)?,
            citation: Bilingual::new(cite(e.citation(Lang::Fr)), cite(e.citation(Lang::En))),
        });
    }
    let phases = by_phase
        .into_iter()
        .map(|(phase, (ids, energy, co2e, index))| {
            let parts: Vec<&ReportedFigures> =
                index.iter().map(|i| &components[*i].figures).collect();
            Ok(ReportedPhase {
                phase,
                components: ids,
                figures: beyond::aggregate(&parts, energy, co2e)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let all: Vec<&ReportedFigures> = components.iter().map(|c| &c.figures).collect();
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

/// The empreinte-hw table, when a component's CPU or GPU came from it.
fn hardware_dataset(e: &Estimate) -> Option<DatasetRef> {
    let hw = &crate::tables::EMPREINTE_HW;
    let from_hw = |t: Option<crate::ga::result::ModelTable>| {
        t.is_some_and(|t| t.name == crate::tables::HardwareSource::EmpreinteHw)
    };
    let used = e.cpu.as_ref().is_some_and(|c| from_hw(c.table))
        || e.gpu.as_ref().is_some_and(|g| from_hw(g.table));
    used.then(|| DatasetRef {
        id: format!("empreinte-hw@{}", hw.version),
        name: "empreinte-hw (manufacturers' specifications)".to_owned(),
        version: hw.version.to_owned(),
        licence: GA_LICENCE.to_owned(),
        attribution:
            "Empreinte developers, from each manufacturer's specification page (data/empreinte-hw)"
                .to_owned(),
        digest: hw.digest.to_owned(),
        files: hw
            .files
            .iter()
            .map(|f| FileRef {
                name: f.name.to_owned(),
                sha256: f.sha256.to_owned(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::provenance::year_in;
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
