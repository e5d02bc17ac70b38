"""`pfp validate --lang`: each mistake a focal point makes, said in English, French and Spanish.

Issue 13's list of mistakes, one test each, through the real command line in the three languages:
the problem is at the line and column of the mistake, names its rule, is said in the language
asked for, and its hint says what to type (the file's words stay English: `open`, `MLI`, ...).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import SOURCE_DATE_EPOCH, TODAY, make_site, run_mkdocs, state_yaml, write_record

from build_hooks.cli import main
from build_hooks.diagnostics import Problem, Text, format_github, format_text
from build_hooks.engine.validate import writing_language, writing_language_of_text
from build_hooks.i18n import LANGUAGES, translator

AS_OF = ["--as-of", TODAY.isoformat()]
SEVERITY = {
    "error": {"en": "error", "fr": "erreur", "es": "error"},
    "warning": {"en": "warning", "fr": "avertissement", "es": "advertencia"},
}


@dataclass(frozen=True)
class Mistake:
    """One mistake in ``states/SEN.yml`` (``body`` below the three-line header of :func:`state_yaml`)."""

    body: str
    at: tuple[int, int]  # line, column of the mistake
    rule: str
    severity: str
    typed: str  # what the hint tells the focal point to type
    said: dict[str, str]  # a piece of the message in each language
    also: tuple[str, ...] = ()  # other rules the same file must report in the same run
    files: dict[str, str] = field(default_factory=dict)  # other State files


def _need(status: str = "open", *, area: str = "clearance", kind: str = "financial", extra: str = "") -> str:
    """A need of SEN whose lines are: id 5, title 6, area 7, kind 8, status 9, then ``extra`` from 10."""
    lines = [
        "needs:",
        "  - id: SEN-N-001",
        "    title: Déminage en Casamance",
        f"    area: {area}",
        f"    kind: {kind}",
        f"    status: {status}",
    ]
    return "\n".join(lines) + "\n" + extra


def _offer(eligible: str) -> str:
    """An offer of SEN whose ``eligible`` is on line 10, its first code at column 16."""
    return (
        "offers:\n  - id: SEN-O-001\n    title: Formation des démineurs\n    area: capacity\n"
        f"    kind: expertise\n    status: available\n    eligible: {eligible}\n"
    )


NOT_ONE_OF = {
    "en": "which is not one of",
    "fr": "ne fait pas partie des valeurs admises",
    "es": "no es uno de los valores",
}
MISTAKES: dict[str, Mistake] = {
    "status-Ouvert": Mistake(_need("Ouvert"), (9, 13), "schema-enum", "error", "`open`", NOT_ONE_OF),
    "status-satisfait": Mistake(_need("satisfait"), (9, 13), "schema-enum", "error", "`met`", NOT_ONE_OF),
    "kind-financier": Mistake(_need(kind="financier"), (8, 11), "schema-enum", "error", "`financial`", NOT_ONE_OF),
    "area-déminage": Mistake(_need(area="déminage"), (7, 11), "schema-enum", "error", "`clearance`", NOT_ONE_OF),
    "status-abierto": Mistake(_need("abierto"), (9, 13), "schema-enum", "error", "`open`", NOT_ONE_OF),
    "eligible-lower-case": Mistake(
        _offer("[mli]"),
        (10, 16),
        "ref-unknown-state",
        "error",
        "`MLI`",
        {
            "en": "is not written in capitals",
            "fr": "n'est pas écrit en majuscules",
            "es": "no está escrito en mayúsculas",
        },
    ),
    "date-day-first": Mistake(
        _need(extra="    posted: 28/04/2026\n"),
        (10, 13),
        "schema-date",
        "error",
        "2026-04-28",
        {"en": "expected a date written as YYYY-MM-DD", "fr": "AAAA-MM-JJ", "es": "AAAA-MM-DD"},
    ),
    "misspelt-key-beside-another-error": Mistake(
        _need(kind="financier").replace("    status: open\n", "    staus: open\n"),
        (9, 5),
        "schema-unknown-field",
        "error",
        "`status`",
        {"en": "is not a field the Platform knows", "fr": "n'est pas un champ connu", "es": "no es un campo"},
        also=("schema-required", "schema-enum"),
    ),
    "curly-quotes": Mistake(
        _need().replace("title: Déminage en Casamance", "title: “Déminage en Casamance”"),
        (6, 12),
        "text-curly-quotes",
        "warning",
        '`title: "Déminage en Casamance"`',
        {"en": "would be published as part of it", "fr": "seraient publiés", "es": "se publicarían"},
    ),
    "hash-cuts-title": Mistake(
        _need().replace("title: Déminage en Casamance", "title: Enquête #2 dans le sud"),
        (6, 12),
        "text-cut-by-comment",
        "warning",
        '`title: "Enquête #2 dans le sud"`',
        {"en": "is a comment", "fr": "est un commentaire", "es": "es un comentario"},
    ),
    "thousands-point": Mistake(
        _need(extra="    amount: {value: 2.500, currency: USD}\n"),
        (10, 21),
        "amount-decimal-point",
        "warning",
        "`value: 2500`",
        {"en": "is read as 2.5", "fr": "est lu comme 2.5", "es": "se lee como 2.5"},
    ),
    "value-of-80-KB": Mistake(
        _need().replace("Déminage en Casamance", "x" * 80_000),
        (6, 12),
        "schema-range",
        "error",
        "160",
        {"en": "(80000 characters)", "fr": "(80000 caractères)", "es": "(80000 caracteres)"},
    ),
    "missing-required-field": Mistake(
        _need().replace("    status: open\n", ""),
        (5, 5),
        "schema-required",
        "error",
        "`status:`",
        {"en": "has no `status`", "fr": "le champ obligatoire `status` manque", "es": "falta el campo obligatorio"},
    ),
    "unknown-state-code": Mistake(
        _offer("[XYZ]"),
        (10, 16),
        "ref-unknown-state",
        "error",
        "`eligible: any`",
        {"en": "is not an ISO 3166-1", "fr": "n'est pas un code de pays", "es": "no es un código de país"},
    ),
    "need-id-format": Mistake(
        _need().replace("SEN-N-001", "SEN-N-1"),
        (5, 9),
        "id-format",
        "error",
        "`SEN-N-001`",
        {"en": "at least three digits", "fr": "au moins trois chiffres", "es": "al menos tres cifras"},
    ),
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_record(tmp_path)
    (tmp_path / "states").mkdir()
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _reported(out: str, mistake: Mistake, lang: str) -> tuple[str, str]:
    """The message line of the mistake's problem and its hint line, as printed."""
    severity = SEVERITY[mistake.severity][lang]
    head = f"states/SEN.yml:{mistake.at[0]}:{mistake.at[1]}: {severity} [{mistake.rule}] "
    lines = out.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(head)]
    assert len(found) == 1, f"{head!r} not printed once:\n{out[:3000]}"
    return lines[found[0]][len(head) :], lines[found[0] + 1]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_is_said_in_the_language_asked_with_what_to_type(
    site: Path, capsys: pytest.CaptureFixture[str], name: str, lang: str
) -> None:
    mistake = MISTAKES[name]
    (site / "states" / "SEN.yml").write_text(state_yaml("SEN", mistake.body), encoding="utf-8")
    code, out = run(capsys, "validate", "--lang", lang, *AS_OF)
    message, hint = _reported(out, mistake, lang)
    assert mistake.said[lang] in message, message[:300]
    t = translator(lang)
    assert hint.startswith(f"  {t('problem.hint_label')} "), hint
    assert mistake.typed in hint, hint[:300]
    assert hint.endswith(f"/{'' if lang == 'en' else lang + '/'}contribute/rules/#{mistake.rule})"), hint
    assert len(message) < 400, "a long value is shortened, never echoed"
    for rule in mistake.also:
        assert f"[{rule}]" in out, f"{rule} is reported in the same run:\n{out[:2000]}"
    assert code == (1 if mistake.severity == "error" or mistake.also else 0)
    errors = sum(f": {SEVERITY['error'][lang]} [" in line for line in out.splitlines())
    warnings = sum(f": {SEVERITY['warning'][lang]} [" in line for line in out.splitlines())
    assert t("problem.summary", errors=errors, warnings=warnings) in out  # the count is in the language too


