//! The GA4HPC golden vectors (`tests/golden/ga4hpc.json`: a 30-line sacct log, the cluster
//! settings, GA4HPC's own per-job and total results) as the Rust tests of every crate read
//! them: `#[path = "…/tests/support/ga4hpc.rs"] mod ga4hpc;`.
#![allow(dead_code, clippy::unwrap_used)]

use serde_json::Value;

/// The golden file's text.
pub const GOLDEN: &str = include_str!("../golden/ga4hpc.json");

/// The golden document.
pub fn golden() -> Value {
    serde_json::from_str(GOLDEN).unwrap()
}

/// The golden sacct lines as a log (header first, a line end after each line).
pub fn log(golden: &Value) -> String {
    golden["sacct_raw_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{}\n", l.as_str().unwrap()))
        .collect()
}

/// The golden `cluster_info` written as an Empreinte cluster file (a flat CI,
/// `ci_g_per_kwh`, on its own line).
pub fn cluster_toml(info: &Value) -> String {
    let mut t = format!(
        "name = {:?}\ninstitution = {:?}\npue = {}\nci_g_per_kwh = {}\nmemory_request_step_gb = {}\ndefault_rss_unit = {:?}\n[price]\nper_kwh = {}\ncurrency = {:?}\n",
        info["cluster_name"].as_str().unwrap(),
        info["institution"].as_str().unwrap(),
        info["PUE"],
        info["CI"],
        info["granularity_memory_request"],
        info["default_unit_RSS"].as_str().unwrap(),
        info["energy_cost"]["cost"],
        info["energy_cost"]["currency"].as_str().unwrap(),
    );
    for (name, p) in info["partitions"].as_object().unwrap() {
        let kind = p["type"].as_str().unwrap().to_ascii_lowercase();
        t.push_str(&format!("[partitions.{name}]\ntype = {kind:?}\n"));
        if kind == "gpu" {
            t.push_str(&format!(
                "gpu_model = {:?}\nw_per_gpu = {}\ncpu_model = {:?}\nw_per_core = {}\n",
                p["model"].as_str().unwrap(),
                p["TDP"],
                p["model_CPU"].as_str().unwrap(),
                p["TDP_CPU"]
            ));
        } else {
            t.push_str(&format!(
                "cpu_model = {:?}\nw_per_core = {}\n",
                p["model"].as_str().unwrap(),
                p["TDP"]
            ));
        }
    }
    t
}
