"""``empreinte.hpc``: Slurm accounting logs as Arrow record batches, computed where the
logs already are (pyarrow, Polars, DuckDB, Spark's ``mapInArrow``).

The input is sacct's lines (``sacct -P``: job lines and step lines) as columns named as
sacct's header names them (``JobID``, ``Elapsed``, ``NCPUS``, ``State`` required; ``User``,
``Account``, ``Partition``, ``Submit``, ``NNodes``, ``TotalCPU``, ``CPUTime``, ``ReqMem``,
``MaxRSS``, ``AllocTRES`` used when present, and ``Start`` when the cluster's CI is a time
series; any case; other columns ignored). A value is
read exactly as the same field of sacct's text; a null is an empty field. Text columns
are read in place, without a copy; integer, float, duration, timestamp and dictionary
columns are converted to sacct's text first.

The output is one row per job with the columns of ``empreinte hpc --jobs-csv`` (units in
the names: ``wallclock_h``, ``energy_kwh``, ``co2e_g``…), the Green Algorithms for HPC
(GA4HPC) per-job maths, computed by the Rust core without the GIL.

>>> import pyarrow as pa, empreinte.hpc as hpc
>>> log = pa.table({
...     "JobID": ["1", "1.batch"], "Partition": ["cpu", None],
...     "Elapsed": ["01:00:00", "01:00:00"], "NCPUS": ["4", "4"],
...     "ReqMem": ["10G", "10G"], "State": ["COMPLETED", "COMPLETED"]})
>>> cluster = '''
... pue = 1.5
... ci_g_per_kwh = 100
... [partitions.cpu]
... type = "cpu"
... w_per_core = 10
... '''
>>> result = hpc.analyze(log, cluster_toml=cluster)
>>> result.jobs.num_rows, round(result.jobs["energy_kwh"][0].as_py(), 7)
(1, 0.0655875)
>>> round(result.report["totals"]["co2e_g"], 5)
6.55875

A job's lines (its own line and its steps) must reach one stream, close together (within
``window`` jobs, 4 096 by default): the order sacct writes them in. In Spark, repartition
by the job's ID without its step first (see :func:`map_in_arrow`).
"""

from __future__ import annotations

import json
import os
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Tuple,
    Union,
)

from . import _core
from .exceptions import InvalidDocumentError

__all__ = [
    "JOB_COLUMNS",
    "SACCT_COLUMNS",
    "Analysis",
    "Stream",
    "analyze",
    "job_schema",
    "map_in_arrow",
    "spark_schema",
]

#: The per-job result columns, in order (as ``empreinte hpc --jobs-csv``).
JOB_COLUMNS: Tuple[str, ...] = tuple(_core.HPC_JOB_COLUMNS)
#: The sacct columns read (the first four are required).
SACCT_COLUMNS: Tuple[str, ...] = tuple(_core.SACCT_COLUMNS)

ClusterPath = Union[str, "os.PathLike[str]"]
_WANTED = {c.lower() for c in SACCT_COLUMNS}


def _cluster_source(
    cluster: Optional[ClusterPath], cluster_toml: Optional[str]
) -> Tuple[Optional[str], Optional[str]]:
    """The cluster file's TOML text (``None`` for the built-in Jean Zay example) and the
    folder that the files it names (``ci_series.csv_file``) are relative to."""
    if cluster is not None and cluster_toml is not None:
        raise InvalidDocumentError(
            "give cluster (a file path) or cluster_toml (its text), not both", field="cluster"
        )
    if cluster_toml is not None:
        return cluster_toml, None
    if cluster is None or str(cluster).lower() == "jean-zay":
        return None, None
    path = os.fspath(cluster)
    try:
        with open(path, encoding="utf-8") as f:
            return f.read(), os.path.dirname(os.path.abspath(path))
    except OSError as e:
        raise InvalidDocumentError(f"cannot read the cluster file: {e}", field="cluster") from None