@pytest.mark.parametrize("name", list(MISTAKES))
def test_the_french_and_spanish_messages_are_not_the_english_ones(
    site: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """The same problem in three languages: three different messages and three different hints."""
    mistake = MISTAKES[name]
    (site / "states" / "SEN.yml").write_text(state_yaml("SEN", mistake.body), encoding="utf-8")
    said = {}
    for lang in LANGUAGES:
        _, out = run(capsys, "validate", "--lang", lang, *AS_OF)
        said[lang] = _reported(out, mistake, lang)
    assert len({message for message, _ in said.values()}) == 3, said
    assert len({hint for _, hint in said.values()}) == 3, said


# --- the language when --lang is not given ----------------------------------------------


BAD_STATUS = state_yaml("SEN", _need("Ouvert"))


def test_the_shell_locale_chooses_the_language(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "states" / "SEN.yml").write_text(BAD_STATUS, encoding="utf-8")
    monkeypatch.setenv("LANG", "fr_SN.UTF-8")
    code, out = run(capsys, "validate", *AS_OF)
    assert code == 1
    assert out.startswith("states/SEN.yml:9:13: erreur [schema-enum] besoin SEN-N-001, champ `status` : 'Ouvert'")
    assert "1 erreur(s), 0 avertissement(s)" in out
    assert out.rstrip().endswith("Chaque règle est expliquée à l'adresse /fr/contribute/rules/.")
    monkeypatch.setenv("LANG", "es_CO.UTF-8")
    _, out = run(capsys, "validate", *AS_OF)
    assert "error [schema-enum] necesidad SEN-N-001, campo `status`: 'Ouvert'" in out
    assert out.rstrip().endswith("Cada regla se explica en /es/contribute/rules/.")
    _, out = run(capsys, "validate", "--lang", "en", *AS_OF)  # --lang wins over the locale
    assert out.rstrip().endswith("Each rule is explained at /contribute/rules/.")


def test_no_problem_is_said_in_the_language_too(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "states" / "SEN.yml").write_text(state_yaml("SEN", _need()), encoding="utf-8")
    code, out = run(capsys, "validate", "--lang", "es", *AS_OF)
    assert code == 0
    assert out.startswith("pfp: 1 archivo(s) comprobado(s) en ") and "no se encontró ningún problema" in out


def test_a_usage_error_is_said_in_the_language(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "fr", "states/XXX.yml"]) == 2
    assert "pfp : states/XXX.yml : ce fichier ou ce dossier n'existe pas" in capsys.readouterr().err


