//! Record batches in Apache Arrow's columnar layout, in and out of the [`Analyzer`]: the
//! per-job maths where the logs already are (Polars, DuckDB, Spark's `mapInArrow`, or a
//! Rust service holding `arrow` arrays), without writing the log back out as text.
//!
//! In: a [`LineBatch`], one [`TextColumn`] per sacct column (the column names of sacct's
//! header, any case), each in Arrow's layout for text (`Utf8` with `i32` offsets or
//! `LargeUtf8` with `i64` offsets, an optional validity bitmap), read in place. A value is
//! read exactly as the same field of `sacct -P` text; a null reads as an empty field.
//! Rows are numbered from 1 across the batches fed to one analyser (skipped rows are
//! reported with that number).
//!
//! Out: [`JobColumns`], the per-job results as typed columns (text, `f64`, `i64`, bool,
//! each with its validity), with the names, order and units of the per-job CSV
//! ([`super::output::JOB_COLUMNS`]).
//!
//! # Examples
//! ```
//! use empreinte::hpc::{Analyzer, Cluster, JobColumns, LineBatch, Offsets, Options, TextColumn};
//! let cluster = Cluster::from_toml(r#"
//!     pue = 1.5
//!     ci_g_per_kwh = 100
//!     [partitions.cpu]
//!     type = "cpu"
//!     w_per_core = 10
//! "#)?;
//! // two rows: job 1 and its batch step (values concatenated, Arrow offsets)
//! let col = |values: &'static str, offsets: &'static [i32]| {
//!     TextColumn::new("x", Offsets::I32(offsets), values.as_bytes(), None)
//! };
//! let mut batch = LineBatch::new();
//! batch.push("JobID", col("11.batch", &[0, 1, 8])?)?;
//! batch.push("Partition", col("cpu", &[0, 3, 3])?)?;
//! batch.push("Elapsed", col("01:00:0001:00:00", &[0, 8, 16])?)?;
//! batch.push("NCPUS", col("44", &[0, 1, 2])?)?;
//! batch.push("ReqMem", col("10G10G", &[0, 3, 6])?)?;
//! batch.push("State", col("COMPLETEDCOMPLETED", &[0, 9, 18])?)?;
//!
//! let mut jobs = JobColumns::new();
//! let mut analyzer = Analyzer::new(cluster, Options::default());
//! analyzer.feed_batch(&batch, &mut |j| jobs.push(j))?;
//! let report = analyzer.finish(&mut |j| jobs.push(j))?;
//! assert_eq!(jobs.len(), 1);
//! // 4 core-hours × 10 W (no TotalCPU: the core wall time) + 10 GB × 0.3725 W, × PUE 1.5
//! assert!((report.totals.energy_kwh - 0.0655875).abs() < 1e-12);
//! # Ok::<(), empreinte::Error>(())
//! ```

use super::jobs::JobResult;
use super::output::{job_cells, Cell, JOB_COLUMNS};
use super::stream::Analyzer;
use crate::error::Error;

/// The offsets of a text column: Arrow's `Utf8` (`i32`) or `LargeUtf8` (`i64`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Offsets<'a> {
    /// `Utf8` / `String` offsets.
    I32(&'a [i32]),
    /// `LargeUtf8` / `LargeString` offsets.
    I64(&'a [i64]),
}

impl Offsets<'_> {
    fn len(&self) -> usize {
        match self {
            Offsets::I32(o) => o.len(),
            Offsets::I64(o) => o.len(),
        }
    }

    /// Offset `i` (checked in [`TextColumn::new`] to be within the values).
    fn get(&self, i: usize) -> usize {
        match self {
            Offsets::I32(o) => o.get(i).map_or(0, |&v| v as usize),
            Offsets::I64(o) => o.get(i).map_or(0, |&v| v as usize),
        }
    }

    fn first_last(&self) -> Option<(i64, i64)> {
        match self {
            Offsets::I32(o) => Some((i64::from(*o.first()?), i64::from(*o.last()?))),
            Offsets::I64(o) => Some((*o.first()?, *o.last()?)),
        }
    }

    fn is_sorted(&self) -> bool {
        match self {
            Offsets::I32(o) => o.windows(2).all(|w| w[0] <= w[1]),
            Offsets::I64(o) => o.windows(2).all(|w| w[0] <= w[1]),
        }
    }
}

/// An Arrow validity bitmap: bit `offset + i` (least significant bit first) is 1 where
/// value `i` is valid, 0 where it is null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity<'a> {
    /// The bitmap's bytes.
    pub bits: &'a [u8],
    /// The bit of value 0 (an Arrow array's `offset`).
    pub offset: usize,
}

