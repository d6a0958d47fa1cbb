"""A scan (image-only PDF, PNG/JPEG/TIFF/BMP, multi-page too) → report text with page geometry.

Per page: a photographed page's outline found and warped square (flatten.py), red ink (stamps) dropped, a
page fed sideways or upside down turned upright (orient.py), the page straightened (and, for a photo whose
outline was not found, its largest table's frame made a rectangle again), ruled tables found from their
lines; text lines found by the detector in the bands outside the tables, and inside each cell from its marks
(rows of ink separated by paper: a wrapped label gives two lines); then all of it recognised. Tables are
rendered as TAB-separated grid rows, merged cells once at their top-left position, exactly as the document
readers render them, so the same parser reads them. Every cell and text line becomes a Run: page, box in
points, OCR score.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import cv2
import numpy as np

from ..layout import PageText, Run
from ..pages import PageError, Pages
from . import engine
from .certainty import CERTAIN_SCORE
from .flatten import flatten, frame_square
from .orient import quarter_turns, turn_back
from .ruling import GridCell, RuledTable, binarise, find_tables, rotate, straightening_angle

DPI = 200  # pages are read at this resolution (A4 → 1654 × 2339 px)
MAX_PAGES = 60  # a scan longer than this is not one annual report
MIN_INK = 25  # ink pixels in a cell below this: the cell is empty (speckle)
INSIDE = 1  # px inside a cell's box (already clear of its dilated lines) where its marks are looked for
STUB = 6  # px: a mark at a cell's edge this thin and long is the end of a ruling line, not print
FAINT = 175  # grey darker than this is print, however faint its contrast to the paper around it
RED = 60  # red exceeding green and blue by this much is a stamp's ink
BLANK_MARKS = ("-", "/", "—", "–", "－", "--", "——")  # what a cell printed empty holds
_LOOKALIKE = {"。": "0", "o": "0", "O": "0", "〇": "0", "○": "0", "°": "0", "D": "0", "l": "1", "I": "1", "|": "1",
              "S": "5", "B": "8", "Z": "2"}
LOOKALIKE_DOUBT = 0.6  # a look-alike's score is scaled by this: below certainty, left to the equations
UNREADABLE = "?"  # ink that reads as nothing: the parser keeps the cell missing, its row aligned
_CJK = ("\u4e00", "\u9fff")


@dataclass
class _Writer:
    """The page text being written, with a Run for every stretch read from a page."""

    page: int = 0
    parts: list[str] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    pos: int = 0
    # pixel box → page box in points (undoes the straightening)
    to_points: Callable[[tuple[float, float, float, float]], tuple[float, float, float, float]] = lambda b: b
    turns: dict[int, int] = field(default_factory=dict)  # page → quarter turns that made it upright

    def add(self, s: str, box: tuple[float, float, float, float] | None = None, score: float | None = None,
            in_table: bool = True) -> None:
        if s and box is not None:
            self.runs.append(Run(self.pos, self.pos + len(s), self.page, self.to_points(box), score, in_table))
        self.parts.append(s)
        self.pos += len(s)


def read_scan(data: bytes, name: str = "") -> PageText:
    """The text of a scanned report; ReadError (Chinese, one line) when its pages cannot be read."""
    from ..errors import ReadError

    try:
        pages = Pages(data)
    except PageError as e:
        raise ReadError(f"文件已损坏或格式不受支持，无法打开其页面（{e}）：{name}") from None
    try:
        if pages.count > MAX_PAGES:
            raise ReadError(f"扫描件页数过多（{pages.count} 页，上限 {MAX_PAGES} 页），不像单份年度报告：{name}")
        out = _Writer()
        for i in range(pages.count):
            try:
                image = np.asarray(pages.render(i, DPI))
            except Exception as e:  # a truncated frame, a broken page stream
                raise ReadError(f"第 {i + 1} 页无法读取（{type(e).__name__}）：{name}") from None
            out.page = i + 1
            read_page(image, out)
    finally:
        pages.close()
    text = "".join(out.parts)
    if not text.strip():
        raise ReadError(f"扫描件中未识别出文字（页面可能空白或过于模糊），请重新扫描后再导入：{name}")
    return PageText(text, out.runs, ocr=True, turns=[out.turns.get(p, 0) for p in range(1, pages.count + 1)])


def read_page(rgb: np.ndarray, out: _Writer) -> None:
    """One page image (RGB) into the writer: text lines and tables in reading order. A photographed page
    is flattened first; boxes are given on the image as it is (the photo the reviewer sees)."""
    page = prepared(rgb)
    gray, printed, ink = page.gray, page.printed, page.ink
    out.to_points = page.to_points
    out.turns[out.page] = page.turns
    tables = find_tables(binarise(printed))
    lines = _lines(_lines_outside(gray, ink, tables))
    # ink for finding what a cell holds: also faint print (a blurred digit) the local threshold misses
    marks = np.maximum(ink, np.where(gray < FAINT, 255, 0).astype(np.uint8))
    plans = [_plan_cells(t, marks) for t in tables]
    crops = [_crop(gray, b.box) for line in lines for b in line]
    crops += [_crop(gray, box, tight=marks if whole else None) for plan in plans for parts in plan.values()
              for box, whole in parts]
    readings = iter(engine.recognise([c for c in crops if c is not None]))
    read = [next(readings) if c is not None else None for c in crops]
    pos = 0
    blocks: list[tuple[float, Callable[[], None]]] = []
    for line in lines:
        words = [(b, read[pos + k]) for k, b in enumerate(line)]
        blocks.append((line[0].y0, partial(_write_line, words, out)))
        pos += len(line)
    for table, plan in zip(tables, plans, strict=True):
        texts = {}
        for cell, parts in plan.items():
            texts[cell] = _cell_text(read[pos:pos + len(parts)])
            pos += len(parts)
        blocks.append((table.box[1], partial(_write_table, table, texts, out)))
    for _, write in sorted(blocks, key=lambda b: b[0]):
        write()


@dataclass
class PreparedPage:
    """A page image made ready for finding its tables: flattened, red ink dropped, turned upright,
    straightened and its table's frame squared. `gray` is without speckle, `printed` keeps thin lines,
    `ink` is `gray` binarised; `to_points` takes a pixel box on it to points on the image as given."""

    gray: np.ndarray
    printed: np.ndarray
    ink: np.ndarray
    to_points: Callable[[tuple[float, float, float, float]], tuple[float, float, float, float]]
    turns: int = 0  # quarter turns counter-clockwise (np.rot90) that made the image as given upright


def prepared(rgb: np.ndarray) -> PreparedPage:
    """The page image (RGB) made ready for finding its tables."""
    shape = rgb.shape
    rgb, back = flatten(rgb)
    printed = _without_red(rgb)
    gray = cv2.medianBlur(printed, 3)  # the median drops speckle (and thin lines: found before it)
    ink = binarise(gray)
    turns = quarter_turns(gray, ink)
    unturned = gray.shape
    if turns:  # fed sideways or upside down: turned upright (exactly, pixel for pixel)
        gray, printed, ink = (np.ascontiguousarray(np.rot90(a, turns)) for a in (gray, printed, ink))
    angle = straightening_angle(ink)
    if abs(angle) >= 0.05:
        gray, printed = rotate(gray, angle), rotate(printed, angle)
        ink = binarise(gray)
    squared = frame_square(binarise(printed)) if back is None else None
    if squared is not None:  # a photo without its page's outline: its table's frame made a rectangle
        h, w = gray.shape
        gray = cv2.warpPerspective(gray, squared, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
        printed = cv2.warpPerspective(printed, squared, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
        ink = binarise(gray)
    return PreparedPage(gray, printed, ink, _to_points(gray.shape, angle, back, shape, squared,
                                                       turn_back(turns, unturned)), turns)


@dataclass(frozen=True)
class Box:
    """A text line found on the page, in pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _without_red(rgb: np.ndarray) -> np.ndarray:
    """The page in grey with red ink (stamps, seals, red headers) turned to paper: the red channel, where
    red is light, and paper wherever red clearly dominates. Black print under a stamp stays black."""
    r = rgb[:, :, 0]
    redness = r.astype(np.int16) - np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    gray = np.ascontiguousarray(r).copy()
    gray[(redness > RED) & (r > 190)] = 255  # darker red-tinted pixels: black print under the stamp
    return gray


