"""SECURITY.md item 31: every output format stays valid whatever an accepted input holds.

Each test is named after a class of input that broke a format and tries its variants, end to end
where an input can carry them today (State files, the record) and at the writer for the rest, so
the writer does not depend on what the validator happens to refuse now.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from helpers import TODAY, make_site, site_settings, state_yaml, validate_texts, write_record

from build_hooks.exports.api import dumps
from build_hooks.exports.feeds import FeedEntry, atom
from build_hooks.exports.history import Change, History, RecordChange
from build_hooks.site.builder import Build, output_files, prepare_build
from build_hooks.workflow.reminders import StaleState, write_csv

SITE_URL = "https://example.org/pfp/"
WHEN = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)

# Every character Python's str.splitlines() (and so many readers) takes for a line break.
LINE_BREAKS = ["\r", "\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
# Code points XML 1.0 does not allow (a lone surrogate cannot come from UTF-8, but must not break a feed either).
XML_INVALID = ["\ufffe", "\uffff", "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ud800", "\udfff"]
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"]


def _build(tmp_path: Path, states: dict[str, str], **rows: list[str]) -> Build:
    root = make_site(tmp_path, states)
    write_record(root, **rows)
    build = prepare_build(root / "mkdocs.yml", site_settings(root / "mkdocs.yml", history=False), today=TODAY)
    assert build.site is not None, [p.text() for p in build.validation.errors]
    return build


def _ics_lines(text: str) -> list[str]:
    """The content lines of an .ics, unfolded; fails on anything but CRLF line ends and short lines."""
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
        assert line.splitlines() == [line] or line == "", f"a line break inside a content line: {line!r}"
        assert not any((ord(c) < 32 and c != "\t") or c == "\x7f" for c in line), repr(line)
    return text.replace("\r\n ", "").split("\r\n")[:-1]


# --- iCalendar -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "brk", LINE_BREAKS, ids=[f"U+{ord(b[-1]):04X}" + ("-CRLF" if len(b) > 1 else "") for b in LINE_BREAKS]
)
def test_line_breaks_in_any_ics_text_stay_folded_escaped_text(tmp_path: Path, brk: str) -> None:
    """A line break in a source (the record) or a State's name reaches the .ics as escaped text:
    never a new property, event or alarm, whatever reader splits the lines."""
    injected = f"A{brk}END:VEVENT{brk}BEGIN:VEVENT{brk}UID:evil{brk}SUMMARY:forged"
    build = _build(
        tmp_path,
        {"KHM": state_yaml("KHM")},
        article5=["KHM,outstanding,2030-12-31,yes,,Decision of the 4RC,2025,yes,"],
    )
    assert build.catalog is not None
    record = build.catalog.record.get("KHM")
    record.original_deadline = dataclasses.replace(record.original_deadline, source=injected)
    real_name = build.catalog.state_name
    object.__setattr__(build.catalog, "state_name", lambda iso3: real_name(iso3) + brk + "DTSTART:19700101")
    text = output_files(build, SITE_URL)["data/deadlines.ics"]
    lines = _ics_lines(text)
    assert not any(line.startswith(("UID:evil", "SUMMARY:forged", "DTSTART:1970")) for line in lines)
    assert [line for line in lines if line.startswith("BEGIN:")] == [
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "BEGIN:VALARM",
        "BEGIN:VEVENT",
        "BEGIN:VALARM",
    ]
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [
        "article5-khm@platform-for-partnerships",
        "article7-annual@platform-for-partnerships",
    ]
    description = str(events[0]["DESCRIPTION"])
    assert "A\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nSUMMARY:forged" in description
    assert str(events[0]["SUMMARY"]).startswith("Cambodia\nDTSTART:19700101")
    alarms = [(str(a["TRIGGER"].to_ical(), "ascii")) for a in calendar.walk("VALARM")]
    assert alarms == ["-P90D", "-P30D"]


def test_line_breaks_in_the_record_reach_the_ics_as_escaped_text(tmp_path: Path) -> None:
    """End to end: the breaks the record accepts today (U+2028, U+2029, NEL) in a decision's source."""
    source = "Decision\u2028BEGIN:VEVENT\u2029UID:evil\x85END:VEVENT"
    build = _build(
        tmp_path,
        {"KHM": state_yaml("KHM")},
        article5=["KHM,outstanding,2020-03-01,yes,,Convention,2025,yes,"],
        article5_decisions=[f"KHM,1,extension,4RC,2019,2030-12-31,{source},2019,yes,"],
    )
    files = output_files(build, SITE_URL)
    first = output_files(build, SITE_URL)
    assert files["data/deadlines.ics"] == first["data/deadlines.ics"]  # deterministic
    lines = _ics_lines(files["data/deadlines.ics"])
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 2
    assert not any(line.startswith("UID:evil") for line in lines)
    assert "DTSTAMP:20261127T120000Z" in lines
    assert "DTSTART;VALUE=DATE:20301231" in lines


# --- Atom ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", XML_INVALID, ids=[f"U+{ord(b):04X}" for b in XML_INVALID])
def test_xml_invalid_code_points_never_break_a_feed(bad: str) -> None:
    """Any XML-invalid code point in any text of a feed is removed and the feed still parses."""
    text = f"before{bad}after"
    entry = FeedEntry(
        id=f"urn:pfp:{text}",
        title=text,
        updated="2026-11-01T09:00:00Z",
        url=f"needs/{text}/",
        state="KHM",
        state_name=text,
        summary=text,
        parts=((text, f"offers/{text}/"),),
    )
    feed = atom(text, "feeds/all.xml", SITE_URL, [entry], "2026-11-27T00:00:00Z")
    feed.encode("utf-8")  # a lone surrogate cannot even be written
    root = ET.fromstring(feed.encode("utf-8"))
    atom_ns = "{http://www.w3.org/2005/Atom}"
    assert root.findtext(f"{atom_ns}title") == "beforeafter"
    entry_el = root.find(f"{atom_ns}entry")
    assert entry_el is not None
    assert entry_el.findtext(f"{atom_ns}title") == "beforeafter"
    assert entry_el.findtext(f"{atom_ns}summary") == "beforeafter"
    assert bad not in feed


