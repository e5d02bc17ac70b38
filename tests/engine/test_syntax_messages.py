"""Syntax errors a focal point can act on, in English, French and Spanish (issue 13, item 4).

One test per mistake, in each language: the problem is at the line and column where the
mistake is (not where the parser gave up), its message names the mistake in that language,
its hint says what to type, and the printed problem shows the line with a ``^`` under the
column. Then the excerpt itself, and a fuzz loop: no mutation of a valid file makes the
loader raise or point outside the file.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from build_hooks.diagnostics import Problem, format_github, format_json, format_text
from build_hooks.engine import load
from build_hooks.engine.load import load_text
from build_hooks.engine.yamltext import excerpt, split_lines
from build_hooks.i18n import LANGUAGES

HEADER = "schema_version: 2\nstate: SEN\nlast_reviewed: 2026-10-01\n"  # lines 1-3
NEED = HEADER + "needs:\n  - id: SEN-N-001\n"  # lines 4-5: the need's keys start in column 5


@dataclass(frozen=True)
class Mistake:
    """A file with one mistake, and what the problem must say about it."""

    text: str
    line: int
    col: int
    key: str  # the catalogue key of the message: the mistake, named
    words: dict[str, str]  # a word of the message in each language
    fixed: str | None = None  # what to type, as the hint shows it (the same code in every language)
    where: dict[str, str] = field(default_factory=dict)  # or: where to type it, in each language
    rule: str = "yaml-syntax"


def _col(n: int) -> dict[str, str]:
    return {"en": f"column {n}", "fr": f"colonne {n}", "es": f"columna {n}"}


def _line(n: int) -> dict[str, str]:
    return {"en": f"line {n}", "fr": f"ligne {n}", "es": f"línea {n}"}


TAB = {"en": "tab", "fr": "tabulation", "es": "tabulador"}
COLON = {"en": "colon", "fr": "deux-points", "es": "dos puntos"}
SPACE = {"en": "space", "fr": "espace", "es": "espacio"}
QUOTES = {"en": "quotes", "fr": "guillemets", "es": "comillas"}
QUOTE = {"en": "quote", "fr": "guillemet", "es": "comilla"}
LINED_UP = {"en": "lined up", "fr": "aligné", "es": "alineado"}
INDENTED = {"en": "indented", "fr": "retrait", "es": "sangría"}
NEVER_CLOSED = {"en": "never closed", "fr": "jamais fermé", "es": "nunca se cierra"}

MISTAKES: dict[str, Mistake] = {
    # a tab used for indentation
    "tab": Mistake(NEED + "\ttitle: Land release\n    status: open\n", 6, 1, "syntax.tab", TAB, where=_line(6)),
    "tab-after-spaces": Mistake(NEED + "  \t  status: open\n", 6, 3, "syntax.tab", TAB, where=_line(6)),
    "tab-after-dash": Mistake("needs:\n  -\tid: SEN-N-001\n", 2, 4, "syntax.tab_inside", TAB, where=_col(4)),
    # a missing colon after a key
    "missing-colon-quoted": Mistake(
        NEED + '    title "Land release"\n    status: open\n',
        6,
        10,
        "syntax.missing_colon",
        COLON,
        fixed='title: "Land release"',
    ),
    "missing-colon-word": Mistake(
        NEED + "    title: Land release\n    status open\n    area: clearance\n",
        7,
        11,
        "syntax.missing_colon",
        COLON,
        fixed="status: open",
    ),
    "missing-colon-last-line": Mistake(
        NEED + "    title: Land release\n    status open\n", 7, 11, "syntax.missing_colon", COLON, fixed="status: open"
    ),
    "missing-colon-seen-from-next-line": Mistake(
        HEADER + 'contacts:\n  - role "Focal point"\n    email: focal@mine-action.sn\n',
        5,
        9,
        "syntax.missing_colon",
        COLON,
        fixed='- role: "Focal point"',
    ),
    "key-without-colon-over-its-keys": Mistake(
        NEED + "    amount\n      value: 250000\n      currency: XOF\n",
        6,
        11,
        "syntax.missing_colon",
        COLON,
        fixed="amount:",
    ),
    "key-without-colon-or-value": Mistake(
        NEED + "    status\n    area: clearance\n", 6, 11, "syntax.missing_colon_value", COLON, fixed="status: …"
    ),
    # a text containing ": " that needs quotes
    "colon-in-text": Mistake(
        NEED + "    title: Phase 2: clearance\n    status: open\n",
        6,
        12,
        "syntax.colon_in_text",
        COLON,
        fixed='title: "Phase 2: clearance"',
    ),
    "colon-in-text-with-a-quote": Mistake(
        NEED + '    title: The "Phase 2": clearance\n',
        6,
        12,
        "syntax.colon_in_text",
        COLON,
        fixed="""title: 'The "Phase 2": clearance'""",
    ),
    "colon-in-a-list-of-texts": Mistake(
        NEED + "    notes:\n      - Phase 2: clearance: more\n",
        7,
        9,
        "syntax.colon_in_text",
        COLON,
        fixed='- "Phase 2: clearance: more"',
    ),
    # an item or key not lined up with the one above, a key indented under a value
    "item-further-right": Mistake(
        NEED + "    title: Land release\n   - id: SEN-N-002\n",
        7,
        4,
        "syntax.item_not_aligned",
        LINED_UP,
        where=_col(3),
    ),
    "item-further-left": Mistake(
        "needs:\n  - id: SEN-N-001\n    title: Land release\n - id: SEN-N-002\n   title: Survey\n",
        4,
        2,
        "syntax.item_not_aligned",
        LINED_UP,
        where=_col(3),
    ),
    "key-further-left": Mistake(
        NEED + "    title: Land release\n   status: open\n", 7, 4, "syntax.key_not_aligned", LINED_UP, where=_col(5)
    ),
    "key-under-a-value": Mistake(
        NEED + "    title: Land release\n      status: open\n",
        7,
        7,
        "syntax.key_under_value",
        INDENTED,
        where=_col(5),
    ),
    "key-under-a-quoted-value": Mistake(
        NEED + '    title: "Land release"\n      status: open\n',
        7,
        7,
        "syntax.key_under_value",
        INDENTED,
        where=_col(5),
    ),
    "key-under-a-top-level-value": Mistake(
        HEADER + "  status: open\n", 4, 3, "syntax.key_under_value", INDENTED, where=_col(1)
    ),
    "value-not-indented": Mistake(
        HEADER + 'contacts:\n  - role:\n  "Focal point"\n',
        6,
        3,
        "syntax.value_not_indented",
        INDENTED,
        fixed='- role: "Focal point"',
    ),
    # an unclosed quote or bracket
    "unclosed-double-quote": Mistake(
        NEED + '    title: "Land release\n    status: open\n', 6, 12, "syntax.unclosed_quote", NEVER_CLOSED, fixed='"'
    ),
    "unclosed-single-quote": Mistake(
        NEED + "    title: 'Land release\n", 6, 12, "syntax.unclosed_quote", NEVER_CLOSED, fixed="'"
    ),
    "quote-closed-by-the-next-value": Mistake(
        NEED + '    title: "Land release\n    status: "open"\n    area: clearance\n',
        6,
        12,
        "syntax.unclosed_quote",
        NEVER_CLOSED,
        fixed='"',
    ),
    "unclosed-bracket": Mistake(
        NEED + "    eligible: [MLI, SEN\n    status: open\n",
        6,
        15,
        "syntax.unclosed_bracket",
        NEVER_CLOSED,
        fixed="eligible: [MLI, SEN]",
    ),
    "unclosed-brace": Mistake(
        NEED + "    amount: {value: 250000, currency: USD\n",
        6,
        13,
        "syntax.unclosed_bracket",
        NEVER_CLOSED,
        fixed="amount: {value: 250000, currency: USD}",
    ),
    "missing-comma-in-braces": Mistake(
        NEED + "    amount: {value: 250000 currency: USD}\n",
        6,
        13,
        "syntax.flow",
        {"en": "list", "fr": "liste", "es": "lista"},
        fixed="{value: 250000, currency: USD}",
    ),
    "bracket-closing-nothing": Mistake(
        NEED + "    eligible: [MLI, SEN]]\n",
        6,
        25,
        "syntax.stray_bracket",
        {"en": "closes nothing", "fr": "ne ferme rien", "es": "no cierra nada"},
        where=_col(25),
    ),
    "text-after-the-closing-quote": Mistake(
        NEED + '    title: "Land" release\n',
        6,
        17,
        "syntax.text_after_quote",
        QUOTE,
        fixed="""title: '"Land" release'""",
    ),
    # a `-` without a space, `key:value` without the space
    "dash-without-space": Mistake(
        "needs:\n  -id: SEN-N-001\n    title: Land release\n",
        2,
        3,
        "syntax.dash_space",
        SPACE,
        fixed="- id: SEN-N-001",
    ),
    "dash-without-space-read-as-a-key": Mistake(
        "needs:\n  -id: SEN-N-001\n", 2, 3, "syntax.dash_space", SPACE, fixed="- id: SEN-N-001"
    ),
    "no-space-after-colon": Mistake(
        NEED + "    status:open\n    title: Land release\n",
        6,
        11,
        "syntax.no_space_after_colon",
        SPACE,
        fixed="status: open",
    ),
    "no-space-after-colon-read-on": Mistake(
        "state:SEN\nlast_reviewed: 2026-10-01\n", 1, 6, "syntax.no_space_after_colon", SPACE, fixed="state: SEN"
    ),
    "no-space-after-colon-in-an-item": Mistake(
        "needs:\n  - id:SEN-N-001\n    title: Land release\n",
        2,
        7,
        "syntax.no_space_after_colon",
        SPACE,
        fixed="- id: SEN-N-001",
    ),
    # a value starting with @, `, %, *, &; | and > misused; a list item after a key
    "at-sign": Mistake(NEED + "    title: @home\n", 6, 12, "syntax.special_start", QUOTES, fixed='title: "@home"'),
    "backtick": Mistake(NEED + "    title: `Land`\n", 6, 12, "syntax.special_start", QUOTES, fixed='title: "`Land`"'),
    "percent": Mistake(
        NEED + "    title: %50 funded\n", 6, 12, "syntax.special_start", QUOTES, fixed='title: "%50 funded"'
    ),
    "star-text": Mistake(
        NEED + "    title: *urgent* clearance\n",
        6,
        12,
        "syntax.special_start",
        QUOTES,
        fixed='title: "*urgent* clearance"',
    ),
    "alias": Mistake(
        NEED + "    title: *urgent\n",
        6,
        12,
        "syntax.alias",
        {"en": "alias", "fr": "alias", "es": "alias"},
        fixed='title: "*urgent"',
        rule="yaml-alias",
    ),
    "anchor": Mistake(
        NEED + "    title: &urgent clearance\n",
        6,
        12,
        "syntax.anchor",
        {"en": "anchor", "fr": "ancre", "es": "ancla"},
        fixed='title: "&urgent clearance"',
        rule="yaml-alias",
    ),
    "exclamation-mark": Mistake(
        NEED + "    title: !urgent clearance\n",
        6,
        12,
        "syntax.tag",
        {"en": "tag", "fr": "étiquette", "es": "etiqueta"},
        fixed='title: "!urgent clearance"',
        rule="yaml-tag",
    ),
    "text-after-bar": Mistake(
        NEED + "    description: | Survey of the north\n",
        6,
        18,
        "syntax.block_indicator",
        {"en": "next line", "fr": "ligne suivante", "es": "línea siguiente"},
        fixed="description: Survey of the north",
    ),
    "text-after-greater-than-not-indented": Mistake(
        NEED + "    description: >\n    Survey of the north\n",
        7,
        5,
        "syntax.block_indent",
        INDENTED,
        where=_col(7),
    ),
    "line-of-a-text-further-left": Mistake(
        NEED + "    description: |\n      Survey of the north\n     and the east\n    area: clearance\n",
        8,
        6,
        "syntax.text_not_aligned",
        {"en": "left", "fr": "gauche", "es": "izquierda"},
        where=_col(7),
    ),
    "item-after-a-key": Mistake(
        NEED + "    eligible: - MLI\n",
        6,
        15,
        "syntax.item_after_key",
        {"en": "same line", "fr": "même ligne", "es": "misma línea"},
        fixed="eligible: [MLI]",
    ),
    # what else people type: a backslash in double quotes, a stray character, an invisible one, `...` and `%`
    "backslash-in-double-quotes": Mistake(
        NEED + '    title: "C:\\Users\\report"\n',
        6,
        15,
        "syntax.escape",
        {"en": "special character", "fr": "caractère spécial", "es": "carácter especial"},
        fixed="title: 'C:\\Users\\report'",
    ),
    "stray-character-before-a-key": Mistake(
        NEED + "    title: Land release\n  ]  status: open\n",
        7,
        3,
        "syntax.stray_char",
        {"en": "no place", "fr": "pas sa place", "es": "no tiene cabida"},
        where=_col(3),
    ),
    "control-character": Mistake(
        NEED + "    title: Land\x07release\n",
        6,
        16,
        "syntax.control_char",
        {"en": "invisible", "fr": "invisible", "es": "invisible"},
        where=_col(16),
    ),
    "text-after-the-end-marker": Mistake(
        HEADER + "...\nneeds: []\n", 5, 1, "syntax.after_end", {"en": "ends", "fr": "fin", "es": "final"}, fixed="..."
    ),
    "percent-at-the-start-of-a-line": Mistake(
        "%YAML 1.1\n" + HEADER,
        1,
        1,
        "syntax.directive",
        {"en": "instruction", "fr": "instruction", "es": "instrucción"},
        where=_line(1),
    ),
    "second-document": Mistake(
        HEADER + "---\nstate: MLI\n",
        4,
        1,
        "syntax.second_document",
        {"en": "more than one", "fr": "plus d'un", "es": "más de un"},
        fixed="---",
    ),
    "anything-else": Mistake(
        '"title" Land release\n',
        1,
        9,
        "syntax.generic",
        {"en": "cannot be read", "fr": "ne peut pas être lu", "es": "no se puede leer"},
        where=_line(1),
    ),
}


def _problem(text: str) -> Problem:
    doc, problems = load_text("states/SEN.yml", text)
    assert doc is None
    assert len(problems) == 1, [p.text() for p in problems]
    return problems[0]


def _marker(text: str, line: int, col: int) -> str:
    """The excerpt as a reader sees it: the line, then a ``^`` under the column (tabs copied, to line up)."""
    source = split_lines(text)[line - 1].replace("\x07", "\ufffd")
    pad = "".join("\t" if c == "\t" else " " for c in source[: col - 1])
    number = str(line)
    return f"  {number} | {source}".rstrip(" ") + f"\n  {' ' * len(number)} | {pad}^"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_is_named_where_it_is_with_what_to_type(name: str, lang: str) -> None:
    mistake = MISTAKES[name]
    problem = _problem(mistake.text)
    assert (problem.rule, problem.line, problem.col) == (mistake.rule, mistake.line, mistake.col), problem.text()
    assert problem.message.key == mistake.key  # type: ignore[attr-defined]

    said = problem.localised(lang)
    assert mistake.words[lang] in said.message, said.message
    if mistake.fixed is not None:
        assert f"`{mistake.fixed}`" in said.hint, said.hint
    if mistake.where:
        assert mistake.where[lang] in said.hint + said.message, said.hint
    if lang != "en":
        english = problem.localised("en")
        assert (said.message, said.hint) != (english.message, english.hint)
    for jargon in ("mapping values", "cannot start any token", "expected", "scalar", "YAML syntax:"):
        assert jargon not in said.message + said.hint

    printed = format_text([problem], lang)
    head = f"states/SEN.yml:{mistake.line}:{mistake.col}: "
    assert printed.startswith(head + ("error" if lang != "fr" else "erreur"))
    assert _marker(mistake.text, mistake.line, mistake.col) in printed, printed


def test_the_excerpt_is_printed_between_the_message_and_the_hint() -> None:
    problem = _problem(MISTAKES["colon-in-text"].text)
    assert problem.text("fr").splitlines() == [
        "states/SEN.yml:6:12: erreur [yaml-syntax] ce texte contient « : » (deux-points suivis d'une espace), "
        "que YAML lit comme le début d'une autre clé",
        "  6 |     title: Phase 2: clearance",
        "    |            ^",
        '  conseil : mettez tout le texte entre guillemets : `title: "Phase 2: clearance"` '
        "(explications : /fr/contribute/rules/#yaml-syntax)",
    ]


def test_the_excerpt_is_text_format_only() -> None:
    problem = _problem(MISTAKES["tab"].text)
    assert problem.excerpt
    assert "|" not in format_github([problem], "es")
    assert "excerpt" not in format_json([problem], "es")


def test_a_long_line_is_cut_around_the_column() -> None:
    line = "title: " + "x" * 5000 + ": " + "y" * 5000
    shown = excerpt(line, 6, 5008)
    first, marker = shown.splitlines()
    assert len(first) < 120 and first.startswith("  6 | …") and first.endswith("…")
    assert first[marker.index("^")] == ":"  # the marker is under the colon that was written there


def test_the_excerpt_shows_invisible_and_direction_characters() -> None:
    first, marker = excerpt("title: a\x1b[31mb\u202ec", 3, 9).splitlines()
    assert "\x1b" not in first and "\u202e" not in first
    assert first == "  3 | title: a\ufffd[31mb\ufffdc"
    assert marker.index("^") == first.index("\ufffd")


def test_the_marker_lines_up_under_wide_characters_and_tabs() -> None:
    first, marker = excerpt("\ttitle: 地雷: x", 1, 11).splitlines()
    assert first == "  1 | \ttitle: 地雷: x"
    assert marker == "    | \t" + " " * (len("title: ") + 4) + "^"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_load_problems_show_their_line_and_speak_the_language(lang: str, tmp_path: Path) -> None:
    text = HEADER + "needs:\n  - id: SEN-N-001\n    status: open\n    status: met\n"
    problem = _problem(text)
    assert (problem.rule, problem.line, problem.col) == ("yaml-duplicate-key", 7, 5)
    printed = problem.text(lang)
    assert _marker(text, 7, 5) in printed
    assert {"en": "lines 6 and 7", "fr": "lignes 6 et 7", "es": "líneas 6 y 7"}[lang] in printed

    path = tmp_path / "SEN.yml"
    path.write_bytes(HEADER.encode() + b"title: Caf\xe9\n")
    doc, problems = load.load_file(path, "states/SEN.yml")
    assert doc is None and [(p.rule, p.line, p.col) for p in problems] == [("yaml-encoding", 4, 11)]
    printed = problems[0].text(lang)
    assert "  4 | title: Caf\ufffd\n    |           ^" in printed
    assert {"en": "UTF-8", "fr": "UTF-8", "es": "UTF-8"}[lang] in printed
    assert {"en": "save the file", "fr": "enregistrez le fichier", "es": "guarde el archivo"}[lang] in printed


def test_a_tag_meant_as_yaml_is_named_as_written() -> None:
    problem = _problem(HEADER + 'title: !!python/object/apply:os.system ["true"]\n')
    assert (problem.rule, problem.line, problem.col) == ("yaml-tag", 4, 8)
    assert "`!!python/object/apply:os.system`" in problem.message
    assert problem.hint.key == "syntax.tag_hint"  # type: ignore[attr-defined]  # no "put it in quotes"


@pytest.mark.parametrize("parser", ["libyaml", "python"])
def test_the_same_diagnosis_with_either_parser(parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's own scanner words its errors differently from libyaml's; the diagnosis reads the text."""
    if parser == "python":
        monkeypatch.setattr(load, "_Parser", yaml.SafeLoader)
    differs = {"tab-after-dash"}  # the Python scanner also stops at a tab after `key:` (libyaml reads it)
    for name, mistake in MISTAKES.items():
        if name in differs and parser == "python":
            continue
        problem = _problem(mistake.text)
        assert (problem.line, problem.col, problem.message.key) == (  # type: ignore[attr-defined]
            mistake.line,
            mistake.col,
            mistake.key,
        ), name


