"""Validate State files: the schema (from the models) plus per-file and cross-file rules.

``validate_documents`` is the one entry point. It never stops at the first
problem: every file is checked, every entry on its own, and every problem is
returned with its location, rule id and hint. Files and entries that pass are
returned as typed models for the index stage.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_hooks import reference
from build_hooks.diagnostics import Problem, Text, shown, sort_problems
from build_hooks.engine.checks import (
    CheckedState,
    check_drafts_in_public,
    check_entries_and_dates,
    check_ids_and_references,
    check_texts_as_written,
)
from build_hooks.engine.files import check_site_files, read_capped
from build_hooks.engine.load import MAX_BYTES, SourceDoc, load_file
from build_hooks.engine.model import ENTRY_KEYS, ENTRY_MODELS, SCHEMA_VERSION, V1_RECORD_KEYS, StateHeader
from build_hooks.engine.record import Record, load_record
from build_hooks.engine.rulebook import hint_for
from build_hooks.engine.schema_checks import ISO3_RE, make_problem, validate_model
from build_hooks.engine.staleness import DEFAULT_MONTHS
from build_hooks.i18n import DEFAULT_LANGUAGE, LANGUAGES, Language

EXAMPLES_DIR = "examples"

__all__ = ["CheckedState", "ValidationResult", "make_problem", "validate_model", "validate_paths", "writing_language"]


@dataclass
class ValidationResult:
    problems: list[Problem]
    states: dict[str, CheckedState]
    record: Record = field(default_factory=Record)
    examples: dict[str, CheckedState] = field(default_factory=dict)  # examples/<ISO3>.yml, illustrative
    # The language each file is mostly written in (path as shown -> en, fr or es), for `--lang auto`.
    languages: dict[str, Language] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------------------
# The language a file is written in
# --------------------------------------------------------------------------------------


def _most_written(languages: Iterable[str]) -> Language:
    """The language most entries are written in, when it is one of the site's; a tie goes to the
    language that is not English (a State that writes some entries in French reads French); else English."""
    counts = Counter(languages)
    if not counts:
        return DEFAULT_LANGUAGE
    top = max(counts.values())
    leaders = sorted(lang for lang, count in counts.items() if count == top)
    chosen = next((lang for lang in leaders if lang != DEFAULT_LANGUAGE), leaders[0])
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE  # type: ignore[return-value]


def entry_languages(data: Any) -> list[str]:
    """The ``language`` of each entry of a State file, in file order (en where it says none)."""
    if not isinstance(data, dict):
        return []
    found: list[str] = []
    for key in ENTRY_KEYS:
        items = data.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                language = item.get("language", DEFAULT_LANGUAGE)
                found.append(language if isinstance(language, str) else DEFAULT_LANGUAGE)
    return found


def writing_language(data: Any) -> Language:
    """The language most of a State file's entries are written in (their ``language``, default en),
    when it is en, fr or es; else English. Problems about the file are said in it under ``--lang auto``."""
    return _most_written(entry_languages(data))


_ENTRY_LINE_RE = re.compile(r"^[ \t]*-[ \t]+(?:\{[ \t]*)?id[ \t]*:", re.M)
_LANGUAGE_LINE_RE = re.compile(r"^[ \t]*(?:-[ \t]+)?language[ \t]*:[ \t]*[\"']?([a-z]{2})\b", re.M)


def writing_language_of_text(text: str) -> Language:
    """:func:`writing_language` for a file that cannot be read as YAML (a syntax error): its
    ``- id:`` lines are the entries and its ``language:`` lines their languages."""
    entries = len(_ENTRY_LINE_RE.findall(text))
    marked = _LANGUAGE_LINE_RE.findall(text)
    return _most_written([*marked, *[DEFAULT_LANGUAGE] * max(entries - len(marked), 0)])


# --------------------------------------------------------------------------------------
# One file
# --------------------------------------------------------------------------------------


def _version_one(doc: SourceDoc, data: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """A version 1 file: one problem saying how to move, and the rest checked as version 2."""
    if data.get("schema_version") != 1:
        return data, []
    moved = [key for key in V1_RECORD_KEYS if key in data]
    line, col = doc.locate(("schema_version",))
    message = Text("problem.version_one_moved", moved=", ".join(moved)) if moved else Text("problem.version_one")
    hint = Text("problem.version_one_hint", path=doc.path)
    problem = make_problem(doc.path, line, col, "schema-version", message, hint)
    rest = {k: v for k, v in data.items() if k not in V1_RECORD_KEYS}
    return {**rest, "schema_version": SCHEMA_VERSION}, [problem]


def check_document(
    doc: SourceDoc, expected_state: str | None, record: Record | None = None
) -> tuple[CheckedState, list[Problem]]:
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
                Text("problem.file_not_mapping"),
                Text("problem.file_not_mapping_hint"),
            )
        )
        return CheckedState(doc=doc, header=None), problems
    data, problems = _version_one(doc, data)
    header_data = {k: v for k, v in data.items() if k not in ENTRY_KEYS}
    header, header_problems = validate_model(StateHeader, doc, (), header_data)
    problems += header_problems
    checked = CheckedState(doc=doc, header=header)
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
                    Text("problem.not_a_list", name=key, found=shown(raw)),
                )
            )
            continue
        for index, item in enumerate(raw):
            entry, entry_problems = validate_model(ENTRY_MODELS[key], doc, (key, index), item)
            problems += entry_problems
            if entry is not None:
                getattr(checked, key).append(entry)
                checked.entry_paths[entry.id] = (key, index)
    if expected_state is not None:
        problems += _file_name_problems(doc, data.get("state"))
    if header is not None and record is not None and not record.known(header.state):
        line, col = doc.locate(("state",))
        problems.append(
            make_problem(doc.path, line, col, "state-unknown", reference.explain_unknown_state(header.state))
        )
    return checked, problems


def _file_name_hint(state: str, file_stem: str) -> str:
    """Suggest only fixes that lead to a valid upper-case code."""
    rename = Text("problem.rename_file", path=f"states/{state}.yml") if ISO3_RE.match(state) else None
    code = Text("problem.set_state", code=file_stem) if ISO3_RE.match(file_stem) else None
    if rename is not None and code is not None:
        return Text("problem.either_fix", first=rename, second=code)
    return rename or code or hint_for("state-file-name")


_STATE_FILE_NAME_RE = re.compile(r"[A-Z]{3}\.yml", re.ASCII)


def _split(path: str) -> tuple[str, str]:
    """(folder, file name) of a shown path; the folder is ``states`` when none is shown."""
    folder, _, name = path.replace("\\", "/").rpartition("/")
    return folder or "states", name


def file_code(name: str) -> str | None:
    """The State code a file name claims: KHM for KHM.yml, and for KHM.yaml, khm.yml, `KHM .yml`, KHM.yml.txt."""
    stem = unicodedata.normalize("NFKC", name).strip().split(".", 1)[0].strip().upper()
    return stem if ISO3_RE.match(stem) else None


def _file_name_problems(doc: SourceDoc, state: Any) -> list[Problem]:
    """state-file-name: the file is named exactly <ISO3>.yml, and that code is its `state`."""
    folder, name = _split(doc.path)
    line, col = doc.locate(("state",)) if isinstance(state, str) else (1, 1)
    if _STATE_FILE_NAME_RE.fullmatch(name):
        if not isinstance(state, str) or state == name[:3]:
            return []
        message = Text("problem.state_not_file_name", state=shown(state, 40), name=name)
        return [make_problem(doc.path, line, col, "state-file-name", message, _file_name_hint(state, name[:3]))]
    right = state if isinstance(state, str) and ISO3_RE.match(state) else file_code(name)
    message = Text("problem.file_name_form", name=shown(name, 60))
    hint = Text("problem.rename_file", path=f"{folder}/{right}.yml") if right else hint_for("state-file-name")
    return [make_problem(doc.path, line, col, "state-file-name", message, hint)]


def _claimed_twice(group: list[tuple[CheckedState, str | None]]) -> tuple[list[Problem], set[str]]:
    """state-file-duplicate: every file of a State that more than one file claims, by name or by `state`."""
    claims: dict[str, list[CheckedState]] = {}
    for checked, expected in group:
        codes = {file_code(_split(checked.doc.path)[1]) if expected is not None else None}
        codes.add(checked.header.state if checked.header is not None else None)
        for code in sorted(c for c in codes if c is not None):
            claims.setdefault(code, []).append(checked)
    problems: list[Problem] = []
    twice = {code for code, files in claims.items() if len(files) > 1}
    for code in sorted(twice):
        for checked in claims[code]:
            others = ", ".join(o.doc.path for o in claims[code] if o is not checked)
            folder = _split(checked.doc.path)[0]
            message = Text("problem.state_claimed_twice", others=others, code=code, path=f"{folder}/{code}.yml")
            problems.append(make_problem(checked.doc.path, 1, 1, "state-file-duplicate", message))
    return problems, twice


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def validate_documents(
    docs: Iterable[tuple[SourceDoc, str | None]],
    today: dt.date,
    base_problems: Iterable[Problem] = (),
    stale_months: int = DEFAULT_MONTHS,
    record: Record | None = None,
    examples: Iterable[tuple[SourceDoc, str | None]] = (),
) -> ValidationResult:
    """Validate loaded documents (each with the State code its file name implies) against ``record``.

    ``examples`` are the illustrative files (``examples/<ISO3>.yml``): checked the same way, kept
    apart in the result. An example whose id a State's own file now uses is left out, with a
    warning, so examples never stand in the way of a real entry.
    """
    record = record if record is not None else Record()
    docs, examples = list(docs), list(examples)  # read twice: once to check, once for their languages
    problems = list(base_problems)
    states: dict[str, CheckedState] = {}
    shown: dict[str, CheckedState] = {}
    checked_all: list[CheckedState] = []
    for group, target in ((docs, states), (examples, shown)):
        group_checked: list[tuple[CheckedState, str | None]] = []
        for doc, expected in group:
            checked, found = check_document(doc, expected, record if record.states else None)
            found += check_entries_and_dates(checked, today, stale_months)
            found += check_texts_as_written(doc)
            if target is shown:  # examples are never reviewed by a State, and hold canary drafts on purpose
                found = [p for p in found if p.rule != "style-stale-review"]
            else:
                found += check_drafts_in_public(checked)
            problems += found
            checked_all.append(checked)
            group_checked.append((checked, expected))
        found, twice = _claimed_twice(group_checked)
        problems += found
        for checked, _ in group_checked:  # when two files claim one State, neither wins
            if checked.header is not None and checked.header.state not in twice:
                target[checked.header.state] = checked
    real_ids = {i for c in states.values() for i in c.entry_paths}
    for code, checked in list(shown.items()):
        taken = sorted(real_ids & set(checked.entry_paths))
        if taken:
            line, col = checked.doc.locate((*checked.entry_paths[taken[0]], "id"))
            message = Text("problem.example_id_taken", id=taken[0], code=code)
            hint = Text("problem.example_id_taken_hint")
            problems.append(Problem(checked.doc.path, line, col, "warning", "example-id-taken", message, hint))
            del shown[code]
            checked_all.remove(checked)
    problems += check_ids_and_references(checked_all, record)
    languages = {doc.path: writing_language(doc.data) for group in (docs, examples) for doc, _ in group}
    return ValidationResult(
        problems=sort_problems(problems), states=states, record=record, examples=shown, languages=languages
    )


def looks_like_state_file(name: str) -> bool:
    """Any name a State file could be mistaken under: KHM.yml, and KHM.yaml, KHM.YML, KHM.yml.txt, `KHM .yml`.

    Folders are read for all of them, so a near-miss name is an error (state-file-name) rather
    than a file the site silently ignores, and a twin is an error (state-file-duplicate)
    rather than a file that silently replaces another.
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return ".yml" in folded or ".yaml" in folded


