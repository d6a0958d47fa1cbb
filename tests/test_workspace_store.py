"""The workspace file: migrations, the single-instance lock, crashes, and the `import` command."""
import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SAMPLE_FILES
from pg import RawDatabase

from cli.importing import ProgressBar
from parser.extract import load
from review.workspace import Workspace, WorkspaceError, WorkspaceLocked, report_to_json
from review.workspace.importer import BATCH_ROWS
from review.workspace.schema import SCHEMA_VERSION, _v1, migrate

sys.path.insert(0, str(ROOT / "bench"))
from bench_import import make_reports  # noqa: E402


def _v1_workspace(path):
    """A workspace as version 1 of the program wrote it: one report with one correction."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, path, {1: _v1}) == 0
    sample = SAMPLE_FILES[0]
    data = sample.read_bytes()
    report = load(sample, sample.name)
    conn.execute("INSERT INTO reports (sha256, file_name, data, imported_at, agency, year, template, text, parsed)"
                 " VALUES (?, ?, ?, '2025-01-05T08:00:00+00:00', ?, ?, ?, ?, ?)",
                 (hashlib.sha256(data).hexdigest(), sample.name, data, report.agency, report.year, report.template,
                  report.text, report_to_json(report)))
    conn.execute("INSERT INTO journal (report_id, kind, time) VALUES (1, 'import', '2025-01-05T08:00:00+00:00')")
    conn.execute("INSERT INTO journal (report_id, kind, time) VALUES (1, 'correction', '2025-01-06T08:00:00+00:00')")
    conn.execute("INSERT INTO corrections (id, report_id, cell, old, new, reason, reviewer, time)"
                 " VALUES (2, 1, 'active/fees/amount', '63.6773', '6.36773', '旧版本的更正', '赵六',"
                 " '2025-01-06T08:00:00+00:00')")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_v1_workspace_is_migrated_not_dropped(tmp_path):
    path = tmp_path / "old.sqlite"
    _v1_workspace(path)
    with Workspace(path) as ws:
        assert ws.migrated_from == 1
        [row] = ws.queue()  # the v2 summary columns are filled in on first use
        assert (row.file_format, row.status, row.agency) == ("TXT", "审核中", "乌苏市教科局")
        assert ws.load(1).report.value("active/fees/amount") == 6.36773
        assert [(e.kind, e.reviewer) for e in ws.audit_log(1)] == [("import", ""), ("correction", "赵六")]
        rid, added = ws.import_file(SAMPLE_FILES[0])
        assert (rid, added) == (1, False)  # the v1 report's hash is still recognised
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    backup = tmp_path / "old.sqlite.v1.bak"
    assert sqlite3.connect(backup).execute("SELECT count(*) FROM corrections").fetchone()[0] == 1


def test_failed_migration_step_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "old.sqlite"
    _v1_workspace(path)

    def broken(conn):
        conn.execute("ALTER TABLE reports ADD COLUMN half_done TEXT")
        raise RuntimeError("step fails half way")

    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(RuntimeError):
        migrate(conn, path, {1: _v1, 2: broken})
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    cols = [r[1] for r in conn.execute("PRAGMA table_info(reports)")]
    assert "half_done" not in cols
    conn.close()


def test_newer_or_foreign_files_are_refused_untouched(tmp_path):
    newer = tmp_path / "newer.sqlite"
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(WorkspaceError, match="更新版本"):
        Workspace(newer)
    assert sqlite3.connect(newer).execute("PRAGMA user_version").fetchone()[0] == 99
    foreign = tmp_path / "foreign.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE things (x)").connection.commit()
    with pytest.raises(WorkspaceError, match="不是年报审核台的工作区"):
        Workspace(foreign)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(WorkspaceError, match="不是工作区"):
        Workspace(garbage)
    assert garbage.read_bytes() == b"this is not a database at all" * 100
    with pytest.raises(WorkspaceError, match="文件夹"):
        Workspace(tmp_path)


def test_wal_mode_and_integrity(tmp_path):
    path = tmp_path / "w.sqlite"
    with Workspace(path) as ws:
        ws.import_file(SAMPLE_FILES[0])
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1  # committed, visible to others
        conn.close()


def test_second_instance_is_refused(tmp_path):
    path = tmp_path / "w.sqlite"
    with Workspace(path):
        with pytest.raises(WorkspaceLocked, match=f"正被另一个年报审核台使用（进程 {os.getpid()}"):
            Workspace(path)
        r = subprocess.run([sys.executable, "main.py", "import", str(SAMPLE_FILES[0]), "--workspace", str(path)],
                           cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 2 and "正被另一个年报审核台使用" in r.stderr and "Traceback" not in r.stderr
    with Workspace(path) as ws:  # free again once closed
        assert len(ws) == 0


def test_killed_import_leaves_a_sound_workspace_and_reimport_completes_it(tmp_path, workspace_location):
    folder = tmp_path / "reports"
    files = make_reports(folder, 3 * BATCH_ROWS)  # written in several transactions: one can be cut short
    path = workspace_location  # an SQLite file, or a database on the test PostgreSQL server
    child = subprocess.Popen([sys.executable, "main.py", "import", str(folder), "--workspace", str(path)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    imported = 0
    while time.monotonic() < deadline and child.poll() is None:
        try:
            with RawDatabase(path) as db:
                imported = db.one("SELECT count(*) FROM reports")[0]
        except Exception:  # not created yet, or locked for a moment
            imported = 0
        if imported >= 20:
            break
        time.sleep(0.02)
    assert child.poll() is None, "the import finished before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    with RawDatabase(path) as db:
        if not db.server:
            assert db.one("PRAGMA integrity_check")[0] == "ok"
        before = db.one("SELECT count(*) FROM reports")[0]
        assert db.one("SELECT count(*) FROM journal WHERE kind = 'import'")[0] == before  # no half-written report
    assert 20 <= before < len(files)
    r = subprocess.run([sys.executable, "main.py", "import", str(folder), "--workspace", str(path)],
                       cwd=ROOT, capture_output=True, text=True)  # the dead process's lock is stale
    assert r.returncode == 0, r.stderr
    assert f"新增 {len(files) - before} 份，已存在 {before} 份" in r.stdout
    with RawDatabase(path) as db:
        if not db.server:
            assert db.one("PRAGMA integrity_check")[0] == "ok"
        assert db.one("SELECT count(*), count(DISTINCT sha256) FROM reports") == (len(files), len(files))
        assert db.one("SELECT count(*) FROM reports WHERE status IS NULL")[0] == 0


def test_import_command(tmp_path):
    path = tmp_path / "w.sqlite"
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(b"")
    cmd = [sys.executable, "main.py", "import", str(SAMPLE_FILES[0].parent), str(bad), "--workspace", str(path)]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2
    err = [line for line in r.stderr.splitlines() if "坏文件.txt" in line]
    assert len(err) == 1 and "文件为空" in err[0] and "Traceback" not in r.stderr
    assert f"新增 {len(SAMPLE_FILES)} 份" in r.stdout
    r = subprocess.run([sys.executable, "main.py", "import", str(SAMPLE_FILES[0]), "--workspace", str(path)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and "新增 0 份，已存在 1 份" in r.stdout
    r = subprocess.run([sys.executable, "main.py", "import", str(tmp_path / "empty_dir"), "--workspace", str(path)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_progress_bar_draws_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    bar = ProgressBar(stream, interval=0)
    bar(0, 4, None)
    bar(2, 4, SAMPLE_FILES[0])
    bar.finish()
    out = stream.getvalue()
    assert out.count("\r") == 2 and "2/4" in out and "50%" in out and SAMPLE_FILES[0].name in out
    silent = io.StringIO()
    ProgressBar(silent)(1, 2, None)
    assert silent.getvalue() == ""


def test_default_path_is_in_the_user_data_directory(monkeypatch, tmp_path):
    import platformdirs

    from review.workspace import default_path

    assert default_path().name == "workspace.sqlite"
    assert str(default_path().parent) == platformdirs.user_data_dir("nianbao-shenhetai", appauthor=False)
    json.dumps(str(default_path()))


def test_parallel_import_matches_serial_and_keeps_file_order(tmp_path):
    folder = tmp_path / "reports"
    files = make_reports(folder, 24)
    (folder / "00010_bad.txt").write_bytes(b"\x00\x01\x02" * 500)
    (folder / "00020_copy.txt").write_bytes(files[3].read_bytes())
    results = {}
    for workers in (0, 1):
        with Workspace(tmp_path / f"w{workers}.sqlite") as ws:
            r = ws.import_paths([folder], workers=workers)
            results[workers] = (
                [(p.name, rid) for p, rid in r.added], [p.name for p, _ in r.duplicates], [p.name for p, _ in r.failed],
                [(x.report.agency, x.report.year, x.report.to_dict()["cells"]) for x in ws.reviewed_reports()])
    assert results[0] == results[1]
    added, duplicates, failed, _ = results[1]
    assert [rid for _, rid in added] == list(range(1, len(files) + 1))  # ids in file order
    assert duplicates == ["00020_copy.txt"] and failed == ["00010_bad.txt"]


def test_full_disk_is_a_clear_error_and_loses_nothing(tmp_path):
    path = tmp_path / "w.sqlite"
    with Workspace(path) as ws:
        rid, _ = ws.import_file(SAMPLE_FILES[0])
        pages = ws.store.connection.execute("PRAGMA page_count").fetchone()[0]
        ws.store.connection.execute(f"PRAGMA max_page_count = {pages + 1}")  # the file cannot grow: like a full disk
        with pytest.raises(WorkspaceError, match="无法写入工作区"):
            ws.import_file(SAMPLE_FILES[3])
        assert len(ws) == 1 and ws.load(rid).report.agency
    with Workspace(path) as ws:
        assert len(ws) == 1
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_only_the_sqlite_backend_knows_sqlite():
    """The workspace's parts talk to the Store protocol; SQLite lives in its backend and its schema only."""
    import ast

    package = ROOT / "review" / "workspace"
    users = []
    for f in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "sqlite3" for n in names):
                users.append(f.name)
    assert sorted(set(users)) == ["schema.py", "sqlite.py"]
