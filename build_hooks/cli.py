"""``pfp``: the Platform for Partnerships command line."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from build_hooks import reference
from build_hooks.diagnostics import FORMATS, Problem, catalogue_url, format_problems, in_language
from build_hooks.engine.record import RECORD_DIR
from build_hooks.engine.validate import state_files, validate_paths
from build_hooks.gitrepo import GitError
from build_hooks.i18n import LANGUAGE_VARIABLE, LANGUAGES, fmt_number, language_of_environment, translator
from build_hooks.settings import Settings, SettingsError, load_settings
from build_hooks.workflow import linkcheck, owners, review
from build_hooks.workflow import reminders as stale
from build_hooks.workflow.apply import apply_file, format_applied
from build_hooks.workflow.docpages import field_catalogue_drift
from build_hooks.workflow.formatting import FormatError, format_file
from build_hooks.workflow.generated import write_generated
from build_hooks.workflow.migrate import migrate_text
from build_hooks.workflow.newfile import render_template

DESCRIPTION = """\
Tools for the Platform for Partnerships of the Anti-Personnel Mine Ban Convention.

Each State Party keeps one file, states/<ISO3>.yml, listing the assistance it
needs and can offer. These commands check those files and help write them.

Common tasks:
  pfp validate                 check every file in states/
  pfp validate states/KHM.yml  check one file (other files are read for references)
  pfp new KHM                  start a file for a State from a commented template
  pfp format                   write every file in the canonical layout (the one the form editor writes)
  pfp build                    build the site in English, French and Spanish into site/

For the ISU (reviewing and reminding):
  pfp apply ~/Downloads/SEN.yml     check a file a focal point sent from the form editor, then put it in states/
  pfp review --base origin/main     summarise a change to states/ in plain language
  pfp check-owner --author LOGIN --base origin/main
                                    check that a change touches only files its author may change
  pfp owners                        regenerate .github/CODEOWNERS from the focal points' GitHub handles
  pfp stale --out reminders.csv     list States to remind, and write the list for the annual letter
  pfp linkcheck site                check every link inside a built site (offline)

