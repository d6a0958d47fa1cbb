"""The office's year in the core: roster files, identity, status of the year, the workspace's roster,
links, removal and resubmission, the previous year found through the roster."""
import pandas as pd
import pytest
from year_reports import derive, roster_file, sample

from review.office.identity import Identity, fold
from review.office.roster import RosterError, read_roster
from review.office.status import REPORT_COLUMNS, year_status
from review.workspace import Workspace


def test_fold_ignores_script_width_spacing_and_punctuation():
    assert fold("烏蘇市 教育和科學技術局") == fold("乌苏市教育和科学技术局")
    assert fold("（乌苏市）教科局。") == fold("乌苏市教科局") == "乌苏市教科局"
    assert fold("ＡＢ局") == "AB局"


def test_identity_matches_names_and_aliases_never_a_near_name():
    ident = Identity.of(["乌苏市教育和科学技术局", "神池县教育科技局"], [("乌苏市教科局", "乌苏市教育和科学技术局")])
    assert ident.match("烏蘇市教科局").agency == "乌苏市教育和科学技术局"
    near = ident.match("神池县教科局")
    assert near.agency is None and near.candidates[0] == "神池县教育科技局"
    assert ident.same_agency("乌苏市教科局", "乌苏市教育和科学技术局")
    assert not ident.same_agency("神池县教科局", "神池县教育科技局")


def test_roster_from_csv_in_gbk_and_from_xlsx(tmp_path):
    text = "机关,别名,地区,层级\n乌苏市教育和科学技术局,乌苏市教科局；乌苏市教育局、教科局,乌苏市,县级部门\n,,,\n"
    entries = read_roster(roster_file(tmp_path, text, "gbk"))
    assert [(e.agency, e.aliases, e.region) for e in entries] == [
        ("乌苏市教育和科学技术局", ["乌苏市教科局", "乌苏市教育局", "教科局"], "乌苏市")]
    xlsx = tmp_path / "名单.xlsx"
    pd.DataFrame({"机关": ["神池县教育科技局"], "地区": ["神池县"]}).to_excel(xlsx, index=False)
    assert [(e.agency, e.aliases, e.region, e.level) for e in read_roster(xlsx)] == [
        ("神池县教育科技局", [], "神池县", "")]


@pytest.mark.parametrize("content, message", [("名称,地区\n甲,乙\n", "缺少“机关”列"), ("机关\n\n", "没有任何机关")])
def test_unusable_roster_says_why(tmp_path, content, message):
    with pytest.raises(RosterError, match=message):
        read_roster(roster_file(tmp_path, content))
    other = tmp_path / "名单.docx"
    other.write_bytes(b"PK")
    with pytest.raises(RosterError, match="Excel"):
        read_roster(other)
    damaged = tmp_path / "名单.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(RosterError, match="无法读取名单文件"):
        read_roster(damaged)


def test_year_status_in_pandas():
    ident = Identity.of(["甲局", "乙局", "丙局"], [("甲", "甲局")])
    from review.office.roster import RosterEntry

    roster = [RosterEntry("甲局", ["甲"], "A"), RosterEntry("乙局", [], "B"), RosterEntry("丙局", [], "B")]
    reports = pd.DataFrame([(1, "a", "甲", 2023, "有错误", 2, 0, "t1"), (2, "b", "甲局", 2022, "已签发", 0, 0, "t0"),
                            (3, "c", "乙局", 2023, "待审", 0, 0, "t2"), (4, "c2", "乙局", 2023, "审核中", 0, 1, "t3"),
                            (5, "d", "丁局", 2023, "待审", 0, 0, "t4")], columns=REPORT_COLUMNS)
    s = year_status(roster, ident, reports)
    assert s.year == 2023
    rows = s.to_dict()["agencies"]
    assert [(r["agency"], r["report"], r["status"], r["open_errors"], r["previous"]) for r in rows] == [
        ("甲局", 1, "有错误", 2, 2), ("乙局", 4, "已处理", 0, None), ("丙局", None, "未报送", None, None)]
    assert [u["report"] for u in s.unmatched] == [5]
    assert list(s.filtered(region="B", status="未报送")["agency"]) == ["丙局"]
    assert s.counts()["未报送"] == 1 and s.counts()["未匹配"] == 1
    empty = year_status([], Identity.of([]), reports)  # no roster yet: every report of the year is unmatched
    assert len(empty.agencies) == 0 and [u["report"] for u in empty.unmatched] == [1, 3, 4, 5]


