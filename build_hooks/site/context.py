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

    value: Annotated[str, "the choice's value, as written in the page's address (?status=open)"]
    label: Annotated[str, "the choice, translated"]
    matches: Annotated[
        str, 'the row values it keeps, space-separated: "open partially_met" for an open need, else the value'
    ]


class SortOption(TypedDict):
    """One choice of a list's "Sort by" drop-down (the narrow screen's way to sort: headings are hidden there)."""

    value: Annotated[str, 'a column key, "-" before it for descending ("-amount"), as in ?sort=; "" as listed']
    label: Annotated[str, 'the choice, translated, e.g. "Amount, largest first"']


class Filter(TypedDict):
    """One drop-down of a table's filter form (`filters` macro)."""

    name: Annotated[str, "area, kind, status or state: the row data attribute it filters on"]
    label: Annotated[str, "the drop-down's label, translated"]
    options: Annotated[list[FilterOption], "the choices, in display order"]


class DialogueRow(TypedDict):
    """A dialogue report: a row of the dialogues list, and the facts above the report itself."""

    title: Annotated[Text, "the report's title: its translation into the page's language, else the original"]
    url: Annotated[str, "the report's URL, relative to the site root (every language's site has the page)"]
    state: Annotated[StateRef, "the State the dialogue was held with"]
    date: Annotated[str, "the date of the dialogue, formatted"]
    participants: Annotated[Text, "the participants, comma-separated, in the same language as the title"]


class DialoguePage(DialogueRow):
    """A dialogue report's page: the facts above it and its text."""

    body: Annotated[RichText, "the report's text (the translation, else the original marked); ids link to pages"]


class ChallengeRef(TypedDict):
    """A link to a challenge related to a need."""

    id: Annotated[str, "the challenge's id"]
    title: Annotated[Text, "the challenge's title"]
    url: Annotated[str, "the challenge's URL, relative to the site root"]
    illustrative: Annotated[bool, "true for an example shipped with the Platform (labelled)"]


class ChallengeCellItem(TypedDict):
    """A challenge in one cell of the challenges map."""

    id: Annotated[str, "the challenge's id"]
    anchor: Annotated[str, "the id of its article on the challenges page"]
    title: Annotated[Text, "the challenge's title"]
    illustrative: Annotated[bool, "true for an example shipped with the Platform (labelled)"]


class ChallengeMapCell(TypedDict):
    """One cell of the challenges map: a State's challenges in one category."""

    label: Annotated[str, "the category, translated (the cell's label on narrow screens)"]
    challenges: Annotated[list[ChallengeCellItem], "the challenges, or none"]


class ChallengeMapRow(StateRef):
    """One State's row of the challenges map."""

    cells: Annotated[list[ChallengeMapCell], "one cell per category (in `categories` order)"]


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
    consent: Annotated[Text, 'who consented, as the State wrote it, e.g. "Ministry of Defence"']
    consent_date: Annotated[str, "when, formatted"]
    related_needs: Annotated[list[NeedRow], "the needs it relates to"]
    illustrative: Annotated[bool, "true for example data shipped with the Platform"]


class StateRow(StateRef):
    """One row of the States index."""

    membership: Annotated[str, "membership on the as-of date, from the record's dates, translated"]
    open_needs: Annotated[int, "how many of its needs are open or partially met (examples not counted)"]
    offers: Annotated[int, "how many of its offers are available (examples not counted)"]
    article5: Annotated[str, 'Article 5 progress status, translated, or ""']


class FactView(TypedDict):
    """A fact of the official record (`fact` macro): a value, "none" or "not recorded", with its own source."""

    state: Annotated[str, "value, none (known to be none) or not_recorded (the record says nothing)"]
    text: Annotated[str, 'the value as read (e.g. "at least 3"), or the words for none / not recorded; never 0']
    iso: Annotated[str, 'the machine-readable value (YYYY-MM-DD, a number), or ""']
    source: Annotated[str, 'the source of this very figure, as the record gives it, or ""']
    as_of: Annotated[str, 'the date of the newest source stating it, formatted, or ""']
    unverified: Annotated[bool, "true when the record marks it verified: no (the badge sits on the figure)"]
    note: Annotated[str, "the record's note on this row, or \"\""]
    lang: Annotated[str, 'the language of the record\'s own words (source, note, quoted text) when not the page\'s, else ""']
    lang_note: Annotated[str, 'the visible marker for them, e.g. "in English" translated, or ""']
    text_lang: Annotated[str, 'the language of `text` when it is the record\'s own words (a note, a finding), else ""']


