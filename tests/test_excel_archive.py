"""The archive for a large selection: a summary workbook plus one workbook per region (or agency), in a
folder or a zip, with links that open each report's sheet; the same content as the single workbook."""
import copy
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE_FILES

from parser.extract import load
from review.export import (
    CORRECTIONS,
    FINDINGS,
    SIGNOFFS,
    SUMMARY,
    VOLUMES,
    ExportCancelled,
    ListSource,
    WorkspaceSource,
    export_archive,
    export_workbook,
)
from review.rules import check
from review.state import RETURNED, ReviewedReport, SignOff
from review.workspace import Workspace

REGIONS = {"甲县教育局": "甲县", "甲县卫生健康局": "甲县", "乙县教育局": "乙县"}


@pytest.fixture(scope="module")
def items() -> list[ReviewedReport]:
    """Nine reports: the samples, and three of them again under agencies of two regions (one returned)."""
    parsed = [load(p) for p in SAMPLE_FILES]
    out = [ReviewedReport(r, check(r)) for r in parsed]
    for agency, base in zip(REGIONS, (parsed[2], parsed[0], parsed[1]), strict=True):
        for year_shift in (0, -1) if agency == "甲县教育局" else (0,):
            r = copy.deepcopy(base)
            r.agency, r.year = agency, r.year + year_shift
            out.append(ReviewedReport(r, check(r)))
    out[-1].signoff = SignOff(RETURNED, "王审核", "表三不平衡，请重新报送", time="2024-05-01T08:00:00+00:00")
    return out


def region_of(agency):
    return REGIONS.get(agency)


def links(ws, column: int = 1) -> list[tuple[str | None, str | None]]:
    """(target file, location) of the links in a column, top to bottom."""
    out = []
    for row in ws.iter_rows(min_col=column, max_col=column):
        if row[0].hyperlink is not None:
            out.append((row[0].hyperlink.target, row[0].hyperlink.location))
    return out


def resolve(base: Path, target: str | None, location: str) -> tuple[openpyxl.Workbook, str, str]:
    """Open the workbook a link points to and return it with the sheet name and cell it names."""
    assert target is not None
    book = base.parent / target
    assert book.is_file(), target
    sheet, cell = location.rsplit("!", 1)
    return openpyxl.load_workbook(book), sheet.strip("'").replace("''", "'"), cell


def cells_of(ws) -> dict:
    """Everything a reader sees on a sheet: values, looks, comments, merges, sizes."""
    seen = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None or c.has_style:
                seen[c.coordinate] = (c.value, c.font.b, c.fill.fgColor.rgb if c.fill.fill_type else None,
                                      c.alignment.horizontal, c.comment.text if c.comment else None)
    return {"cells": seen, "merged": sorted(map(str, ws.merged_cells.ranges)), "freeze": ws.freeze_panes,
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height}}


def test_a_small_selection_is_one_workbook(tmp_path, items):
    out = tmp_path / "small.xlsx"
    result = export_archive(ListSource(items, region_of), out, split_above=len(items))
    assert not result.split and result.reports == len(items)
    assert openpyxl.load_workbook(out).sheetnames[:4] == [SUMMARY, FINDINGS, CORRECTIONS, SIGNOFFS]
    assert [p.name for p in tmp_path.iterdir()] == ["small.xlsx"]


def test_a_large_selection_is_a_summary_and_one_workbook_per_region(tmp_path, items):
    out = tmp_path / "省年报.xlsx"
    result = export_archive(ListSource(items, region_of), out, split_above=3)
    assert result.split and result.reports == len(items)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [SUMMARY, FINDINGS, CORRECTIONS, SIGNOFFS, VOLUMES]
    folder = tmp_path / "省年报"
    # regions from the roster; the samples' agencies have none and get a volume each
    expected = {"甲县.xlsx", "乙县.xlsx"} | {f"{item.report.agency}.xlsx" for item in items[:5]}
    assert {p.name for p in folder.iterdir()} == expected
    assert sorted(result.volumes) == sorted(f"省年报/{n}" for n in expected)
    jia = openpyxl.load_workbook(folder / "甲县.xlsx").sheetnames
    assert jia == ["甲县教育局2023", "甲县教育局2022", "甲县卫生健康局2024"]  # the given order within a region
    assert openpyxl.load_workbook(folder / "乙县.xlsx").sheetnames == ["乙县教育局2023"]
    summary = wb[SUMMARY]
    keys = [c.value for c in summary[2]]
    rows = [dict(zip(keys, r, strict=True)) for r in summary.iter_rows(min_row=3, values_only=True)]
    assert {r["sheet"]: r["volume"] for r in rows}["乙县教育局2023"] == "省年报/乙县.xlsx"
    by_volume = sorted(items, key=lambda i: region_of(i.report.agency) or i.report.agency)  # stable
    assert [(r["agency"], r["year"]) for r in rows] == [(i.report.agency, i.report.year) for i in by_volume]


