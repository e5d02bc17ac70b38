"""The open data as open data: a valid Frictionless package, a schema.org Dataset, schemas that keep
the stability promise, feeds dated by their history, and a calendar per State Party."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import icalendar
import jsonschema
import pytest
from helpers import TODAY, commit, git, golden_site, make_site, site_settings, state_yaml

from build_hooks.exports.csvfiles import CSV_TABLES, EXAMPLE_TABLES, csv_path
from build_hooks.exports.feeds import webcal_url
from build_hooks.i18n import LANGUAGES
from build_hooks.site.builder import Build, output_files, prepare_build

SITE_URL = "https://example.org/pfp/"
ATOM = "{http://www.w3.org/2005/Atom}"
# An example need and offer, so the examples' CSV files are written and validated too.
EXAMPLES = """\
schema_version: 2
state: NOR
needs:
  - {id: NOR-N-901, title: "Illustrative example: survey", area: clearance, kind: financial, status: open}
offers:
  - {id: NOR-O-901, title: "Illustrative example: advice", area: clearance, kind: expertise, status: available,
     eligible: any, amount: {value: 300000, currency: NOK}}
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = golden_site(tmp_path_factory.mktemp("open-data"))
    (root / "examples").mkdir()
    (root / "examples" / "NOR.yml").write_text(EXAMPLES, encoding="utf-8")
    settings = site_settings(root / "mkdocs.yml", history=False, root_url=SITE_URL)
    result = prepare_build(root / "mkdocs.yml", settings, today=TODAY)
    assert result.site is not None, [p.text() for p in result.validation.errors]
    return result


@pytest.fixture(scope="module")
def files(build: Build) -> dict[str, str]:
    return output_files(build, SITE_URL)


def _write(files: dict[str, str], folder: Path) -> Path:
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    return folder / "data" / "datapackage.json"


# --- the data package ----------------------------------------------------------------------


def _csv_paths(files: dict[str, str]) -> list[str]:
    """Every CSV file written, relative to data/ (where datapackage.json is)."""
    return sorted(name.removeprefix("data/") for name in files if name.endswith(".csv"))


