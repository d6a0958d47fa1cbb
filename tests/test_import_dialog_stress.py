"""Several imports in a row through the import dialog, while the GUI thread drops Qt objects in garbage
cycles: no garbage of the GUI thread may be collected by the import thread (gui.collector), which
destroyed those objects off their thread and killed the program natively (the suite aborted once).
In a child process, so that a crash fails this test instead of ending the run."""
import subprocess
import sys

from conftest import ROOT


def test_imports_in_a_row_while_the_gui_thread_drops_qt_objects_in_cycles():
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "import_stress.py"), "6", "6"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"exit {r.returncode}: {r.stderr[-2000:]}"
    assert "ok 6 imports, 36 reports, 36 in the workspace" in r.stdout
