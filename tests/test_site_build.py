"""The real site: states/, examples/, record/ and content/ built once with ``mkdocs build --strict``.

The State and example files are read here with ``yaml.safe_load``, and the record's
CSV tables with :mod:`csv` (independently of the engine's own loaders), to decide
what the built site must and must not contain. THE CONSENT TEST: no text of a
challenge without valid consent appears in any file of the built site, including
the search index and the sitemaps. The properties about the record (party count,
findings, extensions, examples) hold for any data, not for today's values.
"""

from __future__ import annotations

import csv
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
from helpers import REAL_EPOCH, run_mkdocs, site_settings

from build_hooks.engine.record import load_record
from build_hooks.i18n import translator
from build_hooks.reference import state_name

REPO = Path(__file__).resolve().parents[1]
STATES_DIR = REPO / "states"
EXAMPLES_DIR = REPO / "examples"
RECORD_DIR = REPO / "record"
CONTENT_DIR = REPO / "content"
ITEM_PATH_RE = re.compile(r"^/(?:needs/[a-z]{3}-n-\d{3,}|offers/[a-z]{3}-o-\d{3,}|states/[a-z]{3})/$")
# The day every build of this module is "as of": the repository's own data is built as of today.
BUILD_DATE = dt.datetime.fromtimestamp(int(REAL_EPOCH), tz=dt.UTC).date()
SHOW_EXAMPLES = site_settings().examples  # extra.pfp.examples of the repository's mkdocs.yml
T = translator("en")
OPEN_NEED = {"open", "partially_met"}
AVAILABLE_OFFER = {"available"}


# --------------------------------------------------------------------------------------
# The State files, the examples and the record, read independently of the engine
# --------------------------------------------------------------------------------------


