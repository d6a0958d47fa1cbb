"""Run as a script (tests/test_import_dialog_stress.py): several small imports in a row through the import
dialog while the GUI thread keeps dropping Qt objects in garbage cycles (as windows, models and closures
do). A cycle that the import thread's allocations happen to collect destroys its Qt objects off their
thread, and the process dies natively; it prints "ok …" when every import finished.

    python tests/import_stress.py IMPORTS FILES_PER_IMPORT
"""
import gc
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(imports: int, per_import: int) -> None:
    from bench_import import make_reports
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from gui.import_dialog import ImportDialog
    from review.workspace import Workspace

    app = QApplication([])
    gc.set_threshold(100, 2, 2)  # collections often (whichever thread allocates) …
    sys.setswitchinterval(1e-4)  # … and the two threads interleaved finely, to meet the race sooner
    dropped = [0]

    def litter() -> None:
        for _ in range(5):
            cycle: list = [QWidget(), QTimer()]
            cycle.append(cycle)
            dropped[0] += 1

    beat = QTimer(interval=1)
    beat.timeout.connect(litter)
    beat.start()
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "w.sqlite") as ws:
        results = []
        for i in range(imports):
            folder = Path(tmp) / f"reports{i}"
            for p in make_reports(folder, per_import):  # other bytes each time: every import parses
                p.write_text(p.read_text(encoding="utf-8") + f"\n（第 {i} 批）\n", encoding="utf-8")
            dialog = ImportDialog(ws, [str(folder)])
            loop = QEventLoop()
            dialog.importFinished.connect(results.append)
            dialog.importFinished.connect(loop.quit)
            dialog.start()
            loop.exec()
            dialog.close()
        beat.stop()
        added = sum(len(r.added) for r in results)
        print(f"ok {len(results)} imports, {added} reports, {len(ws)} in the workspace, {dropped[0]} cycles dropped")
    app.quit()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
