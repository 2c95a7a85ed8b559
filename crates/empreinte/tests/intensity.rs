//! Grid intensity: sources and their metadata, location mapping, custom values, time series,
//! what-if and location comparison. Hand-computed cases and properties.

use empreinte::intensity::{
    alternative, best_start, compare, format_timestamp, intensity, parse_timestamp, source,
    sources, CiBasis, CiColumn, CiKind, CiScope, CiSeries, CiValue, SeriesOptions,
    REFERENCE_COUNTRIES,
};
use empreinte::{DataVersion, Dataset, Error};
use proptest::prelude::*;

fn v3() -> &'static Dataset {
    DataVersion::V3_0.dataset()
}

fn ci(source_id: &str, code: &str) -> CiValue {
    let r = intensity(source_id, code, v3());
    assert!(r.is_ok(), "{source_id} {code}: {r:?}");
    r.expect("checked above")
}

fn ts(text: &str) -> i64 {
    parse_timestamp("t", text).expect("timestamp")
}

// ---------------------------------------------------------------- sources and lookups

#[test]
fn france_under_every_source() {
    // methodology B.3 and france-sources.csv
    let cases: [(&str, f64, Option<u16>, &str); 11] = [
        ("ga", 51.28, Some(2020), "FR"),
        ("ember", 44.18, Some(2024), "FRA"),
        ("electricity-maps-2021", 60.0, Some(2021), "FR"),
        ("electricity-maps-2022", 91.0, Some(2022), "FR"),
        ("electricity-maps-2023", 49.0, Some(2023), "FR"),
        ("electricity-maps-2024", 33.0, Some(2024), "FR"),
        ("electricity-maps-2025", 31.0, Some(2025), "FR"),
        ("fr-rte-2024", 21.7, Some(2024), "FR"),
        ("fr-ember-2023", 55.24, Some(2023), "FR"),
        ("ifi-2021-cm", 68.0, Some(2021), "FRA"),
        ("ifi-2021-om", 158.0, Some(2021), "FRA"),
    ];
    for (id, value, year, zone) in cases {
        let v = ci(id, "FR");
        assert_eq!(v.g_per_kwh, value, "{id}");
        assert_eq!(v.year, year, "{id}");
        assert_eq!(v.zone, zone, "{id}");
        assert_eq!(v.zone_name, "France", "{id}");
        assert_eq!(v.source.id, id);
    }
    // Older data versions under `ga`.
    let v1 = intensity("ga", "FR", DataVersion::V1_1.dataset()).expect("v1.1");
    assert_eq!((v1.g_per_kwh, v1.dataset_version), (38.95, "v1.1"));
    assert_eq!(ci("ga", "FR").dataset_sha256, v3().digest);
}

#[test]
fn metadata_of_each_source() {
    let ids: Vec<&str> = sources().iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        [
            "ga",
            "ember",
            "electricity-maps-2021",
            "electricity-maps-2022",
            "electricity-maps-2023",
            "electricity-maps-2024",
            "electricity-maps-2025",
            "ifi-2021-om",
            "ifi-2021-cm",
            "fr-rte-2024",
            "fr-ember-2023",
            "custom"
        ]
    );
    let s = source("ember").expect("ember");
    assert_eq!(
        (s.kind, s.scope, s.basis, s.licence, s.year),
        (
            CiKind::Average,
            CiScope::Lifecycle,
            CiBasis::Production,
            "CC-BY-SA-4.0",
            None
        )
    );
    assert!(s.attribution.contains("Ember"));
    assert_eq!(
        s.sha256,
        "7f0b09eb3a0b5aa08db0da7bdf7cf9571db3d1b6f163506fe41d70e655196bc0"
    );
    let s = source("Electricity-Maps-2024").expect("case-insensitive");
    assert_eq!(
        (s.kind, s.scope, s.basis, s.licence),
        (
            CiKind::Average,
            CiScope::Lifecycle,
            CiBasis::Consumption,
            "ODbL-1.0"
        )
    );
    assert_eq!(
        s.sha256,
        "9bb9eb9823a9ccf640966e92143fcfe7c2f88e6a55c23e66bd049ccacd0babee"
    );
    for id in ["ifi-2021-om", "ifi-2021-cm"] {
        let s = source(id).expect("ifi");
        assert_eq!(
            (s.kind, s.scope, s.year),
            (CiKind::Marginal, CiScope::Direct, Some(2021))
        );
        assert_eq!(
            s.sha256,
            "781f146338651e7ddef0bb7137ace591c6ebadb1f7c02c2cbed5ba07da7afb30"
        );
    }
    let s = source("fr-rte-2024").expect("rte");
    assert_eq!((s.scope, s.basis), (CiScope::Direct, CiBasis::Production));
    let s = source("ga").expect("ga");
    assert_eq!(s.scope, CiScope::ProductionMixFactor);
    for s in sources() {
        assert!(!s.name.is_empty() && !s.attribution.is_empty(), "{}", s.id);
        assert!(s.file.is_empty() == s.sha256.is_empty(), "{}", s.id);
        assert!(s.sha256.is_empty() || s.sha256.len() == 64, "{}", s.id);
    }
    // Sizes: 222 Ember rows, 352 Electricity Maps zones, 228 IFI countries (233 rows less
    // four without an ISO code and the Canary Islands).
    assert_eq!(source("ember").expect("s").zone_count(), 222);
    assert_eq!(
        source("electricity-maps-2025").expect("s").zone_count(),
        352
    );
    assert_eq!(source("ifi-2021-om").expect("s").zone_count(), 228);
    assert_eq!(source("fr-rte-2024").expect("s").zone_count(), 1);
}

