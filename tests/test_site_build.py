"""The real site: states/*.yml and content/ built once with ``mkdocs build --strict``.

The State files are read here with ``yaml.safe_load`` (independently of the
engine's own loader) to decide what the built site must and must not contain.
THE CONSENT TEST: no text of a challenge without valid consent appears in any
file of the built site, including the search index and the sitemaps.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import re
import statistics
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from helpers import TODAY, run_mkdocs

from build_hooks.reference import state_name

REPO = Path(__file__).resolve().parents[1]
STATES_DIR = REPO / "states"
CONTENT_DIR = REPO / "content"
ITEM_PATH_RE = re.compile(r"^/(?:needs/[a-z]{3}-n-\d{3,}|offers/[a-z]{3}-o-\d{3,}|states/[a-z]{3})/$")


# --------------------------------------------------------------------------------------
# The State files, read independently of the engine
# --------------------------------------------------------------------------------------


def _state_files() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(STATES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        out[path.stem] = data
    return out


STATES = _state_files()


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _is_party(state: dict[str, Any]) -> bool:
    membership = state.get("membership") or {}
    if membership.get("status") != "withdrawn":
        return True
    effective = _as_date(membership.get("withdrawal_effective"))
    return effective is None or effective > TODAY


def consented(challenge: dict[str, Any], state: dict[str, Any]) -> bool:
    """The documented gate (content/contribute/fields.md, consent), restated independently of build_hooks.engine.catalog."""
    consent = challenge.get("consent")
    if not isinstance(consent, dict):
        return False
    when = _as_date(consent.get("date"))
    return (
        consent.get("status") == "given"
        and when is not None
        and when <= TODAY
        and bool(consent.get("by"))
        and _is_party(state)
    )


def _challenges() -> Iterator[tuple[str, dict[str, Any], bool]]:
    for iso3, state in STATES.items():
        for challenge in state.get("challenges") or []:
            yield iso3, challenge, consented(challenge, state)


UNPUBLISHED = [c for _, c, ok in _challenges() if not ok]
PUBLISHED = [c for _, c, ok in _challenges() if ok]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def _public_corpus() -> str:
    """Every text that may legitimately be published: all State data except unpublished challenges, and content/."""
    unpublished_ids = {c.get("id") for c in UNPUBLISHED}
    parts: list[str] = []
    for state in STATES.values():
        kept = {k: v for k, v in state.items() if k != "challenges"}
        kept["challenges"] = [c for c in state.get("challenges") or [] if c.get("id") not in unpublished_ids]
        parts += _strings(kept)
    parts += [p.read_text(encoding="utf-8") for p in CONTENT_DIR.rglob("*.md")]
    return _norm("\n".join(parts))


def distinctive_needles(challenge: dict[str, Any], corpus: str) -> list[str]:
    """Phrases of an unpublished challenge that no publishable text contains."""
    title, summary = str(challenge.get("title", "")), str(challenge.get("summary", ""))
    candidates = {str(challenge.get("id", "")), title}
    candidates |= set(re.findall(r"CANARY[-A-Z0-9]*", title + " " + summary))
    for text in (title, summary):
        candidates |= {part.strip() for part in re.split(r"(?<=[.!?:;])\s+|:\s", text)}
    return sorted(c for c in candidates if len(c) >= 9 and _norm(c) not in corpus)


# --------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The repository itself, built with ``mkdocs build --strict`` into a temporary folder."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    return run_mkdocs(REPO, site), site


@pytest.fixture(scope="module")
def site(built: tuple[subprocess.CompletedProcess[str], Path]) -> Path:
    proc, site_dir = built
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return site_dir


def _page(site: Path, url_path: str) -> Path:
    return site / url_path.strip("/") / "index.html" if url_path.strip("/") else site / "index.html"


def _url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        return "/" + rel.removesuffix("index.html")
    return "/" + rel


class _Text(HTMLParser):
    """Visible text of a page (script and style contents left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts))


