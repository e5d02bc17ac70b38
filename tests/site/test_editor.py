"""The form editor: its forms follow the model, its page carries the model's constraints as native HTML,
and its data holds every State file as loaded, without a challenge the catalogue does not publish."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from annotated_types import Gt, MaxLen, MinLen
from helpers import TODAY, make_site, site_settings, state_yaml, validate_texts, write_record
from pydantic import BaseModel, Field

from build_hooks import reference
from build_hooks.engine import model
from build_hooks.engine.catalog import index_catalog
from build_hooks.engine.load import load_text
from build_hooks.engine.model import ENTRY_MODELS, Need, ShortText
from build_hooks.i18n import LANGUAGES, translator
from build_hooks.site import editor
from build_hooks.site.builder import prepare_build
from build_hooks.workflow.formatting import KEY_ORDER, comments_of

EDIT_BASE = "https://github.com/example/platform/edit/main/"
# The catalogue group that labels each choice field on the site (the test's own copy: if the
# model gains a choice field, this table and the form must both follow).
LABELS = {
    ("needs", "status"): "need_status",
    ("offers", "status"): "offer_status",
    ("needs", "area"): "area",
    ("offers", "area"): "area",
    ("needs", "kind"): "kind",
    ("offers", "kind"): "kind",
    ("challenges", "category"): "category",
}


def _form(kind: str, lang: str = "en") -> dict[str, Any]:
    t = translator(lang)
    return dict(editor.FormBuilder(t, lang, [{"value": "SEN", "label": "Senegal"}]).form(kind, ENTRY_MODELS[kind]))


def _fields(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["path"]: f for g in form["groups"] for f in g["fields"]}


def _inner(annotation: Any) -> Any:
    """The type under Optional and Annotated (the test's own reading of the model)."""
    while True:
        if typing.get_origin(annotation) is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif type(None) in typing.get_args(annotation):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _metadata(info: Any) -> list[Any]:
    out = list(info.metadata)
    for arg in typing.get_args(info.annotation):
        for extra in typing.get_args(arg)[1:]:
            out += getattr(extra, "metadata", [extra])
    return out


# --------------------------------------------------------------------------------------
# The forms follow the model
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ENTRY_MODELS))
def test_every_field_of_the_model_has_a_control_or_is_written_by_the_page(kind: str) -> None:
    entry_model = ENTRY_MODELS[kind]
    fields = _fields(_form(kind))
    tops = {path.split(".")[0] for path in fields}
    written = (editor.AUTOMATIC_KEYS | editor.KEPT_KEYS) & set(entry_model.model_fields)
    assert tops | written == set(entry_model.model_fields)
    assert not tops & written
    for name, info in entry_model.model_fields.items():
        block = _inner(info.annotation)
        if isinstance(block, type) and issubclass(block, BaseModel):
            assert {p.split(".", 1)[1] for p in fields if p.startswith(f"{name}.")} == set(block.model_fields)


@pytest.mark.parametrize("kind", list(ENTRY_MODELS))
def test_fields_come_in_the_order_of_the_file(kind: str) -> None:
    tops = list(dict.fromkeys(p.split(".")[0] for p in _fields(_form(kind))))
    assert tops == sorted(tops, key=KEY_ORDER.index)
    for group in _form(kind)["groups"]:  # inside a block too (amount: value, currency)
        names = [f["path"].split(".")[-1] for f in group["fields"]]
        assert names == sorted(names, key=KEY_ORDER.index)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_choices_are_the_models_words_with_the_sites_labels(lang: str) -> None:
    t = translator(lang)
    for (kind, path), group in LABELS.items():
        field = _fields(_form(kind, lang))[path]
        words = typing.get_args(_inner(ENTRY_MODELS[kind].model_fields[path].annotation))
        assert field["control"] == "select"
        assert [c["value"] for c in field["choices"]] == list(words)
        assert [c["label"] for c in field["choices"]] == [t(f"{group}.{w}") for w in words]
    selects = {(k, p) for k in ENTRY_MODELS for p, f in _fields(_form(k, lang)).items() if f["control"] == "select"}
    assert selects - set(LABELS) == {(k, "amount.currency") for k in ("needs", "offers")}