@pytest.fixture
def two_names(tmp_path):
    """乌苏市教科局 2024 (sample 000) and its 2023 report printed under the full name."""
    return sample("000"), derive("000", tmp_path, agency=("乌苏市教科局", "乌苏市教育和科学技术局"), year=(2024, 2023))


def _rules(ws, rid):
    return {f.rule for f in ws.load(rid).findings}


def test_previous_year_found_through_the_roster_alias(tmp_path, two_names):
    this, last = two_names
    with Workspace(tmp_path / "w.sqlite") as ws:
        rid, _ = ws.import_file(this)
        ws.import_file(last)
        assert "years.no_previous" in _rules(ws, rid)  # two names, no roster yet: not the same agency
        ws.office.set_roster(read_roster(roster_file(tmp_path)), "李四")
        assert ws.queue_row(rid).status  # the summary was marked stale and is recomputed
        rules = _rules(ws, rid)
        assert "years.no_previous" not in rules and "years.identical_tables" in rules
        kinds = [e.kind for e in ws.office.log()]
        assert kinds.count("roster_add") == 5 and "alias_add" in kinds


def test_link_remembers_the_name_as_an_alias_audited(tmp_path, two_names):
    this, last = two_names
    with Workspace(tmp_path / "w.sqlite") as ws:
        ws.office.set_roster(read_roster(roster_file(tmp_path, "机关,地区\n乌苏市教育和科学技术局,乌苏市\n")))
        rid, _ = ws.import_file(this)
        ws.import_file(last)
        [unmatched] = ws.office.year_status(2024).unmatched
        assert unmatched["candidates"] == ["乌苏市教育和科学技术局"]
        ws.office.link(rid, "乌苏市教育和科学技术局", "李四", "同一机关的简称")
        assert ws.office.year_status(2024).unmatched == []
        assert ("乌苏市教科局", "乌苏市教育和科学技术局", "link") in ws.office.aliases()
        [entry] = [e for e in ws.office.log(rid) if e.kind == "link"]
        assert (entry.reviewer, entry.detail, entry.reason) == ("李四", "乌苏市教科局", "同一机关的简称")
        assert "years.no_previous" not in _rules(ws, rid)
    with Workspace(tmp_path / "w.sqlite") as ws:  # remembered
        assert ws.office.identity().exact("乌苏市教科局") == "乌苏市教育和科学技术局"


def test_removal_is_a_soft_delete_and_resubmission_replaces(tmp_path, two_names):
    this, _last = two_names
    fixed = derive("000", tmp_path, replace={"政府信息公开工作": "政府信息公开工作 "}, name="000_fixed.txt")
    with Workspace(tmp_path / "w.sqlite") as ws:
        ws.office.set_roster(read_roster(roster_file(tmp_path)))
        old, _ = ws.import_file(this)
        new, _ = ws.import_file(fixed)
        ws.office.mark_resubmission(new, old, "李四", "机关更正后重新报送")
        assert ws.office.versions(old) == ws.office.versions(new) == [old, new]
        assert list(ws.office.report_frame()["report"]) == [new]
        assert ws.office.year_status(2024).agencies.iloc[0]["report"] == new
        ws.office.remove_report(new, "李四", "误导入")
        assert [r.report_id for r in ws.queue()] == [old]
        assert len(ws) == 2 and ws.office.removed_reports()[0]["report"] == new  # nothing is lost
        ws.office.restore_report(new, "李四", "")
        assert [e.kind for e in ws.office.log(new)] == ["resubmit", "remove", "restore"]


def test_a_long_roster_in_utf8_with_bom(tmp_path):
    """The encoding is judged on the first 64 KiB: a character cut there is no reason to refuse the file."""
    rows = "".join(f"某某县第{i}局,,某某县,县级部门\n" for i in range(3000))
    p = tmp_path / "名单.csv"
    p.write_bytes(("机关,别名,地区,层级\n" + rows).encode("utf-8-sig"))
    assert len(p.read_bytes()) > 65536
    entries = read_roster(p)
    assert len(entries) == 3000 and entries[-1].agency == "某某县第2999局"


