//! Hand-computed cases for every rule and table of methodology part A, across versions.
//! Each expected value is worked out from the CSV rows quoted in the comments.
#![allow(clippy::unwrap_used, clippy::panic)]

use empreinte::{estimate, DataVersion, Error, Estimate, Job, PowerOrigin, PueSource, Route};
use serde_json::json;

fn run(job: serde_json::Value) -> Result<Estimate, Error> {
    estimate(&Job::from_value(job).unwrap())
}

fn ok(job: serde_json::Value) -> Estimate {
    run(job).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {{
        let (a, b) = ($a, $b);
        assert!(close(a, b), "{} = {a}, expected {b}", stringify!($a));
    }};
}

#[test]
fn v1_0_uses_pue_1_67_tree_year_11400_and_paris_london() {
    // v1.0: Core i7-10700? not in v1.0; use Any (12 W/core). FR = 47 g/kWh (v1.0 row).
    let e = ok(
        json!({"data_version": "v1.0", "runtime_h": 10, "cpu": {"model": "Any", "cores": 4},
        "memory_gb": 8, "location": "FR"}),
    );
    // P = 1.67 × (4 × 12 + 8 × 0.3725) = 1.67 × 50.98 = 85.1366 W; E = 0.851366 kWh
    assert_close!(e.figures.power_w, 85.1366);
    assert_close!(e.figures.energy_kwh, 0.851366);
    assert_close!(e.figures.co2e_g, 0.851366 * 47.0);
    assert_close!(
        e.equivalences.tree_months,
        0.851366 * 47.0 / 11_400.0 * 12.0
    );
    assert_eq!(e.equivalences.flight.route, Route::ParisLondon);
    assert_close!(e.equivalences.flight.fraction, 0.851366 * 47.0 / 50_000.0);
    assert_eq!(e.pue.source, PueSource::PlatformDefault);
}

#[test]
fn carbon_intensity_follows_the_data_version() {
    let job = |v: &str| {
        json!({"data_version": v, "runtime_h": 1, "cpu": {"model": "Any", "cores": 1},
        "memory_gb": 0, "platform": "personal_computer", "location": "FR"})
    };
    // 12 W × 1 h = 0.012 kWh at PUE 1
    for (v, ci) in [
        ("v1.0", 47.0),
        ("v1.1", 38.95),
        ("v2.2", 51.28),
        ("v3.0", 51.28),
    ] {
        let e = ok(job(v));
        assert_close!(e.figures.energy_kwh, 0.012);
        assert_close!(e.figures.ci_g_per_kwh, ci);
        assert_close!(e.figures.co2e_g, 0.012 * ci);
    }
    assert_eq!(ok(job("v3.0")).pue.value, 1.0);
}

#[test]
fn world_is_475_in_every_version() {
    for v in DataVersion::ALL {
        let e = ok(
            json!({"data_version": v.as_str(), "runtime_h": 1, "gpu": {"model": "Any", "count": 1},
            "memory_gb": 0, "platform": "personal_computer", "location": "WORLD"}),
        );
        // Any GPU = 200 W: 0.2 kWh × 475
        assert_close!(e.figures.energy_kwh, 0.2);
        assert_close!(e.figures.co2e_g, 95.0);
    }
}

#[test]
fn local_server_default_pue_is_1_56_in_v3_and_1_67_before() {
    for (v, pue) in [
        ("v1.1", 1.67),
        ("v2.0", 1.67),
        ("v2.1", 1.67),
        ("v2.2", 1.67),
        ("v3.0", 1.56),
    ] {
        let e = ok(
            json!({"data_version": v, "runtime_h": 2, "cpu": {"model": "Xeon Gold 6148", "cores": 20},
            "memory_gb": 0, "location": "DE"}),
        );
        // Xeon Gold 6148: 7.5 W/core × 20 = 150 W
        assert_eq!(e.pue.value, pue, "{v}");
        assert_close!(e.figures.energy_kwh, 2.0 * pue * 150.0 / 1000.0);
    }
}

