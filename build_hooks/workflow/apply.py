"""``pfp apply``: put a State file received from the form editor (or by e-mail) in its place, checked first.

A focal point who does not use GitHub downloads the file the form editor writes and e-mails it
to the ISU. ``apply_file`` reads it with the checks every State file gets (no link, the size
cap, UTF-8, the loader), finds the State from its ``state:`` key, and validates the whole
repository with that file standing in for ``states/<ISO3>.yml``, exactly as ``pfp validate``
would after the change (``engine.validate.validate_paths(replaced=...)``). Nothing is written
while any error is found. Otherwise the file is written in the canonical layout
(:mod:`build_hooks.workflow.formatting`), and the result says which entries were added,
changed or removed, so the ISU knows what the pull request will show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_hooks import reference
from build_hooks.diagnostics import Problem, Text, has_errors, shown, sort_problems
from build_hooks.engine.load import load_text, read_source
from build_hooks.engine.model import ENTRY_KEYS
from build_hooks.engine.schema_checks import ISO3_RE
from build_hooks.engine.staleness import DEFAULT_MONTHS
from build_hooks.engine.validate import shown_path, validate_paths
from build_hooks.i18n import DEFAULT_LANGUAGE, state_name_in, translator
from build_hooks.workflow.formatting import format_text, same_data


@dataclass
class Applied:
    """What ``pfp apply`` found and did. ``target`` is None when the file names no State."""

    source: str
    problems: list[Problem] = field(default_factory=list)
    target: str | None = None
    state: str | None = None
    written: bool = False
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    other_changes: list[str] = field(default_factory=list)  # keys outside the entries: contacts, last_reviewed
    hidden_warnings: int = 0  # warnings about other files, which this file does not change

    @property
    def ok(self) -> bool:
        return self.target is not None and not has_errors(self.problems)


def _state_of(source: str, doc: Any) -> tuple[str | None, list[Problem]]:
    """The State code of a received file, or the problem that says why it names none."""
    data = doc.data
    state = data.get("state") if isinstance(data, dict) else None
    if isinstance(state, str) and ISO3_RE.match(state) and reference.is_named_state(state):
        return state, []
    line, col = doc.locate(("state",)) if isinstance(data, dict) and "state" in data else (1, 1)
    message: str
    if state is None:
        rule, message = "schema-required", Text("apply.no_state")
    elif isinstance(state, str):
        rule, message = "state-unknown", reference.explain_unknown_state(state)
    else:
        rule, message = "schema-type", Text("apply.state_not_code", found=shown(state))
    return None, [Problem(source, line, col, "error", rule, message, Text("apply.state_hint"))]


def _entries(data: Any) -> dict[str, Any]:
    """Every entry with an id, by id (needs, offers and challenges together: ids never repeat)."""
    found: dict[str, Any] = {}
    for key in ENTRY_KEYS:
        items = data.get(key) if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.setdefault(item["id"], item)
    return found


def _compare(result: Applied, old: Any, new: Any) -> None:
    before, after = _entries(old), _entries(new)
    result.added = [i for i in after if i not in before]
    result.removed = [i for i in before if i not in after]
    result.changed = [i for i in after if i in before and not same_data(before[i], after[i])]
    old_keys = old if isinstance(old, dict) else {}
    keys = [k for k in dict.fromkeys([*old_keys, *new]) if k not in ENTRY_KEYS]
    result.other_changes = [k for k in keys if k not in old_keys or k not in new or not same_data(old_keys[k], new[k])]


def apply_file(
    file: Path, states_dir: Path, today: dt.date, stale_months: int = DEFAULT_MONTHS, *, write: bool = True
) -> Applied:
    """Check ``file`` as ``states_dir/<ISO3>.yml`` with the rest of the repository; write it there if no error."""
    result = Applied(source=str(file))
    _raw, text, problems = read_source(file, result.source)
    doc, loaded = load_text(result.source, text) if text is not None else (None, [])
    result.problems = [*problems, *loaded]
    if doc is None or text is None:
        return result
    state, problems = _state_of(result.source, doc)
    if state is None:
        result.problems += problems
        return result
    target = states_dir / f"{state}.yml"
    result.state, result.target = state, shown_path(target)
    in_place, _ = load_text(result.target, text)  # the same text, read as the file it becomes
    assert in_place is not None  # it parsed above
    checked = validate_paths([states_dir], today, stale_months=stale_months, replaced={result.target: in_place})
    # Lines and columns are those of the received file: name it, not the file it will become. Every
    # error counts (another State's offer may answer a need this file removes); other files'
    # warnings were there before, and are only counted.
    mine = [p for p in checked.problems if p.path == result.target or p.severity == "error"]
    result.hidden_warnings = len(checked.problems) - len(mine)
    result.problems = sort_problems(
        Problem(**{**p.__dict__, "path": result.source}) if p.path == result.target else p for p in mine
    )
    if has_errors(result.problems):
        return result
    new, _ = format_text(result.target, text)
    assert new is not None  # it parsed above
    old_raw, old_text, _ = read_source(target, result.target) if target.exists() else (b"", None, [])
    old_doc = load_text(result.target, old_text)[0] if old_text is not None else None
    _compare(result, old_doc.data if old_doc is not None else None, in_place.data)
    if new.encode("utf-8") != old_raw and write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(new.encode("utf-8"))
        result.written = True
    return result


def format_applied(result: Applied, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """What ``pfp apply`` says after the problems: what was written and what to do next, in plain words."""
    t = translator(lang)
    lines = [t("apply.hidden_warnings", count=result.hidden_warnings)] if result.hidden_warnings else []
    if result.target is None or result.state is None or not result.ok:
        return [*lines, t("apply.nothing_written", command=f"pfp apply {result.source}")]
    name = f"{state_name_in(result.state, lang) or reference.state_name(result.state)} ({result.state})"
    if not result.written:
        return [*lines, t("apply.unchanged", path=result.target, state=name)]
    lines.append(t("apply.written", path=result.target, state=name))
    for ids, line in (
        (result.added, t("apply.added", ids=", ".join(result.added))),
        (result.changed, t("apply.changed", ids=", ".join(result.changed))),
        (result.removed, t("apply.removed", ids=", ".join(result.removed))),
        (result.other_changes, t("apply.other_changes", ids=", ".join(result.other_changes))),
    ):
        if ids:
            lines.append(line)
    if not (result.added or result.changed or result.removed or result.other_changes):
        lines.append(t("apply.layout_only"))
    if result.removed:
        lines.append(t("apply.removed_warning"))
    return [
        *lines,
        t("apply.next", path=result.target),
        f"    git switch -c {result.state}-update",
        f"    git add {result.target}",
        f'    git commit -m "{result.state}: update from the focal point"',
        f"    git push -u origin {result.state}-update",
        t("apply.after"),
    ]
