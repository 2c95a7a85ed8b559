//! The Green Algorithms calculation (methodology part A): a [`Job`] in, an [`Estimate`] out.

use std::borrow::Cow;

use crate::beyond::embodied::totals;
use crate::error::{check_non_negative, Error};
use crate::ga::equivalence::Equivalences;
use crate::ga::grid;
use crate::ga::job::{CpuSpec, GpuSpec, Job};
use crate::ga::result::{
    CpuUsed, Defaults, Estimate, GpuUsed, LocationSource, ModelTable, PowerOrigin, Pue, PueSource,
};
use crate::platform::Platform;
use crate::tables::{DataVersion, Datacenter, Dataset, HardwareSource, Location, EMPREINTE_HW};
use crate::units::{GPerKwh, GramsCo2e, Hours, Kwh};

/// Largest core or GPU count accepted.
const MAX_COUNT: i64 = 1_000_000_000;

fn check_usage(field: &str, value: Option<f64>, defaults: &mut Defaults) -> Result<f64, Error> {
    match value {
        None => {
            defaults.set(field);
            Ok(1.0)
        }
        Some(u) if !u.is_finite() => Err(Error::NonFiniteValue {
            field: field.to_owned(),
            value: u,
        }),
        Some(u) if !(0.0..=1.0).contains(&u) => Err(Error::UsageOutOfRange {
            field: field.to_owned(),
            value: u,
        }),
        Some(u) => Ok(u),
    }
}

fn check_count(field: &str, value: Option<i64>) -> Result<u32, Error> {
    match value {
        None => Err(Error::MissingField {
            field: field.to_owned(),
        }),
        Some(0) => Err(Error::ZeroCount {
            field: field.to_owned(),
        }),
        Some(n) if !(1..=MAX_COUNT).contains(&n) => Err(Error::CountOutOfRange {
            field: field.to_owned(),
            value: n,
            max: MAX_COUNT,
        }),
        Some(n) => Ok(n as u32),
    }
}

fn is_other(model: &str) -> bool {
    model.trim().eq_ignore_ascii_case("other")
}

/// A model's resolved power: name, W, origin, table, source.
type Resolved = (
    Cow<'static, str>,
    f64,
    PowerOrigin,
    Option<ModelTable>,
    Cow<'static, str>,
);

