"""Problems as people read them: a long value is named with its length, never echoed whole."""

from __future__ import annotations

from pathlib import Path

from helpers import state_yaml, validate_texts

from build_hooks.diagnostics import shown


def test_short_values_are_quoted_as_written() -> None:
    assert shown("Open") == "'Open'"
    assert shown(["open"]) == "['open']"


def test_long_values_are_shortened_with_their_length() -> None:
    text = shown("x" * 80_000)
    assert len(text) < 120
    assert text.endswith("\u2026 (80000 characters)")
    assert shown(["x" * 500]).endswith("(504 characters written)")


def test_no_message_echoes_a_long_value(tmp_path: Path) -> None:
    big = "x" * 50_000
    body = f"""\
    needs:
      - id: {big}
        title: Clearance
        area: {big}
        kind: financial
        status: [{big}]
    """
    result = validate_texts(tmp_path, {"SEN": state_yaml("SEN", body, last_reviewed=big)})
    rules = sorted(p.rule for p in result.problems)
    assert rules == ["id-format", "schema-date", "schema-enum", "schema-enum"]
    for problem in result.problems:
        assert len(problem.text()) < 500, problem.text()[:200]
