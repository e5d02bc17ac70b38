"""The server-rendered article 5 timeline (SVG), wide and narrow."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from build_hooks.site.charts import NARROW_WIDTH, timeline_svg, timeline_svg_narrow

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


# --- the narrow drawing (phones) ---------------------------------------------------------------

BOTH = pytest.mark.parametrize("draw", [timeline_svg, timeline_svg_narrow], ids=["wide", "narrow"])


@BOTH
def test_both_drawings_have_a_name_a_description_and_a_mark_per_row(draw: Any) -> None:
    root = parse(draw(ROWS, 2025, "Deadlines", "Desc"))
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None and (title.text, desc.text) == ("Deadlines", "Desc")
    assert (root.get("aria-labelledby") or "").split() == [title.get("id"), desc.get("id")]
    assert len([p for p in root.iter(f"{SVG}path") if p.get("class") == "current"]) == len(ROWS)
    assert draw([], 2025, "T", "D") == ""


def test_the_two_drawings_have_their_own_ids_and_classes() -> None:
    wide, narrow = parse(timeline_svg(ROWS, 2025, "T", "D")), parse(timeline_svg_narrow(ROWS, 2025, "T", "D"))
    ids = lambda root: {e.get("id") for e in root.iter() if e.get("id")}  # noqa: E731
    assert ids(wide) and ids(narrow) and not ids(wide) & ids(narrow)  # both on one page
    assert "pfp-chart-wide" in (wide.get("class") or "") and "pfp-chart-narrow" in (narrow.get("class") or "")


def _marks(svg: str) -> list[tuple[float, float]]:
    """Every point of every mark, the diamonds' corners included."""
    points = [(float(x), float(y)) for x, y in re.findall(r"[ML]([-\d.]+) ([-\d.]+)", svg)]
    for a, b in (("x1", "y1"), ("x2", "y2"), ("cx", "cy"), ("x", "y")):
        points += [(float(x), float(y)) for x, y in re.findall(rf'\b{a}="([-\d.]+)" {b}="([-\d.]+)"', svg)]
    return points


def test_the_narrow_drawing_keeps_every_mark_inside_and_names_above_their_bars() -> None:
    rows = [
        row("Angola", "2025-12-31", "2013-01-01"),
        row("Democratic Republic of the Congo and a name far too long for one line", "2033-06-30", "2009-03-01"),
        row("Zimbabwe", "2008-01-01", unverified=True),
    ]
    svg = timeline_svg_narrow(rows, 2025, "T", "D", "end of 2025")
    root = parse(svg)
    _, _, width, height = (float(v) for v in (root.get("viewBox") or "").split())
    assert width == NARROW_WIDTH
    points = _marks(svg)
    assert points and all(0 <= x <= width and 0 <= y <= height for x, y in points)
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    assert [t.text for t in labels] == [
        "Angola",
        "Democratic Republic of the Congo",  # a long name: two lines, cut at the space nearest its middle
        "and a name far too long for one line",
        "Zimbabwe *",
    ]
    assert all(float(t.get("x") or 0) <= 12 for t in labels)  # at the left edge, over the whole width
    diamonds = [p for p in root.iter(f"{SVG}path") if p.get("class") == "current"]
    bars = [float((p.get("d") or "").split()[1]) for p in diamonds]  # the diamond's top point: y - 6
    assert float(labels[0].get("y") or 0) < bars[0] < float(labels[1].get("y") or 0)
    assert float(labels[2].get("y") or 0) < bars[1] < float(labels[3].get("y") or 0)
    target = [t for t in root.iter(f"{SVG}text") if "target-label" in (t.get("class") or "")]
    assert [t.text for t in target] == ["end of 2025"]


def test_the_narrow_drawing_labels_years_far_enough_apart() -> None:
    root = parse(timeline_svg_narrow([row("X", "2035-12-31", "1999-01-01")], 2025, "T", "D"))
    axis = [t for t in root.iter(f"{SVG}text") if t.get("class") == "axis"]
    bottom = max(float(t.get("y") or 0) for t in axis)
    xs = [float(t.get("x") or 0) for t in axis if float(t.get("y") or 0) == bottom]
    years = [int(t.text or 0) for t in axis if float(t.get("y") or 0) == bottom]
    assert len(years) >= 3 and {b - a for a, b in itertools.pairwise(years)} == {5}
    assert min(b - a for a, b in itertools.pairwise(xs)) >= 46  # "2025" is about 36 units wide


def test_the_narrow_target_label_stays_inside_at_either_end() -> None:
    late = parse(timeline_svg_narrow([row("X", "2012-01-01", "2010-01-01")], 2025, "T", "D"))
    label = next(t for t in late.iter(f"{SVG}text") if "target-label" in (t.get("class") or ""))
    assert label.get("text-anchor") == "end"
    early = parse(timeline_svg_narrow([row("X", "2040-01-01", "2038-01-01")], 2025, "T", "D"))
    label = next(t for t in early.iter(f"{SVG}text") if "target-label" in (t.get("class") or ""))
    assert label.get("text-anchor") == "start"
