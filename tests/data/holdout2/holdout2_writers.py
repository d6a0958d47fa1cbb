# ruff: noqa: E501
"""Second holdout, writers: HTML (CMS-like), DOCX (python-docx, real merges), PDF (reportlab ruled / unruled).

A document is a list of blocks: str (a paragraph), a table (list of rows of `Cell`), or
("raw", html) for HTML-only fragments, ("break",) for a page break in DOCX/PDF.
"""
from __future__ import annotations

import io
from html import escape

from holdout2_base import Cell


def _grid_width(table: list[list[Cell]]) -> int:
    taken: set[tuple[int, int]] = set()
    width = 0
    for r, row in enumerate(table):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return width


# ---- HTML -----------------------------------------------------------------------------------------

def html_table(table: list[list[Cell]], *, th: bool = True, thead: int = 0, p_in_td: bool = False,
               nbsp: bool = True, br: str = "<br>", attrs: str = ' border="1" cellspacing="0" cellpadding="0" width="100%"') -> str:
    def cell(c: Cell) -> str:
        tag = "th" if (th and c.head) else "td"
        span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
        if not c.text:
            inner = "&nbsp;" if nbsp else ""
        elif p_in_td:
            inner = "".join(f'<p style="text-align:center">{escape(part)}</p>' for part in c.text.split("\n"))
        else:
            inner = br.join(escape(part) for part in c.text.split("\n"))
        return f'<{tag}{span} valign="middle">{inner}</{tag}>'

    rows = [f"  <tr>{''.join(cell(c) for c in row)}</tr>" for row in table]
    if thead:
        return (f"<table{attrs}>\n<thead>\n" + "\n".join(rows[:thead]) + "\n</thead>\n<tbody>\n"
                + "\n".join(rows[thead:]) + "\n</tbody>\n</table>")
    return f"<table{attrs}>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def to_html(doc: list, *, charset: str = "utf-8", chrome: bool = True, wrap_layout: bool = False, **table_opts) -> bytes:
    head = ('<meta http-equiv="Content-Type" content="text/html; charset=gbk">' if charset == "gbk"
            else '<meta charset="utf-8">')
    title = doc[0] if isinstance(doc[0], str) else "年度报告"
    out = ["<!DOCTYPE html>", "<html lang=\"zh-CN\"><head>", head, f"<title>{escape(title)}_政务公开</title>",
           "<link rel=\"stylesheet\" href=\"/css/style.css\"><script src=\"/js/jquery.min.js\"></script></head><body>"]
    if chrome:
        out += ['<div class="header"><div class="logo"><img src="/images/logo.png" alt="门户网站"></div>',
                '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
                '<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>',
                '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>',
                '<div class="info"><span>发布日期：2024-01-19</span> <span>来源：办公室</span> <span>浏览次数：1287</span>'
                ' <span>【字体：<a>大</a> <a>中</a> <a>小</a>】</span> <span>【打印本页】【关闭窗口】</span></div>']
    body = []
    for block in doc:
        if isinstance(block, str):
            body.append(f'<p style="text-indent:2em">{escape(block)}</p>')
        elif isinstance(block, tuple):
            if block[0] == "raw":
                body.append(block[1])
        else:
            body.append(html_table(block, **table_opts))
    content = "\n".join(body)
    if wrap_layout:  # the article inside a page-layout table, as older CMS templates do
        content = ('<table width="1000" border="0" align="center"><tr><td width="200" class="left">'
                   '<ul><li><a href="#">机构职能</a></li><li><a href="#">政策文件</a></li></ul></td>'
                   f'<td class="main"><table width="100%" border="0"><tr><td>\n{content}\n</td></tr></table></td></tr></table>')
    out.append(f'<div class="article" id="zoom">\n{content}\n</div>')
    if chrome:
        out += ['<div class="related"><h3>相关链接</h3><ul><li><a href="#">2022年政府信息公开工作年度报告</a></li>'
                '<li><a href="#">2021年政府信息公开工作年度报告</a></li></ul></div>',
                '<div class="footer"><p>主办单位：人民政府办公室 网站标识码：3301000001 浙ICP备05003412号 公安机关备案号 33010202000123</p>'
                '<p>地址：人民路1号 邮编：310000 联系电话：0571-87051234</p></div>']
    out.append("</body></html>")
    text = "\n".join(out)
    return text.encode("gb18030" if charset == "gbk" else "utf-8")


# ---- DOCX -----------------------------------------------------------------------------------------

