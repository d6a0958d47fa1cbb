"""`main.py check` and `main.py rules` as spec/cli.md describes them, exit codes included."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli import run
from review.rules import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


def sample(prefix: str) -> str:
    return str(next(SAMPLES.glob(f"{prefix}_*.txt")))


def test_check_clean_report_exits_0(capsys):
    assert run(["check", sample("000")]) == 0
    out = capsys.readouterr().out
    assert "未发现问题" in out


def test_check_with_errors_exits_1_and_prints_the_correction(capsys):
    assert run(["check", sample("002")]) == 1
    out = capsys.readouterr().out
    assert "requests.results_total" in out and "表三（七）总计·自然人：各项办理结果之和为 1，报告填写 0" in out
    assert "建议更正" in out and "text.no_requests" in out


def test_check_json_matches_the_contract(capsys):
    assert run(["check", sample("002"), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["file"].endswith(".txt")
    f = next(f for f in doc["findings"] if f["rule"] == "requests.results_total"
             and f["cells"][0] == "requests/total/natural_person")
    assert f == {**f, "severity": "error", "status": "fail", "reported": 0, "computed": 1,
                 "suggestion": {"requests/unable.not_held/natural_person": 0}}
    assert f["message"].startswith("表三（七）总计·自然人")
    assert any(x["rule"] == "text.no_requests" and x["sentence"] for x in doc["findings"])


def test_check_several_files_gives_an_array_and_unreadable_files_exit_2(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    code = run(["check", sample("000"), str(missing), sample("003"), "--json"])
    captured = capsys.readouterr()
    assert code == 2
    docs = json.loads(captured.out)
    assert [Path(d["file"]).name[:3] for d in docs] == ["000", "003"]
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "nope.txt" in lines[0]


def test_check_previous_runs_the_years_rules(capsys):
    # 004 (2020, the same agency under an older name) as last year's report of 000 (2024): not consecutive
    assert run(["check", sample("000"), "--previous", sample("004"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    years = [f for f in doc["findings"] if f["rule"].startswith("years.")]
    assert years and all(f["status"] == "cannot_assess" for f in years)
    assert "不是相邻年度" in years[0]["message"]


def test_check_bad_previous_exits_2(tmp_path, capsys):
    assert run(["check", sample("000"), "--previous", str(tmp_path / "missing.txt")]) == 2
    captured = capsys.readouterr()
    assert "missing.txt" in captured.err and "未发现问题" in captured.out


def test_rules_lists_every_rule(capsys):
    assert run(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(CATALOGUE)
    for line, r in zip(lines, CATALOGUE, strict=True):
        assert line.startswith(r.id) and r.description in line
        assert any(s in line for s in ("错误", "警告", "提示"))


def test_check_never_tracebacks_and_does_not_load_qt(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code = ("import sys, main; rc = main.main(['check', sys.argv[1], sys.argv[2]]); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code, str(bad), sample("002")], cwd=ROOT, capture_output=True,
                       text=True)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "binary.txt" in r.stderr
    assert "requests.results_total" in r.stdout
