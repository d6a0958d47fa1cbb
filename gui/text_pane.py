"""The report text as received: read-only, wrapped, with line numbers, find (Ctrl+F) and highlights.

Spans from the core model are offsets into the Python string; Qt counts UTF-16 units and folds
"\\r\\n" into one break, so an OffsetMap converts between the two.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parser.normalize import Normalized, normalize

from .i18n import tr
from .shortcuts import sequences

REVEAL_PRIMARY = QColor("#fbbc04")
REVEAL_OTHER = QColor("#fef0c3")
FIND_MATCH = QColor("#c6e6ff")
ERROR_UNDERLINE = QColor("#d93025")


class OffsetMap:
    """Python string index ↔ QTextDocument position."""

    def __init__(self, text: str) -> None:
        self.identity = "\r" not in text and all(ord(ch) <= 0xFFFF for ch in text)
        if self.identity:
            return
        self.qt: list[int] = []
        pos = 0
        for i, ch in enumerate(text):
            self.qt.append(pos)
            if ch == "\r" and text[i + 1 : i + 2] == "\n":
                continue  # "\r\n" is one paragraph break in the document
            pos += 2 if ord(ch) > 0xFFFF else 1
        self.qt.append(pos)

    def to_qt(self, i: int) -> int:
        if self.identity:
            return i
        return self.qt[max(0, min(i, len(self.qt) - 1))]

    def from_qt(self, q: int) -> int:
        if self.identity:
            return q
        return max(0, bisect_right(self.qt, q) - 1)


class LineNumberArea(QWidget):
    def __init__(self, editor: ReportText) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.line_number_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_line_numbers(event)


class ReportText(QPlainTextEdit):
    """Read-only text with a line-number gutter; emits `position_clicked(python_offset)` on a click."""

    position_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # reports print tables as TAB-separated cells: narrow tab stops keep a row on one line
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance("中") * 1.7)
        self.offsets = OffsetMap("")
        self.source_text = ""
        self.gutter = LineNumberArea(self)
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self._update_gutter_width()
        self.layers: dict[str, list[QTextEdit.ExtraSelection]] = {}

    def set_report_text(self, text: str) -> None:
        self.source_text = text  # as received (offsets of cells and findings refer to it)
        self.offsets = OffsetMap(text)
        self.layers = {}
        self.setPlainText(text)

    # --- line numbers --------------------------------------------------------------------------
    def line_number_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * max(2, digits)

    def _update_gutter_width(self, *_: object) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_gutter_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        cr = self.contentsRect()
        self.gutter.setGeometry(QRect(cr.left(), cr.top(), self.line_number_width(), cr.height()))

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        p = QPainter(self.gutter)
        p.fillRect(event.rect(), QColor("#f8f9fa"))
        p.setPen(QColor("#9aa0a6"))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                p.drawText(0, top, self.gutter.width() - 5, height, int(Qt.AlignmentFlag.AlignRight), str(number + 1))
            block = block.next()
            top, number = bottom, number + 1
        p.end()

    # --- highlights ----------------------------------------------------------------------------
    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def set_layer(self, name: str, spans: list[tuple[int, int]], fmt: QTextCharFormat) -> None:
        """Replace one named layer of highlights (marks, find, reveal); layers stack in insertion order."""
        self.layers[name] = [self._selection(a, b, fmt) for a, b in spans if b > a]
        self.setExtraSelections([s for layer in self.layers.values() for s in layer])

    def highlighted(self, name: str) -> list[tuple[int, int]]:
        """The python spans of one highlight layer (for tests and checks)."""
        return [
            (self.offsets.from_qt(s.cursor.selectionStart()), self.offsets.from_qt(s.cursor.selectionEnd()))
            for s in self.layers.get(name, [])
        ]

    def scroll_to(self, offset: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def visible_range(self) -> tuple[int, int]:
        """Python offsets of the first and last character on screen."""
        first = self.cursorForPosition(self.viewport().rect().topLeft()).position()
        last = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        return self.offsets.from_qt(first), self.offsets.from_qt(last)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.position_clicked.emit(
                self.offsets.from_qt(self.cursorForPosition(event.position().toPoint()).position())
            )


def char_format(
    background: QColor | None = None, underline: QColor | None = None, bold: bool = False
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if background is not None:
        fmt.setBackground(background)
    if underline is not None:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(underline)
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


class FindBar(QWidget):
    """查找：<text> ↑ ↓ n/m ×  — every match highlighted, Enter/F3 next, Shift+Enter/Shift+F3 previous."""

    def __init__(self, text: ReportText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self._norm: tuple[str, Normalized] | None = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(tr("在原文中查找"))
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        prev_b, next_b, close_b = QToolButton(self), QToolButton(self), QToolButton(self)
        prev_b.setText("↑")
        prev_b.setToolTip(tr("上一个（Shift+F3）"))
        next_b.setText("↓")
        next_b.setToolTip(tr("下一个（F3）"))
        close_b.setText("×")
        close_b.setToolTip(tr("关闭查找（Esc）"))
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(QLabel(tr("查找："), self))
        row.addWidget(self.edit, 1)
        row.addWidget(self.count)
        for b in (prev_b, next_b, close_b):
            b.setAutoRaise(True)
            row.addWidget(b)
        self.edit.textChanged.connect(self._highlight_all)
        self.edit.returnPressed.connect(self.find_next)
        prev_b.clicked.connect(self.find_previous)
        next_b.clicked.connect(self.find_next)
        close_b.clicked.connect(self.close_bar)
        for seq in sequences("close_find"):
            QShortcut(seq, self, self.close_bar, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def open_bar(self) -> None:
        self.show()
        selected = self.text.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.text.set_layer("find", [], QTextCharFormat())
        self.hide()
        self.text.setFocus()

    def _normalized(self) -> Normalized:
        """The text as the parser matches it (Simplified, pinyin glosses dropped), made once per text."""
        text = self.text.source_text
        if self._norm is None or self._norm[0] is not text:
            self._norm = (text, normalize(text))
        return self._norm[1]

    def _matches(self) -> list[tuple[int, int]]:
        """Every match as document positions. Traditional/Simplified and glued pinyin (統(tǒng)計) are
        ignored: the needle and the text are compared as parser.normalize reads them."""
        needle = normalize(self.edit.text()).text.strip().lower()
        if not needle:
            return []
        norm = self._normalized()
        hay = norm.text.lower()
        om, out = self.text.offsets, []
        i = hay.find(needle)
        while i >= 0 and len(out) < 5000:
            a, b = norm.span(i, i + len(needle))
            out.append((om.to_qt(a), om.to_qt(b)))
            i = hay.find(needle, i + 1)
        return out

    def _highlight_all(self) -> None:
        matches = self._matches()
        om = self.text.offsets
        self.text.set_layer("find", [(om.from_qt(a), om.from_qt(b)) for a, b in matches], char_format(FIND_MATCH))
        self.count.setText(tr("{n} 处", n=len(matches)) if self.edit.text() else "")
        self.find_next(from_start=True)

    def find_next(self, from_start: bool = False) -> None:
        self._find(backward=False, from_start=from_start)

    def find_previous(self) -> None:
        self._find(backward=True, from_start=False)

    def _find(self, backward: bool, from_start: bool) -> None:
        matches = self._matches()
        if not self.edit.text():
            return
        if not matches:
            self.edit.setStyleSheet("background:#fce8e6")
            return
        cursor = self.text.textCursor()
        here = cursor.selectionStart() if from_start else cursor.selectionEnd()
        if backward:
            here = cursor.selectionStart()
            before = [m for m in matches if m[0] < here]
            a, b = before[-1] if before else matches[-1]  # wrap around
        else:
            after = [m for m in matches if m[0] >= here]
            a, b = after[0] if after else matches[0]
        found = QTextCursor(self.text.document())
        found.setPosition(a)
        found.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(found)
        self.text.centerCursor()
        self.edit.setStyleSheet("")


class TextPane(QWidget):
    """The text with its find bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ReportText(self)
        self.find_bar = FindBar(self.text, self)
        self.find_bar.hide()
        self.title = QLabel(tr("原文"), self)
        self.title.setObjectName("paneTitle")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.title)
        box.addWidget(self.find_bar)
        box.addWidget(self.text, 1)
        for id_, slot in (("find_next", self.find_bar.find_next), ("find_previous", self.find_bar.find_previous)):
            for seq in sequences(id_):
                QShortcut(seq, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def open_find(self) -> None:
        self.find_bar.open_bar()
