"""What a YAML syntax error means, said in plain words at the place where the mistake is.

The parser reports where *it* stopped, in its own terms ("mapping values are not allowed
in this context", "could not find expected ':'"), often on the line after the mistake.
:func:`diagnose` reads the text itself, the line the parser stopped on and the lines
before it, and names the mistakes people make in a web editor: a tab used for
indentation, a key without its colon or without the space after it, a text holding
": " that needs quotes, an item or key not lined up with the one above or indented under
a value, a quote or bracket never closed, a ``-`` without its space, a text starting with
a character YAML reserves (``@``, `````, ``%``, ``*``, ``&``, ``|``, ``>``). Each
:class:`Diagnosis` points at the line and column of the mistake and comes with a hint that
says what to type; anything else gets a plain-words fallback, still at its line.

The lines are read as text by :mod:`build_hooks.engine.yamltext`, which also shows the
line of each problem with a marker under its column.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from build_hooks.diagnostics import Text
from build_hooks.engine.yamltext import (
    ITEM_RE,
    LOOKBACK,
    WORD_RE,
    Key,
    Lines,
    closing_bracket,
    closing_quote,
    field_names,
    first_col,
    is_content,
    requote,
    shorten,
    split_comment,
    value_col,
)

_DASH_NO_SPACE_RE = re.compile(r"^(?P<indent>[ \t]*)-(?P<rest>[^\s\-].*)$")
_NO_SPACE_RE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][A-Za-z0-9_.-]*):(?P<value>[^\s:].*)$")
_NO_COLON_RE = re.compile(
    r"^(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)(?:(?P<gap>[ \t]+)(?P<value>\S.*))?$"
)
_BLOCK_RE = re.compile(
    r"^(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[^\s#:][^:#]*):[ \t]+(?P<indicator>[|>])[-+0-9]*[ \t]*(?:#.*)?$"
)
_STRAY_RE = re.compile(
    r"^[ \t]*(?:-[ \t]+)?(?P<char>[\]\[{}:,\"'`?|>@%])[ \t]*(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]|$)"
)
_SNAKE_RE = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Stop:
    """Where and why the parser stopped: its problem and context, their 1-based positions."""

    line: int
    col: int
    problem: str = ""
    context: str = ""
    context_pos: tuple[int, int] | None = None


@dataclass(frozen=True)
class Diagnosis:
    line: int
    col: int
    message: Text
    hint: Text


# --------------------------------------------------------------------------------------
# Diagnoses
# --------------------------------------------------------------------------------------


class _Reader:
    """One syntax error: the lines, the parser's stop, and the questions the diagnoses ask."""

    def __init__(self, lines: list[str], stop: Stop) -> None:
        self.at = Lines(lines)
        self.stop = stop
        self.problem = stop.problem.lower()
        self.context = stop.context.lower()
        self.starts = [0]
        for text in lines[:-1]:
            self.starts.append(self.starts[-1] + len(text) + 1)  # one character per break is enough here
        self.text = "\n".join(lines)

    def index(self, line: int, col: int) -> int:
        line = max(1, min(line, len(self.starts)))
        return self.starts[line - 1] + col - 1

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def char(self, line: int, col: int) -> str:
        return self.at.get(line)[col - 1 : col]

    # -- the diagnoses, each None when it does not apply --------------------------------

    def tab(self) -> Diagnosis | None:
        lines = [self.stop.line]
        if "tab" in self.problem:
            lines += self.at.above(self.stop.line)[:3]
        for line in lines:
            text = self.at.get(line)
            lead = text[: first_col(text) - 1]
            if "\t" in lead:
                return Diagnosis(
                    line, lead.index("\t") + 1, Text("syntax.tab", line=line), Text("syntax.tab_hint", line=line)
                )
        line, col = self.stop.line, self.stop.col
        if self.char(line, col) == "\t":
            return Diagnosis(
                line,
                col,
                Text("syntax.tab_inside"),
                Text("syntax.tab_inside_hint", line=line, col=col),
            )
        return None

    def unclosed_quote(self) -> Diagnosis | None:
        """A quote opened above (or where the parser says) and closed too late or never."""
        if "quoted scalar" in self.context and self.stop.context_pos is not None:
            line, col = self.stop.context_pos
            if "escape" in self.problem or "hex" in self.problem:
                return self.escape(line, col)
            quote = self.char(line, col) if self.char(line, col) in "\"'" else '"'
            return _unclosed(line, col, quote)
        stop_index = self.index(self.stop.line, self.stop.col)
        line_end = self.index(self.stop.line, len(self.at.get(self.stop.line)) + 1)
        line = max(1, self.stop.line - LOOKBACK)
        while line < self.stop.line:  # pair the quotes from the top, as the parser did
            col = self._opening_quote(line)
            if not col:
                line += 1
                continue
            start = self.index(line, col)
            end = closing_quote(self.text, start, line_end)
            closes_on = self.position(end)[0] if end >= 0 else self.stop.line
            if closes_on == self.stop.line and (end < 0 or end < stop_index):
                return _unclosed(line, col, self.text[start])  # it ran on to where the parser stopped
            line = closes_on + 1 if closes_on > line else line + 1
        return None

    def _opening_quote(self, line: int) -> int:
        """The column of the quote that starts the value of ``line`` (``key: "`` or ``- "``), or 0."""
        text = self.at.get(line)
        key = self.at.key(line)
        if key is not None and key.value[:1] in ("'", '"'):
            return value_col(text, key.col)
        item = ITEM_RE.match(text)
        if key is None and item is not None and text[item.end() : item.end() + 1] in ("'", '"'):
            return item.end() + 1
        return 0

    def escape(self, line: int, col: int) -> Diagnosis:
        text = self.at.get(line)
        stop = self.stop.col - 1 if self.stop.line == line else len(text)
        slash = text.rfind("\\", col, max(col, stop))
        slash = slash if slash >= 0 else text.find("\\", col)
        end = closing_quote(text, col - 1)
        inner = text[col : end if end >= 0 else len(text)]
        fixed = shorten((text[: col - 1] + "'" + inner.replace("'", "''") + "'").strip())
        code = text[slash : slash + 2] if slash >= 0 else "\\"
        return Diagnosis(
            line,
            slash + 1 if slash >= 0 else col,
            Text("syntax.escape", escape=shorten(code)),
            Text("syntax.escape_hint", fixed=fixed),
        )

    def unclosed_bracket(self) -> Diagnosis | None:
        if "flow" not in self.context and "',' or" not in self.problem:
            return None
        stop_index = self.index(self.stop.line, self.stop.col)
        candidates = [self.stop.context_pos] if self.stop.context_pos is not None else []
        for line in self.at.above(self.stop.line + 1):  # brackets that open a value: `key: [` or `- [`
            text = self.at.get(line)
            key = self.at.key(line)
            item = ITEM_RE.match(text)
            col = (
                value_col(text, key.col) if key is not None else item.end() + 1 if item is not None else first_col(text)
            )
            candidates.append((line, col))
        for line, col in candidates:
            bracket = self.char(line, col)
            if bracket not in ("[", "{"):
                continue
            end = closing_bracket(self.text, self.index(line, col), stop_index)
            closing = "]" if bracket == "[" else "}"
            if end < 0:
                if line == self.stop.line:
                    return Diagnosis(
                        line,
                        col,
                        Text("syntax.flow", bracket=bracket, closing=closing),
                        Text("syntax.flow_hint"),
                    )
                fixed = shorten(split_comment(self.at.get(line).rstrip())[0].strip() + closing)
                return Diagnosis(
                    line,
                    col,
                    Text("syntax.unclosed_bracket", bracket=bracket, line=line),
                    Text("syntax.unclosed_bracket_hint", closing=closing, fixed=fixed),
                )
        return None

    def block_indicator(self) -> Diagnosis | None:
        if "block scalar" not in self.context or self.stop.context_pos is None:
            return None
        line, col = self.stop.context_pos
        indicator = self.char(line, col)
        if indicator not in ("|", ">"):
            return None
        text = self.at.get(line)
        fixed = shorten((text[: col - 1] + text[col:].lstrip(" \t")).strip())
        return Diagnosis(
            line,
            col,
            Text("syntax.block_indicator", indicator=indicator),
            Text("syntax.block_indicator_hint", indicator=indicator, fixed=fixed),
        )

    def special_start(self) -> Diagnosis | None:
        if "cannot start any token" not in self.problem and "alias" not in self.context:
            return None
        line, col = self.stop.line, self.stop.col
        if "alias" in self.context and self.stop.context_pos is not None:
            line, col = self.stop.context_pos
        char = self.char(line, col)
        if char not in ("@", "`", "%", "*", "&"):
            return None
        text = self.at.get(line)
        return Diagnosis(
            line,
            col,
            Text("syntax.special_start", char=_code(char)),
            Text("syntax.quote_hint", fixed=requote(text[: col - 1], text[col - 1 :])),
        )

    def missing_colon(self) -> Diagnosis | None:
        if "expected ':'" not in self.problem:
            return None
        line = self.stop.context_pos[0] if self.stop.context_pos is not None else self.stop.line
        text = self.at.get(line)
        block = self.block_indent(line) or self.value_not_indented(line, first_col(text))
        if block is not None:
            return block
        match = _NO_SPACE_RE.match(text)
        if match is not None:
            return _no_space(line, text, match)
        match = _NO_COLON_RE.match(text)
        if match is None or not (match["key"] in field_names() or _SNAKE_RE.fullmatch(match["key"])):
            return None  # `Focal point` is a text, not a key without its colon
        key, col = match["key"], match.end("key") + 1
        below = next((n for n in range(line + 1, line + LOOKBACK) if is_content(self.at.get(n))), None)
        if match["value"] is None and below is not None and first_col(self.at.get(below)) > first_col(text):
            fixed = shorten(f"{match['lead'].strip()} {key}:".strip())  # `amount` over its own indented keys
            return Diagnosis(
                line,
                col,
                Text("syntax.missing_colon", name=shorten(key)),
                Text("syntax.colon_after_hint", name=shorten(key), fixed=fixed),
            )
        if match["value"] is None:
            return Diagnosis(
                line,
                col,
                Text("syntax.missing_colon_value", name=shorten(key)),
                Text("syntax.missing_colon_value_hint", name=shorten(key)),
            )
        return _missing_colon(line, match)

    def block_indent(self, line: int) -> Diagnosis | None:
        """Text under ``key: |`` (or ``>``) that does not start to the right of the key."""
        above = self.at.previous(line)
        if above is None:
            return None
        match = _BLOCK_RE.match(self.at.get(above))
        if match is None:
            return None
        key_col = len(match["lead"]) + 1
        if first_col(self.at.get(line)) > key_col:
            return None
        key = shorten(match["key"].rstrip(" \t"))
        return Diagnosis(
            line,
            first_col(self.at.get(line)),
            Text("syntax.block_indent", name=key, indicator=match["indicator"]),
            Text("syntax.block_indent_hint", line=line, col=key_col + 2, name=key),
        )

    def colon_in_text(self) -> Diagnosis | None:
        """``title: Phase 2: clearance``: the parser stops at the second colon of a line."""
        if "mapping values" not in self.problem:
            return None
        line = self.stop.line
        text = self.at.get(line)
        key = self.at.key(line)
        item = ITEM_RE.match(text)
        if key is not None and item is not None and not WORD_RE.fullmatch(key.key):
            key = None  # `- Phase 2: clearance: more` is a text in a list, not a key
        start = value_col(text, key.col) if key else 0
        if key is not None and start <= self.stop.col:
            prefix, value = text[: start - 1], text[start - 1 :]
            if value[:1] in ("'", '"'):
                return _text_after_quote(line, text, self.stop.col, prefix, value)
            return Diagnosis(
                line, start, Text("syntax.colon_in_text"), Text("syntax.quote_hint", fixed=requote(prefix, value))
            )
        if key is None and item is not None and item.end() < self.stop.col:
            prefix, value = text[: item.end()], text[item.end() :]
            return Diagnosis(
                line,
                item.end() + 1,
                Text("syntax.colon_in_text"),
                Text("syntax.quote_hint", fixed=requote(prefix, value)),
            )
        return None

    def line_above(self) -> Diagnosis | None:
        """The parser stopped at the start of a line because of the line above (it read on into this one)."""
        if "mapping values" not in self.problem and self.stop.col != first_col(self.at.get(self.stop.line)):
            return None
        above = self.at.previous(self.stop.line)
        if above is None:
            return None
        text = self.at.get(above)
        dash = dash_without_space(text, above)
        if dash is not None:
            return dash
        match = _NO_SPACE_RE.match(text)
        if match is not None and self.at.key(above) is None:
            return _no_space(above, text, match)
        match = _NO_COLON_RE.match(text)
        if match is not None and match["value"] and ":" not in text and match["key"] in field_names():
            return _missing_colon(above, match)  # `- role "Focal point"`, then the next key read as its text
        return None

    def alignment(self) -> Diagnosis | None:
        """An item or key that starts in the wrong column (the parser stops at its first character)."""
        line = self.stop.line
        text = self.at.get(line)
        col = first_col(text)
        if not is_content(text) or (self.stop.col != col and "mapping values" not in self.problem):
            return None
        if ITEM_RE.match(text):
            other = self.at.closest_item(line, col)
            if other is None:
                return None
            return Diagnosis(
                line,
                col,
                Text("syntax.item_not_aligned", other=other[0]),
                Text("syntax.item_not_aligned_hint", col=other[1], other=other[0]),
            )
        key = self.at.key(line)
        if key is None:
            return self.value_not_indented(line, col) or self.text_line(line, col)
        name = shorten(key.key)
        above = self.at.previous(line)
        above_key = self.at.key(above) if above is not None else None
        item = ITEM_RE.match(self.at.get(above)) if above is not None else None
        under_value = above is not None and (
            (above_key is not None and above_key.value and key.col > above_key.col)
            or (above_key is None and item is not None and col > first_col(self.at.get(above)))
        )
        sibling = self.at.closest_key(line, key.col)
        if under_value and above is not None:
            sibling = self._sibling_left_of(line, key.col) or sibling
            message = Text("syntax.key_under_value", name=name, other=above)
        elif sibling is not None and "mapping values" not in self.problem:
            message = Text("syntax.key_not_aligned", name=name, other_name=shorten(sibling.key), other=sibling.line)
        else:
            return None
        if sibling is None:
            return None
        hint = Text(
            "syntax.key_column_hint", name=name, col=sibling.col, other_name=shorten(sibling.key), other=sibling.line
        )
        return Diagnosis(line, key.col, message, hint)

    def value_not_indented(self, line: int, col: int) -> Diagnosis | None:
        """``role:`` and, on the next line, its value not indented further than ``role``."""
        above = self.at.previous(line)
        key = self.at.key(above) if above is not None else None
        if above is None or key is None or key.value or col > key.col:
            return None
        name = shorten(key.key)
        fixed = shorten(f"{self.at.get(above).strip()} {self.at.get(line).strip()}")
        return Diagnosis(
            line,
            col,
            Text("syntax.value_not_indented", name=name, other=above),
            Text("syntax.value_not_indented_hint", name=name, fixed=fixed),
        )

    def stray_start(self) -> Diagnosis | None:
        """``]title: x``: a character before a key, at the start of the line where the parser stopped."""
        lines = [self.stop.line]
        if self.stop.context_pos is not None and "simple key" in self.context:
            lines.insert(0, self.stop.context_pos[0])
        for line in lines:
            match = _STRAY_RE.match(self.at.get(line))
            if match is not None:
                col = match.start("char") + 1
                return Diagnosis(
                    line,
                    col,
                    Text("syntax.stray_char", char=_code(match["char"]), name=shorten(match["key"])),
                    Text("syntax.stray_char_hint", char=_code(match["char"]), line=line, col=col),
                )
        return None

    def _sibling_left_of(self, line: int, col: int) -> Key | None:
        """The nearest key above that starts left of ``col`` (the key's likely sibling)."""
        for n in self.at.above(line):
            key = self.at.key(n)
            if key is not None and key.col < col:
                return key
        return None

    def text_line(self, line: int, col: int) -> Diagnosis | None:
        """A line of text under ``key: |`` that starts left of the lines above it."""
        for above in self.at.above(line):
            match = _BLOCK_RE.match(self.at.get(above))
            if match is not None:
                rows = [n for n in range(above + 1, line) if self.at.get(n).strip()]
                if rows and col > len(match["lead"]) + 1:
                    other = rows[-1]
                    return Diagnosis(
                        line,
                        col,
                        Text("syntax.text_not_aligned", other=other),
                        Text("syntax.text_not_aligned_hint", col=first_col(self.at.get(other)), other=other),
                    )
                return None
        return None

    def after_value(self) -> Diagnosis | None:
        """Something after a complete value on the same line: a stray bracket, text after a closing quote."""
        line, col = self.stop.line, self.stop.col
        text = self.at.get(line)
        if col <= first_col(text):
            return None
        char = self.char(line, col)
        if char in ("]", "}"):
            return Diagnosis(
                line,
                col,
                Text("syntax.stray_bracket", bracket=char),
                Text("syntax.stray_bracket_hint", bracket=char, col=col),
            )
        key = self.at.key(line)
        if key is not None and key.value[:1] in ("'", '"'):
            start = value_col(text, key.col)
            return _text_after_quote(line, text, col, text[: start - 1], text[start - 1 :])
        return None

    def item_after_key(self) -> Diagnosis | None:
        if "sequence entries" not in self.problem:
            return None
        line, col = self.stop.line, self.stop.col
        text = self.at.get(line)
        key = self.at.key(line)
        if key is None or col <= key.col:
            return None
        items = text[col:].strip()
        fixed = shorten(f"{text[: col - 1].strip()} [{items}]")
        name = shorten(key.key)
        return Diagnosis(
            line,
            col,
            Text("syntax.item_after_key", name=name),
            Text("syntax.item_after_key_hint", fixed=fixed, name=name),
        )

    def document(self) -> Diagnosis | None:
        if "document" not in self.problem and "directive" not in self.context:
            return None
        for line in self.at.above(self.stop.line + 1):
            text = self.at.get(line)
            if text.rstrip() == "..." and line < self.stop.line:
                return Diagnosis(
                    self.stop.line,
                    self.stop.col,
                    Text("syntax.after_end", line=self.stop.line),
                    Text("syntax.after_end_hint", end=line),
                )
            if text.startswith("%"):
                return Diagnosis(line, 1, Text("syntax.directive", line=line), Text("syntax.directive_hint", line=line))
        return None

    def generic(self) -> Diagnosis:
        line, col = self.stop.line, self.stop.col
        if not is_content(self.at.get(line)):  # the end of the file, or a blank line: show the last line read
            line = self.at.previous(line) or line
            col = first_col(self.at.get(line))
        return Diagnosis(line, col, Text("syntax.generic", line=line, col=col), Text("syntax.generic_hint"))


