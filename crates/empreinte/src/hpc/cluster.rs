//! The cluster configuration (TOML): partitions and their power, PUE, carbon intensity,
//! memory request step, states counted as success, electricity price.
//!
//! ```toml
//! name = "my-cluster"
//! pue = 1.56                    # facility overhead, ≥ 1
//! location = "FR"               # or ci_g_per_kwh = 51.28 (with ci_reference = "…")
//! ci_source = "ga"              # the CI source of the location: ga (default), ember, …
//!                               # (or a time series: a [ci_series] table, see below)
//! memory_request_step_gb = 4    # granularity of memory requests
//! success_states = ["TIMEOUT"]  # counted as success besides COMPLETED
//!
//! [price]
//! per_kwh = 0.25
//! currency = "EUR"
//!
//! [partitions.cpu]
//! type = "cpu"
//! cpu_model = "Xeon Gold 6248"  # W per core from the Green Algorithms table (7.5)
//! memory_per_node_gb = 192      # for ReqMem 0n (whole nodes)
//!
//! [partitions.gpu]
//! type = "gpu"
//! gpu_model = "NVIDIA Tesla V100"  # W per GPU from the table, or w_per_gpu = 300
//! w_per_core = 7.5                 # the CPUs of the GPU nodes
//! ```
//!
//! A carbon-intensity time series replaces `ci_g_per_kwh` (each job gets the series' mean
//! over its run; see [`ClusterSeries`] and [`CiTiming`] for the fallbacks):
//!
//! ```toml
//! [ci_series]
//! csv_file = "fr-2024.csv"   # beside the cluster file; or csv = """…""", or
//!                            # points = [["2024-01-01T00:00:00Z", 52.0], …]
//! interval_s = 3600          # optional
//! column = "lifecycle"       # Electricity Maps exports: lifecycle (default) or direct
//! ```
//!
//! [`CiTiming`]: super::CiTiming

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ci::{ClusterSeries, SeriesTable};
use super::fields::State;
use crate::error::Error;
use crate::tables::DataVersion;

/// GA4HPC's memory power, W per GB (the Green Algorithms value in every data version).
pub const MEMORY_POWER_W_PER_GB: f64 = 0.3725;

/// The built-in example configuration of Jean Zay (IDRIS, CNRS), with its sources.
pub const JEAN_ZAY_TOML: &str = include_str!("jean_zay.toml");

/// Whether a partition's jobs are counted as CPU or GPU jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartitionKind {
    /// CPU partition: energy from CPU time × W per core.
    Cpu,
    /// GPU partition: CPU time × W per core of the nodes' CPUs, plus wall time × GPUs ×
    /// W per GPU.
    Gpu,
}

impl PartitionKind {
    /// `"CPU"` or `"GPU"`, as GA4HPC writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            PartitionKind::Cpu => "CPU",
            PartitionKind::Gpu => "GPU",
        }
    }
}

/// One partition of the cluster, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partition {
    /// Slurm partition name.
    pub name: String,
    /// CPU or GPU.
    pub kind: PartitionKind,
    /// CPU model, where given.
    pub cpu_model: Option<String>,
    /// W per CPU core (for GPU partitions: the cores of the GPU nodes' CPUs).
    pub w_per_core: f64,
    /// GPU model, where given.
    pub gpu_model: Option<String>,
    /// W per GPU (0 for CPU partitions).
    pub w_per_gpu: f64,
    /// Memory of one node, GB: what ReqMem `0n` (whole nodes) means.
    pub memory_per_node_gb: Option<f64>,
    /// Where the figures come from.
    pub source: Option<String>,
}

/// The electricity price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Price of one kWh.
    pub per_kwh: f64,
    /// Currency code, e.g. `EUR`.
    pub currency: String,
}

