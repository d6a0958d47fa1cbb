"""The findings list: counts by severity, a filter, the list itself and the selected finding in full
with its actions (采纳建议 / 按原样接受 / 稍后处理)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from review.findings import Finding

from .findings_model import FINDING_ROLE, MESSAGE, SEVERITY, STATE, SUBTITLE_ROLE, FindingsFilter, FindingsModel
from .i18n import severity_name, tr
from .marks import SEVERITY_COLOURS, SEVERITY_GLYPHS, format_value
from .session import ReportSession
from .shortcuts import shortcut

FILTER_NAMES = {
    "all": "全部",
    "open": "未处理",
    "error": "错误",
    "warning": "警告",
    "info": "提示",
    "decided": "已处理",
}


FINDINGS_ROWS = 4  # findings the list always has room for


class FindingDelegate(QStyledItemDelegate):
    """The message on the first line; rule id and the cells it is about, in grey, on the second."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(option.fontMetrics.height() * 2 + 8)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.column() != MESSAGE:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        r = opt.rect.adjusted(4, 3, -4, -3)
        fm = opt.fontMetrics
        half = r.height() // 2
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        grey = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(grey if grey is not None else colour)
        first = QRect(r.left(), r.top(), r.width(), half)
        painter.drawText(
            first, int(Qt.AlignmentFlag.AlignVCenter), fm.elidedText(text, Qt.TextElideMode.ElideRight, r.width())
        )
        small = QFont(opt.font)
        small.setPointSizeF(small.pointSizeF() * 0.88)
        painter.setFont(small)
        painter.setPen(QColor("#80868b"))
        sub = index.data(SUBTITLE_ROLE) or ""
        second = QRect(r.left(), r.top() + half, r.width(), r.height() - half)
        painter.drawText(
            second,
            int(Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(small).elidedText(sub, Qt.TextElideMode.ElideRight, r.width()),
        )
        painter.restore()


class FindingsPane(QWidget):
    finding_chosen = Signal(object)  # Finding
    accept_suggestion = Signal()
    accept_as_is = Signal()
    postpone = Signal()
    reopen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReportSession | None = None
        self.model = FindingsModel()
        self.proxy = FindingsFilter()
        self.proxy.setSourceModel(self.model)

        self.title = QLabel(tr("问题"), self)
        self.title.setObjectName("paneTitle")
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.filter = QComboBox(self)
        for mode in FindingsFilter.MODES:
            self.filter.addItem(tr(FILTER_NAMES[mode]), mode)
        self.filter.setToolTip(tr("按状态或级别筛选"))
        self.words = QLineEdit(self)
        self.words.setPlaceholderText(tr("筛选…"))
        self.words.setClearButtonEnabled(True)

        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)

        self.details = QLabel(self)
        self.details.setObjectName("findingDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_button = QPushButton(tr("采纳建议"), self)
        self.as_is_button = QPushButton(tr("按原样接受…"), self)
        self.postpone_button = QPushButton(tr("稍后处理"), self)
        self.reopen_button = QPushButton(tr("撤回决定"), self)
        for button, sid in (
            (self.accept_button, "accept_suggestion"),
            (self.as_is_button, "accept_as_is"),
            (self.postpone_button, "postpone"),
            (self.reopen_button, "reopen"),
        ):
            button.setToolTip(f"{tr(shortcut(sid).description)}（{shortcut(sid).keys[0]}）")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        top = QHBoxLayout()
        top.setContentsMargins(6, 2, 6, 2)
        top.addWidget(self.counts, 1)
        top.addWidget(self.filter)
        top.addWidget(self.words)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(6, 0, 6, 4)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.as_is_button)
        buttons.addWidget(self.postpone_button)
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.title)
        box.addLayout(top)
        box.addWidget(self.view, 1)
        # the selected finding in full; scrolls when long, so the list above keeps its rows
        self.details_area = QScrollArea(self)
        self.details_area.setWidget(self.details)
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # room for FINDINGS_ROWS findings (two lines each, FindingDelegate) below the header, whatever
        # else the window shows (the audit log docked below takes its height from the text pane)
        line = self.fontMetrics().height()
        self.view.setMinimumHeight(FINDINGS_ROWS * (line * 2 + 8) + line + 12)
        box.addWidget(self.details_area)
        box.addLayout(buttons)

        self.filter.currentIndexChanged.connect(lambda _i: self.proxy.set_mode(self.filter.currentData()))
        self.words.textChanged.connect(self.proxy.set_words)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.accept_button.clicked.connect(self.accept_suggestion)
        self.as_is_button.clicked.connect(self.accept_as_is)
        self.postpone_button.clicked.connect(self.postpone)
        self.reopen_button.clicked.connect(self.reopen)
        self.model.modelReset.connect(self._after_reset)
        self.model.refreshed.connect(self._after_refresh)
        self._restoring = False
        self.read_only = False
        self._keep: str | None = None
        self._keep_row = 0
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self._show_details(None)

    # --- session -------------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        """A signed report: its findings are shown, the decision buttons are disabled."""
        if read_only != self.read_only:
            self.read_only = read_only
            self._show_details(self.current())

    def set_session(self, session: ReportSession | None) -> None:
        self.session = session
        self.model.set_session(session)

    def _before_reset(self) -> None:
        f = self.current()
        switching = self.model.shown_session is not self.session  # another report: nothing to keep
        self._keep = f.id if f and not switching else None
        self._keep_row = max(0, self.view.currentIndex().row())

    def _after_reset(self) -> None:
        """Keep the same finding selected across a re-check; if it is gone, the one now in its place
        (so fixing a finding moves on to the next)."""
        row = self.model.row_of(self._keep) if self._keep else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid() and self._keep and self.proxy.rowCount():
            index = self._open_from(self._keep_row)
        self._restoring = True
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        self._restoring = False
        self._show_details(self.current())

    def _open_from(self, row: int) -> QModelIndex:
        """The first open finding at or after this row (wrapping), else the row itself."""
        n = self.proxy.rowCount()
        row = min(row, n - 1)
        for k in range(n):
            index = self.proxy.index((row + k) % n, 0)
            f = index.data(FINDING_ROLE)
            if f is not None and self.session is not None and self.session.is_open(f):
                return index
        return self.proxy.index(row, 0)

    def _after_refresh(self) -> None:
        self._update_counts()
        self._show_details(self.current())
        if self.proxy.mode != "all":
            self.proxy.refilter()  # a decision can move a finding in or out of the filter

    def _update_counts(self) -> None:
        if self.session is None:
            self.counts.setText("")
            return
        c = self.session.counts()
        parts = [
            f"<span style='color:{SEVERITY_COLOURS[s].name()}'>{SEVERITY_GLYPHS[s]}</span> "
            f"{severity_name(s)} <b>{c[s]}</b>"
            for s in ("error", "warning", "info")
        ]
        self.counts.setText("　".join(parts))
        self.counts.setToolTip(tr("未处理的问题数，按级别"))

    # --- selection -----------------------------------------------------------------------------
    def current(self) -> Finding | None:
        index = self.view.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        f = current.data(FINDING_ROLE) if current.isValid() else None
        self._show_details(f)
        if f is not None and not self._restoring:
            self.finding_chosen.emit(f)

    def select(self, finding: Finding | None, emit: bool = True) -> bool:
        """Make this finding current; with emit=False the rest of the window is not told."""
        if finding is None:
            return False
        row = self.model.row_of(finding.id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        self._restoring = not emit
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self._restoring = False
        self.view.scrollTo(index)
        return True

    def step(self, forward: bool = True) -> Finding | None:
        """The next (or previous) open finding in list order, wrapping around."""
        if self.session is None or not self.proxy.rowCount():
            return None
        n = self.proxy.rowCount()
        start = self.view.currentIndex().row()
        for k in range(1, n + 1):
            row = ((start if start >= 0 else (-1 if forward else 0)) + (k if forward else -k)) % n
            f = self.proxy.index(row, 0).data(FINDING_ROLE)
            if f is not None and self.session.is_open(f):
                return f
        return None

    def _show_details(self, f: Finding | None) -> None:
        s = self.session
        if f is None or s is None:
            self.details.setText(
                tr("选中一条问题，可在表格和原文中看到它涉及的单元格。")
                if s and s.findings
                else (
                    tr("未发现问题。") if s and s.rules_available else tr("审核规则暂不可用，未运行检查。") if s else ""
                )
            )
            self._fit_details()
            self.reopen_button.hide()
            for b in (self.accept_button, self.as_is_button, self.postpone_button):
                b.setEnabled(False)
            return
        parts = [f"<b>{_esc(f.message)}</b>"]
        if f.reported is not None or f.computed is not None:
            parts.append(
                tr("报告填写 {r}，计算得 {c}", r=format_value(f.reported) or "—", c=format_value(f.computed) or "—")
            )
        if f.suggestion:
            changes = "；".join(
                tr("{name} 改为 {v}", name=s.display_name(k), v=format_value(v))
                for k, v in f.changes_to_accept().items()
            )
            parts.append(f"<span style='color:#188038'>{tr('建议更正：')}{_esc(changes)}</span>")
        if f.sentence:
            parts.append(tr("原文：“{s}”", s=_esc(f.sentence[:120])))
        d = s.decision(f)
        if d is not None:
            parts.append(
                tr(
                    "{state}：{reason}（{who}）",
                    state=self.model.state_text(f),
                    reason=_esc(d.reason or tr("未注明理由")),
                    who=_esc(d.reviewer or tr("审核人")),
                )
            )
        parts.append(f"<span style='color:#80868b'>{_esc(f.rule)}</span>")
        self.details.setText("<br>".join(parts))
        self._fit_details()
        editable = not self.read_only
        self.accept_button.setEnabled(editable and bool(f.suggestion) and s.is_open(f))
        self.as_is_button.setEnabled(editable and s.is_open(f))
        self.postpone_button.setEnabled(editable and s.is_open(f) and d is None)
        self.reopen_button.setVisible(d is not None)
        self.reopen_button.setEnabled(editable)

    def _fit_details(self) -> None:
        """As tall as the text needs, up to eight lines (then it scrolls)."""
        width = self.details_area.viewport().width() or self.width() or 400
        need = self.details.heightForWidth(width) + 4
        self.details_area.setFixedHeight(
            max(self.fontMetrics().height() * 2, min(need, self.fontMetrics().height() * 8 + 16))
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_details()


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
