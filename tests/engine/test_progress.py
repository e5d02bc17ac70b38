"""The progress index from the official record: every status, deadlines and extensions, the projection
arithmetic, article 7, and the per-State rows (parties only, examples never counted)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from helpers import TODAY, catalog_from, state_yaml, validate_texts, write_record

from build_hooks.engine.catalog import index_catalog
from build_hooks.engine.progress import (
    METHOD,
    STATUSES,
    Article5Progress,
    ProgressIndex,
    article7_status,
    compute_article5,
    compute_progress,
    has_obligation,
)
from build_hooks.engine.record import NOT_RECORDED, StateRecord, load_record
from build_hooks.engine.tables import PartialDate
from build_hooks.i18n import translator

D = dt.date
SOURCE = "Mine Action Review 2025"


# --------------------------------------------------------------------------------------
# Record rows (column order: the header lines of tests/engine/fixture-record/*.csv)
# --------------------------------------------------------------------------------------


def a5(
    obligation: str = "outstanding",
    original: str = "",
    chain: str = "",
    completed: str = "",
    *,
    iso3: str = "KHM",
    as_of: str = "2025",
    verified: str = "yes",
) -> str:
    """An article5 row: iso3,obligation,original_deadline,chain_complete,completed_on,source,as_of,verified,note."""
    return f"{iso3},{obligation},{original},{chain},{completed},{SOURCE},{as_of},{verified},"


def decision(
    seq: int,
    deadline: str,
    *,
    iso3: str = "KHM",
    kind: str = "extension",
    meeting: str = "9MSP",
    decided: str = "2008",
    source: str = "Decision of the meeting",
    verified: str = "yes",
) -> str:
    """iso3,seq,decision,meeting,decided_on,deadline,source,as_of,verified,note."""
    return f"{iso3},{seq},{kind},{meeting},{decided},{deadline},{source},{decided},{verified},"


def figure(as_of: str, km2: float, *, iso3: str = "KHM", qualifier: str = "", verified: str = "yes") -> str:
    """iso3,as_of,remaining_km2,qualifier,source,verified,note."""
    return f"{iso3},{as_of},{km2},{qualifier},Article 7 report {as_of[:4]},{verified},"


def finding(kind: str, date: str = "2026-11", *, iso3: str = "KHM", text: str = "The request was not approved.") -> str:
    """iso3,kind,meeting,date,finding,source,as_of,verified,note."""
    return f"{iso3},{kind},22MSP,{date},{text},Final report of the meeting,{date[:4]},yes,"


def report(covers: int, received: str = "", *, iso3: str = "KHM") -> str:
    """iso3,covers,received,source,as_of,verified,note."""
    return f"{iso3},{covers},{received},Article 7 database,{covers + 1},yes,"


def article4(status: str, deadline: str = "", *, iso3: str = "KHM") -> str:
    """iso3,status,deadline,source,as_of,verified,note."""
    return f"{iso3},{status},{deadline},Article 7 report,2025,yes,"


TWO_FIGURES = [figure("2023-12-31", 68.0), figure("2025-12-31", 44.0)]


def state_record(tmp_path: Path, iso3: str = "KHM", **rows: list[str]) -> StateRecord:
    """The record of ``iso3`` with ``rows`` added to the fixture record; the record must load cleanly."""
    write_record(tmp_path, **rows)
    record, problems = load_record(tmp_path)
    assert problems == [], [p.text() for p in problems]
    return record.get(iso3)


def progress(tmp_path: Path, today: dt.date = TODAY, target_year: int = 2025, **rows: list[str]) -> Article5Progress:
    p = compute_article5(state_record(tmp_path, **rows), today, target_year)
    assert p is not None
    return p


# --------------------------------------------------------------------------------------
# No article 5 obligation
# --------------------------------------------------------------------------------------


def test_no_article5_row_or_obligation_none_gives_no_progress(tmp_path: Path) -> None:
    assert compute_article5(state_record(tmp_path), TODAY, 2025) is None
    assert compute_article5(state_record(tmp_path, article5=[a5("none")]), TODAY, 2025) is None


# --------------------------------------------------------------------------------------
# The current deadline and the extensions, derived from the decisions
# --------------------------------------------------------------------------------------


def test_current_deadline_is_the_original_deadline_without_decisions(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2030-12-31")])
    assert p.original_deadline.value == D(2030, 12, 31)
    assert p.deadline == p.original_deadline
    assert p.deadline.source == SOURCE and p.deadline.verified is True
    assert p.decisions == ()


def test_current_deadline_is_the_latest_decision_deadline(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2010-01-01", chain="yes")],
        # listed out of order in the table: the decisions come back in seq order
        article5_decisions=[
            decision(2, "2030-12-31", meeting="18MSP", decided="2020", source="Decision 18MSP"),
            decision(1, "2020-01-01", meeting="9MSP", decided="2008"),
        ],
    )
    assert p.original_deadline.value == D(2010, 1, 1)
    assert p.deadline.value == D(2030, 12, 31)
    assert p.deadline.source == "Decision 18MSP"
    assert [(d.seq, d.meeting, d.decided_on) for d in p.decisions] == [
        (1, "9MSP", PartialDate(2008)),
        (2, "18MSP", PartialDate(2020)),
    ]


def test_current_deadline_is_the_latest_date_not_the_last_seq(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2010-01-01", chain="yes")],
        article5_decisions=[
            decision(1, "2028-12-31"),
            decision(2, "2026-06-30", kind="interim_extension", decided="2024"),
        ],
    )
    assert p.deadline.value == D(2028, 12, 31)
    assert p.extensions.value == 2  # an interim extension is a decision too


def test_a_decision_without_a_deadline_counts_but_sets_no_deadline(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2010-01-01", chain="yes")],
        article5_decisions=[decision(1, "2020-01-01"), decision(2, "", decided="2019")],
    )
    assert p.deadline.value == D(2020, 1, 1)
    assert p.decisions[1].deadline.state == "not_recorded"
    assert p.extensions.value == 2
    # Both decisions are verified rows, so the count is verified, though one deadline is not recorded.
    assert p.extensions.verified is True
    assert p.decisions[1].deadline.verified is True and p.decisions[1].deadline.as_of is not None


def test_decisions_without_deadlines_leave_the_current_deadline_not_recorded(tmp_path: Path) -> None:
    """A decision moved the deadline to a date the record does not hold: the original one is no longer current."""
    p = progress(tmp_path, article5=[a5(original="2030-12-31", chain="yes")], article5_decisions=[decision(1, "")])
    assert p.deadline.state == "not_recorded"
    assert (p.status, p.missing) == ("insufficient_data", "deadline")


def test_extensions_count_the_decisions_when_the_chain_is_complete(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2010-01-01", chain="yes")],
        article5_decisions=[decision(1, "2020-01-01"), decision(2, "2030-12-31", source="Decision 18MSP")],
    )
    ext = p.extensions
    assert (ext.state, ext.value, ext.at_least) == ("value", 2, False)
    assert ext.verified is True
    assert ext.source == "Decision 18MSP"  # the newest decision's source


@pytest.mark.parametrize("chain", ["no", ""], ids=["chain-no", "chain-empty"])
def test_extensions_are_at_least_n_when_the_chain_is_incomplete(tmp_path: Path, chain: str) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2010-01-01", chain=chain)],
        article5_decisions=[decision(1, "2030-12-31")],
    )
    ext = p.extensions
    assert (ext.state, ext.value, ext.at_least) == ("value", 1, True)
    assert ext.verified is False  # a lower bound is never a verified count
    assert p.deadline.value == D(2030, 12, 31)


def test_no_extension_is_none_when_the_chain_is_complete(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2030-12-31", chain="yes")])
    ext = p.extensions
    assert (ext.state, ext.value, ext.at_least) == ("none", 0, False)
    assert ext.known is False
    assert ext.source == SOURCE and ext.verified is True


@pytest.mark.parametrize("chain", ["no", ""], ids=["chain-no", "chain-empty"])
def test_no_extension_is_not_recorded_when_the_chain_is_incomplete(tmp_path: Path, chain: str) -> None:
    p = progress(tmp_path, article5=[a5(original="2030-12-31", chain=chain)])
    assert p.extensions.state == "not_recorded"
    assert p.extensions.value is None  # never turned into 0
    assert p.extensions.source == SOURCE


def test_extensions_of_a_state_without_article5_are_not_recorded(tmp_path: Path) -> None:
    assert state_record(tmp_path, article5=[a5("none", chain="yes")]).extensions() == NOT_RECORDED
    assert state_record(tmp_path).extensions() == NOT_RECORDED


# --------------------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "expected", "met"),
    [
        ("2013", PartialDate(2013), True),
        ("2024-05", PartialDate(2024, 5), True),
        ("2024-05-01", PartialDate(2024, 5, 1), True),
        ("2025", PartialDate(2025), True),
        ("2026-03-01", PartialDate(2026, 3, 1), False),
    ],
)
def test_completed_on_gives_completed(tmp_path: Path, completed: str, expected: PartialDate, met: bool) -> None:
    p = progress(tmp_path, article5=[a5("completed", original="2010-01-01", completed=completed)])
    assert p.status == "completed" and p.missing == ""
    assert p.completed_on.value == expected and p.completed_on.source == SOURCE
    assert p.met_target is met


def test_completed_on_wins_over_an_outstanding_word(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5("outstanding", original="2010-01-01", completed="2013")])
    assert p.status == "completed"


def test_completed_without_a_date_has_no_recorded_target(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5("completed")])
    assert p.status == "completed"
    assert p.completed_on.state == "not_recorded"
    assert p.met_target is None


def test_completed_wins_over_a_passed_deadline_and_findings(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5("completed", original="2010-01-01", completed="2013")],
        findings=[finding("non_compliant", "2012"), finding("request_not_approved", "2011")],
    )
    assert p.status == "completed"
    assert len(p.findings) == 2  # still shown


def test_on_track_and_projected_year(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2030-12-31")], contamination=TWO_FIGURES)
    years = (D(2025, 12, 31) - D(2023, 12, 31)).days / 365.25
    rate = (68.0 - 44.0) / years
    assert p.rate_km2_per_year == round(rate, 2) == 11.99
    # 44 km² left at about 12 km²/year from 31 December 2025: zero during 2029.
    assert p.projected_year == (D(2025, 12, 31) + dt.timedelta(days=math.ceil(44.0 / rate * 365.25))).year == 2029
    assert (p.status, p.missing) == ("on_track", "")
    assert p.met_target is None  # outstanding, and no source after 2025 says so
    assert p.unverified is False


def test_outstanding_in_a_source_after_the_target_year_did_not_meet_it(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2030-12-31", as_of="2026")], contamination=TWO_FIGURES)
    assert p.met_target is False
    p = progress(tmp_path, article5=[a5(original="2030-12-31", as_of="")], contamination=TWO_FIGURES)
    assert p.met_target is None


def test_year_only_figures_mean_the_end_of_the_year(tmp_path: Path) -> None:
    p = progress(
        tmp_path, article5=[a5(original="2030-12-31")], contamination=[figure("2023", 68.0), figure("2025", 44.0)]
    )
    assert (p.rate_km2_per_year, p.projected_year, p.status) == (11.99, 2029, "on_track")
    assert [f.value for f in p.series] == [(PartialDate(2023), 68.0), (PartialDate(2025), 44.0)]


def test_projected_in_the_deadline_year_is_on_track(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2029-01-01")], contamination=TWO_FIGURES)
    assert p.projected_year == 2029 and p.status == "on_track"


def test_at_risk_when_projection_is_after_the_deadline_year(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2028-12-31")], contamination=TWO_FIGURES)
    assert p.projected_year == 2029 and p.status == "at_risk"


def test_an_extension_decision_moves_at_risk_to_on_track(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2028-12-31", chain="yes")],
        article5_decisions=[decision(1, "2030-12-31", decided="2027")],
        contamination=TWO_FIGURES,
    )
    assert p.status == "on_track"


@pytest.mark.parametrize("later", [68.0, 80.0], ids=["flat", "growing"])
def test_at_risk_when_area_is_not_shrinking(tmp_path: Path, later: float) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2030-12-31")],
        contamination=[figure("2023-12-31", 68.0), figure("2025-12-31", later)],
    )
    assert p.status == "at_risk"
    assert p.projected_year is None
    assert p.rate_km2_per_year is not None and p.rate_km2_per_year <= 0


def test_a_projection_beyond_500_years_is_not_given(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2030-12-31")],
        contamination=[figure("2024-12-31", 100.0), figure("2025-12-31", 99.9)],
    )
    assert p.rate_km2_per_year == 0.1 and p.projected_year is None and p.status == "at_risk"


def test_nothing_left_projects_the_latest_figure_year(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2027-12-31")],
        contamination=[figure("2024-12-31", 3.0), figure("2025-12-31", 0.0)],
    )
    assert p.projected_year == 2025 and p.status == "on_track"


@pytest.mark.parametrize("kind", ["request_not_approved", "other"])
def test_a_passed_deadline_with_a_finding_is_finding(tmp_path: Path, kind: str) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2025-03-01")],
        findings=[finding(kind, "2025-12", text="The Meeting did not approve the request.")],
        contamination=TWO_FIGURES,
    )
    assert (p.status, p.missing) == ("finding", "")
    assert [(f.kind, f.meeting, f.date) for f in p.findings] == [(kind, "22MSP", PartialDate(2025, 12))]
    text = p.findings[0].text
    assert (text.value, text.source) == ("The Meeting did not approve the request.", "Final report of the meeting")


def test_a_finding_superseded_by_a_later_deadline_does_not_set_the_status(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2020-01-01", chain="yes")],
        article5_decisions=[decision(1, "2030-12-31", decided="2021")],
        findings=[finding("request_not_approved", "2019")],
        contamination=TWO_FIGURES,
    )
    assert p.status == "on_track"


@pytest.mark.parametrize("deadline", ["2025-03-01", "2030-12-31"], ids=["deadline-passed", "deadline-ahead"])
def test_only_a_non_compliance_finding_gives_non_compliant(tmp_path: Path, deadline: str) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original=deadline)],
        findings=[finding("non_compliant", "2026", text="The State is not in compliance with article 5.")],
        contamination=TWO_FIGURES,
    )
    assert (p.status, p.missing) == ("non_compliant", "")


def test_request_not_approved_is_never_non_compliant(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2025-03-01")],
        findings=[finding("request_not_approved", "2025"), finding("other", "2026")],
    )
    assert p.status == "finding"


def test_a_passed_deadline_without_a_finding_is_deadline_passed_unrecorded(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2025-12-31")], contamination=TWO_FIGURES)
    assert (p.status, p.missing) == ("deadline_passed_unrecorded", "")
    assert p.projected_year == 2029  # still computed and shown


def test_a_passed_extended_deadline_is_deadline_passed_unrecorded(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2010-01-01", chain="no")],
        article5_decisions=[decision(1, "2020-01-01"), decision(2, "2025-12-31", decided="2020")],
    )
    assert p.deadline.value == D(2025, 12, 31)
    assert p.status == "deadline_passed_unrecorded"
    assert (p.extensions.value, p.extensions.at_least) == (2, True)


def test_deadline_today_has_not_passed(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original=TODAY.isoformat())], contamination=TWO_FIGURES)
    assert p.status == "at_risk"
    p = progress(tmp_path, today=TODAY + dt.timedelta(days=1), article5=[a5(original=TODAY.isoformat())])
    assert p.status == "deadline_passed_unrecorded"


def test_unresolved_obligation_is_insufficient_data(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5("unresolved", original="2030-12-31")], contamination=TWO_FIGURES)
    assert (p.status, p.missing) == ("insufficient_data", "status_unresolved")
    p = progress(tmp_path, article5=[a5("unresolved", original="2020-01-01")])
    assert (p.status, p.missing) == ("insufficient_data", "status_unresolved")  # even with a passed deadline


def test_no_deadline_is_insufficient_data_and_the_rate_is_still_shown(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5()], contamination=TWO_FIGURES)
    assert (p.status, p.missing) == ("insufficient_data", "deadline")
    assert p.deadline.state == "not_recorded"
    assert (p.rate_km2_per_year, p.projected_year) == (11.99, 2029)


@pytest.mark.parametrize(
    "figures",
    [[], [figure("2025-12-31", 44.0)]],
    ids=["no-figures", "one-figure"],
)
def test_fewer_than_two_figures_is_insufficient_data(tmp_path: Path, figures: list[str]) -> None:
    p = progress(tmp_path, article5=[a5(original="2030-12-31")], contamination=figures)
    assert (p.status, p.missing) == ("insufficient_data", "figures")
    assert p.rate_km2_per_year is None and p.projected_year is None
    assert len(p.series) == len(figures)


# --------------------------------------------------------------------------------------
# The arithmetic and the facts behind it
# --------------------------------------------------------------------------------------


def test_figures_are_sorted_by_date(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2030-12-31")], contamination=list(reversed(TWO_FIGURES)))
    assert [f.value[0] for f in p.series] == [PartialDate(2023, 12, 31), PartialDate(2025, 12, 31)]
    assert p.projected_year == 2029


def test_first_and_latest_figures_give_the_rate(tmp_path: Path) -> None:
    figures = [figure("2021-12-31", 100.0), figure("2022-12-31", 10.0), figure("2025-12-31", 60.0)]
    p = progress(tmp_path, article5=[a5(original="2040-12-31")], contamination=figures)
    years = (D(2025, 12, 31) - D(2021, 12, 31)).days / 365.25
    assert p.rate_km2_per_year == round(40.0 / years, 2)


def test_projection_counts_from_the_date_of_the_latest_figure(tmp_path: Path) -> None:
    figures = [figure("2024-06-30", 20.0), figure("2025-06-30", 10.0)]
    p = progress(tmp_path, article5=[a5(original="2030-12-31")], contamination=figures)
    rate = (20.0 - 10.0) / (365 / 365.25)
    assert p.rate_km2_per_year == round(rate, 2)
    assert p.projected_year == (D(2025, 6, 30) + dt.timedelta(days=math.ceil(10.0 / rate * 365.25))).year == 2026


def test_figures_keep_their_qualifier_source_and_verification(tmp_path: Path) -> None:
    figures = [figure("2023-12-31", 68.0, qualifier="estimate"), figure("2025-12-31", 44.0, qualifier="at_least")]
    p = progress(tmp_path, article5=[a5(original="2030-12-31")], contamination=figures)
    assert [(f.qualifier, f.source, f.verified) for f in p.series] == [
        ("estimate", "Article 7 report 2023", True),
        ("at_least", "Article 7 report 2025", True),
    ]


def test_an_unverified_figure_flags_the_status(tmp_path: Path) -> None:
    figures = [figure("2023-12-31", 68.0), figure("2025-12-31", 44.0, verified="no")]
    p = progress(tmp_path, article5=[a5(original="2030-12-31")], contamination=figures)
    assert p.unverified is True
    assert [f.verified for f in p.series] == [True, False]


def test_an_unverified_obligation_row_flags_the_status_but_not_the_figures(tmp_path: Path) -> None:
    p = progress(tmp_path, article5=[a5(original="2030-12-31", verified="no")], contamination=TWO_FIGURES)
    assert p.unverified is True
    assert p.deadline.verified is False
    assert [f.verified for f in p.series] == [True, True]  # each fact carries its own row's verification


def test_an_unverified_decision_flags_the_status(tmp_path: Path) -> None:
    p = progress(
        tmp_path,
        article5=[a5(original="2010-01-01", chain="yes")],
        article5_decisions=[decision(1, "2030-12-31", verified="no")],
        contamination=TWO_FIGURES,
    )
    assert p.unverified is True and p.extensions.verified is False


def test_figures_of_the_same_year_with_different_precision_load(tmp_path: Path) -> None:
    rec = state_record(
        tmp_path, article5=[a5(original="2030-12-31")], contamination=[figure("2024", 50.0), figure("2024-06-30", 60.0)]
    )
    assert len(rec.contamination) == 2


# --------------------------------------------------------------------------------------
# Article 7 and obligations
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("covers", "today", "latest", "last_year"),
    [
        ((), D(2026, 11, 27), None, False),
        ((), D(2026, 1, 15), None, False),
        ((2024,), D(2026, 11, 27), 2024, False),
        ((2024, 2025), D(2026, 11, 27), 2025, True),
        ((2023, 2025), D(2026, 5, 1), 2025, True),
        ((2024,), D(2026, 4, 30), 2024, False),
        ((2024,), D(2025, 3, 1), 2024, True),
        ((2026,), D(2027, 6, 1), 2026, True),
        ((2026,), D(2026, 11, 27), 2026, False),  # a report on the current year is not last year's
    ],
)
def test_article7_latest_and_last_year(
    tmp_path: Path, covers: tuple[int, ...], today: dt.date, latest: int | None, last_year: bool
) -> None:
    rec = state_record(tmp_path, article7=[report(c) for c in covers])
    got_latest, got_last_year = article7_status(rec, today)
    if latest is None:
        assert got_latest == NOT_RECORDED
    else:
        assert (got_latest.state, got_latest.value) == ("value", latest)
        assert got_latest.source == "Article 7 database" and got_latest.verified is True
    if last_year:
        assert (got_last_year.state, got_last_year.value) == ("value", True)
        assert got_last_year.as_of == PartialDate(today.year)  # the row of last year's report
    else:
        assert got_last_year == NOT_RECORDED
    # never "missing": no Fact says False
    assert got_last_year.value is not False and got_latest.value is not False


def test_article7_reports_newest_first(tmp_path: Path) -> None:
    rec = state_record(tmp_path, article7=[report(2022, "2023-04-30"), report(2025), report(2024, "2025-04-01")])
    assert [f.value for f in rec.article7] == [(2025, None), (2024, D(2025, 4, 1)), (2022, D(2023, 4, 30))]


def test_has_obligation(tmp_path: Path) -> None:
    cases: list[tuple[dict[str, list[str]], bool]] = [
        ({}, False),
        ({"article5": [a5("none")]}, False),
        ({"article5": [a5()]}, True),
        ({"article5": [a5("completed", completed="2013")]}, True),
        ({"article5": [a5("unresolved")]}, True),
        ({"article4": [article4("outstanding", "2027-03-01")]}, True),
        ({"article4": [article4("completed")]}, True),
        ({"article5": [a5("none")], "article4": [article4("completed")]}, True),
        ({"victim_assistance": ["KHM,yes,Article 7 report,2025,yes,"]}, False),
        ({"article7": [report(2025)]}, False),
    ]
    for rows, expected in cases:
        assert has_obligation(state_record(tmp_path, **rows)) is expected, rows


# --------------------------------------------------------------------------------------
# The whole index
# --------------------------------------------------------------------------------------

KHM = """\
needs:
  - {id: KHM-N-001, title: Answered, area: clearance, kind: financial, status: open}
  - {id: KHM-N-002, title: Unanswered, area: clearance, kind: equipment, status: partially_met}
  - {id: KHM-N-003, title: Done, area: capacity, kind: expertise, status: met}
