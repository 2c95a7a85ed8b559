//! A generator of synthetic `sacct -P` logs for tests and benchmarks: jobs with their
//! `batch`, `extern` and numbered steps, array tasks, GPU jobs with typed and untyped
//! GRES, every ReqMem style (`Gn`, `Mc`, `G`, `0n`), failures, timeouts, cancellations,
//! still-running jobs, a Start time a few minutes to two hours after Submit (`Unknown` for
//! jobs that never started), a fixed seed. About 170 bytes a line, three lines a job.

use std::fmt::Write;

/// The header line written first (GA4HPC's columns, and Start).
pub const HEADER: &str = "UID|User|JobID|JobName|Submit|Start|Elapsed|Partition|NNodes|NCPUS|TotalCPU|CPUTime|ReqMem|MaxRSS|WorkDir|State|Account|AllocTRES";

/// A cluster file for the generated logs: partitions `cpu`, `bigmem` and `gpu`.
pub const CLUSTER_TOML: &str = r#"name = "synthetic"
pue = 1.3
location = "FR"
memory_request_step_gb = 4
success_states = ["TIMEOUT"]

[price]
per_kwh = 0.2
currency = "EUR"

[partitions.cpu]
type = "cpu"
cpu_model = "Xeon Gold 6248"
memory_per_node_gb = 192

[partitions.bigmem]
type = "cpu"
cpu_model = "AMD EPYC 7763"
memory_per_node_gb = 1024

