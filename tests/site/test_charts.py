"""The server-rendered article 5 timeline (SVG)."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from typing import Any

from build_hooks.site.charts import timeline_svg

SVG = "{http://www.w3.org/2000/svg}"


def row(name: str, deadline: str, original: str = "", unverified: bool = False) -> dict[str, Any]:
    return {
        "name": name,
        "url": "states/x/",
        "original_deadline_iso": original,
        "deadline_iso": deadline,
        "extensions": 1,
        "unverified": unverified,
    }


ROWS = [row("Angola", "2025-12-31", "2013-01-01"), row("Cambodia", "2030-12-31", "2010-01-01", unverified=True)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_no_rows_no_chart() -> None:
    assert timeline_svg([], 2025, "T", "D") == ""


def test_accessible_name_and_description() -> None:
    root = parse(timeline_svg(ROWS, 2025, "Deadlines", "Original and current deadlines."))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    labelledby = (root.get("aria-labelledby") or "").split()
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert title.text == "Deadlines" and desc.text == "Original and current deadlines."
    assert labelledby == [title.get("id"), desc.get("id")]
    assert list(root).index(title) == 0  # the title comes first, as assistive technology expects


def test_text_is_escaped() -> None:
    rows = [row('A <b>"&" State', "2030-12-31", "2010-01-01")]
    svg = timeline_svg(rows, 2025, "T <i>&</i>", 'D "<script>"')
    assert "<b>" not in svg and "<i>" not in svg and "<script>" not in svg
    root = parse(svg)  # well-formed XML
    assert root.find(f"{SVG}title").text == "T <i>&</i>"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == 'D "<script>"'  # type: ignore[union-attr]
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert labels == ['A <b>"&" State']


def test_one_label_per_row_with_unverified_marker() -> None:
    root = parse(timeline_svg(ROWS, 2025, "T", "D"))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert labels == ["Angola", "Cambodia *"]
    assert len([p for p in root.iter(f"{SVG}path") if p.get("class") == "current"]) == 2
    assert len([c for c in root.iter(f"{SVG}circle") if c.get("class") == "original"]) == 2


def test_row_without_original_deadline_has_only_the_current_marker() -> None:
    root = parse(timeline_svg([row("X", "2030-12-31")], 2025, "T", "D"))
    assert not list(root.iter(f"{SVG}circle"))
    assert not [ln for ln in root.iter(f"{SVG}line") if ln.get("class") == "extension"]
    assert len(list(root.iter(f"{SVG}path"))) == 1


def test_everything_is_inside_the_view_box_and_target_year_is_marked() -> None:
    svg = timeline_svg(ROWS, 2025, "T", "D")
    root = parse(svg)
    _, _, width, height = (float(v) for v in (root.get("viewBox") or "").split())
    xs = [float(v) for v in re.findall(r'\b(?:x|x1|x2|cx)="([-\d.]+)"', svg)]
    ys = [float(v) for v in re.findall(r'\b(?:y|y1|y2|cy)="([-\d.]+)"', svg)]
    assert xs and all(0 <= x <= width for x in xs)
    assert ys and all(0 <= y <= height for y in ys)
    target = [ln for ln in root.iter(f"{SVG}line") if ln.get("class") == "target"]
    assert len(target) == 1
    axis = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "axis"]
    assert "2025" in axis


def test_later_deadline_is_further_right() -> None:
    root = parse(timeline_svg(ROWS, 2025, "T", "D"))
    diamonds = [p.get("d") or "" for p in root.iter(f"{SVG}path")]
    x_angola, x_cambodia = (float(d.split()[0][1:]) for d in diamonds)
    assert x_angola < x_cambodia


def test_long_spans_label_every_other_year() -> None:
    root = parse(timeline_svg([row("X", "2035-12-31", "2000-01-01")], 2025, "T", "D"))
    axis = [t for t in root.iter(f"{SVG}text") if t.get("class") == "axis"]
    bottom = max(float(t.get("y") or 0) for t in axis)  # the year labels; the target year sits on top
    years = [int(t.text or 0) for t in axis if float(t.get("y") or 0) == bottom]
    steps = {b - a for a, b in itertools.pairwise(years)}
    assert steps == {2}
    assert years[0] == 1999 and years[-1] >= 2035


def test_deterministic() -> None:
    assert timeline_svg(ROWS, 2025, "T", "D") == timeline_svg(ROWS, 2025, "T", "D")
