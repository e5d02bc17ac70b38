"""Hand-written pages on a narrow screen: Markdown tables' cells labelled with their headings, ids kept whole."""

from __future__ import annotations

import markdown

from build_hooks.site.narrow import for_narrow_screens, keep_ids_whole, label_table_cells

TABLE = """\
| field | type | required |
|---|:-:|---|
| `state` | text & more | yes |
| `needs` | list of [Need](#need) | |
"""


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


def test_every_cell_but_the_first_of_its_row_gets_its_heading() -> None:
    html = label_table_cells(_html(TABLE))
    assert html.count('data-label="type"') == 2 and html.count('data-label="required"') == 2
    assert 'data-label="field"' not in html  # the first cell heads the card
    assert "<table data-cards>" in html
    assert '<td data-label="type" style="text-align: center;">text &amp; more</td>' in html  # its own attributes kept


def test_only_attributes_are_added() -> None:
    source = _html(TABLE)
    labelled = label_table_cells(source)
    stripped = labelled.replace(" data-cards", "")
    for heading in ("type", "required"):
        stripped = stripped.replace(f' data-label="{heading}"', "")
    assert stripped == source


def test_headings_are_text_and_escaped() -> None:
    html = label_table_cells(_html('| a | <b>"x" & y</b> |\n|---|---|\n| 1 | 2 |\n'))
    assert 'data-label="&quot;x&quot; &amp; y"' in html


def test_a_page_without_tables_or_headings_is_left_alone() -> None:
    assert label_table_cells("<p>No table</p>") == "<p>No table</p>"
    headless = "<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>"
    assert label_table_cells(headless) == headless


def test_a_table_inside_a_cell_is_left_alone() -> None:
    html = (
        "<table><thead><tr><th>k</th><th>v</th></tr></thead><tbody><tr><td>1</td><td>"
        "<table><thead><tr><th>x</th><th>y</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>"
        "</td></tr></tbody></table>"
    )
    out = label_table_cells(html)
    assert out.count("data-label") == 1 and 'data-label="v"' in out and 'data-label="y"' not in out


def test_ids_written_as_code_stay_whole() -> None:
    html = "<p>Next: <code>KHM-N-004</code> after <code>KHM-N-003</code>; <code>state: KHM</code>.</p>"
    assert keep_ids_whole(html) == (
        '<p>Next: <code class="pfp-nowrap">KHM-N-004</code> after <code class="pfp-nowrap">KHM-N-003</code>;'
        " <code>state: KHM</code>.</p>"
    )
    assert "pfp-nowrap" in for_narrow_screens(html) and "data-cards" in for_narrow_screens(_html(TABLE))
