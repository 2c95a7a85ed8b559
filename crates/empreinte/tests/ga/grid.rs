//! The carbon intensity of a result: sources, a stated value, a time series, the
//! alternative shown beside it. Figures by hand from data/grid-intensity/france-sources.csv.
#![allow(clippy::unwrap_used, clippy::panic)]

use empreinte::{estimate, Error, Estimate, Job};
use serde_json::{json, Value};

fn run(extra: Value) -> Result<Estimate, Error> {
    // 10 h × 100 W at PUE 1: 1 kWh
    let mut job = json!({"runtime_h": 10, "cpu": {"model": "other", "cores": 10, "tdp_per_core_w": 10},
        "memory_gb": 0, "platform": "personal_computer", "location": "FR"});
    for (k, v) in extra.as_object().unwrap() {
        job[k] = v.clone();
    }
    estimate(&Job::from_value(job).unwrap())
}

#[test]
fn the_default_is_the_data_versions_table_and_is_flagged() {
    let e = run(json!({})).unwrap();
    assert_eq!((e.figures.ci_g_per_kwh, e.figures.co2e_g), (51.28, 51.28));
    assert_eq!(e.ci.value.source.id, "ga");
    assert!(e.defaults.contains("ci_source"));
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["ci"]["source"]["id"], "ga");
    assert_eq!(v["ci"]["year"], 2020);
    assert_eq!(v["ci"]["dataset_version"], "v3.0");
}

#[test]
fn every_french_source_gives_its_published_value() {
    for (source, ci) in [
        ("ember", 44.18),
        ("electricity-maps-2024", 33.0),
        ("electricity-maps-2025", 31.0),
        ("fr-rte-2024", 21.7),
        ("ifi-2021-cm", 68.0),
        ("ifi-2021-om", 158.0),
    ] {
        let e = run(json!({"ci_source": source})).unwrap();
        assert_eq!(e.figures.ci_g_per_kwh, ci, "{source}");
        assert!((e.figures.co2e_g - ci).abs() < 1e-12, "{source}");
        assert!(!e.defaults.contains("ci_source"));
        // energy and the parity figures other than CO2e do not move
        assert!((e.figures.energy_kwh - 1.0).abs() < 1e-12);
    }
}

#[test]
fn a_stated_value_is_source_custom() {
    let e = run(json!({"ci_g_per_kwh": 12.5})).unwrap();
    assert_eq!(
        (e.figures.ci_g_per_kwh, e.ci.value.source.id),
        (12.5, "custom")
    );
    assert!((e.figures.co2e_g - 12.5).abs() < 1e-12);
    assert_eq!(
        run(json!({"ci_g_per_kwh": -1})).unwrap_err().code(),
        "negative_value"
    );
    assert_eq!(
        run(json!({"ci_g_per_kwh": 10, "ci_source": "ember"}))
            .unwrap_err()
            .code(),
        "conflicting_input"
    );
    assert_eq!(
        run(json!({"ci_source": "custom"})).unwrap_err().code(),
        "missing_field"
    );
    assert_eq!(
        run(json!({"ci_source": "embr"})).unwrap_err().code(),
        "unknown_ci_source"
    );
}

#[test]
fn a_series_is_integrated_over_the_run() {
    // hourly points 100 then 300 g/kWh; a 2 h run from the first point: mean 200 g/kWh
    let csv = "timestamp,g_co2e_per_kwh\n2024-03-01T00:00:00Z,100\n2024-03-01T01:00:00Z,300\n2024-03-01T02:00:00Z,300\n";
    let mut job = json!({"runtime_h": 2, "cpu": {"model": "other", "cores": 1, "tdp_per_core_w": 500},
        "memory_gb": 0, "platform": "personal_computer", "location": "FR",
        "ci_series": {"csv": csv}, "start": "2024-03-01T00:00:00Z"});
    let e = estimate(&Job::from_value(job.clone()).unwrap()).unwrap();
    assert!((e.figures.energy_kwh - 1.0).abs() < 1e-12);
    assert!((e.figures.ci_g_per_kwh - 200.0).abs() < 1e-9);
    assert!((e.figures.co2e_g - 200.0).abs() < 1e-9);
    assert_eq!(e.ci.series.as_ref().unwrap().intervals_used, 2);
    // the same with points
    job["ci_series"] = json!({"points": [["2024-03-01T00:00:00Z", 100], ["2024-03-01T01:00:00Z", 300],
        ["2024-03-01T02:00:00Z", 300]]});
    let p = estimate(&Job::from_value(job.clone()).unwrap()).unwrap();
    assert_eq!(p.figures.co2e_g, e.figures.co2e_g);
    // outside the series, or without a start: typed errors
    job["start"] = json!("2024-02-29T23:00:00Z");
    assert_eq!(
        estimate(&Job::from_value(job.clone()).unwrap())
            .unwrap_err()
            .code(),
        "outside_series"
    );
    job["start"] = Value::Null;
    let e = estimate(&Job::from_value(job).unwrap()).unwrap_err();
    assert_eq!((e.code(), e.field()), ("missing_field", Some("start")));
}

#[test]
fn the_alternative_is_ember_for_the_same_country_by_default() {
    let e = run(json!({})).unwrap();
    let alt = e.ci_alternative.as_ref().unwrap();
    assert_eq!((alt.source, alt.ci_g_per_kwh), ("ember", 44.18));
    assert!((alt.co2e_g - 44.18).abs() < 1e-12);
    let e = run(json!({"ci_source": "ember"})).unwrap();
    assert_eq!(e.ci_alternative.unwrap().source, "electricity-maps-2025");
    let e = run(json!({"ci_alternative": "fr-rte-2024"})).unwrap();
    assert_eq!(e.ci_alternative.unwrap().ci_g_per_kwh, 21.7);
    // asked for explicitly and absent: an error, not a silent fallback
    let err = run(json!({"ci_alternative": "fr-rte-2024", "location": "DE"})).unwrap_err();
    assert_eq!(err.code(), "no_intensity");
}