def test_required_marks_follow_the_model() -> None:
    for kind, entry_model in ENTRY_MODELS.items():
        fields = _fields(_form(kind))
        required = {n for n, f in entry_model.model_fields.items() if f.is_required()} - editor.AUTOMATIC_KEYS
        marked = {p for p, f in fields.items() if f["required"]}
        blocks = {p.split(".")[0] for p in marked if "." in p}
        assert {p for p in marked if "." not in p} | blocks == required
    amount = {p: f for p, f in _fields(_form("needs")).items() if p.startswith("amount.")}
    assert all(f["together"] and not f["required"] for f in amount.values())  # an optional block, all or nothing
    consent = {p: f for p, f in _fields(_form("challenges")).items() if p.startswith("consent.")}
    assert consent["consent.status"]["required"] and consent["consent.status"]["control"] == "checkbox"
    assert [c["value"] for c in consent["consent.status"]["choices"]] == ["given", "withdrawn"]
    # the model requires date and by only when consent is given (its JSON Schema says so)
    assert consent["consent.date"]["required_if"] == consent["consent.by"]["required_if"] == "consent.status=given"
    assert consent["consent.reference"]["required_if"] == ""


def test_limits_are_the_models() -> None:
    need, challenge = _fields(_form("needs")), _fields(_form("challenges"))
    for path, info in (("title", Need.model_fields["title"]), ("description", Need.model_fields["description"])):
        meta = _metadata(info)
        assert need[path]["minlength"] == next(m.min_length for m in meta if isinstance(m, MinLen))
        assert need[path]["maxlength"] == next(m.max_length for m in meta if isinstance(m, MaxLen))
    assert need["title"]["pattern"] == r"^[^\x00-\x1f<>]+$" and need["title"]["control"] == "input"
    assert need["description"]["control"] == "textarea"  # a paragraph: the model allows 20,000 characters
    assert challenge["consent.by"]["maxlength"] == 300 and challenge["consent.by"]["control"] == "input"
    gt = next(m.gt for m in model.Amount.model_fields["value"].metadata if isinstance(m, Gt))
    assert need["amount.value"]["input_type"] == "number" and need["amount.value"]["above"] == f"{gt:g}"
    assert need["amount.value"]["step"] == "any"
    shown = [c["value"] for g in need["amount.currency"]["choice_groups"] for c in g["choices"]]
    assert set(shown) <= reference.currency_codes() and len(shown) == len(set(shown))  # the validator's codes, once
    for path in ("period.start", "period.end"):
        assert need[path]["input_type"] == "date"
        assert (need[path]["min"], need[path]["max"]) == (f"{model.FIRST_YEAR}-01-01", f"{model.LAST_YEAR}-12-31")
    assert challenge["consent.date"]["not_future"] and not need["period.end"]["not_future"]
    # refused characters are asked of the model: titles and short texts refuse them, Markdown does not
    refused = {chr(int(code, 16)) for code in need["title"]["refuse"].split()}
    assert refused == model.INVISIBLE_CHARS
    assert challenge["consent.by"]["refuse"] == need["title"]["refuse"] and need["description"]["refuse"] == ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_most_used_currencies_come_first_and_codes_no_state_uses_are_left_out(lang: str) -> None:
    t = translator(lang)
    first, rest = _fields(_form("needs", lang))["amount.currency"]["choice_groups"]
    assert first["label"] == t("editor.currencies_most_used") and rest["label"] == t("editor.currencies_other")
    most_used = ["USD", "EUR", "GBP", "CHF", "JPY", "NOK", "SEK", "DKK", "CAD", "AUD", "XOF", "XAF"]
    assert [c["value"] for c in first["choices"]] == [c for c in most_used if c in reference.currency_codes()]
    others = [c["value"] for c in rest["choices"]]
    assert others == sorted(others) and not set(others) & set(most_used)
    shown = set(others) | set(most_used)
    for code in ("XTS", "XXX", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "USN"):
        assert code not in shown  # test, no-currency, precious-metal and bond-market codes
    for code in ("BOV", "CHE", "CHW", "CLF", "COU", "MXV", "UYI", "UYW", "XAD"):
        assert code not in shown  # funds and units of account
    for code in ("XCD", "XPF", "AFN", "VES", "KHR", "COP", "CHF", "UYU", "MXN"):
        assert code in shown  # real currencies, the X codes of currency unions among them
    assert next(c["label"] for c in first["choices"] if c["value"] == "EUR").startswith("EUR – ")