#[test]
fn metadata_serialises_with_units_in_names() {
    let json = serde_json::to_value(ci("ember", "FR")).expect("json");
    assert_eq!(json["ci_g_per_kwh"], 44.18);
    assert_eq!(json["source"]["id"], "ember");
    assert_eq!(json["source"]["kind"], "average");
    assert_eq!(json["source"]["scope"], "lifecycle");
    assert_eq!(json["source"]["basis"], "production");
    assert_eq!(json["year"], 2024);
    let json = serde_json::to_value(source("ga").expect("ga")).expect("json");
    assert_eq!(json["scope"], "production_mix_factor");
}

#[test]
fn unknown_source_suggests_three_ids() {
    let err = intensity("embr", "FR", v3()).expect_err("unknown");
    assert_eq!(err.code(), "unknown_ci_source");
    assert_eq!(err.field(), Some("ci_source"));
    assert_eq!(err.suggestions().len(), 3);
    assert_eq!(err.suggestions()[0], "ember");
    assert!(
        err.to_string().starts_with("unknown ci_source \"embr\""),
        "{err}"
    );
    let err = source("electricity-maps-2030").expect_err("unknown");
    assert!(err
        .suggestions()
        .iter()
        .all(|s| s.starts_with("electricity-maps")));
}

#[test]
fn no_silent_fallback_to_another_place() {
    for (id, code) in [
        ("ember", "US-CA"),                 // Ember is per country
        ("ifi-2021-cm", "US-CA"),           // so is IFI
        ("electricity-maps-2025", "US-CA"), // several balancing authorities
        ("electricity-maps-2025", "RU"),    // RU-1, RU-2, RU-AS only
        ("electricity-maps-2025", "AU-WA1"),
        ("electricity-maps-2025", "WORLD"),
        ("ifi-2021-om", "WORLD"),
        ("ifi-2021-om", "CN-HK"), // IFI counts Hong Kong with China
        ("fr-rte-2024", "DE"),
        ("fr-ember-2023", "WORLD"),
    ] {
        match intensity(id, code, v3()) {
            Err(e @ Error::NoIntensity { .. }) => {
                assert_eq!(e.code(), "no_intensity");
                assert_eq!(e.field(), Some("location"));
                assert!(
                    e.to_string().starts_with(&format!(
                        "no value for location {code:?} in ci source {id:?}"
                    )),
                    "{e}"
                );
            }
            other => panic!("{id} {code}: expected NoIntensity, got {other:?}"),
        }
    }
    let err = intensity("electricity-maps-2025", "US-CA", v3()).expect_err("ba");
    assert!(err.to_string().contains("US-CAL-CISO"), "{err}");
}

#[test]
fn regions_map_only_where_one_zone_is_theirs() {
    let v = ci("electricity-maps-2025", "CA-MT"); // GA's Manitoba code
    assert_eq!(
        (v.zone, v.zone_name, v.g_per_kwh),
        ("CA-MB", "Manitoba", 74.0)
    );
    let v = ci("electricity-maps-2025", "CA-ON");
    assert_eq!((v.zone, v.g_per_kwh), ("CA-ON", 111.0));
    let v = ci("electricity-maps-2025", "US-NY");
    assert_eq!((v.zone, v.g_per_kwh), ("US-NY-NYIS", 314.0));
    let v = ci("electricity-maps-2025", "CN-HK2");
    assert_eq!((v.zone, v.g_per_kwh), ("HK", 590.0));
    let v = ci("ember", "CN-HK");
    assert_eq!((v.zone, v.g_per_kwh, v.year), ("HKG", 681.99, Some(2023)));
    let v = ci("ember", "WORLD");
    assert_eq!((v.zone, v.g_per_kwh), ("World", 472.94));
    // Country names resolve through the data version.
    assert_eq!(ci("ember", "Germany").g_per_kwh, 342.06);
    // A source's own zone ids work when they are not Green Algorithms locations.
    let v = ci("electricity-maps-2025", "us-cal-ciso");
    assert_eq!(
        (v.zone, v.zone_name, v.g_per_kwh),
        ("US-CAL-CISO", "CAISO", 208.0)
    );
    assert_eq!(ci("ember", "DEU").g_per_kwh, 342.06);
    // IFI: the Cayman Islands row (co2.js gives it the alpha-2 "CY" of Cyprus, and gives
    // its alpha-3 to the Canary Islands, which are left out).
    let v = ci("ifi-2021-cm", "CYM");
    assert_eq!((v.zone_name, v.g_per_kwh), ("Cayman Islands", 373.0));
    assert_eq!(ci("ifi-2021-om", "CY").zone, "CYP");
}

