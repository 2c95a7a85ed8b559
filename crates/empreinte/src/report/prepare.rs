//! The manifest made ready: choices applied, defaults stripped, re-derived, written out
//! and flagged, each component estimated.

use super::beyond_figures as beyond;
use super::manifest::{manifest_error, Component, EvidenceKind, FactorEvidence, Manifest};
use super::model::ScalingUsed;
use super::provenance::year_in;
use super::tool::UNCERTAINTY_METHODS;
use crate::error::Error;
use crate::ga::estimate::estimate;
use crate::ga::result::{Estimate, PueSource};
use crate::tables::DataVersion;

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
            serde_json::from_value::<crate::beyond::embodied::EmbodiedModel>(
                serde_json::Value::from(v),
            )
            .map_err(|_| {
                manifest_error(
                    "choices.embodied_model",
                    None,
                    &format!("{v:?} is not an embodied model: ga-v3.1 or ccf-teads"),
                )
            })?,
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
    scaling(c, i)?;
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

pub(super) fn in_component(i: usize, e: Error) -> Error {
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

pub(super) fn pue_source_name(source: PueSource) -> &'static str {
    match source {
        PueSource::Stated => "stated",
        PueSource::Datacenter => "datacenter",
        PueSource::ProviderDefault => "provider_default",
        PueSource::PlatformDefault => "platform_default",
    }
}

/// The factor a component's figures scale by, through the core's [`crate::ga::phases`] (the
/// training factor, the reporting period over the span); `None` without a scaling.
///
/// # Errors
/// [`Error::InvalidManifest`] on `components[i].scaling.…` for a negative, non-finite or
/// zero input.
pub(super) fn scaling(c: &Component, i: usize) -> Result<Option<ScalingUsed>, Error> {
    let Some(s) = &c.scaling else {
        return Ok(None);
    };
    let mut input = crate::ga::phases::PhaseInput::new(c.phase, 1.0, 1.0);
    input.rd_multiple = s.rd_multiple;
    input.retrainings = s.retrainings;
    input.retrain_ratio = s.retrain_ratio;
    input.continuous = s.continuous;
    let p = crate::ga::phases::phases(&[input]).map_err(|e| {
        let inner = e.field().unwrap_or("").trim_start_matches("phases[0].");
        manifest_error(
            &format!("components[{i}].scaling.{inner}"),
            None,
            &e.to_string(),
        )
    })?;
    let r = p
        .phases
        .first()
        .ok_or_else(|| manifest_error(&format!("components[{i}].scaling"), None, "no result"))?;
    Ok(Some(ScalingUsed {
        training_factor: r.training_factor,
        period_factor: r.period_factor,
        factor: r.training_factor * r.period_factor,
    }))
}
