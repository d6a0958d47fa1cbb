"""Pages rendered off the GUI thread, with a small cache (the page view and the verification loop share it).

One worker thread owns the open document: pdfium may not be called from two threads at once, so every
call into parser.pages (open, size, render) runs there. Results come back to the GUI thread as QImages
through a queued signal; a request for an image already rendered is answered at once from the cache.
A scanned page the OCR found turned (fed sideways, upside down) is rendered upright, and `sizes` are the
upright pages' sizes: boxes read from a page (given on it as scanned) are taken onto it by `upright_box`.
"""

from __future__ import annotations

import atexit
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from parser.pages import PageError, Pages, PageSize, Upright

from .i18n import tr

CACHE_IMAGES = 8  # an A4 page at 200 dpi is ~11 MB as RGB: 8 of them stay under 100 MB
DPI_STEPS = (72, 100, 150, 200, 300)


def dpi_for(pixels_per_point: float) -> int:
    """The smallest rendering resolution that gives at least this many device pixels per point (capped)."""
    needed = pixels_per_point * 72
    return next((d for d in DPI_STEPS if d >= needed * 0.95), DPI_STEPS[-1])


def to_qimage(image: object) -> QImage:
    """A PIL RGB image as a QImage that owns its pixels."""
    rgb = image.convert("RGB") if image.mode != "RGB" else image  # type: ignore[attr-defined]
    w, h = rgb.size
    return QImage(rgb.tobytes(), w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class PageRenderer(QObject):
    opened = Signal(int, object)  # generation, list[Upright] or a Chinese error message
    rendered = Signal(int, int, int, QImage)  # generation, page index (0-based), dpi, image

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="page-render")
        self._doc: list[Pages | None] = [None]  # the open document, used only in the worker thread
        self.generation = 0  # bumped by open(): results of an earlier document are dropped
        self.upright: list[Upright] = []  # how each page as scanned is turned upright
        self._turned: list[Upright] = []  # the same, used only in the worker thread
        self.error = ""
        self._cache: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._pending: set[tuple[int, int]] = set()
        self._opening: Future | None = None
        self.opened.connect(self._on_opened)
        self.rendered.connect(self._on_rendered)
        pool, doc = self._pool, self._doc
        self.destroyed.connect(lambda *_: _end(pool, doc))  # the document is closed, the thread ends
        self._at_exit = False

    # --- GUI thread ------------------------------------------------------------------------------
    def open(self, data: bytes | None, turns: list[int] | None = None) -> None:
        """Start opening a document (None closes the current one), page n turned upright by turns[n - 1]
        quarter turns counter-clockwise (none given: as scanned); `opened` follows."""
        self.generation += 1
        self.upright, self.error = [], ""
        self._cache.clear()
        self._pending.clear()
        self._opening = self._pool.submit(self._open, self.generation, data, list(turns or []))

    def wait_opened(self) -> None:
        """Block until the document being opened is open (tests, the benchmark, the screenshot)."""
        if self._opening is not None:
            gen, result = self._opening.result()
            self._on_opened(gen, result)

    def cached(self, index: int, dpi: int | None = None) -> QImage | None:
        """The page at this dpi if rendered; with dpi None, the sharpest rendering of the page there is."""
        if dpi is not None:
            image = self._cache.get((index, dpi))
            if image is not None:
                self._cache.move_to_end((index, dpi))
            return image
        found = [d for (i, d) in self._cache if i == index]
        return self._cache[(index, max(found))] if found else None

    def request(self, index: int, dpi: int) -> QImage | None:
        """The page image if cached, else None and `rendered` follows when the worker has drawn it."""
        image = self.cached(index, dpi)
        if image is None and (index, dpi) not in self._pending and 0 <= index < len(self.sizes):
            self._pending.add((index, dpi))
            self._pool.submit(self._render, self.generation, index, dpi)
        return image

    def render_now(self, index: int, dpi: int) -> QImage | None:
        """The page image, rendered now if need be (waits for the worker); None when it cannot be drawn."""
        image = self.cached(index, dpi)
        if image is not None or not 0 <= index < len(self.sizes):
            return image
        gen, i, d, image = self._pool.submit(self._draw, self.generation, index, dpi).result()
        self._on_rendered(gen, i, d, image)
        return None if image.isNull() else image

    def close(self) -> None:
        self.open(None)
        self._pool.shutdown(wait=True)

    def _on_opened(self, gen: int, result: object) -> None:
        if gen != self.generation or self.upright or self.error:
            return
        if isinstance(result, str):
            self.error = result
        elif isinstance(result, list):
            self.upright = result

    @property
    def sizes(self) -> list[PageSize]:
        """The pages shown, upright."""
        return [u.size for u in self.upright]

    def upright_box(self, index: int, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box on page `index` (0-based) as scanned, on the page as shown (upright)."""
        return self.upright[index].box(box) if 0 <= index < len(self.upright) else box

    def _on_rendered(self, gen: int, index: int, dpi: int, image: QImage) -> None:
        if gen != self.generation:
            return
        self._pending.discard((index, dpi))
        if image.isNull():
            return
        self._cache[(index, dpi)] = image
        self._cache.move_to_end((index, dpi))
        while len(self._cache) > CACHE_IMAGES:
            self._cache.popitem(last=False)

    # --- worker thread ---------------------------------------------------------------------------
    def _open(self, gen: int, data: bytes | None, turns: list[int]) -> tuple[int, object]:
        _close(self._doc)
        if data is None:
            return gen, []
        try:
            pages = Pages(data)
            sizes = [Upright(turns[i] if i < len(turns) else 0, pages.size(i)) for i in range(pages.count)]
        except PageError as e:
            result: object = tr("无法显示页面：{e}", e=str(e))
        except Exception as e:  # noqa: BLE001 - a broken page must not take the window down
            result = tr("无法显示页面：{e}", e=type(e).__name__)
        else:
            self._doc[0], self._turned = pages, sizes
            if not self._at_exit:  # registered after pdfium's own handler, so it runs before it
                atexit.register(_close, self._doc)
                self._at_exit = True
            result = sizes
        self.opened.emit(gen, result)
        return gen, result

    def _draw(self, gen: int, index: int, dpi: int) -> tuple[int, int, int, QImage]:
        pages = self._doc[0]
        if gen != self.generation or pages is None:
            return gen, index, dpi, QImage()
        try:
            return gen, index, dpi, to_qimage(self._turned[index].image(pages.render(index, dpi)))
        except Exception:  # noqa: BLE001 - an unrenderable page shows as empty, the rest still work
            return gen, index, dpi, QImage()

    def _render(self, gen: int, index: int, dpi: int) -> None:
        self.rendered.emit(*self._draw(gen, index, dpi))


def _end(pool: ThreadPoolExecutor, doc: list[Pages | None]) -> None:
    """The window is gone: close its document in the worker thread and let the thread end."""
    try:
        pool.submit(_close, doc)
        pool.shutdown(wait=False)
    except RuntimeError:  # the program is ending: the worker has finished already
        _close(doc)


def _close(doc: list[Pages | None]) -> None:
    """Close the document in this holder, if one is open."""
    pages, doc[0] = doc[0], None
    if pages is not None:
        try:
            pages.close()
        except Exception:  # noqa: BLE001 - closing at the end: nothing to tell
            pass
