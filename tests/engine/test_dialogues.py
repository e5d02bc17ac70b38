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
