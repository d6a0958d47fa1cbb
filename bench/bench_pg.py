"""Load test of the shared workspace on PostgreSQL: concurrent reviewer processes editing one workspace.

Run: .venv/bin/python bench/bench_pg.py [--url postgresql://…] [--reviewers 8] [--edits 1000] [-n 2000] [--pause S]
     [--client-nice N]

Without --url a throwaway server is started (tests/pg.py: initdb into a temporary folder, as the `postgres`
system user when run as root) and removed at the end; with --url the database must be empty. The workspace
is the province build of bench/province.py (n reports with a reviewer's activity), copied to the server with
review.workspace.transfer (the `workspace-copy` command); the copy's time is printed.

Each reviewer process opens its own Workspace (one client of the server) and works like a reviewer: it
keeps a few reports open (a handful shared by every reviewer, so they collide, the rest its own), picks one
and a numeric cell, and corrects the cell from the value it shows to another. When another reviewer changed
that cell meanwhile the edit is refused (the second sees the first); the reviewer reloads the report and
tries again (`--pause S`: a reviewer's pause between two edits; 0 hammers the server, and then the reviewer
processes' rules keep every core busy). Each process records its kept edits' ids, the time of each edit's
server transaction (BEGIN … COMMIT: the event, the correction, the summary marked stale), of each summary
transaction that follows it, and of each whole edit (shared lock, check against the stored value, commit; then,
outside the lock, the rules re-run and the summary stored). CPU time is printed beside wall time (the reviewer
processes', and the throwaway server's, its exited backends included), with the load average: on a shared
machine wall time is inflated.

Checks, printed as failures if any: every kept edit is in the log exactly once and no other correction
appeared (nothing lost, nothing duplicated); per cell the corrections form one chain, each one's old value the
previous one's new value (no edit overwrote one it had not seen); each client's edits got increasing ids
(audit in commit order); every process finished within the time limit (no deadlock).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

REVIEWER = "压测审核人"
SHARED_REPORTS = 6  # reports every reviewer has open (their edits collide)
OWN_REPORTS = 10
HOT_CELLS = 3  # cells of the shared reports the reviewers correct


def _numeric_cells(report) -> list[str]:
    return [k for k, c in report.cells.items()
            if isinstance(c.value, int | float) and not isinstance(c.value, bool)]


def reviewer(args: tuple[str, int, int, list[int], int, float, int]) -> dict:
    """One reviewer's process: `edits` kept corrections; returns ids, latencies and refusals."""
    from parser.model import Correction
    from review.workspace import Workspace, WorkspaceError

    url, index, edits, report_ids, seed, pause, nice = args
    if nice:
        os.nice(nice)
    rng = random.Random(seed)
    commits: list[float] = []  # the edits' transactions
    summaries: list[float] = []  # the summary transactions after them
    whole: list[float] = []
    kept: list[int] = []
    refused = 0
    errors: list[str] = []
    with Workspace(url) as ws:
        original = ws.store.transaction

        @contextmanager
        def timed():
            t0 = time.perf_counter()
            with original() as tx:
                first = FirstStatement(tx)
                yield first
            (commits if first.sql.startswith("INSERT INTO journal") else summaries).append(time.perf_counter() - t0)

        ws.store.transaction = timed  # type: ignore[method-assign]
        shared, own = report_ids[:SHARED_REPORTS], report_ids[SHARED_REPORTS:]
        mine = shared + rng.sample(own, OWN_REPORTS)
        open_reports = {rid: ws.load(rid).report for rid in mine}
        cells = {rid: _numeric_cells(r) for rid, r in open_reports.items()}
        for rid in shared:  # a few hot cells there: several reviewers correct the same cell
            cells[rid] = cells[rid][:HOT_CELLS]
        mine = [rid for rid in mine if cells[rid]]
        while len(kept) < edits:
            rid = rng.choice(mine)
            key = rng.choice(cells[rid])
            old = open_reports[rid].cells[key].value
            new = (old or 0) + rng.randint(1, 9)
            t0 = time.perf_counter()
            try:
                cid = ws.record_correction(rid, Correction(key, old, new, f"压测 {index}", f"{REVIEWER}{index}"))
            except WorkspaceError as e:
                if "请刷新后重试" in str(e):  # another reviewer changed it: look again
                    refused += 1
                    open_reports[rid] = ws.load(rid).report
                    continue
                errors.append(str(e))
                if len(errors) > 50:
                    raise
                continue
            whole.append(time.perf_counter() - t0)
            kept.append(cid)
            if pause:
                time.sleep(rng.uniform(0.5 * pause, 1.5 * pause))
            open_reports[rid].cells[key].value = new
    return {"index": index, "kept": kept, "commits": commits, "summaries": summaries, "whole": whole,
            "refused": refused, "errors": errors, "cpu": time.process_time()}


