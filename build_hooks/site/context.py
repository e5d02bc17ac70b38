"""The template context: what every template in `overrides/pfp/` receives, as TypedDicts.

Each key is `Annotated[type, "one-line description"]`; `TEMPLATES` and
`MACROS` say which template (or macro) receives which TypedDict.
`build_hooks.site.contextdoc` turns all of this into `overrides/pfp/CONTEXT.md`,
and `tests/site/test_context.py` checks that the view models have exactly
these keys and that the templates use no others. Adding a key to a view model
without declaring and describing it here fails those tests.
"""

from __future__ import annotations

from typing import Annotated, TypedDict

# --- nested pieces ----------------------------------------------------------------------


class Text(TypedDict):
    """A contributor's text in the page's language (`txt` macro)."""

    text: Annotated[str, "the text: the State's translation into the page's language, else the original"]
    lang: Annotated[str, 'language code of the original when no translation exists, else ""']
    note: Annotated[str, 'reader-facing "in <language>" note when `lang` is set, else ""']


class RichText(Text):
    """A contributor's Markdown text, sanitised to HTML (`rich` macro)."""

    html: Annotated[str, "`text` rendered from Markdown and sanitised; safe to output unescaped"]


class StateRef(TypedDict):
    """A link to a State's page."""

    code: Annotated[str, "ISO 3166-1 alpha-3 code"]
    name: Annotated[str, "the State's name in the page's language"]
    url: Annotated[str, "the State page's URL, relative to the site root (prefix `base`)"]


class EntryFields(TypedDict):
    """What every need or offer row and page shares."""

    id: Annotated[str, "the entry's permanent id, e.g. KHM-N-001"]
    url: Annotated[str, "the entry page's URL, relative to the site root"]
    title_text: Annotated[str, "the title's text alone (`title.text`)"]
    state: Annotated[StateRef, "the State that posted the entry"]
    area: Annotated[str, "area code (data-area filter value)"]
    area_label: Annotated[str, "the area, translated"]
    kind: Annotated[str, "kind-of-assistance code (data-kind filter value)"]
    kind_label: Annotated[str, "the kind of assistance, translated"]
    status: Annotated[str, "status code (data-status filter value)"]
    status_label: Annotated[str, "the status, translated"]
    amount: Annotated[str, 'the amount formatted with its currency, or ""']
    amount_value: Annotated[float | None, "the amount as a number (for sorting and filtering), or None"]
    currency: Annotated[str, 'ISO 4217 currency code, or ""']
    period: Annotated[str, 'the period, e.g. "27 Nov 2026 – 31 Dec 2027", or ""']
    illustrative: Annotated[bool, "true for example data shipped with the Platform"]


class EntryRow(EntryFields):
    """What a row of a needs or offers table shares."""

    title: Annotated[Text, "the title"]


class NeedRow(EntryRow):
    """One row of a needs table (`row.html`)."""


class OfferRow(EntryRow):
    """One row of an offers table (`row.html` with `eligible`)."""

    eligible: Annotated[str, 'the States the offer is open to, comma-separated, or "any" translated']


class SuggestedNeedRow(NeedRow):
    """A need row in a table of suggested matches (`row.html` with `reason`)."""

    reason: Annotated[str, "why the pairing is suggested, in the page's language"]


class SuggestedOfferRow(OfferRow):
    """An offer row in a table of suggested matches (`row.html` with `eligible` and `reason`)."""

    reason: Annotated[str, "why the pairing is suggested, in the page's language"]


class FilterOption(TypedDict):
    """One choice of a filter's drop-down."""

    value: Annotated[str, "the value matched against the row's data attribute"]
    label: Annotated[str, "the choice, translated"]


class Filter(TypedDict):
    """One drop-down of a table's filter form (`filters` macro)."""

    name: Annotated[str, "area, kind, status or state: the row data attribute it filters on"]
    label: Annotated[str, "the drop-down's label, translated"]
    options: Annotated[list[FilterOption], "the choices, in display order"]


class DialogueRow(TypedDict):
    """A dialogue report: a row of the dialogues list, and the facts above the report itself."""

    title: Annotated[Text, "the report's title"]
    url: Annotated[str, "the report's URL, relative to the site root"]
    state: Annotated[StateRef, "the State the dialogue was held with"]
    date: Annotated[str, "the date of the dialogue, formatted"]
    participants: Annotated[str, "the participants, comma-separated"]


