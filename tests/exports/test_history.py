"""Entry dates from git history: real events from real commits, and no crash without history."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import TODAY, commit, git, make_site, site_settings, state_yaml

from build_hooks.exports.history import History, load_history
from build_hooks.gitrepo import last_commit_time
from build_hooks.site.builder import output_files, prepare_build

ATOM = "{http://www.w3.org/2005/Atom}"

HEAD = "schema_version: 1\nstate: KHM\nmembership: {party_since: 2000-01-01}\n"
NEED = "needs:\n  - {{id: KHM-N-001, title: Survey teams, area: clearance, kind: financial, status: {status}}}\n"
CHALLENGE = (
    "challenges:\n  - {{id: KHM-C-001, title: Funding gap, category: financial, summary: Text,"
    " consent: {{status: {status}, date: 2026-01-01, by: ministry}}}}\n"
)


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


def test_no_repository_gives_an_empty_history(tmp_path: Path) -> None:
    history = load_history(tmp_path)
    assert history == History()
    assert last_commit_time(tmp_path) is None


def test_added_then_status_change_then_edit(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    commit(root, {"states/KHM.yml": HEAD + NEED.format(status="open")}, "add")
    commit(root, {"states/KHM.yml": HEAD + NEED.format(status="met")}, "met")
    commit(root, {"states/KHM.yml": HEAD + NEED.format(status="met").replace("Survey teams", "Survey")}, "edit")
    kinds = [(c.entry_id, c.kind, c.old_status, c.new_status) for c in load_history(root).changes]
    assert kinds == [
        ("KHM-N-001", "added", "", "open"),
        ("KHM-N-001", "status", "open", "met"),
        ("KHM-N-001", "changed", "met", "met"),
    ]


def test_consent_transitions_are_status_changes(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    commit(root, {"states/KHM.yml": HEAD + CHALLENGE.format(status="pending")}, "drafted")
    commit(root, {"states/KHM.yml": HEAD + CHALLENGE.format(status="given")}, "consented")
    history = load_history(root)
    assert [(c.kind, c.new_status) for c in history.changes] == [("added", "pending"), ("status", "given")]
    assert history.first_seen("KHM-C-001") is not None
    assert history.last_changed("KHM-C-001") >= history.first_seen("KHM-C-001")  # type: ignore[operator]


def test_a_file_that_no_longer_parses_is_skipped(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    commit(root, {"states/KHM.yml": HEAD + NEED.format(status="open")}, "add")
    commit(root, {"states/KHM.yml": "needs: [unclosed\n"}, "broken")
    history = load_history(root)
    assert [c.kind for c in history.changes] == ["added"]
    assert isinstance(history.last_commit, dt.datetime)


def test_a_shallow_clone_starts_its_history_at_the_first_commit_it_has(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    commit(root, {"states/KHM.yml": HEAD + NEED.format(status="open")}, "one")
    commit(root, {"states/KHM.yml": HEAD + NEED.format(status="met")}, "two")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(shallow))
    changes = load_history(shallow).changes
    assert [(c.kind, c.new_status) for c in changes] == [("added", "met")]


def test_history_never_fails_on_an_old_commit_with_a_malformed_consent(tmp_path: Path) -> None:
    """An old commit may hold any shape: a consent that is a word, a list, a number, or a broken file."""
    repo = _repo(tmp_path)
    shapes = ['"yes"', "[given]", "7", "{status: [given]}", "{date: not-a-date}"]
    for n, shape in enumerate(shapes):
        text = HEAD + (
            f"challenges:\n  - {{id: KHM-C-001, title: Funding gap, category: financial, summary: T{n}, consent: {shape}}}\n"
        )
        commit(repo, {"states/KHM.yml": text}, f"shape {n}")
    commit(repo, {"states/KHM.yml": HEAD + CHALLENGE.format(status="given")}, "valid again")
    history = load_history(repo)
    assert history.changes[0].kind == "added"
    assert history.changes[-1].new_status == "given"


def test_feeds_are_built_from_a_real_history_not_an_empty_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not vacuous: a need added in one commit and a decision recorded in another are both entries."""
    root = make_site(tmp_path, {"KHM": state_yaml("KHM")})
    git(root, "init", "-q", "-b", "main")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
    commit(root, {}, "import")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-02-01T00:00:00Z")  # a second of its own: an entry of its own
    commit(root, {"states/KHM.yml": state_yaml("KHM", NEED.format(status="open"))}, "KHM posts a need")
    decisions = (root / "record" / "article5_decisions.csv").read_text(encoding="utf-8")
    row = "KHM,1,extension,23MSP,2026,2031-12-31,23MSP final report,2026,yes,\n"
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-03-01T00:00:00Z")
    commit(root, {"record/article5_decisions.csv": decisions + row}, "the ISU records a decision")
    build = prepare_build(root / "mkdocs.yml", site_settings(root / "mkdocs.yml"), today=TODAY)
    assert build.site is not None, [p.text() for p in build.validation.errors]
    feeds = output_files(build, "https://example.org/pfp/")
    entries = ET.fromstring(feeds["feeds/all.xml"].encode("utf-8")).findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title", "") for e in entries]
    assert "New need: Survey teams" in titles
    assert any(t.startswith("Official record, Cambodia: article 5 extension (23MSP, 2026)") for t in titles)
    khm = ET.fromstring(feeds["feeds/states/khm.xml"].encode("utf-8")).findall(f"{ATOM}entry")
    assert len(khm) == len(entries) == 2