class FirstStatement:
    """A transaction that remembers its first statement (which kind of transaction it is)."""

    def __init__(self, tx) -> None:
        self.tx = tx
        self.sql = ""

    def _saw(self, sql: str) -> None:
        self.sql = self.sql or sql

    def execute(self, sql, params=()):
        self._saw(sql)
        return self.tx.execute(sql, params)

    def executemany(self, sql, rows):
        self._saw(sql)
        return self.tx.executemany(sql, rows)

    def insert(self, sql, params=()):
        self._saw(sql)
        return self.tx.insert(sql, params)


def server_cpu(cluster) -> float | None:
    """CPU seconds of the throwaway server: the postmaster and its exited children (backends), from /proc."""
    if cluster is None:
        return None
    try:
        pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError, IndexError):
        return None
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def verify(url: str, results: list[dict]) -> list[str]:
    """The failures found in the server's log after the run (empty: sound)."""
    import psycopg

    problems = []
    kept = [cid for r in results for cid in r["kept"]]
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT id, report_id, cell, old, new, reviewer FROM corrections ORDER BY id").fetchall()
    ours = [r for r in rows if r[5].startswith(REVIEWER)]
    if len(ours) != len(kept) or sorted(r[0] for r in ours) != sorted(kept) or len(set(kept)) != len(kept):
        problems.append(f"修改记录与各进程保存的更正不一致：记录 {len(ours)} 条，进程 {len(kept)} 条")
    last: dict[tuple[int, str], float | None] = {}
    broken = 0
    for _cid, rid, cell, old, new, who in rows:
        if who.startswith(REVIEWER) and (rid, cell) in last and json.loads(old) != last[(rid, cell)]:
            broken += 1
        last[(rid, cell)] = json.loads(new)
    if broken:
        problems.append(f"{broken} 条更正的原值不是上一条更正的新值（有修改被覆盖）")
    for r in results:
        if r["kept"] != sorted(r["kept"]):
            problems.append(f"进程 {r['index']} 的更正编号不是递增的")
    return problems


def _median_ms(call, times: int = 20) -> float:
    spent = []
    for _ in range(times):
        t0 = time.perf_counter()
        call()
        spent.append(time.perf_counter() - t0)
    return 1000 * statistics.median(spent)


