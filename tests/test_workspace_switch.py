"""File → 打开工作区 / 新建工作区 in the same window: the current workspace closed cleanly (its place
remembered, its lock released, nothing lost), the other one's queue and last report shown, the title
naming it, and both in File → 最近的工作区."""
from __future__ import annotations

from conftest import SAMPLES
from pagegen import review_window

from gui.commands import CorrectCells
from gui.workspace_binding import WorkspaceBinding
from gui.workspace_switch import recent_menu, recent_workspaces, switch_workspace
from review.workspace import Workspace

S002 = SAMPLES / "002_4baf6e6a93faded0.txt"
S004 = SAMPLES / "004_22e9dc75990c25ed.txt"


def test_open_another_workspace_in_the_same_window_and_come_back(qtbot, tmp_path):
    window = review_window(qtbot, tmp_path / "settings.ini", reviewer="李四")
    first, second = tmp_path / "甲.sqlite", tmp_path / "乙.sqlite"
    ws = Workspace(first)
    rid, _ = ws.import_file(S002)
    ws.import_file(S004)
    binding = WorkspaceBinding(window, ws)
    window.workspace_binding = binding
    session = binding.open_report(rid)
    key = "requests/new_received/natural_person"
    session.push(CorrectCells(session, {key: 5}, "核对原件", "更正"))

    window.actions_by_id["year_status"].trigger()
    year = window.property("year_window")
    assert year.isVisible() and year.workspace is ws
    created = switch_workspace(window, str(second))  # new: created, this window bound to it
    assert not year.isVisible()  # the year's window of the old workspace closed with it
    assert created is not None and window.workspace_binding is binding and binding.workspace is created
    assert ws.closed and not binding.sessions and window.session is None
    assert binding.queue.visible_report_ids() == [] and "乙.sqlite" in window.windowTitle()
    created.import_file(S004)
    binding.queue.refresh()
    assert len(binding.queue.visible_report_ids()) == 1
    assert recent_workspaces(window)[:2] == [str(second.resolve()), str(first.resolve())]

    menu = recent_menu(window)
    back = next(a for a in menu.actions() if a.text() == "甲.sqlite")
    assert back.isEnabled() and not next(a for a in menu.actions() if a.text() == "乙.sqlite").isEnabled()
    back.trigger()  # the first workspace again: its lock was released, its last report shown, the edit kept
    assert created.closed and binding.workspace.path == first.resolve()
    assert binding.current_report_id() == rid and window.session.report.value(key) == 5
    assert "甲.sqlite" in window.windowTitle()


def test_the_same_or_an_unusable_workspace_leaves_the_current_one_open(qtbot, tmp_path):
    window = review_window(qtbot, tmp_path / "settings.ini")
    ws = Workspace(tmp_path / "w.sqlite")
    rid, _ = ws.import_file(S002)
    binding = WorkspaceBinding(window, ws)
    window.workspace_binding = binding
    binding.open_report(rid)
    assert switch_workspace(window, str(tmp_path / "w.sqlite")) is None
    assert "已在本窗口中打开" in window.statusBar().currentMessage()
    folder = tmp_path / "文件夹"
    folder.mkdir()
    assert switch_workspace(window, str(folder)) is None
    assert "文件夹" in window.statusBar().currentMessage()
    assert not ws.closed and binding.current_report_id() == rid  # still working where it was
    ws.close()


def test_a_window_without_a_workspace_gets_one(qtbot, tmp_path):
    window = review_window(qtbot, tmp_path / "settings.ini")
    assert getattr(window, "workspace_binding", None) is None
    ws = switch_workspace(window, str(tmp_path / "新.sqlite"))
    assert ws is not None and window.workspace_binding.workspace is ws
    assert "新.sqlite" in window.windowTitle()
    ws.close()
