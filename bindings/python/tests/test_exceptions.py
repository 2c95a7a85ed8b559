import math
import re

import pytest

import empreinte
from empreinte import exceptions as ex

BASE = dict(runtime_h=1, cpu="Any", cores=1, memory_gb=1, location="FR")


def raises(cls, job=None, **fields):
    with pytest.raises(cls) as info:
        empreinte.estimate(job, **fields) if job is not None else empreinte.estimate(**fields)
    e = info.value
    assert isinstance(e, empreinte.EmpreinteError) and isinstance(e, ValueError)
    assert type(e) is cls, type(e)
    assert e.code == cls.code
    return e


# every class that the public estimate can raise, with an input that raises it
CASES = {
    ex.NegativeValueError: {**BASE, "runtime_h": -1},
    ex.NonFiniteValueError: {**BASE, "memory_gb": math.inf},
    ex.UsageOutOfRangeError: {**BASE, "usage_cpu": 1.5},
    ex.PueBelowOneError: {**BASE, "pue": 0.9},
    ex.MultiplicativeFactorBelowOneError: {**BASE, "multiplicative_factor": 0.5},
    ex.ZeroCountError: {**BASE, "cores": 0},
    ex.CountOutOfRangeError: {**BASE, "cores": -3},
    ex.NoProcessorError: {"runtime_h": 1, "memory_gb": 1, "location": "FR"},
    ex.MissingFieldError: {"cpu": "Any", "cores": 1, "memory_gb": 1, "location": "FR"},
    ex.MissingTdpError: {**BASE, "cpu": "other"},
    ex.UnknownCpuError: {**BASE, "cpu": "Xeon E5-2638 v4"},
    ex.UnknownGpuError: {**BASE, "gpu": "NVIDIA Tesla V1000", "gpus": 1},
    ex.UnknownLocationError: {**BASE, "location": "Frence"},
    ex.UnknownProviderError: {**BASE, "platform": "cloud", "provider": "amazon"},
    ex.UnknownDatacenterError: {**BASE, "location": None, "platform": "cloud",
                                "provider": "gcp", "datacenter": "us-west9"},
    ex.UnknownDataVersionError: {**BASE, "data_version": "v9"},
    ex.MissingLocationError: {**BASE, "location": None},
    ex.DatacenterWithoutIntensityError: None,  # filled below
    ex.ConflictingInputError: {**BASE, "platform": "cloud", "provider": "gcp",
                               "datacenter": "us-west1", "location": "FR"},
    ex.NotApplicableError: {**BASE, "provider": "gcp"},
    ex.InputOverflowError: {**BASE, "runtime_h": 1e308, "cores": 1_000_000_000},
    ex.InvalidDocumentError: {**BASE, "colour": "red"},
    ex.InvalidDurationError: {**BASE, "runtime_h": None, "runtime": "soon"},
}


def _dc_without_intensity():
    # data v1.0 has data centres whose location has no carbon intensity
    for dc in empreinte.data.datacenters("v1.0"):
        codes = {loc["code"] for loc in empreinte.data.locations("v1.0")}
        if dc["location"] not in codes:
            return {**BASE, "location": None, "data_version": "v1.0", "platform": "cloud",
                    "provider": dc["provider"], "datacenter": dc["name"]}
    raise AssertionError("no such data centre in v1.0")


@pytest.mark.parametrize("cls", list(CASES), ids=lambda c: c.__name__)
def test_each_exception_class(cls):
    fields = CASES[cls] if CASES[cls] is not None else _dc_without_intensity()
    e = raises(cls, **fields)
    assert str(e) == e.message and e.row is None


def test_unknown_names_carry_suggestions_and_fields():
    e = raises(ex.UnknownCpuError, **{**BASE, "cpu": "Xeon E5-2638 v4"})
    assert isinstance(e, empreinte.UnknownModelError) and isinstance(e, ex.UnknownNameError)
    assert e.field == "cpu.model"
    assert "Xeon E5-2683 v4" in e.suggestions and len(e.suggestions) <= 3
    e = raises(ex.UnknownLocationError, **{**BASE, "location": "Frence"})
    assert e.suggestions[0] == "France"
    e = raises(ex.ZeroCountError, **{**BASE, "cores": 0})
    assert isinstance(e, empreinte.InvalidInputError) and e.field == "cpu.cores"
    assert e.suggestions == []
    e = raises(ex.InvalidDocumentError, {"runtime_h": 1, "cpu": {"model": "Any", "cores": "x"}})
    assert e.field == "cpu.cores"
    e = raises(ex.NonFiniteValueError, **{**BASE, "usage_cpu": math.nan})
    assert e.field == "cpu.usage"


