"""How the ``pfp review`` summary reads: values from State files, and the Markdown summary itself.

Everything that comes from a State file is shown inside a Markdown code span
(:func:`code`): whatever a pull request puts in a file, it cannot turn into a
link, an @mention, an image or HTML in the comment the workflow posts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from build_hooks.workflow.record_review import render_record_review

if TYPE_CHECKING:
    from build_hooks.workflow.review import Review

CLOSED_WORDS = {"met", "withdrawn", "closed"}
MAX_CHARS = 60_000  # a GitHub comment holds at most 65,536 characters


def shorten(text: str, limit: int = 120) -> str:
    """One line, at most ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def code(text: str, limit: int = 120) -> str:
    """``text`` as a Markdown code span that no backtick inside it can close early."""
    text = shorten(str(text), limit)
    if not text:
        return "(empty)"
    fence = "`" * (_longest_run(text, "`") + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def number(value: float) -> str:
    """2500000 -> 2,500,000; 12.5 -> 12.5."""
    if isinstance(value, bool):
        return str(value).lower()
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def show(value: Any, limit: int = 120) -> str:
    """A value as a reviewer reads it: ``(none)``, ``2,500,000 USD``, ``2026-01-01 to 2027-12-31``, `text`."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return code(str(value).lower())
    if isinstance(value, (int, float)):
        return code(number(value))
    if isinstance(value, str):
        return code(value, limit)
    if isinstance(value, dict):
        amount, currency = value.get("value"), value.get("currency")
        if set(value) <= {"value", "currency"} and isinstance(amount, (int, float)) and isinstance(currency, str):
            return code(f"{number(amount)} {currency}")
        if set(value) <= {"start", "end"} and value:
            return code(f"{value.get('start') or '…'} to {value.get('end') or '…'}")
        parts = [f"{k}: {_plain(v)}" for k, v in value.items()]
        return code("{" + ", ".join(parts) + "}", limit)
    if isinstance(value, list):
        if not value:
            return "(empty list)"
        return code(", ".join(_plain(v) for v in value), limit)
    return code(repr(value), limit)


def _plain(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if value is None:
        return "null"
    return str(value).lower() if isinstance(value, bool) else str(value)


def describe_entry(key: str, item: dict[str, Any], quotable: bool) -> str:
    """One line about a new entry: title and the facts a reviewer checks first."""
    facts: list[str] = []
    if key == "challenges":
        facts.append(f"category {show(item.get('category'))}")
        consent = item.get("consent")
        status = consent.get("status") if isinstance(consent, dict) else None
        facts.append(f"consent {show(status)}")
        if item.get("related_needs"):
            facts.append(f"related needs {show(item.get('related_needs'))}")
        if not quotable:
            return "(text not quoted: consent is not given): " + ", ".join(facts)
        return f"{show(item.get('title'))}: " + ", ".join(facts)
    for name in ("area", "kind", "status"):
        facts.append(f"{name} {show(item.get(name))}")
    if key == "offers":
        facts.append(f"eligible {show(item.get('eligible'))}")
        if item.get("responds_to"):
            facts.append(f"responds to {show(item.get('responds_to'))}")
    if item.get("amount") is not None:
        facts.append(f"amount {show(item.get('amount'))}")
    if item.get("period") is not None:
        facts.append(f"period {show(item.get('period'))}")
    if item.get("status") in CLOSED_WORDS:
        facts.append("**added already closed**")
    return f"{show(item.get('title'))}: " + ", ".join(facts)


def consent_meaning(old: str | None, new: str | None, consent: dict[str, Any]) -> str:
    """What a consent change does to the published site, and what to check."""
    if new == "given":
        who = ", ".join(
            f"{name} {show(consent.get(name))}" for name in ("date", "by", "reference") if consent.get(name) is not None
        )
        return (
            "The challenge **will be published** when this is merged. Check that the State's consent is on"
            f" record ({who or 'no date, no name: the check will fail'})."
        )
    if old == "given":
        return "The challenge **will be taken off the site** when this is merged (and from every export and feed)."
    if old is None:
        return (
            "Not published. **But this pull request is public, so the draft text is already visible in it.**"
            " If the State has not agreed to that, close the pull request and contact the ISU;"
            " drafts awaiting consent belong in the ISU's private repository."
        )
    if new is None:
        return "The entry was deleted (it was not published)."
    return "It stays unpublished."


# --------------------------------------------------------------------------------------
# The summary
# --------------------------------------------------------------------------------------

SECTION_ORDER = (
    "Added",
    "Closed",
    "Reopened",
    "Status changed",
    "Changed",
    "Deleted (history lost, see above)",
    "Deadlines, extensions and obligations",
    "Figures",
    "Reporting (article 7)",
    "Focal points",
    "About the State",
)


def _never_shortened(result: Review) -> list[str]:
    """Publication, consent and ownership: what a reviewer must see whatever the size of the change."""
    top: list[str] = []
    publication = result.record.publication if result.record else []
    if publication:
        top += ["### ⚠ Publication changes from the official record: check these first", ""]
        top += [*(f"- {line}" for line in publication), ""]
    if result.consent or result.consent_text:
        top += ["### ⚠ Consent changes: check these first", ""]
        quiet: dict[str, list[str]] = {}
        for c in result.consent:
            if "given" not in (c.old, c.new):  # never published before or after: one line per State
                quiet.setdefault(c.state, []).append(c.entry_id)
                continue
            was, now = c.old or "(no challenge)", c.new or "(deleted)"
            top.append(
                f"- **{code(c.entry_id)}** ({c.state}): consent **{_status(was)} -> {_status(now)}**. "
                + consent_meaning(c.old, c.new, c.consent)
            )
        for state, ids in quiet.items():
            top.append(
                f"- {state}: {len(ids)} challenge(s) without given consent ({', '.join(code(i) for i in ids)})."
                " Not published. **This pull request is public, so their text is already visible in it**;"
                " drafts awaiting consent belong in the ISU's private repository."
            )
        top += [f"- {line}" for line in result.consent_text]
        top.append("")
    if result.ownership:
        top += ["### ⚠ Who may change which file: check these first", ""]
        top += [*(f"- {line}" for line in result.ownership), ""]
    return top


def _lost_and_problems(result: Review) -> list[str]:
    out: list[str] = []
    if result.lost:
        out += ["### ⚠ Entries deleted instead of closed: history lost", ""]
        for e in result.lost:
            title = f" {show(e.title)}" if e.title else ""
            if e.noun == "challenge":
                fix = (
                    "to take a challenge off the site, keep the entry and set `consent.status: withdrawn`"
                    " (its summary may be shortened); deleting it frees the id for reuse"
                )
            else:
                fix = "ids are permanent: put the entry back and close it with " + (
                    "`status: met` or `status: withdrawn`" if e.noun == "need" else "`status: closed`"
                )
            out.append(f"- {e.noun} {code(e.entry_id)}{title} ({e.state}, was {show(e.old_status)}): {fix}.")
        out.append("")
    if result.new_problems:
        errors = sum(p.severity == "error" for p in result.new_problems)
        out += [
            f"### ⚠ Problems this change introduces: {errors} error(s), {len(result.new_problems) - errors} warning(s)",
            "",
        ]
        body = "\n".join(p.text() for p in result.new_problems)
        fence = "`" * max(3, _longest_run(body, "`") + 1)
        out += [f"{fence}text", body, fence, ""]
    return out


def _per_state(result: Review) -> list[str]:
    rest: list[str] = render_record_review(result.record) if result.record else []
    if not result.states:
        rest += ["This change does not touch any State file.", ""]
    for state in result.states:
        rest += [f"### {state.label}: {code(state.path)}", ""]
        if state.note:
            rest += [state.note, ""]
        for section in SECTION_ORDER:
            lines = state.sections.get(section)
            if lines:
                rest += [f"**{section}**", "", *(f"- {line}" for line in lines), ""]
        if not state.note and not state.sections:
            rest += ["Only formatting or comments changed.", ""]
    others = [p for p in result.other_files if not (result.record and p.startswith("record/"))]
    if others:
        shown = ", ".join(code(p) for p in others[:50])
        more = f" and {len(others) - 50} more" if len(others) > 50 else ""
        rest += [f"**Files outside `states/`** (only the ISU may change these): {shown}{more}", ""]
    return rest


def render_markdown(result: Review, full: bool = False) -> str:
    """The plain-language summary: publication, consent and ownership first (never shortened), then
    lost history, problems and each State, which are shortened at a line boundary to fit one comment
    unless ``full``."""
    top = ["## pfp review: what this change does to the State files", "", *_never_shortened(result)]
    rest = _lost_and_problems(result) + _per_state(result)
    footer = [
        f"<sub>Compared {result.compared_from.short} (where this change starts) with {result.head.short}."
        " Run `pfp review --base BASE --head HEAD --full` to see this locally, unshortened.</sub>"
    ]
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
    note = f"**(shortened: {len(rest) - len(kept)} more line(s); run `pfp review --full` for the whole summary)**"
    return "\n".join([*top, *kept, "", note, "", *footer]) + "\n"


def _status(word: str) -> str:
    """A consent status as a plain word when it is one of the known ones; anything else as code."""
    return word if word in {"given", "pending", "withdrawn", "(missing)", "(no challenge)", "(deleted)"} else code(word)


def _longest_run(text: str, char: str) -> int:
    longest = current = 0
    for c in text:
        current = current + 1 if c == char else 0
        longest = max(longest, current)
    return longest
