//! Public-API tests of the additions beyond Green Algorithms (methodology part B and A.8):
//! embodied emissions and SCI, uncertainty, water, AI phases, and the data tables behind
//! them. Expected values are computed by hand in the order of operations the docs state.
#![allow(clippy::unwrap_used, clippy::panic)]

use empreinte::factors::{
    self, BoundKind, ChipKind, CCF_TEADS_CONSTANTS, DIE_AREAS, GA_V31_CONSTANTS,
    UNCERTAINTY_BOUNDS, WATER_INTENSITIES, WUE_DEFAULTS,
};
use empreinte::montecarlo::{percentile, triangular, Xoshiro256StarStar};
use empreinte::{
    embodied, embodied_for, estimate, phases, sci, totals, uncertainty, uncertainty_for, water,
    water_for, BoundOrigin, BoundOverrides, Bounds, Continuous, DataVersion, Device, DieAreaSource,
    EmbodiedModel, EmbodiedOptions, Error, Estimate, Factor, FunctionalUnit, Hardware, Job, Method,
    PeriodLength, Phase, PhaseInput, Platform, Processor, PueEvidence, TeSource, UncertaintyInput,
    UncertaintyOptions, WaterFactorSource, WaterOptions,
};
use proptest::prelude::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b) = ($a, $b);
        assert!(close(a, b), "{} = {a}, expected {b}", stringify!($a));
    }};
}

/// Methodology B's example: one A100 80 GB for 10 h with 64 GB at PUE 1.56, in France.
fn a100_job() -> Estimate {
    let job = Job::from_json(
        r#"{"runtime_h": 10, "gpu": {"model": "NVIDIA A100 80GB PCIe", "count": 1},
            "memory_gb": 64, "platform": "local_server", "location": "FR"}"#,
    )
    .unwrap();
    estimate(&job).unwrap()
}

fn hw_gpu(platform: Platform, model: &str, count: u32, memory_gb: f64) -> Hardware<'_> {
    Hardware {
        platform,
        cpu: None,
        gpu: Some(Processor { model, count }),
        memory_gb,
        runtime_h: 10.0,
        multiplicative_factor: 1.0,
        data_version: DataVersion::V3_0,
    }
}

fn ccf() -> EmbodiedOptions {
    EmbodiedOptions {
        model: Some(EmbodiedModel::CcfTeads),
        ..Default::default()
    }
}

// ---------------------------------------------------------------- embodied and SCI

#[test]
fn methodology_worked_example() {
    let e = a100_job();
    // 10 h × 1.56 × (300 W + 64 GB × 0.3725 W/GB) / 1000 = 5.051904 kWh ("5.05 kWh")
    assert_close!(e.figures.energy_kwh, 5.051904);
    // 900 kg server + 150 kg GPU over 4 years (35 040 h), held whole for 10 h
    let opts = EmbodiedOptions {
        te_g: Some(1_050_000.0),
        resource_share: Some(1.0),
        ..ccf()
    };
    let m = embodied_for(&e, &opts).unwrap();
    assert_eq!(m.model, EmbodiedModel::CcfTeads);
    assert_eq!(m.te_source, TeSource::Stated);
    assert_eq!(m.lifespan_h, 35_040.0);
    assert_eq!(m.co2e_g, 1_050_000.0 * (10.0 / 35_040.0) * 1.0);
    assert_close!(m.co2e_g, 299.6575342465753);
    assert!(m.defaults.contains("embodied.lifespan_h"));
    assert!(!m.defaults.contains("embodied.resource_share"));
    // the operational part is 259.06 g at GA's 51.28 g/kWh: embodied is most of the total
    let t = totals(e.figures.co2e_g, m.co2e_g);
    assert_close!(t.total_co2e_g, 259.06163712 + 299.6575342465753);
    assert_close!(
        t.embodied_share,
        299.6575342465753 / (259.06163712 + 299.6575342465753)
    );
}

#[test]
fn ga_v31_server_by_hand() {
    let e = a100_job();
    let m = embodied_for(&e, &EmbodiedOptions::default()).unwrap();
    assert_eq!(m.model, EmbodiedModel::GaV31);
    assert_eq!(m.device, Device::Server);
    // default server: 2 CPUs (11 cm² each), 2 GPUs (A100 826 mm²), memory 64 GB / 0.5
    assert_eq!((m.devices, m.cpus_per_device, m.gpus_per_device), (1, 2, 2));
    assert_eq!(m.memory_per_device_gb, 128.0);
    assert_eq!(m.cpu_die_area.unwrap().source, DieAreaSource::Default);
    let gpu_die = m.gpu_die_area.unwrap();
    assert_eq!((gpu_die.cm2, gpu_die.source), (8.26, DieAreaSource::Table));
    assert_eq!(m.te_parts_g.cpu, 2.0 * (11.0 * 1970.0 + 9140.0)); // 61 620 g
    assert_eq!(m.te_parts_g.gpu, 2.0 * (8.26 * 1970.0 + 26970.0)); // 86 484.4 g
    let strip = 32.0 / 1.8762 * 2200.0 + 5220.0; // 42 742.65 g per 32 GB strip
    assert_eq!(m.te_parts_g.memory, 128.0 / 32.0 * strip);
    assert_eq!(m.te_parts_g.other, 24300.0 + 66100.0 + 150000.0 + 6680.0);
    assert_close!(m.te_g, 566155.0086771133);
    assert_eq!(m.lifespan_h, 5.0 * 8766.0);
    assert_eq!(m.resource_share, 0.5);
    assert_close!(m.co2e_g, 566155.0086771133 * (10.0 / 43830.0) * 0.5);
    assert_close!(m.co2e_g, 64.58533067272568);
    for d in [
        "embodied.model",
        "embodied.cpus_per_server",
        "embodied.gpus_per_server",
        "embodied.server_memory_gb",
        "embodied.cpu_die_area_cm2",
        "embodied.resource_share",
    ] {
        assert!(m.defaults.contains(d), "{d} should be flagged");
    }
    assert!(!m.defaults.contains("embodied.gpu_die_area_cm2"));
}

