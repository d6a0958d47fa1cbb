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


def test_a_pdfs_kangxi_radicals_read_as_the_ideographs_they_stand_for() -> None:
    """Word's and WPS's PDFs often carry Kangxi radicals in their text layer for common characters (⼀、总体情况,
    ⼯作, ⾃治旗): every sample with each such character replaced by its radical reads as the sample itself,
    its agency included; the reviewer still sees the text as received."""
    import json
    import unicodedata
    from pathlib import Path

    from parser.extract import parse_bytes
    from parser.reader import read_text

    radical = {}
    for cp in range(0x2F00, 0x2FD6):
        if len(n := unicodedata.normalize("NFKC", chr(cp))) == 1:
            radical.setdefault(n, chr(cp))
    samples = Path(__file__).resolve().parent.parent / "resources" / "samples"
    for path in sorted(samples.glob("*.txt")):
        text = read_text(path)
        damaged = "".join(radical.get(c, c) for c in text)
        assert sum(map(str.__ne__, text, damaged)) > 100, path.name
        truth = json.loads((samples / "truth" / f"{path.stem}.json").read_text(encoding="utf-8"))
        report = parse_bytes(damaged.encode("utf-8"), path.name)
        assert report.text == damaged
        assert (report.agency, report.year, report.template) == (truth["agency"], truth["year"], truth["template"])
        assert {k: report.cells[k].value for k in truth["values"]} == truth["values"], path.name
