"""A strict Content-Security-Policy for every page, as a <meta> tag first in <head>.

Scripts may come only from the site itself or be one of the theme's own inline
scripts, listed by hash; there is no 'unsafe-inline' for scripts. The hashes are
worked out once per build from the theme's templates (``theme_script_hashes``),
never from a finished page: a script that reaches a page through content is not
in its policy, so it does not run, and ``foreign_scripts`` names it so the build
can refuse the page (SECURITY.md item 24). Only the theme's constant scripts
qualify; a templated one (Material's ``__md_scope`` script, which holds the
page's ``base_url``) is replaced by a file (``overrides/partials/javascripts/base.html``).
No third-party origin is allowed for anything.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

# Each pattern matches a bounded prefix; the rest of the tag is found with str.find, so no pattern
# scans to the end of the page from every `<` (SECURITY.md item 32).
_HEAD = re.compile(r"<head\b", re.I)
_CHARSET = re.compile(r"<meta\s++charset=", re.I)
# In a template, an inline script is written out literally; one that holds Jinja is not constant.
_TEMPLATE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_JINJA = ("{{", "{%", "{#")
# Script types a browser runs; any other type (application/json, ...) is a data block.
_EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}


def sha256_source(text: str) -> str:
    """The CSP source expression that allows exactly the inline script ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _attribute(attributes: str, name: str) -> str | None:
    match = re.search(rf"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", attributes, re.I)
    return None if match is None else next(g for g in match.groups() if g is not None)


def theme_script_hashes(template_dirs: Iterable[str | Path]) -> frozenset[str]:
    """The hashes of the constant inline scripts in a theme's templates (the first folder that has a
    template wins, as in MkDocs: ``custom_dir`` before the theme)."""
    seen: set[str] = set()
    hashes: set[str] = set()
    for folder in map(Path, template_dirs):
        for template in sorted(folder.rglob("*.html")):
            rel = template.relative_to(folder).as_posix()
            if rel in seen:
                continue
            seen.add(rel)
            for attributes, body in _TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                kind = (_attribute(attributes, "type") or "").strip().lower()
                if _attribute(attributes, "src") is None and kind in _EXECUTABLE_TYPES and not any(
                    mark in body for mark in _JINJA
                ):
                    hashes.add(sha256_source(body))
    return frozenset(hashes)


# A bounded prefix each: the rest of a tag, a comment or a script is found with str.find, so the
# scan is one pass over the page whatever it holds (SECURITY.md item 32).
_OPEN = re.compile(r"<!--|<script\b", re.I)
_CLOSE = re.compile(r"</script", re.I)


def _attributes(text: str) -> dict[str, str | None]:
    return {name: _attribute(text, name) for name in ("type", "src")}


def scripts(html: str) -> list[tuple[dict[str, str | None], str]]:
    """Every script element in ``html`` as a browser's tokenizer starts one (any letter case, in SVG
    too, outside comments): its ``type`` and ``src`` attributes and its text. An unclosed script
    runs to the end of the page, as in a browser."""
    found: list[tuple[dict[str, str | None], str]] = []
    pos = 0
    while (start := _OPEN.search(html, pos)) is not None:
        if start.group(0) == "<!--":
            end = html.find("-->", start.end())
            pos = len(html) if end < 0 else end + 3
            continue
        tag_end = html.find(">", start.end())
        if tag_end < 0:
            found.append((_attributes(html[start.end() :]), ""))
            break
        attributes = html[start.end() : tag_end]
        if attributes.rstrip().endswith("/"):  # <script ... /> (SVG): no text
            found.append((_attributes(attributes), ""))
            pos = tag_end + 1
            continue
        close = _CLOSE.search(html, tag_end + 1)
        stop = close.start() if close is not None else len(html)
        found.append((_attributes(attributes), html[tag_end + 1 : stop]))
        pos = html.find(">", stop) + 1 if close is not None else len(html)
        if pos == 0:
            break
    return found


def foreign_scripts(html: str, allowed: frozenset[str]) -> list[str]:
    """The inline scripts of a finished page that are not the theme's (shortened, for a message)."""
    out = []
    for attributes, text in scripts(html):
        kind = (attributes.get("type") or "").strip().lower()
        if attributes.get("src") is None and kind in _EXECUTABLE_TYPES and sha256_source(text) not in allowed:
            out.append(" ".join(text.split())[:60])
    return out


def policy(allowed: Iterable[str]) -> str:
    """The policy: scripts from the site itself or one of ``allowed`` (the theme's hashes)."""
    scripts_src = " ".join(["'self'", *sorted(allowed)])

    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts_src}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def _tag_end(html: str, pattern: re.Pattern[str]) -> int | None:
    """Where the first tag that starts with ``pattern`` ends (after its `>`), or None."""
    match = pattern.search(html)
    end = html.find(">", match.end()) if match is not None else -1
    return end + 1 if end >= 0 else None


def add_csp(html: str, allowed: frozenset[str]) -> str:
    """Insert the policy meta tag after <meta charset> (or <head>), before any script or stylesheet.

    ``allowed`` is the theme's set (``theme_script_hashes``); nothing in ``html`` adds to it.
    """
    at = _tag_end(html, _CHARSET)
    at = at if at is not None else _tag_end(html, _HEAD)
    if at is None:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed)}">'
    return html[:at] + tag + html[at:]
