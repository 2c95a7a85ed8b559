//! Merging the lines of a job (its own line and its steps) and the per-job energy and CO2e
//! (methodology C, GA4HPC's rules).
//!
//! Per job: the maximum over its lines of TotalCPU, CPUTime, Elapsed, ReqMem, MaxRSS,
//! NCPUS, GPUs and NNodes; its state is its worst line's (GA4HPC's minimum over the codes
//! unfinished −2 < counted-as-success −1 < failed 0 < COMPLETED 1).

use serde::Serialize;

use super::ci::CiTiming;
use super::cluster::{Cluster, Partition, PartitionKind};
use super::fields::{state_rank, Duration, ReqMem, State, MS_PER_HOUR};
use super::sacct::LineRecord;
use crate::units::{GPerKwh, Hours, Kwh, Watts};

/// Longest Submit timestamp kept (`2024-01-13T08:14:09` is 19 bytes).
const SUBMIT_LEN: usize = 24;

/// One job being merged from its lines.
#[derive(Debug, Clone)]
pub(crate) struct JobAcc {
    pub id: Vec<u8>,
    pub user: Option<u32>,
    pub account: Option<u32>,
    pub partition: Option<u32>,
    pub submit: [u8; SUBMIT_LEN],
    pub submit_len: u8,
    pub day: Option<u32>,
    pub has_job_line: bool,
    pub state: State,
    pub rank: i8,
    pub lines: u32,
    pub elapsed_ms: Option<u64>,
    pub total_cpu_ms: Option<u64>,
    pub cpu_time_ms: Option<u64>,
    pub nnodes: u32,
    pub ncpus: u32,
    pub gpus: Option<u32>,
    pub req_mem_gb: Option<f64>,
    /// Largest NNodes of the lines whose ReqMem was `0n`/`0c` (whole nodes).
    pub whole_nodes: Option<u32>,
    pub max_rss_gb: Option<f64>,
    /// Earliest valid Start of the job's lines, seconds since the epoch (read only for a
    /// carbon-intensity series).
    pub start_s: Option<i64>,
    /// Number of the job's first line in the log.
    pub first_line: u64,
}

impl JobAcc {
    pub fn new() -> JobAcc {
        JobAcc {
            id: Vec::new(),
            user: None,
            account: None,
            partition: None,
            submit: [0; SUBMIT_LEN],
            submit_len: 0,
            day: None,
            has_job_line: false,
            state: State::Other,
            rank: i8::MAX,
            lines: 0,
            elapsed_ms: None,
            total_cpu_ms: None,
            cpu_time_ms: None,
            nnodes: 0,
            ncpus: 0,
            gpus: None,
            req_mem_gb: None,
            whole_nodes: None,
            max_rss_gb: None,
            start_s: None,
            first_line: 0,
        }
    }

    /// Empties the record for another job, keeping the id buffer's allocation.
    pub fn reset(&mut self, id: &[u8]) {
        let mut buf = std::mem::take(&mut self.id);
        buf.clear();
        buf.extend_from_slice(id);
        *self = JobAcc::new();
        self.id = buf;
    }

    /// The submit timestamp kept, if any.
    pub fn submit(&self) -> Option<&str> {
        if self.submit_len == 0 {
            None
        } else {
            std::str::from_utf8(&self.submit[..self.submit_len as usize]).ok()
        }
    }

    /// Keeps the earliest Start.
    pub fn merge_start(&mut self, t: i64) {
        self.start_s = Some(self.start_s.map_or(t, |x| x.min(t)));
    }

