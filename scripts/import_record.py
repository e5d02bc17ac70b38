"""Write the official record (``record/*.csv``) from the Platform reference list, version 2.

Inputs, both in ``scripts/reference/``:

- ``states-parties.csv``: a byte-identical copy of the reference list (166 rows, one per State
  that was a party at any time in 2025-2026);
- ``art5-decisions.csv``: the individual article 5 extension decisions, transcribed by hand
  from the list's ``notes``, ``source_notes`` and ``art5_deadline_source`` columns.

Output: one CSV table per kind of fact (membership, article 5, article 5 decisions, findings,
contamination, article 4, victim assistance, article 7, notes) plus ``README.md``, in the
directory given by ``--out`` (default ``record/`` next to ``scripts/``). Every row carries
``source``, ``as_of`` and ``verified``; nothing is invented, and a value the list does not give
stays empty. The output is deterministic: re-running rewrites the same bytes.

The script only writes into the output directory. It never writes a State's own file
(``states/``) and imports nothing from ``build_hooks``. It stops with a message when the
reference list no longer matches what the hand-written parts below expect.

Usage::

    python3 scripts/import_record.py             # writes record/
    python3 scripts/import_record.py --out DIR   # writes DIR/
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE = HERE / "reference" / "states-parties.csv"
DECISIONS = HERE / "reference" / "art5-decisions.csv"
DEFAULT_OUT = HERE.parent / "record"

Row = dict[str, str]

EXPECTED_ROWS = 166
REFERENCE_DATE = "2026-12-01"
MAX_SOURCE = 400
MAX_NOTE = 300
DATE_RE = re.compile(r"^\d{4}(-\d\d-\d\d)?$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d\d-\d\d$")

COLUMNS: dict[str, list[str]] = {
    "membership": ["iso3", "event", "date", "source", "as_of", "verified", "note"],
    "article5": [
        "iso3",
        "obligation",
        "original_deadline",
        "chain_complete",
        "completed_on",
        "source",
        "as_of",
        "verified",
        "note",
    ],
    "article5_decisions": [
        "iso3",
        "seq",
        "decision",
        "meeting",
        "decided_on",
        "deadline",
        "source",
        "as_of",
        "verified",
        "note",
    ],
    "findings": ["iso3", "kind", "meeting", "date", "finding", "source", "as_of", "verified", "note"],
    "contamination": ["iso3", "as_of", "remaining_km2", "qualifier", "source", "verified", "note"],
    "article4": ["iso3", "status", "deadline", "source", "as_of", "verified", "note"],
    "victim_assistance": ["iso3", "significant_survivors", "source", "as_of", "verified", "note"],
    "article7": ["iso3", "covers", "received", "source", "as_of", "verified", "note"],
    "notes": ["iso3", "topic", "note", "source", "as_of", "verified"],
}

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}

# Words that, just before a date, mean the date is the fact itself, not the date of the source.
FACT_WORDS = re.compile(
    r"(ratified|ratification|ratifying|acceded|accession|deposited|deposit|signed|in force for \w+|EIF|State Party|party|effective|notified|"
    r"withdrew|succession notified|werking'|for Poland on|fulfilment on|\bdeadline|\bto)\W*$",
    re.IGNORECASE,
)
DATE_TOKEN = re.compile(
    r"(?P<dmy>(?P<d>\d{1,2}) (?P<m>[A-Z][a-z]{2})[a-z]* (?P<y>(?:19|20)\d\d))"
    r"|(?P<my>(?P<m2>[A-Z][a-z]{2})[a-z]*\.? (?P<y2>(?:19|20)\d\d))"
    r"|(?P<num>(?P<d3>\d\d)-(?P<m3>\d\d)-(?P<y3>(?:19|20)\d\d))"
    r"|(?P<iso>(?P<y4>(?:19|20)\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d))"
    r"|(?P<span>(?P<y5>(?:19|20)\d\d)/(?P<y5b>\d\d)(?!\d))"
    r"|(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)"
)

NONE_SOURCE = "not among the States Parties reported with outstanding article 5 obligations (Platform reference list v2, Dec 2026)"
UNRESOLVED = ("BFA", "MLI")
NO_DEADLINE_FOUND = ("ARG", "CYP", "ECU")
PASSED_NOTE = "The last deadline recorded here has passed; a later decision is not recorded."
PADDED_NOTE = "counted in the reference list's extension total; details not recorded"
LIKELY_NOTE = "the reference list says 'likely'"
DERIVED_NOTIFICATION = "derived: six months before the date the withdrawal took effect (article 20)"
DOUBT_WORDS = ("recalled", "unverified", "estimate", "approx", "old", "truncated", "derived", "inferred")

# Where the reference's own notes explain why the newest transcribed deadline differs from
# art5_deadline. Empty: at present every newest deadline agrees.
KNOWN_DEADLINE_DIFFERENCES: dict[str, str] = {}


def fail(message: str) -> None:
    """Stop with a message on stderr."""
    sys.exit(f"import_record: {message}")


def read_csv(path: Path) -> list[Row]:
    """Read a UTF-8 CSV file into a list of dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def shorten(text: str, limit: int = MAX_SOURCE) -> str:
    """Collapse whitespace and cut ``text`` to ``limit`` characters, ending with '...'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 3].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "..."


def year_only(value: str) -> str:
    """Normalise an as-of value to ``YYYY`` or ``YYYY-MM-DD`` (a bare month keeps its year)."""
    if not value or DATE_RE.match(value):
        return value
    if re.match(r"^\d{4}-\d\d$", value):
        return value[:4]
    fail(f"unexpected as-of value {value!r}")
    return ""


def parse_token(match: re.Match[str]) -> tuple[int, int, int]:
    """Turn one DATE_TOKEN match into (year, month, day); 0 means not stated."""
    g = match.groupdict()
    if g["dmy"]:
        return int(g["y"]), MONTHS.get(g["m"].lower(), 0), int(g["d"])
    if g["my"]:
        month = MONTHS.get(g["m2"].lower(), 0)
        return int(g["y2"]), month, 0
    if g["num"]:
        return int(g["y3"]), int(g["m3"]), int(g["d3"])
    if g["iso"]:
        return int(g["y4"]), int(g["m4"]), int(g["d4"])
    if g["span"]:
        return int(g["y5"][:2] + g["y5b"]), 0, 0
    return int(g["year"]), 0, 0


def format_date(parts: tuple[int, int, int]) -> str:
    """Format (year, month, day) as ``YYYY-MM-DD`` when the day is known, else ``YYYY``."""
    year, month, day = parts
    return f"{year:04d}-{month:02d}-{day:02d}" if month and day else f"{year:04d}"


def source_date(text: str, fact_date: str = "") -> str:
    """The newest date that ``text`` gives for a source, or '' if it gives none.

    Quoted passages and dates introduced by words such as 'ratified' or 'EIF' describe the
    fact, not the source, and are skipped, as is the fact's own date.
    """
    text = re.sub(r"'[^']*'", "", text)
    found: list[tuple[int, int, int]] = []
    for match in DATE_TOKEN.finditer(text):
        if FACT_WORDS.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        parts = parse_token(match)
        if fact_date and format_date(parts) == fact_date:
            continue
        if parts[0] <= int(REFERENCE_DATE[:4]):
            found.append(parts)
    return format_date(max(found)) if found else ""


def fragment(notes: str, prefix: str) -> str:
    """The ' | '-separated part of a source_notes cell that starts with ``prefix``."""
    parts = [p.strip() for p in notes.split(" | ") if p.strip().startswith(prefix)]
    return " | ".join(parts)


def yes_no(flag: bool) -> str:
    """'yes' or 'no'."""
    return "yes" if flag else "no"


def months_before(iso: str, months: int) -> str:
    """The date ``months`` calendar months before ``iso`` (same day of month)."""
    year, month, day = (int(x) for x in iso.split("-"))
    total = year * 12 + (month - 1) - months
    if day > 28:
        fail(f"cannot step back {months} months from {iso} without choosing a day")
    return f"{total // 12:04d}-{total % 12 + 1:02d}-{day:02d}"


def load_reference(path: Path) -> dict[str, Row]:
    """Read the reference list, check its shape and return it keyed by ISO3."""
    rows = read_csv(path)
    if len(rows) != EXPECTED_ROWS:
        fail(f"{path} has {len(rows)} rows, expected {EXPECTED_ROWS}")
    by_iso = {row["iso3"]: row for row in rows}
    if len(by_iso) != len(rows):
        fail(f"{path} repeats an iso3 code")
    return by_iso


def membership_rows(ref: dict[str, Row]) -> list[Row]:
    """Entry into force for every State; notification and effect for the five withdrawals."""
    out: list[Row] = []
    for iso, row in ref.items():
        date = row["party_since"]
        out.append(
            {
                "iso3": iso,
                "event": "entry_into_force",
                "date": date,
                "source": shorten(row["party_since_source"]),
                "as_of": source_date(row["party_since_source"], date),
                "verified": row["party_since_verified"],
                "note": "",
            }
        )
        if row["membership_status"] == "withdrawn":
            out.extend(withdrawal_rows(row))
    return out


WITHDRAWAL_NOTE = re.compile(r"^Withdrawal effective (\d{4}-\d\d-\d\d) \((.*)\)\.$")
CONFIRMED_AFTER = ("EST", "LVA", "LTU")


def withdrawal_rows(row: Row) -> list[Row]:
    """The withdrawal_notified and withdrawal_effective rows for one withdrawn State."""
    iso, effective = row["iso3"], row["withdrawal_effective"]
    match = WITHDRAWAL_NOTE.match(row["notes"])
    if not match or match.group(1) != effective:
        fail(f"{iso}: notes do not state the withdrawal date {effective}")
    source = match.group(2)
    as_of = source_date(source, effective)
    confirmed = iso in CONFIRMED_AFTER
    effect = {"iso3": iso, "event": "withdrawal_effective", "date": effective, "source": shorten(source)}
    effect |= {"as_of": as_of, "verified": yes_no(confirmed), "note": ""}
    if not confirmed:
        effect["note"] = "date stated before the withdrawal took effect; no confirmation after the fact seen"
    notified = {"iso3": iso, "event": "withdrawal_notified"}
    if "notified 27 Jun 2025" in source:
        notified |= {"date": "2025-06-27", "source": shorten(source), "as_of": as_of, "verified": "yes", "note": ""}
    elif confirmed and "withdrawal notified 27 Jun 2025" in row["source_notes"]:
        text = "Platform reference list v2, source_notes: " + fragment(row["source_notes"], "withdrawal notified")
        note = "the source cited for the withdrawal does not state the notification date"
        notified |= {"date": "2025-06-27", "source": shorten(text), "as_of": "", "verified": "no", "note": note}
    else:
        date = months_before(effective, 6)
        text = f"derived from the withdrawal date {effective}: {source}"
        notified |= {"date": date, "source": shorten(text), "as_of": as_of, "verified": "no"}
        notified["note"] = DERIVED_NOTIFICATION
        day, month, year = int(date[8:]), MONTH_NAMES[int(date[5:7]) - 1].title(), date[:4]
        if f"withdrawal notified {day} {month} {year}" in row["source_notes"]:
            notified["note"] += "; the reference list's earlier notes give the same date"
    return [notified, effect]


# Original deadlines stated in the reference (notes, source_notes or art5_deadline_source):
# iso3 -> (date, the words that state it, note). Checked against the text, never computed here.
ORIGINAL_DEADLINES: dict[str, tuple[str, str, str]] = {
    "AGO": (
        "2013-01-01",
        "first Art5 deadline 1 Jan 2013",
        "first deadline as given by the Landmine Monitor 2023 profile",
    ),
    "OMN": ("2025-02-01", "First Article 5 deadline: 1 February 2025", ""),
    "LKA": (
        "2028-06-01",
        "original deadline",
        "original deadline derived from entry into force + 10 years; not verified",
    ),
    "PSE": ("2028-06-01", "Original deadline, derived", "original deadline derived from entry into force + 10 years"),
    "SOM": ("2022-10-01", "original 1 Oct 2022", ""),
    "SSD": (
        "2021-07-09",
        "original deadline 9 Jul 2021",
        "original deadline derived in the reference list (EIF + 10 years); not verified",
    ),
    "UKR": (
        "2016-06-01",
        "Original deadline 1 Jun 2016",
        "the original deadline passed without an extension request (Landmine Monitor 2017)",
    ),
}


def original_deadline(row: Row) -> tuple[str, str]:
    """The original article 5 deadline and its note, where the reference states one."""
    if row["iso3"] not in ORIGINAL_DEADLINES:
        return "", ""
    date, words, note = ORIGINAL_DEADLINES[row["iso3"]]
    text = " ".join((row["notes"], row["source_notes"], row["art5_deadline_source"]))
    if words not in text:
        fail(f"{row['iso3']}: reference no longer states the original deadline ({words!r})")
    return date, note


def article5_row(row: Row) -> Row:
    """One article 5 row for a State."""
    iso, status = row["iso3"], row["art5_status"]
    out = {"iso3": iso, "original_deadline": "", "chain_complete": "", "completed_on": "", "note": ""}
    if status == "none":
        return out | {"obligation": "none", "source": NONE_SOURCE, "as_of": REFERENCE_DATE, "verified": "no"}
    if iso in UNRESOLVED:
        if status != "unknown" or row["art5_deadline"]:
            fail(f"{iso}: expected an unknown article 5 status without a deadline")
        source = "Platform reference list v2, source_notes: " + fragment(row["source_notes"], "Art5")
        out |= {"obligation": "unresolved", "source": shorten(source), "as_of": "", "verified": "no"}
        return out | {"note": row["notes"]}
    out["chain_complete"] = yes_no(row["art5_extensions_known"] == "yes")
    if status == "completed":
        return out | completed_fields(row)
    if status not in ("in_progress", "unknown"):
        fail(f"{iso}: unexpected art5_status {status!r}")
    source = row["art5_deadline_source"].split(" | ")[0]
    if not source:
        source = "Platform reference list v2, source_notes: " + fragment(row["source_notes"], "Art5")
    date, note = original_deadline(row)
    out |= {"obligation": "outstanding", "original_deadline": date, "note": note}
    out |= {"source": shorten(source), "verified": yes_no(row["art5_deadline_verified"] == "yes")}
    out["as_of"] = year_only(row["art5_deadline_as_of"]) or source_date(source)
    if iso in NO_DEADLINE_FOUND:
        out["note"] = "The obligation is outstanding; the current deadline was not found in the sources seen."
    elif status == "unknown" and row["art5_deadline"]:
        out["note"] = " ".join(x for x in (PASSED_NOTE, note) if x)
    return out


def completed_fields(row: Row) -> Row:
    """Source, date and note for a State whose article 5 completion was seen."""
    fields = {"obligation": "completed", "completed_on": row["art5_completed_on"], "verified": "yes"}
    if row["iso3"] == "HRV":
        marker = "national declaration:"
        if marker not in row["notes"]:
            fail("HRV: the notes no longer describe the national declaration")
        source = row["notes"].split(" | ")[-1]
        note = "national declaration of mine-free status; a formal declaration of completion to the States Parties not seen"
        return fields | {
            "source": shorten(source),
            "as_of": source_date(source, row["art5_completed_on"]),
            "note": note,
        }
    source = row["art5_deadline_source"]
    return fields | {"source": shorten(source), "as_of": source_date(source), "note": ""}


def check_decisions(rows: list[Row], ref: dict[str, Row]) -> dict[str, list[Row]]:
    """Validate the hand-transcribed decisions and group them by State."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        iso = row["iso3"]
        if iso not in ref:
            fail(f"art5-decisions.csv: unknown iso3 {iso!r}")
        if row["decision"] not in ("extension", "interim_extension") or row["verified"] not in ("yes", "no"):
            fail(f"art5-decisions.csv: {iso} seq {row['seq']}: bad decision or verified value")
        for key in ("decided_on", "deadline", "as_of"):
            if row[key] and not DATE_RE.match(row[key]):
                fail(f"art5-decisions.csv: {iso} seq {row['seq']}: bad {key} {row[key]!r}")
        if not row["source"]:
            fail(f"art5-decisions.csv: {iso} seq {row['seq']}: empty source")
        grouped.setdefault(iso, []).append(row)
    for iso, chain in grouped.items():
        if [int(r["seq"]) for r in chain] != list(range(1, len(chain) + 1)):
            fail(f"art5-decisions.csv: {iso}: seq is not 1..{len(chain)} in order")
        deadlines = [r["deadline"] for r in chain if r["deadline"]]
        if deadlines != sorted(deadlines):
            fail(f"art5-decisions.csv: {iso}: deadlines are not in chronological order")
        check_newest_deadline(iso, chain[-1], ref[iso])
    return grouped


