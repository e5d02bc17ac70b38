"""Write ``states/<ISO3>.yml`` for every State Party in the bundled reference list.

The reference list (``build_hooks/data/states-parties.csv``, read through
:func:`build_hooks.reference.load_reference`) was compiled from public sources;
its ``source_notes`` column says where each fact comes from and how sure it is.
This script turns each row into a State file that follows the contract in
``build_hooks/engine/model.py``:

- every figure carries the part of the source notes it comes from as its
  ``source``, and ``verified: false`` when the notes call it recalled, derived,
  approximate or otherwise uncertain;
- nothing is invented: a field the list does not give is left out, a date
  derived from the notes (a day the notes give only as a month, a withdrawal
  notified six months before it took effect) is marked ``verified: false``,
  and a note that fits no field is kept as a YAML comment so it is not lost;
- a few facts that exist only in the notes' prose (withdrawal dates, the
  individual article 5 extensions of some States, Greece's and Ukraine's
  stockpiles) come from small hand-written tables below, each checked against
  the notes text so the script fails loudly if the list changes under it;
- five States (KHM, AGO, LKA, NOR, CHE) also get illustrative entries
  (``illustrative: true``) so every feature of the site has something to
  show; they are fictional and say so in their text.

The output is deterministic: re-running the script rewrites the same bytes.
It never overwrites a file that it did not write itself (one without the
import marker line) unless ``--force`` is given, so a file a State has taken
over is safe.

Usage::

    .venv/bin/python scripts/import_reference.py            # writes states/
    .venv/bin/python scripts/import_reference.py --out DIR  # writes DIR/
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_hooks import reference
from build_hooks.reference import ReferenceState

IMPORT_DATE = dt.date(2026, 11, 27)
MARKER = "# Imported by scripts/import_reference.py"
SCHEMA_LINE = "# yaml-language-server: $schema=../schema/state.schema.json"
MAX_SOURCE = 500
COMMENT_WIDTH = 100

# Words in a source note that mean "not confirmed in a source".
MEMBERSHIP_DOUBTS = ("recalled", "unverified", "derived", "calc:", "inference", "approx", "~", "art.17 rule")
ART5_DOUBTS = (
    "recalled",
    "unverified",
    "not verified",
    "uncertain",
    "derived",
    "approx",
    "latest sourced",
    "passed",
    "likely",
    "assumes",
    "not confirmed",
    "not seen",
    "unclear",
)
# "old" alone means dated but sourced: the as_of date already says how old it is.
CONTAMINATION_DOUBTS = ("estimate", "approx", "derived", "recalled", "uncertain", "unverified")
VA_DOUBTS = ("recalled", "unverified", "derived", "likely", "truncated")
OTHER_DOUBTS = ("recalled", "unverified", "derived", "approx", "uncertain", "unconfirmed")

# Article 5 notes that say an obligation is outstanding although no deadline is sourced.
ART5_OUTSTANDING = ("obligation outstanding", "current deadline not verified")


# --------------------------------------------------------------------------------------
# Facts that are only in the notes' prose. Each carries `expect`: text the row's notes
# must contain, so a changed reference list stops the script instead of going stale.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Withdrawal:
    notified: dt.date
    effective: dt.date
    expect: str
    note: str


_SIX_MONTHS = "effective 6 months later (~27 Dec 2025)"
WITHDRAWALS: dict[str, Withdrawal] = {
    code: Withdrawal(
        dt.date(2025, 6, 27),
        dt.date(2025, 12, 27),
        f"withdrawal notified 27 Jun 2025, {_SIX_MONTHS}",
        "effective date approximate in the notes (~): six months after notification (Article 20(2))",
    )
    for code in ("EST", "LVA", "LTU")
} | {
    "FIN": Withdrawal(
        dt.date(2025, 7, 10),
        dt.date(2026, 1, 10),
        "withdrawal notified 10 Jul 2025, effective Jan 2026",
        "the notes give the effective month only; the day is derived as six months after notification",
    ),
    "POL": Withdrawal(
        dt.date(2025, 8, 20),
        dt.date(2026, 2, 20),
        "withdrawal effective 20 Feb 2026",
        "the notes give no notification date; it is derived as six months before the effective date (Article 20(2))",
    ),
}


@dataclass(frozen=True)
class Ext:
    new_deadline: dt.date
    source: str
    meeting: str | None = None
    verified: bool = True
    note: str | None = None


@dataclass(frozen=True)
class Art5Extra:
    expect: str
    original_deadline: dt.date | None = None
    deadline: dt.date | None = None  # only where the CSV column is empty and the notes recall one
    extensions: tuple[Ext, ...] = ()
    contamination_as_of: dt.date | None = None
    note: str | None = None


ART5_EXTRA: dict[str, Art5Extra] = {
    "KHM": Art5Extra(
        expect="exts 2009 (to 2020), 4RC 2019 (to 31 Dec 2025), 22MSP Dec 2025 (to 31 Dec 2030)",
        extensions=(
            Ext(
                dt.date(2020, 1, 1),
                "extension granted 2009 (to 2020) per CMAA via Asia News Network 8 Dec 2025",
                verified=False,
                note="the notes give the year only; 1 January is assumed",
            ),
            Ext(dt.date(2025, 12, 31), "4RC 2019 (to 31 Dec 2025) per CMAA via Asia News Network 8 Dec 2025", "4RC"),
            Ext(
                dt.date(2030, 12, 31),
                "22MSP Dec 2025 (to 31 Dec 2030) per CMAA via Asia News Network 8 Dec 2025",
                "22MSP",
            ),
        ),
    ),
    "AGO": Art5Extra(
        expect="first Art5 deadline 1 Jan 2013",
        original_deadline=dt.date(2013, 1, 1),
        extensions=(
            Ext(
                dt.date(2018, 1, 1),
                "extension to Jan 2018 (Landmine Monitor 2023 Angola profile)",
                verified=False,
                note="the notes give the month only; the 1st is assumed",
            ),
            Ext(dt.date(2025, 12, 31), "extension to 31 Dec 2025 (Landmine Monitor 2023 Angola profile)"),
        ),
        note="Angola presented a third request (to 2030) at the 22MSP in December 2025; the decision was not seen in the sources.",
    ),
    "COL": Art5Extra(
        expect="first Art5 deadline Mar 2011",
        original_deadline=dt.date(2011, 3, 1),
        extensions=(
            Ext(
                dt.date(2021, 3, 1),
                "extension granted 2010 (to Mar 2021) per Mine Action Review",
                verified=False,
                note="the notes give the month only; the 1st is assumed",
            ),
            Ext(dt.date(2025, 12, 31), "18MSP Nov 2020 (to 31 Dec 2025) per Mine Action Review", "18MSP"),
        ),
    ),
    "PER": Art5Extra(
        expect="exts 9MSP 2008 (to Mar 2017), 2016 (to 31 Dec 2024)",
        extensions=(
            Ext(
                dt.date(2017, 3, 1),
                "9MSP 2008 (to Mar 2017) per Mine Action Review 2023",
                "9MSP",
                verified=False,
                note="the notes give the month only; the 1st is assumed",
            ),
            Ext(dt.date(2024, 12, 31), "extension granted 2016 (to 31 Dec 2024) per Mine Action Review 2023"),
            Ext(
                dt.date(2029, 12, 31),
                "5RC Nov 2024 (to end-2029) per Mine Action Review, Clearing the Mines 2025",
                "5RC",
            ),
        ),
    ),
    "THA": Art5Extra(
        expect="1st ext to 1 Nov 2018",
        extensions=(
            Ext(
                dt.date(2018, 11, 1),
                "1st extension to 1 Nov 2018 (j-magazine.blogspot.com 2016 citing Landmine Monitor 2015)",
            ),
            Ext(
                dt.date(2023, 12, 31),
                "16MSP Dec 2017 (Thai MFA mfa.go.th; Mine Action Review 2017 gave 31 Oct 2023)",
                "16MSP",
                verified=False,
                note="the sources disagree on the day (31 Oct or 31 Dec 2023)",
            ),
        ),
        note="A third extension to 31 Dec 2026 is recalled in the notes but not verified; it is not listed.",
    ),
    "UKR": Art5Extra(expect="missed 1 Jun 2016 (LM2017)", original_deadline=dt.date(2016, 6, 1)),
    "LKA": Art5Extra(expect="original deadline (MAR)", original_deadline=dt.date(2028, 6, 1)),
    "PSE": Art5Extra(expect="original 10-year deadline derived from EIF", original_deadline=dt.date(2028, 6, 1)),
    "NER": Art5Extra(expect="as of Apr 2018 (LM2018)", contamination_as_of=dt.date(2018, 4, 30)),
    "MRT": Art5Extra(expect="deadline recalled as 31 Dec 2026 (unverified)", deadline=dt.date(2026, 12, 31)),
    "SDN": Art5Extra(expect="deadline recalled as 1 Apr 2027 (unverified)", deadline=dt.date(2027, 4, 1)),
    "SOM": Art5Extra(expect="deadline reported as 1 Oct 2027", deadline=dt.date(2027, 10, 1)),
}


@dataclass(frozen=True)
class Stockpile:
    remaining: int
    deadline: dt.date
    expect: str


ART4_STOCKPILES: dict[str, Stockpile] = {
    "GRC": Stockpile(325_413, dt.date(2008, 3, 1), "325,413 stockpiled AP mines, deadline 1 Mar 2008 missed"),
    "UKR": Stockpile(3_364_433, dt.date(2010, 6, 1), "3,364,433 stockpiled AP mines, deadline 1 Jun 2010 missed"),
}


# --------------------------------------------------------------------------------------
# Illustrative entries: fictional, marked `illustrative: true`, shipped so every feature
# of the site (needs, offers, matching, consent gating, reports, contacts) can be shown.
# --------------------------------------------------------------------------------------

_GIVEN_BY = "national authority (illustrative)"


def _contact(organisation: str) -> dict[str, Any]:
    return {
        "role": "Focal point (illustrative)",
        "organisation": organisation,
        "email": "focal.point@example.org",
        "illustrative": True,
    }


_REPORT_2025 = [{"covers": 2025, "submitted": dt.date(2026, 4, 28), "illustrative": True}]

ILLUSTRATIVE: dict[str, dict[str, Any]] = {
    "KHM": {
        "contacts": [_contact("National mine action authority (illustrative)")],
        "reporting": {"article7": _REPORT_2025},
        "needs": [
            {
                "id": "KHM-N-001",
                "title": "Illustrative example: land release in the north-west",
                "area": "clearance",
                "kind": "financial",
                "status": "partially_met",
                "description": (
                    "Illustrative example, not a request made by Cambodia: funding for survey and clearance "
                    "teams to release suspected hazardous areas in the north-west. Shipped with the Platform "
                    "to show how a need is published and matched with offers."
                ),
                "amount": {"value": 2500000, "currency": "USD"},
                "period": {"start": dt.date(2026, 1, 1), "end": dt.date(2027, 12, 31)},
                "posted": dt.date(2026, 2, 2),
                "updated": dt.date(2026, 9, 14),
            },
            {
                "id": "KHM-N-002",
                "title": "Illustrative example: advice on survivor data management",
                "area": "victim_assistance",
                "kind": "expertise",
                "status": "open",
                "description": (
                    "Illustrative example, not a request made by Cambodia: peer advice on keeping a register of "
                    "mine survivors and the services they receive."
                ),
                "period": {"start": dt.date(2026, 7, 1), "end": dt.date(2027, 6, 30)},
                "posted": dt.date(2026, 5, 11),
            },
        ],
        "challenges": [
            {
                "id": "KHM-C-001",
                "title": "Illustrative example: funding gap for survey teams",
                "category": "financial",
                "summary": (
                    "Illustrative example, not a statement by Cambodia: survey teams stand idle for part of "
                    "the year because multi-year funding is not available."
                ),
                "related_needs": ["KHM-N-001"],
                "consent": {
                    "status": "given",
                    "date": dt.date(2026, 2, 15),
                    "by": _GIVEN_BY,
                    "reference": "Illustrative consent letter",
                },
            },
            {
                "id": "KHM-C-002",
                "title": "Illustrative example: draft awaiting consent CANARY-PENDING-KHM-C-002",
                "category": "capacity",
                "summary": (
                    "Illustrative example of a draft summary awaiting the State's consent. It must never be "
                    "published. CANARY-PENDING-KHM-C-002"
                ),
                "consent": {"status": "pending"},
            },
        ],
    },
    "AGO": {
        "contacts": [_contact("National mine action authority (illustrative)")],
        "reporting": {"article7": _REPORT_2025},
        "needs": [
            {
                "id": "AGO-N-001",
                "title": "Illustrative example: mechanical ground-preparation machines",
                "area": "clearance",
                "kind": "equipment",
                "status": "open",
                "description": (
                    "Illustrative example, not a request made by Angola: two armoured machines to prepare "
                    "vegetated ground ahead of manual clearance teams."
                ),
                "posted": dt.date(2026, 4, 20),
            },
        ],
        "challenges": [
            {
                "id": "AGO-C-001",
                "title": "Illustrative example: access to remote contaminated areas",
                "category": "technical",
                "summary": (
                    "Illustrative example, not a statement by Angola: some contaminated areas can be reached "
                    "only in the dry season, which shortens the working year."
                ),
                "related_needs": ["AGO-N-001"],
                "consent": {"status": "given", "date": dt.date(2026, 4, 22), "by": _GIVEN_BY},
            },
        ],
    },
    "LKA": {
        "contacts": [_contact("National mine action centre (illustrative)")],
        "needs": [
            {
                "id": "LKA-N-001",
                "title": "Illustrative example: training for risk education trainers",
                "area": "risk_education",
                "kind": "experience",
                "status": "met",
                "description": (
                    "Illustrative example, not a request made by Sri Lanka: an exchange with a programme that "
                    "has trained community risk education trainers."
                ),
                "posted": dt.date(2026, 2, 9),
                "updated": dt.date(2026, 8, 31),
            },
        ],
        "challenges": [
            {
                "id": "LKA-C-001",
                "title": "Illustrative example: consent withdrawn CANARY-WITHDRAWN-LKA-C-001",
                "category": "political",
                "summary": (
                    "Illustrative example of a summary whose consent was withdrawn. It must never be published. "
                    "CANARY-WITHDRAWN-LKA-C-001"
                ),
                "consent": {"status": "withdrawn"},
            },
        ],
    },
    "NOR": {
        "contacts": [_contact("Ministry of Foreign Affairs (illustrative)")],
        "offers": [
            {
                "id": "NOR-O-001",
                "title": "Illustrative example: co-funding for land release",
                "area": "clearance",
                "kind": "financial",
                "status": "committed",
                "eligible": "any",
                "description": (
                    "Illustrative example, not an offer made by Norway: co-funding for survey and clearance, "
                    "here committed in answer to an illustrative need."
                ),
                "amount": {"value": 12000000, "currency": "NOK"},
                "period": {"start": dt.date(2026, 4, 1), "end": dt.date(2027, 12, 31)},
                "responds_to": ["KHM-N-001"],
                "posted": dt.date(2026, 4, 2),
                "updated": dt.date(2026, 9, 14),
            },
            {
                "id": "NOR-O-002",
                "title": "Illustrative example: victim assistance advisers",
                "area": "victim_assistance",
                "kind": "expertise",
                "status": "available",
                "eligible": ["KHM", "AGO"],
                "description": (
                    "Illustrative example, not an offer made by Norway: short advisory missions on services "
                    "for mine survivors."
                ),
                "responds_to": ["KHM-N-002"],
                "posted": dt.date(2026, 6, 1),
            },
        ],
    },
    "CHE": {
        "contacts": [_contact("Federal Department of Foreign Affairs (illustrative)")],
        "offers": [
            {
                "id": "CHE-O-001",
                "title": "Illustrative example: information management training",
                "area": "capacity",
                "kind": "expertise",
                "status": "available",
                "eligible": "any",
                "description": (
                    "Illustrative example, not an offer made by Switzerland: training for national staff who "
                    "keep mine action databases."
                ),
                "posted": dt.date(2026, 5, 20),
            },
        ],
    },
}


# --------------------------------------------------------------------------------------
# Reading the notes
# --------------------------------------------------------------------------------------


def split_notes(notes: str) -> list[str]:
    """The notes' segments: one fact and its source each, separated by ' | '."""
    return [part.strip() for part in notes.split(" | ") if part.strip()]


