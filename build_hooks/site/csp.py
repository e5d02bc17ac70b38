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

_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def script_hashes(html: str) -> list[str]:
    hashes = set()
    for match in _INLINE_SCRIPT.finditer(html):
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


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
    match = _CHARSET.search(html) or _HEAD.search(html)
    if match is None:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: match.end()] + tag + html[match.end() :]
