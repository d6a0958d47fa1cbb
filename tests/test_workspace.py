"""The workspace keeps every import, correction, decision and sign-off across close and reopen."""
import pytest
from conftest import SAMPLE_FILES, truth
from pg import RawDatabase

from parser.model import CORRECTED, Correction
from review.findings import ERROR, FAIL, Finding
from review.signoff import SignOffRefused
from review.state import (
    ACCEPTED,
    PASSED,
    PASSED_AFTER_CORRECTION,
    POSTPONED,
    RETURNED,
    STATUS_ERRORS,
    STATUS_IN_REVIEW,
    STATUS_NEW,
    STATUS_RETURNED,
    STATUS_SIGNED,
    Decision,
    SignOff,
)
from review.workspace import Workspace, WorkspaceError, report_from_json, report_to_json

FEES = "active/fees/amount"


def fee_limit(report, previous=None):
    """A stand-in rule: an error while the fee cell is above 50 (sample 000 prints 63.6773)."""
    v = report.value(FEES)
    if v is not None and v > 50:
        return [Finding("test.fee_limit", ERROR, FAIL, (FEES,), f"收费金额 {v} 万元超过 50 万元", v, 50)]
    return []


@pytest.fixture
def ws_path(workspace_location):
    """Every test here runs on both backends: an SQLite file and a PostgreSQL database (conftest)."""
    return workspace_location


def sample_000():
    return next(p for p in SAMPLE_FILES if p.name.startswith("000"))


def test_import_samples_once(ws_path):
    with Workspace(ws_path) as ws:
        result = ws.import_paths([SAMPLE_FILES[0].parent])
        assert len(result.added) == len(SAMPLE_FILES) and not result.failed
        again = ws.import_paths(SAMPLE_FILES)
        assert again.added == [] and len(again.duplicates) == len(SAMPLE_FILES)
        assert len(ws) == len(SAMPLE_FILES)
        rows = {r.file_name: r for r in ws.queue()}
    for path in SAMPLE_FILES:
        want = truth(path)
        row = rows[path.name]
        assert (row.agency, row.year, row.template) == (want["agency"], want["year"], want["template"])
        assert row.file_format == "TXT" and row.status in (STATUS_NEW, STATUS_ERRORS)


def test_stored_report_reloads_equal_to_the_parse(ws_path):
    from parser.extract import load

    with Workspace(ws_path) as ws:
        ids = {p: ws.import_file(p)[0] for p in SAMPLE_FILES}
        for path, rid in ids.items():
            parsed = load(path, path.name)
            stored = ws.load(rid).report
            assert stored == parsed
            assert ws.original(rid) == (path.name, path.read_bytes())


def test_report_json_round_trip(sample):
    from parser.extract import load

    report = load(sample)
    assert report_from_json(report_to_json(report), report.text) == report


def test_correction_survives_close_and_reopen(ws_path):
    with Workspace(ws_path) as ws:
        rid, added = ws.import_file(sample_000())
        assert added
        old = ws.load(rid).report.value(FEES)
        assert old == 63.6773
        ws.record_correction(rid, Correction(FEES, old, 6.36773, "原表单位错误，核对原件", "张三"))
    with Workspace(ws_path) as ws:
        reviewed = ws.load(rid)
        cell = reviewed.report.cells[FEES]
        assert (cell.value, cell.status, cell.parsed_value) == (6.36773, CORRECTED, 63.6773)
        entry = [e for e in ws.audit_log(rid) if e.kind == "correction"]
        assert len(entry) == 1
        e = entry[0]
        assert (e.cell, e.old, e.new, e.reviewer) == (FEES, 63.6773, 6.36773, "张三")
        assert e.reason == "原表单位错误，核对原件"
        assert reviewed.status == STATUS_IN_REVIEW


def test_undo_appends_a_reverting_entry(ws_path):
    with Workspace(ws_path) as ws:
        rid, _ = ws.import_file(sample_000())
        cid = ws.record_correction(rid, Correction(FEES, 63.6773, 1, "试改", "张三"))
        ws.undo_correction(rid, cid, "张三")
        cell = ws.load(rid).report.cells[FEES]
        assert cell.value == 63.6773 and cell.status != CORRECTED
        log = ws.audit_log(rid)
        assert [e.kind for e in log] == ["import", "correction", "undo"]
        assert log[2].reverts == cid and (log[2].old, log[2].new) == (1, 63.6773)
        with pytest.raises(WorkspaceError, match="又被改过"):
            ws.undo_correction(rid, cid, "张三")  # already undone: the cell no longer holds its value


