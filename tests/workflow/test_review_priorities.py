"""``pfp review`` never drops what a reviewer must see: publication, consent, ownership (SECURITY.md item 29)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import FIXTURE_RECORD, TODAY, commit, git

from build_hooks.cli import main
from build_hooks.i18n import LANGUAGES
from build_hooks.reference import StateName
from build_hooks.workflow.review import review
from build_hooks.workflow.review_text import MAX_CHARS, render_markdown

HEADER = "schema_version: 2\nstate: {iso3}\nlast_reviewed: 2026-10-01\n"
CONSENTED = (
    "challenges:\n  - {id: KHM-C-001, title: Funding gap for survey teams, category: financial,\n"
    '     summary: "Survey teams stand idle for part of the year.",\n'
    "     consent: {status: given, date: 2026-02-15, by: national authority}}\n"
)


def _many_pending(count: int) -> str:
    """A huge change: ``count`` drafts and ``count`` needs with long titles, which the review may shorten."""
    drafts = [
        f"  - id: NOR-C-{n:03d}\n    title: Draft {n}\n    category: other\n"
        f'    summary: "{"A long draft summary. " * 4}"\n    consent: {{status: pending}}\n'
        for n in range(1, count + 1)
    ]
    needs = [
        f"  - {{id: NOR-N-{n:03d}, title: '{'Equipment for survey teams ' * 5}{n}', area: clearance,"
        " kind: equipment, status: open}\n"
        for n in range(1, count + 1)
    ]
    return HEADER.format(iso3="NOR") + "needs:\n" + "".join(needs) + "challenges:\n" + "".join(drafts)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE_RECORD, root / "record")
    commit(root, {"states/KHM.yml": HEADER.format(iso3="KHM"), "states/NOR.yml": HEADER.format(iso3="NOR")}, "base")
    return root


@pytest.mark.parametrize("lang", LANGUAGES)
def test_review_never_drops_publication_consent_or_ownership(repo: Path, lang: str) -> None:
    base = git(repo, "rev-parse", "HEAD")
    membership = (repo / "record" / "membership.csv").read_text(encoding="utf-8")
    khm = HEADER.format(iso3="KHM") + "contacts:\n  - {role: Focal point, github: khm-focal}\n" + CONSENTED
    commit(
        repo,
        {
            "states/KHM.yml": khm,  # a consent given, and a new handle with edit rights
            "states/NOR.yml": _many_pending(400),  # hundreds of drafts: the rest must be shortened
            # Norway withdraws: its consented challenges would leave the site.
            "record/membership.csv": membership
            + "NOR,withdrawal_notified,2026-01-02,Depositary notification,2026,yes,\n"
            + "NOR,withdrawal_effective,2026-07-02,Depositary notification,2026,yes,\n",
        },
        "a large change",
    )
    result = review(repo, base, "HEAD", TODAY)
    text = render_markdown(result, lang=lang)
    assert len(text) <= MAX_CHARS + 1_000, f"the comment fits ({len(text)})"
    assert "`pfp review --full`" in text, "the change is large enough to be shortened, and says so"
    assert "**`KHM-C-001`** (" in text and "`@khm-focal`" in text  # the consent and ownership lines
    assert f"- {StateName('NOR').in_language(lang)} (NOR)" in text.split("###")[1]  # first: the publication line
    # The shortening cuts whole lines, outside code fences, and says so.
    assert text.count("```") % 2 == 0
    full = render_markdown(result, full=True, lang=lang)
    assert "`pfp review --full`" not in full and len(full) > len(text)
    assert all(f"`NOR-N-{n:03d}`" in full for n in (1, 400))
    assert f"`NOR-C-{400:03d}`" in text  # the drafts: one line, never shortened
    if lang == "en":
        assert "(shortened:" in text
        assert "**`KHM-C-001`** (Cambodia (KHM)): consent **(no challenge) -> given**" in text
        assert "`@khm-focal` will be able to change `states/KHM.yml`" in text
        assert "Norway (NOR) is no longer a State Party" in text and "taken off the site" in text
        assert "400 challenge(s) without given consent" in text


def test_rewriting_a_consented_text_is_a_consent_matter(repo: Path) -> None:
    commit(repo, {"states/KHM.yml": HEADER.format(iso3="KHM") + CONSENTED}, "consented")
    base = git(repo, "rev-parse", "HEAD")
    rewritten = CONSENTED.replace("idle for part of the year", "idle all year because of the ministry")
    commit(repo, {"states/KHM.yml": HEADER.format(iso3="KHM") + rewritten}, "rewrite")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    consent = text.index("### ⚠ Consent changes")
    assert "consent stays **given**, but the published text changes (`summary`)" in text[consent:]


def test_pfp_review_full_option(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/NOR.yml": _many_pending(400)}, "drafts")
    assert main(["review", "--base", base, "--root", str(repo), "--as-of", TODAY.isoformat(), "--full"]) == 0
    assert "(shortened:" not in capsys.readouterr().out
