"""The rulebook speaks the reader's language: every rule's meaning and fix exist in English, French and
Spanish, and the hint a problem carries is said in the language it is printed in."""

from __future__ import annotations

import pytest

from build_hooks.diagnostics import Problem, Text
from build_hooks.engine.rulebook import RULES, RULES_BY_ID, hint_for, rule_key
from build_hooks.i18n import messages


def test_rule_ids_become_catalogue_keys() -> None:
    assert rule_key("yaml-syntax") == "yaml_syntax"
    assert rule_key("consent-draft-in-public") == "consent_draft_in_public"
    assert len({rule_key(rule.id) for rule in RULES}) == len(RULES)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_rule_has_its_meaning_and_fix_in_french_and_spanish(lang: str) -> None:
    english, translated = messages("en"), messages(lang)
    for rule in RULES:
        for part in ("meaning", "fix"):
            key = f"rule.{rule_key(rule.id)}_{part}"
            assert english.get(key), f"{rule.id} has no English {part}"
            assert translated.get(key), f"{rule.id} has no {lang} {part}"
            assert translated[key] != english[key], f"{rule.id}: the {lang} {part} is the English one"
            assert getattr(rule, part).in_language(lang) == translated[key]


def test_the_english_meaning_and_fix_read_as_before() -> None:
    # A Text is its English wording: code and tests that read the rulebook as text keep working.
    rule = RULES_BY_ID["schema-enum"]
    assert rule.fix == "Use one of the words listed in the message (they are lower case, with underscores)."
    assert rule.meaning.startswith("A value is not one of the words the field allows.")


def test_hint_for_is_a_text_said_in_the_readers_language() -> None:
    hint = hint_for("yaml-syntax")
    assert isinstance(hint, Text)
    assert hint == messages("en")["rule.yaml_syntax_fix"]
    french = hint.in_language("fr")
    assert french == messages("fr")["rule.yaml_syntax_fix"]
    assert "indentation" in french and "tabulations" in french and "tabs" not in french
    assert hint.in_language("es") == messages("es")["rule.yaml_syntax_fix"]
    assert "sangría" in hint.in_language("es")


def test_a_problem_prints_the_rules_hint_in_french() -> None:
    problem = Problem(
        "states/SEN.yml", 4, 1, "error", "schema-required", "need SEN-N-001 has no status", hint_for("schema-required")
    )
    text = problem.text("fr")
    assert f"\n  {messages('fr')['problem.hint_label']} {messages('fr')['rule.schema_required_fix']} (" in text
    assert "(explications : /fr/contribute/rules/#schema-required)" in text
    assert messages("en")["rule.schema_required_fix"] not in text