def check_newest_deadline(iso: str, newest: Row, row: Row) -> None:
    """The newest transcribed deadline must equal art5_deadline when both are given."""
    differs = newest["deadline"] and row["art5_deadline"] and newest["deadline"] != row["art5_deadline"]
    if differs and iso not in KNOWN_DEADLINE_DIFFERENCES:
        fail(
            f"{iso}: newest transcribed deadline {newest['deadline']} differs from art5_deadline {row['art5_deadline']}"
        )


def decision_rows(transcribed: list[Row], ref: dict[str, Row]) -> list[Row]:
    """The transcribed decisions plus placeholder rows up to the reference's extension total."""
    grouped = check_decisions(transcribed, ref)
    out: list[Row] = []
    for iso, row in ref.items():
        chain = [dict(r) for r in grouped.get(iso, [])]
        for item in chain:
            item["source"] = shorten(item["source"])
            item["note"] = shorten(item["note"], MAX_NOTE)
        total = int(row["art5_extensions"]) if row["art5_extensions"] else 0
        if len(chain) > total and row["art5_extensions"]:
            print(f"import_record: note: {iso} has {len(chain)} decisions, reference total {total}", file=sys.stderr)
        for seq in range(len(chain) + 1, total + 1):
            chain.append(padded_decision(row, seq))
        out.extend(chain)
    return out


