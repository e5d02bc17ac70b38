"""The rule registry: every rule id, what it means, how to fix it, with examples.

The rule catalogue page (``content/contribute/rules.md``) is generated from
this list by :mod:`build_hooks.engine.schema_checks`; ``tests/engine/rules/<rule-id>/`` holds the
good/bad fixtures for each. A test fails when any of the three drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_hooks.diagnostics import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    meaning: str
    fix: str
    bad: str
    good: str


_R = Rule

RULES: tuple[Rule, ...] = (
    # --- the file as YAML -------------------------------------------------
    _R(
        "yaml-syntax",
        "error",
        "The file is not valid YAML (or holds more than one document).",
        "Check indentation (spaces, not tabs) and put a space after every colon. Quote text that contains ': '.",
        "title: Land release: phase 2",
        'title: "Land release: phase 2"',
    ),
    _R(
        "yaml-encoding",
        "error",
        "The file is not UTF-8 text, or contains a NUL character.",
        "Save the file as UTF-8 in your editor.",
        "title: Caf\\xe9 (saved as Latin-1)",
        "title: Café (saved as UTF-8)",
    ),
    _R(
        "yaml-too-large",
        "error",
        "The file is larger than 256 KiB or holds more than 50,000 values; it is refused before it is read.",
        "Shorten long texts; a State file is a summary, reports belong behind a link.",
        "(a 10 MB file)",
        "(a file of a few KiB)",
    ),
    _R(
        "yaml-too-deep",
        "error",
        "Values are nested more than 16 levels deep.",
        "Check the indentation and brackets; a State file needs about 6 levels.",
        "a: [[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]",
        "a: [1]",
    ),
    _R(
        "yaml-tag",
        "error",
        "A YAML tag (a word starting with !) asks for a special object. State files are data, never code.",
        "Remove the tag.",
        'title: !!python/object/apply:os.system ["ls"]',
        "title: Land release",
    ),
    _R(
        "yaml-alias",
        "error",
        "An anchor (&name) or alias (*name) reuses part of the file. They are refused because they can make a tiny file explode in size.",
        "Write the value out in full each time.",
        "period: &p {start: 2026-01-01}\n...\nperiod: *p",
        "period: {start: 2026-01-01}",
    ),
    _R(
        "yaml-duplicate-key",
        "error",
        "The same key appears twice in one mapping; YAML would silently keep only the last one.",
        "Keep one of the two lines (both line numbers are in the message).",
        "status: open\nstatus: met",
        "status: met",
    ),
    # --- the shape of the data -------------------------------------------
    _R(
        "schema-required",
        "error",
        "A field the contract requires is missing.",
        "Add the field named in the message (see the template from `pfp new`).",
        "needs:\n  - id: KHM-N-001\n    title: Survey",
        "needs:\n  - id: KHM-N-001\n    title: Survey\n    area: clearance\n    kind: expertise\n    status: open",
    ),
    _R(
        "schema-type",
        "error",
        "A value has the wrong type: text where a number, true/false, a list or a mapping is expected.",
        "Write numbers without quotes or separators, true/false for yes/no fields, and lists as lines starting with '- '.",
        "amount: {value: '2,500,000', currency: USD}",
        "amount: {value: 2500000, currency: USD}",
    ),
    _R(
        "schema-enum",
        "error",
        "A value is not one of the words the field allows. The message suggests the word meant, also when the site's French or Spanish label was typed (`Ouvert`, `Déminage`, `Abierta`): the file always takes the English word, the site shows it in each language.",
        "Use one of the words listed in the message (they are lower case, with underscores).",
        "status: Open",
        "status: open",
    ),
    _R(
        "schema-format",
        "error",
        "A value does not have the expected form (State code, e-mail address, GitHub name, one-line title).",
        "Follow the form given in the message.",
        "state: Cambodia",
        "state: KHM",
    ),
    _R(
        "schema-date",
        "error",
        "A date is not written as YYYY-MM-DD, is not a calendar date, or its year is not between 1997 and 2100.",
        "Write dates as year-month-day with leading zeros, with a year from 1997 to 2100.",
        "posted: 1/3/2026",
        "posted: 2026-03-01",
    ),
    _R(
        "schema-range",
        "error",
        "A number or text is outside the allowed range (e.g. a negative area, an empty or over-long title).",
        "Use a value within the range given in the message.",
        "remaining_km2: -3",
        "remaining_km2: 3.5",
    ),
    _R(
        "schema-version",
        "error",
        "The file declares a schema_version other than 2. Version 1 files kept membership, obligations and reports, which now live in the official record (record/*.csv).",
        "Run `pfp migrate states/<ISO3>.yml` for a version 1 file; otherwise write `schema_version: 2`.",
        "schema_version: 1",
        "schema_version: 2",
    ),
    _R(
        "schema-unknown-field",
        "error",
        "A field the Platform does not know, often a typo: it would otherwise be lost without a word, so it is an error. The JSON Schema refuses it too, so an editor flags it as you type.",
        "Check the spelling against the suggestion in the hint, or remove the field.",
        "staus: open",
        "status: open",
    ),
    # --- the State ----------------------------------------------------------
    _R(
        "state-file-name",
        "error",
        "The file is not named exactly `states/<ISO3>.yml` (three capital letters, `.yml` in lower case: not `.yaml`, `khm.yml`, `KHM.YML` or `KHM.yml.txt`), or the `state` code differs from the file name.",
        "Rename the file to the name in the message, and make the file name and the `state` value the same upper-case code.",
        "# states/KHM.yml\nstate: KHL",
        "# states/KHM.yml\nstate: KHM",
    ),
    _R(
        "state-file-duplicate",
        "error",
        "Two files claim one State (for example `states/KHM.yml` and `states/KHM.yaml`, or another file whose `state` is KHM). A State has one file; neither is used until one is left.",
        "Move what the other file holds into `states/<ISO3>.yml` and delete the other file.",
        "states/KHM.yml\nstates/KHM.yaml",
        "states/KHM.yml",
    ),
    _R(
        "state-unknown",
        "error",
        "The code is not an ISO 3166-1 alpha-3 code of a State Party to the Convention.",
        "Use the State's ISO 3166-1 alpha-3 code; the list of States Parties is on the States page.",
        "state: XKX",
        "state: KHM",
    ),
    # --- the files the build reads (states/, examples/, content/, record/) ---
    _R(
        "file-symlink",
        "error",
        "A file or folder is a symbolic link. The build never follows a link: it could point anywhere on the build machine (a secret, a device such as /dev/zero).",
        "Commit the file itself in its place, not a link to it.",
        "content/notes.md -> /etc/passwd",
        "content/notes.md (a plain file)",
    ),
    _R(
        "file-type",
        "error",
        "A file the site does not expect: in states/ and examples/ only State files (.yml), in content/ only Markdown pages (.md) and images (.png, .jpg, .jpeg, .gif, .webp), in lower case; never a device, pipe or socket. An .html, .js or .svg file would be published with its scripts and without the page policy.",
        "Write the page in Markdown, save images as PNG or JPEG, and keep each kind of file in its folder.",
        "content/page.html",
        "content/page.md",
    ),
    # --- dialogue reports (content/dialogues/) --------------------------------
    _R(
        "dialogue-unknown-key",
        "error",
        "A dialogue report's front matter has a key the report model does not define (title, state, date, participants, status, language). Other keys would change the page (template, hide, description...), so they are refused.",
        "Remove the key; write anything else in the report's text.",
        "---\ntitle: Meeting\ntemplate: redirect.html\n---",
        "---\ntitle: Meeting\n---",
    ),
    _R(
        "dialogue-place",
        "error",
        "A dialogue report (a page whose front matter has state, participants or status) outside content/dialogues/ (in a language folder, a folder spelled otherwise, anywhere else), or a file named index.md there (the index is generated). Reports are read, checked and published (final ones only) from content/dialogues/ alone.",
        "Move the report to content/dialogues/<name>.md; reports are pages of the English site only.",
        "content/fr/dialogues/khm-2026.md",
        "content/dialogues/khm-2026.md",
    ),
    # --- the official record (record/*.csv) ---------------------------------
    _R(
        "record-file",
        "error",
        "A table of the official record is missing, is a link, is not UTF-8 text or is too large, or the record folder holds a file that is not one of its tables.",
        "Restore the table from the repository, or save it as CSV UTF-8 (in a spreadsheet: File > Save as > CSV UTF-8).",
        "record/membership.csv saved as Excel .xlsx",
        "record/membership.csv saved as CSV UTF-8",
    ),
    _R(
        "record-columns",
        "error",
        "The first line of a table does not name its columns: a column is missing or misspelt.",
        "Keep the first line as it is in the repository; the columns of each table are listed in record/README.md.",
        "iso3,evnt,date,source,as_of,verified,note",
        "iso3,event,date,source,as_of,verified,note",
    ),
    _R(
        "record-value",
        "error",
        "A cell does not hold what its column expects (a date as YYYY-MM-DD, yes or no, a number, one of the listed words), or a row has the wrong number of cells.",
        "Write the cell as the message says; put a cell that contains a comma in double quotes.",
        "KHM,entry_into_force,1 Jan 2000,UN Treaty Collection,2024,yes,",
        "KHM,entry_into_force,2000-01-01,UN Treaty Collection,2024,yes,",
    ),
    _R(
        "record-required",
        "error",
        "A cell that every row needs is empty: each fact needs its State, its value, its `source` and whether it is `verified`.",
        "Fill the cell: a fact without a source cannot be published.",
        "KHM,entry_into_force,2000-01-01,,2024,yes,",
        "KHM,entry_into_force,2000-01-01,UN Treaty Collection XXVI-5,2024,yes,",
    ),
    _R(
        "record-unknown-state",
        "error",
        "A row names a State that has no entry into force in record/membership.csv.",
        "Add the State's entry into force to membership.csv first, or correct the code.",
        "XKX,outstanding,,no,,Some source,2025,no,",
        "KHM,outstanding,,yes,,Mine Action Review 2025,2025,yes,",
    ),
    _R(
        "record-duplicate",
        "error",
        "The same fact appears twice (for example two article 5 rows for one State, or two decisions with the same number).",
        "Keep one row per fact; number a State's decisions 1, 2, 3 ...",
        "KHM,1,extension,9MSP,2008,...\nKHM,1,extension,4RC,2019,...",
        "KHM,1,extension,9MSP,2008,...\nKHM,2,extension,4RC,2019,...",
    ),
    _R(
        "record-dates",
        "error",
        "Membership dates contradict each other: a withdrawal notified before entry into force, or taking effect before it was notified.",
        "Check the dates against the depositary notification (UN Treaty Collection, chapter XXVI-5).",
        "EST,withdrawal_effective,2025-06-27,...\nEST,withdrawal_notified,2025-12-27,...",
        "EST,withdrawal_notified,2025-06-27,...\nEST,withdrawal_effective,2025-12-27,...",
    ),
    _R(
        "example-id-taken",
        "warning",
        "An illustrative entry in examples/ uses an id that a State's own file now uses; the examples of that State are left out of the demo site.",
        "Give the example entries ids that no State uses (e.g. 9xx numbers), or remove them.",
        "examples/KHM.yml: id: KHM-N-001 (and states/KHM.yml: id: KHM-N-001)",
        "examples/KHM.yml: id: KHM-N-901",
    ),
    _R(
        "settings-invalid",
        "error",
        "A value under `extra.pfp` in mkdocs.yml is not a setting, or not of the setting's kind.",
        "Use the settings listed in the message; each is described in build_hooks/settings.py.",
        "extra:\n  pfp:\n    stale_months: twelve",
        "extra:\n  pfp:\n    stale_months: 12",
    ),
    # --- identifiers and references --------------------------------------
    _R(
        "id-format",
        "error",
        "An id does not look like `<ISO3>-N-001` (needs), `<ISO3>-O-001` (offers) or `<ISO3>-C-001` (challenges).",
        "Use the State code, the letter for the list (N, O or C) and at least three digits.",
        "id: KHM-1",
        "id: KHM-N-001",
    ),
    _R(
        "id-state",
        "error",
        "An id carries another State's code; ids start with the code of the file they are in.",
        "Start the id with this file's State code.",
        "# states/KHM.yml\n  - id: NOR-N-001",
        "# states/KHM.yml\n  - id: KHM-N-001",
    ),
    _R(
        "id-duplicate",
        "error",
        "Two entries share one id. Ids are permanent and never reused, across all States.",
        "Give the newer entry the next unused number.",
        "  - id: KHM-N-001\n  - id: KHM-N-001",
        "  - id: KHM-N-001\n  - id: KHM-N-002",
    ),
    _R(
        "ref-unknown-need",
        "error",
        "`responds_to` or `related_needs` names a need that no State file defines.",
        "Check the id in the other State's file, or remove the reference.",
        "responds_to: [KHM-N-999]",
        "responds_to: [KHM-N-001]",
    ),
    _R(
        "ref-unknown-state",
        "error",
        "`eligible` names a code that is not a State Party.",
        "Use ISO3 codes of States Parties, or `eligible: any`.",
        "eligible: [KHM, XYZ]",
        "eligible: [KHM, AGO]",
    ),
    # --- dates ----------------------------------------------------------------
    _R(
        "date-order",
        "error",
        "Dates are in the wrong order: a period ends before it starts, an extension does not move the deadline later, or the current deadline is before the original one.",
        "Check the years and the order of start and end.",
        "period: {start: 2027-01-01, end: 2026-01-01}",
        "period: {start: 2026-01-01, end: 2027-12-31}",
    ),
    _R(
        "date-future",
        "error",
        "A date that records something already done (posted, reviewed, submitted, a figure's as_of) lies in the future.",
        "Use the date it actually happened.",
        "last_reviewed: 2099-01-01",
        "last_reviewed: 2026-04-28",
    ),
    _R(
        "text-invisible-char",
        "error",
        "A title or other one-line text holds an invisible or direction-changing character (U+200B-U+200F, U+202A-U+202E, U+2060, U+2066-U+2069, U+061C, U+FEFF). They can make a text read differently from what it says, or two titles look the same.",
        "Retype the text without the character named in the message (it often comes with text pasted from a word processor or a web page).",
        'title: "Land\\u202erelease"',
        "title: Land release",
    ),
    # --- amounts and links --------------------------------------------------
    _R(
        "amount-positive",
        "error",
        "An amount is zero or negative.",
        "Give a positive number, or remove `amount` when the sum is not known.",
        "amount: {value: 0, currency: USD}",
        "amount: {value: 250000, currency: USD}",
    ),
    _R(
        "amount-currency",
        "error",
        "The currency is not an ISO 4217 code.",
        "Use a three-letter ISO 4217 code such as USD, EUR, NOK.",
        "amount: {value: 5000, currency: US$}",
        "amount: {value: 5000, currency: USD}",
    ),
    _R(
        "amount-decimal-point",
        "warning",
        "An amount is written with a point and three digits after it (`2.500`). A point is always the decimal point in a State file, so this is two and a half, not two thousand five hundred.",
        "Write the amount in full digits without separators (`2500`); if you did mean a fraction, write it with fewer decimals (`2.5`).",
        "amount: {value: 2.500, currency: USD}",
        "amount: {value: 2500, currency: USD}",
    ),
    _R(
        "text-cut-by-comment",
        "warning",
        "A title, description or summary written without quotes holds a space followed by `#`. In a State file that starts a comment, so the text stops there and the rest of the line is not published.",
        "Put the whole text in double quotes.",
        "title: Survey team #2 for the north",
        'title: "Survey team #2 for the north"',
    ),
    _R(
        "text-curly-quotes",
        "warning",
        "A title, description or summary is wrapped in typographic quotes (“…”, ‘…’, «…»), as a word processor writes them. A State file does not read them as quotes: they would be published as part of the text.",
        'Remove them, or use straight double quotes (") around the text.',
        "title: “Survey teams for the north”",
        'title: "Survey teams for the north"',
    ),
    _R(
        "link-scheme",
        "error",
        "A link is not a plain `https://` or `mailto:` link. Other schemes (http, javascript:, data:) are refused for readers' safety, and so are links that hide where they go: a user name before the host (`https://official@evil.example` goes to evil.example), hosts with non-ASCII letters or punycode (`xn--`), and mailto: links with more than one address or with headers (`?cc=`, `?subject=`, `?body=`, `%0A`).",
        "Use the https:// address of the page as the browser shows it, with a plain host name, or `mailto:name@example.org` with one address and nothing after it.",
        "url: javascript:alert(1)",
        "url: https://www.apminebanconvention.org/",
    ),
    # --- consent --------------------------------------------------------------
    _R(
        "consent-missing",
        "error",
        "A challenge has no `consent` block. Challenges are published only with the State's explicit consent.",
        "Add the full `given` block (status, date, by) once the State has consented. Until then the challenge does not belong in this public repository: remove it; the ISU keeps drafts awaiting consent in its private copy.",
        "  - id: KHM-C-001\n    title: ...\n    summary: ...",
        "    consent: {status: given, date: 2026-02-15, by: national authority}",
    ),
    _R(
        "consent-status-unknown",
        "error",
        "The consent status is not `given`, `pending` or `withdrawn`.",
        "Use one of the three words. Only `given` publishes the challenge.",
        "consent: {status: yes}",
        "consent: {status: given, date: 2026-02-15, by: national authority}",
    ),
    _R(
        "consent-incomplete",
        "error",
        "Consent is `given` but lacks the `date` or `by` (who gave it).",
        "Add both; without them the challenge cannot be published.",
        "consent: {status: given}",
        "consent: {status: given, date: 2026-02-15, by: national authority}",
    ),
    _R(
        "consent-future-date",
        "error",
        "The consent date lies in the future; consent cannot be given ahead of time.",
        "Use the date consent was given. If the State has not consented yet, remove the challenge from this public repository; the ISU keeps drafts awaiting consent in its private copy.",
        "consent: {status: given, date: 2099-01-01, by: ministry}",
        "consent: {status: given, date: 2026-02-15, by: ministry}",
    ),
    _R(
        "consent-draft-in-public",
        "warning",
        "A State file holds a challenge whose consent is `pending` or `withdrawn`. The site does not show it, but its title and summary are public in the repository (and in its history) the moment they are committed.",
        "Remove the challenge (title, summary and translations) from the State file; the ISU keeps drafts awaiting consent in its private copy. If the text must also leave the history, write to the ISU.",
        "  - id: KHM-C-009\n    summary: Draft awaiting consent ...\n    consent: {status: pending}",
        "  - id: KHM-C-001\n    summary: ...\n    consent: {status: given, date: 2026-02-15, by: national authority}",
    ),
    # --- soft problems (warnings) ---------------------------------------------
    _R(
        "style-stale-review",
        "warning",
        "`last_reviewed` is older than `extra.pfp.stale_months` in mkdocs.yml (12 months unless set), or missing, so readers cannot tell whether the file is current.",
        "Check the whole file with the State and set `last_reviewed` to today.",
        "last_reviewed: 2019-01-01",
        "last_reviewed: 2026-04-28",
    ),
    _R(
        "style-raw-html",
        "warning",
        "Markdown text contains raw HTML; it will be shown as text, not as markup.",
        "Use Markdown instead: `**bold**`, `[link](https://example.org/page)`, lists with `- `.",
        "description: <b>urgent</b>",
        'description: "**urgent**"',
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def hint_for(rule_id: str) -> str:
    return RULES_BY_ID[rule_id].fix
