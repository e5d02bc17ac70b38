"""CSV tables read as data, with a location for every cell.

The official record is a folder of small CSV tables that the ISU edits in a
spreadsheet or in GitHub's web editor. This reader is strict in the same way
as the YAML loader: every problem names ``path:line:col``, a rule id and a
hint, all problems of a file are reported at once, and nothing is guessed.
Cells may be quoted (``"a, b"``); a cell may not span lines.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_hooks.diagnostics import Problem, Text, shown

MAX_TABLE_BYTES = 2 * 1024 * 1024
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


class CellError(ValueError):
    """A cell's text is not what its column expects; the message (a :class:`Text`) says what to write."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any]
    required: bool = False
    doc: str = ""  # what to write in the cell (a Text), the hint of its problems


@dataclass(frozen=True)
class Cell:
    value: Any
    line: int
    col: int


@dataclass
class Row:
    path: str
    line: int
    cells: dict[str, Cell] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.cells[name].value

    def at(self, name: str) -> tuple[int, int]:
        cell = self.cells.get(name)
        return (cell.line, cell.col) if cell is not None else (self.line, 1)


def split_line(text: str) -> list[tuple[str, int]] | None:
    """RFC 4180 fields of one line with their 1-based columns; None when a quote is not closed."""
    fields: list[tuple[str, int]] = []
    pos, size = 0, len(text)
    while True:
        start = pos
        if pos < size and text[pos] == '"':
            chunks: list[str] = []
            pos += 1
            while True:
                end = text.find('"', pos)
                if end < 0:
                    return None
                chunks.append(text[pos:end])
                if end + 1 < size and text[end + 1] == '"':
                    chunks.append('"')
                    pos = end + 2
                    continue
                pos = end + 1
                break
            value = "".join(chunks)
            if pos < size and text[pos] != ",":
                return None
        else:
            end = text.find(",", pos)
            end = size if end < 0 else end
            value, pos = text[pos:end], end
        fields.append((value, start + 1))
        if pos >= size:
            return fields
        pos += 1  # the comma


def _problem(path: str, line: int, col: int, rule: str, message: str, hint: str) -> Problem:
    return Problem(path, line, col, "error", rule, message, hint)


def _header(path: str, text: str, columns: tuple[Column, ...]) -> tuple[list[str | None], list[Problem]]:
    names = [c.name for c in columns]
    fields = split_line(text) or []
    found = [value.strip() for value, _ in fields]
    problems = []
    order: list[str | None] = []
    for value, col in fields:
        name = value.strip()
        if name in names:
            order.append(name)
            continue
        order.append(None)
        close = difflib.get_close_matches(name, names, n=1)
        columns_are = Text("problem.columns_are", names=", ".join(names))
        hint = Text("problem.did_you_mean_then", close=close[0], then=columns_are) if close else columns_are
        problems.append(_problem(path, 1, col, "record-columns", Text("problem.unknown_column", name=repr(name)), hint))
    missing = [n for n in names if n not in found]
    if missing:
        problems.append(
            _problem(
                path,
                1,
                1,
                "record-columns",
                Text("problem.missing_columns", names=", ".join(missing)),
                Text("problem.missing_columns_hint"),
            )
        )
    return order, problems


def _row(
    path: str, line: int, text: str, order: list[str | None], columns: dict[str, Column]
) -> tuple[Row | None, list[Problem]]:
    fields = split_line(text)
    if fields is None:
        hint: str = Text("problem.quote_not_closed_hint")
        return None, [_problem(path, line, 1, "record-value", Text("problem.quote_not_closed"), hint)]
    if len(fields) != len(order):
        message = Text("problem.cell_count", cells=len(fields), columns=len(order))
        return None, [_problem(path, line, 1, "record-value", message, Text("problem.cell_count_hint"))]
    row, problems = Row(path, line), []
    for (raw, col), name in zip(fields, order, strict=True):
        if name is None:
            continue
        column, value = columns[name], raw.strip()
        if _CONTROL_RE.search(value):
            hint = Text("problem.cell_control_hint")
            message = Text("problem.cell_control", name=name)
            problems.append(_problem(path, line, col, "record-value", message, hint))
            continue
        if not value:
            if column.required:
                hint = column.doc or Text("problem.cell_write", name=name)
                problems.append(
                    _problem(path, line, col, "record-required", Text("problem.cell_empty", name=name), hint)
                )
            row.cells[name] = Cell(None, line, col)
            continue
        try:
            row.cells[name] = Cell(column.parse(value), line, col)
        except CellError as exc:
            message = Text("problem.cell_wrong", name=name, value=shown(value, 62), why=exc.text)
            problems.append(_problem(path, line, col, "record-value", message, column.doc or exc.text))
    return row, problems