"""
NOR = """\
offers:
  - {id: NOR-O-001, title: Named, area: clearance, kind: financial, status: committed, eligible: any,
     responds_to: [KHM-N-001, KHM-N-003]}
  - {id: NOR-O-002, title: Named too, area: clearance, kind: financial, status: available, eligible: any,
     responds_to: [KHM-N-001]}
"""
LTU = """\
needs:
  - {id: LTU-N-001, title: Survey, area: clearance, kind: expertise, status: open}
"""
# Examples (examples/<ISO3>.yml): never counted, whatever they answer.
EXAMPLE_KHM = """\
needs:
  - {id: KHM-N-901, title: Illustrative need, area: clearance, kind: financial, status: open}
"""
EXAMPLE_NOR = """\
offers:
  - {id: NOR-O-901, title: Illustrative offer, area: clearance, kind: financial, status: available,
     eligible: any, responds_to: [KHM-N-901, KHM-N-002]}
"""
UKR_WITHDRAWAL = [
    "UKR,withdrawal_notified,2026-06-29,fixture: depositary notification,2026,yes,",
    "UKR,withdrawal_effective,2026-12-29,fixture: depositary notification,2026,yes,",
]
RECORD = {
    "membership": UKR_WITHDRAWAL,
    "article5": [
        a5(original="2030-12-31"),  # KHM: on track
        a5(original="2025-12-31", iso3="AGO"),  # AGO: passed, nothing later recorded
        a5(original="2025-03-01", iso3="COL"),  # COL: passed, with a finding
        a5(iso3="ETH"),  # ETH: no deadline recorded
        a5("completed", completed="2013", iso3="NOR"),
        a5(original="2030-12-31", iso3="LTU"),  # withdrawn on 2025-12-27 (fixture record)
        a5(original="2030-12-31", iso3="UKR"),  # withdrawal takes effect after TODAY
    ],
    "findings": [finding("request_not_approved", "2025", iso3="COL")],
    "contamination": TWO_FIGURES,
    "article4": [article4("outstanding", "2027-03-01", iso3="GRC"), article4("completed", iso3="NOR")],
    "victim_assistance": ["KHM,yes,Article 7 report,2025,yes,"],
    "article7": [report(2025), report(2024, iso3="AGO")],
}
STATES = {
    "KHM": state_yaml("KHM", KHM),
    "NOR": state_yaml("NOR", NOR),
    "CHE": state_yaml("CHE", "offers: []\n"),
    "LTU": state_yaml("LTU", LTU),
}


@pytest.fixture
def index(tmp_path: Path) -> ProgressIndex:
    write_record(tmp_path, **RECORD)
    return compute_progress(catalog_from(tmp_path, STATES), 2025)


def test_rows_cover_parties_with_an_obligation_only(index: ProgressIndex) -> None:
    # CHE has a file but no obligation; GRC, COL, ETH and UKR have no file but an obligation in the record.
    assert [r.iso3 for r in index.rows] == ["AGO", "COL", "ETH", "GRC", "KHM", "NOR", "UKR"]
    assert index.as_of == TODAY and index.target_year == 2025


def test_a_withdrawn_state_is_not_in_the_rows(index: ProgressIndex) -> None:
    assert "LTU" not in {r.iso3 for r in index.rows}  # withdrawal effective 2025-12-27 <= TODAY


def test_a_withdrawal_taking_effect_later_keeps_the_state_a_party(index: ProgressIndex) -> None:
    ukr = next(r for r in index.rows if r.iso3 == "UKR")
    assert ukr.article5 is not None and ukr.article5.status == "insufficient_data"
    assert ukr.article5.missing == "figures"


def test_rows_follow_the_day_of_the_catalogue(tmp_path: Path) -> None:
    write_record(tmp_path, **RECORD)
    result = validate_texts(tmp_path, STATES)
    assert result.ok, [p.text() for p in result.errors]

    def parties_with_rows(day: dt.date) -> set[str]:
        return {r.iso3 for r in compute_progress(index_catalog(result, day), 2025).rows}

    assert "LTU" in parties_with_rows(D(2025, 12, 26))
    assert "LTU" not in parties_with_rows(D(2025, 12, 27))  # the day the withdrawal takes effect
    assert "UKR" in parties_with_rows(D(2026, 12, 28))
    assert "UKR" not in parties_with_rows(D(2026, 12, 29))


def test_counts_cover_article5_statuses_only(index: ProgressIndex) -> None:
    counts = index.counts()
    assert list(counts) == list(STATUSES)
    assert counts == {
        "completed": 1,
        "on_track": 1,
        "at_risk": 0,
        "finding": 1,
        "non_compliant": 0,
        "deadline_passed_unrecorded": 1,
        "insufficient_data": 2,
    }


def test_row_details(index: ProgressIndex) -> None:
    rows = {r.iso3: r for r in index.rows}
    khm = rows["KHM"]
    assert khm.name == "Cambodia"
    assert khm.article5 is not None and khm.article5.status == "on_track" and khm.article5.projected_year == 2029
    assert (khm.open_needs, khm.responded_needs, khm.offers_responding) == (2, 1, 2)
    assert khm.share_matched == 0.5
    assert (khm.article7_latest.value, khm.article7_this_year.value) == (2025, True)
    assert (khm.survivors.state, khm.survivors.value) == ("value", True)
    ago = rows["AGO"]
    assert ago.article5 is not None and ago.article5.status == "deadline_passed_unrecorded"
    assert ago.article7_latest.value == 2024 and ago.article7_this_year == NOT_RECORDED
    assert ago.share_matched is None and ago.open_needs == 0
    assert ago.survivors == NOT_RECORDED
    col = rows["COL"]
    assert col.article5 is not None and col.article5.status == "finding"
    assert col.article7_latest == NOT_RECORDED and col.article7_this_year == NOT_RECORDED
    eth = rows["ETH"]
    assert eth.article5 is not None and (eth.article5.status, eth.article5.missing) == ("insufficient_data", "deadline")
    grc = rows["GRC"]
    assert grc.article5 is None
    assert (grc.article4.value, grc.article4_deadline.value) == ("outstanding", D(2027, 3, 1))
    nor = rows["NOR"]
    assert nor.article4.value == "completed" and nor.article4_deadline == NOT_RECORDED
    assert nor.article5 is not None and nor.article5.status == "completed" and nor.article5.met_target is True


def test_examples_are_never_counted(tmp_path: Path) -> None:
    write_record(tmp_path, **RECORD)
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "KHM.yml").write_text(state_yaml("KHM", EXAMPLE_KHM), encoding="utf-8")
    (examples / "NOR.yml").write_text(state_yaml("NOR", EXAMPLE_NOR), encoding="utf-8")
    result = validate_texts(tmp_path, STATES)
    assert result.ok, [p.text() for p in result.errors]
    without = compute_progress(index_catalog(result, TODAY), 2025)
    catalog = index_catalog(result, TODAY, examples=True)
    assert {"KHM-N-901", "NOR-O-901"} <= catalog.illustrative
    assert "KHM-N-901" in catalog.needs and "NOR-O-901" in catalog.offers  # shown on the demo site
    with_examples = compute_progress(catalog, 2025)
    assert with_examples == without
    khm = next(r for r in with_examples.rows if r.iso3 == "KHM")
    # the example need is open, and the example offer answers the real KHM-N-002: neither counts
    assert (khm.open_needs, khm.responded_needs, khm.offers_responding) == (2, 1, 2)


# --------------------------------------------------------------------------------------
# The method and the words
# --------------------------------------------------------------------------------------


def test_method_text_is_the_module_documentation() -> None:
    for status in (
        "completed",
        "finding recorded",
        "non-compliant",
        "last recorded deadline passed",
        "on track",
        "at risk",
        "insufficient data",
    ):
        assert f"**{status}**" in METHOD
    assert "latest deadline set by a recorded decision" in METHOD
    assert '"at least N"' in METHOD
    assert "Examples never count" in METHOD


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_no_status_says_without_extension(lang: str) -> None:
    t = translator(lang)
    words = [t(f"progress.{status}") for status in STATUSES]
    words += [t("label.deadline_passed_unrecorded"), METHOD]
    assert all(w for w in words)
    assert not any("without extension" in w.lower() for w in words)
    assert t("progress.deadline_passed_unrecorded") != t("progress.finding")
