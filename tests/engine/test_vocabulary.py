"""The domain's words: one list each, and "did you mean" in the words a focal point types."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import state_yaml, validate_texts

from build_hooks.engine.vocabulary import AREAS, CATEGORIES, KINDS, NEED_STATUSES, OFFER_STATUSES, suggest_choice


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
    for choices in (NEED_STATUSES, OFFER_STATUSES, AREAS, KINDS, CATEGORIES):
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
