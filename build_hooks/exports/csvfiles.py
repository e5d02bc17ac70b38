"""The CSV downloads: needs, offers and the progress index, in each of the site's languages.

Every file is written from the JSON API's own items (so totals agree with it), one row per item,
flat columns. English at ``data/<name>.csv``, French and Spanish at ``data/fr/<name>.csv`` and
``data/es/<name>.csv``: the same columns and rows in every language; only the labels written beside
the codes (``area`` and ``area_label``, ``status`` and ``status_label``...), the State names and the
pages' addresses (``url``) follow the language. A State's own texts (``title``, ``description``)
are as the State wrote them, in ``language`` (its translations are in the JSON API). Codes never
change with the language, so a reader can join files of different languages.

The illustrative entries of the demonstration site are never facts: they are not in ``needs.csv``
or ``offers.csv``, only in ``examples-needs.csv`` and ``examples-offers.csv`` (written when the site
shows examples), with ``illustrative`` true. A list page's "Download these rows" joins the two, so
its file has the same columns and says which rows are examples.

Amounts and figures are written as the State or the record gives them (``2500000``, not
``2500000.0``); every cell is spreadsheet-safe (:func:`build_hooks.spreadsheet.safe_cell`).
:data:`CSV_TABLES` is the one list of columns the writer and the data package
(:mod:`build_hooks.exports.opendata`) read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from build_hooks.i18n import DEFAULT_LANGUAGE, LANGUAGES, state_name_in, translator
from build_hooks.spreadsheet import safe_cell

DATA_DIR = "data"

# What needs and offers share: the code of every word with its label in the file's language beside it.
_ENTRY_COLUMNS = [
    "id",
    "state",
    "state_name",
    "title",
    "description",
    "language",
    "area",
    "area_label",
    "kind",
    "kind_label",
    "status",
    "status_label",
]
_AMOUNT_PERIOD = ["amount_value", "amount_currency", "period_start", "period_end"]
# Where a row comes from and as of when; whether it is an example (never in needs.csv or offers.csv).
_PROVENANCE = ["url", "source", "as_of", "illustrative"]
NEED_COLUMNS = [*_ENTRY_COLUMNS, *_AMOUNT_PERIOD, "posted", "updated", "responding_offers", *_PROVENANCE]
OFFER_COLUMNS = [
    *_ENTRY_COLUMNS,
    "eligible",
    "eligible_label",
    *_AMOUNT_PERIOD,
    "responds_to",
    "posted",
    "updated",
    *_PROVENANCE,
]
# Facts of the record: each becomes five columns, e.g. deadline, deadline_state (value | none |
# not_recorded), deadline_source, deadline_as_of, deadline_verified. "not_recorded" is an empty
# value with its state said, never 0.
PROGRESS_FACTS = [
    "original_deadline",
    "deadline",
    "extensions",
    "completed_on",
    "remaining",
    "article4",
    "article4_deadline",
    "significant_survivors",
    "article7_latest_year",
    "article7_last_year_recorded",
]
PROGRESS_COLUMNS = [
    "state",
    "name",
    "url",
    "article5_status",
    "article5_status_label",
    "missing",
    "missing_label",
    *(f"{name}{suffix}" for name in PROGRESS_FACTS for suffix in ("", "_state", "_source", "_as_of", "_verified")),
    "extensions_at_least",
    "findings",
    "met_target_year",
    "rate_km2_per_year",
    "projected_completion_year",
    "based_on_unverified_figures",
    "open_needs",
    "open_needs_with_responding_offer",
]

# The Table Schema type of each CSV column (https://specs.frictionlessdata.io/table-schema/);
# a column not named here is a string. Facts' values take their type from the record's column;
# a partial date (a year, a month or a day: completed_on, every _as_of of a fact) stays a string.
COLUMN_TYPES: dict[str, str] = {
    "amount_value": "number",
    "period_start": "date",
    "period_end": "date",
    "posted": "date",
    "updated": "date",
    "as_of": "date",
    "illustrative": "boolean",
    "original_deadline": "date",
    "deadline": "date",
    "extensions": "integer",
    "remaining": "number",
    "article4_deadline": "date",
    "significant_survivors": "boolean",
    "article7_latest_year": "integer",
    "article7_last_year_recorded": "boolean",
    **{f"{name}_verified": "boolean" for name in PROGRESS_FACTS},
    "extensions_at_least": "boolean",
    "met_target_year": "boolean",
    "rate_km2_per_year": "number",
    "projected_completion_year": "integer",
    "based_on_unverified_figures": "boolean",
    "open_needs": "integer",
    "open_needs_with_responding_offer": "integer",
}
# Each CSV file: its columns (the one list the writer and the data package read), its key, what a row is.
CSV_TABLES: dict[str, tuple[list[str], str, str]] = {
    "needs.csv": (NEED_COLUMNS, "id", "Every need, one row each, as in needs.json."),
    "offers.csv": (OFFER_COLUMNS, "id", "Every offer, one row each, as in offers.json."),
    "progress.csv": (PROGRESS_COLUMNS, "state", "The progress index, one row per State, as in progress.json."),
    "examples-needs.csv": (
        NEED_COLUMNS,
        "id",
        "The illustrative needs of the demonstration site, as in examples.json: never facts, never counted.",
    ),
    "examples-offers.csv": (
        OFFER_COLUMNS,
        "id",
        "The illustrative offers of the demonstration site, as in examples.json: never facts, never counted.",
    ),
}
# The tables of the examples (written only when there are some), by the letter of their ids (KHM-N-001),
# with the catalogue group of their status labels.
EXAMPLE_TABLES = {"N": ("examples-needs.csv", "need_status"), "O": ("examples-offers.csv", "offer_status")}


def csv_path(name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Where a CSV file of ``lang`` is published, relative to the site root: ``data/fr/needs.csv``."""
    folder = DATA_DIR if lang == DEFAULT_LANGUAGE else f"{DATA_DIR}/{lang}"
    return f"{folder}/{name}"


