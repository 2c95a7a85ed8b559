//! The audit-grade footprint report: a manifest in, one canonical JSON document out, its
//! renderings (HTML, Markdown, text; French and English), and `verify`.
//!
//! ```
//! use empreinte::report::{self, Envelope, RenderFormat};
//! use empreinte::Lang;
//!
//! let manifest = report::Manifest::parse(r#"
//! [identification]
//! supplier = { legal_name = "Exemple SAS", siren = "732829320",
//!              contact = { role = "Responsable numérique responsable", email = "nr@example.fr" } }
//! buyer = { legal_name = "Communauté d'agglomération" }
//! contract = { reference = "2025-042" }
//! project = { name = "Jumeau numérique" }
//! software = { name = "simulateur", version = "2.1.0" }
//! [purpose]
//! statement = "Simuler les flux de mobilité"
//! justification = "Planification des transports"
//! [functional_unit]
//! name = "scénario simulé"
//! definition = "une simulation complète d'un scénario sur 24 h"
//! quantity = 10
//! [period]
//! start = "2025-01-01T00:00:00Z"
//! end = "2026-01-01T00:00:00Z"
//! [boundary]
//! included = [{ item = "simulations" }]
//! [[components]]
//! id = "simulation"
//! name = "Simulations"
//! phase = "other"
//! job = { runtime_h = 12, cpu = { model = "Xeon E5-2683 v4", cores = 12 }, memory_gb = 64, location = "FR" }
//! "#)?;
//! let envelope = Envelope {
//!     report_id: "123e4567-e89b-42d3-a456-426614174000".to_owned(),
//!     generated_at: "2025-06-01T12:00:00Z".to_owned(),
//!     target: "rust".to_owned(),
//! };
//! let r = report::build(&manifest, &envelope)?;
//! assert_eq!(r.results.total.figures.energy_kwh.total.to_string(), "2.131085");
//! let json = report::to_json(&r)?;
//! assert!(report::verify(&json).label() == "valid");
//! let html = report::render(&r, RenderFormat::Html, Lang::Fr);
//! assert!(html.contains("2,13\u{A0}kWh"));
//! # Ok::<(), empreinte::Error>(())
//! ```
//!
//! # Numbers
//! Computed quantities are fixed-scale decimal strings (kWh with 6 decimals, gCO2e with
//! 3, litres with 3, shares with 4), rounded half to even from the core's doubles and
//! summed exactly; inputs and factors are the JSON numbers of the manifest and the data.
//! The digest is SHA-256 over the RFC 8785 canonical bytes of the report without
//! `integrity`, `report_id`, `generated_at` and `tool.target`.

mod beyond_figures;
mod build;
mod doc;
pub mod fixed;
pub mod jcs;
mod manifest;
mod model;
mod prepare;
mod provenance;
mod quality;
mod render;
mod svg;
mod text;
mod tool;
mod verify;
mod write_html;
mod write_text;

pub use crate::ga::phases::Phase;
pub use build::{build, is_uuid, payload_bytes, payload_sha256, to_value, Envelope, EXCLUDED};
pub use manifest::{
    luhn, valid_siren, valid_siret, Boundary, Choices, Component, Contact, Contract, DeclaredUnit,
    Evidence, EvidenceKind, Excluded, FactorEvidence, Identification, Included, Manifest, Measured,
    Named, Party, Period, Purpose, Scaling, Text, Timestamp, MEASURABLE,
};
pub use model::*;
pub use prepare::{prepare, Prepared};
pub use render::{render, RenderFormat};
pub use tool::{TOOL_NAME, TOOL_VERSION, UNCERTAINTY_METHODS};
pub use verify::{parse_report, verify, Verdict};

use crate::error::Error;

/// The report as the JSON text written to a file: pretty-printed, a final newline. (The
/// digest does not depend on the layout: it is taken over the RFC 8785 form.)
///
/// # Errors
/// [`Error::InvalidReport`] if serialisation fails (it does not for built reports).
pub fn to_json(report: &Report) -> Result<String, Error> {
    let mut s = serde_json::to_string_pretty(report).map_err(|e| Error::InvalidReport {
        field: ".".to_owned(),
        message: e.to_string(),
    })?;
    s.push('\n');
    Ok(s)
}

/// Reads a manifest and builds its report in one call.
///
/// # Errors
/// As [`Manifest::parse`] and [`build`].
pub fn from_manifest_text(text: &str, envelope: &Envelope) -> Result<Report, Error> {
    build(&Manifest::parse(text)?, envelope)
}
