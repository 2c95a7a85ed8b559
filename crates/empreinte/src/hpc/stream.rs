//! The streaming analyser: bytes in (any chunking), merged jobs out to a callback, sums
//! kept, a [`Analysis`] at the end.
//!
//! # Memory
//! Bounded by the jobs being merged, not by the log: sacct writes a job's steps right
//! after its own line, so a job is complete once `window` other jobs have started after
//! it (default 4 096). Steps that arrive later than that (or without their job's line)
//! are not merged into it: they are counted in [`Diagnostics::jobs_without_job_line`] and
//! left out of the sums, never counted twice. Groups (users, accounts, partitions, days)
//! grow with the distinct names, not with the jobs.

use std::collections::{HashMap, VecDeque};

use super::aggregate::{
    efficiency_bin, Group, GroupTotals, Groups, EFFICIENCY_BINS, EFFICIENCY_LABELS,
};
use super::ci::CiTiming;
use super::cluster::{Cluster, PartitionKind};
use super::fields::{array_parent, day_string, parse_time};
use super::findings::{Analysis, Bin, Diagnostics, Malformed, Options, UnknownPartition};
use super::interner::Interner;
use super::jobs::{compute, JobAcc, JobResult, PartitionMatch};
use super::sacct::{read_fields, read_line, split_fields, Columns, REQUIRED_COLUMNS};
use super::split::{find_byte, hash_id, FastBuild, IdentityBuild};
use crate::error::Error;
use crate::ga::equivalence::Equivalences;
use crate::tables::Route;
use crate::units::GramsCo2e;

/// The longest sacct line read, in bytes: a longer one is skipped and counted as
/// malformed (an error under `strict`) without being held, so that memory stays bounded
/// whatever the input (a real line is under 2 KB).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Reads a Slurm accounting log as a stream and computes every job's footprint.
///
/// With a carbon-intensity time series in the cluster ([`Cluster::ci_series`]), each job
/// gets the series' time-weighted mean over its run [Start, Start + Elapsed] (see
/// [`CiTiming`] for the fallbacks, counted in [`Diagnostics`]).
///
/// # Examples
/// ```
/// use empreinte::hpc::{Analyzer, Cluster, Options};
/// let cluster = Cluster::from_toml(r#"
///     pue = 1.5
///     ci_g_per_kwh = 100
///     [partitions.cpu]
///     type = "cpu"
///     w_per_core = 10
/// "#)?;
/// let log = "JobID|Partition|Elapsed|NCPUS|TotalCPU|ReqMem|State\n\
///            1|cpu|01:00:00|4|04:00:00|10G|COMPLETED\n\
///            1.batch||01:00:00|4|04:00:00|10G|COMPLETED\n";
/// let mut analyzer = Analyzer::new(cluster, Options::default());
/// let mut jobs = Vec::new();
/// analyzer.feed(log.as_bytes(), &mut |j| jobs.push(j.energy_kwh))?;
/// let report = analyzer.finish(&mut |j| jobs.push(j.energy_kwh))?;
/// // (4 h × 10 W + 1 h × 10 GB × 0.3725 W/GB) × 1.5 = 65.5875 Wh
/// assert!((report.totals.energy_kwh - 0.0655875).abs() < 1e-12);
/// assert_eq!(jobs.len(), 1);
/// # Ok::<(), empreinte::Error>(())
/// ```
#[derive(Debug)]
pub struct Analyzer {
    cluster: Cluster,
    success_bits: u32,
    rss_unit: u8,
    /// Whether Start times are read (the cluster's intensity is a series).
    times: bool,
    /// The last Start read, and its time.
    last_start: Vec<u8>,
    last_start_s: Option<i64>,
    opts: Options,
    columns: Option<Columns>,
    bounds: Vec<u32>,
    carry: Vec<u8>,
    /// Whether the line being carried went past [`MAX_LINE_BYTES`]: its bytes are dropped
    /// up to its end, where it counts as one malformed line.
    overlong: bool,
    slots: Vec<JobAcc>,
    free: Vec<usize>,
    order: VecDeque<usize>,
    /// Open jobs by the hash of their ID; the rare IDs whose hash is already taken by
    /// another open job go to `collided`.
    index: HashMap<u64, usize, IdentityBuild>,
    collided: HashMap<Box<[u8]>, usize, FastBuild>,
    last: Option<usize>,
    users: Interner,
    accounts: Interner,
    partitions: Interner,
    /// Cluster partition of each interned partition name (`None`: unknown).
    partition_of: Vec<Option<usize>>,
    unknown_partition_jobs: Vec<u64>,
    fallback: Option<usize>,
    totals: GroupTotals,
    by_user: Groups,
    by_account: Groups,
    by_partition: Groups,
    by_day: Groups,
    day_ids: HashMap<u32, usize, FastBuild>,
    days: Vec<Option<u32>>,
    histogram: [u64; EFFICIENCY_BINS],
    diag: Diagnostics,
}

