//! Reports: determinism, canonical JSON, parsers, renderings, schema, tampering, French.
//!
//! One test binary per folder of the core (`src/report/`), one module per subject.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "data/common.rs"]
mod common;
mod determinism;
#[path = "../../../../tests/support/french.rs"]
mod french;
mod in_french;
mod jcs;
mod parsers;
mod render;
mod schema;
mod tamper;
