"""Atom feeds: one entry per moment a feed's entries changed, so no two entries share ``updated``.

The W3C feed validator (``feedvalidator``'s ``entry.do_updated``: ``unique('updated', feed)``)
warns "DuplicateUpdated" on two entries of one feed with the same ``<updated>``, and
``DuplicateEntries`` on two with the same ``<id>``; :func:`feed_problems` makes the same checks,
on every feed a build writes: a made history here, and the repository's own history below.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from helpers import REPO, TODAY, commit, git, make_site, site_settings, state_yaml

from build_hooks.exports.feeds import FeedEntry, atom
from build_hooks.site.builder import output_files, prepare_build

SITE_URL = "https://example.org/pfp/"
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _need(n: int, title: str = "") -> str:
    """One of Cambodia's needs, its title quoted (any text, a comma or markup included)."""
    quoted = json.dumps(title or f"Survey teams {n}")
    return f"  - {{id: KHM-N-00{n}, title: {quoted}, area: clearance, kind: financial, status: open}}\n"


NOR_NEED = (
    "needs:\n  - {id: NOR-N-001, title: Victim assistance, area: victim_assistance, kind: expertise, status: open}\n"
)
NOR_OFFER = "offers:\n  - {id: NOR-O-001, title: Clearance funding, area: clearance, kind: financial, status: available, eligible: any}\n"


def feed_problems(name: str, text: str) -> list[str]:
    """What the W3C feed validator would warn about the uniqueness of a feed's entries."""
    entries = ET.fromstring(text.encode("utf-8")).findall(f"{ATOM}entry")
    problems = []
    for tag, warning in (("updated", "DuplicateUpdated"), ("id", "DuplicateEntries")):
        counts = Counter(e.findtext(f"{ATOM}{tag}") for e in entries)
        problems += [f"{name}: {warning}: {n} entries with <{tag}>{v}</{tag}>" for v, n in counts.items() if n > 1]
    return problems


def _feeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commits: list[tuple[str, dict[str, str]]]
) -> dict[str, str]:
    """Feeds of a site whose history is ``commits``: (committer time, files written) each, oldest first."""
    root = make_site(tmp_path, {"KHM": state_yaml("KHM"), "NOR": state_yaml("NOR")})
    git(root, "init", "-q", "-b", "main")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
    commit(root, {}, "import")
    for n, (when, files) in enumerate(commits):
        monkeypatch.setenv("GIT_COMMITTER_DATE", when)
        commit(root, files, f"change {n}")
    build = prepare_build(root / "mkdocs.yml", site_settings(root / "mkdocs.yml"), today=TODAY)
    assert build.site is not None, [p.text() for p in build.validation.errors]
    return {k: v for k, v in output_files(build, SITE_URL).items() if k.startswith("feeds/")}


def _entries(text: str) -> list[ET.Element]:
    return ET.fromstring(text.encode("utf-8")).findall(f"{ATOM}entry")


def _listed(entry: ET.Element) -> list[tuple[str, str]]:
    """(href, text) of each change an entry of several lists in its XHTML content."""
    return [(a.get("href", ""), a.text or "") for a in entry.iter(f"{XHTML}a")]


