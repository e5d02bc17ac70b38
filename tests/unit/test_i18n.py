"""Every interface string goes through the one catalogue: no key missing, none unused."""

from __future__ import annotations

import re
import typing
from pathlib import Path

from build_hooks import model
from build_hooks.i18n import MESSAGES, translator
from build_hooks.progress import STATUSES

ROOT = Path(__file__).resolve().parents[2]
_STATIC = re.compile(r"""\bt\(\s*["']([a-z0-9_]+\.[a-z0-9_]+)["']""")
_DYNAMIC = re.compile(r"""\bt\(\s*f["']([a-z0-9_]+)\.\{""")

DYNAMIC_FAMILIES = {
    "area": typing.get_args(model.Area),
    "kind": typing.get_args(model.Kind),
    "need_status": typing.get_args(model.NeedStatus),
    "offer_status": typing.get_args(model.OfferStatus),
    "category": typing.get_args(model.ChallengeCategory),
    "membership": typing.get_args(model.MembershipStatus),
    "obligation": typing.get_args(model.ObligationStatus),
    "progress": STATUSES,
}


def _sources() -> str:
    files = [*(ROOT / "overrides" / "pfp").glob("*.html"), *(ROOT / "build_hooks").glob("*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_every_static_key_exists() -> None:
    used = set(_STATIC.findall(_sources()))
    missing = used - set(MESSAGES["en"])
    assert not missing, f"keys used but not in the catalogue: {sorted(missing)}"


def test_every_dynamic_family_is_complete() -> None:
    families = set(_DYNAMIC.findall(_sources())) | {"status_prefix"}
    families.discard("status_prefix")  # filters() builds f"{status_prefix}.{s}" from need_status/offer_status
    assert families <= set(DYNAMIC_FAMILIES)
    for family, values in DYNAMIC_FAMILIES.items():
        for value in values:
            assert f"{family}.{value}" in MESSAGES["en"], f"missing {family}.{value}"


def test_no_key_is_unused() -> None:
    used = set(_STATIC.findall(_sources()))
    dynamic = {f"{family}.{value}" for family, values in DYNAMIC_FAMILIES.items() for value in values}
    unused = set(MESSAGES["en"]) - used - dynamic
    assert not unused, f"keys defined but never used: {sorted(unused)}"


def test_translator_formats_values() -> None:
    t = translator("en")
    assert t("text.article7_missing", year=2025) == "The report covering 2025 (due 30 April) is not recorded."
