"""Dialogue (individualised-approach meeting) reports: ``content/dialogues/*.md``.

Their front matter (``title``, ``state``, ``date``, ``participants``,
``status``) is split off with python-frontmatter and read with the same strict
loader as State files, then validated like State data, with located problems.
Only ``status: final`` reports are published; a draft never becomes a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import frontmatter
from pydantic import Field

from build_hooks.diagnostics import Problem
from build_hooks.engine.load import MAX_BYTES, SourceDoc, load_text
from build_hooks.engine.model import Iso3, IsoDate, LanguageCode, Model, ShortText, Title
from build_hooks.engine.validate import make_problem, validate_model

DIALOGUE_DIR = Path("content") / "dialogues"


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
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [
            make_problem(
                shown,
                1,
                1,
                "yaml-too-large",
                f"the report is {len(raw) // 1024} KiB; the limit is {MAX_BYTES // 1024} KiB",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [make_problem(shown, 1, 1, "yaml-encoding", "the report is not UTF-8 text")]
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return None, [
            make_problem(
                shown,
                1,
                1,
                "schema-required",
                "the report has no front matter (title, state, date, participants, status)",
                "start the file with a '---' line, the five fields, and another '---' line",
            )
        ]
    front, _body = handler.split(text)
    doc, problems = load_text(shown, front)
    if doc is None:
        offset = text[: text.index(front)].count("\n")
        return None, [Problem(p.path, p.line + offset, p.col, p.severity, p.rule, p.message, p.hint) for p in problems]
    doc = _shift(doc, text[: text.index(front)].count("\n"))
    meta, problems = validate_model(DialogueMeta, doc, (), doc.data)
    if meta is None:
        return None, problems
    if meta.state not in states:
        line, col = doc.locate(("state",))
        problems.append(
            make_problem(
                shown,
                line,
                col,
                "ref-unknown-state",
                f"the report is about {meta.state}, but there is no states/{meta.state}.yml",
            )
        )
    if meta.date > today:
        line, col = doc.locate(("date",))
        problems.append(make_problem(shown, line, col, "date-future", f"the meeting date {meta.date} is in the future"))
    return (Dialogue(src_uri=src_uri, meta=meta) if not problems else None), problems


def load_dialogues(root: Path, states: set[str], today: dt.date) -> tuple[list[Dialogue], list[Problem]]:
    folder = root / DIALOGUE_DIR
    dialogues: list[Dialogue] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return dialogues, problems
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        shown = str(path.relative_to(root))
        dialogue, found = load_dialogue(path, shown, f"dialogues/{path.name}", states, today)
        problems += found
        if dialogue is not None:
            dialogues.append(dialogue)
    return dialogues, problems
