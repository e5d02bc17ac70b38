"""The catalogue: the consent gate, the matching rule, ranking and reasons, responding offers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, catalog_from, state_yaml, validate_texts

from build_hooks.engine.catalog import (
    Catalog,
    Match,
    index_catalog,
    is_party,
    is_publishable,
    match_offer_to_need,
    periods_overlap,
)
from build_hooks.engine.model import Challenge, Consent, Need, Offer, Period, StateFile
from build_hooks.i18n import translator

D = dt.date


def _reason(match: Match) -> str:
    """The reason readers see (composed through the message catalogue)."""
    return match.reason(match.need_id[:3], translator("en"))


def make_state(**membership: Any) -> StateFile:
    data = {"party_since": D(2000, 1, 1), **membership}
    return StateFile.model_validate({"schema_version": 1, "state": "KHM", "membership": data})


def make_challenge(**consent: Any) -> Challenge:
    return Challenge.model_validate(
        {"id": "KHM-C-001", "title": "A challenge", "category": "other", "summary": "Text.", "consent": consent}
    )


def make_need(**fields: Any) -> Need:
    data = {"id": "KHM-N-001", "title": "A need", "area": "clearance", "kind": "financial", "status": "open"}
    return Need.model_validate({**data, **fields})


def make_offer(**fields: Any) -> Offer:
    data = {
        "id": "NOR-O-001",
        "title": "An offer",
        "area": "clearance",
        "kind": "financial",
        "status": "available",
        "eligible": "any",
    }
    return Offer.model_validate({**data, **fields})


def period(start: dt.date | None = None, end: dt.date | None = None) -> Period:
    return Period.model_validate({"start": start, "end": end})


# --------------------------------------------------------------------------------------
# The consent gate
# --------------------------------------------------------------------------------------

PARTY: dict[str, Any] = {}
NOTIFIED = {"status": "withdrawal_notified", "withdrawal_notified": D(2026, 1, 1)}
WITHDRAWN_PAST = {"status": "withdrawn", "withdrawal_notified": D(2025, 1, 1), "withdrawal_effective": D(2025, 7, 1)}
WITHDRAWN_TODAY = {"status": "withdrawn", "withdrawal_notified": D(2026, 5, 1), "withdrawal_effective": TODAY}
WITHDRAWN_FUTURE = {
    "status": "withdrawn",
    "withdrawal_notified": D(2026, 6, 1),
    "withdrawal_effective": D(2026, 12, 1),
}
GIVEN = {"status": "given", "date": D(2026, 2, 15), "by": "national authority"}


@pytest.mark.parametrize(
    ("consent", "membership", "expected"),
    [
        (GIVEN, PARTY, True),
        ({**GIVEN, "date": TODAY}, PARTY, True),
        ({**GIVEN, "date": TODAY + dt.timedelta(days=1)}, PARTY, False),
        ({**GIVEN, "date": D(2030, 1, 1)}, PARTY, False),
        ({"status": "pending"}, PARTY, False),
        ({"status": "pending", "date": D(2026, 1, 1), "by": "ISU"}, PARTY, False),
        ({"status": "withdrawn"}, PARTY, False),
        ({"status": "withdrawn", "date": D(2026, 1, 1), "by": "national authority"}, PARTY, False),
        (GIVEN, NOTIFIED, True),
        (GIVEN, WITHDRAWN_FUTURE, True),
        (GIVEN, WITHDRAWN_TODAY, False),
        (GIVEN, WITHDRAWN_PAST, False),
        ({"status": "pending"}, WITHDRAWN_PAST, False),
    ],
    ids=[
        "given",
        "given-today",
        "given-tomorrow",
        "given-future",
        "pending",
        "pending-dated",
        "withdrawn",
        "withdrawn-dated",
        "given-withdrawal-notified",
        "given-withdrawal-effective-later",
        "given-withdrawal-effective-today",
        "given-withdrawn-state",
        "pending-withdrawn-state",
    ],
)
def test_is_publishable_truth_table(consent: dict[str, Any], membership: dict[str, Any], expected: bool) -> None:
    assert is_publishable(make_challenge(**consent), make_state(**membership), TODAY) is expected


@pytest.mark.parametrize("missing", ["date", "by"])
def test_given_without_date_or_by_is_not_publishable_even_if_constructed(missing: str) -> None:
    """The model refuses it (consent-incomplete); the gate must refuse it too if one slips through."""
    consent = Consent.model_construct(**{**GIVEN, missing: None})
    challenge = make_challenge(**GIVEN).model_copy(update={"consent": consent})
    assert is_publishable(challenge, make_state(), TODAY) is False


def test_given_without_date_is_a_model_error() -> None:
    with pytest.raises(ValueError, match="given, but without date"):
        make_challenge(status="given", by="x")


@pytest.mark.parametrize(
    ("membership", "expected"),
    [(PARTY, True), (NOTIFIED, True), (WITHDRAWN_FUTURE, True), (WITHDRAWN_TODAY, False), (WITHDRAWN_PAST, False)],
)
def test_is_party(membership: dict[str, Any], expected: bool) -> None:
    assert is_party(make_state(**membership), TODAY) is expected


# --------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (None, None, True),
        (None, period(D(2026, 1, 1), D(2026, 12, 31)), True),
        (period(), period(D(2026, 1, 1), D(2026, 12, 31)), True),
        (period(D(2026, 1, 1), D(2026, 6, 30)), period(D(2026, 6, 30), D(2026, 12, 31)), True),  # touching days
        (period(D(2026, 1, 1), D(2026, 6, 29)), period(D(2026, 6, 30), D(2026, 12, 31)), False),
        (period(D(2026, 1, 1)), period(D(2030, 1, 1), D(2030, 12, 31)), True),  # open end
        (period(end=D(2020, 1, 1)), period(D(2026, 1, 1)), False),  # open start, ends before
        (period(end=D(2026, 1, 1)), period(D(2026, 1, 1)), True),
        (period(D(2027, 1, 1)), period(end=D(2026, 12, 31)), False),
    ],
)
def test_periods_overlap(a: Period | None, b: Period | None, expected: bool) -> None:
    assert periods_overlap(a, b) is expected
    assert periods_overlap(b, a) is expected


# --------------------------------------------------------------------------------------
# The matching rule
# --------------------------------------------------------------------------------------


def test_match_same_area_and_kind_any_open_ended() -> None:
    match = match_offer_to_need(make_need(), "KHM", make_offer(), "NOR")
    assert match is not None
    assert (match.need_id, match.offer_id) == ("KHM-N-001", "NOR-O-001")
    assert _reason(match) == "same area and kind; eligible: any; open-ended period"
    assert match.rank == (1, 1, "NOR-O-001")


def test_match_listed_with_both_periods() -> None:
    need = make_need(period={"start": D(2026, 1, 1), "end": D(2027, 12, 31)})
    offer = make_offer(eligible=["AGO", "KHM"], period={"start": D(2027, 1, 1), "end": D(2028, 12, 31)})
    match = match_offer_to_need(need, "KHM", offer, "NOR")
    assert match is not None
    assert _reason(match) == "same area and kind; eligible: listed (KHM); periods overlap"
    assert match.rank == (0, 0, "NOR-O-001")


def test_one_missing_period_reads_open_ended() -> None:
    need = make_need(period={"start": D(2026, 1, 1), "end": D(2027, 12, 31)})
    match = match_offer_to_need(need, "KHM", make_offer(), "NOR")
    assert match is not None and _reason(match).endswith("; open-ended period") and match.rank[1] == 1


@pytest.mark.parametrize(
    ("need_fields", "offer_fields"),
    [
        ({"area": "victim_assistance"}, {}),
        ({}, {"kind": "equipment"}),
        ({"area": "capacity", "kind": "expertise"}, {}),
        ({"status": "met"}, {}),
        ({"status": "withdrawn"}, {}),
        ({}, {"status": "committed"}),
        ({}, {"status": "closed"}),
        ({}, {"eligible": ["AGO", "LKA"]}),
        ({}, {"eligible": []}),
        ({"period": {"start": D(2026, 1, 1), "end": D(2026, 6, 30)}}, {"period": {"start": D(2026, 7, 1)}}),
        ({"period": {"start": D(2030, 1, 1)}}, {"period": {"end": D(2029, 12, 31)}}),
    ],
    ids=[
        "other-area",
        "other-kind",
        "both-differ",
        "need-met",
        "need-withdrawn",
        "offer-committed",
        "offer-closed",
        "not-eligible",
        "eligible-empty",
        "periods-disjoint",
        "open-ended-disjoint",
    ],
)
def test_no_match(need_fields: dict[str, Any], offer_fields: dict[str, Any]) -> None:
    assert match_offer_to_need(make_need(**need_fields), "KHM", make_offer(**offer_fields), "NOR") is None


def test_partially_met_need_matches() -> None:
    assert match_offer_to_need(make_need(status="partially_met"), "KHM", make_offer(), "NOR") is not None


def test_own_state_is_excluded() -> None:
    offer = make_offer(id="KHM-O-001", eligible=["KHM"])
    assert match_offer_to_need(make_need(), "KHM", offer, "KHM") is None


# --------------------------------------------------------------------------------------
# The catalogue: ranking, responding offers, consent
# --------------------------------------------------------------------------------------

NEED_KHM = """\
needs:
  - {id: KHM-N-001, title: Land release, area: clearance, kind: financial, status: open,
     period: {start: 2026-01-01, end: 2027-12-31}}
  - {id: KHM-N-002, title: Trainers, area: risk_education, kind: experience, status: met}
  - {id: KHM-N-003, title: Machines, area: clearance, kind: equipment, status: partially_met}