def _as_text(name: str, arr: Any) -> Any:
    """An Arrow array as (large) text holding what sacct would write."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = arr.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return arr
    if pa.types.is_dictionary(t):
        return _as_text(name, arr.dictionary_decode())
    if pa.types.is_null(t):
        return pa.nulls(len(arr), pa.large_string())
    if (hasattr(pa.types, "is_string_view") and pa.types.is_string_view(t)) or pa.types.is_integer(t):
        return arr.cast(pa.large_string())
    if pa.types.is_floating(t):
        # counts read by pandas with missing values come as floats: 4.0 is "4"; anything
        # else (1.5, NaN, inf) is written as is, and read (or refused) as sacct's text
        try:
            return arr.cast(pa.int64(), safe=True).cast(pa.large_string())
        except (pa.ArrowInvalid, OverflowError):
            return arr.cast(pa.large_string())
    if pa.types.is_duration(t):
        per_ms = {"s": (1000, 1), "ms": (1, 1), "us": (1, 1000), "ns": (1, 1_000_000)}[t.unit]
        ints = arr.cast(pa.int64())
        ms = pc.divide(pc.multiply(ints, per_ms[0]), per_ms[1])
        secs = pc.divide(ms, 1000)
        frac = pc.subtract(ms, pc.multiply(secs, 1000))
        return pc.binary_join_element_wise(
            secs.cast(pa.string()), pc.utf8_lpad(frac.cast(pa.string()), 3, "0"), "."
        )
    if pa.types.is_timestamp(t):
        # whole seconds, as sacct writes them (%S would add the fraction of finer units)
        seconds = arr.cast(pa.timestamp("s", t.tz), safe=False)
        return pc.strftime(seconds, format="%Y-%m-%dT%H:%M:%S")
    if pa.types.is_date(t):
        return pc.strftime(arr.cast(pa.timestamp("s")), format="%Y-%m-%dT%H:%M:%S")
    raise InvalidDocumentError(
        f"column {name}: Arrow type {t} cannot be read as sacct's text (give text, integers,"
        " durations or timestamps)",
        field=name,
    )


def _text_columns(batch: Any) -> Tuple[int, List[Tuple[str, Any, Any, Optional[Any], int]]]:
    """The sacct columns of a record batch as (name, offsets, bytes, validity, bit offset),
    numpy views of the Arrow buffers."""
    import numpy as np
    import pyarrow as pa

    out = []
    for name, arr in zip(batch.schema.names, batch.columns):
        if name.strip().lower() not in _WANTED:
            continue
        arr = _as_text(name, arr)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        validity, offsets, data = arr.buffers()
        n, start = len(arr), arr.offset
        dtype = np.int64 if pa.types.is_large_string(arr.type) else np.int32
        if offsets is None:
            offs = np.zeros(n + 1, dtype=dtype)
        else:
            offs = np.frombuffer(offsets, dtype=dtype)[start : start + n + 1]
        chars = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
        bits = None
        if validity is not None and arr.null_count:
            bits = np.frombuffer(validity, dtype=np.uint8)
        out.append((name, offs, chars, bits, start))
    return batch.num_rows, out


def _record_batch(columns: List[Any]) -> Any:
    """The core's result columns as an Arrow record batch (text as ``string``)."""
    import numpy as np
    import pyarrow as pa

    arrays, names = [], []
    for name, kind, values, offsets, validity in columns:
        if kind == "text":
            n = len(offsets) - 1
            bitmap, nulls = None, 0
            if validity is not None and not validity.all():
                bitmap = pa.py_buffer(np.packbits(validity, bitorder="little"))
                nulls = int(n - np.count_nonzero(validity))
            arr = pa.LargeStringArray.from_buffers(
                n, pa.py_buffer(offsets), pa.py_buffer(values), bitmap, nulls
            ).cast(pa.string())
        elif kind == "f64":
            mask = None if validity is None else ~validity
            arr = pa.array(values, type=pa.float64(), mask=mask)
        elif kind == "i64":
            arr = pa.array(values, type=pa.int64())
        else:
            arr = pa.array(values, type=pa.bool_())
        arrays.append(arr)
        names.append(name)
    return pa.RecordBatch.from_arrays(arrays, names=names)