def _to_points(shape: tuple[int, ...], angle: float, back: np.ndarray | None = None,
               original: tuple[int, ...] | None = None, squared: np.ndarray | None = None,
               unturn: np.ndarray | None = None):
    """Pixel boxes on the straightened page → boxes in points on the page as scanned: a table frame's
    squaring undone (`squared`, straightened page → squared), the straightening undone, the quarter turns
    that made it upright undone (`unturn`, upright page → page as flattened), then for a flattened photo its
    homography `back` onto the photo; clipped to the image as scanned (of shape `original`, else `shape`).
    The box given is the one enclosing the four corners so taken back."""
    unsquare = np.linalg.inv(squared) if squared is not None else None
    h, w = shape[:2]
    unrotate = cv2.invertAffineTransform(cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0))
    if unturn is not None and np.array_equal(unturn, np.eye(3)):
        unturn = None
    k = 72 / DPI
    if original is not None:
        h, w = original[:2]

    def convert(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = box
        if angle or back is not None or unsquare is not None or unturn is not None:
            pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=np.float64)
            if unsquare is not None:
                pts = pts @ unsquare.T
                pts = pts / pts[:, 2:]
            if angle:
                pts[:, :2] = pts @ unrotate.T
            if unturn is not None:
                pts = pts @ unturn.T
            if back is not None:
                pts = pts @ back.T
                pts = pts / pts[:, 2:]
            x0, y0 = pts[:, 0].min(), pts[:, 1].min()
            x1, y1 = pts[:, 0].max(), pts[:, 1].max()
        return (round(float(max(x0, 0)) * k, 2), round(float(max(y0, 0)) * k, 2), round(float(min(x1, w)) * k, 2),
                round(float(min(y1, h)) * k, 2))

    return convert