def _set_cell(target, text: str, *, paragraphs: bool) -> None:
    parts = text.split("\n") if paragraphs else [text.replace("\n", "")]
    target.text = parts[0]
    for part in parts[1:]:
        target.add_paragraph(part)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def docx_table(document, table: list[list[Cell]], *, paragraphs: bool = True, header_rows: int = 0):
    width = _grid_width(table)
    t = document.add_table(rows=len(table), cols=width)
    t.style = "Table Grid"
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(table):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            r2, c2 = r + cell.rowspan - 1, c + cell.colspan - 1
            for rr in range(r, r2 + 1):
                for cc in range(c, c2 + 1):
                    taken.add((rr, cc))
            target = t.cell(r, c)
            if (r2, c2) != (r, c):
                target = target.merge(t.cell(r2, c2))
            _set_cell(target, cell.text, paragraphs=paragraphs)
            c = c2 + 1
    for r in range(header_rows):
        _repeat_header(t.rows[r])
    return t


def _chinese_numbering(document) -> int:
    """Add a numbering definition 一、二、… (chineseCounting) and return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="420"/></w:pPr></w:lvl></w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return 90


def to_docx(doc: list, *, paragraphs: bool = True, numbered_sections: bool = False, header_rows: dict | None = None,
            post=None) -> bytes:
    """numbered_sections: paragraphs starting with "§" are section headings whose 一、 comes from Word numbering."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    num_id = _chinese_numbering(document) if numbered_sections else 0
    tables = 0
    for block in doc:
        if isinstance(block, str):
            if block.startswith("§"):
                p = document.add_paragraph(block[1:])
                p._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
            else:
                document.add_paragraph(block)
        elif isinstance(block, tuple):
            if block[0] == "break":
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            docx_table(document, block, paragraphs=paragraphs, header_rows=(header_rows or {}).get(tables, 0))
            tables += 1
    if post is not None:  # a hook editing the finished document's XML (tracked changes, content controls ...)
        post(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---- PDF ------------------------------------------------------------------------------------------

def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def to_pdf_ruled(doc: list, *, col_widths: dict | None = None, repeat: dict | None = None, font_size: float = 7.5,
                 center_numbers: bool = False, running: str = "") -> bytes:
    """Ruled tables (reportlab Table, SPAN for merges); long tables split over pages with `repeat` header rows."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1
    font = _font()
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    small = ParagraphStyle("s", fontName=font, fontSize=font_size, leading=font_size + 2, wordWrap="CJK")
    centred = ParagraphStyle("c", parent=small, alignment=1)
    out = io.BytesIO()
    page = SimpleDocTemplate(out, pagesize=A4, leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50)
    story: list = []
    n = 0
    for block in doc:
        if isinstance(block, str):
            story.append(Paragraph(escape(block), body))
            continue
        if isinstance(block, tuple):
            if block[0] == "break":
                story.append(PageBreak())
            elif block[0] == "space":
                story.append(Spacer(1, block[1]))
            continue
        width = _grid_width(block)
        data: list[list] = [[""] * width for _ in block]
        filled: set[tuple[int, int]] = set()
        style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for r, row in enumerate(block):
            c = 0
            for cell in row:
                while (r, c) in filled:
                    c += 1
                r2, c2 = r + cell.rowspan - 1, c + cell.colspan - 1
                for rr in range(r, r2 + 1):
                    for cc in range(c, c2 + 1):
                        filled.add((rr, cc))
                numeric = center_numbers and not any("\u4e00" <= ch <= "\u9fff" for ch in cell.text)
                data[r][c] = Paragraph(escape(cell.text).replace("\n", "<br/>"), centred if numeric else small) if cell.text else ""
                if (r2, c2) != (r, c):
                    style.append(("SPAN", (c, r), (c2, r2)))
                c = c2 + 1
        widths = (col_widths or {}).get(n) or [(A4[0] - 100) / width] * width
        story += [Spacer(1, 4), Table(data, colWidths=widths, style=TableStyle(style), repeatRows=(repeat or {}).get(n, 0)),
                  Spacer(1, 4)]
        n += 1

    def number(canvas, template) -> None:
        canvas.setFont(font, 9)
        if running:  # a running head and "第 N 页" foot on every page
            canvas.drawString(50, A4[1] - 32, running)
            canvas.line(50, A4[1] - 36, A4[0] - 50, A4[1] - 36)
            canvas.drawCentredString(A4[0] / 2, 25, f"第 {template.page} 页")
        else:
            canvas.drawCentredString(A4[0] / 2, 25, f"— {template.page} —")

    page.build(story, onFirstPage=number, onLaterPages=number)
    return out.getvalue()


def to_pdf_unruled(lines: list) -> bytes:
    """No rules at all: each item is a paragraph str or a row (list of (x, text)); text wraps only where given."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    font = _font()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    y = A4[1] - 60
    for item in lines:
        if y < 70:
            c.showPage()
            y = A4[1] - 60
        if isinstance(item, str):
            c.setFont(font, 10.5)
            while item:
                c.drawString(56, y, item[:42])
                item = item[42:]
                y -= 17
            continue
        c.setFont(font, 8)
        height = 1
        for x, text in item:
            parts = text.split("\n")
            height = max(height, len(parts))
            for i, part in enumerate(parts):
                c.drawString(x, y - i * 10, part)
        y -= 10 * height + 5
    c.showPage()
    c.save()
    return out.getvalue()
