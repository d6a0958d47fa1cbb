"""One workspace on a PostgreSQL server, several reviewers' programs at once (each Workspace is a client)."""
import re
import subprocess
import sys
import threading

import pytest
from conftest import ROOT, SAMPLE_FILES

from parser.model import Correction
from review.workspace import Workspace, WorkspaceError

FEES = "active/fees/amount"  # sample 000 prints 63.6773


@pytest.fixture
def url(pg_cluster):
    return pg_cluster.new_database()


def sample_000():
    return next(p for p in SAMPLE_FILES if p.name.startswith("000"))


def test_the_second_of_two_edits_of_one_cell_sees_the_first(url):
    with Workspace(url) as a, Workspace(url) as b:
        rid, _ = a.import_file(sample_000())
        assert b.load(rid).report.value(FEES) == 63.6773
        a.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "小数点错位", "张三"))
        with pytest.raises(WorkspaceError, match="当前值为 6.36773.*请刷新后重试"):
            b.record_correction(rid, Correction(FEES, 63.6773, 63.0, "", "李四"))
        assert b.load(rid).report.value(FEES) == 6.36773
        assert [(e.kind, e.reviewer) for e in b.audit_log(rid)][1:] == [("correction", "张三")]


def test_simultaneous_edits_of_one_cell_keep_exactly_one(url):
    clients = [Workspace(url) for _ in range(4)]
    rid, _ = clients[0].import_file(sample_000())
    start = threading.Barrier(len(clients))
    outcomes: list[str] = []

    def edit(ws, i):
        start.wait()
        try:
            ws.record_correction(rid, Correction(FEES, 63.6773, float(i), "", f"审核人{i}"))
            outcomes.append("kept")
        except WorkspaceError:
            outcomes.append("refused")

    threads = [threading.Thread(target=edit, args=(ws, i + 1)) for i, ws in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert sorted(outcomes) == ["kept", "refused", "refused", "refused"]
        log = clients[0].audit_log(rid)
        assert [e.kind for e in log] == ["import", "correction"]
        assert clients[0].load(rid).report.value(FEES) == float(log[1].reviewer.removeprefix("审核人"))
    finally:
        for ws in clients:
            ws.close()


def test_concurrent_imports_of_one_folder_keep_each_report_once(url):
    cmd = [sys.executable, "main.py", "import", str(SAMPLE_FILES[0].parent), "--workspace", url, "--reviewer", "王五"]
    children = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    with Workspace(url) as ws:
        assert len(ws) == len(SAMPLE_FILES)
        assert all([(e.kind, e.reviewer) for e in ws.audit_log(rid)] == [("import", "王五")] for rid in ws.report_ids())


def test_server_going_away_is_a_clear_message_and_the_window_reconnects(url, pg_cluster):
    with Workspace(url) as ws:
        rid, _ = ws.import_file(sample_000())
        ws.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "小数点错位", "张三"))
        pg_cluster.pause()
        try:
            with pytest.raises(WorkspaceError, match="无法连接工作区服务器|连接中断") as e:
                ws.record_correction(rid, Correction(FEES, 6.36773, 7.0, "", "张三"))
            assert "Traceback" not in str(e.value) and "\n" not in str(e.value)
        finally:
            pg_cluster.resume()
        assert ws.load(rid).report.value(FEES) == 6.36773  # the confirmed change is there, the refused one not
        ws.record_correction(rid, Correction(FEES, 6.36773, 7.0, "", "张三"))  # connected again
        assert [e.kind for e in ws.audit_log(rid)] == ["import", "correction", "correction"]


def test_unreachable_server_is_one_chinese_line(pg_cluster):
    bad = pg_cluster.url("no_such_database").replace("postgres@", "postgres:secret@")
    with pytest.raises(WorkspaceError, match="无法连接工作区服务器") as e:
        Workspace(bad)
    assert "secret" not in str(e.value)