def segment_kind(segment: str) -> str:
    lower = segment.lower()
    if segment.startswith("EIF"):
        return "membership"
    if segment.startswith("Art5"):
        return "art5"
    if segment.startswith("Art4"):
        return "art4"
    if segment.startswith("VA"):
        return "va"
    if lower.startswith("never produced or stockpiled"):
        return "art4_none"
    if "withdrawal" in lower or "suspension" in lower:
        return "membership"
    return "other"


def strip_label(segment: str) -> str:
    """'Art5: text' -> 'text' (the field the text is under already names the article)."""
    return re.sub(r"^(?:Art5|Art4|VA)\b:?\s*", "", segment)


def split_clauses(text: str) -> list[str]:
    """Split on '; ' outside parentheses."""
    clauses: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == ";" and depth == 0 and text[index + 1 : index + 2] == " ":
            clauses.append(text[start:index].strip())
            start = index + 2
    clauses.append(text[start:].strip())
    return [c for c in clauses if c]


def doubts(text: str, words: Iterable[str]) -> list[str]:
    """The doubt words that occur in ``text`` (case-insensitive), in the order given."""
    lower = text.lower()
    return [word for word in words if word in lower]


def clip(text: str) -> str:
    if len(text) <= MAX_SOURCE:
        return text
    cut = text[: MAX_SOURCE - 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(" ;,") + "…"


def require(row: ReferenceState, expected: str) -> None:
    if expected not in row.source_notes:
        raise SystemExit(
            f"import_reference: the notes for {row.iso3} no longer contain {expected!r}; "
            "update the table in scripts/import_reference.py"
        )


# --------------------------------------------------------------------------------------
# One row -> one document (a dict in contract key order, with comments)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comment:
    """A comment line (or paragraph) inside a mapping, written before the next key."""

    text: str


@dataclass(frozen=True)
class Noted:
    """A scalar with an end-of-line comment."""

    value: Any
    note: str


_FLAG_WORDS = {"~": "approximate (~)", "calc:": "calculated", "art.17 rule": "day derived by the Art.17 rule"}


def _verified(flags: list[str]) -> Any:
    """``verified``: true, or false with the reasons as an end-of-line comment."""
    if not flags:
        return True
    return Noted(False, "not confirmed in a source: " + ", ".join(_FLAG_WORDS.get(f, f) for f in flags))


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def build_membership(row: ReferenceState, segments: list[str]) -> dict[Any, Any]:
    text = "; ".join(segments)
    flags = doubts(text, MEMBERSHIP_DOUBTS)
    withdrawal = WITHDRAWALS.get(row.iso3)
    mentions = "withdrawal" in row.source_notes.lower() and row.iso3 != "UKR"
    if mentions != (withdrawal is not None):
        raise SystemExit(f"import_reference: withdrawal table and notes disagree for {row.iso3}")
    out: dict[Any, Any] = {"party_since": _date(row.party_since)}
    if withdrawal is None:
        out["status"] = "party"
    else:
        require(row, withdrawal.expect)
        out["status"] = "withdrawn" if withdrawal.effective <= IMPORT_DATE else "withdrawal_notified"
        out[Comment(withdrawal.note)] = None
        out["withdrawal_notified"] = withdrawal.notified
        out["withdrawal_effective"] = withdrawal.effective
        if "derived" not in flags:
            flags.append("withdrawal date derived")
    if row.iso3 == "UKR":
        out[Comment("Ukraine's 2025 'suspension' is disputed; Ukraine stays a party in the reference list.")] = None
    out["source"] = clip(text)
    out["verified"] = _verified(flags)
    return out


def build_article5(row: ReferenceState, segments: list[str]) -> dict[Any, Any] | None:
    extra = ART5_EXTRA.get(row.iso3)
    if extra is not None:
        require(row, extra.expect)
    texts = [strip_label(s) for s in segments]
    deadline = _date(row.art5_deadline) if row.art5_deadline else (extra.deadline if extra else None)
    joined = " ".join(texts).lower()
    if deadline is None and not any(phrase in joined for phrase in ART5_OUTSTANDING):
        return None
    if not texts:
        raise SystemExit(f"import_reference: {row.iso3} has an article 5 deadline but no Art5 note")
    clauses = [c for t in texts for c in split_clauses(t)]
    km2_clauses = [c for c in clauses if c.startswith("km2 =")]
    other = "; ".join(c for c in clauses if not c.startswith("km2 ="))
    out: dict[Any, Any] = {"status": "in_progress"}
    if extra and extra.note:
        out[Comment(extra.note)] = None
    if extra and extra.original_deadline:
        out["original_deadline"] = extra.original_deadline
    if deadline is None:
        out[Comment("No current deadline: the reference list has none that is sourced.")] = None
    elif deadline < IMPORT_DATE:
        out["deadline"] = Noted(deadline, f"passed by {IMPORT_DATE}; no later extension is sourced")
    else:
        out["deadline"] = deadline
    if row.art5_extensions:
        out["extensions_granted"] = int(row.art5_extensions)
    out["source"] = clip(other)
    out["verified"] = _verified(doubts(other, ART5_DOUBTS))
    if extra and extra.extensions:
        if row.art5_extensions and len(extra.extensions) != int(row.art5_extensions):
            raise SystemExit(f"import_reference: {row.iso3} lists a different number of extensions than the CSV")
        if extra.extensions[-1].new_deadline != deadline:
            raise SystemExit(f"import_reference: {row.iso3}'s last extension does not set the current deadline")
        out["extensions"] = [_extension(ext) for ext in extra.extensions]
    if row.art5_remaining_km2:
        if not km2_clauses or not row.art5_figure_year:
            raise SystemExit(f"import_reference: {row.iso3} gives km2 without a km2 note or a year")
        as_of = (
            extra.contamination_as_of
            if extra and extra.contamination_as_of
            else dt.date(int(row.art5_figure_year), 12, 31)
        )
        km2_text = "; ".join(km2_clauses)
        flags = doubts(km2_text, CONTAMINATION_DOUBTS)
        figure: dict[Any, Any] = {
            "as_of": as_of,
            "remaining_km2": float(row.art5_remaining_km2),
            "source": clip(km2_text),
            "verified": _verified(flags),
        }
        out["contamination"] = [figure]
    return out


def _extension(ext: Ext) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    if ext.meeting:
        out["meeting"] = ext.meeting
    out["new_deadline"] = Noted(ext.new_deadline, ext.note) if ext.note else ext.new_deadline
    out["source"] = ext.source
    out["verified"] = ext.verified
    return out


def build_article4(row: ReferenceState, art4: list[str], none: list[str]) -> dict[Any, Any] | None:
    if row.art4_outstanding == "yes":
        stock = ART4_STOCKPILES[row.iso3]
        require(row, stock.expect)
        text = "; ".join(strip_label(s) for s in art4)
        return {
            "status": "in_progress",
            "deadline": Noted(stock.deadline, "missed"),
            "stockpile_remaining": stock.remaining,
            "source": clip(text),
            "verified": _verified(doubts(text, OTHER_DOUBTS)),
        }
    if row.iso3 in ART4_STOCKPILES:
        raise SystemExit(f"import_reference: {row.iso3} has a stockpile entry but art4_outstanding is not yes")
    if none:
        text = "; ".join(none)
        return {"status": "none", "source": clip(text), "verified": _verified(doubts(text, OTHER_DOUBTS))}
    return None


def build_victim_assistance(row: ReferenceState, segments: list[str]) -> dict[Any, Any] | None:
    if row.va_significant_survivors not in {"yes", "likely"}:
        if row.va_significant_survivors:
            raise SystemExit(f"import_reference: {row.iso3} has an unknown va value {row.va_significant_survivors!r}")
        return None
    if not segments:
        raise SystemExit(f"import_reference: {row.iso3} claims significant survivors without a VA note")
    text = "; ".join(strip_label(s) for s in segments)
    flags = doubts(text, VA_DOUBTS)
    if row.va_significant_survivors == "likely" and "likely" not in flags:
        flags.insert(0, "likely")
    return {"significant_survivors": True, "source": clip(text), "verified": _verified(flags)}


def build_document(row: ReferenceState) -> tuple[list[str], list[dict[Any, Any]]]:
    """The header comment lines and the top-level blocks of one State file."""
    by_kind: dict[str, list[str]] = {}
    for segment in split_notes(row.source_notes):
        by_kind.setdefault(segment_kind(segment), []).append(segment)
    illustrative = ILLUSTRATIVE.get(row.iso3)

    blocks: list[dict[Any, Any]] = [{"schema_version": 1, "state": row.iso3}]
    blocks.append({"membership": build_membership(row, by_kind.get("membership", []))})
    if illustrative:
        blocks.append(
            {
                Comment("Illustrative: the contact demonstrates how the site shows one."): None,
                "contacts": illustrative["contacts"],
            }
        )

    obligations: dict[Any, Any] = {}
    unused: list[str] = list(by_kind.get("other", []))
    article4 = build_article4(row, by_kind.get("art4", []), by_kind.get("art4_none", []))
    if article4 is not None:
        obligations["article4"] = article4
    else:
        unused += by_kind.get("art4", []) + by_kind.get("art4_none", [])
    article5 = build_article5(row, by_kind.get("art5", []))
    if article5 is not None:
        obligations["article5"] = article5
    else:
        unused += by_kind.get("art5", [])
    va = build_victim_assistance(row, by_kind.get("va", []))
    if va is not None:
        obligations["victim_assistance"] = va
    notes = {Comment("Not carried into a field (no sourced status or figure): " + text): None for text in unused}
    if obligations:
        blocks.append({**notes, "obligations": obligations})
    elif notes:
        blocks.append(notes)

    if illustrative:
        if "reporting" in illustrative:
            blocks.append(
                {
                    Comment("Illustrative example rows, not a record of actual reports."): None,
                    "reporting": illustrative["reporting"],
                }
            )
        for key in ("needs", "offers", "challenges"):
            if key in illustrative:
                blocks.append({key: [_illustrative_entry(entry) for entry in illustrative[key]]})

    header = [
        SCHEMA_LINE,
        "#",
        f"# {row.name} ({row.iso3}): Platform for Partnerships file.",
        "#",
        f"{MARKER} on {IMPORT_DATE}.",
        f"# {row.name} has not yet reviewed this file.",
        *_wrap(
            "Source: the Platform's reference list of States Parties "
            "(build_hooks/data/states-parties.csv), compiled from public sources; each `source` quotes "
            "that list's source notes. `verified: false` marks a figure the notes call recalled, derived "
            "or uncertain; facts the list does not give are left out.",
            0,
        ),
    ]
    if illustrative:
        header += [
            "#",
            *_wrap(
                "ILLUSTRATIVE: the needs, offers, challenges, contact and article 7 rows marked "
                "`illustrative: true` are fictional examples shipped to "
                f"demonstrate the Platform. They are not statements by {row.name}.",
                0,
            ),
        ]
    return header, blocks


def _illustrative_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """Put ``illustrative: true`` right after the title, where a reader sees it."""
    out: dict[str, Any] = {}
    for key, value in entry.items():
        out[key] = value
        if key == "title":
            out["illustrative"] = True
    return out


# --------------------------------------------------------------------------------------
# Writing YAML (block style, every text double-quoted, dates plain)
# --------------------------------------------------------------------------------------

_PLAIN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if _PLAIN_RE.match(value) and value.lower() not in _YAML11_WORDS:
            return value
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    raise TypeError(f"cannot write {value!r}")


def _wrap(text: str, indent: int) -> list[str]:
    pad = " " * indent
    lines = textwrap.wrap(text, COMMENT_WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}# {line}" for line in lines]


def emit_mapping(mapping: dict[Any, Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for key, value in mapping.items():
        if isinstance(key, Comment):
            yield from _wrap(key.text, indent)
            continue
        note = ""
        if isinstance(value, Noted):
            value, note = value.value, f"  # {value.note}"
        if isinstance(value, dict):
            yield f"{pad}{key}:"
            yield from emit_mapping(value, indent + 2)
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            yield f"{pad}{key}:"
            for item in value:
                lines = list(emit_mapping(item, indent + 4))
                yield f"{pad}  - {lines[0].lstrip()}"
                yield from lines[1:]
        elif isinstance(value, list):
            yield f"{pad}{key}: [{', '.join(scalar(item) for item in value)}]"
        else:
            yield f"{pad}{key}: {scalar(value)}{note}"


def render(row: ReferenceState) -> str:
    header, blocks = build_document(row)
    parts = ["\n".join(header)]
    parts += ["\n".join(emit_mapping(block, 0)) for block in blocks]
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------


def write_all(out_dir: Path, force: bool = False) -> tuple[int, list[Path]]:
    """Write every State file; return how many were written and which were skipped."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = reference.load_reference()
    unknown = sorted(set(ILLUSTRATIVE) - set(rows))
    if unknown:
        raise SystemExit(f"import_reference: illustrative entries for non-parties {unknown}")
    written = 0
    skipped: list[Path] = []
    for row in rows.values():
        target = out_dir / f"{row.iso3}.yml"
        if target.exists() and not force and MARKER not in target.read_text(encoding="utf-8"):
            skipped.append(target)
            continue
        text = render(row)
        if not target.exists() or target.read_bytes() != text.encode("utf-8"):
            target.write_bytes(text.encode("utf-8"))
        written += 1
    return written, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("states"), help="folder to write into (default: states/)")
    parser.add_argument(
        "--force", action="store_true", help="also overwrite files that lack the import marker (a State's own edits)"
    )
    args = parser.parse_args(argv)
    written, skipped = write_all(args.out, force=args.force)
    for path in skipped:
        print(f"import_reference: {path} was not written by this script; left alone (use --force)", file=sys.stderr)
    print(f"import_reference: {written} file(s) in {args.out}, {len(skipped)} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