def test_the_data_package_describes_every_csv_from_the_writers_column_lists(files: dict[str, str]) -> None:
    package = json.loads(files["data/datapackage.json"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["name"] and package["title"]
    # Each table in each language; the examples' tables because this site shows examples.
    expected = sorted(csv_path(name, lang).removeprefix("data/") for lang in LANGUAGES for name in CSV_TABLES)
    assert sorted(r["path"] for r in package["resources"]) == _csv_paths(files) == expected
    assert len({r["name"] for r in package["resources"]}) == len(expected)  # names are unique
    for resource in package["resources"]:
        assert (resource["format"], resource["encoding"]) == ("csv", "utf-8-sig")
        header = files[f"data/{resource['path']}"].lstrip("\ufeff").split("\r\n", 1)[0].split(",")
        assert [f["name"] for f in resource["schema"]["fields"]] == header
    types = {f["name"]: f["type"] for r in package["resources"] for f in r["schema"]["fields"]}
    assert types["posted"] == "date" and types["amount_value"] == "number" and types["open_needs"] == "integer"
    assert (types["as_of"], types["illustrative"], types["area_label"]) == ("date", "boolean", "string")


def test_a_site_without_examples_writes_no_examples_tables(tmp_path: Path) -> None:
    root = golden_site(tmp_path)
    settings = site_settings(root / "mkdocs.yml", history=False, root_url=SITE_URL)
    without = output_files(prepare_build(root / "mkdocs.yml", settings, today=TODAY), SITE_URL)
    names = {name for name, _ in EXAMPLE_TABLES.values()}
    assert _csv_paths(without) and not [p for p in _csv_paths(without) if p.rpartition("/")[2] in names]
    paths = [r["path"] for r in json.loads(without["data/datapackage.json"])["resources"]]
    assert paths == [p for p in paths if p.rpartition("/")[2] not in names] and sorted(paths) == _csv_paths(without)


def test_frictionless_validates_the_package_with_its_csv_files(files: dict[str, str], tmp_path: Path) -> None:
    package = json.loads(files["data/datapackage.json"])
    rows = {r["path"]: files[f"data/{r['path']}"].count("\r\n") - 1 for r in package["resources"]}
    assert all(rows.values()), f"a CSV without rows would prove little: {rows}"
    report = frictionless.validate(str(_write(files, tmp_path)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [task.stats["rows"] for task in report.tasks] == [rows[r["path"]] for r in package["resources"]]


def test_frictionless_refuses_a_cell_of_the_wrong_type(files: dict[str, str], tmp_path: Path) -> None:
    """Not vacuous: the types are checked, so an integer column holding a word fails."""
    broken = dict(files)
    rows = list(csv.reader(io.StringIO(files["data/progress.csv"].lstrip("\ufeff"))))
    rows[1][rows[0].index("open_needs")] = "several"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    broken["data/progress.csv"] = "\ufeff" + out.getvalue()
    report = frictionless.validate(str(_write(broken, tmp_path)))
    assert not report.valid
    assert any(error[1] == "open_needs" for error in report.flatten(["rowNumber", "fieldName"]))


# --- the schema.org Dataset --------------------------------------------------------------


def test_the_dataset_names_every_download_at_its_absolute_address(files: dict[str, str]) -> None:
    dataset = json.loads(files["data/dataset.jsonld"])
    assert (dataset["@context"], dataset["@type"]) == ("https://schema.org", "Dataset")
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Implementation Support Unit" in dataset["creator"]["name"]
    assert dataset["creator"]["email"] == "isu@apminebanconvention.org"
    assert dataset["dateModified"] == dataset["temporalCoverage"] == TODAY.isoformat()
    urls = {d["contentUrl"]: d["encodingFormat"] for d in dataset["distribution"]}
    for path in _csv_paths(files):
        assert urls[f"{SITE_URL}data/{path}"] == "text/csv"
    languages = {d["contentUrl"]: d.get("inLanguage") for d in dataset["distribution"]}
    assert languages[f"{SITE_URL}data/fr/needs.csv"] == "fr" and languages[f"{SITE_URL}data/needs.csv"] == "en"
    assert urls[f"{SITE_URL}api/v1/index.json"] == "application/json"
    for url in urls:
        assert url.startswith(SITE_URL) and url.removeprefix(SITE_URL) in files, url


# --- API schemas as promised -------------------------------------------------------------


def test_a_v1_schema_accepts_added_fields_and_still_refuses_a_wrong_type(files: dict[str, str]) -> None:
    schema = json.loads(files["api/v1/schemas/needs.schema.json"])
    response = json.loads(files["api/v1/needs.json"])
    assert response["result"], "no need to add a field to"
    later = copy.deepcopy(response)
    later["next_page"] = None  # a field added to the envelope
    later["result"][0]["priority"] = "high"  # ... to an item
    later["result"][0]["computed"]["score"] = 3  # ... and to computed
    later["result"][0]["computed"]["suggested_offers"] = [{"id": "NOR-O-001", "reason": "r", "rank": 1}]
    jsonschema.validate(later, schema, format_checker=jsonschema.FormatChecker())
    wrong = copy.deepcopy(response)
    wrong["result"][0]["title"] = 5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema)
    wrong = copy.deepcopy(response)
    wrong["total"] = "four"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema)


def test_dates_in_the_schemas_carry_their_format(files: dict[str, str]) -> None:
    needs = json.loads(files["api/v1/schemas/needs.schema.json"])
    assert needs["properties"]["generated_at"]["format"] == "date-time"
    posted = needs["$defs"]["NeedExport"]["properties"]["posted"]
    assert {"type": "string", "format": "date"}.items() <= posted["anyOf"][0].items()
    challenges = json.loads(files["api/v1/schemas/challenges.schema.json"])
    assert challenges["$defs"]["ConsentExport"]["properties"]["date"]["format"] == "date"
    schema_text = "".join(text for name, text in files.items() if "/schemas/" in name)
    assert '"additionalProperties":false' not in schema_text


# --- feeds ---------------------------------------------------------------------------------


def test_a_state_feed_is_the_feed_of_the_state_page(files: dict[str, str]) -> None:
    feed = ET.fromstring(files["feeds/states/khm.xml"].encode("utf-8"))
    alternate = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert alternate == [f"{SITE_URL}states/khm/"]
    everything = ET.fromstring(files["feeds/all.xml"].encode("utf-8"))
    assert [link.get("href") for link in everything.findall(f"{ATOM}link") if link.get("rel") == "alternate"] == [
        SITE_URL
    ]


NEED = "needs:\n  - {{id: KHM-N-00{n}, title: Survey teams {n}, area: clearance, kind: financial, status: open}}\n"


def test_entries_are_dated_by_their_own_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three commits on three days give three different updated times, and the feed's is the newest."""
    root = make_site(tmp_path, {"KHM": state_yaml("KHM")})
    git(root, "init", "-q", "-b", "main")
    days = ["2026-03-01T09:00:00Z", "2026-06-15T14:30:00Z", "2026-10-02T08:05:00Z"]
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
    commit(root, {}, "import")
    body = ""
    for n, day in enumerate(days, start=1):
        monkeypatch.setenv("GIT_COMMITTER_DATE", day)
        body += NEED.format(n=n) if n == 1 else NEED.format(n=n).removeprefix("needs:\n")
        commit(root, {"states/KHM.yml": state_yaml("KHM", body)}, f"need {n}")
    build = prepare_build(root / "mkdocs.yml", site_settings(root / "mkdocs.yml"), today=TODAY)
    assert build.site is not None, [p.text() for p in build.validation.errors]
    for path in ("feeds/all.xml", "feeds/states/khm.xml"):
        feed = ET.fromstring(output_files(build, SITE_URL)[path].encode("utf-8"))
        updated = [e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry")]
        assert updated == sorted(days, reverse=True), path  # one per commit, never one time for all
        assert feed.findtext(f"{ATOM}updated") == days[-1]


# --- calendars -----------------------------------------------------------------------------


def _events(text: str) -> dict[str, str]:
    return {str(e["UID"]): e.to_ical().decode() for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def test_each_state_party_has_the_global_calendars_events_for_it(build: Build, files: dict[str, str]) -> None:
    assert build.catalog is not None
    everything = _events(files["data/deadlines.ics"])
    parties = [iso3 for iso3 in build.catalog.parties() if iso3 in build.catalog.states]
    assert parties
    with_article5 = 0
    for iso3 in parties:
        mine = _events(files[f"data/calendars/{iso3.lower()}.ics"])
        expected = {
            uid: e for uid, e in everything.items() if uid.startswith((f"article5-{iso3.lower()}@", "article7"))
        }
        assert mine == expected, iso3
        with_article5 += f"article5-{iso3.lower()}@platform-for-partnerships" in mine
    assert with_article5, "no State with an article 5 deadline: the per-State filter is untested"
    assert sorted(n for n in files if n.startswith("data/calendars/")) == sorted(
        f"data/calendars/{iso3.lower()}.ics" for iso3 in parties
    )


def test_webcal_addresses() -> None:
    assert webcal_url(SITE_URL, "data/deadlines.ics") == "webcal://example.org/pfp/data/deadlines.ics"
    assert webcal_url("", "data/deadlines.ics") == ""


def test_the_as_of_date_is_the_builds(files: dict[str, str]) -> None:
    generated = json.loads(files["api/v1/needs.json"])["generated_at"]
    assert dt.datetime.fromisoformat(generated.replace("Z", "+00:00")).date() == TODAY
