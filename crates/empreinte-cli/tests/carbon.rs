//! `empreinte whatif`, `empreinte compare`, `data ci-sources` and the CI options of
//! `estimate`, through the binary.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::process::Command;

fn empreinte(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_empreinte"))
        .args(args)
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const JOB: [&str; 10] = [
    "--runtime",
    "2h",
    "--cpu",
    "other",
    "--cpu-tdp",
    "50",
    "--cores",
    "10",
    "--memory",
    "0",
];

fn series_file(name: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "empreinte-series-{name}-{}.csv",
        std::process::id()
    ));
    std::fs::write(
        &path,
        "timestamp,g\n2024-03-01T00:00:00Z,100\n2024-03-01T01:00:00Z,80\n2024-03-01T02:00:00Z,20\n\
         2024-03-01T03:00:00Z,30\n2024-03-01T04:00:00Z,90\n2024-03-01T05:00:00Z,90\n",
    )
    .unwrap();
    path
}

#[test]
fn whatif_finds_the_cleanest_start() {
    let series = series_file("whatif");
    let mut args = vec![
        "whatif",
        "--series",
        series.to_str().unwrap(),
        "--location",
        "FR",
        "--platform",
        "personal-computer",
        "--format",
        "json",
    ];
    args.extend(JOB);
    let (code, out, err) = empreinte(&args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // 10 cores × 50 W × 2 h = 1 kWh; best start 02:00 (20 then 30: mean 25)
    assert_eq!(v["best_start"], "2024-03-01T02:00:00Z");
    assert!((v["best_co2e_g"].as_f64().unwrap() - 25.0).abs() < 1e-9);
    assert!((v["window_start_co2e_g"].as_f64().unwrap() - 90.0).abs() < 1e-9);
    assert!((v["saving_g"].as_f64().unwrap() - 65.0).abs() < 1e-9);
}

#[test]
fn estimate_integrates_a_series_and_names_the_source() {
    let series = series_file("estimate");
    let mut args = vec![
        "estimate",
        "--ci-series",
        series.to_str().unwrap(),
        "--start",
        "2024-03-01T01:00:00Z",
        "--location",
        "FR",
        "--platform",
        "personal-computer",
        "--format",
        "json",
    ];
    args.extend(JOB);
    let (code, out, err) = empreinte(&args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!((v["co2e_g"].as_f64().unwrap() - 50.0).abs() < 1e-9);
    assert_eq!(v["ci"]["source"]["id"], "custom");
    let (code, _, err) = empreinte(&[
        "estimate",
        "--ci-series",
        series.to_str().unwrap(),
        "--runtime",
        "1h",
        "--cpu",
        "Any",
        "--cores",
        "1",
        "--memory",
        "0",
        "--location",
        "FR",
    ]);
    assert_eq!(code, 2, "a series needs --start");
    assert!(err.contains("--start"), "{err}");
}

#[test]
fn ci_sources_and_compare() {
    let (code, out, _) = empreinte(&["data", "ci-sources", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"ember")
            && ids.contains(&"electricity-maps-2021")
            && ids.contains(&"fr-rte-2024")
    );
    let mut args = vec![
        "compare",
        "--location",
        "FR",
        "--platform",
        "personal-computer",
        "--format",
        "json",
    ];
    args.extend(JOB);
    let (code, out, err) = empreinte(&args);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 9);
    let fr = rows.iter().find(|r| r["location"] == "FR").unwrap();
    assert!((fr["co2e_g"].as_f64().unwrap() - 51.28).abs() < 1e-9);
    let mut args = vec![
        "estimate",
        "--location",
        "FR",
        "--ci-source",
        "ember",
        "--format",
        "json",
    ];
    args.extend(JOB);
    let (_, out, _) = empreinte(&args);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ci_g_per_kwh"], 44.18);
    let mut args = vec!["estimate", "--location", "FR", "--ci-source", "embr"];
    args.extend(JOB);
    let (code, _, err) = empreinte(&args);
    assert_eq!(code, 2);
    assert!(err.contains("ember"), "{err}");
}

#[test]
fn phases_scale_training_and_inference() {
    let path = std::env::temp_dir().join(format!("empreinte-phases-{}.json", std::process::id()));
    std::fs::write(
        &path,
        r#"{"phases": [
          {"phase": "training", "rd_multiple": 0.5, "retrainings": 2, "retrain_ratio": 0.25,
           "job": {"runtime_h": 10, "cpu": {"model": "other", "cores": 10, "tdp_per_core_w": 10},
                   "memory_gb": 0, "platform": "personal_computer", "location": "FR"}},
          {"phase": "inference", "continuous": {"span_h": 1, "period": "month"},
           "job": {"runtime_h": 1, "cpu": {"model": "other", "cores": 10, "tdp_per_core_w": 10},
                   "memory_gb": 0, "platform": "personal_computer", "location": "FR"}}]}"#,
    )
    .unwrap();
    let (code, out, err) = empreinte(&[
        "phases",
        "--input",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // 1 kWh × (1 + 0.5 + 2 × 0.25) + 0.1 kWh × 730.5
    assert!((v["phases"]["energy_kwh"].as_f64().unwrap() - 75.05).abs() < 1e-9);
    assert_eq!(v["phases"]["phases"][1]["phase"], "inference");
    // the text names the phases and the period in the language asked for
    let (code, fr, _) = empreinte(&["phases", "--input", path.to_str().unwrap(), "--lang", "fr"]);
    assert_eq!(code, 0);
    assert!(
        fr.contains("Entraînement") && fr.contains("Inférence") && fr.contains("un mois"),
        "{fr}"
    );
    for english in ["training", "inference", "month", "total"] {
        assert!(!fr.contains(english), "{english} in {fr}");
    }
    let (_, en, _) = empreinte(&["phases", "--input", path.to_str().unwrap(), "--lang", "en"]);
    assert!(en.contains("Training") && en.contains("a month"), "{en}");
    std::fs::write(
        &path,
        r#"{"phases": [{"phase": "training", "job": {"runtime_h": -1}}]}"#,
    )
    .unwrap();
    let (code, _, err) = empreinte(&["phases", "--input", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("phases[0].job.runtime_h"), "{err}");
}

#[test]
fn compare_needs_no_location() {
    // 10 cores × 50 W × 2 h on a personal computer (PUE 1): 1 kWh
    let with = |extra: &[&'static str]| {
        let mut args = vec!["compare", "--platform", "personal-computer"];
        args.extend(JOB);
        args.extend(extra);
        empreinte(&args)
    };
    let (code, out, err) = with(&["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    let codes: Vec<&str> = rows
        .iter()
        .map(|r| r["location"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["CH", "SE", "FR", "CA", "GB", "US", "CN", "IN", "AU"]
    );
    // 1 kWh × the Green Algorithms v3.0 intensities
    for (row, g) in rows.iter().zip([11.52, 5.67, 51.28, 120.0, 231.12]) {
        assert!((row["co2e_g"].as_f64().unwrap() - g).abs() < 1e-9, "{row}");
    }
    // the same rows as with any --location: the place does not change the energy
    for place in ["FR", "AU", "CA-YT"] {
        let (code, placed, err) = with(&["--format", "json", "--location", place]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(placed, out, "{place}");
    }
    // the text says the location was not given, and only then
    let (code, text, err) = with(&["--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        text.lines().nth(1),
        Some("Job location not given, and not needed (the energy does not depend on the place)")
    );
    let (_, placed, _) = with(&["--lang", "en", "--location", "FR"]);
    assert!(!placed.contains("not given"), "{placed}");
    assert_eq!(placed.lines().nth(1), text.lines().nth(2));
    let (_, fr, _) = with(&["--lang", "fr"]);
    assert!(fr.contains("Lieu de la tâche non donné"), "{fr}");
    // a list of the source's own zones, under a source without a value for the first
    // reference country: placed where the source has one
    let (code, out, err) = with(&[
        "--ci-source",
        "electricity-maps-2024",
        "--locations",
        "US-CAL-CISO",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["zone"], "US-CAL-CISO");
    assert_eq!(rows[0]["co2e_g"], 229.0);
    // an error of the job is still the job's
    let (code, _, err) = empreinte(&[
        "compare",
        "--runtime",
        "1h",
        "--cpu",
        "Xeon E5-2683",
        "--cores",
        "2",
        "--memory",
        "1",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("Xeon E5-2683 v4") && err.contains("--cpu"),
        "{err}"
    );
    // the job's document without a location
    let path = std::env::temp_dir().join(format!("empreinte-compare-{}.json", std::process::id()));
    std::fs::write(
        &path,
        r#"{"runtime_h": 2, "cpu": {"model": "other", "cores": 10, "tdp_per_core_w": 50},
            "memory_gb": 0, "platform": "personal_computer"}"#,
    )
    .unwrap();
    let (code, from_doc, err) = empreinte(&[
        "compare",
        "--input",
        path.to_str().unwrap(),
        "--locations",
        "FR",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&from_doc).unwrap();
    assert!((rows[0]["co2e_g"].as_f64().unwrap() - 51.28).abs() < 1e-9);
    let _ = std::fs::remove_file(&path);
}
