"""Sign a report off (通过 / 修正后通过) or return it (退回), and reopen a signed report.

The reviewer's name is remembered (QSettings, falling back to the workspace's last reviewer). The
dialog shows, as the reviewer types, why a sign-off would be refused (review.signoff.signoff_problems:
an error finding neither corrected nor accepted with a reason, a missing name or reason) and keeps
the button disabled until nothing is in the way; the workspace checks the same rules again. Both
dialogs record through the core commands (review.commands.SignOffReport, ReopenReport).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from review.commands import EditContext, EditRefused, ReopenReport, SignOffReport
from review.signoff import OUTCOMES, blocking_errors, corrected_cells, signoff_problems
from review.state import PASSED, PASSED_AFTER_CORRECTION, RETURNED, SignOff
from review.workspace import Workspace, WorkspaceError

from .i18n import tr

REVIEWER_KEY = "reviewer"  # QSettings key of the remembered reviewer name (shared with MainWindow)


def app_settings() -> QSettings:
    """The application's settings (gui.app names the application); standalone: the same names."""
    if QCoreApplication.organizationName():
        return QSettings()
    return QSettings("nianbao", "年报审核台")


def remembered_reviewer(settings: QSettings | None = None, workspace: Workspace | None = None) -> str:
    settings = settings if settings is not None else app_settings()
    name = str(settings.value(REVIEWER_KEY, "") or "")
    if not name and workspace is not None:
        name = workspace.setting("last_reviewer", "") or ""
    return name


