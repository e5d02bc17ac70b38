"""What a change to the official record (``record/*.csv``) means, in plain words, for ``pfp review``.

Rows are compared by what makes them one fact (a State and a decision number, a State and
an event ...), and each State whose facts changed is described twice: the rows added,
changed or removed, with their sources, and what the site will derive from them (current
deadline, number of extensions, progress status, party status). A change of party status
is a publication matter (a State's consented challenges appear or disappear), so it is
reported apart, first, and never shortened.

The rows are quoted in code spans, as the State files are (a pull request can write anything in
a CSV cell); the lines are :class:`~build_hooks.diagnostics.Text`, said in the summary's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from build_hooks.diagnostics import Text
from build_hooks.engine.progress import compute_article5
from build_hooks.engine.record import KEYS, RECORD_DIR, TABLES, Record, StateRecord, record_from_blobs
from build_hooks.engine.tables import Row, parse_table
from build_hooks.gitrepo import Revision, read_files
from build_hooks.workflow.review_words import arrow, code, count, day, joined, state_label


@dataclass
class RecordReview:
    publication: list[str] = field(default_factory=list)  # party status changes: first, never shortened
    states: dict[str, list[str]] = field(default_factory=dict)  # ISO3 -> plain-language lines


def _rows(raw: bytes | None, name: str) -> dict[tuple[str, ...], Row]:
    if raw is None:
        return {}
    rows, _ = parse_table(raw, f"{RECORD_DIR}/{name}.csv", TABLES[name])
    return {tuple(str(row[k]) for k in KEYS[name]): row for row in rows}


def _row_text(row: Row) -> str:
    cells = [f"{name}: {row[name]}" for name in row.cells if name not in ("iso3", "source", "verified", "note")]
    cells = [c for c in cells if not c.endswith(": None")]
    verified = Text("review.record_verified") if row["verified"] else Text("review.record_not_verified")
    return Text("review.record_row", cells=code(", ".join(cells), 300), source=code(row["source"]), verified=verified)


def _derived(state: StateRecord, day_: dt.date) -> dict[str, str]:
    a5 = compute_article5(state, day_, 2025)
    deadline = state.current_deadline()
    extensions = state.extensions()
    number: str = Text("review.record_not_recorded")
    if extensions.known:
        number = (
            Text("fact.at_least", value=count(extensions.value)) if extensions.at_least else count(extensions.value)
        )
    elif extensions.state == "none":
        number = Text("fact.none")
    current: str = Text("review.record_not_recorded")
    if deadline.known:
        current = day(deadline.value) if isinstance(deadline.value, dt.date) else str(deadline.value)
    return {
        "current deadline": current,
        "extensions": number,
        "progress status": Text(f"progress.{a5.status}") if a5 else Text("review.record_no_article5"),
        "party": "yes" if state.is_party(day_) else "no",
    }


def _what() -> dict[str, str]:
    """What the site derives from the record, in words (the keys of :func:`_derived`)."""
    return {
        "current deadline": Text("review.record_current_deadline"),
        "extensions": Text("review.record_extensions"),
        "progress status": Text("review.record_progress"),
    }


def review_record(
    root: Path, start: Revision, head: Revision, changed: list[str], today: dt.date
) -> RecordReview | None:
    """Describe the change to the record between ``start`` and ``head``; None when it does not touch it."""
    tables = [p for p in changed if p.startswith(f"{RECORD_DIR}/") and p.endswith(".csv")]
    if not tables:
        return None
    paths = [f"{RECORD_DIR}/{name}.csv" for name in TABLES]
    old_blobs = {Path(p).stem: raw for p, raw in read_files(root, start, paths).items()}
    new_blobs = {Path(p).stem: raw for p, raw in read_files(root, head, paths).items()}
    out = RecordReview()
    for path in sorted(tables):
        name = Path(path).stem
        if name not in TABLES:
            continue
        before, after = _rows(old_blobs.get(name), name), _rows(new_blobs.get(name), name)
        for key in sorted(set(before) | set(after)):
            old, new = before.get(key), after.get(key)
            iso3 = key[0]
            table = code(f"{name}.csv")
            if old is None and new is not None:
                line = Text("review.record_new_row", table=table, row=_row_text(new))
            elif new is None and old is not None:
                line = Text("review.record_removed_row", table=table, row=_row_text(old))
            elif old is not None and new is not None and _row_text(old) != _row_text(new):
                line = Text("review.record_changed_row", table=table, change=arrow(_row_text(old), _row_text(new)))
            else:
                continue
            out.states.setdefault(iso3, []).append(line)
    _describe_consequences(out, record_from_blobs(old_blobs)[0], record_from_blobs(new_blobs)[0], today)
    return out


def _describe_consequences(out: RecordReview, old: Record, new: Record, today: dt.date) -> None:
    for code_ in sorted(out.states):
        was, now = _derived(old.get(code_), today), _derived(new.get(code_), today)
        for what, words in _what().items():
            if was[what] != now[what]:
                line = Text("review.record_site_will_show", what=words, value=now[what], was=was[what])
                out.states[code_].append(line)
        if was["party"] != now["party"]:
            label, when = state_label(code_), day(today)
            if now["party"] == "yes":
                out.publication.append(Text("review.record_now_party", state=label, day=when))
            else:
                out.publication.append(Text("review.record_no_longer_party", state=label, day=when))


def render_record_review(result: RecordReview) -> list[str]:
    """Markdown lines for the review comment (the publication lines are rendered by the caller, first)."""
    if not result.states:
        return []
    lines: list[str] = [joined(["### ", Text("review.heading_record", path=code("record/"))], ""), ""]
    for code_ in sorted(result.states):
        lines += [joined(["**", state_label(code_), "**"], ""), ""]
        lines += [*(joined(["- ", line], "") for line in result.states[code_]), ""]
    return lines
