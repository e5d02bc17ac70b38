"""MkDocs event hooks: thin functions that hand each build to the engine.

This is the only module listed under ``hooks:`` in mkdocs.yml. It keeps no
state of its own: ``mkdocs serve`` keeps this module alive between rebuilds,
so everything a build computes lives on that build's config object, made
afresh in ``on_config``. All cross-linking and counting happens there; the
later events only place precomputed content.
"""

from __future__ import annotations

import atexit
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort

from build_hooks.site import publish as output
from build_hooks.site.builder import BUILD_KEY, Build, output_files, prepare_build
from build_hooks.site.narrow import for_narrow_screens
from build_hooks.settings import SettingsError
from build_hooks.site.csp import add_csp, foreign_scripts, scripts, theme_script_hashes
from build_hooks.i18n import DEFAULT_LANGUAGE, fmt_date_medium, language_of_environment, state_name_in, translator
from build_hooks.site.languages import alternates, available_pages, not_found
from build_hooks.site.pages import COVERAGE_MARKER, HOME_MARKER, WEBCAL_MARKER, to_files
from build_hooks.site.subscribe import head_links, report_links

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.pfp")
FINAL_DIR_KEY = "_pfp_final_site_dir"
ALTERNATES_KEY = "_pfp_alternates"
THEME_SCRIPTS_KEY = "_pfp_theme_scripts"  # the CSP hashes of the theme's inline scripts
STATE_NAMES_KEY = "_pfp_state_names"


def _build(config: MkDocsConfig) -> Build:
    return config.extra[BUILD_KEY]