def test_xml_invalid_code_points_in_titles_and_the_record_never_break_the_feeds(tmp_path: Path) -> None:
    """End to end: U+FFFE and U+FFFF in a State's title (YAML escapes) and in the record's meeting code."""
    body = """\
    needs:
      - {id: KHM-N-001, title: "Survey \\uFFFE\\uFFFF\\x7f\\x85 north", area: clearance, kind: financial, status: open}
    """
    build = _build(
        tmp_path,
        {"KHM": state_yaml("KHM", body)},
        article5=["KHM,outstanding,2020-03-01,yes,,Convention,2025,yes,"],
        article5_decisions=["KHM,1,extension,4RC\ufffe\uffff,2019,2030-12-31,Decision,2019,yes,"],
    )
    history = History(
        changes=[Change(WHEN, "KHM-N-001", "added")],
        record_changes=[RecordChange(WHEN, "article5_decisions", "KHM", "KHM:1", "extension (4RC\ufffe\uffff)")],
    )
    files = output_files(dataclasses.replace(build, history=history), SITE_URL)
    for name in ("feeds/all.xml", "feeds/states/khm.xml"):
        root = ET.fromstring(files[name].encode("utf-8"))
        words = " ".join(root.itertext())  # one moment: one entry that lists both changes
        assert "north (KHM-N-001)" in words and "extension (4RC)" in words, name
        assert "\ufffe" not in files[name] and "\uffff" not in files[name]


# --- JSON ------------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["1e309", "-1e309", "1" + "0" * 400, "9" * 5000])
def test_json_never_holds_infinity_or_nan(tmp_path: Path, amount: str) -> None:
    """An amount that overflows a float is refused with its place and a hint (never an Infinity in the API)."""
    entry = "id: KHM-N-001, title: Land release, area: clearance, kind: financial, status: open"
    body = f"needs:\n  - {{{entry}, amount: {{value: {amount}, currency: USD}}}}\n"
    result = validate_texts(tmp_path, {"KHM": state_yaml("KHM", body)})
    assert not result.ok
    problems = [p for p in result.errors if p.path.endswith("KHM.yml")]
    assert problems, [p.text() for p in result.problems]
    assert all((p.line, p.col) == (5, 106) and p.hint for p in problems), [p.text() for p in problems]
    assert {p.rule for p in problems} == {"schema-range"}, [p.text() for p in problems]
    for bad in (math.inf, -math.inf, math.nan):
        with pytest.raises(ValueError):
            dumps({"value": bad})


# --- CSV -------------------------------------------------------------------------------------


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def _assert_safe(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell[:1] in FORMULA_STARTS:
                assert cell.lstrip("+-").replace(".", "", 1).isdigit(), f"unsafe cell {cell!r} in {row}"


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=[f"U+{ord(s):04X}" for s in FORMULA_STARTS])
def test_every_csv_cell_is_spreadsheet_safe(tmp_path: Path, start: str) -> None:
    """A cell starting with a formula character (ASCII or full-width, tab or CR) gets a leading quote,
    in needs.csv, offers.csv, progress.csv and pfp stale's reminder list; plain numbers stay numbers."""
    formula = f'{start}HYPERLINK("https://evil.example")'
    # Titles and the record refuse control characters: there, a tab or CR start is tried at pfp stale's list.
    title = formula if ord(start) >= 32 else "=" + formula[1:]
    body = f"""\
    needs:
      - {{id: KHM-N-001, title: {json.dumps(title)}, area: clearance, kind: financial, status: open}}
    offers:
      - {{id: KHM-O-001, title: {json.dumps(title)}, area: clearance, kind: expertise, status: available, eligible: any}}
    """
    source = formula if ord(start) >= 32 else "@" + formula[1:]
    build = _build(
        tmp_path,
        {"KHM": state_yaml("KHM", body)},
        article5=[f"KHM,outstanding,2030-12-31,yes,,{source},2025,yes,"],
        contamination=["KHM,2023,68.5,,Report,yes,", "KHM,2025,44,,Report,yes,"],
    )
    files = output_files(build, SITE_URL)
    tables = sorted(name for name in files if name.endswith(".csv"))
    assert "data/fr/needs.csv" in tables and "data/es/progress.csv" in tables  # every language's files
    for name in tables:
        rows = _cells(files[name])
        _assert_safe(rows)
        flat = [cell for row in rows for cell in row]
        assert "'" + (title if not name.endswith("progress.csv") else source) in flat, name
    progress = dict(zip(*_cells(files["data/progress.csv"]), strict=True))
    assert progress["remaining"] == "44" and progress["rate_km2_per_year"] == "12.24"  # as the record writes them

    reminder = StaleState(
        state="KHM",
        name=formula,
        reasons=[formula],
        focal_points=[f"{formula}: a@example.org"],
        edit_url=formula,
    )
    target = tmp_path / "reminders.csv"
    write_csv([reminder, StaleState(state="-5", name="2.5", reasons=["+3"])], target)
    rows = _cells(target.read_bytes().decode("utf-8-sig"))
    _assert_safe(rows)
    assert rows[1] == ["KHM", "'" + formula, "'" + formula + ": a@example.org", "'" + formula, "'" + formula]
    assert rows[2] == ["-5", "2.5", "", "+3", ""]
