"""Readers can follow and correct the site: feed autodiscovery on every page of every language,
a State's own feed and calendar on its page, the Dataset on the data page, "report an error"
in every footer. Built with ``pfp build`` (three languages) from a small site."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from helpers import REPO, SOURCE_DATE_EPOCH, golden_site

from build_hooks.settings import SettingsError, load_settings, parse_settings
from build_hooks.site.multibuild import build_languages

ISU = "isu@apminebanconvention.org"
ISSUE_FORM = "https://github.com/apminebanconvention/platform-for-partnerships/issues/new?"
LINK_RE = re.compile(r"<link\b[^>]*>", re.I)
ATTR_RE = re.compile(r'([a-z-]+)="([^"]*)"')
ANCHOR_RE = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = golden_site(tmp_path_factory.mktemp("subscribe"))
    for config in ("mkdocs.fr.yml", "mkdocs.es.yml"):
        shutil.copy2(REPO / config, root / config)
    site_dir = root.parent / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        mp.setenv("NO_MKDOCS_2_WARNING", "1")
        results = build_languages(root, site_dir)
    failed = [r for r in results if not r.ok]
    if failed:
        pytest.fail("\n".join(f"{r.lang}:\n{r.log}" for r in failed))
    return site_dir


def _alternates(html: str) -> list[dict[str, str]]:
    head = html.split("</head>", 1)[0]
    links = [dict(ATTR_RE.findall(tag.replace("&#34;", '"'))) for tag in LINK_RE.findall(head)]
    # rel="alternate ": the token set {alternate}, but not what Material's link[rel=alternate] selects
    return [link for link in links if link.get("rel", "").split() == ["alternate"] and link.get("type")]


def _target(site: Path, page: Path, href: str) -> Path:
    """The file a relative href of ``page`` points at (a folder means its index.html)."""
    assert "://" not in href and not href.startswith("/"), href
    rel = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href))
    assert not rel.startswith(".."), f"{href} leaves the site from {page}"
    return site / rel


def _pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


def test_every_page_of_every_language_names_the_all_changes_feed(site: Path) -> None:
    pages = _pages(site)
    assert any(p.is_relative_to(site / "fr") for p in pages) and any(p.is_relative_to(site / "es") for p in pages)
    for page in pages:
        feeds = [a for a in _alternates(page.read_text(encoding="utf-8")) if a["type"] == "application/atom+xml"]
        assert feeds and feeds[0]["title"], page
        assert _target(site, page, feeds[0]["href"]) == site / "feeds" / "all.xml", page
    assert (site / "feeds" / "all.xml").is_file()
    not_found = _alternates((site / "404.html").read_text(encoding="utf-8"))
    assert not_found[0]["href"] == "https://apminebanconvention.github.io/platform-for-partnerships/feeds/all.xml"


@pytest.mark.parametrize("lang", ["", "fr/", "es/"])
def test_a_state_page_offers_its_own_feed_and_calendar(site: Path, lang: str) -> None:
    page = site / lang / "states" / "khm" / "index.html"
    html = page.read_text(encoding="utf-8")
    feeds = [a["href"] for a in _alternates(html) if a["type"] == "application/atom+xml"]
    assert [_target(site, page, href) for href in feeds] == [site / "feeds/all.xml", site / "feeds/states/khm.xml"]
    body = html.split("</head>", 1)[1]
    links = [href for href, _text in ANCHOR_RE.findall(body)]
    assert any(_target(site, page, h) == site / "feeds/states/khm.xml" for h in links if "://" not in h)
    assert any(_target(site, page, h) == site / "data/calendars/khm.ics" for h in links if "://" not in h)
    assert "webcal://apminebanconvention.github.io/platform-for-partnerships/data/calendars/khm.ics" in links
    assert (site / "data" / "calendars" / "khm.ics").is_file()


@pytest.mark.parametrize("lang", ["", "fr/", "es/"])
def test_the_data_page_links_the_dataset_and_the_calendar_subscription(site: Path, lang: str) -> None:
    page = site / lang / "data" / "index.html"
    html = page.read_text(encoding="utf-8")
    dataset = [a["href"] for a in _alternates(html) if a["type"] == "application/ld+json"]
    assert [_target(site, page, href) for href in dataset] == [site / "data" / "dataset.jsonld"]
    assert (site / "data" / "dataset.jsonld").is_file() and (site / "data" / "datapackage.json").is_file()
    assert 'href="webcal://apminebanconvention.github.io/platform-for-partnerships/data/deadlines.ics"' in html
    assert "pfp:webcal" not in html
    assert '<script type="application/ld+json"' not in html  # a file, never an inline script


@pytest.mark.parametrize(
    ("lang", "words"), [("", "Report an error"), ("fr/", "Signaler une erreur"), ("es/", "Informar de un error")]
)
def test_every_footer_says_how_to_report_an_error_in_its_language(site: Path, lang: str, words: str) -> None:
    other = (site / "fr", site / "es")
    pages = [p for p in _pages(site / lang) if lang or not any(p.is_relative_to(o) for o in other)]
    for page in [*pages, site / lang / "404.html"]:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<div class="md-copyright">') :]
        assert words in footer, page
        hrefs = [href.replace("&amp;", "&") for href, _ in ANCHOR_RE.findall(footer)]
        issue = next(h for h in hrefs if h.startswith(ISSUE_FORM))
        query = parse_qs(urlsplit(issue).query)
        assert query["template"] == ["report-an-error.yml"]
        if page.name != "404.html":
            assert query["page"][0].startswith("https://apminebanconvention.github.io/platform-for-partnerships/")
        assert any(h.startswith(f"mailto:{ISU}?subject=") for h in hrefs), page


def test_the_issue_form_asks_for_the_page_the_error_and_its_source_in_three_languages() -> None:
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml").read_text(encoding="utf-8"))
    fields = {f["id"]: f for f in form["body"] if "id" in f}
    assert list(fields) == ["page", "what", "source"]
    for english, french, spanish in [
        ("Page", "Page", "Página"),
        ("wrong", "faux", "incorrecto"),
        ("source", "source", "fuente"),
    ]:
        assert any(english in f["attributes"]["label"] for f in fields.values())
        assert any(french in f["attributes"]["label"] for f in fields.values())
        assert any(spanish in f["attributes"]["label"] for f in fields.values())
    assert all(f["validations"]["required"] for f in fields.values())


def test_contact_email_is_a_setting() -> None:
    assert load_settings(REPO / "mkdocs.yml").contact_email == ISU
    assert parse_settings({}).contact_email == ""
    for bad in ("not an address", "isu@example.org?cc=x@y.org", "<isu@example.org>"):
        with pytest.raises(SettingsError):
            parse_settings({"contact_email": bad})
