"""The reviewer's edits as core commands: do()/undo() over the reviewed report and its journal, without Qt."""
import pytest
from conftest import SAMPLE_FILES

from parser.extract import load
from parser.model import Correction
from review.audit import CORRECTION, DECISION, REOPEN, SIGNOFF, UNDO, WITHDRAWN
from review.commands import (
    ConfirmCells,
    CorrectCells,
    DecideFinding,
    EditContext,
    EditHeader,
    EditRefused,
    ReopenReport,
    SignOffReport,
)
from review.edit_journal import MemoryJournal
from review.rules import check
from review.state import ACCEPTED, PASSED, PASSED_AFTER_CORRECTION, Decision, ReviewedReport
from review.workspace import Workspace

NP, TOTAL = "requests/unable.not_held/natural_person", "requests/unable.not_held/total"
ROW_RULES = ("requests.results_total", "requests.row_total")


def sample(prefix: str):
    return next(p for p in SAMPLE_FILES if p.name.startswith(prefix))


def memory_context(prefix: str = "002") -> EditContext:
    report = load(str(sample(prefix)))
    return EditContext(ReviewedReport(report, check(report)), MemoryJournal(), "张三", check=check)


@pytest.fixture
def ws(tmp_path):
    with Workspace(tmp_path / "w.sqlite") as w:
        yield w


def workspace_context(ws: Workspace, prefix: str = "002") -> tuple[int, EditContext]:
    rid, _ = ws.import_file(sample(prefix))
    return rid, EditContext(ws.load(rid), ws.journal_for(rid), "张三", check=ws.rules_for(rid))


def arithmetic_errors(ctx: EditContext) -> list:
    return [f for f in ctx.reviewed.findings if f.rule in ROW_RULES]


def test_accepting_a_two_cell_suggestion_sets_both_cells_in_one_step():
    """Issue 14.1: sample 002's least correction is two cells; either finding's suggestion sets both."""
    ctx = memory_context()
    finding = next(f for f in ctx.reviewed.findings if f.suggestion and NP in f.suggestion)
    assert finding.suggestion == {NP: 0}  # the finding's own cell (the JSON contract is unchanged) …
    assert finding.changes_to_accept() == {NP: 0, TOTAL: 0}  # … and the cell the correction needs with it
    before = {k: ctx.report.value(k) for k in (NP, TOTAL)}
    command = CorrectCells(ctx, finding.changes_to_accept(), "采纳建议")
    command.do()
    assert {k: ctx.report.value(k) for k in (NP, TOTAL)} == {NP: 0, TOTAL: 0}
    assert arithmetic_errors(ctx) == []  # no new row_total error
    command.undo()
    assert {k: ctx.report.value(k) for k in (NP, TOTAL)} == before
    assert len(arithmetic_errors(ctx)) == 2


def test_memory_journal_records_do_and_undo_naming_what_is_reverted():
    """Issue 14.6: a step of several cells is one audit entry with one reason (its undo too)."""
    ctx = memory_context()
    command = CorrectCells(ctx, {NP: 0, TOTAL: 0}, "采纳建议")
    command.do()
    command.undo()
    log = ctx.journal.entries()
    assert [e.kind for e in log] == [CORRECTION, UNDO]
    step, undo = log
    assert [(c.cell, c.new) for c in step.batch] == [(NP, 0), (TOTAL, 0)] and step.reason == "采纳建议"
    assert [c.reverts for c in undo.batch] == list(step.entry_ids) and undo.reverts == step.entry_id
    assert all(e.reviewer == "张三" for e in log)
    command.do()  # redo: a new edit
    assert [(e.kind, len(e.batch)) for e in ctx.journal.entries()][-1:] == [(CORRECTION, 2)]
    assert ctx.report.value(NP) == 0
    CorrectCells(ctx, {NP: 3}, "一格").do()  # a step of one cell: an entry without a batch
    assert ctx.journal.entries()[-1].batch == () and ctx.journal.entries()[-1].entry_ids == (7,)


def test_workspace_journal_keeps_the_same_entries_and_values(ws):
    rid, ctx = workspace_context(ws)
    command = CorrectCells(ctx, {NP: 0, TOTAL: 0}, "采纳建议")
    command.do()
    stored = ws.load(rid)
    assert (stored.report.value(NP), stored.report.value(TOTAL)) == (0, 0)
    assert not [f for f in stored.findings if f.rule in ROW_RULES]
    command.undo()
    log = ws.audit_log(rid)
    assert [e.kind for e in log] == ["import", CORRECTION, UNDO]  # one entry per step, with every cell
    assert [c.cell for c in log[1].batch] == [NP, TOTAL] and log[1].reason == "采纳建议"
    assert {c.reverts for c in log[2].batch} == set(log[1].entry_ids)
    assert "2 格" in log[1].summary() and "撤销第" in log[2].summary()
    assert (ws.load(rid).report.value(NP), ws.load(rid).report.value(TOTAL)) == (1, 1)


