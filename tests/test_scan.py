"""Scans read by OCR to exact cells: one entry (parse_bytes) for every input kind, page geometry on the
cells, and never a wrong number given as certain. Few OCR'd pages here (each costs seconds);
bench/bench_ocr.py reads many."""
from __future__ import annotations

import json

import numpy as np
import pytest
import scangen
from conftest import ROOT, SAMPLE_FILES, SAMPLES
from PIL import Image, ImageDraw, ImageFont

from parser.extract import parse_bytes, parse_text
from parser.layout import Run, place
from parser.reader import ReadError


def test_runs_give_cells_their_page_box_and_confidence():
    text = SAMPLE_FILES[2].read_text(encoding="utf-8")
    report = parse_text(text)
    cell = report.cells["requests/unable.not_held/natural_person"]
    assert cell.span is not None and cell.page is None
    a, b = cell.span
    place(report, [Run(0, a, 1, (0, 0, 10, 10), 0.99), Run(a - 1, b + 1, 2, (10.0, 20.0, 30.0, 40.0), 0.61)])
    assert (cell.page, cell.box, cell.confidence) == (2, (10.0, 20.0, 30.0, 40.0), 0.61)
    assert cell.to_dict()["page"] == 2 and cell.to_dict()["confidence"] == 0.61
    outside = [c for c in report.cells.values() if c.span and c.span[0] > b + 1]
    assert outside and all(c.page is None for c in outside)


@pytest.mark.parametrize("path", SAMPLE_FILES[:2], ids=lambda p: p.stem[:3])
def test_parse_bytes_reads_text_as_parse_text_does(path):
    data = path.read_bytes()
    a = parse_bytes(data, path.name, str(path))
    b = parse_text(data.decode("utf-8"), str(path))
    assert a.to_dict() == b.to_dict() and a.source == str(path)


def _exact(report, truth: dict) -> None:
    right, wrong_certain = scangen.score(report, truth)
    assert wrong_certain == []
    assert right >= 0.97 * len(truth["values"]), f"{right} of {len(truth['values'])} cells right"
    assert (report.agency, report.year, report.template) == (truth["agency"], truth["year"], truth["template"])
    read = [c for c in report.cells.values() if c.value is not None]
    assert read and all(c.page in (1, 2, 3) and c.box and c.box[0] < c.box[2] for c in read)
    assert all(type(x) is float for c in read for x in c.box)  # JSON-ready, not numpy
    assert all(0 <= c.confidence <= 1 for c in read)


