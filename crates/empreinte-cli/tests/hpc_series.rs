//! Runs the built `empreinte hpc` with a carbon-intensity time series in the cluster file:
//! `ci_series.csv_file` read relative to the cluster file's folder (whatever the working
//! directory), the per-job intensity in the outputs, the fallbacks in the summary, strict
//! mode, and the errors naming the file and the key.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A fresh empty folder under the system's temporary folder.
fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "empreinte-hpc-series-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_empreinte"))
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    out
}

fn ok_in(dir: &Path, args: &[&str]) -> String {
    let out = run_in(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A command that must fail: exit 2, one `error: …` line; returns it.
fn fails_in(dir: &Path, args: &[&str]) -> String {
    let out = run_in(dir, args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    stderr
}

/// Hourly points from 2024-01-01T00:00Z: 100, 400, 200 gCO2e/kWh (an Electricity Maps
/// export's layout, zone FR).
const SERIES_CSV: &str = "Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data Estimation Method
2024-01-01 00:00:00,France,France,FR,90,100,90,20,entsoe.eu,false,
2024-01-01 01:00:00,France,France,FR,380,400,90,20,entsoe.eu,false,
2024-01-01 02:00:00,France,France,FR,190,200,90,20,entsoe.eu,false,
";

/// 10 W per core, no memory power, PUE 1: a one-core job of h hours draws h × 0.01 kWh.
const CLUSTER: &str = r#"name = "series-cluster"
pue = 1.0
location = "FR"
memory_power_w_per_gb = 0
ci_reference = "Electricity Maps, France, hourly 2024 (ODbL)"

[ci_series]
csv_file = "ci/fr-2024.csv"

[partitions.cpu]
type = "cpu"
w_per_core = 10
"#;

/// Job 1: 00:30 → 01:30 at (100 + 400) / 2 = 250; job 2 without Start, from Submit 01:00 →
/// 01:30 at 400; job 3 from 02:30 to 03:30, after the series' end (03:00): the series' mean
/// (100 + 400 + 200) / 3.
const LOG: &str = "JobID|User|Partition|Submit|Start|Elapsed|NCPUS|TotalCPU|ReqMem|State
1|alice|cpu|2024-01-01T00:00:00|2024-01-01T00:30:00|01:00:00|1|01:00:00|1G|COMPLETED
1.batch||||2024-01-01T00:30:00|01:00:00|1|01:00:00|1G|COMPLETED
2|alice|cpu|2024-01-01T01:00:00|Unknown|00:30:00|1|00:30:00|1G|COMPLETED
3|bob|cpu|2024-01-01T00:00:00|2024-01-01T02:30:00|01:00:00|1|01:00:00|1G|FAILED
";

/// A cluster folder `conf/` holding the cluster file and `conf/ci/fr-2024.csv`, and the
/// log in the top folder.
fn setup(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::create_dir_all(dir.join("conf/ci")).unwrap();
    std::fs::write(dir.join("conf/cluster.toml"), CLUSTER).unwrap();
    std::fs::write(dir.join("conf/ci/fr-2024.csv"), SERIES_CSV).unwrap();
    std::fs::write(dir.join("sacct.log"), LOG).unwrap();
    dir
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn the_csv_file_is_read_beside_the_cluster_file() {
    let dir = setup("relative");
    // from the top folder, and from elsewhere with absolute paths: the same report
    let report: Value = serde_json::from_str(&ok_in(
        &dir,
        &[
            "hpc",
            "-c",
            "conf/cluster.toml",
            "sacct.log",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let cluster = dir.join("conf/cluster.toml");
    let log = dir.join("sacct.log");
    let elsewhere: Value = serde_json::from_str(&ok_in(
        &std::env::temp_dir(),
        &[
            "hpc",
            "-c",
            cluster.to_str().unwrap(),
            log.to_str().unwrap(),
            "--format",
            "json",
        ],
    ))
    .unwrap();
    assert_eq!(report["totals"], elsewhere["totals"]);
    let c = &report["cluster"];
    assert_eq!(c["ci_source_id"], "series");
    assert_eq!(
        c["ci_source"],
        "Electricity Maps, France, hourly 2024 (ODbL)"
    );
    let s = &c["ci_series"];
    assert_eq!(s["file"], "ci/fr-2024.csv");
    assert_eq!(s["points"], 3);
    assert_eq!(s["zone"], "FR");
    assert_eq!(s["column"], "Carbon Intensity gCO₂eq/kWh (LCA)");
    assert_eq!(s["end"], "2024-01-01T03:00:00Z");
    // 0.01 × 250 + 0.005 × 400 + 0.01 × 700/3 g
    let t = &report["totals"];
    let co2e = 2.5 + 2.0 + 7.0 / 3.0;
    assert!(close(t["co2e_g"].as_f64().unwrap(), co2e), "{t}");
    assert!(close(t["ci_g_per_kwh"].as_f64().unwrap(), co2e / 0.025));
    let d = &report["diagnostics"];
    assert_eq!(d["jobs_ci_at_submit"], 1);
    assert_eq!(d["jobs_ci_outside_series"], 1);
    assert_eq!(d["jobs_ci_without_time"], 0);
}

#[test]
fn the_direct_column_of_an_export() {
    let dir = setup("direct");
    let toml = CLUSTER.replace(
        "csv_file = \"ci/fr-2024.csv\"",
        "csv_file = \"ci/fr-2024.csv\"\ncolumn = \"direct\"",
    );
    std::fs::write(dir.join("conf/cluster.toml"), toml).unwrap();
    let jobs = dir.join("jobs.csv");
    ok_in(
        &dir,
        &[
            "hpc",
            "-c",
            "conf/cluster.toml",
            "sacct.log",
            "--jobs",
            jobs.to_str().unwrap(),
        ],
    );
    let csv = std::fs::read_to_string(jobs).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let ci = header.iter().position(|c| *c == "ci_g_per_kwh").unwrap();
    let timing = header.iter().position(|c| *c == "ci_timing").unwrap();
    let rows: Vec<(String, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[ci].to_owned(), cells[timing].to_owned())
        })
        .collect();
    // direct: 90, 380, 190 → (90 + 380) / 2 = 235; 380; (90 + 380 + 190) / 3 = 220
    assert_eq!(
        rows,
        [
            ("235".to_owned(), "start".to_owned()),
            ("380".to_owned(), "submit".to_owned()),
            ("220".to_owned(), "outside_series".to_owned()),
        ]
    );
}

#[test]
fn summaries_html_and_jsonl_state_the_series_and_the_fallbacks() {
    let dir = setup("summary");
    let html = dir.join("report.html");
    let jsonl = dir.join("jobs.jsonl");
    let en = ok_in(
        &dir,
        &[
            "hpc",
            "-c",
            "conf/cluster.toml",
            "sacct.log",
            "--lang",
            "en",
            "--html",
            html.to_str().unwrap(),
            "--jobs",
            jsonl.to_str().unwrap(),
        ],
    );
    assert!(en.contains("Intensity series"), "{en}");
    assert!(
        en.contains(
            "3 points, 2024-01-01T00:00:00Z → 2024-01-01T03:00:00Z, every 1\u{A0}h, zone FR"
        ),
        "{en}"
    );
    assert!(en.contains("sacct times read as UTC"), "{en}");
    assert!(
        en.contains("1 jobs without a Start time: run placed at their Submit time"),
        "{en}"
    );
    assert!(
        en.contains("1 jobs run outside the intensity series"),
        "{en}"
    );
    let fr = ok_in(
        &dir,
        &[
            "hpc",
            "-c",
            "conf/cluster.toml",
            "sacct.log",
            "--lang",
            "fr",
        ],
    );
    assert!(fr.contains("Série d’intensité"), "{fr}");
    assert!(fr.contains("pas de 1\u{A0}h"), "{fr}");
    // French typography: a decimal comma, a no-break space before the unit
    assert!(
        fr.contains("233,3\u{A0}gCO₂e/kWh") || fr.contains("moyenne 233,3"),
        "{fr}"
    );
    assert!(
        fr.contains("1 tâches exécutées hors de la série d’intensité"),
        "{fr}"
    );
    let page = std::fs::read_to_string(html).unwrap();
    assert!(page.contains("Intensity per job"), "html");
    assert!(page.contains("Intensité carbone de la série par jour"));
    let jobs: Vec<Value> = std::fs::read_to_string(jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(jobs.len(), 3);
    assert_eq!(jobs[0]["ci_g_per_kwh"], 250.0);
    assert_eq!(jobs[0]["ci_timing"], "start");
    assert_eq!(jobs[1]["ci_timing"], "submit");
    assert_eq!(jobs[2]["ci_timing"], "outside_series");
}

#[test]
fn strict_mode_refuses_a_job_outside_the_series() {
    let dir = setup("strict");
    let e = fails_in(
        &dir,
        &["hpc", "-c", "conf/cluster.toml", "sacct.log", "--strict"],
    );
    assert!(
        e.contains("line 5 of the sacct log: Start of job 3")
            && e.contains("not inside the ci series"),
        "{e}"
    );
}

#[test]
fn errors_name_the_file_and_the_key() {
    let dir = setup("errors");
    // the file is missing
    std::fs::remove_file(dir.join("conf/ci/fr-2024.csv")).unwrap();
    let e = fails_in(&dir, &["hpc", "-c", "conf/cluster.toml", "sacct.log"]);
    assert!(
        e.contains("in the cluster file conf/cluster.toml")
            && e.contains("ci_series.csv_file")
            && e.contains("fr-2024.csv"),
        "{e}"
    );
    // a negative value on line 3 of the file
    std::fs::write(
        dir.join("conf/ci/fr-2024.csv"),
        "timestamp,g_co2e_per_kwh\n2024-01-01T00:00:00Z,50\n2024-01-01T01:00:00Z,-5\n",
    )
    .unwrap();
    let e = fails_in(&dir, &["hpc", "-c", "conf/cluster.toml", "sacct.log"]);
    assert!(
        e.contains("in the ci series file conf/ci/fr-2024.csv")
            && e.contains("ci_series.csv_file: invalid ci series, line 3")
            && e.contains("must not be negative"),
        "{e}"
    );
    // a gap
    std::fs::write(
        dir.join("conf/ci/fr-2024.csv"),
        "2024-01-01T00:00:00Z,50\n2024-01-01T01:00:00Z,50\n2024-01-01T04:00:00Z,50\n",
    )
    .unwrap();
    let e = fails_in(&dir, &["hpc", "-c", "conf/cluster.toml", "sacct.log"]);
    assert!(
        e.contains("ci_series.csv_file: ci series has a gap after 2024-01-01T01:00:00Z"),
        "{e}"
    );
    // both a series and a stated value
    std::fs::write(
        dir.join("conf/cluster.toml"),
        CLUSTER.replace("location = \"FR\"", "ci_g_per_kwh = 50"),
    )
    .unwrap();
    let e = fails_in(&dir, &["hpc", "-c", "conf/cluster.toml", "sacct.log"]);
    assert!(
        e.contains("ci_g_per_kwh \"50\" conflicts with ci_series"),
        "{e}"
    );
}

#[test]
fn a_synthetic_log_through_a_series_covering_its_year() {
    let dir = temp_dir("synthetic");
    let log = ok_in(&dir, &["hpc", "--generate", "3000", "--seed", "5"]);
    assert!(log.starts_with("UID|User|JobID|JobName|Submit|Start|Elapsed|"));
    let mut csv = String::from("timestamp,g_co2e_per_kwh\n");
    for h in 0..(367 * 24 + 96) {
        // 2024-01-01T00:00:00Z + h hours, values 30..70 through the day
        let t = 1_704_067_200 + h * 3600;
        csv.push_str(&format!("{t},{}\n", 30 + (h % 24) * 40 / 23));
    }
    // the series as epoch seconds is not a timestamp: a typed error naming the file
    std::fs::write(dir.join("hourly.csv"), &csv).unwrap();
    std::fs::write(dir.join("sacct.log"), &log).unwrap();
    let toml = ok_in(&dir, &["hpc", "--example-cluster", "synthetic"]).replacen(
        "[price]",
        "[ci_series]\ncsv_file = \"hourly.csv\"\n\n[price]",
        1,
    );
    std::fs::write(dir.join("cluster.toml"), toml).unwrap();
    let e = fails_in(&dir, &["hpc", "-c", "cluster.toml", "sacct.log"]);
    assert!(e.contains("hourly.csv") && e.contains("line 2"), "{e}");
    let csv: String = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                let (t, v) = l.split_once(',').unwrap();
                let t = t.parse::<i64>().unwrap();
                format!("{},{v}\n", empreinte::intensity::format_timestamp(t))
            }
        })
        .collect();
    std::fs::write(dir.join("hourly.csv"), csv).unwrap();
    let report: Value = serde_json::from_str(&ok_in(
        &dir,
        &[
            "hpc",
            "-c",
            "cluster.toml",
            "sacct.log",
            "--format",
            "json",
            "--strict",
        ],
    ))
    .unwrap();
    let d = &report["diagnostics"];
    assert_eq!(d["malformed_lines"], 0);
    assert_eq!(d["jobs_ci_outside_series"], 0);
    assert_eq!(d["jobs_ci_without_time"], 0);
    let ci = report["totals"]["ci_g_per_kwh"].as_f64().unwrap();
    assert!((30.0..=70.0).contains(&ci), "{ci}");
}
