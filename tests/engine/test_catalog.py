"""The catalogue: the consent gate (party status from the record's dates), the matching rule,
ranking and reasons, responding offers, and examples kept apart and never counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, catalog_from, state_yaml, validate_texts, write_record

from build_hooks.engine.catalog import (
    Catalog,
    Match,
    index_catalog,
    is_publishable,
    match_offer_to_need,
    periods_overlap,
)
from build_hooks.engine.consent import consent_allows, may_publish, publication_day, raw_consent
from build_hooks.engine.model import Challenge, Consent, Need, Offer, Period
from build_hooks.engine.record import NOT_RECORDED, Fact, StateRecord
from build_hooks.i18n import translator

D = dt.date


def _reason(match: Match) -> str:
    """The reason readers see (composed through the message catalogue)."""
    return match.reason(match.need_id[:3], translator("en"))


def _on(day: dt.date | None) -> Fact:
    return NOT_RECORDED if day is None else Fact("value", day, source="depositary notification", verified=True)


ENTERED = D(2000, 1, 1)


def make_record(
    entry_into_force: dt.date | None = ENTERED,
    withdrawal_notified: dt.date | None = None,
    withdrawal_effective: dt.date | None = None,
) -> StateRecord:
    """The record of KHM with the membership dates given (what membership.csv rows produce)."""
    return StateRecord(
        "KHM",
        entry_into_force=_on(entry_into_force),
        withdrawal_notified=_on(withdrawal_notified),
        withdrawal_effective=_on(withdrawal_effective),
    )


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
NOTIFIED = {"withdrawal_notified": D(2026, 1, 1)}
WITHDRAWN_PAST = {"withdrawal_notified": D(2025, 1, 1), "withdrawal_effective": D(2025, 7, 1)}
WITHDRAWN_TODAY = {"withdrawal_notified": D(2026, 5, 1), "withdrawal_effective": TODAY}
WITHDRAWN_FUTURE = {"withdrawal_notified": D(2026, 6, 1), "withdrawal_effective": D(2026, 12, 1)}
NOT_YET = {"entry_into_force": TODAY + dt.timedelta(days=1)}
ENTERED_TODAY = {"entry_into_force": TODAY}
NEVER = {"entry_into_force": None}
GIVEN = {"status": "given", "date": D(2026, 2, 15), "by": "national authority"}


@pytest.mark.parametrize(
    ("consent", "membership", "expected"),
    [
        (GIVEN, PARTY, True),
        ({**GIVEN, "date": TODAY - dt.timedelta(days=1)}, PARTY, True),  # the consent day is over everywhere
        ({**GIVEN, "date": TODAY}, PARTY, False),  # it may not have begun yet west of UTC: tomorrow
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
        (GIVEN, NOT_YET, False),
        (GIVEN, ENTERED_TODAY, True),
        (GIVEN, NEVER, False),
    ],
    ids=[
        "given",
        "given-yesterday",
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
        "given-not-yet-a-party",
        "given-party-from-today",
        "given-never-a-party",
    ],
)
def test_is_publishable_truth_table(consent: dict[str, Any], membership: dict[str, Any], expected: bool) -> None:
    challenge = make_challenge(**consent)
    state = make_record(**membership)
    assert is_publishable(challenge, state, TODAY) is expected
    # the gate for raw data (pfp review, the feed history) is the same rule
    raw = {"consent": {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in consent.items()}}
    assert may_publish(*raw_consent(raw), state, TODAY) is expected


@pytest.mark.parametrize("missing", ["date", "by"])
def test_given_without_date_or_by_is_not_publishable_even_if_constructed(missing: str) -> None:
    """The model refuses it (consent-incomplete); the gate must refuse it too if one slips through."""
    consent = Consent.model_construct(**{**GIVEN, missing: None})
    challenge = make_challenge(**GIVEN).model_copy(update={"consent": consent})
    assert is_publishable(challenge, make_record(), TODAY) is False


def test_given_without_date_is_a_model_error() -> None:
    with pytest.raises(ValueError, match="given, but without date"):
        make_challenge(status="given", by="x")


@pytest.mark.parametrize(
    ("status", "date", "by", "expected"),
    [
        ("given", TODAY - dt.timedelta(days=1), "national authority", True),
        ("given", TODAY, "national authority", False),  # published from the next day (UTC)
        ("given", TODAY, "", False),
        ("given", TODAY, None, False),
        ("given", None, "national authority", False),
        ("given", TODAY + dt.timedelta(days=1), "national authority", False),
        ("pending", TODAY, "national authority", False),
        (None, None, None, False),
    ],
)
def test_consent_allows(status: str | None, date: dt.date | None, by: str | None, expected: bool) -> None:
    assert consent_allows(status, date, by, TODAY) is expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"consent": {"status": "given", "date": "2026-02-15", "by": "ISU"}}, ("given", D(2026, 2, 15), "ISU")),
        ({"consent": {"status": "given", "date": D(2026, 2, 15), "by": "ISU"}}, ("given", D(2026, 2, 15), "ISU")),
        ({"consent": {"status": "given", "date": "15/02/2026", "by": "ISU"}}, ("given", None, "ISU")),
        ({"consent": {"status": "given", "date": 20260215, "by": 7}}, ("given", None, None)),
        ({"consent": {"status": True}}, (None, None, None)),
        ({"consent": "given"}, (None, None, None)),
        ({}, (None, None, None)),
        (["consent"], (None, None, None)),
        (None, (None, None, None)),
    ],
    ids=["text-date", "date", "bad-date", "wrong-types", "status-not-text", "not-a-block", "none", "list", "null"],
)
def test_raw_consent_tolerates_any_shape(item: Any, expected: tuple[Any, ...]) -> None:
    assert raw_consent(item) == expected


@pytest.mark.parametrize(
    ("membership", "party", "pending"),
    [
        (PARTY, True, False),
        (NOTIFIED, True, True),
        (WITHDRAWN_FUTURE, True, True),
        (WITHDRAWN_TODAY, False, False),
        (WITHDRAWN_PAST, False, False),
        (NOT_YET, False, False),
        (ENTERED_TODAY, True, False),
        (NEVER, False, False),
        ({"withdrawal_notified": TODAY + dt.timedelta(days=1)}, True, False),  # notified later
    ],
)
def test_is_party_and_withdrawal_pending(membership: dict[str, Any], party: bool, pending: bool) -> None:
    state = make_record(**membership)
    assert state.is_party(TODAY) is party
    assert state.withdrawal_pending(TODAY) is pending


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
STATES = {
    "KHM": state_yaml("KHM", NEED_KHM),
    "NOR": state_yaml("NOR", OFFERS_NOR),
    "CHE": state_yaml("CHE", OFFERS_CHE),
}


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    write_record(tmp_path)
    return catalog_from(tmp_path, STATES)


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
    assert published.illustrative is False
    assert [c.id for c in catalog.challenges_of("KHM")] == ["KHM-C-001"]
    assert [c.id for c in catalog.challenges_by_need["KHM-N-001"]] == ["KHM-C-001"]
    assert all(s.challenges == [] for s in catalog.states.values())  # raw challenges never go downstream


def test_catalogue_is_sorted_and_owned(catalog: Catalog) -> None:
    assert list(catalog.states) == ["CHE", "KHM", "NOR"]
    assert list(catalog.offers) == sorted(catalog.offers, key=lambda i: (i[:3], i))
    assert catalog.owner["NOR-O-001"] == "NOR" and catalog.owner["KHM-N-001"] == "KHM"
    assert [n.id for n in catalog.needs_of("KHM")] == ["KHM-N-001", "KHM-N-002", "KHM-N-003"]
    assert [o.id for o in catalog.offers_of("CHE")] == ["CHE-O-001", "CHE-O-002", "CHE-O-003"]
    assert catalog.needs_of("AGO") == [] and catalog.challenges_of("AGO") == []


def test_the_catalogue_carries_the_record_and_its_parties(catalog: Catalog) -> None:
    parties = catalog.parties()
    assert parties == sorted(parties)
    assert {"KHM", "NOR", "CHE", "UKR"} <= set(parties)
    # withdrawals that took effect before TODAY (fixture record: EST, LTU, LVA on 2025-12-27, FIN, POL in 2026)
    assert not {"EST", "FIN", "LTU", "LVA", "POL"} & set(parties)
    assert catalog.record.get("LTU").withdrawal_effective.value == D(2025, 12, 27)
    assert catalog.state_name("KHM") == "Cambodia"


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
    assert index_catalog(result, D(2026, 11, 28)).challenges == {}  # the consent day itself
    assert list(index_catalog(result, D(2026, 11, 29)).challenges) == ["KHM-C-001"]


# --------------------------------------------------------------------------------------
# The consent gate reads party status from the record's dates
# --------------------------------------------------------------------------------------

CONSENTED = """\
needs:
  - {{id: {iso3}-N-001, title: Survey, area: clearance, kind: expertise, status: open}}
