"""The schema half of validation: pydantic errors become located, hinted problems.

Every problem names its file, line and column, the rule id and how to fix it, as
:class:`~build_hooks.diagnostics.Text` (a catalogue key and its values), so it prints in
English, French or Spanish: each pydantic error type, with its ``ctx``, has its own sentence
(``problem.*`` in ``build_hooks/locales/``), and the custom errors of :mod:`.model` carry theirs
in ``ctx["text"]``. Unknown fields are errors, with "did you mean".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from build_hooks.diagnostics import Problem, Severity, Text, both, either, shown
from build_hooks.engine.load import Path_, SourceDoc
from build_hooks.engine.model import ENTRY_KEYS, ENTRY_MODELS, FIRST_YEAR, LAST_YEAR, V1_RECORD_KEYS, StateFile
from build_hooks.engine.rulebook import RULES_BY_ID, hint_for
from build_hooks.engine.vocabulary import suggest_choice, suggest_language

# --------------------------------------------------------------------------------------
# Turning schema errors into located, hinted problems
# --------------------------------------------------------------------------------------

_TYPE_WORDS = {
    "string_type": Text("problem.type_text"),
    "int_type": Text("problem.type_int"),
    "float_type": Text("problem.type_number"),
    "bool_type": Text("problem.type_bool"),
    "list_type": Text("problem.type_list"),
    "dict_type": Text("problem.type_mapping"),
    "model_type": Text("problem.type_mapping"),
    "model_attributes_type": Text("problem.type_mapping"),
    "date_type": Text("problem.type_date"),
}
# The limit each range error names (its ``ctx`` key), and the sentence that says it.
_RANGE_LIMITS = {
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
    "string_too_short": "min_length",
    "string_too_long": "max_length",
    "too_short": "min_length",
    "too_long": "max_length",
}
_RANGE_TEXTS: dict[str, Callable[..., Text]] = {
    "greater_than": lambda **v: Text("problem.range_greater_than", **v),
    "greater_than_equal": lambda **v: Text("problem.range_greater_than_equal", **v),
    "less_than": lambda **v: Text("problem.range_less_than", **v),
    "less_than_equal": lambda **v: Text("problem.range_less_than_equal", **v),
    "string_too_short": lambda **v: Text("problem.text_too_short", **v),
    "string_too_long": lambda **v: Text("problem.text_too_long", **v),
}
_FORMAT_WORDS = {
    "state": Text("problem.format_state"),
    "currency": Text("problem.format_currency"),
    "email": Text("problem.format_email"),
    "github": Text("problem.format_github"),
    "title": Text("problem.format_title"),
    "responds_to": Text("problem.format_need_id"),
    "related_needs": Text("problem.format_need_id"),
    "language": Text("problem.format_language"),
}
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}
_ID_LETTERS = {"needs": "N", "offers": "O", "challenges": "C"}
_NOUNS = {
    "needs": Text("problem.noun_need"),
    "offers": Text("problem.noun_offer"),
    "challenges": Text("problem.noun_challenge"),
}
ISO3_RE = re.compile(r"^[A-Z]{3}\Z")
# An id written nearly right: khm-n-1, KHM N 001, KHM_N_01 (the letter and the digits are there).
_NEAR_ID_RE = re.compile(r"^\s*([A-Za-z]{3})\s*[-_ ]?\s*([NOCnoc])\s*[-_ ]?\s*([0-9]{1,6})\s*\Z")
# A number written with thousands separators (2,500,000 / 2 500 000 / 2.500.000 / 2'500'000), or plain in quotes.
_GROUPED_RE = re.compile(r"^\s*[0-9]{1,3}(?:([ ,.'\u00a0\u202f\u2019])[0-9]{3})(?:\1[0-9]{3})*\s*\Z")
_DECIMAL_COMMA_RE = re.compile(r"^\s*([0-9]+),([0-9]+)\s*\Z")
_PLAIN_NUMBER_RE = re.compile(r"^\s*[0-9]+(?:\.[0-9]+)?\s*\Z")


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
            isinstance(step, str)
            and isinstance(node, dict)
            and not step.startswith(("function-", "literal[", "list[", "[key]"))
        ):
            out.append(step)  # a missing key: keep it so the message names it
            break
    return tuple(out)


def _field_name(path: Path_) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return step
    return "the file"


def _dotted(steps: Path_) -> str:
    """``amount.value``, ``contacts[0].email``: a path as the file's keys spell it."""
    text = ""
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def describe_path(path: Path_, data: Any = None) -> str:
    """A readable name for the value at ``path``: ``need KHM-N-001 amount.value`` rather than
    ``needs[0].amount.value`` (a :class:`Text`: « besoin KHM-N-001, champ `amount.value` » in French)."""
    steps = list(path)
    key, index = (steps[0], steps[1]) if len(steps) >= 2 else ("", None)
    if data is not None and isinstance(key, str) and key in ENTRY_KEYS and isinstance(index, int):
        items = data.get(key) if isinstance(data, dict) else None
        item = items[index] if isinstance(items, list) and index < len(items) else None
        entry_id = item.get("id") if isinstance(item, dict) else None
        noun = _NOUNS[key]
        named = isinstance(entry_id, str) and len(entry_id) <= 40  # an id is short; a long one is not echoed
        rest = _dotted(tuple(steps[2:]))
        if named and rest:
            return Text("problem.where_entry_field", noun=noun, name=entry_id, field=rest)
        if named:
            return Text("problem.where_entry", noun=noun, name=entry_id)
        if rest:
            return Text("problem.where_entry_number_field", noun=noun, number=index + 1, field=rest)
        return Text("problem.where_entry_number", noun=noun, number=index + 1)
    dotted = _dotted(path)
    return Text("problem.where_field", field=dotted) if dotted else Text("problem.where_file")


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


