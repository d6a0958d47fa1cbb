"""The three tables of the report, one tab each, laid out as the printed format."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QWidget,
)

from parser.template import TABLE_NUMBERS

from .cell_delegate import CellDelegate, group_lines
from .grouped_header import GroupedHeader
from .i18n import tr
from .marks import format_value
from .session import ReportSession
from .table_model import ReportTableModel

TAB_NAMES = {"active": "主动公开", "requests": "依申请公开", "appeals": "复议诉讼"}
CORNERS = {"requests": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"}
MIN_VALUE_WIDTH = 56


class ReportTableView(QTableView):
    """One table; emits `cell_chosen` when the reviewer moves to a value cell."""

    cell_chosen = Signal(str)
    message = Signal(str)

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report_model = model
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self))
        lay = model.layout
        header = GroupedHeader(self)
        self.setHorizontalHeader(header)
        header.set_table_layout(lay, tr(CORNERS.get(model.table.key, "")))
        header.setVisible(lay.shared_header)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 9)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        for s in lay.spans:
            self.setSpan(s.row, s.column, s.rows, s.columns)
        self._fit_columns()
        self.quiet = False
        model.message.connect(self.message)
        self.selectionModel().currentChanged.connect(self._on_current)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.report_model.key(current)
        if key is not None and not self.quiet:
            self.cell_chosen.emit(key)

    # --- layout --------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Value columns share the width; the row labels take the rest, so nothing scrolls sideways."""
        lay = self.report_model.layout
        L, N = lay.label_columns, lay.value_columns
        avail = self.viewport().width() or 760
        em = self.fontMetrics().horizontalAdvance("中")
        group_widths = [self._group_width(level, em) for level in range(L - 1)]
        min_label = sum(group_widths) + em * 9
        value_w = max(MIN_VALUE_WIDTH, min((avail - min_label) // N, em * (6 if lay.table.key == "requests" else 9)))
        label_w = max(em * 6, avail - sum(group_widths) - value_w * N)
        for c, w in enumerate([*group_widths, label_w]):
            self.setColumnWidth(c, w)
        for c in range(L, L + N):
            self.setColumnWidth(c, value_w)

    def _group_width(self, level: int, em: int) -> int:
        """Narrow, but wide enough for the parent label beside the rows it spans: 三、本年度办理结果 beside
        22 rows reads top to bottom; （三）不予公开 shows its number, then 不予公开 on one line."""
        line = self.fontMetrics().height()
        row_h = self.verticalHeader().defaultSectionSize()
        rows = self.report_model.layout.rows
        per_line = 1
        for r, g in enumerate(rows):
            groups = g.groups()
            if level >= len(groups) or (r and rows[r - 1].groups()[: level + 1] == groups[: level + 1]):
                continue  # not a group cell, or not the first row of its group
            parts = group_lines(groups[level])
            if len(parts) > 1:
                per_line = max(per_line, *(len(p) for p in parts))
            else:
                lines = max(1, (self.rowSpan(r, level) * row_h - 4) // line)
                per_line = max(per_line, -(-len(parts[0]) // lines))
        return int(em * (per_line + 1.2))

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Entering a table by keyboard (Alt+2) puts the cursor on its first value, ready to type."""
        super().focusInEvent(event)
        keyboard = event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
            Qt.FocusReason.OtherFocusReason,
        )
        if keyboard and not self.currentIndex().isValid() and self.report_model.layout.key_positions:
            first = next(iter(self.report_model.layout.key_positions))
            self.quiet = True  # a place for the cursor, not the reviewer's choice of a cell to reveal
            try:
                self.selectionModel().setCurrentIndex(
                    self.report_model.index_of(first), QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
            finally:
                self.quiet = False

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Home/End (with Ctrl: of the table) land on a value cell, never on a label."""
        index = super().moveCursor(action, modifiers)
        if self.report_model.key(index) is not None:
            return index
        keys = list(self.report_model.layout.key_positions)
        if not keys:
            return index
        A = QAbstractItemView.CursorAction
        row = self.currentIndex().row()
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        in_row = [k for k in keys if self.report_model.layout.key_positions[k][0] == row]
        if action == A.MoveHome:
            return self.report_model.index_of(in_row[0] if in_row and not ctrl else keys[0])
        if action == A.MoveEnd:
            return self.report_model.index_of(in_row[-1] if in_row and not ctrl else keys[-1])
        return index

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter commits and moves down to the next value, as in a spreadsheet."""
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            below = self.moveCursor(QAbstractItemView.CursorAction.MoveDown, Qt.KeyboardModifier.NoModifier)
            if below.isValid() and below != self.currentIndex():
                self.setCurrentIndex(below)

    # --- clipboard -----------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        ctrl_tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
        )
        if ctrl_tab:
            event.ignore()  # Ctrl+Tab: the next table (the tab widget's), not the next cell
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        else:
            super().keyPressEvent(event)

    def selected_keys(self) -> list[str]:
        keys = [self.report_model.key(i) for i in sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))]
        return [k for k in keys if k]

    def copy_selection(self) -> None:
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        rows: dict[int, list[str]] = {}
        for i in indexes:
            key = self.report_model.key(i)
            if key:
                rows.setdefault(i.row(), []).append(format_value(self.report_model.session.report.cells[key].value))
        QGuiApplication.clipboard().setText("\n".join("\t".join(r) for r in rows.values()))

    def paste(self) -> None:
        """Paste rows from the clipboard (tab, space or comma separated, with or without their row labels)
        at the current cell, as one undo step, and say what was placed."""
        start = self.currentIndex()
        if not start.isValid() and self.report_model.layout.key_positions:  # no cell chosen yet: the first
            start = self.report_model.index_of(next(iter(self.report_model.layout.key_positions)))
        text = QGuiApplication.clipboard().text()
        if not start.isValid() or not text.strip():
            self.message.emit(tr("剪贴板中没有可粘贴的内容"))
            return
        self.report_model.enter_text(start, text, tr("粘贴"))

class TablesView(QTabWidget):
    """表二 / 表三 / 表四 as tabs; the tab title counts the table's open findings."""

    cell_chosen = Signal(str)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReportSession | None = None
        self.views: dict[str, ReportTableView] = {}
        self._template: str | None = None
        self.setDocumentMode(True)

    def set_session(self, session: ReportSession | None) -> None:
        if self.session is not None:
            try:
                self.session.changed.disconnect(self._update_titles)
                self.session.header_changed.disconnect(self._on_header)
            except (RuntimeError, TypeError):
                pass
        self.session = session
        if session is not None:
            session.changed.connect(self._update_titles)
            session.header_changed.connect(self._on_header)
        self._rebuild()

    def _on_header(self) -> None:
        """Only a change of format version changes the tables (agency and year do not)."""
        if self.session is not None and self.session.report.template != self._template:
            self._rebuild()

    def _rebuild(self) -> None:
        self._template = self.session.report.template if self.session else None
        current = self.currentIndex()
        while self.count():
            w = self.widget(0)
            self.removeTab(0)
            w.deleteLater()
        self.views = {}
        session = self.session
        if session is None:
            return
        version = session.report.version
        if version is None:
            note = QLabel(tr("未能识别本报告使用的表格格式（2019 年版或 2021 年版），请在上方“格式”中选择。"))
            note.setWordWrap(True)
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.addTab(note, tr("表格"))
            return
        for table in version.tables:
            view = ReportTableView(ReportTableModel(session, table.key), self)
            view.cell_chosen.connect(self.cell_chosen)
            view.message.connect(self.message)
            self.views[table.key] = view
            self.addTab(view, "")
        self._update_titles()
        if 0 <= current < self.count():
            self.setCurrentIndex(current)

    def _update_titles(self, *_: object) -> None:
        session = self.session
        if session is None:
            return
        for i, key in enumerate(self.views):
            n = {"error": 0, "warning": 0}
            for f in session.open_findings():
                if any(c.startswith(key + "/") for c in f.cells) and f.severity in n:
                    n[f.severity] += 1
            marks = "".join(f" {g}{n[s]}" for s, g in (("error", "✖"), ("warning", "▲")) if n[s])
            self.setTabText(i, tr("表{n} {name}", n=TABLE_NUMBERS[key], name=tr(TAB_NAMES[key])) + marks)

    def fill_zero(self) -> None:
        """全部置 0: the selected cells (when several are selected), else every empty cell of the shown
        table, set to 0 as one undo step with one reason."""
        view, s = self.current_view(), self.session
        if view is None or s is None:
            return
        keys = view.selected_keys()
        if len(keys) < 2:
            keys = [k for k in view.report_model.layout.key_positions if s.report.cells[k].value is None]
        if not keys:
            self.message.emit(tr("本表没有空白或未找到的单元格"))
            return
        view.report_model.fill(dict.fromkeys(keys, 0), tr("置 0"), lambda n: tr("已把 {n} 格置为 0", n=n))

    # --- selection -----------------------------------------------------------------------------
    def current_view(self) -> ReportTableView | None:
        w = self.currentWidget()
        return w if isinstance(w, ReportTableView) else None

    def selected_keys(self) -> list[str]:
        view = self.current_view()
        return view.selected_keys() if view else []

    def select_cells(self, keys: list[str]) -> None:
        """Show the table of the first key and select these cells (without emitting cell_chosen)."""
        keys = [k for k in keys if k.split("/")[0] in self.views]
        if not keys:
            return
        view = self.views[keys[0].split("/")[0]]
        self.setCurrentWidget(view)
        model = view.report_model
        selection = QItemSelection()
        for k in keys:
            idx = model.index_of(k)
            if idx.isValid():
                selection.select(idx, idx)
        first = model.index_of(keys[0])
        sm = view.selectionModel()
        view.quiet = True  # the window asked for this: do not report it back as the reviewer's choice
        try:
            sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            view.quiet = False
        view.scrollTo(first)
