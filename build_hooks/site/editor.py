"""The form editor (``/contribute/edit/``): forms derived from the model, and the data they start from.

A focal point picks their State, adds, changes or closes needs and offers, adds a consented
challenge or withdraws a consent, and is given the whole new file in the canonical layout
(``overrides/assets/pfp-yaml.js``, the layout ``pfp format`` writes) to paste into GitHub's web
editor or to e-mail to the ISU. Nothing is sent anywhere: the page is a static page and a script
(``overrides/assets/pfp-editor.js``).

* :func:`editor_page` is the page's view model. Every control of the three forms comes from the
  models of :mod:`build_hooks.engine.model`, read at build time: a ``Literal`` is a drop-down
  whose choices carry the site's own labels in the page's language, a date is a date field
  within the years the model accepts, an amount a number field above the model's bound, a text
  has the model's length limits and pattern and refuses what the model refuses, a field the
  model requires is marked required, and the fields come in the canonical key order. A field
  the form cannot show fails the build (:class:`EditorFieldError`) instead of being left out.
* :func:`editor_data` is the data of every State file, written once at the English root
  (:data:`EDITOR_DATA`): the file as the loader reads it, its comments, its GitHub edit address
  and the key order of the canonical layout. A challenge the catalogue does not publish (consent
  pending, withdrawn or not yet in effect, or a State that has left the Convention) is never in
  it, only how many there are, so the page can say that the file it writes leaves them out.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import types
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from babel.core import get_global
from babel.numbers import get_currency_name, get_territory_currencies
from markupsafe import Markup, escape
from pydantic import BaseModel, TypeAdapter, ValidationError, WithJsonSchema
from pydantic.fields import FieldInfo

from build_hooks import reference
from build_hooks.engine.model import ENTRY_MODELS, FIRST_YEAR, INVISIBLE_CHARS, LAST_YEAR, Entry, StateHeader
from build_hooks.engine.vocabulary import CLOSED_NEED, CLOSED_OFFER, label_group
from build_hooks.i18n import DEFAULT_LANGUAGE, FORMAT_LOCALES, sort_key
from build_hooks.workflow.formatting import KEY_ORDER, comments_of

if TYPE_CHECKING:
    from build_hooks.engine.catalog import Catalog
    from build_hooks.engine.load import SourceDoc
    from build_hooks.engine.validate import ValidationResult
    from build_hooks.site import context as ctx

EDITOR_PAGE = "contribute/edit/index.md"
EDITOR_MAIN = "pfp-editor-title"  # the page's heading, where "Skip to content" goes
EDITOR_DATA = "contribute/edit/states.json"  # relative to the English root, where downloads live

# Keys the page writes itself, never shown as fields: the next free id, the language of the page
# a new entry is written in (nothing in English, the default), the day it is posted or changed.
AUTOMATIC_KEYS = frozenset({"id", "language", "posted", "updated"})
# Keys the form keeps exactly as the file has them (the State's own translations).
KEPT_KEYS = frozenset({"translations"})
# A text the model lets run longer than this is a paragraph (Markdown): a text area.
ONE_LINE_MAX = 300
# A consent box the focal point unticks withdraws the consent. "pending" is never written:
# a challenge awaiting consent does not belong in the public repository (consent-draft-in-public).
CONSENT_OFF = "withdrawn"
# Dates the validator refuses in the future (rule in brackets): the page sets their maximum to today.
PAST_DATES = {"consent.date": "consent-future-date"}
# Fields whose choices come from reference data rather than from the model's pattern alone
# (the validator checks the same list: amount-currency).
REFERENCE_CHOICES = {"amount.currency"}
# The currencies this work is mostly funded in, shown first in the drop-down (those the validator knows).
MOST_USED_CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "NOK", "SEK", "DKK", "CAD", "AUD", "XOF", "XAF")
# How a status closes an entry, from the vocabulary ("Close" is offered while the status is another one).
CLOSED_STATUSES: dict[str, frozenset[str]] = {"needs": CLOSED_NEED, "offers": CLOSED_OFFER}

_ID_PATTERN = re.compile(r"^\^\[A-Z\]\{3\}-([A-Z])-\[0-9\]\{3,\}\$$")
_ID_SEPARATOR = r"[\s,;]"


class EditorFieldError(Exception):
    """A model field the form does not know how to show (it would otherwise be left out silently)."""


# --------------------------------------------------------------------------------------
# Reading the model
# --------------------------------------------------------------------------------------


def _shape(annotation: Any) -> tuple[Any, list[Any], bool]:
    """(the type underneath, every piece of metadata on the way, whether None is allowed)."""
    meta: list[Any] = []
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            for item in extra:
                meta.extend(item.metadata if isinstance(item, FieldInfo) else [item])
            continue
        if origin in (Union, types.UnionType):
            others = [a for a in get_args(annotation) if a is not types.NoneType]
            if len(others) != 1:
                raise EditorFieldError(f"a union of {others} has no form control")
            optional, annotation = True, others[0]
            continue
        return annotation, meta, optional


def _limit(meta: Iterable[Any], name: str) -> Any:
    return next((getattr(m, name) for m in meta if getattr(m, name, None) is not None), None)


def _json_schema(meta: Iterable[Any]) -> dict[str, Any]:
    return next((dict(m.json_schema) for m in meta if isinstance(m, WithJsonSchema) and m.json_schema), {})


def _refused(annotation: Any, sample_length: int) -> str:
    """The invisible characters a text field refuses, as space-separated hex codes, found by asking the
    model itself: a text of valid length with each character in it is validated."""
    adapter = TypeAdapter(annotation)
    codes = []
    for char in sorted(INVISIBLE_CHARS):
        text = "a" * max(sample_length - 1, 1) + char
        try:
            adapter.validate_python(text)
        except ValidationError as exc:
            if any(err["type"] == "text-invisible-char" for err in exc.errors()):
                codes.append(f"{ord(char):04x}")
    return " ".join(codes)


def _anchorless(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


def _condition(model: type[BaseModel]) -> tuple[str, str, tuple[str, ...]]:
    """A block whose fields are required only when one of its fields has a value (consent given ->
    date and by), as the model's JSON Schema says it (``if``/``then``): (field, value, fields)."""
    schema = model.model_json_schema()
    if "if" not in schema:
        return "", "", ()
    ((name, rule),) = schema["if"]["properties"].items()
    return name, str(rule["const"]), tuple(schema["then"]["required"])


