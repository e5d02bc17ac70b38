"""``pfp stale``: which States to remind, and the list for the ISU's annual letter.

A State needs a reminder when its file's ``last_reviewed`` date is missing or
older than ``extra.pfp.stale_months``, or when, after 30 April, the official record
(``record/article7.csv``) holds reports but none for last year from this State. While the
record holds no article 7 reports at all, receipt is not checked (not recorded is not
missing). States that are not parties on the day (from the record's dates) are left out.

The reminder list is a CSV in UTF-8 with a byte-order mark, so that Excel opens
names such as "Côte d'Ivoire" correctly: one row per State with its focal
points (e-mail addresses and GitHub handles), what is stale, and the link that
opens the State's file in GitHub's web editor.

The report, the reasons and the names are said in English, French or Spanish (``lang``):
each reason is a :class:`~build_hooks.diagnostics.Text`, equal to its English wording, so
the list is found once and said in the language asked. The CSV's column names stay English
in every language: they are a file format.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_hooks import reference
from build_hooks.diagnostics import Text
from build_hooks.engine.load import load_file
from build_hooks.engine.progress import ARTICLE7_DUE
from build_hooks.engine.record import Record, load_record
from build_hooks.engine.staleness import DEFAULT_MONTHS, is_review_stale, months_before
from build_hooks.engine.validate import state_files
from build_hooks.i18n import DEFAULT_LANGUAGE, fmt_date_long, translator
from build_hooks.spreadsheet import safe_cell
from build_hooks.workflow.review_words import day, say

CSV_COLUMNS = ("state", "name", "focal_points", "what_is_stale", "edit_url")
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


@dataclass
class StaleState:
    state: str
    name: str  # a StateName (said in each language) for a State the Platform names
    reasons: list[str] = field(default_factory=list)  # Text: said in the report's language
    focal_points: list[str] = field(default_factory=list)
    edit_url: str = ""


def article7_overdue_year(reports: list[int], as_of: dt.date) -> int | None:
    """The year whose article 7 report is missing after 30 April, or None (same rule as the progress index)."""
    due = dt.date(as_of.year, *ARTICLE7_DUE)
    year = as_of.year - 1
    return year if as_of > due and year not in reports else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def focal_points(data: dict[str, Any]) -> list[str]:
    """Each contact as ``role: email (@handle)`` (examples live in examples/, never in a State's file)."""
    contacts = data.get("contacts")
    out = []
    for c in contacts if isinstance(contacts, list) else []:
        if not isinstance(c, dict):
            continue
        email, handle = c.get("email"), c.get("github")
        reach = [str(email)] if isinstance(email, str) else []
        reach += [f"@{handle}"] if isinstance(handle, str) else []
        if reach:
            role = c.get("role") if isinstance(c.get("role"), str) else "contact"
            out.append(f"{role}: {' '.join(reach)}")
    return out


def check_state(
    data: dict[str, Any], code: str, as_of: dt.date, months: int, edit_base: str, record: Record | None = None
) -> StaleState | None:
    """What is stale in one State file's data, or None when nothing is (or the State is not a party)."""
    record = record if record is not None else Record()
    facts = record.get(code)
    if record.states and not facts.is_party(as_of):
        return None
    found = StaleState(state=code, name=_name(code))
    reviewed = _date(data.get("last_reviewed"))
    if reviewed is None:
        found.reasons.append(Text("stale.never_reviewed"))
    elif is_review_stale(reviewed, as_of, months):
        found.reasons.append(Text("stale.reviewed_long_ago", date=day(reviewed), months=months))
    tracked = any(state.article7 for state in record.states.values())
    year = article7_overdue_year([f.value[0] for f in facts.article7], as_of) if tracked else None
    if year is not None:
        due = day(dt.date(year + 1, *ARTICLE7_DUE))
        found.reasons.append(Text("stale.report_missing", year=year, due=due))
    if not found.reasons:
        return None
    found.focal_points = focal_points(data)
    found.edit_url = f"{edit_base}states/{code}.yml" if edit_base else ""
    return found


def find_stale(
    states_dir: Path, as_of: dt.date, months: int = DEFAULT_MONTHS, edit_base: str = "", record: Record | None = None
) -> list[StaleState]:
    """Every State in ``states_dir`` that needs a reminder, sorted by code (record: ``states_dir/../record``)."""
    if record is None:
        record, _ = load_record(states_dir.parent)
    out = []
    for file in state_files([states_dir]) if states_dir.is_dir() else []:
        doc, _ = load_file(file, f"states/{file.name}")
        code = file.stem.upper()
        if doc is None or not isinstance(doc.data, dict):
            out.append(
                StaleState(
                    state=code,
                    name=_name(code),
                    reasons=[Text("stale.unreadable")],
                    edit_url=f"{edit_base}states/{file.name}" if edit_base else "",
                )
            )
            continue
        found = check_state(doc.data, code, as_of, months, edit_base, record)
        if found is not None:
            out.append(found)
    return sorted(out, key=lambda s: s.state)


def write_csv(rows: list[StaleState], target: Path, lang: str = DEFAULT_LANGUAGE) -> None:
    """The reminder list: UTF-8 with a byte-order mark, one row per State, focal points joined by "; ".

    Names and reasons are said in ``lang``; the column names (:data:`CSV_COLUMNS`) never change.
    Every cell is spreadsheet-safe (:func:`build_hooks.spreadsheet.safe_cell`): a focal point's role is free text."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            reasons = "; ".join(say(reason, lang) for reason in row.reasons)
            cells = [row.state, say(row.name, lang), "; ".join(row.focal_points), reasons, row.edit_url]
            writer.writerow([safe_cell(cell) for cell in cells])


def _name(code: str) -> str:
    return reference.StateName(code) if reference.is_named_state(code) else code


def _says(row: StaleState, key: str) -> bool:
    return any(isinstance(reason, Text) and reason.key == key for reason in row.reasons)


def format_report(rows: list[StaleState], total: int, as_of: dt.date, months: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """The readable list printed by ``pfp stale``, in ``lang``."""
    t = translator(lang)
    due = dt.date(as_of.year, *ARTICLE7_DUE)
    year, when, due_on = as_of.year - 1, fmt_date_long(as_of, lang), fmt_date_long(due, lang)
    before = fmt_date_long(months_before(as_of, months), lang)
    lines = [
        t("stale.report_head", date=when, rows=len(rows), total=total),
        t("stale.report_rule", before=before, months=months, year=year, due=due_on),
    ]
    if as_of <= due:
        lines.append(t("stale.report_not_yet_due", year=year, due=due_on))
    for row in rows:
        lines += ["", f"{row.state}  {say(row.name, lang)}"]
        lines += [f"  - {say(reason, lang)}" for reason in row.reasons]
        contacts = "; ".join(row.focal_points) or t("stale.no_focal_point")
        lines.append("  " + t("stale.focal_points", contacts=contacts))
        if row.edit_url:
            lines.append("  " + t("stale.edit", url=row.edit_url))
    if rows:
        lines += [
            "",
            t(
                "stale.report_total",
                never=sum(_says(row, "stale.never_reviewed") for row in rows),
                old=sum(_says(row, "stale.reviewed_long_ago") for row in rows),
                months=months,
                report=sum(_says(row, "stale.report_missing") for row in rows),
                no_contact=sum(not row.focal_points for row in rows),
            ),
        ]
    return "\n".join(lines)
