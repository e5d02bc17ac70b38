"""What a change to the official record (``record/*.csv``) means, in plain words, for ``pfp review``.

Rows are compared by what makes them one fact (a State and a decision number, a State and
an event ...), and each State whose facts changed is described twice: the rows added,
changed or removed, with their sources, and what the site will derive from them (current
deadline, number of extensions, progress status, party status). A change of party status
is a publication matter (a State's consented challenges appear or disappear), so it is
reported apart, first, and never shortened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from build_hooks import reference
from build_hooks.engine.progress import compute_article5
from build_hooks.engine.record import KEYS, RECORD_DIR, TABLES, Record, StateRecord, record_from_blobs
from build_hooks.engine.tables import Row, parse_table
from build_hooks.gitrepo import Revision, read_files


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
    cells = [f"{name} {row[name]}" for name in row.cells if name not in ("iso3", "source", "verified", "note")]
    cells = [c for c in cells if not c.endswith(" None")]
    verified = "verified" if row["verified"] else "not verified"
    return f"{', '.join(cells)} (source: {row['source']}; {verified})"


def _label(code: str) -> str:
    return f"{reference.state_name(code)} ({code})" if reference.is_named_state(code) else code


def _derived(state: StateRecord, day: dt.date) -> dict[str, str]:
    a5 = compute_article5(state, day, 2025)
    deadline = state.current_deadline()
    extensions = state.extensions()
    count = "not recorded"
    if extensions.known:
        count = f"at least {extensions.value}" if extensions.at_least else str(extensions.value)
    elif extensions.state == "none":
        count = "none"
    return {
        "current deadline": str(deadline.value) if deadline.known else "not recorded",
        "extensions": count,
        "progress status": a5.status.replace("_", " ") if a5 else "no article 5 obligation",
        "party": "yes" if state.is_party(day) else "no",
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
            code = key[0]
            if old is None and new is not None:
                line = f"new row in `{name}.csv`: {_row_text(new)}"
            elif new is None and old is not None:
                line = f"row removed from `{name}.csv`: {_row_text(old)} (a fact should be corrected, not deleted)"
            elif old is not None and new is not None and _row_text(old) != _row_text(new):
                line = f"row changed in `{name}.csv`: {_row_text(old)} -> {_row_text(new)}"
            else:
                continue
            out.states.setdefault(code, []).append(line)
    _describe_consequences(out, record_from_blobs(old_blobs)[0], record_from_blobs(new_blobs)[0], today)
    return out


def _describe_consequences(out: RecordReview, old: Record, new: Record, today: dt.date) -> None:
    for code in sorted(out.states):
        was, now = _derived(old.get(code), today), _derived(new.get(code), today)
        for what in ("current deadline", "extensions", "progress status"):
            if was[what] != now[what]:
                out.states[code].append(f"the site will show {what} **{now[what]}** (was {was[what]})")
        if was["party"] != now["party"]:
            effect = "published again" if now["party"] == "yes" else "taken off the site"
            out.publication.append(
                f"{_label(code)} is {'now' if now['party'] == 'yes' else 'no longer'} a State Party on {today}"
                f" according to the record: its consented challenges will be **{effect}**"
            )


def render_record_review(result: RecordReview) -> list[str]:
    """Markdown lines for the review comment (the publication lines are rendered by the caller, first)."""
    if not result.states:
        return []
    lines = ["### The official record (`record/`)", ""]
    for code in sorted(result.states):
        lines += [f"**{_label(code)}**", "", *(f"- {line}" for line in result.states[code]), ""]
    return lines
