import pytest

import empreinte
from empreinte import data


def test_tables_for_every_version():
    versions = data.versions()
    assert versions[0] == "v1.0" and versions[-1] == "v3.0"
    for v in versions:
        for fn in (data.cpus, data.gpus, data.locations, data.providers, data.datacenters):
            rows = fn(v)
            assert rows and isinstance(rows[0], dict), (v, fn.__name__)
    assert len(data.cpus("v3.0")) >= 95
    fr = [r for r in data.locations() if r["code"] == "FR"][0]
    assert fr["ci_g_per_kwh"] == 51.28


def test_search():
    hits = data.cpus(search="e5-2683 v4")
    assert hits[0]["name"] == "Xeon E5-2683 v4" and hits[0]["tdp_per_core_w"] == 7.5
    everything = data.search("oregon")
    assert set(everything) == {"cpus", "gpus", "locations", "providers", "datacenters"}
    assert everything["datacenters"][0]["name"] == "us-west1"
    with pytest.raises(empreinte.exceptions.UnknownDataVersionError):
        data.cpus("v0.1")


def test_frames_when_pandas_is_there():
    pd = pytest.importorskip("pandas")
    df = data.gpus(as_frame=True)
    assert isinstance(df, pd.DataFrame) and "tdp_w" in df.columns
