"""Lines per second of ``empreinte.hpc.analyze`` on Arrow record batches of a synthetic
sacct log (the log of ``empreinte hpc --generate``, read as text columns by pyarrow's CSV
reader), beside ``empreinte hpc`` reading the same file.

    python bindings/python/bench/bench_hpc.py [--lines 1000000] [--repeat 3]

Needs the ``empreinte`` binary on PATH or in EMPREINTE_BIN (a release build for fair
figures). Times are the best of ``--repeat`` runs; the Arrow figure excludes reading the
CSV (the data is already in Arrow where this is used), the CLI figure includes reading
the file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time

import pyarrow as pa
import pyarrow.csv as pv

import empreinte.hpc as hpc


def best(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return min(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    exe = os.environ.get("EMPREINTE_BIN") or shutil.which("empreinte")
    if not exe:
        raise SystemExit("set EMPREINTE_BIN to the empreinte binary")
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, "sacct.log")
        with open(log, "wb") as f:
            subprocess.run([exe, "hpc", "--generate", str(args.lines), "--seed", "42"], stdout=f, check=True)
        cluster = subprocess.run(
            [exe, "hpc", "--example-cluster", "synthetic"], capture_output=True, text=True, check=True
        ).stdout
        size_mb = os.path.getsize(log) / 1e6
        header = open(log).readline().strip().split("|")
        table = pv.read_csv(
            log,
            parse_options=pv.ParseOptions(delimiter="|", quote_char=False),
            convert_options=pv.ConvertOptions(column_types={c: pa.string() for c in header}),
        )
        rows = table.num_rows
        batches = table.to_batches(max_chunksize=65_536)
        jobs = [0]

        def arrow() -> None:
            jobs[0] = hpc.analyze(batches, cluster_toml=cluster).jobs.num_rows

        cluster_file = os.path.join(d, "cluster.toml")
        with open(cluster_file, "w") as f:
            f.write(cluster)

        def cli_file() -> None:
            subprocess.run([exe, "hpc", "-c", cluster_file, "--progress", "never", log],
                           capture_output=True, check=True)

        t_arrow = best(arrow, args.repeat)
        t_cli = best(cli_file, args.repeat)
        print(f"{rows} lines ({size_mb:.0f} MB as text), {jobs[0]} jobs")
        print(f"hpc.analyze, Arrow batches of 65 536 rows: {t_arrow:.3f} s, {rows / t_arrow / 1e6:.2f} M lines/s"
              " (with the result table)")
        print(f"empreinte hpc on the file:                  {t_cli:.3f} s, {rows / t_cli / 1e6:.2f} M lines/s"
              " (summary only)")


if __name__ == "__main__":
    main()
