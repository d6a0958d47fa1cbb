"""Ruled tables on a page image: the ruling lines (morphology on the binarised page) and the cells they
enclose, merged cells included, placed on the table's row/column grid.

A cell is a connected region of paper enclosed by lines, so a label cell merged over three rows is one
region spanning three grid rows, exactly as a document's rowspan. Pixels throughout; the caller turns
them into points.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_CELL = 12  # px: a region narrower or lower than this is a gap between doubled lines, not a cell


@dataclass(frozen=True)
class GridCell:
    row: int  # first grid row and column it covers
    col: int
    rows: int  # how many grid rows/columns it spans
    cols: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, inside the lines


@dataclass
class RuledTable:
    box: tuple[int, int, int, int]
    n_rows: int
    n_cols: int
    cells: list[GridCell]


def binarise(gray: np.ndarray) -> np.ndarray:
    """Ink = 255 on 0, robust to uneven lighting (a photographed page) and to speckle."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def line_mask(ink: np.ndarray) -> np.ndarray:
    """The ruling lines: long horizontal and vertical strokes of ink."""
    h, w = ink.shape
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(25, w // 35), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(25, h // 70))))
    lines = cv2.bitwise_or(horiz, vert)
    # close the small gaps a light scan leaves in a line, and thicken so cells are sealed
    return cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))


def find_tables(ink: np.ndarray) -> list[RuledTable]:
    """The ruled tables of a binarised page, top to bottom."""
    lines = line_mask(ink)
    h, w = ink.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    tables = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < w * 0.3 or bh < 40:
            continue
        table = _cells(labels[y:y + bh, x:x + bw] == i, x, y)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.box[1])


def _cells(mask: np.ndarray, ox: int, oy: int) -> RuledTable | None:
    """The enclosed regions of one table's line mask, placed on its grid."""
    paper = np.where(mask, 0, 255).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(paper, connectivity=4)
    h, w = mask.shape
    boxes = []
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        if x == 0 or y == 0 or x + bw >= w or y + bh >= h:
            continue  # outside the outer frame
        if bw < MIN_CELL or bh < MIN_CELL or area < 0.5 * bw * bh:
            continue
        boxes.append((x + ox, y + oy, x + bw + ox, y + bh + oy))
    if len(boxes) < 4:
        return None
    xs = _cluster([b[0] for b in boxes])
    ys = _cluster([b[1] for b in boxes])
    cells = []
    for b in boxes:
        c0, r0 = _index(xs, b[0]), _index(ys, b[1])
        c1 = max(c0, _index(xs, b[2] - MIN_CELL))
        r1 = max(r0, _index(ys, b[3] - MIN_CELL))
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, b))
    cells.sort(key=lambda c: (c.row, c.col))
    return RuledTable((ox, oy, ox + w, oy + h), len(ys), len(xs), cells)


def _cluster(values: list[int], tol: int = 8) -> list[float]:
    """Positions that differ by less than tol px are one grid line (the mean of the group)."""
    out: list[list[int]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _index(starts: list[float], v: float) -> int:
    """The grid line at or just before v."""
    i = 0
    for k, s in enumerate(starts):
        if s <= v + 8:
            i = k
    return i


def straightening_angle(ink: np.ndarray, limit: float = 2.0, step: float = 0.1) -> float:
    """The rotation in degrees (counter-clockwise positive) that straightens a skewed page: the angle at
    which the rows of ink are sharpest (projection profile on a reduced page)."""
    h, w = ink.shape
    scale = min(1.0, 800 / max(w, 1))
    small = cv2.resize(ink, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape
    centre = (sw / 2, sh / 2)
    best, best_score = 0.0, -1.0
    for k in range(int(-limit / step), int(limit / step) + 1):
        a = k * step
        m = cv2.getRotationMatrix2D(centre, a, 1.0)
        rotated = cv2.warpAffine(small, m, (sw, sh), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best, best_score = a, score
    return best


def rotate(image: np.ndarray, angle: float, fill: int | tuple[int, ...] = 255) -> np.ndarray:
    """The image rotated by angle degrees (counter-clockwise) about its centre, same size."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    border = fill if isinstance(fill, tuple) else (fill,) * (3 if image.ndim == 3 else 1)
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)