#[test]
fn cloud_pue_datacentre_then_provider_default_then_unknown() {
    let job = |v: &str, provider: &str, dc: Option<&str>, loc: Option<&str>| {
        json!({"data_version": v, "runtime_h": 1, "cpu": {"model": "Any", "cores": 10}, "memory_gb": 0,
               "platform": "cloud", "provider": provider, "datacenter": dc, "location": loc})
    };
    // gcp asia-southeast1 publishes 1.15
    let e = ok(job("v3.0", "gcp", Some("asia-southeast1"), None));
    assert_eq!((e.pue.value, e.pue.source), (1.15, PueSource::Datacenter));
    assert_eq!(e.location.code, "SG");
    // gcp us-west2 has no PUE: gcp default 1.12 (v3.0), 1.11 (v2.2)
    let e = ok(job("v3.0", "gcp", Some("us-west2"), None));
    assert_eq!(
        (e.pue.value, e.pue.source),
        (1.12, PueSource::ProviderDefault)
    );
    assert_eq!(
        ok(job("v2.2", "gcp", Some("us-west2"), None)).pue.value,
        1.11
    );
    // azure default 1.12 (v3.0), 1.125 (v2.2)
    assert_eq!(
        ok(job("v3.0", "azure", Some("West Europe"), None))
            .pue
            .value,
        1.12
    );
    assert_eq!(
        ok(job("v2.2", "azure", Some("West Europe"), None))
            .pue
            .value,
        1.125
    );
    // OVHcloud (v3.0 only) 1.09, Oracle 1.2, aws 1.2
    assert_eq!(
        ok(job("v3.0", "OVHcloud", None, Some("FR"))).pue.value,
        1.09
    );
    assert_eq!(ok(job("v3.0", "Oracle", None, Some("FR"))).pue.value, 1.2);
    assert_eq!(ok(job("v2.2", "aws", None, Some("FR"))).pue.value, 1.2);
    assert!(matches!(
        run(job("v2.2", "OVHcloud", None, Some("FR"))),
        Err(Error::UnknownProvider { .. })
    ));
    // provider other: the Unknown default
    let e = ok(job("v3.0", "other", None, Some("FR")));
    assert_eq!(
        (e.pue.value, e.pue.source),
        (1.56, PueSource::PlatformDefault)
    );
    // 10 cores × 12 W × 1.15 = 138 W
    let e = ok(job("v3.0", "gcp", Some("asia-southeast1"), None));
    assert_close!(e.figures.power_w, 138.0);
}

#[test]
fn a_stated_pue_always_wins() {
    for platform in ["personal_computer", "local_server", "cloud"] {
        let e = ok(
            json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 0,
            "platform": platform, "provider": if platform == "cloud" { Some("gcp") } else { None },
            "datacenter": if platform == "cloud" { Some("us-west1") } else { None },
            "location": if platform == "cloud" { None } else { Some("FR") }, "pue": 1.3}),
        );
        assert_eq!(
            (e.pue.value, e.pue.source),
            (1.3, PueSource::Stated),
            "{platform}"
        );
        assert!(!e.defaults.contains("pue"));
    }
}