#[test]
fn ccf_teads_server_by_hand() {
    let m = embodied_for(&a100_job(), &ccf()).unwrap();
    // 1 000 kg + (2 − 1) × 100 kg + (128 − 16) GB × 533 kg / 384 GB + 2 × 150 kg
    assert_eq!(m.te_parts_g.other, 1_000_000.0);
    assert_eq!(m.te_parts_g.cpu, 100_000.0);
    assert_eq!(m.te_parts_g.gpu, 300_000.0);
    assert_eq!(m.te_parts_g.memory, 112.0 * 533_000.0 / 384.0);
    assert_close!(m.te_g, 1555458.3333333335);
    assert_eq!(m.lifespan_h, 35_040.0);
    assert_close!(m.co2e_g, 221.95467085235921);
    assert_eq!(m.cpu_die_area, None);
    // a mono-socket, 16 GB server is the bare 1 000 kg base
    let bare = EmbodiedOptions {
        cpus_per_server: Some(1),
        gpus_per_server: Some(1),
        server_memory_gb: Some(16.0),
        ..ccf()
    };
    let m = embodied_for(&a100_job(), &bare).unwrap();
    assert_eq!(m.te_g, 1_000_000.0 + 150_000.0);
    assert_eq!(m.resource_share, 1.0);
}

#[test]
fn cpu_job_holds_its_cores_share_of_a_server() {
    let job = Job::from_json(
        r#"{"runtime_h": 12, "cpu": {"model": "Xeon E5-2683 v4", "cores": 12},
            "memory_gb": 64, "location": "FR"}"#,
    )
    .unwrap();
    let m = embodied_for(&estimate(&job).unwrap(), &EmbodiedOptions::default()).unwrap();
    // 12 of 2 × 16 cores; memory 64 / 0.375 GB; no GPU in the server
    assert_eq!(m.resource_share, 0.375);
    assert_eq!(m.gpus_per_device, 0);
    assert_eq!(m.gpu_die_area, None);
    assert_close!(m.memory_per_device_gb, 170.66666666666666);
    assert!(!m.defaults.contains("embodied.cores_per_cpu"));
    assert_close!(m.te_g, 536660.8115694844);
    assert_close!(m.co2e_g, 55.09864595169245);
    // an unknown CPU counts as one full chip, flagged
    let hw = Hardware {
        platform: Platform::LocalServer,
        cpu: Some(Processor {
            model: "my cpu",
            count: 8,
        }),
        gpu: None,
        memory_gb: 16.0,
        runtime_h: 1.0,
        multiplicative_factor: 1.0,
        data_version: DataVersion::V3_0,
    };
    let m = embodied(&hw, &EmbodiedOptions::default()).unwrap();
    assert_eq!(m.resource_share, 0.5);
    assert!(m.defaults.contains("embodied.cores_per_cpu"));
}

#[test]
fn laptop_by_hand() {
    let job = Job::from_json(
        r#"{"runtime_h": 2, "cpu": {"model": "Core i7-10700", "cores": 8},
            "memory_gb": 16, "platform": "personal_computer", "location": "FR"}"#,
    )
    .unwrap();
    let m = embodied_for(&estimate(&job).unwrap(), &EmbodiedOptions::default()).unwrap();
    assert_eq!(m.device, Device::Laptop);
    assert!(m.defaults.contains("embodied.device"));
    assert_eq!(m.resource_share, 1.0);
    assert_eq!(m.lifespan_h, 5.0 * 8766.0);
    // 125 kg ADEME base + one 11 cm² CPU + 16 GB = half a 32 GB strip
    let strip = 32.0 / 1.8762 * 2200.0 + 5220.0;
    assert_eq!(m.te_g, 30810.0 + 0.0 + 16.0 / 32.0 * strip + 125000.0);
    assert_close!(m.co2e_g, 8.084933884765649);
    let desktop = EmbodiedOptions {
        device: Some(Device::Desktop),
        ..Default::default()
    };
    let d = embodied_for(&estimate(&job).unwrap(), &desktop).unwrap();
    assert_eq!(d.lifespan_h, 6.0 * 8766.0);
    assert_eq!(d.te_parts_g.other, 225682.0271);
    // CCF/Teads has no laptop
    let e = embodied_for(&estimate(&job).unwrap(), &ccf()).unwrap_err();
    assert_eq!(e.code(), "not_applicable");
    assert_eq!(e.field(), Some("embodied.model"));
}