class Abbreviation(TypedDict):
    """An abbreviation used in the sources on the page, expanded once."""

    abbr: Annotated[str, "the abbreviation as written, e.g. 22MSP"]
    meaning: Annotated[str, "what it stands for, translated"]


class DecisionRow(TypedDict):
    """One recorded decision that extended an Article 5 deadline."""

    label: Annotated[str, 'e.g. "Extension, 4RC, 2019", translated']
    deadline: Annotated[FactView, "the new deadline it set, with its source"]


class FindingRow(TypedDict):
    """A formal finding recorded from a source, quoted in its own words."""

    when: Annotated[str, 'the meeting and date, e.g. "22MSP, Dec 2025"']
    finding: Annotated[FactView, "the finding, in the source's words"]


class NoteRow(TypedDict):
    """A note of the record about the State."""

    topic: Annotated[str, "what the note is about, translated"]
    note: Annotated[FactView, "the note, with its source"]


class MembershipFacts(TypedDict):
    """A State's membership of the Convention, from the record's dates."""

    status: Annotated[str, "party / withdrawal notified / withdrawn on the as-of date, translated"]
    entry_into_force: Annotated[FactView, "entry into force of the Convention for the State"]
    withdrawal_notified: Annotated[FactView, "when a withdrawal was notified"]
    withdrawal_effective: Annotated[FactView, "when a withdrawal took (or takes) effect"]


class Article5Facts(TypedDict):
    """A State's Article 5 (mine clearance) obligation, from the record."""

    obligation: Annotated[FactView, "outstanding / completed / unresolved, translated"]
    status: Annotated[str, "progress status code"]
    status_label: Annotated[str, "progress status, translated"]
    missing_note: Annotated[str, 'what the record lacks for a fuller status, or ""']
    original_deadline: Annotated[FactView, "the original deadline"]
    deadline: Annotated[FactView, "the current deadline: the latest one a recorded decision set"]
    extensions: Annotated[FactView, 'the number of recorded decisions ("at least N" when incomplete)']
    decisions: Annotated[list[DecisionRow], "every recorded decision, oldest first"]
    findings: Annotated[list[FindingRow], "formal findings, quoted"]
    completed_on: Annotated[FactView, "when clearance was completed"]
    remaining: Annotated[FactView, "the latest figure of the remaining area, with its own source"]
    series: Annotated[list[FactView], "every recorded figure of the remaining area, oldest first"]
    rate: Annotated[str, 'the clearance rate in km² a year, formatted, or ""']
    projected: Annotated[str, 'the projected completion year, or ""']
    met_target: Annotated[str, "whether the target year was met (Yes / No / not recorded), translated"]


class ReportRow(TypedDict):
    """An Article 7 transparency report recorded by the ISU."""

    covers: Annotated[int, "the calendar year the report covers"]
    received: Annotated[FactView, "when it was received, with its source"]


class ProgressRow(StateRef):
    """One State's progress (a row of the progress table)."""

    status: Annotated[str, 'Article 5 progress status code, or "" without an Article 5 obligation']
    status_label: Annotated[str, 'Article 5 progress status, translated, or ""']
    missing_note: Annotated[str, 'what the record lacks for a fuller status, or ""']
    finding: Annotated[Text | None, "the latest recorded finding, quoted in the record's language, or null"]
    deadline: Annotated[FactView, "the current Article 5 deadline"]
    extensions: Annotated[FactView, "the number of recorded extensions"]
    met_target: Annotated[str, "whether the target year was met (Yes / No / not recorded), translated"]
    article4: Annotated[FactView, "Article 4 (stockpile) status"]
    remaining: Annotated[FactView, "the latest figure of the remaining area"]
    projected: Annotated[str, 'the projected completion year, or ""']
    article7: Annotated[FactView, "the year the latest recorded Article 7 report covers"]
    share_matched: Annotated[str, 'open needs with a responding offer, e.g. "1 / 3", or "" (examples not counted)']
    last_reviewed: Annotated[str, 'when the State file was last reviewed, formatted, or "never" translated']
    review_stale: Annotated[bool, "true when that review is older than `stale_months`"]
    unverified: Annotated[bool, "true when a figure in the row is unverified"]


