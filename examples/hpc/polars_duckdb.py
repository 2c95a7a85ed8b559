"""Per-user and per-project footprints of a Slurm accounting log with Polars and DuckDB,
the per-job maths done by empreinte.hpc on their Arrow record batches.

    empreinte hpc --generate 100000 > sacct.log               # or: sacct -P ... > sacct.log
    empreinte hpc --example-cluster synthetic > cluster.toml  # or your cluster file
    python examples/hpc/polars_duckdb.py sacct.log cluster.toml

Needs ``pip install empreinte polars duckdb`` (pyarrow comes with them).
"""

import sys

import duckdb
import polars as pl

import empreinte.hpc as hpc

log, cluster = sys.argv[1], sys.argv[2]

# Polars: the log as read (sacct -P is '|'-separated, never quoted); typed columns work
# too (integers, durations, datetimes are written back as sacct's text).
lines = pl.read_csv(log, separator="|", quote_char=None, infer_schema=False)
result = hpc.analyze(lines, cluster)
jobs = pl.from_arrow(result.jobs)
per_user = (
    jobs.group_by("user")
    .agg(pl.len().alias("jobs"), pl.col("energy_kwh").sum(), pl.col("co2e_g").sum())
    .sort("co2e_g", descending=True)
)
print(per_user.head(5))
print(f"polars: {jobs.height} jobs, {jobs['co2e_g'].sum():.6f} g CO2e")

# DuckDB: stream the log's record batches through empreinte, then SQL over the jobs.
con = duckdb.connect()
relation = con.read_csv(log, sep="|", header=True)
reader = relation.to_arrow_reader(65_536)
analysis = hpc.analyze(reader, cluster)
jobs_table = analysis.jobs
print(
    con.sql(
        """select account, count(*) as jobs,
                  round(sum(co2e_g) / 1000, 3) as co2e_kg,
                  round(coalesce(sum(co2e_g) filter (where not success), 0) / 1000, 3) as failed_kg
           from jobs_table group by account order by co2e_kg desc limit 5"""
    )
)
total = con.sql("select sum(co2e_g) from jobs_table").fetchall()[0][0]
print(f"duckdb: {jobs_table.num_rows} jobs, {total:.6f} g CO2e")
print(f"skipped rows: {analysis.report['diagnostics']['malformed_lines']}")
