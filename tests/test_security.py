"""The adversarial test plan (SECURITY.md) against throwaway sites built with MkDocs.

A hostile State file carries script, iframe, form, style and base tags, an
attr_list handler, javascript:/data: links, a snippet directive and a title
with quotes; every built page is parsed with html.parser and checked for
scripts, event handlers, unsafe URLs and foreign elements. Consent: pending,
withdrawn and non-party challenges build and leave no trace; missing, future
or unknown consent fails the build and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from helpers import TODAY, build_site, make_site, run_mkdocs, state_yaml, write_record

from build_hooks.engine.record import load_record
from build_hooks.engine.validate import validate_paths
from build_hooks.site.sanitise import ALLOWED_TAGS

REPO = Path(__file__).resolve().parents[1]
# The helpers behind the conftest fixtures of the same names.
MakeSite = Callable[..., Path]
BuildSite = Callable[..., Path]
RunMkdocs = Callable[..., subprocess.CompletedProcess[str]]
SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
SITE_HOST = urlsplit(SITE_URL).hostname
SITE_PATH = urlsplit(SITE_URL).path  # 404.html uses absolute paths under it
# Hosts that appear only as XML namespace / schema identifiers, never fetched.
NAMESPACE_HOSTS = {"www.w3.org", "json-schema.org"}
# Hosts that must appear nowhere in the built site.
FORBIDDEN_HOSTS = (
    "fonts.googleapis.com",
    "fonts.gstatic.com",
    "cdn.jsdelivr.net",
    "cdnjs.cloudflare.com",
    "unpkg.com",
    "use.fontawesome.com",
    "googletagmanager.com",
    "google-analytics.com",
)
# Material's vendored bundle names these hosts on code paths the site does not take:
# unpkg.com serves the ResizeObserver polyfill (browsers without ResizeObserver) and
# mermaid (only for pages with mermaid diagrams); api.github.com is checked separately.
THEME_BUNDLE_HOSTS = {"unpkg.com", "api.github.com"}

# Material's inline scripts, after replacing the page-relative base in `new URL("..",location)`:
# sha256 of (1) the __md_scope/__md_get/__md_set helpers, (2) the colour-palette restore,
# (3) the tabbed-content anchor script. Anything else inline is an injected script.
MATERIAL_INLINE_SHA256 = {
    "89614d6b864bbe7884f6ad1ab21aa2216e6686af528a97cd15075dda2fe14374",
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",
}
MATERIAL_CONFIG_KEYS = {"annotate", "base", "features", "search", "tags", "translations", "version"}
OWN_SCRIPT_RE = re.compile(
    r"^(?:\.|\.\.(?:/\.\.)*|"
    + re.escape(SITE_PATH.rstrip("/"))
    + r")?/?assets/(?:pfp\.js|pfp-md-base\.js|pfp-yaml\.js|pfp-editor\.js|javascripts/bundle\.[0-9a-f]{8}\.min\.js)$"
)
FORM_CLASSES = {"md-search__form", "md-header__option", "pfp-filters", "pfp-editor-form"}
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background", "cite", "srcset"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "base", "applet", "style", "meta-refresh"}

PAYLOADS = textwrap.dedent(
    """\
    <script>alert(1)</script>
    <iframe src=https://x></iframe>
    <form action="https://x.example/steal"><input name=a></form>
    <style>body{display:none}</style>
    <base href="https://evil.example/">
    <a href="https://x.example" onclick="alert(2)">raw anchor</a>

    Attr list {: onclick="x" }

    [x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html,hi)
    [w](javascript&#58;alert(1)) [v](vbscript:msgbox(1)) [u](http://plain.example/)
    ![img](https://tracker.example/pixel.png)

    --8<-- "../../.git/config"
    """
)


def _block(text: str, indent: int) -> str:
    return textwrap.indent(text, " " * indent)


HOSTILE_KHM = f"""\
schema_version: 2
state: KHM
last_reviewed: 2026-10-01
needs:
  - id: KHM-N-001
    title: 'Quote " onmouseover="alert(1)" x=" & done'
    area: clearance
    kind: financial
    status: open
    description: |
{_block(PAYLOADS, 6)}
    posted: 2026-02-02
offers:
  - id: KHM-O-001
    title: Hostile offer
    area: capacity
    kind: expertise
    status: available
    eligible: any
    description: |
{_block(PAYLOADS, 6)}
challenges:
  - id: KHM-C-001
    title: Consented hostile challenge
    category: technical
    summary: |
{_block(PAYLOADS, 6)}
    related_needs: [KHM-N-001]
    consent: {{status: given, date: 2026-02-15, by: national authority}}
  - id: KHM-C-002
    title: "Pending SECCANARY-PENDING-TITLE"
    category: capacity
    summary: "Pending summary SECCANARY-PENDING-SUMMARY."
    related_needs: [KHM-N-001]
    consent: {{status: pending}}
  - id: KHM-C-003
    title: "Withdrawn SECCANARY-WITHDRAWN-TITLE"
    category: political
    summary: "Withdrawn summary SECCANARY-WITHDRAWN-SUMMARY."
    consent: {{status: withdrawn, date: 2026-01-10, by: national authority}}
"""

# A State that has left the Convention (by the record's dates, below): its consented challenge
# must not be published either.
WITHDRAWN_STATE_AGO = """\
schema_version: 2
state: AGO
last_reviewed: 2026-10-01
challenges:
  - id: AGO-C-001
    title: "Former party SECCANARY-NONPARTY-TITLE"
    category: other
    summary: "Consent given, but the State is no longer a party. SECCANARY-NONPARTY-SUMMARY"
    consent: {status: given, date: 2026-01-10, by: national authority}
"""

# AGO's withdrawal, in the record (membership.csv: iso3,event,date,source,as_of,verified,note).
AGO_WITHDRAWAL = [
    "AGO,withdrawal_notified,2025-01-01,UN Treaty Collection XXVI-5,2025,yes,",
    "AGO,withdrawal_effective,2025-07-01,UN Treaty Collection XXVI-5,2025,yes,",
]

# Illustrative entries of the demo site (examples/, shown: mkdocs.yml sets extra.pfp.examples) pass
# the same gate: a pending example, and a consented example of the State that has left.
EXAMPLE_NOR = """\
schema_version: 2
state: NOR
challenges:
  - id: NOR-C-901
    title: "Example pending SECCANARY-EXAMPLE-PENDING-TITLE"
    category: other
    summary: "Example summary awaiting consent. SECCANARY-EXAMPLE-PENDING-SUMMARY"
    consent: {status: pending}
"""
EXAMPLE_AGO = """\
schema_version: 2
state: AGO
challenges:
  - id: AGO-C-901
    title: "Example of a former party SECCANARY-EXAMPLE-NONPARTY-TITLE"
    category: other
    summary: "Consent given, but the State is no longer a party. SECCANARY-EXAMPLE-NONPARTY-SUMMARY"
    consent: {status: given, date: 2026-01-10, by: national authority}
"""

CANARIES = (
    "SECCANARY-PENDING-TITLE",
    "SECCANARY-PENDING-SUMMARY",
    "SECCANARY-WITHDRAWN-TITLE",
    "SECCANARY-WITHDRAWN-SUMMARY",
    "SECCANARY-NONPARTY-TITLE",
    "SECCANARY-NONPARTY-SUMMARY",
    "KHM-C-002",
    "khm-c-002",
    "KHM-C-003",
    "khm-c-003",
    "AGO-C-001",
    "ago-c-001",
    "SECCANARY-EXAMPLE-PENDING-TITLE",
    "SECCANARY-EXAMPLE-PENDING-SUMMARY",
    "SECCANARY-EXAMPLE-NONPARTY-TITLE",
    "SECCANARY-EXAMPLE-NONPARTY-SUMMARY",
    "NOR-C-901",
    "nor-c-901",
    "AGO-C-901",
    "ago-c-901",
)


def _state(iso3: str, challenge_consent: str, extra: str = "") -> str:
    return f"""\
schema_version: 2
state: {iso3}
last_reviewed: 2026-10-01
{extra}challenges:
  - id: {iso3}-C-001
    title: Challenge with bad consent
    category: other
    summary: "FAILCANARY summary"
{challenge_consent}"""


# --------------------------------------------------------------------------------------
# Parsing built pages
# --------------------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    classes: set[str]
    ancestors: tuple[str, ...]  # "tag.class1.class2" of each open ancestor
    text: str = ""


@dataclass
class PageScan(HTMLParser):
    elements: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)
        self._stack: list[tuple[str, str]] = []
        self._script: Element | None = None

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        amap = {k.lower(): v for k, v in attrs}
        classes = set((amap.get("class") or "").split())
        element = Element(tag, amap, classes, tuple(label for label, _ in self._stack))
        self.elements.append(element)
        if tag == "script":
            self._script = element
        if tag not in self.VOID:
            self._stack.append((".".join([tag, *sorted(classes)]), tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        amap = {k.lower(): v for k, v in attrs}
        self.elements.append(
            Element(tag, amap, set((amap.get("class") or "").split()), tuple(x for x, _ in self._stack))
        )

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][1] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.text += data


def scan(path: Path) -> list[Element]:
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.elements


def html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert files
    return files


def _inline_script_ok(element: Element) -> bool:
    if element.attrs.get("id") == "__config" and element.attrs.get("type") == "application/json":
        config = json.loads(element.text)
        return (
            set(config) == MATERIAL_CONFIG_KEYS
            and all(isinstance(v, str) and "<" not in v for v in config["translations"].values())
            and re.fullmatch(r"[./a-z-]*", config["base"]) is not None
            and re.fullmatch(r"[./a-z-]*assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js", config["search"])
            is not None
        )
    normal = re.sub(r'new URL\("[^"]*",location\)', "new URL(BASE,location)", element.text)
    return hashlib.sha256(normal.encode()).hexdigest() in MATERIAL_INLINE_SHA256


# The one other scheme the site writes: webcal:// to its own calendars (data/*.ics), from root_url.
OWN_WEBCAL_RE = re.compile(r"webcal://apminebanconvention\.github\.io/platform-for-partnerships/data/[a-z/]+\.ics")


def _url_ok(value: str) -> bool:
    for part in [value] if "," not in value else [p.strip().split(" ")[0] for p in value.split(",")]:
        scheme = urlsplit(part.strip()).scheme.lower()
        if scheme not in {"", "https", "mailto"} and not OWN_WEBCAL_RE.fullmatch(part.strip()):
            return False
    return True


def assert_no_active_content(site: Path) -> None:
    """No injected script, no event handler, no unsafe URL, no foreign element, on any page."""
    problems: list[str] = []
    for file in html_files(site):
        rel = file.relative_to(site).as_posix()
        for el in scan(file):
            where = f"{rel}: <{el.tag} {el.attrs}>"
            if el.tag == "script":
                src = el.attrs.get("src")
                if src is not None:
                    if not OWN_SCRIPT_RE.match(src):
                        problems.append(f"script from elsewhere: {where}")
                elif not _inline_script_ok(el):
                    problems.append(f"inline script not allow-listed: {rel}: {el.text[:200]!r}")
            handlers = [name for name in el.attrs if name.startswith("on")]
            if handlers:
                problems.append(f"event handler attribute {handlers}: {where}")
            for name in URL_ATTRS & set(el.attrs):
                value = el.attrs[name] or ""
                if not _url_ok(value):
                    problems.append(f"unsafe {name}={value!r}: {where}")
            if el.tag in FORBIDDEN_ELEMENTS:
                problems.append(f"forbidden element: {where}")
            if el.tag == "meta" and (el.attrs.get("http-equiv") or "").lower() == "refresh":
                problems.append(f"meta refresh: {where}")
            if el.tag == "form" and not (el.classes & FORM_CLASSES):
                problems.append(f"form that is neither Material's nor the table filter: {where}")
            if any(a.startswith("div.") and "pfp-text" in a.split(".") for a in el.ancestors):
                if el.tag not in ALLOWED_TAGS:
                    problems.append(f"<{el.tag}> inside contributor text: {where}")
                if set(el.attrs) - {"href", "title", "rel"}:
                    problems.append(f"attribute inside contributor text: {where}")
    assert not problems, "\n".join(problems[:40])


def all_text_files(site: Path) -> Iterator[tuple[str, str]]:
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        data = file.read_bytes()
        if file.suffix == ".gz":
            import gzip

            data = gzip.decompress(data)
        yield file.relative_to(site).as_posix(), data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------------------
# The hostile site
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    root = make_site(tmp, {"KHM": HOSTILE_KHM, "AGO": WITHDRAWN_STATE_AGO, "NOR": state_yaml("NOR")})
    write_record(root, membership=AGO_WITHDRAWAL)
    (root / "examples").mkdir(exist_ok=True)
    (root / "examples" / "NOR.yml").write_text(EXAMPLE_NOR, encoding="utf-8")
    (root / "examples" / "AGO.yml").write_text(EXAMPLE_AGO, encoding="utf-8")
    return build_site(root, tmp / "site")


def test_the_withdrawn_state_is_a_non_party_by_the_record(hostile: Path) -> None:
    """The non-party canaries prove something: AGO is no party on the build date, by its record dates alone."""
    record, problems = load_record(hostile.parent / "site-src")
    assert not [p for p in problems if p.severity == "error"], [p.text() for p in problems]
    assert record.known("AGO") and not record.get("AGO").is_party(TODAY)
    assert record.get("KHM").is_party(TODAY) and record.get("NOR").is_party(TODAY)


def test_non_party_challenges_are_published_while_the_state_is_a_party(tmp_path: Path) -> None:
    """Positive control for the non-party canaries: the same files, with no withdrawal recorded, publish them."""
    root = make_site(tmp_path, {"AGO": WITHDRAWN_STATE_AGO})
    (root / "examples").mkdir(exist_ok=True)
    (root / "examples" / "AGO.yml").write_text(EXAMPLE_AGO, encoding="utf-8")
    raw = (build_site(root, tmp_path / "site") / "challenges" / "index.html").read_text(encoding="utf-8")
    for canary in ("SECCANARY-NONPARTY-TITLE", "SECCANARY-EXAMPLE-NONPARTY-TITLE", 'id="ago-c-001"', 'id="ago-c-901"'):
        assert canary in raw, canary


def test_hostile_site_builds(hostile: Path) -> None:
    assert (hostile / "needs" / "khm-n-001" / "index.html").is_file()
    assert (hostile / "offers" / "khm-o-001" / "index.html").is_file()


def test_no_script_handler_unsafe_url_or_foreign_element(hostile: Path) -> None:
    assert_no_active_content(hostile)


def test_scanner_catches_what_it_should(tmp_path: Path) -> None:
    """The page scan is not vacuous: a page with each forbidden thing fails it."""
    bad = {
        "script": "<script>alert(1)</script>",
        "handler": '<a href="#" onclick="x">a</a>',
        "js-url": '<a href="JaVaScRiPt:alert(1)">a</a>',
        "data-url": '<img src="data:text/html,hi">',
        "iframe": '<iframe src="https://x"></iframe>',
        "form": '<form action="https://x"></form>',
        "style": "<style>body{}</style>",
        "text-tag": '<div class="pfp-text"><p><img src="https://x/p.png"></p></div>',
        "foreign-script": '<script src="https://cdn.example/x.js"></script>',
    }
    for name, snippet in bad.items():
        site = tmp_path / name
        site.mkdir()
        (site / "index.html").write_text(f"<html><body>{snippet}</body></html>", encoding="utf-8")
        with pytest.raises(AssertionError):
            assert_no_active_content(site)


def test_script_text_is_shown_escaped(hostile: Path) -> None:
    for page in ("needs/khm-n-001/index.html", "offers/khm-o-001/index.html", "challenges/index.html"):
        raw = (hostile / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw, page
        assert "<script>alert(1)" not in raw, page
        assert "&lt;iframe" in raw, page


def test_attr_list_and_snippet_are_text(hostile: Path) -> None:
    raw = (hostile / "needs" / "khm-n-001" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\{: onclick=(?:&#34;|&quot;|\")x(?:&#34;|&quot;|\") \}", raw)
    assert re.search(r"--8(?:&lt;|<)--", raw)
    for name, text in all_text_files(hostile):
        assert "repositoryformatversion" not in text, name


def test_hostile_links_are_stripped_but_text_kept(hostile: Path) -> None:
    page = hostile / "needs" / "khm-n-001" / "index.html"
    raw = page.read_text(encoding="utf-8")
    hrefs = [el.attrs.get("href") or "" for el in scan(page) if el.tag == "a"]
    assert not [h for h in hrefs if "alert" in h or h.lower().startswith(("data:", "vbscript:", "http:"))]
    for text in (
        "[x](javascript:alert(1))",
        "[y](JaVaScRiPt:alert(1))",
        "[z](data:text/html,hi)",
        "[v](vbscript:msgbox(1))",
    ):
        assert text in raw, text
    assert "tracker.example" not in raw  # the image is dropped with its URL


def test_quoted_title_stays_text(hostile: Path) -> None:
    page = hostile / "needs" / "khm-n-001" / "index.html"
    raw = page.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", raw, re.S)
    assert title and "onmouseover" in title.group(1)
    assert not [el for el in scan(page) if "onmouseover" in el.attrs]
    for file in html_files(hostile):  # the title is linked from the home page and the State page
        assert not [el for el in scan(file) if any(k.startswith("on") for k in el.attrs)], file


@pytest.mark.parametrize("canary", CANARIES)
def test_unpublished_challenges_leave_no_trace(hostile: Path, canary: str) -> None:
    """Pending, withdrawn, and consented-but-no-longer-a-party: no file of the site names them."""
    leaks = [name for name, text in all_text_files(hostile) if canary in text]
    assert not leaks, f"{canary} found in {leaks}"


def test_consented_hostile_challenge_is_published(hostile: Path) -> None:
    raw = (hostile / "challenges" / "index.html").read_text(encoding="utf-8")
    assert "Consented hostile challenge" in raw
    assert 'id="khm-c-001"' in raw
    home = (hostile / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<strong>1</strong> Challenges published with consent", home)


def test_editor_data_holds_only_consented_challenges(hostile: Path) -> None:
    """The form editor's data (every State file, to edit in the browser) passes the same gate: the
    consented challenge is there, the pending, withdrawn and non-party ones and the examples are not."""
    text = (hostile / "contribute" / "edit" / "states.json").read_text(encoding="utf-8")
    assert "<script" not in text.lower()  # the payloads are data, escaped (\u003c)
    states = json.loads(text)["states"]
    assert [c["id"] for c in states["KHM"]["data"]["challenges"]] == ["KHM-C-001"]
    assert states["KHM"]["withheld"] == 2 and states["KHM"]["next_number"]["challenges"] == 4
    assert states["AGO"]["data"]["challenges"] == [] and states["AGO"]["withheld"] == 1
    assert sorted(states) == ["AGO", "KHM", "NOR"]  # never examples/
    assert not any(canary in text for canary in CANARIES)


def test_no_third_party_origins(hostile: Path) -> None:
    _assert_no_third_party(hostile)


def _assert_no_third_party(site: Path) -> None:
    problems: list[str] = []
    for file in html_files(site):
        rel = file.relative_to(site).as_posix()
        page_url = SITE_URL + rel
        for el in scan(file):
            if el.tag in {"link", "script", "img", "source", "video", "audio", "image", "use", "track", "input"}:
                for name in ("href", "src", "srcset", "xlink:href", "poster"):
                    value = el.attrs.get(name)
                    if not value:
                        continue
                    host = urlsplit(urljoin(page_url, value.split(",")[0].split(" ")[0])).hostname
                    if host not in {SITE_HOST}:
                        problems.append(f"{rel}: <{el.tag} {name}={value!r}> loads from {host}")
    for name, text in all_text_files(site):
        bundle = name.startswith("assets/javascripts/bundle.")
        for host in FORBIDDEN_HOSTS:
            if host in text and not (bundle and host in THEME_BUNDLE_HOSTS):
                problems.append(f"{name} names {host}")
        if name.endswith(".css"):
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
                host = urlsplit(url).hostname
                if urlsplit(url).scheme not in {"", "data"} or (host and host != SITE_HOST):
                    problems.append(f"{name}: url({url[:80]})")
            if re.search(r"@import\s+(?:url\()?['\"]?https?:", text):
                problems.append(f"{name}: @import of a remote stylesheet")
        if name.endswith(".js") and bundle:
            hosts = set(re.findall(r"https?://([A-Za-z0-9.-]+)", text))
            unexpected = {h for h in hosts if h in FORBIDDEN_HOSTS or h.startswith(("cdn.", "fonts."))}
            problems += [f"{name}: loads from {h}" for h in unexpected - THEME_BUNDLE_HOSTS]
    assert not problems, "\n".join(problems[:40])


def test_no_repository_facts_fetch(hostile: Path) -> None:
    """repo_url points at github.com: Material's own source partial has data-md-component="source",
    whose script asks https://api.github.com for stars and forks from every reader's browser.
    overrides/partials/source.html replaces it with a plain link."""
    found = [
        file.relative_to(hostile).as_posix()
        for file in html_files(hostile)
        if 'data-md-component="source"' in file.read_text(encoding="utf-8")
    ]
    assert not found, f"{len(found)} pages mount Material's GitHub 'source' component, e.g. {found[:3]}"


# --------------------------------------------------------------------------------------
# Consent problems and refused titles: the build fails and writes nothing
# --------------------------------------------------------------------------------------

FAILING = {
    "consent-missing": _state("KHM", ""),
    "consent-future-date": _state("KHM", "    consent: {status: given, date: 2027-01-01, by: national authority}\n"),
    "consent-status-unknown": _state("KHM", "    consent: {status: maybe, date: 2026-01-01, by: national authority}\n"),
    "consent-incomplete": _state("KHM", "    consent: {status: given}\n"),
}


@pytest.mark.parametrize("rule", sorted(FAILING))
def test_bad_consent_fails_the_build_and_writes_nothing(tmp_path: Path, rule: str) -> None:
    root = make_site(tmp_path, {"KHM": FAILING[rule]})
    site_dir = tmp_path / "site"
    proc = run_mkdocs(root, site_dir)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert f"[{rule}]" in output, output
    assert not site_dir.exists(), f"a failed build left {sorted(p.name for p in site_dir.iterdir())}"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith("site") and p.name != "site-src"]
    assert not leftovers, f"a failed build left {leftovers}"


@pytest.mark.parametrize("rule", sorted(FAILING))
def test_bad_consent_is_a_validation_error(tmp_path: Path, rule: str) -> None:
    write_record(tmp_path)
    (tmp_path / "KHM.yml").write_text(FAILING[rule], encoding="utf-8")
    result = validate_paths([tmp_path], TODAY, tmp_path)
    assert rule in {p.rule for p in result.errors}, [p.text() for p in result.problems]


HOSTILE_TITLE = """\
schema_version: 2
state: KHM
last_reviewed: 2026-10-01
needs:
  - id: KHM-N-001
    title: "<img src=x onerror=alert(1)>"
    area: clearance
    kind: financial
    status: open
"""

TITLE_LINE = HOSTILE_TITLE.splitlines().index('    title: "<img src=x onerror=alert(1)>"') + 1


def test_title_with_markup_is_refused_by_the_validator(tmp_path: Path) -> None:
    write_record(tmp_path)
    (tmp_path / "KHM.yml").write_text(HOSTILE_TITLE, encoding="utf-8")
    result = validate_paths([tmp_path], TODAY, tmp_path)
    found = [p for p in result.errors if p.rule == "schema-format"]
    assert found, [p.text() for p in result.problems]
    assert found[0].line == TITLE_LINE


def test_title_with_markup_is_refused_by_pfp_validate(tmp_path: Path) -> None:
    write_record(tmp_path)
    states = tmp_path / "states"
    states.mkdir()
    (states / "KHM.yml").write_text(HOSTILE_TITLE, encoding="utf-8")
    pfp = Path(sys.executable).with_name("pfp")
    cmd = [str(pfp), "validate", "--as-of", TODAY.isoformat(), "--states-dir", str(states), str(states)]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "[schema-format]" in proc.stdout
    assert f"KHM.yml:{TITLE_LINE}:" in proc.stdout


def test_title_with_markup_fails_the_build(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"KHM": HOSTILE_TITLE})
    proc = run_mkdocs(root, tmp_path / "site")
    assert proc.returncode != 0
    assert "[schema-format]" in proc.stdout + proc.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,hi", "http://x.example/"]
)
def test_unsafe_link_fields_are_refused(tmp_path: Path, link: str) -> None:
    write_record(tmp_path)
    text = HOSTILE_TITLE.replace('"<img src=x onerror=alert(1)>"', "A need").replace(
        "    status: open\n", f"    status: open\n    links: [{json.dumps(link)}]\n"
    )
    (tmp_path / "KHM.yml").write_text(text, encoding="utf-8")
    result = validate_paths([tmp_path], TODAY, tmp_path)
    assert "link-scheme" in {p.rule for p in result.errors}, [p.text() for p in result.problems]


# --------------------------------------------------------------------------------------
# A failed build leaves the previous site as it was (SECURITY.md item 18)
# --------------------------------------------------------------------------------------


def _manifest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


GOOD_KHM = _state("KHM", "    consent: {status: given, date: 2026-01-01, by: national authority}\n")


def test_failed_validation_leaves_the_previous_site(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"KHM": GOOD_KHM})
    site = build_site(root, tmp_path / "site")
    before = _manifest(site)
    (root / "states" / "KHM.yml").write_text(FAILING["consent-missing"], encoding="utf-8")
    proc = run_mkdocs(root, site)
    assert proc.returncode != 0
    assert _manifest(site) == before
    assert not Path(str(site) + ".pfp-staging").exists()


def test_strict_warning_leaves_the_previous_site(tmp_path: Path) -> None:
    """A broken link is only a strict-mode warning, raised after MkDocs has written pages: staging must hold them."""
    root = make_site(tmp_path, {"KHM": GOOD_KHM})
    site = build_site(root, tmp_path / "site")
    before = _manifest(site)
    (root / "content" / "broken.md").write_text("# Broken\n\n[x](missing-page.md)\n", encoding="utf-8")
    proc = run_mkdocs(root, site)
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert _manifest(site) == before
    assert not Path(str(site) + ".pfp-staging").exists()


def test_consent_withdrawn_later_removes_the_old_page_content(tmp_path: Path) -> None:
    """SECURITY.md item 16: after a rebuild, no stale file keeps a challenge whose consent was withdrawn."""
    root = make_site(tmp_path, {"KHM": GOOD_KHM.replace("FAILCANARY summary", "LATERWITHDRAWN summary")})
    site = build_site(root, tmp_path / "site")
    assert any("LATERWITHDRAWN" in text for _, text in all_text_files(site))
    withdrawn = GOOD_KHM.replace("FAILCANARY summary", "LATERWITHDRAWN summary").replace(
        "status: given, date: 2026-01-01", "status: withdrawn, date: 2026-01-01"
    )
    (root / "states" / "KHM.yml").write_text(withdrawn, encoding="utf-8")
    build_site(root, site)
    assert not [name for name, text in all_text_files(site) if "LATERWITHDRAWN" in text]


def test_real_site_has_no_third_party_origins(tmp_path: Path) -> None:
    """The same scan on a site built from a minimal State file and the repository's content/."""
    root = make_site(tmp_path, {"KHM": GOOD_KHM})
    _assert_no_third_party(build_site(root, tmp_path / "site"))


def _break_a_template(root: Path) -> None:
    """A theme override that raises while pages are being written (stands in for any mid-build exception)."""
    (root / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ page.nonexistent.attr }}{% endblock %}', encoding="utf-8"
    )


def test_exception_mid_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"KHM": GOOD_KHM})
    site = build_site(root, tmp_path / "site")
    before = _manifest(site)
    _break_a_template(root)
    proc = run_mkdocs(root, site)
    assert proc.returncode != 0
    assert "UndefinedError" in proc.stderr
    assert _manifest(site) == before


def test_exception_mid_build_leaves_no_partial_tree(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"KHM": GOOD_KHM})
    _break_a_template(root)
    proc = run_mkdocs(root, tmp_path / "site")
    assert proc.returncode != 0
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "site-src")
    assert not leftovers, f"left behind: {leftovers}"