def number_text(value: float | int) -> str:
    """A number as written: ``2500000`` (never ``2500000.0``), ``2.5``, ``0.25``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, list):
        return safe_cell(" ".join(str(v) for v in value))
    return safe_cell(str(value))  # a cell that could start a formula is quoted


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return "\ufeff" + buffer.getvalue()


class _Flattener:
    """Turns the API's items into rows of one language."""

    def __init__(self, api: Mapping[str, str], lang: str, root_url: str) -> None:
        self.lang = lang
        self.t = translator(lang)
        base = root_url.rstrip("/") + "/" if root_url else ""
        self.page_base = base if lang == DEFAULT_LANGUAGE else f"{base}{lang}/"
        self.api = api

    def state_name(self, iso3: str, fallback: str) -> str:
        return state_name_in(iso3, self.lang) or fallback

    def last_reviewed(self, iso3: str) -> str | None:
        detail = self.api.get(f"states/{iso3.lower()}.json")
        if detail is None:
            return None
        reviewed: str | None = json.loads(detail)["result"]["state"].get("last_reviewed")
        return reviewed

    def entry(self, item: dict[str, Any], status_group: str, illustrative: bool) -> dict[str, Any]:
        t, iso3 = self.t, item["state"]
        amount = item.get("amount") or {}
        period = item.get("period") or {}
        # The latest date the State stated or confirmed the entry (an example's State never confirms it).
        dates = [item.get("posted"), item.get("updated"), None if illustrative else self.last_reviewed(iso3)]
        row = {
            **item,
            "state_name": self.state_name(iso3, item["computed"]["state_name"]),
            "area_label": t(f"area.{item['area']}"),
            "kind_label": t(f"kind.{item['kind']}"),
            "status_label": t(f"{status_group}.{item['status']}"),
            "amount_value": amount.get("value"),
            "amount_currency": amount.get("currency"),
            "period_start": period.get("start"),
            "period_end": period.get("end"),
            "responding_offers": item["computed"].get("responding_offers"),
            "url": self.page_base + item["computed"]["url"],
            "source": f"{'examples' if illustrative else 'states'}/{iso3}.yml",
            "as_of": max((d for d in dates if d), default=None),
            "illustrative": illustrative,
        }
        if "eligible" in item:
            eligible = item["eligible"]
            row["eligible"] = eligible if eligible == "any" else list(eligible)
            row["eligible_label"] = (
                t("label.any") if eligible == "any" else ", ".join(self.state_name(c, c) for c in eligible)
            )
        return row

    def progress(self, item: dict[str, Any]) -> dict[str, Any]:
        t, computed = self.t, item["computed"]
        status, missing = computed["article5_status"], computed["missing"]
        row: dict[str, Any] = {
            "state": item["state"],
            **computed,
            "name": self.state_name(item["state"], item["name"]),
            "url": f"{self.page_base}states/{item['state'].lower()}/",
            "article5_status_label": t(f"progress.{status}") if status else "",
            "missing_label": t(f"progress.missing_{missing}") if missing else "",
        }
        for name in PROGRESS_FACTS:
            fact = computed[name]
            value = fact["value"]
            if name == "remaining" and isinstance(value, list):
                value = value[1]  # km²; the figure's year is remaining_as_of
            row.update(
                {
                    name: value if fact["state"] != "not_recorded" else None,
                    f"{name}_state": fact["state"],
                    f"{name}_source": fact["source"],
                    f"{name}_as_of": fact["as_of"],
                    f"{name}_verified": fact["verified"] if fact["state"] != "not_recorded" else None,
                }
            )
        row["extensions_at_least"] = computed["extensions"]["at_least"]
        row["findings"] = "; ".join(f["finding"]["value"] for f in computed["findings"])
        return row


def build_csv(api: Mapping[str, str], lang: str = DEFAULT_LANGUAGE, root_url: str = "") -> dict[str, str]:
    """The CSV files of one language, by path relative to the site root (``data/fr/needs.csv``).

    ``api`` is :func:`build_hooks.exports.api.build_api`'s output; ``root_url`` makes ``url`` absolute.
    """
    flat = _Flattener(api, lang, root_url)

    def result(name: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = json.loads(api[name])["result"]
        return items

    rows = {
        "needs.csv": [flat.entry(n, "need_status", False) for n in result("needs.json")],
        "offers.csv": [flat.entry(o, "offer_status", False) for o in result("offers.json")],
        "progress.csv": [flat.progress(p) for p in result("progress.json")],
    }
    examples = result("examples.json")
    for letter, (name, group) in EXAMPLE_TABLES.items():
        # Told apart by their ids: in examples.json a need's or offer's own `kind` takes the place of the item kind.
        items = [e for e in examples if e["id"].split("-")[1] == letter]
        if items:
            rows[name] = [flat.entry(item, group, True) for item in items]
    return {csv_path(name, lang): _csv(CSV_TABLES[name][0], table) for name, table in rows.items()}


def build_all_csv(api: Mapping[str, str], root_url: str = "") -> dict[str, str]:
    """The CSV files of every language (:data:`build_hooks.i18n.LANGUAGES`), by path relative to the site root."""
    files: dict[str, str] = {}
    for lang in LANGUAGES:
        files.update(build_csv(api, lang, root_url))
    return files
