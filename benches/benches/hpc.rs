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
use empreinte::hpc::{
    analyze, output, synth, Analyzer, Cluster, JobColumns, JobResult, LineBatch, Offsets, Options,
    TextColumn,
};

/// A log's lines as Arrow-layout text columns: (name, i32 offsets, bytes) per column.
fn columns(log: &str) -> Vec<(String, Vec<i32>, Vec<u8>)> {
    let mut lines = log.lines();
    let header = lines.next().unwrap_or("");
    let mut cols: Vec<(String, Vec<i32>, Vec<u8>)> = header
        .split('|')
        .map(|n| (n.to_owned(), vec![0], Vec::new()))
        .collect();
    for line in lines {
        for (col, field) in cols.iter_mut().zip(line.split('|')) {
            col.2.extend_from_slice(field.as_bytes());
            col.1.push(col.2.len() as i32);
        }
    }
    cols
}

/// The columns fed as record batches of 65 536 rows; the total CO2e.
fn feed_batches<F: FnMut(&JobResult<'_>)>(
    cluster: &Cluster,
    cols: &[(String, Vec<i32>, Vec<u8>)],
    sink: &mut F,
) -> Option<f64> {
    let mut a = Analyzer::new(cluster.clone(), Options::default());
    let rows = cols.first().map_or(0, |c| c.1.len() - 1);
    for start in (0..rows).step_by(65_536) {
        let end = (start + 65_536).min(rows);
        let mut batch = LineBatch::new();
        for (name, offsets, bytes) in cols {
            let column = TextColumn::new(name, Offsets::I32(&offsets[start..=end]), bytes, None);
            batch.push(name, column.ok()?).ok()?;
        }
        a.feed_batch(black_box(&batch), sink).ok()?;
    }
    a.finish(sink).ok().map(|r| r.totals.co2e_g)
}

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
    let cols = columns(&log);
    group.bench_function("feed_batches_100k_lines", |b| {
        b.iter(|| {
            let mut n = 0u64;
            let co2e = feed_batches(&cluster, &cols, &mut |_| n += 1);
            black_box((co2e, n))
        })
    });
    group.bench_function("feed_batches_to_job_columns_100k_lines", |b| {
        b.iter(|| {
            let mut jobs = JobColumns::new();
            let co2e = feed_batches(&cluster, &cols, &mut |j| jobs.push(j));
            black_box((co2e, jobs.len()))
        })
    });
    group.finish();
    c.bench_function("hpc/generate_100k_lines", |b| {
        b.iter(|| black_box(synth::generate(black_box(42), 100_000).len()))
    });
}

criterion_group!(benches, analysis);
criterion_main!(benches);
