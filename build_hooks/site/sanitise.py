"""Contributor Markdown to safe HTML: markdown-it with raw HTML off, then an nh3 allow-list.

Links survive only with https: or mailto: targets; everything else a
contributor writes is kept as text. The one exception is the Platform's own:
given ``links`` (id -> the address of its page), every need, offer or challenge
id in the text (``KHM-N-001``) becomes a link to its page, made as a token of
the Markdown parser (never as HTML text) and let through the allow-list by
that exact address only; an example's id (``labels``: id -> "Illustrative
example" in the page's language) is followed by the badge that labels examples
wherever they appear.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from build_hooks.urls import link_problem

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h3", "h4", "h5", "h6", "hr"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"https", "mailto"})


BADGE_CLASS = "pfp-badge pfp-illustrative"


def _render_badge(self: object, tokens: list[Token], idx: int, options: object, env: object) -> str:
    return f'<span class="{BADGE_CLASS}">{escapeHtml(tokens[idx].content)}</span>'


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False}).enable("table")
    parser.add_render_rule("pfp_badge", _render_badge)  # only _link_ids makes such tokens
    return parser


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


# An id as the model writes it (ASCII only: the model refuses any other), standing alone.
_ID = re.compile(r"(?<![\w-])[A-Z]{3}-[NOC]-[0-9]{3,}(?![\w-])")


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def _link_ids(tokens: list[Token], links: Mapping[str, str], labels: Mapping[str, str]) -> None:
    """Turn every known id in plain text (not in code, not already in a link) into a link token."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        out: list[Token] = []
        in_link = 0
        for child in token.children:
            in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type != "text" or in_link:
                out.append(child)
                continue
            last = 0
            for match in _ID.finditer(child.content):
                href = links.get(match.group(0))
                if href is None:
                    continue
                if match.start() > last:
                    out.append(_text(child.content[last : match.start()]))
                out += [Token("link_open", "a", 1, attrs={"href": href}), _text(match.group(0))]
                out.append(Token("link_close", "a", -1))
                if match.group(0) in labels:
                    out += [_text(" "), Token("pfp_badge", "span", 0, content=labels[match.group(0)])]
                last = match.end()
            out.append(_text(child.content[last:]) if last else child)
        token.children = out


def _url_filter(own: frozenset[str]) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href" and value in own:
            return value  # a link the Platform made to one of its pages
        if tag == "span":
            return value if attribute == "class" and value == BADGE_CLASS else None  # the example badge only
        return _keep_safe_urls(tag, attribute, value)

    return keep


def render_markdown(
    text: str,
    *,
    page: bool = False,
    links: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Render untrusted Markdown to HTML that is safe to place in a page (``page``: it is a page's whole body).

    ``links``: id -> address of the id's page (relative to the page the text is on); each id in the text
    links to it. ``labels``: id -> the text of the badge that follows an example's link.
    """
    parser = _parser()
    tokens = parser.parse(text)
    if links:
        _link_ids(tokens, links, labels or {})
    html = parser.renderer.render(tokens, parser.options, {})
    tags = set(PAGE_TAGS if page else ALLOWED_TAGS)
    attributes = {k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()}
    if labels:  # a span only from a pfp_badge token: raw HTML is off, no Markdown makes one
        tags.add("span")
        attributes["span"] = {"class"}
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_url_filter(frozenset(links.values()) if links else frozenset()),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
