"""Properties of the bundled data that hold whatever States submit: never today's exact content.

``states/`` changes with every pull request and ``record/`` whenever the ISU records a
decision, so these tests check what must stay true of any version of them: everything
validates, the importer is idempotent on its own output, examples live apart and are
labelled, the record's derived values are derived, and the reference table in the repository
is the one the importer reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

from build_hooks.engine.catalog import index_catalog
from build_hooks.engine.load import load_file
from build_hooks.engine.record import load_record
from build_hooks.engine.validate import ValidationResult, validate_paths

TODAY = dt.date.today()  # the bundled data must be valid today, whatever today is


@pytest.fixture(scope="module")
def result() -> ValidationResult:
    return validate_paths([REPO / "states"], today=TODAY, root=REPO)


def test_states_record_and_examples_validate_without_errors(result: ValidationResult) -> None:
    assert result.errors == [], "\n".join(p.text() for p in result.errors)
    assert result.record.states, "the record is not empty"


def test_every_state_file_names_a_state_of_the_record(result: ValidationResult) -> None:
    for path in sorted((REPO / "states").glob("*.yml")):
        assert result.record.known(path.stem), f"{path.name}: {path.stem} has no entry into force in record/"


def test_no_state_file_holds_what_the_record_holds() -> None:
    for path in sorted((REPO / "states").glob("*.yml")):
        doc, _ = load_file(path)
        assert doc is not None and isinstance(doc.data, dict)
        assert doc.data.get("schema_version") == 2, path.name
        assert not {"membership", "obligations", "reporting"} & set(doc.data), path.name


def test_examples_live_apart_and_are_labelled_as_such(result: ValidationResult) -> None:
    examples = REPO / "examples"
    state_ids = {i for checked in result.states.values() for i in checked.entry_paths}
    example_ids = {i for checked in result.examples.values() for i in checked.entry_paths}
    assert not state_ids & example_ids
    for path in sorted(examples.glob("*.yml")):
        head = path.read_text(encoding="utf-8")[:600]
        assert "EXAMPLES, not statements by" in head, f"{path.name} does not say it holds examples"
    catalog = index_catalog(result, TODAY, examples=True)
    assert catalog.illustrative == frozenset(example_ids & set(catalog.owner))
    assert not catalog.real(catalog.needs[i] for i in catalog.illustrative if i in catalog.needs)


def test_derived_values_are_derived(result: ValidationResult) -> None:
    """The current deadline is always the latest deadline a decision set, else the original one."""
    for code, state in result.record.states.items():
        deadlines = [d.deadline.value for d in state.decisions if d.deadline.known]
        current = state.current_deadline()
        if deadlines:
            assert current.value == max(deadlines), code
        elif state.decisions:
            assert current.state == "not_recorded", code  # a decision moved it to a date not recorded
        else:
            assert current == state.original_deadline, code
        extensions = state.extensions()
        if extensions.known:
            assert extensions.value == len(state.decisions), code
            assert extensions.at_least == (not state.chain_complete), code


def test_party_status_comes_from_dates_only(result: ValidationResult) -> None:
    for code, state in result.record.states.items():
        left = state.withdrawal_effective.value
        if left is not None:
            assert not state.is_party(left), code
            assert state.is_party(left - dt.timedelta(days=1)), code


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def test_the_importer_is_idempotent_on_its_own_output(tmp_path: Path) -> None:
    """Run twice into a temporary folder: the same bytes, and a record that loads without problems."""
    script = REPO / "scripts" / "import_record.py"
    first, second = tmp_path / "a" / "record", tmp_path / "b" / "record"
    for out in (first, second):
        done = subprocess.run([sys.executable, str(script), "--out", str(out)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert _digest(first) == _digest(second)
    shutil.copy2(REPO / "record" / "README.md", first / "README.md")
    _, problems = load_record(first.parent)
    assert problems == [], "\n".join(p.text() for p in problems)


def test_the_importer_never_writes_a_states_own_file(tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in (REPO / "states").glob("*.yml")}
    script = REPO / "scripts" / "import_record.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path / "record")], check=True, capture_output=True)
    assert {p.name: p.read_bytes() for p in (REPO / "states").glob("*.yml")} == before
    assert not list(tmp_path.rglob("*.yml"))
