"""``pfp owners`` (CODEOWNERS from the State files) and ``pfp check-owner`` (who may change what)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_said, commit, git, make_site, state_yaml

from build_hooks.cli import main
from build_hooks.workflow import owners

REPO = Path(__file__).resolve().parents[2]


def state(code: str, *handles: str) -> str:
    contacts = "".join(f"  - role: Focal point\n    github: {h}\n" for h in handles) or "  []\n"
    return (
        f"schema_version: 1\nstate: {code}\nmembership:\n  party_since: 1999-03-01\n"
        f"last_reviewed: 2026-10-01\ncontacts:\n{contacts}"
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: Cambodia's focal point is @alice, Norway's is @bob; @isa is in the ISU members file."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(
        root,
        {
            "states/KHM.yml": state("KHM", "alice"),
            "states/NOR.yml": state("NOR", "bob"),
            "states/AGO.yml": state("AGO"),
            ".github/isu-members.txt": "# ISU staff\nisa   # programme officer\n",
            ".github/workflows/pr.yml": "name: checks\n",
        },
        "base",
    )
    git(root, "checkout", "-q", "-b", "change")
    return root


def refused(root: Path, author: str, **kwargs: object) -> list[str]:
    result = owners.check_owner(root, author, "main", "HEAD", **kwargs)  # type: ignore[arg-type]
    return [path for path, _ in result.refused]


# --- check-owner ---------------------------------------------------------------------------


def test_a_focal_point_may_change_their_own_file(repo: Path) -> None:
    commit(repo, {"states/KHM.yml": state("KHM", "alice") + "needs: []\n"}, "own file")
    assert refused(repo, "alice") == []
    assert refused(repo, "@Alice") == []  # GitHub logins are not case-sensitive


def test_a_focal_point_may_not_change_another_states_file(repo: Path) -> None:
    commit(repo, {"states/NOR.yml": state("NOR", "bob") + "needs: []\n"}, "other file")
    result = owners.check_owner(repo, "alice", "main")
    assert [p for p, _ in result.refused] == ["states/NOR.yml"]
    text = owners.format_check(result)
    assert text.startswith("pfp check-owner: @alice may not change 1 of the 1 file(s) in this change:\n")
    assert (
        "  states/NOR.yml: this is the file of Norway (NOR); only its focal points (@bob) and the ISU may change it"
        in text
    )
    assert "@alice is listed as a focal point for: states/KHM.yml" in text


def test_a_focal_point_may_not_change_github_settings(repo: Path) -> None:
    commit(repo, {".github/workflows/pr.yml": "name: checks\non: push\n"}, "workflow")
    result = owners.check_owner(repo, "alice", "main")
    assert result.refused == [
        (
            ".github/workflows/pr.yml",
            "this file is part of the Platform itself (code, settings or pages); only the ISU may change it",
        )
    ]


def test_editing_the_mapping_in_the_same_change_gives_no_rights(repo: Path) -> None:
    """@alice adds herself to Norway's contacts and to the ISU list, and edits Norway's file: all refused."""
    commit(
        repo,
        {
            "states/NOR.yml": state("NOR", "bob", "alice") + "needs: []\n",
            ".github/isu-members.txt": "isa\nalice\n",
            ".github/CODEOWNERS": "* @alice\n",
        },
        "grant myself",
    )
    assert refused(repo, "alice") == [".github/CODEOWNERS", ".github/isu-members.txt", "states/NOR.yml"]


def test_the_mapping_is_read_from_the_base_not_the_head(repo: Path) -> None:
    commit(repo, {"states/NOR.yml": state("NOR", "bob", "alice")}, "add alice to NOR")
    assert refused(repo, "alice") == ["states/NOR.yml"]
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "change")  # the ISU merged it: now alice may change NOR
    git(repo, "checkout", "-q", "-b", "later")
    commit(repo, {"states/NOR.yml": state("NOR", "bob", "alice") + "needs: []\n"}, "edit NOR")
    assert refused(repo, "alice") == []


def test_new_and_deleted_state_files_are_refused(repo: Path) -> None:
    commit(repo, {"states/THA.yml": state("THA", "alice"), "states/AGO.yml": None}, "new and delete")
    result = owners.check_owner(repo, "alice", "main")
    reasons = dict(result.refused)
    assert reasons["states/THA.yml"].startswith("there is no file states/THA.yml on the base branch")
    assert reasons["states/AGO.yml"] == (
        "this is the file of Angola (AGO); it lists no focal point's GitHub handle, so only the ISU may change it"
    )


def test_a_rename_cannot_hide_the_old_path(repo: Path) -> None:
    git(repo, "mv", "states/NOR.yml", "states/KHM.yaml")
    commit(repo, {}, "rename")
    assert refused(repo, "alice") == ["states/KHM.yaml", "states/NOR.yml"]


def test_isu_members_may_change_anything(repo: Path) -> None:
    commit(repo, {".github/workflows/pr.yml": "x\n", "states/NOR.yml": state("NOR")}, "isu change")
    assert refused(repo, "isa") == []  # from .github/isu-members.txt at base
    assert refused(repo, "carol", isu_members=["carol"]) == []
    assert refused(repo, "carol") == [".github/workflows/pr.yml", "states/NOR.yml"]


def test_cli_exit_codes_and_annotations(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit(repo, {"states/NOR.yml": state("NOR", "bob") + "needs: []\n"}, "other file")
    root = ["--root", str(repo)]
    assert main(["check-owner", "--author", "bob", "--base", "main", *root]) == 0
    assert "@bob may make this change: it touches only states/NOR.yml (the file of Norway (NOR)), where @bob" in (
        capsys.readouterr().out
    )
    assert main(["check-owner", "--author", "alice", "--base", "main", "--format", "github", *root]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=states/NOR.yml,line=1,col=1,title=owner-not-allowed::@alice may not change")
    assert main(["check-owner", "--author", "not a login", "--base", "main", *root]) == 2
    assert main(["check-owner", "--author", "alice", "--base", "nope", *root]) == 2
    assert "'nope' is not a commit" in capsys.readouterr().err


# --- CODEOWNERS ------------------------------------------------------------------------------


def test_codeowners_is_sorted_and_deterministic() -> None:
    text = owners.render_codeowners({"states/NOR.yml": ["bob"], "states/KHM.yml": ["alice", "Zed"]}, "@org/isu")
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules[0] == "* @org/isu"
    assert "/.github/ @org/isu" in rules
    assert rules[-2:] == ["/states/KHM.yml @alice @Zed @org/isu", "/states/NOR.yml @bob @org/isu"]
    assert owners.render_codeowners({"states/KHM.yml": ["alice", "Zed"], "states/NOR.yml": ["bob"]}, "@org/isu") == (
        text
    )


def test_handles_are_read_from_contacts_only_when_valid() -> None:
    data = {"contacts": [{"github": "Bob"}, {"github": "@alice"}, {"github": "bob"}, {"github": "no spaces"}, {}]}
    assert owners.handles_in(data) == ["alice", "Bob"]


def test_pfp_owners_writes_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "states").mkdir()
    (tmp_path / "states" / "KHM.yml").write_text(state("KHM", "alice"), encoding="utf-8")
    root = ["--root", str(tmp_path)]
    assert main(["owners", "--check", *root]) == 1
    assert main(["owners", *root]) == 0
    assert "/states/KHM.yml @alice @apminebanconvention/isu\n" in (tmp_path / ".github/CODEOWNERS").read_text()
    assert main(["owners", "--check", *root]) == 0
    assert main(["owners", "--isu-team", "isu team", *root]) == 2
    capsys.readouterr()


def test_committed_codeowners_is_current() -> None:
    current, unreadable = owners.load_owners(REPO)
    expected = owners.render_codeowners(current)
    committed = (REPO / owners.CODEOWNERS_PATH).read_text(encoding="utf-8")
    assert committed == expected, "`.github/CODEOWNERS` is out of date: run `pfp owners` and commit the result"
    assert unreadable == []


def test_a_regenerated_codeowners_needs_no_extra_right(repo: Path) -> None:
    """A focal point adds a colleague to their own file; the ISU pushes the regenerated CODEOWNERS."""
    khm = state("KHM", "alice", "alice-colleague")
    generated = owners.render_codeowners({"states/KHM.yml": ["alice", "alice-colleague"], "states/NOR.yml": ["bob"]})
    commit(repo, {"states/KHM.yml": khm, ".github/CODEOWNERS": generated}, "colleague")
    assert refused(repo, "alice") == []
    commit(repo, {".github/CODEOWNERS": generated.replace("@bob", "@alice")}, "hand edit")
    assert refused(repo, "alice") == [".github/CODEOWNERS"]


def test_the_verdict_speaks_the_language_asked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit(repo, {"states/NOR.yml": state("NOR", "bob") + "needs: []\n"}, "other file")
    root = ["--root", str(repo)]
    assert main(["check-owner", "--author", "alice", "--base", "main", "--lang", "fr", *root]) == 1
    out = capsys.readouterr().out
    assert out.startswith("pfp check-owner : @alice ne peut pas modifier 1 des 1 fichier(s) de cette modification :")
    assert "  states/NOR.yml: c'est le fichier de Norvège (NOR) ; seuls ses points focaux (@bob)" in out
    assert "Que faire : limitez-vous au fichier de votre État" in out
    assert main(["check-owner", "--author", "bob", "--base", "main", "--lang", "es", *root]) == 0
    assert "@bob puede hacer este cambio: solo afecta a states/NOR.yml (el archivo de Noruega (NOR))" in (
        capsys.readouterr().out
    )


def test_annotations_follow_the_language_the_state_file_is_written_in(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format github is --lang auto: the file of a French-writing State is annotated in French."""
    french = (
        "needs:\n  - {id: KHM-N-001, title: Déminage, language: fr, area: clearance, kind: financial, status: open}\n"
    )
    git(repo, "checkout", "-q", "main")
    commit(repo, {"states/KHM.yml": state("KHM", "alice") + french}, "Cambodia writes in French")
    git(repo, "checkout", "-q", "-b", "change2")
    commit(repo, {"states/KHM.yml": state("KHM", "alice") + french + "offers: []\n"}, "not mine")
    root = ["--root", str(repo)]
    assert main(["check-owner", "--author", "bob", "--base", "main", "--format", "github", *root]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "::error file=states/KHM.yml,line=1,col=1,title=owner-not-allowed::@bob ne peut pas modifier ce fichier : "
        "c'est le fichier de Cambodge (KHM)"
    )
    assert "\npfp check-owner: @bob may not change 1 of the 1 file(s)" in out  # the verdict: the shell's English


