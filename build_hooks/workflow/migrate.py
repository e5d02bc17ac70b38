"""``pfp migrate``: move a version 1 State file to version 2, as text, losing nothing the State wrote.

Version 1 put membership, obligations and reports in the State's own file; version 2
keeps those facts in the official record (``record/*.csv``, owned by the ISU). Moving a
file means: ``schema_version: 2`` and the ``membership``, ``obligations`` and
``reporting`` blocks removed (with the comment lines directly above them). Every other
line, comments included, is kept as it was, so the diff shows exactly what moved. The
removed blocks are reported so the ISU can compare them with the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_hooks.engine.model import SCHEMA_VERSION, V1_RECORD_KEYS

_TOP_KEY_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*+)\s*+:")
_VERSION_ONE_RE = re.compile(r"^schema_version\s*+:\s*+1\s*+(#.*)?\Z")
_VERSION_RE = re.compile(r"^schema_version\s*+:")
_ILLUSTRATIVE_RE = re.compile(r"^\s*+illustrative\s*+:\s*+true")


@dataclass
class Migration:
    text: str
    removed: dict[str, str] = field(default_factory=dict)  # block name -> the removed lines
    changed: bool = False
    examples: list[str] = field(default_factory=list)  # lines that still say `illustrative: true`


def _blocks(lines: list[str]) -> list[tuple[str | None, int, int]]:
    """(top-level key or None, first line, end line) spans, comments above a key belonging to it."""
    starts = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _TOP_KEY_RE.match(line))]
    firsts = []
    for index, (start, _key) in enumerate(starts):
        floor = starts[index - 1][0] + 1 if index else 0
        first = start
        while first > floor and lines[first - 1].startswith("#"):
            first -= 1
        firsts.append(first)
    return [
        (key, firsts[index], firsts[index + 1] if index + 1 < len(starts) else len(lines))
        for index, (_start, key) in enumerate(starts)
    ]


def migrate_text(text: str) -> Migration:
    """The version 2 text of a version 1 file (unchanged when the file is not version 1)."""
    lines = text.splitlines(keepends=True)
    if not any(_VERSION_ONE_RE.match(line.rstrip("\r\n")) for line in lines if line.startswith("schema_version")):
        return Migration(text=text)
    spans = _blocks(lines)
    keep = [True] * len(lines)
    out = Migration(text=text, changed=True)
    for key, first, end in spans:
        if key in V1_RECORD_KEYS:
            out.removed[key] = "".join(lines[first:end]).rstrip() + "\n"
            for i in range(first, end):
                keep[i] = False
    result = []
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if line.startswith("schema_version") and _VERSION_RE.match(line):
            line = f"schema_version: {SCHEMA_VERSION}\n"
        result.append(line)
    new = re.sub(r"\n{3,}", "\n\n", "".join(result))
    out.text = new
    out.examples = [line.strip() for line in new.splitlines() if _ILLUSTRATIVE_RE.match(line)]
    return out
