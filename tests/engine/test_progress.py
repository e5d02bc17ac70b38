"""The 2025 progress index: every status, the projection arithmetic, article 7 and the per-State rows."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, catalog_from, state_yaml

from build_hooks.engine.model import StateFile
from build_hooks.engine.progress import (
    METHOD,
    STATUSES,
    ProgressIndex,
    article7_status,
    compute_article5,
    compute_progress,
    has_obligation,
)

D = dt.date


def make_state(article5: dict[str, Any] | None = None, **obligations: Any) -> StateFile:
    ob: dict[str, Any] = dict(obligations)
    if article5 is not None:
        ob["article5"] = article5
    data: dict[str, Any] = {"schema_version": 1, "state": "KHM", "membership": {"party_since": D(2000, 1, 1)}}
    if ob:
        data["obligations"] = ob
    return StateFile.model_validate(data)


def fig(as_of: dt.date, km2: float, verified: bool = True) -> dict[str, Any]:
    return {"as_of": as_of, "remaining_km2": km2, "source": "report", "verified": verified}


def a5(**fields: Any) -> dict[str, Any]:
    return {"status": "in_progress", **fields}


TWO_FIGURES = [fig(D(2023, 12, 31), 68.0), fig(D(2025, 12, 31), 44.0)]


# --------------------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------------------


def test_no_article5_or_status_none_gives_no_row() -> None:
    assert compute_article5(make_state(), TODAY, 2025) is None
    assert compute_article5(make_state(a5(status="none")), TODAY, 2025) is None


def test_completed() -> None:
    p = compute_article5(make_state(a5(status="completed", completed_on=D(2024, 5, 1))), TODAY, 2025)
    assert p is not None
    assert p.status == "completed"
    assert p.met_target is True


def test_completed_after_the_target_year_did_not_meet_it() -> None:
    p = compute_article5(make_state(a5(status="completed", completed_on=D(2026, 3, 1))), TODAY, 2025)
    assert p is not None and p.status == "completed" and p.met_target is False


def test_completed_without_date_counts_as_met() -> None:
    p = compute_article5(make_state(a5(status="completed")), TODAY, 2025)
    assert p is not None and p.met_target is True


def test_completed_wins_over_a_passed_deadline() -> None:
    p = compute_article5(make_state(a5(status="completed", deadline=D(2020, 1, 1))), TODAY, 2025)
    assert p is not None and p.status == "completed"


def test_on_track_and_projected_year() -> None:
    p = compute_article5(make_state(a5(deadline=D(2030, 12, 31), contamination=TWO_FIGURES)), TODAY, 2025)
    assert p is not None
    years = (D(2025, 12, 31) - D(2023, 12, 31)).days / 365.25
    rate = (68.0 - 44.0) / years
    assert p.rate_km2_per_year == round(rate, 2) == 11.99
    # 44 km² left at about 12 km²/year from 31 December 2025: zero during 2029.
    assert p.projected_year == (D(2025, 12, 31) + dt.timedelta(days=math.ceil(44.0 / rate * 365.25))).year == 2029
    assert p.status == "on_track"
    assert p.met_target is False
    assert p.unverified is False


def test_projected_in_the_deadline_year_is_on_track() -> None:
    p = compute_article5(make_state(a5(deadline=D(2029, 1, 1), contamination=TWO_FIGURES)), TODAY, 2025)
    assert p is not None and p.projected_year == 2029 and p.status == "on_track"


def test_at_risk_when_projection_is_after_the_deadline_year() -> None:
    p = compute_article5(make_state(a5(deadline=D(2028, 12, 31), contamination=TWO_FIGURES)), TODAY, 2025)
    assert p is not None and p.projected_year == 2029 and p.status == "at_risk"


@pytest.mark.parametrize("later", [68.0, 80.0], ids=["flat", "growing"])
def test_at_risk_when_area_is_not_shrinking(later: float) -> None:
    figures = [fig(D(2023, 12, 31), 68.0), fig(D(2025, 12, 31), later)]
    p = compute_article5(make_state(a5(deadline=D(2030, 12, 31), contamination=figures)), TODAY, 2025)
    assert p is not None
    assert p.status == "at_risk"
    assert p.projected_year is None
    assert p.rate_km2_per_year is not None and p.rate_km2_per_year <= 0


def test_nothing_left_projects_the_latest_figure_year() -> None:
    figures = [fig(D(2024, 12, 31), 3.0), fig(D(2025, 12, 31), 0.0)]
    p = compute_article5(make_state(a5(deadline=D(2027, 12, 31), contamination=figures)), TODAY, 2025)
    assert p is not None and p.projected_year == 2025 and p.status == "on_track"


def test_deadline_passed() -> None:
    p = compute_article5(make_state(a5(deadline=D(2025, 12, 31), contamination=TWO_FIGURES)), TODAY, 2025)
    assert p is not None and p.status == "deadline_passed"
    assert p.projected_year == 2029  # still computed and shown


def test_deadline_today_has_not_passed() -> None:
    p = compute_article5(make_state(a5(deadline=TODAY, contamination=TWO_FIGURES)), TODAY, 2025)
    assert p is not None and p.status == "at_risk"


@pytest.mark.parametrize(
    "fields",
    [
        {"contamination": TWO_FIGURES},  # no deadline
        {"deadline": D(2030, 12, 31)},  # no figures
        {"deadline": D(2030, 12, 31), "contamination": [fig(D(2025, 12, 31), 44.0)]},  # one figure
        {"deadline": D(2030, 12, 31), "contamination": [fig(D(2025, 12, 31), 50.0), fig(D(2025, 12, 31), 44.0)]},
    ],
    ids=["no-deadline", "no-figures", "one-figure", "same-date"],
)
def test_insufficient_data(fields: dict[str, Any]) -> None:
    p = compute_article5(make_state(a5(**fields)), TODAY, 2025)
    assert p is not None
    assert p.status == "insufficient_data"
    if "deadline" in fields:  # without a deadline the rate is still computed and shown
        assert p.rate_km2_per_year is None and p.projected_year is None
    else:
        assert p.projected_year == 2029


def test_figures_are_sorted_by_date() -> None:
    p = compute_article5(
        make_state(a5(deadline=D(2030, 12, 31), contamination=list(reversed(TWO_FIGURES)))), TODAY, 2025
    )
    assert p is not None
    assert [pt.as_of for pt in p.series] == [D(2023, 12, 31), D(2025, 12, 31)]
    assert p.projected_year == 2029


def test_first_and_latest_figures_give_the_rate() -> None:
    figures = [fig(D(2021, 12, 31), 100.0), fig(D(2022, 12, 31), 10.0), fig(D(2025, 12, 31), 60.0)]
    p = compute_article5(make_state(a5(deadline=D(2040, 12, 31), contamination=figures)), TODAY, 2025)
    years = (D(2025, 12, 31) - D(2021, 12, 31)).days / 365.25
    assert p is not None and p.rate_km2_per_year == round(40.0 / years, 2)


def test_projection_counts_whole_years_after_the_latest_figure_year() -> None:
    """The documented rounding: year of the latest figure + ceil(remaining / rate)."""
    figures = [fig(D(2024, 6, 30), 20.0), fig(D(2025, 6, 30), 10.0)]
    p = compute_article5(make_state(a5(deadline=D(2030, 12, 31), contamination=figures)), TODAY, 2025)
    assert p is not None and p.rate_km2_per_year is not None
    assert p.projected_year == 2025 + math.ceil(10.0 / ((20.0 - 10.0) / (365 / 365.25)))


def test_unverified_figure_or_block_flags_the_status() -> None:
    figures = [fig(D(2023, 12, 31), 68.0), fig(D(2025, 12, 31), 44.0, verified=False)]
    p = compute_article5(make_state(a5(deadline=D(2030, 12, 31), contamination=figures)), TODAY, 2025)
    assert p is not None and p.unverified is True
    assert [pt.verified for pt in p.series] == [True, False]
    p = compute_article5(
        make_state(a5(deadline=D(2030, 12, 31), contamination=TWO_FIGURES, verified=False)), TODAY, 2025
    )
    assert p is not None and p.unverified is True
    assert [pt.verified for pt in p.series] == [False, False]


def test_extension_count_is_the_larger_of_listed_and_granted() -> None:
    extensions = [{"new_deadline": D(2020, 1, 1)}, {"new_deadline": D(2030, 12, 31)}]
    p = compute_article5(make_state(a5(deadline=D(2030, 12, 31), extensions=extensions)), TODAY, 2025)
    assert p is not None and p.extensions == 2 and p.extension_deadlines == (D(2020, 1, 1), D(2030, 12, 31))
    p = compute_article5(
        make_state(a5(deadline=D(2030, 12, 31), extensions=extensions, extensions_granted=3)), TODAY, 2025
    )
    assert p is not None and p.extensions == 3
    p = compute_article5(make_state(a5(deadline=D(2030, 12, 31))), TODAY, 2025)
    assert p is not None and p.extensions == 0


# --------------------------------------------------------------------------------------
# Article 7 and obligations
# --------------------------------------------------------------------------------------


def _reports(*covers: int) -> StateFile:
    return StateFile.model_validate(
        {
            "schema_version": 1,
            "state": "KHM",
            "membership": {"party_since": D(2000, 1, 1)},
            "reporting": {"article7": [{"covers": c} for c in covers]},
        }
    )


@pytest.mark.parametrize(
    ("covers", "today", "latest", "missing"),
    [
        ((), D(2026, 11, 27), None, True),
        ((2024,), D(2026, 11, 27), 2024, True),
        ((2024, 2025), D(2026, 11, 27), 2025, False),
        ((2025, 2023), D(2026, 5, 1), 2025, False),
        ((2024,), D(2026, 4, 30), 2024, False),  # due on 30 April: not missing that day
        ((2024,), D(2026, 5, 1), 2024, True),  # missing from 1 May
        ((), D(2026, 1, 15), None, False),
        ((2026,), D(2027, 6, 1), 2026, False),
    ],
)
def test_article7_missing_after_30_april(
    covers: tuple[int, ...], today: dt.date, latest: int | None, missing: bool
) -> None:
    assert article7_status(_reports(*covers), today) == (latest, missing)


def test_has_obligation() -> None:
    assert has_obligation(make_state()) is False
    assert has_obligation(make_state(a5(status="none"))) is False
    assert has_obligation(make_state(a5())) is True
    assert has_obligation(make_state(a5(status="completed"))) is True
    assert has_obligation(make_state(article4={"status": "none"})) is False
    assert has_obligation(make_state(article4={"status": "in_progress"})) is True
    assert has_obligation(make_state(victim_assistance={"significant_survivors": True})) is False


# --------------------------------------------------------------------------------------
# The whole index
# --------------------------------------------------------------------------------------

KHM = """\
obligations:
  article5:
    status: in_progress
    deadline: 2030-12-31
    source: report
    contamination:
      - {as_of: 2023-12-31, remaining_km2: 68.0, source: report}
      - {as_of: 2025-12-31, remaining_km2: 44.0, source: report}
