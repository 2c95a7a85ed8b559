//! The native module `empreinte._core`: each function parses its arguments, calls one
//! core function and converts the result (JSON text, read by the Python layer) or the
//! error (an exception of `empreinte.exceptions`). Conversions live in `conv`.

mod conv;
mod frame;
mod hpc;
mod report;

use empreinte::{estimate as core_estimate, parse_runtime_h, DataVersion, Estimate, Job, Lang};
use empreinte_measure::{Meter, Scope, Start};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::conv::{bad_argument, py_result, to_json, to_value};

/// Estimates a job given as a dict of the job JSON; returns the result JSON text.
#[pyfunction]
fn estimate(py: Python<'_>, job: &Bound<'_, PyAny>) -> PyResult<String> {
    let result = to_value(job, "")
        .and_then(Job::from_value)
        .and_then(|j| core_estimate(&j));
    to_json(&py_result(py, result)?)
}

/// The language asked for (`fr`, `en`, `fr-FR`…), else the one of `$LANG`, as the command
/// line chooses it.
fn lang_or_locale(lang: Option<&str>) -> Result<Lang, empreinte::Error> {
    match lang {
        Some(tag) => Lang::parse(tag),
        None => Ok(Lang::from_locale(std::env::var("LANG").ok().as_deref())),
    }
}

/// The text summary of a job's estimate, the words `empreinte estimate` prints.
#[pyfunction]
#[pyo3(signature = (job, lang=None))]
fn estimate_summary(
    py: Python<'_>,
    job: &Bound<'_, PyAny>,
    lang: Option<&str>,
) -> PyResult<String> {
    let lang = py_result(py, lang_or_locale(lang))?;
    let result = to_value(job, "")
        .and_then(Job::from_value)
        .and_then(|j| core_estimate(&j));
    Ok(empreinte::words::estimate_summary::render(
        &py_result(py, result)?,
        lang,
    ))
}

/// A data table of a data version (`cpus`, `gpus`, `locations`, `providers`,
/// `datacenters`), all rows or those matching `search`, as JSON text.
#[pyfunction]
#[pyo3(signature = (name, data_version=None, search=None))]
fn table(
    py: Python<'_>,
    name: &str,
    data_version: Option<&str>,
    search: Option<&str>,
) -> PyResult<String> {
    let version = py_result(
        py,
        data_version.map_or(Ok(DataVersion::DEFAULT), DataVersion::parse),
    )?;
    let table = py_result(py, empreinte::Table::parse(name))?;
    to_json(&version.dataset().search_table(table, search.unwrap_or("")))
}

/// The notebook card of a result (its JSON text): HTML, French then English.
#[pyfunction]
fn estimate_card(py: Python<'_>, result_json: &str) -> PyResult<String> {
    py_result(py, empreinte::words::card::estimate_card_html(result_json))
}

/// The data versions, oldest first.
#[pyfunction]
fn data_versions() -> Vec<&'static str> {
    DataVersion::ALL.iter().map(|v| v.as_str()).collect()
}

/// A runtime written as people do (`12h30m`, `90m`, `1-02:00:00`), in hours.
#[pyfunction]
#[pyo3(signature = (text, field="runtime"))]
fn parse_runtime(py: Python<'_>, text: &str, field: &str) -> PyResult<f64> {
    py_result(py, parse_runtime_h(text, field))
}

/// The job JSON (text) of `job` (a dict of the job JSON, or `None`) updated with the flat
/// keyword `fields` (`cpu`, `cores`, `gpus`, `runtime`…): the core's one rule for the parts.
#[pyfunction]
#[pyo3(signature = (job, fields))]
fn job_from_flat(
    py: Python<'_>,
    job: &Bound<'_, PyAny>,
    fields: &Bound<'_, PyDict>,
) -> PyResult<String> {
    let result = to_value(job, "job").and_then(|base| {
        let mut flat = serde_json::Map::new();
        for (k, v) in fields.iter() {
            let key: String = k.extract().map_err(|_| empreinte::Error::InvalidArgument {
                field: "fields".to_owned(),
                message: format!("keyword names must be strings, got {k}"),
            })?;
            // a value is named by where it goes in the job: `usage_cpu` is `cpu.usage`
            let path = empreinte::batch::job_path(&key);
            flat.insert(key, to_value(&v, &path)?);
        }
        empreinte::batch::job_from_flat(Some(base), &flat)
    });
    to_json(&py_result(py, result)?)
}