def test_one_commit_that_changes_several_entries_is_one_entry_dated_when_it_happened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request that adds three of Cambodia's needs and Norway's need and offer: one entry in
    the all-changes feed, one in each State's feed, each listing its changes with their links."""
    khm = state_yaml("KHM", "needs:\n" + _need(1) + _need(2) + _need(3))
    nor = state_yaml("NOR", NOR_NEED + NOR_OFFER)
    later = state_yaml("KHM", "needs:\n" + _need(1, "Survey teams, north") + _need(2) + _need(3))
    feeds = _feeds(
        tmp_path,
        monkeypatch,
        [
            ("2026-03-01T10:00:00Z", {"states/KHM.yml": khm, "states/NOR.yml": nor}),
            ("2026-04-01T10:00:00Z", {"states/KHM.yml": later}),
        ],
    )
    for name, text in feeds.items():
        assert feed_problems(name, text) == []

    everything = _entries(feeds["feeds/all.xml"])
    assert [e.findtext(f"{ATOM}updated") for e in everything] == ["2026-04-01T10:00:00Z", "2026-03-01T10:00:00Z"]
    newest, moment = everything
    assert newest.findtext(f"{ATOM}title") == "Updated need: Survey teams, north"  # a change alone keeps its own entry
    assert newest.find(f"{ATOM}content") is None
    assert moment.findtext(f"{ATOM}title") == "5 changes from 2 States"
    assert moment.findtext(f"{ATOM}author/{ATOM}name") is None  # the feed's author: the platform
    assert _listed(moment) == [
        # every text is today's (history gives dates only): the need renamed since reads as it does now
        (f"{SITE_URL}needs/khm-n-001/", "New need: Survey teams, north (Cambodia, KHM-N-001)"),
        (f"{SITE_URL}needs/khm-n-002/", "New need: Survey teams 2 (Cambodia, KHM-N-002)"),
        (f"{SITE_URL}needs/khm-n-003/", "New need: Survey teams 3 (Cambodia, KHM-N-003)"),
        (f"{SITE_URL}needs/nor-n-001/", "New need: Victim assistance (Norway, NOR-N-001)"),
        (f"{SITE_URL}offers/nor-o-001/", "New offer: Clearance funding (Norway, NOR-O-001)"),
    ]

    cambodia = _entries(feeds["feeds/states/khm.xml"])
    assert [e.findtext(f"{ATOM}updated") for e in cambodia] == ["2026-04-01T10:00:00Z", "2026-03-01T10:00:00Z"]
    assert cambodia[1].findtext(f"{ATOM}title") == "Cambodia: 3 changes"
    assert cambodia[1].findtext(f"{ATOM}author/{ATOM}name") == "Cambodia"
    assert [link.get("href") for link in cambodia[1].findall(f"{ATOM}link")] == [f"{SITE_URL}states/khm/"]
    assert [text for _, text in _listed(cambodia[1])] == [
        "New need: Survey teams, north (KHM-N-001)",
        "New need: Survey teams 2 (KHM-N-002)",
        "New need: Survey teams 3 (KHM-N-003)",
    ]
    norway = _entries(feeds["feeds/states/nor.xml"])
    assert [e.findtext(f"{ATOM}title") for e in norway] == ["Norway: 2 changes"]


def test_commits_of_one_second_are_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two commits stamped with the same second (a merge and its commit, a scripted import) cannot
    be told apart by time: they are one moment, so one entry."""
    one = state_yaml("KHM", "needs:\n" + _need(1))
    two = state_yaml("KHM", "needs:\n" + _need(1) + _need(2))
    feeds = _feeds(
        tmp_path,
        monkeypatch,
        [("2026-05-05T05:05:05Z", {"states/KHM.yml": one}), ("2026-05-05T05:05:05Z", {"states/KHM.yml": two})],
    )
    for name, text in feeds.items():
        assert feed_problems(name, text) == []
    (entry,) = _entries(feeds["feeds/states/khm.xml"])
    assert entry.findtext(f"{ATOM}updated") == "2026-05-05T05:05:05Z"
    assert [href for href, _ in _listed(entry)] == [f"{SITE_URL}needs/khm-n-001/", f"{SITE_URL}needs/khm-n-002/"]
    assert _entries(feeds["feeds/all.xml"])[0].findtext(f"{ATOM}title") == "Cambodia: 2 changes"


def test_an_entry_of_many_changes_names_ten_in_its_summary_and_lists_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "needs:\n" + "".join(
        f"  - {{id: KHM-N-{n:03d}, title: Need {n}, area: clearance, kind: financial, status: open}}\n"
        for n in range(1, 13)
    )
    feeds = _feeds(tmp_path, monkeypatch, [("2026-06-01T00:00:00Z", {"states/KHM.yml": state_yaml("KHM", body)})])
    (entry,) = _entries(feeds["feeds/states/khm.xml"])
    summary = entry.findtext(f"{ATOM}summary") or ""
    assert summary.count("New need:") == 10 and summary.endswith("; and 2 more")
    assert len(_listed(entry)) == 12


def test_contributor_text_in_an_entry_of_several_stays_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: a title with an ampersand and quotes reads as written, in an XHTML list of text and links only."""
    title = """Mines & ERW "north" 'phase 2'"""
    body = "needs:\n" + _need(1, title) + _need(2)
    feeds = _feeds(tmp_path, monkeypatch, [("2026-06-01T00:00:00Z", {"states/KHM.yml": state_yaml("KHM", body)})])
    for text in (feeds["feeds/all.xml"], feeds["feeds/states/khm.xml"]):
        (entry,) = _entries(text)
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "xhtml"
        assert {el.tag for el in content.iter()} == {f"{ATOM}content"} | {
            f"{XHTML}{t}" for t in ("div", "ul", "li", "a")
        }
        assert f"New need: {title} (KHM-N-001)" in [label for _, label in _listed(entry)]