impl Analyzer {
    /// An analyser for logs of `cluster`.
    pub fn new(cluster: Cluster, opts: Options) -> Analyzer {
        let opts = Options {
            window: opts.window.max(1),
            ..opts
        };
        let fallback = cluster
            .fallback_partition
            .as_ref()
            .and_then(|name| cluster.partitions.iter().position(|p| &p.name == name));
        let partition_of = vec![cluster.partitions.iter().position(|p| p.name.is_empty())];
        Analyzer {
            times: cluster.ci_series.is_some(),
            last_start: Vec::new(),
            last_start_s: None,
            success_bits: cluster.success_bits(),
            rss_unit: cluster.default_rss_unit as u8,
            diag: Diagnostics {
                window: opts.window,
                ..Diagnostics::default()
            },
            opts,
            cluster,
            columns: None,
            bounds: Vec::with_capacity(32),
            carry: Vec::new(),
            overlong: false,
            slots: Vec::new(),
            free: Vec::new(),
            order: VecDeque::new(),
            index: HashMap::default(),
            collided: HashMap::default(),
            last: None,
            users: Interner::new(),
            accounts: Interner::new(),
            partitions: Interner::new(),
            partition_of,
            unknown_partition_jobs: vec![0],
            fallback,
            totals: GroupTotals::default(),
            by_user: Groups::default(),
            by_account: Groups::default(),
            by_partition: Groups::default(),
            by_day: Groups::default(),
            day_ids: HashMap::default(),
            days: Vec::new(),
            histogram: [0; EFFICIENCY_BINS],
        }
    }

    /// The cluster configuration in use.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// Lines read so far.
    pub fn lines(&self) -> u64 {
        self.diag.lines
    }

    /// Reads the next bytes of the log (any chunking: a line may span calls); each job
    /// found complete is handed to `sink`.
    ///
    /// # Errors
    /// [`Error::InvalidSacctLine`] when the first line is not a header naming the required
    /// columns, and in strict mode for the first malformed line, or the first job whose
    /// run is not inside the cluster's carbon-intensity series (naming the job and its
    /// first line).
    pub fn feed<F: FnMut(&JobResult<'_>)>(
        &mut self,
        bytes: &[u8],
        sink: &mut F,
    ) -> Result<(), Error> {
        self.diag.bytes += bytes.len() as u64;
        let mut rest = bytes;
        if !self.carry.is_empty() || self.overlong {
            match find_byte(rest, b'\n') {
                Some(i) => {
                    self.carry_more(&rest[..i]);
                    rest = &rest[i + 1..];
                    if std::mem::take(&mut self.overlong) {
                        self.overlong_line()?;
                    } else {
                        let mut line = std::mem::take(&mut self.carry);
                        let result = self.line(&line, sink);
                        line.clear();
                        self.carry = line;
                        result?;
                    }
                }
                None => {
                    self.carry_more(rest);
                    return Ok(());
                }
            }
        }
        while let Some(i) = find_byte(rest, b'\n') {
            self.line(&rest[..i], sink)?;
            rest = &rest[i + 1..];
        }
        self.carry_more(rest);
        Ok(())
    }