offers:
  - {id: KHM-O-001, title: Own offer, area: clearance, kind: financial, status: available, eligible: any}
challenges:
  - {id: KHM-C-001, title: Published, category: financial, summary: Text., related_needs: [KHM-N-001],
     consent: {status: given, date: 2026-02-15, by: national authority}}
  - {id: KHM-C-002, title: Pending, category: capacity, summary: Text., consent: {status: pending}}
  - {id: KHM-C-003, title: Withdrawn, category: other, summary: Text.,
     consent: {status: withdrawn, date: 2026-01-01, by: national authority}}
"""
OFFERS_NOR = """\
offers:
  - {id: NOR-O-001, title: Any open-ended, area: clearance, kind: financial, status: available, eligible: any}
  - {id: NOR-O-002, title: Listed with period, area: clearance, kind: financial, status: available,
     eligible: [KHM], period: {start: 2026-06-01, end: 2026-12-31}}
  - {id: NOR-O-003, title: Named, area: clearance, kind: financial, status: committed, eligible: any,
     responds_to: [KHM-N-001, KHM-N-002]}
  - {id: NOR-O-004, title: Named and matching, area: clearance, kind: financial, status: available,
     eligible: any, responds_to: [KHM-N-001]}
  - {id: NOR-O-005, title: Equipment, area: clearance, kind: equipment, status: available, eligible: [KHM]}
