"""Documentation and generated files tell the truth about the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_hooks.engine.rulebook import RULES
from build_hooks.i18n import LANGUAGES
from build_hooks.site.contextdoc import generated_pages
from build_hooks.workflow.docpages import FIELDS_PAGE, RULES_PAGE, markdown_text, page_path
from build_hooks.workflow.generated import SCHEMA_PATH, model_field_names, write_generated

ROOT = Path(__file__).resolve().parent.parent


def test_generated_files_are_current() -> None:
    stale = write_generated(ROOT, check=True, extra=generated_pages())
    assert stale == [], f"run `pfp generate` and commit: {stale}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_is_in_the_catalogue_of_each_language(lang: str) -> None:
    page = (ROOT / page_path(RULES_PAGE, lang)).read_text(encoding="utf-8")
    for rule in RULES:
        assert f"## `{rule.id}` {{ #{rule.id} }}" in page  # the anchor a hint's docs link names, in every language
        assert markdown_text(rule.meaning.in_language(lang)) in page
        assert markdown_text(rule.fix.in_language(lang)) in page  # as Markdown: < and > escaped outside code


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_field_is_in_the_field_reference_of_each_language(lang: str) -> None:
    page = (ROOT / page_path(FIELDS_PAGE, lang)).read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", page, flags=re.M))
    assert model_field_names() <= documented
    assert "schema-unknown-field" in page.split("\n## ")[0], "the introduction says unknown keys are errors"


def test_schema_file_is_valid_json_schema() -> None:
    import json

    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {"schema_version", "state"}


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", readme, flags=re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["scripts/site.sh", "scripts/test.sh"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci


def test_readme_lists_every_pfp_command() -> None:
    import argparse

    from build_hooks.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    missing = [name for name in sub.choices if f"pfp {name}" not in readme]
    assert not missing, f"README does not mention: {missing}"


def test_contributor_guide_matches_the_commands_and_rules_it_names() -> None:
    from build_hooks.engine.rulebook import RULES_BY_ID

    families = "|".join(sorted({rule.split("-")[0] for rule in RULES_BY_ID}))
    pattern = re.compile(rf"(?:rules/#|\[|`)((?:{families})-[a-z0-9-]+)")
    for folder in ("", "fr", "es"):
        guide = "\n".join(
            p.read_text(encoding="utf-8") for p in (ROOT / "content" / folder / "contribute").glob("*.md")
        )
        assert "pfp validate" in guide and "pfp new" in guide, folder or "en"
        unknown = sorted({name for name in pattern.findall(guide) if name not in RULES_BY_ID})
        assert not unknown, f"the {folder or 'en'} guide names rules that do not exist: {unknown}"


def test_security_plan_items_cited_by_tests_exist() -> None:
    plan = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    numbers = set(re.findall(r"^(\d+)\. ", plan, flags=re.M))
    cited: set[str] = set()
    for test in (ROOT / "tests").rglob("*.py"):
        for found in re.findall(r"SECURITY\.md,? (?:plan )?items? (\d+)(?:-(\d+))?", test.read_text(encoding="utf-8")):
            cited |= {str(n) for n in range(int(found[0]), int(found[1] or found[0]) + 1)}
    assert cited, "the tests cite SECURITY.md's plan"
    assert sorted(cited - numbers, key=int) == []


def test_readme_layout_names_every_module_and_only_real_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Layout") : readme.index("## How a build works")]
    named: set[str] = set()
    for row in re.findall(r"^\| `([a-z_]+)/`[^|]*\|([^|]*)\|", table, flags=re.M):
        folder = "" if row[0] == "build_hooks" else row[0]
        named |= {f"{folder}/{m}" if folder else m for m in re.findall(r"`([a-z_0-9]+\.py)`", row[1])}
    package = ROOT / "build_hooks"
    actual = {str(p.relative_to(package)) for p in package.rglob("*.py") if p.name != "__init__.py"}
    assert sorted(actual - named) == [], "README's layout table does not name these modules"
    assert sorted(named - actual) == [], "README's layout table names modules that do not exist"