def test_office_scan_of_a_2019_sample_as_tiff_is_read_to_exact_cells():
    """Sample 004 (2019 format), blurred, skewed, speckled and JPEG-compressed, as a 3-page TIFF."""
    stem = SAMPLE_FILES[4].stem
    truth = json.loads((SAMPLES / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
    pages = scangen.damaged(scangen.report_pages(truth), "office", seed=4)
    _exact(parse_bytes(scangen.to_tiff(pages), f"{stem}.tif"), truth)


def test_stamped_scan_of_a_busy_report_as_pdf_is_read_to_exact_cells():
    """A 2021-format report full of numbers (thousands, decimals), a red seal over table three, image-only PDF."""
    truth = json.loads((ROOT / "tests/data/holdout2/p20_pdf_thousands_separators.json").read_text(encoding="utf-8"))
    pages = scangen.report_pages(truth)
    pages[1] = scangen.stamp(pages[1], None, centre=(900, 1450))  # over the numbers of 不予处理
    _exact(parse_bytes(scangen.to_pdf(pages), "stamped.pdf"), truth)


def test_scan_without_tables_says_so_in_one_chinese_line():
    page = Image.new("RGB", (1654, 1200), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(scangen.FONT, 40)
    draw.text((150, 200), "某县2023年政府信息公开工作年度报告", fill="black", font=font)
    draw.text((150, 320), "一、总体情况", fill="black", font=font)
    draw.text((150, 420), "本年度依法做好政府信息公开工作。", fill="black", font=font)
    with pytest.raises(ReadError) as info:
        parse_bytes(scangen.to_png(page), "title-only.png")
    assert "未找到统计表" in str(info.value) and "\n" not in str(info.value)


def test_an_imported_scan_reopens_with_its_reading_and_is_never_read_again(tmp_path, monkeypatch):
    """The workspace stores what OCR read (values, uncertain status, page, box, confidence): reopening it
    parses nothing. The OCR itself is replaced by a known reading here; the tests above run the real one."""
    import parser.ocr
    from parser.layout import PageText
    from review.workspace import Workspace

    text = SAMPLE_FILES[2].read_text(encoding="utf-8")
    key = "requests/unable.not_held/natural_person"
    a, b = parse_text(text).cells[key].span
    runs = [Run(a, b, 2, (150.5, 300.25, 180.0, 312.0), 0.42)]
    monkeypatch.setattr(parser.ocr, "read_scan", lambda data, name: PageText(text, runs, ocr=True))
    scan = tmp_path / "scan.png"
    scan.write_bytes(scangen.to_png(Image.new("RGB", (20, 20), "white")))
    with Workspace(tmp_path / "ws.sqlite") as ws:
        rid, added = ws.import_file(scan)
        assert added

    def never(data, name):
        raise AssertionError("OCR ran again on reopening")

    monkeypatch.setattr(parser.ocr, "read_scan", never)
    with Workspace(tmp_path / "ws.sqlite") as ws:
        cell = ws.load(rid).report.cells[key]
    assert (cell.value, cell.status, cell.page, cell.box, cell.confidence) == (1, "uncertain", 2,
                                                                               (150.5, 300.25, 180.0, 312.0), 0.42)


def _ocr_report(values: dict, template: str = "2021", score: float = 0.95):
    from parser.model import Report

    report = Report.from_values(values, template)
    for cell in report.cells.values():
        cell.page, cell.box = 1, (0.0, 0.0, 10.0, 10.0)
        cell.confidence = score if cell.value is not None else None
    return report


def test_equations_confirm_low_scores_and_contradictions_stay_uncertain():
    from parser.ocr.certainty import settle

    row = {f"requests/granted/{c}": v for c, v in zip(
        ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"),
        (3, 1, 0, 0, 0, 0, 4), strict=True)}
    report = _ocr_report(row)
    report.cells["requests/granted/commercial"].confidence = 0.4  # low, but the row total confirms it
    settle(report)
    assert report.cells["requests/granted/commercial"].status == "extracted"
    wrong = dict(row, **{"requests/granted/total": 5})  # the row no longer adds up: every cell of it doubtful
    report = _ocr_report(wrong)
    settle(report)
    assert {report.cells[k].status for k in row} == {"uncertain"}


def test_a_cell_read_empty_beside_numbers_is_uncertain_not_blank():
    from parser.model import BLANK
    from parser.ocr.certainty import settle

    report = _ocr_report({"requests/granted/natural_person": 3, "requests/granted/total": 4})
    blank = report.cells["requests/granted/commercial"]
    blank.status = blank.parsed_status = BLANK  # a faint 1 the reading missed looks like this:
    blank.box = blank.confidence = None  # an empty field of the text, so no box either
    settle(report)
    assert blank.status == "uncertain" and blank.value is None


def test_a_number_read_from_a_line_outside_the_ruled_tables_is_not_certain_by_its_score():
    from parser.ocr.certainty import settle

    values = {"active/regulations/in_force": 20, "active/licensing/decisions": 3}
    report = _ocr_report(values, score=0.999)
    settle(report, outside={"active/regulations/in_force"})
    assert report.cells["active/regulations/in_force"].status == "uncertain"
    assert report.cells["active/licensing/decisions"].status == "extracted"


def test_a_table_whose_lines_were_not_found_gives_no_certain_number(monkeypatch):
    """Report 601's first page photographed steeply on a light desk, its table's frame left as photographed
    (as before the frame was found from its outermost lines): table 二's lines are not found, and read as
    lines of text its numbers fell a row off — 20 (本年废止件数) as 规章's 现行有效件数, 3 as 行政许可's 1918,
    1918 as 行政处罚's 322, 7 as the fees' 47.2227 — each scored 0.96–0.999 and given as certain. A number
    from a line outside the ruled tables is placed by the text's order alone: never certain by its score."""
    import parser.ocr.scan

    truth = json.loads((ROOT / "tests/data/damaged/601_pdf_numbers_before_label.json").read_text("utf-8"))
    monkeypatch.setattr(parser.ocr.scan, "frame_square", lambda ink: None)
    page = scangen.damaged(scangen.report_pages(truth)[:1], "lightdesk", seed=5)[0]
    report = parse_bytes(scangen.to_png(page), "page1.png")
    assert scangen.score(report, truth)[1] == []
    read = [c for k, c in report.cells.items() if k.startswith("active/") and c.value is not None]
    assert read and all(c.status == "uncertain" and c.box for c in read)


def test_a_signed_number_read_by_ocr_is_checked_on_the_page():
    """A minus sign is a short dash a reading loses: -3 read as 3, confidently, in a column no equation checks."""
    from parser.ocr.certainty import settle

    report = _ocr_report({"active/coercion/change": 3, "active/coercion/previous": 0}, "2019", score=0.99)
    settle(report)
    assert report.cells["active/coercion/change"].status == "uncertain"
    assert report.cells["active/coercion/previous"].status == "extracted"


def test_a_cell_is_split_into_its_lines_of_text_at_rows_of_paper():
    """Cells are read line by line without the text detector: rows of ink separated by paper. A much lower
    band (a stroke of 二 printed apart, a comma's tail) belongs to the line beside it."""
    import numpy as np

    from parser.ocr.scan import _text_rows

    two_lines = np.array(list(range(2, 30)) + list(range(36, 64)))
    assert _text_rows(two_lines) == [(2, 30), (36, 64)]
    stroke_apart = np.array(list(range(2, 5)) + list(range(8, 30)) + list(range(40, 68)))
    assert _text_rows(stroke_apart) == [(2, 30), (40, 68)]
    assert _text_rows(np.array([5, 6, 7, 9, 10])) == [(5, 11)]  # a one-row gap is inside a line


def test_a_page_photographed_at_an_angle_is_flattened_and_read_to_exact_cells():
    """Sample 002 photographed steeply (corners pulled in by up to a tenth of the page) as JPEG pages of a
    PDF: the page's outline is found and warped square before the tables are searched."""
    import random

    import cv2
    import docgen
    import numpy as np

    stem = SAMPLE_FILES[2].stem
    truth = json.loads((SAMPLES / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
    rng = random.Random(5)
    clean = scangen.report_pages(truth)
    pages = [scangen.photo(p, rng, strength=0.1) for p in clean]
    report = parse_bytes(scangen.to_pdf(pages), f"{stem}.pdf")
    _exact(report, truth)
    # every cell's box is on the photo where the cell was photographed: the centre of the cell on the
    # printed page (its text layer), taken where the camera took it, is inside the box read from the photo
    rng = random.Random(5)
    shots = [scangen.photo_homography(*p.size, rng, strength=0.1) for p in clean]
    printed = parse_bytes(docgen.to_pdf(docgen.official_report(truth)), f"{stem}.pdf").cells
    px = scangen.DPI / 72
    placed = 0
    for key, cell in report.cells.items():
        if cell.value is None or cell.box is None:
            continue
        x0, y0, x1, y1 = printed[key].box
        centre = np.float32([[[(x0 + x1) / 2 * px, (y0 + y1) / 2 * px]]])
        x, y = cv2.perspectiveTransform(centre, shots[cell.page - 1])[0, 0] / px
        assert cell.page == printed[key].page and _inside_box(x, y, cell.box), (key, (x, y), cell.box)
        placed += 1
    assert placed >= 0.97 * len(truth["values"])


def _inside_box(x: float, y: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def test_only_a_photographed_page_is_flattened_and_its_boxes_land_on_the_photo():
    """No OCR here: a scan (page filling the image) is left as it is; a photo's page outline is found, its
    table's grid after flattening is the clean page's, and a box maps back onto the photo."""
    import random

    import numpy as np

    from parser.ocr.flatten import flatten, page_corners
    from parser.ocr.ruling import binarise, find_tables

    truth = json.loads((SAMPLES / "truth" / f"{SAMPLE_FILES[0].stem}.json").read_text(encoding="utf-8"))
    clean = scangen.report_pages(truth)[1]
    for kind in ("clean", "office", "skew", "stamp"):
        assert page_corners(np.asarray(scangen.damaged([clean], kind, seed=1)[0])) is None, kind
    shot = scangen.photo(clean, random.Random(5), strength=0.1)
    flat, back = flatten(np.asarray(shot))
    assert back is not None

    def grid(rgb):
        (table,) = find_tables(binarise(np.asarray(rgb.convert("L") if hasattr(rgb, "convert") else rgb[:, :, 1])))
        return table

    a, b = grid(clean), grid(flat)
    assert (a.n_rows, a.n_cols, len(a.cells)) == (b.n_rows, b.n_cols, len(b.cells))
    straight = grid(np.asarray(shot))  # without flattening the grid falls apart
    assert (straight.n_rows, straight.n_cols) != (a.n_rows, a.n_cols)
    import cv2

    x0, y0, x1, y1 = b.box  # the flattened table's outer frame; its corners taken back onto the photo
    corners = cv2.perspectiveTransform(np.float32([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]]), back)[0]
    grey = np.asarray(shot.convert("L"))
    for x, y in corners.round().astype(int):
        assert grey[y - 10:y + 11, x - 10:x + 11].min() < 100, (x, y)  # the frame's line is there (±0.6 %)


def test_a_speck_of_dust_beside_a_number_is_not_read_with_it():
    """Office scan of report 606: dust to the right of 21 in its cell was read with it (21”。”年, a label),
    the amount beside it then taken as the count, certain. A line is its glyphs and the small marks beside
    them (a decimal point, a comma, a minus); a speck further away is not part of it."""
    import numpy as np

    from parser.ocr.ruling import GridCell, RuledTable
    from parser.ocr.scan import _plan_cells

    ink = np.zeros((60, 400), dtype=np.uint8)
    cell = GridCell(0, 0, 1, 1, (0, 0, 400, 60))
    ink[20:44, 20:32] = ink[20:44, 36:48] = 255  # two digits, 24 px high
    ink[40:44, 52:56] = 255  # a decimal point (16 px) right after them
    ink[20:44, 60:72] = 255  # and a digit after it
    ink[30:33, 300:303] = ink[25:28, 350:353] = 255  # specks (9 px) far to the right
    (((x0, y0, x1, y1), _whole),) = _plan_cells(RuledTable((0, 0, 400, 60), 1, 1, [cell]), ink)[cell]
    assert x0 <= 4 + 20 and 4 + 72 <= x1 < 4 + 300 - 3 and y0 <= 4 + 20 and y1 >= 4 + 44
    ink[30:33, 300:303] = ink[25:28, 350:353] = 0
    ink[30:33, 78:86] = 255  # a small mark close by (a comma, a minus) still belongs to the line
    (((_, _, x1, _), _),) = _plan_cells(RuledTable((0, 0, 400, 60), 1, 1, [cell]), ink)[cell]
    assert x1 >= 4 + 86


@pytest.mark.parametrize("angle,scale", [(12, 0.7), (-20, 1.6)])
def test_a_photo_turned_on_the_desk_and_of_any_size_is_flattened_to_the_printed_grid(angle, scale):
    """No OCR: the page turned by up to 20° on a desk, in a photo smaller or larger than the reading
    resolution, comes out upright at the reading resolution (its long side 2,339 px), its table's grid
    the printed page's."""
    import cv2
    import numpy as np

    from parser.ocr.flatten import PAGE_LONG, flatten
    from parser.ocr.ruling import binarise, find_tables

    truth = json.loads((SAMPLES / "truth" / f"{SAMPLE_FILES[2].stem}.json").read_text(encoding="utf-8"))
    page = np.asarray(scangen.report_pages(truth)[1])
    h, w = page.shape[:2]
    size = (int(w * 1.3 * scale), int(h * 1.2 * scale))
    a = np.deg2rad(angle)
    turn = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    corners = np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) / 2 * scale * 0.85 @ turn.T + np.array(size) / 2
    corners += np.array([[20, 10], [-30, 25], [10, -20], [15, 5]]) * scale  # and a little perspective
    shot = cv2.warpPerspective(page, cv2.getPerspectiveTransform(
        np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32), corners.astype(np.float32)), size,
        borderValue=(120, 100, 80))
    flat, back = flatten(shot)
    assert back is not None and flat.shape[0] == PAGE_LONG

    def grid(rgb):
        return [(t.n_rows, t.n_cols, len(t.cells)) for t in find_tables(binarise(np.ascontiguousarray(rgb[:, :, 1])))]

    assert grid(flat) == grid(page) == [(23, 10, 189)]


def test_a_photo_with_a_thin_strip_of_desk_at_an_edge_is_still_flattened():
    """A page photographed a few pixels from the photo's edge at one corner (report 605 in the benchmark: 7
    cells lost): the strip of desk there was closed up, that side taken as running along the edge, and the
    page not flattened. The corners are found from what is seen of each side, within 3 px."""
    import random

    import numpy as np

    from parser.ocr.flatten import page_corners

    truth = json.loads((SAMPLES / "truth" / f"{SAMPLE_FILES[0].stem}.json").read_text(encoding="utf-8"))
    page = scangen.report_pages(truth)[1]
    w, h = page.size
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        state = rng.getstate()
        m = scangen.photo_homography(w, h, rng, strength=0.02)  # corners pulled in by 0.2–2 % of the page
        rng.setstate(state)
        shot = np.asarray(scangen.photo(page, rng, strength=0.02))
        found = page_corners(shot)
        true = (m @ np.array([[0, 0, 1], [w, 0, 1], [w, h, 1], [0, h, 1]]).T).T
        assert found is not None, seed
        assert np.abs(found - true[:, :2] / true[:, 2:]).max() < 3, seed


def test_a_photo_on_a_light_desk_has_its_table_frame_made_a_rectangle():
    """No OCR: photographed on a light desk the page's outline is not found; its table's frame, a rectangle
    on paper, is made one again (on a scan it already is: nothing done), the grid is the printed one, and
    a box maps back onto the photo. On 5 samples photographed so (corners pulled in by up to 6 %): 178 →
    200 of 200 cells, and report 004's blank-read zeros (certain) gone."""
    import random

    import cv2
    import numpy as np

    from parser.ocr.flatten import frame_square, page_corners
    from parser.ocr.ruling import binarise, find_tables
    from parser.ocr.scan import _to_points

    truth = json.loads((SAMPLES / "truth" / f"{SAMPLE_FILES[2].stem}.json").read_text(encoding="utf-8"))
    clean = scangen.report_pages(truth)[1]
    for kind in ("clean", "office", "skew", "stamp"):
        assert frame_square(binarise(np.asarray(scangen.damaged([clean], kind, seed=2)[0])[:, :, 0])) is None, kind
    page = np.asarray(clean)
    h, w = page.shape[:2]
    m = scangen.photo_homography(w, h, random.Random(3), strength=0.1)
    shot = cv2.warpPerspective(page, m, (w, h), borderValue=(245, 245, 240))[:, :, 0]
    assert page_corners(shot) is None
    squared = frame_square(binarise(shot))
    assert squared is not None

    def grid(gray):
        return [(t.n_rows, t.n_cols, len(t.cells)) for t in find_tables(binarise(gray))]

    assert grid(shot) != grid(page[:, :, 0])  # the grid falls apart as photographed
    flat = cv2.warpPerspective(shot, squared, (w, h), borderValue=255)
    assert grid(flat) == grid(page[:, :, 0]) == [(23, 10, 189)]
    (table,) = find_tables(binarise(flat))
    (printed,) = find_tables(binarise(page[:, :, 0]))
    to_photo = _to_points(flat.shape, 0.0, squared=squared)
    at = {(c.row, c.col): c.box for c in printed.cells}
    px = 200 / 72
    for cell in table.cells:  # each cell's box (points on the photo) holds where the camera took that cell
        x0, y0, x1, y1 = at[cell.row, cell.col]
        centre = cv2.perspectiveTransform(np.float32([[[(x0 + x1) / 2, (y0 + y1) / 2]]]), m)[0, 0] / px
        box = to_photo(cell.box)
        assert box[0] <= centre[0] <= box[2] and box[1] <= centre[1] <= box[3], (cell, centre, box)


def test_a_steep_photo_on_a_light_desk_is_squared_to_the_printed_grid():
    """No OCR: sample 000's three pages photographed steeply (corners pulled in by up to a tenth of the page)
    on a light desk, as bench_ocr's `lightdesk` kind draws them. The lines were too slanted for the line
    mask, so no table frame was found to square and no table either (bench_ocr --reports 6 --kinds
    lightdesk: 75.63 % of cells, 9 wrong values given as certain); the table is one connected piece of ink
    whatever the slant, its frame the outermost long lines. Every page's grid is the printed one, and each
    cell's box holds where the camera took that cell."""
    import random

    import cv2

    from parser.ocr.ruling import binarise, find_tables
    from parser.ocr.scan import prepared

    clean = scangen.report_pages(json.loads((SAMPLES / "truth" / f"{SAMPLE_FILES[0].stem}.json").read_text("utf-8")))
    shots = scangen.damaged(clean, "lightdesk", seed=0)
    rng = random.Random(0)  # the same draws as the photos'
    cameras = [scangen.photo_homography(*p.size, rng, strength=0.1) for p in clean]
    px = 200 / 72
    for page, shot, camera in zip(clean, shots, cameras, strict=True):
        printed = find_tables(binarise(np.asarray(page)[:, :, 0]))
        ready = prepared(np.asarray(shot))
        found = find_tables(binarise(ready.printed))
        assert [(t.n_rows, t.n_cols, len(t.cells)) for t in found] == [(t.n_rows, t.n_cols, len(t.cells))
                                                                        for t in printed]
        for table, original in zip(found, printed, strict=True):
            at = {(c.row, c.col): c.box for c in original.cells}
            for cell in table.cells:
                x0, y0, x1, y1 = at[cell.row, cell.col]
                centre = cv2.perspectiveTransform(np.float32([[[(x0 + x1) / 2, (y0 + y1) / 2]]]), camera)[0, 0] / px
                box = ready.to_points(cell.box)
                assert box[0] <= centre[0] <= box[2] and box[1] <= centre[1] <= box[3], (cell, centre, box)


def _printed(text: str, font: str, size: int, height: int, left: int = 3) -> np.ndarray:
    """A cell's crop as the reading cuts it: the text at its left, a few pixels of paper round it."""
    face = ImageFont.truetype(font, size)
    img = Image.new("L", (int(face.getlength(text)) + left + 5, height), 255)
    ImageDraw.Draw(img).text((left, height // 2), text, font=face, fill=0, anchor="lm")
    return np.asarray(img.convert("RGB"))


def test_printed_zeros_beside_labels_score_as_read_alone():
    """Issue 10: zeros in DejaVu Serif (as LibreOffice prints a Word report) read side by side with the
    row labels on one line scored 0.58–0.95 (the recogniser mixes context across the line), so a table of
    zeros was all `uncertain` with no equation to confirm it; read on a line of its own as well, the same
    glyph scores ≥ 0.98, and the readings agree. The labels keep their reading."""
    from parser.ocr import engine
    from parser.ocr.certainty import CERTAIN_SCORE

    serif = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    labels = ["本年新收政府信息公开申请数量", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
              "其他", "总计"]
    crops, zeros = [], []
    for n, label in enumerate(labels):
        crops.append(_printed(label, scangen.FONT, 27, 35))
        for size, left in [(27, 3), (29, 3), (31, 3), (29, 5), (31, 6)]:
            zeros.append(len(crops))
            crops.append(_printed("0", serif, size, 29 + n % 3, left))
    read = engine.recognise(crops)
    assert {read[i].number for i in zeros} == {"0"}
    assert min(read[i].number_score for i in zeros) >= CERTAIN_SCORE, sorted(read[i].number_score for i in zeros)
    assert [read[i].text for i in range(len(crops)) if i not in zeros] == labels


def test_a_glyph_read_differently_alone_and_beside_others_keeps_the_worse_score():
    from parser.ocr.engine import Reading, _agreed

    beside, alone = Reading("0", 0.7, "0", 0.7), Reading("0", 0.99, "0", 0.99)
    assert _agreed(beside, alone) == Reading("0", 0.99, "0", 0.99)
    assert _agreed(Reading("8", 0.95, "8", 0.95), Reading("0", 0.97, "0", 0.97)) == Reading("8", 0.95, "8", 0.95)
    assert _agreed(Reading("8", 0.95, "8", 0.95), Reading("6", 0.5, "6", 0.5)) == Reading("8", 0.5, "8", 0.5)
    assert _agreed(Reading("o", 0.6, "0", 0.6), Reading("0", 0.98, "0", 0.98)) == Reading("o", 0.6, "0", 0.98)
