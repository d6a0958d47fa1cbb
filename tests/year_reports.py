"""Reports for the office's year, derived from the samples: other years and other printed names.

The bundled samples hold 乌苏市教科局 2024 (000) and 乌苏市教育和科学技术局 2020 (004): one agency under
two names. `derive` rewrites a sample's printed agency and year, so a test can build the agency's
2023 report under its full name and see the roster link the two years.
"""
from __future__ import annotations

import re
from pathlib import Path

from conftest import SAMPLES

ROSTER_CSV = """机关,别名,地区,层级
乌苏市教育和科学技术局,乌苏市教科局,乌苏市,县级部门
神池县教育科技局,,神池县,县级部门
鄂温克族自治旗教育局,,鄂温克族自治旗,县级部门
阿合奇县教育和科学技术局,,阿合奇县,县级部门
乌苏市卫生健康委员会,乌苏市卫健委,乌苏市,县级部门
"""


def sample(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*.txt"))


def derive(prefix: str, folder: Path, *, agency: tuple[str, str] | None = None, year: tuple[int, int] | None = None,
           replace: dict[str, str] | None = None, name: str | None = None) -> Path:
    """A copy of sample `prefix` with the printed agency (old, new) and every year (old, new) rewritten
    (the year before too: a 2024 report's “2023 年” becomes “2022 年” for a 2023 copy)."""
    text = sample(prefix).read_text(encoding="utf-8")
    if agency:
        assert agency[0] in text, agency
        text = text.replace(*agency)
    if year:
        old, new = year
        shift = new - old
        text = re.sub(r"(?<!\d)(20[12]\d)(?!\d)", lambda m: str(int(m.group(1)) + shift)
                      if int(m.group(1)) in (old, old - 1) else m.group(1), text)
    for a, b in (replace or {}).items():
        assert a in text, a
        text = text.replace(a, b)
    out = folder / (name or f"{prefix}_{year[1] if year else 'x'}_{agency[1] if agency else 'same'}.txt")
    out.write_text(text, encoding="utf-8")
    return out


def roster_file(folder: Path, text: str = ROSTER_CSV, encoding: str = "utf-8") -> Path:
    p = folder / "名单.csv"
    p.write_bytes(text.encode(encoding))
    return p
