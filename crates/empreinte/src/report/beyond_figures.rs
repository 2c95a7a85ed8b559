//! The figures beyond Green Algorithms, from the core's result: embodied emissions and
//! totals, uncertainty ranges and their drivers, water, the alternative carbon intensity;
//! then their sums per phase and in total.

use serde::Serialize;

use super::fixed::{Fixed, GramsFixed, KwhFixed, LitresFixed, ShareFixed};
use super::model::*;
use super::text;
use crate::error::Error;
use crate::ga::result::Estimate;

/// The snake-case (serde) name of a core enum value.
pub(crate) fn name<T: Serialize>(x: &T) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn not_computed<T>(limitation: &str) -> Section<T> {
    let (fr, en) = text::limitation(limitation);
    Section::NotComputed {
        reason: Bilingual::new(fr, en),
        limitation: limitation.to_owned(),
    }
}

fn g(x: f64, field: &str) -> Result<GramsFixed, Error> {
    Fixed::from_f64(x, field)
}

/// `part ÷ whole` from two rounded figures (0 when the whole is 0).
pub(crate) fn share_of(part: GramsFixed, whole: GramsFixed) -> Result<ShareFixed, Error> {
    if whole.0 == 0 {
        return Ok(ShareFixed::ZERO);
    }
    Fixed::from_f64(part.0 as f64 / whole.0 as f64, "share")
}

fn total_of(
    op: GramsFixed,
    embodied: &Section<ReportedEmbodied>,
) -> Result<Section<TotalCo2e>, Error> {
    Ok(match embodied {
        Section::Computed { value } => Section::Computed {
            value: TotalCo2e {
                co2e_g: op.checked_add(value.co2e_g, "total_co2e_g")?,
                includes: vec!["operational".to_owned(), "embodied".to_owned()],
            },
        },
        Section::NotComputed { .. } => not_computed("embodied_unavailable"),
    })
}

fn total_co2e_g_of(
    embodied: &Section<ReportedEmbodied>,
    op: GramsFixed,
) -> Result<Option<GramsFixed>, Error> {
    embodied
        .computed()
        .map(|m| op.checked_add(m.co2e_g, "total_co2e_g"))
        .transpose()
}

