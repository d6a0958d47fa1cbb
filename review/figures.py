"""The few figures of one reviewed report that the year's overview adds up, cached as JSON on the
report's row beside the queue summary (so the overview of 10,000 reports reads no report at all).
"""
from __future__ import annotations

import json
from typing import Any

from .findings import FAIL, INFO
from .state import ReviewedReport

# table three, column 总计: the year's totals across agencies
REQUEST_FIGURES = {
    "received": ("新收申请", ("requests/new_received/total",)),
    "granted": ("予以公开（含部分公开）", ("requests/granted/total", "requests/partially_granted/total")),
    "denied": ("不予公开", tuple(f"requests/denied.{r}/total" for r in (
        "state_secret", "law_prohibited", "three_safety", "third_party", "internal_affairs", "process_info",
        "enforcement_file", "query_item"))),
    "pending": ("结转下年度继续办理", ("requests/carried_forward/total",)),
}
FIGURE_LABELS = {k: label for k, (label, _cells) in REQUEST_FIGURES.items()}


def report_figures(reviewed: ReviewedReport) -> dict[str, Any]:
    """{"rules": [open failing rule ids, errors and warnings], "received": n | None, …}."""
    rules = sorted({f.rule for f in reviewed.open_findings() if f.status == FAIL and f.severity != INFO})
    out: dict[str, Any] = {"rules": rules}
    report = reviewed.report
    for key, (_label, cells) in REQUEST_FIGURES.items():
        values = [report.value(c) for c in cells]
        known = [v for v in values if v is not None]
        out[key] = sum(known) if known else None
    return out


def figures_json(reviewed: ReviewedReport) -> str:
    return json.dumps(report_figures(reviewed), ensure_ascii=False, separators=(",", ":"))
