"""Atom feeds of what changed (all States, and one per State) and an iCalendar of deadlines.

Dates come from :mod:`build_hooks.exports.history`; titles and links from the current
catalogue, so a challenge whose consent is not (or no longer) valid never
appears, whatever the history holds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from build_hooks.urls import item_url, state_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from build_hooks.engine.catalog import Catalog
    from build_hooks.exports.history import Change, History

FEED_DIR = "feeds"


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry_info(catalog: Catalog, entry_id: str) -> tuple[str, str, str] | None:
    """(noun, title, state) for an entry that is published now and is not an example, else None."""
    if catalog.is_example(entry_id):
        return None  # examples are not news, and feeds carry facts only
    if entry_id in catalog.needs:
        return "need", catalog.needs[entry_id].title, catalog.owner[entry_id]
    if entry_id in catalog.offers:
        return "offer", catalog.offers[entry_id].title, catalog.owner[entry_id]
    if entry_id in catalog.challenges:
        c = catalog.challenges[entry_id]
        return "challenge", c.title, c.state
    return None


def _describe(change: Change, noun: str, title: str, t: Callable[..., str]) -> str:
    if change.kind == "added":
        return f"New {noun}: {title}"
    if change.kind == "status" and noun != "challenge":
        prefix = "need_status" if noun == "need" else "offer_status"
        return f"{title}: {t(f'{prefix}.{change.old_status}')} → {t(f'{prefix}.{change.new_status}')}"
    if change.kind == "status":
        return f"Published with consent: {title}"
    return f"Updated {noun}: {title}"


def feed_entries(catalog: Catalog, history: History, t: Callable[..., str]) -> list[dict[str, str]]:
    entries = []
    for change in history.changes:
        info = _entry_info(catalog, change.entry_id)
        if info is None:
            continue  # removed, or a challenge without valid consent: never in a feed
        noun, title, iso3 = info
        if noun == "challenge" and change.kind == "status" and change.new_status != "given":
            continue
        entries.append(
            {
                "id": f"urn:pfp:{change.entry_id}:{_stamp(change.when)}:{change.kind}",
                "title": _describe(change, noun, title, t),
                "updated": _stamp(change.when),
                "url": item_url(change.entry_id),
                "state": iso3,
                "state_name": catalog.state_name(iso3),
                "summary": f"{catalog.state_name(iso3)} ({iso3}), {change.entry_id}",
            }
        )
    for rc in history.record_changes:
        if rc.iso3 not in catalog.record.states:
            continue
        name = catalog.state_name(rc.iso3)
        entries.append(
            {
                "id": f"urn:pfp:record:{rc.table}:{rc.key}",
                "title": f"Official record, {name}: {rc.summary}",
                "updated": _stamp(rc.when),
                "url": state_url(rc.iso3),
                "state": rc.iso3,
                "state_name": name,
                "summary": f"{name} ({rc.iso3}): {rc.summary}, recorded by the Implementation Support Unit",
            }
        )
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    return entries


def atom(title: str, self_path: str, site_url: str, entries: list[dict[str, str]], updated: str) -> str:
    base = site_url.rstrip("/") + "/"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(base + self_path)}</id>",
        f'  <link rel="self" href={quoteattr(base + self_path)}/>',
        f'  <link rel="alternate" href={quoteattr(base)}/>',
        f"  <updated>{escape(entries[0]['updated'] if entries else updated)}</updated>",
        "  <author><name>Platform for Partnerships</name></author>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <id>{escape(e['id'])}</id>",
            f"    <title>{escape(e['title'])}</title>",
            f"    <updated>{escape(e['updated'])}</updated>",
            f'    <link rel="alternate" href={quoteattr(base + e["url"])}/>',
            f"    <author><name>{escape(e['state_name'])}</name></author>",
            f"    <summary>{escape(e['summary'])}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def build_feeds(
    catalog: Catalog, history: History, site_url: str, generated_at: dt.datetime, t: Callable[..., str]
) -> dict[str, str]:
    entries = feed_entries(catalog, history, t)
    updated = _stamp(generated_at)
    files = {
        f"{FEED_DIR}/all.xml": atom(
            "Platform for Partnerships: all changes", f"{FEED_DIR}/all.xml", site_url, entries, updated
        )
    }
    for iso3 in catalog.states:
        path = f"{FEED_DIR}/states/{iso3.lower()}.xml"
        mine = [e for e in entries if e["state"] == iso3]
        files[path] = atom(f"Platform for Partnerships: {catalog.state_name(iso3)}", path, site_url, mine, updated)
    return files


# --- iCalendar --------------------------------------------------------------------------


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545: lines of at most 75 octets, continuation lines start with a space."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + rest for rest in out[1:])]


def build_calendar(catalog: Catalog, site_url: str, generated_at: dt.datetime) -> str:
    base = site_url.rstrip("/") + "/"
    stamp = generated_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Platform for Partnerships//Deadlines//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Mine Ban Convention deadlines",
    ]
    events = []
    for iso3 in catalog.parties():
        record = catalog.record.get(iso3)
        deadline = record.current_deadline()
        if not record.has_article5 or not deadline.known or record.completed_on.known:
            continue
        name = catalog.state_name(iso3)
        unverified = "" if deadline.verified else " (unverified)"
        as_of = f", as of {deadline.as_of}" if deadline.as_of else ""
        summary = f"{name}: article 5 clearance deadline{unverified}"
        description = (
            f"The latest article 5 deadline of {name} ({iso3}) in the official record{as_of}."
            f" Source: {deadline.source or 'not recorded'}"
        )
        events.append(
            [
                "BEGIN:VEVENT",
                f"UID:article5-{iso3.lower()}@platform-for-partnerships",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{deadline.value.strftime('%Y%m%d')}",
                f"SUMMARY:{_ics_text(summary)}",
                f"DESCRIPTION:{_ics_text(description)}",
                f"URL:{base}{state_url(iso3)}",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "TRIGGER:-P90D",
                f"DESCRIPTION:{_ics_text(name + ': article 5 deadline in 90 days')}",
                "END:VALARM",
                "END:VEVENT",
            ]
        )
    first_year = catalog.today.year
    events.append(
        [
            "BEGIN:VEVENT",
            "UID:article7-annual@platform-for-partnerships",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first_year}0430",
            "RRULE:FREQ=YEARLY",
            "SUMMARY:Article 7 transparency reports due (30 April)",
            "DESCRIPTION:Each State Party reports on the previous calendar year by 30 April.",
            f"URL:{base}progress/",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-P30D",
            "DESCRIPTION:Article 7 reports are due in 30 days",
            "END:VALARM",
            "END:VEVENT",
        ]
    )
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(f"{folded}\r\n" for line in lines for folded in _fold(line))
