"""File → 导出 Excel: the archive workbook (review/export/) for the current report or for all of them.

With a workspace, "all" is the whole workspace's reviewed state; without one, the open reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QSettings, Qt, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog

if TYPE_CHECKING:
    from review.export import ExportResult, ExportSource

from .i18n import tr


def export_to_excel(window: QMainWindow, source: ExportSource, settings: QSettings) -> Path | None:
    """Ask where (starting in the folder used last), then write the archive; returns the file written, or None."""
    from review.export.source import ListSource  # openpyxl is loaded when exporting, not with the window

    if not len(source):
        window.statusBar().showMessage(tr("没有可导出的报告"), 5000)
        return None
    name = tr("年报审核汇总.xlsx")
    if isinstance(source, ListSource) and len(source) == 1:
        first = source.items[0].report
        name = f"{first.agency or Path(first.source).stem}{first.year or ''}.xlsx"
    start = str(Path(str(settings.value("export_dir", "") or Path.home())) / name)
    kinds = tr("Excel 工作簿 (*.xlsx);;压缩包（汇总工作簿与分册） (*.zip)")
    path, _ = QFileDialog.getSaveFileName(window, tr("导出 Excel"), start, kinds)
    if not path:
        return None
    if not path.lower().endswith((".xlsx", ".zip")):
        path += ".xlsx"
    settings.setValue("export_dir", str(Path(path).parent))
    return write_archive(window, source, Path(path))


class ExportWorker(QThread):
    """Writes the archive off the GUI thread; `progressed(done, total)` after each report."""

    progressed = Signal(int, int)

    def __init__(self, source: ExportSource, path: Path) -> None:
        super().__init__()
        self.source, self.path = source, path
        self.result: ExportResult | None = None
        self.error: OSError | None = None
        self.cancelled = False

    def run(self) -> None:
        from review.export import ExportCancelled, export_archive

        try:
            self.result = export_archive(self.source, self.path, self.progressed.emit, self.isInterruptionRequested,
                                         workers=None)
        except ExportCancelled:
            self.cancelled = True
        except OSError as e:
            self.error = e


def write_archive(window: QMainWindow, source: ExportSource, path: Path) -> Path | None:
    """Write in a worker thread behind a progress dialog with 取消 (the window keeps painting); a failure is
    said in Chinese; a cancelled export leaves the files that were there."""
    progress = QProgressDialog(tr("正在导出 Excel…"), tr("取消"), 0, len(source), window)
    progress.setWindowTitle(tr("导出 Excel"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    worker = ExportWorker(source, path)
    loop = QEventLoop()
    worker.progressed.connect(lambda done, _total: progress.setValue(done))
    worker.finished.connect(loop.quit)
    progress.canceled.connect(worker.requestInterruption)
    worker.start()
    loop.exec()
    worker.wait()
    progress.close()
    if worker.cancelled:
        window.statusBar().showMessage(tr("已取消导出，原有文件未改动"), 10000)
        return None
    if worker.error is not None or worker.result is None:
        e = worker.error
        reason = (e.strerror or str(e)) if e is not None else tr("未知错误")
        message = tr("无法写入 {p}：{e}（文件可能正在 Excel 中打开，或文件夹不可写）", p=path, e=reason)
        if window.property("headless"):
            window.statusBar().showMessage(message, 10000)
        else:
            QMessageBox.warning(window, tr("导出失败"), message)
        return None
    result = worker.result
    message = tr("已导出 {n} 份报告到 {p}", n=result.reports, p=path)
    if result.split:
        message += tr("（汇总工作簿及 {m} 个分册工作簿）", m=len(result.volumes))
    window.statusBar().showMessage(message, 10000)
    return path