def test_file_menu_opens_a_shared_workspace_by_its_address(qtbot, pg_cluster, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.setProperty("headless", True)
    qtbot.addWidget(window)
    action = next(a for a in window.menuBar().actions() if a.text().startswith("文件")).menu().actions()
    assert "打开共享工作区…" in [a.text() for a in action]
    next(a for a in action if a.text() == "打开共享工作区…").trigger()
    dialog = window.property("shared_workspace_dialog")
    dialog.setTextValue("/home/审核/工作区.sqlite")
    dialog.accept()
    assert "postgresql://" in window.statusBar().currentMessage()
    url = pg_cluster.new_database()
    next(a for a in action if a.text() == "打开共享工作区…").trigger()
    dialog = window.property("shared_workspace_dialog")
    dialog.setTextValue(url)
    dialog.accept()  # checked (the schema created on the server), then a window of its own would start
    with Workspace(url) as ws:
        assert ws.migrated_from > 0 and len(ws) == 0
    assert window.property("shared_workspace_url") == url


def test_the_queue_follows_another_reviewers_return_and_import(qtbot, url, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from gui.workspace_binding import WorkspaceBinding
    from review.state import RETURNED, STATUS_RETURNED, SignOff

    with Workspace(url) as other:
        rid, _ = other.import_file(SAMPLE_FILES[1])
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.setProperty("headless", True)
    qtbot.addWidget(window)
    binding = WorkspaceBinding(window, Workspace(url))
    try:
        assert binding.poll_timer.isActive() and not binding.poll()  # nothing changed yet
        shown = {r.report_id: r.status for r in binding.queue.model.all_rows}
        assert shown[rid] != STATUS_RETURNED
        with Workspace(url) as other:  # another reviewer's program
            other.sign_off(rid, SignOff(RETURNED, "李四", "表三缺数"))
            added, _ = other.import_file(SAMPLE_FILES[2])
        assert binding.poll()
        shown = {r.report_id: r.status for r in binding.queue.model.all_rows}
        assert shown[rid] == STATUS_RETURNED and added in shown
        assert not binding.poll()
    finally:
        binding.close()


def test_a_report_someone_else_edits_names_them_until_they_let_go(url):
    with Workspace(url) as a, Workspace(url) as b:
        rid, _ = a.import_file(sample_000())
        assert a.claim(rid, "张三") is None and a.claim(rid, "张三") is None  # ours, also when asked again
        assert b.claim(rid, "李四") == "张三"
        a.release(rid)
        assert b.claim(rid, "李四") is None and a.claim(rid, "张三") == "李四"
    with Workspace(url) as c:  # a program that ended (even killed) lets go of its reports
        assert c.claim(rid, "王五") is None


def test_a_report_open_in_another_window_opens_read_only_naming_its_reviewer(qtbot, url, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow
    from gui.workspace_binding import WorkspaceBinding

    with Workspace(url) as ws:
        rid, _ = ws.import_file(sample_000())
    bindings = []
    for name in ("张三", "李四"):
        window = MainWindow(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
        window.setProperty("headless", True)
        window.reviewer = name
        qtbot.addWidget(window)
        bindings.append(WorkspaceBinding(window, Workspace(url)))
    first, second = bindings
    try:
        mine = first.open_report(rid)
        assert mine.held_by is None and not mine.read_only
        theirs = second.open_report(rid)
        assert theirs.held_by == "张三" and theirs.read_only
        assert not theirs.may_change()
        banner = second.window.signed_banner
        assert not banner.isHidden() and "张三 正在审核此报告" in banner.text()
        assert not first.take_over_current()  # nobody else holds it there
        assert second.take_over_current()  # confirmed (headless), logged
        assert not theirs.read_only and banner.isHidden() and theirs.may_change()
        assert [(e.label, e.reviewer, e.detail) for e in second.workspace.office.log(rid)] == [
            ("接手审核", "李四", "张三 正在审核时接手")]
    finally:
        for b in bindings:
            b.close()


def test_both_backends_have_the_same_schema(url, tmp_path):
    """A migration added to one backend (schema.py) needs its twin in the other (postgres_schema.py)."""
    from review.workspace import postgres_schema, schema

    assert max(postgres_schema.MIGRATIONS) == max(schema.MIGRATIONS)
    with Workspace(tmp_path / "w.sqlite") as lite, Workspace(url) as server:
        tables = [r["name"] for r in lite.store.query("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                        " AND name NOT LIKE 'sqlite_%'")]
        lite_columns = {t: [r["name"] for r in lite.store.query(f"PRAGMA table_info({t})")] for t in tables}
        server_columns = {}
        for r in server.store.query("SELECT table_name, column_name FROM information_schema.columns"
                                    " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"):
            server_columns.setdefault(r["table_name"], []).append(r["column_name"])
    assert server_columns.pop("schema_version") == ["version"]  # PRAGMA user_version in SQLite
    assert server_columns["aliases"].pop() == "rowid"  # SQLite's implicit rowid, made explicit
    assert server_columns == lite_columns


def test_the_window_says_the_server_went_away_and_works_again_when_it_is_back(qtbot, url, pg_cluster, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.commands import CorrectCells
    from gui.main_window import MainWindow
    from gui.workspace_binding import WorkspaceBinding

    with Workspace(url) as ws:
        rid, _ = ws.import_file(sample_000())
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.setProperty("headless", True)
    window.reviewer = "张三"
    qtbot.addWidget(window)
    binding = WorkspaceBinding(window, Workspace(url))
    try:
        session = binding.open_report(rid)
        refused: list[str] = []
        session.refused.connect(refused.append)
        session.push(CorrectCells(session, {FEES: 6.36773}, "小数点错位", "更正收费金额"))  # confirmed
        binding.poll()  # the queue has seen it
        pg_cluster.pause()
        try:
            session.push(CorrectCells(session, {FEES: 7.0}, "", "更正收费金额"))
            assert len(refused) == 1 and re.fullmatch(r"[^\n]*(无法连接工作区服务器|连接中断)[^\n]*", refused[0])
            assert "Traceback" not in refused[0] and window.statusBar().currentMessage() == refused[0]
            qtbot.waitUntil(lambda: session.report.value(FEES) == 6.36773)  # the window shows what is saved
            assert not binding.poll() and "工作区服务器" in window.statusBar().currentMessage()
        finally:
            pg_cluster.resume()
        assert binding.poll() is False  # connected again; nothing changed meanwhile
        session.push(CorrectCells(session, {FEES: 7.0}, "", "更正收费金额"))
        assert len(refused) == 1 and session.report.value(FEES) == 7.0
        with Workspace(url) as other:
            assert [(e.kind, e.reviewer, e.new) for e in other.audit_log(rid)][1:] == [
                ("correction", "张三", 6.36773), ("correction", "张三", 7.0)]  # nothing lost, nothing doubled
            assert other.claim(rid, "李四") == "张三"  # the report is still held by this window
    finally:
        binding.close()


class _Recording:
    """A store transaction that notes the report rows each UPDATE of `reports` touches, in order."""

    def __init__(self, tx, touched: list[int]) -> None:
        self.tx, self.touched = tx, touched

    def execute(self, sql, params=()):
        if sql.startswith("UPDATE reports"):
            self.touched += [p for p in params if isinstance(p, int)] if " IN (" in sql else [params[-1]]
        return self.tx.execute(sql, params)

    def executemany(self, sql, rows):
        rows = [tuple(r) for r in rows]
        if sql.startswith("UPDATE reports"):
            at = 0 if "SET status = NULL" in sql else 4  # the stale mark's id / the summary's id
            self.touched += [r[at] for r in rows]
        return self.tx.executemany(sql, rows)

    def insert(self, sql, params=()):
        return self.tx.insert(sql, params)


def test_a_change_and_the_summaries_after_it_lock_report_rows_in_id_order(url, tmp_path):
    """An edit of a 2023 report marks it and the same agency's 2024 report (imported first: the lower id) stale,
    and stores both summaries: every transaction takes the rows in the order of their ids, so two reviewers'
    transactions never wait for each other in a ring (the server's 'deadlock detected' seen under load)."""
    from contextlib import contextmanager

    from year_reports import derive

    later = derive("000", tmp_path, year=(2024, 2024), name="2024.txt")
    earlier = derive("000", tmp_path, year=(2024, 2023), replace={"63.6773": "63.6774"}, name="2023.txt")
    with Workspace(url) as ws:
        id_2024, _ = ws.import_file(later)
        id_2023, _ = ws.import_file(earlier)
        assert id_2024 < id_2023
        original, runs = ws.store.transaction, []

        @contextmanager
        def recording():
            with original() as tx:
                runs.append([])
                yield _Recording(tx, runs[-1])

        ws.store.transaction = recording
        ws.record_correction(id_2023, Correction(FEES, 63.6774, 6.36774, "小数点错位", "张三"))
        ws.store.transaction = original
    touched = [run for run in runs if run]
    assert touched[0] == [id_2024, id_2023]  # the change's transaction marks both stale
    assert all(run == sorted(run) for run in touched), touched


def test_the_servers_choice_of_a_deadlock_victim_is_a_conflict_not_a_lost_connection(url, pg_cluster):
    """Should two transactions ever wait for each other, the server cancels one: the reviewer is told it collided
    with another's change and to retry (nothing was saved of it), not that the server went away."""
    import psycopg

    with Workspace(url) as ws:
        rid, _ = ws.import_file(sample_000())
        other = psycopg.connect(url, autocommit=False)
        other.execute("SET deadlock_timeout = '30s'")  # this session waits; the workspace's detects the ring
        other.execute("SET idle_in_transaction_session_timeout = '20s'")  # a lost race fails, never hangs
        other.execute("CREATE TABLE IF NOT EXISTS ring (id int PRIMARY KEY)")
        other.commit()
        other.execute("INSERT INTO ring VALUES (1), (2) ON CONFLICT DO NOTHING")
        other.commit()
        other.execute("UPDATE ring SET id = id WHERE id = 1")
        waiter = threading.Thread(target=lambda: other.execute("UPDATE ring SET id = id WHERE id = 2"))
        with pytest.raises(WorkspaceError, match="与其他审核人员同时进行的更改冲突.*请重试") as raised:
            with ws.store.transaction() as tx:
                tx.execute("UPDATE ring SET id = id WHERE id = 2")
                # a result read ends the pipeline's batch: the row is this transaction's before the other asks for
                # it (a statement only queued let the other take both rows under load, and the test hung)
                tx._conn.execute("SELECT 1").fetchone()
                waiter.start()
                import time

                time.sleep(0.3)
                tx.execute("UPDATE ring SET id = id WHERE id = 1")
        waiter.join(10)
        other.rollback()
        other.close()
        assert "连接中断" not in str(raised.value)
        assert ws.load(rid).report.value(FEES) == 63.6773  # the workspace works on
