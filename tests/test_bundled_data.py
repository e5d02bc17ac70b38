"""The bundled State files (states/*.yml) written by scripts/import_reference.py.

They must validate, carry the reference list's doubts as `verified: false`,
hold only figures the reference list gives, mark every shipped entry as
illustrative, and be reproducible byte for byte by the import script.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import TODAY

from build_hooks.engine.validate import ValidationResult, validate_paths
from build_hooks.reference import ReferenceState, load_reference

ROOT = Path(__file__).resolve().parent.parent
STATES = ROOT / "states"
SCRIPT = ROOT / "scripts" / "import_reference.py"
WITHDRAWN = {"EST", "LVA", "LTU", "FIN", "POL"}
# Deadlines that are only recalled in the notes (the CSV column is empty).
RECALLED_DEADLINES = {"MRT": dt.date(2026, 12, 31), "SDN": dt.date(2027, 4, 1), "SOM": dt.date(2027, 10, 1)}
CANARIES = {"CANARY-PENDING-KHM-C-002": "pending", "CANARY-WITHDRAWN-LKA-C-001": "withdrawn"}


@pytest.fixture(scope="module")
def result() -> ValidationResult:
    return validate_paths([STATES], today=TODAY, root=ROOT)


@pytest.fixture(scope="module")
def rows() -> dict[str, ReferenceState]:
    return load_reference()


def segments(row: ReferenceState, label: str) -> str:
    """The notes' segments about one topic (Art5, Art4, VA), joined."""
    return " | ".join(s for s in row.source_notes.split(" | ") if s.startswith(label)).lower()


def test_one_file_per_reference_row(rows: dict[str, ReferenceState]) -> None:
    assert len(rows) == 166
    assert sorted(p.stem for p in STATES.glob("*.yml")) == sorted(rows)


def test_files_validate_without_errors(result: ValidationResult) -> None:
    assert [p.text() for p in result.errors] == []
    assert len(result.states) == 166


def test_only_warnings_are_missing_reviews(result: ValidationResult) -> None:
    warnings = [p for p in result.problems if p.severity == "warning"]
    assert {p.rule for p in warnings} <= {"style-stale-review"}
    unreviewed = {s for s, c in result.states.items() if c.header is not None and c.header.last_reviewed is None}
    assert len(warnings) == len(unreviewed)


def test_every_entry_is_illustrative(result: ValidationResult) -> None:
    entries = [e for c in result.states.values() for e in (*c.needs, *c.offers, *c.challenges)]
    assert len(entries) >= 10
    for entry in entries:
        assert entry.illustrative is True, entry.id
        assert entry.title.startswith("Illustrative example"), entry.id


def test_every_feature_has_an_example(result: ValidationResult) -> None:
    needs = [n for c in result.states.values() for n in c.needs]
    offers = [o for c in result.states.values() for o in c.offers]
    challenges = [ch for c in result.states.values() for ch in c.challenges]
    assert {"open", "partially_met", "met"} <= {n.status for n in needs}
    assert {"available", "committed"} <= {o.status for o in offers}
    assert {"given", "pending", "withdrawn"} == {ch.consent.status for ch in challenges}
    assert any(o.eligible == "any" for o in offers) and any(isinstance(o.eligible, list) for o in offers)
    assert any(o.responds_to for o in offers) and any(ch.related_needs for ch in challenges)


def test_canaries_only_in_unpublishable_challenges(result: ValidationResult) -> None:
    for canary, status in CANARIES.items():
        holders = [ch for c in result.states.values() for ch in c.challenges if canary in ch.summary]
        assert len(holders) == 1
        assert holders[0].consent.status == status
        assert canary in holders[0].title
    texts = [
        text
        for c in result.states.values()
        for entry in (*c.needs, *c.offers)
        for text in (entry.title, entry.description or "")
    ]
    assert not any(canary in text for canary in CANARIES for text in texts)


def test_recalled_membership_is_unverified(result: ValidationResult, rows: dict[str, ReferenceState]) -> None:
    for code, row in rows.items():
        header = result.states[code].header
        assert header is not None
        membership = header.membership
        first = row.source_notes.split(" | ")[0]
        assert membership.party_since == dt.date.fromisoformat(row.party_since), code
        assert membership.source is not None and first in membership.source, code
        if "recalled" in first.lower() or "derived" in first.lower():
            assert membership.verified is False, code


