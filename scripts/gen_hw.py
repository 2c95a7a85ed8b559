#!/usr/bin/env python3
"""Turn data/empreinte-hw/<version>/{cpus,gpus}.csv into static Rust tables.

Writes crates/empreinte/src/tables/generated_hw.rs (HW_CPUS, HW_GPUS, HW_VERSION,
HW_FILES, HW_DIGEST), reusing the CpuModel / GpuModel / DataFile structs of tables/mod.rs.
The empreinte-hw table is the project's own compilation of manufacturers' public
specifications (CC BY 4.0), kept apart from the Green Algorithms data; see
data/empreinte-hw/README.md.

Every run validates the rows first and refuses to write on any error:
  - duplicate model names (case-, whitespace- and vendor-prefix-insensitive),
  - a model name that collides with a Green Algorithms model (any data version),
  - a missing source URL, or one outside the manufacturers' domains,
  - a non-positive or non-finite TDP or memory size,
  - a CPU without a positive core count, or a tdp_per_core_w that is not exactly
    tdp_w / cores (it is never pre-rounded),
  - a release year before 2019, a malformed `retrieved` date.

Usage:
  scripts/gen_hw.py              validate and write the Rust file
  scripts/gen_hw.py --check      validate; exit 1 if the committed file is stale
  scripts/gen_hw.py --self-test  check that the validator rejects each kind of bad row
"""
import csv
import hashlib
import io
import math
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
HW_VERSION = "hw-2026.11"
DATA = ROOT / "data" / "empreinte-hw" / HW_VERSION
GA = ROOT / "data" / "green-algorithms"
OUT = ROOT / "crates" / "empreinte" / "src" / "tables" / "generated_hw.rs"
FILES = ["cpus.csv", "gpus.csv"]

CPU_COLUMNS = ["model", "manufacturer", "tdp_w", "cores", "tdp_per_core_w", "release_year",
               "family", "source", "confirmed_by", "retrieved", "notes"]
GPU_COLUMNS = ["model", "manufacturer", "tdp_w", "memory_gb", "release_year", "form_factor",
               "source", "confirmed_by", "retrieved", "notes"]
MIN_YEAR = 2019
MAX_YEAR = 2026
# Sources must be the manufacturer's own pages or documents.
SOURCE_DOMAINS = [
    "amd.com", "intel.com", "nvidia.com", "nvdam.widen.net", "habana.ai",
    "amperecomputing.com", "apple.com", "cloud.google.com",
]
# Words dropped when comparing names, so that "Intel Xeon Gold 6248" collides with
# upstream "Xeon Gold 6248" and "NVIDIA T4" with "NVIDIA Tesla T4".
VENDOR_WORDS = ["intel", "amd", "nvidia", "tesla", "google", "apple", "ampere", "habana"]


def name_key(name):
    """Comparison key: lowercase, no whitespace, no trademark signs, no vendor words."""
    s = name.lower().replace("®", "").replace("™", "")
    words = [w for w in s.split() if w not in VENDOR_WORDS]
    return "".join(words)


def parse_csv(text, columns, label):
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != columns:
        raise ValueError(f"{label}: header is {reader.fieldnames}, expected {columns}")
    return list(reader)


def ga_model_names():
    """Every CPU and GPU model name of every Green Algorithms data version."""
    names = set()
    for version_dir in sorted(GA.iterdir()):
        for fname in ("TDP_cpu.csv", "TDP_gpu.csv"):
            path = version_dir / fname
            if not path.exists():
                continue
            reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
            next(reader)  # units row
            header = [h.strip() for h in next(reader)]
            i = header.index("model")
            for r in reader:
                if len(r) > i and r[i].strip():
                    names.add(r[i].strip())
    return names


def positive_number(text, field, where, errors, integer=False):
    try:
        v = float(text)
    except ValueError:
        errors.append(f"{where}: {field} is not a number: {text!r}")
        return None
    if not math.isfinite(v) or v <= 0:
        errors.append(f"{where}: {field} must be positive: {text!r}")
        return None
    if integer and v != int(v):
        errors.append(f"{where}: {field} must be an integer: {text!r}")
        return None
    return v