def _order(names: Iterable[str]) -> list[str]:
    """Fields in the canonical key order (the order of the file); others after, as the model has them."""
    names = list(names)
    known = {key: index for index, key in enumerate(KEY_ORDER)}
    return sorted(names, key=lambda n: (known.get(n, len(known)), names.index(n)))


def id_letter(model: type[Entry]) -> str:
    """The letter of an entry's ids (N in KHM-N-001), from the model's id pattern."""
    pattern = _limit(_shape(model.model_fields["id"].rebuild_annotation())[1], "pattern")
    match = _ID_PATTERN.match(pattern or "")
    if match is None:
        raise EditorFieldError(f"{model.__name__}.id: the pattern {pattern!r} does not say how to number new ids")
    return match.group(1)


def label_keys() -> tuple[str, ...]:
    """Every ``editor.*`` key the forms look up by field: ``field_<path>`` (the label or legend) and
    ``hint_<path>`` (the hint under it), for every field and block of every form."""
    builder = FormBuilder(lambda key, **values: key, DEFAULT_LANGUAGE, [])
    paths: set[str] = set()
    for kind, model in ENTRY_MODELS.items():
        for group in builder.form(kind, model)["groups"]:
            paths.update([group["name"]] if group["name"] else [])
            paths.update(f["path"] for f in group["fields"])
    return tuple(f"{kind}_{path.replace('.', '_')}" for path in sorted(paths) for kind in ("field", "hint"))


