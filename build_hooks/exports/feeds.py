"""Atom feeds of what changed (all States, and one per State) and an iCalendar of deadlines.

Dates come from :mod:`build_hooks.exports.history`; titles and links from the current
catalogue, so a challenge whose consent is not (or no longer) valid never
appears, whatever the history holds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from icalendar import Alarm, Calendar, Event

from build_hooks.engine.progress import ARTICLE7_DUE
from build_hooks.urls import item_url, state_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from build_hooks.engine.catalog import Catalog
    from build_hooks.exports.history import Change, History

FEED_DIR = "feeds"
ALL_FEED = f"{FEED_DIR}/all.xml"
CALENDAR = "data/deadlines.ics"
CALENDAR_DIR = "data/calendars"


def state_feed_path(iso3: str) -> str:
    """``feeds/states/khm.xml``: one State's feed, relative to the English root."""
    return f"{FEED_DIR}/states/{iso3.lower()}.xml"


def state_calendar_path(iso3: str) -> str:
    """``data/calendars/khm.ics``: one State Party's deadlines, relative to the English root."""
    return f"{CALENDAR_DIR}/{iso3.lower()}.ics"


def calendar_states(catalog: Catalog) -> list[str]:
    """The States with a calendar of their own: the parties on the as-of date that have a file.

    A calendar needs one event at least (RFC 5545); every party has the yearly article 7 date.
    """
    return [iso3 for iso3 in catalog.parties() if iso3 in catalog.states]


def webcal_url(site_url: str, path: str) -> str:
    """``webcal://`` + the address of ``path``: calendar applications subscribe to it; "" without a site URL."""
    scheme, sep, rest = site_url.partition("://")
    if not sep or scheme not in {"https", "http"}:
        return ""
    return f"webcal://{rest.rstrip('/')}/{path}"


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


@dataclass(frozen=True)
class FeedEntry:
    """One Atom entry: one change, or (``parts``) every change a feed holds for one moment."""

    id: str
    title: str
    updated: str  # RFC 3339, UTC, to the second: the commit time of the change
    url: str  # site-relative
    state: str  # ISO3, "" for an entry of several States
    state_name: str  # the entry's author; "" leaves the feed's author
    summary: str
    ref: str = ""  # the entry's id; "" for a row of the official record (its title names the State)
    parts: tuple[tuple[str, str], ...] = ()  # an entry of several changes: (label, site-relative url) of each


def feed_entries(catalog: Catalog, history: History, t: Callable[..., str]) -> list[FeedEntry]:
    """One item per published change, newest first; :func:`one_entry_per_moment` makes a feed of them."""
    entries = []
    for change in history.changes:
        info = _entry_info(catalog, change.entry_id)
        if info is None:
            continue  # removed, or a challenge without valid consent: never in a feed
        noun, title, iso3 = info
        if noun == "challenge" and change.kind == "status" and change.new_status != "given":
            continue
        entries.append(
            FeedEntry(
                id=f"urn:pfp:{change.entry_id}:{_stamp(change.when)}:{change.kind}",
                title=_describe(change, noun, title, t),
                updated=_stamp(change.when),
                url=item_url(change.entry_id),
                state=iso3,
                state_name=catalog.state_name(iso3),
                summary=f"{catalog.state_name(iso3)} ({iso3}), {change.entry_id}",
                ref=change.entry_id,
            )
        )
    for rc in history.record_changes:
        if rc.iso3 not in catalog.record.states:
            continue
        name = catalog.state_name(rc.iso3)
        entries.append(
            FeedEntry(
                id=f"urn:pfp:record:{rc.table}:{rc.key}",
                title=f"Official record, {name}: {rc.summary}",
                updated=_stamp(rc.when),
                url=state_url(rc.iso3),
                state=rc.iso3,
                state_name=name,
                summary=f"{name} ({rc.iso3}): {rc.summary}, recorded by the Implementation Support Unit",
            )
        )
    entries.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return entries


def _label(item: FeedEntry, with_state: bool) -> str:
    """How one change reads in an entry of several: its title and id (and State, in a feed of all States)."""
    if not item.ref:
        return item.title
    return f"{item.title} ({item.state_name}, {item.ref})" if with_state else f"{item.title} ({item.ref})"


