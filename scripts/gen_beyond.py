#!/usr/bin/env python3
"""Turn data/beyond/*.csv into static Rust tables.

Writes crates/empreinte/src/beyond/generated.rs: the embodied-emission constants of the
two models (GA-data v3.1 die-area model, Cloud Carbon Footprint / Teads), GPU die areas,
the uncertainty bounds per factor, the water intensities of electricity and the default
WUE, each row with its source. With --check, exits 1 when the committed file differs from
what the CSVs give (a freshness check for `make lint`).

The CSVs are ours (see data/beyond/README.md for sources, years and licences). Every file
has one header row; values are read by column name.
"""
import csv
import hashlib
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "beyond"
OUT = ROOT / "crates" / "empreinte" / "src" / "beyond" / "generated.rs"
FILES = [
    "embodied-ga-v3.1.csv",
    "embodied-ccf-teads.csv",
    "die-areas.csv",
    "uncertainty-bounds.csv",
    "water-ewif.csv",
    "water-wue.csv",
]


def rows(name):
    text = (DATA / name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    out = []
    for r in reader:
        if not any((v or "").strip() for v in r.values()):
            continue
        out.append({k.strip(): (v or "").strip() for k, v in r.items()})
    return out


def rs_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rs_f64(text, field):
    try:
        v = float(text)
    except ValueError:
        raise SystemExit(f"{field}: not a number: {text!r}")
    if v != v or v in (float("inf"), float("-inf")):
        raise SystemExit(f"{field}: not finite: {text!r}")
    r = repr(v)
    return r if ("." in r or "e" in r) else r + ".0"


def rs_opt_f64(text, field):
    return "None" if text == "" else f"Some({rs_f64(text, field)})"


def rs_opt_year(text):
    if text == "":
        return "None"
    if not re.fullmatch(r"\d{4}", text):
        raise SystemExit(f"year: not a year: {text!r}")
    return f"Some({int(text)})"


def ident(*parts):
    name = "_".join(parts)
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper()


def constants(table, prefix, file_name):
    items = rows(file_name)
    out = [f"/// The constants of `data/beyond/{file_name}`, in file order."]
    out.append(f"pub static {table}: &[Constant] = &[")
    for r in items:
        out.append(
            f"    Constant {{ name: {rs_str(r['name'])}, value: {rs_f64(r['value'], r['name'])}, "
            f"unit: {rs_str(r['unit'])}, source: {rs_str(r['source'])} }},"
        )
    out.append("];")
    for r in items:
        out.append(f"/// `{r['name']}` ({r['unit']}) of `data/beyond/{file_name}`.")
        out.append(f"pub(crate) const {ident(prefix, r['name'])}: f64 = {rs_f64(r['value'], r['name'])};")
    return out


def die_areas():
    out = ["/// Die areas of `data/beyond/die-areas.csv`, in file order."]
    out.append("pub static DIE_AREAS: &[DieArea] = &[")
    for r in rows("die-areas.csv"):
        kind = {"cpu": "ChipKind::Cpu", "gpu": "ChipKind::Gpu"}.get(r["kind"])
        if kind is None:
            raise SystemExit(f"die-areas.csv: unknown kind {r['kind']!r}")
        out.append(
            f"    DieArea {{ kind: {kind}, model: {rs_str(r['model'])}, "
            f"die_area_cm2: {rs_f64(r['die_area_cm2'], r['model'])}, "
            f"source: {rs_str(r['source'])}, note: {rs_str(r['note'])} }},"
        )
    out.append("];")
    return out


def bounds():
    items = rows("uncertainty-bounds.csv")
    out = []
    names = []
    for r in items:
        kind = {"relative": "BoundKind::Relative", "absolute": "BoundKind::Absolute"}.get(r["kind"])
        if kind is None:
            raise SystemExit(f"uncertainty-bounds.csv: unknown kind {r['kind']!r}")
        low, high = float(r["low"]), float(r["high"])
        if r["kind"] == "relative":
            if r["central"] == "":
                raise SystemExit(f"uncertainty-bounds.csv: {r['factor']} is relative without a central")
            central = float(r["central"])
            if not (0 <= low <= central <= high):
                raise SystemExit(f"uncertainty-bounds.csv: {r['factor']} needs low <= central <= high")
        elif not (0 <= low <= high):
            raise SystemExit(f"uncertainty-bounds.csv: {r['factor']} needs 0 <= low <= high")
        name = ident("BOUND", r["factor"], r["scope"])
        names.append(name)
        out.append(f"/// Bound `{r['factor']}` for `{r['scope']}` of `data/beyond/uncertainty-bounds.csv`.")
        out.append(
            f"pub(crate) static {name}: BoundRow = BoundRow {{ factor: {rs_str(r['factor'])}, "
            f"scope: {rs_str(r['scope'])}, kind: {kind}, low: {rs_f64(r['low'], 'low')}, "
            f"central: {rs_opt_f64(r['central'], 'central')}, high: {rs_f64(r['high'], 'high')}, "
            f"unit: {rs_str(r['unit'])}, year: {rs_opt_year(r['year'])}, source: {rs_str(r['source'])} }};"
        )
    out.append("/// The rows of `data/beyond/uncertainty-bounds.csv`, in file order.")
    out.append(f"pub static UNCERTAINTY_BOUNDS: [&BoundRow; {len(names)}] = [")
    for n in names:
        out.append(f"    &{n},")
    out.append("];")
    return out


def water():
    out = ["/// Water intensities of electricity (EWIF) of `data/beyond/water-ewif.csv`."]
    out.append("pub static WATER_INTENSITIES: &[WaterIntensity] = &[")
    for r in rows("water-ewif.csv"):
        out.append(
            f"    WaterIntensity {{ location: {rs_str(r['location'])}, "
            f"ewif_l_per_kwh: {rs_f64(r['ewif_l_per_kwh'], r['location'])}, "
            f"year: {rs_opt_year(r['year'])}, kind: {rs_str(r['kind'])}, source: {rs_str(r['source'])} }},"
        )
    out.append("];")
    out.append("/// Default on-site WUE per platform of `data/beyond/water-wue.csv`.")
    out.append("pub static WUE_DEFAULTS: &[WueDefault] = &[")
    for r in rows("water-wue.csv"):
        if r["platform"] not in ("local_server", "cloud", "personal_computer"):
            raise SystemExit(f"water-wue.csv: unknown platform {r['platform']!r}")
        out.append(
            f"    WueDefault {{ platform: {rs_str(r['platform'])}, "
            f"wue_l_per_kwh: {rs_f64(r['wue_l_per_kwh'], r['platform'])}, "
            f"year: {rs_opt_year(r['year'])}, source: {rs_str(r['source'])} }},"
        )
    out.append("];")
    return out


def files():
    out = ["/// The files of `data/beyond/` these tables were built from, with their SHA-256."]
    out.append("pub static BEYOND_FILES: &[DataFile] = &[")
    lines = []
    for name in FILES:
        digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        lines.append(f"{name}:{digest}\n")
        out.append(f"    DataFile {{ name: {rs_str(name)}, sha256: {rs_str(digest)} }},")
    out.append("];")
    whole = hashlib.sha256("".join(lines).encode()).hexdigest()
    out.append("/// SHA-256 over the `name:sha256\\n` lines of [`BEYOND_FILES`], hex.")
    out.append(f"pub const BEYOND_DIGEST: &str = {rs_str(whole)};")
    return out


def generate():
    parts = [
        "// @generated by scripts/gen_beyond.py from data/beyond/*.csv (sources per row; see",
        "// data/beyond/README.md). Do not edit: change the CSVs and rerun the script.",
        "#![allow(clippy::all)]",
        "",
        "use crate::beyond::rows::*;",
        "use crate::tables::DataFile;",
        "",
    ]
    for block in (
        constants("GA_V31_CONSTANTS", "GA", "embodied-ga-v3.1.csv"),
        constants("CCF_TEADS_CONSTANTS", "CCF", "embodied-ccf-teads.csv"),
        die_areas(),
        bounds(),
        water(),
        files(),
    ):
        parts.extend(block)
        parts.append("")
    return "\n".join(parts)


def main():
    text = generate()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run scripts/gen_beyond.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
