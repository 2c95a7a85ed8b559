//! GA4HPC parity: the golden log of `tests/golden/ga4hpc.json` (30 sacct lines, the
//! cluster settings and GA4HPC's own per-job and total results) through the public API,
//! every number at relative 1e-9.

#![allow(clippy::panic, clippy::unwrap_used)]

use empreinte::hpc::{analyze, Cluster, Options, PartitionKind};
use empreinte::{DataVersion, Equivalences, Route};
use serde_json::Value;

use crate::ga4hpc;

use ga4hpc::{cluster_toml, log};

fn close(actual: f64, expected: f64) -> bool {
    actual == expected || (actual - expected).abs() <= 1e-9 * expected.abs().max(actual.abs())
}

#[test]
fn every_ga4hpc_job_and_total_matches_at_1e_9() {
    let golden = ga4hpc::golden();
    let cluster = Cluster::from_toml(&cluster_toml(&golden["cluster_info"])).unwrap();
    let log = log(&golden);
    let mut jobs: Vec<Value> = Vec::new();
    let report = analyze(log.as_bytes(), cluster, Options::default(), &mut |j| {
        let mut v = serde_json::to_value(j).unwrap();
        v["wallclock_h"] = j.wallclock_h().into();
        v["cpu_time_used_h"] = j.cpu_time_used_h().into();
        v["gpu_time_h"] = j.gpu_time_h().into();
        v["energy_failed_kwh"] = j.energy_failed_kwh().into();
        jobs.push(v);
    })
    .unwrap();

    let expected = golden["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), expected.len());
    let ds = DataVersion::V3_0.dataset();
    let mut failures = Vec::new();
    for (e, a) in expected.iter().zip(&jobs) {
        let id = e["job"].as_str().unwrap();
        assert_eq!(a["job_id"], e["job"]);
        assert_eq!(a["partition"], e["partition"]);
        let kind = match e["partition_type"].as_str().unwrap() {
            "CPU" => PartitionKind::Cpu,
            _ => PartitionKind::Gpu,
        };
        assert_eq!(a["partition_type"], serde_json::to_value(kind).unwrap());
        assert_eq!(
            a["success"].as_bool().unwrap(),
            e["state_code"] == 1,
            "{id}"
        );
        let pairs = [
            ("wallclock_h", "wallclock_h"),
            ("cpu_time_used_h", "cpu_time_used_h"),
            ("gpu_time_h", "gpu_time_h"),
            ("req_mem_GB", "req_mem_gb"),
            ("needed_mem_GB", "needed_mem_gb"),
            ("mem_overallocation_factor", "mem_overallocation_factor"),
            ("energy_CPUs_kWh", "energy_cpu_kwh"),
            ("energy_GPUs_kWh", "energy_gpu_kwh"),
            ("energy_memory_kWh", "energy_memory_kwh"),
            ("energy_kWh", "energy_kwh"),
            (
                "energy_memoryNeededOnly_kWh",
                "energy_memory_needed_only_kwh",
            ),
            ("energy_failedJobs_kWh", "energy_failed_kwh"),
            ("carbonFootprint_g", "co2e_g"),
            (
                "carbonFootprint_memoryNeededOnly_g",
                "co2e_memory_needed_only_g",
            ),
        ];
        for (golden_key, ours) in pairs {
            let (x, y) = (e[golden_key].as_f64().unwrap(), a[ours].as_f64().unwrap());
            if !close(y, x) {
                failures.push(format!("{id} {golden_key}: expected {x}, got {y}"));
            }
        }
        let co2e = a["co2e_g"].as_f64().unwrap();
        let eq =
            Equivalences::compute_with(ds, empreinte::units::GramsCo2e(co2e), Route::ParisLondon);
        if !close(eq.car_km, e["driving_km"].as_f64().unwrap()) {
            failures.push(format!("{id} driving_km"));
        }
        // GA4HPC's tree-month is 917 g; ours is treeYear / 12 = 916.67 g (documented)
        let tree = e["treeMonths_917"].as_f64().unwrap();
        assert!(close(co2e / 917.0, tree), "{id} treeMonths_917");
        assert!((eq.tree_months / tree - 917.0 / (11_000.0 / 12.0)).abs() < 1e-9);
    }
    let t = &golden["totals"];
    for (golden_key, ours) in [
        ("energy_kWh", report.totals.energy_kwh),
        ("carbonFootprint_g", report.totals.co2e_g),
        ("carbonFootprint_failedJobs_g", report.totals.co2e_failed_g),
        (
            "carbonFootprint_memoryNeededOnly_g",
            report.totals.co2e_memory_needed_only_g,
        ),
    ] {
        let x = t[golden_key].as_f64().unwrap();
        if !close(ours, x) {
            failures.push(format!("total {golden_key}: expected {x}, got {ours}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(report.totals.jobs, 10);
    assert_eq!(report.totals.failed, 3);
    assert_eq!(report.diagnostics.malformed_lines, 0);
    assert_eq!(report.diagnostics.lines, 31);
}