Run `pfp COMMAND --help` for the details of one command.
"""


LANG_HELP = "the language of the messages: en, fr or es (default: the shell's, from LANG)"
AUTO_LANG_CHOICES = ("auto", *LANGUAGES)
AUTO_LANG_HELP = (
    "the language of the messages: en, fr or es; auto says each file's problems in the language"
    " most of its entries are written in (their `language`, default en). Default: auto with"
    " --format github, else the shell's locale (LC_ALL, LC_MESSAGES, LANG or LANGUAGE; PFP_LANG first)"
)


def _problem_lang(args: argparse.Namespace) -> tuple[str, bool]:
    """(the language of the command's own lines, whether each file's problems follow its language)."""
    chosen = args.lang or ("auto" if getattr(args, "format", "text") == "github" else None)
    if chosen in LANGUAGES:
        return chosen, False
    return language_of_environment(os.environ), chosen == "auto"


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
            "(content/contribute/rules.md, published at /contribute/rules/).\n\n"
            "Messages are in English, French or Spanish: --lang, else the shell's locale\n"
            "(LANG=fr_SN.UTF-8 is French). With --format github each file's problems are\n"
            "said in the language its entries are written in (--lang auto): a French-writing\n"
            "State's pull request is annotated in French. The file's keys and allowed words\n"
            "stay English in every language (status: open), and the hint names them.\n\n"
            "Example:  pfp validate --lang fr states/SEN.yml"
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
    v.add_argument("--lang", choices=AUTO_LANG_CHOICES, help=AUTO_LANG_HELP)
    v.add_argument("--quiet", action="store_true", help="print nothing when there is no problem")
    v.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site configuration (extra.pfp) to read")

    n = sub.add_parser(
        "new",
        help="write a commented template for a State's file",
        description="Write states/<ISO3>.yml from a commented template, its comments and examples in English, French or Spanish (--lang). It holds only what is true of a new file: no contact, no review date, and none of the facts the official record (record/*.csv) holds. Never overwrites an existing file.",
    )
    n.add_argument("iso3", metavar="ISO3", help="the State's ISO 3166-1 alpha-3 code, e.g. KHM")
    n.add_argument("--states-dir", type=Path, default=Path("states"), help="where to write (default: states/)")
    n.add_argument("--stdout", action="store_true", help="print the template instead of writing a file")
    n.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="the language of the template's comments and examples: en, fr or es (default: the shell's locale, else en)",
    )

    m = sub.add_parser(
        "migrate",
        help="move version 1 State files to version 2 (the record now holds membership, obligations, reports)",
        description=(
            "Rewrite each version 1 file in place as version 2: `schema_version: 2`, and the\n"
            "membership, obligations and reporting blocks removed (those facts live in the\n"
            "official record, record/*.csv, kept by the ISU). Every other line and comment is kept.\n"
            "The removed blocks are printed so the ISU can compare them with the record.\n\n"
            "Example:  pfp migrate states/KHM.yml      pfp migrate --check states/"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    m.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="State files or folders")
    m.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file needs moving")
    m.add_argument("--lang", choices=LANGUAGES, help=LANG_HELP)

    f = sub.add_parser(
        "format",
        help="write State files in the canonical layout (the layout the form editor writes)",
        description=(
            "Rewrite each file in the repository's canonical layout, the one the form editor on the\n"
            "site writes, so that every change is a small diff: comments at the top, keys in one\n"
            "order, text quoted only where needed, one blank line between entries. The data never\n"
            "changes (each result is read back and compared). A file that cannot be read is reported\n"
            "with its line and left as it was.\n\n"
            "Example:  pfp format      pfp format states/KHM.yml      pfp format --check"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    f.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: states/ and examples/)"
    )
    f.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not in the layout")
    f.add_argument(
        "--advisory",
        action="store_true",
        help="with --check: report files not in the layout as warnings and exit 0 (used for states/ in CI, "
        "so a State's pull request made in GitHub's web editor is never refused for its layout)",
    )
    f.add_argument("--format", choices=("text", "github"), default="text", help="github: one annotation per file")
    f.add_argument("--lang", choices=LANGUAGES, help=LANG_HELP)

    a = sub.add_parser(
        "apply",
        help="check a State file received from the form editor (e.g. by e-mail) and put it in states/",
        description=(
            "For the ISU: take a State file a focal point downloaded from the form editor and sent in,\n"
            "check it with the rest of the repository exactly as `pfp validate` would once it is in\n"
            "place, and write it to states/<ISO3>.yml (the State is read from its `state:` line) in\n"
            "the canonical layout. Every problem is printed with the received file's line and column;\n"
            "if there is any error, nothing is written. Then commit the change and open a pull request.\n\n"
            "Example:  pfp apply ~/Downloads/SEN.yml"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument("file", type=Path, metavar="FILE", help="the file received, e.g. ~/Downloads/SEN.yml")
    a.add_argument(
        "--as-of", type=_date, metavar="YYYY-MM-DD", help="the date to check 'in the future' against (default: today)"
    )
    a.add_argument(
        "--states-dir", type=Path, default=Path("states"), help="the folder of State files (default: states/)"
    )
    a.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site configuration (extra.pfp) to read")
    a.add_argument("--lang", choices=LANGUAGES, help=LANG_HELP)

    g = sub.add_parser(
        "generate",
        help="regenerate the JSON Schema, rule catalogue, field reference and template context from the code",
        description="Write schema/state.schema.json, the rule catalogue and the field reference in English, French and Spanish (content/contribute/rules.md and fields.md, content/fr/contribute/..., content/es/contribute/...) and overrides/pfp/CONTEXT.md from build_hooks/engine/model.py, build_hooks/engine/rulebook.py, the catalogues build_hooks/locales/*.po and build_hooks/site/context.py.",
    )
    g.add_argument("--check", action="store_true", help="only report files that are out of date (exit 1 if any)")
    g.add_argument("--root", type=Path, default=Path(), help="the repository root (default: the current folder)")
    g.add_argument("--lang", choices=LANGUAGES, help=LANG_HELP)

    b = sub.add_parser(
        "build",
        help="build the site in English, French and Spanish into one folder",
        description=(
            "Build the English site (mkdocs.yml) at the root of SITE_DIR and the French and Spanish\n"
            "sites (mkdocs.fr.yml, mkdocs.es.yml) in SITE_DIR/fr/ and SITE_DIR/es/, in parallel, with\n"
            "MkDocs' --strict. The new site replaces the old one only when every language built\n"
            "cleanly; otherwise the old site is left as it was and the problems are printed.\n\n"
            "For a live preview while editing, use `mkdocs serve` (English) or\n"
            "`mkdocs serve -f mkdocs.fr.yml` (French)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument("--site-dir", type=Path, default=Path("site"), help="where to put the site (default: site/)")
    b.add_argument(
        "--languages", default="en,fr,es", help="comma-separated languages to build (default: en,fr,es; en is required)"
    )
    b.add_argument("--jobs", type=int, default=None, help="parallel builds (default: one per core, at most 3)")
    b.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language of the problems the builds print (default: the shell's locale, as `pfp validate`)",
    )
    _add_workflow_commands(sub)
    return parser


def _settings(args: argparse.Namespace, command: str, lang: str = "en") -> Settings | None:
    """The settings in ``--config``; None (after printing every problem) when a value is refused."""
    try:
        return load_settings(args.config)
    except SettingsError as exc:
        print(format_problems(exc.problems, "text", lang), file=sys.stderr)
        t = translator(lang)
        print(t("problem.cli_fix_settings", command=command, config=args.config), file=sys.stderr)
        return None


def cmd_validate(args: argparse.Namespace) -> int:
    today = args.as_of or dt.date.today()
    lang, per_file = _problem_lang(args)
    t = translator(lang)
    settings = _settings(args, "validate", lang)
    if settings is None:
        return 2
    states_dir: Path = args.states_dir
    targets: list[Path] = args.paths or [states_dir]
    missing = [p for p in targets if not p.exists()]
    if missing:
        for p in missing:
            print(t("problem.cli_no_such_path", path=p), file=sys.stderr)
        return 2
    started = time.perf_counter()
    # Read the whole folder as well, so that a single file's references resolve.
    scope = list(dict.fromkeys([*targets, *([states_dir] if states_dir.is_dir() else [])]))
    result = validate_paths(scope, today, stale_months=settings.stale_months)
    shown_paths = {str(p) for p in _shown(targets)}
    # A problem in the official record concerns every file: it is always shown.
    problems = [p for p in result.problems if not args.paths or p.path in shown_paths or p.path.startswith(RECORD_DIR)]
    if args.strict:
        problems = [p.__class__(**{**p.__dict__, "severity": "error"}) for p in problems]
    elapsed = time.perf_counter() - started
    errors = sum(p.severity == "error" for p in problems)
    if problems:
        print(format_problems(problems, args.format, lang, result.languages if per_file else None))
    if args.format == "text" and not args.quiet:
        files = len(set(_shown(targets)))
        if not problems:
            print(t("problem.cli_no_problems", files=files, seconds=fmt_number(round(elapsed, 2), lang)))
        elif errors:
            print(t("problem.cli_fix_errors", url=catalogue_url(lang)))
    return 1 if errors else 0


def _shown(targets: Sequence[Path]) -> list[str]:
    from build_hooks.engine.validate import _display, state_files

    return [_display(f, None) for f in state_files(targets)]


def cmd_migrate(args: argparse.Namespace) -> int:
    t = translator(_lang(args))
    pending = 0
    for file in state_files(args.paths):
        done = migrate_text(file.read_text(encoding="utf-8"))
        if not done.changed:
            continue
        pending += 1
        moved = ", ".join(done.removed) or t("migrate.nothing")  # the blocks' keys, English in every language
        if args.check:
            print(t("migrate.would_remove", file=file, moved=moved))
            continue
        file.write_text(done.text, encoding="utf-8")
        print(t("migrate.migrated", file=file, moved=moved))
        for block in done.removed.values():
            print("    " + block.rstrip().replace("\n", "\n    "))
        if done.examples:
            print(t("migrate.examples_left", file=file, count=len(done.examples)))
    if not pending:
        print(t("migrate.nothing_to_do"))
    return 1 if args.check and pending else 0


def cmd_new(args: argparse.Namespace) -> int:
    iso3 = args.iso3.strip().upper()
    if not reference.is_named_state(iso3):
        print(f"pfp: {reference.explain_unknown_state(iso3)}; use the code of a State Party, e.g. KHM", file=sys.stderr)
        return 2
    lang = _lang(args)
    text = render_template(iso3, dt.date.today(), lang)
    if args.stdout:
        print(text, end="")
        return 0
    t = translator(lang)
    target: Path = args.states_dir / f"{iso3}.yml"
    if target.exists():
        print(t("newfile.exists", path=target), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(t("newfile.written", path=target))
    return 0


def _lang(args: argparse.Namespace) -> str:
    """``--lang``, else the shell's language (LANG and the other locale variables), else English."""
    return str(args.lang or language_of_environment(os.environ))