/// A component's figures.
/// `scale` multiplies every figure of the job (1 without a scaling); shares do not change.
pub(crate) fn component(
    e: &Estimate,
    energy: EnergySplit,
    op: Co2eSplit,
    scale: f64,
) -> Result<ReportedFigures, Error> {
    let embodied = match &e.embodied {
        Some(m) => {
            let co2e_g = g(m.co2e_g * scale, "embodied.co2e_g")?;
            let whole = op.total.checked_add(co2e_g, "total_co2e_g")?;
            Section::Computed {
                value: ReportedEmbodied {
                    model: name(&m.model),
                    co2e_g,
                    share_of_total: share_of(co2e_g, whole)?,
                    te_g: Some(g(m.te_g, "embodied.te_g")?),
                    lifespan_h: Some(m.lifespan_h),
                    resource_share: Some(m.resource_share),
                    count_idle: Some(m.count_idle),
                },
            }
        }
        None => not_computed("embodied_unavailable"),
    };
    let total_co2e_g = total_of(op.total, &embodied)?;
    let (ranges, drivers) = match &e.uncertainty {
        Some(u) => {
            let kwh =
                |r: &crate::beyond::uncertainty::Range| -> Result<ReportedRange<KwhFixed>, Error> {
                    Ok(ReportedRange {
                        low: Fixed::from_f64(r.low * scale, "energy_kwh_range")?,
                        central: Fixed::from_f64(r.central * scale, "energy_kwh_range")?,
                        high: Fixed::from_f64(r.high * scale, "energy_kwh_range")?,
                    })
                };
            let grams = |r: &crate::beyond::uncertainty::Range,
                         f: &str|
             -> Result<ReportedRange<GramsFixed>, Error> {
                Ok(ReportedRange {
                    low: g(r.low * scale, f)?,
                    central: g(r.central * scale, f)?,
                    high: g(r.high * scale, f)?,
                })
            };
            let mut method = u.method.to_owned();
            if let (Some(n), Some(seed)) = (u.samples, u.seed) {
                method.push_str(&format!(" ({n} samples, seed {seed})"));
            }
            let drivers = u
                .drivers
                .as_slice()
                .iter()
                .map(|d| {
                    Ok(ReportedDriver {
                        factor: name(&d.factor),
                        share: Fixed::from_f64(d.share, "drivers")?,
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            // the central values are the report's own rounded figures
            let mut energy_kwh = kwh(&u.energy_kwh_range)?;
            energy_kwh.central = energy.total;
            let mut co2e_g = grams(&u.co2e_g_range, "co2e_g_range")?;
            co2e_g.central = op.total;
            let mut embodied_co2e_g = grams(&u.embodied_co2e_g_range, "embodied_co2e_g_range")?;
            if let Some(m) = embodied.computed() {
                embodied_co2e_g.central = m.co2e_g;
            }
            let mut total_co2e_g = grams(&u.total_co2e_g_range, "total_co2e_g_range")?;
            if let Some(t) = total_co2e_g_of(&embodied, op.total)? {
                total_co2e_g.central = t;
            }
            (
                Section::Computed {
                    value: Ranges {
                        method,
                        energy_kwh,
                        co2e_g,
                        embodied_co2e_g,
                        total_co2e_g,
                    },
                },
                Section::Computed { value: drivers },
            )
        }
        None => (
            not_computed("uncertainty_unavailable"),
            not_computed("uncertainty_unavailable"),
        ),
    };
    let water_l = match &e.water {
        Some(w) => {
            let onsite: LitresFixed = Fixed::from_f64(w.onsite_l * scale, "water_l")?;
            let offsite: LitresFixed = Fixed::from_f64(w.offsite_l * scale, "water_l")?;
            Section::Computed {
                value: ReportedWater {
                    onsite,
                    offsite,
                    total: onsite.checked_add(offsite, "water_l")?,
                },
            }
        }
        None => not_computed("water_unavailable"),
    };
    let ci_alternative = match &e.ci_alternative {
        Some(a) => Section::Computed {
            value: ReportedCiAlternative {
                source: match a.year {
                    Some(y) => format!("{}, {}, {y}", a.source_name, a.zone),
                    None => format!("{}, {}", a.source_name, a.zone),
                },
                ci_g_per_kwh: Some(a.ci_g_per_kwh),
                co2e_g: g(a.co2e_g * scale, "ci_alternative.co2e_g")?,
            },
        },
        None => not_computed("ci_alternative_unavailable"),
    };
    Ok(ReportedFigures {
        energy_kwh: energy,
        operational_co2e_g: op,
        embodied,
        total_co2e_g,
        ranges,
        water_l,
        ci_alternative,
        drivers,
    })
}

/// All values when every section is computed.
fn all<'a, T>(parts: &[&'a Section<T>]) -> Option<Vec<&'a T>> {
    parts.iter().map(|s| s.computed()).collect()
}

fn distinct(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

fn sum<const S: u32>(xs: impl Iterator<Item = Fixed<S>>, field: &str) -> Result<Fixed<S>, Error> {
    xs.into_iter()
        .try_fold(Fixed::ZERO, |acc, x| acc.checked_add(x, field))
}

fn sum_range<const S: u32>(
    rs: &[&ReportedRange<Fixed<S>>],
    field: &str,
) -> Result<ReportedRange<Fixed<S>>, Error> {
    Ok(ReportedRange {
        low: sum(rs.iter().map(|r| r.low), field)?,
        central: sum(rs.iter().map(|r| r.central), field)?,
        high: sum(rs.iter().map(|r| r.high), field)?,
    })
}

/// The figures of a phase or of the total: exact sums of its components'. Intervals add up
/// bound by bound (conservative); drivers are the components' weighted by the width of
/// their total interval.
pub(crate) fn aggregate(
    parts: &[&ReportedFigures],
    energy: EnergySplit,
    op: Co2eSplit,
) -> Result<ReportedFigures, Error> {
    let embodied = match all(&parts.iter().map(|f| &f.embodied).collect::<Vec<_>>()) {
        Some(ms) => {
            let co2e_g = sum(ms.iter().map(|m| m.co2e_g), "embodied.co2e_g")?;
            let whole = op.total.checked_add(co2e_g, "total_co2e_g")?;
            Section::Computed {
                value: ReportedEmbodied {
                    model: distinct(ms.iter().map(|m| m.model.clone())).join(" + "),
                    co2e_g,
                    share_of_total: share_of(co2e_g, whole)?,
                    te_g: None,
                    lifespan_h: None,
                    resource_share: None,
                    count_idle: None,
                },
            }
        }
        None => not_computed("embodied_unavailable"),
    };
    let total_co2e_g = total_of(op.total, &embodied)?;
    let ranges = match all(&parts.iter().map(|f| &f.ranges).collect::<Vec<_>>()) {
        Some(rs) => Section::Computed {
            value: Ranges {
                method: distinct(rs.iter().map(|r| r.method.clone())).join(" + "),
                energy_kwh: sum_range(
                    &rs.iter().map(|r| &r.energy_kwh).collect::<Vec<_>>(),
                    "energy_kwh_range",
                )?,
                co2e_g: sum_range(
                    &rs.iter().map(|r| &r.co2e_g).collect::<Vec<_>>(),
                    "co2e_g_range",
                )?,
                embodied_co2e_g: sum_range(
                    &rs.iter().map(|r| &r.embodied_co2e_g).collect::<Vec<_>>(),
                    "embodied_co2e_g_range",
                )?,
                total_co2e_g: sum_range(
                    &rs.iter().map(|r| &r.total_co2e_g).collect::<Vec<_>>(),
                    "total_co2e_g_range",
                )?,
            },
        },
        None => not_computed("uncertainty_unavailable"),
    };
    let drivers = match (
        all(&parts.iter().map(|f| &f.drivers).collect::<Vec<_>>()),
        all(&parts.iter().map(|f| &f.ranges).collect::<Vec<_>>()),
    ) {
        (Some(ds), Some(rs)) => {
            let widths: Vec<f64> = rs
                .iter()
                .map(|r| (r.total_co2e_g.high.0 - r.total_co2e_g.low.0).max(0) as f64)
                .collect();
            let whole: f64 = widths.iter().sum();
            let mut acc: Vec<(String, f64)> = Vec::new();
            for (d, w) in ds.iter().zip(&widths) {
                for x in d.iter() {
                    let part = if whole > 0.0 {
                        x.share.to_f64() * w / whole
                    } else {
                        0.0
                    };
                    match acc.iter_mut().find(|(f, _)| *f == x.factor) {
                        Some(slot) => slot.1 += part,
                        None => acc.push((x.factor.clone(), part)),
                    }
                }
            }
            acc.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Section::Computed {
                value: acc
                    .into_iter()
                    .map(|(factor, share)| {
                        Ok(ReportedDriver {
                            factor,
                            share: Fixed::from_f64(share, "drivers")?,
                        })
                    })
                    .collect::<Result<Vec<_>, Error>>()?,
            }
        }
        _ => not_computed("uncertainty_unavailable"),
    };
    let water_l = match all(&parts.iter().map(|f| &f.water_l).collect::<Vec<_>>()) {
        Some(ws) => Section::Computed {
            value: ReportedWater {
                onsite: sum(ws.iter().map(|w| w.onsite), "water_l")?,
                offsite: sum(ws.iter().map(|w| w.offsite), "water_l")?,
                total: sum(ws.iter().map(|w| w.total), "water_l")?,
            },
        },
        None => not_computed("water_unavailable"),
    };
    let ci_alternative = match all(&parts.iter().map(|f| &f.ci_alternative).collect::<Vec<_>>()) {
        Some(xs) => {
            let first = xs.first().and_then(|x| x.ci_g_per_kwh);
            Section::Computed {
                value: ReportedCiAlternative {
                    source: distinct(xs.iter().map(|x| x.source.clone())).join("; "),
                    ci_g_per_kwh: first.filter(|c| xs.iter().all(|x| x.ci_g_per_kwh == Some(*c))),
                    co2e_g: sum(xs.iter().map(|x| x.co2e_g), "ci_alternative.co2e_g")?,
                },
            }
        }
        None => not_computed("ci_alternative_unavailable"),
    };
    Ok(ReportedFigures {
        energy_kwh: energy,
        operational_co2e_g: op,
        embodied,
        total_co2e_g,
        ranges,
        water_l,
        ci_alternative,
        drivers,
    })
}

/// The SCI score of the project per functional unit, from the rounded totals.
pub(crate) fn sci(
    total: &ReportedFigures,
    unit_name: &str,
    quantity: f64,
) -> Result<Section<ReportedSci>, Error> {
    let Some(m) = total.embodied.computed() else {
        return Ok(not_computed("embodied_unavailable"));
    };
    let r = crate::beyond::sci::FunctionalUnit {
        name: unit_name.to_owned(),
        quantity,
    };
    let s = crate::beyond::sci::sci(
        total.operational_co2e_g.total.to_f64(),
        m.co2e_g.to_f64(),
        &r,
    )?;
    Ok(Section::Computed {
        value: ReportedSci {
            value: g(s.value, "sci")?,
            unit: s.unit,
        },
    })
}
