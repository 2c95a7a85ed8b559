"""Keyword arguments to the core's job JSON (a renaming, nothing computed)."""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional

from . import _core


def job_from(job: Optional[Mapping[str, Any]], fields: Mapping[str, Any]) -> Dict[str, Any]:
    """The job dict of ``job`` (the job JSON shape) updated with the keyword ``fields``.

    ``cpu="Xeon E5-2683 v4"`` and ``gpu="NVIDIA Tesla V100"`` name the models (a dict
    gives the whole part); ``cores``, ``usage_cpu``, ``tdp_per_core_w``, ``gpus``,
    ``usage_gpu``, ``tdp_w`` fill the parts; ``runtime="12h30m"`` is read as people write
    runtimes; every other keyword is a top-level key of the job JSON. ``None`` is "not
    given". The rule is the core's (``empreinte::batch::job_from_flat``), the same as the
    columns of :func:`estimate_frame` and the options of the command line.
    """
    base = dict(job) if isinstance(job, Mapping) and not isinstance(job, dict) else job
    result: Dict[str, Any] = json.loads(_core.job_from_flat(base, dict(fields)))
    return result
