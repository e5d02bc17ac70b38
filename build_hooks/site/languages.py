"""The three language sites and the links between them.

Each language is its own MkDocs build (``mkdocs.yml`` for English at ``/``,
``mkdocs.fr.yml`` at ``/fr/``, ``mkdocs.es.yml`` at ``/es/``), so Material's
own interface strings, ``<html lang>``, the search index and the sitemap all
follow the page language. Generated pages exist in every language; a
hand-written page exists in a language when ``content/<lang>/`` (or, for
English, ``content/``) has it. The language switcher of every page links to
the same page in the other languages, or to their home page when a page has
no translation (a page written in English only). The 404 page says it in every language.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from build_hooks.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, translator

CONTENT = "content"


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a page: about.md -> about/, x/index.md -> x/, index.md -> ''."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    else:
        path += "/"
    return path


def language_root(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def hand_written_pages(root: Path, lang: str) -> set[str]:
    """src_uris of the Markdown pages a language's docs_dir holds."""
    base = root / CONTENT if lang == DEFAULT_LANGUAGE else root / CONTENT / lang
    if not base.is_dir():
        return set()
    pages = {p.relative_to(base).as_posix() for p in base.rglob("*.md")}
    if lang == DEFAULT_LANGUAGE:
        pages = {p for p in pages if p.split("/", 1)[0] not in LANGUAGES}
    return pages


def available_pages(root: Path, generated: Iterable[str], unpublished: Iterable[str] = ()) -> dict[str, set[str]]:
    """src_uris of the pages each language's site has; ``unpublished``: draft reports (and their translations)."""
    shared = set(generated)
    hidden = set(unpublished)
    return {lang: (hand_written_pages(root, lang) | shared) - hidden for lang in LANGUAGES}


def to_english_root(src_uri: str, lang: str) -> str:
    """The relative path from a page of ``lang``'s site to the English root ("" on the English home page).

    The open data (API, CSV, feeds, calendars) exists once, at the English root.
    """
    return "../" * page_url(src_uri).count("/") + ("../" if lang != DEFAULT_LANGUAGE else "")


def alternates(src_uri: str, lang: str, available: dict[str, set[str]], root_url: str) -> list[dict[str, object]]:
    """Links from one page to the same page in each language (or that language's home page)."""
    up = to_english_root(src_uri, lang)
    root_url = root_url.rstrip("/") + "/"
    links = []
    for other in LANGUAGES:
        target = src_uri if src_uri in available.get(other, set()) else "index.md"
        path = language_root(other) + page_url(target)
        links.append(
            {
                "lang": other,
                "name": LANGUAGE_NAMES[other],
                "url": (up + path) or "./",
                "absolute": root_url + path,
                "current": other == lang,
                "same_page": target == src_uri,
            }
        )
    return links


def not_found(lang: str, root_url: str) -> list[dict[str, str]]:
    """The 404 page's text in ``lang`` first, then in the other languages (each marked with its own).

    A static host serves the one 404 page at any address, in any language's folder (GitHub Pages
    serves the root's for every missing address), so it says it in the three languages, each with
    a link to its own home page. Addresses are absolute: the page is served at any depth.
    """
    root_url = root_url.rstrip("/") + "/"
    blocks = []
    for other in sorted(LANGUAGES, key=lambda code: code != lang):
        t = translator(other)
        blocks.append(
            {
                "lang": other,
                "marked": "" if other == lang else other,
                "title": t("notfound.title"),
                "text": t("notfound.text"),
                "home": t("notfound.home"),
                "home_url": root_url + language_root(other),
            }
        )
    return blocks
