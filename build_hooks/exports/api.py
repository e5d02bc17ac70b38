"""Open data: the static JSON API (/api/v1/) and its JSON Schemas (the CSV files: ``csvfiles``).

Every endpoint has the envelope ``schema_version``, ``generated_at`` (the
source commit's time), ``total`` and ``result``. Submitted fields keep the
State file's names; everything the Platform computes sits under ``computed``
so a reader can always tell the two apart. The export models below are the
single definition of each endpoint: the JSON Schemas published beside the
files are generated from them, and the tests load every file back through
them (save/load symmetry).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from build_hooks.engine.model import Iso3, IsoDate, Need, Offer, StateHeader
from build_hooks.engine.record import NOT_RECORDED, Fact
from build_hooks.engine.tables import PartialDate
from build_hooks.engine.vocabulary import AVAILABLE_OFFER, OPEN_NEED
from build_hooks.i18n import translator
from build_hooks.urls import item_url, state_url

if TYPE_CHECKING:
    from build_hooks.engine.catalog import Catalog
    from build_hooks.engine.progress import ProgressIndex, StateProgress

API_VERSION: Literal[1] = 1
API_DIR = "api/v1"
T = TypeVar("T")


class Envelope(BaseModel, Generic[T]):
    # Strict here, so the tests catch a field this code writes by mistake; the published
    # schemas are open (see ``open_schema``), so a v1 reader accepts fields added later.
    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = API_VERSION
    generated_at: str = Field(
        description="The moment the data is as of: midnight UTC of the build day (ISO 8601).",
        json_schema_extra={"format": "date-time"},
    )
    total: int = Field(ge=0, description="Number of items in result (1 for a single object).")
    result: T


class Computed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MatchRef(Computed):
    id: str
    reason: str


class NeedComputed(Computed):
    url: str
    state_name: str
    responding_offers: list[str] = Field(description="Offers whose responds_to names this need.")
    suggested_offers: list[MatchRef] = Field(description="Offers matching by the documented rule, ranked.")


class NeedExport(Need):
    state: Iso3
    computed: NeedComputed


class OfferComputed(Computed):
    url: str
    state_name: str
    suggested_needs: list[MatchRef]


class OfferExport(Offer):
    state: Iso3
    computed: OfferComputed


class ConsentExport(Computed):
    status: Literal["given"]
    date: IsoDate
    by: str


# A date of the record as precise as its source: a year, a month or a day (ISO 8601).
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

FactState = Literal["value", "none", "not_recorded"]


class FactExport(Computed):
    """A fact of the official record in one of three states, with its own source and as-of date.

    ``state`` is ``value`` (see ``value``), ``none`` (known to be none) or ``not_recorded``
    (the record says nothing: never read it as 0 or as missing).
    """

    state: FactState
    value: Any = None
    source: str = ""
    as_of: str | None = Field(
        default=None,
        description="Date of the newest source stating it: YYYY, YYYY-MM or YYYY-MM-DD.",
        pattern=PARTIAL_DATE_PATTERN,
    )
    verified: bool = False
    at_least: bool = Field(default=False, description="true when value is a lower bound (an incomplete chain).")
    qualifier: str = Field(default="", description="estimate or at_least for figures; empty otherwise.")


def fact_json(fact: Fact) -> dict[str, Any]:
    value = fact.value
    if isinstance(value, tuple):
        value = [str(v) if isinstance(v, (dt.date, PartialDate)) else v for v in value]
    elif isinstance(value, (dt.date, PartialDate)):
        value = str(value)
    return FactExport(
        state=fact.state,
        value=value,
        source=fact.source,
        as_of=str(fact.as_of) if fact.as_of is not None else None,
        verified=fact.verified,
        at_least=fact.at_least,
        qualifier=fact.qualifier,
    ).model_dump(mode="json")


class ChallengeExport(Computed):
    """A challenge published with consent. Pending or withdrawn ones never reach any export."""

    id: str
    state: Iso3
    title: str
    category: str
    summary: str
    related_needs: list[str]
    consent: ConsentExport
    computed: dict[str, str] = Field(description="url of the challenge on the site.")


class StateComputed(Computed):
    url: str
    name: str
    is_party: bool = Field(description="A party on the as-of date, from the record's membership dates.")
    open_needs: int
    available_offers: int
    published_challenges: int
    article5_status: str | None
    entry_into_force: FactExport
    withdrawal_notified: FactExport
    withdrawal_effective: FactExport


class StateExport(StateHeader):
    computed: StateComputed


class StateDetail(Computed):
    state: StateExport
    needs: list[NeedExport]
    offers: list[OfferExport]
    challenges: list[ChallengeExport]


class FindingExport(Computed):
    kind: str
    meeting: str
    date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD.", pattern=PARTIAL_DATE_PATTERN)
    finding: FactExport


class ProgressComputed(Computed):
    article5_status: str | None
    missing: str = Field(
        description="What the record lacks for a fuller status: deadline, figures, status_unresolved or empty."
    )
    original_deadline: FactExport
    deadline: FactExport
    extensions: FactExport
    completed_on: FactExport
    findings: list[FindingExport]
    met_target_year: bool | None = Field(description="null when the record cannot tell.")
    remaining: FactExport = Field(description="The latest figure: value is [as_of, km2].")
    rate_km2_per_year: float | None
    projected_completion_year: int | None
    based_on_unverified_figures: bool
    article4: FactExport
    article4_deadline: FactExport
    significant_survivors: FactExport
    article7_latest_year: FactExport
    article7_last_year_recorded: FactExport = Field(description="not_recorded is never 'missing'.")
    open_needs: int = Field(description="Open or partially met needs; examples are never counted.")
    open_needs_with_responding_offer: int


class ProgressExport(Computed):
    state: Iso3
    name: str
    target_year: int
    computed: ProgressComputed


class EndpointInfo(Computed):
    path: str
    schema_path: str = Field(alias="schema")
    description: str
    total: int

    model_config = ConfigDict(populate_by_name=True, extra="forbid")


ENDPOINTS: dict[str, tuple[type[Any], str]] = {
    "index.json": (list[EndpointInfo], "What exists in this API."),
    "states.json": (list[StateExport], "Every State Party on the as-of date (from the record), without its entries."),
    "needs.json": (list[NeedExport], "Every need, with responding and suggested offers."),
    "offers.json": (list[OfferExport], "Every offer, with the needs it could serve."),
    "challenges.json": (list[ChallengeExport], "Challenges published with the State's consent."),
    "progress.json": (list[ProgressExport], "The progress index, computed from the official record."),
    "examples.json": (
        list[dict[str, Any]],
        "Illustrative entries of the demo site, each with its entry_type (need, offer or challenge): never facts,"
        " never counted.",
    ),
    "states/{iso3}.json": (StateDetail, "One State with its needs, offers and consented challenges."),
}


def open_schema(node: Any) -> Any:
    """``node`` without ``additionalProperties: false`` anywhere: the stability promise.

    Within v1 we may add fields (to the envelope, to any item, to ``computed``) and readers ignore
    the ones they do not know, so a published schema must never refuse an unknown field. The
    export models stay strict in this code; only the schema a reader validates with is open.
    """
    if isinstance(node, dict):
        return {k: open_schema(v) for k, v in node.items() if not (k == "additionalProperties" and v is False)}
    if isinstance(node, list):
        return [open_schema(v) for v in node]
    return node


def schema_for(endpoint: str) -> dict[str, Any]:
    result_type, description = ENDPOINTS[endpoint]
    schema = open_schema(Envelope[result_type].model_json_schema(mode="serialization"))  # type: ignore[valid-type]
    schema["title"] = f"/{API_DIR}/{endpoint}"
    schema["description"] = description
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_file_name(endpoint: str) -> str:
    return "schemas/" + endpoint.replace("states/{iso3}", "state-detail").replace(".json", ".schema.json")


def dumps(data: Any) -> str:
    """Stable, compact JSON: sorted keys, fixed separators, UTF-8, trailing newline.

    Never ``Infinity`` or ``NaN`` (not JSON): a non-finite number raises ValueError. The inputs are
    finite by contract (the schema refuses non-finite amounts; the record's numbers are bounded).
    """
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def _need(catalog: Catalog, need: Need) -> dict[str, Any]:
    iso3 = catalog.owner[need.id]
    computed = NeedComputed(
        url=item_url(need.id),
        state_name=catalog.state_name(iso3),
        responding_offers=catalog.responding.get(need.id, []),
        suggested_offers=[
            MatchRef(id=m.offer_id, reason=m.reason(iso3, translator("en")))
            for m in catalog.suggested_offers.get(need.id, [])
        ],
    )
    return {**need.model_dump(mode="json"), "state": iso3, "computed": computed.model_dump(mode="json")}


def _offer(catalog: Catalog, offer: Offer) -> dict[str, Any]:
    iso3 = catalog.owner[offer.id]
    computed = OfferComputed(
        url=item_url(offer.id),
        state_name=catalog.state_name(iso3),
        suggested_needs=[
            MatchRef(id=m.need_id, reason=m.reason(catalog.owner[m.need_id], translator("en")))
            for m in catalog.suggested_needs.get(offer.id, [])
        ],
    )
    return {**offer.model_dump(mode="json"), "state": iso3, "computed": computed.model_dump(mode="json")}


def _challenge(catalog: Catalog, challenge_id: str) -> dict[str, Any]:
    c = catalog.challenges[challenge_id]
    return {
        "id": c.id,
        "state": c.state,
        "title": c.title,
        "category": c.category,
        "summary": c.summary,
        "related_needs": list(c.related_needs),
        "consent": {"status": "given", "date": c.consent_date.isoformat(), "by": c.consent_by},
        "computed": {"url": item_url(c.id)},
    }


def _state(catalog: Catalog, progress: ProgressIndex, iso3: str) -> dict[str, Any]:
    state = catalog.states[iso3]
    header = {name: getattr(state, name) for name in StateHeader.model_fields}
    row = next((r for r in progress.rows if r.iso3 == iso3), None)
    record = catalog.record.get(iso3)
    computed = StateComputed(
        url=state_url(iso3),
        name=catalog.state_name(iso3),
        is_party=record.is_party(catalog.today),
        open_needs=sum(n.status in OPEN_NEED for n in catalog.real(catalog.needs_of(iso3))),
        available_offers=sum(o.status in AVAILABLE_OFFER for o in catalog.real(catalog.offers_of(iso3))),
        published_challenges=len(catalog.real(catalog.challenges_of(iso3))),
        article5_status=row.article5.status if row and row.article5 else None,
        entry_into_force=FactExport(**fact_json(record.entry_into_force)),
        withdrawal_notified=FactExport(**fact_json(record.withdrawal_notified)),
        withdrawal_effective=FactExport(**fact_json(record.withdrawal_effective)),
    )
    data = StateHeader.model_construct(**header).model_dump(mode="json")
    return {**data, "computed": computed.model_dump(mode="json")}


def _progress(row: StateProgress, target_year: int) -> dict[str, Any]:
    a5 = row.article5
    facts = {
        name: fact_json(getattr(a5, name) if a5 else NOT_RECORDED)
        for name in ("original_deadline", "deadline", "extensions", "completed_on")
    }
    computed = ProgressComputed(
        article5_status=a5.status if a5 else None,
        missing=a5.missing if a5 else "",
        **{k: FactExport(**v) for k, v in facts.items()},
        findings=[
            FindingExport(
                kind=f.kind,
                meeting=f.meeting,
                date=str(f.date) if f.date else None,
                finding=FactExport(**fact_json(f.text)),
            )
            for f in (a5.findings if a5 else ())
        ],
        met_target_year=a5.met_target if a5 else None,
        remaining=FactExport(**fact_json(a5.series[-1] if a5 and a5.series else NOT_RECORDED)),
        rate_km2_per_year=a5.rate_km2_per_year if a5 else None,
        projected_completion_year=a5.projected_year if a5 else None,
        based_on_unverified_figures=bool(a5 and a5.unverified),
        article4=FactExport(**fact_json(row.article4)),
        article4_deadline=FactExport(**fact_json(row.article4_deadline)),
        significant_survivors=FactExport(**fact_json(row.survivors)),
        article7_latest_year=FactExport(**fact_json(row.article7_latest)),
        article7_last_year_recorded=FactExport(**fact_json(row.article7_this_year)),
        open_needs=row.open_needs,
        open_needs_with_responding_offer=row.responded_needs,
    )
    return {
        "state": row.iso3,
        "name": row.name,
        "target_year": target_year,
        "computed": computed.model_dump(mode="json"),
    }


def envelope(result: Any, generated_at: str) -> dict[str, Any]:
    total = len(result) if isinstance(result, list) else 1
    return {"schema_version": API_VERSION, "generated_at": generated_at, "total": total, "result": result}


def build_api(catalog: Catalog, progress: ProgressIndex, generated_at: dt.datetime) -> dict[str, str]:
    """Every API file: relative path under /api/v1/ -> JSON text (and each endpoint's schema)."""
    stamp = generated_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    needs = [_need(catalog, n) for n in catalog.real(catalog.needs.values())]
    offers = [_offer(catalog, o) for o in catalog.real(catalog.offers.values())]
    challenges = [_challenge(catalog, c) for c in catalog.challenges if not catalog.is_example(c)]
    # ``entry_type`` says what each example is; ``kind`` stays what it is in needs.json and offers.json
    # (the assistance kind) and, for a challenge, which has no kind of its own, "challenge" as before.
    examples = [
        {"kind": entry_type, **item, "entry_type": entry_type, "illustrative": True}
        for entry_type, items in (
            ("need", [_need(catalog, n) for n in catalog.needs.values() if catalog.is_example(n.id)]),
            ("offer", [_offer(catalog, o) for o in catalog.offers.values() if catalog.is_example(o.id)]),
            ("challenge", [_challenge(catalog, c) for c in catalog.challenges if catalog.is_example(c)]),
        )
        for item in items
    ]
    parties = set(catalog.parties())
    results: dict[str, Any] = {
        "examples.json": examples,
        # States Parties on the as-of date; a former party keeps its states/<code>.json.
        "states.json": [_state(catalog, progress, iso3) for iso3 in catalog.states if iso3 in parties],
        "needs.json": needs,
        "offers.json": offers,
        "challenges.json": challenges,
        "progress.json": [_progress(r, progress.target_year) for r in progress.rows],
    }
    files: dict[str, str] = {}
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {
        iso3: {"needs": [], "offers": [], "challenges": []} for iso3 in catalog.states
    }
    for key, items in (("needs", needs), ("offers", offers), ("challenges", challenges)):
        for item in items:
            grouped[item["state"]][key].append(item)
    states = {iso3: _state(catalog, progress, iso3) for iso3 in catalog.states}
    for iso3 in catalog.states:
        detail = {"state": states[iso3], **grouped[iso3]}
        files[f"states/{iso3.lower()}.json"] = dumps(envelope(detail, stamp))
    index = [
        {
            "path": f"/{API_DIR}/{name}",
            "schema": f"/{API_DIR}/{schema_file_name(name)}",
            "description": ENDPOINTS[name][1],
            "total": len(results[name]) if name in results else len(catalog.states),
        }
        for name in ENDPOINTS
        if name != "index.json"
    ]
    results["index.json"] = index
    for name, result in results.items():
        files[name] = dumps(envelope(result, stamp))
    for name in ENDPOINTS:
        files[schema_file_name(name)] = dumps(schema_for(name))
    return files
