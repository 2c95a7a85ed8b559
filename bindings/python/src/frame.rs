//! `estimate_columns`: a table of jobs as columns (numpy arrays, dictionary-encoded
//! names, or constants) through the core's [`Batch`], without the GIL.

use empreinte::batch::{Batch, Figures, RowInput};
use empreinte::Error;
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::conv::to_pyerr;

/// Numeric inputs, in this order.
const NUMBERS: [&str; 10] = [
    "runtime_h",
    "cores",
    "usage_cpu",
    "tdp_per_core_w",
    "gpus",
    "usage_gpu",
    "tdp_w",
    "memory_gb",
    "pue",
    "multiplicative_factor",
];
/// Name inputs, in this order.
const NAMES: [&str; 7] = [
    "data_version",
    "cpu",
    "gpu",
    "platform",
    "provider",
    "datacenter",
    "location",
];
/// Result columns, in this order.
pub const OUTPUTS: [&str; 14] = [
    "energy_kwh",
    "co2e_g",
    "power_w",
    "energy_cpu_kwh",
    "energy_gpu_kwh",
    "energy_memory_kwh",
    "co2e_cpu_g",
    "co2e_gpu_g",
    "co2e_memory_g",
    "power_cpu_w",
    "power_gpu_w",
    "power_memory_w",
    "pue",
    "ci_g_per_kwh",
];

fn output(f: &Figures, i: usize) -> f64 {
    match i {
        0 => f.energy_kwh,
        1 => f.co2e_g,
        2 => f.power_w,
        3 => f.energy_breakdown_kwh.cpu,
        4 => f.energy_breakdown_kwh.gpu,
        5 => f.energy_breakdown_kwh.memory,
        6 => f.co2e_breakdown_g.cpu,
        7 => f.co2e_breakdown_g.gpu,
        8 => f.co2e_breakdown_g.memory,
        9 => f.power_breakdown_w.cpu,
        10 => f.power_breakdown_w.gpu,
        11 => f.power_breakdown_w.memory,
        12 => f.pue,
        _ => f.ci_g_per_kwh,
    }
}

/// A numeric input as given: a float64 column (NaN is missing) or one value for all.
enum NumIn<'py> {
    Const(Option<f64>),
    Col(PyReadonlyArray1<'py, f64>),
}

/// A name input: codes into a list of distinct values (-1 is missing), or one value.
enum NameIn<'py> {
    Const(Option<String>),
    Col(PyReadonlyArray1<'py, i64>, Vec<Option<String>>),
}

enum Num<'a> {
    Const(Option<f64>),
    Col(&'a [f64]),
}

impl Num<'_> {
    #[inline]
    fn get(&self, i: usize) -> Option<f64> {
        match self {
            Num::Const(v) => *v,
            Num::Col(c) => Some(c[i]).filter(|v| !v.is_nan()),
        }
    }
}

enum Name<'a> {
    Const(Option<&'a str>),
    Col(&'a [i64], Vec<Option<&'a str>>),
}

impl<'a> Name<'a> {
    #[inline]
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Name::Const(v) => *v,
            Name::Col(codes, uniques) => usize::try_from(codes[i])
                .ok()
                .and_then(|c| uniques.get(c).copied().flatten()),
        }
    }
}

fn length_error(field: &str, len: usize, n: usize) -> PyErr {
    PyValueError::new_err(format!("column {field} has {len} values, expected {n}"))
}

