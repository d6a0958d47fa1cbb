import gc
import json
import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TZ"] = "UTC"  # exports show local times: the tests read them in one zone, whatever the machine's
time.tzset()

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():
    """Collect each test's garbage here, on the main thread: a cycle holding a Qt object that a worker
    thread's allocation happens to collect later destroys that object off its thread, and Qt aborts."""
    yield
    gc.collect()


def truth(path: Path) -> dict:
    return json.loads((SAMPLES / "truth" / (path.stem + ".json")).read_text(encoding="utf-8"))


@pytest.fixture(params=SAMPLE_FILES, ids=lambda p: p.stem[:3])
def sample(request) -> Path:
    return request.param


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for this test session (tests/pg.py), stopped at the end."""
    from pg import Cluster, server_bin

    bin_dir = server_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed; .ci/setup installs them")
    cluster = Cluster(bin_dir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def workspace_location(request, tmp_path):
    """Where a test's workspace lives: an SQLite file, or a fresh database on the test PostgreSQL server."""
    if request.param == "sqlite":
        return tmp_path / "ws" / "workspace.sqlite"
    return request.getfixturevalue("pg_cluster").new_database()
