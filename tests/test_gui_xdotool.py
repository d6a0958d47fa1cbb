"""Real keys into the real window: the verification loop's F4 and Enter sent by xdotool under Xvfb.

pytest-qt delivers key events to a widget directly; this test goes through the X server, the window
system's focus and Qt's shortcut map, as a reviewer's keyboard does. The window runs in a child
process (the xcb platform, not offscreen) and reports what happened on its stdout.
"""

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


def read_line(proc: subprocess.Popen, prefix: str, timeout: float = 30) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return line.split(None, 1)[1].strip()
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"the window did not say {prefix}: {proc.stderr.read() if proc.poll() is not None else ''}")


def test_f4_then_enter_confirms_an_uncertain_cell_in_the_real_window(tmp_path):
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    child = None
    try:
        with os.fdopen(read_fd) as f:
            display = ":" + f.readline().strip()
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(tmp_path)], env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        win = read_line(child, "READY")
        time.sleep(0.5)  # let the window map before it is given the focus
        xdo = ["xdotool"]
        subprocess.run([*xdo, "windowraise", win], env=env, check=True)
        subprocess.run([*xdo, "windowfocus", "--sync", win], env=env, check=True, timeout=10)
        subprocess.run([*xdo, "key", "F4"], env=env, check=True)
        assert read_line(child, "VERIFY") == "requests/new_received/commercial"
        subprocess.run([*xdo, "key", "Return"], env=env, check=True)
        assert read_line(child, "DONE") == "extracted 核对原件：确认无误"
        child.wait(timeout=10)
    finally:
        if child is not None and child.poll() is None:
            child.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)
