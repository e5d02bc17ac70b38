"""``pfp format``'s canonical layout, and the browser's serializer that must write it byte for byte.

``format-fixtures/NAME.in.yml`` is a messy file and ``NAME.out.yml`` its canonical text. The same
data goes through ``canonical_text`` and, as JSON, through ``overrides/assets/pfp-yaml.js`` in
Node (``serialize.js``); the two texts must be equal. Generated cases (hypothesis) prove that the
canonical text reads back as the same data and comments, and that both sides agree on it.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import string
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_hooks.engine.load import MAX_DEPTH, load_text
from build_hooks.workflow.formatting import (
    KEY_ORDER,
    FormatError,
    canonical_text,
    comments_of,
    format_file,
    format_text,
    same_data,
)

HERE = Path(__file__).parent
FIXTURES = HERE / "format-fixtures"
INPUTS = sorted(FIXTURES.glob("*.in.yml"))
HARNESS = HERE / "serialize.js"
NODE = shutil.which("node")


def _read(path: Path) -> str:
    """The text as the loader gets it: bytes decoded, the byte-order mark dropped, line ends as written."""
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


def _expected(source: Path) -> Path:
    return source.with_name(source.name.replace(".in.yml", ".out.yml"))


def _data(text: str) -> Any:
    doc, problems = load_text("fixture.yml", text)
    assert doc is not None, problems
    return doc.data


def _json(value: Any) -> str:
    """JSON (ASCII), with infinity written 1e999, which JSON.parse reads as Infinity (json.dumps cannot)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_json(v) for v in value) + "]"
    if isinstance(value, float) and math.isinf(value):
        return "1e999" if value > 0 else "-1e999"
    return json.dumps(value, allow_nan=False)


