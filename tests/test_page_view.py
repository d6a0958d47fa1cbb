"""pytest-qt tests of the page view: a finding outlines its cells' boxes, a click on a box selects its cell,
pages and zoom; text inputs keep the text pane alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from pagegen import boxed_pdf, review_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.page_view import OTHER_FILL, PRIMARY, cell_at_point
from parser.extract import load

S002 = SAMPLES / "002_4baf6e6a93faded0.txt"
TOTAL_NP = "requests/total/natural_person"
NOT_HELD_NP = "requests/unable.not_held/natural_person"


@pytest.fixture
def window(qtbot, tmp_path):
    return review_window(qtbot, tmp_path / "settings.ini")


def open_pdf(qtbot, window, tmp_path: Path, sample: Path = S002):
    """The sample's report, opened as if read from a PDF printing its tables (boxes on two pages)."""
    report = load(sample)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(boxed_pdf(report))
    session = window.add_report(report, str(pdf))
    view = window.page_view
    qtbot.waitUntil(lambda: view.page_count == 2, timeout=5000)
    qtbot.waitUntil(lambda: not view._pixmap.pixmap().isNull(), timeout=5000)
    return session


def test_pdf_input_shows_page_and_text_tabs_text_input_only_text(qtbot, window, tmp_path):
    window.open_paths([str(S002)])
    QApplication.processEvents()
    assert not window.source_pane.has_pages and not window.source_pane.tabBar().isVisible()
    assert window.source_pane.currentWidget() is window.text_pane
    open_pdf(qtbot, window, tmp_path)
    pane = window.source_pane
    assert pane.has_pages and pane.tabBar().isVisible()
    assert [pane.tabText(i) for i in range(pane.count())] == ["页面", "文字"]
    assert pane.currentWidget() is window.page_view
    assert window.page_view.page_label.text() == "第 1 / 2 页"
    assert window.page_view.box_items()
    window.open_paths([str(S002)])  # back to the text report: no page, no boxes left over
    QApplication.processEvents()
    assert not pane.has_pages and window.page_view.box_items() == {}


def test_a_finding_outlines_its_cells_boxes_on_their_page(qtbot, window, tmp_path):
    session = open_pdf(qtbot, window, tmp_path)
    (finding,) = [f for f in session.findings if f.rule == "requests.results_total" and f.cells[0] == TOTAL_NP]
    window.page_view.go_to(2)
    assert window.findings_pane.select(finding)
    view = window.page_view
    assert view.page == 1  # turned to the page of the finding's cells
    boxes = view.box_items()
    assert TOTAL_NP in finding.subjects
    subject = boxes[TOTAL_NP]
    assert all(boxes[k].pen().color() == PRIMARY and boxes[k].pen().widthF() > 2 for k in finding.subjects)
    others = [k for k in finding.cells if k not in finding.subjects]
    assert len(others) > 3  # the addends of the column
    assert all(boxes[k].brush().color() == OTHER_FILL for k in others)
    unrelated = boxes["requests/new_received/commercial"]
    assert unrelated.brush().style() == Qt.BrushStyle.NoBrush and unrelated.pen().color() != PRIMARY
    # the outlined box is scrolled into view
    rect = view.canvas.mapFromScene(subject.rect()).boundingRect()
    assert view.canvas.viewport().rect().intersects(rect)


