//! Any bytes as a sacct log, whole and in two chunks split at the first byte's position:
//! no panic, the same report either way, finite sums.
#![no_main]

use empreinte::hpc::{analyze, synth, Analyzer, Cluster, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(cluster) = Cluster::from_toml(synth::CLUSTER_TOML) else {
        return;
    };
    // half the inputs get a valid header in front, so that the line parser is reached
    let mut log = Vec::with_capacity(data.len() + synth::HEADER.len() + 1);
    if data.first().is_some_and(|b| b & 1 == 0) {
        log.extend_from_slice(synth::HEADER.as_bytes());
        log.push(b'\n');
    }
    log.extend_from_slice(data);
    for strict in [false, true] {
        let opts = Options {
            strict,
            window: 1 + data.len() % 7,
            ..Options::default()
        };
        let whole = analyze(&log, cluster.clone(), opts.clone(), &mut |j| {
            assert!(j.energy_kwh.is_finite() && j.energy_kwh >= 0.0);
        });
        let split = data.first().map_or(0, |&b| usize::from(b)).min(log.len());
        let mut a = Analyzer::new(cluster.clone(), opts);
        let chunked = a
            .feed(&log[..split], &mut |_| {})
            .and_then(|()| a.feed(&log[split..], &mut |_| {}))
            .and_then(|()| a.finish(&mut |_| {}));
        match (&whole, &chunked) {
            (Ok(w), Ok(c)) => {
                assert!(w.totals.energy_kwh.is_finite());
                assert_eq!(w.totals.jobs, c.totals.jobs);
                assert_eq!(w.diagnostics.malformed_lines, c.diagnostics.malformed_lines);
            }
            (Err(_), Err(_)) => {}
            _ => panic!("chunking changed the outcome: {whole:?} vs {chunked:?}"),
        }
    }
});
