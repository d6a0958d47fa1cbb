"""Renders the README's batch-queue screenshot offscreen (nothing of the user's is read or changed):
queue-versions.png — sample 002 sent again (its second version current, the first shown on request) and a
removed report, both toggles on.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_queue_versions.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui.app import application  # noqa: E402
from gui.batch_queue import BatchQueue  # noqa: E402
from review.workspace import Workspace  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"


def main() -> None:
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(SAMPLES.glob("*.txt"))
        resent = Path(tmp) / "神池县教科局_更正后重新报送.txt"
        resent.write_text(files[2].read_text(encoding="utf-8") + "\n（更正后重新报送）\n", encoding="utf-8")
        with Workspace(Path(tmp) / "w.sqlite") as ws:
            ids = {p.name: ws.import_file(p)[0] for p in [*files, resent]}  # the copy: linked as version 2
            ws.office.remove_report(ids[files[1].name], "李四", "误导入")
            queue = BatchQueue(ws)
            queue.resize(760, 330)
            queue.show()
            queue.show_versions.setChecked(True)
            queue.show_removed.setChecked(True)
            queue.select_report(ids[resent.name])
            app.processEvents()
            queue.grab().save(str(ROOT / "docs" / "screenshots" / "queue-versions.png"))
            queue.close()


if __name__ == "__main__":
    main()
