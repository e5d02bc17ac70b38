"""The official record: facts the ISU records from official documents, kept apart from the States' files.

``record/`` holds one CSV table per kind of fact (membership, article 5 obligations and
the decisions that extended them, findings, contamination, article 4, victim assistance,
article 7 reports, notes), one row per fact, each with ``source``, ``as_of`` and
``verified``. Derived values are derived here, never typed: the current deadline is the
latest deadline a decision set (else the original deadline), the number of extensions is
the number of decisions ("at least N" when the chain is incomplete), and whether a State
is a party on a given day follows from the membership dates alone.

Every value reaches the site as a :class:`Fact` in one of three states: a value, "none"
(known to be none) or "not recorded". Nothing here turns "not recorded" into 0.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from build_hooks.diagnostics import Problem, Text, sort_problems
from build_hooks.engine.tables import (
    Column,
    PartialDate,
    Row,
    iso3,
    one_of,
    parse_count,
    parse_date,
    parse_number,
    parse_partial_date,
    parse_table,
    parse_year,
    parse_yes_no,
    read_table,
    text_up_to,
)

RECORD_DIR = "record"
FactState = Literal["value", "none", "not_recorded"]
MEMBERSHIP_EVENTS = ("entry_into_force", "withdrawal_notified", "withdrawal_effective")
OBLIGATIONS = ("outstanding", "completed", "none", "unresolved")
DECISIONS = ("extension", "interim_extension")
FINDINGS = ("request_not_approved", "non_compliant", "other")
QUALIFIERS = ("at_least", "estimate")
ARTICLE4 = ("outstanding", "completed", "unknown")
# What a State is on a given day, worked out from the membership dates (never typed in).
MEMBERSHIP_STATUSES = ("party", "withdrawal_notified", "withdrawn", "not_party")
TOPICS = ("article4", "article5", "article7", "membership", "victim_assistance", "general")


def _one_of(*choices: str) -> Text:
    return Text("problem.col_one_of", choices=", ".join(choices))


_SOURCE = Column("source", text_up_to(600), True, Text("problem.col_source"))
_AS_OF = Column("as_of", parse_partial_date, False, Text("problem.col_as_of"))
_VERIFIED = Column("verified", parse_yes_no, True, Text("problem.col_verified"))
_NOTE = Column("note", text_up_to(600))
_ISO3 = Column("iso3", iso3, True, Text("problem.col_iso3"))
_COMMON = (_SOURCE, _AS_OF, _VERIFIED, _NOTE)

TABLES: dict[str, tuple[Column, ...]] = {
    "membership": (
        _ISO3,
        Column("event", one_of(*MEMBERSHIP_EVENTS), True, _one_of(*MEMBERSHIP_EVENTS)),
        Column("date", parse_date, True, Text("problem.col_event_date")),
        *_COMMON,
    ),
    "article5": (
        _ISO3,
        Column("obligation", one_of(*OBLIGATIONS), True, _one_of(*OBLIGATIONS)),
        Column("original_deadline", parse_date, False, Text("problem.col_original_deadline")),
        Column("chain_complete", parse_yes_no, False, Text("problem.col_chain_complete")),
        Column("completed_on", parse_partial_date, False, Text("problem.col_partial_date")),
        *_COMMON,
    ),
    "article5_decisions": (
        _ISO3,
        Column("seq", parse_count, True, Text("problem.col_seq")),
        Column("decision", one_of(*DECISIONS), True, _one_of(*DECISIONS)),
        Column("meeting", text_up_to(40), False, Text("problem.col_meeting")),
        Column("decided_on", parse_partial_date, False, Text("problem.col_decided_on")),
        Column("deadline", parse_date, False, Text("problem.col_new_deadline")),
        *_COMMON,
    ),
    "findings": (
        _ISO3,
        Column("kind", one_of(*FINDINGS), True, _one_of(*FINDINGS)),
        Column("meeting", text_up_to(40)),
        Column("date", parse_partial_date, False, Text("problem.col_partial_date")),
        Column("finding", text_up_to(400), True, Text("problem.col_finding")),
        *_COMMON,
    ),
    "contamination": (
        _ISO3,
        Column("as_of", parse_partial_date, True, Text("problem.col_figure_as_of")),
        Column("remaining_km2", parse_number, True, Text("problem.col_remaining_km2")),
        Column("qualifier", one_of(*QUALIFIERS), False, Text("problem.col_qualifier")),
        _SOURCE,
        _VERIFIED,
        _NOTE,
    ),
    "article4": (
        _ISO3,
        Column("status", one_of(*ARTICLE4), True, _one_of(*ARTICLE4)),
        Column("deadline", parse_date, False, Text("problem.col_date")),
        *_COMMON,
    ),
    "victim_assistance": (
        _ISO3,
        Column("significant_survivors", parse_yes_no, True, Text("problem.cell_yes_no")),
        *_COMMON,
    ),
    "article7": (
        _ISO3,
        Column("covers", parse_year, True, Text("problem.col_covers")),
        Column("received", parse_date, False, Text("problem.col_received")),
        *_COMMON,
    ),
    "notes": (
        _ISO3,
        Column("topic", one_of(*TOPICS), True, _one_of(*TOPICS)),
        Column("note", text_up_to(600), True, Text("problem.col_note")),
        _SOURCE,
        _AS_OF,
        _VERIFIED,
    ),
}
# The key that makes a row unique in each table.
KEYS: dict[str, tuple[str, ...]] = {
    "membership": ("iso3", "event"),
    "article5": ("iso3",),
    "article5_decisions": ("iso3", "seq"),
    "findings": ("iso3", "kind", "date"),
    "contamination": ("iso3", "as_of"),
    "article4": ("iso3",),
    "victim_assistance": ("iso3",),
    "article7": ("iso3", "covers"),
    "notes": ("iso3", "topic", "note"),
}


@dataclass(frozen=True)
class Fact:
    """One value as the site shows it: its state, and the source and as-of date of the row it comes from."""

    state: FactState
    value: Any = None
    source: str = ""
    as_of: PartialDate | None = None
    verified: bool = False
    at_least: bool = False  # a lower bound ("at least N")
    qualifier: str = ""  # estimate | at_least (for figures) | "" ; derived ("derived from ...") is in note
    note: str = ""

    @property
    def known(self) -> bool:
        return self.state == "value"


NOT_RECORDED = Fact("not_recorded")


def fact(row: Row, value: Any, **extra: Any) -> Fact:
    """A value together with the source, as-of date and verification of the row it comes from."""
    cells = row.cells
    as_of = cells["as_of"].value if "as_of" in cells else None
    return Fact(
        "value",
        value,
        source=row["source"] or "",
        as_of=as_of,
        verified=bool(row["verified"]),
        note=(row["note"] or "") if "note" in cells else "",
        **extra,
    )


@dataclass(frozen=True)
class Decision:
    seq: int
    kind: str
    meeting: str
    decided_on: PartialDate | None
    deadline: Fact  # the new deadline, or not recorded


@dataclass(frozen=True)
class Finding:
    kind: str
    meeting: str
    date: PartialDate | None
    text: Fact


@dataclass
class StateRecord:
    """Everything the record holds about one State, as facts."""

    iso3: str
    entry_into_force: Fact = NOT_RECORDED
    withdrawal_notified: Fact = NOT_RECORDED
    withdrawal_effective: Fact = NOT_RECORDED
    obligation: Fact = NOT_RECORDED  # article 5: outstanding | completed | none | unresolved
    original_deadline: Fact = NOT_RECORDED
    chain_complete: bool = False
    completed_on: Fact = NOT_RECORDED
    decisions: tuple[Decision, ...] = ()
    findings: tuple[Finding, ...] = ()
    contamination: tuple[Fact, ...] = ()  # value: (PartialDate, km²), oldest first
    article4: Fact = NOT_RECORDED
    article4_deadline: Fact = NOT_RECORDED
    survivors: Fact = NOT_RECORDED
    article7: tuple[Fact, ...] = ()  # value: (covers, received date or None), newest first
    notes: tuple[Fact, ...] = ()  # value: (topic, text)

    def is_party(self, day: dt.date) -> bool:
        """A party on ``day``: the Convention entered into force for it, and no withdrawal has taken effect.

        The one definition of party status; it reads the dates only, never a status word.
        """
        entered = self.entry_into_force.value
        left = self.withdrawal_effective.value
        return entered is not None and entered <= day and (left is None or day < left)

    def withdrawal_pending(self, day: dt.date) -> bool:
        notified, left = self.withdrawal_notified.value, self.withdrawal_effective.value
        return self.is_party(day) and notified is not None and notified <= day and (left is None or day < left)

    @property
    def has_article5(self) -> bool:
        return self.obligation.known and self.obligation.value in ("outstanding", "completed", "unresolved")

    def current_deadline(self) -> Fact:
        """The latest deadline a recorded decision set, else the original deadline, else not recorded.

        When decisions are recorded but none states its deadline, the current deadline is not
        recorded: falling back to the original deadline would pass off an old date as current.
        """
        dated = [d.deadline for d in self.decisions if d.deadline.known]
        if dated:
            return max(dated, key=lambda f: f.value)
        if self.decisions:
            return Fact("not_recorded", source=self.obligation.source, as_of=self.obligation.as_of)
        return self.original_deadline

    def extensions(self) -> Fact:
        """How many extensions were granted: the decisions recorded, a lower bound unless the chain is complete."""
        if not self.has_article5:
            return NOT_RECORDED
        count = len(self.decisions)
        row = self.obligation
        if count == 0 and not self.chain_complete:
            return Fact("not_recorded", source=row.source, as_of=row.as_of)
        if count == 0:
            return Fact("none", 0, source=row.source, as_of=row.as_of, verified=row.verified)
        newest = max(self.decisions, key=lambda d: (d.seq, str(d.decided_on or ""))).deadline
        return Fact(
            "value",
            count,
            source=newest.source or row.source,
            as_of=newest.as_of or row.as_of,
            verified=self.chain_complete and all(d.deadline.verified for d in self.decisions),
            at_least=not self.chain_complete,
        )


@dataclass
class Record:
    states: dict[str, StateRecord] = field(default_factory=dict)

    def get(self, iso3: str) -> StateRecord:
        return self.states.get(iso3) or StateRecord(iso3)

    def known(self, code: str) -> bool:
        """Whether ``code`` was ever a State Party (has an entry into force in the record)."""
        return code in self.states and self.states[code].entry_into_force.known

    def parties(self, day: dt.date) -> list[str]:
        return sorted(code for code, state in self.states.items() if state.is_party(day))

    def coverage(self) -> list[tuple[str, list[Fact]]]:
        """Every fact of the record by table (the facts a row gives, once per row)."""
        out: dict[str, list[Fact]] = {name: [] for name in TABLES}
        for s in self.states.values():
            out["membership"] += [
                f for f in (s.entry_into_force, s.withdrawal_notified, s.withdrawal_effective) if f.known
            ]
            out["article5"] += [s.obligation] if s.obligation.known else []
            out["article5_decisions"] += [d.deadline for d in s.decisions]
            out["findings"] += [f.text for f in s.findings]
            out["contamination"] += list(s.contamination)
            out["article4"] += [s.article4] if s.article4.known else []
            out["victim_assistance"] += [s.survivors] if s.survivors.known else []
            out["article7"] += list(s.article7)
            out["notes"] += list(s.notes)
        return list(out.items())


def _duplicates(name: str, rows: list[Row]) -> list[Problem]:
    seen: dict[tuple[Any, ...], int] = {}
    out = []
    for row in rows:
        key = tuple(str(row[k]) for k in KEYS[name])
        if key in seen:
            what = ", ".join(f"{k} {v}" for k, v in zip(KEYS[name], key, strict=True))
            hint = Text("problem.row_twice_hint", line=seen[key])
            message = Text("problem.row_twice", what=what)
            out.append(Problem(row.path, row.line, 1, "error", "record-duplicate", message, hint))
        else:
            seen[key] = row.line
    return out


def _build(tables: dict[str, list[Row]]) -> tuple[Record, list[Problem]]:
    record = Record()
    problems: list[Problem] = []
    for row in tables["membership"]:
        state = record.states.setdefault(row["iso3"], StateRecord(row["iso3"]))
        setattr(state, row["event"], fact(row, row["date"]))
    for name, rows in tables.items():
        problems += _duplicates(name, rows)
        if name == "membership":
            continue
        for row in rows:
            if not record.known(row["iso3"]):
                line, col = row.at("iso3")
                message = Text("problem.row_unknown_state", code=row["iso3"], path=f"{RECORD_DIR}/membership.csv")
                hint = Text("problem.row_unknown_state_hint")
                problems.append(Problem(row.path, line, col, "error", "record-unknown-state", message, hint))
    grouped: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for name, rows in tables.items():
        for row in rows:
            if record.known(row["iso3"]):
                grouped[row["iso3"]][name].append(row)
    for code, by_table in grouped.items():
        _fill(record.states[code], by_table)
    for state in record.states.values():
        problems += _check_membership(state, tables["membership"])
    return record, problems


def _fill(state: StateRecord, by_table: dict[str, list[Row]]) -> None:
    for row in by_table.get("article5", [])[:1]:
        state.obligation = fact(row, row["obligation"])
        state.chain_complete = bool(row["chain_complete"])
        if row["original_deadline"] is not None:
            state.original_deadline = fact(row, row["original_deadline"])
        if row["completed_on"] is not None:
            state.completed_on = fact(row, row["completed_on"])
    state.decisions = tuple(
        Decision(
            r["seq"],
            r["decision"],
            r["meeting"] or "",
            r["decided_on"],
            fact(r, r["deadline"]) if r["deadline"] is not None else _unrecorded(r),
        )
        for r in sorted(by_table.get("article5_decisions", []), key=lambda r: r["seq"])
    )
    state.findings = tuple(
        Finding(r["kind"], r["meeting"] or "", r["date"], fact(r, r["finding"])) for r in by_table.get("findings", [])
    )
    state.contamination = tuple(
        fact(r, (r["as_of"], r["remaining_km2"]), qualifier=r["qualifier"] or "")
        for r in sorted(by_table.get("contamination", []), key=lambda r: r["as_of"])
    )
    for row in by_table.get("article4", [])[:1]:
        state.article4 = fact(row, row["status"])
        if row["deadline"] is not None:
            state.article4_deadline = fact(row, row["deadline"])
    for row in by_table.get("victim_assistance", [])[:1]:
        state.survivors = fact(row, bool(row["significant_survivors"]))
    state.article7 = tuple(
        fact(r, (r["covers"], r["received"]))
        for r in sorted(by_table.get("article7", []), key=lambda r: r["covers"], reverse=True)
    )
    state.notes = tuple(fact(r, (r["topic"], r["note"])) for r in by_table.get("notes", []))


def _unrecorded(row: Row) -> Fact:
    """A value the row does not give, with the row's source, as-of date, verification and note."""
    recorded = fact(row, None)
    return Fact("not_recorded", None, recorded.source, recorded.as_of, recorded.verified, note=recorded.note)