#[test]
fn unknown_location_suggests_codes_and_zones() {
    let err = intensity("ember", "Frence", v3()).expect_err("unknown");
    assert_eq!(err.code(), "unknown_location");
    assert!(err.suggestions().contains(&"France".to_owned()), "{err}");
    let err = intensity("electricity-maps-2025", "US-CAL-CISQ", v3()).expect_err("unknown");
    assert!(
        err.suggestions().contains(&"US-CAL-CISO".to_owned()),
        "{err}"
    );
    let err = intensity("ga", "Frence", v3()).expect_err("unknown");
    assert_eq!(err.code(), "unknown_location");
}

#[test]
fn custom_values_are_validated() {
    let v = CiValue::custom(12.5).expect("custom");
    assert_eq!((v.g_per_kwh, v.source.id, v.year), (12.5, "custom", None));
    assert_eq!(v.source.kind, CiKind::Unspecified);
    assert_eq!(CiValue::custom(0.0).expect("zero").g_per_kwh, 0.0);
    let e = CiValue::custom(-1.0).expect_err("negative");
    assert_eq!(
        (e.code(), e.field()),
        ("negative_value", Some("ci_g_per_kwh"))
    );
    let e = CiValue::custom(f64::NAN).expect_err("nan");
    assert_eq!(
        (e.code(), e.field()),
        ("non_finite_value", Some("ci_g_per_kwh"))
    );
    let e = intensity("custom", "FR", v3()).expect_err("needs a value");
    assert_eq!(
        (e.code(), e.field()),
        ("missing_field", Some("ci_g_per_kwh"))
    );
}

#[test]
fn alternative_source_is_ember_then_electricity_maps_then_ga() {
    let alt = alternative("FR", "ga", v3()).expect("ember");
    assert_eq!((alt.source.id, alt.g_per_kwh), ("ember", 44.18));
    let alt = alternative("FR", "ember", v3()).expect("em");
    assert_eq!(
        (alt.source.id, alt.g_per_kwh),
        ("electricity-maps-2025", 31.0)
    );
    let alt = alternative("CA-ON", "ga", v3()).expect("em");
    assert_eq!(
        (alt.source.id, alt.g_per_kwh),
        ("electricity-maps-2025", 111.0)
    );
    let alt = alternative("US-CA", "ember", v3()).expect("ga");
    assert_eq!((alt.source.id, alt.g_per_kwh), ("ga", 216.43));
    assert_eq!(alternative("US-CA", "ga", v3()), None);
    let alt = alternative("FR", "custom", v3()).expect("ember");
    assert_eq!(alt.source.id, "ember");
}

#[test]
fn compare_reference_countries() {
    let rows = compare(10.0, &REFERENCE_COUNTRIES, "ga", v3()).expect("compare");
    let got: Vec<(&str, f64, f64)> = rows
        .iter()
        .map(|r| (r.location.as_str(), r.ci_g_per_kwh, r.co2e_g))
        .collect();
    let expected = [
        ("CH", 11.52),
        ("SE", 5.67),
        ("FR", 51.28),
        ("CA", 120.0),
        ("GB", 231.12),
        ("US", 423.94),
        ("CN", 537.4),
        ("IN", 708.2),
        ("AU", 840.0),
    ];
    assert_eq!(got.len(), 9);
    for ((loc, ci, co2e), (eloc, eci)) in got.into_iter().zip(expected) {
        assert_eq!((loc, ci), (eloc, eci));
        assert!((co2e - 10.0 * eci).abs() <= 1e-12 * co2e, "{loc}");
    }
    assert_eq!(rows[2].name, "France");
    let ember = compare(1.0, &REFERENCE_COUNTRIES, "ember", v3()).expect("ember");
    assert_eq!(ember[0].co2e_g, 36.72);
    assert_eq!(ember[8].zone, "AUS");
    // a stated value (source custom) compares under the data version's own table
    assert_eq!(
        compare(10.0, &REFERENCE_COUNTRIES, "custom", v3()).expect("custom"),
        rows
    );
    let err = compare(1.0, &["FR", "US-CA"], "ember", v3()).expect_err("no region");
    assert_eq!(err.code(), "no_intensity");
    assert_eq!(
        compare(-1.0, &["FR"], "ga", v3())
            .expect_err("negative")
            .field(),
        Some("energy_kwh")
    );
}

// ---------------------------------------------------------------- time series

const TWO_STEPS: &str =
    "timestamp,g_co2e_per_kwh\n2024-01-01T00:00:00Z,100\n2024-01-01T01:00:00Z,200\n";

