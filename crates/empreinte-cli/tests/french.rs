//! The CLI's French text is French: the estimate summary (CPU, GPU, cloud, beyond Green
//! Algorithms), `compare` and the HPC summary share no language with their English
//! twins other than names, codes, numbers, units, source titles and URLs, show no
//! internal key, and follow French typography.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "../../../tests/support/french.rs"]
mod french;

use std::process::Command;

use serde_json::Value;

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_empreinte"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every string of a JSON document under a key that names a model, a place or a source.
fn names_in(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let named = [
                    "model",
                    "name",
                    "source",
                    "reference",
                    "comments",
                    "licence",
                ]
                .iter()
                .any(|n| k.contains(n));
                match x {
                    Value::String(s) if named => out.push(french::without_urls(s)),
                    _ => names_in(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| names_in(x, out)),
        _ => {}
    }
}

const JOBS: [&[&str]; 3] = [
    &[
        "--runtime",
        "12h",
        "--cpu",
        "Xeon E5-2683 v4",
        "--cores",
        "12",
        "--memory",
        "64",
        "--location",
        "FR",
    ],
    &[
        "--runtime",
        "3h30m",
        "--gpu",
        "NVIDIA Tesla V100",
        "--gpus",
        "4",
        "--cpu",
        "Any",
        "--cores",
        "8",
        "--usage-gpu",
        "0.8",
        "--memory",
        "120",
        "--location",
        "DE",
        "--pue",
        "1.2",
        "--mf",
        "3",
        "--unit",
        "epoch",
        "--unit-count",
        "10",
    ],
    &[
        "--runtime",
        "40h",
        "--cpu",
        "Any",
        "--cores",
        "4",
        "--memory",
        "16",
        "--platform",
        "cloud",
        "--provider",
        "aws",
        "--location",
        "US-CA",
    ],
];

fn check(fr: &str, en: &str, names: &[String], what: &str) -> Vec<String> {
    let mut found: Vec<String> = french::shared_language(fr, en, names)
        .into_iter()
        .map(|s| format!("{what}: shared {s:?}"))
        .collect();
    found.extend(
        french::internal_keys(fr, names)
            .into_iter()
            .map(|k| format!("{what}: key {k}")),
    );
    found.extend(
        french::typography(fr)
            .into_iter()
            .map(|t| format!("{what}: {t}")),
    );
    found
}

#[test]
fn estimate_summaries_are_french() {
    let mut found = Vec::new();
    for job in JOBS {
        let with = |extra: &[&str]| -> Vec<String> {
            let mut a = vec!["estimate"];
            a.extend_from_slice(job);
            a.extend_from_slice(extra);
            a.iter().map(|s| s.to_string()).collect()
        };
        let json: Value = serde_json::from_str(&run(&args(&with(&["--format", "json"])))).unwrap();
        let mut names = Vec::new();
        names_in(&json, &mut names);
        names.extend(job.iter().map(|s| s.to_string()));
        names.extend(["Empreinte", "Lannelongue et al. 2021"].map(str::to_owned));
        names.retain(|n| n.chars().any(char::is_alphabetic));
        names.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let fr = run(&args(&with(&["--lang", "fr"])));
        let en = run(&args(&with(&["--lang", "en"])));
        found.extend(check(&fr, &en, &names, &job.join(" ")));
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn compare_is_french() {
    let job = [
        "compare",
        "--runtime",
        "2h",
        "--cpu",
        "Any",
        "--cores",
        "4",
        "--memory",
        "8",
    ];
    let fr = run(&[&job[..], &["--lang", "fr"]].concat());
    let en = run(&[&job[..], &["--lang", "en"]].concat());
    let found = check(&fr, &en, &[], "compare");
    assert!(found.is_empty(), "{}", found.join("\n"));
}