def test_withdrawals(result: ValidationResult) -> None:
    for code, checked in result.states.items():
        assert checked.header is not None
        m = checked.header.membership
        if code in WITHDRAWN:
            assert m.status == "withdrawn", code
            assert m.withdrawal_notified is not None and m.withdrawal_effective is not None
            assert m.withdrawal_effective <= TODAY
            assert m.verified is False, code  # every withdrawal date pair has a derived or approximate part
        else:
            assert m.status == "party", code
    assert result.states["POL"].header is not None
    assert result.states["POL"].header.membership.withdrawal_effective == dt.date(2026, 2, 20)


@pytest.mark.parametrize("code", ["UKR", "COD", "ERI", "TCD", "THA", "ZWE", "SEN"])
def test_uncertain_article5_is_unverified(result: ValidationResult, code: str) -> None:
    header = result.states[code].header
    assert header is not None and header.obligations is not None and header.obligations.article5 is not None
    assert header.obligations.article5.verified is False


def test_article5_figures_come_from_the_reference_list(
    result: ValidationResult, rows: dict[str, ReferenceState]
) -> None:
    for code, row in rows.items():
        header = result.states[code].header
        assert header is not None
        a5 = header.obligations.article5 if header.obligations else None
        notes = segments(row, "Art5")
        if a5 is None:
            assert not row.art5_deadline and not row.art5_remaining_km2, code
            continue
        assert a5.status == "in_progress", code
        if row.art5_deadline:
            assert a5.deadline == dt.date.fromisoformat(row.art5_deadline), code
        else:
            assert a5.deadline == RECALLED_DEADLINES.get(code), code
            assert a5.verified is False, code
        assert a5.extensions_granted == (int(row.art5_extensions) if row.art5_extensions else None), code
        if any(word in notes for word in ("recalled", "not verified", "unverified", "uncertain")):
            assert a5.verified is False, code
        if a5.extensions:
            assert a5.extensions[-1].new_deadline == a5.deadline, code
        if row.art5_remaining_km2:
            (figure,) = a5.contamination
            assert figure.remaining_km2 == float(row.art5_remaining_km2), code
            assert figure.as_of.year == int(row.art5_figure_year), code
        else:
            assert a5.contamination == [], code


def test_article4_and_victim_assistance(result: ValidationResult, rows: dict[str, ReferenceState]) -> None:
    for code, row in rows.items():
        header = result.states[code].header
        assert header is not None
        ob = header.obligations
        a4 = ob.article4 if ob else None
        if row.art4_outstanding == "yes":
            assert a4 is not None and a4.status == "in_progress" and a4.stockpile_remaining, code
        elif a4 is not None:
            assert a4.status == "none" and "never produced or stockpiled" in row.source_notes, code
        va = ob.victim_assistance if ob else None
        if row.va_significant_survivors in {"yes", "likely"}:
            assert va is not None and va.significant_survivors is True, code
            if row.va_significant_survivors == "likely" or "recalled" in segments(row, "VA"):
                assert va.verified is False, code
        else:
            assert va is None, code
    greece = result.states["GRC"].header
    assert greece is not None and greece.obligations is not None and greece.obligations.article4 is not None
    assert greece.obligations.article4.stockpile_remaining == 325_413
    assert greece.obligations.article4.deadline == dt.date(2008, 3, 1)
    tuvalu = result.states["TUV"].header
    assert tuvalu is not None and (tuvalu.obligations is None or tuvalu.obligations.article4 is None)


def test_sources_are_citations_not_plain_http() -> None:
    for path in STATES.glob("*.yml"):
        assert "http://" not in path.read_text(encoding="utf-8"), path.name


def test_files_start_with_schema_line_and_import_note() -> None:
    for path in STATES.glob("*.yml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# yaml-language-server: $schema=../schema/state.schema.json", path.name
        assert any(line.startswith("# Imported by scripts/import_reference.py on 2026-11-27") for line in lines)
        assert any("has not yet reviewed this file" in line for line in lines[:12]), path.name


def test_import_script_reproduces_the_files(tmp_path: Path) -> None:
    for _ in range(2):  # a second run over its own output must change nothing
        subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True)
        produced = sorted(p.name for p in tmp_path.glob("*.yml"))
        assert produced == sorted(p.name for p in STATES.glob("*.yml"))
        for name in produced:
            assert (tmp_path / name).read_bytes() == (STATES / name).read_bytes(), name


def test_import_script_leaves_a_states_own_file_alone(tmp_path: Path) -> None:
    own = tmp_path / "KHM.yml"
    own.write_text("schema_version: 1\nstate: KHM\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0
    assert own.read_text(encoding="utf-8") == "schema_version: 1\nstate: KHM\n"
    assert "KHM.yml was not written by this script" in run.stderr
