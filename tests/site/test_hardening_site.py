"""Hardening round 2, classes "Script execution and markup" (SECURITY.md items 24, 25 and 26).

Each test is named after the class it keeps closed and tries the variants an attacker
would try after the first one was fixed:

* the CSP allows only the theme's own inline scripts (item 24);
* dialogue reports go through the one sanitiser and a strict front-matter model (item 25);
* drafts are never published, whatever the folder, extension or letter case (item 26);
* files under content/, states/ and record/ are checked: no symlink, device or unexpected type (item 26).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import REPO, TODAY, build_env, make_site, run_mkdocs, site_settings, state_yaml

from build_hooks.engine.dialogues import load_dialogues
from build_hooks.site.builder import prepare_build

STATES = {"KHM": state_yaml("KHM")}

REPORT = """---
title: Meeting with partners
state: KHM
date: 2026-06-12
participants: [Cambodia, Norway]
status: {status}
---

{body}
"""


def _report(body: str = "Body text.", status: str = "final") -> str:
    return REPORT.format(status=status, body=body)


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the page's CSP."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.csp: str | None = None
        self._scripts: list[tuple[dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attributes.get("content")

    @property
    def scripts(self) -> list[tuple[dict[str, str | None], str]]:
        return self._scripts

    def feed_page(self, html: str) -> None:
        self.feed(html)
        self._scripts = [
            ({k.lower(): v for k, _, v in _ATTR.findall(attrs)}, text) for attrs, text in _SCRIPT.findall(html)
        ]


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)(\s*=\s*["']?([^"'\s>]*))?""")


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed_page(html)
    return parser


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _policy_hashes(csp: str | None) -> set[str]:
    assert csp, "page without a Content-Security-Policy"
    script_src = next(part for part in csp.split("; ") if part.startswith("script-src"))
    return {token for token in script_src.split()[1:] if token.startswith("'sha256-")}