def _check_membership(state: StateRecord, rows: Iterable[Row]) -> list[Problem]:
    entered, notified, left = (
        state.entry_into_force.value,
        state.withdrawal_notified.value,
        state.withdrawal_effective.value,
    )
    wrong: tuple[str, Text] | None = None
    code = state.iso3
    if entered is None:
        wrong = ("withdrawal_notified", Text("problem.withdrawal_without_entry", code=code))
    elif notified is not None and notified < entered:
        text = Text("problem.notified_before_entry", code=code, notified=str(notified), entered=str(entered))
        wrong = ("withdrawal_notified", text)
    elif left is not None and notified is not None and left < notified:
        text = Text("problem.effective_before_notified", code=code, left=str(left), notified=str(notified))
        wrong = ("withdrawal_effective", text)
    elif left is not None and left <= entered:
        text = Text("problem.effective_before_entry", code=code, left=str(left), entered=str(entered))
        wrong = ("withdrawal_effective", text)
    if wrong is None:
        return []
    row = next((r for r in rows if r["iso3"] == state.iso3 and r["event"] == wrong[0]), None)
    path, line = (row.path, row.line) if row is not None else (f"{RECORD_DIR}/membership.csv", 1)
    hint = Text("problem.membership_dates_hint")
    return [Problem(path, line, 1, "error", "record-dates", wrong[1], hint)]


