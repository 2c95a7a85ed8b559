#!/usr/bin/env python3
"""Turn data/grid-intensity/ into static Rust tables of grid carbon intensity.

Writes crates/empreinte/src/intensity/generated/ (one file per licence: mod.rs holds the
source registry, the country codes and the zone map; ember.rs, electricity_maps.rs, ifi.rs
and france.rs each hold one source's values under that source's licence). With --check,
exits 1 when a committed file differs from what the data gives (the freshness check).

The upstream files are unchanged copies (see data/grid-intensity/README.md). Only what a
lookup needs is kept: the zone id, its name, the value and the year. Values are stored as
integer hundredths (every upstream value has at most two decimals, which is checked), so
that `centi as f64 / 100.0` gives back exactly the f64 of the upstream decimal text.

Python 3 standard library only.
"""
import csv
import hashlib
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "grid-intensity"
GA_V3 = ROOT / "data" / "green-algorithms" / "v3.0" / "CI_aggregated.csv"
OUT = ROOT / "crates" / "empreinte" / "src" / "intensity" / "generated"

EM_YEARS = [2021, 2022, 2023, 2024, 2025]
IFI_COLUMNS = {
    "ifi-2021-om": "Operating Margin Grid Emission",
    # The combined margin of the IFI harmonised factors depends on the kind of project; a
    # computation is a load that consumes electricity, hence the "Electricity
    # Consumption" column (France: 68, as france-sources.csv states).
    "ifi-2021-cm": "Electricity Consumption",
}
# IFI rows left out, with the reason (rows without an ISO code are left out too: Azores,
# Madeira, Channel Islands, and the "Memo: EU 27" line).
IFI_EXCLUDED = {
    # co2.js gives this region of Spain the code of the Cayman Islands (CYM), which the
    # Cayman Islands row has too; it has no ISO 3166-1 code of its own.
    "Canary Islands (Spain)",
}
# France-only sources: (row of france-sources.csv whose `source` starts with this, year).
FRANCE_ROWS = {
    "fr-rte-2024": ("RTE eCO2mix", 2024),
    "fr-ember-2023": ("Ember yearly electricity data", 2023),
}
FAMILIES = {
    "ga": "Ga",
    "ember": "Ember",
    "electricity-maps": "ElectricityMaps",
    "ifi": "Ifi",
    "france": "France",
    "custom": "Custom",
}
KINDS = {"average": "Average", "marginal": "Marginal", "unspecified": "Unspecified"}
SCOPES = {
    "lifecycle": "Lifecycle",
    "direct": "Direct",
    "production mix factor": "ProductionMixFactor",
    "unspecified": "Unspecified",
}
BASES = {"production": "Production", "consumption": "Consumption", "unspecified": "Unspecified"}


def fail(msg):
    raise SystemExit(f"gen_intensity: {msg}")


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rs_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def centi(value, where):
    """Integer hundredths of a JSON number or decimal text, exactly."""
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    c = d * 100
    if c != c.to_integral_value() or c < 0 or c >= 2**32:
        fail(f"{where}: {value!r} is not a non-negative number with at most two decimals")
    return int(c)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def country_codes():
    rows = read_csv(DATA / "country-codes.csv")
    a3 = {}
    for r in rows:
        if r["alpha3"] in a3:
            fail(f"country-codes.csv: duplicate alpha3 {r['alpha3']}")
        a3[r["alpha3"]] = r["alpha2"]
    return a3


def ember_table(a3_to_a2):
    data = json.loads((DATA / "ember" / "ember-average-intensities.json").read_text("utf-8"))
    rows = []
    for key, r in data.items():
        code = r["country_code"]
        if code and code != key:
            fail(f"ember: key {key} has country_code {code}")
        if code and code not in a3_to_a2:
            fail(f"ember: {code} ({r['country_or_region']}) is not in country-codes.csv")
        rows.append(
            (key, r["country_or_region"].strip(), centi(r["emissions_intensity_gco2_per_kwh"], f"ember {key}"), int(r["year"]))
        )
    rows.sort()
    return rows


