//! HPC logs (methodology part C): GA4HPC parity, robustness, batches, series, outputs, French.
//!
//! One test binary per folder of the core (`src/hpc/`), one module per subject.
#![allow(clippy::unwrap_used, clippy::panic)]

mod batch;
mod ci_series;
#[path = "../../../../tests/support/french.rs"]
mod french;
#[path = "../../../../tests/support/ga4hpc.rs"]
mod ga4hpc;
mod golden;
mod in_french;
mod outputs;
mod robust;
