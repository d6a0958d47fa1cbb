"""A page scanned turned a quarter, a half or three quarters (fed sideways or upside down into the office
scanner, a phone photo taken in landscape): how many quarter turns make it upright.

Two questions, each answered cheaply. Which way the lines of text run: the page's print (its ruling lines
taken out) smeared a few pixels along x and along y — the glyphs of a line of text join along the line into a
long, low strip, and across it (the gap to the next line is wider) they do not; the direction whose strips
are longer in all is the lines'. Which end is up: the longest such strips, cut out and laid horizontal, are
given to the OCR package's text-direction classifier (upright or upside down, trained for exactly that),
and the evidence of all of them added up. A page without lines of text is left as it is.
"""
from __future__ import annotations

import cv2
import numpy as np

from . import engine
from .ruling import line_mask

REDUCE = 2  # the print is searched for lines at this fraction of the reading resolution (1/2: 4× fewer pixels)
SMEAR = 4  # px (reduced): glyphs of a line this close join (a CJK glyph's gap ~3 px at 200 dpi; lines are further)
LINE_LOW, LINE_HIGH = 6, 40  # px (reduced): how high a line of text is (small print to a heading, skewed ~1°)
LONG = 3  # a strip is a line of text when at least this many times as long as high
SAMPLES = 8  # longest strips given to the classifier
PAD = 3  # px of paper kept round a strip's crop


def quarter_turns(gray: np.ndarray, ink: np.ndarray) -> int:
    """How many times np.rot90 (counter-clockwise) turns the page upright: 0, 1, 2 or 3. `gray` is the
    page in grey, `ink` its binarised print (255 on 0)."""
    h, w = ink.shape
    small = cv2.resize(ink, (max(1, w // REDUCE), max(1, h // REDUCE)), interpolation=cv2.INTER_AREA)
    small = np.where(small > 64, 255, 0).astype(np.uint8)
    print_only = cv2.bitwise_and(small, cv2.bitwise_not(line_mask(small)))
    along_x = [(x * REDUCE, y * REDUCE, sw * REDUCE, sh * REDUCE) for x, y, sw, sh in _strips(print_only, True)]
    along_y = [(x * REDUCE, y * REDUCE, sw * REDUCE, sh * REDUCE) for x, y, sw, sh in _strips(print_only, False)]
    if not along_x and not along_y:
        return 0  # no lines of text: nothing tells which way is up
    if sum(s[2] for s in along_x) >= sum(s[3] for s in along_y):
        return 2 if _upside_down(gray, along_x) else 0
    # lines run along y: a quarter turn counter-clockwise lays them along x, upright or upside down;
    # a strip (x, y, width, height) lies on the turned page at (y, w - x - width, height, width)
    laid = [(y, w - x - sw, sh, sw) for x, y, sw, sh in along_y]
    return 3 if _upside_down(np.ascontiguousarray(np.rot90(gray, 1)), laid) else 1


def _strips(ink: np.ndarray, along_x: bool) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, width, height) of the print smeared along x (or y) that are lines of text along it:
    low and long (narrow and tall)."""
    smeared = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (SMEAR, 1) if along_x else (1, SMEAR)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    if along_x:
        return [(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:n]
                if LINE_LOW <= h <= LINE_HIGH and w >= LONG * h]
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:n]
            if LINE_LOW <= w <= LINE_HIGH and h >= LONG * w]


def _upside_down(gray: np.ndarray, strips: list[tuple[int, int, int, int]]) -> bool:
    """Whether the page (lines of text along x at these strips) is upside down: the classifier's evidence
    over its longest strips."""
    longest = sorted(strips, key=lambda s: -s[2])[:SAMPLES]
    h, w = gray.shape
    crops = [np.ascontiguousarray(gray[max(0, y - PAD):min(h, y + sh + PAD), max(0, x - PAD):min(w, x + sw + PAD)])
             for x, y, sw, sh in longest]
    return sum(engine.upside_down(crops)) > 0


def turn_back(turns: int, shape: tuple[int, ...]) -> np.ndarray:
    """The 3 × 3 matrix taking a point (x, y, 1) of the page turned upright (np.rot90 `turns` times) to the
    image as scanned, of `shape` (rows, columns)."""
    h, w = shape[:2]
    return {
        0: np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float64),
        1: np.array([[0, -1, w], [1, 0, 0], [0, 0, 1]], dtype=np.float64),
        2: np.array([[-1, 0, w], [0, -1, h], [0, 0, 1]], dtype=np.float64),
        3: np.array([[0, 1, 0], [-1, 0, h], [0, 0, 1]], dtype=np.float64),
    }[turns % 4]
