"""The French and Spanish sites in a real browser: the language switcher, language-specific
dates and names, search per language, and accessibility (axe, WCAG 2.2 A/AA) of their pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

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
