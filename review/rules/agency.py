"""What an agency's name says about its level of government (for active.regulations_level).

Only the State Council's departments and the governments of provinces, 设区的市 and 自治州 make 规章.
A name whose last administrative unit is a county (县, 旗, a city district 区), 乡, 镇, 街道 or 苏木 is
certainly below that. A bare 市 may be a county-level city (乌苏市) or a 设区的市, so it proves
nothing: the rule stays silent (conservative).
"""
from __future__ import annotations

import re

# Words that contain a unit character without naming a unit (城乡建设, 乡村振兴, 市场监管, 区域 …).
_NOT_UNITS = re.compile(r"城乡|乡村|城镇|乡镇企业|区域|县域|市场|城市|都市|超市|园区|景区|社区矫正|地区性|市民|市政|"
                        r"镇压|州际|旗帜|旗舰")
_UNITS = re.compile(r"特别行政区|自治区|自治州|自治县|自治旗|省|市|州|盟|地区|县|旗|区|乡|镇|街道|苏木|嘎查")
_BELOW = {"自治县", "自治旗", "县", "旗", "区", "乡", "镇", "街道", "苏木", "嘎查"}


def county_or_below(agency: str | None) -> str | None:
    """The unit that places `agency` at county level or below (e.g. "县"), or None when the name
    does not prove it (unknown, a bare 市, a province, a State Council department)."""
    if not agency:
        return None
    name = _NOT_UNITS.sub("＿", agency)
    units = _UNITS.findall(name)
    if not units:
        return None
    last = units[-1]
    return last if last in _BELOW else None
