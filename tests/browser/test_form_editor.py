"""The form editor (/contribute/edit/) in a real browser, in English, French and Spanish.

The site is built (`pfp build`, three languages) from a fixture tree laid out like the repository
(tests/helpers.make_site) whose States are written here, so nothing depends on today's states/:
SEN has no entries, MLI holds a need and a consented challenge in the canonical layout, NER a
challenge awaiting consent. The file the page produces is validated with `pfp validate` in a copy of
that tree and compared byte for byte with `canonical_text` (the layout `pfp format` writes).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, make_site, pfp_build, state_yaml
from playwright.sync_api import expect

from build_hooks.engine.load import load_text
from build_hooks.workflow.formatting import canonical_text, comments_of

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
LANGS = ("fr", "es", "en")
WIDTHS = (375, 1280)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE = "contribute/edit/"

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/state.schema.json"
SEN_EMPTY = f"{SCHEMA_LINE}\nschema_version: 2\nstate: SEN\n"
MLI_DATA = {
    "schema_version": 2,
    "state": "MLI",
    "last_reviewed": "2026-10-01",
    "needs": [
        {
            "id": "MLI-N-001",
            "title": "Survey teams for the centre",
            "status": "open",
            "area": "clearance",
            "kind": "financial",
            "amount": {"value": 1500000, "currency": "EUR"},
            "description": "Two survey teams for the centre,\nfor two years.",
            "posted": "2026-03-02",
        }
    ],
    "challenges": [
        {
            "id": "MLI-C-001",
            "title": "Access to the centre",
            "category": "political",
            "summary": "Insecurity limits access to contaminated areas.",
            "related_needs": ["MLI-N-001"],
            "consent": {"status": "given", "date": "2026-02-15", "by": "national authority"},
        }
    ],
}
NER_PENDING = state_yaml(
    "NER",
    """\
    challenges:
      - id: NER-C-001
        title: Draft awaiting consent
        category: other
        summary: "EDITOR-DRAFT-CANARY: not to be published."
        consent: {status: pending}
    """,
)

# What a focal point types, in the language of the page.
TEXTS = {
    "fr": {
        "need": "Financement du déminage en Casamance",
        "offer": "Expertise en éducation aux risques",
        "challenge": "Manque de financement pluriannuel",
        "summary": "Les équipes de déminage restent inactives une partie de l'année : le financement n'est pas pluriannuel.",
        "by": "Autorité nationale de lutte antimines",
    },
    "es": {
        "need": "Financiación de la remoción de minas en Casamance",
        "offer": "Conocimientos sobre educación sobre el riesgo",
        "challenge": "Falta de financiación plurianual",
        "summary": "Los equipos de remoción permanecen inactivos parte del año: la financiación no es plurianual.",
        "by": "Autoridad nacional de acción contra las minas",
    },
    "en": {
        "need": "Funding for clearance in Casamance",
        "offer": "Expertise in risk education",
        "challenge": "No multi-year funding",
        "summary": "Clearance teams stand idle for part of the year: funding is not multi-year.",
        "by": "National mine action authority",
    },
}


def today() -> str:
    return dt.datetime.now(tz=dt.UTC).date().isoformat()


def mli_text() -> str:
    return canonical_text(MLI_DATA, [SCHEMA_LINE])


def _source(tmp: Path) -> Path:
    root = make_site(tmp, {"SEN": SEN_EMPTY, "MLI": mli_text(), "NER": NER_PENDING}, name="editor-src")
    for name in ("mkdocs.fr.yml", "mkdocs.es.yml"):
        shutil.copy2(REPO / name, root / name)
    return root


@pytest.fixture(scope="module")
def editor_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _source(tmp_path_factory.mktemp("editor"))


@pytest.fixture(scope="module")
def editor_url(editor_src: Path, serve_dir: object) -> str:
    """The fixture tree built in three languages (as of today, like the real site) and served."""
    site = pfp_build(editor_src, editor_src.parent / "editor-site")
    return serve_dir(site)


def _path(lang: str) -> str:
    return ("" if lang == "en" else f"{lang}/") + PAGE


def _open_state(session: object, lang: str, code: str) -> object:
    page = session.goto(_path(lang))
    page.select_option("#pfp-editor-state", code)
    page.locator("[data-pfp-pick] button[type=submit]").click()
    expect(page.locator("[data-pfp-file]")).to_be_visible()
    expect(page.locator("#pfp-editor-file-title")).to_be_focused()
    return page


def _save(page: object, kind: str, entry_id: str) -> None:
    page.locator(f"#pfp-editor-{kind}-form button[type=submit]").click()
    expect(page.locator(f"#pfp-editor-{kind}-form")).to_be_hidden()
    item = page.locator(f'[data-pfp-list="{kind}"] [data-id="{entry_id}"]')
    expect(item).to_be_focused()  # focus goes to the saved entry
    _said_in(item, entry_id)


def _said_in(item: object, words: str) -> None:
    """The confirmation is said in the entry itself, in a polite live region (role status)."""
    said = item.locator("[data-pfp-said]")
    expect(said).to_have_attribute("role", "status")
    expect(said).to_contain_text(words)


def _changed_lines(old: str, new: str) -> list[str]:
    """The lines a change removed (-) and added (+), sorted."""
    return sorted(line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-")


def _closed_need_lines() -> list[str]:
    """What closing MLI-N-001 as met changes in its file: the status and the day of the change, nothing else."""
    return sorted(["-     status: open", "+     status: met", f"+     updated: {today()}"])


def _settled(page: object) -> None:
    """Wait until every transition and animation has ended (Material fades its "back to top" button in)."""
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")


# Where a node is in the window, and which fixed or sticky elements overlap it: the theme's header, its
# "back to top" button (counted even while faded out: it shows whenever the page scrolls up), its sidebars.
FLOATING_JS = """(node) => {
  const box = node.getBoundingClientRect();
  const over = [...document.querySelectorAll("body *")].filter((e) => {
    const style = getComputedStyle(e);
    if (!["fixed", "sticky"].includes(style.position) || style.visibility === "hidden" || e.contains(node)) return false;
    const b = e.getBoundingClientRect();
    return b.width > 0 && b.height > 0 && b.left < box.right && box.left < b.right && b.top < box.bottom && box.top < b.bottom;
  }).map((e) => e.className.toString() || e.tagName);
  return {top: box.top, bottom: box.bottom, left: box.left, right: box.right, width: innerWidth, height: innerHeight, over};
}"""


def _unobscured(node: object, what: str) -> None:
    """``node`` is wholly in the window and no fixed or floating element covers any of it (WCAG 2.4.11)."""
    m = node.evaluate(FLOATING_JS)
    inside = m["top"] >= 0 and m["left"] >= 0 and m["bottom"] <= m["height"] and m["right"] <= m["width"]
    assert inside and not m["over"], f"{what} is not wholly in view or something floats over it: {m}"


def _no_errors(session: object) -> None:
    errors = session.console_errors + session.page_errors
    assert not errors, "console errors:\n  " + "\n  ".join(errors)


def _validate(editor_src: Path, tmp_path: Path, code: str, text: str) -> subprocess.CompletedProcess[str]:
    """`pfp validate` of the produced file, in a copy of the fixture tree (never the real states/)."""
    copy = tmp_path / "check"
    shutil.copytree(editor_src, copy, symlinks=True)
    (copy / "states" / f"{code}.yml").write_text(text, encoding="utf-8", newline="")
    return subprocess.run(
        [sys.executable, "-m", "build_hooks.cli", "validate", "--format", "json", f"states/{code}.yml"],
        cwd=copy,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _problems(checked: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    """The problems `pfp validate --format json` reported (it prints nothing when there are none)."""
    return json.loads(checked.stdout) if checked.stdout.strip() else []


# --------------------------------------------------------------------------------------
# Done when: a need with an amount, an offer of expertise and a consented challenge
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_need_offer_and_challenge_give_a_valid_canonical_file(
    open_site, editor_url: str, editor_src: Path, tmp_path: Path, lang: str
) -> None:
    session = open_site(editor_url)
    page = _open_state(session, lang, "SEN")
    words, day = TEXTS[lang], today()
    consent_day = (dt.date.fromisoformat(day) - dt.timedelta(days=7)).isoformat()

    page.locator("[data-pfp-add=needs]").click()
    expect(page.locator("#pfp-needs-title")).to_be_focused()
    expect(page.locator("#pfp-editor-needs-title")).to_contain_text("SEN-N-001")
    page.fill("#pfp-needs-title", words["need"])
    page.select_option("#pfp-needs-area", "clearance")
    page.select_option("#pfp-needs-kind", "financial")
    page.fill("#pfp-needs-amount_value", "2500000")
    page.select_option("#pfp-needs-amount_currency", "USD")
    _save(page, "needs", "SEN-N-001")

    page.locator("[data-pfp-add=offers]").click()
    page.fill("#pfp-offers-title", words["offer"])
    page.select_option("#pfp-offers-area", "risk_education")
    page.select_option("#pfp-offers-kind", "expertise")
    page.check("#pfp-offers-eligible-any")
    _save(page, "offers", "SEN-O-001")

    page.locator("[data-pfp-add=challenges]").click()
    page.fill("#pfp-challenges-title", words["challenge"])
    page.select_option("#pfp-challenges-category", "financial")
    page.fill("#pfp-challenges-summary", words["summary"])
    page.fill("#pfp-challenges-related_needs", "SEN-N-001")
    page.check("#pfp-challenges-consent_status")
    page.fill("#pfp-challenges-consent_date", consent_day)
    page.fill("#pfp-challenges-consent_by", words["by"])
    _save(page, "challenges", "SEN-C-001")
    page.check("#pfp-editor-reviewed")  # the State checked the whole file: last_reviewed is today
    text = page.input_value("#pfp-editor-text")

    marked = {} if lang == "en" else {"language": lang}  # English is the default: no key
    expected = {
        "schema_version": 2,
        "state": "SEN",
        "last_reviewed": day,
        "needs": [
            {
                "id": "SEN-N-001",
                "title": words["need"],
                "status": "open",
                "area": "clearance",
                "kind": "financial",
                "amount": {"value": 2500000, "currency": "USD"},
                "posted": day,
                **marked,
            }
        ],
        "offers": [
            {
                "id": "SEN-O-001",
                "title": words["offer"],
                "status": "available",
                "area": "risk_education",
                "kind": "expertise",
                "eligible": "any",
                "posted": day,
                **marked,
            }
        ],
        "challenges": [
            {
                "id": "SEN-C-001",
                "title": words["challenge"],
                "category": "financial",
                "summary": words["summary"],
                "related_needs": ["SEN-N-001"],
                "consent": {"status": "given", "date": consent_day, "by": words["by"]},
                **marked,
            }
        ],
    }
    doc, problems = load_text("states/SEN.yml", text)
    assert doc is not None and not problems, problems
    assert doc.data == expected
    # byte for byte what `pfp format` writes for the same data and comments
    assert text == canonical_text(doc.data, comments_of(text))
    assert text == canonical_text(expected, comments_of(SEN_EMPTY))
    checked = _validate(editor_src, tmp_path, "SEN", text)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert _problems(checked) == [], checked.stdout  # no problem at all, not even a warning
    _no_errors(session)


# --------------------------------------------------------------------------------------
# Done when: closing a need and withdrawing a consent changes only those lines
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_closing_a_need_and_withdrawing_consent_change_only_those_lines(
    open_site, editor_url: str, editor_src: Path, tmp_path: Path, lang: str
) -> None:
    session = open_site(editor_url)
    page = _open_state(session, lang, "MLI")
    old = mli_text()
    assert page.input_value("#pfp-editor-text") == old  # an untouched file comes back as it is

    need = page.locator('[data-pfp-list="needs"] [data-id="MLI-N-001"]')
    need.locator("button", has_text={"en": "Close", "fr": "Clôturer"}[lang]).click()
    status = page.locator("#pfp-needs-status")
    expect(status).to_be_focused()
    expect(page.locator("#pfp-needs-title")).to_be_hidden()  # the short step: the status and Save
    expect(status).to_have_value("met")  # the first status that closes a need, for the focal point to confirm
    hint = page.locator("#pfp-needs-status-hint")
    expect(hint).to_contain_text({"en": "will be closed", "fr": "sera clôturé"}[lang])
    expect(hint).to_contain_text({"en": "Save this need", "fr": "Enregistrer ce besoin"}[lang])
    assert "pfp-needs-status-hint" in (status.get_attribute("aria-describedby") or "").split()
    assert "status: open" in page.input_value("#pfp-editor-text")  # nothing is written before saving
    _save(page, "needs", "MLI-N-001")
    expect(need.locator(".pfp-editor-new")).to_have_text(
        {"en": "changed, not yet proposed", "fr": "modifié, pas encore proposé"}[lang]
    )

    challenge = page.locator('[data-pfp-list="challenges"] [data-id="MLI-C-001"]')
    challenge.locator("button", has_text={"en": "Withdraw consent", "fr": "Retirer le consentement"}[lang]).click()
    expect(page.locator('[data-pfp-list="challenges"] [data-id="MLI-C-001"]')).to_be_focused()
    _said_in(page.locator('[data-pfp-list="challenges"] [data-id="MLI-C-001"]'), "MLI-C-001")
    new = page.input_value("#pfp-editor-text")

    diff = [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-"]
    assert sorted(diff) == sorted(
        [
            "-     status: open",
            "+     status: met",
            f"+     updated: {today()}",
            "-       status: given",
            "+       status: withdrawn",
        ]
    ), "\n".join(diff)
    doc, _ = load_text("states/MLI.yml", new)
    assert doc is not None and new == canonical_text(doc.data, comments_of(new))
    checked = _validate(editor_src, tmp_path, "MLI", new)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # only the warning that a withdrawn consent's text is still in the public file (for the ISU)
    assert [p["rule"] for p in _problems(checked)] == ["consent-draft-in-public"], checked.stdout
    _no_errors(session)


def test_closing_a_need_with_the_keyboard_only(open_site, editor_url: str) -> None:
    session = open_site(editor_url)
    old = mli_text()
    page = session.goto(_path("en"))
    page.focus("#pfp-editor-state")  # where a keyboard user arrives after the intro
    page.keyboard.type("Mali")  # a closed drop-down selects by typing
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#pfp-editor-file-title")).to_be_focused()
    for _ in range(2):  # the need's Change button, then its Close button
        page.keyboard.press("Tab")
    expect(page.locator("[data-id='MLI-N-001'] button", has_text="Close")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#pfp-needs-status")).to_be_focused()
    expect(page.locator("#pfp-needs-status")).to_have_value("met")  # chosen already: saving confirms it
    page.keyboard.press("Tab")  # the short step: the next stop is Save
    expect(page.locator("#pfp-editor-needs-form button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-id='MLI-N-001']")).to_be_focused()
    expect(page.locator("[data-id='MLI-N-001']")).to_contain_text("Met")
    _said_in(page.locator("[data-id='MLI-N-001']"), "MLI-N-001 is saved")
    assert _changed_lines(old, page.input_value("#pfp-editor-text")) == _closed_need_lines()
    _no_errors(session)


CLOSE_WORDS = {  # the Close button, the short step's heading, its button to the whole form, the Change heading
    "fr": ("Clôturer", "Clôturer le besoin MLI-N-001", "Afficher tous les champs", "Modifier le besoin MLI-N-001"),
    "es": ("Cerrar", "Cerrar la necesidad MLI-N-001", "Mostrar todos los campos", "Modificar la necesidad MLI-N-001"),
    "en": ("Close", "Close need MLI-N-001", "Show all the fields", "Change need MLI-N-001"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_close_is_a_short_step_that_writes_what_the_whole_form_writes(open_site, editor_url: str, lang: str) -> None:
    session = open_site(editor_url, 375)
    close, heading, whole, change = CLOSE_WORDS[lang]
    page = _open_state(session, lang, "MLI")
    old = page.input_value("#pfp-editor-text")
    form = page.locator("#pfp-editor-needs-form")
    need = page.locator('[data-pfp-list="needs"] [data-id="MLI-N-001"]')
    need.locator("button", has_text=close).click()
    expect(page.locator("#pfp-editor-needs-title")).to_have_text(heading)
    named = form.locator("[data-pfp-form-entry]")
    expect(named).to_have_text("Survey teams for the centre")  # which entry, by its title (written in English)
    if lang != "en":
        expect(named).to_have_attribute("lang", "en")
    expect(form.locator("[data-path]:visible")).to_have_count(1)  # the status only
    status = page.locator("#pfp-needs-status")
    expect(status).to_be_focused()
    expect(status).to_have_value("met")
    expect(form.locator("[data-pfp-full]")).to_have_text(whole)
    _axe(page, f"{lang} 375px, the short step that closes a need")
    form.locator("button[type=submit]").click()
    expect(need).to_be_focused()
    _said_in(need, "MLI-N-001")
    short = page.input_value("#pfp-editor-text")
    assert _changed_lines(old, short) == _closed_need_lines()

    # the whole form is one click away, filled the same; the same change made there writes the same bytes
    page = _open_state(session, lang, "MLI")
    need.locator("button", has_text=close).click()
    form.locator("[data-pfp-full]").click()
    expect(page.locator("#pfp-needs-title")).to_be_focused()  # its first field, as "Change" opens it
    expect(page.locator("#pfp-editor-needs-title")).to_have_text(change)
    expect(form.locator("[data-pfp-full]")).to_be_hidden()
    expect(named).to_be_hidden()
    for field in ("#pfp-needs-title", "#pfp-needs-area", "#pfp-needs-amount_value", "#pfp-needs-description"):
        expect(page.locator(field)).to_be_visible()
    expect(status).to_have_value("met")  # the choice made in the short step is kept
    _save(page, "needs", "MLI-N-001")
    assert page.input_value("#pfp-editor-text") == short
    _no_errors(session)


def test_a_problem_in_a_field_the_short_step_hides_shows_the_whole_form(open_site, editor_url: str) -> None:
    session = open_site(editor_url)
    page = _open_state(session, "en", "MLI")
    page.locator('[data-pfp-list="needs"] [data-id="MLI-N-001"] button', has_text="Close").click()
    page.evaluate("document.getElementById('pfp-needs-title').value = 'Ab'")  # as if the file held a too short title
    page.locator("#pfp-editor-needs-form button[type=submit]").click()
    summary = page.locator("#pfp-editor-needs-form [data-pfp-errors]")
    expect(summary).to_be_focused()
    expect(page.locator("#pfp-needs-title")).to_be_visible()  # the field named in the summary can be reached
    expect(page.locator("#pfp-needs-title")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#pfp-editor-needs-form [data-pfp-full]")).to_be_hidden()
    assert "status: open" in page.input_value("#pfp-editor-text")  # nothing was saved
    _no_errors(session)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_save_confirmation_is_in_view_and_nothing_floats_over_it(open_site, editor_url: str, width: int) -> None:
    session = open_site(editor_url, width)
    page = _open_state(session, "fr", "MLI")
    page.locator("[data-pfp-add=needs]").click()  # a long form below the list: saving scrolls the page up
    page.fill("#pfp-needs-title", TEXTS["fr"]["need"])
    page.select_option("#pfp-needs-area", "clearance")
    page.select_option("#pfp-needs-kind", "financial")
    page.locator("#pfp-editor-needs-form button[type=submit]").click()
    said = page.locator("[role=status]", has_text="MLI-N-002 est enregistré")
    expect(said).to_be_visible()
    expect(page.locator('[data-id="MLI-N-002"]')).to_be_focused()
    _settled(page)
    _unobscured(said, f"the save confirmation at {width}px")
    _unobscured(page.locator(":focus"), f"the saved entry (focused) at {width}px")
    page.mouse.move(0, 0)  # the pointer off the button that slid under it (hover colours are the theme's)
    _axe(page, f"fr {width}px, an entry saved")
    _no_errors(session)


NEAR = 80  # px between a button and its confirmation: at 375 px the Download button wraps under Copy


@pytest.mark.parametrize("width", WIDTHS)
def test_the_copy_confirmation_is_said_next_to_the_copy_button(open_site, editor_url: str, width: int) -> None:
    session = open_site(editor_url, width)
    session.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = _open_state(session, "fr", "MLI")
    for control, words in (
        ("[data-pfp-copy]", "Le texte est copié"),
        ("#pfp-editor-reviewed", "date du jour est enregistrée"),
    ):
        page.locator(control).click()
        said = page.locator("[role=status]", has_text=words)  # a polite live region
        expect(said).to_be_visible()
        _settled(page)
        button, box = page.locator(control).bounding_box(), said.bounding_box()
        assert 0 <= box["y"] - (button["y"] + button["height"]) <= NEAR, (
            f"{words!r} is far from {control}: {button} {box}"
        )
        _unobscured(said, f"the confirmation of {control} at {width}px")
    assert page.evaluate("navigator.clipboard.readText()") == mli_text()
    _no_errors(session)


EXPLAINED = {  # each word a focal point may not know, and the words that explain it where it is first used
    "fr": {
        "entrée": "chaque entrée (un besoin, une offre ou un défi)",
        "dépôt": "dépôt public (les fichiers de la Plateforme sur GitHub, que chacun peut lire)",
    },
    "es": {
        "entrada": "cada entrada (una necesidad, una oferta o un desafío)",
        "repositorio": "repositorio público (los archivos de la Plataforma en GitHub, que cualquiera puede leer)",
    },
    "en": {
        "entry": "each entry (a need, an offer or a challenge)",
        "repository": "public repository (the Platform's files on GitHub, which anyone can read)",
    },
}
WITHDRAW = {
    "fr": ("Retirer le consentement", "du dépôt (les fichiers de la Plateforme sur GitHub"),
    "es": ("Retirar el consentimiento", "del repositorio (los archivos de la Plataforma en GitHub"),
    "en": ("Withdraw consent", "of the repository (the Platform's files on GitHub"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_entry_and_repository_are_explained_where_first_used(open_site, editor_url: str, lang: str) -> None:
    session = open_site(editor_url)
    page = _open_state(session, lang, "NER")  # a file with a withheld challenge: its notice speaks of the repository
    text = page.locator(".pfp-editor").inner_text()
    for term, explained in EXPLAINED[lang].items():
        first, at = text.lower().find(term), text.find(explained)
        assert at >= 0, f"{lang}: no explanation {explained!r} on the page"
        assert at <= first < at + len(explained), (
            f"{lang}: {term!r} first used unexplained: {text[first - 80 : first + 80]!r}"
        )
    # a withdrawn consent's text stays in the repository's history: said with the same explanation
    button, explained = WITHDRAW[lang]
    page = _open_state(session, lang, "MLI")
    challenge = page.locator('[data-pfp-list="challenges"] [data-id="MLI-C-001"]')
    challenge.locator("button", has_text=button).click()
    _said_in(challenge, explained)
    _no_errors(session)


def test_the_skip_link_is_the_first_tab_stop_and_goes_to_the_heading(open_site, editor_url: str) -> None:
    session = open_site(editor_url)
    for lang, words in (("fr", "Aller au contenu"), ("es", "Saltar a contenido"), ("en", "Skip to content")):
        page = session.goto(_path(lang))
        page.keyboard.press("Tab")
        skip = page.locator("a.md-skip")
        expect(skip).to_be_focused()
        expect(skip).to_have_text(words)
        expect(skip).to_be_visible()  # shown once focused
        page.keyboard.press("Enter")
        expect(page.locator("h1#pfp-editor-title")).to_be_focused()
    _no_errors(session)


def test_dates_are_written_out_and_the_list_shows_amount_and_period(open_site, editor_url: str) -> None:
    session = open_site(editor_url)
    page = _open_state(session, "fr", "MLI")
    need = page.locator('[data-pfp-list="needs"] [data-id="MLI-N-001"]')
    expect(need).to_contain_text("1\u202f500\u202f000\u00a0EUR")  # the amount, as French writes numbers
    need.locator("button", has_text="Modifier").click()
    end = page.locator("#pfp-needs-period_end")
    said = page.locator("#pfp-needs-period_end-said")
    assert "pfp-needs-period_end-said" in (end.get_attribute("aria-describedby") or "").split()
    expect(said).to_have_attribute("aria-live", "polite")
    expect(said).to_have_text("")  # no date, nothing said
    end.fill("2027-12-31")
    expect(said).to_have_text("31 décembre 2027")
    page.fill("#pfp-needs-period_start", "2027-03-11")
    expect(page.locator("#pfp-needs-period_start-said")).to_have_text("11 mars 2027")
    end.fill("")
    expect(said).to_have_text("")
    end.fill("2027-12-31")
    _save(page, "needs", "MLI-N-001")
    expect(need).to_contain_text("du 11 mars 2027 au 31 décembre 2027")
    expect(need.locator(".pfp-editor-new")).to_have_text("modifié, pas encore proposé")
    # opened again, the form says the dates it holds
    need.locator("button", has_text="Modifier").click()
    expect(said).to_have_text("31 décembre 2027")
    _no_errors(session)


def test_a_file_with_unpublished_challenges_says_the_new_file_leaves_them_out(open_site, editor_url: str) -> None:
    session = open_site(editor_url)
    page = _open_state(session, "fr", "NER")
    notice = page.locator("[data-pfp-withheld]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("1")
    expect(notice.locator('a[href$="contribute/rules/#consent-draft-in-public"]')).to_be_visible()
    text = page.input_value("#pfp-editor-text")
    assert "NER-C-001" not in text and "EDITOR-DRAFT-CANARY" not in text
    page.locator("[data-pfp-add=challenges]").click()
    expect(page.locator("#pfp-editor-challenges-title")).to_contain_text("NER-C-002")  # its id is not reused
    _no_errors(session)


# --------------------------------------------------------------------------------------
# The checks before output, focus and the file's actions
# --------------------------------------------------------------------------------------


def test_problems_are_listed_linked_and_focused_before_anything_is_saved(open_site, editor_url: str) -> None:
    session = open_site(editor_url)
    page = _open_state(session, "fr", "SEN")
    page.locator("[data-pfp-add=challenges]").click()
    page.fill("#pfp-challenges-title", "Ab")
    page.locator("#pfp-editor-challenges-form button[type=submit]").click()
    summary = page.locator("#pfp-editor-challenges-form [data-pfp-errors]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator("a")
    texts = links.all_inner_texts()
    assert any(t.startswith("Titre") and "3" in t for t in texts), texts  # too short: the model's minimum
    assert any(t.startswith("Catégorie") for t in texts) and any(t.startswith("Résumé") for t in texts), texts
    assert any("consenti" in t for t in texts), texts  # a new challenge needs consent given
    expect(page.locator("#pfp-challenges-title")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-pfp-status]")).to_contain_text("4")
    links.first.click()
    expect(page.locator("#pfp-challenges-title")).to_be_focused()
    assert "SEN-C-001" not in page.input_value("#pfp-editor-text")  # nothing was saved
    # a consent date after today is refused (consent-future-date), in the page's words
    page.fill("#pfp-challenges-title", "Titre valable")
    page.select_option("#pfp-challenges-category", "other")
    page.fill("#pfp-challenges-summary", "Résumé.")
    page.check("#pfp-challenges-consent_status")
    page.fill("#pfp-challenges-consent_by", "Autorité")
    page.fill("#pfp-challenges-consent_date", "2099-01-01")
    page.locator("#pfp-editor-challenges-form button[type=submit]").click()
    expect(summary).to_contain_text("aujourd'hui")
    page.locator("#pfp-editor-challenges-form [data-pfp-cancel]").click()
    expect(page.locator("[data-pfp-add=challenges]")).to_be_focused()  # back where the form was opened
    _no_errors(session)


def test_an_amount_needs_its_currency_and_a_number_without_separators(open_site, editor_url: str) -> None:
    session = open_site(editor_url)
    page = _open_state(session, "es", "SEN")
    page.locator("[data-pfp-add=needs]").click()
    page.fill("#pfp-needs-title", "Necesidad")
    page.select_option("#pfp-needs-area", "clearance")
    page.select_option("#pfp-needs-kind", "financial")
    page.fill("#pfp-needs-amount_value", "2500000")
    page.locator("#pfp-editor-needs-form button[type=submit]").click()
    expect(page.locator("#pfp-needs-amount_currency")).to_have_attribute("aria-invalid", "true")
    page.select_option("#pfp-needs-amount_currency", "XOF")
    page.fill("#pfp-needs-amount_value", "0")
    page.locator("#pfp-editor-needs-form button[type=submit]").click()
    expect(page.locator("#pfp-needs-amount_value")).to_have_attribute("aria-invalid", "true")
    page.fill("#pfp-needs-amount_value", "2.5")
    _save(page, "needs", "SEN-N-001")
    doc, _ = load_text("states/SEN.yml", page.input_value("#pfp-editor-text"))
    assert doc is not None and doc.data["needs"][0]["amount"] == {"value": 2.5, "currency": "XOF"}
    # an entry added in this session can be removed again; focus returns to its list's button
    page.locator('[data-pfp-list="needs"] [data-id="SEN-N-001"] button', has_text="Eliminar").click()
    expect(page.locator("[data-pfp-add=needs]")).to_be_focused()
    assert page.input_value("#pfp-editor-text") == SEN_EMPTY
    _no_errors(session)


def test_copy_and_download_give_the_same_text(open_site, editor_url: str) -> None:
    session = open_site(editor_url)
    session.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = _open_state(session, "en", "MLI")
    page.locator("[data-pfp-copy]").click()
    expect(page.locator('[data-pfp-said="copy"]')).to_contain_text("copied")
    assert page.evaluate("navigator.clipboard.readText()") == mli_text()
    download_button = page.locator("[data-pfp-download]")
    expect(download_button).to_have_text("Download MLI.yml")
    with page.expect_download() as info:
        download_button.click()
    download = info.value
    assert download.suggested_filename == "MLI.yml"
    assert Path(download.path()).read_text(encoding="utf-8") == mli_text()
    steps = page.locator(".pfp-editor-steps")
    link = steps.locator("a[data-pfp-edit-link]")
    expect(link).to_have_attribute(
        "href", "https://github.com/apminebanconvention/platform-for-partnerships/edit/main/states/MLI.yml"
    )
    for button in ("Edit this file", "Commit changes…", "Propose changes", "Create pull request"):
        expect(steps).to_contain_text(button)
    mail = page.locator("a[data-pfp-mail]")
    expect(mail).to_have_attribute(
        "href", "mailto:isu@apminebanconvention.org?subject=New%20file%20states%2FMLI.yml%20for%20the%20Platform"
    )
    _no_errors(session)


def test_without_javascript_the_page_points_to_the_web_editor_guide(open_site, editor_url: str) -> None:
    session = open_site(editor_url, java_script_enabled=False)
    page = session.goto(_path("fr"))
    notice = page.locator("[data-pfp-editor-nojs]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("JavaScript")
    expect(notice.locator("a")).to_have_attribute("href", "../../contribute/web-editor/")
    expect(page.locator("[data-pfp-editor]")).to_be_hidden()


# --------------------------------------------------------------------------------------
# Accessibility, layout, requests, screenshots
# --------------------------------------------------------------------------------------

OVERFLOW_JS = """() => ({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})"""


def _axe(page: object, where: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # Material's "back to top" button fades in after the page scrolls (to a focused form): measure colours
    # once transitions have ended, not halfway through a fade.
    _settled(page)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, f"{where}:\n" + "\n".join(
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_axe_layout_and_screenshots(open_site, editor_url: str, lang: str, width: int) -> None:
    session = open_site(editor_url, width)
    page = session.goto(_path(lang))
    expect(page.locator("[data-pfp-editor]")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == lang
    _axe(page, f"{lang} {width}px, before a State is chosen")
    page.select_option("#pfp-editor-state", "MLI")
    page.locator("[data-pfp-pick] button[type=submit]").click()
    expect(page.locator("[data-pfp-output]")).to_be_visible()
    page.locator("[data-pfp-add=offers]").click()
    page.fill("#pfp-offers-period_end", "2027-12-31")  # written out under the field
    page.locator("#pfp-editor-offers-form button[type=submit]").click()  # otherwise empty: every problem shown
    expect(page.locator("#pfp-offers-period_end-said")).not_to_be_empty()
    expect(page.locator("#pfp-editor-offers-form [data-pfp-errors]")).to_be_visible()
    _axe(page, f"{lang} {width}px, with a State's file and a form's problems")
    page.locator('[data-pfp-list="challenges"] [data-id="MLI-C-001"] button').first.click()
    expect(page.locator("#pfp-editor-challenges-form")).to_be_visible()
    _axe(page, f"{lang} {width}px, changing a challenge")
    m = page.evaluate(OVERFLOW_JS)
    assert m["scrollWidth"] <= m["innerWidth"], f"{lang} at {width}px scrolls sideways: {m}"
    page.locator("[data-pfp-add=needs]").click()
    page.fill("#pfp-needs-period_end", "2027-12-31")
    page.locator("#pfp-editor-needs-form button[type=submit]").click()
    m = page.evaluate(OVERFLOW_JS)
    assert m["scrollWidth"] <= m["innerWidth"], f"{lang} at {width}px scrolls sideways: {m}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"editor-{lang}-{width}.png"
    page.evaluate("window.scrollTo(0, 0)")  # the sticky header at the top of the picture, not over a form
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 1000
    assert session.requests and all("127.0.0.1" in u for u in session.requests if u.startswith("http"))
    _no_errors(session)
