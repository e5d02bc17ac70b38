"""Dialogue (individualised-approach meeting) reports: ``content/dialogues/**/*.md``.

Their front matter (``title``, ``state``, ``date``, ``participants``,
``status``, ``language``) is split off with python-frontmatter and read with the same strict
loader as State files, then validated like State data, with located problems; any other
key is an error (``dialogue-unknown-key``): Material reads keys such as ``template``,
``description`` or ``hide`` from a page, so none of the report's may reach it. The site
publishes a final report as a generated page whose front matter it writes itself, with the
body rendered by the one sanitiser (``site/sanitise.py``). Only ``status: final`` reports
are published; a draft never becomes a page. A report anywhere else under ``content/`` (a
language folder, a folder spelled ``Dialogues``, a page with a report's front matter) is
refused (``dialogue-place``), so no draft can slip past by its place (SECURITY.md item 26).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import frontmatter
from pydantic import Field

from build_hooks.diagnostics import Problem, Text
from build_hooks.diagnostics import shown as quoted
from build_hooks.engine.files import read_capped
from build_hooks.engine.load import MAX_BYTES, SourceDoc, load_text
from build_hooks.engine.model import Iso3, IsoDate, LanguageCode, Model, ShortText, Title
from build_hooks.engine.validate import make_problem, validate_model

CONTENT_DIR = Path("content")
DIALOGUE_DIR = CONTENT_DIR / "dialogues"
# A key of a report's front matter, as MkDocs would read it (``---`` block or MultiMarkdown lines).
_REPORT_KEY = re.compile(r"^(?:state|participants|status)[ \t]*:", re.I | re.M)
_HEAD_LINES = 60


class DialogueMeta(Model):
    """Front matter of a dialogue report."""

    title: Title
    state: Iso3
    date: IsoDate = Field(description="The date of the meeting.")
    participants: Annotated[list[ShortText], Field(min_length=1)]
    status: Literal["draft", "final"] = Field(description="Only final reports are published.")
    language: LanguageCode = Field(default="en", description="The language the report is written in.")


@dataclass(frozen=True)
class Dialogue:
    src_uri: str  # relative to content/, e.g. dialogues/khm-2026.md
    meta: DialogueMeta
    body: str = ""  # the report's Markdown, after the front matter (rendered by the site's sanitiser)

    @property
    def published(self) -> bool:
        return self.meta.status == "final"


def _shift(doc: SourceDoc, lines: int) -> SourceDoc:
    """Positions in the front matter are relative to it; make them relative to the file."""
    return SourceDoc(
        path=doc.path,
        data=doc.data,
        positions={k: (line + lines, col) for k, (line, col) in doc.positions.items()},
        key_positions={k: (line + lines, col) for k, (line, col) in doc.key_positions.items()},
        text=doc.text,
    )


def load_dialogue(
    path: Path, shown: str, src_uri: str, states: set[str], today: dt.date
) -> tuple[Dialogue | None, list[Problem]]:
    raw, size, problems = read_capped(path, shown, MAX_BYTES)
    if raw is None:
        return None, problems
    if max(size, len(raw)) > MAX_BYTES:
        return None, [
            make_problem(
                shown,
                1,
                1,
                "yaml-too-large",
                Text("problem.report_too_large", size=max(size, len(raw)) // 1024, limit=MAX_BYTES // 1024),
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [make_problem(shown, 1, 1, "yaml-encoding", Text("problem.report_not_utf8"))]
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return None, [
            make_problem(
                shown,
                1,
                1,
                "schema-required",
                Text("problem.report_no_front_matter"),
                Text("problem.report_no_front_matter_hint"),
            )
        ]
    front, body = handler.split(text)
    doc, problems = load_text(shown, front)
    if doc is None:
        offset = text[: text.index(front)].count("\n")
        return None, [Problem(p.path, p.line + offset, p.col, p.severity, p.rule, p.message, p.hint) for p in problems]
    doc = _shift(doc, text[: text.index(front)].count("\n"))
    unknown = _unknown_keys(doc, shown)
    meta, problems = validate_model(DialogueMeta, doc, (), doc.data)
    if meta is None:
        return None, [*unknown, *problems]
    problems = [*unknown, *problems]
    if meta.state not in states:
        line, col = doc.locate(("state",))
        problems.append(
            make_problem(
                shown,
                line,
                col,
                "ref-unknown-state",
                Text("problem.report_unknown_state", code=meta.state, path=f"states/{meta.state}.yml"),
            )
        )
    if meta.date > today:
        line, col = doc.locate(("date",))
        message = Text("problem.report_date_future", date=meta.date.isoformat())
        problems.append(make_problem(shown, line, col, "date-future", message))
    return (Dialogue(src_uri=src_uri, meta=meta, body=body) if not problems else None), problems


def _unknown_keys(doc: SourceDoc, shown: str) -> list[Problem]:
    """Every front-matter key the report model does not define: an error at the key."""
    if not isinstance(doc.data, dict):
        return []
    known = list(DialogueMeta.model_fields)
    problems = []
    for key in doc.data:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key).lower(), known, n=1, cutoff=0.6)
        keys = Text("problem.report_keys", keys=", ".join(known))
        hint = Text("problem.did_you_mean_then", close=close[0], then=keys) if close else keys
        line, col = doc.locate_key((key,))
        message = Text("problem.report_unknown_key", name=key if len(str(key)) <= 40 else quoted(key, 40))
        problems.append(make_problem(shown, line, col, "dialogue-unknown-key", message, hint))
    return problems


def _misplaced(root: Path) -> list[Problem]:
    """Reports, or files in a folder named like the reports', anywhere under content/ but content/dialogues/."""
    problems: list[Problem] = []
    content = root / CONTENT_DIR
    hint = Text("problem.report_move_hint")
    for folder, dirs, names in os.walk(content):  # os.walk never follows a link into a folder
        here = Path(folder)
        rel = here.relative_to(content)
        if rel.parts[:1] == ("dialogues",):
            dirs[:] = []
            continue
        in_reports_folder = any(part.lower() == "dialogues" for part in rel.parts)
        for name in sorted(names):
            path = here / name
            shown = path.relative_to(root).as_posix()
            if in_reports_folder:
                message = Text("problem.report_folder_elsewhere")
                problems.append(make_problem(shown, 1, 1, "dialogue-place", message, hint))
                continue
            if path.suffix.lower() not in {".md", ".markdown", ".mdown", ".mkdn", ".mkd"} or path.is_symlink():
                continue  # not a page (file-type and file-symlink refuse what must be refused)
            raw, _, _ = read_capped(path, shown, MAX_BYTES)
            head = "\n".join((raw or b"").decode("utf-8", "replace").splitlines()[:_HEAD_LINES])
            if _REPORT_KEY.search(_front(head)):
                message = Text("problem.report_front_matter_elsewhere")
                problems.append(make_problem(shown, 1, 1, "dialogue-place", message, hint))
    return problems


