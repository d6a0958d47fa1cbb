"""The OCR engine: rapidocr-onnxruntime (PP-OCRv4 detection and recognition models shipped inside its wheel,
run on onnxruntime, CPU only; nothing is downloaded). Loaded once per process, on first use, so reading text
files never pays for it.

Detection finds text lines on a page (only outside the tables: cells are cut by their ruling lines);
recognition reads crops; the package's text-direction classifier tells a page turned half round (orient.py).
Recognition is run here on the model directly (not through the package's pipeline) for two reasons: short
crops (table cells) are read side by side on one line with grey gaps between them, each decoded from the
output steps over it (a lone digit needs room around it to be read as a digit, and shared room is several
times cheaper than a padded line each), and every crop gets two readings from the same network output — the
free one, and one restricted to the characters of a number, whose score is the least certain character's
probability.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

from .certainty import CERTAIN_SCORE

NUMBER_CHARS = "0123456789.-,%/—–－"  # digits, and what a blank number cell holds (/, -, —)
# crops are read one at a time: on this model a batch costs more per pixel than single lines (measured:
# 16 cells padded to one width ~15 ms per 48×48 px, one line ~4 ms), and padding to the widest is waste
BATCH = 1
LINE = 1280  # px: short crops are read side by side on lines this wide (the model's input is 48 px high)
GAP = 48  # px of grey between two crops on such a line
LINES = 1  # such lines per call
# a crop narrower than this (width/height) is read side by side with others on a line, not alone: a lone
# digit with little room beside it is read as "。" or "o"; with room it is read as the digit (measured on
# test scans); a line alone is padded (grey, as in training) to at least this ratio
MIN_RATIO = 6.67
DET_SCALE = 0.6  # text lines are found on the page at this fraction of the reading resolution


class EngineError(Exception):
    """The OCR engine cannot be loaded (package missing or broken); the message is Chinese."""


@dataclass(frozen=True)
class Reading:
    """A crop read twice: `text`/`score` freely (score: mean character probability, 0–1) and
    `number`/`number_score` with only the characters of a number allowed (score: the lowest character
    probability; 0 when nothing was read)."""

    text: str
    score: float
    number: str
    number_score: float


_lock = threading.Lock()


@cache
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except Exception as e:  # the package or its native libraries are missing
        raise EngineError(f"OCR 组件无法加载（{type(e).__name__}），请重新运行安装脚本 .ci/setup") from e
    threads = int(os.environ.get("NIANBAO_OCR_THREADS", "0")) or min(4, os.cpu_count() or 1)
    return RapidOCR(print_verbose=False, intra_op_num_threads=threads, inter_op_num_threads=1)


@cache
def _number_classes() -> np.ndarray:
    chars = _engine().text_rec.postprocess_op.character
    return np.array([0] + [i for i, c in enumerate(chars) if c in NUMBER_CHARS])


def find_lines(gray: np.ndarray) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, y0, x1, y1, pixels) of the text lines on a page image or a strip of one (8-bit grey).
    The image is searched at DET_SCALE as it is (the package's own pipeline would enlarge a low strip to
    736 px high, which costs more than the whole page)."""
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    h, w = gray.shape[:2]
    small = cv2.resize(gray, (max(32, int(w * DET_SCALE)), max(32, int(h * DET_SCALE))), interpolation=cv2.INTER_AREA)
    det = _engine().text_det
    shape = small.shape[:2]
    prepared = DetPreProcess(max(shape), "max", det.mean, det.std)(cv2.cvtColor(small, cv2.COLOR_GRAY2RGB))
    if prepared is None:
        return []
    with _lock:
        preds = det.infer(prepared)[0]
    boxes, _ = det.postprocess_op(preds, shape)
    boxes = det.filter_tag_det_res(boxes, shape)
    out = []
    for quad in [] if boxes is None else boxes:
        xs, ys = quad[:, 0] * w / shape[1], quad[:, 1] * h / shape[0]
        out.append((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())))
    return out