def padded_decision(row: Row, seq: int) -> Row:
    """A placeholder for an extension the reference counts but does not describe."""
    source = row["art5_deadline_source"].split(" | ")[0]
    return {
        "iso3": row["iso3"],
        "seq": str(seq),
        "decision": "extension",
        "meeting": "",
        "decided_on": "",
        "deadline": "",
        "source": shorten(source),
        "as_of": year_only(row["art5_deadline_as_of"]),
        "verified": "no",
        "note": PADDED_NOTE,
    }


FINDING_TEXT = "extension request not approved at the 22nd Meeting (submitted late); may resubmit for the 23rd Meeting"
FINDING_SOURCE = "MOFA Japan (22MSP chair), 15 Dec 2025"


def finding_rows(ref: dict[str, Row]) -> list[Row]:
    """The sourced 22nd Meeting finding for Senegal and Tajikistan."""
    out: list[Row] = []
    for iso in ("SEN", "TJK"):
        row = ref[iso]
        if "request NOT approved (submitted late)" not in row["art5_last_decision"]:
            fail(f"{iso}: art5_last_decision no longer records the 22MSP finding")
        if "MOFA Japan (22MSP chair)" not in row["art5_deadline_source"]:
            fail(f"{iso}: art5_deadline_source no longer cites MOFA Japan")
        out.append(
            {
                "iso3": iso,
                "kind": "request_not_approved",
                "meeting": "22MSP",
                "date": "2025-12",
                "finding": FINDING_TEXT,
                "source": FINDING_SOURCE,
                "as_of": "2025-12-15",
                "verified": "yes",
                "note": "",
            }
        )
    return out


