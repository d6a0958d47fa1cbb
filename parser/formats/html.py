"""Saved web pages (.html/.htm, UTF-8 or GBK) → report text: paragraphs as lines, tables as grids.

Site chrome (navigation, menus, breadcrumbs, share bars, footers, scripts) is left out, conservatively:
an element that holds a table or the report's title is always kept.
"""
from __future__ import annotations

import codecs
import re

from .grid import BREAK, Block, SourceCell, TableBlock, collapse, render, span_value

_DROP = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "svg",
         "canvas", "select", "option", "button", "input", "textarea", "map", "audio", "video", "applet"}
_CHROME_TAGS = {"nav", "header", "footer", "aside", "menu"}
_CHROME_WORDS = re.compile(r"nav|menu|footer|breadcrumb|crumb|share|sidebar|topbar|toolbar|copyright|friendlink",
                           re.IGNORECASE)
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "dl", "dt", "dd", "blockquote", "center", "address", "figure", "figcaption", "form", "fieldset",
          "hr", "table", "tr", "td", "th", "caption", "body", "html", "pre", "details", "summary", "font"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{2,40})""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_DATA_URI = re.compile(rb"""data:[a-zA-Z/+.-]{0,40};base64,[A-Za-z0-9+/=\s]{200,}""")
_GBK_NAMES = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "x-euc-cn", "gb18030"}


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The page's text: BOM, else the declared or <meta> charset if the bytes really are in it, else detection."""
    from ..decoding import decode

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    m = _META_CHARSET.search(data[:8192])
    if declared or m:
        name = (declared or (m.group(1).decode("ascii", "replace") if m else "")).lower()
        encoding = "gb18030" if name in _GBK_NAMES else name
        if encoding != "utf-8":  # pages re-encoded to UTF-8 by a server often keep their old meta
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            codecs.lookup(encoding)
            if "16" not in encoding and "32" not in encoding:  # a UTF-16 page without a BOM is detected below
                return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def strip_inline_images(data: bytes) -> bytes:
    """The page without its inline base64 images (data: URIs), which are megabytes of no text."""
    return _DATA_URI.sub(b"data:,", data) if b"base64," in data else data


def mhtml_to_text(data: bytes, name: str = "") -> str:
    """A page saved as a single file (.mht/.mhtml, MIME): render its HTML part."""
    import email
    import email.policy

    from ..errors import ReadError

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return html_to_text(payload, name, part.get_content_charset())
    raise ReadError(f"单文件网页（.mht）中没有找到网页正文：{name}")


_EMBEDDED_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)


def render_embedded_tables(text: str) -> str:
    """Plain text or Markdown holding HTML tables (what PDF/OCR converters write for merged cells): each
    <table>…</table> rendered as rows of TAB-separated cells, the rest of the text left as it is."""
    def rendered(m: re.Match) -> str:
        try:
            return "\n" + html_to_text(m.group().encode("utf-8"), encoding="utf-8").strip("\n") + "\n"
        except Exception:  # a malformed fragment stays as printed
            return m.group()
    return _EMBEDDED_TABLE.sub(rendered, text)


def html_to_text(data: bytes, name: str = "", encoding: str | None = None) -> str:
    """Render a saved web page as report text (see grid.render)."""
    import lxml.html
    from lxml import etree

    from ..errors import ReadError

    data = strip_inline_images(data)
    text = _CONTROL.sub("", _XML_DECL.sub("", decode_html(data, encoding), count=1))
    if not text.strip():
        raise ReadError(f"网页文件为空：{name}")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise ReadError(f"网页无法解析（{_short(e)}）：{name}") from None
    page = _Page(root)
    try:
        page.walk(root.find("body") if root.find("body") is not None else root)
    except RecursionError:
        raise ReadError(f"网页结构嵌套过深，无法读取：{name}") from None
    page.flush()
    return render(page.blocks)


def _short(e: Exception) -> str:
    return str(e).splitlines()[0][:80] if str(e) else type(e).__name__


class _Page:
    """Walks the element tree once, collecting paragraphs (lines) and tables in document order."""

    def __init__(self, root) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.total_chars = max(1, len(collapse(root.text_content() or "")))

    def flush(self) -> None:
        line = collapse("".join(self.parts))
        self.parts = []
        if line:
            self.blocks.append(line)

    def add(self, s: str | None) -> None:
        if s:
            self.parts.append(s)

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comment or processing instruction: only its tail is text
            return
        tag = tag.lower()
        if tag in _DROP or self._is_chrome(el, tag):
            return
        if tag == "br":
            self.flush()
            return
        if tag == "pre":
            self.flush()
            for line in (el.text_content() or "").splitlines():
                self.blocks.append(line.rstrip())
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        block = tag in _BLOCK and tag != "font"
        if block:
            self.flush()
        self.add(el.text)
        for child in el:
            self.walk(child)
            self.add(child.tail)
        if block:
            self.flush()

    def _is_chrome(self, el, tag: str) -> bool:
        style = el.get("style") or ""
        marked = tag in _CHROME_TAGS or _CHROME_WORDS.search(f"{el.get('id') or ''} {el.get('class') or ''}")
        if not marked and not _HIDDEN.search(style):
            return False
        if el.find(".//table") is not None or el.find(".//h1") is not None:
            return False
        if tag == "header" and el.xpath("ancestor::article|ancestor::main"):
            return False
        text = collapse(el.text_content() or "")
        if "报告" in text and len(text) < 200 and el.xpath(".//*[self::h1 or self::h2 or self::h3]"):
            return False
        return len(text) < 0.3 * self.total_chars  # never drop most of the page

    def table(self, el) -> None:
        rows = _rows(el)
        nested = el.xpath(".//table")
        if nested or all(len(cells) <= 1 for cells in rows):
            self._layout_table(rows)  # a table used for page layout: its cells are containers
            return
        block = TableBlock()
        for cells in rows:
            block.rows.append([
                SourceCell(_cell_text(cell), span_value(cell.get("rowspan")), span_value(cell.get("colspan")))
                for cell in cells
            ])
        self.blocks.append(block)
        caption = el.find("caption")
        if caption is not None:
            self.blocks.insert(len(self.blocks) - 1, collapse(caption.text_content() or ""))

    def _layout_table(self, rows) -> None:
        for cells in rows:
            for cell in cells:
                self.flush()
                if self._is_chrome(cell, cell.tag.lower()):
                    continue
                self.add(cell.text)
                for child in cell:
                    self.walk(child)
                    self.add(child.tail)
                self.flush()


def _rows(table) -> list[list]:
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    return [[c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")] for tr in rows]


def _cell_text(cell) -> str:
    parts: list[str] = []

    def visit(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is not None and tag not in _DROP:
            if tag in ("br", "p", "div", "li", "tr", "td", "th"):
                parts.append(BREAK)
            if el.text:
                parts.append(el.text)
            for child in el:
                visit(child)
        if el.tail and el is not cell:
            parts.append(el.tail)

    try:
        visit(cell)
    except RecursionError:
        return collapse(cell.text_content() or "")
    return collapse("".join(parts))
