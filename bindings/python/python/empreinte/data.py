"""The data tables compiled into empreinte, for any data version.

Each function returns a list of dicts (one per row, with the core's field names), or a
pandas DataFrame with ``as_frame=True`` when pandas is installed.

>>> from empreinte import data
>>> data.cpus(search="E5-2683 v4")[0]["tdp_per_core_w"]
7.5
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from . import _core

__all__ = ["cpus", "gpus", "locations", "providers", "datacenters", "search", "versions"]

TABLES = ("cpus", "gpus", "locations", "providers", "datacenters")


def _rows(name: str, data_version: Optional[str], search: Optional[str], as_frame: bool) -> Any:
    rows: List[Dict[str, Any]] = json.loads(_core.table(name, data_version, search))
    if as_frame:
        import pandas as pd

        return pd.DataFrame(rows)
    return rows


def versions() -> List[str]:
    """The data versions, oldest first (``["v1.0", …, "v3.0"]``)."""
    return list(_core.data_versions())


def cpus(
    data_version: Optional[str] = None, *, search: Optional[str] = None, as_frame: bool = False
) -> Any:
    """CPU models (name, tdp_w, cores, tdp_per_core_w, release_year, source)."""
    return _rows("cpus", data_version, search, as_frame)


def gpus(
    data_version: Optional[str] = None, *, search: Optional[str] = None, as_frame: bool = False
) -> Any:
    """GPU and TPU models (name, tdp_w, memory_gb, release_year, source)."""
    return _rows("gpus", data_version, search, as_frame)


def locations(
    data_version: Optional[str] = None, *, search: Optional[str] = None, as_frame: bool = False
) -> Any:
    """Locations and their carbon intensity (code, continent, country, region,
    ci_g_per_kwh, kind, source, comments)."""
    return _rows("locations", data_version, search, as_frame)


def providers(
    data_version: Optional[str] = None, *, search: Optional[str] = None, as_frame: bool = False
) -> Any:
    """Cloud providers (code, name, has_datacenters)."""
    return _rows("providers", data_version, search, as_frame)


def datacenters(
    data_version: Optional[str] = None, *, search: Optional[str] = None, as_frame: bool = False
) -> Any:
    """Cloud data centres (provider, name, location, place, source, pue, pue_source)."""
    return _rows("datacenters", data_version, search, as_frame)


def search(
    query: str, data_version: Optional[str] = None, *, as_frame: bool = False
) -> Dict[str, Any]:
    """Rows of every table matching every word of ``query``: ``{"cpus": [...], …}``."""
    return {name: _rows(name, data_version, query, as_frame) for name in TABLES}
