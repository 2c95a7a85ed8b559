//! A carbon-intensity time series in the HPC cluster file (`[ci_series]`): each job's CO2e
//! at the series' time-weighted mean over its run, the fallbacks (Submit, no time, outside
//! the series) counted, strict mode, the errors naming their TOML key, and a constant series
//! giving exactly the flat-CI results. Expected values are computed by hand in the comments.

#![allow(clippy::panic, clippy::unwrap_used)]

use empreinte::hpc::{analyze, output, synth, Analysis, CiTiming, Cluster, Options};
use empreinte::Error;
use proptest::prelude::*;

use crate::ga4hpc;

/// Three hourly points from 2024-01-01T00:00Z: 100, 400, 200 gCO2e/kWh; the series ends at
/// 03:00Z. Its time-weighted mean over its span is (100 + 400 + 200) / 3.
const SERIES: &str = r#"[ci_series]
points = [["2024-01-01T00:00:00Z", 100.0], ["2024-01-01T01:00:00Z", 400], ["2024-01-01T02:00:00Z", 200.0]]
interval_s = 3600
"#;

/// 10 W per core, no memory power, PUE 1: a job of one core whose TotalCPU is h hours draws
/// h × 0.01 kWh.
fn cluster_toml(ci: &str) -> String {
    // a stated value has no location; a series may have one
    let location = if ci.contains("ci_g_per_kwh") {
        ""
    } else {
        "location = \"FR\"\n"
    };
    format!(
        "pue = 1.0\n{location}memory_power_w_per_gb = 0\n{ci}\n[partitions.cpu]\ntype = \"cpu\"\nw_per_core = 10\n"
    )
}

fn cluster(ci: &str) -> Cluster {
    Cluster::from_toml(&cluster_toml(ci)).unwrap()
}

const HEADER: &str = "JobID|Partition|Submit|Start|Elapsed|NCPUS|TotalCPU|ReqMem|State";

/// One job line: id, submit, start, elapsed (= TotalCPU, one core).
fn line(id: u32, submit: &str, start: &str, elapsed: &str) -> String {
    format!("{id}|cpu|{submit}|{start}|{elapsed}|1|{elapsed}|1G|COMPLETED")
}

/// (job id, energy kWh, ci, timing, co2e g, co2e memory-needed-only g) of every job.
type Row = (String, f64, f64, CiTiming, f64, f64);

