"""Single rules on small made-up reports: each must fire on its case and stay silent on near misses."""
from __future__ import annotations

import pytest
from test_rules_data import TEXT, consistent_values, make_report

from parser.model import BLANK, Cell
from review.findings import CANNOT_ASSESS, FAIL
from review.rules import check
from review.rules.agency import county_or_below
from review.rules.textview import TRADITIONAL_MARKS, to_number


def run(report, rule_id, previous=None):
    return [f for f in check(report, previous, strict=True) if f.rule == rule_id]


def with_text(extra: str, values=None, template="2021", **kw):
    values = consistent_values(1, template) if values is None else values
    year = 2023 if template == "2021" else 2020
    return make_report(values, template, text=TEXT.format(year=year) + extra, **kw)


# ---- narrative ------------------------------------------------------------------------------------------


def test_no_requests_fires_on_a_handled_application_and_quotes_the_sentence():
    values = consistent_values(1)
    (f,) = run(with_text("全年共办理相关事项。本年度未收到公民、法人或其他组织的政府信息公开申请。\n", values),
               "text.no_requests")
    assert f.status == FAIL and f.sentence == "本年度未收到公民、法人或其他组织的政府信息公开申请。"
    assert f.computed == values["requests/new_received/total"] or f.computed > 0


@pytest.mark.parametrize("sentence", [
    "未收到因政府信息公开申请提起的行政复议。",  # about appeals
    "全年共收到政府信息公开申请80件，上年结转4件。",  # 80 is not 0
    "申请人无正当理由逾期不补正的，不再处理。",
    "未收到群众投诉。",
    "本年度未收到申请人缴纳的信息处理费。",  # about fees paid by applicants
])
def test_no_requests_near_misses(sentence):
    assert run(with_text(sentence + "\n"), "text.no_requests") == []


def test_no_requests_zero_count_claim():
    (f,) = run(with_text("本年度收到政府信息公开申请0件。\n"), "text.no_requests")
    assert f.status == FAIL


def test_no_requests_blank_table_cannot_be_assessed():
    values = {k: (None if k.startswith("requests/") else v) for k, v in consistent_values(1).items()}
    (f,) = run(with_text("本年度无依申请公开事项。\n", values), "text.no_requests")
    assert f.status == CANNOT_ASSESS and "requests/new_received/total" in f.cells


def test_request_count_accepts_new_or_new_plus_carried_and_flags_others():
    values = consistent_values(2)
    new, carried = values["requests/new_received/total"], values["requests/carried_over/total"]
    assert run(with_text(f"全年共收到政府信息公开申请{new}件。\n", values), "text.request_count") == []
    assert run(with_text(f"本年共受理政府信息公开申请{new + carried}件（含上年结转）。\n", values),
               "text.request_count") == []
    (f,) = run(with_text(f"全年共收到政府信息公开申请{new + carried + 5}件，已全部办结。\n", values),
               "text.request_count")
    assert f.reported == new + carried + 5 and f.computed == new and f.cells == ("requests/new_received/total",)
    # numbers about something else in the same sentence are not claims
    assert run(with_text("收到申请后15个工作日内答复，共发布信息300件。\n", values), "text.request_count") == []
    assert run(with_text("收到上年结转申请99件。\n", values), "text.request_count") == []


def test_no_appeals_and_appeal_count():
    values = consistent_values(3)
    review = values["appeals/review/total"]
    assert review > 0
    (f,) = run(with_text("本年度未发生行政复议案件。\n", values), "text.no_appeals")
    assert f.status == FAIL and all(k.startswith("appeals/review/") for k in f.cells)
    zero = dict(values, **{k: 0 for k in values if k.startswith("appeals/")})
    assert run(with_text("没有发生因政府信息公开引起的行政复议、行政诉讼。\n", zero), "text.no_appeals") == []
    assert run(with_text("未经复议直接起诉的案件另行统计。\n", values), "text.no_appeals") == []
    (g,) = run(with_text(f"全年发生行政复议{review + 2}件。\n", values), "text.appeal_count")
    assert g.reported == review + 2 and g.cells == ("appeals/review/total",)
    assert run(with_text(f"全年发生行政复议{review}件。\n", values), "text.appeal_count") == []


