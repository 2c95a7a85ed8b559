//! Every conversion between Python and the core, in one place: Python objects to job
//! JSON values, core results to JSON text, core errors to the exceptions of
//! `empreinte.exceptions`.

use empreinte::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// A Python value (dict, list, str, int, float, bool, None, or a number-like such as a
/// numpy scalar) as JSON, for the job document. `path` names the field in errors. Nesting
/// deeper than the core's limit ([`empreinte::json::MAX_DEPTH`], as for JSON text) is
/// refused before it can exhaust the stack.
pub fn to_value(obj: &Bound<'_, PyAny>, path: &str) -> Result<Value, Error> {
    value_at(obj, path, 0)
}

fn value_at(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> Result<Value, Error> {
    let invalid = |message: String| Error::InvalidDocument {
        field: if path.is_empty() {
            ".".into()
        } else {
            path.into()
        },
        message,
    };
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract().unwrap_or(false)));
    }
    if obj.is_instance_of::<PyString>() {
        let s = obj
            .extract::<String>()
            .map_err(|e| invalid(e.to_string()))?;
        return Ok(Value::String(s));
    }
    if obj.is_instance_of::<PyInt>() {
        return match obj.extract::<i64>() {
            Ok(i) => Ok(Value::from(i)),
            Err(_) => Err(invalid(format!("integer {obj} is too large"))),
        };
    }
    if obj.is_instance_of::<PyFloat>() {
        return float(obj.extract().unwrap_or(f64::NAN), path);
    }
    let nested = obj.cast::<PyDict>().is_ok()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>();
    if nested && depth >= empreinte::json::MAX_DEPTH {
        return Err(invalid(format!(
            "nested deeper than {} levels",
            empreinte::json::MAX_DEPTH
        )));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = k
                .extract::<String>()
                .map_err(|_| invalid(format!("keys must be strings, got {k}")))?;
            let sub = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            map.insert(key, value_at(&v, &sub, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        let items = obj.try_iter().map_err(|e| invalid(e.to_string()))?;
        for (i, item) in items.enumerate() {
            let item = item.map_err(|e| invalid(e.to_string()))?;
            out.push(value_at(&item, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    // numpy integers and floats, Decimal, Fraction…
    if obj.hasattr("__index__").unwrap_or(false) {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
    }
    if let Ok(f) = obj.extract::<f64>() {
        return float(f, path);
    }
    let type_name = obj
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    Err(invalid(format!("unsupported type {type_name}")))
}

fn float(f: f64, path: &str) -> Result<Value, Error> {
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| Error::NonFiniteValue {
            field: path.to_owned(),
            value: f,
        })
}

/// The exception of `empreinte.exceptions` for `e` (its class chosen by `e.code()`), with
/// `.code`, `.field`, `.suggestions` and, for a table row, `.row`.
pub fn to_pyerr(py: Python<'_>, e: &Error, row: Option<usize>) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let module = py.import("empreinte.exceptions")?;
        let exc = module.getattr("_from_core")?.call1((
            e.code(),
            e.message(),
            e.field(),
            e.suggestions().to_vec(),
            row,
        ))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| PyValueError::new_err(format!("{e} ({err})")))
}

/// An argument of the binding that is not valid: `InvalidArgumentError` (code
/// `invalid_argument`, naming the argument), never a bare `ValueError`.
pub fn bad_argument(field: &str, message: impl Into<String>) -> PyErr {
    let e = Error::InvalidArgument {
        field: field.to_owned(),
        message: message.into(),
    };
    Python::attach(|py| to_pyerr(py, &e, None))
}

/// `Result<T, Error>` to `PyResult<T>`.
pub fn py_result<T>(py: Python<'_>, r: Result<T, Error>) -> PyResult<T> {
    r.map_err(|e| to_pyerr(py, &e, None))
}

/// A serialisable core value as JSON text (read back by `json.loads` in Python).
pub fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| bad_argument("value", e.to_string()))
}
