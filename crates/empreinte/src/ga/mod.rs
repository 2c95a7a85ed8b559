//! The Green Algorithms method (methodology part A) and what extends it within an
//! estimate: the job description, the formula, the result and its JSON, the carbon
//! intensity used, the equivalences, the citable paragraph, many jobs at once (`batch`),
//! the phases of a project and the AI view of them.
//!
//! Layers inside: `job`, `power`, `grid`, `equivalence` → `result`, `flat` → `citation`,
//! `result_json`, `parts` → `estimate` → `batch`, `phases` → `ai`.

pub mod ai;
pub mod batch;
pub(crate) mod citation;
pub(crate) mod equivalence;
pub(crate) mod estimate;
pub(crate) mod flat;
pub(crate) mod grid;
pub(crate) mod job;
pub(crate) mod parts;
pub(crate) mod phases;
pub(crate) mod power;
pub(crate) mod result;
mod result_json;