def cmd_format(args: argparse.Namespace) -> int:
    lang = _lang(args)
    t = translator(lang)
    targets: list[Path] = args.paths or [p for p in (Path("states"), Path("examples")) if p.is_dir()]
    missing = [p for p in targets if not p.exists()]
    for p in missing:
        print(t("format.no_such_path", path=p), file=sys.stderr)
    if missing:
        return 2
    files = state_files(targets)
    problems: list[Problem] = []
    pending: list[str] = []
    left = 0  # files that cannot be read, or whose canonical text would not read back the same
    for file in files:
        shown = _shown([file])[0]
        try:
            result = format_file(file, shown)
        except FormatError as exc:
            print(t("format.bug", path=exc.path))
            left += 1
            continue
        problems += result.problems
        left += result.text is None
        if result.text is None or not result.changed:
            continue
        pending.append(shown)
        if args.check:
            if args.advisory:
                line, level = t("format.not_canonical_advisory", path=shown), "warning"
            else:
                line, level = t("format.not_canonical", path=shown), "error"
            print(f"::{level} file={shown},line=1,title=pfp format::{line}" if args.format == "github" else line)
        else:
            file.write_bytes(result.text.encode("utf-8"))
            print(t("format.reformatted", path=shown))
    if problems:
        print(format_problems(problems, "text", lang))
        print(t("format.unreadable"))
    if args.check and pending:
        if not args.advisory:  # advisory lines already say who does what
            print(t("format.check_failed", pending=len(pending), total=len(files)))
    elif not pending:
        print(t("format.all_canonical", total=len(files) - left))
    else:
        print(t("format.done", changed=len(pending), total=len(files)))
    return 1 if left or (args.check and pending and not args.advisory) else 0