def test_lists_of_ids_and_links_carry_their_item_pattern() -> None:
    offer, challenge = _fields(_form("offers")), _fields(_form("challenges"))
    responds = offer["responds_to"]
    assert responds["item_pattern"] == model.NEED_ID_PATTERN and responds["value"] == "list"
    whole = re.compile(responds["pattern"])
    assert whole.fullmatch("KHM-N-001, SEN-N-012") and whole.fullmatch("") and whole.fullmatch(" KHM-N-001 ")
    assert not whole.fullmatch("KHM-N-1") and not whole.fullmatch("khm-n-001")
    assert challenge["related_needs"]["pattern"] == responds["pattern"]
    assert challenge["links"]["control"] == "textarea" and challenge["links"]["item_pattern"].startswith("^(https://")
    eligible = offer["eligible"]
    assert (eligible["control"], eligible["any_value"], eligible["item_pattern"]) == ("eligible", "any", "^[A-Z]{3}$")
    assert eligible["choices"] == [{"value": "SEN", "label": "Senegal"}]


@pytest.mark.parametrize("kind", list(ENTRY_MODELS))
def test_ids_are_numbered_from_the_models_pattern(kind: str) -> None:
    form = _form(kind)
    pattern = ENTRY_MODELS[kind].model_fields["id"].metadata[0].pattern
    assert re.match(pattern, f"SEN-{form['id_letter']}-001")
    assert form["posted_key"] == ("posted" if "posted" in ENTRY_MODELS[kind].model_fields else "")
    assert form["updated_key"] == ("updated" if "updated" in ENTRY_MODELS[kind].model_fields else "")


def test_a_field_added_to_the_model_reaches_the_form() -> None:
    class Urgent(Need):
        note: ShortText | None = None
        urgency: model.Area = "clearance"  # words the catalogue labels (area.*)

    form = editor.FormBuilder(lambda key, **values: key, "en", []).form("needs", Urgent)
    fields = _fields(dict(form))
    assert fields["note"]["maxlength"] == 300 and fields["note"]["label"] == "editor.field_note"
    assert [c["value"] for c in fields["urgency"]["choices"]] == list(typing.get_args(model.Area))
    assert fields["urgency"]["choices"][0]["label"] == "area.clearance"


def test_a_field_the_form_cannot_show_fails_the_build_naming_it() -> None:
    class Odd(Need):
        weights: dict[str, int] = Field(default_factory=dict)

    with pytest.raises(editor.EditorFieldError, match=r"Odd\.weights"):
        editor.FormBuilder(lambda key, **values: key, "en", []).form("needs", Odd)

    class Unlabelled(Need):
        urgency: Literal["low", "high"] = "low"

    with pytest.raises(editor.EditorFieldError, match=r"Unlabelled\.urgency: the choices \('low', 'high'\) have no labels"):
        editor.FormBuilder(lambda key, **values: key, "en", []).form("needs", Unlabelled)


def test_a_new_word_without_a_label_in_the_catalogue_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    class Wider(Need):
        area: Literal["clearance", "victim_assistance", "stockpile_destruction", "risk_education", "capacity", "other", "new"]

    with pytest.raises(editor.EditorFieldError, match=r"Wider\.area: the choices .* have no labels"):
        editor.FormBuilder(translator("en"), "en", []).form("needs", Wider)
    # once the vocabulary knows the word (model.Area changed), its label must be in the catalogue
    known = editor.label_group
    monkeypatch.setattr(editor, "label_group", lambda values: "area" if "new" in values else known(values))
    with pytest.raises(KeyError, match="area.new"):
        editor.FormBuilder(translator("en"), "en", []).form("needs", Wider)