#[test]
fn two_step_series_by_hand() {
    let s = CiSeries::parse_csv(TWO_STEPS).expect("series");
    assert_eq!(
        s.points(),
        &[
            (ts("2024-01-01T00:00:00Z"), 100.0),
            (ts("2024-01-01T01:00:00Z"), 200.0)
        ]
    );
    assert_eq!(s.interval_s(), 3600);
    assert_eq!(s.end_unix_s(), ts("2024-01-01T02:00:00Z"));
    assert_eq!(s.column(), "g_co2e_per_kwh");
    // 30 min at 100 and 30 min at 200: mean 150; 2 kWh → 300 g.
    let r = s
        .integrate(ts("2024-01-01T00:30:00Z"), 1.0, 2.0)
        .expect("integrate");
    assert_eq!(
        (r.mean_ci_g_per_kwh, r.co2e_g, r.intervals_used),
        (150.0, 300.0, 2)
    );
    // 15 min at 100 and 45 min at 200: mean 175; 4 kWh → 700 g.
    let r = s
        .integrate(ts("2024-01-01T00:45:00Z"), 1.0, 4.0)
        .expect("integrate");
    assert_eq!((r.mean_ci_g_per_kwh, r.co2e_g), (175.0, 700.0));
    // The whole series; the last point holds for the median interval.
    let r = s
        .integrate(ts("2024-01-01T00:00:00Z"), 2.0, 1.0)
        .expect("integrate");
    assert_eq!(r.co2e_g, 150.0);
    // Inside one interval, and a run of zero hours.
    let r = s
        .integrate(ts("2024-01-01T01:10:00Z"), 0.5, 1.0)
        .expect("integrate");
    assert_eq!((r.co2e_g, r.intervals_used), (200.0, 1));
    let r = s
        .integrate(ts("2024-01-01T00:59:59Z"), 0.0, 3.0)
        .expect("zero");
    assert_eq!(r.co2e_g, 300.0);
}

#[test]
fn a_job_outside_the_series_is_an_error() {
    let s = CiSeries::parse_csv(TWO_STEPS).expect("series");
    for (start, hours) in [
        ("2023-12-31T23:59:59Z", 1.0), // starts before
        ("2024-01-01T01:30:00Z", 1.0), // ends after 02:00
        ("2024-01-01T02:00:00Z", 0.0), // starts at the end
    ] {
        let e = s.integrate(ts(start), hours, 1.0).expect_err(start);
        assert_eq!(
            (e.code(), e.field()),
            ("outside_series", Some("start")),
            "{start}"
        );
        assert!(
            e.to_string()
                .contains("(2024-01-01T00:00:00Z to 2024-01-01T02:00:00Z)"),
            "{e}"
        );
    }
    assert!(s.integrate(ts("2024-01-01T01:00:00Z"), 1.0, 1.0).is_ok());
    let e = s.integrate(0, 1e300, 1.0).expect_err("huge");
    assert_eq!(e.code(), "outside_series");
    let e = s
        .integrate(ts("2024-01-01T00:00:00Z"), -1.0, 1.0)
        .expect_err("neg");
    assert_eq!(e.field(), Some("runtime_h"));
    let e = s
        .integrate(ts("2024-01-01T00:00:00Z"), 1.0, f64::NAN)
        .expect_err("nan");
    assert_eq!(e.field(), Some("energy_kwh"));
}

#[test]
fn a_gap_is_an_error_naming_the_timestamp() {
    let text = "2024-01-01T00:00:00Z,100\n2024-01-01T01:00:00Z,100\n2024-01-01T03:00:00Z,100\n2024-01-01T04:00:00Z,100\n";
    match CiSeries::parse_csv(text) {
        Err(e @ Error::SeriesGap { .. }) => {
            assert_eq!((e.code(), e.field()), ("series_gap", Some("ci_series")));
            assert_eq!(
                e.to_string(),
                "ci series has a gap after 2024-01-01T01:00:00Z: the next point is at 2024-01-01T03:00:00Z, more than one interval (3600 s) later"
            );
        }
        other => panic!("expected SeriesGap, got {other:?}"),
    }
    // With an explicit interval any longer spacing is a gap; a shorter one an error.
    let opts = SeriesOptions {
        interval_s: Some(1800),
        ..SeriesOptions::default()
    };
    let e = CiSeries::parse_csv_with(TWO_STEPS, &opts).expect_err("gap");
    assert_eq!(e.code(), "series_gap");
    let opts = SeriesOptions {
        interval_s: Some(7200),
        ..SeriesOptions::default()
    };
    let e = CiSeries::parse_csv_with(TWO_STEPS, &opts).expect_err("overlap");
    assert_eq!(e.code(), "invalid_series");
    let opts = SeriesOptions {
        interval_s: Some(3600),
        ..SeriesOptions::default()
    };
    assert_eq!(
        CiSeries::parse_csv_with(TWO_STEPS, &opts)
            .expect("ok")
            .interval_s(),
        3600
    );
    let e = CiSeries::parse_csv_with(
        TWO_STEPS,
        &SeriesOptions {
            interval_s: Some(0),
            ..SeriesOptions::default()
        },
    )
    .expect_err("zero");
    assert_eq!(e.field(), Some("interval_s"));
}