# --------------------------------------------------------------------------------------
# The forms
# --------------------------------------------------------------------------------------


class FormBuilder:
    """The forms of one page: labels in ``lang``, the States to choose from in ``states``."""

    def __init__(self, t: Callable[..., str], lang: str, states: list[ctx.EditorChoice]) -> None:
        self.t, self.lang, self.states = t, lang, states

    def form(self, kind: str, model: type[Entry]) -> ctx.EditorForm:
        t = self.t
        names = [n for n in _order(model.model_fields) if n not in AUTOMATIC_KEYS | KEPT_KEYS]
        groups: list[ctx.EditorGroup] = []
        loose: list[ctx.EditorField] = []
        for name in names:
            info = model.model_fields[name]
            inner, _, _ = _shape(info.rebuild_annotation())
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                if loose:
                    groups.append(self._group("", loose, kind))
                    loose = []
                groups.append(self._block(kind, name, inner, required=info.is_required()))
            else:
                loose.append(self._field(kind, name, info, model))
        if loose:
            groups.append(self._group("", loose, kind))
        status = "status" if "status" in model.model_fields else ""
        texts = _form_texts(kind, t)
        return {
            "kind": kind,
            "heading": texts["heading"],
            "add_label": texts["add"],
            "new_heading": texts["new"],
            "change_heading": texts["change"],
            "close_heading": texts["close"] if status else "",
            "save_label": texts["save"],
            "empty": texts["empty"],
            "id_letter": id_letter(model),
            "posted_key": "posted" if "posted" in model.model_fields else "",
            "updated_key": "updated" if "updated" in model.model_fields else "",
            "status_path": status,
            "closed": sorted(CLOSED_STATUSES.get(kind, frozenset())),
            "groups": groups,
        }

    def _group(self, name: str, fields: list[ctx.EditorField], kind: str) -> ctx.EditorGroup:
        t = self.t
        slug = name.replace(".", "_")
        return {
            "name": name,
            "id": f"pfp-{kind}-{slug}" if name else "",
            "legend": t(f"editor.field_{slug}") if name else "",
            "hint": t(f"editor.hint_{slug}") if name else "",
            "together": any(f["together"] for f in fields),
            "fields": fields,
        }

    def _block(self, kind: str, name: str, model: type[BaseModel], required: bool) -> ctx.EditorGroup:
        on, value, conditional = _condition(model)
        fields = []
        for member in _order(model.model_fields):
            info = model.model_fields[member]
            path = f"{name}.{member}"
            if member == on:
                fields.append(self._box(kind, path, info, model, value))
                continue
            field = self._field(kind, path, info, model, block_required=required)
            if member in conditional:
                field["required_if"] = f"{name}.{on}={value}"
            fields.append(field)
        return self._group(name, fields, kind)

    def _box(self, kind: str, path: str, info: FieldInfo, model: type[BaseModel], on: str) -> ctx.EditorField:
        """The field a block's other fields depend on (the consent's status) is a box: ticked is ``on``
        (consent given), unticked is :data:`CONSENT_OFF`; it is never written as anything else."""
        inner, _, _ = _shape(info.rebuild_annotation())
        choices = get_args(inner) if get_origin(inner) is Literal else ()
        if on not in choices or CONSENT_OFF not in choices:
            raise EditorFieldError(f"{model.__name__}.{path}: expected a choice of {on!r} and {CONSENT_OFF!r}")
        field = self._blank(kind, path, info.is_required())
        field.update({"control": "checkbox", "input_type": "checkbox", "value": "flag"})
        field["choices"] = [{"value": on, "label": field["label"]}, {"value": CONSENT_OFF, "label": field["label"]}]
        return field

    def _blank(self, kind: str, path: str, required: bool) -> ctx.EditorField:
        t = self.t
        slug = path.replace(".", "_")
        return {
            "path": path,
            "id": f"pfp-{kind}-{slug}",
            "label": t(f"editor.field_{slug}"),
            "hint": t(f"editor.hint_{slug}"),
            "control": "input",
            "input_type": "text",
            "value": "text",
            "required": required,
            "together": False,
            "required_if": "",
            "choices": [],
            "choice_groups": [],
            "default": "",
            "minlength": None,
            "maxlength": None,
            "pattern": "",
            "min": "",
            "max": "",
            "above": "",
            "step": "",
            "refuse": "",
            "not_future": path in PAST_DATES,
            "item_pattern": "",
            "any_value": "",
        }

    def _field(
        self, kind: str, path: str, info: FieldInfo, model: type[BaseModel], block_required: bool = True
    ) -> ctx.EditorField:
        annotation = info.rebuild_annotation()
        inner, meta, _ = _shape(annotation)
        field = self._blank(kind, path, info.is_required() and block_required)
        field["together"] = info.is_required() and not block_required
        where = f"{model.__name__}.{path.rsplit('.', 1)[-1]}"
        if get_origin(inner) is Literal:
            field.update({"control": "select", "input_type": "", "choices": self._choices(get_args(inner), where)})
            if path == "status":
                field["default"] = field["choices"][0]["value"]  # a new entry is open (or available)
        elif inner is dt.date:
            field.update({"input_type": "date", "min": f"{FIRST_YEAR}-01-01", "max": f"{LAST_YEAR}-12-31"})
        elif inner in (float, int):
            above = _limit(meta, "gt")
            field.update({"input_type": "number", "value": "number", "above": "" if above is None else f"{above:g}"})
            field["step"] = "any" if inner is float else "1"
            low = _limit(meta, "ge")
            field["min"] = f"{low:g}" if low is not None else field["above"]
        elif inner is str:
            self._text(field, annotation, meta)
            if path in REFERENCE_CHOICES:
                field.update(
                    {
                        "control": "select",
                        "input_type": "",
                        "pattern": "",
                        "choice_groups": self._currencies(field["pattern"]),
                    }
                )
        elif get_origin(inner) is list:
            self._list(field, get_args(inner)[0], where)
        elif inner is Any and (schema := _json_schema(meta)).get("oneOf"):
            self._any_or_list(field, schema, where)
        else:
            raise EditorFieldError(f"{where}: no form control for a field of type {inner!r}")
        return field

    def _text(self, field: ctx.EditorField, annotation: Any, meta: list[Any]) -> None:
        longest, shortest = _limit(meta, "max_length"), _limit(meta, "min_length")
        paragraph = longest is None or longest > ONE_LINE_MAX
        field.update({"minlength": shortest, "maxlength": longest, "pattern": _limit(meta, "pattern") or ""})
        if paragraph:
            field.update({"control": "textarea", "input_type": ""})
        field["refuse"] = _refused(annotation, shortest or 1)

    def _list(self, field: ctx.EditorField, item: Any, where: str) -> None:
        inner, meta, _ = _shape(item)
        pattern = _limit(meta, "pattern") or _json_schema(meta).get("pattern", "")
        if inner is not str or not pattern:
            raise EditorFieldError(f"{where}: no form control for a list of {item!r}")
        field.update({"value": "list", "item_pattern": pattern})
        if _ID_PATTERN.match(pattern):
            # ids on one line, separated by commas or spaces: the browser checks the whole line
            one, sep = f"(?:{_anchorless(pattern)})", _ID_SEPARATOR
            field["pattern"] = f"{sep}*(?:{one}(?:{sep}+{one})*)?{sep}*"
        else:
            field.update({"control": "textarea", "input_type": ""})  # one item a line (links)

    def _any_or_list(self, field: ctx.EditorField, schema: Mapping[str, Any], where: str) -> None:
        words = [o["const"] for o in schema["oneOf"] if "const" in o]
        lists = [o for o in schema["oneOf"] if o.get("type") == "array"]
        if len(words) != 1 or len(lists) != 1:
            raise EditorFieldError(f"{where}: no form control for {schema!r}")
        field.update(
            {
                "control": "eligible",
                "input_type": "",
                "value": "eligible",
                "any_value": words[0],
                "item_pattern": lists[0]["items"]["pattern"],
                "choices": list(self.states),
            }
        )

    def _choices(self, values: tuple[str, ...], where: str) -> list[ctx.EditorChoice]:
        group = label_group(values)
        if group is None:
            raise EditorFieldError(f"{where}: the choices {values} have no labels in the catalogue")
        return [{"value": v, "label": self.t(f"{group}.{v}")} for v in values]

    def _currencies(self, pattern: str) -> list[ctx.EditorChoiceGroup]:
        """The validator's currencies a State pays in: the most used first, then the others by code."""
        check = re.compile(pattern)
        locale = FORMAT_LOCALES.get(self.lang, self.lang)

        def choice(code: str) -> ctx.EditorChoice:
            assert check.match(code), code
            name = get_currency_name(code, locale=locale)
            return {"value": code, "label": code if name == code else f"{code} – {name}"}

        codes = state_currencies()
        first = [code for code in MOST_USED_CURRENCIES if code in codes]
        rest = sorted(codes - set(first))
        return [
            {"label": self.t("editor.currencies_most_used"), "choices": [choice(c) for c in first]},
            {"label": self.t("editor.currencies_other"), "choices": [choice(c) for c in rest]},
        ]


