"""Per-file and cross-file rules that the models alone cannot express.

Dates that must not lie in the future, consent dates, currencies, Markdown
hygiene, and the rules across all files: ids unique and carrying their own
State's code, references that resolve (States against the official record).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from build_hooks import reference
from build_hooks.diagnostics import Problem, Text, shown
from build_hooks.engine.load import Path_, SourceDoc
from build_hooks.engine.model import ENTRY_KEYS, NEED_ID_PATTERN, Challenge, Entry, Need, Offer, StateFile, StateHeader
from build_hooks.engine.record import Record
from build_hooks.engine.rulebook import hint_for
from build_hooks.engine.schema_checks import describe_path, make_problem
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
                Text("problem.no_last_reviewed"),
                Text("problem.no_last_reviewed_hint"),
            )
        elif header.last_reviewed > today:
            yield make_problem(
                doc.path,
                *doc.locate(("last_reviewed",)),
                "date-future",
                Text("problem.last_reviewed_future", date=header.last_reviewed.isoformat()),
            )
        elif is_review_stale(header.last_reviewed, today, stale_months):
            yield make_problem(
                doc.path,
                *doc.locate(("last_reviewed",)),
                "style-stale-review",
                Text("problem.last_reviewed_year_old", date=header.last_reviewed.isoformat())
                if stale_months == 12
                else Text("problem.last_reviewed_old", date=header.last_reviewed.isoformat(), months=stale_months),
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
                    Text(
                        "problem.period_order", id=entry.id, end=period.end.isoformat(), start=period.start.isoformat()
                    ),
                )
            for name in ("posted", "updated"):
                posted: dt.date | None = getattr(entry, name, None)
                if posted is not None and posted > today:
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, name)),
                        "date-future",
                        Text("problem.entry_date_future", id=entry.id, name=name, date=posted.isoformat()),
                    )
            if isinstance(entry, Challenge) and entry.consent.date is not None and entry.consent.date > today:
                yield make_problem(
                    doc.path,
                    *doc.locate((*base, "consent", "date")),
                    "consent-future-date",
                    Text("problem.consent_future", id=entry.id, date=entry.consent.date.isoformat()),
                )
            amount = getattr(entry, "amount", None)
            if amount is not None and amount.currency not in reference.currency_codes():
                yield make_problem(
                    doc.path,
                    *doc.locate((*base, "amount", "currency")),
                    "amount-currency",
                    Text("problem.currency_unknown", id=entry.id, currency=amount.currency),
                )
            for name in ("description", "summary"):
                text = getattr(entry, name, None)
                if isinstance(text, str) and _looks_like_html(text):
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, name)),
                        "style-raw-html",
                        Text("problem.raw_html", id=entry.id, name=name),
                    )


def check_texts_as_written(doc: SourceDoc) -> Iterator[Problem]:
    """Silent changes to what was typed (2.500 read as 2.5, a title cut by ` #`, curly quotes kept),
    found in the file as written: an entry with a schema error elsewhere is still checked, so every
    problem is reported in the same run."""
    for key in ENTRY_KEYS:
        for base, who, item in _raw_entries(doc, key):
            amount = item.get("amount")
            value = amount.get("value") if isinstance(amount, dict) else None
            if isinstance(value, float) and 0 < value < 1000:  # only such a value can have been written 2.500
                line, col = doc.locate((*base, "amount", "value"))
                written = _plain_token(doc.rest_of_line(line, col))
                if _THOUSANDS_RE.match(written):
                    whole, read = written.replace(".", ""), f"{value:g}"
                    yield make_problem(
                        doc.path,
                        line,
                        col,
                        "amount-decimal-point",
                        Text("problem.decimal_point", id=who, written=written, read=read, whole=whole),
                        Text("problem.decimal_point_hint", whole=whole, read=read),
                    )
            for name in ("title", "description", "summary"):
                text = item.get(name)
                if isinstance(text, str) and (cut := _cut_by_comment(doc, (*base, name), text)):
                    line, col = doc.locate((*base, name))
                    whole = doc.rest_of_line(line, col).rstrip()
                    yield make_problem(
                        doc.path,
                        line,
                        col,
                        "text-cut-by-comment",
                        Text("problem.cut_by_comment", id=who, name=name, text=repr(text[:80]), cut=repr(cut)),
                        Text("problem.cut_by_comment_hint", typed=_quoted_line(name, whole)),
                    )
                if isinstance(text, str) and _curly_wrapped(text):
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, name)),
                        "text-curly-quotes",
                        Text("problem.curly_quotes", id=who, name=name, first=text[0], last=text[-1]),
                        Text("problem.curly_quotes_hint", typed=_quoted_line(name, text[1:-1].strip())),
                    )


def _quoted_line(name: str, text: str, limit: int = 60) -> str:
    """``title: "Survey #2"``: the line to type, the text in double quotes (shortened past ``limit``)."""
    inner = text if len(text) <= limit else text[: limit - 1] + "…"
    return f'{name}: "{inner.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'


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
                        Text("problem.id_duplicate", id=_named(entry_id), where=f"{first_path}:{first_line}"),
                        Text("problem.id_duplicate_hint"),
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
                        Text("problem.id_state", id=_named(entry_id), prefix=entry_id[:3], own=own),
                        Text("problem.id_state_hint", own=own),
                    )
    # References are read from the file as written, so an entry with a schema error elsewhere (a
    # misspelled status) still has its references checked in the same run: every problem at once.
    for checked in states:
        doc = checked.doc
        for base, who, item in _raw_entries(doc, "offers"):
            yield from _unknown_needs(doc, base, who, "responds_to", _texts(item.get("responds_to")), need_ids)
            for index, code in enumerate(_texts(item.get("eligible"))):
                if code is not None and record.states and not record.known(code):
                    written = code if len(code) <= 40 else shown(code, 40)
                    why = reference.explain_unknown_state(code[:40])
                    hint = _state_hint(code[:40], record)
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, "eligible", index)),
                        "ref-unknown-state",
                        Text("problem.open_to_unknown", who=who, code=written, why=why),
                        hint,
                    )
        for base, who, item in _raw_entries(doc, "challenges"):
            yield from _unknown_needs(doc, base, who, "related_needs", _texts(item.get("related_needs")), need_ids)


def _named(entry_id: str) -> str:
    """An id as a message names it: a long one (never a valid id) is shortened with its length."""
    return entry_id if len(entry_id) <= 40 else shown(entry_id, 40)


def _state_hint(code: str, record: Record) -> str:
    """What to type for a State code the record does not know: the party meant (``mli`` -> ``MLI``,
    ``SNE`` -> ``SEN``), else how to write one."""
    upper = code.strip().upper()
    if upper != code and record.known(upper):
        return Text("problem.did_you_mean_then", close=upper, then=hint_for("ref-unknown-state"))
    parties = [c for c in record.states if record.known(c)]
    # A typing slip only: a real country code that is not a party (USA) gets no other State's code.
    typo = len(upper) == 3 and upper not in reference.iso3_codes()
    close = difflib.get_close_matches(upper, parties, n=1, cutoff=0.66) if typo else []
    if close:
        return Text("problem.did_you_mean_then", close=close[0], then=Text("problem.unknown_state_hint"))
    return Text("problem.unknown_state_hint")


def _raw_entries(doc: SourceDoc, key: str) -> Iterator[tuple[Path_, str, dict[str, Any]]]:
    """(path, who, mapping) of each entry of list ``key`` as written, typed or not; ``who`` names it by
    its id when it has a short one, else by its position ("offer 3")."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield (key, index), describe_path((key, index), doc.data), item