def suggest_number(found: object) -> str | None:
    """The number a text means when it is written the way people write numbers by hand:
    ``2,500,000`` and ``2 500 000`` are 2500000, ``2,5`` is 2.5, ``"2500"`` is 2500."""
    if not isinstance(found, str) or len(found) > 40:
        return None
    if _GROUPED_RE.match(found):
        return re.sub(r"[^0-9]", "", found)
    if match := _DECIMAL_COMMA_RE.match(found):
        return f"{match.group(1)}.{match.group(2)}"
    return found.strip() if _PLAIN_NUMBER_RE.match(found) else None


def suggest_id(found: object, letter: str, code: str | None) -> str | None:
    """The id meant by one written nearly right (``khm-n-1`` -> ``KHM-N-001``), when it is another text."""
    match = _NEAR_ID_RE.match(found) if isinstance(found, str) else None
    if match is None or match.group(2).upper() != letter:
        return None
    state = match.group(1).upper()
    meant = f"{state}-{letter}-{match.group(3).zfill(3)}"
    return meant if meant != found and (code is None or state == code) else None


def _choices_of(doc: SourceDoc, path: Path_, name: str) -> list[str]:
    """The words a missing field of an entry allows (``status`` of a need: open, partially_met ...), if any."""
    model = ENTRY_MODELS.get(str(path[0])) if len(path) == 3 and isinstance(path[1], int) else None
    field = model.model_fields.get(name) if model is not None else None
    annotation = field.annotation if field is not None else None
    return [str(a) for a in get_args(annotation)] if get_origin(annotation) is Literal else []