# --- fuzz: no text makes the loader raise or point outside the file ------------------------------

VALID = (
    HEADER
    + """\
# a comment
contacts:
  - role: "Focal point"
    email: focal@mine-action.sn
needs:
  - id: SEN-N-001
    title: "Land release: Casamance"
    area: clearance
    kind: financial
    status: open
    eligible: [MLI, GMB]
    amount: {value: 250000, currency: XOF}
    description: |
      Survey and clearance
      of the last areas.
    period:
      start: 2026-01-01
      end: 2027-12-31
offers:
  - id: SEN-O-001
    title: 'Training in "non-technical" survey'
    area: clearance
    kind: expertise
    status: available
"""
)
ALPHABET = " :-\"'#\t\n[]{}"


def _mutations(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = VALID
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if at < len(text) and rng.random() < 0.5:
                text = text[:at] + text[at + 1 :]
            else:
                text = text[:at] + rng.choice(ALPHABET) + text[at:]
        out.append(text)
    return out


def test_the_valid_file_loads() -> None:
    doc, problems = load_text("states/SEN.yml", VALID)
    assert problems == [] and doc is not None


@pytest.mark.parametrize(("parser", "seed", "count"), [("libyaml", 13, 4000), ("python", 14, 1500)])
def test_random_mutations_never_raise_and_stay_inside_the_file(
    parser: str, seed: int, count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if parser == "python":
        monkeypatch.setattr(load, "_Parser", yaml.SafeLoader)
    refused = 0
    for text in _mutations(seed, count):
        doc, problems = load_text("states/SEN.yml", text)
        lines = split_lines(text)
        refused += doc is None
        for problem in problems:
            assert 1 <= problem.line <= len(lines) + 1, (text, problem)
            assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, (text, problem)
            assert problem.excerpt.startswith(f"  {problem.line} | "), (text, problem)
            for lang in LANGUAGES:
                assert problem.text(lang)
    assert refused > count // 4  # the loop did meet syntax errors


def test_pfp_validate_prints_the_marked_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from build_hooks.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "states").mkdir()
    (tmp_path / "states" / "SEN.yml").write_text(MISTAKES["colon-in-text"].text, encoding="utf-8")
    assert main(["validate", "--as-of", "2026-11-27"]) == 1
    out = capsys.readouterr().out
    assert "states/SEN.yml:6:12: error [yaml-syntax] this text contains" in out
    assert "  6 |     title: Phase 2: clearance\n    |            ^\n" in out


@pytest.mark.parametrize(
    "text",
    [
        "a: b\nx" + " " * 200_000 + "\n  c: d: e\n",
        "title: x\nk" + " " * 200_000 + "y\n      z: 1\n",
        'a: "b\n' * 30_000 + "c: d: e\n",
        "a: [b\n" * 30_000 + "c: d: e\n",
        "".join(f"k{i}: v\n" for i in range(20_000)) + " z: 1\n",
        "title: " + "a: " * 80_000 + "\n",
    ],
    ids=["spaces", "spaces-then-key", "quotes", "brackets", "many-keys", "colons"],
)
def test_a_diagnosis_is_fast_on_a_hostile_file(text: str) -> None:
    """SECURITY.md item 32: linear in the input; the diagnosis reads a few lines around the stop."""
    started = time.perf_counter()
    doc, problems = load_text("states/SEN.yml", text[: load.MAX_BYTES])
    assert doc is None and problems
    assert time.perf_counter() - started < 2.0
    assert all(len(p.text()) < 600 for p in problems)


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "put the whole text in quotes"),
        ("fr", "mettez tout le texte entre guillemets"),
        ("es", "ponga todo el texto entre comillas"),
    ],
)
def test_a_command_with_lang_prints_the_mistake_in_that_language(
    lang: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from build_hooks.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "states").mkdir()
    (tmp_path / "states" / "SEN.yml").write_text(MISTAKES["colon-in-text"].text, encoding="utf-8")
    assert main(["format", "--check", "--lang", lang, "states/SEN.yml"]) == 1
    out = capsys.readouterr()
    printed = out.out + out.err
    assert "states/SEN.yml:6:12: " in printed
    colon = " : " if lang == "fr" else ": "  # French typography: a space before the colon
    assert f'{says}{colon}`title: "Phase 2: clearance"`' in printed
    assert "  6 |     title: Phase 2: clearance\n    |            ^\n" in printed


def test_any_parser_error_on_a_state_file_becomes_the_same_problem() -> None:
    """``syntax_problem`` is what load_text says, for code that runs a parser of its own (pfp format's comments)."""
    text = "needs:\n  - id: SEN-N-001\n    status:\topen\n"
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        list(yaml.parse(text, Loader=yaml.SafeLoader))  # the Python scanner refuses the tab libyaml reads
    problem = load.syntax_problem("states/SEN.yml", text, raised.value)
    assert (problem.line, problem.col, problem.message.key) == (3, 12, "syntax.tab_inside")  # type: ignore[attr-defined]
    assert "  3 |     status:\topen\n    |            ^" in problem.text("fr")
    assert "remplacez la tabulation de la ligne 3, colonne 12, par une espace" in problem.text("fr")