def _front(head: str) -> str:
    """The part of a page's first lines MkDocs reads as metadata: a ``---`` block, or the lines before a blank one."""
    lines = head.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in {"---", "..."}), len(lines))
        return "\n".join(lines[1:end])
    return "\n".join(lines[: next((i for i, line in enumerate(lines) if not line.strip()), len(lines))])


def load_dialogues(root: Path, states: set[str], today: dt.date) -> tuple[list[Dialogue], list[Problem]]:
    folder = root / DIALOGUE_DIR
    dialogues: list[Dialogue] = []
    problems: list[Problem] = _misplaced(root) if (root / CONTENT_DIR).is_dir() else []
    if not folder.is_dir() or folder.is_symlink():
        return dialogues, problems
    # Every page in the folder and its subfolders is a report (links are refused as files: file-symlink).
    for path in sorted(p for p in folder.rglob("*") if p.suffix == ".md" and not p.is_symlink()):
        shown = path.relative_to(root).as_posix()
        src_uri = path.relative_to(root / CONTENT_DIR).as_posix()
        if src_uri == "dialogues/index.md":
            message = Text("problem.report_named_index")
            problems.append(
                make_problem(shown, 1, 1, "dialogue-place", message, Text("problem.report_named_index_hint"))
            )
            continue
        dialogue, found = load_dialogue(path, shown, src_uri, states, today)
        problems += found
        if dialogue is not None:
            dialogues.append(dialogue)
    return dialogues, problems
