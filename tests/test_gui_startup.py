"""`python main.py`: the default workspace; the bundled samples the first time, the last report after."""
from conftest import SAMPLE_FILES

from gui.app import arguments, open_window
from gui.commands import CorrectCells
from review.workspace import Workspace, default_path


def _open(qtbot, argv, reports, stored, close=True):
    """Open the window as main.py does; wait until it shows `reports` and the workspace holds `stored`."""
    window = open_window(arguments(argv))
    window.setProperty("headless", True)
    qtbot.addWidget(window)
    binding = window.workspace_binding
    qtbot.waitUntil(lambda: len(window.sessions()) == reports and len(binding.workspace) == stored, timeout=20_000)
    if close:
        window.close()
        binding.close()
    return window


def test_first_start_shows_the_samples_in_a_demo_workspace_never_in_the_real_one(qtbot, tmp_path, monkeypatch):
    """Issue 14.3: the first start opens the demo workspace (a file of its own, labelled in the title, the
    banner and the queue's title); what is done there is kept there; it can be reset; files opened from it
    go to the reviewer's workspace, which the samples never enter."""
    from gui.demo import demo_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert not default_path().exists()
    window = _open(qtbot, [], 1, 5, close=False)  # the demo workspace holds the five samples
    binding = window.workspace_binding
    assert binding.demo and binding.workspace.path == demo_path()
    assert "样例工作区" in window.windowTitle() and "样例工作区" in window.signed_banner.text()
    assert window.report_dock.windowTitle() == "样例工作区" and not window.report_list.isVisible()
    session = window.session
    key = next(k for k, c in session.report.cells.items() if c.value == 0)
    window.set_reviewer("张三")
    assert session.push(CorrectCells(session, {key: 9}, "试一试", "试一试"))
    window.close()
    binding.close()
    with Workspace(default_path()) as ws:
        assert len(ws) == 0  # the samples never entered it
    with Workspace(demo_path()) as demo:
        assert any(e.kind == "correction" for rid in demo.report_ids() for e in demo.audit_log(rid))  # kept

    window = _open(qtbot, ["--demo"], 1, 5, close=False)
    binding = window.workspace_binding
    assert binding.demo_actions.reset()  # headless: no confirmation
    ws = binding.workspace
    assert binding.demo and len(ws) == 5 and "样例工作区" in window.windowTitle()
    assert not any(e.kind == "correction" for rid in ws.report_ids() for e in ws.audit_log(rid))
    # the reviewer's own report opened from the demo: the window turns to the reviewer's workspace
    assert window.open_paths([str(SAMPLE_FILES[1])]) == []
    qtbot.waitUntil(lambda: len(binding.workspace) == 1, timeout=20_000)
    assert not binding.demo and binding.workspace.path == default_path()
    assert window.report_dock.windowTitle() == "工作区" and "样例" not in window.windowTitle()
    window.close()
    binding.close()

    window = _open(qtbot, [], 1, 1)  # then it is what a start shows
    assert not window.sessions()[0].demo and not window.signed_banner.isVisible()
    assert not window.workspace_binding.demo


def test_samples_an_older_version_imported_are_offered_for_removal(qtbot, tmp_path, monkeypatch):
    """Issue 14.3: the real workspace of an older install holds the samples: recognised by their SHA-256,
    offered for removal (never removed without the reviewer), removed through the audited soft delete."""
    from gui.demo import SAMPLE_REMOVAL_REASON, remove_samples, stray_samples

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    own = tmp_path / "own.txt"
    own.write_bytes(SAMPLE_FILES[1].read_bytes() + "\n（本机关报送）\n".encode())
    with Workspace(default_path()) as ws:
        for p in [*SAMPLE_FILES, own]:
            ws.import_file(p)
    window = _open(qtbot, [], 1, 6, close=False)
    qtbot.waitUntil(lambda: "样例报告" in window.statusBar().currentMessage())
    ws = window.workspace_binding.workspace
    assert not window.workspace_binding.demo and len(ws.queue()) == 6  # asked, not removed
    found = stray_samples(ws)
    assert len(found) == len(SAMPLE_FILES)
    assert remove_samples(ws, found, "张三") == len(SAMPLE_FILES)
    assert [r.file_name for r in ws.queue()] == ["own.txt"] and stray_samples(ws) == []
    log = ws.audit_log(found[0])
    assert log[-1].kind == "remove" and log[-1].reason == SAMPLE_REMOVAL_REASON
    ws.office.restore_report(found[0], "张三", "恢复")  # restorable
    assert len(ws.queue()) == 2
    window.close()
    window.workspace_binding.close()


def test_a_given_workspace_is_used(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    w = tmp_path / "mine.sqlite"
    _open(qtbot, ["--workspace", str(w), str(SAMPLE_FILES[2])], 1, 1)
    with Workspace(w) as ws:
        assert len(ws) == 1
    assert not default_path().exists()


def test_a_signed_report_is_read_only_until_reopened(qtbot, tmp_path, monkeypatch):
    from review.state import PASSED, SignOff

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    window = open_window(arguments(["--workspace", str(tmp_path / "w.sqlite"), str(SAMPLE_FILES[0])]))
    qtbot.addWidget(window)
    window.set_reviewer("张三")  # else the first edit asks for the name
    qtbot.waitUntil(lambda: len(window.workspace_binding.workspace) == 1, timeout=20_000)
    session = window.sessions()[0]
    session.reviewed.signoff = SignOff(PASSED, "张三")
    model = window.tables.views["requests"].report_model
    index = model.index_of("requests/new_received/natural_person")
    assert not (model.flags(index) & model.flags(index).ItemIsEditable)
    assert not model.setData(index, "5")
    assert session.report.value("requests/new_received/natural_person") == 0
    assert "只读" in window.statusBar().currentMessage()
    session.reviewed.signoff = None  # reopened
    assert model.setData(index, "5") and session.report.value("requests/new_received/natural_person") == 5
    window.workspace_binding.close()
