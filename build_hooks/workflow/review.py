"""``pfp review``: what a change to ``states/`` means, in plain language, for the ISU reviewer.

:func:`review` reads the State files at two revisions from git (nothing is
checked out), compares them State by State and entry by entry (by id), and
validates both revisions to find the problems the change introduces.
:func:`render_markdown` writes the summary that the pull request workflow
posts as one comment. Its order is fixed by what matters most:

1. consent changes (a challenge that will be published or taken down);
2. entries deleted instead of closed (history lost, ids freed for reuse);
3. validation problems the change introduces;
4. per State: added, closed, reopened and changed entries (field by field,
   ``old -> new``), deadlines and extensions, figures, reporting, contacts.

The text of a challenge is quoted only when its consent is ``given`` at the
head revision, and then only as it reads there, never an earlier draft.
Everything taken from the files is shown in code spans, so nothing in a State
file can become a link, a mention or HTML in the comment.

Every other word is a catalogue entry (:mod:`~build_hooks.workflow.review_words`): the
review is built once and :func:`render_markdown` says it in English, French or Spanish.
:attr:`Review.language` is the language most entries of the changed State files are written
in at the head revision (``pfp review --lang auto``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from build_hooks.diagnostics import Problem, Text
from build_hooks.engine.consent import consent_allows, raw_consent
from build_hooks.engine.load import SourceDoc, decode_source, load_bytes, load_text
from build_hooks.engine.model import ENTRY_KEYS
from build_hooks.engine.validate import entry_languages, validate_documents
from build_hooks.engine.vocabulary import CLOSED_NEED, CLOSED_OFFER
from build_hooks.engine.yamltext import KEY_RE, LINE_BREAK_RE
from build_hooks.gitrepo import (
    Revision,
    changed_files,
    is_state_file,
    list_files,
    merge_base,
    read_files,
    resolve,
)
from build_hooks.i18n import DEFAULT_LANGUAGE, LANGUAGES
from build_hooks.workflow.record_review import RecordReview, review_record
from build_hooks.workflow.review_text import MISSING, consent_value, describe_entry, entry_ref, render_markdown
from build_hooks.workflow.review_words import arrow, code, colon, joined, show, state_label

__all__ = ["Review", "diff_values", "render_markdown", "review"]

NOUN = {"needs": "need", "offers": "offer", "challenges": "challenge"}
CLOSED = {"needs": CLOSED_NEED, "offers": CLOSED_OFFER}
UNITS = {"amount", "period"}  # compared and shown as one value
KEYED = {"contamination": "as_of", "article7": "covers", "extensions": "new_deadline"}
CHALLENGE_OPEN_FIELDS = {"category", "related_needs", "illustrative", "consent"}  # never withheld


@dataclass(frozen=True)
class Change:
    path: str
    old: Any
    new: Any


@dataclass
class ConsentChange:
    entry_id: str
    state: str
    old: str | None
    new: str | None
    consent: dict[str, Any]
    # Whether the site shows the challenge before and after (the one consent rule: status, date, by),
    # not only its status word: `given` without `by`, or dated in the future, publishes nothing.
    was_published: bool = False
    will_publish: bool = False


@dataclass
class LostEntry:
    entry_id: str
    noun: str
    state: str
    old_status: str
    title: str | None


@dataclass
class StateReview:
    path: str
    label: str
    note: str = ""
    sections: dict[str, list[str]] = field(default_factory=dict)

    def add(self, section: str, line: str) -> None:
        self.sections.setdefault(section, []).append(line)


@dataclass
class Review:
    base: Revision
    head: Revision
    compared_from: Revision
    consent: list[ConsentChange] = field(default_factory=list)
    lost: list[LostEntry] = field(default_factory=list)
    states: list[StateReview] = field(default_factory=list)
    new_problems: list[Problem] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)
    record: RecordReview | None = None  # what a change to record/*.csv means
    ownership: list[str] = field(default_factory=list)  # new GitHub handles: edit rights (never shortened)
    consent_text: list[str] = field(default_factory=list)  # consented text rewritten (never shortened)
    language: str = DEFAULT_LANGUAGE  # what most entries of the changed files are written in (--lang auto)


# --------------------------------------------------------------------------------------
# Comparing two versions of one value
# --------------------------------------------------------------------------------------


def diff_values(old: Any, new: Any, path: str = "") -> list[Change]:
    """Leaf changes from ``old`` to ``new``; amounts, periods and list items keyed by date count as one value."""
    if old == new:
        return []
    name = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if isinstance(old, dict) and isinstance(new, dict) and name not in UNITS:
        changes = []
        for key in [*old, *(k for k in new if k not in old)]:
            changes += diff_values(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
        return changes
    if isinstance(old, list) and isinstance(new, list) and name in KEYED and _all_dicts(old + new):
        key = KEYED[name]
        before = {str(item.get(key)): item for item in old}
        after = {str(item.get(key)): item for item in new}
        changes = []
        for k in [*before, *(k for k in after if k not in before)]:
            changes += diff_values(before.get(k), after.get(k), f"{path}[{k}]")
        return changes
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new) and _all_dicts(old + new):
        changes = []
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            changes += diff_values(a, b, f"{path}[{index + 1}]")
        return changes
    return [Change(path, old, new)]


def _all_dicts(items: list[Any]) -> bool:
    return all(isinstance(item, dict) for item in items)


def _entries(data: Any, key: str) -> dict[str, dict[str, Any]]:
    items = data.get(key) if isinstance(data, dict) else None
    out: dict[str, dict[str, Any]] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            out.setdefault(item["id"], item)
    return out


def consent_status(item: dict[str, Any] | None) -> str | None:
    if item is None:
        return None
    consent = item.get("consent")
    status = consent.get("status") if isinstance(consent, dict) else None
    return status if isinstance(status, str) else MISSING


# --------------------------------------------------------------------------------------
# One State
# --------------------------------------------------------------------------------------


def _label(path: str, data: Any) -> str:
    found = data.get("state") if isinstance(data, dict) else None
    return state_label(found if isinstance(found, str) else Path(path).stem)


def consented(item: dict[str, Any] | None, today: dt.date) -> bool:
    """Whether the text of a challenge may be quoted: what its consent block allows (the one consent rule)."""
    return consent_allows(*raw_consent(item), today)


def review_state(
    path: str, old: SourceDoc | None, new: SourceDoc | None, out: Review, today: dt.date | None = None
) -> StateReview:
    """Compare two versions of one State file; consent changes and lost entries go to ``out``."""
    before = old.data if old is not None and isinstance(old.data, dict) else None
    after = new.data if new is not None and isinstance(new.data, dict) else None
    state = StateReview(path=path, label=_label(path, after or before))
    if before is None and after is None:
        state.note = Text("review.note_unreadable")
        return state
    if after is None:
        state.note = Text("review.note_deleted")
    elif before is None:
        state.note = Text("review.note_new_file") if old is None else Text("review.note_unreadable_before")
    _review_header(state, before or {}, after or {})
    added = sorted(_handles(after or {}) - _handles(before or {}))
    if added:
        handles = ", ".join(code("@" + h) for h in added)
        out.ownership.append(Text("review.ownership", handles=handles, path=code(path), state=state.label))
    for key in ENTRY_KEYS:
        _review_entries(state, key, _entries(before, key), _entries(after, key), out, today or dt.date.today())
    return state


def _review_header(state: StateReview, before: dict[str, Any], after: dict[str, Any]) -> None:
    strip = set(ENTRY_KEYS)
    old = {k: v for k, v in before.items() if k not in strip}
    new = {k: v for k, v in after.items() if k not in strip}
    if not before or not after:
        return
    for change in diff_values(old, new):
        section = _header_section(change.path)
        if change.path == "contacts" or change.path.startswith("contacts["):
            continue  # contacts are summarised below
        state.add(section, _change_line(change))
    old_handles = _handles(old)
    new_handles = _handles(new)
    if old.get("contacts") != new.get("contacts"):
        line: str = Text("review.contacts_changed")
        added, removed = sorted(new_handles - old_handles), sorted(old_handles - new_handles)
        if added or removed:
            parts = [Text("review.handles_added", handles=", ".join(code(h) for h in added))] if added else []
            parts += [Text("review.handles_removed", handles=", ".join(code(h) for h in removed))] if removed else []
            line = Text("review.contacts_changed_handles", changes=joined(parts, "; "))
        state.add("focal_points", line)


def _change_line(change: Change) -> str:
    if change.old is None and isinstance(change.new, dict):
        return Text("review.change_added", path=code(change.path), value=show(change.new))
    if change.new is None and isinstance(change.old, dict):
        return Text("review.change_removed", path=code(change.path), value=show(change.old))
    return colon(code(change.path), arrow(show(change.old), show(change.new)))


def _handles(data: dict[str, Any]) -> set[str]:
    contacts = data.get("contacts")
    return {
        c["github"]
        for c in (contacts if isinstance(contacts, list) else [])
        if isinstance(c, dict) and isinstance(c.get("github"), str)
    }


def _header_section(path: str) -> str:
    """Where a change to a State's own fields goes (see ``review_text.SECTION_ORDER``)."""
    if "deadline" in path or "extensions" in path or path.endswith(("completed_on", ".status")):
        return "deadlines" if path.startswith("obligations") else "about"
    if path.startswith("obligations"):
        return "figures"
    if path.startswith("reporting"):
        return "reporting"
    return "about"


