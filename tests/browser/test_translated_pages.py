"""No English on the French and Spanish sites, except original-language text marked as such.

Every HTML page under /fr/ and /es/ of a real three-language build (`built_site`) is walked:
its text nodes (``<title>`` and the SVG chart's text included) and the attributes a reader
meets (title, aria-label, alt, placeholder, the value of a button, a meta description,
the data-template/data-label texts the scripts show). Text inside an element whose ``lang``
differs from the page's (an entry's English title, a record source, a report shown in its
original language: each with its visible "in English" note) and code (``code``, ``pre``,
``kbd``, ``samp``) are skipped, and so are proper names and codes: State names in the page's
language, ids, numbers, URLs, file names and the record's abbreviations (22MSP, ISU, ...).

A text fails when it holds

* an English catalogue string (``en.po``) whose translation in the page's catalogue is
  different, or one of Material's own interface strings in English (Material translates
  them through ``theme.language``; this finds a string it would leave in English), or
* a text node of the same page of the English site, written there in English (this finds
  English that no catalogue holds: a theme template's own words, a Markdown extension's
  defaults, an untranslated hand-written page).

The check itself is tested on planted English strings (a test of the test).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from build_hooks.i18n import messages
from build_hooks.site.facts import _TOKENS

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("fr", "es")
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
CODE = frozenset({"code", "pre", "kbd", "samp", "script", "style"})
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "data-template", "data-label")
# Names of products and formats, the same in every language (and GitHub's and editors' own
# interface words a guide quotes as they appear on screen, which are English everywhere).
PROPER_NAMES = frozenset(
    {"GitHub", "Pages", "Actions", "Visual Studio Code", "Red Hat", "YAML", "JSON", "CSV", "Ctrl", "pre-commit"}
    | {"Creative Commons Attribution"}
)
# Words of a language spelled as an English catalogue word (VS Code's "Extensions" panel, in French).
SAME_WORDS = {"fr": frozenset({"Extensions"}), "es": frozenset()}
_CODES = re.compile(
    r"https?://\S+|webcal://\S+|mailto:\S+|\S+@\S+\.\w+"  # addresses
    r"|[\w./<>*-]+\.(?:json|jsonld|csv|ics|xml|yml|yaml|md|html)\b"  # file names
    r"|(?<![\w/])/[\w./-]+"  # paths
    r"|\b[A-Z]{3}-[A-Z]-\d{3}\b|\b[A-Z]{3}\b"  # ids, State codes, three-letter abbreviations
    r"|\b\d{1,2}(?:MSP|RC)\b|\bLM(?:\d{4})?\b|\b(?:" + "|".join(_TOKENS) + r")\b"  # the record's abbreviations
    r"|\d+(?:[.,\u202f\u00a0 ]\d+)*(?:\s?km²)?"  # numbers and areas
)
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Text:
    where: str  # the element (and attribute) it was found in, e.g. "h1" or "a@title"
    text: str  # whitespace collapsed
    lang: str  # the language it is marked with (the nearest lang attribute)


class _Walker(HTMLParser):
    """Every text node and reader-facing attribute of a page, with the language it is marked with."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []  # (tag, lang)
        self.found: list[Text] = []

    def _lang(self) -> str:
        return self.open[-1][1] if self.open else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        lang = values["lang"].lower() if values.get("lang") else self._lang()
        if not any(t in CODE for t, _ in self.open):
            shown = [a for a in ATTRIBUTES if values.get(a)]
            if tag == "meta" and values.get("name") == "description":
                shown.append("content")
            if (
                tag == "button" or (tag == "input" and values.get("type") in {"submit", "reset", "button"})
            ) and values.get("value"):
                shown.append("value")
            for attribute in shown:
                self.found.append(Text(f"{tag}@{attribute}", " ".join(values[attribute].split()), lang))
        if tag not in VOID:
            self.open.append((tag, lang))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not any(t in CODE for t, _ in self.open):
            self.found.append(Text(self.open[-1][0] if self.open else "", text, self._lang()))


def page_texts(html: str) -> list[Text]:
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.found


def _fragments(text: str) -> Iterator[str]:
    """The literal pieces of a catalogue string: cut at placeholders, line ends, Markdown and punctuation."""
    text = re.sub(r"[`*_\[\]#>|]", " ", text)
    for piece in re.split(r"\{[a-z_]+\}|\n|[:;.!?()«»\"“”]|,\s|\s[-–·]\s", text):
        piece = " ".join(piece.split())
        if _WORD.search(piece):
            yield piece