fn run(cluster: Cluster, lines: &[String], strict: bool) -> Result<(Analysis, Vec<Row>), Error> {
    let log = format!("{HEADER}\n{}\n", lines.join("\n"));
    let mut rows = Vec::new();
    let opts = Options {
        strict,
        ..Options::default()
    };
    let report = analyze(log.as_bytes(), cluster, opts, &mut |j| {
        rows.push((
            j.job_id.to_owned(),
            j.energy_kwh,
            j.ci_g_per_kwh,
            j.ci_timing,
            j.co2e_g,
            j.co2e_memory_needed_only_g,
        ));
    })?;
    Ok((report, rows))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn a_job_over_two_intervals_gets_the_time_weighted_mean() {
    let lines = [
        // 00:30 → 01:30: 30 min at 100 and 30 min at 400 → 250
        line(1, "2024-01-01T00:00:00", "2024-01-01T00:30:00", "01:00:00"),
        // 00:45 → 02:45: 15 min at 100, 60 at 400, 45 at 200 → 34 500 / 120 = 287.5
        line(2, "2024-01-01T00:00:00", "2024-01-01T00:45:00", "02:00:00"),
        // zero length at 01:10: the intensity at that time, 400
        line(3, "2024-01-01T00:00:00", "2024-01-01T01:10:00", "00:00:00"),
    ];
    let (report, rows) = run(cluster(SERIES), &lines, true).unwrap();
    let expected = [(1, 0.01, 250.0), (2, 0.02, 287.5), (3, 0.0, 400.0)];
    for (row, (id, kwh, ci)) in rows.iter().zip(expected) {
        assert_eq!(row.0, id.to_string());
        assert!(close(row.1, kwh), "{row:?}");
        assert!(close(row.2, ci), "{row:?}");
        assert_eq!(row.3, CiTiming::Start);
        assert!(close(row.4, kwh * ci), "{row:?}");
        assert_eq!(row.5, row.4, "memory needed = requested: same CO2e");
    }
    // the jobs' energy-weighted mean: (0.01 × 250 + 0.02 × 287.5) / 0.03 = 275
    assert!(close(report.totals.ci_g_per_kwh.unwrap(), 275.0));
    assert!(close(report.totals.co2e_g, 8.25));
    let d = &report.diagnostics;
    assert_eq!(
        (
            d.jobs_ci_at_submit,
            d.jobs_ci_without_time,
            d.jobs_ci_outside_series
        ),
        (0, 0, 0)
    );
    assert!(
        !d.missing_columns.contains(&"Start".to_owned()),
        "{:?}",
        d.missing_columns
    );
    // the cluster says where the CI comes from
    let c = &report.cluster;
    assert_eq!(c.ci_source_id, "series");
    assert!(close(c.ci_g_per_kwh, 700.0 / 3.0));
    let s = c.ci_series.as_ref().unwrap();
    assert_eq!((s.points, s.interval_s, s.origin), (3, 3600, "points"));
    assert_eq!(
        (s.first.as_str(), s.last.as_str(), s.end.as_str()),
        (
            "2024-01-01T00:00:00Z",
            "2024-01-01T02:00:00Z",
            "2024-01-01T03:00:00Z"
        )
    );
    assert_eq!(s.zone.as_deref(), Some("FR"));
    assert_eq!((s.min_g_per_kwh, s.max_g_per_kwh), (100.0, 400.0));
}

#[test]
fn the_earliest_start_of_a_job_s_lines_counts() {
    // the batch step repeats the job's Start, a numbered step starts later, and an
    // earlier Start on a step wins: 00:30 → 01:30 at 250
    let lines = [
        line(1, "2024-01-01T00:00:00", "2024-01-01T01:00:00", "01:00:00"),
        "1.batch||2024-01-01T00:00:00|2024-01-01T00:30:00|01:00:00|1|01:00:00|1G|COMPLETED"
            .to_owned(),
        "1.0||2024-01-01T00:00:00|Unknown|01:00:00|1|01:00:00|1G|COMPLETED".to_owned(),
    ];
    let (_, rows) = run(cluster(SERIES), &lines, true).unwrap();
    assert!(close(rows[0].2, 250.0), "{rows:?}");
}

#[test]
fn without_start_the_run_is_placed_at_submit_and_counted() {
    let lines = [
        // no Start: Submit 01:00 → 01:30 at 400
        line(1, "2024-01-01T01:00:00", "", "00:30:00"),
        // sacct's Unknown and None are no Start either: 00:00 → 01:00 at 100
        line(2, "2024-01-01T00:00:00", "Unknown", "01:00:00"),
        line(3, "2024-01-01T00:00:00", "None", "01:00:00"),
        // a job cancelled before it started draws nothing: not counted as a fallback
        line(4, "2024-01-01T00:00:00", "Unknown", "00:00:00"),
    ];
    let (report, rows) = run(cluster(SERIES), &lines, false).unwrap();
    assert!(close(rows[0].2, 400.0) && close(rows[0].4, 0.005 * 400.0));
    assert!(close(rows[1].2, 100.0) && close(rows[2].2, 100.0));
    assert!(rows.iter().all(|r| r.3 == CiTiming::Submit), "{rows:?}");
    assert_eq!(report.diagnostics.jobs_ci_at_submit, 3);
    // the same log without a Start column: every job at its Submit, and Start reported
    // missing (it is read for a series)
    let log = "JobID|Partition|Submit|Elapsed|NCPUS|TotalCPU|ReqMem|State\n\
               1|cpu|2024-01-01T01:00:00|00:30:00|1|00:30:00|1G|COMPLETED\n";
    let r = analyze(
        log.as_bytes(),
        cluster(SERIES),
        Options::default(),
        &mut |j| {
            assert_eq!((j.ci_g_per_kwh, j.ci_timing), (400.0, CiTiming::Submit));
        },
    )
    .unwrap();
    assert_eq!(r.diagnostics.jobs_ci_at_submit, 1);
    assert_eq!(
        r.diagnostics.missing_columns,
        [
            "User",
            "Account",
            "Start",
            "NNodes",
            "CPUTime",
            "MaxRSS",
            "AllocTRES",
            "JobName"
        ]
    );
    // without a series, Start is neither read nor missed
    let r = analyze(
        log.as_bytes(),
        cluster("ci_source = \"ga\""),
        Options::default(),
        &mut |_| {},
    )
    .unwrap();
    assert!(!r.diagnostics.missing_columns.contains(&"Start".to_owned()));
}

#[test]
fn without_any_time_or_outside_the_series_the_series_mean_is_used_and_counted() {
    let mean = 700.0 / 3.0;
    let lines = [
        // neither Start nor Submit
        line(1, "", "", "01:00:00"),
        line(2, "Unknown", "Unknown", "01:00:00"),
        // 02:30 → 03:30 ends after the series (03:00)
        line(3, "2024-01-01T00:00:00", "2024-01-01T02:30:00", "01:00:00"),
        // before it
        line(4, "2023-12-31T00:00:00", "2023-12-31T23:30:00", "01:00:00"),
        // at Submit, outside
        line(5, "2024-02-01T00:00:00", "", "01:00:00"),
    ];
    let (report, rows) = run(cluster(SERIES), &lines, false).unwrap();
    for r in &rows {
        assert_eq!(r.2, mean, "{r:?}");
        assert_eq!(r.4, r.1 * mean);
    }
    let timings: Vec<CiTiming> = rows.iter().map(|r| r.3).collect();
    assert_eq!(
        timings,
        [
            CiTiming::NoTime,
            CiTiming::NoTime,
            CiTiming::OutsideSeries,
            CiTiming::OutsideSeries,
            CiTiming::OutsideSeries
        ]
    );
    let d = &report.diagnostics;
    assert_eq!(
        (
            d.jobs_ci_at_submit,
            d.jobs_ci_without_time,
            d.jobs_ci_outside_series
        ),
        (1, 2, 3)
    );
    // each fallback is in the summary, in both languages
    let en = empreinte::hpc::summary::render(&report, empreinte::Lang::En);
    assert!(en.contains("1 jobs without a Start time"), "{en}");
    assert!(en.contains("2 jobs with neither Start nor Submit"), "{en}");
    assert!(
        en.contains("3 jobs run outside the intensity series"),
        "{en}"
    );
    let fr = empreinte::hpc::summary::render(&report, empreinte::Lang::Fr);
    assert!(
        fr.contains("3 tâches exécutées hors de la série d’intensité"),
        "{fr}"
    );
    let html = empreinte::hpc::html::render(&report, empreinte::Lang::Fr);
    assert!(html.contains("2 jobs with neither Start nor Submit"));
    assert!(html.contains("Carbon intensity of the series per day"));
}

#[test]
fn in_strict_mode_a_run_outside_the_series_is_an_error_naming_the_job() {
    let lines = [
        line(1, "2024-01-01T00:00:00", "2024-01-01T00:30:00", "01:00:00"),
        line(2, "2024-01-01T00:00:00", "2024-01-01T02:30:00", "01:00:00"),
    ];
    let e = run(cluster(SERIES), &lines, true).unwrap_err();
    match &e {
        Error::InvalidSacctLine { line, field, .. } => {
            assert_eq!((*line, field.as_str()), (3, "Start"));
        }
        other => panic!("{other:?}"),
    }
    let text = e.to_string();
    assert!(
        text.contains("job 2") && text.contains("2024-01-01T03:30:00Z"),
        "{text}"
    );
    let e = run(
        cluster(SERIES),
        &[line(7, "2024-03-01T00:00:00", "", "01:00:00")],
        true,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("Submit"));
    assert!(e.to_string().contains("job 7"), "{e}");
    // no time at all is not an error: it is counted
    let (r, _) = run(cluster(SERIES), &[line(8, "", "", "01:00:00")], true).unwrap();
    assert_eq!(r.diagnostics.jobs_ci_without_time, 1);
}

#[test]
fn a_start_that_is_not_a_time_is_a_malformed_line() {
    let lines = [line(1, "2024-01-01T00:00:00", "yesterday", "01:00:00")];
    let (report, rows) = run(cluster(SERIES), &lines, false).unwrap();
    assert!(rows.is_empty());
    assert_eq!(report.diagnostics.malformed_lines, 1);
    assert_eq!(report.diagnostics.malformed_examples[0].field, "Start");
    let e = run(cluster(SERIES), &lines, true).unwrap_err();
    assert_eq!(e.field(), Some("Start"));
    // without a series Start is not read at all
    let (_, rows) = run(cluster("ci_g_per_kwh = 10"), &lines, true).unwrap();
    assert_eq!(rows.len(), 1);
}

/// A constant series over 2023-12-01 → 2025-02-01, hourly, as CSV.
fn constant_series_csv(value: f64) -> String {
    let start = 1_701_388_800; // 2023-12-01T00:00:00Z
    let mut csv = String::from("timestamp,g_co2e_per_kwh\n");
    for h in 0..(428 * 24) {
        let t = empreinte::intensity::format_timestamp(start + h * 3600);
        csv.push_str(&format!("{t},{value}\n"));
    }
    csv
}

/// `toml` with a `[ci_series]` table reading `fr.csv`, which holds `csv`.
fn with_series(toml: &str, csv: &str) -> Cluster {
    // before the first table, so that the top-level keys stay top-level
    let at = toml.find("\n[").unwrap() + 1;
    let toml = format!(
        "{}[ci_series]\ncsv_file = \"fr.csv\"\n\n{}",
        &toml[..at],
        &toml[at..]
    );
    Cluster::from_toml_with(&toml, |path| {
        assert_eq!(path, "fr.csv");
        Ok(csv.to_owned())
    })
    .unwrap()
}

#[test]
fn a_constant_series_gives_exactly_the_flat_ci_results() {
    // the synthetic cluster is in France (51.28 g in data v3.0): the same value every hour
    let flat = Cluster::from_toml(synth::CLUSTER_TOML).unwrap();
    let series = with_series(synth::CLUSTER_TOML, &constant_series_csv(flat.ci_g_per_kwh));
    assert_eq!(series.ci_g_per_kwh, flat.ci_g_per_kwh);
    let log = synth::generate(11, 20_000);
    let mut a = String::new();
    let mut b = String::new();
    let ra = analyze(log.as_bytes(), flat, Options::default(), &mut |j| {
        output::job_csv_row(&mut a, j)
    })
    .unwrap();
    let rb = analyze(log.as_bytes(), series, Options::default(), &mut |j| {
        assert!(matches!(j.ci_timing, CiTiming::Start | CiTiming::Submit));
        let mut row = String::new();
        output::job_csv_row(&mut row, j);
        b.push_str(
            &row.replace(",start,", ",flat,")
                .replace(",submit,", ",flat,"),
        );
    })
    .unwrap();
    assert_eq!(a, b, "every per-job figure, to the bit");
    let (ta, tb) = (&ra.totals, &rb.totals);
    assert_eq!(
        (ta.energy_kwh, ta.co2e_g, ta.co2e_memory_needed_only_g),
        (tb.energy_kwh, tb.co2e_g, tb.co2e_memory_needed_only_g)
    );
    assert_eq!(ra.by_user, {
        let mut g = rb.by_user.clone();
        for (x, y) in g.iter_mut().zip(&ra.by_user) {
            x.totals.ci_g_per_kwh = y.totals.ci_g_per_kwh;
        }
        g
    });
    assert_eq!(ta.ci_g_per_kwh, Some(51.28));
    assert!((tb.ci_g_per_kwh.unwrap() - 51.28).abs() < 1e-12);
    // the synthetic log's never-started jobs have no Start: at Submit, without energy
    assert_eq!(rb.diagnostics.jobs_ci_at_submit, 0);
    assert_eq!(rb.diagnostics.jobs_ci_outside_series, 0);
}

#[test]
fn the_ga4hpc_golden_log_through_a_constant_series_keeps_parity() {
    // the golden log has no Start column: every job is placed at its Submit time
    let golden = ga4hpc::golden();
    let log = ga4hpc::log(&golden);
    let ci = golden["cluster_info"]["CI"].as_f64().unwrap();
    // the golden cluster with a location (the series' zone) instead of its flat CI
    let toml = ga4hpc::cluster_toml(&golden["cluster_info"])
        .replace(&format!("ci_g_per_kwh = {ci}\n"), "location = \"FR\"\n");
    assert!(toml.contains("location = \"FR\"") && !toml.contains("ci_g_per_kwh"));
    let mut co2e = Vec::new();
    let report = analyze(
        log.as_bytes(),
        with_series(&toml, &constant_series_csv(ci)),
        Options::default(),
        &mut |j| co2e.push(j.co2e_g),
    )
    .unwrap();
    let expected: Vec<f64> = golden["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["carbonFootprint_g"].as_f64().unwrap())
        .collect();
    assert_eq!(co2e.len(), expected.len());
    for (a, e) in co2e.iter().zip(&expected) {
        assert!((a - e).abs() <= 1e-9 * e.abs(), "{a} vs {e}");
    }
    let total = golden["totals"]["carbonFootprint_g"].as_f64().unwrap();
    assert!((report.totals.co2e_g - total).abs() <= 1e-9 * total);
    assert_eq!(report.diagnostics.jobs_ci_at_submit, 10);
}

fn err(ci: &str) -> Error {
    Cluster::from_toml(&cluster_toml(ci)).unwrap_err()
}

#[test]
fn conflicting_keys_are_typed_errors_naming_the_key() {
    let with_flat = cluster_toml(SERIES).replace("location = \"FR\"\n", "ci_g_per_kwh = 50\n");
    assert!(with_flat.contains("ci_g_per_kwh = 50"));
    let e = Cluster::from_toml(&with_flat).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("conflicting_input", Some("ci_g_per_kwh"))
    );
    assert!(e.to_string().contains("ci_series"), "{e}");
    let e = err(&format!("ci_source = \"ember\"\n{SERIES}"));
    assert_eq!(
        (e.code(), e.field()),
        ("conflicting_input", Some("ci_source"))
    );
    // ci_source = "series" says what it is: accepted
    assert!(
        Cluster::from_toml(&cluster_toml(&format!("ci_source = \"series\"\n{SERIES}"))).is_ok()
    );
    let e = err("[ci_series]\ncsv = \"2024-01-01T00:00:00Z,1\"\npoints = [[\"2024-01-01T00:00:00Z\", 1.0]]\ninterval_s = 60");
    assert_eq!(
        (e.code(), e.field()),
        ("conflicting_input", Some("ci_series.points"))
    );
    let e = err("[ci_series]\ncsv_file = \"a.csv\"\ncsv = \"2024-01-01T00:00:00Z,1\"");
    assert_eq!(
        (e.code(), e.field()),
        ("conflicting_input", Some("ci_series.csv"))
    );
    let e = err("[ci_series]\ninterval_s = 60");
    assert_eq!(
        (e.code(), e.field()),
        ("invalid_document", Some("ci_series"))
    );
    let e = err("[ci_series]\npoints = []\nlag = 1");
    assert!(e.to_string().contains("lag"), "{e}");
    // a location of a series must still be a known place
    let e =
        Cluster::from_toml(&cluster_toml(SERIES).replace("\"FR\"", "\"Atlantis\"")).unwrap_err();
    assert_eq!(e.code(), "unknown_location");
}

#[test]
fn bad_series_are_typed_errors_naming_the_key() {
    let points = |p: &str| err(&format!("[ci_series]\npoints = [{p}]"));
    // a gap: 02:00 is missing between 01:00 and 03:00 (hourly median spacing)
    let e = points(
        r#"["2024-01-01T00:00:00Z", 1.0], ["2024-01-01T01:00:00Z", 1.0], ["2024-01-01T03:00:00Z", 1.0], ["2024-01-01T04:00:00Z", 1.0]"#,
    );
    assert_eq!(
        (e.code(), e.field()),
        ("series_gap", Some("ci_series.points[2]"))
    );
    assert!(
        e.to_string()
            .starts_with("ci_series.points[2]: ci series has a gap after 2024-01-01T01:00:00Z"),
        "{e}"
    );
    // a negative value
    let e = points(r#"["2024-01-01T00:00:00Z", 1.0], ["2024-01-01T01:00:00Z", -5.0]"#);
    assert_eq!(
        (e.code(), e.field()),
        ("invalid_series", Some("ci_series.points[1]"))
    );
    assert!(e.to_string().contains("must not be negative"), "{e}");
    // a duplicate
    let e = points(
        r#"["2024-01-01T00:00:00Z", 1.0], ["2024-01-01T01:00:00Z", 2.0], ["2024-01-01T01:00:00+00:00", 3.0]"#,
    );
    assert_eq!(e.field(), Some("ci_series.points[2]"));
    // a bad timestamp, a bad point
    let e = points(r#"["2024-01-01T00:00:00Z", 1.0], ["noon", 2.0]"#);
    assert_eq!(
        (e.code(), e.field()),
        ("invalid_timestamp", Some("ci_series.points[1]"))
    );
    let e = points(r#"["2024-01-01T00:00:00Z", "high"]"#);
    assert_eq!(e.code(), "invalid_document");
    assert!(e.field().unwrap().starts_with("ci_series.points[0]"), "{e}");
    // one point needs an interval; the interval must be positive
    let e = points(r#"["2024-01-01T00:00:00Z", 1.0]"#);
    assert_eq!(e.field(), Some("ci_series.points[0]"));
    let e = err("[ci_series]\npoints = [[\"2024-01-01T00:00:00Z\", 1.0]]\ninterval_s = 0");
    assert_eq!(
        (e.code(), e.field()),
        ("count_out_of_range", Some("ci_series.interval_s"))
    );
    let e = err("[ci_series]\npoints = [[\"2024-01-01T00:00:00Z\", 1.0]]\ninterval_s = 60\ncolumn = \"scope 3\"");
    assert_eq!(e.field(), Some("ci_series.column"));
    // CSV text: the key and the line
    let e = err("[ci_series]\ncsv = \"\"\"timestamp,gco2\n2024-01-01T00:00:00Z,1\n2024-01-01T01:00:00Z,-2\n\"\"\"");
    assert_eq!(
        (e.code(), e.field()),
        ("invalid_series", Some("ci_series.csv"))
    );
    assert!(e.to_string().contains("line 3"), "{e}");
    let e = err("[ci_series]\ncsv = \"\"\"2024-01-01T00:00:00Z,1\n2024-01-01T01:00:00Z,1\n2024-01-01T05:00:00Z,1\n\"\"\"");
    assert_eq!((e.code(), e.field()), ("series_gap", Some("ci_series.csv")));
    // a CSV file: from_toml reads none, from_toml_with gets it from its loader
    let toml = cluster_toml("[ci_series]\ncsv_file = \"ci/fr.csv\"");
    let e = Cluster::from_toml(&toml).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("invalid_document", Some("ci_series.csv_file"))
    );
    let e = Cluster::from_toml_with(&toml, |_| {
        Ok("2024-01-01T00:00:00Z,1\n2024-01-01T01:00:00Z,x\n".into())
    })
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("invalid_series", Some("ci_series.csv_file"))
    );
    assert!(
        e.to_string()
            .starts_with("ci_series.csv_file: invalid ci series, line 2:"),
        "{e}"
    );
    let e = Cluster::from_toml_with(&toml, |p| {
        Err(Error::InvalidDocument {
            field: "ci_series.csv_file".into(),
            message: format!("cannot read {p}"),
        })
    })
    .unwrap_err();
    assert!(e.to_string().contains("cannot read ci/fr.csv"), "{e}");
}

#[test]
fn outputs_and_report_carry_the_ci() {
    let lines = [
        line(1, "2024-01-01T00:00:00", "2024-01-01T00:30:00", "01:00:00"),
        line(2, "2024-01-01T01:00:00", "", "00:30:00"),
    ];
    let log = format!("{HEADER}\n{}\n", lines.join("\n"));
    let mut csv = output::job_csv_header();
    let mut jsonl = String::new();
    let report = analyze(
        log.as_bytes(),
        cluster(SERIES),
        Options::default(),
        &mut |j| {
            output::job_csv_row(&mut csv, j);
            output::job_json_line(&mut jsonl, j);
        },
    )
    .unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let ci = header.iter().position(|c| *c == "ci_g_per_kwh").unwrap();
    let timing = header.iter().position(|c| *c == "ci_timing").unwrap();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    assert_eq!((row[ci], row[timing]), ("250", "start"));
    let second: serde_json::Value = serde_json::from_str(jsonl.lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["ci_g_per_kwh"], 400.0);
    assert_eq!(second["ci_timing"], "submit");
    let json = serde_json::to_value(&report).unwrap();
    let s = &json["cluster"]["ci_series"];
    assert_eq!(s["points"], 3);
    assert_eq!(s["interval_s"], 3600);
    assert_eq!(s["first"], "2024-01-01T00:00:00Z");
    assert!(
        s.get("series").is_none(),
        "the points stay out of the report"
    );
    assert_eq!(json["cluster"]["ci_source_id"], "series");
    // (0.01 × 250 + 0.005 × 400) / 0.015 = 300
    assert!(close(
        json["totals"]["ci_g_per_kwh"].as_f64().unwrap(),
        300.0
    ));
    assert_eq!(json["diagnostics"]["jobs_ci_at_submit"], 1);
    let groups = output::groups_csv(&report.by_user, &report);
    assert!(groups.lines().next().unwrap().ends_with(",ci_g_per_kwh"));
    // a flat CI: every job and group at that value
    let log = format!("{HEADER}\n{}\n", lines[0]);
    let report = analyze(
        log.as_bytes(),
        cluster("ci_source = \"ga\""),
        Options::default(),
        &mut |j| {
            assert_eq!((j.ci_g_per_kwh, j.ci_timing), (51.28, CiTiming::Flat));
        },
    )
    .unwrap();
    assert_eq!(report.totals.ci_g_per_kwh, Some(51.28));
    assert_eq!(report.by_user[0].totals.ci_g_per_kwh, Some(51.28));
}

proptest! {
    /// A constant series is the flat CI: every job, wherever it runs inside the series.
    #[test]
    fn a_constant_series_equals_the_flat_ci(
        value in 0.0f64..2000.0,
        start_min in 0i64..(23 * 60),
        elapsed_s in 0u64..3600,
        cores in 1u32..64,
    ) {
        let points = format!(
            "[ci_series]\ninterval_s = 3600\npoints = [{}]",
            (0..24)
                .map(|h| format!("[\"2024-01-01T{h:02}:00:00Z\", {value:?}]"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let start = empreinte::intensity::format_timestamp(1_704_067_200 + start_min * 60);
        let elapsed = format!("{:02}:{:02}:{:02}", elapsed_s / 3600, elapsed_s / 60 % 60, elapsed_s % 60);
        let log = format!(
            "{HEADER}\n1|cpu|2024-01-01T00:00:00|{}|{elapsed}|{cores}|{elapsed}|4G|COMPLETED\n",
            &start[..19]
        );
        let mut by_series = None;
        analyze(log.as_bytes(), cluster(&points), Options::default(), &mut |j| {
            by_series = Some((j.ci_g_per_kwh, j.co2e_g, j.co2e_memory_needed_only_g));
        }).unwrap();
        let mut flat = None;
        analyze(log.as_bytes(), cluster(&format!("ci_g_per_kwh = {value:?}")), Options::default(), &mut |j| {
            flat = Some((j.ci_g_per_kwh, j.co2e_g, j.co2e_memory_needed_only_g));
        }).unwrap();
        prop_assert_eq!(by_series, flat);
    }

    /// A job's intensity lies between the series' lowest and highest points it overlaps.
    #[test]
    fn a_job_s_ci_lies_within_the_series(
        values in proptest::collection::vec(0.0f64..1000.0, 4),
        start_min in 0i64..(4 * 60),
        elapsed_s in 0u64..(4 * 3600),
    ) {
        let points = format!(
            "[ci_series]\ninterval_s = 3600\npoints = [{}]",
            values.iter().enumerate()
                .map(|(h, v)| format!("[\"2024-01-01T{h:02}:00:00Z\", {v:?}]"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let start = empreinte::intensity::format_timestamp(1_704_067_200 + start_min * 60);
        let elapsed = format!("{:02}:{:02}:{:02}", elapsed_s / 3600, elapsed_s / 60 % 60, elapsed_s % 60);
        let log = format!(
            "{HEADER}\n1|cpu|2024-01-01T00:00:00|{}|{elapsed}|1|{elapsed}|4G|COMPLETED\n",
            &start[..19]
        );
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(0.0, f64::max);
        analyze(log.as_bytes(), cluster(&points), Options::default(), &mut |j| {
            assert!(j.ci_g_per_kwh >= lo - 1e-9 && j.ci_g_per_kwh <= hi + 1e-9, "{} not in [{lo}, {hi}]", j.ci_g_per_kwh);
        }).unwrap();
    }
}