"""
OFFERS_CHE = """\
offers:
  - {id: CHE-O-001, title: Any with period, area: clearance, kind: financial, status: available, eligible: any,
     period: {start: 2027-01-01, end: 2027-06-30}}
  - {id: CHE-O-002, title: Any open-ended too, area: clearance, kind: financial, status: available, eligible: any}
  - {id: CHE-O-003, title: Too late, area: clearance, kind: financial, status: available, eligible: any,
     period: {start: 2028-01-01}}
"""


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return catalog_from(
        tmp_path,
        {
            "KHM": state_yaml("KHM", NEED_KHM),
            "NOR": state_yaml("NOR", OFFERS_NOR),
            "CHE": state_yaml("CHE", OFFERS_CHE),
        },
    )


def test_ranking_listed_first_then_both_periods_then_id(catalog: Catalog) -> None:
    matches = catalog.suggested_offers["KHM-N-001"]
    assert [m.offer_id for m in matches] == ["NOR-O-002", "CHE-O-001", "CHE-O-002", "NOR-O-001"]
    assert [_reason(m) for m in matches] == [
        "same area and kind; eligible: listed (KHM); periods overlap",
        "same area and kind; eligible: any; periods overlap",
        "same area and kind; eligible: any; open-ended period",
        "same area and kind; eligible: any; open-ended period",
    ]


def test_explicitly_named_offers_are_listed_separately_not_suggested(catalog: Catalog) -> None:
    assert catalog.responding == {"KHM-N-001": ["NOR-O-003", "NOR-O-004"], "KHM-N-002": ["NOR-O-003"]}
    suggested = {m.offer_id for m in catalog.suggested_offers["KHM-N-001"]}
    assert "NOR-O-004" not in suggested  # would match, but is already linked
    assert "NOR-O-003" not in suggested  # committed
    assert "KHM-O-001" not in suggested  # own State
    assert "CHE-O-003" not in suggested  # period does not overlap


def test_suggested_needs_mirror_suggested_offers(catalog: Catalog) -> None:
    assert [m.need_id for m in catalog.suggested_needs["NOR-O-005"]] == ["KHM-N-003"]
    assert (
        _reason(catalog.suggested_needs["NOR-O-005"][0])
        == "same area and kind; eligible: listed (KHM); open-ended period"
    )
    for offer_id, matches in catalog.suggested_needs.items():
        for m in matches:
            assert m in catalog.suggested_offers[m.need_id]
            assert m.offer_id == offer_id
    assert "KHM-N-002" not in catalog.suggested_offers  # met needs get no suggestions
    assert "NOR-O-004" not in catalog.suggested_needs


def test_only_consented_challenges_enter_the_catalogue(catalog: Catalog) -> None:
    assert list(catalog.challenges) == ["KHM-C-001"]
    assert "KHM-C-002" not in catalog.owner and "KHM-C-003" not in catalog.owner
    published = catalog.challenges["KHM-C-001"]
    assert (published.consent_by, published.consent_date) == ("national authority", D(2026, 2, 15))
    assert published.related_needs == ("KHM-N-001",)
    assert [c.id for c in catalog.challenges_of("KHM")] == ["KHM-C-001"]


def test_catalogue_is_sorted_and_owned(catalog: Catalog) -> None:
    assert list(catalog.states) == ["CHE", "KHM", "NOR"]
    assert list(catalog.offers) == sorted(catalog.offers, key=lambda i: (i[:3], i))
    assert catalog.owner["NOR-O-001"] == "NOR" and catalog.owner["KHM-N-001"] == "KHM"
    assert [n.id for n in catalog.needs_of("KHM")] == ["KHM-N-001", "KHM-N-002", "KHM-N-003"]
    assert [o.id for o in catalog.offers_of("CHE")] == ["CHE-O-001", "CHE-O-002", "CHE-O-003"]


def test_future_consent_is_an_error_and_never_published(tmp_path: Path) -> None:
    body = """\
    challenges:
      - {id: KHM-C-001, title: Later, category: other, summary: Text.,
         consent: {status: given, date: 2026-11-28, by: national authority}}
    """
    result = validate_texts(tmp_path, {"KHM": state_yaml("KHM", body)})
    assert "consent-future-date" in {p.rule for p in result.errors}
    # Even indexed despite the error (the build never does), the gate keeps it out.
    assert index_catalog(result, TODAY).challenges == {}
    assert list(index_catalog(result, D(2026, 11, 28)).challenges) == ["KHM-C-001"]