    /// Merges one line (strings already interned by the caller).
    pub fn merge(&mut self, r: &LineRecord<'_>, success_bits: u32) {
        self.lines += 1;
        let rank = state_rank(r.state, success_bits);
        if !r.is_step && !self.has_job_line {
            self.has_job_line = true;
            self.state = r.state;
        } else if self.lines == 1 {
            self.state = r.state;
        }
        self.rank = self.rank.min(rank);
        max_opt(&mut self.elapsed_ms, r.elapsed);
        max_opt(&mut self.total_cpu_ms, r.total_cpu);
        max_opt(&mut self.cpu_time_ms, r.cpu_time);
        self.nnodes = self.nnodes.max(r.nnodes);
        self.ncpus = self.ncpus.max(r.ncpus);
        if let Some(g) = r.gpus {
            self.gpus = Some(self.gpus.map_or(g, |x| x.max(g)));
        }
        match r.req_mem {
            ReqMem::Unknown => {}
            ReqMem::Gb(gb) => {
                self.req_mem_gb = Some(self.req_mem_gb.map_or(gb, |x| x.max(gb)));
            }
            ReqMem::WholeNodes => {
                self.whole_nodes = Some(self.whole_nodes.map_or(r.nnodes, |x| x.max(r.nnodes)));
            }
        }
        if let Some(rss) = r.max_rss_gb {
            self.max_rss_gb = Some(self.max_rss_gb.map_or(rss, |x| x.max(rss)));
        }
        if !r.submit.is_empty() && r.submit.len() <= SUBMIT_LEN && r.submit.is_ascii() {
            let kept = &self.submit[..self.submit_len as usize];
            if self.submit_len == 0 || r.submit < kept {
                self.submit[..r.submit.len()].copy_from_slice(r.submit);
                self.submit_len = r.submit.len() as u8;
                self.day = super::fields::submit_day(r.submit);
            }
        }
    }
}

fn max_opt(slot: &mut Option<u64>, d: Duration) {
    if let Duration::Ms(v) = d {
        *slot = Some(slot.map_or(v, |x| x.max(v)));
    }
}

/// What is known about a job's partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartitionMatch {
    /// A partition of the cluster file.
    Known,
    /// Not in the cluster file: the fallback partition's figures were used.
    Fallback,
    /// Not in the cluster file and no fallback: no energy is computed.
    #[default]
    Unknown,
}

/// One job's figures: the GA4HPC per-job results, and what they came from.
///
/// # Units
/// Durations in whole milliseconds (`_ms`, exact sums), memory in GB (decimal), energy in
/// kWh, CO2e in g, cost in the cluster's currency. `energy_*_kwh` of the components are the
/// IT energy, without the PUE; `energy_kwh` includes it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct JobResult<'a> {
    /// Job ID (`123`, or `123_4` for array task 4 of array job 123).
    pub job_id: &'a str,
    /// The array job of an array task.
    pub array_job_id: Option<&'a str>,
    /// User name (empty when no line gave one).
    pub user: &'a str,
    /// Account (project).
    pub account: &'a str,
    /// Partition (the first one when sacct lists several).
    pub partition: &'a str,
    /// Whether the partition is in the cluster file.
    pub partition_match: PartitionMatch,
    /// CPU or GPU partition (`None` when unknown).
    pub partition_type: Option<PartitionKind>,
    /// State of the job's own line (`COMPLETED`, `FAILED`, …).
    pub state: &'static str,
    /// Whether the job counts as a success (COMPLETED, or a state the cluster counts as
    /// one, on every line).
    pub success: bool,
    /// Submit timestamp, as sacct wrote it.
    pub submit: Option<&'a str>,
    /// Lines merged into the job.
    pub lines: u32,
    /// Nodes.
    pub nnodes: u32,
    /// CPU cores.
    pub ncpus: u32,
    /// GPUs.
    pub ngpus: u32,
    /// Wall-clock time (Elapsed).
    pub wallclock_ms: u64,
    /// CPU time used: TotalCPU, or the core wall time when TotalCPU is 0 or empty.
    pub cpu_time_used_ms: u64,
    /// Core wall time: CPUTime, or Elapsed × NCPUS without it (core-hours charged).
    pub core_walltime_ms: u64,
    /// GPU time: Elapsed × GPUs on GPU partitions (GPU-hours charged).
    pub gpu_time_ms: u64,
    /// Memory requested (allocated), GB.
    pub req_mem_gb: f64,
    /// Largest MaxRSS of the job's lines, GB (`None` when no line gave one).
    pub used_mem_gb: Option<f64>,
    /// Memory needed: the smallest multiple of the request step above the memory used,
    /// capped at the request (GA4HPC's rule).
    pub needed_mem_gb: f64,
    /// Requested ÷ needed, at least 1.
    pub mem_overallocation_factor: f64,
    /// Whether the requested memory is unknown (empty ReqMem, or whole nodes of a
    /// partition without `memory_per_node_gb`): counted as 0.
    pub memory_unknown: bool,
    /// CPU energy, IT only, kWh.
    pub energy_cpu_kwh: f64,
    /// GPU energy, IT only, kWh.
    pub energy_gpu_kwh: f64,
    /// Memory energy, IT only, kWh.
    pub energy_memory_kwh: f64,
    /// Total energy with the PUE, kWh.
    pub energy_kwh: f64,
    /// Total energy had the job requested only the memory it needed, kWh.
    pub energy_memory_needed_only_kwh: f64,
    /// The carbon intensity the job's CO2e was computed with, gCO2e/kWh: the cluster's, or
    /// with a time series its time-weighted mean over the job's run.
    pub ci_g_per_kwh: f64,
    /// How `ci_g_per_kwh` was found (one value for every job, the run from Start or Submit,
    /// or the series' mean for a job without a time or outside the series).
    pub ci_timing: CiTiming,
    /// CO2e, g.
    pub co2e_g: f64,
    /// CO2e had the job requested only the memory it needed, g.
    pub co2e_memory_needed_only_g: f64,
    /// Electricity cost, where the cluster gives a price.
    pub cost: Option<f64>,
}