class _NavLinks(HTMLParser):
    """Every href inside a <nav> element, except the language menu's (it links the same page in each language)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href")
            if href is not None and "md-select__link" not in (dict(attrs).get("class") or ""):
                self.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


# --------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------


def test_mkdocs_build_strict_exits_zero(built: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    proc, site_dir = built
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (site_dir / "index.html").is_file()
    assert not Path(str(site_dir) + ".pfp-staging").exists(), "the staging folder was left behind"


def test_the_fixture_data_is_not_vacuous() -> None:
    assert len(STATES) >= 100
    assert UNPUBLISHED, "no unpublished challenge in states/: the consent test would prove nothing"
    assert PUBLISHED, "no consented challenge in states/: the positive control would prove nothing"


def test_every_state_need_and_offer_has_its_page(site: Path) -> None:
    missing = []
    for iso3, state in STATES.items():
        expected = [f"states/{iso3.lower()}/"]
        expected += [f"needs/{n['id'].lower()}/" for n in state.get("needs") or []]
        expected += [f"offers/{o['id'].lower()}/" for o in state.get("offers") or []]
        missing += [url for url in expected if not _page(site, url).is_file()]
    assert not missing, f"no page for: {missing}"


def test_entry_pages_show_their_entry(site: Path) -> None:
    for state in STATES.values():
        for entry in [*(state.get("needs") or []), *(state.get("offers") or [])]:
            kind = "needs" if "-N-" in entry["id"] else "offers"
            text = page_text(_page(site, f"{kind}/{entry['id'].lower()}/"))
            assert entry["id"] in text
            assert _norm(entry["title"]) in _norm(text)


def test_progress_names_every_state_with_an_obligation(site: Path) -> None:
    progress = _page(site, "progress/")
    text, raw = page_text(progress), progress.read_text(encoding="utf-8")
    expected = []
    for iso3, state in STATES.items():
        ob = state.get("obligations") or {}
        statuses = [(ob.get(name) or {}).get("status") for name in ("article4", "article5")]
        if any(s not in (None, "none") for s in statuses):
            expected.append(iso3)
    assert expected
    for iso3 in expected:
        assert state_name(iso3) in text, f"{iso3} ({state_name(iso3)}) is not named on /progress/"
        assert f'href="../states/{iso3.lower()}/"' in raw, f"/progress/ does not link to {iso3}"


def test_item_pages_are_not_in_the_navigation(site: Path) -> None:
    """not_in_nav: no <nav> on any page links to a State, need or offer page."""
    found = []
    for file in sorted(site.rglob("*.html")):
        parser = _NavLinks()
        parser.feed(file.read_text(encoding="utf-8"))
        page_url = "https://pfp.invalid" + _url_of(site, file)
        for href in parser.hrefs:
            path = urlsplit(urljoin(page_url, href)).path
            if ITEM_PATH_RE.match(path):
                found.append(f"{_url_of(site, file)} -> {href}")
    assert not found, "item pages linked from a <nav>:\n" + "\n".join(found[:20])


def test_home_page_links_item_pages_only_outside_the_nav(site: Path) -> None:
    """The check above is not vacuous: the home page does link need pages, in its content."""
    raw = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="needs/[a-z]{3}-n-\d{3,}/"', raw)


def test_need_pages_are_small(site: Path) -> None:
    sizes = {p.parent.name: p.stat().st_size for p in site.glob("needs/*/index.html")}
    assert sizes
    assert statistics.median(sizes.values()) < 30 * 1024, sizes
    if "khm-n-001" in sizes:
        assert sizes["khm-n-001"] < 30 * 1024


def _haystacks(site: Path, files: list[Path] | None = None) -> Iterator[tuple[str, str]]:
    """Every built file as searchable text: raw, entity-decoded, tag-stripped; JSON strings and gzip unpacked."""
    for file in files if files is not None else sorted(p for p in site.rglob("*") if p.is_file()):
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        variants = [text, html.unescape(text)]
        if file.suffix == ".json":
            strings = "\n".join(_strings(json.loads(text)))
            variants += [strings, html.unescape(re.sub(r"<[^>]+>", " ", strings))]
        variants.append(html.unescape(re.sub(r"<[^>]+>", "", text)))
        yield file.relative_to(site).as_posix(), _norm("\n".join(variants))


def test_consent_unpublished_challenges_appear_nowhere(site: Path) -> None:
    """THE CONSENT TEST (SECURITY.md item 15)."""
    corpus = _public_corpus()
    needles: dict[str, list[str]] = {}
    for challenge in UNPUBLISHED:
        found = distinctive_needles(challenge, corpus)
        assert found, f"no distinctive text in {challenge.get('id')}: the test would prove nothing"
        needles[str(challenge.get("id"))] = found
    files = list(_haystacks(site))
    assert any(name == "search/search_index.json" for name, _ in files)
    assert any(name == "sitemap.xml" for name, _ in files)
    assert any(name == "sitemap.xml.gz" for name, _ in files)
    leaks = [
        f"{cid}: {needle!r} in {name}"
        for cid, phrases in needles.items()
        for needle in phrases
        for name, hay in files
        if _norm(needle) in hay
    ]
    assert not leaks, "unpublished challenge text in the built site:\n" + "\n".join(leaks)


def test_consent_canaries_exist_in_the_data() -> None:
    """The canary phrases the bundled data ships with are among the unpublished challenges."""
    ids = {c.get("id") for c in UNPUBLISHED}
    for cid in ("KHM-C-002", "LKA-C-001"):
        if any(c.get("id") == cid for _, c, _ in _challenges()):
            assert cid in ids


def test_consented_challenges_do_appear(site: Path) -> None:
    """Positive control: the same search finds a consented challenge's title and summary on /challenges/."""
    ((_, hay),) = _haystacks(site, [site / "challenges" / "index.html"])
    for challenge in PUBLISHED:
        assert _norm(challenge["title"]) in hay, challenge["id"]
        first_sentence = re.split(r"(?<=[.!?])\s", challenge["summary"].strip())[0]
        plain = re.sub(r"[*_`]", "", first_sentence)
        assert _norm(plain) in hay, challenge["id"]
        assert f'id="{challenge["id"].lower()}"' in (site / "challenges" / "index.html").read_text(encoding="utf-8")


