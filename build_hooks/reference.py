"""Codes the contract uses: ISO 3166-1 countries, ISO 4217 currencies, and State names.

Which States are (or were) parties is not decided here: that is a fact of the official
record (``record/membership.csv``, see :mod:`build_hooks.engine.record`). This module only
names codes, for messages and pages.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from build_hooks.diagnostics import Text
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


class StateName(str):
    """A State's name that says itself in each language (Cambodia / Cambodge / Camboya) inside a message."""

    code: str

    def __new__(cls, code: str) -> StateName:
        self = super().__new__(cls, state_name(code))
        self.code = code
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (StateName, (self.code,))

    def in_language(self, lang: str) -> str:
        return state_name_in(self.code, lang) or _iso_name_in(self.code, lang) or str(self)


@cache
def _iso_name_in(code: str, lang: str) -> str | None:
    """The ISO 3166 name of a country that is not on the Platform's list, in ``lang`` (pycountry's
    translations: États-Unis, Estados Unidos)."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return None
    try:
        names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None
    return names.gettext(country.name)


def explain_unknown_state(code: str) -> str:
    """Why a code is not accepted as a State Party, in one clause (a :class:`Text`)."""
    if code in iso3_codes():
        return Text("problem.state_not_party", code=code, name=StateName(code))
    if code.upper() in iso3_codes():
        return Text("problem.state_not_capitals", code=code, upper=code.upper())
    return Text("problem.state_not_iso", code=code)