/// A column of text in Arrow's layout, checked: value `i` is
/// `values[offsets[i]..offsets[i + 1]]`, or null (read as an empty field).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextColumn<'a> {
    offsets: Offsets<'a>,
    values: &'a [u8],
    validity: Option<Validity<'a>>,
    len: usize,
}

impl<'a> TextColumn<'a> {
    /// A column of `offsets.len() - 1` values.
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] naming `name` when the offsets are empty, decrease,
    /// start below 0 or end past the values, or when the bitmap is too short.
    pub fn new(
        name: &str,
        offsets: Offsets<'a>,
        values: &'a [u8],
        validity: Option<Validity<'a>>,
    ) -> Result<TextColumn<'a>, Error> {
        let bad = |message: String| Error::InvalidDocument {
            field: name.to_owned(),
            message,
        };
        let Some((first, last)) = offsets.first_last() else {
            return Err(bad(
                "the offsets are empty (a column of n values has n + 1)".into(),
            ));
        };
        if first < 0 || last < first || last as u64 > values.len() as u64 {
            return Err(bad(format!(
                "the offsets run from {first} to {last}, outside the {} bytes of values",
                values.len()
            )));
        }
        if !offsets.is_sorted() {
            return Err(bad("the offsets decrease".into()));
        }
        let len = offsets.len() - 1;
        if let Some(v) = validity {
            let bits_needed = v.offset.checked_add(len).map(|n| n.div_ceil(8));
            if bits_needed.is_none_or(|n| n > v.bits.len()) {
                return Err(bad(format!(
                    "the validity bitmap has {} bytes, too few for {len} values from bit {}",
                    v.bits.len(),
                    v.offset
                )));
            }
        }
        Ok(TextColumn {
            offsets,
            values,
            validity,
            len,
        })
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the column has no value.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Value `i`: its bytes, empty where it is null or `i` is past the end.
    pub fn value(&self, i: usize) -> &'a [u8] {
        if i >= self.len {
            return b"";
        }
        if let Some(v) = self.validity {
            let bit = v.offset + i;
            if v.bits.get(bit / 8).is_none_or(|b| b >> (bit % 8) & 1 == 0) {
                return b"";
            }
        }
        let (start, end) = (self.offsets.get(i), self.offsets.get(i + 1));
        self.values.get(start..end).unwrap_or(b"")
    }

    /// The bytes its values span.
    fn span(&self) -> u64 {
        self.offsets
            .first_last()
            .map_or(0, |(a, b)| b.saturating_sub(a) as u64)
    }
}

/// A record batch of sacct lines: named text columns of equal length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineBatch<'a> {
    names: Vec<&'a str>,
    columns: Vec<TextColumn<'a>>,
}

impl<'a> LineBatch<'a> {
    /// An empty batch (no column).
    pub fn new() -> LineBatch<'a> {
        LineBatch::default()
    }

    /// Adds a column. Columns that the analyser does not read (JobName, WorkDir, …) may be
    /// left out or given; they are ignored.
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] naming the column when its length differs from the
    /// columns already there, or when a column of that name (any case) is already there.
    pub fn push(&mut self, name: &'a str, column: TextColumn<'a>) -> Result<(), Error> {
        if let Some(first) = self.columns.first() {
            if first.len() != column.len() {
                return Err(Error::InvalidDocument {
                    field: name.to_owned(),
                    message: format!(
                        "has {} values where column {} has {}",
                        column.len(),
                        self.names[0],
                        first.len()
                    ),
                });
            }
        }
        if self
            .names
            .iter()
            .any(|n| n.trim().eq_ignore_ascii_case(name.trim()))
        {
            return Err(Error::InvalidDocument {
                field: name.to_owned(),
                message: "is given twice".into(),
            });
        }
        self.names.push(name);
        self.columns.push(column);
        Ok(())
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, TextColumn::len)
    }

    /// The column names, in order.
    pub fn names(&self) -> &[&'a str] {
        &self.names
    }
}

impl Analyzer {
    /// Reads a record batch of sacct lines (see [`LineBatch`]); each job found complete is
    /// handed to `sink`, as with [`Analyzer::feed`]. Batches may follow each other (and
    /// text fed with [`Analyzer::feed`], once its header is read): a job's lines are merged
    /// across batches within the merge window.
    ///
    /// # Errors
    /// [`Error::InvalidDocument`] naming a required column that the batch lacks; in strict
    /// mode, [`Error::InvalidSacctLine`] for the first row that cannot be read.
    pub fn feed_batch<F: FnMut(&JobResult<'_>)>(
        &mut self,
        batch: &LineBatch<'_>,
        sink: &mut F,
    ) -> Result<(), Error> {
        let names: Vec<&[u8]> = batch.names.iter().map(|n| n.as_bytes()).collect();
        let bytes = batch
            .columns
            .iter()
            .map(TextColumn::span)
            .sum::<u64>()
            .saturating_add(batch.rows() as u64 * names.len() as u64);
        let cols = self.begin_batch(&names, bytes)?;
        for row in 0..batch.rows() {
            let field = |i: usize| batch.columns.get(i).map_or(&b""[..], |c| c.value(row));
            self.push_row(&cols, field, sink)?;
        }
        Ok(())
    }
}

