"""Every kind of page on a phone (375 px) and a desktop (1280 px), in English, French and Spanish.

At 375 px: the page body never scrolls sideways; no visible text is cut by the edge of the screen; no
word is broken inside itself nor an id at its hyphens; anything that scrolls sideways is a region a
keyboard can focus (and, but for code, named); tables keep their table semantics as cards; the
progress chart shows every current-deadline marker and the target line on screen. The screenshots of
every page type at both widths are written to test-artifacts/screenshots/ for a person to look at.

The pages are found in the built site (the first need, offer and dialogue report it lists), never
from today's states/ files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE, DESKTOP = 375, 1280
LANGUAGES = ("", "fr/", "es/")

# Every page type: name -> path, or None when it is found in the built site (see `site_pages`).
PAGE_TYPES: dict[str, str | None] = {
    "home": "",
    "states": "states/",
    "state": None,
    "needs": "needs/",
    "offers": "offers/",
    "need": None,
    "offer": None,
    "challenges": "challenges/",
    "progress": "progress/",
    "data": "data/",
    "dialogues": "dialogues/",
    "dialogue": None,
    "contribute": "contribute/",
    "contribute-web-editor": "contribute/web-editor/",
    "contribute-editor-setup": "contribute/editor-setup/",
    "contribute-isu": "contribute/isu/",
    "contribute-fields": "contribute/fields/",
    "contribute-rules": "contribute/rules/",
    "contribute-edit": "contribute/edit/",  # the form editor, as it opens
}
# Pages of the English site only: dialogue reports.
ENGLISH_ONLY = {"dialogue"}
CASES = [(lang, name) for lang in LANGUAGES for name in PAGE_TYPES if not (lang and name in ENGLISH_ONLY)]


def _first(pattern: str, html: str, what: str) -> str:
    found = re.search(pattern, html)
    assert found, f"the built site lists no {what}"
    return found.group(1)


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> dict[str, str]:
    """Page type -> path, the data-dependent ones taken from the built site's own lists."""
    read = lambda path: (built_site / path / "index.html").read_text(encoding="utf-8")  # noqa: E731
    need = _first(r'<tr data-id="([A-Z]{3}-N-[0-9]{3})"', read("needs"), "need")
    offer = _first(r'<tr data-id="([A-Z]{3}-O-[0-9]{3})"', read("offers"), "offer")
    # The State of the first need: a State page with an entries table as well as the record's facts.
    state = need.split("-")[0].lower()
    dialogue = _first(r'href="\.\./(dialogues/[a-z0-9-]+/)"', read("dialogues"), "dialogue report")
    found = {
        "state": f"states/{state}/",
        "need": f"needs/{need.lower()}/",
        "offer": f"offers/{offer.lower()}/",
        "dialogue": dialogue,
    }
    pages = {name: path if path is not None else found[name] for name, path in PAGE_TYPES.items()}
    for name, path in pages.items():
        assert (built_site / path / "index.html").is_file(), f"{name}: {path} is not in the built site"
    return pages


