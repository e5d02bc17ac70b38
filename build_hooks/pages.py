"""View models -> generated page Markdown (and, for MkDocs, ``File.generated`` objects).

``render_site_pages`` is plain Python: it returns ``{src_uri: markdown}`` for
every generated page, which the golden tests compare and the MkDocs hook
turns into in-memory files (never written into ``content/``). Each page body
is one HTML block rendered by a Jinja template with autoescaping on, so data
strings can never become markup, and Python-Markdown leaves the block alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from build_hooks.charts import timeline_svg
from build_hooks.i18n import translator
from build_hooks.progress import METHOD, ProgressIndex, compute_progress
from build_hooks.safe_markdown import render_markdown
from build_hooks.viewmodels import ViewBuilder, fmt_date, item_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

    from build_hooks.index import Catalog

TEMPLATE_DIR = Path("overrides") / "pfp"
HOME_MARKER = "<!-- pfp:home -->"


@dataclass(frozen=True)
class SitePages:
    pages: dict[str, str]  # src_uri -> Markdown
    home_html: str  # headline counts and latest changes for the home page
    dialogue_headers: dict[str, str]  # dialogue src_uri -> facts block placed above the report
    progress: ProgressIndex
    view_models: dict[str, Any]  # src_uri -> view model (for golden tests)


@cache
def _environment(template_dir: str) -> Environment:
    return Environment(
        loader=FileSystemLoader(template_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _base(src_uri: str) -> str:
    return "../" * src_uri.count("/")


def _page(title: str, body_html: str, *, search: bool) -> str:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    lines += ["hide:", "  - toc"]  # generated pages have no headings worth a sidebar; tables get the width
    if not search:
        lines += ["search:", "  exclude: true"]
    return "\n".join([*lines, "---", "", _compact(body_html), ""])


def render_site_pages(catalog: Catalog, settings: dict[str, Any], root: Path) -> SitePages:
    t = translator("en")
    target_year = int(settings.get("target_year", 2025))
    edit_base = str(settings.get("repository_edit_url", ""))
    progress = compute_progress(catalog, target_year)
    views = ViewBuilder(catalog, progress, t, edit_base)
    env = _environment(str(root / TEMPLATE_DIR))
    pages: dict[str, str] = {}
    models: dict[str, Any] = {}

    def add(src_uri: str, template: str, vm: dict[str, Any], *, search: bool = True) -> None:
        html = env.get_template(template).render(vm=vm, t=t, base=_base(src_uri))
        pages[src_uri] = _page(vm["title"], html, search=search)
        models[src_uri] = vm

    add("states/index.md", "states_index.html", views.states_index(), search=False)
    for iso3 in catalog.states:
        add(f"states/{iso3.lower()}/index.md", "state.html", views.state_page(iso3))
    add("needs/index.md", "needs_index.html", views.needs_index(), search=False)
    for need in catalog.needs.values():
        add(f"{item_url(need.id)}index.md", "need.html", views.need_page(need))
    add("offers/index.md", "offers_index.html", views.offers_index(), search=False)
    for offer in catalog.offers.values():
        add(f"{item_url(offer.id)}index.md", "offer.html", views.offer_page(offer))
    add("challenges/index.md", "challenges.html", views.challenge_map())
    add("dialogues/index.md", "dialogues.html", views.dialogues_index())
    timeline = views.progress_page("")["timeline"]
    chart = timeline_svg(
        timeline,
        target_year,
        t("heading.timeline"),
        t("text.chart_alt", year=target_year),
        t("chart.target", year=target_year),
    )
    progress_vm = views.progress_page(chart)
    progress_vm["method_html"] = render_markdown(METHOD)
    progress_vm["intro"] = t("text.progress_intro", year=target_year, date=fmt_date(catalog.today))
    add("progress/index.md", "progress.html", progress_vm, search=False)
    home_vm = home_view(catalog, progress_vm, t)
    home_html = env.get_template("home.html").render(vm=home_vm, t=t, base="")
    models["index.md#home"] = home_vm
    headers = {}
    for dialogue in catalog.dialogues:
        vm = views.dialogue_row(dialogue)
        html = env.get_template("dialogue_header.html").render(vm=vm, t=t, base=_base(vm["url"] + "index.md"))
        headers[dialogue.src_uri] = _compact(html)
        models[dialogue.src_uri + "#header"] = vm
    return SitePages(
        pages=pages, home_html=_compact(home_html), dialogue_headers=headers, progress=progress, view_models=models
    )


def _compact(html: str) -> str:
    """Drop blank lines, which would end Python-Markdown's raw HTML block early."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def home_view(catalog: Catalog, progress_vm: dict[str, Any], t: Callable[..., str]) -> dict[str, Any]:
    """Headline counts and the latest dated changes (consented challenges only, via the catalogue)."""
    open_needs = sum(n.status in {"open", "partially_met"} for n in catalog.needs.values())
    available = sum(o.status == "available" for o in catalog.offers.values())
    changes = []
    for entry in [*catalog.needs.values(), *catalog.offers.values()]:
        when = entry.updated or entry.posted
        if when is not None:
            changes.append((when, entry.id, entry.title))
    changes.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return {
        "title": "home",
        "counts": [
            {"label": t("home.states"), "value": len(catalog.states), "url": "states/"},
            {"label": t("home.open_needs"), "value": open_needs, "url": "needs/"},
            {"label": t("home.available_offers"), "value": available, "url": "offers/"},
            {"label": t("home.challenges"), "value": len(catalog.challenges), "url": "challenges/"},
        ],
        "progress": progress_vm["summary"],
        "changes": [
            {"date": fmt_date(when), "id": entry_id, "title": title, "url": item_url(entry_id)}
            for when, entry_id, title in changes[:8]
        ],
    }


def to_files(site: SitePages, config: MkDocsConfig) -> list[File]:
    """In-memory MkDocs files for every generated page."""
    from mkdocs.structure.files import File

    return [File.generated(config, src_uri, content=text) for src_uri, text in sorted(site.pages.items())]