# --------------------------------------------------------------------------------------
# The page: the template draws the constraints as native HTML
# --------------------------------------------------------------------------------------


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: dict[str, dict[str, str | None]] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in {"input", "select", "textarea"} and a.get("id"):
            self.controls[a["id"] or ""] = {"tag": tag, **a}
        if tag == "select":
            self._select = a.get("id")
            self.options[self._select or ""] = []
        if tag == "option" and self._select is not None:
            self.options[self._select].append(a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], str]]:
    root = make_site(tmp_path_factory.mktemp("editor"), {"SEN": state_yaml("SEN"), "MLI": state_yaml("MLI")})
    out = {}
    for lang in LANGUAGES:
        build = prepare_build(root / "mkdocs.yml", site_settings(language=lang), today=TODAY)
        assert build.site is not None
        out[lang] = (build.site.view_models[editor.EDITOR_PAGE], build.site.bodies[editor.EDITOR_PAGE])
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_draws_every_constraint_as_native_html(pages: dict[str, tuple[Any, str]], lang: str) -> None:
    vm, body = pages[lang]
    parser = _Controls()
    parser.feed(body)
    checked = 0
    for form in vm["forms"]:
        for group in form["groups"]:
            for f in group["fields"]:
                control = parser.controls[f["id"]]
                assert control["data-path"] == f["path"]
                # a drop-down with a default always has a value: HTML keeps `required` for those that start empty
                required = f["required"] and f["control"] != "eligible" and not f["default"]
                assert ("required" in control) == required, f["id"]
                for attribute, key in (("minlength", "minlength"), ("maxlength", "maxlength")):
                    assert control.get(attribute) == (None if f[key] is None else str(f[key])), (f["id"], attribute)
                for attribute in ("pattern", "min", "max", "step"):
                    assert (control.get(attribute) or "") == f[attribute], (f["id"], attribute)
                if f["control"] == "input":
                    assert control["type"] == f["input_type"]
                if f["control"] in {"select", "eligible"}:
                    values = [o for o in parser.options[f["id"]] if o]
                    grouped = [c["value"] for g in f["choice_groups"] for c in g["choices"]]
                    assert values == [c["value"] for c in f["choices"]] + grouped
                if f["input_type"] == "date":  # the date written out is part of its description
                    assert f"{f['id']}-said" in control["aria-describedby"].split()
                    assert f'id="{f["id"]}-said" aria-live="polite"' in body
                checked += 1
    assert checked > 25
    assert [o for o in parser.options["pfp-editor-state"] if o] == [s["value"] for s in vm["states"]]
    assert vm["new_language"] == ("" if lang == "en" else lang)
    assert f'<h1 id="{vm["main_id"]}" tabindex="-1">' in body  # where "Skip to content" goes
    assert parser.options["pfp-needs-amount_currency"][:3] == ["", "USD", "EUR"]


def test_the_states_are_listed_by_name_in_the_pages_language(pages: dict[str, tuple[Any, str]]) -> None:
    assert [s["label"] for s in pages["fr"][0]["states"]] == ["Mali", "Sénégal"]
    assert [s["label"] for s in pages["es"][0]["states"]] == ["Malí", "Senegal"]


def test_github_buttons_keep_their_english_names(pages: dict[str, tuple[Any, str]]) -> None:
    steps_fr = " ".join(pages["fr"][0]["steps"])
    assert '<strong lang="en">Commit changes…</strong>' in steps_fr and "<a data-pfp-edit-link>" in steps_fr
    assert '<strong>Propose changes</strong>' in " ".join(pages["en"][0]["steps"])


# --------------------------------------------------------------------------------------
# The data: every State file as loaded, consent-filtered by the catalogue
# --------------------------------------------------------------------------------------

SEN = """\
# yaml-language-server: $schema=../schema/state.schema.json
schema_version: 2
state: SEN
last_reviewed: 2026-10-01  # checked with the ministry
needs:
  - id: SEN-N-001
    title: "Survey: the Casamance"
    area: clearance
    kind: financial
    status: open
    amount: {value: 2500000, currency: XOF}
    posted: 2026-03-01
challenges:
  - id: SEN-C-001
    title: Published challenge
    category: financial
    summary: Consented summary.
    consent: {status: given, date: 2026-02-15, by: national authority}
  # the next one waits for the minister: EDITORCANARY-ABOVE
  - id: SEN-C-002
    title: "Pending EDITORCANARY-PENDING"  # EDITORCANARY-INSIDE
    category: other
    summary: Draft EDITORCANARY-PENDING-SUMMARY.
    consent: {status: pending}
  - id: SEN-C-004
    title: Withdrawn EDITORCANARY-WITHDRAWN
    category: other
    summary: Withdrawn EDITORCANARY-WITHDRAWN-SUMMARY.
    consent: {status: withdrawn, date: 2026-01-10, by: national authority}
  - id: SEN-C-003
    title: Consented today EDITORCANARY-TODAY
    category: other
    summary: Not yet published EDITORCANARY-TODAY-SUMMARY.
    consent: {status: given, date: 2026-11-27, by: national authority}
"""
AGO = """\
schema_version: 2
state: AGO
last_reviewed: 2026-10-01
challenges:
  - id: AGO-C-001
    title: Former party EDITORCANARY-NONPARTY
    category: other
    summary: Consented, but the State has left. EDITORCANARY-NONPARTY-SUMMARY
    consent: {status: given, date: 2026-01-10, by: national authority}
"""
AGO_WITHDRAWAL = [
    "AGO,withdrawal_notified,2025-01-01,UN Treaty Collection XXVI-5,2025,yes,",
    "AGO,withdrawal_effective,2025-07-01,UN Treaty Collection XXVI-5,2025,yes,",
]
EXAMPLE_SEN = """\
needs:
  - {id: SEN-N-901, title: Illustrative EDITORCANARY-EXAMPLE, area: clearance, kind: financial, status: open}
"""


