"""Problems found in State files, and the three ways of printing them, in the reader's language.

A problem's message and hint are :class:`Text`: a catalogue key and its values, so
the same problem prints in English, French or Spanish (``Problem.localised``).
A :class:`Text` *is* its English wording (a ``str``), so code and tests that read
messages as text keep working; ``in_language`` says it in another language, through the
same gettext catalogues as the site (``build_hooks/locales/<lang>.po``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Literal, Protocol, runtime_checkable

from build_hooks.i18n import DEFAULT_LANGUAGE, translator

Severity = Literal["error", "warning"]
FORMATS = ("text", "github", "json")
DOCS_PATH = "contribute/rules/"
DOCS_URL = "/" + DOCS_PATH


class Text(str):
    """A sentence for a person: a catalogue key and its values, equal to its English wording.

    ``Text("problem.summary", errors=2, warnings=0)`` reads "2 error(s), 0 warning(s)" and
    ``.in_language("fr")`` gives "2 erreur(s), 0 avertissement(s)". A value that is itself a
    :class:`Text` (a word such as "need", a hint inside a hint) is said in the same language.
    """

    key: str
    values: tuple[tuple[str, object], ...]

    def __new__(cls, key: str, /, **values: object) -> Text:
        self = super().__new__(cls, _say(key, values, DEFAULT_LANGUAGE))
        self.key = key
        self.values = tuple(values.items())
        return self

    def __reduce__(self) -> tuple[object, ...]:  # pickled (pytest-xdist, process pools) as key + values
        return (_rebuild, (self.key, self.values))

    def in_language(self, lang: str) -> str:
        return _say(self.key, dict(self.values), lang)


def _rebuild(key: str, values: tuple[tuple[str, object], ...]) -> Text:
    return Text(key, **dict(values))


def _say(key: str, values: Mapping[str, object], lang: str) -> str:
    spoken = {name: in_language(value, lang) for name, value in values.items()}
    return translator(lang)(key, **spoken)


@runtime_checkable
class Spoken(Protocol):
    """A value that says itself in a language: a :class:`Text`, or a name such as a State's
    (``reference.StateName``: Cambodia / Cambodge / Camboya)."""

    def in_language(self, lang: str) -> str: ...


def in_language(value: object, lang: str) -> object:
    """A :class:`Text` (or other :class:`Spoken` value) said in ``lang``; anything else (a file name,
    a number, a quoted value) as it is."""
    return value.in_language(lang) if isinstance(value, Spoken) else value


class _Listed(str):
    """Words joined by commas, each said in the reader's language (the start of :func:`either`)."""

    words: tuple[str, ...]

    def __new__(cls, words: Sequence[str]) -> _Listed:
        self = super().__new__(cls, ", ".join(words))
        self.words = tuple(words)
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (_Listed, (self.words,))

    def in_language(self, lang: str) -> str:
        return ", ".join(str(in_language(word, lang)) for word in self.words)


def either(words: Sequence[str]) -> str:
    """``a, b or c`` in the reader's language (``a, b ou c``); one word alone as it is."""
    if len(words) < 2:
        return words[0] if words else ""
    return Text("problem.list_or", items=_Listed(words[:-1]), last=words[-1])