class ChallengeRef(TypedDict):
    """A link to a challenge related to a need."""

    id: Annotated[str, "the challenge's id"]
    title: Annotated[Text, "the challenge's title"]
    url: Annotated[str, "the challenge's URL, relative to the site root"]


class ChallengeCellItem(TypedDict):
    """A challenge in one cell of the challenges map."""

    id: Annotated[str, "the challenge's id"]
    anchor: Annotated[str, "the id of its article on the challenges page"]
    title: Annotated[Text, "the challenge's title"]


class ChallengeMapRow(StateRef):
    """One State's row of the challenges map."""

    cells: Annotated[list[list[ChallengeCellItem]], "one cell per category (in `categories` order)"]


class Category(TypedDict):
    """A challenge category (a column of the challenges map)."""

    value: Annotated[str, "category code"]
    label: Annotated[str, "the category, translated"]


class ChallengeItem(TypedDict):
    """A consented challenge, in full."""

    id: Annotated[str, "the challenge's id"]
    anchor: Annotated[str, "the id of its article on the challenges page"]
    title: Annotated[Text, "the challenge's title"]
    state: Annotated[StateRef, "the State that shared it"]
    category_label: Annotated[str, "its category, translated"]
    summary: Annotated[RichText, "its summary"]
    consent: Annotated[str, 'who consented and when, e.g. "Ministry of Defence, 1 Oct 2026"']
    related_needs: Annotated[list[NeedRow], "the needs it relates to"]
    illustrative: Annotated[bool, "true for example data shipped with the Platform"]


class StateRow(StateRef):
    """One row of the States index."""

    membership: Annotated[str, "membership status, translated"]
    open_needs: Annotated[int, "how many of its needs are open or partially met"]
    offers: Annotated[int, "how many of its offers are available"]
    article5: Annotated[str, 'Article 5 progress status, translated, or ""']


class SourcedFacts(TypedDict):
    """What every fact from a State file shares: whether it is verified, and its source."""

    unverified: Annotated[bool, "true when not verified"]
    source: Annotated[str, 'the source given, or ""']


class MembershipFacts(SourcedFacts):
    """A State's membership of the Convention."""

    status: Annotated[str, "membership status, translated"]
    party_since: Annotated[str, 'the date it became a party, formatted, or ""']
    withdrawal_effective: Annotated[str, 'the date a withdrawal takes effect, formatted, or ""']


class Article4Facts(SourcedFacts):
    """A State's Article 4 (stockpile destruction) obligation."""

    status: Annotated[str, "obligation status, translated"]
    completed_on: Annotated[str, 'completion date, formatted, or ""']
    remaining: Annotated[str, 'stockpiled mines remaining, formatted, or ""']
    deadline: Annotated[str, 'the deadline, formatted, or ""']


class VictimAssistanceFacts(SourcedFacts):
    """A State's victim assistance obligation."""

    significant: Annotated[bool, "true when the State has significant numbers of survivors"]


class ReportRow(TypedDict):
    """An Article 7 transparency report."""

    covers: Annotated[int, "the calendar year the report covers"]
    submitted: Annotated[str, 'the date it was submitted, formatted, or ""']
    url: Annotated[str, 'a link to the report, or ""']
    illustrative: Annotated[bool, "true for an example row shipped with the Platform"]


class AreaPointRow(TypedDict):
    """One figure of the contaminated area over time."""

    as_of: Annotated[str, "the date of the figure, formatted"]
    km2: Annotated[str, "the remaining area in km², formatted"]
    unverified: Annotated[bool, "true when the figure is not verified"]


class Deadlines(TypedDict):
    """A State's Article 5 deadlines: what the progress table and the deadlines chart share."""

    original_deadline: Annotated[str, 'the original Article 5 deadline, formatted, or ""']
    deadline: Annotated[str, 'the current Article 5 deadline, formatted, or ""']
    original_deadline_iso: Annotated[str, 'the original deadline as YYYY-MM-DD, or ""']
    deadline_iso: Annotated[str, 'the current deadline as YYYY-MM-DD, or ""']
    extensions: Annotated[int | str, 'how many extensions were granted, or "" without Article 5']
    extension_deadlines_iso: Annotated[list[str], "each listed extension's new deadline as YYYY-MM-DD"]
    unverified: Annotated[bool, "true when any Article 5 figure is unverified"]


