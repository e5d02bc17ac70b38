"""Catalogue -> view models: plain, JSON-serialisable dicts that templates only lay out.

Their shapes are the TypedDicts of ``build_hooks.site.context`` (documented in
``overrides/pfp/CONTEXT.md``).

Every decision (what is open, what matches, what is unverified, how a date or
an amount reads) is made here; templates in ``overrides/pfp/`` contain no
business logic. The golden tests pin these dicts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from build_hooks.i18n import (
    DEFAULT_LANGUAGE,
    fmt_date_medium,
    fmt_number,
    language_name,
    sort_key,
    state_name_in,
    translator,
)
from build_hooks.engine.progress import article7_status
from build_hooks.site.sanitise import render_markdown
from build_hooks.urls import item_url, state_url
from build_hooks.engine.staleness import is_review_stale

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
        self.edit_base = settings.repository_edit_url
        self.stale_months = settings.stale_months
        # Pages that exist only once (dialogue reports, downloads) live at the English root.
        self.en_root = "" if lang == DEFAULT_LANGUAGE else "../"
        self._progress_by_state = {row.iso3: row for row in progress.rows}
        # entry id -> table row; rows are read-only once built (need and offer ids never collide)
        self._need_rows: dict[str, ctx.NeedRow] = {}
        self._offer_rows: dict[str, ctx.OfferRow] = {}

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
            "illustrative": entry.illustrative,
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
        m = dialogue.meta
        return {
            "title": self.text(m.title, m.language, {}),
            "url": self.en_root + dialogue.src_uri.removesuffix(".md") + "/",
            "state": self.state_ref(m.state),
            "date": self.date(m.date),
            "participants": ", ".join(m.participants),
        }

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
        return [
            {"name": "area", "label": t("col.area"), "options": [{"value": a, "label": t(f"area.{a}")} for a in areas]},
            {"name": "kind", "label": t("col.kind"), "options": [{"value": k, "label": t(f"kind.{k}")} for k in kinds]},
            {
                "name": "status",
                "label": t("col.status"),
                "options": [{"value": s, "label": t(f"{status_prefix}.{s}")} for s in statuses],
            },
            {
                "name": "state",
                "label": t("col.state"),
                "options": [{"value": c, "label": self.name(c)} for c in states],
            },
        ]

    # --- pages ----------------------------------------------------------------------
    def needs_index(self) -> ctx.NeedsIndex:
        rows = [self.need_row(n) for n in self.catalog.needs.values()]
        return {
            "title": self.t("nav.needs"),
            "rows": rows,
            "filters": self.filters(rows, ["open", "partially_met", "met", "withdrawn"], "need_status"),
        }

    def offers_index(self) -> ctx.OffersIndex:
        rows = [self.offer_row(o) for o in self.catalog.offers.values()]
        return {
            "title": self.t("nav.offers"),
            "rows": rows,
            "filters": self.filters(rows, ["available", "committed", "closed"], "offer_status"),
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
                {"id": c.id, "title": self.challenge_text(c, "title"), "url": item_url(c.id)}
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
        for iso3, state in self.catalog.states.items():
            prog = self._progress_by_state.get(iso3)
            a5 = prog.article5 if prog else None
            rows.append(
                {
                    **self.state_ref(iso3),
                    "membership": self.t(f"membership.{state.membership.status}"),
                    "open_needs": sum(n.status in {"open", "partially_met"} for n in self.catalog.needs_of(iso3)),
                    "offers": sum(o.status == "available" for o in self.catalog.offers_of(iso3)),
                    "article5": self.t(f"progress.{a5.status}") if a5 else "",
                }
            )
        rows.sort(key=lambda r: sort_key(r["name"]))
        return {"title": self.t("nav.states"), "rows": rows}

    def challenge_text(self, c: PublishableChallenge, field: str) -> ctx.Text:
        translations = {lang: values.get(field) for lang, values in c.translations.items()}
        return self.text(getattr(c, field), c.language, translations)

    def challenge_map(self) -> ctx.ChallengeMap:
        categories = ["financial", "technical", "political", "capacity", "other"]
        by_state: dict[str, dict[str, list[ctx.ChallengeCellItem]]] = {}
        for c in self.catalog.challenges.values():
            by_state.setdefault(c.state, {k: [] for k in categories})[c.category].append(
                {"id": c.id, "anchor": c.id.lower(), "title": self.challenge_text(c, "title")}
            )
        rows: list[ctx.ChallengeMapRow] = [
            {**self.state_ref(iso3), "cells": [by_state[iso3][k] for k in categories]}
            for iso3 in sorted(by_state, key=lambda code: sort_key(self.name(code)))
        ]
        items = [self.challenge_item(c.id) for c in self.catalog.challenges.values()]
        return {
            "title": self.t("nav.challenges"),
            "categories": [{"value": k, "label": self.t(f"category.{k}")} for k in categories],
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
            "consent": f"{c.consent_by}, {self.date(c.consent_date)}",
            "related_needs": [self.need_row(self.catalog.needs[n]) for n in c.related_needs if n in self.catalog.needs],
            "illustrative": c.illustrative,
        }

    def state_page(self, iso3: str) -> ctx.StatePage:
        state: StateFile = self.catalog.states[iso3]
        t = self.t
        m = state.membership
        reviewed = state.last_reviewed
        stale = is_review_stale(reviewed, self.catalog.today, self.stale_months)
        prog = self._progress_by_state.get(iso3)
        ob = state.obligations
        reports = sorted(state.reporting.article7 if state.reporting else [], key=lambda r: r.covers, reverse=True)
        return {
            **self.state_ref(iso3),
            "title": self.name(iso3),
            "membership": {
                "status": t(f"membership.{m.status}"),
                "party_since": self.date(m.party_since),
                "withdrawal_effective": self.date(m.withdrawal_effective),
                "unverified": not m.verified,
                "source": m.source or "",
            },
            "last_reviewed": self.date(reviewed),
            "stale": stale,
            "stale_note": t("label.stale", months=self.stale_months),
            "edit_url": f"{self.edit_base}states/{iso3}.yml",
            "progress": self.progress_row(prog) if prog else None,
            "article4": (
                {
                    "status": t(f"obligation.{ob.article4.status}"),
                    "completed_on": self.date(ob.article4.completed_on),
                    "remaining": fmt_number(ob.article4.stockpile_remaining, self.lang)
                    if ob.article4.stockpile_remaining is not None
                    else "",
                    "deadline": self.date(ob.article4.deadline),
                    "unverified": not ob.article4.verified,
                    "source": ob.article4.source or "",
                }
                if ob and ob.article4
                else None
            ),
            "victim_assistance": (
                {
                    "significant": ob.victim_assistance.significant_survivors,
                    "unverified": not ob.victim_assistance.verified,
                    "source": ob.victim_assistance.source or "",
                }
                if ob and ob.victim_assistance
                else None
            ),
            "article5_source": ob.article5.source if ob and ob.article5 and ob.article5.source else "",
            "reports": [
                {
                    "covers": r.covers,
                    "submitted": self.date(r.submitted),
                    "url": r.url or "",
                    "illustrative": r.illustrative,
                }
                for r in reports
            ],
            "needs": [self.need_row(n) for n in self.catalog.needs_of(iso3)],
            "offers": [self.offer_row(o) for o in self.catalog.offers_of(iso3)],
            "challenges": [self.challenge_item(c.id) for c in self.catalog.challenges_of(iso3)],
            "dialogues": [self.dialogue_row(d) for d in self.catalog.dialogues_of(iso3)],
            "article7_missing": (
                t("text.article7_missing", year=self.catalog.today.year - 1)
                if article7_status(state, self.catalog.today)[1]
                else ""
            ),
        }

    def progress_row(self, row: StateProgress) -> ctx.ProgressRow:
        t = self.t
        a5 = row.article5
        share = row.share_matched
        state = self.catalog.states[row.iso3]
        last = a5.series[-1] if a5 and a5.series else None
        return {
            **self.state_ref(row.iso3),
            "has_article5": a5 is not None,
            "status": a5.status if a5 else "",
            "status_label": t(f"progress.{a5.status}") if a5 else "",
            "original_deadline": self.date(a5.original_deadline) if a5 else "",
            "deadline": self.date(a5.deadline) if a5 else "",
            "original_deadline_iso": fmt_date(a5.original_deadline) if a5 else "",
            "deadline_iso": fmt_date(a5.deadline) if a5 else "",
            "extensions": a5.extensions if a5 else "",
            "extension_deadlines_iso": [fmt_date(d) for d in a5.extension_deadlines] if a5 else [],
            "met_target": (t("label.yes") if a5.met_target else t("label.no")) if a5 else "",
            "remaining": fmt_number(last.remaining_km2, self.lang) if last else "",
            "remaining_value": last.remaining_km2 if last else "",
            "remaining_as_of": self.date(last.as_of) if last else "",
            "series": [
                {
                    "as_of": self.date(p.as_of),
                    "km2": fmt_number(p.remaining_km2, self.lang),
                    "unverified": not p.verified,
                }
                for p in (a5.series if a5 else ())
            ],
            "rate": fmt_number(a5.rate_km2_per_year, self.lang) if a5 and a5.rate_km2_per_year is not None else "",
            "projected": str(a5.projected_year) if a5 and a5.projected_year else "",
            "unverified": bool(a5 and a5.unverified),
            "article4": t(f"obligation.{row.article4_status}") if row.article4_status else "",
            "article7": str(row.article7_latest) if row.article7_latest else t("label.not_recorded"),
            "article7_missing": row.article7_missing,
            "last_reviewed": self.date(state.last_reviewed) or t("label.never_reviewed"),
            "review_stale": is_review_stale(state.last_reviewed, self.catalog.today, self.stale_months),
            "share_matched": "" if share is None else f"{row.responded_needs} / {row.open_needs}",
        }

    def progress_page(self) -> ctx.ProgressData:
        counts = self.progress.counts()
        rows = [self.progress_row(r) for r in self.progress.rows]
        rows.sort(key=lambda r: sort_key(r["name"]))
        timeline = [r for r in rows if r["has_article5"] and r["deadline"]]
        return {
            "title": self.t("nav.progress"),
            "target_year": self.progress.target_year,
            "as_of": self.date(self.progress.as_of),
            "intro": self.t("text.progress_intro", year=self.progress.target_year, date=self.date(self.progress.as_of)),
            "summary": [{"status": k, "label": self.t(f"progress.{k}"), "count": v} for k, v in counts.items()],
            "rows": rows,
            "timeline": [
                {
                    "name": r["name"],
                    "url": r["url"],
                    "original_deadline": r["original_deadline"],
                    "deadline": r["deadline"],
                    "original_deadline_iso": r["original_deadline_iso"],
                    "deadline_iso": r["deadline_iso"],
                    "extensions": r["extensions"],
                    "extension_deadlines_iso": r["extension_deadlines_iso"],
                    "unverified": r["unverified"],
                }
                for r in timeline
            ],
            "method_html": render_markdown(self.t("progress.method")),
            "stale_months": self.stale_months,
        }