    /// Keeps the start of a line that continues in the next bytes, up to
    /// [`MAX_LINE_BYTES`]: past it the line is dropped (never held whole).
    fn carry_more(&mut self, bytes: &[u8]) {
        if self.overlong {
            return;
        }
        if self.carry.len() + bytes.len() > MAX_LINE_BYTES {
            self.carry = Vec::new();
            self.overlong = true;
        } else {
            self.carry.extend_from_slice(bytes);
        }
    }

    /// Counts a line longer than [`MAX_LINE_BYTES`] as malformed (an error in strict mode).
    fn overlong_line(&mut self) -> Result<(), Error> {
        self.diag.lines += 1;
        self.malformed(
            "line",
            format!("is longer than {MAX_LINE_BYTES} bytes (no sacct line is): it is skipped"),
        )
    }

    /// The bytes held for a line that continues in the next call (at most
    /// [`MAX_LINE_BYTES`], whatever the input).
    pub fn carried_bytes(&self) -> usize {
        self.carry.capacity()
    }

    /// Reads one line (without its line end; a trailing `\r` is dropped).
    ///
    /// # Errors
    /// As [`Analyzer::feed`].
    pub fn push_line<F: FnMut(&JobResult<'_>)>(
        &mut self,
        line: &[u8],
        sink: &mut F,
    ) -> Result<(), Error> {
        self.diag.bytes += line.len() as u64 + 1;
        self.line(line, sink)
    }

    /// Ends the input: reads a last line without line end, hands the jobs still open to
    /// `sink` and returns the report.
    ///
    /// # Errors
    /// As [`Analyzer::feed`] for the last line; a log without a header line.
    pub fn finish<F: FnMut(&JobResult<'_>)>(mut self, sink: &mut F) -> Result<Analysis, Error> {
        if std::mem::take(&mut self.overlong) {
            self.diag.last_line_unterminated = true;
            self.overlong_line()?;
        } else if !self.carry.is_empty() {
            let line = std::mem::take(&mut self.carry);
            self.diag.last_line_unterminated = true;
            self.line(&line, sink)?;
        }
        while let Some(slot) = self.order.pop_front() {
            self.flush(slot, sink)?;
        }
        if self.columns.is_none() {
            return Err(Error::InvalidSacctLine {
                line: self.diag.lines.max(1),
                field: "header".into(),
                reason:
                    "is missing: the log is empty (expected sacct -P output with its header line)"
                        .into(),
            });
        }
        Ok(self.report())
    }

    fn line<F: FnMut(&JobResult<'_>)>(&mut self, raw: &[u8], sink: &mut F) -> Result<(), Error> {
        if raw.len() > MAX_LINE_BYTES {
            return self.overlong_line();
        }
        self.diag.lines += 1;
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.trim_ascii().is_empty() {
            self.diag.blank_lines += 1;
            return Ok(());
        }
        let Some(cols) = &self.columns else {
            return self.header(line);
        };
        let n = split_fields(line, &mut self.bounds);
        if n != cols.count {
            if Columns::is_header(line) {
                return self.repeated_header(line);
            }
            let count = cols.count;
            return self.malformed(
                "line",
                format!("has {n} fields where the header has {count} (a truncated line, or a '|' inside a field?)"),
            );
        }
        match read_line(line, &self.bounds, cols, self.rss_unit) {
            Ok(record) => self.accept(&record, sink),
            Err(_) if Columns::is_header(line) => self.repeated_header(line),
            Err((field, reason)) => self.malformed(field, reason),
        }
    }

    fn header(&mut self, line: &[u8]) -> Result<(), Error> {
        // a file saved by some editors starts with a UTF-8 byte-order mark
        let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        match Columns::from_header(line) {
            Ok(cols) => {
                let names: Vec<&[u8]> = line.split(|&b| b == b'|').collect();
                self.diag.missing_columns = self.missing_optional(&names);
                self.columns = Some(cols);
                Ok(())
            }
            Err(missing) => Err(Error::InvalidSacctLine {
                line: self.diag.lines,
                field: "header".into(),
                reason: format!(
                    "lacks the column {missing}: expected the header line of sacct -P output, e.g. JobID|User|Partition|Elapsed|NCPUS|TotalCPU|ReqMem|MaxRSS|State|AllocTRES"
                ),
            }),
        }
    }