def cmd_apply(args: argparse.Namespace) -> int:
    lang = _lang(args)
    settings = _settings(args, "apply", lang)
    if settings is None:
        return 2
    if not args.states_dir.is_dir():
        t = translator(lang)
        print(t("apply.not_a_folder", folder=args.states_dir), file=sys.stderr)
        return 2
    result = apply_file(args.file, args.states_dir, args.as_of or dt.date.today(), settings.stale_months)
    if result.problems:
        print(format_problems(result.problems, "text", lang))
    print("\n".join(format_applied(result, lang)))
    return 0 if result.ok else 1


def cmd_generate(args: argparse.Namespace) -> int:
    # CONTEXT.md is generated from the site's TypedDicts; workflow may not import site, so it comes from here.
    from build_hooks.site.contextdoc import generated_pages

    t = translator(_lang(args))
    drift = field_catalogue_drift()
    for line in drift:
        print(t("generate.drift", line=line), file=sys.stderr)
    if drift:
        return 1
    stale = write_generated(args.root, check=args.check, extra=generated_pages())
    for rel in stale:
        print(t("generate.out_of_date", path=rel) if args.check else t("generate.updated", path=rel))
    if args.check and stale:
        print(t("generate.check_failed"))
        return 1
    return 0


# --------------------------------------------------------------------------------------
# The contribution workflow: ownership, review, reminders, link check
# --------------------------------------------------------------------------------------


