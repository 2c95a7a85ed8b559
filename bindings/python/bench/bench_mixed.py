"""The realistic table, side by side with what a data scientist would write instead:
``estimate_frame`` on shuffled jobs of many CPU models, GPU models and locations, against
a Polars join, DuckDB SQL and a pandas merge that compute the same figures with the same
Green Algorithms order of operations, checked bit for bit.

    python bindings/python/bench/bench_mixed.py [--rows 1000000] [--repeat 3]

The jobs: ``--cpus`` CPU models × ``--locations`` locations × ``--gpus`` GPU models (a
fifth of the rows have a GPU part), local servers (the data version's default PUE),
shuffled. The joins get the models' and locations' values from Empreinte's own tables
(``empreinte.data``) so that every tool computes from the same numbers. Times are the
best of ``--repeat`` runs, wall clock; the last lines are the ratios (above 1: Empreinte
is faster).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import empreinte

# v3.0's default PUE of a local server and memory power (referenceValues.csv)
PUE = 1.56
MEMORY_W_PER_GB = 0.3725


def pick_names(n_cpus: int, n_gpus: int, n_locations: int):
    """Models and locations that exist in data v3.0, with their values."""
    cpus = [r for r in empreinte.data.cpus() if r["name"] not in ("Any", "other")][:n_cpus]
    gpus = [r for r in empreinte.data.gpus() if r["name"] not in ("Any", "other")][:n_gpus]
    locs = [r for r in empreinte.data.locations() if r["code"] not in ("WORLD",)][:n_locations]
    return cpus, gpus, locs


def make_table(n: int, cpus, gpus, locs, seed: int = 0):
    """A pandas DataFrame of `n` shuffled jobs (object columns for the names)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    has_gpu = rng.random(n) < 0.2
    gpu = np.array([g["name"] for g in gpus], dtype=object)[rng.integers(0, len(gpus), n)]
    return pd.DataFrame(
        {
            "runtime_h": rng.uniform(0.1, 48.0, n),
            "cpu": np.array([c["name"] for c in cpus], dtype=object)[rng.integers(0, len(cpus), n)],
            "cores": rng.integers(1, 65, n).astype(np.float64),
            "gpu": np.where(has_gpu, gpu, None),
            "gpus": np.where(has_gpu, rng.integers(1, 9, n).astype(np.float64), np.nan),
            "memory_gb": rng.uniform(1.0, 256.0, n),
            "location": np.array([x["code"] for x in locs], dtype=object)[rng.integers(0, len(locs), n)],
        }
    )


def lookup_frames(cpus, gpus, locs):
    import pandas as pd

    return (
        pd.DataFrame({"cpu": [c["name"] for c in cpus], "tdp_per_core_w": [float(c["tdp_per_core_w"]) for c in cpus]}),
        pd.DataFrame({"gpu": [g["name"] for g in gpus], "tdp_w": [float(g["tdp_w"]) for g in gpus]}),
        pd.DataFrame({"location": [x["code"] for x in locs], "ci_g_per_kwh": [float(x["ci_g_per_kwh"]) for x in locs]}),
    )


def polars_join(pl, jobs, cpu_t, gpu_t, loc_t):
    """energy_kwh and co2e_g by a Polars join, in Green Algorithms' order of operations."""
    c = pl.col
    # Polars divides by a literal as a multiplication by its reciprocal (one ULP off for
    # some rows): a column of 1000s gives the exact division, as the calculator does
    thousand = pl.Series("k", np.full(jobs.height, 1000.0))
    out = (
        jobs.with_columns(thousand)
        .join(cpu_t, on="cpu", how="left", maintain_order="left")
        .join(gpu_t, on="gpu", how="left", maintain_order="left")
        .join(loc_t, on="location", how="left", maintain_order="left")
        .with_columns(
            p_cpu=PUE * c("cores") * c("tdp_per_core_w") * 1.0,
            p_gpu=(PUE * c("gpus") * c("tdp_w") * 1.0).fill_null(0.0).fill_nan(0.0),
            p_mem=PUE * (c("memory_gb") * MEMORY_W_PER_GB),
        )
        .with_columns(power=c("p_cpu") + c("p_gpu") + c("p_mem"))
        .with_columns(energy_kwh=c("runtime_h") * c("power") * 1.0 / c("k"))
        .with_columns(co2e_g=c("energy_kwh") * c("ci_g_per_kwh"))
    )
    return out.select("energy_kwh", "co2e_g")


DUCKDB_SQL = f"""
SELECT e.energy_kwh, e.energy_kwh * l.ci_g_per_kwh AS co2e_g FROM (
  SELECT j.rid, j.location,
    j.runtime_h * ({PUE} * j.cores * c.tdp_per_core_w * 1.0
                   + coalesce({PUE} * j.gpus * g.tdp_w * 1.0, 0.0)
                   + {PUE} * (j.memory_gb * {MEMORY_W_PER_GB})) * 1.0 / 1000.0 AS energy_kwh
  FROM jobs j JOIN cpus c USING (cpu) LEFT JOIN gpus g USING (gpu)
) e JOIN locs l USING (location) ORDER BY e.rid
"""


