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


# --- the rule catalogue and field reference in French and Spanish -------------------------------


def test_pfp_generate_check_catches_a_drifted_page_in_each_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from build_hooks.cli import main

    write_generated(tmp_path, extra=generated_pages())
    assert main(["generate", "--check", "--root", str(tmp_path)]) == 0
    for lang in LANGUAGES:
        for page in (RULES_PAGE, FIELDS_PAGE):
            target = tmp_path / page_path(page, lang)
            target.write_text(target.read_text(encoding="utf-8").replace("`", "'", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["generate", "--check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    drifted = sorted(re.findall(r"^pfp: (\S+) is out of date$", out, flags=re.M))
    assert drifted == sorted(str(page_path(p, lang)) for p in (RULES_PAGE, FIELDS_PAGE) for lang in LANGUAGES)


def test_every_field_description_has_current_translations() -> None:
    from build_hooks.workflow.docpages import field_catalogue_drift, field_texts

    assert field_texts(), "the model describes some fields"
    assert field_catalogue_drift() == []


def test_a_changed_description_stops_pfp_generate_until_it_is_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from build_hooks.cli import main
    from build_hooks.workflow import docpages

    texts = docpages.field_texts()
    monkeypatch.setattr(
        docpages, "field_texts", lambda: {**texts, "field.entry_language": "The language of the texts."}
    )
    assert main(["generate", "--root", str(tmp_path)]) == 1
    assert "field.entry_language" in capsys.readouterr().err
    assert not (tmp_path / SCHEMA_PATH).exists(), "nothing is written while a translation is stale"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_field_reference_gives_each_allowed_word_its_label(lang: str) -> None:
    from build_hooks.engine import vocabulary
    from build_hooks.i18n import translator

    t = translator(lang)
    page = (ROOT / page_path(FIELDS_PAGE, lang)).read_text(encoding="utf-8")
    lists = [
        vocabulary.AREAS,
        vocabulary.KINDS,
        vocabulary.NEED_STATUSES,
        vocabulary.OFFER_STATUSES,
        vocabulary.CATEGORIES,
    ]
    for words in lists:
        group = vocabulary.label_group(words)
        assert group is not None
        cell = "<br>".join(t("field.allowed_word", code=f"`{w}`", label=t(f"{group}.{w}")) for w in words)
        assert f"| {cell} |" in page, f"{group} is not listed with its {lang} labels"
    consent = "<br>".join(
        t("field.allowed_word", code=f"`{w}`", label=t(f"field.word_consent_{w}")) for w in vocabulary.CONSENT_STATUSES
    )
    assert f"| {consent} |" in page


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_french_and_spanish_sites_publish_their_catalogue_and_reference(lang: str) -> None:
    import yaml

    config = yaml.safe_load((ROOT / f"mkdocs.{lang}.yml").read_text(encoding="utf-8"))

    def pages(nav: object) -> list[str]:
        if isinstance(nav, str):
            return [nav]
        if isinstance(nav, dict):
            return [p for value in nav.values() for p in pages(value)]
        return [p for item in nav for p in pages(item)] if isinstance(nav, list) else []

    listed = pages(config["nav"])
    for page in (RULES_PAGE, FIELDS_PAGE):
        assert page in listed, f"mkdocs.{lang}.yml's nav does not list {page}"
        assert (ROOT / page_path(page, lang)).is_file()


# --- the contributor guides ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_walks_through_the_form_then_the_web_editor_then_the_command_line(lang: str) -> None:
    guide = (ROOT / page_path("contribute/index.md", lang)).read_text(encoding="utf-8")
    ways = ["](edit/index.md)", "](web-editor.md)", "](editor-setup.md)"]  # form, web editor, command line
    found = [guide.find(way) for way in ways]
    assert -1 not in found, f"the {lang} guide does not link {[w for w, at in zip(ways, found, strict=True) if at < 0]}"
    assert found == sorted(found), f"the {lang} guide does not present the form, the web editor, then the command line"
    for word in ("`eligible", "`language", "pfp validate", "pfp new"):
        assert word in guide, f"the {lang} guide does not mention {word}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_guide_links_its_own_catalogue_and_reference(lang: str) -> None:
    folder = ROOT / page_path("contribute", lang)
    guide = (folder / "index.md").read_text(encoding="utf-8")
    assert "](rules.md" in guide and "](fields.md)" in guide
    for page in folder.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        # A link to the English copy (../../contribute/rules/) would send a French reader to English.
        other = re.findall(r"""href=["'][./]*contribute/(?:rules|fields)/""", text)
        assert not other, f"{page.relative_to(ROOT)} links another language's catalogue or reference: {other}"
