"""The State file contract, defined once.

Everything else is generated from these models: the JSON Schema in
``schema/state.schema.json`` (:mod:`build_hooks.schema`), the field reference
in the contributor guide, and the schema half of the validator
(:mod:`build_hooks.engine.validate`). Field names are the data contract published in content/contribute/fields.md (generated from here).

Models are strict: the loader hands over YAML 1.2 scalars (``NO`` stays the
text "NO", ``0123`` stays text), and strict mode refuses to coerce text into
numbers or booleans behind the author's back. Dates are ISO 8601 text parsed
by :data:`IsoDate`. No part of the contract accepts a field it does not name.

A custom error (``PydanticCustomError``) has the rule id as its type and its sentence as a
:class:`~build_hooks.diagnostics.Text` in ``ctx["text"]``, so the validator prints it in the
reader's language (:func:`refuse`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from build_hooks.diagnostics import Text, both, shown
from build_hooks.i18n import Language
from build_hooks.urls import link_problem

SCHEMA_VERSION = 2
# Keys of a version 1 file that now live in the official record (record/*.csv).
V1_RECORD_KEYS = ("membership", "obligations", "reporting")
ENTRY_KEYS = ("needs", "offers", "challenges")

# ASCII digits only, and the end of the text (``$`` would also accept a trailing line break).
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
FIRST_YEAR, LAST_YEAR = 1997, 2100  # the years a date in a State file may have


def refuse(rule: str, text: Text) -> PydanticCustomError:
    """The error for rule ``rule``: its English wording is the message, the :class:`Text` rides in ``ctx``."""
    return PydanticCustomError(rule, "{text}", {"text": text})


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise refuse("schema-date", Text("problem.date_layout", found=shown(value)))
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise refuse("schema-date", Text("problem.date_not_in_calendar", found=shown(value))) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        # Nothing a State writes predates the Convention's negotiation or lies past this century; refusing
        # such years keeps every later stage (pages, projections, the calendar) away from the calendar's ends.
        raise refuse(
            "schema-date", Text("problem.date_year_range", found=shown(value), first=FIRST_YEAR, last=LAST_YEAR)
        )
    return day


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
]

_URL_LIKE_RE = re.compile(r"^\s*+(?:[a-zA-Z][a-zA-Z0-9+.\-]*+://|(?:javascript|data|vbscript|file)\s*+:)", re.I)


def _check_link(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    problem = link_problem(value)
    if problem is not None:
        raise refuse("link-scheme", Text("problem.link_refused", found=repr(value[:80]), why=problem))
    return value


def _check_source(value: Any) -> Any:
    """A source is a citation or a link; when it looks like a link it must be a safe one."""
    if isinstance(value, str) and _URL_LIKE_RE.match(value):
        return _check_link(value.strip())
    return value


Link = Annotated[
    str,
    BeforeValidator(_check_link),
    WithJsonSchema({"type": "string", "pattern": r"^(https://\S+|mailto:\S+)$"}),
]
Source = Annotated[
    str,
    BeforeValidator(_check_source),
    Field(
        min_length=3,
        max_length=500,
        description="A citation, or an https:// link to the document the figure comes from.",
    ),
]
Iso3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code, upper case.")]
NEED_ID_PATTERN = r"^[A-Z]{3}-N-[0-9]{3,}$"
NeedId = Annotated[str, Field(pattern=NEED_ID_PATTERN, description="<ISO3>-N-<3 or more digits>")]
OfferId = Annotated[str, Field(pattern=r"^[A-Z]{3}-O-[0-9]{3,}$", description="<ISO3>-O-<3 or more digits>")]
ChallengeId = Annotated[str, Field(pattern=r"^[A-Z]{3}-C-[0-9]{3,}$", description="<ISO3>-C-<3 or more digits>")]
# Characters that change the direction of the text around them or are invisible: in a title they
# can make `KHM-N-001 Land release` read as something else, or two titles look the same.
INVISIBLE_CHARS = frozenset(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)


def _visible(value: str) -> str:
    for index, char in enumerate(value):
        if char in INVISIBLE_CHARS:
            name = unicodedata.name(char, "format character")
            code = f"{ord(char):04X}"
            raise refuse("text-invisible-char", Text("problem.invisible_char", code=code, name=name, at=index + 1))
    return value


# Field first, then the check for invisible characters: the other way round, pydantic's JSON Schema
# loses the pattern, and editors would accept a title the validator refuses.
Title = Annotated[
    str,
    Field(
        min_length=3,
        max_length=160,
        pattern=r"^[^\x00-\x1f<>]+$",
        description="One line of plain text, without < or > (titles appear in page titles and links).",
    ),
    AfterValidator(_visible),
]
Markdown = Annotated[
    str, Field(min_length=1, max_length=20_000, description="Markdown text (raw HTML is shown as text).")
]
ShortText = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_visible)]

Area = Literal["clearance", "victim_assistance", "stockpile_destruction", "risk_education", "capacity", "other"]
Kind = Literal["financial", "equipment", "expertise", "experience"]
NeedStatus = Literal["open", "partially_met", "met", "withdrawn"]
OfferStatus = Literal["available", "committed", "closed"]
ChallengeCategory = Literal["financial", "technical", "political", "capacity", "other"]
ConsentStatus = Literal["given", "pending", "withdrawn"]


class Model(BaseModel):
    """Base for every part of the contract: strict types, and no field the contract does not name.

    An unknown key is an error (``schema-unknown-field``, with "did you mean"): a misspelt key
    would otherwise lose data silently. The JSON Schema says ``additionalProperties: false``
    too, so editors flag a typo as it is typed.
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Contact(Model):
    role: ShortText
    name: ShortText | None = None
    organisation: ShortText | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    github: Annotated[str, Field(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")] | None = Field(
        default=None, description="GitHub handle of a focal point who may change this file."
    )


class Amount(Model):
    value: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. USD, EUR.")]


class Period(Model):
    start: IsoDate | None = None
    end: IsoDate | None = None


SiteLanguage = Language  # the site's languages, defined once in build_hooks.i18n
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code, e.g. en, fr, es, pt.")]


class EntryTranslation(Model):
    """The State's own translation of an entry's texts into one of the site's languages."""

    title: Title | None = None
    description: Markdown | None = None
    summary: Markdown | None = None


class Entry(Model):
    """What needs, offers and challenges share: a permanent id, a title, the language of their texts."""

    id: str
    title: Title
    links: list[Link] = Field(default_factory=list)
    language: LanguageCode = Field(
        default="en", description="The language the title, description and summary are written in."
    )
    translations: dict[SiteLanguage, EntryTranslation] = Field(
        default_factory=dict,
        description="Optional translations by the State into en, fr or es. Where one is missing, "
        "the site shows the original text, marked with its language; it never machine-translates.",
    )


class Listing(Entry):
    """What needs and offers share: the kind of assistance, an optional amount and period."""

    area: Area
    kind: Kind
    description: Markdown | None = None
    amount: Amount | None = None
    period: Period | None = None
    posted: IsoDate | None = None
    updated: IsoDate | None = None


class Need(Listing):
    id: NeedId
    status: NeedStatus


def _parse_eligible(value: Any) -> Any:
    if value == "any":
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise refuse("schema-type", Text("problem.eligible_type", found=repr(value)[:80]))


# Each code is checked (with its own line) by the ref-unknown-state rule.
Eligible = Annotated[
    Any,
    PlainValidator(_parse_eligible),
    WithJsonSchema(
        {
            "description": "any, or a list of the ISO3 codes of the States Parties the offer is open to.",
            "oneOf": [{"const": "any"}, {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{3}$"}}],
        }
    ),
]


class Offer(Listing):
    id: OfferId
    status: OfferStatus
    eligible: Eligible
    responds_to: list[NeedId] = Field(default_factory=list)


class Consent(Model):
    status: ConsentStatus
    date: IsoDate | None = None
    by: ShortText | None = Field(default=None, description="Who gave consent, e.g. 'national authority'.")
    reference: ShortText | None = None

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"status": {"const": "given"}}},
            "then": {"required": ["date", "by"]},
        }
    )

    @model_validator(mode="after")
    def _given_is_complete(self) -> Consent:
        if self.status == "given":
            missing = [name for name in ("date", "by") if getattr(self, name) is None]
            if missing:
                raise refuse("consent-incomplete", Text("problem.consent_incomplete", missing=both(missing)))
        return self


class Challenge(Entry):
    id: ChallengeId
    category: ChallengeCategory
    summary: Markdown
    related_needs: list[NeedId] = Field(default_factory=list)
    consent: Consent


class StateHeader(Model):
    """Everything in a State file except its needs, offers and challenges.

    Membership, obligations, deadlines and reports are not here: they are facts the ISU
    records from official documents, in the official record (``record/*.csv``).
    """

    schema_version: Literal[2] = Field(description="Always 2 for this version of the contract.")
    state: Iso3
    last_reviewed: IsoDate | None = Field(default=None, description="When the State last confirmed the whole file.")
    contacts: list[Contact] = Field(default_factory=list)


class StateFile(StateHeader):
    """One State Party's file: ``states/<ISO3>.yml``."""

    model_config = ConfigDict(title="State Party file (Platform for Partnerships)")

    needs: list[Need] = Field(default_factory=list)
    offers: list[Offer] = Field(default_factory=list)
    challenges: list[Challenge] = Field(default_factory=list)


ENTRY_MODELS: dict[str, type[Entry]] = {"needs": Need, "offers": Offer, "challenges": Challenge}
