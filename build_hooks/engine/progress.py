"""The progress index, computed from the official record and the State files (never typed in).

Method (also shown on the /progress/ page, from :data:`METHOD`):

* **completed**: the record holds a completion date for the State's clearance obligation.
* **finding recorded**: a source records a formal finding (for example an extension request
  not approved); the page quotes it in its own words. Only a finding of non-compliance makes
  a State **non-compliant**.
* **last recorded deadline passed**: the latest deadline the record holds has passed and the
  record holds no later decision. This says what the record lacks, not what the State did.
* **on track**: at least two dated figures of the remaining area give a clearance rate, and
  the projected year is no later than the deadline's year.
* **at risk**: a rate exists but projects completion after the deadline, or the area is not shrinking.
* **insufficient data**: the record lacks what a status needs (a current deadline, or two dated
  figures of the remaining area); the page says which.

The current deadline is the latest deadline set by a recorded decision, else the original
deadline; the number of extensions is the number of recorded decisions, "at least N" where
the record says the chain is incomplete. Projected year = the year the remaining area would
reach zero at the rate between the first and the latest figure. Examples never count.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from build_hooks.engine.catalog import Catalog
from build_hooks.engine.record import NOT_RECORDED, Decision, Fact, Finding, StateRecord
from build_hooks.engine.vocabulary import OPEN_NEED

STATUSES = (
    "completed",
    "on_track",
    "at_risk",
    "finding",
    "non_compliant",
    "deadline_passed_unrecorded",
    "insufficient_data",
)
MISSING = ("deadline", "figures", "status_unresolved")  # what the record lacks, see Article5Progress.missing
ARTICLE7_DUE = (4, 30)

METHOD = __doc__.split("Method (also shown on the /progress/ page, from :data:`METHOD`):", 1)[1].strip()


@dataclass(frozen=True)
class Article5Progress:
    status: str
    missing: str  # what the record lacks for a fuller status: "" | deadline | figures | status_unresolved
    original_deadline: Fact
    deadline: Fact
    extensions: Fact
    decisions: tuple[Decision, ...]
    findings: tuple[Finding, ...]
    completed_on: Fact
    met_target: bool | None  # None: not recorded
    series: tuple[Fact, ...]  # contamination figures, oldest first
    rate_km2_per_year: float | None
    projected_year: int | None

    @property
    def unverified(self) -> bool:
        facts = [self.deadline, self.extensions, self.completed_on, *self.series]
        return any(f.known and not f.verified for f in facts)


@dataclass(frozen=True)
class StateProgress:
    iso3: str
    name: str
    article5: Article5Progress | None
    article4: Fact
    article4_deadline: Fact
    survivors: Fact
    article7_latest: Fact  # value: the latest year covered; not recorded when no report is
    article7_this_year: Fact  # value True when last year's report is recorded; never "missing"
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


def _rate(series: tuple[Fact, ...]) -> tuple[float | None, int | None]:
    """(km² cleared a year, projected year) from the first and the latest figure; never raises.

    A rate that is not a finite number (figures too large to subtract) gives no rate; a projection
    more than 500 years away, or past the calendar's end (year 9999), gives no projected year.
    """
    if len(series) < 2:
        return None, None
    (first_as_of, first_km2), (last_as_of, last_km2) = series[0].value, series[-1].value
    years = (last_as_of.latest() - first_as_of.latest()).days / 365.25
    if years <= 0:
        return None, None
    rate = (first_km2 - last_km2) / years
    if not math.isfinite(rate):
        return None, None
    if last_km2 == 0:
        return round(rate, 2), last_as_of.year
    if rate <= 0:
        return round(rate, 2), None
    years_left = last_km2 / rate
    if not years_left <= 500:  # also infinity (a rate that underflows towards 0) and NaN
        return round(rate, 2), None
    try:
        projected = last_as_of.latest() + dt.timedelta(days=math.ceil(years_left * 365.25))
    except OverflowError:
        return round(rate, 2), None
    return round(rate, 2), projected.year


def _met_target(record: StateRecord, target_year: int) -> bool | None:
    done = record.completed_on
    if done.known:
        return bool(done.value.year <= target_year)
    as_of = record.obligation.as_of
    if record.obligation.value == "outstanding" and as_of is not None and as_of.year > target_year:
        return False  # a source after the target year still records the obligation as outstanding
    return None


def _status(
    record: StateRecord, deadline: Fact, series: tuple[Fact, ...], today: dt.date
) -> tuple[str, str, tuple[float | None, int | None]]:
    """(status, what is missing, (rate, projected year))."""
    rate, projected = _rate(series)
    if record.obligation.value == "completed" or record.completed_on.known:
        return "completed", "", (rate, projected)
    if any(f.kind == "non_compliant" for f in record.findings):
        return "non_compliant", "", (rate, projected)
    if record.obligation.value == "unresolved":
        return "insufficient_data", "status_unresolved", (rate, projected)
    if not deadline.known:
        return "insufficient_data", "deadline", (rate, projected)
    if deadline.value < today:
        status = "finding" if record.findings else "deadline_passed_unrecorded"
        return status, "", (rate, projected)
    if rate is None:
        return "insufficient_data", "figures", (rate, projected)
    on_track = projected is not None and projected <= deadline.value.year
    return ("on_track" if on_track else "at_risk"), "", (rate, projected)


def compute_article5(record: StateRecord, today: dt.date, target_year: int) -> Article5Progress | None:
    if not record.has_article5:
        return None
    deadline = record.current_deadline()
    series = record.contamination
    status, missing, (rate, projected) = _status(record, deadline, series, today)
    return Article5Progress(
        status=status,
        missing=missing,
        original_deadline=record.original_deadline,
        deadline=deadline,
        extensions=record.extensions(),
        decisions=record.decisions,
        findings=record.findings,
        completed_on=record.completed_on,
        met_target=_met_target(record, target_year),
        series=series,
        rate_km2_per_year=rate,
        projected_year=projected,
    )


def article7_status(record: StateRecord, today: dt.date) -> tuple[Fact, Fact]:
    """The latest year a recorded report covers, and whether last year's report is recorded.

    Both are "not recorded" when the record holds no report: that is never shown as missing.
    """
    if not record.article7:
        return NOT_RECORDED, NOT_RECORDED
    newest = record.article7[0]
    latest = Fact("value", newest.value[0], source=newest.source, as_of=newest.as_of, verified=newest.verified)
    last_year = next((r for r in record.article7 if r.value[0] == today.year - 1), None)
    if last_year is not None:
        this_year = Fact("value", True, source=last_year.source, as_of=last_year.as_of, verified=last_year.verified)
    else:
        this_year = NOT_RECORDED
    return latest, this_year


def has_obligation(record: StateRecord) -> bool:
    return record.has_article5 or record.article4.known


def compute_progress(catalog: Catalog, target_year: int) -> ProgressIndex:
    rows = []
    for iso3 in catalog.parties():
        record = catalog.record.get(iso3)
        if not has_obligation(record):
            continue
        latest, this_year = article7_status(record, catalog.today)
        open_needs = [n for n in catalog.real(catalog.needs_of(iso3)) if n.status in OPEN_NEED]
        responding = {
            n.id: catalog.real(catalog.offers[o] for o in catalog.responding.get(n.id, [])) for n in open_needs
        }
        rows.append(
            StateProgress(
                iso3=iso3,
                name=catalog.state_name(iso3),
                article5=compute_article5(record, catalog.today, target_year),
                article4=record.article4,
                article4_deadline=record.article4_deadline,
                survivors=record.survivors,
                article7_latest=latest,
                article7_this_year=this_year,
                open_needs=len(open_needs),
                responded_needs=sum(1 for offers in responding.values() if offers),
                offers_responding=len({o.id for offers in responding.values() for o in offers}),
            )
        )
    return ProgressIndex(target_year=target_year, as_of=catalog.today, rows=tuple(rows))
