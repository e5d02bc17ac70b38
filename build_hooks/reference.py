"""Codes the contract uses: ISO 3166-1 countries, ISO 4217 currencies, and State names.

Which States are (or were) parties is not decided here: that is a fact of the official
record (``record/membership.csv``, see :mod:`build_hooks.engine.record`). This module only
names codes, for messages and pages.
"""

from __future__ import annotations

from functools import cache

import pycountry

from build_hooks.i18n import state_name_in


@cache
def iso3_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def is_named_state(code: str) -> bool:
    """Whether the Platform's name list (the Convention's short names) has this code."""
    return state_name_in(code, "en") is not None


def state_name(code: str) -> str:
    """The Convention's English short name, else the ISO name, else the code itself."""
    name = state_name_in(code, "en")
    if name is not None:
        return name
    country = pycountry.countries.get(alpha_3=code)
    return country.name if country is not None else code


def explain_unknown_state(code: str) -> str:
    """Why a code is not accepted as a State Party, in one clause."""
    if code in iso3_codes():
        return f"{code} ({state_name(code)}) is not a State Party in the official record (record/membership.csv)"
    if code.upper() in iso3_codes():
        return f"{code} is not written in capitals: write {code.upper()}"
    return f"{code} is not an ISO 3166-1 alpha-3 country code"
