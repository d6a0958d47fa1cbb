"""Any report model, however odd, is checked without an exception, and every finding is well formed."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parser.model import Report
from parser.template import version
from review.findings import CANNOT_ASSESS, FAIL
from review.rules import check

WORDS = ["未收到政府信息公开申请", "共收到政府信息公开申请12件", "行政复议3件", "均获维持", "无行政诉讼",
         "制发规范性文件4件", "统计期限自2023年1月1日起至2023年6月30日止", "信息处理费", "未发出收费通知",
         "，", "。", "\n", "一、总体情况",
         "二十", "複議", "統(tǒng)計", "申请人", "０件"]
VALUES = st.one_of(st.none(), st.integers(-5, 500), st.floats(-3, 1e4, allow_nan=False, allow_infinity=False))


@st.composite
def reports(draw) -> Report:
    template = draw(st.sampled_from(["2019", "2021"]))
    keys = version(template).cell_keys()
    values = {k: draw(VALUES) for k in keys}
    text = "".join(draw(st.lists(st.sampled_from(WORDS), max_size=30)))
    year = draw(st.one_of(st.none(), st.integers(2015, 2030)))
    agency = draw(st.one_of(st.none(), st.sampled_from(["某某县教育局", "某某市人民政府", "某某街道办事处", ""])))
    return Report.from_values(values, template, text=text, agency=agency, year=year)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), previous=st.one_of(st.none(), reports()))
def test_check_never_raises_and_findings_are_well_formed(report, previous):
    for f in check(report, previous, strict=True):
        assert f.status in (FAIL, CANNOT_ASSESS)
        assert f.severity in ("error", "warning", "info")
        assert f.message and all(k in report.cells for k in f.cells)
        if f.status == CANNOT_ASSESS:
            assert f.severity != "error"
            assert all(report.cells[k].value is None for k in (f.suggestion or {}))  # fills blanks only
        if f.suggestion:
            assert all(isinstance(v, int) and v >= 0 for v in f.suggestion.values())
        if f.sentence_span:
            a, b = f.sentence_span
            assert report.text[a:b] == f.sentence