AGO_AREA_SOURCE = (
    "VerAngola, 'Angola will ask for the third time...', Jun 2025 (ANAM DG: 975 mined areas, 57,905,679 m2)"
)
AREA_NOTES = {
    "AGO": "975 mined areas; covers mined areas generally, not anti-personnel mines only; medium confidence",
    "KHM": "described in the source as an estimate",
    "LKA": "the year of the figure is approximate",
    "NER": "Madama areas only; improvised mines in Tillaberi and Diffa are not included",
}


def contamination_rows(ref: dict[str, Row]) -> list[Row]:
    """Remaining contaminated area, one row per State that has a figure."""
    out: list[Row] = []
    for iso, row in ref.items():
        if not row["art5_remaining_km2"]:
            continue
        if iso == "AGO":
            if "57,905,679 m2" not in row["notes"]:
                fail("AGO: notes no longer give the ANAM figure")
            source = AGO_AREA_SOURCE
        else:
            parts = [p for p in row["source_notes"].split(" | ") if "km2 =" in p]
            if len(parts) != 1:
                fail(f"{iso}: expected one km2 fragment in source_notes")
            source = "Platform reference list v2, source_notes: " + parts[0][parts[0].index("km2 =") :]
        lower = source.lower()
        qualifier = "at_least" if ("at least" in lower or ">=" in lower) else ""
        if not qualifier and ("estimate" in lower or "approx" in lower.split("year approx")[0]):
            qualifier = "estimate"
        out.append(
            {
                "iso3": iso,
                "as_of": row["art5_figure_year"],
                "remaining_km2": row["art5_remaining_km2"],
                "qualifier": qualifier,
                "source": shorten(source),
                "verified": "no",
                "note": AREA_NOTES.get(iso, ""),
            }
        )
    return out


