"""Read YAML as data, never as code, and remember where every value came from.

The loader walks PyYAML's event stream itself instead of using a constructor,
so it can refuse what a State file must never contain (tags, anchors and
aliases, duplicate keys, deep nesting, oversized or non-UTF-8 files) with a
located :class:`~build_hooks.diagnostics.Problem`, and resolve scalars by YAML
1.2 rules: ``NO`` stays the text "NO", ``0123`` and ``12:30`` stay text.
Walking events is iterative, so no input can raise ``RecursionError``.

A syntax error is named in plain words where the mistake is (:mod:`~build_hooks.engine.syntax`),
not where the parser gave up; every problem found here says what to type, in English, French
or Spanish (``syntax.*`` and ``file.*`` in the catalogues), and shows its line with a marker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from build_hooks.diagnostics import Problem, Text
from build_hooks.engine.files import read_capped
from build_hooks.engine.syntax import Diagnosis, Stop, dash_without_space, diagnose
from build_hooks.engine.yamltext import LINE_BREAK_RE, as_text, excerpt, shorten, split_lines
from build_hooks.gitrepo import STATES_DIR, Revision, is_state_file, list_files, read_files

MAX_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_NODES = 50_000

Path_ = tuple[str | int, ...]

try:  # the C parser emits the same events, with marks, much faster
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = yaml.SafeLoader

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")


@dataclass(frozen=True)
class SourceDoc:
    """One loaded file: its data and the position of every value and key."""

    path: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str = ""

    def locate(self, path: Path_) -> tuple[int, int]:
        """The (line, col) of the value at ``path``, or of its nearest located parent."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(path[:end])
            if pos is not None:
                return pos
        return (1, 1)

    @cached_property
    def lines(self) -> list[str]:
        """The file's lines as YAML counts them (split at line feeds only)."""
        return [line.removesuffix("\r") for line in self.text.split("\n")]

    def rest_of_line(self, line: int, col: int) -> str:
        """What is written from (line, col) to the end of that line ("" outside the file)."""
        return self.lines[line - 1][col - 1 :] if 1 <= line <= len(self.lines) else ""

    def locate_key(self, path: Path_) -> tuple[int, int]:
        """The (line, col) of the key that holds ``path``, falling back to the value."""
        return self.key_positions.get(path) or self.locate(path)


def resolve_scalar(value: str, plain: bool) -> Any:
    """YAML 1.2 core resolution for plain scalars; quoted scalars are always text."""
    if not plain:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT_RE.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts: a float (infinity), refused by the schema
            return float(value)
    if _FLOAT_RE.match(value):
        return float(value)
    return value


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


_ODD_BREAK_RE = re.compile("[\x85\u2028\u2029]")


def _positioner(text: str) -> Any:
    """``_pos``, unless the text holds U+0085, U+2028 or U+2029: YAML starts a new line
    at those, editors and GitHub do not, so positions are recounted from the character index."""
    if not _ODD_BREAK_RE.search(text):
        return _pos
    starts = [0, *(m.end() for m in LINE_BREAK_RE.finditer(text))]

    def pos(mark: Any) -> tuple[int, int]:
        line = bisect.bisect_right(starts, mark.index)
        return (line, mark.index - starts[line - 1] + 1)

    return pos


def _problem(
    path: str, pos: tuple[int, int], rule: str, message: Text, hint: Text, lines: list[str] | None = None
) -> Problem:
    """An error at ``pos``; with the file's ``lines``, it shows its line with a marker under the column."""
    line, col = pos
    shown = excerpt(lines[line - 1], line, col) if lines is not None and 1 <= line <= len(lines) else ""
    return Problem(
        path=path, line=line, col=col, severity="error", rule=rule, message=message, hint=hint, excerpt=shown
    )