#[test]
fn stated_power_wins_and_other_needs_it() {
    let e = ok(
        json!({"runtime_h": 1, "gpu": {"model": "other", "count": 2, "tdp_w": 450, "usage": 0.5},
        "memory_gb": 0, "platform": "personal_computer", "location": "FR"}),
    );
    assert_close!(e.figures.energy_kwh, 0.45);
    assert_eq!(e.gpu.as_ref().unwrap().origin, PowerOrigin::Stated);
    let e = ok(
        json!({"runtime_h": 1, "cpu": {"model": "Xeon Gold 6148", "cores": 1, "tdp_per_core_w": 9},
        "memory_gb": 0, "platform": "personal_computer", "location": "FR"}),
    );
    assert_close!(e.figures.energy_kwh, 0.009);
    assert_eq!(e.cpu.as_ref().unwrap().model, "Xeon Gold 6148");
    let err = run(
        json!({"runtime_h": 1, "cpu": {"model": "other", "cores": 1}, "memory_gb": 0, "location": "FR"}),
    );
    assert!(
        matches!(err, Err(Error::MissingTdp { ref field, .. }) if field == "cpu.tdp_per_core_w")
    );
    let err = run(
        json!({"runtime_h": 1, "gpu": {"model": "Other", "count": 1}, "memory_gb": 0, "location": "FR"}),
    );
    assert!(matches!(err, Err(Error::MissingTdp { ref field, .. }) if field == "gpu.tdp_w"));
}

#[test]
fn a_measured_power_says_so_and_how() {
    let stated = ok(
        json!({"runtime_h": 2, "cpu": {"model": "Any", "cores": 4, "tdp_per_core_w": 6.5},
        "gpu": {"model": "NVIDIA H100", "count": 1, "tdp_w": 410},
        "memory_gb": 8, "location": "FR"}),
    );
    let measured = ok(json!({"runtime_h": 2,
        "cpu": {"model": "Any", "cores": 4, "tdp_per_core_w": 6.5, "measured_by": "RAPL energy of package-0"},
        "gpu": {"model": "NVIDIA H100", "count": 1, "tdp_w": 410, "measured_by": " NVML energy "},
        "memory_gb": 8, "location": "FR"}));
    // the same figures (2 h × (4 × 6.5 + 410 + 8 × 0.3725) W × PUE 1.56), another origin
    assert_close!(
        measured.figures.energy_kwh,
        2.0 * (26.0 + 410.0 + 2.98) * 1.56 / 1000.0
    );
    assert_eq!(measured.figures.energy_kwh, stated.figures.energy_kwh);
    let cpu = measured.cpu.as_ref().unwrap();
    assert_eq!(
        (cpu.origin, &*cpu.source),
        (PowerOrigin::Measured, "RAPL energy of package-0")
    );
    let gpu = measured.gpu.as_ref().unwrap();
    assert_eq!(
        (gpu.origin, &*gpu.source, gpu.table),
        (PowerOrigin::Measured, "NVML energy", None)
    );
    assert_eq!(stated.cpu.as_ref().unwrap().origin, PowerOrigin::Stated);
    let text = serde_json::to_string(&measured).unwrap();
    assert!(
        text.contains(r#""origin":"measured","table":null,"source":"RAPL energy of package-0""#),
        "{text}"
    );
    // a measurement without its value
    let err = run(
        json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1, "measured_by": "RAPL"},
        "memory_gb": 0, "location": "FR"}),
    );
    assert!(matches!(err, Err(Error::MissingField { ref field }) if field == "cpu.tdp_per_core_w"));
}

#[test]
fn gpu_table_gives_board_power_and_tpus_are_gpus() {
    // v3.0: A100 80GB PCIe 300 W, TPU v4 170 W; v2.0: TPU v3 200 W
    let e = ok(
        json!({"runtime_h": 10, "gpu": {"model": "NVIDIA A100 80GB PCIe", "count": 1}, "memory_gb": 0,
        "location": "FR"}),
    );
    assert_close!(e.figures.energy_kwh, 10.0 * 1.56 * 300.0 / 1000.0);
    let e = ok(
        json!({"runtime_h": 1, "gpu": {"model": "TPU v4", "count": 4}, "memory_gb": 0,
        "platform": "personal_computer", "location": "FR"}),
    );
    assert_close!(e.figures.energy_kwh, 0.68);
    let e = ok(
        json!({"data_version": "v2.0", "runtime_h": 1, "gpu": {"model": "TPU v3", "count": 1},
        "memory_gb": 0, "platform": "personal_computer", "location": "FR"}),
    );
    assert_close!(e.figures.energy_kwh, 0.2);
    assert!(matches!(
        run(
            json!({"data_version": "v1.1", "runtime_h": 1, "gpu": {"model": "TPU v4", "count": 1},
        "memory_gb": 0, "location": "FR"})
        ),
        Err(Error::UnknownGpu { .. })
    ));
}