def _review_entries(
    state: StateReview,
    key: str,
    before: dict[str, dict[str, Any]],
    after: dict[str, dict[str, Any]],
    out: Review,
    today: dt.date,
) -> None:
    noun = NOUN[key]
    for entry_id in [*before, *(i for i in after if i not in before)]:
        old, new = before.get(entry_id), after.get(entry_id)
        ref = entry_ref(noun, entry_id)
        shown_before = key == "challenges" and consented(old, today)
        shown_after = key == "challenges" and consented(new, today)
        if key == "challenges" and (consent_status(old) != consent_status(new) or shown_before != shown_after):
            consent = new.get("consent") if new is not None else None
            out.consent.append(
                ConsentChange(
                    entry_id,
                    state.label,
                    consent_status(old),
                    consent_status(new),
                    consent if isinstance(consent, dict) else {},
                    was_published=shown_before,
                    will_publish=shown_after,
                )
            )
        if new is None:
            assert old is not None
            title = old.get("title") if key != "challenges" and isinstance(old.get("title"), str) else None
            status = str(consent_status(old) if key == "challenges" else old.get("status"))
            out.lost.append(LostEntry(entry_id, noun, state.label, status, title))
            state.add("deleted", ref)
            continue
        quotable = key != "challenges" or consented(new, today)
        if old is None:
            state.add("added", joined([ref, describe_entry(key, new, quotable)], " "))
            continue
        title = joined([" ", show(new.get("title"))], "") if quotable else ""
        if key != "challenges" and old.get("status") != new.get("status"):
            was, now = old.get("status"), new.get("status")
            closed = CLOSED[key]
            section = "closed" if now in closed else ("reopened" if was in closed else "status_changed")
            state.add(section, Text("review.status_line", ref=ref, title=title, change=arrow(show(was), show(now))))
        if key == "challenges" and consented(old, today) and consented(new, today):
            rewritten = sorted(
                {c.path.split(".")[0].split("[")[0] for c in diff_values(old, new)} - CHALLENGE_OPEN_FIELDS - {"id"}
            )
            if rewritten:
                fields = ", ".join(code(f) for f in rewritten)
                out.consent_text.append(
                    Text("review.consent_text_changed", id=code(entry_id), state=state.label, fields=fields)
                )
        details: list[str] = []
        for change in diff_values(old, new):
            if change.path in {"status", "consent.status"}:
                continue
            if key == "challenges" and change.path.split(".")[0].split("[")[0] not in CHALLENGE_OPEN_FIELDS:
                if quotable:  # the text as consented to, never an earlier draft
                    details.append(Text("review.now_reads", path=code(change.path), value=show(change.new, limit=300)))
                else:
                    details.append(Text("review.changed_not_quoted", path=code(change.path)))
                continue
            details.append(_change_line(change))
        if key == "challenges" and consent_status(old) != consent_status(new):
            moved = arrow(consent_value(consent_status(old)), consent_value(consent_status(new)))
            details.append(Text("review.consent_detail", change=moved))
        if details:
            head = Text("review.changed_line", ref=ref, title=title)
            state.add("changed", joined([head, *(joined(["\n  - ", d], "") for d in details)], ""))


