//! The outputs of an analysis: per-job CSV and JSON Lines that read back to the same
//! numbers, group tables, the bilingual terminal summary and the self-contained HTML.

#![allow(clippy::panic, clippy::unwrap_used)]

use empreinte::hpc::{analyze, html, output, summary, synth, Cluster, Options};
use empreinte::Lang;
use serde_json::Value;

fn run(log: &str) -> (empreinte::hpc::Analysis, String, String, Vec<f64>) {
    let cluster = Cluster::from_toml(synth::CLUSTER_TOML).unwrap();
    let mut csv = output::job_csv_header();
    let mut jsonl = String::new();
    let mut co2e = Vec::new();
    let report = analyze(log.as_bytes(), cluster, Options::default(), &mut |j| {
        output::job_csv_row(&mut csv, j);
        output::job_json_line(&mut jsonl, j);
        co2e.push(j.co2e_g);
    })
    .unwrap();
    (report, csv, jsonl, co2e)
}

#[test]
fn job_rows_read_back_exactly() {
    let log = synth::generate(11, 400);
    let (report, csv, jsonl, co2e) = run(&log);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(header, output::JOB_COLUMNS);
    let col = header.iter().position(|h| *h == "co2e_g").unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), co2e.len());
    for (row, expected) in rows.iter().zip(&co2e) {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(cells.len(), header.len(), "{row}");
        assert_eq!(cells[col].parse::<f64>().unwrap(), *expected);
    }
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), co2e.len());
    for (v, expected) in lines.iter().zip(&co2e) {
        // serde_json's default float parser may be one ulp off: the text is exact (CSV)
        let got = v["co2e_g"].as_f64().unwrap();
        assert!(
            (got - expected).abs() <= 1e-15 * expected.abs(),
            "{got} {expected}"
        );
        assert!(v["success"].is_boolean());
    }
    let sum: f64 = lines
        .iter()
        .filter(|v| v["partition_match"] == "known")
        .map(|v| v["energy_kwh"].as_f64().unwrap())
        .sum();
    assert!((sum - report.totals.energy_kwh).abs() <= 1e-9 * sum);
}

#[test]
fn group_tables_have_one_row_per_group() {
    let (report, ..) = run(&synth::generate(5, 300));
    let users = output::groups_csv(&report.by_user, &report);
    assert_eq!(users.lines().count(), report.by_user.len() + 1);
    assert!(users.starts_with("name,jobs,success,failed,success_rate,"));
    let days = output::groups_jsonl(&report.by_day, &report);
    let first: Value = serde_json::from_str(days.lines().next().unwrap()).unwrap();
    assert_eq!(first["name"], report.by_day[0].name.as_str());
    let total = output::totals_csv(&report);
    assert!(total
        .lines()
        .nth(1)
        .unwrap()
        .starts_with(&format!("total,{},", report.totals.jobs)));
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["totals"]["co2e_g"].as_f64().unwrap() > 0.0);
    assert_eq!(json["memory_efficiency"].as_array().unwrap().len(), 12);
}

#[test]
fn the_summary_speaks_french_and_english() {
    let (report, ..) = run(&synth::generate(5, 300));
    let fr = summary::render(&report, Lang::Fr);
    let en = summary::render(&report, Lang::En);
    assert!(fr.contains("Empreinte carbone"), "{fr}");
    assert!(fr.contains("Tâches échouées"));
    assert!(fr.contains("kWh") && fr.contains("CO₂e"));
    assert!(fr.contains("\u{202F};") || !fr.contains(';'), "{fr}");
    assert!(en.contains("Carbon footprint"), "{en}");
    assert!(en.contains("Memory over-allocation"));
    assert!(en.contains("Paris-London") || en.contains("New York"));
    assert!(en.contains("unfinished jobs"), "{en}");
}

#[test]
fn the_html_report_is_self_contained_and_bilingual() {
    let (report, ..) = run(&synth::generate(5, 600));
    let page = html::render(&report, Lang::En);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("<div class=\"fr\" lang=\"fr\">"));
    assert!(page.contains("<div class=\"en\" lang=\"en\">"));
    assert!(
        page.matches("<svg").count() >= 10,
        "5 charts in each language"
    );
    assert!(page.contains("Taux de réussite par jour"));
    assert!(page.contains("Success rate per day"));
    assert!(page.contains("Memory efficiency"));
    for external in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!page.contains(external), "{external}");
    }
}

#[test]
fn names_are_escaped_everywhere() {
    let log = "JobID|User|Account|Partition|Elapsed|NCPUS|TotalCPU|ReqMem|State\n\
               1|<b>x\"y,z</b>|acc|cpu|01:00:00|1|01:00:00|4G|COMPLETED\n";
    let (report, csv, jsonl, _) = run(log);
    assert!(csv.contains("\"<b>x\"\"y,z</b>\""), "{csv}");
    let v: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(v["user"], "<b>x\"y,z</b>");
    let page = html::render(&report, Lang::Fr);
    assert!(!page.contains("<b>x"));
    assert!(page.contains("&lt;b&gt;x&quot;y,z&lt;/b&gt;"));
}