#[test]
fn multiplicative_factor_scales_everything_and_shows_in_the_citation() {
    let base = ok(
        json!({"runtime_h": 3, "cpu": {"model": "Any", "cores": 2}, "memory_gb": 16, "location": "GB"}),
    );
    let rep = ok(
        json!({"runtime_h": 3, "cpu": {"model": "Any", "cores": 2}, "memory_gb": 16, "location": "GB",
        "multiplicative_factor": 5}),
    );
    assert_close!(rep.figures.energy_kwh, 5.0 * base.figures.energy_kwh);
    assert_close!(rep.figures.co2e_g, 5.0 * base.figures.co2e_g);
    assert!(rep
        .citation(empreinte::Lang::En)
        .contains("and run 5 times"));
    assert!(rep.citation(empreinte::Lang::Fr).contains("exécuté 5 fois"));
    assert!(!base.citation(empreinte::Lang::En).contains("times"));
}

#[test]
fn citation_puts_energy_and_co2e_in_their_places() {
    let e = ok(
        json!({"runtime_h": 12, "cpu": {"model": "Xeon E5-2683 v4", "cores": 12}, "memory_gb": 64,
        "location": "FR"}),
    );
    let en = e.citation(empreinte::Lang::En);
    assert!(
        en.starts_with(
            "This computation ran for 12h on 12 Xeon E5-2683 v4 cores and drew 2.13\u{a0}kWh."
        ),
        "{en}"
    );
    assert!(
        en.contains("Based in France, it has a carbon footprint of 109.28\u{a0}gCO₂e"),
        "{en}"
    );
    assert!(en.contains("data v3.0 [Lannelongue et al. 2021]"), "{en}");
    let fr = e.citation(empreinte::Lang::Fr);
    assert!(fr.contains("12\u{a0}cœurs Xeon E5-2683 v4"), "{fr}");
    assert!(
        fr.contains("2,13\u{a0}kWh") && fr.contains("109,28\u{a0}gCO₂e"),
        "{fr}"
    );
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["citation"]["en"], en);
    assert_eq!(json["citation"]["fr"], fr);
}

#[test]
fn locations_resolve_by_code_or_name_and_datacentres_by_name() {
    let by_name = ok(
        json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 0, "location": "Oregon"}),
    );
    assert_eq!(by_name.location.code, "US-OR");
    assert_close!(by_name.figures.ci_g_per_kwh, 163.15);
    let e = ok(
        json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 0, "platform": "cloud",
        "datacenter": "us-west1"}),
    );
    assert_eq!((e.provider, e.location.code), (Some("gcp"), "US-OR"));
}

#[test]
fn defaults_are_flagged() {
    let e = ok(
        json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "gpu": {"model": "Any", "count": 1, "usage": 0.5},
        "memory_gb": 0, "location": "FR"}),
    );
    let names: Vec<&str> = e.defaults.names().collect();
    assert_eq!(
        names,
        [
            "data_version",
            "platform",
            "cpu.usage",
            "multiplicative_factor",
            "pue",
            "hardware_tables",
            "ci_source",
            "embodied",
            "uncertainty",
            "water"
        ]
    );
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(
        json["defaults"],
        json!([
            "data_version",
            "platform",
            "cpu.usage",
            "multiplicative_factor",
            "pue",
            "hardware_tables",
            "ci_source",
            "embodied",
            "uncertainty",
            "water"
        ])
    );
}

fn err(job: serde_json::Value) -> Error {
    run(job).unwrap_err()
}

