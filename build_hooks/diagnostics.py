"""Problems found in State files, and the three ways of printing them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
FORMATS = ("text", "github", "json")
DOCS_URL = "/contribute/rules/"


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

    def text(self) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity} [{self.rule}] {self.message}"
        hint = self.hint or "see the rule catalogue"
        return f"{head}\n  hint: {hint} (docs: {DOCS_URL}#{self.rule})"


def shown(value: object, limit: int = 80) -> str:
    """A value as a message quotes it: its ``repr``, shortened with its length past ``limit`` characters
    (an 80 KB text is named, not echoed)."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value)} characters" if isinstance(value, str) else f"{len(text)} characters written"
    return f"{text[: limit - 1]}… ({size})"


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


def format_text(problems: list[Problem]) -> str:
    lines = [p.text() for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if problems:
        lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: annotations on the changed lines of a PR."""
    out = []
    for p in problems:
        level = "error" if p.severity == "error" else "warning"
        props = ",".join(
            [
                f"file={_github_escape(p.path, prop=True)}",
                f"line={p.line}",
                f"col={p.col}",
                f"title={_github_escape(p.rule, prop=True)}",
            ]
        )
        body = p.message + (f"\nhint: {p.hint}" if p.hint else "")
        out.append(f"::{level} {props}::{_github_escape(body)}")
    return "\n".join(out)


def format_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def format_problems(problems: list[Problem], fmt: str) -> str:
    if fmt == "github":
        return format_github(problems)
    if fmt == "json":
        return format_json(problems)
    return format_text(problems)