def test_appeal_outcome_like_the_shanghai_example():
    values = consistent_values(4)
    values["appeals/review/pending"] = 2
    values["appeals/review/total"] = sum(values[f"appeals/review/{p}"] for p in ("upheld", "corrected", "other",
                                                                                 "pending"))
    (f,) = run(with_text("复议7件，诉讼9件，均获维持。\n", values), "text.appeal_outcome")
    assert "appeals/review/pending" in f.cells and f.sentence == "复议7件，诉讼9件，均获维持。"
    upheld = dict(values, **{k: 0 for k in values if k.startswith("appeals/") and not k.endswith("upheld")})
    for r in ("review", "litigation_direct", "litigation_after_review"):
        upheld[f"appeals/{r}/total"] = upheld[f"appeals/{r}/upheld"]
    assert run(with_text("复议7件，诉讼9件，均获维持。\n", upheld), "text.appeal_outcome") == []


def test_active_counts():
    values = consistent_values(5)
    issued = values["active/normative_documents/issued"]
    assert run(with_text(f"全年制发规范性文件{issued}件。\n", values), "text.active_counts") == []
    (f,) = run(with_text(f"全年制发规范性文件{issued + 3}件。\n", values), "text.active_counts")
    assert f.reported == issued + 3 and "active/normative_documents/issued" in f.cells
    assert run(with_text("完善规章制度12项。\n", values), "text.active_counts") == []


def test_fee_statement_and_fee_notice():
    no_fee = TEXT.format(year=2023).replace("本机关未收取信息处理费。", "无其他需要报告的事项。")
    (f,) = run(make_report(consistent_values(1), text=no_fee), "text.fee_statement")
    assert "信息处理费" in f.message
    assert run(make_report(consistent_values(1)), "text.fee_statement") == []
    assert run(make_report(consistent_values(1, "2019"), "2019", text=no_fee.replace("2023", "2020")),
               "text.fee_statement") == []
    values = consistent_values(1)
    values["requests/other.no_fee/total"] = max(values["requests/other.no_fee/total"], 1)
    notice = no_fee + "本年度未向申请人发出收费通知。\n"
    (g,) = run(make_report(values, text=notice), "text.fee_notice_vs_table")
    assert g.cells == ("requests/other.no_fee/total",)


def test_traditional_text_is_read():
    text = "本年度報告所列數據統(tǒng)計期限自2023年1月1日起至2023年12月31日止。\n截至12月底，我局無依申請公開信息。\n"
    (f,) = run(make_report(consistent_values(1), text=text), "text.no_requests")
    assert f.sentence == "截至12月底，我局無依申請公開信息。"


def test_helpers():
    assert [to_number(s) for s in ("12", "1,234", "十二", "一百零五", "零", "两", "x")] == [12, 1234, 12, 105, 0, 2,
                                                                                          None]
    import opencc

    t2s = opencc.OpenCC("t2s")
    assert all(t2s.convert(ch) != ch for ch in TRADITIONAL_MARKS)


# ---- values and table two ---------------------------------------------------------------------------------


def test_value_rules():
    values = consistent_values(1)
    values["requests/granted/research"] = -1
    values["requests/granted/commercial"] = 2.5
    report = make_report(values)
    report.cells["appeals/review/other"] = Cell("appeals/review/other", None, "abc", (0, 3), "extracted")
    report.cells["active/licensing/decisions"] = Cell("active/licensing/decisions", None, "/", (0, 1), BLANK)
    assert [f.cells for f in run(report, "value.negative")] == [("requests/granted/research",)]
    assert [f.cells for f in run(report, "value.not_integer")] == [("requests/granted/commercial",)]
    assert [f.cells for f in run(report, "value.not_number")] == [("appeals/review/other",)]
    (b,) = run(report, "value.blank")
    assert b.cells == ("active/licensing/decisions",) and "表二" in b.message


def test_signed_change_may_be_negative():
    values = consistent_values(2, "2019")
    values["active/licensing/change"] = -4
    assert run(make_report(values, "2019"), "value.negative") == []


def test_value_unit():
    values = consistent_values(2)
    report = make_report(values)
    report.cells["active/fees/amount"].unit = "元"
    (f,) = run(report, "value.unit")
    assert f.cells == ("active/fees/amount",) and "万元" in f.message


