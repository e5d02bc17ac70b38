"""Validate State files: the schema (from the models) plus per-file and cross-file rules.

``validate_documents`` is the one entry point. It never stops at the first
problem: every file is checked, every entry on its own, and every problem is
returned with its location, rule id and hint. Files and entries that pass are
returned as typed models for the index stage.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from build_hooks import reference
from build_hooks.diagnostics import Problem, Severity, sort_problems
from build_hooks.load import Path_, SourceDoc, load_file
from build_hooks.model import ENTRY_KEYS, ENTRY_MODELS, Challenge, Entry, Need, Offer, StateFile, StateHeader
from build_hooks.rules import RULES_BY_ID, hint_for
from build_hooks.staleness import DEFAULT_MONTHS, is_review_stale


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


@dataclass
class ValidationResult:
    problems: list[Problem]
    states: dict[str, CheckedState]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------------------
# Turning schema errors into located, hinted problems
# --------------------------------------------------------------------------------------

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "date_type": "a date (YYYY-MM-DD)",
}
_RANGE_TYPES = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "string_too_short",
    "string_too_long",
    "too_short",
    "too_long",
}
_FORMAT_WORDS = {
    "state": "three capital letters, the ISO 3166-1 alpha-3 code (e.g. KHM)",
    "currency": "three capital letters, an ISO 4217 code (e.g. USD)",
    "email": "an e-mail address such as name@example.org",
    "github": "a GitHub user name (letters, digits and hyphens)",
    "title": "one line of plain text without < or >",
    "responds_to": "a need id such as KHM-N-001",
    "related_needs": "a need id such as KHM-N-001",
}
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}
_ID_LETTERS = {"needs": "N", "offers": "O", "challenges": "C"}
_ISO3_RE = re.compile(r"^[A-Z]{3}$")


def _real_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Drop pydantic's union/function markers from ``loc``, keeping steps that exist in the data."""
    out: list[str | int] = []
    node = data
    for step in loc:
        if (isinstance(node, dict) and isinstance(step, str) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            out.append(step)
            node = node[step]
        elif isinstance(step, (str, int)) and not isinstance(node, (dict, list)):
            break
        elif (
            isinstance(step, str) and isinstance(node, dict) and not step.startswith(("function-", "literal[", "list["))
        ):
            out.append(step)  # a missing key: keep it so the message names it
            break
    return tuple(out)


def _field_name(path: Path_) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return step
    return "the file"


def _dotted(path: Path_, data: Any = None) -> str:
    """A readable name for the value at ``path``: ``KHM-N-001 amount.value`` rather than ``needs[0].amount.value``."""
    text = ""
    steps = list(path)
    if data is not None and len(steps) >= 2 and steps[0] in ENTRY_KEYS and isinstance(steps[1], int):
        items = data.get(steps[0]) if isinstance(data, dict) else None
        item = items[steps[1]] if isinstance(items, list) and steps[1] < len(items) else None
        entry_id = item.get("id") if isinstance(item, dict) else None
        noun = steps[0][:-1]
        text = f"{noun} {entry_id}" if isinstance(entry_id, str) else f"{noun} {steps[1] + 1}"
        steps = steps[2:]
        if steps:
            text += " "
            text += _dotted(tuple(steps))
        return text
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "the file"


def _schema_problem(doc: SourceDoc, base: Path_, err: dict[str, Any]) -> Problem:
    path = (*base, *_real_path(_get(doc.data, base), err["loc"]))
    kind: str = err["type"]
    name = _field_name(path)
    found = err.get("input")
    where = _dotted(path, doc.data)
    hint = ""
    if kind in RULES_BY_ID:
        rule = kind
        message = f"{where}: {err['msg']}"
    elif kind == "missing":
        rule = "consent-missing" if name == "consent" else "schema-required"
        message = f"{_dotted(path[:-1], doc.data)} has no `{name}`, which is required"
        line, col = doc.locate(path[:-1])
        return make_problem(doc.path, line, col, rule, message, hint or hint_for(rule))
    elif kind in _TYPE_WORDS and found is None and name == "consent":
        # `consent:` with nothing after it is no consent block at all
        message = f"{_dotted(path[:-1], doc.data)} has an empty `consent`, which is required"
        line, col = doc.locate_key(path)
        return make_problem(doc.path, line, col, "consent-missing", message)
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        if name == "schema_version":
            rule = "schema-version"
        elif path[-2:-1] == ("consent",) and name == "status":
            rule = "consent-status-unknown"
        else:
            rule = "schema-enum"
        message = f"{where} is {found!r}, which is not one of: {expected.replace(chr(39), '')}"
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        close = difflib.get_close_matches(str(found).lower().replace(" ", "_"), choices, n=1, cutoff=0.5)
        if close:
            hint = f"did you mean `{close[0]}`? " + hint_for(rule)
    elif kind == "string_pattern_mismatch":
        if name == "id":
            rule = "id-format"
        elif name == "currency":
            rule = "amount-currency"
        else:
            rule = "schema-format"
        expected = _FORMAT_WORDS.get(name, f"text matching {err.get('ctx', {}).get('pattern', '')}")
        if name == "id" and path[:1] and path[0] in _ID_LETTERS:
            letter = _ID_LETTERS[path[0]]
            state = doc.data.get("state")
            code = state if isinstance(state, str) and _ISO3_RE.match(state) else "KHM"
            expected = f"the State code, {letter} and at least three digits, e.g. {code}-{letter}-001"
        message = f"{where} is {found!r}; expected {expected}"
    elif kind in _RANGE_TYPES:
        rule = "amount-positive" if path[-2:] and path[-2:-1] == ("amount",) else "schema-range"
        message = f"{where} is {found!r}: {err['msg'][0].lower()}{err['msg'][1:]}"
    elif kind in _TYPE_WORDS:
        rule = "schema-type"
        message = f"{where} should be {_TYPE_WORDS[kind]}, found {found!r}"[:300]
        if kind == "bool_type" and isinstance(found, str) and found.lower() in _YAML11_BOOLS:
            hint = "write true or false: words like yes/no are read as text in State files"
        elif kind in {"int_type", "float_type"} and isinstance(found, str):
            hint = "write the number without quotes, spaces or thousands separators, e.g. 2500000"
    else:
        rule = "schema-type"
        message = f"{where}: {err['msg']}"
    line, col = doc.locate(path)
    return make_problem(doc.path, line, col, rule, message, hint or hint_for(rule))


def make_problem(path: str, line: int, col: int, rule: str, message: str, hint: str | None = None) -> Problem:
    severity: Severity = RULES_BY_ID[rule].severity
    return Problem(path, line, col, severity, rule, message, hint if hint is not None else hint_for(rule))


def _get(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def validate_model(model: type[BaseModel], doc: SourceDoc, base: Path_, data: Any) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_schema_problem(doc, base, err) for err in exc.errors(include_url=False)]


# --------------------------------------------------------------------------------------
# Unknown fields
# --------------------------------------------------------------------------------------


def _known_fields(model: BaseModel) -> list[str]:
    return list(type(model).model_fields)


def check_unknown_fields(doc: SourceDoc, model: BaseModel, path: Path_) -> Iterator[Problem]:
    for name in model.model_extra or {}:
        if path == () and name in ENTRY_KEYS:
            continue
        close = difflib.get_close_matches(name, _known_fields(model), n=1, cutoff=0.6)
        hint = (
            f"did you mean `{close[0]}`?"
            if close
            else "remove it, or check the field names in the template (`pfp new`)"
        )
        line, col = doc.locate_key((*path, name))
        yield make_problem(
            doc.path, line, col, "schema-unknown-field", f"`{name}` is not a field the Platform knows", hint
        )
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from check_unknown_fields(doc, value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from check_unknown_fields(doc, item, (*path, name, index))


# --------------------------------------------------------------------------------------
# One file
# --------------------------------------------------------------------------------------


def check_document(doc: SourceDoc, expected_state: str | None) -> tuple[CheckedState, list[Problem]]:
    """Schema and single-file rules for one loaded document."""
    problems: list[Problem] = []
    data = doc.data
    if not isinstance(data, dict):
        problems.append(
            make_problem(
                doc.path,
                1,
                1,
                "schema-type",
                "the file should be a mapping of keys such as schema_version, state and membership",
                "start from the template that `pfp new ISO3` writes",
            )
        )
        return CheckedState(doc=doc, header=None), problems
    header_data = {k: v for k, v in data.items() if k not in ENTRY_KEYS}
    header, header_problems = validate_model(StateHeader, doc, (), header_data)
    problems += header_problems
    checked = CheckedState(doc=doc, header=header)
    if header is not None:
        problems += check_unknown_fields(doc, header, ())
    for key in ENTRY_KEYS:
        raw = data.get(key)
        if raw is None:
            continue
        if not isinstance(raw, list):
            line, col = doc.locate((key,))
            problems.append(
                make_problem(
                    doc.path,
                    line,
                    col,
                    "schema-type",
                    f"{key} should be a list (lines starting with '- '), found {raw!r}"[:300],
                )
            )
            continue
        for index, item in enumerate(raw):
            entry, entry_problems = validate_model(ENTRY_MODELS[key], doc, (key, index), item)
            problems += entry_problems
            if entry is not None:
                getattr(checked, key).append(entry)
                checked.entry_paths[entry.id] = (key, index)
                problems += check_unknown_fields(doc, entry, (key, index))
    state = data.get("state")
    if expected_state is not None and isinstance(state, str) and state != expected_state:
        line, col = doc.locate(("state",))
        problems.append(
            make_problem(
                doc.path,
                line,
                col,
                "state-file-name",
                f"state is {state!r} but the file is named {expected_state}.yml",
                _file_name_hint(state, expected_state),
            )
        )
    if header is not None:
        if not reference.is_state_party(header.state):
            line, col = doc.locate(("state",))
            problems.append(
                make_problem(doc.path, line, col, "state-unknown", reference.explain_unknown_state(header.state))
            )
        problems += check_membership(doc, header)
        problems += check_obligations(doc, header)
    return checked, problems


def _file_name_hint(state: str, file_stem: str) -> str:
    """Suggest only fixes that lead to a valid upper-case code."""
    fixes = [f"rename the file to states/{state}.yml"] if _ISO3_RE.match(state) else []
    fixes += [f"set `state: {file_stem}`"] if _ISO3_RE.match(file_stem) else []
    return ", or ".join(fixes) or hint_for("state-file-name")


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


def check_entries_and_dates(checked: CheckedState, today: dt.date) -> Iterator[Problem]:
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
        elif is_review_stale(header.last_reviewed, today, DEFAULT_MONTHS):
            yield make_problem(
                doc.path,
                *doc.locate(("last_reviewed",)),
                "style-stale-review",
                f"last_reviewed {header.last_reviewed} is more than a year old",
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
                    doc.path, *doc.locate(path), "date-future", f"{_dotted(path)} {value} is in the future"
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
                value = getattr(entry, name, None)
                if value is not None and value > today:
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, name)),
                        "date-future",
                        f"{entry.id}: {name} {value} is in the future",
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
    import re

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
            for index, need_id in enumerate(offer.responds_to):
                if need_id not in need_ids:
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, "responds_to", index)),
                        "ref-unknown-need",
                        f"offer {offer.id} responds to {need_id}, which no State defines",
                        f"check the id in states/{need_id[:3]}.yml, or remove it from responds_to",
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
            for index, need_id in enumerate(challenge.related_needs):
                if need_id not in need_ids:
                    yield make_problem(
                        doc.path,
                        *doc.locate((*base, "related_needs", index)),
                        "ref-unknown-need",
                        f"challenge {challenge.id} relates to {need_id}, which no State defines",
                        f"check the id in states/{need_id[:3]}.yml, or remove it from related_needs",
                    )


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def validate_documents(
    docs: Iterable[tuple[SourceDoc, str | None]], today: dt.date, base_problems: Iterable[Problem] = ()
) -> ValidationResult:
    """Validate loaded documents (each with the State code its file name implies)."""
    problems = list(base_problems)
    states: dict[str, CheckedState] = {}
    checked_all: list[CheckedState] = []
    for doc, expected in docs:
        checked, found = check_document(doc, expected)
        problems += found
        problems += check_entries_and_dates(checked, today)
        checked_all.append(checked)
        if checked.header is not None and checked.header.state not in states:
            states[checked.header.state] = checked
    problems += check_ids_and_references(checked_all)
    return ValidationResult(problems=sort_problems(problems), states=states)


def state_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their *.yml / *.yaml files, sorted for stable output."""
    out: dict[Path, Path] = {}
    for path in paths:
        found = (
            sorted(p for p in path.iterdir() if p.suffix in {".yml", ".yaml"} and p.is_file())
            if path.is_dir()
            else [path]
        )
        for file in found:
            out.setdefault(file.resolve(), file)
    return list(out.values())


def validate_paths(paths: Iterable[Path], today: dt.date, root: Path | None = None) -> ValidationResult:
    """Load and validate files or folders; paths are shown relative to ``root``."""
    docs: list[tuple[SourceDoc, str | None]] = []
    problems: list[Problem] = []
    for file in state_files(paths):
        shown = _display(file, root)
        doc, load_problems = load_file(file, shown)
        problems += load_problems
        if doc is not None:
            docs.append((doc, file.stem))
    return validate_documents(docs, today, problems)


def _display(file: Path, root: Path | None) -> str:
    try:
        return str(file.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(file)