SUMMARY_PARTS = 10  # a moment's summary names this many changes; its content lists them all


def one_entry_per_moment(items: list[FeedEntry], iso3: str = "") -> list[FeedEntry]:
    """The entries of one feed (``iso3``'s, or all States' with ""): one per moment its entries changed.

    An entry's ``updated`` is the time it changed, and no two entries of a feed may share it
    (RFC 4287 4.2.15 lets a reader take them for one entry; the W3C feed validator warns,
    "DuplicateUpdated"): the changes of one moment (one commit, or commits of one second) are one
    entry, so an import or a State's pull request that changes twelve entries is one news item
    listing the twelve, dated when it happened.

    The id names the feed and the moment only (``urn:pfp:changes:KHM:<time>``, or
    ``urn:pfp:changes:<time>`` in the feed of all States), never which changes it holds: an entry
    whose change later leaves the feed (deleted, consent withdrawn) keeps its id, and RFC 4287
    4.2.6 says an id never changes. A moment of one change reads as that change.
    """
    by_moment: dict[str, list[FeedEntry]] = {}
    for item in items:
        by_moment.setdefault(item.updated, []).append(item)
    out = []
    for stamp, group in by_moment.items():
        moment_id = f"urn:pfp:changes:{iso3}:{stamp}" if iso3 else f"urn:pfp:changes:{stamp}"
        if len(group) == 1:
            out.append(replace(group[0], id=moment_id))
            continue
        group.sort(key=lambda g: (g.state, g.id))
        states = sorted({g.state for g in group})
        one = states[0] if len(states) == 1 else ""  # the State, when the moment is one State's
        labels = [_label(g, with_state=not one) for g in group]
        more = f"; and {len(group) - SUMMARY_PARTS} more" if len(group) > SUMMARY_PARTS else ""
        entry = FeedEntry(
            id=moment_id,
            title=f"{group[0].state_name}: {len(group)} changes"
            if one
            else f"{len(group)} changes from {len(states)} States",
            updated=stamp,
            url=state_url(one) if one else "",
            state=one,
            state_name=group[0].state_name if one else "",
            summary="; ".join(labels[:SUMMARY_PARTS]) + more,
            parts=tuple((label, g.url) for label, g in zip(labels, group, strict=True)),
        )
        out.append(entry)
    return sorted(out, key=lambda e: (e.updated, e.id), reverse=True)


# Code points XML 1.0 does not allow (C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF):
# removed from every text of a feed, so any accepted input gives a feed that parses.
_XML_INVALID_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return escape(_XML_INVALID_RE.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_XML_INVALID_RE.sub("", value))


def atom(title: str, self_path: str, site_url: str, entries: list[FeedEntry], updated: str, alternate: str = "") -> str:
    """One Atom feed; ``alternate`` is the page it is the feed of (site-relative; the home page by default).

    The feed's ``<updated>`` is its newest entry's (entries are newest first), else ``updated``.
    An entry of several changes lists each, with its link, in an XHTML ``<content>``; every text
    in it is escaped like every other text of the feed (contributor text is never markup).
    """
    base = site_url.rstrip("/") + "/"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{_text(title)}</title>",
        f"  <id>{_text(base + self_path)}</id>",
        f'  <link rel="self" href={_attr(base + self_path)}/>',
        f'  <link rel="alternate" type="text/html" href={_attr(base + alternate)}/>',
        f"  <updated>{_text(entries[0].updated if entries else updated)}</updated>",
        "  <author><name>Platform for Partnerships</name></author>",
    ]
    for e in entries:
        lines += [
            "  <entry>",
            f"    <id>{_text(e.id)}</id>",
            f"    <title>{_text(e.title)}</title>",
            f"    <updated>{_text(e.updated)}</updated>",
            f'    <link rel="alternate" href={_attr(base + e.url)}/>',
        ]
        if e.state_name:
            lines.append(f"    <author><name>{_text(e.state_name)}</name></author>")
        lines.append(f"    <summary>{_text(e.summary)}</summary>")
        if e.parts:
            lines.append('    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><ul>')
            lines += [f"      <li><a href={_attr(base + url)}>{_text(label)}</a></li>" for label, url in e.parts]
            lines.append("    </ul></div></content>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def build_feeds(
    catalog: Catalog, history: History, site_url: str, generated_at: dt.datetime, t: Callable[..., str]
) -> dict[str, str]:
    items = feed_entries(catalog, history, t)
    updated = _stamp(generated_at)
    everything = one_entry_per_moment(items)
    files = {ALL_FEED: atom("Platform for Partnerships: all changes", ALL_FEED, site_url, everything, updated)}
    for iso3 in catalog.states:
        path = state_feed_path(iso3)
        mine = one_entry_per_moment([e for e in items if e.state == iso3], iso3)
        title = f"Platform for Partnerships: {catalog.state_name(iso3)}"
        files[path] = atom(title, path, site_url, mine, updated, alternate=state_url(iso3))
    return files


