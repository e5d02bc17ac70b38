"""Hand-written pages on a narrow screen: tables as labelled cards, ids never broken at their hyphens.

A Markdown table of four columns does not fit a phone: its words break mid-name or its last columns
are cut off. The generated pages' templates write a ``data-label`` on every cell (their headings come
from the view model); :func:`label_table_cells` does the same for the tables Python-Markdown made from
``content/`` pages (the field reference, the rule catalogue, the data page): every cell but the first
of its row gets ``data-label`` with its column's heading, as text, and the table ``data-cards``.
The stylesheet then shows each row as a card headed by its first cell. :func:`keep_ids_whole` gives
an id written as code (```KHM-N-003```) the class that keeps it on one line, as the templates do for
the ids they show. Nothing else in the page changes: attributes are inserted into the HTML as written.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

# An entry's id written as inline code: <code>KHM-N-003</code> (need, offer or challenge).
_ID_CODE_RE = re.compile(r"<code>([A-Z]{3}-[NOC]-[0-9]{3})</code>")


class _CellLabeller(HTMLParser):
    """Finds where each table, header cell and body cell starts, and the headings' text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self._line_starts.append(index + 1)
        self.inserts: list[tuple[int, str]] = []  # (offset just after "<td" or "<table", text to insert)
        self._headings: list[str] = []
        self._heading: list[str] | None = None
        self._in_head = False
        self._column = -1
        self._depth = 0  # tables inside tables are left alone
        self._table_start = 0
        self._labelled = False

    def _offset(self, tag: str) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col + 1 + len(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._headings = []
                self._table_start = self._offset(tag)
                self._labelled = False
        elif self._depth != 1:
            return
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._column = -1
        elif tag == "th" and self._in_head:
            self._heading = []
        elif tag == "td" and not self._in_head:
            self._column += 1
            label = self._headings[self._column] if self._column < len(self._headings) else ""
            if self._column > 0 and label and "data-label" not in names:
                self.inserts.append((self._offset(tag), f' data-label="{escape(label)}"'))
                self._labelled = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self._depth == 1 and self._labelled:
                self.inserts.append((self._table_start, " data-cards"))
            self._depth = max(0, self._depth - 1)
        elif self._depth != 1:
            return
        elif tag == "thead":
            self._in_head = False
        elif tag == "th" and self._heading is not None:
            self._headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def label_table_cells(html: str) -> str:
    """``html`` with every table's body cells (but the first of each row) labelled with their heading."""
    if "<table" not in html:
        return html
    parser = _CellLabeller(html)
    parser.feed(html)
    parser.close()
    out = html
    for offset, text in sorted(parser.inserts, reverse=True):
        out = out[:offset] + text + out[offset:]
    return out


def keep_ids_whole(html: str) -> str:
    """``html`` with every ``<code>`` that is exactly an entry id given the class that keeps it on one line."""
    return _ID_CODE_RE.sub(r'<code class="pfp-nowrap">\1</code>', html)


def for_narrow_screens(html: str) -> str:
    """A hand-written page's HTML, ready for a phone: labelled table cells, ids kept whole."""
    return keep_ids_whole(label_table_cells(html))