/// Measures a run of this process and estimates it (`empreinte.track`).
#[pyclass(module = "empreinte._core")]
struct Tracker {
    job: serde_json::Value,
    start: Option<Start>,
    /// The estimate of the last run, for its summary.
    last: Option<Estimate>,
}

#[pymethods]
impl Tracker {
    /// Checks the job (so that a bad name fails before the run, not after it).
    #[new]
    fn new(py: Python<'_>, job: &Bound<'_, PyDict>) -> PyResult<Tracker> {
        let job = py_result(py, to_value(job.as_any(), ""))?;
        py_result(py, empreinte_measure::check(&job))?;
        Ok(Tracker {
            job,
            start: None,
            last: None,
        })
    }

    /// Takes the first reading.
    fn start(&mut self) {
        self.start = Some(Meter::shared().start(Scope::SelfProcess));
    }

    /// Takes the second reading; returns the result JSON text with its `measurement`.
    fn stop(&mut self, py: Python<'_>) -> PyResult<String> {
        let start = self
            .start
            .take()
            .ok_or_else(|| bad_argument("tracker", "the tracker was not started"))?;
        let m = Meter::shared().stop(&start);
        let measured = py_result(
            py,
            empreinte_measure::estimate_measured(self.job.clone(), &m),
        )?;
        let json = to_json(&measured)?;
        self.last = Some(measured.estimate);
        Ok(json)
    }

    /// The text summary of the last run's estimate (`lang`: as `estimate_summary`).
    #[pyo3(signature = (lang=None))]
    fn summary(&self, py: Python<'_>, lang: Option<&str>) -> PyResult<String> {
        let lang = py_result(py, lang_or_locale(lang))?;
        let last = self
            .last
            .as_ref()
            .ok_or_else(|| bad_argument("tracker", "the tracker has not stopped yet"))?;
        Ok(empreinte::words::estimate_summary::render(last, lang))
    }
}

/// The native part of the `empreinte` package.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ERROR_CODES", empreinte::Error::CODES.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("RESULT_COLUMNS", empreinte::batch::RESULT_COLUMNS.to_vec())?;
    m.add(
        "DEFAULT_RESULT_COLUMNS",
        empreinte::batch::DEFAULT_RESULT_COLUMNS.to_vec(),
    )?;
    m.add("NUMBER_COLUMNS", empreinte::batch::NUMBER_COLUMNS.to_vec())?;
    m.add("NAME_COLUMNS", empreinte::batch::NAME_COLUMNS.to_vec())?;
    m.add_function(wrap_pyfunction!(estimate, m)?)?;
    m.add_function(wrap_pyfunction!(estimate_card, m)?)?;
    m.add_function(wrap_pyfunction!(estimate_summary, m)?)?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    m.add_function(wrap_pyfunction!(data_versions, m)?)?;
    m.add_function(wrap_pyfunction!(parse_runtime, m)?)?;
    m.add_function(wrap_pyfunction!(job_from_flat, m)?)?;
    m.add_function(wrap_pyfunction!(frame::estimate_columns, m)?)?;
    m.add_function(wrap_pyfunction!(report::report, m)?)?;
    m.add_function(wrap_pyfunction!(report::render, m)?)?;
    m.add_function(wrap_pyfunction!(report::verify, m)?)?;
    m.add_class::<Tracker>()?;
    m.add_class::<hpc::HpcStream>()?;
    m.add("SACCT_COLUMNS", hpc::sacct_columns())?;
    m.add(
        "HPC_JOB_COLUMNS",
        empreinte::hpc::output::JOB_COLUMNS.to_vec(),
    )?;
    Ok(())
}
