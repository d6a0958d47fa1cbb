"""The demo: the bundled samples in a workspace of their own (demo.sqlite beside the default workspace),
never in the reviewer's real one.

- The first start (the default workspace still empty, no files given) and `python main.py --demo` open
  the demo workspace; its window says so in the title, the banner and every report's name (【样例】).
  Changes there are kept like in any workspace; 工作区 → 重置样例工作区 starts it afresh.
- Files opened or imported in the demo window go to the reviewer's workspace (the window switches to it).
- Samples an older version imported into the real workspace (recognised by the SHA-256 of the bundled
  files) are offered for removal there, through the audited, restorable soft delete; never deleted silently.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMainWindow, QMessageBox

import resources
from review.workspace import Workspace, WorkspaceError, default_path

from .i18n import tr

DEMO_FILE = "demo.sqlite"
SAMPLE_REMOVAL_REASON = "程序自带的样例报告（旧版本首次启动时导入），不是报送的年报"


def demo_path() -> Path:
    """The demo workspace: beside the default workspace, in the user's data directory."""
    return default_path().with_name(DEMO_FILE)


def sample_hashes() -> set[str]:
    """SHA-256 of each bundled sample file."""
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in resources.sample_reports()}


def open_demo(path: Path | None = None, reset: bool = False) -> Workspace:
    """The demo workspace with every bundled sample in it (imported when missing); `reset`: the file and
    everything done in it are deleted first. Raises WorkspaceError (one line of Chinese)."""
    path = path or demo_path()
    if reset:
        for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
            try:
                p.unlink(missing_ok=True)
            except OSError as e:
                raise WorkspaceError(f"无法删除样例工作区文件（{e.strerror}）：{p}") from e
    workspace = Workspace(path)
    try:
        for sample in resources.sample_reports():
            workspace.import_file(sample)
    except Exception:
        workspace.close()
        raise
    return workspace


def stray_samples(workspace: Workspace) -> list[int]:
    """Reports of a real workspace that are bundled samples (same bytes), not yet removed."""
    return workspace.reports_with_hashes(sample_hashes())


def remove_samples(workspace: Workspace, report_ids: list[int], reviewer: str) -> int:
    """Take these samples out of the workspace through the audited soft delete (restorable); how many."""
    for rid in report_ids:
        workspace.office.remove_report(rid, reviewer, SAMPLE_REMOVAL_REASON)
    return len(report_ids)


def offer_sample_removal(window: QMainWindow, workspace: Workspace) -> list[int]:
    """Ask whether to remove the samples an older version put into this workspace; the ids removed."""
    found = [] if workspace.closed else stray_samples(workspace)
    if not found:
        return []
    question = tr("工作区中有 {n} 份程序自带的样例报告（旧版本第一次启动时导入）。\n"
                  "把它们移出工作区吗？移出记入记录，可随时恢复；原文件和审核记录都保留。", n=len(found))
    if window.property("headless"):  # tests, screenshots: never decided without the reviewer
        window.statusBar().showMessage(question.replace("\n", ""), 15000)
        return []
    answer = QMessageBox.question(window, tr("样例报告"), question)
    if answer != QMessageBox.StandardButton.Yes:
        return []
    reviewer = getattr(window, "reviewer", "") or tr("未署名")
    remove_samples(workspace, found, reviewer)
    return found


class DemoActions:
    """The 工作区 menu's demo action and the demo window's hand-over, on a gui.workspace_binding binding
    (given with its open_workspace, which says why a workspace did not open)."""

    def __init__(self, binding: Any, open_workspace: Callable[..., Workspace | None]) -> None:
        self.binding = binding
        self.open_workspace = open_workspace

    def trigger(self) -> None:
        """工作区 → 重置样例工作区 in the demo, 打开样例工作区 elsewhere."""
        if self.binding.demo:
            self.reset()
        else:
            self.open_demo()

    def open_demo(self) -> bool:
        """The bundled samples' workspace in this window (the reviewer's is closed, nothing lost)."""
        workspace = self.open_workspace(str(demo_path()), self.binding.window, opener=open_demo)
        if workspace is None:
            return False
        self.binding.switch_to(workspace, demo=True)
        return True

    def open_own(self, paths: list[str]) -> bool:
        """From the demo: the reviewer's own workspace in this window, these files opened (imported) there."""
        workspace = self.open_workspace(None, self.binding.window)
        if workspace is None:
            return False
        self.binding.switch_to(workspace)
        self.binding.window.open_paths(paths)
        return True

    def reset(self) -> bool:
        """After a confirmation, the demo workspace starts afresh (its file deleted and made again)."""
        binding, window = self.binding, self.binding.window
        if not binding.demo:
            return False
        if not window.property("headless") and QMessageBox.question(
                window, tr("重置样例工作区"),
                tr("样例工作区中的全部修改、决定和签发都将删除，样例报告恢复原样。确定重置吗？"),
        ) != QMessageBox.StandardButton.Yes:
            return False
        path = Path(str(binding.workspace.path))
        binding.detach()
        try:
            workspace = open_demo(path, reset=True)
        except WorkspaceError as e:  # the demo as it was, if it still opens
            window.statusBar().showMessage(str(e), 15000)
            try:
                binding.attach(open_demo(path), True)
            except WorkspaceError:
                pass
            return False
        binding.attach(workspace, True)
        window.statusBar().showMessage(tr("样例工作区已重置"), 8000)
        return True
