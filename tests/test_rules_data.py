"""Helpers for the rules tests: consistent reports with realistic non-zero figures (seeded RNG).

No tests here; test_rules*.py import these.
"""
from __future__ import annotations

import random
from pathlib import Path

from parser.model import Report
from parser.template import version
from review.rules.equations import result_rows

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
FIXTURES = ROOT / "tests" / "data" / "reports"

TEXT = """XX市XX局{year}年政府信息公开工作年度报告
本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。
一、总体情况
本机关做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
一是公开内容不够全面。
六、其他需要报告的事项
本机关未收取信息处理费。
"""


def consistent_values(seed: int, template: str = "2021") -> dict[str, float | int]:
    """Every cell of a report whose tables satisfy all equalities, with many non-zero figures."""
    rng = random.Random(seed)
    ver = version(template)
    values: dict[str, float | int] = {k: 0 for k in ver.cell_keys()}
    req = ver.table("requests")
    cols = [c.key for b in req.blocks for c in b.columns]
    applicants = [c for c in cols if c != "total"]
    results = result_rows(ver)
    for c in applicants:
        for r in results:
            values[f"requests/{r}/{c}"] = rng.choice([0, 0, 0, 1, 2, 3, 4, 7, 12, 25, 60])
        handled = sum(values[f"requests/{r}/{c}"] for r in results)
        forwarded = rng.randint(0, 6)
        carried = rng.randint(0, min(handled + forwarded, 9))
        values[f"requests/total/{c}"] = handled
        values[f"requests/carried_forward/{c}"] = forwarded
        values[f"requests/carried_over/{c}"] = carried
        values[f"requests/new_received/{c}"] = handled + forwarded - carried
    for r in [r.key for b in req.blocks for r in b.rows]:
        values[f"requests/{r}/total"] = sum(values[f"requests/{r}/{c}"] for c in applicants)
    for row in ("review", "litigation_direct", "litigation_after_review"):
        parts = [rng.choice([0, 1, 2, 3, 5, 9]) for _ in range(4)]
        for p, v in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[f"appeals/{row}/{p}"] = v
        values[f"appeals/{row}/total"] = sum(parts)
    for key, spec in ver.specs.items():
        if key.startswith("active/"):
            values[key] = round(rng.uniform(0, 500), 2) if spec.kind == "money" else rng.randint(0, 40)
    if template == "2021":
        for row in ("regulations", "normative_documents"):
            values[f"active/{row}/in_force"] = values[f"active/{row}/issued"] + rng.randint(0, 50)
        for k in ("issued", "repealed", "in_force"):
            values[f"active/regulations/{k}"] = 0  # an agency below the provinces makes no 规章
    else:
        for row in ("regulations", "normative_documents"):
            values[f"active/{row}/total"] = values[f"active/{row}/published"] + rng.randint(0, 50)
        for k in ("made", "published", "total"):
            values[f"active/regulations/{k}"] = 0
    return values


def make_report(values: dict, template: str = "2021", text: str | None = None, year: int | None = None,
                agency: str = "XX市XX局") -> Report:
    """A report built from cell values (the parser is not involved), with a plain narrative."""
    year = year or (2023 if template == "2021" else 2020)
    text = TEXT.format(year=year) if text is None else text
    return Report.from_values(dict(values), template, text=text, agency=agency, year=year, source="test")