# What the screen shows, measured in the page. A text's visible part is its box clipped by every
# ancestor that clips (overflow other than visible); text that is clipped away entirely is not
# visible (a visually hidden heading, a scrolled-away column) and is not "cut". Text wholly left of
# the screen is the closed navigation drawer. A scroller is an element some visible text overflows.
LAYOUT_JS = r"""() => {
  const W = document.documentElement.clientWidth;
  const describe = (el) => {
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls}`;
  };
  const invisible = (el) => {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === "none" || cs.visibility !== "visible" || cs.opacity === "0" || (cs.clip && cs.clip !== "auto")) return true;
    }
    return false;
  };
  const blockRight = (el) => {  // the right edge of the content of the block the text flows in
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (!cs.display.startsWith("inline") && cs.display !== "contents") {
        return e.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
      }
    }
    return W;
  };
  const cut = [], broken = [], scrollers = new Set();
  const article = document.querySelector("article") || document.body;
  const column = article.clientWidth;
  const range = document.createRange();
  const lines = (start, end, node) => {
    range.setStart(node, start); range.setEnd(node, end);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5);
    const tops = new Set(rects.map((r) => Math.round(r.top / 3)));
    return {count: tops.size, width: rects.reduce((s, r) => s + r.width, 0), rects};
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.data.trim() && !["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "title", "desc"].includes(n.parentElement.tagName)
      ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (invisible(el)) continue;
    range.selectNodeContents(node);
    let seen = false;
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      let left = r.left, right = r.right, top = r.top, bottom = r.bottom;
      for (let p = el; p && p !== document.body; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
        const b = p.getBoundingClientRect();
        if (cs.overflowX !== "visible") {
          if ((right > b.right + 0.5 || left < b.left - 0.5) && !["hidden", "clip"].includes(cs.overflowX)) scrollers.add(p);
          left = Math.max(left, b.left); right = Math.min(right, b.right);
        }
        if (cs.overflowY !== "visible") { top = Math.max(top, b.top); bottom = Math.min(bottom, b.bottom); }
      }
      if (right - left < 1 || bottom - top < 1) continue;
      if (right <= 0) continue;
      seen = true;
      if (right > W + 0.5 || left < -0.5) cut.push(`${describe(el)} "${node.data.trim().slice(0, 40)}" ${Math.round(left)}..${Math.round(right)} of ${W}`);
    }
    if (!seen || getComputedStyle(el).whiteSpace.startsWith("pre")) continue;
    // A word (a run of letters, digits, underscores and apostrophes: "Cambodia", "schema_version") on
    // two lines is broken, unless the text between spaces it is part of ("https://official@evil.example")
    // is wider than a line; an id (KHM-N-001) is one word, hyphens and all.
    for (const m of node.data.matchAll(/[A-Z]{3}-[A-Z]-[0-9]{3}|[\p{L}\p{N}_'\u2019]{2,}/gu)) {
      const l = lines(m.index, m.index + m[0].length, node);
      if (l.count < 2) continue;
      if (!/^[A-Z]{3}-/.test(m[0])) {
        const start = node.data.slice(0, m.index).search(/\S*$/);
        const end = m.index + m[0].length + node.data.slice(m.index + m[0].length).search(/\s|$/);
        const run = lines(start, end, node);
        const lineStart = run.rects.length > 1 ? run.rects[1].left : run.rects[0].left;
        const line = blockRight(el) - lineStart;
        // Too long for a line, it must break; unless the line is a squeezed table column (under half
        // the page's column), where the layout, not the word, is at fault ("Cambodi a").
        if (run.width > line + 1 && line >= 0.45 * column) continue;
      }
      broken.push(`${describe(el)} "${m[0]}"`);
    }
  }
  const unlabelled = [...scrollers].filter((s) => {
    const focusable = s.tabIndex >= 0;
    const code = s.matches("pre > code");
    const named = s.getAttribute("role") === "region" && (s.getAttribute("aria-label") || s.getAttribute("aria-labelledby"));
    return !(focusable && (code || named));
  }).map(describe);
  return {
    innerWidth: W, scrollWidth: document.documentElement.scrollWidth,
    cut: cut.slice(0, 10), broken: broken.slice(0, 10), unlabelled: unlabelled.slice(0, 10),
  };
}"""


def _slug(lang: str, name: str) -> str:
    return f"{lang.rstrip('/') or 'en'}-{name}"


