import json, collections
O = collections.OrderedDict

def obj(props, required=None, extra=False, **kw):
    d = O(type="object")
    d.update(kw)
    d["properties"] = props
    d["required"] = required if required is not None else list(props.keys())
    d["additionalProperties"] = extra
    return d

def ref(name): return {"$ref": f"#/$defs/{name}"}
S = {"type": "string"}
NS = {"type": "string", "minLength": 1}
NUM = {"type": "number"}
def nullable(x): return {"anyOf": [x, {"type": "null"}]}
def arr(x, **kw):
    d = {"type": "array", "items": x}; d.update(kw); return d
def dec(scale):
    return {"type": "string", "pattern": f"^-?(0|[1-9][0-9]*)\\.[0-9]{{{scale}}}$"}

def section(inner):
    return {"oneOf": [
        obj(O(status={"const": "computed"}, value=inner)),
        obj(O(status={"const": "not_computed"}, reason=ref("bilingual"), limitation=NS)),
    ]}

defs = O()
defs["kwh"] = dict(dec(6), description="Energy, kWh, fixed scale 6 (0.000001 kWh = 1 mWh)")
defs["grams"] = dict(dec(3), description="Mass of CO2e, g, fixed scale 3 (1 mg)")
defs["litres"] = dict(dec(3), description="Water, L, fixed scale 3 (1 mL)")
defs["share"] = dict(dec(4), description="Share in [0, 1], fixed scale 4")
defs["equiv"] = dict(dec(3), description="Equivalence value, fixed scale 3")
defs["watts"] = dict(dec(3), description="Power, W, fixed scale 3")
defs["timestamp"] = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                     "description": "RFC 3339 UTC instant, seconds precision"}
defs["sha256"] = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
defs["bilingual"] = obj(O(fr=S, en=S))
defs["text"] = {"description": "A language-neutral text, or a text in French and/or English",
    "anyOf": [S, obj(O(fr=S, en=S), required=[], minProperties=1)]}
defs["evidence_kind"] = {"enum": ["measured", "declared", "default"]}
defs["phase"] = {"enum": ["data_preparation", "training", "fine_tuning", "evaluation", "inference", "other"]}
defs["contact"] = obj(O(role=NS, email=S), required=["role"])
defs["party"] = obj(O(legal_name=NS, siren={"type": "string", "pattern": "^[0-9 ]+$"},
                      siret={"type": "string", "pattern": "^[0-9 ]+$"}, contact=ref("contact")),
                    required=["legal_name"])
defs["named"] = obj(O(name=NS, version=S), required=["name"])
# job: the core's job JSON (open to the fields the core adds)
defs["job"] = {"type": "object", "description": "The core's job JSON (see empreinte::Job); written out in full with every default",
    "properties": O(
        data_version=nullable(S), runtime_h=nullable(NUM),
        cpu=nullable({"type": "object"}), gpu=nullable({"type": "object"}),
        memory_gb=nullable(NUM), platform=nullable({"enum": ["local_server", "personal_computer", "cloud"]}),
        provider=nullable(S), datacenter=nullable(S), location=nullable(S),
        pue=nullable(NUM), multiplicative_factor=nullable(NUM)),
    "required": ["data_version", "runtime_h", "memory_gb", "platform", "pue", "multiplicative_factor"]}
defs["factor_evidence"] = obj(O(kind=ref("evidence_kind"),
    year={"type": "integer", "minimum": 0, "maximum": 65535}, method=S, source=S), required=["kind"])
