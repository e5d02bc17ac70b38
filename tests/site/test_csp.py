"""The Content-Security-Policy meta tag lists every inline script by hash and nothing third-party."""

from __future__ import annotations

import base64
import hashlib

from build_hooks.site.csp import add_csp, policy, script_hashes

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css">'
    '<script>var a = 1;</script><script src="assets/x.js"></script>'
    '<script id="__config" type="application/json">{"b": 2}</script></head><body></body></html>'
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_inline_scripts_are_hashed_and_external_ones_are_not() -> None:
    assert script_hashes(PAGE) == sorted([_hash("var a = 1;"), _hash('{"b": 2}')])


def test_policy_has_no_unsafe_inline_for_scripts_and_no_other_origin() -> None:
    text = policy(PAGE)
    script_src = next(part for part in text.split("; ") if part.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "http" not in text
    assert "default-src 'self'" in text


def test_meta_comes_after_charset_and_before_any_script_or_stylesheet() -> None:
    html = add_csp(PAGE)
    meta = html.index('http-equiv="Content-Security-Policy"')
    assert html.index('<meta charset="utf-8">') < meta < html.index("<link") < html.index("<script")


def test_page_without_head_is_left_alone() -> None:
    assert add_csp("<p>fragment</p>") == "<p>fragment</p>"
