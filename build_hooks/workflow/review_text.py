"""How the ``pfp review`` summary reads: the Markdown summary itself, in English, French or Spanish.

Everything that comes from a State file is shown inside a Markdown code span
(:func:`~build_hooks.workflow.review_words.code`): whatever a pull request puts in a file, it
cannot turn into a link, an @mention, an image or HTML in the comment the workflow posts. Every
other word is a catalogue entry, said in the language :func:`render_markdown` is asked for; a
summary that is not in English says so first, in English, for the ISU reviewer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from build_hooks.diagnostics import Text
from build_hooks.i18n import DEFAULT_LANGUAGE, language_name
from build_hooks.workflow.record_review import render_record_review
from build_hooks.workflow.review_words import (
    code,
    colon,
    count,
    joined,
    longest_run,
    say,
    show,
)

if TYPE_CHECKING:
    from build_hooks.workflow.review import ConsentChange, Review

__all__ = ["MAX_CHARS", "code", "consent_meaning", "describe_entry", "render_markdown", "show"]

CLOSED_WORDS = {"met", "withdrawn", "closed"}
MAX_CHARS = 60_000  # a GitHub comment holds at most 65,536 characters
MISSING = "(missing)"  # a challenge whose consent block says no status


def describe_entry(key: str, item: dict[str, Any], quotable: bool) -> str:
    """One line about a new entry: title and the facts a reviewer checks first."""
    facts: list[str] = []
    if key == "challenges":
        facts.append(Text("review.fact_category", value=show(item.get("category"))))
        consent = item.get("consent")
        status = consent.get("status") if isinstance(consent, dict) else None
        facts.append(Text("review.fact_consent", value=show(status)))
        if item.get("related_needs"):
            facts.append(Text("review.fact_related_needs", value=show(item.get("related_needs"))))
        if not quotable:
            return colon(Text("review.text_not_quoted"), joined(facts))
        return colon(show(item.get("title")), joined(facts))
    facts.append(Text("review.fact_area", value=show(item.get("area"))))
    facts.append(Text("review.fact_kind", value=show(item.get("kind"))))
    facts.append(Text("review.fact_status", value=show(item.get("status"))))
    if key == "offers":
        facts.append(Text("review.fact_eligible", value=show(item.get("eligible"))))
        if item.get("responds_to"):
            facts.append(Text("review.fact_responds_to", value=show(item.get("responds_to"))))
    if item.get("amount") is not None:
        facts.append(Text("review.fact_amount", value=show(item.get("amount"))))
    if item.get("period") is not None:
        facts.append(Text("review.fact_period", value=show(item.get("period"))))
    if item.get("status") in CLOSED_WORDS:
        facts.append(Text("review.added_closed"))
    return colon(show(item.get("title")), joined(facts))


def consent_meaning(change: ConsentChange) -> str:
    """What a consent change does to the published site (by the consent rule, not the status word alone)."""
    old, new, consent = change.old, change.new, change.consent
    if change.will_publish and not change.was_published:
        facts = {
            "date": lambda value: Text("review.consent_who_date", value=value),
            "by": lambda value: Text("review.consent_who_by", value=value),
            "reference": lambda value: Text("review.consent_who_reference", value=value),
        }
        who = [fact(show(consent.get(name))) for name, fact in facts.items() if consent.get(name) is not None]
        return Text("review.consent_will_publish", who=joined(who) if who else Text("review.consent_who_none"))
    if change.was_published:
        return Text("review.consent_taken_off")
    if new == "given":
        return Text("review.consent_given_not_valid")
    if old is None:
        return Text("review.consent_draft_public")
    if new is None:
        return Text("review.consent_entry_deleted")
    return Text("review.consent_unpublished")


def consent_word(status: str | None, absent: str) -> str:
    """A consent status as a plain word when it is one of the known ones; anything else as code.
    ``absent`` says what None means here: no challenge before, or a challenge deleted."""
    if status is None:
        return Text("review.consent_no_challenge") if absent == "before" else Text("review.consent_deleted")
    known = {
        "given": Text("review.consent_given"),
        "pending": Text("review.consent_pending"),
        "withdrawn": Text("review.consent_withdrawn"),
        MISSING: Text("review.consent_missing"),
    }
    return known.get(status) or code(status)


def consent_value(status: str | None) -> str:
    """A consent status as the file has it, in code; a status the file does not give, in words."""
    return Text("review.consent_missing") if status == MISSING else show(status)


# --------------------------------------------------------------------------------------
# The summary
# --------------------------------------------------------------------------------------

SECTION_ORDER = (
    "added",
    "closed",
    "reopened",
    "status_changed",
    "changed",
    "deleted",
    "deadlines",
    "figures",
    "reporting",
    "focal_points",
    "about",
)


def section_title(section: str) -> str:
    """The heading of one part of a State's changes (:data:`SECTION_ORDER`)."""
    titles = {
        "added": Text("review.section_added"),
        "closed": Text("review.section_closed"),
        "reopened": Text("review.section_reopened"),
        "status_changed": Text("review.section_status_changed"),
        "changed": Text("review.section_changed"),
        "deleted": Text("review.section_deleted"),
        "deadlines": Text("review.section_deadlines"),
        "figures": Text("review.section_figures"),
        "reporting": Text("review.section_reporting"),
        "focal_points": Text("review.section_focal_points"),
        "about": Text("review.section_about"),
    }
    return titles[section]


