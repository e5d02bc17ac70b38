"""View models -> generated page Markdown (and, for MkDocs, ``File.generated`` objects).

``render_site_pages`` is plain Python: it returns ``{src_uri: markdown}`` for
every generated page, which the golden tests compare and the MkDocs hook
turns into in-memory files (never written into ``content/``). Each page body
is one HTML block rendered by a Jinja template with autoescaping on, so data
strings can never become markup, and Python-Markdown leaves the block alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from build_hooks.settings import Settings
from build_hooks.site.charts import timeline_svg, timeline_svg_narrow
from build_hooks.site.editor import EDITOR_PAGE, editor_page
from build_hooks.site.languages import page_url
from build_hooks.i18n import DEFAULT_LANGUAGE, translator
from build_hooks.engine.vocabulary import AVAILABLE_OFFER, OPEN_NEED
from build_hooks.engine.progress import ProgressIndex, compute_progress
from build_hooks.site.viewmodels import ViewBuilder
from build_hooks.exports.feeds import CALENDAR, webcal_url
from build_hooks.urls import item_url

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

    from build_hooks.engine.catalog import Catalog
    from build_hooks.engine.model import Need, Offer
    from build_hooks.site.context import HomeCount, HomePage, PageModel, ProgressData, ProgressPage, TemplateModel

TEMPLATE_DIR = Path("overrides") / "pfp"
HOME_MARKER = "<!-- pfp:home -->"
COVERAGE_MARKER = "<!-- pfp:coverage -->"  # the data page: what the official record holds, how sure
WEBCAL_MARKER = "<!-- pfp:webcal -->"  # the data page: subscribe to the calendar (webcal://, from root_url)


@dataclass(frozen=True)
class SitePages:
    pages: dict[str, str]  # src_uri -> Markdown
    home_html: str  # headline counts and latest changes for the home page
    coverage_html: str  # the record's coverage, for the data page
    webcal_html: str  # the data page's "subscribe" link to the calendar ("" without root_url)
    dialogue_headers: dict[str, str]  # dialogue src_uri -> facts block placed above the report
    progress: ProgressIndex
    view_models: dict[str, TemplateModel]  # src_uri -> view model (for golden tests)
    bodies: dict[str, str]  # src_uri -> the page's finished HTML body (no Markdown in it)
    language: str = DEFAULT_LANGUAGE


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


# Where a generated page's "Skip to content" link goes: an empty, focusable span just before its h1.
# Not an id on the h1: the theme's search would then index the page's text as a section of it
# (``page/#id``), not as the page, and rank the page below every State that names the same words.
MAIN_HEADING = "pfp-main"


def _page(title: str, body_html: str, *, search: bool, skip: str = MAIN_HEADING, title_lang: str = "") -> str:
    """A generated page: front matter the Platform writes, then the body.

    ``title_lang``: the language of a title shown in its original language (an entry's, a report's);
    the header partial marks the title with it (``pfp_title_lang``).
    """
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if title_lang:
        lines.append(f"pfp_title_lang: {title_lang}")
    lines += ["hide:", "  - toc"]  # generated pages have no headings worth a sidebar; tables get the width
    if skip:  # the id the "Skip to content" link goes to (the theme draws one only from a table of contents)
        lines += [f"pfp_skip: {json.dumps(skip)}"]
    if not search:
        lines += ["search:", "  exclude: true"]
    return "\n".join([*lines, "---", "", _compact(body_html), ""])


def render_site_pages(catalog: Catalog, settings: Settings, root: Path) -> SitePages:
    """Every generated page of one language's site (``settings.language``)."""
    lang = settings.language
    t = translator(lang)
    target_year = settings.target_year
    progress = compute_progress(catalog, target_year)
    views = ViewBuilder(catalog, progress, lang, settings)
    env = _environment(str(root / TEMPLATE_DIR))
    data_root = views.en_root  # downloads exist once, at the English root
    pages: dict[str, str] = {}
    bodies: dict[str, str] = {}
    models: dict[str, TemplateModel] = {}

    rows: dict[tuple[str, str, bool, str | None], Markup] = {}  # this build's rendered table rows
    columns = views.columns()  # every table's headings, and its cells' labels on a narrow screen

    def render(template: str, vm: TemplateModel, src_uri: str) -> str:
        base = _base(src_uri)
        row_template = env.get_template("row.html")

        def row_html(row: Mapping[str, Any], eligible: bool, reason: bool) -> Markup:
            """A table row is the same wherever an entry appears at this depth: render it once."""
            key = (row["id"], base, eligible, row.get("reason") if reason else None)
            html = rows.get(key)
            if html is None:
                html = rows[key] = Markup(
                    row_template.render(
                        r=row, t=t, base=base, eligible=eligible, reason=reason, columns=columns
                    ).strip()
                )
            return html

        html = env.get_template(template).render(
            vm=vm,
            t=t,
            base=base,
            data_base=base + data_root,
            lang=lang,
            row_html=row_html,
            columns=columns,
            main_id=MAIN_HEADING,
        )
        return _separated(html, t("punct.colon"))

    def add(src_uri: str, template: str, vm: PageModel, *, search: bool = True, skip: str = MAIN_HEADING) -> None:
        body = render(template, vm, src_uri)
        title_lang = str(vm.get("title_lang", ""))  # an entry's title in its original language
        pages[src_uri] = _page(vm["title"], body, search=search, skip=skip, title_lang=title_lang)
        bodies[src_uri] = _compact(body).strip()
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
    progress_data = views.progress_page()
    chart = (
        progress_data["timeline"],
        target_year,
        t("heading.timeline"),
        t("text.chart_alt", year=target_year),
        t("chart.target", year=target_year),
    )
    progress_vm: ProgressPage = {
        **progress_data,
        "chart_svg": timeline_svg(*chart),
        "chart_svg_narrow": timeline_svg_narrow(*chart),
    }
    add("progress/index.md", "progress.html", progress_vm, search=False)
    # The form editor: its forms come from the model; its script and data do the rest in the browser.
    editor_vm = editor_page(catalog, t, lang, settings.contact_email, views.name)
    add(EDITOR_PAGE, "editor.html", editor_vm, search=False, skip=editor_vm["main_id"])
    home_vm = home_view(catalog, views, progress_vm)
    models["index.md#home"] = home_vm
    models["#columns"] = columns
    coverage_vm = views.coverage()
    models["data/index.md#coverage"] = coverage_vm
    headers = {}
    for dialogue in catalog.dialogues:  # every language's site has every published report
        src_uri = page_url(dialogue.src_uri) + "index.md"  # the depth of the report's page
        page_vm = views.dialogue_page(dialogue, _base(src_uri))
        headers[dialogue.src_uri] = _compact(render("dialogue_header.html", page_vm, src_uri))
        models[dialogue.src_uri + "#header"] = page_vm
        # A generated page in place of the report's file (and of its translation's): the Platform writes
        # its front matter (no key of the report reaches the theme); its text went through the one sanitiser.
        body = render("dialogue.html", page_vm, src_uri)
        title = page_vm["title"]
        pages[dialogue.src_uri] = _page(title["text"], body, search=True, title_lang=title["lang"])
        bodies[dialogue.src_uri] = _compact(body).strip()
    return SitePages(
        pages=pages,
        home_html=_compact(render("home.html", home_vm, "index.md")),
        coverage_html=_compact(render("coverage.html", coverage_vm, "data/index.md")),
        webcal_html=_webcal_link(settings.root_url, t("label.subscribe_calendar")),
        dialogue_headers=headers,
        progress=progress,
        view_models=models,
        bodies=bodies,
        language=lang,
    )


