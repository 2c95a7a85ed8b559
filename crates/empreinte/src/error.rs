//! The one error type of the core. Every variant carries the offending field and value.

use thiserror::Error;

/// Everything that can go wrong in the core. Messages are lowercase, one line, and name
/// the field and the value; unknown names carry up to three suggestions.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum Error {
    /// A quantity that must be ≥ 0 is negative.
    #[error("{field} must not be negative, got {value}")]
    NegativeValue {
        /// Field path, e.g. `"runtime_h"`.
        field: String,
        /// The value given.
        value: f64,
    },
    /// A quantity is NaN or infinite.
    #[error("{field} must be a finite number, got {value}")]
    NonFiniteValue {
        /// Field path.
        field: String,
        /// The value given.
        value: f64,
    },
    /// A usage factor outside [0, 1].
    #[error("{field} must be between 0 and 1, got {value}")]
    UsageOutOfRange {
        /// `"cpu.usage"` or `"gpu.usage"`.
        field: String,
        /// The value given.
        value: f64,
    },
    /// A PUE below 1 (a data centre cannot use less energy than its IT load).
    #[error("{field} must be at least 1, got {value}")]
    PueBelowOne {
        /// Field path, usually `"pue"`.
        field: String,
        /// The value given.
        value: f64,
    },
    /// A multiplicative factor below 1.
    #[error("{field} must be at least 1, got {value}")]
    MultiplicativeFactorBelowOne {
        /// Field path, usually `"multiplicative_factor"`.
        field: String,
        /// The value given.
        value: f64,
    },
    /// A core or GPU count of zero.
    #[error("{field} must be at least 1, got 0")]
    ZeroCount {
        /// `"cpu.cores"` or `"gpu.count"`.
        field: String,
    },
    /// A count that is negative or too large.
    #[error("{field} must be a whole number between 1 and {max}, got {value}")]
    CountOutOfRange {
        /// `"cpu.cores"` or `"gpu.count"`.
        field: String,
        /// The value given.
        value: i64,
        /// The largest count accepted.
        max: i64,
    },
    /// A job with neither a CPU nor a GPU.
    #[error("the job has no cpu and no gpu: give at least one of them")]
    NoProcessor,
    /// A required field is absent.
    #[error("{field} is required")]
    MissingField {
        /// Field path.
        field: String,
    },
    /// A custom (`other`) model without its power.
    #[error("{field} is required for model {model:?}")]
    MissingTdp {
        /// `"cpu.tdp_per_core_w"` or `"gpu.tdp_w"`.
        field: String,
        /// The model name given.
        model: String,
    },
    /// An unknown CPU model.
    #[error(
        "unknown cpu.model {model:?} in data {data_version}{}",
        did_you_mean(suggestions)
    )]
    UnknownCpu {
        /// The name given.
        model: String,
        /// Data version searched.
        data_version: String,
        /// Up to three nearest known names.
        suggestions: Vec<String>,
    },
    /// An unknown GPU model.
    #[error(
        "unknown gpu.model {model:?} in data {data_version}{}",
        did_you_mean(suggestions)
    )]
    UnknownGpu {
        /// The name given.
        model: String,
        /// Data version searched.
        data_version: String,
        /// Up to three nearest known names.
        suggestions: Vec<String>,
    },
    /// An unknown location code or name.
    #[error(
        "unknown location {location:?} in data {data_version}{}",
        did_you_mean(suggestions)
    )]
    UnknownLocation {
        /// The code or name given.
        location: String,
        /// Data version searched.
        data_version: String,
        /// Up to three nearest known codes or names.
        suggestions: Vec<String>,
    },
    /// An unknown cloud provider.
    #[error(
        "unknown provider {provider:?} in data {data_version}{}",
        did_you_mean(suggestions)
    )]
    UnknownProvider {
        /// The code given.
        provider: String,
        /// Data version searched.
        data_version: String,
        /// Up to three nearest known codes.
        suggestions: Vec<String>,
    },
    /// An unknown data centre.
    #[error(
        "unknown datacenter {datacenter:?}{} in data {data_version}{}",
        provider_suffix(provider),
        did_you_mean(suggestions)
    )]
    UnknownDatacenter {
        /// The name given.
        datacenter: String,
        /// The provider it was searched in, if given.
        provider: Option<String>,
        /// Data version searched.
        data_version: String,
        /// Up to three nearest known names.
        suggestions: Vec<String>,
    },
    /// An unknown data version.
    #[error("unknown data_version {version:?}: known versions are {}", known.join(", "))]
    UnknownDataVersion {
        /// The version given.
        version: String,
        /// The known versions.
        known: Vec<&'static str>,
    },
    /// An unknown grid carbon-intensity source.
    #[error("unknown ci_source {ci_source:?}{}", did_you_mean(suggestions))]
    UnknownCiSource {
        /// The id given.
        ci_source: String,
        /// Up to three nearest known ids.
        suggestions: Vec<String>,
    },
    /// A known location that a carbon-intensity source has no value for (never replaced
    /// by another place's value).
    #[error(
        "no value for location {location:?} in ci source {ci_source:?}{}",
        reason_suffix(reason)
    )]
    NoIntensity {
        /// The location code.
        location: String,
        /// The source id.
        ci_source: String,
        /// Why, where it helps (may be empty).
        reason: String,
    },
    /// A text that could not be read as a UTC timestamp.
    #[error("{field} {value:?} is not a timestamp: use iso 8601, e.g. 2024-03-01T12:00:00Z")]
    InvalidTimestamp {
        /// Field path, e.g. `"start"`.
        field: String,
        /// The text given.
        value: String,
    },
    /// A carbon-intensity time series that cannot be read or is inconsistent.
    #[error("{}invalid ci series{}: {message}", key_prefix(field), line_suffix(*line))]
    InvalidSeries {
        /// The key of the series in its document: `"ci_series"`, or a more precise one
        /// (`"ci_series.points[3]"`, `"ci_series.csv_file"`) where the document has it.
        field: String,
        /// Line (or point) number, from 1; 0 for the series as a whole (or when `field`
        /// names the point).
        line: usize,
        /// What is wrong, with the offending text.
        message: String,
    },
    /// A carbon-intensity time series with a missing interval.
    #[error("{}ci series has a gap after {after}: the next point is at {next}, more than one interval ({interval_s} s) later", key_prefix(field))]
    SeriesGap {
        /// The key of the series in its document: `"ci_series"`, or a more precise one
        /// (the point after the gap, `"ci_series.points[3]"`, or `"ci_series.csv_file"`).
        field: String,
        /// The last timestamp before the gap.
        after: String,
        /// The first timestamp after it.
        next: String,
        /// The series' interval, seconds.
        interval_s: i64,
    },
    /// A job (or a window) that is not inside the time span of a carbon-intensity series.
    #[error("the run from {start} to {end} is not inside the ci series ({series_start} to {series_end})")]
    OutsideSeries {
        /// `"start"` or `"window_start"`.
        field: String,
        /// Start of the run.
        start: String,
        /// End of the run.
        end: String,
        /// Start of the series.
        series_start: String,
        /// End of the series (end of its last interval).
        series_end: String,
    },
    /// No location: a job needs one (or, in the cloud, a data centre that has one).
    #[error("{}", missing_location_message(*cloud))]
    MissingLocation {
        /// Whether the job runs in the cloud (a data centre would do too).
        cloud: bool,
    },
    /// A data centre whose location has no carbon intensity in this data version.
    #[error("datacenter {datacenter:?} is in location {location:?}, which data {data_version} has no carbon intensity for")]
    DatacenterWithoutIntensity {
        /// The data centre.
        datacenter: String,
        /// Its location code.
        location: String,
        /// Data version.
        data_version: String,
    },
    /// Two inputs that contradict each other.
    #[error("{field} {value:?} conflicts with {other}")]
    ConflictingInput {
        /// Field path.
        field: String,
        /// The value given.
        value: String,
        /// What it conflicts with.
        other: String,
    },
    /// A field given where it does not apply (e.g. a provider for a personal computer).
    #[error("{field} only applies when {condition}, got {value:?}")]
    NotApplicable {
        /// Field path.
        field: String,
        /// The value given.
        value: String,
        /// When it applies.
        condition: String,
    },
    /// Inputs so large that a result is not a finite number.
    #[error("the inputs are too large: {field} would not be a finite number")]
    Overflow {
        /// The result field that overflowed, e.g. `"energy_kwh"`.
        field: String,
    },
    /// A fraction (a share, a percentile) outside [0, 1].
    #[error("{field} must be between 0 and 1, got {value}")]
    FractionOutOfRange {
        /// Field path, e.g. `"embodied.resource_share"`.
        field: String,
        /// The value given.
        value: f64,
    },
    /// A quantity that must be greater than 0 is 0.
    #[error("{field} must be greater than 0, got {value}")]
    NotPositive {
        /// Field path, e.g. `"embodied.lifespan_h"`.
        field: String,
        /// The value given.
        value: f64,
    },
    /// Uncertainty bounds that do not surround the central value.
    #[error("{field} bounds [{low}, {high}] must satisfy low <= {central} <= high")]
    InvalidBounds {
        /// Field path, e.g. `"uncertainty.bounds.pue"`.
        field: String,
        /// Low end given.
        low: f64,
        /// The central value they must surround.
        central: f64,
        /// High end given.
        high: f64,
    },
    /// An unknown embodied-emission model.
    #[error("unknown embodied.model {model:?}: known models are {}", known.join(", "))]
    UnknownEmbodiedModel {
        /// The id given.
        model: String,
        /// The known ids.
        known: Vec<&'static str>,
    },
    /// No water intensity of electricity is known for a location and none was stated.
    #[error("no water intensity of electricity (ewif_l_per_kwh) is known for location {location:?}: give ewif_l_per_kwh")]
    MissingWaterIntensity {
        /// The location code.
        location: String,
    },
    /// A text that could not be read as a duration.
    #[error("{field} {value:?} is not a duration: use e.g. 12h30m, 90m, 1.5h, 1-02:00:00 or a number of hours")]
    InvalidDuration {
        /// Field path, usually `"runtime"`.
        field: String,
        /// The text given.
        value: String,
    },
    /// A line of a Slurm accounting log (`sacct -P` output) that cannot be read.
    #[error("line {line} of the sacct log: {field} {reason}")]
    InvalidSacctLine {
        /// Line number, from 1.
        line: u64,
        /// The column at fault (`"JobID"`, `"Elapsed"`…), or `"line"` for the line itself.
        field: String,
        /// What is wrong, with the offending text.
        reason: String,
    },
    /// A job (or other input) document that does not have the expected shape.
    #[error("invalid {field}: {message}")]
    InvalidDocument {
        /// Path of the offending key, e.g. `"cpu.cores"` (`"."` for the document itself).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// A report manifest that cannot be read or does not hold together.
    #[error("invalid manifest: {field}: {message}{}", manifest_line(*line))]
    InvalidManifest {
        /// Path of the offending key, e.g. `"components[2].job.cpu.cores"` (`"."` for
        /// the document itself).
        field: String,
        /// Line of the manifest text, from 1, where known.
        line: Option<usize>,
        /// What is wrong with it.
        message: String,
    },
    /// A component of a manifest whose job the calculation rejects.
    #[error("{field}: {source}")]
    InComponent {
        /// Full path of the offending key, e.g. `"components[2].job.cpu.cores"`.
        field: String,
        /// Index of the component in the manifest, from 0.
        index: usize,
        /// The error of the calculation, whose field is relative to the job.
        source: Box<Error>,
    },
    /// An argument of a binding or a tool that is not valid: an unknown table, format or
    /// language name, a call out of order (a finished stream).
    #[error("invalid {field}: {message}")]
    InvalidArgument {
        /// The argument.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// A text that is not a report of a known schema version.
    #[error("invalid report: {field}: {message}")]
    InvalidReport {
        /// Path of the offending key (`"."` for the document itself).
        field: String,
        /// What is wrong with it.
        message: String,
    },
}

/// The longest error message a surface shows, in characters: an input echoed in a
/// message (a name, a key, a line) is cut there, so that a hostile input cannot make an
/// error as large as itself.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// `text` cut to at most `max_chars` characters, saying how many were left out.
pub fn bounded(text: &str, max_chars: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => {
            let left = text[cut..].chars().count();
            std::borrow::Cow::Owned(format!("{}… ({left} more characters)", &text[..cut]))
        }
    }
}

