"""``pfp``: exit codes, output formats, and the template writer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers import KHM_SAMPLE as GOOD
from helpers import write_record

from build_hooks.cli import main
from build_hooks.engine.load import load_text
from build_hooks.workflow.formatting import canonical_text, comments_of

AS_OF = ["--as-of", "2026-11-27"]

WITH_ERROR = GOOD.replace("status: open", "status: Open")  # schema-enum at 11:13
WITH_WARNING = GOOD.replace("status: open", 'status: open\n    description: "<b>urgent</b>"')  # style-raw-html 12:18
WITH_UNKNOWN_KEY = GOOD.replace("status: open", "status: open\n    staus: met")  # schema-unknown-field at 12:5


@pytest.fixture
def states(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):  # messages in English unless a test asks
        monkeypatch.delenv(name, raising=False)
    write_record(tmp_path)
    folder = tmp_path / "states"
    folder.mkdir()
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- pfp validate: exit codes ------------------------------------------------------------


def test_good_files_exit_0(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(GOOD, encoding="utf-8")
    code, out, _ = run(capsys, "validate", *AS_OF)
    assert code == 0
    assert "1 file(s) checked" in out
    assert "no problems found" in out


def test_an_error_exits_1(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(WITH_ERROR, encoding="utf-8")
    code, out, _ = run(capsys, "validate", *AS_OF)
    assert code == 1
    assert out.startswith("states/KHM.yml:11:13: error [schema-enum] ")
    assert "\n  hint: did you mean `open`?" in out
    assert "1 error(s), 0 warning(s)" in out


def test_warnings_alone_exit_0(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(WITH_WARNING, encoding="utf-8")
    code, out, _ = run(capsys, "validate", *AS_OF)
    assert code == 0
    assert out.startswith("states/KHM.yml:12:18: warning [style-raw-html] KHM-N-001: description contains HTML")
    assert "0 error(s), 1 warning(s)" in out


def test_an_unknown_key_is_an_error_with_did_you_mean(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt key would lose data without a word: it is an error, with the field it resembles."""
    (states / "KHM.yml").write_text(WITH_UNKNOWN_KEY, encoding="utf-8")
    code, out, _ = run(capsys, "validate", *AS_OF)
    assert code == 1
    assert out.startswith(
        "states/KHM.yml:12:5: error [schema-unknown-field] `staus` is not a field the Platform knows\n"
        "  hint: did you mean `status`?"
    )


