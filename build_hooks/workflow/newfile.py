"""The commented template that ``pfp new ISO3`` writes for a State's focal point."""

from __future__ import annotations

import datetime as dt

from build_hooks import reference

TEMPLATE = """\
# yaml-language-server: $schema=../schema/state.schema.json
#
# {name} ({iso3}): Platform for Partnerships file.
#
# How to use this file
# - Lines starting with # are comments: they are ignored and can be deleted.
# - Indentation matters: use spaces (never tabs), two per level, as shown.
# - Dates are written YYYY-MM-DD, e.g. 2026-04-28.
# - Text containing a colon followed by a space must be put in quotes:
#     title: "Land release: phase 2"
# - Check your changes with `pfp validate` or in the pull request; every problem
#   is listed with its line number and how to fix it.
# - A pull request is PUBLIC as soon as it is opened. Only add a challenge when
#   your authorities have consented to its publication.
# Field reference: /contribute/fields/   Rule catalogue: /contribute/rules/

schema_version: 1          # always 1
state: {iso3}               # must equal the file name

membership:
  party_since: {party_since}   # entry into force of the Convention for {name}
  status: party            # party | withdrawal_notified | withdrawn
{membership_note}
last_reviewed: {today}     # the date your State last checked this whole file

# Who may update this file. `github` is the user name allowed to open pull
# requests for this file (see the contributor guide).
contacts:
  - role: Focal point
    organisation: National mine action authority
    email: focal.point@example.org
    # github: your-github-name

# Obligations under the Convention. Delete blocks that do not apply.
# Every figure needs a `source` (a citation or an https:// link) and, for
# time series, an `as_of` date. Write `verified: false` for any figure you
# could not confirm in a document.
obligations:
  article4:                # stockpile destruction
    status: none           # none | in_progress | completed
  article5:                # clearance of mined areas
    status: none           # none | in_progress | completed
    # original_deadline: 2010-01-01
    # deadline: 2030-12-31          # the current deadline
    # extensions:                   # oldest first
    #   - {{granted: 2019-11-29, meeting: 4RC, new_deadline: 2025-12-31, source: "https://..."}}
    # contamination:                # remaining area, one row per figure
    #   - {{as_of: 2025-12-31, remaining_km2: 12.5, source: "Article 7 report 2026"}}
  victim_assistance:
    significant_survivors: false   # true if you have responsibility for significant numbers of survivors

reporting:
  article7:                # one row per annual transparency report (due 30 April)
    # - {{covers: {last_year}, submitted: {today}, url: "https://..."}}
    []

# Assistance you need. Ids look like {iso3}-N-001 and are never reused: close an
# entry (status: met or withdrawn) rather than deleting it.
needs: []
#  - id: {iso3}-N-001
#    title: Land release in the north-west     # one line
#    area: clearance        # clearance | victim_assistance | stockpile_destruction | risk_education | capacity | other
#    kind: financial        # financial | equipment | expertise | experience
#    status: open           # open | partially_met | met | withdrawn
#    description: |
#      A few sentences in plain language. **Markdown** is allowed; links must be https://.
#    amount: {{value: 2500000, currency: USD}}     # optional; ISO 4217 currency
#    period: {{start: 2026-01-01, end: 2027-12-31}}
#    posted: {today}

# Assistance you can offer to other States Parties. Ids look like {iso3}-O-001.
offers: []
#  - id: {iso3}-O-001
#    title: Technical advice on land release
#    area: clearance
#    kind: expertise
#    status: available      # available | committed | closed
#    eligible: any          # any, or a list of State codes: [KHM, AGO]
#    responds_to: []        # needs this offer answers, e.g. [KHM-N-001]

# Challenges you face, published ONLY with your State's explicit consent.
# Leave consent as pending until it has been given; pending and withdrawn
# challenges are never published anywhere on the site.
challenges: []
#  - id: {iso3}-C-001
#    title: Funding gap for survey teams
#    category: financial    # financial | technical | political | capacity | other
#    summary: |
#      Plain-language summary.
#    related_needs: [{iso3}-N-001]
#    consent:
#      status: pending      # given | pending | withdrawn
#      # date: {today}        # required when given
#      # by: Ministry of Foreign Affairs   # required when given
"""


def render_template(iso3: str, today: dt.date) -> str:
    ref = reference.load_reference().get(iso3)
    party_since = ref.party_since if ref is not None and ref.party_since else "2000-01-01"
    note = ""
    if ref is not None and "recalled" in ref.source_notes.lower():
        note = "  verified: false       # the reference date is recalled, not yet confirmed in a source\n"
    return TEMPLATE.format(
        iso3=iso3,
        name=reference.state_name(iso3),
        party_since=party_since,
        membership_note=note.rstrip("\n") if note else "  # source: UN Treaty Collection, chapter XXVI-5",
        today=today.isoformat(),
        last_year=today.year - 1,
    )