@pytest.fixture
def data(tmp_path: Path) -> dict[str, Any]:
    write_record(tmp_path, membership=AGO_WITHDRAWAL)
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "SEN.yml").write_text(state_yaml("SEN", EXAMPLE_SEN), encoding="utf-8")
    result = validate_texts(tmp_path, {"SEN": SEN, "AGO": AGO, "MLI": state_yaml("MLI")})
    assert result.ok, [p.text() for p in result.errors]
    catalog = index_catalog(result, TODAY, examples=True)
    text = editor.editor_data(result, catalog, EDIT_BASE)
    assert "EDITORCANARY" not in text and "SEN-C-002" not in text and "SEN-C-003" not in text
    assert "SEN-C-004" not in text and "AGO-C-001" not in text and "SEN-N-901" not in text
    assert "<" not in text and ">" not in text  # escaped: the file can never open markup
    return json.loads(text)


def test_the_data_holds_each_file_as_loaded_without_unpublished_challenges(data: dict[str, Any]) -> None:
    assert data["key_order"] == list(KEY_ORDER)
    assert sorted(data["states"]) == ["AGO", "MLI", "SEN"]
    sen = data["states"]["SEN"]
    loaded, _ = load_text("states/SEN.yml", SEN)
    assert loaded is not None
    expected = dict(loaded.data)
    expected["challenges"] = [c for c in loaded.data["challenges"] if c["id"] == "SEN-C-001"]
    assert sen["data"] == expected
    assert sen["data"]["last_reviewed"] == "2026-10-01" and sen["data"]["needs"][0]["amount"]["value"] == 2500000
    assert sen["comments"] == ["# yaml-language-server: $schema=../schema/state.schema.json", "# checked with the ministry"]
    assert len(comments_of(SEN)) == 4  # the two about the draft are left out with it
    assert sen["edit_url"] == EDIT_BASE + "states/SEN.yml"
    assert sen["withheld"] == 3  # pending, withdrawn, and consented today (published from tomorrow)
    # numbering goes on after the withheld challenges: an id is never given twice
    assert sen["next_number"] == {"needs": 2, "offers": 1, "challenges": 5}


def test_a_state_that_has_left_has_none_of_its_challenges_in_the_data(data: dict[str, Any]) -> None:
    ago = data["states"]["AGO"]
    assert ago["data"]["challenges"] == [] and ago["withheld"] == 1
    mli = data["states"]["MLI"]
    assert "challenges" not in mli["data"] and mli["withheld"] == 0


def test_without_an_edit_address_the_data_says_so(tmp_path: Path) -> None:
    write_record(tmp_path)
    result = validate_texts(tmp_path, {"MLI": state_yaml("MLI")})
    text = editor.editor_data(result, index_catalog(result, TODAY), "")
    assert json.loads(text)["states"]["MLI"]["edit_url"] == ""


def test_the_build_writes_the_data_once_at_the_english_root(tmp_path: Path) -> None:
    from build_hooks.site.builder import output_files

    root = make_site(tmp_path, {"SEN": SEN.replace("2026-11-27", "2026-11-20")})
    build = prepare_build(root / "mkdocs.yml", site_settings(history=False), today=TODAY)
    files = output_files(build, "https://example.org/")
    states = json.loads(files[editor.EDITOR_DATA])["states"]
    assert [c["id"] for c in states["SEN"]["data"]["challenges"]] == ["SEN-C-001", "SEN-C-003"]
    assert build.site is not None
    assert editor.EDITOR_PAGE in build.site.pages
    assert isinstance(dt.date.fromisoformat(states["SEN"]["data"]["needs"][0]["posted"]), dt.date)


def test_a_withheld_challenge_without_lines_of_its_own_takes_the_block_comments_with_it(tmp_path: Path) -> None:
    flow = state_yaml(
        "MLI",
        """\
        # about the file
        challenges: [{id: MLI-C-001, title: Draft title, category: other, summary: Draft., consent: {status: pending}}]  # EDITORCANARY
        needs: []  # kept
        """,
    )
    write_record(tmp_path)
    result = validate_texts(tmp_path, {"MLI": flow})
    mli = json.loads(editor.editor_data(result, index_catalog(result, TODAY), ""))["states"]["MLI"]
    assert mli["comments"] == ["# about the file", "# kept"] and mli["withheld"] == 1
