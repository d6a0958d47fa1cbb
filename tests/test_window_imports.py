"""Opening the review window on a workspace loads no library of the year's windows (pandas, matplotlib,
python-docx): they load when the year, its overview, versions or a memo are opened (issue 15: the window
opens on 10,000 reports in a second, bench/bench_province.py --only window)."""
import os
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLE_FILES

from review.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import sys
from PySide6.QtWidgets import QApplication
from gui.app import application, arguments, open_window
app = application()
window = open_window(arguments(["--workspace", sys.argv[1]]))
window.setProperty("headless", True)
for _ in range(5):
    app.processEvents()
assert window.workspace_binding is not None and window.sessions(), "the last report is not shown"
print(sorted(m for m in ("pandas", "matplotlib", "docx", "numpy", "openpyxl") if m in sys.modules))
window.workspace_binding.close()
"""


def test_the_window_opens_a_workspace_without_the_year_libraries(tmp_path):
    workspace = tmp_path / "ws.sqlite"
    with Workspace(workspace) as ws:
        ws.import_paths(SAMPLE_FILES[:2])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", PROBE, str(workspace)], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