/// A cluster configuration, checked and resolved (CI from a location, W from models).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Cluster name.
    pub name: String,
    /// Institution running it.
    pub institution: Option<String>,
    /// Power usage effectiveness (≥ 1).
    pub pue: f64,
    /// Where the PUE comes from.
    pub pue_source: Option<String>,
    /// Carbon intensity of the electricity, gCO2e/kWh. With a time series: the series'
    /// time-weighted mean over its whole span (what a job without a time, or outside the
    /// series, gets).
    pub ci_g_per_kwh: f64,
    /// Id of the carbon-intensity source (`ga`, `ember`, `electricity-maps-2024`, …; see
    /// [`crate::intensity`]), `custom` for a value stated in the file, `series` for a time
    /// series.
    pub ci_source_id: String,
    /// Where the CI comes from, for people: the zone, the source, its year and licence, or
    /// the file's own reference (`ci_reference`) for a stated value or a series.
    pub ci_source: String,
    /// Location code: where the CI comes from, or with a series the zone it is for.
    pub location: Option<String>,
    /// The carbon-intensity time series, when the CI comes from one (`ci_source_id`
    /// `series`): each job gets its time-weighted mean over the job's run.
    pub ci_series: Option<ClusterSeries>,
    /// Green Algorithms data version used for models, locations and equivalences.
    pub data_version: DataVersion,
    /// Granularity of memory requests, GB (GA4HPC's `granularity_memory_request`).
    pub memory_request_step_gb: f64,
    /// Memory power, W per GB (0.3725).
    pub memory_power_w_per_gb: f64,
    /// Unit of MaxRSS values written without one (`K`, `M`, `G`, `T`).
    pub default_rss_unit: char,
    /// States counted as success besides COMPLETED (e.g. TIMEOUT).
    pub success_states: Vec<State>,
    /// Electricity price, where given.
    pub price: Option<Price>,
    /// The partitions, by name.
    pub partitions: Vec<Partition>,
    /// The partition whose figures apply to jobs on partitions the file does not list.
    pub fallback_partition: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClusterFile {
    name: Option<String>,
    institution: Option<String>,
    pue: f64,
    pue_source: Option<String>,
    ci_g_per_kwh: Option<f64>,
    ci_reference: Option<String>,
    ci_source: Option<String>,
    location: Option<String>,
    ci_series: Option<SeriesTable>,
    data_version: Option<String>,
    memory_request_step_gb: Option<f64>,
    memory_power_w_per_gb: Option<f64>,
    default_rss_unit: Option<String>,
    #[serde(default)]
    success_states: Vec<String>,
    price: Option<Price>,
    fallback_partition: Option<String>,
    #[serde(default)]
    partitions: BTreeMap<String, PartitionFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartitionFile {
    #[serde(rename = "type")]
    kind: PartitionKind,
    cpu_model: Option<String>,
    w_per_core: Option<f64>,
    gpu_model: Option<String>,
    w_per_gpu: Option<f64>,
    memory_per_node_gb: Option<f64>,
    source: Option<String>,
}

fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
    Error::InvalidDocument {
        field: field.into(),
        message: message.into(),
    }
}

fn check(field: &str, value: f64) -> Result<f64, Error> {
    crate::error::check_non_negative(field, value)
}