def _yaml_files(folder: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        out[path.stem] = data
    return out


def _entries(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [*(doc.get("needs") or []), *(doc.get("offers") or []), *(doc.get("challenges") or [])]


STATES = _yaml_files(STATES_DIR)
ALL_EXAMPLES = _yaml_files(EXAMPLES_DIR) if EXAMPLES_DIR.is_dir() else {}
_STATE_IDS = {e.get("id") for doc in STATES.values() for e in _entries(doc)}
# The examples the site shows: all of them when the settings say so, except a State's examples
# that reuse an id of a State's own file (those are left out, rule example-id-taken).
EXAMPLES = {
    iso3: doc
    for iso3, doc in ALL_EXAMPLES.items()
    if SHOW_EXAMPLES and not {e.get("id") for e in _entries(doc)} & _STATE_IDS
}
EXAMPLE_IDS = {str(e["id"]) for doc in EXAMPLES.values() for e in _entries(doc)}


def _table(name: str) -> list[dict[str, str]]:
    with (RECORD_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


MEMBERSHIP: dict[str, dict[str, dt.date]] = {}
for _row in _table("membership"):
    MEMBERSHIP.setdefault(_row["iso3"], {})[_row["event"]] = dt.date.fromisoformat(_row["date"])
NON_COMPLIANT = {row["iso3"] for row in _table("findings") if row["kind"] == "non_compliant"}


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def is_party(iso3: str, day: dt.date = BUILD_DATE) -> bool:
    """A party on ``day`` from the record's membership dates alone: entered into force, no withdrawal in effect."""
    events = MEMBERSHIP.get(iso3, {})
    entered, left = events.get("entry_into_force"), events.get("withdrawal_effective")
    return entered is not None and entered <= day and (left is None or day < left)


def consented(challenge: dict[str, Any], iso3: str) -> bool:
    """The documented gate (content/contribute/fields.md, consent), restated independently of build_hooks.engine."""
    consent = challenge.get("consent")
    if not isinstance(consent, dict):
        return False
    when = _as_date(consent.get("date"))
    return (
        consent.get("status") == "given"
        and when is not None
        and when <= BUILD_DATE
        and bool(consent.get("by"))
        and is_party(iso3)
    )


def _challenges() -> Iterator[tuple[str, dict[str, Any], bool, bool]]:
    """(ISO3, challenge, may be published, is an example) for every challenge of states/ and examples/."""
    for iso3, state in STATES.items():
        for challenge in state.get("challenges") or []:
            yield iso3, challenge, consented(challenge, iso3), False
    for iso3, doc in ALL_EXAMPLES.items():
        shown = iso3 in EXAMPLES
        for challenge in doc.get("challenges") or []:
            yield iso3, challenge, shown and consented(challenge, iso3), True


UNPUBLISHED = [c for _, c, ok, _ in _challenges() if not ok]
PUBLISHED = [c for _, c, ok, _ in _challenges() if ok]
PUBLISHED_REAL = [c for _, c, ok, example in _challenges() if ok and not example]


def _items(kind: str, docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [entry for doc in docs.values() for entry in doc.get(kind) or []]


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
    """Every text that may legitimately be published: the State files and shown examples except
    their unpublished challenges, the record's cells, and content/."""
    unpublished_ids = {c.get("id") for c in UNPUBLISHED}
    parts: list[str] = []
    for doc in [*STATES.values(), *EXAMPLES.values()]:
        kept = {k: v for k, v in doc.items() if k != "challenges"}
        kept["challenges"] = [c for c in doc.get("challenges") or [] if c.get("id") not in unpublished_ids]
        parts += _strings(kept)
    for table in sorted(RECORD_DIR.glob("*.csv")):
        parts += [cell for row in _table(table.stem) for cell in row.values() if cell]
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
    return run_mkdocs(REPO, site, epoch=REAL_EPOCH), site


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


class Node:
    """An element of a parsed page: tag, attributes, children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def texts(self) -> Iterator[tuple[Node, str]]:
        """(parent element, text) of every text inside, script and style left out."""
        for child in self.children:
            if isinstance(child, str):
                yield self, child
            elif child.tag not in {"script", "style"}:
                yield from child.texts()

    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(t for _, t in self.texts())).strip()

    def ancestors(self) -> Iterator[Node]:
        node: Node | None = self
        while node is not None:
            yield node
            node = node.parent


class _Tree(HTMLParser):
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self._open[-1])
        self._open[-1].children.append(node)
        if tag not in self.VOID:
            self._open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self._open[-1]))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, 0, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def page_content(path: Path) -> Node:
    """The page's own content (Material's <article class="md-content__inner">): no header, nav or footer."""
    parser = _Tree()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    found = [n for n in parser.root.iter() if n.tag == "article" and "md-content__inner" in n.classes]
    assert len(found) == 1, f"{path}: {len(found)} content articles"
    return found[0]


def _nearest(node: Node, tags: set[str], stop: Node) -> Node | None:
    for ancestor in node.ancestors():
        if ancestor is stop:
            return None
        if ancestor.tag in tags:
            return ancestor
    return None


def _state_links(node: Node, page_url: str) -> set[str]:
    """The ISO3 codes of the State pages ``node`` links to."""
    out = set()
    for a in node.iter():
        if a.tag == "a" and "href" in a.attrs:
            match = re.fullmatch(r"/states/([a-z]{3})/", urlsplit(urljoin(page_url, a.attrs["href"])).path)
            if match:
                out.add(match.group(1).upper())
    return out


def _page_url(site: Path, file: Path) -> str:
    return "https://pfp.invalid" + _url_of(site, file)


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
    assert all(doc.get("schema_version") == 2 for doc in STATES.values())
    assert set(STATES) <= set(MEMBERSHIP), "a State file without an entry into force in record/membership.csv"
    assert UNPUBLISHED, "no unpublished challenge in states/ or examples/: the consent test would prove nothing"
    assert PUBLISHED, "no consented challenge in states/ or shown examples/: the positive control would prove nothing"


def test_every_state_need_and_offer_has_its_page(site: Path) -> None:
    missing = [f"states/{iso3.lower()}/" for iso3 in STATES if not _page(site, f"states/{iso3.lower()}/").is_file()]
    for doc in [*STATES.values(), *EXAMPLES.values()]:
        expected = [f"needs/{n['id'].lower()}/" for n in doc.get("needs") or []]
        expected += [f"offers/{o['id'].lower()}/" for o in doc.get("offers") or []]
        missing += [url for url in expected if not _page(site, url).is_file()]
    assert not missing, f"no page for: {missing}"


def test_entry_pages_show_their_entry(site: Path) -> None:
    for doc in [*STATES.values(), *EXAMPLES.values()]:
        for entry in [*(doc.get("needs") or []), *(doc.get("offers") or [])]:
            kind = "needs" if "-N-" in entry["id"] else "offers"
            text = page_text(_page(site, f"{kind}/{entry['id'].lower()}/"))
            assert entry["id"] in text
            assert _norm(entry["title"]) in _norm(text)


def test_progress_names_every_state_with_an_obligation(site: Path) -> None:
    """Every State Party (on the build date) with an article 5 or article 4 obligation in the record."""
    progress = _page(site, "progress/")
    text, raw = page_text(progress), progress.read_text(encoding="utf-8")
    with_obligation = {
        r["iso3"] for r in _table("article5") if r["obligation"] in {"outstanding", "completed", "unresolved"}
    }
    with_obligation |= {r["iso3"] for r in _table("article4") if r["status"]}
    expected = sorted(iso3 for iso3 in with_obligation if is_party(iso3))
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


def _content_item_links(site: Path, url_path: str) -> set[str]:
    file = _page(site, url_path)
    page_url = _page_url(site, file)
    hrefs = {
        urlsplit(urljoin(page_url, a.attrs["href"])).path
        for a in page_content(file).iter()
        if a.tag == "a" and "href" in a.attrs
    }
    return {h for h in hrefs if ITEM_PATH_RE.match(h)}


def test_pages_link_item_pages_only_outside_the_nav(site: Path) -> None:
    """The check above is not vacuous: pages do link State, need and offer pages, in their content."""
    assert {f"/states/{iso3.lower()}/" for iso3 in STATES if is_party(iso3)} <= _content_item_links(site, "states/")
    needs = [n for doc in [*STATES.values(), *EXAMPLES.values()] for n in doc.get("needs") or []]
    assert needs, "no need in states/ or shown examples/: the check would prove nothing for need pages"
    assert {f"/needs/{n['id'].lower()}/" for n in needs} <= _content_item_links(site, "needs/")
    if _items("needs", STATES):  # the home page's latest changes list real entries only
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
    """The canaries the bundled examples ship with (pending, withdrawn) are among the unpublished challenges."""
    ids = {c.get("id") for c in UNPUBLISHED}
    canaries = {"KHM-C-002": "CANARY-PENDING-KHM-C-002", "LKA-C-001": "CANARY-WITHDRAWN-LKA-C-001"}
    for cid, phrase in canaries.items():
        found = [c for iso3, c, _, example in _challenges() if c.get("id") == cid and example]
        assert found, f"{cid} is no longer in examples/{cid[:3]}.yml"
        assert phrase in found[0]["title"] + found[0]["summary"]
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


def _home_count(site: Path, label: str) -> tuple[int, int]:
    """(the count, the examples its note says are shown besides) of one home page count."""
    text = page_text(site / "index.html")
    plus = re.escape(T("home.plus_examples", count=999)).replace("999", r"(\d+)")
    match = re.search(r"(\d+) " + re.escape(label) + r"(?: \( ?" + plus + r" ?\))?", text)
    assert match, f"the home page does not show the count of {label!r}"
    return int(match.group(1)), int(match.group(2) or 0)


def test_home_count_of_challenges_counts_only_consented_ones(site: Path) -> None:
    count, _ = _home_count(site, T("home.challenges"))
    assert count == len(PUBLISHED_REAL)


def test_home_count_of_states_parties_comes_from_the_record(site: Path) -> None:
    """The States count is the record's parties on the build date, not the number of State files."""
    record, problems = load_record(REPO)
    assert not [p for p in problems if p.severity == "error"], [p.text() for p in problems]
    parties = record.parties(BUILD_DATE)
    count, _ = _home_count(site, T("home.states"))
    assert count == len(parties)
    assert parties == sorted(iso3 for iso3 in MEMBERSHIP if is_party(iso3))  # the record agrees with its CSV
    left = [
        s.iso3
        for s in record.states.values()
        if s.withdrawal_effective.known and s.withdrawal_effective.value <= BUILD_DATE
    ]
    if [iso3 for iso3 in left if iso3 in STATES]:
        assert count != len(list(STATES_DIR.glob("*.yml"))), f"withdrawn States {left} are counted as parties"
        assert count <= len(STATES) - len([iso3 for iso3 in left if iso3 in STATES])


NON_COMPLIANCE_RE = re.compile(r"without extension|non-compliant", re.IGNORECASE)
ATTRIBUTION_BLOCKS = {"tr", "li", "p", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption"}


def test_no_state_is_called_non_compliant_without_a_finding(site: Path) -> None:
    """ "without extension" / "non-compliant" only where record/findings.csv has a non_compliant row for that State.

    State pages speak of their State throughout. Elsewhere the words are attributed to the States
    their block (table row, list item, paragraph) links to or names; a block naming no State may
    only be the summary's category label, with a count no larger than the States with such a finding,
    or a general explanation that gives no figure.
    """
    names = {iso3: state_name(iso3) for iso3 in MEMBERSHIP}
    summary_label = re.compile(re.escape(T("progress.non_compliant")) + r"\s*:?\s*(\d+)")
    wrong: list[str] = []
    checked_summary = 0
    for file in sorted(site.rglob("*.html")):
        url = _url_of(site, file)
        if url.startswith(("/fr/", "/es/")):
            continue
        content = page_content(file)
        state_page = re.fullmatch(r"/states/([a-z]{3})/", url)
        if state_page:
            iso3 = state_page.group(1).upper()
            if NON_COMPLIANCE_RE.search(content.text()) and iso3 not in NON_COMPLIANT:
                wrong.append(f"{url}: {NON_COMPLIANCE_RE.search(content.text()).group(0)!r} without a finding")
            continue
        blocks = {
            id(b): b
            for n, t in content.texts()
            if NON_COMPLIANCE_RE.search(t)
            for b in [_nearest(n, ATTRIBUTION_BLOCKS, content) or content]
        }
        for block in blocks.values():
            text = block.text()
            named = _state_links(block, _page_url(site, file)) or {
                c for c, name in names.items() if name and re.search(rf"\b{re.escape(name)}\b", text)
            }
            if named:
                wrong += [
                    f"{url}: {c} is called {NON_COMPLIANCE_RE.search(text).group(0)!r} without a finding"
                    for c in sorted(named - NON_COMPLIANT)
                ]
                continue
            label = summary_label.search(text)
            if label:
                checked_summary += 1
                if int(label.group(1)) > len(NON_COMPLIANT):
                    wrong.append(f"{url}: {label.group(0)!r}, but findings.csv has {len(NON_COMPLIANT)} such State(s)")
            elif re.search(r"\d", text):
                wrong.append(f"{url}: {text[:160]!r} (a figure, no State)")
    assert checked_summary >= 1, "the summary's non-compliant category was not found: the label check is vacuous"
    assert not wrong, "\n".join(wrong)


def test_no_zero_extensions_where_the_record_holds_no_decision(site: Path) -> None:
    """No decision rows and an incomplete chain: the number of extensions is not known, never "0" or "none"."""
    decided = {row["iso3"] for row in _table("article5_decisions")}
    complete = {row["iso3"] for row in _table("article5") if row["chain_complete"] == "yes"}
    unknown = sorted(iso3 for iso3 in STATES if iso3 not in decided and iso3 not in complete)
    with_article5 = {
        r["iso3"] for r in _table("article5") if r["obligation"] in {"outstanding", "completed", "unresolved"}
    }
    label, zero = T("col.extensions"), re.compile(rf"^(?:0\b|{re.escape(T('fact.none'))}\b)", re.IGNORECASE)
    wrong, shown = [], 0
    for iso3 in unknown:
        content = page_content(_page(site, f"states/{iso3.lower()}/"))
        for dt_node in (n for n in content.iter() if n.tag == "dt" and n.text() == label):
            siblings = [c for c in dt_node.parent.children if isinstance(c, Node)] if dt_node.parent else []
            following = siblings[siblings.index(dt_node) + 1 :]
            value = following[0].text() if following and following[0].tag == "dd" else ""
            shown += 1
            if zero.match(value):
                wrong.append(f"states/{iso3.lower()}/: {label} {value[:60]!r}")
        text = content.text()
        for match in re.finditer(rf"\b{re.escape(label)}\s*:?\s*(0|{re.escape(T('fact.none'))})\b", text):
            wrong.append(f"states/{iso3.lower()}/: {match.group(0)!r}")
    progress = _page(site, "progress/")
    page_url = _page_url(site, progress)
    for table in (n for n in page_content(progress).iter() if n.tag == "table"):
        header = [th.text() for th in table.iter() if th.tag == "th"]
        if label not in header:
            continue
        column = header.index(label)
        for row in (r for r in table.iter() if r.tag == "tr"):
            cells = [c for c in row.children if isinstance(c, Node) and c.tag in {"td", "th"}]
            codes = _state_links(row, page_url)
            if len(cells) > column and codes & set(unknown):
                shown += 1
                if zero.match(cells[column].text()):
                    wrong.append(f"progress/: {sorted(codes)} {label} {cells[column].text()!r}")
    if [iso3 for iso3 in unknown if iso3 in with_article5 and is_party(iso3)]:
        assert shown, f"no {label!r} value was found for the States without decisions: the check is vacuous"
    assert not wrong, "\n".join(wrong)


GENERATED_PAGES = re.compile(r"^/(?:|needs/|offers/|challenges/|states/|progress/)$")
EXAMPLE_BLOCKS = {"tr", "li", "article"}


def _has_badge(node: Node) -> bool:
    label = T("label.illustrative")
    return any("pfp-illustrative" in n.classes and n.text() == label for n in node.iter())


def _example_mentions(content: Node, page_url: str) -> Iterator[tuple[Node, str]]:
    """(element, example id) for each mention: the id in text (not in code), a link to it, an anchor of it."""
    pattern = re.compile(r"(?<![A-Z0-9-])(" + "|".join(map(re.escape, sorted(EXAMPLE_IDS))) + r")(?![0-9])")
    by_path = {f"/{'needs' if '-N-' in i else 'offers'}/{i.lower()}/": i for i in EXAMPLE_IDS if "-C-" not in i}
    anchors = {i.lower(): i for i in EXAMPLE_IDS if "-C-" in i}
    if not EXAMPLE_IDS:
        return
    for node, text in content.texts():
        if not any(a.tag in {"pre", "code"} for a in node.ancestors()):
            for match in pattern.finditer(text):
                yield node, match.group(1)
    for node in content.iter():
        if node.tag == "a" and "href" in node.attrs:
            target = urlsplit(urljoin(page_url, node.attrs["href"]))
            if target.path in by_path:
                yield node, by_path[target.path]
            elif target.path == "/challenges/" and target.fragment in anchors:
                yield node, anchors[target.fragment]
        if node.attrs.get("id") in anchors:
            yield node, anchors[node.attrs["id"]]


def test_examples_are_shown_when_the_settings_say_so(site: Path) -> None:
    """The check below is not vacuous: extra.pfp.examples is on, and the examples are on the site."""
    assert SHOW_EXAMPLES, "the repository's mkdocs.yml no longer shows the examples"
    assert EXAMPLE_IDS
    needs_and_offers = [i for i in EXAMPLE_IDS if "-C-" not in i]
    missing = [
        i for i in needs_and_offers if not _page(site, f"{'needs' if '-N-' in i else 'offers'}/{i.lower()}/").is_file()
    ]
    assert not missing, f"examples without their page: {missing}"


def test_examples_appear_only_with_the_illustrative_label(site: Path) -> None:
    """Every mention of an example's id on a page built from the data (and every link to an example,
    on any page) is inside a table row, list item or article that carries the "Illustrative example"
    badge, or on a page that says it is an example."""
    wrong: list[str] = []
    seen = 0
    for file in sorted(site.rglob("*.html")):
        url = _url_of(site, file)
        generated = bool(GENERATED_PAGES.match(url) or ITEM_PATH_RE.match(url))
        content = page_content(file)
        page_labelled = any(n.tag == "p" and "pfp-note" in n.classes and _has_badge(n) for n in content.iter())
        for node, entry_id in _example_mentions(content, _page_url(site, file)):
            if not generated and node.tag != "a" and "id" not in node.attrs:
                continue  # a hand-written page that names an id in its text (documentation)
            seen += 1
            block = _nearest(node, EXAMPLE_BLOCKS, content)
            labelled = _has_badge(block) if block is not None else page_labelled
            if not labelled:
                where = block.tag if block is not None else "page"
                line = f"{url}: {entry_id} in a {where} without the label: {(block or content).text()[:120]!r}"
                wrong.append(line)
    if EXAMPLE_IDS and SHOW_EXAMPLES:
        assert seen, "no example is mentioned anywhere: the check is vacuous"
    assert not wrong, "\n".join(sorted(set(wrong))[:40])


def test_home_counts_leave_the_examples_out(site: Path) -> None:
    """Open needs, available offers and consented challenges on the home page: the States' own entries only."""
    expected = {
        "home.open_needs": (
            [n for n in _items("needs", STATES) if n.get("status") in OPEN_NEED],
            [n for n in _items("needs", EXAMPLES) if n.get("status") in OPEN_NEED],
        ),
        "home.available_offers": (
            [o for o in _items("offers", STATES) if o.get("status") in AVAILABLE_OFFER],
            [o for o in _items("offers", EXAMPLES) if o.get("status") in AVAILABLE_OFFER],
        ),
        "home.challenges": (PUBLISHED_REAL, [c for c in PUBLISHED if str(c.get("id")) in EXAMPLE_IDS]),
    }
    for key, (real, examples) in expected.items():
        count, plus = _home_count(site, T(key))
        assert count == len(real), f"{T(key)}: {count} shown, {len(real)} entries of the States' own files"
        assert plus == len(examples), f"{T(key)}: the note says {plus} example(s), {len(examples)} are shown"


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


def test_the_form_editors_serializer_is_published_in_every_language(all_languages: Path) -> None:
    # overrides/assets/ is the theme's custom_dir: its files are copied as they are, and the page
    # policy allows scripts from the site itself ('self'), so the editor page can load it.
    source = (REPO / "overrides" / "assets" / "pfp-yaml.js").read_bytes()
    for root in (all_languages, all_languages / "fr", all_languages / "es"):
        assert (root / "assets" / "pfp-yaml.js").read_bytes() == source
        page = (root / "index.html").read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
        assert policy is not None and "script-src 'self'" in policy.group(1)


def test_every_language_has_every_item_page(all_languages: Path) -> None:
    for lang in ("fr", "es"):
        root = all_languages / lang
        assert f'<html lang="{lang}"' in (root / "index.html").read_text(encoding="utf-8")
        expected = [f"states/{iso3.lower()}/" for iso3 in STATES]
        for doc in [*STATES.values(), *EXAMPLES.values()]:
            expected += [f"{kind}/{e['id'].lower()}/" for kind in ("needs", "offers") for e in doc.get(kind) or []]
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


def test_the_search_dialog_is_named_in_the_language_of_its_page(all_languages: Path) -> None:
    """Material's search dialog has role="dialog" and no name (axe: aria-dialog-name); every page, 404 included,
    names it in its own language from the catalogue."""
    dialog = re.compile(r"<div\b[^>]*\brole=\"dialog\"[^>]*>")
    for lang, root in (("en", all_languages), ("fr", all_languages / "fr"), ("es", all_languages / "es")):
        expected = f'aria-label="{html.escape(translator(lang)("search.dialog"))}"'
        for name in ("index.html", "404.html", "needs/index.html", "progress/index.html"):
            tags = dialog.findall((root / name).read_text(encoding="utf-8"))
            assert tags, f"{lang}: {name} has no search dialog"
            assert all(expected in tag for tag in tags), f"{lang}: {name}: {tags}"
