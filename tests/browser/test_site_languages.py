"""The French and Spanish sites in a real browser: the language switcher, language-specific
dates and names, search per language, and accessibility (axe, WCAG 2.2 A/AA) of their pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from build_hooks.i18n import state_name_in, translator

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "",
    "states/khm/",
    "needs/",
    "needs/khm-n-001/",
    "progress/",
    "contribute/",
    "contribute/rules/",
    "contribute/fields/",
]


def _switch(page: object, lang: str) -> None:
    """Use the header's language menu as a reader would: open it, choose the language."""
    page.locator(".md-header .md-select button").first.hover()
    link = page.locator(f'.md-header a.md-select__link[hreflang="{lang}"]')
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state("load")


def test_switching_language_on_a_need_page_lands_on_the_same_need(session) -> None:
    page = session.goto("/needs/khm-n-001/")
    title_en = page.locator("h1").first.inner_text()
    _switch(page, "fr")
    assert page.url.endswith("/fr/needs/khm-n-001/")
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.locator(".pfp-facts")).to_contain_text("KHM-N-001")
    expect(page.locator(".pfp-facts")).to_contain_text("Cambodge")
    _switch(page, "es")
    assert page.url.endswith("/es/needs/khm-n-001/")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator(".pfp-facts")).to_contain_text("Camboya")
    _switch(page, "en")
    assert page.url.endswith("/needs/khm-n-001/") and "/fr/" not in page.url and "/es/" not in page.url
    assert page.locator("h1").first.inner_text() == title_en


def test_the_rule_catalogue_and_field_reference_exist_in_each_language(session) -> None:
    page = session.goto("/contribute/rules/")
    _switch(page, "fr")
    assert page.url.endswith("/fr/contribute/rules/")
    expect(page.locator("h1")).to_contain_text("Catalogue des règles")
    _switch(page, "es")
    assert page.url.endswith("/es/contribute/rules/")
    page = session.goto("/es/contribute/fields/")
    expect(page.locator("h1")).to_contain_text("Referencia de campos")
    expect(page.locator("td", has_text="«Abierta»").first).to_be_visible()


def test_untranslated_text_is_marked_with_its_language(session) -> None:
    page = session.goto("/fr/needs/khm-n-001/")
    marked = page.locator('h1[lang="en"], .pfp-text[lang="en"]')
    assert marked.count() >= 1, "the English original should carry lang=en on the French page"
    expect(page.locator(".pfp-lang").first).to_contain_text("anglais")


def test_french_progress_index_shows_french_dates_and_names(session) -> None:
    page = session.goto("/fr/progress/")
    table = page.locator("#pfp-timeline-table")
    text = table.inner_text()
    assert "Cambodge" in text and "Afghanistan" in text
    assert re.search(
        r"\b\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}\b", text
    ), text[:300]
    assert "Progrès" in page.title() or "Progrès" in page.locator("h1").first.inner_text()


def test_spanish_pages_use_spanish_terms(session) -> None:
    page = session.goto("/es/states/")
    expect(page.locator("h1").first).to_have_text("Estados Partes")
    assert "Camboya" in page.locator("table").first.inner_text()


def test_search_is_per_language(session) -> None:
    page = session.goto("/fr/")
    page.locator("input.md-search__input").first.click()
    page.keyboard.type("Cambodge")
    result = page.locator(".md-search-result__item a").first
    expect(result).to_be_visible(timeout=10_000)
    assert "/fr/" in result.get_attribute("href") or "/fr/" in page.evaluate(
        "h => new URL(h, location).pathname", result.get_attribute("href")
    )


def _entries(site: Path) -> list[dict]:
    """The needs and offers the built site publishes (its API: real entries and the labelled examples)."""
    found = []
    for name in ("needs.json", "offers.json", "examples.json"):
        found += json.loads((site / "api" / "v1" / name).read_text(encoding="utf-8"))["result"]
    return sorted((e for e in found if e["id"].split("-")[1] in {"N", "O"}), key=lambda e: e["id"])


