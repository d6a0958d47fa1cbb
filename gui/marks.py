"""How a cell's state looks: colour AND a glyph AND a border, so no state relies on colour alone.

| state                          | glyph | look                               |
|--------------------------------|-------|------------------------------------|
| subject of an open error       | ✖     | red tint, solid red border         |
| subject of an open warning     | ▲     | amber tint, solid amber border     |
| addend of an open finding      |       | faint red tint                     |
| subject of decided findings    | ✓     | green tint                         |
| blank (printed empty, /, -)    |       | value shown as ／ in grey           |
| printed but not a number       |       | the printed text (2a), as it stands |
| missing (not found)            |       | hatched, value shown as ？          |
| repaired by normalisation      | ≈     | small grey mark after the state    |
| corrected by the reviewer      | ✎     | violet bar at the left, bold value |
| uncertain reading (OCR)        | ?     | amber dashed line under the value  |

The tooltip of every cell says it in words (gui/table_model.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from parser.model import BLANK, CORRECTED, EXTRACTED, MISSING, REPAIRED, UNCERTAIN
from review.findings import ERROR, INFO, WARNING

RED = QColor("#c5221f")
AMBER = QColor("#b06000")
BLUE = QColor("#1967d2")
GREEN = QColor("#188038")
VIOLET = QColor("#7b1fa2")
GREY = QColor("#80868b")

SEVERITY_COLOURS = {ERROR: RED, WARNING: AMBER, INFO: BLUE}
SEVERITY_GLYPHS = {ERROR: "✖", WARNING: "▲", INFO: "ⓘ"}
TINTS = {ERROR: QColor("#fce8e6"), WARNING: QColor("#fef3d6"), INFO: QColor("#e8f0fe")}
FAINT = {ERROR: QColor("#fdf4f3"), WARNING: QColor("#fefaf0"), INFO: QColor("#f4f8fe")}
DECIDED_TINT = QColor("#e6f4ea")
MISSING_TINT = QColor("#f1f3f4")


@dataclass(frozen=True)
class CellLook:
    background: QColor | None
    border: QColor | None
    glyph: str  # finding state: ✖ ▲ ✓ ? or ""
    glyph_colour: QColor
    provenance: str  # value origin: ✎ corrected, ≈ repaired, or ""
    text: str  # what the cell shows
    bold: bool = False
    grey: bool = False
    hatched: bool = False


def format_value(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def cell_look(
    value: float | int | None, status: str, severity: str | None, involved: bool, decided: bool, printed: str = ""
) -> CellLook:
    """The look of a value cell. `printed` is the cell's text as printed: shown when it is not a number."""
    background = border = None
    glyph, colour = "", GREY
    if severity is not None:
        background, border = TINTS[severity], SEVERITY_COLOURS[severity]
        glyph, colour = SEVERITY_GLYPHS[severity], SEVERITY_COLOURS[severity]
    elif involved:
        background = FAINT[ERROR]
    elif decided:
        background, glyph, colour = DECIDED_TINT, "✓", GREEN
    text, grey, hatched = format_value(value), False, False
    if value is None:
        if status in (EXTRACTED, REPAIRED, MISSING) and printed.strip():  # printed, not read as a number (2a, ■)
            text, hatched = printed.strip(), status == MISSING
            background = background or (MISSING_TINT if status == MISSING else None)
        elif status == MISSING:
            text, grey, hatched = "？", True, True
            background = background or MISSING_TINT
        else:
            text, grey = "／", True
    provenance = {CORRECTED: "✎", REPAIRED: "≈", UNCERTAIN: "?"}.get(status, "")
    return CellLook(
        background, border, glyph, colour, provenance, text, bold=status == CORRECTED, grey=grey, hatched=hatched
    )


STATUS_NAMES = {
    "extracted": "按原文读取",
    REPAIRED: "经规范化修复",
    BLANK: "原文留空",
    MISSING: "原文中未找到",
    CORRECTED: "审核人已更正",
    UNCERTAIN: "识别存疑，待对照原件核对（F4）",
}


def severity_icon(severity: str, size: int = 16) -> QIcon:
    """A small shape per severity: red disc with ✖, amber triangle with !, blue disc with i."""
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = SEVERITY_COLOURS.get(severity, GREY)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    r = QRectF(1, 1, size - 2, size - 2)
    if severity == WARNING:
        p.drawPolygon(QPolygonF([QPointF(size / 2, 1), QPointF(size - 1, size - 2), QPointF(1, size - 2)]))
        mark, rect = "!", QRectF(0, 3, size, size - 4)
    else:
        p.drawEllipse(r)
        mark, rect = ("×" if severity == ERROR else "i"), r
    p.setPen(QPen(QColor("white")))
    f = QFont()
    f.setPixelSize(int(size * 0.72))
    f.setBold(True)
    p.setFont(f)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, mark)
    p.end()
    return QIcon(pm)


def decided_icon(size: int = 16) -> QIcon:
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(GREEN, 2.2))
    path = QPainterPath(QPointF(size * 0.2, size * 0.55))
    path.lineTo(size * 0.42, size * 0.78)
    path.lineTo(size * 0.82, size * 0.25)
    p.drawPath(path)
    p.end()
    return QIcon(pm)


LEGEND = (
    ("✖", RED, "红框：该格有未处理的错误（合计不符等）"),
    ("▲", AMBER, "黄框：该格有未处理的警告（空白、缺失等）"),
    ("", RED, "浅红底：参与某条未处理问题的计算"),
    ("✓", GREEN, "绿底：关于该格的问题均已处理"),
    ("／", GREY, "原文留空（不等于 0）"),
    ("？", GREY, "斜纹：原文中未找到该格"),
    ("≈", BLUE, "蓝色虚线：原文经规范化修复（如 l2 → 12）"),
    ("✎", VIOLET, "紫色竖条：审核人已更正"),
    ("?", AMBER, "琥珀色虚线：识别存疑，待对照原件核对（F4 逐个核对）"),
)


def legend_html() -> str:
    """What each cell mark means (Help)."""
    from .i18n import tr

    rows = "".join(
        f"<tr><td style='padding:2px 10px 2px 0;color:{c.name()}'><b>{g}</b></td><td>{tr(text)}</td></tr>"
        for g, c, text in LEGEND
    )
    return f"<table>{rows}</table>"