def state_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into every entry that looks like a State file, sorted for stable output.

    Near-miss names (``KHM.yaml``, ``khm.yml``) are listed so the validator can name the right
    one; links and special files are listed too (without following them), so the loader refuses
    each at its path instead of skipping it (``file-symlink``, ``file-type``).
    """
    out: dict[str, Path] = {}
    for path in paths:
        found = (
            sorted(p for p in path.iterdir() if looks_like_state_file(p.name) and (p.is_symlink() or not p.is_dir()))
            if path.is_dir() and not path.is_symlink()
            else [path]
        )
        for file in found:
            out.setdefault(str(file.parent.resolve() / file.name), file)  # the link itself, not its target
    return list(out.values())


def _load_all(
    paths: Iterable[Path],
    root: Path | None,
    replaced: Mapping[str, SourceDoc] | None = None,
    languages: dict[str, Language] | None = None,
) -> tuple[list[tuple[SourceDoc, str | None]], list[Problem]]:
    """Load every State file under ``paths`` (a document in ``replaced`` in its file's place); for
    one that cannot be read, guess into ``languages`` the language it is written in from its text."""
    docs: list[tuple[SourceDoc, str | None]] = []
    problems: list[Problem] = []
    instead = dict(replaced or {})
    for file in state_files(paths):
        shown = _display(file, root)
        if shown in instead:
            docs.append((instead.pop(shown), file.stem))
            continue
        doc, load_problems = load_file(file, shown)
        problems += load_problems
        if doc is not None:
            docs.append((doc, file.stem))
        elif languages is not None:
            raw, _, _ = read_capped(file, shown, MAX_BYTES)
            languages[shown] = writing_language_of_text(raw.decode("utf-8", "replace")) if raw else DEFAULT_LANGUAGE
    docs += [(doc, Path(shown).stem) for shown, doc in instead.items()]
    return docs, problems


def validate_paths(
    paths: Iterable[Path],
    today: dt.date,
    root: Path | None = None,
    stale_months: int = DEFAULT_MONTHS,
    record: Record | None = None,
    replaced: Mapping[str, SourceDoc] | None = None,
) -> ValidationResult:
    """Load and validate State files or folders, the record and the examples of the site at ``root``.

    Paths are shown relative to ``root`` (default: the current folder), where ``record/`` and
    ``examples/`` are read from; ``record`` is used instead of ``root/record`` when given.
    ``replaced`` maps a shown path (``states/SEN.yml``) to a document read elsewhere, validated
    in that file's place (whether the file exists or not): how ``pfp apply`` checks a received file.
    """
    base = root if root is not None else Path.cwd()
    problems: list[Problem] = []
    if record is None:
        record, problems = load_record(base)
    problems = [*problems, *check_site_files(base)]  # links, devices and unexpected files (SECURITY.md item 26)
    unreadable: dict[str, Language] = {}
    docs, found = _load_all(paths, root, replaced, unreadable)
    examples_dir = base / EXAMPLES_DIR
    examples, found_examples = _load_all([examples_dir], root) if examples_dir.is_dir() else ([], [])
    result = validate_documents(docs, today, [*problems, *found, *found_examples], stale_months, record, examples)
    result.languages.update(unreadable)
    return result


def shown_path(file: Path, root: Path | None = None) -> str:
    """How problems name ``file``: relative to ``root`` (default: the current folder) when inside it."""
    return _display(file, root)


def _display(file: Path, root: Path | None) -> str:
    try:
        # The folder is resolved, the file itself never: a link is shown where it is, not where it points.
        return str((file.parent.resolve() / file.name).relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(file)
