"""``pfp review --lang``: the summary in English, French or Spanish, every word from the catalogue.

One made repository holds a change that touches nearly every part of the summary (consent,
ownership, lost history, a validation problem, every section of a State, the official record);
it is reviewed through the real CLI in each language.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURE_RECORD, TODAY, commit, english_left, english_wording, git, make_site

from build_hooks.cli import main
from build_hooks.workflow.review import review
from build_hooks.workflow.review_text import render_markdown


def _entry(entry_id: str, title: str, **fields: str) -> str:
    """One entry of a State file, written in French (``language: fr``)."""
    lines = [f"  - id: {entry_id}", f"    title: {title}", "    language: fr"]
    return "\n".join([*lines, *(f"    {name}: {value}" for name, value in fields.items())]) + "\n"


def _khm(last_reviewed: str, handles: list[str], extensions: dict[str, str], entries: dict[str, list[str]]) -> str:
    """Cambodia's file (schema 1: the obligations are in the file) with these handles, extensions
    (meeting -> new deadline, the last one the deadline) and entries."""
    contacts = "".join(f"  - {{role: Focal point, name: Focal point, github: {h}}}\n" for h in handles)
    deadline = list(extensions.values())[-1]
    granted = [f'meeting: {m}, new_deadline: {d}, source: "{m} decision"' for m, d in extensions.items()]
    head = (
        f"schema_version: 1\nstate: KHM\nmembership:\n  party_since: 2000-01-01\nlast_reviewed: {last_reviewed}\n"
        f"contacts:\n{contacts}obligations:\n  article5:\n    status: in_progress\n"
        f"    original_deadline: 2010-01-01\n    deadline: {deadline}\n"
        '    source: "Article 7 report 2025"\n    extensions:\n' + "".join(f"      - {{{e}}}\n" for e in granted)
    )
    return head + "".join(f"{key}:\n" + "".join(items) for key, items in entries.items())


OPEN_NEED = {"area": "clearance", "kind": "financial", "status": "open"}
CONSENT_GIVEN = "{status: given, date: 2026-02-15, by: national authority}"
KHM = _khm(
    "2026-10-01",
    ["khm-old"],
    {"4RC": "2025-12-31"},
    {
        "needs": [
            _entry("KHM-N-001", "Déminage au nord-ouest", **OPEN_NEED, amount="{value: 2500000, currency: USD}"),
            _entry("KHM-N-002", "Données sur les victimes", area="victim_assistance", kind="expertise", status="open"),
            _entry("KHM-N-003", "Chiens détecteurs de mines", area="clearance", kind="equipment", status="met"),
            _entry("KHM-N-004", "Matériel de sensibilisation", area="risk_education", kind="equipment", status="open"),
        ],
        "offers": [
            _entry("KHM-O-001", "Formation", area="clearance", kind="expertise", status="available", eligible="any")
        ],
        "challenges": [
            _entry(
                "KHM-C-001", "Manque de financement", category="financial", summary="Inactives.", consent=CONSENT_GIVEN
            )
        ],
    },
)
# Consent withdrawn (C-001), a draft (C-002) and a consent given (C-003); a new GitHub handle;
# a need deleted (N-002) and an offer deleted (O-001); an amount raised (N-001), a need reopened
# (N-003), one closed with a typo (N-004: a validation problem), one added already closed (N-005);
# a new offer; a new deadline and extension; a new review date.
KHM_CHANGED = _khm(
    "2026-11-01",
    ["khm-old", "khm-new"],
    {"4RC": "2025-12-31", "22MSP": "2030-12-31"},
    {
        "needs": [
            _entry("KHM-N-001", "Déminage au nord-ouest", **OPEN_NEED, amount="{value: 3000000, currency: USD}"),
            _entry("KHM-N-003", "Chiens détecteurs de mines", area="clearance", kind="equipment", status="open"),
            _entry("KHM-N-004", "Matériel de sensibilisation", area="risk_education", kind="equipement", status="met"),
            _entry(
                "KHM-N-005",
                "Véhicules",
                area="clearance",
                kind="equipment",
                status="met",
                period="{start: 2027-01-01, end: 2027-12-31}",
            ),
        ],
        "offers": [
            _entry(
                "KHM-O-002",
                "Équipes cynophiles",
                area="clearance",
                kind="expertise",
                status="available",
                eligible="any",
                responds_to="[KHM-N-003]",
            )
        ],
        "challenges": [
            _entry(
                "KHM-C-001",
                "Manque de financement",
                category="financial",
                summary="Inactives.",
                consent="{status: withdrawn}",
            ),
            _entry(
                "KHM-C-002",
                "Projet en attente",
                category="capacity",
                summary="Un projet. CANARY-PENDING",
                consent="{status: pending}",
            ),
            _entry(
                "KHM-C-003",
                "Accès aux zones reculées",
                category="other",
                summary="Saison sèche seulement.",
                consent="{status: given, date: 2026-03-01, by: national authority, reference: letter 12/2026}",
            ),
        ],
    },
)

NOR = "schema_version: 2\nstate: NOR\nlast_reviewed: 2026-10-01\n"
ARTICLE5 = "KHM,outstanding,2020-03-01,yes,,Convention,2025,yes,\n"
DECISION_1 = "KHM,1,extension,4RC,2019,2025-12-31,4RC decision,2019,yes,\n"
DECISION_2 = "KHM,2,extension,22MSP,2024,2030-12-31,22MSP decision,2024,yes,\n"
WITHDRAWAL = (
    "NOR,withdrawal_notified,2026-01-02,Depositary notification,2026,yes,\n"
    "NOR,withdrawal_effective,2026-07-02,Depositary notification,2026,yes,\n"
)


def _record(root: Path, name: str) -> str:
    return (root / "record" / f"{name}.csv").read_text(encoding="utf-8")


@pytest.fixture
def changed_repo(tmp_path: Path) -> tuple[Path, str]:
    """A repository and the base of a change that touches nearly every part of the summary."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE_RECORD, root / "record")
    article5, decisions = _record(root, "article5") + ARTICLE5, _record(root, "article5_decisions") + DECISION_1
    base = commit(
        root,
        {"states/KHM.yml": KHM, "record/article5.csv": article5, "record/article5_decisions.csv": decisions},
        "base",
    )
    commit(
        root,
        {
            "states/KHM.yml": KHM_CHANGED,
            "states/NOR.yml": NOR,
            "mkdocs.yml": "site_name: x\n",
            "record/article5_decisions.csv": decisions + DECISION_2,
            "record/membership.csv": _record(root, "membership") + WITHDRAWAL,
        },
        "a broad change",
    )
    return root, base