def check_source(url, where, errors):
    if not url.strip():
        errors.append(f"{where}: missing source URL")
        return
    p = urlparse(url)
    host = (p.hostname or "").lower()
    if p.scheme != "https" or not any(host == d or host.endswith("." + d) for d in SOURCE_DOMAINS):
        errors.append(f"{where}: source must be an https URL of the manufacturer "
                      f"({', '.join(SOURCE_DOMAINS)}): {url!r}")


def validate(cpus, gpus, ga_names):
    """Returns the list of errors (empty when the tables are fine)."""
    errors = []
    ga_keys = {name_key(n): n for n in ga_names}
    seen = {}
    for kind, rows in (("cpus.csv", cpus), ("gpus.csv", gpus)):
        for line, r in enumerate(rows, start=2):
            name = r["model"].strip()
            where = f"{kind}:{line} ({name or '<no name>'})"
            if not name or name != r["model"]:
                errors.append(f"{where}: model name empty or with surrounding spaces")
            key = name_key(name)
            if key in seen:
                errors.append(f"{where}: duplicate of {seen[key]}")
            else:
                seen[key] = f"{kind}:{line} ({name})"
            if key in ga_keys:
                errors.append(f"{where}: collides with Green Algorithms model {ga_keys[key]!r}")
            if not r["manufacturer"].strip():
                errors.append(f"{where}: missing manufacturer")
            check_source(r["source"], where, errors)
            tdp = positive_number(r["tdp_w"], "tdp_w", where, errors)
            year = positive_number(r["release_year"], "release_year", where, errors, integer=True)
            if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                errors.append(f"{where}: release_year {int(year)} outside {MIN_YEAR}-{MAX_YEAR}")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["retrieved"]):
                errors.append(f"{where}: retrieved must be an ISO date: {r['retrieved']!r}")
            if kind == "cpus.csv":
                cores = positive_number(r["cores"], "cores", where, errors, integer=True)
                if tdp is not None and cores is not None:
                    stated = r["tdp_per_core_w"]
                    try:
                        exact = float(stated) == tdp / cores
                    except ValueError:
                        exact = False
                    if not exact:
                        errors.append(f"{where}: tdp_per_core_w {stated!r} is not tdp_w / cores "
                                      f"= {tdp / cores!r} (never pre-round it)")
            elif r["memory_gb"].strip():
                positive_number(r["memory_gb"], "memory_gb", where, errors)
    return errors


def rs_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rs_f64(v):
    r = repr(float(v))
    return r if ("." in r or "e" in r) else r + ".0"


def generate(cpus, gpus, digests):
    out = [
        f"// @generated by scripts/gen_hw.py from data/empreinte-hw/{HW_VERSION}/ (CC BY 4.0,",
        "// the project's compilation of manufacturers' public specifications). Do not edit:",
        "// change the CSVs and rerun the script.",
        "#![allow(clippy::all)]",
        "",
        "use super::rows::*;",
        "",
        "/// Version of the empreinte-hw hardware table.",
        f"pub(crate) const HW_VERSION: &str = {rs_str(HW_VERSION)};",
        "",
        "/// CPU models of the empreinte-hw table (TDP per core = TDP / cores, not rounded).",
        "pub(crate) static HW_CPUS: &[CpuModel] = &[",
    ]
    for r in cpus:
        tdp, cores = float(r["tdp_w"]), int(float(r["cores"]))
        out.append(
            "    CpuModel { "
            f"name: {rs_str(r['model'])}, tdp_w: Some({rs_f64(tdp)}), cores: Some({cores}), "
            f"tdp_per_core_w: {rs_f64(tdp / cores)}, "
            f"release_year: Some({int(float(r['release_year']))}), source: {rs_str(r['source'])} }},"
        )
    out.append("];")
    out.append("")
    out.append("/// GPU and accelerator models of the empreinte-hw table (board power, W).")
    out.append("pub(crate) static HW_GPUS: &[GpuModel] = &[")
    for r in gpus:
        mem = r["memory_gb"].strip()
        out.append(
            "    GpuModel { "
            f"name: {rs_str(r['model'])}, tdp_w: {rs_f64(float(r['tdp_w']))}, "
            f"memory_gb: {'None' if not mem else 'Some(' + rs_f64(float(mem)) + ')'}, "
            f"release_year: Some({int(float(r['release_year']))}), source: {rs_str(r['source'])} }},"
        )
    out.append("];")
    out.append("")
    out.append("/// The CSV files the table was built from and their SHA-256 digests.")
    out.append("pub(crate) static HW_FILES: &[DataFile] = &[")
    lines = []
    for name, digest in digests:
        lines.append(f"{name}:{digest}\n")
        out.append(f"    DataFile {{ name: {rs_str(name)}, sha256: {rs_str(digest)} }},")
    out.append("];")
    out.append("")
    out.append("/// SHA-256 over the concatenated `name:sha256\\n` lines of `HW_FILES`, hex: one digest")
    out.append("/// for the whole table version.")
    whole = hashlib.sha256("".join(lines).encode()).hexdigest()
    out.append(f"pub(crate) const HW_DIGEST: &str = {rs_str(whole)};")
    out.append("")
    return "\n".join(out)


