"""The domain's words, defined once next to the model: every list comes from the model's ``Literal``s.

"Open need" (open or partially met), "available offer", the closed statuses, the status,
area, kind and category lists: the site, the exports, the review and the tests ask here
instead of typing them again.
"""

from __future__ import annotations

from typing import get_args

from build_hooks.engine.model import Area, ChallengeCategory, ConsentStatus, Kind, NeedStatus, OfferStatus

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
