"""Files → decoded text. Every failure is a ReadError (parser/errors.py) with a one-line reason in Chinese."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .decoding import decode
from .errors import INTERNAL_ERROR, NeedsOCR, ReadError
from .layout import PageText

MAX_BYTES = 60 * 1024 * 1024  # larger files are refused, not read into memory
MAX_TEXT_BYTES = 16 * 1024 * 1024  # a text or web page this big is not one report (a long one is < 1 MB)
MAX_TEXT_CHARS = 3_000_000  # rendered text longer than this is refused (the text pane shows all of it)


def read_text(path: str | Path) -> str:
    """The text of a report file as the reviewer will see it (spans point into this string)."""
    p = Path(path)
    return text_from_bytes(read_bytes(p), p.name)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a report file; ReadError (Chinese) when missing, a folder, too big or unreadable."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ReadError(f"文件不存在：{p}") from None
    except OSError as e:
        raise ReadError(f"无法读取文件：{p}（{e.strerror or e}）") from None
    if p.is_dir():
        raise ReadError(f"这是一个文件夹，不是报告文件：{p}")
    if size > MAX_BYTES:
        raise ReadError(f"文件过大（{size / 1048576:.0f} MB），超过 {MAX_BYTES // 1048576} MB 上限：{p}")
    try:
        return p.read_bytes()
    except OSError as e:
        raise ReadError(f"无法读取文件：{p}（{e.strerror or e}）") from None


def text_from_bytes(data: bytes, name: str = "") -> str:
    """The report text of the bytes of a file called `name` (see page_text_from_bytes)."""
    return page_text_from_bytes(data, name).text


def page_text_from_bytes(data: bytes, name: str = "") -> PageText:
    """The report text of the bytes of a file called `name`, whatever its format (sniffed from the content),
    with where on the pages its stretches were printed when it was read from pages.

    Text (any encoding), web pages (.html/.htm/.mht, also when named .txt), Word .docx and PDFs with a
    text layer are rendered to plain text: paragraphs as lines, each table row as one line of
    TAB-separated cells (merged cells once, at their top-left position). Images (PNG, JPEG, TIFF, BMP…)
    and PDFs without usable text are read by OCR into the same shape. Anything else, and anything
    that is not a report, raises ReadError with a one-line reason in Chinese.
    """
    from .formats import sniff

    if _blank(data):
        raise ReadError(f"文件为空：{name}")
    try:
        kind = sniff.detect(data, name)
    except sniff.Unsupported as e:
        raise ReadError(f"{e}：{name}") from None
    if kind == sniff.HTML:
        from .formats.html import strip_inline_images

        data = strip_inline_images(data)  # a page saved as one file: megabytes of base64 images, no text
    if kind in (sniff.TEXT, sniff.HTML, sniff.MHTML) and len(data) > MAX_TEXT_BYTES:
        raise ReadError(f"文本过长（{len(data) / 1048576:.0f} MB），远超一份年度报告的篇幅，"
                        f"请确认文件内容或拆分后再导入：{name}")
    try:
        try:
            page_text = _read_pages(kind, data, name) if kind in (sniff.PDF, sniff.IMAGE) else \
                PageText(_render(kind, data, name))
        except NeedsOCR:
            page_text = _ocr(data, name)
        text = page_text.text
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"文件结构嵌套过深，无法读取：{name}") from None
    except MemoryError:
        raise ReadError(f"文件内容过大，内存不足，无法读取：{name}") from None
    except Exception as e:  # a reader library failing on a malformed file must not stop a batch
        raise ReadError(f"{INTERNAL_ERROR}（{type(e).__name__}）：{name}") from None
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(f"文本过长（{len(text) // 10000} 万字），远超一份年度报告的篇幅，请确认文件内容：{name}")
    if not text.strip():
        raise ReadError(f"文件中没有文字内容：{name}")
    try:
        ensure_report_like(text, name)
    except ReadError:
        if page_text.ocr:
            raise ReadError(f"扫描件中未找到年度报告的标题、章节或统计表（图像可能过于模糊，或不是年度报告）："
                            f"{name}") from None
        raise
    return page_text


def _read_pages(kind: str, data: bytes, name: str) -> PageText:
    """A PDF's text layer with where each word was printed; OCR of its pages when it has none, and of
    page images."""
    from .formats import sniff

    if kind == sniff.PDF:
        from .formats.pdf import pdf_page_text

        return pdf_page_text(data, name)
    return _ocr(data, name)


def _ocr(data: bytes, name: str) -> PageText:
    """The pages of a scan read by OCR (the engine is loaded only now, once per process)."""
    from .ocr import read_scan

    return read_scan(data, name)


def _blank(data: bytes) -> bool:
    """Nothing but whitespace and NULs (checked without copying a big file)."""
    blank = b" \t\r\n\x00\x0b\x0c"
    return not data[:65536].strip(blank) and not (len(data) > 65536 and data.strip(blank))


def _render(kind: str, data: bytes, name: str) -> str:
    from .formats import sniff

    if kind == sniff.TEXT:
        text = decode(data)
        if _looks_binary(text):
            raise ReadError(f"不是文本文件，也不是可识别的文档格式，无法读取：{name}")
        if "</td>" in text or "</TD>" in text:  # Markdown from a converter, its tables in HTML
            from .formats.html import render_embedded_tables

            return render_embedded_tables(text)
        return text
    if kind == sniff.HTML:
        from .formats.html import html_to_text

        return html_to_text(data, name)
    if kind == sniff.MHTML:
        from .formats.html import mhtml_to_text

        return mhtml_to_text(data, name)
    from .formats.docx import docx_to_text  # DOCX: PDFs and images are read with their pages

    return docx_to_text(data, name)


def _looks_binary(text: str) -> bool:
    sample = text[:8000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f\v") or ch == "\ufffd")
    return bad > max(8, len(sample) // 20)


_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")


@cache
def _markers() -> tuple[str, ...]:
    """Section titles and table labels of every format version, as printed (from the template data)."""
    from .template import sections, versions

    found = {s.title for s in sections()}
    for v in versions().values():
        for t in v.tables:
            found.add(t.title)
            for b in t.blocks:
                found.update(c.label for c in b.columns)
                for r in b.rows:
                    found.update(_NUMBERING.sub("", label) for label in (r.label, *r.aliases))
    return tuple(sorted(m for m in found if len(m) >= 4))


def ensure_report_like(text: str, name: str = "") -> None:
    """Raise ReadError unless the text looks like (part of) an information-disclosure annual report.

    Conservative: a title (…年度报告 / 政府信息公开…报告) or a few section titles and table labels are
    enough, so truncated and badly damaged reports, Traditional characters included, still pass.
    """
    head = re.sub(r"\s+", "", text[:600_000])
    if _report_score(head) >= 3:
        return
    if re.search(r"[\u4e00-\u9fff]", head):
        try:
            from opencc import OpenCC

            simplified = OpenCC("t2s").convert(_PINYIN.sub("", head))
        except Exception:  # opencc missing or failing: judge the text as it is
            simplified = head
        if _report_score(simplified) >= 3:
            return
    raise ReadError(f"不是政府信息公开工作年度报告：未找到报告标题、章节标题或统计表：{name}")


def _report_score(s: str) -> int:
    score = 0
    if "政府信息公开" in s:
        score += 1
    if re.search(r"年度?报告|工作报告|年报", s):
        score += 2 if "政府信息公开" in s else 1
    score += sum(1 for m in _markers() if m in s)
    return score


# What a folder may hold that is a report (or that we can at least say why we cannot read).
REPORT_SUFFIXES = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".mht", ".mhtml", ".docx", ".pdf", ".doc",
                   ".wps", ".rtf", ".odt", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}


def expand(paths: list[str]) -> list[Path]:
    """Files as given, and the report files inside folders (sorted)."""
    out: list[Path] = []
    for s in paths:
        p = Path(s)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES))
        else:
            out.append(p)
    return out
