"""``pfp format``: the canonical layout of a State file, shared byte for byte with the form editor.

The form editor on the site writes a State file in the browser with
``overrides/assets/pfp-yaml.js``; ``canonical_text`` here writes the same text from the same
data, so a change made in the form is a minimal diff and ``pfp format --check`` passes on it.
Data is what the loader reads (``engine.load.load_text``: YAML 1.2 core scalars, dates stay
text). The layout:

1. Comments first: every comment of the file (``comments_of``), in file order, one ``# ...`` line
   each with trailing spaces and tabs removed, at the top with no blank line; then the data.
2. Keys in ``KEY_ORDER`` at every level; other keys after them, in the file's order.
3. Scalars: ``null``, ``true``, ``false``; integers as digits; a float that is integral and below
   1e15 in absolute value as digits, any other as Python's shortest round-trip ``repr`` (2.5,
   1e+16, 1e-05); text plain when it is a date (``2026-04-28``) or a word matching
   ``[A-Za-z][A-Za-z0-9_.-]*`` that is not true/false/null/yes/no/on/off/y/n in any case; else a
   ``|-`` literal block (lines two spaces deeper than the key, empty lines empty) when it has a
   line feed and nothing a block cannot hold (``_literal_ok``), or a ``|`` block when it ends with
   exactly one line feed and the rest is such text (``_literal``); else double-quoted: JSON without
   ASCII escaping, then U+007F-U+009F, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF written ``\\uxxxx``.
4. A list of scalars, and every empty list, in flow style on one line (``eligible: [KHM, AGO]``);
   an empty mapping ``{}``; other lists in block style, items two spaces under their key, an
   item's other keys lined up with its first; a mapping two spaces under its key.
5. One blank line before each top-level key whose value is a non-empty block list or mapping
   (except at the very start of the file) and between the items of such a list; no other blank
   line; line feeds only; one line feed at the end.

Decisions where the contract was silent (the JavaScript follows each one):

* ``#`` anywhere between the scanner's tokens starts a comment (between tokens there is only
  white space and comments); a comment on a block scalar's ``|`` line lies inside the scalar's
  token and is found there.
* A literal block is also refused for text that starts with a tab (libyaml reads the tab as
  indentation) or holds a surrogate code point (not UTF-8); such text is double-quoted, and a
  surrogate is written ``\\udxxx`` as ``JSON.stringify`` writes a lone one.
* Keys are plain or double-quoted, never literal blocks; a key of more than 128 characters is
  written as an explicit key (``? KEY`` then ``: VALUE`` on the next line), because YAML reads
  an implicit key of more than 1024 characters as a syntax error.
* In flow lists text is plain or double-quoted (a literal block cannot stand in a flow list).
* Keys that JavaScript orders first in an object (array indices: ``"0"``, ``"42"``) come first
  among the other keys, in numeric order, so both sides agree; no State file has such a key.
* Infinity (what the loader makes of ``1e999``) is written ``1e999``; NaN cannot be loaded and
  is refused. JSON carries every number to the browser as a double, so an integer of 1e15 or
  more is written as digits here but as a float by the browser: such amounts are typing
  mistakes, and the byte-for-byte contract covers integers below 1e15.
* A list of the root (a file that is one list) has no blank lines between its items; a file
  whose data is null (empty, or comments only) is its comments alone; a root scalar is one line.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_hooks.diagnostics import Problem
from build_hooks.engine.load import load_text, read_source, syntax_problem

KEY_ORDER: tuple[str, ...] = (
    "schema_version",
    "state",
    "last_reviewed",
    "contacts",
    "needs",
    "offers",
    "challenges",
    "id",
    "title",
    "status",
    "category",
    "area",
    "kind",
    "eligible",
    "amount",
    "value",
    "currency",
    "period",
    "start",
    "end",
    "description",
    "summary",
    "responds_to",
    "related_needs",
    "consent",
    "date",
    "by",
    "reference",
    "role",
    "name",
    "organisation",
    "email",
    "github",
    "links",
    "posted",
    "updated",
    "language",
    "translations",
    "en",
    "fr",
    "es",
)

_RANK = {key: index for index, key in enumerate(KEY_ORDER)}
_PLAIN_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[A-Za-z][A-Za-z0-9_.-]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
# Never raw inside a literal block: controls (but line feed and tab), C1, YAML's other line
# breaks, the byte-order mark, the two non-characters YAML refuses, surrogates.
_NOT_IN_BLOCK_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_ESCAPED_RE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_ARRAY_INDEX_RE = re.compile(r"0|[1-9][0-9]*")
_LONG_KEY = 128
_BREAKS = "\r\n\x85\u2028\u2029"


class FormatError(Exception):
    """The canonical text would not read back as the same data and comments (a bug; the file is left alone)."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: the canonical text would not read back as the same data and comments")
        self.path = path


