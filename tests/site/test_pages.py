"""Generated pages: front matter, relative links, compact HTML blocks, the home view and formatting helpers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from helpers import catalog_from, site_settings, state_yaml, write_record

from build_hooks.engine.model import Amount, Period
from build_hooks.engine.progress import compute_progress
from build_hooks.i18n import translator
from build_hooks.settings import Settings
from build_hooks.site.pages import SitePages, _base, _page, home_view, render_site_pages
from build_hooks.site.viewmodels import ViewBuilder, fmt_amount, fmt_date, fmt_period
from build_hooks.urls import item_url, state_url

t = translator("en")
REPO = Path(__file__).resolve().parents[2]


def front_matter(markdown: str) -> dict:
    match = re.match(r"^---\n(.*?)\n---\n", markdown, re.S)
    assert match, markdown[:200]
    return yaml.safe_load(match.group(1))


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src_uri", "base"),
    [("index.md", ""), ("states/index.md", "../"), ("needs/khm-n-001/index.md", "../../")],
)
def test_base_is_relative_to_the_page_url(src_uri: str, base: str) -> None:
    assert _base(src_uri) == base


@pytest.mark.parametrize(
    "title",
    [
        "Plain",
        'Quote " and \\ backslash',
        "Colon: in the middle",
        "- starts like a list",
        "# starts like a comment",
        "Yes",
        "NO",
        "2026-01-01",
        "Côte d’Ivoire — ünïcödé 𝔘",
        "{flow: mapping}",
        "&amp; & 'single'",
    ],
)
def test_front_matter_title_reads_back_exactly(title: str) -> None:
    assert front_matter(_page(title, "<p>x</p>", search=True))["title"] == title


def test_search_exclusion_in_front_matter() -> None:
    assert "search" not in front_matter(_page("T", "<p>x</p>", search=True))
    assert front_matter(_page("T", "<p>x</p>", search=False))["search"] == {"exclude": True}


def test_body_has_no_blank_lines() -> None:
    """A blank line would end Python-Markdown's raw HTML block and let later lines be read as Markdown."""
    page = _page("T", "<div>\n\n<p>a</p>\n   \n<p>b</p>\n</div>\n\n", search=True)
    body = page.split("---\n", 2)[2]
    assert body == "\n<div>\n<p>a</p>\n<p>b</p>\n</div>\n"


def test_item_and_state_urls() -> None:
    assert item_url("KHM-N-001") == "needs/khm-n-001/"
    assert item_url("NOR-O-012") == "offers/nor-o-012/"
    assert item_url("AGO-C-001") == "challenges/#ago-c-001"
    assert state_url("KHM") == "states/khm/"


def test_formatting_helpers() -> None:
    assert fmt_date(None) == ""
    assert fmt_date(dt.date(2026, 1, 2)) == "2026-01-02"
    assert fmt_amount(None) == ""
    assert fmt_amount(Amount(value=2500000.0, currency="USD")) == "2,500,000 USD"
    assert fmt_amount(Amount(value=1250000.5, currency="NOK")) == "1,250,000.50 NOK"
    assert fmt_amount(Amount(value=2500000.0, currency="USD"), "es") == "2.500.000 USD"
    assert fmt_period(None, t) == ""
    assert fmt_period(Period(), t) == ""
    assert fmt_period(Period(start=dt.date(2026, 1, 1), end=dt.date(2027, 12, 31)), t) == "1 Jan 2026 – 31 Dec 2027"
    assert fmt_period(Period(start=dt.date(2026, 1, 1)), t) == "1 Jan 2026 – open-ended"
    assert fmt_period(Period(end=dt.date(2026, 1, 1)), t) == "open-ended – 1 Jan 2026"
    fr = translator("fr")
    assert fmt_period(Period(start=dt.date(2026, 1, 1), end=dt.date(2027, 12, 31)), fr, "fr") == (
        "1 janv. 2026 – 31 déc. 2027"
    )


# --------------------------------------------------------------------------------------
# A whole small site
# --------------------------------------------------------------------------------------

