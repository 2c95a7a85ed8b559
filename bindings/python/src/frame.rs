//! `estimate_columns`: a table of jobs as columns (numpy arrays, dictionary-encoded
//! names, or constants) through the core's [`Batch`], without the GIL.

use empreinte::batch::{
    result_column, Batch, RowInput, NAME_COLUMNS as NAMES, NUMBER_COLUMNS as NUMBERS,
    RESULT_COLUMNS as OUTPUTS,
};
use empreinte::Error;
use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use std::collections::HashMap;

use crate::conv::{bad_argument, to_pyerr};

/// A numeric input as given: a float64 column (NaN is missing) or one value for all.
enum NumIn<'py> {
    Const(Option<f64>),
    Col(PyReadonlyArray1<'py, f64>),
}

/// A name input: one value; codes into a list of distinct values (-1 is missing); an
/// Arrow string column's buffers (offsets, UTF-8 data, nulls); or a numpy object array.
enum NameIn<'py> {
    Const(Option<String>),
    Codes(PyReadonlyArray1<'py, i64>, Vec<Option<String>>),
    Arrow(
        PyReadonlyArray1<'py, i64>,
        PyReadonlyArray1<'py, u8>,
        Option<PyReadonlyArray1<'py, bool>>,
    ),
    Objects(Vec<i64>, Vec<Option<String>>),
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
    Arrow(&'a [i64], &'a str, Option<&'a [bool]>),
}

impl<'a> Name<'a> {
    #[inline]
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Name::Const(v) => *v,
            Name::Col(codes, uniques) => usize::try_from(codes[i])
                .ok()
                .and_then(|c| uniques.get(c).copied().flatten()),
            Name::Arrow(offsets, data, nulls) => {
                if nulls.is_some_and(|m| m[i]) {
                    return None;
                }
                let (a, b) = (
                    usize::try_from(offsets[i]).ok()?,
                    usize::try_from(offsets[i + 1]).ok()?,
                );
                data.get(a..b)
            }
        }
    }
}