def test_every_link_of_the_summary_opens_the_reports_sheet(tmp_path, items):
    out = tmp_path / "links.xlsx"
    export_archive(ListSource(items, region_of), out, split_above=3)
    wb = openpyxl.load_workbook(out)
    index = wb[VOLUMES]
    volumes = links(index)
    assert len(volumes) == index.max_row - 1 == 7
    counts = [r[2] for r in index.iter_rows(min_row=2, values_only=True)]
    assert sum(counts) == len(items)
    for target, location in volumes:
        assert location is None and (out.parent / target).is_file()
    summary = wb[SUMMARY]
    sheet_column = [c.value for c in summary[2]].index("sheet") + 1
    seen = set()
    for target, location in links(summary, sheet_column):
        book, sheet, cell = resolve(out, target, location)
        assert sheet in book.sheetnames and cell == "A1"
        seen.add(sheet)
    assert len(seen) == len(items)
    findings = wb[FINDINGS]
    found = links(findings)
    assert len(found) == findings.max_row - 1 > 0
    for target, location in found[:12]:
        book, sheet, cell = resolve(out, target, location)
        assert book[sheet][cell].has_style  # a cell of the printed tables (blank ones too)


def test_the_split_archive_holds_the_same_content_as_the_single_workbook(tmp_path, items):
    single = tmp_path / "single.xlsx"
    export_workbook(items, single)
    out = tmp_path / "split.xlsx"
    export_archive(ListSource(items, region_of), out, split_above=3)
    one, summary = openpyxl.load_workbook(single), openpyxl.load_workbook(out)
    # every report sheet, laid out and marked as in the single workbook
    volume_sheets = {}
    for p in sorted((tmp_path / "split").iterdir()):
        wb = openpyxl.load_workbook(p)
        for name in wb.sheetnames:
            volume_sheets[name] = wb[name]
    assert sorted(volume_sheets) == sorted(one.sheetnames[4:])
    for name, ws in volume_sheets.items():
        assert cells_of(ws) == cells_of(one[name]), name
    # the same rows on 汇总 (less the volume column) and on each list (links aside), in region order

    def rows_of(ws, skip=()):
        return sorted(tuple(v for i, v in enumerate(r) if i not in skip)
                      for r in ws.iter_rows(min_row=2, values_only=True))

    keys = [c.value for c in summary[SUMMARY][2]]
    assert [c.value for c in one[SUMMARY][2]] == [k for k in keys if k != "volume"]
    assert rows_of(summary[SUMMARY], {keys.index("volume")}) == rows_of(one[SUMMARY])
    for name in (FINDINGS, CORRECTIONS, SIGNOFFS):
        assert rows_of(summary[name]) == rows_of(one[name]), name
    returned = [r for r in summary[SIGNOFFS].iter_rows(min_row=2, values_only=True) if r[2] == RETURNED]
    assert returned and returned[0][0] == "乙县教育局2023"


def test_a_zip_holds_the_summary_and_the_volumes_and_is_the_same_bytes_each_time(tmp_path, items):
    first, second = tmp_path / "a" / "省年报.zip", tmp_path / "b" / "省年报.zip"
    for out in (first, second):
        out.parent.mkdir()
        export_archive(ListSource(items, region_of), out, split_above=3)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        names = z.namelist()
        assert names[0] == "省年报.xlsx" or "省年报.xlsx" in names
        assert "省年报/甲县.xlsx" in names and len(names) == 8
        z.extractall(tmp_path / "x")
    wb = openpyxl.load_workbook(tmp_path / "x" / "省年报.xlsx")
    for target, _ in links(wb[VOLUMES]):
        assert (tmp_path / "x" / target).is_file()
    assert sorted(p.name for p in first.parent.iterdir()) == ["省年报.zip"]  # no temporary files left