def _material_strings(lang: str) -> dict[str, str]:
    text = (MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([a-z.]+)": "(.*)",?$', text, re.M))


@cache
def state_names(lang: str) -> tuple[str, ...]:
    with (ROOT / "build_hooks" / "data" / "state-names.csv").open(encoding="utf-8") as handle:
        names = {row[lang] for row in csv.DictReader(handle)}
    return tuple(sorted(names, key=len, reverse=True))  # longest first: "Guinée-Bissau" before "Guinée"


@cache
def translated(lang: str) -> str:
    """Every string of the page language's catalogues (ours and Material's), to tell shared words from English."""
    strings = [*messages(lang).values(), *_material_strings(lang).values(), *state_names(lang), *SAME_WORDS[lang]]
    return "\n".join(strings)


@cache
def english_phrases(lang: str) -> tuple[str, ...]:
    """English strings that read differently in ``lang``: ours (en.po) and Material's."""
    pairs = [(text, messages(lang).get(key, "")) for key, text in messages("en").items()]
    theme = _material_strings(lang)
    pairs += [
        (text, theme.get(key, ""))
        for key, text in _material_strings("en").items()
        if not key.startswith("search.config")
    ]
    ours = _shared_folded(lang)
    phrases = {
        f for english, other in pairs if english != other for f in _fragments(english) if f.casefold() not in ours
    }
    return tuple(sorted(phrases, key=len, reverse=True))


def _without_names(text: str, lang: str) -> str:
    """The text with what is not a word of any language taken out: names, codes, addresses, numbers."""
    for name in state_names(lang):
        if name in text:
            text = text.replace(name, " ")
    for name in PROPER_NAMES:
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text)
    return " ".join(_CODES.sub(" ", text).split())


@dataclass(frozen=True)
class _Finder:
    words: dict[str, str]  # casefolded -> the phrase: a phrase of one word must be the whole text
    longer: re.Pattern[str]  # phrases of several words, found anywhere in a text

    def find(self, text: str) -> str | None:
        word = self.words.get(text.strip("()[]:;,. ").casefold())
        if word is not None:
            return word
        match = self.longer.search(text)
        return match.group(0) if match else None


@cache
def _finder(lang: str) -> _Finder:
    """The English phrases of ``lang``'s pages, ready to look for (one pattern: thousands of phrases)."""
    phrases = english_phrases(lang)
    longer = [re.escape(p) for p in phrases if " " in p]  # longest first
    return _Finder(
        {p.casefold(): p for p in phrases if " " not in p},
        re.compile(r"(?<!\w)(?:" + "|".join(longer) + r")(?!\w)", re.I),
    )


@cache
def _shared_folded(lang: str) -> str:
    return translated(lang).casefold()


def _segments(text: str) -> set[str]:
    """A text cut where a label meets a value or a list goes on: ``Consent: national authority (illustrative)``."""
    return {" ".join(p.split()).strip(".!?'’ ") for p in re.split(r"[:;()·,«»]|\s[-–]\s", text) if p.strip()}


@cache
def english_words() -> frozenset[str]:
    """Every word of our English catalogue, Material's English strings and the English State names."""
    with (ROOT / "build_hooks" / "data" / "state-names.csv").open(encoding="utf-8") as handle:
        names = [row["en"] for row in csv.DictReader(handle)]
    texts = [*messages("en").values(), *_material_strings("en").values(), *names]
    return frozenset(w.casefold() for text in texts for w in _WORD.findall(text))


def _english_segment(segment: str, lang: str) -> bool:
    """A piece of text the English page also has is English unless the page's language has it too.

    One word alone must be an English word the Platform or the theme uses (a place name such as
    Maputo reads the same in every language)."""
    rest = _without_names(segment, lang)
    if not _WORD.search(rest) or rest.casefold() in _shared_folded(lang):
        return False
    return " " in rest or rest.casefold() in english_words()


def english_in(html: str, lang: str, english_page: str | None = None) -> list[str]:
    """Each text of a ``lang`` page that is English and not marked as such, with what gave it away."""
    finder = _finder(lang)
    english_texts: set[str] = set()
    if english_page is not None:
        english_texts = {s for t in page_texts(english_page) if t.lang in {"", "en"} for s in _segments(t.text)}
    texts = page_texts(html)
    marked = {t.text for t in texts if t.lang != lang}
    found = []
    for item in texts:
        if item.lang != lang:
            continue  # marked as another language: original-language text with its note
        if item.where == "title" and item.text.rsplit(" - ", 1)[0] in marked:
            continue  # the document title repeats the page's heading, which is marked (a title holds no markup)
        rest = _without_names(item.text, lang)
        if not _WORD.search(rest):
            continue
        hit = finder.find(rest)
        if hit is None:
            same = [s for s in _segments(item.text) if s in english_texts and _english_segment(s, lang)]
            hit = f"{same[0]!r} is on the English page" if same else None
        if hit is not None:
            found.append(f"{item.where}: {item.text[:120]!r} ({hit})")
    return found


