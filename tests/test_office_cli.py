"""Acceptance through the command line: roster → import → status → check → memo → bulletin, with an
agency whose two years carry different names linked by the roster; the documents read back with
python-docx."""
import json

import pytest
from docx import Document
from year_reports import derive, roster_file, sample

from cli import run


def _text(path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def office(tmp_path_factory, request):
    """A workspace with the roster, the five samples and 乌苏's 2023 report under its full name; every
    office command is run on an SQLite file and on a PostgreSQL database."""
    folder = tmp_path_factory.mktemp("office")
    last = derive("000", folder, agency=("乌苏市教科局", "乌苏市教育和科学技术局"), year=(2024, 2023))
    near = derive("002", folder, agency=("神池县教育科技局", "神池县教科局"), year=(2023, 2024), name="神池.txt")
    ws = str(folder / "w.sqlite") if request.param == "sqlite" else request.getfixturevalue("pg_cluster").new_database()
    assert run(["roster", str(roster_file(folder)), "--workspace", ws]) == 0
    assert run(["import", str(sample("000").parent), str(last), str(near), "--workspace", ws]) == 0
    return folder, ws


def test_status_lists_every_roster_agency_and_the_unmatched(office, capsys):
    _folder, ws = office
    capsys.readouterr()
    assert run(["status", "--workspace", ws, "--year", "2024", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    by = {a["agency"]: a for a in d["agencies"]}
    assert d["year"] == 2024 and len(by) == 5
    wusu = by["乌苏市教育和科学技术局"]
    assert wusu["name"] == "乌苏市教科局" and wusu["previous"] is not None and wusu["status"] in ("待审", "有错误")
    assert by["乌苏市卫生健康委员会"]["status"] == "未报送" and by["乌苏市卫生健康委员会"]["report"] is None
    assert [(u["agency"], u["candidates"][0]) for u in d["unmatched"]] == [("神池县教科局", "神池县教育科技局")]
    assert run(["status", "--workspace", ws, "--year", "2024", "--status", "未报送"]) == 0
    out = capsys.readouterr().out
    assert "乌苏市卫生健康委员会" in out and "乌苏市教育和科学技术局" not in out and "神池县教科局" in out
    assert run(["status", "--workspace", ws, "--status", "不存在"]) == 2


def test_check_names_the_previous_year_or_says_there_is_none(office, capsys):
    _folder, ws = office
    capsys.readouterr()
    assert run(["check", str(sample("000")), str(sample("002")), "--workspace", ws, "--json"]) == 1
    wusu, shenchi = json.loads(capsys.readouterr().out)
    assert (wusu["previous"]["agency"], wusu["previous"]["year"]) == ("乌苏市教育和科学技术局", 2023)
    assert not any(f["rule"] == "years.no_previous" for f in wusu["findings"])
    assert any(f["rule"] == "years.identical_tables" for f in wusu["findings"])
    assert shenchi["previous"] is None
    [info] = [f for f in shenchi["findings"] if f["rule"] == "years.no_previous"]
    assert info["severity"] == "info" and "2022" in info["message"]


def test_link_then_status_matches(office, capsys, tmp_path):
    folder, ws = office
    assert run(["link", "神池.txt", "神池县教育科技局", "--workspace", ws, "--reviewer", "李四"]) == 0
    capsys.readouterr()
    assert run(["status", "--workspace", ws, "--year", "2024", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["unmatched"] == []
    shenchi = next(a for a in d["agencies"] if a["agency"] == "神池县教育科技局")
    assert shenchi["name"] == "神池县教科局" and shenchi["previous"] is not None  # its 2023 sample, by the link
    assert run(["link", "神池.txt", "没有这个机关", "--workspace", ws]) == 2


def test_memo_lists_each_open_finding_with_the_cell_as_printed(office, tmp_path, capsys):
    _folder, ws = office
    out = tmp_path / "意见书.docx"
    assert run(["memo", sample("002").name, "--workspace", ws, "-o", str(out), "--deadline", "2025年3月31日",
                "--contact", "张三 0350-1234567", "--office", "神池县人民政府办公室"]) == 0
    text = _text(out)
    assert "关于神池县教育科技局2023年度政府信息公开工作年度报告的审核意见书" in text
    assert "表三（四）1.本机关不掌握相关政府信息·自然人填写“1”" in text and "应为 0" in text
    assert "请于2025年3月31日前" in text and "张三 0350-1234567" in text and "神池县人民政府办公室" in text
    assert run(["memo", "9999", "--workspace", ws, "-o", str(out)]) == 2
    assert run(["memo", "1", "--workspace", ws, "-o", str(tmp_path / "x.pdf")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_bulletin_counts_lists_and_charts(office, tmp_path):
    _folder, ws = office
    out = tmp_path / "通报.docx"
    assert run(["bulletin", "--workspace", ws, "--year", "2024", "-o", str(out)]) == 0
    text = _text(out)
    assert "关于2024年度政府信息公开工作年度报告审核情况的通报" in text
    assert "名单内应报送年度报告的机关 5 个，已报送 2 个" in text
    assert "乌苏市卫生健康委员会" in text and "鄂温克族自治旗教育局" in text  # did not report for 2024
    assert "三张表的每个数值都与上一年度相同" in text  # a common problem, ranked
    assert "神池县人民政府办公室" in text  # the sender remembered from the memo
    assert len(Document(str(out)).inline_shapes) >= 2  # the charts


def test_workspace_export_gains_the_overview_sheet_with_native_charts(office, tmp_path):
    import zipfile

    import openpyxl

    _folder, ws = office
    out = tmp_path / "归档.xlsx"
    assert run(["export", "--workspace", ws, "-o", str(out)]) in (0, 1)
    wb = openpyxl.load_workbook(out, read_only=True)
    assert "概览" in wb.sheetnames[:6]
    rows = [r for r in wb["概览"].iter_rows(values_only=True) if any(v is not None for v in r)]
    assert ("未报送", 3) in [r[:2] for r in rows]  # 乌苏市卫生健康委员会, 鄂温克族自治旗教育局, 阿合奇县… for 2024
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) >= 3 and all(b"<barChart>" in z.read(c) for c in charts)


def test_resubmit_and_remove_through_the_cli(office, tmp_path, capsys):
    folder, ws = office
    fixed = derive("000", tmp_path, name="000_更正版.txt", replace={"政府信息公开工作": "政府信息公开工作 "})
    capsys.readouterr()
    assert run(["import", str(fixed), "--workspace", ws]) == 0  # same agency and year, other bytes: a new version
    assert "其中 1 份是已有报告的新版本" in capsys.readouterr().out
    assert run(["resubmit", fixed.name, sample("000").name, "--workspace", ws, "--reason", "更正后重新报送"]) == 0
    assert "数值变化 0 处" in capsys.readouterr().out  # already linked on import: said again, not logged twice
    assert run(["remove", fixed.name, "--workspace", ws, "--reason", "误导入"]) == 0
    assert run(["remove", fixed.name, "--workspace", ws]) == 2  # no longer in the workspace
    out = capsys.readouterr()
    assert "可用 remove" in out.out and "没有编号或文件名" in out.err
    report = out.out.split("报告 ")[1].split(" ")[0]
    assert run(["remove", report, "--restore", "--workspace", ws]) == 0
    capsys.readouterr()
    assert run(["status", "--workspace", ws, "--year", "2024", "--json"]) == 0
    wusu = next(a for a in json.loads(capsys.readouterr().out)["agencies"] if a["agency"] == "乌苏市教育和科学技术局")
    assert wusu["report"] == int(report)  # the current version stands for the agency-year
    # printed under the roster's full name: the same agency by identity, so the third version
    full = derive("000", tmp_path, agency=("乌苏市教科局", "乌苏市教育和科学技术局"), name="000_全称.txt")
    assert run(["import", str(full), "--workspace", ws]) == 0
    assert "其中 1 份是已有报告的新版本" in capsys.readouterr().out
    assert run(["status", "--workspace", ws, "--year", "2024", "--json"]) == 0
    wusu = next(a for a in json.loads(capsys.readouterr().out)["agencies"] if a["agency"] == "乌苏市教育和科学技术局")
    assert wusu["report"] > int(report) and wusu["name"] == "乌苏市教育和科学技术局"


def test_assign_reports_in_advance_logged_and_listed(office, capsys):
    _folder, ws = office
    capsys.readouterr()
    assert run(["assign", sample("000").name, sample("002").name, "--to", "张三", "--reviewer", "组长",
                "--workspace", ws]) == 0
    assert "2 份报告分配给 张三" in capsys.readouterr().out
    assert run(["assign", sample("000").name, "--to", "张三", "--workspace", ws]) == 0  # already: not logged again
    assert "原已如此" in capsys.readouterr().out
    assert run(["assign", sample("002").name, "--clear", "--workspace", ws]) == 0
    assert run(["assign", "--list", "--workspace", ws]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines() if "\t" in line]
    assert [(name, file) for _rid, name, _agency, file in listed] == [("张三", sample("000").name)]
    assert run(["assign", sample("000").name, "--workspace", ws]) == 2  # neither --to nor --clear
    assert run(["assign", "没有这份.txt", "--to", "李四", "--workspace", ws]) == 2
    assert "没有编号或文件名" in capsys.readouterr().err
    from review.workspace import Workspace

    with Workspace(ws) as w:
        rid = int(listed[0][0])
        assigned = [(e.kind, e.reviewer, e.action) for e in w.audit_log(rid) if e.kind == "assign"]
        assert assigned == [("assign", "组长", "张三")]
        assert next(r for r in w.queue() if r.report_id == rid).assignee == "张三"
