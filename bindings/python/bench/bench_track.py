"""Overhead of measuring a run: ``import empreinte``, then a tracker's start + stop.

    python bindings/python/bench/bench_track.py [--runs 2000]

A start + stop is two getrusage calls, the RAPL and NVML counters where they exist, one
estimate and its JSON; the job is checked once, when the tracker is made.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=2000)
    args = ap.parse_args()
    cold = subprocess.run(
        [sys.executable, "-c", "import time; t = time.perf_counter(); import empreinte; "
         "print(time.perf_counter() - t)"],
        capture_output=True, text=True, check=True,
    )
    import empreinte

    t = empreinte.track(cpu="Xeon E5-2683 v4", cores=4, location="FR")
    times = []
    for _ in range(args.runs):
        s = time.perf_counter()
        with t:
            pass
        times.append(time.perf_counter() - s)
    times.sort()
    make = []
    for _ in range(200):
        s = time.perf_counter()
        empreinte.track(cpu="Xeon E5-2683 v4", cores=4, location="FR")
        make.append(time.perf_counter() - s)
    print(f"import empreinte (cold process): {float(cold.stdout) * 1000:.1f} ms")
    print(f"track(...) (checks the job):     median {statistics.median(make) * 1e6:.0f} µs")
    print(f"start + stop, {args.runs} runs:       median {statistics.median(times) * 1e6:.0f} µs, "
          f"p99 {times[int(len(times) * 0.99)] * 1e6:.0f} µs, max {times[-1] * 1e6:.0f} µs")
    with t:
        time.sleep(0.3)  # long enough for two NVML readings
    m = t.estimate.measurement if t.estimate else {}
    print(f"energy counters here: RAPL {'yes' if m.get('cpu_energy_j') is not None else 'no'}, "
          f"NVML {'yes (' + ', '.join(m['gpus']) + ')' if m.get('gpu_energy_j') is not None else 'no'}")


if __name__ == "__main__":
    main()
