"""One rule for every CSV cell the Platform writes: safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or with the
full-width forms of the first four (U+FF1D, U+FF0B, U+FF0D, U+FF20, which some spreadsheets
read as the ASCII ones), could be run as a formula ("CSV injection"). Such a cell gets a leading
``'``, which spreadsheets show as text; a plain number (``-5``, ``+3``, ``2.5``, ``-1e5``) is left as
it is. Used by the open-data CSV (``exports/csvfiles.py``) and ``pfp stale``'s reminder list
(``workflow/reminders.py``).
"""

from __future__ import annotations

import re

FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it as text: a leading ``'`` where it could start a formula."""
    if text[:1] in FORMULA_STARTS and not _PLAIN_NUMBER_RE.fullmatch(text):
        return "'" + text
    return text
