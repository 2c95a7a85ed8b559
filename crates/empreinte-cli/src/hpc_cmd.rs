//! `empreinte hpc`: the footprint of a Slurm accounting log (`sacct -P` output) by the
//! GA4HPC method, streamed from a file, standard input or `sacct` itself; the summary on
//! standard output, the per-job and per-group tables and the HTML report in files.
//!
//! ```text
//! empreinte hpc --cluster cluster.toml sacct.log
//! sacct -P --allusers -S 2024-01-01 -E 2025-01-01 --format ... | empreinte hpc -c cluster.toml -
//! empreinte hpc -c cluster.toml --sacct --start 2024-01-01 --end 2025-01-01 --all-users
//! empreinte hpc -c jean-zay log.txt --jobs jobs.csv --groups out/ --html report.html
//! empreinte hpc --generate 1000000 --seed 42 > synthetic.log
//! ```
//!
//! A cluster file's `ci_series.csv_file` is read relative to the cluster file's folder.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};
use clap::{Args, ValueEnum};
use empreinte::hpc::{
    html, output, summary, synth, Analysis, Analyzer, Cluster, JobResult, Options,
};
use empreinte::Error;

use crate::{Format, Style};

/// The columns `--sacct` asks sacct for (GA4HPC's, and Start for a carbon-intensity
/// series).
const SACCT_FORMAT: &str = "UID,User,JobID,JobName,Submit,Start,Elapsed,Partition,NNodes,NCPUS,TotalCPU,CPUTime,ReqMem,MaxRSS,WorkDir,State,Account,AllocTRES";

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;

/// Options of `empreinte hpc`.
#[derive(Debug, Args)]
pub struct HpcArgs {
    /// The sacct log (`sacct -P` output with its header line); `-` or nothing: standard
    /// input.
    log: Option<PathBuf>,
    /// The cluster configuration (TOML), or `jean-zay` for the built-in example.
    #[arg(long, short = 'c', value_name = "FILE")]
    cluster: Option<String>,
    /// Run `sacct` (it must be installed) instead of reading a log; needs --start and --end.
    #[arg(long, requires_all = ["start", "end"], conflicts_with = "log")]
    sacct: bool,
    /// First day for --sacct (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "sacct")]
    start: Option<String>,
    /// Last day for --sacct (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "sacct")]
    end: Option<String>,
    /// With --sacct: the jobs of every user (sacct --allusers), not only yours.
    #[arg(long, requires = "sacct")]
    all_users: bool,
    /// A malformed line is an error (by default it is skipped, counted and reported).
    #[arg(long)]
    strict: bool,
    /// Jobs kept open while merging their steps.
    #[arg(long, default_value_t = 4096, value_name = "JOBS")]
    window: usize,
    /// Write one row per job: CSV, or JSON Lines when the name ends in .jsonl or .ndjson.
    #[arg(long, value_name = "FILE")]
    jobs: Option<PathBuf>,
    /// Write the sums per user, account, partition and day (CSV and JSON Lines), the totals
    /// (CSV) and the whole report (report.json) into this folder.
    #[arg(long, value_name = "DIR")]
    groups: Option<PathBuf>,
    /// Write the self-contained HTML report (French and English).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Progress on standard error: when it is a terminal and the input is long (auto).
    #[arg(long, value_enum, default_value_t = Progress::Auto)]
    progress: Progress,
    /// Print the built-in cluster configuration (jean-zay, synthetic) and stop.
    #[arg(long, value_name = "NAME")]
    example_cluster: Option<String>,
    /// Write a synthetic log of this many lines to standard output and stop.
    #[arg(long, value_name = "LINES", conflicts_with_all = ["log", "sacct"])]
    generate: Option<usize>,
    /// Seed of --generate.
    #[arg(long, default_value_t = 42, requires = "generate")]
    seed: u64,
}

/// When to show progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Progress {
    /// When standard error is a terminal and the input is long.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Runs `empreinte hpc`; returns what goes to standard output.