impl Cluster {
    /// Reads and checks a cluster configuration from its TOML text.
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] naming the key for malformed TOML, wrong types, unknown
    /// keys and missing partition power; [`Error::PueBelowOne`], [`Error::NegativeValue`],
    /// [`Error::NonFiniteValue`] for bad numbers; [`Error::UnknownLocation`],
    /// [`Error::UnknownCpu`], [`Error::UnknownGpu`] for names not in the data tables;
    /// [`Error::ConflictingInput`] when both `ci_g_per_kwh` and `location` are given, or
    /// `ci_series` with `ci_g_per_kwh` or a `ci_source`; [`Error::InvalidDocument`] naming
    /// `ci_series.csv_file`, a file this function does not read (see
    /// [`Cluster::from_toml_with`]); the series errors of [`Cluster::from_toml_with`].
    ///
    /// # Examples
    /// ```
    /// use empreinte::hpc::Cluster;
    /// let c = Cluster::from_toml(r#"
    ///     pue = 1.2
    ///     location = "FR"
    ///     [partitions.cpu]
    ///     type = "cpu"
    ///     cpu_model = "Xeon Gold 6248"
    /// "#)?;
    /// assert_eq!(c.ci_g_per_kwh, 51.28);
    /// assert_eq!(c.partitions[0].w_per_core, 7.5);
    /// # Ok::<(), empreinte::Error>(())
    /// ```
    pub fn from_toml(text: &str) -> Result<Cluster, Error> {
        Cluster::from_toml_with(text, |path| {
            Err(invalid(
                "ci_series.csv_file",
                format!("{path:?} is a file, and Cluster::from_toml reads none: give the series inline (csv or points), or read the cluster file with Cluster::from_toml_with and a loader (the command line reads it beside the cluster file)"),
            ))
        })
    }

    /// Reads and checks a cluster configuration from its TOML text; `loader` hands over
    /// the text of the file that `ci_series.csv_file` names (as written: a caller reading
    /// files resolves it, e.g. relative to the cluster file's folder). The core itself
    /// reads no file.
    ///
    /// # Errors
    /// As [`Cluster::from_toml`], and for the series, naming the key:
    /// [`Error::InvalidSeries`] and [`Error::SeriesGap`] (`ci_series.points[3]`,
    /// `ci_series.csv`, `ci_series.csv_file` with the line), [`Error::InvalidTimestamp`]
    /// (`ci_series.points[3]`), [`Error::ConflictingInput`] (two of `csv_file`, `csv` and
    /// `points`; `ci_g_per_kwh` or `ci_source` with `ci_series`),
    /// [`Error::CountOutOfRange`] (`ci_series.interval_s`), and the loader's errors.
    ///
    /// # Examples
    /// ```
    /// use empreinte::hpc::Cluster;
    /// let toml = r#"
    ///     pue = 1.2
    ///     location = "FR"
    ///     [ci_series]
    ///     csv_file = "fr.csv"
    ///     [partitions.cpu]
    ///     type = "cpu"
    ///     w_per_core = 10
    /// "#;
    /// let c = Cluster::from_toml_with(toml, |path| {
    ///     assert_eq!(path, "fr.csv");
    ///     Ok("2024-01-01T00:00:00Z,40\n2024-01-01T01:00:00Z,60\n".to_owned())
    /// })?;
    /// let s = c.ci_series.as_ref().expect("series");
    /// assert_eq!((s.points, s.interval_s, s.zone.as_deref()), (2, 3600, Some("FR")));
    /// assert_eq!((c.ci_source_id.as_str(), c.ci_g_per_kwh), ("series", 50.0));
    /// # Ok::<(), empreinte::Error>(())
    /// ```
    pub fn from_toml_with(
        text: &str,
        mut loader: impl FnMut(&str) -> Result<String, Error>,
    ) -> Result<Cluster, Error> {
        if text.len() > Self::MAX_CLUSTER_BYTES {
            return Err(invalid(
                ".",
                format!(
                    "the cluster file has {} bytes, more than the limit of {}",
                    text.len(),
                    Self::MAX_CLUSTER_BYTES
                ),
            ));
        }
        let de = toml::Deserializer::parse(text).map_err(|e| invalid(".", e.to_string()))?;
        let file: ClusterFile =
            serde_path_to_error::deserialize(de).map_err(crate::ga::job::document_error)?;
        if file.partitions.len() > Self::MAX_PARTITIONS {
            return Err(invalid(
                "partitions",
                format!(
                    "{} partitions, more than the limit of {}",
                    file.partitions.len(),
                    Self::MAX_PARTITIONS
                ),
            ));
        }
        Cluster::resolve(file, &mut loader)
    }

    /// The largest cluster file read, in bytes (4 MiB: an inline series of a year at a
    /// quarter-hour step takes about 1 MiB).
    pub const MAX_CLUSTER_BYTES: usize = 4 << 20;

    /// The most partitions a cluster file may list.
    pub const MAX_PARTITIONS: usize = 10_000;

    /// The built-in Jean Zay example configuration (see [`JEAN_ZAY_TOML`]).
    ///
    /// # Errors
    /// None in practice (the file is tested); the signature keeps it total.
    pub fn jean_zay() -> Result<Cluster, Error> {
        Cluster::from_toml(JEAN_ZAY_TOML)
    }

    fn resolve(
        mut file: ClusterFile,
        loader: &mut dyn FnMut(&str) -> Result<String, Error>,
    ) -> Result<Cluster, Error> {
        let data_version = match &file.data_version {
            Some(v) => DataVersion::parse(v)?,
            None => DataVersion::DEFAULT,
        };
        let ds = data_version.dataset();
        let pue = check("pue", file.pue)?;
        if pue < 1.0 {
            return Err(Error::PueBelowOne {
                field: "pue".into(),
                value: pue,
            });
        }
        let ci_series = match file.ci_series.take() {
            Some(table) => {
                if let Some(v) = file.ci_g_per_kwh {
                    return Err(Error::ConflictingInput {
                        field: "ci_g_per_kwh".into(),
                        value: v.to_string(),
                        other: "ci_series: give one of them".into(),
                    });
                }
                if let Some(id) = file.ci_source.as_deref().filter(|id| *id != "series") {
                    return Err(Error::ConflictingInput {
                        field: "ci_source".into(),
                        value: id.to_owned(),
                        other: "ci_series: the series gives the intensity".into(),
                    });
                }
                let code = match &file.location {
                    Some(loc) => Some(ds.location(loc)?.code),
                    None => None,
                };
                Some(super::ci::resolve(table, code, loader)?)
            }
            None => None,
        };
        let (ci_g_per_kwh, ci_source_id, ci_source, location) = match &ci_series {
            Some(s) => (
                s.mean_g_per_kwh,
                "series".to_owned(),
                file.ci_reference.clone().unwrap_or_else(|| match &s.file {
                    Some(f) => format!("time series from {f}"),
                    None => "time series stated in the cluster file".to_owned(),
                }),
                match &file.location {
                    Some(loc) => Some(ds.location(loc)?.code.to_owned()),
                    None => None,
                },
            ),
            None => match (file.ci_g_per_kwh, &file.location) {
                (Some(_), Some(loc)) => {
                    return Err(Error::ConflictingInput {
                        field: "location".into(),
                        value: loc.clone(),
                        other: "ci_g_per_kwh: give one of them".into(),
                    })
                }
                (Some(ci), None) => {
                    if let Some(id) = file.ci_source.as_deref().filter(|id| *id != "custom") {
                        return Err(Error::ConflictingInput {
                            field: "ci_source".into(),
                            value: id.to_owned(),
                            other: "ci_g_per_kwh: a source gives the value of a location".into(),
                        });
                    }
                    (
                        check("ci_g_per_kwh", ci)?,
                        "custom".to_owned(),
                        file.ci_reference
                            .clone()
                            .unwrap_or_else(|| "stated in the cluster file".into()),
                        None,
                    )
                }
                (None, Some(loc)) => {
                    let id = file.ci_source.as_deref().unwrap_or("ga");
                    let v = crate::intensity::intensity(id, loc, ds)?;
                    let year = v.year.map(|y| format!(" {y}")).unwrap_or_default();
                    let zone = if v.zone_name.is_empty() {
                        v.zone.to_owned()
                    } else {
                        format!("{} ({})", v.zone_name, v.zone)
                    };
                    (
                        v.g_per_kwh,
                        v.source.id.to_owned(),
                        format!(
                            "{zone}, {}{year}, {}, licence {}",
                            v.source.name, v.dataset_version, v.source.licence
                        ),
                        Some(ds.location(loc)?.code.to_owned()),
                    )
                }
                (None, None) => {
                    return Err(Error::MissingField {
                        field: "ci_g_per_kwh".into(),
                    })
                }
            },
        };
        let step = check(
            "memory_request_step_gb",
            file.memory_request_step_gb.unwrap_or(1.0),
        )?;
        if step <= 0.0 {
            return Err(invalid("memory_request_step_gb", "must be above 0"));
        }
        let memory_power = check(
            "memory_power_w_per_gb",
            file.memory_power_w_per_gb.unwrap_or(MEMORY_POWER_W_PER_GB),
        )?;
        let default_rss_unit = match file.default_rss_unit.as_deref().map(str::trim) {
            None => 'K',
            Some(u) if ["K", "M", "G", "T"].contains(&u.to_ascii_uppercase().as_str()) => {
                u.to_ascii_uppercase().chars().next().unwrap_or('K')
            }
            Some(u) => {
                return Err(invalid(
                    "default_rss_unit",
                    format!("{u:?} is not one of K, M, G, T"),
                ))
            }
        };
        let mut success_states = Vec::new();
        for (i, name) in file.success_states.iter().enumerate() {
            match State::parse(name.trim().as_bytes()) {
                State::Other => {
                    let known: Vec<&str> = State::ALL.iter().map(|s| s.as_str()).collect();
                    return Err(invalid(
                        format!("success_states[{i}]"),
                        format!(
                            "unknown Slurm state {name:?}: known states are {}",
                            known.join(", ")
                        ),
                    ));
                }
                s if s.is_unfinished() => {
                    return Err(invalid(
                        format!("success_states[{i}]"),
                        format!("{name:?} is not a final state: such jobs are left out"),
                    ))
                }
                s => success_states.push(s),
            }
        }
        if let Some(p) = &file.price {
            check("price.per_kwh", p.per_kwh)?;
        }
        if file.partitions.is_empty() {
            return Err(invalid("partitions", "give at least one partition"));
        }
        let mut partitions = Vec::with_capacity(file.partitions.len());
        for (name, p) in file.partitions {
            partitions.push(resolve_partition(data_version, name, p)?);
        }
        if let Some(fb) = &file.fallback_partition {
            if !partitions.iter().any(|p| &p.name == fb) {
                return Err(invalid(
                    "fallback_partition",
                    format!("{fb:?} is not one of the partitions"),
                ));
            }
        }
        Ok(Cluster {
            name: file.name.unwrap_or_else(|| "cluster".into()),
            institution: file.institution,
            pue,
            pue_source: file.pue_source,
            ci_g_per_kwh,
            ci_source_id,
            ci_source,
            location,
            ci_series,
            data_version,
            memory_request_step_gb: step,
            memory_power_w_per_gb: memory_power,
            default_rss_unit,
            success_states,
            price: file.price,
            partitions,
            fallback_partition: file.fallback_partition,
        })
    }

    /// The partition named `name`.
    pub fn partition(&self, name: &str) -> Option<&Partition> {
        self.partitions.iter().find(|p| p.name == name)
    }

    /// The bit set of the states counted as success besides COMPLETED.
    pub(crate) fn success_bits(&self) -> u32 {
        self.success_states.iter().fold(0, |acc, s| acc | s.bit())
    }
}