def em_tables():
    zones = None
    per_year = {}
    for y in EM_YEARS:
        data = json.loads((DATA / "electricity-maps" / f"yearly_{y}.json").read_text("utf-8"))
        rows = []
        for zone, r in data.items():
            ci = r["carbonIntensity"]
            if ci["unit"] != "gCO2eq/kWh":
                fail(f"electricity-maps {y} {zone}: unit {ci['unit']}")
            rows.append((zone, r["zone"]["zoneName"].strip(), centi(ci["value"], f"electricity-maps {y} {zone}")))
        rows.sort()
        these = [(z, n) for z, n, _ in rows]
        if zones is None:
            zones = these
        elif [z for z, _ in these] != [z for z, _ in zones]:
            fail(f"electricity-maps {y}: the zones differ from {EM_YEARS[0]}'s")
        per_year[y] = [v for _, _, v in rows]
    # Names: the latest year's (they are the same in every year of this release).
    latest = json.loads((DATA / "electricity-maps" / f"yearly_{EM_YEARS[-1]}.json").read_text("utf-8"))
    zones = [(z, latest[z]["zone"]["zoneName"].strip()) for z, _ in zones]
    return zones, per_year


def ifi_tables(a3_to_a2):
    data = json.loads((DATA / "ifi" / "ifi-marginal-intensities-2021.json").read_text("utf-8"))
    rows = []
    skipped = []
    for key, r in data.items():
        a3 = r["country_code_iso_3"].strip()
        if not a3 or key.strip() in IFI_EXCLUDED:
            skipped.append(key.strip())
            continue
        if a3 not in a3_to_a2:
            fail(f"ifi: {a3} ({key}) is not in country-codes.csv")
        values = {sid: centi(r[col], f"ifi {key} {col}") for sid, col in IFI_COLUMNS.items()}
        rows.append((a3, key.strip(), values))
    rows.sort(key=lambda t: t[0])
    zones = [z for z, _, _ in rows]
    if len(set(zones)) != len(zones):
        fail("ifi: duplicate iso3 codes")
    return rows, skipped


def france_rows():
    return read_csv(DATA / "france" / "france-sources.csv")


def france_value(rows, prefix, year):
    hits = [r for r in rows if r["source"].startswith(prefix) and int(r["year"]) == year]
    if len(hits) != 1:
        fail(f"france-sources.csv: {len(hits)} rows for {prefix!r} {year}")
    return hits[0]


def ga_france():
    text = GA_V3.read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    next(reader)
    header = [h.strip() for h in next(reader)]
    for r in reader:
        if r and r[header.index("location")] == "FR":
            return Decimal(r[header.index("carbonIntensity")])
    fail("no FR row in GA v3.0")


def cross_check_france(fr, ember, em_zones, em_years, ifi):
    """Each row of france-sources.csv that another source holds must agree with it."""
    def em(year):
        i = [z for z, _ in em_zones].index("FR")
        return Decimal(em_years[year][i]) / 100

    ember_fr = [v for k, _, v, y in ember if k == "FRA"][0]
    ifi_fr = [v for a3, _, v in ifi if a3 == "FRA"][0]
    checks = [
        ("Green Algorithms data v3.0", 2020, ga_france()),
        ("Ember yearly electricity data", 2024, Decimal(ember_fr) / 100),
        ("Electricity Maps yearly", 2025, em(2025)),
        ("Electricity Maps yearly", 2024, em(2024)),
        ("IFI harmonised grid factors v3.1 (UNFCCC) combined margin", 2021, Decimal(ifi_fr["ifi-2021-cm"]) / 100),
        ("IFI harmonised grid factors v3.1 (UNFCCC) operating margin", 2021, Decimal(ifi_fr["ifi-2021-om"]) / 100),
    ]
    for prefix, year, expected in checks:
        row = france_value(fr, prefix, year)
        if Decimal(row["g_co2e_per_kwh"]) != expected:
            fail(f"france-sources.csv {prefix} {year}: {row['g_co2e_per_kwh']} but the source table has {expected}")


def header(licence_lines):
    out = ["// @generated by scripts/gen_intensity.py from data/grid-intensity/. Do not edit:"]
    out.append("// change the data and rerun the script.")
    out.extend("// " + line if line else "//" for line in licence_lines)
    out.append("")
    return out