def test_value_unit_2019_procurement_without_unit():
    values = consistent_values(2, "2019")
    report = make_report(values, "2019")
    (f,) = run(report, "value.unit")
    assert f.cells == ("active/procurement/amount",) and "未写单位" in f.message
    headed = make_report(values, "2019", text=TEXT.format(year=2020) + "政府集中采购 采购总金额（万元）\n")
    headed.sections = {"active": (0, len(headed.text))}
    assert run(headed, "value.unit") == []


def test_table_two_relations():
    values = consistent_values(3)
    values["active/normative_documents/in_force"] = values["active/normative_documents/issued"] = 5
    values["active/normative_documents/in_force"] = 4
    (f,) = run(make_report(values), "active.in_force_below_issued")
    assert f.cells == ("active/normative_documents/in_force", "active/normative_documents/issued")
    v19 = consistent_values(3, "2019")
    v19["active/regulations/published"], v19["active/regulations/total"] = 6, 2
    (g,) = run(make_report(v19, "2019"), "active.total_below_new")
    assert g.reported == 2 and g.computed == 6


@pytest.mark.parametrize("agency,unit", [
    ("神池县教育科技局", "县"), ("鄂温克族自治旗教育局", "自治旗"), ("芜湖市镜湖区人民政府", "区"),
    ("某某镇人民政府", "镇"), ("某某街道办事处", "街道"), ("国家税务总局某某县税务局", "县"),
    ("某某县市场监督管理局", "县"), ("乌苏市教科局", None), ("上海市人民政府办公厅", None),
    ("某某省住房和城乡建设厅", None), ("某某省乡村振兴局", None), ("某某自治区人民政府", None), ("交通运输部", None),
    (None, None),
])
def test_agency_level(agency, unit):
    assert county_or_below(agency) == unit


def test_regulations_level():
    values = consistent_values(4)
    values["active/regulations/issued"] = values["active/regulations/in_force"] = 1
    (f,) = run(make_report(values, agency="神池县教育科技局"), "active.regulations_level")
    assert "active/regulations/issued" in f.cells
    assert run(make_report(values, agency="某某市人民政府"), "active.regulations_level") == []


# ---- form --------------------------------------------------------------------------------------------------


def test_form_rules():
    (f,) = run(make_report(consistent_values(1, "2019"), "2019", year=2022), "form.template_version")
    assert f.status == FAIL and "2021" in f.message
    assert run(make_report(consistent_values(1)), "form.template_version") == []
    report = make_report(consistent_values(1))
    report.version_votes = {"2019": 3, "2021": 9}
    assert len(run(report, "form.mixed_version")) == 1
    no_problems = TEXT.format(year=2023).replace("五、存在的主要问题及改进情况\n", "")
    (g,) = run(make_report(consistent_values(1), text=no_problems), "form.section_missing")
    assert "存在的主要问题" in g.message
    wrong = TEXT.format(year=2023).replace("2023年12月31日", "2023年11月30日")
    (h,) = run(make_report(consistent_values(1), text=wrong), "form.stats_period")
    assert "11月30日" in h.message and h.sentence
    (i,) = run(make_report(consistent_values(1), agency="某某县人民政府"), "form.assessment_results")
    assert i.status == FAIL
    assert run(make_report(consistent_values(1), text=TEXT.format(year=2023) + "开展工作考核和社会评议。\n",
                           agency="某某县人民政府"), "form.assessment_results") == []


def test_tables_empty_and_absent():
    values = {k: (None if k.startswith("appeals/") else v) for k, v in consistent_values(1).items()}
    report = make_report(values)
    report.sections = {"overview": (0, 10), "appeals": (10, 20)}
    assert run(report, "form.tables_empty") == []  # nothing printed, no labels: the table is absent
    assert any("表四" in f.message for f in run(report, "form.section_missing"))


# ---- years ---------------------------------------------------------------------------------------------