[partitions.gpu]
type = "gpu"
gpu_model = "NVIDIA A100 80GB PCIe"
cpu_model = "AMD EPYC 7763"
memory_per_node_gb = 512
"#;

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` ≥ 1).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Writes a duration as sacct does: `[D-]HH:MM:SS`.
fn duration(out: &mut String, seconds: u64) {
    let (d, h, m, s) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    if d > 0 {
        let _ = write!(out, "{d}-{h:02}:{m:02}:{s:02}");
    } else {
        let _ = write!(out, "{h:02}:{m:02}:{s:02}");
    }
}

/// Synthetic log generator: call [`Synth::write_job`] until enough lines are written.
#[derive(Debug, Clone)]
pub struct Synth {
    rng: Rng,
    next_id: u64,
}

impl Synth {
    /// A generator with a fixed `seed` (same seed, same log).
    pub fn new(seed: u64) -> Synth {
        Synth {
            rng: Rng(seed),
            next_id: 1_000_000,
        }
    }

    /// Appends one job (its own line and its steps, each ending in `\n`) to `out`;
    /// returns the number of lines written.
    pub fn write_job(&mut self, out: &mut String) -> usize {
        let r = &mut self.rng;
        let id = self.next_id;
        self.next_id += 1 + r.below(3);
        let user = r.below(300);
        let uid = 50_000 + user;
        let account = user / 6;
        let job_id = if r.chance(20) {
            format!("{id}_{}", r.below(1000))
        } else {
            id.to_string()
        };
        let (partition, gpu) = match r.below(10) {
            0..=5 => ("cpu", false),
            6 => ("bigmem", false),
            _ => ("gpu", true),
        };
        let nnodes = if !gpu && r.chance(10) {
            1 + r.below(8)
        } else {
            1
        };
        let ncpus = nnodes * [1, 2, 4, 8, 16, 32, 40][r.below(7) as usize];
        let ngpus = if gpu { 1 + r.below(4) } else { 0 };
        // 5 % never started (one line), 85 % job + batch + extern, 10 % one more step:
        // three lines a job on average
        let (started, numbered_steps) = match r.below(20) {
            0 => (false, 0),
            1..=17 => (true, 0),
            _ => (true, 1),
        };
        let elapsed = match r.below(10) {
            _ if !started => 0,
            0 => r.below(60),
            1..=6 => 60 + r.below(6 * 3600),
            _ => 3600 + r.below(3 * 86_400),
        };
        let core_time = elapsed * ncpus;
        let usage = 20 + r.below(81);
        let total_cpu = core_time * usage / 100;
        let (state, step_state) = match r.below(100) {
            0..=74 => ("COMPLETED", "COMPLETED"),
            75..=84 => ("FAILED", "FAILED"),
            85..=89 => ("TIMEOUT", "CANCELLED"),
            90..=94 => ("CANCELLED by 1234", "CANCELLED"),
            95..=97 => ("OUT_OF_MEMORY", "OUT_OF_MEMORY"),
            _ => ("RUNNING", "RUNNING"),
        };
        let mem_gb = [2, 4, 8, 16, 32, 64, 128][r.below(7) as usize] * nnodes;
        let req_mem = match r.below(10) {
            0..=3 => format!("{}Gn", mem_gb / nnodes),
            4..=6 => format!("{}Mc", (mem_gb * 1000 / ncpus).max(1)),
            7..=8 => format!("{mem_gb}G"),
            _ => "0n".to_owned(),
        };
        let rss_kb = mem_gb * 1_000_000 * (5 + r.below(100)) / 100;
        let month = 1 + r.below(12);
        let day = 1 + r.below(28);
        let submit = format!(
            "2024-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            r.below(24),
            r.below(60),
            r.below(60)
        );
        // the queue wait comes from the job ID, not the generator: the other fields stay
        // those of logs generated before the Start column
        let start = match crate::intensity::parse_timestamp("Submit", &submit) {
            Ok(t) if started => {
                let wait = (id.wrapping_mul(2_654_435_761) % 7_200) as i64;
                let mut s = crate::intensity::format_timestamp(t + wait);
                s.pop(); // sacct writes no `Z`
                s
            }
            _ => "Unknown".to_owned(),
        };
        let tres = if gpu {
            if r.chance(50) {
                format!("billing={ncpus},cpu={ncpus},gres/gpu={ngpus},mem={mem_gb}G,node={nnodes}")
            } else {
                format!(
                    "billing={ncpus},cpu={ncpus},gres/gpu:a100={ngpus},mem={mem_gb}G,node={nnodes}"
                )
            }
        } else {
            format!("billing={ncpus},cpu={ncpus},mem={mem_gb}G,node={nnodes}")
        };
        let job_name = format!("job{}", r.below(10_000));
        let line = |out: &mut String, step: &str, rss: Option<u64>, cpu: u64, st: &str| {
            let main = step.is_empty();
            if main {
                let _ = write!(out, "{uid}|user{user:03}|{job_id}|{job_name}|");
            } else {
                let _ = write!(out, "||{job_id}.{step}|{step}|");
            }
            out.push_str(&submit);
            out.push('|');
            out.push_str(&start);
            out.push('|');
            duration(out, elapsed);
            let _ = write!(
                out,
                "|{}|{nnodes}|{ncpus}|",
                if main { partition } else { "" }
            );
            duration(out, cpu);
            out.push('|');
            duration(out, core_time);
            let _ = write!(out, "|{req_mem}|");
            if let Some(kb) = rss {
                let _ = write!(out, "{kb}K");
            }
            if main {
                let _ = write!(out, "|/home/user{user:03}/project{}", account % 7);
            } else {
                out.push('|');
            }
            let _ = writeln!(out, "|{st}|acc{account:02}|{tres}");
        };
        if !started {
            line(out, "", None, 0, "CANCELLED by 1234");
            return 1;
        }
        line(out, "", None, total_cpu, state);
        line(out, "batch", Some(rss_kb), total_cpu, step_state);
        line(out, "extern", Some(1_000 + rss_kb % 1_000), 0, "COMPLETED");
        for n in 0..numbered_steps {
            line(
                out,
                &n.to_string(),
                Some(rss_kb / 2),
                total_cpu / 2,
                step_state,
            );
        }
        3 + numbered_steps
    }
}

/// A whole synthetic log of at least `lines` lines (header included), in memory.
///
/// # Examples
/// ```
/// let log = empreinte::hpc::synth::generate(42, 100);
/// assert!(log.lines().count() >= 100);
/// assert_eq!(log, empreinte::hpc::synth::generate(42, 100));
/// ```
pub fn generate(seed: u64, lines: usize) -> String {
    let mut out = String::with_capacity(lines * 150 + HEADER.len() + 1);
    out.push_str(HEADER);
    out.push('\n');
    let mut synth = Synth::new(seed);
    let mut written = 1;
    while written < lines {
        written += synth.write_job(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hpc::{analyze, Cluster, Options};

    #[test]
    fn generated_logs_parse_without_a_malformed_line() {
        let log = generate(7, 3000);
        let cluster = Cluster::from_toml(CLUSTER_TOML).expect("cluster");
        let mut n = 0;
        let report =
            analyze(log.as_bytes(), cluster, Options::default(), &mut |_| n += 1).expect("report");
        let d = &report.diagnostics;
        assert_eq!(d.malformed_lines, 0, "{:?}", d.malformed_examples);
        assert_eq!(d.jobs_without_job_line, 0);
        assert!(d.unfinished_jobs > 0);
        assert!(report.totals.failed > 0 && report.totals.success > 0);
        assert!(report.totals.energy_gpu_kwh > 0.0);
        assert_eq!(report.totals.jobs, n);
        let bytes_per_line = log.len() as f64 / log.lines().count() as f64;
        assert!((120.0..180.0).contains(&bytes_per_line), "{bytes_per_line}");
    }
}
