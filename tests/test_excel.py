"""The archive workbook: 汇总 equals the truth of the samples, the findings and corrections are on it,
and it opens in pandas and openpyxl as a person and an analyst expect."""
import hashlib
import time
import zipfile

import openpyxl
import pandas as pd
import pytest
from conftest import SAMPLE_FILES, truth

from parser.extract import load
from parser.model import Report
from parser.template import version
from review.export import CORRECTIONS, FINDINGS, SIGNOFFS, SUMMARY, export_workbook, summary_columns
from review.findings import ERROR, FAIL, WARNING, Finding
from review.rules import check
from review.state import ACCEPTED, PASSED_AFTER_CORRECTION, Decision, ReviewedReport, SignOff

META = 11  # columns of 汇总 before the cells


def from_truth(path) -> Report:
    t = truth(path)
    return Report.from_values(t["values"], t["template"], agency=t["agency"], year=t["year"],
                              text=path.read_text(encoding="utf-8"), source=path.name)


def header(ws, row: int) -> list:
    return [c.value for c in ws[row]]


def summary_rows(path) -> dict[str, dict[str, object]]:
    """汇总 by agency+year: key → value, read with openpyxl."""
    ws = openpyxl.load_workbook(path)[SUMMARY]
    keys = header(ws, 2)
    return {f"{r[0]}{r[1]}": dict(zip(keys, r, strict=True)) for r in ws.iter_rows(min_row=3, values_only=True)}


def assert_summary_equals_truth(path) -> None:
    rows = summary_rows(path)
    meta = set(header(openpyxl.load_workbook(path)[SUMMARY], 2)[:META])
    assert len(rows) == len(SAMPLE_FILES)
    for sample in SAMPLE_FILES:
        t = truth(sample)
        row = rows[f"{t['agency']}{t['year']}"]
        assert row["template"] == f"{t['template']}年版"
        diffs = {k: (row[k], v) for k, v in t["values"].items() if row[k] != v or type(row[k]) is not type(v)}
        assert diffs == {}, sample.name
        for key in set(row) - set(t["values"]) - meta:
            assert row[key] is None, f"{sample.name}: {key} is not in its format and must stay empty"


def test_summary_of_the_parsed_samples_equals_truth(tmp_path):
    items = [ReviewedReport(r, check(r)) for r in (load(p) for p in SAMPLE_FILES)]
    out = tmp_path / "samples.xlsx"
    export_workbook(items, out)
    assert_summary_equals_truth(out)


def test_summary_built_from_truth_values_equals_truth(tmp_path):
    out = tmp_path / "truth.xlsx"
    export_workbook([ReviewedReport(from_truth(p)) for p in SAMPLE_FILES], out)
    assert_summary_equals_truth(out)


def test_pandas_reads_the_summary_back(tmp_path):
    out = tmp_path / "pandas.xlsx"
    export_workbook([ReviewedReport(from_truth(p)) for p in SAMPLE_FILES], out)
    df = pd.read_excel(out, sheet_name=SUMMARY, header=1)
    assert len(df) == 5
    for sample in SAMPLE_FILES:
        t = truth(sample)
        row = df[(df["agency"] == t["agency"]) & (df["year"] == t["year"])]
        assert len(row) == 1
        for key, want in t["values"].items():
            got = row.iloc[0][key]
            if want is None:
                assert pd.isna(got), (sample.name, key)
            else:
                assert got == pytest.approx(want), (sample.name, key)
    labels = pd.read_excel(out, sheet_name=SUMMARY, header=0, nrows=0).columns
    assert list(labels[:3]) == ["机关", "年度", "格式"]
    assert "表三（七）总计·自然人" in labels


def test_mixed_formats_have_the_union_of_keys_newest_format_first(tmp_path):
    items = [ReviewedReport(from_truth(p)) for p in SAMPLE_FILES]
    cols = [key for _, key in summary_columns(items)]
    k2021, k2019 = version("2021").cell_keys(), version("2019").cell_keys()
    assert cols == k2021 + [k for k in k2019 if k not in k2021]
    only_2019 = [ReviewedReport(from_truth(SAMPLE_FILES[4]))]
    assert [key for _, key in summary_columns(only_2019)] == k2019


def test_the_finding_of_sample_002_is_on_the_findings_sheet(tmp_path):
    items = [ReviewedReport(r, check(r)) for r in (load(p) for p in SAMPLE_FILES)]
    out = tmp_path / "findings.xlsx"
    export_workbook(items, out)
    ws = openpyxl.load_workbook(out)[FINDINGS]
    head = header(ws, 1)
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    hit = [r for r in rows if r["报告"] == "神池县教育科技局2023" and r["规则"] == "requests.results_total"
           and "requests/total/natural_person" in r["单元格键"].split(",")]
    assert hit and hit[0]["严重程度"] == "错误" and hit[0]["处理"] == "未处理"
    assert "1" in hit[0]["问题说明"] and hit[0]["报告值"] == 0 and hit[0]["计算值"] == 1


