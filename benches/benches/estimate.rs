//! Criterion benchmarks of one estimate, of each table lookup it makes, of reading a job
//! from JSON and of writing a result as JSON.
//!
//! Run with `cargo bench -p empreinte-benches --bench estimate -- --quick` (or
//! `make bench`); the figures go in the README's Benchmarks section.

// `criterion_group!` generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use empreinte::{estimate, CpuSpec, DataVersion, GpuSpec, Job, Platform};

/// The quick-start job: 12 h on 12 cores of a Xeon E5-2683 v4, 64 GB, a local server in
/// France (data v3.0).
fn cpu_job_france() -> Job {
    Job {
        runtime_h: Some(12.0),
        cpu: Some(CpuSpec {
            model: Some("Xeon E5-2683 v4".to_owned()),
            cores: Some(12),
            ..CpuSpec::default()
        }),
        memory_gb: Some(64.0),
        platform: Some(Platform::LocalServer),
        location: Some("FR".to_owned()),
        ..Job::default()
    }
}

/// A cloud job on CPU and GPU: 8 cores and 2 V100 for 10 h, 128 GB, gcp us-west1 (the
/// location and the PUE come from the data centre).
fn gpu_job_cloud() -> Job {
    Job {
        runtime_h: Some(10.0),
        cpu: Some(CpuSpec {
            model: Some("Xeon E5-2683 v4".to_owned()),
            cores: Some(8),
            ..CpuSpec::default()
        }),
        gpu: Some(GpuSpec {
            model: Some("NVIDIA Tesla V100".to_owned()),
            count: Some(2),
            ..GpuSpec::default()
        }),
        memory_gb: Some(128.0),
        platform: Some(Platform::Cloud),
        provider: Some("gcp".to_owned()),
        datacenter: Some("us-west1".to_owned()),
        ..Job::default()
    }
}

const SMALL_JOB_JSON: &str = r#"{"runtime_h": 12, "cpu": {"model": "Xeon E5-2683 v4", "cores": 12},
    "memory_gb": 64, "platform": "local_server", "location": "FR"}"#;

fn bench_estimate(c: &mut Criterion) {
    let mut group = c.benchmark_group("estimate");
    let cpu = cpu_job_france();
    let gpu = gpu_job_cloud();
    // warm the lazily built lookup indexes and check the jobs are valid
    estimate(&cpu).expect("cpu job estimates");
    estimate(&gpu).expect("gpu job estimates");
    group.bench_function("cpu_local_server_fr", |b| {
        b.iter(|| estimate(black_box(&cpu)))
    });
    group.bench_function("cpu_gpu_cloud_gcp_us_west1", |b| {
        b.iter(|| estimate(black_box(&gpu)))
    });
    group.bench_function("green_algorithms_only_cpu_local_server_fr", |b| {
        b.iter(|| empreinte::estimate_green_algorithms(black_box(&cpu)))
    });
    group.finish();
}

/// Every `estimate` above already carries embodied emissions, interval ranges, water and
/// the alternative CI; here the 10 000-sample Monte Carlo variant, and the batch path
/// (names resolved once, numeric kernel per row) that `estimate_frame` uses.
fn bench_beyond(c: &mut Criterion) {
    let mut group = c.benchmark_group("beyond");
    let mut mc = cpu_job_france();
    mc.uncertainty = Some(
        serde_json::from_value(
            serde_json::json!({"method": "monte_carlo", "samples": 10_000, "seed": 42}),
        )
        .expect("options"),
    );
    estimate(&mc).expect("monte carlo job estimates");
    group.bench_function("estimate_montecarlo_10000", |b| {
        b.iter(|| estimate(black_box(&mc)))
    });
    let mut batch = empreinte::batch::Batch::new();
    let row = empreinte::batch::RowInput {
        runtime_h: Some(12.0),
        cpu_model: Some("Xeon E5-2683 v4"),
        cpu_cores: Some(12.0),
        memory_gb: Some(64.0),
        location: Some("FR"),
        ..empreinte::batch::RowInput::default()
    };
    batch.estimate(&row).expect("batch row");
    group.bench_function("batch_row_repeated_names", |b| {
        b.iter(|| batch.estimate(black_box(&row)))
    });
    group.finish();
}

fn bench_lookups(c: &mut Criterion) {
    let ds = DataVersion::V3_0.dataset();
    // build the indexes once, outside the timing
    ds.cpu("Xeon E5-2683 v4").expect("cpu");
    let mut group = c.benchmark_group("lookup");
    group.bench_function("cpu", |b| b.iter(|| ds.cpu(black_box("Xeon E5-2683 v4"))));
    group.bench_function("gpu", |b| b.iter(|| ds.gpu(black_box("NVIDIA Tesla V100"))));
    group.bench_function("location_code", |b| b.iter(|| ds.location(black_box("FR"))));
    group.bench_function("location_name", |b| {
        b.iter(|| ds.location(black_box("France")))
    });
    group.bench_function("datacenter", |b| {
        b.iter(|| ds.datacenter(black_box(Some("gcp")), black_box("us-west1")))
    });
    group.bench_function("provider", |b| b.iter(|| ds.provider(black_box("gcp"))));
    group.finish();
}

fn bench_json(c: &mut Criterion) {
    let mut group = c.benchmark_group("json");
    group.bench_function("job_from_json", |b| {
        b.iter(|| Job::from_json(black_box(SMALL_JOB_JSON)))
    });
    let result = estimate(&cpu_job_france()).expect("estimate");
    group.bench_function("estimate_to_json", |b| {
        b.iter(|| serde_json::to_string(black_box(&result)))
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_estimate,
    bench_beyond,
    bench_lookups,
    bench_json
);
criterion_main!(benches);
