"""Facts of the official record as readers see them: value, "none" or "not recorded", with their own source.

Every figure on a page is a :class:`~build_hooks.site.context.FactView`: the value as
read in the page's language (or the words for "none" and "not recorded", never 0 or
"missing"), its own source and as-of date, and whether it is verified. The badge that
says "unverified" sits on the figure itself and every page explains it in visible text.

Sources are quoted as the record gives them; the abbreviations they use (22MSP, 4RC,
MAR, LM2021 ...) are expanded once per page by :func:`glossary`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from build_hooks.engine.record import Fact
from build_hooks.engine.tables import PartialDate
from build_hooks.i18n import fmt_date_medium, fmt_number, fmt_partial_date, language_name, ordinal
from build_hooks.site import context as ctx

# token in a source -> (key of its meaning, the number the meaning needs, if any)
_MEETING_RE = re.compile(r"\b([0-9]{1,2})(MSP|RC)\b")
_TOKENS = {
    "MAR": "abbr.mar",
    "CtM": "abbr.ctm",
    "ISU": "abbr.isu",
    "APMBC": "abbr.apmbc",
    "ICBL": "abbr.icbl",
    "HRW": "abbr.hrw",
    "EIF": "abbr.eif",
    "VCLT": "abbr.vclt",
    "MOFA": "abbr.mofa",
    "CMAA": "abbr.cmaa",
}
RECORD_LANGUAGE = "en"  # the language the ISU keeps the record in (sources, notes, findings)
_LM_RE = re.compile(r"\bLM([0-9]{4})?\b")
_WORD_RE = re.compile(r"\b(" + "|".join(_TOKENS) + r")\b")


class FactFormatter:
    """Formats facts for one language."""

    def __init__(self, lang: str, t: Callable[..., str]) -> None:
        self.lang = lang
        self.t = t

    def partial(self, value: PartialDate | None) -> str:
        return fmt_partial_date(value.year, value.month, value.day, self.lang) if value is not None else ""

    def _value(self, value: Any, kind: str) -> tuple[str, str]:
        """(text, machine value) of a known value."""
        if kind == "date":
            return fmt_date_medium(value, self.lang), value.isoformat()
        if kind == "partial":
            return self.partial(value), str(value)
        if kind == "year":
            return str(value), str(value)
        if kind == "count":
            return fmt_number(value, self.lang), str(value)
        if kind == "km2":
            as_of, km2 = value
            return f"{fmt_number(km2, self.lang)} km²", str(km2)
        if kind == "yesno":
            return (self.t("label.yes") if value else self.t("label.no")), "true" if value else "false"
        if kind.startswith("word:"):
            return self.t(f"{kind[5:]}.{value}"), str(value)
        return str(value), str(value)

    def view(self, fact: Fact, kind: str = "text") -> ctx.FactView:
        """``kind``: date | partial | year | count | km2 | yesno | word:<key family> | text."""
        if fact.state == "not_recorded":
            text, iso = self.t("fact.not_recorded"), ""
        elif fact.state == "none":
            text, iso = self.t("fact.none"), "0" if kind == "count" else ""
        else:
            text, iso = self._value(fact.value, kind)
            if fact.at_least:
                text = self.t("fact.at_least", value=text)
            if fact.qualifier in ("estimate", "at_least") and kind == "km2":
                text = self.t(f"fact.qualifier_{fact.qualifier}", value=text)
        as_of = self.partial(fact.as_of)
        if kind == "km2" and fact.known:
            as_of = self.partial(fact.value[0])  # a figure is as of the year it describes
        return {
            "state": fact.state,
            "text": text,
            "iso": iso,
            "source": fact.source,
            "as_of": as_of,
            "unverified": fact.state != "not_recorded" and bool(fact.source) and not fact.verified,
            "note": fact.note,
            # The record is kept in English: its words are marked on the French and Spanish pages.
            "lang": "" if self.lang == RECORD_LANGUAGE else RECORD_LANGUAGE,
            "text_lang": RECORD_LANGUAGE if kind == "text" and fact.known and self.lang != RECORD_LANGUAGE else "",
            "lang_note": ""
            if self.lang == RECORD_LANGUAGE
            else self.t("label.in_language", language=language_name(RECORD_LANGUAGE, self.lang)),
        }


def _meeting(number: int, kind: str, t: Callable[..., str], lang: str) -> str:
    key = "abbr.msp" if kind == "MSP" else "abbr.rc"
    return t(key, n=ordinal(number, lang))


def glossary(texts: Iterable[str], t: Callable[..., str], lang: str) -> list[ctx.Abbreviation]:
    """The abbreviations used in ``texts``, each with its meaning, in order of first use."""
    seen: dict[str, str] = {}
    for text in texts:
        for match in _MEETING_RE.finditer(text):
            token = match.group(0)
            seen.setdefault(token, _meeting(int(match.group(1)), match.group(2), t, lang))
        for match in _LM_RE.finditer(text):
            token = match.group(0)
            year = match.group(1)
            seen.setdefault(token, t("abbr.lm_year", year=year) if year else t("abbr.lm"))
        for match in _WORD_RE.finditer(text):
            seen.setdefault(match.group(1), t(_TOKENS[match.group(1)]))
    return [{"abbr": abbr, "meaning": meaning} for abbr, meaning in seen.items()]


def sources_of(views: Iterable[Any]) -> list[str]:
    """Every source text in a nested view model (for the page's glossary)."""
    out: list[str] = []
    stack = [views]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("source"), str) and "unverified" in item:
                out.append(item["source"])
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return out


def today_label(day: dt.date, lang: str) -> str:
    return fmt_date_medium(day, lang)
