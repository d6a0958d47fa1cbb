"""The parser's one error: a file that cannot be read as a report, with a one-line reason in Chinese.

Below the readers (parser/formats/) and the reader that dispatches to them, so each can raise it."""
from __future__ import annotations

INTERNAL_ERROR = "文件内容异常，无法读取"


class ReadError(Exception):
    """A file that cannot be read as a report; str(e) is a one-line reason in Chinese."""


class NeedsOCR(ReadError):
    """A PDF whose text cannot be taken from its text layer (a scan, or fonts without a character map):
    its pages are to be read by OCR. str(e) says why, for when OCR cannot read them either."""
