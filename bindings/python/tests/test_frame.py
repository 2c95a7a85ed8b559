import math
import random

import pytest

import empreinte
from empreinte import exceptions as ex

np = pytest.importorskip("numpy")

CPUS = ["Xeon E5-2683 v4", "Any", "Core i7-10700K", None]
GPUS = [None, None, "NVIDIA Tesla V100", "NVIDIA A100 40GB PCIe"]
LOCATIONS = ["FR", "WORLD", "US-CA", "DE"]
COLS = {
    "energy_kwh": ("energy_kwh",),
    "co2e_g": ("co2e_g",),
    "power_w": ("power_w",),
    "energy_cpu_kwh": ("energy_breakdown_kwh", "cpu"),
    "energy_gpu_kwh": ("energy_breakdown_kwh", "gpu"),
    "energy_memory_kwh": ("energy_breakdown_kwh", "memory"),
    "co2e_cpu_g": ("co2e_breakdown_g", "cpu"),
    "co2e_gpu_g": ("co2e_breakdown_g", "gpu"),
    "co2e_memory_g": ("co2e_breakdown_g", "memory"),
    "power_cpu_w": ("power_breakdown_w", "cpu"),
    "power_gpu_w": ("power_breakdown_w", "gpu"),
    "power_memory_w": ("power_breakdown_w", "memory"),
    "ci_g_per_kwh": ("ci_g_per_kwh",),
    "pue": ("pue", "value"),
}


def random_rows(n, seed, bad=0.0):
    rnd = random.Random(seed)
    rows = []
    for _ in range(n):
        r = {
            "runtime_h": rnd.choice([0.0, 0.5, 1.0, 12.0, rnd.uniform(0, 100)]),
            "cpu": rnd.choice(CPUS),
            "cores": float(rnd.randint(1, 64)),
            "usage_cpu": rnd.choice([None, 0.0, 0.5, 1.0]),
            "gpu": rnd.choice(GPUS),
            "gpus": float(rnd.randint(1, 8)),
            "memory_gb": rnd.uniform(0, 512),
            "location": rnd.choice(LOCATIONS),
            "pue": rnd.choice([None, None, 1.0, 1.2]),
            "data_version": rnd.choice([None, "v3.0", "v2.2"]),
        }
        if r["cpu"] is None:
            r["cores"] = None
            r["usage_cpu"] = None
        if r["gpu"] is None:
            r["gpus"] = None
        if rnd.random() < bad:
            key, value = rnd.choice([("cores", 0.0), ("location", "Frence"), ("runtime_h", -1.0),
                                     ("cpu", "Xeon E5-2638 v4"), ("memory_gb", None),
                                     ("pue", 0.5), ("usage_cpu", 2.0), ("cores", 2.5)])
            r[key] = value
        rows.append(r)
    return rows


def row_job(r):
    return {k: v for k, v in r.items() if v is not None and not (isinstance(v, float) and math.isnan(v))}


def expected(rows):
    out = []
    for r in rows:
        job = row_job(r)
        if "cores" in job:
            job["cores"] = int(job["cores"]) if float(job["cores"]).is_integer() else job["cores"]
        if "gpus" in job:
            job["gpus"] = int(job["gpus"])
        try:
            out.append(empreinte.estimate(**job).to_dict())
        except empreinte.EmpreinteError as e:
            out.append(e)
    return out


def get(d, path):
    for p in path:
        d = d[p]
    return d


def check_results(rows, columns, errors=None):
    for i, want in enumerate(expected(rows)):
        if isinstance(want, Exception):
            assert errors is not None and errors[i] is not None, (i, rows[i], want)
            for name in COLS:
                assert math.isnan(columns[name][i])
            continue
        if errors is not None:
            assert errors[i] is None, (i, rows[i], errors[i])
        for name, path in COLS.items():
            assert columns[name][i] == get(want, path), (i, name, rows[i])


def as_dict_of_arrays(rows):
    keys = rows[0].keys()
    out = {}
    for k in keys:
        values = [r[k] for r in rows]
        if k in ("cpu", "gpu", "location", "data_version"):
            out[k] = np.array(values, dtype=object)
        else:
            out[k] = np.array([math.nan if v is None else v for v in values], dtype=np.float64)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dict_of_numpy_arrays_equals_row_by_row(seed):
    rows = random_rows(400, seed)
    out = empreinte.estimate_frame(as_dict_of_arrays(rows), columns="all", errors="null")
    check_results(rows, out, list(out["error"]))
    assert sum(e is None for e in out["error"]) > 100


def test_pandas_equals_row_by_row_with_nulls_and_bad_rows():
    pd = pytest.importorskip("pandas")
    rows = random_rows(600, 7, bad=0.2)
    df = pd.DataFrame(rows)
    df["job_id"] = range(len(df))
    out = empreinte.estimate_frame(df, errors="null", columns="all")
    assert isinstance(out, pd.DataFrame) and list(out["job_id"]) == list(range(len(df)))
    assert out["error"].notna().sum() > 20
    check_results(rows, {c: out[c].to_numpy() for c in COLS}, list(out["error"].where(out["error"].notna(), None)))
    # pandas categorical and python-object columns give the same
    df2 = df.astype({"cpu": "category", "location": object})
    out2 = empreinte.estimate_frame(df2, errors="null", columns="all")
    assert out2["energy_kwh"].equals(out["energy_kwh"])