# --------------------------------------------------------------------------------------
# Writing: data and comments -> text
# --------------------------------------------------------------------------------------


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        raise ValueError("NaN cannot be written in a State file")
    if math.isinf(value):
        return "1e999" if value > 0 else "-1e999"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _quoted(text: str) -> str:
    return _ESCAPED_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _plain_ok(text: str) -> bool:
    return _PLAIN_RE.fullmatch(text) is not None and text.lower() not in _RESERVED


def _literal_ok(text: str, *, needs_break: bool = True) -> bool:
    """Text a ``|-`` block holds exactly: a line feed in it, nothing it would lose or refuse."""
    return (
        bool(text)
        and ("\n" in text or not needs_break)
        and text[0] not in " \t\n"
        and not text.endswith("\n")
        and _NOT_IN_BLOCK_RE.search(text) is None
        and not any(line.endswith((" ", "\t")) for line in text.split("\n"))
    )


def _literal(text: str) -> tuple[str, str] | None:
    """How a literal block holds ``text``: ``("|-", text)``; ``("|", text less its final line feed)`` for
    text that ends with exactly one line feed (what a person writing ``description: |`` gets); or None."""
    if _literal_ok(text):
        return "|-", text
    if text.endswith("\n") and _literal_ok(text[:-1], needs_break=False):
        return "|", text[:-1]
    return None