#[test]
fn every_bad_input_is_its_own_typed_error() {
    let base = || json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1, "location": "FR"});
    let with = |path: &[&str], v: serde_json::Value| {
        let mut j = base();
        let mut cur = &mut j;
        for p in &path[..path.len() - 1] {
            cur = &mut cur[*p];
        }
        cur[path[path.len() - 1]] = v;
        j
    };
    let cases: Vec<(serde_json::Value, &str, Option<&str>)> = vec![
        (
            with(&["runtime_h"], json!(-1)),
            "negative_value",
            Some("runtime_h"),
        ),
        (
            with(&["memory_gb"], json!(-0.5)),
            "negative_value",
            Some("memory_gb"),
        ),
        (
            with(&["cpu", "tdp_per_core_w"], json!(-3)),
            "negative_value",
            Some("cpu.tdp_per_core_w"),
        ),
        (
            with(&["cpu", "usage"], json!(1.5)),
            "usage_out_of_range",
            Some("cpu.usage"),
        ),
        (
            with(&["cpu", "usage"], json!(-0.1)),
            "usage_out_of_range",
            Some("cpu.usage"),
        ),
        (with(&["pue"], json!(0.9)), "pue_below_one", Some("pue")),
        (
            with(&["multiplicative_factor"], json!(0.5)),
            "multiplicative_factor_below_one",
            Some("multiplicative_factor"),
        ),
        (
            with(&["cpu", "cores"], json!(0)),
            "zero_count",
            Some("cpu.cores"),
        ),
        (
            with(&["cpu", "cores"], json!(-2)),
            "count_out_of_range",
            Some("cpu.cores"),
        ),
        (
            json!({"runtime_h": 1, "memory_gb": 1, "location": "FR"}),
            "no_processor",
            Some("cpu"),
        ),
        (
            with(&["cpu", "model"], json!("Xeon E5-2683")),
            "unknown_cpu",
            Some("cpu.model"),
        ),
        (
            with(&["location"], json!("Atlantis")),
            "unknown_location",
            Some("location"),
        ),
        (
            with(&["data_version"], json!("v9")),
            "unknown_data_version",
            Some("data_version"),
        ),
        (
            with(&["location"], json!(null)),
            "missing_location",
            Some("location"),
        ),
        (
            json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1, "platform": "cloud", "provider": "aws"}),
            "missing_location",
            Some("location"),
        ),
        (
            json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1, "platform": "cloud", "provider": "gcp",
            "datacenter": "mars-1"}),
            "unknown_datacenter",
            Some("datacenter"),
        ),
        (
            json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1, "platform": "cloud", "provider": "ibm",
            "location": "FR"}),
            "unknown_provider",
            Some("provider"),
        ),
        (
            json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1, "platform": "cloud", "provider": "gcp",
            "datacenter": "us-west1", "location": "FR"}),
            "conflicting_input",
            Some("location"),
        ),
        (
            with(&["provider"], json!("gcp")),
            "not_applicable",
            Some("provider"),
        ),
        (
            json!({"data_version": "v1.0", "runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1,
            "platform": "cloud", "provider": "gcp", "datacenter": "asia-southeast1"}),
            "datacenter_without_intensity",
            Some("location"),
        ),
        (
            with(&["runtime_h"], json!(null)),
            "missing_field",
            Some("runtime_h"),
        ),
        (
            with(&["memory_gb"], json!(null)),
            "missing_field",
            Some("memory_gb"),
        ),
        (
            with(&["cpu", "cores"], json!(null)),
            "missing_field",
            Some("cpu.cores"),
        ),
        (
            with(&["cpu", "model"], json!(null)),
            "missing_field",
            Some("cpu.model"),
        ),
    ];
    for (job, code, field) in cases {
        let e = err(job.clone());
        assert_eq!(e.code(), code, "{job} gave {e}");
        assert_eq!(e.field(), field, "{job} gave {e}");
        let msg = e.to_string();
        if let Some(f) = field {
            assert!(msg.contains(f.split('.').next_back().unwrap()), "{msg}");
        }
    }
}

