//! Lines of `sacct -P` output: the header that names the columns (in any order), splitting
//! a line on `|` into borrowed fields, and reading one line into a [`LineRecord`].

use super::fields::{
    fraction_is_not_ms, parse_count, parse_duration, parse_gpus, parse_max_rss, parse_req_mem,
    split_job_id, Duration, ReqMem, State,
};

/// The columns that must be in the header.
pub const REQUIRED_COLUMNS: [&str; 4] = ["JobID", "Elapsed", "NCPUS", "State"];

/// The columns used when present (others, e.g. UID, JobName or WorkDir, are ignored).
/// `Start` is read only when the cluster's carbon intensity is a time series.
pub const OPTIONAL_COLUMNS: [&str; 12] = [
    "User",
    "Account",
    "Partition",
    "Submit",
    "Start",
    "NNodes",
    "TotalCPU",
    "CPUTime",
    "ReqMem",
    "MaxRSS",
    "AllocTRES",
    "JobName",
];

/// The position of each column used, from the header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns {
    pub count: usize,
    pub job_id: usize,
    pub elapsed: usize,
    pub ncpus: usize,
    pub state: usize,
    pub user: Option<usize>,
    pub account: Option<usize>,
    pub partition: Option<usize>,
    pub submit: Option<usize>,
    pub start: Option<usize>,
    pub nnodes: Option<usize>,
    pub total_cpu: Option<usize>,
    pub cpu_time: Option<usize>,
    pub req_mem: Option<usize>,
    pub max_rss: Option<usize>,
    pub alloc_tres: Option<usize>,
}

impl Columns {
    /// Reads a header line (`JobID|User|…`); names match case-insensitively.
    ///
    /// # Errors
    /// The name of the first required column that is missing.
    pub fn from_header(line: &[u8]) -> Result<Columns, &'static str> {
        let names: Vec<&[u8]> = line.split(|&b| b == b'|').collect();
        Columns::from_names(&names)
    }

    /// The columns from their names in order (a header's fields, or the column names of a
    /// record batch); names match case-insensitively, surrounding blanks ignored.
    ///
    /// # Errors
    /// The name of the first required column that is missing.
    pub fn from_names(names: &[&[u8]]) -> Result<Columns, &'static str> {
        let find = |name: &str| {
            names
                .iter()
                .position(|n| n.trim_ascii().eq_ignore_ascii_case(name.as_bytes()))
        };
        let required = |name: &'static str| find(name).ok_or(name);
        Ok(Columns {
            count: names.len(),
            job_id: required("JobID")?,
            elapsed: required("Elapsed")?,
            ncpus: required("NCPUS")?,
            state: required("State")?,
            user: find("User"),
            account: find("Account"),
            partition: find("Partition"),
            submit: find("Submit"),
            start: find("Start"),
            nnodes: find("NNodes"),
            total_cpu: find("TotalCPU"),
            cpu_time: find("CPUTime"),
            req_mem: find("ReqMem"),
            max_rss: find("MaxRSS"),
            alloc_tres: find("AllocTRES"),
        })
    }

    /// The optional columns that `names` lacks.
    pub fn missing_optional(names: &[&[u8]]) -> Vec<String> {
        OPTIONAL_COLUMNS
            .iter()
            .filter(|c| {
                !names
                    .iter()
                    .any(|n| n.trim_ascii().eq_ignore_ascii_case(c.as_bytes()))
            })
            .map(|c| (*c).to_owned())
            .collect()
    }

    /// Whether `line` looks like a header (its JobID column reads `JobID`), e.g. the header
    /// of a second log appended to the first.
    pub fn is_header(line: &[u8]) -> bool {
        line.split(|&b| b == b'|')
            .any(|f| f.trim_ascii().eq_ignore_ascii_case(b"JobID"))
    }
}

/// Splits `line` on `|` into `bounds`: field `i` is `line[bounds[i] as usize ..
/// bounds[i + 1] as usize - 1]`. Returns the number of fields.
pub(crate) fn split_fields(line: &[u8], bounds: &mut Vec<u32>) -> usize {
    bounds.clear();
    bounds.push(0);
    super::split::for_each_byte(line, b'|', |i| bounds.push(i as u32 + 1));
    bounds.push(line.len() as u32 + 1);
    bounds.len() - 1
}

