"""The downloads described for machines: a Frictionless data package and a schema.org Dataset.

``data/datapackage.json`` describes every CSV file the site publishes (each table in each
language), with a Table Schema made from the column lists the CSV writer itself uses
(:data:`~build_hooks.exports.csvfiles.CSV_TABLES`), so the description cannot drift from the files. ``data/dataset.jsonld`` says what the data
is, who publishes it, under which licence and as of when, with the address of every download,
for search engines and data portals. Both are stable JSON (sorted keys): two builds of one
day give identical files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from build_hooks.exports.api import API_DIR, dumps
from build_hooks.exports.csvfiles import COLUMN_TYPES, CSV_TABLES, DATA_DIR
from build_hooks.i18n import DEFAULT_LANGUAGE, LANGUAGES

NAME = "platform-for-partnerships"
TITLE = "Platform for Partnerships, Anti-Personnel Mine Ban Convention"
DESCRIPTION = (
    "What assistance States Parties to the Anti-Personnel Mine Ban Convention need and can offer,"
    " the challenges they consent to publish, and their progress on the Convention's obligations"
    " from the official record."
)
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
PUBLISHER = "Implementation Support Unit of the Anti-Personnel Mine Ban Convention"
PUBLISHER_URL = "https://www.apminebanconvention.org/"
CSV_MEDIA_TYPE = "text/csv"
# What follows a file's language; the codes, the State's own texts and the record's words never do.
IN_LANGUAGE = {
    "en": "",
    "fr": " In French: the labels beside the codes, the State names and the pages' addresses.",
    "es": " In Spanish: the labels beside the codes, the State names and the pages' addresses.",
}


def csv_files(paths: Iterable[str]) -> list[tuple[str, str, str]]:
    """``(path relative to data/, table, language)`` of every CSV file among ``paths``, in a stable order:
    by language (English first), then as :data:`CSV_TABLES` lists the tables."""
    found = []
    for path in paths:
        rel = path.removeprefix(f"{DATA_DIR}/")
        lang, _, name = rel.rpartition("/")
        if path.startswith(f"{DATA_DIR}/") and name in CSV_TABLES:
            found.append((rel, name, lang or DEFAULT_LANGUAGE))
    tables, languages = list(CSV_TABLES), list[str](LANGUAGES)
    return sorted(found, key=lambda f: (languages.index(f[2]), tables.index(f[1])))


def _resource_name(rel: str) -> str:
    """``fr/needs.csv`` -> ``fr-needs`` (lower case, unique in the package)."""
    return rel.removesuffix(".csv").replace("/", "-")


def table_schema(columns: list[str], primary_key: str) -> dict[str, Any]:
    """A Table Schema for one CSV file: a field per column, typed; an empty cell is a missing value."""
    fields = []
    for column in columns:
        field: dict[str, Any] = {"name": column, "type": COLUMN_TYPES.get(column, "string")}
        if field["type"] == "boolean":
            field.update(trueValues=["true"], falseValues=["false"])
        fields.append(field)
    return {"fields": fields, "missingValues": [""], "primaryKey": [primary_key]}


def datapackage(generated_at: dt.datetime, paths: Iterable[str]) -> str:
    """``data/datapackage.json``: the CSV files among ``paths`` (relative to the site root) as a
    Frictionless tabular data package."""
    resources = [
        {
            "name": _resource_name(rel),
            "path": rel,  # relative to datapackage.json, in data/
            "description": CSV_TABLES[name][2] + IN_LANGUAGE[lang],
            "format": "csv",
            "mediatype": CSV_MEDIA_TYPE,
            "encoding": "utf-8-sig",  # UTF-8 with a byte-order mark, for spreadsheets
            "profile": "tabular-data-resource",
            "schema": table_schema(CSV_TABLES[name][0], CSV_TABLES[name][1]),
        }
        for rel, name, lang in csv_files(paths)
    ]
    package = {
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "profile": "tabular-data-package",
        "licenses": [LICENSE],
        "created": generated_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "resources": resources,
    }
    return dumps(package)


def dataset_jsonld(generated_at: dt.datetime, root_url: str, paths: Iterable[str], contact_email: str = "") -> str:
    """``data/dataset.jsonld``: a schema.org Dataset with every download (the CSV files among ``paths``)
    at its absolute address."""
    base = root_url.rstrip("/") + "/"
    as_of = generated_at.astimezone(dt.UTC).date().isoformat()
    creator: dict[str, Any] = {"@type": "Organization", "name": PUBLISHER, "url": PUBLISHER_URL}
    if contact_email:
        creator["email"] = contact_email
    distribution = [
        {
            "@type": "DataDownload",
            "name": rel,
            "description": CSV_TABLES[name][2] + IN_LANGUAGE[lang],
            "encodingFormat": CSV_MEDIA_TYPE,
            "inLanguage": lang,
            "contentUrl": f"{base}{DATA_DIR}/{rel}",
        }
        for rel, name, lang in csv_files(paths)
    ]
    distribution += [
        {
            "@type": "DataDownload",
            "name": f"/{API_DIR}/",
            "description": "The JSON API (version 1): the list of endpoints, each with its JSON Schema.",
            "encodingFormat": "application/json",
            "contentUrl": f"{base}{API_DIR}/index.json",
        },
        {
            "@type": "DataDownload",
            "name": "datapackage.json",
            "description": "The CSV files as a Frictionless data package, with a Table Schema for each.",
            "encodingFormat": "application/json",
            "contentUrl": f"{base}data/datapackage.json",
        },
    ]
    dataset = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": TITLE,
        "description": DESCRIPTION,
        "url": f"{base}data/",
        "license": LICENSE["path"],
        "isAccessibleForFree": True,
        "creator": creator,
        "publisher": creator,
        "temporalCoverage": as_of,
        "dateModified": as_of,
        "distribution": distribution,
    }
    return dumps(dataset)