#[test]
fn non_finite_values_are_their_own_error() {
    let mut job = Job::from_value(
        json!({"runtime_h": 1, "cpu": {"model": "Any", "cores": 1}, "memory_gb": 1,
        "location": "FR"}),
    )
    .unwrap();
    job.runtime_h = Some(f64::NAN);
    assert_eq!(estimate(&job).unwrap_err().code(), "non_finite_value");
    job.runtime_h = Some(1.0);
    job.memory_gb = Some(f64::INFINITY);
    let e = estimate(&job).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("non_finite_value", Some("memory_gb"))
    );
    job.memory_gb = Some(1.0);
    job.pue = Some(f64::NAN);
    assert_eq!(estimate(&job).unwrap_err().field(), Some("pue"));
}

#[test]
fn unknown_names_carry_three_suggestions_and_messages_show_them() {
    let e = err(
        json!({"runtime_h": 1, "gpu": {"model": "Tesla V100", "count": 1}, "memory_gb": 1, "location": "FR"}),
    );
    assert_eq!(e.suggestions().len(), 3);
    assert_eq!(e.suggestions()[0], "NVIDIA Tesla V100");
    assert!(
        e.to_string().contains("did you mean \"NVIDIA Tesla V100\""),
        "{e}"
    );
    let e = err(
        json!({"data_version": "4.0", "runtime_h": 1, "gpu": {"model": "Any", "count": 1}, "memory_gb": 1, "location": "FR"}),
    );
    assert_eq!(
        e.to_string(),
        "unknown data_version \"4.0\": known versions are v1.0, v1.1, v2.0, v2.1, v2.2, v3.0"
    );
}

#[test]
fn empreinte_hw_is_searched_after_the_data_version_and_named_in_the_result() {
    // H100 SXM is not in any Green Algorithms version; Xeon E5-2683 v4 is.
    let e = ok(
        json!({"runtime_h": 2, "gpu": {"model": "NVIDIA H100 SXM", "count": 1},
        "cpu": {"model": "Xeon E5-2683 v4", "cores": 4}, "memory_gb": 0, "platform": "personal_computer", "location": "FR"}),
    );
    let gpu = e.gpu.as_ref().unwrap();
    assert_eq!(gpu.tdp_w, 700.0);
    assert_close!(e.figures.energy_breakdown_kwh.gpu, 1.4);
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(
        json["gpu"]["table"],
        json!({"name": "empreinte-hw", "version": "hw-2026.11"})
    );
    assert_eq!(
        json["cpu"]["table"],
        json!({"name": "green-algorithms", "version": "v3.0"})
    );
    // the vendor word may be left out
    let e = ok(
        json!({"runtime_h": 1, "cpu": {"model": "Xeon Platinum 8468", "cores": 48}, "memory_gb": 0,
        "platform": "personal_computer", "location": "FR"}),
    );
    assert_eq!(e.cpu.as_ref().unwrap().model, "Intel Xeon Platinum 8468");
    // restricted to upstream's tables: unknown, with upstream suggestions only
    let err = run(
        json!({"runtime_h": 2, "gpu": {"model": "NVIDIA H100 SXM", "count": 1}, "memory_gb": 0,
        "location": "FR", "hardware_tables": ["green-algorithms"]}),
    )
    .unwrap_err();
    assert_eq!(err.code(), "unknown_gpu");
    assert!(
        err.suggestions().iter().all(|s| !s.contains("H100")),
        "{err}"
    );
    // empreinte-hw first: still the same H100 row
    let e = ok(
        json!({"runtime_h": 2, "gpu": {"model": "NVIDIA H100 SXM", "count": 1}, "memory_gb": 0,
        "location": "FR", "hardware_tables": ["empreinte-hw", "green-algorithms"]}),
    );
    assert_eq!(
        e.gpu.unwrap().table.unwrap().name,
        empreinte::HardwareSource::EmpreinteHw
    );
}
