"""Open data: the static JSON API (/api/v1/), its JSON Schemas, and CSV downloads.

Every endpoint has the envelope ``schema_version``, ``generated_at`` (the
source commit's time), ``total`` and ``result``. Submitted fields keep the
State file's names; everything the Platform computes sits under ``computed``
so a reader can always tell the two apart. The export models below are the
single definition of each endpoint: the JSON Schemas published beside the
files are generated from them, and the tests load every file back through
them (save/load symmetry).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from build_hooks.engine.model import Iso3, IsoDate, Need, Offer, StateHeader
from build_hooks.i18n import translator
from build_hooks.urls import item_url, state_url

if TYPE_CHECKING:
    from build_hooks.engine.catalog import Catalog
    from build_hooks.engine.progress import ProgressIndex, StateProgress

API_VERSION: Literal[1] = 1
API_DIR = "api/v1"
T = TypeVar("T")


class Envelope(BaseModel, Generic[T]):
    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = API_VERSION
    generated_at: str = Field(description="Time of the source commit (UTC, ISO 8601), not of the build.")
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


class ChallengeExport(Computed):
    """A challenge published with consent. Pending or withdrawn ones never reach any export."""

    id: str
    state: Iso3
    title: str
    category: str
    summary: str
    related_needs: list[str]
    consent: ConsentExport
    illustrative: bool
    computed: dict[str, str] = Field(description="url of the challenge on the site.")


class StateComputed(Computed):
    url: str
    name: str
    is_party: bool
    open_needs: int
    available_offers: int
    published_challenges: int
    article5_status: str | None


class StateExport(StateHeader):
    computed: StateComputed


class StateDetail(Computed):
    state: StateExport
    needs: list[NeedExport]
    offers: list[OfferExport]
    challenges: list[ChallengeExport]


class ProgressComputed(Computed):
    article5_status: str | None
    original_deadline: IsoDate | None
    deadline: IsoDate | None
    extensions: int
    met_target_year: bool | None
    remaining_km2: float | None
    remaining_as_of: IsoDate | None
    rate_km2_per_year: float | None
    projected_completion_year: int | None
    based_on_unverified_figures: bool
    article4_status: str | None
    stockpile_remaining: int | None
    significant_survivors: bool | None
    article7_latest_year: int | None
    article7_missing: bool
    open_needs: int
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
    "states.json": (list[StateExport], "Every State Party's file, without its entries."),
    "needs.json": (list[NeedExport], "Every need, with responding and suggested offers."),
    "offers.json": (list[OfferExport], "Every offer, with the needs it could serve."),
    "challenges.json": (list[ChallengeExport], "Challenges published with the State's consent."),
    "progress.json": (list[ProgressExport], "The progress index, computed from the State files."),
    "states/{iso3}.json": (StateDetail, "One State with its needs, offers and consented challenges."),
}


def schema_for(endpoint: str) -> dict[str, Any]:
    result_type, description = ENDPOINTS[endpoint]
    schema = Envelope[result_type].model_json_schema(mode="serialization")  # type: ignore[valid-type]
    schema["title"] = f"/{API_DIR}/{endpoint}"
    schema["description"] = description
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_file_name(endpoint: str) -> str:
    return "schemas/" + endpoint.replace("states/{iso3}", "state-detail").replace(".json", ".schema.json")


def dumps(data: Any) -> str:
    """Stable, compact JSON: sorted keys, fixed separators, UTF-8, trailing newline."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


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
        "illustrative": c.illustrative,
        "computed": {"url": item_url(c.id)},
    }


def _state(catalog: Catalog, progress: ProgressIndex, iso3: str) -> dict[str, Any]:
    from build_hooks.engine.catalog import is_party

    state = catalog.states[iso3]
    header = {name: getattr(state, name) for name in StateHeader.model_fields}
    row = next((r for r in progress.rows if r.iso3 == iso3), None)
    computed = StateComputed(
        url=state_url(iso3),
        name=catalog.state_name(iso3),
        is_party=is_party(state, catalog.today),
        open_needs=sum(n.status in {"open", "partially_met"} for n in catalog.needs_of(iso3)),
        available_offers=sum(o.status == "available" for o in catalog.offers_of(iso3)),
        published_challenges=len(catalog.challenges_of(iso3)),
        article5_status=row.article5.status if row and row.article5 else None,
    )
    data = StateHeader.model_construct(**header).model_dump(mode="json")
    return {**data, "computed": computed.model_dump(mode="json")}