def test_clicking_a_box_selects_its_cell_everywhere(qtbot, window, tmp_path):
    session = open_pdf(qtbot, window, tmp_path)
    view = window.page_view
    box = session.report.cells[NOT_HELD_NP].box
    assert cell_at_point(session.report, 1, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2) == NOT_HELD_NP
    view.canvas.ensureVisible(box[0], box[1], box[2] - box[0], box[3] - box[1])
    QApplication.processEvents()
    pos = view.canvas.mapFromScene((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    qtbot.mouseMove(view.canvas.viewport(), pos)
    qtbot.waitUntil(lambda: view.canvas.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor, timeout=2000)
    assert view.canvas.viewport().toolTip().startswith("表三（四）1.本机关不掌握相关政府信息·自然人\n读出：1")
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.tables.selected_keys() == [NOT_HELD_NP]
    assert session.report.cells[NOT_HELD_NP].span in window.text_pane.text.highlighted("reveal")
    assert view.box_items()[NOT_HELD_NP].pen().color() == PRIMARY
    current = window.findings_pane.current()
    assert current is not None and NOT_HELD_NP in current.cells
    # a click beside every box selects nothing new
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=view.canvas.mapFromScene(5, 5))
    assert window.tables.selected_keys() == [NOT_HELD_NP]


def test_page_keys_zoom_and_fit_width(qtbot, window, tmp_path):
    open_pdf(qtbot, window, tmp_path)
    view = window.page_view
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    assert view.page == 2 and view.page_label.text() == "第 2 / 2 页"
    assert set(view.box_items()) and all(k.startswith("appeals/") for k in view.box_items())
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)  # no page 3
    assert view.page == 2
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageUp)
    assert view.page == 1
    assert view.zoom == 1.0 and not view.fit  # readable at first: the source pane is narrow
    qtbot.keyClick(view.canvas, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert view.fit
    fit = view.zoom
    assert fit < 1.0
    page_px = view.canvas.mapFromScene(view.page_rect()).boundingRect().width()
    assert abs(page_px - (view.canvas.viewport().width() - 20)) <= 3  # fits the pane's width
    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > fit and not view.fit and view.zoom_label.text() == f"{round(view.zoom * 100)}%"
    # after the pause the page is rendered again, sharper
    qtbot.waitUntil(lambda: view._pixmap.pixmap().width() >= view.zoom * view.logicalDpiX() / 72 * 595 * 0.9,
                    timeout=5000)
    view.fit_width()
    assert view.fit and abs(view.zoom - fit) < 0.01


def test_a_broken_pdf_says_so_in_the_page_tab(qtbot, window, tmp_path):
    report = load(S002)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00" * 200)
    window.add_report(report, str(bad))
    qtbot.waitUntil(lambda: "无法显示页面" in window.page_view.message.text(), timeout=5000)
    assert window.page_view.page_count == 0
    window.reveal([TOTAL_NP])  # nothing to outline, no error
    assert window.tables.selected_keys() == [TOTAL_NP]


def test_an_image_input_shows_its_page_with_the_boxes_in_points(qtbot, window, tmp_path):
    from parser.pages import Pages

    report = load(S002)
    pdf = boxed_pdf(report)
    png = tmp_path / "scan.png"
    Pages(pdf).render(0, dpi=150).save(png, dpi=(150, 150))  # a scanner's page image, its resolution recorded
    window.add_report(report, str(png))
    view = window.page_view
    qtbot.waitUntil(lambda: view.page_count == 1 and not view._pixmap.pixmap().isNull(), timeout=5000)
    assert window.source_pane.has_pages
    assert abs(view.page_rect().width() - 595) < 1  # pixels × 72 / dpi: the PDF's points again
    window.reveal([NOT_HELD_NP])
    assert view.box_items()[NOT_HELD_NP].pen().color() == PRIMARY


def test_a_text_pdf_opened_from_disk_outlines_the_finding_where_it_is_printed(qtbot, window, tmp_path):
    import json

    import docgen
    import pdfplumber

    truth = json.loads((SAMPLES / "truth" / (S002.stem + ".json")).read_text(encoding="utf-8"))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(docgen.to_pdf(docgen.official_report(truth)))
    (session,) = window.open_paths([str(pdf)])
    view = window.page_view
    qtbot.waitUntil(lambda: view.page_count >= 2, timeout=10000)
    (finding,) = [f for f in session.findings if f.rule == "requests.results_total" and f.cells[0] == TOTAL_NP]
    assert window.findings_pane.select(finding)
    cell = session.report.cells[TOTAL_NP]
    assert view.page == cell.page and TOTAL_NP in view.box_items()
    with pdfplumber.open(pdf) as doc:  # the outlined box is where the PDF prints the cell's value
        printed = doc.pages[cell.page - 1].within_bbox(cell.box).extract_text()
    assert printed.strip() == cell.text.strip()


def _turned_scan(tmp_path: Path):
    """Sample 002 as an office scanner gives it with page 1 fed sideways (turned a quarter counter-clockwise)
    and page 2 upside down, and the report an OCR reads from it (no OCR run: boxes of boxed_pdf taken onto
    the pages as scanned, each page's turns recorded as the OCR finds them); also the pages upright."""
    import copy

    import numpy as np
    import scangen

    from parser.pages import Pages

    upright = load(S002)
    pages = Pages(boxed_pdf(upright))
    images = [pages.render(i, dpi=100) for i in range(pages.count)]
    pages.close()
    w, h = (v * 72 / 100 for v in images[0].size)  # the page's points, as its image at 100 dpi gives them
    turned = copy.deepcopy(upright)
    for cell in turned.cells.values():
        if cell.box:
            x0, y0, x1, y1 = cell.box
            cell.box = (y0, w - x1, y1, w - x0) if cell.page == 1 else (w - x1, h - y1, w - x0, h - y0)
    turned.page_turns = [3, 2]  # np.rot90 three times (one quarter clockwise) and twice make them upright
    scan = tmp_path / "turned.tif"
    scan.write_bytes(scangen.to_tiff([scangen.turned(images[0], 90), scangen.turned(images[1], 180)], dpi=100))
    straight = tmp_path / "upright.tif"
    straight.write_bytes(scangen.to_tiff(images, dpi=100))
    assert np.asarray(Image_open(scan, 0)).shape[:2] == (images[0].width, images[0].height)  # lying on its side
    return turned, upright, scan, straight


def Image_open(path: Path, frame: int):  # noqa: N802 - PIL's name
    from PIL import Image

    image = Image.open(path)
    image.seek(frame)
    return image.convert("RGB")


def _pixels(image) -> object:
    import numpy as np
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    return np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())[:, :3 * w].astype(int)


