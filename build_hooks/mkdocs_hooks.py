"""MkDocs event hooks: thin functions that hand each build to the engine.

This is the only module listed under ``hooks:`` in mkdocs.yml. It keeps no
state of its own: ``mkdocs serve`` keeps this module alive between rebuilds,
so everything a build computes lives on that build's config object, made
afresh in ``on_config``. All cross-linking and counting happens there; the
later events only place precomputed content.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort

from build_hooks.build import BUILD_KEY, Build, prepare_build
from build_hooks.pages import HOME_MARKER, to_files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.pfp")


def _build(config: MkDocsConfig) -> Build:
    return config.extra[BUILD_KEY]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = prepare_build(config.config_file_path, config.extra.get("pfp", {}))
    for problem in build.validation.problems:
        (log.error if problem.severity == "error" else log.debug)(problem.text())
    if build.site is None:
        count = len(build.validation.errors)
        raise Abort(f"pfp: {count} error(s) in the State files; nothing was built. Run `pfp validate` for details.")
    config.extra[BUILD_KEY] = build
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _build(config).site
    assert site is not None
    for file in to_files(site, config):
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if HOME_MARKER in markdown:
        site = _build(config).site
        assert site is not None
        return markdown.replace(HOME_MARKER, site.home_html)
    return markdown
