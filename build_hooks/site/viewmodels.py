"""Catalogue -> view models: plain, JSON-serialisable dicts that templates only lay out.

Their shapes are the TypedDicts of ``build_hooks.site.context`` (documented in
``overrides/pfp/CONTEXT.md``).

Every decision (what is open, what matches, what is unverified, how a date or
an amount reads) is made here; templates in ``overrides/pfp/`` contain no
business logic. The golden tests pin these dicts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from build_hooks.i18n import (
    DEFAULT_LANGUAGE,
    fmt_date_medium,
    fmt_number,
    language_name,
    sort_key,
    state_name_in,
    translator,
)
from build_hooks.engine.vocabulary import AVAILABLE_OFFER, CATEGORIES, NEED_STATUSES, OFFER_STATUSES, OPEN_NEED
from build_hooks.engine.progress import Article5Progress, compute_article5
from build_hooks.engine.record import NOT_RECORDED, Decision, Fact, StateRecord
from build_hooks.site.facts import RECORD_LANGUAGE, FactFormatter, glossary, sources_of
from build_hooks.site.sanitise import render_markdown
from build_hooks.urls import item_url, state_url
from build_hooks.engine.staleness import is_review_stale
from build_hooks.exports.csvfiles import csv_path
from build_hooks.exports.feeds import calendar_states, state_calendar_path, state_feed_path, webcal_url

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from build_hooks.engine.dialogues import Dialogue
    from build_hooks.engine.catalog import Catalog, Match, PublishableChallenge
    from build_hooks.engine.model import Amount, Need, Offer, Period, StateFile
    from build_hooks.engine.progress import ProgressIndex, StateProgress
    from build_hooks.settings import Settings
    from build_hooks.site import context as ctx


def fmt_date(value: dt.date | None) -> str:
    """ISO 8601, for data attributes, exports and the chart (never shown as is to readers)."""
    return value.isoformat() if value is not None else ""


def fmt_amount(amount: Amount | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """2,500,000 USD / 2 500 000 USD / 2.500.000 USD."""
    return "" if amount is None else f"{fmt_number(amount.value, lang, money=True)} {amount.currency}"


def fmt_period(period: Period | None, t: Callable[..., str], lang: str = DEFAULT_LANGUAGE) -> str:
    """27 Nov 2026 – 31 Dec 2027; a missing end reads "open-ended" in the page's language."""
    if period is None or (period.start is None and period.end is None):
        return ""
    start = fmt_date_medium(period.start, lang) or t("label.open_ended")
    end = fmt_date_medium(period.end, lang) or t("label.open_ended")
    return f"{start} – {end}"