@cache
def state_currencies() -> frozenset[str]:
    """The ISO 4217 codes of the validator's list (:func:`reference.currency_codes`) that some territory
    has used as legal tender, as CLDR (Babel) records it at any date: the codes CLDR lists only as
    non-tender are left out (test and no-currency codes, funds, units of account, precious metals)."""
    start, end = dt.date(1, 1, 1), dt.date(9999, 12, 31)
    tender: set[str] = set()
    for territory in get_global("territory_currencies"):
        tender.update(get_territory_currencies(territory, start, end, tender=True, non_tender=False))
    return frozenset(reference.currency_codes() & tender)


def _form_texts(kind: str, t: Callable[..., str]) -> dict[str, str]:
    if kind == "needs":
        return {
            "heading": t("heading.needs"),
            "add": t("editor.add_need"),
            "new": t("editor.new_need"),
            "change": t("editor.change_need"),
            "close": t("editor.close_need"),
            "save": t("editor.save_need"),
            "empty": t("text.no_needs"),
        }
    if kind == "offers":
        return {
            "heading": t("heading.offers"),
            "add": t("editor.add_offer"),
            "new": t("editor.new_offer"),
            "change": t("editor.change_offer"),
            "close": t("editor.close_offer"),
            "save": t("editor.save_offer"),
            "empty": t("text.no_offers"),
        }
    if kind == "challenges":
        return {
            "heading": t("heading.challenges"),
            "add": t("editor.add_challenge"),
            "new": t("editor.new_challenge"),
            "change": t("editor.change_challenge"),
            "close": "",  # a challenge has no status: it is not closed, its consent is withdrawn
            "save": t("editor.save_challenge"),
            "empty": t("text.no_challenges"),
        }
    raise EditorFieldError(f"the form has no texts for the entries under {kind!r}")