#[test]
fn a_large_job_spans_several_servers() {
    let one = embodied(
        &hw_gpu(Platform::LocalServer, "NVIDIA Tesla V100", 1, 32.0),
        &ccf(),
    );
    let eight = embodied(
        &hw_gpu(Platform::LocalServer, "NVIDIA Tesla V100", 8, 256.0),
        &ccf(),
    );
    let (one, eight) = (one.unwrap(), eight.unwrap());
    assert_eq!(eight.devices, 4);
    assert_eq!(eight.resource_share, 1.0);
    assert_eq!(eight.te_g, 4.0 * one.te_g);
    // 7 GPUs of 4-GPU cloud servers: 2 servers, 7/8 of them
    let cloud = embodied(&hw_gpu(Platform::Cloud, "NVIDIA Tesla T4", 7, 0.0), &ccf()).unwrap();
    assert_eq!((cloud.devices, cloud.gpus_per_device), (2, 4));
    assert_eq!(cloud.resource_share, 0.875);
    assert_eq!(cloud.lifespan_h, 35_040.0);
    let ga = embodied(
        &hw_gpu(Platform::Cloud, "TPU v4", 1, 0.0),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(ga.lifespan_h, 3.0 * 8766.0);
    assert_eq!(ga.gpu_die_area.unwrap().source, DieAreaSource::Default);
    assert_eq!(ga.gpu_die_area.unwrap().cm2, 6.162);
}

#[test]
fn idle_reserved_time_counts_only_when_asked() {
    let e = a100_job();
    let reserved = EmbodiedOptions {
        reserved_h: Some(24.0),
        ..ccf()
    };
    let m = embodied_for(&e, &reserved).unwrap();
    assert!(m.count_idle && m.defaults.contains("embodied.count_idle"));
    assert_eq!((m.reserved_h, m.busy_h, m.counted_h), (24.0, 10.0, 24.0));
    let busy = EmbodiedOptions {
        count_idle: Some(false),
        ..reserved
    };
    let b = embodied_for(&e, &busy).unwrap();
    assert_eq!(b.counted_h, 10.0);
    assert_close!(m.co2e_g, b.co2e_g * 2.4);
}

#[test]
fn embodied_errors_name_the_option() {
    let e = a100_job();
    let cases: [(EmbodiedOptions, &str, &str); 6] = [
        (
            EmbodiedOptions {
                resource_share: Some(1.5),
                ..Default::default()
            },
            "fraction_out_of_range",
            "embodied.resource_share",
        ),
        (
            EmbodiedOptions {
                lifespan_h: Some(0.0),
                ..Default::default()
            },
            "not_positive",
            "embodied.lifespan_h",
        ),
        (
            EmbodiedOptions {
                te_g: Some(-1.0),
                ..Default::default()
            },
            "negative_value",
            "embodied.te_g",
        ),
        (
            EmbodiedOptions {
                gpus_per_server: Some(0),
                ..Default::default()
            },
            "count_out_of_range",
            "embodied.gpus_per_server",
        ),
        (
            EmbodiedOptions {
                reserved_h: Some(f64::NAN),
                ..Default::default()
            },
            "non_finite_value",
            "embodied.reserved_h",
        ),
        (
            EmbodiedOptions {
                gpu_die_area_cm2: Some(-8.0),
                ..Default::default()
            },
            "negative_value",
            "embodied.gpu_die_area_cm2",
        ),
    ];
    for (opts, code, field) in cases {
        let err = embodied_for(&e, &opts).unwrap_err();
        assert_eq!((err.code(), err.field()), (code, Some(field)), "{err}");
        assert!(err.to_string().contains(field), "{err}");
    }
    let err = EmbodiedModel::parse("boavizta").unwrap_err();
    assert_eq!(err.code(), "unknown_embodied_model");
    assert!(err.to_string().contains("ga-v3.1, ccf-teads"), "{err}");
    assert_eq!(EmbodiedModel::parse(" CCF "), Ok(EmbodiedModel::CcfTeads));
    assert_eq!(EmbodiedModel::parse("ga-v3.1"), Ok(EmbodiedModel::GaV31));
}

#[test]
fn embodied_serialises_with_units_and_defaults() {
    let m = embodied_for(&a100_job(), &ccf()).unwrap();
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v["model"], "ccf-teads");
    assert_eq!(v["device"], "server");
    assert!(v["co2e_g"].is_f64() && v["te_g"].is_f64() && v["lifespan_h"].is_f64());
    assert_eq!(v["te_source"], "model");
    let defaults: Vec<&str> = v["defaults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(defaults.contains(&"embodied.resource_share"));
    assert!(!defaults.contains(&"embodied.model"));
    let opts: EmbodiedOptions =
        serde_json::from_str(r#"{"model": "ccf-teads", "lifespan_h": 8766, "count_idle": false}"#)
            .unwrap();
    assert_eq!(opts.model, Some(EmbodiedModel::CcfTeads));
    assert!(serde_json::from_str::<EmbodiedOptions>(r#"{"modle": "x"}"#).is_err());
}

#[test]
fn sci_per_functional_unit() {
    let r = FunctionalUnit {
        name: " inference ".into(),
        quantity: 1000.0,
    };
    let s = sci(259.06163712, 299.6575342465753, &r).unwrap();
    assert_eq!(s.value, (259.06163712 + 299.6575342465753) / 1000.0);
    assert_eq!(s.unit, "gCO2e per inference");
    assert_eq!(s.functional_unit.name, "inference");
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["unit"], "gCO2e per inference");
    assert_eq!(v["functional_unit"]["quantity"], 1000.0);
    let err = sci(
        1.0,
        1.0,
        &FunctionalUnit {
            name: "run".into(),
            quantity: 0.0,
        },
    )
    .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("not_positive", Some("functional_unit.quantity"))
    );
    let err = sci(
        1.0,
        1.0,
        &FunctionalUnit {
            name: " ".into(),
            quantity: 1.0,
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("functional_unit.name"));
    let err = sci(
        -1.0,
        1.0,
        &FunctionalUnit {
            name: "run".into(),
            quantity: 1.0,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "negative_value");
}

// ---------------------------------------------------------------- uncertainty

fn worked_example_embodied(e: &Estimate) -> empreinte::Embodied {
    let opts = EmbodiedOptions {
        te_g: Some(1_050_000.0),
        resource_share: Some(1.0),
        ..ccf()
    };
    embodied_for(e, &opts).unwrap()
}

#[test]
fn interval_by_hand() {
    let e = a100_job();
    let m = worked_example_embodied(&e);
    let u = uncertainty_for(&e, Some(&m), &UncertaintyOptions::default()).unwrap();
    assert_eq!(u.method, "interval");
    // central values are the parity values, bit for bit
    assert_eq!(u.energy_kwh_range.central, e.figures.energy_kwh);
    assert_eq!(u.co2e_g_range.central, e.figures.co2e_g);
    assert_eq!(u.embodied_co2e_g_range.central, m.co2e_g);
    assert_eq!(u.total_co2e_g_range.central, e.figures.co2e_g + m.co2e_g);
    // low: GPU ×0.6, memory 0.08 W/GB, PUE 1.10 (default band), CI 21.7 (France), M × 461/900
    assert_close!(u.energy_kwh_range.low, 2.0363200000000004);
    assert_close!(u.co2e_g_range.low, 44.18814400000001);
    assert_close!(u.embodied_co2e_g_range.low, 153.49124809741247);
    assert_close!(u.total_co2e_g_range.low, 197.67939209741246);
    // high: GPU ×1.4, memory 0.3725, PUE 2.00, CI 98, M × 2089/900
    assert_close!(u.energy_kwh_range.high, 8.876799999999998);
    assert_close!(u.co2e_g_range.high, 869.9263999999997);
    assert_close!(u.embodied_co2e_g_range.high, 695.5384322678843);
    assert_close!(u.total_co2e_g_range.high, 1565.464832267884);
    // drivers: embodied, then CI, GPU power, PUE, memory (no CPU)
    let d = u.drivers.as_slice();
    let order: Vec<Factor> = d.iter().map(|d| d.factor).collect();
    assert_eq!(
        order,
        [
            Factor::Embodied,
            Factor::Ci,
            Factor::GpuPower,
            Factor::Pue,
            Factor::MemoryPower
        ]
    );
    assert_close!(d[0].share, 0.42217688866698766);
    assert_close!(d[1].share, 0.30021818107531784);
    assert_close!(d.iter().map(|d| d.share).sum::<f64>(), 1.0);
    let pue = u.factors[3];
    assert_eq!((pue.low, pue.central, pue.high), (1.10, 1.56, 2.00));
    assert_eq!(pue.origin, BoundOrigin::Table);
    assert!(pue.source.contains("Uptime"), "{}", pue.source);
    let ci = u.factors[4];
    assert_eq!((ci.low, ci.high), (21.7, 98.0));
    let v = serde_json::to_value(u).unwrap();
    assert_eq!(v["drivers"][0]["factor"], "embodied");
    assert!(v["total_co2e_g_range"]["low"].is_f64());
    assert_eq!(v["factors"][4]["unit"], "gCO2e/kWh");
}

#[test]
fn bounds_follow_the_evidence() {
    // a stated PUE is declared: −3 % … +10 %
    let job = Job::from_json(
        r#"{"runtime_h": 1, "cpu": {"model": "Any", "cores": 4}, "memory_gb": 8,
            "location": "DE", "pue": 1.2}"#,
    )
    .unwrap();
    let e = estimate(&job).unwrap();
    let u = uncertainty_for(&e, None, &UncertaintyOptions::default()).unwrap();
    let pue = u.factors[3];
    assert_close!(pue.low, 1.2 * (0.97 / 1.0));
    assert_close!(pue.high, 1.2 * (1.10 / 1.0));
    // outside France, CI × 0.65 … × 1.60
    let ci = u.factors[4];
    assert_close!(ci.low, e.figures.ci_g_per_kwh * 0.65);
    assert_close!(ci.high, e.figures.ci_g_per_kwh * 1.6);
    // no embodied: its range is zero and it drives nothing
    assert_eq!(u.embodied_co2e_g_range.high, 0.0);
    assert!(u
        .drivers
        .as_slice()
        .iter()
        .all(|d| d.factor != Factor::Embodied));
    // a personal computer has no facility: PUE exact
    let pc = Job::from_json(
        r#"{"runtime_h": 1, "cpu": {"model": "Any", "cores": 4}, "memory_gb": 8,
            "location": "FR", "platform": "personal_computer"}"#,
    )
    .unwrap();
    let e = estimate(&pc).unwrap();
    let input = UncertaintyInput::from_estimate(&e, None);
    assert_eq!(input.pue_evidence, PueEvidence::NoFacility);
    let u = uncertainty(&input, &UncertaintyOptions::default()).unwrap();
    assert_eq!((u.factors[3].low, u.factors[3].high), (1.0, 1.0));
    assert_eq!(u.factors[3].origin, BoundOrigin::Exact);
    assert!(u.drivers.as_slice().iter().all(|d| d.factor != Factor::Pue));
}

#[test]
fn user_bounds_replace_the_table_and_are_checked() {
    let e = a100_job();
    let mut o = UncertaintyOptions::default();
    o.bounds.pue = Some(Bounds {
        low: 1.3,
        high: 1.8,
    });
    o.bounds.ci_g_per_kwh = Some(Bounds {
        low: 51.28,
        high: 51.28,
    });
    let u = uncertainty_for(&e, None, &o).unwrap();
    assert_eq!(u.factors[3].origin, BoundOrigin::Stated);
    assert_eq!((u.factors[3].low, u.factors[3].high), (1.3, 1.8));
    assert!(u.drivers.as_slice().iter().all(|d| d.factor != Factor::Ci));
    let bad: [(BoundOverrides, &str, &str); 4] = [
        (
            BoundOverrides {
                pue: Some(Bounds {
                    low: 1.6,
                    high: 1.8,
                }),
                ..Default::default()
            },
            "invalid_bounds",
            "uncertainty.bounds.pue",
        ),
        (
            BoundOverrides {
                pue: Some(Bounds {
                    low: 0.9,
                    high: 1.8,
                }),
                ..Default::default()
            },
            "pue_below_one",
            "uncertainty.bounds.pue.low",
        ),
        (
            BoundOverrides {
                gpu_power: Some(Bounds {
                    low: -0.5,
                    high: 1.5,
                }),
                ..Default::default()
            },
            "negative_value",
            "uncertainty.bounds.gpu_power",
        ),
        (
            BoundOverrides {
                embodied: Some(Bounds {
                    low: 1.2,
                    high: 0.8,
                }),
                ..Default::default()
            },
            "invalid_bounds",
            "uncertainty.bounds.embodied",
        ),
    ];
    for (bounds, code, field) in bad {
        let o = UncertaintyOptions {
            bounds,
            ..Default::default()
        };
        let err = uncertainty_for(&e, None, &o).unwrap_err();
        assert_eq!((err.code(), err.field()), (code, Some(field)), "{err}");
    }
}

fn monte_carlo(samples: u32, seed: u64) -> UncertaintyOptions {
    UncertaintyOptions {
        method: Method::MonteCarlo { samples, seed },
        ..Default::default()
    }
}

#[test]
fn monte_carlo_is_reproducible_and_inside_the_interval() {
    let e = a100_job();
    let m = worked_example_embodied(&e);
    let a = uncertainty_for(&e, Some(&m), &monte_carlo(10_000, 42)).unwrap();
    let b = uncertainty_for(&e, Some(&m), &monte_carlo(10_000, 42)).unwrap();
    assert_eq!(a, b);
    let c = uncertainty_for(&e, Some(&m), &monte_carlo(10_000, 43)).unwrap();
    assert_ne!(a.total_co2e_g_range.low, c.total_co2e_g_range.low);
    let i = uncertainty_for(&e, Some(&m), &UncertaintyOptions::default()).unwrap();
    for (mc, iv) in [
        (a.energy_kwh_range, i.energy_kwh_range),
        (a.co2e_g_range, i.co2e_g_range),
        (a.embodied_co2e_g_range, i.embodied_co2e_g_range),
        (a.total_co2e_g_range, i.total_co2e_g_range),
    ] {
        assert_eq!(mc.central, iv.central);
        assert!(iv.low <= mc.low && mc.low <= mc.central, "{mc:?} {iv:?}");
        assert!(mc.central <= mc.high && mc.high <= iv.high, "{mc:?} {iv:?}");
    }
    assert_eq!(a.method, "monte_carlo");
    assert_eq!(
        (a.samples, a.seed, a.percentiles),
        (Some(10_000), Some(42), Some([0.05, 0.95]))
    );
    // the drivers do not depend on the method
    assert_eq!(a.drivers, i.drivers);
}

/// The documented algorithm, re-derived from its public parts: per sample, one uniform
/// per factor in `Factor::ALL` order, triangular on (low, central, high); then the
/// outputs are sorted and interpolated at the percentiles. Any surface (Python, wasm)
/// running the core must reproduce these bits.
#[test]
fn monte_carlo_follows_the_documented_algorithm_bit_for_bit() {
    let e = a100_job();
    let m = worked_example_embodied(&e);
    let u = uncertainty_for(&e, Some(&m), &monte_carlo(2_000, 7)).unwrap();
    let mut rng = Xoshiro256StarStar::seed_from_u64(7);
    let f = &u.factors;
    let p = e.figures.power_breakdown_w;
    // constants folded once: k = E / (PUE × ΣP), memory W per (W/GB)
    let k = e.figures.energy_kwh / (e.pue.value * (p.cpu + p.gpu + p.memory));
    let mem_per_w = p.memory / e.memory_power_w_per_gb;
    let mut totals = Vec::new();
    for _ in 0..2_000 {
        let x: Vec<f64> = f
            .iter()
            .map(|r| triangular(rng.next_f64(), r.low, r.central, r.high))
            .collect();
        let energy = k * x[3] * (p.cpu * x[0] + p.gpu * x[1] + (mem_per_w * x[2] + 0.0));
        totals.push(energy * x[4] + m.co2e_g * x[5]);
    }
    totals.sort_by(f64::total_cmp);
    assert_eq!(
        u.total_co2e_g_range.low.to_bits(),
        percentile(&totals, 0.05).to_bits()
    );
    assert_eq!(
        u.total_co2e_g_range.high.to_bits(),
        percentile(&totals, 0.95).to_bits()
    );
}

/// Pinned results: the same bits on every platform and surface (x86-64, aarch64, wasm32,
/// Python) for seed 42, since only correctly rounded IEEE operations are used.
#[test]
fn monte_carlo_golden_bits() {
    let e = a100_job();
    let m = worked_example_embodied(&e);
    let u = uncertainty_for(&e, Some(&m), &monte_carlo(10_000, 42)).unwrap();
    let bits = [
        u.energy_kwh_range.low.to_bits(),
        u.energy_kwh_range.high.to_bits(),
        u.total_co2e_g_range.low.to_bits(),
        u.total_co2e_g_range.high.to_bits(),
    ];
    assert_eq!(bits, GOLDEN_BITS, "{:?}", bits.map(f64::from_bits));
}

/// 3.4281600409609756, 6.599754261269082 kWh; 438.99832678344904, 926.8594148857217 g.
/// An independent Python implementation of the documented algorithm (Python floats are
/// IEEE doubles, `math.sqrt` is correctly rounded) gives the same four bit patterns.
const GOLDEN_BITS: [u64; 4] = [
    4614901948941536545,
    4619116681135334974,
    4646430556429572647,
    4651363957450825462,
];

#[test]
fn monte_carlo_options_are_checked() {
    let e = a100_job();
    let err = uncertainty_for(&e, None, &monte_carlo(0, 1)).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("count_out_of_range", Some("uncertainty.samples"))
    );
    let o = UncertaintyOptions {
        low_percentile: Some(0.9),
        high_percentile: Some(0.1),
        ..monte_carlo(10, 1)
    };
    assert_eq!(
        uncertainty_for(&e, None, &o).unwrap_err().code(),
        "conflicting_input"
    );
    let o = UncertaintyOptions {
        low_percentile: Some(-0.1),
        ..monte_carlo(10, 1)
    };
    assert_eq!(
        uncertainty_for(&e, None, &o).unwrap_err().code(),
        "fraction_out_of_range"
    );
    // JSON: the seed is required, the count defaults to 10 000
    let o: UncertaintyOptions =
        serde_json::from_str(r#"{"method": "monte_carlo", "seed": 5}"#).unwrap();
    assert_eq!(
        o.method,
        Method::MonteCarlo {
            samples: 10_000,
            seed: 5
        }
    );
    assert!(serde_json::from_str::<UncertaintyOptions>(r#"{"method": "monte_carlo"}"#).is_err());
    assert!(serde_json::from_str::<UncertaintyOptions>(r#"{"seed": 5}"#).is_err());
    let o: UncertaintyOptions = serde_json::from_str(
        r#"{"method": "interval", "bounds": {"pue": {"low": 1.2, "high": 2}}}"#,
    )
    .unwrap();
    assert_eq!(
        o.bounds.pue,
        Some(Bounds {
            low: 1.2,
            high: 2.0
        })
    );
    let back: UncertaintyOptions =
        serde_json::from_value(serde_json::to_value(monte_carlo(99, 3)).unwrap()).unwrap();
    assert_eq!(back, monte_carlo(99, 3));
}

// ---------------------------------------------------------------- water

#[test]
fn water_by_hand() {
    let e = a100_job();
    let w = water_for(&e, &WaterOptions::default()).unwrap();
    assert_eq!(w.it_energy_kwh, 5.051904 / 1.56);
    assert_eq!(w.onsite_l, 5.051904 / 1.56 * 1.8);
    assert_eq!(w.offsite_l, 5.051904 * 3.67);
    assert_eq!(w.total_l, w.onsite_l + w.offsite_l);
    assert!(w.offsite_l > w.onsite_l, "in France off-site dominates");
    assert_eq!(w.wue_source, WaterFactorSource::Default);
    assert_eq!(w.ewif_source, WaterFactorSource::Table);
    assert!(w.ewif_reference.contains("WRI"), "{}", w.ewif_reference);
    let v = serde_json::to_value(w).unwrap();
    assert_eq!(v["water_l"]["offsite"], 5.051904 * 3.67);
    assert_eq!(v["wue_source"], "default");
    assert_eq!(v["ewif_source"], "table");
    // a region uses its country's row
    let us = water(
        10.0,
        1.2,
        Platform::Cloud,
        "US-CA",
        &WaterOptions::default(),
    )
    .unwrap();
    assert_eq!(us.ewif_l_per_kwh, 7.6);
    // a personal computer has no cooling water
    let pc = water(
        1.0,
        1.0,
        Platform::PersonalComputer,
        "FR",
        &WaterOptions::default(),
    )
    .unwrap();
    assert_eq!(pc.onsite_l, 0.0);
}

#[test]
fn water_without_a_known_intensity_needs_one_stated() {
    let err = water(
        1.0,
        1.5,
        Platform::LocalServer,
        "DE",
        &WaterOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "missing_water_intensity");
    assert_eq!(err.field(), Some("ewif_l_per_kwh"));
    assert!(err.to_string().contains("\"DE\""), "{err}");
    let o = WaterOptions {
        wue_l_per_kwh: Some(0.4),
        ewif_l_per_kwh: Some(2.0),
    };
    let w = water(3.0, 1.5, Platform::LocalServer, "DE", &o).unwrap();
    assert_eq!((w.onsite_l, w.offsite_l), (3.0 / 1.5 * 0.4, 3.0 * 2.0));
    assert_eq!(
        (w.wue_source, w.ewif_source),
        (WaterFactorSource::Stated, WaterFactorSource::Stated)
    );
    let err = water(3.0, 0.9, Platform::LocalServer, "FR", &o).unwrap_err();
    assert_eq!(err.code(), "pue_below_one");
    let bad = WaterOptions {
        wue_l_per_kwh: Some(-1.0),
        ewif_l_per_kwh: None,
    };
    let err = water(3.0, 1.5, Platform::LocalServer, "FR", &bad).unwrap_err();
    assert_eq!(err.field(), Some("wue_l_per_kwh"));
}

// ---------------------------------------------------------------- AI phases

#[test]
fn phases_by_hand() {
    let train = PhaseInput {
        embodied_co2e_g: 300.0,
        rd_multiple: Some(0.5),
        retrainings: Some(4.0),
        retrain_ratio: Some(0.1),
        ..PhaseInput::new(Phase::Training, 100.0, 5000.0)
    };
    let infer = PhaseInput {
        continuous: Some(Continuous {
            span_h: 24.0,
            period: PeriodLength::Year,
        }),
        ..PhaseInput::new(Phase::Inference, 2.0, 100.0)
    };
    let p = phases(&[train, infer]).unwrap();
    let tf = 1.0 + 0.5 + 4.0 * 0.1;
    assert_eq!(p.phases[0].training_factor, tf);
    assert_eq!(p.phases[0].energy_kwh, 100.0 * tf);
    assert_eq!(p.phases[0].embodied_co2e_g, 300.0 * tf);
    assert_eq!(p.phases[1].period_factor, 8766.0 / 24.0);
    assert_eq!(p.phases[1].co2e_g, 100.0 * (8766.0 / 24.0));
    assert_eq!(p.period, Some(PeriodLength::Year));
    assert_eq!(p.period_h, Some(8766.0));
    assert_eq!(p.energy_kwh, 100.0 * tf + 2.0 * (8766.0 / 24.0));
    assert_eq!(p.total_co2e_g, p.co2e_g + p.embodied_co2e_g);
    assert_eq!(
        p.phases[1].defaults,
        ["rd_multiple", "retrainings", "retrain_ratio"]
    );
    assert!(p.phases[0].defaults.is_empty());
    let month = Continuous {
        span_h: 1.0,
        period: PeriodLength::Month,
    };
    assert_eq!(
        phases(&[PhaseInput {
            continuous: Some(month),
            ..PhaseInput::new(Phase::Inference, 1.0, 1.0)
        }])
        .unwrap()
        .energy_kwh,
        730.5
    );
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["phases"][0]["phase"], "training");
    assert_eq!(v["period"], "year");
    let doc: PhaseInput = serde_json::from_str(
        r#"{"phase": "inference", "energy_kwh": 1, "co2e_g": 2,
            "continuous": {"span_h": 24, "period": "month"}}"#,
    )
    .unwrap();
    assert_eq!(doc.continuous.unwrap().period, PeriodLength::Month);
}

#[test]
fn phase_errors_name_the_phase() {
    let neg = PhaseInput {
        rd_multiple: Some(-1.0),
        ..PhaseInput::new(Phase::Training, 1.0, 1.0)
    };
    let err = phases(&[PhaseInput::new(Phase::Other, 1.0, 1.0), neg]).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("negative_value", Some("phases[1].rd_multiple"))
    );
    let zero = PhaseInput {
        continuous: Some(Continuous {
            span_h: 0.0,
            period: PeriodLength::Month,
        }),
        ..PhaseInput::new(Phase::Inference, 1.0, 1.0)
    };
    let err = phases(&[zero]).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("not_positive", Some("phases[0].continuous.span_h"))
    );
    let month = PhaseInput {
        continuous: Some(Continuous {
            span_h: 1.0,
            period: PeriodLength::Month,
        }),
        ..PhaseInput::new(Phase::Inference, 1.0, 1.0)
    };
    let year = PhaseInput {
        continuous: Some(Continuous {
            span_h: 1.0,
            period: PeriodLength::Year,
        }),
        ..month
    };
    assert_eq!(
        phases(&[month, year]).unwrap_err().code(),
        "conflicting_input"
    );
    assert_eq!(phases(&[]).unwrap().total_co2e_g, 0.0);
}

// ---------------------------------------------------------------- data tables

/// A minimal CSV reader (quoted fields, doubled quotes) for the freshness checks below.
fn read_csv(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/../../data/beyond/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.remove(0); // header
    rows
}

#[test]
fn compiled_tables_match_the_csvs() {
    let ga = read_csv("embodied-ga-v3.1.csv");
    assert_eq!(ga.len(), GA_V31_CONSTANTS.len());
    for (r, c) in ga.iter().zip(GA_V31_CONSTANTS) {
        assert_eq!(
            (r[0].as_str(), r[1].parse::<f64>().unwrap()),
            (c.name, c.value)
        );
        assert_eq!(r[4], c.source);
    }
    let ccf = read_csv("embodied-ccf-teads.csv");
    assert_eq!(ccf.len(), CCF_TEADS_CONSTANTS.len());
    for (r, c) in ccf.iter().zip(CCF_TEADS_CONSTANTS) {
        assert_eq!(
            (r[0].as_str(), r[1].parse::<f64>().unwrap()),
            (c.name, c.value)
        );
    }
    let dies = read_csv("die-areas.csv");
    assert_eq!(dies.len(), DIE_AREAS.len());
    for (r, d) in dies.iter().zip(DIE_AREAS) {
        assert_eq!(
            (r[1].as_str(), r[2].parse::<f64>().unwrap()),
            (d.model, d.die_area_cm2)
        );
    }
    let bounds = read_csv("uncertainty-bounds.csv");
    assert_eq!(bounds.len(), UNCERTAINTY_BOUNDS.len());
    for (r, b) in bounds.iter().zip(UNCERTAINTY_BOUNDS) {
        assert_eq!((r[0].as_str(), r[1].as_str()), (b.factor, b.scope));
        assert_eq!(
            (r[3].parse::<f64>().unwrap(), r[5].parse::<f64>().unwrap()),
            (b.low, b.high)
        );
    }
    let ewif = read_csv("water-ewif.csv");
    assert_eq!(ewif.len(), WATER_INTENSITIES.len());
    let wue = read_csv("water-wue.csv");
    assert_eq!(wue.len(), WUE_DEFAULTS.len());
}

#[test]
fn every_row_has_a_source_and_known_figures() {
    let all_sources = GA_V31_CONSTANTS
        .iter()
        .map(|c| c.source)
        .chain(CCF_TEADS_CONSTANTS.iter().map(|c| c.source))
        .chain(DIE_AREAS.iter().map(|d| d.source))
        .chain(UNCERTAINTY_BOUNDS.iter().map(|b| b.source))
        .chain(WATER_INTENSITIES.iter().map(|w| w.source))
        .chain(WUE_DEFAULTS.iter().map(|w| w.source));
    for s in all_sources {
        assert!(s.len() > 10, "a row without a real source: {s:?}");
    }
    assert!(DIE_AREAS
        .iter()
        .all(|d| d.die_area_cm2 > 0.0 && d.kind == ChipKind::Gpu));
    assert_eq!(
        factors::die_area(ChipKind::Gpu, "NVIDIA A100 80GB PCIe")
            .unwrap()
            .die_area_cm2,
        8.26
    );
    assert_eq!(factors::water_intensity("fr").unwrap().ewif_l_per_kwh, 3.67);
    assert!(factors::water_intensity("DE").is_none());
    let fr = UNCERTAINTY_BOUNDS
        .iter()
        .find(|b| b.factor == "ci" && b.scope == "FR")
        .unwrap();
    assert_eq!(
        (fr.kind, fr.low, fr.high),
        (BoundKind::Absolute, 21.7, 98.0)
    );
    let emb = UNCERTAINTY_BOUNDS
        .iter()
        .find(|b| b.factor == "embodied")
        .unwrap();
    assert_eq!(emb.around(900.0), (461.0, 2089.0));
    assert_eq!(factors::BEYOND_FILES.len(), 6);
    assert_eq!(factors::BEYOND_DIGEST.len(), 64);
}

// ---------------------------------------------------------------- properties

fn arb_hardware() -> impl Strategy<Value = (u8, Option<u32>, Option<u32>, f64, f64, f64)> {
    (
        0u8..3,
        prop::option::of(1u32..5000),
        prop::option::of(1u32..200),
        prop_oneof![
            Just(0.0),
            0.0..1e4,
            Just(f64::NAN),
            Just(-1.0),
            Just(f64::INFINITY)
        ],
        prop_oneof![0.0..1e5, Just(-3.0), Just(f64::NAN)],
        prop_oneof![1.0..100.0, Just(0.5), Just(f64::INFINITY)],
    )
}

fn opt_f64() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(prop_oneof![
        -10.0..1e7,
        Just(0.0),
        Just(1.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::MAX)
    ])
}

fn arb_options() -> impl Strategy<Value = EmbodiedOptions> {
    (
        (
            any::<bool>(),
            0u8..4,
            opt_f64(),
            opt_f64(),
            opt_f64(),
            prop::option::of(any::<bool>()),
        ),
        (
            opt_f64(),
            opt_f64(),
            opt_f64(),
            prop::option::of(-2i64..20),
            prop::option::of(-2i64..20),
        ),
        (prop::option::of(-2i64..200), opt_f64()),
    )
        .prop_map(
            |((m, dev, life, share, res, idle), (te, acpu, agpu, cpus, gpus), (cores, mem))| {
                EmbodiedOptions {
                    model: Some(if m {
                        EmbodiedModel::GaV31
                    } else {
                        EmbodiedModel::CcfTeads
                    }),
                    device: [
                        None,
                        Some(Device::Server),
                        Some(Device::Laptop),
                        Some(Device::Desktop),
                    ][dev as usize],
                    lifespan_h: life,
                    resource_share: share,
                    reserved_h: res,
                    count_idle: idle,
                    te_g: te,
                    cpu_die_area_cm2: acpu,
                    gpu_die_area_cm2: agpu,
                    cpus_per_server: cpus,
                    gpus_per_server: gpus,
                    cores_per_cpu: cores,
                    server_memory_gb: mem,
                }
            },
        )
}

const PLATFORMS: [Platform; 3] = [
    Platform::LocalServer,
    Platform::PersonalComputer,
    Platform::Cloud,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn embodied_never_panics_and_is_finite((p, cores, gpus, mem, runtime, mf) in arb_hardware(),
                                           opts in arb_options()) {
        let hw = Hardware {
            platform: PLATFORMS[p as usize],
            cpu: cores.map(|count| Processor { model: "Xeon E5-2683 v4", count }),
            gpu: gpus.map(|count| Processor { model: "NVIDIA Tesla V100", count }),
            memory_gb: mem,
            runtime_h: runtime,
            multiplicative_factor: mf,
            data_version: DataVersion::V3_0,
        };
        if let Ok(m) = embodied(&hw, &opts) {
            prop_assert!(m.co2e_g.is_finite() && m.co2e_g >= 0.0);
            prop_assert!((0.0..=1.0).contains(&m.resource_share));
            prop_assert!(m.lifespan_h > 0.0);
        }
    }

    #[test]
    fn embodied_is_linear_in_time_reserved(t in 0.0..1e5f64, k in 0.0..100.0f64, ccf_model in any::<bool>()) {
        let e = a100_job();
        let model = Some(if ccf_model { EmbodiedModel::CcfTeads } else { EmbodiedModel::GaV31 });
        let at = |h: f64| embodied_for(&e, &EmbodiedOptions { model, reserved_h: Some(h), ..Default::default() })
            .unwrap().co2e_g;
        let (a, b) = (at(t), at(k * t));
        prop_assert!((b - k * a).abs() <= 1e-9 * b.abs().max(1.0), "{a} {b}");
        prop_assert_eq!(at(0.0), 0.0);
    }

    #[test]
    fn ranges_hold_the_parity_value(runtime in 0.0..1e4f64, gpus in 0u32..9, cores in 0u32..129,
                                    mem in 0.0..2048.0f64, pue in prop::option::of(1.0..3.0f64),
                                    loc in prop::sample::select(vec!["FR", "DE", "US-CA", "WORLD", "IS"]),
                                    te in prop::option::of(0.0..1e7f64),
                                    mc in prop::option::of((1u32..300, any::<u64>()))) {
        let mut job = Job {
            runtime_h: Some(runtime),
            memory_gb: Some(mem),
            location: Some(loc.to_owned()),
            pue,
            ..Default::default()
        };
        if gpus > 0 {
            job.gpu = Some(empreinte::GpuSpec { model: Some("NVIDIA Tesla T4".into()), count: Some(i64::from(gpus)), ..Default::default() });
        }
        if cores > 0 || gpus == 0 {
            job.cpu = Some(empreinte::CpuSpec { model: Some("Any".into()), cores: Some(i64::from(cores.max(1))), ..Default::default() });
        }
        let e = estimate(&job).unwrap();
        let m = te.map(|te_g| embodied_for(&e, &EmbodiedOptions { te_g: Some(te_g), ..Default::default() }).unwrap());
        let o = match mc {
            Some((samples, seed)) => monte_carlo(samples, seed),
            None => UncertaintyOptions::default(),
        };
        let u = uncertainty_for(&e, m.as_ref(), &o).unwrap();
        prop_assert_eq!(u.energy_kwh_range.central, e.figures.energy_kwh);
        prop_assert_eq!(u.co2e_g_range.central, e.figures.co2e_g);
        for r in [u.energy_kwh_range, u.co2e_g_range, u.embodied_co2e_g_range, u.total_co2e_g_range] {
            prop_assert!(r.low <= r.central && r.central <= r.high, "{r:?}");
            prop_assert!(r.low >= 0.0 && r.high.is_finite());
        }
        let shares: f64 = u.drivers.as_slice().iter().map(|d| d.share).sum();
        prop_assert!(u.drivers.as_slice().is_empty() || (shares - 1.0).abs() < 1e-9);
        prop_assert!(u.drivers.as_slice().windows(2).all(|w| w[0].share >= w[1].share));
    }

    #[test]
    fn uncertainty_never_panics(energy in opt_f64(), co2e in opt_f64(), pue in opt_f64(),
                                ci in opt_f64(), m in opt_f64(), low in opt_f64(), high in opt_f64(),
                                which in 0usize..6, mc in prop::option::of((0u32..50, any::<u64>())),
                                pl in opt_f64(), ph in opt_f64()) {
        let input = UncertaintyInput {
            energy_kwh: energy.unwrap_or(1.0),
            co2e_g: co2e.unwrap_or(50.0),
            power_breakdown_w: empreinte::Breakdown { cpu: 10.0, gpu: 0.0, memory: 3.0 },
            pue: pue.unwrap_or(1.5),
            pue_evidence: PueEvidence::Default,
            memory_power_w_per_gb: 0.3725,
            ci_g_per_kwh: ci.unwrap_or(50.0),
            location: "FR",
            embodied_co2e_g: m.unwrap_or(0.0),
        };
        let mut o = match mc {
            Some((samples, seed)) => monte_carlo(samples, seed),
            None => UncertaintyOptions::default(),
        };
        o.low_percentile = pl;
        o.high_percentile = ph;
        if let (Some(low), Some(high)) = (low, high) {
            let b = Some(Bounds { low, high });
            match which {
                0 => o.bounds.cpu_power = b,
                1 => o.bounds.gpu_power = b,
                2 => o.bounds.memory_power_w_per_gb = b,
                3 => o.bounds.pue = b,
                4 => o.bounds.ci_g_per_kwh = b,
                _ => o.bounds.embodied = b,
            }
        }
        if let Ok(u) = uncertainty(&input, &o) {
            for r in [u.energy_kwh_range, u.co2e_g_range, u.embodied_co2e_g_range, u.total_co2e_g_range] {
                prop_assert!(r.low <= r.central && r.central <= r.high, "{r:?}");
            }
        }
    }

    #[test]
    fn water_and_phases_never_panic(e in opt_f64(), pue in opt_f64(), wue in opt_f64(), ewif in opt_f64(),
                                    loc in "[A-Z]{0,3}(-[A-Z]{2})?", p in 0usize..3,
                                    span in opt_f64(), rd in opt_f64(), n in opt_f64()) {
        let o = WaterOptions { wue_l_per_kwh: wue, ewif_l_per_kwh: ewif };
        if let Ok(w) = water(e.unwrap_or(1.0), pue.unwrap_or(1.0), PLATFORMS[p], &loc, &o) {
            prop_assert!(w.total_l >= 0.0 && w.total_l.is_finite());
        }
        let ph = PhaseInput {
            rd_multiple: rd,
            retrainings: n,
            continuous: span.map(|span_h| Continuous { span_h, period: PeriodLength::Month }),
            ..PhaseInput::new(Phase::Training, e.unwrap_or(1.0), 1.0)
        };
        if let Ok(r) = phases(&[ph, ph]) {
            prop_assert!(r.total_co2e_g.is_finite() && r.total_co2e_g >= 0.0);
        }
    }
}

#[test]
fn errors_are_typed_and_lowercase() {
    let errs: [Error; 3] = [
        EmbodiedModel::parse("x").unwrap_err(),
        water(
            1.0,
            1.0,
            Platform::LocalServer,
            "XX",
            &WaterOptions::default(),
        )
        .unwrap_err(),
        uncertainty_for(&a100_job(), None, &monte_carlo(0, 0)).unwrap_err(),
    ];
    for e in errs {
        let m = e.to_string();
        assert!(m.chars().next().unwrap().is_lowercase(), "{m}");
        assert!(e.field().is_some());
    }
}
