"""The domain's words, defined once next to the model: every list comes from the model's ``Literal``s.

"Open need" (open or partially met), "available offer", the closed statuses, the status,
area, kind and category lists: the site, the exports, the review and the tests ask here
instead of typing them again.
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import cache
from typing import get_args

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


def label_group(choices: tuple[str, ...]) -> str | None:
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
    return words


def suggest_choice(found: object, choices: tuple[str, ...]) -> str | None:
    """The allowed word a contributor most likely meant by ``found``, or None.

    Understands the site's own labels in English, French and Spanish ("Ouvert", "satisfait",
    "Déminage", "abierto", "Financement"), capitals and accents, then near misses ("opne").
    """
    if not isinstance(found, str | int | float) or isinstance(found, bool) or len(str(found)) > 60:
        return None  # no label is that long: a pasted paragraph gets no guess (and costs nothing)
    words = _spellings(tuple(sorted(choices)))
    word = _fold(str(found))
    if word in words:
        return words[word]
    close = difflib.get_close_matches(word, list(words), n=1, cutoff=0.7)  # 0.6 took déminage for engagée
    return words[close[0]] if close else None