# --------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------


def _english(text: str, lang: str) -> Markup:
    """A name of GitHub's English interface, as it shows on screen (marked English on other pages)."""
    if lang == DEFAULT_LANGUAGE:
        return Markup("<strong>{}</strong>").format(text)
    return Markup('<strong lang="en">{}</strong>').format(text)


def _steps(t: Callable[..., str], lang: str) -> list[str]:
    """The numbered steps in GitHub's web editor, as HTML (GitHub's buttons by their English names)."""
    link = Markup("<a data-pfp-edit-link>{}</a>").format(t("editor.step_open_link"))
    html = [
        Markup(escape(t("editor.step_copy"))),
        Markup(escape(t("editor.step_open"))).format(link=link, pencil=_english("Edit this file", lang)),
        Markup(escape(t("editor.step_paste"))),
        Markup(escape(t("editor.step_commit"))).format(
            commit=_english("Commit changes…", lang), propose=_english("Propose changes", lang)
        ),
        Markup(escape(t("editor.step_pull_request"))).format(create=_english("Create pull request", lang)),
    ]
    return [str(h) for h in html]


def _messages(t: Callable[..., str]) -> list[ctx.EditorMessage]:
    """What the script says, in the page's language (placeholders in braces are filled in by it)."""
    texts = {
        "loading": t("editor.msg_loading"),
        "loaded": t("editor.msg_loaded"),
        "load_failed": t("editor.msg_load_failed"),
        "saved": t("editor.msg_saved"),
        "removed": t("editor.msg_removed"),
        "withdrawn": t("editor.msg_withdrawn"),
        "cancelled": t("editor.msg_cancelled"),
        "copied": t("editor.msg_copied"),
        "copy_failed": t("editor.msg_copy_failed"),
        "reviewed": t("editor.msg_reviewed"),
        "not_reviewed": t("editor.msg_not_reviewed"),
        "errors": t("editor.msg_errors"),
        "withheld": t("editor.msg_withheld"),
        "file_heading": t("editor.file_heading"),
        "output_label": t("editor.output_label"),
        "download": t("editor.download"),
        "mail_subject": t("editor.mail_subject"),
        "change": t("editor.change"),
        "close": t("editor.close"),
        "withdraw": t("editor.withdraw"),
        "remove": t("editor.remove"),
        "added": t("editor.added"),
        "changed": t("editor.changed"),
        "closing": t("editor.msg_closing"),
        "period": t("editor.list_period"),
        "period_from": t("editor.list_period_from"),
        "period_until": t("editor.list_period_until"),
        "consent_given": t("editor.consent_given"),
        "consent_withdrawn": t("editor.consent_withdrawn"),
        "error_missing": t("editor.error_missing"),
        "error_choose": t("editor.error_choose"),
        "error_too_short": t("editor.error_too_short"),
        "error_too_long": t("editor.error_too_long"),
        "error_pattern": t("editor.error_pattern"),
        "error_number": t("editor.error_number"),
        "error_above": t("editor.error_above"),
        "error_date": t("editor.error_date"),
        "error_range": t("editor.error_range"),
        "error_future": t("editor.error_future"),
        "error_invisible": t("editor.error_invisible"),
        "error_together": t("editor.error_together"),
        "error_order": t("editor.error_order"),
        "error_states": t("editor.error_states"),
        "error_consent": t("editor.error_consent"),
        "colon": t("punct.colon"),
    }
    return [{"key": key, "text": text} for key, text in texts.items()]