TUV_ART4_NOTE = (
    "The reference list notes that the deadline would be four years after entry into force "
    "(1 Mar 2016 if the unverified entry-into-force date of 1 Mar 2012 is right); not verified."
)


def article4_rows(ref: dict[str, Row]) -> list[Row]:
    """Stockpile destruction rows, only where it is outstanding or unknown."""
    out: list[Row] = []
    for iso, row in ref.items():
        value = row["art4_outstanding"]
        if value == "no":
            continue
        if value not in ("yes", "unknown"):
            fail(f"{iso}: unexpected art4_outstanding {value!r}")
        part = fragment(row["source_notes"], "Art4")
        source = "; ".join(x for x in (row["art4_source"], part and "source_notes: " + part) if x)
        note = ""
        if value == "yes":
            note = "still outstanding according to the reference list's earlier version; a later completion was not checked"
        if iso == "TUV":
            note = TUV_ART4_NOTE
        out.append(
            {
                "iso3": iso,
                "status": "outstanding" if value == "yes" else "unknown",
                "deadline": row["art4_deadline"],
                "source": shorten(source),
                "as_of": source_date(source, row["art4_deadline"]),
                "verified": "no",
                "note": note,
            }
        )
    return out


def victim_assistance_rows(ref: dict[str, Row]) -> list[Row]:
    """States reported (or likely) to be responsible for significant numbers of survivors."""
    out: list[Row] = []
    for iso, row in ref.items():
        value = row["va_significant_survivors"]
        if not value:
            continue
        if value not in ("yes", "likely"):
            fail(f"{iso}: unexpected va_significant_survivors {value!r}")
        part = fragment(row["source_notes"], "VA:")
        if not part:
            fail(f"{iso}: no VA fragment in source_notes")
        doubtful = any(word in part.lower() for word in DOUBT_WORDS)
        verified = value == "yes" and not doubtful
        note = LIKELY_NOTE if value == "likely" else ""
        if value == "yes" and doubtful:
            note = "the source excerpt is incomplete or uncertain"
        out.append(
            {
                "iso3": iso,
                "significant_survivors": "yes",
                "source": shorten("Platform reference list v2, source_notes: " + part),
                "as_of": source_date(part),
                "verified": yes_no(verified),
                "note": note,
            }
        )
    return out