def ms(values: list[float], q: float) -> float:
    values = sorted(values)
    return 1000 * values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="an empty PostgreSQL database (default: a throwaway server)")
    ap.add_argument("--reviewers", type=int, default=8)
    ap.add_argument("--edits", type=int, default=1000, help="kept edits per reviewer")
    ap.add_argument("-n", type=int, default=2000, help="reports in the workspace")
    ap.add_argument("--folder", default=str(Path(tempfile.gettempdir()) / "pgbench2000"),
                    help="the province build (reused when built with the same -n)")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--pause", type=float, default=0.0, help="a reviewer's mean pause between edits, seconds")
    ap.add_argument("--client-nice", type=int, default=0,
                    help="lower the reviewer processes' CPU priority (in an office each reviewer has a desktop of"
                         " their own: on one 2-core machine the clients' rules otherwise take the server's CPU)")
    a = ap.parse_args()

    from province import build

    from review.state import STATUS_RETURNED, STATUS_SIGNED
    from review.workspace import Workspace
    from review.workspace.transfer import copy_workspace

    sqlite_path = build(a.folder, a.n, quiet=True)
    cluster = None
    url = a.url
    if url is None:
        from pg import Cluster, server_bin

        bin_dir = server_bin()
        if bin_dir is None:
            sys.exit("没有找到 PostgreSQL 服务器程序（initdb、pg_ctl），请先运行 bash .ci/setup")
        cluster = Cluster(bin_dir)
        cluster.start()
        url = cluster.new_database()
    try:
        t0 = time.perf_counter()
        result = copy_workspace(sqlite_path, url)
        print(f"workspace-copy SQLite → PostgreSQL: {result.rows['reports']} reports,"
              f" {sum(result.rows.values())} rows in {time.perf_counter() - t0:.1f} s")
        with Workspace(url) as ws:  # the reports open for editing (signed and returned ones are read-only)
            ids = [r["id"] for r in ws.store.query("SELECT id, status FROM reports ORDER BY id")
                   if r["status"] not in (STATUS_SIGNED, STATUS_RETURNED)]
            ws.queue()  # summaries computed once
            stamp = _median_ms(ws.change_stamp)
            queue = _median_ms(ws.queue, 3)
        print(f"the window's poll on {a.n} reports: change stamp {stamp:.2f} ms; the queue reloaded {queue:.0f} ms"
              " (median; the queue is reloaded only when the stamp moved)")
        rng = random.Random(7)
        ids = rng.sample(ids, len(ids))
        jobs = [(url, i + 1, a.edits, ids, 1000 + i, a.pause, a.client_nice) for i in range(a.reviewers)]
        load_before = os.getloadavg()
        server_before = server_cpu(cluster)
        t0 = time.perf_counter()
        with mp.get_context("spawn").Pool(a.reviewers) as pool:
            pending = pool.map_async(reviewer, jobs)
            try:
                results = pending.get(timeout=a.timeout)
            except mp.TimeoutError:
                sys.exit(f"未在 {a.timeout:.0f} 秒内完成：可能死锁")
        wall = time.perf_counter() - t0
        server_after = server_cpu(cluster)
        load_after = os.getloadavg()
        problems = verify(url, results)
        kept = sum(len(r["kept"]) for r in results)
        commits = [c for r in results for c in r["commits"]]
        whole = [w for r in results for w in r["whole"]]
        paced = f", pausing {a.pause:g} s between edits" if a.pause else ""
        paced += f", reviewer processes at nice {a.client_nice}" if a.client_nice else ""
        print(f"{a.reviewers} reviewers × {a.edits} edits{paced} on {a.n} reports: {kept} kept in {wall:.1f} s"
              f" ({kept / wall:.0f} edits/s), {sum(r['refused'] for r in results)} refused as changed meanwhile"
              f" and retried, {sum(len(r['errors']) for r in results)} other errors")
        for message in sorted({m for r in results for m in r["errors"]})[:5]:
            print(f"  error: {message}")
        summaries = [c for r in results for c in r["summaries"]]
        cpu = sum(r["cpu"] for r in results)
        server = f", server {server_after - server_before:.1f} s" if server_before and server_after else ""
        print(f"CPU: reviewer processes {cpu:.1f} s{server}; wall {wall:.1f} s; load average (1 min)"
              f" {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} cores")
        print(f"commit of an edit (server transaction BEGIN…COMMIT, {len(commits)}): p50 {ms(commits, 0.5):.1f} ms,"
              f" p95 {ms(commits, 0.95):.1f} ms, max {1000 * max(commits):.1f} ms")
        if summaries:
            print(f"summary stored after an edit (version-checked transaction, {len(summaries)}):"
                  f" p50 {ms(summaries, 0.5):.1f} ms, p95 {ms(summaries, 0.95):.1f} ms")
        print(f"whole edit (shared lock, check, commit; rules re-run after the lock): p50 {ms(whole, 0.5):.1f} ms,"
              f" p95 {ms(whole, 0.95):.1f} ms, mean {1000 * statistics.mean(whole):.1f} ms")
        print("checks: " + ("no lost or duplicated change, every cell's corrections one chain, audit in commit"
                            " order, no deadlock" if not problems else "FAILED: " + "；".join(problems)))
        if problems:
            sys.exit(1)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
