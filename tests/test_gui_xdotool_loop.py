"""Real keys into the real window (issue 14): F8 from the text pane then Enter accepts the suggestion, and
Ctrl+V pastes a labelled, space-separated row, sent by xdotool through Xvfb, the X server's focus and
Qt's shortcut map. The window runs in a child process (xcb) and reports on its stdout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                                reason="Xvfb and xdotool are installed by .ci/setup")

CHILD = r"""
import sys
sys.path[:0] = [sys.argv[1]]
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from gui.app import application
from gui.main_window import MainWindow

NOT_HELD = "requests/unable.not_held/natural_person"
GRANTED = "requests/granted/total"
app = application()
w = MainWindow(QSettings(sys.argv[2] + "/settings.ini", QSettings.Format.IniFormat))
w.setProperty("headless", True)
w.set_reviewer("X")
(session,) = w.open_paths([sys.argv[1] + "/resources/samples/002_4baf6e6a93faded0.txt"])
w.resize(1200, 700)
w.show()
cells = session.report.cells
seen = []

def say(*words):
    print(*words, flush=True)

def poll():
    focus = QApplication.focusWidget()
    if not seen and w.isActiveWindow():
        w.text_pane.text.setFocus()
        seen.append("ready")
        say("READY", int(w.winId()))
    elif seen == ["ready"] and focus is w.findings_pane.view:
        seen.append("f8")
        say("F8", type(focus).__name__, w.findings_pane.current().rule)
    elif seen == ["ready", "f8"] and cells[NOT_HELD].value == 0:
        seen.append("accepted")
        view = w.tables.views["requests"]
        w.tables.setCurrentWidget(view)
        view.setFocus()
        view.setCurrentIndex(view.report_model.index_of("requests/new_received/natural_person"))
        QGuiApplication.clipboard().setText("（一）予以公开 2 0 0 0 0 0 2")
        say("ACCEPTED", cells[NOT_HELD].history[-1].reason[:4])
    elif seen[-1:] == ["accepted"] and cells[GRANTED].value == 2:
        seen.append("pasted")
        say("PASTED", w.notice.text().split("；")[0])
        app.quit()

timer = QTimer(interval=50)
timer.timeout.connect(poll)
timer.start()
QTimer.singleShot(60000, app.quit)
app.exec()
"""


def read_line(proc: subprocess.Popen, prefix: str, timeout: float = 30) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return line.split(None, 1)[1].strip()
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"the window did not say {prefix}: {proc.stderr.read() if proc.poll() is not None else ''}")


def test_f8_enter_and_paste_through_the_x_server(tmp_path):
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    child = None
    try:
        with os.fdopen(read_fd) as f:
            display = ":" + f.readline().strip()
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        xdo = ["xdotool"]
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(tmp_path)], env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(1.0)  # let the window map before it is given the focus
        win = subprocess.run([*xdo, "search", "--sync", "--name", "年报审核台"], env=env, check=True,
                             capture_output=True, text=True, timeout=20).stdout.split()[0]
        subprocess.run([*xdo, "windowraise", win], env=env, check=True)
        subprocess.run([*xdo, "windowfocus", "--sync", win], env=env, check=True, timeout=10)
        read_line(child, "READY")
        time.sleep(0.3)
        subprocess.run([*xdo, "key", "F8"], env=env, check=True)
        assert read_line(child, "F8") == "QTreeView requests.results_total"
        subprocess.run([*xdo, "key", "Return"], env=env, check=True)
        assert read_line(child, "ACCEPTED") == "采纳建议"
        time.sleep(0.3)
        subprocess.run([*xdo, "key", "ctrl+v"], env=env, check=True)
        assert read_line(child, "PASTED") == "已粘贴 1 行 7 格（“（一）予以公开”），其中 2 格有改动"
        child.wait(timeout=10)
    finally:
        if child is not None and child.poll() is None:
            child.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)