def upside_down(crops: list[np.ndarray]) -> list[float]:
    """For each crop (8-bit grey, a line of text laid along x): the text-direction classifier's evidence
    that it is upside down, from -1 (surely upright) to 1 (surely turned half round)."""
    if not crops:
        return []
    cls = _engine().text_cls
    batch = np.stack([cls.resize_norm_img(cv2.cvtColor(c, cv2.COLOR_GRAY2RGB)) for c in crops]).astype(np.float32)
    with _lock:
        probs = cls.infer(batch)[0]
    labels = list(cls.postprocess_op.label_list)
    up, down = labels.index("0"), labels.index("180")
    return [float(p[down] - p[up]) for p in probs]


def recognise(crops: list[np.ndarray]) -> list[Reading]:
    """Read each crop (8-bit grey, one line of text each). Crops that print the same thing pixel for pixel
    (a table of zeros: the same glyph a hundred times) are read once."""
    if not crops:
        return []
    groups: dict[tuple[int, int], list[tuple[np.ndarray, int]]] = {}
    first: list[int] = []  # crop index → index of the crop read for it
    for i, crop in enumerate(crops):
        sig = _signature(crop)
        same = groups.setdefault(sig.shape, [])
        twin = next((j for s, j in same if float(np.mean(s != sig)) <= SAME_GLYPH), None)
        if twin is None:
            same.append((sig, i))
            twin = i
        first.append(twin)
    unique = sorted(set(first))
    read = dict(zip(unique, _recognise([crops[i] for i in unique]), strict=True))
    return [read[j] for j in first]


SAME_GLYPH = 0.03  # share of differing pixels of two normalised crops under which they print the same


def _signature(crop: np.ndarray) -> np.ndarray:
    """The crop binarised at a fixed height (16 px), its width by its aspect ratio: equal glyphs give equal
    signatures up to a few pixels of noise; different digits differ in far more."""
    gray = crop if crop.ndim == 2 else cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    h, w = gray.shape[:2]
    width = max(4, round(16 * w / max(h, 1) / 2) * 2)
    small = cv2.resize(gray, (width, 16), interpolation=cv2.INTER_AREA)
    _, bw = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return bw


def _recognise(crops: list[np.ndarray]) -> list[Reading]:
    rgb = [c if c.ndim == 3 else cv2.cvtColor(c, cv2.COLOR_GRAY2RGB) for c in crops]
    ratios = [c.shape[1] / max(c.shape[0], 1) for c in rgb]
    out: list[Reading | None] = [None] * len(rgb)
    short = [i for i, r in enumerate(ratios) if r < MIN_RATIO]
    for i, reading in zip(short, _read_stitched([rgb[i] for i in short]), strict=True):
        out[i] = reading
    _read_padded(rgb, ratios, [i for i, r in enumerate(ratios) if r >= MIN_RATIO], out)
    # a number read side by side with others and scored below certainty is read again on a line of its own:
    # the model mixes context across its whole line, so the same printed 0 (DejaVu Serif, as LibreOffice
    # prints it) scores 0.5–0.93 beside labels and 0.99 alone; our drawn zeros score higher beside others
    unsure = {i: r for i in short if (r := out[i]) is not None and r.number_score < CERTAIN_SCORE
              and any(ch.isdigit() for ch in r.number)}
    alone: list[Reading | None] = [None] * len(rgb)
    _read_padded(rgb, ratios, list(unsure), alone)
    for i, beside in unsure.items():
        again = alone[i]
        out[i] = beside if again is None else _agreed(beside, again)
    return [r for r in out if r is not None]


def _agreed(beside: Reading, alone: Reading) -> Reading:
    """A glyph's reading among other crops and on a line of its own: the same number, the better score
    (the model was sure of it in one context and read it the same in the other); different numbers, the
    one read beside others with the worse score (the glyph is ambiguous)."""
    if beside.number != alone.number:
        return Reading(beside.text, min(beside.score, alone.score), beside.number,
                       min(beside.number_score, alone.number_score))
    score = max(beside.score, alone.score) if beside.text == alone.text else beside.score
    return Reading(beside.text, score, beside.number, max(beside.number_score, alone.number_score))


