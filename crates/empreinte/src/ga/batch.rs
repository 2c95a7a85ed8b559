//! Many jobs at once (a DataFrame of jobs): names resolved once per distinct combination,
//! then a pure numeric kernel per row.
//!
//! A [`Batch`] takes one [`RowInput`] per row. The first time it meets a combination of
//! names (data version, CPU and GPU models, platform, provider, data centre, location) it
//! calls [`estimate`] on a template job with those names, which does every lookup and
//! the PUE and location resolution; later rows with the same names only check their
//! numbers and run [`kernel`], the Green Algorithms formula in the order of operations
//! of [`estimate`]. Any row the fast path does not accept (a bad number, a stated power,
//! an unknown name) goes through [`estimate`] itself, so that a batch gives exactly the
//! figures and the errors of estimating each row alone.
//!
//! ```
//! use empreinte::batch::{Batch, RowInput};
//!
//! let mut batch = Batch::new();
//! let row = RowInput {
//!     runtime_h: Some(12.0),
//!     cpu_model: Some("Xeon E5-2683 v4"),
//!     cpu_cores: Some(12.0),
//!     memory_gb: Some(64.0),
//!     location: Some("FR"),
//!     ..RowInput::default()
//! };
//! let f = batch.estimate(&row)?;
//! assert!((f.energy_kwh - 2.1310848).abs() < 1e-9);
//! # Ok::<(), empreinte::Error>(())
//! ```

use std::collections::HashMap;
use std::hash::BuildHasher;

use crate::error::Error;
pub use crate::figures::{Breakdown, Figures};
use crate::ga::estimate::estimate;
pub use crate::ga::flat::{
    job_from_flat, job_path, result_column, DEFAULT_RESULT_COLUMNS, NAME_COLUMNS, NUMBER_COLUMNS,
    PART_FIELDS, RESULT_COLUMNS,
};
use crate::ga::job::{CpuSpec, GpuSpec, Job};
use crate::ga::power::power_energy;
use crate::platform::Platform;
use crate::units::GPerKwh;

/// Largest core or GPU count accepted (as in [`estimate`]).
const MAX_COUNT: f64 = 1_000_000_000.0;

/// The inputs of one row, borrowed. `None` is a missing value (a null or NaN cell).
///
/// The row has a CPU when any of the `cpu_*` fields is given, and a GPU when any of the
/// `gpu_*` fields is. Counts are numbers so that a float column can carry them; a count
/// that is not a whole number is an [`Error::InvalidDocument`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RowInput<'a> {
    /// Data version (`"v3.0"` by default).
    pub data_version: Option<&'a str>,
    /// Runtime, h.
    pub runtime_h: Option<f64>,
    /// CPU model.
    pub cpu_model: Option<&'a str>,
    /// CPU cores used.
    pub cpu_cores: Option<f64>,
    /// CPU usage factor.
    pub cpu_usage: Option<f64>,
    /// Stated power per core, W.
    pub cpu_tdp_per_core_w: Option<f64>,
    /// GPU model.
    pub gpu_model: Option<&'a str>,
    /// GPUs used.
    pub gpu_count: Option<f64>,
    /// GPU usage factor.
    pub gpu_usage: Option<f64>,
    /// Stated power per GPU, W.
    pub gpu_tdp_w: Option<f64>,
    /// Memory allocated, GB.
    pub memory_gb: Option<f64>,
    /// Platform (`local_server`, `personal_computer`, `cloud`).
    pub platform: Option<&'a str>,
    /// Cloud provider code.
    pub provider: Option<&'a str>,
    /// Cloud data centre.
    pub datacenter: Option<&'a str>,
    /// Location code or name.
    pub location: Option<&'a str>,
    /// Stated PUE.
    pub pue: Option<f64>,
    /// Number of identical runs.
    pub multiplicative_factor: Option<f64>,
}

fn count(field: &str, value: Option<f64>) -> Result<Option<i64>, Error> {
    match value {
        None => Ok(None),
        // whole numbers up to 2^53 convert exactly; larger ones are out of range anyway
        Some(v) if v.fract() == 0.0 && v.abs() <= 9.0e15 => Ok(Some(v as i64)),
        Some(v) => Err(Error::InvalidDocument {
            field: field.to_owned(),
            message: format!("expected a whole number, got {v}"),
        }),
    }
}

impl<'a> RowInput<'a> {
    /// Whether the row has a CPU part: any CPU field given (the rule of
    /// [`CpuSpec::from_flat`]).
    fn has_cpu(&self) -> bool {
        self.cpu_model.is_some()
            || self.cpu_cores.is_some()
            || self.cpu_usage.is_some()
            || self.cpu_tdp_per_core_w.is_some()
    }

