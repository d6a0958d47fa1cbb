"""FindingsModel: the session's findings as a thin Qt list model (severity, message, cells, state)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor

from review.findings import CANNOT_ASSESS, Finding
from review.state import ACCEPTED, POSTPONED

from .i18n import severity_name, tr
from .marks import decided_icon, severity_icon
from .session import SEVERITY_ORDER, ReportSession

Index = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 11
SEVERITY, MESSAGE, STATE = range(3)
HEADERS = ("级别", "问题", "状态")


class FindingsModel(QAbstractTableModel):
    refreshed = Signal()  # after every re-check, whether the list changed or not

    def __init__(self) -> None:
        super().__init__()
        self.session: ReportSession | None = None
        self.items: list[Finding] = []
        self.shown_session: ReportSession | None = None
        self._last_state: dict[str, str] = {}
        self._icons = {s: severity_icon(s) for s in SEVERITY_ORDER}
        self._decided = decided_icon()

    def set_session(self, session: ReportSession | None) -> None:
        if self.session is not None:
            try:
                self.session.changed.disconnect(self.refresh)
            except (RuntimeError, TypeError):
                pass
        self.session = session
        if session is not None:
            session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        findings = self.session.findings if self.session else []
        order = {id(f): i for i, f in enumerate(findings)}
        # errors first; within a severity, what fails before what cannot be assessed; then catalogue order
        items = sorted(
            findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.status == CANNOT_ASSESS, order[id(f)])
        )
        if [f.id for f in items] == [f.id for f in self.items] and self.session is self.shown_session:
            # the same findings (an edit that fixed nothing): update in place, keep the selection,
            # repaint only the rows whose message or decision changed
            old, self.items = self.items, items
            for row, (a, b) in enumerate(zip(old, items, strict=True)):
                if a.message != b.message or self.state_text(b) != self._last_state.get(b.id):
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        else:
            self.beginResetModel()
            self.items = items
            self.shown_session = self.session
            self.endResetModel()
        self._last_state = {f.id: self.state_text(f) for f in self.items} if self.session else {}
        self.refreshed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(HEADERS[section])
        return None

    def finding(self, row: int) -> Finding | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, finding_id: str) -> int:
        return next((i for i, f in enumerate(self.items) if f.id == finding_id), -1)

    def subtitle(self, f: Finding) -> str:
        """The rule and the cells it is about, for the list's second line."""
        assert self.session is not None
        keys = f.subjects
        names = "、".join(self.session.display_name(k) for k in keys[:2])
        if len(keys) > 2:
            names += tr(" 等 {n} 格", n=len(keys))
        return f"{f.rule} · {names}" if names else f.rule

    def state_text(self, f: Finding) -> str:
        assert self.session is not None
        d = self.session.decision(f)
        if d is not None and d.action == ACCEPTED:
            return tr("已接受")
        if d is not None and d.action == POSTPONED:
            return tr("稍后处理")
        return tr("无法判断") if f.status == CANNOT_ASSESS else tr("未处理")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        f = self.finding(index.row()) if index.isValid() else None
        if f is None or self.session is None:
            return None
        col, is_open = index.column(), self.session.is_open(f)
        if role == FINDING_ROLE:
            return f
        if role == Qt.ItemDataRole.DisplayRole:
            if col == SEVERITY:
                return severity_name(f.severity)
            if col == MESSAGE:
                return f.message
            return self.state_text(f)
        if role == Qt.ItemDataRole.DecorationRole and col == SEVERITY:
            return self._icons.get(f.severity) if is_open else self._decided
        if role == Qt.ItemDataRole.ForegroundRole and not is_open:
            return QColor("#80868b")
        if role == SUBTITLE_ROLE:
            return self.subtitle(f)
        if role == Qt.ItemDataRole.ToolTipRole:
            names = "、".join(self.session.display_name(k) for k in f.cells[:6]) + ("…" if len(f.cells) > 6 else "")
            tip = [f.message, tr("规则：{rule}", rule=f.rule)]
            if names:
                tip.append(tr("涉及：{names}", names=names))
            return "\n".join(tip)
        return None


class FindingsFilter(QSortFilterProxyModel):
    """Filter by state/severity and by words in the message or rule id."""

    MODES = ("all", "open", "error", "warning", "info", "decided")

    def __init__(self) -> None:
        super().__init__()
        self.mode = "all"
        self.words = ""

    def set_mode(self, mode: str) -> None:
        self.refilter(lambda: setattr(self, "mode", mode))

    def set_words(self, words: str) -> None:
        self.refilter(lambda: setattr(self, "words", words.strip()))

    def refilter(self, change: Callable[[], None] = lambda: None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9 (invalidateFilter is deprecated there)
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FindingsModel)
        f = model.finding(source_row)
        if f is None or model.session is None:
            return False
        is_open = model.session.is_open(f)
        ok = {"all": True, "open": is_open, "decided": not is_open}.get(self.mode, f.severity == self.mode)
        return ok and (not self.words or self.words in f.message or self.words in f.rule)
