"""The CSV downloads: each table in each language, labels beside the codes, absolute addresses, amounts
as written, the State's own texts with their source and as-of date, and examples kept apart."""

from __future__ import annotations

import csv
import io

import pytest
from helpers import TODAY, golden_site, site_settings

from build_hooks.exports.csvfiles import CSV_TABLES, _cell, csv_path, number_text
from build_hooks.i18n import LANGUAGES, state_name_in, translator
from build_hooks.site.builder import output_files, prepare_build

SITE_URL = "https://example.org/pfp/"
EXAMPLES = """\
schema_version: 2
state: KHM
needs:
  - {id: KHM-N-901, title: "Illustrative example: survey", area: clearance, kind: financial, status: partially_met,
     amount: {value: 1234.5, currency: USD}, posted: 2026-03-01}
offers:
  - {id: KHM-O-901, title: "Illustrative example: advice", area: clearance, kind: expertise, status: available,
     eligible: [AGO, NOR]}
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = golden_site(tmp_path_factory.mktemp("csv"))
    (root / "examples").mkdir()
    (root / "examples" / "KHM.yml").write_text(EXAMPLES, encoding="utf-8")
    settings = site_settings(root / "mkdocs.yml", history=False, root_url=SITE_URL)
    build = prepare_build(root / "mkdocs.yml", settings, today=TODAY)
    assert build.site is not None, [p.text() for p in build.validation.errors]
    return output_files(build, SITE_URL)


def _rows(files: dict[str, str], name: str, lang: str = "en") -> list[dict[str, str]]:
    text = files[csv_path(name, lang)]
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows and list(rows[0]) == CSV_TABLES[name][0]
    return rows


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_the_labels_of_its_codes_and_its_state_names(files: dict[str, str], lang: str) -> None:
    t = translator(lang)
    for name, group in (("needs.csv", "need_status"), ("offers.csv", "offer_status")):
        for row in _rows(files, name, lang):
            assert row["area_label"] == t(f"area.{row['area']}")
            assert row["kind_label"] == t(f"kind.{row['kind']}")
            assert row["status_label"] == t(f"{group}.{row['status']}")
            assert row["state_name"] == state_name_in(row["state"], lang)
    progress = {r["state"]: r for r in _rows(files, "progress.csv", lang)}
    assert progress["KHM"]["name"] == state_name_in("KHM", lang)
    assert progress["KHM"]["article5_status_label"] == t(f"progress.{progress['KHM']['article5_status']}")
    assert all(
        r["missing_label"] == (t(f"progress.missing_{r['missing']}") if r["missing"] else "") for r in progress.values()
    )


@pytest.mark.parametrize("name", list(CSV_TABLES))
def test_the_languages_differ_only_in_labels_names_and_addresses(files: dict[str, str], name: str) -> None:
    varying = {"state_name", "name", "url", "eligible_label"} | {c for c in CSV_TABLES[name][0] if c.endswith("_label")}
    english = [{k: v for k, v in r.items() if k not in varying} for r in _rows(files, name)]
    for lang in LANGUAGES[1:]:
        assert [{k: v for k, v in r.items() if k not in varying} for r in _rows(files, name, lang)] == english
    assert files[csv_path(name, "fr")] != files[csv_path(name)]  # the labels really are French


def test_addresses_are_absolute_and_lead_to_the_page_in_the_files_language(files: dict[str, str]) -> None:
    for lang, prefix in (("en", ""), ("fr", "fr/"), ("es", "es/")):
        urls = {r["id"]: r["url"] for r in _rows(files, "needs.csv", lang)}
        assert urls["KHM-N-001"] == f"{SITE_URL}{prefix}needs/khm-n-001/"
        progress = {r["state"]: r["url"] for r in _rows(files, "progress.csv", lang)}
        assert progress["AGO"] == f"{SITE_URL}{prefix}states/ago/"


def test_amounts_are_written_as_the_state_wrote_them(files: dict[str, str]) -> None:
    needs = {r["id"]: r for r in _rows(files, "needs.csv")}
    assert (needs["KHM-N-001"]["amount_value"], needs["KHM-N-001"]["amount_currency"]) == ("2500000", "USD")
    offers = {r["id"]: r for r in _rows(files, "offers.csv")}
    assert offers["NOR-O-001"]["amount_value"] == "1250000.5"
    examples = {r["id"]: r for r in _rows(files, "examples-needs.csv")}
    assert examples["KHM-N-901"]["amount_value"] == "1234.5"
    assert all(not cell.endswith(".0") for row in _rows(files, "progress.csv") for cell in row.values())


def test_entries_carry_their_description_source_and_as_of_date(files: dict[str, str]) -> None:
    need = next(r for r in _rows(files, "needs.csv") if r["id"] == "KHM-N-001")
    assert need["description"].startswith("Funding for **three** survey teams.")  # as written, Markdown and all
    assert need["language"] == "en"
    assert need["source"] == "states/KHM.yml"
    # The newest of posted (2026-02-02), updated (2026-09-14) and the State's last review (2026-10-01).
    assert need["as_of"] == "2026-10-01"
    met = next(r for r in _rows(files, "needs.csv") if r["id"] == "KHM-N-002")
    assert (met["description"], met["as_of"]) == ("", "2026-10-01")


def test_examples_are_only_in_their_own_tables_and_say_so(files: dict[str, str]) -> None:
    for lang in LANGUAGES:
        for name in ("needs.csv", "offers.csv"):
            rows = _rows(files, name, lang)
            assert all(r["illustrative"] == "false" for r in rows) and not any("-9" in r["id"] for r in rows)
            examples = _rows(files, f"examples-{name}", lang)
            assert [r["illustrative"] for r in examples] == ["true"]
            assert examples[0]["source"] == "examples/KHM.yml"
    example_need = _rows(files, "examples-needs.csv")[0]
    assert (example_need["id"], example_need["as_of"]) == ("KHM-N-901", "2026-03-01")  # never a State's review
    offer = _rows(files, "examples-offers.csv", "fr")[0]
    assert (offer["eligible"], offer["eligible_label"]) == ("AGO NOR", "Angola, Norvège")
    assert _rows(files, "offers.csv")[0]["eligible_label"]


def test_numbers_as_written() -> None:
    assert [number_text(v) for v in (2500000.0, 2500000, 1250000.5, 0.25, 3)] == [
        "2500000",
        "2500000",
        "1250000.5",
        "0.25",
        "3",
    ]


def test_csv_cells_cannot_become_formulas() -> None:
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("-5") == "-5"
    assert _cell("@SUM") == "'@SUM"
    assert (_cell(True), _cell(None), _cell(400.0), _cell(["KHM-N-001", "AGO-N-002"])) == (
        "true",
        "",
        "400",
        "KHM-N-001 AGO-N-002",
    )