def _mkdocs(root: Path, site_dir: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
    return subprocess.run(cmd, cwd=root, env=build_env(), capture_output=True, text=True, timeout=600, check=False)


# --------------------------------------------------------------------------------------
# Item 24: the CSP allows only the theme's own inline scripts
# --------------------------------------------------------------------------------------

SCRIPT_VARIANTS = {
    "lower": "<script>alert(1)</script>",
    "upper": "<SCRIPT>alert(2)</SCRIPT>",
    "mixed-case-and-space": "<ScRiPt >alert(3)</sCrIpT >",
    "module": "<script type=module>alert(4)</script>",
    "json-data-block": '<script type="application/json">{"alert": 5}</script>',
    "svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(6)</script></svg>',
    "slash-attribute": "<script/x>alert(7)</script>",
    "theme-lookalike": "<script>__md_scope=alert(8)</script>",
    "entities": "&lt;script&gt;alert(9)&lt;/script&gt;",
    "in-comment": "<!-- <script>alert(10)</script> -->",
}
SCRIPT_BODIES = ["alert(1)", "alert(2)", "alert(3)", "alert(4)", '{"alert": 5}', "alert(6)", "alert(7)"]
SCRIPT_BODIES += ["__md_scope=alert(8)", "alert(9)", "alert(10)"]


@pytest.fixture(scope="module")
def scripted_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """A site whose content pages carry every script variant, built without --strict (and once with it)."""
    tmp = tmp_path_factory.mktemp("csp")
    content = {
        f"hardening/{name}.md": f"# Variant {name}\n\nBefore.\n\n{html}\n\nAfter.\n"
        for name, html in SCRIPT_VARIANTS.items()
    }
    root = make_site(tmp, STATES, content=content)
    site = tmp / "built"
    lax = _mkdocs(root, site, "--no-strict")
    assert lax.returncode == 0, lax.stdout + lax.stderr
    strict = run_mkdocs(root, tmp / "strict")
    return root, site, strict


def _theme_hashes(site: Path) -> set[str]:
    """The hashes a page without any content script gets: the theme's own inline scripts."""
    return _policy_hashes(_parse((site / "about" / "index.html").read_text(encoding="utf-8")).csp)


def test_the_csp_allows_only_the_themes_inline_scripts_in_the_theme_pages(
    scripted_site: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    _, site, _ = scripted_site
    theme = _theme_hashes(site)
    for page in ("about/index.html", "index.html", "404.html", "states/khm/index.html"):
        parsed = _parse((site / page).read_text(encoding="utf-8"))
        assert _policy_hashes(parsed.csp) == theme, page
        for attributes, text in parsed.scripts:
            executable = attributes.get("src") is None and attributes.get("type") in (None, "module", "text/javascript")
            if executable:  # the theme's own scripts still run
                assert _hash(text) in theme, (page, text[:80])


@pytest.mark.parametrize("variant", sorted(SCRIPT_VARIANTS))
def test_the_csp_allows_only_the_themes_inline_scripts(
    variant: str, scripted_site: tuple[Path, Path, subprocess.CompletedProcess[str]]
) -> None:
    _, site, _ = scripted_site
    html = (site / "hardening" / variant / "index.html").read_text(encoding="utf-8")
    hashes = _policy_hashes(_parse(html).csp)
    assert hashes == _theme_hashes(site), f"{variant}: the policy lists a hash that is not the theme's"
    assert not hashes & {_hash(body) for body in SCRIPT_BODIES}


def test_the_csp_allows_only_the_themes_inline_scripts_strict_build_fails(
    scripted_site: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _, strict = scripted_site
    log = strict.stdout + strict.stderr
    assert strict.returncode != 0, "a content page with a <script> built under --strict"
    for variant in ("lower", "upper", "module", "svg", "json-data-block"):
        assert f"pfp: hardening/{variant}.md holds a <script>" in log, log[-3000:]
    for variant in ("entities", "in-comment"):  # text or a comment that looks like a script is not one
        assert f"pfp: hardening/{variant}.md holds" not in log
    assert not (root.parent / "strict").exists()


# --------------------------------------------------------------------------------------
# Item 25: dialogue reports go through the one sanitiser and a strict front-matter model
# --------------------------------------------------------------------------------------

HOSTILE_BODY = """\
## Summary

<script>alert("DLG-SCRIPT")</script>

<img src=x onerror=alert(1)>

<iframe src="https://example.org/"></iframe>

[click](javascript:alert(1)) and [data](data:text/html,hi) and [ok](https://example.org/)

A paragraph with attributes
{: onclick="alert(1)" }

<form action="https://example.org/"><input name=a></form><style>body{display:none}</style><base href="https://example.org/">

<a href="JaVaScRiPt:alert(1)">x</a> <a href="javascript&#58;alert(1)">y</a>

<details open ontoggle=alert(1)>z</details>
"""


def test_dialogue_reports_go_through_the_sanitiser(tmp_path: Path) -> None:
    root = make_site(tmp_path, STATES, content={"dialogues/khm-hostile.md": _report(HOSTILE_BODY)})
    site = tmp_path / "built"
    done = run_mkdocs(root, site)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (site / "dialogues" / "khm-hostile" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    parsed = _parse(article)
    tags = {tag for tag, _ in parsed.elements}
    assert not tags & {"script", "iframe", "img", "form", "input", "style", "base", "details"}, tags
    for tag, attributes in parsed.elements:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        for name in ("href", "src", "action"):
            value = (attributes.get(name) or "").strip().lower()
            assert not value.startswith(("javascript", "data:")), (tag, attributes)
    assert not [text for _, text in _parse(html).scripts if "DLG-SCRIPT" in text]
    assert "&lt;script&gt;alert(&quot;DLG-SCRIPT&quot;)" in article or '&lt;script&gt;alert("DLG-SCRIPT")' in article
    assert "Cambodia, Norway" in article  # the facts block is still above the report
    assert 'href="https://example.org/"' in article  # an https link survives


FRONT_MATTER_KEYS = {
    "description": 'description: "\\"><script>alert(1)</script>"',
    "template": "template: redirect.html",
    "location": 'location: "javascript:alert(1)"',
    "hide": "hide: [navigation, toc]",
    "icon": "icon: material/alert",
    "redirect": "redirect: https://example.org/",
    "search": "search: {exclude: true}",
    "status-icon": "extra: {x: 1}",
    "upper-case-twin": "Title: <img src=x onerror=alert(1)>",
    "merge-key": "<<: {template: redirect.html}",
}


@pytest.mark.parametrize("name", sorted(FRONT_MATTER_KEYS))
def test_dialogue_front_matter_is_strict(tmp_path: Path, name: str) -> None:
    text = _report().replace("status: final\n", f"status: final\n{FRONT_MATTER_KEYS[name]}\n")
    folder = tmp_path / "content" / "dialogues"
    folder.mkdir(parents=True)
    (folder / "khm.md").write_text(text, encoding="utf-8")
    dialogues, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert dialogues == [], f"{name}: a report with an unknown front-matter key was accepted"
    found = [(p.path, p.line, p.col, p.severity, p.rule) for p in problems]
    assert ("content/dialogues/khm.md", 7, 1, "error", "dialogue-unknown-key") in found, found
    assert all(p.hint for p in problems)


def test_dialogue_front_matter_is_strict_title_markup(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "dialogues"
    folder.mkdir(parents=True)
    (folder / "khm.md").write_text(_report().replace("Meeting with partners", '"<img src=x onerror=alert(1)>"'))
    dialogues, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert dialogues == [] and [p.rule for p in problems] == ["schema-format"]


def test_dialogue_front_matter_is_strict_in_the_built_page(tmp_path: Path) -> None:
    """The page's head is the Platform's: no key of the report reaches the theme."""
    root = make_site(tmp_path, STATES, content={"dialogues/khm-ok.md": _report()})
    site = tmp_path / "built"
    done = run_mkdocs(root, site)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (site / "dialogues" / "khm-ok" / "index.html").read_text(encoding="utf-8")
    assert "<title>Meeting with partners - Platform for Partnerships</title>" in html
    assert "content.action.edit" not in html or "edit/main/content/dialogues/khm-ok.md" in html


# --------------------------------------------------------------------------------------
# Item 26: drafts are never published, whatever the folder, extension or letter case
# --------------------------------------------------------------------------------------

DRAFT_PLACES = {
    "markdown-extension": "dialogues/khm-draft.markdown",
    "upper-case-extension": "dialogues/khm-draft.MD",
    "mixed-case-extension": "dialogues/khm-draft.Md",
    "mkd-extension": "dialogues/khm-draft.mkd",
    "subfolder": "dialogues/2026/khm-draft.md",
    "french": "fr/dialogues/khm-draft.md",
    "spanish": "es/dialogues/khm-draft.md",
    "upper-case-folder": "Dialogues/khm-draft.md",
    "outside-dialogues": "about-khm-draft.md",
}
CANARY = "DRAFT-CANARY-7d3f"


def _canary_files(site: Path) -> list[str]:
    if not site.exists():
        return []
    import gzip

    found = []
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        data = file.read_bytes()
        data = gzip.decompress(data) if file.suffix == ".gz" else data
        if CANARY.encode() in data or b"khm-draft" in data:
            found.append(str(file.relative_to(site)))
    return found


@pytest.mark.parametrize("place", sorted(DRAFT_PLACES))
def test_drafts_are_never_published(tmp_path: Path, place: str) -> None:
    from build_hooks.site.multibuild import build_languages

    draft = _report(f"Secret text {CANARY}.", status="draft")
    root = make_site(tmp_path, STATES, content={DRAFT_PLACES[place]: draft})
    for config in ("mkdocs.fr.yml", "mkdocs.es.yml"):
        shutil.copy2(REPO / config, root / config)
    site = tmp_path / "site"
    results = build_languages(root, site)
    leaks = _canary_files(site)
    assert not leaks, f"{place}: the draft is published in {leaks}\n" + "\n".join(r.log[-1500:] for r in results)
    if all(r.ok for r in results):  # accepted as a draft: the report is read and known as one
        build = prepare_build(root / "mkdocs.yml", site_settings(), today=TODAY)
        assert "dialogues/" + DRAFT_PLACES[place].removeprefix("dialogues/") in build.unpublished_sources()


TRANSLATION = """---
title: Réunion avec les partenaires
status: {status}
---

{body}
"""


def _three_languages(tmp_path: Path, content: dict[str, str]) -> tuple[Path, list[object]]:
    from build_hooks.site.multibuild import build_languages

    root = make_site(tmp_path, STATES, content=content)
    for config in ("mkdocs.fr.yml", "mkdocs.es.yml"):
        shutil.copy2(REPO / config, root / config)
    site = tmp_path / "site"
    return site, list(build_languages(root, site))


@pytest.mark.parametrize(
    "report, translation",
    [("draft", "final"), ("final", "draft")],
    ids=["translation-of-a-draft", "draft-translation"],
)
def test_translations_of_drafts_and_draft_translations_are_never_published(
    tmp_path: Path, report: str, translation: str
) -> None:
    """A report's French translation is published only when both it and the report are final."""
    content = {
        "dialogues/khm-draft.md": _report("Report text.", status=report),
        "fr/dialogues/khm-draft.md": TRANSLATION.format(status=translation, body=f"Texte secret {CANARY}."),
    }
    site, results = _three_languages(tmp_path, content)
    assert all(r.ok for r in results), "\n".join(r.log[-1500:] for r in results)
    assert not [f for f in _canary_files(site) if CANARY.encode() in (site / f).read_bytes()]
    page = site / "fr" / "dialogues" / "khm-draft" / "index.html"
    if report == "draft":  # no page in any language, no search entry, no sitemap URL
        assert not _canary_files(site), _canary_files(site)
    else:  # the French site shows the report itself, marked as English
        html = page.read_text(encoding="utf-8")
        assert '<div class="pfp-text" lang="en"><p>Report text.</p></div>' in html


def test_a_translation_goes_through_the_sanitiser(tmp_path: Path) -> None:
    content = {
        "dialogues/khm-hostile.md": _report(),
        "fr/dialogues/khm-hostile.md": TRANSLATION.format(status="final", body=HOSTILE_BODY),
    }
    site, results = _three_languages(tmp_path, content)
    assert all(r.ok for r in results), "\n".join(r.log[-1500:] for r in results)
    html = (site / "fr" / "dialogues" / "khm-hostile" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    parsed = _parse(article)
    assert not {tag for tag, _ in parsed.elements} & {"script", "iframe", "img", "form", "input", "style", "base"}
    for tag, attributes in parsed.elements:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        assert not (attributes.get("href") or "").strip().lower().startswith(("javascript", "data:")), tag
    assert not [text for _, text in _parse(html).scripts if "DLG-SCRIPT" in text]
    assert '<h1>Réunion avec les partenaires</h1>' in article


# --------------------------------------------------------------------------------------
# Item 26: files under content/, states/ and record/ are checked
# --------------------------------------------------------------------------------------


HTML_PAGE = "<html><body><script>alert(1)</script></body></html>\n"
SVG_FILE = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
ZERO = Path("/dev/zero")
# variant -> (path under the site root, what is put there, the rule that refuses it). "secret" is a
# file of the build machine outside the site, "outside-dir" a folder there, "fifo" a named pipe.
FILE_VARIANTS: dict[str, tuple[str, str | Path, str]] = {
    "content-html": ("content/evil.html", HTML_PAGE, "file-type"),
    "content-htm": ("content/evil.htm", HTML_PAGE, "file-type"),
    "content-upper-html": ("content/evil.HTML", HTML_PAGE, "file-type"),
    "content-js": ("content/assets/evil.js", "alert(1)\n", "file-type"),
    "content-svg": ("content/evil.svg", SVG_FILE, "file-type"),
    "content-symlink-file": ("content/leak.md", "secret", "file-symlink"),
    "content-symlink-dir": ("content/linked", "outside-dir", "file-symlink"),
    "content-symlink-device": ("content/zero.md", ZERO, "file-symlink"),
    "content-fifo": ("content/pipe.md", "fifo", "file-type"),
    "states-symlink": ("states/NOR.yml", "secret", "file-symlink"),
    "states-symlink-device": ("states/CHE.yml", ZERO, "file-symlink"),
    "states-fifo": ("states/AGO.yml", "fifo", "file-type"),
    "states-other-type": ("states/KHM.json", "{}\n", "file-type"),
    "states-symlink-dir": ("states/more", "outside-dir", "file-symlink"),
    "record-symlink-table": ("record/notes.csv", "secret", "record-file"),
    "record-symlink-readme": ("record/README.md", "secret", "file-symlink"),
    "record-symlink-device": ("record/findings.csv", ZERO, "record-file"),
}


def _plant(root: Path, tmp_path: Path, variant: str) -> str:
    """Put the variant's file in place; return its path relative to the site root."""
    secret = tmp_path / "build-machine-secret.txt"
    secret.write_text("BUILD-MACHINE-SECRET\n", encoding="utf-8")
    outside_dir = tmp_path / "outside-dir"
    outside_dir.mkdir(exist_ok=True)
    (outside_dir / "leak.md").write_text("# Leak\n\nBUILD-MACHINE-SECRET\n", encoding="utf-8")
    rel, what, _ = FILE_VARIANTS[variant]
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        target.unlink()
    links = {"secret": secret, "outside-dir": outside_dir}
    if isinstance(what, Path) or what in links:
        target.symlink_to(what if isinstance(what, Path) else links[what])
    elif what == "fifo":
        os.mkfifo(target)
    else:
        target.write_text(what, encoding="utf-8")
    return rel


@pytest.mark.parametrize("variant", sorted(FILE_VARIANTS))
def test_files_under_content_states_and_record_are_checked(tmp_path: Path, variant: str) -> None:
    root = make_site(tmp_path, STATES)
    rel = _plant(root, tmp_path, variant)
    build = prepare_build(root / "mkdocs.yml", site_settings(), today=TODAY)  # must not hang on a device or FIFO
    found = [(p.path, p.line, p.col, p.severity, p.rule) for p in build.validation.problems]
    assert build.site is None, f"{variant}: built with {rel}"
    assert (rel, 1, 1, "error", FILE_VARIANTS[variant][2]) in found, found


def test_files_under_content_are_checked_and_the_previous_site_is_kept(tmp_path: Path) -> None:
    root = make_site(tmp_path, STATES)
    site = tmp_path / "built"
    first = run_mkdocs(root, site)
    assert first.returncode == 0, first.stdout + first.stderr
    before = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
    _plant(root, tmp_path, "content-html")
    _plant(root, tmp_path, "content-symlink-file")
    again = run_mkdocs(root, site)
    log = again.stdout + again.stderr
    assert again.returncode != 0
    assert "content/evil.html:1:1: error [file-type]" in log and "content/leak.md:1:1: error [file-symlink]" in log, log
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == before
    assert not any(b"BUILD-MACHINE-SECRET" in p.read_bytes() for p in site.rglob("*") if p.is_file())


def test_files_under_content_are_checked_images_and_pages_are_allowed(tmp_path: Path) -> None:
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    root = make_site(tmp_path, STATES, content={"about-more.md": "# More\n\n![dot](img/dot.png)\n"})
    (root / "content" / "img").mkdir()
    (root / "content" / "img" / "dot.png").write_bytes(png)
    build = prepare_build(root / "mkdocs.yml", site_settings(), today=TODAY)
    assert build.site is not None, [p.text() for p in build.validation.errors]