class ProgressRow(StateRef, Deadlines):
    """One State's progress (a row of the progress table; `progress` on its State page)."""

    has_article5: Annotated[bool, "true when the State has an Article 5 (clearance) obligation"]
    status: Annotated[str, 'Article 5 progress status code, or ""']
    status_label: Annotated[str, 'Article 5 progress status, translated, or ""']
    met_target: Annotated[str, 'whether the target year is met ("Yes"/"No" translated), or ""']
    remaining: Annotated[str, 'the latest remaining area in km², formatted, or ""']
    remaining_value: Annotated[float | str, 'the latest remaining area as a number (for sorting), or ""']
    remaining_as_of: Annotated[str, 'the date of the latest figure, formatted, or ""']
    series: Annotated[list[AreaPointRow], "every recorded figure, oldest first"]
    rate: Annotated[str, 'the clearance rate in km² a year, formatted, or ""']
    projected: Annotated[str, 'the projected completion year, or ""']
    article4: Annotated[str, 'Article 4 obligation status, translated, or ""']
    article7: Annotated[str, 'the year the latest Article 7 report covers, or "not recorded" translated']
    article7_missing: Annotated[bool, "true when last year's Article 7 report is missing"]
    last_reviewed: Annotated[str, 'when the State file was last reviewed, formatted, or "never" translated']
    review_stale: Annotated[bool, "true when that review is older than `stale_months`"]
    share_matched: Annotated[str, 'open needs with a responding offer, e.g. "1 / 3", or ""']


class SummaryRow(TypedDict):
    """How many States have one Article 5 progress status."""

    status: Annotated[str, "the status code"]
    label: Annotated[str, "the status, translated"]
    count: Annotated[int, "how many States have it"]


class TimelineRow(Deadlines):
    """One State in the deadlines chart and its table (only States with a current deadline)."""

    name: Annotated[str, "the State's name"]
    url: Annotated[str, "the State page's URL, relative to the site root"]


class HomeCount(TypedDict):
    """A headline count on the home page."""

    label: Annotated[str, "what is counted, translated"]
    value: Annotated[int, "the count"]
    url: Annotated[str, "the page listing them, relative to the site root"]


class HomeChange(TypedDict):
    """A recently posted or updated need or offer."""

    date: Annotated[str, "the date of the change, formatted"]
    date_iso: Annotated[str, "the same date as YYYY-MM-DD (for <time datetime>)"]
    id: Annotated[str, "the entry's id"]
    title: Annotated[Text, "the entry's title"]
    url: Annotated[str, "the entry page's URL, relative to the site root"]


# --- whole pages ------------------------------------------------------------------------


class HomePage(TypedDict):
    """The block placed in the home page."""

    title: Annotated[str, 'always "home" (not shown)']
    counts: Annotated[list[HomeCount], "headline counts"]
    progress: Annotated[list[SummaryRow], "how many States have each Article 5 status"]
    changes: Annotated[list[HomeChange], "the latest eight dated changes, newest first"]


class StatesIndex(TypedDict):
    """The States index page."""

    title: Annotated[str, "the page title"]
    rows: Annotated[list[StateRow], "every State, by name"]


class StatePage(StateRef):
    """One State's page."""

    title: Annotated[str, "the page title: the State's name"]
    membership: Annotated[MembershipFacts, "membership of the Convention"]
    last_reviewed: Annotated[str, 'when the State file was last reviewed, formatted, or ""']
    stale: Annotated[bool, "true when that review is older than the configured months"]
    stale_note: Annotated[str, "the note shown when the review is stale"]
    edit_url: Annotated[str, "where to propose a change to the State file"]
    progress: Annotated[ProgressRow | None, "the State's progress, or None"]
    article4: Annotated[Article4Facts | None, "Article 4 obligation, or None"]
    victim_assistance: Annotated[VictimAssistanceFacts | None, "victim assistance obligation, or None"]
    article5_source: Annotated[str, 'the source of the Article 5 figures, or ""']
    reports: Annotated[list[ReportRow], "Article 7 reports, newest first"]
    needs: Annotated[list[NeedRow], "the State's needs"]
    offers: Annotated[list[OfferRow], "the State's offers"]
    challenges: Annotated[list[ChallengeItem], "the State's consented challenges"]
    dialogues: Annotated[list[DialogueRow], "dialogue reports with the State"]
    article7_missing: Annotated[str, 'the note shown when last year\'s Article 7 report is missing, or ""']


class EntryIndex(TypedDict):
    """What the needs and offers indexes share."""

    title: Annotated[str, "the page title"]
    filters: Annotated[list[Filter], "the drop-downs of the filter form"]


class NeedsIndex(EntryIndex):
    """The needs index page."""

    rows: Annotated[list[NeedRow], "every need"]


class OffersIndex(EntryIndex):
    """The offers index page."""

    rows: Annotated[list[OfferRow], "every offer"]