    /// Whether the row has a GPU part: any GPU field given.
    fn has_gpu(&self) -> bool {
        self.gpu_model.is_some()
            || self.gpu_count.is_some()
            || self.gpu_usage.is_some()
            || self.gpu_tdp_w.is_some()
    }

    /// The row as a [`Job`].
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] for a platform that is not one, or a count that is not a
    /// whole number.
    pub fn to_job(&self) -> Result<Job, Error> {
        let owned = |s: Option<&str>| s.map(str::to_owned);
        let names = self.names_job()?;
        Ok(Job {
            runtime_h: self.runtime_h,
            memory_gb: self.memory_gb,
            pue: self.pue,
            multiplicative_factor: self.multiplicative_factor,
            cpu: CpuSpec::from_flat(
                owned(self.cpu_model),
                count("cpu.cores", self.cpu_cores)?,
                self.cpu_usage,
                self.cpu_tdp_per_core_w,
            ),
            gpu: GpuSpec::from_flat(
                owned(self.gpu_model),
                count("gpu.count", self.gpu_count)?,
                self.gpu_usage,
                self.gpu_tdp_w,
            ),
            ..names
        })
    }

    /// The job of the row's names only (no numbers), with the parts [`RowInput::to_job`]
    /// has.
    fn names_job(&self) -> Result<Job, Error> {
        let owned = |s: Option<&str>| s.map(str::to_owned);
        Ok(Job {
            data_version: owned(self.data_version),
            provider: owned(self.provider),
            datacenter: owned(self.datacenter),
            location: owned(self.location),
            platform: self.platform.map(Platform::parse).transpose()?,
            cpu: self.has_cpu().then(|| CpuSpec {
                model: owned(self.cpu_model),
                ..CpuSpec::default()
            }),
            gpu: self.has_gpu().then(|| GpuSpec {
                model: owned(self.gpu_model),
                ..GpuSpec::default()
            }),
            ..Job::default()
        })
    }

    /// A row from its columns: numbers in [`NUMBER_COLUMNS`] order, names in
    /// [`NAME_COLUMNS`] order.
    pub fn from_columns(numbers: [Option<f64>; 10], names: [Option<&'a str>; 7]) -> RowInput<'a> {
        let [runtime_h, cpu_cores, cpu_usage, cpu_tdp_per_core_w, gpu_count, gpu_usage, gpu_tdp_w, memory_gb, pue, multiplicative_factor] =
            numbers;
        let [data_version, cpu_model, gpu_model, platform, provider, datacenter, location] = names;
        RowInput {
            data_version,
            runtime_h,
            cpu_model,
            cpu_cores,
            cpu_usage,
            cpu_tdp_per_core_w,
            gpu_model,
            gpu_count,
            gpu_usage,
            gpu_tdp_w,
            memory_gb,
            platform,
            provider,
            datacenter,
            location,
            pue,
            multiplicative_factor,
        }
    }

    fn names(&self) -> [Option<&str>; 7] {
        [
            self.data_version,
            self.has_cpu().then_some(self.cpu_model.unwrap_or("")),
            self.has_gpu().then_some(self.gpu_model.unwrap_or("")),
            self.platform,
            self.provider,
            self.datacenter,
            self.location,
        ]
    }
}

/// The inputs of [`kernel`]: resolved powers and checked numbers.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KernelInput {
    /// PUE (≥ 1).
    pub pue: f64,
    /// CPU cores, W per core, usage; `None` without a CPU.
    pub cpu: Option<(u32, f64, f64)>,
    /// GPUs, W per GPU, usage; `None` without a GPU.
    pub gpu: Option<(u32, f64, f64)>,
    /// Memory allocated, GB.
    pub memory_gb: f64,
    /// Memory power, W/GB.
    pub memory_power_w_per_gb: f64,
    /// Runtime, h.
    pub runtime_h: f64,
    /// Number of identical runs.
    pub multiplicative_factor: f64,
    /// Carbon intensity, gCO2e/kWh.
    pub ci_g_per_kwh: f64,
}

/// The Green Algorithms formula on resolved inputs, in the order of operations of
/// [`estimate`] (app.py's): `PUE × n × W × u` per component, `runtime × P × MF / 1000`,
/// `E × CI`. `None` when a result is not a finite number.
pub fn kernel(k: &KernelInput) -> Option<Figures> {
    let pe = power_energy(
        k.pue,
        k.cpu,
        k.gpu,
        k.memory_gb,
        k.memory_power_w_per_gb,
        k.runtime_h,
        k.multiplicative_factor,
    );
    let f = pe.figures(k.pue, GPerKwh(k.ci_g_per_kwh));
    (f.power_w.is_finite() && f.energy_kwh.is_finite() && f.co2e_g.is_finite()).then_some(f)
}