OWNERS_SAID = {
    "fr": [
        "pfp owners\u00a0: 'isu team' n'est ni une équipe ni un utilisateur GitHub",
        "pfp owners\u00a0: states/CIV.yml ne peut pas être lu, ses noms d'utilisateur sont donc laissés de côté",
        "pfp owners\u00a0: .github/CODEOWNERS n'est pas à jour. Exécutez `pfp owners`",
        "pfp owners\u00a0: .github/CODEOWNERS mis à jour.",
        "pfp owners\u00a0: .github/CODEOWNERS était déjà à jour.",
        "pfp owners\u00a0: .github/CODEOWNERS est à jour.",
    ],
    "es": [
        "pfp owners: 'isu team' no es un equipo ni un usuario de GitHub",
        "pfp owners: states/CIV.yml no se puede leer, así que sus nombres de usuario quedan fuera",
        "pfp owners: .github/CODEOWNERS no está al día. Ejecute `pfp owners`",
        "pfp owners: .github/CODEOWNERS actualizado.",
        "pfp owners: .github/CODEOWNERS ya estaba al día.",
        "pfp owners: .github/CODEOWNERS está al día.",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_pfp_owners_speaks_the_language_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    contact = "contacts:\n  - role: Point focal\n    github: alice\n"
    site = make_site(tmp_path, {"KHM": state_yaml("KHM", contact), "CIV": "state: [unclosed\n"})
    root = ["--root", str(site), "--lang", lang]
    assert main(["owners", "--isu-team", "isu team", *root]) == 2
    assert main(["owners", "--check", *root]) == 1
    assert main(["owners", *root]) == 0
    assert main(["owners", *root]) == 0
    assert main(["owners", "--check", *root]) == 0
    out, err = capsys.readouterr()
    assert_said(out + err, lang, OWNERS_SAID[lang], ("owners.",))
