//! The shared golden vectors (`tests/golden/ga-calculator.json`) through the public API, at
//! relative 1e-9.

#![allow(clippy::panic)]

use empreinte::{estimate, Job};
use serde_json::Value;

const GOLDEN: &str = include_str!("../../../../tests/golden/ga-calculator.json");

fn close(actual: f64, expected: f64) -> bool {
    actual == expected || (actual - expected).abs() <= 1e-9 * expected.abs().max(actual.abs())
}

/// Compares every number of `expected` with the same path in `actual`; `pue` as a number
/// is compared with `pue.value`.
fn compare(path: &str, expected: &Value, actual: &Value, failures: &mut Vec<String>) {
    match expected {
        Value::Object(map) => {
            for (k, v) in map {
                let mut a = &actual[k];
                if k == "pue" && v.is_number() {
                    a = &actual["pue"]["value"];
                }
                compare(&format!("{path}.{k}"), v, a, failures);
            }
        }
        Value::Number(n) => {
            let e = n.as_f64().unwrap_or(f64::NAN);
            match actual.as_f64() {
                Some(a) if close(a, e) => {}
                other => failures.push(format!("{path}: expected {e}, got {other:?}")),
            }
        }
        other => {
            if other != actual {
                failures.push(format!("{path}: expected {other}, got {actual}"));
            }
        }
    }
}

#[test]
fn every_golden_case_matches_at_1e_9() {
    let golden: Value = serde_json::from_str(GOLDEN).expect("golden JSON");
    let cases = golden["cases"].as_array().expect("cases");
    assert!(cases.len() >= 12);
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap_or("?");
        let job = Job::from_value(case["job"].clone()).expect("job");
        let result = estimate(&job).unwrap_or_else(|e| panic!("{id}: {e}"));
        let actual = serde_json::to_value(&result).expect("serialise");
        compare(id, &case["expected"], &actual, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