def test_home_count_of_challenges_counts_only_consented_ones(site: Path) -> None:
    text = page_text(site / "index.html")
    match = re.search(r"(\d+) Challenges published with consent", text)
    assert match, "the home page does not show the count of consented challenges"
    assert int(match.group(1)) == len(PUBLISHED)


def test_leak_search_sees_through_encodings(tmp_path: Path) -> None:
    """The consent test's search finds text however a file encodes it (so a pass means something)."""
    needle = "Illustrative example of a draft summary awaiting the State's consent."
    encoded = {
        "a.html": "<p>Illustrative example of a <em>draft</em> summary awaiting the State&#x27;s consent.</p>",
        "b.html": "<p>Illustrative   example of a draft summary\nawaiting the State&#39;s consent.</p>",
        "search/search_index.json": json.dumps({"docs": [{"text": "<p>" + html.escape(needle) + "</p>"}]}),
        "c.json": json.dumps({"t": needle}, ensure_ascii=True).replace("'", "\\u0027"),
    }
    for name, text in encoded.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(needle.encode()))
    found = {name for name, hay in _haystacks(tmp_path) if _norm(needle) in hay}
    assert found == {*encoded, "sitemap.xml.gz"}


# --------------------------------------------------------------------------------------
# The three languages (pfp build)
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def all_languages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository built in English, French and Spanish with ``pfp build``."""
    from build_hooks.site.multibuild import build_languages

    site_dir = tmp_path_factory.mktemp("three-languages") / "site"
    results = build_languages(REPO, site_dir)
    failed = [r for r in results if not r.ok]
    if failed:
        pytest.fail("\n".join(f"{r.lang}:\n{r.log}" for r in failed))
    return site_dir


def test_every_language_has_every_item_page(all_languages: Path) -> None:
    for lang in ("fr", "es"):
        root = all_languages / lang
        assert f'<html lang="{lang}"' in (root / "index.html").read_text(encoding="utf-8")
        for iso3, state in STATES.items():
            expected = [f"states/{iso3.lower()}/"]
            expected += [f"{kind}/{e['id'].lower()}/" for kind in ("needs", "offers") for e in state.get(kind) or []]
            missing = [url for url in expected if not _page(root, url).is_file()]
            assert not missing, f"{lang}: no page for {missing}"
        assert (root / "search" / "search_index.json").is_file()
        assert not (root / "api").exists(), "open data is published once, at the English root"


def test_consent_holds_in_every_language(all_languages: Path) -> None:
    corpus = _public_corpus()
    needles = [n for challenge in UNPUBLISHED for n in distinctive_needles(challenge, corpus)]
    assert needles
    files = list(_haystacks(all_languages))
    assert any(name.startswith("fr/") for name, _ in files) and any(name.startswith("es/") for name, _ in files)
    leaks = [f"{needle!r} in {name}" for needle in needles for name, hay in files if _norm(needle) in hay]
    assert not leaks, "unpublished challenge text in the built site:\n" + "\n".join(leaks)


def test_no_third_party_origin_in_any_language(all_languages: Path) -> None:
    pattern = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//([^/"']+)""", re.I)
    own = {"apminebanconvention.github.io"}
    for file in all_languages.rglob("*.html"):
        hosts = set(pattern.findall(file.read_text(encoding="utf-8"))) - own
        assert not hosts, f"{file.relative_to(all_languages)} loads from {hosts}"
        assert "fonts.googleapis.com" not in file.read_text(encoding="utf-8")
