"""PDFs with a text layer → report text: text lines and ruled tables in reading order (pdfplumber).

Tables continued on the next page are joined; page numbers between them are dropped. A PDF without
text (a scan, or fonts without a character map) raises NeedsOCR: the reader then reads its pages by OCR.
A password or a broken file is refused.
Every word of a text line and every ruled table cell keeps where it was printed (page, box), so the
cells parsed from the text get their boxes (parser.layout runs; the page view outlines them).
"""
from __future__ import annotations

import io
import re

from ..layout import PageText, Run
from .grid import Block, SourceCell, TableBlock, render

MAX_PAGES = 500
OCR_MESSAGE = "该 PDF 没有文字层（可能是扫描件），请先进行 OCR 识别后再导入"
_PAGE_NUMBER = re.compile(r"^[\s\-—–－·•]*(第\s*)?(\d{1,4}|[ivxlcIVXLC]{1,6})\s*(页)?"
                          r"(\s*[/／]\s*(共\s*)?\d{1,4}\s*页?)?[\s\-—–－·•]*$")

_CID = re.compile(r"\(cid:\d+\)")
_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))")


Where = tuple[int, tuple[float, float, float, float]]  # 1-based page, box (x0, top, x1, bottom) in points


class _Line(str):
    """A text line of a page with the words it was printed as: (start in the line, end, where)."""

    words: list[tuple[int, int, Where]]


def pdf_to_text(data: bytes, name: str = "") -> str:
    """Render a PDF's text layer as report text (see grid.render); ReadError if there is none."""
    return pdf_page_text(data, name).text


def pdf_page_text(data: bytes, name: str = "") -> PageText:
    """The report text of a PDF's text layer with where its words and table cells were printed."""
    from ..errors import NeedsOCR, ReadError

    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n_pages = len(pdf.pages)
            if n_pages > MAX_PAGES:
                raise ReadError(f"PDF 页数过多（{n_pages} 页，上限 {MAX_PAGES} 页），不像单份年度报告：{name}")
            blocks, chars, images = _read_pages(pdf)
    except ReadError:
        raise
    except Exception as e:  # pdfminer raises many kinds of errors on a broken or encrypted file
        if _is_password_error(e):
            raise ReadError(f"PDF 文件有密码保护，无法读取；请解除密码（另存为无密码的 PDF）后再导入：{name}") from None
        text = _fallback_text(data)
        if text is None:
            raise ReadError(f"PDF 文件已损坏，无法读取（{_short(e)}）：{name}") from None
        if not text.strip():
            raise NeedsOCR(f"{OCR_MESSAGE}：{name}") from None
        return PageText(text)  # pdfium's plain text: no positions
    if chars < 10 * max(n_pages, 1) and (images or chars == 0):
        raise NeedsOCR(f"{OCR_MESSAGE}：{name}")
    text = render(blocks)
    if len(_CID.findall(text)) * 8 > 0.3 * len(text):
        raise NeedsOCR(f"PDF 的文字无法提取（字体缺少编码映射，只能读到乱码），请先进行 OCR 识别后再导入：{name}")
    return PageText(text, _runs(blocks, text))


def _runs(blocks: list[Block], text: str) -> list[Run]:
    """Where each word and table cell of the rendered text was printed: each block's lines are found in
    the text in order (render writes them so), and within a line its words / cells by their offsets."""
    runs: list[Run] = []
    cursor = 0
    for block in blocks:
        if isinstance(block, _PageTable):
            for r, row in enumerate(block.grid()):
                line = "\t".join(row)
                at = text.find(line, cursor) if any(row) else -1
                if at < 0:
                    continue
                cursor, offset = at + len(line), at
                for c, cell in enumerate(row):
                    where = block.where.get((r, c))
                    if cell and where:
                        runs.append(Run(offset, offset + len(cell), where[0], where[1]))
                    offset += len(cell) + 1
        elif isinstance(block, _Line):
            line = block.strip(" \r\n\f\v\u3000\xa0")
            at = text.find(line, cursor) if line.strip() else -1
            if at < 0:
                continue
            shift = at - block.index(line)  # the line's start in the text, less what strip removed
            cursor = at + len(line)
            runs += [Run(shift + a, shift + b, *where) for a, b, where in block.words if a >= 0 and b > a]
    return runs


