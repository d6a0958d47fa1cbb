"""Renders the README's review-loop screenshots offscreen at 1366×768 (nothing of the user's is read or changed):

- review-returned.png: a report returned to its agency — title, banner, disabled actions;
- review-paste.png: sample 001's table three after pasting its rows copied with their labels;
- review-help.png: F1, the workflow, keys, marks and rules.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_review_loop.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from gui.app import application  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.workspace_binding import WorkspaceBinding  # noqa: E402
from review.state import RETURNED, SignOff  # noqa: E402
from review.workspace import Workspace  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
OUT = Path(__file__).resolve().parent


def window(tmp: Path) -> MainWindow:
    w = MainWindow(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    w.setProperty("headless", True)
    w.resize(1366, 768)
    w.show()
    w.set_reviewer("李审核")
    return w


def settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> int:
    app = application()
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        # a returned report
        w = window(tmp)
        ws = Workspace(tmp / "w.sqlite")
        binding = WorkspaceBinding(w, ws)
        w.workspace_binding = binding
        rid, _ = ws.import_file(SAMPLES / "002_4baf6e6a93faded0.txt")
        binding.open_report(rid)
        signoff = ws.sign_off(rid, SignOff(RETURNED, "李审核", "表三“不掌握”一行与正文“未收到申请”矛盾，请核实后重报"))
        binding._signed(rid, signoff)
        w.tables.setCurrentWidget(w.tables.views["requests"])
        settle(app)
        w.grab().save(str(OUT / "review-returned.png"))
        binding.close()
        w.close()

        # paste feedback
        w = window(tmp / "p" if (tmp / "p").mkdir() is None else tmp)
        (session,) = w.open_paths([str(SAMPLES / "001_6b37e4e7d29244ee.txt")])
        view = w.tables.views["requests"]
        w.tables.setCurrentWidget(view)
        rows = [r for b in session.report.version.table("requests").blocks for r in b.rows]
        given = {"new_received": "5 1 0 0 0 0 6", "carried_over": "1 0 0 0 0 0 1", "granted": "3 1 0 0 0 0 4",
                 "partially_granted": "1 0 0 0 0 0 1", "unable.not_held": "1 0 0 0 0 0 1",
                 "total": "5 1 0 0 0 0 6", "carried_forward": "1 0 0 0 0 0 1"}
        QGuiApplication.clipboard().setText("\n".join(f"{r.label} {given.get(r.key, '0 0 0 0 0 0 0')}" for r in rows))
        view.setFocus()
        view.paste()
        settle(app)
        w.grab().save(str(OUT / "review-paste.png"))
        w.close()

        # F1
        w = window(tmp / "h" if (tmp / "h").mkdir() is None else tmp)
        w.open_paths([str(SAMPLES / "002_4baf6e6a93faded0.txt")])
        w.show_help()
        settle(app)
        dialog = w.help_dialog
        assert dialog is not None
        dialog.grab().save(str(OUT / "review-help.png"))
        w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
