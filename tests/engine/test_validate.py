"""The validator: never an exception, always a located and hinted problem; pinned wording."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import KHM_SAMPLE, TODAY, state_yaml, validate_texts, write_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_hooks.diagnostics import format_problems
from build_hooks.engine.load import load_text
from build_hooks.engine.rulebook import RULES_BY_ID
from build_hooks.engine.validate import ValidationResult, state_files, validate_documents, validate_paths

VALID: dict[str, Any] = {
    "schema_version": 2,
    "state": "KHM",
    "last_reviewed": "2026-10-01",
    "contacts": [{"role": "Focal point", "organisation": "CMAA", "email": "focal.point@example.org"}],
    "needs": [
        {
            "id": "KHM-N-001",
            "title": "Land release in the north-west",
            "area": "clearance",
            "kind": "financial",
            "status": "open",
            "description": "Survey and clearance.",
            "amount": {"value": 2500000, "currency": "USD"},
            "period": {"start": "2026-01-01", "end": "2027-12-31"},
            "posted": "2026-03-01",
        }
    ],
    "offers": [
        {
            "id": "KHM-O-001",
            "title": "Advice on survey",
            "area": "clearance",
            "kind": "expertise",
            "status": "available",
            "eligible": ["AGO", "NOR"],
            "responds_to": ["KHM-N-001"],
            "description": "Two experts for a month.",
        }
    ],
    "challenges": [
        {
            "id": "KHM-C-001",
            "title": "Funding gap for survey teams",
            "category": "financial",
            "summary": "Survey teams stand idle for lack of funds.",
            "related_needs": ["KHM-N-001"],
            "consent": {"status": "given", "date": "2026-02-15", "by": "national authority"},
        }
    ],
}

# The string fields the property test fills with arbitrary text.
STRING_FIELDS: list[tuple[str | int, ...]] = [
    ("state",),
    ("contacts", 0, "role"),
    ("contacts", 0, "organisation"),
    ("contacts", 0, "email"),
    ("needs", 0, "id"),
    ("needs", 0, "title"),
    ("needs", 0, "description"),
    ("needs", 0, "amount", "currency"),
    ("needs", 0, "status"),
    ("offers", 0, "id"),
    ("offers", 0, "title"),
    ("offers", 0, "description"),
    ("offers", 0, "eligible", 1),
    ("offers", 0, "responds_to", 0),
    ("challenges", 0, "id"),
    ("challenges", 0, "title"),
    ("challenges", 0, "summary"),
    ("challenges", 0, "related_needs", 0),
    ("challenges", 0, "consent", "by"),
    ("challenges", 0, "consent", "status"),
]

# Text that is awkward for YAML, HTML or the rules, mixed with fully arbitrary text.
TRICKY = [
    "",
    " ",
    "NO",
    "yes",
    "null",
    "~",
    "0123",
    "12:30",
    "- a",
    "a: b",
    "# c",
    "&a",
    "*a",
    "!!python/object/apply:os.system ['ls']",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "https://",
    "KHM-N-001",
    "KHM-N-999",
    "NOR-O-001",
    "\t",
    "\x00",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\uffff",
    "é" * 400,
    "[" * 40,
]
TEXT = st.one_of(st.sampled_from(TRICKY), st.text(st.characters(codec="utf-8"), max_size=60))


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _render(data: dict[str, Any], style: str, raw: dict[tuple[str | int, ...], str]) -> str:
    if style == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if style == "json":
        return json.dumps(data, ensure_ascii=False, indent=1)
    # "raw": the text pasted unquoted into the YAML, as a careless edit would.
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    for index, value in enumerate(raw.values()):
        text = text.replace(f"RAW{index}MARK", value)
    return text


def _check(text: str) -> ValidationResult:
    doc, problems = load_text("states/KHM.yml", text)
    docs = [(doc, "KHM")] if doc is not None else []
    result = validate_documents(docs, TODAY, problems)
    lines = len(re.findall(r"\r\n|\r|\n", text)) + 1  # the lines an editor shows
    for p in result.problems:
        assert p.path == "states/KHM.yml", p
        assert p.rule in RULES_BY_ID, p
        assert p.severity == RULES_BY_ID[p.rule].severity, p
        assert 1 <= p.line <= lines + 1, p
        assert p.col >= 1, p
        assert p.message.strip(), p
        assert p.hint.strip(), p
        assert p.text().count("\n") >= 1
    format_problems(result.problems, "github")
    format_problems(result.problems, "json")
    return result


def test_the_base_document_is_valid_in_every_style() -> None:
    for style in ("yaml", "json", "raw"):
        result = _check(_render(VALID, style, {}))
        assert result.problems == [], [p.text() for p in result.problems]
        assert set(result.states) == {"KHM"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.dictionaries(st.sampled_from(STRING_FIELDS), TEXT, min_size=1, max_size=6),
    style=st.sampled_from(["yaml", "json", "raw"]),
)
def test_any_text_in_string_fields_gives_problems_never_exceptions(
    values: dict[tuple[str | int, ...], str], style: str
) -> None:
    data = copy.deepcopy(VALID)
    if style == "raw":
        for index, path in enumerate(values):
            _set(data, path, f"RAW{index}MARK")
    else:
        for path, value in values.items():
            _set(data, path, value)
    _check(_render(data, style, values))


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=200))
def test_any_text_as_a_whole_file(text: str) -> None:
    _check(text)


# --- pinned wording --------------------------------------------------------------------

KHM = KHM_SAMPLE.replace("status: open", "status: Open")  # schema-enum at 11:13

NOR = """\
schema_version: 2
state: NOR
# Membership, deadlines and reports are facts of the official record (record/*.csv),
# not of this file.
last_reviewed: 2026-10-01
offers:
  - id: NOR-O-003
    title: Funding for land release
    area: clearance
    kind: financial
    status: available
    eligible: [KHM]
    responds_to: [KHM-N-001, KHM-N-999]
