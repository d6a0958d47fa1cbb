"""The README stays true: its rule catalogue and the test command CI runs."""
from conftest import ROOT

from review.rules import CATALOGUE

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_catalogue():
    assert [r.id for r in CATALOGUE if f"`{r.id}`" not in README] == []


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "bash .ci/setup && QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest"
    assert command in README and command in ci
