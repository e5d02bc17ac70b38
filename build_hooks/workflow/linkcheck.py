"""``pfp linkcheck``: an offline check of every link inside a built site.

Every ``href`` and ``src`` in every built HTML file that points inside the site
(a relative URL, with no scheme and no host) must resolve to a file, or to a
folder with an ``index.html``, without leaving the site folder; and a
``#fragment`` must name an element ``id`` (or ``<a name>``) in the target page.
Links to other sites (``https:``, ``mailto:``) are not fetched: the check needs
no network and gives the same answer on every run. A link that starts with
``/`` must start with the path the site is published under (``base_path``,
e.g. ``/platform-for-partnerships/`` from ``site_url``: MkDocs writes such links
in ``404.html``) and is then checked like the others; any other ``/`` link is
reported, because it leads elsewhere once the site is published.

Each reason is a :class:`~build_hooks.diagnostics.Text` (equal to its English wording), so the
report is said in English, French or Spanish (``lang``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from build_hooks.diagnostics import Text, in_language
from build_hooks.i18n import DEFAULT_LANGUAGE, translator

LINK_ATTRS = ("href", "src")
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # relative to the site folder
    url: str
    reason: str  # a Text

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """``page: url: reason``, in ``lang`` (with its colon: a no-break space before it in French)."""
        colon = translator(lang)("punct.colon")
        return f"{self.page}{colon} {self.url}{colon} {in_language(self.reason, lang)}"


class _PageParser(HTMLParser):
    """Collects the ids a page defines and the links it contains."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRS:
                self.links.append(value)

    handle_startendtag = handle_starttag


@dataclass
class _Page:
    ids: set[str]
    links: list[str]


class SiteChecker:
    """Checks the links of one built site; each page is parsed once."""

    def __init__(self, site_dir: Path, base_path: str | None = None) -> None:
        self.root = site_dir.resolve()
        self.base_path = "/" + base_path.strip("/") + "/" if base_path and base_path.strip("/") else base_path
        self._pages: dict[Path, _Page] = {}

    def page(self, path: Path) -> _Page:
        if path not in self._pages:
            parser = _PageParser()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            parser.close()
            self._pages[path] = _Page(ids=parser.ids, links=parser.links)
        return self._pages[path]

    def html_files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html") if p.is_file())

    def check(self) -> tuple[list[BrokenLink], int, int]:
        """(broken links, pages checked, links checked)."""
        broken: list[BrokenLink] = []
        pages = self.html_files()
        count = 0
        for path in pages:
            page = self.page(path)
            for url in page.links:
                count += 1
                reason = self.check_link(path, url)
                if reason:
                    broken.append(BrokenLink(path.relative_to(self.root).as_posix(), url, reason))
        return sorted(set(broken)), len(pages), count

    def check_link(self, page: Path, url: str) -> str | None:
        """Why ``url`` on ``page`` is broken, or None when it resolves (or points outside the site)."""
        url = url.strip()
        if not url or _SCHEME_RE.match(url) or url.startswith("//"):
            return None  # another site, mailto: and the like are not fetched
        parts = urlsplit(url)
        folder, path = page.parent, unquote(parts.path)
        if path.startswith("/"):
            if not self.base_path or not path.startswith(self.base_path):
                if self.base_path:
                    return Text("linkcheck.root_link_not_base", base=self.base_path)
                return Text("linkcheck.root_link")
            folder, path = self.root, path[len(self.base_path) :] or "."
        target = page if not path else self.resolve(folder, path)
        if target is None:
            return Text("linkcheck.no_such_file", path=path)
        if isinstance(target, str):
            return target
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in self.page(target).ids:
            return Text("linkcheck.no_such_id", id=repr(fragment))
        return None

    def resolve(self, folder: Path, rel: str) -> Path | str | None:
        """The file ``rel`` names (a folder means its index.html), a reason string, or None when missing."""
        candidate = Path(os.path.normpath(folder / rel))
        try:
            candidate.relative_to(self.root)
        except ValueError:
            return Text("linkcheck.outside_the_site")
        if candidate.is_dir():
            index = candidate / "index.html"
            return index if index.is_file() else None
        if rel.endswith("/"):
            return None
        return candidate if candidate.is_file() else None


def check_site(site_dir: Path, base_path: str | None = None) -> tuple[list[BrokenLink], int, int]:
    """Check every HTML page under ``site_dir``: (broken links, pages, links)."""
    return SiteChecker(site_dir, base_path).check()


def base_path_from_config(config_file: Path) -> str | None:
    """The path part of ``site_url`` in mkdocs.yml (read as plain YAML), e.g. ``/platform-for-partnerships/``."""
    try:
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    url = config.get("site_url") if isinstance(config, dict) else None
    return urlsplit(url).path or "/" if isinstance(url, str) else None


def format_report(
    broken: list[BrokenLink], pages: int, links: int, site_dir: Path, limit: int = 200, lang: str = DEFAULT_LANGUAGE
) -> str:
    """What ``pfp linkcheck`` prints, in ``lang``: each broken link (at most ``limit``), then the count."""
    t = translator(lang)
    lines = [b.text(lang) for b in broken[:limit]]
    if len(broken) > limit:
        lines.append(t("linkcheck.more", count=len(broken) - limit))
    if broken:
        lines.append(t("linkcheck.broken_summary", broken=len(broken), site=site_dir, pages=pages, links=links))
    else:
        lines.append(t("linkcheck.no_broken_link", site=site_dir, pages=pages, links=links))
    return "\n".join(lines)
