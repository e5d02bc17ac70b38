"""Contributor Markdown to safe HTML: markdown-it with raw HTML off, then an nh3 allow-list.

Links survive only with https: or mailto: targets; everything else a
contributor writes is kept as text.
"""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt

from build_hooks.urls import link_problem

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h3", "h4", "h5", "h6", "hr"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"https", "mailto"})


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _keep_safe_urls(tag: str, attribute: str, value: str) -> str | None:
    """Only absolute https: and mailto: targets survive; relative and protocol-relative ones are dropped.

    A relative link would point somewhere different on every page that shows the
    text, and ``//host/`` would leave the site: neither is what a contributor means.
    Links that hide where they go are dropped too, with the same rule as the validator's
    link-scheme (:func:`build_hooks.urls.link_problem`): userinfo, mailto: headers,
    non-ASCII or punycode hosts. The link text stays.
    """
    if attribute in {"href", "src"}:
        return value if link_problem(value) is None else None
    return value


# A whole page (a dialogue report) may also have second-level headings: the page title is its only h1.
PAGE_TAGS = ALLOWED_TAGS | {"h2"}


def render_markdown(text: str, *, page: bool = False) -> str:
    """Render untrusted Markdown to HTML that is safe to place in a page (``page``: it is a page's whole body)."""
    html = _parser().render(text)
    return nh3.clean(
        html,
        tags=set(PAGE_TAGS if page else ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_keep_safe_urls,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
