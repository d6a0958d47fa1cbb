"""Report bytes → text whatever the encoding (below the readers of parser/formats/, which decode too)."""
from __future__ import annotations

import codecs


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
