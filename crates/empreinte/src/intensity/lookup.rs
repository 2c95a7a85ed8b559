//! Looking a location up in a grid carbon-intensity source: the sources' list, the value
//! of a location under a source (never a silent fallback), the alternative source for a
//! report's sensitivity line, and a stated (custom) value.

use std::sync::OnceLock;

use crate::error::{check_non_negative, Error};
use crate::tables::lookup::nearest;
use crate::tables::{DataVersion, Dataset, Location};

use super::generated;
use super::source::{centi_to_f64, row_year, CiSource, CiValue, Family};

/// The default source: the Green Algorithms table of the data version.
pub const DEFAULT_SOURCE: &str = "ga";

/// The id of the latest Electricity Maps year.
pub const LATEST_ELECTRICITY_MAPS: &str = "electricity-maps-2025";

/// Every source, `ga` (the default) first and `custom` last.
pub fn sources() -> &'static [CiSource] {
    &generated::SOURCES
}

/// The source with this id (case-insensitive).
///
/// # Errors
/// [`Error::UnknownCiSource`] with the three nearest ids.
pub fn source(id: &str) -> Result<&'static CiSource, Error> {
    let key = id.trim();
    sources()
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(key))
        .ok_or_else(|| Error::UnknownCiSource {
            ci_source: id.to_owned(),
            suggestions: nearest(id, sources().iter().map(|s| s.id)),
        })
}

impl CiValue {
    /// A value stated by the user (source `custom`).
    ///
    /// # Errors
    /// [`Error::NonFiniteValue`] or [`Error::NegativeValue`] for field `ci_g_per_kwh`.
    pub fn custom(g_per_kwh: f64) -> Result<CiValue, Error> {
        let g_per_kwh = check_non_negative("ci_g_per_kwh", g_per_kwh)?;
        Ok(CiValue {
            g_per_kwh,
            source: custom_source(),
            zone: "",
            zone_name: "",
            year: None,
            dataset_version: "",
            dataset_sha256: "",
        })
    }
}

fn custom_source() -> &'static CiSource {
    let all = sources();
    all.iter()
        .find(|s| s.family == Family::Custom)
        .unwrap_or(&all[all.len() - 1])
}

/// The carbon intensity of Green Algorithms location `location_code` (a code such as
/// `FR`, `US-CA`, `CA-ON`, `WORLD`, or a name the data version knows, such as `France`)
/// under source `source_id`, with `ds` the data version (it is the table of `ga`, and it
/// resolves the location for the others).
///
/// Other sources map the location to their zones: ISO alpha-2 country codes to Ember's and
/// IFI's alpha-3 keys (UN M49), to Electricity Maps' alpha-2 zones as they are; regions
/// only where one zone is theirs (`data/grid-intensity/zone-map.csv`: Canadian provinces,
/// Australian states, `US-NY` → `US-NY-NYIS`, `US-HI`, Hong Kong, and `WORLD` for
/// Ember). A code that is not a location of `ds` is also tried as the source's own zone id
/// (`US-CAL-CISO`, `DEU`). The France-only sources answer `FR` only.
///
/// # Errors
/// [`Error::UnknownCiSource`]; [`Error::UnknownLocation`] (with the nearest codes of `ds`
/// and of the source); [`Error::NoIntensity`] when the source has no value for the
/// location (never a fallback to another place); [`Error::MissingField`]
/// (`ci_g_per_kwh`) for `custom`, whose value comes from [`CiValue::custom`].
pub fn intensity(
    source_id: &str,
    location_code: &str,
    ds: &'static Dataset,
) -> Result<CiValue, Error> {
    let src = source(source_id)?;
    lookup(src, location_code, ds)
}

fn lookup(src: &'static CiSource, code: &str, ds: &'static Dataset) -> Result<CiValue, Error> {
    match (src.family, src.table) {
        (Family::Custom, _) => Err(Error::MissingField {
            field: "ci_g_per_kwh".to_owned(),
        }),
        (Family::Ga, _) | (_, None) => Ok(ga_value(src, ds.location(code)?, ds)),
        (family, Some(table)) => {
            let row = match ds.location(code) {
                Ok(loc) => match zone_for(family, loc.code).and_then(|z| table.row(z)) {
                    Some(i) => i,
                    None => {
                        return Err(Error::NoIntensity {
                            location: loc.code.to_owned(),
                            ci_source: src.id.to_owned(),
                            reason: no_value_reason(family, loc.code),
                        })
                    }
                },
                Err(Error::UnknownLocation {
                    location,
                    data_version,
                    suggestions: _,
                }) => match table.row_ignoring_case(code) {
                    Some(i) => i,
                    None => {
                        return Err(Error::UnknownLocation {
                            suggestions: ds.location_suggestions(code, table.zones.iter().copied()),
                            location,
                            data_version: format!("{data_version} or ci source {}", src.id),
                        });
                    }
                },
                Err(other) => return Err(other),
            };
            Ok(CiValue {
                g_per_kwh: centi_to_f64(table.centi[row]),
                source: src,
                zone: table.zones[row],
                zone_name: table.names[row],
                year: row_year(table, row, src.year),
                dataset_version: src.version,
                dataset_sha256: src.sha256,
            })
        }
    }
}

