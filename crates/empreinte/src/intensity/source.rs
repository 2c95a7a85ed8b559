//! The grid carbon-intensity sources as types: what a source is (kind, scope, basis,
//! licence, file and digest), its compiled table, and a value with its provenance. The
//! tables themselves are in `generated/`; the lookups in `lookup.rs`.

use serde::Serialize;

/// Average (the mean intensity of the electricity produced or consumed) or marginal (the
/// intensity of the plants that answer a change in demand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiKind {
    /// Average intensity of the mix.
    Average,
    /// Marginal intensity.
    Marginal,
    /// Not stated (a custom value).
    Unspecified,
}

/// What the emission factors count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiScope {
    /// The whole life cycle of the plants (construction, fuel supply, operation).
    Lifecycle,
    /// Combustion at the plant only.
    Direct,
    /// A national "production mix factor" as published by the Association of Issuing
    /// Bodies and carbonfootprint.com (the Green Algorithms values; mostly direct).
    ProductionMixFactor,
    /// Not stated (a custom value).
    Unspecified,
}

/// Whether the intensity is that of the electricity produced in the zone or of the
/// electricity consumed there (imports included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CiBasis {
    /// Electricity produced in the zone.
    Production,
    /// Electricity consumed in the zone, imports included (flow-traced).
    Consumption,
    /// Not stated (a custom value).
    Unspecified,
}

/// Which table a source reads, and so how a location code maps to its zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Ga,
    Ember,
    ElectricityMaps,
    Ifi,
    France,
    Custom,
}

/// The values of one source, column by column (zones sorted, for a binary search).
#[derive(Debug)]
pub(crate) struct ZoneTable {
    pub(crate) zones: &'static [&'static str],
    pub(crate) names: &'static [&'static str],
    /// gCO2e/kWh × 100: every upstream value has at most two decimals, and
    /// `centi as f64 / 100.0` is exactly the f64 of the upstream decimal text.
    pub(crate) centi: &'static [u32],
    /// The data year of each row, or empty when the source has one year.
    pub(crate) years: &'static [u16],
}

impl ZoneTable {
    pub(crate) fn row(&'static self, zone: &str) -> Option<usize> {
        self.zones.binary_search(&zone).ok()
    }

    pub(crate) fn row_ignoring_case(&'static self, zone: &str) -> Option<usize> {
        let z = zone.trim();
        self.zones.iter().position(|k| k.eq_ignore_ascii_case(z))
    }
}

/// A grid carbon-intensity source: a versioned table and its metadata.
#[derive(Debug, Serialize)]
pub struct CiSource {
    /// Stable id, e.g. `"ga"`, `"ember"`, `"electricity-maps-2024"`.
    pub id: &'static str,
    /// Human-readable name.
    pub name: &'static str,
    /// The data year, or `None` when each value has its own (`ga`, `ember`).
    pub year: Option<u16>,
    /// Average or marginal.
    pub kind: CiKind,
    /// Lifecycle, direct or production mix factor.
    pub scope: CiScope,
    /// Production or consumption.
    pub basis: CiBasis,
    /// Licence of the values (SPDX id where there is one).
    pub licence: &'static str,
    /// The attribution the licence asks for.
    pub attribution: &'static str,
    /// Where the data comes from.
    pub url: &'static str,
    /// Dataset version: the upstream release the file was copied from.
    pub version: &'static str,
    /// The file under `data/grid-intensity/` the values were compiled from (empty for
    /// `ga`, whose file is the data version's `CI_aggregated.csv`, and for `custom`).
    pub file: &'static str,
    /// SHA-256 of that file, hex (empty when there is no file).
    pub sha256: &'static str,
    #[serde(skip)]
    pub(crate) family: Family,
    #[serde(skip)]
    pub(crate) table: Option<&'static ZoneTable>,
}

impl PartialEq for CiSource {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl CiSource {
    /// The number of zones the source has a value for (0 for `ga` and `custom`, whose
    /// coverage is the data version's location table or anything).
    pub fn zone_count(&self) -> usize {
        self.table.map_or(0, |t| t.zones.len())
    }

    /// The source's own zones as (zone id, name, gCO2e/kWh, year), in zone order (empty for
    /// `ga` and `custom`).
    pub fn zones(
        &'static self,
    ) -> impl Iterator<Item = (&'static str, &'static str, f64, Option<u16>)> {
        let table = self.table;
        let year = self.year;
        (0..self.zone_count()).filter_map(move |i| {
            let t = table?;
            Some((
                t.zones[i],
                t.names[i],
                centi_to_f64(t.centi[i]),
                row_year(t, i, year),
            ))
        })
    }
}

/// A carbon intensity with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CiValue {
    /// The intensity, gCO2e/kWh.
    #[serde(rename = "ci_g_per_kwh")]
    pub g_per_kwh: f64,
    /// The source, with its metadata.
    pub source: &'static CiSource,
    /// The zone of the source the value is for: a Green Algorithms location code (`ga`),
    /// an Ember key (`FRA`), an Electricity Maps zone (`FR`, `US-NY-NYIS`), an ISO alpha-3
    /// code (IFI); empty for a custom value.
    pub zone: &'static str,
    /// The zone's name as the source writes it (empty for a custom value).
    pub zone_name: &'static str,
    /// The data year, where known (the Green Algorithms rows state it in their source
    /// text, most but not all of them).
    pub year: Option<u16>,
    /// Dataset version: the data version (`"v3.0"`) for `ga`, the source's version otherwise.
    pub dataset_version: &'static str,
    /// SHA-256 identifying the dataset: the data version's digest for `ga`, the source
    /// file's otherwise (empty for a custom value).
    pub dataset_sha256: &'static str,
}

pub(crate) fn centi_to_f64(c: u32) -> f64 {
    f64::from(c) / 100.0
}

pub(crate) fn row_year(t: &ZoneTable, i: usize, year: Option<u16>) -> Option<u16> {
    t.years.get(i).copied().or(year)
}
