import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def golden():
    return json.loads((ROOT / "tests" / "golden" / "ga-calculator.json").read_text())


@pytest.fixture(scope="session")
def root():
    return ROOT
