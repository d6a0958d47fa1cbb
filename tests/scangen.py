"""Test scans: reports drawn in the official layout (docgen: ruled tables, merged label cells, both
format versions) rendered to page images, with the damage of real scans — skew, blur, speckle, JPEG
artefacts, a red stamp over numbers, a page photographed at an angle, a page fed sideways or upside down
— and packed as a multi-page TIFF,
an image-only PDF or single page images. Used by the tests (few pages) and bench/bench_ocr.py (many).
"""
from __future__ import annotations

import io
import math
import random
from collections.abc import Callable

import docgen
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from parser.pages import Pages

DPI = 200
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def report_pages(truth: dict, dpi: int = DPI) -> list[Image.Image]:
    """The report of these truth values in the official layout, printed and scanned clean."""
    pdf = docgen.to_pdf(docgen.official_report(truth))
    pages = Pages(pdf)
    try:
        return [pages.render(i, dpi) for i in range(pages.count)]
    finally:
        pages.close()


# ---- damage ----------------------------------------------------------------------------------------

def skew(img: Image.Image, degrees: float) -> Image.Image:
    return img.rotate(degrees, resample=Image.BICUBIC, fillcolor=(255, 255, 255))


def blur(img: Image.Image, radius: float = 1.0) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(radius))


def speckle(img: Image.Image, rng: random.Random, density: float = 0.002) -> Image.Image:
    a = np.asarray(img).copy()
    h, w = a.shape[:2]
    n = int(h * w * density)
    ys = np.array([rng.randrange(h) for _ in range(n)])
    xs = np.array([rng.randrange(w) for _ in range(n)])
    a[ys, xs] = 0
    return Image.fromarray(a)


