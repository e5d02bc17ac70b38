"""Entry dates from git history: real events from real commits, and no crash without history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import commit, git

from build_hooks.exports.history import History, load_history
from build_hooks.gitrepo import last_commit_time

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
