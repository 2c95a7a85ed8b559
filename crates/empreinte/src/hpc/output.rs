//! Machine-readable outputs as text: one CSV row or JSON line per job, the groups (per
//! user, account, partition, day) as CSV or JSON. Column names carry their unit.
//!
//! Numbers are written in Rust's shortest round-trip form (`0.1`, `1e-7`), so that a
//! reader gets back the exact `f64`.

use std::fmt::Write;

use super::aggregate::{Group, GroupTotals};
use super::findings::Analysis;
use super::jobs::JobResult;

/// The columns of the per-job CSV, in order.
pub const JOB_COLUMNS: [&str; 32] = [
    "job_id",
    "array_job_id",
    "user",
    "account",
    "partition",
    "partition_type",
    "partition_match",
    "state",
    "success",
    "submit",
    "nnodes",
    "ncpus",
    "ngpus",
    "wallclock_h",
    "cpu_time_used_h",
    "core_walltime_h",
    "gpu_time_h",
    "req_mem_gb",
    "used_mem_gb",
    "needed_mem_gb",
    "mem_overallocation_factor",
    "memory_unknown",
    "energy_cpu_kwh",
    "energy_gpu_kwh",
    "energy_memory_kwh",
    "energy_kwh",
    "energy_memory_needed_only_kwh",
    "ci_g_per_kwh",
    "ci_timing",
    "co2e_g",
    "co2e_memory_needed_only_g",
    "cost",
];

/// The columns of the groups CSV, in order (`name` is the user, account, partition or
/// day).
pub const GROUP_COLUMNS: [&str; 26] = [
    "name",
    "jobs",
    "success",
    "failed",
    "success_rate",
    "wallclock_h",
    "cpu_time_used_h",
    "cpu_hours_charged",
    "gpu_hours",
    "req_mem_gb",
    "mean_mem_overallocation_factor",
    "energy_cpu_kwh",
    "energy_gpu_kwh",
    "energy_memory_kwh",
    "energy_facility_kwh",
    "energy_kwh",
    "energy_failed_kwh",
    "energy_memory_needed_only_kwh",
    "co2e_g",
    "co2e_failed_g",
    "co2e_memory_needed_only_g",
    "co2e_memory_overallocation_g",
    "tree_months",
    "cost",
    "cost_failed",
    "ci_g_per_kwh",
];

/// Appends `s` as a CSV field (quoted when it holds a comma, quote or line end).
pub fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Appends `s` as a JSON string.
pub fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a number: shortest round-trip form, `null` (JSON) or empty (CSV) when not
/// finite.
fn num(out: &mut String, v: f64, json: bool) {
    if v.is_finite() {
        let _ = write!(out, "{v}");
    } else if json {
        out.push_str("null");
    }
}

fn opt_num(out: &mut String, v: Option<f64>, json: bool) {
    match v {
        Some(v) => num(out, v, json),
        None if json => out.push_str("null"),
        None => {}
    }
}

/// One value of a row, written as CSV or JSON (or gathered into a column).
pub(crate) enum Cell<'a> {
    Str(&'a str),
    OptStr(Option<&'a str>),
    Num(f64),
    OptNum(Option<f64>),
    Int(u64),
    Bool(bool),
}

fn cell(out: &mut String, c: &Cell<'_>, json: bool) {
    match c {
        Cell::Str(s) if json => json_string(out, s),
        Cell::Str(s) => csv_field(out, s),
        Cell::OptStr(Some(s)) if json => json_string(out, s),
        Cell::OptStr(Some(s)) => csv_field(out, s),
        Cell::OptStr(None) if json => out.push_str("null"),
        Cell::OptStr(None) => {}
        Cell::Num(v) => num(out, *v, json),
        Cell::OptNum(v) => opt_num(out, *v, json),
        Cell::Int(v) => {
            let _ = write!(out, "{v}");
        }
        Cell::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
}

fn row(out: &mut String, columns: &[&str], cells: &[Cell<'_>], json: bool) {
    if json {
        out.push('{');
        for (i, (name, c)) in columns.iter().zip(cells).enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(name);
            out.push_str("\":");
            cell(out, c, json);
        }
        out.push('}');
    } else {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            cell(out, c, json);
        }
    }
    out.push('\n');
}

pub(crate) fn job_cells<'a>(j: &'a JobResult<'a>) -> [Cell<'a>; 32] {
    let h = |ms: u64| ms as f64 / super::fields::MS_PER_HOUR;
    [
        Cell::Str(j.job_id),
        Cell::OptStr(j.array_job_id),
        Cell::Str(j.user),
        Cell::Str(j.account),
        Cell::Str(j.partition),
        Cell::OptStr(j.partition_type.map(|k| k.as_str())),
        Cell::Str(match j.partition_match {
            super::jobs::PartitionMatch::Known => "known",
            super::jobs::PartitionMatch::Fallback => "fallback",
            super::jobs::PartitionMatch::Unknown => "unknown",
        }),
        Cell::Str(j.state),
        Cell::Bool(j.success),
        Cell::OptStr(j.submit),
        Cell::Int(u64::from(j.nnodes)),
        Cell::Int(u64::from(j.ncpus)),
        Cell::Int(u64::from(j.ngpus)),
        Cell::Num(h(j.wallclock_ms)),
        Cell::Num(h(j.cpu_time_used_ms)),
        Cell::Num(h(j.core_walltime_ms)),
        Cell::Num(h(j.gpu_time_ms)),
        Cell::Num(j.req_mem_gb),
        Cell::OptNum(j.used_mem_gb),
        Cell::Num(j.needed_mem_gb),
        Cell::Num(j.mem_overallocation_factor),
        Cell::Bool(j.memory_unknown),
        Cell::Num(j.energy_cpu_kwh),
        Cell::Num(j.energy_gpu_kwh),
        Cell::Num(j.energy_memory_kwh),
        Cell::Num(j.energy_kwh),
        Cell::Num(j.energy_memory_needed_only_kwh),
        Cell::Num(j.ci_g_per_kwh),
        Cell::Str(j.ci_timing.as_str()),
        Cell::Num(j.co2e_g),
        Cell::Num(j.co2e_memory_needed_only_g),
        Cell::OptNum(j.cost),
    ]
}

