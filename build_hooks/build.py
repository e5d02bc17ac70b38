"""One build's inputs and results, created afresh for every build.

``prepare_build`` runs load -> validate -> index -> render for a site whose
``mkdocs.yml`` lives at ``config_file``; the result is stored on that build's
config, never in a module global. It is plain Python: the tests call it
without MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_hooks.diagnostics import sort_problems
from build_hooks.dialogues import Dialogue, load_dialogues
from build_hooks.index import Catalog, index_catalog
from build_hooks.pages import SitePages, render_site_pages
from build_hooks.validate import ValidationResult, validate_paths

BUILD_KEY = "_pfp_build"


@dataclass(frozen=True)
class Build:
    root: Path
    today: dt.date
    settings: dict[str, Any]
    validation: ValidationResult
    dialogues: tuple[Dialogue, ...]
    catalog: Catalog | None
    site: SitePages | None

    def unpublished_sources(self) -> set[str]:
        """Files under content/ that must never become pages (draft dialogue reports)."""
        return {d.src_uri for d in self.dialogues if not d.published}


def build_date() -> dt.date:
    """The date a build is 'as of': SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def prepare_build(config_file: str | os.PathLike[str], settings: dict[str, Any], today: dt.date | None = None) -> Build:
    root = Path(config_file).resolve().parent
    today = today or build_date()
    validation = validate_paths([root / "states"], today, root)
    dialogues, dialogue_problems = load_dialogues(root, set(validation.states), today)
    if dialogue_problems:
        validation = ValidationResult(sort_problems([*validation.problems, *dialogue_problems]), validation.states)
    if not validation.ok:
        return Build(root, today, dict(settings), validation, tuple(dialogues), None, None)
    catalog = index_catalog(validation, today, [d for d in dialogues if d.published])
    site = render_site_pages(catalog, settings, root)
    return Build(root, today, dict(settings), validation, tuple(dialogues), catalog, site)