def str_array(name, items, doc):
    out = [f"/// {doc}", f"pub(crate) static {name}: [&str; {len(items)}] = ["]
    line = "   "
    for it in items:
        piece = " " + rs_str(it) + ","
        if len(line) + len(piece) > 96:
            out.append(line)
            line = "   "
        line += piece
    if line.strip():
        out.append(line)
    out.append("];")
    return out


def int_array(name, ty, items, doc):
    out = [f"/// {doc}", f"pub(crate) static {name}: [{ty}; {len(items)}] = ["]
    line = "   "
    for it in items:
        piece = f" {it},"
        if len(line) + len(piece) > 96:
            out.append(line)
            line = "   "
        line += piece
    if line.strip():
        out.append(line)
    out.append("];")
    return out


def table(name, zones, names, centis, years, doc):
    return [
        f"/// {doc}",
        f"pub(crate) static {name}: ZoneTable = ZoneTable {{ zones: &{zones}, names: &{names}, centi: &{centis}, years: {years} }};",
    ]


def gen_ember(rows):
    out = header([
        "Ember yearly electricity data: annual average, lifecycle, production-based carbon",
        "intensity of electricity (gCO2e/kWh), latest year per country or region.",
        "Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). Attribution:",
        "\"Ember, Yearly Electricity Data\" (https://ember-energy.org/data/), as republished by",
        "the Green Web Foundation in co2.js (data/output/ember-average-intensities.json).",
        "This table is a derivative of that data and is shared under the same licence.",
        "See data/grid-intensity/ember/.",
    ])
    out.append("use crate::intensity::source::ZoneTable;")
    out.append("")
    out += str_array("ZONES", [r[0] for r in rows], "Ember keys: ISO 3166 alpha-3 codes, and aggregates such as `World`, `EU`.")
    out += str_array("NAMES", [r[1] for r in rows], "Country or region names, as Ember writes them.")
    out += int_array("CENTI", "u32", [r[2] for r in rows], "gCO2e/kWh × 100.")
    out += int_array("YEARS", "u16", [r[3] for r in rows], "The data year of each value.")
    out += table("TABLE", "ZONES", "NAMES", "CENTI", "&YEARS", "Ember, latest year per zone.")
    return "\n".join(out) + "\n"


def gen_em(zones, per_year):
    out = header([
        "Electricity Maps yearly data: annual average, lifecycle, consumption-based carbon",
        "intensity of electricity (gCO2eq/kWh) per zone, 2021-2025.",
        "Licence: Open Database License (ODbL) 1.0 (https://opendatacommons.org/licenses/odbl/1-0/).",
        "Attribution: Electricity Maps (https://www.electricitymaps.com/data-portal), as",
        "republished by the Green Web Foundation in co2.js (data/output/yearly_<year>.json).",
        "This table is a derived database of that data and is shared under ODbL 1.0.",
        "See data/grid-intensity/electricity-maps/.",
    ])
    out.append("use crate::intensity::source::ZoneTable;")
    out.append("")
    out += str_array("ZONES", [z for z, _ in zones], "Electricity Maps zone ids (ISO 3166 alpha-2, or sub-zones such as `US-CAL-CISO`).")
    out += str_array("NAMES", [n for _, n in zones], "Zone names, as Electricity Maps writes them.")
    for y in EM_YEARS:
        out += int_array(f"CENTI_{y}", "u32", per_year[y], f"gCO2eq/kWh × 100, {y}.")
    for y in EM_YEARS:
        out += table(f"TABLE_{y}", "ZONES", "NAMES", f"CENTI_{y}", "&[]", f"Electricity Maps {y}.")
    return "\n".join(out) + "\n"


