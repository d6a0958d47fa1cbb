"""parser.pages: page counts, sizes in points and rendering for PDFs and images."""
import io

import pytest
from PIL import Image

from parser.model import Cell, Report
from parser.pages import PageError, Pages


def _pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for i in range(pages):
        c.drawString(72, 72, f"page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_pdf_pages_in_points_and_rendered_at_dpi():
    pages = Pages(_pdf(2))
    assert pages.count == 2
    size = pages.size(1)
    assert round(size.width) == 595 and round(size.height) == 842
    img = pages.render(0, dpi=72)
    assert abs(img.size[0] - 595) <= 1 and abs(img.size[1] - 842) <= 1 and img.mode == "RGB"


def test_multipage_tiff_uses_its_dpi():
    frames = [Image.new("L", (600, 900), 255), Image.new("L", (600, 900), 128)]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:], dpi=(300, 300))
    pages = Pages(buf.getvalue())
    assert pages.count == 2
    assert pages.size(1).width == pytest.approx(600 * 72 / 300)
    assert pages.render(1, dpi=150).size == (300, 450)


def test_not_a_page_file_is_a_chinese_error():
    with pytest.raises(PageError, match="不是"):
        Pages(b"just text")
    with pytest.raises(PageError, match="无法读取"):
        Pages(b"%PDF-1.4 broken")


def test_page_fields_in_json_only_when_read_from_a_page():
    r = Report.from_values({"requests/total/total": 3})
    assert set(r.to_dict()["cells"]["requests/total/total"]) == {"value", "text", "span", "status"}
    c = Cell("requests/total/total", 3, "3", None, "uncertain", page=1, box=(1.0, 2.0, 3.0, 4.0), confidence=0.7)
    assert c.to_dict() == {"value": 3, "text": "3", "span": None, "status": "uncertain",
                           "page": 1, "box": [1.0, 2.0, 3.0, 4.0], "confidence": 0.7}


def test_page_fields_survive_the_workspace_codec():
    from review.workspace.codec import report_from_json, report_to_json

    r = Report.from_values({"requests/total/total": 3})
    r.cells["requests/total/total"] = Cell("requests/total/total", 3, "3", None, "uncertain", page=2,
                                           box=(1.5, 2.0, 3.0, 4.0), confidence=0.5)
    back = report_from_json(report_to_json(r), "")
    c = back.cells["requests/total/total"]
    assert (c.page, c.box, c.confidence, c.status) == (2, (1.5, 2.0, 3.0, 4.0), 0.5, "uncertain")