def test_the_writer_escapes_markup_in_the_list_of_changes() -> None:
    """At the writer, whatever the validator refuses today: markup in a label or a URL is text."""
    bad = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    entry = FeedEntry(
        id="urn:pfp:changes:KHM:2026-06-01T00:00:00Z",
        title="Cambodia: 2 changes",
        updated="2026-06-01T00:00:00Z",
        url="states/khm/",
        state="KHM",
        state_name="Cambodia",
        summary=bad,
        parts=((bad, f'needs/"{bad}/'), ("New need: x (KHM-N-002)", "needs/khm-n-002/")),
    )
    text = atom("t", "feeds/states/khm.xml", SITE_URL, [entry], "2026-06-01T00:00:00Z")
    content = ET.fromstring(text.encode("utf-8")).find(f"{ATOM}entry/{ATOM}content")
    assert content is not None
    assert [el.tag.removeprefix(XHTML) for el in content.iter()] == [
        "{http://www.w3.org/2005/Atom}content",
        "div",
        "ul",
        "li",
        "a",
        "li",
        "a",
    ]
    first = next(content.iter(f"{XHTML}a"))
    assert first.text == bad and first.get("href") == f'{SITE_URL}needs/"{bad}/'
    assert "<script" not in text


def test_no_feed_of_the_repository_has_two_entries_of_one_time_or_one_id() -> None:
    """The real history (whatever states/ and record/ hold and however many commits a clone has)."""
    build = prepare_build(REPO / "mkdocs.yml", site_settings(REPO / "mkdocs.yml"), today=TODAY)
    assert build.site is not None, [p.text() for p in build.validation.errors]
    feeds = {k: v for k, v in output_files(build, SITE_URL).items() if k.startswith("feeds/")}
    assert "feeds/all.xml" in feeds and len(feeds) > 1
    assert [p for name, text in sorted(feeds.items()) for p in feed_problems(name, text)] == []


def test_an_entry_keeps_its_id_when_a_change_of_its_moment_leaves_the_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RFC 4287 4.2.6: an id never changes. It names the feed and the moment, not the changes it holds."""
    two = state_yaml("KHM", "needs:\n" + _need(1) + _need(2))
    one = state_yaml("KHM", "needs:\n" + _need(1))
    before = _feeds(tmp_path / "a", monkeypatch, [("2026-03-01T10:00:00Z", {"states/KHM.yml": two})])
    after = _feeds(
        tmp_path / "b",
        monkeypatch,
        [("2026-03-01T10:00:00Z", {"states/KHM.yml": two}), ("2026-04-01T10:00:00Z", {"states/KHM.yml": one})],
    )
    for name, moment_id in (
        ("feeds/states/khm.xml", "urn:pfp:changes:KHM:2026-03-01T10:00:00Z"),
        ("feeds/all.xml", "urn:pfp:changes:2026-03-01T10:00:00Z"),
    ):
        (grouped,) = _entries(before[name])
        assert grouped.findtext(f"{ATOM}id") == moment_id
        (alone,) = _entries(after[name])  # KHM-N-002 was deleted: its moment now holds one change
        assert alone.findtext(f"{ATOM}id") == moment_id, name
        assert alone.findtext(f"{ATOM}title") == "New need: Survey teams 1"
