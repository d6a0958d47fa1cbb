"""Word files (.docx) → report text: paragraphs and tables in body order, merged cells as grids.

The zip is checked before python-docx opens it (size, compression ratio: a decompression bomb is
refused), and the body XML is walked in order, so text and tables keep their places.
"""
from __future__ import annotations

import io
import zipfile

from .grid import BREAK, Block, SourceCell, TableBlock, render, span_value

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all members together
MAX_DOCUMENT_XML = 40 * 1024 * 1024  # the body part alone (a long report is well under 2 MB)
MAX_RATIO = 100  # uncompressed/compressed, for members over 1 MB
MAX_MEMBERS = 20_000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {f"{W}delText", f"{W}instrText", f"{W}rPr", f"{W}pPr", f"{W}tcPr", f"{W}trPr", f"{W}tblPr",
         f"{W}tblGrid", f"{W}fldData", f"{W}del", f"{W}moveFrom", f"{W}commentReference"}
_CONTAINERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo", f"{W}smartTag"}


def check_zip(data: bytes, name: str = "", main_part: str = "word/document.xml") -> zipfile.ZipFile:
    """Open the zip container, refusing a corrupt one or a decompression bomb (ReadError)."""
    from ..errors import ReadError

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise ReadError(f"文件已损坏，无法作为 Word 文档打开（{e}）：{name}") from None
    if len(members) > MAX_MEMBERS:
        raise ReadError(f"文件内部条目过多（{len(members)} 个），疑似损坏或恶意构造，拒绝读取：{name}")
    total = 0
    for info in members:
        total += info.file_size
        big = info.file_size > 1024 * 1024
        if big and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(f"文件压缩比异常（{info.filename} 解压后 {info.file_size // 1048576} MB），"
                            f"疑似“压缩炸弹”，拒绝读取：{name}")
        if info.filename == main_part and info.file_size > MAX_DOCUMENT_XML:
            raise ReadError(f"文档正文过大（{info.file_size // 1048576} MB），拒绝读取：{name}")
    if total > MAX_UNCOMPRESSED:
        raise ReadError(f"文件解压后过大（{total // 1048576} MB，上限 {MAX_UNCOMPRESSED // 1048576} MB），"
                        f"拒绝读取：{name}")
    return archive