def test_the_same_input_gives_the_same_folder_bytes_whether_volumes_are_written_here_or_by_workers(tmp_path, items):
    digests = []
    for run, workers in (("a", 0), ("b", 0), ("c", 2)):
        (tmp_path / run).mkdir()
        out = tmp_path / run / "省年报.xlsx"
        export_archive(ListSource(items, region_of), out, split_above=3, workers=workers)
        digests.append({p.relative_to(tmp_path / run): p.read_bytes() for p in (tmp_path / run).rglob("*.xlsx")})
    assert digests[0] == digests[1] == digests[2] and len(digests[0]) == 8


def test_a_region_larger_than_a_volume_goes_on_in_the_next(tmp_path, items, monkeypatch):
    import review.export.volumes as volumes

    monkeypatch.setattr(volumes, "MAX_VOLUME", 2)
    out = tmp_path / "省年报.xlsx"
    result = export_archive(ListSource(items, region_of), out, split_above=3)
    folder = tmp_path / "省年报"
    assert openpyxl.load_workbook(folder / "甲县.xlsx").sheetnames == ["甲县教育局2023", "甲县教育局2022"]
    assert openpyxl.load_workbook(folder / "甲县（2）.xlsx").sheetnames == ["甲县卫生健康局2024"]
    index = [r for r in openpyxl.load_workbook(out)[VOLUMES].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1], r[2]) for r in index if r[1] == "甲县"] == [
        ("省年报/甲县.xlsx", "甲县", 2), ("省年报/甲县（2）.xlsx", "甲县", 1)]
    assert len(result.volumes) == 8  # seven regions and agencies, one of them in two volumes


