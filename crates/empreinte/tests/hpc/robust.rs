//! The failure modes GA4HPC users met, each on a small log: nothing is fatal but a missing
//! header (and, in strict mode, a malformed line); nothing panics on any input.

#![allow(clippy::panic, clippy::unwrap_used)]

use empreinte::hpc::{analyze, synth, Analysis, Analyzer, Cluster, Options, PartitionMatch};
use proptest::prelude::*;
use serde_json::Value;

const CLUSTER: &str = r#"
pue = 1.5
ci_g_per_kwh = 100
memory_request_step_gb = 4
success_states = ["TIMEOUT"]
[partitions.cpu]
type = "cpu"
w_per_core = 10
memory_per_node_gb = 100
[partitions.gpu]
type = "gpu"
w_per_core = 5
w_per_gpu = 300
"#;

const HEADER: &str = "UID|User|JobID|JobName|Submit|Elapsed|Partition|NNodes|NCPUS|TotalCPU|CPUTime|ReqMem|MaxRSS|WorkDir|State|Account|AllocTRES";

fn cluster() -> Cluster {
    Cluster::from_toml(CLUSTER).unwrap()
}

fn run_with(log: &str, opts: Options) -> (Analysis, Vec<Value>) {
    let mut jobs = Vec::new();
    let report = analyze(log.as_bytes(), cluster(), opts, &mut |j| {
        jobs.push(serde_json::to_value(j).unwrap());
    })
    .unwrap();
    (report, jobs)
}