class EntryPage(EntryFields):
    """What need and offer pages share (`entry_head` macro): the entry's row, with the title as text."""

    title: Annotated[str, "the page title: the title's text"]
    title_lang: Annotated[str, 'language of the title when untranslated, else ""']
    description: Annotated[RichText | None, "the description, or None"]
    posted: Annotated[str, 'when it was posted, formatted, or ""']
    updated: Annotated[str, 'when it was last updated, formatted, or ""']
    links: Annotated[list[str], "links given by the State"]


class NeedPage(EntryPage):
    """One need's page."""

    responding: Annotated[list[OfferRow], "offers that say they respond to this need"]
    suggested: Annotated[list[SuggestedOfferRow], "offers suggested by the matching rule"]
    related_challenges: Annotated[list[ChallengeRef], "consented challenges that relate to this need"]


class OfferPage(EntryPage):
    """One offer's page."""

    eligible: Annotated[str, 'the States the offer is open to, comma-separated, or "any" translated']
    responds_to: Annotated[list[NeedRow], "needs the offer says it responds to"]
    suggested: Annotated[list[SuggestedNeedRow], "needs suggested by the matching rule"]


class ChallengeMap(TypedDict):
    """The challenges page: a map of States by category, then every challenge."""

    title: Annotated[str, "the page title"]
    categories: Annotated[list[Category], "the map's columns"]
    rows: Annotated[list[ChallengeMapRow], "one row per State with challenges, by name"]
    entries: Annotated[list[ChallengeItem], "every consented challenge"]


class ProgressData(TypedDict):
    """The progress page's view model as `ViewBuilder.progress_page` builds it."""

    title: Annotated[str, "the page title"]
    target_year: Annotated[int, "the year the Convention aims to be complete by"]
    as_of: Annotated[str, "the date the figures are as of, formatted"]
    intro: Annotated[str, "the introductory paragraph"]
    summary: Annotated[list[SummaryRow], "how many States have each Article 5 status"]
    rows: Annotated[list[ProgressRow], "every State, by name"]
    timeline: Annotated[list[TimelineRow], "States with an Article 5 deadline, for the chart"]
    method_html: Annotated[str, "how the figures are worked out, as HTML; safe to output unescaped"]
    stale_months: Annotated[int, "after how many months a review is stale"]


class ProgressPage(ProgressData):
    """The progress page."""

    chart_svg: Annotated[str, 'the deadlines chart as inline SVG (added by pages.py), or ""']


class DialoguesIndex(TypedDict):
    """The dialogues list."""

    title: Annotated[str, "the page title"]
    rows: Annotated[list[DialogueRow], "every published dialogue report"]


TableRow = NeedRow | OfferRow | SuggestedNeedRow | SuggestedOfferRow
# the view model of a whole page (each has a str `title`), and of any template but row.html
PageModel = (
    HomePage
    | StatesIndex
    | StatePage
    | NeedsIndex
    | NeedPage
    | OffersIndex
    | OfferPage
    | ChallengeMap
    | ProgressPage
    | DialoguesIndex
)
TemplateModel = PageModel | DialogueRow

# template file in overrides/pfp/ -> {variable: the type it holds}
TEMPLATES: dict[str, dict[str, object]] = {
    "home.html": {"vm": HomePage},
    "states_index.html": {"vm": StatesIndex},
    "state.html": {"vm": StatePage},
    "needs_index.html": {"vm": NeedsIndex},
    "need.html": {"vm": NeedPage},
    "offers_index.html": {"vm": OffersIndex},
    "offer.html": {"vm": OfferPage},
    "challenges.html": {"vm": ChallengeMap},
    "progress.html": {"vm": ProgressPage},
    "dialogues.html": {"vm": DialoguesIndex},
    "dialogue_header.html": {"vm": DialogueRow},
    "row.html": {"r": TableRow},
    "macros.html": {},  # macros only: see MACROS
}

# macro in macros.html -> {argument: the type it holds} (arguments that are not view models are left out)
MACROS: dict[str, dict[str, object]] = {
    "txt": {"x": Text},
    "rich": {"x": RichText},
    "entry_head": {"vm": NeedPage | OfferPage},
    "entry_table": {"rows": list[TableRow]},
    "need_table": {"rows": list[NeedRow] | list[SuggestedNeedRow]},
    "offer_table": {"rows": list[OfferRow] | list[SuggestedOfferRow]},
    "filters": {"vm": NeedsIndex | OffersIndex},
}
