"""The verification loop (the verification station of ABBYY-style capture tools) for uncertain cells.

F4 walks the cells whose reading is uncertain (low OCR confidence, or placed by the equations) and
those printed on a page but not read as numbers (a stamp over them), in table order. For each, the
cell is revealed everywhere (the window's one reveal path) and a panel above the tables shows an
enlarged snippet of the page around it next to its value: Enter confirms the value as printed (it
becomes certain), a typed number and Enter corrects it, Tab skips it for now (a skipped cell stays
uncertain: skipping never counts as confirmed), Esc ends the loop. Confirming and correcting are undo
commands like every other change, so both are in the audit log and Ctrl+Z takes them back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QPushButton, QSizePolicy

from parser.model import BLANK, CORRECTED, UNCERTAIN, Cell

from .commands import ConfirmCells, CorrectCells
from .i18n import tr
from .marks import format_value
from .page_render import PageRenderer
from .table_entry import parse_number

if TYPE_CHECKING:
    from .review_window import ReviewWindow
    from .session import ReportSession

SNIPPET_DPI = 200  # the page is cut at this resolution: a 10-point digit is ~28 pixels tall
SNIPPET_MAX = (460, 150)  # the snippet's largest size on screen, in pixels
CONFIRM_REASON = "核对原件：确认无误"
CORRECT_REASON = "核对原件：更正"


def unreadable(cell: Cell) -> bool:
    """Printed on a page but not read as a number (a stamp or a smudge over it): the page decides."""
    return (cell.page is not None and cell.box is not None and cell.value is None
            and cell.status not in (BLANK, CORRECTED) and bool(cell.text.strip()))


def uncertain_keys(session: ReportSession) -> list[str]:
    """The cells to verify against the page — uncertain readings, and cells printed on a page that could
    not be read as numbers — in the order of the printed tables."""
    cells = session.report.cells
    version = session.report.version
    order = version.cell_keys() if version else list(cells)
    return [k for k in order if k in cells and (cells[k].status == UNCERTAIN or unreadable(cells[k]))]


def snippet(renderer: PageRenderer, cell: Cell) -> QImage | None:
    """The page around the cell (its row's neighbours to the left and right), the cell outlined; a page the
    OCR found turned is cut upright."""
    if not cell.page or not cell.box or not 1 <= cell.page <= len(renderer.sizes):
        return None
    page = renderer.render_now(cell.page - 1, SNIPPET_DPI)
    if page is None:
        return None
    k = SNIPPET_DPI / 72
    x0, y0, x1, y1 = renderer.upright_box(cell.page - 1, cell.box)
    w, h = max(x1 - x0, 12), max(y1 - y0, 8)
    area = QRectF((x0 - 1.5 * w) * k, (y0 - 1.2 * h) * k, 4 * w * k, 3.4 * h * k).toAlignedRect()
    area = area.intersected(page.rect())
    if area.isEmpty():
        return None
    out = page.copy(area).convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(out)
    pen = QPen(QColor("#e37400"), max(2.0, k))
    painter.setPen(pen)
    painter.drawRect(QRectF((x0 - 2) * k - area.x(), (y0 - 2) * k - area.y(), (x1 - x0 + 4) * k, (y1 - y0 + 4) * k))
    painter.end()
    return out


class VerifyPanel(QFrame):
    """The panel of the loop: progress, the cell's name, the snippet, the value to confirm or correct."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.name = QLabel(self)
        self.name.setWordWrap(True)
        self.image = QLabel(self)
        self.image.setMinimumSize(240, 80)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setStyleSheet("background: white; border: 1px solid #dadce0;")
        self.value = QLineEdit(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.value.setFont(font)
        self.value.setMaximumWidth(170)
        self.hint = QLabel(tr("Enter 确认 · 键入数字后 Enter 更正 · Tab 跳过 · Esc 结束"), self)
        self.hint.setStyleSheet("color: #5f6368;")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c5221f;")
        self.confirm_button = QPushButton(tr("确认"), self)
        self.skip_button = QPushButton(tr("跳过"), self)
        self.end_button = QPushButton(tr("结束核对"), self)
        for b in (self.confirm_button, self.skip_button, self.end_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAutoDefault(False)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(self.image, 1, 0, 4, 1)
        grid.addWidget(self.name, 1, 1)
        grid.addWidget(self.value, 2, 1)
        grid.addWidget(self.error, 3, 1)
        row = QGridLayout()
        row.addWidget(self.confirm_button, 0, 0)
        row.addWidget(self.skip_button, 0, 1)
        row.addWidget(self.end_button, 0, 2)
        grid.addLayout(row, 4, 1)
        grid.addWidget(self.hint, 5, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    def show_cell(self, position: int, total: int, name: str, cell: Cell, image: QImage | None) -> None:
        self.title.setText(tr("<b>核对存疑单元格</b>　第 {i} / {n} 个", i=position, n=total))
        confidence = tr("　识别置信度 {c:.0%}", c=cell.confidence) if cell.confidence is not None else ""
        self.name.setText(f"{name}{confidence}")
        if image is None:
            self.image.setPixmap(QPixmap())
            self.image.setText(tr("没有这个单元格的页面位置，请对照原文核对"))
        else:
            pixmap = QPixmap.fromImage(image)
            self.image.setPixmap(pixmap.scaled(*SNIPPET_MAX, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        self.value.setText(format_value(cell.value) if cell.value is not None else cell.text.strip())
        self.value.selectAll()
        self.error.setText("")
        self.show()
        self.value.setFocus()


class Verification(QObject):
    """Runs the loop on the window's current report."""

    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = VerifyPanel(window)
        self.key: str | None = None
        self.skipped: set[str] = set()
        self.panel.value.returnPressed.connect(self.enter)
        self.panel.value.installEventFilter(self)
        self.panel.confirm_button.clicked.connect(self.enter)
        self.panel.skip_button.clicked.connect(self.skip)
        self.panel.end_button.clicked.connect(self.stop)

    @property
    def active(self) -> bool:
        return self.key is not None

    def start(self) -> None:
        """F4: show the next uncertain cell (from the one being verified, else from the start)."""
        s = self.window.session
        if s is None:
            return
        if s.read_only:
            message = tr("此报告已签发或退回，只读；如需修改请先在“工作区”菜单中重新打开")
            self.window.statusBar().showMessage(message, 6000)
            return
        if not self.active:
            self.skipped = set()
        self._show_next(after=self.key)

    def _show_next(self, after: str | None) -> None:
        s = self.window.session
        keys = uncertain_keys(s) if s is not None else []
        todo = [k for k in keys if k not in self.skipped]
        if s is None or not todo:
            left = len(keys)
            self.stop()
            message = tr("还有 {n} 个存疑单元格被跳过，未确认", n=left) if left else tr("没有存疑的单元格")
            self.window.statusBar().showMessage(message, 6000)
            return
        order = keys if after in keys else []
        start = order.index(after) + 1 if order else 0
        key = next((k for k in keys[start:] + keys[:start] if k not in self.skipped), todo[0])
        self.key = key
        self.window.reveal([key], source="verify")
        page_view = getattr(self.window, "page_view", None)
        image = snippet(page_view.renderer, s.report.cells[key]) if page_view is not None else None
        self.panel.show_cell(keys.index(key) + 1, len(keys), s.display_name(key), s.report.cells[key], image)
        following = next((k for k in keys[keys.index(key) + 1:] if k not in self.skipped), None)
        page = s.report.cells[following].page if following else None
        if page_view is not None and page:  # the next cell's page is drawn while the reviewer looks at this one
            page_view.renderer.request(page - 1, SNIPPET_DPI)

    def enter(self) -> None:
        """Enter: the value as shown confirms the cell; a different number corrects it."""
        s, key = self.window.session, self.key
        if s is None or key is None or key not in s.report.cells:
            self.stop()
            return
        cell = s.report.cells[key]
        text = self.panel.value.text()
        ok, number = parse_number(text, s.report.spec(key).kind)
        if not ok:
            self.panel.error.setText(tr("“{t}”不是有效的数值", t=text.strip()))
            return
        name = s.display_name(key)
        unchanged = text.strip() == format_value(cell.value) or (number == cell.value and number is not None)
        if unchanged and cell.status == UNCERTAIN:
            done = s.push(ConfirmCells(s, [key], tr(CONFIRM_REASON), tr("确认 {name}", name=name)))
        elif unchanged:  # nothing was read there: only the number printed on the page settles it
            self.panel.error.setText(tr("这一格未能读出数值，请键入原件上印的数值（看不清时按 Tab 跳过）"))
            return
        else:
            done = s.push(CorrectCells(s, {key: number}, tr(CORRECT_REASON), tr("更正 {name}", name=name)))
        if done:
            self._show_next(after=key)
        else:
            self.stop()

    def skip(self) -> None:
        """Tab: leave this cell uncertain for now and show the next one."""
        if self.key is not None:
            self.skipped.add(self.key)
            self._show_next(after=self.key)

    def stop(self) -> None:
        self.key = None
        self.panel.hide()

    def session_changed(self) -> None:
        """Another report is shown: the loop ends."""
        self.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.panel.value and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Tab:
                self.skip()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.stop()
                self.window.focus_tables()
                return True
        return super().eventFilter(watched, event)
