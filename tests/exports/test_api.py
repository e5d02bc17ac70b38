"""Exports validate against their published schemas, round-trip, agree with each other, and keep consent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import TODAY, golden_site, site_settings

from build_hooks.exports.api import API_DIR, ENDPOINTS, Envelope, schema_file_name
from build_hooks.site.builder import Build, output_files, prepare_build

REPO = Path(__file__).resolve().parents[2]
SITE_URL = "https://example.org/pfp/"
ATOM = "{http://www.w3.org/2005/Atom}"


GOLDEN = REPO / "tests" / "golden" / "three_states"
EXAMPLES = """\
schema_version: 2
state: KHM
needs:
  - {id: KHM-N-901, title: "Illustrative example: survey", area: clearance, kind: financial, status: open}
challenges:
  - id: KHM-C-901
    title: "Illustrative example: draft EXAMPLE-CANARY-PENDING"
    category: capacity
    summary: "Never published. EXAMPLE-CANARY-PENDING-SUMMARY"
    consent: {status: pending}
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The golden case's site (its own States, record and dialogues) with the repository's examples."""
    root = golden_site(tmp_path_factory.mktemp("api"))
    (root / "examples").mkdir()
    (root / "examples" / "KHM.yml").write_text(EXAMPLES, encoding="utf-8")
    result = prepare_build(root / "mkdocs.yml", site_settings(root / "mkdocs.yml", history=False), today=TODAY)
    assert result.site is not None, [p.text() for p in result.validation.errors]
    return result


@pytest.fixture(scope="module")
def files(build: Build) -> dict[str, str]:
    return output_files(build, SITE_URL)


def _endpoint_files(files: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for name in files:
        if not name.startswith(API_DIR + "/") or "/schemas/" in name:
            continue
        rel = name.removeprefix(API_DIR + "/")
        endpoint = "states/{iso3}.json" if rel.startswith("states/") else rel
        out.append((name, endpoint))
    return out


def test_every_endpoint_and_its_schema_is_written(files: dict[str, str]) -> None:
    for endpoint in ENDPOINTS:
        assert f"{API_DIR}/{schema_file_name(endpoint)}" in files
        if "{iso3}" not in endpoint:
            assert f"{API_DIR}/{endpoint}" in files
    assert f"{API_DIR}/states/khm.json" in files


def test_every_api_file_validates_against_its_published_schema(build: Build, files: dict[str, str]) -> None:
    validators = {
        endpoint: jsonschema.Draft202012Validator(json.loads(files[f"{API_DIR}/{schema_file_name(endpoint)}"]))
        for endpoint in ENDPOINTS
    }
    checked = 0
    for name, endpoint in _endpoint_files(files):
        errors = list(validators[endpoint].iter_errors(json.loads(files[name])))
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"
        checked += 1
    assert build.catalog is not None
    assert checked == len(ENDPOINTS) - 1 + len(build.catalog.states)  # one file per State with a file


def test_examples_never_enter_the_api_totals(build: Build, files: dict[str, str]) -> None:
    assert build.catalog is not None and build.catalog.illustrative, "the examples are included"
    for name in ("needs", "offers", "challenges"):
        ids = {item["id"] for item in json.loads(files[f"{API_DIR}/{name}.json"])["result"]}
        assert not ids & build.catalog.illustrative, name
    examples = json.loads(files[f"{API_DIR}/examples.json"])
    assert examples["total"] == len(examples["result"]) > 0
    assert all(item["illustrative"] is True for item in examples["result"])
    # what each example is, whatever its own fields are (a need's kind is its assistance kind)
    types = {item["id"]: (item["entry_type"], item.get("kind")) for item in examples["result"]}
    for item_id, (entry_type, kind) in types.items():
        assert entry_type == {"N": "need", "O": "offer", "C": "challenge"}[item_id.split("-")[1]], item_id
        assert kind != entry_type or entry_type == "challenge", item_id
    states = json.loads(files[f"{API_DIR}/states.json"])["result"]
    khm = next(s for s in states if s["state"] == "KHM")
    assert khm["computed"]["open_needs"] == 1  # the golden case's own open need, not the examples'


def test_facts_have_three_states_in_json_and_csv(files: dict[str, str]) -> None:
    progress = {p["state"]: p["computed"] for p in json.loads(files[f"{API_DIR}/progress.json"])["result"]}
    assert progress["KHM"]["extensions"] == {
        "state": "value",
        "value": 2,
        "source": "4RC final report",
        "as_of": "2019",
        "verified": True,
        "at_least": False,
        "qualifier": "",
    }
    assert progress["AGO"]["extensions"]["at_least"] is True  # the record says the chain is incomplete
    assert progress["NOR"]["deadline"]["state"] == "not_recorded"
    rows = {r["state"]: r for r in csv.DictReader(io.StringIO(files["data/progress.csv"].removeprefix("\ufeff")))}
    assert (rows["NOR"]["deadline"], rows["NOR"]["deadline_state"]) == ("", "not_recorded")
    assert (rows["KHM"]["extensions"], rows["KHM"]["extensions_source"]) == ("2", "4RC final report")
    assert rows["AGO"]["extensions_at_least"] == "true"


def test_every_api_file_round_trips_through_its_model(files: dict[str, str]) -> None:
    for name, endpoint in _endpoint_files(files):
        model = Envelope[ENDPOINTS[endpoint][0]]  # type: ignore[valid-type]
        data = json.loads(files[name])
        again = model.model_validate_json(files[name]).model_dump(mode="json", by_alias=True)
        assert json.dumps(again, sort_keys=True) == json.dumps(data, sort_keys=True), name


def test_envelope_and_generated_at(build: Build, files: dict[str, str]) -> None:
    needs = json.loads(files[f"{API_DIR}/needs.json"])
    assert set(needs) == {"schema_version", "generated_at", "total", "result"}
    assert needs["schema_version"] == 1
    assert build.catalog is not None
    assert needs["total"] == len(needs["result"]) == len(build.catalog.real(build.catalog.needs.values()))
    assert needs["generated_at"] == "2026-11-27T12:00:00Z"


def test_computed_fields_are_set_apart(files: dict[str, str]) -> None:
    need = next(n for n in json.loads(files[f"{API_DIR}/needs.json"])["result"] if n["id"] == "KHM-N-001")
    assert "responding_offers" not in need and "NOR-O-001" in need["computed"]["responding_offers"]


@pytest.mark.parametrize("name", ["needs", "offers", "progress"])
def test_csv_rows_equal_json_totals(files: dict[str, str], name: str) -> None:
    text = files[f"data/{name}.csv"]
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == json.loads(files[f"{API_DIR}/{name}.json"])["total"]
    key = "state" if name == "progress" else "id"
    assert [r[key] for r in rows] == [item[key] for item in json.loads(files[f"{API_DIR}/{name}.json"])["result"]]


def test_feeds_parse_as_atom_with_valid_entries(files: dict[str, str]) -> None:
    feeds = [name for name in files if name.startswith("feeds/")]
    assert "feeds/all.xml" in feeds and "feeds/states/khm.xml" in feeds
    for name in feeds:
        root = ET.fromstring(files[name].encode("utf-8"))
        assert root.tag == f"{ATOM}feed"
        for tag in ("title", "id", "updated"):
            assert root.find(f"{ATOM}{tag}") is not None
        for entry in root.findall(f"{ATOM}entry"):
            for tag in ("id", "title", "updated", "link"):
                assert entry.find(f"{ATOM}{tag}") is not None, name
            dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated", "").replace("Z", "+00:00"))
            assert entry.find(f"{ATOM}link").get("href", "").startswith(SITE_URL)  # type: ignore[union-attr]


def test_calendar_parses(files: dict[str, str]) -> None:
    text = files["data/deadlines.ics"]
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded: list[str] = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    stack: list[str] = []
    events: list[dict[str, str]] = []
    for line in unfolded:
        key, _, value = line.partition(":")
        if key == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
        elif key == "END":
            assert stack.pop() == value
        elif stack and stack[-1] == "VEVENT":
            events[-1][key.split(";")[0]] = value
    assert not stack
    assert all({"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(e) for e in events)
    assert any(e["UID"] == "article7-annual@platform-for-partnerships" and e["RRULE"] == "FREQ=YEARLY" for e in events)
    assert len({e["UID"] for e in events}) == len(events)


def _unconsented_canaries() -> list[str]:
    canaries = []
    texts = [p.read_text(encoding="utf-8") for p in sorted((GOLDEN / "states").glob("*.yml"))]
    for text in [*texts, EXAMPLES]:
        data = yaml.safe_load(text)
        for challenge in data.get("challenges") or []:
            if challenge.get("consent", {}).get("status") != "given":
                canaries += [challenge["title"], challenge["summary"].split(".")[0]]
    return canaries


def test_unconsented_challenges_appear_in_no_export(files: dict[str, str]) -> None:
    canaries = _unconsented_canaries()
    assert canaries, "the bundled data should carry pending/withdrawn challenges to test the gate"
    for name, text in files.items():
        for canary in canaries:
            assert canary not in text, f"{canary!r} leaked into {name}"
    published = json.loads(files[f"{API_DIR}/challenges.json"])
    assert published["total"] == len(published["result"]) > 0
    assert all(c["consent"]["status"] == "given" for c in published["result"])
