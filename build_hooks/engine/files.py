"""What the build may read: plain files of the expected types, never a link or a device.

Everything the build reads comes from a pull request, and a committed symbolic link can
point anywhere on the build machine (``/etc/passwd``, ``/dev/zero``, a folder of secrets),
while an ``.html`` or ``.svg`` file under ``content/`` would be published as it is, with its
scripts and without the page policy. So (SECURITY.md item 26):

* ``read_capped`` looks at a path with ``os.lstat`` before opening it, refuses a link
  (``file-symlink``) or anything but a regular file (``file-type``), opens it without
  following links and without blocking, and reads at most ``limit + 1`` bytes;
* ``check_site_files`` walks ``states/``, ``examples/``, ``content/`` and the record's
  README without following links and refuses every link, device, pipe, socket and
  unexpected file type, each at its path with a rule id.

The State files in ``states/`` and ``examples/`` and the record's tables are refused by the
loaders that read them (``load.load_file``, ``tables.read_table``), so they are not named twice.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from build_hooks.diagnostics import Problem, sort_problems

STATE_SUFFIXES = frozenset({".yml", ".yaml"})
# content/ is the MkDocs docs_dir: every file in it is published. Pages are Markdown (rendered,
# with the page policy); images are shown with <img>, where a browser runs no script. SVG is
# not among them: opened on its own, an SVG file runs its scripts on the site's origin.
CONTENT_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp"})
SITE_FOLDERS = {"states": STATE_SUFFIXES, "examples": STATE_SUFFIXES, "content": CONTENT_SUFFIXES}
RECORD_README = Path("record") / "README.md"

_LINK_HINT = (
    "commit the file itself, not a link to it (links are never followed: they can point anywhere on the build machine)"
)


def _problem(path: str, rule: str, message: str, hint: str) -> Problem:
    return Problem(path=path, line=1, col=1, severity="error", rule=rule, message=message, hint=hint)


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def refuse_special(
    path: Path, shown: str, unreadable: str = "file-type"
) -> tuple[os.stat_result | None, list[Problem]]:
    """``os.lstat`` the path (never following a link): its status if it is a regular file, else the problem
    (``unreadable`` is the rule for a path that cannot be read at all, e.g. a missing one)."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return None, [_problem(shown, unreadable, f"cannot read the file: {exc.strerror}", "check the path")]
    if stat.S_ISLNK(info.st_mode):
        return None, [_problem(shown, "file-symlink", "the path is a symbolic link", _LINK_HINT)]
    if not stat.S_ISREG(info.st_mode):
        return None, [_problem(shown, "file-type", f"the path is {_kind(info.st_mode)}", "only plain files are read")]
    return info, []


def read_capped(
    path: Path, shown: str, limit: int, unreadable: str = "file-type"
) -> tuple[bytes | None, int, list[Problem]]:
    """At most ``limit + 1`` bytes of a regular file, and its size; a link or special file is not opened."""
    info, problems = refuse_special(path, shown, unreadable)
    if info is None:
        return None, 0, problems
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:  # replaced by a link after the lstat, or unreadable
        return None, 0, [_problem(shown, unreadable, f"cannot read the file: {exc.strerror}", "check the path")]
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            return (
                None,
                0,
                [_problem(shown, "file-type", f"the path is {_kind(opened.st_mode)}", "only plain files are read")],
            )
        return handle.read(limit + 1), opened.st_size, []


def _walk(root: Path, folder: Path, suffixes: frozenset[str], top_level_only: bool) -> list[Problem]:
    problems: list[Problem] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = Path(entry.path)
                shown = path.relative_to(root).as_posix()
                if entry.is_symlink():
                    problems.append(_problem(shown, "file-symlink", "the path is a symbolic link", _LINK_HINT))
                elif entry.is_dir(follow_symlinks=False):
                    if top_level_only:
                        hint = f"{folder.name}/ holds only State files (<ISO3>.yml), no folders"
                        problems.append(_problem(shown, "file-type", "a folder where only State files belong", hint))
                    else:
                        pending.append(path)
                elif not entry.is_file(follow_symlinks=False):
                    mode = entry.stat(follow_symlinks=False).st_mode
                    problems.append(
                        _problem(shown, "file-type", f"the path is {_kind(mode)}", "only plain files are read")
                    )
                elif top_level_only and path.suffix in STATE_SUFFIXES:
                    continue  # a State file: the loader reads it (and refuses it if it is not plain)
                elif path.suffix not in suffixes:
                    allowed = ", ".join(sorted(suffixes))
                    hint = f"{folder.name}/ may hold only {allowed} files (in this letter case)"
                    if not top_level_only:
                        hint += "; HTML, JavaScript and SVG would be published with their scripts"
                    problems.append(
                        _problem(shown, "file-type", f"`{path.name}` is not a file type the site expects here", hint)
                    )
    return problems


def check_site_files(root: Path) -> list[Problem]:
    """Every link, special file and unexpected file type under the folders the build reads at ``root``."""
    problems: list[Problem] = []
    for name, suffixes in SITE_FOLDERS.items():
        folder = root / name
        if folder.is_symlink():
            problems.append(_problem(name, "file-symlink", "the path is a symbolic link", _LINK_HINT))
        elif folder.is_dir():
            problems += _walk(root, folder, suffixes, top_level_only=name != "content")
    readme = root / RECORD_README
    if readme.is_symlink() or readme.exists():
        _, found = refuse_special(readme, RECORD_README.as_posix())
        problems += found
    return sort_problems(problems)
