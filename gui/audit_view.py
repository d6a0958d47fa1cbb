"""The audit log of one report: who changed what, when and why; sign-offs and reopenings. Read-only.

Standalone: AuditView(workspace).show_report(report_id). A selected correction can be undone, which
appends a reverting entry (nothing is deleted); reportChanged(report_id) then tells the window to reload.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from parser.template import versions
from review.audit import (
    CORRECTION,
    DECISION,
    HEADER_LABELS,
    REOPEN,
    SIGNOFF,
    UNDO,
    WITHDRAWN,
    AuditEntry,
    format_value,
)
from review.state import RETURNED, ReviewedReport
from review.workspace import Workspace, WorkspaceError

from .i18n import tr
from .signoff_dialog import remember_reviewer, remembered_reviewer

NUMBER, TIME, KIND, REVIEWER, CELL, OLD, NEW, REASON = range(8)
HEADERS = ("序号", "时间", "操作", "审核人", "单元格 / 问题", "原值", "新值", "理由 / 说明")
KIND_COLORS = {CORRECTION: "#1565c0", UNDO: "#6a1b9a", DECISION: "#424242", SIGNOFF: "#2e7d32", REOPEN: "#ef6c00"}


def local_time(iso: str) -> str:
    """A stored UTC time as local time, e.g. 2026-11-23 19:59:40."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return iso


class AuditModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[AuditEntry] = []
        self.template: str | None = None
        self.finding_messages: dict[str, str] = {}

    def set_entries(self, entries: list[AuditEntry], template: str | None = None,
                    finding_messages: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.template = template
        self.finding_messages = finding_messages or {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section])
        return None

    def cell_name(self, key: str) -> str:
        if key in HEADER_LABELS:
            return tr(HEADER_LABELS[key])
        spec = versions().get(self.template or "")
        if spec is not None and key in spec.specs:
            return spec.specs[key].display_name()
        return key

    def batch_text(self, e: AuditEntry, col: int, role: int) -> str:
        """The cells, old and new values of a step of several cells (one row of the log)."""
        if role == Qt.ItemDataRole.ToolTipRole and col in (CELL, OLD, NEW):
            return "\n".join(f"{self.cell_name(c.cell)}：{format_value(c.old)} → {format_value(c.new)}"
                             for c in e.batch)
        if col == CELL:
            more = tr("等") if len(e.batch) > 1 else ""
            return tr("{n} 格：{first}{more}", n=len(e.batch), first=self.cell_name(e.batch[0].cell), more=more)
        if col in (OLD, NEW):
            values = {format_value(c.old if col == OLD else c.new) for c in e.batch}
            return values.pop() if len(values) == 1 else tr("（各不相同）")
        undoing = tr("撤销第 {n} 条").format(n=e.reverts) if e.reverts else ""
        if col == REASON:
            return f"{e.reason}（{undoing}）" if undoing and e.reason and "撤销第" not in e.reason else \
                e.reason or undoing
        return self.data_of(e, col)

    def data_of(self, e: AuditEntry, col: int) -> str:
        return {NUMBER: str(e.entry_id), TIME: local_time(e.time), KIND: tr(e.kind_label), REVIEWER: e.reviewer}.get(
            col, "")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e, col = self.entries[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            changes = e.kind in (CORRECTION, UNDO)
            if col == NUMBER:
                return str(e.entry_id)
            if col == TIME:
                return local_time(e.time)
            if col == KIND:
                return tr(e.kind_label)
            if col == REVIEWER:
                return e.reviewer
            if changes and e.batch:  # a step of several cells: one row, every cell in the tooltip
                return self.batch_text(e, col, role)
            if col == CELL:
                if changes:
                    return self.cell_name(e.cell) if role == Qt.ItemDataRole.DisplayRole else e.cell
                if e.kind == DECISION:
                    return self.finding_messages.get(e.finding_id, e.finding_id)
                return ""
            if col == OLD:
                return format_value(e.old) if changes else ""
            if col == NEW:
                if changes:
                    return format_value(e.new)
                if e.kind == "assign":  # the reviewer it is assigned to
                    return e.action or tr("（取消分配）")
                return tr(e.action) if e.kind == SIGNOFF else ""
            if col == REASON:
                undoing = tr("撤销第 {n} 条").format(n=e.reverts) if e.reverts else ""
                if e.kind == DECISION:
                    label = {"accepted": tr("接受"), WITHDRAWN: tr("撤回决定")}.get(e.action, tr("暂缓"))
                    label = f"{label}（{undoing}）" if undoing else label
                    return f"{label}：{e.reason}" if e.reason else label
                if undoing and e.reason and "撤销第" not in e.reason:
                    return f"{e.reason}（{undoing}）"
                return e.reason or undoing
        if role == Qt.ItemDataRole.ForegroundRole and col == KIND:
            color = "#ef6c00" if e.kind == SIGNOFF and e.action == RETURNED else KIND_COLORS.get(e.kind)
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (NUMBER, OLD, NEW):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AuditView(QWidget):
    """Audit log pane. Signals: reportChanged(id) after an undo recorded here."""

    reportChanged = Signal(int)

    def __init__(self, workspace: Workspace | None = None, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.report_id: int | None = None
        self.model = AuditModel(self)
        self.title = QLabel(tr("审计日志"), self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #c62828; font-weight: bold;")
        self.warning.hide()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(len(HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        self.undo_button = QPushButton(tr("撤销所选更正"), self)
        self.undo_button.setToolTip(tr("追加一条把该格改回原值的记录；原记录保留"))
        self.undo_button.setEnabled(False)
        self.message = QLabel(self)
        # the cells of the selected step when it changed several (a fill, a paste): listed in full here
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("auditStepCells")
        self.details.setReadOnly(True)
        self.details.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.details.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        bar.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.warning)
        body = QHBoxLayout()  # the step's cells beside the log, so that the log keeps its rows
        body.addWidget(self.table, 3)
        body.addWidget(self.details, 1)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.undo_button.clicked.connect(lambda: self.undo_selected())

    def show_report(self, report_id: int | None, reviewed: ReviewedReport | None = None) -> None:
        """Show the log of this report (None: clear). Pass its ReviewedReport if at hand (saves a load)."""
        self.report_id = report_id
        self.message.clear()
        if report_id is None or self.workspace is None:
            self.model.set_entries([])
            self.title.setText(tr("审计日志"))
            self.warning.hide()
            self._selection_changed()
            return
        reviewed = reviewed if reviewed is not None else self.workspace.load(report_id)
        entries = self.workspace.audit_log(report_id)
        self.model.set_entries(entries, reviewed.report.template, {f.id: f.message for f in reviewed.findings})
        self.title.setText(tr("审计日志：{file}（{n} 条）").format(file=reviewed.report.source, n=len(entries)))
        self.warning.setText(tr("⚠ 签发后数值已被改动：当前数值与签发时的 SHA-256 校验值不符"))
        self.warning.setVisible(reviewed.hash_mismatch)
        self.table.scrollToBottom()
        self._selection_changed()

    def refresh(self) -> None:
        self.show_report(self.report_id)

    def selected_entry(self) -> AuditEntry | None:
        index = self.table.currentIndex()
        return self.model.entries[index.row()] if index.isValid() else None

    def _selection_changed(self, *_args: object) -> None:
        e = self.selected_entry()
        if e is not None and e.batch:
            cells = "\n".join(f"{self.model.cell_name(c.cell)}：{format_value(c.old)} → {format_value(c.new)}"
                              for c in e.batch)
            self.details.setPlainText(tr("第 {n} 条一步改动 {k} 格：", n=e.entry_id, k=len(e.batch)) + "\n" + cells)
        self.details.setVisible(e is not None and bool(e.batch))
        self.undo_button.setEnabled(e is not None and e.kind == CORRECTION and self.workspace is not None)

    def undo_selected(self, reviewer: str | None = None) -> bool:
        """Undo the selected correction (every cell of its step) by appending reverting entries; True when
        recorded."""
        e = self.selected_entry()
        if e is None or e.kind != CORRECTION or self.workspace is None or self.report_id is None:
            return False
        name = reviewer or remembered_reviewer(self.settings, self.workspace)
        if not name:
            name, ok = QInputDialog.getText(self, tr("撤销更正"), tr("审核人姓名："))
            if not ok or not name.strip():
                return False
            remember_reviewer(name, self.settings)
        try:  # a step of several cells is undone as a whole, like Ctrl+Z in the window
            self.workspace.undo_corrections(self.report_id, list(e.entry_ids), name.strip())
        except WorkspaceError as err:
            self.message.setText(f"<span style='color:#c62828'>{err}</span>")
            return False
        report_id = self.report_id
        self.refresh()
        self.reportChanged.emit(report_id)
        return True
