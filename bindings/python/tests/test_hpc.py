"""empreinte.hpc: sacct lines as Arrow record batches (pyarrow, Polars, DuckDB, Spark's
mapInArrow) give GA4HPC's golden figures and exactly the jobs of ``empreinte hpc``."""

import json
import os
import shutil
import subprocess
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import empreinte
import empreinte.hpc as hpc


def rel(actual, expected):
    return abs(actual - expected) <= 1e-9 * max(abs(expected), abs(actual))


@pytest.fixture(scope="module")
def ga4hpc(root):
    return json.loads((root / "tests" / "golden" / "ga4hpc.json").read_text())


@pytest.fixture(scope="module")
def golden_cluster(ga4hpc):
    """The golden cluster_info as a cluster file."""
    info = ga4hpc["cluster_info"]
    t = (
        f"pue = {info['PUE']}\nci_g_per_kwh = {info['CI']}\n"
        f"memory_request_step_gb = {info['granularity_memory_request']}\n"
        f"default_rss_unit = \"{info['default_unit_RSS']}\"\n"
    )
    for name, p in info["partitions"].items():
        kind = p["type"].lower()
        t += f'[partitions.{name}]\ntype = "{kind}"\n'
        if kind == "gpu":
            t += f"w_per_gpu = {p['TDP']}\nw_per_core = {p['TDP_CPU']}\n"
        else:
            t += f"w_per_core = {p['TDP']}\n"
    return t


@pytest.fixture(scope="module")
def golden_log(ga4hpc, tmp_path_factory):
    path = tmp_path_factory.mktemp("hpc") / "golden.log"
    path.write_text("\n".join(ga4hpc["sacct_raw_lines"]) + "\n")
    return path


def text_table(lines):
    """sacct -P lines as a pyarrow Table of strings (empty fields null)."""
    header = lines[0].split("|")
    rows = [line.split("|") for line in lines[1:]]
    return pa.table(
        {name: pa.array([r[i] or None for r in rows], pa.string()) for i, name in enumerate(header)}
    )


def check_golden(result, ga4hpc):
    jobs = {r["job_id"]: r for r in result.jobs.to_pylist()}
    assert len(jobs) == len(ga4hpc["jobs"])
    for e in ga4hpc["jobs"]:
        a = jobs[e["job"]]
        for golden_key, ours in [
            ("wallclock_h", "wallclock_h"),
            ("cpu_time_used_h", "cpu_time_used_h"),
            ("req_mem_GB", "req_mem_gb"),
            ("needed_mem_GB", "needed_mem_gb"),
            ("energy_kWh", "energy_kwh"),
            ("carbonFootprint_g", "co2e_g"),
            ("carbonFootprint_memoryNeededOnly_g", "co2e_memory_needed_only_g"),
        ]:
            assert rel(a[ours], e[golden_key]), (e["job"], ours, a[ours], e[golden_key])
    t = result.report["totals"]
    assert rel(t["energy_kwh"], ga4hpc["totals"]["energy_kWh"])
    assert rel(t["co2e_g"], ga4hpc["totals"]["carbonFootprint_g"])
    assert rel(t["co2e_failed_g"], ga4hpc["totals"]["carbonFootprint_failedJobs_g"])


def test_a_pyarrow_table_gives_the_ga4hpc_golden_figures(ga4hpc, golden_cluster):
    result = hpc.analyze(text_table(ga4hpc["sacct_raw_lines"]), cluster_toml=golden_cluster)
    check_golden(result, ga4hpc)
    assert result.jobs.schema == hpc.job_schema()
    assert tuple(result.jobs.column_names) == hpc.JOB_COLUMNS
    assert result.report["diagnostics"]["malformed_lines"] == 0


def test_polars_with_inferred_types(ga4hpc, golden_cluster, golden_log):
    pl = pytest.importorskip("polars")
    # Polars reads UID, NNodes and NCPUS as integers: they are written back as sacct's text
    df = pl.read_csv(golden_log, separator="|", quote_char=None)
    assert df.schema["NCPUS"] == pl.Int64
    result = hpc.analyze(df, cluster_toml=golden_cluster)
    check_golden(result, ga4hpc)
    jobs = pl.from_arrow(result.jobs)
    by_user = jobs.group_by("user").agg(pl.col("co2e_g").sum()).sort("user")
    report_users = sorted((g["name"], g["co2e_g"]) for g in result.report["by_user"])
    assert [(u, pytest.approx(c, rel=1e-12)) for u, c in report_users] == list(by_user.iter_rows())


