"""ReportTableModel: one table of the report (表二, 表三 or 表四) as a thin Qt model over the core cells.

Reads values, statuses and findings from the ReportSession; `setData` never changes a cell itself,
it pushes a CorrectCells command on the session's undo stack.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from parser.model import Number

from .commands import CorrectCells, same_value
from .i18n import severity_name, tr
from .marks import STATUS_NAMES, CellLook, cell_look, format_value
from .session import ReportSession
from .table_entry import describe, entry_problem, parse_number, plan_paste, split_values
from .table_layout import COLUMNS, DATA, HEADING, TableLayout, group_label, layout

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell key of a value cell
LOOK_ROLE = Qt.ItemDataRole.UserRole + 2  # marks.CellLook of a value cell
KIND_ROLE = Qt.ItemDataRole.UserRole + 3  # "value", "group", "label", "heading", "columns"


class ReportTableModel(QAbstractTableModel):
    message = Signal(str)  # what an entry did or why it was refused, for the reviewer

    def __init__(self, session: ReportSession, table_key: str) -> None:
        super().__init__()
        self.session = session
        version = session.report.version
        assert version is not None
        self.table = version.table(table_key)
        self.layout: TableLayout = layout(self.table)
        self._looks: dict[str, CellLook | None] = {k: self._look(k) for k in self.layout.key_positions}
        self._label_info: dict[tuple[int, int], tuple[str, str]] = {}  # labels never change
        session.changed.connect(self._on_changed)

    # --- structure -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layout.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.column_count

    def key(self, index: Index) -> str | None:
        return self.layout.cell_key(index.row(), index.column()) if index.isValid() else None

    def index_of(self, key: str) -> QModelIndex:
        pos = self.layout.key_positions.get(key)
        return self.index(*pos) if pos else QModelIndex()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.key(index) is None:  # labels: the arrow keys pass over them, from value to value
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.session.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            levels = self.layout.header_levels(section)
            return levels[-1] if levels else ""
        return None

    # --- data ----------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.key(index)
        if key is not None:
            return self._cell_data(key, role)
        g = self.layout.rows[index.row()]
        col, L = index.column(), self.layout.label_columns
        if role == KIND_ROLE:
            if g.kind != DATA:
                return g.kind
            return "group" if col < len(g.groups()) else "label" if col < L else "empty"
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if g.kind == HEADING:
            return g.block.heading or ""
        if g.kind == COLUMNS:
            if col < L:
                return tr("信息内容")
            c = self.layout.value_column(g, col)
            return c.label if c else ""
        return group_label(g, col) if col < L else ""

    def paint_info(self, row: int, column: int) -> tuple[str, object]:
        """What the delegate paints at a position, without a round trip through Qt roles:
        ("value", CellLook) for a value cell, (kind, text) for a label."""
        key = self.layout.cell_key(row, column)
        if key is not None:
            return "value", self._looks.get(key) or self._look(key)
        info = self._label_info.get((row, column))
        if info is None:
            index = self.index(row, column)
            info = self._label_info[(row, column)] = (self.data(index, KIND_ROLE), self.data(index) or "")
        return info

    def _cell_data(self, key: str, role: int) -> Any:
        cell = self.session.report.cells.get(key)
        if cell is None:
            return None
        if role == KEY_ROLE:
            return key
        if role == KIND_ROLE:
            return "value"
        if role == Qt.ItemDataRole.EditRole:
            return format_value(cell.value)
        if role in (Qt.ItemDataRole.DisplayRole, LOOK_ROLE, Qt.ItemDataRole.BackgroundRole):
            look = self._looks.get(key) or self._look(key)
            if role == LOOK_ROLE:
                return look
            return look.text if role == Qt.ItemDataRole.DisplayRole else look.background
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(key)
        return None

    def tooltip(self, key: str) -> str:
        cell = self.session.report.cells[key]
        lines = [f"<b>{self.session.display_name(key)}</b>"]
        lines.append(
            tr("当前值：{v}", v=format_value(cell.value) or tr("（空）"))
            + "　"
            + tr(STATUS_NAMES.get(cell.status, cell.status))
        )
        printed = (
            cell.text if cell.text else tr("（原文为空）") if cell.parsed_status == "blank" else tr("（原文中未找到）")
        )
        lines.append(tr("原文：{t}", t=printed) + (f"　{cell.unit}" if cell.unit else ""))
        if cell.parsed_value != cell.value or cell.history:
            lines.append(tr("读取值：{v}", v=format_value(cell.parsed_value) or tr("（空）")))
        for c in cell.history[-5:]:
            lines.append(
                tr(
                    "{time} {who}：{old} → {new}（{why}）",
                    time=local_time(c.time),
                    who=c.reviewer or tr("审核人"),
                    old=format_value(c.old) or tr("空"),
                    new=format_value(c.new) or tr("空"),
                    why=c.reason or tr("未注明"),
                )
            )
        for f in self.session.findings_of(key):
            state = tr("未处理") if self.session.is_open(f) else tr("已处理")
            lines.append(f"[{severity_name(f.severity)}·{state}] {f.message}")
        return "<br>".join(_escape(s) if i else s for i, s in enumerate(lines))

    # --- editing -------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self.key(index)
        if key is None or role != Qt.ItemDataRole.EditRole:
            return False
        if isinstance(value, str) and len(split_values(value)) > 1:  # a row typed into its first cell
            return self.enter_text(index, value, tr("逐行录入")) > 0
        if isinstance(value, str):
            problem = entry_problem(value, self.session.report.spec(key).kind)
            if problem:
                self.message.emit(tr("未修改 {name}：{why}", name=self.session.display_name(key), why=tr(problem)))
                return False
            number = parse_number(value, self.session.report.spec(key).kind)[1]
        else:
            number = value
        if same_value(self.session.report.cells[key].value, number):
            return True
        name = self.session.display_name(key)
        return self.session.push(
            CorrectCells(self.session, {key: number}, tr("审核人修改"), tr("修改 {name}", name=name))
        )

    def enter_text(self, index: Index, text: str, reason: str) -> int:
        """Rows of values (pasted, or typed as one line) placed from this cell as one undo step;
        says what was placed. Returns how many cells changed."""
        kinds = {k: self.session.report.spec(k).kind for k in self.layout.key_positions}
        plan = plan_paste(self.layout, index.row(), index.column(), text, kinds)
        return self.fill(plan.values, reason, lambda changed: describe(plan, changed))

    def fill(self, values: dict[str, Number | None], reason: str, say: Any = None) -> int:
        """Set these cells as one undo step with one reason; returns how many changed."""
        cells = self.session.report.cells
        changes = {k: v for k, v in values.items() if not same_value(cells[k].value, v)}
        done = bool(changes) and self.session.push(
            CorrectCells(self.session, changes, reason, tr("{why}：{n} 格", why=reason, n=len(changes)))
        )
        n = len(changes) if done else 0
        if say is not None and (done or not changes):
            self.message.emit(tr(say(n)))
        return n

    def _look(self, key: str) -> CellLook | None:
        cell = self.session.report.cells.get(key)
        if cell is None:
            return None
        severity, involved, decided = self.session.cell_mark(key)
        return cell_look(cell.value, cell.status, severity, involved, decided, cell.text)

    def _on_changed(self, _keys: object) -> None:
        """Repaint exactly the cells whose look changed: the edited ones and those whose findings changed."""
        changed = []
        for key in self.layout.key_positions:
            look = self._look(key)
            if look != self._looks.get(key):
                self._looks[key] = look
                changed.append(key)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole]
        for key in changed:
            index = self.index_of(key)
            self.dataChanged.emit(index, index, roles)


def local_time(iso: str) -> str:
    """A stored UTC time as the reviewer's local time, to the minute."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