# --------------------------------------------------------------------------------------
# Two revisions
# --------------------------------------------------------------------------------------


def _validate_revision(root: Path, rev: Revision, today: dt.date) -> list[Problem]:
    paths = [p for p in list_files(root, rev) if is_state_file(p)]
    docs: list[tuple[SourceDoc, str | None]] = []
    problems: list[Problem] = []
    for path, raw in read_files(root, rev, paths).items():
        text, found = decode_source(path, raw or b"")
        problems += found
        if text is None:
            continue
        doc, found = load_text(path, text)
        problems += found
        if doc is not None:
            docs.append((doc, Path(path).stem))
    return validate_documents(docs, today, problems).problems


def _problem_key(p: Problem) -> tuple[str, str, str, str]:
    return (p.path, p.severity, p.rule, p.message)  # lines move when a file is edited above a problem


def review(root: Path, base: str, head: str = "HEAD", today: dt.date | None = None) -> Review:
    """Compare ``states/`` at ``head`` with where ``head`` branched from ``base``."""
    today = today or dt.date.today()
    base_rev, head_rev = resolve(root, base), resolve(root, head)
    start = merge_base(root, base_rev, head_rev)
    out = Review(base=base_rev, head=head_rev, compared_from=start)
    changed = changed_files(root, base_rev, head_rev)
    state_paths = [p for p in changed if is_state_file(p)]
    out.other_files = [p for p in changed if p not in state_paths]
    out.record = review_record(root, start, head_rev, changed, today)
    if not state_paths:
        return out
    olds, news = read_files(root, start, state_paths), read_files(root, head_rev, state_paths)
    ids: set[str] = set()
    texts: set[str] = set()
    hidden: dict[str, list[tuple[int, int]]] = {}
    written: Counter[str] = Counter()
    for path in state_paths:
        old_doc, new_doc = load_bytes(path, olds[path]), load_bytes(path, news[path])
        out.states.append(review_state(path, old_doc, new_doc, out, today))
        _unconsented(new_doc.data if new_doc is not None else None, today, ids, texts)
        hidden[path] = _unconsented_lines(path, new_doc, news[path], today)
        written.update(entry_languages(new_doc.data if new_doc is not None else None))
    out.language = _most_written(written)
    known = {_problem_key(p) for p in _validate_revision(root, start, today)}
    new = [p for p in _validate_revision(root, head_rev, today) if _problem_key(p) not in known]
    out.new_problems = [_withhold(p, ids, texts, hidden.get(p.path, [])) for p in new]
    return out


