"""Reading one printed table cell: a number, a blank mark, or not a value at all.

Works on normalised cell text (half-width digits). Repairs what OCR and typing damage (O/o → 0,
l/I → 1, D after a digit → 0, spaces and thousands separators inside a number, units in money cells) and says so.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .model import BLANK, EXTRACTED, REPAIRED, Number

BLANK_MARKS = {"/", "-", "—", "——", "--", "无", "\\", "空", "×", "x", "X", "—-", "-—"}

# A cell that is a number, possibly damaged: digits with OCR look-alikes, separators, a sign or
# 增/减, and an optional unit.
_NUMBER = re.compile(
    r"^(?P<sign>增加|减少|[+\-增减]|一(?=\d))?\s*"
    r"(?P<body>[0-9OoIlD〇][0-9OoIlSD〇 \u00a0,，']*(?:[.·][0-9OoIlSD ]+)?)\s*"
    r"(?P<unit>万元|元|件|个|项|次|条|人次)?$"
)
# OCR noise around a number: ・4, 228。, |38, 12“
_NOISE = re.compile(r"^[・·.。,，|｜'`‘’“”\":：;；]+(?=[\d+\-])|(?<=\d)[・。,，|｜'`‘’“”\":：;；]+$")
# a whole number with a period after it (12.): the OCR's speck of dirt in a count; in money a lost decimal
_TRAILING_POINT = re.compile(r"[+\-]?\d+\.")
_CLEAN_INT = re.compile(r"^-?\d+$")
_CLEAN_DEC = re.compile(r"^-?\d+\.\d+$")
_OCR = str.maketrans({"O": "0", "o": "0", "D": "0", "〇": "0", "I": "1", "l": "1", "S": "5", "，": ",", "·": "."})


@dataclass(frozen=True)
class CellValue:
    value: Number | None
    status: str  # extracted, repaired or blank
    unit: str | None = None
    joinable: bool = False  # digits only, may be half of a number split by a space


MAX_COUNT_DIGITS = 15  # a longer run of digits is no count (a damaged copy; int() refuses past 4,300 digits)


def count_of(text: str) -> int | None:
    """The count a cell's digits print (thousands commas allowed: 1,234); None for anything else (a sign, a
    decimal point, a letter) or for more than 15 digits."""
    digits = text.replace(",", "") if "," in text else text
    return int(digits) if digits.isdigit() and len(digits) <= MAX_COUNT_DIGITS else None


def is_blank_mark(text: str) -> bool:
    return text.strip() in BLANK_MARKS


@lru_cache(maxsize=1 << 14)
def looks_like_value(text: str) -> bool:
    """True when a cell's text reads as a number or a blank mark (not a label)."""
    t = _NOISE.sub("", text.strip())
    if not t:
        return False
    if t in BLANK_MARKS:
        return True
    m = _NUMBER.match(t)
    if not m:
        return False
    body = m.group("body")
    if not any(c.isdigit() for c in body) and body.strip() not in ("O", "o", "D", "〇", "l", "I"):
        return False  # letters alone are not numbers, but a lone O, D or l in a number's place is 0 or 1
    return True


@lru_cache(maxsize=1 << 14)
def read_value(text: str, kind: str = "count") -> CellValue | None:
    """The value of a printed cell, or None when the text is not a value.

    kind is the column kind: "count", "signed" (本年增/减) or "money" (万元).
    """
    t = text.strip()
    if t in BLANK_MARKS:
        return CellValue(None, BLANK)
    if _TRAILING_POINT.fullmatch(t):
        if kind == "money":
            return None
        cv = read_value(t[:-1], kind)
        return None if cv is None else CellValue(cv.value, REPAIRED, cv.unit)
    denoised = _NOISE.sub("", t)
    if denoised != t:  # ・4 → 4: the noise is gone, the number is a repair
        cv = read_value(denoised, kind)
        return None if cv is None else CellValue(cv.value, REPAIRED if cv.value is not None else cv.status, cv.unit)
    m = _NUMBER.match(t)
    if not m or not looks_like_value(t):
        return None
    sign, body, unit = m.group("sign") or "", m.group("body"), m.group("unit")
    digits = body.translate(_OCR)
    # thousands separators: 1,234 / 1,234,567 (a comma elsewhere is damage, also dropped)
    digits = digits.replace(",", "").replace("'", "").replace(" ", "").replace("\u00a0", "")
    if digits.count(".") > 1:
        return None
    try:
        number: float = float(digits)
    except ValueError:
        return None
    if not math.isfinite(number):  # hundreds of digits (a line of numbers glued): no count of anything
        return None
    if sign in ("-", "减", "减少", "一"):  # 一3: a minus sign read by OCR as the character 一
        number = -number
    if unit == "元" and kind == "money":
        number = number / 10000
    value: Number = int(number) if number.is_integer() and "." not in digits else round(number, 6)
    if unit == "元" and kind == "money":
        value = round(number, 6)
        value = int(value) if float(value).is_integer() else value
    plain = (sign if sign in ("-", "+") else "") + body
    clean = _CLEAN_INT.match(plain.lstrip("+")) or _CLEAN_DEC.match(plain.lstrip("+"))
    repaired = (
        not clean
        or sign in ("增", "减", "增加", "减少", "一")
        or bool(re.match(r"[+\-]\s", t))  # a sign split from its digits
        or (unit is not None and not (kind == "money" and unit == "万元") and kind == "money")
    )
    joinable = bool(re.fullmatch(r"\d+", t))
    return CellValue(value, REPAIRED if repaired else EXTRACTED, unit, joinable)
