//! What an analysis is told and what it finds: its [`Options`], the [`Analysis`] (totals,
//! groups, memory-efficiency histogram) and the [`Diagnostics`] of what was skipped,
//! assumed or flagged.

use serde::Serialize;

use super::aggregate::{Group, GroupTotals};
use super::cluster::Cluster;
use crate::ga::equivalence::Equivalences;

/// How the analyser treats its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// A malformed line is an error rather than skipped and counted.
    pub strict: bool,
    /// Jobs kept open for merging their steps (at least 1).
    pub window: usize,
    /// Malformed lines reported with their number and reason.
    pub max_examples: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            strict: false,
            window: 4096,
            max_examples: 10,
        }
    }
}

/// A line that was skipped, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Malformed {
    /// Line number, from 1.
    pub line: u64,
    /// The column at fault, or `"line"`.
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

/// A partition that the cluster file does not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownPartition {
    /// Its name (`""` for jobs without a partition).
    pub name: String,
    /// Jobs on it.
    pub jobs: u64,
}

/// What the analyser met besides well-formed jobs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diagnostics {
    /// Lines read (the header included).
    pub lines: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Empty lines, skipped.
    pub blank_lines: u64,
    /// Header lines after the first (logs appended to each other), skipped.
    pub repeated_headers: u64,
    /// Lines skipped because they could not be read.
    pub malformed_lines: u64,
    /// The first of them.
    pub malformed_examples: Vec<Malformed>,
    /// Whether the last line had no line end (a truncated log, or a file without a final
    /// newline).
    pub last_line_unterminated: bool,
    /// Optional columns the header lacks.
    pub missing_columns: Vec<String>,
    /// Jobs left out because some line is PENDING, RUNNING, REQUEUED or RESIZING.
    pub unfinished_jobs: u64,
    /// Steps without their job's own line (or arriving more than `window` jobs after
    /// it), left out.
    pub jobs_without_job_line: u64,
    /// Lines of those.
    pub lines_without_job_line: u64,
    /// Partitions not in the cluster file.
    pub unknown_partitions: Vec<UnknownPartition>,
    /// Jobs on those partitions and left out (no fallback partition).
    pub jobs_unknown_partition: u64,
    /// Jobs on those partitions computed with the fallback partition's figures.
    pub jobs_fallback_partition: u64,
    /// Jobs whose requested memory is unknown (counted as 0).
    pub jobs_memory_unknown: u64,
    /// Jobs whose TotalCPU exceeds their CPUTime (TotalCPU is used, as upstream).
    pub jobs_total_cpu_above_cpu_time: u64,
    /// GPU-partition jobs without AllocTRES, counted as one GPU (as upstream).
    pub jobs_gpus_assumed: u64,
    /// Lines with a duration whose fraction has other than three digits (`.5`): read as a
    /// decimal fraction here, as milliseconds by GA4HPC.
    pub lines_with_odd_fractions: u64,
    /// With a carbon-intensity series: jobs without a Start, whose run was placed at their
    /// Submit time. (These three count the jobs with energy, whose CO2e the fallback
    /// changes: a job cancelled before it started has none.)
    pub jobs_ci_at_submit: u64,
    /// With a carbon-intensity series: jobs with neither Start nor Submit, given the
    /// series' mean over its whole span.
    pub jobs_ci_without_time: u64,
    /// With a carbon-intensity series: jobs whose run is not inside the series, given the
    /// series' mean over its whole span (an error in strict mode).
    pub jobs_ci_outside_series: u64,
    /// The merge window used.
    pub window: usize,
}

/// A bin of the memory-efficiency histogram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bin {
    /// `"0-10%"` … `"90-100%"`, `">100%"`, `"unknown"`.
    pub label: &'static str,
    /// Jobs in it.
    pub jobs: u64,
}

/// Everything an analysis found: totals, groups, histogram, diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The cluster configuration used.
    pub cluster: Cluster,
    /// Sums over every job counted.
    pub totals: GroupTotals,
    /// Context metrics of the total CO2e (Paris–London as the small flight, as GA4HPC).
    pub equivalences: Equivalences,
    /// Per user, by decreasing CO2e.
    pub by_user: Vec<Group>,
    /// Per account, by decreasing CO2e.
    pub by_account: Vec<Group>,
    /// Per partition, by decreasing CO2e.
    pub by_partition: Vec<Group>,
    /// Per submit day, in date order (`""` for jobs without a Submit date, last).
    pub by_day: Vec<Group>,
    /// Memory used ÷ requested, per job.
    pub memory_efficiency: Vec<Bin>,
    /// What was skipped, assumed or flagged.
    pub diagnostics: Diagnostics,
}
