"""One Settings model: each value of ``extra.pfp`` gives one answer everywhere, and a bad one is located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import REPO, TODAY, make_site, state_yaml

from build_hooks.cli import main
from build_hooks.settings import Settings, SettingsError, load_settings, parse_settings
from build_hooks.site.builder import prepare_build

# 15 months before TODAY: stale with the default 12 months, fresh with 18.
REVIEWED = dt.date(2025, 8, 20)


def _site(tmp_path: Path, months: int | None) -> Path:
    root = make_site(tmp_path, {"NOR": state_yaml("NOR", last_reviewed=REVIEWED.isoformat())})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if months is not None:
        assert "    stale_months: 12\n" in text
        text = text.replace("    stale_months: 12\n", f"    stale_months: {months}\n")
    config.write_text(text.replace("    target_year: 2025\n", "    target_year: 2025\n    history: false\n"))
    return root


def _answers(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[bool, bool, bool]:
    """(the validator warns, pfp stale lists NOR, the State page says the review is stale)."""
    config, states = str(root / "mkdocs.yml"), str(root / "states")
    as_of = TODAY.isoformat()
    main(["validate", "--config", config, "--states-dir", states, "--as-of", as_of])
    warned = "style-stale-review" in capsys.readouterr().out
    main(["stale", "--config", config, "--states-dir", states, "--as-of", as_of])
    listed = "last reviewed on 20 August 2025" in capsys.readouterr().out
    build = prepare_build(root / "mkdocs.yml", load_settings(root / "mkdocs.yml"), today=TODAY)
    assert build.site is not None
    page = build.site.view_models["states/nor/index.md"]
    return warned, listed, bool(page["stale"])


def test_stale_months_changes_the_validator_the_reminders_and_the_site_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _answers(_site(tmp_path / "default", None), capsys) == (True, True, True)
    assert _answers(_site(tmp_path / "eighteen", 18), capsys) == (False, False, False)


def test_a_bad_value_is_reported_at_its_line_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _site(tmp_path, None)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("stale_months: 12", 'stale_months: "twelve"'))
    line = next(i for i, text in enumerate(config.read_text().splitlines(), 1) if "stale_months" in text)
    with pytest.raises(SettingsError) as caught:
        load_settings(config)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.rule) == (str(config), line, "settings-invalid")
    assert "stale_months" in problem.message and "months" in problem.hint
    assert main(["validate", "--config", str(config), "--states-dir", str(root / "states")]) == 2
    assert f"{config}:{line}:" in capsys.readouterr().err


def test_every_problem_at_once_and_unknown_keys_are_named() -> None:
    with pytest.raises(SettingsError) as caught:
        parse_settings({"stale_months": 0, "target_yaer": 2025, "language": "de"}, REPO / "mkdocs.yml")
    messages = sorted(p.message for p in caught.value.problems)
    assert len(messages) == 3
    assert any("target_yaer is not a setting" in m for m in messages)


def test_the_french_and_spanish_files_inherit_the_english_settings() -> None:
    english, french = load_settings(REPO / "mkdocs.yml"), load_settings(REPO / "mkdocs.fr.yml")
    assert french.language == "fr"
    assert french.model_dump(exclude={"language"}) == english.model_dump(exclude={"language"})


def test_every_setting_is_documented_in_one_line() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description and "\n" not in field.description, name