def test_every_audit_row_names_its_reviewer_the_import_too(ws_path):
    with Workspace(ws_path) as ws:
        ws.reviewer = " 张三 "
        rid, _ = ws.import_file(sample_000())
        ws.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "小数点错位", "李四"))
        assert [(e.kind, e.reviewer) for e in ws.audit_log(rid)] == [("import", "张三"), ("correction", "李四")]
    with Workspace(ws_path) as ws:  # stored, not only remembered by the program
        assert ws.audit_log(rid)[0].reviewer == "张三" and ws.reviewer == ""


def test_stale_correction_is_refused(ws_path):
    with Workspace(ws_path) as ws:
        rid, _ = ws.import_file(sample_000())
        with pytest.raises(WorkspaceError, match="不符"):
            ws.record_correction(rid, Correction(FEES, 1, 2, "", "张三"))
        with pytest.raises(WorkspaceError, match="没有这个单元格"):
            ws.record_correction(rid, Correction("active/nothing/here", None, 2, "", "张三"))
        assert [e.kind for e in ws.audit_log(rid)] == ["import"]


def test_a_summary_computed_before_a_change_never_overwrites_the_newer_one(ws_path):
    """The rules re-run after an edit's lock is released: a computation that began before a change committed
    must not store its stale summary over the one computed after the change."""
    during = []

    def check(report, previous=None):
        if during:
            during.pop()()  # a change commits (and its summary is stored) while this computation runs
        return fee_limit(report, previous)

    with Workspace(ws_path, check=check) as ws:
        rid, _ = ws.import_file(sample_000())
        assert ws.queue_row(rid).errors == 1
        with ws.store.transaction() as tx:
            tx.execute("UPDATE reports SET status = NULL WHERE id = ?", (rid,))
        during.append(lambda: ws.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "小数点错位", "张三")))
        assert ws.load(rid).counts()[ERROR] == 1  # computed from the state before the correction
        assert ws.queue_row(rid).errors == 0  # the stored summary is the newer one


def test_logs_are_append_only_in_the_file(ws_path):
    with Workspace(ws_path) as ws:
        rid, _ = ws.import_file(sample_000())
        ws.record_correction(rid, Correction(FEES, 63.6773, 1, "", "张三"))
    with RawDatabase(ws_path) as db:
        for sql in ("UPDATE corrections SET new = '5'", "DELETE FROM corrections", "DELETE FROM reports",
                    "UPDATE reports SET parsed = '{}'"):
            with pytest.raises(db.errors):
                db.execute(sql)


def test_signoff_refused_then_allowed_after_deciding(ws_path):
    with Workspace(ws_path, check=fee_limit) as ws:
        rid, _ = ws.import_file(sample_000())
        reviewed = ws.load(rid)
        assert reviewed.status == STATUS_ERRORS and reviewed.counts()[ERROR] == 1
        with pytest.raises(SignOffRefused, match="尚有 1 个错误"):
            ws.sign_off(rid, SignOff(PASSED, "李四"))
        finding = reviewed.findings[0]
        ws.record_decision(rid, Decision(finding.id, POSTPONED, "", "李四"))
        with pytest.raises(SignOffRefused):
            ws.sign_off(rid, SignOff(PASSED, "李四"))  # postponed never counts as decided
        with pytest.raises(WorkspaceError, match="理由"):
            ws.record_decision(rid, Decision(finding.id, ACCEPTED, "  ", "李四"))
        ws.record_decision(rid, Decision(finding.id, ACCEPTED, "经电话核实，收费金额无误", "李四"))
        signed = ws.sign_off(rid, SignOff(PASSED, "李四"))
        assert len(signed.values_hash) == 64
    with Workspace(ws_path, check=fee_limit) as ws:
        reviewed = ws.load(rid)
        assert reviewed.status == STATUS_SIGNED and reviewed.signoff.values_hash == signed.values_hash
        assert not reviewed.hash_mismatch
        assert ws.setting("last_reviewer") == "李四"
        assert [e.kind for e in ws.audit_log(rid)] == ["import", "decision", "decision", "signoff"]


def test_signoff_after_correcting_the_error(ws_path):
    with Workspace(ws_path, check=fee_limit) as ws:
        rid, _ = ws.import_file(sample_000())
        ws.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "小数点错位", "李四"))
        assert ws.load(rid).findings == []
        with pytest.raises(SignOffRefused, match="修正后通过"):
            ws.sign_off(rid, SignOff(PASSED, "李四"))
        with pytest.raises(SignOffRefused, match="审核人"):
            ws.sign_off(rid, SignOff(PASSED_AFTER_CORRECTION, " "))
        ws.sign_off(rid, SignOff(PASSED_AFTER_CORRECTION, "李四"))
        assert ws.queue()[0].status == STATUS_SIGNED


