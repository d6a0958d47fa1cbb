"""What each format reader does with the details of real documents: chrome, encodings, merges, numbering."""
from __future__ import annotations

import io

import docgen
import docx
import pytest

from parser.formats import sniff
from parser.formats.docx import docx_to_text
from parser.formats.grid import collapse
from parser.formats.html import html_to_text, mhtml_to_text
from parser.formats.numbering import chinese, number_text
from parser.formats.pdf import pdf_to_text

TITLE = "某县教育局2023年政府信息公开工作年度报告"


# ---- HTML ----------------------------------------------------------------------------------------

PAGE = """<html><head><meta charset="gbk"><title>t</title><style>p{}</style></head><body>
<table width=1000><tr><td class="left-menu"><ul><li>首页</li><li>信息公开</li></ul></td><td>
<article><header><h1>某县教育局2023年政府信息公开
工作年度报告</h1><div class="share">分享到：微信 微博</div></header>
<p>　　一、总体情况</p><p>2023年，本局认真
落实条例。 Some  English
words.</p>
<table border=1><tr><td rowspan=2>规章</td><td colspan="2">本年<br>制发</td></tr>
<tr><td>1</td><td>&nbsp;</td></tr></table>
<div style="display:none">隐藏内容</div><script>document.write('脚本')</script>
</article></td></tr></table>
<div id="footer">版权所有 © 某县人民政府</div>
</body></html>"""


def test_html_page_without_site_chrome():
    text = html_to_text(PAGE.encode("gb18030"), "a.html")
    assert text.splitlines() == [TITLE, "一、总体情况", "2023年，本局认真落实条例。 Some English words.", "",
                                 "规章\t本年 制发\t", "\t1\t"]


@pytest.mark.parametrize("meta", ['<meta charset="gbk">', '<meta http-equiv="Content-Type" '
                                  'content="text/html; charset=GB2312" />', ""])
def test_html_in_gbk_with_or_without_meta(meta):
    page = f"<html><head>{meta}</head><body><p>{TITLE}</p><p>二、主动公开政府信息情况</p></body></html>"
    assert html_to_text(page.encode("gb18030"), "a.htm").splitlines()[0] == TITLE


def test_html_meta_that_lies_about_the_encoding():
    page = f'<html><head><meta charset="gb2312"></head><body><p>{TITLE}</p></body></html>'
    assert html_to_text(page.encode("utf-8"), "a.html").strip() == TITLE


def test_xhtml_with_xml_declaration_and_utf16():
    page = f'<?xml version="1.0" encoding="utf-16"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>{TITLE}</p>' \
           "</body></html>"
    assert html_to_text(page.encode("utf-16"), "a.xhtml").strip() == TITLE


def test_html_title_in_a_header_element_is_kept():
    page = f"<html><body><header class='nav-header'><h1>{TITLE}</h1></header><p>正文</p></body></html>"
    assert html_to_text(page.encode(), "a.html").splitlines() == [TITLE, "正文"]


def test_html_nav_that_holds_the_tables_is_kept():
    page = "<html><body><div class='nav-content'><table><tr><td>规章</td><td>3</td></tr></table></div></body></html>"
    assert "规章\t3" in html_to_text(page.encode(), "a.html")


def test_html_word_export_cells_with_paragraphs():
    cell = "<td><p class=MsoNormal><span lang=EN-US>1.</span><span>属于国家<o:p></o:p></span></p>" \
           "<p class=MsoNormal><span>秘密</span></p></td>"
    page = f"<html><body><table><tr>{cell}<td><p>0</p></td></tr></table></body></html>"
    assert html_to_text(page.encode(), "a.html").strip() == "1.属于国家 秘密\t0"


def test_html_caption_and_th_header():
    page = "<table><caption>表一</caption><thead><tr><th>信息内容</th><th>本年制发件数</th></tr></thead>" \
           "<tbody><tr><td>规章</td><td>2</td></tr></tbody></table>"
    assert html_to_text(page.encode(), "a.html").splitlines() == ["表一", "", "信息内容\t本年制发件数", "规章\t2"]


def test_mhtml_saved_page():
    mht = b"""MIME-Version: 1.0
Content-Type: multipart/related; boundary="----=_NextPart_000"

------=_NextPart_000
Content-Type: text/html; charset="gb2312"
Content-Transfer-Encoding: quoted-printable

<html><body><p>=C4=B3=CF=D8</p><table><tr><td>a</td><td>b</td></tr></table></body></html>
------=_NextPart_000--
"""
    assert sniff.detect(mht, "a.mht") == sniff.MHTML
    assert mhtml_to_text(mht, "a.mht").splitlines() == ["某县", "", "a\tb"]


def test_collapse_joins_cjk_line_breaks_only():
    assert collapse("本年新收政府信息公开申\n   请数量") == "本年新收政府信息公开申请数量"
    assert collapse("Some\nwords  and\ttabs") == "Some words and tabs"
    assert collapse("危及“三\n安全一稳定\n”") == "危及“三安全一稳定”"
    assert collapse("规章\x01 3") == "规章 3"


