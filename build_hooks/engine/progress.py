"""The 2025 progress index, computed from the State files (never typed in).

Method (also shown on the /progress/ page, from :data:`METHOD`):

* **completed**: article 5 status is ``completed``.
* **deadline passed without extension**: the current deadline is before the
  build date and the obligation is not completed.
* **on track**: at least two dated contamination figures give a clearance
  rate (km² per year between the first and the latest figure) and the
  projected completion year is no later than the deadline's year.
* **at risk**: a rate exists but projects completion after the deadline, or
  the remaining area is not shrinking.
* **insufficient data**: no current deadline, or fewer than two figures.

Projected year = the year in which the remaining area would reach zero if
clearance went on at that rate from the date of the latest figure.
A status that rests on any figure marked ``verified: false`` is flagged.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from build_hooks.engine.catalog import Catalog
from build_hooks.engine.model import StateFile

STATUSES = ("completed", "on_track", "at_risk", "deadline_passed", "insufficient_data")
ARTICLE7_DUE = (4, 30)

METHOD = __doc__.split("Method (also shown on the /progress/ page, from :data:`METHOD`):", 1)[1].strip()


@dataclass(frozen=True)
class AreaPoint:
    as_of: dt.date
    remaining_km2: float
    verified: bool


@dataclass(frozen=True)
class Article5Progress:
    status: str
    original_deadline: dt.date | None
    deadline: dt.date | None
    extensions: int
    extension_deadlines: tuple[dt.date, ...]
    met_target: bool
    series: tuple[AreaPoint, ...]
    rate_km2_per_year: float | None
    projected_year: int | None
    unverified: bool


@dataclass(frozen=True)
class StateProgress:
    iso3: str
    name: str
    article5: Article5Progress | None
    article4_status: str | None
    article4_remaining: int | None
    article4_deadline: dt.date | None
    significant_survivors: bool | None
    article7_latest: int | None
    article7_missing: bool
    open_needs: int
    responded_needs: int
    offers_responding: int

    @property
    def share_matched(self) -> float | None:
        return None if self.open_needs == 0 else self.responded_needs / self.open_needs


@dataclass(frozen=True)
class ProgressIndex:
    target_year: int
    as_of: dt.date
    rows: tuple[StateProgress, ...]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            if row.article5 is not None:
                out[row.article5.status] += 1
        return out


def has_obligation(state: StateFile) -> bool:
    ob = state.obligations
    if ob is None:
        return False
    a4 = ob.article4 is not None and ob.article4.status != "none"
    a5 = ob.article5 is not None and ob.article5.status != "none"
    return a4 or a5


def compute_article5(state: StateFile, today: dt.date, target_year: int) -> Article5Progress | None:
    ob = state.obligations
    a5 = ob.article5 if ob is not None else None
    if a5 is None or a5.status == "none":
        return None
    series = tuple(
        AreaPoint(f.as_of, f.remaining_km2, f.verified and a5.verified)
        for f in sorted(a5.contamination, key=lambda f: f.as_of)
    )
    rate: float | None = None
    projected: int | None = None
    if len(series) >= 2:
        first, last = series[0], series[-1]
        years = (last.as_of - first.as_of).days / 365.25
        if years > 0:
            rate = (first.remaining_km2 - last.remaining_km2) / years
            if last.remaining_km2 == 0:
                projected = last.as_of.year
            elif rate > 0:
                years_left = last.remaining_km2 / rate
                projected = (last.as_of + dt.timedelta(days=math.ceil(years_left * 365.25))).year
    if a5.status == "completed":
        status = "completed"
    elif a5.deadline is None:
        status = "insufficient_data"
    elif a5.deadline < today:
        status = "deadline_passed"
    elif rate is None:
        status = "insufficient_data"
    elif projected is not None and projected <= a5.deadline.year:
        status = "on_track"
    else:
        status = "at_risk"
    met = a5.status == "completed" and (a5.completed_on is None or a5.completed_on.year <= target_year)
    extension_count = max(len(a5.extensions), a5.extensions_granted or 0)
    unverified = not a5.verified or any(not p.verified for p in series)
    return Article5Progress(
        status=status,
        original_deadline=a5.original_deadline,
        deadline=a5.deadline,
        extensions=extension_count,
        extension_deadlines=tuple(e.new_deadline for e in a5.extensions),
        met_target=met,
        series=series,
        rate_km2_per_year=None if rate is None else round(rate, 2),
        projected_year=projected,
        unverified=unverified,
    )


def article7_status(state: StateFile, today: dt.date) -> tuple[int | None, bool]:
    """Latest year covered, and whether last year's report is missing after 30 April."""
    reports = state.reporting.article7 if state.reporting is not None else []
    latest = max((r.covers for r in reports), default=None)
    due = dt.date(today.year, *ARTICLE7_DUE)
    missing = today > due and not any(r.covers == today.year - 1 for r in reports)
    return latest, missing


def compute_progress(catalog: Catalog, target_year: int) -> ProgressIndex:
    rows = []
    for iso3, state in catalog.states.items():
        if not has_obligation(state):
            continue
        ob = state.obligations
        a4 = ob.article4 if ob is not None else None
        va = ob.victim_assistance if ob is not None else None
        latest, missing = article7_status(state, catalog.today)
        open_needs = [n for n in catalog.needs_of(iso3) if n.status in {"open", "partially_met"}]
        responded = [n for n in open_needs if catalog.responding.get(n.id)]
        offers_responding = len({o for n in open_needs for o in catalog.responding.get(n.id, [])})
        rows.append(
            StateProgress(
                iso3=iso3,
                name=catalog.state_name(iso3),
                article5=compute_article5(state, catalog.today, target_year),
                article4_status=a4.status if a4 is not None else None,
                article4_remaining=a4.stockpile_remaining if a4 is not None else None,
                article4_deadline=a4.deadline if a4 is not None else None,
                significant_survivors=va.significant_survivors if va is not None else None,
                article7_latest=latest,
                article7_missing=missing,
                open_needs=len(open_needs),
                responded_needs=len(responded),
                offers_responding=offers_responding,
            )
        )
    return ProgressIndex(target_year=target_year, as_of=catalog.today, rows=tuple(rows))
