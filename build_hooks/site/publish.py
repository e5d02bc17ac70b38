"""Publish a build all at once, or not at all.

MkDocs writes pages straight into ``site_dir`` and only afterwards decides
whether strict-mode warnings fail the build. The hooks therefore point MkDocs
at a staging folder next to the real one and swap it in only when the build
has finished cleanly; a failed build leaves the previous site untouched and
removes its staging folder.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

STAGING_SUFFIX = ".pfp-staging"
OLD_SUFFIX = ".pfp-old"


def is_serve_dir(site_dir: str) -> bool:
    """``mkdocs serve`` builds into a fresh temporary folder named mkdocs_*: no staging needed."""
    path = Path(site_dir).resolve()
    return path.parent == Path(tempfile.gettempdir()).resolve() and path.name.startswith("mkdocs_")


def staging_dir(final: str) -> str:
    return str(Path(final).resolve()) + STAGING_SUFFIX


def strict_warnings_logged() -> bool:
    """True when MkDocs' strict-mode counter has seen a warning (the build is about to abort)."""
    for handler in logging.getLogger("mkdocs").handlers:
        get_counts = getattr(handler, "get_counts", None)
        if callable(get_counts) and get_counts():
            return True
    return False


def publish(staging: str, final: str) -> None:
    """Replace ``final`` with ``staging`` using renames, so readers never see half a site."""
    final_path, staging_path = Path(final), Path(staging)
    old = Path(str(final_path) + OLD_SUFFIX)
    shutil.rmtree(old, ignore_errors=True)
    if final_path.exists():
        final_path.rename(old)
    staging_path.rename(final_path)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: str) -> None:
    shutil.rmtree(staging, ignore_errors=True)
