"""The :class:`Estimate` result: read-only attributes named as in the result JSON."""

from __future__ import annotations

import copy
import html
import json
from typing import Any, Dict, Generic, List, Optional, TypeVar, overload

__all__ = ["Estimate"]

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

    __slots__ = ("_data", "_json")

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

    def __init__(self, result_json: str) -> None:
        self._json = result_json
        self._data: Dict[str, Any] = json.loads(result_json)

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
        return _card(self._data)


def _fmt_energy(kwh: float) -> str:
    return f"{kwh:.3g} kWh" if kwh >= 1 else f"{kwh * 1000:.3g} Wh"


def _fmt_mass(g: float) -> str:
    return f"{g / 1000:.3g} kgCO₂e" if g >= 1000 else f"{g:.3g} gCO₂e"


_COLOURS = {"cpu": "#2b6cb0", "gpu": "#c05621", "memory": "#2f855a"}
_LABELS = {"cpu": ("CPU", "CPU"), "gpu": ("GPU", "GPU"), "memory": ("Memory", "Mémoire")}


def _card(d: Dict[str, Any]) -> str:
    """A small bilingual card (English, then French) for Jupyter: figures, breakdown bar,
    citation. Self-contained: inline styles, no script, no external resource."""
    e = html.escape
    total = d["energy_kwh"] or 0.0
    parts = d["energy_breakdown_kwh"]
    segments = []
    legend = []
    for key in ("cpu", "gpu", "memory"):
        share = (parts[key] / total * 100) if total > 0 else 0.0
        if share <= 0:
            continue
        en, fr = _LABELS[key]
        segments.append(
            f'<div title="{en} / {fr} {share:.1f}%" style="width:{share:.2f}%;'
            f'background:{_COLOURS[key]}"></div>'
        )
        legend.append(
            f'<span style="margin-right:1em"><span style="display:inline-block;width:.8em;'
            f'height:.8em;background:{_COLOURS[key]};margin-right:.3em"></span>'
            f"{en} / {fr} {share:.1f}%</span>"
        )
    measured = ""
    if d.get("measurement"):
        comps = d["measurement"].get("components", {})
        items = ", ".join(f"{k}: {e(str(v.get('status')))}" for k, v in comps.items())
        measured = f'<div style="font-size:.85em;color:#555">measured run / mesure : {items}</div>'
    rows = [
        ("Energy", "Énergie", _fmt_energy(d["energy_kwh"])),
        ("Carbon footprint", "Empreinte carbone", _fmt_mass(d["co2e_g"])),
        ("Power", "Puissance", f"{d['power_w']:.4g} W"),
        ("PUE", "PUE", f"{d['pue']['value']:.3g} ({e(str(d['pue']['source']))})"),
        (
            "Carbon intensity",
            "Intensité carbone",
            f"{d['ci_g_per_kwh']:.4g} gCO₂e/kWh ({e(str(d.get('location')))})",
        ),
        ("Tree-months", "Mois-arbre", f"{d['tree_months']:.3g}"),
    ]
    table = "".join(
        f'<tr><th style="text-align:left;font-weight:normal;padding-right:1em">{en}'
        f' <span style="color:#777">/ {fr}</span></th><td style="text-align:right">'
        f"<b>{value}</b></td></tr>"
        for en, fr, value in rows
    )
    cite = d.get("citation", {})
    return (
        '<div class="empreinte-card" style="font-family:sans-serif;max-width:40em;'
        'border:1px solid #ccc;border-radius:6px;padding:.8em 1em">'
        f'<div style="font-weight:bold;margin-bottom:.4em">Empreinte — Green Algorithms '
        f"({e(str(d.get('data_version')))})</div>"
        f'<table style="border-collapse:collapse">{table}</table>'
        '<div role="img" aria-label="energy breakdown / répartition de l\'énergie" '
        'style="display:flex;height:.9em;margin:.6em 0 .3em;border-radius:3px;overflow:hidden;'
        f'background:#eee">{"".join(segments)}</div>'
        f'<div style="font-size:.85em">{"".join(legend)}</div>{measured}'
        f'<p lang="en" style="font-size:.85em;margin:.6em 0 .2em">{e(cite.get("en", ""))}</p>'
        f'<p lang="fr" style="font-size:.85em;margin:.2em 0">{e(cite.get("fr", ""))}</p>'
        "</div>"
    )
