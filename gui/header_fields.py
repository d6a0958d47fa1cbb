"""Agency, year and format version of the report, editable (each change is an undo command)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from parser.template import expected_version, versions

from .commands import EditHeader
from .i18n import tr
from .session import ReportSession


class HeaderFields(QWidget):
    span_wanted = Signal(object)  # (start, end) of the agency or year in the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReportSession | None = None
        self.agency = QLineEdit(self)
        self.agency.setPlaceholderText(tr("未识别，请填写"))
        self.year = QSpinBox(self)
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText(tr("未识别"))
        self.year.setSuffix(tr(" 年度"))
        self.template = QComboBox(self)
        self.template.addItem(tr("未识别"), None)
        for key, v in versions().items():
            self.template.addItem(tr("{k} 年版", k=key), key)
            self.template.setItemData(self.template.count() - 1, v.name, 3)  # ToolTipRole
        self.hint = QLabel(self)
        self.hint.setObjectName("formatHint")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        for label, w, stretch in (
            (tr("机关"), self.agency, 3),
            (tr("年度"), self.year, 0),
            (tr("格式"), self.template, 0),
        ):
            row.addWidget(QLabel(label, self))
            row.addWidget(w, stretch)
        row.addWidget(self.hint, 1)
        self.agency.editingFinished.connect(self._agency_edited)
        self.year.editingFinished.connect(self._year_edited)
        self.template.activated.connect(self._template_chosen)
        self.agency.installEventFilter(self)
        self.year.installEventFilter(self)
        self.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Entering the agency or the year field shows where the report printed it."""
        if event.type() == QEvent.Type.FocusIn and self.session is not None:
            r = self.session.report
            span = r.agency_span if watched is self.agency else r.year_span if watched is self.year else None
            if span:
                self.span_wanted.emit(span)
        return False

    def set_session(self, session: ReportSession | None) -> None:
        if self.session is not None:
            try:
                self.session.header_changed.disconnect(self.refresh)
            except (RuntimeError, TypeError):
                pass
        self.session = session
        if session is not None:
            session.header_changed.connect(self.refresh)
        self.setEnabled(session is not None)
        self.refresh()

    def refresh(self) -> None:
        r = self.session.report if self.session else None
        self.agency.setText(r.agency or "" if r else "")
        self.year.blockSignals(True)
        self.year.setValue(r.year or 0 if r else 0)
        self.year.blockSignals(False)
        i = self.template.findData(r.template if r else None)
        self.template.setCurrentIndex(max(0, i))
        expected = expected_version(r.year) if r else None
        if r and expected and r.template and expected != r.template:
            self.hint.setText(tr("⚠ {y} 年度应使用 {e} 年版格式", y=r.year, e=expected))
        else:
            self.hint.setText("")

    def set_read_only(self, read_only: bool) -> None:
        """A signed report: the fields show its header but take no typing."""
        self.agency.setReadOnly(read_only)
        self.year.setReadOnly(read_only)
        self.template.setEnabled(not read_only)

    def _push(self, field: str, value: object, text: str) -> None:
        s = self.session
        if s is not None and getattr(s.report, field) != value and not s.push(EditHeader(s, field, value, text)):
            self.refresh()  # refused (e.g. signed off): the field shows the report's value again

    def _agency_edited(self) -> None:
        self._push("agency", self.agency.text().strip() or None, tr("修改机关名称"))

    def _year_edited(self) -> None:
        self._push("year", self.year.value() or None, tr("修改年度"))

    def _template_chosen(self, _index: int) -> None:
        self._push("template", self.template.currentData(), tr("修改格式版本"))