/// Field `i` of a line split by [`split_fields`].
#[inline]
pub(crate) fn field<'a>(line: &'a [u8], bounds: &[u32], i: usize) -> &'a [u8] {
    let start = bounds[i] as usize;
    let end = bounds[i + 1] as usize - 1;
    &line[start..end]
}

/// One line of the log, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LineRecord<'a> {
    /// Job ID without its step: `123`, `123_4`.
    pub job: &'a [u8],
    /// Whether the line is a step (`123.batch`) rather than the job's own line.
    pub is_step: bool,
    pub user: &'a [u8],
    pub account: &'a [u8],
    pub partition: &'a [u8],
    pub submit: &'a [u8],
    /// Start as sacct wrote it (read by the analyser only for a carbon-intensity series).
    pub start: &'a [u8],
    pub state: State,
    pub elapsed: Duration,
    pub total_cpu: Duration,
    pub cpu_time: Duration,
    pub nnodes: u32,
    pub ncpus: u32,
    pub req_mem: ReqMem,
    /// MaxRSS in GB, `None` when empty or absent.
    pub max_rss_gb: Option<f64>,
    /// GPUs in AllocTRES, `None` when the column is absent.
    pub gpus: Option<u32>,
    /// Whether a duration had a fraction of other than three digits.
    pub odd_fraction: bool,
}

/// Why a line could not be read: the column and the reason.
pub(crate) type LineError = (&'static str, String);

fn bad(column: &'static str, text: &[u8], what: &str) -> LineError {
    (
        column,
        format!("{:?} is not {what}", String::from_utf8_lossy(text)),
    )
}

/// Reads a line already split into `bounds` (with the header's number of fields).
pub(crate) fn read_line<'a>(
    line: &'a [u8],
    bounds: &[u32],
    cols: &Columns,
    default_rss_unit: u8,
) -> Result<LineRecord<'a>, LineError> {
    read_fields(|i| field(line, bounds, i), cols, default_rss_unit)
}