class Stream:
    """A streaming analysis: feed record batches of sacct lines in order, get each batch
    of jobs completed back; :meth:`finish` gives the last jobs and :attr:`report` the
    totals, the sums per user, account, partition and day, and the diagnostics.

    ``cluster`` is a cluster file's path (or ``"jean-zay"``, the built-in example, also
    used when neither it nor ``cluster_toml``, the file's text, is given); a CI series
    file it names (``ci_series.csv_file``) is read beside it, or taken from ``files``
    (name → text). ``strict`` makes a row that cannot be read an error (else it is skipped
    and counted); ``window`` is the number of jobs kept open for their steps.
    """

    def __init__(
        self,
        cluster: Optional[ClusterPath] = None,
        *,
        cluster_toml: Optional[str] = None,
        files: Optional[Mapping[str, str]] = None,
        strict: bool = False,
        window: int = 4096,
    ) -> None:
        text, folder = _cluster_source(cluster, cluster_toml)
        self._core = _core.HpcStream(
            text, strict, window, folder, dict(files) if files is not None else None
        )
        #: The cluster file's text (``None`` for the built-in example).
        self.cluster_toml = text
        #: The files the cluster file named, with their text.
        self.files: Dict[str, str] = self._core.files()
        self.report: Optional[Dict[str, Any]] = None

    @property
    def cluster(self) -> Dict[str, Any]:
        """The cluster configuration in use (partitions, PUE, CI and their sources)."""
        if self.report is not None:
            cluster: Dict[str, Any] = self.report["cluster"]
            return cluster
        loaded: Dict[str, Any] = json.loads(self._core.cluster_json())
        return loaded

    def feed(self, batch: Any) -> Any:
        """Reads a ``pyarrow.RecordBatch`` (or ``Table``) of sacct lines; returns the jobs
        completed so far as a ``pyarrow.RecordBatch`` (possibly empty)."""
        import pyarrow as pa

        if isinstance(batch, pa.Table):
            table = batch.combine_chunks()
            batches = table.to_batches()
            # an empty table still names its columns
            batch = batches[0] if batches else pa.RecordBatch.from_arrays(
                [pa.array([], f.type) for f in table.schema], schema=table.schema
            )
        rows, columns = _text_columns(batch)
        return _record_batch(self._core.feed(rows, columns))

    def finish(self) -> Any:
        """Ends the input: the last jobs as a ``pyarrow.RecordBatch``; sets :attr:`report`."""
        columns, report = self._core.finish()
        self.report = json.loads(report)
        return _record_batch(columns)


def _batches(data: Any) -> Iterator[Any]:
    """Record batches from pyarrow, Polars, DuckDB, pandas or an iterable of them."""
    import pyarrow as pa

    if isinstance(data, pa.RecordBatch):
        yield data
    elif isinstance(data, pa.Table):
        yield from data.to_batches()
    elif isinstance(data, pa.RecordBatchReader):
        yield from data
    elif hasattr(data, "__arrow_c_stream__"):
        # Polars and DuckDB objects, through the Arrow PyCapsule interface
        yield from pa.RecordBatchReader.from_stream(data)
    elif hasattr(data, "to_arrow"):
        yield from _batches(data.to_arrow())
    elif type(data).__module__.startswith("pandas"):
        yield from pa.Table.from_pandas(data, preserve_index=False).to_batches()
    elif isinstance(data, Iterable) and not isinstance(data, (str, bytes, dict)):
        for item in data:
            yield from _batches(item)
    else:
        raise TypeError(
            "expected Arrow record batches: a pyarrow Table, RecordBatch or RecordBatchReader,"
            f" a Polars or pandas DataFrame, a DuckDB relation, or an iterable of them; got"
            f" {type(data).__name__}"
        )


class Analysis(NamedTuple):
    """What :func:`analyze` returns."""

    #: One row per job (``pyarrow.Table``, columns :data:`JOB_COLUMNS`).
    jobs: Any
    #: Totals, groups (``by_user``, ``by_account``, ``by_partition``, ``by_day``), memory
    #: efficiency histogram, diagnostics and the cluster configuration.
    report: Dict[str, Any]


