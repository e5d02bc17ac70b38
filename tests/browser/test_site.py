"""The built site in a real browser: filters, search, links, chart, console, layout, accessibility.

Run with `pytest -m browser` (or the whole suite, `pytest -n 2`). Fixtures are in conftest.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from build_hooks.engine.record import load_record

ROOT = Path(__file__).resolve().parents[2]
STATES_DIR = ROOT / "states"

NEED_ID = "KHM-N-001"
NEED_PATH = "/needs/khm-n-001/"

# The pages a visitor meets first: home, a State, the needs index, a need, progress.
KEY_PAGES = {
    "home": "/",
    "state-khm": "/states/khm/",
    "needs": "/needs/",
    "need-khm-n-001": NEED_PATH,
    "progress": "/progress/",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCAL_SCHEMES = {"data", "blob", "about"}


# --- the repository's own data ------------------------------------------------------------------


def _state_files() -> list[dict]:
    """The States' files and the examples the demo site shows (``extra.pfp.examples``), as data."""
    files = [*sorted(STATES_DIR.glob("*.yml")), *sorted((ROOT / "examples").glob("*.yml"))]
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files]


def _find_need(need_id: str) -> dict:
    for doc in _state_files():
        for need in doc.get("needs") or []:
            if need["id"] == need_id:
                return need
    raise AssertionError(f"{need_id} is not in states/*.yml")


