"""``pfp stale``: which States to remind, and the reminder CSV for the ISU's annual letter."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from helpers import assert_said, english_left, make_site, state_yaml, write_record

from build_hooks.cli import main
from build_hooks.workflow import reminders as stale

EDIT = "https://github.com/example/pfp/edit/main/"


def state(code: str, extra: str = "") -> str:
    return f"schema_version: 2\nstate: {code}\n{extra}"


CONTACTS = """\
contacts:
  - role: Focal point
    email: focal@mine-action.example.org
    github: khm-focal
"""
# Article 7 receipt is a fact of the official record, not of the State's file.
REPORTS = [f"{code},2025,2026-04-28,ISU article 7 database,2026,yes," for code in ("KHM", "CIV", "AGO")]


@pytest.fixture
def states(tmp_path: Path) -> Path:
    folder = tmp_path / "states"
    folder.mkdir()
    write_record(tmp_path, article7=REPORTS)
    files = {
        # reviewed long ago, with a focal point, and last year's report recorded
        "KHM": state("KHM", "last_reviewed: 2025-01-15\n" + CONTACTS),
        # reviewed recently, but no article 7 report for 2025 is recorded
        "NOR": state("NOR", "last_reviewed: 2026-10-01\n"),
        # never reviewed
        "CIV": state("CIV"),
        # all current
        "AGO": state("AGO", "last_reviewed: 2026-10-01\n"),
        # its withdrawal took effect on 27 Dec 2025 (the record's dates): not reminded
        "EST": state("EST", "last_reviewed: 2020-01-01\n"),
    }
    for code, text in files.items():
        (folder / f"{code}.yml").write_text(text, encoding="utf-8")
    return folder


def test_lists_old_missing_and_overdue(states: Path) -> None:
    rows = stale.find_stale(states, dt.date(2026, 11, 27), edit_base=EDIT)
    assert [(r.state, r.reasons) for r in rows] == [
        ("CIV", ["the file has never been reviewed (no last_reviewed date)"]),
        ("KHM", ["last reviewed on 15 January 2025, more than 12 months ago"]),
        ("NOR", ["no article 7 report for 2025 is recorded (it was due on 30 April 2026)"]),
    ]
    khm = rows[1]
    assert khm.name == "Cambodia"
    assert khm.focal_points == ["Focal point: focal@mine-action.example.org @khm-focal"]
    assert khm.edit_url == EDIT + "states/KHM.yml"


def test_before_30_april_a_missing_report_is_not_yet_overdue(states: Path) -> None:
    rows = stale.find_stale(states, dt.date(2026, 4, 30), months=24)
    assert [r.state for r in rows] == ["CIV"]


def test_threshold_in_months() -> None:
    assert stale.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert stale.months_before(dt.date(2026, 11, 27), 12) == dt.date(2025, 11, 27)
    assert stale.is_review_stale(dt.date(2025, 11, 26), dt.date(2026, 11, 27))
    assert not stale.is_review_stale(dt.date(2025, 11, 27), dt.date(2026, 11, 27))
    assert stale.is_review_stale(None, dt.date(2026, 11, 27))


def test_csv_has_a_bom_and_the_columns(states: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "reminders.csv"
    stale.write_csv(stale.find_stale(states, dt.date(2026, 11, 27), edit_base=EDIT), target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfstate,name,focal_points,what_is_stale,edit_url\r\n")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0] == {
        "state": "CIV",
        "name": "Côte d'Ivoire",
        "focal_points": "",
        "what_is_stale": "the file has never been reviewed (no last_reviewed date)",
        "edit_url": EDIT + "states/CIV.yml",
    }


def test_cli_prints_the_list_and_reads_the_edit_link_from_mkdocs_yml(
    states: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: x\nextra:\n  pfp:\n    repository_edit_url: {EDIT}\n", encoding="utf-8"
    )
    assert main(["stale", "--as-of", "2026-11-27", "--out", "reminders.csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("pfp stale: as of 27 November 2026, 3 of 5 State file(s) need a reminder")
    assert (
        "\nKHM  Cambodia\n  - last reviewed on 15 January 2025, more than 12 months ago\n"
        "  focal points: Focal point: focal@mine-action.example.org @khm-focal\n"
        f"  edit: {EDIT}states/KHM.yml\n" in out
    )
    assert "wrote reminders.csv (3 row(s))" in out
    assert (tmp_path / "reminders.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["stale", "--as-of", "2026-11-27", "--edit-base", "https://example.org/e"]) == 0
    assert "  edit: https://example.org/e/states/KHM.yml" in capsys.readouterr().out


def test_an_unreadable_file_is_listed(tmp_path: Path) -> None:
    write_record(tmp_path.parent)
    (tmp_path / "KHM.yml").write_text("state: [unclosed\n", encoding="utf-8")
    rows = stale.find_stale(tmp_path, dt.date(2026, 11, 27))
    assert rows[0].reasons == ["the file cannot be read; run `pfp validate` to see why"]


def test_without_recorded_reports_article7_is_not_checked(tmp_path: Path) -> None:
    """Not recorded is not missing: while the record holds no report at all, nobody is reminded of one."""
    write_record(tmp_path)
    folder = tmp_path / "states"
    folder.mkdir()
    (folder / "NOR.yml").write_text(state("NOR", "last_reviewed: 2026-10-01\n"), encoding="utf-8")
    assert stale.find_stale(folder, dt.date(2026, 11, 27)) == []


SAID = {
    "fr": [
        "pfp stale\u00a0: au 27 novembre 2026, 3 fichier(s) d'État sur 3 appellent un rappel.",
        "KHM  Cambodge\n  - revu pour la dernière fois le 15 janvier 2025, il y a plus de 12 mois\n",
        "  - le fichier n'a jamais été revu (aucune date last_reviewed)",
        "aucun rapport au titre de l'article 7 pour 2025 n'est enregistré (il était attendu le 30 avril 2026)",
        "  points focaux\u00a0: Point focal: pf@example.org",
        "  modifier\u00a0: https://example.org/e/states/KHM.yml",
        "Au total\u00a0: 1 jamais revu(s)",
        "Les rapports au titre de l'article 7 pour 2025 sont attendus le 30 avril 2026",
    ],
    "es": [
        "pfp stale: a fecha de 27 de noviembre de 2026, 3 de 3 archivo(s) de Estado necesitan un recordatorio.",
        "KHM  Camboya\n  - revisado por última vez el 15 de enero de 2025, hace más de 12 meses\n",
        "  - el archivo nunca se ha revisado (no tiene fecha last_reviewed)",
        "no consta ningún informe del artículo 7 correspondiente a 2025 (debía presentarse el 30 de abril de 2026)",
        "  puntos focales: Point focal: pf@example.org",
        "  editar: https://example.org/e/states/KHM.yml",
        "En total: 1 nunca revisado(s)",
        "Los informes del artículo 7 correspondientes a 2025 deben presentarse el 30 de abril de 2026",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_list_and_the_csv_are_said_in_the_language_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """The ISU's letter goes out in French or Spanish: the list, its dates and the CSV's reasons and
    names follow --lang; the CSV's column names do not (they are a file format)."""
    contact = "contacts:\n  - role: Point focal\n    email: pf@example.org\n"
    root = make_site(
        tmp_path,
        {
            "KHM": state_yaml("KHM", contact, last_reviewed="2025-01-15"),
            "CIV": "schema_version: 2\nstate: CIV\n",
            "NOR": state_yaml("NOR"),
        },
    )
    write_record(root, article7=[f"{code},2025,2026-04-28,ISU article 7 database,2026,yes," for code in ("KHM", "CIV")])
    monkeypatch.chdir(root)
    edit = ["--edit-base", "https://example.org/e/"]
    assert main(["stale", "--lang", lang, "--as-of", "2026-11-27", *edit, "--out", "letter.csv"]) == 0
    assert main(["stale", "--lang", lang, "--as-of", "2026-04-15", *edit]) == 0  # before reports are due
    out = capsys.readouterr().out
    assert_said(out, lang, SAID[lang], ("stale.",))
    with (root / "letter.csv").open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == list(stale.CSV_COLUMNS) == ["state", "name", "focal_points", "what_is_stale", "edit_url"]
    assert table[2][:2] == ["KHM", {"fr": "Cambodge", "es": "Camboya"}[lang]]
    assert SAID[lang][1].split("  - ")[1].strip() == table[2][3]
    assert english_left("\n".join(row[3] for row in table[1:]), lang, ("stale.",)) == []
    monkeypatch.setenv("LANG", f"{lang}_SN.UTF-8")  # without --lang: the shell's language
    assert main(["stale", "--months", "0"]) == 2
    assert capsys.readouterr().err.startswith(
        {"fr": "pfp stale\u00a0: --months doit", "es": "pfp stale: --months debe"}[lang]
    )