fn run(lines: &[&str]) -> (Analysis, Vec<Value>) {
    let mut log = format!("{HEADER}\n");
    for l in lines {
        log.push_str(l);
        log.push('\n');
    }
    run_with(&log, Options::default())
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

#[test]
fn empty_fields_are_unknown_not_fatal() {
    let (r, jobs) = run(&["1|u|7|j|2024-01-01T00:00:00||cpu|1|2||||||COMPLETED|a|"]);
    assert_eq!(r.diagnostics.malformed_lines, 0);
    assert_eq!(jobs.len(), 1);
    assert_eq!(f(&jobs[0], "energy_kwh"), 0.0);
    assert_eq!(jobs[0]["memory_unknown"], true);
    assert_eq!(r.diagnostics.jobs_memory_unknown, 1);
    // empty Partition: unknown partition, reported
    let (r, jobs) =
        run(&["1|u|8|j|2024-01-01T00:00:00|01:00:00||1|2|01:00:00|02:00:00|4G||/|COMPLETED|a|"]);
    assert_eq!(jobs[0]["partition_match"], "unknown");
    assert_eq!(r.diagnostics.jobs_unknown_partition, 1);
    assert_eq!(r.diagnostics.unknown_partitions[0].name, "");
    assert_eq!(r.totals.jobs, 0);
}

#[test]
fn whole_node_memory_uses_the_partition() {
    let (r, jobs) = run(&[
        "1|u|1|j|2024-01-01T00:00:00|01:00:00|cpu|2|8|01:00:00|08:00:00|0n||/|COMPLETED|a|",
        "1|u|2|j|2024-01-01T00:00:00|01:00:00|cpu|1|8|01:00:00|08:00:00|0c||/|COMPLETED|a|",
        "1|u|3|j|2024-01-01T00:00:00|01:00:00|gpu|1|8|01:00:00|08:00:00|0n||/|COMPLETED|a|gres/gpu=1",
    ]);
    assert_eq!(f(&jobs[0], "req_mem_gb"), 200.0);
    assert_eq!(f(&jobs[1], "req_mem_gb"), 100.0);
    // the gpu partition has no memory_per_node_gb: flagged, counted as 0
    assert_eq!(f(&jobs[2], "req_mem_gb"), 0.0);
    assert_eq!(jobs[2]["memory_unknown"], true);
    assert_eq!(r.diagnostics.jobs_memory_unknown, 1);
}

#[test]
fn units_bare_numbers_and_typed_gres() {
    let (_, jobs) = run(&[
        "1|u|1|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|1Tn|500000000|/|COMPLETED|a|",
        "1|u|2|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|4000|1.5G|/|COMPLETED|a|",
        "1|u|3|j|2024-01-01T00:00:00|01:00:00|gpu|1|4|01:00:00|04:00:00|8G||/|COMPLETED|a|cpu=4,gres/gpu:a100=2,node=1",
    ]);
    assert_eq!(f(&jobs[0], "req_mem_gb"), 1000.0);
    assert_eq!(f(&jobs[0], "used_mem_gb"), 500.0); // bare MaxRSS in the default unit K
    assert_eq!(f(&jobs[1], "req_mem_gb"), 4.0); // bare ReqMem in MB
    assert_eq!(f(&jobs[2], "ngpus"), 2.0);
    assert!((f(&jobs[2], "energy_gpu_kwh") - 0.6).abs() < 1e-12);
}

#[test]
fn total_cpu_above_cpu_time_is_used_and_counted() {
    let (r, jobs) =
        run(&["1|u|1|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|02:00:00|01:00:00|4G||/|COMPLETED|a|"]);
    assert_eq!(f(&jobs[0], "cpu_time_used_ms"), 7_200_000.0);
    assert_eq!(r.diagnostics.jobs_total_cpu_above_cpu_time, 1);
}

#[test]
fn several_users_accounts_and_days() {
    let (r, _) = run(&[
        "1|alice|1|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|4G||/|COMPLETED|p1|",
        "2|bob|2|j|2024-01-02T00:00:00|02:00:00|cpu|1|1|02:00:00|02:00:00|4G||/|FAILED|p2|",
        "1|alice|3|j|2024-01-02T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|4G||/|TIMEOUT|p1|",
    ]);
    assert_eq!(r.by_user.len(), 2);
    assert_eq!(r.by_user[0].name, "alice"); // same CO2e as bob: by name
    assert_eq!(r.by_user[0].totals.jobs, 2);
    assert_eq!(r.by_user[0].totals.success, 2); // TIMEOUT counts as success here
    assert_eq!(r.by_account.len(), 2);
    let days: Vec<&str> = r.by_day.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(days, ["2024-01-01", "2024-01-02"]);
    assert_eq!(r.totals.failed, 1);
    assert!((r.totals.co2e_failed_g - r.by_user[1].totals.co2e_g).abs() < 1e-9);
}

#[test]
fn missing_optional_columns() {
    let log = "JobID|Elapsed|NCPUS|State|Partition\n5|01:00:00|4|COMPLETED|cpu\n5.batch|01:00:00|4|COMPLETED|\n";
    let (r, jobs) = run_with(log, Options::default());
    assert_eq!(jobs.len(), 1);
    assert_eq!(f(&jobs[0], "cpu_time_used_ms"), 4.0 * 3_600_000.0); // Elapsed × NCPUS
    assert!(r.diagnostics.missing_columns.contains(&"ReqMem".to_owned()));
    assert!(r
        .diagnostics
        .missing_columns
        .contains(&"AllocTRES".to_owned()));
    // without AllocTRES, GPU jobs count one GPU, as upstream, and say so
    let log = "JobID|Elapsed|NCPUS|State|Partition\n6|01:00:00|4|COMPLETED|gpu\n";
    let (r, jobs) = run_with(log, Options::default());
    assert_eq!(f(&jobs[0], "ngpus"), 1.0);
    assert_eq!(r.diagnostics.jobs_gpus_assumed, 1);
    // a header without a required column is the one fatal error
    let e = analyze(
        b"JobID|State\n1|COMPLETED\n",
        cluster(),
        Options::default(),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_sacct_line");
    assert!(e.to_string().contains("Elapsed"), "{e}");
    let e = analyze(b"", cluster(), Options::default(), &mut |_| {}).unwrap_err();
    assert_eq!(e.field(), Some("header"));
}

#[test]
fn unknown_partitions_are_reported_or_use_the_fallback() {
    let lines = [
        "1|u|1|j|2024-01-01T00:00:00|01:00:00|weird|1|1|01:00:00|01:00:00|4G||/|COMPLETED|a|",
        "1|u|2|j|2024-01-01T00:00:00|01:00:00|weird,cpu|1|1|01:00:00|01:00:00|4G||/|COMPLETED|a|",
    ];
    let (r, jobs) = run(&lines);
    assert_eq!(r.diagnostics.unknown_partitions.len(), 1);
    assert_eq!(r.diagnostics.unknown_partitions[0].jobs, 2);
    assert_eq!(jobs.len(), 2);
    assert_eq!(r.totals.jobs, 0);
    let with_fallback =
        Cluster::from_toml(&format!("fallback_partition = \"cpu\"\n{CLUSTER}")).unwrap();
    let log = format!("{HEADER}\n{}\n", lines[0]);
    let mut matched = Vec::new();
    let r = analyze(
        log.as_bytes(),
        with_fallback,
        Options::default(),
        &mut |j| {
            matched.push(j.partition_match);
        },
    )
    .unwrap();
    assert_eq!(matched, [PartitionMatch::Fallback]);
    assert_eq!(r.totals.jobs, 1);
    assert_eq!(r.diagnostics.jobs_fallback_partition, 1);
}

#[test]
fn crlf_and_a_truncated_last_line() {
    let log = format!(
        "{HEADER}\r\n1|u|1|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|4G||/|COMPLETED|a|\r\n1|u|2|j|2024-01-01T00:00:00|01:0"
    );
    let (r, jobs) = run_with(&log, Options::default());
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0]["account"], "a");
    let with_bom = "\u{FEFF}JobID|Elapsed|NCPUS|State\r\n1|01:00:00|1|COMPLETED\r\n";
    assert_eq!(run_with(with_bom, Options::default()).1.len(), 1);
    assert!(r.diagnostics.last_line_unterminated);
    assert_eq!(r.diagnostics.malformed_lines, 1);
    assert_eq!(r.diagnostics.malformed_examples[0].line, 3);
}

