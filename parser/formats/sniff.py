"""Which format a file really is, from its content first and its name second.

A .txt that holds a web page is read as HTML, a .doc that is really HTML or RTF is named as such,
and a .docx must be a zip with a Word body. Formats we cannot read get a message naming what to
convert the file to.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

TEXT, HTML, DOCX, PDF, MHTML, IMAGE = "text", "html", "docx", "pdf", "mhtml", "image"

_SAVE_AS = "请在 Word/WPS 中另存为 .docx 或 PDF 后再导入"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_STRONG_HTML = re.compile(rb"<\s*(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)", re.IGNORECASE)
_WEAK_HTML = re.compile(rb"<\s*(table|tr|td|p|div|span|br|font|h[1-6])[\s/>]", re.IGNORECASE)
# page images read by OCR (parser.pages opens them)
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_ARCHIVE_MAGIC = ((b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"))
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"}


class Unsupported(Exception):
    """A format we do not read; str(e) says what to convert the file to (Chinese, one line)."""


def detect(data: bytes, name: str = "") -> str:
    """TEXT, HTML, DOCX, PDF, MHTML or IMAGE; raises Unsupported (with the advice) for anything else."""
    suffix = PurePath(name).suffix.lower()
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, suffix, name)
    if head.startswith(_OLE2):
        raise Unsupported(_ole_message(data, suffix))
    if head.lstrip()[:5].lower() == b"{\\rtf":
        raise Unsupported(f"暂不支持 RTF 格式（{suffix or '.rtf'}），{_SAVE_AS}")
    if head.startswith(_IMAGE_MAGIC) or (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return IMAGE
    if head.startswith(b"BM") and suffix == ".bmp":
        return IMAGE
    for magic, kind in _ARCHIVE_MAGIC:
        if head.startswith(magic):
            raise Unsupported(f"这是 {kind} 压缩包，请先解压，再导入其中的报告文件")
    if head.startswith((b"MZ", b"\x7fELF")):
        raise Unsupported("这是可执行程序，不是报告文件")
    if _is_mhtml(head):
        return MHTML
    ascii_head = head.replace(b"\x00", b"")  # UTF-16 text: the ASCII markup survives without the NULs
    if _STRONG_HTML.search(ascii_head):
        return HTML
    if _WEAK_HTML.search(ascii_head) and (suffix in (".htm", ".html", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp",
                                                     ".php", ".doc", ".wps")
                                          or ascii_head.lstrip().startswith(b"<")):
        return HTML
    if suffix in _IMAGE_SUFFIXES:  # named as an image but not one we can open (HEIC, or a broken file)
        raise Unsupported(f"无法打开 {suffix[1:].upper()} 图片（格式不受支持或文件已损坏），"
                          "请另存为 PNG、JPEG 或 PDF 后再导入")
    return TEXT


def _zip_kind(data: bytes, suffix: str, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype")[:100].decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError, RuntimeError,
            NotImplementedError):
        kind = "Word（.docx）文档" if suffix in (".docx", ".doc", ".wps", "") else "压缩文件"
        raise Unsupported(f"文件已损坏，无法作为{kind}打开（zip 结构错误）") from None
    if "word/document.xml" in names:
        return DOCX
    if "opendocument.text" in mimetype:
        raise Unsupported(f"暂不支持 OpenDocument（.odt）格式，{_SAVE_AS}")
    if "ofd" in suffix or any(n.lower().endswith("ofd.xml") for n in names):
        raise Unsupported("暂不支持 OFD 版式文件，请在数科/福昕阅读器中另存为 PDF 后再导入")
    if any(n.startswith("xl/") for n in names) or "spreadsheet" in mimetype:
        raise Unsupported("这是电子表格文件，不是报告正文；请导入报告本身（.docx、PDF、网页或文本）")
    if any(n.startswith("ppt/") for n in names) or "presentation" in mimetype:
        raise Unsupported("这是演示文稿文件，不是报告正文；请导入报告本身（.docx、PDF、网页或文本）")
    if suffix in (".docx", ".docm", ".dotx"):
        raise Unsupported("不是有效的 Word（.docx）文档：压缩包里没有正文部分（word/document.xml）")
    raise Unsupported("这是 zip 压缩包，请先解压，再导入其中的报告文件")


def _ole_message(data: bytes, suffix: str) -> str:
    if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data[:1 << 20] or suffix in (".xls", ".et"):
        return "这是旧版电子表格文件（.xls/.et），不是报告正文；请导入报告本身（.docx、PDF、网页或文本）"
    if suffix == ".wps":
        return f"暂不支持 WPS 文字（.wps）格式，{_SAVE_AS}"
    return f"暂不支持 .doc 格式（Word 97-2003），{_SAVE_AS}"


def _is_mhtml(head: bytes) -> bool:
    low = head[:1024].lower()
    return b"mime-version:" in low and b"multipart/related" in low