def _inside(x: float, y: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(boxes: list[Box]) -> list[list[Box]]:
    """Text boxes grouped into printed lines (by vertical overlap), each sorted left to right."""
    lines: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: b.cy):
        if lines:
            last = lines[-1]
            cy = sum(x.cy for x in last) / len(last)
            h = max(x.height for x in last)
            if abs(b.cy - cy) < 0.5 * max(h, b.height):
                last.append(b)
                continue
        lines.append([b])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _write_line(line: list[tuple[Box, engine.Reading | None]], out: _Writer) -> None:
    prev: tuple[Box, str] | None = None
    for b, r in line:
        if r is None or not r.text:
            continue
        if prev is not None:
            gap = b.x0 - prev[0].x1
            out.add("\t" if gap > 2 * max(b.height, prev[0].height) else ("" if _cjk_join(prev[1], r.text) else " "))
        out.add(r.text, b.box, round(r.score, 4), in_table=False)
        prev = (b, r.text)
    out.add("\n")


def _cjk_join(a: str, b: str) -> bool:
    return bool(a and b) and _is_cjk(a[-1]) and _is_cjk(b[0])


def _is_cjk(ch: str) -> bool:
    return _CJK[0] <= ch <= _CJK[1]


def _write_table(table: RuledTable, texts: dict[GridCell, tuple[str, float | None]], out: _Writer) -> None:
    """The table as TAB-separated grid rows, each cell's text once at its top-left grid position."""
    at = {(c.row, c.col): c for c in table.cells}
    if out.parts and not out.parts[-1].endswith("\n\n"):
        out.add("\n")
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            if c:
                out.add("\t")
            cell = at.get((r, c))
            if cell is not None:
                text, score = texts[cell]
                out.add(text, cell.box, score)
        out.add("\n")
    out.add("\n")


def _lines_outside(gray: np.ndarray, ink: np.ndarray, tables: list[RuledTable]) -> list[Box]:
    """The text lines found on the page outside its tables: the text detector runs only on the bands
    between tables that hold ink (the tables' cells are read from their own lines)."""
    h = gray.shape[0]
    edges = [0] + [y for t in sorted(tables, key=lambda t: t.box[1]) for y in (t.box[1], t.box[3])] + [h]
    boxes = []
    for top, bottom in zip(edges[::2], edges[1::2], strict=True):
        top, bottom = max(0, top - BAND_MARGIN), min(h, bottom + BAND_MARGIN)
        if bottom - top < MIN_BAND or np.count_nonzero(ink[top:bottom]) < MIN_INK:
            continue
        boxes += [Box(x0, y0 + top, x1, y1 + top) for x0, y0, x1, y1 in engine.find_lines(gray[top:bottom])]
    return [b for b in boxes if not any(_inside(b.cx, b.cy, t.box) for t in tables)]


BAND_MARGIN = 6  # px a band reaches into the table edge around it (a line printed close to the table)
MIN_BAND = 16  # px: a lower band holds no line of text
LINE_GAP = 2  # px rows without ink that separate two lines of text in a cell


