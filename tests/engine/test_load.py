"""The YAML loader against hostile and awkward input (SECURITY.md, plan items 6-12)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from build_hooks.cli import main
from build_hooks.diagnostics import Problem
from build_hooks.engine import load
from build_hooks.engine.load import MAX_BYTES, MAX_DEPTH, SourceDoc, load_file, load_text

HEADER = "schema_version: 1\nstate: KHM\nmembership:\n  party_since: 2000-01-01\nlast_reviewed: 2026-10-01\n"


def refused(text: str) -> Problem:
    """Load ``text``; it must be refused with exactly one problem."""
    doc, problems = load_text("states/KHM.yml", text)
    assert doc is None
    assert len(problems) == 1, problems
    return problems[0]


def loaded(text: str) -> SourceDoc:
    doc, problems = load_text("states/KHM.yml", text)
    assert problems == []
    assert doc is not None
    return doc


# --- 6. tags never build objects --------------------------------------------------


def test_python_tag_is_refused_and_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "KHM.yml"
    path.write_text(HEADER + 'title: !!python/object/apply:os.system ["touch pwned"]\n', encoding="utf-8")
    doc, problems = load_file(path, "KHM.yml")
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-tag", 6, 8)]
    assert "python/object/apply:os.system" in problems[0].message
    assert not (tmp_path / "pwned").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["KHM.yml"]


@pytest.mark.parametrize(
    "value",
    ["!!python/object:os.system {}", "!!python/name:os.system ''", "!!binary aGVsbG8=", "!!str text", "!local 1"],
)
def test_every_tag_is_refused(value: str) -> None:
    problem = refused(f"title: {value}\n")
    assert (problem.rule, problem.line, problem.col) == ("yaml-tag", 1, 8)


# --- 7. anchors and aliases: billion laughs ------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused_fast() -> None:
    assert 300 <= len(BILLION_LAUGHS) <= 400
    started = time.perf_counter()
    problem = refused(BILLION_LAUGHS)
    assert time.perf_counter() - started < 1.0
    assert (problem.rule, problem.line, problem.col) == ("yaml-alias", 1, 4)
    assert "&a" in problem.message


def test_billion_laughs_aliases_alone_are_refused_fast() -> None:
    """Without the anchors (which are refused first) the aliases are refused too."""
    text = re.sub(r"&[a-z] ", "", BILLION_LAUGHS)
    started = time.perf_counter()
    problem = refused(text)
    assert time.perf_counter() - started < 1.0
    assert (problem.rule, problem.line, problem.col) == ("yaml-alias", 2, 5)
    assert "*a" in problem.message


# --- 8. deep nesting -----------------------------------------------------------------


def test_fifty_thousand_brackets_give_a_clean_problem() -> None:
    problem = refused("[" * 50_000)
    assert problem.rule == "yaml-too-deep"
    assert problem.line == 1 and problem.col >= 1
    assert f"more than {MAX_DEPTH} levels" in problem.message
    assert problem.hint


def test_fifty_thousand_brackets_closed_under_a_key() -> None:
    problem = refused(HEADER + "notes: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert (problem.rule, problem.line) == ("yaml-too-deep", 6)


def test_depth_limit_is_exact() -> None:
    # The root mapping is level 1, so MAX_DEPTH - 1 brackets under a key are allowed.
    value = loaded("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n").data["a"]
    levels = 0
    while isinstance(value, list):
        levels += 1
        value = value[0] if value else None
    assert levels == MAX_DEPTH - 1
    problem = refused("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert (problem.rule, problem.line, problem.col) == ("yaml-too-deep", 1, 3 + MAX_DEPTH)


def test_fifty_thousand_brackets_through_pfp_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "states").mkdir()
    (tmp_path / "states" / "KHM.yml").write_text("[" * 50_000, encoding="utf-8")
    code = main(["validate", "--as-of", "2026-11-27"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "states/KHM.yml:1:" in out
    assert "[yaml-too-deep]" in out
    assert "Traceback" not in out + err
    assert "RecursionError" not in out + err


# --- 9. size caps, before parsing ---------------------------------------------------


def test_file_above_the_size_cap_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "KHM.yml"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        line = "# " + "x" * 1022 + "\n"
        for _ in range(10 * 1024):
            out.write(line)
    assert path.stat().st_size > 10 * 1024 * 1024

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(load, "load_text", no_parsing)
    monkeypatch.setattr(load.yaml, "parse", no_parsing)
    monkeypatch.setattr(Path, "read_bytes", no_parsing)
    doc, problems = load_file(path, "KHM.yml")
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-too-large", 1, 1)]
    assert f"at most {MAX_BYTES // 1024} KiB" in problems[0].message


def test_file_just_under_the_size_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "KHM.yml"
    text = HEADER + "# " + "x" * (MAX_BYTES - len(HEADER) - 3) + "\n"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES
    doc, problems = load_file(path, "KHM.yml")
    assert problems == []
    assert doc is not None and doc.data["state"] == "KHM"


def test_too_many_values_are_refused() -> None:
    problem = refused("a: [" + ",".join(["1"] * (load.MAX_NODES + 10)) + "]\n")
    assert problem.rule == "yaml-too-large"
    assert problem.line == 1
    assert f"more than {load.MAX_NODES} values" in problem.message


# --- 10. duplicate keys --------------------------------------------------------------


def test_duplicate_top_level_key_names_both_lines() -> None:
    doc, problems = load_text("KHM.yml", HEADER + "state: NOR\n")
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-duplicate-key", 6, 1)]
    assert "first on line 2" in problems[0].message
    assert "lines 2 and 6" in problems[0].hint


def test_duplicate_nested_consent_names_both_lines() -> None:
    text = HEADER + (
        "challenges:\n"  # 6
        "  - id: KHM-C-001\n"  # 7
        "    consent:\n"  # 8
        "      status: given\n"  # 9
        "      date: 2026-02-15\n"  # 10
        "    consent:\n"  # 11
        "      status: pending\n"  # 12
    )
    doc, problems = load_text("KHM.yml", text)
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-duplicate-key", 11, 5)]
    assert "`consent`" in problems[0].message
    assert "first on line 8" in problems[0].message
    assert "lines 8 and 11" in problems[0].hint


def test_duplicate_key_holding_a_mapping_is_skipped_cleanly() -> None:
    """The second `consent` mapping is dropped whole; parsing resumes in the right place."""
    text = (
        "consent:\n"  # 1
        "  status: given\n"  # 2
        "consent:\n"  # 3
        "  status: pending\n"  # 4
        "  nested: {a: [1, 2, {b: c}], status: x}\n"  # 5
        "  list:\n"  # 6
        "    - {status: y}\n"  # 7
        "status: top\n"  # 8: a key of the root, not of the dropped mapping
        "after: 1\n"  # 9
        "after: 2\n"  # 10
    )
    doc, problems = load_text("KHM.yml", text)
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [
        ("yaml-duplicate-key", 3, 1),
        ("yaml-duplicate-key", 10, 1),
    ]
    assert "first on line 9" in problems[1].message


def test_same_key_in_sibling_mappings_is_not_a_duplicate() -> None:
    doc = loaded("needs:\n  - status: open\n  - status: met\nstatus: x\n")
    assert doc.data == {"needs": [{"status": "open"}, {"status": "met"}], "status": "x"}


# --- 11. YAML 1.2 scalars: no Norway problem ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("Yes", "Yes"),
        ("on", "on"),
        ("OFF", "OFF"),
        ("y", "y"),
        ("0123", "0123"),
        ("12:30", "12:30"),
        ("1:20:30", "1:20:30"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("2026-01-01", "2026-01-01"),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("0", 0),
        ("-12", -12),
        ("2500000", 2500000),
        ("68.0", 68.0),
        ("'0123'", "0123"),
        ('"true"', "true"),
    ],
)
def test_scalars_resolve_by_yaml_1_2(text: str, value: object) -> None:
    data = loaded(f"v: {text}\n").data
    assert data["v"] == value
    assert type(data["v"]) is type(value)


def test_security_md_item_11() -> None:
    data = loaded("country: NO\nphone: 0123\ntime: 12:30\nanswer: yes\n").data
    assert data == {"country": "NO", "phone": "0123", "time": "12:30", "answer": "yes"}


def test_keys_are_always_text() -> None:
    assert loaded("NO: 1\n1: 2\ntrue: 3\n").data == {"NO": 1, "1": 2, "true": 3}


# --- 12. encodings -------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "KHM.yml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER.encode() + b"title: Caf\xe9 survey\n")
    doc, problems = load_file(path, "KHM.yml")
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-encoding", 6, 11)]
    assert "0xe9" in problems[0].message


def test_invalid_utf8_column_counts_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "title: Café été ".encode() + b"\xff\n")
    _, problems = load_file(path, "KHM.yml")
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-encoding", 1, 17)]


def test_nul_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER.encode() + b"title: a\x00b\n")
    doc, problems = load_file(path, "KHM.yml")
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-encoding", 6, 9)]
    assert "NUL" in problems[0].message


def test_utf16_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER.encode("utf-16"))
    doc, problems = load_file(path, "KHM.yml")
    assert doc is None
    assert [p.rule for p in problems] == ["yaml-encoding"]
    assert problems[0].line >= 1 and problems[0].col >= 1


def test_bom_is_stripped_the_same_way_every_run(tmp_path: Path) -> None:
    with_bom = write(tmp_path, b"\xef\xbb\xbf" + HEADER.encode() + b"title: \xc3\xa9t\xc3\xa9\n", "KHM.yml")
    without = write(tmp_path, HEADER.encode() + b"title: \xc3\xa9t\xc3\xa9\n", "plain.yml")
    runs = [load_file(with_bom, "KHM.yml") for _ in range(3)]
    reference, problems = load_file(without, "KHM.yml")
    assert problems == [] and reference is not None
    for doc, found in runs:
        assert found == []
        assert doc == reference
        assert doc.data["schema_version"] == 1  # the first key is not "\ufeffschema_version"
        assert not doc.text.startswith("\ufeff")
        assert doc.positions[("title",)] == (6, 8)


# --- positions -----------------------------------------------------------------------------


def test_positions_of_nested_values() -> None:
    doc = loaded(
        HEADER
        + (
            "needs:\n"  # 6
            "  - id: KHM-N-001\n"  # 7
            "    amount: {value: 2500000, currency: USD}\n"  # 8
            "    responds_to:\n"  # 9
            "      - KHM-N-002\n"  # 10
            "    description: |\n"  # 11
            "      text\n"  # 12
        )
    )
    assert doc.positions[("state",)] == (2, 8)
    assert doc.positions[("membership", "party_since")] == (4, 16)
    assert doc.positions[("needs", 0)] == (7, 5)
    assert doc.positions[("needs", 0, "id")] == (7, 9)
    assert doc.positions[("needs", 0, "amount")] == (8, 13)
    assert doc.positions[("needs", 0, "amount", "currency")] == (8, 40)
    assert doc.positions[("needs", 0, "responds_to", 0)] == (10, 9)
    assert doc.positions[("needs", 0, "description")] == (11, 18)
    assert doc.key_positions[("needs", 0, "amount", "currency")] == (8, 30)
    assert doc.locate(("needs", 0, "amount", "missing")) == (8, 13)
    assert doc.locate_key(("needs", 0, "amount")) == (8, 5)


def test_positions_count_characters_not_bytes() -> None:
    doc = loaded("title: été 🇳🇴\nx: [é, 🇳🇴, y]\n")
    assert doc.positions[("x", 2)] == (2, 12)


def test_positions_follow_the_lines_an_editor_shows() -> None:
    """YAML also breaks lines at U+0085, U+2028 and U+2029; editors and GitHub do not."""
    doc = loaded("a: 'x\u2028y'\nb: 1\nc: \"\x85\"\nd: [1, 2]\n")
    assert doc.positions[("b",)] == (2, 4)
    assert doc.positions[("d", 1)] == (4, 8)
    problem = refused("a: 'x\u2029y'\nb: c: d\n")
    assert (problem.rule, problem.line, problem.col) == ("yaml-syntax", 2, 4)  # where the quotes go
    crlf = loaded("a: 1\r\nb: [1, 2]\r\n")
    assert crlf.positions[("b", 1)] == (2, 8)


def test_comments_and_blank_lines_before_the_data() -> None:
    doc = loaded("# comment\n\n# another\nstate: KHM\n")
    assert doc.positions[()] == (4, 1)
    assert doc.positions[("state",)] == (4, 8)


# --- other shapes ---------------------------------------------------------------------


def test_second_document_is_refused() -> None:
    problem = refused(HEADER + "---\nstate: NOR\n")
    assert (problem.rule, problem.line, problem.col) == ("yaml-syntax", 6, 1)


def test_complex_key_is_refused() -> None:
    problem = refused("? [a, b]\n: c\n")
    assert (problem.rule, problem.line, problem.col) == ("yaml-syntax", 1, 3)


def test_syntax_error_is_located() -> None:
    problem = refused(HEADER + "title: Land release: phase 2\n")
    assert (problem.rule, problem.line, problem.col) == ("yaml-syntax", 6, 8)  # where the quotes go


def test_empty_file_loads_as_nothing() -> None:
    assert loaded("").data is None
    assert loaded("# only a comment\n").data is None


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    doc, problems = load_file(tmp_path / "missing.yml", "missing.yml")
    assert doc is None
    assert [(p.rule, p.line, p.col) for p in problems] == [("yaml-syntax", 1, 1)]