#[test]
fn irregular_intervals_each_hold_until_the_next_point() {
    // Monthly points (31, 29, 31 days: within 1.5 × the median) are not gaps.
    let text = "2024-01-01,10\n2024-02-01,20\n2024-03-01,30\n2024-04-01,40\n";
    let s = CiSeries::parse_csv(text).expect("monthly");
    assert_eq!(s.interval_s(), 31 * 86_400);
    // February (29 days at 20) and March 1st (1 day at 30).
    let r = s
        .integrate(ts("2024-02-01"), 30.0 * 24.0, 30.0)
        .expect("integrate");
    assert!((r.mean_ci_g_per_kwh - (29.0 * 20.0 + 30.0) / 30.0).abs() < 1e-12);
    assert_eq!(s.end_unix_s(), ts("2024-05-02"));
}

#[test]
fn bad_lines_are_named() {
    let cases = [
        (
            "2024-01-01T00:00:00Z,100\n2024-01-01T01:00:00Z,-5\n",
            2,
            "must not be negative",
        ),
        (
            "2024-01-01T00:00:00Z,100\n2024-01-01T01:00:00Z,NaN\n",
            2,
            "not a finite number",
        ),
        (
            "2024-01-01T00:00:00Z,100\n\n2024-01-01T01:00:00Z,inf\n",
            3,
            "not a finite number",
        ),
        (
            "t,g\n2024-01-01T00:00:00Z,100\n2024-13-01T01:00:00Z,5\n",
            3,
            "not a timestamp",
        ),
        ("t,g\n2024-01-01T00:00:00Z,abc\n", 2, "not a number"),
        ("t,g\n2024-01-01T00:00:00Z,\n", 2, "empty"),
        (
            "t,g\n2024-01-01T00:00:00Z\n",
            2,
            "expected at least 2 fields",
        ),
        (
            "2024-01-01T00:00:00Z,1\n2024-01-01T01:00:00Z,2\n2024-01-01T00:00:00Z,3\n",
            3,
            "duplicate timestamp 2024-01-01T00:00:00Z (also on line 1)",
        ),
        ("2024-01-01T00:00:00Z,1\n", 1, "needs an explicit interval"),
    ];
    for (text, line, needle) in cases {
        match CiSeries::parse_csv(text) {
            Err(e @ Error::InvalidSeries { .. }) => {
                assert_eq!((e.code(), e.field()), ("invalid_series", Some("ci_series")));
                let msg = e.to_string();
                assert!(
                    msg.starts_with(&format!("invalid ci series, line {line}: ")),
                    "{msg}"
                );
                assert!(msg.contains(needle), "{msg}");
            }
            other => panic!("{text:?}: expected InvalidSeries, got {other:?}"),
        }
    }
    for empty in ["", "\n\n", "timestamp,g_co2e_per_kwh\n", "# comment only\n"] {
        let e = CiSeries::parse_csv(empty).expect_err("empty");
        assert_eq!(
            e.to_string(),
            "invalid ci series: the series has no data points"
        );
    }
    let e = CiSeries::parse_csv("a,b,c\n1,2,3\n").expect_err("unknown columns");
    assert!(e.to_string().contains("unknown columns"), "{e}");
}

#[test]
fn simple_layout_variants() {
    // No header, `;`, decimal comma, offsets, unsorted, CRLF, BOM, comments.
    let text = "\u{feff}# exported 2024\r\n2024-01-01T02:00:00+01:00;20,5\r\n2024-01-01T00:00:00+01:00;10,5\r\n";
    let s = CiSeries::parse_csv(text).expect("series");
    assert_eq!(
        s.points(),
        &[
            (ts("2023-12-31T23:00:00Z"), 10.5),
            (ts("2024-01-01T01:00:00Z"), 20.5)
        ]
    );
    assert_eq!(s.interval_s(), 7200);
    // Tab separated with a header in the other order.
    let s =
        CiSeries::parse_csv("g\ttimestamp\n1.5\t2024-01-01 00:00:00\n2.5\t2024-01-01 00:15:00\n")
            .expect("tab");
    assert_eq!(s.points()[1], (ts("2024-01-01T00:15:00Z"), 2.5));
    // Extra columns: the intensity column is found by name.
    let s = CiSeries::parse_csv(
        "timestamp,zone,ci_g_per_kwh\n2024-01-01T00:00Z,FR,30\n2024-01-01T01:00Z,FR,40\n",
    )
    .expect("named");
    assert_eq!(s.points()[0].1, 30.0);
}

const EM_2023: &str = "Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data Estimation Method
2023-01-01 00:00:00,France,France,FR,20.5,45.1,95.1,30.2,rte-france.com,false,
2023-01-01 01:00:00,France,France,FR,22.0,47.3,95.0,29.8,rte-france.com,false,
2023-01-01 02:00:00,France,France,FR,,,,,rte-france.com,true,
2023-01-01 02:00:00,France,France,FR,24.0,49.0,94.0,29.0,rte-france.com,true,ESTIMATED_TIME_SLICER_AVERAGE
";

const EM_2024: &str = "Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method
2024-01-01 00:00:00,\"Korea, South\",South Korea,KR,400.1,430.2,40,10,kpx.or.kr,false,
2024-01-01 01:00:00,\"Korea, South\",South Korea,KR,401.1,431.2,40,10,kpx.or.kr,false,
";

