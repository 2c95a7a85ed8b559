//! Data quality per input (measured, declared, default) and the limitations of a report.

use super::beyond_figures as beyond;
use super::jcs;
use super::manifest::{Component, EvidenceKind, FactorEvidence};
use super::model::*;
use super::prepare::Prepared;
use super::provenance::{is_measured, model_dataset_id, processor_parts};
use super::text;
use crate::ga::result::{Estimate, PowerOrigin};
use crate::tables::DataVersion;

/// What a piece of evidence rests on: its method, source and year, or that none was given.
fn evidence_basis(ev: Option<&FactorEvidence>) -> String {
    ev.map(|ev| {
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
    .unwrap_or_else(|| "no evidence given".to_owned())
}

pub(super) fn data_quality(c: &Component, e: &Estimate, v: DataVersion) -> Vec<Quality> {
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
    for p in processor_parts(e) {
        let job_field = |f: &str| format!("job.{f}");
        push(
            &job_field(p.count_field),
            EvidenceKind::Declared,
            "manifest".to_owned(),
        );
        match p.origin {
            PowerOrigin::Table => push(
                &job_field(p.power_field),
                EvidenceKind::Default,
                format!("{} {}: {}", model_dataset_id(p.table, v), p.file, p.model),
            ),
            PowerOrigin::Stated => {
                let (q, b) = stated(p.power_field);
                push(&job_field(p.power_field), q, b);
            }
            PowerOrigin::Measured => push(
                &job_field(p.power_field),
                EvidenceKind::Measured,
                p.source.to_owned(),
            ),
        }
        if defaulted(&job_field(p.usage_field)) {
            push(
                &job_field(p.usage_field),
                EvidenceKind::Default,
                "full load assumed (1)".to_owned(),
            );
        } else {
            let (q, b) = stated(p.usage_field);
            push(&job_field(p.usage_field), q, b);
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
    let pue_basis = evidence_basis(ev);
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
        if w.wue_source == crate::beyond::water::WaterFactorSource::Stated {
            let ev = c.evidence.wue.as_ref();
            let basis = evidence_basis(ev);
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

pub(super) fn limitations(prepared: &Prepared, results: &[ComponentResult]) -> Vec<Limitation> {
    let m = &prepared.manifest;
    let mut ids: Vec<&str> = Vec::new();
    let missing = |f: fn(&ReportedFigures) -> bool| results.iter().any(|c| !f(&c.figures));
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
    if m.components.iter().any(|c| c.scaling.is_some()) {
        ids.push("scaled");
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
            .is_some_and(|w| w.wue_source != crate::beyond::water::WaterFactorSource::Stated)
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