def editor_states(names: Mapping[str, str]) -> list[ctx.EditorChoice]:
    """The States to choose from (code -> name in the page's language), by name."""
    return [{"value": code, "label": names[code]} for code in sorted(names, key=lambda c: sort_key(names[c]))]


def editor_page(
    catalog: Catalog, t: Callable[..., str], lang: str, contact_email: str, name: Callable[[str], str]
) -> ctx.EditorPage:
    """The editor page of one language's site."""
    states = editor_states({iso3: name(iso3) for iso3 in catalog.states})
    builder = FormBuilder(t, lang, states)
    default = Entry.model_fields["language"].default
    return {
        "title": t("editor.title"),
        "main_id": EDITOR_MAIN,
        "data_url": EDITOR_DATA,
        "new_language": "" if lang == default else lang,
        "reviewed_key": _reviewed_key(),
        "states": states,
        "forms": [builder.form(kind, model) for kind, model in ENTRY_MODELS.items()],
        "steps": _steps(t, lang),
        "email": contact_email,
        "messages": _messages(t),
    }


def _reviewed_key() -> str:
    """The header's date of the last full review (``last_reviewed``), the one date the page sets there."""
    dates = [n for n, f in StateHeader.model_fields.items() if _shape(f.rebuild_annotation())[0] is dt.date]
    if len(dates) != 1:
        raise EditorFieldError(f"StateHeader: expected one date field, found {dates}")
    return dates[0]


