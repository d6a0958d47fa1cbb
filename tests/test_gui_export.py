"""File → 导出 Excel from the window: the reviewed values, as the reviewer left them."""
import time

import openpyxl
from conftest import SAMPLE_FILES
from PySide6.QtWidgets import QFileDialog

from gui.app import application
from gui.main_window import MainWindow


def _window(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    application()
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.setProperty("headless", True)
    qtbot.addWidget(window)
    return window


def test_export_current_report_with_its_correction(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    window.open_paths([str(SAMPLE_FILES[2]), str(SAMPLE_FILES[0])])
    window.report_list.select(window.sessions()[0])
    model = window.tables.views["requests"].report_model
    assert model.setData(model.index_of("requests/unable.not_held/natural_person"), "0")
    out = tmp_path / "one.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert window.export_excel(everything=False) == out
    sheet = openpyxl.load_workbook(out)["汇总"]
    keys = [c.value for c in sheet[2]]
    assert sheet.max_row == 3, "one report: two header rows and one data row"
    assert sheet.cell(3, keys.index("requests/unable.not_held/natural_person") + 1).value == 0


def test_export_all_open_reports_and_a_clear_message_when_the_file_cannot_be_written(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    window.open_paths([str(p) for p in SAMPLE_FILES])
    out = tmp_path / "all"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert window.export_excel(everything=True) == tmp_path / "all.xlsx"
    assert openpyxl.load_workbook(tmp_path / "all.xlsx")["汇总"].max_row == 2 + len(SAMPLE_FILES)
    blocked = tmp_path / "missing-folder" / "x.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocked), ""))
    assert window.export_excel(everything=True) is None
    assert "无法写入" in window.statusBar().currentMessage()


def test_export_runs_off_the_gui_thread_and_cancel_keeps_the_previous_file(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    import review.export.archive as archive

    window = _window(qtbot, tmp_path)
    window.open_paths([str(p) for p in SAMPLE_FILES])
    out = tmp_path / "all.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    threads, pause = [], []
    real_sheet = archive.write_report_sheet

    def spy(*args):
        threads.append(QThread.currentThread())
        time.sleep(0.3 if pause else 0)  # a slow export: the window goes on meanwhile
        return real_sheet(*args)

    monkeypatch.setattr(archive, "write_report_sheet", spy)
    assert window.export_excel(everything=True) == out
    assert threads and all(t is not window.thread() for t in threads)
    before = out.read_bytes()
    real_set = QProgressDialog.setValue

    def cancel_after_two(self, value):  # the reviewer presses 取消 while the third report is written
        real_set(self, value)
        if value >= 2:
            self.findChild(QPushButton).click()

    monkeypatch.setattr(QProgressDialog, "setValue", cancel_after_two)
    pause.append(True)
    window.open_paths([str(SAMPLE_FILES[1])])
    assert window.export_excel(everything=True) is None
    assert "已取消" in window.statusBar().currentMessage()
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".ini") == ["all.xlsx"]
