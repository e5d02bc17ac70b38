"""One folder of fixtures per validation rule: ``tests/engine/rules/<rule-id>/{bad,good}/``.

Every file in a ``bad/`` folder declares, in comment lines of the form
``# expect: LINE:COL rule-id``, each problem of that folder's rule it must
produce, at the exact 1-based position the validator reports. A ``good/``
folder must produce no problem of its rule and no error at all. Adding a rule
to the registry without fixtures fails :func:`test_every_rule_has_fixtures`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import TODAY

from build_hooks.diagnostics import sort_problems
from build_hooks.engine.dialogues import load_dialogues
from build_hooks.engine.load import MAX_BYTES, MAX_NODES
from build_hooks.engine.record import RECORD_DIR, Record, load_record
from build_hooks.engine.rulebook import RULES, RULES_BY_ID
from build_hooks.engine.validate import ValidationResult, validate_paths
from build_hooks.settings import SettingsError, load_settings

FIXTURES = Path(__file__).parent / "rules"
FIXTURE_RECORD = Path(__file__).parent / "fixture-record"


def _fixture_record() -> Record:
    """The shared fixture record, read through the same loader (a temporary root named ``record``)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(FIXTURE_RECORD, Path(tmp) / RECORD_DIR)
        record, problems = load_record(Path(tmp))
    assert problems == [], problems
    return record


FIXTURE = _fixture_record()
RULE_IDS = [rule.id for rule in RULES]
EXPECT_RE = re.compile(rb"^#\s*expect:\s*(\d+):(\d+)\s+([a-z0-9-]+)\s*$")
# The one rule whose bad fixture is generated at test time (a 10 MB file does not belong in git).
GENERATED_BAD = {"yaml-too-large"}

Key = tuple[str, int, int, str]


def _yml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"} and p.is_file())


def _expected(folder: Path) -> Counter[Key]:
    """The ``# expect:`` lines of every file in ``folder`` (read as bytes: some files are not UTF-8),
    and the lines of ``expect.txt`` (``record/<table>.csv:LINE:COL rule``) for the record's tables."""
    found: Counter[Key] = Counter()
    listed = folder / "expect.txt"
    for text in listed.read_text(encoding="utf-8").splitlines() if listed.is_file() else []:
        where, rule = text.split()
        path, line, col = where.rsplit(":", 2)
        found[(path, int(line), int(col), rule)] += 1
    for file in _yml_files(folder):
        for raw in file.read_bytes().splitlines():
            match = EXPECT_RE.match(raw.strip())
            if match:
                line, col, rule = match.groups()
                found[(file.name, int(line), int(col), rule.decode())] += 1
    return found


def _validate(folder: Path) -> ValidationResult:
    """Validate a fixture folder against its own record/ if it has one, else the shared fixture record;
    with its content/ (links, file types, dialogue reports) when it has one, as the build does."""
    own = (folder / RECORD_DIR).exists()
    result = validate_paths([folder], today=TODAY, root=folder, record=None if own else FIXTURE)
    if (folder / "content").is_dir():  # the files and dialogue reports the build reads (file-*, dialogue-*)
        _, found = load_dialogues(folder, set(result.states), TODAY)
        result.problems = sort_problems([*result.problems, *found])
    if (folder / "site" / "mkdocs.yml").is_file():  # the settings rule: the fixture's own site/mkdocs.yml
        try:
            load_settings(folder / "site" / "mkdocs.yml")
        except SettingsError as exc:
            shown = [dataclasses.replace(p, path="site/mkdocs.yml") for p in exc.problems]
            result.problems = sorted([*result.problems, *shown])
    return result


def _assert_well_formed(result: ValidationResult) -> None:
    for p in result.problems:
        assert p.rule in RULES_BY_ID, p
        assert p.severity == RULES_BY_ID[p.rule].severity, p
        assert p.message.strip(), p
        assert p.hint.strip(), p
        assert p.line >= 1 and p.col >= 1, p


def _show(result: ValidationResult) -> str:
    return "\n".join(p.text() for p in result.problems) or "(no problems)"


def test_every_rule_has_fixtures() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders - set(RULE_IDS) == set(), "fixture folders for rules that are not in the registry"
    for rule_id in RULE_IDS:
        for kind in ("bad", "good"):
            folder = FIXTURES / rule_id / kind
            assert folder.is_dir(), f"missing {folder.relative_to(FIXTURES.parent)}"
            if kind == "bad" and rule_id in GENERATED_BAD:
                assert (folder / "README.txt").is_file(), f"{folder} needs a README.txt explaining the generated case"
                continue
            assert _yml_files(folder) or (folder / RECORD_DIR).is_dir(), f"{folder} holds no .yml file and no record/"
            if kind == "bad":
                assert any(rule == rule_id for (_, _, _, rule) in _expected(folder)), (
                    f"{folder} declares no `# expect: LINE:COL {rule_id}`"
                )