/// The values of a result column.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text in Arrow's `LargeUtf8` layout: value `i` is `bytes[offsets[i]..offsets[i + 1]]`.
    Text {
        /// `len + 1` offsets.
        offsets: Vec<i64>,
        /// The UTF-8 bytes of every value, one after the other.
        bytes: Vec<u8>,
    },
    /// Numbers (`NaN` where null).
    Float64(Vec<f64>),
    /// Counts.
    Int64(Vec<i64>),
    /// Flags.
    Bool(Vec<bool>),
}

/// One result column: its name (with its unit), values and, for the columns that may be
/// null, validity (`true` where valid).
#[derive(Debug, Clone, PartialEq)]
pub struct JobColumn {
    /// The column's name, as in the per-job CSV (`energy_kwh`, …).
    pub name: &'static str,
    /// Its values.
    pub values: Values,
    /// `Some` for the columns that may be null (`array_job_id`, `submit`, `used_mem_gb`,
    /// `partition_type`, `cost`).
    pub validity: Option<Vec<bool>>,
}

/// Per-job results gathered as columns (the per-job CSV's columns, in its order).
#[derive(Debug, Clone, PartialEq)]
pub struct JobColumns {
    columns: Vec<JobColumn>,
    rows: usize,
}

impl Default for JobColumns {
    fn default() -> Self {
        JobColumns::new()
    }
}

impl JobColumns {
    /// Empty columns, typed.
    pub fn new() -> JobColumns {
        let columns = JOB_COLUMNS
            .iter()
            .zip(job_cells(&JobResult::default()))
            .map(|(name, cell)| {
                let (values, nullable) = match cell {
                    Cell::Str(_) => (
                        Values::Text {
                            offsets: vec![0],
                            bytes: Vec::new(),
                        },
                        false,
                    ),
                    Cell::OptStr(_) => (
                        Values::Text {
                            offsets: vec![0],
                            bytes: Vec::new(),
                        },
                        true,
                    ),
                    Cell::Num(_) => (Values::Float64(Vec::new()), false),
                    Cell::OptNum(_) => (Values::Float64(Vec::new()), true),
                    Cell::Int(_) => (Values::Int64(Vec::new()), false),
                    Cell::Bool(_) => (Values::Bool(Vec::new()), false),
                };
                JobColumn {
                    name,
                    values,
                    validity: nullable.then(Vec::new),
                }
            })
            .collect();
        JobColumns { columns, rows: 0 }
    }

    /// Appends one job.
    pub fn push(&mut self, job: &JobResult<'_>) {
        for (col, cell) in self.columns.iter_mut().zip(job_cells(job)) {
            let valid = !matches!(cell, Cell::OptStr(None) | Cell::OptNum(None));
            if let Some(v) = &mut col.validity {
                v.push(valid);
            }
            match (&mut col.values, cell) {
                (Values::Text { offsets, bytes }, Cell::Str(s) | Cell::OptStr(Some(s))) => {
                    bytes.extend_from_slice(s.as_bytes());
                    offsets.push(bytes.len() as i64);
                }
                (Values::Text { offsets, bytes }, _) => offsets.push(bytes.len() as i64),
                (Values::Float64(v), Cell::Num(x) | Cell::OptNum(Some(x))) => v.push(x),
                (Values::Float64(v), _) => v.push(f64::NAN),
                (Values::Int64(v), Cell::Int(x)) => v.push(i64::try_from(x).unwrap_or(i64::MAX)),
                (Values::Int64(v), _) => v.push(0),
                (Values::Bool(v), Cell::Bool(b)) => v.push(b),
                (Values::Bool(v), _) => v.push(false),
            }
        }
        self.rows += 1;
    }

    /// The number of jobs.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether there is no job.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The columns.
    pub fn columns(&self) -> &[JobColumn] {
        &self.columns
    }

    /// Hands over the columns gathered so far and starts again empty (one record batch
    /// out per batch in).
    pub fn take(&mut self) -> JobColumns {
        std::mem::take(self)
    }

    /// The columns, by value.
    pub fn into_columns(self) -> Vec<JobColumn> {
        self.columns
    }
}