def _screenshot(page: object, lang: str, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{_slug(lang, name)}-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 1000, f"{target} is empty"


def _open(open_at: object, width: int, path: str) -> object:
    page = open_at(width).goto(path)
    page.evaluate("document.fonts.ready")
    return page


@pytest.mark.parametrize(("lang", "name"), CASES)
def test_every_page_fits_a_phone_and_a_desktop(open_at, site_pages: dict[str, str], lang: str, name: str) -> None:
    path = f"/{lang}{site_pages[name]}"
    page = _open(open_at, PHONE, path)
    m = page.evaluate(LAYOUT_JS)
    assert m["scrollWidth"] <= m["innerWidth"], f"{path} at {PHONE}px scrolls sideways: {m}"
    assert not m["cut"], f"{path} at {PHONE}px: text cut by the edge of the screen: {m['cut']}"
    assert not m["broken"], f"{path} at {PHONE}px: words broken inside themselves: {m['broken']}"
    assert not m["unlabelled"], f"{path} at {PHONE}px scrolls sideways in an unnamed or unfocusable box: {m}"
    # Tables are still tables when their rows are cards: every cell and heading keeps its role.
    for table in page.locator("article table").all():
        assert table.get_by_role("cell").count() == table.locator("td").count(), f"{path}: a cell lost its role"
        headings = table.locator("thead th").count()
        assert table.get_by_role("columnheader").count() == headings, f"{path}: a heading lost its role"
    # A badge ("illustrative", "unverified") sits in the cell of the value it qualifies.
    for badge in page.locator("article td .pfp-badge, article th .pfp-badge").all():
        cell_text = badge.evaluate("b => b.closest('td, th').textContent.replace(b.textContent, '').trim()")
        assert cell_text, f"{path}: a badge alone in its cell"
    _screenshot(page, lang, name, PHONE)

    page = _open(open_at, DESKTOP, path)
    m = page.evaluate(LAYOUT_JS)
    assert m["scrollWidth"] <= m["innerWidth"], f"{path} at {DESKTOP}px scrolls sideways: {m}"
    assert not m["cut"], f"{path} at {DESKTOP}px: text cut by the edge of the screen: {m['cut']}"
    assert not m["unlabelled"], f"{path} at {DESKTOP}px scrolls sideways in an unnamed or unfocusable box: {m}"
    _screenshot(page, lang, name, DESKTOP)


CHART_JS = """() => {
  const chart = [...document.querySelectorAll("svg.pfp-chart")].find((s) => s.getBoundingClientRect().width > 0);
  if (!chart) return null;
  const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; };
  return {
    width: document.documentElement.clientWidth,
    svg: box(chart),
    labelled: chart.getAttribute("aria-labelledby").split(" ").map((id) => (document.getElementById(id) || {}).textContent || ""),
    markers: [...chart.querySelectorAll(".current")].map(box),
    target: [...chart.querySelectorAll(".target")].map(box),
    text: [...chart.querySelectorAll("text")].map((t) => ({...box(t), size: parseFloat(getComputedStyle(t).fontSize) * chart.getScreenCTM().a})),
  };
}"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chart_shows_every_current_deadline_and_the_target_on_screen(open_at, lang: str, width: int) -> None:
    page = _open(open_at, width, f"/{lang}progress/")
    rows = page.locator("#pfp-timeline-table tbody tr")
    expect(rows.first).to_be_visible()  # the table equivalent is still there
    c = page.evaluate(CHART_JS)
    assert c is not None, "no chart is shown"
    assert all(text.strip() for text in c["labelled"]), "the chart's title or description is empty"
    assert len(c["markers"]) == rows.count(), "a current deadline in the table has no marker in the chart"
    inside = lambda b: (b["width"] > 0 or b["height"] > 0) and b["left"] >= 0 and b["right"] <= c["width"]  # noqa: E731
    assert c["svg"]["right"] <= c["width"] and c["svg"]["left"] >= 0, f"the chart is wider than the screen: {c['svg']}"
    outside = [b for b in c["markers"] if not inside(b)]
    assert not outside, f"{len(outside)} current-deadline marker(s) off screen at {width}px: {outside[:3]}"
    assert c["target"] and all(inside(b) for b in c["target"]), f"the target line is off screen: {c['target']}"
    small = [t for t in c["text"] if t["size"] < 11]
    assert not small, f"chart text drawn smaller than 11 px at {width}px: {small[:3]}"


LAYOUT_SHIFT_JS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("path", ["/needs/", "/offers/"])
def test_the_filter_form_moves_nothing_when_the_script_starts(open_at, path: str) -> None:
    page = open_at(PHONE).goto(path, wait_until="networkidle")
    expect(page.locator("form[data-pfp-filter] output[data-pfp-count]")).not_to_be_empty()  # the script ran
    shift = page.evaluate(LAYOUT_SHIFT_JS)
    assert shift < 0.01, f"{path}: cumulative layout shift {shift:.3f}"


def test_without_scripting_the_filter_form_is_not_shown_and_every_row_is(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": PHONE, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + "needs/")
        expect(page.locator("form[data-pfp-filter]")).to_be_hidden()
        rows = page.locator("#pfp-needs tbody tr")
        assert rows.count() > 0
        expect(page.locator("#pfp-needs tbody tr:visible")).to_have_count(rows.count())
    finally:
        context.close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The pages whose tables become cards, the narrow chart, the tiles: axe at phone width too.
PHONE_AXE = ["home", "states", "state", "needs", "need", "challenges", "progress", "data", "contribute-fields"]


@pytest.mark.parametrize("name", PHONE_AXE)
def test_axe_finds_no_wcag_violations_at_phone_width(open_at, site_pages: dict[str, str], name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = _open(open_at, PHONE, f"/{site_pages[name]}")
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


# --- Skip to content (WCAG 2.4.1) -------------------------------------------------------------------

SKIP_RE = re.compile(r'<a href="#([^"]+)" class="md-skip">\s*([^<]*?)\s*</a>')
SKIP_WORDS = {"": "Skip to content", "fr/": "Aller au contenu", "es/": "Saltar a contenido"}


def test_every_page_of_every_language_has_one_skip_link_to_its_heading(built_site: Path) -> None:
    """Every page, written or generated, in every language: one "Skip to content" link, in the page's
    language, to its h1 or the empty target just before it (the theme draws one only from a table of
    contents)."""
    wrong = []
    pages = sorted(built_site.rglob("index.html"))
    for page in pages:
        rel = page.relative_to(built_site).as_posix()
        html = page.read_text(encoding="utf-8")
        links = SKIP_RE.findall(html)
        words = SKIP_WORDS[next((lang for lang in ("fr/", "es/") if rel.startswith(lang)), "")]
        if len(links) != 1 or links[0][1] != words:
            wrong.append(f"{rel}: {links}")
        elif not re.search(
            rf'<h1\b[^>]*\bid="{re.escape(links[0][0])}"|\bid="{re.escape(links[0][0])}"[^>]*></span><h1\b', html
        ):
            wrong.append(f"{rel}: #{links[0][0]} is neither an h1 nor just before one")
    assert len(pages) > 50 and not wrong, "\n".join(wrong[:20])


# Generated pages (their headings are in their HTML) in English, and a State page in each language.
SKIP_CASES = [("", n) for n in ("states", "state", "needs", "need", "offers", "offer", "challenges", "progress")]
SKIP_CASES += [("", "dialogue"), ("fr/", "state"), ("es/", "need")]


@pytest.mark.parametrize(("lang", "name"), SKIP_CASES)
def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_heading(
    open_at, site_pages: dict[str, str], lang: str, name: str
) -> None:
    page = _open(open_at, PHONE, f"/{lang}{site_pages[name]}")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # shown once focused
    expect(skip).to_have_text(SKIP_WORDS[lang])
    page.keyboard.press("Enter")
    expect(page.locator("article #pfp-main")).to_be_focused()  # the next Tab starts in the content
    expect(page.locator("article h1")).to_be_in_viewport()