class Browser:
    """One Node process running ``serialize.js``: ``dump(data, comments)`` is ``PfpYaml.dump`` in it."""

    def __init__(self, node: str) -> None:
        self.proc = subprocess.Popen(
            [node, str(HARNESS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="ascii"
        )

    def dump(self, data: Any, comments: list[str]) -> dict[str, str]:
        """The data crosses as JSON, as the editor receives it from the build."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        job = {"data": data, "comments": comments, "keyOrder": list(KEY_ORDER)}
        self.proc.stdin.write(_json(job) + "\n")
        self.proc.stdin.flush()
        result: dict[str, str] = json.loads(self.proc.stdout.readline())
        return result

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed for the byte-for-byte test in CI (apt-get install nodejs)")
        pytest.skip("node is not installed (CI=true makes this a failure)")
    running = Browser(NODE)
    yield running
    running.close()


# --------------------------------------------------------------------------------------
# The shared fixtures
# --------------------------------------------------------------------------------------


def test_there_are_fixtures_in_pairs() -> None:
    assert len(INPUTS) >= 8
    assert sorted(FIXTURES.glob("*.out.yml")) == sorted(_expected(p) for p in INPUTS)


@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.name.removesuffix(".in.yml"))
def test_a_messy_file_becomes_its_canonical_text(source: Path) -> None:
    new, problems = format_text(source.name, _read(source))
    assert problems == []
    assert new == _read(_expected(source))


@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.name.removesuffix(".in.yml"))
def test_formatting_keeps_the_data_and_the_comments(source: Path) -> None:
    before, after = _read(source), _read(_expected(source))
    assert load_text("in", before)[0].data == load_text("out", after)[0].data  # type: ignore[union-attr]
    assert same_data(_data(before), _data(after))
    assert comments_of(after) == comments_of(before)


@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.name.removesuffix(".in.yml"))
def test_formatting_a_canonical_file_changes_nothing(source: Path) -> None:
    canonical = _read(_expected(source))
    assert format_text("out.yml", canonical) == (canonical, [])
    assert not format_file(_expected(source)).changed


@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.name.removesuffix(".in.yml"))
def test_the_browser_writes_each_fixture_byte_for_byte(source: Path, browser: Browser) -> None:
    data, comments = _data(_read(source)), comments_of(_read(source))
    assert browser.dump(data, comments) == {"text": _read(_expected(source))}


def test_the_serializer_is_a_plain_es5_script_without_eval(browser: Browser) -> None:
    source = (HERE.parents[1] / "overrides" / "assets" / "pfp-yaml.js").read_text(encoding="utf-8")
    for word in ("eval(", "Function(", "innerHTML", "import ", "require(", "fetch(", "XMLHttpRequest"):
        assert word not in source, word
    # Node's own copy of acorn parses the script as ECMAScript 5 (no let, const, arrows, classes).
    check = (
        "const acorn = require('internal/deps/acorn/acorn/dist/acorn');"
        "acorn.parse(require('fs').readFileSync(process.argv[1], 'utf8'), {ecmaVersion: 5});"
    )
    proc = subprocess.run(
        [str(NODE), "--expose-internals", "-e", check, str(HERE.parents[1] / "overrides" / "assets" / "pfp-yaml.js")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if "Cannot find module" in proc.stderr:
        pytest.skip("this Node has no internal acorn to check ES5 syntax with")
    assert proc.returncode == 0, proc.stderr


# --------------------------------------------------------------------------------------
# The layout, rule by rule
# --------------------------------------------------------------------------------------


def test_comments_go_first_in_file_order() -> None:
    text = 'a: 1   # one  \n# two\nb: "x # y" # three\nc: |- # four\n  # text\n  more\n'
    assert comments_of(text) == ["# one", "# two", "# three", "# four"]
    expected = '# one\n# two\n# three\n# four\na: 1\nb: "x # y"\nc: |-\n  # text\n  more\n'
    assert canonical_text(_data(text), comments_of(text)) == expected


def test_known_keys_in_key_order_others_in_file_order() -> None:
    data = {"zz": 1, "needs": [{"status": "open", "b": 1, "id": "KHM-N-001", "a": 2}], "state": "KHM"}
    assert (
        canonical_text(data) == "state: KHM\n\nneeds:\n  - id: KHM-N-001\n    status: open\n    b: 1\n    a: 2\nzz: 1\n"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("KHM-N-001", "KHM-N-001"),
        ("2026-04-28", "2026-04-28"),
        ("e.g.", "e.g."),
        ("yes", '"yes"'),
        ("Off", '"Off"'),
        ("N", '"N"'),
        ("NULL", '"NULL"'),
        ("2026-4-28", '"2026-4-28"'),
        ("0123", '"0123"'),
        ("two words", '"two words"'),
        ("", '""'),
        ("café", '"café"'),
        ("\u2028\x85\ufeff\x7f", '"\\u2028\\u0085\\ufeff\\u007f"'),
        ("tab\there", '"tab\\there"'),
        (2500000.0, "2500000"),
        (2.5, "2.5"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e+16"),
        (0.00001, "1e-05"),
        (-0.0, "0"),
        (float("inf"), "1e999"),
        (12, "12"),
        (True, "true"),
        (None, "null"),
    ],
)
def test_scalars(value: Any, written: str) -> None:
    assert canonical_text({"k": value}) == f"k: {written}\n"
    assert same_data(_data(canonical_text({"k": value}))["k"], value)


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("a\nb", True),
        ("a\n\nb", True),
        ("a\n  b", True),
        ("a\n\tb", True),
        ("a\nb\n", False),  # a final line feed
        ("\na", False),
        (" a\nb", False),
        ("\ta\nb", False),  # libyaml reads a leading tab as indentation
        ("a \nb", False),
        ("a\t\nb", False),
        ("a\n   \nb", False),
        ("a\r\nb", False),
        ("a\nb\x85", False),
        ("a\u2029\nb", False),
        ("a\nb\x07", False),
        ("one line", False),
    ],
)
def test_the_literal_block_rule(text: str, literal: bool) -> None:
    written = canonical_text({"description": text})
    assert written.startswith("description: |-\n") is literal
    assert _data(written) == {"description": text}


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a\nb\n", "description: |\n  a\n  b\n"),
        ("One paragraph.\n", "description: |\n  One paragraph.\n"),
        ("a\n\nb\n", "description: |\n  a\n\n  b\n"),
        ("a\nb\n\n", 'description: "a\\nb\\n\\n"\n'),  # two final line feeds: quoted
        ("\n", 'description: "\\n"\n'),
        (" a\n", 'description: " a\\n"\n'),
        ("a \n", 'description: "a \\n"\n'),
    ],
)
def test_text_with_one_final_line_feed_stays_a_block_as_a_person_writes_it(text: str, written: str) -> None:
    """``description: |`` (what people type) keeps its layout: ``|`` holds exactly one final line feed."""
    assert canonical_text({"description": text}) == written
    assert _data(written) == {"description": text}


def test_collections_and_blank_lines() -> None:
    data = {
        "needs": [{"id": "A-N-001", "eligible": ["KHM", "Sri Lanka"], "amount": {"value": 1, "currency": "USD"}}],
        "links": [],
        "offers": [{"id": "A-O-001"}, {"id": "A-O-002", "links": [{"url": "https://x"}]}],
        "empty": {},
    }
    assert canonical_text(data, ["# c"]) == (
        "# c\n"
        "\n"
        "needs:\n"
        "  - id: A-N-001\n"
        '    eligible: [KHM, "Sri Lanka"]\n'
        "    amount:\n"
        "      value: 1\n"
        "      currency: USD\n"
        "\n"
        "offers:\n"
        "  - id: A-O-001\n"
        "\n"
        "  - id: A-O-002\n"
        "    links:\n"
        '      - url: "https://x"\n'
        "links: []\n"
        "empty: {}\n"
    )
    assert canonical_text({"needs": [{"id": "x"}]}).startswith("needs:\n")  # no blank line at the very start


def test_unloadable_values_are_refused() -> None:
    with pytest.raises(ValueError, match="NaN"):
        canonical_text({"a": float("nan")})
    with pytest.raises(ValueError, match="key"):
        canonical_text({1: "a"})
    with pytest.raises(ValueError, match="comment"):
        canonical_text({}, ["not a comment"])


def test_a_file_that_does_not_parse_is_reported_and_has_no_text() -> None:
    new, problems = format_text("states/KHM.yml", "state: KHM\nneeds:\n  - id: [\n")
    assert new is None
    assert [(p.path, p.rule) for p in problems] == [("states/KHM.yml", "yaml-syntax")]
    assert problems[0].line >= 3


def test_the_round_trip_check_guards_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import build_hooks.workflow.formatting as formatting

    monkeypatch.setattr(formatting, "_plain_ok", lambda text: True)  # a broken rule: "true" written plain
    with pytest.raises(FormatError):
        format_text("x.yml", 'a: "true"\n')


# --------------------------------------------------------------------------------------
# Generated cases
# --------------------------------------------------------------------------------------

NASTY = (
    string.ascii_letters
    + string.digits
    + " \t\n\r#:-?,[]{}&*!|>'\"%@`\\.~_"
    + "".join(map(chr, range(0x00, 0x20)))
    + "".join(map(chr, range(0x7F, 0xA1)))
    + "\u2028\u2029\ufeff\ufffe\uffff\ufffd"
    + "éàçñ€“”‘’«»—\u00a0\u3000😀𝔸"
)
WORDS = ["yes", "No", "ON", "y", "null", "Null", "~", "true", "False", "2026-04-28", "0123", "1e3", ".inf", "nan", "-"]
# Text a literal block may hold, or just not: line feeds, tabs, spaces and hashes in every place.
BLOCKISH = "ab# \t\n:-é😀\"'|>"
texts = st.one_of(
    st.text(alphabet=NASTY, max_size=30),
    st.text(alphabet=BLOCKISH, min_size=1, max_size=30),
    st.lists(st.text(alphabet=BLOCKISH.replace("\n", ""), max_size=8), min_size=2, max_size=4).map("\n".join),
    st.sampled_from(WORDS + list(KEY_ORDER)),
)
keys = st.one_of(texts, st.sampled_from(KEY_ORDER), st.text(alphabet="ab", min_size=127, max_size=131))
numbers = st.one_of(
    st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
    st.floats(allow_nan=False),
    st.sampled_from([2500000.0, 0.1, 1e15, 1e16, 1e-5, 1e-4, 123456.789, 5e-324, 1.7976931348623157e308]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)


def _values(depth: int) -> st.SearchStrategy[Any]:
    if depth >= MAX_DEPTH - 2:
        return scalars
    inner = st.deferred(lambda: _values(depth + 1))
    return st.one_of(
        scalars,
        st.lists(inner, max_size=3),
        st.dictionaries(keys, inner, max_size=3),
        st.lists(inner, min_size=1, max_size=3),
        st.dictionaries(keys, inner, min_size=1, max_size=3),
    )


mappings = st.dictionaries(keys, _values(1), min_size=1, max_size=8)
documents = st.one_of(mappings, mappings, mappings, _values(0))  # mostly what a State file is: a mapping
comment_lists = st.lists(
    st.text(
        alphabet=NASTY.replace("\n", "")
        .replace("\r", "")
        .replace("\x85", "")
        .replace("\u2028", "")
        .replace("\u2029", ""),
        max_size=12,
    ).map(lambda t: ("#" + t).rstrip(" \t")),
    max_size=3,
)


def _loadable(comments: list[str]) -> bool:
    """A comment with characters YAML refuses in a file cannot be in a file that loads."""
    return all(load_text("c", c + "\n")[0] is not None for c in comments)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, comment_lists)
def test_generated_data_reads_back_the_same(data: Any, comments: list[str]) -> None:
    if not _loadable(comments):
        return
    text = canonical_text(data, comments)
    doc, problems = load_text("generated.yml", text)
    assert doc is not None, (text, problems)
    assert same_data(doc.data, data), text
    assert comments_of(text) == comments
    assert format_text("generated.yml", text) == (text, [])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, comment_lists)
def test_generated_data_is_written_the_same_by_the_browser(browser: Browser, data: Any, comments: list[str]) -> None:
    if not _loadable(comments):
        return
    assert browser.dump(data, comments) == {"text": canonical_text(data, comments)}
