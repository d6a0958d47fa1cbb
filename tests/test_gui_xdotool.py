"""Real keys into the real window: the verification loop's F4 and Enter sent by xdotool under Xvfb.

pytest-qt delivers key events to a widget directly; this test goes through the X server, the window
system's focus and Qt's shortcut map, as a reviewer's keyboard does. The window runs in a child
process (the xcb platform, not offscreen) and reports what happened on its stdout.
"""

from __future__ import annotations

import time

from xserver import needs_x, window_on_xvfb

pytestmark = needs_x

CHILD = r"""
import sys
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests"]
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from gui.app import application
from gui.main_window import MainWindow
from pagegen import boxed_pdf
from parser.extract import load
from parser.model import UNCERTAIN

KEY = "requests/new_received/commercial"
app = application()
w = MainWindow(QSettings(sys.argv[2] + "/settings.ini", QSettings.Format.IniFormat))
w.setProperty("headless", True)
report = load(Path(sys.argv[1]) / "resources/samples/002_4baf6e6a93faded0.txt")
pdf = Path(sys.argv[2]) / "scan.pdf"
pdf.write_bytes(boxed_pdf(report))
report.cells[KEY].status = report.cells[KEY].parsed_status = UNCERTAIN
w.add_report(report, str(pdf))
w.resize(1200, 700)
w.show()
seen = []

def poll():
    if not seen and w.isVisible():
        seen.append("ready")
        print("READY", int(w.winId()), flush=True)
    if w.verification.active and "verify" not in seen:
        seen.append("verify")
        print("VERIFY", w.verification.key, flush=True)
    if report.cells[KEY].status != UNCERTAIN and "done" not in seen:
        seen.append("done")
        print("DONE", report.cells[KEY].status, report.cells[KEY].history[-1].reason, flush=True)
        app.quit()

timer = QTimer(interval=50)
timer.timeout.connect(poll)
timer.start()
QTimer.singleShot(60000, app.quit)
app.exec()
"""


def test_f4_then_enter_confirms_an_uncertain_cell_in_the_real_window(tmp_path):
    with window_on_xvfb(CHILD, tmp_path) as window:
        win = window.read_line("READY")
        time.sleep(0.5)  # let the window map before it is given the focus
        window.focus(win)
        window.key("F4")
        assert window.read_line("VERIFY") == "requests/new_received/commercial"
        window.key("Return")
        assert window.read_line("DONE") == "extracted 核对原件：确认无误"