#[test]
fn electricity_maps_exports() {
    let s = CiSeries::parse_csv(EM_2023).expect("lca");
    assert_eq!(
        s.points().iter().map(|p| p.1).collect::<Vec<_>>(),
        [45.1, 47.3, 49.0]
    );
    assert_eq!(s.zone(), Some("FR"));
    assert_eq!(s.column(), "Carbon Intensity gCO₂eq/kWh (LCA)");
    let direct = SeriesOptions {
        column: Some(CiColumn::Direct),
        ..SeriesOptions::default()
    };
    let s = CiSeries::parse_csv_with(EM_2023, &direct).expect("direct");
    assert_eq!(
        s.points().iter().map(|p| p.1).collect::<Vec<_>>(),
        [20.5, 22.0, 24.0]
    );
    // The 2024+ spelling, quoted fields.
    let s = CiSeries::parse_csv(EM_2024).expect("life cycle");
    assert_eq!(s.points()[1], (ts("2024-01-01T01:00:00Z"), 431.2));
    assert_eq!(s.zone(), Some("KR"));
    let s = CiSeries::parse_csv_with(EM_2024, &direct).expect("direct");
    assert_eq!(s.points()[0].1, 400.1);
    // One zone per file.
    let mixed = format!("{EM_2023}2023-01-01 03:00:00,Germany,Germany,DE,300,350,50,40,x,false,\n");
    let e = CiSeries::parse_csv(&mixed).expect_err("mixed");
    assert!(
        e.to_string().contains("mixes zones \"FR\" and \"DE\""),
        "{e}"
    );
    // Asking for a column that is not there.
    let lca = SeriesOptions {
        column: Some(CiColumn::Lifecycle),
        ..SeriesOptions::default()
    };
    let e = CiSeries::parse_csv_with(TWO_STEPS, &lca).expect_err("not an export");
    assert_eq!(e.code(), "invalid_series");
    let only_direct = "Datetime (UTC),Zone Id,Carbon Intensity gCO₂eq/kWh (direct)\n2024-01-01 00:00:00,FR,20\n2024-01-01 01:00:00,FR,21\n";
    let e = CiSeries::parse_csv(only_direct).expect_err("no lca");
    assert!(e.to_string().contains("(LCA)"), "{e}");
    assert_eq!(
        CiSeries::parse_csv_with(only_direct, &direct)
            .expect("direct")
            .points()
            .len(),
        2
    );
}

#[test]
fn eco2mix_odre_export() {
    // The ODRE layout: `;`, rows in any order, empty CO2 cells between measurements.
    let text = "Périmètre;Nature;Date;Heure;Date - Heure;Consommation (MW);Taux de Co2 (g/kWh)
France;Données temps réel;2024-01-01;00:30;2024-01-01T00:30:00+01:00;60000;
France;Données temps réel;2024-01-01;01:00;2024-01-01T01:00:00+01:00;59000;18
France;Données temps réel;2024-01-01;00:00;2024-01-01T00:00:00+01:00;61000;20
France;Données temps réel;2024-01-01;00:15;2024-01-01T00:15:00+01:00;60500;
";
    let s = CiSeries::parse_csv(text).expect("odre");
    assert_eq!(
        s.points(),
        &[
            (ts("2023-12-31T23:00:00Z"), 20.0),
            (ts("2024-01-01T00:00:00Z"), 18.0)
        ]
    );
    assert_eq!(s.column(), "Taux de Co2 (g/kWh)");
    // The éCO2mix download with local `Date`/`Heures` is refused with a way out.
    let e = CiSeries::parse_csv(
        "Périmètre\tNature\tDate\tHeures\tTaux de CO2 (g/kWh)\nFrance\tx\t2024-01-01\t00:00\t20\n",
    )
    .expect_err("local time");
    assert!(e.to_string().contains("Date - Heure"), "{e}");
}

#[test]
fn from_points_validates() {
    let s = CiSeries::from_points(vec![(7200, 2.0), (0, 1.0), (3600, 3.0)], None).expect("ok");
    assert_eq!(s.points(), &[(0, 1.0), (3600, 3.0), (7200, 2.0)]);
    let s = CiSeries::from_points(vec![(0, 5.0)], Some(900)).expect("one point");
    assert_eq!(s.integrate(0, 0.25, 2.0).expect("fits").co2e_g, 10.0);
    let e = CiSeries::from_points(vec![(0, 1.0), (60, -1.0)], None).expect_err("neg");
    assert!(
        e.to_string().starts_with("invalid ci series, line 2:"),
        "{e}"
    );
    let e = CiSeries::from_points(vec![(i64::MAX, 1.0)], Some(60)).expect_err("range");
    assert_eq!(e.code(), "invalid_series");
    let e = CiSeries::from_points(vec![], Some(60)).expect_err("empty");
    assert_eq!(e.code(), "invalid_series");
}