def _missing_colon(line: int, match: re.Match[str]) -> Diagnosis:
    key = match["key"]
    fixed = shorten(f"{match['lead'].strip()} {key}: {match['value'].rstrip()}".strip())
    return Diagnosis(
        line,
        match.end("key") + 1,
        Text("syntax.missing_colon", name=shorten(key)),
        Text("syntax.missing_colon_hint", name=shorten(key), fixed=fixed),
    )


def _code(char: str) -> str:
    """A character as code in a message: `@`, and the backtick as `` ` ``."""
    return "`` ` ``" if char == "`" else f"`{char}`"


def _text_after_quote(line: int, text: str, stop_col: int, prefix: str, value: str) -> Diagnosis:
    """``title: "Land" release``: the quote before ``stop_col`` ends the text, and more follows it."""
    quote = value[0]
    at = text.rfind(quote, len(prefix) + 1, max(len(prefix) + 1, stop_col - 1))
    col = at + 1 if at >= 0 else stop_col
    body, comment = split_comment(value.rstrip())
    fixed = shorten(f"{prefix}'{body.replace(chr(39), chr(39) * 2)}'{' ' + comment if comment else ''}".strip())
    return Diagnosis(
        line,
        col,
        Text("syntax.text_after_quote", col=col),
        Text("syntax.text_after_quote_hint", quote=quote, fixed=fixed),
    )