#[test]
fn malformed_lines_are_counted_with_their_numbers_or_fatal_in_strict_mode() {
    let mut lines = vec![
        "1|u|1|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|4G||/|COMPLETED|a|"
            .to_owned(),
    ];
    for i in 0..15 {
        lines.push(format!(
            "1|u|{i}|j|2024-01-01T00:00:00|xx:00|cpu|1|1|01:00:00|01:00:00|4G||/|COMPLETED|a|"
        ));
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (r, jobs) = run(&refs);
    assert_eq!(jobs.len(), 1);
    let d = &r.diagnostics;
    assert_eq!(d.malformed_lines, 15);
    assert_eq!(d.malformed_examples.len(), 10);
    assert_eq!(d.malformed_examples[0].line, 3);
    assert_eq!(d.malformed_examples[0].field, "Elapsed");
    assert!(d.malformed_examples[0].reason.contains("xx:00"));
    let log = format!("{HEADER}\n{}\n", refs.join("\n"));
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let e = analyze(log.as_bytes(), cluster(), strict, &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), "invalid_sacct_line");
    assert_eq!(e.field(), Some("Elapsed"));
    assert!(e.to_string().starts_with("line 3 "), "{e}");
}

#[test]
fn centuries_of_core_time_sum_exactly() {
    // 10 000 jobs of 1 000 cores × 99 days: 2.7 million core-years
    let mut log = format!("{HEADER}\n");
    for i in 0..10_000 {
        log.push_str(&format!(
            "1|u|{i}|j|2024-01-01T00:00:00|99-00:00:00|cpu|25|1000|99000-00:00:00|99000-00:00:00|4G||/|COMPLETED|a|\n"
        ));
    }
    let (r, _) = run_with(&log, Options::default());
    assert_eq!(r.totals.cpu_time_used_ms, 10_000 * 99_000 * 86_400_000);
    assert_eq!(r.totals.wallclock_ms, 10_000 * 99 * 86_400_000);
}