def test_sheets_and_their_order(tmp_path):
    out = tmp_path / "order.xlsx"
    export_workbook([ReviewedReport(from_truth(p)) for p in SAMPLE_FILES], out)
    names = openpyxl.load_workbook(out).sheetnames
    assert names[:4] == [SUMMARY, FINDINGS, CORRECTIONS, SIGNOFFS]
    assert names[4:] == ["乌苏市教科局2024", "鄂温克族自治旗教育局2023", "神池县教育科技局2023",
                         "阿合奇县教育和科学技术局2021", "乌苏市教育和科学技术局2020"]


def test_reviewed_state_corrections_decisions_and_signoff(tmp_path):
    report = from_truth(SAMPLE_FILES[2])
    report.cells["requests/total/natural_person"].correct(1, "李审核", "原表总计漏计一件", "2024-03-01T09:30:00+00:00")
    error = Finding("requests.results_total", ERROR, FAIL, ("requests/total/total", "requests/granted/total"),
                    "表三（七）总计·总计：各项办理结果之和为 1，报告填写 0", 0, 1)
    warning = Finding("active.in_force_below_issued", WARNING, FAIL, ("active/regulations/in_force",),
                      "表二规章·现行有效件数少于本年制发件数")
    decision = Decision(warning.id, ACCEPTED, "机关来函确认", "李审核", "2024-03-01T10:00:00+00:00")
    signoff = SignOff(PASSED_AFTER_CORRECTION, "李审核", "", "ab" * 32, "2024-03-02T08:00:00+00:00")
    item = ReviewedReport(report, [error, warning], {warning.id: decision}, signoff, report_id=7)
    out = tmp_path / "reviewed.xlsx"
    export_workbook([item], out)
    wb = openpyxl.load_workbook(out)

    s = dict(zip(header(wb[SUMMARY], 2), header(wb[SUMMARY], 3), strict=True))
    assert (s["status"], s["outcome"], s["reviewer"]) == ("已签发", PASSED_AFTER_CORRECTION, "李审核")
    assert (s["signed_at"], s["open_errors"], s["open_warnings"]) == ("2024-03-02 08:00:00 UTC", 1, 0)
    assert s["requests/total/natural_person"] == 1

    f = wb[FINDINGS]
    rows = [dict(zip(header(f, 1), r, strict=True)) for r in f.iter_rows(min_row=2, values_only=True)]
    assert [(r["规则"], r["严重程度"], r["处理"], r["理由"]) for r in rows] == [
        ("requests.results_total", "错误", "未处理", None),
        ("active.in_force_below_issued", "警告", "已接受", "机关来函确认")]
    assert rows[0]["单元格"] == "表三（七）总计·总计、表三（一）予以公开·总计"

    c = wb[CORRECTIONS]
    assert header(c, 2)[1:] == ["2024-03-01 09:30:00 UTC", "李审核", "表三（七）总计·自然人",
                                "requests/total/natural_person", 0, 1, "原表总计漏计一件"]
    g = wb[SIGNOFFS]
    assert header(g, 2)[2:] == [PASSED_AFTER_CORRECTION, "李审核", "2024-03-02 08:00:00 UTC", None, "ab" * 32, "一致"]
    assert g["A2"].hyperlink.location == "'神池县教育科技局2023'!A1"


def test_hash_mismatch_is_flagged_on_the_signoff_sheet(tmp_path):
    item = ReviewedReport(from_truth(SAMPLE_FILES[0]), signoff=SignOff("通过", "王", "", "cd" * 32),
                          hash_mismatch=True)
    out = tmp_path / "mismatch.xlsx"
    export_workbook([item], out)
    assert openpyxl.load_workbook(out)[SIGNOFFS]["H2"].value.startswith("不一致")


def test_progress_is_reported_per_report(tmp_path):
    calls = []
    export_workbook([ReviewedReport(from_truth(p)) for p in SAMPLE_FILES[:3]], tmp_path / "p.xlsx",
                    progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_empty_batch_still_gives_a_valid_workbook(tmp_path):
    out = tmp_path / "empty.xlsx"
    export_workbook([], out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [SUMMARY, FINDINGS, CORRECTIONS, SIGNOFFS]
    assert wb[SUMMARY].max_row == 2


def test_same_input_gives_the_same_bytes(tmp_path):
    def items():
        report = from_truth(SAMPLE_FILES[2])
        report.cells["requests/total/total"].correct(1, "张", "漏计", "2024-02-01T08:00:00+00:00")
        return [ReviewedReport(report), ReviewedReport(from_truth(SAMPLE_FILES[4]))]

    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_workbook(items(), a)
    time.sleep(2.1)  # zip entry times have a 2-second resolution
    export_workbook(items(), b)
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = openpyxl.load_workbook(a).properties
    assert props.created == props.modified
    assert props.created.isoformat().startswith("2024-02-01T08:00:00")


def test_overwrites_an_existing_file_and_leaves_no_temporary_files(tmp_path):
    out = tmp_path / "again.xlsx"
    out.write_bytes(b"old")
    export_workbook([ReviewedReport(from_truth(SAMPLE_FILES[0]))], out)
    assert zipfile.is_zipfile(out)
    assert [p.name for p in tmp_path.iterdir()] == ["again.xlsx"]


def test_a_missing_folder_raises_oserror_and_writes_nothing(tmp_path):
    with pytest.raises(OSError):
        export_workbook([ReviewedReport(from_truth(SAMPLE_FILES[0]))], tmp_path / "no" / "x.xlsx")
    assert list(tmp_path.iterdir()) == []
