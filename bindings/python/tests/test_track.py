import os
import shutil
import subprocess
import time

import pytest

import empreinte


def busy(seconds):
    end = time.perf_counter() + seconds
    x = 0
    while time.perf_counter() < end:
        x += 1
    return x


def test_busy_loop_uses_about_one_core():
    c0, w0 = time.process_time(), time.perf_counter()
    with empreinte.track(cpu="Any", cores=1, location="FR") as t:
        busy(0.5)
    ratio = (time.process_time() - c0) / (time.perf_counter() - w0)
    m = t.estimate.measurement
    # the machine may be shared: compare with what Python itself saw, with slack
    assert abs(m["usage_cpu"] - ratio) < 0.15, (m, ratio)
    assert m["usage_cpu"] > 0.2
    assert t.estimate.cpu["usage"] == min(1.0, m["usage_cpu"])
    assert 0.45 < m["wall_s"] < 5 and m["components"]["cpu"]["status"] in ("estimated", "measured")
    assert t.estimate.runtime_h == pytest.approx(m["wall_s"] / 3600)
    assert t.estimate.memory_gb == pytest.approx(m["peak_rss_gb"]) and m["peak_rss_gb"] > 0.01


def test_sleep_uses_about_nothing():
    with empreinte.track(cpu="Any", cores=1, memory_gb=1, location="FR") as t:
        time.sleep(0.3)
    m = t.estimate.measurement
    assert m["usage_cpu"] < 0.1, m
    assert m["components"]["memory"]["method"].endswith("stated memory")
    assert t.estimate.memory_gb == 1


def test_decorator_and_bad_jobs_fail_before_the_run():
    @empreinte.tracked(cpu="Any", cores=2, location="FR")
    def work(n):
        return sum(range(n))

    assert work(10_000) == sum(range(10_000))
    assert isinstance(work.last_estimate, empreinte.Estimate)
    assert work.last_estimate.measurement["cores"] == 2
    with pytest.raises(empreinte.UnknownCpuError):
        empreinte.track(cpu="Xeon E5-2638 v4", location="FR")
    with pytest.raises(empreinte.exceptions.NoProcessorError):
        empreinte.tracked(location="FR")
    with pytest.raises(empreinte.exceptions.MissingLocationError):
        empreinte.track(cpu="Any")


def test_a_tracker_can_be_started_and_stopped_again():
    # (its overhead is measured by bench/bench_track.py, not by a test)
    t = empreinte.track(cpu="Any", cores=1, location="FR")
    for _ in range(3):
        t.start()
        time.sleep(0.02)
        estimate = t.stop()
        # each stop measures the time since its own start
        assert 0.02 <= estimate.runtime_h * 3600 < 60, estimate.runtime_h


def _cli():
    exe = os.environ.get("EMPREINTE_BIN") or shutil.which("empreinte")
    if exe is None:
        pytest.skip("the empreinte binary is not built (set EMPREINTE_BIN)")
    return exe


def test_cli_run_passes_the_exit_code_through():
    exe = _cli()
    ok = subprocess.run([exe, "run", "--cpu", "Any", "--cores", "1", "--location", "FR",
                         "--format", "json", "--", "true"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert '"measurement"' in ok.stderr and ok.stdout == ""
    bad = subprocess.run([exe, "run", "--cpu", "Any", "--cores", "1", "--location", "FR",
                          "--", "false"], capture_output=True, text=True)
    assert bad.returncode == 1
    code = subprocess.run([exe, "run", "--cpu", "Any", "--location", "FR", "--", "sh", "-c",
                           "exit 7"], capture_output=True, text=True)
    assert code.returncode == 7