def test_years_jump_names_both_values_and_ignores_small_changes():
    import copy

    from parser.extract import load
    from review.rules import check

    this = load(sample("002"))
    last = copy.deepcopy(this)
    last.year = this.year - 1
    key = "requests/new_received/total"
    for before, now, fires in ((3, 30, True), (30, 3, True), (0, 25, True), (3, 12, False), (100, 480, False)):
        last.cells[key].value, this.cells[key].value = before, now
        found = [f for f in check(this, last, strict=True) if f.rule == "years.jump"]
        assert bool(found) == fires, (before, now)
        if fires:
            assert found[0].cells == (key,) and f"上一年度 {before}，本年度 {now}" in found[0].message
    assert not [f for f in check(this, None, strict=True) if f.rule == "years.no_previous"]  # only in a workspace


def test_value_diff_between_versions():
    import copy

    from parser.extract import load
    from review.office.versions import value_diff

    old = load(sample("002"))
    new = copy.deepcopy(old)
    new.cells["requests/unable.not_held/natural_person"].value = 0
    new.cells["active/fees/amount"].value = None
    diff = value_diff(old, new).set_index("key")
    assert list(diff.index) == ["active/fees/amount", "requests/unable.not_held/natural_person"]
    assert diff.at["requests/unable.not_held/natural_person", "old"] == 1
    assert diff.at["requests/unable.not_held/natural_person", "new"] == 0
    assert diff.at["active/fees/amount", "new"] is pd.NA and "表二" in diff.at["active/fees/amount", "name"]
    assert value_diff(old, old).empty


def test_office_events_in_the_report_audit_log(tmp_path, two_names):
    this, _last = two_names
    fixed = derive("000", tmp_path, replace={"政府信息公开工作": "政府信息公开工作 "}, name="000_fixed.txt")
    with Workspace(tmp_path / "w.sqlite") as ws:
        old, _ = ws.import_file(this)
        new, _ = ws.import_file(fixed)  # the same agency-year, other bytes: linked as its new version on import
        ws.office.mark_resubmission(new, old, "李四", "机关更正后重新报送")  # already so: nothing more logged
        ws.office.remove_report(new, "李四", "误导入")
        log = ws.audit_log(new)
        assert [e.kind_label for e in log] == ["导入", "重新报送", "移出工作区"]
        assert log[1].reason.startswith("导入时识别") and f"替换报告 {old}" in log[1].summary()
        assert [e.kind_label for e in ws.audit_log(old)] == ["导入", "被新版本替换"]
        assert f"新版本为报告 {new}" in ws.audit_log(old)[1].summary()
        with pytest.raises(Exception, match="同一机关同一年度"):
            ws.office.mark_resubmission(old, ws.import_file(sample("002"))[0])


def test_search_index_finds_either_script_keeps_the_printed_text_and_follows_changes(tmp_path):
    import opencc

    from review.rules import CATALOGUE

    descriptions = {r.id: r.description for r in CATALOGUE}
    text = sample("002").read_text(encoding="utf-8")
    traditional = tmp_path / "神池_繁體.txt"
    traditional.write_text(opencc.OpenCC("s2t").convert(text).replace("2023", "2022") + "\n附件：年報全文 PDF 版\n",
                           encoding="utf-8")
    with Workspace(tmp_path / "w.sqlite") as ws:
        simple, _ = ws.import_file(sample("002"))
        trad, _ = ws.import_file(traditional)
        other, _ = ws.import_file(sample("000"))
        for query in ("信息公开申请", "信息公開申請"):  # typed in either script, found in every text
            hits = [h for h in ws.office.search(query, descriptions) if h.where == "原文"]
            assert [h.report for h in hits] == [simple, trad, other]
            t = hits[1]
            assert "申請" in t.excerpt and "申请" not in t.excerpt  # the excerpt as printed
            assert ws.load(trad).report.text[t.offset:t.offset + 6] == "信息公開申請"
        for query in ("pdf", "PDF", "Pdf"):
            assert [h.report for h in ws.office.search(query, descriptions) if h.where == "原文"] == [trad]
        assert any(h.where == "问题" for h in ws.office.search("表三", descriptions))
        ws.office.remove_report(trad, "李四", "误导入")  # the index follows the workspace
        hits = ws.office.search("信息公开申请", descriptions)
        assert [h.report for h in hits if h.where == "原文"] == [simple, other]
        assert len(ws.office.search("信息公开申请", descriptions, 1)) == 1