challenges:
  - {{id: {iso3}-C-001, title: Consented, category: other, summary: Text.,
     consent: {{status: given, date: 2025-06-01, by: national authority}}}}
"""
UKR_WITHDRAWAL = [
    "UKR,withdrawal_notified,2026-06-29,fixture: depositary notification,2026,yes,",
    "UKR,withdrawal_effective,2026-12-29,fixture: depositary notification,2026,yes,",
]


def _consented(*codes: str) -> dict[str, str]:
    return {code: state_yaml(code, CONSENTED.format(iso3=code)) for code in codes}


def test_a_withdrawn_states_consented_challenges_are_not_published(tmp_path: Path) -> None:
    write_record(tmp_path, membership=UKR_WITHDRAWAL)
    catalog = catalog_from(tmp_path, _consented("KHM", "LTU", "UKR"))
    # LTU: withdrawal effective 2025-12-27 (fixture record); UKR: effective 2026-12-29, after TODAY
    assert list(catalog.challenges) == ["KHM-C-001", "UKR-C-001"]
    assert "LTU-C-001" not in catalog.owner and catalog.challenges_of("LTU") == []
    assert "LTU" in catalog.states and [n.id for n in catalog.needs_of("LTU")] == ["LTU-N-001"]
    assert "LTU" not in catalog.parties() and "UKR" in catalog.parties()
    assert catalog.record.get("UKR").withdrawal_pending(TODAY) is True


@pytest.mark.parametrize(
    ("day", "published"),
    [
        (D(2025, 5, 31), []),  # before the consent date
        (D(2025, 6, 1), []),  # the consent day: published from the next day (UTC)
        (D(2025, 6, 2), ["KHM-C-001", "LTU-C-001", "UKR-C-001"]),
        (D(2025, 12, 26), ["KHM-C-001", "LTU-C-001", "UKR-C-001"]),  # LTU's withdrawal notified, not yet effective
        (D(2025, 12, 27), ["KHM-C-001", "UKR-C-001"]),  # LTU's withdrawal takes effect
        (D(2026, 12, 28), ["KHM-C-001", "UKR-C-001"]),
        (D(2026, 12, 29), ["KHM-C-001"]),  # UKR's withdrawal takes effect
    ],
)
def test_publication_follows_the_membership_dates(tmp_path: Path, day: dt.date, published: list[str]) -> None:
    write_record(tmp_path, membership=UKR_WITHDRAWAL)
    result = validate_texts(tmp_path, _consented("KHM", "LTU", "UKR"))
    assert result.ok, [p.text() for p in result.errors]
    assert list(index_catalog(result, day).challenges) == published


def test_a_state_whose_entry_into_force_is_later_is_not_yet_published(tmp_path: Path) -> None:
    write_record(tmp_path)
    membership = (tmp_path / "record" / "membership.csv").read_text(encoding="utf-8")
    later = membership.replace("KHM,entry_into_force,2000-01-01", "KHM,entry_into_force,2026-12-01")
    assert later != membership
    (tmp_path / "record" / "membership.csv").write_text(later, encoding="utf-8")
    result = validate_texts(tmp_path, _consented("KHM"))
    assert result.ok, [p.text() for p in result.errors]
    assert index_catalog(result, TODAY).challenges == {}
    assert list(index_catalog(result, D(2026, 12, 1)).challenges) == ["KHM-C-001"]


# --------------------------------------------------------------------------------------
# Examples: included only when asked, listed as illustrative, never counted
# --------------------------------------------------------------------------------------

EXAMPLE_KHM = """\
needs:
  - {id: KHM-N-901, title: Illustrative need, area: clearance, kind: financial, status: open}