def _most_written(written: Counter[str]) -> str:
    """The language most entries are written in, when it is en, fr or es; English on a tie or none
    (a change that is as much English as French, or French as Spanish, is summarised in English)."""
    ranked = written.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]) or ranked[0][0] not in LANGUAGES:
        return DEFAULT_LANGUAGE
    return ranked[0][0]


def _unconsented(data: Any, today: dt.date, ids: set[str], texts: set[str]) -> None:
    """Collect the ids and texts of the challenges whose consent is not given in ``data``."""
    items = data.get("challenges") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or consented(item, today):
            continue
        if isinstance(item.get("id"), str):
            ids.add(item["id"])
        for name, value in item.items():
            if name not in CHALLENGE_OPEN_FIELDS and name != "id" and isinstance(value, str) and len(value) >= 12:
                texts.add(value[:40])


def _unconsented_lines(path: str, doc: SourceDoc | None, raw: bytes | None, today: dt.date) -> list[tuple[int, int]]:
    """The (first, last) lines of ``path`` that hold a challenge whose text may not be quoted.

    In a file that parses: each challenge without valid consent, from its first line to the line
    before whatever the file locates next. In a file that does not parse, nobody can tell whose
    consent a line is under: every line of its ``challenges:`` block.
    """
    if doc is not None and isinstance(doc.data, dict):
        items = doc.data.get("challenges")
        starts = [line for line, _ in [*doc.positions.values(), *doc.key_positions.values()]]
        spans = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and consented(item, today):
                continue
            first = doc.locate(("challenges", index))[0]
            inside = {
                line
                for where, (line, _) in [*doc.positions.items(), *doc.key_positions.items()]
                if where[:2] == ("challenges", index)
            }
            after = [line for line in starts if line > max(inside | {first})]
            spans.append((first, min(after) - 1 if after else len(doc.lines)))
        return spans
    text = decode_source(path, raw)[0] if raw is not None else None
    lines = LINE_BREAK_RE.split(text or "")
    spans, first = [], 0
    for number, line in enumerate(lines, start=1):
        key = KEY_RE.match(line)
        if key is None or key["lead"]:
            continue  # not a key of the file's top level
        if first:
            spans.append((first, number - 1))
        first = number if key["key"].strip() == "challenges" else 0
    if first:
        spans.append((first, len(lines)))
    return spans


def _withhold(problem: Problem, ids: set[str], texts: set[str], hidden: list[tuple[int, int]]) -> Problem:
    """A validation message about an unconsented challenge, without any of its text: one that names
    its id or quotes its text, or one on its lines (``hidden``) but for the consent rules' own
    messages, which name no text. Its hint and quoted line go too."""
    message = problem.message
    on_its_lines = any(a <= problem.line <= b for a, b in hidden) and not problem.rule.startswith("consent-")
    if on_its_lines or any(i in message for i in ids) or any(t in message for t in texts):
        named = sorted(i for i in ids if i in message)
        about = Text("review.ref_challenge", id=named[0]) if named else Text("review.a_challenge")
        return replace(problem, message=Text("review.withheld", about=about), hint="", excerpt="")
    return problem