def _plan_cells(table: RuledTable, ink: np.ndarray) -> dict[GridCell, list[tuple[tuple, bool]]]:
    """What to read in each cell that holds marks: each of its lines of text (rows of ink separated by
    paper), top to bottom, tightened to its marks when read."""
    plan: dict[GridCell, list[tuple[tuple, bool]]] = {}
    for cell in table.cells:
        ys, xs = _marks(_inside_of(ink, cell.box))
        if len(ys) < MIN_INK:
            plan[cell] = []
            continue
        rows = _glyph_rows(ys, xs)
        if rows is None:
            plan[cell] = []  # scattered dust: the cell is printed empty
            continue
        x0, y0 = cell.box[:2]
        plan[cell] = []
        for a, b in _text_rows(rows):
            left, right = _extent(ys, xs, a, b)
            line = (x0 + INSIDE + left, y0 + INSIDE + a, x0 + INSIDE + 1 + right, y0 + INSIDE + b)  # _clip pads it
            plan[cell].append((_clip(line, cell.box), False))
    return plan


def _glyph_rows(ys: np.ndarray, xs: np.ndarray) -> np.ndarray | None:
    """The rows of a cell's marks that its lines of text are found on: those of its glyphs when it has any
    (specks of dust or of a JPEG's noise under a number would otherwise join it into one tall crop that reads
    as nothing); all of them when every mark is small but they lie together (a dot, a dash, a glyph broken by
    a light scan); None when they are specks scattered over the cell, none with others as much ink as a cell's
    least print within a few pixels (dust on a cell printed empty)."""
    image = np.zeros((int(ys.max()) + 1, int(xs.max()) + 1), dtype=np.uint8)
    image[ys, xs] = 255
    n, labels, stats, _ = cv2.connectedComponentsWithStats(image, connectivity=8)
    big = stats[:, cv2.CC_STAT_AREA] >= SPECK
    big[0] = False
    if big[1:n].any():
        return ys[big[labels[ys, xs]]]
    near = cv2.dilate(image, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * DUST_GAP + 1, 2 * DUST_GAP + 1)))
    _, groups = cv2.connectedComponents(near, connectivity=8)
    if np.bincount(groups[ys, xs]).max() < MIN_INK:
        return None
    return ys


SPECK = 40  # px of ink: a mark this small (a speck, a dot, a comma) counts only beside the line's glyphs
DUST_GAP = 4  # px: small marks this close together are pieces of one mark (a broken glyph), not dust


def _extent(ys: np.ndarray, xs: np.ndarray, a: int, b: int) -> tuple[int, int]:
    """The first and last column of a line of text (the marks on rows a to b): its glyphs, and the small
    marks (a decimal point, a comma, a minus) within a line's height of them; specks further away — a
    scanner's dust beside a number — are not part of it (read with the number, they read as more text)."""
    on = (ys >= a) & (ys < b)
    band = np.zeros((b - a, int(xs[on].max()) + 1), dtype=np.uint8)
    band[ys[on] - a, xs[on]] = 255
    n, _, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=8)
    marks = [(int(x), int(x + w - 1), int(area)) for x, _, w, _, area in stats[1:n]]
    glyphs = [(x0, x1) for x0, x1, area in marks if area >= SPECK]
    if not glyphs:
        return int(xs[on].min()), int(xs[on].max())
    left, right = min(x0 for x0, _ in glyphs), max(x1 for _, x1 in glyphs)
    reach = b - a
    grown = True
    while grown:  # a small mark beside the line joins it (1,234.5: each comma and point next to a digit)
        grown = False
        for x0, x1, _ in marks:
            if (x0 < left or x1 > right) and x1 >= left - reach and x0 <= right + reach:
                left, right, grown = min(left, x0), max(right, x1), True
    return left, right


def _text_rows(ys: np.ndarray) -> list[tuple[int, int]]:
    """Rows (first, end) of a cell's lines of text from the rows its marks are on: split at gaps of paper,
    a band much lower than the tallest (a stroke of 二, a comma's tail) joined to the nearer neighbour."""
    rows = np.zeros(int(ys.max()) + 2, dtype=bool)
    rows[ys] = True
    bands: list[list[int]] = []
    gap = LINE_GAP
    for y, on in enumerate(rows.tolist()):
        if on and gap >= LINE_GAP:
            bands.append([y, y + 1])
        elif on:
            bands[-1][1] = y + 1
        gap = 0 if on else gap + 1
    tall = max(b - a for a, b in bands)
    while len(bands) > 1:
        low = min(range(len(bands)), key=lambda k: bands[k][1] - bands[k][0])
        if bands[low][1] - bands[low][0] >= 0.5 * tall:
            break
        if low == 0 or (low + 1 < len(bands) and bands[low + 1][0] - bands[low][1] < bands[low][0] - bands[low - 1][1]):
            bands[low + 1][0] = bands[low][0]
        else:
            bands[low - 1][1] = bands[low][1]
        del bands[low]
    return [(a, b) for a, b in bands]


