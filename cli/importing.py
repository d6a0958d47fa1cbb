"""`import FILE_OR_DIR… [--workspace W]`: add reports to a workspace, with a progress bar."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from review.workspace import ImportResult, Workspace, WorkspaceError


class ProgressBar:
    """A one-line progress bar on a terminal (stderr); silent when the stream is not a terminal."""

    WIDTH = 28

    def __init__(self, stream: TextIO | None = None, interval: float = 0.1) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int, path: Path | None) -> None:
        if not self.tty:
            return
        t = time.monotonic()
        if path is not None and t - self._last < self.interval:
            return
        self._last = t
        self.stream.write("\r" + self.line(done, total, path) + "\033[K")
        self.stream.flush()
        self._drawn = True

    def line(self, done: int, total: int, path: Path | None) -> str:
        frac = done / total if total else 1.0
        filled = round(frac * self.WIDTH)
        name = "" if path is None else path.name if len(path.name) <= 30 else path.name[:29] + "…"
        return f"导入 [{'█' * filled}{'░' * (self.WIDTH - filled)}] {done}/{total} {frac:4.0%} {name}".rstrip()

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


def cmd_import(args: argparse.Namespace) -> int:
    """Add reports to a workspace; the same bytes are never added twice."""
    return run_import(args.files, getattr(args, "workspace", None), getattr(args, "reviewer", ""))


def run_import(files: list[str], workspace: str | None, reviewer: str = "") -> int:
    """Exit status per spec/cli.md: 0 done; 2 a file could not be read (the others still imported) or bad usage."""
    try:
        ws = Workspace(workspace)
    except WorkspaceError as e:
        print(str(e), file=sys.stderr)
        return 2
    bar = ProgressBar()
    result = ImportResult()
    try:
        with ws:
            ws.reviewer = reviewer  # recorded on each import's audit row
            result = ws.import_paths(files, bar, workers=None)  # parse on a spare CPU for large batches
            bar.finish()
    except KeyboardInterrupt:
        bar.finish()
        print(f"导入已中断；已导入的报告都已保存，再次运行同一命令即可继续：{ws.path}", file=sys.stderr)
        return 130
    except WorkspaceError as e:
        bar.finish()
        print(str(e), file=sys.stderr)
        return 2
    for path, reason in result.failed:
        print(f"{path}: {reason}", file=sys.stderr)
    if result.total == 0:
        print("没有找到可导入的报告文件", file=sys.stderr)
        return 2
    print(f"{ws.path}：{result.summary()}")
    return 2 if result.failed else 0