def _short(e: Exception) -> str:
    s = str(e).splitlines()[0] if str(e) else ""
    return (s or type(e).__name__)[:80]


def _is_password_error(e: BaseException | None) -> bool:
    seen = 0
    while e is not None and seen < 10:
        if "password" in type(e).__name__.lower() or "password" in str(e).lower():
            return True
        if type(e).__name__ in ("PDFEncryptionError", "PDFEncryptionWarning"):
            return True
        e = e.__cause__ or e.__context__ or (e.args[0] if e.args and isinstance(e.args[0], BaseException) else None)
        seen += 1
    return False


def _read_pages(pdf) -> tuple[list[Block], int, int]:
    """All pages as blocks in reading order, with the count of text characters and of images."""
    blocks: list[Block] = []
    chars = images = 0
    for page in pdf.pages:
        page_blocks = _page_blocks(page)
        chars += sum(1 for c in page.chars if not c.get("text", "").isspace())
        images += len(page.images)
        page.close()
        # A table continued from the previous page: join the rows (page numbers/headers already dropped).
        first, last = (page_blocks[0], blocks[-1]) if page_blocks and blocks else (None, None)
        if isinstance(first, TableBlock) and isinstance(last, TableBlock):
            _join(last, first)
            page_blocks.pop(0)
        blocks += page_blocks
    return blocks, chars, images


class _PageTable(TableBlock):
    """A ruled table as found on a page: each cell's text with the x position of its left edge."""

    def __init__(self, placed: list[list[tuple[float, str, Where]]]) -> None:
        super().__init__()
        self.placed = placed
        self.where: dict[tuple[int, int], Where] = {}  # grid position → where the cell was printed
        self.regrid(_columns(placed))

    def regrid(self, lefts: list[float]) -> None:
        """Put every cell in the column whose left edge it starts at (merged positions stay empty)."""
        self.rows, self.where = [], {}
        for r, row in enumerate(self.placed):
            cells = [""] * len(lefts)
            for x0, text, where in row:
                c = min(range(len(lefts)), key=lambda i: abs(lefts[i] - x0))
                cells[c] = text
                self.where[(r, c)] = where
            self.rows.append([SourceCell(t) for t in cells])


def _columns(placed: list[list[tuple[float, str, Where]]]) -> list[float]:
    lefts: list[float] = []
    for x0 in sorted(x for row in placed for x, _, _ in row):
        if not lefts or x0 - lefts[-1] > 2.0:
            lefts.append(x0)
    return lefts or [0.0]


def _join(first: TableBlock, rest: TableBlock) -> None:
    """Continue `first` with the rows of `rest` (the same table on the next page), on one column grid."""
    if isinstance(first, _PageTable) and isinstance(rest, _PageTable):
        header = [t for _, t, _ in rest.placed[0]] if rest.placed else []
        if first.placed and header == [t for _, t, _ in first.placed[0]] and sum(1 for t in header if t) >= 2 \
                and not any(re.search(r"\d", t) for t in header):
            rest.placed = rest.placed[1:]  # the header row repeated on the new page (labels, no numbers)
        first.placed += rest.placed
        first.regrid(_columns(first.placed))
    else:
        first.rows += rest.rows


def _page_blocks(page) -> list[Block]:
    tables = [t for t in page.find_tables() if t.rows]
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    items: list[tuple[float, int, Block]] = []
    lines = (page.filter(outside) if boxes else page).extract_text_lines(return_chars=True)
    n = page.page_number
    for line in lines:
        line["text"], line["words"] = _spaced(line.get("chars") or [], line["text"], n)
    for i, line in enumerate(_paragraphs(lines, page.width)):
        printed = _Line(line["text"])
        printed.words = line["words"]
        items.append((line["top"], i, printed))
    for j, table in enumerate(tables):
        texts = table.extract()
        block = _PageTable([[(box[0], text or "", (n, tuple(box))) for box, text in zip(row.cells, row_texts,
                                                                                       strict=False)
                             if box is not None] for row, row_texts in zip(table.rows, texts, strict=False)])
        items.append((table.bbox[1], len(lines) + j, block))
    items.sort(key=lambda t: (t[0], t[1]))
    ordered = [b for _, _, b in items]
    # page numbers at the top or the bottom of the page are not report text
    while ordered and isinstance(ordered[-1], str) and _PAGE_NUMBER.match(ordered[-1]):
        ordered.pop()
    while ordered and isinstance(ordered[0], str) and _PAGE_NUMBER.match(ordered[0]):
        ordered.pop(0)
    return ordered


