"""Dialogue reports: front matter read strictly, validated with located problems, drafts never published."""

from __future__ import annotations

from pathlib import Path

from helpers import TODAY

from build_hooks.engine.dialogues import load_dialogues

GOOD = """---
title: Meeting with partners
state: KHM
date: 2026-06-12
participants: [Cambodia, Norway]
status: final
---

Body text.
"""


def _write(root: Path, name: str, text: str) -> None:
    folder = root / "content" / "dialogues"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_final_report_loads(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD)
    dialogues, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert problems == []
    assert [d.src_uri for d in dialogues] == ["dialogues/khm.md"]
    assert dialogues[0].published


def test_a_draft_loads_but_is_not_published(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD.replace("status: final", "status: draft"))
    dialogues, _ = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert not dialogues[0].published


def test_problems_point_at_the_line_in_the_file(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD.replace("state: KHM", "state: XYZ").replace("2026-06-12", "2026-13-01"))
    _, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    found = {(p.path, p.line, p.col, p.rule) for p in problems}
    assert ("content/dialogues/khm.md", 4, 7, "schema-date") in found


def test_unknown_state_and_future_date(tmp_path: Path) -> None:
    _write(tmp_path, "nor.md", GOOD.replace("state: KHM", "state: NOR").replace("2026-06-12", "2027-01-01"))
    _, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert {(p.line, p.rule) for p in problems} == {(3, "ref-unknown-state"), (4, "date-future")}


def test_aliases_and_duplicate_keys_are_refused_in_front_matter(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "---\ntitle: &t Meeting\nstate: *t\n---\n")
    _write(tmp_path, "b.md", "---\ntitle: One\ntitle: Two\n---\n")
    _, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert {(p.path.rsplit("/", 1)[-1], p.line, p.rule) for p in problems} == {
        ("a.md", 2, "yaml-alias"),
        ("b.md", 3, "yaml-duplicate-key"),
    }


def test_missing_front_matter(tmp_path: Path) -> None:
    _write(tmp_path, "c.md", "# Just a page\n")
    _, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert [(p.line, p.rule) for p in problems] == [(1, "schema-required")]


FRENCH = """---
title: Réunion avec les partenaires
participants: [Cambodge, Norvège]
status: final
---

Texte.
"""


def _write_translation(root: Path, lang: str, name: str, text: str) -> None:
    folder = root / "content" / lang / "dialogues"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_final_translation_is_kept_with_the_report(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD)
    _write_translation(tmp_path, "fr", "khm.md", FRENCH)
    dialogues, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert problems == []
    report = dialogues[0]
    french = report.version("fr")
    assert (french.title, french.participants, french.language) == (
        "Réunion avec les partenaires",
        ("Cambodge", "Norvège"),
        "fr",
    )
    assert french.body.strip() == "Texte."
    assert report.version("es") == report.original  # no Spanish translation: the original
    assert report.original.language == "en"


def test_a_translation_takes_the_reports_participants_when_it_gives_none(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD)
    _write_translation(tmp_path, "es", "khm.md", "---\ntitle: Reunión\nstatus: final\nlanguage: es\n---\nTexto.\n")
    dialogues, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert problems == []
    assert dialogues[0].version("es").participants == ("Cambodia", "Norway")


def test_a_draft_translation_is_never_kept(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD)
    _write_translation(tmp_path, "fr", "khm.md", FRENCH.replace("status: final", "status: draft"))
    dialogues, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert problems == []
    assert dialogues[0].translations == ()
    assert dialogues[0].version("fr") == dialogues[0].original


def test_a_translation_must_agree_with_its_report(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD)
    text = FRENCH.replace("status: final", "status: final\nstate: NOR\ndate: 2026-06-12\nlanguage: es")
    _write_translation(tmp_path, "fr", "khm.md", text)
    dialogues, problems = load_dialogues(tmp_path, {"KHM", "NOR"}, TODAY)
    assert [(p.path, p.line, p.rule) for p in problems] == [
        ("content/fr/dialogues/khm.md", 7, "dialogue-translation"),  # language: es in the French folder
        ("content/fr/dialogues/khm.md", 5, "dialogue-translation"),  # another State
    ]
    assert "gives `state: NOR`, but the report it translates (dialogues/khm.md) gives KHM" in problems[1].message
    assert dialogues[0].translations == ()


def test_a_translation_is_checked_like_a_report(tmp_path: Path) -> None:
    """Unknown keys (which would reach the theme), aliases and a missing title are refused as in a report."""
    _write(tmp_path, "khm.md", GOOD)
    _write(tmp_path, "nor.md", GOOD.replace("khm", "nor"))
    _write_translation(tmp_path, "fr", "khm.md", FRENCH.replace("status: final", "status: final\ntemplate: x.html"))
    _write_translation(tmp_path, "es", "khm.md", "---\ntitle: &t Reunión\nstatus: *t\n---\n")
    _write_translation(tmp_path, "es", "nor.md", "---\nstatus: final\n---\n")
    dialogues, problems = load_dialogues(tmp_path, {"KHM", "NOR"}, TODAY)
    found = {(p.path, p.line, p.rule) for p in problems}
    assert ("content/fr/dialogues/khm.md", 5, "dialogue-unknown-key") in found
    assert ("content/es/dialogues/khm.md", 2, "yaml-alias") in found
    assert {rule for path, _, rule in found if path == "content/es/dialogues/nor.md"} == {"schema-required"}
    assert all(d.translations == () for d in dialogues)


def test_a_translation_of_no_report_and_reports_in_other_folders_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD)
    _write_translation(tmp_path, "fr", "nor.md", FRENCH)  # no content/dialogues/nor.md
    _write_translation(tmp_path, "de", "khm.md", FRENCH)  # not a language of the site
    folder = tmp_path / "content" / "fr" / "Dialogues"
    folder.mkdir(parents=True)
    (folder / "khm.md").write_text(FRENCH, encoding="utf-8")
    _, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert sorted((p.path, p.rule) for p in problems) == [
        ("content/de/dialogues/khm.md", "dialogue-place"),
        ("content/fr/Dialogues/khm.md", "dialogue-place"),
        ("content/fr/dialogues/nor.md", "dialogue-place"),
    ]


def test_a_report_written_in_french_needs_no_french_translation(tmp_path: Path) -> None:
    _write(tmp_path, "khm.md", GOOD.replace("status: final", "status: final\nlanguage: fr"))
    _write_translation(tmp_path, "fr", "khm.md", FRENCH)
    dialogues, problems = load_dialogues(tmp_path, {"KHM"}, TODAY)
    assert [(p.line, p.rule) for p in problems] == [(1, "dialogue-translation")]
    assert dialogues[0].version("fr").language == "fr"  # the report itself, in French