/// What a combination of names resolves to.
#[derive(Debug, Clone)]
struct Template {
    /// Default PUE (used when the row states none).
    pue: f64,
    cpu_w: Option<f64>,
    gpu_w: Option<f64>,
    memory_power_w_per_gb: f64,
    ci_g_per_kwh: f64,
}

impl Template {
    fn resolve(row: &RowInput) -> Result<Template, Error> {
        let mut job = row.names_job()?;
        job.runtime_h = Some(1.0);
        job.memory_gb = Some(1.0);
        if let Some(c) = job.cpu.as_mut() {
            c.cores = Some(1);
        }
        if let Some(g) = job.gpu.as_mut() {
            g.count = Some(1);
        }
        let e = estimate(&job)?;
        Ok(Template {
            pue: e.pue.value,
            cpu_w: e.cpu.as_ref().map(|c| c.tdp_per_core_w),
            gpu_w: e.gpu.as_ref().map(|g| g.tdp_w),
            memory_power_w_per_gb: e.memory_power_w_per_gb,
            ci_g_per_kwh: e.figures.ci_g_per_kwh,
        })
    }
}

fn non_negative(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite() && *v >= 0.0)
}

fn fast_count(v: Option<f64>) -> Option<u32> {
    v.filter(|v| v.fract() == 0.0 && (1.0..=MAX_COUNT).contains(v))
        .map(|v| v as u32)
}

fn fast_usage(v: Option<f64>) -> Option<f64> {
    match v {
        None => Some(1.0),
        Some(u) if (0.0..=1.0).contains(&u) => Some(u),
        Some(_) => None,
    }
}

fn at_least_one(v: Option<f64>, default: f64) -> Option<f64> {
    match v {
        None => Some(default),
        Some(x) if x.is_finite() && x >= 1.0 => Some(x),
        Some(_) => None,
    }
}

/// The fast path: checked numbers and a template, or `None` for the slow path.
fn fast(row: &RowInput, t: &Template) -> Option<Figures> {
    let cpu = match t.cpu_w {
        Some(w) => Some((fast_count(row.cpu_cores)?, w, fast_usage(row.cpu_usage)?)),
        None => None,
    };
    let gpu = match t.gpu_w {
        Some(w) => Some((fast_count(row.gpu_count)?, w, fast_usage(row.gpu_usage)?)),
        None => None,
    };
    kernel(&KernelInput {
        pue: at_least_one(row.pue, t.pue)?,
        cpu,
        gpu,
        memory_gb: non_negative(row.memory_gb)?,
        memory_power_w_per_gb: t.memory_power_w_per_gb,
        runtime_h: non_negative(row.runtime_h)?,
        multiplicative_factor: at_least_one(row.multiplicative_factor, 1.0)?,
        ci_g_per_kwh: t.ci_g_per_kwh,
    })
}

/// Only checks numbers: whether every number of the row is acceptable to [`estimate`].
fn numbers_ok(row: &RowInput) -> bool {
    let count_ok = |present: bool, v: Option<f64>| !present || fast_count(v).is_some();
    let tdp_ok = |v: Option<f64>| v.is_none_or(|w| w.is_finite() && w >= 0.0);
    non_negative(row.runtime_h).is_some()
        && non_negative(row.memory_gb).is_some()
        && count_ok(row.has_cpu(), row.cpu_cores)
        && count_ok(row.has_gpu(), row.gpu_count)
        && fast_usage(row.cpu_usage).is_some()
        && fast_usage(row.gpu_usage).is_some()
        && tdp_ok(row.cpu_tdp_per_core_w)
        && tdp_ok(row.gpu_tdp_w)
        && at_least_one(row.pue, 1.0).is_some()
        && at_least_one(row.multiplicative_factor, 1.0).is_some()
}

type Key = [Option<Box<str>>; 7];

fn key_matches(key: &Key, names: &[Option<&str>; 7]) -> bool {
    key.iter().zip(names).all(|(k, n)| k.as_deref() == *n)
}

/// Where a row's names are in memory: (address, length) of each, `(0, usize::MAX)` for a
/// missing one. A binding's columns give the same `&str` for every row of a distinct value
/// (dictionary or interned columns), so a combination met before is found by its
/// addresses without hashing its text; the text is still compared, so memory reused for
/// other names is never mistaken for them.
type Addresses = [(usize, usize); 7];

