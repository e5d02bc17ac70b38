"""Server-rendered SVG charts. Each chart has a text alternative and a table equivalent on its page."""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from build_hooks.site.context import TimelineRow


def timeline_svg(
    rows: Sequence[TimelineRow], target_year: int, title: str, description: str, target_label: str | None = None
) -> str:
    """Article 5 deadlines per State: original deadline (circle), each listed extension (tick),
    current deadline (diamond), and the target year (dashed line)."""
    if not rows:
        return ""
    years = [int(r["deadline_iso"][:4]) for r in rows] + [
        int(r["original_deadline_iso"][:4]) for r in rows if r["original_deadline_iso"]
    ]
    lo, hi = min([*years, target_year]) - 1, max([*years, target_year]) + 1
    # Room for the longest name ("République démocratique du Congo *") at about 8 px a character.
    longest = max(len(r["name"]) + (2 if r["unverified"] else 0) for r in rows)
    label_w = max(190, min(360, 20 + 8 * longest))
    width, row_h, top = label_w + 540, 26, 34
    height = top + row_h * len(rows) + 30
    plot_w = width - label_w - 20

    def x_at(year: float) -> float:
        return round(label_w + (year - lo) / (hi - lo) * plot_w, 1)

    def x(date_text: str) -> float:
        d = dt.date.fromisoformat(date_text)
        return x_at(d.year + (d.timetuple().tm_yday - 1) / 366)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pfp-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="pfp-chart-title pfp-chart-desc">',
        f'<title id="pfp-chart-title">{escape(title)}</title>',
        f'<desc id="pfp-chart-desc">{escape(description)}</desc>',
    ]
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
        start = x(r["original_deadline_iso"]) if r["original_deadline_iso"] else None
        end = x(r["deadline_iso"])
        if start is not None:
            parts.append(f'<line x1="{start}" y1="{y}" x2="{end}" y2="{y}" class="extension"/>')
            parts.append(f'<circle cx="{start}" cy="{y}" r="4" class="original"/>')
        for tick in r.get("extension_deadlines_iso", []):
            tick_x = x(tick)
            parts.append(f'<line x1="{tick_x}" y1="{y - 5}" x2="{tick_x}" y2="{y + 5}" class="tick"/>')
        parts.append(f'<path d="M{end} {y - 6} L{end + 6} {y} L{end} {y + 6} L{end - 6} {y} Z" class="current"/>')
    parts.append("</svg>")
    return "".join(parts)