def test_years_rules():
    last = make_report(consistent_values(1), year=2022)
    values = consistent_values(2)
    this = make_report(values, year=2023)
    carry = run(this, "years.carry_over", last)
    wrong = {f.cells[0] for f in carry}
    expect = {f"requests/carried_over/{c}" for c in ("natural_person", "commercial", "research", "social_welfare",
                                                      "legal_service", "other_org", "total")
              if values[f"requests/carried_over/{c}"] != last.value(f"requests/carried_forward/{c}")}
    assert wrong == expect and expect
    assert run(this, "years.carry_over") == []  # without last year's report the rule does not run
    far = make_report(consistent_values(1), year=2019)
    (f,) = run(this, "years.carry_over", far)
    assert f.status == CANNOT_ASSESS


def test_years_in_force_and_identical_tables():
    last_values = consistent_values(1)
    values = dict(last_values)
    last = make_report(last_values, year=2022)
    (f,) = run(make_report(values, year=2023), "years.identical_tables", last)
    assert f.status == FAIL
    row = "normative_documents"
    values[f"active/{row}/in_force"] = last_values[f"active/{row}/in_force"] + values[f"active/{row}/issued"] - \
        values[f"active/{row}/repealed"]
    this = make_report(values, year=2023)
    assert [g.cells for g in run(this, "years.in_force", last)] == []
    values[f"active/{row}/in_force"] += 3
    (h,) = run(make_report(values, year=2023), "years.in_force", last)
    assert h.cells == (f"active/{row}/in_force",) and h.reported - h.computed == 3


def test_years_identical_text():
    body = "本机关认真贯彻落实政府信息公开条例，持续推进决策、执行、管理、服务、结果公开，主动回应社会关切。" * 3
    last = make_report(consistent_values(1), year=2022, text=body)
    this = make_report(consistent_values(2), year=2023, text=body.replace("2022", "2023"))
    for r, n in ((last, len(body)), (this, len(body))):
        r.sections = {"overview": (0, n)}
    (f,) = run(this, "years.identical_text", last)
    assert f.reported >= 90
    other = make_report(consistent_values(2), year=2023, text="今年重点推进政务公开标准化规范化建设，" * 6)
    other.sections = {"overview": (0, len(other.text))}
    assert run(other, "years.identical_text", last) == []


# ---- narrative phrasing seen in real reports ---------------------------------------------------------------


@pytest.mark.parametrize("sentence,fires", [
    ("2023年，共收到政府信息公开申请{x}件，其中自然人申请10件，法人或其他组织申请2件。", True),
    ("全年新收政府信息公开申请{x}件，上年结转3件。", True),
    ("收到各类申请共计{x}件。", True),
    ("办结政府信息公开申请{x}件。", False),  # 办结 may include last year's: not a claim about new ones
    ("收到申请人提交的申请材料{x}份。", False),  # 份 of papers, not applications
    ("收到行政复议申请{x}件。", False),  # appeals, not requests
    ("本年度共受理依申请公开事项，均在法定期限内答复，共{x}件。", False),  # number not attached to 申请
])
def test_request_count_phrasings(sentence, fires):
    values = consistent_values(6)
    x = values["requests/new_received/total"] + values["requests/carried_over/total"] + 11
    found = run(with_text(sentence.format(x=x) + "\n", values), "text.request_count")
    assert bool(found) == fires, found


@pytest.mark.parametrize("sentence,fires", [
    ("本年度未被提起行政复议、行政诉讼。", True),
    ("本年度无因政府信息公开引起的行政复议和行政诉讼案件。", True),
    ("本年度未发生行政复议被纠正的情况。", False),  # about outcomes: cases may exist
    ("无一起行政复议被撤销。", False),
    ("未经复议直接起诉的情况见下表。", False),
])
def test_no_appeals_phrasings(sentence, fires):
    values = consistent_values(3)
    assert values["appeals/review/total"] and values["appeals/litigation_direct/total"]
    assert bool(run(with_text(sentence + "\n", values), "text.no_appeals")) == fires


def test_appeal_count_combined_claim_compares_the_sum():
    values = consistent_values(3)
    both = sum(values[f"appeals/{r}/total"] for r in ("review", "litigation_direct", "litigation_after_review"))
    assert run(with_text(f"发生行政复议、行政诉讼案件{both}件。\n", values), "text.appeal_count") == []
    (f,) = run(with_text(f"发生行政复议、行政诉讼案件{both + 1}件。\n", values), "text.appeal_count")
    assert f.computed == both