def _schema_problem(doc: SourceDoc, base: Path_, err: ErrorDetails) -> Problem:
    path = (*base, *_real_path(_get(doc.data, base), err["loc"]))
    kind: str = err["type"]
    name = _field_name(path)
    found = err.get("input")
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    where = describe_path(path, doc.data)
    hint: str = ""
    message: str
    if kind == "extra_forbidden":
        return _unknown_field(doc, path)
    if kind in RULES_BY_ID:
        rule = kind
        # The model's own errors carry their sentence as a Text (model.refuse); pydantic's, in English.
        message = Text("problem.where_detail", where=where, detail=ctx.get("text", err["msg"]))
        if rule == "schema-date" and (meant := suggest_dates(found)):
            hint = Text("problem.did_you_mean_date_then", dates=either(meant), then=hint_for(rule))
        elif rule == "consent-incomplete" and isinstance(found, dict):
            lines = {"date": Text("problem.consent_line_date"), "by": Text("problem.consent_line_by")}
            missing = [line for name, line in lines.items() if found.get(name) is None]
            hint = Text("problem.consent_add", lines=both(missing)) if missing else ""
    elif kind == "missing":
        rule = "consent-missing" if name == "consent" else "schema-required"
        message = Text("problem.missing_field", where=describe_path(path[:-1], doc.data), name=name)
        if choices := _choices_of(doc, path, name):
            hint = Text("problem.add_field_choices", name=name, choices=either(choices))
        elif rule == "schema-required":
            hint = Text("problem.add_field", name=name, then=hint_for(rule))
        line, col = doc.locate(path[:-1])
        return make_problem(doc.path, line, col, rule, message, hint or hint_for(rule))
    elif kind in _TYPE_WORDS and found is None and name == "consent":
        # `consent:` with nothing after it is no consent block at all
        message = Text("problem.empty_consent", where=describe_path(path[:-1], doc.data))
        line, col = doc.locate_key(path)
        return make_problem(doc.path, line, col, "consent-missing", message)
    elif kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        if name == "schema_version":
            rule = "schema-version"
        elif path[-2:-1] == ("consent",) and name == "status":
            rule = "consent-status-unknown"
        else:
            rule = "schema-enum"
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        message = Text("problem.not_one_of", where=where, found=shown(found), choices=either(choices))
        if (close := suggest_choice(found, tuple(choices))) is not None:
            hint = Text("problem.did_you_mean_word_then", close=close, then=hint_for(rule))
        elif path[-2:-1] == ("translations",) and (code := suggest_language(found, tuple(choices))) is not None:
            hint = Text("problem.did_you_mean_then", close=code, then=hint_for(rule))  # fr, not français
    elif kind == "string_pattern_mismatch":
        if name == "id":
            rule = "id-format"
        elif name == "currency":
            rule = "amount-currency"
        else:
            rule = "schema-format"
        expected_text = _FORMAT_WORDS.get(name) or Text("problem.format_pattern", pattern=ctx.get("pattern", ""))
        if name == "id" and path[:1] and str(path[0]) in _ID_LETTERS:
            letter = _ID_LETTERS[str(path[0])]
            state = doc.data.get("state")
            own = state if isinstance(state, str) and ISO3_RE.match(state) else None
            expected_text = Text("problem.format_id", letter=letter, example=f"{own or 'KHM'}-{letter}-001")
            if (near_id := suggest_id(found, letter, own)) is not None:
                hint = Text("problem.did_you_mean_then", close=near_id, then=hint_for(rule))
        elif name in {"state", "currency"} and isinstance(found, str) and ISO3_RE.match(found.strip().upper()):
            hint = Text("problem.did_you_mean_then", close=found.strip().upper(), then=hint_for(rule))
        elif name == "language" and (code := suggest_language(found)) is not None:
            hint = Text("problem.did_you_mean_then", close=code, then=hint_for(rule))
        message = Text("problem.not_in_form", where=where, found=shown(found), expected=expected_text)
    elif kind == "finite_number" or (kind == "float_type" and type(found) is int):
        # A number too large for a float: 1e309 reads as infinity, 10**400 stays an int. Refused, never exported.
        rule = "schema-range"
        written = repr(found)
        number = written if len(written) <= 20 else Text("problem.digits", start=written[:12], count=len(written))
        message = Text("problem.number_too_large", where=where, number=number)
        hint = Text("problem.number_too_large_hint")
    elif kind in _RANGE_LIMITS:
        rule = "amount-positive" if path[-2:] and path[-2:-1] == ("amount",) else "schema-range"
        limit = ctx.get(_RANGE_LIMITS[kind], "")
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)  # "greater than 0", not "0.0"
        if kind in {"too_short", "too_long"} and isinstance(found, str):  # a text with a validator of its own
            kind = "string_too_short" if kind == "too_short" else "string_too_long"
        if kind in {"too_short", "too_long"}:
            actual = ctx.get("actual_length", "")
            if kind == "too_short":
                message = Text("problem.list_too_short", where=where, count=limit, actual=actual)
            else:
                message = Text("problem.list_too_long", where=where, count=limit, actual=actual)
        else:
            message = _RANGE_TEXTS[kind](where=where, found=shown(found), limit=limit)
            if kind == "string_too_long" and isinstance(found, str):
                hint = Text("problem.shorten_text", limit=limit, count=len(found))
    elif kind in _TYPE_WORDS:
        rule = "schema-type"
        message = Text("problem.wrong_type", where=where, expected=_TYPE_WORDS[kind], found=shown(found))
        if kind == "bool_type" and isinstance(found, str) and found.lower() in _YAML11_BOOLS:
            hint = Text("problem.bool_hint")
        elif kind in {"int_type", "float_type"} and isinstance(found, str):
            number_meant = suggest_number(found)
            hint = Text("problem.number_write", number=number_meant) if number_meant else Text("problem.number_hint")
    else:
        rule = "schema-type"
        message = Text("problem.not_accepted", where=where, found=shown(found), detail=err["msg"])
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


def _entry_lists_with(name: str, path: Path_) -> list[str]:
    """For a key of an entry: the other lists (needs, offers, challenges) whose entries have that field."""
    if len(path) != 3 or path[0] not in ENTRY_KEYS or not isinstance(path[1], int):
        return []
    return [key for key, model in ENTRY_MODELS.items() if key != path[0] and name in model.model_fields]


def _unknown_field(doc: SourceDoc, path: Path_) -> Problem:
    name = str(path[-1])
    hint: str
    if name == "illustrative":
        hint = Text("problem.unknown_illustrative")
    elif path[:1] == (name,) and name in V1_RECORD_KEYS:
        hint = Text("problem.unknown_record_key", name=name, path=doc.path)
    elif owners := _entry_lists_with(name, path):
        # `eligible` under a need is spelt right but in the wrong list: "did you mean `eligible`?" would not help.
        owned = " / ".join(f"`{key}:`" for key in owners)
        hint = Text("problem.field_of_other_entries", name=name, here=path[0], owners=owned)
    else:
        close = difflib.get_close_matches(name, _all_field_names(), n=1, cutoff=0.6)
        hint = Text("problem.did_you_mean", close=close[0]) if close else Text("problem.unknown_field_remove")
    line, col = doc.locate_key(path)
    message = Text("problem.unknown_field", name=name if len(name) <= 40 else shown(name, 40))
    return make_problem(doc.path, line, col, "schema-unknown-field", message, hint)