def test_duckdb_streams_record_batches_and_sums_in_sql(ga4hpc, golden_cluster, golden_log):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    # DuckDB detects Submit as a TIMESTAMP and the counts as BIGINT
    rel_ = con.read_csv(str(golden_log), sep="|", header=True)
    assert "TIMESTAMP" in [str(t) for t in rel_.types]
    to_reader = getattr(rel_, "to_arrow_reader", None) or rel_.fetch_record_batch
    reader = to_reader(4)
    result = hpc.analyze(reader, cluster_toml=golden_cluster)
    check_golden(result, ga4hpc)
    jobs = result.jobs  # noqa: F841 (read by name in the SQL below)
    rows = con.sql(
        "select partition, sum(co2e_g), count(*) from jobs group by partition order by partition"
    ).fetchall()
    groups = {g["name"]: g for g in result.report["by_partition"]}
    assert len(rows) == len(groups)
    for name, co2e, n in rows:
        assert rel(co2e, groups[name]["co2e_g"]) and n == groups[name]["jobs"]
    days = {g["name"] for g in result.report["by_day"]}
    assert days and all(len(d) == 10 for d in days), days


def empreinte_bin():
    exe = os.environ.get("EMPREINTE_BIN") or shutil.which("empreinte")
    if not exe:
        pytest.skip("the empreinte binary is not built (set EMPREINTE_BIN)")
    return exe


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic log of 20 000 lines, the CLI's jobs for it, and its cluster file."""
    exe = empreinte_bin()
    d = tmp_path_factory.mktemp("synth")
    log = subprocess.run(
        [exe, "hpc", "--generate", "20000", "--seed", "5"], check=True, capture_output=True
    ).stdout
    (d / "sacct.log").write_bytes(log)
    cluster = subprocess.run(
        [exe, "hpc", "--example-cluster", "synthetic"], check=True, capture_output=True, text=True
    ).stdout
    (d / "cluster.toml").write_text(cluster)
    subprocess.run(
        [exe, "hpc", "-c", str(d / "cluster.toml"), "--jobs", str(d / "jobs.jsonl"),
         "--progress", "never", str(d / "sacct.log")],
        check=True,
        capture_output=True,
    )
    cli_jobs = [json.loads(line) for line in (d / "jobs.jsonl").read_text().splitlines()]
    lines = log.decode().splitlines()
    return d, lines, cli_jobs


@pytest.fixture(scope="module")
def synthetic_series(synthetic):
    """The synthetic cluster with an hourly CI series for 2024 in a CSV file beside it, and
    the CLI's jobs with it."""
    import math

    d, lines, _ = synthetic
    start = 1704067200  # 2024-01-01T00:00:00Z
    rows = ["datetime,carbon_intensity"]
    for h in range(366 * 24):
        t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + 3600 * h))
        rows.append(f"{t},{50 + 20 * math.sin(2 * math.pi * h / 24):.3f}")
    (d / "ci-2024.csv").write_text("\n".join(rows) + "\n")
    # the synthetic cluster gives a location (FR), which stays as the series' zone
    base = (d / "cluster.toml").read_text()
    assert "ci_g_per_kwh" not in base
    (d / "cluster-series.toml").write_text(base + '\n[ci_series]\ncsv_file = "ci-2024.csv"\n')
    exe = empreinte_bin()
    subprocess.run(
        [exe, "hpc", "-c", str(d / "cluster-series.toml"), "--jobs", str(d / "jobs-series.jsonl"),
         "--progress", "never", str(d / "sacct.log")],
        check=True,
        capture_output=True,
    )
    cli_jobs = [json.loads(x) for x in (d / "jobs-series.jsonl").read_text().splitlines()]
    return d, lines, cli_jobs


def same_as_cli(result, cli_jobs):
    """Every job, every column, bit for bit (the CLI writes shortest round-trip floats)."""
    ours = result.jobs.to_pylist()
    assert len(ours) == len(cli_jobs) > 1000
    for a, b in zip(ours, cli_jobs):
        assert a == b, (a["job_id"], {k: (a[k], b[k]) for k in a if a[k] != b[k]})