fn addresses(names: &[Option<&str>; 7]) -> Addresses {
    names.map(|n| n.map_or((0, usize::MAX), |s| (s.as_ptr() as usize, s.len())))
}

/// The most address combinations remembered (a column of distinct strings, one per row,
/// would otherwise grow the map with the table).
const MAX_ADDRESSES: usize = 1 << 16;

/// A multiply-rotate hash of addresses (FxHash's step): addresses are not chosen by the
/// input, so a fast hash cannot be driven into collisions by it.
#[derive(Debug, Default, Clone, Copy)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Estimates rows one after the other, resolving each combination of names once.
#[derive(Debug, Default)]
pub struct Batch {
    templates: Vec<(Key, Result<Template, Error>)>,
    by_hash: HashMap<u64, Vec<usize>>,
    hasher: std::collections::hash_map::RandomState,
    by_address: HashMap<Addresses, usize, std::hash::BuildHasherDefault<AddressHasher>>,
    /// Lookups by address that found (or missed) their combination; when most miss (the
    /// names are copies, one per row) the addresses are no longer tried.
    address_hits: usize,
    address_misses: usize,
    last: Option<usize>,
}

impl Batch {
    /// An empty batch (no name resolved yet).
    pub fn new() -> Batch {
        Batch::default()
    }

    /// Number of distinct name combinations met so far.
    pub fn distinct_names(&self) -> usize {
        self.templates.len()
    }

    /// Whether looking combinations up by address still pays: it does until 4 096 lookups
    /// have missed with fewer hits than misses (then the map is dropped).
    fn addresses_useful(&mut self) -> bool {
        const TRIAL: usize = 4096;
        if self.address_misses >= TRIAL && self.address_hits < self.address_misses {
            if !self.by_address.is_empty() {
                self.by_address = HashMap::default();
            }
            return false;
        }
        true
    }

    fn template(&mut self, row: &RowInput) -> usize {
        let names = row.names();
        if let Some(i) = self.last {
            if key_matches(&self.templates[i].0, &names) {
                return i;
            }
        }
        let at = self.addresses_useful().then(|| addresses(&names));
        if let Some(at) = &at {
            match self.by_address.get(at) {
                Some(&i) if key_matches(&self.templates[i].0, &names) => {
                    self.address_hits += 1;
                    self.last = Some(i);
                    return i;
                }
                _ => self.address_misses += 1,
            }
        }
        let hash = self.hasher.hash_one(names);
        let found = self.by_hash.get(&hash).and_then(|ids| {
            ids.iter()
                .copied()
                .find(|&i| key_matches(&self.templates[i].0, &names))
        });
        let i = found.unwrap_or_else(|| {
            let key = names.map(|n| n.map(Box::from));
            self.templates.push((key, Template::resolve(row)));
            let i = self.templates.len() - 1;
            self.by_hash.entry(hash).or_default().push(i);
            i
        });
        if let Some(at) = at {
            if self.by_address.len() < MAX_ADDRESSES {
                self.by_address.insert(at, i);
            }
        }
        self.last = Some(i);
        i
    }