def _summary(root: Path, base: str, lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    argv = ["review", "--base", base, "--root", str(root), "--as-of", TODAY.isoformat(), "--full", "--lang", lang]
    assert main(argv) == 0
    return capsys.readouterr().out


CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
ID = re.compile(r"\b[A-Z]{3}-[NOC]-\d{3}\b")
PATH = re.compile(r"(?:\S*/\S*|\S+\.(?:yml|csv|md))")  # files, folders and links of the rule catalogue
RULE = re.compile(r"\[[a-z0-9-]+\]")


def _words(text: str) -> str:
    """A line with its code spans, ids, paths, rule ids, numbers, dates and Markdown punctuation taken
    out: the words a person reads, lower case, space-separated and space-padded."""
    for pattern in (CODE_SPAN, ID, PATH, RULE):
        text = pattern.sub(" ", text)
    text = re.sub(r"\d", " ", text)
    text = re.sub(r"[^\w'’]+", " ", text.lower())
    return f" {' '.join(text.split())} "


# Entries whose translation is rightly the English word itself (checked by a reader of the language).
SAME_WORD = {"fr": set(), "es": {"problem.severity_error"}}


def _english_wording(lang: str) -> dict[str, set[str]]:
    """key -> the English words of each catalogue entry the summary is made of (see helpers.english_wording)."""
    families = ("review.", "problem.", "progress.", "fact.", "punct.")
    return english_wording(lang, families, skip={"review.language_note"}, same_word=SAME_WORD[lang], words_of=_words)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                "This summary is in French. Run `pfp review --lang en` to read it in English.",
                "## pfp review\u00a0: ce que cette modification change dans les fichiers des États",
                "### ⚠ Changements de consentement\u00a0: à vérifier en premier",
                "### ⚠ Qui peut modifier quel fichier\u00a0: à vérifier en premier",
                "### ⚠ Entrées supprimées au lieu d'être clôturées\u00a0: historique perdu",
                "### ⚠ Problèmes introduits par cette modification\u00a0: 1 erreur(s), 2 avertissement(s)",
                "### Le registre officiel (`record/`)",
                "### Cambodge (KHM)\u00a0: `states/KHM.yml`",
                "**Ajouts**",
                "**Clôtures**",
                "**Réouvertures**",
                "**Modifications**",
                "**Suppressions (historique perdu, voir ci-dessus)**",
                "**Points focaux**",
                "le 27 novembre 2026",  # a date in prose, as French writes it
                "**31 décembre 2030**",
                "Norvège (NOR) n'est plus État partie",
            ],
        ),
        (
            "es",
            [
                "This summary is in Spanish. Run `pfp review --lang en` to read it in English.",
                "## pfp review: lo que este cambio modifica en los archivos de los Estados",
                "### ⚠ Cambios de consentimiento: revíselos primero",
                "### ⚠ Quién puede modificar qué archivo: revíselo primero",
                "### ⚠ Entradas eliminadas en lugar de cerradas: historial perdido",
                "### ⚠ Problemas que introduce este cambio: 1 error(es), 2 advertencia(s)",
                "### El registro oficial (`record/`)",
                "### Camboya (KHM): `states/KHM.yml`",
                "**Añadidos**",
                "**Cerrados**",
                "**Reabiertos**",
                "**Modificados**",
                "**Eliminados (historial perdido, vea más arriba)**",
                "**Puntos focales**",
                "el 27 de noviembre de 2026",
                "**31 de diciembre de 2030**",
                "Noruega (NOR) ya no es Estado parte",
            ],
        ),
    ],
)
def test_the_summary_in_french_and_spanish_has_no_english_sentence(
    changed_repo: tuple[Path, str], capsys: pytest.CaptureFixture[str], lang: str, expected: list[str]
) -> None:
    root, base = changed_repo
    text = _summary(root, base, lang, capsys)
    lines = text.splitlines()
    assert lines[0] == expected[0], "the first line says, in English, what language the summary is in"
    for wanted in expected[1:]:
        assert wanted in text
    wording = _english_wording(lang)
    assert len(wording) > 100, "the check knows the English of the whole summary"
    for number, line in enumerate(lines[1:], start=2):
        words = _words(re.sub(r"^`{3,}text$", "", line))  # a code fence and its info string
        for key, fragments in wording.items():
            for fragment in fragments:
                assert f" {fragment} " not in words, f"line {number} says {key!r} in English: {line}"