class SummaryRow(TypedDict):
    """How many States have one Article 5 progress status."""

    status: Annotated[str, "the status code"]
    label: Annotated[str, "the status, translated"]
    count: Annotated[int, "how many States have it"]


class TimelineRow(TypedDict):
    """One State in the deadlines chart and its table (only States with a recorded current deadline)."""

    name: Annotated[str, "the State's name"]
    url: Annotated[str, "the State page's URL, relative to the site root"]
    original_deadline: Annotated[str, "the original deadline, formatted, or the words for not recorded"]
    deadline: Annotated[str, "the current deadline, formatted"]
    original_deadline_iso: Annotated[str, 'the original deadline as YYYY-MM-DD, or ""']
    deadline_iso: Annotated[str, "the current deadline as YYYY-MM-DD"]
    extensions: Annotated[str, 'the number of recorded extensions as read ("at least 3", "none", "not recorded here")']
    extension_deadlines_iso: Annotated[list[str], "each recorded decision's new deadline as YYYY-MM-DD"]
    passed: Annotated[bool, "true when the current deadline lies before the as-of date"]
    unverified: Annotated[bool, "true when the current deadline is unverified (the badge sits on it)"]


class HomeCount(TypedDict):
    """A headline count on the home page (examples are never counted)."""

    label: Annotated[str, "what is counted, translated"]
    value: Annotated[int, "the count"]
    url: Annotated[str, "the page listing them, relative to the site root"]
    note: Annotated[str, 'e.g. "plus 3 examples", or ""']


class HomeChange(TypedDict):
    """A recently posted or updated need or offer."""

    date: Annotated[str, "the date of the change, formatted"]
    date_iso: Annotated[str, "the same date as YYYY-MM-DD (for <time datetime>)"]
    id: Annotated[str, "the entry's id"]
    title: Annotated[Text, "the entry's title"]
    url: Annotated[str, "the entry page's URL, relative to the site root"]


class Columns(TypedDict):
    """The column headings of the site's tables, in the page's language (the `columns` variable).

    Each table's `<th>` shows one, and each of its cells repeats it as `data-label`: on a narrow
    screen a row becomes a card whose every value is labelled with its column's heading.
    """

    title: Annotated[str, "a need's or offer's title"]
    state: Annotated[str, "the State"]
    area: Annotated[str, "the area of mine action"]
    kind: Annotated[str, "the kind of assistance"]
    status: Annotated[str, "a need's or offer's status"]
    eligible: Annotated[str, "the States an offer is open to"]
    amount: Annotated[str, "the amount"]
    reason: Annotated[str, "why a pairing is suggested"]
    code: Annotated[str, "the State's ISO code"]
    membership: Annotated[str, "membership of the Convention"]
    open_needs: Annotated[str, "the number of open needs"]
    offers: Annotated[str, "the number of available offers"]
    article5: Annotated[str, "the Article 5 progress status"]
    count: Annotated[str, "how many States have a status"]
    original_deadline: Annotated[str, "the original Article 5 deadline"]
    extensions: Annotated[str, "the number of recorded extensions"]
    deadline: Annotated[str, "the current deadline"]
    target: Annotated[str, "whether the target year was met"]
    article4: Annotated[str, "the Article 4 status"]
    remaining: Annotated[str, "the remaining contaminated area"]
    projected: Annotated[str, "the projected completion year"]
    article7: Annotated[str, "the latest Article 7 report"]
    share_matched: Annotated[str, "open needs with a responding offer"]
    last_reviewed: Annotated[str, "when the State file was last reviewed"]
    decision: Annotated[str, "a decision extending a deadline"]
    new_deadline: Annotated[str, "the deadline a decision set"]
    date: Annotated[str, "a dialogue's date"]
    participants: Annotated[str, "a dialogue's participants"]
    table: Annotated[str, "a table of the official record"]
    facts: Annotated[str, "how many facts a table holds"]
    verified: Annotated[str, "how many of them are verified"]
    unverified: Annotated[str, "how many of them are not verified yet"]
    sources_dated: Annotated[str, "the dates of their sources"]


# --- whole pages ------------------------------------------------------------------------