def test_a_refused_edit_changes_nothing(ws):
    rid, ctx = workspace_context(ws)
    ws.record_correction(rid, Correction(NP, 1, 5, "", "李四"))  # someone else changed the cell: this copy is stale
    with pytest.raises(EditRefused, match="不符"):
        CorrectCells(ctx, {NP: 0, TOTAL: 0}, "采纳建议").do()
    assert (ctx.report.value(NP), ctx.report.value(TOTAL)) == (1, 1)  # the copy is untouched
    assert (ws.load(rid).report.value(NP), ws.load(rid).report.value(TOTAL)) == (5, 1)  # no half-recorded pair
    with pytest.raises(EditRefused, match="没有这个单元格"):
        CorrectCells(ctx, {"requests/nothing/here": 1}, "")


def test_decisions_header_signoff_and_reopen_undo_by_entries_that_name_what_they_revert(ws):
    rid, ctx = workspace_context(ws, "000")
    ctx.reviewed.findings.clear()
    fid = "test.finding:x"
    decide = DecideFinding(ctx, fid, Decision(fid, ACCEPTED, "已核实", "张三"))
    decide.do()
    assert ws.load(rid).decisions[fid].reason == "已核实"
    decide.undo()
    assert fid not in ws.load(rid).decisions and fid not in ctx.reviewed.decisions
    header = EditHeader(ctx, "year", 2020, "更正年度")
    header.do()
    assert ws.queue_row(rid).year == 2020 and ctx.report.year == 2020
    header.undo()
    assert ws.queue_row(rid).year == ctx.report.year != 2020
    log = ws.audit_log(rid)
    decision, withdrawal, year, back = log[1:5]
    assert (decision.kind, withdrawal.kind, withdrawal.action, withdrawal.reverts) == \
        (DECISION, DECISION, WITHDRAWN, decision.entry_id)
    assert (year.kind, back.kind, back.reverts) == (CORRECTION, UNDO, year.entry_id)
    assert "撤销第" in withdrawal.summary()

    outcome = PASSED_AFTER_CORRECTION if ctx.report.corrections() else PASSED
    sign = SignOffReport(ctx, outcome)
    sign.do()
    assert ws.load(rid).signoff.outcome == outcome and ctx.reviewed.signoff.values_hash
    with pytest.raises(EditRefused, match="只读"):
        CorrectCells(ctx, {"active/fees/amount": 1}, "").do()
    sign.undo()
    assert ws.load(rid).signoff is None and ctx.reviewed.signoff is None
    sign.do()
    reopen = ReopenReport(ctx, "补充材料")
    reopen.do()
    assert ws.load(rid).signoff is None
    reopen.undo()
    assert ws.load(rid).signoff.outcome == outcome
    kinds = [(e.kind, e.reverts is not None) for e in ws.audit_log(rid)[5:]]
    assert kinds == [(SIGNOFF, False), (REOPEN, True), (SIGNOFF, False), (REOPEN, False), (SIGNOFF, True)]


def test_memory_journal_refuses_what_the_workspace_refuses():
    ctx = memory_context("000")
    with pytest.raises(EditRefused, match="理由"):
        DecideFinding(ctx, "x", Decision("x", ACCEPTED, " ", "张三")).do()
    assert ctx.reviewed.decisions == {} and ctx.journal.entries() == []
    with pytest.raises(EditRefused, match="无需重新打开"):
        ReopenReport(ctx, "理由").do()


def test_confirming_an_uncertain_cell_is_kept_by_the_workspace_and_undone_by_an_entry(ws, tmp_path, monkeypatch):
    from parser.model import EXTRACTED, UNCERTAIN

    report = load(str(sample("000")))
    key = "active/fees/amount"
    report.cells[key].status = report.cells[key].parsed_status = UNCERTAIN  # as read from a page by OCR
    source = tmp_path / "scan.txt"
    source.write_bytes(b"scan")
    monkeypatch.setattr("parser.extract.parse_bytes", lambda data, name: report)  # the page reader's result
    rid, _ = ws.import_file(source)
    ctx = EditContext(ws.load(rid), ws.journal_for(rid), "张三")
    command = ConfirmCells(ctx, [key, "requests/total/total"], "与原件核对无误")  # only uncertain cells count
    assert command.keys == {key}
    command.do()
    assert ctx.report.cells[key].status == EXTRACTED == ws.load(rid).report.cells[key].status
    command.undo()
    assert ctx.report.cells[key].status == UNCERTAIN == ws.load(rid).report.cells[key].status
    log = ws.audit_log(rid)
    assert [e.kind for e in log] == ["import", CORRECTION, UNDO] and log[2].reverts == log[1].entry_id
    certain = "requests/total/total"
    value = ctx.report.value(certain)
    with pytest.raises(EditRefused, match="无需更正"):  # the same value on a certain cell is no edit
        ctx.journal.correct([Correction(certain, value, value, "", "张三")])
