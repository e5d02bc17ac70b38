"""The one catalogue of interface strings, in the Convention's three languages.

Strings live in gettext catalogues, ``build_hooks/locales/<lang>.po`` (read
with Babel): the ``msgid`` is a stable key such as ``nav.needs``, the
``msgstr`` the text, so translators work with ordinary .po tools. English
(``en.po``) is the source. A test fails when a key is missing from a language,
left untranslated or fuzzy, unused, or when placeholders differ.

Also here: how dates and amounts read in each language (Babel), and State
names (the Convention's short names, ``data/state-names.csv``).
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Literal, get_args

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

Language = Literal["en", "fr", "es"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
# The Babel locale used for dates and numbers: UN English follows British usage (27 Nov 2026).
FORMAT_LOCALES = {"en": "en_GB", "fr": "fr", "es": "es"}


# Set by `pfp build --lang` for the builds it starts, so their messages follow the command line.
LANGUAGE_VARIABLE = "PFP_LANG"


def language_of_environment(environ: Mapping[str, str]) -> Language:
    """The reader's language as the shell says it (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, then
    ``LANGUAGE``, as gettext reads them): ``fr_SN.UTF-8`` is French; anything else is English.
    ``PFP_LANG`` (en, fr or es), when set, comes first."""
    chosen = environ.get(LANGUAGE_VARIABLE, "")
    if chosen in LANGUAGES:
        return chosen  # type: ignore[return-value]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name, "")
        if value:
            code = value.split(":")[0][:2].lower()
            return code if code in LANGUAGES else DEFAULT_LANGUAGE  # type: ignore[return-value]
    return DEFAULT_LANGUAGE


@cache
def messages(lang: str) -> dict[str, str]:
    """key -> text for one language (empty and fuzzy entries are left out)."""
    ref = resources.files("build_hooks").joinpath(f"locales/{lang}.po")
    if not ref.is_file():
        return {}
    with ref.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}  # type: ignore[misc]


def translator(lang: str = DEFAULT_LANGUAGE) -> Callable[..., str]:
    """``t(key, **values)``: the text in ``lang``, falling back to English for a missing key."""
    table = messages(lang)
    fallback = messages(DEFAULT_LANGUAGE)

    def t(key: str, /, **values: object) -> str:
        text = table.get(key) or fallback[key]
        return text.format(**values) if values else text

    return t


@cache
def _locale(lang: str) -> Locale:
    """Parsed once: Babel would otherwise parse the locale name on every date and number."""
    return Locale.parse(FORMAT_LOCALES.get(lang, lang))


@cache
def fmt_date_long(value: dt.date | None, lang: str) -> str:
    """27 November 2026 / 27 novembre 2026 / 27 de noviembre de 2026."""
    return format_date(value, format="long", locale=_locale(lang)) if value is not None else ""


@cache
def fmt_date_medium(value: dt.date | None, lang: str) -> str:
    """27 Nov 2026 / 27 nov. 2026 / 27 nov 2026."""
    return format_date(value, format="medium", locale=_locale(lang)) if value is not None else ""


def fmt_partial_date(year: int, month: int | None, day: int | None, lang: str) -> str:
    """2025 / Dec 2025 / 15 Dec 2025, as precise as the record is (déc. 2025, dic 2025 ...)."""
    if month is None:
        return str(year)
    if day is None:
        return format_date(dt.date(year, month, 1), format="MMM y", locale=_locale(lang))
    return fmt_date_medium(dt.date(year, month, day), lang)


def ordinal(number: int, lang: str) -> str:
    """22nd / 22e / 22.ª (feminine in French and Spanish: Assemblée, Reunión, Conférence, Conferencia)."""
    if lang == "fr":
        return "1re" if number == 1 else f"{number}e"
    if lang == "es":
        return f"{number}.ª"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def fmt_number(value: float, lang: str, *, money: bool = False) -> str:
    """2,500,000 / 2 500 000 / 2.500.000 (up to two decimals; money shows both or none)."""
    pattern = "#,##0.00" if money and not float(value).is_integer() else "#,##0.##"
    return format_decimal(value, locale=_locale(lang), format=pattern)


def sort_key(text: str) -> str:
    """Alphabetical order as readers expect it: accents and case ignored (Érythrée before Eswatini)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` in language ``in_lang``: fr in English is "French"."""
    return _locale(in_lang).languages.get(code, code)


@cache
def _state_names() -> dict[str, dict[str, str]]:
    ref = resources.files("build_hooks").joinpath("data/state-names.csv")
    if not ref.is_file():
        return {}
    text = ref.read_text(encoding="utf-8")
    return {row["iso3"]: {lang: row[lang] for lang in LANGUAGES} for row in csv.DictReader(text.splitlines())}


def state_name_in(iso3: str, lang: str) -> str | None:
    names = _state_names().get(iso3)
    return names.get(lang) if names else None
