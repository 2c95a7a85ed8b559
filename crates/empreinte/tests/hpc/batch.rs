//! Record batches in, result columns out: a log fed as Arrow-layout columns gives the
//! same jobs and sums as the same log fed as text, whatever the batch size, offset width
//! and null encoding; bad batches are typed errors naming the column.

#![allow(clippy::panic, clippy::unwrap_used)]

use empreinte::hpc::{
    analyze, output, synth, Analysis, Analyzer, Cluster, JobColumns, LineBatch, Offsets, Options,
    TextColumn, Validity, Values,
};
use empreinte::Error;
use serde_json::Value;

use crate::ga4hpc;

/// One column owned: offsets (both widths), values and a validity bitmap.
struct Owned {
    name: String,
    offsets32: Vec<i32>,
    offsets64: Vec<i64>,
    values: Vec<u8>,
    bits: Vec<u8>,
}

/// The rows `from..to` of a text log (header first) as columns. With `nulls`, an empty
/// field is a null (bit 0) over garbage bytes, as Arrow allows; otherwise an empty value.
fn columns(log: &str, from: usize, to: usize, nulls: bool) -> Vec<Owned> {
    let mut lines = log.lines();
    let header: Vec<&str> = lines.next().unwrap().split('|').collect();
    let rows: Vec<Vec<&str>> = lines
        .skip(from)
        .take(to - from)
        .map(|l| l.split('|').collect())
        .collect();
    header
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let mut col = Owned {
                name: (*name).to_owned(),
                offsets32: vec![0],
                offsets64: vec![0],
                values: Vec::new(),
                bits: vec![0; rows.len().div_ceil(8)],
            };
            for (r, row) in rows.iter().enumerate() {
                let v = row.get(c).copied().unwrap_or("");
                if nulls && v.is_empty() {
                    col.values.extend_from_slice(b"junk");
                } else {
                    col.values.extend_from_slice(v.as_bytes());
                    col.bits[r / 8] |= 1 << (r % 8);
                }
                col.offsets32.push(col.values.len() as i32);
                col.offsets64.push(col.values.len() as i64);
            }
            col
        })
        .collect()
}

fn batch(cols: &[Owned], large: bool, nulls: bool) -> LineBatch<'_> {
    let mut b = LineBatch::new();
    for c in cols {
        let offsets = if large {
            Offsets::I64(&c.offsets64)
        } else {
            Offsets::I32(&c.offsets32)
        };
        let validity = nulls.then(|| Validity {
            bits: &c.bits,
            offset: 0,
        });
        b.push(
            &c.name,
            TextColumn::new(&c.name, offsets, &c.values, validity).unwrap(),
        )
        .unwrap();
    }
    b
}

/// The log through text, and through batches of `size` rows.
fn both(
    log: &str,
    cluster: &Cluster,
    size: usize,
    large: bool,
    nulls: bool,
) -> [(Analysis, String); 2] {
    let mut text_jobs = String::new();
    let text = analyze(
        log.as_bytes(),
        cluster.clone(),
        Options::default(),
        &mut |j| {
            output::job_json_line(&mut text_jobs, j);
        },
    )
    .unwrap();
    let rows = log.lines().count() - 1;
    let mut batch_jobs = String::new();
    let mut a = Analyzer::new(cluster.clone(), Options::default());
    let mut sink = |j: &empreinte::hpc::JobResult<'_>| output::job_json_line(&mut batch_jobs, j);
    for from in (0..rows).step_by(size) {
        let cols = columns(log, from, (from + size).min(rows), nulls);
        a.feed_batch(&batch(&cols, large, nulls), &mut sink)
            .unwrap();
    }
    let batched = a.finish(&mut sink).unwrap();
    [(text, text_jobs), (batched, batch_jobs)]
}

fn without_line_counts(r: &Analysis) -> Value {
    let mut v = serde_json::to_value(r).unwrap();
    let d = v["diagnostics"].as_object_mut().unwrap();
    for key in ["lines", "bytes", "last_line_unterminated"] {
        d.remove(key);
    }
    v
}

