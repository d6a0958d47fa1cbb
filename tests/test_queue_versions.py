"""The batch queue and resubmissions: one agency-year shown once with its versions (the latest by default,
older ones behind a toggle), the versions and their value differences reached from the queue, and
resubmit / remove / restore from the queue's context menu and the 工作区 menu, each confirmed with a reason
and written to the report's audit log."""
from __future__ import annotations

import pytest
from conftest import SAMPLES
from pagegen import review_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from gui.batch_queue import AGENCY, FILE
from gui.workspace_binding import WorkspaceBinding
from review.workspace import Workspace

S002 = SAMPLES / "002_4baf6e6a93faded0.txt"
S004 = SAMPLES / "004_22e9dc75990c25ed.txt"


@pytest.fixture
def resubmitted(qtbot, tmp_path):
    """A bound window whose workspace holds sample 002, its corrected copy (one value changed) and 004."""
    window = review_window(qtbot, tmp_path / "settings.ini", headless=True, activate=True)
    window.set_reviewer("李四")
    text = S002.read_text(encoding="utf-8")
    resent = tmp_path / "神池县_更正版.txt"
    resent.write_text(text + "\n（更正后重新报送）\n", encoding="utf-8")
    ws = Workspace(tmp_path / "w.sqlite")
    old, _ = ws.import_file(S002)
    other, _ = ws.import_file(S004)
    new, _ = ws.import_file(resent)
    binding = WorkspaceBinding(window, ws)
    window.workspace_binding = binding
    yield window, binding, {"old": old, "new": new, "other": other, "resent": resent}
    ws.close()


def _shown(queue) -> dict[str, str]:
    return {queue.model.index(r, FILE).data(): queue.model.index(r, AGENCY).data()
            for r in range(queue.model.rowCount())}


def test_one_agency_year_shows_its_latest_version_and_the_older_on_request(resubmitted):
    _window, binding, ids = resubmitted
    queue = binding.queue
    shown = _shown(queue)
    assert set(shown) == {ids["resent"].name, S004.name}  # the old version is not a second row
    assert shown[ids["resent"].name].endswith("· 第2版") and "⧉" not in shown[ids["resent"].name]
    assert not queue.table.isColumnHidden(FILE)
    assert "共 2 份报告" in queue.count_label.text() and queue.show_versions.text() == "显示旧版本（1）"
    tip = queue.model.index(queue.visible_report_ids().index(ids["new"]), AGENCY).data(3)  # ToolTipRole
    assert "共 2 个版本" in tip
    queue.show_versions.setChecked(True)
    shown = _shown(queue)
    assert shown[S002.name].endswith("第1版（旧）") and len(shown) == 3


def test_versions_and_their_differences_from_the_queue_menu(resubmitted):
    _window, binding, ids = resubmitted
    menu = binding.queue_actions.menu_for(ids["new"])
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert actions["版本与差异…"].isEnabled() and not actions["恢复到工作区…"].isEnabled()
    assert not binding.queue_actions.menu_for(ids["other"]).actions()[1].isEnabled()  # one version only
    actions["版本与差异…"].trigger()
    dialog = binding.queue_actions.last_dialog
    assert list(dialog.versions["report"]) == [ids["old"], ids["new"]]
    assert dialog.diff.empty  # the copy changed only the text


def test_remove_and_restore_from_the_menus_are_confirmed_with_a_reason_and_audited(qtbot, resubmitted):
    window, binding, ids = resubmitted
    binding.open_report(ids["new"])
    queue = binding.queue

    def answer(text: str) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog) and "理由" in dialog.labelText()
        dialog.setTextValue(text)
        dialog.accept()

    QTimer.singleShot(0, lambda: answer("误导入的文件"))
    window.workspace_binding.remove_action.trigger()  # the report shown: asked, then removed
    assert ids["new"] not in queue.visible_report_ids()
    assert ids["new"] not in binding.sessions  # its open copy closed
    assert ids["old"] in queue.visible_report_ids()  # the earlier version is current again
    [entry] = [e for e in binding.workspace.audit_log(ids["new"]) if e.kind == "remove"]
    assert (entry.reviewer, entry.reason) == ("李四", "误导入的文件")

    queue.show_removed.setChecked(True)
    assert _shown(queue)[ids["resent"].name].endswith("（已移除）")
    menu = binding.queue_actions.menu_for(ids["new"])
    restore = next(a for a in menu.actions() if a.text() == "恢复到工作区…")
    assert restore.isEnabled()
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # cancelled: nothing happens
    restore.trigger()
    assert binding.workspace.office.removed_reports()
    assert binding.queue_actions.restore(ids["new"], "确是重新报送的版本")
    assert not binding.workspace.office.removed_reports()
    assert [e.kind for e in binding.workspace.audit_log(ids["new"])][-1] == "restore"