impl Error {
    /// The message, cut at [`MAX_MESSAGE_CHARS`]: what every surface shows.
    pub fn message(&self) -> String {
        bounded(&self.to_string(), MAX_MESSAGE_CHARS).into_owned()
    }

    /// Every code that [`Error::code`] gives, in the order of the variants: the one list
    /// the bindings' error classes and codes are checked against.
    pub const CODES: [&'static str; 38] = [
        "negative_value",
        "non_finite_value",
        "usage_out_of_range",
        "pue_below_one",
        "multiplicative_factor_below_one",
        "zero_count",
        "count_out_of_range",
        "no_processor",
        "missing_field",
        "missing_tdp",
        "unknown_cpu",
        "unknown_gpu",
        "unknown_location",
        "unknown_provider",
        "unknown_datacenter",
        "unknown_data_version",
        "unknown_ci_source",
        "no_intensity",
        "invalid_timestamp",
        "invalid_series",
        "series_gap",
        "outside_series",
        "missing_location",
        "datacenter_without_intensity",
        "conflicting_input",
        "not_applicable",
        "overflow",
        "fraction_out_of_range",
        "not_positive",
        "invalid_bounds",
        "unknown_embodied_model",
        "missing_water_intensity",
        "invalid_duration",
        "invalid_document",
        "invalid_manifest",
        "invalid_report",
        "invalid_argument",
        "invalid_sacct_line",
    ];

