"""Keyword arguments to the core's job JSON (a renaming, nothing computed)."""

from __future__ import annotations

import copy
from typing import Any, Dict, Mapping, Optional

from . import _core

# keyword -> (part, key): the part is "cpu", "gpu", or "" for the top level
_NESTED = {
    "cores": ("cpu", "cores"),
    "usage_cpu": ("cpu", "usage"),
    "tdp_per_core_w": ("cpu", "tdp_per_core_w"),
    "gpus": ("gpu", "count"),
    "usage_gpu": ("gpu", "usage"),
    "tdp_w": ("gpu", "tdp_w"),
}


def job_from(job: Optional[Mapping[str, Any]], fields: Mapping[str, Any]) -> Dict[str, Any]:
    """The job dict of ``job`` (the job JSON shape) updated with the keyword ``fields``.

    ``cpu="Xeon E5-2683 v4"`` and ``gpu="NVIDIA Tesla V100"`` name the models (a dict
    gives the whole part); ``cores``, ``usage_cpu``, ``tdp_per_core_w``, ``gpus``,
    ``usage_gpu``, ``tdp_w`` fill the parts; ``runtime="12h30m"`` is read as people write
    runtimes; every other keyword is a top-level key of the job JSON. ``None`` is "not
    given".
    """
    if job is not None and not isinstance(job, Mapping):
        raise TypeError(f"job must be a dict in the job JSON shape, not {type(job).__name__}")
    out: Dict[str, Any] = copy.deepcopy(dict(job)) if job is not None else {}
    for key, value in fields.items():
        if value is None:
            continue
        if key in ("cpu", "gpu"):
            part = out.setdefault(key, {})
            if not isinstance(part, dict):
                part = out[key] = {}
            if isinstance(value, Mapping):
                part.update(value)
            else:
                part["model"] = value
        elif key in _NESTED:
            part_name, sub = _NESTED[key]
            part = out.setdefault(part_name, {})
            if not isinstance(part, dict):
                part = out[part_name] = {}
            part[sub] = value
        elif key == "runtime":
            out["runtime_h"] = (
                _core.parse_runtime(value, "runtime") if isinstance(value, str) else value
            )
        else:
            out[key] = value
    return out