reporting:
  article7: [{covers: 2025}]
needs:
  - {id: KHM-N-001, title: Answered, area: clearance, kind: financial, status: open}
  - {id: KHM-N-002, title: Unanswered, area: clearance, kind: equipment, status: partially_met}
  - {id: KHM-N-003, title: Done, area: capacity, kind: expertise, status: met}
"""
AGO = """\
obligations:
  article5: {status: in_progress, deadline: 2025-12-31, source: report}
"""
GRC = """\
obligations:
  article4: {status: in_progress, stockpile_remaining: 100, source: report}
"""
NOR = """\
obligations:
  article4: {status: completed, source: report}
offers:
  - {id: NOR-O-001, title: Named, area: clearance, kind: financial, status: committed, eligible: any,
     responds_to: [KHM-N-001, KHM-N-003]}
  - {id: NOR-O-002, title: Named too, area: clearance, kind: financial, status: available, eligible: any,
     responds_to: [KHM-N-001]}
"""
CHE = "offers: []\n"


@pytest.fixture
def index(tmp_path: Path) -> ProgressIndex:
    states = {
        "KHM": state_yaml("KHM", KHM),
        "AGO": state_yaml("AGO", AGO),
        "GRC": state_yaml("GRC", GRC),
        "NOR": state_yaml("NOR", NOR),
        "CHE": state_yaml("CHE", CHE),
    }
    return compute_progress(catalog_from(tmp_path, states), 2025)


def test_rows_cover_states_with_an_obligation_only(index: ProgressIndex) -> None:
    assert [r.iso3 for r in index.rows] == ["AGO", "GRC", "KHM", "NOR"]
    assert index.as_of == TODAY and index.target_year == 2025


def test_counts_cover_article5_statuses_only(index: ProgressIndex) -> None:
    counts = index.counts()
    assert list(counts) == list(STATUSES)
    assert counts == {"completed": 0, "on_track": 1, "at_risk": 0, "deadline_passed": 1, "insufficient_data": 0}


def test_row_details(index: ProgressIndex) -> None:
    rows = {r.iso3: r for r in index.rows}
    khm = rows["KHM"]
    assert khm.article5 is not None and khm.article5.status == "on_track" and khm.article5.projected_year == 2029
    assert (khm.open_needs, khm.responded_needs, khm.offers_responding) == (2, 1, 2)
    assert khm.share_matched == 0.5
    assert (khm.article7_latest, khm.article7_missing) == (2025, False)
    assert rows["AGO"].article5 is not None and rows["AGO"].article5.status == "deadline_passed"
    assert rows["AGO"].article7_missing is True and rows["AGO"].share_matched is None
    grc = rows["GRC"]
    assert grc.article5 is None and grc.article4_status == "in_progress" and grc.article4_remaining == 100
    assert rows["NOR"].article4_status == "completed"


def test_method_text_is_the_module_documentation() -> None:
    for status in ("completed", "deadline passed without extension", "on track", "at risk", "insufficient data"):
        assert f"**{status}**" in METHOD
    assert "from the date of the latest figure" in METHOD