#[test]
fn timestamps_round_trip() {
    assert_eq!(
        parse_timestamp("start", "2024-03-01T12:00:00Z").expect("ok"),
        1_709_294_400
    );
    assert_eq!(format_timestamp(1_709_294_400), "2024-03-01T12:00:00Z");
    let e = parse_timestamp("start", "yesterday").expect_err("bad");
    assert_eq!((e.code(), e.field()), ("invalid_timestamp", Some("start")));
    assert_eq!(
        e.to_string(),
        "start \"yesterday\" is not a timestamp: use iso 8601, e.g. 2024-03-01T12:00:00Z"
    );
}

// ---------------------------------------------------------------- what-if

/// Hourly from 2024-06-01T00:00Z: the minimum 3-hour run starts at 05:00 (50, 20, 50).
fn valley() -> CiSeries {
    let t0 = ts("2024-06-01T00:00:00Z");
    let values = [
        500.0, 400.0, 300.0, 200.0, 100.0, 50.0, 20.0, 50.0, 100.0, 200.0, 300.0, 400.0,
    ];
    CiSeries::from_points(
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (t0 + 3600 * i as i64, *v))
            .collect(),
        None,
    )
    .expect("valley")
}

#[test]
fn what_if_finds_the_known_minimum() {
    let s = valley();
    let t0 = s.start_unix_s();
    let w = best_start(&s, t0, t0 + 12 * 3600, 3.0, 3.0, None).expect("what-if");
    assert_eq!(w.best_start_unix_s, t0 + 5 * 3600);
    assert_eq!((w.best_mean_ci_g_per_kwh, w.best_co2e_g), (40.0, 120.0));
    assert_eq!(
        (w.window_start_mean_ci_g_per_kwh, w.window_start_co2e_g),
        (400.0, 1200.0)
    );
    assert_eq!((w.saving_g, w.saving_share), (1080.0, 0.9));
    assert_eq!(w.candidates, 10); // starts 00:00 … 09:00
                                  // Half-hour steps do not beat it here.
    let w = best_start(&s, t0, t0 + 12 * 3600, 3.0, 3.0, Some(1800)).expect("what-if");
    assert_eq!((w.best_start_unix_s, w.candidates), (t0 + 5 * 3600, 19));
    // A later window: the best is its start (07:00: 50, 100, 200).
    let w = best_start(&s, t0 + 7 * 3600, t0 + 12 * 3600, 3.0, 3.0, None).expect("what-if");
    assert_eq!(
        (w.best_start_unix_s, w.saving_g, w.saving_share),
        (t0 + 7 * 3600, 0.0, 0.0)
    );
    // A window past the end of the series: starts are capped by the series.
    let w = best_start(&s, t0, t0 + 48 * 3600, 3.0, 3.0, None).expect("capped");
    assert_eq!(w.candidates, 10);
    // Zero energy: nothing to save, the window start is kept.
    let w = best_start(&s, t0, t0 + 12 * 3600, 3.0, 0.0, None).expect("zero");
    assert_eq!((w.best_start_unix_s, w.saving_share), (t0, 0.0));
}

#[test]
fn what_if_errors() {
    let s = valley();
    let t0 = s.start_unix_s();
    let e = best_start(&s, t0, t0 + 5 * 3600, 6.0, 1.0, None).expect_err("too short");
    assert_eq!(
        (e.code(), e.field()),
        ("conflicting_input", Some("runtime_h"))
    );
    let e = best_start(&s, t0 + 3600, t0, 1.0, 1.0, None).expect_err("reversed");
    assert_eq!(e.field(), Some("window_end"));
    let e = best_start(&s, t0 - 3600, t0 + 5 * 3600, 1.0, 1.0, None).expect_err("before");
    assert_eq!(
        (e.code(), e.field()),
        ("outside_series", Some("window_start"))
    );
    let e = best_start(&s, t0, t0 + 5 * 3600, 1.0, 1.0, Some(0)).expect_err("step");
    assert_eq!(e.field(), Some("step_s"));
    let w = best_start(&s, t0, t0 + 12 * 3600, 1.0, 1.0, Some(1)).expect("1 s steps");
    assert_eq!(w.candidates, 39_601);
    assert_eq!(w.best_start_unix_s, t0 + 6 * 3600);
}

// ---------------------------------------------------------------- properties