#[test]
fn steps_merge_out_of_order_within_the_window_and_late_ones_are_left_out() {
    let job = |id: u32| {
        format!(
            "1|u|{id}|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|00:30:00|01:00:00|4G||/|COMPLETED|a|"
        )
    };
    let step = |id: u32, rss: &str| {
        format!("||{id}.batch|batch|2024-01-01T00:00:00|01:00:00||1|1|00:30:00|01:00:00|4G|{rss}||FAILED|a|")
    };
    // step before its job, and interleaved jobs: merged
    let lines = [step(1, "3G"), job(2), job(1), step(2, "1G")];
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (r, jobs) = run(&refs);
    assert_eq!(jobs.len(), 2);
    assert_eq!(r.totals.failed, 2);
    assert_eq!(r.diagnostics.jobs_without_job_line, 0);
    let by_id = |id: &str| jobs.iter().find(|j| j["job_id"] == id).unwrap().clone();
    assert_eq!(f(&by_id("1"), "used_mem_gb"), 3.0);
    // with a window of 1, the step of job 1 arrives after job 1 was closed
    let lines = [job(1), job(2), step(1, "3G")];
    let log = format!("{HEADER}\n{}\n", lines.join("\n"));
    let opts = Options {
        window: 1,
        ..Options::default()
    };
    let (r, jobs) = run_with(&log, opts);
    assert_eq!(jobs.len(), 2);
    assert_eq!(r.totals.failed, 0);
    assert_eq!(r.diagnostics.jobs_without_job_line, 1);
    assert_eq!(r.diagnostics.lines_without_job_line, 1);
}

#[test]
fn unfinished_jobs_are_left_out_and_repeated_headers_skipped() {
    let log = format!(
        "{HEADER}\n1|u|1|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|4G||/|RUNNING|a|\n\n{HEADER}\n1|u|2|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|4G||/|COMPLETED|a|\n"
    );
    let (r, jobs) = run_with(&log, Options::default());
    assert_eq!(jobs.len(), 1);
    assert_eq!(r.diagnostics.unfinished_jobs, 1);
    assert_eq!(r.diagnostics.repeated_headers, 1);
    assert_eq!(r.diagnostics.blank_lines, 1);
}

#[test]
fn odd_fractions_are_decimal_and_counted() {
    let (r, jobs) =
        run(&["1|u|1|j|2024-01-01T00:00:00|00:01.5|cpu|1|1|00:01.5|00:01.5|4G||/|COMPLETED|a|"]);
    assert_eq!(f(&jobs[0], "wallclock_ms"), 1500.0);
    assert_eq!(r.diagnostics.lines_with_odd_fractions, 1);
}

fn report_json(log: &[u8], chunks: &[usize]) -> (Value, usize) {
    let mut a = Analyzer::new(cluster(), Options::default());
    let mut n = 0;
    let mut rest = log;
    for &c in chunks {
        let c = c.min(rest.len());
        a.feed(&rest[..c], &mut |_| n += 1).unwrap();
        rest = &rest[c..];
    }
    a.feed(rest, &mut |_| n += 1).unwrap();
    let r = a.finish(&mut |_| n += 1).unwrap();
    (serde_json::to_value(&r).unwrap(), n)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_chunking_gives_the_same_report(chunks in proptest::collection::vec(0usize..400, 0..40)) {
        let log = synth::generate(3, 200);
        let whole = report_json(log.as_bytes(), &[]);
        prop_assert_eq!(report_json(log.as_bytes(), &chunks), whole);
    }

    #[test]
    fn no_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut log = format!("{HEADER}\n").into_bytes();
        log.extend_from_slice(&bytes);
        let _ = analyze(&log, cluster(), Options::default(), &mut |_| {});
        let _ = analyze(&bytes, cluster(), Options::default(), &mut |_| {});
    }

    #[test]
    fn no_panic_on_arbitrary_fields(fields in proptest::collection::vec(
        proptest::string::string_regex("[0-9A-Za-z:.\\-_/=, ]{0,14}").unwrap(), 17..=17), lines in 1usize..4) {
        let line = fields.join("|");
        let mut log = format!("{HEADER}\n");
        for _ in 0..lines {
            log.push_str(&line);
            log.push('\n');
        }
        let result = analyze(log.as_bytes(), cluster(), Options::default(), &mut |j| {
            assert!(j.energy_kwh.is_finite() && j.energy_kwh >= 0.0);
            assert!(j.co2e_g.is_finite() && j.co2e_g >= 0.0);
        });
        let report = result.unwrap();
        prop_assert!(report.totals.energy_kwh.is_finite());
    }
}

