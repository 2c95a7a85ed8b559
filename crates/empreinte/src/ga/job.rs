//! The job description: the same JSON shape from Rust, Python, JavaScript and the CLI.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::platform::Platform;

/// The CPU part of a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CpuSpec {
    /// Model name from the data version's CPU table, `"Any"` (12 W per core) or `"other"`
    /// (then `tdp_per_core_w` is required).
    pub model: Option<String>,
    /// Number of cores used (≥ 1).
    pub cores: Option<i64>,
    /// Core usage factor in [0, 1]; default 1.
    pub usage: Option<f64>,
    /// Power per core in W: replaces the table's value when given.
    pub tdp_per_core_w: Option<f64>,
    /// How `tdp_per_core_w` was measured (e.g. `RAPL energy of package-0`): the power's
    /// origin is then `measured`, with this text as its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<String>,
}

/// The GPU part of a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GpuSpec {
    /// Model name from the data version's GPU table, `"Any"` (200 W) or `"other"` (then
    /// `tdp_w` is required).
    pub model: Option<String>,
    /// Number of GPUs used (≥ 1).
    pub count: Option<i64>,
    /// GPU usage factor in [0, 1]; default 1.
    pub usage: Option<f64>,
    /// Power per GPU in W: replaces the table's value when given.
    pub tdp_w: Option<f64>,
    /// How `tdp_w` was measured (e.g. `NVML energy of NVIDIA H100`): the power's origin is
    /// then `measured`, with this text as its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<String>,
}

/// A computation to estimate, in the fields of the Green Algorithms form.
///
/// Every field but `runtime_h`, `memory_gb` and one of `cpu`/`gpu` has a default or is
/// optional; the location is required unless a cloud data centre gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Job {
    /// Green Algorithms data version (`"v3.0"` by default).
    pub data_version: Option<String>,
    /// Runtime in hours.
    pub runtime_h: Option<f64>,
    /// The CPU cores used, if any.
    pub cpu: Option<CpuSpec>,
    /// The GPUs used, if any.
    pub gpu: Option<GpuSpec>,
    /// Memory allocated to the job, GB (not the memory used).
    pub memory_gb: Option<f64>,
    /// Where the job runs (`local_server` by default).
    pub platform: Option<Platform>,
    /// Cloud provider code (`gcp`, `aws`, `azure`, …, or `other`).
    pub provider: Option<String>,
    /// Cloud data centre name (e.g. `us-west1`).
    pub datacenter: Option<String>,
    /// Location code or name (`FR`, `US-CA`, `WORLD`, `France`).
    pub location: Option<String>,
    /// Power usage effectiveness: when given, it always wins.
    pub pue: Option<f64>,
    /// Number of identical runs (≥ 1; default 1).
    pub multiplicative_factor: Option<f64>,
    /// Hardware tables searched for the models, in order (default: the data version's
    /// own, then `empreinte-hw`); `["green-algorithms"]` keeps to upstream's models.
    pub hardware_tables: Option<Vec<crate::tables::HardwareSource>>,
    /// Grid carbon-intensity source id (`ga` by default: the data version's table; see
    /// [`crate::intensity::sources`]).
    pub ci_source: Option<String>,
    /// A carbon intensity stated by the user, gCO2e/kWh (source `custom`).
    pub ci_g_per_kwh: Option<f64>,
    /// The source of the alternative intensity shown beside the result (by default Ember
    /// for the same country, else the latest Electricity Maps year).
    pub ci_alternative: Option<String>,
    /// A carbon-intensity time series to integrate the run over (needs `start`).
    pub ci_series: Option<CiSeriesSpec>,
    /// Start of the run, RFC 3339 (e.g. `2024-03-01T08:00:00Z`); needed with `ci_series`.
    pub start: Option<String>,
    /// Embodied emissions: model (`ga-v3.1` by default, or `ccf-teads`), lifespan, share,
    /// time reserved, whether idle reserved time counts.
    pub embodied: Option<crate::beyond::embodied::EmbodiedOptions>,
    /// The functional unit R of the SCI score (name and quantity).
    pub functional_unit: Option<crate::beyond::sci::FunctionalUnit>,
    /// Uncertainty method (`interval` by default, or `monte_carlo` with `samples` and
    /// `seed`) and bound overrides.
    pub uncertainty: Option<crate::beyond::uncertainty::UncertaintyOptions>,
    /// Water factors: on-site WUE and the grid's water intensity (EWIF), L/kWh.
    pub water: Option<crate::beyond::water::WaterOptions>,
}

/// A carbon-intensity time series given inline: CSV text (`timestamp,gCO2e/kWh`, or an
/// Electricity Maps export) or points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CiSeriesSpec {
    /// CSV text of the series.
    pub csv: Option<String>,
    /// Points as `[timestamp (RFC 3339), gCO2e/kWh]` pairs.
    pub points: Option<Vec<(String, f64)>>,
    /// Interval each point holds for, s (default: the median spacing).
    pub interval_s: Option<i64>,
    /// For Electricity Maps exports: `lifecycle` (default) or `direct`.
    pub column: Option<String>,
}

