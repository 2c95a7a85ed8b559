//! Reports: a manifest to the report JSON, its renderings, and `verify` (the core's
//! `report` module; the envelope's id and time come from Python).

use empreinte::report::{self as core_report, Envelope, RenderFormat};
use empreinte::Lang;
use pyo3::prelude::*;

use crate::conv::{py_result, to_json};

/// Builds the report of a manifest (TOML or JSON text); returns the report JSON text.
#[pyfunction]
pub fn report(
    py: Python<'_>,
    manifest: &str,
    report_id: String,
    generated_at: String,
) -> PyResult<String> {
    let envelope = Envelope {
        report_id,
        generated_at,
        target: "python".to_owned(),
    };
    let r = py_result(py, core_report::from_manifest_text(manifest, &envelope))?;
    py_result(py, core_report::to_json(&r))
}

/// Renders a report JSON text as `html`, `markdown` or `text`, in `fr` or `en`.
#[pyfunction]
pub fn render(py: Python<'_>, report_json: &str, format: &str, lang: &str) -> PyResult<String> {
    let format = py_result(py, RenderFormat::parse(format))?;
    let lang = py_result(py, Lang::parse(lang))?;
    let r = py_result(py, core_report::parse_report(report_json))?;
    Ok(core_report::render(&r, format, lang))
}

/// Verifies a report JSON text; returns the verdict as JSON text.
#[pyfunction]
pub fn verify(report_json: &str) -> PyResult<String> {
    to_json(&core_report::verify(report_json))
}