def home_view(catalog: Catalog, views: ViewBuilder, progress_vm: ProgressData) -> HomePage:
    """Headline counts and the latest dated changes (consented challenges only, via the catalogue)."""
    t = views.t
    open_needs = [n for n in catalog.needs.values() if n.status in OPEN_NEED]
    available = [o for o in catalog.offers.values() if o.status in AVAILABLE_OFFER]
    challenges = list(catalog.challenges.values())

    def count(label: str, items: list[Any], url: str) -> HomeCount:
        real = catalog.real(items)
        examples = len(items) - len(real)
        note = t("home.plus_examples", count=examples) if examples else ""
        return {"label": label, "value": len(real), "url": url, "note": note}

    entries: list[Need | Offer] = catalog.real([*catalog.needs.values(), *catalog.offers.values()])
    dated = sorted(
        ((when, e) for e in entries if (when := e.updated or e.posted) is not None),
        key=lambda pair: (pair[0], pair[1].id),
        reverse=True,
    )
    return {
        "title": "home",
        "counts": [
            {"label": t("home.states"), "value": len(catalog.parties()), "url": "states/", "note": ""},
            count(t("home.open_needs"), open_needs, "needs/"),
            count(t("home.available_offers"), available, "offers/"),
            count(t("home.challenges"), challenges, "challenges/"),
        ],
        "as_of": views.date(catalog.today),
        "progress": progress_vm["summary"],
        "changes": [
            {
                "date": views.date(when),
                "date_iso": when.isoformat(),
                "id": e.id,
                "title": views.entry_text(e, "title"),
                "url": item_url(e.id),
            }
            for when, e in dated[:8]
        ],
    }


def _webcal_link(root_url: str, text: str) -> str:
    url = webcal_url(root_url, CALENDAR)
    return Markup('<a href="{}">{}</a>').format(url, text) if url else ""


_CELLS = re.compile(r"</(td|th)><(td|th)\b")
_TERM = re.compile(r"</dt>")
_DESCRIPTION = re.compile(r"</dd>(\s*)<dt>")


def _separated(html: str, colon: str) -> str:
    """Text between a label and its value and between table cells, for what reads a page as text.

    Material's search index joins the text of adjacent elements: a need's facts read
    "IdNOR-O-001StateNorway" in the search results. A hidden separator after each term of a
    facts list and a space between cells make them "Id : NOR-O-001 · État : Norvège" (the
    colon of the page's language); readers see the list as before (``hidden`` spans).
    Applied to the templates' output, whose markup is the Platform's own (data is escaped,
    contributor Markdown has no lists of terms).
    """
    html = _CELLS.sub(r"</\1> <\2", html)
    html = _DESCRIPTION.sub(r'<span hidden> · </span></dd>\1<dt>', html)
    term_end = f"<span hidden>{colon} </span></dt>"
    return _TERM.sub(lambda _: term_end, html)


def _compact(html: str) -> str:
    """Drop blank lines, which would end Python-Markdown's raw HTML block early."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def to_files(site: SitePages, config: MkDocsConfig) -> list[File]:
    """In-memory MkDocs files for every generated page."""
    from mkdocs.structure.files import File

    return [File.generated(config, src_uri, content=text) for src_uri, text in sorted(site.pages.items())]
