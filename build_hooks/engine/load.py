"""Read YAML as data, never as code, and remember where every value came from.

The loader walks PyYAML's event stream itself instead of using a constructor,
so it can refuse what a State file must never contain (tags, anchors and
aliases, duplicate keys, deep nesting, oversized or non-UTF-8 files) with a
located :class:`~build_hooks.diagnostics.Problem`, and resolve scalars by YAML
1.2 rules: ``NO`` stays the text "NO", ``0123`` and ``12:30`` stay text.
Walking events is iterative, so no input can raise ``RecursionError``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from build_hooks.diagnostics import Problem
from build_hooks.engine.files import read_capped
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
_BREAK_RE = re.compile(r"\r\n|\r|\n")


def _positioner(text: str) -> Any:
    """``_pos``, unless the text holds U+0085, U+2028 or U+2029: YAML starts a new line
    at those, editors and GitHub do not, so positions are recounted from the character index."""
    if not _ODD_BREAK_RE.search(text):
        return _pos
    starts = [0, *(m.end() for m in _BREAK_RE.finditer(text))]

    def pos(mark: Any) -> tuple[int, int]:
        line = bisect.bisect_right(starts, mark.index)
        return (line, mark.index - starts[line - 1] + 1)

    return pos


def _problem(path: str, pos: tuple[int, int], rule: str, message: str, hint: str) -> Problem:
    return Problem(path=path, line=pos[0], col=pos[1], severity="error", rule=rule, message=message, hint=hint)


def decode_source(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text with the size cap, UTF-8 check and BOM rule every State file gets."""
    if len(raw) > MAX_BYTES:
        return None, [
            _problem(
                path,
                (1, 1),
                "yaml-too-large",
                f"the file is {len(raw) // 1024} KiB; State files may be at most {MAX_BYTES // 1024} KiB",
                "split long texts, or ask the ISU whether this much belongs in one State file",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark is harmless: drop it, the same way on every run
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1  # characters, as in every other position
        return None, [
            _problem(
                path,
                (line, col),
                "yaml-encoding",
                f"byte {raw[exc.start]:#04x} is not valid UTF-8",
                "save the file as UTF-8 (most editors offer 'Save with encoding: UTF-8')",
            )
        ]
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return None, [
            _problem(
                path,
                (line, col),
                "yaml-encoding",
                "the file contains a NUL character",
                "remove the invisible character",
            )
        ]
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

    def refuse(rule: str, pos: tuple[int, int], message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [*problems, _problem(path, pos, rule, message, hint)]

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
                        "yaml-syntax",
                        pos,
                        "the file holds more than one YAML document",
                        "remove the second '---' line: a State file is one document",
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                return refuse(
                    "yaml-alias",
                    pos,
                    f"alias *{event.anchor} repeats another part of the file",
                    "write the value out in full: anchors (&) and aliases (*) are not allowed in State files",
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                return refuse(
                    "yaml-alias",
                    pos,
                    f"anchor &{anchor} marks a value for reuse",
                    "remove the &name marker: anchors (&) and aliases (*) are not allowed in State files",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                return refuse(
                    "yaml-tag",
                    pos,
                    f"the tag {tag} asks YAML to build a special object",
                    "remove the tag (the word starting with !); State files hold plain text, numbers, lists and mappings",
                )
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                finish(frame.container, frame.path, frame.pos, frame.discard)
                continue
            nodes += 1
            if nodes > MAX_NODES:
                return refuse(
                    "yaml-too-large",
                    pos,
                    f"the file has more than {MAX_NODES} values",
                    "a State file this large is almost certainly a mistake; split or shorten it",
                )
            child, discard = place(pos)
            if isinstance(event, yaml.ScalarEvent):
                value = resolve_scalar(event.value, not event.style)  # plain: None (Python) or '' (libyaml)
                if child is None:  # a mapping key
                    frame = stack[-1]
                    key = event.value
                    if key in frame.keys:
                        first = frame.keys[key]
                        problems.append(
                            _problem(
                                path,
                                pos,
                                "yaml-duplicate-key",
                                f"the key '{key}' appears twice in the same mapping (first on line {first[0]})",
                                f"keep one '{key}' (lines {first[0]} and {pos[0]}) and delete the other",
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
                return refuse(
                    "yaml-syntax",
                    pos,
                    "a key must be plain text, not a list or mapping",
                    "check the indentation and the '?' or '[' before the colon",
                )
            if len(stack) >= MAX_DEPTH:
                return refuse("yaml-too-deep", pos, *_TOO_DEEP)
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            stack.append(_Frame(container=container, path=child, pos=pos, discard=discard))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = position(mark) if mark is not None else (1, 1)
        problem_text = exc.problem or exc.context or "the YAML could not be read"
        if "nesting depth" in problem_text:  # libyaml's own cap, met while scanning ahead of the check above
            return refuse("yaml-too-deep", pos, *_TOO_DEEP)
        return refuse(
            "yaml-syntax",
            pos,
            f"YAML syntax: {problem_text}",
            "check the indentation, that every ':' after a key is followed by a space, "
            "and quote text that contains ': ' or starts with a special character",
        )
    except yaml.YAMLError as exc:
        return refuse("yaml-syntax", (1, 1), f"YAML syntax: {exc}", "check that the file is YAML")
    if problems:
        return None, problems
    return SourceDoc(path=path, data=root, positions=positions, key_positions=key_positions, text=text), []


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_TOO_DEEP = (
    f"values are nested more than {MAX_DEPTH} levels deep",
    "a State file needs at most 6 levels; check the indentation and brackets",
)
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
        return (
            raw,
            None,
            [
                _problem(
                    shown,
                    (1, 1),
                    "yaml-too-large",
                    f"the file is {max(size, len(raw)) // 1024} KiB; State files may be at most {MAX_BYTES // 1024} KiB",
                    "split long texts, or ask the ISU whether this much belongs in one State file",
                )
            ],
        )
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
