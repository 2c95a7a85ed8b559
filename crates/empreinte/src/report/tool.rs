//! What a report says of the tool that made it: its name and version, and the choices it
//! offers (read by the builder, the factors, the preparation and the checks alike).

/// The tool's name in reports.
pub const TOOL_NAME: &str = "Empreinte";
/// The tool's version in reports.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The uncertainty method `choices.uncertainty_method` can name (Monte Carlo needs its
/// seed: give it in a job's `uncertainty` options).
pub const UNCERTAINTY_METHODS: [&str; 1] = ["interval"];