proptest! {
    #[test]
    fn constant_series_equals_the_scalar(
        c in 0.0f64..2000.0,
        n in 1usize..200,
        interval in prop_oneof![Just(300i64), Just(900), Just(3600), 1i64..100_000],
        start_frac in 0.0f64..1.0,
        len_frac in 0.0f64..1.0,
        energy in 0.0f64..1e6,
    ) {
        let t0 = 1_700_000_000i64;
        let pts = (0..n).map(|i| (t0 + interval * i as i64, c)).collect();
        let s = CiSeries::from_points(pts, Some(interval)).expect("series");
        let span = (n as i64 * interval) as f64;
        let start = t0 + (start_frac * span * 0.999).floor() as i64;
        let room = (s.end_unix_s() - start) as f64;
        let runtime_h = len_frac * room / 3600.0;
        let r = s.integrate(start, runtime_h, energy).expect("inside");
        let expected = energy * c;
        prop_assert!((r.co2e_g - expected).abs() <= 1e-12 * expected.abs(), "{} vs {}", r.co2e_g, expected);
    }

    #[test]
    fn what_if_is_never_worse_than_the_window_start(
        values in prop::collection::vec(0.0f64..1000.0, 2..60),
        runtime_steps in 0.0f64..10.0,
        window_from in 0usize..20,
        step in prop_oneof![Just(None), (60i64..7200).prop_map(Some)],
        energy in 0.0f64..100.0,
    ) {
        let t0 = 1_700_000_000i64;
        let n = values.len();
        let s = CiSeries::from_points(
            values.iter().enumerate().map(|(i, v)| (t0 + 900 * i as i64, *v)).collect(),
            None,
        ).expect("series");
        let ws = t0 + 900 * (window_from % n) as i64;
        let runtime_h = runtime_steps * 0.25;
        let we = s.end_unix_s();
        if let Ok(w) = best_start(&s, ws, we, runtime_h, energy, step) {
            let at_start = s.integrate(ws, runtime_h, energy).expect("window start");
            prop_assert!(w.best_co2e_g <= at_start.co2e_g);
            prop_assert!(w.saving_g >= 0.0);
            prop_assert!((w.window_start_co2e_g - at_start.co2e_g).abs() <= 1e-9 * at_start.co2e_g.max(1.0));
            let best = s.integrate(w.best_start_unix_s, runtime_h, energy).expect("best");
            prop_assert!((best.co2e_g - w.best_co2e_g).abs() <= 1e-9 * best.co2e_g.max(1.0));
        }
    }

    #[test]
    fn no_panic_on_arbitrary_csv(text in "\\PC{0,400}") {
        let _ = CiSeries::parse_csv(&text);
        let _ = CiSeries::parse_csv_with(&text, &SeriesOptions { column: Some(CiColumn::Direct), interval_s: Some(60) });
    }

    #[test]
    fn no_panic_on_csv_like_text(
        lines in prop::collection::vec(
            (
                prop_oneof![
                    Just("2024-01-01T00:00:00Z".to_owned()),
                    "20[0-9]{2}-[01][0-9]-[0-3][0-9][T ][0-2][0-9]:[0-5][0-9](:[0-6][0-9])?(Z|[+-][01][0-9]:?[0-5][0-9])?",
                    "\\PC{0,12}",
                ],
                prop_oneof![Just(",".to_owned()), Just(";".to_owned()), Just("\t".to_owned())],
                prop_oneof!["-?[0-9]{1,4}([.,][0-9]{0,3})?", Just("".to_owned()), Just("NaN".to_owned()), "\\PC{0,6}"],
            ),
            0..30,
        ),
        header in prop_oneof![
            Just(String::new()),
            Just("timestamp,g_co2e_per_kwh\n".to_owned()),
            Just("Datetime (UTC),Zone Id,Carbon Intensity gCO₂eq/kWh (LCA)\n".to_owned()),
        ],
        start in -100_000_000_000i64..100_000_000_000,
        hours in prop_oneof![Just(0.0f64), 0.0f64..1e4, Just(f64::INFINITY), Just(f64::NAN)],
    ) {
        let mut text = header;
        for (t, sep, v) in lines {
            text.push_str(&t);
            text.push_str(&sep);
            text.push_str(&v);
            text.push('\n');
        }
        if let Ok(s) = CiSeries::parse_csv(&text) {
            let _ = s.integrate(start, hours, 1.0);
            let _ = best_start(&s, start, start.saturating_add(86_400), hours, 1.0, None);
            prop_assert!(s.points().windows(2).all(|w| w[0].0 < w[1].0));
            prop_assert!(s.points().iter().all(|p| p.1.is_finite() && p.1 >= 0.0));
        }
    }

    #[test]
    fn timestamps_round_trip_in_years_0_to_9999(t in -62_167_219_200i64..=253_402_300_799) {
        prop_assert_eq!(parse_timestamp("t", &format_timestamp(t)).expect("parses"), t);
    }

    #[test]
    fn no_panic_on_arbitrary_timestamp_text(text in "\\PC{0,40}") {
        let _ = parse_timestamp("t", &text);
    }
}

#[test]
fn values_at_a_location_are_every_source_with_a_value_there() {
    let fr = empreinte::intensity::values_at("FR", v3()).expect("FR");
    let ids: Vec<&str> = fr.iter().map(|v| v.source.id).collect();
    assert_eq!(ids[0], "ga");
    for id in [
        "ember",
        "electricity-maps-2024",
        "fr-rte-2024",
        "fr-ember-2023",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    assert!(!ids.contains(&"custom"));
    for v in &fr {
        let direct = intensity(v.source.id, "FR", v3()).expect("same value");
        assert_eq!(v.g_per_kwh, direct.g_per_kwh, "{}", v.source.id);
    }
    // the France-only sources have nothing for California
    let ca = empreinte::intensity::values_at("US-CA", v3()).expect("US-CA");
    assert!(ca.iter().all(|v| !v.source.id.starts_with("fr-")));
    assert!(ca.len() < fr.len() && !ca.is_empty());
    let e = empreinte::intensity::values_at("Atlantis", v3()).expect_err("unknown");
    assert_eq!(e.code(), "unknown_location");
}