/// The `ga` value of a resolved location of `ds`.
fn ga_value(src: &'static CiSource, loc: &'static Location, ds: &'static Dataset) -> CiValue {
    let zone_name = if loc.code == "WORLD" {
        "World"
    } else if loc.region == "Any" {
        loc.country
    } else {
        loc.region
    };
    CiValue {
        g_per_kwh: loc.ci_g_per_kwh,
        source: src,
        zone: loc.code,
        zone_name,
        year: ga_year(loc, ds),
        dataset_version: ds.version.as_str(),
        dataset_sha256: ds.digest,
    }
}

/// Per data version, something computed once for each of its locations.
type PerLocation<T> = [OnceLock<Vec<T>>; DataVersion::ALL.len()];

/// The position of `ds` in [`DataVersion::ALL`] and of `loc` in `ds.locations`, when it is
/// one of its rows.
fn slots(loc: &'static Location, ds: &'static Dataset) -> Option<(usize, usize)> {
    let v = DataVersion::ALL.iter().position(|v| *v == ds.version)?;
    let base = ds.locations.as_ptr() as usize;
    let at = (loc as *const Location as usize).checked_sub(base)? / std::mem::size_of::<Location>();
    (at < ds.locations.len() && std::ptr::eq(&ds.locations[at], loc)).then_some((v, at))
}

/// The data year of a Green Algorithms row, read from its source text once per location.
fn ga_year(loc: &'static Location, ds: &'static Dataset) -> Option<u16> {
    static YEARS: PerLocation<Option<u16>> = [const { OnceLock::new() }; DataVersion::ALL.len()];
    let read = |l: &Location| year_in_text(l.source).or_else(|| year_in_text(l.comments));
    match slots(loc, ds) {
        Some((v, at)) => YEARS[v].get_or_init(|| ds.locations.iter().map(read).collect())[at],
        None => read(loc),
    }
}

/// [`intensity`] at a location already resolved in `ds` (no second lookup for `ga`).
///
/// # Errors
/// As [`intensity`].
pub fn intensity_at(
    source_id: &str,
    loc: &'static Location,
    ds: &'static Dataset,
) -> Result<CiValue, Error> {
    let src = if source_id == DEFAULT_SOURCE {
        &sources()[0]
    } else {
        source(source_id)?
    };
    match src.family {
        Family::Ga => Ok(ga_value(src, loc, ds)),
        _ => lookup(src, loc.code, ds),
    }
}

/// Every source's value for Green Algorithms location `location_code` in `ds`, in the
/// order of [`sources`] (`ga` first); the sources without a value there are left out, and
/// `custom`, which has no table, too. What a picker of sources offers for a place.
///
/// # Errors
/// [`Error::UnknownLocation`] with the nearest codes.
///
/// # Examples
/// ```
/// use empreinte::{intensity, DataVersion};
/// let fr = intensity::values_at("FR", DataVersion::V3_0.dataset())?;
/// assert_eq!(fr[0].source.id, "ga");
/// assert!(fr.iter().any(|v| v.source.id == "fr-rte-2024"));
/// # Ok::<(), empreinte::Error>(())
/// ```
pub fn values_at(location_code: &str, ds: &'static Dataset) -> Result<Vec<CiValue>, Error> {
    let loc = ds.location(location_code)?;
    Ok(sources()
        .iter()
        .filter(|s| s.family != Family::Custom)
        .filter_map(|s| intensity_at(s.id, loc, ds).ok())
        .collect())
}

/// [`alternative`] at a location already resolved in `ds`; for the default primary source
/// it is worked out once per location and data version.
pub fn alternative_at(
    loc: &'static Location,
    primary_source_id: &str,
    ds: &'static Dataset,
) -> Option<CiValue> {
    static FOR_GA: PerLocation<Option<CiValue>> =
        [const { OnceLock::new() }; DataVersion::ALL.len()];
    match slots(loc, ds) {
        Some((v, at)) if primary_source_id == DEFAULT_SOURCE => FOR_GA[v].get_or_init(|| {
            ds.locations
                .iter()
                .map(|l| alternative(l.code, DEFAULT_SOURCE, ds))
                .collect()
        })[at]
            .clone(),
        _ => alternative(loc.code, primary_source_id, ds),
    }
}

