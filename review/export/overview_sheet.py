"""The 概览 sheet of a workspace's archive: the year's status, status by 地区, findings by rule and the
table three totals against last year, each a small table with a native Excel bar chart beside it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from ..office.status import STATUSES
from .stream import StreamSheet, new_sheet
from .style import HEADER, LIST_NUMBER, LIST_TEXT, SECTION, TITLE

if TYPE_CHECKING:
    from ..office.overview import Overview

OVERVIEW = "概览"
MAX_RULES = 15
CHART_COLUMN = "F"  # charts sit right of the tables (columns A–D)


class _Rows:
    """Streamed rows with their row numbers (write-only: one pass, top to bottom)."""

    def __init__(self, ws: StreamSheet) -> None:
        self.ws = ws
        self.row = 0

    def add(self, values: list[object], looks: list | None = None) -> int:
        self.row += 1
        looks = looks or [LIST_NUMBER if isinstance(v, int | float) else LIST_TEXT for v in values]
        self.ws.add_values([(c, v, look) for c, (v, look) in enumerate(zip(values, looks, strict=True), 1)])
        return self.row

    def blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.add([None])


def _bar(title: str, ws: StreamSheet, first: int, last: int, columns: int, horizontal: bool = False,
         stacked: bool = False) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.height, chart.width = 7.5, 16
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    data = Reference(ws, min_col=2, max_col=1 + columns, min_row=first, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=last))
    if horizontal:
        chart.y_axis.majorGridlines = None
        chart.x_axis.scaling.orientation = "maxMin"  # first category on top
    return chart


def write_overview(wb: Workbook, ov: Overview, descriptions: dict[str, str]) -> StreamSheet:
    """Add the 概览 sheet (tables with charts); the sheet is finished when this returns."""
    ws = new_sheet(wb, OVERVIEW)
    for col, width in zip("ABCDE", (44, 12, 12, 12, 12), strict=True):
        ws.column_dimensions[col].width = width
    rows = _Rows(ws)
    charts: list[tuple[int, BarChart]] = []
    rows.add([f"{ov.year} 年度报送与审核概览" if ov.year is not None else "报送与审核概览"], [TITLE])
    rows.blank()

    rows.add(["报送与审核状态（机关数）"], [SECTION])
    counts = ov.counts
    first = rows.add(["状态", "机关数"], [HEADER, HEADER])
    for s in STATUSES:
        rows.add([s, counts[s]])
    last = rows.add(["未匹配到名单的报告", counts["未匹配"]])
    charts.append((first - 1, _bar("报送与审核状态", ws, first, last - 1, 1)))
    rows.blank(12 - (last - first))

    rows.add(["各地区报送与审核情况（机关数）"], [SECTION])
    statuses = list(ov.by_region.columns)
    first = rows.add(["地区", *statuses], [HEADER] * (1 + len(statuses)))
    for region, values in ov.by_region.iterrows():
        last = rows.add([str(region), *(int(v) for v in values)])
    if len(ov.by_region):
        charts.append((first - 1, _bar("各地区报送与审核情况", ws, first, last, len(statuses), True, True)))
    rows.blank(max(2, 16 - len(ov.by_region)))

    rows.add(["常见问题（涉及报告数）"], [SECTION])
    first = last = rows.add(["问题", "报告数"], [HEADER, HEADER])
    for rule, n in ov.rules.head(MAX_RULES).items():
        last = rows.add([descriptions.get(str(rule), str(rule)), int(n)])
    if last > first:
        charts.append((first - 1, _bar("常见问题", ws, first, last, 1, True)))
    rows.blank(max(2, 16 - (last - first)))

    rows.add(["依申请公开办理情况（表三总计，各机关合计）"], [SECTION])
    year = ov.year if ov.year is not None else 0
    first = rows.add(["项目", f"{year - 1} 年度", f"{year} 年度"], [HEADER] * 3)
    for label, values in ov.totals.iterrows():
        last = rows.add([str(label), *(None if v != v else float(v) for v in values)])
    charts.append((first - 1, _bar("表三合计：本年与上年", ws, first, last, 2)))
    for anchor_row, chart in charts:
        ws.add_chart(chart, f"{CHART_COLUMN}{anchor_row}")
    ws.finish()
    return ws
