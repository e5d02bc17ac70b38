"""``pfp build``: the three language sites, built in parallel and published all at once.

Each language is an ordinary MkDocs build of its own config (see
:mod:`build_hooks.site.languages`), run as a separate process so the two cores of
a build machine work at the same time. The results are assembled in a
staging folder (English at the root, French in ``fr/``, Spanish in ``es/``)
that replaces the site folder in one rename, and only when every language
built cleanly: a failure in any language leaves the previous site untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from build_hooks.site import publish as output
from build_hooks.site.builder import build_moment
from build_hooks.i18n import DEFAULT_LANGUAGE, LANGUAGES

# mkdocs.yml for the default language, mkdocs.<lang>.yml (which INHERITs it) for each other one.
CONFIGS: dict[str, str] = {lang: "mkdocs.yml" if lang == DEFAULT_LANGUAGE else f"mkdocs.{lang}.yml" for lang in LANGUAGES}


@dataclass(frozen=True)
class LanguageBuild:
    lang: str
    ok: bool
    seconds: float
    log: str


def _build_one(
    root: Path, lang: str, target: Path, strict: bool, epoch: str, extra_env: Mapping[str, str]
) -> LanguageBuild:
    # Not --quiet: it raises MkDocs' log level above warnings, so --strict would never see one.
    command = [sys.executable, "-m", "mkdocs", "build", "-f", CONFIGS[lang], "--site-dir", str(target)]
    if strict:
        command.append("--strict")
    env = {**os.environ, **extra_env, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    return LanguageBuild(lang, done.returncode == 0, time.perf_counter() - started, done.stdout + done.stderr)


def build_languages(
    root: Path,
    site_dir: Path,
    languages: tuple[str, ...] = LANGUAGES,
    jobs: int | None = None,
    strict: bool = True,
    env: Mapping[str, str] | None = None,
) -> list[LanguageBuild]:
    """Build ``languages`` into ``site_dir``; publish only if all succeeded. Returns each build's outcome.

    ``env`` is added to each build's environment (``PFP_LANG``: the language of its messages)."""
    extra_env = dict(env or {})
    if DEFAULT_LANGUAGE not in languages:
        raise ValueError("the English site is the root of the others and must be built")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=".pfp-build-", dir=site_dir.parent))
    try:
        workers = jobs or min(len(languages), os.cpu_count() or 1)
        # One "as of" moment for the three languages, even when the build runs past midnight.
        epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(int(build_moment(root).timestamp()))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(
                pool.map(lambda lang: _build_one(root, lang, workdir / lang, strict, epoch, extra_env), languages)
            )
        if not all(r.ok for r in results):
            return results
        assembled = workdir / DEFAULT_LANGUAGE
        for lang in languages:
            if lang != DEFAULT_LANGUAGE:
                shutil.move(str(workdir / lang), str(assembled / lang))
        output.publish(str(assembled), str(site_dir))
        return results
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