const GOOD_LINE: &str =
    "1|u|1|j|2024-01-01T00:00:00|01:00:00|cpu|1|1|01:00:00|01:00:00|4G|1G|/w|COMPLETED|a|cpu=1";

/// Feeds a header, one line of `long` bytes without a newline in 1 MiB chunks (what a
/// 2 GB line read by `empreinte hpc` looks like), then a newline and a good line.
fn feed_long_line(long: usize, strict: bool) -> (Result<Analysis, empreinte::Error>, usize) {
    let mut a = Analyzer::new(
        cluster(),
        Options {
            strict,
            ..Options::default()
        },
    );
    let sink = &mut |_: &empreinte::hpc::JobResult<'_>| {};
    a.feed(format!("{HEADER}\n").as_bytes(), sink).unwrap();
    let chunk = vec![b'x'; 1 << 20];
    let mut peak = 0;
    let mut left = long;
    while left > 0 {
        let n = left.min(chunk.len());
        if let Err(e) = a.feed(&chunk[..n], sink) {
            return (Err(e), peak);
        }
        peak = peak.max(a.carried_bytes());
        left -= n;
    }
    let end = a.feed(format!("\n{GOOD_LINE}\n").as_bytes(), sink);
    peak = peak.max(a.carried_bytes());
    match end {
        Err(e) => (Err(e), peak),
        Ok(()) => (a.finish(sink), peak),
    }
}

#[test]
fn a_2_gb_line_is_skipped_and_counted_without_being_held() {
    let (report, peak) = feed_long_line(2 << 30, false);
    let report = report.unwrap();
    assert!(peak <= empreinte::hpc::MAX_LINE_BYTES, "held {peak} bytes");
    assert_eq!(report.diagnostics.malformed_lines, 1);
    assert!(report.diagnostics.malformed_examples[0]
        .reason
        .contains("longer than"));
    assert_eq!(report.totals.jobs, 1, "the good line after it is read");
    // under --strict it is an error naming the line
    let (report, peak) = feed_long_line(8 << 20, true);
    assert!(peak <= empreinte::hpc::MAX_LINE_BYTES);
    let e = report.unwrap_err();
    assert_eq!(e.code(), "invalid_sacct_line");
    assert!(e.to_string().contains("longer than"), "{e}");
}

#[test]
fn a_long_last_line_and_a_long_line_in_one_chunk_are_skipped_too() {
    // one chunk holding the whole long line
    let long = "y".repeat(empreinte::hpc::MAX_LINE_BYTES + 1);
    let (r, _) = run(&[&long, GOOD_LINE]);
    assert_eq!((r.diagnostics.malformed_lines, r.totals.jobs), (1, 1));
    // a long line that the log ends with, without a newline
    let mut a = Analyzer::new(cluster(), Options::default());
    let sink = &mut |_: &empreinte::hpc::JobResult<'_>| {};
    a.feed(format!("{HEADER}\n{GOOD_LINE}\n").as_bytes(), sink)
        .unwrap();
    for _ in 0..3 {
        a.feed(&vec![b'z'; 1 << 20], sink).unwrap();
    }
    let r = a.finish(sink).unwrap();
    assert_eq!((r.diagnostics.malformed_lines, r.totals.jobs), (1, 1));
    assert!(r.diagnostics.last_line_unterminated);
}

#[test]
fn a_cluster_file_too_large_or_with_too_many_partitions_is_refused() {
    let many: String = (0..Cluster::MAX_PARTITIONS + 1)
        .map(|i| format!("[partitions.p{i}]\ntype = \"cpu\"\nw_per_core = 1\n"))
        .collect();
    let e = Cluster::from_toml(&format!("pue = 1.2\nci_g_per_kwh = 50\n{many}")).unwrap_err();
    assert_eq!(e.field(), Some("partitions"), "{e}");
    let big = format!("# {}\npue = 1.2\n", "x".repeat(Cluster::MAX_CLUSTER_BYTES));
    let e = Cluster::from_toml(&big).unwrap_err();
    assert!(e.to_string().contains("more than the limit"), "{e}");
}
