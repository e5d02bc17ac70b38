"""Per-file and cross-file rules that the models alone cannot express.

Dates that must not lie in the future, consent dates, currencies, Markdown
hygiene, and the rules across all files: ids unique and carrying their own
State's code, references that resolve (States against the official record).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from build_hooks import reference
from build_hooks.diagnostics import Problem, shown
from build_hooks.engine.load import Path_, SourceDoc
from build_hooks.engine.model import ENTRY_KEYS, NEED_ID_PATTERN, Challenge, Entry, Need, Offer, StateFile, StateHeader
from build_hooks.engine.record import Record
from build_hooks.engine.schema_checks import make_problem
from build_hooks.engine.staleness import DEFAULT_MONTHS, is_review_stale

_NEED_ID_RE = re.compile(NEED_ID_PATTERN)
# A number below 1000 with a point and three digits after it: 2.500, 250.000 (how many States write
# thousands). A plain YAML number with a point is a decimal, so 2.500 would silently become 2.5.
_THOUSANDS_RE = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})\Z")


def _plain_token(rest: str) -> str:
    """A plain value as written at the start of ``rest``, up to the next space, comma, bracket or comment."""
    return re.split(r"[\s,}\]#]", rest, maxsplit=1)[0]


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
            if amount is not None and amount.value < 1000:  # only such a value can have been written 2.500
                line, col = doc.locate((*base, "amount", "value"))
                written = _plain_token(doc.rest_of_line(line, col))
                if _THOUSANDS_RE.match(written):
                    yield make_problem(
                        doc.path,
                        line,
                        col,
                        "amount-decimal-point",
                        f"{entry.id}: the amount {written} is read as {amount.value:g} (a point is the decimal point); "
                        f"if you meant {written.replace('.', '')}, write {written.replace('.', '')}",
                    )
            if amount is not None and amount.currency not in reference.currency_codes():
                yield make_problem(
                    doc.path,
                    *doc.locate((*base, "amount", "currency")),
                    "amount-currency",
                    f"{entry.id}: {amount.currency} is not an ISO 4217 currency code",
                )
            for name in ("title", "description", "summary"):
                text = getattr(entry, name, None)
                if isinstance(text, str) and (cut := _cut_by_comment(doc, (*base, name), text)):
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, name)),
                        "text-cut-by-comment",
                        f"{entry.id}: the {name} ends at {text[:80]!r}; the rest of the line, {cut!r}, is a comment "
                        "(in a State file a space then # starts one) and is not published",
                    )
                if isinstance(text, str) and _curly_wrapped(text):
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, name)),
                        "text-curly-quotes",
                        f"{entry.id}: the {name} begins with {text[0]} and ends with {text[-1]}; "
                        "they would be published as part of it",
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


# A whole text between typographic quotes, as a word processor writes "quotes": “…”, ‘…’, „…“, «…».
_CURLY_OPEN, _CURLY_CLOSE = "\u201c\u2018\u201e\u00ab", "\u201d\u2019\u201c\u00bb"


def _curly_wrapped(text: str) -> bool:
    return len(text) >= 2 and text[0] in _CURLY_OPEN and text[-1] in _CURLY_CLOSE


def _cut_by_comment(doc: SourceDoc, path: Path_, text: str) -> str:
    """The comment that cut a one-line unquoted text short (``title: Survey #2`` reads "Survey"), or ""."""
    rest = doc.rest_of_line(*doc.locate(path))
    if not rest.startswith(text):  # quoted, a block text (| or >), or over several lines
        return ""
    after = rest[len(text) :]
    return after.lstrip()[:60] if after[:1].isspace() and after.lstrip().startswith("#") else ""


# The start of a tag: `<`, optional `/`, a name, then a space or `>`. Possessive quantifiers and
# one `\s*` on each side of the `/` leave nothing to backtrack into (SECURITY.md item 32).
_TAG_START_RE = re.compile(r"<\s*+(?:/\s*+)?[a-zA-Z][a-zA-Z0-9]*+(?=[\s>])")


def _looks_like_html(text: str) -> bool:
    r"""A tag start followed, anywhere later, by `>`: ``<b>``, ``</p >``, ``<a href=...>``.

    The same texts as ``<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?>``, in one pass: that pattern
    scanned to the end of the text from every `<` (22 s on 245 KB of `<a `).
    """
    match = _TAG_START_RE.search(text)
    return match is not None and text.find(">", match.end()) >= 0


# --------------------------------------------------------------------------------------
# Across files
# --------------------------------------------------------------------------------------


def check_ids_and_references(states: Iterable[CheckedState], record: Record) -> Iterator[Problem]:
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
    # References are read from the file as written, so an entry with a schema error elsewhere (a
    # misspelled status) still has its references checked in the same run: every problem at once.
    for checked in states:
        doc = checked.doc
        for base, name, item in _raw_entries(doc, "offers"):
            yield from _unknown_needs(
                doc, base, f"offer {name} responds to", "responds_to", _texts(item.get("responds_to")), need_ids
            )
            for index, code in enumerate(_texts(item.get("eligible"))):
                if code is not None and record.states and not record.known(code):
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, "eligible", index)),
                        "ref-unknown-state",
                        f"offer {name} is open to {code if len(code) <= 40 else shown(code, 40)}, but {reference.explain_unknown_state(code[:40])}",
                    )
        for base, name, item in _raw_entries(doc, "challenges"):
            yield from _unknown_needs(
                doc, base, f"challenge {name} relates to", "related_needs", _texts(item.get("related_needs")), need_ids
            )


def _raw_entries(doc: SourceDoc, key: str) -> Iterator[tuple[Path_, str, dict[str, Any]]]:
    """(path, name, mapping) of each entry of list ``key`` as written, typed or not; named by its id
    when it has a short one, else by its position ("offer 3")."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            entry_id = item.get("id")
            named = isinstance(entry_id, str) and len(entry_id) <= 40
            yield (key, index), str(entry_id) if named else str(index + 1), item


def _texts(value: Any) -> list[str | None]:
    """The items of a list as written, None for one that is not text (the schema reports it)."""
    return [v if isinstance(v, str) else None for v in value] if isinstance(value, list) else []


def _unknown_needs(
    doc: SourceDoc, base: Path_, what: str, field: str, refs: list[str | None], need_ids: set[str]
) -> Iterator[Problem]:
    """ref-unknown-need for each id in ``refs`` that no State defines, at the line that holds it
    (an id not written as one is the schema's to report, once)."""
    for index, need_id in enumerate(refs):
        if need_id is not None and _NEED_ID_RE.match(need_id) and need_id not in need_ids:
            yield make_problem(
                doc.path,
                *doc.locate((*base, field, index)),
                "ref-unknown-need",
                f"{what} {need_id}, which no State defines",
                f"check the id in states/{need_id[:3]}.yml, or remove it from {field}",
            )


def check_drafts_in_public(checked: CheckedState) -> Iterator[Problem]:
    """consent-draft-in-public: a State's own file holds a challenge nobody has consented to publish.

    Only for ``states/`` files: the examples of the demo hold canary drafts on purpose.
    """
    for challenge in checked.challenges:
        if challenge.consent.status in {"pending", "withdrawn"}:
            base = checked.entry_paths[challenge.id]
            yield make_problem(
                checked.doc.path,
                *checked.doc.locate((*base, "consent", "status")),
                "consent-draft-in-public",
                f"{challenge.id}: consent is {challenge.consent.status}, but its title and summary are public "
                "in the repository (and its history) as soon as they are committed",
            )
