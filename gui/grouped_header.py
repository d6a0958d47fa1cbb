"""A horizontal header with merged, stacked column labels, as printed:

|        申请人情况                                                   |
| 自然人 |            法人或其他组织                        | 总计 |
|        | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |      |
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QToolTip, QWidget

from .table_layout import TableLayout

BG = QColor("#eef1f4")
LINE = QColor("#c4c9cf")
TEXT = QColor("#202124")
CORNER_TEXT = QColor("#5f6368")
BREAK_AFTER = set("、，,/／·：:）)；; ")  # a label may wrap after these (Chinese words carry no spaces)
BREAK_BEFORE = set("（(")
SCALES = (1.0, 0.92, 0.85)  # a label that does not fit may be drawn this much smaller before it is elided


def break_points(text: str) -> list[int]:
    """Where a label may wrap without cutting a word: after punctuation or a space, before an opening bracket."""
    return [i for i in range(1, len(text))
            if text[i - 1] in BREAK_AFTER or text[i] in BREAK_BEFORE]


def fit_label(text: str, font: QFont, width: int, lines: int) -> tuple[str, QFont, bool]:
    """How a header label is drawn in a box `width` pixels wide with room for `lines` lines: as it is, or
    wrapped only at break_points, or in a slightly smaller font, else elided (never broken inside a
    word). Returns the text to draw (lines joined by newlines), the font, and whether it was shortened."""
    for scale in SCALES:
        f = QFont(font)
        if scale != 1.0:
            f.setPointSizeF(font.pointSizeF() * scale)
        fm = QFontMetrics(f)
        if fm.horizontalAdvance(text) <= width:
            return text, f, False
        if lines >= 2:
            splits = [(max(fm.horizontalAdvance(text[:i].rstrip()), fm.horizontalAdvance(text[i:].lstrip())), i)
                      for i in break_points(text)]
            if splits and min(splits)[0] <= width:
                i = min(splits)[1]
                return f"{text[:i].rstrip()}\n{text[i:].lstrip()}", f, False
    return QFontMetrics(f).elidedText(text, Qt.TextElideMode.ElideRight, width), f, True


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

    def drawn(self) -> list[tuple[QRect, str, str, QFont, bool]]:
        """Each box as painted: its rectangle, full label, the text drawn (fit_label), the font, shortened."""
        out = []
        line = self.fontMetrics().height()
        for i, (rect, text) in enumerate(self.boxes()):
            inner = rect.adjusted(3, 2, -3, -2)
            if i == 0:  # the corner's note on the equations: small, wrapped anywhere (a sentence, not a word)
                f = self.font()
                f.setPointSizeF(f.pointSizeF() * 0.85)
                out.append((rect, text, text, f, False))
                continue
            shown, f, short = fit_label(text, self.font(), inner.width(), max(1, inner.height() // line))
            out.append((rect, text, shown, f, short))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self.viewport())
        p.fillRect(self.viewport().rect(), BG)
        for i, (rect, _text, shown, font, _short) in enumerate(self.drawn()):
            p.setPen(QPen(LINE, 1))
            p.drawRect(rect.adjusted(0, 0, -1, -1))
            p.setFont(font)
            p.setPen(CORNER_TEXT if i == 0 else TEXT)
            wrap = Qt.TextFlag.TextWordWrap if i == 0 else Qt.TextFlag(0)  # labels: only fit_label's breaks
            p.drawText(rect.adjusted(3, 2, -3, -2), int(Qt.AlignmentFlag.AlignCenter | wrap), shown)
        p.end()

    def label_at(self, x: int, y: int) -> str:
        """The full label of the box at a viewport position (its tooltip), or ''."""
        return next((text for rect, text in self.boxes() if rect.contains(x, y)), "")

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.label_at(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