def _cell_text(readings: list[engine.Reading | None]) -> tuple[str, float | None]:
    """A cell's text and score: a label as read; a number (no Chinese in it) read as a number."""
    if all(r is None for r in readings):
        return "", None  # no ink: an empty cell
    found = [r for r in readings if r is not None and (r.text or r.number)]
    if not found:
        return UNREADABLE, 0.0
    free = "".join(r.text for r in found)
    if any(_is_cjk(ch) for ch in free):
        text = ""
        for r in found:
            text += r.text if not text or _cjk_join(text, r.text) else " " + r.text
        return text, round(min(r.score for r in found), 4)
    parts = [r for r in found if r.number]
    with_digits = [r for r in parts if any(ch.isdigit() for ch in r.number)]
    if with_digits and len(with_digits) < len(parts):
        # a line of only a dot or a dash beside a number's line: a speck of the scan (a number does not wrap
        # its point onto a line of its own); the number as read, never certain by itself
        number = " ".join(r.number for r in with_digits)
        return number, round(min(min(r.number_score for r in with_digits), CERTAIN_SCORE) * LOOKALIKE_DOUBT, 4)
    number = " ".join(r.number for r in parts)
    if not any(ch.isdigit() for ch in number) and number not in BLANK_MARKS:
        # read freely as a look-alike of digits (a lone 0 as 。 or o): that reading, never certain by itself
        alike = "".join(_LOOKALIKE.get(ch, ch) for r in found for ch in r.text)
        if alike.isdigit():
            return alike, round(min(r.score for r in found) * LOOKALIKE_DOUBT, 4)
        return UNREADABLE, 0.0  # a dot, a comma: part of a number lost, not a number
    return number, round(min(r.number_score for r in found), 4)


def _inner(box: tuple[int, int, int, int], margin: int = 4) -> tuple[int, int, int, int]:
    return (box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin)


def _clip(box: tuple[float, ...], cell: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A text line's box, a little enlarged, kept inside its cell's lines."""
    x0, y0, x1, y1 = _inner(cell, INSIDE)
    return (max(int(box[0]) - 3, x0), max(int(box[1]) - 3, y0), min(int(box[2]) + 4, x1), min(int(box[3]) + 4, y1))


def _inside_of(ink: np.ndarray, box: tuple[int, int, int, int], margin: int = INSIDE) -> np.ndarray:
    x0, y0, x1, y1 = box
    return ink[y0 + margin:y1 - margin, x0 + margin:x1 - margin]


def _marks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ink pixels of a cell's inside that are marks: no specks, no ends of ruling lines at its edges."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(ink), connectivity=8)
    h, w = ink.shape
    keep = np.zeros(n, dtype=bool)
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        side = x == 0 or x + bw >= w  # a stub of a vertical line: thin, along the side
        end = y == 0 or y + bh >= h  # of a horizontal one: flat, along the top or bottom
        stub = (side and bw <= STUB and bh >= 0.3 * h) or (end and bh <= STUB and bw >= 0.3 * w)
        keep[i] = area >= 6 and not stub and not ((side or end) and area < 30)
    ys, xs = np.nonzero(keep[labels])
    return ys, xs


def _crop(gray: np.ndarray, box: tuple[float, ...], tight: np.ndarray | None = None) -> np.ndarray | None:
    """The page inside box (tightened to the ink in it when `tight` is the page's ink); None if empty."""
    h, w = gray.shape[:2]
    x0, y0, x1, y1 = max(int(box[0]), 0), max(int(box[1]), 0), min(int(box[2]), w), min(int(box[3]), h)
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    if tight is not None:
        ys, xs = _marks(tight[y0:y1, x0:x1])
        if len(xs) < MIN_INK:
            return None
        pad = 3
        x0, x1 = max(x0 + xs.min() - pad, 0), min(x0 + xs.max() + pad + 1, w)
        y0, y1 = max(y0 + ys.min() - pad, 0), min(y0 + ys.max() + pad + 1, h)
    return np.ascontiguousarray(gray[y0:y1, x0:x1])
