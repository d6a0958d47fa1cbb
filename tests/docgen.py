"""Test documents generated at run time: reports as HTML, DOCX and PDF (no binaries in the repository).

A document is a list of blocks: a paragraph (str) or a table (list of rows of `Cell`s with spans).
`official_report` lays a report's values out in the official table format (merged cells as in the
State Council template); `from_text` turns a sample text into a document (tab lines become table rows).
`expected_lines` is what a browser copy of the document gives, computed independently of the parser.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from parser.template import TABLE_NUMBERS, sections, version


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


Table = list[list[Cell]]
Document = list  # of str | Table

CHROME_TOP = ["首页", "政务公开", "政府信息公开年报", "互动交流", "当前位置：首页 > 政务公开 > 年度报告"]
CHROME_BOTTOM = "主办单位：某某县人民政府办公室 网站标识码：1234567890 ICP备12345678号"


def fmt(v: float | int | None) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def official_report(truth: dict) -> Document:
    """A report with the truth's values in the official layout: title, sections, three merged-cell tables."""
    v = version(truth["template"])
    values = truth["values"]
    agency, year = truth["agency"], truth["year"]
    titles = {s.key: f"{s.number}、{s.title}" for s in sections()}
    doc: Document = [f"{agency}{year}年政府信息公开工作年度报告", titles["overview"],
                     f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。"]
    for table in v.tables:
        doc.append(f"{TABLE_NUMBERS[table.key]}、{table.title}")
        doc.append({"active": _active, "requests": _requests, "appeals": _appeals}[table.key](table, values))
    doc += [titles["problems"], "存在的问题：政策解读形式较为单一。改进措施：丰富解读形式。",
            titles["other"], f"{year}年度，本机关未收取信息处理费。"]
    return doc


def _active(table, values) -> Table:
    rows: Table = []
    for block in table.blocks:
        rows.append([Cell(block.heading or "", colspan=4)])
        spans = [3] if len(block.columns) == 1 else [1, 2] if len(block.columns) == 2 else [1, 1, 1]
        rows.append([Cell("信息内容")] + [Cell(c.label, colspan=s) for c, s in zip(block.columns, spans, strict=True)])
        for r in block.rows:
            rows.append([Cell(r.label)] + [Cell(fmt(values.get(f"{table.key}/{r.key}/{c.key}")), colspan=s)
                                          for c, s in zip(block.columns, spans, strict=True)])
    return rows


def _requests(table, values) -> Table:
    block = table.blocks[0]
    cols = block.columns
    org = [c for c in cols if c.group]
    rows: Table = [
        [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
         Cell(block.heading or "申请人情况", colspan=len(cols))],
        [Cell(cols[0].label, rowspan=2), Cell(org[0].group or "", colspan=len(org)), Cell(cols[-1].label, rowspan=2)],
        [Cell(c.label) for c in org],
    ]
    seen: set[str] = set()
    for r in block.rows:
        parts = r.group.split("/") if r.group else []
        row: list[Cell] = []
        for depth in range(len(parts)):
            prefix = "/".join(parts[:depth + 1])
            if prefix not in seen:
                seen.add(prefix)
                n = sum(1 for o in block.rows if o.group and (o.group + "/").startswith(prefix + "/"))
                row.append(Cell(parts[depth], rowspan=n))
        row.append(Cell(r.label, colspan=3 - len(parts)))
        row += [Cell(fmt(values.get(f"{table.key}/{r.key}/{c.key}"))) for c in cols]
        rows.append(row)
    return rows


def _appeals(table, values) -> Table:
    block = table.blocks[0]
    groups: dict[str, list] = {}
    for r in block.rows:
        groups.setdefault(r.group or r.label, []).append(r)
    n = len(block.columns)
    top, mid, low, data = [], [], [], []
    for group, members in groups.items():
        top.append(Cell(group, colspan=n * len(members)))
        for r in members:
            if r.group:
                mid.append(Cell(r.label, colspan=n))
                low += [Cell(c.label) for c in block.columns]
            else:
                mid += [Cell(c.label, rowspan=2) for c in block.columns]
            data += [Cell(fmt(values.get(f"{table.key}/{r.key}/{c.key}"))) for c in block.columns]
    return [top, mid, low, data]


def from_text(text: str) -> Document:
    """A sample text as a document: runs of lines holding a tab become one table (a row per line)."""
    doc: Document = []
    table: Table = []
    for line in text.splitlines():
        if "\t" in line:
            table.append([Cell(c.strip()) for c in line.split("\t")])
            continue
        if table:
            doc.append(table)
            table = []
        if line.strip():
            doc.append(line.strip())
    if table:
        doc.append(table)
    return doc


def grid(table: Table) -> list[list[str]]:
    """Where each cell's text lands in a browser copy (merged positions empty)."""
    placed: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(table):
        c = 0
        for cell in row:
            while (r, c) in placed:
                c += 1
            for dr in range(min(cell.rowspan, len(table) - r)):
                for dc in range(cell.colspan):
                    placed[(r + dr, c + dc)] = ""
            placed[(r, c)] = " ".join(cell.text.split())
            c += cell.colspan
            width = max(width, c)
    return [[placed.get((r, c), "") for c in range(width)] for r in range(len(table))]


def expected_lines(doc: Document, empty_rows: bool = False) -> list[str]:
    """The non-empty lines of the text rendering of `doc` (empty_rows: a table's row of empty cells kept as
    its line of tabs, as a browser copies it)."""
    out = []
    for block in doc:
        if isinstance(block, str):
            out.append(block)
        elif any(any(row) for row in grid(block)):
            out += ["\t".join(row) for row in grid(block)]
    return [line for line in out if line.strip() or (empty_rows and "\t" in line)]


# ---- writers -------------------------------------------------------------------------------------

def to_html(doc: Document, encoding: str = "utf-8", chrome: bool = True) -> bytes:
    from html import escape

    meta = {"utf-8": '<meta charset="utf-8">',
            "gbk": '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'}.get(encoding, "")
    parts = ["<!DOCTYPE html>", "<html><head>", meta, "<title>年度报告</title>",
             "<style>td{border:1px solid #000}</style><script>var nav = '<table>';</script></head><body>"]
    if chrome:
        parts.append('<div id="top-nav" class="nav"><ul>' +
                     "".join(f"<li><a href='#'>{escape(s)}</a></li>" for s in CHROME_TOP[:4]) + "</ul></div>")
        parts.append(f'<div class="breadcrumb">{escape(CHROME_TOP[4])}</div>')
    parts.append('<div class="article-content">')
    for block in doc:
        if isinstance(block, str):
            parts.append(f"<p>{escape(block)}</p>")
            continue
        parts.append('<table border="1" cellspacing="0">\n<tbody>')
        for row in block:
            cells = "".join(f"<td{_spans(c)}><p>{escape(c.text) if c.text else '&nbsp;'}</p></td>" for c in row)
            parts.append(f"<tr>\n{cells}\n</tr>")
        parts.append("</tbody></table>")
    parts.append("</div>")
    if chrome:
        parts.append(f'<div class="footer"><p>{escape(CHROME_BOTTOM)}</p></div>')
    parts.append("</body></html>")
    codec = "gb18030" if encoding == "gbk" else encoding
    return "\n".join(parts).encode(codec)


def _spans(c: Cell) -> str:
    return (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")


def to_docx(doc: Document) -> bytes:
    import docx

    document = docx.Document()
    for block in doc:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = len(grid(block)[0]) if block else 1
        table = document.add_table(rows=len(block), cols=width)
        table.style = "Table Grid"
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(block):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                r2 = min(r + cell.rowspan, len(block)) - 1
                c2 = c + cell.colspan - 1
                for rr in range(r, r2 + 1):
                    for cc in range(c, c2 + 1):
                        taken.add((rr, cc))
                target = table.cell(r, c)
                if (r2, c2) != (r, c):
                    target = target.merge(table.cell(r2, c2))
                target.text = cell.text
                c = c2 + 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(doc: Document, *, encrypt: str | None = None, text: bool = True, page_numbers: bool = False) -> bytes:
    """A PDF written by reportlab with the built-in STSong-Light CJK font (text=False: an empty page).

    page_numbers: "- N -" printed at the foot of every page, as in most published reports.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=15, wordWrap="CJK")
    small = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7.5, leading=9.5, wordWrap="CJK")
    out = io.BytesIO()
    page = SimpleDocTemplate(out, pagesize=A4, leftMargin=40, rightMargin=40, topMargin=40, bottomMargin=40,
                             encrypt=encrypt)
    story: list = []
    if not text:
        from reportlab.graphics.shapes import Drawing, Rect

        drawing = Drawing(400, 300)
        drawing.add(Rect(10, 10, 380, 280, fillColor=colors.lightgrey))
        page.build([drawing])
        return out.getvalue()
    for block in doc:
        if isinstance(block, str):
            story.append(Paragraph(block, body))
            continue
        g = grid(block)
        width = len(g[0])
        data = [["" for _ in range(width)] for _ in g]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for r, row in enumerate(block):
            c = 0
            for cell in row:
                while c < width and data[r][c] is None:
                    c += 1
                r2, c2 = min(r + cell.rowspan, len(block)) - 1, c + cell.colspan - 1
                for rr in range(r, r2 + 1):
                    for cc in range(c, c2 + 1):
                        data[rr][cc] = None
                data[r][c] = Paragraph(cell.text, small) if cell.text else ""
                if (r2, c2) != (r, c):
                    style.append(("SPAN", (c, r), (c2, r2)))
                c = c2 + 1
        data = [["" if x is None else x for x in row] for row in data]
        col_width = (A4[0] - 80) / width
        story += [Spacer(1, 6), Table(data, colWidths=[col_width] * width, style=TableStyle(style), repeatRows=0),
                  Spacer(1, 6)]
    def number(canvas, template) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 20, f"- {template.page} -")

    page.build(story, **({"onFirstPage": number, "onLaterPages": number} if page_numbers else {}))
    return out.getvalue()


# ---- inputs that are not readable reports --------------------------------------------------------

def zip_bytes(members: dict[str, bytes], compression: int = 8) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def docx_bomb(uncompressed_mb: int = 30) -> bytes:
    """A valid .docx with a member of `uncompressed_mb` MB of zeros (compresses about 1000:1)."""
    import zipfile

    out = io.BytesIO(to_docx(["某县2023年政府信息公开工作年度报告"]))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z, z.open("word/media/image1.png", "w") as member:
        chunk = bytes(1 << 20)
        for _ in range(uncompressed_mb):
            member.write(chunk)
    return out.getvalue()


def docx_with_big_image(doc: Document, megabytes: int) -> bytes:
    """A real .docx carrying an incompressible media file of `megabytes` MB (as with a scanned seal)."""
    import random
    import zipfile

    out = io.BytesIO(to_docx(doc))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
        z.writestr("word/media/image1.jpeg", random.Random(7).randbytes(megabytes << 20))
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF whose page is only an image (a scan without a text layer)."""
    import random

    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rng = random.Random(3)
    image = Image.new("L", (300, 400), 255)
    for _ in range(3000):
        image.putpixel((rng.randrange(300), rng.randrange(400)), 0)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.drawImage(ImageReader(image), 40, 200, width=500, height=600)
    c.showPage()
    c.save()
    return out.getvalue()


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole2(stream_name: str = "WordDocument") -> bytes:
    """The start of a legacy Office (OLE2 compound) file: .doc, .wps, .xls."""
    return OLE2_MAGIC + bytes(504) + stream_name.encode("utf-16-le") + bytes(3000)
