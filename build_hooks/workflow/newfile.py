"""The commented template that ``pfp new ISO3`` writes for a State's focal point, in their language.

The file holds only what is true of a new file: ``schema_version``, ``state`` and empty
lists. Everything else is a comment: how to write the file, what belongs in the official
record instead, and one commented example of each entry, with the allowed words listed
from the model (they are English in every language: the file takes `open`, the site shows
"Ouvert"). No review date, no contact (the example contact's address and GitHub name are
placeholders that do not validate, so nothing publishable can be left in by mistake), no
fact the record holds. The comments and the example texts come from the catalogues
(``newfile.*`` in ``build_hooks/locales/<lang>.po``); in French and Spanish the examples
say ``language: fr`` / ``language: es``, as an entry written in that language must.
"""

from __future__ import annotations

import datetime as dt

from build_hooks import reference
from build_hooks.engine.vocabulary import (
    AREAS,
    CATEGORIES,
    CONSENT_STATUSES,
    KINDS,
    NEED_STATUSES,
    OFFER_STATUSES,
    label_group,
)
from build_hooks.i18n import DEFAULT_LANGUAGE, state_name_in, translator

NOTE_COLUMN = 30  # where an end-of-line note starts, so the notes line up
WIDTH = 88

# Where each list of allowed words is used, as the file spells it.
_WORD_LISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("area", AREAS),
    ("kind", KINDS),
    ("needs > status", NEED_STATUSES),
    ("offers > status", OFFER_STATUSES),
    ("challenges > category", CATEGORIES),
    ("consent > status", CONSENT_STATUSES),
)


def _comment(text: str) -> list[str]:
    """Each line of a catalogue text as a comment line."""
    return [f"# {line}".rstrip() for line in text.split("\n")]


def _noted(code: str, note: str) -> str:
    """``code`` followed by ``# note``, the notes of a block starting in one column."""
    return f"{code.ljust(NOTE_COLUMN - 1)} # {note}"


def _words(words: tuple[str, ...]) -> str:
    return " | ".join(words)


def _label(words: tuple[str, ...], word: str, lang: str) -> str:
    t = translator(lang)
    group = label_group(words)
    return t(f"{group}.{word}") if group is not None else t(f"field.word_consent_{word}")


def _word_labels(lang: str) -> list[str]:
    """Each allowed word beside the site's label for it in ``lang``: ``#   area: clearance — « Déminage », ...``,
    wrapped between words, never inside a label."""
    t = translator(lang)
    lines = _comment(t("newfile.words_intro"))
    width = max(len(place) for place, _ in _WORD_LISTS) + 2
    for place, words in _WORD_LISTS:
        line = f"#   {(place + ':').ljust(width)}"
        indent = "#" + " " * (len(line) - 1)
        pairs = [t("field.allowed_word", code=word, label=_label(words, word, lang)) for word in words]
        for i, pair in enumerate(pairs):
            piece = pair + ("," if i < len(pairs) - 1 else "")
            if not line.endswith(" ") and len(line) + 1 + len(piece) > WIDTH:
                lines.append(line)
                line = indent
            line += piece if line.endswith(" ") else " " + piece
        lines.append(line)
    return lines


def render_template(iso3: str, today: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """The template for ``iso3`` with its comments and example texts in ``lang`` (en, fr or es)."""
    t = translator(lang)
    day = today.isoformat()
    site = "" if lang == DEFAULT_LANGUAGE else f"/{lang}"
    name = state_name_in(iso3, lang) or reference.state_name(iso3)
    written_in = [] if lang == DEFAULT_LANGUAGE else [_noted(f"#    language: {lang}", t("newfile.note_language"))]
    header = t(
        "newfile.header", name=name, iso3=iso3, fields=f"{site}/contribute/fields/", rules=f"{site}/contribute/rules/"
    )
    lines = [
        "# yaml-language-server: $schema=../schema/state.schema.json",
        "#",
        *_comment(header),
        "",
        _noted("schema_version: 2", t("newfile.note_schema_version")),
        _noted(f"state: {iso3}", t("newfile.note_state")),
        _noted(f"# last_reviewed: {day}", t("newfile.note_last_reviewed")),
        "",
        *_comment(t("newfile.record")),
        "",
        *_comment(t("newfile.contacts")),
        "contacts: []",
        f"#  - role: {t('newfile.example_role')}",
        f"#    organisation: {t('newfile.example_organisation')}",
        f"#    email: {t('newfile.example_email')}",
        f"#    github: {t('newfile.example_github')}",
        "",
        *([] if lang == DEFAULT_LANGUAGE else [*_word_labels(lang), ""]),
        *_comment(t("newfile.needs", iso3=iso3)),
        "needs: []",
        f"#  - id: {iso3}-N-001",
        f"#    title: {t('newfile.example_need_title')}",  # no note here: after a title, ' #' is a warning
        *written_in,
        _noted("#    area: clearance", _words(AREAS)),
        _noted("#    kind: financial", _words(KINDS)),
        _noted("#    status: open", _words(NEED_STATUSES)),
        "#    description: |",
        f"#      {t('newfile.example_need_description')}",
        _noted("#    amount: {value: 2500000, currency: USD}", t("newfile.note_amount")),
        f"#    period: {{start: {today.year}-01-01, end: {today.year + 1}-12-31}}",
        f"#    posted: {day}",
        "",
        *_comment(t("newfile.offers", iso3=iso3)),
        "offers: []",
        f"#  - id: {iso3}-O-001",
        f"#    title: {t('newfile.example_offer_title')}",
        *written_in,
        "#    area: clearance",
        "#    kind: expertise",
        _noted("#    status: available", _words(OFFER_STATUSES)),
        _noted("#    eligible: any", t("newfile.note_eligible")),
        _noted("#    responds_to: []", t("newfile.note_responds_to")),
        "",
        *_comment(t("newfile.challenges")),
        "challenges: []",
        f"#  - id: {iso3}-C-001",
        f"#    title: {t('newfile.example_challenge_title')}",
        *written_in,
        _noted("#    category: financial", _words(CATEGORIES)),
        "#    summary: |",
        f"#      {t('newfile.example_challenge_summary')}",
        f"#    related_needs: [{iso3}-N-001]",
        "#    consent:",
        _noted("#      status: given", t("newfile.note_consent_status")),
        _noted(f"#      date: {day}", t("newfile.note_consent_date")),
        f"#      by: {t('newfile.example_consent_by')}",
    ]
    return "\n".join(lines) + "\n"
