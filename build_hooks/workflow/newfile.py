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

schema_version: 2          # always 2
state: {iso3}               # must equal the file name
# last_reviewed: {today}   # set it to the date your State last checked this whole file

# Membership, deadlines, extensions, contamination figures and article 7 reports are
# not written here: the ISU records them from official documents in the official
# record (record/*.csv). To correct one, write to the ISU or open an issue.

# Who may update this file: `github` is the user name allowed to open pull
# requests for it (see the contributor guide). Add your own details:
contacts: []
#  - role: Focal point
#    organisation: National mine action authority
#    email: (your official address)
#    github: (your GitHub user name)

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
# This file is public (so is every pull request): add a challenge here only once
# consent is given. Drafts awaiting consent stay with the ISU, not in this file.
challenges: []
#  - id: {iso3}-C-001
#    title: Funding gap for survey teams
#    category: financial    # financial | technical | political | capacity | other
#    summary: |
#      Plain-language summary.
#    related_needs: [{iso3}-N-001]
#    consent:
#      status: given        # given | withdrawn (to take it off the site)
#      date: {today}        # the day consent was given
#      by: Ministry of Foreign Affairs
"""


def render_template(iso3: str, today: dt.date) -> str:
    return TEMPLATE.format(iso3=iso3, name=reference.state_name(iso3), today=today.isoformat())
