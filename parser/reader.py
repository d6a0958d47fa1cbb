"""Files → decoded text. Every failure is a ReadError with a one-line reason in Chinese."""
from __future__ import annotations

import codecs
from pathlib import Path

MAX_BYTES = 60 * 1024 * 1024  # larger files are refused, not read into memory


class ReadError(Exception):
    """A file that cannot be read as a report; str(e) is a one-line reason in Chinese."""


def decode(data: bytes) -> str:
    """Decode report bytes whatever the encoding: BOMs, UTF-8, GB18030/GBK, UTF-16 without BOM."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:  # UTF-16 without BOM: many NULs
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        return data.decode("utf-16-be" if even_nuls > odd_nuls else "utf-16-le", errors="replace")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("gb18030", errors="replace")


def read_text(path: str | Path) -> str:
    """The text of a report file as the reviewer will see it (spans point into this string)."""
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
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(f"无法读取文件：{p}（{e.strerror or e}）") from None
    return text_from_bytes(data, p.name)


def text_from_bytes(data: bytes, name: str = "") -> str:
    """Decode the bytes of a file called `name` into report text (dispatching on its format)."""
    if not data.strip():
        raise ReadError(f"文件为空：{name}")
    text = decode(data)
    if _looks_binary(text):
        raise ReadError(f"不是文本文件，无法识别其内容：{name}")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:8000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f\v") or ch == "\ufffd")
    return bad > max(8, len(sample) // 20)
