"""Site-relative URLs of States and entries: one definition for pages, exports and feeds.

Paths are part of the public contract (README, "Site map"):
lower-case ids, a folder per item, challenges as anchors on the challenge map.
"""

from __future__ import annotations

from build_hooks.diagnostics import Text

_KIND_FOLDER = {"N": "needs", "O": "offers", "C": "challenges"}


def item_url(entry_id: str) -> str:
    """``needs/khm-n-001/``, ``offers/nor-o-001/`` or ``challenges/#khm-c-001``."""
    kind = _KIND_FOLDER[entry_id.split("-")[1]]
    if kind == "challenges":
        return f"challenges/#{entry_id.lower()}"
    return f"{kind}/{entry_id.lower()}/"


def state_url(iso3: str) -> str:
    """``states/khm/``."""
    return f"states/{iso3.lower()}/"


# --------------------------------------------------------------------------------------
# Links a contributor writes (State files and Markdown): the one definition of a safe link
# --------------------------------------------------------------------------------------

_LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
_LOCAL_CHARS = _LABEL_CHARS | frozenset("._+")


def _host_problem(host: str) -> str | None:
    """Why ``host`` (an ASCII DNS name, no userinfo, no port) is not one a reader can trust, or None."""
    if not host.isascii():
        return Text("problem.link_host_not_ascii")
    labels = host.split(".")
    if not all(label and len(label) <= 63 and set(label) <= _LABEL_CHARS for label in labels):
        return Text("problem.link_host_not_plain")
    if any(label.lower().startswith("xn--") for label in labels):
        return Text("problem.link_host_punycode")
    return None


def link_problem(url: str) -> str | None:
    """Why ``url`` is not a safe https:// or mailto: link (a :class:`Text`), or None when it is.

    Refused: other schemes; spaces and control characters; userinfo
    (``https://official@evil.example`` goes to evil.example); mailto: headers
    (``?cc=``, ``?subject=``, ``?body=``), several recipients or percent escapes (``%0A``);
    hosts that are not plain ASCII names (``https://аpple.com`` with a Cyrillic а,
    punycode ``xn--``, IP literals). Each check is one pass over the text.
    """
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return Text("problem.link_spaces")
    if url.startswith("https://"):
        rest = url[len("https://") :]
        end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
        authority = rest[:end]
        if not authority:
            return Text("problem.link_no_host")
        if "@" in authority or "\\" in authority or "%" in authority:
            return Text("problem.link_userinfo")
        host, _, port = authority.partition(":")
        if port and not (port.isascii() and port.isdigit() and len(port) <= 5):
            return Text("problem.link_port")
        return _host_problem(host)
    if url.startswith("mailto:"):
        address = url[len("mailto:") :]
        if any(c in address for c in "?&%,;"):
            return Text("problem.link_mailto_headers")
        local, at, domain = address.partition("@")
        if not at or not local or not local.isascii() or not set(local) <= _LOCAL_CHARS:
            return Text("problem.link_mailto_address")
        return _host_problem(domain)
    return Text("problem.link_scheme")
