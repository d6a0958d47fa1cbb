"""A horizontal header with merged, stacked column labels, as printed:

|        申请人情况                                                   |
| 自然人 |            法人或其他组织                        | 总计 |
|        | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |      |
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from .table_layout import TableLayout

BG = QColor("#eef1f4")
LINE = QColor("#c4c9cf")
TEXT = QColor("#202124")
CORNER_TEXT = QColor("#5f6368")


class GroupedHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.table_layout: TableLayout | None = None
        self.corner = ""
        self.setSectionsClickable(False)
        self.setHighlightSections(False)

    def set_table_layout(self, lay: TableLayout, corner: str = "") -> None:
        self.table_layout, self.corner = lay, corner
        self.updateGeometry()
        self.viewport().update()

    def bands(self) -> int:
        lay = self.table_layout
        if lay is None:
            return 1
        return max([len(lay.header_levels(c)) for c in range(lay.column_count)] + [1])

    def band_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        s = super().sizeHint()
        # the lowest band holds the column labels, which may wrap to two lines
        s.setHeight(self.band_height() * (self.bands() - 1) + self.fontMetrics().height() * 2 + 10)
        return s

    def boxes(self) -> list[tuple[QRect, str]]:
        """Every merged header box in viewport coordinates, with its text."""
        lay = self.table_layout
        if lay is None:
            return []
        B, bh, height = self.bands(), self.band_height(), self.height()
        L = lay.label_columns
        x0 = self.sectionViewportPosition(0)
        label_w = sum(self.sectionSize(c) for c in range(L))
        out = [(QRect(x0, 0, label_w, height), self.corner)]
        levels = {c: lay.header_levels(c) for c in range(L, lay.column_count)}
        for band in range(B):
            c = L
            while c < lay.column_count:
                lv = levels[c]
                if band >= len(lv):
                    c += 1
                    continue
                x = self.sectionViewportPosition(c)
                top = band * bh
                if band == len(lv) - 1:  # the column's own label: reaches down to the bottom
                    out.append((QRect(x, top, self.sectionSize(c), height - top), lv[band]))
                    c += 1
                    continue
                end = c + 1
                while (
                    end < lay.column_count and len(levels[end]) > band + 1 and levels[end][: band + 1] == lv[: band + 1]
                ):
                    end += 1
                w = sum(self.sectionSize(k) for k in range(c, end))
                out.append((QRect(x, top, w, bh), lv[band]))
                c = end
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        p.fillRect(self.viewport().rect(), BG)
        p.setFont(self.font())
        for i, (rect, text) in enumerate(self.boxes()):
            p.setPen(QPen(LINE, 1))
            p.drawRect(rect.adjusted(0, 0, -1, -1))
            if i == 0:
                f = self.font()
                f.setPointSizeF(f.pointSizeF() * 0.85)
                p.setFont(f)
                p.setPen(CORNER_TEXT)
            else:
                p.setFont(self.font())
                p.setPen(TEXT)
            p.drawText(rect.adjusted(3, 2, -3, -2), int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
        p.end()