class HomePage(TypedDict):
    """The block placed in the home page."""

    title: Annotated[str, 'always "home" (not shown)']
    counts: Annotated[list[HomeCount], "headline counts"]
    as_of: Annotated[str, "the date the counts are as of, formatted"]
    progress: Annotated[list[SummaryRow], "how many States have each Article 5 status"]
    changes: Annotated[list[HomeChange], "the latest eight dated changes, newest first"]


class StatesIndex(TypedDict):
    """The States index page."""

    title: Annotated[str, "the page title"]
    rows: Annotated[list[StateRow], "every State, by name"]


class Subscriptions(TypedDict):
    """How to follow one State: its feed and its calendar."""

    feed_url: Annotated[str, "the State's Atom feed, relative to the English root (prefix `data_base`)"]
    calendar_url: Annotated[str, 'the State\'s iCalendar, relative to the English root, or "" (not a State Party)']
    calendar_webcal: Annotated[str, 'the same calendar as an absolute webcal:// address, or "" (no root_url)']


class StatePage(StateRef, Subscriptions):
    """One State's page."""

    title: Annotated[str, "the page title: the State's name"]
    as_of: Annotated[str, "the date the page is as of, formatted"]
    membership: Annotated[MembershipFacts, "membership of the Convention, from the record"]
    last_reviewed: Annotated[str, 'when the State file was last reviewed, formatted, or ""']
    stale: Annotated[bool, "true when that review is older than the configured months"]
    stale_note: Annotated[str, "the note shown when the review is stale"]
    edit_url: Annotated[str, "where to propose a change to the State file"]
    article5: Annotated[Article5Facts | None, "the Article 5 obligation, or None when the record holds none"]
    article4: Annotated[FactView, "Article 4 (stockpile destruction) status"]
    article4_deadline: Annotated[FactView, "the Article 4 deadline"]
    survivors: Annotated[FactView, "whether the State reported significant numbers of mine survivors"]
    reports: Annotated[list[ReportRow], "Article 7 reports recorded, newest first"]
    notes: Annotated[list[NoteRow], "the record's notes about the State"]
    glossary: Annotated[list[Abbreviation], "abbreviations used in the page's sources"]
    has_unverified: Annotated[bool, "true when a figure on the page is unverified (the legend is shown)"]
    needs: Annotated[list[NeedRow], "the State's needs"]
    offers: Annotated[list[OfferRow], "the State's offers"]
    challenges: Annotated[list[ChallengeItem], "the State's consented challenges"]
    dialogues: Annotated[list[DialogueRow], "dialogue reports with the State"]


class EntryIndex(TypedDict):
    """What the needs and offers indexes share."""

    title: Annotated[str, "the page title"]
    filters: Annotated[list[Filter], "the drop-downs of the filter form"]
    sorts: Annotated[list[SortOption], 'the choices of its "Sort by" drop-down, "as listed" first']
    csv_url: Annotated[str, "the whole list as CSV in the page's language, relative to the English root"]
    download_csv: Annotated[
        list[str],
        '"Download these rows": the CSV files its rows are taken from (the list, and the examples\' when '
        "the page shows some), relative to the English root",
    ]


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
    csv_url: Annotated[str, "the progress index as CSV in the page's language, relative to the English root"]


class ProgressPage(ProgressData):
    """The progress page."""

    chart_svg: Annotated[str, 'the deadlines chart as inline SVG (added by pages.py), or ""']
    chart_svg_narrow: Annotated[
        str, 'the same chart drawn for a narrow screen (names above their bars), as inline SVG, or ""'
    ]


class CoverageRow(TypedDict):
    """How much of one table of the official record is verified."""

    table: Annotated[str, "what the table holds, translated"]
    file: Annotated[str, "the table's file, e.g. record/article5_decisions.csv"]
    rows: Annotated[int, "how many facts (rows) it holds"]
    verified: Annotated[int, "how many of them a source seen by the ISU confirms"]
    unverified: Annotated[int, "how many are not confirmed yet"]
    oldest: Annotated[str, 'the oldest as-of date among them, formatted, or ""']
    newest: Annotated[str, 'the newest as-of date among them, formatted, or ""']


