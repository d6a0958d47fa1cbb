"""Edit latency: how long a reviewer's edit (a core command) takes to be recorded, do and undo.

Run: .venv/bin/python bench/bench_commands.py [-n 500] [--edits 40]

Imports n distinct reports into a fresh workspace (bench_import.make_reports), then times on one of
them: accepting sample 002's two-cell suggestion (CorrectCells with both cells: one transaction,
rules re-run) and its undo, a decision and its undo, both through the workspace's journal and
through an in-memory journal. Prints the median and the slowest of each, in milliseconds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

NP, TOTAL = "requests/unable.not_held/natural_person", "requests/unable.not_held/total"


def timed(step) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


def show(label: str, samples: list[float]) -> None:
    print(f"{label:<34} median {statistics.median(samples):7.2f} ms   slowest {max(samples):7.2f} ms")


def main() -> None:
    from bench_import import make_reports

    from parser.extract import load
    from review.commands import CorrectCells, DecideFinding, EditContext
    from review.edit_journal import MemoryJournal
    from review.rules import check
    from review.state import ACCEPTED, Decision, ReviewedReport
    from review.workspace import Workspace

    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=500, help="reports in the workspace")
    ap.add_argument("--edits", type=int, default=40, help="do/undo pairs timed")
    args = ap.parse_args()
    sample = ROOT / "resources" / "samples" / "002_4baf6e6a93faded0.txt"
    with tempfile.TemporaryDirectory() as tmp:
        files = make_reports(Path(tmp) / "reports", args.n)
        with Workspace(Path(tmp) / "w.sqlite") as ws:
            t = time.perf_counter()
            ws.import_paths(files, workers=None)
            rid = ws.import_file(sample)[0]
            print(f"workspace: {len(ws)} reports imported in {time.perf_counter() - t:.1f} s")
            contexts = {
                "workspace": EditContext(ws.load(rid), ws.journal_for(rid), "张三", check=ws.rules_for(rid)),
                "memory": EditContext(ReviewedReport(load(str(sample))), MemoryJournal(), "张三", check=check),
            }
            for name, ctx in contexts.items():
                do, undo, decide, withdraw = [], [], [], []
                for _ in range(args.edits):
                    command = CorrectCells(ctx, {NP: 0, TOTAL: 0}, "采纳建议")
                    do.append(timed(command.do))
                    undo.append(timed(command.undo))
                    fid = "requests.results_total:bench"
                    decision = DecideFinding(ctx, fid, Decision(fid, ACCEPTED, "已核实", "张三"))
                    decide.append(timed(decision.do))
                    withdraw.append(timed(decision.undo))
                show(f"{name}: accept 2-cell suggestion", do)
                show(f"{name}: undo it (2 entries)", undo)
                show(f"{name}: decide a finding", decide)
                show(f"{name}: undo the decision", withdraw)
            print(f"audit log of the edited report: {len(ws.audit_log(rid))} entries")


if __name__ == "__main__":
    main()
