//! The factor tables beyond Green Algorithms (methodology part B), compiled in.
//!
//! The rows come from `data/beyond/*.csv` (one source per row; see `data/beyond/README.md`
//! for sources, years and licences), turned into static Rust by `scripts/gen_beyond.py`.
//! No file is read at run time.

pub use crate::beyond::generated::{
    BEYOND_DIGEST, BEYOND_FILES, CCF_TEADS_CONSTANTS, DIE_AREAS, GA_V31_CONSTANTS,
    UNCERTAINTY_BOUNDS, WATER_INTENSITIES, WUE_DEFAULTS,
};
pub use crate::beyond::rows::{
    BoundKind, BoundRow, ChipKind, Constant, DieArea, WaterIntensity, WueDefault,
};

/// The die area of a model from the table, if listed (exact name).
pub fn die_area(kind: ChipKind, model: &str) -> Option<&'static DieArea> {
    DIE_AREAS
        .iter()
        .find(|d| d.kind == kind && d.model == model)
}

/// The water intensity of a location: its own row, else its country's (the part of the
/// code before `-`, so `US-CA` uses `US`).
pub fn water_intensity(location: &str) -> Option<&'static WaterIntensity> {
    let code = location.trim();
    let country = code.split('-').next().unwrap_or(code);
    WATER_INTENSITIES
        .iter()
        .find(|w| w.location.eq_ignore_ascii_case(code))
        .or_else(|| {
            WATER_INTENSITIES
                .iter()
                .find(|w| w.location.eq_ignore_ascii_case(country))
        })
}

/// The licence of the tables in `data/beyond/` that are ours (the constants they quote
/// keep their sources' terms; see `data/beyond/README.md`).
pub const BEYOND_LICENCE: &str =
    "MIT OR Apache-2.0 (compilation); constants cited from their sources";
