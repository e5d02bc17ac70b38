"""Shared test helpers, imported as ``from helpers import ...`` (tests/ is on the path).

Throwaway sites laid out like the repository root (``mkdocs.yml`` copied,
``build_hooks`` a symlink to the package, ``overrides/``, ``content/`` and
``schema/`` copied, ``states/`` written from a dict), MkDocs builds, State files
for fixtures, and throwaway git repositories. ``TODAY`` is the one "today" the
fixtures of these tests are written for; tests about the bundled data never use it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Set
from pathlib import Path

import pytest

from build_hooks.engine.catalog import Catalog, index_catalog
from build_hooks.engine.validate import ValidationResult, validate_paths
from build_hooks.i18n import messages
from build_hooks.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 27)
# 2026-11-27T00:00:00Z: every build in the tests is "as of" TODAY.
SOURCE_DATE_EPOCH = str(int(dt.datetime(2026, 11, 27, tzinfo=dt.UTC).timestamp()))
# Builds of the repository's own data are as of today, like the real site: a State's pull request
# that sets last_reviewed to today must pass them (TODAY is for the fixtures written for it).
REAL_TODAY = dt.datetime.now(tz=dt.UTC).date()
REAL_EPOCH = str(int(dt.datetime.combine(REAL_TODAY, dt.time(), tzinfo=dt.UTC).timestamp()))


def site_settings(config_file: Path = REPO / "mkdocs.yml", **changes: object) -> Settings:
    """The ``extra.pfp`` settings of ``config_file``, with ``changes`` applied."""
    return load_settings(config_file).model_copy(update=changes)


def make_site(
    tmp_path: Path,
    states: Mapping[str, str],
    *,
    content: Mapping[str, str] | None = None,
    repo_dialogues: bool = False,
    name: str = "site-src",
    with_examples: bool = False,
) -> Path:
    """Lay out a throwaway site under ``tmp_path/name`` and return its root (the folder of mkdocs.yml).

    ``states`` maps a file name (``"KHM"`` or ``"KHM.yml"``) to the file's text. ``content``
    maps paths under content/ to text written over the copy of the repository's content/.
    The repository's dialogue reports (content/dialogues/*.md, and their translations) are left out
    unless ``repo_dialogues``: each names a State, and a site without that State's file fails to build.
    """
    root = tmp_path / name
    root.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "build_hooks").symlink_to(REPO / "build_hooks", target_is_directory=True)
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "content", root / "content")
    if (REPO / "schema").is_dir():  # published as a download next to the site
        shutil.copytree(REPO / "schema", root / "schema")
    if not repo_dialogues:  # the reports and their translations (content/fr/dialogues/, content/es/dialogues/)
        for report in [*(root / "content").glob("dialogues/*.md"), *(root / "content").glob("*/dialogues/*.md")]:
            report.unlink()
    for rel, text in (content or {}).items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    write_record(root)  # the fixture record; a test adds the facts it needs with write_record(root, ...)
    if (REPO / "examples").is_dir() and with_examples:
        shutil.copytree(REPO / "examples", root / "examples")
    states_dir = root / "states"
    states_dir.mkdir()
    for file_name, text in states.items():
        target = file_name if file_name.endswith((".yml", ".yaml")) else f"{file_name}.yml"
        (states_dir / target).write_text(text, encoding="utf-8")
    return root


GOLDEN = REPO / "tests" / "golden" / "three_states"


def golden_site(tmp_path: Path) -> Path:
    """A throwaway site with the golden case's States, record and dialogue reports (three States)."""
    states = {p.name: p.read_text(encoding="utf-8") for p in sorted((GOLDEN / "states").glob("*.yml"))}
    content = {
        p.relative_to(GOLDEN / "content").as_posix(): p.read_text(encoding="utf-8")
        for p in (GOLDEN / "content").rglob("*")
        if p.is_file()
    }
    root = make_site(tmp_path, states, content=content)
    shutil.rmtree(root / "record")
    shutil.copytree(GOLDEN / "record", root / "record")
    return root


def build_env(epoch: str = SOURCE_DATE_EPOCH) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SOURCE_DATE_EPOCH"] = epoch
    return env


