"""The overview's charts, drawn by matplotlib on a Figure (no pyplot state): the window shows them on
a Qt canvas, the bulletin embeds them as PNG (Agg).
"""
from __future__ import annotations

import io
from functools import cache

from matplotlib.figure import Figure

from .overview import Overview
from .status import STATUSES

# a CJK font the machine has, first match wins (Windows, macOS, Noto/Source Han, the Debian WenQuanYi)
CJK_FONTS = ("SimHei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback")
STATUS_COLOURS = {"未报送": "#9e9e9e", "待审": "#90caf9", "有错误": "#e53935", "已处理": "#ffb300",
                  "已签发": "#43a047", "已退回": "#8e24aa"}
MAX_RULES, MAX_REGIONS = 10, 15


@cache
def cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FONTS if f in installed), None)


def figure(width: float = 6.4, height: float = 3.6, fast: bool = False) -> Figure:
    """A figure for one chart: laid out by matplotlib's constrained layout (documents), or with fixed
    margins (`fast`, the window: several times quicker to draw, which the overview's 1 s needs)."""
    return Figure(figsize=(width, height), dpi=150, layout=None if fast else "constrained")


def _margins(fig: Figure, left: float, bottom: float = 0.12) -> None:
    if fig.get_layout_engine() is None:
        fig.subplots_adjust(left=left, right=0.97, top=0.9, bottom=bottom)


def fonts():
    """The matplotlib settings in force while a chart is drawn and saved: a CJK font first."""
    import matplotlib

    font = cjk_font()
    # named families, not the generic "sans-serif": a Qt canvas redraws after the context has ended
    return matplotlib.rc_context({"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
                                  "axes.unicode_minus": False})


def _style(ax, counts_on: str = "x") -> None:
    from matplotlib.ticker import MaxNLocator

    ax.spines[["top", "right"]].set_visible(False)
    (ax.xaxis if counts_on == "x" else ax.yaxis).set_major_locator(MaxNLocator(integer=True))


def draw_rules(fig: Figure, ov: Overview, names: dict[str, str] | None = None) -> None:
    """Horizontal bars: the most frequent open findings (reports per rule)."""
    ax = fig.add_subplot()
    top = ov.rules.head(MAX_RULES)[::-1]
    labels = [_short((names or {}).get(r, r)) for r in top.index]
    ax.barh(labels, top.to_numpy(), color="#c62828")
    for i, v in enumerate(top.to_numpy()):
        ax.text(v, i, f" {v}", va="center", fontsize=8)
    ax.set_title(f"{ov.year} 年度常见问题（涉及报告数）" if len(top) else "本年度没有未处理的问题")
    _margins(fig, 0.45)
    ax.tick_params(labelsize=9)
    _style(ax)


def draw_status(fig: Figure, ov: Overview) -> None:
    """Stacked bars: agencies per 地区 by status (the regions with most agencies)."""
    ax = fig.add_subplot()
    table = ov.by_region
    if len(table) > MAX_REGIONS:
        table = table.loc[table.sum(axis=1).sort_values(ascending=False).index[:MAX_REGIONS]]
    left = None
    for status in [s for s in STATUSES if s in table.columns]:
        values = table[status].to_numpy()
        ax.barh(list(table.index), values, left=left, label=status, color=STATUS_COLOURS[status])
        left = values if left is None else left + values
    more = f"（机关最多的 {MAX_REGIONS} 个地区）" if len(ov.by_region) > MAX_REGIONS else ""
    ax.set_title(f"{ov.year} 年度各地区报送与审核情况{more}")
    _margins(fig, 0.2, 0.2)
    ax.invert_yaxis()
    ax.tick_params(labelsize=9)
    if len(table.columns):
        ax.legend(fontsize=7, ncols=min(6, len(table.columns)), loc="upper center", bbox_to_anchor=(0.5, -0.08),
                  frameon=False)
    _style(ax)


def draw_totals(fig: Figure, ov: Overview) -> None:
    """Grouped bars: table three totals across agencies, last year and this year."""
    ax = fig.add_subplot()
    totals = ov.totals.fillna(0)
    x = range(len(totals))
    width = 0.38
    last = ax.bar([i - width / 2 for i in x], totals["上年"], width, label=f"{(ov.year or 1) - 1} 年度",
                  color="#90a4ae")
    this = ax.bar([i + width / 2 for i in x], totals["本年"], width, label=f"{ov.year} 年度", color="#1565c0")
    ax.bar_label(last, fmt="%g", fontsize=7)
    ax.bar_label(this, fmt="%g", fontsize=7)
    ax.set_xticks(list(x), list(totals.index))
    ax.set_ylim(bottom=0, top=max(1.0, float(totals.to_numpy().max()) * 1.12))
    ax.set_title("依申请公开办理情况（表三总计，各机关合计）")
    _margins(fig, 0.12)
    ax.tick_params(labelsize=9)
    ax.legend(fontsize=8)
    _style(ax, "y")


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def png(draw, ov: Overview, *args, width: float = 6.4, height: float = 3.6) -> bytes:
    """One chart as PNG bytes (Agg)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with fonts():
        fig = figure(width, height)
        FigureCanvasAgg(fig)
        draw(fig, ov, *args)
        out = io.BytesIO()
        fig.savefig(out, format="png")
    return out.getvalue()
