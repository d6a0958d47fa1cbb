"""Rules are discovered from their package; a crashing rule (or checker) is isolated in one place; severities,
finding statuses and sign-off outcomes are StrEnums with one Chinese display each."""
import json
import pkgutil
import re
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE_FILES

import review.rules as rules
from parser.extract import load
from review.findings import CANNOT_ASSESS, ERROR, SEVERITY_NAMES, WARNING, FindingStatus, Severity
from review.isolation import CRASHED, isolated
from review.rules import CATALOGUE, check, discover
from review.state import PASSED, RETURNED, Outcome
from review.workspace import Workspace


def test_every_rule_module_of_the_package_is_discovered():
    package = ROOT / "review" / "rules"
    declaring = {f"review.rules.{m.name}" for m in pkgutil.iter_modules([str(package)])
                 if re.search(r"^@rule\(", (package / f"{m.name}.py").read_text(encoding="utf-8"), re.M)}
    assert declaring and {r.function.__module__ for r in CATALOGUE} == declaring
    assert rules.BROKEN_MODULES == {}


def test_a_module_that_cannot_be_imported_is_reported_and_the_others_load(tmp_path, monkeypatch):
    package = tmp_path / "extra_rules"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "good.py").write_text("LOADED = True\n")
    (package / "broken.py").write_text("raise RuntimeError('坏了')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    broken = discover("extra_rules", [str(package)])
    assert broken == {"extra_rules.broken": "RuntimeError: 坏了"}
    assert sys.modules["extra_rules.good"].LOADED
    monkeypatch.setattr(rules, "BROKEN_MODULES", broken)
    report = load(str(SAMPLE_FILES[0]))
    (finding,) = [f for f in check(report) if f.rule == "extra_rules.broken"]
    assert finding.status == CANNOT_ASSESS and "未能运行" in finding.message and "坏了" in finding.message


def test_a_crashing_rule_becomes_one_finding_and_the_others_still_run(monkeypatch):
    report = load(str(next(p for p in SAMPLE_FILES if p.name.startswith("002"))))
    before = check(report)
    victim = CATALOGUE[0]

    def boom(ctx):
        raise ZeroDivisionError("division by zero")

    patched = [type(victim)(victim.id, victim.severity, victim.description, boom), *CATALOGUE[1:]]
    monkeypatch.setattr(rules, "CATALOGUE", patched)
    after = check(report)
    (crash,) = [f for f in after if f.rule == victim.id]
    assert crash.status == CANNOT_ASSESS and crash.severity == WARNING and "ZeroDivisionError" in crash.message
    assert [f for f in after if f.rule != victim.id] == [f for f in before if f.rule != victim.id]


def test_a_crashing_checker_is_a_finding_in_the_workspace_and_the_export(tmp_path):
    def crashing(report, previous=None):
        raise KeyError("no such cell")

    with Workspace(tmp_path / "w.sqlite", check=crashing) as ws:
        rid, _ = ws.import_file(SAMPLE_FILES[0])
        (finding,) = ws.load(rid).findings
        assert finding.rule == CRASHED and "KeyError" in finding.message
        assert ws.rules_for(rid)(ws.load(rid).report)[0].rule == CRASHED
    assert isolated(CRASHED, lambda: [1 / 0])[0].message.startswith("审核规则运行出错")


def test_severities_statuses_and_outcomes_are_str_enums_with_one_chinese_display():
    assert ERROR == "error" and Severity("warning") is WARNING and json.dumps(ERROR) == '"error"'
    assert [s.label for s in Severity] == ["错误", "警告", "提示"] == [SEVERITY_NAMES[s] for s in Severity]
    assert FindingStatus.CANNOT_ASSESS.label == "无法判断"
    assert Outcome("退回") is RETURNED and PASSED.label == "通过"
    for path in (ROOT / "review").rglob("*.py"):  # the display of severities is spelled out once
        text = path.read_text(encoding="utf-8")
        assert path.name == "findings.py" or '"error": "错误"' not in text, path
    gui = Path(ROOT / "gui" / "i18n.py").read_text(encoding="utf-8")
    assert '"错误"' not in gui