def run_mkdocs(
    root: Path, site_dir: Path | None = None, epoch: str = SOURCE_DATE_EPOCH
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` for the site at ``root``; never raises on a failed build."""
    site_dir = site_dir if site_dir is not None else root.parent / f"{root.name}-built"
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(root / "mkdocs.yml"),
        "--site-dir",
        str(site_dir),
    ]
    return subprocess.run(cmd, cwd=root, env=build_env(epoch), capture_output=True, text=True, timeout=600, check=False)


def build_site(root: Path, site_dir: Path | None = None) -> Path:
    """Build the site at ``root`` with ``mkdocs build --strict``; fail the test with MkDocs' output if it fails."""
    site_dir = site_dir if site_dir is not None else root.parent / f"{root.name}-built"
    proc = run_mkdocs(root, site_dir)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return site_dir


def validate_texts(tmp_path: Path, states: Mapping[str, str], today: dt.date = TODAY) -> ValidationResult:
    """Write State files into ``tmp_path/states`` and validate them as the build does."""
    folder = tmp_path / "states"
    folder.mkdir(parents=True, exist_ok=True)
    if not (tmp_path / "record").exists():
        write_record(tmp_path)
    for file_name, text in states.items():
        (folder / (file_name if file_name.endswith(".yml") else f"{file_name}.yml")).write_text(text, encoding="utf-8")
    return validate_paths([folder], today, tmp_path)


def catalog_from(tmp_path: Path, states: Mapping[str, str], today: dt.date = TODAY) -> Catalog:
    """The catalogue the build would index from these State files; fails the test on a validation error."""
    result = validate_texts(tmp_path, states, today)
    if not result.ok:
        pytest.fail("\n".join(p.text() for p in result.errors))
    return index_catalog(result, today)


def state_yaml(iso3: str, body: str = "", **header: str) -> str:
    """A minimal valid State file for ``iso3`` followed by ``body`` (YAML for needs/offers/challenges...)."""
    lines = ["schema_version: 2", f"state: {iso3}", f"last_reviewed: {header.get('last_reviewed', '2026-10-01')}"]
    return "\n".join(lines) + "\n" + textwrap.dedent(body)


# A small valid State file; line numbers are pinned by the tests that use it (status at 11:13).
KHM_SAMPLE = """\
schema_version: 2
state: KHM
# Membership, deadlines and reports are facts of the official record (record/*.csv),
# not of this file.
last_reviewed: 2026-10-01
needs:
  - id: KHM-N-001
    title: Land release in the north-west
    area: clearance
    kind: financial
    status: open
"""

FIXTURE_RECORD = Path(__file__).resolve().parent / "engine" / "fixture-record"


def write_record(root: Path, **rows: list[str]) -> Path:
    """Lay out ``root/record/``: the fixture record (every State's membership, empty tables otherwise),
    with ``rows`` (CSV lines without the header) added to the tables they name, e.g. ``article5=[...]``."""
    folder = root / "record"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(FIXTURE_RECORD, folder)
    for table, lines in rows.items():
        with (folder / f"{table}.csv").open("a", encoding="utf-8") as handle:
            handle.writelines(f"{line}\n" for line in lines)
    return folder


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit(root: Path, files: dict[str, str | None], message: str) -> str:
    """Write (or, for None, delete) files, commit everything, return the new commit's sha."""
    for rel, text in files.items():
        target = root / rel
        if text is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD")


def pfp_build(source: Path, site_dir: Path, timeout: int = 600) -> Path:
    """Build ``source`` in three languages with ``pfp build`` (MkDocs --strict per language) into
    ``site_dir``, as of today like the real site; fail the test with the build's output if it fails."""
    import os
    import subprocess
    import sys

    import pytest

    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "build_hooks.cli", "build", "--site-dir", str(site_dir)],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"pfp build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    assert (site_dir / "index.html").is_file(), "the build wrote no index.html"
    return site_dir


# --- English left in a French or Spanish message ----------------------------------------


def words(text: str) -> str:
    """``text`` as lower-case words between single spaces (punctuation and Markdown dropped), so
    that ``f" {fragment} " in words(text)`` finds whole words only."""
    text = re.sub(r"[^\w'’]+", " ", text.lower())
    return f" {' '.join(text.split())} "


def english_wording(
    lang: str,
    families: tuple[str, ...],
    *,
    skip: Set[str] = frozenset(),
    same_word: Set[str] = frozenset(),
    words_of: Callable[[str], str] = words,
) -> dict[str, set[str]]:
    """key -> the English words of each catalogue entry whose key starts with one of ``families``
    (what lies between its placeholders), less those its translation in ``lang`` shares with it
    (GitHub, CODEOWNERS, pfp review). An entry whose translation is its English is English
    throughout, unless its key is in ``same_word`` (rightly the same word in ``lang``).
    ``words_of`` turns text into space-padded words (:func:`words`, or one that also drops ids)."""
    english, target = messages("en"), messages(lang)
    out: dict[str, set[str]] = {}
    for key, text in english.items():
        if not key.startswith(families) or key in skip:
            continue
        same = target[key] == text and key not in same_word
        translated = "" if same else words_of(re.sub(r"\{[a-z_]+\}", " ", target[key]))
        fragments = {words_of(part).strip() for part in re.split(r"\{[a-z_]+\}", text)}
        kept = {f for f in fragments if re.search(r"[a-z]{3}", f) and f" {f} " not in translated}
        if kept:
            out[key] = kept
    return out


def english_left(text: str, lang: str, families: tuple[str, ...]) -> list[str]:
    """``key: words`` for each piece of English wording (of the entries in ``families``) that
    ``text``, meant to be in ``lang``, still contains: empty when every sentence is translated."""
    wording = english_wording(lang, families)
    assert wording, f"no catalogue entry starts with {families}"
    said = words(text)
    return [f"{key}: {f}" for key, fragments in sorted(wording.items()) for f in sorted(fragments) if f" {f} " in said]


def assert_said(text: str, lang: str, wanted: Iterable[str], families: tuple[str, ...]) -> None:
    """``text``, meant to be in ``lang``, says each of ``wanted`` and no English wording of the
    catalogue entries in ``families`` (a command's own messages)."""
    missing = [w for w in wanted if w not in text]
    assert not missing, f"not said: {missing}\n--- said:\n{text}"
    assert english_left(text, lang, families) == []
