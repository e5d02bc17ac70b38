"""The domain's words: one list each, and "did you mean" in the words a focal point types."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import state_yaml, validate_texts

from build_hooks.engine.vocabulary import (
    AREAS,
    CATEGORIES,
    CONSENT_STATUSES,
    KINDS,
    NEED_STATUSES,
    OFFER_STATUSES,
    suggest_choice,
    suggest_language,
)


@pytest.mark.parametrize(
    ("typed", "choices", "meant"),
    [
        ("Ouvert", NEED_STATUSES, "open"),  # the French label on the site
        ("satisfait", NEED_STATUSES, "met"),
        ("Partiellement satisfait", NEED_STATUSES, "partially_met"),
        ("abierto", NEED_STATUSES, "open"),  # near the Spanish label "Abierta"
        ("parcialmente cubierta", NEED_STATUSES, "partially_met"),
        ("Disponible", OFFER_STATUSES, "available"),
        ("financier", KINDS, "financial"),
        ("Financement", KINDS, "financial"),
        ("déminage", AREAS, "clearance"),
        ("DEMINAGE", AREAS, "clearance"),  # capitals, no accent
        ("victim assistance", AREAS, "victim_assistance"),
        ("opne", NEED_STATUSES, "open"),  # a typing slip
        ("Open", NEED_STATUSES, "open"),
        # words typed that are not the site's labels: the other gender, synonyms, the consent words
        ("Ouverte", NEED_STATUSES, "open"),
        ("cumplida", NEED_STATUSES, "met"),
        ("retirée", NEED_STATUSES, "withdrawn"),
        ("fermée", OFFER_STATUSES, "closed"),
        ("comprometido", OFFER_STATUSES, "committed"),
        ("desminado", AREAS, "clearance"),
        ("aide aux victimes", AREAS, "victim_assistance"),
        ("pericia", KINDS, "expertise"),  # not "experience"
        ("équipement", KINDS, "equipment"),
        ("financière", CATEGORIES, "financial"),
        ("política", CATEGORIES, "political"),
        ("donné", CONSENT_STATUSES, "given"),
        ("otorgado", CONSENT_STATUSES, "given"),
        ("en attente", CONSENT_STATUSES, "pending"),
        ("Pendiente", CONSENT_STATUSES, "pending"),
        ("retiré", CONSENT_STATUSES, "withdrawn"),
        ("revocado", CONSENT_STATUSES, "withdrawn"),
    ],
)
def test_suggests_the_word_meant(typed: str, choices: tuple[str, ...], meant: str) -> None:
    assert suggest_choice(typed, choices) == meant


@pytest.mark.parametrize(
    ("typed", "choices"),
    [
        ("déminage", OFFER_STATUSES),  # a word of another list is no status
        ("cerrada", NEED_STATUSES),  # "closed": met or withdrawn? not for the tool to guess
        ("xyz", CATEGORIES),
        (True, NEED_STATUSES),
        (None, KINDS),
    ],
)
def test_no_guess_when_nothing_is_close(typed: object, choices: tuple[str, ...]) -> None:
    assert suggest_choice(typed, choices) is None


def test_every_word_of_every_list_suggests_itself() -> None:
    for choices in (NEED_STATUSES, OFFER_STATUSES, AREAS, KINDS, CATEGORIES, CONSENT_STATUSES):
        for word in choices:
            assert suggest_choice(word.upper(), choices) == word


def test_the_validator_hint_names_the_word_for_a_french_label(tmp_path: Path) -> None:
    body = """\
    needs:
      - id: SEN-N-001
        title: Financement du déminage
        area: Déminage
        kind: Financement
        status: Ouvert
    """
    result = validate_texts(tmp_path, {"SEN": state_yaml("SEN", body)})
    hints = [p.hint.split("?")[0] for p in result.problems if p.rule == "schema-enum"]
    assert sorted(hints) == [
        "did you mean `clearance`",
        "did you mean `financial`",
        "did you mean `open`",
    ]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("français", "fr"), ("French", "fr"), ("francés", "fr"), ("FR", "fr"), ("Español", "es"), ("anglais", "en")],
)
def test_a_language_name_suggests_its_code(typed: str, meant: str) -> None:
    assert suggest_language(typed) == meant
    assert suggest_language(typed, ("en", "fr", "es")) == meant
    assert suggest_language("portugais", ("en", "fr", "es")) is None  # pt: not a language of the site
    assert suggest_language("klingon") is None and suggest_language("fr") is None


def test_the_validator_hint_names_the_language_code(tmp_path: Path) -> None:
    body = """\
    needs:
      - id: SEN-N-001
        title: Financement du déminage
        language: français
        area: clearance
        kind: financial
        status: open
        translations:
          anglais: {title: Clearance funding}
    """
    result = validate_texts(tmp_path, {"SEN": state_yaml("SEN", body)})
    hints = {p.rule: p.hint for p in result.problems}
    assert hints["schema-format"].startswith("did you mean `fr`?")
    assert hints["schema-enum"].startswith("did you mean `en`?")