def _spaced(chars: list[dict], fallback: str, page: int = 0) -> tuple[str, list[tuple[int, int, Where]]]:
    """A line's text from its characters: a wide gap (an unruled table's columns) becomes a TAB.
    With it the line's words (runs of characters between two such gaps): start, end, where printed."""
    if not chars:
        return fallback, []
    out = [chars[0]["text"]]
    starts = [0]  # indexes into chars where a word starts
    for i, (prev, ch) in enumerate(zip(chars, chars[1:], strict=False), 1):
        size = max(prev.get("size") or 0, ch.get("size") or 0, 4.0)
        gap = ch["x0"] - prev["x1"]
        if gap > 1.5 * size:
            out.append("\t")
            starts.append(i)
        elif gap > 0.6 * size or (gap > 0.2 * size and not (_wide(prev["text"]) and _wide(ch["text"]))):
            out.append(" ")  # a word space; justified CJK text has small gaps that are no spaces
            starts.append(i)
        out.append(ch["text"])
    raw = "".join(out)
    lead = len(raw) - len(raw.lstrip())
    words, offset = [], -lead
    for a, b in zip(starts, [*starts[1:], len(chars)], strict=False):
        group = chars[a:b]
        length = sum(len(c["text"]) for c in group)
        box = (min(c["x0"] for c in group), min(c["top"] for c in group),
               max(c["x1"] for c in group), max(c["bottom"] for c in group))
        words.append((offset, offset + length, (page, box)))
        offset += length + 1
    return raw.strip(), words


def _paragraphs(lines: list[dict], page_width: float) -> list[dict]:
    """Join a paragraph's wrapped lines: a line that runs to the right margin continues on the next
    (lines of table cells, split by TABs, are rows and are never joined)."""
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    right = max(max(line["x1"] for line in lines), page_width - left)  # margins as wide as the left one
    out = [dict(lines[0])]
    for line in lines[1:]:
        prev = out[-1]
        em = max(4.0, (prev["bottom"] - prev["top"]))
        gap = line["top"] - prev["bottom"]
        if prev["x1"] >= right - 1.5 * em and line["x0"] <= left + 0.5 * em and gap < em and \
                not _PAGE_NUMBER.match(line["text"]) and not _HEADING.match(line["text"]) and \
                prev["text"][-1:] not in "。！？!?：:；;" and \
                "\t" not in prev["text"] + line["text"]:  # not a paragraph end filling its line, nor a table row
            joiner = "" if _wide(prev["text"][-1:]) or _wide(line["text"][:1]) else " "
            shift = len(prev["text"]) + len(joiner)
            prev["words"] = prev.get("words", []) + [(a + shift, b + shift, w) for a, b, w in line.get("words", [])]
            prev["text"] = prev["text"] + joiner + line["text"]
            prev["x1"], prev["bottom"] = line["x1"], line["bottom"]
        else:
            out.append(dict(line))
    return out


def _wide(ch: str) -> bool:
    return bool(ch) and ord(ch) >= 0x2E80


def _fallback_text(data: bytes) -> str | None:
    """Plain text via pdfium, which opens many files pdfminer cannot; None if it cannot either."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
        try:
            if len(doc) > MAX_PAGES:
                return None
            pages = []
            for i in range(len(doc)):
                page = doc[i]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
                textpage.close()
                page.close()
            return "\n".join(pages)
        finally:
            doc.close()
    except Exception:
        return None