impl Job {
    /// Reads a job from its JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] with the path of the offending key (`cpu.cores`) for
    /// malformed JSON, a key given twice, wrong types and unknown fields (see
    /// [`crate::json`]: a leading byte-order mark is accepted).
    pub fn from_json(text: &str) -> Result<Job, Error> {
        crate::json::check(text).map_err(|r| {
            let (field, message) = r.field_and_message();
            Error::InvalidDocument { field, message }
        })?;
        let text = crate::json::without_bom(text);
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            objects_only(&value, "")?;
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(document_error)
    }

    /// Refuses a name longer than [`MAX_NAME_CHARS`](crate::tables::lookup::MAX_NAME_CHARS)
    /// in any field that holds one, before any lookup.
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] naming the field.
    pub(crate) fn check_names(&self) -> Result<(), Error> {
        let cpu = self.cpu.as_ref();
        let gpu = self.gpu.as_ref();
        let names = [
            ("data_version", self.data_version.as_deref()),
            ("cpu.model", cpu.and_then(|c| c.model.as_deref())),
            (
                "cpu.measured_by",
                cpu.and_then(|c| c.measured_by.as_deref()),
            ),
            ("gpu.model", gpu.and_then(|g| g.model.as_deref())),
            (
                "gpu.measured_by",
                gpu.and_then(|g| g.measured_by.as_deref()),
            ),
            ("provider", self.provider.as_deref()),
            ("datacenter", self.datacenter.as_deref()),
            ("location", self.location.as_deref()),
            ("ci_source", self.ci_source.as_deref()),
            ("ci_alternative", self.ci_alternative.as_deref()),
        ];
        for (field, name) in names {
            if let Some(name) = name {
                crate::tables::lookup::check_name(field, name)?;
            }
        }
        Ok(())
    }

    /// Reads a job from a JSON value (what the Python and JS bindings hand over).
    ///
    /// # Errors
    /// As [`Job::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Job, Error> {
        objects_only(&value, "")?;
        serde_path_to_error::deserialize(value).map_err(document_error)
    }
}

/// The places of a job where an array belongs: the hardware tables' order and a series'
/// points (each a `[time, value]` pair).
const ARRAY_FIELDS: [&str; 2] = ["hardware_tables", "ci_series.points"];

/// Refuses an array where the job format has an object (serde would read `"cpu": ["Any",
/// 4]` as the fields in order): the job JSON is objects, as documented.
fn objects_only(value: &serde_json::Value, path: &str) -> Result<(), Error> {
    use serde_json::Value;
    let array_here = ARRAY_FIELDS.contains(&path)
        || ARRAY_FIELDS.iter().any(|a| {
            path.strip_prefix(a)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|i| i.bytes().all(|b| b.is_ascii_digit()))
        });
    match value {
        Value::Array(items) if array_here => {
            for (i, item) in items.iter().enumerate() {
                if !matches!(item, Value::Array(_)) {
                    objects_only(item, &format!("{path}.{i}"))?;
                }
            }
            Ok(())
        }
        Value::Array(_) => Err(Error::InvalidDocument {
            field: if path.is_empty() {
                ".".to_owned()
            } else {
                path.to_owned()
            },
            message: "expected an object, got an array (the job JSON names its fields)".to_owned(),
        }),
        Value::Object(map) => {
            for (k, v) in map {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                objects_only(v, &sub)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Maps a serde error with its path to [`Error::InvalidDocument`].
pub(crate) fn document_error<E: std::fmt::Display>(e: serde_path_to_error::Error<E>) -> Error {
    let path = e.path().to_string();
    let message = e.inner().to_string();
    // serde_json appends " at line L column C": keep it, it helps in files
    let field = if path.is_empty() || path == "." || path == "?" {
        ".".to_owned()
    } else {
        path
    };
    Error::InvalidDocument { field, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_example_parses() {
        let job = Job::from_json(
            r#"{"data_version": "v3.0", "runtime_h": 12.0,
                "cpu": {"model": "Xeon E5-2683 v4", "cores": 12, "usage": 1.0, "tdp_per_core_w": null},
                "gpu": {"model": "NVIDIA Tesla V100", "count": 1, "usage": 1.0, "tdp_w": null},
                "memory_gb": 64, "platform": "local_server", "provider": null, "datacenter": null,
                "location": "FR", "pue": null, "multiplicative_factor": 1}"#,
        )
        .expect("job");
        assert_eq!(job.cpu.and_then(|c| c.cores), Some(12));
        assert_eq!(job.platform, Some(Platform::LocalServer));
    }

    #[test]
    fn errors_name_the_path() {
        let e = Job::from_json(r#"{"cpu": {"cores": "twelve"}}"#).unwrap_err();
        assert_eq!(e.field(), Some("cpu.cores"));
        let e = Job::from_json(r#"{"runtime_h": 1, "colour": "red"}"#).unwrap_err();
        assert!(e.to_string().contains("colour"), "{e}");
        let e = Job::from_json(r#"{"platform": "mainframe"}"#).unwrap_err();
        assert_eq!(e.field(), Some("platform"));
        let e = Job::from_json("{").unwrap_err();
        assert_eq!(e.code(), "invalid_document");
    }

    #[test]
    fn platform_parse_accepts_cli_spellings() {
        assert_eq!(Platform::parse("local-server"), Ok(Platform::LocalServer));
        assert_eq!(
            Platform::parse("personal_computer"),
            Ok(Platform::PersonalComputer)
        );
        assert!(Platform::parse("moon").is_err());
    }
}
