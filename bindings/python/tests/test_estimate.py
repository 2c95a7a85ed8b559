import json
import math

import pytest

import empreinte
from empreinte import Estimate

QUICK = dict(runtime_h=12, cpu="Xeon E5-2683 v4", cores=12, memory_gb=64, location="FR")


def close(a, e):
    return a == e or abs(a - e) <= 1e-9 * max(abs(a), abs(e))


def compare(path, expected, actual, failures):
    if isinstance(expected, dict):
        for k, v in expected.items():
            a = actual.get(k) if isinstance(actual, dict) else None
            if k == "pue" and isinstance(v, (int, float)):
                a = actual["pue"]["value"]
            compare(f"{path}.{k}", v, a, failures)
    elif isinstance(expected, (int, float)) and not isinstance(expected, bool):
        if not isinstance(actual, (int, float)) or not close(actual, expected):
            failures.append(f"{path}: expected {expected}, got {actual}")
    elif expected != actual:
        failures.append(f"{path}: expected {expected!r}, got {actual!r}")


def test_every_golden_case_through_estimate(golden):
    assert len(golden["cases"]) >= 12
    failures = []
    for case in golden["cases"]:
        result = empreinte.estimate(case["job"])
        compare(case["id"], case["expected"], result.to_dict(), failures)
    assert not failures, "\n".join(failures)


def test_keyword_and_dict_forms_agree(golden):
    for case in golden["cases"]:
        job = case["job"]
        fields = {k: v for k, v in job.items() if k not in ("cpu", "gpu")}
        if job.get("cpu"):
            c = job["cpu"]
            fields.update(cpu=c.get("model"), cores=c.get("cores"), usage_cpu=c.get("usage"),
                          tdp_per_core_w=c.get("tdp_per_core_w"))
        if job.get("gpu"):
            g = job["gpu"]
            fields.update(gpu=g.get("model"), gpus=g.get("count"), usage_gpu=g.get("usage"),
                          tdp_w=g.get("tdp_w"))
        assert empreinte.estimate(**fields) == empreinte.estimate(job), case["id"]
    # both at once: keywords win
    e = empreinte.estimate({"runtime_h": 1, "cpu": {"model": "Any", "cores": 2},
                            "memory_gb": 1, "location": "WORLD"}, location="FR", cores=12)
    assert e.location == "FR" and e.cpu["cores"] == 12


def test_attributes_are_the_result_json_and_read_only():
    e = empreinte.estimate(**QUICK)
    d = e.to_dict()
    for key, value in d.items():
        assert getattr(e, key) == value, key
    assert math.isclose(e.energy_kwh, 2.1310848, rel_tol=1e-12)
    assert math.isclose(e.co2e_g, 109.282028544, rel_tol=1e-12)
    assert e.pue["value"] == 1.56 and e.ci_g_per_kwh == 51.28
    assert set(e.citation) == {"fr", "en"}
    assert json.loads(e.to_json()) == d
    assert json.loads(e.to_json(indent=2)) == d
    with pytest.raises(AttributeError):
        e.energy_kwh = 0  # type: ignore[misc]
    e.energy_breakdown_kwh["cpu"] = -1
    assert e.energy_breakdown_kwh["cpu"] > 0
    assert e.measurement is None
    assert "energy_kwh=2.13108" in repr(e) and "FR" in repr(e)


def test_html_card_is_bilingual_and_self_contained():
    h = empreinte.estimate(**QUICK)._repr_html_()
    assert "Énergie" in h and "Energy" in h and "Mois-arbre" in h
    # the core's formats: decimal comma and no-break spaces in French
    assert "109,28\u00a0gCO₂e" in h and "2.13\u00a0kWh" in h and "2,13\u00a0kWh" in h
    assert "79,1\u202f%" in h
    assert 'lang="fr"' in h and 'lang="en"' in h
    for forbidden in ("<script", "http-equiv", "<link", "src="):
        assert forbidden not in h


def test_runtime_text_and_numpy_scalars():
    np = pytest.importorskip("numpy")
    a = empreinte.estimate(runtime="12h", cpu="Xeon E5-2683 v4", cores=np.int64(12),
                           memory_gb=np.float32(64), location="FR")
    assert a == empreinte.estimate(**QUICK)
    with pytest.raises(empreinte.exceptions.InvalidDurationError):
        empreinte.estimate(runtime="twelve hours", cpu="Any", cores=1, memory_gb=1, location="FR")


def test_data_versions_are_selectable():
    v1 = empreinte.estimate(**QUICK, data_version="v1.0")
    assert v1.data_version == "v1.0" and v1.pue["value"] == 1.67
    assert isinstance(v1, Estimate)


def _cli_summary(lang):
    import os
    import shutil
    import subprocess

    exe = os.environ.get("EMPREINTE_BIN") or shutil.which("empreinte")
    if not exe:
        pytest.skip("the empreinte binary is not built (set EMPREINTE_BIN)")

    args = ["estimate", "--runtime", "12h", "--cpu", "Xeon E5-2683 v4", "--cores", "12",
            "--memory", "64", "--location", "FR", "--lang", lang]
    return subprocess.run([exe, *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_str_is_the_core_summary_the_cli_prints(lang):
    e = empreinte.estimate(**QUICK)
    text = e.summary(lang)
    assert text.rstrip("\n") == _cli_summary(lang).rstrip("\n")
    marker = "Empreinte carbone" if lang == "fr" else "Carbon footprint"
    assert marker in text


def test_str_follows_lang_and_a_json_only_estimate_says_why_it_has_none(monkeypatch):
    e = empreinte.estimate(**QUICK)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert str(e) == e.summary("fr") and "109,28" in str(e)
    monkeypatch.setenv("LANG", "C")
    assert str(e) == e.summary("en")
    bare = Estimate(e.to_json())
    assert str(bare) == repr(bare)
    with pytest.raises(empreinte.exceptions.InvalidArgumentError) as info:
        bare.summary("fr")
    assert info.value.field == "summary"
    with pytest.raises(empreinte.exceptions.InvalidArgumentError):
        e.summary("de")


def test_keywords_fill_the_parts_by_the_core_rule():
    from empreinte._job import job_from

    assert job_from(None, {"usage_cpu": 0.5, "gpus": 2, "runtime": "1h30m", "cpu": None}) == {
        "cpu": {"usage": 0.5}, "gpu": {"count": 2}, "runtime_h": 1.5}
    assert job_from({"cpu": {"model": "Any"}}, {"cores": 4}) == {"cpu": {"model": "Any", "cores": 4}}
    with pytest.raises(empreinte.exceptions.InvalidDocumentError) as info:
        job_from([1, 2], {})
    assert info.value.field == "job"


def test_an_estimate_pickles_and_any_mapping_is_a_job():
    import pickle
    from types import MappingProxyType

    e = empreinte.estimate(MappingProxyType({"runtime_h": 12, "cpu": {"model": "Xeon E5-2683 v4", "cores": 12},
                                             "memory_gb": 64, "location": "FR"}))
    assert e == empreinte.estimate(**QUICK)
    back = pickle.loads(pickle.dumps(e))
    assert back == e and back.co2e_g == e.co2e_g and str(back) == repr(back)
