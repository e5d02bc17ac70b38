"""Server-rendered SVG charts. Each chart has a text alternative and a table equivalent on its page.

The deadlines chart is drawn twice from the same rows: :func:`timeline_svg` for a wide screen (names
to the left of their bars) and :func:`timeline_svg_narrow` for a phone (each name on its own line above
its bar, so the bars get the whole width); the stylesheet shows the one that fits. Both show every
State's current deadline and the target year on screen, without scrolling.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from build_hooks.site.context import TimelineRow


def _year_span(rows: Sequence[TimelineRow], target_year: int) -> tuple[int, int]:
    years = [int(r["deadline_iso"][:4]) for r in rows] + [
        int(r["original_deadline_iso"][:4]) for r in rows if r["original_deadline_iso"]
    ]
    return min([*years, target_year]) - 1, max([*years, target_year]) + 1


def _date_scale(x_at: Callable[[float], float]) -> Callable[[str], float]:
    def x(date_text: str) -> float:
        d = dt.date.fromisoformat(date_text)
        return x_at(d.year + (d.timetuple().tm_yday - 1) / 366)

    return x


def _open(css_class: str, width: float, height: float, ids: str, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pfp-chart {css_class}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ids}-title {ids}-desc">',
        f'<title id="{ids}-title">{escape(title)}</title>',
        f'<desc id="{ids}-desc">{escape(description)}</desc>',
    ]


def _bar(r: TimelineRow, y: float, x: Callable[[str], float]) -> list[str]:
    """One State's marks: original deadline (circle), extensions (ticks), current deadline (diamond)."""
    parts = []
    start = x(r["original_deadline_iso"]) if r["original_deadline_iso"] else None
    end = x(r["deadline_iso"])
    if start is not None:
        parts.append(f'<line x1="{start}" y1="{y}" x2="{end}" y2="{y}" class="extension"/>')
        parts.append(f'<circle cx="{start}" cy="{y}" r="4" class="original"/>')
    for tick in r.get("extension_deadlines_iso", []):
        tick_x = x(tick)
        parts.append(f'<line x1="{tick_x}" y1="{y - 5}" x2="{tick_x}" y2="{y + 5}" class="tick"/>')
    parts.append(f'<path d="M{end} {y - 6} L{end + 6} {y} L{end} {y + 6} L{end - 6} {y} Z" class="current"/>')
    return parts


def timeline_svg(
    rows: Sequence[TimelineRow], target_year: int, title: str, description: str, target_label: str | None = None
) -> str:
    """Article 5 deadlines per State: original deadline (circle), each listed extension (tick),
    current deadline (diamond), and the target year (dashed line)."""
    if not rows:
        return ""
    lo, hi = _year_span(rows, target_year)
    # Room for the longest name ("République démocratique du Congo *") at about 8 px a character.
    longest = max(len(r["name"]) + (2 if r["unverified"] else 0) for r in rows)
    label_w = max(190, min(360, 20 + 8 * longest))
    width, row_h, top = label_w + 540, 26, 34
    height = top + row_h * len(rows) + 30
    plot_w = width - label_w - 20

    def x_at(year: float) -> float:
        return round(label_w + (year - lo) / (hi - lo) * plot_w, 1)

    x = _date_scale(x_at)
    parts = _open("pfp-chart-wide", width, height, "pfp-chart", title, description)
    # Grid lines every year, every two years past 14, and at most about 30 whatever the span (a record
    # date may lie anywhere from year 1 to 9999; the axis never parses a date outside them).
    step = 1 if hi - lo <= 14 else max(2, math.ceil((hi - lo) / 30))
    for year in range(lo, hi + 1, step):
        gx = x_at(year)
        parts.append(f'<line x1="{gx}" y1="{top - 8}" x2="{gx}" y2="{height - 26}" class="grid"/>')
        parts.append(f'<text x="{gx}" y="{height - 8}" class="axis" text-anchor="middle">{year}</text>')
    tx = x(dt.date(target_year, 12, 31).isoformat())
    parts.append(f'<line x1="{tx}" y1="{top - 14}" x2="{tx}" y2="{height - 24}" class="target"/>')
    parts.append(
        f'<text x="{tx}" y="{top - 18}" class="axis" text-anchor="middle">{escape(target_label or str(target_year))}</text>'
    )
    for i, r in enumerate(rows):
        y = top + i * row_h + row_h / 2
        name = escape(r["name"]) + (" *" if r["unverified"] else "")
        parts.append(f'<text x="{label_w - 8}" y="{y + 4}" class="label" text-anchor="end">{name}</text>')
        parts += _bar(r, y, x)
    parts.append("</svg>")
    return "".join(parts)