def test_every_core_error_code_has_its_class(root):
    """Fails when the core gains an error variant that has no Python class."""
    source = (root / "crates" / "empreinte" / "src" / "error.rs").read_text()
    body = source[source.index("pub fn code(&self)"):]
    body = body[: body.index("\n    }\n")]
    codes = set(re.findall(r'=> "([a-z_]+)"', body))
    assert len(codes) >= 20
    missing = sorted(codes - set(ex.BY_CODE))
    assert not missing, f"core error codes without a Python exception class: {missing}"
    assert all(issubclass(c, ex.EmpreinteError) for c in ex.BY_CODE.values())
    assert set(ex.__all__) >= {c.__name__ for c in ex.BY_CODE.values()}


def test_the_classes_are_exactly_the_cores_codes():
    """The core's list of codes (``_core.ERROR_CODES``) and the classes agree both ways."""
    from empreinte import _core

    assert set(ex.BY_CODE) == set(_core.ERROR_CODES)
    assert len(_core.ERROR_CODES) == len(set(_core.ERROR_CODES))


def test_bad_arguments_are_empreinte_errors_naming_the_argument(root):
    from empreinte import _core

    with pytest.raises(ex.InvalidArgumentError) as info:
        _core.table("cpu")
    assert info.value.code == "invalid_argument" and info.value.field == "table"
    manifest = (root / "examples" / "city-digital-twin-local-server.toml").read_text()
    r = empreinte.report(manifest)
    with pytest.raises(ex.InvalidArgumentError) as info:
        r.to_text(lang="de")
    assert info.value.field == "lang"
    # the forms people type are read by the core
    assert r.to_text(lang="fr-FR") == r.to_text(lang="FR") == r.to_text()
    with pytest.raises(ex.InvalidArgumentError) as info:
        _core.render(r.to_json(), "pdf", "fr")
    assert info.value.field == "format"
    assert _core.render(r.to_json(), "MD", "en") == r.to_markdown(lang="en")


def test_unknown_code_falls_back_to_the_base_class():
    e = ex._from_core("some_new_code", "boom", "x", [], 4)
    assert type(e) is ex.EmpreinteError and e.code == "some_new_code"
    assert str(e) == "row 4: boom" and e.row == 4 and e.field == "x"


def _deep(levels):
    x = 1.0
    for _ in range(levels):
        x = [x]
    return x


@pytest.mark.parametrize("where", ["runtime_h", "memory_gb", "unknown_keyword", "tracker_pue"])
def test_nesting_100000_levels_is_a_clean_error_not_a_crash(where):
    x = _deep(100_000)
    base = dict(cpu="Any", cores=1, memory_gb=1, location="FR", runtime_h=1)
    with pytest.raises(ex.InvalidDocumentError) as info:
        if where == "tracker_pue":
            empreinte.Tracker(**base, pue=x)
        elif where == "unknown_keyword":
            empreinte.estimate(**base, unknown_keyword=x)
        else:
            empreinte.estimate(**{**base, where: x})
    assert "nested deeper than 127 levels" in info.value.message


def test_a_job_that_is_not_a_dict_is_the_packages_own_error():
    with pytest.raises(ex.InvalidDocumentError) as info:
        empreinte.estimate([])
    assert info.value.field == "job"


def test_a_name_of_a_million_characters_is_refused_quickly_with_a_short_message():
    with pytest.raises(ex.InvalidDocumentError) as info:
        empreinte.estimate(runtime_h=1, cpu="x" * 1_000_000, cores=1, memory_gb=1, location="FR")
    assert info.value.field == "cpu.model" and len(info.value.message) < 300


def test_no_processor_names_its_field():
    with pytest.raises(ex.NoProcessorError) as info:
        empreinte.estimate(runtime_h=1, memory_gb=1, location="FR")
    assert info.value.field == "cpu"