def record_from_blobs(blobs: dict[str, bytes | None]) -> tuple[Record, list[Problem]]:
    """The record from the bytes of its tables (``{"article5": b"...", ...}``, e.g. read from git)."""
    tables: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    for name, columns in TABLES.items():
        raw = blobs.get(name)
        display = f"{RECORD_DIR}/{name}.csv"
        if raw is None:
            message, hint = Text("problem.table_missing"), Text("problem.table_restore_short")
            problems.append(Problem(display, 1, 1, "error", "record-file", message, hint))
            tables[name] = []
            continue
        tables[name], found = parse_table(raw, display, columns)
        problems += found
    record, found = _build(tables)
    return record, sort_problems([*problems, *found])


def load_record(root: Path) -> tuple[Record, list[Problem]]:
    """Read and check ``root/record/``; every problem at once, each at ``record/<table>.csv:line:col``."""
    folder = root / RECORD_DIR
    if folder.is_symlink() or not folder.is_dir():
        hint = Text("problem.record_missing_hint")
        return Record(), [Problem(RECORD_DIR, 1, 1, "error", "record-file", Text("problem.record_missing"), hint)]
    tables: dict[str, list[Row]] = {}
    problems: list[Problem] = []
    for name, columns in TABLES.items():
        rows, found = read_table(folder / f"{name}.csv", f"{RECORD_DIR}/{name}.csv", columns)
        tables[name] = rows
        problems += found
    expected = {f"{name}.csv" for name in TABLES} | {"README.md"}
    for extra in sorted(p.name for p in folder.iterdir() if p.name not in expected):
        hint = Text("problem.record_tables_are", names=", ".join(sorted(expected - {"README.md"})))
        message = Text("problem.not_a_record_table")
        problems.append(Problem(f"{RECORD_DIR}/{extra}", 1, 1, "error", "record-file", message, hint))
    record, found = _build(tables)
    return record, sort_problems([*problems, *found])
