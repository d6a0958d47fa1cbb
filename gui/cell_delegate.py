"""Paints table cells (state glyphs, borders, wrapped group labels) and edits values."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from .i18n import tr
from .marks import AMBER, BLUE, SEVERITY_GLYPHS, VIOLET, CellLook, decided_icon, severity_icon
from .table_entry import entry_problem, split_values
from .table_entry import parse_number as parse_cell
from .table_model import KIND_ROLE, LOOK_ROLE, ReportTableModel

Index = QModelIndex | QPersistentModelIndex
_NUMBER_PREFIX = re.compile(r"^([(（][一二三四五六七八九十]+[)）])\s*(.+)$")


def group_lines(label: str) -> list[str]:
    """A parent label as it stands in its merged cell: （三）不予公开 → [（三）, 不予公开]."""
    m = _NUMBER_PREFIX.match(label)
    return [m.group(1), m.group(2)] if m else [label]


HEADING_BG = QColor("#eef1f4")
LABEL_BG = QColor("#f8f9fa")
SELECT_BG = QColor("#d2e3fc")
SELECT_BORDER = QColor("#1a73e8")
SELECT_FILL = QColor(SELECT_BG.red(), SELECT_BG.green(), SELECT_BG.blue(), 150)
HATCH = QBrush(QColor("#dadce0"), Qt.BrushStyle.BDiagPattern)
TEXT = QColor("#202124")
GREY_TEXT = QColor("#80868b")


_ICONS: dict[str, QIcon] = {}


def _glyph_icon(glyph: str) -> QIcon | None:
    if not _ICONS:
        _ICONS.update({g: severity_icon(s) for s, g in SEVERITY_GLYPHS.items()})
        _ICONS["✓"] = decided_icon()
    return _ICONS.get(glyph)


class CellDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bold_fonts: dict[str, QFont] = {}
        self._elided: dict[tuple[str, int, str], str] = {}  # row labels cut to their column's width
        self._editing: dict[int, QPersistentModelIndex] = {}  # id(editor) → the cell it edits

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        if isinstance(model, ReportTableModel):  # fast path: no Qt role round trips
            kind, payload = model.paint_info(index.row(), index.column())
        else:
            kind = index.data(KIND_ROLE)
            payload = index.data(LOOK_ROLE) if kind == "value" else index.data(Qt.ItemDataRole.DisplayRole)
        painter.save()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if kind == "value":
            self._paint_value(painter, option, payload, selected)  # type: ignore[arg-type]
        else:
            text = str(payload or "")
            bg = HEADING_BG if kind in ("heading", "columns", "group") else LABEL_BG if kind == "label" else None
            if bg is not None:
                painter.fillRect(rect, bg)
            painter.setFont(self._bold(option.font) if kind == "heading" else option.font)
            painter.setPen(TEXT)
            r = rect.adjusted(6, 1, -4, -1)
            if kind == "group":
                text = "\n".join(group_lines(text))
                r = rect.adjusted(2, 1, -2, -1)
            if kind in ("group", "columns", "heading"):
                align = Qt.AlignmentFlag.AlignVCenter | (
                    Qt.AlignmentFlag.AlignLeft if kind == "heading" else Qt.AlignmentFlag.AlignHCenter
                )
                if kind == "columns" and index.column() == 0:
                    align = Qt.AlignmentFlag.AlignCenter
                painter.drawText(r, int(align | Qt.TextFlag.TextWordWrap), text)
            else:
                cache_key = (text, r.width(), option.font.key())
                elided = self._elided.get(cache_key)
                if elided is None:
                    elided = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, r.width())
                    self._elided[cache_key] = elided
                painter.drawText(r, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), elided)
        painter.restore()

    def _bold(self, font: QFont) -> QFont:
        """The bold variant of the view's font (made once, not per cell)."""
        key = font.key()
        if key not in self._bold_fonts:
            bold = QFont(font)
            bold.setBold(True)
            self._bold_fonts[key] = bold
        return self._bold_fonts[key]

    def _paint_value(
        self, painter: QPainter, option: QStyleOptionViewItem, look: CellLook | None, selected: bool
    ) -> None:
        rect: QRect = option.rect
        if look is None:
            return
        if look.background is not None:
            painter.fillRect(rect, look.background)
        if look.hatched:
            painter.fillRect(rect, HATCH)
        if selected:
            painter.fillRect(rect, SELECT_FILL)
        if look.border is not None:
            painter.setPen(QPen(look.border, 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        if selected:
            painter.setPen(QPen(SELECT_BORDER, 2, Qt.PenStyle.SolidLine))
            painter.drawRect(rect.adjusted(2, 2, -3, -3) if look.border is not None else rect.adjusted(1, 1, -2, -2))
        if look.provenance == "✎":  # corrected by the reviewer: a violet bar down the left edge
            painter.fillRect(QRect(rect.left() + 1, rect.top() + 1, 3, rect.height() - 2), VIOLET)
        fm = option.fontMetrics
        x = rect.left() + 6
        icon = _glyph_icon(look.glyph)
        if icon is not None:  # the same shapes as in the findings list
            size = min(fm.height(), rect.height() - 6)
            icon.paint(painter, QRect(x - 1, rect.top() + (rect.height() - size) // 2, size, size))
            x += size + 1
        elif look.glyph:
            painter.setPen(look.glyph_colour)
            painter.setFont(self._bold(option.font))
            painter.drawText(
                QRect(x, rect.top(), fm.height(), rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                look.glyph,
            )
            x += fm.height() - 2
        if look.provenance == "≈":  # repaired by normalisation (l2 → 12): a dotted line under the value
            painter.setPen(QPen(BLUE, 1, Qt.PenStyle.DotLine))
            painter.drawLine(rect.left() + 4, rect.bottom() - 3, rect.right() - 5, rect.bottom() - 3)
        if look.provenance == "?":  # an uncertain reading: the dashed line of its box on the page view
            painter.setPen(QPen(AMBER, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(rect.left() + 4, rect.bottom() - 3, rect.right() - 5, rect.bottom() - 3)
        if look.provenance:
            painter.setFont(self._bold(option.font))
            painter.setPen({"✎": VIOLET, "?": AMBER}.get(look.provenance, BLUE))
            painter.drawText(
                QRect(x, rect.top(), fm.height(), rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                look.provenance,
            )
        if look.bold:
            painter.setFont(self._bold(option.font))
        else:
            painter.setFont(option.font)
        painter.setPen(GREY_TEXT if look.grey else TEXT)
        painter.drawText(
            rect.adjusted(4, 0, -7, 0), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), look.text
        )

    # --- editing -------------------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        # no validator: whatever is typed stays visible, and Enter says why it cannot be entered
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        key = id(editor)
        self._editing[key] = QPersistentModelIndex(index)
        editor.destroyed.connect(lambda *_: self._editing.pop(key, None))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        if not editor.text():
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter with a value the cell cannot take keeps the editor open and says why; Ctrl+Enter puts
        the typed value in every selected cell (one undo step)."""
        if isinstance(watched, QLineEdit) and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if event.type() == QEvent.Type.ShortcutOverride and enter and ctrl:
                event.accept()  # the editor takes Ctrl+Enter (not the window's 采纳建议)
                return True
            if event.type() == QEvent.Type.KeyPress and (enter or event.key() == Qt.Key.Key_Tab):
                index = self._editing.get(id(watched))
                model = index.model() if index is not None and index.isValid() else None
                if isinstance(model, ReportTableModel) and index is not None:
                    if enter and ctrl:
                        self._fill_selection(watched, model, index)
                        return True
                    if self._refuse(watched, model, index):
                        return True
        return super().eventFilter(watched, event)

    def _problem(self, editor: QLineEdit, model: ReportTableModel, index: Index) -> str:
        key = model.key(index)
        text = editor.text()
        if key is None or len(split_values(text)) > 1:
            return ""  # a row typed into its first cell: placed (and reported) by the model
        return entry_problem(text, model.session.report.spec(key).kind)

    def _refuse(self, editor: QLineEdit, model: ReportTableModel, index: Index) -> bool:
        problem = self._problem(editor, model, index)
        if not problem:
            return False
        message = tr("{why}，请改正或按 Esc 放弃", why=tr(problem))
        model.message.emit(message)
        QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), message, editor)
        editor.selectAll()
        return True

    def _fill_selection(self, editor: QLineEdit, model: ReportTableModel, index: Index) -> None:
        if self._refuse(editor, model, index):
            return
        view = self.parent()
        keys = set(view.selected_keys()) if hasattr(view, "selected_keys") else set()
        key = model.key(index)
        keys |= {key} if key else set()
        text = editor.text()
        values = {}
        for k in keys:
            ok, value = parse_cell(text, model.session.report.spec(k).kind)
            if ok:
                values[k] = value
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        shown = text.strip() or tr("空白")
        model.fill(values, tr("填充所选"), lambda n: tr("已把 {v} 填入所选 {n} 格", v=shown, n=n))
