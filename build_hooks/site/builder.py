"""One build's inputs and results, created afresh for every build.

``prepare_build`` runs load -> validate -> index -> render for a site whose
``mkdocs.yml`` lives at ``config_file``; ``output_files`` gives the exports.
The result is stored on that build's config, never in a module global. It is
plain Python: the tests and the CLI call it without MkDocs.

The build is "as of" one moment, used for every date it computes (staleness,
deadlines passed, party status, API timestamps): ``SOURCE_DATE_EPOCH`` when set;
otherwise the start of today (UTC), so a daily build moves date-driven statuses and
two builds on one day are identical; ``mkdocs serve`` uses now.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from build_hooks.diagnostics import sort_problems
from build_hooks.settings import Settings, parse_settings
from build_hooks.engine.dialogues import Dialogue, load_dialogues
from build_hooks.exports.api import API_DIR, build_api
from build_hooks.exports.csvfiles import build_all_csv
from build_hooks.exports.feeds import build_calendars, build_feeds
from build_hooks.exports.opendata import dataset_jsonld, datapackage
from build_hooks.workflow.generated import SCHEMA_PATH
from build_hooks.exports.history import History, load_history
from build_hooks.i18n import translator
from build_hooks.engine.catalog import Catalog, index_catalog
from build_hooks.site.editor import EDITOR_DATA, editor_data
from build_hooks.site.pages import SitePages, render_site_pages
from build_hooks.engine.validate import ValidationResult, validate_paths

BUILD_KEY = "_pfp_build"


@dataclass(frozen=True)
class Build:
    root: Path
    generated_at: dt.datetime
    settings: Settings
    validation: ValidationResult
    dialogues: tuple[Dialogue, ...]
    catalog: Catalog | None
    site: SitePages | None
    history: History

    @property
    def today(self) -> dt.date:
        return self.generated_at.date()

    def unpublished_sources(self) -> set[str]:
        """Pages that must never be published (draft dialogue reports), by src_uri: under content/ for the
        report, under content/<lang>/ for its translations, which have the report's file name."""
        return {d.src_uri for d in self.dialogues if not d.published}


def build_moment(root: Path, live: bool = False) -> dt.datetime:
    """The moment the build is "as of".

    ``SOURCE_DATE_EPOCH`` when set; ``mkdocs serve`` (``live``): now; otherwise the start of
    today, UTC. The site is rebuilt every day, so date-driven statuses (a deadline that has
    passed, a withdrawal that has taken effect) move on their own, and two builds on the
    same day are byte-identical. ``root`` is unused: the moment no longer depends on git.
    """
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    if env.isdigit():
        return dt.datetime.fromtimestamp(int(env), tz=dt.UTC)
    now = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    return now if live else now.replace(hour=0, minute=0, second=0)


def prepare_build(
    config_file: str | os.PathLike[str],
    settings: Settings | Mapping[str, Any] | None = None,
    today: dt.date | None = None,
    live: bool = False,
) -> Build:
    """load -> validate -> index -> render; ``live`` for ``mkdocs serve`` (dates as of now).

    ``settings`` is ``extra.pfp`` as MkDocs read it (validated here, SettingsError on a bad value).
    """
    root = Path(config_file).resolve().parent
    if not isinstance(settings, Settings):
        settings = parse_settings(settings, Path(config_file))
    moment = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC) if today is not None else build_moment(root, live)
    validation = validate_paths([root / "states"], moment.date(), root, stale_months=settings.stale_months)
    dialogues, dialogue_problems = load_dialogues(root, set(validation.states), moment.date())
    if dialogue_problems:
        # The same result with the dialogue problems added: its record and examples are kept.
        validation = dataclasses.replace(validation, problems=sort_problems([*validation.problems, *dialogue_problems]))
    if not validation.ok:
        return Build(root, moment, settings, validation, tuple(dialogues), None, None, History())
    catalog = index_catalog(validation, moment.date(), [d for d in dialogues if d.published], examples=settings.examples)
    site = render_site_pages(catalog, settings, root)
    history = load_history(root) if settings.history else History()
    return Build(root, moment, settings, validation, tuple(dialogues), catalog, site, history)


def output_files(build: Build, site_url: str) -> dict[str, str]:
    """Every export, by path relative to the site root: API, schemas, CSV, data package, feeds, calendars,
    and the form editor's data."""
    assert build.catalog is not None and build.site is not None
    api = build_api(build.catalog, build.site.progress, build.generated_at)
    files = {f"{API_DIR}/{name}": text for name, text in api.items()}
    root_url = build.settings.root_url or site_url
    csv_files = build_all_csv(api, root_url)
    files.update(csv_files)
    files.update(build_feeds(build.catalog, build.history, site_url, build.generated_at, translator("en")))
    files.update(build_calendars(build.catalog, site_url, build.generated_at))
    files["data/datapackage.json"] = datapackage(build.generated_at, csv_files)
    files["data/dataset.jsonld"] = dataset_jsonld(build.generated_at, root_url, csv_files, build.settings.contact_email)
    files[f"schema/{SCHEMA_PATH.name}"] = (build.root / SCHEMA_PATH).read_text(encoding="utf-8")
    # The form editor's data: every State file as loaded, consent-filtered by the catalogue.
    files[EDITOR_DATA] = editor_data(build.validation, build.catalog, build.settings.repository_edit_url)
    return files
