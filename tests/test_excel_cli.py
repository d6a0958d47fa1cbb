"""`python main.py export`: files and folders, a workspace's reviewed state, and bad input."""
import subprocess
import sys

import openpyxl
from conftest import ROOT, SAMPLE_FILES, SAMPLES

from cli import run
from parser.model import Correction
from review.export import CORRECTIONS, FINDINGS, SIGNOFFS, SUMMARY
from review.state import PASSED_AFTER_CORRECTION, SignOff
from review.workspace import Workspace


def rows(ws, header_row: int = 1) -> list[dict]:
    head = [c.value for c in ws[header_row]]
    return [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=header_row + 1, values_only=True)]


def test_export_a_folder_through_main(tmp_path):
    out = tmp_path / "batch.xlsx"
    p = subprocess.run([sys.executable, "main.py", "export", str(SAMPLES), "-o", str(out)], cwd=ROOT,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "已导出 5 份报告" in p.stdout
    wb = openpyxl.load_workbook(out)
    assert [r["agency"] for r in rows(wb[SUMMARY], 2)] == [
        "乌苏市教科局", "鄂温克族自治旗教育局", "神池县教育科技局", "阿合奇县教育和科学技术局",
        "乌苏市教育和科学技术局"]
    assert any(r["规则"] == "requests.results_total" for r in rows(wb[FINDINGS]))


def test_an_unreadable_file_is_reported_and_the_others_exported(tmp_path, capsys):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"\x00\x01 not a document")
    out = tmp_path / "part.xlsx"
    assert run(["export", str(SAMPLE_FILES[0]), str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "坏文件.docx" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert len(rows(openpyxl.load_workbook(out)[SUMMARY], 2)) == 1


def test_bad_usage_gives_a_chinese_reason_and_no_file(tmp_path, capsys):
    assert run(["export", str(SAMPLE_FILES[0]), "-o", str(tmp_path / "out.csv")]) == 2
    assert "xlsx" in capsys.readouterr().err
    assert run(["export", str(SAMPLE_FILES[0]), "-o", str(tmp_path / "missing" / "out.xlsx")]) == 2
    assert "文件夹不存在" in capsys.readouterr().err
    assert run(["export", str(tmp_path / "none.txt"), "-o", str(tmp_path / "out.xlsx")]) == 2
    assert "没有可导出的报告" in capsys.readouterr().err
    ws = tmp_path / "w.sqlite"
    assert run(["export", "--workspace", str(ws), "-o", str(tmp_path / "out.xlsx")]) == 2
    assert "工作区不存在" in capsys.readouterr().err and not ws.exists()
    assert run(["--workspace", str(ws), "export", str(SAMPLE_FILES[0]), "-o", str(tmp_path / "out.xlsx")]) == 2
    assert "之一" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.xlsx"))


def test_an_output_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path, capsys):
    out = tmp_path / "dir.xlsx"
    out.mkdir()
    assert run(["export", str(SAMPLE_FILES[0]), "-o", str(out)]) == 2
    assert "文件夹" in capsys.readouterr().err


def test_export_a_workspace_with_corrections_and_a_signoff(tmp_path, capsys):
    path = tmp_path / "w.sqlite"
    with Workspace(path) as w:
        rid, _ = w.import_file(SAMPLE_FILES[0])
        w.record_correction(rid, Correction("active/licensing/decisions", 0, 2, "原文漏印", "赵审核",
                                            "2024-04-01T08:00:00+00:00"))
        signed = w.sign_off(rid, SignOff(PASSED_AFTER_CORRECTION, "赵审核", time="2024-04-02T08:00:00+00:00"))
        w.import_file(SAMPLE_FILES[2])
    out = tmp_path / "w.xlsx"
    assert run(["export", "--workspace", str(path), "-o", str(out)]) == 0
    assert "已导出 2 份报告" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    summary = {r["agency"]: r for r in rows(wb[SUMMARY], 2)}
    assert summary["乌苏市教科局"]["status"] == "已签发" and summary["乌苏市教科局"]["active/licensing/decisions"] == 2
    assert summary["神池县教育科技局"]["status"] == "有错误" and summary["神池县教育科技局"]["open_errors"] >= 1
    log = rows(wb[CORRECTIONS])
    assert [(r["单元格键"], r["原值"], r["新值"], r["审核人"], r["理由"]) for r in log] == [
        ("active/licensing/decisions", 0, 2, "赵审核", "原文漏印")]
    sign = rows(wb[SIGNOFFS])
    assert len(sign) == 1 and sign[0]["数值校验值（SHA-256）"] == signed.values_hash and sign[0]["校验"] == "一致"
    cell = wb["乌苏市教科局2024"]
    licensing = next(c for r in cell.iter_rows() for c in r if c.value == "行政许可")
    corrected = cell.cell(licensing.row, 4)
    assert corrected.value == 2
    assert "赵审核" in corrected.comment.text and "2024-04-01 08:00:00" in corrected.comment.text


def test_two_runs_give_identical_files_whatever_the_hash_seed(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}.xlsx"
        subprocess.run([sys.executable, "main.py", "export", str(SAMPLES), "-o", str(out)], cwd=ROOT, check=True,
                       capture_output=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