    /// Estimates one row: the figures of [`estimate`] on [`RowInput::to_job`], or its
    /// error.
    ///
    /// # Errors
    /// Exactly the error [`estimate`] gives for the row's job (or [`RowInput::to_job`]'s).
    pub fn estimate(&mut self, row: &RowInput) -> Result<Figures, Error> {
        if row.cpu_tdp_per_core_w.is_some() || row.gpu_tdp_w.is_some() {
            // a stated power: the model is only a label, estimate resolves it
            return estimate(&row.to_job()?).map(|e| Figures::from(&e));
        }
        let i = self.template(row);
        match &self.templates[i].1 {
            Ok(t) => {
                if let Some(f) = fast(row, t) {
                    return Ok(f);
                }
            }
            // numbers that estimate accepts leave the names' error as the first one
            Err(e) if numbers_ok(row) => return Err(e.clone()),
            Err(_) => {}
        }
        estimate(&row.to_job()?).map(|e| Figures::from(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_reused_for_other_names_is_not_mistaken_for_them() {
        let mut batch = Batch::new();
        let mut buf = String::with_capacity(64);
        for location in ["FR", "DE", "FR", "US", "DE"] {
            buf.clear();
            buf.push_str(location);
            let row = RowInput {
                runtime_h: Some(1.0),
                cpu_model: Some("Any"),
                cpu_cores: Some(1.0),
                memory_gb: Some(1.0),
                location: Some(&buf),
                ..RowInput::default()
            };
            let f = batch.estimate(&row).ok();
            let e = row
                .to_job()
                .and_then(|j| estimate(&j))
                .ok()
                .map(|e| e.figures);
            assert_eq!(f, e, "{location}");
        }
        assert_eq!(batch.distinct_names(), 3);
    }

    /// A small deterministic generator (xorshift), so the test needs no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    #[test]
    fn batch_equals_estimate_row_by_row_bit_for_bit() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut batch = Batch::new();
        let cpus = [
            Some("Xeon E5-2683 v4"),
            Some("Any"),
            None,
            Some("Xeon E5-2638 v4"),
        ];
        let gpus = [None, None, Some("NVIDIA Tesla V100"), Some("other")];
        let locations = [
            Some("FR"),
            Some("WORLD"),
            Some("US-CA"),
            None,
            Some("Frence"),
        ];
        let good = [Some(1.0), Some(2.0), Some(12.0), Some(64.0), Some(1.3)];
        let bad = [
            None,
            Some(0.0),
            Some(2.5),
            Some(-1.0),
            Some(f64::NAN),
            Some(1e308),
        ];
        let usages = [None, Some(0.0), Some(0.5), Some(1.0)];
        let versions = [None, Some("v2.2"), Some("v1.0"), Some("v9")];
        let platforms = [None, Some("cloud"), Some("personal_computer"), Some("moon")];
        let providers = [None, None, Some("gcp"), Some("aws")];
        let datacenters = [None, None, Some("us-west1")];
        let (mut ok, mut err) = (0, 0);
        for _ in 0..20_000 {
            // names: the first choice (valid) most of the time
            let mut name = |items: &[Option<&'static str>]| {
                if rng.next() % 4 == 0 {
                    rng.pick(items)
                } else {
                    items[0]
                }
            };
            let (v, c, g, l, p, pr, d) = (
                name(&versions),
                name(&cpus),
                name(&gpus),
                name(&locations),
                name(&platforms),
                name(&providers),
                name(&datacenters),
            );
            let mut num = |usage: bool| {
                if rng.next() % 16 == 0 {
                    rng.pick(&bad)
                } else if usage {
                    rng.pick(&usages)
                } else {
                    rng.pick(&good)
                }
            };
            let row = RowInput {
                data_version: v,
                runtime_h: num(false),
                cpu_model: c,
                cpu_cores: num(false),
                cpu_usage: num(true),
                cpu_tdp_per_core_w: None,
                gpu_model: g,
                gpu_count: if g.is_some() { num(false) } else { None },
                gpu_usage: if g.is_some() { num(true) } else { None },
                gpu_tdp_w: if g == Some("other") {
                    Some(250.0)
                } else {
                    None
                },
                memory_gb: num(false),
                platform: p,
                provider: pr,
                datacenter: d,
                location: l,
                pue: if num(true).is_some() {
                    None
                } else {
                    num(false)
                },
                multiplicative_factor: if num(true).is_some() {
                    None
                } else {
                    num(false)
                },
            };
            let expected = row
                .to_job()
                .and_then(|j| estimate(&j))
                .map(|e| Figures::from(&e));
            let got = batch.estimate(&row);
            match (&expected, &got) {
                (Ok(a), Ok(b)) => {
                    ok += 1;
                    assert_eq!(a, b, "{row:?}");
                }
                (Err(a), Err(b)) => {
                    err += 1;
                    // NaN values make PartialEq fail: compare the variant and the message
                    assert_eq!(a.code(), b.code(), "{row:?}");
                    assert_eq!(a.to_string(), b.to_string(), "{row:?}");
                }
                _ => panic!("{row:?}: estimate {expected:?}, batch {got:?}"),
            }
        }
        assert!(ok > 100 && err > 100, "ok {ok}, err {err}");
        assert!(batch.distinct_names() > 10);
    }

    #[test]
    fn repeated_names_resolve_once() {
        let mut batch = Batch::new();
        for i in 0..1000 {
            let row = RowInput {
                runtime_h: Some(f64::from(i)),
                cpu_model: Some("Xeon E5-2683 v4"),
                cpu_cores: Some(12.0),
                memory_gb: Some(64.0),
                location: Some("FR"),
                ..RowInput::default()
            };
            assert!(batch.estimate(&row).is_ok());
        }
        assert_eq!(batch.distinct_names(), 1);
    }

    #[test]
    fn counts_must_be_whole() {
        let row = RowInput {
            runtime_h: Some(1.0),
            cpu_model: Some("Any"),
            cpu_cores: Some(2.5),
            memory_gb: Some(1.0),
            location: Some("FR"),
            ..RowInput::default()
        };
        let e = Batch::new().estimate(&row).unwrap_err();
        assert_eq!(e.field(), Some("cpu.cores"));
    }
}
