"""When a State file counts as stale: one definition for the validator, the pages and ``pfp stale``."""

from __future__ import annotations

import datetime as dt

DEFAULT_MONTHS = 12


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the last day of the month when it is shorter)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no date {months} months before {day}")  # pragma: no cover


def is_review_stale(last_reviewed: dt.date | None, as_of: dt.date, months: int = DEFAULT_MONTHS) -> bool:
    """True when the file was never confirmed, or last confirmed before ``months`` months ago."""
    return last_reviewed is None or last_reviewed < months_before(as_of, months)
