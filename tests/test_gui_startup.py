"""`python main.py`: the default workspace; the bundled samples the first time, the last report after."""
from conftest import SAMPLE_FILES

from gui.app import arguments, open_window
from review.workspace import Workspace, default_path


def _open(qtbot, argv, reports, stored):
    """Open the window as main.py does; wait until it shows `reports` and the workspace holds `stored`."""
    window = open_window(arguments(argv))
    qtbot.addWidget(window)
    binding = window.workspace_binding
    qtbot.waitUntil(lambda: len(window.sessions()) == reports and len(binding.workspace) == stored, timeout=20_000)
    window.close()
    binding.close()
    return window


def test_first_start_shows_the_samples_as_a_demo_never_in_the_workspace(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert not default_path().exists()
    window = _open(qtbot, [], 5, 0)  # the bundled samples are shown, the reviewer's workspace stays empty
    assert all(s.demo for s in window.sessions())
    assert window.report_list.item(0).text().startswith("【样例】")
    assert "演示样例" in window.signed_banner.text() and "演示样例" in window.windowTitle()
    _open(qtbot, [], 5, 0)  # and never imported later either
    with Workspace(default_path()) as ws:
        assert len(ws) == 0
    # the reviewer's own report goes into the workspace; then it is what a start shows
    _open(qtbot, [str(SAMPLE_FILES[1])], 1, 1)
    window = _open(qtbot, [], 1, 1)
    assert not window.sessions()[0].demo and not window.signed_banner.isVisible()


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
