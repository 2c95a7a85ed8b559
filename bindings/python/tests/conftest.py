import json
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "spark: needs Java and PySpark's local mode (run with EMPREINTE_SPARK=1: make py-spark)"
    )


def pytest_collection_modifyitems(config, items):
    # Spark's tests run where EMPREINTE_SPARK=1 (make py-spark sets it, and checks Java first);
    # make py-test deselects them (-m "not spark"), so they are never skipped there.
    if os.environ.get("EMPREINTE_SPARK") == "1":
        return
    skip = pytest.mark.skip(reason="Spark's tests run with EMPREINTE_SPARK=1 (make py-spark, which needs Java)")
    for item in items:
        if "spark" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    # make py-test and make py-spark set EMPREINTE_NO_SKIP=1: a test that skips itself (a
    # missing module, binary or file) fails the run instead of passing silently.
    if os.environ.get("EMPREINTE_NO_SKIP") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.write("\n")
        reporter.write_line(
            f"EMPREINTE_NO_SKIP=1: {len(skipped)} skipped (reasons below, -rs): a skip fails this run",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def golden():
    return json.loads((ROOT / "tests" / "golden" / "ga-calculator.json").read_text())


@pytest.fixture(scope="session")
def root():
    return ROOT
