//! Runs the built `empreinte` binary: the golden Green Algorithms cases through JSON and
//! through options, the text summary in both languages, the errors, and `data`.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const GOLDEN: &str = include_str!("../../../tests/golden/ga-calculator.json");

/// Runs the binary with `args`, `stdin` fed in, `LANG` set to `lang` (or unset).
fn run_with(args: &[&str], stdin: Option<&str>, lang: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_empreinte"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    if let Some(l) = lang {
        cmd.env("LANG", l);
    }
    let mut child = cmd.spawn().unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    out
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_with(args, stdin, None)
}

/// Runs a command that must succeed; returns its stdout.
fn ok(args: &[&str], stdin: Option<&str>) -> String {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail on its input: exit 2, nothing on stdout, one line
/// `error: …` on stderr; returns that line.
fn fails(args: &[&str], stdin: Option<&str>) -> String {
    let out = run(args, stdin);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    stderr
}

fn cases() -> Vec<Value> {
    let doc: Value = serde_json::from_str(GOLDEN).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn case(id: &str) -> Value {
    cases().into_iter().find(|c| c["id"] == id).unwrap()
}

/// Checks every value of `expected` against `result`, numbers at relative 1e-9. The
/// expected `pue` is a number; the result's is an object with a `value`.
fn compare(id: &str, path: &str, expected: &Value, result: &Value) {
    match expected {
        Value::Object(map) => {
            for (key, want) in map {
                let got = if key == "pue" && path.is_empty() {
                    &result["pue"]["value"]
                } else {
                    &result[key]
                };
                compare(id, &format!("{path}.{key}"), want, got);
            }
        }
        Value::Number(n) => {
            let want = n.as_f64().unwrap();
            let got = result
                .as_f64()
                .unwrap_or_else(|| panic!("{id} {path}: {result}"));
            let tolerance = 1e-9 * want.abs().max(got.abs());
            assert!(
                (want - got).abs() <= tolerance,
                "{id} {path}: expected {want}, got {got}"
            );
        }
        other => assert_eq!(other, result, "{id} {path}"),
    }
}

/// The options that describe `job`.
fn flags(job: &Value) -> Vec<String> {
    let mut args = vec!["estimate".to_owned()];
    let mut add = |flag: &str, v: &Value| {
        args.push(flag.to_owned());
        args.push(match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
    };
    for (key, value) in job.as_object().unwrap() {
        match key.as_str() {
            "cpu" => {
                for (k, v) in value.as_object().unwrap() {
                    let flag = match k.as_str() {
                        "model" => "--cpu",
                        "cores" => "--cores",
                        "usage" => "--usage-cpu",
                        "tdp_per_core_w" => "--cpu-tdp",
                        _ => panic!("cpu.{k}"),
                    };
                    add(flag, v);
                }
            }
            "gpu" => {
                for (k, v) in value.as_object().unwrap() {
                    let flag = match k.as_str() {
                        "model" => "--gpu",
                        "count" => "--gpus",
                        "usage" => "--usage-gpu",
                        "tdp_w" => "--gpu-tdp",
                        _ => panic!("gpu.{k}"),
                    };
                    add(flag, v);
                }
            }
            "data_version" => add("--data-version", value),
            "runtime_h" => add("--runtime", value),
            "memory_gb" => add("--memory", value),
            "platform" => add("--platform", value),
            "provider" => add("--provider", value),
            "datacenter" => add("--datacenter", value),
            "location" => add("--location", value),
            "pue" => add("--pue", value),
            "multiplicative_factor" => add("--mf", value),
            _ => panic!("{key}"),
        }
    }
    args
}

#[test]
fn every_golden_case_through_stdin_json() {
    let cases = cases();
    assert!(cases.len() >= 12);
    for c in &cases {
        let id = c["id"].as_str().unwrap();
        let out = ok(
            &["estimate", "--input", "-", "--format", "json"],
            Some(&c["job"].to_string()),
        );
        let result: Value = serde_json::from_str(&out).unwrap();
        compare(id, "", &c["expected"], &result);
    }
}

#[test]
fn every_golden_case_through_options() {
    for c in cases() {
        let id = c["id"].as_str().unwrap();
        let mut args = flags(&c["job"]);
        args.extend(["--format".to_owned(), "json".to_owned()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let result: Value = serde_json::from_str(&ok(&args, None)).unwrap();
        compare(id, "", &c["expected"], &result);
    }
}

#[test]
fn a_job_file_is_read() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-job.json");
    std::fs::write(&path, case("cpu_only_france")["job"].to_string()).unwrap();
    let out = ok(
        &["estimate", "-i", path.to_str().unwrap(), "--format", "json"],
        None,
    );
    let result: Value = serde_json::from_str(&out).unwrap();
    compare("file", "", &case("cpu_only_france")["expected"], &result);
}

#[test]
fn runtimes_are_read_in_every_form() {
    for (text, hours) in [
        ("12h30m", 12.5),
        ("90m", 1.5),
        ("1.5h", 1.5),
        ("1-02:00:00", 26.0),
        ("12", 12.0),
        ("2d 3h", 51.0),
    ] {
        let out = ok(
            &[
                "estimate",
                "--runtime",
                text,
                "--cpu",
                "Any",
                "--cores",
                "1",
                "--memory",
                "1",
                "--location",
                "FR",
                "--format",
                "json",
            ],
            None,
        );
        let result: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(result["runtime_h"].as_f64(), Some(hours), "{text}");
    }
}

const WORLD: [&str; 11] = [
    "estimate",
    "--runtime",
    "12h",
    "--cpu",
    "Xeon E5-2683 v4",
    "--cores",
    "12",
    "--memory",
    "64",
    "--location",
    "WORLD",
];

fn with(base: &[&'static str], extra: &[&'static str]) -> Vec<&'static str> {
    base.iter().chain(extra).copied().collect()
}

#[test]
fn the_french_summary_has_french_labels_and_typography() {
    let text = ok(&with(&WORLD, &["--lang", "fr"]), None);
    for needle in [
        "2,13\u{a0}kWh",
        "1,01\u{a0}kgCO₂e",
        "177,59\u{a0}W",
        "Énergie",
        "Empreinte carbone",
        "Intensité carbone",
        "475\u{a0}gCO₂e/kWh — WORLD (World)",
        "1,56 — valeur par défaut (serveur local)",
        "Équivalences",
        "mois-arbre",
        "Paris-Dublin",
        "Citer ce résultat",
        "Ce calcul a duré 12\u{a0}h sur 12\u{a0}cœurs",
        "Valeurs par défaut",
        "v3.0",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    assert!(!text.contains("2.13"), "{text}");
}

#[test]
fn the_english_summary_has_english_labels() {
    let text = ok(&with(&WORLD, &["--lang", "en"]), None);
    for needle in [
        "2.13\u{a0}kWh",
        "1.01\u{a0}kgCO₂e",
        "Energy",
        "Carbon footprint",
        "Carbon intensity",
        "1.56 — platform default (local server)",
        "reference: 2024 https://",
        "Equivalences",
        "tree-months",
        "km by car",
        "Cite this result",
        "This computation ran for 12h on 12 Xeon E5-2683 v4 cores",
        "Defaults applied",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    // the breakdown lines up: cpu and memory shares add to 100 %
    assert!(text.contains("79.1%") && text.contains("20.9%"), "{text}");
}

#[test]
fn the_language_follows_lang_unless_given() {
    let fr = run_with(&WORLD, None, Some("fr_FR.UTF-8"));
    assert!(String::from_utf8_lossy(&fr.stdout).contains("Énergie"));
    let c = run_with(&WORLD, None, Some("C"));
    assert!(String::from_utf8_lossy(&c.stdout).contains("Energy"));
    let unset = run_with(&WORLD, None, None);
    assert!(String::from_utf8_lossy(&unset.stdout).contains("Energy"));
    let en = run_with(&with(&WORLD, &["--lang", "en"]), None, Some("fr_FR.UTF-8"));
    assert!(String::from_utf8_lossy(&en.stdout).contains("Energy"));
}

#[test]
fn cloud_and_gpu_summaries_name_their_origins() {
    let text = ok(
        &[
            "estimate",
            "--runtime",
            "6h",
            "--gpu",
            "NVIDIA A100 40GB PCIe",
            "--gpus",
            "2",
            "--usage-gpu",
            "0.6",
            "--memory",
            "128",
            "--platform",
            "cloud",
            "--provider",
            "gcp",
            "--datacenter",
            "us-west1",
            "--mf",
            "3",
            "--lang",
            "en",
        ],
        None,
    );
    for needle in [
        "1.11 — data centre us-west1",
        "US-OR (Oregon, United States of America), location of data centre us-west1",
        "2 × NVIDIA A100 40GB PCIe, 250\u{a0}W, usage 60%",
        "Runs",
        "×3",
        "  GPU",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    assert!(!text.contains("  CPU"), "{text}");
}

const FR: [&str; 9] = [
    "estimate",
    "--runtime",
    "5",
    "--cpu",
    "Any",
    "--cores",
    "1",
    "--memory",
    "1",
];

#[test]
fn bad_options_are_one_line_errors() {
    let loc: &[&str] = &["--location", "FR"];
    let e = fails(
        &[
            "estimate",
            "--runtime",
            "12h",
            "--cpu",
            "Xeon E5-2683",
            "--cores",
            "12",
            "--memory",
            "64",
            "--location",
            "FR",
        ],
        None,
    );
    assert!(e.contains("\"Xeon E5-2683 v4\""), "{e}");
    let e = fails(
        &[
            "estimate",
            "--runtime",
            "-5",
            "--cpu",
            "Any",
            "--cores",
            "1",
            "--memory",
            "1",
            "--location",
            "FR",
        ],
        None,
    );
    assert!(e.contains("negative") && e.contains("-5"), "{e}");
    let cases: [(&[&str], &[&str]); 6] = [
        (&["--usage-cpu", "1.5"], &["cpu.usage", "1.5"]),
        (&["--pue", "0.9"], &["pue", "0.9"]),
        (&["--mf", "0.5"], &["multiplicative_factor", "0.5"]),
        (&["--data-version", "v9"], &["v9", "v1.0", "v2.2", "v3.0"]),
        (&["--platform", "moon"], &["moon", "--platform"]),
        (&["--cpu-tdp", "-3"], &["cpu.tdp_per_core_w", "-3"]),
    ];
    for (extra, needles) in cases {
        let args: Vec<&str> = FR.iter().chain(loc).chain(extra).copied().collect();
        let e = fails(&args, None);
        for n in needles {
            assert!(e.contains(n), "{extra:?}: {n:?} not in {e}");
        }
    }
    let e = fails(
        &[
            "estimate",
            "--runtime",
            "5",
            "--cpu",
            "Any",
            "--cores",
            "0",
            "--memory",
            "1",
            "--location",
            "FR",
        ],
        None,
    );
    assert!(e.contains("cpu.cores") && e.contains("--cores"), "{e}");
    let e = fails(
        &[
            "estimate",
            "--runtime",
            "5",
            "--memory",
            "1",
            "--location",
            "FR",
        ],
        None,
    );
    assert!(e.contains("no cpu and no gpu"), "{e}");
    let e = fails(&with(&FR, &["--location", "Atlantis"]), None);
    assert!(e.contains("unknown location \"Atlantis\""), "{e}");
    let e = fails(
        &[
            "estimate",
            "--runtime",
            "12 hours and a bit",
            "--cpu",
            "Any",
            "--cores",
            "1",
            "--memory",
            "1",
            "--location",
            "FR",
        ],
        None,
    );
    assert!(e.contains("is not a duration"), "{e}");
    let e = fails(&FR, None);
    assert!(e.contains("location"), "{e}");
    let e = fails(&with(&FR[..7], &["--location", "FR"]), None);
    assert!(
        e.contains("memory_gb is required") && e.contains("--memory"),
        "{e}"
    );
}

#[test]
fn bad_documents_are_one_line_errors() {
    let e = fails(&["estimate", "--input", "/nonexistent/job.json"], None);
    assert!(e.contains("/nonexistent/job.json"), "{e}");
    let e = fails(
        &["estimate", "--input", "-"],
        Some(r#"{"runtime_h": 1, "cpu": {"model": "Any", "cores": "twelve"}}"#),
    );
    assert!(e.contains("cpu.cores"), "{e}");
    let e = fails(
        &["estimate", "--input", "-"],
        Some(r#"{"runtime_h": 1, "colour": "red"}"#),
    );
    assert!(e.contains("colour"), "{e}");
    let e = fails(&["estimate", "--input", "-"], Some("{\n\"runtime_h\": 1,"));
    assert!(e.contains("line 2"), "{e}");
    let e = fails(&["estimate", "--input", "-"], Some(""));
    assert!(e.contains("standard input"), "{e}");
    let e = fails(
        &["estimate", "--input", "-"],
        Some(
            r#"{"runtime_h": 1, "cpu": {"model": "Xeon E5-2683", "cores": 1}, "memory_gb": 1, "location": "FR"}"#,
        ),
    );
    assert!(e.contains("Xeon E5-2683 v4"), "{e}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    for args in [
        &["estimate", "--cores", "x"][..],
        &["estimate", "--input", "-", "--runtime", "3"],
        &["data", "teapots"],
        &["frobnicate"],
        &[],
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    for args in [&["--help"][..], &["estimate", "--help"], &["--version"]] {
        let out = run(args, None);
        assert!(out.status.success(), "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_country_s_other_names_are_read_as_its_location() {
    let job = [
        "estimate",
        "--runtime",
        "1h",
        "--cpu",
        "Any",
        "--cores",
        "4",
        "--memory",
        "8",
    ];
    let at = |place: &'static str| {
        let mut args = job.to_vec();
        args.extend(["--location", place, "--format", "json"]);
        serde_json::from_str::<Value>(&ok(&args, None)).unwrap()
    };
    let gb = at("GB");
    for place in ["UK", "uk", "GBR", "United Kingdom"] {
        let r = at(place);
        assert_eq!(r["location"], "GB", "{place}");
        assert_eq!(r["ci"]["location_name"], "United Kingdom", "{place}");
        assert_eq!(r["ci_g_per_kwh"], 231.12, "{place}");
        assert_eq!(r["co2e_g"], gb["co2e_g"], "{place}");
    }
    assert_eq!(at("USA")["location"], "US");
    assert_eq!(at("United States")["location"], "US");
    // codes of the table keep their rows
    assert_eq!(at("CA-YT")["ci_g_per_kwh"], 111.0);
    assert_eq!(at("FR")["ci_g_per_kwh"], 51.28);
    // the text names the row used
    let mut args = job.to_vec();
    args.extend(["--location", "UK", "--lang", "en"]);
    let text = ok(&args, None);
    assert!(text.contains("— GB (United Kingdom)"), "{text}");
    // a near miss suggests the code first (it suggested "Yukon Territory, Canada", "DK",
    // "SK" for UK before)
    let mut args = job.to_vec();
    args.extend(["--location", "U.K"]);
    let e = fails(&args, None);
    assert!(e.contains("did you mean \"GB\","), "{e}");
    // the data table's search too
    let rows: Value = serde_json::from_str(&ok(
        &["data", "locations", "--search", "UK", "--format", "json"],
        None,
    ))
    .unwrap();
    assert_eq!(rows[0]["code"], "GB", "{rows}");
}

#[test]
fn data_search_returns_only_matching_rows() {
    let out = ok(
        &["data", "cpus", "--search", "xeon e5", "--format", "json"],
        None,
    );
    let rows: Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.len() > 3, "{out}");
    for r in rows {
        let name = r["name"].as_str().unwrap().to_lowercase();
        assert!(name.contains("xeon") && name.contains("e5"), "{name}");
        assert!(r["tdp_per_core_w"].is_number());
    }
    assert!(rows.iter().any(|r| r["name"] == "Xeon E5-2683 v4"));
    let text = ok(
        &["data", "cpus", "--search", "xeon e5", "--lang", "en"],
        None,
    );
    assert!(text.starts_with("Model"), "{text}");
    assert!(text
        .lines()
        .any(|l| l.starts_with("Xeon E5-2683 v4") && l.contains("7.5")));
    let none = ok(
        &["data", "gpus", "--search", "zzzz", "--format", "json"],
        None,
    );
    assert_eq!(none.trim(), "[]");
}

#[test]
fn every_table_lists_in_every_version() {
    for version in ["v1.0", "v2.2", "v3.0"] {
        for table in ["cpus", "gpus", "locations", "providers", "datacenters"] {
            let out = ok(
                &["data", table, "--data-version", version, "--format", "json"],
                None,
            );
            let rows: Value = serde_json::from_str(&out).unwrap();
            assert!(!rows.as_array().unwrap().is_empty(), "{table} {version}");
            ok(&["data", table, "--data-version", version], None);
        }
    }
    let text = ok(
        &[
            "data",
            "locations",
            "--data-version",
            "v1.0",
            "--lang",
            "en",
        ],
        None,
    );
    assert!(text.starts_with("Code"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("FR ") && l.contains("France")),
        "{text}"
    );
    assert!(text.contains("data v1.0"), "{text}");
    let fr = ok(
        &[
            "data",
            "datacenters",
            "--search",
            "us-west1",
            "--lang",
            "fr",
        ],
        None,
    );
    assert!(fr.contains("1,11"), "{fr}");
    let e = fails(&["data", "cpus", "--data-version", "v0"], None);
    assert!(e.contains("v3.0"), "{e}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["data", "locations", "--format", "json"][..],
        &["data", "cpus"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_empreinte"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}