fn resolve_partition(
    version: DataVersion,
    name: String,
    p: PartitionFile,
) -> Result<Partition, Error> {
    let ds = version.dataset();
    let field = |key: &str| format!("partitions.{name}.{key}");
    let w_per_core = match (p.w_per_core, &p.cpu_model) {
        (Some(w), _) => check(&field("w_per_core"), w)?,
        (None, Some(model)) => ds.cpu(model)?.tdp_per_core_w,
        (None, None) => {
            return Err(invalid(
                field("w_per_core"),
                "give w_per_core or a cpu_model of the Green Algorithms table",
            ))
        }
    };
    let w_per_gpu = match (p.kind, p.w_per_gpu, &p.gpu_model) {
        (_, Some(w), _) => check(&field("w_per_gpu"), w)?,
        (_, None, Some(model)) => ds.gpu(model)?.tdp_w,
        (PartitionKind::Cpu, None, None) => 0.0,
        (PartitionKind::Gpu, None, None) => {
            return Err(invalid(
                field("w_per_gpu"),
                "a gpu partition needs w_per_gpu or a gpu_model of the Green Algorithms table",
            ))
        }
    };
    if let Some(m) = p.memory_per_node_gb {
        check(&field("memory_per_node_gb"), m)?;
    }
    Ok(Partition {
        name,
        kind: p.kind,
        cpu_model: p.cpu_model,
        w_per_core,
        gpu_model: p.gpu_model,
        w_per_gpu,
        memory_per_node_gb: p.memory_per_node_gb,
        source: p.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYNTHETIC: &str = r#"
        name = "synthetic-cluster"
        pue = 1.56
        ci_g_per_kwh = 231.12
        memory_request_step_gb = 6
        default_rss_unit = "K"
        [price]
        per_kwh = 0.34
        currency = "GBP"
        [partitions.cpu]
        type = "cpu"
        cpu_model = "Xeon Gold 6248"
        w_per_core = 7.5
        [partitions.gpu]
        type = "gpu"
        gpu_model = "NVIDIA A100 80GB PCIe"
        w_per_gpu = 300
        cpu_model = "AMD EPYC 7763"
        w_per_core = 4.4
    "#;

    #[test]
    fn a_full_file_resolves() {
        let c = Cluster::from_toml(SYNTHETIC).expect("cluster");
        assert_eq!(c.pue, 1.56);
        assert_eq!(c.ci_g_per_kwh, 231.12);
        assert_eq!(c.memory_request_step_gb, 6.0);
        assert_eq!(c.partition("gpu").map(|p| p.w_per_gpu), Some(300.0));
        assert_eq!(c.partition("cpu").map(|p| p.kind), Some(PartitionKind::Cpu));
        assert_eq!(c.price.as_ref().map(|p| p.currency.as_str()), Some("GBP"));
    }

    #[test]
    fn models_and_locations_come_from_the_tables() {
        let c = Cluster::from_toml(
            r#"pue = 1.2
               location = "France"
               [partitions.g]
               type = "gpu"
               gpu_model = "NVIDIA Tesla V100"
               cpu_model = "Xeon Gold 6248""#,
        )
        .expect("cluster");
        assert_eq!(c.ci_g_per_kwh, 51.28);
        assert_eq!(c.location.as_deref(), Some("FR"));
        assert_eq!(c.partitions[0].w_per_gpu, 300.0);
        assert_eq!(c.partitions[0].w_per_core, 7.5);
    }

    #[test]
    fn errors_name_the_key() {
        let base = "pue = 1.2\nci_g_per_kwh = 50\n";
        let cases = [
            ("pue = 0.9\nci_g_per_kwh = 1\n[partitions.a]\ntype='cpu'\nw_per_core=1", "pue"),
            ("pue = 1.2\n[partitions.a]\ntype='cpu'\nw_per_core=1", "ci_g_per_kwh"),
            (
                "pue = 1.2\nci_g_per_kwh=1\nlocation='FR'\n[partitions.a]\ntype='cpu'\nw_per_core=1",
                "location",
            ),
            ("pue = 1.2\nci_g_per_kwh = 50\n", "partitions"),
        ];
        for (text, field) in cases {
            let e = Cluster::from_toml(text).expect_err(text);
            assert_eq!(e.field(), Some(field), "{text}: {e}");
        }
        let e = Cluster::from_toml(&format!("{base}[partitions.a]\ntype='gpu'\nw_per_core=1"))
            .expect_err("gpu without power");
        assert_eq!(e.field(), Some("partitions.a.w_per_gpu"));
        let e = Cluster::from_toml(&format!("{base}[partitions.a]\ntype='cpu'\nw_per_core=-1"))
            .expect_err("negative");
        assert_eq!(e.code(), "negative_value");
        let e = Cluster::from_toml(&format!(
            "{base}colour = 'red'\n[partitions.a]\ntype='cpu'\nw_per_core=1"
        ))
        .expect_err("unknown key");
        assert!(e.to_string().contains("colour"), "{e}");
        let e = Cluster::from_toml(&format!(
            "{base}success_states = ['TIMOUT']\n[partitions.a]\ntype='cpu'\nw_per_core=1"
        ))
        .expect_err("bad state");
        assert_eq!(e.field(), Some("success_states[0]"));
        let e = Cluster::from_toml(&format!(
            "{base}[partitions.a]\ntype='cpu'\ncpu_model='Xeon Gold 6249Z'"
        ))
        .expect_err("unknown cpu");
        assert_eq!(e.code(), "unknown_cpu");
        let e = Cluster::from_toml("pue = [").expect_err("bad toml");
        assert_eq!(e.code(), "invalid_document");
    }

    #[test]
    fn a_ci_source_gives_the_location_s_value() {
        let file = |extra: &str| {
            format!(
                "pue = 1.2\nlocation = \"FR\"\n{extra}\n[partitions.a]\ntype='cpu'\nw_per_core=1"
            )
        };
        let ga = Cluster::from_toml(&file("")).expect("ga");
        assert_eq!((ga.ci_g_per_kwh, ga.ci_source_id.as_str()), (51.28, "ga"));
        let ember = Cluster::from_toml(&file("ci_source = \"ember\"")).expect("ember");
        assert_eq!(
            (ember.ci_g_per_kwh, ember.ci_source_id.as_str()),
            (44.18, "ember")
        );
        assert!(ember.ci_source.contains("Ember"), "{}", ember.ci_source);
        let e = Cluster::from_toml(&file("ci_source = \"nope\"")).expect_err("unknown source");
        assert_eq!(e.code(), "unknown_ci_source");
        let e = Cluster::from_toml(
            "pue = 1.2\nci_g_per_kwh = 3\nci_source = \"ember\"\n[partitions.a]\ntype='cpu'\nw_per_core=1",
        )
        .expect_err("both");
        assert_eq!(e.field(), Some("ci_source"));
    }

    #[test]
    fn jean_zay_is_valid() {
        let c = Cluster::jean_zay().expect("jean zay");
        assert_eq!(c.location.as_deref(), Some("FR"));
        assert!(c.partition("cpu_p1").is_some());
        assert!(c.partition("gpu_p5").is_some());
        assert!(c.partition("gpu_p6").is_some());
    }
}