def pandas_merge(df, cpu_t, gpu_t, loc_t):
    m = df.merge(cpu_t, on="cpu", how="left").merge(gpu_t, on="gpu", how="left").merge(loc_t, on="location", how="left")
    p_cpu = PUE * m["cores"] * m["tdp_per_core_w"] * 1.0
    p_gpu = (PUE * m["gpus"] * m["tdp_w"] * 1.0).fillna(0.0)
    p_mem = PUE * (m["memory_gb"] * MEMORY_W_PER_GB)
    energy = m["runtime_h"] * (p_cpu + p_gpu + p_mem) * 1.0 / 1000.0
    return energy.to_numpy(), (energy * m["ci_g_per_kwh"]).to_numpy()


def best(fn, repeat: int):
    runs = []
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t)
    return min(runs), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cpus", type=int, default=20)
    ap.add_argument("--gpus", type=int, default=5)
    ap.add_argument("--locations", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import duckdb
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    cpus, gpus, locs = pick_names(args.cpus, args.gpus, args.locations)
    df = make_table(args.rows, cpus, gpus, locs)
    cpu_t, gpu_t, loc_t = lookup_frames(cpus, gpus, locs)
    n = len(df)
    cat = df.astype({"cpu": "category", "gpu": "category", "location": "category"})
    arrow = pa.Table.from_pandas(cat, preserve_index=False)  # dictionary columns
    pl_jobs, pl_cpu, pl_gpu, pl_loc = (pl.from_pandas(x) for x in (df, cpu_t, gpu_t, loc_t))
    con = duckdb.connect()
    con.register("jobs", pa.Table.from_pandas(df.assign(rid=np.arange(n)), preserve_index=False))
    con.register("cpus", pa.Table.from_pandas(cpu_t, preserve_index=False))
    con.register("gpus", pa.Table.from_pandas(gpu_t, preserve_index=False))
    con.register("locs", pa.Table.from_pandas(loc_t, preserve_index=False))

    times = {}
    times["empreinte, pandas object columns"], ref = best(lambda: empreinte.estimate_frame(df), args.repeat)
    times["empreinte, pandas categoricals"], _ = best(lambda: empreinte.estimate_frame(cat), args.repeat)
    times["empreinte, Arrow dictionary columns"], _ = best(lambda: empreinte.estimate_frame(arrow), args.repeat)
    times["Polars join + arithmetic"], pl_out = best(lambda: polars_join(pl, pl_jobs, pl_cpu, pl_gpu, pl_loc), args.repeat)
    times["DuckDB SQL on Arrow"], dk_out = best(lambda: con.sql(DUCKDB_SQL).to_arrow_table(), args.repeat)
    times["pandas merge + arithmetic"], pd_out = best(lambda: pandas_merge(df, cpu_t, gpu_t, loc_t), args.repeat)

    # the same figures, bit for bit
    e_ref, c_ref = ref["energy_kwh"].to_numpy(), ref["co2e_g"].to_numpy()
    for name, (e, c) in {
        "Polars": (pl_out["energy_kwh"].to_numpy(), pl_out["co2e_g"].to_numpy()),
        "DuckDB": (dk_out.column("energy_kwh").to_numpy(), dk_out.column("co2e_g").to_numpy()),
        "pandas": pd_out,
    }.items():
        assert np.array_equal(e, e_ref) and np.array_equal(c, c_ref), f"{name} differs from Empreinte"

    print(f"{n:,} shuffled jobs: {len(cpus)} CPU models × {len(locs)} locations × {len(gpus)} GPU models "
          f"(20 % GPU rows); the same energy_kwh and co2e_g, bit for bit, from every tool")
    for name, s in times.items():
        print(f"  {name:38s} {s * 1000:8.1f} ms  {n / s / 1e6:6.2f} M rows/s")
    ratio = lambda other, mine: times[other] / times[mine]  # noqa: E731
    print("ratios (other tool's time ÷ Empreinte's; above 1: Empreinte is faster):")
    print(f"  Polars join / Empreinte on Arrow            {ratio('Polars join + arithmetic', 'empreinte, Arrow dictionary columns'):5.2f}")
    print(f"  DuckDB SQL / Empreinte on Arrow             {ratio('DuckDB SQL on Arrow', 'empreinte, Arrow dictionary columns'):5.2f}")
    print(f"  pandas merge / Empreinte on object columns  {ratio('pandas merge + arithmetic', 'empreinte, pandas object columns'):5.2f}")


if __name__ == "__main__":
    main()
