//! The manifest: what a supplier writes once per project to describe it (TOML, or the same
//! document as JSON), read from text into [`Manifest`].
//!
//! Reading checks the shape (unknown keys are errors, named by their path such as
//! `components[2].job.cpu.cores`, with the line where the parser knows it) and the
//! identifiers (SIREN/SIRET with their Luhn key, RFC 3339 UTC times, the period's order,
//! unique component ids). [`super::prepare`] then applies the defaults and runs the
//! calculation.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::ga::job::Job;
use crate::ga::phases::Phase;

/// A text in French and/or English, or a language-neutral text (a name, a reference).
///
/// In TOML: `"…"` or `{ fr = "…", en = "…" }`. French is the authoritative language of
/// reports; an English text alone is accepted and shown in both renderings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    /// A text in one language, shown as is in every rendering.
    Plain(String),
    /// A text with its translations.
    Bilingual {
        /// French (authoritative).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fr: Option<String>,
        /// English.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        en: Option<String>,
    },
}

impl Text {
    /// The text in `lang`, else in the other language.
    pub fn get(&self, lang: crate::format::Lang) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Bilingual { fr, en } => {
                let (first, second) = match lang {
                    crate::format::Lang::Fr => (fr, en),
                    crate::format::Lang::En => (en, fr),
                };
                first.as_deref().or(second.as_deref()).unwrap_or("")
            }
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            Text::Plain(s) => s.trim().is_empty(),
            Text::Bilingual { fr, en } => {
                fr.as_deref().is_none_or(|s| s.trim().is_empty())
                    && en.as_deref().is_none_or(|s| s.trim().is_empty())
            }
        }
    }
}

/// A role contact: a function and a shared address, never a person's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The role, e.g. `"Responsable numérique responsable"`.
    pub role: String,
    /// A shared (functional) e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// An organisation: the supplier or the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Legal name.
    pub legal_name: String,
    /// SIREN (9 digits, Luhn key), spaces allowed on input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siren: Option<String>,
    /// SIRET (14 digits, Luhn key; La Poste's establishments use their own rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siret: Option<String>,
    /// The role contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// The contract the report is handed in under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Contract (market) reference.
    pub reference: String,
    /// Lot, where the contract has lots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// The clause that requires the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

/// A named, versioned thing: the project, the software, the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    /// Name.
    pub name: String,
    /// Version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// Who reports to whom, under which contract, about what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identification {
    /// The supplier (contractor): legal name, SIREN or SIRET, role contact.
    pub supplier: Party,
    /// The buyer.
    pub buyer: Party,
    /// Contract, lot and clause.
    pub contract: Contract,
    /// The project.
    pub project: Named,
    /// The software whose computation is reported.
    pub software: Named,
    /// The model trained or served, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<Named>,
}

/// Why the computation was done, and what else was considered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// What the computation is for.
    pub statement: Text,
    /// Why it is needed at this size.
    pub justification: Text,
    /// Alternatives considered (smaller model, reuse, fewer runs…) and why not chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives_considered: Option<Text>,
}

/// The functional unit R of the SCI score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredUnit {
    /// Short name, e.g. « 1 000 requêtes servies ».
    pub name: Text,
    /// What one unit is, precisely.
    pub definition: Text,
    /// How many units the period delivered (> 0).
    pub quantity: f64,
}

/// A UTC instant written `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339). TOML's own date-times are
/// accepted too.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Timestamp(pub String);

impl Timestamp {
    /// Checks the form `YYYY-MM-DDTHH:MM:SSZ` and the calendar.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        if b.len() != 20 {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = text.get(r)?;
            if s.bytes().all(|c| c.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let sep_ok = b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && b[19] == b'Z';
        if !sep_ok {
            return None;
        }
        let (y, mo, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let (h, mi, s) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match mo {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if d == 0 || d > days || h > 23 || mi > 59 || s > 59 {
            return None;
        }
        Some(Timestamp(text.to_owned()))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a UTC date-time such as 2025-01-01T00:00:00Z")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            // a TOML date-time arrives as a one-entry map holding its text
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Timestamp, A::Error> {
                let (_, text): (String, String) = map
                    .next_entry()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                self.visit_str(&text)
            }
        }
        d.deserialize_any(V)
    }
}

/// The reporting period, UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Start (inclusive).
    pub start: Timestamp,
    /// End (exclusive), after the start.
    pub end: Timestamp,
}