/// Row `i` as the core's input.
#[inline]
fn row<'a>(num: &[Num<'a>; 10], name: &[Name<'a>; 7], i: usize) -> RowInput<'a> {
    RowInput {
        data_version: name[0].get(i),
        runtime_h: num[0].get(i),
        cpu_model: name[1].get(i),
        cpu_cores: num[1].get(i),
        cpu_usage: num[2].get(i),
        cpu_tdp_per_core_w: num[3].get(i),
        gpu_model: name[2].get(i),
        gpu_count: num[4].get(i),
        gpu_usage: num[5].get(i),
        gpu_tdp_w: num[6].get(i),
        memory_gb: num[7].get(i),
        platform: name[3].get(i),
        provider: name[4].get(i),
        datacenter: name[5].get(i),
        location: name[6].get(i),
        pue: num[8].get(i),
        multiplicative_factor: num[9].get(i),
    }
}

type Computed = (Vec<Vec<f64>>, Vec<Option<String>>, usize);

/// Runs the rows; in raise mode stops at the first error (its row and the error).
fn compute(
    n: usize,
    num: &[Num<'_>; 10],
    name: &[Name<'_>; 7],
    outputs: &[usize],
    errors_null: bool,
) -> Result<Computed, Box<(usize, Error)>> {
    let mut cols: Vec<Vec<f64>> = outputs.iter().map(|_| Vec::with_capacity(n)).collect();
    let mut errors: Vec<Option<String>> = Vec::new();
    let mut n_errors = 0;
    let mut batch = Batch::new();
    for i in 0..n {
        match batch.estimate(&row(num, name, i)) {
            Ok(f) => {
                for (col, &o) in cols.iter_mut().zip(outputs) {
                    col.push(output(&f, o));
                }
            }
            Err(e) if errors_null => {
                for col in cols.iter_mut() {
                    col.push(f64::NAN);
                }
                if errors.is_empty() {
                    errors.resize(n, None);
                }
                errors[i] = Some(e.to_string());
                n_errors += 1;
            }
            Err(e) => return Err(Box::new((i, e))),
        }
    }
    Ok((cols, errors, n_errors))
}

/// Estimates `n` rows given as columns. Returns the requested result columns (NaN for a
/// row in error) and, with `errors_null`, the error message of each row (`None` when
/// fine; an empty list when no row failed).
#[pyfunction]
#[pyo3(signature = (n, columns, outputs, errors_null))]
pub fn estimate_columns<'py>(
    py: Python<'py>,
    n: usize,
    columns: &Bound<'py, PyDict>,
    outputs: Vec<String>,
    errors_null: bool,
) -> PyResult<(Bound<'py, PyDict>, Vec<Option<String>>)> {
    for (k, _) in columns.iter() {
        let k: String = k.extract()?;
        if !NUMBERS.contains(&k.as_str()) && !NAMES.contains(&k.as_str()) {
            return Err(PyValueError::new_err(format!("unknown job column {k:?}")));
        }
    }
    let wanted: Vec<usize> = outputs
        .iter()
        .map(|o| {
            OUTPUTS
                .iter()
                .position(|x| x == o)
                .ok_or_else(|| PyValueError::new_err(format!("unknown result column {o:?}")))
        })
        .collect::<PyResult<_>>()?;
    let mut num_in: Vec<NumIn<'py>> = Vec::with_capacity(NUMBERS.len());
    for field in NUMBERS {
        num_in.push(match columns.get_item(field)? {
            None => NumIn::Const(None),
            Some(v) if v.is_none() => NumIn::Const(None),
            Some(v) => match v.extract::<PyReadonlyArray1<'py, f64>>() {
                Ok(a) => NumIn::Col(a),
                Err(_) => NumIn::Const(Some(v.extract::<f64>().map_err(|_| {
                    PyValueError::new_err(format!("{field}: expected a number or a float64 array"))
                })?)),
            },
        });
    }
    let mut name_in: Vec<NameIn<'py>> = Vec::with_capacity(NAMES.len());
    for field in NAMES {
        name_in.push(match columns.get_item(field)? {
            None => NameIn::Const(None),
            Some(v) if v.is_none() => NameIn::Const(None),
            Some(v) => match v.cast::<PyTuple>() {
                Ok(t) => NameIn::Col(t.get_item(0)?.extract()?, t.get_item(1)?.extract()?),
                Err(_) => NameIn::Const(Some(v.extract::<String>().map_err(|_| {
                    PyValueError::new_err(format!("{field}: expected a string or (codes, values)"))
                })?)),
            },
        });
    }
    let mut num: Vec<Num<'_>> = Vec::with_capacity(NUMBERS.len());
    for (field, v) in NUMBERS.iter().zip(&num_in) {
        num.push(match v {
            NumIn::Const(c) => Num::Const(c.filter(|x| !x.is_nan())),
            NumIn::Col(a) => {
                let s = a.as_slice()?;
                if s.len() != n {
                    return Err(length_error(field, s.len(), n));
                }
                Num::Col(s)
            }
        });
    }
    let mut name: Vec<Name<'_>> = Vec::with_capacity(NAMES.len());
    for (field, v) in NAMES.iter().zip(&name_in) {
        name.push(match v {
            NameIn::Const(c) => Name::Const(c.as_deref()),
            NameIn::Col(codes, uniques) => {
                let s = codes.as_slice()?;
                if s.len() != n {
                    return Err(length_error(field, s.len(), n));
                }
                Name::Col(s, uniques.iter().map(Option::as_deref).collect())
            }
        });
    }
    let num: [Num<'_>; 10] = num
        .try_into()
        .map_err(|_| PyValueError::new_err("numeric columns"))?;
    let name: [Name<'_>; 7] = name
        .try_into()
        .map_err(|_| PyValueError::new_err("name columns"))?;
    let result = py.detach(|| compute(n, &num, &name, &wanted, errors_null));
    let (cols, errors, _) = result.map_err(|b| to_pyerr(py, &b.1, Some(b.0)))?;
    let out = PyDict::new(py);
    for (o, col) in outputs.iter().zip(cols) {
        out.set_item(o, PyArray1::from_vec(py, col))?;
    }
    Ok((out, errors))
}
