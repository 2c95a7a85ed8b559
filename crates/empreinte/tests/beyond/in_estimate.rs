//! What the result holds beyond Green Algorithms, through `estimate`: embodied emissions and
//! totals, SCI, ranges and drivers, water — parity figures untouched.
#![allow(clippy::unwrap_used, clippy::panic)]

use empreinte::{estimate, Estimate, Job};
use serde_json::{json, Value};

fn run(job: Value) -> Result<Estimate, empreinte::Error> {
    estimate(&Job::from_value(job).unwrap())
}

/// Methodology B's worked example: one A100 80 GB for 10 h at PUE 1.56 (64 GB of memory).
fn a100(extra: Value) -> Value {
    let mut job = json!({"runtime_h": 10, "gpu": {"model": "NVIDIA A100 80GB PCIe", "count": 1},
        "memory_gb": 64, "location": "FR"});
    for (k, v) in extra.as_object().unwrap() {
        job[k] = v.clone();
    }
    job
}

#[test]
fn the_worked_example_of_methodology_b() {
    // 1.56 × (300 + 64 × 0.3725) × 10 / 1000 = 5.051904 kWh
    let e = run(a100(
        json!({"embodied": {"model": "ccf-teads", "te_g": 1_050_000.0, "resource_share": 1.0}}),
    ))
    .unwrap();
    assert!((e.figures.energy_kwh - 5.051904).abs() < 1e-12);
    let m = e.embodied.as_ref().unwrap();
    // 1 050 000 g × 10 h / 35 040 h
    assert!(
        (m.co2e_g - 1_050_000.0 * 10.0 / 35_040.0).abs() < 1e-9,
        "{}",
        m.co2e_g
    );
    assert!((e.totals.total_co2e_g - (e.figures.co2e_g + m.co2e_g)).abs() < 1e-9);
    assert!((e.totals.embodied_share - m.co2e_g / e.totals.total_co2e_g).abs() < 1e-12);
    // in France embodied outweighs operational
    assert!(e.totals.embodied_share > 0.5);
}

#[test]
fn parity_fields_do_not_move_and_extras_are_flagged_defaults() {
    let e = run(a100(json!({}))).unwrap();
    assert!((e.figures.co2e_g - 5.051904 * 51.28).abs() < 1e-9);
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["embodied"]["model"], "ga-v3.1");
    for k in ["embodied", "uncertainty", "water"] {
        assert!(v["defaults"].as_array().unwrap().contains(&json!(k)), "{k}");
    }
    // central = parity value, low ≤ central ≤ high
    for (range, parity) in [
        ("energy_kwh_range", "energy_kwh"),
        ("co2e_g_range", "co2e_g"),
        ("total_co2e_g_range", "total_co2e_g"),
    ] {
        let r = &v[range];
        assert_eq!(r["central"], v[parity], "{range}");
        assert!(r["low"].as_f64().unwrap() <= r["central"].as_f64().unwrap());
        assert!(r["central"].as_f64().unwrap() <= r["high"].as_f64().unwrap());
    }
    let shares: f64 = v["drivers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["share"].as_f64().unwrap())
        .sum();
    assert!((shares - 1.0).abs() < 1e-9);
    // water in France: off site 3.67 L/kWh (WRI 2020) on all the energy
    assert!((v["water_l"]["offsite"].as_f64().unwrap() - 5.051904 * 3.67).abs() < 1e-9);
    assert_eq!(v["sci"], Value::Null);
}

#[test]
fn sci_divides_the_total_by_the_functional_unit() {
    let e = run(a100(
        json!({"functional_unit": {"name": "training run", "quantity": 4}}),
    ))
    .unwrap();
    let sci = e.sci.as_ref().unwrap();
    assert!((sci.value - e.totals.total_co2e_g / 4.0).abs() < 1e-9);
    assert_eq!(sci.unit, "gCO2e per training run");
    let err = run(a100(
        json!({"functional_unit": {"name": "run", "quantity": 0}}),
    ))
    .unwrap_err();
    assert_eq!(err.field(), Some("functional_unit.quantity"));
}

#[test]
fn water_is_left_out_where_unknown_unless_asked_for() {
    let e = run(a100(json!({"location": "DE"}))).unwrap();
    assert!(e.water.is_none());
    let err = run(a100(json!({"location": "DE", "water": {}}))).unwrap_err();
    assert_eq!(err.code(), "missing_water_intensity");
    let e = run(a100(
        json!({"location": "DE", "water": {"ewif_l_per_kwh": 2.0, "wue_l_per_kwh": 0.4}}),
    ))
    .unwrap();
    let w = e.water.unwrap();
    assert!((w.offsite_l - 2.0 * e.figures.energy_kwh).abs() < 1e-12);
    assert!((w.onsite_l - 0.4 * e.figures.energy_kwh / 1.56).abs() < 1e-12);
}

#[test]
fn monte_carlo_is_reproducible_for_a_seed() {
    let job = a100(json!({"uncertainty": {"method": "monte_carlo", "samples": 2000, "seed": 7}}));
    let a = serde_json::to_string(&run(job.clone()).unwrap()).unwrap();
    let b = serde_json::to_string(&run(job).unwrap()).unwrap();
    assert_eq!(a, b);
    let v: Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["uncertainty"]["method"], "monte_carlo");
    assert_eq!(v["co2e_g_range"]["central"], v["co2e_g"]);
}

#[test]
fn the_green_algorithms_only_path_gives_the_same_parity_figures() {
    let golden: Value =
        serde_json::from_str(include_str!("../../../../tests/golden/ga-calculator.json")).unwrap();
    for case in golden["cases"].as_array().unwrap() {
        let job = Job::from_value(case["job"].clone()).unwrap();
        let full = estimate(&job).unwrap();
        let ga = empreinte::estimate_green_algorithms(&job).unwrap();
        assert_eq!(
            (
                ga.figures.energy_kwh,
                ga.figures.co2e_g,
                ga.figures.power_w,
                ga.figures.ci_g_per_kwh,
                ga.pue.value
            ),
            (
                full.figures.energy_kwh,
                full.figures.co2e_g,
                full.figures.power_w,
                full.figures.ci_g_per_kwh,
                full.pue.value
            )
        );
        assert!(ga.embodied.is_none() && ga.uncertainty.is_none() && ga.water.is_none());
        assert_eq!(ga.totals.total_co2e_g, ga.figures.co2e_g);
    }
    let err =
        empreinte::estimate_green_algorithms(&Job::from_value(a100(json!({"water": {}}))).unwrap())
            .unwrap_err();
    assert_eq!((err.code(), err.field()), ("not_applicable", Some("water")));
}
