//! Sums over jobs: the totals, and the same per user, account, partition and day; the
//! memory-efficiency histogram. Durations are summed as integer milliseconds (a `u64`
//! holds 584 million years), energies and masses as `f64`.

use serde::Serialize;

use super::fields::MS_PER_HOUR;
use super::jobs::JobResult;

/// Sums over a set of jobs.
///
/// # Units
/// `_ms` integer milliseconds, `_gb` GB, `_kwh` kWh (`energy_kwh` with the PUE, the
/// components without), `_g` gCO2e, `cost` in the cluster's currency.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupTotals {
    /// Jobs counted (finished jobs on known partitions).
    pub jobs: u64,
    /// Of which successes.
    pub success: u64,
    /// Of which failures.
    pub failed: u64,
    /// Sum of wall-clock times.
    pub wallclock_ms: u64,
    /// Sum of CPU time used.
    pub cpu_time_used_ms: u64,
    /// Sum of core wall time on CPU partitions (core-hours charged).
    pub cpu_charged_ms: u64,
    /// Sum of GPU time (GPU-hours charged).
    pub gpu_time_ms: u64,
    /// Sum of memory requested, GB (GA4HPC's `memoryRequested`).
    pub req_mem_gb: f64,
    /// Sum of the memory over-allocation factors (their mean is this ÷ `jobs`).
    pub mem_overallocation_factor_sum: f64,
    /// CPU energy, IT only.
    pub energy_cpu_kwh: f64,
    /// GPU energy, IT only.
    pub energy_gpu_kwh: f64,
    /// Memory energy, IT only.
    pub energy_memory_kwh: f64,
    /// Total energy with the PUE.
    pub energy_kwh: f64,
    /// Total energy of the failed jobs.
    pub energy_failed_kwh: f64,
    /// Energy drawn by the facility beyond the IT load (cooling, power losses): the PUE's
    /// share of `energy_kwh`.
    pub energy_facility_kwh: f64,
    /// Total energy had every job requested only the memory it needed.
    pub energy_memory_needed_only_kwh: f64,
    /// CO2e.
    pub co2e_g: f64,
    /// CO2e of the failed jobs.
    pub co2e_failed_g: f64,
    /// CO2e had every job requested only the memory it needed.
    pub co2e_memory_needed_only_g: f64,
    /// CO2e that requesting more memory than needed cost: `co2e_g −
    /// co2e_memory_needed_only_g` over the jobs that asked for more than they needed.
    pub co2e_memory_overallocation_g: f64,
    /// Electricity cost (0 without a price).
    pub cost: f64,
    /// Electricity cost of the failed jobs.
    pub cost_failed: f64,
    /// The carbon intensity of these jobs, gCO2e/kWh: the cluster's single value, or with
    /// a time series the jobs' intensities weighted by their energy (`co2e_g ÷
    /// energy_kwh`; `None` without energy). Set by the analyser's report.
    pub ci_g_per_kwh: Option<f64>,
}

impl GroupTotals {
    /// Adds one job.
    pub fn add(&mut self, j: &JobResult<'_>) {
        self.jobs += 1;
        if j.success {
            self.success += 1;
        } else {
            self.failed += 1;
            self.energy_failed_kwh += j.energy_kwh;
            self.co2e_failed_g += j.co2e_g;
            self.cost_failed += j.cost.unwrap_or(0.0);
        }
        self.wallclock_ms = self.wallclock_ms.saturating_add(j.wallclock_ms);
        self.cpu_time_used_ms = self.cpu_time_used_ms.saturating_add(j.cpu_time_used_ms);
        if j.partition_type == Some(super::cluster::PartitionKind::Cpu) {
            self.cpu_charged_ms = self.cpu_charged_ms.saturating_add(j.core_walltime_ms);
        }
        self.gpu_time_ms = self.gpu_time_ms.saturating_add(j.gpu_time_ms);
        self.req_mem_gb += j.req_mem_gb;
        self.mem_overallocation_factor_sum += j.mem_overallocation_factor;
        self.energy_cpu_kwh += j.energy_cpu_kwh;
        self.energy_gpu_kwh += j.energy_gpu_kwh;
        self.energy_memory_kwh += j.energy_memory_kwh;
        self.energy_kwh += j.energy_kwh;
        self.energy_facility_kwh +=
            (j.energy_kwh - j.energy_cpu_kwh - j.energy_gpu_kwh - j.energy_memory_kwh).max(0.0);
        self.energy_memory_needed_only_kwh += j.energy_memory_needed_only_kwh;
        self.co2e_g += j.co2e_g;
        self.co2e_memory_needed_only_g += j.co2e_memory_needed_only_g;
        self.co2e_memory_overallocation_g += (j.co2e_g - j.co2e_memory_needed_only_g).max(0.0);
        self.cost += j.cost.unwrap_or(0.0);
    }

