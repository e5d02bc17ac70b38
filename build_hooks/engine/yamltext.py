"""A YAML file read the way its author wrote it, line by line, and a line shown with a marker.

The parser knows where it stopped; a person needs to know what they typed. These helpers
read lines as text (a ``key: value`` line, a ``- item``, where a quote or a bracket closes,
where a value starts) for :mod:`build_hooks.engine.syntax`, and show a line of the file
with a ``^`` under a column (:func:`excerpt`), the way every problem found while loading a
file is printed (``Problem.excerpt``). Nothing here parses YAML; every function is plain
string work, linear in the length of what it reads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from build_hooks.engine import model

LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
# `  - key: value`: the lead (indentation and dashes), the key, the value (everything after ": ").
KEY_RE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[^\s#'\"\[\]{},:&*!|>%@`-][^:#]*):(?:[ \t]+|$)")
ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)-(?:[ \t]+|$)")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LOOKBACK = 40  # lines searched above the parser's stop for the mistake
_SHORT = 80


@cache
def field_names() -> frozenset[str]:
    """Every key a State file may hold, at any level (``role``, ``status``, ``currency``...)."""
    names: set[str] = set()
    pending: list[type[model.Model]] = [model.Model]
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        names |= {field.alias or name for name, field in cls.model_fields.items()}
    return frozenset(names)


def split_lines(text: str) -> list[str]:
    """The file's lines as the parser and an editor count them (at CR LF, CR or LF)."""
    return LINE_BREAK_RE.split(text)


# --------------------------------------------------------------------------------------
# Showing a line
# --------------------------------------------------------------------------------------


def visible(text: str) -> str:
    """Text safe to print on a terminal: control and direction-changing characters shown as U+FFFD."""
    return "".join("\ufffd" if (unicodedata.category(c) == "Cc" and c != "\t") or c in _BIDI else c for c in text)


def _width(c: str) -> int:
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def excerpt(line_text: str, line: int, col: int, width: int = 100) -> str:
    """The line, numbered, with a ``^`` under column ``col``; a long line is cut around the column.

    ::

          7 |     title: Phase 2: clearance
            |            ^
    """
    text = visible(line_text)
    index = max(0, min(col - 1, len(text)))
    start = 0
    if len(text) > width:
        start = max(0, min(index - width // 2, len(text) - width))
    shown = text[start : start + width]
    before = text[start:index]
    if start > 0:
        shown, before = "…" + shown, "…" + before
    if start + width < len(text):
        shown += "…"
    pad = "".join("\t" if c == "\t" else " " * _width(c) for c in before)
    number = str(line)
    return f"  {number} | {shown}".rstrip(" ") + f"\n  {' ' * len(number)} | {pad}^"


def shorten(code: str) -> str:
    """A piece of the file as a message quotes it: printable, and both ends of a long one."""
    code = visible(code)
    return code if len(code) <= _SHORT else f"{code[:60]} … {code[-15:]}"


# --------------------------------------------------------------------------------------
# Reading lines
# --------------------------------------------------------------------------------------


def is_content(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def first_col(text: str) -> int:
    """The 1-based column of the first character that is not a space or a tab."""
    return len(text) - len(text.lstrip(" \t")) + 1


def quoted(text: str) -> str:
    """``text`` as a YAML quoted scalar: double quotes, or single quotes when it holds ``"`` or ``\\``."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def split_comment(value: str) -> tuple[str, str]:
    """A plain value and the comment after it (`` #`` starts one)."""
    at = value.find(" #")
    return (value, "") if at < 0 else (value[:at].rstrip(), value[at:].strip())


def value_col(text: str, key_col: int) -> int:
    """The column where the value starts on a ``key: value`` line whose key starts at ``key_col``."""
    rest = text[key_col - 1 :].split(":", 1)[1]
    return len(text) - len(rest.lstrip(" \t")) + 1


def requote(prefix: str, value: str) -> str:
    """``prefix`` followed by ``value`` in quotes, the comment after it kept outside."""
    body, comment = split_comment(value.rstrip())
    return shorten((prefix + quoted(body) + (f" {comment}" if comment else "")).strip())


def as_text(line_text: str, col: int) -> str | None:
    """The line with the value that starts at ``col`` put in quotes (None when no value starts there)."""
    prefix = line_text[: col - 1]
    if prefix.strip() and not prefix.rstrip().endswith((":", "-")):
        return None
    return requote(prefix, line_text[col - 1 :])


@dataclass(frozen=True)
class Key:
    line: int
    col: int
    key: str
    value: str  # what follows "key: " on the line ("" when the value is on the next lines)


class Lines:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def get(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def key(self, line: int) -> Key | None:
        text = self.get(line)
        match = KEY_RE.match(text)
        if match is None:
            return None
        return Key(line, len(match["lead"]) + 1, match["key"].rstrip(" \t"), text[match.end() :].strip())

    def above(self, line: int) -> list[int]:
        """The content lines above ``line``, nearest first (blank and comment-only lines skipped)."""
        start = max(1, line - LOOKBACK)
        return [n for n in range(min(line - 1, len(self.lines)), start - 1, -1) if is_content(self.get(n))]

    def previous(self, line: int) -> int | None:
        found = self.above(line)
        return found[0] if found else None

    def closest_key(self, line: int, col: int) -> Key | None:
        """The key above ``line`` whose column is nearest ``col`` (another column), the nearest line on a tie."""
        keys = [k for n in self.above(line) if (k := self.key(n)) is not None and k.col != col]
        return min(keys, key=lambda k: (abs(k.col - col), line - k.line), default=None)

    def closest_item(self, line: int, col: int) -> tuple[int, int] | None:
        """(line, column) of the ``-`` above ``line`` nearest column ``col`` (another column)."""
        dashes = [(n, first_col(self.get(n))) for n in self.above(line) if ITEM_RE.match(self.get(n))]
        dashes = [(n, c) for n, c in dashes if c != col]
        return min(dashes, key=lambda d: (abs(d[1] - col), line - d[0]), default=None)


def closing_quote(text: str, start: int, limit: int | None = None) -> int:
    """Index of the quote that closes the one at ``start``, looking no further than ``limit`` (-1 if none)."""
    quote = text[start]
    end = len(text) if limit is None else min(limit, len(text))
    i = start + 1
    while i < end:
        c = text[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def closing_bracket(text: str, start: int, limit: int | None = None) -> int:
    """Index of the bracket that closes the one at ``start``, skipping quoted texts, before ``limit`` (-1 if none)."""
    end = len(text) if limit is None else min(limit, len(text))
    depth = 0
    i = start
    while i < end:
        c = text[i]
        if c in "\"'":
            close = closing_quote(text, i, end)
            if close < 0:
                return -1
            i = close + 1
            continue
        if c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1
