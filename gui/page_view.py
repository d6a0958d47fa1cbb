"""The page view: the report's original page (PDF or image) with the boxes of the cells read from it.

The selected cell's box is outlined, the boxes of the other cells of the current finding are filled,
uncertain cells carry a dashed outline; a click on a box asks the window to reveal that cell (the one
reveal path). Zoom in/out, fit width, page up/down. Scene coordinates are PDF points (the unit of
Cell.box), so boxes never move when the page is re-rendered sharper after a zoom; rendering happens
off the GUI thread (gui/page_render.py), so a selection or a click never waits for pdfium. A scanned page
the OCR found turned is shown upright (Report.page_turns), its cells' boxes turned with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from parser.model import UNCERTAIN, Report

from .i18n import tr
from .marks import format_value
from .page_render import PageRenderer, dpi_for
from .shortcuts import sequences, shortcut

PRIMARY = QColor("#e37400")  # the selected cell: the text pane's reveal colour, darker for a thin line
OTHER_FILL = QColor(251, 188, 4, 70)  # the finding's other cells
UNCERTAIN_PEN = QColor("#b06000")
BOX_PEN = QColor(25, 103, 210, 60)  # every cell read from the page, faintly (they can be clicked)
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
Box = tuple[float, float, float, float]


def cell_at_point(report: Report, page: int, x: float, y: float,
                  shown: Callable[[Box], Box] = lambda b: b) -> str | None:
    """The cell whose box on `page` (1-based) holds the point (points on the page as `shown` takes a
    cell's box to: the page upright); the smallest when boxes nest."""
    hits = [(abs((b[2] - b[0]) * (b[3] - b[1])), k) for k, c in report.cells.items()
            if c.page == page and c.box and (b := shown(c.box)) and b[0] <= x <= b[2] and b[1] <= y <= b[3]]
    return min(hits)[1] if hits else None


def page_of(report: Report, keys: list[str]) -> int | None:
    """The page (1-based) of the first of these cells that was read from a page."""
    return next((c.page for k in keys if (c := report.cells.get(k)) and c.page and c.box), None)


class PageCanvas(QGraphicsView):
    clicked = Signal(QPointF)  # scene position (points)
    hovered = Signal(QPointF)
    zoomed = Signal(int)  # +1 / -1 from Ctrl+wheel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform | QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QColor("#e8eaed"))
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.mapToScene(event.position().toPoint()))
        super().mousePressEvent(event)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if not event.buttons():
            self.hovered.emit(self.mapToScene(event.position().toPoint()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoomed.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
        else:
            super().wheelEvent(event)


class PageView(QWidget):
    """The 页面 tab of the source pane."""

    cell_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = PageRenderer(self)
        self.report: Report | None = None
        self.page = 1  # 1-based, as Cell.page
        self.zoom = 1.0  # 1.0: one point is one point on the screen (logical dpi / 72 pixels)
        self.fit = False  # follow the width of the pane (Ctrl+2); at first 100 %: the source pane is narrow
        self.primary: list[str] = []
        self.others: list[str] = []
        self.canvas = PageCanvas(self)
        self._pixmap = QGraphicsPixmapItem()
        self._pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.canvas.scene().addItem(self._pixmap)
        self._boxes: dict[str, QGraphicsRectItem] = {}  # the cells' boxes on the page shown
        self._pixmaps: dict[int, QPixmap] = {}  # QImage.cacheKey → its pixmap, the last few shown
        self._sharpen = QTimer(self, singleShot=True, interval=120)  # re-render once zooming pauses
        self._sharpen.timeout.connect(self._request_image)

        self.prev_button = self._button("◀", "page_previous", lambda: self.go_to(self.page - 1))
        self.next_button = self._button("▶", "page_next", lambda: self.go_to(self.page + 1))
        self.page_label = QLabel(self)
        self.zoom_out_button = self._button("－", "zoom_out", lambda: self.step_zoom(-1))
        self.zoom_in_button = self._button("＋", "zoom_in", lambda: self.step_zoom(1))
        self.fit_button = self._button(tr("适合宽度"), "fit_width", self.fit_width)
        self.zoom_label = QLabel(self)
        self.message = QLabel(self)
        self.message.setObjectName("pageMessage")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for w in (self.prev_button, self.page_label, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.message)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(bar)
        box.addWidget(self.canvas, 1)

        self.canvas.clicked.connect(self._clicked)
        self.canvas.hovered.connect(self._hovered)
        self.canvas.zoomed.connect(self.step_zoom)
        self.renderer.opened.connect(lambda *_: self._document_opened())
        self.renderer.rendered.connect(lambda _g, index, _d, _img: self._rendered(index))
        self._update_bar()

    def _button(self, text: str, shortcut_id: str, slot: object) -> QToolButton:
        s = shortcut(shortcut_id)
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(f"{tr(s.description)}（{s.keys[0]}）")
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        for seq in sequences(shortcut_id):  # only while the page has the focus (PgUp/PgDown scroll elsewhere)
            QShortcut(seq, self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    # --- the document ----------------------------------------------------------------------------
    def set_source(self, data: bytes | None, report: Report | None) -> None:
        """Show the pages of these file bytes (a PDF or an image) with the boxes of this report's cells."""
        if report is None:  # cells revealed before the pages of the same report were read stay revealed
            self.primary, self.others = [], []
        self.report = report
        self.page = 1
        self._pixmaps.clear()
        self._pixmap.setPixmap(QPixmap())
        self.message.setText(tr("正在打开页面…") if data else "")
        self.renderer.open(data, report.page_turns if report is not None else None)
        self._draw_boxes()  # none until the pages are open
        self._update_bar()

    @property
    def page_count(self) -> int:
        return len(self.renderer.sizes)

    def page_rect(self) -> QRectF:
        if not 1 <= self.page <= self.page_count:
            return QRectF()
        size = self.renderer.sizes[self.page - 1]
        return QRectF(0, 0, size.width, size.height)

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until the page is open and drawn (a screenshot, a benchmark); the window never waits."""
        import time

        from PySide6.QtCore import QCoreApplication

        end = time.monotonic() + timeout
        QCoreApplication.processEvents()  # the source pane reads the bytes once the window has settled
        self.renderer.wait_opened()
        while time.monotonic() < end and self.page_count and self._pixmap.pixmap().isNull():
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def _document_opened(self) -> None:
        self.message.setText(self.renderer.error)
        if self.page_count:
            self._show_page()
            if self.primary or self.others:  # revealed before the pages were open
                self.show_cells(self.primary, self.others)
        self._update_bar()

    # --- what is shown ---------------------------------------------------------------------------
    def show_cells(self, primary: list[str], others: list[str]) -> None:
        """Outline the primary cells' boxes, fill the others'; turn to the page of the first of them."""
        before = {*self.primary, *self.others}
        self.primary, self.others = list(primary), [k for k in others if k not in primary]
        page = page_of(self.report, self.primary) if self.report else None
        if page is None and self.report is not None:
            page = page_of(self.report, self.others)
        if page is not None and page != self.page and 1 <= page <= self.page_count:
            self.page = page
            self._show_page()
        else:
            for key in before | {*self.primary, *self.others}:  # restyle only the boxes whose role changed
                if key in self._boxes:
                    self._style(key, self._boxes[key])
        self._scroll_to_primary()

    def refresh(self) -> None:
        """Restyle the boxes (a cell's status changed)."""
        for key, item in self._boxes.items():
            self._style(key, item)

    def go_to(self, page: int) -> None:
        if 1 <= page <= self.page_count and page != self.page:
            self.page = page
            self._show_page()
            self.canvas.verticalScrollBar().setValue(0)

    def _show_page(self) -> None:
        rect = self.page_rect()
        self.canvas.scene().setSceneRect(rect.adjusted(-8, -8, 8, 8))
        self._apply_zoom()
        self._request_image()
        self._draw_boxes()
        self._update_bar()

    def _pixels_per_point(self) -> float:
        return self.zoom * self.logicalDpiX() / 72

    def _request_image(self) -> None:
        if not self.page_count:
            return
        dpi = dpi_for(self._pixels_per_point() * self.devicePixelRatioF())
        image = self.renderer.request(self.page - 1, dpi)
        if image is None:
            image = self.renderer.cached(self.page - 1)  # a blurrier rendering until the sharp one comes
            if image is None:
                self.message.setText(tr("正在显示页面…"))
                self._pixmap.setPixmap(QPixmap())
                return
        self._set_image(image)

    def _set_image(self, image: QImage) -> None:
        pixmap = self._pixmaps.pop(image.cacheKey(), None) or QPixmap.fromImage(image)
        self._pixmaps[image.cacheKey()] = pixmap  # turning back to a page needs no conversion
        while len(self._pixmaps) > 4:
            self._pixmaps.pop(next(iter(self._pixmaps)))
        self._pixmap.setPixmap(pixmap)
        size = self.renderer.sizes[self.page - 1]
        self._pixmap.setScale(size.width / max(1, image.width()))
        self.message.setText("")

    def _rendered(self, index: int) -> None:
        if index == self.page - 1:
            image = self.renderer.cached(index, dpi_for(self._pixels_per_point() * self.devicePixelRatioF()))
            self._set_image(image or self.renderer.cached(index) or QImage())

    def _draw_boxes(self) -> None:
        """Make the boxes of the cells read from the page shown."""
        scene = self.canvas.scene()
        for item in self._boxes.values():
            scene.removeItem(item)
        self._boxes = {}
        if self.report is None or not self.page_count:
            return
        for key, cell in self.report.cells.items():
            if cell.page != self.page or not cell.box:
                continue
            x0, y0, x1, y1 = self._shown(cell.box)
            item = QGraphicsRectItem(QRectF(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2))
            item.setData(0, key)
            self._style(key, item)
            scene.addItem(item)
            self._boxes[key] = item

    def _shown(self, box: Box) -> Box:
        """A cell's box on the current page as scanned → on the page shown (upright)."""
        return self.renderer.upright_box(self.page - 1, box)

    def _style(self, key: str, item: QGraphicsRectItem) -> None:
        """Selected: thick outline; the finding's other cells: filled; uncertain: dashed; else faint."""
        brush = QBrush()
        if key in self.primary:
            pen, z, brush = QPen(PRIMARY, 2.5), 3, QBrush(QColor(251, 188, 4, 40))
        elif key in self.others:
            pen, z, brush = QPen(QColor("#f9ab00"), 1.2), 2, QBrush(OTHER_FILL)
        elif self.report is not None and self.report.cells[key].status == UNCERTAIN:
            pen, z = QPen(UNCERTAIN_PEN, 1.5, Qt.PenStyle.DashLine), 1
        else:
            pen, z = QPen(BOX_PEN, 1), 0
        pen.setCosmetic(True)  # the same line width at every zoom
        item.setPen(pen)
        item.setBrush(brush)
        item.setZValue(z)

    def box_items(self) -> dict[str, QGraphicsRectItem]:
        """The drawn boxes by cell key (for tests and the screenshot)."""
        return dict(self._boxes)

    def _scroll_to_primary(self) -> None:
        boxes = [self._shown(c.box) for k in self.primary or self.others
                 if self.report and (c := self.report.cells.get(k)) and c.page == self.page and c.box]
        if boxes:
            x0, y0, x1, y1 = boxes[0]
            self.canvas.ensureVisible(QRectF(x0, y0, x1 - x0, y1 - y0), 40, 60)

    def _clicked(self, pos: QPointF) -> None:
        if self.report is None:
            return
        key = cell_at_point(self.report, self.page, pos.x(), pos.y(), self._shown)
        if key is not None:
            self.cell_clicked.emit(key)

    def _hovered(self, pos: QPointF) -> None:
        """Over a cell's box: a pointing hand (it can be clicked) and what was read there."""
        key = cell_at_point(self.report, self.page, pos.x(), pos.y(), self._shown) if self.report is not None else None
        shape = Qt.CursorShape.PointingHandCursor if key else Qt.CursorShape.ArrowCursor
        viewport = self.canvas.viewport()
        if viewport.cursor().shape() != shape:
            viewport.setCursor(shape)
        tip = self.describe(key) if key else ""
        if viewport.toolTip() != tip:
            viewport.setToolTip(tip)

    def describe(self, key: str) -> str:
        """The cell's name, the value read and, for a reading by OCR, its confidence."""
        assert self.report is not None
        cell = self.report.cells[key]
        version = self.report.version
        name = version.specs[key].display_name() if version and key in version.specs else key
        lines = [name, tr("读出：{v}", v=format_value(cell.value) if cell.value is not None else tr("（空）"))]
        if cell.confidence is not None:
            lines.append(tr("识别置信度 {c:.0%}", c=cell.confidence))
        if cell.status == UNCERTAIN:
            lines.append(tr("存疑：按 F4 对照原件核对"))
        return "\n".join(lines)

    # --- zoom ------------------------------------------------------------------------------------
    def step_zoom(self, direction: int) -> None:
        if direction > 0:
            z = next((s for s in ZOOM_STEPS if s > self.zoom * 1.01), ZOOM_STEPS[-1])
        else:
            z = next((s for s in reversed(ZOOM_STEPS) if s < self.zoom * 0.99), ZOOM_STEPS[0])
        self.set_zoom(z)

    def set_zoom(self, zoom: float, fit: bool = False) -> None:
        self.zoom, self.fit = max(ZOOM_STEPS[0] / 2, min(ZOOM_STEPS[-1], zoom)), fit
        self._apply_zoom()
        self._sharpen.start()
        self._update_bar()

    def fit_width(self) -> None:
        rect = self.page_rect()
        if rect.isEmpty():
            self.fit = True
            return
        width = self.canvas.viewport().width() - 20
        self.set_zoom(width / (rect.width() * self.logicalDpiX() / 72), fit=True)

    def _apply_zoom(self) -> None:
        k = self._pixels_per_point()
        self.canvas.resetTransform()
        self.canvas.scale(k, k)
        if self.fit and self.page_count and self.isVisible():
            QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        rect = self.page_rect()
        if self.fit and not rect.isEmpty():
            width = self.canvas.viewport().width() - 20
            zoom = width / (rect.width() * self.logicalDpiX() / 72)
            if abs(zoom - self.zoom) > 0.005:
                self.set_zoom(zoom, fit=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self._refit()

    def showEvent(self, event: object) -> None:  # noqa: ANN001
        super().showEvent(event)
        if self.fit:
            QTimer.singleShot(0, self._refit)

    def _update_bar(self) -> None:
        n = self.page_count
        self.page_label.setText(tr("第 {p} / {n} 页", p=self.page, n=n) if n else "")
        self.prev_button.setEnabled(self.page > 1)
        self.next_button.setEnabled(self.page < n)
        for b in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            b.setEnabled(bool(n))
        self.zoom_label.setText(f"{round(self.zoom * 100)}%" if n else "")

    def closeEvent(self, event: object) -> None:  # noqa: ANN001
        self.renderer.close()
        super().closeEvent(event)
