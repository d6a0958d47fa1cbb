"""Issue 14.12: the window at an office laptop's 1366×768 — header labels never cut inside a word, row
labels elided with their full text as tooltip, the docks' sizes remembered, the findings list keeping
its rows when the audit log is docked below."""
import pytest
from conftest import SAMPLE_FILES
from pagegen import review_window

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402

from gui.findings_pane import FINDINGS_ROWS  # noqa: E402
from gui.grouped_header import break_points, fit_label  # noqa: E402
from gui.workspace_binding import WorkspaceBinding  # noqa: E402
from review.workspace import Workspace  # noqa: E402


def sample(prefix):
    return str(next(p for p in SAMPLE_FILES if p.name.startswith(prefix)))


def test_header_labels_wrap_only_between_words_at_1366(qtbot, tmp_path):
    w = review_window(qtbot, tmp_path / "s.ini")
    w.open_paths([sample("002")])
    w.tables.setCurrentWidget(w.tables.views["requests"])
    header = w.tables.views["requests"].horizontalHeader()
    drawn = header.drawn()[1:]  # after the corner's note
    labels = {full for _r, full, _s, _f, _short in drawn}
    assert {"社会公益组织", "法律服务机构", "法人或其他组织"} <= labels
    for rect, full, shown, font, short in drawn:
        if short:  # elided: the tooltip has it in full
            assert shown.endswith("…") and header.label_at(rect.center().x(), rect.center().y()) == full
            continue
        lines = shown.split("\n")
        assert "".join(line.strip() for line in lines) == full.replace(" ", "")
        cut = len(lines[0])
        assert len(lines) == 1 or cut in break_points(full) or cut + 1 in break_points(full), shown
        assert font.pointSizeF() >= header.font().pointSizeF() * 0.85
    assert all("法律服务机\n构" != s for _r, _f, s, _ft, _sh in drawn)


def test_fit_label_never_breaks_a_word(qtbot, tmp_path):
    w = review_window(qtbot, tmp_path / "s.ini")
    font = w.font()
    assert fit_label("法律服务机构", font, 400, 2) == ("法律服务机构", font, False)
    text, _f, short = fit_label("法律服务机构", font, 30, 2)  # far too narrow: elided, never "法律服务机/构"
    assert short and text.endswith("…") and "\n" not in text
    text, _f, short = fit_label("本机关不掌握相关政府信息（含依申请）", font, 200, 2)
    assert not short and text.split("\n")[1].startswith("（")  # wrapped before the bracket


def test_row_labels_elided_with_the_full_label_as_tooltip(qtbot, tmp_path):
    w = review_window(qtbot, tmp_path / "s.ini")
    w.open_paths([sample("002")])
    view = w.tables.views["requests"]
    w.tables.setCurrentWidget(view)
    model = view.model()
    fm = view.fontMetrics()
    long = [(r, c) for r in range(model.rowCount()) for c in range(view.report_model.layout.label_columns)
            if (model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or "")
            and fm.horizontalAdvance(model.index(r, c).data()) > view.visualRect(model.index(r, c)).width()]
    assert long  # at 1366 px some labels of table three do not fit …
    for r, c in long:  # … and each has its full text as tooltip
        index = model.index(r, c)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data(Qt.ItemDataRole.DisplayRole)


def test_dock_sizes_and_window_state_restored_after_reopen(qtbot, tmp_path):
    ini = tmp_path / "s.ini"
    ws = Workspace(tmp_path / "w.sqlite")
    rid = ws.import_file(sample("002"))[0]
    w = review_window(qtbot, ini)
    binding = WorkspaceBinding(w, ws)
    binding.open_report(rid)
    binding.audit_dock.show()
    qtbot.waitUntil(lambda: binding.audit_dock.height() < 200)  # its first size
    w.resizeDocks([w.report_dock], [300], Qt.Orientation.Horizontal)
    w.resizeDocks([binding.audit_dock], [210], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: abs(w.report_dock.width() - 300) <= 8 and abs(binding.audit_dock.height() - 210) <= 8)
    w.save_settings()
    binding.close()
    w.close()

    again = review_window(qtbot, ini)
    with Workspace(tmp_path / "w.sqlite") as ws2:
        binding2 = WorkspaceBinding(again, ws2)
        binding2.open_report(rid)
        qtbot.waitUntil(lambda: binding2.audit_dock.isVisible() and abs(binding2.audit_dock.height() - 210) <= 8)
        assert abs(again.report_dock.width() - 300) <= 8
        binding2.close()


def test_findings_list_keeps_its_rows_with_the_audit_log_docked(qtbot, tmp_path):
    ws = Workspace(tmp_path / "w.sqlite")
    rid = ws.import_file(sample("002"))[0]
    w = review_window(qtbot, tmp_path / "s.ini")
    binding = WorkspaceBinding(w, ws)
    binding.open_report(rid)
    binding.audit_dock.show()
    qtbot.waitUntil(lambda: binding.audit_dock.height() < 200)  # sized for the first time: not half the window
    view = w.findings_pane.view
    row = view.sizeHintForRow(0)
    assert row > 0
    assert view.viewport().height() // row >= FINDINGS_ROWS
    assert w.source_pane.height() >= 120  # the text keeps a few lines
    binding.close()


def test_one_list_the_queue_and_ctrl_pgdown_walks_it(qtbot, tmp_path):
    """The queue and the open-reports list never show the same list twice: with a workspace only the queue
    is shown, and the next/previous report keys follow the queue as sorted and filtered."""
    ws = Workspace(tmp_path / "w.sqlite")
    for p in SAMPLE_FILES:
        ws.import_file(p)
    w = review_window(qtbot, tmp_path / "s.ini")
    binding = WorkspaceBinding(w, ws)
    w.workspace_binding = binding
    assert w.report_dock.widget() is binding.queue and not w.report_list.isVisible()
    order = binding.queue.visible_report_ids()
    binding.open_report(order[0])
    w.actions_by_id["next_report"].trigger()
    assert binding.current_report_id() == order[1]  # the queue's next row, opened
    w.actions_by_id["previous_report"].trigger()
    assert binding.current_report_id() == order[0]
    w.actions_by_id["previous_report"].trigger()  # at the top: stays, says so
    assert binding.current_report_id() == order[0] and "第一份" in w.statusBar().currentMessage()
    binding.close()
