"""Import report files and folders into the workspace in a worker thread, with a cancellable progress dialog.

The window stays responsive: the worker thread parses and stores; the dialog only receives throttled
progress signals. Usage:

    paths = choose_files(window) or choose_folder(window)
    dialog = ImportDialog(workspace, paths, window)
    dialog.importFinished.connect(lambda result: queue.refresh())
    dialog.start()
"""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from parser.reader import REPORT_SUFFIXES
from review.workspace import ImportResult, Workspace

from .collector import collect_on_gui_thread
from .i18n import tr


def file_filter() -> str:
    patterns = " ".join(f"*{s}" for s in sorted(REPORT_SUFFIXES))
    return tr("报告文件 ({patterns});;所有文件 (*)").format(patterns=patterns)


def choose_files(parent: QWidget | None = None) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(parent, tr("选择要导入的报告"), "", file_filter())
    return files


def choose_folder(parent: QWidget | None = None) -> list[str]:
    folder = QFileDialog.getExistingDirectory(parent, tr("选择包含报告的文件夹"))
    return [folder] if folder else []


BACKGROUND_NICE = 5  # the import's threads and processes yield the CPU to the window's event loop


def _lower_this_thread(nice: int) -> None:
    """Linux schedules threads individually: lower the calling thread's priority (elsewhere: no-op)."""
    if sys.platform.startswith("linux"):
        try:
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + nice)
        except OSError:
            pass


class ImportWorker(QThread):
    """Runs Workspace.import_paths off the GUI thread. Cancel with cancel(); stops between files."""

    progressed = Signal(int, int, str)  # done, total, file name being imported ("" at the end)
    completed = Signal(object)  # ImportResult
    crashed = Signal(str)  # one-line Chinese message

    def __init__(self, workspace: Workspace, paths: list[str], parent: QWidget | None = None,
                 interval: float = 0.1) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.paths = list(paths)
        self.cancel_event = threading.Event()
        self.interval = interval  # seconds between progress signals (the GUI need not repaint per file)
        self._last = 0.0

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        _lower_this_thread(BACKGROUND_NICE)
        try:
            result = self.workspace.import_paths(self.paths, self._progress, self.cancel_event,
                                                 workers=None, nice=BACKGROUND_NICE)
        except Exception as e:  # the workspace failing (disk full, closed): tell the user, never crash the window
            self.crashed.emit(tr("导入中断：{error}").format(error=e))
            return
        self.completed.emit(result)

    def _progress(self, done: int, total: int, path: Path | None) -> None:
        t = time.monotonic()
        if path is None or t - self._last >= self.interval:
            self._last = t
            self.progressed.emit(done, total, path.name if path else "")


class ImportDialog(QDialog):
    """Progress of one import; emits importFinished(ImportResult) when the worker stops (done or cancelled)."""

    importFinished = Signal(object)

    def __init__(self, workspace: Workspace, paths: list[str], parent: QWidget | None = None,
                 close_when_clean: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("导入报告"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        self.close_when_clean = close_when_clean  # close at once when every file was read
        self.import_result: ImportResult | None = None
        self.label = QLabel(tr("正在查找报告文件…"), self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.hide()
        self.buttons = QDialogButtonBox(self)
        self.cancel_button = QPushButton(tr("取消"), self)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(tr("关闭"))
        self.close_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)

        self.worker = ImportWorker(workspace, paths, self)
        self.worker.progressed.connect(self._on_progress)
        self.worker.completed.connect(self._on_completed)
        self.worker.crashed.connect(self._on_crashed)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)
        app = QCoreApplication.instance()
        if app is not None:  # quitting while importing: stop between two files, never mid-file
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        collect_on_gui_thread()  # no garbage of this thread's Qt objects collected by the worker's allocations
        self.show()
        self.worker.start()

    def is_running(self) -> bool:
        return self.worker.isRunning()

    def stop(self, timeout_ms: int = 30_000) -> None:
        """Cancel and wait for the worker (before the window or the workspace closes)."""
        if self.worker.isRunning():
            self.worker.cancel()
            self.worker.wait(timeout_ms)

    def cancel(self) -> None:
        if self.worker.isRunning():
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(tr("正在取消…（当前文件导入完成后停止，已导入的报告会保留）"))

    def reject(self) -> None:  # Esc or the window's close button: cancel first, close when stopped
        if self.worker.isRunning():
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker.isRunning():
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if name and not self.worker.cancel_event.is_set():
            self.label.setText(tr("正在导入第 {n}/{total} 份：{name}").format(n=done + 1, total=total, name=name))

    def _on_completed(self, result: ImportResult) -> None:
        self.worker.wait()
        self.import_result = result
        self.bar.setRange(0, max(result.total, 1))
        self.bar.setValue(len(result.added) + len(result.duplicates) + len(result.failed))
        self.label.setText(tr("导入完成：{summary}").format(summary=result.summary()) if not result.cancelled
                           else tr("导入已取消：{summary}").format(summary=result.summary()))
        if result.total == 0:
            self.label.setText(tr("没有找到可导入的报告文件"))
        self.importFinished.emit(result)
        if result.failed or result.total == 0 or not self.close_when_clean:
            if result.failed:
                self.details.setPlainText("\n".join(f"{p.name}：{reason}" for p, reason in result.failed))
                self.details.show()
            self._show_close()
        else:
            self.accept()

    def _on_crashed(self, message: str) -> None:
        self.worker.wait()
        self.label.setText(message)
        self.import_result = ImportResult(cancelled=True)
        self.importFinished.emit(self.import_result)
        self._show_close()

    def _show_close(self) -> None:
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setFocus()
