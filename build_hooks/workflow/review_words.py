"""The words of ``pfp review``: values from the files as code spans, and sentences said in the reader's language.

Everything that comes from a State file or the record is shown inside a Markdown code span
(:func:`code`): whatever a pull request puts in a file, it cannot turn into a link, an
@mention, an image or HTML in the comment the workflow posts. Such values are quoted as they
are, in every language.

Everything else is a catalogue entry (a :class:`~build_hooks.diagnostics.Text`) or is put
together from catalogue entries, State names and numbers with :class:`Said`. Both are ``str``
equal to their English wording, so the review is built once and ``say`` tells it in English,
French or Spanish: ``say(Text("review.ref_need", id=code("KHM-N-001")), "fr")`` is
"besoin `KHM-N-001`".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from build_hooks.diagnostics import Text, in_language
from build_hooks.i18n import DEFAULT_LANGUAGE, fmt_date_long, fmt_number
from build_hooks.reference import StateName, is_named_state


class Said(str):
    """Words put together from parts that say themselves in a language (catalogue entries, State
    names, numbers), made by ``say(lang)``; like a :class:`Text`, it *is* its English wording."""

    _say: Callable[[str], str]

    def __new__(cls, say: Callable[[str], str]) -> Said:
        self = super().__new__(cls, say(DEFAULT_LANGUAGE))
        self._say = say
        return self

    def in_language(self, lang: str) -> str:
        return self._say(lang)


def say(value: object, lang: str) -> str:
    """``value`` in ``lang``: a :class:`Text` or :class:`Said` in that language, anything else as it is."""
    return str(in_language(value, lang))


def joined(parts: Iterable[object], sep: str = ", ") -> Said:
    """Parts one after another, each said in the reader's language."""
    items = tuple(parts)
    return Said(lambda lang: sep.join(say(part, lang) for part in items))


def colon(head: object, tail: object) -> Said:
    """``head: tail``, with the language's colon (a no-break space before it in French)."""
    return Said(lambda lang: f"{say(head, lang)}{Text('punct.colon').in_language(lang)} {say(tail, lang)}")


def arrow(old: object, new: object) -> Said:
    """``old -> new``."""
    return joined([old, new], " -> ")


def count(value: int) -> Said:
    """A number in prose, as the language writes it (2,500 / 2 500 / 2.500)."""
    return Said(lambda lang: fmt_number(value, lang))


def day(value: dt.date) -> Said:
    """A date in prose, as the language writes it (27 November 2026 / 27 novembre 2026)."""
    return Said(lambda lang: fmt_date_long(value, lang))


def state_label(code_: str) -> str:
    """Cambodia (KHM) / Cambodge (KHM) for a State the Platform names; any other code as code."""
    if not is_named_state(code_):
        return code(code_)
    name = StateName(code_)
    return Said(lambda lang: f"{say(name, lang)} ({code_})")


# --------------------------------------------------------------------------------------
# Values from the files: quoted as they are, in code spans
# --------------------------------------------------------------------------------------


# Characters that reorder the text around them when shown (bidirectional embeddings, overrides,
# isolates and marks): a quoted value shows each as its escape, so it cannot reverse the line it is in.
_BIDI_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shorten(text: str, limit: int = 120) -> str:
    """One line, at most ``limit`` characters, with no character that reorders the line it is in."""
    text = _BIDI_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def code(text: str, limit: int = 120) -> str:
    """``text`` as a Markdown code span that no backtick inside it can close early."""
    text = shorten(str(text), limit)
    if not text:
        return Text("review.empty")
    fence = "`" * (longest_run(text, "`") + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# Groups of three digits apart by a space (SI, ISO 80000-1): read alike in English, French and
# Spanish, where a comma would be a decimal comma to a French or Spanish reader. A plain space:
# ``shorten`` makes every space of a quoted value one (a no-break space would not survive it).
GROUP = " "


def number(value: float) -> str:
    """2500000 -> 2 500 000; 12.5 -> 12.5 (a value quoted from a file: the same in every language)."""
    if isinstance(value, bool):
        return str(value).lower()
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", GROUP)
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", GROUP)


def show(value: Any, limit: int = 120) -> str:
    """A value as a reviewer reads it: ``(none)``, ``2 500 000 USD``, ``2026-01-01 to 2027-12-31``, `text`."""
    if value is None:
        return Text("review.none")
    if isinstance(value, bool):
        return code(str(value).lower())
    if isinstance(value, (int, float)):
        return code(number(value))
    if isinstance(value, str):
        return code(value, limit)
    if isinstance(value, dict):
        amount, currency = value.get("value"), value.get("currency")
        if set(value) <= {"value", "currency"} and isinstance(amount, (int, float)) and isinstance(currency, str):
            return code(f"{number(amount)} {currency}")
        if set(value) <= {"start", "end"} and value:
            start, end = str(value.get("start") or "…"), str(value.get("end") or "…")
            return Said(lambda lang: code(Text("review.period", start=start, end=end).in_language(lang)))
        parts = [f"{k}: {_plain(v)}" for k, v in value.items()]
        return code("{" + ", ".join(parts) + "}", limit)
    if isinstance(value, list):
        if not value:
            return Text("review.empty_list")
        return code(", ".join(_plain(v) for v in value), limit)
    return code(repr(value), limit)


def _plain(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if value is None:
        return "null"
    return str(value).lower() if isinstance(value, bool) else str(value)


def longest_run(text: str, char: str) -> int:
    longest = current = 0
    for c in text:
        current = current + 1 if c == char else 0
        longest = max(longest, current)
    return longest