def jpeg(img: Image.Image, quality: int = 35) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def stamp(img: Image.Image, rng: random.Random | None, centre: tuple[int, int] | None = None) -> Image.Image:
    """A red official seal (ring, star, arc of text) printed over whatever is there."""
    w, h = img.size
    r = int(w * 0.09)
    cx, cy = centre or (rng.randrange(w // 2, w - r), rng.randrange(h // 3, h - r))
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=max(4, r // 14))
    star = [(cx + r * 0.3 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - r * 0.3 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=255)
    font = ImageFont.truetype(FONT, max(12, r // 4))
    for k, ch in enumerate("政府信息公开专用章"):
        a = math.radians(200 + k * 140 / 8)
        d.text((cx + 0.72 * r * math.cos(a) - r // 8, cy + 0.72 * r * math.sin(a) - r // 8), ch, fill=255, font=font)
    a = np.asarray(img).astype(np.float32)
    alpha = (np.asarray(layer).astype(np.float32) / 255 * 0.8)[..., None]
    red = np.array([215, 30, 40], dtype=np.float32)
    out = a * (1 - alpha) + np.minimum(a, red) * alpha  # ink multiplies: black print stays black
    return Image.fromarray(out.astype(np.uint8))


DARK_DESK, LIGHT_DESK = (90, 80, 70), (245, 245, 240)


def photo(img: Image.Image, rng: random.Random, strength: float = 0.04, desk: tuple[int, int, int] = DARK_DESK
          ) -> Image.Image:
    """The page photographed at an angle: perspective, uneven light, soft focus, on a desk (a light one: the
    page's outline cannot be seen)."""
    import cv2

    a = np.asarray(img)
    h, w = a.shape[:2]
    m = photo_homography(w, h, rng, strength)
    warped = cv2.warpPerspective(a, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=desk)
    light = np.linspace(1.0, 0.78, w, dtype=np.float32)[None, :, None] * np.linspace(0.95, 1.0, h,
                                                                                     dtype=np.float32)[:, None, None]
    lit = np.clip(warped.astype(np.float32) * light, 0, 255).astype(np.uint8)
    return blur(Image.fromarray(lit), 0.7)


def photo_homography(w: int, h: int, rng: random.Random, strength: float = 0.04) -> np.ndarray:
    """Where `photo` takes the page (pixels of the page → pixels of the photo): each corner pulled in by up
    to `strength` of the page's size (the same draws from rng as `photo`)."""
    import cv2

    d = [rng.uniform(0.2, 1) * strength for _ in range(8)]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[w * d[0], h * d[1]], [w * (1 - d[2]), h * d[3] * 0.5], [w * (1 - d[4] * 0.5), h * (1 - d[5])],
                      [w * d[6] * 0.5, h * (1 - d[7] * 0.5)]])
    return cv2.getPerspectiveTransform(src, dst)


Damage = Callable[[Image.Image, random.Random], Image.Image]

DAMAGE: dict[str, Damage] = {
    "clean": lambda img, rng: img,
    "skew": lambda img, rng: skew(img, rng.choice((-1, 1)) * rng.uniform(0.4, 1.0)),
    "blur": lambda img, rng: blur(img, 1.1),
    "speckle": lambda img, rng: speckle(img, rng),
    "jpeg": lambda img, rng: jpeg(img, 30),
    "stamp": lambda img, rng: stamp(img, rng),
    "photo": lambda img, rng: photo(img, rng),
    "steep": lambda img, rng: photo(img, rng, strength=0.1),  # corners pulled in by up to a tenth of the page
    "lightdesk": lambda img, rng: photo(img, rng, strength=0.1, desk=LIGHT_DESK),  # steep, no outline to see
    "office": lambda img, rng: jpeg(speckle(skew(blur(img, 0.6), rng.uniform(-0.8, 0.8)), rng, 0.0008), 50),
    # fed sideways or upside down into the office scanner: each page a quarter, half or three quarters round
    "turned": lambda img, rng: turned(DAMAGE["office"](img, rng), rng.choice((90, 180, 270))),
    # a phone photo taken in landscape: the page photographed at an angle lies on its side in the image
    "landscape": lambda img, rng: turned(photo(img, rng), rng.choice((90, 270))),
}


def turned(img: Image.Image, degrees: int) -> Image.Image:
    """The page turned counter-clockwise by a multiple of 90° (the image's sides swap for 90 and 270)."""
    return img.rotate(degrees, expand=True)


def damaged(pages: list[Image.Image], kind: str, seed: int = 0) -> list[Image.Image]:
    rng = random.Random(seed)
    return [DAMAGE[kind](p, rng) for p in pages]


# ---- files -----------------------------------------------------------------------------------------

def to_tiff(pages: list[Image.Image], dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    clean = [Image.fromarray(np.asarray(p.convert("RGB"))) for p in pages]  # no tags carried from a JPEG
    clean[0].save(buf, "TIFF", save_all=True, append_images=clean[1:], dpi=(dpi, dpi), compression="tiff_deflate")
    return buf.getvalue()


def to_pdf(pages: list[Image.Image], dpi: int = DPI) -> bytes:
    """An image-only PDF, as a scanner writes it."""
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buf.getvalue()


def to_png(page: Image.Image, dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    page.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def to_jpeg(page: Image.Image, dpi: int = DPI, quality: int = 80) -> bytes:
    buf = io.BytesIO()
    page.save(buf, "JPEG", dpi=(dpi, dpi), quality=quality)
    return buf.getvalue()


# ---- scoring -----------------------------------------------------------------------------------------

def score(report, truth: dict) -> tuple[int, list[str]]:
    """(cells whose value is right, cells holding a wrong value — or blank for a number — without being
    uncertain or missing). A missing cell is not right, but it claims nothing either."""
    from parser.model import BLANK, MISSING, UNCERTAIN

    right, wrong_certain = 0, []
    for key, value in truth["values"].items():
        cell = report.cells[key]
        if cell.value == value and (value is not None or cell.status == BLANK):
            right += 1
        elif cell.status not in (UNCERTAIN, MISSING):
            wrong_certain.append(f"{key}: {cell.value!r} ({cell.status}) ≠ {value!r}")
    return right, wrong_certain