def test_return_needs_a_reason_and_locks_until_reopened(ws_path):
    with Workspace(ws_path, check=fee_limit) as ws:
        rid, _ = ws.import_file(sample_000())
        with pytest.raises(SignOffRefused, match="退回须填写理由"):
            ws.sign_off(rid, SignOff(RETURNED, "王五"))
        ws.sign_off(rid, SignOff(RETURNED, "王五", "表二收费金额与附件不符，请核实后重报"))
        assert ws.load(rid).status == STATUS_RETURNED
        with pytest.raises(WorkspaceError, match="只读"):
            ws.record_correction(rid, Correction(FEES, 63.6773, 1, "", "王五"))
        with pytest.raises(WorkspaceError, match="只读"):
            ws.record_decision(rid, Decision("x", ACCEPTED, "理由", "王五"))
        with pytest.raises(WorkspaceError):
            ws.reopen(rid, "王五", "")
        ws.reopen(rid, "王五", "机关已补充说明")
        ws.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "按补充说明更正", "王五"))
        assert [e.kind for e in ws.audit_log(rid)] == ["import", "signoff", "reopen", "correction"]
        assert ws.audit_log(rid)[1].kind_label == "退回"


def test_tampered_values_are_detected(ws_path):
    with Workspace(ws_path) as ws:
        rid, _ = ws.import_file(sample_000())
        ws.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "小数点错位", "李四"))
        ws.sign_off(rid, SignOff(PASSED_AFTER_CORRECTION, "李四"))
        assert not ws.load(rid).hash_mismatch
    with RawDatabase(ws_path) as db:
        db.drop_trigger("corrections_no_update", "corrections")
        db.execute("UPDATE corrections SET new = '7.5'")
    with Workspace(ws_path) as ws:
        reviewed = ws.load(rid)
        assert reviewed.report.value(FEES) == 7.5 and reviewed.hash_mismatch
        assert [r.hash_mismatch for r in ws.reviewed_reports()] == [True]


def test_tampered_stored_cell_is_detected(ws_path):
    with Workspace(ws_path) as ws:
        rid, _ = ws.import_file(sample_000())
        ws.sign_off(rid, SignOff(PASSED, "李四"))
    with RawDatabase(ws_path) as db:
        db.drop_trigger("reports_original_fixed", "reports")
        db.execute("UPDATE reports SET parsed = replace(parsed, '63.6773', '36.6773')")
    with Workspace(ws_path) as ws:
        assert ws.load(rid).hash_mismatch


def test_tampered_signoff_is_detected(ws_path):
    with Workspace(ws_path) as ws:
        rid, _ = ws.import_file(sample_000())
        ws.sign_off(rid, SignOff(RETURNED, "李四", "缺表四"))
    with RawDatabase(ws_path) as db:
        db.drop_trigger("signoffs_no_update", "signoffs")
        db.execute("UPDATE signoffs SET outcome = '通过', reason = ''")
    with Workspace(ws_path) as ws:
        reviewed = ws.load(rid)
        assert reviewed.status == STATUS_SIGNED and reviewed.hash_mismatch


def test_previous_year_is_passed_to_the_rules(ws_path, tmp_path):
    text = sample_000().read_text(encoding="utf-8")
    last_year = tmp_path / "2023.txt"
    last_year.write_text(text.replace("2024", "2023"), encoding="utf-8")
    seen = []

    def spy(report, previous=None):
        seen.append((report.year, previous.year if previous else None,
                     previous.value(FEES) if previous else None))
        return []

    with Workspace(ws_path, check=spy) as ws:
        this_id, _ = ws.import_file(sample_000())  # imported before last year's report
        prev_id, _ = ws.import_file(last_year)
        assert ws.load(prev_id).report.year == 2023
        assert (2024, 2023, 63.6773) in seen  # this year's summary was refreshed when last year's arrived
        ws.record_correction(prev_id, Correction(FEES, 63.6773, 60, "核对", "李四"))
        seen.clear()
        ws.load(this_id)
        assert seen == [(2024, 2023, 60)]  # the corrected values of last year
        seen.clear()
        ws.reviewed_reports()
        assert sorted(seen, key=str) == [(2023, None, None), (2024, 2023, 60)]


def test_real_rules_block_signoff_on_an_error(ws_path):
    with Workspace(ws_path) as ws:
        for path in SAMPLE_FILES:
            rid, _ = ws.import_file(path)
            reviewed = ws.load(rid)
            errors = reviewed.open_findings(ERROR)
            if not errors:
                continue
            with pytest.raises(SignOffRefused):
                ws.sign_off(rid, SignOff(PASSED, "李四"))
            for f in errors:
                ws.record_decision(rid, Decision(f.id, ACCEPTED, "已与机关核实", "李四"))
            assert ws.sign_off(rid, SignOff(PASSED, "李四")).values_hash