class ViewBuilder:
    """Builds every page's view model for one catalogue, language and settings."""

    def __init__(self, catalog: Catalog, progress: ProgressIndex, lang: str, settings: Settings) -> None:
        self.catalog = catalog
        self.progress = progress
        self.lang = lang
        self.t = translator(lang)
        self.facts = FactFormatter(lang, self.t)
        self.edit_base = settings.repository_edit_url
        self.stale_months = settings.stale_months
        self.root_url = settings.root_url
        self._calendar_states = set(calendar_states(catalog))
        # Downloads exist only once, at the English root.
        self.en_root = "" if lang == DEFAULT_LANGUAGE else "../"
        self._progress_by_state = {row.iso3: row for row in progress.rows}
        # entry id -> table row; rows are read-only once built (need and offer ids never collide)
        self._need_rows: dict[str, ctx.NeedRow] = {}
        self._offer_rows: dict[str, ctx.OfferRow] = {}
        # the ids a report's text may name that have a page (or an anchor) on the site
        self._linkable = [*catalog.needs, *catalog.offers, *catalog.challenges]

    # --- how things read in this language -------------------------------------------
    def date(self, value: dt.date | None) -> str:
        return fmt_date_medium(value, self.lang)

    def amount(self, amount: Amount | None) -> str:
        return fmt_amount(amount, self.lang)

    def period(self, period: Period | None) -> str:
        return fmt_period(period, self.t, self.lang)

    def name(self, iso3: str) -> str:
        return state_name_in(iso3, self.lang) or self.catalog.state_name(iso3)

    def text(self, original: str, language: str, translations: Mapping[str, str | None]) -> ctx.Text:
        """A contributor's text in this page's language: the State's translation, else the original marked."""
        if language == self.lang:
            return {"text": original, "lang": "", "note": ""}
        translated = translations.get(self.lang)
        if translated is not None:
            return {"text": translated, "lang": "", "note": ""}
        note = self.t("label.in_language", language=language_name(language, self.lang))
        return {"text": original, "lang": language, "note": note}

    def entry_text(self, entry: Need | Offer, field: str) -> ctx.Text:
        value = getattr(entry, field)
        translations: dict[str, str | None] = {lang: getattr(tr, field) for lang, tr in entry.translations.items()}
        return self.text(value, entry.language, translations)

    def rich(self, text: ctx.Text) -> ctx.RichText:
        return {**text, "html": render_markdown(text["text"])}

    # --- small pieces -------------------------------------------------------------
    def state_ref(self, iso3: str) -> ctx.StateRef:
        return {"code": iso3, "name": self.name(iso3), "url": state_url(iso3)}

    def _entry_row(self, entry: Need | Offer, status_prefix: str) -> ctx.NeedRow:
        t, iso3 = self.t, self.catalog.owner[entry.id]
        title = self.entry_text(entry, "title")
        return {
            "id": entry.id,
            "url": item_url(entry.id),
            "title": title,
            "title_text": title["text"],
            "state": self.state_ref(iso3),
            "area": entry.area,
            "area_label": t(f"area.{entry.area}"),
            "kind": entry.kind,
            "kind_label": t(f"kind.{entry.kind}"),
            "status": entry.status,
            "status_label": t(f"{status_prefix}.{entry.status}"),
            "amount": self.amount(entry.amount),
            "amount_value": entry.amount.value if entry.amount else None,
            "currency": entry.amount.currency if entry.amount else "",
            "period": self.period(entry.period),
            "illustrative": self.catalog.is_example(entry.id),
        }

    def need_row(self, need: Need) -> ctx.NeedRow:
        row = self._need_rows.get(need.id)
        if row is None:  # an entry appears in many tables; its row is worked out once
            row = self._need_rows[need.id] = self._entry_row(need, "need_status")
        return row

    def offer_row(self, offer: Offer) -> ctx.OfferRow:
        row = self._offer_rows.get(offer.id)
        if row is None:
            any_state = offer.eligible == "any"
            eligible = self.t("label.any") if any_state else ", ".join(self.name(c) for c in offer.eligible)
            new: ctx.OfferRow = {**self._entry_row(offer, "offer_status"), "eligible": eligible}
            row = self._offer_rows[offer.id] = new
        return row

    def dialogue_row(self, dialogue: Dialogue) -> ctx.DialogueRow:
        """A report as this language's site shows it: its translation, else the original marked with its language."""
        m, shown = dialogue.meta, dialogue.version(self.lang)
        return {
            "title": self.text(shown.title, shown.language, {}),
            "url": dialogue.src_uri.removesuffix(".md") + "/",
            "state": self.state_ref(m.state),
            "date": self.date(m.date),
            "participants": self.text(", ".join(shown.participants), shown.language, {}),
        }

    def dialogue_page(self, dialogue: Dialogue, base: str) -> ctx.DialoguePage:
        """The report's page; ``base`` leads from it to the site root (for the links of the ids it names)."""
        shown = dialogue.version(self.lang)
        body = self.text(shown.body, shown.language, {})
        links = {i: base + item_url(i) for i in self._linkable}
        labels = {i: self.t("label.illustrative") for i in self._linkable if self.catalog.is_example(i)}
        html = render_markdown(shown.body, page=True, links=links, labels=labels)
        return {**self.dialogue_row(dialogue), "body": {**body, "html": html}}

    def dialogues_index(self) -> ctx.DialoguesIndex:
        return {
            "title": self.t("nav.dialogues"),
            "rows": [self.dialogue_row(d) for d in self.catalog.dialogues],
        }

    def _reason(self, m: Match) -> str:
        return m.reason(self.name(self.catalog.owner[m.need_id]), self.t)

    def suggested_offer_rows(self, matches: list[Match]) -> list[ctx.SuggestedOfferRow]:
        return [{**self.offer_row(self.catalog.offers[m.offer_id]), "reason": self._reason(m)} for m in matches]

    def suggested_need_rows(self, matches: list[Match]) -> list[ctx.SuggestedNeedRow]:
        return [{**self.need_row(self.catalog.needs[m.need_id]), "reason": self._reason(m)} for m in matches]

    def filters(self, rows: Sequence[ctx.EntryFields], statuses: list[str], status_prefix: str) -> list[ctx.Filter]:
        t = self.t
        areas = sorted({r["area"] for r in rows})
        kinds = sorted({r["kind"] for r in rows})
        states = sorted({r["state"]["code"] for r in rows}, key=lambda c: sort_key(self.name(c)))

        def option(value: str, label: str, matches: str = "") -> ctx.FilterOption:
            return {"value": value, "label": label, "matches": matches or value}

        status_options = [option(s, t(f"{status_prefix}.{s}")) for s in statuses]
        if status_prefix == "need_status":
            # An open need is open or partially met (vocabulary.OPEN_NEED), as in every count: the label says so.
            open_matches = " ".join(s for s in statuses if s in OPEN_NEED)
            status_options = [
                option("open", t("filter.open_need"), open_matches),
                *(o for o in status_options if o["value"] != "open"),
            ]
        return [
            {"name": "area", "label": t("col.area"), "options": [option(a, t(f"area.{a}")) for a in areas]},
            {"name": "kind", "label": t("col.kind"), "options": [option(k, t(f"kind.{k}")) for k in kinds]},
            {"name": "status", "label": t("col.status"), "options": status_options},
            {"name": "state", "label": t("col.state"), "options": [option(c, self.name(c)) for c in states]},
        ]

    def sorts(self) -> list[ctx.SortOption]:
        """The "Sort by" choices of a list: each text column both ways, the amount largest first and smallest first.

        The values are the `data-key`s of the table's headings (macros.html entry_table)."""
        t, c = self.t, self.columns()
        options: list[ctx.SortOption] = [{"value": "", "label": t("sort.listed")}]
        text_columns = [("title", c["title"]), ("state", c["state"]), ("area", c["area"]), ("kind", c["kind"])]
        for key, column in [*text_columns, ("status", c["status"])]:
            options.append({"value": key, "label": t("sort.a_to_z", column=column)})
            options.append({"value": f"-{key}", "label": t("sort.z_to_a", column=column)})
        options.append({"value": "-amount", "label": t("sort.largest", column=c["amount"])})
        options.append({"value": "amount", "label": t("sort.smallest", column=c["amount"])})
        return options

    def columns(self) -> ctx.Columns:
        """Every table's column headings: the `<th>` and, on a narrow screen, each cell's label."""
        t = self.t
        return {
            "title": t("col.title"),
            "state": t("col.state"),
            "area": t("col.area"),
            "kind": t("col.kind"),
            "status": t("col.status"),
            "eligible": t("col.eligible"),
            "amount": t("col.amount"),
            "reason": t("col.reason"),
            "code": t("col.code"),
            "membership": t("col.membership"),
            "open_needs": t("col.open_needs"),
            "offers": t("col.offers"),
            "article5": t("col.article5"),
            "count": t("col.count"),
            "original_deadline": t("col.original_deadline"),
            "extensions": t("col.extensions"),
            "deadline": t("col.deadline"),
            "target": t("col.target"),
            "article4": t("col.article4"),
            "remaining": t("col.remaining"),
            "projected": t("col.projected"),
            "article7": t("col.article7"),
            "share_matched": t("col.share_matched"),
            "last_reviewed": t("col.last_reviewed"),
            "decision": t("col.decision"),
            "new_deadline": t("col.new_deadline"),
            "date": t("col.date"),
            "participants": t("col.participants"),
            "table": t("col.table"),
            "facts": t("col.facts"),
            "verified": t("col.verified"),
            "unverified": t("col.unverified"),
            "sources_dated": t("col.sources_dated"),
        }

    def _downloads(self, name: str, rows: Sequence[ctx.EntryFields]) -> tuple[str, list[str]]:
        """The list's CSV in this language, and the files "Download these rows" takes them from:
        the list's, and the examples' when the page shows some (exports.csvfiles writes them then)."""
        sources = [csv_path(f"{name}.csv", self.lang)]
        if any(r["illustrative"] for r in rows):
            sources.append(csv_path(f"examples-{name}.csv", self.lang))
        return sources[0], sources

    # --- pages ----------------------------------------------------------------------
    def needs_index(self) -> ctx.NeedsIndex:
        rows = [self.need_row(n) for n in self.catalog.needs.values()]
        csv_url, sources = self._downloads("needs", rows)
        return {
            "title": self.t("nav.needs"),
            "rows": rows,
            "filters": self.filters(rows, list(NEED_STATUSES), "need_status"),
            "sorts": self.sorts(),
            "csv_url": csv_url,
            "download_csv": sources,
        }

    def offers_index(self) -> ctx.OffersIndex:
        rows = [self.offer_row(o) for o in self.catalog.offers.values()]
        csv_url, sources = self._downloads("offers", rows)
        return {
            "title": self.t("nav.offers"),
            "rows": rows,
            "filters": self.filters(rows, list(OFFER_STATUSES), "offer_status"),
            "sorts": self.sorts(),
            "csv_url": csv_url,
            "download_csv": sources,
        }

    def _description(self, entry: Need | Offer) -> ctx.RichText | None:
        return self.rich(self.entry_text(entry, "description")) if entry.description else None

    def need_page(self, need: Need) -> ctx.NeedPage:
        row = self.need_row(need)
        responding = [self.offer_row(self.catalog.offers[o]) for o in self.catalog.responding.get(need.id, [])]
        return {
            **row,
            "title": row["title_text"],
            "title_lang": row["title"]["lang"],
            "description": self._description(need),
            "posted": self.date(need.posted),
            "updated": self.date(need.updated),
            "links": list(need.links),
            "responding": responding,
            "suggested": self.suggested_offer_rows(self.catalog.suggested_offers.get(need.id, [])),
            "related_challenges": [
                {
                    "id": c.id,
                    "title": self.challenge_text(c, "title"),
                    "url": item_url(c.id),
                    "illustrative": c.illustrative,
                }
                for c in self.catalog.challenges_by_need.get(need.id, [])
            ],
        }

    def offer_page(self, offer: Offer) -> ctx.OfferPage:
        row = self.offer_row(offer)
        responds = [self.need_row(self.catalog.needs[n]) for n in offer.responds_to if n in self.catalog.needs]
        return {
            **row,
            "title": row["title_text"],
            "title_lang": row["title"]["lang"],
            "description": self._description(offer),
            "posted": self.date(offer.posted),
            "updated": self.date(offer.updated),
            "links": list(offer.links),
            "responds_to": responds,
            "suggested": self.suggested_need_rows(self.catalog.suggested_needs.get(offer.id, [])),
        }

    def states_index(self) -> ctx.StatesIndex:
        rows: list[ctx.StateRow] = []
        for iso3 in self.catalog.states:
            prog = self._progress_by_state.get(iso3)
            a5 = prog.article5 if prog else None
            rows.append(
                {
                    **self.state_ref(iso3),
                    "membership": self._membership(iso3)["status"],
                    "open_needs": sum(n.status in OPEN_NEED for n in self.catalog.real(self.catalog.needs_of(iso3))),
                    "offers": sum(o.status in AVAILABLE_OFFER for o in self.catalog.real(self.catalog.offers_of(iso3))),
                    "article5": self.t(f"progress.{a5.status}") if a5 else "",
                }
            )
        rows.sort(key=lambda r: sort_key(r["name"]))
        return {"title": self.t("nav.states"), "rows": rows}

    def challenge_text(self, c: PublishableChallenge, field: str) -> ctx.Text:
        translations = {lang: values.get(field) for lang, values in c.translations.items()}
        return self.text(getattr(c, field), c.language, translations)

    def challenge_map(self) -> ctx.ChallengeMap:
        categories = list(CATEGORIES)
        by_state: dict[str, dict[str, list[ctx.ChallengeCellItem]]] = {}
        for c in self.catalog.challenges.values():
            by_state.setdefault(c.state, {k: [] for k in categories})[c.category].append(
                {
                    "id": c.id,
                    "anchor": c.id.lower(),
                    "title": self.challenge_text(c, "title"),
                    "illustrative": c.illustrative,
                }
            )
        labels = {k: self.t(f"category.{k}") for k in categories}
        rows: list[ctx.ChallengeMapRow] = [
            {**self.state_ref(iso3), "cells": [{"label": labels[k], "challenges": by_state[iso3][k]} for k in categories]}
            for iso3 in sorted(by_state, key=lambda code: sort_key(self.name(code)))
        ]
        items = [self.challenge_item(c.id) for c in self.catalog.challenges.values()]
        return {
            "title": self.t("nav.challenges"),
            "categories": [{"value": k, "label": labels[k]} for k in categories],
            "rows": rows,
            "entries": items,
        }

    def challenge_item(self, challenge_id: str) -> ctx.ChallengeItem:
        c = self.catalog.challenges[challenge_id]
        return {
            "id": c.id,
            "anchor": c.id.lower(),
            "title": self.challenge_text(c, "title"),
            "state": self.state_ref(c.state),
            "category_label": self.t(f"category.{c.category}"),
            "summary": self.rich(self.challenge_text(c, "summary")),
            "consent": self.text(c.consent_by, c.language, {}),
            "consent_date": self.date(c.consent_date),
            "related_needs": [self.need_row(self.catalog.needs[n]) for n in c.related_needs if n in self.catalog.needs],
            "illustrative": c.illustrative,
        }

    def _membership(self, iso3: str) -> ctx.MembershipFacts:
        record, day = self.catalog.record.get(iso3), self.catalog.today
        if record.is_party(day):
            status = "withdrawal_notified" if record.withdrawal_pending(day) else "party"
        else:
            status = "withdrawn" if record.withdrawal_effective.known else "not_party"
        f = self.facts
        return {
            "status": self.t(f"membership.{status}"),
            "entry_into_force": f.view(record.entry_into_force, "date"),
            "withdrawal_notified": f.view(record.withdrawal_notified, "date"),
            "withdrawal_effective": f.view(record.withdrawal_effective, "date"),
        }

    def _status_label(self, a5: Article5Progress | None) -> str:
        """The status, translated; a completion says when (e.g. "Completed (1 Mar 2026)")."""
        if a5 is None:
            return ""
        label = self.t(f"progress.{a5.status}")
        if a5.status == "completed" and a5.completed_on.known:
            return f"{label} ({self.facts.partial(a5.completed_on.value)})"
        return label

    def _missing_note(self, a5: Article5Progress) -> str:
        return self.t(f"progress.missing_{a5.missing}") if a5.missing else ""

    def _met_target(self, a5: Article5Progress | None) -> str:
        if a5 is None:
            return ""
        if a5.met_target is None:
            return self.t("fact.not_recorded")
        return self.t("label.yes") if a5.met_target else self.t("label.no")

    def _decision_label(self, d: Decision) -> str:
        parts = [self.t(f"decision.{d.kind}"), d.meeting, self.facts.partial(d.decided_on)]
        return ", ".join(p for p in parts if p)

    def article5_facts(self, a5: Article5Progress, record: StateRecord) -> ctx.Article5Facts:
        f, t = self.facts, self.t
        remaining = a5.series[-1] if a5.series else NOT_RECORDED
        return {
            "obligation": f.view(record.obligation, "word:obligation"),
            "status": a5.status,
            "status_label": t(f"progress.{a5.status}"),
            "missing_note": self._missing_note(a5),
            "original_deadline": f.view(a5.original_deadline, "date"),
            "deadline": f.view(a5.deadline, "date"),
            "extensions": f.view(a5.extensions, "count"),
            "decisions": [
                {"label": self._decision_label(d), "deadline": f.view(d.deadline, "date")} for d in a5.decisions
            ],
            "findings": [
                {"when": ", ".join(p for p in (x.meeting, f.partial(x.date)) if p), "finding": f.view(x.text)}
                for x in a5.findings
            ],
            "completed_on": f.view(a5.completed_on, "partial"),
            "remaining": f.view(remaining, "km2"),
            "series": [f.view(point, "km2") for point in a5.series],
            "rate": fmt_number(a5.rate_km2_per_year, self.lang) if a5.rate_km2_per_year is not None else "",
            "projected": str(a5.projected_year) if a5.projected_year else "",
            "met_target": self._met_target(a5),
        }

    def subscriptions(self, iso3: str) -> ctx.Subscriptions:
        """A State's feed, and its calendar where it has one (a State Party): download and webcal."""
        calendar = state_calendar_path(iso3) if iso3 in self._calendar_states else ""
        return {
            "feed_url": state_feed_path(iso3),
            "calendar_url": calendar,
            "calendar_webcal": webcal_url(self.root_url, calendar) if calendar else "",
        }

    def state_page(self, iso3: str) -> ctx.StatePage:
        state: StateFile = self.catalog.states[iso3]
        t, f = self.t, self.facts
        record = self.catalog.record.get(iso3)
        reviewed = state.last_reviewed
        prog = self._progress_by_state.get(iso3)
        a5 = compute_article5(record, self.catalog.today, self.progress.target_year)
        page: ctx.StatePage = {
            **self.state_ref(iso3),
            "title": self.name(iso3),
            "as_of": self.date(self.catalog.today),
            "membership": self._membership(iso3),
            "last_reviewed": self.date(reviewed),
            "stale": is_review_stale(reviewed, self.catalog.today, self.stale_months),
            "stale_note": t("label.stale", months=self.stale_months),
            "edit_url": f"{self.edit_base}states/{iso3}.yml",
            **self.subscriptions(iso3),
            "article5": self.article5_facts(a5, record) if a5 is not None else None,
            "article4": f.view(prog.article4 if prog else record.article4, "word:article4"),
            "article4_deadline": f.view(record.article4_deadline, "date"),
            "survivors": f.view(record.survivors, "yesno"),
            "reports": [{"covers": r.value[0], "received": f.view(_received(r), "date")} for r in record.article7],
            "notes": [{"topic": t(f"topic.{n.value[0]}"), "note": f.view(_note(n))} for n in record.notes],
            "glossary": [],
            "has_unverified": False,
            "needs": [self.need_row(n) for n in self.catalog.needs_of(iso3)],
            "offers": [self.offer_row(o) for o in self.catalog.offers_of(iso3)],
            "challenges": [self.challenge_item(c.id) for c in self.catalog.challenges_of(iso3)],
            "dialogues": [self.dialogue_row(d) for d in self.catalog.dialogues_of(iso3)],
        }
        facts = [page["membership"], page["article5"], page["article4"], page["survivors"], page["reports"]]
        page["glossary"] = glossary([*sources_of(facts), *sources_of(page["notes"])], t, self.lang)
        page["has_unverified"] = _any_unverified([*facts, page["notes"]])
        return page

    def progress_row(self, row: StateProgress) -> ctx.ProgressRow:
        t, f = self.t, self.facts
        a5 = row.article5
        share = row.share_matched
        state = self.catalog.states.get(row.iso3)
        reviewed = state.last_reviewed if state is not None else None
        remaining = a5.series[-1] if a5 and a5.series else NOT_RECORDED
        finding = self.text(a5.findings[-1].text.value, RECORD_LANGUAGE, {}) if a5 and a5.findings else None
        out: ctx.ProgressRow = {
            **self.state_ref(row.iso3),
            "status": a5.status if a5 else "",
            "status_label": self._status_label(a5),
            "missing_note": self._missing_note(a5) if a5 else "",
            "finding": finding,
            "deadline": f.view(a5.deadline if a5 else NOT_RECORDED, "date"),
            "extensions": f.view(a5.extensions if a5 else NOT_RECORDED, "count"),
            "met_target": self._met_target(a5),
            "article4": f.view(row.article4, "word:article4"),
            "remaining": f.view(remaining, "km2"),
            "projected": str(a5.projected_year) if a5 and a5.projected_year else "",
            "article7": f.view(row.article7_latest, "year"),
            "share_matched": "" if share is None else f"{row.responded_needs} / {row.open_needs}",
            "last_reviewed": self.date(reviewed) or t("label.never_reviewed"),
            "review_stale": is_review_stale(reviewed, self.catalog.today, self.stale_months),
            "unverified": False,
        }
        out["unverified"] = _any_unverified([out["deadline"], out["extensions"], out["remaining"], out["article4"]])
        return out

    def timeline_row(self, row: StateProgress) -> ctx.TimelineRow | None:
        a5 = row.article5
        if a5 is None or not a5.deadline.known or a5.status == "completed":
            return None
        f = self.facts
        original, deadline, extensions = (
            f.view(a5.original_deadline, "date"),
            f.view(a5.deadline, "date"),
            f.view(a5.extensions, "count"),
        )
        return {
            "name": self.name(row.iso3),
            "url": state_url(row.iso3),
            "original_deadline": original["text"],
            "deadline": deadline["text"],
            "original_deadline_iso": original["iso"],
            "deadline_iso": deadline["iso"],
            "extensions": extensions["text"],
            "extension_deadlines_iso": [d.deadline.value.isoformat() for d in a5.decisions if d.deadline.known],
            "passed": a5.deadline.value < self.catalog.today,
            "unverified": deadline["unverified"],
        }

    def coverage(self) -> ctx.Coverage:
        rows: list[ctx.CoverageRow] = []
        for table, facts in self.catalog.record.coverage():
            dates = sorted(f.as_of for f in facts if f.as_of is not None)
            verified = sum(f.verified for f in facts)
            rows.append(
                {
                    "table": self.t(f"table.{table}"),
                    "file": f"record/{table}.csv",
                    "rows": len(facts),
                    "verified": verified,
                    "unverified": len(facts) - verified,
                    "oldest": self.facts.partial(dates[0]) if dates else "",
                    "newest": self.facts.partial(dates[-1]) if dates else "",
                }
            )
        return {
            "title": "coverage",
            "as_of": self.date(self.catalog.today),
            "rows": rows,
            "total": sum(r["rows"] for r in rows),
            "total_verified": sum(r["verified"] for r in rows),
        }

    def progress_page(self) -> ctx.ProgressData:
        counts = self.progress.counts()
        rows = [self.progress_row(r) for r in self.progress.rows]
        rows.sort(key=lambda r: sort_key(r["name"]))
        timeline = [tl for r in self.progress.rows if (tl := self.timeline_row(r)) is not None]
        timeline.sort(key=lambda r: sort_key(r["name"]))
        today = self.date(self.progress.as_of)
        return {
            "title": self.t("nav.progress"),
            "target_year": self.progress.target_year,
            "as_of": today,
            "intro": self.t("text.progress_intro", year=self.progress.target_year, date=today),
            "summary": [{"status": k, "label": self.t(f"progress.{k}"), "count": v} for k, v in counts.items()],
            "rows": rows,
            "timeline": timeline,
            "method_html": render_markdown(self.t("progress.method")),
            "stale_months": self.stale_months,
            "csv_url": csv_path("progress.csv", self.lang),
        }


def _received(report: Fact) -> Fact:
    covers, received = report.value
    if received is None:
        return Fact("not_recorded", source=report.source, as_of=report.as_of, verified=report.verified)
    return Fact("value", received, source=report.source, as_of=report.as_of, verified=report.verified)


def _note(note: Fact) -> Fact:
    return Fact("value", note.value[1], source=note.source, as_of=note.as_of, verified=note.verified)


def _any_unverified(views: Any) -> bool:
    stack = [views]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("unverified") is True:
                return True
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False
