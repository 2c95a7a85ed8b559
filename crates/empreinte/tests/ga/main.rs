//! Green Algorithms (methodology part A): golden vectors, hand-computed rules, laws, the carbon intensity of a result, location aliases.
//!
//! One test binary per folder of the core (`src/ga/`), one module per subject.
#![allow(clippy::unwrap_used, clippy::panic)]

mod golden;
mod grid;
mod hostile;
mod laws;
mod location_aliases;
mod rules;