MOFA = "MOFA Japan (22MSP chair), 15 Dec 2025"
REF = "Platform reference list v2, notes"

# Hand-written, neutral restatements of the reference's notes that are not facts in another
# table: iso3 -> (topic, words the notes cell must still contain, note, source, as_of, verified).
NOTES: dict[str, tuple[str, str, str, str, str, str]] = {
    "ARG": (
        "article5",
        "Malvinas/Falklands",
        "The obligation concerns the Malvinas/Falklands, where the United Kingdom declared all mined areas cleared at the 18th Meeting (2020). The latest deadline found in sources was 1 Mar 2023; a later extension or a completion declaration is not recorded here.",
        f"{REF}; Mine Action Review, Argentina (undated); APMBC ISU release via reliefweb, 20 Nov 2020",
        "2020-11-20",
        "no",
    ),
    "BIH": (
        "article5",
        "Source is from 2020",
        "The newest source for the current deadline is from 2020; a new extension request may be due in 2026.",
        REF,
        "2020-11-20",
        "no",
    ),
    "CYP": (
        "article5",
        "not under Cyprus's effective control",
        "The remaining mined areas are in areas not under Cyprus's effective control. Cyprus was among the States requesting an extension at the 17th Meeting (2018); the outcome and the current deadline are not recorded here.",
        f"{REF}; BHMAC, Dec 2018; Landmine Monitor Cyprus Mine Action 2015",
        "2018",
        "no",
    ),
    "COD": (
        "article5",
        "three-year request submitted for 22MSP",
        "A three-year extension request was submitted in 2025 for the 22nd Meeting (Dec 2025). That meeting approved 12 of the 14 requests before it; the outcome for the Democratic Republic of the Congo is not recorded here.",
        f"Mine Action Review, DR Congo (Clearing the Mines 2025); {MOFA}",
        "2025-12-15",
        "yes",
    ),
    "COL": (
        "article5",
        "request to end of 2030 submitted for 22MSP",
        "A request to extend the deadline to the end of 2030 was submitted for the 22nd Meeting (Dec 2025). That meeting approved 12 of the 14 requests before it; Colombia's outcome is not recorded here.",
        f"Mine Action Review, Colombia (Clearing the Mines 2025); {MOFA}",
        "2025-12-15",
        "yes",
    ),
    "ECU": (
        "article5",
        "Zamora Chinchipe",
        "The obligation was outstanding as of Landmine Monitor 2022 (0.04 km2 in Zamora Chinchipe). The current deadline was not found in the sources seen.",
        f"{REF} (Landmine Monitor 2022)",
        "2022",
        "no",
    ),
    "ERI": (
        "article5",
        "no detailed request for 5RC",
        "The 31 Dec 2020 deadline expired without an extension request (APMBC ISU, Nov 2020); later decisions are listed in article5_decisions. As of mid-October 2024 no detailed request for the Fifth Review Conference had been submitted; what followed 31 Dec 2024 is not recorded here.",
        f"{REF}; APMBC ISU release via reliefweb.int, 20 Nov 2020; Mine Action Review, Eritrea (Clearing the Mines 2024)",
        "2024",
        "no",
    ),
    "ETH": (
        "article5",
        "request to 31 Dec 2030 for 22MSP",
        "A third request, to 31 Dec 2030, was submitted on 31 Mar 2025 (revised 7 Aug 2025) for the 22nd Meeting. That meeting approved 12 of the 14 requests before it; Ethiopia's outcome is not recorded here.",
        f"Mine Action Review, Ethiopia (Clearing the Mines 2025); {MOFA}",
        "2025-12-15",
        "yes",
    ),
    "GNB": (
        "article5",
        "intermediate deadline of 31 Dec 2024",
        "Guinea-Bissau declared completion in 2012 (12th Meeting) and reported new mined areas on 23 Jun 2021. An intermediate deadline of 31 Dec 2024 was set by a decision not recorded here; it is not counted among the extensions.",
        f"{REF} (Mine Action Review, Clearing the Mines 2023)",
        "2023",
        "no",
    ),
    "HRV": (
        "article5",
        "national declaration",
        "Croatia's completion on 1 Mar 2026 is a national declaration of mine-free status; a formal declaration of completion to the States Parties is not recorded here.",
        "monitor.hr, 28 Feb 2026; 24ur.com, 27 Feb 2026",
        "2026-02-28",
        "yes",
    ),
    "IRQ": (
        "article5",
        "Source is old (2018)",
        "The newest source for the current deadline is from 2018.",
        REF,
        "2018",
        "no",
    ),
    "KHM": (
        "article5",
        "469 km2",
        "In March 2025 Cambodia's mine action authority (CMAA) reported 469 km2 affected by landmines. That figure covers anti-personnel and anti-vehicle mines, so it does not replace the older anti-personnel figure.",
        f"{REF}; Phnom Penh Post, Mar 2025",
        "2025",
        "yes",
    ),
    "LKA": (
        "article5",
        "request is due by Mar 2027",
        "Sri Lanka's mine action centre said in 2025 that the original deadline cannot be met and that an extension request is due by March 2027.",
        f"{REF} (Sri Lanka NMAC, 2025, from the earlier version; not re-seen)",
        "2025",
        "no",
    ),
    "MRT": (
        "article5",
        "must submit a new request in 2026",
        "Mauritania declared completion in 2018 (17th Meeting) and reported new mined areas in June 2020. Mine Action Review (2025) says it is far behind schedule and must submit a new request in 2026.",
        f"{REF}; Mine Action Review, Mauritania (Clearing the Mines 2025)",
        "2025",
        "no",
    ),
    "NGA": (
        "article5",
        "declared clearance completed at 11MSP",
        "Nigeria declared clearance completed at the 11th Meeting (2011); new contamination by improvised mines in the north-east was reported later.",
        REF,
        "",
        "no",
    ),
    "OMN": (
        "article5",
        "Completion declaration or extension not seen",
        "Whether Oman declared completion by its original deadline of 1 Feb 2025, or obtained an extension, is not recorded here.",
        f"{REF}; Mine Action Review, Oman (Clearing the Mines 2023)",
        "2023",
        "no",
    ),
    "SDN": (
        "article5",
        "updated work plan was due 30 Apr 2025",
        "Sudan has been in armed conflict since April 2023; an updated work plan was due on 30 Apr 2025.",
        REF,
        "",
        "no",
    ),
    "SRB": (
        "article5",
        "request submitted Mar 2024 for 5RC",
        "An extension request was submitted in March 2024 for the Fifth Review Conference (Nov 2024); its outcome is not recorded here.",
        "Serbian Mine Action Centre (czrs.gov.rs), Jun 2024",
        "2024",
        "yes",
    ),
    "THA": (
        "article5",
        "30 days after the 1 Dec 2026 reference date",
        "The deadline of 31 Dec 2026 falls 30 days after this record's reference date (1 Dec 2026); a new request is not recorded here.",
        REF,
        REFERENCE_DATE,
        "no",
    ),
    "UKR": (
        "membership",
        "notification of 'suspension'",
        "Ukraine remains a State Party. Its notification of 18 Jul 2025 'suspending' the Convention (citing article 62 of the Vienna Convention on the Law of Treaties) is contested by ICBL and HRW; under article 20(3) a withdrawal cannot take effect during an armed conflict.",
        f"{REF} (ICBL/HRW, Jul 2025)",
        "2025",
        "no",
    ),
}