def _never_shortened(result: Review) -> list[object]:
    """Publication, consent and ownership: what a reviewer must see whatever the size of the change."""
    top: list[object] = []
    publication = result.record.publication if result.record else []
    if publication:
        top += [joined(["### ⚠ ", Text("review.heading_publication")], ""), ""]
        top += [*(joined(["- ", line], "") for line in publication), ""]
    if result.consent or result.consent_text:
        top += [joined(["### ⚠ ", Text("review.heading_consent")], ""), ""]
        quiet: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        for c in result.consent:
            if "given" not in (c.old, c.new) and not (c.was_published or c.will_publish):  # one line per State
                quiet.setdefault(str(c.state), []).append(c.entry_id)
                labels[str(c.state)] = c.state
                continue
            change = Text(
                "review.consent_line",
                id=code(c.entry_id),
                state=c.state,
                old=consent_word(c.old, "before"),
                new=consent_word(c.new, "after"),
                meaning=consent_meaning(c),
            )
            top.append(joined(["- ", change], ""))
        for state, ids in quiet.items():
            line = Text(
                "review.consent_quiet", state=labels[state], count=count(len(ids)), ids=", ".join(code(i) for i in ids)
            )
            top.append(joined(["- ", line], ""))
        top += [joined(["- ", line], "") for line in result.consent_text]
        top.append("")
    if result.ownership:
        top += [joined(["### ⚠ ", Text("review.heading_ownership")], ""), ""]
        top += [*(joined(["- ", line], "") for line in result.ownership), ""]
    return top


def _lost_and_problems(result: Review, lang: str) -> list[object]:
    out: list[object] = []
    if result.lost:
        out += [joined(["### ⚠ ", Text("review.heading_lost")], ""), ""]
        for e in result.lost:
            title = f" {show(e.title)}" if e.title else ""
            fixes = {
                "challenge": Text("review.lost_fix_challenge"),
                "need": Text("review.lost_fix_need"),
                "offer": Text("review.lost_fix_offer"),
            }
            line = Text(
                "review.lost_line",
                ref=entry_ref(e.noun, e.entry_id),
                title=title,
                state=e.state,
                status=consent_value(e.old_status),
                fix=fixes[e.noun],
            )
            out.append(joined(["- ", line], ""))
        out.append("")
    if result.new_problems:
        errors = sum(p.severity == "error" for p in result.new_problems)
        summary = Text("problem.summary", errors=count(errors), warnings=count(len(result.new_problems) - errors))
        out += [joined(["### ⚠ ", Text("review.heading_problems", summary=summary)], ""), ""]
        body = "\n".join(p.text(lang) for p in result.new_problems)
        fence = "`" * max(3, longest_run(body, "`") + 1)
        out += [f"{fence}text", body, fence, ""]
    return out


def entry_ref(noun: str, entry_id: str) -> str:
    """need `KHM-N-001` / besoin `KHM-N-001` / necesidad `KHM-N-001`."""
    refs = {
        "need": Text("review.ref_need", id=code(entry_id)),
        "offer": Text("review.ref_offer", id=code(entry_id)),
        "challenge": Text("review.ref_challenge", id=code(entry_id)),
    }
    return refs[noun]


def _per_state(result: Review) -> list[object]:
    rest: list[object] = list(render_record_review(result.record)) if result.record else []
    if not result.states:
        rest += [Text("review.no_state_file"), ""]
    for state in result.states:
        rest += [joined(["### ", colon(state.label, code(state.path))], ""), ""]
        if state.note:
            rest += [state.note, ""]
        for section in SECTION_ORDER:
            lines = state.sections.get(section)
            if lines:
                rest += [joined(["**", section_title(section), "**"], ""), ""]
                rest += [*(joined(["- ", line], "") for line in lines), ""]
        if not state.note and not state.sections:
            rest += [Text("review.only_formatting"), ""]
    others = [p for p in result.other_files if not (result.record and p.startswith("record/"))]
    if others:
        shown: str = ", ".join(code(p) for p in others[:50])
        if len(others) > 50:
            shown = Text("review.other_files_more", files=shown, count=count(len(others) - 50))
        rest += [Text("review.other_files", files=shown), ""]
    return rest


def render_markdown(result: Review, full: bool = False, lang: str = DEFAULT_LANGUAGE) -> str:
    """The plain-language summary in ``lang``: publication, consent and ownership first (never
    shortened), then lost history, problems and each State, which are shortened at a line boundary
    to fit one comment unless ``full``. Not in English, it says so first, in English."""
    note = [Text("review.language_note", language=language_name(lang, DEFAULT_LANGUAGE)), ""]
    heading = joined(["## ", Text("review.heading")], "")
    top = [say(line, lang) for line in [heading, "", *_never_shortened(result)]]
    if lang != DEFAULT_LANGUAGE:
        top = [say(line, DEFAULT_LANGUAGE) for line in note] + top
    rest = [say(line, lang) for line in _lost_and_problems(result, lang) + _per_state(result)]
    footer_text = Text("review.footer", start=result.compared_from.short, head=result.head.short)
    footer = [f"<sub>{say(footer_text, lang)}</sub>"]
    text = "\n".join(top + rest + footer)
    if full or len(text) <= MAX_CHARS:
        return text + "\n"
    room = MAX_CHARS - len("\n".join(top + footer)) - 200
    kept: list[str] = []
    used = 0
    for line in rest:  # whole lines only, and never inside a code fence
        if used + len(line) + 1 > room:
            break
        kept.append(line)
        used += len(line) + 1
    if sum(line.startswith("```") for line in kept) % 2:
        fence_start = max(i for i, line in enumerate(kept) if line.startswith("```"))
        kept = kept[:fence_start]
    shortened = say(Text("review.shortened", count=count(len(rest) - len(kept))), lang)
    return "\n".join([*top, *kept, "", f"**{shortened}**", "", *footer]) + "\n"