/// Codes for a numpy object array of strings (None and NaN are missing), reading each
/// distinct Python object once: repeated values are usually the same object.
fn encode_objects(
    field: &str,
    arr: &Bound<'_, PyAny>,
) -> PyResult<(Vec<i64>, Vec<Option<String>>)> {
    let arr: PyReadonlyArray1<'_, Py<PyAny>> = arr.extract()?;
    let items = arr.as_slice()?;
    let py = arr.py();
    let mut codes = Vec::with_capacity(items.len());
    let mut uniques: Vec<Option<String>> = Vec::new();
    let mut by_text: HashMap<String, i64> = HashMap::new();
    let mut last: Option<(*mut pyo3::ffi::PyObject, i64)> = None;
    let mut last_text: Option<(String, i64)> = None;
    // the last string object read: an equal one (Python's own comparison, no copy) has its code
    let mut last_str: Option<(Bound<'_, PyString>, i64)> = None;
    for item in items {
        let ptr = item.as_ptr();
        if let Some((p, c)) = last {
            if p == ptr {
                codes.push(c);
                continue;
            }
        }
        let obj = item.bind(py);
        if let (Some((prev, c)), Ok(s)) = (&last_str, obj.cast::<PyString>()) {
            if PyAnyMethods::eq(s.as_any(), prev)? {
                let c = *c;
                last = Some((ptr, c));
                codes.push(c);
                continue;
            }
        }
        let code = if let Ok(py_text) = obj.cast::<PyString>() {
            let text = py_text.to_cow()?;
            let code = match last_text.as_ref() {
                Some((t, c)) if t.as_str() == text.as_ref() => *c,
                _ => {
                    let c = match by_text.get(text.as_ref()) {
                        Some(&c) => c,
                        None => {
                            let c = uniques.len() as i64;
                            uniques.push(Some(text.clone().into_owned()));
                            by_text.insert(text.clone().into_owned(), c);
                            c
                        }
                    };
                    last_text = Some((text.into_owned(), c));
                    c
                }
            };
            last_str = Some((py_text.clone(), code));
            code
        } else if obj.is_none() || obj.extract::<f64>().is_ok_and(f64::is_nan) {
            -1
        } else {
            return Err(bad_argument(
                field,
                format!(
                    "expected strings, got {}",
                    obj.repr()
                        .map_or_else(|_| "?".to_owned(), |r| r.to_string())
                ),
            ));
        };
        last = Some((ptr, code));
        codes.push(code);
    }
    Ok((codes, uniques))
}

fn length_error(field: &str, len: usize, n: usize) -> PyErr {
    bad_argument(field, format!("the column has {len} values, expected {n}"))
}

/// Row `i` as the core's input.
#[inline]
fn row<'a>(num: &[Num<'a>; 10], name: &[Name<'a>; 7], i: usize) -> RowInput<'a> {
    RowInput::from_columns(
        num.each_ref().map(|n| n.get(i)),
        name.each_ref().map(|n| n.get(i)),
    )
}

/// A row's error with its row (boxed: errors are rare and large).
type RowError = Box<(usize, Error)>;
/// The error messages of null mode, by row.
type RowMessages = Vec<(usize, String)>;

/// Rows per thread below which a table is not split.
const ROWS_PER_THREAD: usize = 200_000;

/// Rows `start..start + out[k].len()` into the output slices; in raise mode stops at the
/// chunk's first error. Returns the errors (row, message) of null mode.
fn run_chunk(
    start: usize,
    num: &[Num<'_>; 10],
    name: &[Name<'_>; 7],
    outputs: &[usize],
    errors_null: bool,
    mut out: Vec<&mut [f64]>,
) -> Result<RowMessages, RowError> {
    let len = out.first().map_or(0, |c| c.len());
    let mut errors = Vec::new();
    let mut batch = Batch::new();
    for j in 0..len {
        let i = start + j;
        match batch.estimate(&row(num, name, i)) {
            Ok(f) => {
                for (col, &o) in out.iter_mut().zip(outputs) {
                    col[j] = result_column(&f, o);
                }
            }
            Err(e) if errors_null => {
                for col in out.iter_mut() {
                    col[j] = f64::NAN;
                }
                errors.push((i, e.to_string()));
            }
            Err(e) => return Err(Box::new((i, e))),
        }
    }
    Ok(errors)
}

/// Every row, split over the machine's cores for large tables. Returns the output
/// columns and the errors of null mode, or the first row's error in raise mode.
fn compute(
    n: usize,
    num: &[Num<'_>; 10],
    name: &[Name<'_>; 7],
    outputs: &[usize],
    errors_null: bool,
) -> Result<(Vec<Vec<f64>>, RowMessages), RowError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(n / ROWS_PER_THREAD + 1)
        .min(16);
    let step = n.div_ceil(threads).max(1);
    // with no output wanted, a column of nothing still carries the row count
    let mut cols: Vec<Vec<f64>> = if outputs.is_empty() {
        vec![vec![0.0; n]]
    } else {
        outputs.iter().map(|_| vec![0.0; n]).collect()
    };
    let mut parts: Vec<Vec<&mut [f64]>> = (0..threads).map(|_| Vec::new()).collect();
    for col in cols.iter_mut() {
        for (part, chunk) in parts.iter_mut().zip(col.chunks_mut(step)) {
            part.push(chunk);
        }
    }
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(t, p)| s.spawn(move || run_chunk(t * step, num, name, outputs, errors_null, p)))
            .collect();
        handles.into_iter().map(|h| h.join()).collect()
    });
    let mut errors = Vec::new();
    let mut first: Option<RowError> = None;
    for r in results {
        match r {
            Ok(Ok(e)) => errors.extend(e),
            Ok(Err(b)) => {
                if first.as_ref().is_none_or(|f| b.0 < f.0) {
                    first = Some(b);
                }
            }
            Err(_) => {
                return Err(Box::new((
                    0,
                    Error::InvalidDocument {
                        field: ".".into(),
                        message: "internal error: a worker thread panicked".into(),
                    },
                )))
            }
        }
    }
    match first {
        Some(b) => Err(b),
        None => {
            if outputs.is_empty() {
                cols.clear();
            }
            Ok((cols, errors))
        }
    }
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
            return Err(bad_argument("columns", format!("unknown job column {k:?}")));
        }
    }
    let wanted: Vec<usize> = outputs
        .iter()
        .map(|o| {
            OUTPUTS
                .iter()
                .position(|x| x == o)
                .ok_or_else(|| bad_argument("outputs", format!("unknown result column {o:?}")))
        })
        .collect::<PyResult<_>>()?;
    let mut num_in: Vec<NumIn<'py>> = Vec::with_capacity(NUMBERS.len());
    for field in NUMBERS {
        num_in.push(match columns.get_item(field)? {
            None => NumIn::Const(None),
            Some(v) if v.is_none() => NumIn::Const(None),
            Some(v) => {
                match v.extract::<PyReadonlyArray1<'py, f64>>() {
                    Ok(a) => NumIn::Col(a),
                    Err(_) => NumIn::Const(Some(v.extract::<f64>().map_err(|_| {
                        bad_argument(field, "expected a number or a float64 array")
                    })?)),
                }
            }
        });
    }
    let mut name_in: Vec<NameIn<'py>> = Vec::with_capacity(NAMES.len());
    for field in NAMES {
        name_in.push(match columns.get_item(field)? {
            None => NameIn::Const(None),
            Some(v) if v.is_none() => NameIn::Const(None),
            Some(v) => {
                if let Ok(t) = v.cast::<PyTuple>() {
                    let tag: String = t.get_item(0)?.extract()?;
                    match tag.as_str() {
                        "codes" => {
                            NameIn::Codes(t.get_item(1)?.extract()?, t.get_item(2)?.extract()?)
                        }
                        "arrow" => NameIn::Arrow(
                            t.get_item(1)?.extract()?,
                            t.get_item(2)?.extract()?,
                            t.get_item(3)?.extract()?,
                        ),
                        _ => return Err(bad_argument(field, format!("unknown encoding {tag:?}"))),
                    }
                } else if let Ok(text) = v.extract::<String>() {
                    NameIn::Const(Some(text))
                } else {
                    let (codes, uniques) = encode_objects(field, &v)?;
                    NameIn::Objects(codes, uniques)
                }
            }
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
            NameIn::Codes(codes, uniques) => {
                let s = codes.as_slice()?;
                if s.len() != n {
                    return Err(length_error(field, s.len(), n));
                }
                Name::Col(s, uniques.iter().map(Option::as_deref).collect())
            }
            NameIn::Objects(codes, uniques) => {
                if codes.len() != n {
                    return Err(length_error(field, codes.len(), n));
                }
                Name::Col(codes, uniques.iter().map(Option::as_deref).collect())
            }
            NameIn::Arrow(offsets, data, nulls) => {
                let offsets = offsets.as_slice()?;
                if offsets.len() != n + 1 {
                    return Err(length_error(field, offsets.len().saturating_sub(1), n));
                }
                let data = std::str::from_utf8(data.as_slice()?)
                    .map_err(|e| bad_argument(field, format!("invalid UTF-8 ({e})")))?;
                let nulls = match nulls {
                    Some(m) => Some(m.as_slice()?).filter(|m| m.len() == n),
                    None => None,
                };
                Name::Arrow(offsets, data, nulls)
            }
        });
    }
    let num: [Num<'_>; 10] = num
        .try_into()
        .map_err(|_| bad_argument("columns", "numeric columns"))?;
    let name: [Name<'_>; 7] = name
        .try_into()
        .map_err(|_| bad_argument("columns", "name columns"))?;
    let result = py.detach(|| compute(n, &num, &name, &wanted, errors_null));
    let (cols, row_errors) = result.map_err(|b| to_pyerr(py, &b.1, Some(b.0)))?;
    let out = PyDict::new(py);
    for (o, col) in outputs.iter().zip(cols) {
        out.set_item(o, PyArray1::from_vec(py, col))?;
    }
    let mut errors: Vec<Option<String>> = Vec::new();
    if !row_errors.is_empty() {
        errors.resize(n, None);
        for (i, message) in row_errors {
            errors[i] = Some(message);
        }
    }
    Ok((out, errors))
}
