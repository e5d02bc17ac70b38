"""SECURITY.md item 32: a valid file never crashes the build (dates near the calendar's ends, numeric overflow).

State files: a year outside 1997-2100 is refused with its place (the Convention entered into force in
1999; nothing a State writes is older than its negotiation or later than this century). The record
may hold any calendar date its tables accept, so every stage copes: the progress projection, the
chart, the pages, the API, the CSV, the feeds and the calendar.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from helpers import TODAY, make_site, site_settings, state_yaml, validate_texts, write_record

from build_hooks.engine.progress import _rate
from build_hooks.engine.record import Fact
from build_hooks.engine.tables import PartialDate
from build_hooks.site.builder import output_files, prepare_build
from build_hooks.site.charts import timeline_svg

NEED = """\
needs:
  - id: KHM-N-001
    title: Land release
    area: clearance
    kind: financial
    status: open
"""


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (NEED + "    posted: 0999-01-01\n", (10, 13)),
        (NEED + "    updated: 0001-01-01\n", (10, 14)),
        (NEED + "    period: {start: 2026-01-01, end: 9999-12-31}\n", (10, 38)),
        (NEED + "    period: {start: 1996-12-31}\n", (10, 21)),
        (NEED + "    posted: 2101-01-01\n", (10, 13)),
    ],
    ids=["posted-0999", "updated-0001", "period-end-9999", "period-start-1996", "posted-2101"],
)
def test_state_file_dates_outside_1997_to_2100_are_refused_with_their_place(
    tmp_path: Path, body: str, where: tuple[int, int]
) -> None:
    result = validate_texts(tmp_path, {"KHM": state_yaml("KHM", body)})
    problems = [p for p in result.errors if p.path == "states/KHM.yml"]
    assert [(p.rule, (p.line, p.col)) for p in problems] == [("schema-date", where)], [p.text() for p in problems]
    assert "the year should be between 1997 and 2100" in problems[0].message
    assert problems[0].hint


def test_state_file_dates_at_the_edges_of_1997_to_2100_are_accepted(tmp_path: Path) -> None:
    body = NEED + "    posted: 1997-01-01\n    period: {start: 1997-01-01, end: 2100-12-31}\n"
    result = validate_texts(tmp_path, {"KHM": state_yaml("KHM", body, last_reviewed="2026-10-01")})
    assert result.ok, [p.text() for p in result.errors]


def test_last_reviewed_far_in_the_past_is_refused(tmp_path: Path) -> None:
    result = validate_texts(tmp_path, {"KHM": state_yaml("KHM", last_reviewed="0001-01-01")})
    assert [(p.rule, p.line) for p in result.errors] == [("schema-date", 3)]


A5 = "KHM,outstanding,{original},yes,{completed},Convention,2025,yes,"
RECORD_EDGES = {
    "deadline-9999-12-31": {"article5": [A5.format(original="9999-12-31", completed="")]},
    "deadline-0001-01-01": {"article5": [A5.format(original="0001-01-01", completed="")]},
    "decision-deadline-9999": {
        "article5": [A5.format(original="2009-01-01", completed="")],
        "article5_decisions": ["KHM,1,extension,9MSP,2008,9999-12-31,Decision,2008,yes,"],
    },
    "figures-at-year-9999": {
        "article5": [A5.format(original="2030-12-31", completed="")],
        "contamination": ["KHM,9998,68,,Report,yes,", "KHM,9999-12,44,,Report,yes,"],
    },
    "figures-from-year-1-to-9999": {
        "article5": [A5.format(original="9999-12-31", completed="")],
        "contamination": ["KHM,0001,10000000,,Report,yes,", "KHM,9999-12-31,9999999.99,,Report,yes,"],
    },
    "completed-9999-12": {"article5": [A5.format(original="2030-12-31", completed="9999-12")]},
    "article4-deadline-9999": {"article4": ["KHM,outstanding,9999-12-31,Report,9999-12,yes,"]},
}


@pytest.mark.parametrize("rows", list(RECORD_EDGES.values()), ids=list(RECORD_EDGES))
def test_record_dates_at_the_calendars_ends_never_crash_a_stage(tmp_path: Path, rows: dict[str, list[str]]) -> None:
    """Every stage runs: validation, the progress index, every page (and the chart), the API, CSV, feeds, calendar."""
    root = make_site(tmp_path, {"KHM": state_yaml("KHM", NEED)})
    write_record(root, **rows)
    build = prepare_build(root / "mkdocs.yml", site_settings(root / "mkdocs.yml", history=False), today=TODAY)
    assert build.site is not None, [p.text() for p in build.validation.errors]
    assert build.site.pages
    files = output_files(build, "https://example.org/pfp/")
    assert files["data/deadlines.ics"].startswith("BEGIN:VCALENDAR")
    assert "Infinity" not in files["api/v1/progress.json"] and "NaN" not in files["api/v1/progress.json"]


def _figure(as_of: PartialDate, km2: float) -> Fact:
    return Fact("value", (as_of, km2), source="Report", verified=True)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ((PartialDate(2020), 1e7), (PartialDate(2025), 1e7 - 1e-9)),  # a tiny positive rate: centuries left
        ((PartialDate(2020), 5e-324), (PartialDate(2025), 0.0)),  # the smallest positive area
        ((PartialDate(2020), 1e308), (PartialDate(2020, 1, 2), 0.5)),  # a huge area over one day
        ((PartialDate(2020), 1e308), (PartialDate(2025), -1e308)),  # the difference overflows
        ((PartialDate(9998), 68.0), (PartialDate(9999, 12), 44.0)),  # the projection passes year 9999
        ((PartialDate(1), 1e7), (PartialDate(9999, 12, 31), 9_999_999.0)),
        ((PartialDate(2020), math.inf), (PartialDate(2025), 3.0)),
    ],
    ids=["tiny-rate", "tiny-area", "huge-area", "overflowing-difference", "past-9999", "year-1-to-9999", "infinite"],
)
def test_clearance_rate_overflow_never_crashes(
    first: tuple[PartialDate, float], last: tuple[PartialDate, float]
) -> None:
    rate, projected = _rate((_figure(*first), _figure(*last)))
    assert rate is None or math.isfinite(rate)
    assert projected is None or 1 <= projected <= 9999


def test_the_chart_copes_with_deadlines_at_the_calendars_ends() -> None:
    rows = [
        {
            "name": "Cambodia",
            "unverified": False,
            "deadline_iso": "9999-12-31",
            "original_deadline_iso": "0001-01-01",
            "extension_deadlines_iso": ["0999-06-30", "9999-12-31"],
        }
    ]
    svg = timeline_svg(rows, 2025, "Deadlines", "Deadlines per State")  # type: ignore[arg-type]
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('class="grid"') <= 40  # a readable axis, not 10,000 grid lines
    assert dt.date.max.isoformat() == "9999-12-31"