///
/// # Errors
/// A missing or invalid cluster file, an unreadable log, a log without header, a malformed
/// line in strict mode, sacct missing or failing, an output file that cannot be written.
pub fn run(args: &HpcArgs, style: Style) -> anyhow::Result<String> {
    if let Some(name) = &args.example_cluster {
        return match name.as_str() {
            "jean-zay" | "jean_zay" | "jeanzay" => Ok(empreinte::hpc::JEAN_ZAY_TOML.to_owned()),
            "synthetic" => Ok(synth::CLUSTER_TOML.to_owned()),
            other => bail!("no built-in cluster {other:?}: choose jean-zay or synthetic"),
        };
    }
    if let Some(lines) = args.generate {
        generate(lines, args.seed)?;
        return Ok(String::new());
    }
    let cluster = load_cluster(args.cluster.as_deref())?;
    let opts = Options {
        strict: args.strict,
        window: args.window,
        ..Options::default()
    };
    let mut jobs_out = match &args.jobs {
        Some(path) => Some(JobsWriter::create(path)?),
        None => None,
    };
    let analyzer = Analyzer::new(cluster, opts);
    let report = if args.sacct {
        run_sacct(args, analyzer, &mut jobs_out)?
    } else {
        match args.log.as_deref() {
            None => read_stream(
                io::stdin().lock(),
                None,
                "standard input",
                args,
                analyzer,
                &mut jobs_out,
            )?,
            Some(p) if p == Path::new("-") => read_stream(
                io::stdin().lock(),
                None,
                "standard input",
                args,
                analyzer,
                &mut jobs_out,
            )?,
            Some(p) => {
                let file = File::open(p)
                    .with_context(|| format!("cannot open the log {}", p.display()))?;
                let size = file.metadata().ok().map(|m| m.len());
                read_stream(
                    file,
                    size,
                    &p.display().to_string(),
                    args,
                    analyzer,
                    &mut jobs_out,
                )?
            }
        }
    };
    if let Some(w) = jobs_out {
        w.finish()?;
    }
    if let Some(dir) = &args.groups {
        write_groups(dir, &report)?;
    }
    if let Some(path) = &args.html {
        std::fs::write(path, html::render(&report, style.lang))
            .with_context(|| format!("cannot write the HTML report {}", path.display()))?;
    }
    match style.format {
        Format::Json => {
            let mut text =
                serde_json::to_string_pretty(&report).context("cannot serialise the report")?;
            text.push('\n');
            Ok(text)
        }
        _ => Ok(summary::render(&report, style.lang)),
    }
}

/// The cluster file named, or the built-in `jean-zay`; its `ci_series.csv_file` is read
/// relative to the cluster file's folder.
fn load_cluster(name: Option<&str>) -> anyhow::Result<Cluster> {
    let Some(name) = name else {
        bail!("give the cluster configuration: --cluster FILE (TOML), or --cluster jean-zay for the built-in example (see --example-cluster jean-zay)");
    };
    if matches!(name, "jean-zay" | "jean_zay" | "jeanzay") && !Path::new(name).exists() {
        return Cluster::jean_zay().context("the built-in jean-zay configuration");
    }
    let text = std::fs::read_to_string(name)
        .with_context(|| format!("cannot read the cluster file {name}"))?;
    let folder = Path::new(name).parent().unwrap_or(Path::new(""));
    let mut series_file: Option<PathBuf> = None;
    let cluster = Cluster::from_toml_with(&text, |file| {
        let path = folder.join(file);
        let read = std::fs::read_to_string(&path).map_err(|e| Error::InvalidDocument {
            field: "ci_series.csv_file".into(),
            message: format!("cannot read {}: {e}", path.display()),
        });
        series_file = Some(path);
        read
    });
    cluster.map_err(|e| {
        let context = match (&series_file, &e) {
            (Some(path), Error::InvalidSeries { .. } | Error::SeriesGap { .. }) => format!(
                "in the ci series file {} (ci_series.csv_file of the cluster file {name})",
                path.display()
            ),
            _ => format!("in the cluster file {name}"),
        };
        anyhow::Error::new(e).context(context)
    })
}

/// Per-job rows, buffered, to a CSV or JSON Lines file.
struct JobsWriter {
    file: io::BufWriter<File>,
    json: bool,
    buf: String,
    path: PathBuf,
    error: Option<io::Error>,
}

impl JobsWriter {
    fn create(path: &Path) -> anyhow::Result<JobsWriter> {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        let json = matches!(
            path.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("jsonl" | "ndjson")
        );
        let mut w = JobsWriter {
            file: io::BufWriter::with_capacity(CHUNK, file),
            json,
            buf: String::with_capacity(CHUNK + 4096),
            path: path.to_owned(),
            error: None,
        };
        if !json {
            w.buf.push_str(&output::job_csv_header());
        }
        Ok(w)
    }

    fn job(&mut self, j: &JobResult<'_>) {
        if self.json {
            output::job_json_line(&mut self.buf, j);
        } else {
            output::job_csv_row(&mut self.buf, j);
        }
        if self.buf.len() >= CHUNK {
            self.flush_buf();
        }
    }

    fn flush_buf(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.file.write_all(self.buf.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.buf.clear();
    }

    fn finish(mut self) -> anyhow::Result<()> {
        self.flush_buf();
        if let Some(e) = self.error.take() {
            return Err(e).with_context(|| format!("cannot write {}", self.path.display()));
        }
        self.file
            .flush()
            .with_context(|| format!("cannot write {}", self.path.display()))
    }
}

/// A progress line on standard error, redrawn at most four times a second.
struct ProgressBar {
    enabled: bool,
    shown: bool,
    start: Instant,
    last: Instant,
    total: Option<u64>,
}

impl ProgressBar {
    fn new(mode: Progress, total: Option<u64>) -> ProgressBar {
        let enabled = match mode {
            Progress::Never => false,
            Progress::Always => true,
            Progress::Auto => io::stderr().is_terminal(),
        };
        let now = Instant::now();
        ProgressBar {
            enabled,
            shown: false,
            start: now,
            last: now,
            total,
        }
    }