/// The zone of a source family for a Green Algorithms location code, if it has one: the
/// zone map first, then ISO alpha-2 country codes (as they are for Electricity Maps and the
/// France-only sources, as alpha-3 for Ember and IFI).
fn zone_for(family: Family, ga_code: &'static str) -> Option<&'static str> {
    if let Some((_, _, zone)) = generated::ZONE_MAP
        .iter()
        .find(|(code, fam, _)| *code == ga_code && *fam == family)
    {
        return Some(zone);
    }
    let is_country = ga_code.len() == 2 && ga_code.bytes().all(|b| b.is_ascii_uppercase());
    if !is_country {
        return None;
    }
    match family {
        Family::Ember | Family::Ifi => generated::ALPHA3
            .binary_search_by(|(a2, _)| (*a2).cmp(ga_code))
            .ok()
            .map(|i| generated::ALPHA3[i].1),
        Family::ElectricityMaps | Family::France => Some(ga_code),
        Family::Ga | Family::Custom => None,
    }
}

fn no_value_reason(family: Family, ga_code: &str) -> String {
    let region = ga_code.contains('-');
    match family {
        Family::France => "the france-only sources cover location FR only".to_owned(),
        Family::Ember | Family::Ifi if region => {
            "this source has values per country, not per region".to_owned()
        }
        Family::ElectricityMaps if ga_code.starts_with("US-") => {
            "electricity maps zones in the united states are balancing authorities, not states: give one, e.g. US-CAL-CISO".to_owned()
        }
        Family::ElectricityMaps if region => {
            "no electricity maps zone is this region: give a zone id, e.g. IT-NO or SE-SE3".to_owned()
        }
        _ => String::new(),
    }
}

/// The first year (19xx or 20xx) after "from " or "using " in an upstream source text,
/// e.g. "carbonfootprint (March 2022) (data from 2020 published in 2022)" → 2020.
fn year_in_text(text: &str) -> Option<u16> {
    let lower = text.to_ascii_lowercase();
    for marker in ["data from ", "figures from ", "using "] {
        if let Some(pos) = lower.find(marker) {
            let rest = &lower[pos + marker.len()..];
            // Allow one word in between ("data from april 2022").
            for word in rest.split_whitespace().take(2) {
                let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
                if digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")) {
                    return digits.parse().ok();
                }
            }
        }
    }
    None
}

/// The same location under one other source, for the sensitivity line of a report: Ember
/// for the same country by default; if Ember has no value there (or is the primary
/// source), the latest Electricity Maps year; then the Green Algorithms table (when it is
/// not the primary source). `None` when none of them has the location.
pub fn alternative(
    location_code: &str,
    primary_source_id: &str,
    ds: &'static Dataset,
) -> Option<CiValue> {
    let primary = primary_source_id.trim();
    ["ember", LATEST_ELECTRICITY_MAPS, DEFAULT_SOURCE]
        .into_iter()
        .filter(|id| !id.eq_ignore_ascii_case(primary))
        .find_map(|id| intensity(id, location_code, ds).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_from_source_texts() {
        assert_eq!(
            year_in_text("carbonfootprint (March 2022) (data from 2020 published in 2022)"),
            Some(2020)
        );
        assert_eq!(year_in_text("Data from April 2022"), Some(2022));
        assert_eq!(
            year_in_text("Figures from 2017/18 (published in 2019)"),
            Some(2017)
        );
        assert_eq!(
            year_in_text("UK Govt - Defra/BEIS 2021 (report from 2021 using 2019/20 data)"),
            Some(2019)
        );
        assert_eq!(year_in_text("carbonfootprint"), None);
    }

    #[test]
    fn tables_are_sorted_and_aligned() {
        for s in sources() {
            if let Some(t) = s.table {
                assert!(t.zones.windows(2).all(|w| w[0] < w[1]), "{}", s.id);
                assert_eq!(t.zones.len(), t.names.len(), "{}", s.id);
                assert_eq!(t.zones.len(), t.centi.len(), "{}", s.id);
                assert!(
                    t.years.is_empty() || t.years.len() == t.zones.len(),
                    "{}",
                    s.id
                );
            }
        }
        assert!(generated::ALPHA3.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
