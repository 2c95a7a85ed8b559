//! The flat shape of a job: one name per field, as the columns of a table of jobs, the
//! keyword arguments of Python's `estimate` and the CLI's options name them, and the
//! columns of a table of results. One vocabulary for every surface, and one rule for the
//! parts: a CPU part exists when any CPU field is given, a GPU part likewise.

use serde_json::{Map, Value};

use crate::duration::parse_runtime_h;
use crate::error::Error;
use crate::figures::Figures;
use crate::ga::job::{CpuSpec, GpuSpec};

/// The job columns holding numbers, in [`RowInput::from_columns`](crate::batch::RowInput::from_columns)
/// order (a missing value, NaN or null, is "not given").
pub const NUMBER_COLUMNS: [&str; 10] = [
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

/// The job columns holding names, in [`RowInput::from_columns`](crate::batch::RowInput::from_columns)
/// order.
pub const NAME_COLUMNS: [&str; 7] = [
    "data_version",
    "cpu",
    "gpu",
    "platform",
    "provider",
    "datacenter",
    "location",
];

/// The columns of a table of results, in [`result_column`] order.
pub const RESULT_COLUMNS: [&str; 14] = [
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

/// The result columns a table gets by default (all of them add the power split).
pub const DEFAULT_RESULT_COLUMNS: [&str; 11] = [
    "energy_kwh",
    "co2e_g",
    "power_w",
    "energy_cpu_kwh",
    "energy_gpu_kwh",
    "energy_memory_kwh",
    "co2e_cpu_g",
    "co2e_gpu_g",
    "co2e_memory_g",
    "ci_g_per_kwh",
    "pue",
];

/// The flat fields that fill a part of the job: (flat name, part, key in the part).
pub const PART_FIELDS: [(&str, &str, &str); 8] = [
    ("cpu", "cpu", "model"),
    ("cores", "cpu", "cores"),
    ("usage_cpu", "cpu", "usage"),
    ("tdp_per_core_w", "cpu", "tdp_per_core_w"),
    ("gpu", "gpu", "model"),
    ("gpus", "gpu", "count"),
    ("usage_gpu", "gpu", "usage"),
    ("tdp_w", "gpu", "tdp_w"),
];

/// Where flat field `key` goes in the job JSON, as an error names it: `usage_cpu` is
/// `cpu.usage`, `location` is `location`.
pub fn job_path(key: &str) -> String {
    PART_FIELDS
        .iter()
        .find(|(flat, _, _)| *flat == key)
        .map_or_else(|| key.to_owned(), |(_, part, sub)| format!("{part}.{sub}"))
}

/// Result column `index` of [`RESULT_COLUMNS`] (the last one for an index past the end).
pub fn result_column(f: &Figures, index: usize) -> f64 {
    match index {
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

impl CpuSpec {
    /// The CPU part of flat fields: `None` when none of them is given.
    pub fn from_flat(
        model: Option<String>,
        cores: Option<i64>,
        usage: Option<f64>,
        tdp_per_core_w: Option<f64>,
    ) -> Option<CpuSpec> {
        let any = model.is_some() || cores.is_some() || usage.is_some() || tdp_per_core_w.is_some();
        any.then_some(CpuSpec {
            model,
            cores,
            usage,
            tdp_per_core_w,
            measured_by: None,
        })
    }
}

impl GpuSpec {
    /// The GPU part of flat fields: `None` when none of them is given.
    pub fn from_flat(
        model: Option<String>,
        count: Option<i64>,
        usage: Option<f64>,
        tdp_w: Option<f64>,
    ) -> Option<GpuSpec> {
        let any = model.is_some() || count.is_some() || usage.is_some() || tdp_w.is_some();
        any.then_some(GpuSpec {
            model,
            count,
            usage,
            tdp_w,
            measured_by: None,
        })
    }
}

/// A job in the job JSON shape from `base` (a job JSON object, or nothing) updated with
/// flat `fields`: `cpu` and `gpu` name the models (an object gives the whole part), the
/// [`PART_FIELDS`] fill the parts, `runtime` is read as people write runtimes
/// (`"12h30m"`), every other key is a top-level key of the job JSON; a null is "not
/// given". Nothing is checked beyond the shape: the estimate checks the job.
///
/// # Errors
/// [`Error::InvalidDocument`] when `base` is not an object; [`Error::InvalidDuration`] or [`Error::NegativeValue`]
/// for an unreadable `runtime`.
pub fn job_from_flat(base: Option<Value>, fields: &Map<String, Value>) -> Result<Value, Error> {
    let mut job = match base {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(Error::InvalidDocument {
                field: "job".to_owned(),
                message: "expected an object in the job JSON shape".to_owned(),
            })
        }
    };
    for (key, value) in fields.iter().filter(|(_, v)| !v.is_null()) {
        let part = PART_FIELDS.iter().find(|(flat, _, _)| flat == key);
        match (part, value) {
            (Some((_, part, _)), Value::Object(whole)) => {
                update_part(&mut job, part, |p| p.extend(whole.clone()));
            }
            (Some((_, part, sub)), _) => {
                update_part(&mut job, part, |p| {
                    p.insert((*sub).to_owned(), value.clone());
                });
            }
            (None, Value::String(text)) if key == "runtime" => {
                let hours = parse_runtime_h(text, "runtime")?;
                job.insert("runtime_h".to_owned(), Value::from(hours));
            }
            (None, _) if key == "runtime" => {
                job.insert("runtime_h".to_owned(), value.clone());
            }
            (None, _) => {
                job.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(Value::Object(job))
}

/// Part `name` of `job` (an object, created or replacing a non-object) changed by `f`.
fn update_part(job: &mut Map<String, Value>, name: &str, f: impl FnOnce(&mut Map<String, Value>)) {
    let mut part = match job.remove(name) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    f(&mut part);
    job.insert(name.to_owned(), Value::Object(part));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn flat(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn a_part_field_makes_the_part_and_others_stay_on_top() {
        let job = job_from_flat(
            None,
            &flat(json!({"cores": 4, "runtime": "1h30m", "location": "FR", "gpu": null})),
        )
        .unwrap_or_default();
        assert_eq!(
            job,
            json!({"cpu": {"cores": 4}, "runtime_h": 1.5, "location": "FR"})
        );
    }

    #[test]
    fn a_base_job_is_updated_and_a_whole_part_merged() {
        let base = json!({"cpu": {"model": "Any"}, "memory_gb": 8});
        let job = job_from_flat(
            Some(base),
            &flat(json!({"cpu": {"cores": 2}, "tdp_w": 300, "gpus": 1})),
        )
        .unwrap_or_default();
        assert_eq!(
            job,
            json!({"cpu": {"model": "Any", "cores": 2}, "memory_gb": 8,
                   "gpu": {"tdp_w": 300, "count": 1}})
        );
    }

    #[test]
    fn a_bad_base_or_runtime_is_an_error_naming_the_field() {
        let e = job_from_flat(Some(json!([1])), &Map::new()).err();
        assert_eq!(
            e.and_then(|e| e.field().map(str::to_owned)),
            Some("job".to_owned())
        );
        let e = job_from_flat(None, &flat(json!({"runtime": "soon"}))).err();
        assert_eq!(
            e.and_then(|e| e.field().map(str::to_owned)),
            Some("runtime".to_owned())
        );
    }

    #[test]
    fn a_flat_field_is_named_by_where_it_goes() {
        assert_eq!(job_path("usage_cpu"), "cpu.usage");
        assert_eq!(job_path("gpus"), "gpu.count");
        assert_eq!(job_path("location"), "location");
    }

    #[test]
    fn the_parts_exist_when_any_of_their_fields_is_given() {
        assert_eq!(CpuSpec::from_flat(None, None, None, None), None);
        assert_eq!(
            CpuSpec::from_flat(None, None, Some(0.5), None).and_then(|c| c.usage),
            Some(0.5)
        );
        assert_eq!(GpuSpec::from_flat(None, None, None, None), None);
        assert_eq!(
            GpuSpec::from_flat(None, Some(2), None, None).and_then(|g| g.count),
            Some(2)
        );
    }
}
