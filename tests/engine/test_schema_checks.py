"""Schema problems in plain words: a date in another layout gets the YYYY-MM-DD it means."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import state_yaml, validate_texts

from build_hooks.engine.schema_checks import suggest_dates


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("28/04/2026", ["2026-04-28"]),  # day first: only one reading is a date
        ("28.04.2026", ["2026-04-28"]),
        ("2026-4-3", ["2026-04-03"]),  # year first is always year, month, day
        ("2026/04/03", ["2026-04-03"]),
        ("03/04/2026", ["2026-04-03", "2026-03-04"]),  # either way round: both, day first first
        ("12/12/2026", ["2026-12-12"]),  # the same date both ways: named once
    ],
)
def test_suggests_the_date_meant(typed: str, meant: list[str]) -> None:
    assert suggest_dates(typed) == meant


@pytest.mark.parametrize("typed", ["2026/04/31", "1/2/26", "31/31/2026", "01/01/2200", "next week", 2026, None])
def test_no_suggestion_that_would_be_refused(typed: object) -> None:
    assert suggest_dates(typed) == []


def test_the_validator_hint_gives_the_date(tmp_path: Path) -> None:
    result = validate_texts(tmp_path, {"SEN": state_yaml("SEN", last_reviewed="28/04/2026")})
    (problem,) = [p for p in result.problems if p.rule == "schema-date"]
    assert (problem.line, problem.col) == (3, 16)
    assert problem.hint.startswith("did you mean 2026-04-28? ")
