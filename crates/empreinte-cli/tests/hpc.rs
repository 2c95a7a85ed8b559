//! Runs the built `empreinte hpc`: GA4HPC parity through a cluster file, standard input, a
//! fake `sacct` on the PATH, the output files, strict mode, the generator, the errors.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

#[path = "../../../tests/support/ga4hpc.rs"]
mod ga4hpc;

/// A fresh empty folder under the system's temporary folder.
fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "empreinte-hpc-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_env(args: &[&str], stdin: Option<&str>, path_env: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_empreinte"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("LANG")
        .env_remove("LC_ALL");
    if let Some(p) = path_env {
        cmd.env("PATH", p);
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

fn ok_env(args: &[&str], stdin: Option<&str>, path_env: Option<&str>) -> String {
    let out = run_env(args, stdin, path_env);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn ok(args: &[&str], stdin: Option<&str>) -> String {
    ok_env(args, stdin, None)
}

/// A command that must fail on its input: exit 2, one `error: …` line; returns it.
fn fails_env(args: &[&str], stdin: Option<&str>, path_env: Option<&str>) -> String {
    let out = run_env(args, stdin, path_env);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    stderr
}

fn fails(args: &[&str], stdin: Option<&str>) -> String {
    fails_env(args, stdin, None)
}

/// The golden log, its cluster file, and the golden JSON.
fn golden(dir: &Path) -> (String, String, Value) {
    let g = ga4hpc::golden();
    let log = ga4hpc::log(&g);
    let toml = ga4hpc::cluster_toml(&g["cluster_info"]);
    let log_path = dir.join("golden.log");
    let cluster_path = dir.join("cluster.toml");
    std::fs::write(&log_path, &log).unwrap();
    std::fs::write(&cluster_path, toml).unwrap();
    (
        log_path.to_str().unwrap().to_owned(),
        cluster_path.to_str().unwrap().to_owned(),
        g,
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

#[test]
fn golden_totals_through_the_binary() {
    let dir = temp_dir("golden");
    let (log, cluster, g) = golden(&dir);
    let report: Value = serde_json::from_str(&ok(
        &["hpc", "-c", &cluster, &log, "--format", "json"],
        None,
    ))
    .unwrap();
    let t = &report["totals"];
    assert_eq!(t["jobs"], 10);
    assert!(close(
        t["energy_kwh"].as_f64().unwrap(),
        g["totals"]["energy_kWh"].as_f64().unwrap()
    ));
    assert!(close(
        t["co2e_g"].as_f64().unwrap(),
        g["totals"]["carbonFootprint_g"].as_f64().unwrap()
    ));
    assert!(close(
        t["co2e_failed_g"].as_f64().unwrap(),
        g["totals"]["carbonFootprint_failedJobs_g"]
            .as_f64()
            .unwrap()
    ));
    // the same through standard input
    let text = std::fs::read_to_string(&log).unwrap();
    let from_stdin: Value = serde_json::from_str(&ok(
        &["hpc", "-c", &cluster, "-", "--format", "json"],
        Some(&text),
    ))
    .unwrap();
    assert_eq!(from_stdin["totals"], report["totals"]);
}

#[test]
fn summaries_in_french_and_english() {
    let dir = temp_dir("summary");
    let (log, cluster, _) = golden(&dir);
    let fr = ok(&["hpc", "-c", &cluster, &log, "--lang", "fr"], None);
    assert!(
        fr.contains("Empreinte carbone") && fr.contains("13,94\u{A0}kgCO₂e"),
        "{fr}"
    );
    assert!(fr.contains("GBP"), "{fr}");
    let en = ok(&["hpc", "-c", &cluster, &log, "--lang", "en"], None);
    assert!(
        en.contains("Carbon footprint") && en.contains("13.94\u{A0}kgCO₂e"),
        "{en}"
    );
    assert!(en.contains("Failed jobs"));
}

#[test]
fn output_files() {
    let dir = temp_dir("files");
    let (log, cluster, g) = golden(&dir);
    let csv = dir.join("jobs.csv");
    let jsonl = dir.join("jobs.jsonl");
    let groups = dir.join("groups");
    let html = dir.join("report.html");
    ok(
        &[
            "hpc",
            "-c",
            &cluster,
            &log,
            "--jobs",
            csv.to_str().unwrap(),
            "--groups",
            groups.to_str().unwrap(),
            "--html",
            html.to_str().unwrap(),
        ],
        None,
    );
    let csv = std::fs::read_to_string(csv).unwrap();
    assert_eq!(csv.lines().count(), 11);
    assert!(csv.starts_with("job_id,array_job_id,user,"));
    assert!(csv.contains("\n1000001_27,1000001,alice,acc1,cpu,CPU,known,COMPLETED,true,"));
    ok(
        &[
            "hpc",
            "-c",
            &cluster,
            &log,
            "--jobs",
            jsonl.to_str().unwrap(),
        ],
        None,
    );
    let jobs: Vec<Value> = std::fs::read_to_string(jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(jobs.len(), 10);
    for (j, e) in jobs.iter().zip(g["jobs"].as_array().unwrap()) {
        assert_eq!(j["job_id"], e["job"]);
        assert!(close(
            j["co2e_g"].as_f64().unwrap(),
            e["carbonFootprint_g"].as_f64().unwrap()
        ));
    }
    for name in [
        "by_user.csv",
        "by_user.jsonl",
        "by_account.csv",
        "by_partition.csv",
        "by_day.csv",
        "by_day.jsonl",
        "totals.csv",
        "report.json",
    ] {
        assert!(groups.join(name).is_file(), "{name}");
    }
    let users = std::fs::read_to_string(groups.join("by_user.csv")).unwrap();
    assert!(
        users.lines().nth(1).unwrap().starts_with("alice,10,7,3,"),
        "{users}"
    );
    let page = std::fs::read_to_string(html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg"));
}

#[test]
fn a_fake_sacct_on_the_path() {
    let dir = temp_dir("sacct");
    let (log, cluster, _) = golden(&dir);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join("sacct");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" > {}/args.txt\ncat {log}\n",
            dir.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let out = ok_env(
        &[
            "hpc",
            "-c",
            &cluster,
            "--sacct",
            "--start",
            "2024-01-01",
            "--end",
            "2025-01-01",
            "--all-users",
            "--format",
            "json",
        ],
        None,
        Some(&path),
    );
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["totals"]["jobs"], 10);
    let args = std::fs::read_to_string(dir.join("args.txt")).unwrap();
    assert!(
        args.contains("--starttime 2024-01-01 --endtime 2025-01-01"),
        "{args}"
    );
    assert!(
        args.contains("-P") && args.contains("--allusers") && args.contains("AllocTRES"),
        "{args}"
    );
    // a failing sacct is an error with its message
    std::fs::write(
        &script,
        "#!/bin/sh\necho 'sacct: error: Slurm accounting storage is disabled' >&2\nexit 1\n",
    )
    .unwrap();
    let e = fails_env(
        &[
            "hpc",
            "-c",
            &cluster,
            "--sacct",
            "--start",
            "2024-01-01",
            "--end",
            "2024-02-01",
        ],
        None,
        Some(&path),
    );
    assert!(e.contains("accounting storage is disabled"), "{e}");
    // no sacct at all
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let e = fails_env(
        &[
            "hpc",
            "-c",
            &cluster,
            "--sacct",
            "--start",
            "2024-01-01",
            "--end",
            "2024-02-01",
        ],
        None,
        Some(empty.to_str().unwrap()),
    );
    assert!(e.contains("sacct is not installed"), "{e}");
}

#[test]
fn strict_mode_and_errors() {
    let dir = temp_dir("strict");
    let (log, cluster, _) = golden(&dir);
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str(
        "50001|alice|9|j|2024-01-01T00:00:00|bad|cpu|1|1|00:01:00|00:01:00|4G||/|COMPLETED|acc1|\n",
    );
    let out = ok(&["hpc", "-c", &cluster, "-", "--lang", "en"], Some(&text));
    assert!(out.contains("1 unreadable lines skipped"), "{out}");
    assert!(out.contains("line 32: Elapsed"), "{out}");
    let e = fails(&["hpc", "-c", &cluster, "-", "--strict"], Some(&text));
    assert!(e.contains("line 32") && e.contains("Elapsed"), "{e}");
    let e = fails(&["hpc", &log], None);
    assert!(e.contains("--cluster"), "{e}");
    let e = fails(&["hpc", "-c", "/nonexistent/cluster.toml", &log], None);
    assert!(e.contains("cannot read the cluster file"), "{e}");
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "pue = 0.5\nci_g_per_kwh = 10\n[partitions.cpu]\ntype = \"cpu\"\nw_per_core = 1\n",
    )
    .unwrap();
    let e = fails(&["hpc", "-c", bad.to_str().unwrap(), &log], None);
    assert!(e.contains("pue must be at least 1"), "{e}");
    let e = fails(&["hpc", "-c", &cluster, "-"], Some("not a sacct log\n"));
    assert!(e.contains("header"), "{e}");
}

#[test]
fn the_generator_and_the_example_clusters() {
    let a = ok(&["hpc", "--generate", "500", "--seed", "7"], None);
    let b = ok(&["hpc", "--generate", "500", "--seed", "7"], None);
    assert_eq!(a, b);
    assert!(a.lines().count() >= 500);
    let dir = temp_dir("gen");
    let cluster = dir.join("synthetic.toml");
    std::fs::write(
        &cluster,
        ok(&["hpc", "--example-cluster", "synthetic"], None),
    )
    .unwrap();
    let report: Value = serde_json::from_str(&ok(
        &["hpc", "-c", cluster.to_str().unwrap(), "--format", "json"],
        Some(&a),
    ))
    .unwrap();
    assert_eq!(report["diagnostics"]["malformed_lines"], 0);
    assert!(report["totals"]["jobs"].as_u64().unwrap() > 100);
    let jz = ok(&["hpc", "--example-cluster", "jean-zay"], None);
    assert!(jz.contains("[partitions.gpu_p6]"));
    // the built-in Jean Zay configuration by name
    let out = ok(&["hpc", "-c", "jean-zay", "--lang", "en"], Some(&a));
    assert!(
        out.contains("Jean Zay") && out.contains("unknown partitions"),
        "{out}"
    );
}
