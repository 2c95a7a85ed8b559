//! Grid carbon intensity: selectable sources, time series and carbon-aware what-ifs
//! (methodology B.3).
//!
//! A [`CiSource`] is a versioned table with its metadata: kind (average or marginal), scope
//! (lifecycle, direct, production mix factor), basis (production or consumption), year,
//! licence, attribution and the sha256 of the upstream file. [`intensity`] looks a Green
//! Algorithms location code up in one of them; [`alternative`] gives the same location
//! under another source, for the sensitivity line of a report. Nothing falls back
//! silently: a location that a source does not cover is a typed error, never the World or
//! a neighbour's value.
//!
//! | id | what | kind, scope, basis | licence |
//! |---|---|---|---|
//! | `ga` (default) | the data version's own `CI_aggregated.csv` | average, production mix factor, production | CC BY 4.0 |
//! | `ember` | Ember, latest year per country (2022–2024) | average, lifecycle, production | CC BY-SA 4.0 |
//! | `electricity-maps-2021` … `-2025` | Electricity Maps yearly | average, lifecycle, consumption | ODbL 1.0 |
//! | `ifi-2021-om` | IFI v3.1 operating margin | marginal, direct, production | CC BY-SA 4.0 |
//! | `ifi-2021-cm` | IFI v3.1 combined margin, "Electricity Consumption" projects | marginal, direct, production | CC BY-SA 4.0 |
//! | `fr-rte-2024` | RTE éCO2mix, bilan 2024 (FR only) | average, direct, production | open data |
//! | `fr-ember-2023` | Ember 2023 (FR only) | average, lifecycle, production | CC BY-SA 4.0 |
//! | `custom` | a value stated by the user ([`CiValue::custom`]) | unspecified | – |
//!
//! The share-alike tables are compiled from separate files (`data/grid-intensity/`, one
//! folder per source with its licence) into separate modules, never merged into the
//! Green Algorithms tables.
//!
//! ```
//! use empreinte::intensity::{intensity, alternative};
//! use empreinte::DataVersion;
//!
//! let ds = DataVersion::V3_0.dataset();
//! let ember = intensity("ember", "FR", ds)?;
//! assert_eq!((ember.g_per_kwh, ember.year, ember.zone), (44.18, Some(2024), "FRA"));
//! let alt = alternative("FR", "ga", ds).expect("ember has France");
//! assert_eq!(alt.source.id, "ember");
//! # Ok::<(), empreinte::Error>(())
//! ```
//!
//! # Units
//! Carbon intensities in gCO2e/kWh (`g_per_kwh`, `ci_g_per_kwh` at the boundary), energy
//! in kWh, CO2e in g, times in seconds since the Unix epoch (UTC).

#[rustfmt::skip]
mod generated;
mod lookup;
mod series;
mod source;
mod time;
mod whatif;

pub use lookup::{
    alternative, alternative_at, intensity, intensity_at, source, sources, values_at,
    DEFAULT_SOURCE, LATEST_ELECTRICITY_MAPS,
};
pub use series::{CiColumn, CiSeries, SeriesOptions, SeriesResult};
pub use source::{CiBasis, CiKind, CiScope, CiSource, CiValue};
pub use time::{format_timestamp, parse_timestamp};
pub use whatif::{
    best_start, compare, compare_source, Comparison, WhatIf, MAX_CANDIDATES, REFERENCE_COUNTRIES,
};
