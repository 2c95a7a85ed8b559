"""The :class:`Estimate` result: read-only attributes named as in the result JSON."""

from __future__ import annotations

import copy
import json
from typing import Any, Callable, Dict, Generic, List, Optional, TypeVar, overload

from . import _core
from .exceptions import InvalidArgumentError

__all__ = ["Estimate"]


def _core_error(field: str, message: str) -> InvalidArgumentError:
    # the core's wording of its invalid_argument error
    return InvalidArgumentError(f"invalid {field}: {message}", field=field)

T = TypeVar("T")


class _Field(Generic[T]):
    """A read-only attribute reading one key of the result (a copy, for dicts and lists)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    @overload
    def __get__(self, obj: None, owner: type) -> "_Field[T]": ...

    @overload
    def __get__(self, obj: "Estimate", owner: type) -> T: ...

    def __get__(self, obj: Optional["Estimate"], owner: type) -> Any:
        if obj is None:
            return self
        value = obj._data.get(self.key)
        return copy.deepcopy(value) if isinstance(value, (dict, list)) else value

    def __set__(self, obj: "Estimate", value: Any) -> None:
        raise AttributeError(f"Estimate.{self.key} is read-only")


class Estimate:
    """The result of :func:`empreinte.estimate` (or of a tracked run).

    Attributes carry the names and units of the result JSON: ``energy_kwh``, ``co2e_g``,
    ``power_w``, ``energy_breakdown_kwh`` (``{"cpu", "gpu", "memory"}``), ``pue``
    (``{"value", "source", "reference"}``), ``ci_g_per_kwh``, ``tree_months``, ``car_km``,
    ``flight``, ``citation`` (``{"fr", "en"}``)… ``to_dict()`` gives the whole result,
    ``to_json()`` the core's JSON text.
    """

    __slots__ = ("_data", "_json", "_summary")

    data_version: _Field[str] = _Field("data_version")
    runtime_h: _Field[float] = _Field("runtime_h")
    energy_kwh: _Field[float] = _Field("energy_kwh")
    co2e_g: _Field[float] = _Field("co2e_g")
    power_w: _Field[float] = _Field("power_w")
    energy_breakdown_kwh: _Field[Dict[str, float]] = _Field("energy_breakdown_kwh")
    co2e_breakdown_g: _Field[Dict[str, float]] = _Field("co2e_breakdown_g")
    power_breakdown_w: _Field[Dict[str, float]] = _Field("power_breakdown_w")
    pue: _Field[Dict[str, Any]] = _Field("pue")
    ci_g_per_kwh: _Field[float] = _Field("ci_g_per_kwh")
    location: _Field[str] = _Field("location")
    ci: _Field[Dict[str, Any]] = _Field("ci")
    platform: _Field[str] = _Field("platform")
    provider: _Field[Optional[str]] = _Field("provider")
    datacenter: _Field[Optional[str]] = _Field("datacenter")
    cpu: _Field[Optional[Dict[str, Any]]] = _Field("cpu")
    gpu: _Field[Optional[Dict[str, Any]]] = _Field("gpu")
    memory_gb: _Field[float] = _Field("memory_gb")
    memory_power_w_per_gb: _Field[float] = _Field("memory_power_w_per_gb")
    multiplicative_factor: _Field[float] = _Field("multiplicative_factor")
    tree_months: _Field[float] = _Field("tree_months")
    car_km: _Field[float] = _Field("car_km")
    flight: _Field[Dict[str, Any]] = _Field("flight")
    citation: _Field[Dict[str, str]] = _Field("citation")
    defaults: _Field[List[str]] = _Field("defaults")
    method: _Field[str] = _Field("method")
    measurement: _Field[Optional[Dict[str, Any]]] = _Field("measurement")

    def __init__(
        self, result_json: str, summary: Optional[Callable[[Optional[str]], str]] = None
    ) -> None:
        self._json = result_json
        self._data: Dict[str, Any] = json.loads(result_json)
        self._summary = summary

    def summary(self, lang: Optional[str] = None) -> str:
        """The text summary, rendered by the core: the words, units and typography of
        ``empreinte estimate`` (``lang``: ``"fr"``, ``"en"``…; by default the language of
        ``$LANG``, French when it starts with ``fr``, else English).

        An :class:`Estimate` made from JSON text alone has no summary: this raises
        ``InvalidArgumentError``.
        """
        if self._summary is None:
            raise _core_error("summary", "this Estimate was made from JSON text alone")
        return self._summary(lang)

    def __str__(self) -> str:
        """The text summary (:meth:`summary`), or the repr for an Estimate without one."""
        return self.__repr__() if self._summary is None else self._summary(None)

    def __getstate__(self) -> Dict[str, Any]:
        # the result travels (pickle, multiprocessing); the way back to its summary does not
        return {"_json": self._json}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self._json = state["_json"]
        self._data = json.loads(self._json)
        self._summary = None

    def __getattr__(self, name: str) -> Any:
        # fields added to the result JSON by later versions of the core
        data = object.__getattribute__(self, "_data")
        if name in data:
            value = data[name]
            return copy.deepcopy(value) if isinstance(value, (dict, list)) else value
        raise AttributeError(f"'Estimate' object has no attribute {name!r}")

    def to_dict(self) -> Dict[str, Any]:
        """The whole result as a dict (a copy)."""
        return copy.deepcopy(self._data)

    def to_json(self, indent: Optional[int] = None) -> str:
        """The result JSON: the core's own text, or re-indented with ``indent``."""
        if indent is None:
            return self._json
        return json.dumps(self._data, indent=indent, ensure_ascii=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Estimate) and self._data == other._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        d = self._data
        where = d.get("location") or "?"
        return (
            f"Estimate(energy_kwh={d['energy_kwh']:.6g}, co2e_g={d['co2e_g']:.6g}, "
            f"power_w={d['power_w']:.6g}, pue={d['pue']['value']:.4g}, "
            f"ci_g_per_kwh={d['ci_g_per_kwh']:.6g}, location={where!r}, "
            f"data_version={d['data_version']!r})"
        )

    def _repr_html_(self) -> str:
        """The notebook card, rendered by the core (French, then English)."""
        return _core.estimate_card(self._json)
