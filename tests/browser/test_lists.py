"""The needs and offers lists in a browser: filters and sorting kept in the page's address (a shared
address shows the same rows, the back button undoes a choice), the "open" filter, and "Download these
rows", whose file holds exactly the rows shown, with the columns and cells of the full CSV.

The choices are derived from the rows the page shows, never from today's states/ files.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

FILTERS = ("area", "kind", "status", "state")


def _visible_ids(page: object, table: str) -> list[str]:
    return page.locator(f"#{table} tbody tr:visible").evaluate_all("rs => rs.map(r => r.dataset.id)")


def _narrowing_choice(page: object, table: str) -> tuple[str, str]:
    """A filter and a value that keep some rows but not all (the rarest such value)."""
    rows = page.locator(f"#{table} tbody tr")
    total = rows.count()
    for name in FILTERS:
        tally = Counter(rows.evaluate_all(f"rs => rs.map(r => r.dataset.{name})"))
        narrowing = [v for v, n in tally.items() if 0 < n < total and v != "open"]  # "open" is two statuses
        if narrowing:
            return name, min(narrowing, key=lambda v: (tally[v], v))
    raise AssertionError(f"no filter narrows the {total} rows of #{table}")


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize(("path", "table"), [("needs/", "pfp-needs"), ("fr/offers/", "pfp-offers")])
def test_a_shared_address_shows_the_same_rows_and_downloads_exactly_them(
    open_at, built_site: Path, path: str, table: str
) -> None:
    first = open_at(1280)
    page = first.goto(path)
    form = page.locator("form[data-pfp-filter]")
    total = page.locator(f"#{table} tbody tr").count()
    name, value = _narrowing_choice(page, table)
    form.locator(f"select[name={name}]").select_option(value)
    page.locator(f"#{table} thead th[data-key=title] button").click()  # A to Z
    page.locator(f"#{table} thead th[data-key=title] button").click()  # Z to A
    shown = _visible_ids(page, table)
    assert 0 < len(shown) < total
    query = parse_qs(urlsplit(page.url).query)
    assert query == {name: [value], "sort": ["-title"]}, page.url
    expect(form.locator("select[name=sort]")).to_have_value("-title")

    # Someone else opens the address, on a phone.
    other = open_at(375)
    again = other.goto(path + "?" + urlsplit(page.url).query)
    assert _visible_ids(again, table) == shown
    expect(again.locator(f"form[data-pfp-filter] select[name={name}]")).to_have_value(value)
    expect(again.locator(f"#{table} thead th[data-key=title]")).to_have_attribute("aria-sort", "descending")

    with again.expect_download() as info:
        again.locator("form[data-pfp-filter] [data-pfp-download]").click()
    download = info.value
    rows = _csv(Path(download.path()).read_text(encoding="utf-8"))
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == shown, "the download does not hold exactly the rows shown, in their order"
    # The same columns and cells as the full CSV of the page's language (and the examples' file).
    sources = again.locator("[data-pfp-download]").get_attribute("data-pfp-download").split()
    full: dict[str, list[str]] = {}
    for source in sources:
        resolved = urlsplit(again.evaluate("u => new URL(u, location.href).href", source)).path.lstrip("/")
        table_rows = _csv((built_site / resolved).read_text(encoding="utf-8"))
        assert table_rows[0] == header, f"{source}: other columns than the download's"
        full.update({r[0]: r for r in table_rows[1:]})
    assert body == [full[i] for i in shown]
    assert download.suggested_filename.endswith(".csv")


def test_the_back_button_undoes_each_choice(session) -> None:
    page = session.goto("needs/")
    form = page.locator("form[data-pfp-filter]")
    everything = _visible_ids(page, "pfp-needs")
    name, value = _narrowing_choice(page, "pfp-needs")
    form.locator(f"select[name={name}]").select_option(value)
    narrowed = _visible_ids(page, "pfp-needs")
    form.locator("select[name=sort]").select_option("-amount")
    expect(page.locator("#pfp-needs thead th[data-key=amount]")).to_have_attribute("aria-sort", "descending")
    assert "sort=-amount" in page.url

    page.go_back()
    expect(form.locator("select[name=sort]")).to_have_value("")
    expect(page.locator("#pfp-needs thead th[data-key=amount]")).not_to_have_attribute("aria-sort", "descending")
    assert _visible_ids(page, "pfp-needs") == narrowed and "sort=" not in page.url
    page.go_back()
    expect(form.locator(f"select[name={name}]")).to_have_value("")
    assert _visible_ids(page, "pfp-needs") == everything
    assert urlsplit(page.url).query == ""
    page.go_forward()
    expect(form.locator(f"select[name={name}]")).to_have_value(value)
    assert _visible_ids(page, "pfp-needs") == narrowed


@pytest.mark.parametrize("lang", ["", "fr/", "es/"])
def test_the_open_filter_keeps_open_and_partially_met_needs_and_says_so(session, lang: str) -> None:
    page = session.goto(f"{lang}needs/")
    select = page.locator("form[data-pfp-filter] select[name=status]")
    labels = dict(select.locator("option").evaluate_all("os => os.map(o => [o.value, o.textContent.trim()])"))
    assert labels["partially_met"].lower() in labels["open"].lower(), labels  # "Open or partially met"
    rows = page.locator("#pfp-needs tbody tr")
    statuses = rows.evaluate_all("rs => rs.map(r => r.dataset.status)")
    select.select_option("open")
    expected = sum(s in {"open", "partially_met"} for s in statuses)
    expect(page.locator("#pfp-needs tbody tr:visible")).to_have_count(expected)
    shown = page.locator("#pfp-needs tbody tr:visible").evaluate_all("rs => rs.map(r => r.dataset.status)")
    assert set(shown) <= {"open", "partially_met"}
    assert "status=open" in page.url


def test_an_address_with_unknown_values_shows_every_row(session) -> None:
    page = session.goto("needs/?status=nonsense&amount=-3&sort=nothing&h=survey")
    rows = page.locator("#pfp-needs tbody tr")
    expect(page.locator("#pfp-needs tbody tr:visible")).to_have_count(rows.count())
    expect(page.locator("form[data-pfp-filter] select[name=status]")).to_have_value("")