class Coverage(TypedDict):
    """The coverage block placed in the open-data page: what the record holds and how sure it is."""

    title: Annotated[str, 'always "coverage" (not shown)']
    as_of: Annotated[str, "the date of the build, formatted"]
    rows: Annotated[list[CoverageRow], "one row per table of the record"]
    total: Annotated[int, "all facts"]
    total_verified: Annotated[int, "all verified facts"]


class DialoguesIndex(TypedDict):
    """The dialogues list."""

    title: Annotated[str, "the page title"]
    rows: Annotated[list[DialogueRow], "every published dialogue report"]


class EditorChoice(TypedDict):
    """One choice of a form's drop-down (or a State of the editor's list)."""

    value: Annotated[str, "the word written in the file (an area, a status, an ISO3 or currency code)"]
    label: Annotated[str, "the choice as readers see it, in the page's language"]


class EditorChoiceGroup(TypedDict):
    """Choices of a drop-down shown under a heading (`<optgroup>`: the most used currencies, then the others)."""

    label: Annotated[str, "the group's heading, translated"]
    choices: Annotated[list[EditorChoice], "its choices, in the order shown"]


class EditorField(TypedDict):
    """One control of an editor form, with the model's constraints (`field` macro of editor.html)."""

    path: Annotated[str, "the key in the entry, dotted inside a block (amount.value, consent.by)"]
    id: Annotated[str, "the control's HTML id, unique on the page"]
    control: Annotated[str, "input, select, textarea, checkbox or eligible (any State, or a list of States)"]
    input_type: Annotated[str, 'the type of an input or checkbox (text, date, number, checkbox), else ""']
    value: Annotated[str, "how the script reads it: text, number, list (one per line or comma-separated), eligible, flag"]
    label: Annotated[str, "the label, translated"]
    hint: Annotated[str, "what to write, translated (shown under the label, aria-describedby)"]
    required: Annotated[bool, "the model requires it (marked, and the browser checks it)"]
    together: Annotated[bool, "required once another field of its block is filled (an amount's value and currency)"]
    required_if: Annotated[str, 'required when another control has a value, as "path=value" (consent.status=given), or ""']
    choices: Annotated[list[EditorChoice], "the choices of a drop-down, in the model's order (a box: ticked, then unticked)"]
    choice_groups: Annotated[list[EditorChoiceGroup], "a drop-down's choices in groups (currencies), else [] (see choices)"]
    default: Annotated[str, 'the value a new entry starts with, or ""']
    minlength: Annotated[int | None, "the model's shortest text, or None"]
    maxlength: Annotated[int | None, "the model's longest text, or None"]
    pattern: Annotated[str, 'the pattern the whole value must match (HTML pattern), or ""']
    min: Annotated[str, 'the lowest value (a date or number), or ""']
    max: Annotated[str, 'the highest value (a date or number), or ""']
    above: Annotated[str, 'a number the value must be greater than (the model\'s exclusive bound), or ""']
    step: Annotated[str, 'the step of a number (any for a decimal, 1 for a whole number), or ""']
    refuse: Annotated[str, 'characters the model refuses in the text, as space-separated hex code points, or ""']
    not_future: Annotated[bool, "a date the validator refuses in the future: the script sets its maximum to today"]
    item_pattern: Annotated[str, 'the pattern each item of a list must match, or ""']
    any_value: Annotated[str, 'for `eligible`: the word for "any State" (any), else ""']


class EditorGroup(TypedDict):
    """Fields shown together: the entry's own fields, or a block (amount, period, consent) in a fieldset."""

    name: Annotated[str, 'the block\'s key (amount, period, consent), or "" for the entry\'s own fields']
    id: Annotated[str, 'the fieldset\'s HTML id, or "" without a block']
    legend: Annotated[str, 'the block\'s legend, translated, or ""']
    hint: Annotated[str, 'what the block is for, translated, or ""']
    together: Annotated[bool, "its fields are given all together or not at all (an amount without a currency is refused)"]
    fields: Annotated[list[EditorField], "the fields, in the order of the file"]


