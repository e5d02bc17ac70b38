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

The State files in ``states/`` and ``examples/`` (and any near-miss name, ``SEN.yaml``,
``sen.yml``, ``SEN.yml.txt``, which the validator reads and names with the right name) and the
record's tables are refused by the loaders that read them (``load.load_file``,
``tables.read_table``), so they are not named twice. Any other file in a State folder is named
with what belongs there: ``SEN.txt`` gets "rename it to states/SEN.yml".
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

from build_hooks.diagnostics import Problem, Text, sort_problems

STATE_SUFFIXES = frozenset({".yml", ".yaml"})
# content/ is the MkDocs docs_dir: every file in it is published. Pages are Markdown (rendered,
# with the page policy); images are shown with <img>, where a browser runs no script. SVG is
# not among them: opened on its own, an SVG file runs its scripts on the site's origin.
CONTENT_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp"})
SITE_FOLDERS = {"states": STATE_SUFFIXES, "examples": STATE_SUFFIXES, "content": CONTENT_SUFFIXES}
RECORD_README = Path("record") / "README.md"
_CODE_RE = re.compile(r"[A-Z]{3}", re.ASCII)


def _problem(path: str, rule: str, message: Text, hint: Text) -> Problem:
    return Problem(path=path, line=1, col=1, severity="error", rule=rule, message=message, hint=hint)


def _link(shown: str) -> Problem:
    return _problem(shown, "file-symlink", Text("file.symlink"), Text("file.symlink_hint"))


def _special(shown: str, mode: int) -> Problem:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        message = Text("file.device")
    elif stat.S_ISFIFO(mode):
        message = Text("file.pipe")
    elif stat.S_ISSOCK(mode):
        message = Text("file.socket")
    else:
        message = Text("file.not_regular")
    return _problem(shown, "file-type", message, Text("file.plain_only_hint"))


def _unreadable(shown: str, rule: str, exc: OSError) -> Problem:
    if exc.errno == errno.ENOENT:
        message = Text("file.missing")
    elif exc.errno in (errno.EACCES, errno.EPERM):
        message = Text("file.no_permission")
    else:
        message = Text("file.unreadable", reason=exc.strerror or type(exc).__name__)
    return _problem(shown, rule, message, Text("file.check_path_hint"))


def looks_like_state_file(name: str) -> bool:
    """A name a State file could be mistaken under (KHM.yml, KHM.yaml, khm.yml, KHM.yml.txt, `KHM .yml`): the
    validator reads each and names the right name (state-file-name), so the walk does not name it twice.
    The same test as ``validate.looks_like_state_file`` (tests/engine/test_files.py keeps them equal)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return ".yml" in folded or ".yaml" in folded


def state_code_of(name: str) -> str | None:
    """The State code a file name starts with (SEN for `SEN.txt`, `sen.json`), if it starts with one."""
    stem = unicodedata.normalize("NFKC", name).strip().split(".", 1)[0].strip().upper()
    return stem if _CODE_RE.fullmatch(stem) else None


def refuse_special(
    path: Path, shown: str, unreadable: str = "file-type"
) -> tuple[os.stat_result | None, list[Problem]]:
    """``os.lstat`` the path (never following a link): its status if it is a regular file, else the problem
    (``unreadable`` is the rule for a path that cannot be read at all, e.g. a missing one)."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return None, [_unreadable(shown, unreadable, exc)]
    if stat.S_ISLNK(info.st_mode):
        return None, [_link(shown)]
    if not stat.S_ISREG(info.st_mode):
        return None, [_special(shown, info.st_mode)]
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
        if exc.errno == errno.ELOOP:
            return None, 0, [_link(shown)]
        return None, 0, [_unreadable(shown, unreadable, exc)]
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            return None, 0, [_special(shown, opened.st_mode)]
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
                    problems.append(_link(shown))
                elif entry.is_dir(follow_symlinks=False):
                    if top_level_only:
                        hint = Text("file.folder_hint", folder=folder.name)
                        problems.append(_problem(shown, "file-type", Text("file.folder"), hint))
                    else:
                        pending.append(path)
                elif not entry.is_file(follow_symlinks=False):
                    problems.append(_special(shown, entry.stat(follow_symlinks=False).st_mode))
                elif top_level_only and looks_like_state_file(path.name):
                    continue  # a State file, or one under a near-miss name: the loader and validator name it
                elif path.suffix not in suffixes:
                    problems.append(_unexpected(shown, path.name, folder.name, suffixes, top_level_only))
    return problems


def _unexpected(shown: str, name: str, folder: str, suffixes: frozenset[str], state_folder: bool) -> Problem:
    """A file of a type the folder does not hold; in a State folder, the hint names the State file's name."""
    message = Text("file.unexpected_type", name=name)
    if not state_folder:
        hint = Text("file.allowed_types_hint", folder=folder, allowed=", ".join(sorted(suffixes)))
    elif (code := state_code_of(name)) is not None:
        hint = Text("file.state_folder_hint", folder=folder, code=code)
    else:
        hint = Text("file.state_folder_other_hint", folder=folder, name=name)
    return _problem(shown, "file-type", message, hint)


def check_site_files(root: Path) -> list[Problem]:
    """Every link, special file and unexpected file type under the folders the build reads at ``root``."""
    problems: list[Problem] = []
    for name, suffixes in SITE_FOLDERS.items():
        folder = root / name
        if folder.is_symlink():
            problems.append(_link(name))
        elif folder.is_dir():
            problems += _walk(root, folder, suffixes, top_level_only=name != "content")
    readme = root / RECORD_README
    if readme.is_symlink() or readme.exists():
        _, found = refuse_special(readme, RECORD_README.as_posix())
        problems += found
    return sort_problems(problems)