def gen_ifi(rows):
    out = header([
        "IFI Dataset of Default Grid Factors v3.1 (2021, UNFCCC): marginal emission factors",
        "(gCO2e/kWh), operating margin and combined margin for electricity consumption.",
        "Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), as",
        "republished by the Green Web Foundation in co2.js",
        "(data/output/ifi-marginal-intensities-2021.json). Source: https://unfccc.int/documents/461676.",
        "This table is a derivative of that data and is shared under the same licence.",
        "See data/grid-intensity/ifi/.",
    ])
    out.append("use crate::intensity::source::ZoneTable;")
    out.append("")
    out += str_array("ZONES", [r[0] for r in rows], "ISO 3166 alpha-3 codes.")
    out += str_array("NAMES", [r[1] for r in rows], "Country names, as the IFI table writes them.")
    out += int_array("CENTI_OM", "u32", [r[2]["ifi-2021-om"] for r in rows], "Operating margin, gCO2e/kWh × 100.")
    out += int_array("CENTI_CM", "u32", [r[2]["ifi-2021-cm"] for r in rows], "Combined margin (electricity consumption), gCO2e/kWh × 100.")
    out += table("TABLE_OM", "ZONES", "NAMES", "CENTI_OM", "&[]", "IFI 2021, operating margin.")
    out += table("TABLE_CM", "ZONES", "NAMES", "CENTI_CM", "&[]", "IFI 2021, combined margin (electricity consumption).")
    return "\n".join(out) + "\n"


def gen_france(fr):
    out = header([
        "Annual carbon intensities of French electricity from data/grid-intensity/france/",
        "france-sources.csv (written by the Empreinte project from the public sources it names).",
        "The Ember 2023 figure is Ember data (CC BY-SA 4.0, attribute Ember); the RTE figure is",
        "RTE's (Bilan électrique 2024, open data).",
    ])
    out.append("use crate::intensity::source::ZoneTable;")
    out.append("")
    out.append("/// The one zone of the France-only sources.")
    out.append('static ZONES: [&str; 1] = ["FR"];')
    out.append("/// Its name.")
    out.append('static NAMES: [&str; 1] = ["France"];')
    for sid, (prefix, year) in FRANCE_ROWS.items():
        row = france_value(fr, prefix, year)
        ident = sid.upper().replace("-", "_")
        out.append(f"/// {row['source']}, {year}: gCO2e/kWh × 100.")
        out.append(f"static CENTI_{ident}: [u32; 1] = [{centi(row['g_co2e_per_kwh'], sid)}];")
        out += table(f"TABLE_{ident}", "ZONES", "NAMES", f"CENTI_{ident}", "&[]", f"{row['source']}, {year}.")
    return "\n".join(out) + "\n"


