//! Property tests: the laws of the calculation, and no panic on any input.
#![allow(clippy::unwrap_used, clippy::panic)]

use empreinte::{estimate, CpuSpec, DataVersion, GpuSpec, Job, Platform};
use proptest::prelude::*;

fn rel_eq(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

/// A valid job drawn from the tables of a random data version.
fn valid_job() -> impl Strategy<Value = Job> {
    (
        0usize..DataVersion::ALL.len(),
        0.0f64..10_000.0,
        proptest::option::of((any::<prop::sample::Index>(), 1i64..512, 0.0f64..=1.0)),
        proptest::option::of((any::<prop::sample::Index>(), 1i64..16, 0.0f64..=1.0)),
        0.0f64..4096.0,
        any::<prop::sample::Index>(),
        proptest::option::of(1.0f64..3.0),
        1.0f64..100.0,
        0usize..2,
    )
        .prop_filter("cpu or gpu", |t| t.2.is_some() || t.3.is_some())
        .prop_map(|(v, runtime, cpu, gpu, mem, loc, pue, mf, platform)| {
            let ds = DataVersion::ALL[v].dataset();
            Job {
                data_version: Some(DataVersion::ALL[v].as_str().to_owned()),
                runtime_h: Some(runtime),
                cpu: cpu.map(|(i, cores, usage)| CpuSpec {
                    model: Some(i.get(ds.cpus).name.to_owned()),
                    cores: Some(cores),
                    usage: Some(usage),
                    tdp_per_core_w: None,
                    measured_by: None,
                }),
                gpu: gpu.map(|(i, count, usage)| GpuSpec {
                    model: Some(i.get(ds.gpus).name.to_owned()),
                    count: Some(count),
                    usage: Some(usage),
                    tdp_w: None,
                    measured_by: None,
                }),
                memory_gb: Some(mem),
                platform: Some([Platform::LocalServer, Platform::PersonalComputer][platform]),
                location: Some(loc.get(ds.locations).code.to_owned()),
                pue,
                multiplicative_factor: Some(mf),
                ..Job::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn energy_is_linear_in_runtime_and_mf(job in valid_job(), k in 1.0f64..50.0) {
        let base = estimate(&job).unwrap();
        let mut longer = job.clone();
        longer.runtime_h = job.runtime_h.map(|r| r * k);
        prop_assert!(rel_eq(estimate(&longer).unwrap().figures.energy_kwh, base.figures.energy_kwh * k));
        let mut repeated = job.clone();
        repeated.multiplicative_factor = job.multiplicative_factor.map(|m| m * k);
        prop_assert!(rel_eq(estimate(&repeated).unwrap().figures.energy_kwh, base.figures.energy_kwh * k));
    }

    #[test]
    fn co2e_is_energy_times_ci_and_breakdowns_sum(job in valid_job()) {
        let e = estimate(&job).unwrap();
        prop_assert!(rel_eq(e.figures.co2e_g, e.figures.energy_kwh * e.figures.ci_g_per_kwh));
        let b = e.figures.energy_breakdown_kwh;
        prop_assert!((b.cpu + b.gpu + b.memory - e.figures.energy_kwh).abs() <= 1e-12 * e.figures.energy_kwh.max(1e-300));
        let c = e.figures.co2e_breakdown_g;
        prop_assert!((c.cpu + c.gpu + c.memory - e.figures.co2e_g).abs() <= 1e-12 * e.figures.co2e_g.max(1e-300));
        let p = e.figures.power_breakdown_w;
        prop_assert!((p.cpu + p.gpu + p.memory - e.figures.power_w).abs() <= 1e-12 * e.figures.power_w.max(1e-300));
        prop_assert!(e.figures.energy_kwh >= 0.0 && e.figures.co2e_g >= 0.0);
        prop_assert!(rel_eq(e.figures.energy_kwh, e.figures.power_w * e.runtime_h * e.multiplicative_factor / 1000.0));
    }

    #[test]
    fn energy_is_monotone_in_cores_usage_memory_and_pue(
        job in valid_job(), extra in 1i64..64, du in 0.0f64..1.0, dm in 0.0f64..512.0, dp in 0.0f64..1.0,
    ) {
        let base = estimate(&job).unwrap().figures.energy_kwh;
        let mut more = job.clone();
        if let Some(c) = more.cpu.as_mut() {
            c.cores = c.cores.map(|n| n + extra);
            c.usage = c.usage.map(|u| (u + du).min(1.0));
        }
        if let Some(g) = more.gpu.as_mut() {
            g.count = g.count.map(|n| n + extra);
            g.usage = g.usage.map(|u| (u + du).min(1.0));
        }
        more.memory_gb = more.memory_gb.map(|m| m + dm);
        let pue = estimate(&job).unwrap().pue.value;
        more.pue = Some(pue + dp);
        prop_assert!(estimate(&more).unwrap().figures.energy_kwh >= base);
    }

    #[test]
    fn energy_does_not_depend_on_location(job in valid_job(), other in any::<prop::sample::Index>()) {
        let mut moved = job.clone();
        let ds = DataVersion::parse(job.data_version.as_deref().unwrap()).unwrap().dataset();
        moved.location = Some(other.get(ds.locations).code.to_owned());
        prop_assert_eq!(estimate(&moved).unwrap().figures.energy_kwh, estimate(&job).unwrap().figures.energy_kwh);
    }

    #[test]
    fn no_panic_on_any_numbers(
        runtime in proptest::option::of(any::<f64>()),
        memory in proptest::option::of(any::<f64>()),
        cores in proptest::option::of(any::<i64>()),
        count in proptest::option::of(any::<i64>()),
        usage in proptest::option::of(any::<f64>()),
        tdp in proptest::option::of(any::<f64>()),
        pue in proptest::option::of(any::<f64>()),
        mf in proptest::option::of(any::<f64>()),
        has in 0u8..4,
    ) {
        let job = Job {
            runtime_h: runtime,
            memory_gb: memory,
            cpu: (has & 1 == 1).then(|| CpuSpec { model: Some("Any".into()), cores, usage, tdp_per_core_w: tdp, measured_by: None }),
            gpu: (has & 2 == 2).then(|| GpuSpec { model: Some("other".into()), count, usage, tdp_w: tdp, measured_by: None }),
            location: Some("FR".into()),
            pue,
            multiplicative_factor: mf,
            ..Job::default()
        };
        if let Ok(e) = estimate(&job) {
            prop_assert!(e.figures.energy_kwh.is_finite() && e.figures.co2e_g.is_finite() && e.figures.power_w.is_finite());
            let b = e.figures.energy_breakdown_kwh;
            prop_assert!(b.cpu.is_finite() && b.gpu.is_finite() && b.memory.is_finite());
            prop_assert!(serde_json::to_string(&e).is_ok());
        }
    }

    #[test]
    fn huge_inputs_give_an_error_not_infinity(runtime in 1e300f64..1e308, tdp in 1e300f64..1e308) {
        let job = Job {
            runtime_h: Some(runtime),
            memory_gb: Some(1.0),
            cpu: Some(CpuSpec { model: Some("other".into()), cores: Some(1_000_000), usage: Some(0.0), tdp_per_core_w: Some(tdp), measured_by: None }),
            gpu: Some(GpuSpec { model: Some("other".into()), count: Some(1_000_000), usage: Some(1.0), tdp_w: Some(tdp), measured_by: None }),
            location: Some("FR".into()),
            ..Job::default()
        };
        let err = estimate(&job).unwrap_err();
        prop_assert_eq!(err.code(), "overflow");
    }

    #[test]
    fn no_panic_on_any_names(
        version in ".{0,8}", cpu in ".{0,40}", gpu in ".{0,40}", location in ".{0,20}",
        provider in ".{0,10}", datacenter in ".{0,20}", platform in 0usize..3,
    ) {
        let job = Job {
            data_version: Some(version),
            runtime_h: Some(1.0),
            memory_gb: Some(1.0),
            cpu: Some(CpuSpec { model: Some(cpu), cores: Some(1), ..CpuSpec::default() }),
            gpu: Some(GpuSpec { model: Some(gpu), count: Some(1), ..GpuSpec::default() }),
            platform: Some([Platform::LocalServer, Platform::PersonalComputer, Platform::Cloud][platform]),
            provider: Some(provider),
            datacenter: Some(datacenter),
            location: Some(location),
            ..Job::default()
        };
        if let Err(e) = estimate(&job) {
            prop_assert!(!e.to_string().is_empty());
            prop_assert!(!e.code().is_empty());
        }
    }

    #[test]
    fn no_panic_on_any_job_text(text in ".{0,200}") {
        if let Ok(job) = Job::from_json(&text) {
            let _ = estimate(&job);
        }
    }

    #[test]
    fn runtime_parser_never_panics(text in ".{0,30}") {
        let _ = empreinte::parse_runtime_h(&text, "runtime");
    }
}