    /// A stable machine-readable code for the variant, e.g. `"unknown_cpu"`: the `code`
    /// of JS errors and the key of the Python exception mapping.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NegativeValue { .. } => "negative_value",
            Error::NonFiniteValue { .. } => "non_finite_value",
            Error::UsageOutOfRange { .. } => "usage_out_of_range",
            Error::PueBelowOne { .. } => "pue_below_one",
            Error::MultiplicativeFactorBelowOne { .. } => "multiplicative_factor_below_one",
            Error::ZeroCount { .. } => "zero_count",
            Error::CountOutOfRange { .. } => "count_out_of_range",
            Error::NoProcessor => "no_processor",
            Error::MissingField { .. } => "missing_field",
            Error::MissingTdp { .. } => "missing_tdp",
            Error::UnknownCpu { .. } => "unknown_cpu",
            Error::UnknownGpu { .. } => "unknown_gpu",
            Error::UnknownLocation { .. } => "unknown_location",
            Error::UnknownProvider { .. } => "unknown_provider",
            Error::UnknownDatacenter { .. } => "unknown_datacenter",
            Error::UnknownDataVersion { .. } => "unknown_data_version",
            Error::UnknownCiSource { .. } => "unknown_ci_source",
            Error::NoIntensity { .. } => "no_intensity",
            Error::InvalidTimestamp { .. } => "invalid_timestamp",
            Error::InvalidSeries { .. } => "invalid_series",
            Error::SeriesGap { .. } => "series_gap",
            Error::OutsideSeries { .. } => "outside_series",
            Error::MissingLocation { .. } => "missing_location",
            Error::DatacenterWithoutIntensity { .. } => "datacenter_without_intensity",
            Error::ConflictingInput { .. } => "conflicting_input",
            Error::NotApplicable { .. } => "not_applicable",
            Error::Overflow { .. } => "overflow",
            Error::FractionOutOfRange { .. } => "fraction_out_of_range",
            Error::NotPositive { .. } => "not_positive",
            Error::InvalidBounds { .. } => "invalid_bounds",
            Error::UnknownEmbodiedModel { .. } => "unknown_embodied_model",
            Error::MissingWaterIntensity { .. } => "missing_water_intensity",
            Error::InvalidDuration { .. } => "invalid_duration",
            Error::InvalidDocument { .. } => "invalid_document",
            Error::InvalidManifest { .. } => "invalid_manifest",
            Error::InComponent { source, .. } => source.code(),
            Error::InvalidReport { .. } => "invalid_report",
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::InvalidSacctLine { .. } => "invalid_sacct_line",
        }
    }

    /// The input field the error is about, as a path (`"cpu.cores"`), where there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::NegativeValue { field, .. }
            | Error::NonFiniteValue { field, .. }
            | Error::UsageOutOfRange { field, .. }
            | Error::PueBelowOne { field, .. }
            | Error::MultiplicativeFactorBelowOne { field, .. }
            | Error::ZeroCount { field }
            | Error::CountOutOfRange { field, .. }
            | Error::MissingField { field }
            | Error::MissingTdp { field, .. }
            | Error::ConflictingInput { field, .. }
            | Error::NotApplicable { field, .. }
            | Error::InvalidDuration { field, .. }
            | Error::Overflow { field }
            | Error::InvalidDocument { field, .. }
            | Error::InvalidSacctLine { field, .. } => Some(field),
            Error::UnknownCpu { .. } => Some("cpu.model"),
            Error::UnknownGpu { .. } => Some("gpu.model"),
            Error::UnknownLocation { .. }
            | Error::MissingLocation { .. }
            | Error::DatacenterWithoutIntensity { .. } => Some("location"),
            Error::UnknownProvider { .. } => Some("provider"),
            Error::UnknownDatacenter { .. } => Some("datacenter"),
            Error::UnknownDataVersion { .. } => Some("data_version"),
            Error::UnknownCiSource { .. } => Some("ci_source"),
            Error::NoIntensity { .. } => Some("location"),
            Error::InvalidTimestamp { field, .. } | Error::OutsideSeries { field, .. } => {
                Some(field)
            }
            Error::InvalidSeries { field, .. } | Error::SeriesGap { field, .. } => Some(field),
            Error::FractionOutOfRange { field, .. }
            | Error::NotPositive { field, .. }
            | Error::InvalidBounds { field, .. } => Some(field),
            Error::UnknownEmbodiedModel { .. } => Some("embodied.model"),
            Error::MissingWaterIntensity { .. } => Some("ewif_l_per_kwh"),
            Error::InvalidManifest { field, .. }
            | Error::InComponent { field, .. }
            | Error::InvalidReport { field, .. }
            | Error::InvalidArgument { field, .. } => Some(field),
            Error::NoProcessor => Some("cpu"),
        }
    }

    /// The suggested names of an "unknown …" error (empty for other variants).
    pub fn suggestions(&self) -> &[String] {
        match self {
            Error::UnknownCpu { suggestions, .. }
            | Error::UnknownGpu { suggestions, .. }
            | Error::UnknownLocation { suggestions, .. }
            | Error::UnknownProvider { suggestions, .. }
            | Error::UnknownDatacenter { suggestions, .. }
            | Error::UnknownCiSource { suggestions, .. } => suggestions,
            _ => &[],
        }
    }
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = suggestions.iter().map(|s| format!("{s:?}")).collect();
        format!(": did you mean {}?", quoted.join(", "))
    }
}

