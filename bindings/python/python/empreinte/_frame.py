"""``estimate_frame``: a table of jobs (pandas DataFrame, pyarrow Table or dict of numpy
arrays) estimated in Rust, without the GIL, one result column per figure.

This module only converts: numeric columns become float64 numpy arrays (a missing value
is NaN), name columns become dictionary codes plus their distinct values, so that the
core resolves each distinct model or location once; the core's ``Batch`` does the rest.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from .exceptions import InvalidDocumentError

__all__ = ["estimate_frame", "NUMBER_COLUMNS", "NAME_COLUMNS", "DEFAULT_RESULT_COLUMNS"]

#: Job columns holding numbers (a missing value, NaN or null, means "not given").
NUMBER_COLUMNS: Tuple[str, ...] = tuple(_core.NUMBER_COLUMNS)
#: Job columns holding names.
NAME_COLUMNS: Tuple[str, ...] = tuple(_core.NAME_COLUMNS)
#: Result columns added by default (``columns="all"`` adds the power split too).
DEFAULT_RESULT_COLUMNS: Tuple[str, ...] = tuple(_core.DEFAULT_RESULT_COLUMNS)

def _kind(frame: Any) -> str:
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(frame, pd.DataFrame):
        return "pandas"
    pa = sys.modules.get("pyarrow")
    if pa is not None and isinstance(frame, pa.Table):
        return "arrow"
    if isinstance(frame, Mapping):
        return "dict"
    raise TypeError(
        "estimate_frame takes a pandas DataFrame, a pyarrow Table or a dict of numpy arrays,"
        f" not {type(frame).__name__}"
    )


def _numbers(name: str, col: Any, kind: str) -> Any:
    import numpy as np

    try:
        if kind == "pandas":
            values = col.to_numpy(dtype="float64", na_value=np.nan)
        elif kind == "arrow":
            values = np.asarray(col.to_numpy(), dtype=np.float64)
        else:
            values = np.asarray(col, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise InvalidDocumentError(
            f"column {name}: expected numbers ({e})", field=name
        ) from None
    if values.ndim != 1:
        raise InvalidDocumentError(f"column {name}: expected one dimension", field=name)
    return np.ascontiguousarray(values)


def _distinct(values: Sequence[Any]) -> List[Optional[str]]:
    return [None if v is None or v != v else str(v) for v in values]


def _arrow_names(arr: Any) -> Any:
    """An Arrow column of names as the core reads it: the buffers of a (large) string
    array, read in place, or the codes of a dictionary array."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks != 1 else arr.chunk(0)
    if pa.types.is_dictionary(arr.type):
        codes = pc.fill_null(arr.indices, -1).to_numpy(zero_copy_only=False)
        return ("codes", np.ascontiguousarray(codes, dtype=np.int64),
                _distinct(arr.dictionary.to_pylist()))
    if not pa.types.is_large_string(arr.type):
        arr = arr.cast(pa.large_string())
    n = len(arr)
    _, offsets, data = arr.buffers()
    offs = np.frombuffer(offsets, dtype=np.int64)[arr.offset : arr.offset + n + 1]
    chars = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    nulls = None
    if arr.null_count:
        nulls = np.ascontiguousarray(arr.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    return ("arrow", np.ascontiguousarray(offs), chars, nulls)


def _names(name: str, col: Any, kind: str) -> Any:
    """A column of names: Arrow buffers, dictionary codes, or a numpy object array."""
    import numpy as np

    if kind == "arrow":
        return _arrow_names(col)
    if kind == "pandas":
        dtype = col.dtype
        if str(dtype) == "category":
            return ("codes", np.ascontiguousarray(col.cat.codes, dtype=np.int64),
                    _distinct(list(col.cat.categories)))
        if "pyarrow" in str(getattr(dtype, "storage", "")) or "pyarrow" in str(dtype):
            import pyarrow as pa

            return _arrow_names(pa.array(col))
        return col.to_numpy(dtype=object)
    values = np.asarray(col)
    if values.dtype.kind in "US":
        try:
            import pyarrow as pa

            return _arrow_names(pa.array(values))
        except ImportError:
            pass
    return values.astype(object, copy=False)


def _length(frame: Any, kind: str) -> int:
    if kind in ("pandas", "arrow"):
        return len(frame)
    lengths = {len(v) for v in frame.values()}
    if len(lengths) > 1:
        raise ValueError(f"the arrays have different lengths: {sorted(lengths)}")
    return lengths.pop() if lengths else 0


def estimate_frame(
    frame: Any,
    /,
    *,
    errors: str = "raise",
    columns: Union[None, str, Sequence[str]] = None,
    **constants: Any,
) -> Any:
    """Estimates every row of ``frame`` and returns the same kind of table with the result
    columns added.

    ``frame`` is a pandas DataFrame, a pyarrow Table or a dict of numpy arrays whose
    columns are job fields: ``runtime_h``, ``cpu``, ``cores``, ``usage_cpu``,
    ``tdp_per_core_w``, ``gpu``, ``gpus``, ``usage_gpu``, ``tdp_w``, ``memory_gb``,
    ``platform``, ``provider``, ``datacenter``, ``location``, ``pue``, ``data_version``,
    ``multiplicative_factor``; other columns are kept and ignored. A missing value (None,
    NaN, null) is a field not given. Keyword arguments give a value for every row to the
    fields that are not columns (``estimate_frame(df, location="FR")``).

    Result columns (``columns``: ``None`` for the default set, ``"all"``, or a list):
    ``energy_kwh``, ``co2e_g``, ``power_w``, ``energy_cpu_kwh``, ``energy_gpu_kwh``,
    ``energy_memory_kwh``, ``co2e_cpu_g``, ``co2e_gpu_g``, ``co2e_memory_g``,
    ``power_cpu_w``, ``power_gpu_w``, ``power_memory_w``, ``ci_g_per_kwh`` and ``pue``
    (the PUE used: it replaces a ``pue`` input column).

    ``errors="raise"`` (default) raises the first row's error, an
    :class:`~empreinte.EmpreinteError` whose message starts with ``row N:`` and whose
    ``.row`` is N (the position, from 0); ``errors="null"`` gives nulls in that row's
    results and its message in an ``error`` column (null where the row is fine).
    """
    if errors not in ("raise", "null"):
        raise ValueError(f'errors must be "raise" or "null", not {errors!r}')
    kind = _kind(frame)
    names: List[str] = list(frame.column_names if kind == "arrow" else frame.keys())
    fields = NUMBER_COLUMNS + NAME_COLUMNS
    for key in constants:
        if key not in fields:
            raise TypeError(f"estimate_frame() got an unexpected keyword argument {key!r}")
        if key in names:
            raise ValueError(f"{key} is both a column and a keyword argument")
    n = _length(frame, kind)
    cols: Dict[str, Any] = {}
    for key in names:
        if key in NUMBER_COLUMNS:
            cols[key] = _numbers(key, frame[key], kind)
        elif key in NAME_COLUMNS:
            cols[key] = _names(key, frame[key], kind)
    for key, value in constants.items():
        if key in NAME_COLUMNS and value is not None:
            value = str(value)
        cols[key] = value
    if columns is None:
        outputs = list(DEFAULT_RESULT_COLUMNS)
    elif columns == "all":
        outputs = list(_core.RESULT_COLUMNS)
    else:
        outputs = [columns] if isinstance(columns, str) else list(columns)
    results, row_errors = _core.estimate_columns(n, cols, outputs, errors == "null")
    return _attach(frame, kind, n, results, row_errors if errors == "null" else None)


def _attach(
    frame: Any,
    kind: str,
    n: int,
    results: Dict[str, Any],
    row_errors: Optional[List[Optional[str]]],
) -> Any:
    import numpy as np

    if row_errors is not None and not row_errors:
        row_errors = [None] * n
    if kind == "pandas":
        import pandas as pd

        # one constructor over the columns: no copy of the inputs nor of the results
        columns: Dict[str, Any] = {c: frame[c] for c in frame.columns}
        columns.update(results)
        if row_errors is not None:
            columns["error"] = pd.Series(row_errors, index=frame.index, dtype=object)
        return pd.DataFrame(columns, index=frame.index, copy=False)
    if kind == "arrow":
        import pyarrow as pa

        mask = None
        if row_errors is not None and any(e is not None for e in row_errors):
            mask = np.fromiter((e is not None for e in row_errors), dtype=bool, count=n)
        table = frame
        extra: Dict[str, Any] = {k: pa.array(v, mask=mask) for k, v in results.items()}
        if row_errors is not None:
            extra["error"] = pa.array(row_errors, type=pa.string())
        for key, arr in extra.items():
            if key in table.column_names:
                table = table.set_column(table.column_names.index(key), key, arr)
            else:
                table = table.append_column(key, arr)
        return table
    out = dict(frame)
    out.update(results)
    if row_errors is not None:
        out["error"] = np.array(row_errors, dtype=object)
    return out
