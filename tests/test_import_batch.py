"""The batch import (review.workspace.importer): worker processes run the rules of a report alone, the
importing process the years.* rules on a light view; the stored queue summaries must equal what the
workspace computes from scratch for every order the years arrive in, and the writes are batched."""
import json
import sys

from conftest import ROOT

from review.workspace import Workspace

sys.path.insert(0, str(ROOT / "bench"))
from province import make_reports  # noqa: E402

SUMMARY = "SELECT id, agency, year, status, open_errors, open_warnings, figures FROM reports ORDER BY id"


def _recomputed(ws: Workspace) -> list[tuple]:
    """The summaries as stored, then as the workspace computes them from the stored reports."""
    stored = [tuple(r) for r in ws.store.query(SUMMARY)]
    with ws.store.transaction() as tx:
        tx.execute("UPDATE reports SET status = NULL")
    ws.replay.refresh_stale()
    return stored, [tuple(r) for r in ws.store.query(SUMMARY)]


def test_summaries_equal_a_full_recompute_in_any_order_of_the_years(tmp_path):
    files = make_reports(tmp_path / "reports", 20)  # 4 agencies × 2020–2024, each agency's years in order
    orders = {
        "years in order": [files],
        "next year first": [list(reversed(files))],
        "half already there": [files[1::2], files],  # last year's report read back from the workspace
    }
    seen = {}
    for name, batches in orders.items():
        with Workspace(tmp_path / f"{len(seen)}.sqlite") as ws:
            for batch in batches:
                ws.import_paths(batch, workers=2)
            stored, fresh = _recomputed(ws)
            assert stored == fresh, name
            assert sum(r[3] is None for r in stored) == 0
            seen[name] = {(r[1], r[2]): r[3:] for r in fresh}
            assert sum("years.carry_over" in json.loads(r[6])["rules"] for r in fresh) >= 10  # the years rules ran
    assert seen["years in order"] == seen["next year first"] == seen["half already there"]


def test_in_place_and_worker_imports_store_the_same(tmp_path):
    files = make_reports(tmp_path / "reports", 10)
    copy = tmp_path / "reports" / "zz_copy.txt"
    copy.write_bytes(files[2].read_bytes())  # the same bytes twice in one import
    stored = []
    for workers in (0, 2):
        with Workspace(tmp_path / f"w{workers}.sqlite") as ws:
            result = ws.import_paths([tmp_path / "reports"], workers=workers)
            assert len(result.added) == 10 and [p.name for p, _ in result.duplicates] == ["zz_copy.txt"]
            assert result.duplicates[0][1] == result.added[2][1]
            stored.append([tuple(r) for r in ws.store.query(SUMMARY)] +
                          [tuple(r) for r in ws.store.query("SELECT report_id, kind FROM journal ORDER BY id")])
    assert stored[0] == stored[1]


def test_a_batch_is_written_in_few_transactions(tmp_path, monkeypatch):
    from review.workspace import importer

    files = make_reports(tmp_path / "reports", 12)
    monkeypatch.setattr(importer, "BATCH_ROWS", 5)
    monkeypatch.setattr(importer, "BATCH_SECONDS", 3600)
    with Workspace(tmp_path / "w.sqlite") as ws:
        opened = []
        real = ws.store.transaction

        def counted():
            opened.append(1)
            return real()

        monkeypatch.setattr(ws.store, "transaction", counted)
        result = ws.import_paths(files)
        assert len(result.added) == 12 and len(ws) == 12
        assert len(opened) == 3  # 5 + 5 + 2 reports (no summary was stale, so no refresh wrote)
        assert ws.store.connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again afterwards


def test_files_with_pages_are_read_in_worker_processes_however_few():
    """A scan is read by OCR (seconds of CPU, the engine's memory): even one of them goes to a worker process,
    never into the importing process (a window's); text files only from a batch of PARALLEL_FROM."""
    from pathlib import Path

    from review.workspace.importer import MAX_WORKERS, PARALLEL_FROM, worker_count

    texts = [Path(f"r{k}.txt") for k in range(PARALLEL_FROM)]
    assert worker_count(texts[:3], 2) == 0 and worker_count(texts, 2) == 2 and worker_count(texts, 1) == 0
    assert worker_count([Path("扫描件.PDF")], 2) == 1 and worker_count([Path("a.tif"), Path("b.jpg")], 8) == 2
    assert worker_count([Path("photo.png")] + texts[:3], 1) == 1  # one CPU: still out of the window's process
    assert worker_count([Path(f"s{k}.pdf") for k in range(9)], 16) == MAX_WORKERS
