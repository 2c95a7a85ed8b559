//! Slurm accounting logs (`sacct -P`): parsing, merging job steps and per-job energy and
//! CO2e, the GA4HPC use case (methodology part C).
//!
//! Pure and streaming: feed the log's bytes to an [`Analyzer`] in chunks of any size; each
//! job comes out to a callback as soon as it is complete ([`JobResult`]); the [`Analysis`]
//! at the end holds the totals, the sums per user, account, partition and day, the
//! memory-efficiency histogram and what was skipped or assumed ([`Diagnostics`]).
//!
//! # Parity and known differences with GA4HPC
//! Every per-job and total figure of GA4HPC's own results on the golden log
//! (`tests/golden/ga4hpc.json`) is reproduced at relative 1e-9. Where GA4HPC has a bug,
//! Empreinte differs knowingly:
//! - a duration's fraction is a decimal fraction of a second (`00:01.5` is 1.5 s; GA4HPC
//!   reads the digits as milliseconds, 1.005 s); sacct writes three digits, where both agree;
//! - durations are integer milliseconds, summed without overflow (GA4HPC's pandas
//!   nanoseconds overflow past ~292 years of summed core time);
//! - ReqMem `0n`/`0c` (whole nodes) uses the partition's `memory_per_node_gb` (GA4HPC
//!   counts 0 GB); T and P units are read (GA4HPC stops); a ReqMem without unit is in MB;
//! - typed GPUs (`gres/gpu:a100=2`) count (GA4HPC only reads `gres/gpu=N`);
//! - an unknown partition is reported, not fatal; a malformed line is skipped and
//!   reported with its number;
//! - a job whose memory need is 0 has an over-allocation factor of 1 (GA4HPC: 0 ÷ 0);
//! - tree-months use the data version's treeYear ÷ 12 (916.67 g in v3.0; GA4HPC rounds it
//!   to 917 g, 0.04 % apart).
//!
//! # Units
//! Durations `_ms` (integers), memory `_gb` (decimal GB, K = 1000 bytes as GA4HPC),
//! energy `_kwh`, CO2e `_g`, carbon intensity `_g_per_kwh`.

mod aggregate;
mod ci;
mod cluster;
mod columns;
pub mod fields;
mod findings;
pub mod html;
mod interner;
mod jobs;
pub mod output;
mod sacct;
mod split;
mod stream;
pub mod summary;
pub mod synth;

pub use aggregate::{efficiency_bin, Group, GroupTotals, EFFICIENCY_BINS, EFFICIENCY_LABELS};
pub use ci::{CiTiming, ClusterSeries};
pub use cluster::{Cluster, Partition, PartitionKind, Price, JEAN_ZAY_TOML, MEMORY_POWER_W_PER_GB};
pub use columns::{JobColumn, JobColumns, LineBatch, Offsets, TextColumn, Validity, Values};
pub use fields::State;
pub use findings::{Analysis, Bin, Diagnostics, Malformed, Options, UnknownPartition};
pub use jobs::{JobResult, PartitionMatch};
pub use sacct::{OPTIONAL_COLUMNS, REQUIRED_COLUMNS};
pub use stream::{analyze, Analyzer, MAX_LINE_BYTES};