def test_batches_of_any_size_give_exactly_the_cli_jobs(synthetic):
    d, lines, cli_jobs = synthetic
    table = text_table(lines)
    cluster = d / "cluster.toml"
    same_as_cli(hpc.analyze(table, cluster), cli_jobs)
    # small batches, sliced (non-zero Arrow offsets), large_string and dictionary columns
    user = table.schema.get_field_index("User")
    mixed = table.set_column(user, "User", pc.dictionary_encode(table["User"]))
    elapsed = mixed.schema.get_field_index("Elapsed")
    mixed = mixed.set_column(elapsed, "Elapsed", mixed["Elapsed"].cast(pa.large_string()))
    batches = [mixed.slice(i, 333) for i in range(0, mixed.num_rows, 333)]
    stream = hpc.Stream(cluster)
    out = [stream.feed(b) for b in batches]
    out.append(stream.finish())
    assert sum(b.num_rows for b in out[:-1]) > 0, "jobs come out while batches go in"
    same_as_cli(hpc.Analysis(pa.Table.from_batches(out), stream.report), cli_jobs)


def test_a_ci_series_file_beside_the_cluster_file(synthetic_series):
    d, lines, cli_jobs = synthetic_series
    assert len({j["ci_g_per_kwh"] for j in cli_jobs}) > 1000, "the series varies"
    result = hpc.analyze(text_table(lines), d / "cluster-series.toml")
    same_as_cli(result, cli_jobs)
    assert result.report["cluster"]["ci_source_id"] == "series"
    # the series' text travels with the cluster's (to Spark's executors, say)
    stream = hpc.Stream(d / "cluster-series.toml")
    assert list(stream.files) == ["ci-2024.csv"]
    with pytest.raises(empreinte.InvalidDocumentError) as e:
        hpc.Stream(cluster_toml=stream.cluster_toml)
    assert e.value.field == "ci_series.csv_file"
    again = hpc.analyze(text_table(lines), cluster_toml=stream.cluster_toml, files=stream.files)
    assert again.jobs.equals(result.jobs)


def test_typed_columns_read_as_sacct_text(ga4hpc, golden_cluster):
    table = text_table(ga4hpc["sacct_raw_lines"])
    expected = hpc.analyze(table, cluster_toml=golden_cluster).jobs

    def parse_duration(s):
        if s is None:
            return None
        days, _, clock = s.rpartition("-")
        parts = [float(p) for p in clock.split(":")]
        while len(parts) < 3:
            parts.insert(0, 0.0)
        h, m, sec = parts
        return round(((int(days or 0) * 24 + h) * 3600 + m * 60 + sec) * 1000)

    typed = table
    for name in ("Elapsed", "TotalCPU", "CPUTime"):
        ms = [parse_duration(v) for v in table[name].to_pylist()]
        typed = typed.set_column(
            typed.schema.get_field_index(name), name, pa.array(ms, pa.int64()).cast(pa.duration("ms"))
        )
    ncpus = [float(v) if v is not None else np.nan for v in table["NCPUS"].to_pylist()]
    typed = typed.set_column(
        typed.schema.get_field_index("NCPUS"), "NCPUS", pa.array(ncpus, pa.float64())
    )
    typed = typed.set_column(
        typed.schema.get_field_index("Submit"),
        "Submit",
        pc.strptime(table["Submit"], format="%Y-%m-%dT%H:%M:%S", unit="us"),
    )
    result = hpc.analyze(typed, cluster_toml=golden_cluster)
    assert result.jobs.equals(expected)


def test_bad_input_is_a_typed_error_naming_the_column(ga4hpc, golden_cluster):
    table = text_table(ga4hpc["sacct_raw_lines"])
    # floats that are not counts are rows that cannot be read, counted, never an exception
    n = table.num_rows
    odd = table.set_column(
        table.schema.get_field_index("NCPUS"),
        "NCPUS",
        pa.array([float("inf"), float("nan"), 1.5, 1e30] + [4.0] * (n - 4), pa.float64()),
    )
    bad = hpc.analyze(odd, cluster_toml=golden_cluster).report["diagnostics"]
    assert bad["malformed_lines"] == 4
    assert {m["field"] for m in bad["malformed_examples"]} == {"NCPUS"}
    with pytest.raises(empreinte.InvalidDocumentError) as e:
        hpc.analyze(table.drop_columns(["NCPUS"]), cluster_toml=golden_cluster)
    assert e.value.field == "NCPUS"
    listy = table.set_column(
        table.schema.get_field_index("ReqMem"), "ReqMem", pa.array([[1]] * table.num_rows)
    )
    with pytest.raises(empreinte.InvalidDocumentError) as e:
        hpc.analyze(listy, cluster_toml=golden_cluster)
    assert e.value.field == "ReqMem"
    broken = table.set_column(
        table.schema.get_field_index("Elapsed"),
        "Elapsed",
        pa.array(["12:xx"] + table["Elapsed"].to_pylist()[1:], pa.string()),
    )
    result = hpc.analyze(broken, cluster_toml=golden_cluster)
    bad = result.report["diagnostics"]["malformed_examples"]
    assert [(m["line"], m["field"]) for m in bad] == [(1, "Elapsed")]
    with pytest.raises(empreinte.exceptions.InvalidSacctLineError) as e:
        hpc.analyze(broken, cluster_toml=golden_cluster, strict=True)
    assert e.value.field == "Elapsed"
    with pytest.raises(empreinte.InvalidDocumentError):
        hpc.analyze(table, cluster="/nonexistent/cluster.toml")
    with pytest.raises(empreinte.EmpreinteError) as e:
        hpc.analyze(table, cluster_toml="pue = 0.5")
    assert e.value.field == "pue"
    with pytest.raises(TypeError):
        hpc.analyze(42)