/// Something the assessment includes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Included {
    /// What, e.g. `"training runs"`.
    pub item: Text,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// Something the assessment leaves out, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excluded {
    /// What, e.g. `"end users' devices"`.
    pub item: Text,
    /// Why it is left out (required).
    pub reason: Text,
}

/// The assessment's boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boundary {
    /// What is included.
    pub included: Vec<Included>,
    /// What is excluded, each with its reason.
    #[serde(default)]
    pub excluded: Vec<Excluded>,
}

/// How a value is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Measured over the period (meter, RAPL, NVML, scheduler accounting).
    Measured,
    /// Declared by the supplier or the hosting operator.
    Declared,
    /// A default of the tool or of its dataset.
    Default,
}

impl EvidenceKind {
    /// `"measured"`, `"declared"` or `"default"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Measured => "measured",
            EvidenceKind::Declared => "declared",
            EvidenceKind::Default => "default",
        }
    }
}

/// The evidence for a PUE (ISO/IEC 30134-2) or a WUE (ISO/IEC 30134-9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorEvidence {
    /// Measured, declared or default. The value is the job's (`pue`,
    /// `water.wue_l_per_kwh`).
    pub kind: EvidenceKind,
    /// Year the value refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Method, e.g. `"ISO/IEC 30134-2, annual, category 2"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Where it comes from (operator's declaration, report, dataset row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Evidence for the facility factors of a component.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// For the job's PUE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pue: Option<FactorEvidence>,
    /// For the site's WUE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wue: Option<FactorEvidence>,
}

/// Which job inputs were measured, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measured {
    /// Job fields that hold measured values: `runtime_h`, `cpu.usage`, `gpu.usage`,
    /// `memory_gb`, `multiplicative_factor`, `cpu.tdp_per_core_w`, `gpu.tdp_w`.
    pub fields: Vec<String>,
    /// Method, e.g. `"scheduler accounting (sacct), GPU utilisation sampled by NVML"`.
    pub method: String,
    /// Tool and version, e.g. `"Slurm 23.02 sacct; nvidia-smi 535"`.
    pub tool: String,
    /// Sampling interval, s, for sampled values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampling_interval_s: Option<f64>,
}

/// Job fields that [`Measured::fields`] may name.
pub const MEASURABLE: [&str; 7] = [
    "runtime_h",
    "cpu.usage",
    "gpu.usage",
    "memory_gb",
    "multiplicative_factor",
    "cpu.tdp_per_core_w",
    "gpu.tdp_w",
];

/// How one run's figures scale to the component (methodology A.8, the AI view): a
/// training factor `1 + rd_multiple + retrainings × retrain_ratio`, and/or continuous
/// operation measured over `span_h` scaled to a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    /// R&D compute as a multiple of the main run (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rd_multiple: Option<f64>,
    /// Number of retrainings (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrainings: Option<f64>,
    /// Size of each retraining relative to the main run (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrain_ratio: Option<f64>,
    /// The job covers `span_h` of continuous operation, scaled to `period`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuous: Option<crate::ga::phases::Continuous>,
}

/// One computation of the project: a phase and a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Identifier, unique in the manifest: `[a-z0-9_-]+`.
    pub id: String,
    /// Readable name.
    pub name: Text,
    /// Life-cycle phase.
    pub phase: Phase,
    /// The job, in the core's job JSON shape (absent fields left out, so that fields the
    /// job format gains later do not change the reports that do not use them).
    #[serde(serialize_with = "job_without_nulls")]
    pub job: Job,
    /// Evidence for PUE and WUE.
    #[serde(default)]
    pub evidence: Evidence,
    /// Which inputs were measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<Measured>,
    /// How the job's figures (one run, or one span) scale to the component.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<Scaling>,
    /// In a normalised manifest: the fields of this component (`job.pue`,
    /// `evidence.pue`…) whose value is a default written out by the tool. Reading such a
    /// manifest again treats them as absent, so defaults are re-derived, never trusted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults: Vec<String>,
}

