"""A text is taken as printed in Traditional characters when more than 20 of its first 3,000 characters change to
Simplified; the count is taken a stretch at a time (parser/normalize.py), and is the count place by place."""
from __future__ import annotations

import random

from parser.normalize import _differ_in_more_than, normalize


def test_stretch_by_stretch_count_is_the_place_by_place_count() -> None:
    rng = random.Random(11)
    for _ in range(400):
        a = "".join(rng.choice("统计数据表年报") for _ in range(rng.randrange(0, 400)))
        b = list(a[:rng.randrange(0, len(a) + 1)] + "".join(rng.choice("統計數") for _ in range(rng.randrange(0, 9))))
        for _ in range(rng.randrange(0, 40)):
            if b:
                b[rng.randrange(len(b))] = rng.choice("統計數據")
        b = "".join(b)
        for many in (0, 3, 20):
            assert _differ_in_more_than(a, b, many) == (sum(map(str.__ne__, a, b)) > many)


def test_a_traditional_report_is_known_and_a_simplified_one_with_a_few_traditional_names_is_not() -> None:
    simplified = "政府信息公开工作年度报告，本机关依申请公开政府信息。" * 30
    assert normalize(simplified).traditional is False
    assert normalize("於潜镇" + simplified).traditional is False  # a place name: a character or two
    assert normalize("政府資訊公開工作年度報告，本機關依申請公開政府資訊。" * 30).traditional is True
