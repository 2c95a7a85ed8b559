//! Beyond Green Algorithms (methodology part B): the methods and their tables, and what an estimate holds of them.
//!
//! One test binary per folder of the core (`src/beyond/`), one module per subject.
#![allow(clippy::unwrap_used, clippy::panic)]

mod in_estimate;
mod methods;