def _texts(value: Any) -> list[str | None]:
    """The items of a list as written, None for one that is not text (the schema reports it)."""
    return [v if isinstance(v, str) else None for v in value] if isinstance(value, list) else []


def _unknown_needs(
    doc: SourceDoc, base: Path_, who: str, field: str, refs: list[str | None], need_ids: set[str]
) -> Iterator[Problem]:
    """ref-unknown-need for each id in ``refs`` that no State defines, at the line that holds it
    (an id not written as one is the schema's to report, once)."""
    for index, need_id in enumerate(refs):
        if need_id is not None and _NEED_ID_RE.match(need_id) and need_id not in need_ids:
            if field == "responds_to":
                message = Text("problem.responds_to_unknown", who=who, need=need_id)
            else:
                message = Text("problem.relates_to_unknown", who=who, need=need_id)
            yield make_problem(
                doc.path,
                *doc.locate((*base, field, index)),
                "ref-unknown-need",
                message,
                Text("problem.unknown_need_hint", file=f"states/{need_id[:3]}.yml", field=field),
            )


def check_drafts_in_public(checked: CheckedState) -> Iterator[Problem]:
    """consent-draft-in-public: a State's own file holds a challenge nobody has consented to publish.

    Only for ``states/`` files: the examples of the demo hold canary drafts on purpose.
    """
    for challenge in checked.challenges:
        if challenge.consent.status in {"pending", "withdrawn"}:
            base = checked.entry_paths[challenge.id]
            where = checked.doc.locate((*base, "consent", "status"))
            if challenge.consent.status == "withdrawn":  # what a State taking a challenge off the site does
                message = Text("problem.draft_withdrawn", id=challenge.id)
                hint = Text("problem.draft_withdrawn_hint")
                yield make_problem(checked.doc.path, *where, "consent-draft-in-public", message, hint)
                continue
            message = Text("problem.draft_in_public", id=challenge.id, status=challenge.consent.status)
            yield make_problem(checked.doc.path, *where, "consent-draft-in-public", message)
