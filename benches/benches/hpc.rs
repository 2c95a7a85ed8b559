//! Criterion benchmarks of the Slurm log analysis (`empreinte::hpc`): a synthetic log
//! (seed 42) parsed, merged, computed and summed in memory, and one job's outputs.
//!
//! Run with `cargo bench -p empreinte-benches --bench hpc -- --quick`. The end-to-end
//! figure (one million lines from a file, with peak memory) comes from the release binary:
//! see the README's HPC section.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use empreinte::hpc::{analyze, output, synth, Cluster, Options};

fn analysis(c: &mut Criterion) {
    let log = synth::generate(42, 100_000);
    let cluster = Cluster::from_toml(synth::CLUSTER_TOML).expect("the synthetic cluster file");
    let mut group = c.benchmark_group("hpc");
    group.throughput(Throughput::Bytes(log.len() as u64));
    group.sample_size(10);
    group.bench_function("analyze_100k_lines", |b| {
        b.iter(|| {
            let mut jobs = 0u64;
            let report = analyze(
                black_box(log.as_bytes()),
                cluster.clone(),
                Options::default(),
                &mut |_| jobs += 1,
            );
            black_box((report.map(|r| r.totals.co2e_g), jobs))
        })
    });
    group.bench_function("analyze_and_write_jobs_csv_100k_lines", |b| {
        b.iter(|| {
            let mut csv = String::with_capacity(log.len());
            let report = analyze(
                black_box(log.as_bytes()),
                cluster.clone(),
                Options::default(),
                &mut |j| output::job_csv_row(&mut csv, j),
            );
            black_box((report.map(|r| r.totals.co2e_g), csv.len()))
        })
    });
    group.finish();
    c.bench_function("hpc/generate_100k_lines", |b| {
        b.iter(|| black_box(synth::generate(black_box(42), 100_000).len()))
    });
}

criterion_group!(benches, analysis);
criterion_main!(benches);
