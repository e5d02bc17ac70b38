"""The domain's words, defined once next to the model: every list comes from the model's ``Literal``s.

"Open need" (open or partially met), "available offer", the closed statuses, the status,
area, kind, category and consent lists: the site, the exports, the review and the tests ask here
instead of typing them again. :func:`suggest_choice` is the validator's "did you mean": it
understands the site's own labels in the three languages and the other words a French- or
Spanish-speaking focal point types for each choice (``_TYPED_WORDS``).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import get_args

from babel import Locale

from build_hooks.engine.model import Area, ChallengeCategory, ConsentStatus, Kind, NeedStatus, OfferStatus
from build_hooks.i18n import LANGUAGES, translator

AREAS: tuple[str, ...] = get_args(Area)
KINDS: tuple[str, ...] = get_args(Kind)
NEED_STATUSES: tuple[str, ...] = get_args(NeedStatus)
OFFER_STATUSES: tuple[str, ...] = get_args(OfferStatus)
CATEGORIES: tuple[str, ...] = get_args(ChallengeCategory)
CONSENT_STATUSES: tuple[str, ...] = get_args(ConsentStatus)

OPEN_NEED = frozenset({"open", "partially_met"})  # what "open" means in counts, filters and matching
CLOSED_NEED = frozenset(NEED_STATUSES) - OPEN_NEED
AVAILABLE_OFFER = frozenset({"available"})
CLOSED_OFFER = frozenset({"closed"})

assert set(NEED_STATUSES) >= OPEN_NEED and set(OFFER_STATUSES) >= AVAILABLE_OFFER | CLOSED_OFFER


# The catalogue group whose labels name each list's words on the site ("need_status.open" is
# "Open" / "Ouvert" / "Abierta"): the words a focal point sees on the pages and may type.
_LABEL_GROUPS: dict[frozenset[str], str] = {
    frozenset(NEED_STATUSES): "need_status",
    frozenset(OFFER_STATUSES): "offer_status",
    frozenset(AREAS): "area",
    frozenset(KINDS): "kind",
    frozenset(CATEGORIES): "category",
}
# Words people type for a choice that are not the site's label: the other gender or number
# ("abierto" for "Abierta"), common synonyms ("fermée", "pericia"), and the consent words, which
# the site never shows as labels. Input only: nothing here is displayed. Keyed by list, since one
# word can mean different choices in different lists ("retiré" is a withdrawn need or consent).
_TYPED_WORDS: dict[frozenset[str], dict[str, tuple[str, ...]]] = {
    frozenset(NEED_STATUSES): {
        "open": ("ouverte", "abierto", "en cours", "pendiente"),
        "partially_met": ("partiellement satisfaite", "partiellement couvert", "parcialmente cubierto", "parcial"),
        "met": ("satisfaite", "couvert", "rempli", "cubierto", "satisfecha", "atendida", "cumplida"),
        "withdrawn": ("retirée", "annulé", "annulée", "retirado", "cancelada", "cancelado"),
    },
    frozenset(OFFER_STATUSES): {
        "available": ("ouverte", "disponibles", "abierta"),
        "committed": ("promise", "comprometido", "asignada"),
        "closed": ("fermée", "fermé", "close", "terminée", "cerrado", "terminada"),
    },
    frozenset(AREAS): {
        "clearance": ("dépollution", "déminage humanitaire", "desminado", "desminado humanitario", "limpieza"),
        "victim_assistance": ("aide aux victimes", "assistance aux victimes", "asistencia a víctimas"),
        "stockpile_destruction": ("destruction des stocks", "destrucción de arsenales"),
        "risk_education": (
            "sensibilisation aux risques",
            "éducation aux risques",
            "educación sobre el riesgo de minas",
        ),
        "capacity": ("capacités", "renforcement des capacités", "fortalecimiento de capacidades", "capacidades"),
        "other": ("autres", "otra", "otros"),
    },
    frozenset(KINDS): {
        "financial": ("financier", "financière", "fonds", "financiero", "fondos"),
        "equipment": ("équipement", "équipements", "equipos", "material"),
        "expertise": ("assistance technique", "pericia", "expertos", "asistencia técnica"),
        "experience": ("partage d'expérience", "intercambio de experiencias"),
    },
    frozenset(CATEGORIES): {
        "financial": ("financière", "financiera"),
        "technical": ("techniques", "técnica"),
        "political": ("politiques", "política"),
        "capacity": ("capacité", "capacidades"),
        "other": ("autres", "otra"),
    },
    frozenset(CONSENT_STATUSES): {
        "given": ("donné", "donnée", "accordé", "accordée", "oui", "otorgado", "dado", "concedido", "sí", "yes"),
        "pending": ("en attente", "en cours", "pendiente", "en espera"),
        "withdrawn": ("retiré", "retirée", "retirado", "retirada", "revocado"),
    },
}


def label_group(choices: Iterable[str]) -> str | None:
    """The catalogue group that names these words on the site (``need_status`` for the need
    statuses: ``need_status.open`` is "Open" / "Ouvert" / "Abierta"), or None when none does."""
    return _LABEL_GROUPS.get(frozenset(choices))


def _fold(text: str) -> str:
    """Lower case, no accents, spaces and hyphens as underscores: "Déminage" -> "deminage"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "_".join(plain.replace("-", " ").split())


@cache
def _spellings(choices: tuple[str, ...]) -> dict[str, str]:
    """Every folded way of writing each choice: the word itself and its label in each language."""
    group = label_group(choices)
    words: dict[str, str] = {_fold(choice): choice for choice in choices}
    if group is not None:
        for lang in LANGUAGES:
            t = translator(lang)
            for choice in choices:
                words.setdefault(_fold(t(f"{group}.{choice}")), choice)
    for choice, typed in _TYPED_WORDS.get(frozenset(choices), {}).items():
        for word in typed:
            words.setdefault(_fold(word), choice)
    return words


@cache
def _language_names() -> dict[str, str]:
    """Every folded name of each two-letter language code, in the site's three languages
    ("français", "French", "francés" -> fr), from Babel's language names."""
    names: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).languages.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(_fold(name), code)
    return names


def suggest_language(found: object, choices: tuple[str, ...] | None = None) -> str | None:
    """The ISO 639-1 code meant by a language's name or a code in capitals: ``français`` and
    ``FR`` are ``fr``; None when nothing matches (or the code is not one of ``choices``)."""
    if not isinstance(found, str) or len(found) > 60:
        return None
    word = _fold(found)
    code = word if len(word) == 2 and word.isalpha() else _language_names().get(word)
    if code is None or (choices is not None and code not in choices):
        return None
    return code if code != found else None


def suggest_choice(found: object, choices: tuple[str, ...]) -> str | None:
    """The allowed word a contributor most likely meant by ``found``, or None.

    Understands the site's own labels in English, French and Spanish ("Ouvert", "satisfait",
    "Déminage", "abierto", "Financement"), other words typed for a choice ("fermée", "otorgado"),
    capitals and accents, then near misses ("opne").
    """
    if not isinstance(found, str | int | float) or isinstance(found, bool) or len(str(found)) > 60:
        return None  # no label is that long: a pasted paragraph gets no guess (and costs nothing)
    words = _spellings(tuple(sorted(choices)))
    word = _fold(str(found))
    if word in words:
        return words[word]
    close = difflib.get_close_matches(word, list(words), n=1, cutoff=0.7)  # 0.6 took déminage for engagée
    return words[close[0]] if close else None
