"""Pages of a PDF or image file: how many, their size in PDF points, and rendering to pixels.

One coordinate system for everything read from a page (spec/cli.md): points at 72 dpi, origin at the
top left. For a PDF that is its own unit; for an image, pixels × 72 / dpi, where dpi is the image's
own resolution when it records a plausible one, else IMAGE_DPI. Pure Python (pypdfium2, Pillow).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

IMAGE_DPI = 200.0  # assumed resolution of an image that records none (an office scanner's usual setting)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")
PAGED_SUFFIXES = (".pdf", *IMAGE_SUFFIXES)  # files read from their pages (a scan by OCR: seconds per page)


class PageError(Exception):
    """The file's pages cannot be read (broken, encrypted, not a PDF or image); the message is Chinese."""


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def is_image(data: bytes) -> bool:
    head = data[:12]
    return (head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"))


@dataclass(frozen=True)
class PageSize:
    width: float  # points
    height: float


@dataclass(frozen=True)
class Upright:
    """A page as scanned (of size `scanned`, points) shown upright: turned `turns` quarter turns
    counter-clockwise (np.rot90's k, as the OCR found it: 1 for a page fed with its top to the right).
    The one place that turns a page's image and the boxes read from it (given on the page as scanned)."""

    turns: int
    scanned: PageSize

    @property
    def size(self) -> PageSize:
        """The upright page's size: width and height swapped by a quarter or three quarters' turn."""
        s = self.scanned
        return PageSize(s.height, s.width) if self.turns % 2 else s

    def box(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box on the page as scanned → the same print's box on the upright page (points)."""
        x0, y0, x1, y1 = box
        w, h = self.scanned.width, self.scanned.height
        return {
            0: (x0, y0, x1, y1),
            1: (y0, w - x1, y1, w - x0),  # a point (x, y) lies at (y, w - x)
            2: (w - x1, h - y1, w - x0, h - y0),  # at (w - x, h - y)
            3: (h - y1, x0, h - y0, x1),  # at (h - y, x)
        }[self.turns % 4]

    def image(self, image: Image.Image) -> Image.Image:
        """The page's image (as scanned, any resolution) turned upright, pixel for pixel."""
        turn = {1: Image.Transpose.ROTATE_90, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_270}
        return image.transpose(turn[self.turns % 4]) if self.turns % 4 else image


class Pages:
    """The pages of one PDF or image file, opened from its bytes."""

    def __init__(self, data: bytes) -> None:
        self._pdf = None
        self._image: Image.Image | None = None
        try:
            if is_pdf(data):
                import pypdfium2 as pdfium

                self._pdf = pdfium.PdfDocument(data)
                self.count = len(self._pdf)
            elif is_image(data):
                self._image = Image.open(io.BytesIO(data))
                self.count = getattr(self._image, "n_frames", 1)
            else:
                raise PageError("不是 PDF 或图像文件")
        except PageError:
            raise
        except Exception as e:  # pdfium/Pillow errors of every kind: broken, truncated, encrypted
            raise PageError(f"无法读取页面：{type(e).__name__}") from e

    def _image_dpi(self) -> float:
        assert self._image is not None
        dpi = self._image.info.get("dpi")
        try:
            d = float(dpi[0]) if dpi else 0.0
        except (TypeError, ValueError, IndexError):
            d = 0.0
        return d if 96 <= d <= 1200 else IMAGE_DPI  # 72/96 are screen defaults, not a scan's resolution

    def size(self, index: int) -> PageSize:
        """Page `index` (0-based) in points."""
        if self._pdf is not None:
            w, h = self._pdf[index].get_size()
            return PageSize(float(w), float(h))
        assert self._image is not None
        self._image.seek(index)
        dpi = self._image_dpi()
        return PageSize(self._image.width * 72 / dpi, self._image.height * 72 / dpi)

    def render(self, index: int, dpi: float = 150.0) -> Image.Image:
        """Page `index` (0-based) as an RGB image at `dpi` (pixels per inch of the page)."""
        if self._pdf is not None:
            page = self._pdf[index]
            return page.render(scale=dpi / 72).to_pil().convert("RGB")
        assert self._image is not None
        self._image.seek(index)
        img = self._image.convert("RGB")
        scale = dpi / self._image_dpi()
        if abs(scale - 1) > 0.01:
            size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
            img = img.resize(size, Image.Resampling.LANCZOS)
        return img

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
        if self._image is not None:
            self._image.close()