def _unclosed(line: int, col: int, quote: str) -> Diagnosis:
    return Diagnosis(
        line, col, Text("syntax.unclosed_quote", line=line), Text("syntax.unclosed_quote_hint", quote=quote, line=line)
    )


def dash_without_space(text: str, line: int) -> Diagnosis | None:
    """``-id: SEN-N-001`` (or ``-MLI``): a list item whose ``-`` lacks the space after it."""
    dash = _DASH_NO_SPACE_RE.match(text)
    if dash is None or text.strip().startswith("---"):
        return None
    written = shorten(text.strip())
    fixed = shorten(f"- {dash['rest'].strip()}")
    return Diagnosis(
        line,
        len(dash["indent"]) + 1,
        Text("syntax.dash_space", written=written),
        Text("syntax.dash_space_hint", fixed=fixed),
    )


def _no_space(line: int, text: str, match: re.Match[str]) -> Diagnosis:
    key, value = match["key"], match["value"].rstrip()
    written = shorten(f"{key}:{value}")
    fixed = shorten(f"{match['lead'].strip()} {key}: {value}".strip())
    return Diagnosis(
        line,
        match.end("key") + 1,
        Text("syntax.no_space_after_colon", written=written),
        Text("syntax.no_space_after_colon_hint", fixed=fixed),
    )


def diagnose(lines: list[str], stop: Stop) -> Diagnosis:
    """The mistake behind a syntax error, at its own line and column (1-based, inside the file)."""
    reader = _Reader(lines, stop)
    steps = (
        reader.tab,
        reader.unclosed_quote,
        reader.unclosed_bracket,
        reader.block_indicator,
        reader.stray_start,
        reader.special_start,
        reader.missing_colon,
        reader.item_after_key,
        reader.colon_in_text,
        reader.line_above,
        reader.alignment,
        reader.after_value,
        reader.document,
    )
    found = next((d for step in steps if (d := step()) is not None), None) or reader.generic()
    line = max(1, min(found.line, len(lines)))
    col = max(1, min(found.col, len(lines[line - 1]) + 1))
    return Diagnosis(line, col, found.message, found.hint)
