"""File → 导出 Excel from the window: the reviewed values, as the reviewer left them."""
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