challenges:
  - {id: KHM-C-901, title: Illustrative challenge, category: other, summary: Text., related_needs: [KHM-N-901],
     consent: {status: given, date: 2026-04-22, by: national authority (illustrative)}}
"""
EXAMPLE_CHE = """\
offers:
  - {id: CHE-O-901, title: Illustrative offer, area: clearance, kind: financial, status: available,
     eligible: any, responds_to: [KHM-N-901]}
"""
EXAMPLE_LTU = """\
challenges:
  - {id: LTU-C-901, title: Illustrative challenge, category: other, summary: Text.,
     consent: {status: given, date: 2025-06-01, by: national authority (illustrative)}}
"""


def _with_examples(tmp_path: Path, examples: dict[str, str]) -> Catalog:
    write_record(tmp_path)
    folder = tmp_path / "examples"
    folder.mkdir()
    for code, body in examples.items():
        (folder / f"{code}.yml").write_text(state_yaml(code, body), encoding="utf-8")
    result = validate_texts(tmp_path, STATES)
    assert result.ok, [p.text() for p in result.errors]
    return index_catalog(result, TODAY, examples=True)


def test_examples_are_included_only_when_asked(tmp_path: Path) -> None:
    write_record(tmp_path)
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "KHM.yml").write_text(state_yaml("KHM", EXAMPLE_KHM), encoding="utf-8")
    result = validate_texts(tmp_path, STATES)
    assert sorted(result.examples) == ["KHM"]
    plain = index_catalog(result, TODAY)
    assert plain.illustrative == frozenset()
    assert "KHM-N-901" not in plain.needs and "KHM-C-901" not in plain.challenges


def test_examples_are_listed_as_illustrative(tmp_path: Path) -> None:
    catalog = _with_examples(tmp_path, {"KHM": EXAMPLE_KHM, "CHE": EXAMPLE_CHE})
    assert catalog.illustrative == frozenset({"KHM-N-901", "KHM-C-901", "CHE-O-901"})
    assert catalog.is_example("CHE-O-901") and not catalog.is_example("CHE-O-001")
    assert catalog.challenges["KHM-C-901"].illustrative is True
    assert catalog.challenges["KHM-C-001"].illustrative is False
    assert catalog.owner["KHM-N-901"] == "KHM" and catalog.owner["CHE-O-901"] == "CHE"
    assert catalog.responding["KHM-N-901"] == ["CHE-O-901"]
    # the State's own file is what the catalogue holds for the State
    assert list(catalog.states) == ["CHE", "KHM", "NOR"]
    assert {n.id for n in catalog.states["KHM"].needs} == {"KHM-N-001", "KHM-N-002", "KHM-N-003"}


def test_examples_are_never_counted(tmp_path: Path) -> None:
    catalog = _with_examples(tmp_path, {"KHM": EXAMPLE_KHM, "CHE": EXAMPLE_CHE})
    assert [n.id for n in catalog.real(catalog.needs_of("KHM"))] == ["KHM-N-001", "KHM-N-002", "KHM-N-003"]
    assert "KHM-N-901" in {n.id for n in catalog.needs_of("KHM")}
    assert [o.id for o in catalog.real(catalog.offers_of("CHE"))] == ["CHE-O-001", "CHE-O-002", "CHE-O-003"]
    assert [c.id for c in catalog.real(catalog.challenges.values())] == ["KHM-C-001"]
    assert catalog.real(catalog.offers[o] for o in catalog.responding["KHM-N-901"]) == []


def test_the_consent_gate_applies_to_examples_too(tmp_path: Path) -> None:
    catalog = _with_examples(tmp_path, {"LTU": EXAMPLE_LTU})
    assert "LTU-C-901" not in catalog.challenges  # LTU's withdrawal took effect on 2025-12-27


def test_an_example_using_a_real_id_is_left_out(tmp_path: Path) -> None:
    write_record(tmp_path)
    (tmp_path / "examples").mkdir()
    taken = EXAMPLE_KHM.replace("KHM-N-901", "KHM-N-001")
    (tmp_path / "examples" / "KHM.yml").write_text(state_yaml("KHM", taken), encoding="utf-8")
    result = validate_texts(tmp_path, STATES)
    assert "example-id-taken" in {p.rule for p in result.problems if p.severity == "warning"}
    catalog = index_catalog(result, TODAY, examples=True)
    assert catalog.illustrative == frozenset()
    assert catalog.needs["KHM-N-001"].title == "Land release"
    assert "KHM-C-901" not in catalog.challenges


def test_consent_dated_today_waits_until_the_day_has_begun_everywhere() -> None:
    """The gate's clock is UTC; a consent date is a day in the State's own time zone (UTC-12 to UTC+14).

    A build dated D (UTC) can run before day D has begun west of UTC, so a consent dated D is
    published from D+1: by then day D has begun, and ended, everywhere.
    """
    assert publication_day(D(2026, 12, 1)) == D(2026, 12, 2)
    assert not consent_allows("given", D(2026, 12, 1), "ministry", D(2026, 12, 1))
    assert consent_allows("given", D(2026, 12, 1), "ministry", D(2026, 12, 2))
    # The same rule for raw data (pfp review) and typed challenges (the catalogue).
    raw = {"consent": {"status": "given", "date": "2026-12-01", "by": "ministry"}}
    assert not consent_allows(*raw_consent(raw), D(2026, 12, 1))