    /// Starts a record batch whose columns have these names: the batch's counterpart of a
    /// header line (see [`super::batch`]).
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] naming the first required column that is missing.
    pub(crate) fn begin_batch(&mut self, names: &[&[u8]], bytes: u64) -> Result<Columns, Error> {
        let cols = Columns::from_names(names).map_err(|missing| Error::InvalidDocument {
            field: missing.to_owned(),
            message: format!(
                "the record batch has no column {missing} (required: {}; names as sacct's header writes them, any case)",
                REQUIRED_COLUMNS.join(", ")
            ),
        })?;
        self.diag.missing_columns = self.missing_optional(names);
        self.diag.bytes += bytes;
        self.columns = Some(cols.clone());
        Ok(cols)
    }

    /// Reads one row of a record batch, field `i` (in the order of `cols`) being `f(i)`.
    /// Rows are numbered from 1 across batches, as lines are.
    ///
    /// # Errors
    /// In strict mode, [`Error::InvalidSacctLine`] for a row that cannot be read.
    pub(crate) fn push_row<'a, F, S>(
        &mut self,
        cols: &Columns,
        f: F,
        sink: &mut S,
    ) -> Result<(), Error>
    where
        F: Fn(usize) -> &'a [u8],
        S: FnMut(&JobResult<'_>),
    {
        self.diag.lines += 1;
        match read_fields(f, cols, self.rss_unit) {
            Ok(record) => self.accept(&record, sink),
            Err((field, reason)) => self.malformed(field, reason),
        }
    }

    /// The optional columns that `names` lacks (Start only where it is read).
    fn missing_optional(&self, names: &[&[u8]]) -> Vec<String> {
        let mut missing = Columns::missing_optional(names);
        if !self.times {
            missing.retain(|c| c != "Start");
        }
        missing
    }

    /// Takes a line read: its Start (with a series), then merges it into its job.
    fn accept<F: FnMut(&JobResult<'_>)>(
        &mut self,
        record: &super::sacct::LineRecord<'_>,
        sink: &mut F,
    ) -> Result<(), Error> {
        let start = if !self.times || record.start.is_empty() {
            None
        } else if record.start == self.last_start.as_slice() {
            // a job's steps repeat its Start: read once
            self.last_start_s
        } else {
            match parse_time(record.start) {
                Some(t) => {
                    self.last_start.clear();
                    self.last_start.extend_from_slice(record.start);
                    self.last_start_s = t;
                    t
                }
                None => {
                    return self.malformed(
                        "Start",
                        format!(
                            "{:?} is not a timestamp (sacct writes e.g. 2024-03-01T12:00:00, or Unknown)",
                            String::from_utf8_lossy(record.start)
                        ),
                    )
                }
            }
        };
        if record.odd_fraction {
            self.diag.lines_with_odd_fractions += 1;
        }
        self.merge(record, start, sink)
    }

    fn repeated_header(&mut self, line: &[u8]) -> Result<(), Error> {
        self.diag.repeated_headers += 1;
        match Columns::from_header(line) {
            Ok(cols) => {
                self.columns = Some(cols);
                Ok(())
            }
            Err(missing) => self.malformed("header", format!("lacks the column {missing}")),
        }
    }

    fn malformed(&mut self, field: &str, reason: String) -> Result<(), Error> {
        let line = self.diag.lines;
        if self.opts.strict {
            return Err(Error::InvalidSacctLine {
                line,
                field: field.to_owned(),
                reason,
            });
        }
        self.diag.malformed_lines += 1;
        if self.diag.malformed_examples.len() < self.opts.max_examples {
            self.diag.malformed_examples.push(Malformed {
                line,
                field: field.to_owned(),
                reason,
            });
        }
        Ok(())
    }

    fn merge<F: FnMut(&JobResult<'_>)>(
        &mut self,
        r: &super::sacct::LineRecord<'_>,
        start: Option<i64>,
        sink: &mut F,
    ) -> Result<(), Error> {
        let slot = self.slot_for(r.job, sink)?;
        let acc = &mut self.slots[slot];
        if let Some(t) = start {
            acc.merge_start(t);
        }
        if acc.user.is_none() && !r.user.is_empty() {
            acc.user = Some(self.users.intern(r.user).0);
        }
        if acc.account.is_none() && !r.account.is_empty() {
            acc.account = Some(self.accounts.intern(r.account).0);
        }
        if acc.partition.is_none() && !r.partition.is_empty() {
            // sacct lists several partitions for jobs that never started: keep the first
            let name = match r.partition.iter().position(|&b| b == b',') {
                Some(i) => &r.partition[..i],
                None => r.partition,
            };
            let (id, new) = self.partitions.intern(name);
            if new {
                let text = self.partitions.name(id);
                self.partition_of
                    .push(self.cluster.partitions.iter().position(|p| p.name == text));
                self.unknown_partition_jobs.push(0);
            }
            acc.partition = Some(id);
        }
        acc.merge(r, self.success_bits);
        Ok(())
    }

    fn slot_for<F: FnMut(&JobResult<'_>)>(
        &mut self,
        job: &[u8],
        sink: &mut F,
    ) -> Result<usize, Error> {
        if let Some(s) = self.last {
            if self.slots[s].id == job {
                return Ok(s);
            }
        }
        let hash = hash_id(job);
        if let Some(s) = self.find(hash, job) {
            self.last = Some(s);
            return Ok(s);
        }
        if self.order.len() >= self.opts.window {
            if let Some(oldest) = self.order.pop_front() {
                self.flush(oldest, sink)?;
            }
        }
        let s = match self.free.pop() {
            Some(s) => s,
            None => {
                self.slots.push(JobAcc::new());
                self.slots.len() - 1
            }
        };
        self.slots[s].reset(job);
        self.slots[s].first_line = self.diag.lines;
        if let std::collections::hash_map::Entry::Vacant(e) = self.index.entry(hash) {
            e.insert(s);
        } else {
            self.collided.insert(Box::from(job), s);
        }
        self.order.push_back(s);
        self.last = Some(s);
        Ok(s)
    }

    /// The open job with this ID.
    fn find(&self, hash: u64, job: &[u8]) -> Option<usize> {
        match self.index.get(&hash) {
            Some(&s) if self.slots[s].id == job => Some(s),
            _ if self.collided.is_empty() => None,
            _ => self.collided.get(job).copied(),
        }
    }

    fn flush<F: FnMut(&JobResult<'_>)>(&mut self, slot: usize, sink: &mut F) -> Result<(), Error> {
        if self.last == Some(slot) {
            self.last = None;
        }
        self.free.push(slot);
        let acc = &self.slots[slot];
        let hash = hash_id(&acc.id);
        if self.index.get(&hash) == Some(&slot) {
            self.index.remove(&hash);
        } else {
            self.collided.remove(acc.id.as_slice());
        }
        if acc.rank == -2 {
            self.diag.unfinished_jobs += 1;
            return Ok(());
        }
        if !acc.has_job_line {
            self.diag.jobs_without_job_line += 1;
            self.diag.lines_without_job_line += u64::from(acc.lines);
            return Ok(());
        }
        let pid = acc.partition.unwrap_or(0) as usize;
        let (partition, matched) = match self.partition_of.get(pid).copied().flatten() {
            Some(i) => (self.cluster.partitions.get(i), PartitionMatch::Known),
            None => {
                if let Some(n) = self.unknown_partition_jobs.get_mut(pid) {
                    *n += 1;
                }
                match self.fallback {
                    Some(i) => {
                        self.diag.jobs_fallback_partition += 1;
                        (self.cluster.partitions.get(i), PartitionMatch::Fallback)
                    }
                    None => {
                        self.diag.jobs_unknown_partition += 1;
                        (None, PartitionMatch::Unknown)
                    }
                }
            }
        };
        let job_id = std::str::from_utf8(&acc.id).unwrap_or("");
        let job_ci =
            self.cluster.ci_series.as_ref().map(|series| {
                series.job_ci(acc.start_s, acc.submit(), acc.elapsed_ms.unwrap_or(0))
            });
        let (ci, ci_timing) = job_ci
            .as_ref()
            .map_or((self.cluster.ci_g_per_kwh, CiTiming::Flat), |j| {
                (j.ci, j.timing)
            });
        let f = compute(acc, &self.cluster, partition, ci);
        // a fallback counts where it changes a figure: for counted jobs that drew energy
        if let Some(j) = job_ci.filter(|_| matched != PartitionMatch::Unknown && f.energy_kwh > 0.0)
        {
            if let (Some(e), true) = (&j.outside, self.opts.strict) {
                return Err(Error::InvalidSacctLine {
                    line: acc.first_line,
                    field: if j.at_submit { "Submit" } else { "Start" }.into(),
                    reason: format!(
                        "of job {job_id}: {e} (without --strict the job gets the series' mean and is counted)"
                    ),
                });
            }
            self.diag.jobs_ci_at_submit += u64::from(j.at_submit);
            match j.timing {
                CiTiming::NoTime => self.diag.jobs_ci_without_time += 1,
                CiTiming::OutsideSeries => self.diag.jobs_ci_outside_series += 1,
                _ => {}
            }
        }
        let result = JobResult {
            job_id,
            array_job_id: array_parent(job_id),
            user: self.users.name(acc.user.unwrap_or(0)),
            account: self.accounts.name(acc.account.unwrap_or(0)),
            partition: self.partitions.name(acc.partition.unwrap_or(0)),
            partition_match: matched,
            partition_type: partition.map(|p| p.kind),
            state: acc.state.as_str(),
            success: acc.rank != 0,
            submit: acc.submit(),
            lines: acc.lines,
            nnodes: acc.nnodes,
            ncpus: acc.ncpus,
            ngpus: f.ngpus,
            wallclock_ms: f.wallclock_ms,
            cpu_time_used_ms: f.cpu_time_used_ms,
            core_walltime_ms: f.core_walltime_ms,
            gpu_time_ms: f.gpu_time_ms,
            req_mem_gb: f.req_mem_gb,
            used_mem_gb: acc.max_rss_gb,
            needed_mem_gb: f.needed_mem_gb,
            mem_overallocation_factor: f.mem_overallocation_factor,
            memory_unknown: f.memory_unknown,
            energy_cpu_kwh: f.energy_cpu_kwh,
            energy_gpu_kwh: f.energy_gpu_kwh,
            energy_memory_kwh: f.energy_memory_kwh,
            energy_kwh: f.energy_kwh,
            energy_memory_needed_only_kwh: f.energy_memory_needed_only_kwh,
            ci_g_per_kwh: ci,
            ci_timing,
            co2e_g: f.co2e_g,
            co2e_memory_needed_only_g: f.co2e_memory_needed_only_g,
            cost: f.cost,
        };
        if matched != PartitionMatch::Unknown {
            if f.memory_unknown {
                self.diag.jobs_memory_unknown += 1;
            }
            if acc.total_cpu_ms.unwrap_or(0) > f.core_walltime_ms && acc.cpu_time_ms.is_some() {
                self.diag.jobs_total_cpu_above_cpu_time += 1;
            }
            if acc.gpus.is_none() && result.partition_type == Some(PartitionKind::Gpu) {
                self.diag.jobs_gpus_assumed += 1;
            }
            self.totals.add(&result);
            self.by_user.add(acc.user.unwrap_or(0) as usize, &result);
            self.by_account
                .add(acc.account.unwrap_or(0) as usize, &result);
            self.by_partition.add(pid, &result);
            let day = match acc.day {
                Some(d) => match self.day_ids.get(&d) {
                    Some(&i) => i,
                    None => {
                        self.days.push(Some(d));
                        self.day_ids.insert(d, self.days.len() - 1);
                        self.days.len() - 1
                    }
                },
                None => match self.days.iter().position(Option::is_none) {
                    Some(i) => i,
                    None => {
                        self.days.push(None);
                        self.days.len() - 1
                    }
                },
            };
            self.by_day.add(day, &result);
            self.histogram[efficiency_bin(result.memory_efficiency())] += 1;
        }
        sink(&result);
        Ok(())
    }

    fn report(self) -> Analysis {
        let ds = self.cluster.data_version.dataset();
        let equivalences =
            Equivalences::compute_with(ds, GramsCo2e(self.totals.co2e_g), Route::ParisLondon);
        let users = &self.users;
        let accounts = &self.accounts;
        let partitions = &self.partitions;
        let days = &self.days;
        // one intensity for every job, or each group's energy-weighted mean
        let flat = self
            .cluster
            .ci_series
            .is_none()
            .then_some(self.cluster.ci_g_per_kwh);
        let with_ci = |mut groups: Vec<Group>| {
            for g in &mut groups {
                g.totals.set_ci(flat);
            }
            groups
        };
        let mut totals = self.totals.clone();
        totals.set_ci(flat);
        let mut by_day = self.by_day.named(|i| {
            days.get(i)
                .copied()
                .flatten()
                .map(day_string)
                .unwrap_or_default()
        });
        by_day.sort_by(|a, b| (a.name.is_empty(), &a.name).cmp(&(b.name.is_empty(), &b.name)));
        let mut diag = self.diag.clone();
        diag.unknown_partitions = self
            .unknown_partition_jobs
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| UnknownPartition {
                name: partitions.name(i as u32).to_owned(),
                jobs: n,
            })
            .collect();
        Analysis {
            totals,
            equivalences,
            by_user: with_ci(self.by_user.named(|i| users.name(i as u32).to_owned())),
            by_account: with_ci(
                self.by_account
                    .named(|i| accounts.name(i as u32).to_owned()),
            ),
            by_partition: with_ci(
                self.by_partition
                    .named(|i| partitions.name(i as u32).to_owned()),
            ),
            by_day: with_ci(by_day),
            memory_efficiency: EFFICIENCY_LABELS
                .iter()
                .zip(self.histogram)
                .map(|(label, jobs)| Bin { label, jobs })
                .collect(),
            diagnostics: diag,
            cluster: self.cluster,
        }
    }
}