defs["component"] = obj(O(
    id={"type": "string", "pattern": "^[a-z0-9_-]{1,64}$"}, name=ref("text"), phase=ref("phase"), job=ref("job"),
    evidence=obj(O(pue=ref("factor_evidence"), wue=ref("factor_evidence")), required=["pue"]),
    scaling=obj(O(rd_multiple={"type": "number", "minimum": 0}, retrainings={"type": "number", "minimum": 0},
        retrain_ratio={"type": "number", "minimum": 0},
        continuous=obj(O(span_h={"type": "number", "exclusiveMinimum": 0}, period={"enum": ["month", "year"]}))),
        required=[]),
    measured=obj(O(fields=arr({"enum": ["runtime_h", "cpu.usage", "gpu.usage", "memory_gb", "multiplicative_factor", "cpu.tdp_per_core_w", "gpu.tdp_w"]}),
                   method=NS, tool=NS, sampling_interval_s={"type": "number", "exclusiveMinimum": 0}),
                 required=["fields", "method", "tool"]),
    defaults=arr(S, uniqueItems=True)), required=["id", "name", "phase", "job", "evidence"])
defs["manifest"] = obj(O(
    identification=obj(O(supplier=ref("party"), buyer=ref("party"),
        contract=obj(O(reference=NS, lot=S, clause=S), required=["reference"]),
        project=ref("named"), software=ref("named"), model=ref("named")),
        required=["supplier", "buyer", "contract", "project", "software"]),
    purpose=obj(O(statement=ref("text"), justification=ref("text"), alternatives_considered=ref("text")),
                required=["statement", "justification"]),
    functional_unit=obj(O(name=ref("text"), definition=ref("text"), quantity={"type": "number", "exclusiveMinimum": 0})),
    period=obj(O(start=ref("timestamp"), end=ref("timestamp"))),
    boundary=obj(O(included=arr(obj(O(item=ref("text"), description=ref("text")), required=["item"]), minItems=1),
                   excluded=arr(obj(O(item=ref("text"), reason=ref("text")))))),
    components=arr(ref("component"), minItems=1),
    choices=obj(O(data_version=S, ci_source=S, embodied_model=S, uncertainty_method=S)),
    defaults=arr(S, uniqueItems=True)),
    required=["identification", "purpose", "functional_unit", "period", "boundary", "components", "choices"],
    description="The manifest, normalised: every default written out, its path listed in `defaults`")
defs["energy_split"] = obj(O((k, ref("kwh")) for k in ["cpu", "gpu", "memory", "facility_overhead", "total"]),
    description="IT energy per part, the facility overhead E×(1−1/PUE), and their exact sum")
defs["co2e_split"] = obj(O((k, ref("grams")) for k in ["cpu", "gpu", "memory", "facility_overhead", "total"]))
def rng(x): return obj(O(low=ref(x), central=ref(x), high=ref(x)))
defs["figures_props"] = {"type": "object"}  # placeholder removed below
figures = O(
    energy_kwh=ref("energy_split"),
    operational_co2e_g=ref("co2e_split"),
    embodied=section(obj(O(model=NS, co2e_g=ref("grams"), share_of_total=ref("share"), te_g=ref("grams"),
        lifespan_h={"type": "number", "exclusiveMinimum": 0}, resource_share={"type": "number", "minimum": 0},
        count_idle={"type": "boolean"}), required=["model", "co2e_g", "share_of_total"])),
    total_co2e_g=section(obj(O(co2e_g=ref("grams"), includes=arr({"enum": ["operational", "embodied"]}, minItems=1)))),
    ranges=section(obj(O(method=NS, energy_kwh=rng("kwh"), co2e_g=rng("grams"), embodied_co2e_g=rng("grams"), total_co2e_g=rng("grams")))),
    water_l=section(obj(O(onsite=ref("litres"), offsite=ref("litres"), total=ref("litres")))),
    ci_alternative=section(obj(O(source=NS, ci_g_per_kwh=nullable(NUM), co2e_g=ref("grams")))),
    drivers=section(arr(obj(O(factor=NS, share=ref("share"))))),
)
del defs["figures_props"]
comp_props = O(id=S, phase=ref("phase"), power_w=ref("watts"),
    pue=obj(O(value={"type": "number", "minimum": 1}, source={"enum": ["stated", "datacenter", "provider_default", "platform_default"]}, evidence=ref("evidence_kind"))),
    ci=obj(O(g_per_kwh=NUM, location=NS, location_name=S, location_source={"enum": ["stated", "datacenter"]}, factor=NS)),
    scaling=obj(O(training_factor={"type": "number", "minimum": 1}, period_factor={"type": "number", "exclusiveMinimum": 0}, factor={"type": "number", "exclusiveMinimum": 0})))