/// The methodological choices.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choices {
    /// Green Algorithms data version (`"v3.0"` by default). Once written in a report it
    /// stays pinned, so that old reports keep verifying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_version: Option<String>,
    /// Carbon-intensity source (`"green-algorithms"`: the data version's location
    /// average).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci_source: Option<String>,
    /// Embodied-emissions model (`"none"` until one is available).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embodied_model: Option<String>,
    /// Uncertainty method (`"none"` until one is available).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty_method: Option<String>,
}

/// A project's manifest: identification, purpose, functional unit, period, boundary,
/// components and choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Who, for whom, under which contract, about what.
    pub identification: Identification,
    /// Why.
    pub purpose: Purpose,
    /// The functional unit R.
    pub functional_unit: DeclaredUnit,
    /// The reporting period.
    pub period: Period,
    /// What is in and out.
    pub boundary: Boundary,
    /// The computations.
    pub components: Vec<Component>,
    /// Methodological choices.
    #[serde(default)]
    pub choices: Choices,
    /// In a normalised manifest: the manifest-level fields (`choices.ci_source`…) whose
    /// value is a default written out by the tool.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults: Vec<String>,
}

fn job_without_nulls<S: serde::Serializer>(job: &Job, s: S) -> Result<S::Ok, S::Error> {
    fn strip(v: &mut serde_json::Value) {
        if let serde_json::Value::Object(map) = v {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(strip);
        }
    }
    let mut v = serde_json::to_value(job).map_err(serde::ser::Error::custom)?;
    strip(&mut v);
    v.serialize(s)
}

/// Maximum size of a manifest or report text, bytes.
pub const MAX_TEXT: usize = 4 << 20;

impl Manifest {
    /// Reads a manifest from TOML or JSON text (JSON when the first non-blank character is
    /// `{`), then checks identifiers, period and component ids.
    ///
    /// # Errors
    /// [`Error::InvalidManifest`] with the path of the offending key and, for syntax and
    /// type errors, the line.
    pub fn parse(text: &str) -> Result<Manifest, Error> {
        if text.len() > MAX_TEXT {
            return Err(manifest_error(".", None, "larger than 4 MiB"));
        }
        let text = crate::json::without_bom(text);
        let manifest: Manifest = if text.trim_start().starts_with('{') {
            crate::json::check(text).map_err(|r| {
                let (field, message) = r.field_and_message();
                manifest_error(&field, None, &message)
            })?;
            let de = &mut serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let line = e.inner().line();
                let message = strip_position(&e.inner().to_string());
                manifest_error(&path_of(&e), (line > 0).then_some(line), &message)
            })?
        } else {
            let de = toml::Deserializer::parse(text).map_err(|e| toml_error(".", text, &e))?;
            serde_path_to_error::deserialize(de)
                .map_err(|e| toml_error(&path_of(&e), text, e.inner()))?
        };
        manifest.check()?;
        Ok(manifest)
    }

    /// Checks what serde cannot: identifiers, period, quantity, ids, non-empty texts.
    pub(crate) fn check(&self) -> Result<(), Error> {
        let id = &self.identification;
        check_party(&id.supplier, "identification.supplier", true)?;
        check_party(&id.buyer, "identification.buyer", false)?;
        for (field, value) in [
            ("identification.contract.reference", &id.contract.reference),
            ("identification.project.name", &id.project.name),
            ("identification.software.name", &id.software.name),
        ] {
            non_blank(field, value)?;
        }
        if id
            .software
            .version
            .as_deref()
            .is_none_or(|v| v.trim().is_empty())
        {
            return Err(manifest_error(
                "identification.software.version",
                None,
                "the software version is required (the report must pin it)",
            ));
        }
        for (field, text) in [
            ("purpose.statement", &self.purpose.statement),
            ("purpose.justification", &self.purpose.justification),
            ("functional_unit.name", &self.functional_unit.name),
            (
                "functional_unit.definition",
                &self.functional_unit.definition,
            ),
        ] {
            if text.is_blank() {
                return Err(manifest_error(field, None, "must not be empty"));
            }
        }
        let q = self.functional_unit.quantity;
        if !q.is_finite() || q <= 0.0 {
            return Err(manifest_error(
                "functional_unit.quantity",
                None,
                &format!("must be a number greater than 0, got {q}"),
            ));
        }
        if self.period.end <= self.period.start {
            return Err(manifest_error(
                "period.end",
                None,
                &format!(
                    "must be after period.start ({} ≤ {})",
                    self.period.end.0, self.period.start.0
                ),
            ));
        }
        if self.boundary.included.is_empty() {
            return Err(manifest_error(
                "boundary.included",
                None,
                "name at least what the assessment includes",
            ));
        }
        for (i, ex) in self.boundary.excluded.iter().enumerate() {
            if ex.reason.is_blank() {
                return Err(manifest_error(
                    &format!("boundary.excluded[{i}].reason"),
                    None,
                    "every exclusion needs its reason",
                ));
            }
        }
        if self.components.is_empty() {
            return Err(manifest_error(
                "components",
                None,
                "at least one component is required",
            ));
        }
        for (i, c) in self.components.iter().enumerate() {
            let ok = !c.id.is_empty()
                && c.id.len() <= 64
                && c.id.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-'
                });
            if !ok {
                return Err(manifest_error(
                    &format!("components[{i}].id"),
                    None,
                    &format!("{:?}: use 1 to 64 characters among a-z, 0-9, _ and -", c.id),
                ));
            }
            if self.components[..i].iter().any(|o| o.id == c.id) {
                return Err(manifest_error(
                    &format!("components[{i}].id"),
                    None,
                    &format!("{:?} is used by another component", c.id),
                ));
            }
            if c.name.is_blank() {
                return Err(manifest_error(
                    &format!("components[{i}].name"),
                    None,
                    "must not be empty",
                ));
            }
            if let Some(m) = &c.measured {
                check_measured(m, &c.job, i)?;
            }
            let wue = c.job.water.as_ref().and_then(|w| w.wue_l_per_kwh);
            if let Some(ev) = &c.evidence.wue {
                if ev.kind != EvidenceKind::Default && wue.is_none() {
                    return Err(manifest_error(
                        &format!("components[{i}].evidence.wue.kind"),
                        None,
                        &format!(
                            "evidence is {} but the job gives no water.wue_l_per_kwh",
                            ev.kind.as_str()
                        ),
                    ));
                }
                if ev.kind == EvidenceKind::Default && wue.is_some() {
                    return Err(manifest_error(
                        &format!("components[{i}].evidence.wue.kind"),
                        None,
                        "the job states its WUE: its evidence is measured or declared, not default",
                    ));
                }
            }
        }
        Ok(())
    }
}