"""


def _write_states(tmp_path: Path, files: dict[str, str]) -> Path:
    write_record(tmp_path)
    folder = tmp_path / "states"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_exact_text_of_two_problems(tmp_path: Path) -> None:
    folder = _write_states(tmp_path, {"KHM.yml": KHM, "NOR.yml": NOR})
    result = validate_paths([folder], TODAY, root=tmp_path)
    assert format_problems(result.problems, "text") == (
        "states/KHM.yml:11:13: error [schema-enum] need KHM-N-001 status is 'Open', which is not one of: "
        "open, partially_met, met or withdrawn\n"
        "  hint: did you mean `open`? Use one of the words listed in the message (they are lower case, "
        "with underscores). (docs: /contribute/rules/#schema-enum)\n"
        "states/NOR.yml:13:30: error [ref-unknown-need] offer NOR-O-003 responds to KHM-N-999, which no State defines\n"
        "  hint: check the id in states/KHM.yml, or remove it from responds_to "
        "(docs: /contribute/rules/#ref-unknown-need)\n"
        "2 error(s), 0 warning(s)"
    )


def test_exact_github_and_json_output(tmp_path: Path) -> None:
    folder = _write_states(tmp_path, {"KHM.yml": KHM.replace("Open", "open"), "NOR.yml": NOR})
    problems = validate_paths([folder], TODAY, root=tmp_path).problems
    assert format_problems(problems, "github") == (
        "::error file=states/NOR.yml,line=13,col=30,title=ref-unknown-need::"
        "offer NOR-O-003 responds to KHM-N-999, which no State defines%0A"
        "hint: check the id in states/KHM.yml, or remove it from responds_to"
    )
    assert json.loads(format_problems(problems, "json")) == [
        {
            "path": "states/NOR.yml",
            "line": 13,
            "col": 30,
            "severity": "error",
            "rule": "ref-unknown-need",
            "message": "offer NOR-O-003 responds to KHM-N-999, which no State defines",
            "hint": "check the id in states/KHM.yml, or remove it from responds_to",
        }
    ]


def test_exact_text_of_a_duplicate_key(tmp_path: Path) -> None:
    folder = _write_states(tmp_path, {"KHM.yml": KHM + "    status: met\n"})
    result = validate_paths([folder], TODAY, root=tmp_path)
    assert [p.text() for p in result.problems] == [
        "states/KHM.yml:12:5: error [yaml-duplicate-key] the key `status` is written twice at the same level "
        "(first on line 11)\n"
        "  12 |     status: met\n"
        "     |     ^\n"
        "  hint: keep one `status` (lines 11 and 12) and delete the other (docs: /contribute/rules/#yaml-duplicate-key)"
    ]


def test_empty_consent_is_consent_missing() -> None:
    text = KHM.replace("Open", "open") + (
        "challenges:\n"
        "  - id: KHM-C-001\n"
        "    title: Funding gap for survey teams\n"
        "    category: financial\n"
        "    summary: Survey teams stand idle.\n"
        "    consent:\n"
    )
    result = _check(text)
    assert [(p.line, p.col, p.rule, p.message) for p in result.problems] == [
        (17, 5, "consent-missing", "challenge KHM-C-001 has an empty `consent`, which is required")
    ]


def test_id_format_message_names_the_expected_form() -> None:
    result = _check(KHM.replace("Open", "open").replace("KHM-N-001", "KHM-O-001"))
    assert [(p.line, p.col, p.rule, p.message) for p in result.problems] == [
        (
            7,
            9,
            "id-format",
            "need KHM-O-001 id is 'KHM-O-001'; expected the State code, N and at least three digits, e.g. KHM-N-001",
        )
    ]


@pytest.mark.parametrize(
    ("name", "state", "hint"),
    [
        ("KHM", "NOR", "rename the file to states/NOR.yml, or set `state: KHM`"),
        ("khm", "KHM", "rename the file to states/KHM.yml"),
        ("KHM", "khm", "set `state: KHM`"),
    ],
)
def test_state_file_name_hint_suggests_only_valid_codes(tmp_path: Path, name: str, state: str, hint: str) -> None:
    folder = _write_states(tmp_path, {f"{name}.yml": KHM.replace("state: KHM", f"state: {state}")})
    problems = [p for p in validate_paths([folder], TODAY, root=tmp_path).problems if p.rule == "state-file-name"]
    assert [(p.path, p.line, p.col, p.hint) for p in problems] == [(f"states/{name}.yml", 2, 8, hint)]


def test_every_file_and_entry_is_checked_not_just_the_first(tmp_path: Path) -> None:
    bad_need = KHM.replace("KHM-N-001", "KHM-N-002")
    khm = bad_need + KHM.split("needs:\n")[1].replace("KHM-N-001", "KHM-N-003")
    folder = _write_states(tmp_path, {"KHM.yml": khm, "NOR.yml": NOR.replace("[KHM]", "[XYZ]")})
    rules = sorted((p.path, p.line, p.rule) for p in validate_paths([folder], TODAY, root=tmp_path).problems)
    assert rules == [
        ("states/KHM.yml", 11, "schema-enum"),
        ("states/KHM.yml", 16, "schema-enum"),
        ("states/NOR.yml", 12, "ref-unknown-state"),
        ("states/NOR.yml", 13, "ref-unknown-need"),
        ("states/NOR.yml", 13, "ref-unknown-need"),
    ]


def test_valid_files_become_typed_models(tmp_path: Path) -> None:
    folder = _write_states(
        tmp_path, {"KHM.yml": KHM.replace("Open", "open"), "NOR.yml": NOR.replace(", KHM-N-999", "")}
    )
    result = validate_paths([folder], TODAY, root=tmp_path)
    assert result.ok and result.problems == []
    khm = result.states["KHM"].to_model()
    assert khm is not None
    assert khm.needs[0].id == "KHM-N-001"
    assert khm.last_reviewed == dt.date(2026, 10, 1)
    assert result.states["NOR"].offers[0].responds_to == ["KHM-N-001"]


def test_state_files_are_sorted_and_deduplicated(tmp_path: Path) -> None:
    folder = _write_states(tmp_path, {"NOR.yml": NOR, "KHM.yml": KHM, "notes.txt": "x", "AGO.yaml": KHM})
    files = state_files([folder, folder / "KHM.yml"])
    assert [f.name for f in files] == ["AGO.yaml", "KHM.yml", "NOR.yml"]


def test_references_of_an_entry_with_a_schema_error_are_checked_in_the_same_run(tmp_path: Path) -> None:
    body = """\
    offers:
      - id: SEN-O-001
        title: Expertise
        area: clearance
        kind: expertise
        status: open
        eligible: [mli, XYZ]
        responds_to: [KHM-N-999, khm-n-1]
    challenges:
      - id: SEN-C-001
        title: Funding gap
        category: money
        summary: Teams stand idle.
        consent: {status: given, date: 2026-02-15, by: ministry}
        related_needs: [SEN-N-404]
    """
    result = validate_texts(tmp_path, {"SEN": state_yaml("SEN", body)})
    found = sorted((p.line, p.col, p.rule) for p in result.problems)
    assert found == [
        (9, 13, "schema-enum"),  # an offer status is available, committed or closed
        (10, 16, "ref-unknown-state"),  # mli: write MLI
        (10, 21, "ref-unknown-state"),
        (11, 19, "ref-unknown-need"),
        (11, 30, "schema-format"),  # not written as an id: reported once, by the schema
        (15, 15, "schema-enum"),
        (18, 21, "ref-unknown-need"),
    ]
