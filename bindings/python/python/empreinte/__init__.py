"""Empreinte: the carbon footprint of computation (Green Algorithms method), from Python.

>>> import empreinte
>>> e = empreinte.estimate(runtime_h=12, cpu="Xeon E5-2683 v4", cores=12, memory_gb=64,
...                        location="FR")
>>> round(e.energy_kwh, 6), round(e.co2e_g, 3)
(2.131085, 109.282)

Everything is computed by the Rust core (``empreinte._core``); this package converts.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from . import _core, data, exceptions
from ._estimate import Estimate
from ._frame import estimate_frame
from ._job import job_from
from ._report import Report, report, verify
from ._track import Tracker, track, tracked
from .exceptions import (
    EmpreinteError,
    InvalidDocumentError,
    InvalidInputError,
    MissingFieldError,
    UnknownCpuError,
    UnknownGpuError,
    UnknownLocationError,
    UnknownModelError,
    UnknownNameError,
)

__version__: str = _core.__version__

__all__ = [
    "__version__",
    "estimate",
    "estimate_frame",
    "track",
    "tracked",
    "Tracker",
    "Estimate",
    "report",
    "verify",
    "Report",
    "data",
    "exceptions",
    "EmpreinteError",
    "InvalidInputError",
    "InvalidDocumentError",
    "MissingFieldError",
    "UnknownNameError",
    "UnknownModelError",
    "UnknownCpuError",
    "UnknownGpuError",
    "UnknownLocationError",
]


def estimate(job: Optional[Mapping[str, Any]] = None, /, **fields: Any) -> Estimate:
    """Estimates the energy and carbon footprint of one job.

    Give the job as a dict in the job JSON shape, or as keywords (or both: keywords
    win): ``runtime_h`` (or ``runtime="12h30m"``), ``cpu`` (model name), ``cores``,
    ``usage_cpu``, ``tdp_per_core_w``, ``gpu``, ``gpus``, ``usage_gpu``, ``tdp_w``,
    ``memory_gb``, ``location``, ``platform``, ``provider``, ``datacenter``, ``pue``,
    ``multiplicative_factor``, ``data_version``; any other key of the job JSON is passed
    as is.

    Raises an :class:`EmpreinteError` subclass naming the field (``.field``) and, for an
    unknown name, the nearest known ones (``.suggestions``).
    """
    spec = job_from(job, fields)
    return Estimate(_core.estimate(spec), lambda lang: _core.estimate_summary(spec, lang))
