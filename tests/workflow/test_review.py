"""``pfp review``: the plain-language summary of a change to states/, read from throwaway git repositories."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import TODAY, commit, git

from build_hooks.cli import main
from build_hooks.diagnostics import Text
from build_hooks.i18n import LANGUAGES, translator
from build_hooks.reference import StateName
from build_hooks.workflow.review import diff_values, render_markdown, review
from build_hooks.workflow.review_text import code, show

KHM = """\
schema_version: 1
state: KHM
membership:
  party_since: 2000-01-01
last_reviewed: 2026-10-01
obligations:
  article5:
    status: in_progress
    original_deadline: 2010-01-01
    deadline: 2025-12-31
    source: "Article 7 report 2025"
    extensions:
      - {meeting: 4RC, new_deadline: 2025-12-31, source: "4RC decision"}
needs:
  - id: KHM-N-001
    title: Land release in the north-west
    area: clearance
    kind: financial
    status: open
    amount: {value: 2500000, currency: USD}
  - id: KHM-N-002
    title: Survivor data management
    area: victim_assistance
    kind: expertise
    status: open
  - id: KHM-N-003
    title: Mine detection dogs
    area: clearance
    kind: equipment
    status: met
challenges:
  - id: KHM-C-001
    title: Funding gap for survey teams
    category: financial
    summary: "Survey teams stand idle for part of the year. CANARY-SUMMARY-C001"
    consent: {status: given, date: 2026-02-15, by: national authority}
"""

# The change: consent withdrawn, a need deleted, an amount raised, a need reopened,
# a new need, and a new extension.
KHM_CHANGED = (
    KHM.replace(
        "consent: {status: given, date: 2026-02-15, by: national authority}",
        "consent: {status: withdrawn}",
    )
    .replace(
        """  - id: KHM-N-002
    title: Survivor data management
    area: victim_assistance
    kind: expertise
    status: open
""",
        "",
    )
    .replace("value: 2500000", "value: 3000000")
    .replace("status: met", "status: open")
    .replace("    deadline: 2025-12-31\n", "    deadline: 2030-12-31\n")
    .replace(
        '      - {meeting: 4RC, new_deadline: 2025-12-31, source: "4RC decision"}\n',
        '      - {meeting: 4RC, new_deadline: 2025-12-31, source: "4RC decision"}\n'
        '      - {meeting: 22MSP, new_deadline: 2030-12-31, source: "22MSP decision"}\n',
    )
    + """\
  - id: KHM-C-002
    title: Draft awaiting consent
    category: capacity
    summary: "A draft. CANARY-PENDING-C002"
    consent: {status: pending}
"""
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, {"states/KHM.yml": KHM}, "base")
    return root


def test_consent_change_comes_first_then_lost_history_then_the_state(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM_CHANGED}, "change")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    consent = text.index("### ⚠ Consent changes")
    lost = text.index("### ⚠ Entries deleted instead of closed")
    state = text.index("### Cambodia (KHM)")
    assert consent < lost < state
    # nothing but the title comes before the consent section
    assert text[:consent].strip() == "## pfp review: what this change does to the State files"
    assert "- **`KHM-C-001`** (Cambodia (KHM)): consent **given -> withdrawn**." in text
    assert "**will be taken off the site**" in text
    assert "- Cambodia (KHM): 1 challenge(s) without given consent (`KHM-C-002`). Not published." in text
    assert "their text is already visible in it" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_of_an_unconsented_challenge_is_never_quoted(repo: Path, lang: str) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM_CHANGED.replace("idle for part", "idle for most")}, "change")
    text = render_markdown(review(repo, base, "HEAD", TODAY), lang=lang)
    assert "CANARY-SUMMARY-C001" not in text
    assert "CANARY-PENDING-C002" not in text
    assert "Draft awaiting consent" not in text
    assert "Funding gap for survey teams" not in text  # its consent is withdrawn at head
    assert Text("review.changed_not_quoted", path="`summary`").in_language(lang) in text
    if lang == "en":
        assert "`summary` changed (text not quoted: consent is not given)" in text


def test_a_deleted_need_is_flagged_as_lost_history(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM_CHANGED}, "change")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert (
        "- need `KHM-N-002` `Survivor data management` (Cambodia (KHM), was `open`): ids are permanent:"
        " put the entry back and close it with `status: met` or `status: withdrawn`." in text
    )
    assert "**Deleted (history lost, see above)**\n\n- need `KHM-N-002`" in text


def test_a_changed_amount_reads_old_to_new(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM_CHANGED}, "change")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert (
        "- need `KHM-N-001` `Land release in the north-west`:\n  - `amount`: `2 500 000 USD` -> `3 000 000 USD`" in text
    )


def test_reopened_deadline_and_extension(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM_CHANGED}, "change")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert "**Reopened**\n\n- need `KHM-N-003` `Mine detection dogs`: status `met` -> `open`" in text
    assert "- `obligations.article5.deadline`: `2025-12-31` -> `2030-12-31`" in text
    assert (
        "- `obligations.article5.extensions[2030-12-31]` added: "
        "`{meeting: 22MSP, new_deadline: 2030-12-31, source: 22MSP decision}`" in text
    )


def test_closing_and_adding(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    new_need = """\
  - id: KHM-N-004
    title: Risk education materials
    area: risk_education
    kind: equipment
    status: open
    amount: {value: 12500.5, currency: EUR}
    period: {start: 2027-01-01, end: 2027-12-31}
