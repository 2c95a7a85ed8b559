#!/usr/bin/env python3
"""Turn data/green-algorithms/<version>/*.csv into static Rust tables.

Writes crates/empreinte/src/tables/generated.rs. With --check, exits 1 when the
committed file differs from what the CSVs give (the freshness check run by `make lint`).

The CSVs are byte-identical copies of the Green Algorithms data (CC BY 4.0); see
data/README.md. Upstream format quirks handled here: row 1 is a units row and the header
is row 2; some files have no final newline; column order differs between versions (v1.0
CI_aggregated has `source,Type`), so columns are read by header name.
"""
import csv
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "green-algorithms"
OUT = ROOT / "crates" / "empreinte" / "src" / "tables" / "generated.rs"
VERSIONS = ["v1.0", "v1.1", "v2.0", "v2.1", "v2.2", "v3.0"]
FILES = [
    "CI_aggregated.csv",
    "TDP_cpu.csv",
    "TDP_gpu.csv",
    "cloudProviders_datacenters.csv",
    "defaults_PUE.csv",
    "providersNamesCodes.csv",
    "referenceValues.csv",
]
NO_SOURCE = "Green Algorithms default (no source given upstream)"


def rows(version, name):
    text = (DATA / version / name).read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    next(reader)  # units row
    header = [h.strip() for h in next(reader)]
    out = []
    for r in reader:
        if not any(c.strip() for c in r):
            continue
        r = r + [""] * (len(header) - len(r))
        out.append({h: r[i].strip() for i, h in enumerate(header)})
    return out


def rs_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rs_f64(text, field):
    v = float(text)
    if v != v or v in (float("inf"), float("-inf")):
        raise SystemExit(f"non-finite {field}: {text}")
    r = repr(v)
    return r if ("." in r or "e" in r) else r + ".0"


def rs_opt_f64(text, field):
    return "None" if text == "" else f"Some({rs_f64(text, field)})"


def rs_opt_int(text):
    if text == "":
        return "None"
    v = float(text)
    if v != int(v):
        raise SystemExit(f"not an integer: {text}")
    return f"Some({int(v)})"


def source_or_default(s):
    return s if s else NO_SOURCE


def gen_version(version):
    ident = version.upper().replace(".", "_")
    cis = rows(version, "CI_aggregated.csv")
    cpus = rows(version, "TDP_cpu.csv")
    gpus = rows(version, "TDP_gpu.csv")
    dcs = rows(version, "cloudProviders_datacenters.csv")
    pues = rows(version, "defaults_PUE.csv")
    provs = rows(version, "providersNamesCodes.csv")
    refs = rows(version, "referenceValues.csv")

    out = [f"/// Green Algorithms data {version}.", f"pub(crate) static {ident}: Dataset = Dataset {{"]
    out.append(f"    version: DataVersion::{ident},")
    out.append("    cpus: &[")
    for r in cpus:
        out.append(
            "        CpuModel { "
            f"name: {rs_str(r['model'])}, tdp_w: {rs_opt_f64(r['TDP'], 'TDP')}, "
            f"cores: {rs_opt_int(r['n_cores'])}, "
            f"tdp_per_core_w: {rs_f64(r['TDP_per_core'], 'TDP_per_core')}, "
            f"release_year: {rs_opt_int(r.get('Release_year', ''))}, "
            f"source: {rs_str(source_or_default(r['source']))} }},"
        )
    out.append("    ],")
    out.append("    gpus: &[")
    for r in gpus:
        out.append(
            "        GpuModel { "
            f"name: {rs_str(r['model'])}, tdp_w: {rs_f64(r['TDP_per_core'], 'TDP_per_core')}, "
            f"memory_gb: {rs_opt_f64(r.get('memory', ''), 'memory')}, "
            f"release_year: {rs_opt_int(r.get('Release_year', ''))}, "
            f"source: {rs_str(source_or_default(r['source']))} }},"
        )
    out.append("    ],")
    out.append("    locations: &[")
    for r in cis:
        out.append(
            "        Location { "
            f"code: {rs_str(r['location'])}, continent: {rs_str(r['continentName'])}, "
            f"country: {rs_str(r['countryName'])}, region: {rs_str(r['regionName'])}, "
            f"ci_g_per_kwh: {rs_f64(r['carbonIntensity'], 'carbonIntensity')}, "
            f"kind: {rs_str(r['Type'])}, source: {rs_str(source_or_default(r['source']))}, "
            f"comments: {rs_str(r.get('comments', ''))} }},"
        )
    out.append("    ],")
    dc_providers = {r["provider"] for r in dcs if r["location"]}
    out.append("    providers: &[")
    listed = set()
    for r in provs:
        listed.add(r["provider"])
        out.append(
            f"        Provider {{ code: {rs_str(r['provider'])}, name: {rs_str(r['providerName'])}, "
            f"has_datacenters: {'true' if r['provider'] in dc_providers else 'false'} }},"
        )
    for r in pues:
        p = r["provider"]
        if p != "Unknown" and p not in listed:
            out.append(
                f"        Provider {{ code: {rs_str(p)}, name: {rs_str(p)}, "
                f"has_datacenters: {'true' if p in dc_providers else 'false'} }},"
            )
    out.append("    ],")
    out.append("    datacenters: &[")
    for r in dcs:
        if not r["location"]:
            continue  # upstream drops data centres without a location
        # v1.0 lists data centres (SG, TW, IL) whose location has no CI row: kept, and an
        # estimate there is a typed error rather than a guess.
        out.append(
            "        Datacenter { "
            f"provider: {rs_str(r['provider'])}, name: {rs_str(r['Name'])}, "
            f"location: {rs_str(r['location'])}, place: {rs_str(r['location_freeForm'])}, "
            f"source: {rs_str(source_or_default(r['source_datacentre']))}, "
            f"pue: {rs_opt_f64(r['PUE'], 'PUE')}, pue_source: {rs_str(r['source_PUE'])} }},"
        )
    out.append("    ],")
    out.append("    pue_defaults: &[")
    for r in pues:
        out.append(
            f"        PueDefault {{ provider: {rs_str(r['provider'])}, pue: {rs_f64(r['PUE'], 'PUE')}, "
            f"source: {rs_str(source_or_default(r['source']))} }},"
        )
    out.append("    ],")
    out.append("    reference_values: &[")
    for r in refs:
        out.append(
            f"        ReferenceValue {{ variable: {rs_str(r['variable'])}, value: {rs_f64(r['value'], 'value')}, "
            f"source: {rs_str(source_or_default(r['source']))} }},"
        )
    out.append("    ],")
    out.append("    files: &[")
    lines = []
    for name in FILES:
        digest = hashlib.sha256((DATA / version / name).read_bytes()).hexdigest()
        lines.append(f"{name}:{digest}\n")
        out.append(f"        DataFile {{ name: {rs_str(name)}, sha256: {rs_str(digest)} }},")
    out.append("    ],")
    whole = hashlib.sha256("".join(lines).encode()).hexdigest()
    out.append(f"    digest: {rs_str(whole)},")
    out.append("};")
    return "\n".join(out)


def generate():
    parts = [
        "// @generated by scripts/gen_tables.py from data/green-algorithms/*/ (CC BY 4.0,",
        "// Lannelongue et al. 2021). Do not edit: change the CSVs and rerun the script.",
        "#![allow(clippy::all)]",
        "",
        "use super::rows::*;",
        "",
    ]
    for v in VERSIONS:
        parts.append(gen_version(v))
        parts.append("")
    return "\n".join(parts)


def main():
    text = generate()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run scripts/gen_tables.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