impl JobResult<'_> {
    /// Wall-clock time, h.
    pub fn wallclock_h(&self) -> f64 {
        self.wallclock_ms as f64 / MS_PER_HOUR
    }

    /// CPU time used, h.
    pub fn cpu_time_used_h(&self) -> f64 {
        self.cpu_time_used_ms as f64 / MS_PER_HOUR
    }

    /// GPU time, h.
    pub fn gpu_time_h(&self) -> f64 {
        self.gpu_time_ms as f64 / MS_PER_HOUR
    }

    /// Energy of a failed job (0 for a success), kWh.
    pub fn energy_failed_kwh(&self) -> f64 {
        if self.success {
            0.0
        } else {
            self.energy_kwh
        }
    }

    /// Memory efficiency: memory used ÷ requested (`None` without MaxRSS or request).
    pub fn memory_efficiency(&self) -> Option<f64> {
        match self.used_mem_gb {
            Some(used) if self.req_mem_gb > 0.0 => Some(used / self.req_mem_gb),
            _ => None,
        }
    }
}

/// The per-job numbers of [`JobResult`], computed from a merged job.
pub(crate) struct JobFigures {
    pub ngpus: u32,
    pub wallclock_ms: u64,
    pub cpu_time_used_ms: u64,
    pub core_walltime_ms: u64,
    pub gpu_time_ms: u64,
    pub req_mem_gb: f64,
    pub needed_mem_gb: f64,
    pub mem_overallocation_factor: f64,
    pub memory_unknown: bool,
    pub energy_cpu_kwh: f64,
    pub energy_gpu_kwh: f64,
    pub energy_memory_kwh: f64,
    pub energy_kwh: f64,
    pub energy_memory_needed_only_kwh: f64,
    pub co2e_g: f64,
    pub co2e_memory_needed_only_g: f64,
    pub cost: Option<f64>,
}