# --------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------


def _next_numbers(iso3: str, data: Mapping[str, Any]) -> dict[str, int]:
    """Per list, the number after the highest id the file uses (withheld challenges included: an id
    is never given twice)."""
    out: dict[str, int] = {}
    for kind, model in ENTRY_MODELS.items():
        number = re.compile(rf"^{iso3}-{id_letter(model)}-([0-9]+)$")
        items = data.get(kind)
        used = [
            int(m.group(1))
            for item in (items if isinstance(items, list) else [])
            if isinstance(item, dict) and isinstance(item.get("id"), str) and (m := number.match(item["id"]))
        ]
        out[kind] = max(used, default=0) + 1
    return out


def _public_comments(doc: SourceDoc, withheld: list[int]) -> list[str]:
    """The file's comments, without those written inside or just above a withheld challenge (a draft's
    notes are the draft's): its lines are blanked before the comments are read. A challenge that does not
    have lines of its own (flow style) takes the whole ``challenges`` block with it."""
    if not withheld:
        return list(comments_of(doc.text))
    lines = doc.text.split("\n")
    tops = sorted(line for path, (line, _) in doc.key_positions.items() if len(path) == 1)
    block_line = doc.key_positions.get(("challenges",), (0, 0))[0]
    block_end = next((line for line in tops if line > block_line), len(lines) + 1)
    starts = sorted(line for path, (line, _) in doc.positions.items() if len(path) == 2 and path[0] == "challenges")
    spans: list[tuple[int, int]] = []
    for index in withheld:
        start = doc.positions.get(("challenges", index), (block_line, 0))[0]
        if start <= block_line or starts.count(start) > 1:
            spans = [(block_line, block_end)]
            break
        end = next((line for line in starts if line > start), block_end)
        while start - 1 > block_line and lines[start - 2].lstrip().startswith("#"):
            start -= 1  # the comment lines just above the item are about it
        spans.append((start, end))
    for start, end in spans:
        for number in range(start, min(end, len(lines) + 1)):
            lines[number - 1] = ""
    try:
        return list(comments_of("\n".join(lines)))
    except yaml.YAMLError:
        return []  # not readable without the draft: no comment rather than the draft's


def state_entry(iso3: str, doc: SourceDoc, published: set[str], edit_base: str) -> dict[str, Any]:
    """What the editor starts from for one State file: its data (as loaded) without the challenges
    that are not in ``published``, its comments, its edit address and how many challenges it withheld."""
    data = copy.deepcopy(doc.data) if isinstance(doc.data, dict) else {}
    next_numbers = _next_numbers(iso3, data)
    withheld: list[int] = []
    challenges = data.get("challenges")
    if isinstance(challenges, list):
        withheld = [i for i, c in enumerate(challenges) if not (isinstance(c, dict) and c.get("id") in published)]
        data["challenges"] = [c for i, c in enumerate(challenges) if i not in withheld]
    return {
        "data": data,
        "comments": _public_comments(doc, withheld),
        "edit_url": f"{edit_base}states/{iso3}.yml" if edit_base else "",
        "withheld": len(withheld),
        "next_number": next_numbers,
    }


def editor_data(validation: ValidationResult, catalog: Catalog, edit_base: str) -> str:
    """The editor's data file: every State file of ``states/`` (never ``examples/``), consent-filtered
    by the catalogue (the one place that decides what is published)."""
    states = {}
    for iso3 in sorted(catalog.states):
        doc = validation.states[iso3].doc
        published = {c.id for c in catalog.challenges_of(iso3) if not c.illustrative}
        states[iso3] = state_entry(iso3, doc, published, edit_base)
    text = json.dumps(
        {"key_order": list(KEY_ORDER), "states": states}, ensure_ascii=False, allow_nan=False, separators=(",", ":")
    )
    # Defence in depth: the file is data, but no character of it can open markup if it is ever served as HTML.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