def load():
    texts = {name: (DATA / name).read_text(encoding="utf-8") for name in FILES}
    cpus = parse_csv(texts["cpus.csv"], CPU_COLUMNS, "cpus.csv")
    gpus = parse_csv(texts["gpus.csv"], GPU_COLUMNS, "gpus.csv")
    digests = [(name, hashlib.sha256((DATA / name).read_bytes()).hexdigest()) for name in FILES]
    return cpus, gpus, digests


def self_test():
    """The validator must accept a good row and reject each kind of bad one."""
    ga = {"Xeon Gold 6248", "NVIDIA Tesla T4", "TPU v4"}
    good_cpu = dict(model="AMD EPYC 9999", manufacturer="AMD", tdp_w="300", cores="64",
                    tdp_per_core_w=repr(300 / 64), release_year="2024", family="test",
                    source="https://www.amd.com/en/x.html", confirmed_by="", retrieved="2026-11-26",
                    notes="")
    good_gpu = dict(model="NVIDIA Z1", manufacturer="NVIDIA", tdp_w="300", memory_gb="80",
                    release_year="2024", form_factor="PCIe", source="https://www.nvidia.com/z1/",
                    confirmed_by="", retrieved="2026-11-26", notes="")
    assert validate([good_cpu], [good_gpu], ga) == [], validate([good_cpu], [good_gpu], ga)
    cases = {
        "duplicate name": ([good_cpu, dict(good_cpu, model="amd  epyc 9999")], [good_gpu]),
        "duplicate across tables": ([good_cpu], [dict(good_gpu, model="AMD EPYC 9999")]),
        "GA collision (CPU)": ([dict(good_cpu, model="Intel Xeon Gold 6248")], [good_gpu]),
        "GA collision (GPU)": ([good_cpu], [dict(good_gpu, model="NVIDIA T4")]),
        "GA collision (TPU)": ([good_cpu], [dict(good_gpu, model="Google TPU v4")]),
        "missing source": ([dict(good_cpu, source="")], [good_gpu]),
        "non-manufacturer source": ([dict(good_cpu, source="https://www.techpowerup.com/x")], [good_gpu]),
        "zero TDP": ([dict(good_cpu, tdp_w="0")], [good_gpu]),
        "negative GPU TDP": ([good_cpu], [dict(good_gpu, tdp_w="-5")]),
        "missing cores": ([dict(good_cpu, cores="")], [good_gpu]),
        "pre-rounded per-core": ([dict(good_cpu, tdp_per_core_w="4.7")], [good_gpu]),
        "year before 2019": ([dict(good_cpu, release_year="2018")], [good_gpu]),
        "GPU year before 2019": ([good_cpu], [dict(good_gpu, release_year="2017")]),
        "bad retrieved date": ([dict(good_cpu, retrieved="26/11/2026")], [good_gpu]),
    }
    failed = [what for what, (c, g) in cases.items() if not validate(c, g, ga)]
    if failed:
        print("self-test: validator accepted bad rows: " + ", ".join(failed), file=sys.stderr)
        return 1
    print(f"self-test: ok ({len(cases)} kinds of bad row rejected)")
    return 0


def main():
    if "--self-test" in sys.argv:
        return self_test()
    try:
        cpus, gpus, digests = load()
    except ValueError as e:
        print(e, file=sys.stderr)
        return 1
    errors = validate(cpus, gpus, ga_model_names())
    if errors:
        print(f"data/empreinte-hw/{HW_VERSION}: {len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    text = generate(cpus, gpus, digests)
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run scripts/gen_hw.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(cpus)} CPUs, {len(gpus)} GPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