/// GA4HPC's per-job maths, durations in integer milliseconds; `ci_g_per_kwh` is the job's
/// carbon intensity (the cluster's, or a series' mean over the job's run).
pub(crate) fn compute(
    acc: &JobAcc,
    cluster: &Cluster,
    partition: Option<&Partition>,
    ci_g_per_kwh: f64,
) -> JobFigures {
    let wallclock_ms = acc.elapsed_ms.unwrap_or(0);
    let core_walltime_ms = acc
        .cpu_time_ms
        .unwrap_or_else(|| wallclock_ms.saturating_mul(u64::from(acc.ncpus)));
    let cpu_time_used_ms = match acc.total_cpu_ms {
        Some(t) if t > 0 => t,
        _ => core_walltime_ms,
    };
    let kind = partition.map(|p| p.kind);
    // without AllocTRES, GA4HPC counts one GPU per job on GPU partitions
    let ngpus = match (kind, acc.gpus) {
        (Some(PartitionKind::Gpu), Some(g)) => g,
        (Some(PartitionKind::Gpu), None) => 1,
        (_, g) => g.unwrap_or(0),
    };
    let gpu_time_ms = if kind == Some(PartitionKind::Gpu) {
        wallclock_ms.saturating_mul(u64::from(ngpus))
    } else {
        0
    };

    let mut memory_unknown = acc.req_mem_gb.is_none() && acc.whole_nodes.is_none();
    let mut req_mem_gb = acc.req_mem_gb.unwrap_or(0.0);
    if let Some(nodes) = acc.whole_nodes {
        match partition.and_then(|p| p.memory_per_node_gb) {
            Some(per_node) => req_mem_gb = req_mem_gb.max(per_node * f64::from(nodes.max(1))),
            None => memory_unknown = acc.req_mem_gb.is_none(),
        }
    }
    // no MaxRSS on any line: GA4HPC assumes the memory used is the memory requested
    let used = acc.max_rss_gb.unwrap_or(req_mem_gb);
    let step = cluster.memory_request_step_gb;
    let above = ((used / step).floor() + 1.0) * step;
    let needed_mem_gb = if req_mem_gb < used {
        above
    } else {
        req_mem_gb.min(above)
    };
    let mem_overallocation_factor = if req_mem_gb < needed_mem_gb || needed_mem_gb <= 0.0 {
        1.0
    } else {
        req_mem_gb / needed_mem_gb
    };

    let (w_core, w_gpu) = match partition {
        Some(p) if p.kind == PartitionKind::Gpu => (p.w_per_core, p.w_per_gpu),
        Some(p) => (p.w_per_core, 0.0),
        None => (0.0, 0.0),
    };
    // GA4HPC's order of operations: hours × W / 1000 (a single run), memory as
    // hours × GB × W/GB / 1000
    let wall_h = Hours::from_ms(wallclock_ms).0;
    let energy_cpu_kwh = Watts(w_core)
        .energy(Hours::from_ms(cpu_time_used_ms), 1.0)
        .0;
    let energy_gpu_kwh = Watts(w_gpu).energy(Hours::from_ms(gpu_time_ms), 1.0).0;
    let mem_w = cluster.memory_power_w_per_gb;
    let energy_memory_kwh = wall_h * req_mem_gb * mem_w / 1000.0;
    let energy_needed_memory_kwh = wall_h * needed_mem_gb * mem_w / 1000.0;
    let (energy_memory_kwh, energy_needed_memory_kwh) = if partition.is_some() {
        (energy_memory_kwh, energy_needed_memory_kwh)
    } else {
        (0.0, 0.0)
    };
    let energy_kwh = (energy_cpu_kwh + energy_gpu_kwh + energy_memory_kwh) * cluster.pue;
    let energy_memory_needed_only_kwh =
        (energy_cpu_kwh + energy_gpu_kwh + energy_needed_memory_kwh) * cluster.pue;
    JobFigures {
        ngpus,
        wallclock_ms,
        cpu_time_used_ms,
        core_walltime_ms,
        gpu_time_ms,
        req_mem_gb,
        needed_mem_gb,
        mem_overallocation_factor,
        memory_unknown,
        energy_cpu_kwh,
        energy_gpu_kwh,
        energy_memory_kwh,
        energy_kwh,
        energy_memory_needed_only_kwh,
        co2e_g: (Kwh(energy_kwh) * GPerKwh(ci_g_per_kwh)).0,
        co2e_memory_needed_only_g: (Kwh(energy_memory_needed_only_kwh) * GPerKwh(ci_g_per_kwh)).0,
        cost: cluster.price.as_ref().map(|p| energy_kwh * p.per_kwh),
    }
}