def test_unreadable_files_are_reported_and_the_rest_imported(ws_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    with Workspace(ws_path) as ws:
        result = ws.import_paths([empty, tmp_path / "missing.txt", sample_000(), binary])
        assert [p.name for p, _ in result.added] == [sample_000().name]
        reasons = dict((p.name, r) for p, r in result.failed)
        assert set(reasons) == {"empty.txt", "missing.txt", "bin.txt"}
        assert all("\n" not in r and any("\u4e00" <= ch <= "\u9fff" for ch in r) for r in reasons.values())


def test_cancel_stops_between_files(ws_path):
    calls = []

    def progress(done, total, path):
        calls.append(done)

    with Workspace(ws_path) as ws:
        result = ws.import_paths(SAMPLE_FILES, progress, cancel_flag=lambda: len(calls) >= 2)
        assert result.cancelled and len(result.added) == 2 and len(ws) == 2


def test_header_correction_is_logged_and_links_the_previous_year(ws_path, tmp_path):
    text = sample_000().read_text(encoding="utf-8")
    last_year = tmp_path / "2023.txt"
    last_year.write_text(text.replace("2024", "2023").replace("乌苏市教科局", "乌苏市救科局"), encoding="utf-8")
    seen = []

    def spy(report, previous=None):
        seen.append((report.year, previous.agency if previous else None))
        return []

    with Workspace(ws_path, check=spy) as ws:
        this_id, _ = ws.import_file(sample_000())
        prev_id, _ = ws.import_file(last_year)
        wrong = ws.load(prev_id).report.agency
        assert wrong != "乌苏市教科局"
        seen.clear()
        ws.load(this_id)
        assert seen == [(2024, None)]  # the OCR error hides last year's report
        with pytest.raises(WorkspaceError, match="年度"):
            ws.record_header(prev_id, "year", 20233, "李四")
        cid = ws.record_header(prev_id, "agency", "乌苏市教科局", "李四", "OCR 错字：救 → 教")
        seen.clear()
        ws.load(this_id)
        assert seen == [(2024, "乌苏市教科局")]
    with Workspace(ws_path, check=spy) as ws:
        assert ws.load(prev_id).report.agency == "乌苏市教科局"
        assert ws.queue_row(prev_id).agency == "乌苏市教科局"
        entry = ws.audit_log(prev_id)[-1]
        assert (entry.cell, entry.old, entry.new) == ("@agency", wrong, "乌苏市教科局")
        assert entry.reason == "OCR 错字：救 → 教"
        assert "机关名称" in entry.summary()
        ws.undo_correction(prev_id, cid, "李四")
        assert ws.load(prev_id).report.agency == wrong


def test_withdrawn_decision_reopens_the_finding(ws_path):
    with Workspace(ws_path, check=fee_limit) as ws:
        rid, _ = ws.import_file(sample_000())
        finding = ws.load(rid).findings[0]
        ws.record_decision(rid, Decision(finding.id, ACCEPTED, "已核实", "李四"))
        assert ws.load(rid).open_findings(ERROR) == []
        ws.withdraw_decision(rid, finding.id, "李四", "核实有误")
        reviewed = ws.load(rid)
        assert reviewed.decisions == {} and reviewed.status == STATUS_ERRORS
        assert [e.action for e in ws.audit_log(rid) if e.kind == "decision"] == [ACCEPTED, "withdrawn"]


def test_rules_for_binds_the_previous_year(ws_path, tmp_path):
    text = sample_000().read_text(encoding="utf-8")
    last_year = tmp_path / "2023.txt"
    last_year.write_text(text.replace("2024", "2023"), encoding="utf-8")
    seen = []
    with Workspace(ws_path, check=lambda r, p=None: seen.append(p and p.year) or []) as ws:
        ws.import_file(last_year)
        rid, _ = ws.import_file(sample_000())
        rules = ws.rules_for(rid)
        seen.clear()
        assert rules(ws.load(rid).report) == [] and seen[-1] == 2023


def test_reports_found_by_the_hash_of_their_bytes(ws_path):
    """How the window finds the bundled samples an older version imported: by the SHA-256 of the files;
    a removed report is no longer found."""
    import hashlib

    with Workspace(ws_path) as ws:
        ids = {p.name: ws.import_file(p)[0] for p in SAMPLE_FILES}
        hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SAMPLE_FILES[:2]}
        assert ws.reports_with_hashes(hashes) == sorted(ids[p.name] for p in SAMPLE_FILES[:2])
        assert ws.reports_with_hashes(set()) == [] and ws.reports_with_hashes({"0" * 64}) == []
        ws.office.remove_report(ids[SAMPLE_FILES[0].name], "张三", "误导入")
        assert ws.reports_with_hashes(hashes) == [ids[SAMPLE_FILES[1].name]]