KHM = """\
needs:
  - {id: KHM-N-001, title: "Survey & clearance", area: clearance, kind: financial, status: open,
     posted: 2026-02-02, updated: 2026-09-14}
  - {id: KHM-N-002, title: Met need, area: capacity, kind: expertise, status: met, posted: 2026-01-05}
  - {id: KHM-N-003, title: Undated need, area: capacity, kind: expertise, status: partially_met}
challenges:
  - {id: KHM-C-001, title: Published, category: financial, summary: Text., related_needs: [KHM-N-001],
     consent: {status: given, date: 2026-02-15, by: national authority}}
  - {id: KHM-C-002, title: Pending PAGESCANARY, category: capacity, summary: PAGESCANARY text.,
     related_needs: [KHM-N-001], consent: {status: pending}}
"""
NOR = """\
offers:
  - {id: NOR-O-001, title: Co-funding, area: clearance, kind: financial, status: available, eligible: any,
     responds_to: [KHM-N-001], posted: 2026-04-02}
  - {id: NOR-O-002, title: Closed offer, area: capacity, kind: expertise, status: closed, eligible: any,
     posted: 2026-03-01}
"""
MANY = "needs:\n" + "".join(
    f"  - {{id: AGO-N-{i:03d}, title: Need {i}, area: other, kind: equipment, status: open,"
    f" posted: 2026-0{1 + i % 9}-1{i % 10}}}\n"
    for i in range(1, 11)
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SitePages:
    tmp = tmp_path_factory.mktemp("pages")
    catalog = catalog_from(tmp, {"KHM": state_yaml("KHM", KHM), "NOR": state_yaml("NOR", NOR)})
    return render_site_pages(catalog, site_settings(), REPO)


def test_every_page_is_generated(site: SitePages) -> None:
    assert sorted(site.pages) == [
        "challenges/index.md",
        "contribute/edit/index.md",
        "dialogues/index.md",
        "needs/index.md",
        "needs/khm-n-001/index.md",
        "needs/khm-n-002/index.md",
        "needs/khm-n-003/index.md",
        "offers/index.md",
        "offers/nor-o-001/index.md",
        "offers/nor-o-002/index.md",
        "progress/index.md",
        "states/index.md",
        "states/khm/index.md",
        "states/nor/index.md",
    ]


def test_item_pages_are_searchable_and_titled(site: SitePages) -> None:
    for src_uri, markdown in site.pages.items():
        meta = front_matter(markdown)
        if re.match(r"(needs|offers|states)/[a-z]{3}(-[no]-\d{3})?/index\.md$", src_uri):
            assert "search" not in meta, src_uri
        assert meta["title"] == site.view_models[src_uri]["title"]
    assert front_matter(site.pages["needs/khm-n-001/index.md"])["title"] == "Survey & clearance"


def test_page_bodies_are_single_html_blocks(site: SitePages) -> None:
    for src_uri, markdown in site.pages.items():
        body = markdown.split("---\n", 2)[2].strip("\n")
        assert "\n\n" not in body, src_uri
        assert body.startswith("<div"), src_uri
        assert body.endswith("</div>"), src_uri


def test_links_in_pages_are_relative_to_the_page(site: SitePages) -> None:
    need = site.pages["needs/khm-n-001/index.md"]
    assert 'href="../../states/khm/"' in need
    assert 'href="../../offers/nor-o-001/"' in need
    index = site.pages["needs/index.md"]
    assert 'href="../needs/khm-n-001/"' in index
    assert 'href="../states/khm/"' in index


def test_data_is_escaped_in_pages(site: SitePages) -> None:
    need = site.pages["needs/khm-n-001/index.md"]
    assert '<h1>Survey &amp; clearance</h1>' in need


def test_unconsented_challenge_is_nowhere(site: SitePages) -> None:
    blobs = [*site.pages.values(), site.home_html, repr(site.view_models)]
    assert not [b for b in blobs if "PAGESCANARY" in b or "KHM-C-002" in b or "khm-c-002" in b]
    assert "Published" in site.pages["challenges/index.md"]


def test_home_counts_and_changes(site: SitePages) -> None:
    vm = site.view_models["index.md#home"]
    counts = {c["url"]: c["value"] for c in vm["counts"]}
    # States Parties come from the record's membership dates (the fixture record: 161 on TODAY),
    # not from how many States have a file.
    assert counts == {"states/": 161, "needs/": 2, "offers/": 1, "challenges/": 1}
    assert all(c["note"] == "" for c in vm["counts"])  # no examples in this site
    assert [c["id"] for c in vm["changes"]] == ["KHM-N-001", "NOR-O-001", "NOR-O-002", "KHM-N-002"]
    assert vm["changes"][0] == {
        "date": "14 Sept 2026",
        "date_iso": "2026-09-14",
        "id": "KHM-N-001",
        "title": {"text": "Survey & clearance", "lang": "", "note": ""},
        "url": "needs/khm-n-001/",
    }
    assert 'href="needs/khm-n-001/"' in site.home_html
    assert "\n\n" not in site.home_html


def test_home_lists_at_most_eight_latest_changes(tmp_path: Path) -> None:
    catalog = catalog_from(tmp_path, {"AGO": state_yaml("AGO", MANY)})
    views = ViewBuilder(catalog, compute_progress(catalog, 2025), "en", Settings())
    vm = home_view(catalog, views, {"summary": []})
    dates = [c["date_iso"] for c in vm["changes"]]
    assert len(dates) == 8
    assert dates == sorted(dates, reverse=True)


def test_progress_page_is_dated_by_the_build(site: SitePages) -> None:
    assert "27 Nov 2026" in site.pages["progress/index.md"]


# --------------------------------------------------------------------------------------
# Found while reading the golden output (tests/golden/three_states/expected)
# --------------------------------------------------------------------------------------

NOR_A4 = """\
offers:
  - {id: NOR-O-001, title: Updated offer, area: clearance, kind: financial, status: available, eligible: any,
     posted: 2026-04-02, updated: 2026-10-01}
"""


@pytest.fixture(scope="module")
def nor_site(tmp_path_factory: pytest.TempPathFactory) -> SitePages:
    tmp = tmp_path_factory.mktemp("nor")
    write_record(tmp, article4=["NOR,completed,,Article 7 report covering 2001,2001,yes,"])
    return render_site_pages(catalog_from(tmp, {"NOR": state_yaml("NOR", NOR_A4)}), site_settings(), REPO)


def test_article4_status_is_a_label_with_its_own_source(nor_site: SitePages) -> None:
    page = nor_site.pages["states/nor/index.md"]
    assert '<dt>Status<span hidden>: </span></dt><dd><span class="pfp-fact pfp-fact-value">Completed</span>' in page
    assert "(Source: Article 7 report covering 2001; as of 2001)" in page


def test_offer_page_shows_its_update_date(nor_site: SitePages) -> None:
    assert nor_site.view_models["offers/nor-o-001/index.md"]["updated"] == "1 Oct 2026"
    assert "1 Oct 2026" in nor_site.pages["offers/nor-o-001/index.md"]


def test_progress_row_without_article5_has_no_extension_count(nor_site: SitePages) -> None:
    (row,) = nor_site.view_models["progress/index.md"]["rows"]
    assert row["code"] == "NOR" and row["status"] == ""
    assert row["extensions"]["state"] == "not_recorded"
    assert row["extensions"]["text"] == "not recorded here"  # never 0