def _read_padded(rgb: list[np.ndarray], ratios: list[float], which: list[int], out: list[Reading | None]) -> None:
    """Read the crops `which` one by one, each on a line of its own (long lines at their width, short ones
    padded with grey to MIN_RATIO), into out."""
    rec = _engine().text_rec
    chars = rec.postprocess_op.character
    numbers = _number_classes()
    order = sorted(which, key=lambda i: ratios[i])
    for start in range(0, len(order), BATCH):
        idx = order[start:start + BATCH]
        ratio = max(MIN_RATIO, max(ratios[i] for i in idx))
        batch = np.stack([rec.resize_norm_img(rgb[i], ratio) for i in idx]).astype(np.float32)
        with _lock:
            preds = rec.session(batch)[0]
        for k, i in enumerate(idx):
            out[i] = _decode(preds[k], chars, numbers)


def _read_stitched(rgb: list[np.ndarray]) -> list[Reading]:
    """Read short crops (table cells) placed side by side on lines of LINE px, GAP px of grey between them:
    a lone digit gets the room it needs without a line of padding of its own. Each crop is decoded from the
    output steps over it and half of each gap beside it."""
    rec = _engine().text_rec
    chars = rec.postprocess_op.character
    numbers = _number_classes()
    height = rec.rec_image_shape[1]
    placed: list[list[tuple[int, int, int]]] = []
    images = []
    x = LINE
    for i, img in enumerate(rgb):
        w = max(4, min(LINE - 2 * GAP, int(np.ceil(height * img.shape[1] / max(img.shape[0], 1)))))
        images.append(cv2.resize(img, (w, height)).astype(np.float32).transpose(2, 0, 1) / 127.5 - 1.0)
        if x + w + GAP > LINE:
            placed.append([])
            x = GAP
        placed[-1].append((i, x, x + w))
        x += w + GAP
    out: list[Reading | None] = [None] * len(rgb)
    for start in range(0, len(placed), LINES):
        group = placed[start:start + LINES]
        batch = np.zeros((len(group), 3, height, LINE), dtype=np.float32)
        for k, line in enumerate(group):
            for i, a, b in line:
                batch[k, :, :, a:b] = images[i]
        with _lock:
            preds = rec.session(batch)[0]
        px = LINE / preds.shape[1]
        for k, line in enumerate(group):
            for i, a, b in line:
                t0, t1 = max(0, int((a - GAP / 2) / px)), int(np.ceil((b + GAP / 2) / px))
                out[i] = _decode(preds[k][t0:t1], chars, numbers)
    return [r for r in out if r is not None]


def _decode(pred: np.ndarray, chars: list[str], numbers: np.ndarray) -> Reading:
    """CTC decoding of one crop's per-step probabilities, freely and restricted to number characters."""
    best = pred.argmax(axis=1)
    text, probs = _collapse(best, pred.max(axis=1), chars)
    sub = pred[:, numbers]
    nbest = numbers[sub.argmax(axis=1)]
    number, nprobs = _collapse(nbest, sub.max(axis=1), chars)
    return Reading(text, float(np.mean(probs)) if probs else 0.0, number, float(min(nprobs)) if nprobs else 0.0)


def _collapse(best: np.ndarray, prob: np.ndarray, chars: list[str]) -> tuple[str, list[float]]:
    text, probs, prev = [], [], -1
    for c, p in zip(best.tolist(), prob.tolist(), strict=True):
        if c != prev and c != 0:
            text.append(chars[c])
            probs.append(p)
        elif c == prev and c != 0:  # the same character over several steps: its best step
            probs[-1] = max(probs[-1], p)
        prev = c
    return "".join(text), probs
