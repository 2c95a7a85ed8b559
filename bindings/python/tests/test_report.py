import json

import pytest

import empreinte

EXAMPLE = "city-digital-twin-local-server"


@pytest.fixture(scope="module")
def example(root):
    toml = root / "examples" / f"{EXAMPLE}.toml"
    expected = root / "examples" / f"{EXAMPLE}.report.json"
    if not toml.exists() or not expected.exists():
        pytest.skip("example manifests not in this checkout")
    return toml, json.loads(expected.read_text())


def test_report_from_a_manifest_verifies_and_renders(example):
    toml, expected = example
    r = empreinte.report(toml, report_id="123e4567-e89b-42d3-a456-426614174000",
                         generated_at="2026-01-15T09:30:00Z")
    d = r.to_dict()
    assert d["tool"]["target"] == "python"
    assert d["report_id"] == "123e4567-e89b-42d3-a456-426614174000"
    # the payload (everything but id, time and target-independent integrity) is the CLI's
    assert d["integrity"]["payload_sha256"] == expected["integrity"]["payload_sha256"]
    assert r.verify()["verdict"] == "valid"
    assert empreinte.verify(r.to_json())["verdict"] == "valid"
    assert empreinte.verify(d)["verdict"] == "valid"
    html_fr = r.to_html()
    assert 'lang="fr"' in html_fr and "<script" not in html_fr
    assert 'lang="en"' in r.to_html(lang="en")
    assert r.to_markdown(lang="en") and r.to_text()
    # the same manifest as text, with a fresh id and time
    fresh = empreinte.report(toml.read_text())
    assert fresh.to_dict()["report_id"] != d["report_id"]
    assert fresh.verify()["verdict"] == "valid"


def test_tampering_is_caught(example):
    toml, _ = example
    d = empreinte.report(toml).to_dict()
    d["results"]["total"]["energy_kwh"]["total"] = "0.000001"
    assert empreinte.verify(json.dumps(d))["verdict"] == "tampered"
    assert empreinte.verify("{not json")["verdict"] == "invalid"


def test_bad_manifests_raise_with_the_key(example):
    with pytest.raises(empreinte.EmpreinteError) as info:
        empreinte.report("[identification]\nsupplier = 3\n")
    assert info.value.code == "invalid_manifest" and info.value.field
    with pytest.raises(ValueError):
        empreinte.report(example[0]).to_html(lang="de")
