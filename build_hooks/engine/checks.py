"""Per-file and cross-file rules that the models alone cannot express.

Membership and obligation dates, dates that must not lie in the future, consent
dates, currencies, Markdown hygiene, and the rules across all files: ids unique
and carrying their own State's code, references that resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from build_hooks import reference
from build_hooks.diagnostics import Problem
from build_hooks.engine.load import Path_, SourceDoc
from build_hooks.engine.model import ENTRY_KEYS, Challenge, Entry, Need, Offer, StateFile, StateHeader
from build_hooks.engine.schema_checks import describe_path, make_problem
from build_hooks.engine.staleness import DEFAULT_MONTHS, is_review_stale


@dataclass
class CheckedState:
    """One State file after validation: the typed parts that passed."""

    doc: SourceDoc
    header: StateHeader | None
    needs: list[Need] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    challenges: list[Challenge] = field(default_factory=list)
    entry_paths: dict[str, Path_] = field(default_factory=dict)

    def to_model(self) -> StateFile | None:
        if self.header is None:
            return None
        return StateFile.model_construct(
            **dict(self.header), needs=self.needs, offers=self.offers, challenges=self.challenges
        )


def check_membership(doc: SourceDoc, header: StateHeader) -> Iterator[Problem]:
    m = header.membership
    base = ("membership",)
    if m.status != "party" and m.withdrawal_notified is None:
        line, col = doc.locate((*base, "status"))
        yield make_problem(
            doc.path,
            line,
            col,
            "membership-dates",
            f"membership status is {m.status} but withdrawal_notified is not given",
        )
    if m.status == "withdrawn" and m.withdrawal_effective is None:
        line, col = doc.locate((*base, "status"))
        yield make_problem(
            doc.path,
            line,
            col,
            "membership-dates",
            "membership status is withdrawn but withdrawal_effective is not given",
        )
    for name in ("withdrawal_notified", "withdrawal_effective"):
        value = getattr(m, name)
        if value is not None and value < m.party_since:
            line, col = doc.locate((*base, name))
            yield make_problem(
                doc.path, line, col, "membership-dates", f"{name} {value} is before party_since {m.party_since}"
            )
    if m.withdrawal_notified and m.withdrawal_effective and m.withdrawal_effective < m.withdrawal_notified:
        line, col = doc.locate((*base, "withdrawal_effective"))
        yield make_problem(
            doc.path, line, col, "membership-dates", "withdrawal_effective is before withdrawal_notified"
        )


def check_obligations(doc: SourceDoc, header: StateHeader) -> Iterator[Problem]:
    ob = header.obligations
    if ob is None:
        return
    base: Path_ = ("obligations",)
    for name in ("article4", "article5", "victim_assistance"):
        block = getattr(ob, name)
        if block is not None and block.source is None and _has_figure(name, block):
            line, col = doc.locate_key((*base, name))
            yield make_problem(
                doc.path, line, col, "style-missing-source", f"obligations.{name} gives figures without a `source`"
            )
    a5 = ob.article5
    if a5 is None:
        return
    p5: Path_ = (*base, "article5")
    previous = a5.original_deadline
    for index, ext in enumerate(a5.extensions):
        if previous is not None and ext.new_deadline <= previous:
            line, col = doc.locate((*p5, "extensions", index, "new_deadline"))
            yield make_problem(
                doc.path,
                line,
                col,
                "date-order",
                f"extension {index + 1} sets new_deadline {ext.new_deadline}, which is not later than the deadline before it ({previous})",
                "list extensions oldest first; each must move the deadline later",
            )
        previous = ext.new_deadline
    if a5.extensions and a5.deadline is not None and a5.deadline != a5.extensions[-1].new_deadline:
        line, col = doc.locate((*p5, "deadline"))
        yield make_problem(
            doc.path,
            line,
            col,
            "style-deadline-mismatch",
            f"article5.deadline is {a5.deadline} but the latest extension listed sets {a5.extensions[-1].new_deadline}",
        )
    if a5.original_deadline and a5.deadline and a5.deadline < a5.original_deadline:
        line, col = doc.locate((*p5, "deadline"))
        yield make_problem(
            doc.path,
            line,
            col,
            "date-order",
            f"article5.deadline {a5.deadline} is before original_deadline {a5.original_deadline}",
        )
    for index, ext in enumerate(a5.extensions):
        if ext.source is None and a5.source is None:
            line, col = doc.locate((*p5, "extensions", index))
            yield make_problem(
                doc.path,
                line,
                col,
                "style-missing-source",
                f"extension {index + 1} (to {ext.new_deadline}) has no `source`",
            )
    if a5.extensions_granted is not None and a5.extensions_granted < len(a5.extensions):
        line, col = doc.locate((*p5, "extensions_granted"))
        yield make_problem(
            doc.path,
            line,
            col,
            "schema-range",
            f"extensions_granted is {a5.extensions_granted} but {len(a5.extensions)} extensions are listed",
            "make extensions_granted at least the number of extensions listed, or remove it",
        )
    for index, figure in enumerate(a5.contamination):
        if figure.source is None:
            line, col = doc.locate((*p5, "contamination", index))
            yield make_problem(
                doc.path,
                line,
                col,
                "style-missing-source",
                f"the contamination figure as of {figure.as_of} has no `source`",
            )


def _has_figure(name: str, block: Any) -> bool:
    if name == "article5":
        return any(getattr(block, f) is not None for f in ("deadline", "original_deadline", "extensions_granted"))
    if name == "article4":
        return block.deadline is not None or block.stockpile_remaining is not None
    return bool(block.significant_survivors)


# --------------------------------------------------------------------------------------
# Dates that must not lie in the future, and Markdown hygiene
# --------------------------------------------------------------------------------------


def check_entries_and_dates(
    checked: CheckedState, today: dt.date, stale_months: int = DEFAULT_MONTHS
) -> Iterator[Problem]:
    doc, header = checked.doc, checked.header
    if header is not None:
        if header.last_reviewed is None:
            yield make_problem(
                doc.path,
                *doc.locate(("state",)),
                "style-stale-review",
                "the file has no `last_reviewed` date",
                "add `last_reviewed:` with the date the State last confirmed the whole file",
            )
        elif header.last_reviewed > today:
            yield make_problem(
                doc.path,
                *doc.locate(("last_reviewed",)),
                "date-future",
                f"last_reviewed {header.last_reviewed} is in the future",
            )
        elif is_review_stale(header.last_reviewed, today, stale_months):
            yield make_problem(
                doc.path,
                *doc.locate(("last_reviewed",)),
                "style-stale-review",
                f"last_reviewed {header.last_reviewed} is more than {'a year' if stale_months == 12 else f'{stale_months} months'} old",
            )
        m = header.membership
        if m.status == "withdrawn" and m.withdrawal_effective is not None and m.withdrawal_effective > today:
            yield make_problem(
                doc.path,
                *doc.locate(("membership", "status")),
                "membership-dates",
                f"membership status is withdrawn, but the withdrawal takes effect on {m.withdrawal_effective}",
                "use `status: withdrawal_notified` until the withdrawal takes effect",
            )
        for path, value in _done_dates(header):
            if value > today:
                yield make_problem(
                    doc.path, *doc.locate(path), "date-future", f"{describe_path(path)} {value} is in the future"
                )
    for key in ENTRY_KEYS:
        entries: list[Entry] = getattr(checked, key)
        for entry in entries:
            base = checked.entry_paths[entry.id]
            period = getattr(entry, "period", None)
            if period is not None and period.start and period.end and period.start > period.end:
                yield make_problem(
                    doc.path,
                    *doc.locate((*base, "period", "end")),
                    "date-order",
                    f"{entry.id}: the period ends ({period.end}) before it starts ({period.start})",
                )
            for name in ("posted", "updated"):
                posted: dt.date | None = getattr(entry, name, None)
                if posted is not None and posted > today:
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, name)),
                        "date-future",
                        f"{entry.id}: {name} {posted} is in the future",
                    )
            if isinstance(entry, Challenge) and entry.consent.date is not None and entry.consent.date > today:
                yield make_problem(
                    doc.path,
                    *doc.locate((*base, "consent", "date")),
                    "consent-future-date",
                    f"{entry.id}: consent is dated {entry.consent.date}, which is in the future; the challenge will not be published",
                )
            amount = getattr(entry, "amount", None)
            if amount is not None and amount.currency not in reference.currency_codes():
                yield make_problem(
                    doc.path,
                    *doc.locate((*base, "amount", "currency")),
                    "amount-currency",
                    f"{entry.id}: {amount.currency} is not an ISO 4217 currency code",
                )
            for name in ("description", "summary"):
                text = getattr(entry, name, None)
                if isinstance(text, str) and _looks_like_html(text):
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, name)),
                        "style-raw-html",
                        f"{entry.id}: {name} contains HTML tags, which will be shown as text",
                    )


def _done_dates(header: StateHeader) -> Iterator[tuple[Path_, dt.date]]:
    if header.membership.withdrawal_notified is not None:
        yield ("membership", "withdrawal_notified"), header.membership.withdrawal_notified
    ob = header.obligations
    if ob is not None and ob.article5 is not None:
        for index, ext in enumerate(ob.article5.extensions):
            if ext.granted is not None:
                yield ("obligations", "article5", "extensions", index, "granted"), ext.granted
        for index, fig in enumerate(ob.article5.contamination):
            yield ("obligations", "article5", "contamination", index, "as_of"), fig.as_of
    if header.reporting is not None:
        for index, report in enumerate(header.reporting.article7):
            if report.submitted is not None:
                yield ("reporting", "article7", index, "submitted"), report.submitted


def _looks_like_html(text: str) -> bool:

    return re.search(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?>", text) is not None


# --------------------------------------------------------------------------------------
# Across files
# --------------------------------------------------------------------------------------


def check_ids_and_references(states: Iterable[CheckedState]) -> Iterator[Problem]:
    seen: dict[str, tuple[str, int]] = {}
    need_ids: set[str] = set()
    states = list(states)
    for checked in states:
        doc = checked.doc
        raw = doc.data if isinstance(doc.data, dict) else {}
        own = raw.get("state") if isinstance(raw.get("state"), str) else None
        for key in ENTRY_KEYS:
            items = raw.get(key)
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                entry_id = item.get("id") if isinstance(item, dict) else None
                if not isinstance(entry_id, str):
                    continue
                path: Path_ = (key, index, "id")
                line, col = doc.locate(path)
                if entry_id in seen:
                    first_path, first_line = seen[entry_id]
                    yield make_problem(
                        doc.path,
                        line,
                        col,
                        "id-duplicate",
                        f"{entry_id} is already used ({first_path}:{first_line})",
                        "ids are permanent: give this entry the next unused number",
                    )
                else:
                    seen[entry_id] = (doc.path, line)
                if key == "needs":
                    need_ids.add(entry_id)
                if (
                    own
                    and len(entry_id) >= 3
                    and entry_id[3:4] == "-"
                    and entry_id[:3] != own
                    and entry_id[:3].isupper()
                ):
                    yield make_problem(
                        doc.path,
                        line,
                        col,
                        "id-state",
                        f"{entry_id} starts with {entry_id[:3]}, but this is the file of {own}",
                        f"use an id starting with {own}-",
                    )
    for checked in states:
        doc = checked.doc
        for offer in checked.offers:
            base = checked.entry_paths[offer.id]
            yield from _unknown_needs(
                doc, base, f"offer {offer.id} responds to", "responds_to", offer.responds_to, need_ids
            )
            if isinstance(offer.eligible, list):
                for index, code in enumerate(offer.eligible):
                    if not reference.is_state_party(code):
                        yield make_problem(
                            doc.path,
                            *doc.locate((*base, "eligible", index)),
                            "ref-unknown-state",
                            f"offer {offer.id} is open to {code}, but {reference.explain_unknown_state(code)}",
                        )
        for challenge in checked.challenges:
            base = checked.entry_paths[challenge.id]
            yield from _unknown_needs(
                doc, base, f"challenge {challenge.id} relates to", "related_needs", challenge.related_needs, need_ids
            )


def _unknown_needs(
    doc: SourceDoc, base: Path_, what: str, field: str, refs: list[str], need_ids: set[str]
) -> Iterator[Problem]:
    """ref-unknown-need for each id in ``refs`` that no State defines, at the line that holds it."""
    for index, need_id in enumerate(refs):
        if need_id not in need_ids:
            yield make_problem(
                doc.path,
                *doc.locate((*base, field, index)),
                "ref-unknown-need",
                f"{what} {need_id}, which no State defines",
                f"check the id in states/{need_id[:3]}.yml, or remove it from {field}",
            )
