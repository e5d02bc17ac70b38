"""The rule registry: every rule id, its severity and a wrong and a right example.

What each rule means and how to fix it are sentences for people, so they live in the
catalogues with every other interface string, in the Convention's three languages:
``rule.<id>_meaning`` and ``rule.<id>_fix`` in ``build_hooks/locales/{en,fr,es}.po``, the
rule id's hyphens written as underscores (``yaml-syntax`` -> ``rule.yaml_syntax_fix``).
English (``en.po``) is the source; :attr:`Rule.meaning`, :attr:`Rule.fix` and
:func:`hint_for` are :class:`~build_hooks.diagnostics.Text`, so a French run prints the
French hint. The examples are State-file YAML and stay as they are in every language.

The rule catalogue pages (``content/contribute/rules.md`` and its French and Spanish
copies) are generated from this list by :mod:`build_hooks.workflow.docpages`;
``tests/engine/rules/<rule-id>/`` holds the good/bad fixtures for each. A test fails
when any of them drift apart, or when a rule lacks its sentences in a language.

To add a rule: add it here, add its two sentences in the three languages with
``scripts/po_add.py``, add its fixtures, and run ``pfp generate``.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_hooks.diagnostics import Severity, Text


def rule_key(rule_id: str) -> str:
    """The catalogue key part of a rule id: ``yaml-syntax`` -> ``yaml_syntax``."""
    return rule_id.replace("-", "_")


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    bad: str
    good: str

    @property
    def meaning(self) -> Text:
        """What the problem is, in the reader's language (English as a ``str``)."""
        return Text(f"rule.{rule_key(self.id)}_meaning")

    @property
    def fix(self) -> Text:
        """How to fix it: the hint a problem of this rule carries unless it has a more precise one."""
        return Text(f"rule.{rule_key(self.id)}_fix")


_R = Rule

