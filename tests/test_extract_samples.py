"""extract on the five received samples equals what a careful human reads off them."""
import json
import subprocess
import sys

from conftest import ROOT, SAMPLE_FILES, truth

from parser.extract import load, parse_text
from parser.reader import decode


def test_sample_matches_truth(sample):
    want = truth(sample)
    got = load(sample).to_dict()
    assert (got["agency"], got["year"], got["template"]) == (want["agency"], want["year"], want["template"])
    assert list(got["cells"]) == list(want["values"]), "every key of the template, in template order"
    diffs = {k: (got["cells"][k]["value"], v) for k, v in want["values"].items() if got["cells"][k]["value"] != v}
    assert diffs == {}


def test_spans_point_at_the_printed_text(sample):
    report = load(sample)
    for cell in report.cells.values():
        if cell.span:
            assert report.text[cell.span[0]:cell.span[1]] == cell.text
        if cell.status == "missing":
            assert cell.value is None and cell.span is None


def test_missing_blank_and_zero_are_different():
    report = load(ROOT / "resources/samples/004_22e9dc75990c25ed.txt")
    assert report.cells["appeals/review/total"].status == "missing"
    assert report.cells["appeals/litigation_direct/total"].value == 0
    assert report.cells["appeals/litigation_direct/total"].status == "extracted"


def test_cli_extract_json_is_the_contract():
    path = SAMPLE_FILES[2]
    out = subprocess.run([sys.executable, "main.py", "extract", str(path), "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert data["file"] == str(path)
    cell = data["cells"]["requests/unable.not_held/natural_person"]
    assert cell["value"] == 1 and cell["status"] == "extracted" and cell["text"] == "1"
    text = decode(path.read_bytes())
    assert text[cell["span"][0]:cell["span"][1]] == "1"


def test_cli_extract_several_files_gives_an_array():
    out = subprocess.run([sys.executable, "main.py", "extract", *map(str, SAMPLE_FILES[:2]), "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert [d["agency"] for d in json.loads(out)] == ["乌苏市教科局", "鄂温克族自治旗教育局"]


def test_readable_table_without_json():
    out = subprocess.run([sys.executable, "main.py", "extract", str(SAMPLE_FILES[4])], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "乌苏市教育和科学技术局" in out and "政府集中采购" in out and "797.58" in out


def test_traditional_text_with_pinyin_is_read_in_simplified():
    report = load(SAMPLE_FILES[1])
    assert report.agency == "鄂温克族自治旗教育局"
    assert report.cells["active/licensing/decisions"].value == 70


def test_empty_and_non_report_text_do_not_raise():
    for text in ("", "\n\n", "hello", "一、总体情况\n\t0\n\t1"):
        report = parse_text(text)
        assert all(c.status == "missing" for c in report.cells.values()) or report.template
