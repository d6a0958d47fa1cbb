"""The reviewer's name: asked once at the first change (not the OS login), remembered in the settings,
shown in the status bar and recorded with every correction, decision and sign-off."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLabel

from .i18n import tr
from .signoff_dialog import REVIEWER_KEY


class ReviewerName:
    """Mixed into MainWindow (which provides settings, sessions(), statusBar() and reviewer_label)."""

    reviewer: str
    reviewer_label: QLabel

    def set_reviewer(self, name: str) -> None:
        """The name recorded with every correction and decision from now on (remembered)."""
        self.reviewer = name.strip()
        self.settings.setValue(REVIEWER_KEY, self.reviewer)  # type: ignore[attr-defined]
        for s in self.sessions():  # type: ignore[attr-defined]
            s.reviewer = self.reviewer
        self._show_reviewer()

    def _show_reviewer(self) -> None:
        shown = self.reviewer or tr("未填写（首次修改时询问）")
        self.reviewer_label.setText(tr("审核人：{name}", name=shown))
        self.reviewer_label.setToolTip(tr("文件 → 审核人姓名… 可更改"))

    def ask_reviewer(self) -> bool:
        """Ask for the reviewer's name (a dialog); False when none was given."""
        prompt = tr("审核人姓名（记入每条更正、决定和签发，只需填写一次）：")
        name, ok = QInputDialog.getText(self, tr("审核人"), prompt, text=self.reviewer)  # type: ignore[arg-type]
        if ok and name.strip():
            self.set_reviewer(name)
            return True
        return False

    def ensure_reviewer(self) -> bool:
        """Before the first change: the reviewer's name, asked once. Without a display (screenshots,
        scripted runs) nothing is asked and the change is recorded unsigned."""
        if self.reviewer or self.property("headless"):  # type: ignore[attr-defined]
            return True
        if self.ask_reviewer():
            return True
        self.statusBar().showMessage(tr("未填写审核人姓名，修改未进行"), 8000)  # type: ignore[attr-defined]
        return False

