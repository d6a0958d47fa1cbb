"""What the reviewer enters for an 审核意见书: the sender, the deadline for the correction and the
contact; remembered in the workspace for the next memo."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from review.office.memo import DEFAULT_OFFICE, MemoDetails
from review.workspace import Workspace

from .i18n import tr

SETTINGS = {"office": "office.name", "deadline": "memo.deadline", "contact": "memo.contact"}


class MemoDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(tr("审核意见书"))
        self.fields = {name: QLineEdit(workspace.setting(key) or "") for name, key in SETTINGS.items()}
        self.fields["office"].setPlaceholderText(DEFAULT_OFFICE)
        self.fields["deadline"].setPlaceholderText(tr("如 2025年3月31日"))
        self.fields["contact"].setPlaceholderText(tr("姓名及电话"))
        form = QFormLayout(self)
        for name, label in (("office", "发文机关"), ("deadline", "整改期限"), ("contact", "联系人")):
            form.addRow(tr(label), self.fields[name])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("生成"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, 160)

    def details(self, reviewer: str = "") -> MemoDetails:
        """The entered details (each remembered in the workspace)."""
        values = {name: field.text().strip() for name, field in self.fields.items()}
        for name, key in SETTINGS.items():
            if values[name] != (self.workspace.setting(key) or ""):
                self.workspace.set_setting(key, values[name])
        return MemoDetails(values["office"] or DEFAULT_OFFICE, values["deadline"], values["contact"], reviewer)


def ask_memo_details(workspace: Workspace, reviewer: str, parent: QWidget) -> MemoDetails | None:
    """The dialog (headless windows take what is already in it, for tests); None when cancelled."""
    dialog = MemoDialog(workspace, parent)
    parent.setProperty("memo_dialog", dialog)
    if not parent.property("headless") and dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.details(reviewer)