# --- iCalendar --------------------------------------------------------------------------
# Written with the icalendar library (escaping, folding at 75 octets without splitting a
# character, CRLF line ends). Before a text reaches it, every line break any reader may split
# on (CR, LF, CRLF, VT, FF, U+001C-U+001E, NEL, U+2028, U+2029: ``str.splitlines``) becomes one
# LF, which icalendar escapes as ``\\n``; other control characters (not allowed in TEXT by
# RFC 5545) and surrogates are removed. The output depends only on the catalogue and the build
# moment, so two builds of one day are byte-identical.

_ICS_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def ics_text(value: str) -> str:
    """Text for an iCalendar TEXT property: line breaks as LF (escaped by the writer), no controls."""
    return _ICS_CONTROL_RE.sub("", "\n".join(value.splitlines()))


def _alarm(days_before: int, description: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-days_before))
    alarm.add("description", ics_text(description))
    return alarm


def _event(uid: str, stamp: dt.datetime, start: dt.date, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("summary", ics_text(summary))
    event.add("description", ics_text(description))
    event.add("url", url)
    return event


def build_calendar(catalog: Catalog, site_url: str, generated_at: dt.datetime, state: str | None = None) -> str:
    """The deadlines of every State Party, or of one (``state``): the same events, filtered."""
    base = site_url.rstrip("/") + "/"
    stamp = generated_at.astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Platform for Partnerships//Deadlines//EN")
    calendar.add("calscale", "GREGORIAN")
    calname = "Mine Ban Convention deadlines"
    if state is not None:  # a one-line name: X-WR-CALNAME is not TEXT, so a line break would not be escaped
        calname = " ".join(ics_text(f"{calname}: {catalog.state_name(state)}").split("\n"))
    calendar.add("x-wr-calname", calname)
    for iso3 in catalog.parties():
        if state is not None and iso3 != state:
            continue
        record = catalog.record.get(iso3)
        deadline = record.current_deadline()
        if not record.has_article5 or not deadline.known or record.completed_on.known:
            continue
        name = catalog.state_name(iso3)
        unverified = "" if deadline.verified else " (unverified)"
        as_of = f", as of {deadline.as_of}" if deadline.as_of else ""
        event = _event(
            f"article5-{iso3.lower()}@platform-for-partnerships",
            stamp,
            deadline.value,
            f"{name}: article 5 clearance deadline{unverified}",
            f"The latest article 5 deadline of {name} ({iso3}) in the official record{as_of}."
            f" Source: {deadline.source or 'not recorded'}",
            f"{base}{state_url(iso3)}",
        )
        event.add_component(_alarm(90, f"{name}: article 5 deadline in 90 days"))
        calendar.add_component(event)
    event = _event(
        "article7-annual@platform-for-partnerships",
        stamp,
        dt.date(catalog.today.year, *ARTICLE7_DUE),
        "Article 7 transparency reports due (30 April)",
        "Each State Party reports on the previous calendar year by 30 April.",
        f"{base}progress/",
    )
    event.add("rrule", {"freq": "yearly"})
    event.add_component(_alarm(30, "Article 7 reports are due in 30 days"))
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def build_calendars(catalog: Catalog, site_url: str, generated_at: dt.datetime) -> dict[str, str]:
    """The calendar of every State Party (``data/deadlines.ics``) and one per State Party."""
    files = {CALENDAR: build_calendar(catalog, site_url, generated_at)}
    for iso3 in calendar_states(catalog):
        files[state_calendar_path(iso3)] = build_calendar(catalog, site_url, generated_at, iso3)
    return files
