"""Contributor Markdown -> safe HTML (markdown-it with raw HTML off, then the nh3 allow-list)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from build_hooks.site.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def hrefs(html: str) -> list[str | None]:
    return [attrs.get("href") for tag, attrs in tags(html) if tag == "a"]


def test_ordinary_markdown() -> None:
    html = render_markdown("Funding for **three** teams, *soon*.\n\n- one\n- two\n\n1. first\n\n`code`\n\n> quoted")
    assert "<strong>three</strong>" in html
    assert "<em>soon</em>" in html
    assert "<ul>" in html and "<li>one</li>" in html
    assert "<ol>" in html
    assert "<code>code</code>" in html
    assert "<blockquote>" in html


def test_tables_are_kept() -> None:
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert [t for t, _ in tags(html)] == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]


def test_top_level_headings_are_dropped_but_their_text_kept() -> None:
    """h1/h2 belong to the page; a contributor's '# Title' keeps only its text."""
    html = render_markdown("# Big\n\n## Less\n\n### Small")
    assert "<h1" not in html and "<h2" not in html
    assert "Big" in html and "Less" in html
    assert "<h3>Small</h3>" in html


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "<iframe src=https://x></iframe>",
        '<form action="https://x"><input name=a></form>',
        "<style>body{display:none}</style>",
        '<base href="https://evil.example/">',
        '<img src=x onerror="alert(1)">',
        '<a href="https://x" onclick="alert(1)">x</a>',
        "<!-- comment -->",
        "<svg onload=alert(1)>",
    ],
)
def test_raw_html_is_shown_as_text(raw: str) -> None:
    html = render_markdown(raw)
    assert [t for t, _ in tags(html)] == ["p"]
    assert html.startswith("<p>&lt;")


def test_script_is_escaped_exactly() -> None:
    assert render_markdown("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_https_and_mailto_links_survive_with_rel() -> None:
    html = render_markdown('[plan](https://example.org/plan "The plan") and [mail](mailto:focal@example.org)')
    found = tags(html)
    links = [attrs for tag, attrs in found if tag == "a"]
    assert links[0] == {"href": "https://example.org/plan", "title": "The plan", "rel": "noopener noreferrer nofollow"}
    assert links[1]["href"] == "mailto:focal@example.org"


def test_autolink_but_no_linkify() -> None:
    assert hrefs(render_markdown("<https://example.org>")) == ["https://example.org"]
    assert hrefs(render_markdown("see https://example.org")) == []


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "javascript&#58;alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,hi",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
    ],
)
def test_dangerous_link_targets_are_not_links(target: str) -> None:
    html = render_markdown(f"[x]({target})")
    assert all(h is None for h in hrefs(html)), html
    assert "[x](" in html or ">x<" in html  # the text is kept


def test_plain_http_link_loses_its_target_but_keeps_its_text() -> None:
    html = render_markdown("[site](http://example.org)")
    assert hrefs(html) == [None]
    assert ">site</a>" in html


def test_images_are_dropped() -> None:
    html = render_markdown("![pixel](https://tracker.example/p.png)")
    assert "<img" not in html and "tracker.example" not in html


def test_attribute_injection_in_url_is_encoded() -> None:
    html = render_markdown('[m](https://x.example/a"onmouseover="x)')
    (attrs,) = [a for t, a in tags(html) if t == "a"]
    assert set(attrs) == {"href", "rel"}


def test_attr_list_syntax_is_text() -> None:
    html = render_markdown('Text {: onclick="x" }\n{: .cls #id }')
    assert all(set(attrs) <= {"href", "title", "rel"} for _, attrs in tags(html))
    assert "{: onclick=" in html


def test_snippet_directive_is_text() -> None:
    assert render_markdown('--8<-- "../../.git/config"') == '<p>--8&lt;-- "../../.git/config"</p>'


