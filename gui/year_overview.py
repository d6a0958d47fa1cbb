"""The year's overview in the window: the same matplotlib charts as the bulletin, on Qt canvases."""
from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from review.office import charts
from review.office.overview import Overview
from review.rules import CATALOGUE

from .i18n import tr


class OverviewPane(QWidget):
    """Counts in one line, then three charts: status by 地区, common problems, table three totals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.grid = QGridLayout(self)
        self.grid.addWidget(self.summary, 0, 0, 1, 2)
        self.grid.setRowStretch(1, 1)
        self.grid.setRowStretch(2, 1)
        self.canvases: list[FigureCanvasQTAgg] = []

    def show_overview(self, ov: Overview) -> None:
        for canvas in self.canvases:
            self.grid.removeWidget(canvas)
            canvas.deleteLater()
        self.canvases = []
        c = ov.counts
        self.summary.setText(tr("{year} 年度：名单 {n} 个机关，未报送 {missing} 个，有错误 {errors} 个，"
                                "已签发 {signed} 个，已退回 {returned} 个；本年度报告 {reports} 份，"
                                "未匹配到名单 {unmatched} 份",
                                year=ov.year, n=len(ov.status.agencies), missing=c["未报送"], errors=c["有错误"],
                                signed=c["已签发"], returned=c["已退回"], reports=ov.reports, unmatched=c["未匹配"]))
        descriptions = {r.id: r.description for r in CATALOGUE}
        with charts.fonts():
            for (draw, args), (row, col) in zip(((charts.draw_status, ()), (charts.draw_rules, (descriptions,)),
                                                 (charts.draw_totals, ())), ((1, 0), (1, 1), (2, 0)), strict=True):
                fig = charts.figure(5.2, 3.4, fast=True)
                fig.set_dpi(90)
                canvas = FigureCanvasQTAgg(fig)
                draw(fig, ov, *args)  # drawn when shown (Qt paints it once)
                self.grid.addWidget(canvas, row, col)
                self.canvases.append(canvas)
