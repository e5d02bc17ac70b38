"""A strict Content-Security-Policy for every page, as a <meta> tag first in <head>.

Scripts may come only from the site itself or be inline scripts whose exact
text is listed by hash; there is no 'unsafe-inline' for scripts, so a script
injected into a page would not run even if it got past escaping and
sanitising. No third-party origin is allowed for anything.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Each pattern matches a bounded prefix; the rest of a tag is found with str.find, so no
# pattern scans to the end of the page from every `<` (SECURITY.md item 32).
_SCRIPT_OPEN = re.compile(r"<script\b", re.I)
_SCRIPT_CLOSE = re.compile(r"</script>", re.I)
_SRC = re.compile(r"\bsrc=", re.I)
_HEAD = re.compile(r"<head\b", re.I)
_CHARSET = re.compile(r"<meta\s++charset=", re.I)


def _inline_scripts(html: str) -> list[str]:
    """The text of every ``<script>`` without ``src=``, in one pass over the page."""
    out: list[str] = []
    pos = 0
    while (start := _SCRIPT_OPEN.search(html, pos)) is not None:
        end = html.find(">", start.end())
        if end < 0:
            break
        close = _SCRIPT_CLOSE.search(html, end + 1)
        if close is None:
            break
        if _SRC.search(html, start.end(), end) is None:
            out.append(html[end + 1 : close.start()])
        pos = close.end()
    return out


def script_hashes(html: str) -> list[str]:
    hashes = set()
    for text in _inline_scripts(html):
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def _tag_end(html: str, pattern: re.Pattern[str]) -> int | None:
    """Where the first tag that starts with ``pattern`` ends (after its `>`), or None."""
    match = pattern.search(html)
    end = html.find(">", match.end()) if match is not None else -1
    return end + 1 if end >= 0 else None


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *script_hashes(html)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
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


def add_csp(html: str) -> str:
    """Insert the policy meta tag after <meta charset> (or <head>), before any script or stylesheet."""
    at = _tag_end(html, _CHARSET)
    at = at if at is not None else _tag_end(html, _HEAD)
    if at is None:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:at] + tag + html[at:]