def read_table(file: Path, display: str, columns: tuple[Column, ...]) -> tuple[list[Row], list[Problem]]:
    """Every row of one table, and every problem in it."""
    if file.is_symlink() or not file.is_file():
        message = Text("problem.table_is_link") if file.is_symlink() else Text("problem.table_missing")
        hint = Text("problem.table_restore_hint")
        return [], [_problem(display, 1, 1, "record-file", message, hint)]
    with file.open("rb") as handle:
        raw = handle.read(MAX_TABLE_BYTES + 1)
    return parse_table(raw, display, columns)


def parse_table(raw: bytes, display: str, columns: tuple[Column, ...]) -> tuple[list[Row], list[Problem]]:
    """The rows of one table given as bytes (from a file or from git), and every problem in it."""
    if len(raw) > MAX_TABLE_BYTES:
        hint = Text("problem.table_too_large_hint")
        message = Text("problem.table_too_large", limit=MAX_TABLE_BYTES)
        return [], [_problem(display, 1, 1, "record-file", message, hint)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = Text("problem.table_not_utf8_hint")
        return [], [_problem(display, line, 1, "record-file", Text("problem.table_not_utf8"), hint)]
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or not lines[0].strip():
        message, hint = Text("problem.table_first_line_empty"), Text("problem.table_first_line_hint")
        return [], [_problem(display, 1, 1, "record-columns", message, hint)]
    order, problems = _header(display, lines[0], columns)
    by_name = {c.name: c for c in columns}
    rows = []
    for number, text_line in enumerate(lines[1:], start=2):
        if not text_line.strip():
            continue
        row, found = _row(display, number, text_line, order, by_name)
        problems += found
        if row is not None and not found:
            rows.append(row)
    return rows, problems


# --------------------------------------------------------------------------------------
# Cell parsers: each returns the value or raises CellError saying what to write
# --------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PARTIAL_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?\Z")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day (``2013``, ``2012-12``, ``2026-03-01``).

    Ordered by (year, month, day) with an unknown month or day first: ``2024`` < ``2024-06`` <
    ``2024-06-30``, so figures of one year at different precision sort without error.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def latest(self) -> dt.date:
        """The last day the value can mean (for "has it passed?")."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None and self.month == 12:
            return dt.date(self.year, 12, 31)  # no "first of next month" after December 9999
        if self.day is None:
            following = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, self.month, self.day)


def parse_date(text: str) -> dt.date:
    if not _DATE_RE.match(text):
        raise CellError(Text("problem.cell_date"))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CellError(Text("problem.cell_no_such_day")) from None


def parse_partial_date(text: str) -> PartialDate:
    match = _PARTIAL_RE.match(text)
    if not match:
        raise CellError(Text("problem.cell_partial_date"))
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise CellError(Text("problem.cell_no_such_month_or_day")) from None
    return PartialDate(year, month, day)


def parse_yes_no(text: str) -> bool:
    if text not in ("yes", "no"):
        raise CellError(Text("problem.cell_yes_no"))
    return text == "yes"


def parse_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CellError(Text("problem.cell_number")) from None
    if not math.isfinite(value) or value < 0 or value > 1e7:
        raise CellError(Text("problem.cell_number_range"))
    return value


def parse_count(text: str) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > 4:
        raise CellError(Text("problem.cell_whole_number"))
    return int(text)


def parse_year(text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", text) or not 1997 <= int(text) <= 2100:
        raise CellError(Text("problem.cell_year"))
    return int(text)


def one_of(*choices: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text in choices:
            return text
        close = difflib.get_close_matches(text.lower(), choices, n=1)
        words = ", ".join(choices)
        if close:
            raise CellError(Text("problem.cell_did_you_mean_one_of", close=close[0], choices=words))
        raise CellError(Text("problem.cell_one_of", choices=words))

    return parse


def text_up_to(limit: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if len(text) > limit:
            raise CellError(Text("problem.cell_too_long", limit=limit, count=len(text)))
        return text  # plain text: every page escapes it

    return parse


def iso3(text: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise CellError(Text("problem.cell_iso3"))
    return text


def rows_by(rows: list[Row], *keys: str) -> Iterator[tuple[tuple[Any, ...], Row]]:
    for row in rows:
        yield tuple(row[k] for k in keys), row