RULES: tuple[Rule, ...] = (
    # --- the file as YAML -------------------------------------------------
    _R("yaml-syntax", "error", "title: Land release: phase 2", 'title: "Land release: phase 2"'),
    _R("yaml-encoding", "error", "title: Caf\\xe9 (saved as Latin-1)", "title: Café (saved as UTF-8)"),
    _R("yaml-too-large", "error", "(a 10 MB file)", "(a file of a few KiB)"),
    _R("yaml-too-deep", "error", "a: [[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", "a: [1]"),
    _R("yaml-tag", "error", 'title: !!python/object/apply:os.system ["ls"]', "title: Land release"),
    _R("yaml-alias", "error", "period: &p {start: 2026-01-01}\n...\nperiod: *p", "period: {start: 2026-01-01}"),
    _R("yaml-duplicate-key", "error", "status: open\nstatus: met", "status: met"),
    # --- the shape of the data -------------------------------------------
    _R(
        "schema-required",
        "error",
        "needs:\n  - id: KHM-N-001\n    title: Survey",
        "needs:\n  - id: KHM-N-001\n    title: Survey\n    area: clearance\n    kind: expertise\n    status: open",
    ),
    _R(
        "schema-type", "error", "amount: {value: '2,500,000', currency: USD}", "amount: {value: 2500000, currency: USD}"
    ),
    _R("schema-enum", "error", "status: Open", "status: open"),
    _R("schema-format", "error", "state: Cambodia", "state: KHM"),
    _R("schema-date", "error", "posted: 1/3/2026", "posted: 2026-03-01"),
    _R("schema-range", "error", "remaining_km2: -3", "remaining_km2: 3.5"),
    _R("schema-version", "error", "schema_version: 1", "schema_version: 2"),
    _R("schema-unknown-field", "error", "staus: open", "status: open"),
    # --- the State ----------------------------------------------------------
    _R("state-file-name", "error", "# states/KHM.yml\nstate: KHL", "# states/KHM.yml\nstate: KHM"),
    _R("state-file-duplicate", "error", "states/KHM.yml\nstates/KHM.yaml", "states/KHM.yml"),
    _R("state-unknown", "error", "state: XKX", "state: KHM"),
    # --- the files the build reads (states/, examples/, content/, record/) ---
    _R("file-symlink", "error", "content/notes.md -> /etc/passwd", "content/notes.md (a plain file)"),
    _R("file-type", "error", "content/page.html", "content/page.md"),
    # --- dialogue reports (content/dialogues/) --------------------------------
    _R(
        "dialogue-unknown-key", "error", "---\ntitle: Meeting\ntemplate: redirect.html\n---", "---\ntitle: Meeting\n---"
    ),
    _R("dialogue-place", "error", "content/reports/khm-2026.md", "content/dialogues/khm-2026.md"),
    _R(
        "dialogue-translation",
        "error",
        "---\ntitle: Réunion avec les partenaires\nstate: KHM\ndate: 2026-06-13\nstatus: final\nlanguage: es\n---",
        "---\ntitle: Réunion avec les partenaires\nstatus: final\n---",
    ),
    # --- the official record (record/*.csv) ---------------------------------
    _R(
        "record-file", "error", "record/membership.csv saved as Excel .xlsx", "record/membership.csv saved as CSV UTF-8"
    ),
    _R(
        "record-columns",
        "error",
        "iso3,evnt,date,source,as_of,verified,note",
        "iso3,event,date,source,as_of,verified,note",
    ),
    _R(
        "record-value",
        "error",
        "KHM,entry_into_force,1 Jan 2000,UN Treaty Collection,2024,yes,",
        "KHM,entry_into_force,2000-01-01,UN Treaty Collection,2024,yes,",
    ),
    _R(
        "record-required",
        "error",
        "KHM,entry_into_force,2000-01-01,,2024,yes,",
        "KHM,entry_into_force,2000-01-01,UN Treaty Collection XXVI-5,2024,yes,",
    ),
    _R(
        "record-unknown-state",
        "error",
        "XKX,outstanding,,no,,Some source,2025,no,",
        "KHM,outstanding,,yes,,Mine Action Review 2025,2025,yes,",
    ),
    _R(
        "record-duplicate",
        "error",
        "KHM,1,extension,9MSP,2008,...\nKHM,1,extension,4RC,2019,...",
        "KHM,1,extension,9MSP,2008,...\nKHM,2,extension,4RC,2019,...",
    ),
    _R(
        "record-dates",
        "error",
        "EST,withdrawal_effective,2025-06-27,...\nEST,withdrawal_notified,2025-12-27,...",
        "EST,withdrawal_notified,2025-06-27,...\nEST,withdrawal_effective,2025-12-27,...",
    ),
    _R(
        "example-id-taken",
        "warning",
        "examples/KHM.yml: id: KHM-N-001 (and states/KHM.yml: id: KHM-N-001)",
        "examples/KHM.yml: id: KHM-N-901",
    ),
    _R("settings-invalid", "error", "extra:\n  pfp:\n    stale_months: twelve", "extra:\n  pfp:\n    stale_months: 12"),
    # --- identifiers and references --------------------------------------
    _R("id-format", "error", "id: KHM-1", "id: KHM-N-001"),
    _R("id-state", "error", "# states/KHM.yml\n  - id: NOR-N-001", "# states/KHM.yml\n  - id: KHM-N-001"),
    _R("id-duplicate", "error", "  - id: KHM-N-001\n  - id: KHM-N-001", "  - id: KHM-N-001\n  - id: KHM-N-002"),
    _R("ref-unknown-need", "error", "responds_to: [KHM-N-999]", "responds_to: [KHM-N-001]"),
    _R("ref-unknown-state", "error", "eligible: [KHM, XYZ]", "eligible: [KHM, AGO]"),
    # --- dates ----------------------------------------------------------------
    _R(
        "date-order",
        "error",
        "period: {start: 2027-01-01, end: 2026-01-01}",
        "period: {start: 2026-01-01, end: 2027-12-31}",
    ),
    _R("date-future", "error", "last_reviewed: 2099-01-01", "last_reviewed: 2026-04-28"),
    _R("text-invisible-char", "error", 'title: "Land\\u202erelease"', "title: Land release"),
    # --- amounts and links --------------------------------------------------
    _R("amount-positive", "error", "amount: {value: 0, currency: USD}", "amount: {value: 250000, currency: USD}"),
    _R("amount-currency", "error", "amount: {value: 5000, currency: US$}", "amount: {value: 5000, currency: USD}"),
    _R(
        "amount-decimal-point",
        "warning",
        "amount: {value: 2.500, currency: USD}",
        "amount: {value: 2500, currency: USD}",
    ),
    _R(
        "text-cut-by-comment", "warning", "title: Survey team #2 for the north", 'title: "Survey team #2 for the north"'
    ),
    _R("text-curly-quotes", "warning", "title: “Survey teams for the north”", 'title: "Survey teams for the north"'),
    _R("link-scheme", "error", "url: javascript:alert(1)", "url: https://www.apminebanconvention.org/"),
    # --- consent --------------------------------------------------------------
    _R(
        "consent-missing",
        "error",
        "  - id: KHM-C-001\n    title: ...\n    summary: ...",
        "    consent: {status: given, date: 2026-02-15, by: national authority}",
    ),
    _R(
        "consent-status-unknown",
        "error",
        "consent: {status: yes}",
        "consent: {status: given, date: 2026-02-15, by: national authority}",
    ),
    _R(
        "consent-incomplete",
        "error",
        "consent: {status: given}",
        "consent: {status: given, date: 2026-02-15, by: national authority}",
    ),
    _R(
        "consent-future-date",
        "error",
        "consent: {status: given, date: 2099-01-01, by: ministry}",
        "consent: {status: given, date: 2026-02-15, by: ministry}",
    ),
    _R(
        "consent-draft-in-public",
        "warning",
        "  - id: KHM-C-009\n    summary: Draft awaiting consent ...\n    consent: {status: pending}",
        "  - id: KHM-C-001\n    summary: ...\n    consent: {status: given, date: 2026-02-15, by: national authority}",
    ),
    # --- soft problems (warnings) ---------------------------------------------
    _R("style-stale-review", "warning", "last_reviewed: 2019-01-01", "last_reviewed: 2026-04-28"),
    _R("style-raw-html", "warning", "description: <b>urgent</b>", 'description: "**urgent**"'),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
# Keys are built from ids: two ids that differ only by "-" and "_" would share their sentences.
assert len({rule_key(rule.id) for rule in RULES}) == len(RULES) and all("_" not in rule.id for rule in RULES)


def hint_for(rule_id: str) -> Text:
    """The rule's fix as a hint: ``hint_for("yaml-syntax").in_language("fr")`` is the French one."""
    return RULES_BY_ID[rule_id].fix