fn check_measured(m: &Measured, job: &Job, i: usize) -> Result<(), Error> {
    let base = format!("components[{i}].measured");
    for (j, f) in m.fields.iter().enumerate() {
        if !MEASURABLE.contains(&f.as_str()) {
            return Err(manifest_error(
                &format!("{base}.fields[{j}]"),
                None,
                &format!(
                    "{f:?} is not a measurable job field: {}",
                    MEASURABLE.join(", ")
                ),
            ));
        }
        let present = match f.as_str() {
            "runtime_h" => job.runtime_h.is_some(),
            "memory_gb" => job.memory_gb.is_some(),
            "multiplicative_factor" => job.multiplicative_factor.is_some(),
            "cpu.usage" => job.cpu.as_ref().is_some_and(|c| c.usage.is_some()),
            "cpu.tdp_per_core_w" => job.cpu.as_ref().is_some_and(|c| c.tdp_per_core_w.is_some()),
            "gpu.usage" => job.gpu.as_ref().is_some_and(|g| g.usage.is_some()),
            _ => job.gpu.as_ref().is_some_and(|g| g.tdp_w.is_some()),
        };
        if !present {
            return Err(manifest_error(
                &format!("{base}.fields[{j}]"),
                None,
                &format!("job.{f} is said to be measured but the job does not give it"),
            ));
        }
    }
    non_blank(&format!("{base}.method"), &m.method)?;
    non_blank(&format!("{base}.tool"), &m.tool)?;
    if let Some(s) = m.sampling_interval_s {
        if !s.is_finite() || s <= 0.0 {
            return Err(manifest_error(
                &format!("{base}.sampling_interval_s"),
                None,
                &format!("must be a number of seconds > 0, got {s}"),
            ));
        }
    }
    Ok(())
}

fn non_blank(field: &str, value: &str) -> Result<(), Error> {
    if value.trim().is_empty() {
        Err(manifest_error(field, None, "must not be empty"))
    } else {
        Ok(())
    }
}