def _add_workflow_commands(sub: Any) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    root_help = "the repository (a git clone) to read (default: the current folder)"

    o = sub.add_parser(
        "owners",
        help="regenerate .github/CODEOWNERS from the focal points' GitHub handles",
        description=(
            "Write .github/CODEOWNERS from contacts[].github in every State file, so GitHub asks a\n"
            "State's focal points (and the ISU team) to review changes to that State's file. The ISU\n"
            "team owns everything else. Run it after a focal point's handle is added or removed,\n"
            "and commit the result; `--check` only reports whether the committed file is current."
        ),
        formatter_class=raw,
    )
    o.add_argument("--check", action="store_true", help="only check that the file is current (exit 1 if not)")
    o.add_argument(
        "--isu-team",
        default=owners.DEFAULT_ISU_TEAM,
        metavar="@ORG/TEAM",
        help=f"the GitHub team that owns everything else (default: {owners.DEFAULT_ISU_TEAM})",
    )
    o.add_argument("--root", type=Path, default=Path(), help="the repository root (default: the current folder)")
    o.add_argument("--lang", choices=LANGUAGES, help=LANG_HELP)

    c = sub.add_parser(
        "check-owner",
        help="check that a change touches only files its author may change",
        description=(
            "List the files changed between BASE and HEAD (git diff BASE...HEAD) and refuse each one\n"
            "the author may not change. A State's focal point (a GitHub handle in contacts[].github)\n"
            "may change only that State's file; ISU members may change anything. Who is who is read\n"
            "from BASE (the branch a pull request goes into), never from the change itself.\n"
            "Exit status: 1 when a file is refused, 0 when the change is allowed, 2 on a usage error.\n\n"
            "Example:  pfp check-owner --author alice --base origin/main --head HEAD"
        ),
        formatter_class=raw,
    )
    c.add_argument("--author", required=True, metavar="LOGIN", help="the GitHub user who opened the pull request")
    c.add_argument("--base", required=True, metavar="REF", help="the branch or commit the change goes into")
    c.add_argument("--head", default="HEAD", metavar="REF", help="the commit with the change (default: HEAD)")
    c.add_argument(
        "--isu-member",
        action="append",
        default=[],
        metavar="LOGIN",
        help=f"an ISU member, who may change anything (repeat it; {owners.ISU_MEMBERS_PATH} at BASE is read too)",
    )
    c.add_argument("--format", choices=("text", "github"), default="text", help="text, or github annotations too")
    c.add_argument(
        "--lang",
        choices=AUTO_LANG_CHOICES,
        help="the language of the verdict: en, fr or es; auto annotates each State file in the language"
        " its entries are written in. Default: auto with --format github, else the shell's locale",
    )
    c.add_argument("--root", type=Path, default=Path(), help=root_help)

    r = sub.add_parser(
        "review",
        help="summarise a change to states/ in plain language, for the ISU reviewer",
        description=(
            "Compare the State files at HEAD with where HEAD branched from BASE and print a Markdown\n"
            "summary: consent changes first, then entries deleted instead of closed, problems the\n"
            "change introduces, and per State what was added, closed, reopened or changed\n"
            "(field by field, old -> new). The text of a challenge is never quoted unless its\n"
            "consent is given. The pull request workflow posts this summary as a comment.\n\n"
            "The summary is in English, French or Spanish: --lang, else the shell's locale\n"
            "(LANG=fr_SN.UTF-8 is French). --lang auto writes it in the language most entries of\n"
            "the changed State files are written in (their `language`; English on a tie), as the\n"
            "pull request workflow does; a summary not in English says so first, in English.\n"
            "Values quoted from the files stay as they are in every language.\n\n"
            "Example:  pfp review --base origin/main --lang fr"
        ),
        formatter_class=raw,
    )
    r.add_argument("--base", required=True, metavar="REF", help="the branch or commit the change goes into")
    r.add_argument("--head", default="HEAD", metavar="REF", help="the commit with the change (default: HEAD)")
    r.add_argument("--format", choices=("markdown",), default="markdown", help="markdown (the only format)")
    r.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="the date to validate against (default: today)")
    r.add_argument("--out", type=Path, metavar="FILE", help="write the summary to FILE instead of printing it")
    r.add_argument(
        "--lang",
        choices=AUTO_LANG_CHOICES,
        help="the language of the summary: en, fr or es; auto the language most entries of the changed State"
        " files are written in (English on a tie). Default: the shell's locale (LANG; PFP_LANG first)",
    )
    r.add_argument(
        "--full",
        action="store_true",
        help="never shorten (by default the summary fits one GitHub comment; consent, publication and"
        " ownership lines are never shortened)",
    )
    r.add_argument("--root", type=Path, default=Path(), help=root_help)

    s = sub.add_parser(
        "stale",
        help="list States to remind, and write the reminder list for the annual letter",
        description=(
            "List the States whose file was never reviewed or was last reviewed more than MONTHS\n"
            "months ago (last_reviewed), or whose article 7 report for last year is missing after\n"
            "30 April. With --out, also write the reminder list as a CSV file (UTF-8, opens in\n"
            "Excel): state, name, focal_points, what_is_stale, edit_url.\n\n"
            "Example:  pfp stale --as-of 2027-03-01 --out reminders.csv"
        ),
        formatter_class=raw,
    )
    s.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="the date to check against (default: today)")
    s.add_argument(
        "--months", type=int, help="how old last_reviewed may be (default: extra.pfp.stale_months in mkdocs.yml, 12)"
    )
    s.add_argument("--out", type=Path, metavar="FILE.csv", help="write the reminder list to this CSV file")
    s.add_argument(
        "--edit-base",
        metavar="URL",
        help="the start of the edit links (default: extra.pfp.repository_edit_url in mkdocs.yml)",
    )
    s.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site configuration to read")
    s.add_argument("--states-dir", type=Path, default=Path("states"), help="the folder of State files")
    s.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language of the list and of the CSV's what_is_stale and name (its column names stay"
        " English): en, fr or es (default: the shell's, from LANG)",
    )

    link = sub.add_parser(
        "linkcheck",
        help="check every link inside a built site, offline",
        description=(
            "Check that every relative href and src in every HTML file under SITE_DIR leads to a\n"
            "file (or a folder with index.html) and that every #anchor exists on its page. Links to\n"
            "other sites are not fetched. Exit status: 1 if a link is broken, 0 otherwise.\n\n"
            "Example:  mkdocs build --strict && pfp linkcheck site"
        ),
        formatter_class=raw,
    )
    link.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="the built site, e.g. site/")
    link.add_argument(
        "--base-path",
        metavar="PATH",
        help="the path the site is published under (default: from site_url in mkdocs.yml)",
    )
    link.add_argument("--lang", choices=LANGUAGES, help=LANG_HELP)