fn golden() -> (String, Cluster) {
    let g = ga4hpc::golden();
    let cluster = Cluster::from_toml(&ga4hpc::cluster_toml(&g["cluster_info"])).unwrap();
    (ga4hpc::log(&g), cluster)
}

#[test]
fn batches_give_the_jobs_and_sums_of_text() {
    let (golden_log, golden_cluster) = golden();
    let synthetic = synth::generate(7, 5_000);
    let synth_cluster = Cluster::from_toml(synth::CLUSTER_TOML).unwrap();
    for (log, cluster) in [(&golden_log, &golden_cluster), (&synthetic, &synth_cluster)] {
        for (size, large, nulls) in [(1, false, false), (7, true, true), (1000, false, true)] {
            let [(text, text_jobs), (batched, batch_jobs)] = both(log, cluster, size, large, nulls);
            assert!(text.totals.jobs > 0);
            assert_eq!(text_jobs, batch_jobs, "batch size {size}");
            assert_eq!(without_line_counts(&text), without_line_counts(&batched));
            // rows are counted without the header line
            assert_eq!(batched.diagnostics.lines + 1, text.diagnostics.lines);
        }
    }
}

#[test]
fn a_golden_job_read_from_columns() {
    let (log, cluster) = golden();
    let rows = log.lines().count() - 1;
    let cols = columns(&log, 0, rows, true);
    let mut jobs = JobColumns::new();
    let mut a = Analyzer::new(cluster, Options::default());
    a.feed_batch(&batch(&cols, false, true), &mut |j| jobs.push(j))
        .unwrap();
    let report = a.finish(&mut |j| jobs.push(j)).unwrap();
    assert_eq!(jobs.len() as u64, report.totals.jobs);
    let names: Vec<&str> = jobs.columns().iter().map(|c| c.name).collect();
    assert_eq!(names, output::JOB_COLUMNS);
    let column = |name: &str| jobs.columns().iter().find(|c| c.name == name).unwrap();
    let Values::Float64(co2e) = &column("co2e_g").values else {
        panic!("co2e_g is not f64")
    };
    let sum: f64 = co2e.iter().sum();
    assert!((sum - report.totals.co2e_g).abs() <= 1e-9 * sum);
    // the golden's first job (array task 1000001_27): its CO2e from GA4HPC's own results
    let g = ga4hpc::golden();
    let first = &g["jobs"][0];
    let Values::Text { offsets, bytes } = &column("job_id").values else {
        panic!("job_id is not text")
    };
    let i = (0..jobs.len())
        .find(|&i| {
            &bytes[offsets[i] as usize..offsets[i + 1] as usize]
                == first["job"].as_str().unwrap().as_bytes()
        })
        .unwrap();
    let expected = first["carbonFootprint_g"].as_f64().unwrap();
    assert!(
        (co2e[i] - expected).abs() <= 1e-9 * expected,
        "{} vs {expected}",
        co2e[i]
    );
    // nullable columns carry validity; a job without MaxRSS has no used memory
    let used = column("used_mem_gb");
    assert!(used.validity.is_some());
    assert!(column("energy_kwh").validity.is_none());
}

#[test]
fn nulls_read_as_empty_fields_even_from_a_sliced_bitmap() {
    // values "1", null, "x"; the bitmap starts at bit 3 (a sliced Arrow array)
    let offsets = [0i64, 1, 5, 6];
    let values = b"1abcdx";
    let bits = [0b0010_1000u8, 0];
    let col = TextColumn::new(
        "c",
        Offsets::I64(&offsets),
        values,
        Some(Validity {
            bits: &bits,
            offset: 3,
        }),
    )
    .unwrap();
    assert_eq!(col.len(), 3);
    assert_eq!(col.value(0), b"1");
    assert_eq!(col.value(1), b"");
    assert_eq!(col.value(2), b"x");
    assert_eq!(col.value(3), b"");
}

fn field_of(e: &Error) -> &str {
    e.field().unwrap()
}