def analyze(
    data: Any,
    cluster: Optional[ClusterPath] = None,
    *,
    cluster_toml: Optional[str] = None,
    files: Optional[Mapping[str, str]] = None,
    strict: bool = False,
    window: int = 4096,
) -> Analysis:
    """Per-job energy and CO2e of sacct lines given as Arrow data (a pyarrow ``Table``,
    ``RecordBatch`` or ``RecordBatchReader``, a Polars DataFrame, a DuckDB relation, a
    pandas DataFrame, or an iterable of record batches), streamed batch by batch.

    Returns the jobs as a ``pyarrow.Table`` and the report as a dict. Raises an
    :class:`~empreinte.exceptions.EmpreinteError` subclass naming the field for a bad
    cluster file, a missing required column, or (``strict``) a row that cannot be read.
    """
    import pyarrow as pa

    stream = Stream(
        cluster, cluster_toml=cluster_toml, files=files, strict=strict, window=window
    )
    out = [stream.feed(batch) for batch in _batches(data)]
    out.append(stream.finish())
    assert stream.report is not None
    return Analysis(pa.Table.from_batches(out, schema=out[-1].schema), stream.report)


_SCHEMA: List[Any] = []


def job_schema() -> Any:
    """The ``pyarrow.Schema`` of the per-job results."""
    if not _SCHEMA:
        import pyarrow as pa

        empty = pa.record_batch({c: pa.array([], pa.string()) for c in SACCT_COLUMNS[:4]})
        stream = Stream(cluster_toml=None)
        stream.feed(empty)
        _SCHEMA.append(stream.finish().schema)
    return _SCHEMA[0]


_SPARK_TYPES = {"string": "string", "double": "double", "int64": "bigint", "bool": "boolean"}


def spark_schema() -> str:
    """The per-job results' schema as a Spark DDL string, for ``mapInArrow``."""
    return ", ".join(f"{f.name} {_SPARK_TYPES[str(f.type)]}" for f in job_schema())


class _MapInArrow:
    """A picklable function from the record batches of one Spark partition to its jobs."""

    def __init__(
        self, cluster_toml: Optional[str], files: Dict[str, str], strict: bool, window: int
    ) -> None:
        self.cluster_toml = cluster_toml
        self.files = files
        self.strict = strict
        self.window = window

    def __call__(self, batches: Iterable[Any]) -> Iterator[Any]:
        stream: Optional[Stream] = None
        for batch in batches:
            if stream is None:
                stream = Stream(
                    cluster_toml=self.cluster_toml,
                    files=self.files,
                    strict=self.strict,
                    window=self.window,
                )
            out = stream.feed(batch)
            if out.num_rows:
                yield out
        if stream is not None:
            out = stream.finish()
            if out.num_rows:
                yield out


def map_in_arrow(
    cluster: Optional[ClusterPath] = None,
    *,
    cluster_toml: Optional[str] = None,
    strict: bool = False,
    window: int = 4096,
) -> Callable[[Iterable[Any]], Iterator[Any]]:
    """A function for Spark's ``DataFrame.mapInArrow``, with :func:`spark_schema`::

        from pyspark.sql import functions as F
        lines = spark.read.csv("sacct.log", sep="|", header=True)  # every column a string
        jobs = (lines
                .withColumn("job", F.regexp_extract("JobID", r"^[^.]+", 0))
                .repartition("job").sortWithinPartitions("JobID").drop("job")
                .mapInArrow(empreinte.hpc.map_in_arrow("cluster.toml"),
                            empreinte.hpc.spark_schema()))
        jobs.groupBy("user").sum("co2e_g").show()

    The cluster file (and the CI series file it names) is read and checked here, on the
    driver; executors get their text. Each partition is one stream: a job's lines must be
    in the same partition (repartition by the job ID without its step, as above).
    """
    checked = Stream(cluster, cluster_toml=cluster_toml, strict=strict, window=window)
    return _MapInArrow(checked.cluster_toml, checked.files, strict, window)
