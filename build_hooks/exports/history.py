"""When entries appeared and changed, read from the git history of ``states/``.

History supplies dates and status transitions only; every text shown in a
feed comes from the current, consent-filtered catalogue. Without git, outside
a repository, or in a shallow clone, the history is simply shorter (possibly
empty): nothing here may fail a build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_hooks.engine.consent import raw_consent
from build_hooks.engine.load import load_text
from build_hooks.engine.model import ENTRY_KEYS
from build_hooks.engine.record import KEYS, RECORD_DIR, TABLES
from build_hooks.engine.tables import parse_table
from build_hooks.gitrepo import GitError, read_blobs, try_git

MAX_COMMITS = 500


@dataclass(frozen=True)
class Change:
    """One dated change to one entry; a History lists them in commit order, oldest first."""

    when: dt.datetime
    entry_id: str
    kind: str  # added | changed | status
    old_status: str = ""
    new_status: str = ""


@dataclass(frozen=True)
class RecordChange:
    """A row added to a table of the official record that readers follow (decisions, findings, withdrawals)."""

    when: dt.datetime
    table: str
    iso3: str
    key: str
    summary: str  # plain words, e.g. "extension (23MSP, 2026), new deadline 2031-03-01"


@dataclass
class History:
    changes: list[Change] = field(default_factory=list)
    last_commit: dt.datetime | None = None
    record_changes: list[RecordChange] = field(default_factory=list)

    def first_seen(self, entry_id: str) -> dt.datetime | None:
        return next((c.when for c in self.changes if c.entry_id == entry_id and c.kind == "added"), None)

    def last_changed(self, entry_id: str) -> dt.datetime | None:
        dates = [c.when for c in self.changes if c.entry_id == entry_id]
        return max(dates) if dates else None


def _entries(text: str) -> dict[str, tuple[str, str]]:
    """id -> (status, fingerprint) for one version of a State file; {} when it does not parse."""
    doc, _ = load_text("history", text)
    data: Any = doc.data if doc is not None else None
    out: dict[str, tuple[str, str]] = {}
    if not isinstance(data, dict):
        return out
    for key in ENTRY_KEYS:
        items = data.get(key)
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                # An old commit may hold any shape (a malformed consent, a list): never fail on it.
                status = raw_consent(item)[0] if key == "challenges" else item.get("status")
                blob = json.dumps(item, sort_keys=True, default=str).encode()
                out[item["id"]] = (str(status or ""), hashlib.sha256(blob).hexdigest())
    return out


def _read_texts(root: Path, specs: list[str]) -> list[str | None]:
    try:
        blobs = read_blobs(root, specs)
    except GitError:
        return [None] * len(specs)
    return [b.decode("utf-8", errors="replace") if b is not None else None for b in blobs]


def load_history(root: Path, folder: str = "states") -> History:
    log = try_git(root, "log", f"-n{MAX_COMMITS}", "--reverse", "--format=@%H %ct", "--name-only", "--", folder)
    if not log:
        return History()
    commits: list[tuple[str, dt.datetime, list[str]]] = []
    for line in log.decode("utf-8", errors="replace").splitlines():
        if line.startswith("@"):
            sha, stamp = line[1:].split()
            commits.append((sha, dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC), []))
        elif line.strip().endswith((".yml", ".yaml")) and commits:
            commits[-1][2].append(line.strip())
    specs = [f"{sha}:{path}" for sha, _, paths in commits for path in paths]
    blobs = iter(_read_texts(root, specs))
    previous: dict[str, dict[str, tuple[str, str]]] = {}
    changes: list[Change] = []
    for _sha, when, paths in commits:
        for path in paths:
            text = next(blobs)
            now = _entries(text) if text is not None else {}
            before = previous.get(path, {})
            for entry_id, (status, fingerprint) in sorted(now.items()):
                if entry_id not in before:
                    changes.append(Change(when, entry_id, "added", "", status))
                elif before[entry_id][0] != status:
                    changes.append(Change(when, entry_id, "status", before[entry_id][0], status))
                elif before[entry_id][1] != fingerprint:
                    changes.append(Change(when, entry_id, "changed", status, status))
            previous[path] = now
    last = commits[-1][1] if commits else None
    # commit order: commits can share a second
    return History(changes=changes, last_commit=last, record_changes=load_record_history(root))


# Tables of the official record whose new rows are news, and how a row reads in a feed.
FOLLOWED = {
    "article5_decisions": lambda r: (
        f"article 5 {r['decision'].replace('_', ' ')}"
        + (
            f" ({', '.join(str(x) for x in (r['meeting'], r['decided_on']) if x)})"
            if r["meeting"] or r["decided_on"]
            else ""
        )
        + (f", new deadline {r['deadline']}" if r["deadline"] else "")
    ),
    "findings": lambda r: f"finding: {r['finding']}",
    "membership": lambda r: f"{r['event'].replace('_', ' ')} on {r['date']}",
}


def load_record_history(root: Path, folder: str = RECORD_DIR) -> list[RecordChange]:
    """The rows added to the followed tables of the record, dated by the commit that added them."""
    paths = [f"{folder}/{name}.csv" for name in FOLLOWED]
    log = try_git(root, "log", f"-n{MAX_COMMITS}", "--reverse", "--format=@%H %ct", "--name-only", "--", *paths)
    if not log:
        return []
    commits: list[tuple[str, dt.datetime, list[str]]] = []
    for line in log.decode("utf-8", errors="replace").splitlines():
        if line.startswith("@"):
            sha, stamp = line[1:].split()
            commits.append((sha, dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC), []))
        elif line.strip() in paths and commits:
            commits[-1][2].append(line.strip())
    specs = [f"{sha}:{path}" for sha, _, changed in commits for path in changed]
    try:
        blobs = iter(read_blobs(root, specs))
    except GitError:
        return []
    seen: dict[str, set[tuple[str, ...]]] = {}
    out: list[RecordChange] = []
    for _sha, when, changed in commits:
        for path in changed:
            name = Path(path).stem
            rows, _ = parse_table(next(blobs) or b"", path, TABLES[name])
            keyed = {tuple(str(row[k]) for k in KEYS[name]): row for row in rows}
            if name in seen:  # the first version of a table is the import, not news
                for key, row in keyed.items():
                    if key not in seen[name]:
                        out.append(RecordChange(when, name, row["iso3"], "/".join(key), FOLLOWED[name](row)))
            seen.setdefault(name, set()).update(keyed)
    return out