def _reader() -> str:
    """The language of the build's messages: the shell's locale (or PFP_LANG), as `pfp validate` reads it.

    Not the site's language: the person reading a failed French build's log may read English."""
    return language_of_environment(os.environ)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    serving = output.is_serve_dir(config.site_dir)
    reader = _reader()
    t = translator(reader)
    try:
        build = prepare_build(config.config_file_path, config.extra.get("pfp"), live=serving)
    except SettingsError as exc:
        for problem in exc.problems:
            log.error(problem.text(reader))
        raise Abort(t("problem.build_settings_errors", count=len(exc.problems), config=config.config_file_path)) from None
    if "SOURCE_DATE_EPOCH" not in os.environ and build.site is not None and not serving:
        # MkDocs dates the sitemap and gzip headers from this variable: use the build's moment.
        os.environ["SOURCE_DATE_EPOCH"] = str(int(build.generated_at.timestamp()))
    for problem in build.validation.problems:
        (log.error if problem.severity == "error" else log.debug)(problem.text(reader))
    if build.site is None:
        raise Abort(t("problem.build_state_errors", count=len(build.validation.errors)))
    config.extra[BUILD_KEY] = build
    # Known from the theme's templates before any page is rendered; never from a page.
    config.extra[THEME_SCRIPTS_KEY] = theme_script_hashes(config.theme.dirs)
    # Every page's footer says the day its data is as of (the theme's copyright partial shows it).
    t = translator(build.settings.language)
    config.extra["pfp_footer"] = t("footer.as_of", date=fmt_date_medium(build.today, build.settings.language))
    # The search dialog's accessible name (overrides/partials/search.html; Material gives it none).
    config.extra["pfp_search_label"] = t("search.dialog")
    # Pages without a page context (404.html) get the footer's "report an error" without a page address
    # and the feed at its absolute address (the 404 page is served at any path).
    config.extra["pfp_report"] = report_links(build.settings.language, config.repo_url or "", build.settings.contact_email)
    root_url = build.settings.root_url or config.site_url or ""
    config.extra["pfp_head_links"] = head_links("404.md", build.settings.language, {}, root=root_url)
    config.extra["pfp_not_found"] = not_found(build.settings.language, root_url)
    if "toc" in config.mdx_configs:  # the heading anchors' title, in the page's language
        config.mdx_configs["toc"]["permalink_title"] = t("label.permalink")
    if not serving:
        config.extra[FINAL_DIR_KEY] = config.site_dir
        config.site_dir = output.staging_dir(config.site_dir)
        # on_build_error gets no config; if this build fails, remove its staging folder at exit.
        atexit.register(output.discard, config.site_dir)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _build(config)
    assert build.site is not None
    for src_uri in build.unpublished_sources():
        draft = files.get_file_from_path(src_uri)
        if draft is not None:
            files.remove(draft)  # a draft must never become a File: no page, search entry or sitemap URL
    for file in to_files(build.site, config):
        original = files.get_file_from_path(file.src_uri)
        if original is not None:  # a dialogue report or its translation: the generated page takes its place
            files.remove(original)
            file.edit_uri = original.edit_uri
        files.append(file)
    # Language switcher targets for every page, worked out once per build. Generated pages (dialogue
    # reports too: in their translation or marked in their original language) exist in every language.
    settings = build.settings
    lang = settings.language
    available = available_pages(build.root, build.site.pages, build.unpublished_sources())
    root_url = settings.root_url or config.site_url or ""
    config.extra[ALTERNATES_KEY] = {
        page.src_uri: alternates(page.src_uri, lang, available, root_url) for page in files.documentation_pages()
    }
    assert build.catalog is not None
    config.extra[STATE_NAMES_KEY] = {
        iso3: state_name_in(iso3, lang) or build.catalog.state_name(iso3) for iso3 in build.catalog.states
    }
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    src_uri = page.file.src_uri
    lang = _build(config).settings.language
    context["pfp_alternates"] = config.extra[ALTERNATES_KEY].get(src_uri, [])
    context["pfp_head_links"] = head_links(src_uri, lang, config.extra[STATE_NAMES_KEY])
    contact = _build(config).settings.contact_email
    context["pfp_report"] = report_links(lang, config.repo_url or "", contact, page.canonical_url or "")
    return context


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _build(config).site
    assert site is not None
    if page.file.src_uri in site.bodies:
        return ""  # already HTML: on_page_content puts it in place, Python-Markdown has nothing to parse
    if HOME_MARKER in markdown:
        return markdown.replace(HOME_MARKER, site.home_html)
    if COVERAGE_MARKER in markdown:
        markdown = markdown.replace(COVERAGE_MARKER, site.coverage_html)
    return markdown.replace(WEBCAL_MARKER, site.webcal_html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # A generated page's body is finished, escaped and sanitised HTML: passing it through
    # Python-Markdown only re-parsed it (a third of the build time), to the same result.
    site = _build(config).site
    assert site is not None
    body = site.bodies.get(page.file.src_uri)
    if body is None or page.file.src_uri in site.dialogue_headers:
        # Hand-written Markdown (a dialogue report's too): its tables' cells get their headings, for
        # cards on a narrow screen, and its ids stay whole; the templates of generated pages do both.
        return for_narrow_screens(body if body is not None else html)
    return body


def _with_csp(html: str, where: str, config: MkDocsConfig, content: str = "") -> str:
    """The page with its policy; a script that is not the theme's is named (a warning fails --strict).

    It would not run anyway: the policy lists only the theme's hashes. ``content`` is the page's
    body, where no script element of any kind (inline, ``src=``, data block) belongs.
    """
    allowed: frozenset[str] = config.extra[THEME_SCRIPTS_KEY]
    found = foreign_scripts(html, allowed) + [" ".join(text.split())[:60] for _, text in scripts(content)]
    t = translator(_reader())
    for text in sorted(set(found)):
        log.warning(t("problem.build_foreign_script", where=where, script=repr(text)))
    return add_csp(html, allowed)


def on_post_page(output_html: str, page: Page, config: MkDocsConfig) -> str:
    return _with_csp(output_html, page.file.src_uri, config, page.content or "")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Theme pages such as 404.html get the same policy as content pages.
    return _with_csp(output_content, template_name, config) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    build = _build(config)
    if build.settings.language == DEFAULT_LANGUAGE:
        # Open data exists once, at the English root; the other languages link to it.
        for rel, text in sorted(output_files(build, config.site_url or "").items()):
            target = Path(config.site_dir) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
    final = config.extra.get(FINAL_DIR_KEY)
    if final is None:
        return
    if config.strict and output.strict_warnings_logged():
        output.discard(config.site_dir)
        t = translator(_reader())
        log.error(t("problem.build_strict_warnings"))
        return
    output.publish(config.site_dir, final)
    config.site_dir = final


def on_build_error(error: Exception) -> None:
    # No config here: the staging folder is removed by the handler on_config
    # registered with atexit. Nothing was published.
    t = translator(_reader())
    log.error(t("problem.build_failed"))