/// Reads one line whose field `i` (in the order of `cols`) is `f(i)`: a split text line,
/// or a row of a record batch.
pub(crate) fn read_fields<'a, F: Fn(usize) -> &'a [u8]>(
    f: F,
    cols: &Columns,
    default_rss_unit: u8,
) -> Result<LineRecord<'a>, LineError> {
    let opt = |i: Option<usize>| i.map_or(&b""[..], &f);

    let id = f(cols.job_id);
    let (job, step) = split_job_id(id);
    if job.is_empty() {
        return Err((
            "JobID",
            format!("{:?} has no job", String::from_utf8_lossy(id)),
        ));
    }
    // a job's own line names it; steps repeat the same bytes
    if step.is_none() && std::str::from_utf8(job).is_err() {
        return Err(bad("JobID", job, "valid UTF-8"));
    }
    let duration = |column: &'static str, i: Option<usize>| -> Result<Duration, LineError> {
        let text = opt(i);
        parse_duration(text).ok_or_else(|| bad(column, text, "a duration"))
    };
    let elapsed = duration("Elapsed", Some(cols.elapsed))?;
    let total_cpu = duration("TotalCPU", cols.total_cpu)?;
    let cpu_time = duration("CPUTime", cols.cpu_time)?;
    let odd_fraction = [Some(cols.elapsed), cols.total_cpu, cols.cpu_time]
        .into_iter()
        .any(|i| fraction_is_not_ms(opt(i)));

    let count = |column: &'static str, text: &[u8]| -> Result<u32, LineError> {
        if text.is_empty() {
            return Ok(0);
        }
        parse_count(text).ok_or_else(|| bad(column, text, "a whole number"))
    };
    let ncpus = count("NCPUS", f(cols.ncpus))?;
    let nnodes = match cols.nnodes {
        Some(i) => count("NNodes", f(i))?,
        None => 1,
    };
    let req_text = opt(cols.req_mem);
    let req_mem = parse_req_mem(req_text, nnodes, ncpus)
        .ok_or_else(|| bad("ReqMem", req_text, "a memory size"))?;
    let rss_text = opt(cols.max_rss);
    let max_rss_gb = parse_max_rss(rss_text, default_rss_unit)
        .ok_or_else(|| bad("MaxRSS", rss_text, "a memory size"))?;
    let gpus = match cols.alloc_tres {
        Some(i) => {
            let text = f(i);
            Some(parse_gpus(text).ok_or_else(|| bad("AllocTRES", text, "a TRES list"))?)
        }
        None => None,
    };
    Ok(LineRecord {
        job,
        is_step: step.is_some(),
        user: opt(cols.user),
        account: opt(cols.account),
        partition: opt(cols.partition),
        submit: opt(cols.submit),
        start: opt(cols.start),
        state: State::parse(f(cols.state)),
        elapsed,
        total_cpu,
        cpu_time,
        nnodes,
        ncpus,
        req_mem,
        max_rss_gb,
        gpus,
        odd_fraction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[u8] = b"UID|User|JobID|JobName|Submit|Elapsed|Partition|NNodes|NCPUS|TotalCPU|CPUTime|ReqMem|MaxRSS|WorkDir|State|Account|AllocTRES";

    fn read(line: &[u8], header: &[u8]) -> Result<LineRecord<'static>, LineError> {
        let cols = Columns::from_header(header).expect("header");
        let line: &'static [u8] = Box::leak(line.to_vec().into_boxed_slice());
        let mut bounds = Vec::new();
        assert_eq!(split_fields(line, &mut bounds), cols.count);
        read_line(line, &bounds, &cols, b'K')
    }

    #[test]
    fn a_job_line_and_a_step_line() {
        let r = read(b"50001|alice|1000009|job36|2024-08-02T20:26:20|2-09:41:08|gpu|1|1|1-16:10:31|2-09:41:08|8000Mc||/home/alice/proj4|COMPLETED|acc1|billing=1,cpu=1,gres/gpu=1,mem=8G,node=1", HEADER).expect("line");
        assert_eq!(r.job, b"1000009");
        assert!(!r.is_step);
        assert_eq!(r.user, b"alice");
        assert_eq!(r.partition, b"gpu");
        assert_eq!(r.gpus, Some(1));
        assert_eq!(r.req_mem, ReqMem::Gb(8.0));
        assert_eq!(r.max_rss_gb, None);
        assert_eq!(
            r.elapsed,
            Duration::Ms((2 * 86400 + 9 * 3600 + 41 * 60 + 8) * 1000)
        );
        let r = read(b"||1000009.batch|batch|2024-08-02T20:26:20|2-09:41:08||1|1|1-16:10:31|2-09:41:08|8000Mc|4693877K||COMPLETED|acc1|billing=1", HEADER).expect("step");
        assert!(r.is_step);
        assert_eq!(r.max_rss_gb, Some(4.693877));
        assert_eq!(r.user, b"");
    }

    #[test]
    fn columns_in_any_order_and_some_missing() {
        let header = b"State|NCPUS|Elapsed|jobid";
        let r = read(b"FAILED|4|00:10:00|77.0", header).expect("line");
        assert_eq!(r.job, b"77");
        assert_eq!(r.ncpus, 4);
        assert_eq!(r.nnodes, 1);
        assert_eq!(r.gpus, None);
        assert_eq!(r.req_mem, ReqMem::Unknown);
        assert_eq!(r.state, State::Failed);
        assert_eq!(Columns::from_header(b"JobID|Elapsed|State"), Err("NCPUS"));
        assert!(Columns::is_header(HEADER));
        assert!(!Columns::is_header(b"1|2|3"));
    }

    #[test]
    fn bad_fields_name_their_column() {
        let header = b"JobID|Elapsed|NCPUS|State|ReqMem";
        let e = read(b"1|12:xx|1|COMPLETED|4G", header).expect_err("elapsed");
        assert_eq!(e.0, "Elapsed");
        let e = read(b"1|12:00|-1|COMPLETED|4G", header).expect_err("ncpus");
        assert_eq!(e.0, "NCPUS");
        let e = read(b"1|12:00|1|COMPLETED|4Q", header).expect_err("reqmem");
        assert_eq!(e.0, "ReqMem");
        let e = read(b".batch|12:00|1|COMPLETED|4G", header).expect_err("jobid");
        assert_eq!(e.0, "JobID");
    }
}
