"""``pfp new ISO3 --lang``: a template that validates in every language, says only what is true, and
speaks the focal point's language (its comments and examples; the file's keys and words stay English)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import TODAY, validate_texts, write_record

from build_hooks.cli import main
from build_hooks.i18n import LANGUAGES, messages, state_name_in, translator
from build_hooks.workflow.newfile import render_template

# The catalogue texts the template is made of (the other newfile.* keys are pfp new's own messages).
TEMPLATE_KEYS = sorted(
    k for k in messages("en") if k.startswith("newfile.") and k not in {"newfile.written", "newfile.exists"}
)
VALUES = {"iso3": "SEN", "fields": "", "rules": ""}


def _uncommented(text: str, *, contacts: bool = False) -> str:
    """The template with its example entries (and ``last_reviewed``) written out, as a focal point would."""
    lines = []
    section = ""
    for line in text.splitlines():
        if re.match(r"^[a-z_]+: \[\]$", line):
            section = line.split(":")[0]
            if section != "contacts" or contacts:
                line = f"{section}:"
        example = (
            section and re.match(r"^#(  - [a-z]|    [a-z_]+:|      \S)", line) and (section != "contacts" or contacts)
        )
        if example or line.startswith("# last_reviewed:"):
            line = line[1:] if example else line[2:]
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_template_passes_pfp_validate_in_each_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_record(tmp_path)
    assert main(["new", "SEN", "--lang", lang]) == 0
    assert (tmp_path / "states" / "SEN.yml").is_file()
    capsys.readouterr()
    code = main(["validate"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert " error " not in out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_commented_examples_validate_once_written_out(tmp_path: Path, lang: str) -> None:
    text = _uncommented(render_template("SEN", TODAY, lang))
    assert "\nneeds:\n  - id: SEN-N-001\n" in text and "\nchallenges:\n  - id: SEN-C-001\n" in text
    result = validate_texts(tmp_path, {"SEN": text})
    assert [p.text() for p in result.problems] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_example_contact_cannot_be_published_by_mistake(tmp_path: Path, lang: str) -> None:
    text = render_template("SEN", TODAY, lang)
    assert "@" not in text  # no address anyone could write to, or that the site would show
    result = validate_texts(tmp_path, {"SEN": _uncommented(text, contacts=True)})
    refused = sorted((p.rule, p.message.split(" ")[-1]) for p in result.errors)
    assert [rule for rule, _ in refused] == ["schema-format", "schema-format"], refused  # email and github


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_template_holds_only_what_is_true(lang: str) -> None:
    data = yaml.safe_load(render_template("AGO", TODAY, lang))
    # No review date, no contact, no entry, no fact of the official record: only the file's frame.
    assert data == {"schema_version": 2, "state": "AGO", "contacts": [], "needs": [], "offers": [], "challenges": []}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_comments_are_in_the_language_asked_for(lang: str) -> None:
    text = render_template("SEN", TODAY, lang)
    t, en = translator(lang), translator("en")
    for key in TEMPLATE_KEYS:
        first_line = t(key, **VALUES, name=state_name_in("SEN", lang)).split("\n")[0].strip()
        english = en(key, **VALUES, name=state_name_in("SEN", "en")).split("\n")[0].strip()
        assert first_line in text, f"{key}: the {lang} text is missing"
        if len(english.split()) >= 3:  # short words (the names of the fields) may be alike
            assert english not in text, f"{key}: the English text is in the {lang} template"
    # The examples are written in that language, and say so as an entry must.
    assert len(re.findall(rf"^#    language: {lang} ", text, flags=re.M)) == 3
    # The file's own words stay English, with the site's label beside each.
    assert "#    status: open" in text
    assert t("field.allowed_word", code="open", label=t("need_status.open")) in text
    assert f"/{lang}/contribute/rules/" in text


def test_the_english_template_needs_no_language_line() -> None:
    text = render_template("KHM", TODAY, "en")
    assert not re.search(r"^#    language:", text, flags=re.M)
    assert "/contribute/rules/" in text and "/fr/" not in text


def test_the_language_defaults_to_the_shells_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_CO.UTF-8")
    assert main(["new", "COL", "--stdout"]) == 0
    assert translator("es")("newfile.record").split("\n")[0] in capsys.readouterr().out
    assert main(["new", "COL", "--stdout", "--lang", "fr"]) == 0  # --lang wins over the locale
    assert translator("fr")("newfile.record").split("\n")[0] in capsys.readouterr().out


def test_pfp_new_says_what_it_did_in_that_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "SEN", "--lang", "fr", "--states-dir", "tmp"]) == 0
    assert capsys.readouterr().out.strip() == translator("fr")("newfile.written", path=Path("tmp/SEN.yml"))
    assert main(["new", "SEN", "--lang", "fr", "--states-dir", "tmp"]) == 1
    assert capsys.readouterr().err.strip() == translator("fr")("newfile.exists", path=Path("tmp/SEN.yml"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_template_put_in_the_canonical_layout_still_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    # pfp new says to run pfp format after filling the template in: the comments move to the top, nothing is lost.
    monkeypatch.chdir(tmp_path)
    write_record(tmp_path)
    assert main(["new", "SEN", "--lang", lang]) == 0
    written = (tmp_path / "states" / "SEN.yml").read_text(encoding="utf-8")
    assert main(["format", "states/SEN.yml", "--lang", "en"]) == 0
    assert main(["format", "--check", "states/SEN.yml", "--lang", "en"]) == 0
    formatted = (tmp_path / "states" / "SEN.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(formatted) == yaml.safe_load(written)
    assert translator(lang)("newfile.record").split("\n")[0] in formatted  # the comments are kept
    capsys.readouterr()
    assert main(["validate"]) == 0, capsys.readouterr().out