def test_values_from_the_files_are_quoted_alike_in_every_language(
    changed_repo: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the words around the values change with the language: the code spans are the same
    (a period's "to" is the one word inside one; the validation problems have their own wording)."""
    root, base = changed_repo
    spans = {}
    for lang in ("en", "fr", "es"):
        text = _summary(root, base, lang, capsys)
        text = text if lang == "en" else text.split("\n", 2)[2]  # the note on the language
        text = re.sub(r"(?ms)^(`{3,})text\n.*?^\1$", "", text)
        spans[lang] = sorted(s.group(0) for s in CODE_SPAN.finditer(text) if not s.group(0).startswith("`2027-01-01 "))
    assert len(spans["en"]) > 60
    assert spans["fr"] == spans["en"] == spans["es"]


def test_the_english_summary_says_nothing_about_its_language(
    changed_repo: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, base = changed_repo
    text = _summary(root, base, "en", capsys)
    assert text.startswith("## pfp review: what this change does to the State files\n")
    assert "This summary is in" not in text
    assert "on 27 November 2026 according to the record" in text  # a date in prose, the English way


def test_lang_auto_follows_the_language_the_entries_are_written_in(
    changed_repo: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, base = changed_repo  # every entry of the changed files says language: fr
    text = _summary(root, base, "auto", capsys)
    assert text.startswith("This summary is in French.")
    assert "### Cambodge (KHM)\u00a0: `states/KHM.yml`" in text


def test_lang_auto_is_english_on_a_tie_or_when_no_entry_says(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    base = commit(root, {"README.md": "x\n"}, "base")
    need = "  - {{id: {iso3}-N-00{n}, title: T{n}, area: clearance, kind: equipment, status: open{lang}}}\n"
    lines = {
        "fr": need.format(iso3="KHM", n=1, lang=", language: fr"),
        "es": need.format(iso3="KHM", n=2, lang=", language: es"),
        "en": need.format(iso3="KHM", n=3, lang=""),
    }
    head = "schema_version: 2\nstate: KHM\nlast_reviewed: 2026-10-01\nneeds:\n"
    commit(root, {"states/KHM.yml": head + lines["fr"] + lines["es"]}, "one French, one Spanish")
    assert review(root, base, "HEAD", TODAY).language == "en"
    commit(root, {"states/KHM.yml": head + lines["fr"] + lines["es"] + lines["es"].replace("N-002", "N-004")}, "es")
    assert review(root, base, "HEAD", TODAY).language == "es"
    commit(root, {"states/KHM.yml": head + lines["fr"] + lines["en"]}, "one French, one English")
    assert review(root, base, "HEAD", TODAY).language == "en"
    commit(root, {"states/KHM.yml": None, "README.md": "y\n"}, "no State file")
    assert review(root, base, "HEAD", TODAY).language == "en"


def test_render_markdown_is_english_unless_asked(changed_repo: tuple[Path, str]) -> None:
    root, base = changed_repo
    result = review(root, base, "HEAD", TODAY)
    assert render_markdown(result) == render_markdown(result, lang="en")
    assert render_markdown(result, lang="fr").startswith("This summary is in French.")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "fr",
            ["pfp review\u00a0: '-x' n'est pas un nom de révision", "pfp review\u00a0: 'nope' n'est pas un commit de"],
        ),
        ("es", ["pfp review: '-x' no es un nombre de revisión", "pfp review: 'nope' no es un commit de"]),
    ],
)
def test_the_error_line_is_said_in_the_language_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, said: list[str]
) -> None:
    root = make_site(tmp_path, {})
    assert main(["review", "--base=-x", "--root", str(root), "--lang", lang]) == 2
    assert main(["review", "--base", "nope", "--root", str(root), "--lang", lang]) == 2
    err = capsys.readouterr().err
    for wanted in said:
        assert wanted in err
    assert "clone superficiel" in err or "clon superficial" in err  # the hint, translated too
    assert english_left(err, lang, ("git.",)) == []