def both(words: Sequence[str]) -> str:
    """``a, b and c`` in the reader's language (``a, b et c``); one word alone as it is."""
    if len(words) < 2:
        return words[0] if words else ""
    return Text("problem.list_and", items=_Listed(words[:-1]), last=words[-1])


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place. Lines and columns are 1-based."""

    path: str
    line: int
    col: int
    severity: Severity
    rule: str
    message: str
    hint: str = ""
    excerpt: str = ""  # the line of the file with a marker under the column, shown by ``text`` only

    def localised(self, lang: str) -> Problem:
        """The same problem with its message and hint said in ``lang`` (plain text from then on)."""
        if lang == DEFAULT_LANGUAGE:
            return self
        return replace(self, message=str(in_language(self.message, lang)), hint=str(in_language(self.hint, lang)))

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        t = translator(lang)
        p = self.localised(lang)
        severity = t("problem.severity_error") if self.severity == "error" else t("problem.severity_warning")
        head = f"{p.path}:{p.line}:{p.col}: {severity} [{p.rule}] {p.message}"
        hint = p.hint or t("problem.see_catalogue")
        docs = docs_url(self.rule, lang)
        shown = f"\n{p.excerpt}" if p.excerpt else ""
        return f"{head}{shown}\n  {t('problem.hint_label')} {hint} ({t('problem.docs_label')} {docs})"


def catalogue_url(lang: str = DEFAULT_LANGUAGE) -> str:
    """The rule catalogue of ``lang``: /contribute/rules/, /fr/contribute/rules/, /es/contribute/rules/."""
    return ("/" if lang == DEFAULT_LANGUAGE else f"/{lang}/") + DOCS_PATH


def docs_url(rule: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Where the rule catalogue explains ``rule``, in the catalogue of ``lang``."""
    return f"{catalogue_url(lang)}#{rule}"


def shown(value: object, limit: int = 80) -> str:
    """A value as a message quotes it: its ``repr``, shortened with its length past ``limit`` characters
    (an 80 KB text is named, not echoed: a :class:`Text`, so the length reads in the reader's language)."""
    text = repr(value)
    if len(text) <= limit:
        return text
    if isinstance(value, str):
        return Text("problem.shown_cut_text", start=text[: limit - 1], count=len(value))
    return Text("problem.shown_cut_value", start=text[: limit - 1], count=len(text))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """File, then line and column, so output reads top to bottom; duplicates dropped."""
    return sorted(set(problems))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


# Per file, the language its problems are said in (``--lang auto``: the language the file is written in).
Languages = Mapping[str, str]


def format_text(problems: list[Problem], lang: str = DEFAULT_LANGUAGE, languages: Languages | None = None) -> str:
    """Each problem in ``lang`` (or its file's language in ``languages``), then the count in ``lang``."""
    per_file = languages or {}
    lines = [p.text(per_file.get(p.path, lang)) for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if problems:
        lines.append(translator(lang)("problem.summary", errors=errors, warnings=warnings))
    return "\n".join(lines)


def format_github(problems: list[Problem], lang: str = DEFAULT_LANGUAGE, languages: Languages | None = None) -> str:
    """GitHub Actions workflow commands: annotations on the changed lines of a PR, in ``lang``
    (or each file's language in ``languages``)."""
    per_file = languages or {}
    out = []
    for problem in problems:
        here = per_file.get(problem.path, lang)
        t = translator(here)
        p = problem.localised(here)
        level = "error" if p.severity == "error" else "warning"
        props = ",".join(
            [
                f"file={_github_escape(p.path, prop=True)}",
                f"line={p.line}",
                f"col={p.col}",
                f"title={_github_escape(p.rule, prop=True)}",
            ]
        )
        body = p.message + (f"\n{t('problem.hint_label')} {p.hint}" if p.hint else "")
        out.append(f"::{level} {props}::{_github_escape(body)}")
    return "\n".join(out)


def format_json(problems: list[Problem], lang: str = DEFAULT_LANGUAGE, languages: Languages | None = None) -> str:
    per_file = languages or {}
    out = [
        {k: v for k, v in asdict(p.localised(per_file.get(p.path, lang))).items() if k != "excerpt"} for p in problems
    ]
    return json.dumps(out, ensure_ascii=False, indent=2)


def format_problems(
    problems: list[Problem], fmt: str, lang: str = DEFAULT_LANGUAGE, languages: Languages | None = None
) -> str:
    if fmt == "github":
        return format_github(problems, lang, languages)
    if fmt == "json":
        return format_json(problems, lang, languages)
    return format_text(problems, lang, languages)