    /// Sets [`Totals::ci_g_per_kwh`]: `flat` where every job had the same intensity, else
    /// the energy-weighted mean.
    pub(crate) fn set_ci(&mut self, flat: Option<f64>) {
        self.ci_g_per_kwh = match flat {
            Some(ci) => Some(ci),
            None if self.energy_kwh > 0.0 => Some(self.co2e_g / self.energy_kwh),
            None => None,
        };
    }

    /// Mean memory over-allocation factor (1 without jobs).
    pub fn mean_mem_overallocation_factor(&self) -> f64 {
        if self.jobs == 0 {
            1.0
        } else {
            self.mem_overallocation_factor_sum / self.jobs as f64
        }
    }

    /// Share of successful jobs in [0, 1] (1 without jobs).
    pub fn success_rate(&self) -> f64 {
        if self.jobs == 0 {
            1.0
        } else {
            self.success as f64 / self.jobs as f64
        }
    }

    /// Core-hours charged on CPU partitions.
    pub fn cpu_hours_charged(&self) -> f64 {
        self.cpu_charged_ms as f64 / MS_PER_HOUR
    }

    /// GPU-hours charged.
    pub fn gpu_hours(&self) -> f64 {
        self.gpu_time_ms as f64 / MS_PER_HOUR
    }

    /// CPU-hours used.
    pub fn cpu_hours_used(&self) -> f64 {
        self.cpu_time_used_ms as f64 / MS_PER_HOUR
    }
}

/// The totals of one user, account, partition or day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The user, account or partition name, or the day `YYYY-MM-DD` (`""` when unknown).
    pub name: String,
    /// Its sums.
    #[serde(flatten)]
    pub totals: GroupTotals,
}

/// Bins of the memory-efficiency histogram (memory used ÷ requested): ten bins of 10 %,
/// one above 100 %, one for jobs without MaxRSS or request.
pub const EFFICIENCY_BINS: usize = 12;

/// Labels of the histogram's bins.
pub const EFFICIENCY_LABELS: [&str; EFFICIENCY_BINS] = [
    "0-10%", "10-20%", "20-30%", "30-40%", "40-50%", "50-60%", "60-70%", "70-80%", "80-90%",
    "90-100%", ">100%", "unknown",
];

/// The bin of a job's memory efficiency.
pub fn efficiency_bin(efficiency: Option<f64>) -> usize {
    match efficiency {
        Some(e) if e > 1.0 => 10,
        Some(e) if e >= 0.0 => ((e * 10.0) as usize).min(9),
        _ => 11,
    }
}

/// Groups indexed by a small integer id (interned names), created on first use.
#[derive(Debug, Default)]
pub(crate) struct Groups {
    pub totals: Vec<GroupTotals>,
}

impl Groups {
    pub fn add(&mut self, id: usize, job: &JobResult<'_>) {
        if self.totals.len() <= id {
            self.totals.resize_with(id + 1, GroupTotals::default);
        }
        self.totals[id].add(job);
    }

    /// Named groups with at least one job, by decreasing CO2e then name.
    pub fn named(&self, name: impl Fn(usize) -> String) -> Vec<Group> {
        let mut out: Vec<Group> = self
            .totals
            .iter()
            .enumerate()
            .filter(|(_, t)| t.jobs > 0)
            .map(|(i, t)| Group {
                name: name(i),
                totals: t.clone(),
            })
            .collect();
        out.sort_by(|a, b| {
            b.totals
                .co2e_g
                .total_cmp(&a.totals.co2e_g)
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_cover_every_efficiency() {
        assert_eq!(efficiency_bin(Some(0.0)), 0);
        assert_eq!(efficiency_bin(Some(0.95)), 9);
        assert_eq!(efficiency_bin(Some(1.0)), 9);
        assert_eq!(efficiency_bin(Some(1.5)), 10);
        assert_eq!(efficiency_bin(None), 11);
        assert_eq!(efficiency_bin(Some(f64::NAN)), 11);
    }
}