def gen_registry(a3_to_a2, used_a3, em_zones):
    sources = read_csv(DATA / "sources.csv")
    zone_map = read_csv(DATA / "zone-map.csv")
    out = header([
        "The grid-intensity source registry, the country codes (UN M49, with two additions)",
        "and the Green Algorithms location -> source zone map. The values of each source are",
        "in their own files, under their own licences.",
    ])
    out.append("use crate::intensity::source::{CiBasis, CiKind, CiScope, CiSource, Family};")
    out.append("")
    for m in ["electricity_maps", "ember", "france", "ifi"]:
        out.append(f"pub(crate) mod {m};")
    out.append("")
    tables = {"ember": "Some(&ember::TABLE)"}
    for y in EM_YEARS:
        tables[f"electricity-maps-{y}"] = f"Some(&electricity_maps::TABLE_{y})"
    tables["ifi-2021-om"] = "Some(&ifi::TABLE_OM)"
    tables["ifi-2021-cm"] = "Some(&ifi::TABLE_CM)"
    for sid in FRANCE_ROWS:
        tables[sid] = f"Some(&france::TABLE_{sid.upper().replace('-', '_')})"
    ids = [s["id"] for s in sources]
    if len(set(ids)) != len(ids):
        fail("sources.csv: duplicate ids")
    out.append("/// Every grid-intensity source, in the order `sources()` lists them.")
    out.append(f"pub(crate) static SOURCES: [CiSource; {len(sources)}] = [")
    for s in sources:
        fam = FAMILIES.get(s["family"]) or fail(f"unknown family {s['family']}")
        digest = sha256(DATA / s["file"]) if s["file"] else ""
        year = f"Some({int(s['year'])})" if s["year"] else "None"
        if s["family"] not in ("ga", "custom") and s["id"] not in tables:
            fail(f"no table for {s['id']}")
        out.append("    CiSource {")
        out.append(f"        id: {rs_str(s['id'])},")
        out.append(f"        name: {rs_str(s['name'])},")
        out.append(f"        year: {year},")
        out.append(f"        kind: CiKind::{KINDS[s['kind']]},")
        out.append(f"        scope: CiScope::{SCOPES[s['scope']]},")
        out.append(f"        basis: CiBasis::{BASES[s['basis']]},")
        out.append(f"        licence: {rs_str(s['licence'])},")
        out.append(f"        attribution: {rs_str(s['attribution'])},")
        out.append(f"        url: {rs_str(s['url'])},")
        out.append(f"        version: {rs_str(s['version'])},")
        out.append(f"        file: {rs_str(s['file'])},")
        out.append(f"        sha256: {rs_str(digest)},")
        out.append(f"        family: Family::{fam},")
        out.append(f"        table: {tables.get(s['id'], 'None')},")
        out.append("    },")
    out.append("];")
    out.append("")
    pairs = sorted({(a3_to_a2[a3], a3) for a3 in used_a3})
    if len({a2 for a2, _ in pairs}) != len(pairs):
        fail("two alpha-3 codes share an alpha-2 code")
    out.append("/// ISO 3166 alpha-2 -> alpha-3, sorted by alpha-2: the codes the Ember and IFI tables")
    out.append("/// use (data/grid-intensity/country-codes.csv, from UN M49 plus TW and XK).")
    out.append(f"pub(crate) static ALPHA3: [(&str, &str); {len(pairs)}] = [")
    line = "   "
    for a2, a3 in pairs:
        piece = f" ({rs_str(a2)}, {rs_str(a3)}),"
        if len(line) + len(piece) > 96:
            out.append(line)
            line = "   "
        line += piece
    out.append(line)
    out.append("];")
    out.append("")
    known_em = {z for z, _ in em_zones}
    fams = {"ember": "Ember", "electricity-maps": "ElectricityMaps", "ifi": "Ifi"}
    entries = []
    for r in zone_map:
        fam = fams.get(r["source"]) or fail(f"zone-map.csv: unknown source {r['source']}")
        if r["source"] == "electricity-maps" and r["zone"] not in known_em:
            fail(f"zone-map.csv: {r['zone']} is not an Electricity Maps zone")
        entries.append((r["ga_location"], fam, r["zone"]))
    entries.sort()
    out.append("/// Green Algorithms location codes that are not a plain ISO alpha-2 country code, and the")
    out.append("/// zone each source family gives them (data/grid-intensity/zone-map.csv), sorted.")
    out.append(f"pub(crate) static ZONE_MAP: [(&str, Family, &str); {len(entries)}] = [")
    for ga, fam, zone in entries:
        out.append(f"    ({rs_str(ga)}, Family::{fam}, {rs_str(zone)}),")
    out.append("];")
    return "\n".join(out) + "\n"


def generate():
    a3_to_a2 = country_codes()
    ember = ember_table(a3_to_a2)
    em_zones, em_years = em_tables()
    ifi, _skipped = ifi_tables(a3_to_a2)
    fr = france_rows()
    cross_check_france(fr, ember, em_zones, em_years, ifi)
    zone_map = read_csv(DATA / "zone-map.csv")
    ember_keys = {k for k, _, _, _ in ember}
    for r in zone_map:
        if r["source"] == "ember" and r["zone"] not in ember_keys:
            fail(f"zone-map.csv: {r['zone']} is not an Ember key")
    used = {k for k, _, _, _ in ember if k in a3_to_a2} | {a3 for a3, _, _ in ifi}
    return {
        "mod.rs": gen_registry(a3_to_a2, used, em_zones),
        "ember.rs": gen_ember(ember),
        "electricity_maps.rs": gen_em(em_zones, em_years),
        "ifi.rs": gen_ifi(ifi),
        "france.rs": gen_france(fr),
    }


def main():
    files = generate()
    if "--check" in sys.argv:
        stale = [n for n, text in files.items() if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != text]
        extra = sorted(p.name for p in OUT.glob("*.rs") if p.name not in files) if OUT.exists() else []
        if stale or extra:
            for n in stale + extra:
                print(f"{(OUT / n).relative_to(ROOT)} is stale: run scripts/gen_intensity.py", file=sys.stderr)
            return 1
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for n, text in files.items():
        (OUT / n).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