# The narrow chart: drawn 380 units wide, shown at the width of a phone's column (about 340 px), so
# its 15-unit text reads at about 13 px. A name longer than NAME_CHARS goes on two lines.
NARROW_WIDTH = 380
NAME_CHARS = 40
_NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)


def _name_lines(name: str) -> list[str]:
    """A long name split at the space nearest its middle (two lines at most)."""
    if len(name) <= NAME_CHARS or " " not in name:
        return [name]
    middle = len(name) // 2
    cut = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - middle))
    return [name[:cut], name[cut + 1 :]]


def timeline_svg_narrow(
    rows: Sequence[TimelineRow], target_year: int, title: str, description: str, target_label: str | None = None
) -> str:
    """The deadlines chart for a narrow screen: the same marks as :func:`timeline_svg`, each State's
    name on its own line above its bar, year labels at the top and the bottom, the target line labelled
    at the top, every mark inside the drawing (nothing to scroll)."""
    if not rows:
        return ""
    lo, hi = _year_span(rows, target_year)
    left, right = 10, NARROW_WIDTH - 12  # room for a diamond's half-width at either end
    per_year = (right - left) / (hi - lo)
    step = next((s for s in _NICE_STEPS if s * per_year >= 46), _NICE_STEPS[-1])  # "2025" needs about 36 units

    def x_at(year: float) -> float:
        return round(left + (year - lo) * per_year, 1)

    x = _date_scale(x_at)
    names = [_name_lines(escape(r["name"]) + (" *" if r["unverified"] else "")) for r in rows]
    line_h, bar_gap, row_gap = 17, 14, 12
    top = 48  # the target's label, then the year labels
    heights = [line_h * len(lines) + bar_gap + row_gap for lines in names]
    bottom = top + sum(heights)
    height = bottom + 24
    years = [y for y in range(lo, hi + 1) if y % step == 0] or [lo]
    parts = _open("pfp-chart-narrow", NARROW_WIDTH, height, "pfp-chart-narrow", title, description)
    for year in years:
        gx = x_at(year)
        parts.append(f'<line x1="{gx}" y1="{top - 6}" x2="{gx}" y2="{bottom}" class="grid"/>')
        parts.append(f'<text x="{gx}" y="{top - 12}" class="axis" text-anchor="middle">{year}</text>')
        parts.append(f'<text x="{gx}" y="{bottom + 18}" class="axis" text-anchor="middle">{year}</text>')
    tx = x(dt.date(target_year, 12, 31).isoformat())
    anchor = "start" if tx < 70 else "end" if tx > NARROW_WIDTH - 70 else "middle"
    parts.append(f'<line x1="{tx}" y1="{top - 30}" x2="{tx}" y2="{bottom}" class="target"/>')
    parts.append(
        f'<text x="{tx}" y="{top - 32}" class="axis target-label" text-anchor="{anchor}">'
        f"{escape(target_label or str(target_year))}</text>"
    )
    y = top
    for r, lines, h in zip(rows, names, heights, strict=True):
        for n, line in enumerate(lines):
            parts.append(f'<text x="{left}" y="{y + line_h * (n + 1) - 3}" class="label">{line}</text>')
        parts += _bar(r, y + line_h * len(lines) + bar_gap / 2 + 2, x)
        y += h
    parts.append("</svg>")
    return "".join(parts)
