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


def test_a_text_is_its_english_wording_and_says_itself_in_french_and_spanish() -> None:
    import pickle

    from build_hooks.diagnostics import Problem, Text

    summary = Text("problem.summary", errors=2, warnings=1)
    assert summary == "2 error(s), 1 warning(s)"
    assert summary.in_language("fr") == "2 erreur(s), 1 avertissement(s)"
    assert pickle.loads(pickle.dumps(summary)).in_language("es") == "2 error(es), 1 advertencia(s)"
    problem = Problem("states/SEN.yml", 3, 5, "error", "schema-enum", summary, Text("problem.see_catalogue"))
    french = problem.text("fr")
    assert french.startswith("states/SEN.yml:3:5: erreur [schema-enum] 2 erreur(s)")
    assert "conseil : voir le catalogue des règles (explications : /fr/contribute/rules/#schema-enum)" in french
    assert problem.localised("en") is problem


def test_the_shell_locale_chooses_the_language() -> None:
    from build_hooks.i18n import language_of_environment

    assert language_of_environment({"LANG": "fr_SN.UTF-8"}) == "fr"
    assert language_of_environment({"LC_ALL": "es_CO.UTF-8", "LANG": "fr_FR.UTF-8"}) == "es"
    assert language_of_environment({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}) == "en"
    assert language_of_environment({"LANG": "pt_BR.UTF-8"}) == "en"
    assert language_of_environment({}) == "en"
