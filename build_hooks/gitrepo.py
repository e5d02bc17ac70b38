"""The one git helper: run git, resolve revisions, read files at a revision.

Every module that asks git anything goes through here (the build's moment, the
feed history, ``pfp review`` and ``pfp check-owner``).

``pfp check-owner`` and ``pfp review`` compare two revisions of the repository.
They read file contents straight from git's object store (``git cat-file``), so
nothing from the change under review is written to disk or executed, and the
working tree is left as it is. Revisions given on the command line are resolved
to commit ids first (a name starting with ``-`` is refused, so it can never be
read as an option), and every later git call uses those ids.

A :class:`GitError`'s message is a :class:`~build_hooks.diagnostics.Text`, so a command can
say it in its reader's language (what git itself printed is quoted as it is).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from build_hooks.diagnostics import Text

STATES_DIR = "states"
_SHA_RE = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")


class GitError(Exception):
    """A git command failed; the message (a Text) says what to check, in plain words."""


@dataclass(frozen=True)
class Revision:
    """A commit: the name the user gave and the full id it resolved to."""

    name: str
    sha: str

    @property
    def short(self) -> str:
        return self.sha[:10]


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``root`` and return its output, or raise :class:`GitError`."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotepath=off", *args],
            input=stdin,
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(Text("git.could_not_run", error=str(exc))) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        said = detail[-1] if detail else Text("git.no_message")
        raise GitError(Text("git.failed", command=args[0], detail=said))
    return done.stdout


def resolve(root: Path, name: str) -> Revision:
    """The commit ``name`` points at (a branch, tag, ``HEAD`` or an id)."""
    if not name or name.startswith("-") or any(c.isspace() or ord(c) < 32 for c in name):
        raise GitError(Text("git.not_a_revision_name", name=repr(name)))
    try:
        out = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    except GitError:
        raise GitError(Text("git.not_a_commit", name=repr(name), root=root)) from None
    sha = out.decode().strip()
    if not _SHA_RE.match(sha):
        raise GitError(Text("git.not_resolved", name=repr(name)))
    return Revision(name=name, sha=sha)


def merge_base(root: Path, base: Revision, head: Revision) -> Revision:
    """Where ``head`` branched from ``base``: the point a pull request's own changes start from."""
    try:
        sha = git(root, "merge-base", base.sha, head.sha).decode().strip()
    except GitError:
        return base  # unrelated histories: compare with base itself
    return base if sha == base.sha else Revision(name=f"merge-base of {base.name} and {head.name}", sha=sha)


def changed_files(root: Path, base: Revision, head: Revision) -> list[str]:
    """Paths changed by ``head`` since it branched from ``base`` (``git diff base...head``).

    Renames are listed as a deletion plus an addition, so moving a file never hides
    the path it was moved from.
    """
    out = git(root, "diff", "--name-only", "--no-renames", "-z", f"{base.sha}...{head.sha}", "--")
    return sorted({p for p in out.decode("utf-8", errors="replace").split("\0") if p})


def list_files(root: Path, rev: Revision, folder: str = STATES_DIR) -> list[str]:
    """Every file under ``folder`` at ``rev``, sorted."""
    out = git(root, "ls-tree", "-r", "-z", "--name-only", rev.sha, "--", f"{folder}/")
    return sorted(p for p in out.decode("utf-8", errors="replace").split("\0") if p)


def read_blobs(root: Path, specs: list[str]) -> list[bytes | None]:
    """Many ``<commit>:<path>`` blobs with one ``git cat-file --batch`` (None where one is missing)."""
    if any("\n" in spec for spec in specs):
        raise GitError(Text("git.line_break"))
    if not specs:
        return []
    out = git(root, "cat-file", "--batch", stdin="".join(f"{spec}\n" for spec in specs).encode("utf-8"))
    found: list[bytes | None] = []
    pos = 0
    for _ in specs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3 or not header[2].isdigit():  # "<spec> missing" or "<spec> ambiguous"
            found.append(None)
            continue
        size = int(header[2])
        found.append(out[pos : pos + size] if header[1] == b"blob" else None)
        pos += size + 1
    return found


def read_files(root: Path, rev: Revision, paths: list[str]) -> dict[str, bytes | None]:
    """The contents of ``paths`` at ``rev`` (None for a path that does not exist there), with one git call."""
    return dict(zip(paths, read_blobs(root, [f"{rev.sha}:{p}" for p in paths]), strict=True))


def try_git(root: Path, *args: str) -> bytes | None:
    """Like :func:`git`, but None instead of an error: for callers that must never fail (the build)."""
    try:
        return git(root, *args)
    except GitError:
        return None


def last_commit_time(root: Path) -> int | None:
    """The last commit's time (Unix seconds), or None outside a repository."""
    out = try_git(root, "log", "-1", "--format=%ct")
    text = out.decode().strip() if out else ""
    return int(text) if text.isdigit() else None


def has_uncommitted(root: Path, *paths: str) -> bool:
    """True when ``paths`` have uncommitted changes, or when git cannot tell."""
    out = try_git(root, "status", "--porcelain", "--", *paths)
    return out is None or bool(out.strip())


def is_state_file(path: str, folder: str = STATES_DIR) -> bool:
    return (
        path.startswith(f"{folder}/")
        and path.count("/") == 1
        and path.endswith((".yml", ".yaml"))
        and not any(ord(c) < 32 for c in path)  # a line break would confuse `git cat-file --batch`
    )
