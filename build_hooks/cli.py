"""``pfp``: the Platform for Partnerships command line."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from build_hooks import reference
from build_hooks.diagnostics import FORMATS, format_problems
from build_hooks.generated import write_generated
from build_hooks.template import render_template
from build_hooks.validate import validate_paths

DESCRIPTION = """\
Tools for the Platform for Partnerships of the Anti-Personnel Mine Ban Convention.

Each State Party keeps one file, states/<ISO3>.yml, listing the assistance it
needs and can offer. These commands check those files and help write them.

Common tasks:
  pfp validate                 check every file in states/
  pfp validate states/KHM.yml  check one file (other files are read for references)
  pfp new KHM                  start a file for a State from a commented template
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pfp", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    v = sub.add_parser(
        "validate",
        help="check State files and list every problem with its line and a fix",
        description=(
            "Check State files against the contract and against each other (ids, references).\n"
            "Every problem is printed as  file:line:column: severity [rule-id] message\n"
            "followed by a hint. Exit status: 1 if any error was found, 0 otherwise\n"
            "(warnings alone do not fail). Rule ids are explained in the rule catalogue\n"
            "(content/contribute/rules.md, published at /contribute/rules/)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    v.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to report on (default: states/). The whole states/ folder is always read so references between States resolve.",
    )
    v.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), github (pull request annotations) or json"
    )
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date to check 'in the future' and 'stale' against (default: today)",
    )
    v.add_argument(
        "--states-dir", type=Path, default=Path("states"), help="the folder of State files (default: states/)"
    )
    v.add_argument("--quiet", action="store_true", help="print nothing when there is no problem")

    n = sub.add_parser(
        "new",
        help="write a commented template for a State's file",
        description="Write states/<ISO3>.yml from a commented template, filled in with what the Platform already knows about that State. Never overwrites an existing file.",
    )
    n.add_argument("iso3", metavar="ISO3", help="the State's ISO 3166-1 alpha-3 code, e.g. KHM")
    n.add_argument("--states-dir", type=Path, default=Path("states"), help="where to write (default: states/)")
    n.add_argument("--stdout", action="store_true", help="print the template instead of writing a file")

    g = sub.add_parser(
        "generate",
        help="regenerate the JSON Schema, rule catalogue and field reference from the code",
        description="Write schema/state.schema.json, content/contribute/rules.md and content/contribute/fields.md from build_hooks/model.py and build_hooks/rules.py.",
    )
    g.add_argument("--check", action="store_true", help="only report files that are out of date (exit 1 if any)")
    g.add_argument("--root", type=Path, default=Path(), help="the repository root (default: the current folder)")
    return parser


def cmd_validate(args: argparse.Namespace) -> int:
    today = args.as_of or dt.date.today()
    states_dir: Path = args.states_dir
    targets: list[Path] = args.paths or [states_dir]
    missing = [p for p in targets if not p.exists()]
    if missing:
        for p in missing:
            print(f"pfp: {p}: no such file or folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    # Read the whole folder as well, so that a single file's references resolve.
    scope = list(dict.fromkeys([*targets, *([states_dir] if states_dir.is_dir() else [])]))
    result = validate_paths(scope, today)
    shown_paths = {str(p) for p in _shown(targets)}
    problems = [p for p in result.problems if not args.paths or p.path in shown_paths]
    if args.strict:
        problems = [p.__class__(**{**p.__dict__, "severity": "error"}) for p in problems]
    elapsed = time.perf_counter() - started
    errors = sum(p.severity == "error" for p in problems)
    if problems:
        print(format_problems(problems, args.format))
    if args.format == "text" and not args.quiet:
        files = len(set(_shown(targets)))
        if not problems:
            print(f"pfp: {files} file(s) checked in {elapsed:.2f} s: no problems found")
        elif errors:
            print("Fix the errors above and run `pfp validate` again. Each rule is explained at /contribute/rules/.")
    return 1 if errors else 0


def _shown(targets: Sequence[Path]) -> list[str]:
    from build_hooks.validate import _display, state_files

    return [_display(f, None) for f in state_files(targets)]


def cmd_new(args: argparse.Namespace) -> int:
    iso3 = args.iso3.strip().upper()
    if not reference.is_state_party(iso3):
        print(f"pfp: {reference.explain_unknown_state(iso3)}; use the code of a State Party, e.g. KHM", file=sys.stderr)
        return 2
    text = render_template(iso3, dt.date.today())
    if args.stdout:
        print(text, end="")
        return 0
    target: Path = args.states_dir / f"{iso3}.yml"
    if target.exists():
        print(f"pfp: {target} already exists; edit it instead (nothing was changed)", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"pfp: wrote {target}. Fill it in, then run `pfp validate {target}`.")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    stale = write_generated(args.root, check=args.check)
    for rel in stale:
        print(f"pfp: {rel} {'is out of date' if args.check else 'updated'}")
    if args.check and stale:
        print("Run `pfp generate` and commit the result.")
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args)
    if args.command == "new":
        return cmd_new(args)
    if args.command == "generate":
        return cmd_generate(args)
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
