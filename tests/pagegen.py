"""A PDF of a report's table values drawn as ruled grids, and the report with every cell's page and box.

For the page-view tests: the report is a real parse of a text sample, its cells given the boxes where
this PDF prints their values (table two and three on page 1, table four on page 2), as a page-based
reader would give them.
"""

from __future__ import annotations

import io

from parser.model import Report

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
CELL_W, CELL_H = 52.0, 18.0
LEFT, TOP = 60.0, 60.0


def boxed_pdf(report: Report) -> bytes:
    """Draw the report's number cells in a grid per table; set each cell's page and box to where it is."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    version = report.version
    assert version is not None
    pages = {"active": 1, "requests": 1, "appeals": 2}
    y_of_page = {1: TOP, 2: TOP}
    for page in (1, 2):
        for table in ("active", "requests", "appeals"):
            if pages[table] != page:
                continue
            keys = [k for k in version.cell_keys() if k.startswith(table + "/")]
            per_row = 7 if table != "appeals" else 8
            top = y_of_page[page]
            for i, key in enumerate(keys):
                row, col = divmod(i, per_row)
                x0, y0 = LEFT + col * CELL_W, top + row * CELL_H
                c.rect(x0, PAGE_H - y0 - CELL_H, CELL_W, CELL_H)
                cell = report.cells[key]
                if cell.value is not None:
                    printed = cell.text if cell.text.isascii() and cell.text else str(cell.value)
                    c.drawCentredString(x0 + CELL_W / 2, PAGE_H - y0 - CELL_H + 5, printed)
                cell.page, cell.box = page, (x0 + 2, y0 + 2, x0 + CELL_W - 2, y0 + CELL_H - 2)
            y_of_page[page] = top + (len(keys) // per_row + 2) * CELL_H
        c.showPage()
    c.save()
    return buf.getvalue()


def review_window(qtbot, settings_path, *, headless=True, activate=False, reviewer=None):
    """The real review window, shown at an office laptop's size; headless: without message boxes;
    activate: waits until it is the active window (key tests); reviewer: the name already given."""
    from PySide6.QtCore import QSettings

    from gui.app import application
    from gui.main_window import MainWindow

    application()
    w = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat))
    w.setProperty("headless", headless)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    if activate:
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    if reviewer:
        w.set_reviewer(reviewer)
    return w