#[test]
fn bad_batches_are_typed_errors_naming_the_column() {
    let values = b"abc";
    let e = TextColumn::new("Elapsed", Offsets::I32(&[0, 2, 1]), values, None).unwrap_err();
    assert_eq!((e.code(), field_of(&e)), ("invalid_document", "Elapsed"));
    let e = TextColumn::new("NCPUS", Offsets::I32(&[0, 4]), values, None).unwrap_err();
    assert_eq!(field_of(&e), "NCPUS");
    let e = TextColumn::new("NCPUS", Offsets::I64(&[-1, 2]), values, None).unwrap_err();
    assert_eq!(field_of(&e), "NCPUS");
    let e = TextColumn::new("State", Offsets::I32(&[]), values, None).unwrap_err();
    assert_eq!(field_of(&e), "State");
    let short = Validity {
        bits: &[0xff],
        offset: 7,
    };
    let e = TextColumn::new("User", Offsets::I32(&[0, 1, 2, 3]), values, Some(short)).unwrap_err();
    assert_eq!(field_of(&e), "User");

    let one = TextColumn::new("x", Offsets::I32(&[0, 1]), b"1", None).unwrap();
    let two = TextColumn::new("x", Offsets::I32(&[0, 1, 2]), b"12", None).unwrap();
    let mut b = LineBatch::new();
    b.push("JobID", one).unwrap();
    assert_eq!(field_of(&b.push("Elapsed", two).unwrap_err()), "Elapsed");
    assert_eq!(field_of(&b.push("jobid", one).unwrap_err()), "jobid");
    b.push("Elapsed", one).unwrap();
    b.push("State", one).unwrap();
    let cluster = Cluster::from_toml(synth::CLUSTER_TOML).unwrap();
    let mut a = Analyzer::new(cluster, Options::default());
    let e = a.feed_batch(&b, &mut |_| {}).unwrap_err();
    assert_eq!((e.code(), field_of(&e)), ("invalid_document", "NCPUS"));
}

#[test]
fn a_bad_row_is_counted_with_its_number_or_fatal_in_strict_mode() {
    let log = "JobID|Elapsed|NCPUS|State|Partition\n\
               1|01:00:00|2|COMPLETED|cpu\n\
               2|01:00:00|2|COMPLETED|cpu\n\
               3|1h|2|COMPLETED|cpu\n";
    let cols_a = columns(log, 0, 2, false);
    let cols_b = columns(log, 2, 3, false);
    let cluster = Cluster::from_toml(synth::CLUSTER_TOML).unwrap();
    let mut a = Analyzer::new(cluster.clone(), Options::default());
    a.feed_batch(&batch(&cols_a, false, false), &mut |_| {})
        .unwrap();
    a.feed_batch(&batch(&cols_b, false, false), &mut |_| {})
        .unwrap();
    let r = a.finish(&mut |_| {}).unwrap();
    assert_eq!(r.totals.jobs, 2);
    assert_eq!(r.diagnostics.malformed_lines, 1);
    let m = &r.diagnostics.malformed_examples[0];
    assert_eq!((m.line, m.field.as_str()), (3, "Elapsed"));

    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let mut a = Analyzer::new(cluster, strict);
    a.feed_batch(&batch(&cols_a, false, false), &mut |_| {})
        .unwrap();
    let e = a
        .feed_batch(&batch(&cols_b, false, false), &mut |_| {})
        .unwrap_err();
    assert!(
        matches!(e, Error::InvalidSacctLine { line: 3, .. }),
        "{e:?}"
    );
}

#[test]
fn no_batch_is_an_empty_log_and_an_empty_batch_is_not() {
    let cluster = Cluster::from_toml(synth::CLUSTER_TOML).unwrap();
    let a = Analyzer::new(cluster.clone(), Options::default());
    assert_eq!(
        a.finish(&mut |_| {}).unwrap_err().code(),
        "invalid_sacct_line"
    );
    let log = "JobID|Elapsed|NCPUS|State\n";
    let cols = columns(log, 0, 0, false);
    let mut a = Analyzer::new(cluster, Options::default());
    a.feed_batch(&batch(&cols, true, false), &mut |_| {})
        .unwrap();
    let r = a.finish(&mut |_| {}).unwrap();
    assert_eq!(r.totals.jobs, 0);
    assert!(r.diagnostics.missing_columns.contains(&"User".to_owned()));
}
