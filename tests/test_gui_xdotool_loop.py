"""Real keys into the real window (issue 14): F8 from the text pane then Enter accepts the suggestion, and
Ctrl+V pastes a labelled, space-separated row, sent by xdotool through Xvfb, the X server's focus and
Qt's shortcut map. The window runs in a child process (xcb) and reports on its stdout."""

from __future__ import annotations

import time

from xserver import needs_x, window_on_xvfb

pytestmark = needs_x

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


def test_f8_enter_and_paste_through_the_x_server(tmp_path):
    with window_on_xvfb(CHILD, tmp_path) as window:
        time.sleep(1.0)  # let the window map before it is given the focus
        win = window.xdotool("search", "--sync", "--name", "年报审核台", timeout=20).split()[0]
        window.focus(win)
        window.read_line("READY")
        time.sleep(0.3)
        window.key("F8")
        assert window.read_line("F8") == "QTreeView requests.results_total"
        window.key("Return")
        assert window.read_line("ACCEPTED") == "采纳建议"
        time.sleep(0.3)
        window.key("ctrl+v")
        assert window.read_line("PASTED") == "已粘贴 1 行 7 格（“（一）予以公开”），其中 2 格有改动"