def test_mark_a_report_as_the_new_version_of_another(qtbot, tmp_path):
    """A copy under another name that the roster does not link: the reviewer links it from the queue."""
    window = review_window(qtbot, tmp_path / "settings.ini", headless=True, activate=True)
    window.set_reviewer("李四")
    renamed = tmp_path / "神池县_更名.txt"
    text = S002.read_text(encoding="utf-8")
    renamed.write_text(text.replace("神池县教育科技局", "神池县教育科学技术局"), encoding="utf-8")
    with Workspace(tmp_path / "w.sqlite") as ws:
        old, _ = ws.import_file(S002)
        new, _ = ws.import_file(renamed)
        binding = WorkspaceBinding(window, ws)
        window.workspace_binding = binding
        actions = binding.queue_actions
        assert actions.mark_new_version(new, old, "机关更名后重新报送") is False  # not one agency: refused, said
        assert "同一机关同一年度" in window.statusBar().currentMessage()
        ws.office.set_roster([], "李四")
        from review.office.roster import RosterEntry

        ws.office.set_roster([RosterEntry("神池县教育科技局", ["神池县教育科学技术局"], "神池县")], "李四")
        assert actions.mark_new_version(new, old, "机关更名后重新报送")
        assert binding.queue.visible_report_ids() == [new]
        assert [e.kind for e in ws.audit_log(old)][-1] == "replaced"


def test_each_version_compared_with_the_one_before(resubmitted, tmp_path):
    from parser.model import Correction

    _window, binding, ids = resubmitted
    ws = binding.workspace
    third = tmp_path / "神池县_第三版.txt"
    third.write_text(S002.read_text(encoding="utf-8") + "\n（第三次报送）\n", encoding="utf-8")
    latest, _ = ws.import_file(third)
    key = "requests/new_received/total"
    for rid, value in ((ids["new"], 7), (latest, 9)):  # the values each version stands for
        ws.record_correction(rid, Correction(key, ws.load(rid).report.value(key), value, "机关更正", "李四"))
    binding.queue.refresh()
    assert binding.queue.model.versions[latest] == (3, 3)
    dialog = binding.queue_actions.show_versions(latest)
    assert list(dialog.versions["report"]) == [ids["old"], ids["new"], latest]
    assert list(dialog.diff["key"]) == [key] and (dialog.diff.iloc[0]["old"], dialog.diff.iloc[0]["new"]) == (7, 9)
    assert "第 2 版" in dialog.diff_title.text() and "第 3 版" in dialog.diff_title.text()
    dialog.versions_view.selectRow(1)
    assert (dialog.diff.iloc[0]["new"]) == 7 and "第 1 版" in dialog.diff_title.text()
    dialog.versions_view.selectRow(0)
    assert dialog.diff.empty and "最早" in dialog.diff_title.text()


def test_restore_from_the_workspace_menu_chooses_among_the_removed(qtbot, resubmitted):
    window, binding, ids = resubmitted
    assert binding.queue_actions.remove(ids["other"], "误导入")
    answered = []

    def answer() -> None:  # the list of removed reports, then the reason
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            if dialog.comboBoxItems():
                answered.append(dialog.comboBoxItems())
            else:
                dialog.setTextValue("其实是本机关的报告")
            dialog.accept()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    binding.restore_action.trigger()
    timer.stop()
    assert len(answered) == 1 and answered[0][0].startswith(f"报告 {ids['other']}：")
    assert ids["other"] in binding.queue.visible_report_ids()
    [entry] = [e for e in binding.workspace.audit_log(ids["other"]) if e.kind == "restore"]
    assert (entry.reviewer, entry.reason) == ("李四", "其实是本机关的报告")
    binding.restore_action.trigger()  # nothing left to restore: said so, no dialog
    assert "没有已移出的报告" in window.statusBar().currentMessage()
