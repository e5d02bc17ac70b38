"""Site-relative URLs of States and entries: one definition for pages, exports and feeds.

Paths are part of the public contract (README, "Site map"):
lower-case ids, a folder per item, challenges as anchors on the challenge map.
"""

from __future__ import annotations

_KIND_FOLDER = {"N": "needs", "O": "offers", "C": "challenges"}


def item_url(entry_id: str) -> str:
    """``needs/khm-n-001/``, ``offers/nor-o-001/`` or ``challenges/#khm-c-001``."""
    kind = _KIND_FOLDER[entry_id.split("-")[1]]
    if kind == "challenges":
        return f"challenges/#{entry_id.lower()}"
    return f"{kind}/{entry_id.lower()}/"


def state_url(iso3: str) -> str:
    """``states/khm/``."""
    return f"states/{iso3.lower()}/"