def cmd_owners(args: argparse.Namespace) -> int:
    t = translator(_lang(args))
    try:
        team = owners.check_team(args.isu_team)
    except ValueError:
        print(t("owners.cli_bad_team", team=repr(args.isu_team)), file=sys.stderr)
        return 2
    is_stale, unreadable = owners.write_codeowners(args.root, team, check=args.check)
    for path in unreadable:
        print(t("owners.cli_unreadable", path=path))
    target = owners.CODEOWNERS_PATH
    if args.check:
        if is_stale:
            print(t("owners.cli_out_of_date", target=target))
            return 1
        print(t("owners.cli_up_to_date", target=target))
        return 0
    print(t("owners.cli_updated", target=target) if is_stale else t("owners.cli_already_up_to_date", target=target))
    return 0


def cmd_check_owner(args: argparse.Namespace) -> int:
    try:
        result = owners.check_owner(args.root, args.author, args.base, args.head, args.isu_member)
    except (ValueError, GitError) as exc:
        print(f"pfp check-owner: {exc}", file=sys.stderr)
        return 2
    lang, per_file = _problem_lang(args)
    print(owners.format_check(result, args.format, "auto" if per_file else lang))
    return 0 if result.ok else 1


def cmd_review(args: argparse.Namespace) -> int:
    try:
        result = review.review(args.root, args.base, args.head, args.as_of)
    except GitError as exc:
        said = args.lang if args.lang in LANGUAGES else language_of_environment(os.environ)
        t = translator(said)
        print(f"pfp review{t('punct.colon')} {_said(exc, said)}", file=sys.stderr)
        return 2
    lang = result.language if args.lang == "auto" else _lang(args)
    text = review.render_markdown(result, full=args.full, lang=lang)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        t = translator(lang)
        print(t("review.cli_wrote", path=args.out))
    else:
        print(text, end="")
    return 0