def _pages(site: Path, lang: str) -> Iterable[Path]:
    return sorted((site / lang).rglob("*.html"))


def _report(site: Path, lang: str) -> dict[str, list[str]]:
    offending: dict[str, list[str]] = {}
    for page in _pages(site, lang):
        english = site / page.relative_to(site / lang)
        found = english_in(
            page.read_text(encoding="utf-8"),
            lang,
            english.read_text(encoding="utf-8") if english.is_file() else None,
        )
        if found:
            offending[page.relative_to(site).as_posix()] = sorted(set(found))
    return offending


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_on_french_and_spanish_pages(built_site: Path, lang: str) -> None:
    pages = list(_pages(built_site, lang))
    assert len(pages) > 20, f"only {len(pages)} pages under /{lang}/"
    for page in pages:  # the walk relies on every page saying its language
        assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8"), f"{page} is not marked lang={lang}"
    offending = _report(built_site, lang)
    lines = [f"{page}\n    " + "\n    ".join(texts) for page, texts in sorted(offending.items())]
    assert not offending, f"{len(offending)} /{lang}/ page(s) hold unmarked English:\n" + "\n".join(lines)


# --- the check, tested on planted strings -------------------------------------------------


def _page(body: str, lang: str = "fr", title: str = "Besoins") -> str:
    return f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>{body}</body></html>'


@pytest.mark.parametrize(
    "planted",
    [
        "<h2>Offers that respond to this need</h2>",  # a catalogue string (heading.responding_offers), whole
        "<p>Voir les offres (Illustrative example)</p>",  # inside a longer text
        '<span title="Not yet confirmed in a source seen by the Implementation Support Unit.">!</span>',  # attribute
        '<label class="md-search__icon" aria-label="Search"></label>',  # Material's own string
        '<input type="submit" value="Show all">',
    ],
)
def test_the_check_finds_a_planted_english_string(planted: str) -> None:
    assert english_in(_page(planted), "fr"), planted


def test_the_check_finds_english_that_is_in_no_catalogue_by_the_english_page() -> None:
    english = _page('<h1>404 - Not found</h1><a title="Permanent link">¶</a>', lang="en", title="Platform")
    assert english_in(_page("<h1>404 - Not found</h1>"), "fr", english)
    assert english_in(_page('<a title="Permanent link">¶</a>'), "fr", english)
    assert english_in(_page("<p>Cambodia, Norway</p>"), "fr", _page("<p>Cambodia, Norway</p>", lang="en"))
    assert not english_in(_page("<h1>404 - Page introuvable</h1>"), "fr", english)


def test_the_check_accepts_marked_original_text_names_codes_and_shared_words() -> None:
    body = (
        '<h1 lang="en">Offers that respond to this need</h1> <span class="pfp-lang">(en anglais)</span>'
        '<div lang="en"><p>Illustrative example: land release</p></div>'
        "<p>Cambodge</p><p>KHM-N-001</p><p>https://example.org/needs</p><p>needs.csv</p>"
        "<p>22MSP</p><p>ISU</p><code>status: open</code><p>Description</p><p>Navigation</p>"
    )
    english = _page("<p>Description</p><p>Navigation</p><p>Cambodia</p>", lang="en", title="Platform")
    assert english_in(_page(body), "fr", english) == []


def test_the_check_finds_a_planted_string_on_a_real_page(built_site: Path) -> None:
    """A real French and Spanish page passes; the same page with one English heading does not."""
    for lang in LANGS:
        page = built_site / lang / "needs" / "index.html"
        html = page.read_text(encoding="utf-8")
        english = (built_site / "needs" / "index.html").read_text(encoding="utf-8")
        assert english_in(html, lang, english) == []
        heading = "Offers that respond to this need"
        planted = html.replace("</h1>", f"</h1><h2>{heading}</h2>", 1)
        found = english_in(planted, lang, english)
        assert found == [f"h2: {heading!r} ({heading})"], found
        # The same heading marked as English, as original-language text is, passes.
        marked = html.replace("</h1>", f'</h1><h2 lang="en">{heading}</h2>', 1)
        assert english_in(marked, lang, english) == []