/// Resolves a model's power: a stated (or measured) power wins; `other` needs one; else
/// the tables.
#[allow(clippy::too_many_arguments)]
fn resolve_power<T: 'static>(
    model: Option<&str>,
    stated: Option<f64>,
    measured_by: Option<&str>,
    model_field: &str,
    power_field: &str,
    lookup: impl FnOnce(&str) -> Result<(&'static T, ModelTable), Error>,
    row: impl FnOnce(&'static T) -> (&'static str, f64, &'static str),
) -> Result<Resolved, Error> {
    let measured_by = measured_by.map(str::trim).filter(|m| !m.is_empty());
    if let Some(w) = stated {
        let w = check_non_negative(power_field, w)?;
        let label = model.map_or_else(|| "other".to_owned(), |m| m.trim().to_owned());
        let (origin, source) = match measured_by {
            Some(by) => (PowerOrigin::Measured, Cow::Owned(by.to_owned())),
            None => (PowerOrigin::Stated, Cow::Borrowed("")),
        };
        return Ok((Cow::Owned(label), w, origin, None, source));
    }
    if measured_by.is_some() {
        // a measurement without its value
        return Err(Error::MissingField {
            field: power_field.to_owned(),
        });
    }
    let model = model.ok_or_else(|| Error::MissingField {
        field: model_field.to_owned(),
    })?;
    if is_other(model) {
        return Err(Error::MissingTdp {
            field: power_field.to_owned(),
            model: model.to_owned(),
        });
    }
    let (found, table) = lookup(model)?;
    let (name, w, source) = row(found);
    Ok((
        Cow::Borrowed(name),
        w,
        PowerOrigin::Table,
        Some(table),
        Cow::Borrowed(source),
    ))
}

fn model_table(ds: &'static Dataset, name: HardwareSource) -> ModelTable {
    let version = match name {
        HardwareSource::GreenAlgorithms => ds.version.as_str(),
        HardwareSource::EmpreinteHw => EMPREINTE_HW.version,
    };
    ModelTable { name, version }
}

fn resolve_cpu(
    ds: &'static Dataset,
    spec: &CpuSpec,
    tables: &[HardwareSource],
    d: &mut Defaults,
) -> Result<CpuUsed, Error> {
    let cores = check_count("cpu.cores", spec.cores)?;
    let usage = check_usage("cpu.usage", spec.usage, d)?;
    let (model, tdp_per_core_w, origin, table, source) = resolve_power(
        spec.model.as_deref(),
        spec.tdp_per_core_w,
        spec.measured_by.as_deref(),
        "cpu.model",
        "cpu.tdp_per_core_w",
        |m| ds.find_cpu(m, tables).map(|(c, t)| (c, model_table(ds, t))),
        |r| (r.name, r.tdp_per_core_w, r.source),
    )?;
    Ok(CpuUsed {
        model,
        cores,
        usage,
        tdp_per_core_w,
        origin,
        table,
        source,
    })
}

fn resolve_gpu(
    ds: &'static Dataset,
    spec: &GpuSpec,
    tables: &[HardwareSource],
    d: &mut Defaults,
) -> Result<GpuUsed, Error> {
    let count = check_count("gpu.count", spec.count)?;
    let usage = check_usage("gpu.usage", spec.usage, d)?;
    let (model, tdp_w, origin, table, source) = resolve_power(
        spec.model.as_deref(),
        spec.tdp_w,
        spec.measured_by.as_deref(),
        "gpu.model",
        "gpu.tdp_w",
        |m| ds.find_gpu(m, tables).map(|(g, t)| (g, model_table(ds, t))),
        |r| (r.name, r.tdp_w, r.source),
    )?;
    Ok(GpuUsed {
        model,
        count,
        usage,
        tdp_w,
        origin,
        table,
        source,
    })
}

/// Provider, data centre and location of a job, resolved.
struct Place {
    provider: Option<&'static str>,
    datacenter: Option<&'static Datacenter>,
    location: &'static Location,
    location_source: LocationSource,
}

fn resolve_place(ds: &'static Dataset, job: &Job, platform: Platform) -> Result<Place, Error> {
    let provider_name = job.provider.as_deref().filter(|p| !p.trim().is_empty());
    let dc_name = job.datacenter.as_deref().filter(|d| !d.trim().is_empty());
    if platform != Platform::Cloud {
        if let Some((field, value)) = provider_name
            .map(|p| ("provider", p))
            .or(dc_name.map(|d| ("datacenter", d)))
        {
            return Err(Error::NotApplicable {
                field: field.to_owned(),
                value: value.to_owned(),
                condition: "platform is cloud".to_owned(),
            });
        }
    }
    let provider = match provider_name {
        Some(p) if is_other(p) => None,
        Some(p) => Some(ds.provider(p)?.code),
        None => None,
    };
    if provider_name.is_some_and(is_other) {
        if let Some(d) = dc_name {
            return Err(Error::NotApplicable {
                field: "datacenter".to_owned(),
                value: d.to_owned(),
                condition: "provider is a listed provider, not other".to_owned(),
            });
        }
    }
    let datacenter = match dc_name {
        Some(d) => Some(ds.datacenter(provider, d)?),
        None => None,
    };
    let stated = match job.location.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(l) => Some(ds.location(l)?),
        None => None,
    };
    let (location, location_source) = match (datacenter, stated) {
        (Some(dc), stated) => {
            if let Some(s) = stated.filter(|s| s.code != dc.location) {
                return Err(Error::ConflictingInput {
                    field: "location".to_owned(),
                    value: s.code.to_owned(),
                    other: format!("datacenter {} in {}", dc.name, dc.location),
                });
            }
            let row = ds.location_by_code(dc.location).ok_or_else(|| {
                Error::DatacenterWithoutIntensity {
                    datacenter: dc.name.to_owned(),
                    location: dc.location.to_owned(),
                    data_version: ds.version.to_string(),
                }
            })?;
            (row, LocationSource::Datacenter)
        }
        (None, Some(l)) => (l, LocationSource::Stated),
        (None, None) => {
            return Err(Error::MissingLocation {
                cloud: platform == Platform::Cloud,
            })
        }
    };
    Ok(Place {
        provider: provider.or(datacenter.map(|d| d.provider)),
        datacenter,
        location,
        location_source,
    })
}

fn unknown_pue(ds: &'static Dataset) -> Pue {
    let row = ds.constants().unknown_pue;
    Pue {
        // every data version has an `Unknown` row; 1.67 is v1.0–v2.2's value
        value: row.map_or(1.67, |r| r.pue),
        source: PueSource::PlatformDefault,
        reference: row.map_or("", |r| r.source),
    }
}