def test_a_second_export_replaces_the_previous_volumes(tmp_path, items):
    out = tmp_path / "省年报.xlsx"
    export_archive(ListSource(items, region_of), out, split_above=3)
    export_archive(ListSource(items[3:], region_of), out, split_above=3)
    assert {p.name for p in (tmp_path / "省年报").iterdir()} == {
        "阿合奇县教育和科学技术局.xlsx", "乌苏市教育和科学技术局.xlsx", "甲县.xlsx", "乙县.xlsx"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["省年报", "省年报.xlsx"]


def test_a_folder_holding_other_files_is_never_replaced(tmp_path, items):
    out = tmp_path / "省年报.xlsx"
    (tmp_path / "省年报").mkdir()
    (tmp_path / "省年报" / "说明.docx").write_bytes(b"keep me")
    with pytest.raises(OSError, match="其他文件"):
        export_archive(ListSource(items, region_of), out, split_above=3)
    assert (tmp_path / "省年报" / "说明.docx").read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["省年报"]


def test_cancelling_leaves_the_previous_export_as_it_was(tmp_path, items):
    out = tmp_path / "省年报.xlsx"
    export_archive(ListSource(items, region_of), out, split_above=3)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.xlsx")}
    seen = []
    with pytest.raises(ExportCancelled):
        export_archive(ListSource(items[:6], region_of), out, lambda done, total: seen.append(done),
                       cancelled=lambda: len(seen) >= 4, split_above=3)
    assert seen == [1, 2, 3, 4]
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.xlsx")} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["省年报", "省年报.xlsx"]


def test_a_workspace_read_in_small_batches_exports_as_the_whole_list(tmp_path):
    with Workspace(tmp_path / "w.sqlite") as ws:
        for p in SAMPLE_FILES:
            ws.import_file(p)
        everything = ws.reviewed_reports()
        export_workbook(everything, tmp_path / "list.xlsx")
        source = WorkspaceSource(ws, batch=2)
        assert len(source) == 5 and source.formats() == {"2019", "2021"}
        export_archive(source, tmp_path / "batched.xlsx")
    assert (tmp_path / "batched.xlsx").read_bytes() == (tmp_path / "list.xlsx").read_bytes()


def test_times_are_local_with_their_zone_and_a_return_gives_its_reason_on_the_reports_sheet(tmp_path, items,
                                                                                             monkeypatch):
    import time

    monkeypatch.setenv("TZ", "CST-8")  # China Standard Time, without needing a zone database
    time.tzset()
    try:
        out = tmp_path / "local.xlsx"
        export_workbook(items[-1:], out)
    finally:
        monkeypatch.undo()
        time.tzset()
    wb = openpyxl.load_workbook(out)
    keys = [c.value for c in wb[SUMMARY][2]]
    row = dict(zip(keys, [c.value for c in wb[SUMMARY][3]], strict=True))
    assert row["signed_at"] == "2024-05-01 16:00:00 UTC+08:00"  # signed at 08:00 UTC
    sheet = wb["乙县教育局2023"]
    assert "签发：退回，王审核，2024-05-01 16:00:00 UTC+08:00，理由：表三不平衡，请重新报送" in sheet["A2"].value
    assert [r[4] for r in wb[SIGNOFFS].iter_rows(min_row=2, values_only=True)] == ["2024-05-01 16:00:00 UTC+08:00"]


def test_the_summarys_filter_buttons_are_on_its_chinese_header_row(tmp_path, items):
    out = tmp_path / "filter.xlsx"
    export_workbook(items, out)
    ws = openpyxl.load_workbook(out)[SUMMARY]
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws["A1"].value == "机关" and ws.auto_filter.ref.endswith(str(len(items) + 2))


def test_the_summary_reads_the_same_with_pandas_through_openpyxl_and_calamine(tmp_path, items):
    import pandas as pd

    out = tmp_path / "省年报.xlsx"
    export_archive(ListSource(items, region_of), out, split_above=3)
    by_openpyxl = pd.read_excel(out, sheet_name=SUMMARY, header=1, engine="openpyxl")
    by_calamine = pd.read_excel(out, sheet_name=SUMMARY, header=1, engine="calamine")  # the fast one at scale
    assert by_openpyxl.shape == (len(items), by_openpyxl.shape[1]) and "volume" in by_openpyxl.columns
    pd.testing.assert_frame_equal(by_openpyxl, by_calamine, check_dtype=False)


def test_the_summarys_rows_carry_no_styles_but_the_link_to_each_sheet(tmp_path, items):
    out = tmp_path / "省年报.xlsx"
    export_archive(ListSource(items, region_of), out, split_above=3)
    summary = openpyxl.load_workbook(out)[SUMMARY]
    keys = [c.value for c in summary[2]]
    assert all(c.has_style for c in summary[1] + summary[2])  # the two header rows
    styled = {keys[c.column - 1] for row in summary.iter_rows(min_row=3) for c in row if c.has_style}
    assert styled == {"sheet"}
    assert all(row[keys.index("sheet")].hyperlink is not None for row in summary.iter_rows(min_row=3))
    numbers = [v for row in summary.iter_rows(min_row=3, min_col=len(keys) - 20, values_only=True) for v in row]
    assert 0 in numbers and any(isinstance(v, int) and v > 0 for v in numbers)  # zeros are kept, not blanks


def test_every_streamed_sheet_states_its_used_range(tmp_path, items):
    """A sheet without a dimension makes openpyxl's read-only mode (and pandas through it) parse the whole
    sheet once more only to size it: the province's 汇总 and 问题清单 took twice as long to read."""
    import re

    out = tmp_path / "省年报.xlsx"
    export_archive(ListSource(items, region_of), out, split_above=3)
    full = openpyxl.load_workbook(out)
    with zipfile.ZipFile(out) as z:
        sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        refs = [re.search(rb'<dimension ref="([A-Z0-9:]+)"/>', z.read(n)) for n in sheets]
    assert all(refs), sheets
    fast = openpyxl.load_workbook(out, read_only=True)
    for ws, ref in zip(full.worksheets, refs, strict=True):
        assert ref.group(1).decode() == ws.dimensions, ws.title
        assert (fast[ws.title].max_row, fast[ws.title].max_column) == (ws.max_row, ws.max_column), ws.title