def docx_to_text(data: bytes, name: str = "") -> str:
    """Render a .docx as report text (see grid.render)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from ..errors import ReadError

    archive = check_zip(data, name)
    if "word/document.xml" not in archive.namelist():
        raise ReadError(f"不是有效的 Word（.docx）文档，缺少正文部分：{name}")
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError, EOFError) as e:
        raise ReadError(f"Word 文档已损坏，无法打开（{_short(e)}）：{name}") from None
    except Exception as e:  # lxml XMLSyntaxError and other parse failures of a broken part
        raise ReadError(f"Word 文档内容损坏，无法解析（{_short(e)}）：{name}") from None
    numbering = _Numbering(document)
    blocks: list[Block] = []
    try:
        _body(body, blocks, numbering)
    except RecursionError:
        raise ReadError(f"Word 文档结构嵌套过深，无法读取：{name}") from None
    return render(blocks)


def _short(e: Exception) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0][:80]


def _body(container, blocks: list[Block], numbering: _Numbering) -> None:
    """Paragraphs and tables of a body (or a layout cell) in document order."""
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            text = numbering.prefix(child) + _inline(child)
            blocks.extend(line for line in text.split("\n"))
        elif tag == f"{W}tbl":
            _table(child, blocks, numbering)
        elif tag in _CONTAINERS:
            _body(child, blocks, numbering)
        elif tag == f"{W}altChunk":
            blocks.extend(_alt_chunk(child, numbering.document))


def _alt_chunk(el, document) -> list[str]:
    """An imported chunk (w:altChunk): HTML, text or another .docx stored as its own part."""
    rid = el.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    part = document.part.related_parts.get(rid) if document is not None and rid else None
    if part is None or len(part.blob) > MAX_DOCUMENT_XML:
        return []
    from ..errors import ReadError

    content_type = part.content_type.lower()
    try:
        if "html" in content_type or "mhtml" in content_type or "rfc822" in content_type:
            from .html import html_to_text, mhtml_to_text

            is_mime = b"mime-version:" in part.blob[:1024].lower()
            text = mhtml_to_text(part.blob, "") if is_mime else html_to_text(part.blob, "")
        elif "wordprocessingml" in content_type:
            text = docx_to_text(part.blob, "")
        elif content_type.startswith("text/"):
            from ..decoding import decode

            text = decode(part.blob)
        else:
            return []
    except ReadError:
        return []
    return text.splitlines()


def _inline(el) -> str:
    """The visible text of a paragraph: runs, tabs and breaks; deleted text and field codes left out."""
    parts: list[str] = []

    def visit(node) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag == f"{W}tab":
                if node.tag == f"{W}r":  # a tab character in a run (not a tab stop definition)
                    parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag not in _SKIP and isinstance(tag, str):
                visit(child)

    visit(el)
    return "".join(parts)


def _children(el, tag: str) -> list:
    """The w:p / w:tr / w:tc children of an element, looking through content controls, tracked
    insertions and the other transparent containers."""
    out = []
    for child in el:
        if child.tag == f"{W}{tag}":
            out.append(child)
        elif child.tag in _CONTAINERS:
            out.extend(_children(child, tag))
    return out


def _val(el, path: str) -> str | None:
    found = el.find(path)
    if found is None:
        return None
    return found.get(f"{W}val", "")


def _table(tbl, blocks: list[Block], numbering: _Numbering) -> None:
    rows = _children(tbl, "tr")
    if tbl.find(f".//{W}tc//{W}tbl") is not None or all(len(_children(tr, "tc")) <= 1 for tr in rows):
        for tr in rows:  # a layout table (nested tables, or one column): its cells are containers
            for tc in _children(tr, "tc"):
                _body(tc, blocks, numbering)
        return
    block = TableBlock()
    for tr in rows:
        cells: list[SourceCell] = []
        before = _val(tr, f"{W}trPr/{W}gridBefore")
        if before:
            cells.append(SourceCell("", colspan=span_value(before)))
        for tc in _children(tr, "tc"):
            span = span_value(_val(tc, f"{W}tcPr/{W}gridSpan"))
            vmerge = _val(tc, f"{W}tcPr/{W}vMerge")
            hmerge = _val(tc, f"{W}tcPr/{W}hMerge")
            covered = (vmerge is not None and vmerge != "restart") or (hmerge is not None and hmerge != "restart")
            text = BREAK.join(numbering.prefix(p) + _inline(p) for p in _children(tc, "p"))
            cells.append(SourceCell(text.replace("\t", " ").replace("\n", BREAK), colspan=span, covered=covered))
        block.rows.append(cells)
    blocks.append(block)


class _Numbering:
    """Automatic list numbers (一、 （一） 1.) that Word shows but does not store in the text."""

    def __init__(self, document) -> None:
        self.document = document
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.styles: dict[str, tuple[str | None, str | None]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError, ValueError):
            return
        from .numbering import read_formats, style_numbering

        self.formats = read_formats(part.element)
        try:
            self.styles = style_numbering(document.styles.element)
        except (KeyError, AttributeError, ValueError):
            self.styles = {}

    def prefix(self, p) -> str:
        if not self.formats:
            return ""
        num_id = _val(p, f"{W}pPr/{W}numPr/{W}numId")
        level = _val(p, f"{W}pPr/{W}numPr/{W}ilvl")
        if num_id is None:  # numbered through its paragraph style (List Number, 标题 1 …)
            num_id, style_level = self.styles.get(_val(p, f"{W}pPr/{W}pStyle") or "", (None, None))
            level = level or style_level
        level = level or "0"
        if not num_id or num_id == "0" or not level.isdigit():
            return ""
        from .numbering import format_number

        ilvl = int(level)
        fmt = self.formats.get((num_id, ilvl))
        if fmt is None:
            return ""
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, fmt[2] - 1) + 1
        for (n, lvl) in list(self.counters):
            if n == num_id and lvl > ilvl:
                del self.counters[(n, lvl)]
        return format_number(fmt[1], ilvl, {lvl: c for (n, lvl), c in self.counters.items() if n == num_id},
                             {lvl: f for (n, lvl), f in self.formats.items() if n == num_id})
