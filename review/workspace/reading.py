"""Reading report files for an import, in worker processes or in place.

A worker parses the file, runs the rules that need no other report and sends back a `ReadFile`:
strings and plain values (the text, the parsed report as the JSON the workspace stores, the cell
values, the findings), never the parsed objects themselves — pickling a Report with its cells
costs more than parsing half of it again. The importing process then runs only the years.* rules,
on a light `view` of the report, because last year's report may be anywhere in the batch.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass

from parser.model import EXTRACTED, MISSING, Cell, Number, Report

from ..findings import Finding
from ..isolation import CRASHED, isolated
from .codec import report_to_json


@dataclass(slots=True)
class ReadFile:
    """One file as a worker read it: `error` (one-line Chinese reason) or the report's parts."""

    error: str | None = None
    agency: str | None = None
    year: int | None = None
    template: str | None = None
    text: str = ""
    parsed: str = ""  # codec.report_to_json
    values: dict[str, Number | None] | None = None  # every cell's value (None: blank or missing)
    sections: dict[str, tuple[int, int]] | None = None
    findings: list[Finding] | None = None  # the rules but years.*; None when not run (a caller's checker)

    def view(self) -> Report:
        """The report as the years.* rules and the queue summary read it: header, sections, text and the
        cells' values (a cell's printed text, span and page are in `parsed`)."""
        cells = {k: Cell(k, v, status=MISSING if v is None else EXTRACTED) for k, v in (self.values or {}).items()}
        return Report("", self.text, self.template, self.agency, self.year, cells, dict(self.sections or {}))


def read_files(files: Sequence[tuple[bytes, str]], own_rules: bool) -> list[ReadFile]:
    """Read several files (one task for a worker: fewer round trips); see read_file."""
    return [read_file(data, name, own_rules) for data, name in files]


def read_file(data: bytes, name: str, own_rules: bool) -> ReadFile:
    """Parse a file's bytes; with own_rules, also run every rule except the years.* ones. Never raises for
    bad input: a file that cannot be read, or a parser bug, is a ReadFile with its reason."""
    from parser import extract
    from parser.reader import ReadError

    try:
        report = extract.parse_bytes(data, name)
    except ReadError as e:
        return ReadFile(error=str(e))
    except Exception as e:  # noqa: BLE001 - a parser bug must not stop a batch nor show a traceback
        return ReadFile(error=f"解析出错（{e.__class__.__name__}：{e}）：{name}")
    findings = isolated(CRASHED, lambda: _own_rules(report)) if own_rules else None
    return ReadFile(None, report.agency, report.year, report.template, report.text, report_to_json(report),
                    {k: c.value for k, c in report.cells.items()}, dict(report.sections), findings)


def _own_rules(report: Report) -> list[Finding]:
    from ..rules import check

    return check(report, None, previous_searched=True, years=False)


def worker_pool(workers: int, nice: int = 0) -> Executor | None:
    """A process pool for reading, or None where processes cannot be started (then read in this thread).

    Workers are spawned: the program's main script must be guarded by `if __name__ == "__main__"`."""
    if getattr(sys, "frozen", False):  # a bundled executable would start itself again as the worker
        return None
    try:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(os.getpid(), nice))
    except (OSError, ValueError, NotImplementedError):
        return None


def _init_worker(parent: int, nice: int) -> None:
    """In a worker: lower its priority if asked; load the parser and the rules before the first file; exit
    when the importing process is gone (killed)."""
    import threading
    import time

    if nice and hasattr(os, "nice"):
        try:
            os.nice(nice)
        except OSError:
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    import parser.extract  # noqa: F401 - loaded while the importing process reads the first files
    import review.rules  # noqa: F401