comp_props.update(figures); comp_props["citation"] = ref("bilingual")
defs["component_result"] = obj(comp_props, required=[k for k in comp_props if k != "scaling"])
ph = O(phase=ref("phase"), components=arr(S, minItems=1)); ph.update(figures)
defs["phase_result"] = obj(ph)
tot = O(figures); tot["sci"] = section(obj(O(value=ref("grams"), unit=NS)))
defs["total_result"] = obj(tot)
defs["factor"] = obj(O(
    id=NS, kind={"enum": ["carbon_intensity", "cpu_power", "gpu_power", "memory_power", "pue", "wue", "ewif", "embodied", "equivalence"]},
    label=S, value=NUM, unit=NS, origin={"enum": ["dataset", "declared", "measured", "rule"]},
    source=S, year=nullable({"type": "integer"}), licence=NS, dataset=nullable(S),
    ci=obj(O(type=NS, approach={"const": "location-based"}, scope=nullable(S), basis=nullable(S), granularity=S, location=S)),
    used_by=arr(S)), required=["id", "kind", "label", "value", "unit", "origin", "source", "year", "licence", "dataset", "used_by"])

schema = O()
schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
schema["$id"] = "https://github.com/empreinte/empreinte/blob/main/schemas/empreinte-report-1.0.schema.json"
schema["title"] = "Empreinte footprint report 1.0"
schema["description"] = ("An audit-grade footprint report of computation made by Empreinte. "
    "Computed quantities are fixed-scale decimal strings; the digest integrity.payload_sha256 is SHA-256 over the RFC 8785 "
    "canonical bytes of the document without /integrity, /report_id, /generated_at and /tool/target. See empreinte-report-1.0.md.")
top = obj(O(
    schema=obj(O(id={"const": schema["$id"]}, version={"const": "1.0"})),
    report_id={"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"},
    generated_at=ref("timestamp"),
    tool=obj(O(name={"const": "Empreinte"}, version={"type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+"}, target={"type": "string", "pattern": "^[a-z0-9-]{1,32}$"})),
    languages={"const": ["fr", "en"]},
    manifest=ref("manifest"),
    datasets=arr(obj(O(id=NS, name=NS, version=NS, licence=NS, attribution=NS, digest=ref("sha256"),
        files=arr(obj(O(name=NS, sha256=ref("sha256")))))), minItems=1),
    factors=arr(ref("factor"), minItems=1),
    results=obj(O(components=arr(ref("component_result"), minItems=1), phases=arr(ref("phase_result"), minItems=1), total=ref("total_result"))),
    data_quality=arr(obj(O(component=NS, input=NS, quality=ref("evidence_kind"), basis=S))),
    limitations=arr(obj(O(id=NS, fr=NS, en=NS))),
    statements=obj(O(no_offsets=ref("bilingual"), location_based=ref("bilingual"), equivalences=ref("bilingual"))),
    equivalences=arr(obj(O(metric={"enum": ["tree_months", "car_km", "flight"]}, value=ref("equiv"), unit=NS,
        basis_co2e_g=ref("grams"), factor=NS, route=S), required=["metric", "value", "unit", "basis_co2e_g", "factor"])),
    citation=ref("bilingual"),
    integrity=obj(O(algorithm={"const": "SHA-256"}, canonicalization={"const": "RFC 8785"},
        excluded={"const": ["/integrity", "/report_id", "/generated_at", "/tool/target"]}, payload_sha256=ref("sha256"))),
))
schema.update(top)
schema["$defs"] = defs
out = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
import os
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
open(os.path.join(root, "schemas/empreinte-report-1.0.schema.json"), "w").write(out)
open(os.path.join(root, "crates/empreinte/src/report/empreinte-report-1.0.schema.json"), "w").write(out)
print(len(out))
