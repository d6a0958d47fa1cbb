"""The batch queue pane: one row per report in the workspace, sortable, filterable, searchable by agency.

Standalone: BatchQueue(workspace) shows workspace.queue(); double-click or Enter emits reportOpened(id).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from review.state import STATUS_ERRORS, STATUS_IN_REVIEW, STATUS_NEW, STATUS_RETURNED, STATUS_SIGNED
from review.workspace import QueueRow, Workspace

from .i18n import tr

STATUSES = (STATUS_ERRORS, STATUS_IN_REVIEW, STATUS_NEW, STATUS_RETURNED, STATUS_SIGNED)  # also the sort order
STATUS_COLORS = {
    STATUS_ERRORS: "#c62828",
    STATUS_IN_REVIEW: "#1565c0",
    STATUS_NEW: "#424242",
    STATUS_RETURNED: "#ef6c00",
    STATUS_SIGNED: "#2e7d32",
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REPORT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
OLD_COLOR = "#8a8a8a"  # older versions and removed reports

AGENCY, YEAR, FORMAT, STATUS, ERRORS, WARNINGS, FILE = range(7)
HEADERS = ("机关", "年度", "格式", "状态", "错误", "警告", "文件")


def _status_rank(row: QueueRow) -> int:
    return STATUSES.index(row.status) if row.status in STATUSES else len(STATUSES)


SORT_KEYS = {  # ties keep the order of import
    AGENCY: lambda r: (r.agency or "\uffff", r.report_id),
    YEAR: lambda r: (r.year if r.year is not None else -1, r.report_id),
    FORMAT: lambda r: (r.format_label, r.report_id),
    STATUS: lambda r: (_status_rank(r), r.report_id),
    ERRORS: lambda r: (r.errors, r.report_id),
    WARNINGS: lambda r: (r.warnings, r.report_id),
    FILE: lambda r: (r.file_name, r.report_id),
}


class QueueModel(QAbstractTableModel):
    """QueueRow list → table. Sorting and filtering happen here, in Python over the plain rows (a proxy
    that asks Qt for every row's sort key and filter answer through data() takes seconds at 10,000 rows):
    `all_rows` is the queue, `rows` what is shown, in the order shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_rows: list[QueueRow] = []
        self.rows: list[QueueRow] = []
        self.copies: dict[tuple[str, int], int] = {}
        # versions of an agency-year (review.workspace.queue.QueueRow.replaces): report id → (version, versions)
        self.versions: dict[int, tuple[int, int]] = {}
        self.replaced: set[int] = set()  # reports a newer version replaces: shown only with show_versions
        self.show_versions = False
        self.search = ""
        self.status: str | None = None
        self.mine: str | None = None  # 我的: only the reports assigned to this reviewer
        self.sort_column, self.sort_order = STATUS, Qt.SortOrder.AscendingOrder
        self._sorted: dict[int, list[QueueRow]] = {}  # all rows by column, sorted once (filters keep the order)
        self._folded: dict[tuple[str | None, str], str] = {}

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.all_rows = list(rows)
        self._sorted.clear()
        self._count_versions()
        self._count_copies()
        self._reshow()

    def set_show_versions(self, show: bool) -> None:
        """Show the older versions of resubmitted reports too (by default only the latest version)."""
        self.show_versions = show
        self._reshow()

    def _count_versions(self) -> None:
        """Number each report in its chain of versions (a resubmission replaces the one before)."""
        live = {r.report_id: r for r in self.all_rows if not r.removed}
        newer = {r.replaces: r.report_id for r in live.values() if r.replaces in live}
        self.replaced = set(newer)
        self.versions = {}
        for r in live.values():
            if r.report_id in newer or r.replaces not in live:
                continue  # not the latest version, or no earlier one
            chain = [r.report_id]
            while (earlier := live[chain[-1]].replaces) in live and earlier not in chain:
                chain.append(earlier)
            for i, rid in enumerate(reversed(chain)):
                self.versions[rid] = (i + 1, len(chain))

    def _count_copies(self) -> None:
        """How many current reports each agency has for each year: more than one is a duplicate or a
        resubmission not linked as a version (the same bytes are never imported twice, so these copies differ)."""
        counts: dict[tuple[str, int], int] = {}
        for r in self.all_rows:
            if r.agency and r.year is not None and not r.removed and r.report_id not in self.replaced:
                key = (r.agency.strip().casefold(), r.year)
                counts[key] = counts.get(key, 0) + 1
        self.copies = counts

    def copies_of(self, row: QueueRow) -> int:
        if not row.agency or row.year is None or row.removed or row.report_id in self.replaced:
            return 1
        return self.copies.get((row.agency.strip().casefold(), row.year), 1)

    def set_filter(self, search: str, status: str | None) -> None:
        """Show rows whose agency or file name contains `search` and whose status is `status` (None: any)."""
        self.search, self.status = search.strip().casefold(), status
        self._reshow()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._reshow()

    def set_mine(self, reviewer: str | None) -> None:
        """Show only the reports assigned to `reviewer` (None: everybody's)."""
        self.mine = reviewer
        self._reshow()

    def accepts(self, row: QueueRow) -> bool:
        if row.report_id in self.replaced and not self.show_versions:
            return False
        if self.mine is not None and row.assignee != self.mine:
            return False
        if self.status and row.status != self.status:
            return False
        return not self.search or self.search in self._text(row)

    def _text(self, row: QueueRow) -> str:
        """What the search looks in: agency and file name, case-folded (once per row)."""
        key = (row.agency, row.file_name)
        text = self._folded.get(key)
        if text is None:
            text = self._folded[key] = f"{row.agency or ''}\n{row.file_name}".casefold()
        return text

    def _reshow(self) -> None:
        self.layoutAboutToBeChanged.emit()
        ordered = self._sorted.get(self.sort_column)
        if ordered is None:
            ordered = self._sorted[self.sort_column] = sorted(self.all_rows, key=SORT_KEYS[self.sort_column])
        if self.sort_order == Qt.SortOrder.DescendingOrder:
            ordered = ordered[::-1]
        filtering = self.search or self.status or self.mine is not None or (self.replaced and not self.show_versions)
        shown = [r for r in ordered if self.accepts(r)] if filtering else list(ordered)
        old = [r.report_id for r in self.rows]
        self.rows = shown
        persistent = self.persistentIndexList()  # the selection: kept on the same report, if still shown
        if persistent:
            new = {r.report_id: i for i, r in enumerate(shown)}
            moved_to = []
            for index in persistent:
                to = new.get(old[index.row()]) if index.row() < len(old) else None
                moved_to.append(self.index(to, index.column()) if to is not None else QModelIndex())
            self.changePersistentIndexList(persistent, moved_to)
        self.layoutChanged.emit()

    def update_row(self, row: QueueRow) -> None:
        """Replace (or append) the row of one report."""
        for i, r in enumerate(self.all_rows):
            if r.report_id == row.report_id:
                self.all_rows[i] = row
                break
        else:
            self.all_rows.append(row)
        self._sorted.clear()
        before = self.copies, self.versions
        self._count_versions()
        self._count_copies()
        if (self.copies, self.versions) != before:  # an agency or year edited: other rows' marks change too
            self._reshow()
            return
        for i, r in enumerate(self.rows):
            if r.report_id == row.report_id and self.accepts(row):
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))
                return
        self._reshow()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            n = self.copies_of(row)
            return {
                AGENCY: (tr("〔{name}〕", name=row.assignee) if row.assignee else "")  # visible in a narrow pane
                + (row.agency or tr("（未识别机关）")) + self._version_mark(row)
                + (tr(" ⧉{n} 份", n=n) if n > 1 else ""),
                YEAR: str(row.year) if row.year is not None else "—",
                FORMAT: row.format_label,
                STATUS: tr(row.status),
                ERRORS: str(row.errors),
                WARNINGS: str(row.warnings),
                FILE: row.file_name,
            }[col]
        if role == SORT_ROLE:
            return {
                AGENCY: row.agency or "\uffff",
                YEAR: row.year if row.year is not None else -1,
                FORMAT: row.format_label,
                STATUS: STATUSES.index(row.status) if row.status in STATUSES else len(STATUSES),
                ERRORS: row.errors,
                WARNINGS: row.warnings,
                FILE: row.file_name,
            }[col]
        if role == REPORT_ID_ROLE:
            return row.report_id
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.removed or row.report_id in self.replaced:
                return QBrush(QColor(OLD_COLOR))
            if col == STATUS:
                return QBrush(QColor(STATUS_COLORS.get(row.status, "#424242")))
            if col == ERRORS and row.errors:
                return QBrush(QColor(STATUS_COLORS[STATUS_ERRORS]))
            if col == AGENCY and self.copies_of(row) > 1:
                return QBrush(QColor(STATUS_COLORS[STATUS_RETURNED]))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (YEAR, ERRORS, WARNINGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = tr("{file}（导入于 {time}）").format(file=row.file_name, time=row.imported_at.replace("T", " "))
            n = self.copies_of(row)
            if n > 1:
                tip += "\n" + tr("同一机关同一年度共有 {n} 份内容不同的报告：重复报送或重新报送，请核对文件", n=n)
            version, versions = self.versions.get(row.report_id, (1, 1))
            if versions > 1:
                tip += "\n" + tr("重新报送：共 {n} 个版本，这是第 {v} 版{old}。右键“版本与差异…”查看各版本与数值差异",
                                  n=versions, v=version, old=tr("（已被新版本替换）") if version < versions else "")
            if row.removed:
                tip += "\n" + tr("已移出工作区：原文件和全部记录保留，右键“恢复到工作区…”可恢复")
            if row.assignee:
                tip += "\n" + tr("已分配给 {name}（右键“分配给…”可更改）", name=row.assignee)
            return tip
        return None

    def _version_mark(self, row: QueueRow) -> str:
        if row.removed:
            return tr("（已移除）")
        version, versions = self.versions.get(row.report_id, (1, 1))
        if versions == 1:
            return ""
        return tr(" · 第{v}版", v=version) + (tr("（旧）") if version < versions else "")


class QueueFilter(QIdentityProxyModel):
    """The view's model: passes sorting and filtering on to the QueueModel (see there)."""

    def set_filter(self, search: str, status: str | None) -> None:
        self.sourceModel().set_filter(search, status)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class _QueueTable(QTableView):
    activated_report = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_report.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class BatchQueue(QWidget):
    """The queue pane. Signals: reportOpened(id) on double-click/Enter, currentReportChanged(id) on selection."""

    reportOpened = Signal(int)
    currentReportChanged = Signal(int)

    def __init__(self, workspace: Workspace | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = QueueModel(self)
        self.proxy = QueueFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("按机关搜索…"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(tr("全部状态"), None)
        for s in STATUSES:
            self.status_filter.addItem(tr(s), s)
        self.count_label = QLabel(self)
        self.show_versions = QCheckBox(tr("显示旧版本"), self)
        self.show_versions.setToolTip(tr("重新报送的报告默认只显示最新版本；勾选后旧版本也列出（灰色）"))
        self.show_removed = QCheckBox(tr("显示已移除"), self)
        self.show_removed.setToolTip(tr("移出工作区的报告默认不显示；勾选后列出（灰色），右键可恢复"))
        self.mine_only = QCheckBox(tr("我的"), self)
        self.mine_only.setToolTip(tr("只列出分配给我（当前审核人）的报告；右键“分配给…”分配"))
        self.reviewer: Callable[[], str] = lambda: ""  # the window's reviewer (set by the workspace binding)

        self.table = _QueueTable(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the marks at the end of an agency stay visible
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AGENCY, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(200)  # fitted to the first rows when loaded, not on every change
        for col in (YEAR, FORMAT, STATUS, ERRORS, WARNINGS, FILE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        toggles = QHBoxLayout()
        toggles.addWidget(self.show_versions)
        toggles.addWidget(self.show_removed)
        toggles.addWidget(self.mine_only)
        toggles.addStretch(1)
        layout.addLayout(toggles)

        self.search.textChanged.connect(self._filter_changed)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.show_versions.toggled.connect(self._versions_toggled)
        self.show_removed.toggled.connect(lambda _on: self.refresh())
        self.mine_only.toggled.connect(self._mine_toggled)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated_report.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        if workspace is not None:
            self.refresh()
        else:
            self._update_count()

    # -- public --------------------------------------------------------------------------------------

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.workspace = workspace
        self.refresh()

    def refresh(self) -> None:
        """Reload every row from the workspace, keeping the selected report selected."""
        if self.workspace is not None and self.workspace.closed:
            return
        current = self.current_report_id()
        self.model.set_rows(self.workspace.queue(self.show_removed.isChecked()) if self.workspace is not None else [])
        for col in (YEAR, FORMAT, STATUS, ERRORS, WARNINGS, FILE):
            self.table.resizeColumnToContents(col)
        self._update_count()
        if current is not None:
            self.select_report(current)

    def refresh_report(self, report_id: int) -> None:
        """Update one row after a change to that report (correction, decision, sign-off)."""
        if self.workspace is not None and not self.workspace.closed:
            self.model.update_row(self.workspace.queue_row(report_id))
            self._update_count()

    def set_compact(self, compact: bool) -> None:
        """In a narrow pane: hide the format column (the file stays: it tells copies of a report apart)."""
        self.table.setColumnHidden(FORMAT, compact)

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.model.set_rows(rows)
        for col in (YEAR, FORMAT, STATUS, ERRORS, WARNINGS, FILE):
            self.table.resizeColumnToContents(col)
        self._update_count()

    def current_report_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(REPORT_ID_ROLE) if index.isValid() else None

    def select_report(self, report_id: int) -> bool:
        for r, row in enumerate(self.model.rows):
            if row.report_id == report_id:
                index = self.proxy.index(r, 0)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def visible_report_ids(self) -> list[int]:
        """Report ids in the order shown (after sorting and filtering)."""
        return [row.report_id for row in self.model.rows]

    def next_report_id(self, report_id: int | None = None, step: int = 1) -> int | None:
        """The report after (step=-1: before) this one in the shown order, for 'next report' navigation."""
        ids = self.visible_report_ids()
        if not ids:
            return None
        if report_id not in ids:
            return ids[0]
        i = ids.index(report_id) + step
        return ids[i] if 0 <= i < len(ids) else None

    # -- slots ---------------------------------------------------------------------------------------

    def _filter_changed(self) -> None:
        self.proxy.set_filter(self.search.text(), self.status_filter.currentData())
        self._update_count()

    def _mine_toggled(self, on: bool) -> None:
        self.model.set_mine(self.reviewer() if on else None)
        self._update_count()

    def _versions_toggled(self, on: bool) -> None:
        self.model.set_show_versions(on)
        self._update_count()

    def _update_count(self) -> None:
        current = [r for r in self.model.all_rows if not r.removed and r.report_id not in self.model.replaced]
        total, shown = len(current), len(self.model.rows)
        open_errors = sum(r.errors for r in current)
        text = tr("共 {total} 份报告").format(total=total)
        if shown != total:
            text += tr("，显示 {shown} 份").format(shown=shown)
        n = len(self.model.replaced)
        self.show_versions.setText(tr("显示旧版本（{n}）", n=n) if n else tr("显示旧版本"))
        if open_errors:
            text += tr("；未处理错误 {n} 个").format(n=open_errors)
        self.count_label.setText(text)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.reportOpened.emit(index.data(REPORT_ID_ROLE))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.currentReportChanged.emit(current.data(REPORT_ID_ROLE))
