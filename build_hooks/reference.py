"""Bundled reference facts: which codes are States Parties, which currencies exist.

``data/states-parties.csv`` is the project's own copy of the public reference
list (166 States Parties as of 1 December 2025, with source notes). It is read
once per process; callers treat the result as immutable.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry


@dataclass(frozen=True)
class ReferenceState:
    iso3: str
    name: str
    party_since: str
    art5_deadline: str
    art5_extensions: str
    art5_remaining_km2: str
    art5_figure_year: str
    art4_outstanding: str
    va_significant_survivors: str
    source_notes: str


@cache
def load_reference() -> dict[str, ReferenceState]:
    """The bundled States Parties list, keyed by ISO3."""
    text = resources.files("build_hooks").joinpath("data/states-parties.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {row["iso3"]: ReferenceState(**row) for row in rows}


@cache
def iso3_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def is_state_party(code: str) -> bool:
    return code in load_reference()


def state_name(code: str) -> str:
    ref = load_reference().get(code)
    if ref is not None:
        return ref.name
    country = pycountry.countries.get(alpha_3=code)
    return country.name if country is not None else code


def explain_unknown_state(code: str) -> str:
    """Why a code is not accepted, in one clause."""
    if code in iso3_codes():
        return f"{code} ({state_name(code)}) is not a State Party to the Convention"
    return f"{code} is not an ISO 3166-1 alpha-3 country code"
