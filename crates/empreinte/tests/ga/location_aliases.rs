//! A country's other names (ISO alpha-3 code, UN English name, `UK`, `United States`) on
//! every path that takes a location: a job, a cluster file, the intensity sources and the
//! comparison. The result names the location row it used: its code and its name.
#![allow(clippy::unwrap_used, clippy::panic)]

use empreinte::hpc::Cluster;
use empreinte::intensity::{compare, intensity, values_at};
use empreinte::{estimate, DataVersion, Dataset, Job, LocationSource};

fn v3() -> &'static Dataset {
    DataVersion::V3_0.dataset()
}

fn job_at(location: &str) -> Job {
    Job::from_json(&format!(
        r#"{{"runtime_h": 1, "cpu": {{"model": "Any", "cores": 4}}, "memory_gb": 8,
            "location": "{location}"}}"#
    ))
    .unwrap()
}

#[test]
fn a_job_in_the_uk_is_estimated_in_gb() {
    let gb = estimate(&job_at("GB")).unwrap();
    for alias in ["UK", "uk", "GBR", "United Kingdom", "U.K."] {
        let e = estimate(&job_at(alias)).unwrap();
        assert_eq!(e.location.code, "GB", "{alias}");
        assert_eq!(e.location_source, LocationSource::Stated);
        assert_eq!(e.figures.ci_g_per_kwh, 231.12, "{alias}");
        assert_eq!(e.figures.co2e_g, gb.figures.co2e_g, "{alias}");
        // the result JSON states what was used: the code and the name of the row
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["location"], "GB");
        assert_eq!(json["ci"]["location_name"], "United Kingdom");
    }
    // 79.5288 Wh (4 cores × 12 W + 8 GB × 0.3725 W/GB, PUE 1.56) × 231.12 g/kWh
    let expected_g = (4.0 * 12.0 + 8.0 * 0.3725) * 1.56 / 1000.0 * 231.12;
    assert!(
        (gb.figures.co2e_g - expected_g).abs() < 1e-9,
        "{}",
        gb.figures.co2e_g
    );
    let us = estimate(&job_at("USA")).unwrap();
    assert_eq!((us.location.code, us.figures.ci_g_per_kwh), ("US", 423.94));
}

#[test]
fn an_unknown_place_suggests_the_aliased_code_first() {
    let err = estimate(&job_at("U.K")).unwrap_err();
    assert_eq!(err.code(), "unknown_location");
    assert_eq!(err.suggestions()[0], "GB", "{err}");
    // before: "Yukon Territory, Canada", "DK", "SK" for UK; now UK is GB itself, and a
    // region that contains the query still comes first for a query that is no alias
    let err = estimate(&job_at("Yukon")).unwrap_err();
    assert_eq!(err.suggestions()[0], "Yukon Territory, Canada", "{err}");
}

#[test]
fn a_cluster_file_reads_the_aliases() {
    let c = Cluster::from_toml(
        "pue = 1.2\nlocation = \"GBR\"\n[partitions.a]\ntype='cpu'\nw_per_core=1",
    )
    .unwrap();
    assert_eq!(c.location.as_deref(), Some("GB"));
    assert_eq!(c.ci_g_per_kwh, 231.12);
}

#[test]
fn sources_and_comparisons_read_the_aliases() {
    let ember = intensity("ember", "UK", v3()).unwrap();
    assert_eq!(ember.zone, "GBR");
    assert_eq!(ember, intensity("ember", "GB", v3()).unwrap());
    assert_eq!(
        values_at("USA", v3()).unwrap(),
        values_at("US", v3()).unwrap()
    );
    let rows = compare(2.0, &["UK", "FRA"], "ga", v3()).unwrap();
    // each row keeps the code as given, and names the place the value is for
    assert_eq!(
        (rows[0].location.as_str(), rows[0].zone, rows[0].name),
        ("UK", "GB", "United Kingdom")
    );
    assert_eq!(rows[0].co2e_g, 2.0 * 231.12);
    assert_eq!((rows[1].zone, rows[1].co2e_g), ("FR", 2.0 * 51.28));
}

#[test]
fn codes_of_the_table_are_unchanged() {
    let yt = estimate(&job_at("CA-YT")).unwrap();
    assert_eq!(
        (yt.location.code, yt.figures.ci_g_per_kwh),
        ("CA-YT", 111.0)
    );
    let fr = estimate(&job_at("FR")).unwrap();
    assert_eq!((fr.location.code, fr.figures.ci_g_per_kwh), ("FR", 51.28));
}