# ---- DOCX ----------------------------------------------------------------------------------------

def _docx(build) -> str:
    d = docx.Document()
    build(d)
    out = io.BytesIO()
    d.save(out)
    return docx_to_text(out.getvalue(), "a.docx")


def test_docx_body_order_numbering_breaks_and_nested_tables():
    def build(d):
        d.add_paragraph(TITLE)
        d.add_paragraph("总体情况", style="List Number")
        d.add_paragraph("主动公开政府信息情况", style="List Number")
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "外层"
        inner = t.cell(0, 1).add_table(rows=2, cols=2)
        for r, (label, n) in enumerate([("规章", "3"), ("行政许可", "4")]):
            inner.cell(r, 0).text, inner.cell(r, 1).text = label, n
        p = d.add_paragraph("第一行")
        p.add_run().add_break()
        p.add_run("第二行")

    assert _docx(build).splitlines() == [TITLE, "1.总体情况", "2.主动公开政府信息情况", "外层", "",
                                         "规章\t3", "行政许可\t4", "", "第一行", "第二行"]


def test_docx_merged_cells_as_grid_and_tabs_inside_cells():
    def build(d):
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(2, 0)).text = "（三）不予公开"
        t.cell(0, 1).merge(t.cell(0, 2)).text = "合并\t两列"
        t.cell(1, 1).text, t.cell(1, 2).text = "1.属于国家秘密", "0"
        t.cell(2, 1).text, t.cell(2, 2).text = "2.其他", "5"

    assert _docx(build).splitlines() == ["（三）不予公开\t合并 两列\t", "\t1.属于国家秘密\t0", "\t2.其他\t5"]


def test_docx_tracked_changes_show_the_result():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = f'<w:p xmlns:w="{w}"><w:r><w:t>规章</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>旧</w:delText>' \
           f'</w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>新</w:t></w:r></w:ins></w:p>'
    from docx.oxml import parse_xml

    def build(d):
        d.element.body.insert(0, parse_xml(body))

    assert _docx(build).splitlines()[0] == "规章新"


def test_chinese_list_numbers():
    assert [chinese(n) for n in (1, 9, 10, 11, 20, 25, 100, 105, 110)] == \
        ["一", "九", "十", "十一", "二十", "二十五", "一百", "一百零五", "一百一十"]
    assert number_text(3, "chineseCounting") == "三"
    assert number_text(2, "decimalEnclosedCircle") == "②"
    assert number_text(4, "upperRoman") == "IV"
    assert number_text(28, "lowerLetter") == "bb"
    assert number_text(7, "decimal") == "7"


# ---- PDF -----------------------------------------------------------------------------------------

def test_pdf_paragraphs_rejoined_and_page_numbers_dropped():
    long = "一是严格落实保密审查制度，确保所有发布的信息在经过严谨审核、确认无误后方予公开。" * 4
    text = pdf_to_text(docgen.to_pdf([TITLE, "一、总体情况", long, "二、主动公开政府信息情况"], page_numbers=True),
                       "a.pdf")
    assert text.splitlines() == [TITLE, "一、总体情况", long, "二、主动公开政府信息情况"]


# ---- sniffing ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "name", "kind"), [
    (b"%PDF-1.7\n", "a.txt", sniff.PDF),
    (b"<!DOCTYPE html><html>", "a.txt", sniff.HTML),
    ("<html><body>报告</body></html>".encode("utf-16"), "a.txt", sniff.HTML),
    (b"<p>\xc4\xb3</p>", "a.htm", sniff.HTML),
    ("规章 <3 条>".encode(), "a.txt", sniff.TEXT),
    ("一、总体情况\n".encode(), "a.doc", sniff.TEXT),
])
def test_sniff_by_content(data, name, kind):
    assert sniff.detect(data, name) == kind


def test_sniff_docx_by_content_whatever_the_name():
    assert sniff.detect(docgen.to_docx([TITLE]), "a.doc") == sniff.DOCX


def test_pdf_unruled_table_columns_become_tabs():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont("STSong-Light", 10.5)
    rows = [[TITLE], ["信息内容", "本年制发件数", "本年废止件数"], ["规章", "3", "0"], ["Some English words here"]]
    for n, row in enumerate(rows):
        for i, cell in enumerate(row):
            c.drawString(60 + i * 150, 780 - 20 * n, cell)
    c.save()
    assert pdf_to_text(out.getvalue(), "a.pdf").splitlines() == ["\t".join(row) for row in rows]


def test_docx_alt_chunk_of_html_is_read_in_place():
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    page = docgen.to_html([TITLE, [[docgen.Cell("规章", rowspan=2), docgen.Cell("3")], [docgen.Cell("4")]]])

    def build(d):
        d.add_paragraph("前言")
        part = Part(PackURI("/word/afchunk.htm"), "text/html", page, d.part.package)
        rid = d.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
        d.element.body.insert(1, parse_xml(
            '<w:altChunk xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://'
            f'schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'))
        d.add_paragraph("\t缩进\t段落")

    assert _docx(build).splitlines() == ["前言", TITLE, "规章\t3", "\t4", "\t缩进\t段落"]