"""
    changed = KHM.replace("    status: open\n    amount", "    status: met\n    amount").replace(
        "challenges:", new_need + "challenges:"
    )
    commit(repo, {"states/KHM.yml": changed}, "close and add")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert "Consent changes" not in text
    assert "history lost" not in text
    assert "**Closed**\n\n- need `KHM-N-001` `Land release in the north-west`: status `open` -> `met`" in text
    assert (
        "**Added**\n\n- need `KHM-N-004` `Risk education materials`: area `risk_education`, kind `equipment`,"
        " status `open`, amount `12 500.5 EUR`, period `2027-01-01 to 2027-12-31`" in text
    )


def test_problems_introduced_by_the_change_are_listed_once(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM.replace("kind: equipment", "kind: equipement")}, "typo")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert "### ⚠ Problems this change introduces: 1 error(s), 0 warning(s)" in text
    assert "states/KHM.yml:29:11: error [schema-enum] need KHM-N-003 kind is 'equipement'" in text


def test_a_new_file_and_other_files(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    nor = "schema_version: 1\nstate: NOR\nmembership:\n  party_since: 1999-03-01\nlast_reviewed: 2026-01-01\n"
    commit(repo, {"states/NOR.yml": nor, "mkdocs.yml": "site_name: x\n"}, "new state")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert "### Norway (NOR): `states/NOR.yml`\n\nnew file." in text
    assert "**Files outside `states/`** (only the ISU may change these): `mkdocs.yml`" in text


def test_no_state_file_changed(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"README.md": "hello\n"}, "docs")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert "This change does not touch any State file." in text


def test_a_branch_behind_main_is_compared_from_where_it_started(repo: Path) -> None:
    start = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "change")
    commit(repo, {"states/KHM.yml": KHM.replace("value: 2500000", "value: 3000000")}, "raise")
    git(repo, "checkout", "-q", "main")
    main_tip = commit(repo, {"states/NOR.yml": KHM.replace("KHM", "NOR")}, "main moves on")
    result = review(repo, main_tip, "change", TODAY)
    assert result.compared_from.sha == start
    assert [s.path for s in result.states] == ["states/KHM.yml"]


def test_cli_writes_the_summary(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM_CHANGED}, "change")
    monkeypatch.chdir(repo)
    assert main(["review", "--base", base, "--as-of", "2026-11-27"]) == 0
    assert capsys.readouterr().out.startswith("## pfp review:")
    assert main(["review", "--base=--upload-pack=evil"]) == 2
    assert "is not a revision name" in capsys.readouterr().err
    assert main(["review", "--base", "no-such-branch"]) == 2


def test_values_are_code_spans_that_cannot_be_escaped() -> None:
    assert code("a `b` c") == "``a `b` c``"
    assert code("`x`") == "`` `x` ``"
    assert show("@someone <img src=x>") == "`@someone <img src=x>`"
    assert show({"value": 2500000, "currency": "USD"}) == "`2 500 000 USD`"
    assert show(None) == "(none)"


def test_diff_values_goes_field_by_field() -> None:
    old = {"a": 1, "amount": {"value": 1, "currency": "USD"}, "list": [1, 2]}
    new = {"a": 2, "amount": {"value": 2, "currency": "USD"}, "list": [1, 2, 3], "b": "x"}
    assert [(c.path, c.old, c.new) for c in diff_values(old, new)] == [
        ("a", 1, 2),
        ("amount", {"value": 1, "currency": "USD"}, {"value": 2, "currency": "USD"}),
        ("list", [1, 2], [1, 2, 3]),
        ("b", None, "x"),
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_from_a_file_becomes_markdown_outside_code(repo: Path, lang: str) -> None:
    """Keys, values, ids and statuses a pull request writes stay inside code spans or code blocks,
    whatever the language the summary is said in."""
    base = git(repo, "rev-parse", "HEAD")
    evil = "x` <img src=x onerror=alert(1)> [a](https://evil.example) @evil `y"
    changed = (
        KHM.replace("    kind: financial\n", f'    kind: financial\n    "{evil}": "{evil}"\n', 1)
        .replace("title: Mine detection dogs", f'title: "{evil}"')
        .replace("consent: {status: given,", f'consent: {{status: "{evil}",')
    )
    commit(repo, {"states/KHM.yml": changed}, "evil")
    text = render_markdown(review(repo, base, "HEAD", TODAY), lang=lang)
    assert "<img" in text  # it is shown, but only as code
    without_blocks = re.sub(r"(?ms)^(`{3,})text\n.*?^\1$", "", text)  # the block of validation problems
    assert f"### {StateName('KHM').in_language(lang)} (KHM)" in without_blocks
    outside = re.sub(r"(`+)(?:(?!\1).)+?\1", "", without_blocks)  # code spans
    for needle in ("<img", "](https", "@evil"):
        assert needle not in outside


@pytest.mark.parametrize("lang", LANGUAGES)
def test_validation_messages_never_quote_an_unconsented_challenge(repo: Path, lang: str) -> None:
    base = git(repo, "rev-parse", "HEAD")
    long_title = "CANARY-TITLE " + "x" * 200  # too long: the schema message quotes it
    changed = KHM_CHANGED.replace("title: Draft awaiting consent", f"title: {long_title}")
    commit(repo, {"states/KHM.yml": changed}, "draft with a bad title")
    text = render_markdown(review(repo, base, "HEAD", TODAY), lang=lang)
    assert "CANARY" not in text
    withheld = Text("review.withheld", about=Text("review.ref_challenge", id="KHM-C-002")).in_language(lang)
    assert f"{translator(lang)('problem.severity_error')} [schema-range] {withheld}" in text
    if lang == "en":
        assert "error [schema-range] challenge KHM-C-002: message not shown, because consent is not given" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_consented_challenge_shows_only_its_new_text(repo: Path, lang: str) -> None:
    base = git(repo, "rev-parse", "HEAD")
    changed = KHM.replace("idle for part of the year", "idle for most of the year")
    commit(repo, {"states/KHM.yml": changed}, "reword")
    text = render_markdown(review(repo, base, "HEAD", TODAY), lang=lang)
    assert "idle for part" not in text  # the earlier wording is never quoted, in any language
    assert "`Survey teams stand idle for most of the year. CANARY-SUMMARY-C001`" in text
    if lang == "en":
        assert (
            "- challenge `KHM-C-001` `Funding gap for survey teams`:\n  - `summary` now reads `Survey teams stand idle"
            " for most" in text
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_consent_dated_in_the_future_is_not_consent_yet(repo: Path, lang: str) -> None:
    base = git(repo, "rev-parse", "HEAD")
    changed = KHM.replace("date: 2026-02-15", "date: 2027-01-01").replace("idle for part", "idle for all")
    commit(repo, {"states/KHM.yml": changed}, "future consent")
    text = render_markdown(review(repo, base, "HEAD", TODAY), lang=lang)
    assert "Funding gap for survey teams" not in text
    assert "CANARY-SUMMARY-C001" not in text
    assert f"- `consent.date`{translator(lang)('punct.colon')} `2026-02-15` -> `2027-01-01`" in text


def test_a_value_cannot_reverse_the_line_it_is_quoted_in() -> None:
    """Bidirectional overrides, isolates and marks in a value show as escapes, not as the control itself."""
    for control in ("\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"):
        shown = show(f"Land release{control} north")
        assert control not in shown and f"\\u{ord(control):04x}" in shown


INCOMPLETE = "    consent: {status: given, date: 2026-02-15}\n"
COMPLETE = "    consent: {status: given, date: 2026-02-15, by: national authority}\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_publication_follows_the_consent_rule_not_the_status_word(repo: Path, lang: str) -> None:
    """`given` without `by` publishes nothing; adding `by` publishes the challenge: that is the consent change."""
    t = translator(lang)
    incomplete = KHM.replace(COMPLETE, INCOMPLETE)
    assert incomplete != KHM
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": incomplete}, "by removed")
    text = render_markdown(review(repo, base, "HEAD", TODAY), lang=lang)
    assert t("review.heading_consent") in text
    assert Text("review.consent_taken_off").in_language(lang) in text  # published before, not after
    assert "Funding gap for survey teams" not in text and "CANARY-SUMMARY-C001" not in text

    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM}, "by added")
    text = render_markdown(review(repo, base, "HEAD", TODAY), lang=lang)
    assert t("review.heading_consent") in text
    assert t("review.consent_will_publish", who="").split("**")[1] in text  # "will be published"


def test_a_new_challenge_marked_given_but_incomplete_stays_unpublished(repo: Path) -> None:
    challenge = (
        "  - id: KHM-C-009\n    title: Access to remote areas\n    category: technical\n"
        "    summary: CANARY-INCOMPLETE\n" + INCOMPLETE
    )
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM + challenge}, "new challenge, consent without by")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert "**will be published**" not in text
    assert "the challenge **stays unpublished**" in text
    assert "CANARY-INCOMPLETE" not in text and "Access to remote areas" not in text


PENDING_NO_ID = (
    '  - title: "Villagers of Tbong\\nKhmum refuse CANARY-NOID"\n'
    "    category: political\n    summary: Short.\n    consent: {status: pending}\n"
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_problem_on_an_unconsented_challenges_lines_is_withheld_whatever_it_quotes(repo: Path, lang: str) -> None:
    """No id to name and a title the message escapes (a line break): withheld by where it is, not by what it says."""
    base = git(repo, "rev-parse", "HEAD")
    commit(repo, {"states/KHM.yml": KHM + PENDING_NO_ID}, "a draft without an id")
    result = review(repo, base, "HEAD", TODAY)
    text = render_markdown(result, lang=lang)
    assert "CANARY" not in text and "Tbong" not in text
    assert result.new_problems, "the missing id is a problem the change introduces"
    withheld = Text("review.withheld", about=Text("review.a_challenge")).in_language(lang)
    assert withheld in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_syntax_error_inside_the_challenges_is_reported_without_its_line(repo: Path, lang: str) -> None:
    """A file that does not parse: no consent can be read, so no line of its challenges is quoted."""
    base = git(repo, "rev-parse", "HEAD")
    broken = KHM.replace(
        'summary: "Survey teams stand idle for part of the year. CANARY-SUMMARY-C001"',
        'summary: "Survey teams stand idle: CANARY-BROKEN [unclosed',
    )
    assert broken != KHM
    commit(repo, {"states/KHM.yml": broken}, "broken quoting")
    result = review(repo, base, "HEAD", TODAY)
    text = render_markdown(result, lang=lang)
    assert result.new_problems and all(p.path == "states/KHM.yml" for p in result.new_problems)
    assert "CANARY" not in text and "stand idle" not in text


def test_a_syntax_error_outside_the_challenges_keeps_its_line(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    broken = KHM.replace("title: Survivor data management", 'title: "Survivor data CANARY-NEED [unclosed')
    assert broken != KHM
    commit(repo, {"states/KHM.yml": broken}, "broken quoting in a need")
    text = render_markdown(review(repo, base, "HEAD", TODAY))
    assert "CANARY-NEED" in text  # a need is public: its line helps the State find the mistake
