"""The schema half of validation: pydantic errors become located, hinted problems.

Every problem names its file, line and column, the rule id and how to fix it.
Unknown fields are warned about (the contract keeps them, but most are typos).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from build_hooks.diagnostics import Problem, Severity, shown
from build_hooks.engine.load import Path_, SourceDoc
from build_hooks.engine.model import ENTRY_KEYS, FIRST_YEAR, LAST_YEAR, V1_RECORD_KEYS, StateFile
from build_hooks.engine.rulebook import RULES_BY_ID, hint_for
from build_hooks.engine.vocabulary import suggest_choice

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
ISO3_RE = re.compile(r"^[A-Z]{3}\Z")


def _child(node: Any, step: Any) -> tuple[bool, Any]:
    """(True, the value) when ``step`` is a key of the mapping or an index of the list ``node``."""
    if isinstance(node, dict) and isinstance(step, str) and step in node:
        return True, node[step]
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return True, node[step]
    return False, None


def _real_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Drop pydantic's union/function markers from ``loc``, keeping steps that exist in the data."""
    out: list[str | int] = []
    node = data
    for step in loc:
        found, child = _child(node, step)
        if found:
            out.append(step)
            node = child
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


def describe_path(path: Path_, data: Any = None) -> str:
    """A readable name for the value at ``path``: ``KHM-N-001 amount.value`` rather than ``needs[0].amount.value``."""
    text = ""
    steps = list(path)
    key, index = (steps[0], steps[1]) if len(steps) >= 2 else ("", None)
    if data is not None and isinstance(key, str) and key in ENTRY_KEYS and isinstance(index, int):
        items = data.get(key) if isinstance(data, dict) else None
        item = items[index] if isinstance(items, list) and index < len(items) else None
        entry_id = item.get("id") if isinstance(item, dict) else None
        noun = key[:-1]
        named = isinstance(entry_id, str) and len(entry_id) <= 40  # an id is short; a long one is not echoed
        text = f"{noun} {entry_id}" if named else f"{noun} {index + 1}"
        steps = steps[2:]
        if steps:
            text += " "
            text += describe_path(tuple(steps))
        return text
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "the file"


# A date in another common layout: 28/04/2026, 28.04.2026, 2026/4/28, 2026-4-3 (ASCII digits only).
_OTHER_DATE_RE = re.compile(r"^([0-9]{1,4})[./ -]([0-9]{1,2})[./ -]([0-9]{1,4})\Z")


def _calendar_day(year: int, month: int, day: int) -> str | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None  # the suggestion would be refused in turn
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def suggest_dates(found: object) -> list[str]:
    """The YYYY-MM-DD dates a text written in another layout may mean: one, or two when the day and
    the month could be either way round (03/04/2026 is 3 April in most States, 4 March in some)."""
    match = _OTHER_DATE_RE.match(found.strip()) if isinstance(found, str) else None
    if match is None:
        return []
    first, second, third = match.groups()
    if len(first) == 4:  # year first: always year, month, day
        readings = [(int(first), int(second), int(third))]
    elif len(third) == 4:  # year last: day first (most States) or month first
        readings = [(int(third), int(second), int(first)), (int(third), int(first), int(second))]
    else:
        return []
    dates = [d for y, m, day in readings if (d := _calendar_day(y, m, day)) is not None]
    return sorted(set(dates), key=dates.index)


def _schema_problem(doc: SourceDoc, base: Path_, err: ErrorDetails) -> Problem:
    path = (*base, *_real_path(_get(doc.data, base), err["loc"]))
    kind: str = err["type"]
    name = _field_name(path)
    found = err.get("input")
    where = describe_path(path, doc.data)
    hint = ""
    if kind == "extra_forbidden":
        return _unknown_field(doc, path)
    if kind in RULES_BY_ID:
        rule = kind
        message = f"{where}: {err['msg']}"
        if rule == "schema-date" and (meant := suggest_dates(found)):
            hint = f"did you mean {' or '.join(meant)}? " + hint_for(rule)
    elif kind == "missing":
        rule = "consent-missing" if name == "consent" else "schema-required"
        message = f"{describe_path(path[:-1], doc.data)} has no `{name}`, which is required"
        line, col = doc.locate(path[:-1])
        return make_problem(doc.path, line, col, rule, message, hint or hint_for(rule))
    elif kind in _TYPE_WORDS and found is None and name == "consent":
        # `consent:` with nothing after it is no consent block at all
        message = f"{describe_path(path[:-1], doc.data)} has an empty `consent`, which is required"
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
        message = f"{where} is {shown(found)}, which is not one of: {expected.replace(chr(39), '')}"
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        if (close := suggest_choice(found, tuple(choices))) is not None:
            hint = f"did you mean `{close}`? " + hint_for(rule)
    elif kind == "string_pattern_mismatch":
        if name == "id":
            rule = "id-format"
        elif name == "currency":
            rule = "amount-currency"
        else:
            rule = "schema-format"
        expected = _FORMAT_WORDS.get(name, f"text matching {err.get('ctx', {}).get('pattern', '')}")
        if name == "id" and path[:1] and str(path[0]) in _ID_LETTERS:
            letter = _ID_LETTERS[str(path[0])]
            state = doc.data.get("state")
            code = state if isinstance(state, str) and ISO3_RE.match(state) else "KHM"
            expected = f"the State code, {letter} and at least three digits, e.g. {code}-{letter}-001"
        message = f"{where} is {shown(found)}; expected {expected}"
    elif kind == "finite_number" or (kind == "float_type" and type(found) is int):
        # A number too large for a float: 1e309 reads as infinity, 10**400 stays an int. Refused, never exported.
        rule = "schema-range"
        number = repr(found) if len(repr(found)) <= 20 else f"{repr(found)[:12]}..., {len(repr(found))} digits"
        message = f"{where} is a number too large to use ({number})"
        hint = "write the amount in full digits, e.g. 2500000, and check it for a typing mistake"
    elif kind in _RANGE_TYPES:
        rule = "amount-positive" if path[-2:] and path[-2:-1] == ("amount",) else "schema-range"
        message = f"{where} is {shown(found)}: {err['msg'][0].lower()}{err['msg'][1:]}"
    elif kind in _TYPE_WORDS:
        rule = "schema-type"
        message = f"{where} should be {_TYPE_WORDS[kind]}, found {shown(found)}"
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


def _all_field_names() -> list[str]:
    """Every field name of every model of the contract (for "did you mean")."""
    names: set[str] = set()
    stack: list[type[BaseModel]] = [StateFile]
    seen: set[type[BaseModel]] = set()
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        names |= set(model.model_fields)
        for field in model.model_fields.values():
            stack += list(_models_in(field.annotation))
    return sorted(names)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


def _unknown_field(doc: SourceDoc, path: Path_) -> Problem:
    name = str(path[-1])
    if name == "illustrative":
        hint = "examples live in examples/ now, never in a State's file: remove the field (or the example entry)"
    elif path[:1] == (name,) and name in V1_RECORD_KEYS:
        hint = f"{name} is a fact of the official record (record/*.csv) now: run `pfp migrate {doc.path}`"
    else:
        close = difflib.get_close_matches(name, _all_field_names(), n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "remove it, or check the field names in the field reference"
    line, col = doc.locate_key(path)
    return make_problem(
        doc.path, line, col, "schema-unknown-field", f"`{name}` is not a field the Platform knows", hint
    )
