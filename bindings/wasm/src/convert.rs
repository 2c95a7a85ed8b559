//! The conversions between JS values and the core's types, and the one mapping of the
//! core's [`Error`] to a JS `Error` with `code`, `field` and `suggestions` properties.

use empreinte::format::Lang;
#[cfg(feature = "report")]
use empreinte::report::Envelope;
use empreinte::{CpuModel, DataVersion, Dataset, Error, GpuModel, HardwareTable, Job};
use js_sys::{Array, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// A JS `Error` with the message, a stable `code`, the `field` (or `null`) and the
/// `suggestions` of an unknown name (or `[]`).
fn js_error(message: &str, code: &str, field: Option<&str>, suggestions: &[String]) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("EmpreinteError");
    let list: Array = suggestions.iter().map(|s| JsValue::from_str(s)).collect();
    let field = field.map_or(JsValue::NULL, JsValue::from_str);
    for (key, value) in [
        ("code", JsValue::from_str(code)),
        ("field", field),
        ("suggestions", list.into()),
    ] {
        // Setting a data property on a fresh Error object cannot fail.
        let _ = Reflect::set(&error, &JsValue::from_str(key), &value);
    }
    error.into()
}

/// The core's error as a JS `Error`.
pub fn core_error(e: Error) -> JsValue {
    js_error(&e.message(), e.code(), e.field(), e.suggestions())
}

/// An argument of the binding itself that is not valid (`code: "invalid_argument"`).
#[cfg(feature = "report")]
pub fn bad_argument(field: &str, reason: &str) -> JsValue {
    core_error(Error::InvalidArgument {
        field: field.to_owned(),
        message: reason.to_owned(),
    })
}

/// The text of a document given as a string, or as an object (its JSON).
pub fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    match value.as_string() {
        Some(text) => Ok(text),
        None => JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                core_error(Error::InvalidDocument {
                    field: ".".to_owned(),
                    message: format!("expected a {what} object or its JSON text"),
                })
            }),
    }
}

/// A job from a JS object (or its JSON text), through the core's JSON reader so that the
/// errors name the same paths as everywhere else.
pub fn job(value: &JsValue) -> Result<Job, JsValue> {
    Job::from_json(&json_text(value, "job")?).map_err(core_error)
}

#[cfg(feature = "report")]
/// A string property of an options object (`undefined` and `null` read as absent).
fn option_string(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let value = Reflect::get(options, &JsValue::from_str(key))?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| bad_argument(key, "expected a string"))
}

#[cfg(feature = "report")]
/// The report's envelope: the caller's `report_id` and `generated_at`, else a random UUID
/// (`crypto.randomUUID()`) and the current time to the second; target `wasm`.
pub fn envelope(options: &JsValue) -> Result<Envelope, JsValue> {
    let report_id = match option_string(options, "report_id")? {
        Some(id) => id,
        None => {
            let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))?;
            let random_uuid = Reflect::get(&crypto, &JsValue::from_str("randomUUID"))?;
            js_sys::Function::from(random_uuid)
                .call0(&crypto)?
                .as_string()
                .unwrap_or_default()
        }
    };
    let generated_at = match option_string(options, "generated_at")? {
        Some(at) => at,
        None => {
            // toISOString: 2025-06-01T12:00:00.000Z
            let iso = String::from(js_sys::Date::new_0().to_iso_string());
            format!("{}Z", iso.get(..19).unwrap_or(&iso))
        }
    };
    Ok(Envelope {
        report_id,
        generated_at,
        target: "wasm".to_owned(),
    })
}

/// A serialisable value as a plain JS object (serde_json, then `JSON.parse`).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        core_error(Error::InvalidDocument {
            field: ".".to_owned(),
            message: e.to_string(),
        })
    })?;
    JSON::parse(&text)
}

/// The dataset of a data version name (`None`: the default, v3.0).
pub fn dataset(version: Option<String>) -> Result<&'static Dataset, JsValue> {
    let v = match version.as_deref() {
        None | Some("") => DataVersion::DEFAULT,
        Some(name) => DataVersion::parse(name).map_err(core_error)?,
    };
    Ok(v.dataset())
}

/// `"fr"` or `"en"` (and `fr-FR`, `en-GB`, …).
pub fn lang(tag: &str) -> Result<Lang, JsValue> {
    Lang::parse(tag).map_err(core_error)
}

/// The empreinte-hw table as the JS side sees it.
#[derive(Serialize)]
pub struct Hardware {
    version: &'static str,
    cpus: &'static [CpuModel],
    gpus: &'static [GpuModel],
    digest: &'static str,
}

impl From<&'static HardwareTable> for Hardware {
    fn from(t: &'static HardwareTable) -> Hardware {
        Hardware {
            version: t.version,
            cpus: t.cpus,
            gpus: t.gpus,
            digest: t.digest,
        }
    }
}
