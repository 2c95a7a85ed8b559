//! `HpcStream`: sacct lines as Arrow text columns (their buffers, read in place) through
//! the core's streaming [`Analyzer`], per-job results back as numpy columns that the
//! Python layer (`empreinte.hpc`) wraps as an Arrow record batch.

use empreinte::hpc::{
    Analyzer, Cluster, JobColumns, LineBatch, Offsets, Options, TextColumn, Validity, Values,
    OPTIONAL_COLUMNS, REQUIRED_COLUMNS,
};
use empreinte::Error;
use std::collections::BTreeMap;
use std::path::PathBuf;

use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::conv::{bad_argument, py_result, to_json};

/// The sacct columns the analyser reads (required first), for the Python layer to pick
/// and convert only those.
pub fn sacct_columns() -> Vec<&'static str> {
    REQUIRED_COLUMNS
        .iter()
        .chain(OPTIONAL_COLUMNS.iter())
        .copied()
        .collect()
}

/// One text column as handed over by Python: name, offsets (int32 or int64 numpy array,
/// already sliced to the array's `len + 1`), UTF-8 bytes, validity bitmap bytes and its
/// bit offset.
type ColumnIn<'py> = (
    String,
    Bound<'py, PyAny>,
    PyReadonlyArray1<'py, u8>,
    Option<PyReadonlyArray1<'py, u8>>,
    usize,
);

/// Borrowed offsets of either width.
enum OffsetsIn<'py> {
    I32(PyReadonlyArray1<'py, i32>),
    I64(PyReadonlyArray1<'py, i64>),
}

fn invalid(field: &str, message: String) -> Error {
    Error::InvalidDocument {
        field: field.to_owned(),
        message,
    }
}

/// A streaming analysis of sacct lines given as record batches.
#[pyclass(module = "empreinte._core")]
pub struct HpcStream {
    analyzer: Option<Analyzer>,
    jobs: JobColumns,
    /// The files the cluster file named (its `ci_series.csv_file`), with their text.
    files: BTreeMap<String, String>,
}

/// The result columns as `(name, kind, values, offsets, validity)` tuples: kind `text`
/// (values the UTF-8 bytes, offsets int64), `f64`, `i64` or `bool`; validity a bool array
/// (`True` where valid) for the columns that may be null.
fn columns_out<'py>(py: Python<'py>, jobs: JobColumns) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for col in jobs.into_columns() {
        let validity = col.validity.map(|v| PyArray1::from_vec(py, v));
        let (kind, values, offsets) = match col.values {
            Values::Text { offsets, bytes } => (
                "text",
                PyArray1::from_vec(py, bytes).into_any(),
                Some(PyArray1::from_vec(py, offsets)),
            ),
            Values::Float64(v) => ("f64", PyArray1::from_vec(py, v).into_any(), None),
            Values::Int64(v) => ("i64", PyArray1::from_vec(py, v).into_any(), None),
            Values::Bool(v) => ("bool", PyArray1::from_vec(py, v).into_any(), None),
        };
        out.append((col.name, kind, values, offsets, validity))?;
    }
    Ok(out)
}

#[pymethods]
impl HpcStream {
    /// An analyser for a cluster given as TOML text (`None`: the built-in Jean Zay
    /// example). A file the cluster names (`ci_series.csv_file`) is taken from `files`
    /// (name → text), else read relative to `folder`.
    #[new]
    #[pyo3(signature = (cluster_toml=None, strict=false, window=4096, folder=None, files=None))]
    fn new(
        py: Python<'_>,
        cluster_toml: Option<&str>,
        strict: bool,
        window: usize,
        folder: Option<PathBuf>,
        files: Option<BTreeMap<String, String>>,
    ) -> PyResult<HpcStream> {
        let mut files = files.unwrap_or_default();
        let cluster = match cluster_toml {
            None => Cluster::jean_zay(),
            Some(text) => Cluster::from_toml_with(text, |name| {
                if let Some(text) = files.get(name) {
                    return Ok(text.clone());
                }
                let path = folder.clone().unwrap_or_default().join(name);
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    invalid(
                        "ci_series.csv_file",
                        format!("cannot read {}: {e}", path.display()),
                    )
                })?;
                files.insert(name.to_owned(), text.clone());
                Ok(text)
            }),
        };
        let cluster = py_result(py, cluster)?;
        let opts = Options {
            strict,
            window,
            ..Options::default()
        };
        Ok(HpcStream {
            analyzer: Some(Analyzer::new(cluster, opts)),
            jobs: JobColumns::new(),
            files,
        })
    }

    /// The files the cluster file named, with their text (to hand to other processes).
    fn files(&self) -> BTreeMap<String, String> {
        self.files.clone()
    }

    /// The cluster configuration in use, as JSON text.
    fn cluster_json(&self) -> PyResult<String> {
        match &self.analyzer {
            Some(a) => to_json(a.cluster()),
            None => Err(bad_argument("stream", "the stream is finished")),
        }
    }

    /// Reads one batch of `rows` rows; returns the result columns of the jobs completed.
    fn feed<'py>(
        &mut self,
        py: Python<'py>,
        rows: usize,
        columns: Vec<ColumnIn<'py>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let analyzer = self
            .analyzer
            .as_mut()
            .ok_or_else(|| bad_argument("stream", "the stream is finished"))?;
        let mut offsets = Vec::with_capacity(columns.len());
        for (name, offs, _, _, _) in &columns {
            let o = if let Ok(a) = offs.extract::<PyReadonlyArray1<'py, i32>>() {
                OffsetsIn::I32(a)
            } else if let Ok(a) = offs.extract::<PyReadonlyArray1<'py, i64>>() {
                OffsetsIn::I64(a)
            } else {
                let e = invalid(name, "offsets must be an int32 or int64 array".into());
                return py_result(py, Err(e));
            };
            offsets.push(o);
        }
        let mut slices = Vec::with_capacity(columns.len());
        for ((name, _, values, validity, bit), o) in columns.iter().zip(&offsets) {
            let offsets = match o {
                OffsetsIn::I32(a) => Offsets::I32(a.as_slice()?),
                OffsetsIn::I64(a) => Offsets::I64(a.as_slice()?),
            };
            let validity = match validity {
                Some(v) => Some(Validity {
                    bits: v.as_slice()?,
                    offset: *bit,
                }),
                None => None,
            };
            slices.push((name.as_str(), offsets, values.as_slice()?, validity));
        }
        let jobs = &mut self.jobs;
        let result = py.detach(|| -> Result<(), Error> {
            let mut batch = LineBatch::new();
            for (name, offsets, values, validity) in slices {
                let column = TextColumn::new(name, offsets, values, validity)?;
                if column.len() != rows {
                    return Err(invalid(
                        name,
                        format!("has {} values in a batch of {rows} rows", column.len()),
                    ));
                }
                batch.push(name, column)?;
            }
            analyzer.feed_batch(&batch, &mut |j| jobs.push(j))
        });
        py_result(py, result)?;
        columns_out(py, self.jobs.take())
    }

    /// Ends the stream: the result columns of the jobs still open, and the report (totals,
    /// groups, diagnostics) as JSON text.
    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<(Bound<'py, PyList>, String)> {
        let analyzer = self
            .analyzer
            .take()
            .ok_or_else(|| bad_argument("stream", "the stream is finished"))?;
        let jobs = &mut self.jobs;
        let report = py.detach(|| analyzer.finish(&mut |j| jobs.push(j)));
        let report = py_result(py, report)?;
        let json = to_json(&report)?;
        Ok((columns_out(py, self.jobs.take())?, json))
    }
}