/// The per-job CSV header line (with its line end).
pub fn job_csv_header() -> String {
    let mut s = JOB_COLUMNS.join(",");
    s.push('\n');
    s
}

/// Appends one job as a CSV row (with its line end).
pub fn job_csv_row(out: &mut String, j: &JobResult<'_>) {
    row(out, &JOB_COLUMNS, &job_cells(j), false);
}

/// Appends one job as a JSON line (with its line end), with the columns of the CSV.
pub fn job_json_line(out: &mut String, j: &JobResult<'_>) {
    row(out, &JOB_COLUMNS, &job_cells(j), true);
}

fn group_cells<'a>(name: &'a str, t: &GroupTotals, tree_g: f64) -> [Cell<'a>; 26] {
    [
        Cell::Str(name),
        Cell::Int(t.jobs),
        Cell::Int(t.success),
        Cell::Int(t.failed),
        Cell::Num(t.success_rate()),
        Cell::Num(t.wallclock_ms as f64 / super::fields::MS_PER_HOUR),
        Cell::Num(t.cpu_hours_used()),
        Cell::Num(t.cpu_hours_charged()),
        Cell::Num(t.gpu_hours()),
        Cell::Num(t.req_mem_gb),
        Cell::Num(t.mean_mem_overallocation_factor()),
        Cell::Num(t.energy_cpu_kwh),
        Cell::Num(t.energy_gpu_kwh),
        Cell::Num(t.energy_memory_kwh),
        Cell::Num(t.energy_facility_kwh),
        Cell::Num(t.energy_kwh),
        Cell::Num(t.energy_failed_kwh),
        Cell::Num(t.energy_memory_needed_only_kwh),
        Cell::Num(t.co2e_g),
        Cell::Num(t.co2e_failed_g),
        Cell::Num(t.co2e_memory_needed_only_g),
        Cell::Num(t.co2e_memory_overallocation_g),
        Cell::Num(t.co2e_g / tree_g),
        Cell::Num(t.cost),
        Cell::Num(t.cost_failed),
        Cell::OptNum(t.ci_g_per_kwh),
    ]
}

/// CO2e absorbed by one tree in a month, g (treeYear ÷ 12 of the data version).
fn tree_month_g(report: &Analysis) -> f64 {
    let ds = report.cluster.data_version.dataset();
    ds.reference_value("treeYear").unwrap_or(11_000.0) / 12.0
}

/// Groups as CSV, with a header line.
pub fn groups_csv(groups: &[Group], report: &Analysis) -> String {
    let tree = tree_month_g(report);
    let mut out = GROUP_COLUMNS.join(",");
    out.push('\n');
    for g in groups {
        row(
            &mut out,
            &GROUP_COLUMNS,
            &group_cells(&g.name, &g.totals, tree),
            false,
        );
    }
    out
}

/// Groups as JSON Lines, one object per group.
pub fn groups_jsonl(groups: &[Group], report: &Analysis) -> String {
    let tree = tree_month_g(report);
    let mut out = String::new();
    for g in groups {
        row(
            &mut out,
            &GROUP_COLUMNS,
            &group_cells(&g.name, &g.totals, tree),
            true,
        );
    }
    out
}

/// The totals as one CSV row (name `total`) with the groups' columns.
pub fn totals_csv(report: &Analysis) -> String {
    let tree = tree_month_g(report);
    let mut out = GROUP_COLUMNS.join(",");
    out.push('\n');
    row(
        &mut out,
        &GROUP_COLUMNS,
        &group_cells("total", &report.totals, tree),
        false,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_escaped() {
        let mut s = String::new();
        csv_field(&mut s, "a,b \"c\"");
        assert_eq!(s, "\"a,b \"\"c\"\"\"");
        let mut s = String::new();
        json_string(&mut s, "é\"\\\n\u{1}");
        assert_eq!(s, "\"é\\\"\\\\\\n\\u0001\"");
        let mut s = String::new();
        num(&mut s, f64::NAN, true);
        num(&mut s, 0.1, true);
        assert_eq!(s, "null0.1");
    }
}
