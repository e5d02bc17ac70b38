"""Write ``build_hooks/data/state-names.csv``: each State Party's name in English, French and Spanish.

One row for each row of ``build_hooks/data/states-parties.csv``, in the same
order, with the columns ``iso3,en,fr,es``:

- ``en`` is the ``name`` column of the reference list, unchanged;
- ``fr`` and ``es`` start from the ISO 3166-1 names that pycountry ships with
  their French and Spanish translations (from Debian's iso-codes), and are
  then corrected by the explicit table ``OVERRIDES`` below to the short names
  used by the United Nations (UNTERM) and in the Convention's French and
  Spanish documents. ISO writes many names inverted ("Moldova, République de")
  and some in forms the UN does not use ("Irak", "Bielorrusia"); the UN writes
  "République de Moldova", "Iraq", "Belarús".

The script fails if a name is still in the inverted "X, Y" form, if an
override no longer changes anything (pycountry caught up: remove it), or if a
code is unknown to pycountry and has no override for both languages, so a
change in either source is noticed rather than written silently.

The output is deterministic (same inputs, same bytes). Pinned pycountry
version: see ``constraints.txt``.

Usage::

    .venv/bin/python scripts/make_state_names.py           # writes the CSV
    .venv/bin/python scripts/make_state_names.py --check   # exit 1 if the CSV is out of date
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "build_hooks" / "data" / "states-parties.csv"
TARGET = ROOT / "build_hooks" / "data" / "state-names.csv"
LANGS = ("fr", "es")

# ISO3 -> {language: UN short name}. Only where pycountry's translation differs
# from UN / Convention usage. Keep sorted by code; say why when it is not obvious.
OVERRIDES: dict[str, dict[str, str]] = {
    "BEN": {"es": "Benin"},
    "BFA": {"es": "Burkina Faso"},
    "BGD": {"es": "Bangladesh"},
    "BLR": {"es": "Belarús"},
    "BOL": {"fr": "Bolivie (État plurinational de)", "es": "Bolivia (Estado Plurinacional de)"},
    "BTN": {"es": "Bhután"},
    "BWA": {"es": "Botswana"},
    "CIV": {"es": "Côte d'Ivoire"},
    "COD": {"es": "República Democrática del Congo"},
    "COG": {"fr": "Congo"},
    "COM": {"es": "Comoras"},
    "CPV": {"fr": "Cabo Verde"},
    "DJI": {"es": "Djibouti"},
    "DZA": {"es": "Argelia"},
    "FJI": {"es": "Fiji"},
    "GNB": {"es": "Guinea-Bissau"},
    "GNQ": {"fr": "Guinée équatoriale"},
    "IRQ": {"fr": "Iraq", "es": "Iraq"},
    "KEN": {"es": "Kenya"},
    "KNA": {"fr": "Saint-Kitts-et-Nevis", "es": "Saint Kitts y Nevis"},
    "LSO": {"es": "Lesotho"},
    "MDA": {"fr": "République de Moldova", "es": "República de Moldova"},
    "MDV": {"es": "Maldivas"},
    "MWI": {"es": "Malawi"},
    "NER": {"es": "Níger"},
    "NGA": {"fr": "Nigéria"},
    "NIU": {"fr": "Nioué"},
    # UN short name since 2024: "Netherlands (Kingdom of the)".
    "NLD": {"fr": "Pays-Bas (Royaume des)", "es": "Países Bajos (Reino de los)"},
    "NZL": {"es": "Nueva Zelandia"},
    "PLW": {"es": "Palau"},
    "PNG": {"es": "Papua Nueva Guinea"},
    "PSE": {"fr": "État de Palestine", "es": "Estado de Palestina"},
    "QAT": {"es": "Qatar"},
    "ROU": {"es": "Rumania"},
    "RWA": {"es": "Rwanda"},
    "SLB": {"fr": "Îles Salomon"},
    "SLV": {"fr": "El Salvador"},
    "SUR": {"fr": "Suriname", "es": "Suriname"},
    "SWZ": {"es": "Eswatini"},
    "TLS": {"fr": "Timor-Leste", "es": "Timor-Leste"},
    "TTO": {"es": "Trinidad y Tabago"},
    "TUN": {"es": "Túnez"},
    # The UN has used "Türkiye" in all its languages since June 2022.
    "TUR": {"fr": "Türkiye", "es": "Türkiye"},
    "TZA": {"fr": "République-Unie de Tanzanie", "es": "República Unida de Tanzanía"},
    "VAT": {"fr": "Saint-Siège", "es": "Santa Sede"},
    "VCT": {"fr": "Saint-Vincent-et-les Grenadines"},
    "VEN": {"fr": "Venezuela (République bolivarienne du)", "es": "Venezuela (República Bolivariana de)"},
    "ZWE": {"es": "Zimbabwe"},
}


def pycountry_name(iso3: str, lang: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    return catalogue.gettext(country.name)


def build_rows() -> tuple[list[dict[str, str]], list[str]]:
    """The CSV rows and a list of problems (empty when all is well)."""
    problems: list[str] = []
    rows: list[dict[str, str]] = []
    with SOURCE.open(encoding="utf-8", newline="") as handle:
        reference = list(csv.DictReader(handle))
    codes = {row["iso3"] for row in reference}
    for code in sorted(set(OVERRIDES) - codes):
        problems.append(f"{code}: override for a code that is not in {SOURCE.name}")
    for ref in reference:
        iso3 = ref["iso3"]
        row = {"iso3": iso3, "en": ref["name"]}
        for lang in LANGS:
            base = pycountry_name(iso3, lang)
            override = OVERRIDES.get(iso3, {}).get(lang)
            if override is not None and override == base:
                problems.append(f"{iso3}/{lang}: override {override!r} equals pycountry's name; remove it")
            name = override if override is not None else base
            if not name:
                problems.append(f"{iso3}/{lang}: no name (unknown to pycountry and no override)")
                name = ""
            elif ", " in name:
                problems.append(f"{iso3}/{lang}: {name!r} is in inverted form; add an override")
            row[lang] = name
        rows.append(row)
    return rows, problems


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["iso3", "en", *LANGS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the CSV differs")
    args = parser.parse_args(argv)
    rows, problems = build_rows()
    for problem in problems:
        print(f"make_state_names: {problem}", file=sys.stderr)
    if problems:
        return 1
    text = render(rows)
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"make_state_names: {TARGET.relative_to(ROOT)} is out of date; run the script", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(rows)} States)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