def test_expect_lines_name_the_folder_rule() -> None:
    for rule_id in RULE_IDS:
        folder = FIXTURES / rule_id / "bad"
        if folder.is_dir():
            for name, line, col, rule in _expected(folder):
                assert rule == rule_id, f"{folder / name}: `# expect: {line}:{col} {rule}` names another rule"


@pytest.mark.parametrize("rule_id", [r for r in RULE_IDS if r not in GENERATED_BAD])
def test_bad_fixtures(rule_id: str) -> None:
    folder = FIXTURES / rule_id / "bad"
    result = _validate(folder)
    _assert_well_formed(result)
    got: Counter[Key] = Counter((p.path, p.line, p.col, p.rule) for p in result.problems if p.rule == rule_id)
    expected = _expected(folder)
    assert expected, f"{folder} declares no `# expect:` line"
    assert got == expected, f"{rule_id}: expected {sorted(expected)}, got\n{_show(result)}"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_good_fixtures(rule_id: str) -> None:
    folder = FIXTURES / rule_id / "good"
    result = _validate(folder)
    _assert_well_formed(result)
    assert not [p for p in result.problems if p.rule == rule_id], _show(result)
    assert result.errors == [], _show(result)
    assert len(result.states) == len(_yml_files(folder))


def test_yaml_too_large_generated(tmp_path: Path) -> None:
    """The bad case of yaml-too-large, written at test time (see tests/engine/rules/yaml-too-large/bad/README.txt)."""
    big = tmp_path / "big"
    big.mkdir()
    header = "schema_version: 1\nstate: KHM\nmembership:\n  party_since: 2000-01-01\nlast_reviewed: 2026-10-01\n"
    filler = "# " + "x" * 98 + "\n"
    (big / "KHM.yml").write_text(header + filler * (10 * 1024 * 1024 // len(filler)), encoding="utf-8")
    assert (big / "KHM.yml").stat().st_size > 10_000_000 > MAX_BYTES

    many = tmp_path / "many"
    many.mkdir()
    # The loader counts every node, keys included: the header and `notes: [` are 13,
    # so node MAX_NODES + 1 is list item MAX_NODES - 13 (0-based).
    items = ",".join(["1"] * MAX_NODES)
    (many / "NOR.yml").write_text(header.replace("KHM", "NOR") + f"notes: [{items}]\n", encoding="utf-8")
    assert (many / "NOR.yml").stat().st_size < MAX_BYTES
    col = len("notes: [") + 2 * (MAX_NODES - 13) + 1

    for folder, expected in ((big, ("KHM.yml", 1, 1)), (many, ("NOR.yml", 6, col))):
        result = _validate(folder)
        _assert_well_formed(result)
        assert [(p.path, p.line, p.col, p.rule) for p in result.problems] == [(*expected, "yaml-too-large")]
        for p in result.problems:  # said in French and Spanish, like every bad fixture's problems
            assert _untranslated(p.message, p.rule) + _untranslated(p.hint, p.rule) == [], p


# --------------------------------------------------------------------------------------
# Every problem speaks English, French and Spanish
# --------------------------------------------------------------------------------------

# Messages or hints that read the same in French or Spanish as in English on purpose: key -> reason.
SAME_IN_EVERY_LANGUAGE: dict[str, str] = {}


def _untranslated(text: str, rule: str) -> list[str]:
    """Why ``text`` (a message or a hint) is not said in French and Spanish, or [] when it is."""
    from build_hooks.diagnostics import Text
    from build_hooks.engine.rulebook import hint_for

    rulebook_hint = hint_for(rule)
    if text == rulebook_hint and not isinstance(rulebook_hint, Text):
        return []  # the rule catalogue's own hint: a Text once rulebook.py says it in three languages
    if not isinstance(text, Text):
        return [f"plain English {text[:80]!r}"]
    if text.key in SAME_IN_EVERY_LANGUAGE:
        return []
    return [f"{text.key} is the English in {lang}" for lang in ("fr", "es") if text.in_language(lang) == text]


def test_every_problem_of_every_bad_fixture_is_said_in_french_and_spanish() -> None:
    """A message someone adds later as a plain English string (or without its translations) fails here."""
    wrong: dict[str, list[str]] = {}
    for rule_id in RULE_IDS:
        folder = FIXTURES / rule_id / "bad"
        if rule_id in GENERATED_BAD or not folder.is_dir():
            continue
        for p in _validate(folder).problems:
            why = _untranslated(p.message, p.rule) + _untranslated(p.hint, p.rule)
            wrong.setdefault(p.rule, []).extend(f"{p.path}:{p.line}:{p.col}: {w}" for w in why)
    assert not {rule: why for rule, why in wrong.items() if why}, wrong
