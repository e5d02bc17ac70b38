"""Validate State files: the schema (from the models) plus per-file and cross-file rules.

``validate_documents`` is the one entry point. It never stops at the first
problem: every file is checked, every entry on its own, and every problem is
returned with its location, rule id and hint. Files and entries that pass are
returned as typed models for the index stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from build_hooks import reference
from build_hooks.diagnostics import Problem, sort_problems
from build_hooks.engine.checks import (
    CheckedState,
    check_entries_and_dates,
    check_ids_and_references,
    check_membership,
    check_obligations,
)
from build_hooks.engine.load import SourceDoc, load_file
from build_hooks.engine.model import ENTRY_KEYS, ENTRY_MODELS, StateHeader
from build_hooks.engine.rulebook import hint_for
from build_hooks.engine.schema_checks import ISO3_RE, check_unknown_fields, make_problem, validate_model
from build_hooks.engine.staleness import DEFAULT_MONTHS

__all__ = ["CheckedState", "ValidationResult", "make_problem", "validate_model", "validate_paths"]


@dataclass
class ValidationResult:
    problems: list[Problem]
    states: dict[str, CheckedState]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------------------
# One file
# --------------------------------------------------------------------------------------


def check_document(doc: SourceDoc, expected_state: str | None) -> tuple[CheckedState, list[Problem]]:
    """Schema and single-file rules for one loaded document."""
    problems: list[Problem] = []
    data = doc.data
    if not isinstance(data, dict):
        problems.append(
            make_problem(
                doc.path,
                1,
                1,
                "schema-type",
                "the file should be a mapping of keys such as schema_version, state and membership",
                "start from the template that `pfp new ISO3` writes",
            )
        )
        return CheckedState(doc=doc, header=None), problems
    header_data = {k: v for k, v in data.items() if k not in ENTRY_KEYS}
    header, header_problems = validate_model(StateHeader, doc, (), header_data)
    problems += header_problems
    checked = CheckedState(doc=doc, header=header)
    if header is not None:
        problems += check_unknown_fields(doc, header, ())
    for key in ENTRY_KEYS:
        raw = data.get(key)
        if raw is None:
            continue
        if not isinstance(raw, list):
            line, col = doc.locate((key,))
            problems.append(
                make_problem(
                    doc.path,
                    line,
                    col,
                    "schema-type",
                    f"{key} should be a list (lines starting with '- '), found {raw!r}"[:300],
                )
            )
            continue
        for index, item in enumerate(raw):
            entry, entry_problems = validate_model(ENTRY_MODELS[key], doc, (key, index), item)
            problems += entry_problems
            if entry is not None:
                getattr(checked, key).append(entry)
                checked.entry_paths[entry.id] = (key, index)
                problems += check_unknown_fields(doc, entry, (key, index))
    state = data.get("state")
    if expected_state is not None and isinstance(state, str) and state != expected_state:
        line, col = doc.locate(("state",))
        problems.append(
            make_problem(
                doc.path,
                line,
                col,
                "state-file-name",
                f"state is {state!r} but the file is named {expected_state}.yml",
                _file_name_hint(state, expected_state),
            )
        )
    if header is not None:
        if not reference.is_state_party(header.state):
            line, col = doc.locate(("state",))
            problems.append(
                make_problem(doc.path, line, col, "state-unknown", reference.explain_unknown_state(header.state))
            )
        problems += check_membership(doc, header)
        problems += check_obligations(doc, header)
    return checked, problems


def _file_name_hint(state: str, file_stem: str) -> str:
    """Suggest only fixes that lead to a valid upper-case code."""
    fixes = [f"rename the file to states/{state}.yml"] if ISO3_RE.match(state) else []
    fixes += [f"set `state: {file_stem}`"] if ISO3_RE.match(file_stem) else []
    return ", or ".join(fixes) or hint_for("state-file-name")


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def validate_documents(
    docs: Iterable[tuple[SourceDoc, str | None]],
    today: dt.date,
    base_problems: Iterable[Problem] = (),
    stale_months: int = DEFAULT_MONTHS,
) -> ValidationResult:
    """Validate loaded documents (each with the State code its file name implies)."""
    problems = list(base_problems)
    states: dict[str, CheckedState] = {}
    checked_all: list[CheckedState] = []
    for doc, expected in docs:
        checked, found = check_document(doc, expected)
        problems += found
        problems += check_entries_and_dates(checked, today, stale_months)
        checked_all.append(checked)
        if checked.header is not None and checked.header.state not in states:
            states[checked.header.state] = checked
    problems += check_ids_and_references(checked_all)
    return ValidationResult(problems=sort_problems(problems), states=states)


def state_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their *.yml / *.yaml files, sorted for stable output."""
    out: dict[Path, Path] = {}
    for path in paths:
        found = (
            sorted(p for p in path.iterdir() if p.suffix in {".yml", ".yaml"} and p.is_file())
            if path.is_dir()
            else [path]
        )
        for file in found:
            out.setdefault(file.resolve(), file)
    return list(out.values())


def validate_paths(
    paths: Iterable[Path], today: dt.date, root: Path | None = None, stale_months: int = DEFAULT_MONTHS
) -> ValidationResult:
    """Load and validate files or folders; paths are shown relative to ``root``."""
    docs: list[tuple[SourceDoc, str | None]] = []
    problems: list[Problem] = []
    for file in state_files(paths):
        shown = _display(file, root)
        doc, load_problems = load_file(file, shown)
        problems += load_problems
        if doc is not None:
            docs.append((doc, file.stem))
    return validate_documents(docs, today, problems, stale_months)


def _display(file: Path, root: Path | None) -> str:
    try:
        return str(file.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(file)