fn reason_suffix(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else {
        format!(": {reason}")
    }
}

/// `"{field}: "` for a key more precise than the series itself (whose messages already say
/// "ci series").
fn key_prefix(field: &str) -> String {
    if field == SERIES_KEY {
        String::new()
    } else {
        format!("{field}: ")
    }
}

/// The key of a carbon-intensity series in a job or cluster document.
pub(crate) const SERIES_KEY: &str = "ci_series";

fn line_suffix(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(", line {line}")
    }
}

fn manifest_line(line: Option<usize>) -> String {
    line.map(|l| format!(" (line {l})")).unwrap_or_default()
}

fn provider_suffix(provider: &Option<String>) -> String {
    provider
        .as_ref()
        .map(|p| format!(" of provider {p:?}"))
        .unwrap_or_default()
}

fn missing_location_message(cloud: bool) -> &'static str {
    if cloud {
        "location is required for a cloud job without a known datacenter: give location or datacenter"
    } else {
        "location is required: give a location code such as FR, US-CA or WORLD"
    }
}

/// Checks that `value` is a finite number ≥ 0.
pub(crate) fn check_non_negative(field: &str, value: f64) -> Result<f64, Error> {
    if !value.is_finite() {
        Err(Error::NonFiniteValue {
            field: field.to_owned(),
            value,
        })
    } else if value < 0.0 {
        Err(Error::NegativeValue {
            field: field.to_owned(),
            value,
        })
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Error;
    use std::collections::BTreeSet;

    #[test]
    fn codes_lists_every_code_once() {
        // the codes written in `Error::code`, read from this file's text
        let text = include_str!("error.rs");
        let body = &text
            [text.find("pub fn code(&self)").unwrap()..text.find("pub fn field(&self)").unwrap()];
        let written: BTreeSet<&str> = body
            .split("=> \"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let listed: BTreeSet<&str> = Error::CODES.iter().copied().collect();
        assert_eq!(listed.len(), Error::CODES.len(), "a code listed twice");
        assert_eq!(written, listed);
        let e = Error::InvalidArgument {
            field: "lang".into(),
            message: "expected fr or en".into(),
        };
        assert_eq!((e.code(), e.field()), ("invalid_argument", Some("lang")));
        assert_eq!(e.to_string(), "invalid lang: expected fr or en");
    }
}
