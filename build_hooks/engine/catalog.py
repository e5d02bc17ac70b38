"""The catalogue: validated State files indexed, cross-linked, matched and consent-filtered.

This module is the ONLY place that decides whether a challenge may be
published (:func:`is_publishable`). Everything downstream (pages, search,
exports, counts) receives :class:`PublishableChallenge` objects and never sees
a challenge that failed the gate.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol, TypeVar

from build_hooks.engine.consent import may_publish
from build_hooks.engine.dialogues import Dialogue
from build_hooks.engine.model import Challenge, Need, Offer, Period, StateFile
from build_hooks.engine.record import Record, StateRecord
from build_hooks.engine.validate import ValidationResult
from build_hooks.engine.vocabulary import AVAILABLE_OFFER, OPEN_NEED
from build_hooks.reference import state_name


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_E = TypeVar("_E", bound=_HasId)

MAX_SUGGESTIONS = 10  # suggestions shown per need or offer, best-ranked first


@dataclass(frozen=True)
class PublishableChallenge:
    """A challenge whose State has given valid consent. Built only by :func:`index_catalog`."""

    id: str
    state: str
    title: str
    category: str
    summary: str
    related_needs: tuple[str, ...]
    consent_date: dt.date
    consent_by: str
    illustrative: bool
    language: str = "en"
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> {title, summary}


@dataclass(frozen=True)
class Match:
    """A suggested pairing of an open need with an available offer, with the reason shown to readers."""

    need_id: str
    offer_id: str
    rank: tuple[int, int, str]
    eligible_listed: bool  # the offer names the need's State (rather than "any")
    both_periods: bool  # both sides give a period, and they overlap

    def reason(self, need_state: str, t: Callable[..., str]) -> str:
        """Why the pairing is suggested, e.g. "same area and kind; eligible: any; open-ended period"."""
        eligible = t("match.eligible_listed", state=need_state) if self.eligible_listed else t("match.eligible_any")
        period = t("match.periods_overlap") if self.both_periods else t("match.open_ended")
        return f"{t('match.same_area_kind')}; {eligible}; {period}"


@dataclass
class Catalog:
    today: dt.date
    states: dict[str, StateFile]
    needs: dict[str, Need]
    offers: dict[str, Offer]
    challenges: dict[str, PublishableChallenge]
    owner: dict[str, str]  # entry id -> ISO3
    record: Record = field(default_factory=Record)  # the official record: membership, obligations, reports
    illustrative: frozenset[str] = frozenset()  # ids of the example entries (never counted)
    dialogues: list[Dialogue] = field(default_factory=list)  # published (final) reports, newest first
    needs_by_state: dict[str, list[Need]] = field(default_factory=lambda: defaultdict(list))
    offers_by_state: dict[str, list[Offer]] = field(default_factory=lambda: defaultdict(list))
    challenges_by_state: dict[str, list[PublishableChallenge]] = field(default_factory=lambda: defaultdict(list))
    challenges_by_need: dict[str, list[PublishableChallenge]] = field(default_factory=lambda: defaultdict(list))
    responding: dict[str, list[str]] = field(default_factory=dict)  # need id -> offers that name it
    suggested_offers: dict[str, list[Match]] = field(default_factory=dict)  # need id -> matches
    suggested_needs: dict[str, list[Match]] = field(default_factory=dict)  # offer id -> matches

    def state_name(self, iso3: str) -> str:
        return state_name(iso3)

    def is_example(self, entry_id: str) -> bool:
        return entry_id in self.illustrative

    def real(self, entries: Iterable[_E]) -> list[_E]:
        """The entries that are not examples: what every count counts."""
        return [e for e in entries if e.id not in self.illustrative]

    def parties(self) -> list[str]:
        """The States Parties on the catalogue's day, from the record's dates."""
        return self.record.parties(self.today)

    def needs_of(self, iso3: str) -> list[Need]:
        return self.needs_by_state.get(iso3, [])

    def offers_of(self, iso3: str) -> list[Offer]:
        return self.offers_by_state.get(iso3, [])

    def dialogues_of(self, iso3: str) -> list[Dialogue]:
        return [d for d in self.dialogues if d.meta.state == iso3]

    def challenges_of(self, iso3: str) -> list[PublishableChallenge]:
        return self.challenges_by_state.get(iso3, [])


def is_publishable(challenge: Challenge, state: StateRecord, today: dt.date) -> bool:
    """The consent gate (:mod:`build_hooks.engine.consent`), for a typed challenge."""
    consent = challenge.consent
    return may_publish(consent.status, consent.date, consent.by, state, today)


def _publish(challenge: Challenge, iso3: str, illustrative: bool) -> PublishableChallenge:
    assert challenge.consent.date is not None and challenge.consent.by is not None
    return PublishableChallenge(
        id=challenge.id,
        state=iso3,
        title=challenge.title,
        category=challenge.category,
        summary=challenge.summary,
        related_needs=tuple(challenge.related_needs),
        consent_date=challenge.consent.date,
        consent_by=challenge.consent.by,
        illustrative=illustrative,
        language=challenge.language,
        translations={
            lang: {k: v for k, v in (("title", tr.title), ("summary", tr.summary)) if v is not None}
            for lang, tr in challenge.translations.items()
        },
    )


def periods_overlap(a: Period | None, b: Period | None) -> bool:
    """Open-ended or missing periods overlap everything."""
    if a is None or b is None:
        return True
    a_start, a_end = a.start or dt.date.min, a.end or dt.date.max
    b_start, b_end = b.start or dt.date.min, b.end or dt.date.max
    return a_start <= b_end and b_start <= a_end


def match_offer_to_need(need: Need, need_state: str, offer: Offer, offer_state: str) -> Match | None:
    """The documented matching rule. Returns None when the pair does not match.

    Same area and kind; the need's State eligible; the need open or partially
    met and the offer available; periods overlapping (a missing period
    overlaps everything). A State's own offers are not suggested for its own
    needs. Ranked: offers that name the State explicitly first, then those
    with both periods given, then by offer id.
    """
    if need_state == offer_state:
        return None
    if need.area != offer.area or need.kind != offer.kind:
        return None
    if need.status not in OPEN_NEED or offer.status not in AVAILABLE_OFFER:
        return None
    listed = isinstance(offer.eligible, list)
    if listed and need_state not in offer.eligible:
        return None
    if not periods_overlap(need.period, offer.period):
        return None
    both_periods = need.period is not None and offer.period is not None
    return Match(
        need_id=need.id,
        offer_id=offer.id,
        rank=(0 if listed else 1, 0 if both_periods else 1, offer.id),
        eligible_listed=listed,
        both_periods=both_periods,
    )


def index_catalog(
    result: ValidationResult,
    today: dt.date,
    dialogues: list[Dialogue] | None = None,
    examples: bool = False,
) -> Catalog:
    """Build the catalogue from a validation result with no errors.

    ``examples`` adds the illustrative entries of ``examples/`` (the demo site); they are
    listed in ``catalog.illustrative`` and never counted.
    """
    states: dict[str, StateFile] = {}
    needs: dict[str, Need] = {}
    offers: dict[str, Offer] = {}
    challenges: dict[str, PublishableChallenge] = {}
    owner: dict[str, str] = {}
    illustrative: set[str] = set()
    sources = [(result.states, False), (result.examples if examples else {}, True)]
    for files, is_example in sources:
        for iso3 in sorted(files):
            model = files[iso3].to_model()
            if model is None:
                continue
            if not is_example:
                # Downstream stages never see raw challenges: only PublishableChallenge below.
                states[iso3] = model.model_copy(update={"challenges": []})
            ids = [*(n.id for n in model.needs), *(o.id for o in model.offers)]
            for need in sorted(model.needs, key=lambda n: n.id):
                needs[need.id] = need
            for offer in sorted(model.offers, key=lambda o: o.id):
                offers[offer.id] = offer
            for challenge in sorted(model.challenges, key=lambda c: c.id):
                if is_publishable(challenge, result.record.get(iso3), today):
                    challenges[challenge.id] = _publish(challenge, iso3, is_example)
                    ids.append(challenge.id)
            owner.update(dict.fromkeys(ids, iso3))
            if is_example:
                illustrative.update(ids)
    catalog = Catalog(
        today=today,
        states=states,
        needs=needs,
        offers=offers,
        challenges=challenges,
        owner=owner,
        record=result.record,
        illustrative=frozenset(illustrative),
    )
    catalog.dialogues = sorted(dialogues or [], key=lambda d: (d.meta.date, d.src_uri), reverse=True)
    responding: dict[str, list[str]] = defaultdict(list)
    for offer in offers.values():
        for need_id in offer.responds_to:
            responding[need_id].append(offer.id)
    catalog.responding = {k: sorted(v) for k, v in responding.items()}
    catalog.suggested_offers = suggest_offers(catalog)
    catalog.suggested_needs = suggest_needs(catalog)
    for entry_id, iso3 in owner.items():
        kind = entry_id.split("-")[1]
        if kind == "N":
            catalog.needs_by_state[iso3].append(needs[entry_id])
        elif kind == "O":
            catalog.offers_by_state[iso3].append(offers[entry_id])
        else:
            catalog.challenges_by_state[iso3].append(challenges[entry_id])
    for published in challenges.values():
        for need_id in published.related_needs:
            catalog.challenges_by_need[need_id].append(published)
    return catalog


def _period_rank(need_has_period: bool, other: Period | None) -> int:
    return 0 if need_has_period and other is not None else 1


def _offer_rank(with_period: bool, offer: Offer) -> tuple[int, int, str]:
    return (0 if isinstance(offer.eligible, list) else 1, _period_rank(with_period, offer.period), offer.id)


def _need_rank(with_period: bool, need: Need) -> tuple[int, str]:
    return (_period_rank(with_period, need.period), need.id)


def suggest_offers(catalog: Catalog) -> dict[str, list[Match]]:
    """For each open need, its best-ranked matching offers (at most MAX_SUGGESTIONS).

    Offers are visited in rank order (named the State, then both periods given,
    then id) and the walk stops after MAX_SUGGESTIONS matches, so the cost per
    need does not grow with the number of offers that would also match.
    """
    buckets: dict[tuple[str, str], list[Offer]] = defaultdict(list)
    for offer in catalog.offers.values():
        if offer.status in AVAILABLE_OFFER:
            buckets[(offer.area, offer.kind)].append(offer)
    orders: dict[tuple[str, str, bool], list[Offer]] = {}
    for key, bucket in buckets.items():
        for with_period in (True, False):
            orders[(*key, with_period)] = sorted(bucket, key=partial(_offer_rank, with_period))
    out: dict[str, list[Match]] = {}
    for need in catalog.needs.values():
        if need.status not in OPEN_NEED:
            continue
        state = catalog.owner[need.id]
        named = catalog.responding.get(need.id, ())
        found: list[Match] = []
        for offer in orders.get((need.area, need.kind, need.period is not None), ()):
            if offer.id in named:
                continue  # already linked explicitly; listed separately
            match = match_offer_to_need(need, state, offer, catalog.owner[offer.id])
            if match is not None:
                found.append(match)
                if len(found) == MAX_SUGGESTIONS:
                    break
        if found:
            out[need.id] = sorted(found, key=lambda m: m.rank)
    return out


def suggest_needs(catalog: Catalog) -> dict[str, list[Match]]:
    """For each available offer, the best-ranked open needs it could serve (at most MAX_SUGGESTIONS)."""
    buckets: dict[tuple[str, str], list[Need]] = defaultdict(list)
    for need in catalog.needs.values():
        if need.status in OPEN_NEED:
            buckets[(need.area, need.kind)].append(need)
    orders: dict[tuple[str, str, bool], list[Need]] = {}
    for key, bucket in buckets.items():
        for with_period in (True, False):
            orders[(*key, with_period)] = sorted(bucket, key=partial(_need_rank, with_period))
    out: dict[str, list[Match]] = {}
    for offer in catalog.offers.values():
        if offer.status not in AVAILABLE_OFFER:
            continue
        candidates = orders.get((offer.area, offer.kind, offer.period is not None), [])
        if isinstance(offer.eligible, list):
            allowed = set(offer.eligible)
            candidates = [n for n in candidates if catalog.owner[n.id] in allowed]
        found: list[Match] = []
        for need in candidates:
            if offer.id in catalog.responding.get(need.id, ()):
                continue
            match = match_offer_to_need(need, catalog.owner[need.id], offer, catalog.owner[offer.id])
            if match is not None:
                found.append(match)
                if len(found) == MAX_SUGGESTIONS:
                    break
        if found:
            out[offer.id] = found
    return out
