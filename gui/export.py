"""File → 导出 Excel: the archive workbook (review/export/) for the current report or for all of them.

With a workspace, "all" is the whole workspace's reviewed state; without one, the open reports.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from review.state import ReviewedReport

from .i18n import tr


def export_to_excel(window: QMainWindow, items: list[ReviewedReport], settings: QSettings) -> Path | None:
    """Ask where (starting in the folder used last), then write the workbook; returns the file written, or None."""
    if not items:
        window.statusBar().showMessage(tr("没有可导出的报告"), 5000)
        return None
    first = items[0].report
    one = f"{first.agency or Path(first.source).stem}{first.year or ''}.xlsx"
    name = tr("年报审核汇总.xlsx") if len(items) > 1 else one
    start = str(Path(str(settings.value("export_dir", "") or Path.home())) / name)
    path, _ = QFileDialog.getSaveFileName(window, tr("导出 Excel"), start, tr("Excel 工作簿 (*.xlsx)"))
    if not path:
        return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    settings.setValue("export_dir", str(Path(path).parent))
    return write_workbook(window, items, Path(path))


def write_workbook(window: QMainWindow, items: list[ReviewedReport], path: Path) -> Path | None:
    """Write with a progress dialog (the window keeps painting); a failure is said in Chinese."""
    from review.export import export_workbook

    progress = QProgressDialog(tr("正在导出 Excel…"), "", 0, len(items), window)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)

    def advance(done: int, total: int) -> None:
        progress.setValue(done)
        QApplication.processEvents()

    try:
        export_workbook(items, path, advance)
    except OSError as e:
        progress.close()
        message = tr("无法写入 {p}：{e}（文件可能正在 Excel 中打开，或文件夹不可写）", p=path, e=e.strerror or e)
        if window.property("headless"):
            window.statusBar().showMessage(message, 10000)
        else:
            QMessageBox.warning(window, tr("导出失败"), message)
        return None
    progress.close()
    window.statusBar().showMessage(tr("已导出 {n} 份报告到 {p}", n=len(items), p=path), 10000)
    return path
