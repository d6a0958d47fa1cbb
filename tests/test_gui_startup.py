"""`python main.py`: the default workspace; the bundled samples the first time, the last report after."""
from conftest import SAMPLE_FILES
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gui.app import run
from gui.main_window import MainWindow
from review.workspace import Workspace, default_path


def _start_and_quit(argv):
    def quit_soon():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow):
                w.close()
        QApplication.instance().quit()

    QTimer.singleShot(1500, quit_soon)
    assert run(argv) == 0


def test_first_start_reviews_the_samples_in_the_default_workspace(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert not default_path().exists()
    _start_and_quit([])
    with Workspace(default_path()) as ws:
        assert len(ws) == 5, "the bundled samples were imported, so their review is kept"
    _start_and_quit([])
    with Workspace(default_path()) as ws:
        assert len(ws) == 5, "a later start reopens the workspace without importing again"


def test_a_given_workspace_is_used(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    w = tmp_path / "mine.sqlite"
    _start_and_quit(["--workspace", str(w), str(SAMPLE_FILES[2])])
    with Workspace(w) as ws:
        assert len(ws) == 1
    assert not default_path().exists()