def note_rows(ref: dict[str, Row]) -> list[Row]:
    """Notes a reader should know that are not facts in another table."""
    out: list[Row] = []
    for iso, (topic, words, note, source, as_of, verified) in NOTES.items():
        if words not in ref[iso]["notes"]:
            fail(f"{iso}: notes no longer contain {words!r}")
        if len(note) > MAX_NOTE:
            fail(f"{iso}: note is longer than {MAX_NOTE} characters")
        row = {"iso3": iso, "topic": topic, "note": note, "source": shorten(source)}
        out.append(row | {"as_of": as_of, "verified": verified})
    return out


SORT_KEYS: dict[str, Callable[[Row], tuple[str, ...] | tuple[str, int]]] = {
    "membership": lambda r: (r["iso3"], r["date"]),
    "article5_decisions": lambda r: (r["iso3"], int(r["seq"])),
    "findings": lambda r: (r["iso3"], r["date"]),
    "contamination": lambda r: (r["iso3"], r["as_of"]),
    "notes": lambda r: (r["iso3"], r["topic"]),
}


def check_row(table: str, row: Row) -> None:
    """Every row needs a source and yes/no verification, and dates in the agreed form."""
    if not row["source"]:
        fail(f"{table}: {row['iso3']}: empty source")
    if row["verified"] not in ("yes", "no"):
        fail(f"{table}: {row['iso3']}: verified must be yes or no")
    if row["as_of"] and not DATE_RE.match(row["as_of"]):
        fail(f"{table}: {row['iso3']}: bad as_of {row['as_of']!r}")