def test_strict_makes_warnings_fail(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(WITH_WARNING, encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--strict", *AS_OF)
    assert code == 1
    assert out.startswith("states/KHM.yml:12:18: error [style-raw-html]")


def test_as_of_moves_today(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(GOOD, encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--as-of", "2026-09-30")
    assert code == 1
    assert "states/KHM.yml:5:16: error [date-future] last_reviewed 2026-10-01 is in the future" in out
    code, out, _ = run(capsys, "validate", "--as-of", "2028-01-01")
    assert code == 0
    assert "[style-stale-review]" in out


def test_a_bad_as_of_date_is_a_usage_error(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--as-of", "27/11/2026"])
    assert exit_info.value.code == 2
    assert "is not a date written YYYY-MM-DD" in capsys.readouterr().err


def test_one_file_is_checked_against_the_whole_folder(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(GOOD, encoding="utf-8")
    (states / "NOR.yml").write_text(
        "schema_version: 2\nstate: NOR\n# (the record holds membership)\nlast_reviewed: 2026-10-01\n"
        "offers:\n  - {id: NOR-O-001, title: Funding, area: clearance, kind: financial, status: available,"
        " eligible: any, responds_to: [KHM-N-001, KHM-N-002]}\n",
        encoding="utf-8",
    )
    (states / "AGO.yml").write_text(WITH_ERROR.replace("KHM", "AGO"), encoding="utf-8")
    code, out, _ = run(capsys, "validate", "states/NOR.yml", *AS_OF)
    assert code == 1
    assert out.splitlines()[0].startswith("states/NOR.yml:6:")
    assert "KHM-N-002, which no State defines" in out
    assert "KHM-N-001," not in out  # resolved from states/KHM.yml, which was not named
    assert "AGO.yml" not in out  # problems of files not named are not reported


def test_a_missing_path_exits_2(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", "states/XXX.yml")
    assert code == 2
    assert "states/XXX.yml: no such file or folder" in err


def test_quiet_prints_nothing_when_all_is_well(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(GOOD, encoding="utf-8")
    assert run(capsys, "validate", "--quiet", *AS_OF) == (0, "", "")


# --- pfp validate: formats ------------------------------------------------------------------


def test_github_format(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(WITH_ERROR, encoding="utf-8")
    (states / "NOR.yml").write_text(WITH_WARNING.replace("KHM", "NOR"), encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "github", *AS_OF)
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        "::error file=states/KHM.yml,line=11,col=13,title=schema-enum::need KHM-N-001 status is 'Open', which is not "
        "one of: open, partially_met, met or withdrawn%0Ahint: did you mean `open`? Use one of the words listed in "
        "the message (they are lower case, with underscores).",
        "::warning file=states/NOR.yml,line=12,col=18,title=style-raw-html::NOR-N-001: description contains HTML "
        "tags, which will be shown as text%0Ahint: Use Markdown instead: `**bold**`, "
        "`[link](https://example.org/page)`, lists with `- `.",
    ]
    for line in lines:
        assert line.startswith(("::error file=", "::warning file="))


def test_github_format_strict_turns_warnings_into_errors(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(WITH_WARNING, encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "github", "--strict", *AS_OF)
    assert code == 1
    assert out.startswith("::error file=states/KHM.yml,line=12,col=18,")


def test_json_format(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(WITH_ERROR, encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "json", *AS_OF)
    assert code == 1
    problems = json.loads(out)
    assert len(problems) == 1
    problem = problems[0]
    assert {"path", "line", "col", "severity", "rule", "message", "hint"} <= set(problem)
    assert (problem["path"], problem["line"], problem["col"], problem["rule"]) == (
        "states/KHM.yml",
        11,
        13,
        "schema-enum",
    )
    assert problem["hint"]


def test_json_format_with_no_problem_prints_nothing(states: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (states / "KHM.yml").write_text(GOOD, encoding="utf-8")
    assert run(capsys, "validate", "--format", "json", *AS_OF) == (0, "", "")


# --- pfp new ----------------------------------------------------------------------------


def test_new_writes_a_file_that_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_record(tmp_path)
    code, out, _ = run(capsys, "new", "KHM", "--states-dir", "tmp", "--lang", "en")
    assert code == 0
    written = tmp_path / "tmp" / "KHM.yml"
    assert written.is_file()
    assert "wrote tmp/KHM.yml" in out
    text = written.read_text(encoding="utf-8")
    assert "state: KHM" in text
    # Only what is true: the file has not been reviewed yet, holds no contact and no fact of the record.
    assert f"# last_reviewed: {dt.date.today().isoformat()}" in text
    assert "example.org" not in text
    assert not any(line.startswith(("membership:", "obligations:", "reporting:")) for line in text.splitlines())
    code, out, _ = run(capsys, "validate", "--states-dir", "tmp", "--format", "json")
    assert code == 0
    assert [p for p in json.loads(out or "[]") if p["severity"] == "error"] == []


def test_new_lower_case_code_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "new", "nor", "--states-dir", "tmp")
    assert code == 0
    assert (tmp_path / "tmp" / "NOR.yml").is_file()


def test_new_never_overwrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tmp").mkdir()
    existing = tmp_path / "tmp" / "KHM.yml"
    existing.write_text("# my work\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "KHM", "--states-dir", "tmp", "--lang", "en")
    assert code == 1
    assert existing.read_text(encoding="utf-8") == "# my work\n"
    assert "already exists" in err
    assert "nothing was changed" in err


@pytest.mark.parametrize("code_arg", ["XYZ", "USA", "KH"])
def test_new_rejects_codes_that_are_not_states_parties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, code_arg: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "new", code_arg, "--states-dir", "tmp")
    assert code != 0
    assert code_arg in err
    assert "State Party" in err
    assert not (tmp_path / "tmp").exists()


def test_new_stdout_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "new", "AGO", "--stdout")
    assert code == 0
    assert "state: AGO" in out
    assert list(tmp_path.iterdir()) == []


# --- pfp format -------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "workflow"
# A messy file of KHM and its canonical text: the pair the formatter's own tests share.
MESSY = (FIXTURES / "format-fixtures" / "need-messy.in.yml").read_text(encoding="utf-8")
CANONICAL = (FIXTURES / "format-fixtures" / "need-messy.out.yml").read_text(encoding="utf-8")


def test_format_rewrites_what_is_not_canonical_and_names_it(states: Path, capsys) -> None:
    (states / "KHM.yml").write_text(MESSY, encoding="utf-8")
    (states / "NOR.yml").write_text("schema_version: 2\nstate: NOR\n", encoding="utf-8")
    examples = states.parent / "examples"
    examples.mkdir()
    (examples / "AGO.yml").write_text("state: AGO\nschema_version: 2\n", encoding="utf-8")
    before = (states / "NOR.yml").stat().st_mtime_ns
    code, out, _ = run(capsys, "format")
    assert code == 0
    assert out.splitlines() == [
        "states/KHM.yml: reformatted",
        "examples/AGO.yml: reformatted",
        "pfp format: 2 of 3 file(s) reformatted; the data in them is unchanged",
    ]
    assert (states / "KHM.yml").read_text(encoding="utf-8") == CANONICAL
    assert (examples / "AGO.yml").read_text(encoding="utf-8") == "schema_version: 2\nstate: AGO\n"
    assert (states / "NOR.yml").stat().st_mtime_ns == before  # a canonical file is not touched
    assert run(capsys, "format") == (0, "pfp format: 3 file(s) checked, all in the canonical layout\n", "")


def test_format_check_changes_nothing_and_says_what_to_run(states: Path, capsys) -> None:
    (states / "KHM.yml").write_text(MESSY, encoding="utf-8")
    (states / "NOR.yml").write_bytes(b"schema_version: 2\r\nstate: NOR\r\n")  # Windows line ends
    code, out, _ = run(capsys, "format", "--check")
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == [
        "states/KHM.yml: not in the canonical layout: run `pfp format states/KHM.yml`",
        "states/NOR.yml: not in the canonical layout: run `pfp format states/NOR.yml`",
    ]
    assert lines[2].startswith("pfp format --check: 2 of 2 file(s) not in the canonical layout.")
    assert (states / "KHM.yml").read_text(encoding="utf-8") == MESSY
    assert (states / "NOR.yml").read_bytes() == b"schema_version: 2\r\nstate: NOR\r\n"


def test_format_check_passes_on_canonical_files(states: Path, capsys) -> None:
    (states / "KHM.yml").write_text(CANONICAL, encoding="utf-8")
    assert run(capsys, "format", "--check", "states/KHM.yml") == (
        0,
        "pfp format: 1 file(s) checked, all in the canonical layout\n",
        "",
    )


def test_format_reports_a_file_it_cannot_read_and_leaves_it(states: Path, capsys) -> None:
    broken = "schema_version: 2\nstate: KHM\nneeds:\n  - id: KHM-N-001\n   title: x\n"
    (states / "KHM.yml").write_text(broken, encoding="utf-8")
    (states / "NOR.yml").write_text("state: NOR\nschema_version: 2\n", encoding="utf-8")
    code, out, _ = run(capsys, "format")
    assert code == 1
    assert out.startswith("states/NOR.yml: reformatted\nstates/KHM.yml:5:")
    assert "error [yaml-syntax]" in out
    assert "they were left as they were" in out
    assert (states / "KHM.yml").read_text(encoding="utf-8") == broken


def test_format_a_missing_path_exits_2(states: Path, capsys) -> None:
    code, _, err = run(capsys, "format", "states/XYZ.yml")
    assert code == 2
    assert "states/XYZ.yml: no such file or folder" in err


# --- pfp apply --------------------------------------------------------------------------

# SEN before; what the form editor sends back (SEN-N-001 met, a new offer, a new review date,
# another layout); Norway's file, whose offer answers SEN-N-002.
SEN_BEFORE, SEN_RECEIVED, NOR_ANSWERS_SEN = (
    (FIXTURES / "apply-fixtures" / name).read_text(encoding="utf-8")
    for name in ("SEN-before.yml", "SEN-received.yml", "NOR-answers-SEN.yml")
)


def test_apply_writes_the_file_in_the_canonical_layout_and_says_what_changed(states: Path, capsys) -> None:
    (states / "SEN.yml").write_text(SEN_BEFORE, encoding="utf-8")
    (states / "NOR.yml").write_text(NOR_ANSWERS_SEN, encoding="utf-8")
    inbox = states.parent / "inbox"
    inbox.mkdir()
    received = inbox / "SEN (1).yml"  # a second download keeps its browser's name
    received.write_text(SEN_RECEIVED, encoding="utf-8")
    code, out, _ = run(capsys, "apply", "inbox/SEN (1).yml", *AS_OF)
    assert code == 0, out
    written = (states / "SEN.yml").read_text(encoding="utf-8")
    doc, _ = load_text("x", SEN_RECEIVED)
    assert doc is not None
    assert written == canonical_text(doc.data, comments_of(SEN_RECEIVED))
    assert "error" not in out
    assert "pfp apply: wrote states/SEN.yml for Senegal (SEN), in the canonical layout." in out
    assert "  added: SEN-O-001\n  changed: SEN-N-001\n  other changes: last_reviewed\n" in out
    assert "removed" not in out
    assert "git add states/SEN.yml" in out and "pull request" in out
    assert received.read_text(encoding="utf-8") == SEN_RECEIVED
    code, out, _ = run(capsys, "apply", "inbox/SEN (1).yml", *AS_OF)
    assert code == 0
    assert "states/SEN.yml already holds exactly this file for Senegal (SEN); nothing to do." in out


def test_apply_writes_nothing_when_the_repository_would_have_an_error(states: Path, capsys) -> None:
    (states / "SEN.yml").write_text(SEN_BEFORE, encoding="utf-8")
    (states / "NOR.yml").write_text(NOR_ANSWERS_SEN, encoding="utf-8")
    # SEN-N-002 deleted (Norway's offer answers it), a status written as the site shows it.
    bad = SEN_RECEIVED.replace("status: met", "status: Met")
    bad = bad[: bad.index("  - id: SEN-N-002")] + bad[bad.index("offers:") :]
    (states.parent / "SEN.yml").write_text(bad, encoding="utf-8")
    code, out, _ = run(capsys, "apply", "SEN.yml", *AS_OF)
    assert code == 1
    assert (states / "SEN.yml").read_text(encoding="utf-8") == SEN_BEFORE
    assert "SEN.yml:6:50: error [schema-enum] need SEN-N-001 status is 'Met'" in out
    assert "\nstates/NOR.yml:11:19: error [ref-unknown-need] " in out  # the other State's file breaks
    assert "pfp apply: nothing was written." in out
    assert "run `pfp apply SEN.yml` again" in out


def test_apply_needs_the_state_and_a_readable_file(states: Path, capsys) -> None:
    (states.parent / "none.yml").write_text("schema_version: 2\nneeds: []\n", encoding="utf-8")
    code, out, _ = run(capsys, "apply", "none.yml", *AS_OF)
    assert code == 1
    assert out.startswith("none.yml:1:1: error [schema-required] the file has no `state:` line")
    (states.parent / "latin1.yml").write_bytes("schema_version: 2\nstate: SEN\ntitle: Caf\xe9\n".encode("latin-1"))
    code, out, _ = run(capsys, "apply", "latin1.yml", *AS_OF)
    assert code == 1
    assert out.startswith("latin1.yml:3:11: error [yaml-encoding]")
    (states.parent / "xyz.yml").write_text("schema_version: 2\nstate: XYZ\n", encoding="utf-8")
    code, out, _ = run(capsys, "apply", "xyz.yml", *AS_OF)
    assert code == 1
    assert out.startswith("xyz.yml:2:8: error [state-unknown] XYZ is not an ISO 3166-1 alpha-3 country code")
    assert list(states.iterdir()) == []


def test_format_and_apply_speak_the_shells_language_or_lang(
    states: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    (states / "KHM.yml").write_text(MESSY, encoding="utf-8")
    monkeypatch.setenv("LANG", "fr_SN.UTF-8")
    code, out, _ = run(capsys, "format", "--check")
    assert code == 1
    assert out.startswith(
        "states/KHM.yml : pas dans la présentation canonique : exécutez `pfp format states/KHM.yml`\n"
    )
    (states.parent / "SEN.yml").write_text("schema_version: 2\nstate: SEN\nneeds: {}\n", encoding="utf-8")
    code, out, _ = run(capsys, "apply", "SEN.yml", "--lang", "es", *AS_OF)
    assert code == 1
    assert "SEN.yml:3:8: error [schema-type] " in out
    assert "\n  consejo: " in out
    assert "pfp apply: no se ha escrito nada. Corrija los errores anteriores en el archivo recibido" in out
    assert not (states / "SEN.yml").exists()


def test_apply_outside_a_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "SEN.yml").write_text("schema_version: 2\nstate: SEN\n", encoding="utf-8")
    code, _, err = run(capsys, "apply", "SEN.yml", "--lang", "en")
    assert code == 2
    assert "states is not a folder; run pfp apply from the repository's root" in err


# --- help ----------------------------------------------------------------------------------


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for word in ("validate", "new", "generate", "pfp validate", "pfp new KHM", "pfp format", "pfp apply"):
        assert word in out


def test_validate_help_explains_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for word in ("--format", "github", "json", "--strict", "--as-of", "--states-dir", "rule"):
        assert word in out


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "validate" in capsys.readouterr().out


def test_format_check_is_advisory_for_states_files(tmp_path: Path) -> None:
    """A State's pull request made in GitHub's web editor is never refused for its layout: with
    --advisory the file is named as a warning annotation and the command succeeds."""
    import subprocess
    import sys

    path = tmp_path / "SEN.yml"
    path.write_text("schema_version: 2\nstate:   SEN\n", encoding="utf-8")
    command = [sys.executable, "-m", "build_hooks.cli", "format", "--check", str(path)]
    strict = subprocess.run(command, capture_output=True, text=True, check=False)
    assert strict.returncode == 1
    advisory = subprocess.run(
        [*command, "--advisory", "--format", "github", "--lang", "fr"], capture_output=True, text=True, check=False
    )
    assert advisory.returncode == 0, advisory.stdout + advisory.stderr
    assert advisory.stdout.startswith(f"::warning file={path},line=1,title=pfp format::")
    assert "l'ISU exécute `pfp format" in advisory.stdout
    assert path.read_text(encoding="utf-8") == "schema_version: 2\nstate:   SEN\n"
