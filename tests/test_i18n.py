"""Every interface string goes through the one catalogue, complete in the three languages."""

from __future__ import annotations

import datetime as dt
import re
import typing
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from build_hooks.engine import model, record
from build_hooks.engine.progress import METHOD, MISSING, STATUSES
from build_hooks.engine.record import load_record
from build_hooks.i18n import (
    LANGUAGES,
    fmt_date_long,
    fmt_date_medium,
    fmt_number,
    fmt_partial_date,
    language_name,
    messages,
    ordinal,
    state_name_in,
    translator,
)
from build_hooks.site.editor import label_keys
from build_hooks.site.facts import _TOKENS
from build_hooks.workflow.docpages import field_keys, rule_keys

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "build_hooks" / "locales"
_STATIC = re.compile(r"""\b(?:t|Text)\(\s*["']([a-z0-9_]+\.[a-z0-9_]+)["']""")
_DYNAMIC = re.compile(r"""\bt\(\s*f["']([a-z0-9_]+)\.\{""")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

DYNAMIC_FAMILIES = {
    "area": typing.get_args(model.Area),
    "kind": typing.get_args(model.Kind),
    "need_status": typing.get_args(model.NeedStatus),
    "offer_status": typing.get_args(model.OfferStatus),
    "category": typing.get_args(model.ChallengeCategory),
    "membership": record.MEMBERSHIP_STATUSES,
    "obligation": record.OBLIGATIONS,
    "article4": record.ARTICLE4,
    "decision": record.DECISIONS,
    "topic": record.TOPICS,
    "progress": (*STATUSES, *(f"missing_{m}" for m in MISSING)),
    "fact": tuple(f"qualifier_{q}" for q in record.QUALIFIERS),
    "table": tuple(record.TABLES),
    "abbr": (*(key.split(".")[1] for key in _TOKENS.values()), "msp", "rc", "lm", "lm_year"),
    # Built from rule ids (rule.yaml_syntax_meaning, rule.yaml_syntax_fix) and from the model (field.entry_language).
    "rule": rule_keys(),
    "field": field_keys(),
    # the form editor's label and hint of every field, derived from the model
    "editor": label_keys(),
}


def _sources() -> str:
    files = [*(ROOT / "overrides" / "pfp").glob("*.html"), *(ROOT / "build_hooks").rglob("*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALES / f"{lang}.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_every_static_key_exists() -> None:
    used = set(_STATIC.findall(_sources()))
    missing = used - set(messages("en"))
    assert not missing, f"keys used but not in en.po: {sorted(missing)}"


def test_every_dynamic_family_is_complete() -> None:
    families = set(_DYNAMIC.findall(_sources())) - {"status_prefix"}  # filters() builds need/offer_status keys
    assert families <= set(DYNAMIC_FAMILIES)
    for family, values in DYNAMIC_FAMILIES.items():
        for value in values:
            assert f"{family}.{value}" in messages("en"), f"missing {family}.{value}"


def test_no_key_is_unused() -> None:
    used = set(_STATIC.findall(_sources()))
    dynamic = {f"{family}.{value}" for family, values in DYNAMIC_FAMILIES.items() for value in values}
    unused = set(messages("en")) - used - dynamic
    assert not unused, f"keys defined but never used: {sorted(unused)}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_translations_are_complete_and_keep_placeholders(lang: str) -> None:
    source = {m.id: m.string for m in _catalog("en") if m.id}
    catalog = _catalog(lang)
    target = {m.id: m for m in catalog if m.id}
    assert set(target) == set(source), (
        f"{lang}.po: missing {sorted(set(source) - set(target))}, extra {sorted(set(target) - set(source))}"
    )
    for key, message in target.items():
        assert message.string and not message.fuzzy, f"{lang}.po: {key} is empty or fuzzy"
        assert sorted(_PLACEHOLDER.findall(message.string)) == sorted(_PLACEHOLDER.findall(source[key])), (
            f"{lang}.po: {key} placeholders differ"
        )
        assert message.string != source[key] or len(source[key].split()) < 3, f"{lang}.po: {key} looks untranslated"


def test_the_progress_method_is_the_documented_one() -> None:
    assert messages("en")["progress.method"] == METHOD


def test_translator_formats_values_and_falls_back_to_english() -> None:
    t = translator("en")
    assert t("label.report_covers", year=2025) == "Report covering 2025"
    assert t("fact.at_least", value="3") == "at least 3"
    assert translator("xx")("nav.needs") == "Needs"


def test_dates_and_numbers_follow_the_language() -> None:
    day = dt.date(2026, 11, 27)
    assert fmt_date_long(day, "fr") == "27 novembre 2026"
    assert fmt_date_long(day, "es") == "27 de noviembre de 2026"
    assert fmt_date_medium(day, "en") == "27 Nov 2026"
    assert fmt_number(2500000, "fr") == "2\u202f500\u202f000"
    assert fmt_number(2500000, "es") == "2.500.000"
    assert fmt_number(12.5, "en") == "12.5"
    assert language_name("en", "fr") == "anglais"
    assert fmt_partial_date(2013, None, None, "fr") == "2013"
    assert fmt_partial_date(2025, 12, None, "en") == "Dec 2025"
    assert fmt_partial_date(2025, 12, 15, "es") == fmt_date_medium(dt.date(2025, 12, 15), "es")
    assert [ordinal(n, "en") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]
    assert (ordinal(22, "fr"), ordinal(1, "fr"), ordinal(5, "es")) == ("22e", "1re", "5.ª")


def test_every_state_party_has_a_name_in_each_language() -> None:
    record, _ = load_record(ROOT)
    assert record.states
    for code in record.states:
        assert state_name_in(code, "en"), f"{code} has no English name"
        for lang in ("fr", "es"):
            name = state_name_in(code, lang)
            assert name, f"{code} has no {lang} name"
            assert ", " not in name or "(" in name, f"{code} {lang} name {name!r} is in inverted ISO form"
    assert state_name_in("KHM", "fr") == "Cambodge"
    assert state_name_in("KHM", "es") == "Camboya"