def render(table: str, rows: Iterable[Row]) -> str:
    """The CSV text of one table, sorted and with the agreed columns."""
    columns = COLUMNS[table]
    key = SORT_KEYS.get(table, lambda r: (r["iso3"],))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in sorted(rows, key=key):
        check_row(table, row)
        if set(row) != set(columns):
            fail(f"{table}: {row['iso3']}: columns {sorted(row)} do not match")
        writer.writerow(row)
    return buffer.getvalue()


README = """\
# The official record

One row per fact. Every table is a plain CSV file (UTF-8, comma-separated) that can be
edited in a spreadsheet or in GitHub's web editor. Rows are sorted by `iso3` (the ISO 3166-1
alpha-3 code), then by date or sequence. The tables were first written by
`scripts/import_record.py` from the Platform reference list, version 2 (1 December 2026).

Columns on every row:

- `source`: where the fact comes from (a citation).
- `as_of`: the date of the newest source that states the fact (`YYYY` or `YYYY-MM-DD`);
  empty only when that date is not known.
- `verified`: `yes` only where a source stating the fact was seen; otherwise `no`.
- `note`: anything a reader should know about this row (may be empty).

Unknown stays empty: an empty cell means "not recorded here", never "none" or 0.

## membership.csv

`iso3, event, date, ...` One row per event: `entry_into_force`, `withdrawal_notified`,
`withdrawal_effective`. A withdrawal takes effect six months after it is notified
(article 20); a notification date worked out that way is marked `verified=no`.

## article5.csv (mine clearance)

`iso3, obligation, original_deadline, chain_complete, completed_on, ...` One row per State.
`obligation` is `outstanding`, `completed`, `none` (not among the States reported with
outstanding obligations) or `unresolved` (status not established). `original_deadline` is
filled only where a source states it. `chain_complete` is `yes` only where every extension
decision is known. `completed_on` may be a year, a month or a full date.

## article5_decisions.csv

`iso3, seq, decision, meeting, decided_on, deadline, ...` One row per extension decision
(`extension` or `interim_extension`), numbered 1, 2, 3 ... per State. `meeting` is the short
code (for example `18MSP`, `4RC`); `decided_on` is the year unless a full date is known;
`deadline` is the new deadline the decision set, where a source states it. Requests that
are pending or were not approved are not decisions and have no row here. A row whose note
says "details not recorded" stands for an extension the reference list counts but does not
describe; its place in the sequence is not known.

How the site derives two figures from this table:

- **Current deadline** = the latest `deadline` among the State's decisions; if there is no
  decision with a deadline, the `original_deadline` from `article5.csv`.
- **Number of extensions** = the number of decision rows. Where `chain_complete` is not
  `yes`, it is shown as "at least N". No rows means no extension is recorded, not zero.

## findings.csv

`iso3, kind, meeting, date, finding, ...` Formal findings stated by a source, for example an
extension request not approved at a Meeting of the States Parties. Quote `finding` exactly.

## contamination.csv

`iso3, as_of, remaining_km2, qualifier, ...` Remaining contaminated area in km2 and the year
of the figure. `qualifier` is `at_least` (a lower bound), `estimate`, or empty.

## article4.csv (stockpile destruction)

`iso3, status, deadline, ...` Only States whose stockpile destruction is `outstanding` or
`unknown`. A State without a row has no outstanding obligation recorded.

## victim_assistance.csv

`iso3, significant_survivors, ...` States that reported responsibility for significant numbers
of mine survivors (`yes`). Where the source only makes it likely, `verified` is `no`.

## article7.csv (transparency reports)

`iso3, covers, received, ...` One row per report received: `covers` is the calendar year the
report covers, `received` the date it was received. Empty so far: no report is recorded
here yet, which does not mean a report is missing.

## notes.csv

`iso3, topic, note, ...` Short notes that fit no other table: pending requests, what is
contested, sources that are old. `topic` is `article5`, `membership` or `general`.
"""


def build(ref: dict[str, Row], decisions: list[Row]) -> dict[str, list[Row]]:
    """All tables, keyed by table name."""
    return {
        "membership": membership_rows(ref),
        "article5": [article5_row(row) for row in ref.values()],
        "article5_decisions": decision_rows(decisions, ref),
        "findings": finding_rows(ref),
        "contamination": contamination_rows(ref),
        "article4": article4_rows(ref),
        "victim_assistance": victim_assistance_rows(ref),
        "article7": [],
        "notes": note_rows(ref),
    }


def write(out: Path, tables: dict[str, list[Row]]) -> None:
    """Write every table and the README into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        (out / f"{name}.csv").write_bytes(render(name, rows).encode("utf-8"))
        print(f"{name}.csv: {len(rows)} rows")
    (out / "README.md").write_bytes(README.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: record/)")
    args = parser.parse_args(argv)
    ref = load_reference(REFERENCE)
    tables = build(ref, read_csv(DECISIONS))
    write(args.out, tables)
    return 0


if __name__ == "__main__":
    sys.exit(main())