def test_an_empty_table_is_an_empty_log_with_its_columns(ga4hpc, golden_cluster):
    empty = text_table(ga4hpc["sacct_raw_lines"]).slice(0, 0)
    stream = hpc.Stream(cluster_toml=golden_cluster)
    assert stream.feed(empty).num_rows == 0
    assert stream.finish().schema == hpc.job_schema()
    assert stream.report["totals"]["jobs"] == 0
    assert "User" not in stream.report["diagnostics"]["missing_columns"]


def test_the_built_in_cluster_and_the_schemas():
    assert hpc.Stream().cluster["name"].lower().startswith("jean")
    schema = hpc.job_schema()
    assert tuple(schema.names) == hpc.JOB_COLUMNS
    ddl = hpc.spark_schema()
    assert ddl.startswith("job_id string, ") and "co2e_g double" in ddl and "ncpus bigint" in ddl
    assert len(ddl.split(", ")) == len(hpc.JOB_COLUMNS)


@pytest.mark.spark
def test_spark_map_in_arrow_in_local_mode(ga4hpc, golden_cluster, golden_log):
    os.environ["PYSPARK_PYTHON"] = os.environ.get("PYSPARK_PYTHON", __import__("sys").executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("empreinte-hpc-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "3")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    try:
        lines = spark.read.csv(str(golden_log), sep="|", header=True)
        jobs = (
            lines.withColumn("job", F.regexp_extract("JobID", r"^[^.]+", 0))
            .repartition("job")
            .sortWithinPartitions("JobID")
            .drop("job")
            .mapInArrow(hpc.map_in_arrow(cluster_toml=golden_cluster), hpc.spark_schema())
        )
        rows = {r["job_id"]: r.asDict() for r in jobs.collect()}
        assert len(rows) == len(ga4hpc["jobs"])
        for e in ga4hpc["jobs"]:
            assert rel(rows[e["job"]]["co2e_g"], e["carbonFootprint_g"])
        total = jobs.agg(F.sum("co2e_g")).collect()[0][0]
        assert rel(total, ga4hpc["totals"]["carbonFootprint_g"])
    finally:
        spark.stop()


@pytest.mark.spark
def test_the_spark_example_with_a_ci_series(root, synthetic_series):
    # the executors get the series' text from the driver
    out = run_example(root, "spark_map_in_arrow.py", synthetic_series, "cluster-series.toml")
    assert "spark: " in out


def test_the_module_example_runs():
    import doctest

    result = doctest.testmod(hpc)
    assert result.attempted > 0 and result.failed == 0


def run_example(root, name, synthetic, cluster="cluster.toml"):
    """Runs examples/hpc/NAME on the synthetic log; checks the totals it prints."""
    d, _, cli_jobs = synthetic
    out = subprocess.run(
        [__import__("sys").executable, str(root / "examples" / "hpc" / name),
         str(d / "sacct.log"), str(d / cluster)],
        check=True, capture_output=True, text=True, timeout=300,
    ).stdout
    # "<tool>: N jobs, X g CO2e" (X summed in each tool's own order: compared at 1e-9)
    expected = sum(j["co2e_g"] for j in cli_jobs)
    totals = [line for line in out.splitlines() if line.endswith(" g CO2e")]
    assert totals, out
    for line in totals:
        jobs, co2e = line.split(": ", 1)[1].removesuffix(" g CO2e").split(" jobs, ")
        assert int(jobs) == len(cli_jobs) and rel(float(co2e), expected), (line, expected)
    return out


def test_the_polars_and_duckdb_example(root, synthetic):
    pytest.importorskip("polars")
    pytest.importorskip("duckdb")
    out = run_example(root, "polars_duckdb.py", synthetic)
    assert "polars: " in out and "duckdb: " in out and "skipped rows: 0" in out