fn resolve_pue(
    ds: &'static Dataset,
    job: &Job,
    platform: Platform,
    place: &Place,
) -> Result<Pue, Error> {
    if let Some(p) = job.pue {
        if !p.is_finite() {
            return Err(Error::NonFiniteValue {
                field: "pue".to_owned(),
                value: p,
            });
        }
        if p < 1.0 {
            return Err(Error::PueBelowOne {
                field: "pue".to_owned(),
                value: p,
            });
        }
        return Ok(Pue {
            value: p,
            source: PueSource::Stated,
            reference: "",
        });
    }
    Ok(match platform {
        Platform::PersonalComputer => Pue {
            value: 1.0,
            source: PueSource::PlatformDefault,
            reference: "Green Algorithms: a personal computer has no facility overhead (PUE 1)",
        },
        Platform::LocalServer => unknown_pue(ds),
        Platform::Cloud => {
            if let Some((dc, pue)) = place.datacenter.and_then(|d| d.pue.map(|p| (d, p))) {
                Pue {
                    value: pue,
                    source: PueSource::Datacenter,
                    reference: dc.pue_source,
                }
            } else if let Some(row) = place.provider.and_then(|p| ds.default_pue(p)) {
                Pue {
                    value: row.pue,
                    source: PueSource::ProviderDefault,
                    reference: row.source,
                }
            } else {
                unknown_pue(ds)
            }
        }
    })
}

/// Estimates the energy and carbon footprint of `job` by the Green Algorithms method, and
/// what goes beyond it (embodied emissions and totals, SCI, ranges and drivers, water).
///
/// Looks the hardware, location, provider and data centre up in the job's data version
/// (v3.0 by default), resolves the PUE (a stated PUE always wins), then computes
/// `P = PUE × (cores × W/core × u_cpu + GPUs × W/GPU × u_gpu + GB × W/GB)`,
/// `E = runtime × P × MF / 1000` and `CO2e = E × CI`, keeping the cpu/gpu/memory split.
///
/// # Errors
/// A typed [`Error`] naming the field for any invalid, missing or unknown input.
///
/// # Examples
/// ```
/// let job = empreinte::Job::from_json(r#"{"runtime_h": 12, "cpu": {"model": "Xeon E5-2683 v4",
///     "cores": 12}, "memory_gb": 64, "location": "FR"}"#).unwrap();
/// let e = empreinte::estimate(&job).unwrap();
/// assert!((e.figures.energy_kwh - 2.1310848).abs() < 1e-12);
/// assert!((e.figures.co2e_g - 109.282028544).abs() < 1e-9);
/// ```
pub fn estimate(job: &Job) -> Result<Estimate, Error> {
    let mut e = green_algorithms(job)?;
    crate::ga::parts::fill(&mut e, job)?;
    Ok(e)
}

/// The Green Algorithms figures of `job` only, with the carbon intensity's source and the
/// alternative source: what [`estimate`] gives, without embodied emissions, SCI, ranges
/// and water (`embodied`, `sci`, `uncertainty` and `water` are `None`; `totals` is the
/// operational CO2e). For request paths that need the parity figures alone; the options
/// `embodied`, `functional_unit`, `uncertainty` and `water` are refused here.
///
/// # Errors
/// As [`estimate`]; [`Error::NotApplicable`] for a beyond-Green-Algorithms option.
///
/// # Examples
/// ```
/// let job = empreinte::Job::from_json(r#"{"runtime_h": 12, "cpu": {"model": "Xeon E5-2683 v4",
///     "cores": 12}, "memory_gb": 64, "location": "FR"}"#).unwrap();
/// let ga = empreinte::estimate_green_algorithms(&job).unwrap();
/// assert_eq!(ga.figures.co2e_g, empreinte::estimate(&job).unwrap().figures.co2e_g);
/// assert!(ga.embodied.is_none());
/// ```
pub fn estimate_green_algorithms(job: &Job) -> Result<Estimate, Error> {
    for (field, given) in [
        ("embodied", job.embodied.is_some()),
        ("functional_unit", job.functional_unit.is_some()),
        ("uncertainty", job.uncertainty.is_some()),
        ("water", job.water.is_some()),
    ] {
        if given {
            return Err(Error::NotApplicable {
                field: field.to_owned(),
                value: "given".to_owned(),
                condition: "estimating beyond Green Algorithms (use estimate)".to_owned(),
            });
        }
    }
    green_algorithms(job)
}