def _too_large(path: str, size: int) -> Problem:
    return _problem(
        path,
        (1, 1),
        "yaml-too-large",
        Text("file.too_large", size=size // 1024, limit=MAX_BYTES // 1024),
        Text("file.too_large_hint"),
    )


def _where(before: str) -> tuple[int, int]:
    """The (line, col) just after ``before``, the text from the start of the file."""
    lines = split_lines(before)
    return len(lines), len(lines[-1]) + 1  # characters, as in every other position


def decode_source(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text with the size cap, UTF-8 check and BOM rule every State file gets."""
    if len(raw) > MAX_BYTES:
        return None, [_too_large(path, len(raw))]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark is harmless: drop it, the same way on every run
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        pos = _where(raw[: exc.start].decode("utf-8"))
        lines = split_lines(raw.decode("utf-8", errors="replace"))
        message = Text("file.not_utf8", byte=f"{raw[exc.start]:#04x}")
        return None, [_problem(path, pos, "yaml-encoding", message, Text("file.not_utf8_hint"), lines)]
    nul = text.find("\x00")
    if nul >= 0:
        pos = _where(text[:nul])
        return None, [_problem(path, pos, "yaml-encoding", Text("file.nul"), Text("file.nul_hint"), split_lines(text))]
    return text, []


def load_text(path: str, text: str) -> tuple[SourceDoc | None, list[Problem]]:
    """Parse YAML text into plain data plus positions, or explain why not."""
    positions: dict[Path_, tuple[int, int]] = {}
    key_positions: dict[Path_, tuple[int, int]] = {}
    problems: list[Problem] = []
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    nodes = 0
    position = _positioner(text)
    lines: list[str] = []

    def source() -> list[str]:
        """The file's lines, split once, when a problem shows one."""
        if not lines:
            lines.extend(split_lines(text))
        return lines

    def refuse(rule: str, pos: tuple[int, int], message: Text, hint: Text) -> tuple[None, list[Problem]]:
        return None, [*problems, _problem(path, pos, rule, message, hint, source())]

    def place(pos: tuple[int, int]) -> tuple[Path_ | None, bool]:
        """Where the next value goes: its path (None for a key) and whether it is discarded."""
        if not stack:
            return (), False
        frame = stack[-1]
        if frame.discard:
            return frame.path, True
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container)), False
        if frame.key is _NO_KEY:
            return None, False
        if frame.key is _DUP_KEY:
            return frame.path, True
        return (*frame.path, frame.key), False

    def finish(value: Any, child: Path_, pos: tuple[int, int], discard: bool) -> None:
        nonlocal root
        if discard:
            if stack and not stack[-1].discard:
                stack[-1].key = _NO_KEY
            return
        positions[child] = pos
        if not stack:
            root = value
            return
        frame = stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
        else:
            frame.container[frame.key] = value
            key_positions[child] = frame.keys[frame.key]
            frame.key = _NO_KEY

    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            pos = position(event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    return refuse(
                        "yaml-syntax", pos, Text("syntax.second_document"), Text("syntax.second_document_hint")
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                name = shorten(event.anchor or "")
                return refuse("yaml-alias", pos, Text("syntax.alias", name=name), _as_text_hint(source(), pos, True))
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                name = shorten(anchor)
                return refuse("yaml-alias", pos, Text("syntax.anchor", name=name), _as_text_hint(source(), pos))
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                written = _written(source(), pos, "!") or tag
                return refuse("yaml-tag", pos, Text("syntax.tag", tag=shorten(written)), _tag_hint(source(), pos))
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                finish(frame.container, frame.path, frame.pos, frame.discard)
                continue
            nodes += 1
            if nodes > MAX_NODES:
                return refuse(
                    "yaml-too-large",
                    pos,
                    Text("syntax.too_many_values", limit=MAX_NODES),
                    Text("syntax.too_many_values_hint"),
                )
            child, discard = place(pos)
            if isinstance(event, yaml.ScalarEvent):
                value = resolve_scalar(event.value, not event.style)  # plain: None (Python) or '' (libyaml)
                if child is None:  # a mapping key
                    frame = stack[-1]
                    key = event.value
                    dash = _dash_key(source(), pos) if key[:1] == "-" and not event.style else None
                    if dash is not None:  # `-id: SEN-N-001`: an item without the space after its `-`
                        where = (dash.line, dash.col)
                        problems.append(_problem(path, where, "yaml-syntax", dash.message, dash.hint, source()))
                        frame.key = _DUP_KEY
                        continue
                    if key in frame.keys:
                        first = frame.keys[key][0]
                        name = shorten(key)
                        problems.append(
                            _problem(
                                path,
                                pos,
                                "yaml-duplicate-key",
                                Text("syntax.duplicate_key", name=name, first=first),
                                Text("syntax.duplicate_key_hint", name=name, first=first, line=pos[0]),
                                source(),
                            )
                        )
                        frame.key = _DUP_KEY
                        continue
                    frame.keys[key] = pos
                    frame.key = key
                    continue
                finish(value, child, pos, discard)
                continue
            if child is None:
                return refuse("yaml-syntax", pos, Text("syntax.complex_key"), Text("syntax.complex_key_hint"))
            if len(stack) >= MAX_DEPTH:
                return refuse("yaml-too-deep", pos, *_too_deep())
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            stack.append(_Frame(container=container, path=child, pos=pos, discard=discard))
    except yaml.MarkedYAMLError as exc:
        last = syntax_problem(path, text, exc)
        return None, problems if last in problems else [*problems, last]  # `-id:` is named once
    except yaml.reader.ReaderError as exc:  # a character YAML does not accept anywhere (a control character)
        line, col = _where(text[: exc.position])
        return refuse(
            "yaml-syntax",
            (line, col),
            Text("syntax.control_char", line=line, col=col),
            Text("syntax.control_char_hint"),
        )
    except yaml.YAMLError:
        return refuse("yaml-syntax", (1, 1), Text("syntax.not_yaml"), Text("syntax.not_yaml_hint"))
    if problems:
        return None, problems
    return SourceDoc(path=path, data=root, positions=positions, key_positions=key_positions, text=text), []


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _dash_key(lines: list[str], pos: tuple[int, int]) -> Diagnosis | None:
    """A key written first on its line as ``-id`` (never a State file's key): the ``-`` lacks its space."""
    line, col = pos
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    return dash_without_space(text, line) if text[: col - 1].strip() == "" else None


def syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The problem a parser's error on ``text`` stands for: the mistake named where it is
    (:mod:`build_hooks.engine.syntax`), with its line shown. For any code that parses a State file."""
    position = _positioner(text)
    lines = split_lines(text)
    mark = exc.problem_mark or exc.context_mark
    pos = position(mark) if mark is not None else (1, 1)
    if "nesting depth" in (exc.problem or ""):  # libyaml's own cap, met while scanning ahead of the check above
        return _problem(path, pos, "yaml-too-deep", *_too_deep(), lines)
    context = position(exc.context_mark) if exc.context_mark is not None else None
    stop = Stop(pos[0], pos[1], problem=exc.problem or "", context=exc.context or "", context_pos=context)
    found = diagnose(lines, stop)
    return _problem(path, (found.line, found.col), "yaml-syntax", found.message, found.hint, lines)


def _too_deep() -> tuple[Text, Text]:
    return Text("syntax.too_deep", limit=MAX_DEPTH), Text("syntax.too_deep_hint")


def _written(lines: list[str], pos: tuple[int, int], start: str) -> str:
    """The word written at ``pos`` (up to a space), when it starts with ``start``."""
    line, col = pos
    word = lines[line - 1][col - 1 :].split(None, 1) if 1 <= line <= len(lines) else []
    return word[0] if word and word[0].startswith(start) else ""


def _as_text_hint(lines: list[str], pos: tuple[int, int], alias: bool = False) -> Text:
    """For ``title: *x`` or ``title: &x text``: say how to keep it as text; else: write the value out."""
    line, col = pos
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    rest = text[col - 1 :].split(None, 1)[1:] if text[col - 1 : col] in ("*", "&") else []
    fixed = as_text(text, col) if alias or (rest and rest[0][:1] not in ("[", "{", "#")) else None
    return Text("syntax.alias_text_hint", fixed=fixed) if fixed else Text("syntax.alias_hint")


def _tag_hint(lines: list[str], pos: tuple[int, int]) -> Text:
    """``!!python/...`` is YAML on purpose; ``title: !important`` is a text that needs quotes."""
    line, col = pos
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    fixed = as_text(text, col) if text[col - 1 : col] == "!" and text[col : col + 1] != "!" else None
    return Text("syntax.tag_text_hint", fixed=fixed) if fixed else Text("syntax.tag_hint")


_NO_KEY: Any = _Marker("NO_KEY")
_DUP_KEY: Any = _Marker("DUP_KEY")


@dataclass
class _Frame:
    container: Any
    path: Path_
    pos: tuple[int, int]
    discard: bool
    key: Any = _NO_KEY
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)


def read_source(path: Path, display: str | None = None) -> tuple[bytes, str | None, list[Problem]]:
    """A file's bytes and its text, with the checks every State file gets before it is parsed:
    no link or special file, the size cap (applied before reading it all), UTF-8, no NUL."""
    shown = display or str(path)
    raw, size, problems = read_capped(path, shown, MAX_BYTES, unreadable="yaml-syntax")
    if raw is None:
        return b"", None, problems
    if size > MAX_BYTES or len(raw) > MAX_BYTES:
        return raw, None, [_too_large(shown, max(size, len(raw)))]
    text, problems = decode_source(shown, raw)
    return raw, text, problems


def load_file(path: Path, display: str | None = None) -> tuple[SourceDoc | None, list[Problem]]:
    """Read a file from disk with the size cap applied before parsing; a link or special file is not opened."""
    shown = display or str(path)
    _raw, text, problems = read_source(path, shown)
    if text is None:
        return None, problems
    return load_text(shown, text)


def load_bytes(path: str, raw: bytes | None) -> SourceDoc | None:
    """A file's bytes (as read from git) as a document: None when absent, ``data=None`` when unreadable."""
    if raw is None:
        return None
    text, _ = decode_source(path, raw)
    doc = load_text(path, text)[0] if text is not None else None
    return doc if doc is not None else SourceDoc(path=path, data=None)


def load_state_files_at(root: Path, rev: Revision, folder: str = STATES_DIR) -> dict[str, SourceDoc | None]:
    """Every State file at ``rev``: path -> loaded document (``data=None`` when it does not parse)."""
    paths = [p for p in list_files(root, rev, folder) if is_state_file(p, folder)]
    return {path: load_bytes(path, raw) for path, raw in read_files(root, rev, paths).items()}
