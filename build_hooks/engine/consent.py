"""The consent rule, written once: when the text of a challenge may be published.

A challenge is published only when its consent is ``given``, says when and by whom,
the consent day is over everywhere, and the State is a party to the Convention on the
day of the build (decided from the record's dates, never from a status word). The
catalogue applies the rule to typed challenges; ``pfp review`` and the feed history
apply it to raw data through :func:`raw_consent`, so the three can never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from build_hooks.engine.record import StateRecord


def publication_day(consent_date: dt.date) -> dt.date:
    """The first build day (UTC) on which a consent dated ``consent_date`` lets its challenge appear.

    A consent date is a day in the State's own time zone, which can be up to 14 hours ahead of
    UTC or 12 hours behind it. A build dated D (UTC) could run before day D has begun in a
    State west of UTC, so a challenge is published from the day AFTER its consent date: by
    then the consent day has begun (and ended) everywhere on Earth.
    """
    return consent_date + dt.timedelta(days=1)


def consent_allows(status: str | None, date: dt.date | None, by: str | None, today: dt.date) -> bool:
    """What the consent block itself allows: given, by someone, and its publication day has come."""
    return status == "given" and date is not None and publication_day(date) <= today and bool(by)


def may_publish(status: str | None, date: dt.date | None, by: str | None, state: StateRecord, today: dt.date) -> bool:
    """The whole gate: the consent allows it and the State is a party on ``today``."""
    return consent_allows(status, date, by, today) and state.is_party(today)


def raw_consent(item: Any) -> tuple[str | None, dt.date | None, str | None]:
    """(status, date, by) of a challenge as written, tolerating any shape (never raises)."""
    block = item.get("consent") if isinstance(item, dict) else None
    if not isinstance(block, dict):
        return None, None, None
    status = block.get("status") if isinstance(block.get("status"), str) else None
    by = block.get("by") if isinstance(block.get("by"), str) else None
    raw_date = block.get("date")
    date: dt.date | None = None
    if isinstance(raw_date, dt.date):
        date = raw_date
    elif isinstance(raw_date, str):
        try:
            date = dt.date.fromisoformat(raw_date)
        except ValueError:
            date = None
    return status, date, by