def test_a_page_scanned_sideways_is_shown_upright_from_the_workspace_and_its_boxes_select_their_cells(
        qtbot, window, tmp_path, monkeypatch):
    """Issue 10: page 1 fed sideways, page 2 upside down. Reopened from the workspace (its stored OCR result:
    no OCR again), each page is shown upright — the pixels of the page as printed — with every cell's box
    where its value is printed; a click on the box selects the cell; the verification snippet is upright."""
    import copy

    from gui.page_render import PageRenderer
    from gui.verification import snippet
    from gui.workspace_binding import WorkspaceBinding
    from parser import extract
    from review.workspace import Workspace

    turned, upright, scan, straight = _turned_scan(tmp_path)
    monkeypatch.setattr(extract, "parse_bytes", lambda data, name: copy.deepcopy(turned))  # the OCR's result
    ws = Workspace(tmp_path / "w.sqlite")
    rid, added = ws.import_file(scan)
    assert added
    monkeypatch.setattr(extract, "parse_bytes", lambda data, name: pytest.fail("OCR run again on reopening"))
    window.workspace_binding = WorkspaceBinding(window, ws)
    session = window.workspace_binding.open_report(rid)
    assert session.report.page_turns == [3, 2]
    view = window.page_view
    qtbot.waitUntil(lambda: view.page_count == 2 and not view._pixmap.pixmap().isNull(), timeout=5000)
    reference = PageRenderer()  # the same pages scanned upright
    reference.open(straight.read_bytes())
    reference.wait_opened()
    try:
        for page, key in ((1, NOT_HELD_NP), (2, "appeals/review/corrected")):
            view.go_to(page)
            qtbot.waitUntil(lambda: not view._pixmap.pixmap().isNull(), timeout=5000)
            rect = view.page_rect()
            assert abs(rect.width() - 595) < 1 and abs(rect.height() - 842) < 1, (page, rect)  # upright: tall
            shown = view._pixmap.pixmap().toImage()
            assert shown.height() > shown.width()
            dpi = round(shown.width() / rect.width() * 72)
            expected = _pixels(reference.render_now(page - 1, dpi))
            assert expected.shape == _pixels(shown).shape
            assert abs(expected - _pixels(shown)).mean() < 2, page  # the page as printed, not on its side
            box = upright.cells[key].box  # where the value is printed on the upright page
            item = view.box_items()[key].rect()
            assert abs(item.left() + 1 - box[0]) < 0.5 and abs(item.bottom() - 1 - box[3]) < 0.5, (item, box)
            view.canvas.ensureVisible(box[0], box[1], box[2] - box[0], box[3] - box[1])
            QApplication.processEvents()
            pos = view.canvas.mapFromScene((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
            assert window.tables.selected_keys() == [key]
            assert view.box_items()[key].pen().color() == PRIMARY
            # the enlarged snippet of the cell: the upright page around it
            cut = snippet(view.renderer, session.report.cells[key])
            assert cut is not None and cut.width() > cut.height()  # a row's neighbours left and right
            wanted = snippet(reference, upright.cells[key])
            assert abs(_pixels(wanted) - _pixels(cut)).mean() < 2
    finally:
        reference.close()
        ws.close()


def test_a_stored_report_keeps_its_pages_turns_and_an_older_one_has_its_pages_upright():
    import json

    from review.workspace import report_from_json, report_to_json

    report = load(S002)
    report.page_turns = [1, 0, 3]
    parsed = report_to_json(report)
    again = report_from_json(parsed, report.text)
    assert again.page_turns == [1, 0, 3] and [again.turns(p) for p in (1, 2, 3, 4)] == [1, 0, 3, 0]
    older = json.loads(parsed)
    del older["page_turns"]  # a workspace written before pages were turned
    assert report_from_json(json.dumps(older), report.text).turns(1) == 0


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_a_box_turned_upright_holds_the_same_print_as_on_the_page_as_scanned(turns):
    """No Qt: the pixels inside a box of the page as scanned are those inside the box Upright gives on the
    image Upright turns (np.rot90 as the OCR turns it)."""
    import numpy as np
    from PIL import Image

    from parser.pages import PageSize, Upright

    rng = np.random.default_rng(turns)
    scanned = rng.integers(0, 255, (300, 200), dtype=np.uint8)  # 200 × 300 points at 72 dpi
    turn = Upright(turns, PageSize(200, 300))
    shown = np.asarray(turn.image(Image.fromarray(scanned)))
    assert np.array_equal(shown, np.rot90(scanned, turns))
    assert (turn.size.width, turn.size.height) == (shown.shape[1], shown.shape[0])
    x0, y0, x1, y1 = (round(v) for v in turn.box((30, 50, 90, 70)))
    assert np.array_equal(shown[y0:y1, x0:x1], np.rot90(scanned[50:70, 30:90], turns))