def _distinctive_word(need_id: str) -> str:
    """The word of the need's description that is rarest across all states/*.yml (longest on ties)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]{5,}", _find_need(need_id)["description"])}
    corpus = " ".join(
        p.read_text(encoding="utf-8").lower() for p in [*STATES_DIR.glob("*.yml"), *(ROOT / "examples").glob("*.yml")]
    )
    counts = Counter({w: len(re.findall(rf"\b{w}\b", corpus)) for w in words})
    return min(words, key=lambda w: (counts[w], -len(w), w))


def _path(href: str) -> str:
    return urlsplit(href).path


def _hrefs(locator: object) -> list[str]:
    """Resolved paths of every link the locator matches."""
    return [_path(h) for h in locator.evaluate_all("els => els.map(e => e.href)")]


# --- (1) filters ---------------------------------------------------------------------------------


def _shown_of(shown: int, total: int) -> re.Pattern[str]:
    """The live count, whatever its wording ("2 / 4", "2 of 4 rows shown"): these two numbers, in order."""
    return re.compile(rf"^\D*\b{shown}\b\D+\b{total}\b\D*$")


def test_needs_filter_narrows_rows_and_show_all_restores_them(session) -> None:
    page = session.goto("/needs/")
    form = page.locator("form[data-pfp-filter]")
    expect(form).to_be_visible()
    table_id = form.get_attribute("data-pfp-filter")
    rows = page.locator(f"#{table_id} tbody tr")
    visible = page.locator(f"#{table_id} tbody tr:visible")
    count = form.locator("output[data-pfp-count]")
    total = rows.count()
    assert total >= 2, "the needs table needs at least two rows to test filtering"
    expect(visible).to_have_count(total)
    expect(count).to_have_text(_shown_of(total, total))

    for name in ("area", "state"):
        values = rows.evaluate_all(f"rs => rs.map(r => r.dataset.{name})")
        tally = Counter(values)
        narrowing = [v for v, n in tally.items() if 0 < n < total]
        assert narrowing, f"no {name} value narrows the table: {tally}"
        choice = min(narrowing, key=lambda v: (tally[v], v))
        form.locator(f"select[name={name}]").select_option(choice)

        expect(visible).to_have_count(tally[choice])
        assert tally[choice] < total
        shown = visible.evaluate_all(f"rs => rs.map(r => r.dataset.{name})")
        assert shown == [choice] * tally[choice], f"{name}={choice} left other rows visible: {shown}"
        expect(count).to_have_text(_shown_of(tally[choice], total))

        form.get_by_role("button", name="Show all").click()
        expect(visible).to_have_count(total)
        expect(form.locator(f"select[name={name}]")).to_have_value("")
        expect(count).to_have_text(_shown_of(total, total))


# --- (2) search ----------------------------------------------------------------------------------


def test_search_finds_the_need_by_a_word_of_its_description(session) -> None:
    word = _distinctive_word(NEED_ID)
    page = session.goto("/")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(word)  # Material listens to key events, not only `input`
    results = page.locator(".md-search-result__list a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=10_000)
    found = _hrefs(results)  # e.g. /needs/khm-n-001/ (the query string ?h=... is dropped)
    assert NEED_PATH in found, f"searching {word!r} did not list {NEED_PATH}: {found}"


# --- (3) need <-> responding offer -----------------------------------------------------------------


def test_need_and_its_responding_offer_link_to_each_other(session) -> None:
    offers = [
        offer["id"]
        for doc in _state_files()
        for offer in doc.get("offers") or []
        if NEED_ID in (offer.get("responds_to") or [])
    ]
    assert offers, f"no offer in states/*.yml responds to {NEED_ID}"
    offer_path = f"/offers/{offers[0].lower()}/"

    page = session.goto(NEED_PATH)
    responding = page.locator("#responding-offers + .pfp-table-wrap tbody a")
    assert offer_path in _hrefs(responding), f"{NEED_PATH} does not list {offer_path} under responding offers"

    page.locator(f'#responding-offers + .pfp-table-wrap tbody a[href$="{offer_path.lstrip("/")}"]').first.click()
    expect(page).to_have_url(session.url(offer_path))
    back = page.locator("#responds-to + .pfp-table-wrap tbody a")
    assert NEED_PATH in _hrefs(back), f"{offer_path} does not link back to {NEED_PATH}"


# --- (4) progress chart and table ----------------------------------------------------------------


def test_progress_has_chart_and_timeline_table(session) -> None:
    record, _ = load_record(ROOT)
    today = dt.datetime.now(tz=dt.UTC).date()
    with_deadline = {
        code
        for code in record.parties(today)
        if (s := record.get(code)).has_article5 and s.current_deadline().known and not s.completed_on.known
    }
    assert with_deadline, "no State Party in record/ has a current article 5 deadline"
    page = session.goto("/progress/")

    chart = page.locator("svg[role=img]").first
    expect(chart).to_be_visible()
    title = chart.locator(":scope > title")
    desc = chart.locator(":scope > desc")
    expect(title).to_have_count(1)
    expect(desc).to_have_count(1)
    assert title.text_content().strip(), "the chart's <title> is empty"
    assert desc.text_content().strip(), "the chart's <desc> is empty"
    labelled_by = (chart.get_attribute("aria-labelledby") or "").split()
    assert title.get_attribute("id") in labelled_by, "aria-labelledby does not name the chart's <title>"
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100, f"the chart is not drawn at a usable size: {box}"

    rows = page.locator("#pfp-timeline-table tbody tr")
    expect(rows).to_have_count(len(with_deadline))
    linked = set(_hrefs(page.locator("#pfp-timeline-table tbody tr td:first-child a")))
    assert linked == {f"/states/{code.lower()}/" for code in with_deadline}


# --- (5) console -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_no_console_errors(session, name: str) -> None:
    session.goto(KEY_PAGES[name], wait_until="networkidle")  # let the search worker start too
    errors = session.console_errors + session.page_errors
    assert not errors, "console errors:\n  " + "\n  ".join(errors)


# --- (6) no horizontal scroll: tests/browser/test_layout.py, every page type at 375 and 1280 px ----------


# --- (7) accessibility -----------------------------------------------------------------------------


def _axe_report(path: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {path}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{', '.join(v['tags'])}] {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.extend(f"       {s}" for s in node["failureSummary"].splitlines())
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


AXE_PAGES = list(KEY_PAGES)


@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_wcag_violations(session, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path = KEY_PAGES[name]
    page = session.goto(path)
    page.wait_for_function(  # the filter script has run: it fills the count
        "document.querySelector('form[data-pfp-filter]') === null || "
        "document.querySelector('form[data-pfp-filter] output').textContent !== ''"
    )
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, _axe_report(path, violations)


# --- (8) nothing leaves 127.0.0.1 ------------------------------------------------------------------

EVERY_KIND_OF_PAGE = [
    "/",
    "/about/",
    "/contribute/",
    "/contribute/fields/",
    "/contribute/rules/",
    "/contribute/edit/",
    "/states/",
    "/states/khm/",
    "/needs/",
    NEED_PATH,
    "/offers/",
    "/offers/nor-o-001/",
    "/challenges/",
    "/progress/",
    "/404.html",
]


def _assert_local(requests: list[str], min_count: int = 1) -> None:
    assert len(requests) >= min_count, f"only {len(requests)} request(s) recorded: {requests}"
    foreign = [u for u in requests if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).hostname != "127.0.0.1"]
    assert not foreign, "requests left 127.0.0.1:\n  " + "\n  ".join(sorted(set(foreign)))


@pytest.mark.parametrize("path", EVERY_KIND_OF_PAGE)
def test_no_request_leaves_localhost(session, path: str) -> None:
    session.page.goto(session.url(path), wait_until="networkidle")  # 404.html answers 404
    _assert_local(session.requests)


def test_no_request_leaves_localhost_when_searching(session) -> None:
    page = session.goto("/", wait_until="networkidle")
    page.locator("input.md-search__input").press_sequentially("clearance")
    result = page.locator(".md-search-result__list a.md-search-result__link").first
    expect(result).to_be_visible(timeout=10_000)
    result.click()
    page.wait_for_load_state("networkidle")
    # the page, its CSS and JS, the search worker, the index, and the result's page
    _assert_local(session.requests, min_count=8)
    assert any(u.endswith("/search/search_index.json") for u in session.requests), "the search index was not loaded"


# --- (9) screenshots: tests/browser/test_layout.py, every page type, both widths, three languages -------
