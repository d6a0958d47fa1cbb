"""The OCR engine: rapidocr-onnxruntime (PP-OCRv4 detection and recognition models shipped inside its
wheel, run on onnxruntime, CPU only; nothing is downloaded). Loaded once per process, on first use, so
reading text files never pays for it.

Detection finds text lines on a page; recognition reads crops. Recognition is run here on the model
directly (not through the package's pipeline) for two reasons: crops are batched by their own width
(a lone digit is not padded to the width of a sentence, which makes table cells several times
cheaper), and every crop gets two readings from the same network output — the free one, and one
restricted to the characters of a number, whose score is the least certain character's probability.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

NUMBER_CHARS = "0123456789.-,%/—–－"  # digits, and what a blank number cell holds (/, -, —)
BATCH = 16
# crops are padded (grey, as in training) to at least this width/height: a lone digit with little room
# beside it is read as "。" or "o"; with room it is read as the digit (measured on test scans)
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
    """Boxes (x0, y0, x1, y1, pixels) of the text lines on a page image (8-bit grey)."""
    h, w = gray.shape[:2]
    small = cv2.resize(gray, (max(32, int(w * DET_SCALE)), max(32, int(h * DET_SCALE))), interpolation=cv2.INTER_AREA)
    with _lock:
        boxes, _ = _engine().text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2RGB))
    out = []
    for quad in [] if boxes is None else boxes:
        xs, ys = quad[:, 0] / DET_SCALE, quad[:, 1] / DET_SCALE
        out.append((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())))
    return out


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
    rec = _engine().text_rec
    chars = rec.postprocess_op.character
    numbers = _number_classes()
    rgb = [c if c.ndim == 3 else cv2.cvtColor(c, cv2.COLOR_GRAY2RGB) for c in crops]
    ratios = [c.shape[1] / max(c.shape[0], 1) for c in rgb]
    order = np.argsort(ratios)
    out: list[Reading | None] = [None] * len(rgb)
    for start in range(0, len(rgb), BATCH):
        idx = order[start:start + BATCH]
        ratio = max(MIN_RATIO, max(ratios[i] for i in idx))
        batch = np.stack([rec.resize_norm_img(rgb[i], ratio) for i in idx]).astype(np.float32)
        with _lock:
            preds = rec.session(batch)[0]
        for k, i in enumerate(idx):
            out[i] = _decode(preds[k], chars, numbers)
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