def _scalar(value: Any) -> str:
    """A scalar on one line (text plain or double-quoted)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        return value if _plain_ok(value) else _quoted(value)
    raise ValueError(f"a State file holds no {type(value).__name__} values")


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (list, dict))


def _is_flow(value: Any) -> bool:
    return isinstance(value, list) and all(_is_scalar(item) for item in value)


def _flow(items: list[Any]) -> str:
    return "[" + ", ".join(_scalar(item) for item in items) + "]"


def _block_lines(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [pad + line if line else "" for line in text.split("\n")]


def _ordered_keys(mapping: dict[str, Any]) -> list[str]:
    for key in mapping:
        if not isinstance(key, str):
            raise ValueError(f"a key must be text, found {key!r}")
    known = sorted((k for k in mapping if k in _RANK), key=_RANK.__getitem__)
    rest = [k for k in mapping if k not in _RANK]
    indices = sorted((k for k in rest if _ARRAY_INDEX_RE.fullmatch(k) and int(k) < 2**32 - 1), key=int)
    return [*known, *indices, *(k for k in rest if k not in indices)]


def _opens_block(value: Any) -> bool:
    """A value written on the lines under its key: a non-empty mapping or block list."""
    return bool(value) and (isinstance(value, dict) or (isinstance(value, list) and not _is_flow(value)))


def _pair(key: str, value: Any, indent: int, top: bool) -> list[str]:
    pad = " " * indent
    written = _scalar(key)
    if len(key) > _LONG_KEY:
        lines, head = [f"{pad}? {written}"], f"{pad}:"
    else:
        lines, head = [], f"{pad}{written}:"
    if isinstance(value, dict):
        if not value:
            return [*lines, head + " {}"]
        return [*lines, head, *_mapping(value, indent + 2)]
    if isinstance(value, list):
        if _is_flow(value):
            return [*lines, f"{head} {_flow(value)}"]
        return [*lines, head, *_sequence(value, indent + 2, separated=top)]
    if isinstance(value, str) and (block := _literal(value)):
        return [*lines, f"{head} {block[0]}", *_block_lines(block[1], indent + 2)]
    return [*lines, f"{head} {_scalar(value)}"]


def _mapping(mapping: dict[str, Any], indent: int, top: bool = False, at_start: bool = False) -> list[str]:
    out: list[str] = []
    for key in _ordered_keys(mapping):
        value = mapping[key]
        if top and _opens_block(value) and (out or not at_start):
            out.append("")
        out += _pair(key, value, indent, top)
    return out


def _item(item: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(item, dict):
        if not item:
            return [pad + "- {}"]
        inner = _mapping(item, indent + 2)
    elif isinstance(item, list):
        if _is_flow(item):
            return [pad + "- " + _flow(item)]
        inner = _sequence(item, indent + 2, separated=False)
    elif isinstance(item, str) and (block := _literal(item)):
        return [f"{pad}- {block[0]}", *_block_lines(block[1], indent + 2)]
    else:
        return [pad + "- " + _scalar(item)]
    return [pad + "- " + inner[0][indent + 2 :], *inner[1:]]


def _sequence(items: list[Any], indent: int, separated: bool) -> list[str]:
    out: list[str] = []
    for index, item in enumerate(items):
        if separated and index:
            out.append("")
        out += _item(item, indent)
    return out


def _check_comment(comment: str) -> str:
    if not comment.startswith("#") or any(c in comment for c in _BREAKS) or comment.endswith((" ", "\t")):
        raise ValueError(f"not a one-line comment without trailing white space: {comment!r}")
    return comment


def canonical_text(data: Any, comments: Sequence[str] = ()) -> str:
    """The canonical text of a State file holding ``data``, with ``comments`` (``# ...`` lines) on top."""
    lines = [_check_comment(c) for c in comments]
    if isinstance(data, dict):
        lines += _mapping(data, 0, top=True, at_start=not lines) if data else ["{}"]
    elif isinstance(data, list):
        lines += _sequence(data, 0, separated=False) if data else ["[]"]
    elif isinstance(data, str) and (block := _literal(data)):
        lines += [block[0], *_block_lines(block[1], 2)]
    elif data is not None:
        lines.append(_scalar(data))
    return "".join(line + "\n" for line in lines)


# --------------------------------------------------------------------------------------
# Reading: the comments of a file
# --------------------------------------------------------------------------------------

_BLOCK_HEADER_RE = re.compile(r"[|>][-+0-9]*[ \t]*(#[^\r\n\x85\u2028\u2029]*)?")


def _comments_in(text: str, start: int, end: int) -> list[str]:
    """The comments in text[start:end], a stretch between tokens (white space, line breaks, comments)."""
    found: list[str] = []
    at = text.find("#", start, end)
    while at >= 0:
        stop = at
        while stop < end and text[stop] not in _BREAKS:
            stop += 1
        found.append(text[at:stop].rstrip(" \t"))
        at = text.find("#", stop, end)
    return found


def comments_of(text: str) -> list[str]:
    """Every comment of a YAML text, in order, as ``# ...`` lines without trailing spaces or tabs.

    Found from the scanner's token spans, so a ``#`` inside quoted or block text is text.
    Raises ``yaml.YAMLError`` when the text cannot be scanned.
    """
    found: list[str] = []
    covered = 0
    for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        start, end = token.start_mark.index, token.end_mark.index
        if end <= start:
            continue
        if start > covered:
            found += _comments_in(text, covered, start)
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            header = _BLOCK_HEADER_RE.match(text, start)
            if header is not None and header.group(1):
                found.append(header.group(1).rstrip(" \t"))
        covered = max(covered, end)
    return found + _comments_in(text, covered, len(text))


# --------------------------------------------------------------------------------------
# Formatting a file
# --------------------------------------------------------------------------------------


def same_data(a: Any, b: Any) -> bool:
    """Equal as the loader's data, and of the same kind: ``True`` is not ``1``; 2500000.0 is 2500000."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def format_text(path: str, text: str) -> tuple[str | None, list[Problem]]:
    """The canonical text of a file, or None and the problems when the file does not parse.

    Raises :class:`FormatError` if the result would not read back as the same data and comments.
    """
    doc, problems = load_text(path, text)
    if doc is None:
        return None, problems
    try:
        comments = comments_of(text)
    except yaml.MarkedYAMLError as exc:  # libyaml parsed it, the scanner alone did not: leave the file alone
        return None, [syntax_problem(path, text, exc)]  # named in plain words, in the reader's language
    new = canonical_text(doc.data, comments)
    again, _ = load_text(path, new)
    if again is None or not same_data(again.data, doc.data) or comments_of(new) != comments:
        raise FormatError(path)
    return new, problems


@dataclass
class Formatted:
    """One file through ``pfp format``: its new text (None when it cannot be read) and whether it changes."""

    path: str
    text: str | None
    changed: bool
    problems: list[Problem] = field(default_factory=list)


def format_file(file: Path, shown: str | None = None) -> Formatted:
    """Read a file with the loader's checks (no link, size cap, UTF-8) and work out its canonical text."""
    path = shown or str(file)
    raw, text, problems = read_source(file, path)
    if text is None:
        return Formatted(path, None, False, problems)
    new, problems = format_text(path, text)
    if new is None:
        return Formatted(path, None, False, problems)
    return Formatted(path, new, new.encode("utf-8") != raw, problems)