def _progress(row: StateProgress, target_year: int) -> dict[str, Any]:
    a5 = row.article5
    last = a5.series[-1] if a5 and a5.series else None
    computed = ProgressComputed(
        article5_status=a5.status if a5 else None,
        original_deadline=a5.original_deadline if a5 else None,
        deadline=a5.deadline if a5 else None,
        extensions=a5.extensions if a5 else 0,
        met_target_year=a5.met_target if a5 else None,
        remaining_km2=last.remaining_km2 if last else None,
        remaining_as_of=last.as_of if last else None,
        rate_km2_per_year=a5.rate_km2_per_year if a5 else None,
        projected_completion_year=a5.projected_year if a5 else None,
        based_on_unverified_figures=bool(a5 and a5.unverified),
        article4_status=row.article4_status,
        stockpile_remaining=row.article4_remaining,
        significant_survivors=row.significant_survivors,
        article7_latest_year=row.article7_latest,
        article7_missing=row.article7_missing,
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
    needs = [_need(catalog, n) for n in catalog.needs.values()]
    offers = [_offer(catalog, o) for o in catalog.offers.values()]
    challenges = [_challenge(catalog, c) for c in catalog.challenges]
    results: dict[str, Any] = {
        "states.json": [_state(catalog, progress, iso3) for iso3 in catalog.states],
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
    states = {item["state"]: item for item in results["states.json"]}
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


# --- CSV ------------------------------------------------------------------------------

NEED_COLUMNS = [
    "id",
    "state",
    "state_name",
    "title",
    "area",
    "kind",
    "status",
    "amount_value",
    "amount_currency",
    "period_start",
    "period_end",
    "posted",
    "updated",
    "illustrative",
    "responding_offers",
    "url",
]
OFFER_COLUMNS = [
    "id",
    "state",
    "state_name",
    "title",
    "area",
    "kind",
    "status",
    "eligible",
    "amount_value",
    "amount_currency",
    "period_start",
    "period_end",
    "responds_to",
    "posted",
    "updated",
    "illustrative",
    "url",
]
PROGRESS_COLUMNS = [
    "state",
    "name",
    "article5_status",
    "original_deadline",
    "deadline",
    "extensions",
    "met_target_year",
    "remaining_km2",
    "remaining_as_of",
    "rate_km2_per_year",
    "projected_completion_year",
    "based_on_unverified_figures",
    "article4_status",
    "stockpile_remaining",
    "significant_survivors",
    "article7_latest_year",
    "article7_missing",
    "open_needs",
    "open_needs_with_responding_offer",
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    text = str(value)
    # A cell starting with = + - @ would be run as a formula by spreadsheet software.
    return "'" + text if text[:1] in {"=", "+", "-", "@"} and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return "\ufeff" + buffer.getvalue()


def _flat_entry(item: dict[str, Any]) -> dict[str, Any]:
    amount = item.get("amount") or {}
    period = item.get("period") or {}
    return {
        **item,
        "state_name": item["computed"]["state_name"],
        "amount_value": amount.get("value"),
        "amount_currency": amount.get("currency"),
        "period_start": period.get("start"),
        "period_end": period.get("end"),
        "responding_offers": item["computed"].get("responding_offers"),
        "url": item["computed"]["url"],
    }


def build_csv(api: dict[str, str]) -> dict[str, str]:
    """CSV twins of needs, offers and progress, from the same data as the JSON (so totals agree)."""
    needs = json.loads(api["needs.json"])["result"]
    offers = json.loads(api["offers.json"])["result"]
    progress = json.loads(api["progress.json"])["result"]
    return {
        "needs.csv": _csv(NEED_COLUMNS, [_flat_entry(n) for n in needs]),
        "offers.csv": _csv(OFFER_COLUMNS, [_flat_entry(o) for o in offers]),
        "progress.csv": _csv(
            PROGRESS_COLUMNS, [{"state": p["state"], "name": p["name"], **p["computed"]} for p in progress]
        ),
    }
