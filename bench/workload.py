"""Synthetic data: the sizes, and one seeded, deterministic State file per State Party."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import common
import yaml
from common import SEED

# --------------------------------------------------------------------------------------
# Sizes
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    name: str
    items: int  # needs + offers, over all States
    challenges: int  # consented (published) challenges
    pending: int  # challenges awaiting consent (never published)


QUICK = Size("quick", 150, 10, 2)
REALISTIC = Size("realistic", 1_500, 100, 20)
TEN_X = Size("10x", 15_000, 1_000, 200)


# --------------------------------------------------------------------------------------
# Synthetic State files
# --------------------------------------------------------------------------------------

AREAS = {  # weight, topics
    "clearance": (35, ["land release", "technical survey", "non-technical survey", "manual clearance teams",
                       "mechanical demining", "mine detection dogs", "quality management of clearance",
                       "clearance of improvised mines"]),
    "victim_assistance": (20, ["a prosthetics workshop", "physical rehabilitation", "psychosocial support",
                               "a survivor data register", "peer support networks",
                               "vocational training for survivors"]),
    "stockpile_destruction": (5, ["stockpile destruction", "open burning and detonation",
                                  "inventory management of stockpiles"]),
    "risk_education": (15, ["explosive ordnance risk education", "school risk education",
                            "community liaison", "risk education for returnees"]),
    "capacity": (15, ["information management", "a national mine action standard",
                      "training of national operators", "strategic planning"]),
    "other": (10, ["transparency reporting", "gender and diversity in mine action",
                   "environmental management in mine action"]),
}  # fmt: skip
KINDS = {"financial": 35, "expertise": 30, "equipment": 20, "experience": 15}
KIND_NEED = {"financial": "Funding for", "expertise": "Advice on", "equipment": "Equipment for",
             "experience": "Exchange of experience on"}  # fmt: skip
KIND_OFFER = {"financial": "Grant funding for", "expertise": "Technical advisers for",
              "equipment": "Donation of equipment for", "experience": "Study visits on"}  # fmt: skip
NEED_STATUS = {"open": 50, "partially_met": 20, "met": 20, "withdrawn": 10}
OFFER_STATUS = {"available": 60, "committed": 25, "closed": 15}
CATEGORIES = ["financial", "technical", "political", "capacity", "other"]
CURRENCIES = ["USD", "USD", "USD", "EUR", "EUR", "GBP", "CHF", "NOK", "JPY"]
REGIONS = ["the north-west", "the border provinces", "the eastern districts", "the central highlands",
           "the coastal plain", "the southern region", "the capital region", "the river valley",
           "the former front line", "rural districts"]  # fmt: skip
SUBJECTS = ["The national authority", "The mine action centre", "Survey teams", "Partner organisations",
            "Local communities", "The ministry of health", "Operators", "Provincial offices"]  # fmt: skip
VERBS = ["need", "have requested", "plan", "expect to complete", "will coordinate", "report on",
         "prioritise", "are preparing"]  # fmt: skip
OBJECTS = ["a multi-year work plan", "the release of suspected hazardous areas", "training for new staff",
           "quarterly progress reports", "data collection in the field", "follow-up visits",
           "the handover of released land", "an updated baseline survey", "procurement of spare parts",
           "a gender-sensitive needs assessment"]  # fmt: skip
QUALIFIERS = ["before the next Meeting of the States Parties", "in line with the national strategy",
              "with support from international partners", "as set out in the extension request",
              "within the current deadline", "in close cooperation with local authorities",
              "subject to available funding", "over the next two years"]  # fmt: skip


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."


def _markdown(rng: random.Random, topic: str, region: str) -> str:
    """A short contributor text: two paragraphs, sometimes a list and some emphasis (~300-700 characters)."""
    first = f"This concerns **{topic}** in {region}. " + " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
    parts = [first, " ".join(_sentence(rng) for _ in range(rng.randint(1, 2)))]
    if rng.random() < 0.4:
        parts.append("\n".join(f"- {rng.choice(OBJECTS).capitalize()}" for _ in range(rng.randint(2, 4))))
    return "\n\n".join(parts)


def _day(as_of: dt.date, rng: random.Random, lo: int, hi: int) -> dt.date:
    return as_of - dt.timedelta(days=rng.randint(lo, hi))


def _period(rng: random.Random, as_of: dt.date) -> dict[str, dt.date] | None:
    roll = rng.random()
    if roll < 0.25:
        return None
    start = as_of + dt.timedelta(days=rng.randint(-365, 365))
    if roll < 0.35:
        return {"start": start}  # open-ended
    return {"start": start, "end": start + dt.timedelta(days=rng.randint(90, 1095))}


def _amount(rng: random.Random, kind: str) -> dict[str, Any] | None:
    if rng.random() >= (0.8 if kind == "financial" else 0.15):
        return None
    return {"value": float(rng.randrange(10_000, 5_000_000, 5_000)), "currency": rng.choice(CURRENCIES)}


def _area_topic(rng: random.Random) -> tuple[str, str]:
    area = rng.choices(list(AREAS), weights=[w for w, _ in AREAS.values()])[0]
    return area, rng.choice(AREAS[area][1])


def _dated(entry: dict[str, Any], rng: random.Random, as_of: dt.date) -> None:
    posted = _day(as_of, rng, 10, 700)
    entry["posted"] = posted
    if rng.random() < 0.4:
        entry["updated"] = posted + dt.timedelta(days=rng.randint(0, (as_of - posted).days))


def _need(rng: random.Random, iso3: str, number: int, as_of: dt.date) -> dict[str, Any]:
    area, topic = _area_topic(rng)
    kind = _pick(rng, KINDS)
    region = rng.choice(REGIONS)
    entry: dict[str, Any] = {
        "id": f"{iso3}-N-{number:03d}",
        "title": f"{KIND_NEED[kind]} {topic} in {region}",
        "area": area,
        "kind": kind,
        "status": _pick(rng, NEED_STATUS),
        "description": _markdown(rng, topic, region),
    }
    if (amount := _amount(rng, kind)) is not None:
        entry["amount"] = amount
    if (period := _period(rng, as_of)) is not None:
        entry["period"] = period
    if rng.random() < 0.2:
        entry["links"] = [f"https://example.org/{iso3.lower()}/needs/{number:03d}"]
    _dated(entry, rng, as_of)
    return entry


def _offer(
    rng: random.Random, iso3: str, number: int, as_of: dt.date, codes: Sequence[str], needs: Sequence[str]
) -> dict[str, Any]:
    area, topic = _area_topic(rng)
    kind = _pick(rng, KINDS)
    region = rng.choice(REGIONS)
    entry: dict[str, Any] = {
        "id": f"{iso3}-O-{number:03d}",
        "title": f"{KIND_OFFER[kind]} {topic}",
        "area": area,
        "kind": kind,
        "status": _pick(rng, OFFER_STATUS),
        "eligible": "any" if rng.random() < 0.55 else sorted(rng.sample(list(codes), rng.randint(2, 8))),
        "description": _markdown(rng, topic, region),
    }
    if (amount := _amount(rng, kind)) is not None:
        entry["amount"] = amount
    if (period := _period(rng, as_of)) is not None:
        entry["period"] = period
    others = [n for n in rng.sample(list(needs), min(len(needs), 6)) if not n.startswith(iso3)] if needs else []
    if others and rng.random() < 0.3:
        entry["responds_to"] = others[: rng.randint(1, 2)]
    _dated(entry, rng, as_of)
    return entry


def _challenge(
    rng: random.Random, iso3: str, number: int, as_of: dt.date, own_needs: Sequence[str], consented: bool
) -> dict[str, Any]:
    _area, topic = _area_topic(rng)
    region = rng.choice(REGIONS)
    entry: dict[str, Any] = {
        "id": f"{iso3}-C-{number:03d}",
        "title": f"Obstacles to {topic} in {region}",
        "category": rng.choice(CATEGORIES),
        "summary": _markdown(rng, topic, region),
    }
    if own_needs and rng.random() < 0.6:
        entry["related_needs"] = sorted(rng.sample(list(own_needs), min(len(own_needs), rng.randint(1, 2))))
    if consented:
        entry["consent"] = {
            "status": "given",
            "date": _day(as_of, rng, 1, 400),
            "by": "national authority",
            "reference": f"letter {iso3}/{number:03d}",
        }
    else:
        entry["consent"] = {"status": "pending"}
    return entry


def _header(rng: random.Random, ref: dict[str, str], as_of: dt.date) -> dict[str, Any]:
    """A State file's own part (schema version 2): membership and obligations are the record's."""
    iso3 = ref["iso3"]
    return {
        "schema_version": 2,
        "state": iso3,
        "last_reviewed": _day(as_of, rng, 0, 180),
        "contacts": [
            {
                "role": "Focal point",
                "organisation": "National mine action authority",
                "email": f"focal.point.{iso3.lower()}@example.org",
            }
        ],
    }


def reference_rows() -> list[dict[str, str]]:
    import csv

    with (common.SOURCE / "scripts" / "reference" / "states-parties.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _spread(rng: random.Random, total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integer shares proportional to ``weights`` (largest remainder)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    shares = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - shares[i], rng.random()), reverse=True)
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def generate_states(size: Size, as_of: dt.date, seed: int = SEED) -> dict[str, dict[str, Any]]:
    """One mapping per State Party: deterministic for a given size, date and seed."""
    rng = random.Random(f"{seed}:{size.name}")
    rows = reference_rows()
    codes = [r["iso3"] for r in rows]
    # States with a clearance deadline or many survivors post mostly needs, the others mostly offers.
    affected = {r["iso3"] for r in rows if r["art5_deadline"] or r["va_significant_survivors"] == "yes"}
    per_state = _spread(rng, size.items, [rng.uniform(0.4, 1.6) * (1.6 if c in affected else 1.0) for c in codes])
    need_share = {c: (0.85 if c in affected else 0.4) for c in codes}
    n_needs = {c: sum(rng.random() < need_share[c] for _ in range(n)) for c, n in zip(codes, per_state, strict=True)}
    states = {r["iso3"]: _header(rng, r, as_of) for r in rows}
    all_needs: list[str] = []
    for code in codes:
        needs = [_need(rng, code, i + 1, as_of) for i in range(n_needs[code])]
        if needs:
            states[code]["needs"] = needs
        all_needs += [n["id"] for n in needs]
    for code, total in zip(codes, per_state, strict=True):
        offers = [_offer(rng, code, i + 1, as_of, codes, all_needs) for i in range(total - n_needs[code])]
        if offers:
            states[code]["offers"] = offers
    weights = [3.0 if c in affected else 1.0 for c in codes]
    consented = _spread(rng, size.challenges, weights)
    pending = _spread(rng, size.pending, weights)
    for code, given, waiting in zip(codes, consented, pending, strict=True):
        own = [n["id"] for n in states[code].get("needs", [])]
        challenges = [_challenge(rng, code, i + 1, as_of, own, i < given) for i in range(given + waiting)]
        if challenges:
            states[code]["challenges"] = challenges
    return states


class _NoAliasDumper(yaml.SafeDumper):
    """State files may not hold anchors or aliases: write repeated values out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_state(data: dict[str, Any]) -> str:
    # Names the entry point, as before the split: the header's bytes count in the State files' sizes.
    head = "# Synthetic State file written by bench/run.py: not real data.\n"
    return head + yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)