def test_pyarrow_equals_row_by_row_with_nulls_and_bad_rows():
    pa = pytest.importorskip("pyarrow")
    rows = random_rows(600, 11, bad=0.2)
    table = pa.Table.from_pylist(rows)
    out = empreinte.estimate_frame(table, errors="null", columns="all")
    assert isinstance(out, pa.Table)
    cols = {c: np.array([math.nan if v is None else v for v in out[c].to_pylist()]) for c in COLS}
    errors = out["error"].to_pylist()
    check_results(rows, cols, errors)
    # error rows are nulls, not NaN
    assert out["energy_kwh"].null_count == sum(e is not None for e in errors) > 0
    # chunked input and a dictionary column
    chunked = pa.concat_tables([table.slice(0, 300), table.slice(300)])
    chunked = chunked.set_column(chunked.column_names.index("cpu"), "cpu",
                                 pa.chunked_array([c.dictionary_encode() for c in chunked["cpu"].chunks]))
    out2 = empreinte.estimate_frame(chunked, errors="null", columns="all")
    assert out2["energy_kwh"].to_pylist() == out["energy_kwh"].to_pylist()


def test_raise_names_the_row():
    rows = random_rows(50, 3)
    for r in rows[:17]:
        r.update(cpu="Any", cores=1.0, gpu=None, gpus=None)
    rows[17]["cores"] = 0.0
    rows[17]["cpu"] = "Any"
    rows[30]["location"] = "Frence"
    with pytest.raises(ex.ZeroCountError) as info:
        empreinte.estimate_frame(as_dict_of_arrays(rows))
    assert info.value.row == 17 and str(info.value).startswith("row 17: ")
    assert info.value.field == "cpu.cores"


def test_large_frames_split_over_threads_keep_row_order_and_first_error():
    n = 450_000
    runtime = np.arange(n, dtype=np.float64) / 1000
    cols = {"runtime_h": runtime, "cores": np.ones(n), "memory_gb": np.zeros(n)}
    out = empreinte.estimate_frame(cols, cpu="Any", location="FR")
    one = empreinte.estimate(runtime_h=1.0, cpu="Any", cores=1, memory_gb=0, location="FR")
    assert out["energy_kwh"][1000] == one.energy_kwh
    assert np.all(np.diff(out["energy_kwh"]) >= 0)
    bad = np.ones(n)
    bad[400_000] = 0
    bad[300_000] = 0
    with pytest.raises(ex.ZeroCountError) as info:
        empreinte.estimate_frame({**cols, "cores": bad}, cpu="Any", location="FR")
    assert info.value.row == 300_000
    out = empreinte.estimate_frame({**cols, "cores": bad}, cpu="Any", location="FR", errors="null")
    assert [i for i, e in enumerate(out["error"]) if e] == [300_000, 400_000]


def test_empty_frames_and_constants():
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    empty = pd.DataFrame({"runtime_h": pd.Series([], dtype=float), "cpu": pd.Series([], dtype=object)})
    out = empreinte.estimate_frame(empty, cores=1, memory_gb=1, location="FR")
    assert len(out) == 0 and "co2e_g" in out.columns
    out = empreinte.estimate_frame(pa.table({"runtime_h": pa.array([], pa.float64())}), errors="null")
    assert out.num_rows == 0 and "error" in out.column_names
    out = empreinte.estimate_frame({"runtime_h": np.array([])})
    assert len(out["energy_kwh"]) == 0
    with pytest.raises(ValueError):
        empreinte.estimate_frame(pd.DataFrame({"location": ["FR"]}), location="FR")
    with pytest.raises(TypeError):
        empreinte.estimate_frame(pd.DataFrame({"x": [1]}), colour="red")
    with pytest.raises(TypeError):
        empreinte.estimate_frame([1, 2, 3])
    with pytest.raises(ValueError):
        empreinte.estimate_frame({"runtime_h": np.ones(2)}, errors="ignore")
    with pytest.raises(ex.InvalidDocumentError):
        empreinte.estimate_frame({"runtime_h": np.array(["a", "b"], dtype=object)})


def test_result_columns_selection():
    cols = {"runtime_h": np.array([1.0]), "cores": np.array([2.0])}
    out = empreinte.estimate_frame(cols, cpu="Any", memory_gb=1, location="FR", columns=["co2e_g"])
    assert set(out) == {"runtime_h", "cores", "co2e_g"}
    with pytest.raises(ValueError):
        empreinte.estimate_frame(cols, cpu="Any", memory_gb=1, location="FR", columns=["nope"])


try:
    from hypothesis import given, settings, strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(
        st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
        st.sampled_from(CPUS),
        st.one_of(st.none(), st.integers(-2, 100).map(float)),
        st.one_of(st.none(), st.floats(0, 1e6)),
        st.sampled_from(LOCATIONS + ["Frence", None]),
        st.one_of(st.none(), st.floats(0.5, 3)),
    ), max_size=30))
    def test_any_frame_matches_row_by_row(items):
        rows = [{"runtime_h": t, "cpu": c, "cores": n, "memory_gb": m, "location": loc, "pue": p}
                for t, c, n, m, loc, p in items]
        if not rows:
            out = empreinte.estimate_frame({"runtime_h": np.array([])}, errors="null")
            assert len(out["error"]) == 0
            return
        out = empreinte.estimate_frame(as_dict_of_arrays(rows), errors="null", columns="all")
        check_results(rows, out, list(out["error"]))
