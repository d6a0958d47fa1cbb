"""The core type-checks: mypy on parser/ and review/ (configured in pyproject.toml [tool.mypy]) finds nothing."""
import subprocess
import sys

from conftest import ROOT


def test_core_is_type_checked_clean():
    r = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