def remember_reviewer(name: str, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else app_settings()
    settings.setValue(REVIEWER_KEY, name.strip())
    settings.sync()


def _problem_html(problems: list[str]) -> str:
    return "<br>".join(f"<span style='color:#c62828'>✗ {p}</span>" for p in problems)


class SignoffDialog(QDialog):
    """Record a sign-off of one report; emits signedOff(report_id, SignOff) when recorded."""

    signedOff = Signal(int, object)
    findingWanted = Signal(object)  # a blocking finding the reviewer chose to open (the dialog closes)

    def __init__(self, workspace: Workspace, report_id: int, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.report_id = report_id
        self.settings = settings
        self.reviewed = workspace.load(report_id)
        self.recorded: SignOff | None = None
        report = self.reviewed.report
        self.setWindowTitle(tr("签发报告"))
        self.setMinimumWidth(520)

        counts = self.reviewed.counts()
        head_text = tr("<b>{agency}</b>　{year} 年度　{file}<br>更正 {c} 处；未处理：错误 {e} 个，警告 {w} 个")
        head = QLabel(head_text.format(
            agency=report.agency or tr("（未识别机关）"), year=report.year or "—", file=report.source,
            c=len(corrected_cells(report)), e=counts["error"], w=counts["warning"]), self)
        head.setWordWrap(True)

        self.reviewer = QLineEdit(remembered_reviewer(settings, workspace), self)
        self.reviewer.setPlaceholderText(tr("审核人姓名"))
        self.outcomes = QButtonGroup(self)
        outcome_row = QHBoxLayout()
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for i, outcome in enumerate(OUTCOMES):
            b = QRadioButton(tr(outcome), self)
            self.outcomes.addButton(b, i)
            self.outcome_buttons[outcome] = b
            outcome_row.addWidget(b)
        outcome_row.addStretch(1)
        default = PASSED_AFTER_CORRECTION if corrected_cells(report) else PASSED
        self.outcome_buttons[default].setChecked(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(tr("退回时必填：退回理由，将告知报送机关"))
        self.reason.setMaximumHeight(90)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        # the errors that block a sign-off, one per line; Enter or a double-click opens the finding
        self.blocking = QListWidget(self)
        self.blocking.setWordWrap(True)
        self.blocking.setMaximumHeight(150)
        self.blocking.setToolTip(tr("双击或按 Enter 转到这个问题"))
        self.blocking.itemActivated.connect(self._open_finding)

        form = QFormLayout()
        form.addRow(tr("审核人："), self.reviewer)
        form.addRow(tr("结论："), outcome_row)
        form.addRow(tr("理由："), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.blocking)
        layout.addWidget(self.buttons)

        self.reviewer.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self.outcomes.idToggled.connect(lambda _id, on: on and self._update())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def outcome(self) -> str:
        return OUTCOMES[self.outcomes.checkedId()]

    def set_outcome(self, outcome: str) -> None:
        self.outcome_buttons[outcome].setChecked(True)

    def current_problems(self) -> list[str]:
        return signoff_problems(self.reviewed, self.outcome(), self.reviewer.text(), self.reason.toPlainText())

    def _update(self) -> None:
        problems = self.current_problems()
        returned = self.outcome() == RETURNED
        errors = [] if returned else blocking_errors(self.reviewed)
        if errors:  # named one by one in the list below, not in a long sentence
            head = f"尚有 {len(errors)} 个错误"
            problems = [tr("尚有 {n} 个错误既未更正、也未说明理由予以接受（见下，双击转到该问题）", n=len(errors))
                        if p.startswith(head) else p for p in problems]
        self.blocking.clear()
        for f in errors:
            item = QListWidgetItem(f"✖ {f.message}", self.blocking)
            item.setData(Qt.ItemDataRole.UserRole, f)
            item.setToolTip(f.message)
        self.blocking.setVisible(bool(errors))
        if problems:
            self.problems.setText(_problem_html(problems))
        else:
            ready = (tr("可以退回：退回理由将记入审核记录并告知报送机关") if returned else
                     tr("可以签发，结论：{o}", o=tr(self.outcome())))
            self.problems.setText("<span style='color:#2e7d32'>✓ " + ready + "</span>")
        self.ok_button.setEnabled(not problems)
        self.ok_button.setText(tr("退回") if returned else tr("签发"))
        self.setWindowTitle(tr("退回报告") if returned else tr("签发报告"))

    def _open_finding(self, item: QListWidgetItem) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole)
        self.reject()
        self.findingWanted.emit(finding)

    def accept(self) -> None:
        try:
            ctx = EditContext(self.reviewed, self.workspace.journal_for(self.report_id), self.reviewer.text().strip())
            SignOffReport(ctx, self.outcome(), self.reason.toPlainText().strip()).do()
        except WorkspaceError as e:
            self.problems.setText(_problem_html([str(e)]))
            return
        except EditRefused as e:
            self.problems.setText(_problem_html(e.problems))
            self.ok_button.setEnabled(False)
            return
        self.recorded = self.reviewed.signoff
        assert self.recorded is not None
        remember_reviewer(self.recorded.reviewer, self.settings)
        self.signedOff.emit(self.report_id, self.recorded)
        super().accept()


class ReopenDialog(QDialog):
    """Reopen a signed-off or returned report for changes (logged); emits reopened(report_id)."""

    reopened = Signal(int)

    def __init__(self, workspace: Workspace, report_id: int, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.report_id = report_id
        self.settings = settings
        signoff = workspace.load(report_id).signoff
        self.setWindowTitle(tr("重新打开报告"))
        self.setMinimumWidth(460)
        what = tr("该报告尚未签发。") if signoff is None else tr(
            "该报告已于 {time} 由 {who} 审核，结论：{outcome}。重新打开后可再修改，此操作会记入审计日志。").format(
            time=signoff.time.replace("T", " "), who=signoff.reviewer, outcome=tr(signoff.outcome))
        info = QLabel(what, self)
        info.setWordWrap(True)
        self.reviewer = QLineEdit(remembered_reviewer(settings, workspace), self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(tr("必填：为什么重新打开"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("审核人："), self.reviewer)
        form.addRow(tr("理由："), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("重新打开"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.reviewer.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._signed = signoff is not None
        self._update()

    def _update(self) -> None:
        ok = bool(self.reviewer.text().strip() and self.reason.text().strip())
        self.ok_button.setEnabled(ok and self._signed)

    def accept(self) -> None:
        try:
            ctx = EditContext(self.workspace.load(self.report_id), self.workspace.journal_for(self.report_id),
                              self.reviewer.text().strip())
            ReopenReport(ctx, self.reason.text().strip()).do()
        except (WorkspaceError, EditRefused) as e:
            self.message.setText(_problem_html([str(e)]))
            return
        remember_reviewer(self.reviewer.text(), self.settings)
        self.reopened.emit(self.report_id)
        super().accept()