def _search(page: object, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the site's search; (path, text) of each result shown."""
    page.locator("input.md-search__input").first.click()
    page.keyboard.type(query)
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible(timeout=10_000)

    def shown() -> list[tuple[str, str]]:
        return [
            (page.evaluate("h => new URL(h, location).pathname", item.locator("a").first.get_attribute("href")), text)
            for item, text in ((items.nth(i), items.nth(i).inner_text()) for i in range(items.count()))
        ]

    # Each key searches again: wait until the list for the whole query stays the same.
    before, now = [], shown()
    for _ in range(20):
        if now and now == before:
            break
        page.wait_for_timeout(500)
        before, now = now, shown()
    return now


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_search_finds_a_state_and_its_entries_by_the_state_name_in_the_language(
    session, built_site: Path, lang: str
) -> None:
    """A State's name in French or Spanish (Cambodge, Camboya) finds its page first, and its needs or offers."""
    entry = next(e for e in _entries(built_site) if state_name_in(e["state"], lang) != state_name_in(e["state"], "en"))
    name = state_name_in(entry["state"], lang)
    assert name
    page = session.goto(f"/{lang}/")
    results = _search(page, name)
    paths = [path for path, _ in results]
    assert paths[0].endswith(f"/{lang}/states/{entry['state'].lower()}/"), results[:3]
    assert any(path.endswith(f"/{lang}/{entry['computed']['url']}") for path in paths), (entry["id"], paths)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_search_finds_entries_by_their_area_in_the_language(session, built_site: Path, lang: str) -> None:
    """The area as the page names it (Spanish "desminado", French "déminage") finds entries of that area first."""
    entry = _entries(built_site)[0]
    area = {e["computed"]["url"] for e in _entries(built_site) if e["area"] == entry["area"]}
    word = translator(lang)(f"area.{entry['area']}").split()[0].lower()
    page = session.goto(f"/{lang}/")
    paths = [path for path, _ in _search(page, word)]
    ranks = [i for i, path in enumerate(paths) if any(path.endswith(f"/{lang}/{url}") for url in area)]
    states = [i for i, path in enumerate(paths) if f"/{lang}/states/" in path]
    assert ranks and ranks[0] < 3, (word, paths[:5])  # not buried under every State's obligations
    assert not states or ranks[0] < states[0], (word, paths[:5])


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_search_snippets_separate_labels_from_values(session, built_site: Path, lang: str) -> None:
    """ "Identifiant : NOR-O-001 · État : Norvège", not "IdentifiantNOR-O-001ÉtatNorvège"."""
    t = translator(lang)
    entry = _entries(built_site)[0]
    page = session.goto(f"/{lang}/")
    snippet = next(
        text for path, text in _search(page, entry["id"]) if path.endswith(f"/{lang}/{entry['computed']['url']}")
    )
    state = state_name_in(entry["state"], lang)
    expected = f"{t('col.id')}{t('punct.colon')} {entry['id']} · {t('col.state')}{t('punct.colon')} {state}"
    assert " ".join(expected.split()) in " ".join(snippet.split()), snippet


def test_switching_language_on_a_dialogue_report_lands_on_the_same_report(session, built_site: Path) -> None:
    """In its translation where there is one, else the original marked with its language; never the home page."""
    reports = sorted(p.parent.name for p in (built_site / "dialogues").glob("*/index.html"))
    assert reports, "the build has no dialogue report"
    page = session.goto(f"/dialogues/{reports[0]}/")
    for lang in ("fr", "es", "en"):
        _switch(page, lang)
        prefix = "" if lang == "en" else f"/{lang}"
        assert page.url.endswith(f"{prefix}/dialogues/{reports[0]}/"), page.url
        assert page.locator("html").get_attribute("lang") == lang
        if lang != "en":  # translated, or shown in the original language with the note
            h1 = page.locator("article h1").first
            if h1.get_attribute("lang"):
                expect(page.locator("article .pfp-text").first).to_have_attribute("lang", h1.get_attribute("lang"))
                expect(page.locator("article .pfp-lang").first).to_be_visible()


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_violations_in_french_and_spanish(session, lang: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = session.goto(f"/{lang}/{path}")
    assert page.locator("html").get_attribute("lang") == lang
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )
