"""The Content-Security-Policy meta tag lists the theme's inline scripts by hash and nothing third-party."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from build_hooks.site.csp import add_csp, foreign_scripts, policy, theme_script_hashes

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css">'
    '<script>var a = 1;</script><script src="assets/x.js"></script>'
    '<script id="__config" type="application/json">{"b": 2}</script></head><body></body></html>'
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_theme_hashes_come_from_constant_template_scripts_first_folder_wins(tmp_path: Path) -> None:
    custom, theme = tmp_path / "custom", tmp_path / "theme"
    for folder in (custom / "partials", theme / "partials"):
        folder.mkdir(parents=True)
    (theme / "partials" / "a.html").write_text("<script>var a = 1;</script><script>x({{ base_url }})</script>")
    (theme / "partials" / "b.html").write_text("<script>overridden()</script>")
    (custom / "partials" / "b.html").write_text(
        '<script src="b.js"></script><script type="application/json">{}</script>'
    )
    assert theme_script_hashes([custom, theme]) == {_hash("var a = 1;")}


def test_the_policy_never_depends_on_the_page() -> None:
    allowed = frozenset({_hash("var a = 1;")})
    html = add_csp(PAGE.replace("</body>", "<script>alert(1)</script></body>"), allowed)
    assert f"script-src 'self' {_hash('var a = 1;')};" in html
    assert _hash("alert(1)") not in html
    assert foreign_scripts(PAGE, allowed) == []
    assert foreign_scripts(PAGE + "<SCRIPT>alert(1)</SCRIPT>", allowed) == ["alert(1)"]


def test_policy_has_no_unsafe_inline_for_scripts_and_no_other_origin() -> None:
    text = policy(frozenset())
    script_src = next(part for part in text.split("; ") if part.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "http" not in text
    assert "default-src 'self'" in text


def test_meta_comes_after_charset_and_before_any_script_or_stylesheet() -> None:
    html = add_csp(PAGE, frozenset())
    meta = html.index('http-equiv="Content-Security-Policy"')
    assert html.index('<meta charset="utf-8">') < meta < html.index("<link") < html.index("<script")


def test_page_without_head_is_left_alone() -> None:
    assert add_csp("<p>fragment</p>", frozenset()) == "<p>fragment</p>"