class EditorForm(TypedDict):
    """The form for one list of a State file (needs, offers or challenges), derived from its model."""

    kind: Annotated[str, "the list's key in the file: needs, offers or challenges"]
    heading: Annotated[str, "the list's heading, translated"]
    add_label: Annotated[str, 'the "add" button, translated']
    new_heading: Annotated[str, "the form's heading for a new entry, with {id}"]
    change_heading: Annotated[str, "the form's heading for a change, with {id}"]
    close_heading: Annotated[str, 'the heading of the short step that closes an entry, with {id}, or "" without a status']
    save_label: Annotated[str, "the form's save button, translated"]
    empty: Annotated[str, "what the list says when it is empty, translated"]
    id_letter: Annotated[str, "the letter of the list's ids (N, O, C), from the model's id pattern"]
    posted_key: Annotated[str, 'the key set to today for a new entry (posted), or "" when the model has none']
    updated_key: Annotated[str, 'the key set to today for a changed entry (updated), or "" when the model has none']
    status_path: Annotated[str, 'the key of the entry\'s status, or "" (challenges: their consent)']
    closed: Annotated[list[str], "the statuses that close an entry (a need met or withdrawn, an offer closed)"]
    groups: Annotated[list[EditorGroup], "the form's fields, by block"]


class EditorMessage(TypedDict):
    """A sentence the editor's script shows or announces; `{name}` placeholders are filled in by it."""

    key: Annotated[str, "the script's name for it"]
    text: Annotated[str, "the sentence, translated"]


class EditorPage(TypedDict):
    """The form editor (`contribute/edit/`): pick a State, change its entries, take the new file."""

    title: Annotated[str, "the page title"]
    main_id: Annotated[str, 'the id of the page\'s heading, where its "Skip to content" link goes']
    data_url: Annotated[str, "the editor's data (every State file, consent-filtered), relative to the English root"]
    new_language: Annotated[str, 'the language code a new entry is marked with (fr, es), or "" in English (the default)']
    reviewed_key: Annotated[str, "the header key set to today when the State has checked the whole file (last_reviewed)"]
    states: Annotated[list[EditorChoice], "the States with a file, by name in the page's language"]
    forms: Annotated[list[EditorForm], "the needs, offers and challenges forms"]
    steps: Annotated[list[str], "the numbered steps in GitHub's web editor, as HTML; safe to output unescaped"]
    email: Annotated[str, 'the ISU\'s address for the e-mailed file, or "" when not configured']
    messages: Annotated[list[EditorMessage], "what the script says, translated"]


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
    | Coverage
    | EditorPage
)
TemplateModel = PageModel | DialogueRow | DialoguePage | Columns  # Columns: pinned by the golden tests beside the pages

# template file in overrides/pfp/ -> {variable: the type it holds}
TEMPLATES: dict[str, dict[str, object]] = {
    "home.html": {"vm": HomePage},
    "states_index.html": {"vm": StatesIndex, "columns": Columns},
    "state.html": {"vm": StatePage, "columns": Columns},
    "needs_index.html": {"vm": NeedsIndex, "columns": Columns},
    "need.html": {"vm": NeedPage, "columns": Columns},
    "offers_index.html": {"vm": OffersIndex, "columns": Columns},
    "offer.html": {"vm": OfferPage, "columns": Columns},
    "challenges.html": {"vm": ChallengeMap, "columns": Columns},
    "progress.html": {"vm": ProgressPage, "columns": Columns},
    "dialogues.html": {"vm": DialoguesIndex, "columns": Columns},
    "coverage.html": {"vm": Coverage, "columns": Columns},
    "editor.html": {"vm": EditorPage},
    "dialogue_header.html": {"vm": DialoguePage},
    "dialogue.html": {"vm": DialoguePage},
    "row.html": {"r": TableRow, "columns": Columns},
    "macros.html": {},  # macros only: see MACROS
}

# macro in macros.html -> {argument: the type it holds} (arguments that are not view models are left out)
MACROS: dict[str, dict[str, object]] = {
    "txt": {"x": Text},
    "fact": {"f": FactView},
    "fact_short": {"f": FactView},
    "rich": {"x": RichText},
    "entry_head": {"vm": NeedPage | OfferPage},
    "entry_table": {"rows": list[TableRow], "columns": Columns},
    "need_table": {"rows": list[NeedRow] | list[SuggestedNeedRow], "columns": Columns},
    "offer_table": {"rows": list[OfferRow] | list[SuggestedOfferRow], "columns": Columns},
    "filters": {"vm": NeedsIndex | OffersIndex},
    "field": {"f": EditorField},
    "control_attributes": {"f": EditorField},
    "mark": {"f": EditorField},
}
