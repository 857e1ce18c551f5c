"""Small inline SVG charts drawn by hand (no chart library, no network). All text escaped."""
from __future__ import annotations

from html import escape
from math import ceil, log10
from unicodedata import east_asian_width

BAR_COLOUR = "#3b6ea5"
AXIS_COLOUR = "#888"
FONT_PX = 12            # svg.chart's font size in the report's CSS


def fmt_number(value: float) -> str:
    """936 -> '936', 1200000 -> '1,200,000', 2.5 -> '2.5'."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def text_width(text: str, font_px: float = FONT_PX) -> float:
    """A generous estimate of the rendered width of `text` in a sans-serif font: wide (CJK)
    characters are one em, others 0.62 em (the widest digits and most letters are narrower),
    so text placed by this estimate is never cut off at the edge of the chart."""
    return sum(font_px if east_asian_width(ch) in "WF" else 0.62 * font_px for ch in text)


def _clip(label: str, max_width: float) -> str:
    """`label`, cut with an ellipsis to fit `max_width` pixels (the full label is in the tooltip)."""
    if text_width(label) <= max_width:
        return label
    while label and text_width(label + "…") > max_width:
        label = label[:-1]
    return label + "…"


def hbar_chart(items: list[tuple[str, float]], title: str, width: int = 640,
               label_width: int = 220, bar_height: int = 18, gap: int = 6,
               log: bool = False) -> str:
    """Horizontal bars, one per (label, value), largest first as given. With `log`, bar
    lengths follow log10(1 + value), for values spread over orders of magnitude (the printed
    numbers stay exact)."""
    if not items:
        return ""
    top_pad = 28
    # room right of the longest bar for the widest value label (a huge number must not be cut)
    value_pad = ceil(max(text_width(fmt_number(v)) for _, v in items)) + 10
    height = top_pad + len(items) * (bar_height + gap) + 4
    plot = width - label_width - value_pad
    scale = (lambda v: log10(1 + v)) if log else (lambda v: v)
    peak = max(scale(v) for _, v in items) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="16" class="chart-title">{escape(title)}</text>']
    for i, (label, value) in enumerate(items):
        y = top_pad + i * (bar_height + gap)
        length = max(1.0, plot * scale(value) / peak) if value > 0 else 0.0
        parts.append(
            f'<g><title>{escape(label)}: {escape(fmt_number(value))}</title>'
            f'<text x="{label_width - 8}" y="{y + bar_height - 4}" text-anchor="end">'
            f'{escape(_clip(label, label_width - 10))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_height - 4}">'
            f'{escape(fmt_number(value))}</text></g>')
    parts.append(f'<line x1="{label_width}" y1="{top_pad - 4}" x2="{label_width}" '
                 f'y2="{height - 2}" stroke="{AXIS_COLOUR}"/>')
    parts.append("</svg>")
    return "".join(parts)


def column_chart(items: list[tuple[str, float]], title: str, width: int = 640,
                 height: int = 220) -> str:
    """Vertical columns in the given order (for binned distributions)."""
    if not items:
        return ""
    top_pad, bottom_pad, left = 40, 28, 10
    plot_h = height - top_pad - bottom_pad
    slot = (width - 2 * left) / len(items)
    bar_w = max(4.0, slot * 0.7)
    peak = max(v for _, v in items) or 1
    baseline = height - bottom_pad
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="16" class="chart-title">{escape(title)}</text>']
    for i, (label, value) in enumerate(items):
        x = left + i * slot + (slot - bar_w) / 2
        h = plot_h * value / peak
        cx = x + bar_w / 2
        parts.append(
            f'<g><title>{escape(label)}: {escape(fmt_number(value))}</title>'
            f'<rect x="{x:.1f}" y="{baseline - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{cx:.1f}" y="{baseline - h - 4:.1f}" text-anchor="middle">'
            f'{escape(fmt_number(value))}</text>'
            f'<text x="{cx:.1f}" y="{baseline + 16}" text-anchor="middle">{escape(label)}</text></g>')
    parts.append(f'<line x1="{left}" y1="{baseline}" x2="{width - left}" y2="{baseline}" '
                 f'stroke="{AXIS_COLOUR}"/>')
    parts.append("</svg>")
    return "".join(parts)