/// Analyses a whole log held in memory.
///
/// # Errors
/// As [`Analyzer::feed`] and [`Analyzer::finish`].
pub fn analyze<F: FnMut(&JobResult<'_>)>(
    log: &[u8],
    cluster: Cluster,
    opts: Options,
    sink: &mut F,
) -> Result<Analysis, Error> {
    let mut a = Analyzer::new(cluster, opts);
    a.feed(log, sink)?;
    a.finish(sink)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hpc::synth;

    /// In unit tests every job ID collides (see `split::hash_id`): steps must still merge
    /// into their job, each job come out once.
    #[test]
    fn colliding_ids_merge_and_come_out_once() {
        let log = synth::generate(9, 3000);
        for window in [1, 3, 4096] {
            let cluster = Cluster::from_toml(synth::CLUSTER_TOML).expect("cluster");
            let opts = Options {
                window,
                ..Options::default()
            };
            let mut ids = std::collections::HashSet::new();
            let mut n = 0;
            let report = analyze(log.as_bytes(), cluster, opts, &mut |j| {
                ids.insert(j.job_id.to_owned());
                n += 1;
            })
            .expect("report");
            assert_eq!(ids.len(), n);
            assert_eq!(report.totals.jobs as usize, n);
            assert_eq!(
                report.diagnostics.jobs_without_job_line, 0,
                "window {window}"
            );
            let expected = log
                .lines()
                .skip(1)
                .filter(|l| l.split('|').nth(2).is_some_and(|id| !id.contains('.')))
                .count();
            assert_eq!(n + report.diagnostics.unfinished_jobs as usize, expected);
        }
    }
}