    fn update(&mut self, bytes: u64, lines: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        // a long input: one that takes more than half a second
        if now.duration_since(self.last) < Duration::from_millis(250)
            || now.duration_since(self.start) < Duration::from_millis(500)
        {
            return;
        }
        self.last = now;
        self.shown = true;
        let secs = now.duration_since(self.start).as_secs_f64();
        let mb = bytes as f64 / 1e6;
        let line = match self.total {
            Some(total) if total > 0 => {
                let share = (bytes as f64 / total as f64).min(1.0);
                let filled = (share * 30.0).round() as usize;
                format!(
                    "\r[{}{}] {:>3.0}%  {lines} lines  {mb:.0} MB  {secs:.1} s ",
                    "#".repeat(filled),
                    ".".repeat(30 - filled),
                    share * 100.0
                )
            }
            _ => format!("\r{lines} lines  {mb:.0} MB  {secs:.1} s "),
        };
        let mut err = io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }

    fn done(&self) {
        if self.shown {
            let mut err = io::stderr().lock();
            let _ = err.write_all(format!("\r{}\r", " ".repeat(72)).as_bytes());
            let _ = err.flush();
        }
    }
}

/// Reads `input` to its end through the analyser.
fn read_stream(
    mut input: impl Read,
    size: Option<u64>,
    name: &str,
    args: &HpcArgs,
    mut analyzer: Analyzer,
    jobs_out: &mut Option<JobsWriter>,
) -> anyhow::Result<Analysis> {
    let mut progress = ProgressBar::new(args.progress, size);
    let mut buf = vec![0u8; CHUNK];
    let mut bytes = 0u64;
    let mut sink = |j: &JobResult<'_>| {
        if let Some(w) = jobs_out.as_mut() {
            w.job(j);
        }
    };
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot read {name}")),
        };
        bytes += n as u64;
        analyzer
            .feed(&buf[..n], &mut sink)
            .with_context(|| format!("in {name}"))?;
        progress.update(bytes, analyzer.lines());
    }
    progress.done();
    analyzer
        .finish(&mut sink)
        .with_context(|| format!("in {name}"))
}

/// Runs sacct and reads its output.
fn run_sacct(
    args: &HpcArgs,
    analyzer: Analyzer,
    jobs_out: &mut Option<JobsWriter>,
) -> anyhow::Result<Analysis> {
    let (Some(start), Some(end)) = (&args.start, &args.end) else {
        bail!("--sacct needs --start and --end");
    };
    let mut cmd = Command::new("sacct");
    cmd.args([
        "--starttime",
        start,
        "--endtime",
        end,
        "--format",
        SACCT_FORMAT,
        "-P",
    ]);
    if args.all_users {
        cmd.arg("--allusers");
    }
    if analyzer.cluster().ci_series.is_some() {
        // sacct writes times in its time zone, without an offset: a series is in UTC
        cmd.env("TZ", "UTC");
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => anyhow!(
                "sacct is not installed here: run empreinte hpc on the cluster, or give a log written by sacct -P --format {SACCT_FORMAT}"
            ),
            _ => anyhow!(e).context("cannot run sacct"),
        })?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| anyhow!("cannot read the output of sacct"))?;
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_string(&mut text);
        }
        text
    });
    let report = read_stream(
        stdout,
        None,
        "the output of sacct",
        args,
        analyzer,
        jobs_out,
    );
    let status = child.wait().context("cannot wait for sacct")?;
    let messages = errors.join().unwrap_or_default();
    if !status.success() {
        bail!("sacct failed ({status}): {}", messages.trim());
    }
    report
}

/// Writes the group tables, the totals and the report JSON into `dir`.
fn write_groups(dir: &Path, report: &Analysis) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let groups = [
        ("by_user", &report.by_user),
        ("by_account", &report.by_account),
        ("by_partition", &report.by_partition),
        ("by_day", &report.by_day),
    ];
    let mut files: Vec<(String, String)> = Vec::new();
    for (name, g) in groups {
        files.push((format!("{name}.csv"), output::groups_csv(g, report)));
        files.push((format!("{name}.jsonl"), output::groups_jsonl(g, report)));
    }
    files.push(("totals.csv".into(), output::totals_csv(report)));
    let mut json = serde_json::to_string_pretty(report).context("cannot serialise the report")?;
    json.push('\n');
    files.push(("report.json".into(), json));
    for (name, text) in files {
        let path = dir.join(&name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Writes a synthetic log of `lines` lines to standard output.
fn generate(lines: usize, seed: u64) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(CHUNK, stdout.lock());
    let mut buf = String::with_capacity(CHUNK + 4096);
    buf.push_str(synth::HEADER);
    buf.push('\n');
    let mut written = 1;
    let mut synth = synth::Synth::new(seed);
    let result = (|| -> io::Result<()> {
        while written < lines {
            written += synth.write_job(&mut buf);
            if buf.len() >= CHUNK {
                out.write_all(buf.as_bytes())?;
                buf.clear();
            }
        }
        out.write_all(buf.as_bytes())?;
        out.flush()
    })();
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the synthetic log"),
    }
}
