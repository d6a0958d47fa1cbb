"""The look of an official document (GB/T 9704 in spirit) for python-docx: A4, its margins, 仿宋 body
and 黑体 headings (the reader's installed fonts; Word and LibreOffice fall back when they are missing),
page numbers “— 1 —” in the footer.
"""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋", "黑体", "方正小标宋简体"
# what a reader without the font gets (recorded in the document's font table as the alternative)
FALLBACKS = {"仿宋": "FangSong", "黑体": "SimHei", "方正小标宋简体": "黑体", "宋体": "SimSun"}
SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4 = Pt(22), Pt(16), Pt(14), Pt(12)  # 二号, 三号, 四号, 小四


class DocumentError(Exception):
    """A document that cannot be written; str(e) is one line of Chinese."""


def _east_asian(run, font: str) -> None:
    run.font.name = FALLBACKS.get(font, font)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)


def new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.size = SIZE_3
    normal.font.name = FALLBACKS[BODY_FONT]
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    _page_numbers(section)
    return doc


def _page_numbers(section) -> None:
    """Footer “— N —”, centred, 宋体 四号."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(p.add_run("— "), "宋体")
    run = p.add_run()
    _east_asian(run, "宋体")
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _east_asian(p.add_run(" —"), "宋体")
    for r in p.runs:
        r.font.size = SIZE_4


def title(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing = Pt(36)
    p.paragraph_format.space_after = Pt(16)
    run = p.add_run(text)
    run.font.size = SIZE_2
    _east_asian(run, TITLE_FONT)


def heading(doc, text: str) -> None:
    """一级标题: 黑体 三号, indented like body text."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Cm(1.13)
    run = p.add_run(text)
    _east_asian(run, HEADING_FONT)


def paragraph(doc, text: str = "", *, indent: bool = True, align: str | None = None, bold_lead: str = ""):
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.13)  # two characters of 三号
    if align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if bold_lead:
        lead = p.add_run(bold_lead)
        _east_asian(lead, "楷体")
        lead.bold = True
    run = p.add_run(text)
    _east_asian(run, BODY_FONT)
    return p


def table(doc, header: list[str], rows: list[list[str]], widths_cm: list[float]) -> None:
    """A bordered table in 仿宋 小四, header row in 黑体; rows added in one pass (fast for thousands)."""
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, width in zip(t.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for cell, text, width in zip(t.rows[0].cells, header, widths_cm, strict=True):
        cell.width = Cm(width)
        _cell_text(cell, text, HEADING_FONT)
    for values in rows:
        cells = t.add_row().cells
        for cell, text, width in zip(cells, values, widths_cm, strict=True):
            cell.width = Cm(width)
            _cell_text(cell, text, BODY_FONT)


def _cell_text(cell, text: str, font: str) -> None:
    p = cell.paragraphs[0]
    p.paragraph_format.line_spacing = Pt(18)
    run = p.add_run(text)
    run.font.size = SIZE_SMALL_4
    _east_asian(run, font)


def picture(doc, png: bytes, width_cm: float = 15.5) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing = 1.0  # not the body's exact 28 pt, which would crop the picture
    p.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))


def save(doc, path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() != ".docx":
        raise DocumentError(f"输出文件应以 .docx 结尾：{p}")
    if not p.parent.is_dir():
        raise DocumentError(f"输出文件夹不存在：{p.parent}")
    tmp = p.with_name(p.name + ".part")
    try:
        doc.save(tmp)
        tmp.replace(p)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise DocumentError(f"无法写入文件（{e.strerror or e}）：{p}") from None
    return p
