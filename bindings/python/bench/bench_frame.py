"""Rows per second of ``empreinte.estimate_frame`` against a pure-Python loop over the
same formula, on CPU-only jobs with a repeated model and location.

    python bindings/python/bench/bench_frame.py [--rows 5000000] [--python-rows 1000000]

Prints one line per input kind (pandas DataFrame, pyarrow Table, dict of numpy arrays),
the pure-Python loop, and the ratio. Times are the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import empreinte


def make_columns(n: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    return {
        "runtime_h": rng.uniform(0.1, 48.0, n),
        "cpu": np.full(n, "Xeon E5-2683 v4", dtype=object),
        "cores": rng.integers(1, 65, n).astype(np.float64),
        "memory_gb": rng.uniform(1.0, 256.0, n),
        "location": np.full(n, "FR", dtype=object),
    }


def best(fn, repeat: int) -> tuple:
    """Best wall time and the CPU time of that run (every thread of the process), s."""
    runs = []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - t, time.process_time() - c))
    return min(runs)


def python_loop(runtime_h, cores, memory_gb) -> list:
    """The Green Algorithms formula for one CPU model and location, in plain Python, with
    the model's and the location's values resolved once (what a hand-written loop does
    at best): 7.5 W per core (Xeon E5-2683 v4), PUE 1.56, 0.3725 W/GB, 51.28 g/kWh."""
    tdp, pue, mem_w, ci = 7.5, 1.56, 0.3725, 51.28
    out = []
    for t, n, m in zip(runtime_h, cores, memory_gb):
        p_cpu = pue * n * tdp * 1.0
        p_mem = pue * (m * mem_w)
        power = p_cpu + p_mem
        energy = t * power * 1.0 / 1000.0
        e_cpu = t * p_cpu * 1.0 / 1000.0
        e_mem = t * p_mem * 1.0 / 1000.0
        out.append((energy, energy * ci, power, e_cpu, 0.0, e_mem, e_cpu * ci, 0.0, e_mem * ci))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--python-rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = args.rows
    cols = make_columns(n)
    results = {}

    import pandas as pd

    df = pd.DataFrame({k: (v.astype(str) if v.dtype == object else v) for k, v in cols.items()})
    results["pandas DataFrame"] = best(lambda: empreinte.estimate_frame(df), args.repeat)
    try:
        import pyarrow as pa

        table = pa.table(df)
        results["pyarrow Table"] = best(lambda: empreinte.estimate_frame(table), args.repeat)
    except ImportError:
        pass
    results["dict of numpy arrays"] = best(lambda: empreinte.estimate_frame(cols), args.repeat)

    # the same figures, checked on a few rows
    out = empreinte.estimate_frame(df.head(1000))
    ref = python_loop(df.runtime_h[:1000], df.cores[:1000], df.memory_gb[:1000])
    assert np.allclose(out.energy_kwh.to_numpy(), [r[0] for r in ref], rtol=1e-12)

    m = min(args.python_rows, n)
    rt, co, me = (list(cols[k][:m]) for k in ("runtime_h", "cores", "memory_gb"))
    py_s, py_cpu = best(lambda: python_loop(rt, co, me), 1)
    py_rate = m / py_s

    print(f"rows: {n:,} CPU-only jobs, one model (Xeon E5-2683 v4), one location (FR)")
    for kind, (s, cpu) in results.items():
        rate = n / s
        print(f"estimate_frame, {kind:22s} {s * 1000:8.1f} ms  {rate / 1e6:6.2f} M rows/s"
              f"  ×{rate / py_rate:5.1f} vs pure Python  ({n / cpu / 1e6:.2f} M rows per CPU-second)")
    print(f"pure-Python loop, {m:,} rows       {py_s * 1000:8.1f} ms  {py_rate / 1e6:6.2f} M rows/s"
          f"  ({m / py_cpu / 1e6:.2f} M rows per CPU-second)")


if __name__ == "__main__":
    main()