def test_only_allowed_tags_and_attributes_come_out() -> None:
    text = "\n\n".join(
        [
            "# h1",
            "#### h4",
            "**b** *i* `c`",
            "---",
            "```\npre\n```",
            "- a\n- b",
            "| a |\n|---|\n| 1 |",
            "[l](https://x.example 't')",
            "line  \nbreak",
            "<div>raw</div>",
        ]
    )
    for tag, attrs in tags(render_markdown(text)):
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= set(ALLOWED_ATTRIBUTES.get(tag, set())) | {"rel"}


def test_rendering_is_deterministic() -> None:
    text = "Some *text* with [a link](https://example.org) & <b>tags</b>."
    assert render_markdown(text) == render_markdown(text)


@pytest.mark.parametrize("target", ["/admin", "../x", "//evil.example/x"])
def test_relative_link_targets_are_not_links(target: str) -> None:
    assert hrefs(render_markdown(f"[x]({target})")) in ([], [None])


LINKS = {"KHM-N-001": "../../needs/khm-n-001/", "NOR-O-001": "../../offers/nor-o-001/"}


def test_known_ids_become_links_to_their_pages() -> None:
    html = render_markdown("See KHM-N-001, answered by NOR-O-001.\n\n- KHM-N-001 (twice)", page=True, links=LINKS)
    assert hrefs(html) == ["../../needs/khm-n-001/", "../../offers/nor-o-001/", "../../needs/khm-n-001/"]
    assert '<a href="../../needs/khm-n-001/" rel="noopener noreferrer nofollow">KHM-N-001</a>, answered' in html


@pytest.mark.parametrize(
    "text",
    [
        "`KHM-N-001` in code",
        "[the need KHM-N-001](https://example.org/x) already a link",
        "KHM-N-002 has no page",
        "XKHM-N-001 and KHM-N-0011 and KHM-N-001-b are not ids",
        "khm-n-001 in lower case",
    ],
)
def test_ids_in_code_links_or_unknown_stay_as_written(text: str) -> None:
    html = render_markdown(text, links=LINKS)
    assert "../../needs/" not in html, html
    assert hrefs(html) == hrefs(render_markdown(text)), html


def test_only_the_platforms_own_addresses_pass_and_only_with_links() -> None:
    """A relative target a contributor writes is still dropped, unless it is exactly an id's page."""
    html = render_markdown("[a](../../needs/khm-n-002/) [b](javascript:alert(1)) KHM-N-001", links=LINKS)
    assert [h for h in hrefs(html) if h] == ["../../needs/khm-n-001/"]
    assert not any(hrefs(render_markdown("[a](../../needs/khm-n-001/)")))  # without links: as before


def test_an_id_link_cannot_carry_markup() -> None:
    """The address comes from the Platform; text around the id stays escaped text."""
    html = render_markdown('KHM-N-001<script>alert(1)</script> "KHM-N-001"', links=LINKS)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert hrefs(html) == ["../../needs/khm-n-001/", "../../needs/khm-n-001/"]


def test_an_examples_id_is_followed_by_the_example_badge() -> None:
    html = render_markdown("See KHM-N-001 and NOR-O-001.", links=LINKS, labels={"KHM-N-001": "Exemple d'illustration"})
    assert (
        '<a href="../../needs/khm-n-001/" rel="noopener noreferrer nofollow">KHM-N-001</a> '
        '<span class="pfp-badge pfp-illustrative">Exemple d\'illustration</span> and <a href="../../offers/nor-o-001/"'
    ) in html
    assert html.count("<span") == 1


def test_the_badge_is_the_only_span_that_passes() -> None:
    """With labels the allow-list admits a span, but only the badge's: Markdown cannot make one."""
    html = render_markdown(
        '<span class="x" onclick="alert(1)">a</span> `<span>` KHM-N-001 [b](https://e.org "t")',
        links=LINKS,
        labels={"KHM-N-001": "<b>Illustrative</b>"},
    )
    spans = [attrs for tag, attrs in tags(html) if tag == "span"]
    assert spans == [{"class": "pfp-badge pfp-illustrative"}], html
    assert '<span class="pfp-badge pfp-illustrative">&lt;b&gt;Illustrative&lt;/b&gt;</span>' in html
