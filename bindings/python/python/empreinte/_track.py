"""Measuring a run: ``with empreinte.track(...) as t:`` and ``@empreinte.tracked(...)``.

The measuring is the Rust crate empreinte-measure (wall time, process CPU time, peak
memory, RAPL and NVML energy where readable); this module only wraps it.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Dict, Mapping, Optional, TypeVar

from . import _core
from ._estimate import Estimate
from ._job import job_from

__all__ = ["Tracker", "track", "tracked"]

F = TypeVar("F", bound=Callable[..., Any])


class Tracker:
    """Measures the code run between :meth:`start` and :meth:`stop` (or inside a
    ``with`` block) and estimates its footprint.

    The job is given as for :func:`empreinte.estimate`, without the runtime: the wall
    time is the runtime, the process's CPU time gives the CPU usage factor (CPU time ÷
    (wall time × cores)), the peak resident memory is the memory when ``memory_gb`` is
    not given, and a RAPL (CPU packages) or NVML (NVIDIA GPUs) energy, where readable,
    replaces the estimate of its component. ``estimate.measurement`` says which
    component was measured and how. A job the core cannot estimate fails here, before
    the run.
    """

    def __init__(self, job: Optional[Mapping[str, Any]] = None, /, **fields: Any) -> None:
        self._native = _core.Tracker(job_from(job, fields))
        self.estimate: Optional[Estimate] = None

    def start(self) -> "Tracker":
        """Takes the first reading."""
        self.estimate = None
        self._native.start()
        return self

    def stop(self) -> Estimate:
        """Takes the second reading and estimates; the result is also in ``.estimate``."""
        self.estimate = Estimate(self._native.stop(), self._native.summary)
        return self.estimate

    @property
    def measurement(self) -> Optional[Dict[str, Any]]:
        """What was measured (``None`` before the end of the run)."""
        return None if self.estimate is None else self.estimate.measurement

    def __enter__(self) -> "Tracker":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def track(job: Optional[Mapping[str, Any]] = None, /, **fields: Any) -> Tracker:
    """A :class:`Tracker` for a ``with`` block::

        with empreinte.track(cpu="Xeon E5-2683 v4", cores=4, location="FR") as t:
            train()
        print(t.estimate.co2e_g, t.estimate.measurement["usage_cpu"])
    """
    return Tracker(job, **fields)


def tracked(job: Optional[Mapping[str, Any]] = None, /, **fields: Any) -> Callable[[F], F]:
    """A decorator that measures each call of the function; the last call's estimate is
    the wrapper's ``last_estimate``::

        @empreinte.tracked(cpu="Any", cores=8, location="FR")
        def train(): ...
    """
    spec = job_from(job, fields)
    _core.Tracker(spec)  # checks the job now, at decoration time

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = Tracker(spec)
            with t:
                result = fn(*args, **kwargs)
            wrapper.last_estimate = t.estimate  # type: ignore[attr-defined]
            return result

        wrapper.last_estimate = None  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
