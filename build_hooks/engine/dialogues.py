"""Dialogue (individualised-approach meeting) reports: ``content/dialogues/**/*.md``, and their translations.

Their front matter (``title``, ``state``, ``date``, ``participants``,
``status``, ``language``) is split off with python-frontmatter and read with the same strict
loader as State files, then validated like State data, with located problems; any other
key is an error (``dialogue-unknown-key``): Material reads keys such as ``template``,
``description`` or ``hide`` from a page, so none of the report's may reach it. The site
publishes a final report as a generated page whose front matter it writes itself, with the
body rendered by the one sanitiser (``site/sanitise.py``). Only ``status: final`` reports
are published; a draft never becomes a page.

A report may be translated: ``content/fr/dialogues/<name>.md`` (or ``es``) with the file name
of the report it translates, read and checked the same way. Its ``language`` is its folder's
(an absent key means that language), and its ``state`` and ``date``, which it may leave out,
are the report's (``dialogue-translation``); ``participants`` left out are the report's. The
French site publishes the final French translation of a published report, and the report
itself, marked with its language, where there is none (or only a draft).

A report anywhere else under ``content/`` (another folder of a language, a folder spelled
``Dialogues``, a page with a report's front matter, a translation of no report) is refused
(``dialogue-place``), so no draft can slip past by its place (SECURITY.md item 26).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import frontmatter
from pydantic import Field

from build_hooks.diagnostics import Problem, Text
from build_hooks.diagnostics import shown as quoted
from build_hooks.engine.files import read_capped
from build_hooks.engine.load import MAX_BYTES, SourceDoc, load_text
from build_hooks.engine.model import Iso3, IsoDate, LanguageCode, Model, ShortText, Title
from build_hooks.engine.validate import make_problem, validate_model
from build_hooks.i18n import DEFAULT_LANGUAGE, LANGUAGES

CONTENT_DIR = Path("content")
DIALOGUE_DIR = CONTENT_DIR / "dialogues"
# The folders of the translations: content/fr/dialogues/, content/es/dialogues/.
TRANSLATION_DIRS = {lang: CONTENT_DIR / lang / "dialogues" for lang in LANGUAGES if lang != DEFAULT_LANGUAGE}
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


class TranslationMeta(Model):
    """Front matter of a translation of a dialogue report (``content/<lang>/dialogues/``)."""

    title: Title
    state: Iso3 | None = Field(default=None, description="The report's State, if given.")
    date: IsoDate | None = Field(default=None, description="The report's meeting date, if given.")
    participants: Annotated[list[ShortText], Field(min_length=1)] | None = Field(
        default=None, description="The participants, translated; the report's when left out."
    )
    status: Literal["draft", "final"] = Field(description="Only final translations are published.")
    language: LanguageCode | None = Field(default=None, description="The translation's language: its folder's.")


@dataclass(frozen=True)
class Version:
    """The text of a report in one language: the report itself or a translation of it."""

    title: str
    participants: tuple[str, ...]
    language: str
    body: str  # Markdown, after the front matter (rendered by the site's sanitiser)


@dataclass(frozen=True)
class Dialogue:
    src_uri: str  # relative to content/, e.g. dialogues/khm-2026.md
    meta: DialogueMeta
    body: str = ""  # the report's Markdown, after the front matter (rendered by the site's sanitiser)
    # language -> its final translation (drafts are never kept: they are never published)
    translations: tuple[tuple[str, Version], ...] = ()

    @property
    def published(self) -> bool:
        return self.meta.status == "final"

    @property
    def original(self) -> Version:
        m = self.meta
        return Version(m.title, tuple(m.participants), m.language, self.body)

    def version(self, lang: str) -> Version:
        """What a site in ``lang`` shows: the report in that language, or the original (marked by the site)."""
        return dict(self.translations).get(lang, self.original)


def _shift(doc: SourceDoc, lines: int) -> SourceDoc:
    """Positions in the front matter are relative to it; make them relative to the file."""
    return SourceDoc(
        path=doc.path,
        data=doc.data,
        positions={k: (line + lines, col) for k, (line, col) in doc.positions.items()},
        key_positions={k: (line + lines, col) for k, (line, col) in doc.key_positions.items()},
        text=doc.text,
    )


def _read_report(path: Path, shown: str, model: type[Model]) -> tuple[SourceDoc | None, Any, str, list[Problem]]:
    """(the front matter as read, the validated model or None, the body, problems) of one report file."""
    raw, size, problems = read_capped(path, shown, MAX_BYTES)
    if raw is None:
        return None, None, "", problems
    if max(size, len(raw)) > MAX_BYTES:
        message = Text("problem.report_too_large", size=max(size, len(raw)) // 1024, limit=MAX_BYTES // 1024)
        return None, None, "", [make_problem(shown, 1, 1, "yaml-too-large", message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, None, "", [make_problem(shown, 1, 1, "yaml-encoding", Text("problem.report_not_utf8"))]
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        message, hint = Text("problem.report_no_front_matter"), Text("problem.report_no_front_matter_hint")
        return None, None, "", [make_problem(shown, 1, 1, "schema-required", message, hint)]
    front, body = handler.split(text)
    doc, problems = load_text(shown, front)
    if doc is None:
        offset = text[: text.index(front)].count("\n")
        moved = [Problem(p.path, p.line + offset, p.col, p.severity, p.rule, p.message, p.hint) for p in problems]
        return None, None, "", moved
    doc = _shift(doc, text[: text.index(front)].count("\n"))
    unknown = _unknown_keys(doc, shown, model)
    meta, problems = validate_model(model, doc, (), doc.data)
    return doc, meta, body, [*unknown, *problems]


def load_dialogue(
    path: Path, shown: str, src_uri: str, states: set[str], today: dt.date
) -> tuple[Dialogue | None, list[Problem]]:
    doc, meta, body, problems = _read_report(path, shown, DialogueMeta)
    if doc is None or meta is None:
        return None, problems
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


def load_translation(path: Path, shown: str, lang: str, report: Dialogue) -> tuple[Version | None, list[Problem]]:
    """A translation of ``report`` into ``lang``: its text when it is final and agrees with the report."""
    doc, meta, body, problems = _read_report(path, shown, TranslationMeta)
    if doc is None or meta is None:
        return None, problems
    original = report.meta
    for key, given, expected in (
        ("language", meta.language, lang),
        ("state", meta.state, original.state),
        ("date", meta.date, original.date),
    ):
        if given is None or given == expected:
            continue
        line, col = doc.locate((key,))
        if key == "language":
            message = Text("problem.translation_language", given=given, lang=lang)
            hint = Text("problem.translation_language_hint", given=given, lang=lang)
        else:
            message = Text(
                "problem.translation_differs", key=key, given=given, report=report.src_uri, expected=expected
            )
            hint = Text("problem.translation_differs_hint", key=key)
        problems.append(make_problem(shown, line, col, "dialogue-translation", message, hint))
    if lang == original.language:
        message = Text("problem.translation_same_language", report=report.src_uri, lang=lang)
        problems.append(
            make_problem(shown, 1, 1, "dialogue-translation", message, Text("problem.translation_same_language_hint"))
        )
    if problems or meta.status != "final":
        return None, problems
    participants = tuple(meta.participants) if meta.participants is not None else tuple(original.participants)
    return Version(meta.title, participants, lang, body), []


def _unknown_keys(doc: SourceDoc, shown: str, model: type[Model] = DialogueMeta) -> list[Problem]:
    """Every front-matter key the report model does not define: an error at the key."""
    if not isinstance(doc.data, dict):
        return []
    known = list(model.model_fields)
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
    """Reports, or files in a folder named like the reports', anywhere under content/ but the reports' folders."""
    problems: list[Problem] = []
    content = root / CONTENT_DIR
    hint = Text("problem.report_move_hint")
    read_elsewhere = {("dialogues",), *((lang, "dialogues") for lang in TRANSLATION_DIRS)}
    for folder, dirs, names in os.walk(content):  # os.walk never follows a link into a folder
        here = Path(folder)
        rel = here.relative_to(content)
        if rel.parts[:1] in read_elsewhere or rel.parts[:2] in read_elsewhere:
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


def _pages_in(root: Path, folder: Path) -> list[tuple[Path, str, str]]:
    """(path, as shown, src_uri relative to the folder's language root) of every page in a reports folder.

    Every page in the folder and its subfolders is a report (links are refused as files: file-symlink).
    """
    base = root / folder
    if not base.is_dir() or base.is_symlink():
        return []
    pages = sorted(p for p in base.rglob("*") if p.suffix == ".md" and not p.is_symlink())
    return [(p, p.relative_to(root).as_posix(), "dialogues/" + p.relative_to(base).as_posix()) for p in pages]


def _is_index(shown: str, src_uri: str) -> list[Problem]:
    if src_uri != "dialogues/index.md":
        return []
    message, hint = Text("problem.report_named_index"), Text("problem.report_named_index_hint")
    return [make_problem(shown, 1, 1, "dialogue-place", message, hint)]


def load_dialogues(root: Path, states: set[str], today: dt.date) -> tuple[list[Dialogue], list[Problem]]:
    """Every report under content/dialogues/ with its final translations; drafts are kept (never published)."""
    dialogues: list[Dialogue] = []
    problems: list[Problem] = _misplaced(root) if (root / CONTENT_DIR).is_dir() else []
    for path, shown, src_uri in _pages_in(root, DIALOGUE_DIR):
        problems += (index := _is_index(shown, src_uri))
        if index:
            continue
        dialogue, found = load_dialogue(path, shown, src_uri, states, today)
        problems += found
        if dialogue is not None:
            dialogues.append(dialogue)
    reports = {d.src_uri: d for d in dialogues}
    every_report = {src_uri for _, _, src_uri in _pages_in(root, DIALOGUE_DIR)}  # a report with errors too
    translations: dict[str, dict[str, Version]] = {}
    for lang, folder in TRANSLATION_DIRS.items():
        for path, shown, src_uri in _pages_in(root, folder):
            problems += (index := _is_index(shown, src_uri))
            if index:
                continue
            report = reports.get(src_uri)
            if report is None:
                if src_uri not in every_report:
                    message = Text("problem.translation_of_nothing", report=f"content/{src_uri}")
                    hint = Text("problem.translation_of_nothing_hint")
                    problems.append(make_problem(shown, 1, 1, "dialogue-place", message, hint))
                continue  # the report's own problems are reported at the report
            version, found = load_translation(path, shown, lang, report)
            problems += found
            if version is not None:
                translations.setdefault(src_uri, {})[lang] = version
    out = [
        dataclasses.replace(d, translations=tuple(sorted(translations.get(d.src_uri, {}).items()))) for d in dialogues
    ]
    return out, problems