fn green_algorithms(job: &Job) -> Result<Estimate, Error> {
    job.check_names()?;
    let mut defaults = Defaults::default();
    let version = match job.data_version.as_deref() {
        Some(v) => DataVersion::parse(v)?,
        None => {
            defaults.set("data_version");
            DataVersion::DEFAULT
        }
    };
    let ds = version.dataset();
    let runtime_h = check_non_negative(
        "runtime_h",
        job.runtime_h.ok_or_else(|| Error::MissingField {
            field: "runtime_h".to_owned(),
        })?,
    )?;
    let memory_gb = check_non_negative(
        "memory_gb",
        job.memory_gb.ok_or_else(|| Error::MissingField {
            field: "memory_gb".to_owned(),
        })?,
    )?;
    if job.cpu.is_none() && job.gpu.is_none() {
        return Err(Error::NoProcessor);
    }
    let tables = match job.hardware_tables.as_deref() {
        Some([]) => {
            return Err(Error::InvalidDocument {
                field: "hardware_tables".to_owned(),
                message: "give at least one table: green-algorithms, empreinte-hw".to_owned(),
            })
        }
        Some(t) => t,
        None => {
            defaults.set("hardware_tables");
            HardwareSource::DEFAULT_ORDER
        }
    };
    let cpu = job
        .cpu
        .as_ref()
        .map(|c| resolve_cpu(ds, c, tables, &mut defaults))
        .transpose()?;
    let gpu = job
        .gpu
        .as_ref()
        .map(|g| resolve_gpu(ds, g, tables, &mut defaults))
        .transpose()?;
    let mf = match job.multiplicative_factor {
        None => {
            defaults.set("multiplicative_factor");
            1.0
        }
        Some(m) if !m.is_finite() => {
            return Err(Error::NonFiniteValue {
                field: "multiplicative_factor".to_owned(),
                value: m,
            })
        }
        Some(m) if m < 1.0 => {
            return Err(Error::MultiplicativeFactorBelowOne {
                field: "multiplicative_factor".to_owned(),
                value: m,
            })
        }
        Some(m) => m,
    };
    let platform = job.platform.unwrap_or_else(|| {
        defaults.set("platform");
        Platform::default()
    });
    let place = resolve_place(ds, job, platform)?;
    let pue = resolve_pue(ds, job, platform, &place)?;
    if pue.source != PueSource::Stated {
        defaults.set("pue");
    }
    let memory_power = ds.constants().memory_power_w_per_gb;

    // the formula, in Green Algorithms' order of operations (shared with the batch kernel)
    let pe = crate::ga::power::power_energy(
        pue.value,
        cpu.as_ref().map(|c| (c.cores, c.tdp_per_core_w, c.usage)),
        gpu.as_ref().map(|g| (g.count, g.tdp_w, g.usage)),
        memory_gb,
        memory_power,
        runtime_h,
        mf,
    );
    if !pe.energy.0.is_finite() {
        return Err(Error::Overflow {
            field: "energy_kwh".to_owned(),
        });
    }
    let (ci_used, ci_default) =
        grid::resolve(ds, job, place.location, pe.energy, Hours(runtime_h))?;
    if ci_default {
        defaults.set("ci_source");
    }
    let figures = pe.figures(pue.value, GPerKwh(ci_used.g_per_kwh));
    for (field, value) in [
        ("power_w", figures.power_w),
        ("energy_kwh", figures.energy_kwh),
        ("co2e_g", figures.co2e_g),
    ] {
        if !value.is_finite() {
            return Err(Error::Overflow {
                field: field.to_owned(),
            });
        }
    }
    let equivalences = Equivalences::compute(ds, GramsCo2e(figures.co2e_g));
    let ci_alternative =
        grid::alternative(ds, job, place.location, &ci_used, Kwh(figures.energy_kwh))?;
    Ok(Estimate {
        data_version: version,
        runtime_h,
        figures,
        pue,
        ci: ci_used,
        ci_alternative,
        embodied: None,
        totals: totals(figures.co2e_g, 0.0),
        sci: None,
        uncertainty: None,
        water: None,
        location: place.location,
        location_source: place.location_source,
        platform,
        provider: place.provider,
        datacenter: place.datacenter,
        cpu,
        gpu,
        memory_gb,
        memory_power_w_per_gb: memory_power,
        multiplicative_factor: mf,
        equivalences,
        defaults,
    })
}