# --- GitHub annotations: each file in the language it is written in ------------------------


def _written_in(lang: str | None, entries: int = 2) -> str:
    marked = f"    language: {lang}\n" if lang else ""
    body = "needs:\n" + "".join(
        f"  - id: {{code}}-N-00{n}\n    title: Enquête numéro {n}\n{marked}    area: clearance\n"
        f"    kind: financial\n    status: {'Ouvert' if n == 1 else 'open'}\n"
        for n in range(1, entries + 1)
    )
    return body


def test_github_annotations_follow_the_language_each_file_is_written_in(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format github defaults to --lang auto: a French-writing State's pull request is annotated in French."""
    for code, lang in (("SEN", "fr"), ("COL", "es"), ("NOR", None), ("AGO", "pt")):
        body = _written_in(lang).replace("{code}", code)
        (site / "states" / f"{code}.yml").write_text(state_yaml(code, body), encoding="utf-8")
    code, out = run(capsys, "validate", "--format", "github", *AS_OF)
    assert code == 1
    by_file = {line.split(",")[0].removeprefix("::error file="): line for line in out.splitlines()}
    assert "title=schema-enum::besoin SEN-N-001, champ `status` : 'Ouvert'" in by_file["states/SEN.yml"]
    assert "%0Aconseil : vouliez-vous dire `open` ?" in by_file["states/SEN.yml"]
    assert "title=schema-enum::necesidad COL-N-001, campo `status`: 'Ouvert'" in by_file["states/COL.yml"]
    assert "title=schema-enum::need NOR-N-001 status is 'Ouvert'" in by_file["states/NOR.yml"]
    assert "title=schema-enum::need AGO-N-001 status is 'Ouvert'" in by_file["states/AGO.yml"]  # pt: English
    _, out = run(capsys, "validate", "--format", "github", "--lang", "es", *AS_OF)
    assert all("::necesidad " in line for line in out.splitlines()), out  # --lang es: every file in Spanish


def test_auto_in_text_says_each_file_in_its_language_and_the_summary_in_the_shells(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "states" / "SEN.yml").write_text(state_yaml("SEN", _written_in("fr").replace("{code}", "SEN")), "utf-8")
    _, out = run(capsys, "validate", "--lang", "auto", *AS_OF)
    assert out.startswith("states/SEN.yml:10:13: erreur [schema-enum] besoin SEN-N-001")
    assert "1 error(s), 0 warning(s)" in out and "Each rule is explained at /contribute/rules/." in out


def test_json_is_in_the_language_asked(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "states" / "SEN.yml").write_text(BAD_STATUS, encoding="utf-8")
    _, out = run(capsys, "validate", "--format", "json", "--lang", "fr", *AS_OF)
    [problem] = json.loads(out)
    assert problem["message"].startswith("besoin SEN-N-001, champ `status` : ")
    assert problem["hint"].startswith("vouliez-vous dire `open` ?")


@pytest.mark.parametrize(
    ("entries", "meant"),
    [
        ([], "en"),
        ([{"id": "X"}], "en"),  # no `language`: English
        ([{"language": "fr"}, {"language": "fr"}, {}], "fr"),
        ([{"language": "fr"}, {}], "fr"),  # a tie goes to the language that is not English
        ([{"language": "es"}, {"language": "fr"}, {"language": "es"}], "es"),
        ([{"language": "pt"}, {"language": "pt"}], "en"),  # not a language of the site
        ([{"language": 3}], "en"),
    ],
)
def test_the_language_a_file_is_written_in(entries: list[dict[str, object]], meant: str) -> None:
    data = {"needs": entries[:1], "offers": entries[1:2], "challenges": entries[2:]}
    assert writing_language(data) == meant
    assert writing_language(None) == "en"


def test_the_language_of_a_file_that_does_not_parse_is_read_from_its_lines() -> None:
    text = "needs:\n  - id: SEN-N-001\n    title: Déminage: phase 2\n    language: fr\n  - {id: SEN-N-002, title: x\n"
    assert writing_language_of_text(text) == "fr"
    assert writing_language_of_text("needs:\n  - id: A\n  - id: B\n    language: fr\n  - id: C\n") == "en"
    assert writing_language_of_text("state: SEN\n") == "en"


def test_a_problem_of_a_file_that_does_not_parse_follows_its_language(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = state_yaml("SEN", "needs:\n  - id: SEN-N-001\n    language: fr\n    title: [Déminage\n")
    (site / "states" / "SEN.yml").write_text(text, encoding="utf-8")
    _, out = run(capsys, "validate", "--format", "github", *AS_OF)
    assert "line=7,col=12,title=yaml-syntax::le `[` ouvert à la ligne 7 n'est jamais fermé%0Aconseil : " in out


def test_format_functions_take_a_language_per_file() -> None:
    problem = Problem(
        "states/SEN.yml", 9, 13, "error", "schema-enum", Text("problem.where_file"), Text("problem.where_file")
    )
    other = Problem(
        "states/NOR.yml", 1, 1, "error", "schema-enum", Text("problem.where_file"), Text("problem.where_file")
    )
    text = format_text([problem, other], "es", {"states/SEN.yml": "fr"})
    assert "SEN.yml:9:13: erreur [schema-enum] le fichier\n  conseil : le fichier (explications : /fr/" in text
    assert "NOR.yml:1:1: error [schema-enum] el archivo\n  consejo: el archivo (explicaciones: /es/" in text
    assert text.endswith("2 error(es), 0 advertencia(s)")
    github = format_github([problem, other], "en", {"states/NOR.yml": "es"})
    assert "::le fichier" not in github and "::the file%0Ahint: the file" in github and "::el archivo%0A" in github


# --- the build's own output -------------------------------------------------------------------


def test_a_failed_build_says_its_problems_in_the_shells_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site(tmp_path, {"SEN": BAD_STATUS})
    monkeypatch.setenv("LANG", "fr_SN.UTF-8")
    proc = run_mkdocs(root, tmp_path / "site")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "states/SEN.yml:9:13: erreur [schema-enum] besoin SEN-N-001, champ `status`" in output, output[-2000:]
    assert "conseil : vouliez-vous dire `open` ?" in output
    assert "pfp : 1 erreur(s) dans les fichiers des États ; rien n'a été construit." in output


def test_pfp_build_lang_is_passed_to_its_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path, {"SEN": BAD_STATUS})
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    code = main(["build", "--languages", "en", "--lang", "es", "--site-dir", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 1
    assert "pfp build: en FALLÓ en " in out
    assert "error [schema-enum] necesidad SEN-N-001, campo `status`: 'Ouvert'" in out, out[-2000:]
    assert out.rstrip().endswith("no se publicó nada; " + str(tmp_path / "out") + "/ quedó como estaba.")


def test_pfp_lang_comes_before_the_locale() -> None:
    from build_hooks.i18n import language_of_environment

    assert language_of_environment({"PFP_LANG": "es", "LC_ALL": "fr_FR.UTF-8"}) == "es"
    assert language_of_environment({"PFP_LANG": "pt", "LANG": "fr_SN.UTF-8"}) == "fr"  # not a site language


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_field_of_offers_written_under_a_need_says_where_it_belongs(tmp_path: Path, lang: str) -> None:
    """`eligible` on a need is spelt right: "did you mean `eligible`?" would not help, the list would."""
    from helpers import validate_texts

    text = (
        "schema_version: 2\nstate: KHM\nneeds:\n  - id: KHM-N-001\n    title: Clearance funding\n"
        "    status: open\n    area: clearance\n    kind: financial\n    eligible: any\n"
    )
    result = validate_texts(tmp_path, {"KHM": text})
    problems = [p for p in result.problems if p.rule == "schema-unknown-field"]
    assert [(p.line, p.col) for p in problems] == [(9, 5)]
    hint = str(problems[0].localised(lang).hint)
    assert "`offers:`" in hint and "`needs:`" in hint and "did you mean" not in hint


def test_silent_changes_are_reported_in_an_entry_that_has_schema_errors_too(tmp_path: Path) -> None:
    """Every problem at once: a misspelt key does not hide ` #`, 2.500 or curly quotes in the same entry."""
    from helpers import validate_texts

    text = (
        "schema_version: 2\nstate: KHM\nneeds:\n  - id: KHM-N-001\n    title: Clearance #2 in Pailin\n"
        "    staus: open\n    area: clearance\n    kind: financial\n    amount: {value: 2.500, currency: USD}\n"
        "    description: “Survey teams”\n"
    )
    rules = {(p.rule, p.line) for p in validate_texts(tmp_path, {"KHM": text}).problems}
    assert {
        ("schema-unknown-field", 6),
        ("text-cut-by-comment", 5),
        ("amount-decimal-point", 9),
        ("text-curly-quotes", 10),
    } <= rules