fn check_party(p: &Party, base: &str, supplier: bool) -> Result<(), Error> {
    non_blank(&format!("{base}.legal_name"), &p.legal_name)?;
    let siren = p.siren.as_deref().map(digits_only);
    let siret = p.siret.as_deref().map(digits_only);
    if let Some(s) = &siren {
        if !valid_siren(s) {
            return Err(manifest_error(
                &format!("{base}.siren"),
                None,
                &format!("{s:?} is not a valid SIREN (9 digits with a Luhn key)"),
            ));
        }
    }
    if let Some(s) = &siret {
        if !valid_siret(s) {
            return Err(manifest_error(
                &format!("{base}.siret"),
                None,
                &format!("{s:?} is not a valid SIRET (14 digits with a Luhn key)"),
            ));
        }
    }
    if let (Some(n), Some(t)) = (&siren, &siret) {
        if !t.starts_with(n.as_str()) {
            return Err(manifest_error(
                &format!("{base}.siret"),
                None,
                &format!("{t:?} does not belong to SIREN {n:?}"),
            ));
        }
    }
    if supplier {
        if siren.is_none() && siret.is_none() {
            return Err(manifest_error(
                &format!("{base}.siren"),
                None,
                "the supplier's SIREN or SIRET is required",
            ));
        }
        let Some(contact) = &p.contact else {
            return Err(manifest_error(
                &format!("{base}.contact"),
                None,
                "a role contact is required (a function and a shared address, no personal name)",
            ));
        };
        non_blank(&format!("{base}.contact.role"), &contact.role)?;
    }
    if let Some(email) = p.contact.as_ref().and_then(|c| c.email.as_deref()) {
        let ok = email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !email.contains(' '));
        if !ok {
            return Err(manifest_error(
                &format!("{base}.contact.email"),
                None,
                &format!("{email:?} is not an e-mail address"),
            ));
        }
    }
    Ok(())
}

/// The digits of `s` when it holds only digits and spaces; `s` unchanged otherwise (the
/// check then fails on it).
fn digits_only(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '\u{A0}' || c == '\u{202F}')
    {
        s.chars().filter(char::is_ascii_digit).collect()
    } else {
        s.to_owned()
    }
}

/// The Luhn check over a string of ASCII digits.
pub fn luhn(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 {
                    d2 - 9
                } else {
                    d2
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// A SIREN: 9 digits, Luhn key.
pub fn valid_siren(s: &str) -> bool {
    s.len() == 9 && luhn(s)
}

/// A SIRET: 14 digits, Luhn key — except La Poste's establishments (SIREN 356 000 000),
/// whose digits sum to a multiple of 5.
pub fn valid_siret(s: &str) -> bool {
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if s.starts_with("356000000") && s != "35600000000048" {
        return s.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0;
    }
    luhn(s)
}

pub(crate) fn manifest_error(field: &str, line: Option<usize>, message: &str) -> Error {
    Error::InvalidManifest {
        field: field.to_owned(),
        line,
        message: message.to_owned(),
    }
}

fn path_of<E>(e: &serde_path_to_error::Error<E>) -> String {
    let p = e.path().to_string();
    if p.is_empty() || p == "." || p == "?" {
        ".".to_owned()
    } else {
        p
    }
}

/// serde_json's message without its " at line L column C" (the line is kept apart).
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn toml_error(field: &str, text: &str, e: &toml::de::Error) -> Error {
    let line = e
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    manifest_error(field, line, e.message().trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_siren_siret() {
        assert!(luhn("79927398713"));
        assert!(!luhn("79927398710"));
        assert!(valid_siren("732829320"));
        assert!(!valid_siren("732829321"));
        assert!(valid_siret("73282932000074"));
        assert!(!valid_siret("73282932000075"));
        // La Poste: the sum of the digits is a multiple of 5
        assert!(valid_siret("35600000049837"));
        assert!(!valid_siret("7328293200007a"));
        assert_eq!(digits_only("732 829 320"), "732829320");
    }

    #[test]
    fn timestamps() {
        assert!(Timestamp::parse("2024-02-29T23:59:59Z").is_some());
        for bad in [
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01 00:00:00Z",
            "2024-01-01T00:00:00+01:00",
            "2024-01-01T00:00:00",
            "２０24-01-01T00:00:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }
}
