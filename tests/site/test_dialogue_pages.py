"""Dialogue reports on each language's site: the translation where there is one, else the original marked.

The golden case has a report (``content/dialogues/khm-2026-golden.md``, in English, naming KHM-N-001
and NOR-O-001) and its French translation; it has no Spanish one.
"""

from __future__ import annotations

import pytest
from helpers import TODAY, golden_site, site_settings

from build_hooks.site.builder import prepare_build
from build_hooks.site.pages import SitePages

REPORT = "dialogues/khm-2026-golden.md"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SitePages]:
    root = golden_site(tmp_path_factory.mktemp("dialogues"))
    out = {}
    for lang in ("en", "fr", "es"):
        build = prepare_build(root / "mkdocs.yml", site_settings(language=lang), today=TODAY)
        assert build.site is not None, "\n".join(p.text() for p in build.validation.errors)
        out[lang] = build.site
    return out


def test_every_language_has_the_report(sites: dict[str, SitePages]) -> None:
    for lang, site in sites.items():
        assert REPORT in site.pages, lang
        assert 'href="../dialogues/khm-2026-golden/"' in site.bodies["dialogues/index.md"], lang


def test_the_french_site_shows_the_french_translation(sites: dict[str, SitePages]) -> None:
    body = sites["fr"].bodies[REPORT]
    assert '<h1>Réunion de l&#39;approche individualisée : Cambodge et partenaires</h1>' in body
    assert "Cambodge, Norvège, Unité d&#39;appui à l&#39;application" in body  # the translated participants
    assert '<div class="pfp-text"><h2>Résumé</h2>' in body and 'lang="en"' not in body
    assert sites["fr"].pages[REPORT].startswith("---\ntitle: \"Réunion de l'approche individualisée")
    assert "pfp_title_lang" not in sites["fr"].pages[REPORT]


def test_the_spanish_site_shows_the_original_marked_with_its_language(sites: dict[str, SitePages]) -> None:
    body = sites["es"].bodies[REPORT]
    assert '<h1 lang="en">Individualised approach meeting: Cambodia &amp; partners</h1>' in body
    assert '<span lang="en">Cambodia, Norway, ISU</span> <span class="pfp-lang">(en inglés)</span>' in body
    assert '<p class="pfp-lang">(en inglés)</p><div class="pfp-text" lang="en"><h2>Summary</h2>' in body
    assert "pfp_title_lang: en\n" in sites["es"].pages[REPORT]  # the header partial marks the title
    assert "Camboya" in body  # the facts block is the site's own


def test_ids_in_a_report_link_to_their_pages_in_every_language(sites: dict[str, SitePages]) -> None:
    for lang, site in sites.items():
        body = site.bodies[REPORT]
        assert '<a href="../../needs/khm-n-001/" rel="noopener noreferrer nofollow">KHM-N-001</a>' in body, lang
        if lang != "fr":  # the French translation names only the need
            assert '<a href="../../offers/nor-o-001/" rel="noopener noreferrer nofollow">NOR-O-001</a>' in body
            assert "<code>KHM-N-001</code>" in body


def test_the_state_page_lists_the_report_in_its_language(sites: dict[str, SitePages]) -> None:
    fr = sites["fr"].bodies["states/khm/index.md"]
    assert '<a href="../../dialogues/khm-2026-golden/">Réunion de l&#39;approche' in fr
    es = sites["es"].bodies["states/khm/index.md"]
    assert '<a href="../../dialogues/khm-2026-golden/"><span lang="en">Individualised approach meeting' in es


def test_a_draft_report_has_no_page_in_any_language(sites: dict[str, SitePages]) -> None:
    for site in sites.values():
        assert "dialogues/ago-2026-draft.md" not in site.pages
