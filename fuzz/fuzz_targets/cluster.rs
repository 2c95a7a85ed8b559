//! Any text as a cluster file: a typed error or a valid cluster, never a panic.
#![no_main]

use empreinte::hpc::Cluster;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(c) = Cluster::from_toml(text) {
            assert!(c.pue >= 1.0 && c.ci_g_per_kwh >= 0.0);
        }
    }
});