def _said(exc: Exception, lang: str) -> str:
    """An exception's message in ``lang`` when it is a Text (a GitError's), else as it is."""
    return str(in_language(exc.args[0], lang)) if exc.args else str(exc)


def cmd_stale(args: argparse.Namespace) -> int:
    today = args.as_of or dt.date.today()
    lang = _lang(args)
    t = translator(lang)
    settings = _settings(args, "stale", lang)
    if settings is None:
        return 2
    if args.months is None:
        args.months = settings.stale_months
    if args.months < 1:
        print(t("stale.cli_months"), file=sys.stderr)
        return 2
    edit_base = args.edit_base if args.edit_base is not None else settings.repository_edit_url
    if edit_base and not edit_base.endswith("/"):
        edit_base += "/"
    rows = stale.find_stale(args.states_dir, today, args.months, edit_base)
    total = len(state_files([args.states_dir])) if args.states_dir.is_dir() else 0
    print(stale.format_report(rows, total, today, args.months, lang))
    if args.out:
        stale.write_csv(rows, args.out, lang)
        print("\n" + t("stale.cli_wrote", path=args.out, rows=len(rows)))
    elif rows:
        print("\n" + t("stale.cli_add_out"))
    return 0


def cmd_linkcheck(args: argparse.Namespace) -> int:
    lang = _lang(args)
    t = translator(lang)
    if not args.site_dir.is_dir():
        print(t("linkcheck.cli_not_a_folder", site=args.site_dir), file=sys.stderr)
        return 2
    base_path = args.base_path if args.base_path is not None else linkcheck.base_path_from_config(Path("mkdocs.yml"))
    broken, pages, links = linkcheck.check_site(args.site_dir, base_path)
    print(linkcheck.format_report(broken, pages, links, args.site_dir, lang=lang))
    return 1 if broken else 0


_WORKFLOW_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "owners": cmd_owners,
    "check-owner": cmd_check_owner,
    "review": cmd_review,
    "stale": cmd_stale,
    "linkcheck": cmd_linkcheck,
}


def cmd_build(args: argparse.Namespace) -> int:
    from build_hooks.site.multibuild import build_languages

    lang = args.lang or language_of_environment(os.environ)
    t = translator(lang)
    languages = tuple(part.strip() for part in args.languages.split(",") if part.strip())
    unknown = [code for code in languages if code not in LANGUAGES]
    if unknown or "en" not in languages:
        print(t("problem.cli_build_languages"), file=sys.stderr)
        return 2
    started = time.perf_counter()
    # The builds' own messages (problems in the State files) follow --lang too.
    results = build_languages(Path.cwd(), args.site_dir, languages, args.jobs, env={LANGUAGE_VARIABLE: lang})
    for result in results:
        seconds = fmt_number(round(result.seconds, 1), lang)
        if result.ok:
            print(t("problem.cli_build_built", lang=result.lang, seconds=seconds))
        else:
            print(t("problem.cli_build_failed", lang=result.lang, seconds=seconds))
        if not result.ok:
            print(result.log.rstrip())
    if not all(r.ok for r in results):
        print(t("problem.cli_build_nothing", site=args.site_dir))
        return 1
    elapsed = fmt_number(round(time.perf_counter() - started, 1), lang)
    print(t("problem.cli_build_published", count=len(results), site=args.site_dir, seconds=elapsed))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args)
    if args.command == "new":
        return cmd_new(args)
    if args.command == "migrate":
        return cmd_migrate(args)
    if args.command == "generate":
        return cmd_generate(args)
    if args.command == "format":
        return cmd_format(args)
    if args.command == "apply":
        return cmd_apply(args)
    if args.command == "build":
        return cmd_build(args)
    if args.command in _WORKFLOW_COMMANDS:
        return _WORKFLOW_COMMANDS[args.command](args)
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
